/*
 * The dashboard: a static site (index.html with every PV protocol and its
 * timeline, one page per proposal) and an Atom feed of the decisions,
 * composed from the engine's view and the event log.  Pure: each function
 * fills a buffer, and cmd-report.c writes the files.  The same view,
 * events and now give the same bytes.  report.c writes the front page,
 * report-page.c a proposal's, report-feed.c the feed, from the pieces of
 * report-html.c, report-timeline.c and report-events.c.
 */
#ifndef REPORT_H
#define REPORT_H

#include <stddef.h>
#include <time.h>

struct buf;
struct policy;
struct view;

/* One row of the event log; the strings are borrowed. */
struct report_event {
	const char	*key;		/* stable: names the feed entry */
	time_t		 at;
	const char	*kind;		/* verdict, stale, reminder, ... */
	const char	*subject;	/* a proposal's root or a protocol */
	const char	*detail;	/* JSON object */
};

struct report {
	const struct view		*view;		/* borrowed */
	const struct policy		*policy;	/* borrowed */
	const struct report_event	*events;	/* oldest first */
	size_t				 nevents;
	const char			*archive_url;	/* + Message-ID */
	const char			*base_url;	/* or NULL */
	const char			*author;	/* an address */
	const char			*version;	/* pvbot's */
	/*
	 * Per proposal: it shares its root and version with one posted
	 * before it (patches sent again in one thread), so its page name
	 * says when it started.  Set by report_pages_init.
	 */
	unsigned char			*twin;
	/*
	 * A message's subject by its Message-ID (the caller frees it), or
	 * NULL: the proposal pages list messages by subject.  NULL: by id.
	 */
	char				*(*subject)(void *, const char *);
	void				*subject_arg;
};

/*
 * index.html: every protocol, its stage, state and timeline.  The pages
 * of the proposals are report-page.h's, the feed report-feed.h's.
 */
void	report_index(const struct report *, struct buf * /* OUT */);

#endif
