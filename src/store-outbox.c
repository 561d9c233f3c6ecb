/* The outbox table (store-outbox.h). */
#include <stdlib.h>
#include <string.h>

#include "post-mail.h"
#include "store-outbox.h"
#include "store.h"
#include "xmalloc.h"

int
store_outbox_has(struct store *s, const char *message_id)
{
	sqlite3_stmt	*st;
	int		 found = 0;

	if (sqlite3_prepare_v2(store_db(s), "SELECT 1 FROM outbox"
	    " WHERE message_id = ?1", -1, &st, NULL) != SQLITE_OK)
		return (0);
	sqlite3_bind_text(st, 1, message_id, -1, SQLITE_STATIC);
	found = sqlite3_step(st) == SQLITE_ROW;
	sqlite3_finalize(st);
	return (found);
}

long long
store_outbox_count(struct store *s, time_t since, const char *root)
{
	sqlite3_stmt	*st;
	long long	 n = 0;

	if (sqlite3_prepare_v2(store_db(s), root == NULL ? "SELECT count(*)"
	    " FROM outbox WHERE created >= ?1" : "SELECT count(*) FROM"
	    " outbox WHERE created >= ?1 AND thread_root = ?2", -1, &st,
	    NULL) != SQLITE_OK)
		return (0);
	sqlite3_bind_int64(st, 1, (sqlite3_int64)since);
	if (root != NULL)
		sqlite3_bind_text(st, 2, root, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return (n);
}

int
store_outbox_add(struct store *s, const struct mail *m, const char *sender,
    const char *rcpt, const char *raw, time_t now)
{
	sqlite3_stmt	*st;
	int		 added = 0;

	if (sqlite3_prepare_v2(store_db(s), "INSERT OR IGNORE INTO outbox"
	    " (message_id, key, kind, thread_root, sender, rcpt, raw, state,"
	    " next_try, created) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 'queued',"
	    " ?8, ?8)", -1, &st, NULL) != SQLITE_OK)
		return (0);
	sqlite3_bind_text(st, 1, m->message_id, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, m->key, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, m->kind, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, m->thread_root, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 5, sender, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 6, rcpt, -1, SQLITE_STATIC);
	sqlite3_bind_blob(st, 7, raw, (int)strlen(raw), SQLITE_STATIC);
	sqlite3_bind_int64(st, 8, (sqlite3_int64)now);
	if (sqlite3_step(st) == SQLITE_DONE)
		added = sqlite3_changes(store_db(s));
	sqlite3_finalize(st);
	return (added);
}

void
store_outbox_set(struct store *s, long long id, const char *state,
    int attempts, time_t next, const char *error, time_t sent)
{
	sqlite3_stmt	*st;

	if (sqlite3_prepare_v2(store_db(s), "UPDATE outbox SET state = ?2,"
	    " attempts = ?3, next_try = ?4, last_error = ?5,"
	    " sent_at = nullif(?6, 0) WHERE id = ?1", -1, &st, NULL) !=
	    SQLITE_OK)
		return;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_text(st, 2, state, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 3, attempts);
	sqlite3_bind_int64(st, 4, (sqlite3_int64)next);
	sqlite3_bind_text(st, 5, error, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 6, (sqlite3_int64)sent);
	sqlite3_step(st);
	sqlite3_finalize(st);
}

void
store_outbox_hold_uncertain(struct store *s)
{
	sqlite3_exec(store_db(s), "UPDATE outbox SET state = 'uncertain',"
	    " last_error = 'pvbot stopped while sending; not resent to avoid"
	    " a second copy (see pvbot outbox)' WHERE state = 'sending'",
	    NULL, NULL, NULL);
}

size_t
store_outbox_due(struct store *s, time_t now, long long **out)
{
	sqlite3_stmt	*st;
	long long	*ids = NULL;
	size_t		 n = 0;

	*out = NULL;
	if (sqlite3_prepare_v2(store_db(s), "SELECT id FROM outbox WHERE"
	    " state = 'queued' AND next_try <= ?1 ORDER BY id", -1, &st,
	    NULL) != SQLITE_OK)
		return (0);
	sqlite3_bind_int64(st, 1, (sqlite3_int64)now);
	while (sqlite3_step(st) == SQLITE_ROW) {
		ids = xreallocarray(ids, n + 1, sizeof *ids);
		ids[n++] = sqlite3_column_int64(st, 0);
	}
	sqlite3_finalize(st);
	*out = ids;
	return (n);
}

int
store_outbox_get(struct store *s, long long id, struct store_outbox_row *r)
{
	sqlite3_stmt	*st;
	int		 rc = -1;

	memset(r, 0, sizeof *r);
	if (sqlite3_prepare_v2(store_db(s), "SELECT id, sender, rcpt,"
	    " raw, message_id, attempts FROM outbox WHERE id = ?1", -1,
	    &st, NULL) != SQLITE_OK)
		return (-1);
	sqlite3_bind_int64(st, 1, id);
	if (sqlite3_step(st) == SQLITE_ROW) {
		r->id = sqlite3_column_int64(st, 0);
		r->sender = xstrdup((const char *)sqlite3_column_text(st, 1));
		r->rcpt = xstrdup((const char *)sqlite3_column_text(st, 2));
		r->len = (size_t)sqlite3_column_bytes(st, 3);
		r->raw = xmalloc(r->len + 1);
		if (r->len > 0)
			memcpy(r->raw, sqlite3_column_blob(st, 3), r->len);
		r->message_id = xstrdup((const char *)
		    sqlite3_column_text(st, 4));
		r->attempts = sqlite3_column_int(st, 5);
		rc = 0;
	}
	sqlite3_finalize(st);
	return (rc);
}

void
store_outbox_row_free(struct store_outbox_row *r)
{
	free(r->sender);
	free(r->rcpt);
	free(r->message_id);
	free(r->raw);
	memset(r, 0, sizeof *r);
}

static const char *
store_outbox_text(sqlite3_stmt *st, int col)
{
	const unsigned char	*t = sqlite3_column_text(st, col);

	return (t != NULL ? (const char *)t : "");
}

int
store_outbox_list(struct store *s,
    void (*fn)(void *, const struct store_outbox_entry *), void *arg)
{
	struct store_outbox_entry	 e;
	sqlite3_stmt			*st;

	if (sqlite3_prepare_v2(store_db(s), "SELECT message_id, kind,"
	    " state, rcpt, attempts, created, coalesce(last_error, ''), key"
	    " FROM outbox ORDER BY id", -1, &st, NULL) != SQLITE_OK)
		return (-1);
	while (sqlite3_step(st) == SQLITE_ROW) {
		e.message_id = store_outbox_text(st, 0);
		e.kind = store_outbox_text(st, 1);
		e.state = store_outbox_text(st, 2);
		e.rcpt = store_outbox_text(st, 3);
		e.attempts = sqlite3_column_int(st, 4);
		e.created = (time_t)sqlite3_column_int64(st, 5);
		e.error = store_outbox_text(st, 6);
		e.key = store_outbox_text(st, 7);
		fn(arg, &e);
	}
	sqlite3_finalize(st);
	return (0);
}
