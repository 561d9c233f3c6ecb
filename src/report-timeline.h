/* A protocol's timeline, drawn and listed (report-timeline.c). */
#ifndef REPORT_TIMELINE_H
#define REPORT_TIMELINE_H

#include <stddef.h>
#include <time.h>

struct buf;
struct report;
struct report_evs;

/*
 * A timeline: lane 0 is the protocol's stage (promotions), then one lane
 * per proposal bound to it, oldest first.
 */
struct report_timeline_mark {
	time_t		 at;
	size_t		 lane;
	const char	*kind;	/* posted, objection, verdict, stale, ... */
	char		*extra;	/* a CSS class, or NULL */
	char		*text;	/* what happened */
};

struct report_timeline {
	const char		*name;	/* NULL: proposals bound to none */
	size_t			*lanes;	/* proposal indexes, lane 1.. */
	size_t			 nlanes;
	size_t			*lane_of; /* proposal index -> lane, or 0 */
	size_t			 hidden;  /* older proposals left out */
	struct report_timeline_mark *marks;
	size_t			 nmarks;
	time_t			 t0, t1;
};

/* What the marks' shapes mean, as a figure caption. */
extern const char report_timeline_legend[];

/* The timeline of protocol name (NULL: the proposals bound to none). */
void	report_timeline_build(const struct report *, const struct report_evs *,
	    const char *, struct report_timeline * /* OUT */);
void	report_timeline_free(struct report_timeline *);
/* The timeline as inline SVG, its element id id. */
void	report_timeline_svg(const struct report *,
	    const struct report_timeline *, const char *, struct buf *);
/* The timeline again as a list: what a screen reader reads. */
void	report_timeline_list(const struct report_timeline *, struct buf *);

#endif
