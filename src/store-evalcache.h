/*
 * The evaluation cache: a proposal's verdict, kept with what it was
 * computed from, and reused while none of that can have changed.
 *
 * A proposal is reused when (1) the configuration is byte for byte the one
 * it was evaluated under, (2) its shape (the postings and threads it reads,
 * its start, its newer version) is the same, (3) none of its threads was
 * stamped since (triggers stamp every thread whose facts change with the
 * current epoch; schema 2), and (4) now lies between the evaluation and its
 * horizon, the first moment the same facts could give another verdict.
 * Anything else is evaluated from the messages, as without a cache.
 */
#ifndef STORE_EVALCACHE_H
#define STORE_EVALCACHE_H

#include <stddef.h>
#include <time.h>

struct buf;
struct config;
struct consensus_proposal;
struct consensus_result;
struct store;

struct store_evalcache_entry {
	char		*root;
	int		 version;
	char		*shape;
	long long	 epoch;		/* valid while its threads' gen < it */
	time_t		 at, horizon;
	char		*facts;		/* the proposal and its result */
	size_t		 len;
	int		 used;		/* reused by this evaluation */
};

struct store_evalcache_put;

struct store_evalcache {
	int				 cold;	/* nothing to reuse */
	long long			 epoch;	/* this evaluation's */
	long long			 seen;	/* stamped before: cached */
	time_t				 horizon; /* a design dated later */
	char				 digest[65]; /* of the config */
	struct store_evalcache_entry	*e;	/* by root, version, shape */
	size_t				 n;
	size_t				 nreused; /* entries used */
	struct store_evalcache_put	*puts;
	size_t				 nputs;
	char				**blocks;	/* the entries' bytes */
	size_t				 nblocks, block_used;
};

/*
 * Start an evaluation at now: take a new epoch (in its own transaction,
 * before the caller's read snapshot, so a change committed meanwhile is
 * stamped with it and seen next time) and read the reusable entries.
 * fresh: reuse nothing.  Returns 0, or -1 with *cause.
 */
int	store_evalcache_begin(struct store *, const struct config *, time_t,
	    int, struct store_evalcache * /* OUT */, char ** /* OUT */);
/* The entry for a proposal, or NULL. */
struct store_evalcache_entry *store_evalcache_find(struct store_evalcache *,
	    const char *, int, const char *);
/* May entry be reused at now, its threads' newest stamp being gen? */
int	store_evalcache_valid(const struct store_evalcache_entry *, long long,
	    time_t);
/* Queue a proposal evaluated afresh, with its horizon (0: none). */
void	store_evalcache_put(struct store_evalcache *,
	    const struct consensus_proposal *, const struct consensus_result *,
	    const char *, time_t);
/*
 * Write what was queued, drop what was not reused, and record the state,
 * inside the caller's write transaction.  horizon: the earliest date of a
 * design mail not yet sent at now, or 0.
 */
int	store_evalcache_commit(struct store *, struct store_evalcache *, time_t,
	    time_t, char ** /* OUT */);
void	store_evalcache_free(struct store_evalcache *);

/* Append the facts of a proposal and its result to a buffer. */
void	store_evalcache_encode(struct buf *, const struct consensus_proposal *,
	    const struct consensus_result *);
/*
 * Read an entry's facts into p and r.  The strings point into the entry,
 * which lives until store_evalcache_free; the arrays come from alloc(arg, size)
 * and are the caller's, whatever the outcome.  Returns -1 when the facts
 * are damaged.
 */
int	store_evalcache_decode(const struct store_evalcache_entry *,
	    struct consensus_proposal *, struct consensus_result *,
	    void *(*)(void *, size_t), void *);

#endif
