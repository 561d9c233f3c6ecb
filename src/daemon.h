/*
 * The daemon loop behind `pvbot run` (and `pvbot poll` without --once):
 * every configured source kept fresh, with IMAP IDLE where the server
 * offers it and polling on each source's interval otherwise, reconnecting
 * with exponential backoff and jitter.  SIGTERM and SIGINT commit what
 * was read and stop; SIGHUP reloads the configuration.  This file owns
 * the loop, the signals, the timers and the backoff; the work is done by
 * poll_source_*() and, later, by whatever plugs into the hooks below.
 */
#ifndef DAEMON_H
#define DAEMON_H

#include <time.h>

struct pvbot;

#define DAEMON_HOOKS	0x1	/* call the hooks: pvbot run, not poll */

/*
 * Run until SIGTERM or SIGINT over every source, or the one named.
 * Returns 0 after a signal, -1 when it cannot start (said on stderr or in
 * the log).
 */
int	daemon_run(struct pvbot *, const char * /* only, or NULL */, int flags);

/*
 * Catch SIGTERM, SIGINT (stop) and SIGHUP (reload), and ignore SIGPIPE.
 * The handlers interrupt a blocking network read, so that a stop request
 * takes effect at once; what was read before it is committed.
 */
void	daemon_signals(void);
/* Whether SIGTERM or SIGINT arrived. */
int	daemon_stopping(void);

/*
 * Hooks for evaluating and posting (not implemented yet): called after
 * each committed batch that stored new mail, and every DAEMON_TICK
 * seconds for timed work (reminders, digests, outbox retries).
 */
#define DAEMON_TICK	60
void	daemon_hook_batch(struct pvbot *, const char *source,
	    unsigned long imported);
void	daemon_hook_timer(struct pvbot *, time_t now);

#endif
