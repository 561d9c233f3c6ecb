/*
 * Unit tests for report.c: escaping, page names, the timeline's marks and
 * the feed's entries, from a view built by hand.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "consensus.h"
#include "policy.h"
#include "report.h"
#include "report-feed.h"
#include "report-html.h"
#include "report-page.h"
#include "view.h"
#include "tap.h"

#define T0	1795608000	/* 2026-11-25T12:00:00Z */
#define DAY	86400

static size_t
count(const char *hay, const char *needle)
{
	size_t	n = 0;

	while ((hay = strstr(hay, needle)) != NULL) {
		n++;
		hay += strlen(needle);
	}
	return (n);
}

static void
test_escape(void)
{
	struct buf	b;

	buf_init(&b);
	report_html_escape(&b, "a<b>&\"c\" 'd'\x01\x1f\te\xc3\xa9");
	check_str(b.data, "a&lt;b&gt;&amp;&quot;c&quot; &#39;d&#39;\te\xc3\xa9");
	/* What XML 1.0 forbids: U+FFFE, U+FFFF, bytes that are not UTF-8. */
	buf_reset(&b);
	report_html_escape(&b, "x\xef\xbf\xbey\xef\xbf\xbfz");
	check_str(b.data, "x\xef\xbf\xbdy\xef\xbf\xbdz");
	buf_reset(&b);
	report_html_escape(&b, "\xff(\xed\xa0\x80)\xc3");
	check_str(b.data, "\xef\xbf\xbd(\xef\xbf\xbd\xef\xbf\xbd"
	    "\xef\xbf\xbd)\xef\xbf\xbd");
	buf_reset(&b);
	report_html_escape(&b, "\xef\xbf\xbd\xef\xbf\xbc\xf4\x8f\xbf\xbf\x7f");
	check_str(b.data, "\xef\xbf\xbd\xef\xbf\xbc\xf4\x8f\xbf\xbf\x7f");
	buf_reset(&b);
	report_html_escape(&b, NULL);
	check_int(b.len, 0);
	buf_release(&b);
}

static struct consensus_msg msgs[] = {
	{ .id = "root@x", .name = "Ann <Proposer>", .email = "ann@x",
	    .date = T0 - 10 * DAY, .kind = "design", .version = 1 },
	{ .id = "nak@x", .parent = "root@x", .name = "Bob", .email = "bob@x",
	    .date = T0 - 9 * DAY, .kind = "objection", .has_vote = 1,
	    .vote = -1, .stakeholder = 1, .version = 1 },
};
static char *protos[] = { "pvcalls" };
static struct consensus_objection objs[] = {
	{ .name = "Bob", .email = "bob@x", .message_id = "nak@x",
	    .since = T0 - 9 * DAY, .state = "open", .vote = -1,
	    .stakeholder = 1 },
};
static struct consensus_opinion ops[] = {
	{ .name = "Bob", .email = "bob@x", .vote = -1, .stakeholder = 1,
	    .message_id = "nak@x" },
};

static void
build(struct view *v, struct view_protocol *vp,
    struct consensus_proposal *p, struct consensus_result *r)
{
	memset(v, 0, sizeof *v);
	memset(vp, 0, sizeof *vp);
	memset(p, 0, sizeof *p);
	memset(r, 0, sizeof *r);
	p->root = "root@x";
	p->subject = "[DESIGN] pvcalls: <b>bold</b> & more";
	p->kind = "design";
	p->version = 1;
	p->start = T0 - 10 * DAY;
	p->proposer = "ann@x";
	p->proposer_name = msgs[0].name;	/* as proposals get it */
	p->protocols = protos;
	p->nprotocols = 1;
	p->msgs = msgs;
	p->nmsgs = 2;
	r->verdict = CONSENSUS_OBJECTED;
	snprintf(r->reason, sizeof r->reason, "Bob objects");
	r->deadline = T0 + DAY;
	r->sum = 0;
	r->opinions = ops;
	r->nopinions = 1;
	r->objections = objs;
	r->nobjections = 1;
	vp->in.name = "pvcalls";
	vp->in.stage = CONSENSUS_STAGE_DESIGN;
	vp->title = "PV Calls";
	vp->out.state = CONSENSUS_BLOCKED;
	snprintf(vp->out.reason, sizeof vp->out.reason, "an open objection");
	vp->nproposals = 1;
	v->now = T0;
	v->proposals = p;
	v->results = r;
	v->nproposals = 1;
	v->protocols = vp;
	v->nprotocols = 1;
}

static const struct report_event events[] = {
	{ "verdict:root@x:v1::waiting", T0 - 9 * DAY, "verdict", "root@x",
	    "{\"version\":1,\"subject\":\"s\",\"from\":null,\"to\":\"waiting\","
	    "\"reason\":\"r\"}" },
	{ "promote:pvcalls:design:1", T0 - 8 * DAY, "promotion", "pvcalls",
	    "{\"stage\":\"design\",\"by\":\"czar\",\"reason\":\"r\"}" },
	{ "verdict:root@x:v1:waiting:objected", T0 - 5 * DAY, "verdict",
	    "root@x", "{\"version\":1,\"subject\":\"s\",\"from\":\"waiting\","
	    "\"to\":\"objected\",\"reason\":\"Bob objects\"}" },
	{ "remind:pvcalls:design:blocked:1", T0 - 4 * DAY, "reminder",
	    "pvcalls", "{}" },
	{ "verdict:root@x:v1:objected:consensus", T0 + DAY, "verdict",
	    "root@x", "{\"version\":1,\"to\":\"consensus\"}" },
	{ "verdict:other@x:v2::waiting", T0 - DAY, "verdict", "other@x",
	    "not json" },
};

static void
test_site(void)
{
	struct view		 v;
	struct view_protocol	 vp;
	struct consensus_proposal p;
	struct consensus_result	 r;
	struct policy		 pol;
	struct report		 rep;
	struct buf		 a, b;
	char			 path[REPORT_PATH_MAX];

	build(&v, &vp, &p, &r);
	policy_defaults(&pol);
	memset(&rep, 0, sizeof rep);
	rep.view = &v;
	rep.policy = &pol;
	rep.events = events;
	rep.nevents = sizeof events / sizeof events[0];
	rep.archive_url = "https://lore.kernel.org/xen-devel/";
	rep.version = "0.1";
	report_page_path(&rep, 0, path, sizeof path);
	check_int(strncmp(path, "p/", 2), 0);
	check(strstr(path, "-v1.html") != NULL);
	check_int(strlen(path), strlen("p/0123456789abcdef-v1.html"));

	buf_init(&a);
	buf_init(&b);
	report_index(&rep, &a);
	report_index(&rep, &b);
	check_str(a.data, b.data);
	check(strstr(a.data, "<b>bold") == NULL);
	check(strstr(a.data, "&lt;b&gt;bold&lt;/b&gt; &amp; more") != NULL);
	check(strstr(a.data, "badge s-blocked\">blocked</span>") != NULL);
	/* Marks: a posting, an objection, two verdicts up to now, one
	 * promotion; the reminder, the future verdict and the unknown
	 * proposal's verdict are not drawn. */
	check_int(count(a.data, "data-kind=\"posted\""), 1);
	check_int(count(a.data, "data-kind=\"objection\""), 1);
	check_int(count(a.data, "data-kind=\"verdict\""), 2);
	check_int(count(a.data, "data-kind=\"promotion\""), 1);
	check(strstr(a.data, "data-marks=\"5\"") != NULL);
	check(strstr(a.data, "<script") == NULL);

	buf_reset(&a);
	report_page(&rep, 0, &a);
	check(strstr(a.data, "href=\"https://lore.kernel.org/xen-devel/nak@x/\"")
	    != NULL);
	check(strstr(a.data, "<title>[DESIGN] pvcalls: &lt;b&gt;bold") != NULL);
	check(strstr(a.data, "Ann &lt;Proposer&gt; &lt;ann@x&gt;") != NULL);
	check(strstr(a.data, "data-label=\"Maintainer\">yes") != NULL);
	check(strstr(a.data, "(passed)") == NULL);

	buf_reset(&a);
	report_feed(&rep, &a);
	check_int(count(a.data, "<entry>"), 4);
	check(strstr(a.data, "<id>tag:pvbot,2026:verdict:root@x:v1:waiting:"
	    "objected</id>") != NULL);
	check(strstr(a.data, "<id>tag:pvbot,2026:promote:pvcalls:design:1"
	    "</id>") != NULL);
	check(strstr(a.data, "consensus") == NULL);
	check(strstr(a.data, "remind:") == NULL);
	/* The newest entry first; the feed is as new as it. */
	check(strstr(a.data, "other@x") < strstr(a.data, "waiting:objected"));
	check(strstr(a.data, "<updated>2026-11-24T12:00:00Z</updated>\n"
	    "<author>") != NULL);
	buf_release(&a);
	buf_release(&b);
}

int
main(void)
{
	test_escape();
	test_site();
	return (tap_done());
}
