/*
 * The consensus engine: (stored facts, policy, now) -> verdicts.  Pure and
 * deterministic: the same input gives the same output, byte for byte.
 * design.md §5 and etc/pvbot/policy.conf give the rules.
 */
#ifndef CONSENSUS_H
#define CONSENSUS_H

#include <stddef.h>
#include <time.h>

struct policy;

/* Verdicts of a proposal. */
#define CONSENSUS_WAITING	"waiting"
#define CONSENSUS_OBJECTED	"objected"
#define CONSENSUS_STALE		"stale-objection"
#define CONSENSUS_CONSENSUS	"consensus"
#define CONSENSUS_FAILED	"failed"
#define CONSENSUS_SUPERSEDED	"superseded"
#define CONSENSUS_COMMITTED	"committed"
#define CONSENSUS_NEEDS_REVIEW	"needs-review"
#define CONSENSUS_CHANGES	"changes-requested"

/* The rules a proposal was decided by (consensus_result.rules). */
#define CONSENSUS_RULES_CHECKIN	"check-in"
#define CONSENSUS_RULES_LAZY	"lazy-consensus"

/* One message of a proposal's threads, as the engine needs it. */
struct consensus_msg {
	const char	*id;
	const char	*parent;	/* NULL for a root */
	const char	*name;
	const char	*email;
	time_t		 date;
	const char	*kind;		/* classify's kinds */
	int		 flags;		/* CLASSIFY_F_* */
	int		 has_vote;
	int		 vote;
	int		 acked;		/* gave its own Acked/Reviewed-by */
	int		 tested;	/* gave its own Tested-by */
	int		 nacked;	/* gave its own Nacked-by */
	int		 stakeholder;	/* may veto with -2 */
	int		 committer;	/* may apply */
	int		 version;	/* the posting version it belongs to */
	/* From git sources (commits-poll.h); all 0 without one. */
	int		 patch;		/* a patch of its posting, with a diff */
	time_t		 committed_at;	/* when a commit applied it, or 0 */
	const char	*commit;	/* that commit's id, or NULL */
	const char	*commit_how;	/* how it was matched: COMMITS_BY_* */
	const char	*commit_source;	/* "mail <msgid>": a notice, or NULL */
	/*
	 * A patch of a series: its part of total (0 for a cover or a reply),
	 * and the proposal's sections its own diff touches (bit i:
	 * sections[i]; 0: not known, all of them).
	 */
	int		 part, total;
	unsigned long long sections;
	long long	 rowid;		/* the store's, to find its paths */
	/*
	 * The "# area" of its own Acked-by/Reviewed-by ("# x86"): NULL when
	 * it gave none or one without an area; several areas are joined by
	 * ", ".  An area limits the approval (consensus_area_names).
	 */
	const char	*area;
};

/*
 * A MAINTAINERS section a proposal touches (the most specific one of a
 * touched path): one of its M: must approve.  Strings are borrowed.
 */
struct consensus_section {
	const char	 *title;
	const char	**m;		/* "Name <email>" as written */
	const char	**m_email;	/* their addresses */
	size_t		  nm;
	/*
	 * The M: of the more general sections of the same files (THE REST):
	 * they may stand in when none of m answered the change by the
	 * window's end plus R.
	 */
	const char	**alt;		/* as written */
	const char	**alt_email;
	size_t		  nalt;
	/*
	 * What an approval's "# area" may name it by, besides its title: its
	 * F: patterns, and the touched paths it is the section of.
	 */
	const char	**f;
	size_t		  nf;
	const char	**paths;
	size_t		  npaths;
};

struct consensus_proposal {
	const char		*root;		/* Message-ID of the thread root */
	const char		*subject;
	const char		*kind;		/* "design" or "series" */
	const char		*list;		/* for policy overrides, or NULL */
	int			 version;	/* this proposal's version */
	time_t			 start;		/* when this version was posted */
	long			 window;	/* named by the proposal, or 0 */
	const char		*proposer;	/* email */
	char			**protocols;
	size_t			 nprotocols;
	struct consensus_msg	*msgs;		/* every version, by date */
	size_t			 nmsgs;
	time_t			 superseded_at;	/* a newer version, or 0 */
	time_t			 committed_at;	/* a Czar command, or 0 */
	int			 support_md;	/* changes SUPPORT.md */
	/* Changes a design document or a public I/O header. */
	int			 spec;
	/*
	 * The check-in policy: the sections whose approval it needs, and
	 * whether a MAINTAINERS file was configured at all (without one, any
	 * Acked-by or Reviewed-by from someone else approves).
	 */
	struct consensus_section *sections;
	size_t			 nsections;
	int			 maintainers;
	/* Derived from msgs when loaded, kept when msgs are not (cache). */
	const char		*proposer_name;	/* as their mail gives it */
	const char		*reply_to;	/* first mail of this version */
	time_t			 news;		/* newest mail by now, or start */
};

struct consensus_opinion {
	const char	*name;
	const char	*email;
	int		 vote;
	int		 stakeholder;
	int		 counted;	/* in the sum (a stale objector's is not) */
	const char	*message_id;	/* where it was given (or "proposer") */
	size_t		 stale;		/* 1 + the stale objection, or 0 */
};

struct consensus_objection {
	const char	*name;
	const char	*email;
	const char	*message_id;
	time_t		 since;
	const char	*state;		/* open, stale, withdrawn, resolved */
	time_t		 reply_by;	/* 0 when nobody has answered yet */
	int		 vote;		/* -1 or -2 */
	int		 stakeholder;
};

/* What a verdict rests on, besides opinions and objections. */
#define CONSENSUS_EV_APPROVAL	"approval"	/* an Acked/Reviewed-by */
#define CONSENSUS_EV_MISSING	"missing"	/* an M: not heard from */
#define CONSENSUS_EV_POINT	"point"		/* a change asked, a concern */

/* Point states. */
#define CONSENSUS_PT_OPEN	"open"		/* the author did not answer */
#define CONSENSUS_PT_ACCEPTED	"accepted"	/* a new version is owed */
#define CONSENSUS_PT_DISPUTED	"disputed"	/* the asker has R to reply */
#define CONSENSUS_PT_ANSWERED	"answered"	/* neither: answered */
#define CONSENSUS_PT_STALE	"stale"		/* disputed, asker silent R */
#define CONSENSUS_PT_RESOLVED	"resolved"	/* the asker approved since */

struct consensus_evidence {
	const char	*kind;		/* CONSENSUS_EV_* */
	const char	*name;		/* who (missing: the M: as written) */
	const char	*email;
	const char	*message_id;	/* where (NULL: missing) */
	time_t		 at;		/* given or raised */
	const char	*section;	/* approval, missing: the section */
	const char	*state;		/* point: CONSENSUS_PT_* */
	time_t		 answered;	/* point: the author's answer, or 0 */
	time_t		 by;		/* point: the asker's reply-by, or 0 */
	int		 maintainer;	/* approval, point: an M: of it */
	int		 earlier;	/* approval: given on an older version */
	const char	*area;		/* approval: its "# area", or NULL */
	/*
	 * approval: its area names none of the touched sections, so it
	 * counts for nothing.
	 */
	int		 outside;
};

/* One patch of a series, decided on its own (Xen commits patch by patch). */
struct consensus_patch {
	const char			*message_id;
	int				 part, total;
	const char			*verdict;
	char				 reason[256];
	time_t				 deadline;
	struct consensus_evidence	*evidence;
	size_t				 nevidence;
};

struct consensus_result {
	const char			*verdict;
	char				 reason[256];
	time_t				 deadline;	/* 0: none */
	time_t				 window_end;
	int				 sum;
	struct consensus_opinion	*opinions;
	size_t				 nopinions;
	struct consensus_objection	*objections;
	size_t				 nobjections;
	/*
	 * Git: of this version's npatches, ncommitted were applied by
	 * commits (ids in commits, the last on committed_at); agreed when
	 * the rules above passed too, commits aside.
	 */
	int				 npatches;
	int				 ncommitted;
	time_t				 committed_at;
	char				 commits[128];
	/*
	 * "<msgid>" of the mail whose commit notice (commits-notice.h)
	 * applied one of them, or NULL: every commit came from git.
	 */
	const char			*notice;
	int				 agreed;
	/*
	 * The rules applied (CONSENSUS_RULES_*), the window and reply time
	 * applied (the proposal's own or the policy's), and what the verdict
	 * rests on.  reopened: a consensus that later mail turned back, when
	 * (its mail's date), else 0.
	 */
	const char			*rules;
	long				 window;
	long				 responsive;
	struct consensus_evidence	*evidence;
	size_t				 nevidence;
	time_t				 reopened;
	time_t				 consensus_from;
	/* A series of several patches: each patch's verdict, by part. */
	struct consensus_patch		*patches;
	size_t				 npatch;
};

/* Evaluate one proposal at now; release with consensus_result_free. */
void	consensus_evaluate(const struct policy *,
	    const struct consensus_proposal *, time_t,
	    struct consensus_result * /* OUT */);
void	consensus_result_free(struct consensus_result *);
/*
 * The first moment after now at which the same facts could give another
 * verdict (a window's end, a reply-by, a mail dated later), or 0: never.
 */
time_t	consensus_horizon(const struct consensus_proposal *,
	    const struct consensus_result *, time_t);

/*
 * Whether an approval's "# area" (consensus_msg.area) limits it at all:
 * some word of it is not filler ("for the ... part").
 */
int	consensus_area_limits(const char *);
/*
 * Whether the area names the section (always, for an area that does not
 * limit): a word of it is a word of the section's title, of its F:
 * patterns or of the touched paths it is the section of; a path in it is
 * one of those paths or holds one.  consensus-checkin.c says it
 * in full.
 */
int	consensus_area_names(const char *, const struct consensus_section *);

/* Protocol stages and states. */
#define CONSENSUS_STAGE_DESIGN		"design"
#define CONSENSUS_STAGE_PROTOTYPE	"prototype"
#define CONSENSUS_STAGE_PRODUCTION	"production"
#define CONSENSUS_OK			"ok"
#define CONSENSUS_RIPE			"ripe"
#define CONSENSUS_BLOCKED		"blocked"
#define CONSENSUS_STALLED		"stalled"

struct consensus_protocol {
	const char	*name;
	const char	*stage;
	time_t		 since;		/* in this stage since, or 0 */
	time_t		 last_activity;	/* newest message bound to it, or 0 */
};

struct consensus_protocol_state {
	const char	*state;
	char		 reason[384];
	const char	*evidence;	/* root of the proposal that makes it ripe */
};

/*
 * A protocol's state from its proposals' verdicts (proposals[i] and
 * results[i] are the ones bound to it).
 */
void	consensus_protocol_evaluate(const struct policy *,
	    const struct consensus_protocol *,
	    const struct consensus_proposal *const *,
	    const struct consensus_result *const *, size_t, time_t,
	    struct consensus_protocol_state * /* OUT */);
/* The stage after stage, or NULL after production. */
const char *consensus_next_stage(const char *);
/* True for a known stage name. */
int	consensus_is_stage(const char *);

#endif
