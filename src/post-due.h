/*
 * Deciding which mails are due (summaries on verdict changes, reminders,
 * digests, subscription confirmations) and handing them to the outbox --
 * or, in a dry run, printing them as an mbox.  Used by the mail commands
 * and the daemon.
 */
#ifndef POST_DUE_H
#define POST_DUE_H

#include <time.h>

#include "cli.h"
#include "post-compose.h"
#include "store-consensus.h"

struct policy;

struct post_due {
	struct pvbot	*bot;
	struct cmd_env	 env;
	struct policy	*pol;
	struct view	 v;
	struct post_compose	 n;
	time_t		 now;
	int		 send;
	int		 daemon;	/* log instead of printing */
	int		 how;		/* VIEW_EVENTS_*: TRY in a dry run */
	unsigned long	 printed, queued, known, held;
};

/*
 * Evaluate at now, recording events as how says (VIEW_EVENTS_*; a dry
 * run's TRY is rolled back by post_due_close), and load the templates.
 */
int	post_due_open(struct post_due *, struct pvbot *, time_t, int, int);
void	post_due_close(struct post_due *);
void	post_due_summaries(struct post_due *);
/* Roll-ups of open proposals to the lists that ask for one. */
void	post_due_rollups(struct post_due *);
void	post_due_reminders(struct post_due *);
void	post_due_digests(struct post_due *);
/* Subscription requests that came by mail (the "requests" list). */
void	post_due_requests(struct post_due *);
/* Deliver what is due (with --send) and print one summary line. */
int	post_due_finish(struct post_due *);
/*
 * The daemon's pass: evaluate at now, then summaries, requests,
 * reminders and digests, and deliver; dry runs are logged, not printed.
 */
void	post_due_daemon_pass(struct pvbot *, time_t);
/* The operator's subscribe/unsubscribe: active at once. */
int	post_due_subscribe(struct store *, const char *, int, const char *,
	    const char *, time_t);

#endif
