/* The Atom feed of the decisions: verdicts and promotions, newest first. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <jansson.h>

#include "buf.h"
#include "consensus.h"
#include "datetime.h"
#include "facts.h"
#include "report.h"
#include "report-events.h"
#include "report-feed.h"
#include "report-html.h"
#include "report-page.h"
#include "status.h"
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

/*
 * A proposal whose patches commits applied: when the last landed, its
 * commits with their pages.  The entry's id is the proposal's root,
 * version and start (two proposals may share a root and a version), so
 * a later poll or report updates it in place.
 */
static void
report_feed_entry_commits(const struct report *r, size_t pi, struct buf *b)
{
	const struct consensus_proposal	*p = &r->view->proposals[pi];
	const struct consensus_result	*res = &r->view->results[pi];
	const struct view_commit	*c;
	const char			**ids;
	char				 path[REPORT_PATH_MAX], iso[32], *key;
	size_t				 i, j, n, np;

	datetime_format_iso(res->committed_at, iso, sizeof iso);
	report_page_path(r, pi, path, sizeof path);
	key = xasprintf("committed:%s:v%d:%lld", p->root, p->version,
	    (long long)p->start);
	buf_addstr(b, "<entry>\n<id>");
	report_feed_tag(b, key);
	free(key);
	buf_printf(b, "</id>\n<updated>%s</updated>\n<title>committed: ",
	    iso);
	report_html_escape(b, p->subject);
	buf_printf(b, " (v%d)</title>\n", p->version);
	buf_addstr(b, "<link rel=\"alternate\" type=\"text/html\" href=\"");
	report_feed_site_url(r, b, path);
	buf_addstr(b, "\"/>\n");
	np = status_patch_ids(p, &ids);
	for (i = 0; i < np; i++) {
		n = view_commits_of(r->view, ids[i], &c);
		for (j = 0; j < n; j++) {
			if (c[j].url == NULL)
				continue;
			buf_addstr(b, "<link rel=\"related\" href=\"");
			report_html_escape(b, c[j].url);
			buf_addstr(b, "\"/>\n");
		}
	}
	buf_addstr(b, "<content type=\"text\">");
	report_html_escape(b, res->reason);
	buf_addstr(b, ".");
	for (i = 0; i < np; i++) {
		n = view_commits_of(r->view, ids[i], &c);
		for (j = 0; j < n; j++) {
			datetime_format_iso(c[j].date, iso, sizeof iso);
			buf_addstr(b, " Commit ");
			report_html_escape(b, c[j].oid);
			buf_addstr(b, " on ");
			report_html_escape(b, c[j].branches);
			buf_printf(b, ", %s, applied &lt;", iso);
			report_html_escape(b, ids[i]);
			buf_addstr(b, "&gt; (matched by ");
			report_html_escape(b, c[j].how);
			buf_addstr(b, ").");
		}
	}
	free(ids);
	buf_addstr(b, "</content>\n</entry>\n");
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

/* A proposal committed by commits of git sources, not by a mail. */
static int
report_feed_committed(const struct report *r, long pi)
{
	return (pi >= 0 && strcmp(r->view->results[pi].verdict,
	    CONSENSUS_COMMITTED) == 0 && r->view->results[pi].ncommitted > 0);
}

/*
 * Verdict changes and promotions; a change to committed only when no
 * commit entry says it better.
 */
static int
report_feed_wanted(const struct report *r, const struct report_ev *ev)
{
	if (strcmp(ev->e->kind, "promotion") == 0)
		return (1);
	if (strcmp(ev->e->kind, "verdict") != 0)
		return (0);
	return (strcmp(report_html_str(ev->d, "to"), CONSENSUS_COMMITTED) !=
	    0 || !report_feed_committed(r, ev->proposal));
}

/* One entry: an event (ev), or a committed proposal (pi). */
struct report_feed_item {
	time_t			 at;
	const struct report_ev	*ev;
	size_t			 pi;
};

/* Newest first; at the same time, events first, in log order. */
static int
report_feed_cmp(const void *a, const void *b)
{
	const struct report_feed_item	*x = a, *y = b;

	if (x->at != y->at)
		return (x->at > y->at ? -1 : 1);
	if ((x->ev == NULL) != (y->ev == NULL))
		return (x->ev == NULL ? 1 : -1);
	if (x->ev != NULL)
		return (x->ev > y->ev ? -1 : x->ev < y->ev);
	return (x->pi < y->pi ? -1 : x->pi > y->pi);
}

/* Proposals by root, version and start: an entry's id. */
static int
report_feed_cmp_id(const void *ctx, size_t a, size_t b)
{
	const struct view		*v = ctx;
	const struct consensus_proposal	*x = &v->proposals[a];
	const struct consensus_proposal	*y = &v->proposals[b];
	int				 c;

	if ((c = strcmp(x->root, y->root)) != 0)
		return (c);
	if (x->version != y->version)
		return (x->version < y->version ? -1 : 1);
	return (x->start < y->start ? -1 : x->start > y->start);
}

static size_t
report_feed_items(const struct report *r, const struct report_evs *evs,
    struct report_feed_item **out)
{
	struct report_feed_item	*v;
	size_t			 i, k, n = 0, *idx, last = 0;
	int			 any = 0;

	v = xcalloc(evs->n + r->view->nproposals + 1, sizeof *v);
	for (i = 0; i < evs->n; i++) {
		if (!report_feed_wanted(r, &evs->v[i]))
			continue;
		v[n].at = evs->v[i].e->at;
		v[n++].ev = &evs->v[i];
	}
	/* One entry per id: the first of proposals that share one. */
	idx = facts_order(r->view->nproposals, report_feed_cmp_id, r->view);
	for (k = 0; k < r->view->nproposals; k++) {
		i = idx[k];
		if (!report_feed_committed(r, (long)i))
			continue;
		if (any && report_feed_cmp_id(r->view, last, i) == 0)
			continue;
		any = 1;
		last = i;
		v[n].at = r->view->results[i].committed_at;
		v[n++].pi = i;
	}
	free(idx);
	if (n > 0)
		qsort(v, n, sizeof *v, report_feed_cmp);
	*out = v;
	return (n);
}

/* The feed is as new as its newest entry, or now when it has none. */
static void
report_feed_head(const struct report *r, const struct report_feed_item *v,
    size_t n, struct buf *b)
{
	char	iso[32];

	datetime_format_iso(n > 0 ? v[0].at : r->view->now, iso, sizeof iso);
	buf_printf(b, "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed "
	    "xmlns=\"http://www.w3.org/2005/Atom\">\n<id>%sfeed</id>\n"
	    "<title>pvbot: PV protocol decisions</title>\n<subtitle>Verdict "
	    "changes of proposals, their commits, and promotions of PV "
	    "protocols</subtitle>\n<updated>%s</updated>\n<author><name>pvbot"
	    "</name>", REPORT_TAG, iso);
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
	struct report_evs	 evs;
	struct report_feed_item	*v;
	size_t			 i, n;

	report_events_load(r, &evs);
	n = report_feed_items(r, &evs, &v);
	report_feed_head(r, v, n, b);
	for (i = 0; i < n && i < REPORT_FEED_MAX; i++) {
		if (v[i].ev != NULL)
			report_feed_entry(r, v[i].ev, b);
		else
			report_feed_entry_commits(r, v[i].pi, b);
	}
	buf_addstr(b, "</feed>\n");
	free(v);
	report_events_free(&evs);
}
