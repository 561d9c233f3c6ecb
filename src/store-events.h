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
 * Append to the event log what changed since the last evaluation: verdict
 * changes, objections gone stale, reminders due; and write the evaluation
 * cache.  Idempotent: the same facts and now add nothing the second time.
 * Returns events added, or -1 with *cause.
 */
int	store_events_record(struct store *, const struct view *,
	    const struct policy *, char ** /* OUT */);
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
