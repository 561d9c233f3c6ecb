/*
 * Live ingestion: read a configured IMAP or NNTP source into the store
 * through import_message, one transaction per batch together with the
 * source's cursor, so that a crash or a kill at any point resumes where
 * the last commit stopped.  Shared by `pvbot poll` and the daemon.
 */
#ifndef POLL_SOURCE_H
#define POLL_SOURCE_H

#include "import.h"

struct config_source;
struct poll_source;
struct store;

struct poll_source_opts {
	struct import_opts	 import;	/* list comes from the source */
	int			 progress;	/* a progress line on stderr */
	/* Asked between messages: stop now (the batch is committed). */
	int			(*stop)(void);
	/* After each commit that stored new mail: where evaluation plugs in. */
	void			(*committed)(void *, const char *source,
				    unsigned long imported);
	void			*arg;
};

/*
 * Connect to source cs and resume from its stored cursor.  Returns
 * FETCH_OK, FETCH_TEMP (retry later) or FETCH_PERM with *cause.
 */
int	 poll_source_open(struct store *, const struct config_source *,
	    size_t max, struct poll_source ** /* OUT */,
	    char ** /* OUT cause */);
/*
 * Store everything new, committing every cs->batch messages with the
 * cursor.  Returns FETCH_END when caught up or stopped, else FETCH_TEMP
 * or FETCH_PERM with *cause; what was read before a failure is committed.
 * Counts go into stats.
 */
int	 poll_source_run(struct store *, struct poll_source *,
	    const struct poll_source_opts *, struct import_stats *,
	    char ** /* OUT cause */);
/*
 * Wait for news on the open connection (IMAP IDLE): FETCH_OK with the fd
 * to poll (-1: news is there already), FETCH_END when the source cannot
 * wait, or FETCH_TEMP.  poll_source_wake ends the wait before poll_source_run.
 */
int	 poll_source_idle(struct poll_source *, int * /* OUT fd */, char **);
int	 poll_source_wake(struct poll_source *, char ** /* OUT cause */);
void	 poll_source_close(struct poll_source *);
/* The source's key in the cursors table, "imap:URL" or "nntp:URL". */
char	*poll_source_key(const struct config_source *);

#endif
