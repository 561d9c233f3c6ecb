/*
 * A proposal's page: its verdict and why, the tally, the objections and
 * every message of every version, from the same JSON as status --json.
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
#include "report-html.h"
#include "report-page.h"
#include "status.h"
#include "text.h"
#include "view.h"
#include "xmalloc.h"

/* By root, version, start and subject: twins next to each other. */
static int
report_page_cmp_twin(const void *ctx, size_t a, size_t b)
{
	const struct view		*v = ctx;
	const struct consensus_proposal	*x = &v->proposals[a];
	const struct consensus_proposal	*y = &v->proposals[b];
	int				 c;

	if ((c = strcmp(x->root, y->root)) != 0)
		return (c);
	if (x->version != y->version)
		return (x->version < y->version ? -1 : 1);
	if (x->start != y->start)
		return (x->start < y->start ? -1 : 1);
	return (strcmp(x->subject, y->subject));
}

void
report_pages_init(struct report *r)
{
	const struct consensus_proposal	*p, *q;
	size_t				 n = r->view->nproposals, i, *idx;

	r->twin = xcalloc(n + 1, 1);
	idx = facts_order(n, report_page_cmp_twin, r->view);
	for (i = 1; i < n; i++) {
		p = &r->view->proposals[idx[i - 1]];
		q = &r->view->proposals[idx[i]];
		r->twin[idx[i]] = strcmp(p->root, q->root) == 0 &&
		    p->version == q->version;
	}
	free(idx);
}

void
report_pages_free(struct report *r)
{
	free(r->twin);
	r->twin = NULL;
}

/*
 * A proposal's page is named by its root and version, so links last; the
 * first posting of a root and version keeps that name, one posted again
 * in the same thread adds when it started.
 */
void
report_page_path(const struct report *r, size_t i, char *out, size_t len)
{
	const struct consensus_proposal	*p = &r->view->proposals[i];
	char				 hex[65];

	text_sha256_hex(p->root, strlen(p->root), hex);
	if (r->twin != NULL && r->twin[i])
		snprintf(out, len, "p/%.16s-v%d-%lld.html", hex, p->version,
		    (long long)p->start);
	else
		snprintf(out, len, "p/%.16s-v%d.html", hex, p->version);
}

/* Who, as "Name <address>" or the address alone. */
static void
report_page_person(struct buf *b, json_t *by)
{
	const char	*name = report_html_str(by, "name");

	if (*name != '\0') {
		report_html_escape(b, name);
		buf_addstr(b, " &lt;");
	}
	report_html_escape(b, report_html_str(by, "email"));
	if (*name != '\0')
		buf_addstr(b, "&gt;");
}

static void
report_page_json_time(struct buf *b, json_t *t, time_t now)
{
	time_t	when;

	if (!json_is_string(t) || datetime_parse_user(json_string_value(t),
	    &when) != 0) {
		buf_addstr(b, "\xe2\x80\x94");
		return;
	}
	report_html_time(b, when);
	if (when <= now)
		buf_addstr(b, " (passed)");
}

static void
report_page_vote(struct buf *b, json_int_t v)
{
	buf_printf(b, "%s%lld", v > 0 ? "+" : v < 0 ? "\xe2\x88\x92" : "",
	    (long long)(v < 0 ? -v : v));
}

/* Where an opinion was given: a link, or the word for the proposer's. */
static void
report_page_given_in(const struct report *r, struct buf *b, const char *msgid)
{
	if (strcmp(msgid, "proposer") == 0)
		buf_addstr(b, "(the proposal)");
	else
		report_html_msg_link(r, b, msgid, msgid);
}

/* The maintainer column; the cell before it is still open. */
static void
report_page_yes_no(struct buf *b, json_t *v)
{
	buf_printf(b, "</td><td data-label=\"Maintainer\">%s</td>",
	    json_is_true(v) ? "yes" : "no");
}

static void
report_page_tally(const struct report *r, json_t *j, struct buf *b)
{
	json_t	*tally = json_object_get(j, "tally"), *o, *why;
	size_t	 i;

	buf_addstr(b, "<section aria-labelledby=\"h-tally\">\n<h2 id=\"h-tally"
	    "\">Tally</h2>\n<div class=\"scroll\"><table class=\"stack\">\n"
	    "<caption>Each person's latest opinion, counted once; "
	    "maintainers of the touched files may veto with \xe2\x88\x92" "2;"
	    " a vote the sum leaves out says why</caption>\n<thead><tr><th "
	    "scope=\"col\">Who</th><th scope=\"col\">Vote</th><th scope=\"col"
	    "\">Maintainer</th><th scope=\"col\">Counted</th><th scope=\"col"
	    "\">Given in</th></tr></thead>\n<tbody>\n");
	json_array_foreach(json_object_get(tally, "votes"), i, o) {
		why = json_object_get(o, "not_counted");
		buf_addstr(b, "<tr><th scope=\"row\">");
		report_page_person(b, json_object_get(o, "by"));
		buf_addstr(b, "</th><td class=\"num\" data-label=\"Vote\">");
		/* Left out of the sum: struck through, and why beside it. */
		buf_addstr(b, json_is_string(why) ? "<del>" : "");
		report_page_vote(b, json_integer_value(json_object_get(o,
		    "vote")));
		buf_addstr(b, json_is_string(why) ? "</del>" : "");
		report_page_yes_no(b, json_object_get(o, "maintainer"));
		buf_addstr(b, "<td data-label=\"Counted\">");
		if (json_is_string(why)) {
			buf_addstr(b, "no: ");
			report_html_escape(b, json_string_value(why));
		} else
			buf_addstr(b, "yes");
		buf_addstr(b, "</td><td data-label=\"Given in\">");
		report_page_given_in(r, b, report_html_str(o, "message_id"));
		buf_addstr(b, "</td></tr>\n");
	}
	buf_addstr(b, "</tbody>\n<tfoot><tr><th scope=\"row\">Sum of what "
	    "counts</th><td class=\"num\" data-label=\"Vote\">");
	report_page_vote(b, json_integer_value(json_object_get(tally, "sum")));
	buf_addstr(b, "</td><td></td><td></td><td></td></tr></tfoot>\n</table>"
	    "</div>\n</section>\n");
}

static void
report_page_objections(const struct report *r, json_t *j, struct buf *b)
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
		report_page_person(b, json_object_get(o, "by"));
		buf_addstr(b, "</th><td data-label=\"State\">");
		report_html_escape(b, report_html_str(o, "state"));
		buf_addstr(b, "</td><td data-label=\"Since\">");
		report_page_json_time(b, json_object_get(o, "since"), 0);
		buf_addstr(b, "</td><td data-label=\"Reply by\">");
		report_page_json_time(b, json_object_get(o, "reply_by"),
		    r->view->now);
		buf_addstr(b, "</td><td class=\"num\" data-label=\"Vote\">");
		report_page_vote(b, json_integer_value(json_object_get(o,
		    "vote")));
		report_page_yes_no(b, json_object_get(o, "maintainer"));
		buf_addstr(b, "<td data-label=\"Message\">");
		report_html_msg_link(r, b, report_html_str(o, "message_id"),
		    "message");
		buf_addstr(b, "</td></tr>\n");
	}
	buf_addstr(b, "</tbody>\n</table></div>\n</section>\n");
}

/* The commits that applied the version's patches, linked to their pages. */
static void
report_page_commits(const struct report *r, json_t *j, struct buf *b)
{
	json_t		*a = json_object_get(j, "commits"), *o, *br;
	const char	*url;
	char		 part[64];
	size_t		 i, k;

	if (json_array_size(a) == 0)
		return;
	buf_addstr(b, "<section aria-labelledby=\"h-commits\">\n<h2 id=\""
	    "h-commits\">Commits</h2>\n<div class=\"scroll\"><table class=\""
	    "stack\">\n<caption>The commits of the git sources that applied "
	    "this version's patches, and how each was matched to its patch"
	    "</caption>\n<thead><tr><th scope=\"col\">Patch</th><th scope=\""
	    "col\">Commit</th><th scope=\"col\">Branches</th><th scope=\""
	    "col\">Committed</th><th scope=\"col\">Matched by</th></tr>"
	    "</thead>\n<tbody>\n");
	json_array_foreach(a, i, o) {
		buf_addstr(b, "<tr><th scope=\"row\">");
		if (json_is_integer(json_object_get(o, "part")))
			snprintf(part, sizeof part, "patch %lld/%lld",
			    (long long)json_integer_value(json_object_get(o,
			    "part")), (long long)json_integer_value(
			    json_object_get(o, "total")));
		else
			snprintf(part, sizeof part, "the patch");
		report_html_msg_link(r, b, report_html_str(o, "message_id"),
		    part);
		buf_addstr(b, "</th><td data-label=\"Commit\">");
		url = json_string_value(json_object_get(o, "url"));
		report_html_commit_link(b, report_html_str(o, "id"), url);
		buf_addstr(b, "</td><td data-label=\"Branches\">");
		json_array_foreach(json_object_get(o, "branches"), k, br) {
			if (k > 0)
				buf_addstr(b, ", ");
			report_html_escape(b, json_string_value(br));
		}
		buf_addstr(b, "</td><td data-label=\"Committed\">");
		report_page_json_time(b, json_object_get(o, "date"), 0);
		buf_addstr(b, "</td><td data-label=\"Matched by\">");
		report_html_escape(b, report_html_str(o, "how"));
		buf_addstr(b, "</td></tr>\n");
	}
	buf_addstr(b, "</tbody>\n</table></div>\n</section>\n");
}

/* Every message of every version, with its kind and archive link. */
static void
report_page_messages(const struct report *r, size_t pi, struct buf *b)
{
	const struct consensus_proposal	*p = &r->view->proposals[pi];
	const struct consensus_msg	*m;
	char				*subject;
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
		report_html_time(b, m->date);
		buf_addstr(b, "</th><td data-label=\"From\">");
		report_html_escape(b, m->name != NULL && *m->name != '\0' ?
		    m->name : m->email != NULL ? m->email : "?");
		buf_addstr(b, "</td><td data-label=\"Kind\">");
		report_html_escape(b, m->kind);
		buf_printf(b, "</td><td class=\"num\" data-label=\"Version\">"
		    "%d</td><td data-label=\"Message\">", m->version);
		/* A reader knows a message by its subject, not its id. */
		subject = r->subject != NULL ? r->subject(r->subject_arg,
		    m->id) : NULL;
		report_html_msg_link(r, b, m->id, subject != NULL &&
		    *subject != '\0' ? subject : m->id);
		free(subject);
		buf_addstr(b, "</td></tr>\n");
	}
	buf_addstr(b, "</tbody>\n</table></div>\n</section>\n");
}

static void
report_page_fact(struct buf *b, const char *term)
{
	buf_printf(b, "<dt>%s</dt><dd>", term);
}

static void
report_page_protocol_links(const struct consensus_proposal *p, struct buf *b)
{
	size_t	i;

	if (p->nprotocols == 0)
		buf_addstr(b, "none");
	for (i = 0; i < p->nprotocols; i++) {
		buf_addstr(b, i > 0 ? ", <a href=\"../index.html#proto-" :
		    "<a href=\"../index.html#proto-");
		report_html_escape(b, p->protocols[i]);
		buf_addstr(b, "\">");
		report_html_escape(b, p->protocols[i]);
		buf_addstr(b, "</a>");
	}
}

/* The proposer's name from their own mail, and their address. */
static void
report_page_proposer(const struct consensus_proposal *p, struct buf *b)
{
	const char	*name = p->proposer_name;

	if (p->proposer == NULL) {
		buf_addstr(b, "unknown");
		return;
	}
	if (name != NULL) {
		report_html_escape(b, name);
		buf_addstr(b, " &lt;");
	}
	report_html_escape(b, p->proposer);
	if (name != NULL)
		buf_addstr(b, "&gt;");
}

static void
report_page_evidence_line(void *arg, const char *line)
{
	struct buf	*b = arg;

	buf_addstr(b, "<li>");
	report_html_escape(b, line);
	buf_addstr(b, "</li>\n");
}

/* What the verdict rests on, as status says it. */
static void
report_page_evidence(const struct report *r, size_t pi, struct buf *b)
{
	buf_addstr(b, "<section aria-labelledby=\"h-evidence\">\n<h2 id=\""
	    "h-evidence\">Evidence</h2>\n<ul class=\"evidence\">\n");
	status_evidence_lines(r->view, pi, report_page_evidence_line, b);
	buf_addstr(b, "</ul>\n</section>\n");
}

static void
report_page_facts(const struct report *r, size_t pi, json_t *j, struct buf *b)
{
	const struct consensus_proposal	*p = &r->view->proposals[pi];
	const struct consensus_result	*res = &r->view->results[pi];

	buf_addstr(b, "<section aria-labelledby=\"h-verdict\">\n<h2 id=\""
	    "h-verdict\">Verdict</h2>\n<dl class=\"facts\">\n");
	report_page_fact(b, "Verdict");
	report_html_badge(b, "v-", res->verdict);
	buf_addstr(b, "</dd>\n");
	report_page_fact(b, "Why");
	report_html_escape(b, res->reason);
	buf_addstr(b, "</dd>\n");
	report_page_fact(b, "Deadline");
	report_page_json_time(b, json_object_get(j, "deadline"), r->view->now);
	buf_printf(b, "</dd>\n");
	report_page_fact(b, "Version");
	buf_printf(b, "%d (%s)</dd>\n", p->version, p->kind);
	report_page_fact(b, "Posted");
	report_html_time(b, p->start);
	buf_addstr(b, "</dd>\n");
	report_page_fact(b, "Proposer");
	report_page_proposer(p, b);
	buf_addstr(b, "</dd>\n");
	report_page_fact(b, "Protocols");
	report_page_protocol_links(p, b);
	buf_addstr(b, "</dd>\n");
	report_page_fact(b, "Thread");
	report_html_msg_link(r, b, p->root, p->root);
	buf_addstr(b, "</dd>\n</dl>\n</section>\n");
}

/* A proposal's page, from the same JSON as status --json. */
void
report_page(const struct report *r, size_t pi, struct buf *b)
{
	const struct consensus_proposal	*p = &r->view->proposals[pi];
	json_t				*j;
	char				*title;

	j = status_proposal_json(r->view, pi, r->policy);
	title = xasprintf("%s (v%d): %s", p->subject, p->version,
	    r->view->results[pi].verdict);
	report_html_head(b, title, "../");
	free(title);
	buf_addstr(b, "<header>\n<nav aria-label=\"Breadcrumb\"><p class=\""
	    "site\"><a href=\"../index.html\">pvbot: PV protocols</a>");
	if (p->nprotocols > 0) {
		buf_addstr(b, " \xe2\x80\xba ");
		report_page_protocol_links(p, b);
	}
	buf_addstr(b, "</p></nav>\n<h1>");
	report_html_escape(b, p->subject);
	buf_printf(b, " <span class=\"title\">v%d</span></h1>\n</header>\n"
	    "<main>\n", p->version);
	report_page_facts(r, pi, j, b);
	report_page_evidence(r, pi, b);
	report_page_commits(r, j, b);
	report_page_tally(r, j, b);
	report_page_objections(r, j, b);
	report_page_messages(r, pi, b);
	buf_addstr(b, "</main>\n");
	report_html_foot(r, b, "../");
	json_decref(j);
}
