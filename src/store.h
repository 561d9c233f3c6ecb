/*
 * The SQLite store: schema, forward migrations, the writer lock and the
 * prepared statements every module shares.  SQL is only ever run through
 * bound parameters.
 */
#ifndef STORE_H
#define STORE_H

#include <sqlite3.h>

/* The schema version this build writes (PRAGMA user_version). */
#define STORE_VERSION	5

/* store_open flags */
#define STORE_CREATE	0x1	/* create the file if missing */
#define STORE_WRITE	0x2	/* take the single-writer lock */

/* Shared statements, prepared once on first use. */
enum store_sql {
	STORE_NODE_GET,
	STORE_NODE_PUT,
	STORE_THREAD_NEW,
	STORE_THREAD_SIZE,
	STORE_THREAD_MOVE,
	STORE_THREAD_MOVE_POSTINGS,
	STORE_THREAD_MOVE_TAGS,
	STORE_THREAD_MOVE_PROTOCOLS,
	STORE_THREAD_MERGE_META,
	STORE_THREAD_DELETE,
	STORE_THREAD_DELETE_TAGS,
	STORE_THREAD_DELETE_PROTOCOLS,
	STORE_THREAD_ROOT,
	STORE_THREAD_TOUCH,
	STORE_THREAD_BY_SUBJECT,
	STORE_MSG_FILL,
	STORE_RAW_PUT,
	STORE_LIST_ADD,
	STORE_CURSOR_GET,
	STORE_CURSOR_SET,
	STORE_CURSOR_DEL,
	STORE_SKIP_ADD,
	STORE_MSG_POSTING_OF,
	STORE_POSTING_NEAR,
	STORE_POSTING_NEW,
	STORE_POSTING_SET_SUBJECT,
	STORE_POSTING_SERIES_OF,
	STORE_SERIES_BY_SUBJECT,
	STORE_SERIES_BY_CHANGE_ID,
	STORE_SERIES_NEW,
	STORE_SERIES_TOUCH,
	STORE_MSG_CLASSIFY,
	STORE_TRAILERS_DEL,
	STORE_TRAILER_ADD,
	STORE_PATHS_DEL,
	STORE_PATH_ADD,
	STORE_COMMANDS_DEL,
	STORE_COMMAND_ADD,
	STORE_PROTOCOL_ADD,
	STORE_MSG_AUTHOR,
	STORE_THREAD_PATHS,
	STORE_TAG_SET,
	STORE_TAG_DEL,
	STORE_PROTOCOL_DEL_TAG,
	STORE_POSTING_WINDOW,
	STORE_THREAD_PROTOCOLS,
	STORE_MSG_SET_POSTING,
	STORE_POSTING_FIRST_PATCH,
	STORE_EVENT_ADD,
	STORE_VERDICT_GET,
	STORE_VERDICT_PUT,
	STORE_THREAD_RAW,
	STORE_MSG_SUBJECT,
	STORE_SQL_COUNT
};

struct store;

/*
 * Open (and with STORE_CREATE create) the database at path, migrating an
 * older schema forward.  Refuses a newer schema, a file that is not a
 * database, and (with STORE_WRITE) a database another pvbot is writing.
 */
int		 store_open(const char *, int, struct store ** /* OUT */,
		    char ** /* OUT cause */);
void		 store_close(struct store *);
/*
 * For bulk writes: checkpoint the WAL from a thread of its own instead
 * of inside the writer's COMMIT, so the writer never waits for fsync.
 * store_close stops it.
 */
int		 store_checkpointer_start(struct store *, char ** /* OUT */);
void		 store_checkpointer_stop(struct store *);
/* The connection, borrowed for ad-hoc queries with bound parameters. */
sqlite3		*store_db(struct store *);
/* The connection's last error, borrowed. */
const char	*store_errmsg(struct store *);
/* A shared prepared statement, reset and with its bindings cleared. */
sqlite3_stmt	*store_stmt(struct store *, enum store_sql);
/* Run a statement that returns no rows; fatal on a broken invariant. */
int		 store_step_done(struct store *, sqlite3_stmt *);
/*
 * Check the whole file (PRAGMA quick_check): 0 when sound, else -1 with
 * the first problem in *cause.  It reads every page, so only commands
 * that mean to check (init) call it.
 */
int		 store_check(struct store *, char ** /* OUT cause */);
int		 store_begin(struct store *);
int		 store_commit(struct store *, char ** /* OUT cause */);
void		 store_rollback(struct store *);
/* Read a source's cursor into a new string, or NULL if none. */
char		*store_cursor_get(struct store *, const char *);
void		 store_cursor_set(struct store *, const char *, const char *);
void		 store_cursor_del(struct store *, const char *);
/* Record a message that could not be stored, once per position. */
void		 store_skip_add(struct store *, const char *, const char *,
		    const char *);

#endif
