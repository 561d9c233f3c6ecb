/*
 * Polling a git source: fetch its remote, read the commits new on each
 * configured branch since that branch's cursor, compute patch-ids of new
 * posted patches and of the commits that need one, and match commits to
 * patches.  Each batch of commits is committed with its branch's cursor,
 * so a kill at any point resumes exactly; a force-push or a vanished
 * cursor is noticed and the branch swept and read again.
 */
#ifndef COMMITS_POLL_H
#define COMMITS_POLL_H

struct config_source;
struct store;

struct commits_poll_stats {
	unsigned long	commits;	/* read from the branches */
	unsigned long	added;		/* stored for the first time */
	unsigned long	patchids;	/* computed for commits */
	unsigned long	patches;	/* posted patches read */
	unsigned long	matched;	/* commits (re)matched to a patch */
	unsigned long	gone;		/* left a branch by a force-push */
	unsigned long	resyncs;	/* branches swept */
};

struct commits_poll_opts {
	/* Asked between batches: stop now (the batch is committed). */
	int		(*stop)(void);
};

/*
 * Poll git source cs once.  Returns 0 when every branch was read, -1 with
 * *cause (what was read before the failure is committed).
 */
int	commits_poll(struct store *, const struct config_source *,
	    const struct commits_poll_opts *, struct commits_poll_stats *,
	    char ** /* OUT cause */);
/* "12 commits (3 new), 2 matched, ..." for the stats; caller frees. */
char	*commits_poll_summary(const struct commits_poll_stats *);

#endif
