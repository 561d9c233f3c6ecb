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
#include "output.h"
#include "policy.h"
#include "post-outbox.h"
#include "status.h"
#include "view.h"
#include "store.h"
#include "xmalloc.h"

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

static void
cmd_status_text_proposal(const struct view *v, size_t i)
{
	const struct consensus_proposal	*p = &v->proposals[i];
	const struct consensus_result	*r = &v->results[i];
	char				 date[32], *line;

	if (asprintf(&line, "  %-15s v%d %s", r->verdict, p->version,
	    p->subject) != -1) {
		output_fit(line, 79);
		free(line);
	}
	output_wrap(r->reason, 18, 79);
	if (r->deadline != 0) {
		datetime_format_iso(r->deadline, date, sizeof date);
		printf("                  deadline %s%s\n", date,
		    r->deadline <= v->now ? " (passed)" : "");
	}
	cmd_status_text_commits(v, i);
}

static void
cmd_status_text(const struct view *v, const struct policy *pol, int all)
{
	size_t	*idx, n, i;
	char	 now[32], w[16], rr[16];
	const char *group = NULL, *g;

	datetime_format_iso(v->now, now, sizeof now);
	datetime_format_duration(pol->window, w, sizeof w);
	datetime_format_duration(pol->responsive, rr, sizeof rr);
	printf("pvbot status at %s (window %s, reply within %s)\n", now, w, rr);
	n = status_order(v, all, &idx);
	if (n == 0)
		printf("\nno open proposals\n");
	for (i = 0; i < n; i++) {
		g = v->proposals[idx[i]].nprotocols > 0 ?
		    v->proposals[idx[i]].protocols[0] : NULL;
		if (i == 0 || (g == NULL) != (group == NULL) ||
		    (g != NULL && strcmp(g, group) != 0)) {
			if (g != NULL)
				printf("\n%s (%s)\n", g,
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
		{ NULL, 0, NULL, 0 }
	};
	const struct cmd_entry	*cmd = cmd_find("status");
	struct status		 st;
	struct output_jdoc	 doc;
	const char		*nowarg = NULL;
	char			*cause = NULL;
	size_t			*idx, n, i;
	time_t			 now;
	int			 ch, json = 0, all = 0, fresh = 0;

	optind = 1;
	while ((ch = getopt_long(argc, argv, "afhjn:", longopts, NULL)) != -1) {
		switch (ch) {
		case 'a': all = 1; break;
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
	if (status_load(bot->cf, bot->store, now, fresh, &st, &cause) != 0)
		return (cmd_error(cause));
	if (json) {
		output_jdoc_begin(&doc);
		output_jdoc_member(&doc, "now", status_time(now));
		output_jdoc_array(&doc, "proposals");
		n = status_order(&st.v, all, &idx);
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
		cmd_status_text(&st.v, st.pol, all);
	/* A held mail waits for the operator: say so where it is seen. */
	post_outbox_warn_held(bot->store);
	status_free(&st);
	return (CMD_OK);
}
