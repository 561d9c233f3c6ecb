/* pvbot run: the daemon. */
#include <getopt.h>
#include <stdio.h>
#include <unistd.h>

#include "cli.h"
#include "daemon.h"
#include "log.h"

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
	return (daemon_run(bot, NULL, DAEMON_HOOKS));
}
