/*
 * The proposal stage: from the facts the store holds to a view of every
 * proposal and its verdict.  Pure: store-view.c reads the rows and hands
 * them over; nothing here touches SQLite.  In order:
 *
 *   1. the stamps: every thread (its root, change stamp, newest mail) and
 *      every posting, with the evaluation cache (store-evalcache.h);
 *   2. proposal_plan: which proposals the cache gives, and so which
 *      threads must be read (all of them when the cache is cold);
 *   3. the rows of the wanted threads: messages, paths, protocols, lists;
 *   4. proposal_derive: the proposals, each with its messages and facts;
 *   5. proposal_evaluate: the engine's verdicts and the protocols' states.
 *
 * The view then holds the facts (v->facts) its proposals borrow from, and
 * view_free releases them.
 */
#ifndef PROPOSAL_H
#define PROPOSAL_H

#include <stddef.h>
#include <time.h>

struct mail_command_ctx;
struct policy;
struct protocols;
struct proposal_facts;
struct store_evalcache;
struct view;

/* A message of a wanted thread, as the messages table has it. */
struct proposal_row {
	long long	 rowid;
	long long	 thread;
	long long	 posting;	/* 0: not part of a posting */
	const char	*id;		/* borrowed: each is copied */
	const char	*parent;
	const char	*name;
	const char	*email;
	const char	*kind;
	const char	*subject;
	time_t		 date;
	int		 flags;		/* CLASSIFY_F_* */
	int		 has_vote, vote;
	int		 part;		/* its M of M/K, 99999 when none */
	int		 total;		/* its K, 0 when none */
	long		 window;	/* named by the message, or 0 */
};

/*
 * Start v at now.  ec is the evaluation cache as store_evalcache_begin
 * read it (the view takes it, and frees it), or NULL: nothing cached,
 * nothing to cache.  protocols may be NULL (none configured).
 */
void	 proposal_begin(struct view *, time_t, struct store_evalcache *,
	    const struct protocols *);
/* The cache and the earliest date of a design not yet sent, for commit. */
struct store_evalcache *proposal_evalcache(const struct view *,
	    time_t * /* OUT */);

/* 1. Each thread, by ascending id; root may be NULL (strings are copied). */
void	 proposal_add_stamp(struct view *, long long, const char *, long long,
	    time_t);
/* A posting: id, series, thread, version, first date, author. */
void	 proposal_add_posting(struct view *, long long, long long, long long,
	    int, time_t, const char *);

/* 2. Plan: the proposals take their places; the cached ones are filled. */
void	 proposal_plan(struct view *);
/*
 * The postings whose mail must be read in every thread it went to (those
 * of series the cache could not give); the loader marks those threads.
 */
size_t	 proposal_widen(const struct view *, const long long ** /* OUT */);
/* Mark a thread wanted (unknown threads are ignored). */
void	 proposal_want(struct view *, long long);
/* Whether a thread's messages are to be read. */
int	 proposal_wanted(const struct view *, long long);
/*
 * How to read: PROPOSAL_READ_NONE (nothing is wanted), _ALL (one scan of
 * each table; rows of other threads are dropped here), or _EACH (the
 * wanted threads one by one, through proposal_next_wanted).
 */
#define PROPOSAL_READ_NONE	0
#define PROPOSAL_READ_ALL	1
#define PROPOSAL_READ_EACH	2
int	 proposal_read_mode(const struct view *);
/* The wanted threads in id order: *pos starts at 0; 0 at the end. */
long long proposal_next_wanted(const struct view *, size_t *);

/*
 * 3. Rows (those of threads not wanted are dropped).  First what git
 * sources know, by message rowid (ascending): a row with a NULL oid says
 * the message is a patch with a diff; of its commit rows (oldest first)
 * the first names the commit that applied it, when, and how it matched.
 */
void	 proposal_add_git(struct view *, long long, time_t, const char *,
	    const char *, const char *);
/* Then the messages, then (in any order) the rest. */
void	 proposal_add_message(struct view *, const struct proposal_row *);
/* A path a message's diff touches (by the message's rowid). */
void	 proposal_add_path(struct view *, long long, const char *);
/*
 * The "# area" of a message's own Acked-by/Reviewed-by (by its rowid),
 * when each of them has one (several joined by ", "): it limits the
 * approval to the sections it names (consensus_msg.area).
 */
void	 proposal_add_area(struct view *, long long, const char *);
/* A protocol a thread is bound to. */
void	 proposal_add_protocol(struct view *, long long, const char *);
/*
 * A list a message came through: a thread's root's lists count, and the
 * others' only when the root never came.
 */
void	 proposal_add_list(struct view *, long long, const char *);
/* A protocol's recorded stage and since when (default: design, 0). */
void	 proposal_set_stage(struct view *, const char *, const char *,
	    time_t);
/* A thread bound to a protocol, for the protocol's last activity. */
void	 proposal_add_activity(struct view *, long long, const char *);

/* 4. The proposals from their messages; cmd says who maintains what. */
void	 proposal_derive(struct view *, const struct mail_command_ctx *);
/* 5. Verdicts for what the cache did not give, then protocol states. */
void	 proposal_evaluate(struct view *, const struct policy *);

/* Whether proposal i came from the cache (its arrays are the arena's). */
int	 proposal_cached(const struct view *, size_t);
/* For -v store: proposals reused, threads read, threads in all. */
void	 proposal_counts(const struct view *, size_t *, size_t *, size_t *);
/* Release the facts (view_free calls it). */
void	 proposal_facts_free(struct proposal_facts *);

#endif
