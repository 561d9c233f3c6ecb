/* The outbox table and its delivery loop. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
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

/* Send one mail; "sending" is committed first, so a crash never resends. */
static void
post_outbox_send_one(struct store *s, const struct config *cf,
    struct store_outbox_row *row, time_t now, struct post_outbox_stats *stats)
{
	int	 attempts = row->attempts + 1, r;
	char	*answer = NULL, *cause = NULL;

	store_begin(s);
	store_outbox_set(s, row->id, "sending", attempts, now, NULL, 0);
	if (store_commit(s, &cause) != 0) {
		log_warnx("outbox: %s", cause);
		free(cause);
		return;
	}
	r = post_smtp_send(&cf->smtp, row->sender, row->rcpt, row->raw,
	    row->len, &answer);
	store_begin(s);
	if (r == POST_SMTP_OK) {
		store_outbox_set(s, row->id, "sent", attempts, now, NULL, now);
		stats->sent++;
		log_info("sent <%s> to %s", row->message_id, row->rcpt);
	} else if (r == POST_SMTP_TEMP &&
	    attempts < POST_OUTBOX_MAX_ATTEMPTS) {
		store_outbox_set(s, row->id, "queued", attempts, now +
		    post_outbox_backoff(attempts), answer, 0);
		stats->retry++;
		log_warnx("<%s>: will retry: %s", row->message_id, answer);
	} else {
		store_outbox_set(s, row->id, "failed", attempts, now, answer,
		    0);
		stats->failed++;
		log_warnx("<%s>: failed: %s", row->message_id, answer);
	}
	if (store_commit(s, &cause) != 0) {
		log_warnx("outbox: %s", cause);
		free(cause);
	}
	free(answer);
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
}
