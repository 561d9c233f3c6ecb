/* Live sources into the store, batch by batch with their cursors. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "config.h"
#include "fetch.h"
#include "poll-source.h"
#include "log.h"
#include "store.h"
#include "xmalloc.h"

/* Without a TTY, a long backfill reports this often (seconds). */
#define INGEST_REPORT	30

struct poll_source {
	const struct config_source	*cs;	/* borrowed */
	const struct fetch		*f;
	struct fetch_ctx		*ctx;
	char				*key;
};

char *
poll_source_key(const struct config_source *cs)
{
	const struct fetch	*f = fetch_for_url(cs->url);

	return (xasprintf("%s:%s", f != NULL ? f->name : "url", cs->url));
}

/* Whether a message is stored (not just referenced by another one). */
static int
poll_source_known(void *arg, const char *msgid)
{
	struct store	*s = arg;
	sqlite3_stmt	*st = store_stmt(s, STORE_NODE_GET);
	int		 known = 0;

	sqlite3_bind_text(st, 1, msgid, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW)
		known = sqlite3_column_int(st, 2) != 0;
	sqlite3_reset(st);
	return (known);
}

int
poll_source_open(struct store *s, const struct config_source *cs, size_t max,
    struct poll_source **out, char **cause)
{
	struct fetch_live_opts	 o;
	struct poll_source		*in;
	char			*cursor;
	int			 r;

	in = xcalloc(1, sizeof *in);
	in->cs = cs;
	if ((in->f = fetch_for_url(cs->url)) == NULL) {
		*cause = xasprintf("%s: not an imap, imaps, nntp or nntps URL",
		    cs->url);
		free(in);
		return (FETCH_PERM);
	}
	in->key = poll_source_key(cs);
	memset(&o, 0, sizeof o);
	o.source = cs;
	o.max = max;
	o.known = poll_source_known;
	o.arg = s;
	cursor = store_cursor_get(s, in->key);
	/* Not the URL: a password in it is refused, but only by open_live. */
	log_debug(LOG_DEBUG_NET, "%s: opening at %s", cs->name,
	    cursor != NULL ? cursor : "the start");
	r = in->f->open_live(&in->ctx, &o, cursor, cause);
	free(cursor);
	if (r != FETCH_OK) {
		free(in->key);
		free(in);
		return (r);
	}
	*out = in;
	return (FETCH_OK);
}

static double
poll_source_now(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ((double)ts.tv_sec + (double)ts.tv_nsec / 1e9);
}

/* On a TTY a line redrawn in place; elsewhere a log line now and then. */
static void
poll_source_progress(struct poll_source *in, const struct poll_source_opts *o,
    unsigned long n, double start, int final)
{
	double	frac = in->f->progress(in->ctx), el = poll_source_now() - start;
	char	pct[16] = "";

	if (frac >= 0)
		snprintf(pct, sizeof pct, ", %.0f%%", frac * 100);
	if (o->progress) {
		fprintf(stderr, "\r%s: %lu messages, %.0f msg/s%s%s",
		    in->cs->name, n, el > 0 ? (double)n / el : 0.0, pct,
		    final ? "\n" : "   ");
		fflush(stderr);
	} else if (!final)
		log_info("%s: %lu messages read so far%s", in->cs->name, n,
		    pct);
}

static int
poll_source_commit(struct store *s, struct poll_source *in, const char *cursor,
    const struct poll_source_opts *o, unsigned long imported, char **cause)
{
	char	*why = NULL;

	if (*cursor != '\0')
		store_cursor_set(s, in->key, cursor);
	if (store_commit(s, &why) != 0) {
		store_rollback(s);
		*cause = xasprintf("database: %s", why);
		free(why);
		return (-1);
	}
	if (imported > 0 && o->committed != NULL)
		o->committed(o->arg, in->cs->name, imported);
	return (0);
}

/* Store one item; skipped ones are recorded like the importer does. */
static void
poll_source_item(struct store *s, struct poll_source *in,
    const struct import_opts *io, const struct fetch_item *it, int r,
    struct import_stats *st)
{
	if (r == FETCH_SKIP) {
		store_skip_add(s, in->key, it->where, it->reason);
		import_count_skip(st, it->reason);
		log_warnx("%s: skipped: %s", it->where, it->reason);
	} else
		import_message(s, io, in->key, it, st);
}

/* After a failure: keep what was read before it, which is all good. */
static void
poll_source_salvage(struct store *s, struct poll_source *in, const char *cursor,
    const struct poll_source_opts *o, unsigned long imported)
{
	char	*why = NULL;

	if (poll_source_commit(s, in, cursor, o, imported, &why) != 0) {
		log_warnx("%s: %s", in->cs->name, why);
		free(why);
	}
}

int
poll_source_run(struct store *s, struct poll_source *in,
    const struct poll_source_opts *o, struct import_stats *st, char **cause)
{
	struct import_opts	 io = o->import;
	struct import_fault	 fi;
	struct fetch_item	 it;
	char			 cursor[sizeof it.cursor] = "";
	unsigned long		 n = 0, before = st->imported;
	unsigned int		 batch;
	double			 start = poll_source_now(), last = start;
	int			 r;

	batch = in->cs->batch > 0 ? (unsigned int)in->cs->batch : 500;
	if (in->cs->list != NULL)
		io.list = in->cs->list;
	io.arrival = time(NULL);
	import_fault_init(&fi, "poll");
	store_begin(s);
	while (o->stop == NULL || !o->stop()) {
		r = in->f->next(in->ctx, &it, cause);
		if (r == FETCH_TEMP || r == FETCH_PERM) {
			poll_source_salvage(s, in, cursor, o,
			    st->imported - before);
			return (r);
		}
		if (r == FETCH_END) {
			if (it.cursor[0] != '\0')
				memcpy(cursor, it.cursor, sizeof cursor);
			break;
		}
		poll_source_item(s, in, &io, &it, r, st);
		memcpy(cursor, it.cursor, sizeof cursor);
		import_fault(&fi, 0);
		if (++n % batch == 0) {
			if (poll_source_commit(s, in, cursor, o, st->imported -
			    before, cause) != 0)
				return (FETCH_PERM);
			import_fault(&fi, 1);
			before = st->imported;
			store_begin(s);
		}
		if (poll_source_now() - last > (o->progress ? 0.25 :
		    INGEST_REPORT)) {
			last = poll_source_now();
			poll_source_progress(in, o, n, start, 0);
		}
	}
	if (poll_source_commit(s, in, cursor, o, st->imported - before,
	    cause) != 0)
		return (FETCH_PERM);
	import_fault(&fi, 1);
	if (o->progress && n > 0)
		poll_source_progress(in, o, n, start, 1);
	return (FETCH_END);
}

int
poll_source_idle(struct poll_source *in, int *fd, char **cause)
{
	if (in->f->idle == NULL)
		return (FETCH_END);
	return (in->f->idle(in->ctx, fd, cause));
}

int
poll_source_wake(struct poll_source *in, char **cause)
{
	if (in->f->idle_done == NULL)
		return (FETCH_OK);
	return (in->f->idle_done(in->ctx, cause));
}

void
poll_source_close(struct poll_source *in)
{
	if (in == NULL)
		return;
	in->f->close(in->ctx);
	free(in->key);
	free(in);
}
