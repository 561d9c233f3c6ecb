/* The command table: one entry per subcommand, searched by name. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli.h"
#include "config.h"
#include "datetime.h"
#include "env.h"
#include "maintainers.h"
#include "output.h"
#include "store-read.h"
#include "store.h"
#include "xmalloc.h"

static const struct cmd_entry cmd_table[] = {
	{ "commits", "[--json] [ID]",
	    "commits from git sources and the posted patches they applied",
	    CMD_DB, cmd_commits },
	{ "config", "check",
	    "check every configuration file: each problem as file:line",
	    CMD_CONFIG_SELF, cmd_config },
	{ "digest", "[--send] [--now TIME]",
	    "mail digests to subscribers (dry run unless --send)",
	    CMD_DB, cmd_digest },
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
	{ "promote", "PROTOCOL STAGE [REASON]",
	    "record the Czar's decision to move a protocol on",
	    CMD_DB | CMD_DB_WRITE, cmd_promote },
	{ "protocols", "[--json] [--now TIME] | import-support FILE",
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
	{ "series", "[--json]", "patch series and their versions",
	    CMD_DB, cmd_series },
	{ "show", "[--json] ID", "one thread (by number or Message-ID) as a tree",
	    CMD_DB, cmd_show },
	{ "status", "[--json] [--all] [--fresh] [--now TIME]",
	    "verdicts of open proposals, with reasons and deadlines",
	    CMD_DB, cmd_status },
	{ "subscribe", "[--daily|--weekly] [--filter F] ADDRESS",
	    "send ADDRESS the digest (the operator's way: no confirmation)",
	    CMD_DB, cmd_subscribe },
	{ "summary", "[--send] [--now TIME]",
	    "status replies and list roll-ups (dry run unless --send)",
	    CMD_DB, cmd_summary },
	{ "tag", "ID KEYWORD...", "put keywords on a thread",
	    CMD_DB | CMD_DB_WRITE, cmd_tag },
	{ "threads", "[--json] [--kind K] [--list L] [--tag T]",
	    "threads, most recently active first", CMD_DB, cmd_threads },
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

int
cmd_usage(const struct cmd_entry *cmd)
{
	fprintf(stderr, "usage: pvbot %s %s\n", cmd->name, cmd->usage);
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

