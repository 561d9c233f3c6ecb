/*
 * pvbot status: where every open proposal stands, why, and until when,
 * grouped by protocol, most urgent first.  Evaluating appends what changed
 * to the event log (once).
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "cli.h"
#include "config.h"
#include "consensus.h"
#include "datetime.h"
#include "env.h"
#include "output.h"
#include "policy.h"
#include "post-outbox.h"
#include "status.h"
#include "store-events.h"
#include "view.h"
#include "store.h"
#include "xmalloc.h"

/* One line per piece of evidence another copy of its mail disputes. */
static void
cmd_status_text_disputed(const struct view *v, size_t i)
{
	const struct consensus_result	*r = &v->results[i];
	const char			**ids;
	size_t				 n = 0, j, k;

	if (v->ndisputed == 0)
		return;
	ids = xcalloc(1 + r->nopinions + r->nobjections, sizeof *ids);
	ids[n++] = v->proposals[i].root;
	for (j = 0; j < r->nopinions; j++)
		ids[n++] = r->opinions[j].message_id;
	for (j = 0; j < r->nobjections; j++)
		ids[n++] = r->objections[j].message_id;
	/* Disputed ids are rare: look back for a repeat only for them. */
	for (j = 0; j < n; j++) {
		if (ids[j] == NULL || !view_disputed(v, ids[j]))
			continue;
		for (k = 0; k < j && (ids[k] == NULL ||
		    strcmp(ids[k], ids[j]) != 0); k++)
			;
		if (k == j)
			printf("                  disputed: <%s>\n", ids[j]);
	}
	free(ids);
}

/* Each commit of git sources that applied one of the version's patches. */
static void
cmd_status_text_commits(const struct view *v, size_t i)
{
	const struct view_commit	*c;
	const char			**ids;
	char				 date[32], part[32], *line;
	size_t				 j, k, n, np;

	np = status_patch_ids(&v->proposals[i], &ids);
	for (j = 0; j < np; j++) {
		n = view_commits_of(v, ids[j], &c);
		for (k = 0; k < n; k++) {
			datetime_format_iso(c[k].date, date, sizeof date);
			date[10] = '\0';
			if (c[k].total > 0)
				snprintf(part, sizeof part, "%d/%d", c[k].part,
				    c[k].total);
			else
				snprintf(part, sizeof part, "patch");
			if (asprintf(&line, "                  %s %.12s on %s, "
			    "%s (matched by %s)", part, c[k].oid, c[k].branches,
			    date, c[k].how) != -1) {
				output_fit(line, 79);
				free(line);
			}
		}
	}
	free(ids);
}

/*
 * What a verdict's deadline is, in words: a consensus whose window ended
 * is not overdue, and an objector's reply-by is not the proposal's.
 */
static const char *
cmd_status_deadline(const struct consensus_result *r, time_t now)
{
	int	passed = r->deadline <= now;

	if (strcmp(r->verdict, CONSENSUS_CONSENSUS) == 0 ||
	    strcmp(r->verdict, CONSENSUS_FAILED) == 0)
		return (passed ? "window ended" : "window ends");
	if (strcmp(r->verdict, CONSENSUS_WAITING) == 0)
		return (passed ? "window ended" : "window ends");
	if (strcmp(r->verdict, CONSENSUS_STALE) == 0)
		return ("the objector's reply was due");
	if (strcmp(r->verdict, CONSENSUS_OBJECTED) == 0)
		return (passed ? "the objector's reply was due" :
		    "the objector replies by");
	return (passed ? "deadline passed" : "deadline");
}

static void
cmd_status_evidence_line(void *arg, const char *line)
{
	(void)arg;
	output_wrap(line, 18, 79);
}

static void
cmd_status_text_proposal(const struct view *v, size_t i)
{
	const struct consensus_proposal	*p = &v->proposals[i];
	const struct consensus_result	*r = &v->results[i];
	const char			*why;
	char				 date[32], buf[128], *line;
	size_t				 j;

	if (asprintf(&line, "  %-15s v%d %s", r->verdict, p->version,
	    p->subject) != -1) {
		output_fit(line, 79);
		free(line);
	}
	output_wrap(r->reason, 18, 79);
	/* The tally's sum leaves these out: say which, and why. */
	for (j = 0; j < r->nopinions; j++) {
		if ((why = status_uncounted(r, j, buf, sizeof buf)) == NULL)
			continue;
		line = xasprintf("not counted: %+d from %s (%s)",
		    r->opinions[j].vote, r->opinions[j].name != NULL &&
		    *r->opinions[j].name != '\0' ? r->opinions[j].name :
		    r->opinions[j].email, why);
		output_wrap(line, 18, 79);
		free(line);
	}
	if (r->deadline != 0) {
		datetime_format_iso(r->deadline, date, sizeof date);
		printf("                  %s %s\n", cmd_status_deadline(r,
		    v->now), date);
	}
	/* What it rests on, for a verdict still open (a commit is its own). */
	if (strcmp(r->verdict, CONSENSUS_SUPERSEDED) != 0 &&
	    strcmp(r->verdict, CONSENSUS_COMMITTED) != 0)
		status_evidence_lines(v, i, cmd_status_evidence_line, NULL);
	cmd_status_text_disputed(v, i);
	cmd_status_text_commits(v, i);
}

/* What is shown, and how to see the rest. */
static void
cmd_status_count(const struct view *v, const struct status_filter *f,
    size_t n)
{
	int	narrowed = f->protocol != NULL || f->list != NULL ||
		    f->author != NULL || f->since != 0;

	if (f->verdicts != NULL || f->all)
		printf("%zu of %zu proposals%s\n", n, v->nproposals,
		    narrowed || f->verdicts != NULL ? " match" : "");
	else if (n == 0)
		printf("nothing needs anyone's action%s (of %zu proposals; "
		    "--all lists every one)\n", narrowed ? " that matches" :
		    "", v->nproposals);
	else
		printf("%zu of %zu proposals need%s someone's action%s "
		    "(--all lists every one)\n", n, v->nproposals, n == 1 ?
		    "s" : "", narrowed ? " and match" : "");
}

static void
cmd_status_text(const struct view *v, const struct policy *pol,
    const struct status_filter *f)
{
	size_t	*idx, n, i;
	char	 now[32], w[16], rr[16];
	const char *group = NULL, *g;

	datetime_format_iso(v->now, now, sizeof now);
	datetime_format_duration(pol->window, w, sizeof w);
	datetime_format_duration(pol->responsive, rr, sizeof rr);
	printf("pvbot status at %s (window %s, reply within %s)\n", now, w, rr);
	n = status_order(v, f, &idx);
	cmd_status_count(v, f, n);
	for (i = 0; i < n; i++) {
		g = v->proposals[idx[i]].nprotocols > 0 ?
		    v->proposals[idx[i]].protocols[0] : NULL;
		if (i == 0 || (g == NULL) != (group == NULL) ||
		    (g != NULL && strcmp(g, group) != 0)) {
			/* The protocol's stage, not the proposal's kind. */
			if (g != NULL)
				printf("\n%s (protocol stage: %s)\n", g,
				    view_protocol_stage(v, g));
			else
				printf("\nnot bound to a protocol\n");
			group = g;
		}
		cmd_status_text_proposal(v, idx[i]);
	}
	free(idx);
}

int
cmd_status(struct pvbot *bot, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "all", no_argument, NULL, 'a' },
		{ "fresh", no_argument, NULL, 'f' },
		{ "help", no_argument, NULL, 'h' },
		{ "json", no_argument, NULL, 'j' },
		{ "now", required_argument, NULL, 'n' },
		{ "record", no_argument, NULL, 'r' },
		CMD_FILTER_OPTIONS,
		{ NULL, 0, NULL, 0 }
	};
	const struct cmd_entry	*cmd = cmd_find("status");
	struct status		 st;
	struct status_filter	 f;
	struct output_jdoc	 doc;
	const char		*nowarg = NULL;
	char			*cause = NULL;
	size_t			*idx, n, i;
	time_t			 now;
	int			 ch, json = 0, fresh = 0, record = 0, r;

	memset(&f, 0, sizeof f);
	optind = 1;
	while ((ch = getopt_long(argc, argv, "afhjn:r" CMD_FILTER_LETTERS,
	    longopts, NULL)) != -1) {
		/* Its own --now is when it evaluates, not a filter's. */
		if (ch != 'n' && (r = cmd_filter_opt(ch, optarg, &f)) != 0) {
			if (r < 0)
				return (CMD_USAGE);
			continue;
		}
		switch (ch) {
		case 'a': f.all = 1; break;
		case 'r': record = 1; break;
		case 'f': fresh = 1; break;
		case 'j': json = 1; break;
		case 'n': nowarg = optarg; break;
		case 'h':
			printf("usage: pvbot status %s\n", cmd->usage);
			return (CMD_OK);
		default:
			return (cmd_usage(cmd));
		}
	}
	if (optind != argc)
		return (cmd_usage(cmd));
	if (cmd_parse_now(nowarg, &now) != 0)
		return (CMD_USAGE);
	/* Exploring with --now keeps nothing, unless told (store-events.h). */
	if (status_load(bot->cf, bot->store, now, fresh, nowarg == NULL ||
	    record ? STORE_EVENTS_KEEP : STORE_EVENTS_NONE, &st, &cause) != 0)
		return (cmd_error(cause));
	f.news = bot->cf->summary_max_age;
	if (cmd_filter_protocol(st.env->protocols, &f) != 0) {
		status_free(&st);
		return (CMD_USAGE);
	}
	if (json) {
		output_jdoc_begin(&doc);
		output_jdoc_member(&doc, "now", status_time(now));
		output_jdoc_array(&doc, "proposals");
		n = status_order(&st.v, &f, &idx);
		for (i = 0; i < n; i++)
			output_jdoc_item(&doc, status_proposal_json(&st.v,
			    idx[i], st.pol));
		free(idx);
		output_jdoc_array_end(&doc);
		output_jdoc_array(&doc, "protocols");
		for (i = 0; i < st.v.nprotocols; i++)
			output_jdoc_item(&doc,
			    status_protocol_json(&st.v.protocols[i]));
		output_jdoc_array_end(&doc);
		output_jdoc_end(&doc);
	} else
		cmd_status_text(&st.v, st.pol, &f);
	/* A held mail waits for the operator: say so where it is seen. */
	post_outbox_warn_held(bot->store);
	status_free(&st);
	return (CMD_OK);
}
