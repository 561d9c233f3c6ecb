/*
 * The dashboard: a static site (index.html with every PV protocol and its
 * timeline, one page per proposal) and an Atom feed of the decisions,
 * composed from the engine's view and the event log.  Pure: each function
 * fills a buffer, and cmd-report.c writes the files.  The same view,
 * events and now give the same bytes.
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
};

/* Bytes of the longest page path report_page_path writes, with the NUL. */
#define REPORT_PATH_MAX	64

/* Tell apart the proposals that share a root and version; and free. */
void	report_pages_init(struct report *);
void	report_pages_free(struct report *);
/*
 * The page of proposal i, relative to the site: "p/HASH-vN.html", or
 * "p/HASH-vN-START.html" for a twin; unique per proposal.
 */
void	report_page_path(const struct report *, size_t,
	    char * /* OUT */, size_t);
/* index.html: every protocol, its stage, state and timeline. */
void	report_index(const struct report *, struct buf * /* OUT */);
/* The page of proposal i: verdict, tally, objections, messages. */
void	report_proposal(const struct report *, size_t,
	    struct buf * /* OUT */);
/* Entries in the feed: the newest verdict and promotion events. */
#define REPORT_FEED_MAX	200

/* feed.atom: one entry per verdict and promotion event, newest first. */
void	report_feed(const struct report *, struct buf * /* OUT */);
/*
 * Append s escaped for HTML and XML text and attribute values; control
 * characters XML forbids are dropped.
 */
void	report_escape(struct buf *, const char *);

#endif
