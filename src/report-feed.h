/* The Atom feed of the decisions (report-feed.c). */
#ifndef REPORT_FEED_H
#define REPORT_FEED_H

struct buf;
struct report;

/* Entries in the feed: the newest verdict and promotion events. */
#define REPORT_FEED_MAX	200

/* feed.atom: one entry per verdict and promotion event, newest first. */
void	report_feed(const struct report *, struct buf * /* OUT */);

#endif
