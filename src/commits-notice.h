/*
 * Commit notices in mail: the machine mails that say a commit landed on a
 * branch, whole or quoted in a reply, read as commit facts (a short or
 * full id, the commit's title, its author, committer and branch, and
 * when), and the posted patch such a notice applied, chosen only when
 * exactly one fits.  Formats read:
 *
 * - GitLab pipeline mails ("Pipeline #N has failed!", "Branch: staging",
 *   "Commit: 221f2748 ( .../-/commit/FULL )", "Commit Message: title...",
 *   "Commit Author: name", "Committed by: name");
 * - xen.git's patchbot ("[xen staging] title", "commit FULL",
 *   "Author: name <addr>", "Commit: name <addr>", "CommitDate: ...");
 * - the kernel's tip-bot2 ("[tip: x86/urgent] title", "Commit-ID: FULL",
 *   "Author: ...", "Committer: ...", "CommitterDate: ...").
 *
 * Pure.
 */
#ifndef COMMITS_NOTICE_H
#define COMMITS_NOTICE_H

#include <stddef.h>
#include <time.h>

/* How a notice was matched to a posted patch (commit_matches.how). */
#define COMMITS_BY_NOTICE	"notice"

/* Which machine sent it. */
#define COMMITS_NOTICE_GITLAB	"gitlab"
#define COMMITS_NOTICE_PATCHBOT	"patchbot"
#define COMMITS_NOTICE_TIPBOT	"tip-bot"

/* A shorter truncated title is too weak to name one patch. */
#define COMMITS_NOTICE_MIN_PREFIX	20

/* One notice; strings are owned. */
struct commits_notice {
	const char	*kind;		/* COMMITS_NOTICE_* */
	char		*oid;		/* lower-case hex, 7 to 40 digits */
	char		*title;		/* the commit's, without a "..." */
	int		 truncated;	/* it ended in "...": a prefix */
	char		*author;	/* the name as written */
	char		*author_email;	/* lower-cased, or NULL */
	char		*committer;	/* or NULL */
	char		*branch;	/* or NULL: then it counts for nothing */
	time_t		 at;		/* the notice's own time */
	int		 quoted;	/* read from a reply that quotes it */
};

/*
 * The notices in a message: its subject, decoded body, Date (UTC) and
 * the Date header's zone in seconds east of UTC (for the time of a quoted
 * notice, which the quoting client writes in its own zone).  Returns the
 * count; *out is a new array (NULL when none).
 */
size_t	commits_notice_parse(const char *, const char *, time_t, long,
	    struct commits_notice ** /* OUT */);
void	commits_notice_free(struct commits_notice *, size_t);

/* The zone of a Date header value ("... +0200") in seconds, or 0. */
long	commits_notice_zone(const char *);

/*
 * The time an attribution line ("On 12.09.2024 14:52, GitLab wrote:")
 * gives, read in zone unless it names its own; 0 when it gives none, or
 * none that is at most a week before date (and not after it).
 */
time_t	commits_notice_attribution(const char *, time_t, long);

/*
 * A person's name folded for comparing: accents and case dropped,
 * punctuation a space, "Last, First" turned around, the words sorted.
 * Caller frees.
 */
char	*commits_notice_name(const char *);
/* True when two display names are one person's by commits_notice_name. */
int	commits_notice_same_name(const char *, const char *);

/* A posted patch a notice may have applied. */
struct commits_notice_cand {
	long long	 message;	/* the store's rowid */
	long long	 series;	/* versions of one change share it */
	long long	 posting;	/* one version */
	time_t		 date;
	const char	*name;
	const char	*email;
	const char	*norm_subject;	/* series_parse_subject's form */
};

/*
 * The patch notice n applied: of the candidates whose subject is its
 * title (or starts with it, when truncated) and whose sender is its
 * author (by address, or by commits_notice_same_name), posted before it,
 * the newest, provided every one of them is a version of one change (one
 * series, or the same subject) and only one part of that version fits.
 * Returns the candidate's message, or 0 with *why saying why none was
 * claimed ("no posted patch ...", "... fit: ambiguous", ...).
 */
long long commits_notice_pick(const struct commits_notice *,
	    const struct commits_notice_cand *, size_t,
	    const char ** /* OUT why */);

/*
 * Whether branch counts as committed: a comma-separated list of names or
 * fnmatch(3) patterns ("staging,master,main,stable-*").
 */
int	commits_notice_branch_counts(const char *, const char *);

#endif
