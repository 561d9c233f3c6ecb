/*
 * Live ingestion: read a configured IMAP or NNTP source into the store
 * through import_message, one transaction per batch together with the
 * source's cursor, so that a crash or a kill at any point resumes where
 * the last commit stopped.  Shared by `pvbot poll` and the daemon.
 */
#ifndef INGEST_H
#define INGEST_H

#include "import.h"

struct config_source;
struct ingest;
struct store;

struct ingest_opts {
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
int	 ingest_open(struct store *, const struct config_source *, size_t max,
	    struct ingest ** /* OUT */, char ** /* OUT cause */);
/*
 * Store everything new, committing every cs->batch messages with the
 * cursor.  Returns FETCH_END when caught up or stopped, else FETCH_TEMP
 * or FETCH_PERM with *cause; what was read before a failure is committed.
 * Counts go into stats.
 */
int	 ingest_run(struct store *, struct ingest *, const struct ingest_opts *,
	    struct import_stats *, char ** /* OUT cause */);
/*
 * Wait for news on the open connection (IMAP IDLE): FETCH_OK with the fd
 * to poll (-1: news is there already), FETCH_END when the source cannot
 * wait, or FETCH_TEMP.  ingest_wake ends the wait before ingest_run.
 */
int	 ingest_idle(struct ingest *, int * /* OUT fd */, char **);
int	 ingest_wake(struct ingest *, char ** /* OUT cause */);
void	 ingest_close(struct ingest *);
/* The source's key in the cursors table, "imap:URL" or "nntp:URL". */
char	*ingest_key(const struct config_source *);

#endif
