/*
 * pvbot report --html DIR: the dashboard as a static site and an Atom
 * feed.  Evaluating at --now appends what changed to the event log first,
 * as status does, so the pages and the feed agree with the mails.
 */
#include "autoconf.h"

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <gnutls/crypto.h>

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

/*
 * The output directory, opened once: every file is made relative to it
 * (or to its p/, opened without following a link), so that nothing
 * planted in it -- a symbolic link in place of p/ or of a temporary file,
 * as one in feed.atom.tmp had a root-run report overwrite another file --
 * sends a write elsewhere.  A directory others may write is refused: they
 * could plant anything in it.
 */
struct cmd_report_dir {
	const char	*path;
	int		 fd, pfd;
};

static int
cmd_report_fail(const char *path, const char *name, const char *why)
{
	fprintf(stderr, "pvbot: report: %s%s%s: %s\n", path, name != NULL ?
	    "/" : "", name != NULL ? name : "", why);
	return (-1);
}

/* A directory opened as fd (relative to at) is ours to write in. */
static int
cmd_report_check_dir(const char *path, const char *name, int fd)
{
	struct stat	st;

	if (fstat(fd, &st) != 0)
		return (cmd_report_fail(path, name, strerror(errno)));
	if (st.st_mode & S_IWOTH)
		return (cmd_report_fail(path, name, "others may write in it: "
		    "refused (chmod o-w)"));
	return (0);
}

static int
cmd_report_open(struct cmd_report_dir *d, const char *path)
{
	d->path = path;
	d->fd = d->pfd = -1;
	if (mkdir(path, 0755) != 0 && errno != EEXIST)
		return (cmd_report_fail(path, NULL, strerror(errno)));
	if ((d->fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) == -1)
		return (cmd_report_fail(path, NULL, strerror(errno)));
	if (cmd_report_check_dir(path, NULL, d->fd) != 0)
		return (-1);
	if (mkdirat(d->fd, "p", 0755) != 0 && errno != EEXIST)
		return (cmd_report_fail(path, "p", strerror(errno)));
	d->pfd = openat(d->fd, "p", O_RDONLY | O_DIRECTORY | O_NOFOLLOW |
	    O_CLOEXEC);
	if (d->pfd == -1)
		return (cmd_report_fail(path, "p", errno == ELOOP ||
		    errno == ENOTDIR ? "not a directory (a symbolic link is "
		    "not followed)" : strerror(errno)));
	return (cmd_report_check_dir(path, "p", d->pfd));
}

static void
cmd_report_close(struct cmd_report_dir *d)
{
	if (d->pfd != -1)
		close(d->pfd);
	if (d->fd != -1)
		close(d->fd);
}

/* A new temporary file beside name, never one that was there. */
static int
cmd_report_temp(int dir, const char *name, char *tmp, size_t len)
{
	unsigned char	rnd[8];
	int		fd, tries;

	for (tries = 0; tries < 16; tries++) {
		gnutls_rnd(GNUTLS_RND_NONCE, rnd, sizeof rnd);
		snprintf(tmp, len, ".%s.%02x%02x%02x%02x%02x%02x%02x%02x",
		    name, rnd[0], rnd[1], rnd[2], rnd[3], rnd[4], rnd[5],
		    rnd[6], rnd[7]);
		fd = openat(dir, tmp, O_WRONLY | O_CREAT | O_EXCL |
		    O_NOFOLLOW | O_CLOEXEC, 0644);
		if (fd != -1 || errno != EEXIST)
			return (fd);
	}
	return (-1);
}

/*
 * Write through a temporary file renamed into place, so a web server
 * never serves half a page; the rename replaces a link, never follows it.
 */
static int
cmd_report_save(const struct cmd_report_dir *d, const char *rel,
    struct buf *b)
{
	const char	*name = strncmp(rel, "p/", 2) == 0 ? rel + 2 : rel;
	int		 dir = name != rel ? d->pfd : d->fd, fd, r = -1;
	char		 tmp[256];
	ssize_t		 n;
	size_t		 off = 0;

	if ((fd = cmd_report_temp(dir, name, tmp, sizeof tmp)) == -1) {
		cmd_report_fail(d->path, rel, strerror(errno));
		buf_reset(b);
		return (-1);
	}
	while (off < b->len && (n = write(fd, b->data + off,
	    b->len - off)) > 0)
		off += (size_t)n;
	if (off == b->len && fchmod(fd, 0644) == 0 && close(fd) == 0) {
		fd = -1;
		if (renameat(dir, tmp, dir, name) == 0)
			r = 0;
	}
	if (r != 0) {
		cmd_report_fail(d->path, rel, strerror(errno));
		if (fd != -1)
			close(fd);
		unlinkat(dir, tmp, 0);
	}
	buf_reset(b);
	return (r);
}

static int
cmd_report_write(const struct report *r, const char *path)
{
	struct cmd_report_dir	 d;
	struct buf		 b;
	char			 rel[REPORT_PATH_MAX];
	size_t			 i;
	int			 failed;

	failed = cmd_report_open(&d, path) != 0;
	buf_init(&b);
	for (i = 0; i < r->view->nproposals && !failed; i++) {
		report_page_path(r, i, rel, sizeof rel);
		report_page(r, i, &b);
		failed = cmd_report_save(&d, rel, &b) != 0;
	}
	if (!failed) {
		report_feed(r, &b);
		failed = cmd_report_save(&d, "feed.atom", &b) != 0;
	}
	/* The index last: it links to everything else. */
	if (!failed) {
		report_index(r, &b);
		failed = cmd_report_save(&d, "index.html", &b) != 0;
	}
	buf_release(&b);
	cmd_report_close(&d);
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
