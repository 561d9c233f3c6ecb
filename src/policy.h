/*
 * policy.conf: the numbers the consensus engine applies (W, R, T, P),
 * who counts as a stakeholder, and per-list and per-protocol overrides.
 */
#ifndef POLICY_H
#define POLICY_H

#include <stddef.h>

struct policy_override {
	char	*kind;		/* "list" or "protocol" */
	char	*name;
	long	 window;	/* 0: not overridden */
	long	 responsive;
	long	 stalled;
	long	 changes;	/* POLICY_CHECKIN, POLICY_LAZY; 0: not */
};

/* How a change (a series, a design sent as a patch) is decided. */
#define POLICY_CHECKIN	1L	/* Xen's check-in policy: approvals */
#define POLICY_LAZY	2L	/* the lazy-consensus tally, silence passes */

struct policy {
	char			*path;
	long			 window;	/* W: lazy-consensus window */
	long			 responsive;	/* R: objector's time to answer */
	long			 stalled;	/* T: no activity in a stage */
	long			 remind;	/* P: Czar reminders repeat */
	long			 changes;	/* POLICY_CHECKIN or _LAZY */
	int			 maintainer_ack;/* consensus needs one */
	int			 proposer_vote;	/* the proposer's own opinion */
	int			 tested_vote;	/* what a Tested-by counts */
	int			 stale_counts;	/* stale objections in the sum */
	int			 version_answers; /* a new version answers */
	/*
	 * The branches a commit notice in mail must name to mean committed
	 * (commits-notice.h): comma-separated names or fnmatch patterns.
	 */
	char			*commit_branches;
	struct policy_override	*overrides;
	size_t			 noverrides;
};

/* The branches that mean committed when policy.conf names none. */
#define POLICY_COMMIT_BRANCHES	"staging,master,main"

/* Built-in defaults (Xen's governance numbers) when no file is given. */
void	policy_defaults(struct policy *);
/*
 * Load path (NULL: the built-in policy.conf) and validate; every problem
 * as "file:line: reason" in *cause.
 */
int	policy_load(const char *, struct policy ** /* OUT */, char **);
int	policy_parse(const char *, size_t, const char *, struct policy **,
	    char **);
void	policy_free(struct policy *);
/* W, R, T for a proposal on list bound to protocols (overrides apply). */
long	policy_window(const struct policy *, const char *, char *const *,
	    size_t);
long	policy_responsive(const struct policy *, const char *, char *const *,
	    size_t);
long	policy_stalled(const struct policy *, const char *);
/*
 * How changes on list bound to protocols are decided: POLICY_CHECKIN or
 * POLICY_LAZY (a protocol's override beats a list's; among protocols,
 * lazy wins).  Explicit lazy-consensus calls always take the tally.
 */
long	policy_changes(const struct policy *, const char *, char *const *,
	    size_t);

/* commit-branches, or POLICY_COMMIT_BRANCHES. */
const char *policy_commit_branches(const struct policy *);

#endif
