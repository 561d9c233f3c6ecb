/*
 * What a message means for the consensus engine: its kind, the trailers
 * and vote its author gave, NAKs and objections, merge notices, commands,
 * and the paths its diff touches.  Pure: rules in, facts out.
 */
#ifndef CLASSIFY_H
#define CLASSIFY_H

#include <stddef.h>

struct message;
struct model;
struct protocol;
struct protocols;
struct rules;
struct series_tag;

/* Kinds, as design.md §4 defines them. */
#define CLASSIFY_DESIGN		"design"
#define CLASSIFY_PATCH		"patch"
#define CLASSIFY_COVER		"cover"
#define CLASSIFY_ACK		"ack"
#define CLASSIFY_OBJECTION	"objection"
#define CLASSIFY_REVIEW		"review"
#define CLASSIFY_OTHER		"other"

/* Facts found in the author's own text (flags). */
#define CLASSIFY_F_NAK		0x001	/* an explicit NAK or Nacked-by */
#define CLASSIFY_F_OBJECTION	0x002	/* prose objection */
#define CLASSIFY_F_APPROVAL	0x004	/* approval without a trailer */
#define CLASSIFY_F_APPLIED	0x008	/* "Applied, thanks" */
#define CLASSIFY_F_PING		0x010
#define CLASSIFY_F_WITHDRAW	0x020	/* an objection withdrawn */
#define CLASSIFY_F_LAZY		0x040	/* an explicit lazy-consensus call */
#define CLASSIFY_F_BOT		0x080	/* automated sender */
#define CLASSIFY_F_AUTHOR	0x100	/* the proposer answering */
#define CLASSIFY_F_DESIGN_DOC	0x200	/* touches design documents */
#define CLASSIFY_F_RULE_ERROR	0x400	/* a rule hit its match limit */
#define CLASSIFY_F_PROCESS	0x800	/* about process (Cc), not code */
#define CLASSIFY_F_PROPOSAL	0x1000	/* proposes a design, untagged */
#define CLASSIFY_F_GAVE_ACK	0x2000	/* its own Acked-by or Reviewed-by */
#define CLASSIFY_F_GAVE_TESTED	0x4000	/* its own Tested-by */
#define CLASSIFY_F_GAVE_NACK	0x8000	/* its own Nacked-by */
#define CLASSIFY_F_HEDGE	0x10000	/* "not a NAK, but", "I don't object" */
#define CLASSIFY_F_SPAM		0x20000	/* unsolicited mail, not a proposal */
#define CLASSIFY_F_NO_THREAD	0x40000	/* a reply whose thread is not stored */
/*
 * Review points and the author's answers (design §5 A.3, A.4): set by the
 * rules on the sender's own unquoted text; the engine decides what they
 * mean from who sent them (reviewer or author) and what they answer.
 */
#define CLASSIFY_F_ASKS_CHANGE	0x80000	/* asks for a change to this version */
#define CLASSIFY_F_CONCERN	0x100000 /* questions the approach or premise */
#define CLASSIFY_F_ACCEPTS	0x200000 /* "will do", "agreed", "fixed in v2" */
#define CLASSIFY_F_DISPUTES	0x400000 /* the author disagrees with a point */
#define CLASSIFY_F_CONDITIONAL	0x800000 /* a tag given "with those changes" */
#define CLASSIFY_F_GIT_DIFF	0x1000000 /* its own diff, one git made */
#define CLASSIFY_F_SUBJECT_REVIEW 0x2000000 /* its subject says it answers
					     something to review */

/*
 * A trailer that names someone other than the sender (b4's rule): a
 * mismatch, or, when it is a verdict tag with the named person's address
 * ("Tested-by: Jane <jane@...>" sent on Jane's behalf), relayed: Jane's,
 * passed on by the sender.
 */
#define CLASSIFY_MISMATCH	1
#define CLASSIFY_RELAYED	2

struct classify_trailer {
	char	*tag;		/* canonical: "Acked-by" */
	char	*name;
	char	*email;		/* lower case, may be empty */
	char	*area;		/* the "# area" suffix, or NULL */
	int	 mismatch;	/* CLASSIFY_MISMATCH, _RELAYED, or 0 */
};

struct classify_command {
	char	*verb;		/* lower case: "tag", "untag", "mute", ... */
	char	*args;
};

/* A rule that matched the own text: what explain shows, the model reads. */
struct classify_hit {
	int		 class;		/* enum rules_class */
	const char	*rule;		/* its name, borrowed from the rules */
	size_t		 start, end;	/* offsets in the own text */
	const char	*ignored;	/* why it does not count, or NULL */
};

/* What the store knows about the message's place in its thread. */
struct classify_context {
	int		 reply;		/* a reply (Re: or references) */
	const char	*proposer;	/* email of the thread's poster, or NULL */
	const char	*proposer_name;	/* their name, or NULL */
	const char	*patch_author;	/* a pulled patch's author, or NULL */
	int		 reviewable;	/* the thread holds a patch or proposal */
	const struct protocols *protocols;	/* registry, or NULL */
	const struct model *model;	/* the learned model, or NULL */
};

/* A protocol the message bears on, and how we know. */
struct classify_protocol {
	const struct protocol	*protocol;	/* borrowed from the registry */
	const char		*source;	/* "path" or "text" */
};

struct classify_result {
	const char		*kind;		/* static string */
	const char		*why;		/* static: what decided it */
	int			 flags;		/* CLASSIFY_F_* */
	int			 has_vote;
	int			 vote;		/* -2..+2 */
	long			 window;	/* seconds the proposal names, 0 */
	struct classify_trailer	*trailers;
	size_t			 ntrailers;
	struct classify_command	*commands;
	size_t			 ncommands;
	char			**paths;	/* touched by its diff */
	size_t			 npaths;
	struct classify_protocol *protocols;
	size_t			 nprotocols;
	int			 ndoubts;	/* doubt rules that matched */
	char			*own;		/* the author's own text */
	struct classify_hit	*hits;		/* rules matched in it */
	size_t			 nhits;
	int			 prose;		/* its prose decided the kind */
	const char		*author_by;	/* static: how the sender is
						   known as the author, or NULL */
	const char		*rules_kind;	/* static: the rules' (model) */
	const char		*rules_why;	/* static: and what decided */
};

/* Classify a parsed message; release the result with classify_free. */
void	classify_message(const struct rules *, const struct message *,
	    const struct series_tag *, const struct classify_context *,
	    struct classify_result * /* OUT */);
void	classify_free(struct classify_result *);
/*
 * The author's own text of a body: no quoted lines, no attribution lines,
 * no signature, no diff, nothing from where a forwarded or original
 * message begins (the attribution and own-end rules; rules may be NULL).
 * Typographic apostrophes become plain ones.  The caller frees it.
 */
char	*classify_own_text(const struct rules *, const char *);
/*
 * The address in the "From:" line that opens a body (git format-patch's
 * author, when the sender is someone else), or NULL.  The caller frees it.
 */
char	*classify_body_from(const char *);

#endif
