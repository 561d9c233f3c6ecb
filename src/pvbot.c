/* pvbot: lazy-consensus bookkeeping for Xen PV protocols.  main(). */
#include "autoconf.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "config.h"
#include "log.h"
#include "store.h"

#ifndef SYSCONFDIR
#define SYSCONFDIR "/etc"
#endif

static void
pvbot_usage(FILE *f)
{
	fprintf(f, "usage: pvbot [-c CONFIG] [-d DB] [-v CATEGORY] COMMAND "
	    "[ARGS]\n\n");
	cmd_list(f);
	fprintf(f, "\nRun 'pvbot COMMAND --help' for a command's options.\n");
}

/* -c, then $PVBOT_CONFIG, then SYSCONFDIR/pvbot.conf if it exists. */
static const char *
pvbot_find_config(const char *opt)
{
	static char	 path[4096];
	const char	*env = getenv("PVBOT_CONFIG");

	if (opt != NULL)
		return (opt);
	if (env != NULL && *env != '\0')
		return (env);
	snprintf(path, sizeof path, "%s/pvbot.conf", SYSCONFDIR);
	return (access(path, R_OK) == 0 ? path : NULL);
}

static const char *
pvbot_find_database(const char *opt, const struct config *cf)
{
	const char	*env = getenv("PVBOT_DB");

	if (opt != NULL)
		return (opt);
	if (cf->database != NULL)
		return (cf->database);
	if (env != NULL && *env != '\0')
		return (env);
	return ("pvbot.db");
}

/*
 * Output and notes sent to one place (a file or pipe, with 2>&1) must not
 * cut each other's lines: stdout, fully buffered there, goes out a line at
 * a time, so a note on stderr lands between two lines.
 */
static void
pvbot_same_output(void)
{
	struct stat	out, err;

	if (fstat(STDOUT_FILENO, &out) == 0 && fstat(STDERR_FILENO, &err) ==
	    0 && out.st_dev == err.st_dev && out.st_ino == err.st_ino)
		setvbuf(stdout, NULL, _IOLBF, BUFSIZ);
}

/*
 * "pvbot CMD --help" (or -h) answers before any configuration or database
 * is looked for, so that it works anywhere.
 */
static int
pvbot_wants_help(int argc, char **argv)
{
	int	i;

	for (i = 1; i < argc && strcmp(argv[i], "--") != 0; i++)
		if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0)
			return (1);
	return (0);
}

static int
pvbot_run(struct pvbot *bot, const struct cmd_entry *cmd, int argc, char **argv)
{
	char	*cause = NULL;
	int	 flags = 0, r;

	if (cmd->flags & CMD_DB) {
		if (cmd->flags & CMD_DB_WRITE)
			flags |= STORE_WRITE;
		if (cmd->flags & CMD_DB_CREATE)
			flags |= STORE_CREATE;
		if (store_open(bot->db_path, flags, &bot->store, &cause) != 0) {
			fprintf(stderr, "pvbot: %s\n", cause);
			free(cause);
			return (CMD_ERROR);
		}
	}
	r = cmd->exec(bot, argc, argv);
	store_close(bot->store);
	bot->store = NULL;
	return (r);
}

int
main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 }
	};
	const struct cmd_entry	*cmd;
	struct pvbot		 bot;
	const char		*conf = NULL, *db = NULL;
	char			*cause = NULL;
	int			 ch, r;

	log_init(1, 0);
	pvbot_same_output();
	memset(&bot, 0, sizeof bot);
	bot.argv0 = argv[0];
	while ((ch = getopt_long(argc, argv, "+c:d:hv:V", longopts,
	    NULL)) != -1) {
		switch (ch) {
		case 'c':
			conf = optarg;
			break;
		case 'd':
			db = optarg;
			break;
		case 'v':
			if (log_enable(optarg) != 0) {
				fprintf(stderr, "pvbot: -v %s: unknown debug "
				    "category (net, store, rules, all)\n",
				    optarg);
				return (CMD_USAGE);
			}
			break;
		case 'V':
			printf("pvbot %s\n", PACKAGE_VERSION);
			return (CMD_OK);
		case 'h':
			pvbot_usage(stdout);
			return (CMD_OK);
		default:
			pvbot_usage(stderr);
			return (CMD_USAGE);
		}
	}
	argc -= optind;
	argv += optind;
	if (argc == 0) {
		pvbot_usage(stderr);
		return (CMD_USAGE);
	}
	if ((cmd = cmd_find(argv[0])) == NULL) {
		fprintf(stderr, "pvbot: %s: unknown command (see 'pvbot "
		    "--help')\n", argv[0]);
		return (CMD_USAGE);
	}
	if (pvbot_wants_help(argc, argv)) {
		cmd_print_usage(stdout, cmd);
		printf("%s\n", cmd->summary);
		return (CMD_OK);
	}
	bot.cf_path = pvbot_find_config(conf);
	/* config check reports a broken config rather than dying on it. */
	if (cmd->flags & CMD_CONFIG_SELF)
		return (cmd->exec(&bot, argc, argv));
	if (config_load(bot.cf_path, SYSCONFDIR, &bot.cf, &cause) != 0) {
		fprintf(stderr, "%s\n", cause);
		free(cause);
		return (CMD_ERROR);
	}
	bot.db_path = pvbot_find_database(db, bot.cf);
	r = pvbot_run(&bot, cmd, argc, argv);
	config_free(bot.cf);
	return (r);
}
