/* Store mail: the path from raw bytes to rows. */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "buf.h"
#include "classify.h"
#include "config.h"
#include "fetch.h"
#include "import.h"
#include "log.h"
#include "message.h"
#include "series.h"
#include "store-classify.h"
#include "store-series.h"
#include "store-thread.h"
#include "store.h"
#include "xmalloc.h"

volatile sig_atomic_t import_stop;

/* A "Re:" without references joins a thread of that subject this recent. */
#define IMPORT_SUBJECT_WINDOW	(30 * 86400L)

char *
import_list_name(const char *list_id)
{
	size_t	len = strcspn(list_id, ".");

	return (xstrndup(list_id, len));
}

void
import_count_skip(struct import_stats *st, const char *reason)
{
	char	 key[96];
	size_t	 i;

	/* Group by the reason's words, not its numbers. */
	snprintf(key, sizeof key, "%.*s", (int)strcspn(reason, "(:"), reason);
	while (strlen(key) > 0 && key[strlen(key) - 1] == ' ')
		key[strlen(key) - 1] = '\0';
	st->skipped++;
	for (i = 0; i < st->nreasons; i++) {
		if (strcmp(st->reasons[i].reason, key) == 0) {
			st->reasons[i].count++;
			return;
		}
	}
	if (st->nreasons == IMPORT_MAX_REASONS)
		i = IMPORT_MAX_REASONS - 1;
	else
		i = st->nreasons++;
	snprintf(st->reasons[i].reason, sizeof st->reasons[i].reason, "%s",
	    key);
	st->reasons[i].count++;
}

static void
import_skip(struct store *s, const char *source, const struct fetch_item *it,
    const char *reason, struct import_stats *st)
{
	store_skip_add(s, source, it->where, reason);
	import_count_skip(st, reason);
	log_warnx("%s: skipped: %s", it->where, reason);
}

static void
import_add_list(struct store *s, const char *msgid, const char *list)
{
	sqlite3_stmt	*st = store_stmt(s, STORE_LIST_ADD);

	sqlite3_bind_text(st, 1, msgid, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, list, -1, SQLITE_STATIC);
	store_step_done(s, st);
}

/* Write the parsed fields over the node thread_add created. */
static long long
import_fill(struct store *s, const struct message *m,
    const struct series_tag *tag, const char *norm, size_t size,
    const struct classify_result *r)
{
	sqlite3_stmt	*st = store_stmt(s, STORE_MSG_FILL);
	long long	 id = 0;

	sqlite3_bind_text(st, 1, m->message_id, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, (sqlite3_int64)m->date);
	sqlite3_bind_int(st, 3, m->date_source);
	sqlite3_bind_text(st, 4, m->from_name, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 5, m->from_email, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 6, m->subject, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 7, norm, -1, SQLITE_STATIC);
	if (m->in_reply_to != NULL)
		sqlite3_bind_text(st, 8, m->in_reply_to, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 9, tag->flags | tag->point << SERIES_POINT_SHIFT);
	if (series_is_posting(tag)) {
		sqlite3_bind_int(st, 10, tag->version);
		sqlite3_bind_int(st, 11, tag->part);
		sqlite3_bind_int(st, 12, tag->total);
		sqlite3_bind_text(st, 13, tag->prefix, -1, SQLITE_STATIC);
	}
	sqlite3_bind_int(st, 14, m->flags);
	sqlite3_bind_int64(st, 15, (sqlite3_int64)size);
	sqlite3_bind_int(st, 16, message_is_automatic(m));
	if (r != NULL)
		store_classify_bind(st, 17, r);
	if (sqlite3_step(st) == SQLITE_ROW)
		id = sqlite3_column_int64(st, 0);
	else
		fatalx("%s: %s", __func__, sqlite3_errmsg(store_db(s)));
	sqlite3_reset(st);
	return (id);
}

static void
import_raw(struct store *s, long long id, const char *data, size_t len)
{
	sqlite3_stmt	*st = store_stmt(s, STORE_RAW_PUT);

	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_blob64(st, 2, data, len, SQLITE_STATIC);
	store_step_done(s, st);
}

static void
import_touch_thread(struct store *s, long long thread, const char *norm,
    time_t date)
{
	sqlite3_stmt	*st = store_stmt(s, STORE_THREAD_TOUCH);

	sqlite3_bind_int64(st, 1, thread);
	sqlite3_bind_text(st, 2, norm, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 3, (sqlite3_int64)date);
	store_step_done(s, st);
}

/* Subject fallback: a "Re:" with no references at all. */
static char *
import_subject_parent(struct store *s, const struct message *m,
    const struct series_tag *tag, const char *norm)
{
	sqlite3_stmt	*st;
	char		*root = NULL;

	if (m->nrefs > 0 || !tag->reply || *norm == '\0')
		return (NULL);
	st = store_stmt(s, STORE_THREAD_BY_SUBJECT);
	sqlite3_bind_text(st, 1, norm, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, (sqlite3_int64)m->date -
	    IMPORT_SUBJECT_WINDOW);
	if (sqlite3_step(st) == SQLITE_ROW)
		root = xstrdup((const char *)sqlite3_column_text(st, 0));
	sqlite3_reset(st);
	if (root != NULL && strcmp(root, m->message_id) == 0) {
		free(root);
		root = NULL;
	}
	return (root);
}

static void
import_count_unknown(struct import_stats *st, const char *id)
{
	size_t	i;

	for (i = 0; i < st->nunknown; i++) {
		if (strcmp(st->unknown[i].id, id) == 0) {
			st->unknown[i].count++;
			return;
		}
	}
	if (st->nunknown == IMPORT_MAX_UNKNOWN || strlen(id) >=
	    sizeof st->unknown[0].id) {
		st->unknown_more++;
		return;
	}
	snprintf(st->unknown[i].id, sizeof st->unknown[i].id, "%s", id);
	st->unknown[i].count = 1;
	st->nunknown++;
}

/* --list, else the configured list of the List-Id, else its first word. */
static char *
import_list_for(const struct import_opts *o, const struct message *m,
    struct import_stats *st)
{
	const struct config_list	*l;

	if (o->list != NULL)
		return (xstrdup(o->list));
	if (m->list_id == NULL) {
		st->no_list++;
		return (NULL);
	}
	if (o->cf != NULL && (l = config_list_by_id(o->cf, m->list_id)) != NULL)
		return (xstrdup(l->name));
	import_count_unknown(st, m->list_id);
	return (import_list_name(m->list_id));
}

static void
import_store_new(struct store *s, const struct import_opts *o,
    const struct message *m, const struct series_tag *tag, const char *norm,
    long long thread, const struct fetch_item *it)
{
	struct classify_result	r;
	long long		id;

	/* The kind goes in with the row: one write, one run of triggers. */
	if (o->classify != NULL)
		store_classify_run(s, o->classify, m, tag, &r);
	id = import_fill(s, m, tag, norm, it->len, o->classify != NULL ? &r :
	    NULL);
	import_raw(s, id, it->data, it->len);
	import_touch_thread(s, thread, norm, m->date);
	store_series_link(s, m, tag, norm, thread);
	if (o->classify != NULL) {
		store_classify_save(s, o->classify, id, thread, m,
		    STORE_CLASSIFY_NEW | STORE_CLASSIFY_FILLED, &r);
		classify_free(&r);
	}
}

/*
 * A message arrived after replies to it had (an archive out of date
 * order, a slow list): they were classified without it, not knowing who
 * proposed or whether there was anything to review.  Classify the rest of
 * its thread again, as "pvbot reclassify" would, so that the order mail
 * comes in does not change what pvbot concludes.  Commands are not run
 * again: they were decided when they came.
 */
static void
import_reclassify_thread(struct store *s, const struct import_opts *o,
    long long thread, const char *self)
{
	sqlite3_stmt		*st = store_stmt(s, STORE_THREAD_RAW);
	struct message_env	 env = { 0, 0 };
	struct message		*m;
	struct series_tag	 tag;
	char			*cause = NULL, *norm;

	sqlite3_bind_int64(st, 1, thread);
	sqlite3_bind_text(st, 2, self, -1, SQLITE_STATIC);
	while (sqlite3_step(st) == SQLITE_ROW) {
		if (message_parse(sqlite3_column_blob(st, 1),
		    (size_t)sqlite3_column_bytes(st, 1), &env, &m,
		    &cause) != 0) {
			free(cause);	/* it was stored, so it parsed once */
			cause = NULL;
			continue;
		}
		norm = series_parse_subject(m->subject, &tag);
		store_classify(s, o->classify, sqlite3_column_int64(st, 0),
		    thread, m, &tag, STORE_CLASSIFY_CONTEXT, NULL);
		free(norm);
		message_free(m);
	}
	sqlite3_reset(st);
}

int
import_message(struct store *s, const struct import_opts *o,
    const char *source, const struct fetch_item *it, struct import_stats *st)
{
	struct message_env	 env;
	struct message		*m;
	struct series_tag	 tag;
	char			*cause = NULL, *norm, *fallback, *list;
	long long		 thread;
	int			 r;

	env.envelope_date = it->envelope_date;
	env.arrival = o->arrival;
	if (message_parse(it->data, it->len, &env, &m, &cause) != 0) {
		import_skip(s, source, it, cause, st);
		free(cause);
		return (IMPORT_SKIPPED);
	}
	norm = series_parse_subject(m->subject, &tag);
	fallback = import_subject_parent(s, m, &tag, norm);
	r = thread_add(&store_thread_ops, s, m->message_id,
	    fallback != NULL ? &fallback : m->refs,
	    fallback != NULL ? 1 : m->nrefs, &thread);
	if (r == THREAD_ADDED || r == THREAD_FILLED) {
		import_store_new(s, o, m, &tag, norm, thread, it);
		if (r == THREAD_FILLED && o->classify != NULL)
			import_reclassify_thread(s, o, thread, m->message_id);
		st->imported++;
	} else
		st->known++;
	if ((list = import_list_for(o, m, st)) != NULL)
		import_add_list(s, m->message_id, list);
	free(list);
	free(fallback);
	free(norm);
	message_free(m);
	return (r == THREAD_KNOWN ? IMPORT_KNOWN : IMPORT_NEW);
}

static double
import_now(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ((double)ts.tv_sec + (double)ts.tv_nsec / 1e9);
}

static void
import_progress(const struct import_stats *st, double start, double frac,
    int final)
{
	unsigned long	n = st->imported + st->known + st->skipped;
	double		el = import_now() - start;

	fprintf(stderr, "\r%lu messages, %.0f msg/s", n,
	    el > 0 ? (double)n / el : 0.0);
	if (frac >= 0)
		fprintf(stderr, ", %.0f%%", frac * 100);
	fprintf(stderr, final ? "\n" : "   ");
	fflush(stderr);
}

static int
import_commit(struct store *s, const char *source, const char *cursor,
    char **cause)
{
	if (cursor != NULL && *cursor != '\0')
		store_cursor_set(s, source, cursor);
	return (store_commit(s, cause));
}

/* The source name for a path: its absolute form, so cursors are found. */
static char *
import_source(const struct fetch *f, const char *path)
{
	char	real[PATH_MAX];

	if (realpath(path, real) == NULL)
		snprintf(real, sizeof real, "%s", path);
	return (xasprintf("%s:%s", f->name, real));
}

/*
 * Fault injection for the crash tests (t9000-crash.sh for import, t3000
 * for poll), so that kill points are exact instead of timed:
 * PVBOT_FAULT=import-message:N sends this process SIGKILL once the Nth
 * message of this run is stored but before its batch commits;
 * import-commit:N right after the Nth commit; poll-message:N and
 * poll-commit:N the same in a poll.  Any other value (post-due.c reads this
 * variable too) changes nothing.
 */
void
import_fault_init(struct import_fault *fi, const char *loop)
{
	const char	*v = getenv("PVBOT_FAULT");
	size_t		 n = strlen(loop);

	memset(fi, 0, sizeof *fi);
	if (v == NULL || strncmp(v, loop, n) != 0 || v[n] != '-')
		return;
	v += n + 1;
	if (strncmp(v, "message:", 8) == 0)
		fi->message = strtoul(v + 8, NULL, 10);
	else if (strncmp(v, "commit:", 7) == 0)
		fi->commit = strtoul(v + 7, NULL, 10);
}

void
import_fault(struct import_fault *fi, int commit)
{
	if (commit ? ++fi->commits == fi->commit :
	    ++fi->messages == fi->message)
		raise(SIGKILL);
}

static int
import_loop(struct store *s, const struct fetch *f, struct fetch_ctx *c,
    const char *source, const struct import_opts *o,
    struct import_stats *st, char **cause)
{
	struct fetch_item	 it;
	struct import_fault	 fi;
	struct import_stats	 saved;	/* as of the last commit */
	char			 cursor[sizeof it.cursor] = "";
	unsigned int		 n = 0;
	double			 start = import_now(), last = 0;
	int			 r;

	import_fault_init(&fi, "import");
	saved = *st;
	store_begin(s);
	while (!import_stop && (r = f->next(c, &it, cause)) != FETCH_END) {
		if (r == FETCH_PERM || r == FETCH_TEMP)
			goto failed;
		if (r == FETCH_SKIP)
			import_skip(s, source, &it, it.reason, st);
		else
			import_message(s, o, source, &it, st);
		memcpy(cursor, it.cursor, sizeof cursor);
		import_fault(&fi, 0);
		if (++n % o->batch == 0) {
			if (import_commit(s, source, cursor, cause) != 0)
				goto failed;
			import_fault(&fi, 1);
			saved = *st;
			store_begin(s);
		}
		if (o->progress && import_now() - last > 0.25) {
			last = import_now();
			import_progress(st, start, f->progress(c), 0);
		}
	}
	/*
	 * A cursor only resumes an interrupted import; a finished archive is
	 * read again next time, and dedup reports it as already known.
	 */
	if (!import_stop) {
		store_cursor_del(s, source);
		cursor[0] = '\0';
	}
	if (import_commit(s, source, cursor, cause) != 0)
		goto failed;
	import_fault(&fi, 1);
	if (o->progress)
		import_progress(st, start, f->progress(c), 1);
	return (0);
failed:
	/* The batch is gone (a read error, a full disk): count what stayed. */
	store_rollback(s);
	*st = saved;
	return (-1);
}

int
import_path(struct store *s, const char *path, const struct import_opts *o,
    struct import_stats *st, char **cause)
{
	const struct fetch	*f;
	struct fetch_ctx	*c;
	char			*source, *cursor;
	int			 r;

	if ((f = fetch_for_path(path)) == NULL) {
		*cause = xasprintf("%s: a directory but not a Maildir", path);
		return (-1);
	}
	source = import_source(f, path);
	cursor = store_cursor_get(s, source);
	if (f->open(&c, path, o->max_size, cursor, cause) != 0) {
		free(source);
		free(cursor);
		return (-1);
	}
	r = import_loop(s, f, c, source, o, st, cause);
	f->close(c);
	free(source);
	free(cursor);
	return (r);
}

char *
import_summary(const struct import_stats *st)
{
	struct buf	b;
	size_t		i;

	buf_init(&b);
	buf_printf(&b, "imported %lu, already known %lu, skipped %lu",
	    st->imported, st->known, st->skipped);
	for (i = 0; i < st->nreasons; i++)
		buf_printf(&b, "%s%s: %lu", i == 0 ? " (" : ", ",
		    st->reasons[i].reason, st->reasons[i].count);
	if (st->nreasons > 0)
		buf_addstr(&b, ")");
	return (buf_detach(&b, NULL));
}

char *
import_list_note(const struct import_stats *st)
{
	struct buf	 b;
	char		*name;
	size_t		 i;

	if (st->nunknown == 0 && st->no_list == 0)
		return (NULL);
	buf_init(&b);
	for (i = 0; i < st->nunknown; i++) {
		name = import_list_name(st->unknown[i].id);
		buf_printf(&b, "%s%s (%lu message%s, filed as list \"%s\")",
		    i == 0 ? "List-Id not in the configuration: " : ", ",
		    st->unknown[i].id, st->unknown[i].count,
		    st->unknown[i].count == 1 ? "" : "s", name);
		free(name);
	}
	if (st->unknown_more > 0)
		buf_printf(&b, " and %lu message%s of other List-Ids",
		    st->unknown_more, st->unknown_more == 1 ? "" : "s");
	if (st->nunknown > 0)
		buf_addstr(&b, "; to name a list, give pvbot.conf a \"list "
		    "NAME\" section with \"list-id ID\"");
	if (st->no_list > 0)
		buf_printf(&b, "%s%lu message%s without a List-Id belong%s to "
		    "no list (import --list NAME names it)", b.len > 0 ?
		    "; " : "", st->no_list, st->no_list == 1 ? "" : "s",
		    st->no_list == 1 ? "s" : "");
	return (buf_detach(&b, NULL));
}
