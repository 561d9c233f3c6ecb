/* The command table and what every command gets. */
#ifndef CLI_H
#define CLI_H

#include <time.h>

#include "bot.h"

struct env;
struct maintainers;
struct protocols;
struct status_filter;
struct store;
struct store_read_filter;

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

/* Print "usage: pvbot NAME USAGE" (and what FILTERS are) to f. */
void	cmd_print_usage(void *, const struct cmd_entry *);
/* Print the usage on stderr and return CMD_USAGE. */
int	cmd_usage(const struct cmd_entry *);
const struct cmd_entry *cmd_find(const char *);
/* Parse --now (or the clock when NULL); prints the error itself. */
int	cmd_parse_now(const char *, time_t * /* OUT */);
/*
 * The filters status, threads and series share, as getopt_long options
 * and their letters.
 */
#define CMD_FILTER_OPTIONS						\
	{ "author", required_argument, NULL, 'A' },			\
	{ "list", required_argument, NULL, 'l' },			\
	{ "protocol", required_argument, NULL, 'P' },			\
	{ "since", required_argument, NULL, 'S' },			\
	{ "verdict", required_argument, NULL, 'V' }
#define CMD_FILTER_LETTERS	"A:l:P:S:V:"
/* threads and series: when --verdict is judged. */
#define CMD_FILTER_NOW	{ "now", required_argument, NULL, 'n' }
/*
 * Take getopt's ch and its argument into f: 1 when ch is a filter, 0
 * when it is not, -1 (after a message) when the value is bad.
 */
int	cmd_filter_opt(int, const char *, struct status_filter *);
/*
 * Resolve f's protocol (a name, alias or title) to its name among ps;
 * -1 after a message when there is none such.
 */
int	cmd_filter_protocol(const struct protocols *, struct status_filter *);
/* The proposals a verdict filter picks, by root and version. */
struct cmd_picked {
	char	**root;		/* sorted with version */
	int	 *version;
	size_t	  n;
};
/*
 * Evaluate at f's now or the clock (keeping nothing) and pick the
 * proposals whose verdict f names; prints the error itself, returns -1
 * then.
 */
int	cmd_filter_verdicts(struct pvbot *, const struct status_filter *,
	    struct cmd_picked * /* OUT */);
/*
 * For the commands that read rows (threads, series): resolve f's protocol,
 * put the filters the rows take into rf and, when f names verdicts, pick
 * those proposals.  Returns CMD_OK, or the exit code after a message.
 */
int	cmd_filter_prepare(struct pvbot *, struct status_filter *,
	    struct store_read_filter *, struct cmd_picked * /* OUT */);
/* Whether root (and version, unless 0) was picked. */
int	cmd_picked_has(const struct cmd_picked *, const char *, int);
void	cmd_picked_free(struct cmd_picked *);
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
int	cmd_explain(struct pvbot *, int, char **);
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
int	cmd_train(struct pvbot *, int, char **);
int	cmd_show(struct pvbot *, int, char **);
int	cmd_status(struct pvbot *, int, char **);
int	cmd_subscribe(struct pvbot *, int, char **);
int	cmd_summary(struct pvbot *, int, char **);
int	cmd_tag(struct pvbot *, int, char **);
int	cmd_series(struct pvbot *, int, char **);

#endif
