/*
 * The dashboard's front page: every PV protocol with its stage and state,
 * then each one's timeline and proposals.  No script, no fetch: every
 * page carries its own CSS and the timelines are inline SVG, so the site
 * works from file:// as well as from any web server.
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
#include "report-events.h"
#include "report-html.h"
#include "report-page.h"
#include "report-timeline.h"
#include "status.h"
#include "view.h"
#include "xmalloc.h"

/* The commits that applied the proposal's patches, each a link. */
static void
report_proposal_commits(const struct report *r, size_t i, struct buf *b)
{
	const struct view_commit	*c;
	const char			**ids;
	size_t				 j, k, n, np, shown = 0;

	np = status_patch_ids(&r->view->proposals[i], &ids);
	for (j = 0; j < np; j++) {
		n = view_commits_of(r->view, ids[j], &c);
		for (k = 0; k < n; k++) {
			buf_addstr(b, shown++ == 0 ? "<br>Commits: " : " ");
			report_html_commit_link(b, c[k].oid, c[k].url);
		}
	}
	free(ids);
}

static void
report_proposal_item(const struct report *r, size_t i, struct buf *b)
{
	const struct consensus_proposal	*p = &r->view->proposals[i];
	const struct consensus_result	*res = &r->view->results[i];
	char				 path[REPORT_PATH_MAX];

	report_page_path(r, i, path, sizeof path);
	buf_addstr(b, "<li>");
	report_html_badge(b, "v-", res->verdict);
	buf_printf(b, " <a href=\"%s\">", path);
	report_html_escape(b, p->subject);
	buf_printf(b, "</a> (v%d)", p->version);
	if (res->deadline != 0 && status_is_open(res)) {
		buf_addstr(b, ", deadline ");
		report_html_time(b, res->deadline);
	}
	buf_addstr(b, "<br>");
	report_html_escape(b, res->reason);
	report_proposal_commits(r, i, b);
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
		report_html_escape(b, vp->in.name);
		buf_addstr(b, "\">\n<h3>");
		report_html_escape(b, vp->in.name);
		buf_addstr(b, " <span class=\"title\">");
		report_html_escape(b, vp->title);
		buf_addstr(b, "</span></h3>\n<p>Stage <strong>");
		report_html_escape(b, vp->in.stage);
		buf_addstr(b, "</strong>");
		if (vp->in.since != 0) {
			buf_addstr(b, " since ");
			report_html_time(b, vp->in.since);
		}
		buf_addstr(b, "; state ");
		report_html_badge(b, "s-", vp->out.state);
		buf_addstr(b, ": ");
		report_html_escape(b, vp->out.reason);
		buf_addstr(b, "</p>\n");
	} else
		buf_addstr(b, "<section class=\"protocol\" id=\"unbound\">\n"
		    "<h2>Proposals bound to no protocol</h2>\n");
	if (tl.nmarks == 0)
		buf_addstr(b, "<p>No proposal and no decision recorded.</p>\n");
	else {
		buf_addstr(b, "<figure>\n");
		report_timeline_svg(r, &tl, id, b);
		buf_addstr(b, report_timeline_legend);
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
	report_html_escape(b, vp->in.name);
	buf_addstr(b, "\">");
	report_html_escape(b, vp->in.name);
	buf_addstr(b, "</a><br><span class=\"title\">");
	report_html_escape(b, vp->title);
	buf_addstr(b, "</span></th><td data-label=\"Stage\">");
	report_html_escape(b, vp->in.stage);
	buf_addstr(b, "</td><td data-label=\"Since\">");
	if (vp->in.since != 0)
		report_html_time(b, vp->in.since);
	else
		buf_addstr(b, "\xe2\x80\x94");
	buf_addstr(b, "</td><td data-label=\"State\">");
	report_html_badge(b, "s-", vp->out.state);
	buf_addstr(b, "</td><td data-label=\"Why\">");
	report_html_escape(b, vp->out.reason);
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
	report_html_time(b, r->view->now);
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

	report_events_load(r, &evs);
	report_html_head(b, "pvbot: PV protocols", "");
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
	report_html_foot(r, b, "");
	report_events_free(&evs);
}
