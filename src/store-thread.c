/*
 * The node store JWZ threading (thread.h) works through, over the
 * messages and threads tables: thread_add(&store_thread_ops, store, ...).
 */
#include <stdlib.h>

#include "store-thread.h"
#include "store.h"
#include "thread.h"
#include "xmalloc.h"

static int
store_thread_node_get(void *ctx, const char *msgid, struct thread_node *n)
{
	struct store	*s = ctx;
	sqlite3_stmt	*st = store_stmt(s, STORE_NODE_GET);
	const char	*parent;
	int		 found = 0;

	sqlite3_bind_text(st, 1, msgid, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW) {
		parent = (const char *)sqlite3_column_text(st, 0);
		n->parent = parent != NULL ? xstrdup(parent) : NULL;
		n->thread = sqlite3_column_int64(st, 1);
		n->present = sqlite3_column_int(st, 2);
		found = 1;
	}
	sqlite3_reset(st);
	return (found);
}

static void
store_thread_node_put(void *ctx, const char *msgid, const struct thread_node *n)
{
	struct store	*s = ctx;
	sqlite3_stmt	*st = store_stmt(s, STORE_NODE_PUT);

	sqlite3_bind_text(st, 1, msgid, -1, SQLITE_STATIC);
	if (n->parent != NULL)
		sqlite3_bind_text(st, 2, n->parent, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 3, n->thread);
	sqlite3_bind_int(st, 4, n->present);
	store_step_done(s, st);
}

static long long
store_thread_create(void *ctx)
{
	struct store	*s = ctx;

	store_step_done(s, store_stmt(s, STORE_THREAD_NEW));
	return (sqlite3_last_insert_rowid(store_db(s)));
}

static long long
store_thread_size(void *ctx, long long thread)
{
	struct store	*s = ctx;
	sqlite3_stmt	*st = store_stmt(s, STORE_THREAD_SIZE);
	long long	 n = 0;

	sqlite3_bind_int64(st, 1, thread);
	if (sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	return (n);
}

static void
store_thread_merge(void *ctx, long long from, long long into)
{
	struct store	*s = ctx;
	static const enum store_sql steps[] = {
		STORE_THREAD_MOVE, STORE_THREAD_MOVE_POSTINGS,
		STORE_THREAD_MOVE_TAGS, STORE_THREAD_MOVE_PROTOCOLS,
		STORE_THREAD_MERGE_META
	};
	sqlite3_stmt	*st;
	size_t		 i;

	for (i = 0; i < sizeof steps / sizeof steps[0]; i++) {
		st = store_stmt(s, steps[i]);
		sqlite3_bind_int64(st, 1, from);
		sqlite3_bind_int64(st, 2, into);
		store_step_done(s, st);
	}
	st = store_stmt(s, STORE_THREAD_DELETE);
	sqlite3_bind_int64(st, 1, from);
	store_step_done(s, st);
	st = store_stmt(s, STORE_THREAD_DELETE_TAGS);
	sqlite3_bind_int64(st, 1, from);
	store_step_done(s, st);
	st = store_stmt(s, STORE_THREAD_DELETE_PROTOCOLS);
	sqlite3_bind_int64(st, 1, from);
	store_step_done(s, st);
}

static void
store_thread_set_root(void *ctx, long long thread, const char *root)
{
	struct store	*s = ctx;
	sqlite3_stmt	*st = store_stmt(s, STORE_THREAD_ROOT);

	sqlite3_bind_int64(st, 1, thread);
	sqlite3_bind_text(st, 2, root, -1, SQLITE_STATIC);
	store_step_done(s, st);
}

const struct thread_ops store_thread_ops = {
	store_thread_node_get,
	store_thread_node_put,
	store_thread_create,
	store_thread_size,
	store_thread_merge,
	store_thread_set_root
};
