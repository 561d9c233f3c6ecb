/* SQLite store: schema, migrations, lock, shared statements. */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "log.h"
#include "store.h"
#include "xmalloc.h"

/*
 * The background checkpointer (see store_checkpointer_start): a thread
 * with its own connection that copies the WAL into the database, so the
 * writer never waits for the disk to sync.
 */
struct store_ckpt {
	pthread_t	 thread;
	pthread_mutex_t	 lock;
	pthread_cond_t	 wake;
	sqlite3		*db;
	int		 stop, pending;
};

struct store {
	sqlite3			*db;
	char			*path;
	int			 lockfd;
	sqlite3_stmt		*stmts[STORE_SQL_COUNT];
	struct store_ckpt	*ckpt;
};

/*
 * The WAL may hold this many pages (64 KiB each) before the writer stops
 * and checkpoints itself: a disk slower than the import bounds the WAL.
 */
#define STORE_WAL_MAX_FRAMES	4096

/*
 * Forward migrations: store_migrations[N] takes a database from version N
 * to N + 1.  Never edit a shipped entry; append a new one.
 */
static const char *store_migrations[] = {
	/* 0 -> 1: messages, threads, series, sources. */
	"CREATE TABLE messages ("
	"  id INTEGER PRIMARY KEY,"
	"  message_id TEXT NOT NULL UNIQUE,"
	"  parent TEXT,"
	"  thread INTEGER NOT NULL,"
	"  present INTEGER NOT NULL DEFAULT 0,"
	"  date INTEGER,"
	"  date_source INTEGER,"
	"  from_name TEXT,"
	"  from_email TEXT,"
	"  subject TEXT,"
	"  norm_subject TEXT,"
	"  in_reply_to TEXT,"
	"  s_flags INTEGER NOT NULL DEFAULT 0,"
	"  s_version INTEGER,"
	"  s_part INTEGER,"
	"  s_total INTEGER,"
	"  s_prefix TEXT,"
	"  posting INTEGER,"
	"  kind TEXT NOT NULL DEFAULT 'other',"
	"  flags INTEGER NOT NULL DEFAULT 0,"
	"  size INTEGER,"
	"  auto INTEGER NOT NULL DEFAULT 0,"
	"  c_flags INTEGER NOT NULL DEFAULT 0,"
	"  vote INTEGER,"
	"  window INTEGER);"
	"CREATE INDEX messages_thread ON messages(thread);"
	"CREATE INDEX messages_posting ON messages(posting)"
	"  WHERE posting IS NOT NULL;"
	"CREATE TABLE raw (id INTEGER PRIMARY KEY, bytes BLOB NOT NULL);"
	"CREATE TABLE message_lists (message INTEGER NOT NULL,"
	"  list TEXT NOT NULL, PRIMARY KEY (message, list)) WITHOUT ROWID;"
	"CREATE TABLE threads (id INTEGER PRIMARY KEY, root TEXT,"
	"  subject TEXT, first_date INTEGER, last_date INTEGER);"
	"CREATE INDEX threads_subject ON threads(subject, last_date);"
	"CREATE TABLE series (id INTEGER PRIMARY KEY, author TEXT NOT NULL,"
	"  subject TEXT NOT NULL, change_id TEXT, first_date INTEGER,"
	"  last_date INTEGER);"
	"CREATE INDEX series_author ON series(author, subject, last_date);"
	"CREATE INDEX series_change_id ON series(change_id)"
	"  WHERE change_id IS NOT NULL;"
	"CREATE TABLE postings (id INTEGER PRIMARY KEY,"
	"  series INTEGER NOT NULL, author TEXT NOT NULL,"
	"  version INTEGER NOT NULL, total INTEGER NOT NULL,"
	"  flags INTEGER NOT NULL, subject TEXT NOT NULL, cover TEXT,"
	"  first_date INTEGER NOT NULL, thread INTEGER NOT NULL);"
	"CREATE INDEX postings_author ON postings(author, version, total,"
	"  first_date);"
	"CREATE INDEX postings_series ON postings(series);"
	"CREATE TABLE thread_tags (thread INTEGER NOT NULL, tag TEXT NOT NULL,"
	"  by_email TEXT, message_id TEXT, at INTEGER,"
	"  PRIMARY KEY (thread, tag)) WITHOUT ROWID;"
	"CREATE TABLE trailers (message INTEGER NOT NULL, seq INTEGER NOT NULL,"
	"  tag TEXT NOT NULL, name TEXT, email TEXT, area TEXT,"
	"  mismatch INTEGER NOT NULL, PRIMARY KEY (message, seq))"
	"  WITHOUT ROWID;"
	"CREATE INDEX trailers_email ON trailers(email);"
	"CREATE TABLE message_paths (message INTEGER NOT NULL,"
	"  path TEXT NOT NULL, PRIMARY KEY (message, path)) WITHOUT ROWID;"
	"CREATE TABLE commands (message INTEGER NOT NULL, seq INTEGER NOT NULL,"
	"  verb TEXT NOT NULL, args TEXT NOT NULL, status TEXT NOT NULL,"
	"  reason TEXT, PRIMARY KEY (message, seq)) WITHOUT ROWID;"
	"CREATE TABLE thread_protocols (thread INTEGER NOT NULL,"
	"  protocol TEXT NOT NULL, source TEXT NOT NULL,"
	"  PRIMARY KEY (thread, protocol)) WITHOUT ROWID;"
	"CREATE INDEX thread_protocols_protocol ON thread_protocols(protocol);"
	"CREATE TABLE protocol_stages (name TEXT PRIMARY KEY,"
	"  stage TEXT NOT NULL, since INTEGER, by_email TEXT, reason TEXT);"
	"CREATE TABLE protocol_history (name TEXT NOT NULL, stage TEXT NOT NULL,"
	"  at INTEGER, by_email TEXT, reason TEXT, message_id TEXT);"
	"CREATE TABLE verdicts (root TEXT NOT NULL, version INTEGER NOT NULL,"
	"  verdict TEXT NOT NULL, at INTEGER NOT NULL,"
	"  PRIMARY KEY (root, version)) WITHOUT ROWID;"
	"CREATE TABLE events (id INTEGER PRIMARY KEY, key TEXT NOT NULL UNIQUE,"
	"  at INTEGER NOT NULL, kind TEXT NOT NULL, subject TEXT,"
	"  detail TEXT);"
	"CREATE TABLE outbox (id INTEGER PRIMARY KEY,"
	"  message_id TEXT NOT NULL UNIQUE, key TEXT NOT NULL,"
	"  kind TEXT NOT NULL, thread_root TEXT, sender TEXT NOT NULL,"
	"  rcpt TEXT NOT NULL, raw BLOB NOT NULL, state TEXT NOT NULL,"
	"  attempts INTEGER NOT NULL DEFAULT 0, next_try INTEGER NOT NULL,"
	"  last_error TEXT, created INTEGER NOT NULL, sent_at INTEGER);"
	"CREATE INDEX outbox_state ON outbox(state, next_try);"
	"CREATE TABLE event_mails (event INTEGER NOT NULL,"
	"  message_id TEXT NOT NULL, PRIMARY KEY (event, message_id))"
	"  WITHOUT ROWID;"
	"CREATE TABLE subscribers (email TEXT PRIMARY KEY, filters TEXT,"
	"  period TEXT NOT NULL, state TEXT NOT NULL, token TEXT,"
	"  expires INTEGER, created INTEGER NOT NULL, last_digest INTEGER);"
	"CREATE TABLE requests (message INTEGER PRIMARY KEY,"
	"  verb TEXT, result TEXT);"
	"CREATE TABLE cursors (source TEXT PRIMARY KEY, value TEXT NOT NULL);"
	"CREATE TABLE skipped (source TEXT NOT NULL, position TEXT NOT NULL,"
	"  reason TEXT NOT NULL, PRIMARY KEY (source, position))"
	"  WITHOUT ROWID;",
	/*
	 * 1 -> 2: the evaluation cache (store-evalcache.c).  Triggers stamp
	 * every thread whose facts change with the current epoch, so that no
	 * code path, present or future, can change a thread unnoticed.
	 */
	"ALTER TABLE threads ADD COLUMN gen INTEGER NOT NULL DEFAULT 0;"
	"CREATE TABLE eval_state (id INTEGER PRIMARY KEY CHECK (id = 1),"
	"  epoch INTEGER NOT NULL, seen INTEGER NOT NULL, config TEXT,"
	"  at INTEGER, horizon INTEGER);"
	"INSERT INTO eval_state (id, epoch, seen) VALUES (1, 1, 0);"
	"CREATE TABLE eval_cache (root TEXT NOT NULL,"
	"  version INTEGER NOT NULL, shape TEXT NOT NULL,"
	"  epoch INTEGER NOT NULL, at INTEGER NOT NULL,"
	"  horizon INTEGER NOT NULL, facts BLOB NOT NULL,"
	"  PRIMARY KEY (root, version, shape)) WITHOUT ROWID;"
#define STORE_STAMP(id)							\
	"UPDATE threads SET gen = (SELECT epoch FROM eval_state)"	\
	" WHERE id = " id " AND gen <> (SELECT epoch FROM eval_state);"
	"CREATE TRIGGER gen_msg_ins AFTER INSERT ON messages BEGIN "
	STORE_STAMP("NEW.thread") "END;"
	"CREATE TRIGGER gen_msg_upd AFTER UPDATE ON messages BEGIN "
	STORE_STAMP("NEW.thread") "END;"
	"CREATE TRIGGER gen_msg_move AFTER UPDATE OF thread ON messages"
	"  WHEN OLD.thread <> NEW.thread BEGIN "
	STORE_STAMP("OLD.thread") "END;"
	"CREATE TRIGGER gen_msg_del AFTER DELETE ON messages BEGIN "
	STORE_STAMP("OLD.thread") "END;"
	/* A posting's subject and window come from all of its mail. */
	"CREATE TRIGGER gen_msg_post_ins AFTER INSERT ON messages"
	"  WHEN NEW.posting IS NOT NULL BEGIN "
	STORE_STAMP("(SELECT thread FROM postings WHERE id = NEW.posting)")
	"END;"
	"CREATE TRIGGER gen_msg_post_upd AFTER UPDATE ON messages"
	"  WHEN NEW.posting IS NOT NULL BEGIN "
	STORE_STAMP("(SELECT thread FROM postings WHERE id = NEW.posting)")
	"END;"
	"CREATE TRIGGER gen_msg_post_move AFTER UPDATE OF posting ON messages"
	"  WHEN OLD.posting IS NOT NULL AND OLD.posting IS NOT NEW.posting"
	"  BEGIN "
	STORE_STAMP("(SELECT thread FROM postings WHERE id = OLD.posting)")
	"END;"
	"CREATE TRIGGER gen_path_ins AFTER INSERT ON message_paths BEGIN "
	STORE_STAMP("(SELECT thread FROM messages WHERE id = NEW.message)")
	"END;"
	"CREATE TRIGGER gen_path_del AFTER DELETE ON message_paths BEGIN "
	STORE_STAMP("(SELECT thread FROM messages WHERE id = OLD.message)")
	"END;"
	"CREATE TRIGGER gen_list_ins AFTER INSERT ON message_lists BEGIN "
	STORE_STAMP("(SELECT thread FROM messages WHERE id = NEW.message)")
	"END;"
	"CREATE TRIGGER gen_list_del AFTER DELETE ON message_lists BEGIN "
	STORE_STAMP("(SELECT thread FROM messages WHERE id = OLD.message)")
	"END;"
	"CREATE TRIGGER gen_proto_ins AFTER INSERT ON thread_protocols BEGIN "
	STORE_STAMP("NEW.thread") "END;"
	"CREATE TRIGGER gen_proto_upd AFTER UPDATE ON thread_protocols BEGIN "
	STORE_STAMP("OLD.thread") STORE_STAMP("NEW.thread") "END;"
	"CREATE TRIGGER gen_proto_del AFTER DELETE ON thread_protocols BEGIN "
	STORE_STAMP("OLD.thread") "END;"
	"CREATE TRIGGER gen_post_ins AFTER INSERT ON postings BEGIN "
	STORE_STAMP("NEW.thread") "END;"
	"CREATE TRIGGER gen_post_upd AFTER UPDATE ON postings BEGIN "
	STORE_STAMP("OLD.thread") STORE_STAMP("NEW.thread") "END;"
	"CREATE TRIGGER gen_post_del AFTER DELETE ON postings BEGIN "
	STORE_STAMP("OLD.thread") "END;"
	"CREATE TRIGGER gen_root AFTER UPDATE OF root ON threads BEGIN "
	STORE_STAMP("NEW.id") "END;",
	/*
	 * 2 -> 3: git sources (store-commits.c): the commits read, the
	 * branches they are on, the Message-IDs they name, the patch-ids
	 * of posted patches, and which commit applied which patch.  A
	 * match made or undone changes its proposal's verdict: it stamps
	 * the thread like any other fact.
	 */
	"CREATE TABLE commits (id INTEGER PRIMARY KEY, source TEXT NOT NULL,"
	"  oid TEXT NOT NULL, author_name TEXT, author_email TEXT,"
	"  author_date INTEGER, commit_date INTEGER NOT NULL, subject TEXT,"
	"  norm_subject TEXT, patch_id TEXT, merge INTEGER NOT NULL,"
	"  UNIQUE (source, oid));"
	"CREATE INDEX commits_patch_id ON commits(patch_id)"
	"  WHERE patch_id IS NOT NULL;"
	"CREATE INDEX commits_subject ON commits(author_email, norm_subject);"
	"CREATE INDEX commits_date ON commits(source, commit_date);"
	"CREATE TABLE commit_branches (commit_id INTEGER NOT NULL,"
	"  branch TEXT NOT NULL, PRIMARY KEY (commit_id, branch))"
	"  WITHOUT ROWID;"
	"CREATE TABLE commit_links (msgid TEXT NOT NULL,"
	"  commit_id INTEGER NOT NULL, PRIMARY KEY (msgid, commit_id))"
	"  WITHOUT ROWID;"
	"CREATE INDEX commit_links_commit ON commit_links(commit_id);"
	"CREATE TABLE patches (message INTEGER PRIMARY KEY,"
	"  patch_id TEXT NOT NULL, email TEXT, norm_subject TEXT,"
	"  date INTEGER NOT NULL);"
	"CREATE INDEX patches_patch_id ON patches(patch_id);"
	"CREATE INDEX patches_subject ON patches(email, norm_subject);"
	"CREATE TABLE commit_matches (message INTEGER NOT NULL,"
	"  commit_id INTEGER NOT NULL, how TEXT NOT NULL,"
	"  PRIMARY KEY (message, commit_id)) WITHOUT ROWID;"
	"CREATE INDEX commit_matches_commit ON commit_matches(commit_id);"
	"CREATE TABLE git_state (source TEXT PRIMARY KEY,"
	"  scanned INTEGER NOT NULL, patchid_from INTEGER);"
	"CREATE TRIGGER gen_match_ins AFTER INSERT ON commit_matches BEGIN "
	STORE_STAMP("(SELECT thread FROM messages WHERE id = NEW.message)")
	"END;"
	"CREATE TRIGGER gen_match_del AFTER DELETE ON commit_matches BEGIN "
	STORE_STAMP("(SELECT thread FROM messages WHERE id = OLD.message)")
	"END;"
	"CREATE TRIGGER gen_patch_ins AFTER INSERT ON patches BEGIN "
	STORE_STAMP("(SELECT thread FROM messages WHERE id = NEW.message)")
	"END;"
	/* Cached results now carry what commits did: read them afresh. */
	"DELETE FROM eval_cache;",
	/*
	 * 3 -> 4: the server's own replies to a mail (post-smtp.h): each
	 * refusal with the command it answered, code, enhanced status and
	 * text, as a JSON array.
	 */
	"ALTER TABLE outbox ADD COLUMN answers TEXT;",
	/*
	 * 4 -> 5: the newest evaluation whose events were kept.  The log
	 * only moves forward: an evaluation before it keeps nothing, so
	 * that exploring the past with --now never changes what is posted.
	 */
	"ALTER TABLE eval_state ADD COLUMN kept INTEGER;"
	"UPDATE eval_state SET kept = (SELECT max(at) FROM events"
	"  WHERE kind IN ('verdict', 'stale', 'reminder'));",
#undef STORE_STAMP
};

static const char *store_sql_text[STORE_SQL_COUNT] = {
	[STORE_NODE_GET] =
	    "SELECT parent, thread, present FROM messages"
	    " WHERE message_id = ?1",
	[STORE_NODE_PUT] =
	    "INSERT INTO messages (message_id, parent, thread, present)"
	    " VALUES (?1, ?2, ?3, ?4) ON CONFLICT (message_id) DO UPDATE"
	    " SET parent = ?2, thread = ?3, present = ?4",
	[STORE_THREAD_NEW] = "INSERT INTO threads DEFAULT VALUES",
	[STORE_THREAD_SIZE] = "SELECT count(*) FROM messages WHERE thread = ?1",
	[STORE_THREAD_MOVE] = "UPDATE messages SET thread = ?2 WHERE thread = ?1",
	[STORE_THREAD_MOVE_POSTINGS] =
	    "UPDATE postings SET thread = ?2 WHERE thread = ?1",
	[STORE_THREAD_MOVE_TAGS] =
	    "UPDATE OR IGNORE thread_tags SET thread = ?2 WHERE thread = ?1",
	[STORE_THREAD_MOVE_PROTOCOLS] =
	    "UPDATE OR IGNORE thread_protocols SET thread = ?2"
	    " WHERE thread = ?1",
	[STORE_THREAD_MERGE_META] =
	    "UPDATE threads SET"
	    " first_date = min(coalesce(first_date, 1e18), coalesce("
	    "  (SELECT first_date FROM threads WHERE id = ?1), 1e18)),"
	    " last_date = max(coalesce(last_date, 0), coalesce("
	    "  (SELECT last_date FROM threads WHERE id = ?1), 0)),"
	    " subject = coalesce(subject,"
	    "  (SELECT subject FROM threads WHERE id = ?1))"
	    " WHERE id = ?2",
	[STORE_THREAD_DELETE] = "DELETE FROM threads WHERE id = ?1",
	[STORE_THREAD_DELETE_TAGS] = "DELETE FROM thread_tags WHERE thread = ?1",
	[STORE_THREAD_DELETE_PROTOCOLS] =
	    "DELETE FROM thread_protocols WHERE thread = ?1",
	[STORE_THREAD_ROOT] = "UPDATE threads SET root = ?2 WHERE id = ?1",
	[STORE_THREAD_TOUCH] =
	    "UPDATE threads SET subject = coalesce(subject, ?2),"
	    " first_date = min(coalesce(first_date, ?3), ?3),"
	    " last_date = max(coalesce(last_date, ?3), ?3) WHERE id = ?1",
	[STORE_THREAD_BY_SUBJECT] =
	    "SELECT root FROM threads WHERE subject = ?1 AND last_date >= ?2"
	    " AND root IS NOT NULL ORDER BY last_date DESC LIMIT 1",
	[STORE_MSG_FILL] =
	    "UPDATE messages SET date = ?2, date_source = ?3, from_name = ?4,"
	    " from_email = ?5, subject = ?6, norm_subject = ?7,"
	    " in_reply_to = ?8, s_flags = ?9, s_version = ?10, s_part = ?11,"
	    " s_total = ?12, s_prefix = ?13, flags = ?14, size = ?15,"
	    " auto = ?16, kind = coalesce(?17, kind),"
	    " c_flags = coalesce(?18, c_flags), vote = coalesce(?19, vote),"
	    " window = coalesce(?20, window) WHERE message_id = ?1 RETURNING id",
	[STORE_RAW_PUT] = "INSERT OR REPLACE INTO raw (id, bytes) VALUES (?1, ?2)",
	[STORE_LIST_ADD] =
	    "INSERT OR IGNORE INTO message_lists (message, list)"
	    " SELECT id, ?2 FROM messages WHERE message_id = ?1",
	[STORE_CURSOR_GET] = "SELECT value FROM cursors WHERE source = ?1",
	[STORE_CURSOR_SET] =
	    "INSERT INTO cursors (source, value) VALUES (?1, ?2)"
	    " ON CONFLICT (source) DO UPDATE SET value = ?2",
	[STORE_CURSOR_DEL] = "DELETE FROM cursors WHERE source = ?1",
	[STORE_SKIP_ADD] =
	    "INSERT OR IGNORE INTO skipped (source, position, reason)"
	    " VALUES (?1, ?2, ?3)",
	[STORE_MSG_POSTING_OF] =
	    "SELECT posting, from_email, s_version, s_total FROM messages"
	    " WHERE message_id = ?1 AND posting IS NOT NULL",
	/* One message per part: a second 2/4 is another posting's. */
	[STORE_POSTING_NEAR] =
	    "SELECT id FROM postings WHERE author = ?1 AND version = ?2"
	    " AND total = ?3 AND first_date BETWEEN ?4 - ?5 AND ?4 + ?5"
	    " AND NOT EXISTS (SELECT 1 FROM messages m WHERE"
	    " m.posting = postings.id AND m.s_part = ?6)"
	    " ORDER BY abs(first_date - ?4), id LIMIT 1",
	[STORE_POSTING_NEW] =
	    "INSERT INTO postings (series, author, version, total, flags,"
	    " subject, cover, first_date, thread)"
	    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
	[STORE_POSTING_SET_SUBJECT] =
	    "UPDATE postings SET subject = ?2, cover = coalesce(?3, cover),"
	    " first_date = min(first_date, ?4) WHERE id = ?1",
	[STORE_POSTING_SERIES_OF] =
	    "SELECT p.series FROM messages m JOIN postings p"
	    " ON p.id = m.posting WHERE m.message_id = ?1 AND p.author = ?2",
	[STORE_SERIES_BY_SUBJECT] =
	    "SELECT id FROM series WHERE author = ?1 AND subject = ?2"
	    " AND last_date >= ?3 ORDER BY last_date DESC LIMIT 1",
	[STORE_SERIES_BY_CHANGE_ID] =
	    "SELECT id FROM series WHERE change_id = ?1 LIMIT 1",
	[STORE_SERIES_NEW] =
	    "INSERT INTO series (author, subject, change_id, first_date,"
	    " last_date) VALUES (?1, ?2, ?3, ?4, ?4)",
	[STORE_SERIES_TOUCH] =
	    "UPDATE series SET last_date = max(last_date, ?2),"
	    " change_id = coalesce(change_id, ?3) WHERE id = ?1",
	[STORE_MSG_CLASSIFY] =
	    "UPDATE messages SET kind = ?2, c_flags = ?3, vote = ?4,"
	    " window = ?5 WHERE id = ?1",
	[STORE_TRAILERS_DEL] = "DELETE FROM trailers WHERE message = ?1",
	[STORE_TRAILER_ADD] =
	    "INSERT INTO trailers (message, seq, tag, name, email, area,"
	    " mismatch) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
	[STORE_PATHS_DEL] = "DELETE FROM message_paths WHERE message = ?1",
	[STORE_PATH_ADD] =
	    "INSERT OR IGNORE INTO message_paths (message, path) VALUES (?1, ?2)",
	[STORE_COMMANDS_DEL] = "DELETE FROM commands WHERE message = ?1",
	[STORE_COMMAND_ADD] =
	    "INSERT INTO commands (message, seq, verb, args, status, reason)"
	    " VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
	[STORE_PROTOCOL_ADD] =
	    "INSERT OR IGNORE INTO thread_protocols (thread, protocol, source)"
	    " VALUES (?1, ?2, ?3)",
	[STORE_MSG_AUTHOR] =
	    "SELECT from_email, posting IS NOT NULL,"
	    " kind IN ('patch', 'cover', 'design'), from_name FROM messages"
	    " WHERE message_id = ?1 AND present",
	[STORE_THREAD_PATHS] =
	    "SELECT DISTINCT p.path FROM message_paths p JOIN messages m"
	    " ON m.id = p.message WHERE m.thread = ?1 ORDER BY p.path",
	[STORE_TAG_SET] =
	    "INSERT OR REPLACE INTO thread_tags (thread, tag, by_email,"
	    " message_id, at) VALUES (?1, ?2, ?3, ?4, ?5)",
	[STORE_TAG_DEL] = "DELETE FROM thread_tags WHERE thread = ?1 AND tag = ?2",
	[STORE_PROTOCOL_DEL_TAG] =
	    "DELETE FROM thread_protocols WHERE thread = ?1 AND protocol = ?2"
	    " AND source = 'tag'",
	[STORE_POSTING_WINDOW] =
	    "SELECT max(window) FROM messages WHERE posting = ?1",
	[STORE_THREAD_PROTOCOLS] =
	    "SELECT protocol FROM thread_protocols WHERE thread = ?1"
	    " ORDER BY protocol",
	[STORE_MSG_SET_POSTING] =
	    "UPDATE messages SET posting = ?2 WHERE message_id = ?1",
	[STORE_POSTING_FIRST_PATCH] =
	    "UPDATE postings SET subject = ?2 WHERE id = ?1 AND cover IS NULL",
	/* Once per proposal on every evaluation: prepared once. */
	[STORE_EVENT_ADD] =
	    "INSERT OR IGNORE INTO events (key, at, kind, subject, detail)"
	    " VALUES (?1, ?2, ?3, ?4, ?5)",
	[STORE_VERDICT_GET] =
	    "SELECT verdict FROM verdicts WHERE root = ?1 AND version = ?2",
	[STORE_VERDICT_PUT] =
	    "INSERT OR REPLACE INTO verdicts (root, version, verdict, at)"
	    " VALUES (?1, ?2, ?3, ?4)",
	[STORE_THREAD_RAW] =
	    "SELECT m.id, r.bytes FROM messages m JOIN raw r ON r.id = m.id"
	    " WHERE m.thread = ?1 AND m.present AND m.message_id <> ?2"
	    " ORDER BY m.id",
	/* Once per message of every proposal page. */
	[STORE_MSG_SUBJECT] =
	    "SELECT subject FROM messages WHERE message_id = ?1",
};

/* The database in use, for store_log (a process opens one at a time). */
static char	*store_log_path;
static int	 store_log_quiet;	/* store_check wants the rows instead */

/*
 * SQLite logs corruption wherever it finds it, also inside a query loop
 * that would read the error as "no more rows" and print a partial answer
 * with exit 0.  There is nothing safe to do on a corrupt file: stop.
 */
static void
store_log(void *arg, int code, const char *msg)
{
	(void)arg;
	if ((code & 0xff) == SQLITE_CORRUPT && !store_log_quiet)
		fatalx("%s: database is corrupt (%s); restore it from a "
		    "backup ('pvbot init' checks the whole file)",
		    store_log_path != NULL ? store_log_path : "database", msg);
}

/*
 * The reason for a failed call as "PATH: why".  A corrupt file says so in
 * words an operator can act on, whichever statement happened to find it.
 */
static char *
store_why(struct store *s, int rc, const char *err)
{
	if (err == NULL)
		err = sqlite3_errmsg(s->db);
	if (rc == SQLITE_NOTADB)
		return (xasprintf("%s: not a pvbot database, or corrupt (%s)",
		    s->path, err));
	if (rc == SQLITE_CORRUPT)
		return (xasprintf("%s: database is corrupt (%s); restore it "
		    "from a backup ('pvbot init' checks the whole file)",
		    s->path, err));
	if (rc == SQLITE_FULL)
		return (xasprintf("%s: %s; nothing of the current batch was "
		    "stored: free some space and run again", s->path, err));
	return (xasprintf("%s: %s", s->path, err));
}

static int
store_exec(struct store *s, const char *sql, char **cause)
{
	char	*err = NULL;
	int	 rc;

	if ((rc = sqlite3_exec(s->db, sql, NULL, NULL, &err)) != SQLITE_OK) {
		*cause = store_why(s, rc, err);
		sqlite3_free(err);
		return (-1);
	}
	return (0);
}

static int
store_user_version(struct store *s, int *version, char **cause)
{
	sqlite3_stmt	*st;
	int		 rc;

	rc = sqlite3_prepare_v2(s->db, "PRAGMA user_version", -1, &st, NULL);
	if (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		*version = sqlite3_column_int(st, 0);
		sqlite3_finalize(st);
		return (0);
	}
	sqlite3_finalize(st);
	*cause = store_why(s, rc, NULL);
	return (-1);
}

/* A file that is not SQLite fails here, before any pragma can hide why. */
static int
store_check_header(struct store *s, char **cause)
{
	sqlite3_stmt	*st;
	int		 rc;

	rc = sqlite3_prepare_v2(s->db, "SELECT count(*) FROM sqlite_master",
	    -1, &st, NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc == SQLITE_ROW || rc == SQLITE_DONE)
		return (0);
	if (rc == SQLITE_NOTADB || rc == SQLITE_CORRUPT)
		*cause = xasprintf("%s: not a pvbot database, or corrupt",
		    s->path);
	else
		*cause = xasprintf("%s: %s", s->path, sqlite3_errmsg(s->db));
	return (-1);
}

/* PRAGMA takes no parameters; the value is ours and an integer. */
static int
store_set_version(struct store *s, int version, char **cause)
{
	char	sql[64];

	snprintf(sql, sizeof sql, "PRAGMA user_version = %d", version);
	return (store_exec(s, sql, cause));
}

static int
store_migrate(struct store *s, char **cause)
{
	int	version, target = (int)(sizeof store_migrations /
		    sizeof store_migrations[0]);

	if (store_user_version(s, &version, cause) != 0)
		return (-1);
	if (version > target) {
		*cause = xasprintf("%s: schema version %d is newer than this "
		    "pvbot (%d); upgrade pvbot", s->path, version, target);
		return (-1);
	}
	for (; version < target; version++) {
		if (store_exec(s, "BEGIN", cause) != 0)
			return (-1);
		if (store_exec(s, store_migrations[version], cause) != 0 ||
		    store_set_version(s, version + 1, cause) != 0 ||
		    store_exec(s, "COMMIT", cause) != 0) {
			sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
			return (-1);
		}
		log_debug(LOG_DEBUG_STORE, "%s: migrated to schema %d",
		    s->path, version + 1);
	}
	return (0);
}

/*
 * SQLite needs to write the file and, for its WAL and lock files, the
 * directory, even to read; without this check a read-only database only
 * says "attempt to write a readonly database" halfway through a command.
 */
static int
store_writable(const char *path, int create, char **cause)
{
	char	*dir = xstrdup(path), *slash;
	int	 r = 0;

	if ((slash = strrchr(dir, '/')) != NULL)
		slash[slash == dir] = '\0';
	else
		snprintf(dir, strlen(dir) + 1, ".");
	if ((!create || access(path, F_OK) == 0) && access(path, W_OK) != 0) {
		*cause = xasprintf("%s: database is read-only (%s): pvbot "
		    "must be able to write it", path, strerror(errno));
		r = -1;
	} else if (access(dir, W_OK) != 0) {
		*cause = xasprintf("%s: directory %s is read-only (%s): pvbot "
		    "keeps its journal and lock files beside the database",
		    path, dir, strerror(errno));
		r = -1;
	}
	free(dir);
	return (r);
}

/* One writer at a time: an flock on DB.lock, released when we exit. */
static int
store_lock(struct store *s, char **cause)
{
	char	*lock = xasprintf("%s.lock", s->path);

	s->lockfd = open(lock, O_RDWR | O_CREAT | O_CLOEXEC, 0644);
	if (s->lockfd == -1) {
		*cause = xasprintf("%s: %s", lock, strerror(errno));
		free(lock);
		return (-1);
	}
	if (flock(s->lockfd, LOCK_EX | LOCK_NB) == -1) {
		*cause = xasprintf("%s: in use by another pvbot (lock %s "
		    "held)", s->path, lock);
		free(lock);
		return (-1);
	}
	free(lock);
	return (0);
}

int
store_open(const char *path, int flags, struct store **out, char **cause)
{
	struct store	*s;
	struct stat	 st;
	int		 oflags;

	if (!(flags & STORE_CREATE) && stat(path, &st) == -1) {
		*cause = xasprintf("%s: no database (run 'pvbot init')", path);
		return (-1);
	}
	if (store_writable(path, flags & STORE_CREATE, cause) != 0)
		return (-1);
	/* Only possible before SQLite's first use; later it is a no-op. */
	if (store_log_path == NULL)
		sqlite3_config(SQLITE_CONFIG_LOG, store_log, NULL);
	free(store_log_path);
	store_log_path = xstrdup(path);
	s = xcalloc(1, sizeof *s);
	s->path = xstrdup(path);
	s->lockfd = -1;
	if ((flags & STORE_WRITE) && store_lock(s, cause) != 0)
		goto fail;
	oflags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX;
	if (flags & STORE_CREATE)
		oflags |= SQLITE_OPEN_CREATE;
	if (sqlite3_open_v2(path, &s->db, oflags, NULL) != SQLITE_OK) {
		*cause = xasprintf("%s: %s", path, s->db != NULL ?
		    sqlite3_errmsg(s->db) : "cannot open");
		goto fail;
	}
	sqlite3_busy_timeout(s->db, 10000);
	sqlite3_extended_result_codes(s->db, 0);
	if (store_check_header(s, cause) != 0)
		goto fail;
	/* Big pages: raw messages are tens of kilobytes (see bench). */
	if (store_exec(s, "PRAGMA page_size = 65536;"
	    "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;"
	    "PRAGMA foreign_keys = OFF; PRAGMA cache_size = -16384;",
	    cause) != 0 || store_migrate(s, cause) != 0)
		goto fail;
	*out = s;
	return (0);
fail:
	store_close(s);
	return (-1);
}

static void *
store_ckpt_main(void *arg)
{
	struct store_ckpt	*c = arg;

	pthread_mutex_lock(&c->lock);
	while (!c->stop) {
		while (!c->pending && !c->stop)
			pthread_cond_wait(&c->wake, &c->lock);
		c->pending = 0;
		pthread_mutex_unlock(&c->lock);
		/* Busy (the writer checkpoints itself): the next one will do. */
		(void)sqlite3_wal_checkpoint_v2(c->db, NULL,
		    SQLITE_CHECKPOINT_PASSIVE, NULL, NULL);
		pthread_mutex_lock(&c->lock);
	}
	pthread_mutex_unlock(&c->lock);
	return (NULL);
}

/* After each commit: wake the checkpointer, or wait when it lags. */
static int
store_ckpt_hook(void *arg, sqlite3 *db, const char *name, int frames)
{
	struct store_ckpt	*c = arg;

	if (frames > STORE_WAL_MAX_FRAMES) {
		/* A checkpoint's failure is not the commit's: it stands. */
		(void)sqlite3_wal_checkpoint_v2(db, name,
		    SQLITE_CHECKPOINT_RESTART, NULL, NULL);
		return (SQLITE_OK);
	}
	pthread_mutex_lock(&c->lock);
	c->pending = 1;
	pthread_cond_signal(&c->wake);
	pthread_mutex_unlock(&c->lock);
	return (SQLITE_OK);
}

int
store_checkpointer_start(struct store *s, char **cause)
{
	struct store_ckpt	*c;
	sigset_t		 all, old;
	int			 r;

	if (s->ckpt != NULL)
		return (0);
	c = xcalloc(1, sizeof *c);
	if (sqlite3_open_v2(s->path, &c->db, SQLITE_OPEN_READWRITE |
	    SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK) {
		*cause = xasprintf("%s: checkpointer: %s", s->path,
		    c->db != NULL ? sqlite3_errmsg(c->db) : "cannot open");
		sqlite3_close(c->db);
		free(c);
		return (-1);
	}
	sqlite3_busy_timeout(c->db, 10000);
	sqlite3_exec(c->db, "PRAGMA synchronous = NORMAL", NULL, NULL, NULL);
	pthread_mutex_init(&c->lock, NULL);
	pthread_cond_init(&c->wake, NULL);
	/* Signals (SIGINT, SIGTERM) stay the main thread's to handle. */
	sigfillset(&all);
	pthread_sigmask(SIG_SETMASK, &all, &old);
	r = pthread_create(&c->thread, NULL, store_ckpt_main, c);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	if (r != 0) {
		*cause = xasprintf("%s: checkpointer: %s", s->path,
		    strerror(r));
		pthread_cond_destroy(&c->wake);
		pthread_mutex_destroy(&c->lock);
		sqlite3_close(c->db);
		free(c);
		return (-1);
	}
	s->ckpt = c;
	/* Replaces SQLite's own checkpoint-on-commit (wal_autocheckpoint). */
	sqlite3_wal_hook(s->db, store_ckpt_hook, c);
	return (0);
}

void
store_checkpointer_stop(struct store *s)
{
	struct store_ckpt	*c = s->ckpt;

	if (c == NULL)
		return;
	sqlite3_wal_autocheckpoint(s->db, 1000);
	pthread_mutex_lock(&c->lock);
	c->stop = 1;
	pthread_cond_signal(&c->wake);
	pthread_mutex_unlock(&c->lock);
	pthread_join(c->thread, NULL);
	pthread_cond_destroy(&c->wake);
	pthread_mutex_destroy(&c->lock);
	sqlite3_close(c->db);
	free(c);
	s->ckpt = NULL;
}

void
store_close(struct store *s)
{
	int	i;

	if (s == NULL)
		return;
	store_checkpointer_stop(s);
	for (i = 0; i < STORE_SQL_COUNT; i++)
		sqlite3_finalize(s->stmts[i]);
	if (s->db != NULL)
		sqlite3_close(s->db);
	if (s->lockfd != -1)
		close(s->lockfd);
	free(s->path);
	free(s);
}

sqlite3 *
store_db(struct store *s)
{
	return (s->db);
}

const char *
store_errmsg(struct store *s)
{
	return (sqlite3_errmsg(s->db));
}

sqlite3_stmt *
store_stmt(struct store *s, enum store_sql which)
{
	sqlite3_stmt	*st = s->stmts[which];

	if (st == NULL) {
		if (sqlite3_prepare_v3(s->db, store_sql_text[which], -1,
		    SQLITE_PREPARE_PERSISTENT, &st, NULL) != SQLITE_OK)
			fatalx("%s: prepare %d: %s", __func__, (int)which,
			    sqlite3_errmsg(s->db));
		s->stmts[which] = st;
		return (st);
	}
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	return (st);
}

int
store_step_done(struct store *s, sqlite3_stmt *st)
{
	int	rc = sqlite3_step(st);

	/* A full disk or a corrupt file: nothing to do but stop, unwritten. */
	if (rc != SQLITE_DONE && rc != SQLITE_ROW)
		fatalx("%s", store_why(s, rc, NULL));
	sqlite3_reset(st);
	return (0);
}

int
store_check(struct store *s, char **cause)
{
	sqlite3_stmt	*st;
	const char	*row;
	char		*copy, *p;
	int		 rc;

	if ((rc = sqlite3_prepare_v2(s->db, "PRAGMA quick_check(1)", -1, &st,
	    NULL)) != SQLITE_OK) {
		*cause = store_why(s, rc, NULL);
		return (-1);
	}
	store_log_quiet = 1;
	rc = sqlite3_step(st);
	store_log_quiet = 0;
	row = rc == SQLITE_ROW ? (const char *)sqlite3_column_text(st, 0) :
	    NULL;
	if (row != NULL && strcmp(row, "ok") == 0) {
		sqlite3_finalize(st);
		return (0);
	}
	if (row != NULL) {
		/* quick_check's report spans lines; the CLI prints one. */
		copy = xstrdup(row);
		for (p = copy; (p = strchr(p, '\n')) != NULL; )
			*p = ' ';
		*cause = store_why(s, SQLITE_CORRUPT, copy);
		free(copy);
	} else
		*cause = store_why(s, rc, NULL);
	sqlite3_finalize(st);
	return (-1);
}

int
store_begin(struct store *s)
{
	char	*cause = NULL;

	if (store_exec(s, "BEGIN IMMEDIATE", &cause) != 0)
		fatalx("%s: %s", __func__, cause);
	return (0);
}

int
store_commit(struct store *s, char **cause)
{
	return (store_exec(s, "COMMIT", cause));
}

void
store_rollback(struct store *s)
{
	sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
}

char *
store_cursor_get(struct store *s, const char *source)
{
	sqlite3_stmt	*st = store_stmt(s, STORE_CURSOR_GET);
	char		*value = NULL;

	sqlite3_bind_text(st, 1, source, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW)
		value = xstrdup((const char *)sqlite3_column_text(st, 0));
	sqlite3_reset(st);
	return (value);
}

void
store_cursor_set(struct store *s, const char *source, const char *value)
{
	sqlite3_stmt	*st = store_stmt(s, STORE_CURSOR_SET);

	sqlite3_bind_text(st, 1, source, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, value, -1, SQLITE_STATIC);
	store_step_done(s, st);
}

void
store_cursor_del(struct store *s, const char *source)
{
	sqlite3_stmt	*st = store_stmt(s, STORE_CURSOR_DEL);

	sqlite3_bind_text(st, 1, source, -1, SQLITE_STATIC);
	store_step_done(s, st);
}

void
store_skip_add(struct store *s, const char *source, const char *position,
    const char *reason)
{
	sqlite3_stmt	*st = store_stmt(s, STORE_SKIP_ADD);

	sqlite3_bind_text(st, 1, source, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, position, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, reason, -1, SQLITE_STATIC);
	store_step_done(s, st);
}
