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
    int attempts, time_t next, const char *error, const char *answers,
    time_t sent)
{
	sqlite3_stmt	*st;

	if (sqlite3_prepare_v2(store_db(s), "UPDATE outbox SET state = ?2,"
	    " attempts = ?3, next_try = ?4, last_error = ?5,"
	    " sent_at = coalesce(nullif(?6, 0), sent_at), answers = ?7"
	    " WHERE id = ?1", -1, &st, NULL) != SQLITE_OK)
		return;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_text(st, 2, state, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 3, attempts);
	sqlite3_bind_int64(st, 4, (sqlite3_int64)next);
	sqlite3_bind_text(st, 5, error, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 6, (sqlite3_int64)sent);
	sqlite3_bind_text(st, 7, answers, -1, SQLITE_STATIC);
	sqlite3_step(st);
	sqlite3_finalize(st);
}

void
store_outbox_narrow(struct store *s, long long id, const char *rcpt)
{
	sqlite3_stmt	*st;

	if (sqlite3_prepare_v2(store_db(s), "UPDATE outbox SET rcpt = ?2"
	    " WHERE id = ?1", -1, &st, NULL) != SQLITE_OK)
		return;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_text(st, 2, rcpt, -1, SQLITE_STATIC);
	sqlite3_step(st);
	sqlite3_finalize(st);
}

void
store_outbox_hold_uncertain(struct store *s)
{
	sqlite3_exec(store_db(s), "UPDATE outbox SET state = 'uncertain',"
	    " last_error = 'pvbot stopped while sending it: it may have gone"
	    " out; held, not resent, until the operator says (pvbot outbox"
	    " resolve)' WHERE state = 'sending'", NULL, NULL, NULL);
}

int
store_outbox_held(struct store *s,
    void (*fn)(void *, const struct store_outbox_held *), void *arg)
{
	struct store_outbox_held	 h;
	sqlite3_stmt			*st;
	int				 n = 0;

	if (sqlite3_prepare_v2(store_db(s), "SELECT id, message_id, kind,"
	    " rcpt, next_try FROM outbox WHERE state = 'uncertain' ORDER BY"
	    " id", -1, &st, NULL) != SQLITE_OK)
		return (0);
	while (sqlite3_step(st) == SQLITE_ROW) {
		h.id = sqlite3_column_int64(st, 0);
		h.message_id = (const char *)sqlite3_column_text(st, 1);
		h.kind = (const char *)sqlite3_column_text(st, 2);
		h.rcpt = (const char *)sqlite3_column_text(st, 3);
		h.since = (time_t)sqlite3_column_int64(st, 4);
		fn(arg, &h);
		n++;
	}
	sqlite3_finalize(st);
	return (n);
}

long long
store_outbox_find(struct store *s, const char *ref, char **state)
{
	sqlite3_stmt	*st;
	long long	 id = 0;
	size_t		 len = strlen(ref);

	*state = NULL;
	if (*ref == '<' && len > 2 && ref[len - 1] == '>') {
		ref++;
		len -= 2;
	}
	if (sqlite3_prepare_v2(store_db(s), "SELECT id, state FROM outbox"
	    " WHERE message_id = ?1 OR (?1 NOT GLOB '*[^0-9]*' AND"
	    " id = CAST(?1 AS INTEGER))", -1, &st, NULL) != SQLITE_OK)
		return (0);
	sqlite3_bind_text(st, 1, ref, (int)len, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW) {
		id = sqlite3_column_int64(st, 0);
		*state = xstrdup((const char *)sqlite3_column_text(st, 1));
	}
	sqlite3_finalize(st);
	return (id);
}

int
store_outbox_resolve(struct store *s, long long id, int resend, time_t now)
{
	sqlite3_stmt	*st;
	int		 rc;

	if (sqlite3_prepare_v2(store_db(s), "UPDATE outbox SET state ="
	    " iif(?3, 'queued', 'sent'), sent_at = iif(?3, sent_at, next_try),"
	    " next_try = iif(?3, ?2, next_try), attempts = iif(?3, 0,"
	    " attempts), last_error = iif(?3, 'released to be sent again by"
	    " the operator', 'caught mid-send; the operator says it"
	    " arrived'), answers = NULL WHERE id = ?1", -1, &st, NULL) !=
	    SQLITE_OK)
		return (-1);
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int64(st, 2, (sqlite3_int64)now);
	sqlite3_bind_int(st, 3, resend);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	return (rc == SQLITE_DONE ? 0 : -1);
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
	    " state, rcpt, attempts, created, coalesce(last_error, ''), key,"
	    " answers, id FROM outbox ORDER BY id", -1, &st, NULL) !=
	    SQLITE_OK)
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
		e.answers = (const char *)sqlite3_column_text(st, 8);
		e.id = sqlite3_column_int64(st, 9);
		fn(arg, &e);
	}
	sqlite3_finalize(st);
	return (0);
}
