/* The event log as the dashboard reads it (report-events.c). */
#ifndef REPORT_EVENTS_H
#define REPORT_EVENTS_H

#include <stddef.h>

#include <jansson.h>

struct report;
struct report_event;

/*
 * The events up to now, each read once: every timeline and the feed look
 * at all of them, and the log grows with every evaluation.
 */
struct report_ev {
	const struct report_event	*e;
	json_t				*d;		/* its detail */
	long				 proposal;	/* or -1 */
};

struct report_evs {
	struct report_ev	*v;
	size_t			 n;
};

/* The events up to the view's now, each tied to its proposal. */
void	report_events_load(const struct report *,
	    struct report_evs * /* OUT */);
void	report_events_free(struct report_evs *);

#endif
