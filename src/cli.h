/* The command table and what every command gets. */
#ifndef CLI_H
#define CLI_H

#include <time.h>

#include "bot.h"

struct env;
struct maintainers;
struct store;

/* What a command needs set up before it runs. */
#define CMD_DB		0x1	/* open the database */
#define CMD_DB_WRITE	0x2	/* ... as the single writer */
#define CMD_DB_CREATE	0x4	/* ... creating it if missing */
/* Load the config itself: main() only finds its path (config check). */
#define CMD_CONFIG_SELF	0x8

struct cmd_entry {
	const char	*name;
	const char	*usage;		/* arguments after the name */
	const char	*summary;	/* one line for --help */
	int		 flags;
	int		(*exec)(struct pvbot *, int, char **);
};

/* Exit codes: 0 success, 1 runtime error, 2 usage error. */
#define CMD_OK		0
#define CMD_ERROR	1
#define CMD_USAGE	2

/* Print "usage: pvbot NAME USAGE" on stderr and return CMD_USAGE. */
int	cmd_usage(const struct cmd_entry *);
const struct cmd_entry *cmd_find(const char *);
/* Parse --now (or the clock when NULL); prints the error itself. */
int	cmd_parse_now(const char *, time_t * /* OUT */);
/* Print cause on stderr and free it; returns CMD_ERROR. */
int	cmd_error(char *);
/* Report the database's last error; returns CMD_ERROR. */
int	cmd_db_error(struct store *);
/* env_load for a command: prints the error itself, returns -1. */
int	cmd_env_load(struct pvbot *, struct env ** /* OUT */);
/* The configured MAINTAINERS, or NULL when none is; -1 on error. */
int	cmd_maintainers_load(struct pvbot *, struct maintainers **);
/*
 * A thread by number or by any of its Message-IDs (brackets optional):
 * its id and, in *root, its root Message-ID (caller frees); 0 if none.
 */
long long cmd_thread_resolve(struct store *, const char *, char ** /* OUT */);
/* Print the list of commands to f (stdout or stderr). */
void	cmd_list(void *);

/* Commands, one file each (cmd-NAME.c). */
int	cmd_init(struct pvbot *, int, char **);
int	cmd_commits(struct pvbot *, int, char **);
int	cmd_config(struct pvbot *, int, char **);
int	cmd_digest(struct pvbot *, int, char **);
int	cmd_import(struct pvbot *, int, char **);
int	cmd_maintainers(struct pvbot *, int, char **);
int	cmd_messages(struct pvbot *, int, char **);
int	cmd_outbox(struct pvbot *, int, char **);
int	cmd_poll(struct pvbot *, int, char **);
int	cmd_promote(struct pvbot *, int, char **);
int	cmd_protocols(struct pvbot *, int, char **);
int	cmd_reclassify(struct pvbot *, int, char **);
int	cmd_remind(struct pvbot *, int, char **);
int	cmd_report(struct pvbot *, int, char **);
int	cmd_run(struct pvbot *, int, char **);
int	cmd_threads(struct pvbot *, int, char **);
int	cmd_show(struct pvbot *, int, char **);
int	cmd_status(struct pvbot *, int, char **);
int	cmd_subscribe(struct pvbot *, int, char **);
int	cmd_summary(struct pvbot *, int, char **);
int	cmd_tag(struct pvbot *, int, char **);
int	cmd_series(struct pvbot *, int, char **);

#endif
