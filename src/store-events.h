/*
 * The append-only event log: an evaluation's changes and the Czar's
 * promotions.  See store-events.c.
 */
#ifndef STORE_EVENTS_H
#define STORE_EVENTS_H

#include <time.h>

struct policy;
struct protocols;
struct store;
struct view;

/*
 * What an evaluation keeps of what it found.  The event log drives every
 * mail, so only an evaluation that may act keeps its events, and never one
 * at a time before the newest kept (eval_state.kept): exploring with
 * --now, or a dry run, never changes what pvbot will post.
 */
#define STORE_EVENTS_KEEP	0	/* keep them, unless before the newest */
#define STORE_EVENTS_TRY	1	/* the same, left in an open
					   transaction the caller rolls back */
#define STORE_EVENTS_NONE	2	/* none (only the evaluation cache) */
/*
 * Append to the event log what changed since the last evaluation: verdict
 * changes, objections gone stale, reminders due; and write the evaluation
 * cache.  Idempotent: the same facts and now add nothing the second time.
 * how is one of STORE_EVENTS_*.  Returns events added, or -1 with *cause.
 */
int	store_events_record(struct store *, const struct view *,
	    const struct policy *, int, char ** /* OUT */);
/*
 * Record a protocol's move to stage (by the Czar, by mail or CLI): the
 * stage, its history and a promotion event.  -1 with *cause if the
 * protocol or stage is unknown.
 */
int	store_events_promote(struct store *, const struct protocols *,
	    const char *, const char *, time_t, const char *, const char *,
	    const char *, char ** /* OUT */);
/* The stage the store holds for a protocol now, or NULL (caller frees). */
char	*store_events_stage(struct store *, const char *);

/* An event of the log; strings borrowed for the call, NULL when unset. */
struct store_events_entry {
	const char	*key;
	time_t		 at;
	const char	*kind;
	const char	*subject;
	const char	*detail;	/* JSON */
};

/*
 * The whole log, oldest first (ties in the order written).  -1 when it
 * cannot be read.
 */
int	store_events_log(struct store *,
	    void (*)(void *, const struct store_events_entry *), void *);

#endif
