/* The HTML the dashboard's pages share (report-html.c). */
#ifndef REPORT_HTML_H
#define REPORT_HTML_H

#include <time.h>

#include <jansson.h>

struct buf;
struct report;

/*
 * Append s escaped for HTML and XML text and attribute values; control
 * characters XML forbids are dropped.  NULL appends nothing.
 */
void		 report_html_escape(struct buf *, const char *);
/* A time element: machine-readable attribute, readable text. */
void		 report_html_time(struct buf *, time_t);
/* A badge: its class is prefix and word, its text the word. */
void		 report_html_badge(struct buf *, const char *, const char *);
/* A message as a link into the archive, or as plain text without one. */
void		 report_html_msg_link(const struct report *, struct buf *,
		    const char *, const char *);
/*
 * A commit by its short id, linked to its web page when url is set (the
 * git source's commit-url), the full id in its title.
 */
void		 report_html_commit_link(struct buf *, const char *,
		    const char *);
/* A page's head (title; up: the way back to the site's root) and foot. */
void		 report_html_head(struct buf *, const char *, const char *);
void		 report_html_foot(const struct report *, struct buf *,
		    const char *);
/* A JSON object's string member, or "" when absent. */
const char	*report_html_str(json_t *, const char *);

#endif
