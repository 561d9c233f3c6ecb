/* The Atom feed of the decisions: verdicts and promotions, newest first. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <jansson.h>

#include "buf.h"
#include "datetime.h"
#include "report.h"
#include "report-events.h"
#include "report-feed.h"
#include "report-html.h"
#include "report-page.h"
#include "view.h"
#include "xmalloc.h"

/* The tag URI authority of feed and entry ids: fixed, so ids are stable. */
#define REPORT_TAG	"tag:pvbot,2026:"

/* A URL of the site: absolute with a base, else relative to the feed. */
static void
report_feed_site_url(const struct report *r, struct buf *b, const char *path)
{
	if (r->base_url != NULL && *r->base_url != '\0') {
		report_html_escape(b, r->base_url);
		if (r->base_url[strlen(r->base_url) - 1] != '/')
			buf_addch(b, '/');
	}
	report_html_escape(b, path);
}

/* A tag URI from an event key: characters a tag may not hold escaped. */
static void
report_feed_tag(struct buf *b, const char *key)
{
	static const char	 keep[] = "-._~!$&'()*+,;=:@/?";
	const unsigned char	*p;
	struct buf		 t;

	buf_init(&t);
	buf_addstr(&t, REPORT_TAG);
	for (p = (const unsigned char *)key; *p != '\0'; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || strchr(keep, *p) != NULL)
			buf_addch(&t, (char)*p);
		else
			buf_printf(&t, "%%%02X", *p);
	}
	report_html_escape(b, t.data);
	buf_release(&t);
}

static void
report_feed_entry_verdict(const struct report *r, const struct report_ev *ev,
    struct buf *b)
{
	json_t		*d = ev->d;
	const char	*from = report_html_str(d, "from");
	char		 path[REPORT_PATH_MAX];

	buf_addstr(b, "<title>");
	report_html_escape(b, report_html_str(d, "to"));
	buf_addstr(b, ": ");
	report_html_escape(b, report_html_str(d, "subject"));
	buf_printf(b, " (v%lld)</title>\n", (long long)json_integer_value(
	    json_object_get(d, "version")));
	if (ev->proposal >= 0) {
		report_page_path(r, (size_t)ev->proposal, path, sizeof path);
		buf_addstr(b, "<link rel=\"alternate\" type=\"text/html\" "
		    "href=\"");
		report_feed_site_url(r, b, path);
		buf_addstr(b, "\"/>\n");
	}
	buf_addstr(b, "<content type=\"text\">");
	if (*from != '\0') {
		buf_addstr(b, "The verdict went from ");
		report_html_escape(b, from);
		buf_addstr(b, " to ");
	} else
		buf_addstr(b, "First verdict: ");
	report_html_escape(b, report_html_str(d, "to"));
	buf_addstr(b, ". ");
	report_html_escape(b, report_html_str(d, "reason"));
	buf_addstr(b, "</content>\n");
}

static void
report_feed_entry_promotion(const struct report *r, const struct report_ev *ev,
    struct buf *b)
{
	const struct report_event	*e = ev->e;
	json_t				*d = ev->d;
	char				*anchor;

	buf_addstr(b, "<title>");
	report_html_escape(b, e->subject);
	buf_addstr(b, " promoted to ");
	report_html_escape(b, report_html_str(d, "stage"));
	buf_addstr(b, "</title>\n<link rel=\"alternate\" type=\"text/html\" "
	    "href=\"");
	anchor = xasprintf("index.html#proto-%s", e->subject);
	report_feed_site_url(r, b, anchor);
	free(anchor);
	buf_addstr(b, "\"/>\n<content type=\"text\">");
	report_html_escape(b, e->subject);
	buf_addstr(b, " is now at the ");
	report_html_escape(b, report_html_str(d, "stage"));
	buf_addstr(b, " stage (by ");
	report_html_escape(b, report_html_str(d, "by"));
	buf_addstr(b, "): ");
	report_html_escape(b, report_html_str(d, "reason"));
	buf_addstr(b, "</content>\n");
}

static void
report_feed_entry(const struct report *r, const struct report_ev *ev,
    struct buf *b)
{
	char	 iso[32];

	datetime_format_iso(ev->e->at, iso, sizeof iso);
	buf_addstr(b, "<entry>\n<id>");
	report_feed_tag(b, ev->e->key);
	buf_printf(b, "</id>\n<updated>%s</updated>\n", iso);
	if (strcmp(ev->e->kind, "promotion") == 0)
		report_feed_entry_promotion(r, ev, b);
	else
		report_feed_entry_verdict(r, ev, b);
	buf_addstr(b, "</entry>\n");
}

static int
report_feed_wanted(const struct report_ev *ev)
{
	return (strcmp(ev->e->kind, "verdict") == 0 ||
	    strcmp(ev->e->kind, "promotion") == 0);
}

/* The feed is as new as its newest entry, or now when it has none. */
static void
report_feed_head(const struct report *r, const struct report_evs *evs,
    struct buf *b)
{
	time_t	updated = 0;
	char	iso[32];
	size_t	i;

	for (i = 0; i < evs->n; i++)
		if (report_feed_wanted(&evs->v[i]) && evs->v[i].e->at > updated)
			updated = evs->v[i].e->at;
	datetime_format_iso(updated != 0 ? updated : r->view->now, iso,
	    sizeof iso);
	buf_printf(b, "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed "
	    "xmlns=\"http://www.w3.org/2005/Atom\">\n<id>%sfeed</id>\n"
	    "<title>pvbot: PV protocol decisions</title>\n<subtitle>Verdict "
	    "changes of proposals and promotions of PV protocols"
	    "</subtitle>\n<updated>%s</updated>\n<author><name>pvbot</name>",
	    REPORT_TAG, iso);
	if (r->author != NULL && strchr(r->author, '@') != NULL) {
		buf_addstr(b, "<email>");
		report_html_escape(b, r->author);
		buf_addstr(b, "</email>");
	}
	buf_addstr(b, "</author>\n<link rel=\"self\" type=\"application/"
	    "atom+xml\" href=\"");
	report_feed_site_url(r, b, "feed.atom");
	buf_addstr(b, "\"/>\n<link rel=\"alternate\" type=\"text/html\" "
	    "href=\"");
	report_feed_site_url(r, b, "index.html");
	buf_addstr(b, "\"/>\n<generator version=\"");
	report_html_escape(b, r->version);
	buf_addstr(b, "\">pvbot</generator>\n");
}

/* The Atom feed of the decisions. */
void
report_feed(const struct report *r, struct buf *b)
{
	struct report_evs	evs;
	size_t			i, n = 0;

	report_events_load(r, &evs);
	report_feed_head(r, &evs, b);
	/* Newest first; events are given oldest first. */
	for (i = evs.n; i > 0 && n < REPORT_FEED_MAX; i--) {
		if (!report_feed_wanted(&evs.v[i - 1]))
			continue;
		report_feed_entry(r, &evs.v[i - 1], b);
		n++;
	}
	buf_addstr(b, "</feed>\n");
	report_events_free(&evs);
}
