/* The queries of the commands that only look (store-read.h). */
#include <stdlib.h>
#include <string.h>

#include "store-read.h"
#include "store.h"
#include "xmalloc.h"

static const char store_read_messages_sql[] =
    "SELECT m.id, m.message_id, t.root, m.date, m.from_name, m.from_email,"
    " m.subject, m.kind, m.s_flags, m.s_version, m.s_part, m.s_total,"
    " (SELECT group_concat(list, char(31)) FROM message_lists"
    "   WHERE message = m.id), m.thread, m.c_flags"
    " FROM messages m JOIN threads t ON t.id = m.thread"
    " WHERE m.present AND (?1 IS NULL OR EXISTS (SELECT 1 FROM"
    "  message_lists l WHERE l.message = m.id AND l.list = ?1))"
    " ORDER BY m.date, m.id";

static const char store_read_threads_sql[] =
    "SELECT t.id, t.root, t.first_date, t.last_date,"
    " (SELECT count(*) FROM messages m WHERE m.thread = t.id AND m.present),"
    " (SELECT subject FROM messages m WHERE m.thread = t.id AND m.present"
    "   ORDER BY m.date, m.id LIMIT 1)"
    " FROM threads t"
    " WHERE (?1 IS NULL OR EXISTS (SELECT 1 FROM messages m"
    "   JOIN message_lists l ON l.message = m.id"
    "   WHERE m.thread = t.id AND l.list = ?1))"
    " AND (?2 IS NULL OR EXISTS (SELECT 1 FROM messages m"
    "   WHERE m.thread = t.id AND m.present AND m.kind = ?2))"
    " AND (?3 IS NULL OR EXISTS (SELECT 1 FROM thread_tags g"
    "   WHERE g.thread = t.id AND g.tag = ?3))"
    " AND (?4 IS NULL OR EXISTS (SELECT 1 FROM thread_protocols p"
    "   WHERE p.thread = t.id AND p.protocol = ?4))"
    " AND (?5 IS NULL OR t.last_date >= ?5)"
    /* Who started it: its first mail's sender, by address or name. */
    " AND (?6 IS NULL OR (SELECT instr(lower(coalesce(m.from_email, '')"
    "   || ' ' || coalesce(m.from_name, '')), lower(?6)) FROM messages m"
    "   WHERE m.thread = t.id AND m.present ORDER BY m.date, m.id"
    "   LIMIT 1) > 0)"
    " ORDER BY t.last_date DESC, t.id DESC";

static const char store_read_series_sql[] =
    "SELECT s.id, s.author, s.subject, p.version, p.total, p.flags,"
    " p.subject, p.cover, p.first_date, t.root,"
    " (SELECT count(*) FROM messages m WHERE m.posting = p.id"
    "   AND m.s_part > 0),"
    " (SELECT max(version) FROM postings q WHERE q.series = s.id),"
    " (SELECT max(first_date) FROM postings q WHERE q.series = s.id"
    "   AND q.version = (SELECT max(version) FROM postings r"
    "   WHERE r.series = s.id)),"
    " (SELECT m.subject FROM messages m WHERE m.posting = p.id"
    "   ORDER BY coalesce(m.s_part, 0), m.date LIMIT 1),"
    " p.id"
    " FROM series s JOIN postings p ON p.series = s.id"
    " JOIN threads t ON t.id = p.thread"
    " WHERE (?1 IS NULL OR EXISTS (SELECT 1 FROM thread_protocols x"
    "   WHERE x.thread = p.thread AND x.protocol = ?1))"
    " AND (?2 IS NULL OR EXISTS (SELECT 1 FROM messages m"
    "   JOIN message_lists l ON l.message = m.id"
    "   WHERE m.posting = p.id AND l.list = ?2))"
    " AND (?3 IS NULL OR s.last_date >= ?3)"
    " AND (?4 IS NULL OR instr(lower(s.author), lower(?4)) > 0)"
    " ORDER BY s.last_date DESC, s.id, p.version, p.first_date, p.id";

static const char *
store_read_text(sqlite3_stmt *st, int col)
{
	return ((const char *)sqlite3_column_text(st, col));
}

int
store_read_messages(struct store *s, const char *list,
    void (*fn)(void *, const struct store_read_message *), void *arg)
{
	struct store_read_message	 m;
	sqlite3_stmt			*st;

	if (sqlite3_prepare_v2(store_db(s), store_read_messages_sql, -1, &st,
	    NULL) != SQLITE_OK)
		return (-1);
	if (list != NULL)
		sqlite3_bind_text(st, 1, list, -1, SQLITE_STATIC);
	while (sqlite3_step(st) == SQLITE_ROW) {
		m.id = sqlite3_column_int64(st, 0);
		m.message_id = store_read_text(st, 1);
		m.root = store_read_text(st, 2);
		m.date = (time_t)sqlite3_column_int64(st, 3);
		m.from_name = store_read_text(st, 4);
		m.from_email = store_read_text(st, 5);
		m.subject = store_read_text(st, 6);
		m.kind = store_read_text(st, 7);
		m.has_version = sqlite3_column_type(st, 9) != SQLITE_NULL;
		m.version = sqlite3_column_int(st, 9);
		m.part = sqlite3_column_int(st, 10);
		m.total = sqlite3_column_int(st, 11);
		m.lists = store_read_text(st, 12);
		m.thread = sqlite3_column_int64(st, 13);
		m.s_flags = sqlite3_column_int(st, 8);
		m.c_flags = sqlite3_column_int(st, 14);
		fn(arg, &m);
	}
	sqlite3_finalize(st);
	return (0);
}

int
store_read_threads(struct store *s, const struct store_read_filter *f,
    void (*fn)(void *, const struct store_read_thread *), void *arg)
{
	static const struct store_read_filter	 none;
	struct store_read_thread		 t;
	sqlite3_stmt				*st;

	if (f == NULL)
		f = &none;
	if (sqlite3_prepare_v2(store_db(s), store_read_threads_sql, -1, &st,
	    NULL) != SQLITE_OK)
		return (-1);
	sqlite3_bind_text(st, 1, f->list, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, f->kind, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, f->tag, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, f->protocol, -1, SQLITE_STATIC);
	if (f->since != 0)
		sqlite3_bind_int64(st, 5, (sqlite3_int64)f->since);
	sqlite3_bind_text(st, 6, f->author, -1, SQLITE_STATIC);
	while (sqlite3_step(st) == SQLITE_ROW) {
		t.id = sqlite3_column_int64(st, 0);
		t.root = store_read_text(st, 1);
		t.first = (time_t)sqlite3_column_int64(st, 2);
		t.last = (time_t)sqlite3_column_int64(st, 3);
		t.messages = sqlite3_column_int(st, 4);
		t.subject = store_read_text(st, 5);
		fn(arg, &t);
	}
	sqlite3_finalize(st);
	return (0);
}

int
store_read_series(struct store *s, const struct store_read_filter *f,
    void (*fn)(void *, const struct store_read_posting *), void *arg)
{
	static const struct store_read_filter	 none;
	struct store_read_posting		 p;
	sqlite3_stmt				*st;

	if (f == NULL)
		f = &none;
	if (sqlite3_prepare_v2(store_db(s), store_read_series_sql, -1, &st,
	    NULL) != SQLITE_OK)
		return (-1);
	sqlite3_bind_text(st, 1, f->protocol, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, f->list, -1, SQLITE_STATIC);
	if (f->since != 0)
		sqlite3_bind_int64(st, 3, (sqlite3_int64)f->since);
	sqlite3_bind_text(st, 4, f->author, -1, SQLITE_STATIC);
	while (sqlite3_step(st) == SQLITE_ROW) {
		p.series = sqlite3_column_int64(st, 0);
		p.author = store_read_text(st, 1);
		p.series_subject = store_read_text(st, 2);
		p.version = sqlite3_column_int(st, 3);
		p.total = sqlite3_column_int(st, 4);
		p.flags = sqlite3_column_int(st, 5);
		p.subject = store_read_text(st, 6);
		p.cover = store_read_text(st, 7);
		p.date = (time_t)sqlite3_column_int64(st, 8);
		p.root = store_read_text(st, 9);
		p.patches = sqlite3_column_int(st, 10);
		p.latest_version = sqlite3_column_int(st, 11);
		p.latest_date = (time_t)sqlite3_column_int64(st, 12);
		p.first_subject = store_read_text(st, 13);
		p.id = sqlite3_column_int64(st, 14);
		fn(arg, &p);
	}
	sqlite3_finalize(st);
	return (0);
}

char *
store_read_posting_raw(struct store *s, long long posting, size_t *len)
{
	sqlite3_stmt	*st;
	char		*raw = NULL;

	if (sqlite3_prepare_v2(store_db(s), "SELECT r.bytes FROM messages m"
	    " JOIN raw r ON r.id = m.id WHERE m.posting = ?1"
	    " ORDER BY coalesce(m.s_part, 0), m.date LIMIT 1", -1, &st, NULL) !=
	    SQLITE_OK)
		return (NULL);
	sqlite3_bind_int64(st, 1, posting);
	if (sqlite3_step(st) == SQLITE_ROW) {
		*len = (size_t)sqlite3_column_bytes(st, 0);
		raw = xmalloc(*len + 1);
		if (*len > 0)
			memcpy(raw, sqlite3_column_blob(st, 0), *len);
		raw[*len] = '\0';
	}
	sqlite3_finalize(st);
	return (raw);
}

int
store_read_thread(struct store *s, long long thread,
    void (*fn)(void *, const struct store_read_node *), void *arg)
{
	struct store_read_node	 n;
	sqlite3_stmt		*st;

	if (sqlite3_prepare_v2(store_db(s), "SELECT id, message_id, parent,"
	    " present, date, from_name, from_email, subject, kind"
	    " FROM messages WHERE thread = ?1 ORDER BY date, id", -1, &st,
	    NULL) != SQLITE_OK)
		return (-1);
	sqlite3_bind_int64(st, 1, thread);
	while (sqlite3_step(st) == SQLITE_ROW) {
		n.id = sqlite3_column_int64(st, 0);
		n.message_id = store_read_text(st, 1);
		n.parent = store_read_text(st, 2);
		n.present = sqlite3_column_int(st, 3);
		n.date = (time_t)sqlite3_column_int64(st, 4);
		n.from_name = store_read_text(st, 5);
		n.from_email = store_read_text(st, 6);
		n.subject = store_read_text(st, 7);
		n.kind = store_read_text(st, 8);
		fn(arg, &n);
	}
	sqlite3_finalize(st);
	return (0);
}

long long
store_read_resolve(struct store *s, long long number, const char *msgid,
    char **root)
{
	sqlite3_stmt	*st;
	const char	*r;
	long long	 thread = 0;

	if (sqlite3_prepare_v2(store_db(s), "SELECT t.id, t.root FROM threads t"
	    " WHERE t.id = ?1 OR t.id = (SELECT thread FROM messages"
	    " WHERE message_id = ?2)", -1, &st, NULL) != SQLITE_OK)
		return (0);
	sqlite3_bind_int64(st, 1, number);
	sqlite3_bind_text(st, 2, msgid, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW) {
		thread = sqlite3_column_int64(st, 0);
		r = store_read_text(st, 1);
		*root = xstrdup(r != NULL ? r : "");
	}
	sqlite3_finalize(st);
	return (thread);
}

void
store_read_trailers(struct store *s, long long message,
    void (*fn)(void *, const struct store_read_trailer *), void *arg)
{
	struct store_read_trailer	 t;
	sqlite3_stmt			*st;

	if (sqlite3_prepare_v2(store_db(s), "SELECT tag, name, email,"
	    " area, mismatch FROM trailers WHERE message = ?1 ORDER BY seq",
	    -1, &st, NULL) != SQLITE_OK)
		return;
	sqlite3_bind_int64(st, 1, message);
	while (sqlite3_step(st) == SQLITE_ROW) {
		t.tag = store_read_text(st, 0);
		t.name = store_read_text(st, 1);
		t.email = store_read_text(st, 2);
		t.area = store_read_text(st, 3);
		t.mismatch = sqlite3_column_int(st, 4);
		fn(arg, &t);
	}
	sqlite3_finalize(st);
}

void
store_read_vote(struct store *s, long long message,
    void (*fn)(void *, int, const char *, const char *), void *arg)
{
	sqlite3_stmt	*st;

	if (sqlite3_prepare_v2(store_db(s), "SELECT vote, from_name,"
	    " from_email FROM messages WHERE id = ?1 AND vote IS NOT NULL", -1,
	    &st, NULL) != SQLITE_OK)
		return;
	sqlite3_bind_int64(st, 1, message);
	if (sqlite3_step(st) == SQLITE_ROW)
		fn(arg, sqlite3_column_int(st, 0), store_read_text(st, 1),
		    store_read_text(st, 2));
	sqlite3_finalize(st);
}

static void
store_read_column(sqlite3_stmt *st, long long key,
    void (*fn)(void *, const char *), void *arg)
{
	sqlite3_bind_int64(st, 1, key);
	while (sqlite3_step(st) == SQLITE_ROW)
		fn(arg, store_read_text(st, 0));
}

void
store_read_strings(struct store *s, int what, long long thread,
    void (*fn)(void *, const char *), void *arg)
{
	static const char		*sql[] = {
		[STORE_READ_PROTOCOLS] = "SELECT protocol FROM"
		    " thread_protocols WHERE thread = ?1 ORDER BY protocol",
		[STORE_READ_TAGS] = "SELECT tag FROM thread_tags WHERE"
		    " thread = ?1 ORDER BY tag",
	};
	sqlite3_stmt			*st;

	if (what == STORE_READ_PATHS) {
		/* Prepared once: message output asks for every thread. */
		st = store_stmt(s, STORE_THREAD_PATHS);
		store_read_column(st, thread, fn, arg);
		sqlite3_reset(st);
		return;
	}
	if (sqlite3_prepare_v2(store_db(s), sql[what], -1, &st, NULL) !=
	    SQLITE_OK)
		return;
	store_read_column(st, thread, fn, arg);
	sqlite3_finalize(st);
}

char *
store_read_subject(void *arg, const char *msgid)
{
	struct store	*s = arg;
	sqlite3_stmt	*st = store_stmt(s, STORE_MSG_SUBJECT);
	char		*subject = NULL;

	sqlite3_bind_text(st, 1, msgid, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0) !=
	    NULL)
		subject = xstrdup((const char *)sqlite3_column_text(st, 0));
	sqlite3_reset(st);
	return (subject);
}
