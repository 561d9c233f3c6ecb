/*
 * The outbox: every mail is stored (queued) before it is sent, keyed by
 * its deterministic Message-ID, so a crash or a rerun never sends a mail
 * twice; 4xx and dead servers mean retry with backoff, 5xx means failed.
 */
#ifndef POST_OUTBOX_H
#define POST_OUTBOX_H

#include <time.h>

struct config;
struct mail;
struct store;

/* Then give up: about two days of backoff. */
#define POST_OUTBOX_MAX_ATTEMPTS	12

struct post_outbox_stats {
	unsigned long	sent, retry, failed;
};

/*
 * Queue m from sender unless it is already there or a rate limit says
 * wait.  Returns 1 queued, 0 already queued or sent, -1 held by a limit
 * (*why says which).
 */
int	post_outbox_queue(struct store *, const struct config *,
	    const struct mail *, time_t, const char ** /* OUT */);
/* Send what is due at now; mails that were mid-send at a crash are held. */
void	post_outbox_deliver(struct store *, const struct config *, time_t,
	    struct post_outbox_stats * /* OUT */);

#endif
