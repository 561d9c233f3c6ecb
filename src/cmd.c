/* The command table: one entry per subcommand, searched by name. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli.h"
#include "config.h"
#include "consensus.h"
#include "datetime.h"
#include "env.h"
#include "maintainers.h"
#include "output.h"
#include "protocols.h"
#include "status.h"
#include "store-events.h"
#include "store-read.h"
#include "store.h"
#include "xmalloc.h"

static const struct cmd_entry cmd_table[] = {
	{ "commits", "[--json] [ID]",
	    "commits from git sources and notices in mail, and the patches "
	    "they applied",
	    CMD_DB, cmd_commits },
	{ "config", "check",
	    "check every configuration file: each problem as file:line",
	    CMD_CONFIG_SELF, cmd_config },
	{ "digest", "[--send] [--now TIME]",
	    "mail digests to subscribers (dry run unless --send)",
	    CMD_DB, cmd_digest },
	{ "explain", "MESSAGE-ID",
	    "why a message got its kind: context, own text, rules matched",
	    CMD_DB, cmd_explain },
	{ "import", "[--list NAME] [--quiet] PATH...",
	    "store mbox (also .gz) or Maildir archives; idempotent",
	    CMD_DB | CMD_DB_WRITE | CMD_DB_CREATE, cmd_import },
	{ "init", "", "create, upgrade or check the database",
	    CMD_DB | CMD_DB_WRITE | CMD_DB_CREATE, cmd_init },
	{ "maintainers", "[--json] [--file PATH] PATH...",
	    "who maintains each path, from MAINTAINERS", 0, cmd_maintainers },
	{ "messages", "[--json] [--list NAME]",
	    "every message: id, thread, kind, trailers, series position",
	    CMD_DB, cmd_messages },
	{ "outbox", "[--json] | resolve ID sent|resend",
	    "every mail pvbot queued, sent or failed; release a held one",
	    CMD_DB, cmd_outbox },
	{ "poll", "[--once] [--quiet] [SOURCE]",
	    "fetch new mail and commits from the configured sources",
	    CMD_DB | CMD_DB_WRITE | CMD_DB_CREATE, cmd_poll },
	{ "promote", "[--force] PROTOCOL STAGE [REASON]",
	    "record the Czar's decision to move a protocol on",
	    CMD_DB | CMD_DB_WRITE, cmd_promote },
	{ "protocols", "[--json] [--all] [--now TIME] | import-support FILE",
	    "PV protocols: stage, since, state", CMD_DB, cmd_protocols },
	{ "reclassify", "", "re-run the rules over every stored message",
	    CMD_DB | CMD_DB_WRITE, cmd_reclassify },
	{ "remind", "[--send] [--now TIME]",
	    "the Czar's reminder (dry run unless --send)", CMD_DB, cmd_remind },
	{ "report", "--html DIR [--now TIME] [--url URL]",
	    "the dashboard: a static HTML site and an Atom feed",
	    CMD_DB, cmd_report },
	{ "run", "[--foreground]",
	    "daemon: keep the sources fresh (IDLE where possible)",
	    CMD_DB | CMD_DB_WRITE | CMD_DB_CREATE, cmd_run },
	{ "series", "[--json] [FILTERS [--now TIME]]",
	    "patch series and their versions, and pull requests",
	    CMD_DB, cmd_series },
	{ "show", "[--json] [--now TIME] ID",
	    "one thread (by number or Message-ID) as a tree, with its verdicts",
	    CMD_DB, cmd_show },
	{ "status",
	    "[--json] [--all] [FILTERS] [--fresh] [--now TIME [--record]]",
	    "what needs someone's action: verdicts, reasons, deadlines",
	    CMD_DB, cmd_status },
	{ "subscribe", "[--daily|--weekly] [--filter F] ADDRESS",
	    "send ADDRESS the digest (the operator's way: no confirmation)",
	    CMD_DB, cmd_subscribe },
	{ "summary", "[--send] [--now TIME]",
	    "status replies and list roll-ups (dry run unless --send)",
	    CMD_DB, cmd_summary },
	{ "tag", "ID KEYWORD...", "put keywords on a thread",
	    CMD_DB | CMD_DB_WRITE, cmd_tag },
	{ "threads", "[--json] [--kind K] [--tag T] [FILTERS [--now TIME]]",
	    "threads, most recently active first", CMD_DB, cmd_threads },
	{ "train",
	    "[--output FILE] [--l2 X] [--iters N] [--margin K=X] "
	    "[--change FROM:TO=X] [--cv K [--sweep] [--repeat N] [--heldout]] "
	    "LABELS...",
	    "fit the model's weights on labelled mail in the database",
	    CMD_DB, cmd_train },
	{ "unsubscribe", "ADDRESS", "stop ADDRESS's digest", CMD_DB,
	    cmd_subscribe },
	{ "untag", "ID KEYWORD...", "take keywords off a thread",
	    CMD_DB | CMD_DB_WRITE, cmd_tag },
};

const struct cmd_entry *
cmd_find(const char *name)
{
	size_t	i;

	for (i = 0; i < sizeof cmd_table / sizeof cmd_table[0]; i++)
		if (strcmp(cmd_table[i].name, name) == 0)
			return (&cmd_table[i]);
	return (NULL);
}

void
cmd_print_usage(void *out, const struct cmd_entry *cmd)
{
	FILE	*f = out;

	fprintf(f, "usage: pvbot %s%s%s\n", cmd->name, *cmd->usage != '\0' ?
	    " " : "", cmd->usage);
	if (strstr(cmd->usage, "FILTERS") != NULL)
		fprintf(f, "FILTERS: [--protocol P] [--list L] [--verdict V,...] "
		    "[--since DATE] [--author WHO]\n");
}

int
cmd_usage(const struct cmd_entry *cmd)
{
	cmd_print_usage(stderr, cmd);
	return (CMD_USAGE);
}

void
cmd_list(void *out)
{
	FILE	*f = out;
	size_t	 i;

	fprintf(f, "commands:\n");
	for (i = 0; i < sizeof cmd_table / sizeof cmd_table[0]; i++)
		fprintf(f, "  %-12s %s\n", cmd_table[i].name,
		    cmd_table[i].summary);
}

int
cmd_parse_now(const char *arg, time_t *now)
{
	if (arg == NULL) {
		*now = time(NULL);
		return (0);
	}
	if (datetime_parse_user(arg, now) != 0) {
		fprintf(stderr, "pvbot: --now %s: not a date (use "
		    "2026-11-25T10:00:00Z or @EPOCH)\n", arg);
		return (-1);
	}
	return (0);
}

int
cmd_filter_opt(int ch, const char *arg, struct status_filter *f)
{
	switch (ch) {
	case 'A': f->author = arg; break;
	case 'l': f->list = arg; break;
	case 'P': f->protocol = arg; break;
	case 'n':
		if (cmd_parse_now(arg, &f->now) != 0)
			return (-1);
		break;
	case 'S':
		if (datetime_parse_user(arg, &f->since) != 0) {
			fprintf(stderr, "pvbot: --since %s: not a date (use "
			    "2026-11-25 or 2026-11-25T10:00:00Z)\n", arg);
			return (-1);
		}
		break;
	case 'V':
		if (!status_are_verdicts(arg)) {
			fprintf(stderr, "pvbot: --verdict %s: not a verdict "
			    "(waiting, objected, stale-objection, consensus, "
			    "failed, committed, superseded; or several, with "
			    "commas)\n", arg);
			return (-1);
		}
		f->verdicts = arg;
		break;
	default:
		return (0);
	}
	return (1);
}

int
cmd_filter_protocol(const struct protocols *ps, struct status_filter *f)
{
	const struct protocol	*p;

	if (f->protocol == NULL)
		return (0);
	if (ps == NULL || (p = protocols_find(ps, f->protocol)) == NULL) {
		fprintf(stderr, "pvbot: --protocol %s: no such protocol in "
		    "protocols.conf (pvbot protocols --all lists them)\n",
		    f->protocol);
		return (-1);
	}
	f->protocol = p->name;
	return (0);
}

static int
cmd_picked_cmp(const char *root, int version, const struct cmd_picked *pk,
    size_t i)
{
	int	c;

	if ((c = strcmp(root, pk->root[i])) != 0 || version == 0)
		return (c);
	return (version < pk->version[i] ? -1 : version > pk->version[i]);
}

static int
cmd_picked_sort(const void *a, const void *b)
{
	const struct consensus_proposal	*x = *(const void *const *)a;
	const struct consensus_proposal	*y = *(const void *const *)b;
	int				 c;

	if ((c = strcmp(x->root, y->root)) != 0)
		return (c);
	return (x->version < y->version ? -1 : x->version > y->version);
}

int
cmd_filter_verdicts(struct pvbot *bot, const struct status_filter *f,
    struct cmd_picked *pk)
{
	const struct consensus_proposal	**ps;
	struct status			  st;
	struct status_filter		  only;
	char				 *cause = NULL;
	size_t				 *idx, n, i;

	memset(pk, 0, sizeof *pk);
	if (status_load(bot->cf, bot->store, f->now != 0 ? f->now : time(NULL),
	    0, STORE_EVENTS_NONE, &st, &cause) != 0) {
		cmd_error(cause);
		return (-1);
	}
	memset(&only, 0, sizeof only);
	only.verdicts = f->verdicts;
	n = status_order(&st.v, &only, &idx);
	ps = xcalloc(n + 1, sizeof *ps);
	for (i = 0; i < n; i++)
		ps[i] = &st.v.proposals[idx[i]];
	if (n > 0)
		qsort(ps, n, sizeof *ps, cmd_picked_sort);
	pk->root = xcalloc(n + 1, sizeof *pk->root);
	pk->version = xcalloc(n + 1, sizeof *pk->version);
	for (i = 0; i < n; i++) {
		pk->root[i] = xstrdup(ps[i]->root);
		pk->version[i] = ps[i]->version;
	}
	pk->n = n;
	free(ps);
	free(idx);
	status_free(&st);
	return (0);
}

/* A protocol's name kept past its registry (one per command run). */
static const char *
cmd_filter_keep(const char *name)
{
	static char	copy[128];

	snprintf(copy, sizeof copy, "%s", name);
	return (copy);
}

int
cmd_filter_prepare(struct pvbot *bot, struct status_filter *f,
    struct store_read_filter *rf, struct cmd_picked *pk)
{
	struct protocols	*ps = NULL;
	char			*cause = NULL;
	int			 r;

	memset(pk, 0, sizeof *pk);
	if (f->protocol != NULL) {
		if (protocols_load(bot->cf->protocols, &ps, &cause) != 0)
			return (cmd_error(cause));
		r = cmd_filter_protocol(ps, f);
		/* The name must outlive ps: keep a copy for the command. */
		if (r == 0)
			f->protocol = cmd_filter_keep(f->protocol);
		protocols_free(ps);
		if (r != 0)
			return (CMD_USAGE);
	}
	if (f->verdicts != NULL && cmd_filter_verdicts(bot, f, pk) != 0)
		return (CMD_ERROR);
	rf->list = f->list;
	rf->protocol = f->protocol;
	rf->author = f->author;
	rf->since = f->since;
	return (CMD_OK);
}

int
cmd_picked_has(const struct cmd_picked *pk, const char *root, int version)
{
	size_t	lo = 0, hi = pk->n, mid;
	int	c;

	while (lo < hi) {
		mid = (lo + hi) / 2;
		if ((c = cmd_picked_cmp(root, version, pk, mid)) == 0)
			return (1);
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return (0);
}

void
cmd_picked_free(struct cmd_picked *pk)
{
	size_t	i;

	for (i = 0; i < pk->n; i++)
		free(pk->root[i]);
	free(pk->root);
	free(pk->version);
	memset(pk, 0, sizeof *pk);
}

int
cmd_error(char *cause)
{
	fprintf(stderr, "%s\n", cause);
	free(cause);
	return (CMD_ERROR);
}

int
cmd_db_error(struct store *s)
{
	fprintf(stderr, "pvbot: database: %s\n", store_errmsg(s));
	return (CMD_ERROR);
}

int
cmd_env_load(struct pvbot *bot, struct env **env)
{
	char	*cause = NULL;

	if (env_load(bot->cf, env, &cause) != 0) {
		cmd_error(cause);
		return (-1);
	}
	return (0);
}

int
cmd_maintainers_load(struct pvbot *bot, struct maintainers **mt)
{
	char	*cause = NULL;

	*mt = NULL;
	if (bot->cf->maintainers == NULL)
		return (0);
	if (maintainers_load(bot->cf->maintainers, mt, &cause) != 0) {
		fprintf(stderr, "%s\n", cause);
		free(cause);
		return (-1);
	}
	return (0);
}

/* A thread number, or any Message-ID in the thread (brackets optional). */
long long
cmd_thread_resolve(struct store *s, const char *arg, char **root)
{
	long long	 thread = 0;
	char		*id;

	if (*arg != '\0' && strspn(arg, "0123456789") == strlen(arg))
		thread = strtoll(arg, NULL, 10);
	id = xstrdup(arg + (*arg == '<'));
	id[strcspn(id, ">")] = '\0';
	thread = store_read_resolve(s, thread, id, root);
	free(id);
	return (thread);
}

