/*
 * pvbot report --html DIR: the dashboard as a static site and an Atom
 * feed.  Evaluating at --now appends what changed to the event log first,
 * as status does, so the pages and the feed agree with the mails.
 */
#include "autoconf.h"

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "buf.h"
#include "cli.h"
#include "config.h"
#include "output.h"
#include "policy.h"
#include "report.h"
#include "report-feed.h"
#include "report-page.h"
#include "status.h"
#include "store-read.h"
#include "store-events.h"
#include "view.h"
#include "xmalloc.h"

struct cmd_report_log {
	struct report_event	*v;
	size_t			 n;
};

static char *
cmd_report_dup(const char *s)
{
	return (xstrdup(s != NULL ? s : ""));
}

static void
cmd_report_event(void *arg, const struct store_events_entry *r)
{
	struct cmd_report_log	*log = arg;
	struct report_event	*e;

	log->v = xreallocarray(log->v, log->n + 1, sizeof *log->v);
	e = &log->v[log->n++];
	e->key = cmd_report_dup(r->key);
	e->at = r->at;
	e->kind = cmd_report_dup(r->kind);
	e->subject = cmd_report_dup(r->subject);
	e->detail = cmd_report_dup(r->detail);
}

/* The event log, oldest first; ties keep the order they were written. */
static int
cmd_report_log_load(struct store *s, struct cmd_report_log *log)
{
	memset(log, 0, sizeof *log);
	return (store_events_log(s, cmd_report_event, log));
}

static void
cmd_report_log_free(struct cmd_report_log *log)
{
	size_t	i;

	for (i = 0; i < log->n; i++) {
		free((char *)log->v[i].key);
		free((char *)log->v[i].kind);
		free((char *)log->v[i].subject);
		free((char *)log->v[i].detail);
	}
	free(log->v);
}

/* Write through a temporary file, so a web server never serves half. */
static int
cmd_report_save(const char *dir, const char *name, struct buf *b)
{
	char	*path = xasprintf("%s/%s", dir, name);
	char	*tmp = xasprintf("%s.tmp", path);
	FILE	*f;
	int	 r = -1;

	if ((f = fopen(tmp, "w")) == NULL)
		goto out;
	if (fwrite(b->data, 1, b->len, f) != b->len) {
		fclose(f);
		goto out;
	}
	if (fclose(f) != 0 || rename(tmp, path) != 0)
		goto out;
	r = 0;
out:
	if (r != 0) {
		fprintf(stderr, "pvbot: report: %s: %s\n", path,
		    strerror(errno));
		unlink(tmp);
	}
	free(tmp);
	free(path);
	buf_reset(b);
	return (r);
}

static int
cmd_report_mkdir(const char *path)
{
	if (mkdir(path, 0755) != 0 && errno != EEXIST) {
		fprintf(stderr, "pvbot: report: %s: %s\n", path,
		    strerror(errno));
		return (-1);
	}
	return (0);
}

static int
cmd_report_write(const struct report *r, const char *dir)
{
	struct buf	b;
	char		path[REPORT_PATH_MAX], *sub;
	size_t		i;
	int		failed;

	sub = xasprintf("%s/p", dir);
	failed = cmd_report_mkdir(dir) != 0 || cmd_report_mkdir(sub) != 0;
	free(sub);
	if (failed)
		return (-1);
	buf_init(&b);
	for (i = 0; i < r->view->nproposals && !failed; i++) {
		report_page_path(r, i, path, sizeof path);
		report_page(r, i, &b);
		failed = cmd_report_save(dir, path, &b) != 0;
	}
	if (!failed) {
		report_feed(r, &b);
		failed = cmd_report_save(dir, "feed.atom", &b) != 0;
	}
	/* The index last: it links to everything else. */
	if (!failed) {
		report_index(r, &b);
		failed = cmd_report_save(dir, "index.html", &b) != 0;
	}
	buf_release(&b);
	return (failed ? -1 : 0);
}

/* how: STORE_EVENTS_KEEP at the real clock, NONE exploring with --now. */
static int
cmd_report_run(struct pvbot *bot, const char *dir, const char *url, time_t now,
    int how)
{
	struct status		 st;
	struct cmd_report_log	 log;
	struct report		 r;
	char			*cause = NULL;
	int			 rc = CMD_OK;

	/* Pages list every message of a proposal: read them all (fresh). */
	if (status_load(bot->cf, bot->store, now, 1, how, &st, &cause) != 0)
		return (cmd_error(cause));
	if (cmd_report_log_load(bot->store, &log) != 0)
		rc = cmd_db_error(bot->store);
	memset(&r, 0, sizeof r);
	r.view = &st.v;
	r.policy = st.pol;
	r.events = log.v;
	r.nevents = log.n;
	r.archive_url = bot->cf->archive_url;
	r.base_url = url;
	r.author = bot->cf->bot_address;
	r.version = PACKAGE_VERSION;
	r.subject = store_read_subject;
	r.subject_arg = bot->store;
	report_pages_init(&r);
	if (rc == CMD_OK && cmd_report_write(&r, dir) != 0)
		rc = CMD_ERROR;
	if (rc == CMD_OK)
		printf("%s: index.html, feed.atom and %zu proposal page(s)\n",
		    dir, st.v.nproposals);
	report_pages_free(&r);
	cmd_report_log_free(&log);
	status_free(&st);
	return (rc);
}

int
cmd_report(struct pvbot *bot, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "help", no_argument, NULL, 'h' },
		{ "html", required_argument, NULL, 'o' },
		{ "now", required_argument, NULL, 'n' },
		{ "url", required_argument, NULL, 'u' },
		{ NULL, 0, NULL, 0 }
	};
	const struct cmd_entry	*cmd = cmd_find("report");
	const char		*dir = NULL, *url = NULL, *nowarg = NULL;
	time_t			 now;
	int			 ch;

	optind = 1;
	while ((ch = getopt_long(argc, argv, "hn:o:u:", longopts,
	    NULL)) != -1) {
		switch (ch) {
		case 'o': dir = optarg; break;
		case 'n': nowarg = optarg; break;
		case 'u': url = optarg; break;
		case 'h':
			printf("usage: pvbot report %s\n", cmd->usage);
			return (CMD_OK);
		default:
			return (cmd_usage(cmd));
		}
	}
	if (optind != argc || dir == NULL || *dir == '\0')
		return (cmd_usage(cmd));
	if (cmd_parse_now(nowarg, &now) != 0)
		return (CMD_USAGE);
	return (cmd_report_run(bot, dir, url, now, nowarg == NULL ?
	    STORE_EVENTS_KEEP : STORE_EVENTS_NONE));
}
