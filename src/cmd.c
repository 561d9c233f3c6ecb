/* The command table: one entry per subcommand, searched by name. */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "cli.h"
#include "datetime.h"

static const struct cmd_entry cmd_table[] = {
	{ "import", "[--list NAME] [--quiet] PATH...",
	    "store mbox (also .gz) or Maildir archives; idempotent",
	    CMD_DB | CMD_DB_WRITE | CMD_DB_CREATE, cmd_import },
	{ "init", "", "create or upgrade the database",
	    CMD_DB | CMD_DB_WRITE | CMD_DB_CREATE, cmd_init },
	{ "maintainers", "[--json] [--file PATH] PATH...",
	    "who maintains each path, from MAINTAINERS", 0, cmd_maintainers },
	{ "messages", "[--json] [--list NAME]",
	    "every message: id, thread, kind, trailers, series position",
	    CMD_DB, cmd_messages },
	{ "series", "[--json]", "patch series and their versions",
	    CMD_DB, cmd_series },
	{ "show", "[--json] ID", "one thread (by number or Message-ID) as a tree",
	    CMD_DB, cmd_show },
	{ "threads", "[--json] [--kind K] [--list L] [--tag T]",
	    "threads, most recently active first", CMD_DB, cmd_threads },
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
