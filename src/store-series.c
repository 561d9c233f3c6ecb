/*
 * Series bookkeeping.  A posting is found through References first (the
 * patches answer their cover), then by author, version and size within a
 * few hours (series sent without threading), unless it already has that
 * part.  A new posting joins a series by b4's change-id, a Supersedes:
 * line, References to an older version, then author and normalized
 * subject.
 */
#include <stdlib.h>
#include <string.h>

#include "message.h"
#include "series.h"
#include "store-series.h"
#include "store.h"

static long long
store_series_int(struct store *s, sqlite3_stmt *st)
{
	long long	v = 0;

	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	(void)s;
	return (v);
}

/* The posting of the nearest referenced message by the same author. */
static long long
store_series_posting_by_refs(struct store *s, const struct message *m,
    const struct series_tag *tag)
{
	sqlite3_stmt	*st;
	const char	*from;
	long long	 posting;
	size_t		 i;

	for (i = m->nrefs; i-- > 0; ) {
		st = store_stmt(s, STORE_MSG_POSTING_OF);
		sqlite3_bind_text(st, 1, m->refs[i], -1, SQLITE_STATIC);
		if (sqlite3_step(st) != SQLITE_ROW) {
			sqlite3_reset(st);
			continue;
		}
		posting = sqlite3_column_int64(st, 0);
		from = (const char *)sqlite3_column_text(st, 1);
		if (from != NULL && strcmp(from, m->from_email) == 0 &&
		    sqlite3_column_int(st, 2) == tag->version) {
			sqlite3_reset(st);
			return (posting);
		}
		sqlite3_reset(st);
	}
	return (0);
}

static long long
store_series_posting_near(struct store *s, const struct message *m,
    const struct series_tag *tag)
{
	sqlite3_stmt	*st;

	if (tag->total == 0)
		return (0);
	st = store_stmt(s, STORE_POSTING_NEAR);
	sqlite3_bind_text(st, 1, m->from_email, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 2, tag->version);
	sqlite3_bind_int(st, 3, tag->total);
	sqlite3_bind_int64(st, 4, (sqlite3_int64)m->date);
	sqlite3_bind_int64(st, 5, STORE_SERIES_POSTING_WINDOW);
	sqlite3_bind_int(st, 6, tag->part);
	return (store_series_int(s, st));
}

static long long
store_series_by_msgid(struct store *s, const char *msgid, const char *author)
{
	sqlite3_stmt	*st = store_stmt(s, STORE_POSTING_SERIES_OF);

	sqlite3_bind_text(st, 1, msgid, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, author, -1, SQLITE_STATIC);
	return (store_series_int(s, st));
}

static long long
store_series_find(struct store *s, const struct message *m,
    const char *norm, const char *change_id, const char *supersedes)
{
	sqlite3_stmt	*st;
	long long	 series = 0;
	size_t		 i;

	if (change_id != NULL) {
		st = store_stmt(s, STORE_SERIES_BY_CHANGE_ID);
		sqlite3_bind_text(st, 1, change_id, -1, SQLITE_STATIC);
		series = store_series_int(s, st);
	}
	if (series == 0 && supersedes != NULL)
		series = store_series_by_msgid(s, supersedes, m->from_email);
	for (i = m->nrefs; series == 0 && i-- > 0; )
		series = store_series_by_msgid(s, m->refs[i], m->from_email);
	if (series == 0) {
		st = store_stmt(s, STORE_SERIES_BY_SUBJECT);
		sqlite3_bind_text(st, 1, m->from_email, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 2, norm, -1, SQLITE_STATIC);
		sqlite3_bind_int64(st, 3, (sqlite3_int64)m->date -
		    STORE_SERIES_VERSION_WINDOW);
		series = store_series_int(s, st);
	}
	if (series == 0) {
		st = store_stmt(s, STORE_SERIES_NEW);
		sqlite3_bind_text(st, 1, m->from_email, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 2, norm, -1, SQLITE_STATIC);
		if (change_id != NULL)
			sqlite3_bind_text(st, 3, change_id, -1, SQLITE_STATIC);
		sqlite3_bind_int64(st, 4, (sqlite3_int64)m->date);
		store_step_done(s, st);
		series = sqlite3_last_insert_rowid(store_db(s));
	}
	return (series);
}

static long long
store_series_new_posting(struct store *s, const struct message *m,
    const struct series_tag *tag, const char *norm, long long thread)
{
	sqlite3_stmt	*st;
	char		*change_id, *supersedes;
	long long	 series;

	series_body_links(m->body, &change_id, &supersedes);
	series = store_series_find(s, m, norm, change_id, supersedes);
	st = store_stmt(s, STORE_SERIES_TOUCH);
	sqlite3_bind_int64(st, 1, series);
	sqlite3_bind_int64(st, 2, (sqlite3_int64)m->date);
	if (change_id != NULL)
		sqlite3_bind_text(st, 3, change_id, -1, SQLITE_STATIC);
	store_step_done(s, st);
	free(change_id);
	free(supersedes);

	st = store_stmt(s, STORE_POSTING_NEW);
	sqlite3_bind_int64(st, 1, series);
	sqlite3_bind_text(st, 2, m->from_email, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 3, tag->version);
	sqlite3_bind_int(st, 4, tag->total);
	sqlite3_bind_int(st, 5, tag->flags);
	sqlite3_bind_text(st, 6, norm, -1, SQLITE_STATIC);
	if (tag->part == 0)
		sqlite3_bind_text(st, 7, m->message_id, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 8, (sqlite3_int64)m->date);
	sqlite3_bind_int64(st, 9, thread);
	store_step_done(s, st);
	return (sqlite3_last_insert_rowid(store_db(s)));
}

/* The cover (or else patch 1) names the posting. */
static void
store_series_name_posting(struct store *s, long long posting,
    const struct message *m, const struct series_tag *tag, const char *norm)
{
	sqlite3_stmt	*st;

	if (tag->part == 0) {
		st = store_stmt(s, STORE_POSTING_SET_SUBJECT);
		sqlite3_bind_int64(st, 1, posting);
		sqlite3_bind_text(st, 2, norm, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 3, m->message_id, -1, SQLITE_STATIC);
		sqlite3_bind_int64(st, 4, (sqlite3_int64)m->date);
		store_step_done(s, st);
	} else if (tag->part == 1) {
		st = store_stmt(s, STORE_POSTING_FIRST_PATCH);
		sqlite3_bind_int64(st, 1, posting);
		sqlite3_bind_text(st, 2, norm, -1, SQLITE_STATIC);
		store_step_done(s, st);
	}
}

long long
store_series_link(struct store *s, const struct message *m,
    const struct series_tag *tag, const char *norm, long long thread)
{
	sqlite3_stmt	*st;
	long long	 posting;

	if (!series_is_posting(tag) || tag->reply)
		return (0);
	posting = store_series_posting_by_refs(s, m, tag);
	if (posting == 0)
		posting = store_series_posting_near(s, m, tag);
	if (posting != 0)
		store_series_name_posting(s, posting, m, tag, norm);
	else
		posting = store_series_new_posting(s, m, tag, norm, thread);
	st = store_stmt(s, STORE_MSG_SET_POSTING);
	sqlite3_bind_text(st, 1, m->message_id, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, posting);
	store_step_done(s, st);
	return (posting);
}
