/*
 * The dashboard's HTML and the Atom feed.  No script, no fetch: every
 * page carries its own CSS and the timelines are inline SVG, so the site
 * works from file:// as well as from any web server.  State and verdict
 * are always written as words; colour and shape only repeat them.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <jansson.h>

#include "buf.h"
#include "consensus.h"
#include "datetime.h"
#include "policy.h"
#include "report.h"
#include "status.h"
#include "view.h"
#include "text.h"
#include "xmalloc.h"

/* The tag URI authority of feed and entry ids: fixed, so ids are stable. */
#define REPORT_TAG	"tag:pvbot,2026:"

static const char report_css[] =
	":root{--fg:#1b1b1b;--bg:#fff;--muted:#555;--line:#ccc;"
	"--accent:#0b57a4}\n"
	"*{box-sizing:border-box}\n"
	"body{margin:0;font:16px/1.5 system-ui,-apple-system,'Segoe UI',"
	"Roboto,sans-serif;color:var(--fg);background:var(--bg)}\n"
	"header,main,footer,nav{max-width:70rem;margin:0 auto;"
	"padding:0 1rem}\n"
	"header{padding-top:1rem}\n"
	"h1{font-size:1.6rem;margin:.2rem 0}\n"
	"h2{font-size:1.3rem;margin-top:2rem;border-bottom:1px solid "
	"var(--line)}\n"
	"h3{font-size:1.1rem;margin:1.5rem 0 .3rem}\n"
	"a{color:var(--accent)}\n"
	"a:focus{outline:2px solid var(--accent);outline-offset:2px}\n"
	".site{margin:0;color:var(--muted)}\n"
	"nav ul{list-style:none;padding:0;display:flex;flex-wrap:wrap;"
	"gap:.3rem 1.2rem}\n"
	".scroll,.tl{overflow-x:auto}\n"
	"table{border-collapse:collapse;width:100%;margin:.5rem 0}\n"
	"caption{text-align:left;color:var(--muted);padding:.2rem 0}\n"
	"th,td{border-bottom:1px solid var(--line);padding:.35rem .5rem;"
	"text-align:left;vertical-align:top}\n"
	"thead th{border-bottom:2px solid var(--fg)}\n"
	"td.num{text-align:right;font-variant-numeric:tabular-nums}\n"
	".title{color:var(--muted);font-weight:normal}\n"
	".badge{display:inline-block;padding:0 .45rem;border:1px solid;"
	"border-radius:.3rem;font-weight:600;white-space:nowrap}\n"
	".s-ok{color:#1d5e20;background:#e8f3e8}\n"
	".s-ripe{color:#6b3f00;background:#fff1d6}\n"
	".s-blocked{color:#8a1c1c;background:#fde8e8}\n"
	".s-stalled{color:#444;background:#eee;border-style:dashed}\n"
	".v-waiting{color:#0b4f8a;background:#e6f0fa}\n"
	".v-objected{color:#8a1c1c;background:#fde8e8}\n"
	".v-stale-objection{color:#6b3f00;background:#fff1d6}\n"
	".v-consensus{color:#1d5e20;background:#e8f3e8}\n"
	".v-failed{color:#8a1c1c;background:#fde8e8;border-style:double}\n"
	".v-superseded{color:#555;background:#f2f2f2;border-style:dashed}\n"
	".v-committed{color:#1d5e20;background:#d7ecd7;border-width:2px}\n"
	"dl.facts{display:grid;grid-template-columns:max-content 1fr;"
	"gap:.2rem 1rem}\n"
	"dl.facts dt{font-weight:600}\n"
	"dl.facts dd{margin:0}\n"
	"ul.proposals{padding-left:1.2rem}\n"
	"ul.proposals li{margin:.3rem 0}\n"
	".legend{color:var(--muted);font-size:.9rem}\n"
	"figure{margin:.5rem 0}\n"
	".tl svg{display:block;min-width:40rem;width:100%;height:auto}\n"
	"svg text{font:11px sans-serif;fill:#333}\n"
	"svg .axis,svg .bar{stroke:#999;stroke-width:1}\n"
	"svg .bar{stroke-width:3;stroke:#c8d6e5}\n"
	"svg .now{stroke:#333;stroke-dasharray:4 3}\n"
	"svg .deadline{stroke:#8a1c1c;stroke-width:2}\n"
	"svg .mark{stroke:#1b1b1b;stroke-width:1.5}\n"
	"svg .posted{fill:#fff}\n"
	"svg .objection{fill:#d9534f}\n"
	"svg .stale{fill:#f0ad4e}\n"
	"svg .promotion{fill:#0b57a4}\n"
	"svg .verdict{fill:#777}\n"
	"svg .verdict.v-consensus,svg .verdict.v-committed{fill:#2e7d32}\n"
	"svg .verdict.v-objected,svg .verdict.v-failed{fill:#c62828}\n"
	"svg .verdict.v-waiting{fill:#1565c0}\n"
	"svg .verdict.v-stale-objection{fill:#ef6c00}\n"
	"footer{color:var(--muted);font-size:.9rem;margin-top:2rem;"
	"padding-bottom:2rem}\n"
	"code{overflow-wrap:anywhere}\n"
	"@media (max-width:40rem){body{font-size:15px}"
	"dl.facts{grid-template-columns:1fr}dl.facts dd{margin-bottom:.4rem}"
	"table.stack thead{position:absolute;width:1px;height:1px;"
	"overflow:hidden;clip:rect(0 0 0 0)}"
	"table.stack tr{display:block;border-bottom:1px solid var(--line);"
	"padding:.4rem 0}"
	"table.stack th,table.stack td{display:block;border:0;padding:.1rem 0;"
	"text-align:left;overflow-wrap:anywhere}"
	"table.stack td[data-label]::before{content:attr(data-label) \": \";"
	"font-weight:600}"
	"table.stack td:empty{display:none}}\n";

/* Escape text for HTML and XML alike. */
void
report_escape(struct buf *b, const char *s)
{
	const unsigned char	*p;

	for (p = (const unsigned char *)s; s != NULL && *p != '\0'; p++) {
		switch (*p) {
		case '&': buf_addstr(b, "&amp;"); break;
		case '<': buf_addstr(b, "&lt;"); break;
		case '>': buf_addstr(b, "&gt;"); break;
		case '"': buf_addstr(b, "&quot;"); break;
		case '\'': buf_addstr(b, "&#39;"); break;
		default:
			/* XML 1.0 allows no other C0 control character. */
			if (*p >= 0x20 || *p == '\t' || *p == '\n' ||
			    *p == '\r')
				buf_addch(b, (char)*p);
			break;
		}
	}
}

/* Percent-encode what may not stand in a URL path segment as it is. */
static void
report_url_part(struct buf *b, const char *s)
{
	static const char	 keep[] = "-._~!$&'()*+,;=:@";
	const unsigned char	*p;

	for (p = (const unsigned char *)s; *p != '\0'; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || strchr(keep, *p) != NULL)
			buf_addch(b, (char)*p);
		else
			buf_printf(b, "%%%02X", *p);
	}
}

/* A time element: machine-readable attribute, readable text. */
static void
report_time(struct buf *b, time_t t)
{
	char	iso[32];

	datetime_format_iso(t, iso, sizeof iso);
	buf_printf(b, "<time datetime=\"%s\">%.10s %.5s UTC</time>", iso, iso,
	    iso + 11);
}

static void
report_badge(struct buf *b, const char *prefix, const char *word)
{
	buf_printf(b, "<span class=\"badge %s", prefix);
	report_escape(b, word);
	buf_addstr(b, "\">");
	report_escape(b, word);
	buf_addstr(b, "</span>");
}

/* A message as a link into the archive, or as plain text without one. */
static void
report_msg_link(const struct report *r, struct buf *b, const char *msgid,
    const char *text)
{
	struct buf	u;

	if (r->archive_url == NULL || *r->archive_url == '\0') {
		buf_addstr(b, "<code>");
		report_escape(b, text);
		buf_addstr(b, "</code>");
		return;
	}
	buf_init(&u);
	buf_addstr(&u, r->archive_url);
	report_url_part(&u, msgid);
	buf_addstr(b, "<a href=\"");
	report_escape(b, u.data);
	buf_addstr(b, "/\">");
	report_escape(b, text);
	buf_addstr(b, "</a>");
	buf_release(&u);
}

/* A proposal's page is named by its root and version, so links last. */
void
report_page_path(const struct report *r, size_t i, char *out, size_t len)
{
	const struct consensus_proposal	*p = &r->view->proposals[i];
	char				 hex[65];

	text_sha256_hex(p->root, strlen(p->root), hex);
	snprintf(out, len, "p/%.16s-v%d.html", hex, p->version);
}

static void
report_head(struct buf *b, const char *title, const char *up)
{
	buf_addstr(b, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n"
	    "<meta charset=\"utf-8\">\n<meta name=\"viewport\" "
	    "content=\"width=device-width, initial-scale=1\">\n<title>");
	report_escape(b, title);
	buf_printf(b, "</title>\n<link rel=\"alternate\" "
	    "type=\"application/atom+xml\" title=\"pvbot decisions\" "
	    "href=\"%sfeed.atom\">\n<style>\n%s</style>\n</head>\n<body>\n",
	    up, report_css);
}

static void
report_foot(const struct report *r, struct buf *b, const char *up)
{
	buf_addstr(b, "<footer>\n<p>Written by pvbot ");
	report_escape(b, r->version);
	buf_addstr(b, " as of ");
	report_time(b, r->view->now);
	buf_printf(b, ". Decisions as an <a href=\"%sfeed.atom\">Atom "
	    "feed</a>.</p>\n</footer>\n</body>\n</html>\n", up);
}

static int
report_bound(const struct consensus_proposal *p, const char *name)
{
	size_t	i;

	if (name == NULL)
		return (p->nprotocols == 0);
	for (i = 0; i < p->nprotocols; i++)
		if (strcmp(p->protocols[i], name) == 0)
			return (1);
	return (0);
}

/* A JSON detail's string member, or "" when absent. */
static const char *
report_str(json_t *o, const char *key)
{
	const char	*s = json_string_value(json_object_get(o, key));

	return (s != NULL ? s : "");
}

/* The event's detail; a broken one reads as an empty object. */
static json_t *
report_detail(const struct report_event *e)
{
	json_t	*o = json_loads(e->detail != NULL ? e->detail : "{}", 0, NULL);

	if (o == NULL || !json_is_object(o)) {
		json_decref(o);
		o = json_object();
	}
	return (o);
}

static const struct view *report_sort_view;

/* Proposals by root, then version, to find the one an event is about. */
static int
report_root_cmp(const void *a, const void *b)
{
	const struct consensus_proposal	*x, *y;
	int				 c;

	x = &report_sort_view->proposals[*(const size_t *)a];
	y = &report_sort_view->proposals[*(const size_t *)b];
	if ((c = strcmp(x->root, y->root)) != 0)
		return (c);
	return (x->version - y->version);
}

/* The proposal with root and version (0: any version), or -1. */
static long
report_find(const struct view *v, const size_t *idx, const char *root,
    int version)
{
	const struct consensus_proposal	*p;
	size_t				 lo = 0, hi = v->nproposals, mid;
	int				 c;

	while (lo < hi) {
		mid = (lo + hi) / 2;
		p = &v->proposals[idx[mid]];
		if ((c = strcmp(p->root, root)) == 0)
			c = p->version - version;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo == v->nproposals)
		return (-1);
	p = &v->proposals[idx[lo]];
	if (strcmp(p->root, root) != 0 || (version != 0 &&
	    p->version != version))
		return (-1);
	return ((long)idx[lo]);
}

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

static void
report_evs_load(const struct report *r, struct report_evs *evs)
{
	const struct view	*v = r->view;
	struct report_ev	*ev;
	size_t			*idx, i;
	int			 version;

	idx = xcalloc(v->nproposals + 1, sizeof *idx);
	for (i = 0; i < v->nproposals; i++)
		idx[i] = i;
	report_sort_view = v;
	if (v->nproposals > 0)
		qsort(idx, v->nproposals, sizeof *idx, report_root_cmp);
	evs->v = xcalloc(r->nevents + 1, sizeof *evs->v);
	evs->n = 0;
	for (i = 0; i < r->nevents; i++) {
		if (r->events[i].at > v->now)
			continue;
		ev = &evs->v[evs->n++];
		ev->e = &r->events[i];
		ev->d = report_detail(ev->e);
		ev->proposal = -1;
		if (strcmp(ev->e->kind, "promotion") == 0 ||
		    ev->e->subject == NULL)
			continue;
		version = strcmp(ev->e->kind, "verdict") != 0 ? 0 :
		    (int)json_integer_value(json_object_get(ev->d, "version"));
		ev->proposal = report_find(v, idx, ev->e->subject, version);
	}
	free(idx);
}

static void
report_evs_free(struct report_evs *evs)
{
	size_t	i;

	for (i = 0; i < evs->n; i++)
		json_decref(evs->v[i].d);
	free(evs->v);
}

/* A timeline draws at most this many proposals, the newest. */
#define REPORT_LANES	40

/*
 * A timeline: lane 0 is the protocol's stage (promotions), then one lane
 * per proposal bound to it, oldest first.
 */
struct report_mark {
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
	struct report_mark	*marks;
	size_t			 nmarks;
	time_t			 t0, t1;
};

static void
report_mark(struct report_timeline *tl, time_t at, size_t lane,
    const char *kind, char *extra, char *text)
{
	struct report_mark	*m;

	tl->marks = xreallocarray(tl->marks, tl->nmarks + 1, sizeof *tl->marks);
	m = &tl->marks[tl->nmarks++];
	m->at = at;
	m->lane = lane;
	m->kind = kind;
	m->extra = extra;
	m->text = text;
}

static int
report_lane_cmp(const void *a, const void *b)
{
	const struct consensus_proposal	*x, *y;

	x = &report_sort_view->proposals[*(const size_t *)a];
	y = &report_sort_view->proposals[*(const size_t *)b];
	if (x->start != y->start)
		return (x->start < y->start ? -1 : 1);
	if (x->version != y->version)
		return (x->version - y->version);
	return (strcmp(x->root, y->root));
}

/*
 * Proposals bound to the timeline's protocol, oldest first; of those bound
 * to none, only the open ones.  Only the newest REPORT_LANES are drawn.
 */
static void
report_lanes(const struct report *r, struct report_timeline *tl)
{
	const struct view	*v = r->view;
	size_t			 i;

	tl->lanes = xcalloc(v->nproposals + 1, sizeof *tl->lanes);
	tl->lane_of = xcalloc(v->nproposals + 1, sizeof *tl->lane_of);
	for (i = 0; i < v->nproposals; i++)
		if (report_bound(&v->proposals[i], tl->name) &&
		    (tl->name != NULL || status_is_open(&v->results[i])))
			tl->lanes[tl->nlanes++] = i;
	report_sort_view = v;
	if (tl->nlanes > 0)
		qsort(tl->lanes, tl->nlanes, sizeof *tl->lanes,
		    report_lane_cmp);
	if (tl->nlanes > REPORT_LANES) {
		tl->hidden = tl->nlanes - REPORT_LANES;
		memmove(tl->lanes, tl->lanes + tl->hidden, REPORT_LANES *
		    sizeof *tl->lanes);
		tl->nlanes = REPORT_LANES;
	}
	for (i = 0; i < tl->nlanes; i++)
		tl->lane_of[tl->lanes[i]] = i + 1;
}

/* The version of the posting a message of p answers, or 0. */
static int
report_msg_version(const struct consensus_proposal *p, const char *id)
{
	size_t	i;

	for (i = 0; i < p->nmsgs; i++)
		if (strcmp(p->msgs[i].id, id) == 0)
			return (p->msgs[i].version);
	return (0);
}

/*
 * Every version of a series carries the objections raised on the others:
 * draw each once, on the lane of the version it was raised on when that
 * version has a lane here.
 */
static int
report_objection_elsewhere(const struct report *r,
    const struct report_timeline *tl, size_t lane, const char *id)
{
	const struct consensus_proposal	*p, *q;
	const struct consensus_result	*res;
	size_t				 i, j;
	int				 version;

	p = &r->view->proposals[tl->lanes[lane - 1]];
	if ((version = report_msg_version(p, id)) == p->version)
		return (0);
	for (i = 0; i < tl->nlanes; i++) {
		q = &r->view->proposals[tl->lanes[i]];
		res = &r->view->results[tl->lanes[i]];
		if (i + 1 == lane || q->version != version)
			continue;
		for (j = 0; j < res->nobjections; j++)
			if (strcmp(res->objections[j].message_id, id) == 0)
				return (1);
	}
	return (0);
}

/* Each proposal's posting and the objections raised on it. */
static void
report_proposal_marks(const struct report *r, struct report_timeline *tl)
{
	const struct consensus_proposal	*p;
	const struct consensus_result	*res;
	const struct consensus_objection *o;
	size_t				 i, j;

	for (i = 0; i < tl->nlanes; i++) {
		p = &r->view->proposals[tl->lanes[i]];
		res = &r->view->results[tl->lanes[i]];
		report_mark(tl, p->start, i + 1, "posted", NULL,
		    xasprintf("v%d posted: %s", p->version, p->subject));
		for (j = 0; j < res->nobjections; j++) {
			o = &res->objections[j];
			if (report_objection_elsewhere(r, tl, i + 1,
			    o->message_id))
				continue;
			report_mark(tl, o->since, i + 1, "objection", NULL,
			    xasprintf("objection by %s (%s for v%d)",
			    o->name != NULL && *o->name != '\0' ? o->name :
			    o->email, o->state, p->version));
		}
	}
}

static void
report_event_mark(const struct report *r, struct report_timeline *tl,
    const struct report_ev *ev)
{
	const struct report_event	*e = ev->e;
	json_t				*d = ev->d;
	const char			*from = report_str(d, "from");
	size_t				 lane;

	if (strcmp(e->kind, "promotion") == 0) {
		if (tl->name != NULL && strcmp(e->subject, tl->name) == 0)
			report_mark(tl, e->at, 0, "promotion", NULL,
			    xasprintf("promoted to %s by %s: %s",
			    report_str(d, "stage"), report_str(d, "by"),
			    report_str(d, "reason")));
		return;
	}
	if (ev->proposal < 0 || (lane = tl->lane_of[ev->proposal]) == 0)
		return;
	if (strcmp(e->kind, "verdict") == 0)
		report_mark(tl, e->at, lane, "verdict", xasprintf("v-%s",
		    report_str(d, "to")), xasprintf("v%d %s%s%s: %s",
		    r->view->proposals[ev->proposal].version, from,
		    *from != '\0' ? " \xe2\x86\x92 " : "", report_str(d, "to"),
		    report_str(d, "reason")));
	else if (strcmp(e->kind, "stale") == 0)
		report_mark(tl, e->at, lane, "stale", NULL, xasprintf(
		    "objection by %s went stale (no reply by %s)",
		    report_str(d, "by"), report_str(d, "reply_by")));
}

static int
report_mark_cmp(const void *a, const void *b)
{
	const struct report_mark	*x = a, *y = b;

	if (x->at != y->at)
		return (x->at < y->at ? -1 : 1);
	if (x->lane != y->lane)
		return (x->lane < y->lane ? -1 : 1);
	return (strcmp(x->text, y->text));
}

static void
report_timeline_build(const struct report *r, const struct report_evs *evs,
    const char *name, struct report_timeline *tl)
{
	time_t	span;
	size_t	i;

	memset(tl, 0, sizeof *tl);
	tl->name = name;
	report_lanes(r, tl);
	report_proposal_marks(r, tl);
	for (i = 0; i < evs->n; i++)
		report_event_mark(r, tl, &evs->v[i]);
	if (tl->nmarks > 0)
		qsort(tl->marks, tl->nmarks, sizeof *tl->marks,
		    report_mark_cmp);
	tl->t0 = tl->t1 = r->view->now;
	for (i = 0; i < tl->nmarks; i++)
		if (tl->marks[i].at < tl->t0)
			tl->t0 = tl->marks[i].at;
	for (i = 0; i < tl->nlanes; i++)
		if (r->view->results[tl->lanes[i]].deadline > tl->t1)
			tl->t1 = r->view->results[tl->lanes[i]].deadline;
	if (tl->t1 - tl->t0 < 86400)
		tl->t0 = tl->t1 - 86400;
	/* A margin, so that no mark sits on the edge. */
	span = tl->t1 - tl->t0;
	tl->t0 -= span / 40;
	tl->t1 += span / 40;
}

static void
report_timeline_free(struct report_timeline *tl)
{
	size_t	i;

	for (i = 0; i < tl->nmarks; i++) {
		free(tl->marks[i].extra);
		free(tl->marks[i].text);
	}
	free(tl->marks);
	free(tl->lanes);
	free(tl->lane_of);
}

/* SVG geometry, in user units (tenths are kept as integers). */
#define REPORT_SVG_W		800
#define REPORT_SVG_X0		200
#define REPORT_SVG_X1		780
#define REPORT_SVG_TOP		12
#define REPORT_SVG_LANE		26
#define REPORT_SVG_AXIS		34

/* x of t in tenths of a unit: integers keep the output the same anywhere. */
static long long
report_x10(const struct report_timeline *tl, time_t t)
{
	long long	span = (long long)(tl->t1 - tl->t0);

	return (REPORT_SVG_X0 * 10LL + ((long long)(t - tl->t0) *
	    (REPORT_SVG_X1 - REPORT_SVG_X0) * 10LL) / span);
}

static long long
report_y10(size_t lane)
{
	return ((REPORT_SVG_TOP + REPORT_SVG_LANE / 2 +
	    (long long)lane * REPORT_SVG_LANE) * 10LL);
}

/* A number in tenths, printed as a decimal. */
static void
report_num(struct buf *b, long long v10)
{
	if (v10 < 0) {
		buf_addch(b, '-');
		v10 = -v10;
	}
	buf_printf(b, "%lld.%lld", v10 / 10, v10 % 10);
}

static void
report_coord(struct buf *b, const char *attr, long long v10)
{
	buf_printf(b, " %s=\"", attr);
	report_num(b, v10);
	buf_addch(b, '"');
}

/* Cut a label to about n bytes without splitting a UTF-8 sequence. */
static char *
report_cut(const char *s, size_t n)
{
	size_t	len = strlen(s);

	if (len <= n)
		return (xstrdup(s));
	while (n > 0 && ((unsigned char)s[n] & 0xc0) == 0x80)
		n--;
	return (xasprintf("%.*s\xe2\x80\xa6", (int)n, s));
}

static void
report_svg_label(struct buf *b, size_t lane, const char *text,
    const char *full)
{
	char	*cut = report_cut(text, 30);

	buf_addstr(b, "<text x=\"4\"");
	report_coord(b, "y", report_y10(lane) + 40);
	buf_addstr(b, "><title>");
	report_escape(b, full);
	buf_addstr(b, "</title>");
	report_escape(b, cut);
	buf_addstr(b, "</text>\n");
	free(cut);
}

static void
report_svg_line(struct buf *b, const char *cls, long long x1, long long y1,
    long long x2, long long y2)
{
	buf_printf(b, "<line class=\"%s\"", cls);
	report_coord(b, "x1", x1);
	report_coord(b, "y1", y1);
	report_coord(b, "x2", x2);
	report_coord(b, "y2", y2);
	buf_addstr(b, "/>");
}

/* The axis: five dated ticks and a dashed line at now. */
static void
report_svg_axis(const struct report *r, const struct report_timeline *tl,
    struct buf *b, long long bottom)
{
	long long	x;
	time_t		t;
	char		iso[32];
	int		k;

	report_svg_line(b, "axis", REPORT_SVG_X0 * 10LL, bottom,
	    REPORT_SVG_X1 * 10LL, bottom);
	buf_addch(b, '\n');
	for (k = 0; k <= 4; k++) {
		t = tl->t0 + (time_t)(((long long)(tl->t1 - tl->t0) * k) / 4);
		x = report_x10(tl, t);
		report_svg_line(b, "axis", x, bottom, x, bottom + 50);
		datetime_format_iso(t, iso, sizeof iso);
		buf_printf(b, "<text text-anchor=\"%s\"", k == 0 ? "start" :
		    k == 4 ? "end" : "middle");
		report_coord(b, "x", x);
		report_coord(b, "y", bottom + 180);
		buf_printf(b, ">%.10s</text>\n", iso);
	}
	x = report_x10(tl, r->view->now);
	report_svg_line(b, "now", x, REPORT_SVG_TOP * 10LL, x, bottom);
	buf_addstr(b, "<text text-anchor=\"end\"");
	report_coord(b, "x", x - 20);
	report_coord(b, "y", REPORT_SVG_TOP * 10LL + 20);
	buf_addstr(b, ">now</text>\n");
}

/* Where a lane's bar ends: its last mark, or later. */
static time_t
report_lane_end(const struct report_timeline *tl, size_t lane, time_t end)
{
	size_t	i;

	for (i = 0; i < tl->nmarks; i++)
		if (tl->marks[i].lane == lane && tl->marks[i].at > end)
			end = tl->marks[i].at;
	return (end);
}

/* Each proposal's lane: its label, its life as a bar, its deadline. */
static void
report_svg_lanes(const struct report *r, const struct report_timeline *tl,
    struct buf *b)
{
	const struct consensus_proposal	*p;
	const struct consensus_result	*res;
	char				*label, iso[32];
	long long			 y;
	time_t				 end;
	size_t				 i;

	if (tl->name != NULL)
		report_svg_label(b, 0, "stage: promotions",
		    "the protocol's stage changes");
	for (i = 0; i < tl->nlanes; i++) {
		p = &r->view->proposals[tl->lanes[i]];
		res = &r->view->results[tl->lanes[i]];
		y = report_y10(i + 1);
		label = xasprintf("v%d %s", p->version, p->subject);
		report_svg_label(b, i + 1, label, label);
		free(label);
		end = report_lane_end(tl, i + 1, status_is_open(res) ?
		    r->view->now : p->start);
		report_svg_line(b, "bar", report_x10(tl, p->start), y,
		    report_x10(tl, end), y);
		buf_addch(b, '\n');
		if (res->deadline == 0)
			continue;
		buf_addstr(b, "<g>");
		report_svg_line(b, "deadline", report_x10(tl, res->deadline),
		    y - 80, report_x10(tl, res->deadline), y + 80);
		datetime_format_iso(res->deadline, iso, sizeof iso);
		buf_printf(b, "<title>v%d deadline %.10s</title></g>\n",
		    p->version, iso);
	}
}

/* One mark; its shape tells its kind without colour. */
static void
report_svg_mark(const struct report_timeline *tl, size_t i, struct buf *b)
{
	const struct report_mark	*m = &tl->marks[i];
	long long			 x = report_x10(tl, m->at);
	long long			 y = report_y10(m->lane);
	char				 iso[32];
	size_t				 k;

	/* Marks at the same moment on one lane step left, to stay visible. */
	for (k = i; k > 0 && i - k < 8 && tl->marks[k - 1].at == m->at &&
	    tl->marks[k - 1].lane == m->lane; k--)
		x -= 110;

	if (strcmp(m->kind, "posted") == 0 || strcmp(m->kind, "verdict") == 0) {
		buf_printf(b, "<circle r=\"%s\"", strcmp(m->kind, "posted") ==
		    0 ? "6" : "4.5");
		report_coord(b, "cx", x);
		report_coord(b, "cy", y);
	} else if (strcmp(m->kind, "promotion") == 0) {
		buf_addstr(b, "<rect width=\"11\" height=\"11\"");
		report_coord(b, "x", x - 55);
		report_coord(b, "y", y - 55);
	} else {
		/* A triangle for an objection, a diamond when it went stale. */
		buf_addstr(b, "<path d=\"M");
		report_num(b, x);
		buf_addch(b, ' ');
		report_num(b, y - 65);
		if (strcmp(m->kind, "stale") == 0)
			buf_printf(b, " l6.5 6.5 l-6.5 6.5 l-6.5 -6.5z\"");
		else
			buf_printf(b, " l6.5 11.5 h-13z\"");
	}
	buf_printf(b, " class=\"mark %s%s%s\" data-kind=\"%s\"><title>",
	    m->kind, m->extra != NULL ? " " : "", m->extra != NULL ?
	    m->extra : "", m->kind);
	datetime_format_iso(m->at, iso, sizeof iso);
	buf_printf(b, "%.10s: ", iso);
	report_escape(b, m->text);
	buf_printf(b, "</title></%s>\n", strcmp(m->kind, "promotion") == 0 ?
	    "rect" : strcmp(m->kind, "posted") == 0 || strcmp(m->kind,
	    "verdict") == 0 ? "circle" : "path");
}

static void
report_svg(const struct report *r, const struct report_timeline *tl,
    const char *id, struct buf *b)
{
	size_t		nl = tl->nlanes + 1, i;
	long long	bottom = (REPORT_SVG_TOP + (long long)nl *
			    REPORT_SVG_LANE) * 10LL;
	char		t0[32], t1[32];

	datetime_format_iso(tl->t0, t0, sizeof t0);
	datetime_format_iso(tl->t1, t1, sizeof t1);
	buf_printf(b, "<div class=\"tl\"><svg xmlns=\"http://www.w3.org/2000/"
	    "svg\" viewBox=\"0 0 %d %lld\" role=\"img\" aria-labelledby=\""
	    "%s-t %s-d\" data-protocol=\"", REPORT_SVG_W, bottom / 10 +
	    REPORT_SVG_AXIS, id, id);
	report_escape(b, tl->name != NULL ? tl->name : "");
	buf_printf(b, "\" data-marks=\"%zu\">\n<title id=\"%s-t\">Timeline of "
	    "%s", tl->nmarks, id, tl->name != NULL ? "" : "proposals bound to "
	    "no protocol");
	report_escape(b, tl->name != NULL ? tl->name : "");
	buf_printf(b, "</title>\n<desc id=\"%s-d\">%zu proposal(s) and %zu "
	    "event(s) from %.10s to %.10s; the list below the figure says the "
	    "same in words.</desc>\n", id, tl->nlanes, tl->nmarks, t0, t1);
	report_svg_lanes(r, tl, b);
	report_svg_axis(r, tl, b, bottom);
	for (i = 0; i < tl->nmarks; i++)
		report_svg_mark(tl, i, b);
	buf_addstr(b, "</svg></div>\n");
}

static const char report_legend[] =
	"<figcaption class=\"legend\">\xe2\x97\x8b posted \xc2\xb7 "
	"\xe2\x97\x8f verdict \xc2\xb7 \xe2\x96\xb2 objection \xc2\xb7 "
	"\xe2\x97\x86 objection gone stale \xc2\xb7 \xe2\x96\xa0 promotion "
	"\xc2\xb7 red "
	"tick: deadline \xc2\xb7 dashed line: now</figcaption>\n";

/* The timeline again as a list: what a screen reader reads. */
static void
report_timeline_list(const struct report_timeline *tl, struct buf *b)
{
	size_t	i;

	buf_addstr(b, "<details><summary>The timeline as a list</summary>\n"
	    "<ol>\n");
	for (i = 0; i < tl->nmarks; i++) {
		buf_addstr(b, "<li>");
		report_time(b, tl->marks[i].at);
		buf_printf(b, " <span class=\"kind\">%s</span>: ",
		    tl->marks[i].kind);
		report_escape(b, tl->marks[i].text);
		buf_addstr(b, "</li>\n");
	}
	buf_addstr(b, "</ol>\n</details>\n");
}

static void
report_proposal_item(const struct report *r, size_t i, struct buf *b)
{
	const struct consensus_proposal	*p = &r->view->proposals[i];
	const struct consensus_result	*res = &r->view->results[i];
	char				 path[REPORT_PATH_MAX];

	report_page_path(r, i, path, sizeof path);
	buf_addstr(b, "<li>");
	report_badge(b, "v-", res->verdict);
	buf_printf(b, " <a href=\"%s\">", path);
	report_escape(b, p->subject);
	buf_printf(b, "</a> (v%d)", p->version);
	if (res->deadline != 0 && status_is_open(res)) {
		buf_addstr(b, ", deadline ");
		report_time(b, res->deadline);
	}
	buf_addstr(b, "<br>");
	report_escape(b, res->reason);
	buf_addstr(b, "</li>\n");
}

/* One protocol (or the unbound proposals): state, timeline, proposals. */
static void
report_section(const struct report *r, const struct report_evs *evs,
    const struct view_protocol *vp, size_t n, struct buf *b)
{
	struct report_timeline	 tl;
	char			 id[32];
	size_t			 i;

	snprintf(id, sizeof id, "tl%zu", n);
	report_timeline_build(r, evs, vp != NULL ? vp->in.name : NULL, &tl);
	if (vp != NULL) {
		buf_addstr(b, "<section class=\"protocol\" id=\"proto-");
		report_escape(b, vp->in.name);
		buf_addstr(b, "\">\n<h3>");
		report_escape(b, vp->in.name);
		buf_addstr(b, " <span class=\"title\">");
		report_escape(b, vp->title);
		buf_addstr(b, "</span></h3>\n<p>Stage <strong>");
		report_escape(b, vp->in.stage);
		buf_addstr(b, "</strong>");
		if (vp->in.since != 0) {
			buf_addstr(b, " since ");
			report_time(b, vp->in.since);
		}
		buf_addstr(b, "; state ");
		report_badge(b, "s-", vp->out.state);
		buf_addstr(b, ": ");
		report_escape(b, vp->out.reason);
		buf_addstr(b, "</p>\n");
	} else
		buf_addstr(b, "<section class=\"protocol\" id=\"unbound\">\n"
		    "<h2>Proposals bound to no protocol</h2>\n");
	if (tl.nmarks == 0)
		buf_addstr(b, "<p>No proposal and no decision recorded.</p>\n");
	else {
		buf_addstr(b, "<figure>\n");
		report_svg(r, &tl, id, b);
		buf_addstr(b, report_legend);
		buf_addstr(b, "</figure>\n");
		report_timeline_list(&tl, b);
		buf_addstr(b, "<ul class=\"proposals\">\n");
		for (i = tl.nlanes; i > 0; i--)
			report_proposal_item(r, tl.lanes[i - 1], b);
		buf_addstr(b, "</ul>\n");
	}
	if (tl.hidden > 0)
		buf_printf(b, "<p>%zu older proposal(s) are not shown; "
		    "<code>pvbot status --all</code> lists them.</p>\n",
		    tl.hidden);
	buf_addstr(b, "</section>\n");
	report_timeline_free(&tl);
}

static void
report_protocol_row(const struct view_protocol *vp, struct buf *b)
{
	buf_addstr(b, "<tr><th scope=\"row\"><a href=\"#proto-");
	report_escape(b, vp->in.name);
	buf_addstr(b, "\">");
	report_escape(b, vp->in.name);
	buf_addstr(b, "</a><br><span class=\"title\">");
	report_escape(b, vp->title);
	buf_addstr(b, "</span></th><td data-label=\"Stage\">");
	report_escape(b, vp->in.stage);
	buf_addstr(b, "</td><td data-label=\"Since\">");
	if (vp->in.since != 0)
		report_time(b, vp->in.since);
	else
		buf_addstr(b, "\xe2\x80\x94");
	buf_addstr(b, "</td><td data-label=\"State\">");
	report_badge(b, "s-", vp->out.state);
	buf_addstr(b, "</td><td data-label=\"Why\">");
	report_escape(b, vp->out.reason);
	buf_printf(b, "</td><td class=\"num\" data-label=\"Proposals\">%zu"
	    "</td></tr>\n", vp->nproposals);
}

static void
report_protocol_table(const struct report *r, struct buf *b)
{
	size_t	i;

	buf_addstr(b, "<section id=\"protocols\" aria-labelledby=\"h-protocols"
	    "\">\n<h2 id=\"h-protocols\">Protocols</h2>\n<div class=\"scroll\">"
	    "<table class=\"stack\">\n<caption>Every PV protocol pvbot "
	    "tracks: its lifecycle stage and whether the Czar has something "
	    "to do (ripe: ready to promote; blocked: an open objection; "
	    "stalled: no activity; ok: "
	    "nothing to do)</caption>\n<thead><tr><th scope=\"col\">Protocol"
	    "</th><th scope=\"col\">Stage</th><th scope=\"col\">Since</th>"
	    "<th scope=\"col\">State</th><th scope=\"col\">Why</th>"
	    "<th scope=\"col\">Proposals</th></tr></thead>\n<tbody>\n");
	for (i = 0; i < r->view->nprotocols; i++)
		report_protocol_row(&r->view->protocols[i], b);
	buf_addstr(b, "</tbody>\n</table></div>\n</section>\n");
}

static void
report_policy_line(const struct report *r, struct buf *b)
{
	char	w[16], rr[16], t[16];

	datetime_format_duration(r->policy->window, w, sizeof w);
	datetime_format_duration(r->policy->responsive, rr, sizeof rr);
	datetime_format_duration(r->policy->stalled, t, sizeof t);
	buf_addstr(b, "<p>As of ");
	report_time(b, r->view->now);
	buf_printf(b, ". Review window %s; an answered objector has %s to "
	    "reply; a stage with no activity for %s is stalled.</p>\n", w, rr,
	    t);
}

/* The front page: the protocol table, then each protocol's section. */
void
report_index(const struct report *r, struct buf *b)
{
	struct report_evs	evs;
	size_t			i;

	report_evs_load(r, &evs);
	report_head(b, "pvbot: PV protocols", "");
	buf_addstr(b, "<header>\n<p class=\"site\">pvbot: lazy consensus for "
	    "Xen PV protocols</p>\n<h1>PV protocols</h1>\n");
	report_policy_line(r, b);
	buf_addstr(b, "</header>\n<nav aria-label=\"Sections\"><ul>\n"
	    "<li><a href=\"#protocols\">Protocols</a></li>\n"
	    "<li><a href=\"#timelines\">Timelines</a></li>\n"
	    "<li><a href=\"#unbound\">Proposals bound to no protocol</a></li>\n"
	    "<li><a href=\"feed.atom\">Atom feed</a></li>\n</ul></nav>\n"
	    "<main>\n");
	report_protocol_table(r, b);
	buf_addstr(b, "<section id=\"timelines\" aria-labelledby=\"h-timelines"
	    "\">\n<h2 id=\"h-timelines\">Timelines</h2>\n");
	for (i = 0; i < r->view->nprotocols; i++)
		report_section(r, &evs, &r->view->protocols[i], i, b);
	buf_addstr(b, "</section>\n");
	report_section(r, &evs, NULL, r->view->nprotocols, b);
	buf_addstr(b, "</main>\n");
	report_foot(r, b, "");
	report_evs_free(&evs);
}

/* Who, as "Name <address>" or the address alone. */
static void
report_person(struct buf *b, json_t *by)
{
	const char	*name = report_str(by, "name");

	if (*name != '\0') {
		report_escape(b, name);
		buf_addstr(b, " &lt;");
	}
	report_escape(b, report_str(by, "email"));
	if (*name != '\0')
		buf_addstr(b, "&gt;");
}

static void
report_json_time(struct buf *b, json_t *t, time_t now)
{
	time_t	when;

	if (!json_is_string(t) || datetime_parse_user(json_string_value(t),
	    &when) != 0) {
		buf_addstr(b, "\xe2\x80\x94");
		return;
	}
	report_time(b, when);
	if (when <= now)
		buf_addstr(b, " (passed)");
}

static void
report_vote(struct buf *b, json_int_t v)
{
	buf_printf(b, "%s%lld", v > 0 ? "+" : v < 0 ? "\xe2\x88\x92" : "",
	    (long long)(v < 0 ? -v : v));
}

/* Where an opinion was given: a link, or the word for the proposer's. */
static void
report_given_in(const struct report *r, struct buf *b, const char *msgid)
{
	if (strcmp(msgid, "proposer") == 0)
		buf_addstr(b, "(the proposal)");
	else
		report_msg_link(r, b, msgid, msgid);
}

/* The maintainer column; the cell before it is still open. */
static void
report_yes_no(struct buf *b, json_t *v)
{
	buf_printf(b, "</td><td data-label=\"Maintainer\">%s</td>",
	    json_is_true(v) ? "yes" : "no");
}

static void
report_tally(const struct report *r, json_t *j, struct buf *b)
{
	json_t	*tally = json_object_get(j, "tally"), *o;
	size_t	 i;

	buf_addstr(b, "<section aria-labelledby=\"h-tally\">\n<h2 id=\"h-tally"
	    "\">Tally</h2>\n<div class=\"scroll\"><table class=\"stack\">\n"
	    "<caption>Each person's latest opinion, counted once; "
	    "maintainers of the touched files may veto with \xe2\x88\x92" "2"
	    "</caption>\n<thead><tr><th "
	    "scope=\"col\">Who</th><th scope=\"col\">Vote</th><th scope=\"col"
	    "\">Maintainer</th><th scope=\"col\">Given in</th></tr></thead>\n"
	    "<tbody>\n");
	json_array_foreach(json_object_get(tally, "votes"), i, o) {
		buf_addstr(b, "<tr><th scope=\"row\">");
		report_person(b, json_object_get(o, "by"));
		buf_addstr(b, "</th><td class=\"num\" data-label=\"Vote\">");
		report_vote(b, json_integer_value(json_object_get(o, "vote")));
		report_yes_no(b, json_object_get(o, "maintainer"));
		buf_addstr(b, "<td data-label=\"Given in\">");
		report_given_in(r, b, report_str(o, "message_id"));
		buf_addstr(b, "</td></tr>\n");
	}
	buf_addstr(b, "</tbody>\n<tfoot><tr><th scope=\"row\">Sum</th>"
	    "<td class=\"num\" data-label=\"Vote\">");
	report_vote(b, json_integer_value(json_object_get(tally, "sum")));
	buf_addstr(b, "</td><td></td><td></td></tr></tfoot>\n</table></div>\n"
	    "</section>\n");
}

static void
report_objections(const struct report *r, json_t *j, struct buf *b)
{
	json_t	*a = json_object_get(j, "objections"), *o;
	size_t	 i;

	buf_addstr(b, "<section aria-labelledby=\"h-objections\">\n<h2 id=\""
	    "h-objections\">Objections</h2>\n");
	if (json_array_size(a) == 0) {
		buf_addstr(b, "<p>No objections.</p>\n</section>\n");
		return;
	}
	buf_addstr(b, "<div class=\"scroll\"><table class=\"stack\">\n"
	    "<caption>An open objection blocks; once answered, its author "
	    "must reply by the date shown or it goes stale</caption>\n"
	    "<thead><tr><th scope=\"col"
	    "\">By</th><th scope=\"col\">State</th><th scope=\"col\">Since"
	    "</th><th scope=\"col\">Reply by</th><th scope=\"col\">Vote</th>"
	    "<th scope=\"col\">Maintainer</th><th scope=\"col\">Message</th>"
	    "</tr></thead>\n<tbody>\n");
	json_array_foreach(a, i, o) {
		buf_addstr(b, "<tr><th scope=\"row\">");
		report_person(b, json_object_get(o, "by"));
		buf_addstr(b, "</th><td data-label=\"State\">");
		report_escape(b, report_str(o, "state"));
		buf_addstr(b, "</td><td data-label=\"Since\">");
		report_json_time(b, json_object_get(o, "since"), 0);
		buf_addstr(b, "</td><td data-label=\"Reply by\">");
		report_json_time(b, json_object_get(o, "reply_by"),
		    r->view->now);
		buf_addstr(b, "</td><td class=\"num\" data-label=\"Vote\">");
		report_vote(b, json_integer_value(json_object_get(o, "vote")));
		report_yes_no(b, json_object_get(o, "maintainer"));
		buf_addstr(b, "<td data-label=\"Message\">");
		report_msg_link(r, b, report_str(o, "message_id"), "message");
		buf_addstr(b, "</td></tr>\n");
	}
	buf_addstr(b, "</tbody>\n</table></div>\n</section>\n");
}

/* Every message of every version, with its kind and archive link. */
static void
report_messages(const struct report *r, size_t pi, struct buf *b)
{
	const struct consensus_proposal	*p = &r->view->proposals[pi];
	const struct consensus_msg	*m;
	size_t				 i;

	buf_printf(b, "<section aria-labelledby=\"h-messages\">\n<h2 id=\""
	    "h-messages\">Messages</h2>\n<div class=\"scroll\">"
	    "<table class=\"stack\">\n<caption>%zu message(s) of this "
	    "proposal's threads, every version, oldest first</caption>\n"
	    "<thead><tr><th scope=\"col\">"
	    "Date</th><th scope=\"col\">From</th><th scope=\"col\">Kind</th>"
	    "<th scope=\"col\">Version</th><th scope=\"col\">Message</th></tr>"
	    "</thead>\n<tbody>\n", p->nmsgs);
	for (i = 0; i < p->nmsgs; i++) {
		m = &p->msgs[i];
		buf_addstr(b, "<tr><th scope=\"row\">");
		report_time(b, m->date);
		buf_addstr(b, "</th><td data-label=\"From\">");
		report_escape(b, m->name != NULL && *m->name != '\0' ? m->name :
		    m->email != NULL ? m->email : "?");
		buf_addstr(b, "</td><td data-label=\"Kind\">");
		report_escape(b, m->kind);
		buf_printf(b, "</td><td class=\"num\" data-label=\"Version\">"
		    "%d</td><td data-label=\"Message\">", m->version);
		report_msg_link(r, b, m->id, m->id);
		buf_addstr(b, "</td></tr>\n");
	}
	buf_addstr(b, "</tbody>\n</table></div>\n</section>\n");
}

static void
report_fact(struct buf *b, const char *term)
{
	buf_printf(b, "<dt>%s</dt><dd>", term);
}

static void
report_protocol_links(const struct consensus_proposal *p, struct buf *b)
{
	size_t	i;

	if (p->nprotocols == 0)
		buf_addstr(b, "none");
	for (i = 0; i < p->nprotocols; i++) {
		buf_addstr(b, i > 0 ? ", <a href=\"../index.html#proto-" :
		    "<a href=\"../index.html#proto-");
		report_escape(b, p->protocols[i]);
		buf_addstr(b, "\">");
		report_escape(b, p->protocols[i]);
		buf_addstr(b, "</a>");
	}
}

/* The proposer's name from their own mail, and their address. */
static void
report_proposer(const struct consensus_proposal *p, struct buf *b)
{
	const char	*name = p->proposer_name;

	if (p->proposer == NULL) {
		buf_addstr(b, "unknown");
		return;
	}
	if (name != NULL) {
		report_escape(b, name);
		buf_addstr(b, " &lt;");
	}
	report_escape(b, p->proposer);
	if (name != NULL)
		buf_addstr(b, "&gt;");
}

static void
report_facts(const struct report *r, size_t pi, json_t *j, struct buf *b)
{
	const struct consensus_proposal	*p = &r->view->proposals[pi];
	const struct consensus_result	*res = &r->view->results[pi];

	buf_addstr(b, "<section aria-labelledby=\"h-verdict\">\n<h2 id=\""
	    "h-verdict\">Verdict</h2>\n<dl class=\"facts\">\n");
	report_fact(b, "Verdict");
	report_badge(b, "v-", res->verdict);
	buf_addstr(b, "</dd>\n");
	report_fact(b, "Why");
	report_escape(b, res->reason);
	buf_addstr(b, "</dd>\n");
	report_fact(b, "Deadline");
	report_json_time(b, json_object_get(j, "deadline"), r->view->now);
	buf_printf(b, "</dd>\n");
	report_fact(b, "Version");
	buf_printf(b, "%d (%s)</dd>\n", p->version, p->kind);
	report_fact(b, "Posted");
	report_time(b, p->start);
	buf_addstr(b, "</dd>\n");
	report_fact(b, "Proposer");
	report_proposer(p, b);
	buf_addstr(b, "</dd>\n");
	report_fact(b, "Protocols");
	report_protocol_links(p, b);
	buf_addstr(b, "</dd>\n");
	report_fact(b, "Thread");
	report_msg_link(r, b, p->root, p->root);
	buf_addstr(b, "</dd>\n</dl>\n</section>\n");
}

/* A proposal's page, from the same JSON as status --json. */
void
report_proposal(const struct report *r, size_t pi, struct buf *b)
{
	const struct consensus_proposal	*p = &r->view->proposals[pi];
	json_t				*j;
	char				*title;

	j = status_proposal_json(r->view, pi, r->policy);
	title = xasprintf("%s (v%d): %s", p->subject, p->version,
	    r->view->results[pi].verdict);
	report_head(b, title, "../");
	free(title);
	buf_addstr(b, "<header>\n<nav aria-label=\"Breadcrumb\"><p class=\""
	    "site\"><a href=\"../index.html\">pvbot: PV protocols</a>");
	if (p->nprotocols > 0) {
		buf_addstr(b, " \xe2\x80\xba ");
		report_protocol_links(p, b);
	}
	buf_addstr(b, "</p></nav>\n<h1>");
	report_escape(b, p->subject);
	buf_printf(b, " <span class=\"title\">v%d</span></h1>\n</header>\n"
	    "<main>\n", p->version);
	report_facts(r, pi, j, b);
	report_tally(r, j, b);
	report_objections(r, j, b);
	report_messages(r, pi, b);
	buf_addstr(b, "</main>\n");
	report_foot(r, b, "../");
	json_decref(j);
}

/* A URL of the site: absolute with a base, else relative to the feed. */
static void
report_site_url(const struct report *r, struct buf *b, const char *path)
{
	if (r->base_url != NULL && *r->base_url != '\0') {
		report_escape(b, r->base_url);
		if (r->base_url[strlen(r->base_url) - 1] != '/')
			buf_addch(b, '/');
	}
	report_escape(b, path);
}

/* A tag URI from an event key: characters a tag may not hold escaped. */
static void
report_tag(struct buf *b, const char *key)
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
	report_escape(b, t.data);
	buf_release(&t);
}

static void
report_entry_verdict(const struct report *r, const struct report_ev *ev,
    struct buf *b)
{
	json_t		*d = ev->d;
	const char	*from = report_str(d, "from");
	char		 path[REPORT_PATH_MAX];

	buf_addstr(b, "<title>");
	report_escape(b, report_str(d, "to"));
	buf_addstr(b, ": ");
	report_escape(b, report_str(d, "subject"));
	buf_printf(b, " (v%lld)</title>\n", (long long)json_integer_value(
	    json_object_get(d, "version")));
	if (ev->proposal >= 0) {
		report_page_path(r, (size_t)ev->proposal, path, sizeof path);
		buf_addstr(b, "<link rel=\"alternate\" type=\"text/html\" "
		    "href=\"");
		report_site_url(r, b, path);
		buf_addstr(b, "\"/>\n");
	}
	buf_addstr(b, "<content type=\"text\">");
	if (*from != '\0') {
		buf_addstr(b, "The verdict went from ");
		report_escape(b, from);
		buf_addstr(b, " to ");
	} else
		buf_addstr(b, "First verdict: ");
	report_escape(b, report_str(d, "to"));
	buf_addstr(b, ". ");
	report_escape(b, report_str(d, "reason"));
	buf_addstr(b, "</content>\n");
}

static void
report_entry_promotion(const struct report *r, const struct report_ev *ev,
    struct buf *b)
{
	const struct report_event	*e = ev->e;
	json_t				*d = ev->d;
	char				*anchor;

	buf_addstr(b, "<title>");
	report_escape(b, e->subject);
	buf_addstr(b, " promoted to ");
	report_escape(b, report_str(d, "stage"));
	buf_addstr(b, "</title>\n<link rel=\"alternate\" type=\"text/html\" "
	    "href=\"");
	anchor = xasprintf("index.html#proto-%s", e->subject);
	report_site_url(r, b, anchor);
	free(anchor);
	buf_addstr(b, "\"/>\n<content type=\"text\">");
	report_escape(b, e->subject);
	buf_addstr(b, " is now at the ");
	report_escape(b, report_str(d, "stage"));
	buf_addstr(b, " stage (by ");
	report_escape(b, report_str(d, "by"));
	buf_addstr(b, "): ");
	report_escape(b, report_str(d, "reason"));
	buf_addstr(b, "</content>\n");
}

static void
report_entry(const struct report *r, const struct report_ev *ev,
    struct buf *b)
{
	char	 iso[32];

	datetime_format_iso(ev->e->at, iso, sizeof iso);
	buf_addstr(b, "<entry>\n<id>");
	report_tag(b, ev->e->key);
	buf_printf(b, "</id>\n<updated>%s</updated>\n", iso);
	if (strcmp(ev->e->kind, "promotion") == 0)
		report_entry_promotion(r, ev, b);
	else
		report_entry_verdict(r, ev, b);
	buf_addstr(b, "</entry>\n");
}

static int
report_in_feed(const struct report_ev *ev)
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
		if (report_in_feed(&evs->v[i]) && evs->v[i].e->at > updated)
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
		report_escape(b, r->author);
		buf_addstr(b, "</email>");
	}
	buf_addstr(b, "</author>\n<link rel=\"self\" type=\"application/"
	    "atom+xml\" href=\"");
	report_site_url(r, b, "feed.atom");
	buf_addstr(b, "\"/>\n<link rel=\"alternate\" type=\"text/html\" "
	    "href=\"");
	report_site_url(r, b, "index.html");
	buf_addstr(b, "\"/>\n<generator version=\"");
	report_escape(b, r->version);
	buf_addstr(b, "\">pvbot</generator>\n");
}

/* The Atom feed of the decisions. */
void
report_feed(const struct report *r, struct buf *b)
{
	struct report_evs	evs;
	size_t			i, n = 0;

	report_evs_load(r, &evs);
	report_feed_head(r, &evs, b);
	/* Newest first; events are given oldest first. */
	for (i = evs.n; i > 0 && n < REPORT_FEED_MAX; i--) {
		if (!report_in_feed(&evs.v[i - 1]))
			continue;
		report_entry(r, &evs.v[i - 1], b);
		n++;
	}
	buf_addstr(b, "</feed>\n");
	report_evs_free(&evs);
}
