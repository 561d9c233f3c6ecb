/* pvbot run: the daemon. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "cli.h"
#include "config.h"
#include "daemon.h"
#include "log.h"
#include "post-compose.h"
#include "policy.h"

/*
 * The files the act pass needs, checked now: a broken template or policy
 * stops pvbot at start with file:line, not hours later at send time.
 */
static int
cmd_run_check(struct pvbot *bot)
{
	struct policy	*pol = NULL;
	struct post_compose	 n;
	char		*cause = NULL;

	if (policy_load(bot->cf->policy, &pol, &cause) != 0 ||
	    post_compose_init(&n, bot->cf, pol, NULL, &cause) != 0) {
		log_warnx("%s", cause);
		free(cause);
		policy_free(pol);
		return (-1);
	}
	post_compose_free(&n);
	policy_free(pol);
	return (0);
}

int
cmd_run(struct pvbot *bot, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "foreground", no_argument, NULL, 'f' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	const struct cmd_entry	*cmd = cmd_find("run");
	int			 ch, foreground = 0;

	optind = 1;
	while ((ch = getopt_long(argc, argv, "fh", longopts, NULL)) != -1) {
		switch (ch) {
		case 'f':
			foreground = 1;
			break;
		case 'h':
			printf("usage: pvbot run %s\n", cmd->usage);
			return (CMD_OK);
		default:
			return (cmd_usage(cmd));
		}
	}
	if (optind != argc)
		return (cmd_usage(cmd));
	/*
	 * Under a service manager stderr is no TTY: log to syslog, unless
	 * -f asks for stderr (systemd's journal, tests).
	 */
	log_init(foreground || isatty(STDERR_FILENO), 0);
	if (cmd_run_check(bot) != 0)
		return (CMD_ERROR);
	return (daemon_run(bot, NULL, DAEMON_HOOKS) == 0 ? CMD_OK :
	    CMD_ERROR);
}
