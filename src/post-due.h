/*
 * Deciding which mails are due (summaries on verdict changes, reminders,
 * digests, subscription confirmations) and handing them to the outbox --
 * or, in a dry run, printing them as an mbox.  Used by the mail commands
 * and the daemon.
 */
#ifndef POST_DUE_H
#define POST_DUE_H

#include <time.h>

#include "post-compose.h"
#include "status.h"

struct config;
struct store;

struct post_due {
	const struct config	*cf;		/* borrowed */
	struct store		*store;		/* borrowed */
	struct status		 st;		/* the evaluation at now */
	struct post_compose	 n;
	time_t			 now;
	int			 send;
	int			 daemon;	/* log instead of printing */
	int			 how;		/* STORE_EVENTS_*: TRY, a dry run */
	unsigned long		 printed, queued, known, held;
	/* Verdicts too old for a reply (summary-max-age), and the first. */
	unsigned long		 history;
	char			*history_first;
};

/*
 * Evaluate at now, recording events as how says (STORE_EVENTS_*; a dry
 * run's TRY is rolled back by post_due_close), and load the templates.
 * send: queue and deliver, else print (a dry run).  Returns 0, or -1 with
 * *cause.
 */
int	post_due_open(struct post_due *, const struct config *, struct store *,
	    time_t, int, int, char ** /* OUT */);
void	post_due_close(struct post_due *);
void	post_due_summaries(struct post_due *);
/* Roll-ups of open proposals to the lists that ask for one. */
void	post_due_rollups(struct post_due *);
void	post_due_reminders(struct post_due *);
void	post_due_digests(struct post_due *);
/* Subscription requests that came by mail (the "requests" list). */
void	post_due_requests(struct post_due *);
/*
 * Deliver what is due (with --send) and print one summary line.  Returns
 * -1 when a mail failed for good, else 0.
 */
int	post_due_finish(struct post_due *);
/*
 * The daemon's pass: evaluate at now, then summaries, requests,
 * reminders and digests, and deliver; dry runs are logged, not printed.
 */
void	post_due_daemon_pass(const struct config *, struct store *, time_t);

#endif
