/*
 * Reading the facts of an evaluation (proposal.h, steps 1 and 3): every
 * thread's stamp and every posting, then the rows of the threads the plan
 * wants, in one read transaction.  Tables are read in their own order
 * (sequential on disk) and sorted in memory by the proposal stage.
 */
#include <stdlib.h>
#include <string.h>

#include "commits-match.h"
#include "config.h"
#include "proposal.h"
#include "series.h"
#include "store-evalcache.h"
#include "store-view.h"
#include "store.h"
#include "view.h"
#include "xmalloc.h"

/* Every thread's root, change stamp and newest mail, in one scan. */
static int
store_view_stamps(struct store *s, struct view *v)
{
	sqlite3_stmt	*st;

	if (sqlite3_prepare_v2(store_db(s), "SELECT id, root, gen,"
	    " coalesce(last_date, 0) FROM threads ORDER BY id", -1, &st,
	    NULL) != SQLITE_OK)
		return (-1);
	while (sqlite3_step(st) == SQLITE_ROW)
		proposal_add_stamp(v, sqlite3_column_int64(st, 0),
		    (const char *)sqlite3_column_text(st, 1),
		    sqlite3_column_int64(st, 2),
		    (time_t)sqlite3_column_int64(st, 3));
	sqlite3_finalize(st);
	return (0);
}

/*
 * Every posting, in table order (the proposal stage sorts them), but pull
 * requests: they ask to merge work reviewed elsewhere, no proposal.
 */
static void
store_view_postings(struct store *s, struct view *v)
{
	sqlite3_stmt	*st;

	if (sqlite3_prepare_v2(store_db(s), "SELECT id, series, thread,"
	    " version, first_date, author FROM postings WHERE (flags & ?1) = 0",
	    -1, &st, NULL) != SQLITE_OK)
		return;
	sqlite3_bind_int(st, 1, SERIES_PULL);
	while (sqlite3_step(st) == SQLITE_ROW)
		proposal_add_posting(v, sqlite3_column_int64(st, 0),
		    sqlite3_column_int64(st, 1), sqlite3_column_int64(st, 2),
		    sqlite3_column_int(st, 3),
		    (time_t)sqlite3_column_int64(st, 4),
		    (const char *)sqlite3_column_text(st, 5));
	sqlite3_finalize(st);
}

static char *
store_view_dup(sqlite3_stmt *st, int col)
{
	const char	*s = (const char *)sqlite3_column_text(st, col);

	return (s != NULL ? xstrdup(s) : NULL);
}

static int
store_view_same_commit(const struct view_commit *a,
    const struct view_commit *b)
{
	size_t	la = strlen(a->oid), lb = strlen(b->oid);

	return (strcmp(a->message_id, b->message_id) == 0 &&
	    strncmp(a->oid, b->oid, la < lb ? la : lb) == 0);
}

static void
store_view_commit_free(struct view_commit *c)
{
	free(c->message_id);
	free(c->oid);
	free(c->branches);
	free(c->how);
	free(c->url);
}

/*
 * Every commit a git source matched to a patch, with its web page from
 * its source's commit-url.  Without a git source the table is empty.
 */
static void
store_view_commits(struct store *s, const struct config *cf, struct view *v)
{
	const struct config_source	*cs;
	struct view_commit		*c;
	sqlite3_stmt			*st;
	size_t				 alloc = 0;

	if (sqlite3_prepare_v2(store_db(s), "SELECT m.message_id, c.oid,"
	    " (SELECT group_concat(branch, ',') FROM (SELECT branch FROM"
	    " commit_branches WHERE commit_id = c.id ORDER BY branch)),"
	    " c.commit_date, x.how, c.source, m.s_part, m.s_total"
	    " FROM commit_matches x"
	    " JOIN commits c ON c.id = x.commit_id"
	    " JOIN messages m ON m.id = x.message"
	    " ORDER BY m.message_id, c.commit_date, c.id", -1, &st, NULL) !=
	    SQLITE_OK)
		return;
	while (sqlite3_step(st) == SQLITE_ROW) {
		if (v->ncommits == alloc) {
			alloc = alloc == 0 ? 16 : 2 * alloc;
			v->commits = xreallocarray(v->commits, alloc,
			    sizeof *v->commits);
		}
		c = &v->commits[v->ncommits++];
		c->message_id = store_view_dup(st, 0);
		c->oid = store_view_dup(st, 1);
		c->branches = store_view_dup(st, 2);
		c->date = (time_t)sqlite3_column_int64(st, 3);
		c->how = store_view_dup(st, 4);
		c->part = sqlite3_column_int(st, 6);
		c->total = sqlite3_column_int(st, 7);
		if (c->part <= 0 || c->total <= 0)
			c->part = c->total = 0;
		cs = cf == NULL ? NULL : config_source_find(cf,
		    (const char *)sqlite3_column_text(st, 5));
		c->url = commits_match_url(cs != NULL ? cs->commit_url : NULL,
		    c->oid);
		/*
		 * A notice in mail of a commit a git source read too (its id
		 * or a prefix of it, on the same patch) is that commit once.
		 */
		if (v->ncommits > 1 && store_view_same_commit(&c[-1], c)) {
			store_view_commit_free(c);
			v->ncommits--;
		}
	}
	sqlite3_finalize(st);
}

int
store_view_begin(struct store *s, const struct config *cf,
    const struct protocols *protocols, time_t now, int fresh,
    struct view *v, char **cause)
{
	struct store_evalcache	*ec = xcalloc(1, sizeof *ec);

	if (store_evalcache_begin(s, cf, now, fresh, ec, cause) != 0) {
		free(ec);
		proposal_begin(v, now, NULL, protocols);
		return (-1);
	}
	proposal_begin(v, now, ec, protocols);
	/* One read transaction: a consistent snapshot, and no lock churn. */
	sqlite3_exec(store_db(s), "BEGIN", NULL, NULL, NULL);
	if (store_view_stamps(s, v) != 0) {
		*cause = xasprintf("database: %s", sqlite3_errmsg(store_db(s)));
		sqlite3_exec(store_db(s), "ROLLBACK", NULL, NULL, NULL);
		return (-1);
	}
	/* Postings not yet posted at now do not exist for the engine. */
	store_view_postings(s, v);
	store_view_commits(s, cf, v);
	return (0);
}

/* Every thread the mail of the postings the plan names went to. */
static void
store_view_widen(struct store *s, struct view *v)
{
	sqlite3_stmt	*st = NULL;
	const long long	*ids;
	size_t		 i, n = proposal_widen(v, &ids);

	if (n == 0 || sqlite3_prepare_v2(store_db(s), "SELECT DISTINCT"
	    " thread FROM messages WHERE posting = ?1", -1, &st, NULL) !=
	    SQLITE_OK)
		return;
	for (i = 0; i < n; i++) {
		sqlite3_bind_int64(st, 1, ids[i]);
		while (sqlite3_step(st) == SQLITE_ROW)
			proposal_want(v, sqlite3_column_int64(st, 0));
		sqlite3_reset(st);
	}
	sqlite3_finalize(st);
}

/*
 * Run a query over the wanted threads: the whole table in one sequential
 * scan (rows of other threads are dropped by the proposal stage), or the
 * threads one by one through an index (?1 is the thread).
 */
static int
store_view_each(struct store *s, struct view *v, int all, const char *sql,
    const char *sql_thread, void (*row)(struct view *, sqlite3_stmt *))
{
	sqlite3_stmt	*st;
	size_t		 pos = 0;
	long long	 thread;

	if (sqlite3_prepare_v2(store_db(s), all ? sql : sql_thread, -1, &st,
	    NULL) != SQLITE_OK)
		return (-1);
	if (all) {
		while (sqlite3_step(st) == SQLITE_ROW)
			row(v, st);
	} else while ((thread = proposal_next_wanted(v, &pos)) != 0) {
		sqlite3_bind_int64(st, 1, thread);
		while (sqlite3_step(st) == SQLITE_ROW)
			row(v, st);
		sqlite3_reset(st);
	}
	sqlite3_finalize(st);
	return (0);
}

/*
 * Patches of git sources' lists and the commits that applied them, by
 * message, before the messages are read.  Without a git source both
 * tables are empty.
 */
static int
store_view_git(struct store *s, struct view *v)
{
	sqlite3_stmt	*st;

	if (sqlite3_prepare_v2(store_db(s), "SELECT message, 0, NULL, NULL,"
	    " NULL FROM patches UNION ALL SELECT x.message, c.commit_date,"
	    " c.oid, x.how, c.source FROM commit_matches x JOIN commits c"
	    " ON c.id = x.commit_id ORDER BY 1, 2, 3", -1, &st, NULL) !=
	    SQLITE_OK)
		return (-1);
	while (sqlite3_step(st) == SQLITE_ROW)
		proposal_add_git(v, sqlite3_column_int64(st, 0),
		    (time_t)sqlite3_column_int64(st, 1),
		    (const char *)sqlite3_column_text(st, 2),
		    (const char *)sqlite3_column_text(st, 3),
		    (const char *)sqlite3_column_text(st, 4));
	sqlite3_finalize(st);
	return (0);
}

static void
store_view_message(struct view *v, sqlite3_stmt *st)
{
	struct proposal_row	r;

	r.rowid = sqlite3_column_int64(st, 0);
	r.thread = sqlite3_column_int64(st, 1);
	r.id = (const char *)sqlite3_column_text(st, 2);
	r.parent = (const char *)sqlite3_column_text(st, 3);
	r.name = (const char *)sqlite3_column_text(st, 4);
	r.email = (const char *)sqlite3_column_text(st, 5);
	r.date = (time_t)sqlite3_column_int64(st, 6);
	r.kind = (const char *)sqlite3_column_text(st, 7);
	r.flags = sqlite3_column_int(st, 8);
	r.has_vote = sqlite3_column_type(st, 9) != SQLITE_NULL;
	r.vote = sqlite3_column_int(st, 9);
	r.posting = sqlite3_column_int64(st, 10);
	r.subject = (const char *)sqlite3_column_text(st, 11);
	r.part = sqlite3_column_int(st, 12);
	r.window = (long)sqlite3_column_int64(st, 13);
	r.total = sqlite3_column_int(st, 14);
	proposal_add_message(v, &r);
}

static void
store_view_path(struct view *v, sqlite3_stmt *st)
{
	proposal_add_path(v, sqlite3_column_int64(st, 0),
	    (const char *)sqlite3_column_text(st, 1));
}

static void
store_view_area(struct view *v, sqlite3_stmt *st)
{
	proposal_add_area(v, sqlite3_column_int64(st, 0),
	    (const char *)sqlite3_column_text(st, 1));
}

/*
 * The "# area" of each message's own approvals (classify's GAVE_ACK: an
 * Acked-by or Reviewed-by that names its sender), when every one of them
 * has an area.  Trailers are written with their message's classification,
 * whose update stamps the thread.
 */
#define STORE_VIEW_APPROVAL \
	" t.mismatch = 0 AND t.tag COLLATE NOCASE IN ('Acked-by'," \
	" 'Reviewed-by')"
#define STORE_VIEW_AREAS(from, where) \
	"SELECT t.message, group_concat(t.area, ', ') FROM " from \
	" WHERE " where STORE_VIEW_APPROVAL " AND t.area IS NOT NULL" \
	" AND NOT EXISTS (SELECT 1 FROM trailers u WHERE" \
	" u.message = t.message AND u.mismatch = 0 AND u.area IS NULL" \
	" AND u.tag COLLATE NOCASE IN ('Acked-by', 'Reviewed-by'))" \
	" GROUP BY t.message"

static void
store_view_protocol(struct view *v, sqlite3_stmt *st)
{
	proposal_add_protocol(v, sqlite3_column_int64(st, 0),
	    (const char *)sqlite3_column_text(st, 1));
}

static void
store_view_list(struct view *v, sqlite3_stmt *st)
{
	proposal_add_list(v, sqlite3_column_int64(st, 0),
	    (const char *)sqlite3_column_text(st, 1));
}

/*
 * The messages of the wanted threads, then the paths, protocols and lists
 * of their messages.  Messages come first: the others are matched to them.
 */
static int
store_view_rows(struct store *s, struct view *v, int all)
{
	if (store_view_git(s, v) != 0)
		return (-1);
	if (store_view_each(s, v, all, "SELECT m.id, m.thread,"
	    " m.message_id, m.parent, m.from_name, m.from_email, m.date,"
	    " m.kind, m.c_flags, m.vote, coalesce(m.posting, 0), m.subject,"
	    " coalesce(m.s_part, 99999), coalesce(m.window, 0),"
	    " coalesce(m.s_total, 0)"
	    " FROM messages m WHERE m.present", "SELECT m.id, m.thread,"
	    " m.message_id, m.parent, m.from_name, m.from_email, m.date,"
	    " m.kind, m.c_flags, m.vote, coalesce(m.posting, 0), m.subject,"
	    " coalesce(m.s_part, 99999), coalesce(m.window, 0),"
	    " coalesce(m.s_total, 0)"
	    " FROM messages m WHERE m.thread = ?1 AND m.present",
	    store_view_message) != 0)
		return (-1);
	if (store_view_each(s, v, all, "SELECT message, path FROM"
	    " message_paths", "SELECT p.message, p.path FROM messages m"
	    " JOIN message_paths p ON p.message = m.id WHERE m.thread = ?1",
	    store_view_path) != 0 ||
	    store_view_each(s, v, all, STORE_VIEW_AREAS("trailers t", ""),
	    STORE_VIEW_AREAS("messages m JOIN trailers t ON t.message = m.id",
	    "m.thread = ?1 AND"), store_view_area) != 0 ||
	    store_view_each(s, v, all, "SELECT thread, protocol FROM"
	    " thread_protocols", "SELECT thread, protocol FROM"
	    " thread_protocols WHERE thread = ?1", store_view_protocol) != 0 ||
	    store_view_each(s, v, all, "SELECT message, list FROM"
	    " message_lists", "SELECT l.message, l.list FROM messages m"
	    " JOIN message_lists l ON l.message = m.id WHERE m.thread = ?1",
	    store_view_list) != 0)
		return (-1);
	return (0);
}

/*
 * The protocols' recorded stages, and each one's newest mail in one scan
 * of the bindings (a join per protocol read the threads at random).
 */
static void
store_view_protocols(struct store *s, struct view *v)
{
	sqlite3_stmt	*st;

	if (sqlite3_prepare_v2(store_db(s), "SELECT name, stage, since FROM"
	    " protocol_stages", -1, &st, NULL) == SQLITE_OK) {
		while (sqlite3_step(st) == SQLITE_ROW)
			proposal_set_stage(v,
			    (const char *)sqlite3_column_text(st, 0),
			    (const char *)sqlite3_column_text(st, 1),
			    (time_t)sqlite3_column_int64(st, 2));
		sqlite3_finalize(st);
	}
	if (sqlite3_prepare_v2(store_db(s), "SELECT thread, protocol FROM"
	    " thread_protocols", -1, &st, NULL) == SQLITE_OK) {
		while (sqlite3_step(st) == SQLITE_ROW)
			proposal_add_activity(v, sqlite3_column_int64(st, 0),
			    (const char *)sqlite3_column_text(st, 1));
		sqlite3_finalize(st);
	}
}

/* The Message-IDs conflicting copies dispute (sorted, as SQLite sorts). */
static void
store_view_disputed(struct store *s, struct view *v)
{
	sqlite3_stmt	*st;

	if (sqlite3_prepare_v2(store_db(s), "SELECT DISTINCT m.message_id"
	    " FROM conflicts c JOIN messages m ON m.id = c.message"
	    " ORDER BY 1", -1, &st, NULL) != SQLITE_OK)
		return;
	while (sqlite3_step(st) == SQLITE_ROW) {
		v->disputed = xreallocarray(v->disputed, v->ndisputed + 1,
		    sizeof *v->disputed);
		v->disputed[v->ndisputed++] = xstrdup((const char *)
		    sqlite3_column_text(st, 0));
	}
	sqlite3_finalize(st);
}

int
store_view_load(struct store *s, struct view *v, char **cause)
{
	int	mode;

	store_view_widen(s, v);
	mode = proposal_read_mode(v);
	if (mode != PROPOSAL_READ_NONE && store_view_rows(s, v,
	    mode == PROPOSAL_READ_ALL) != 0) {
		*cause = xasprintf("database: %s", sqlite3_errmsg(store_db(s)));
		sqlite3_exec(store_db(s), "ROLLBACK", NULL, NULL, NULL);
		return (-1);
	}
	store_view_protocols(s, v);
	store_view_disputed(s, v);
	sqlite3_exec(store_db(s), "COMMIT", NULL, NULL, NULL);
	return (0);
}
