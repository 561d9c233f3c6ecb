/* The outbox table and its delivery loop. */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "config.h"
#include "datetime.h"
#include "log.h"
#include "post-mail.h"
#include "post-outbox.h"
#include "post-smtp.h"
#include "store-outbox.h"
#include "store.h"
#include "xmalloc.h"

/* Bots annoy when noisy: a global hourly limit and one per thread a day. */
static int
post_outbox_rate_ok(struct store *s, const struct config *cf,
    const struct mail *m, time_t now, const char **why)
{
	if (store_outbox_count(s, now - 3600, NULL) >= cf->rate_per_hour) {
		*why = "rate limit: rate-per-hour reached";
		return (0);
	}
	if (m->thread_root != NULL && store_outbox_count(s, now - 86400,
	    m->thread_root) >= cf->rate_per_thread_day) {
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
post_outbox_queue(struct store *s, const struct config *cf,
    const struct mail *m, time_t now, const char **why)
{
	char	*raw, *rcpt;
	int	 added;

	if (store_outbox_has(s, m->message_id))
		return (0);
	if (!post_outbox_rate_ok(s, cf, m, now, why))
		return (-1);
	raw = post_mail_format(m);
	rcpt = post_outbox_rcpt(m);
	added = store_outbox_add(s, m, cf->smtp.envelope_from != NULL ?
	    cf->smtp.envelope_from : m->from, rcpt, raw, now);
	free(raw);
	free(rcpt);
	return (added);
}

/* Backoff: one minute, doubling, at most six hours. */
static time_t
post_outbox_backoff(int attempts)
{
	long	delay = 60L << (attempts > 9 ? 9 : attempts);

	return (delay > 6 * 3600 ? 6 * 3600 : delay);
}

/* Record what one attempt came to, in the transaction the caller opened. */
static void
post_outbox_record(struct store *s, const struct store_outbox_row *row,
    int r, int attempts, time_t now, const struct post_smtp_answer *a,
    struct post_outbox_stats *stats)
{
	char	*answers = json_array_size(a->refusals) > 0 ?
		    json_dumps(a->refusals, JSON_COMPACT) : NULL;

	if (r == POST_SMTP_OK && a->retry_rcpt != NULL) {
		/* Sent to some: those refused for now get it later, alone. */
		store_outbox_set(s, row->id, "queued", attempts, now +
		    post_outbox_backoff(attempts), a->error, answers, now);
		store_outbox_narrow(s, row->id, a->retry_rcpt);
		stats->sent++;
		log_warnx("sent <%s>, but not yet to %s: %s", row->message_id,
		    a->retry_rcpt, a->error);
	} else if (r == POST_SMTP_OK) {
		store_outbox_set(s, row->id, "sent", attempts, now, a->error,
		    answers, now);
		stats->sent++;
		if (a->error != NULL)
			log_warnx("sent <%s>, refused for some: %s",
			    row->message_id, a->error);
		else
			log_info("sent <%s> to %s", row->message_id, row->rcpt);
	} else if (r == POST_SMTP_TEMP &&
	    attempts < POST_OUTBOX_MAX_ATTEMPTS) {
		store_outbox_set(s, row->id, "queued", attempts, now +
		    post_outbox_backoff(attempts), a->error, answers, 0);
		stats->retry++;
		log_warnx("<%s>: will retry: %s", row->message_id, a->error);
	} else {
		store_outbox_set(s, row->id, "failed", attempts, now, a->error,
		    answers, 0);
		stats->failed++;
		log_warnx("<%s>: failed: %s", row->message_id, a->error);
	}
	free(answers);
}

/* Send one mail; "sending" is committed first, so a crash never resends. */
static void
post_outbox_send_one(struct store *s, const struct config *cf,
    struct store_outbox_row *row, time_t now, struct post_outbox_stats *stats)
{
	struct post_smtp_answer	 a;
	int			 attempts = row->attempts + 1, r;
	char			*cause = NULL;

	store_begin(s);
	store_outbox_set(s, row->id, "sending", attempts, now, NULL, NULL, 0);
	if (store_commit(s, &cause) != 0) {
		log_warnx("outbox: %s", cause);
		free(cause);
		return;
	}
	/* Fault injection for the hold tests: die with the mail in flight. */
	if (getenv("PVBOT_FAULT") != NULL &&
	    strcmp(getenv("PVBOT_FAULT"), "mid-send") == 0)
		raise(SIGKILL);
	r = post_smtp_send(&cf->smtp, row->sender, row->rcpt, row->raw,
	    row->len, &a);
	store_begin(s);
	post_outbox_record(s, row, r, attempts, now, &a, stats);
	if (store_commit(s, &cause) != 0) {
		log_warnx("outbox: %s", cause);
		free(cause);
	}
	post_smtp_answer_free(&a);
}

static void
post_outbox_warn_one(void *arg, const struct store_outbox_held *h)
{
	char	date[32];

	(void)arg;
	datetime_format_iso(h->since, date, sizeof date);
	log_warnx("outbox: mail %lld <%s> (%s to %s) was caught mid-send at "
	    "%s and is held: 'pvbot outbox resolve %lld sent' if it arrived, "
	    "'pvbot outbox resolve %lld resend' if not", h->id, h->message_id,
	    h->kind, h->rcpt, date, h->id, h->id);
}

int
post_outbox_warn_held(struct store *s)
{
	return (store_outbox_held(s, post_outbox_warn_one, NULL));
}

int
post_outbox_resolve(struct store *s, const char *ref, int resend, time_t now,
    char **cause)
{
	char		*state = NULL;
	long long	 id;

	if ((id = store_outbox_find(s, ref, &state)) == 0) {
		*cause = xasprintf("%s: no such mail in the outbox", ref);
		return (-1);
	}
	/*
	 * Only a held mail can have gone out unseen; a failed one may go
	 * again once its cause is fixed.
	 */
	if (strcmp(state, "uncertain") != 0 && (!resend ||
	    strcmp(state, "failed") != 0)) {
		*cause = xasprintf("%s: %s, not held%s", ref, state, resend ?
		    " or failed" : "");
		free(state);
		return (-1);
	}
	free(state);
	if (store_outbox_resolve(s, id, resend, now) != 0) {
		*cause = xasprintf("%s: %s", ref, sqlite3_errmsg(store_db(s)));
		return (-1);
	}
	return (0);
}

void
post_outbox_deliver(struct store *s, const struct config *cf, time_t now,
    struct post_outbox_stats *stats)
{
	struct store_outbox_row	 row;
	long long		*ids;
	size_t			 n, i;

	memset(stats, 0, sizeof *stats);
	/*
	 * A mail left "sending" by a crash may or may not have gone out.
	 * pvbot never risks a second copy: it holds such mails for the
	 * operator.
	 */
	store_outbox_hold_uncertain(s);
	n = store_outbox_due(s, now, &ids);
	for (i = 0; i < n; i++) {
		if (store_outbox_get(s, ids[i], &row) != 0)
			continue;
		post_outbox_send_one(s, cf, &row, now, stats);
		store_outbox_row_free(&row);
	}
	free(ids);
	stats->held = (unsigned long)post_outbox_warn_held(s);
}
