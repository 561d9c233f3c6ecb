/* The outbox table and its delivery loop. */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "datetime.h"
#include "log.h"
#include "post-mail.h"
#include "post-outbox.h"
#include "post-smtp.h"
#include "store.h"
#include "xmalloc.h"

int
post_outbox_has(struct store *s, const char *message_id)
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

static long long
post_outbox_count(struct store *s, const char *sql, const char *arg, time_t since)
{
	sqlite3_stmt	*st;
	long long	 n = 0;

	if (sqlite3_prepare_v2(store_db(s), sql, -1, &st, NULL) != SQLITE_OK)
		return (0);
	sqlite3_bind_int64(st, 1, (sqlite3_int64)since);
	if (arg != NULL)
		sqlite3_bind_text(st, 2, arg, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return (n);
}

/* Bots annoy when noisy: a global hourly limit and one per thread a day. */
static int
post_outbox_rate_ok(struct store *s, const struct config *cf,
    const struct mail *m, time_t now, const char **why)
{
	if (post_outbox_count(s, "SELECT count(*) FROM outbox WHERE created >= ?1",
	    NULL, now - 3600) >= cf->rate_per_hour) {
		*why = "rate limit: rate-per-hour reached";
		return (0);
	}
	if (m->thread_root != NULL && post_outbox_count(s, "SELECT count(*) FROM"
	    " outbox WHERE created >= ?1 AND thread_root = ?2", m->thread_root,
	    now - 86400) >= cf->rate_per_thread_day) {
		*why = "rate limit: rate-per-thread-day reached";
		return (0);
	}
	return (1);
}

static char *
post_outbox_rcpt(const struct mail *m)
{
	if (m->cc != NULL && *m->cc != '\0')
		return (xasprintf("%s,%s", m->to, m->cc));
	return (xstrdup(m->to));
}

int
post_outbox_queue(struct store *s, const struct config *cf, const struct mail *m,
    time_t now, const char **why)
{
	sqlite3_stmt	*st;
	char		*raw, *rcpt;
	int		 added = 0;

	if (post_outbox_has(s, m->message_id))
		return (0);
	if (!post_outbox_rate_ok(s, cf, m, now, why))
		return (-1);
	raw = post_mail_format(m);
	rcpt = post_outbox_rcpt(m);
	if (sqlite3_prepare_v2(store_db(s), "INSERT OR IGNORE INTO outbox"
	    " (message_id, key, kind, thread_root, sender, rcpt, raw, state,"
	    " next_try, created) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 'queued',"
	    " ?8, ?8)", -1, &st, NULL) == SQLITE_OK) {
		sqlite3_bind_text(st, 1, m->message_id, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 2, m->key, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 3, m->kind, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 4, m->thread_root, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 5, cf->smtp.envelope_from != NULL ?
		    cf->smtp.envelope_from : m->from, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 6, rcpt, -1, SQLITE_STATIC);
		sqlite3_bind_blob(st, 7, raw, (int)strlen(raw), SQLITE_STATIC);
		sqlite3_bind_int64(st, 8, (sqlite3_int64)now);
		if (sqlite3_step(st) == SQLITE_DONE)
			added = sqlite3_changes(store_db(s));
		sqlite3_finalize(st);
	}
	free(raw);
	free(rcpt);
	return (added);
}

/* A mail's new state; answers (JSON, may be NULL) is the server's say. */
static void
post_outbox_set(struct store *s, long long id, const char *state, int attempts,
    time_t next, const char *error, const char *answers, time_t sent)
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

/*
 * The mail went to some recipients; those refused for now get it later,
 * alone (the others must not get a second copy).
 */
static void
post_outbox_narrow(struct store *s, long long id, const char *rcpt)
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

/* Backoff: one minute, doubling, at most six hours. */
static time_t
post_outbox_backoff(int attempts)
{
	long	delay = 60L << (attempts > 9 ? 9 : attempts);

	return (delay > 6 * 3600 ? 6 * 3600 : delay);
}

/*
 * A row left "sending" by a crash may or may not have gone out.  pvbot
 * never risks a second copy: it holds such mails for the operator.
 */
static void
post_outbox_hold_uncertain(struct store *s)
{
	sqlite3_exec(store_db(s), "UPDATE outbox SET state = 'uncertain',"
	    " last_error = 'pvbot stopped while sending it: it may have gone"
	    " out; held, not resent, until the operator says (pvbot outbox"
	    " resolve)' WHERE state = 'sending'", NULL, NULL, NULL);
}

int
post_outbox_warn_held(struct store *s)
{
	sqlite3_stmt	*st;
	char		 date[32];
	int		 n = 0;

	if (sqlite3_prepare_v2(store_db(s), "SELECT id, message_id, kind,"
	    " rcpt, next_try FROM outbox WHERE state = 'uncertain' ORDER BY"
	    " id", -1, &st, NULL) != SQLITE_OK)
		return (0);
	while (sqlite3_step(st) == SQLITE_ROW) {
		datetime_format_iso((time_t)sqlite3_column_int64(st, 4), date,
		    sizeof date);
		log_warnx("outbox: mail %lld <%s> (%s to %s) was caught "
		    "mid-send at %s and is held: 'pvbot outbox resolve %lld "
		    "sent' if it arrived, 'pvbot outbox resolve %lld resend' "
		    "if not", (long long)sqlite3_column_int64(st, 0),
		    (const char *)sqlite3_column_text(st, 1),
		    (const char *)sqlite3_column_text(st, 2),
		    (const char *)sqlite3_column_text(st, 3), date,
		    (long long)sqlite3_column_int64(st, 0),
		    (long long)sqlite3_column_int64(st, 0));
		n++;
	}
	sqlite3_finalize(st);
	return (n);
}

/* The row a number or a Message-ID (with or without <>) names, or 0. */
static long long
post_outbox_find(struct store *s, const char *ref, char **state)
{
	sqlite3_stmt	*st;
	long long	 id = 0;
	size_t		 len = strlen(ref);

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
post_outbox_resolve(struct store *s, const char *ref, int resend, time_t now,
    char **cause)
{
	sqlite3_stmt	*st;
	char		*state = NULL;
	long long	 id;
	int		 done = 0;

	if ((id = post_outbox_find(s, ref, &state)) == 0) {
		*cause = xasprintf("%s: no such mail in the outbox", ref);
		return (-1);
	}
	/* A failed mail may go again (the cause fixed); only a held one
	 * can have gone out unseen. */
	if (strcmp(state, "uncertain") != 0 && (!resend ||
	    strcmp(state, "failed") != 0)) {
		*cause = xasprintf("%s: %s, not held%s", ref, state, resend ?
		    " or failed" : "");
		free(state);
		return (-1);
	}
	free(state);
	/* Sent: when it was being sent.  Resend: now, attempts afresh. */
	if (sqlite3_prepare_v2(store_db(s), "UPDATE outbox SET state ="
	    " iif(?3, 'queued', 'sent'), sent_at = iif(?3, sent_at, next_try),"
	    " next_try = iif(?3, ?2, next_try), attempts = iif(?3, 0,"
	    " attempts), last_error = iif(?3, 'released to be sent again by"
	    " the operator', 'caught mid-send; the operator says it"
	    " arrived'), answers = NULL WHERE id = ?1", -1, &st, NULL) ==
	    SQLITE_OK) {
		sqlite3_bind_int64(st, 1, id);
		sqlite3_bind_int64(st, 2, (sqlite3_int64)now);
		sqlite3_bind_int(st, 3, resend);
		done = sqlite3_step(st) == SQLITE_DONE;
		sqlite3_finalize(st);
	}
	if (!done) {
		*cause = xasprintf("%s: %s", ref, sqlite3_errmsg(store_db(s)));
		return (-1);
	}
	return (0);
}

/* Record what one attempt came to, in the transaction the caller opened. */
static void
post_outbox_record(struct store *s, long long id, const char *msgid,
    const char *rcpt, int r, int attempts, time_t now,
    const struct post_smtp_answer *a, struct post_outbox_stats *stats)
{
	char	*answers = json_array_size(a->refusals) > 0 ?
		    json_dumps(a->refusals, JSON_COMPACT) : NULL;

	if (r == POST_SMTP_OK && a->retry_rcpt != NULL) {
		post_outbox_set(s, id, "queued", attempts, now +
		    post_outbox_backoff(attempts), a->error, answers, now);
		post_outbox_narrow(s, id, a->retry_rcpt);
		stats->sent++;
		log_warnx("sent <%s>, but not yet to %s: %s", msgid,
		    a->retry_rcpt, a->error);
	} else if (r == POST_SMTP_OK) {
		post_outbox_set(s, id, "sent", attempts, now, a->error, answers,
		    now);
		stats->sent++;
		if (a->error != NULL)
			log_warnx("sent <%s>, refused for some: %s", msgid,
			    a->error);
		else
			log_info("sent <%s> to %s", msgid, rcpt);
	} else if (r == POST_SMTP_TEMP && attempts < POST_OUTBOX_MAX_ATTEMPTS) {
		post_outbox_set(s, id, "queued", attempts, now +
		    post_outbox_backoff(attempts), a->error, answers, 0);
		stats->retry++;
		log_warnx("<%s>: will retry: %s", msgid, a->error);
	} else {
		post_outbox_set(s, id, "failed", attempts, now, a->error,
		    answers, 0);
		stats->failed++;
		log_warnx("<%s>: failed: %s", msgid, a->error);
	}
	free(answers);
}

static void
post_outbox_send_one(struct store *s, const struct config *cf, sqlite3_stmt *row,
    time_t now, struct post_outbox_stats *stats)
{
	struct post_smtp_answer	 a;
	long long		 id = sqlite3_column_int64(row, 0);
	int			 attempts, r;
	char			*cause = NULL, *sender, *rcpt, *msgid, *raw;
	size_t			 len;

	len = (size_t)sqlite3_column_bytes(row, 3);
	attempts = sqlite3_column_int(row, 5) + 1;
	sender = xstrdup((const char *)sqlite3_column_text(row, 1));
	rcpt = xstrdup((const char *)sqlite3_column_text(row, 2));
	msgid = xstrdup((const char *)sqlite3_column_text(row, 4));
	raw = xmalloc(len + 1);

	memcpy(raw, sqlite3_column_blob(row, 3), len);
	sqlite3_reset(row);
	/* Commit "sending" first: a crash now must not mean a resend. */
	store_begin(s);
	post_outbox_set(s, id, "sending", attempts, now, NULL, NULL, 0);
	if (store_commit(s, &cause) != 0) {
		log_warnx("outbox: %s", cause);
		free(cause);
		goto out;
	}
	/* Fault injection for the hold test: die with the mail in flight. */
	if (getenv("PVBOT_FAULT") != NULL &&
	    strcmp(getenv("PVBOT_FAULT"), "mid-send") == 0)
		raise(SIGKILL);
	r = post_smtp_send(&cf->smtp, sender, rcpt, raw, len, &a);
	store_begin(s);
	post_outbox_record(s, id, msgid, rcpt, r, attempts, now, &a, stats);
	if (store_commit(s, &cause) != 0) {
		log_warnx("outbox: %s", cause);
		free(cause);
	}
	post_smtp_answer_free(&a);
out:
	free(sender);
	free(rcpt);
	free(msgid);
	free(raw);
}

void
post_outbox_deliver(struct store *s, const struct config *cf, time_t now,
    struct post_outbox_stats *stats)
{
	sqlite3_stmt	*st;
	long long	*ids = NULL;
	size_t		 n = 0, i;

	memset(stats, 0, sizeof *stats);
	post_outbox_hold_uncertain(s);
	if (sqlite3_prepare_v2(store_db(s), "SELECT id FROM outbox WHERE"
	    " state = 'queued' AND next_try <= ?1 ORDER BY id", -1, &st,
	    NULL) != SQLITE_OK)
		return;
	sqlite3_bind_int64(st, 1, (sqlite3_int64)now);
	while (sqlite3_step(st) == SQLITE_ROW) {
		ids = xreallocarray(ids, n + 1, sizeof *ids);
		ids[n++] = sqlite3_column_int64(st, 0);
	}
	sqlite3_finalize(st);
	for (i = 0; i < n; i++) {
		if (sqlite3_prepare_v2(store_db(s), "SELECT id, sender, rcpt,"
		    " raw, message_id, attempts FROM outbox WHERE id = ?1", -1,
		    &st, NULL) != SQLITE_OK)
			break;
		sqlite3_bind_int64(st, 1, ids[i]);
		if (sqlite3_step(st) == SQLITE_ROW)
			post_outbox_send_one(s, cf, st, now, stats);
		sqlite3_finalize(st);
	}
	free(ids);
	stats->held = (unsigned long)post_outbox_warn_held(s);
}
