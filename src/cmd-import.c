/* pvbot init, pvbot import. */
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "commits-mail.h"
#include "env.h"
#include "config.h"
#include "import.h"
#include "log.h"
#include "store.h"

int
cmd_init(struct pvbot *bot, int argc, char **argv)
{
	char	*cause = NULL;

	if (argc > 1) {
		if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
			printf("usage: pvbot init\n");
			return (CMD_OK);
		}
		return (cmd_usage(cmd_find("init")));
	}
	/* Corruption elsewhere shows only when a page is read: look at all. */
	if (store_check(bot->store, &cause) != 0) {
		fprintf(stderr, "pvbot: %s\n", cause);
		free(cause);
		return (CMD_ERROR);
	}
	printf("%s: schema version %d\n", bot->db_path, STORE_VERSION);
	return (CMD_OK);
}

static void
cmd_import_signal(int sig)
{
	(void)sig;
	import_stop = 1;
}

static void
cmd_import_signals(void)
{
	struct sigaction	sa;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = cmd_import_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
}

int
cmd_import(struct pvbot *bot, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "help", no_argument, NULL, 'h' },
		{ "list", required_argument, NULL, 'l' },
		{ "quiet", no_argument, NULL, 'q' },
		{ NULL, 0, NULL, 0 }
	};
	const struct cmd_entry	*cmd = cmd_find("import");
	struct import_opts	 o;
	struct import_stats	 st;
	struct env		*env;
	char			*cause = NULL, *summary, *note;
	int			 ch, i, quiet = 0, failed = 0;

	memset(&o, 0, sizeof o);
	memset(&st, 0, sizeof st);
	optind = 1;
	while ((ch = getopt_long(argc, argv, "hl:q", longopts, NULL)) != -1) {
		switch (ch) {
		case 'l':
			o.list = optarg;
			break;
		case 'q':
			quiet = 1;
			break;
		case 'h':
			printf("usage: pvbot import %s\n", cmd->usage);
			return (CMD_OK);
		default:
			return (cmd_usage(cmd));
		}
	}
	if (optind == argc)
		return (cmd_usage(cmd));
	if (cmd_env_load(bot, &env) != 0)
		return (CMD_ERROR);
	o.max_size = bot->cf->max_message_size;
	o.cf = bot->cf;
	o.classify = &env->classify;
	/* make bench measures what classification costs by turning it off. */
	if (getenv("PVBOT_BENCH_NO_CLASSIFY") != NULL)
		o.classify = NULL;
	o.progress = !quiet && isatty(STDERR_FILENO);
	o.arrival = time(NULL);
	o.batch = 1000;
	cmd_import_signals();
	/* Without it the import still works, only waiting for the disk. */
	if (store_checkpointer_start(bot->store, &cause) != 0) {
		log_warnx("%s", cause);
		free(cause);
		cause = NULL;
	}
	for (i = optind; i < argc && !import_stop; i++) {
		if (import_path(bot->store, argv[i], &o, &st, &cause) != 0) {
			fprintf(stderr, "pvbot: %s\n", cause);
			free(cause);
			cause = NULL;
			failed = 1;
		}
	}
	store_checkpointer_stop(bot->store);
	/* Commit notices in the new mail (commits-mail.h). */
	commits_mail_after(bot->store, bot->cf);
	env_free(env);
	summary = import_summary(&st);
	printf("%s%s\n", summary, import_stop ? " (interrupted; run again "
	    "to resume)" : "");
	free(summary);
	if (!quiet && (note = import_list_note(&st)) != NULL) {
		fflush(stdout);
		fprintf(stderr, "pvbot: import: %s\n", note);
		free(note);
	}
	return (failed || import_stop ? CMD_ERROR : CMD_OK);
}
