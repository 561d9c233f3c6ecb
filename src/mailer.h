/*
 * Deciding which mails are due (summaries on verdict changes, reminders,
 * digests, subscription confirmations) and handing them to the outbox --
 * or, in a dry run, printing them as an mbox.  Used by the mail commands
 * and the daemon.
 */
#ifndef MAILER_H
#define MAILER_H

#include <time.h>

#include "cli.h"
#include "notify.h"
#include "store-consensus.h"

struct policy;

struct mailer {
	struct pvbot	*bot;
	struct cmd_env	 env;
	struct policy	*pol;
	struct view	 v;
	struct notify	 n;
	time_t		 now;
	int		 send;
	int		 daemon;	/* log instead of printing */
	unsigned long	 printed, queued, known, held;
};

/* Evaluate at now (recording events) and load the templates. */
int	mailer_open(struct mailer *, struct pvbot *, time_t, int);
void	mailer_close(struct mailer *);
void	mailer_summaries(struct mailer *);
/* Roll-ups of open proposals to the lists that ask for one. */
void	mailer_rollups(struct mailer *);
void	mailer_reminders(struct mailer *);
void	mailer_digests(struct mailer *);
/* Subscription requests that came by mail (the "requests" list). */
void	mailer_requests(struct mailer *);
/* Deliver what is due (with --send) and print one summary line. */
int	mailer_finish(struct mailer *);
/*
 * The daemon's pass: evaluate at now, then summaries, requests,
 * reminders and digests, and deliver; dry runs are logged, not printed.
 */
void	mailer_daemon_pass(struct pvbot *, time_t);
/* The operator's subscribe/unsubscribe: active at once. */
int	mailer_subscribe(struct store *, const char *, int, const char *,
	    const char *, time_t);

#endif
