/* The daemon: sources on IDLE or on their interval, signals, backoff. */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "bot.h"
#include "commits-mail.h"
#include "commits-poll.h"
#include "config.h"
#include "daemon.h"
#include "env.h"
#include "fetch.h"
#include "poll-source.h"
#include "log.h"
#include "post-due.h"
#include "net.h"
#include "xmalloc.h"

/* RFC 2177: end an IDLE before 29 minutes, or the server may drop us. */
#define DAEMON_IDLE_MAX		(25 * 60)
/* Retries after a network failure: 1 s, 2 s, ... up to the interval. */
#define DAEMON_RETRY_BASE	1
/* After a permanent failure (bad password, no such group): hourly. */
#define DAEMON_RETRY_PERM	3600

static volatile sig_atomic_t	daemon_stop;
static volatile sig_atomic_t	daemon_hup;
static int			daemon_pipe[2] = { -1, -1 };

struct daemon_source {
	const struct config_source	*cs;	/* borrowed from the config */
	struct poll_source		*in;	/* open while idling */
	int				 fd;	/* IDLE socket, or -1 */
	int				 woken;	/* news is there */
	double				 due;	/* next poll, monotonic */
	unsigned int			 failures;
};

struct daemon {
	struct pvbot		*bot;
	struct env		*env;
	int			 flags;
	const char		*only;
	struct daemon_source	*src;
	size_t			 nsrc;
	double			 next_tick;
};

static void
daemon_signal(int sig)
{
	int	saved = errno;
	ssize_t	n;

	if (sig == SIGHUP)
		daemon_hup = 1;
	else
		daemon_stop = 1;
	/* Wake daemon_wait's poll() even if the signal came just before. */
	if (daemon_pipe[1] != -1)
		n = write(daemon_pipe[1], "", 1);
	(void)n;
	errno = saved;
}

void
daemon_signals(void)
{
	struct sigaction	sa;

	if (daemon_pipe[0] == -1 &&
	    pipe2(daemon_pipe, O_CLOEXEC | O_NONBLOCK) == -1)
		fatal("%s: pipe2", __func__);
	memset(&sa, 0, sizeof sa);
	sigemptyset(&sa.sa_mask);
	/* No SA_RESTART: a signal ends a blocking read now, not at timeout. */
	sa.sa_handler = daemon_signal;
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	/* A server gone mid-write is an error return, not our death. */
	sa.sa_handler = SIG_IGN;
	sigaction(SIGPIPE, &sa, NULL);
}

int
daemon_stopping(void)
{
	return (daemon_stop);
}

/* New mail is evaluated at the next tick; time alone, every 10 minutes. */
#define DAEMON_ACT_EVERY	600

static int	daemon_news;
static time_t	daemon_last_act;

void
daemon_hook_batch(struct pvbot *bot, const char *source,
    unsigned long imported)
{
	(void)bot;
	log_debug(LOG_DEBUG_STORE, "%s: %lu new messages committed", source,
	    imported);
	if (imported > 0)
		daemon_news = 1;
}

/*
 * Evaluate and act: after new mail (once per pass over the sources, so a
 * backfill is evaluated once, not per batch) and every DAEMON_ACT_EVERY
 * seconds, since windows and reply-by dates end without any mail arriving.
 */
void
daemon_hook_timer(struct pvbot *bot, time_t now)
{
	if (!daemon_news && now - daemon_last_act < DAEMON_ACT_EVERY)
		return;
	daemon_news = 0;
	daemon_last_act = now;
	post_due_daemon_pass(bot->cf, bot->store, now);
}

static double
daemon_now(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ((double)ts.tv_sec + (double)ts.tv_nsec / 1e9);
}

static void
daemon_committed(void *arg, const char *source, unsigned long imported)
{
	struct daemon	*d = arg;

	if (d->flags & DAEMON_HOOKS)
		daemon_hook_batch(d->bot, source, imported);
}

static int
daemon_stop_asked(void)
{
	return (daemon_stop || daemon_hup);
}

static void
daemon_close(struct daemon_source *s)
{
	poll_source_close(s->in);
	s->in = NULL;
	s->fd = -1;
	s->woken = 0;
}

/* Sources from the config, all due now. */
static int
daemon_sources(struct daemon *d)
{
	const struct config	*cf = d->bot->cf;
	size_t			 i;

	d->src = xcalloc(cf->nsources + 1, sizeof *d->src);
	d->nsrc = 0;
	for (i = 0; i < cf->nsources; i++) {
		if (d->only != NULL &&
		    strcmp(cf->sources[i].name, d->only) != 0)
			continue;
		d->src[d->nsrc].cs = &cf->sources[i];
		d->src[d->nsrc].fd = -1;
		d->nsrc++;
	}
	return (d->nsrc > 0 ? 0 : -1);
}

static void
daemon_sources_free(struct daemon *d)
{
	size_t	i;

	for (i = 0; i < d->nsrc; i++)
		daemon_close(&d->src[i]);
	free(d->src);
	d->src = NULL;
	d->nsrc = 0;
}

/* A failed pass: log it and try again after a backoff. */
static void
daemon_failed(struct daemon_source *s, int r, char *cause)
{
	long	max, delay;

	daemon_close(s);
	if (daemon_stop_asked()) {	/* the signal cut a read short */
		free(cause);
		return;
	}
	s->failures++;
	max = s->cs->interval > DAEMON_RETRY_BASE ? s->cs->interval : 60;
	if (r == FETCH_PERM)
		delay = net_backoff(1, DAEMON_RETRY_PERM, DAEMON_RETRY_PERM);
	else
		delay = net_backoff(s->failures, DAEMON_RETRY_BASE, max);
	log_warnx("%s: %s; retrying in %ld s", s->cs->name, cause, delay);
	free(cause);
	s->due = daemon_now() + (double)delay;
}

/* After a pass: IDLE on the open connection, or close until the interval. */
static void
daemon_rest(struct daemon *d, struct daemon_source *s)
{
	char	*cause = NULL;
	long	 wait = s->cs->interval > 0 ? s->cs->interval : 300;
	int	 r;

	(void)d;
	r = poll_source_idle(s->in, &s->fd, &cause);
	if (r == FETCH_OK) {
		s->woken = s->fd == -1;
		/* Poll anyway now and then: a new slice gets no IDLE news. */
		s->due = daemon_now() + (double)(wait < DAEMON_IDLE_MAX ?
		    wait : DAEMON_IDLE_MAX);
		log_debug(LOG_DEBUG_NET, "%s: waiting in IDLE", s->cs->name);
		return;
	}
	if (r != FETCH_END) {
		daemon_failed(s, r, cause);
		return;
	}
	daemon_close(s);
	s->due = daemon_now() + (double)wait;
}

/* A git source: read its branches, then rest until its interval. */
static void
daemon_pass_git(struct daemon *d, struct daemon_source *s)
{
	struct commits_poll_opts	 o;
	struct commits_poll_stats	 st;
	char				*cause = NULL, *summary;
	long				 wait = s->cs->interval > 0 ?
					    s->cs->interval : 300;

	memset(&o, 0, sizeof o);
	memset(&st, 0, sizeof st);
	o.stop = daemon_stop_asked;
	if (commits_poll(d->bot->store, s->cs, &o, &st, &cause) != 0) {
		daemon_failed(s, FETCH_TEMP, cause);
		return;
	}
	if (st.added + st.patches + st.gone > 0) {
		summary = commits_poll_summary(&st);
		log_info("%s: %s", s->cs->name, summary);
		free(summary);
	}
	if (st.matched + st.gone > 0)
		daemon_committed(d, s->cs->name, st.matched + st.gone);
	s->failures = 0;
	s->due = daemon_now() + (double)wait;
}

/* One pass over a source: wake or open it, then store what is new. */
static void
daemon_pass(struct daemon *d, struct daemon_source *s)
{
	struct poll_source_opts	 o;
	struct import_stats	 st;
	char			*cause = NULL, *summary;
	int			 r;

	if (s->cs->repository != NULL) {
		daemon_pass_git(d, s);
		return;
	}
	memset(&o, 0, sizeof o);
	o.import.cf = d->bot->cf;
	o.import.classify = &d->env->classify;
	o.import.max_size = d->bot->cf->max_message_size;
	o.stop = daemon_stop_asked;
	o.committed = daemon_committed;
	o.arg = d;
	memset(&st, 0, sizeof st);
	if (s->in != NULL)
		r = poll_source_wake(s->in, &cause);
	else
		r = poll_source_open(d->bot->store, s->cs,
		    d->bot->cf->max_message_size, &s->in, &cause);
	s->fd = -1;
	s->woken = 0;
	if (r == FETCH_OK)
		r = poll_source_run(d->bot->store, s->in, &o, &st, &cause);
	if (st.imported + st.skipped > 0) {
		summary = import_summary(&st);
		log_info("%s: %s", s->cs->name, summary);
		free(summary);
	}
	if (st.imported > 0)
		commits_mail_after(d->bot->store, d->bot->cf);
	if (r != FETCH_OK && r != FETCH_END) {
		daemon_failed(s, r, cause);
		return;
	}
	s->failures = 0;
	if (!daemon_stop_asked())
		daemon_rest(d, s);
}

/* Sleep until a source is due, an IDLE socket speaks or a signal comes. */
static void
daemon_wait(struct daemon *d)
{
	struct pollfd	*pfd = xcalloc(d->nsrc + 1, sizeof *pfd);
	double		 now = daemon_now(), until = now + 3600;
	size_t		 i, n = 1;
	char		 buf[64];

	pfd[0].fd = daemon_pipe[0];
	pfd[0].events = POLLIN;
	if ((d->flags & DAEMON_HOOKS) && d->next_tick < until)
		until = d->next_tick;
	for (i = 0; i < d->nsrc; i++) {
		if (d->src[i].woken || d->src[i].due < until)
			until = d->src[i].woken ? now : d->src[i].due;
		if (d->src[i].fd != -1) {
			pfd[n].fd = d->src[i].fd;
			pfd[n++].events = POLLIN;
		}
	}
	if (until > now && !daemon_stop_asked() &&
	    poll(pfd, n, (int)((until - now) * 1000) + 1) > 0) {
		while (read(daemon_pipe[0], buf, sizeof buf) > 0)
			;
		for (i = 0, n = 1; i < d->nsrc; i++) {
			if (d->src[i].fd != -1 && pfd[n++].revents != 0)
				d->src[i].woken = 1;
		}
	}
	free(pfd);
}

/* SIGHUP: the new config and rules, or the old ones if they fail. */
static void
daemon_reload(struct daemon *d)
{
	struct config	*cf, *old = d->bot->cf;
	struct env	*env;
	char		*cause = NULL;

	if (config_load(old->path, old->dir, &cf, &cause) != 0) {
		log_warnx("reload: %s; keeping the running configuration",
		    cause);
		free(cause);
		return;
	}
	d->bot->cf = cf;
	if (env_load(cf, &env, &cause) != 0) {
		fprintf(stderr, "%s\n", cause);
		free(cause);
		log_warnx("reload: rules, protocols or maintainers do not "
		    "load; keeping the running configuration");
		d->bot->cf = old;
		config_free(cf);
		return;
	}
	daemon_sources_free(d);
	env_free(d->env);
	config_free(old);
	d->env = env;
	if (daemon_sources(d) != 0)
		log_warnx("reload: no source to read any more");
	log_info("configuration reloaded (%zu sources)", d->nsrc);
}

static void
daemon_loop(struct daemon *d)
{
	double	now;
	size_t	i;

	while (!daemon_stop) {
		if (daemon_hup) {
			daemon_hup = 0;
			daemon_reload(d);
		}
		for (i = 0; i < d->nsrc && !daemon_stop_asked(); i++) {
			now = daemon_now();
			if (d->src[i].woken || d->src[i].due <= now)
				daemon_pass(d, &d->src[i]);
		}
		/* New mail is acted on now; otherwise once a tick. */
		if ((d->flags & DAEMON_HOOKS) && (daemon_news ||
		    daemon_now() >= d->next_tick)) {
			daemon_hook_timer(d->bot, time(NULL));
			d->next_tick = daemon_now() + DAEMON_TICK;
		}
		daemon_wait(d);
	}
}

int
daemon_run(struct pvbot *bot, const char *only, int flags)
{
	struct daemon	 d;
	char		*cause = NULL;

	memset(&d, 0, sizeof d);
	d.bot = bot;
	d.flags = flags;
	d.only = only;
	if (daemon_sources(&d) != 0) {
		free(d.src);
		if (only != NULL)
			log_warnx("no source '%s' in the configuration", only);
		else
			log_warnx("no sources configured (add a 'source NAME' "
			    "section to the configuration)");
		return (-1);
	}
	if (env_load(bot->cf, &d.env, &cause) != 0) {
		fprintf(stderr, "%s\n", cause);
		free(cause);
		free(d.src);
		return (-1);
	}
	srandom((unsigned int)time(NULL) ^ (unsigned int)getpid());
	daemon_signals();
	log_info("started (%zu sources)", d.nsrc);
	daemon_loop(&d);
	daemon_sources_free(&d);
	env_free(d.env);
	log_info("stopped");
	return (0);
}
