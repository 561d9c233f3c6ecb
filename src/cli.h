/* The command table and what every command gets. */
#ifndef CLI_H
#define CLI_H

#include <time.h>

#include "mail-command.h"
#include "store-classify.h"

struct config;
struct maintainers;
struct protocols;
struct rules;
struct store;

/* What a command needs set up before it runs. */
#define CMD_DB		0x1	/* open the database */
#define CMD_DB_WRITE	0x2	/* ... as the single writer */
#define CMD_DB_CREATE	0x4	/* ... creating it if missing */
/* Load the config itself: main() only finds its path (config check). */
#define CMD_CONFIG_SELF	0x8

struct pvbot {
	struct config	*cf;		/* NULL with CMD_CONFIG_SELF */
	const char	*cf_path;	/* the config file, NULL: built-in */
	const char	*db_path;
	struct store	*store;
	const char	*argv0;
};

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
/* What reading mail needs: rules, protocols, maintainers, authority. */
struct cmd_env {
	struct rules			*rules;
	struct protocols		*protocols;
	struct maintainers		*maintainers;	/* NULL if unset */
	struct mail_command_ctx		 cmd;
	struct store_classify_env	 classify;
};

/* Load the files named by the config; prints errors, returns -1. */
int	cmd_env_load(struct pvbot *, struct cmd_env * /* OUT */);
void	cmd_env_free(struct cmd_env *);
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
