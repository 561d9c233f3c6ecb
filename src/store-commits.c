/* Commits, patch-ids and matches in SQLite; bound parameters only. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "commits-notice.h"
#include "commits-repo.h"
#include "log.h"
#include "store-commits.h"
#include "store.h"
#include "xmalloc.h"

/* A patch posted this long after the commit may still be its source. */
#define STORE_COMMITS_SKEW	3600

/* Candidate patches: parts of a posting in the source's lists. */
#define STORE_COMMITS_IN_LISTS						\
	" EXISTS (SELECT 1 FROM message_lists l WHERE l.message = p.message"\
	" AND l.list IN (SELECT value FROM json_each(?1)))"

enum store_commits_sql {
	SC_STATE_GET,
	SC_STATE_SET,
	SC_PUT,
	SC_ID,
	SC_BRANCH_ADD,
	SC_ON_BRANCH,
	SC_LINK_ADD,
	SC_SET_PATCHID,
	SC_NEED_PATCHID,
	SC_SWEEP_ADD,
	SC_SWEEP_DROP,
	SC_SWEEP_UNMATCH,
	SC_EACH_PATCH,
	SC_PATCH_PUT,
	SC_OLDEST,
	SC_GET,
	SC_AFFECTED,
	SC_SINCE,
	SC_LAST_ID,
	SC_BY_LINK,
	SC_BY_PATCHID,
	SC_BY_SUBJECT,
	SC_MATCH_DEL,
	SC_MATCH_ADD,
	SC_MATCHES,
	SC_MAIL_EACH,
	SC_MAIL_LAST,
	SC_MAIL_COMMITS,
	SC_NOTICE_GET,
	SC_NOTICE_CANDS,
	SC_POSTING_PATCHES,
	SC_COUNT
};

static const char *store_commits_text[SC_COUNT] = {
	[SC_STATE_GET] =
	    "SELECT scanned, coalesce(patchid_from, 0) FROM git_state"
	    " WHERE source = ?1",
	[SC_STATE_SET] =
	    "INSERT INTO git_state (source, scanned, patchid_from)"
	    " VALUES (?1, ?2, ?3) ON CONFLICT (source) DO UPDATE"
	    " SET scanned = ?2, patchid_from = ?3",
	[SC_PUT] =
	    "INSERT INTO commits (source, oid, author_name, author_email,"
	    " author_date, commit_date, subject, norm_subject, patch_id, merge)"
	    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)"
	    " ON CONFLICT (source, oid) DO NOTHING",
	[SC_ID] = "SELECT id FROM commits WHERE source = ?1 AND oid = ?2",
	[SC_BRANCH_ADD] =
	    "INSERT OR IGNORE INTO commit_branches (commit_id, branch)"
	    " VALUES (?1, ?2)",
	[SC_ON_BRANCH] =
	    "SELECT EXISTS (SELECT 1 FROM commit_branches WHERE commit_id = ?1)",
	[SC_LINK_ADD] =
	    "INSERT OR IGNORE INTO commit_links (msgid, commit_id)"
	    " VALUES (?1, ?2)",
	[SC_SET_PATCHID] = "UPDATE commits SET patch_id = ?2 WHERE id = ?1",
	[SC_NEED_PATCHID] =
	    "SELECT id, oid FROM commits WHERE source = ?1"
	    " AND commit_date >= ?2 AND commit_date < ?3 AND patch_id IS NULL"
	    " AND NOT merge ORDER BY id",
	[SC_SWEEP_ADD] = "INSERT OR IGNORE INTO temp.commits_seen VALUES (?1)",
	[SC_SWEEP_DROP] =
	    "DELETE FROM commit_branches WHERE branch = ?2 AND commit_id IN"
	    " (SELECT id FROM commits WHERE source = ?1 AND oid NOT IN"
	    " (SELECT oid FROM temp.commits_seen))",
	[SC_SWEEP_UNMATCH] =
	    "DELETE FROM commit_matches WHERE commit_id IN (SELECT c.id FROM"
	    " commits c WHERE c.source = ?1 AND NOT EXISTS (SELECT 1 FROM"
	    " commit_branches b WHERE b.commit_id = c.id))",
	[SC_EACH_PATCH] =
	    "SELECT m.id, m.date, r.bytes FROM messages m"
	    " JOIN raw r ON r.id = m.id WHERE m.id > ?2 AND m.present"
	    " AND m.posting IS NOT NULL AND coalesce(m.s_part, -1) <> 0"
	    " AND EXISTS (SELECT 1 FROM message_lists l WHERE"
	    " l.message = m.id AND l.list IN (SELECT value FROM json_each(?1)))"
	    " ORDER BY m.id",
	[SC_PATCH_PUT] =
	    "INSERT OR REPLACE INTO patches (message, patch_id, email,"
	    " norm_subject, date) SELECT id, ?2, from_email, norm_subject,"
	    " date FROM messages WHERE id = ?1",
	[SC_OLDEST] =
	    "SELECT min(p.date) FROM patches p WHERE" STORE_COMMITS_IN_LISTS,
	[SC_GET] =
	    "SELECT id, oid, author_email, norm_subject, patch_id, commit_date,"
	    " EXISTS (SELECT 1 FROM commit_branches b WHERE b.commit_id = id)"
	    " FROM commits WHERE id = ?1",
	[SC_AFFECTED] =
	    "SELECT c.id FROM patches p JOIN commits c"
	    " ON c.patch_id = p.patch_id WHERE p.message > ?2"
	    " AND c.source = ?1 UNION"
	    " SELECT c.id FROM patches p JOIN commits c"
	    " ON c.author_email = p.email AND c.norm_subject = p.norm_subject"
	    " WHERE p.message > ?2 AND c.source = ?1 UNION"
	    " SELECT c.id FROM messages m JOIN commit_links k"
	    " ON k.msgid = m.message_id JOIN commits c ON c.id = k.commit_id"
	    " WHERE m.id > ?2 AND c.source = ?1 ORDER BY 1",
	[SC_SINCE] =
	    "SELECT id FROM commits WHERE source = ?1 AND id > ?2 ORDER BY id",
	[SC_LAST_ID] = "SELECT coalesce(max(id), 0) FROM commits",
	/*
	 * A link names the patch itself, or the cover of its series: then
	 * the part whose subject is the commit's, or the only part.
	 */
	[SC_BY_LINK] =
	    "SELECT p.message FROM commit_links k JOIN messages m"
	    " ON m.message_id = k.msgid JOIN patches p ON p.message = m.id"
	    " WHERE k.commit_id = ?2 AND" STORE_COMMITS_IN_LISTS " UNION ALL"
	    " SELECT p.message FROM commit_links k JOIN messages c"
	    " ON c.message_id = k.msgid JOIN messages m"
	    " ON m.posting = c.posting AND m.id <> c.id JOIN patches p"
	    " ON p.message = m.id WHERE k.commit_id = ?2 AND c.s_part = 0"
	    " AND (p.norm_subject = ?3 OR (SELECT count(*) FROM messages x"
	    " JOIN patches y ON y.message = x.id"
	    " WHERE x.posting = c.posting) = 1) AND" STORE_COMMITS_IN_LISTS
	    " LIMIT 1",
	[SC_BY_PATCHID] =
	    "SELECT p.message FROM patches p WHERE p.patch_id = ?2"
	    " AND p.date <= ?3 AND" STORE_COMMITS_IN_LISTS
	    " ORDER BY p.date DESC, p.message DESC LIMIT 1",
	[SC_BY_SUBJECT] =
	    "SELECT p.message FROM patches p WHERE p.email = ?2"
	    " AND p.norm_subject = ?3 AND p.date BETWEEN ?4 AND ?5 AND"
	    STORE_COMMITS_IN_LISTS " ORDER BY p.date DESC, p.message DESC"
	    " LIMIT 1",
	[SC_MATCH_DEL] =
	    "DELETE FROM commit_matches WHERE commit_id = ?1"
	    " AND (message <> ?2 OR how <> ?3)",
	[SC_MATCH_ADD] =
	    "INSERT OR IGNORE INTO commit_matches (message, commit_id, how)"
	    " VALUES (?2, ?1, ?3)",
	[SC_MATCHES] =
	    "SELECT c.oid, c.source, (SELECT group_concat(branch, ',') FROM"
	    " (SELECT branch FROM commit_branches WHERE commit_id = c.id"
	    " ORDER BY branch)), c.subject, c.commit_date, x.how,"
	    " m.message_id, t.root, m.subject, coalesce(po.version, 1),"
	    " c.patch_id"
	    " FROM commit_matches x JOIN commits c ON c.id = x.commit_id"
	    " JOIN messages m ON m.id = x.message"
	    " JOIN threads t ON t.id = m.thread"
	    " LEFT JOIN postings po ON po.id = m.posting"
	    " WHERE ?1 IS NULL OR t.root = ?1"
	    " ORDER BY c.commit_date, c.id, m.id",
	/*
	 * Mail that may hold a commit notice (commits-notice.h): its text
	 * names one of the notices' keys, or is base64 and cannot be
	 * searched before it is decoded.
	 */
	[SC_MAIL_EACH] =
	    "SELECT m.id, m.date, r.bytes FROM messages m"
	    " JOIN raw r ON r.id = m.id WHERE m.id > ?1 AND m.present"
	    " ORDER BY m.id",
	[SC_MAIL_LAST] = "SELECT coalesce(max(id), 0) FROM messages",
	[SC_MAIL_COMMITS] =
	    "SELECT id FROM commits WHERE source LIKE 'mail %' ORDER BY id",
	[SC_NOTICE_GET] =
	    "SELECT c.oid, c.author_name, c.author_email, c.subject,"
	    " c.commit_date, (SELECT group_concat(branch, ',') FROM"
	    " commit_branches b WHERE b.commit_id = c.id), c.source"
	    " FROM commits c WHERE c.id = ?1",
	/*
	 * Posted patches (a part of a posting whose diff touched a path)
	 * whose subject is ?1, or starts with it when ?2.
	 */
	[SC_NOTICE_CANDS] =
	    "SELECT m.id, coalesce(po.series, 0), m.posting, m.date,"
	    " m.from_name, m.from_email, m.norm_subject FROM messages m"
	    " JOIN postings po ON po.id = m.posting WHERE m.present"
	    " AND coalesce(m.s_part, -1) <> 0 AND (m.norm_subject = ?1"
	    " OR (?2 AND substr(m.norm_subject, 1, length(?1)) = ?1))"
	    " AND EXISTS (SELECT 1 FROM message_paths x"
	    " WHERE x.message = m.id) ORDER BY m.id",
	/* The parts of a message's posting with no patch-id yet. */
	[SC_POSTING_PATCHES] =
	    "SELECT m.id, m.date, r.bytes FROM messages m JOIN raw r"
	    " ON r.id = m.id WHERE m.posting = (SELECT posting FROM messages"
	    " WHERE id = ?1) AND m.present AND coalesce(m.s_part, -1) <> 0"
	    " AND NOT EXISTS (SELECT 1 FROM patches p WHERE p.message = m.id)"
	    " ORDER BY m.id",
};

struct store_commits {
	struct store	*s;	/* borrowed */
	sqlite3_stmt	*st[SC_COUNT];
	int		 sweep;	/* the temporary table exists */
};

struct store_commits *
store_commits_open(struct store *s)
{
	struct store_commits	*sc = xcalloc(1, sizeof *sc);

	sc->s = s;
	return (sc);
}

void
store_commits_close(struct store_commits *sc)
{
	int	i;

	if (sc == NULL)
		return;
	for (i = 0; i < SC_COUNT; i++)
		sqlite3_finalize(sc->st[i]);
	free(sc);
}

static sqlite3_stmt *
store_commits_stmt(struct store_commits *sc, enum store_commits_sql which)
{
	sqlite3	*db = store_db(sc->s);

	if (sc->st[which] == NULL) {
		if (sqlite3_prepare_v3(db, store_commits_text[which], -1,
		    SQLITE_PREPARE_PERSISTENT, &sc->st[which], NULL) !=
		    SQLITE_OK)
			fatalx("%s: prepare %d: %s", __func__, (int)which,
			    sqlite3_errmsg(db));
		return (sc->st[which]);
	}
	sqlite3_reset(sc->st[which]);
	sqlite3_clear_bindings(sc->st[which]);
	return (sc->st[which]);
}

static void
store_commits_text_bind(sqlite3_stmt *st, int i, const char *v)
{
	if (v != NULL)
		sqlite3_bind_text(st, i, v, -1, SQLITE_STATIC);
}

static char *
store_commits_col(sqlite3_stmt *st, int i)
{
	const unsigned char	*v = sqlite3_column_text(st, i);

	return (v != NULL ? xstrdup((const char *)v) : NULL);
}

/* A query's single integer, or dflt without a row. */
static long long
store_commits_one(struct store_commits *sc, sqlite3_stmt *st, long long dflt)
{
	long long	v = dflt;
	int		rc;

	if ((rc = sqlite3_step(st)) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	else if (rc != SQLITE_DONE)
		fatalx("%s: %s", __func__, sqlite3_errmsg(store_db(sc->s)));
	sqlite3_reset(st);
	return (v);
}

/* The first column of every row, as integers. */
static size_t
store_commits_ids(struct store_commits *sc, sqlite3_stmt *st,
    long long **out)
{
	size_t	n = 0;
	int	rc;

	*out = NULL;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if ((n & (n - 1)) == 0)
			*out = xreallocarray(*out, n == 0 ? 16 : n * 2,
			    sizeof **out);
		(*out)[n++] = sqlite3_column_int64(st, 0);
	}
	if (rc != SQLITE_DONE)
		fatalx("%s: %s", __func__, sqlite3_errmsg(store_db(sc->s)));
	sqlite3_reset(st);
	return (n);
}

void
store_commits_state(struct store_commits *sc, const char *source,
    long long *scanned, time_t *from)
{
	sqlite3_stmt	*st = store_commits_stmt(sc, SC_STATE_GET);

	*scanned = 0;
	*from = 0;
	sqlite3_bind_text(st, 1, source, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW) {
		*scanned = sqlite3_column_int64(st, 0);
		*from = (time_t)sqlite3_column_int64(st, 1);
	}
	sqlite3_reset(st);
}

void
store_commits_state_set(struct store_commits *sc, const char *source,
    long long scanned, time_t from)
{
	sqlite3_stmt	*st = store_commits_stmt(sc, SC_STATE_SET);

	sqlite3_bind_text(st, 1, source, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, scanned);
	if (from != 0)
		sqlite3_bind_int64(st, 3, (sqlite3_int64)from);
	store_step_done(sc->s, st);
}

long long
store_commits_put(struct store_commits *sc, const char *source,
    const char *branch, const struct commits_info *ci, const char *norm,
    char **links, size_t nlinks, const char *patch_id, int *added)
{
	sqlite3_stmt	*st = store_commits_stmt(sc, SC_PUT);
	long long	 id;
	size_t		 i;

	sqlite3_bind_text(st, 1, source, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, ci->id, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, ci->author_name, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, ci->author_email, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 5, (sqlite3_int64)ci->author_date);
	sqlite3_bind_int64(st, 6, (sqlite3_int64)ci->commit_date);
	sqlite3_bind_text(st, 7, ci->subject, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 8, norm, -1, SQLITE_STATIC);
	store_commits_text_bind(st, 9, patch_id);
	sqlite3_bind_int(st, 10, ci->merge);
	store_step_done(sc->s, st);
	*added = sqlite3_changes(store_db(sc->s)) > 0;
	if (*added)
		id = sqlite3_last_insert_rowid(store_db(sc->s));
	else {
		st = store_commits_stmt(sc, SC_ID);
		sqlite3_bind_text(st, 1, source, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 2, ci->id, -1, SQLITE_STATIC);
		id = store_commits_one(sc, st, 0);
		/* Back on a branch after a force-push took it off: match it. */
		st = store_commits_stmt(sc, SC_ON_BRANCH);
		sqlite3_bind_int64(st, 1, id);
		if (store_commits_one(sc, st, 1) == 0)
			*added = 2;
	}
	st = store_commits_stmt(sc, SC_BRANCH_ADD);
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_text(st, 2, branch, -1, SQLITE_STATIC);
	store_step_done(sc->s, st);
	for (i = 0; *added == 1 && i < nlinks; i++) {
		st = store_commits_stmt(sc, SC_LINK_ADD);
		sqlite3_bind_text(st, 1, links[i], -1, SQLITE_STATIC);
		sqlite3_bind_int64(st, 2, id);
		store_step_done(sc->s, st);
	}
	return (id);
}

void
store_commits_set_patchid(struct store_commits *sc, long long id,
    const char *patch_id)
{
	sqlite3_stmt	*st = store_commits_stmt(sc, SC_SET_PATCHID);

	sqlite3_bind_int64(st, 1, id);
	store_commits_text_bind(st, 2, patch_id);
	store_step_done(sc->s, st);
}

size_t
store_commits_need_patchid(struct store_commits *sc, const char *source,
    time_t from, time_t to, long long **ids, char ***oids)
{
	sqlite3_stmt	*st = store_commits_stmt(sc, SC_NEED_PATCHID);
	size_t		 n = 0;

	*ids = NULL;
	*oids = NULL;
	sqlite3_bind_text(st, 1, source, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, (sqlite3_int64)from);
	sqlite3_bind_int64(st, 3, (sqlite3_int64)to);
	while (sqlite3_step(st) == SQLITE_ROW) {
		*ids = xreallocarray(*ids, n + 1, sizeof **ids);
		*oids = xreallocarray(*oids, n + 1, sizeof **oids);
		(*ids)[n] = sqlite3_column_int64(st, 0);
		(*oids)[n++] = store_commits_col(st, 1);
	}
	sqlite3_reset(st);
	return (n);
}

void
store_commits_sweep_begin(struct store_commits *sc)
{
	char	*err = NULL;

	if (sqlite3_exec(store_db(sc->s), "CREATE TEMP TABLE IF NOT EXISTS"
	    " commits_seen (oid TEXT PRIMARY KEY); DELETE FROM"
	    " temp.commits_seen", NULL, NULL, &err) != SQLITE_OK)
		fatalx("%s: %s", __func__, err);
}

void
store_commits_sweep_add(struct store_commits *sc, const char *oid)
{
	sqlite3_stmt	*st = store_commits_stmt(sc, SC_SWEEP_ADD);

	sqlite3_bind_text(st, 1, oid, -1, SQLITE_STATIC);
	store_step_done(sc->s, st);
}

long long
store_commits_sweep_end(struct store_commits *sc, const char *source,
    const char *branch)
{
	sqlite3_stmt	*st = store_commits_stmt(sc, SC_SWEEP_DROP);
	long long	 gone;

	sqlite3_bind_text(st, 1, source, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, branch, -1, SQLITE_STATIC);
	store_step_done(sc->s, st);
	gone = sqlite3_changes(store_db(sc->s));
	st = store_commits_stmt(sc, SC_SWEEP_UNMATCH);
	sqlite3_bind_text(st, 1, source, -1, SQLITE_STATIC);
	store_step_done(sc->s, st);
	/* The sweep's table goes with the statement that filled it. */
	sqlite3_finalize(sc->st[SC_SWEEP_ADD]);
	sc->st[SC_SWEEP_ADD] = NULL;
	sqlite3_exec(store_db(sc->s), "DROP TABLE IF EXISTS temp.commits_seen",
	    NULL, NULL, NULL);
	return (gone);
}

long long
store_commits_each_patch(struct store_commits *sc, const char *lists,
    long long after, int (*fn)(void *, long long, time_t, const char *,
    size_t), void *arg)
{
	sqlite3_stmt	*st = store_commits_stmt(sc, SC_EACH_PATCH);
	long long	 last = after, id;

	sqlite3_bind_text(st, 1, lists, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, after);
	while (sqlite3_step(st) == SQLITE_ROW) {
		id = sqlite3_column_int64(st, 0);
		if (fn(arg, id, (time_t)sqlite3_column_int64(st, 1),
		    sqlite3_column_blob(st, 2), (size_t)sqlite3_column_bytes(st,
		    2)) != 0)
			break;
		last = id;
	}
	sqlite3_reset(st);
	return (last);
}

void
store_commits_patch_put(struct store_commits *sc, long long message,
    const char *patch_id)
{
	sqlite3_stmt	*st = store_commits_stmt(sc, SC_PATCH_PUT);

	sqlite3_bind_int64(st, 1, message);
	sqlite3_bind_text(st, 2, patch_id, -1, SQLITE_STATIC);
	store_step_done(sc->s, st);
}

time_t
store_commits_oldest_patch(struct store_commits *sc, const char *lists)
{
	sqlite3_stmt	*st = store_commits_stmt(sc, SC_OLDEST);

	sqlite3_bind_text(st, 1, lists, -1, SQLITE_STATIC);
	return ((time_t)store_commits_one(sc, st, 0));
}

int
store_commits_get(struct store_commits *sc, long long id,
    struct store_commit *c)
{
	sqlite3_stmt	*st = store_commits_stmt(sc, SC_GET);
	int		 r = -1;

	memset(c, 0, sizeof *c);
	sqlite3_bind_int64(st, 1, id);
	if (sqlite3_step(st) == SQLITE_ROW) {
		c->id = sqlite3_column_int64(st, 0);
		c->oid = store_commits_col(st, 1);
		c->author_email = store_commits_col(st, 2);
		c->norm_subject = store_commits_col(st, 3);
		c->patch_id = store_commits_col(st, 4);
		c->commit_date = (time_t)sqlite3_column_int64(st, 5);
		c->on_branch = sqlite3_column_int(st, 6);
		r = 0;
	}
	sqlite3_reset(st);
	return (r);
}

void
store_commits_clear(struct store_commit *c)
{
	free(c->oid);
	free(c->author_email);
	free(c->norm_subject);
	free(c->patch_id);
	memset(c, 0, sizeof *c);
}

size_t
store_commits_affected(struct store_commits *sc, const char *source,
    long long after, long long **out)
{
	sqlite3_stmt	*st = store_commits_stmt(sc, SC_AFFECTED);

	sqlite3_bind_text(st, 1, source, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, after);
	return (store_commits_ids(sc, st, out));
}

size_t
store_commits_since(struct store_commits *sc, const char *source,
    long long after, long long **out)
{
	sqlite3_stmt	*st = store_commits_stmt(sc, SC_SINCE);

	sqlite3_bind_text(st, 1, source, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, after);
	return (store_commits_ids(sc, st, out));
}

long long
store_commits_last_id(struct store_commits *sc)
{
	return (store_commits_one(sc, store_commits_stmt(sc, SC_LAST_ID), 0));
}

long long
store_commits_by_link(struct store_commits *sc, const char *lists,
    long long commit, const char *norm)
{
	sqlite3_stmt	*st = store_commits_stmt(sc, SC_BY_LINK);

	sqlite3_bind_text(st, 1, lists, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, commit);
	store_commits_text_bind(st, 3, norm);
	return (store_commits_one(sc, st, 0));
}

long long
store_commits_by_patchid(struct store_commits *sc, const char *lists,
    const char *patch_id, time_t committed)
{
	sqlite3_stmt	*st = store_commits_stmt(sc, SC_BY_PATCHID);

	sqlite3_bind_text(st, 1, lists, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, patch_id, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 3, (sqlite3_int64)committed +
	    STORE_COMMITS_SKEW);
	return (store_commits_one(sc, st, 0));
}

long long
store_commits_by_subject(struct store_commits *sc, const char *lists,
    const char *email, const char *norm, time_t from, time_t committed)
{
	sqlite3_stmt	*st = store_commits_stmt(sc, SC_BY_SUBJECT);

	sqlite3_bind_text(st, 1, lists, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, email, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, norm, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 4, (sqlite3_int64)from);
	sqlite3_bind_int64(st, 5, (sqlite3_int64)committed +
	    STORE_COMMITS_SKEW);
	return (store_commits_one(sc, st, 0));
}

void
store_commits_match_set(struct store_commits *sc, long long commit,
    long long message, const char *how)
{
	sqlite3_stmt	*st = store_commits_stmt(sc, SC_MATCH_DEL);

	/* Unchanged matches are left alone: no thread is stamped. */
	sqlite3_bind_int64(st, 1, commit);
	sqlite3_bind_int64(st, 2, message);
	sqlite3_bind_text(st, 3, how != NULL ? how : "", -1, SQLITE_STATIC);
	store_step_done(sc->s, st);
	if (message == 0)
		return;
	st = store_commits_stmt(sc, SC_MATCH_ADD);
	sqlite3_bind_int64(st, 1, commit);
	sqlite3_bind_int64(st, 2, message);
	sqlite3_bind_text(st, 3, how, -1, SQLITE_STATIC);
	store_step_done(sc->s, st);
}

size_t
store_commits_matches(struct store_commits *sc, const char *root,
    struct store_commit_match **out)
{
	sqlite3_stmt			*st = store_commits_stmt(sc, SC_MATCHES);
	struct store_commit_match	*m;
	size_t				 n = 0;

	*out = NULL;
	store_commits_text_bind(st, 1, root);
	while (sqlite3_step(st) == SQLITE_ROW) {
		*out = xreallocarray(*out, n + 1, sizeof **out);
		m = &(*out)[n++];
		m->oid = store_commits_col(st, 0);
		m->source = store_commits_col(st, 1);
		m->branches = store_commits_col(st, 2);
		m->subject = store_commits_col(st, 3);
		m->commit_date = (time_t)sqlite3_column_int64(st, 4);
		m->how = store_commits_col(st, 5);
		m->message_id = store_commits_col(st, 6);
		m->root = store_commits_col(st, 7);
		m->patch_subject = store_commits_col(st, 8);
		m->version = sqlite3_column_int(st, 9);
		m->patch_id = store_commits_col(st, 10);
	}
	sqlite3_reset(st);
	return (n);
}

void
store_commits_matches_free(struct store_commit_match *v, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++) {
		free(v[i].oid);
		free(v[i].source);
		free(v[i].branches);
		free(v[i].subject);
		free(v[i].how);
		free(v[i].patch_id);
		free(v[i].message_id);
		free(v[i].root);
		free(v[i].patch_subject);
	}
	free(v);
}

long long
store_commits_mail_each(struct store_commits *sc, long long after,
    int (*fn)(void *, long long, time_t, const char *, size_t), void *arg)
{
	sqlite3_stmt	*st = store_commits_stmt(sc, SC_MAIL_EACH);
	long long	 id;

	sqlite3_bind_int64(st, 1, after);
	while (sqlite3_step(st) == SQLITE_ROW) {
		id = sqlite3_column_int64(st, 0);
		if (fn(arg, id, (time_t)sqlite3_column_int64(st, 1),
		    sqlite3_column_blob(st, 2), (size_t)sqlite3_column_bytes(st,
		    2)) != 0)
			break;
	}
	sqlite3_reset(st);
	return (store_commits_one(sc, store_commits_stmt(sc, SC_MAIL_LAST),
	    0));
}

size_t
store_commits_mail_commits(struct store_commits *sc, long long **out)
{
	return (store_commits_ids(sc, store_commits_stmt(sc, SC_MAIL_COMMITS),
	    out));
}

int
store_commits_notice_get(struct store_commits *sc, long long id,
    struct store_notice *n)
{
	sqlite3_stmt	*st = store_commits_stmt(sc, SC_NOTICE_GET);
	int		 r = -1;

	memset(n, 0, sizeof *n);
	sqlite3_bind_int64(st, 1, id);
	if (sqlite3_step(st) == SQLITE_ROW) {
		n->oid = store_commits_col(st, 0);
		n->author = store_commits_col(st, 1);
		n->author_email = store_commits_col(st, 2);
		n->title = store_commits_col(st, 3);
		n->at = (time_t)sqlite3_column_int64(st, 4);
		n->branches = store_commits_col(st, 5);
		n->source = store_commits_col(st, 6);
		r = 0;
	}
	sqlite3_reset(st);
	return (r);
}

void
store_commits_notice_clear(struct store_notice *n)
{
	free(n->oid);
	free(n->author);
	free(n->author_email);
	free(n->title);
	free(n->branches);
	free(n->source);
	memset(n, 0, sizeof *n);
}

size_t
store_commits_notice_cands(struct store_commits *sc, const char *norm,
    int prefix, struct commits_notice_cand **out)
{
	sqlite3_stmt			*st = store_commits_stmt(sc,
					    SC_NOTICE_CANDS);
	struct commits_notice_cand	*c;
	size_t				 n = 0;

	*out = NULL;
	sqlite3_bind_text(st, 1, norm, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 2, prefix);
	while (sqlite3_step(st) == SQLITE_ROW) {
		*out = xreallocarray(*out, n + 1, sizeof **out);
		c = &(*out)[n++];
		c->message = sqlite3_column_int64(st, 0);
		c->series = sqlite3_column_int64(st, 1);
		c->posting = sqlite3_column_int64(st, 2);
		c->date = (time_t)sqlite3_column_int64(st, 3);
		c->name = store_commits_col(st, 4);
		c->email = store_commits_col(st, 5);
		c->norm_subject = store_commits_col(st, 6);
	}
	sqlite3_reset(st);
	return (n);
}

void
store_commits_notice_cands_free(struct commits_notice_cand *v, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++) {
		free((char *)v[i].name);
		free((char *)v[i].email);
		free((char *)v[i].norm_subject);
	}
	free(v);
}

void
store_commits_posting_patches(struct store_commits *sc, long long message,
    int (*fn)(void *, long long, time_t, const char *, size_t), void *arg)
{
	sqlite3_stmt	*st = store_commits_stmt(sc, SC_POSTING_PATCHES);

	sqlite3_bind_int64(st, 1, message);
	while (sqlite3_step(st) == SQLITE_ROW)
		if (fn(arg, sqlite3_column_int64(st, 0),
		    (time_t)sqlite3_column_int64(st, 1),
		    sqlite3_column_blob(st, 2), (size_t)sqlite3_column_bytes(st,
		    2)) != 0)
			break;
	sqlite3_reset(st);
}
