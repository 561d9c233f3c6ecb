/* The command table and what every command gets. */
#ifndef CLI_H
#define CLI_H

#include <time.h>

struct config;
struct store;

/* What a command needs set up before it runs. */
#define CMD_DB		0x1	/* open the database */
#define CMD_DB_WRITE	0x2	/* ... as the single writer */
#define CMD_DB_CREATE	0x4	/* ... creating it if missing */

struct pvbot {
	struct config	*cf;
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
/* Print the list of commands to f (stdout or stderr). */
void	cmd_list(void *);

/* Commands, one file each (cmd-NAME.c). */
int	cmd_init(struct pvbot *, int, char **);
int	cmd_import(struct pvbot *, int, char **);
int	cmd_maintainers(struct pvbot *, int, char **);
int	cmd_messages(struct pvbot *, int, char **);
int	cmd_threads(struct pvbot *, int, char **);
int	cmd_show(struct pvbot *, int, char **);
int	cmd_series(struct pvbot *, int, char **);

#endif
