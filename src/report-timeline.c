/*
 * A protocol's timeline: a lane per proposal bound to it, marks for what
 * happened, drawn as inline SVG (no script: the site works from file://)
 * and again as a list for screen readers.  Shape, not colour alone, tells
 * a mark's kind.
 */
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
#include "report-html.h"
#include "report-timeline.h"
#include "status.h"
#include "view.h"
#include "xmalloc.h"

static int
report_timeline_bound(const struct consensus_proposal *p, const char *name)
{
	size_t	i;

	if (name == NULL)
		return (p->nprotocols == 0);
	for (i = 0; i < p->nprotocols; i++)
		if (strcmp(p->protocols[i], name) == 0)
			return (1);
	return (0);
}

/* A timeline draws at most this many proposals, the newest. */
#define REPORT_LANES	40

/* What sorting a timeline's lanes compares. */
struct report_timeline_sort {
	const struct view	*v;
	const size_t		*lanes;
};

static void
report_timeline_mark(struct report_timeline *tl, time_t at, size_t lane,
    const char *kind, char *extra, char *text)
{
	struct report_timeline_mark	*m;

	tl->marks = xreallocarray(tl->marks, tl->nmarks + 1, sizeof *tl->marks);
	m = &tl->marks[tl->nmarks++];
	m->at = at;
	m->lane = lane;
	m->kind = kind;
	m->extra = extra;
	m->text = text;
}

/* The proposals of lanes[a] and lanes[b], oldest first. */
static int
report_timeline_cmp_lane(const void *ctx, size_t a, size_t b)
{
	const struct report_timeline_sort	*s = ctx;
	const struct consensus_proposal		*x, *y;

	x = &s->v->proposals[s->lanes[a]];
	y = &s->v->proposals[s->lanes[b]];
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
report_timeline_lanes(const struct report *r, struct report_timeline *tl)
{
	const struct view		*v = r->view;
	struct report_timeline_sort	 s;
	size_t				*idx, i;

	tl->lanes = xcalloc(v->nproposals + 1, sizeof *tl->lanes);
	tl->lane_of = xcalloc(v->nproposals + 1, sizeof *tl->lane_of);
	for (i = 0; i < v->nproposals; i++)
		if (report_timeline_bound(&v->proposals[i], tl->name) &&
		    (tl->name != NULL || status_is_open(&v->results[i])))
			tl->lanes[tl->nlanes++] = i;
	s.v = v;
	s.lanes = tl->lanes;
	idx = facts_order(tl->nlanes, report_timeline_cmp_lane, &s);
	for (i = 0; i < tl->nlanes; i++)
		idx[i] = tl->lanes[idx[i]];
	memcpy(tl->lanes, idx, tl->nlanes * sizeof *tl->lanes);
	free(idx);
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
report_timeline_msg_version(const struct consensus_proposal *p, const char *id)
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
report_timeline_objection_elsewhere(const struct report *r,
    const struct report_timeline *tl, size_t lane, const char *id)
{
	const struct consensus_proposal	*p, *q;
	const struct consensus_result	*res;
	size_t				 i, j;
	int				 version;

	p = &r->view->proposals[tl->lanes[lane - 1]];
	if ((version = report_timeline_msg_version(p, id)) == p->version)
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
report_timeline_proposal_marks(const struct report *r,
    struct report_timeline *tl)
{
	const struct consensus_proposal	*p;
	const struct consensus_result	*res;
	const struct consensus_objection *o;
	size_t				 i, j;

	for (i = 0; i < tl->nlanes; i++) {
		p = &r->view->proposals[tl->lanes[i]];
		res = &r->view->results[tl->lanes[i]];
		report_timeline_mark(tl, p->start, i + 1, "posted", NULL,
		    xasprintf("v%d posted: %s", p->version, p->subject));
		for (j = 0; j < res->nobjections; j++) {
			o = &res->objections[j];
			if (report_timeline_objection_elsewhere(r, tl, i + 1,
			    o->message_id))
				continue;
			report_timeline_mark(tl, o->since, i + 1, "objection",
			    NULL, xasprintf("objection by %s (%s for v%d)",
			    o->name != NULL && *o->name != '\0' ? o->name :
			    o->email, o->state, p->version));
		}
	}
}

/*
 * Where an event's mark sits: at what it stands for -- a verdict when it
 * came to be (the event says, or for an older event the proposal, while
 * that is still its verdict), an objection gone stale at its reply-by --
 * not when pvbot noticed, which for imported history is all one day.
 */
static time_t
report_timeline_when(const struct report *r, const struct report_ev *ev)
{
	const struct report_event	*e = ev->e;
	const char			*field, *to;
	time_t				 t;

	field = strcmp(e->kind, "stale") == 0 ? "reply_by" : "when";
	if (datetime_parse_user(report_html_str(ev->d, field), &t) == 0 &&
	    t <= e->at)
		return (t);
	to = report_html_str(ev->d, "to");
	if (strcmp(e->kind, "verdict") == 0 && ev->proposal >= 0 &&
	    strcmp(r->view->results[ev->proposal].verdict, to) == 0 &&
	    (t = view_verdict_since(r->view, (size_t)ev->proposal)) != 0 &&
	    t <= e->at)
		return (t);
	return (e->at);
}

static void
report_timeline_event_mark(const struct report *r, struct report_timeline *tl,
    const struct report_ev *ev)
{
	const struct report_event	*e = ev->e;
	json_t				*d = ev->d;
	const char			*from = report_html_str(d, "from");
	size_t				 lane;

	if (strcmp(e->kind, "promotion") == 0) {
		if (tl->name != NULL && strcmp(e->subject, tl->name) == 0)
			report_timeline_mark(tl, e->at, 0, "promotion", NULL,
			    xasprintf("promoted to %s by %s: %s",
			    report_html_str(d, "stage"),
			    report_html_str(d, "by"),
			    report_html_str(d, "reason")));
		return;
	}
	if (ev->proposal < 0 || (lane = tl->lane_of[ev->proposal]) == 0)
		return;
	if (strcmp(e->kind, "verdict") == 0)
		report_timeline_mark(tl, report_timeline_when(r, ev), lane,
		    "verdict",
		    xasprintf("v-%s", report_html_str(d, "to")),
		    xasprintf("v%d %s%s%s: %s",
		    r->view->proposals[ev->proposal].version, from,
		    *from != '\0' ? " \xe2\x86\x92 " : "",
		    report_html_str(d, "to"), report_html_str(d, "reason")));
	else if (strcmp(e->kind, "stale") == 0)
		report_timeline_mark(tl, report_timeline_when(r, ev), lane,
		    "stale", NULL, xasprintf(
		    "objection by %s went stale (no reply by %s)",
		    report_html_str(d, "by"), report_html_str(d, "reply_by")));
}

static int
report_timeline_cmp_mark(const void *a, const void *b)
{
	const struct report_timeline_mark	*x = a, *y = b;

	if (x->at != y->at)
		return (x->at < y->at ? -1 : 1);
	if (x->lane != y->lane)
		return (x->lane < y->lane ? -1 : 1);
	return (strcmp(x->text, y->text));
}

void
report_timeline_build(const struct report *r, const struct report_evs *evs,
    const char *name, struct report_timeline *tl)
{
	time_t	span;
	size_t	i;

	memset(tl, 0, sizeof *tl);
	tl->name = name;
	report_timeline_lanes(r, tl);
	report_timeline_proposal_marks(r, tl);
	for (i = 0; i < evs->n; i++)
		report_timeline_event_mark(r, tl, &evs->v[i]);
	if (tl->nmarks > 0)
		qsort(tl->marks, tl->nmarks, sizeof *tl->marks,
		    report_timeline_cmp_mark);
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

void
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
report_timeline_x10(const struct report_timeline *tl, time_t t)
{
	long long	span = (long long)(tl->t1 - tl->t0);

	return (REPORT_SVG_X0 * 10LL + ((long long)(t - tl->t0) *
	    (REPORT_SVG_X1 - REPORT_SVG_X0) * 10LL) / span);
}

static long long
report_timeline_y10(size_t lane)
{
	return ((REPORT_SVG_TOP + REPORT_SVG_LANE / 2 +
	    (long long)lane * REPORT_SVG_LANE) * 10LL);
}

/* A number in tenths, printed as a decimal. */
static void
report_timeline_num(struct buf *b, long long v10)
{
	if (v10 < 0) {
		buf_addch(b, '-');
		v10 = -v10;
	}
	buf_printf(b, "%lld.%lld", v10 / 10, v10 % 10);
}

static void
report_timeline_coord(struct buf *b, const char *attr, long long v10)
{
	buf_printf(b, " %s=\"", attr);
	report_timeline_num(b, v10);
	buf_addch(b, '"');
}

/* Cut a label to about n bytes without splitting a UTF-8 sequence. */
static char *
report_timeline_cut(const char *s, size_t n)
{
	size_t	len = strlen(s);

	if (len <= n)
		return (xstrdup(s));
	while (n > 0 && ((unsigned char)s[n] & 0xc0) == 0x80)
		n--;
	return (xasprintf("%.*s\xe2\x80\xa6", (int)n, s));
}

static void
report_timeline_label(struct buf *b, size_t lane, const char *text,
    const char *full)
{
	char	*cut = report_timeline_cut(text, 30);

	buf_addstr(b, "<text x=\"4\"");
	report_timeline_coord(b, "y", report_timeline_y10(lane) + 40);
	buf_addstr(b, "><title>");
	report_html_escape(b, full);
	buf_addstr(b, "</title>");
	report_html_escape(b, cut);
	buf_addstr(b, "</text>\n");
	free(cut);
}

static void
report_timeline_line(struct buf *b, const char *cls, long long x1,
    long long y1, long long x2, long long y2)
{
	buf_printf(b, "<line class=\"%s\"", cls);
	report_timeline_coord(b, "x1", x1);
	report_timeline_coord(b, "y1", y1);
	report_timeline_coord(b, "x2", x2);
	report_timeline_coord(b, "y2", y2);
	buf_addstr(b, "/>");
}

/*
 * The axis: five dated ticks and a dashed line at now.  Ticks less than a
 * day apart say the hour too ("11-25 12:00"), and a tick that would say
 * what the one before it says says nothing.
 */
static void
report_timeline_axis(const struct report *r,
    const struct report_timeline *tl, struct buf *b, long long bottom)
{
	long long	x;
	time_t		t;
	char		iso[32], label[32], last[32] = "";
	int		k, hours = (tl->t1 - tl->t0) / 4 < 86400;

	report_timeline_line(b, "axis", REPORT_SVG_X0 * 10LL, bottom,
	    REPORT_SVG_X1 * 10LL, bottom);
	buf_addch(b, '\n');
	for (k = 0; k <= 4; k++) {
		t = tl->t0 + (time_t)(((long long)(tl->t1 - tl->t0) * k) / 4);
		x = report_timeline_x10(tl, t);
		report_timeline_line(b, "axis", x, bottom, x, bottom + 50);
		datetime_format_iso(t, iso, sizeof iso);
		if (hours)
			snprintf(label, sizeof label, "%.5s %.5s", iso + 5,
			    iso + 11);
		else
			snprintf(label, sizeof label, "%.10s", iso);
		if (strcmp(label, last) == 0)
			continue;
		snprintf(last, sizeof last, "%s", label);
		buf_printf(b, "<text text-anchor=\"%s\"", k == 0 ? "start" :
		    k == 4 ? "end" : "middle");
		report_timeline_coord(b, "x", x);
		report_timeline_coord(b, "y", bottom + 180);
		buf_printf(b, ">%s</text>\n", label);
	}
	x = report_timeline_x10(tl, r->view->now);
	report_timeline_line(b, "now", x, REPORT_SVG_TOP * 10LL, x, bottom);
	buf_addstr(b, "<text text-anchor=\"end\"");
	report_timeline_coord(b, "x", x - 20);
	report_timeline_coord(b, "y", REPORT_SVG_TOP * 10LL + 20);
	buf_addstr(b, ">now</text>\n");
}

/* Where a lane's bar ends: its last mark, or later. */
static time_t
report_timeline_lane_end(const struct report_timeline *tl, size_t lane,
    time_t end)
{
	size_t	i;

	for (i = 0; i < tl->nmarks; i++)
		if (tl->marks[i].lane == lane && tl->marks[i].at > end)
			end = tl->marks[i].at;
	return (end);
}

/* Each proposal's lane: its label, its life as a bar, its deadline. */
static void
report_timeline_bars(const struct report *r,
    const struct report_timeline *tl, struct buf *b)
{
	const struct consensus_proposal	*p;
	const struct consensus_result	*res;
	char				*label, iso[32];
	long long			 y;
	time_t				 end;
	size_t				 i;

	if (tl->name != NULL)
		report_timeline_label(b, 0, "stage: promotions",
		    "the protocol's stage changes");
	for (i = 0; i < tl->nlanes; i++) {
		p = &r->view->proposals[tl->lanes[i]];
		res = &r->view->results[tl->lanes[i]];
		y = report_timeline_y10(i + 1);
		label = xasprintf("v%d %s", p->version, p->subject);
		report_timeline_label(b, i + 1, label, label);
		free(label);
		end = report_timeline_lane_end(tl, i + 1, status_is_open(res) ?
		    r->view->now : p->start);
		report_timeline_line(b, "bar", report_timeline_x10(tl,
		    p->start), y, report_timeline_x10(tl, end), y);
		buf_addch(b, '\n');
		if (res->deadline == 0)
			continue;
		buf_addstr(b, "<g>");
		report_timeline_line(b, "deadline", report_timeline_x10(tl,
		    res->deadline), y - 80, report_timeline_x10(tl,
		    res->deadline), y + 80);
		datetime_format_iso(res->deadline, iso, sizeof iso);
		buf_printf(b, "<title>v%d deadline %.10s</title></g>\n",
		    p->version, iso);
	}
}

/* One mark; its shape tells its kind without colour. */
static void
report_timeline_shape(const struct report_timeline *tl, size_t i,
    struct buf *b)
{
	const struct report_timeline_mark	*m = &tl->marks[i];
	long long				 x, y;
	char					 iso[32];
	size_t					 k;

	x = report_timeline_x10(tl, m->at);
	y = report_timeline_y10(m->lane);
	/* Marks at the same moment on one lane step left, to stay visible. */
	for (k = i; k > 0 && i - k < 8 && tl->marks[k - 1].at == m->at &&
	    tl->marks[k - 1].lane == m->lane; k--)
		x -= 110;

	if (strcmp(m->kind, "posted") == 0 || strcmp(m->kind, "verdict") == 0) {
		buf_printf(b, "<circle r=\"%s\"", strcmp(m->kind, "posted") ==
		    0 ? "6" : "4.5");
		report_timeline_coord(b, "cx", x);
		report_timeline_coord(b, "cy", y);
	} else if (strcmp(m->kind, "promotion") == 0) {
		buf_addstr(b, "<rect width=\"11\" height=\"11\"");
		report_timeline_coord(b, "x", x - 55);
		report_timeline_coord(b, "y", y - 55);
	} else {
		/* A triangle for an objection, a diamond when it went stale. */
		buf_addstr(b, "<path d=\"M");
		report_timeline_num(b, x);
		buf_addch(b, ' ');
		report_timeline_num(b, y - 65);
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
	report_html_escape(b, m->text);
	buf_printf(b, "</title></%s>\n", strcmp(m->kind, "promotion") == 0 ?
	    "rect" : strcmp(m->kind, "posted") == 0 || strcmp(m->kind,
	    "verdict") == 0 ? "circle" : "path");
}

void
report_timeline_svg(const struct report *r, const struct report_timeline *tl,
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
	report_html_escape(b, tl->name != NULL ? tl->name : "");
	buf_printf(b, "\" data-marks=\"%zu\">\n<title id=\"%s-t\">Timeline of "
	    "%s", tl->nmarks, id, tl->name != NULL ? "" : "proposals bound to "
	    "no protocol");
	report_html_escape(b, tl->name != NULL ? tl->name : "");
	buf_printf(b, "</title>\n<desc id=\"%s-d\">%zu proposal(s) and %zu "
	    "event(s) from %.10s to %.10s; the list below the figure says the "
	    "same in words.</desc>\n", id, tl->nlanes, tl->nmarks, t0, t1);
	report_timeline_bars(r, tl, b);
	report_timeline_axis(r, tl, b, bottom);
	for (i = 0; i < tl->nmarks; i++)
		report_timeline_shape(tl, i, b);
	buf_addstr(b, "</svg></div>\n");
}

const char report_timeline_legend[] =
	"<figcaption class=\"legend\">\xe2\x97\x8b posted \xc2\xb7 "
	"\xe2\x97\x8f verdict \xc2\xb7 \xe2\x96\xb2 objection \xc2\xb7 "
	"\xe2\x97\x86 objection gone stale \xc2\xb7 \xe2\x96\xa0 promotion "
	"\xc2\xb7 red "
	"tick: deadline \xc2\xb7 dashed line: now</figcaption>\n";

/* The timeline again as a list: what a screen reader reads. */
void
report_timeline_list(const struct report_timeline *tl, struct buf *b)
{
	size_t	i;

	buf_addstr(b, "<details><summary>The timeline as a list</summary>\n"
	    "<ol>\n");
	for (i = 0; i < tl->nmarks; i++) {
		buf_addstr(b, "<li>");
		report_html_time(b, tl->marks[i].at);
		buf_printf(b, " <span class=\"kind\">%s</span>: ",
		    tl->marks[i].kind);
		report_html_escape(b, tl->marks[i].text);
		buf_addstr(b, "</li>\n");
	}
	buf_addstr(b, "</ol>\n</details>\n");
}
