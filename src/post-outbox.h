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
	unsigned long	held;	/* caught mid-send: see resolve */
};

/*
 * Queue m from sender unless it is already there or a rate limit says
 * wait.  Returns 1 queued, 0 already queued or sent, -1 held by a limit
 * (*why says which).
 */
int	post_outbox_queue(struct store *, const struct config *,
	    const struct mail *, time_t, const char ** /* OUT */);
/*
 * Send what is due at now.  Mails that were mid-send at a crash are held
 * as "uncertain", and each held mail is named in a warning every time.
 */
void	post_outbox_deliver(struct store *, const struct config *, time_t,
	    struct post_outbox_stats * /* OUT */);
/*
 * Log one warning per held mail, saying how to release it; returns how
 * many are held.
 */
int	post_outbox_warn_held(struct store *);
/*
 * The operator's word on a held mail (by row number or Message-ID): it
 * arrived (resend 0: marked sent) or it did not (resend 1: queued to go
 * now; a failed mail may be queued again too).  -1 with *cause.
 */
int	post_outbox_resolve(struct store *, const char *, int, time_t,
	    char ** /* OUT */);

#endif
