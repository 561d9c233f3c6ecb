/* pvbot show: one thread as an indented tree. */
#include <ctype.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "cli.h"
#include "commits-match.h"
#include "config.h"
#include "datetime.h"
#include "maintainers.h"
#include "facts.h"
#include "output.h"
#include "store-commits.h"
#include "status.h"
#include "store-events.h"
#include "store-read.h"
#include "view.h"
#include "xmalloc.h"

struct show_node {
	long long	 id;
	char		*msgid;
	char		*parent;
	int		 present;
	time_t		 date;
	char		*from;
	char		*email;
	char		*subject;
	char		*kind;
	int		 disputed;	/* copies saying something else */
	size_t		 first_child;	/* index into order[], or -1 */
	size_t		 nchildren;
	int		 seen;
};

struct show_tree {
	long long		 id;	/* the thread */
	struct show_node	*nodes;	/* sorted by date */
	size_t			 n;
	size_t			*by_id;	/* node indexes sorted by msgid */
	size_t			*children;	/* child indexes grouped */
	/* The commits of git sources that applied its patches. */
	const struct config		*cf;
	struct store_commit_match	*commits;
	size_t				 ncommits;
};

/* Nodes by Message-ID, to find a message's parent. */
static int
cmd_show_cmp_id(const void *ctx, size_t a, size_t b)
{
	const struct show_tree	*t = ctx;

	return (strcmp(t->nodes[a].msgid, t->nodes[b].msgid));
}

static long
cmd_show_find(struct show_tree *t, const char *msgid)
{
	size_t	lo = 0, hi = t->n, mid;
	int	c;

	while (lo < hi) {
		mid = (lo + hi) / 2;
		c = strcmp(msgid, t->nodes[t->by_id[mid]].msgid);
		if (c == 0)
			return ((long)t->by_id[mid]);
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return (-1);
}

static char *
cmd_show_dup(const char *s)
{
	return (xstrdup(s != NULL ? s : ""));
}

static void
cmd_show_node(void *arg, const struct store_read_node *r)
{
	struct show_tree	*t = arg;
	struct show_node	*n;

	t->nodes = xreallocarray(t->nodes, t->n + 1, sizeof *t->nodes);
	n = &t->nodes[t->n++];
	memset(n, 0, sizeof *n);
	n->id = r->id;
	n->msgid = cmd_show_dup(r->message_id);
	n->parent = r->parent == NULL ? NULL : cmd_show_dup(r->parent);
	n->present = r->present;
	n->date = r->date;
	n->from = cmd_show_dup(r->from_name);
	n->email = cmd_show_dup(r->from_email);
	n->subject = cmd_show_dup(r->subject);
	n->kind = cmd_show_dup(r->kind);
	n->disputed = r->disputed;
}

static int
cmd_show_load(struct store *s, long long thread, struct show_tree *t)
{
	return (store_read_thread(s, thread, cmd_show_node, t));
}

/* Index children by parent, keeping date order among siblings. */
static void
cmd_show_link(struct show_tree *t)
{
	size_t	 i, *count, *pos;
	long	 p;
	long	*parent_of;

	t->by_id = facts_order(t->n, cmd_show_cmp_id, t);
	parent_of = xcalloc(t->n, sizeof *parent_of);
	count = xcalloc(t->n + 1, sizeof *count);
	for (i = 0; i < t->n; i++) {
		p = t->nodes[i].parent != NULL ? cmd_show_find(t,
		    t->nodes[i].parent) : -1;
		parent_of[i] = p;
		if (p >= 0)
			t->nodes[p].nchildren++;
	}
	for (i = 0; i < t->n; i++)
		count[i + 1] = count[i] + t->nodes[i].nchildren;
	pos = xcalloc(t->n, sizeof *pos);
	t->children = xcalloc(t->n, sizeof *t->children);
	for (i = 0; i < t->n; i++)
		t->nodes[i].first_child = count[i];
	for (i = 0; i < t->n; i++) {
		if ((p = parent_of[i]) < 0)
			continue;
		t->children[count[p] + pos[p]++] = i;
	}
	free(pos);
	free(count);
	free(parent_of);
}

static void
cmd_show_line(const struct show_node *n, int depth)
{
	char	date[32], *line;

	if (!n->present) {
		if (asprintf(&line, "%-10s %-9s %*s(not in the archive) <%s>",
		    "", "", depth * 2, "", n->msgid) != -1) {
			output_fit(line, 200);
			free(line);
		}
		return;
	}
	datetime_format_iso(n->date, date, sizeof date);
	date[10] = '\0';
	/* Disputed: another copy under its Message-ID says otherwise. */
	if (asprintf(&line, "%s %-9s %*s%s%s: %s", date, n->kind, depth * 2, "",
	    n->disputed > 0 ? "[disputed] " : "",
	    *n->from != '\0' ? n->from : n->email, n->subject) != -1) {
		output_fit(line, 200);
		free(line);
	}
}

/* Under a patch: each commit that applied it, and how it was matched. */
static void
cmd_show_commit_lines(const struct show_tree *t, const struct show_node *n,
    int depth)
{
	const struct store_commit_match	*m;
	char				 date[32], *line;
	size_t				 i;

	for (i = 0; i < t->ncommits; i++) {
		m = &t->commits[i];
		if (strcmp(m->message_id, n->msgid) != 0)
			continue;
		datetime_format_iso(m->commit_date, date, sizeof date);
		date[10] = '\0';
		if (asprintf(&line, "%-10s %-9s %*s  committed %.12s on %s, "
		    "%s (matched by %s)", "", "", depth * 2, "", m->oid,
		    m->branches != NULL ? m->branches : "-", date, m->how) !=
		    -1) {
			output_fit(line, 200);
			free(line);
		}
	}
}

static json_t *
cmd_show_json_commits(const struct show_tree *t, const struct show_node *n)
{
	const struct config_source	*cs;
	const struct store_commit_match	*m;
	json_t				*a = json_array();
	char				 date[32], *url;
	size_t				 i;

	for (i = 0; i < t->ncommits; i++) {
		m = &t->commits[i];
		if (strcmp(m->message_id, n->msgid) != 0)
			continue;
		cs = config_source_find(t->cf, m->source);
		url = commits_match_url(cs != NULL ? cs->commit_url : NULL,
		    m->oid);
		datetime_format_iso(m->commit_date, date, sizeof date);
		json_array_append_new(a, json_pack("{s:s, s:o, s:s, s:s, s:o}",
		    "id", m->oid, "branches", output_split(m->branches, ','),
		    "date", date, "how", m->how, "url", url != NULL ?
		    json_string(url) : json_null()));
		free(url);
	}
	return (a);
}

static json_t *
cmd_show_json_node(struct output_ctx *ctx, const struct show_node *n, int depth,
    long long thread)
{
	char	 date[32];
	json_t	*o;

	o = json_pack("{s:s, s:o, s:i, s:b}", "message_id", n->msgid,
	    "parent", n->parent != NULL ? json_string(n->parent) : json_null(),
	    "depth", depth, "present", n->present);
	if (n->present) {
		datetime_format_iso(n->date, date, sizeof date);
		json_object_set_new(o, "date", json_string(date));
		json_object_set_new(o, "from", json_pack("{s:s, s:s}", "name",
		    n->from, "email", n->email));
		json_object_set_new(o, "subject", json_string(n->subject));
		json_object_set_new(o, "kind", json_string(n->kind));
		json_object_set_new(o, "trailers", output_trailers(ctx, n->id,
		    thread));
		output_message_extras(ctx, n->id, thread, o);
	}
	return (o);
}

/* A message as JSON, with the commits of a patch. */
static json_t *
cmd_show_json_message(struct output_ctx *ctx, const struct show_tree *t,
    const struct show_node *n, int depth)
{
	json_t	*o = cmd_show_json_node(ctx, n, depth, t->id), *c;

	c = cmd_show_json_commits(t, n);
	if (json_array_size(c) > 0)
		json_object_set_new(o, "commits", c);
	else
		json_decref(c);
	return (o);
}

/* Depth-first walk; "seen" guards against a cycle in stored links. */
static void
cmd_show_walk(struct output_ctx *ctx, struct show_tree *t, size_t i, int depth,
    json_t *array)
{
	struct show_node	*n = &t->nodes[i];
	size_t			 c;

	if (n->seen)
		return;
	n->seen = 1;
	if (array != NULL)
		json_array_append_new(array, cmd_show_json_message(ctx, t, n,
		    depth));
	else {
		cmd_show_line(n, depth > 20 ? 20 : depth);
		cmd_show_commit_lines(t, n, depth > 20 ? 20 : depth);
	}
	for (c = 0; c < n->nchildren; c++)
		cmd_show_walk(ctx, t, t->children[n->first_child + c],
		    depth + 1, array);
}

static void
cmd_show_free(struct show_tree *t)
{
	size_t	i;

	for (i = 0; i < t->n; i++) {
		free(t->nodes[i].msgid);
		free(t->nodes[i].parent);
		free(t->nodes[i].from);
		free(t->nodes[i].email);
		free(t->nodes[i].subject);
		free(t->nodes[i].kind);
	}
	free(t->nodes);
	free(t->by_id);
	free(t->children);
	store_commits_matches_free(t->commits, t->ncommits);
}

static void
cmd_show_evidence_line(void *arg, const char *line)
{
	(void)arg;
	output_wrap(line, 4, 79);
}

/*
 * The proposals of the thread (its root's) at now, with their verdicts
 * and what each rests on: as text after the tree, or into *out as
 * status --json gives them.
 */
static int
cmd_show_verdicts(struct pvbot *bot, const char *root, time_t now,
    json_t *out)
{
	struct status	 st;
	char		*cause = NULL, *line;
	size_t		 i;

	if (root == NULL)
		return (0);
	if (status_load(bot->cf, bot->store, now, 0, STORE_EVENTS_NONE, &st,
	    &cause) != 0) {
		fprintf(stderr, "pvbot: show: %s\n", cause);
		free(cause);
		return (-1);
	}
	for (i = 0; i < st.v.nproposals; i++) {
		if (strcmp(st.v.proposals[i].root, root) != 0 ||
		    st.v.proposals[i].start > now)
			continue;
		if (out != NULL) {
			json_array_append_new(out, status_proposal_json(&st.v,
			    i, st.pol));
			continue;
		}
		line = xasprintf("v%d: %s: %s", st.v.proposals[i].version,
		    st.v.results[i].verdict, st.v.results[i].reason);
		printf("\n");
		output_wrap(line, 0, 79);
		free(line);
		status_evidence_lines(&st.v, i, cmd_show_evidence_line, NULL);
	}
	status_free(&st);
	return (0);
}

int
cmd_show(struct pvbot *bot, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "help", no_argument, NULL, 'h' },
		{ "json", no_argument, NULL, 'j' },
		{ "now", required_argument, NULL, 'n' },
		{ NULL, 0, NULL, 0 }
	};
	const struct cmd_entry	*cmd = cmd_find("show");
	struct show_tree	 t;
	struct store_commits	*sc;
	struct output_ctx	 ctx;
	struct maintainers	*mt;
	json_t			*array = NULL, *verdicts = NULL;
	char			*root = NULL;
	const char		*nowarg = NULL;
	long long		 thread;
	time_t			 now;
	size_t			 i;
	int			 ch, json = 0, rc = CMD_OK;

	optind = 1;
	while ((ch = getopt_long(argc, argv, "hjn:", longopts, NULL)) != -1) {
		switch (ch) {
		case 'j': json = 1; break;
		case 'n': nowarg = optarg; break;
		case 'h':
			printf("usage: pvbot show %s\n", cmd->usage);
			return (CMD_OK);
		default:
			return (cmd_usage(cmd));
		}
	}
	if (optind + 1 != argc)
		return (cmd_usage(cmd));
	if (cmd_parse_now(nowarg, &now) != 0)
		return (CMD_USAGE);
	if ((thread = cmd_thread_resolve(bot->store, argv[optind], &root)) == 0) {
		fprintf(stderr, "pvbot: show: %s: no such thread or message\n",
		    argv[optind]);
		return (CMD_ERROR);
	}
	memset(&t, 0, sizeof t);
	t.id = thread;
	if (cmd_maintainers_load(bot, &mt) != 0) {
		free(root);
		return (CMD_ERROR);
	}
	if (cmd_show_load(bot->store, thread, &t) != 0) {
		free(root);
		maintainers_free(mt);
		return (cmd_db_error(bot->store));
	}
	sc = store_commits_open(bot->store);
	t.ncommits = store_commits_matches(sc, root, &t.commits);
	store_commits_close(sc);
	t.cf = bot->cf;
	output_ctx_init(&ctx, bot->store, mt);
	cmd_show_link(&t);
	if (json)
		array = json_array();
	/* Roots first (no parent in the thread), then anything unreached. */
	for (i = 0; i < t.n; i++)
		if (t.nodes[i].parent == NULL ||
		    cmd_show_find(&t, t.nodes[i].parent) < 0)
			cmd_show_walk(&ctx, &t, i, 0, array);
	for (i = 0; i < t.n; i++)
		cmd_show_walk(&ctx, &t, i, 0, array);
	/* The verdicts of the proposals it holds, and their evidence. */
	if (json)
		verdicts = json_array();
	if (cmd_show_verdicts(bot, root, now, verdicts) != 0)
		rc = CMD_ERROR;
	if (json)
		output_json_dump(json_pack("{s:I, s:s, s:o, s:o}", "id",
		    (json_int_t)thread, "thread", root, "messages", array,
		    "proposals", verdicts));
	cmd_show_free(&t);
	output_ctx_free(&ctx);
	maintainers_free(mt);
	free(root);
	return (rc);
}
