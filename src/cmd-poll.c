/* pvbot poll: fetch new mail and commits from the configured sources. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "commits-mail.h"
#include "commits-poll.h"
#include "env.h"
#include "config.h"
#include "daemon.h"
#include "fetch.h"
#include "poll-source.h"

/* How --once reports: a progress line on a TTY, summary lines. */
#define CMD_POLL_PROGRESS	0x1
#define CMD_POLL_QUIET		0x2

/*
 * One source, once: a summary line on stdout when anything was read or
 * all went well (unless quiet), one error line on stderr when it failed.
 * Returns 0 when the source was read to its end.
 */
static int
cmd_poll_one(struct pvbot *bot, struct env *env,
    const struct config_source *cs, int flags)
{
	struct poll_source_opts	 o;
	struct import_stats	 st;
	struct poll_source		*in;
	char			*cause = NULL, *summary;
	int			 r;

	memset(&o, 0, sizeof o);
	memset(&st, 0, sizeof st);
	o.import.cf = bot->cf;
	o.import.classify = &env->classify;
	o.import.max_size = bot->cf->max_message_size;
	o.progress = (flags & CMD_POLL_PROGRESS) != 0;
	o.stop = daemon_stopping;
	r = poll_source_open(bot->store, cs, bot->cf->max_message_size, &in,
	    &cause);
	if (r == FETCH_OK) {
		r = poll_source_run(bot->store, in, &o, &st, &cause);
		poll_source_close(in);
	}
	if (st.imported > 0)
		commits_mail_after(bot->store, bot->cf);
	if (!(flags & CMD_POLL_QUIET) && (r == FETCH_END ||
	    daemon_stopping() || st.imported + st.known + st.skipped > 0)) {
		summary = import_summary(&st);
		printf("%s: %s%s\n", cs->name, summary, daemon_stopping() ?
		    " (interrupted; run again to resume)" : "");
		free(summary);
		if ((summary = import_list_note(&st)) != NULL) {
			fflush(stdout);
			fprintf(stderr, "pvbot: %s: %s\n", cs->name, summary);
			free(summary);
		}
	}
	if (r != FETCH_END && !daemon_stopping())
		fprintf(stderr, "pvbot: %s: %s\n", cs->name, cause);
	free(cause);
	return (r == FETCH_END && !daemon_stopping() ? 0 : -1);
}

/* A git source, once: commits read, patches matched. */
static int
cmd_poll_git(const struct pvbot *bot, const struct config_source *cs,
    int flags)
{
	struct commits_poll_opts	 o;
	struct commits_poll_stats	 st;
	char				*cause = NULL, *summary;
	int				 r;

	memset(&o, 0, sizeof o);
	memset(&st, 0, sizeof st);
	o.stop = daemon_stopping;
	r = commits_poll(bot->store, cs, &o, &st, &cause);
	if (!(flags & CMD_POLL_QUIET)) {
		summary = commits_poll_summary(&st);
		printf("%s: %s%s\n", cs->name, summary, daemon_stopping() ?
		    " (interrupted; run again to resume)" : "");
		free(summary);
	}
	if (r != 0)
		fprintf(stderr, "pvbot: %s: %s\n", cs->name, cause);
	free(cause);
	return (r == 0 && !daemon_stopping() ? 0 : -1);
}

/* --once: every source (or the one named) read once, in config order. */
static int
cmd_poll_once(struct pvbot *bot, const char *only, int flags)
{
	struct env	*env;
	size_t		i;
	int		failed = 0;

	if (cmd_env_load(bot, &env) != 0)
		return (CMD_ERROR);
	daemon_signals();
	for (i = 0; i < bot->cf->nsources && !daemon_stopping(); i++) {
		if (only != NULL && strcmp(bot->cf->sources[i].name, only) != 0)
			continue;
		if (bot->cf->sources[i].repository != NULL) {
			if (cmd_poll_git(bot, &bot->cf->sources[i], flags) != 0)
				failed = 1;
		} else if (cmd_poll_one(bot, env, &bot->cf->sources[i],
		    flags) != 0)
			failed = 1;
		fflush(stdout);
	}
	env_free(env);
	return (failed || daemon_stopping() ? CMD_ERROR : CMD_OK);
}

int
cmd_poll(struct pvbot *bot, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "help", no_argument, NULL, 'h' },
		{ "once", no_argument, NULL, '1' },
		{ "quiet", no_argument, NULL, 'q' },
		{ NULL, 0, NULL, 0 }
	};
	const struct cmd_entry	*cmd = cmd_find("poll");
	const char		*only = NULL;
	int			 ch, once = 0, quiet = 0;

	optind = 1;
	while ((ch = getopt_long(argc, argv, "hq", longopts, NULL)) != -1) {
		switch (ch) {
		case '1':
			once = 1;
			break;
		case 'q':
			quiet = 1;
			break;
		case 'h':
			printf("usage: pvbot poll %s\n", cmd->usage);
			return (CMD_OK);
		default:
			return (cmd_usage(cmd));
		}
	}
	if (argc - optind > 1)
		return (cmd_usage(cmd));
	if (optind < argc)
		only = argv[optind];
	if (bot->cf->nsources == 0) {
		fprintf(stderr, "pvbot: no sources configured (add a 'source "
		    "NAME' section to %s)\n", bot->cf->path != NULL ?
		    bot->cf->path : "pvbot.conf");
		return (CMD_ERROR);
	}
	if (only != NULL && config_source_find(bot->cf, only) == NULL) {
		fprintf(stderr, "pvbot: no source '%s' in %s\n", only,
		    bot->cf->path != NULL ? bot->cf->path :
		    "the configuration");
		return (CMD_ERROR);
	}
	if (!once)
		return (daemon_run(bot, only, 0) == 0 ? CMD_OK : CMD_ERROR);
	if (quiet)
		return (cmd_poll_once(bot, only, CMD_POLL_QUIET));
	return (cmd_poll_once(bot, only, isatty(STDERR_FILENO) ?
	    CMD_POLL_PROGRESS : 0));
}
