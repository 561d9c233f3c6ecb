/*
 * What deciding the mails reads and writes in the store (post-due.c):
 * the event log's verdicts and reminders and which mail carried them,
 * muted threads, subscribers and their requests by mail.
 */
#include <stdlib.h>
#include <string.h>

#include "store-post.h"
#include "store.h"
#include "xmalloc.h"

int
store_post_muted(struct store *s, const char *root)
{
	sqlite3_stmt	*st;
	int		 muted = 0;

	if (sqlite3_prepare_v2(store_db(s), "SELECT 1 FROM thread_tags g"
	    " JOIN threads t ON t.id = g.thread WHERE t.root = ?1 AND"
	    " g.tag = 'mute'", -1, &st, NULL) != SQLITE_OK)
		return (0);
	sqlite3_bind_text(st, 1, root, -1, SQLITE_STATIC);
	muted = sqlite3_step(st) == SQLITE_ROW;
	sqlite3_finalize(st);
	return (muted);
}

void
store_post_verdicts(struct store *s, time_t now,
    void (*fn)(void *, const struct store_post_verdict *), void *arg)
{
	struct store_post_verdict	 e;
	sqlite3_stmt			*st;

	if (sqlite3_prepare_v2(store_db(s), "SELECT key, subject,"
	    " json_extract(detail, '$.version'), json_extract(detail,"
	    " '$.from'), json_extract(detail, '$.to') FROM events WHERE"
	    " kind = 'verdict' AND at <= ?1 ORDER BY id", -1, &st, NULL) !=
	    SQLITE_OK)
		return;
	sqlite3_bind_int64(st, 1, (sqlite3_int64)now);
	while (sqlite3_step(st) == SQLITE_ROW) {
		e.key = (const char *)sqlite3_column_text(st, 0);
		e.root = (const char *)sqlite3_column_text(st, 1);
		e.version = sqlite3_column_int(st, 2);
		e.from = (const char *)sqlite3_column_text(st, 3);
		e.to = (const char *)sqlite3_column_text(st, 4);
		fn(arg, &e);
	}
	sqlite3_finalize(st);
}

void
store_post_unmailed(struct store *s, time_t now,
    void (*fn)(void *, const struct store_post_event *), void *arg)
{
	struct store_post_event	 e;
	sqlite3_stmt		*st;

	if (sqlite3_prepare_v2(store_db(s), "SELECT id, kind,"
	    " subject, detail FROM events e WHERE kind IN ('reminder', 'stale')"
	    " AND at <= ?1 AND NOT EXISTS (SELECT 1 FROM event_mails x JOIN"
	    " outbox o ON o.message_id = x.message_id WHERE x.event = e.id)"
	    " ORDER BY id", -1, &st, NULL) != SQLITE_OK)
		return;
	sqlite3_bind_int64(st, 1, (sqlite3_int64)now);
	while (sqlite3_step(st) == SQLITE_ROW) {
		e.id = sqlite3_column_int64(st, 0);
		e.kind = (const char *)sqlite3_column_text(st, 1);
		e.subject = (const char *)sqlite3_column_text(st, 2);
		e.detail = (const char *)sqlite3_column_text(st, 3);
		fn(arg, &e);
	}
	sqlite3_finalize(st);
}

int
store_post_mark(struct store *s, long long event, const char *message_id)
{
	sqlite3_stmt	*st;

	if (sqlite3_prepare_v2(store_db(s), "INSERT OR IGNORE INTO"
	    " event_mails (event, message_id) VALUES (?1, ?2)", -1, &st,
	    NULL) != SQLITE_OK)
		return (-1);
	sqlite3_bind_int64(st, 1, event);
	sqlite3_bind_text(st, 2, message_id, -1, SQLITE_STATIC);
	sqlite3_step(st);
	sqlite3_finalize(st);
	return (0);
}

void
store_post_subscribers(struct store *s,
    void (*fn)(void *, const struct store_post_subscriber *), void *arg)
{
	struct store_post_subscriber	 sub;
	sqlite3_stmt			*st;

	if (sqlite3_prepare_v2(store_db(s), "SELECT email,"
	    " period, coalesce(filters, ''), coalesce(last_digest, 0) FROM"
	    " subscribers WHERE state = 'active' ORDER BY email", -1, &st,
	    NULL) != SQLITE_OK)
		return;
	while (sqlite3_step(st) == SQLITE_ROW) {
		sub.email = (const char *)sqlite3_column_text(st, 0);
		sub.period = (const char *)sqlite3_column_text(st, 1);
		sub.filters = (const char *)sqlite3_column_text(st, 2);
		sub.last_digest = (time_t)sqlite3_column_int64(st, 3);
		fn(arg, &sub);
	}
	sqlite3_finalize(st);
}

void
store_post_digest_sent(struct store *s, const char *email, time_t now)
{
	sqlite3_stmt	*st;

	if (sqlite3_prepare_v2(store_db(s), "UPDATE subscribers"
	    " SET last_digest = ?2 WHERE email = ?1", -1, &st, NULL) !=
	    SQLITE_OK)
		return;
	sqlite3_bind_text(st, 1, email, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, (sqlite3_int64)now);
	sqlite3_step(st);
	sqlite3_finalize(st);
}

int
store_post_subscribe(struct store *s, const char *email, int on,
    const char *filters, const char *period, time_t now)
{
	sqlite3_stmt	*st;
	int		 rc;

	rc = sqlite3_prepare_v2(store_db(s), on ? "INSERT OR REPLACE INTO"
	    " subscribers (email, filters, period, state, created) VALUES"
	    " (lower(?1), ?2, ?3, 'active', ?4)" : "DELETE FROM subscribers"
	    " WHERE email = lower(?1)", -1, &st, NULL);
	if (rc != SQLITE_OK)
		return (-1);
	sqlite3_bind_text(st, 1, email, -1, SQLITE_STATIC);
	if (on) {
		sqlite3_bind_text(st, 2, filters, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 3, period, -1, SQLITE_STATIC);
		sqlite3_bind_int64(st, 4, (sqlite3_int64)now);
	}
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	return (rc == SQLITE_DONE ? 0 : -1);
}

int
store_post_pending(struct store *s, const char *email, const char *filters,
    const char *period, const char *token, time_t expires, time_t now)
{
	sqlite3_stmt	*st;
	int		 r;

	/* Only a pending subscription changes: no one is unsubscribed. */
	if (sqlite3_prepare_v2(store_db(s), "INSERT INTO"
	    " subscribers (email, filters, period, state, token, expires,"
	    " created) VALUES (?1, ?2, ?3, 'pending', ?4, ?5, ?6) ON CONFLICT"
	    " (email) DO UPDATE SET token = ?4, expires = ?5, filters = ?2,"
	    " period = ?3 WHERE state = 'pending'", -1, &st, NULL) !=
	    SQLITE_OK)
		return (-1);
	sqlite3_bind_text(st, 1, email, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, filters, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, period, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, token, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 5, (sqlite3_int64)expires);
	sqlite3_bind_int64(st, 6, (sqlite3_int64)now);
	r = sqlite3_step(st) == SQLITE_DONE ? sqlite3_changes(store_db(s)) > 0 :
	    -1;
	sqlite3_finalize(st);
	return (r);
}

int
store_post_queued(struct store *s, const char *kind, const char *rcpt,
    time_t since)
{
	sqlite3_stmt	*st;
	int		 n = -1;

	if (sqlite3_prepare_v2(store_db(s), "SELECT count(*) FROM outbox"
	    " WHERE kind = ?1 AND created >= ?3 AND (?2 IS NULL OR rcpt = ?2)",
	    -1, &st, NULL) != SQLITE_OK)
		return (-1);
	sqlite3_bind_text(st, 1, kind, -1, SQLITE_STATIC);
	if (rcpt != NULL)
		sqlite3_bind_text(st, 2, rcpt, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 3, (sqlite3_int64)since);
	if (sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return (n);
}

int
store_post_confirm(struct store *s, const char *email, const char *token,
    time_t now)
{
	sqlite3_stmt	*st;
	int		 changed = 0;

	if (sqlite3_prepare_v2(store_db(s), "UPDATE subscribers"
	    " SET state = 'active', token = NULL WHERE email = ?1 AND"
	    " state = 'pending' AND token = ?2 AND expires >= ?3", -1, &st,
	    NULL) != SQLITE_OK)
		return (-1);
	sqlite3_bind_text(st, 1, email, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, token, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 3, (sqlite3_int64)now);
	if (sqlite3_step(st) == SQLITE_DONE)
		changed = sqlite3_changes(store_db(s));
	sqlite3_finalize(st);
	return (changed > 0);
}

void
store_post_requests(struct store *s, const char *list,
    void (*fn)(void *, long long, const void *, size_t), void *arg)
{
	sqlite3_stmt	*st;

	if (sqlite3_prepare_v2(store_db(s), "SELECT m.id, r.bytes"
	    " FROM messages m JOIN message_lists l ON l.message = m.id JOIN"
	    " raw r ON r.id = m.id WHERE l.list = ?1 AND NOT EXISTS (SELECT 1"
	    " FROM requests q WHERE q.message = m.id) ORDER BY m.id", -1, &st,
	    NULL) != SQLITE_OK)
		return;
	sqlite3_bind_text(st, 1, list, -1, SQLITE_STATIC);
	while (sqlite3_step(st) == SQLITE_ROW)
		fn(arg, sqlite3_column_int64(st, 0), sqlite3_column_blob(st, 1),
		    (size_t)sqlite3_column_bytes(st, 1));
	sqlite3_finalize(st);
}

void
store_post_request_done(struct store *s, long long id, const char *result)
{
	sqlite3_stmt	*st;

	if (sqlite3_prepare_v2(store_db(s), "INSERT OR IGNORE INTO requests"
	    " (message, result) VALUES (?1, ?2)", -1, &st, NULL) != SQLITE_OK)
		return;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_text(st, 2, result, -1, SQLITE_STATIC);
	sqlite3_step(st);
	sqlite3_finalize(st);
}

void
store_post_thread(struct store *s, const char *root,
    struct store_post_thread *t)
{
	sqlite3_stmt	*st;

	memset(t, 0, sizeof *t);
	/* Every list the thread's mail came through, by name. */
	if (sqlite3_prepare_v2(store_db(s), "SELECT l.list FROM message_lists l"
	    " JOIN messages m ON m.id = l.message JOIN threads t ON"
	    " t.id = m.thread WHERE t.root = ?1 ORDER BY l.list", -1, &st,
	    NULL) == SQLITE_OK) {
		sqlite3_bind_text(st, 1, root, -1, SQLITE_STATIC);
		while (sqlite3_step(st) == SQLITE_ROW) {
			t->lists = xreallocarray(t->lists, t->nlists + 1,
			    sizeof *t->lists);
			t->lists[t->nlists++] = xstrdup((const char *)
			    sqlite3_column_text(st, 0));
		}
		sqlite3_finalize(st);
	}
	/* Whether the root itself was seen (an archive may start later). */
	t->root_seen = 1;
	if (sqlite3_prepare_v2(store_db(s), "SELECT present FROM messages"
	    " WHERE message_id = ?1", -1, &st, NULL) == SQLITE_OK) {
		sqlite3_bind_text(st, 1, root, -1, SQLITE_STATIC);
		t->root_seen = sqlite3_step(st) == SQLITE_ROW &&
		    sqlite3_column_int(st, 0);
		sqlite3_finalize(st);
	}
}

void
store_post_thread_free(struct store_post_thread *t)
{
	size_t	i;

	for (i = 0; i < t->nlists; i++)
		free(t->lists[i]);
	free(t->lists);
	memset(t, 0, sizeof *t);
}
