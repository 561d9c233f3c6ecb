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
#include "status.h"
#include "store-consensus.h"
#include "store-stages.h"
#include "store.h"
#include "xmalloc.h"

static json_t *
status_time(time_t t)
{
	char	buf[32];

	if (t == 0)
		return (json_null());
	datetime_format_iso(t, buf, sizeof buf);
	return (json_string(buf));
}

static json_t *
status_votes(const struct consensus_proposal *p,
    const struct consensus_result *r, const struct policy *pol)
{
	const struct consensus_opinion	*o;
	const char			*name = NULL;
	json_t				*a = json_array();
	size_t				 i;
	int				 own = 0;

	for (i = 0; i < r->nopinions; i++) {
		o = &r->opinions[i];
		own |= p->proposer != NULL && strcmp(o->email, p->proposer) == 0;
		json_array_append_new(a, json_pack("{s:{s:s, s:s}, s:i, s:b, "
		    "s:b, s:s}", "by", "name", o->name != NULL ? o->name : "",
		    "email", o->email, "vote", o->vote, "maintainer",
		    o->stakeholder, "counted", o->counted, "message_id",
		    o->message_id));
	}
	name = p->proposer_name;
	if (!own && p->proposer != NULL)
		json_array_insert_new(a, 0, json_pack("{s:{s:s, s:s}, s:i, "
		    "s:b, s:b, s:s}", "by", "name", name != NULL ? name : "",
		    "email", p->proposer, "vote",
		    pol->proposer_vote, "maintainer", 0, "counted", 1,
		    "message_id", p->root));
	return (a);
}

static json_t *
status_objections(const struct consensus_result *r)
{
	const struct consensus_objection	*o;
	json_t					*a = json_array();
	size_t					 i;

	for (i = 0; i < r->nobjections; i++) {
		o = &r->objections[i];
		json_array_append_new(a, json_pack("{s:{s:s, s:s}, s:s, s:o, "
		    "s:s, s:o, s:i, s:b}", "by", "name", o->name != NULL ?
		    o->name : "", "email", o->email, "message_id",
		    o->message_id, "since", status_time(o->since), "state",
		    o->state, "reply_by", status_time(o->reply_by), "vote",
		    o->vote, "maintainer", o->stakeholder));
	}
	return (a);
}

json_t *
status_proposal_json(const struct view *v, size_t i, const struct policy *pol)
{
	const struct consensus_proposal	*p = &v->proposals[i];
	const struct consensus_result	*r = &v->results[i];
	json_t				*protocols = json_array();
	size_t				 j;

	for (j = 0; j < p->nprotocols; j++)
		json_array_append_new(protocols, json_string(p->protocols[j]));
	return (json_pack("{s:s, s:s, s:s, s:i, s:o, s:o, s:s, s:s, s:o, s:o, "
	    "s:{s:i, s:o}, s:o}", "root", p->root, "subject", p->subject,
	    "kind", p->kind, "version", p->version, "list", p->list != NULL ?
	    json_string(p->list) : json_null(), "protocols", protocols,
	    "verdict", r->verdict, "reason", r->reason, "deadline",
	    status_time(r->deadline), "started", status_time(p->start),
	    "tally", "sum", r->sum, "votes", status_votes(p, r, pol),
	    "objections", status_objections(r)));
}

json_t *
status_protocol_json(const struct view_protocol *vp)
{
	return (json_pack("{s:s, s:s, s:s, s:o, s:s, s:s, s:i}", "name",
	    vp->in.name, "title", vp->title != NULL ? vp->title : "",
	    "stage", vp->in.stage, "since", status_time(vp->in.since),
	    "state", vp->out.state, "reason", vp->out.reason, "proposals",
	    (int)vp->nproposals));
}

int
status_is_open(const struct consensus_result *r)
{
	return (strcmp(r->verdict, CONSENSUS_SUPERSEDED) != 0 &&
	    strcmp(r->verdict, CONSENSUS_COMMITTED) != 0 &&
	    strcmp(r->verdict, CONSENSUS_FAILED) != 0);
}

/* Most urgent first: objections, then the nearest deadline. */
static int
status_rank(const struct consensus_result *r)
{
	static const char *order[] = { CONSENSUS_OBJECTED, CONSENSUS_STALE,
	    CONSENSUS_WAITING, CONSENSUS_CONSENSUS, CONSENSUS_FAILED,
	    CONSENSUS_COMMITTED, CONSENSUS_SUPERSEDED };
	int	i;

	for (i = 0; i < (int)(sizeof order / sizeof order[0]); i++)
		if (strcmp(r->verdict, order[i]) == 0)
			return (i);
	return (i);
}

/* A protocol's group, and how urgent its most urgent proposal is. */
struct status_group {
	const char	*name;
	int		 rank;
	time_t		 deadline;	/* 0: none */
	size_t		 pos;		/* in the output */
};

/* What a shown proposal is sorted by, computed once. */
struct status_key {
	size_t		 i;		/* the proposal */
	size_t		 group;
	int		 rank;
};

static const struct view	*status_sort_view;
static struct status_group	*status_groups;

static const char *
status_group_name(const struct view *v, size_t i)
{
	return (v->proposals[i].nprotocols > 0 ?
	    v->proposals[i].protocols[0] : "~");
}

/* Sooner first; no deadline after every deadline. */
static int
status_cmp_deadline(time_t x, time_t y)
{
	if (x == y)
		return (0);
	if (x == 0 || y == 0)
		return (x == 0 ? 1 : -1);
	return (x < y ? -1 : 1);
}

/* The group of proposal i (added if new), made as urgent as it. */
static size_t
status_group_add(const struct view *v, size_t i, int rank, size_t *ngroups)
{
	struct status_group	*g;
	const char		*name = status_group_name(v, i);
	size_t			 j;

	for (j = 0; j < *ngroups; j++)
		if (strcmp(status_groups[j].name, name) == 0)
			break;
	g = &status_groups[j];
	if (j == *ngroups) {
		status_groups = xreallocarray(status_groups, *ngroups + 1,
		    sizeof *status_groups);
		g = &status_groups[(*ngroups)++];
		g->name = name;
		g->rank = rank;
		g->deadline = v->results[i].deadline;
	} else if (rank < g->rank || (rank == g->rank &&
	    status_cmp_deadline(v->results[i].deadline, g->deadline) < 0)) {
		g->rank = rank;
		g->deadline = v->results[i].deadline;
	}
	return (j);
}

/* Groups by their most urgent proposal, then by name. */
static int
status_cmp_group(const void *a, const void *b)
{
	const struct status_group	*gx = a, *gy = b;
	int				 c;

	if (gx->rank != gy->rank)
		return (gx->rank - gy->rank);
	if ((c = status_cmp_deadline(gx->deadline, gy->deadline)) != 0)
		return (c);
	return (strcmp(gx->name, gy->name));
}

static int
status_cmp(const void *a, const void *b)
{
	const struct view	*v = status_sort_view;
	const struct status_key	*kx = a, *ky = b;
	size_t			 x = kx->i, y = ky->i;

	if (status_groups[kx->group].pos != status_groups[ky->group].pos)
		return (status_groups[kx->group].pos <
		    status_groups[ky->group].pos ? -1 : 1);
	if (kx->rank != ky->rank)
		return (kx->rank - ky->rank);
	if (v->results[x].deadline != v->results[y].deadline)
		return (v->results[x].deadline < v->results[y].deadline ? -1 :
		    1);
	if (v->proposals[x].start != v->proposals[y].start)
		return (v->proposals[x].start > v->proposals[y].start ? -1 : 1);
	return (strcmp(v->proposals[x].root, v->proposals[y].root));
}

/*
 * Each key's rank and group are computed once: comparing names in the
 * sort itself cost a second over a million messages.
 */
size_t
status_order(const struct view *v, int all, size_t **out)
{
	struct status_key	*keys;
	struct status_group	*sorted;
	size_t			*idx, i, n = 0, ngroups = 0;

	keys = xcalloc(v->nproposals + 1, sizeof *keys);
	for (i = 0; i < v->nproposals; i++)
		if (all || status_is_open(&v->results[i])) {
			keys[n].i = i;
			keys[n].rank = status_rank(&v->results[i]);
			keys[n].group = status_group_add(v, i, keys[n].rank,
			    &ngroups);
			n++;
		}
	/* Sort a copy of the groups to learn each one's position. */
	sorted = xcalloc(ngroups + 1, sizeof *sorted);
	for (i = 0; i < ngroups; i++) {
		status_groups[i].pos = i;
		sorted[i] = status_groups[i];
	}
	if (ngroups > 0)
		qsort(sorted, ngroups, sizeof *sorted, status_cmp_group);
	for (i = 0; i < ngroups; i++)
		status_groups[sorted[i].pos].pos = i;
	free(sorted);
	status_sort_view = v;
	if (n > 0)
		qsort(keys, n, sizeof *keys, status_cmp);
	idx = xcalloc(n + 1, sizeof *idx);
	for (i = 0; i < n; i++)
		idx[i] = keys[i].i;
	free(keys);
	free(status_groups);
	status_groups = NULL;
	*out = idx;
	return (n);
}

static void
status_text_proposal(const struct view *v, size_t i)
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
}

static void
status_text(const struct view *v, const struct policy *pol, int all)
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
		status_text_proposal(v, idx[i]);
	}
	free(idx);
}

int
status_load(struct pvbot *bot, struct cmd_env *env, struct policy **pol,
    time_t now, int fresh, int how, struct view *v)
{
	char	*cause = NULL;

	if (cmd_env_load(bot, env) != 0)
		return (-1);
	if (store_stages_seed(bot->store, env->protocols, &cause) < 0 ||
	    policy_load(bot->cf->policy, pol, &cause) != 0 ||
	    view_load(bot->store, *pol, env->protocols, &env->cmd, now, fresh,
	    v, &cause) != 0 || view_record_events(bot->store, v, *pol, how,
	    &cause) < 0) {
		fprintf(stderr, "%s\n", cause);
		free(cause);
		view_free(v);
		policy_free(*pol);
		cmd_env_free(env);
		return (-1);
	}
	return (0);
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
		{ NULL, 0, NULL, 0 }
	};
	const struct cmd_entry	*cmd = cmd_find("status");
	struct cmd_env		 env;
	struct policy		*pol = NULL;
	struct view		 v;
	struct output_jdoc	 doc;
	const char		*nowarg = NULL;
	size_t			*idx, n, i;
	time_t			 now;
	int			 ch, json = 0, all = 0, fresh = 0, record = 0;

	optind = 1;
	while ((ch = getopt_long(argc, argv, "afhjn:r", longopts, NULL)) !=
	    -1) {
		switch (ch) {
		case 'a': all = 1; break;
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
	/* Exploring with --now keeps nothing, unless told (store-consensus.h). */
	if (status_load(bot, &env, &pol, now, fresh, nowarg == NULL || record ?
	    VIEW_EVENTS_KEEP : VIEW_EVENTS_NONE, &v) != 0)
		return (CMD_ERROR);
	if (json) {
		output_jdoc_begin(&doc);
		output_jdoc_member(&doc, "now", status_time(now));
		output_jdoc_array(&doc, "proposals");
		n = status_order(&v, all, &idx);
		for (i = 0; i < n; i++)
			output_jdoc_item(&doc, status_proposal_json(&v, idx[i],
			    pol));
		free(idx);
		output_jdoc_array_end(&doc);
		output_jdoc_array(&doc, "protocols");
		for (i = 0; i < v.nprotocols; i++)
			output_jdoc_item(&doc,
			    status_protocol_json(&v.protocols[i]));
		output_jdoc_array_end(&doc);
		output_jdoc_end(&doc);
	} else
		status_text(&v, pol, all);
	view_free(&v);
	policy_free(pol);
	cmd_env_free(&env);
	return (CMD_OK);
}
