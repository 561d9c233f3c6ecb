/*
 * Loading the consensus engine's facts.  Messages are read in one pass
 * (ordered by thread), postings in another; each proposal then borrows the
 * messages of its threads.
 */
#include <sys/types.h>

#include <limits.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "buf.h"
#include "classify.h"
#include "mail-command.h"
#include "config.h"
#include "datetime.h"
#include "log.h"
#include "maintainers.h"
#include "policy.h"
#include "protocols.h"
#include "series.h"
#include "store-consensus.h"
#include "store-evalcache.h"
#include "store.h"
#include "xmalloc.h"

#include <jansson.h>

struct view_thread {
	long long	 id;
	size_t		 first, count;	/* into mem->msgs */
};

/* A fact keyed by a thread or posting id, read in bulk. */
struct view_fact {
	long long	 key;
	const char	*text;
	long		 num;		/* a window named by the message */
	int		 part;		/* its M of M/K, 99999 when none */
	time_t		 date;
};

/* What git sources know of a message: a patch, and its first commit. */
struct view_git {
	long long	 rowid;
	int		 patch;
	time_t		 at;
	const char	*oid;
	const char	*how;
};

struct view_mem {
	struct consensus_msg	*msgs;
	long long		*posting;	/* per message: its posting or 0 */
	long long		*thread;	/* per message: its thread */
	size_t			 nmsgs, amsgs;
	struct view_thread	*threads;
	size_t			 nthreads;
	char			**strings;	/* arena blocks */
	size_t			 nstrings, astrings;
	size_t			 block_used, block_size;
	long long		*scan_rowid;	/* table order: rowid -> thread */
	long long		*scan_thread;
	const char		**scan_id;	/* and its Message-ID */
	size_t			 nscan;
	long long		*tid;		/* every thread, by id: */
	const char		**troot;	/* its root, or NULL */
	long long		*tgen;		/* its change stamp */
	time_t			*tlast;		/* its newest mail */
	char			*twant;		/* its messages are to be read */
	size_t			 ntids, nwanted;
	int			 every;		/* every thread is wanted */
	struct evalcache	 ec;
	int			 have_ec;
	time_t			 design_horizon; /* a design not yet sent */
	const char		**shape;	/* per proposal: for the cache */
	char			*cached;	/* per proposal: from the cache */
	struct view_fact	*paths;		/* thread -> path */
	size_t			 npaths;
	struct view_fact	*protos;	/* thread -> protocol */
	size_t			 nprotos;
	struct view_fact	*posts;		/* posting -> subject, window */
	size_t			 nposts;
	struct view_fact	*lists;		/* thread -> its root's lists */
	size_t			 nlists;
	struct view_git		*git;		/* by message rowid */
	size_t			 ngit;
};

/*
 * Strings live in an arena of large blocks: a million messages would
 * otherwise mean four million small mallocs.
 */
#define VIEW_BLOCK	(1024 * 1024)

static void
view_block_add(struct view_mem *mem, char *block, size_t size)
{
	if (mem->nstrings == mem->astrings) {
		mem->astrings = mem->astrings == 0 ? 64 : mem->astrings * 2;
		mem->strings = xreallocarray(mem->strings, mem->astrings,
		    sizeof *mem->strings);
	}
	mem->strings[mem->nstrings++] = block;
	mem->block_used = 0;
	mem->block_size = size;
}

/* len bytes of memory, as long as the view lives. */
static char *
view_space(struct view_mem *mem, size_t len)
{
	char	*space;

	if (len > VIEW_BLOCK / 4) {
		space = xmalloc(len + 1);
		view_block_add(mem, space, len);
		mem->block_used = mem->block_size;	/* a block of its own */
		return (space);
	}
	if (mem->nstrings == 0 || mem->block_used + len > mem->block_size)
		view_block_add(mem, xmalloc(VIEW_BLOCK), VIEW_BLOCK);
	space = mem->strings[mem->nstrings - 1] + mem->block_used;
	mem->block_used += len;
	return (space);
}

/* A copy of len bytes, as long as the view lives. */
static const char *
view_keep_bytes(struct view_mem *mem, const char *s, size_t len)
{
	char	*copy = view_space(mem, len);

	memcpy(copy, s, len);
	return (copy);
}

/* Room for an array, aligned as malloc's, as long as the view lives. */
static void *
view_alloc(void *arg, size_t size)
{
	struct view_mem	*mem = arg;
	size_t		 align = _Alignof(max_align_t);

	mem->block_used = (mem->block_used + align - 1) / align * align;
	if (mem->block_used > mem->block_size)
		mem->block_used = mem->block_size;
	return (view_space(mem, size));
}

static const char *
view_keep(struct view_mem *mem, const unsigned char *s)
{
	if (s == NULL)
		return (NULL);
	return (view_keep_bytes(mem, (const char *)s,
	    strlen((const char *)s) + 1));
}

static const char *
view_kind(const unsigned char *k)
{
	static const char *kinds[] = { CLASSIFY_DESIGN, CLASSIFY_PATCH,
	    CLASSIFY_COVER, CLASSIFY_ACK, CLASSIFY_OBJECTION, CLASSIFY_REVIEW };
	size_t	i;

	for (i = 0; k != NULL && i < sizeof kinds / sizeof kinds[0]; i++)
		if (strcmp((const char *)k, kinds[i]) == 0)
			return (kinds[i]);
	return (CLASSIFY_OTHER);
}


static struct view_fact *
view_fact_add(struct view_fact **v, size_t *n, long long key, const char *text)
{
	struct view_fact	*f;

	/* Grow in powers of two: these arrays reach millions of entries. */
	if ((*n & (*n - 1)) == 0)
		*v = xreallocarray(*v, *n == 0 ? 16 : *n * 2, sizeof **v);
	f = &(*v)[(*n)++];
	memset(f, 0, sizeof *f);
	f->key = key;
	f->text = text;
	return (f);
}

/* A posting's name (its cover, else patch 1) and the window it names. */
static void
view_posting_fact(struct view_mem *mem, sqlite3_stmt *st,
    const struct consensus_msg *m)
{
	struct view_fact	*f;
	int			 part = sqlite3_column_int(st, 12);

	f = view_fact_add(&mem->posts, &mem->nposts, mem->posting[mem->nmsgs],
	    part <= 1 ? view_keep(mem, sqlite3_column_text(st, 11)) : NULL);
	f->num = (long)sqlite3_column_int64(st, 13);
	f->part = part;
	f->date = m->date;
}

/* A message's git facts, found by its rowid. */
static void
view_git_of(const struct view_mem *mem, struct consensus_msg *m,
    long long rowid)
{
	size_t	lo = 0, hi = mem->ngit, mid;

	while (lo < hi) {
		mid = (lo + hi) / 2;
		if (mem->git[mid].rowid == rowid) {
			m->patch = mem->git[mid].patch;
			m->committed_at = mem->git[mid].at;
			m->commit = mem->git[mid].oid;
			m->commit_how = mem->git[mid].how;
			return;
		}
		if (mem->git[mid].rowid < rowid)
			lo = mid + 1;
		else
			hi = mid;
	}
}

/*
 * Patches of git sources' lists and the commits that applied them, one
 * entry per message (its earliest commit), before the messages are read.
 * Without a git source both tables are empty.
 */
static int
view_load_git(struct store *s, struct view_mem *mem)
{
	sqlite3_stmt	*st;
	struct view_git	*g;
	long long	 rowid;

	if (sqlite3_prepare_v2(store_db(s), "SELECT message, 0, NULL, NULL"
	    " FROM patches UNION ALL SELECT x.message, c.commit_date, c.oid,"
	    " x.how FROM commit_matches x JOIN commits c ON c.id = x.commit_id"
	    " ORDER BY 1, 2, 3", -1, &st, NULL) != SQLITE_OK)
		return (-1);
	while (sqlite3_step(st) == SQLITE_ROW) {
		rowid = sqlite3_column_int64(st, 0);
		if (mem->ngit == 0 || mem->git[mem->ngit - 1].rowid != rowid) {
			if ((mem->ngit & (mem->ngit - 1)) == 0)
				mem->git = xreallocarray(mem->git, mem->ngit ==
				    0 ? 16 : mem->ngit * 2, sizeof *mem->git);
			g = &mem->git[mem->ngit++];
			memset(g, 0, sizeof *g);
			g->rowid = rowid;
		} else
			g = &mem->git[mem->ngit - 1];
		if (sqlite3_column_type(st, 2) == SQLITE_NULL)
			g->patch = 1;
		else if (g->oid == NULL) {
			g->at = (time_t)sqlite3_column_int64(st, 1);
			g->oid = view_keep(mem, sqlite3_column_text(st, 2));
			g->how = view_keep(mem, sqlite3_column_text(st, 3));
		}
	}
	sqlite3_finalize(st);
	return (0);
}

static void
view_add_msg(struct view_mem *mem, sqlite3_stmt *st)
{
	struct consensus_msg	*m;

	if (mem->nmsgs == mem->amsgs) {
		mem->amsgs = mem->amsgs == 0 ? 4096 : mem->amsgs * 2;
		mem->msgs = xreallocarray(mem->msgs, mem->amsgs,
		    sizeof *mem->msgs);
		mem->posting = xreallocarray(mem->posting, mem->amsgs,
		    sizeof *mem->posting);
		mem->thread = xreallocarray(mem->thread, mem->amsgs,
		    sizeof *mem->thread);
		mem->scan_rowid = xreallocarray(mem->scan_rowid, mem->amsgs,
		    sizeof *mem->scan_rowid);
		mem->scan_id = xreallocarray(mem->scan_id, mem->amsgs,
		    sizeof *mem->scan_id);
	}
	m = &mem->msgs[mem->nmsgs];
	memset(m, 0, sizeof *m);
	mem->thread[mem->nmsgs] = sqlite3_column_int64(st, 1);
	mem->scan_rowid[mem->nmsgs] = sqlite3_column_int64(st, 0);
	m->id = view_keep(mem, sqlite3_column_text(st, 2));
	mem->scan_id[mem->nmsgs] = m->id;
	m->parent = view_keep(mem, sqlite3_column_text(st, 3));
	m->name = view_keep(mem, sqlite3_column_text(st, 4));
	m->email = view_keep(mem, sqlite3_column_text(st, 5));
	m->date = (time_t)sqlite3_column_int64(st, 6);
	m->kind = view_kind(sqlite3_column_text(st, 7));
	m->flags = sqlite3_column_int(st, 8);
	m->has_vote = sqlite3_column_type(st, 9) != SQLITE_NULL;
	m->vote = sqlite3_column_int(st, 9);
	/* classify summed up the sender's own trailers in its flags. */
	m->acked = (m->flags & CLASSIFY_F_GAVE_ACK) != 0;
	m->tested = (m->flags & CLASSIFY_F_GAVE_TESTED) != 0;
	m->nacked = (m->flags & CLASSIFY_F_GAVE_NACK) != 0;
	mem->posting[mem->nmsgs] = sqlite3_column_int64(st, 10);
	if (mem->posting[mem->nmsgs] != 0)
		view_posting_fact(mem, st, m);
	view_git_of(mem, m, mem->scan_rowid[mem->nmsgs]);
	mem->nmsgs++;
}

static struct view_mem *view_sort_mem;

/* By thread, then date, then Message-ID: a thread's messages in order. */
static int
view_cmp_thread(const void *a, const void *b)
{
	const struct view_mem	*mem = view_sort_mem;
	size_t			 x = *(const size_t *)a, y = *(const size_t *)b;

	if (mem->thread[x] != mem->thread[y])
		return (mem->thread[x] < mem->thread[y] ? -1 : 1);
	if (mem->msgs[x].date != mem->msgs[y].date)
		return (mem->msgs[x].date < mem->msgs[y].date ? -1 : 1);
	return (strcmp(mem->msgs[x].id, mem->msgs[y].id));
}

/* The indexes 0..n-1 in the order cmp (over indexes) gives them. */
static size_t *
view_order(size_t n, int (*cmp)(const void *, const void *))
{
	size_t	*idx = xcalloc(n + 1, sizeof *idx), i;

	for (i = 0; i < n; i++)
		idx[i] = i;
	if (n > 0)
		qsort(idx, n, sizeof *idx, cmp);
	return (idx);
}

/* Put the n elements of *array (each size bytes) in idx's order. */
static void
view_permute(void *array, size_t size, const size_t *idx, size_t n)
{
	char	*old = *(char **)array, *new = xcalloc(n + 1, size);
	size_t	 i;

	for (i = 0; i < n; i++)
		memcpy(new + i * size, old + idx[i] * size, size);
	free(old);
	*(char **)array = new;
}

/*
 * Order the rows (read in table order, which is sequential on disk) by
 * thread in memory, and index the threads.
 */
static void
view_sort_messages(struct view_mem *mem)
{
	size_t	*idx, i;

	view_sort_mem = mem;
	idx = view_order(mem->nmsgs, view_cmp_thread);
	view_permute(&mem->msgs, sizeof *mem->msgs, idx, mem->nmsgs);
	view_permute(&mem->posting, sizeof *mem->posting, idx, mem->nmsgs);
	view_permute(&mem->thread, sizeof *mem->thread, idx, mem->nmsgs);
	free(idx);
	for (i = 0; i < mem->nmsgs; i++) {
		if (mem->nthreads == 0 ||
		    mem->threads[mem->nthreads - 1].id != mem->thread[i]) {
			mem->threads = xreallocarray(mem->threads,
			    mem->nthreads + 1, sizeof *mem->threads);
			mem->threads[mem->nthreads].id = mem->thread[i];
			mem->threads[mem->nthreads].first = i;
			mem->threads[mem->nthreads++].count = 0;
		}
		mem->threads[mem->nthreads - 1].count++;
	}
}

static int
view_cmp_fact(const void *a, const void *b)
{
	const struct view_fact	*x = a, *y = b;

	if (x->key != y->key)
		return (x->key < y->key ? -1 : 1);
	if (x->part != y->part)
		return (x->part < y->part ? -1 : 1);
	if (x->date != y->date)
		return (x->date < y->date ? -1 : 1);
	return (x->text != NULL && y->text != NULL ? strcmp(x->text, y->text) :
	    0);
}

/* Where key is in keys[0..n) (ascending), or -1. */
static ssize_t
view_find(const long long *keys, size_t n, long long key)
{
	size_t	lo = 0, hi = n, mid;

	while (lo < hi) {
		mid = (lo + hi) / 2;
		if (keys[mid] == key)
			return ((ssize_t)mid);
		if (keys[mid] < key)
			lo = mid + 1;
		else
			hi = mid;
	}
	return (-1);
}

/* A message by rowid in the table-order scan, or -1 (not present). */
static ssize_t
view_row(const struct view_mem *mem, long long rowid)
{
	return (view_find(mem->scan_rowid, mem->nscan, rowid));
}

static long long
view_thread_of_row(const struct view_mem *mem, long long rowid)
{
	ssize_t	i = view_row(mem, rowid);

	return (i < 0 ? 0 : mem->scan_thread[i]);
}

/* A thread's root Message-ID, or NULL. */
static const char *
view_root(const struct view_mem *mem, long long thread)
{
	ssize_t	i = view_find(mem->tid, mem->ntids, thread);

	return (i < 0 ? NULL : mem->troot[i]);
}

/* A thread's change stamp; a thread not known is new. */
static long long
view_gen(const struct view_mem *mem, long long thread)
{
	ssize_t	i = view_find(mem->tid, mem->ntids, thread);

	return (i < 0 ? LLONG_MAX : mem->tgen[i]);
}

static void
view_want(struct view_mem *mem, long long thread)
{
	ssize_t	i = view_find(mem->tid, mem->ntids, thread);

	if (i >= 0 && !mem->twant[i]) {
		mem->twant[i] = 1;
		mem->nwanted++;
	}
}

static int
view_wanted(const struct view_mem *mem, long long thread)
{
	ssize_t	i;

	if (mem->every)
		return (1);
	i = view_find(mem->tid, mem->ntids, thread);
	return (i >= 0 && mem->twant[i]);
}

/*
 * Every thread's root and change stamp, in one sequential scan (joining
 * threads to the postings or the messages instead reads the file at
 * random).
 */
static int
view_load_threads(struct store *s, struct view_mem *mem)
{
	sqlite3_stmt	*st;
	size_t		 a = 0;

	if (sqlite3_prepare_v2(store_db(s), "SELECT id, root, gen,"
	    " coalesce(last_date, 0) FROM threads ORDER BY id", -1, &st,
	    NULL) != SQLITE_OK)
		return (-1);
	while (sqlite3_step(st) == SQLITE_ROW) {
		if (mem->ntids == a) {
			a = a == 0 ? 4096 : a * 2;
			mem->tid = xreallocarray(mem->tid, a, sizeof *mem->tid);
			mem->troot = xreallocarray(mem->troot, a,
			    sizeof *mem->troot);
			mem->tgen = xreallocarray(mem->tgen, a,
			    sizeof *mem->tgen);
			mem->tlast = xreallocarray(mem->tlast, a,
			    sizeof *mem->tlast);
		}
		mem->tlast[mem->ntids] = (time_t)sqlite3_column_int64(st, 3);
		mem->tid[mem->ntids] = sqlite3_column_int64(st, 0);
		mem->troot[mem->ntids] = view_keep(mem,
		    sqlite3_column_text(st, 1));
		mem->tgen[mem->ntids++] = sqlite3_column_int64(st, 2);
	}
	sqlite3_finalize(st);
	mem->twant = xcalloc(mem->ntids + 1, 1);
	return (0);
}

/*
 * Run a query over the wanted threads: the whole table in one sequential
 * scan when many are wanted (rows of other threads are skipped by row),
 * else the threads one by one through an index (?1 is the thread).
 */
static int
view_each(struct store *s, struct view_mem *mem, int all, const char *sql,
    const char *sql_thread, void (*row)(struct view_mem *, sqlite3_stmt *))
{
	sqlite3_stmt	*st;
	size_t		 i;

	if (sqlite3_prepare_v2(store_db(s), all ? sql : sql_thread, -1, &st,
	    NULL) != SQLITE_OK)
		return (-1);
	if (all) {
		while (sqlite3_step(st) == SQLITE_ROW)
			row(mem, st);
	} else for (i = 0; i < mem->ntids; i++) {
		if (!mem->twant[i])
			continue;
		sqlite3_bind_int64(st, 1, mem->tid[i]);
		while (sqlite3_step(st) == SQLITE_ROW)
			row(mem, st);
		sqlite3_reset(st);
	}
	sqlite3_finalize(st);
	return (0);
}

static void
view_path_row(struct view_mem *mem, sqlite3_stmt *st)
{
	long long	thread;

	if ((thread = view_thread_of_row(mem, sqlite3_column_int64(st, 0))) !=
	    0)
		view_fact_add(&mem->paths, &mem->npaths, thread,
		    view_keep(mem, sqlite3_column_text(st, 1)));
}

static void
view_protocol_row(struct view_mem *mem, sqlite3_stmt *st)
{
	long long	thread = sqlite3_column_int64(st, 0);

	if (view_wanted(mem, thread))
		view_fact_add(&mem->protos, &mem->nprotos, thread,
		    view_keep(mem, sqlite3_column_text(st, 1)));
}

/* Only the lists of each thread's root message count. */
static void
view_list_row(struct view_mem *mem, sqlite3_stmt *st)
{
	const char	*root;
	ssize_t		 i;

	if ((i = view_row(mem, sqlite3_column_int64(st, 0))) < 0 ||
	    (root = view_root(mem, mem->scan_thread[i])) == NULL ||
	    strcmp(root, mem->scan_id[i]) != 0)
		return;
	view_fact_add(&mem->lists, &mem->nlists, mem->scan_thread[i],
	    view_keep(mem, sqlite3_column_text(st, 1)));
}

/*
 * Paths and protocols of the wanted threads, and the lists each thread's
 * root came through.
 */
static int
view_load_facts(struct store *s, struct view_mem *mem, int all)
{
	if (view_each(s, mem, all, "SELECT message, path FROM message_paths",
	    "SELECT p.message, p.path FROM messages m JOIN message_paths p"
	    " ON p.message = m.id WHERE m.thread = ?1", view_path_row) != 0 ||
	    view_each(s, mem, all, "SELECT thread, protocol FROM"
	    " thread_protocols", "SELECT thread, protocol FROM"
	    " thread_protocols WHERE thread = ?1", view_protocol_row) != 0 ||
	    view_each(s, mem, all, "SELECT message, list FROM message_lists",
	    "SELECT l.message, l.list FROM messages m JOIN message_lists l"
	    " ON l.message = m.id WHERE m.thread = ?1", view_list_row) != 0)
		return (-1);
	/* qsort(NULL, 0, ...) is undefined: empty databases exist. */
	if (mem->nlists > 0)
		qsort(mem->lists, mem->nlists, sizeof *mem->lists,
		    view_cmp_fact);
	if (mem->npaths > 0)
		qsort(mem->paths, mem->npaths, sizeof *mem->paths,
		    view_cmp_fact);
	if (mem->nprotos > 0)
		qsort(mem->protos, mem->nprotos, sizeof *mem->protos,
		    view_cmp_fact);
	if (mem->nposts > 0)
		qsort(mem->posts, mem->nposts, sizeof *mem->posts,
		    view_cmp_fact);
	return (0);
}

/* The first fact for key in a sorted array, or NULL. */
static const struct view_fact *
view_fact_first(const struct view_fact *v, size_t n, long long key,
    size_t *count)
{
	size_t	lo = 0, hi = n, mid, end;

	while (lo < hi) {
		mid = (lo + hi) / 2;
		if (v[mid].key < key)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (end = lo; end < n && v[end].key == key; end++)
		;
	*count = end - lo;
	return (lo < n && v[lo].key == key ? &v[lo] : NULL);
}

/*
 * The list a proposal belongs to, for per-list policy and roll-ups: the
 * list its root came through, the first by name when it was cross-posted.
 */
static const char *
view_list_of(const struct view_mem *mem, long long thread)
{
	const struct view_fact	*f;
	size_t			 n;

	f = view_fact_first(mem->lists, mem->nlists, thread, &n);
	return (f != NULL ? f->text : NULL);
}

static void
view_msg_row(struct view_mem *mem, sqlite3_stmt *st)
{
	if (view_wanted(mem, sqlite3_column_int64(st, 1)))
		view_add_msg(mem, st);
}

static struct view_mem *view_scan_mem;

static int
view_cmp_scan(const void *a, const void *b)
{
	long long	x = view_scan_mem->scan_rowid[*(const size_t *)a];
	long long	y = view_scan_mem->scan_rowid[*(const size_t *)b];

	return (x < y ? -1 : x > y);
}

/* Rows read thread by thread: in rowid order, to map paths by rowid. */
static void
view_sort_scan(struct view_mem *mem)
{
	size_t	*idx, i;

	for (i = 1; i < mem->nscan; i++)
		if (mem->scan_rowid[i - 1] > mem->scan_rowid[i])
			break;
	if (i >= mem->nscan)
		return;
	view_scan_mem = mem;
	idx = view_order(mem->nscan, view_cmp_scan);
	view_permute(&mem->scan_rowid, sizeof *mem->scan_rowid, idx,
	    mem->nscan);
	view_permute(&mem->scan_thread, sizeof *mem->scan_thread, idx,
	    mem->nscan);
	view_permute(&mem->scan_id, sizeof *mem->scan_id, idx, mem->nscan);
	free(idx);
}

/*
 * The messages of the wanted threads (with their facts): one scan of
 * the table when more than a few threads are wanted.
 */
static int
view_load_messages(struct store *s, struct view_mem *mem)
{
	int	all = mem->every || mem->nwanted > mem->ntids / 8;

	if (!mem->every && mem->nwanted == 0)
		return (0);
	if (view_load_git(s, mem) != 0)
		return (-1);
	if (view_each(s, mem, all, "SELECT m.id, m.thread,"
	    " m.message_id, m.parent, m.from_name, m.from_email, m.date,"
	    " m.kind, m.c_flags, m.vote, coalesce(m.posting, 0), m.subject,"
	    " coalesce(m.s_part, 99999), coalesce(m.window, 0)"
	    " FROM messages m WHERE m.present", "SELECT m.id, m.thread,"
	    " m.message_id, m.parent, m.from_name, m.from_email, m.date,"
	    " m.kind, m.c_flags, m.vote, coalesce(m.posting, 0), m.subject,"
	    " coalesce(m.s_part, 99999), coalesce(m.window, 0)"
	    " FROM messages m WHERE m.thread = ?1 AND m.present",
	    view_msg_row) != 0)
		return (-1);
	mem->scan_thread = xcalloc(mem->nmsgs + 1, sizeof *mem->scan_thread);
	if (mem->nmsgs > 0)
		memcpy(mem->scan_thread, mem->thread, mem->nmsgs * sizeof
		    *mem->thread);
	mem->nscan = mem->nmsgs;
	view_sort_scan(mem);
	view_sort_messages(mem);
	return (view_load_facts(s, mem, all));
}

static const struct view_thread *
view_thread(const struct view_mem *mem, long long id)
{
	size_t	lo = 0, hi = mem->nthreads, mid;

	while (lo < hi) {
		mid = (lo + hi) / 2;
		if (mem->threads[mid].id == id)
			return (&mem->threads[mid]);
		if (mem->threads[mid].id < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return (NULL);
}

/* The posting's name: its cover's subject, else patch 1's. */
static const char *
view_posting_subject(const struct view_mem *mem, long long posting)
{
	const struct view_fact	*f;
	size_t			 n, i;

	f = view_fact_first(mem->posts, mem->nposts, posting, &n);
	for (i = 0; i < n; i++)
		if (f[i].text != NULL)
			return (f[i].text);
	return ("");
}

/* A posting, as read from the store. */
struct view_posting {
	long long	 id, series, thread;
	int		 version;
	time_t		 date;
	const char	*author;
	const char	*root;
};

/* By series, version, date, id: each series' versions in order. */
static int
view_cmp_posting(const void *a, const void *b)
{
	const struct view_posting	*x = a, *y = b;

	if (x->series != y->series)
		return (x->series < y->series ? -1 : 1);
	if (x->version != y->version)
		return (x->version < y->version ? -1 : 1);
	if (x->date != y->date)
		return (x->date < y->date ? -1 : 1);
	return (x->id < y->id ? -1 : x->id > y->id);
}

static size_t
view_load_postings(struct store *s, struct view_mem *mem,
    struct view_posting **out)
{
	struct view_posting	*v = NULL;
	sqlite3_stmt		*st;
	size_t			 n = 0, a = 0;

	/*
	 * In table order, sorted here: SQLite would sort in a temp file.  A
	 * pull request asks to merge work reviewed elsewhere: no proposal.
	 */
	if (sqlite3_prepare_v2(store_db(s), "SELECT id, series, thread,"
	    " version, first_date, author FROM postings WHERE (flags & ?1) = 0",
	    -1, &st, NULL) != SQLITE_OK) {
		*out = NULL;
		return (0);
	}
	sqlite3_bind_int(st, 1, SERIES_PULL);
	while (sqlite3_step(st) == SQLITE_ROW) {
		if (n == a) {
			a = a == 0 ? 1024 : a * 2;
			v = xreallocarray(v, a, sizeof *v);
		}
		v[n].id = sqlite3_column_int64(st, 0);
		v[n].series = sqlite3_column_int64(st, 1);
		v[n].thread = sqlite3_column_int64(st, 2);
		v[n].version = sqlite3_column_int(st, 3);
		v[n].date = (time_t)sqlite3_column_int64(st, 4);
		v[n].author = view_keep(mem, sqlite3_column_text(st, 5));
		/* As the join did: a posting whose thread has no root is not. */
		if ((v[n].root = view_root(mem, v[n].thread)) == NULL)
			continue;
		n++;
	}
	sqlite3_finalize(st);
	if (n > 0)
		qsort(v, n, sizeof *v, view_cmp_posting);
	*out = v;
	return (n);
}

struct view_build {
	struct store			*s;
	struct view			*v;
	struct view_mem			*mem;
	const struct mail_command_ctx	*cmd;
	const struct protocols		*protocols;
};

static void
view_add_protocols(struct view_build *b, struct consensus_proposal *p,
    long long thread)
{
	const struct view_fact	*f;
	size_t			 n, i, j;
	int			 dup;

	f = view_fact_first(b->mem->protos, b->mem->nprotos, thread, &n);
	for (i = 0; i < n; i++) {
		for (j = 0, dup = 0; j < p->nprotocols; j++)
			dup |= strcmp(p->protocols[j], f[i].text) == 0;
		if (dup)
			continue;
		p->protocols = xreallocarray(p->protocols, p->nprotocols + 1,
		    sizeof *p->protocols);
		p->protocols[p->nprotocols++] = (char *)f[i].text;
	}
}

/* Paths touched in a thread, appended to *paths (borrowed strings). */
static void
view_add_paths(struct view_build *b, long long thread, char ***paths,
    size_t *n)
{
	const struct view_fact	*f;
	size_t			 count, i;

	f = view_fact_first(b->mem->paths, b->mem->npaths, thread, &count);
	for (i = 0; i < count; i++) {
		if (i > 0 && strcmp(f[i].text, f[i - 1].text) == 0)
			continue;
		*paths = xreallocarray(*paths, *n + 1, sizeof **paths);
		(*paths)[(*n)++] = (char *)f[i].text;
	}
}

/* Who may veto and who may apply, for a proposal touching paths. */
static void
view_people(struct view_build *b, struct consensus_proposal *p,
    char *const *paths, size_t npaths)
{
	const struct maintainers	*mt = b->cmd->mt;
	struct consensus_msg		*m;
	int				 design = strcmp(p->kind, "design") == 0;
	size_t				 i;

	for (i = 0; i < p->nmsgs; i++) {
		m = &p->msgs[i];
		if (mt == NULL || m->email == NULL) {
			/* No MAINTAINERS: nobody vetoes; anyone else applies. */
			m->committer = m->email != NULL && p->proposer != NULL &&
			    strcasecmp(m->email, p->proposer) != 0;
			continue;
		}
		m->stakeholder = (npaths > 0 && maintainers_is_maintainer(mt,
		    m->email, paths, npaths)) || (design &&
		    (mail_command_is_czar(b->cmd, m->email) ||
		    maintainers_in_section(mt, "THE REST", m->email)));
		m->committer = m->stakeholder || mail_command_is_czar(b->cmd,
		    m->email) || maintainers_in_section(mt, "THE REST",
		    m->email);
	}
}

static int
view_msg_cmp(const void *a, const void *b)
{
	const struct consensus_msg	*x = a, *y = b;

	if (x->date != y->date)
		return (x->date < y->date ? -1 : 1);
	return (strcmp(x->id, y->id));
}

static const struct consensus_msg *view_sort_msgs;

static int
view_cmp_by_id(const void *a, const void *b)
{
	return (strcmp(view_sort_msgs[*(const size_t *)a].id,
	    view_sort_msgs[*(const size_t *)b].id));
}

/*
 * Replies in msgs[base..n) with version 0 take the version of the nearest
 * message above them that has one: in a thread shared by several versions
 * (v2 sent in reply to v1), a reply to v2 answers v2.  The rest take
 * version.  Parents are found by binary search over the ids.
 */
static void
view_inherit_versions(struct consensus_msg *msgs, size_t base, size_t n,
    int version)
{
	size_t	*idx, i, lo, hi, mid, cnt = n - base;
	int	 changed = 1, c, rounds = 0;

	idx = xcalloc(cnt + 1, sizeof *idx);
	for (i = 0; i < cnt; i++)
		idx[i] = base + i;
	view_sort_msgs = msgs;
	qsort(idx, cnt, sizeof *idx, view_cmp_by_id);
	/* Each round settles one more generation; chains are short. */
	while (changed && rounds++ < 64) {
		changed = 0;
		for (i = base; i < n; i++) {
			if (msgs[i].version != 0 || msgs[i].parent == NULL)
				continue;
			for (lo = 0, hi = cnt; lo < hi; ) {
				mid = (lo + hi) / 2;
				c = strcmp(msgs[i].parent, msgs[idx[mid]].id);
				if (c == 0)
					break;
				if (c < 0)
					hi = mid;
				else
					lo = mid + 1;
			}
			if (lo < hi && msgs[idx[mid]].version != 0) {
				msgs[i].version = msgs[idx[mid]].version;
				changed = 1;
			}
		}
	}
	for (i = base; i < n; i++)
		if (msgs[i].version == 0)
			msgs[i].version = version;
	free(idx);
}

/* Postings by id, to find a message's own version quickly. */
struct view_versions {
	long long	*id;
	int		*version;
	size_t		 n;
};

static int
view_version_of(const struct view_versions *vv, long long posting, int dflt)
{
	ssize_t	i;

	if (vv == NULL || (i = view_find(vv->id, vv->n, posting)) < 0)
		return (dflt);
	return (vv->version[i]);
}

/*
 * The messages of a thread into p, each with the version it answers: its
 * own if it is a posting, else the version of the posting the thread
 * holds.  Callers take each thread once.
 */
static void
view_take_thread(struct view_build *b, struct consensus_proposal *p,
    const struct view_versions *vv, long long thread, int version)
{
	const struct view_thread	*t = view_thread(b->mem, thread);
	struct consensus_msg		*m;
	size_t				 i, base = p->nmsgs;

	if (t == NULL)
		return;
	p->msgs = xreallocarray(p->msgs, p->nmsgs + t->count, sizeof *p->msgs);
	for (i = 0; i < t->count; i++) {
		m = &p->msgs[p->nmsgs++];
		*m = b->mem->msgs[t->first + i];
		m->version = view_version_of(vv, b->mem->posting[t->first + i],
		    0);
		if (strcmp(m->kind, CLASSIFY_DESIGN) == 0 && m->parent == NULL)
			p->kind = "design";
		if (m->flags & CLASSIFY_F_DESIGN_DOC)
			p->kind = "design";
	}
	view_inherit_versions(p->msgs, base, p->nmsgs, version);
}

/*
 * What the mails and status need from a proposal's messages, kept apart
 * so that a proposal read from the evaluation cache has it without them:
 * the proposer's name, the first mail of this version (to answer when the
 * root is missing) and the newest mail by now.
 */
static void
view_derive(struct consensus_proposal *p, time_t now)
{
	const struct consensus_msg	*m;
	size_t				 i;

	p->news = p->start;
	for (i = 0; i < p->nmsgs; i++) {
		m = &p->msgs[i];
		if (p->proposer_name == NULL && p->proposer != NULL &&
		    m->email != NULL && m->name != NULL && *m->name != '\0' &&
		    strcasecmp(m->email, p->proposer) == 0)
			p->proposer_name = m->name;
		if (p->reply_to == NULL && m->version == p->version)
			p->reply_to = m->id;
		if (m->date <= now && m->date > p->news)
			p->news = m->date;
	}
	if (p->reply_to == NULL && p->nmsgs > 0)
		p->reply_to = p->msgs[0].id;
}

/* A protocol's specification: a design document or a public I/O header. */
static int
view_is_spec(const char *path)
{
	size_t	len = strlen(path);

	return (strncmp(path, "docs/designs/", 13) == 0 ||
	    strncmp(path, "xen/include/public/io/", 22) == 0 ||
	    (strncmp(path, "docs/misc/", 10) == 0 && len > 7 &&
	    strcmp(path + len - 7, ".pandoc") == 0));
}

static void
view_finish_proposal(struct view_build *b, struct consensus_proposal *p,
    char **paths, size_t npaths)
{
	size_t	i;

	if (p->nmsgs > 0)
		qsort(p->msgs, p->nmsgs, sizeof *p->msgs, view_msg_cmp);
	view_derive(p, b->v->now);
	for (i = 0; i < npaths; i++) {
		if (strcmp(paths[i], "SUPPORT.md") == 0)
			p->support_md = 1;
		if (view_is_spec(paths[i]))
			p->spec = 1;
	}
	view_people(b, p, paths, npaths);
	free(paths);
}

/* A new proposal, with its shape for the cache and where it came from. */
static struct consensus_proposal *
view_new_proposal(struct view_build *b, const char *shape, int cached)
{
	struct view	*v = b->v;
	struct view_mem	*mem = b->mem;

	if ((v->nproposals & (v->nproposals - 1)) == 0) {
		v->proposals = xreallocarray(v->proposals, v->nproposals == 0 ?
		    16 : v->nproposals * 2, sizeof *v->proposals);
		mem->shape = xreallocarray(mem->shape, v->nproposals == 0 ?
		    16 : v->nproposals * 2, sizeof *mem->shape);
		mem->cached = xreallocarray(mem->cached, v->nproposals == 0 ?
		    16 : v->nproposals * 2, sizeof *mem->cached);
		v->results = xreallocarray(v->results, v->nproposals == 0 ?
		    16 : v->nproposals * 2, sizeof *v->results);
	}
	memset(&v->results[v->nproposals], 0, sizeof *v->results);
	memset(&v->proposals[v->nproposals], 0, sizeof *v->proposals);
	mem->shape[v->nproposals] = shape;
	mem->cached[v->nproposals] = cached;
	return (&v->proposals[v->nproposals++]);
}

/* The window a posting names for itself ("within the next 14 days"). */
static long
view_window(struct view_build *b, long long posting)
{
	const struct view_fact	*f;
	size_t			 n, i;
	long			 w = 0;

	f = view_fact_first(b->mem->posts, b->mem->nposts, posting, &n);
	for (i = 0; i < n; i++)
		if (f[i].num > w)
			w = f[i].num;
	return (w);
}

static int
view_cmp_ll(const void *a, const void *b)
{
	long long	x = *(const long long *)a, y = *(const long long *)b;

	return (x < y ? -1 : x > y);
}

static void
view_versions_init(struct view_versions *vv, const struct view_posting *ps,
    size_t nps)
{
	long long	*pairs = xcalloc(2 * nps + 1, sizeof *pairs);
	size_t		 i;

	for (i = 0; i < nps; i++) {
		pairs[2 * i] = ps[i].id;
		pairs[2 * i + 1] = ps[i].version;
	}
	qsort(pairs, nps, 2 * sizeof *pairs, view_cmp_ll);
	vv->n = nps;
	vv->id = xcalloc(nps + 1, sizeof *vv->id);
	vv->version = xcalloc(nps + 1, sizeof *vv->version);
	for (i = 0; i < nps; i++) {
		vv->id[i] = pairs[2 * i];
		vv->version[i] = (int)pairs[2 * i + 1];
	}
	free(pairs);
}

/*
 * A proposal whose root never reached the list (patches that answer a
 * lost cover letter, a design that answers a missing mail) has no subject
 * or list of its own: it takes those of its first present message, by
 * part number then date.
 */
static void
view_orphan_facts(struct view_build *b, struct consensus_proposal *p,
    long long posting, long long thread)
{
	sqlite3_stmt	*st;
	const char	*sql;

	if (*p->subject != '\0' && p->list != NULL)
		return;
	sql = posting != 0 ? "SELECT subject, (SELECT min(list) FROM"
	    " message_lists WHERE message = m.id) FROM messages m"
	    " WHERE posting = ?1 AND present"
	    " ORDER BY coalesce(s_part, 0), date, id LIMIT 1" :
	    "SELECT subject, (SELECT min(list) FROM message_lists"
	    " WHERE message = m.id) FROM messages m"
	    " WHERE thread = ?1 AND present ORDER BY date, id LIMIT 1";
	if (sqlite3_prepare_v2(store_db(b->s), sql, -1, &st, NULL) !=
	    SQLITE_OK)
		return;
	sqlite3_bind_int64(st, 1, posting != 0 ? posting : thread);
	if (sqlite3_step(st) == SQLITE_ROW) {
		if (*p->subject == '\0' && sqlite3_column_text(st, 0) != NULL)
			p->subject = view_keep(b->mem,
			    sqlite3_column_text(st, 0));
		if (p->list == NULL && sqlite3_column_text(st, 1) != NULL)
			p->list = view_keep(b->mem, sqlite3_column_text(st, 1));
	}
	sqlite3_finalize(st);
}

/*
 * One series: every version is a proposal.  The newest reads the threads
 * of all versions (objections and acks carry over); older ones are
 * superseded and read only their own thread.
 */
static void
view_series(struct view_build *b, const struct view_posting *ps, size_t nps,
    size_t slot)
{
	struct consensus_proposal	*p;
	struct view_versions		 vv;
	long long			*seen;
	char				**paths;
	size_t				  i, j, k, nseen, npaths;

	view_versions_init(&vv, ps, nps);
	seen = xcalloc(nps + 1, sizeof *seen);
	for (i = 0; i < nps; i++) {
		p = &b->v->proposals[slot + i];	/* placed by view_plan */
		p->root = ps[i].root;
		p->subject = view_posting_subject(b->mem, ps[i].id);
		p->kind = "series";
		p->version = ps[i].version;
		p->start = ps[i].date;
		p->proposer = ps[i].author;
		p->list = view_list_of(b->mem, ps[i].thread);
		view_orphan_facts(b, p, ps[i].id, ps[i].thread);
		p->window = view_window(b, ps[i].id);
		if (i + 1 < nps)
			p->superseded_at = ps[nps - 1].date;
		paths = NULL;
		npaths = nseen = 0;
		for (j = i + 1 < nps ? i : 0; j < nps; j++) {
			for (k = 0; k < nseen && seen[k] != ps[j].thread; k++)
				;
			if (k < nseen)
				continue;
			seen[nseen++] = ps[j].thread;
			view_take_thread(b, p, &vv, ps[j].thread,
			    ps[j].version);
			view_add_paths(b, ps[j].thread, &paths, &npaths);
			if (i + 1 < nps)
				break;
		}
		view_add_protocols(b, p, ps[i].thread);
		view_finish_proposal(b, p, paths, npaths);
	}
	free(seen);
	free(vv.id);
	free(vv.version);
}

/* A root message's subject and the window it names. */
static void
view_message_facts(struct view_build *b, struct consensus_proposal *p,
    const char *msgid)
{
	sqlite3_stmt	*st;

	p->subject = "";
	st = store_stmt(b->s, STORE_MSG_FACTS);
	sqlite3_bind_text(st, 1, msgid, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW) {
		p->subject = view_keep(b->mem, sqlite3_column_text(st, 0));
		p->window = sqlite3_column_int64(st, 1);
	}
	sqlite3_reset(st);
}

/* A design proposal's shape: the thread it is. */
static const char *
view_design_shape(struct view_mem *mem, long long thread)
{
	char	buf[32];

	snprintf(buf, sizeof buf, "d %lld", thread);
	return (view_keep(mem, (const unsigned char *)buf));
}

/* A design thread that is not a posting: an untagged proposal mail. */
static void
view_design(struct view_build *b, const struct view_thread *t)
{
	struct consensus_proposal	*p;
	const struct consensus_msg	*first = &b->mem->msgs[t->first];
	char				**paths;
	size_t				  npaths;

	if (strcmp(first->kind, CLASSIFY_DESIGN) != 0 ||
	    b->mem->posting[t->first] != 0)
		return;
	/* Like postings, a proposal not yet sent at now is not (yet). */
	if (first->date > b->v->now) {
		if (b->mem->design_horizon == 0 ||
		    first->date < b->mem->design_horizon)
			b->mem->design_horizon = first->date;
		return;
	}
	p = view_new_proposal(b, view_design_shape(b->mem, t->id), 0);
	p->root = first->id;
	view_message_facts(b, p, first->id);
	p->kind = "design";
	p->version = 1;
	p->start = first->date;
	p->proposer = first->email;
	p->list = view_list_of(b->mem, t->id);
	view_orphan_facts(b, p, 0, t->id);
	paths = NULL;
	npaths = 0;
	view_take_thread(b, p, NULL, t->id, 1);
	view_add_paths(b, t->id, &paths, &npaths);
	view_add_protocols(b, p, t->id);
	view_finish_proposal(b, p, paths, npaths);
}

/* A proposal read from the evaluation cache, waiting for its place. */
struct view_cached {
	long long		 thread;	/* a design's */
	const char		*shape;
	struct store_evalcache_entry	*entry;
	struct consensus_proposal p;
	struct consensus_result	 r;
};

/* Which proposals the cache gives, and so which threads must be read. */
struct view_plan {
	struct view_posting	*ps;		/* postings by series, version */
	size_t			 nps;
	const char		**shape;	/* per posting */
	size_t			*slot;		/* per posting: its proposal */
	struct view_cached	*designs;	/* by thread */
	size_t			 ndesigns;
};

/*
 * Read an entry into p and r if it may be reused; -1 otherwise (p and r
 * then hold nothing to free: what decode took is in the view's arena).
 */
static int
view_reuse(struct view_build *b, const struct store_evalcache_entry *e,
    long long gen, struct consensus_proposal *p, struct consensus_result *r)
{
	const char	*root = p->root;
	int		 version = p->version;

	if (e == NULL || !store_evalcache_valid(e, gen, b->v->now))
		return (-1);
	if (store_evalcache_decode(e, p, r, view_alloc, b->mem) != 0)
		return (-1);	/* damaged: evaluated again, and replaced */
	p->root = root;
	p->version = version;
	return (0);
}

static void
view_add_cached(struct view_build *b, struct view_cached *c)
{
	struct consensus_proposal	*p;
	size_t				 i;

	p = view_new_proposal(b, c->shape, 1);
	*p = c->p;
	i = (size_t)(p - b->v->proposals);
	b->v->results[i] = c->r;
	c->entry->used = 1;
	b->mem->ec.nreused++;
}

/*
 * A series proposal's shape: the posting, its start, its newer version
 * and the threads it reads (all versions' for the newest); *gen is their
 * newest change stamp.
 */
static const char *
view_series_shape(struct view_mem *mem, const struct view_posting *ps,
    size_t n, size_t k, long long *gen)
{
	struct buf	 sb;
	const char	*shape;
	long long	 g;
	size_t		 i, j;

	buf_init(&sb);
	buf_addstr(&sb, "s ");
	buf_add_ll(&sb, ps[k].id);
	buf_addch(&sb, ' ');
	buf_add_ll(&sb, (long long)ps[k].date);
	buf_addch(&sb, ' ');
	buf_add_ll(&sb, k + 1 < n ? (long long)ps[n - 1].date : 0);
	buf_addch(&sb, ' ');
	buf_addstr(&sb, ps[k].author);
	buf_addstr(&sb, " :");
	*gen = LLONG_MIN;
	for (i = k + 1 < n ? k : 0; i < n; i++) {
		for (j = k + 1 < n ? i : 0; j < i && ps[j].thread !=
		    ps[i].thread; j++)
			;
		if (j < i)
			continue;
		buf_addch(&sb, ' ');
		buf_add_ll(&sb, ps[i].thread);
		if ((g = view_gen(mem, ps[i].thread)) > *gen)
			*gen = g;
		if (k + 1 < n)
			break;
	}
	shape = view_keep(mem, (const unsigned char *)sb.data);
	buf_release(&sb);
	return (shape);
}

/* A series to evaluate: its threads, and every thread its mail is in. */
static void
view_want_series(struct view_build *b, const struct view_posting *ps,
    size_t n)
{
	sqlite3_stmt	*st = NULL;
	size_t		 i;

	(void)sqlite3_prepare_v2(store_db(b->s), "SELECT DISTINCT thread"
	    " FROM messages WHERE posting = ?1", -1, &st, NULL);
	for (i = 0; i < n; i++) {
		view_want(b->mem, ps[i].thread);
		if (st == NULL)
			continue;
		sqlite3_bind_int64(st, 1, ps[i].id);
		while (sqlite3_step(st) == SQLITE_ROW)
			view_want(b->mem, sqlite3_column_int64(st, 0));
		sqlite3_reset(st);
	}
	sqlite3_finalize(st);
}

/*
 * One series' versions by now: all from the cache, or none.  Their
 * proposals take their places now, in the order a full evaluation gives
 * them; those not cached are filled once their messages are read.
 */
static void
view_plan_series(struct view_build *b, struct view_plan *pl, size_t i,
    size_t n)
{
	struct view		*v = b->v;
	struct view_posting	*ps = pl->ps + i;
	struct store_evalcache_entry	*e, **used;
	struct consensus_proposal *p;
	long long		 gen;
	size_t			 k, slot;
	int			 all = !b->mem->every;

	used = xcalloc(n + 1, sizeof *used);
	for (k = 0; k < n; k++) {
		pl->shape[i + k] = view_series_shape(b->mem, ps, n, k, &gen);
		p = view_new_proposal(b, pl->shape[i + k], 0);
		pl->slot[i + k] = slot = v->nproposals - 1;
		p->root = ps[k].root;
		p->version = ps[k].version;
		if (!all)
			continue;
		e = used[k] = store_evalcache_find(&b->mem->ec, ps[k].root,
		    ps[k].version, pl->shape[i + k]);
		all = view_reuse(b, e, gen, p, &v->results[slot]) == 0;
	}
	for (k = 0; k < n; k++) {
		slot = pl->slot[i + k];
		if (all) {
			b->mem->cached[slot] = 1;
			used[k]->used = 1;
			b->mem->ec.nreused++;
			continue;
		}
		memset(&v->proposals[slot], 0, sizeof v->proposals[slot]);
		memset(&v->results[slot], 0, sizeof v->results[slot]);
	}
	free(used);
	/* Cold, every thread is read anyway. */
	if (!all && !b->mem->every)
		view_want_series(b, ps, n);
}

/* Cached designs still good; the threads of the others are read again. */
static void
view_plan_designs(struct view_build *b, struct view_plan *pl)
{
	struct evalcache	*ec = &b->mem->ec;
	struct view_cached	*c;
	long long		 thread;
	size_t			 i;

	for (i = 0; i < ec->n; i++) {
		if (sscanf(ec->e[i].shape, "d %lld", &thread) != 1)
			continue;
		if ((pl->ndesigns & (pl->ndesigns - 1)) == 0)
			pl->designs = xreallocarray(pl->designs, pl->ndesigns ==
			    0 ? 16 : pl->ndesigns * 2, sizeof *pl->designs);
		c = &pl->designs[pl->ndesigns];
		memset(c, 0, sizeof *c);
		c->p.root = ec->e[i].root;
		c->p.version = 1;
		if (view_reuse(b, &ec->e[i], view_gen(b->mem, thread), &c->p,
		    &c->r) != 0) {
			view_want(b->mem, thread);
			continue;
		}
		c->entry = &ec->e[i];
		c->shape = ec->e[i].shape;
		c->thread = thread;
		pl->ndesigns++;
	}
}

static int
view_cmp_cached(const void *a, const void *b)
{
	const struct view_cached	*x = a, *y = b;

	return (x->thread < y->thread ? -1 : x->thread > y->thread);
}

/*
 * What the cache gives and which threads must be read: every thread
 * changed since the cache was written, and those of proposals it cannot
 * give.  Cold, every thread is read.
 */
static void
view_plan(struct view_build *b, struct view_plan *pl)
{
	struct view_mem	*mem = b->mem;
	size_t		 i, j;

	pl->shape = xcalloc(pl->nps + 1, sizeof *pl->shape);
	pl->slot = xcalloc(pl->nps + 1, sizeof *pl->slot);
	for (i = 0; i < pl->nps; i = j) {
		for (j = i; j < pl->nps && pl->ps[j].series ==
		    pl->ps[i].series && pl->ps[j].date <= b->v->now; j++)
			;
		if (j > i)
			view_plan_series(b, pl, i, j - i);
		while (j < pl->nps && pl->ps[j].series == pl->ps[i].series)
			j++;
	}
	if (mem->every)
		return;
	view_plan_designs(b, pl);
	if (pl->ndesigns > 0)
		qsort(pl->designs, pl->ndesigns, sizeof *pl->designs,
		    view_cmp_cached);
	for (i = 0; i < mem->ntids; i++)
		if (mem->tgen[i] >= mem->ec.seen && !mem->twant[i]) {
			mem->twant[i] = 1;
			mem->nwanted++;
		}
}

/* The series the cache did not give, from their messages, in their places. */
static void
view_build_series(struct view_build *b, struct view_plan *pl)
{
	size_t	i, j;

	for (i = 0; i < pl->nps; i = j) {
		for (j = i; j < pl->nps && pl->ps[j].series ==
		    pl->ps[i].series && pl->ps[j].date <= b->v->now; j++)
			;
		if (j > i && !b->mem->cached[pl->slot[i]])
			view_series(b, pl->ps + i, j - i, pl->slot[i]);
		while (j < pl->nps && pl->ps[j].series == pl->ps[i].series)
			j++;
	}
}

/*
 * The design proposals, read or cached, in thread order as one evaluation
 * of everything would give them (protocol states name the first).
 */
static void
view_designs(struct view_build *b, struct view_plan *pl)
{
	const struct view_thread	*t = b->mem->threads;
	size_t				 i = 0, j = 0, n = b->mem->nthreads;

	while (i < n || j < pl->ndesigns) {
		if (j < pl->ndesigns && (i == n ||
		    pl->designs[j].thread < t[i].id))
			view_add_cached(b, &pl->designs[j++]);
		else {
			/* Read again anyway (another proposal's thread). */
			if (j < pl->ndesigns && pl->designs[j].thread ==
			    t[i].id)
				j++;
			view_design(b, &t[i++]);
		}
	}
}

static void
view_plan_free(struct view_plan *pl)
{
	/* What the cached proposals hold lives in the view's arena. */
	free(pl->designs);
	free(pl->slot);
	free(pl->shape);
	free(pl->ps);
}

static void
view_protocol_facts(struct view_build *b, struct view_protocol *vp)
{
	sqlite3_stmt	*st;

	vp->in.stage = CONSENSUS_STAGE_DESIGN;
	if (sqlite3_prepare_v2(store_db(b->s), "SELECT stage, since FROM"
	    " protocol_stages WHERE name = ?1", -1, &st, NULL) == SQLITE_OK) {
		sqlite3_bind_text(st, 1, vp->in.name, -1, SQLITE_STATIC);
		if (sqlite3_step(st) == SQLITE_ROW) {
			vp->in.stage = view_keep(b->mem,
			    sqlite3_column_text(st, 0));
			vp->in.since = (time_t)sqlite3_column_int64(st, 1);
		}
		sqlite3_finalize(st);
	}
}

/*
 * Each protocol's newest mail by now, in one scan of the bindings (a join
 * per protocol read the threads at random).
 */
static void
view_protocol_activity(struct view_build *b)
{
	struct view	*v = b->v;
	struct view_mem	*mem = b->mem;
	sqlite3_stmt	*st;
	const char	*name;
	ssize_t		 t;
	size_t		 i;

	if (sqlite3_prepare_v2(store_db(b->s), "SELECT thread, protocol FROM"
	    " thread_protocols", -1, &st, NULL) != SQLITE_OK)
		return;
	while (sqlite3_step(st) == SQLITE_ROW) {
		if ((t = view_find(mem->tid, mem->ntids,
		    sqlite3_column_int64(st, 0))) < 0 || mem->tlast[t] > v->now)
			continue;
		name = (const char *)sqlite3_column_text(st, 1);
		for (i = 0; i < v->nprotocols; i++) {
			if (strcmp(v->protocols[i].in.name, name) != 0)
				continue;
			if (mem->tlast[t] > v->protocols[i].in.last_activity)
				v->protocols[i].in.last_activity =
				    mem->tlast[t];
			break;
		}
	}
	sqlite3_finalize(st);
}

/* Proposals bound to each protocol, in proposal order. */
struct view_bindings {
	const struct consensus_proposal	**ps;
	const struct consensus_result	**rs;
	size_t				  n, a;
};

static void
view_bind(struct view_bindings *vb, const struct consensus_proposal *p,
    const struct consensus_result *r)
{
	if (vb->n == vb->a) {
		vb->a = vb->a == 0 ? 16 : vb->a * 2;
		vb->ps = xreallocarray(vb->ps, vb->a, sizeof *vb->ps);
		vb->rs = xreallocarray(vb->rs, vb->a, sizeof *vb->rs);
	}
	vb->ps[vb->n] = p;
	vb->rs[vb->n++] = r;
}

/*
 * Every protocol's state from the proposals bound to it, found in one pass
 * over the proposals (one pass per protocol compared names 10^6 times).
 */
static void
view_protocols(struct view_build *b, const struct policy *pol)
{
	struct view_bindings	*vb;
	struct view_protocol	*vp;
	struct view		*v = b->v;
	const char		*name;
	size_t			 i, j, k;

	v->nprotocols = b->protocols != NULL ? protocols_count(b->protocols) : 0;
	v->protocols = xcalloc(v->nprotocols + 1, sizeof *v->protocols);
	vb = xcalloc(v->nprotocols + 1, sizeof *vb);
	for (i = 0; i < v->nprotocols; i++) {
		vp = &v->protocols[i];
		vp->in.name = protocols_get(b->protocols, i)->name;
		vp->title = protocols_get(b->protocols, i)->title;
		view_protocol_facts(b, vp);
	}
	view_protocol_activity(b);
	for (j = 0; j < v->nproposals; j++) {
		if (v->proposals[j].start > v->now || strcmp(
		    v->results[j].verdict, CONSENSUS_SUPERSEDED) == 0)
			continue;
		for (k = 0; k < v->proposals[j].nprotocols; k++) {
			name = v->proposals[j].protocols[k];
			/* A name twice on a proposal binds it once. */
			for (i = 0; i < k && strcmp(name,
			    v->proposals[j].protocols[i]) != 0; i++)
				;
			if (i < k)
				continue;
			for (i = 0; i < v->nprotocols &&
			    strcmp(v->protocols[i].in.name, name) != 0; i++)
				;
			if (i < v->nprotocols)
				view_bind(&vb[i], &v->proposals[j],
				    &v->results[j]);
		}
	}
	for (i = 0; i < v->nprotocols; i++) {
		vp = &v->protocols[i];
		vp->nproposals = vb[i].n;
		consensus_protocol_evaluate(pol, &vp->in, vb[i].ps, vb[i].rs,
		    vb[i].n, v->now, &vp->out);
		free(vb[i].ps);
		free(vb[i].rs);
	}
	free(vb);
}

/* Evaluate what the cache did not give, and queue it for the cache. */
static void
view_evaluate(struct view *v, const struct policy *pol)
{
	struct view_mem	*mem = v->mem;
	size_t		 i;

	for (i = 0; i < v->nproposals; i++) {
		if (mem->cached[i])
			continue;
		consensus_evaluate(pol, &v->proposals[i], v->now,
		    &v->results[i]);
		store_evalcache_put(&mem->ec, &v->proposals[i], &v->results[i],
		    mem->shape[i], consensus_horizon(&v->proposals[i],
		    &v->results[i], v->now));
	}
}

int
view_load(struct store *s, const struct policy *pol,
    const struct protocols *protocols, const struct mail_command_ctx *cmd,
    time_t now, int fresh, struct view *v, char **cause)
{
	struct view_build	 b;
	struct view_plan	 pl;
	struct view_mem		*mem;

	memset(v, 0, sizeof *v);
	memset(&pl, 0, sizeof pl);
	v->now = now;
	v->mem = mem = xcalloc(1, sizeof (struct view_mem));
	b.s = s;
	b.v = v;
	b.mem = mem;
	b.cmd = cmd;
	b.protocols = protocols;
	if (store_evalcache_begin(s, cmd->cf, now, fresh, &mem->ec, cause) != 0)
		return (-1);
	mem->have_ec = 1;
	mem->every = mem->ec.cold;
	/* One read transaction: a consistent snapshot, and no lock churn. */
	sqlite3_exec(store_db(s), "BEGIN", NULL, NULL, NULL);
	if (view_load_threads(s, mem) != 0)
		goto db;
	/* Postings not yet posted at now do not exist for the engine. */
	pl.nps = view_load_postings(s, mem, &pl.ps);
	view_plan(&b, &pl);
	if (view_load_messages(s, mem) != 0)
		goto db;
	view_build_series(&b, &pl);
	view_designs(&b, &pl);
	view_plan_free(&pl);
	sqlite3_exec(store_db(s), "COMMIT", NULL, NULL, NULL);
	view_evaluate(v, pol);
	view_protocols(&b, pol);
	log_debug(LOG_DEBUG_STORE, "evaluation at %lld: %zu proposals, %zu "
	    "from the cache; %zu of %zu threads read", (long long)now,
	    v->nproposals, mem->ec.nreused, mem->every ? mem->ntids :
	    mem->nwanted, mem->ntids);
	return (0);
db:
	*cause = xasprintf("database: %s", sqlite3_errmsg(store_db(s)));
	sqlite3_exec(store_db(s), "ROLLBACK", NULL, NULL, NULL);
	view_plan_free(&pl);
	return (-1);
}

void
view_free(struct view *v)
{
	struct view_mem	*mem = v->mem;
	size_t		 i;

	for (i = 0; i < v->nproposals; i++) {
		if (mem != NULL && mem->cached[i])
			continue;	/* in the arena */
		free(v->proposals[i].msgs);
		free(v->proposals[i].protocols);
		consensus_result_free(&v->results[i]);
	}
	free(v->proposals);
	free(v->results);
	free(v->protocols);
	if (mem != NULL) {
		for (i = 0; i < mem->nstrings; i++)
			free(mem->strings[i]);
		free(mem->strings);
		free(mem->msgs);
		free(mem->posting);
		free(mem->thread);
		free(mem->threads);
		free(mem->scan_rowid);
		free(mem->scan_thread);
		free(mem->paths);
		free(mem->protos);
		free(mem->lists);
		free(mem->scan_id);
		free(mem->tid);
		free(mem->troot);
		free(mem->tgen);
		free(mem->tlast);
		free(mem->twant);
		free(mem->shape);
		free(mem->cached);
		if (mem->have_ec)
			store_evalcache_free(&mem->ec);
		free(mem->posts);
		free(mem->git);
		free(mem);
	}
	memset(v, 0, sizeof *v);
}

const char *
view_protocol_stage(const struct view *v, const char *name)
{
	size_t	i;

	for (i = 0; i < v->nprotocols; i++)
		if (strcmp(v->protocols[i].in.name, name) == 0)
			return (v->protocols[i].in.stage);
	return (CONSENSUS_STAGE_DESIGN);
}

static int
view_event(struct store *s, const char *key, time_t at, const char *kind,
    const char *subject, json_t *detail)
{
	sqlite3_stmt	*st;
	char		*d = json_dumps(detail, JSON_COMPACT | JSON_SORT_KEYS);
	int		 added = 0;

	json_decref(detail);
	st = store_stmt(s, STORE_EVENT_ADD);
	sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, (sqlite3_int64)at);
	sqlite3_bind_text(st, 3, kind, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, subject, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 5, d, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_DONE)
		added = sqlite3_changes(store_db(s));
	sqlite3_reset(st);
	free(d);
	return (added);
}

/*
 * What the log already holds, read in two sequential scans before the
 * proposals are gone through (a lookup per proposal was a third of a warm
 * status): the verdicts recorded, and the stale objections logged.
 */
struct view_logged {
	const char	**root;		/* verdicts, by root and version */
	int		 *version;
	const char	**verdict;
	size_t		  nverdicts;
	const char	**stale;	/* event keys "stale:...", sorted */
	size_t		  nstale;
};

static void
view_logged_load(struct store *s, struct view_mem *mem, struct view_logged *lg)
{
	sqlite3_stmt	*st;
	size_t		 a = 0;

	memset(lg, 0, sizeof *lg);
	if (sqlite3_prepare_v2(store_db(s), "SELECT root, version, verdict"
	    " FROM verdicts ORDER BY root, version", -1, &st, NULL) ==
	    SQLITE_OK) {
		while (sqlite3_step(st) == SQLITE_ROW) {
			if (lg->nverdicts == a) {
				a = a == 0 ? 1024 : a * 2;
				lg->root = xreallocarray(lg->root, a,
				    sizeof *lg->root);
				lg->version = xreallocarray(lg->version, a,
				    sizeof *lg->version);
				lg->verdict = xreallocarray(lg->verdict, a,
				    sizeof *lg->verdict);
			}
			lg->root[lg->nverdicts] = view_keep(mem,
			    sqlite3_column_text(st, 0));
			lg->version[lg->nverdicts] = sqlite3_column_int(st, 1);
			lg->verdict[lg->nverdicts++] = view_keep(mem,
			    sqlite3_column_text(st, 2));
		}
		sqlite3_finalize(st);
	}
	a = 0;
	if (sqlite3_prepare_v2(store_db(s), "SELECT key FROM events WHERE"
	    " key >= 'stale:' AND key < 'stale;' ORDER BY key", -1, &st,
	    NULL) == SQLITE_OK) {
		while (sqlite3_step(st) == SQLITE_ROW) {
			if (lg->nstale == a) {
				a = a == 0 ? 1024 : a * 2;
				lg->stale = xreallocarray(lg->stale, a,
				    sizeof *lg->stale);
			}
			lg->stale[lg->nstale++] = view_keep(mem,
			    sqlite3_column_text(st, 0));
		}
		sqlite3_finalize(st);
	}
}

static void
view_logged_free(struct view_logged *lg)
{
	free(lg->root);
	free(lg->version);
	free(lg->verdict);
	free(lg->stale);
}

/* Where the log's verdict for root and version is, or -1. */
static ssize_t
view_logged_verdict(const struct view_logged *lg, const char *root,
    int version)
{
	size_t	lo = 0, hi = lg->nverdicts, mid;
	int	c;

	while (lo < hi) {
		mid = (lo + hi) / 2;
		if ((c = strcmp(root, lg->root[mid])) == 0)
			c = version < lg->version[mid] ? -1 :
			    version > lg->version[mid];
		if (c == 0)
			return ((ssize_t)mid);
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return (-1);
}

static int
view_logged_stale(const struct view_logged *lg, const char *key)
{
	size_t	lo = 0, hi = lg->nstale, mid;
	int	c;

	while (lo < hi) {
		mid = (lo + hi) / 2;
		if ((c = strcmp(key, lg->stale[mid])) == 0)
			return (1);
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return (0);
}

/*
 * The verdict recorded last for a proposal, or NULL: the log as read, or
 * (for a proposal first recorded by this evaluation) the table.
 */
static char *
view_last_verdict(struct store *s, const struct view_logged *lg,
    const struct consensus_proposal *p)
{
	sqlite3_stmt	*st;
	char		*v = NULL;
	ssize_t		 i;

	if ((i = view_logged_verdict(lg, p->root, p->version)) >= 0)
		return (xstrdup(lg->verdict[i]));
	st = store_stmt(s, STORE_VERDICT_GET);
	sqlite3_bind_text(st, 1, p->root, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 2, p->version);
	if (sqlite3_step(st) == SQLITE_ROW)
		v = xstrdup((const char *)sqlite3_column_text(st, 0));
	sqlite3_reset(st);
	return (v);
}

static int
view_verdict_event(struct store *s, const struct view *v,
    struct view_logged *lg, size_t i)
{
	const struct consensus_proposal	*p = &v->proposals[i];
	const struct consensus_result	*r = &v->results[i];
	sqlite3_stmt			*st;
	char				*last, *key;
	ssize_t				 at;
	int				 added;

	last = view_last_verdict(s, lg, p);
	if (last != NULL && strcmp(last, r->verdict) == 0) {
		free(last);
		return (0);
	}
	key = xasprintf("verdict:%s:v%d:%s:%s", p->root, p->version,
	    last != NULL ? last : "", r->verdict);
	added = view_event(s, key, v->now, "verdict", p->root, json_pack(
	    "{s:i, s:s, s:o, s:s, s:s}", "version", p->version, "subject",
	    p->subject, "from", last != NULL ? json_string(last) : json_null(),
	    "to", r->verdict, "reason", r->reason));
	free(key);
	free(last);
	st = store_stmt(s, STORE_VERDICT_PUT);
	sqlite3_bind_text(st, 1, p->root, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 2, p->version);
	sqlite3_bind_text(st, 3, r->verdict, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 4, (sqlite3_int64)v->now);
	(void)sqlite3_step(st);
	sqlite3_reset(st);
	/* The next proposal with this root and version reads this one. */
	if ((at = view_logged_verdict(lg, p->root, p->version)) >= 0)
		lg->verdict[at] = r->verdict;
	return (added);
}

static int
view_stale_events(struct store *s, const struct view *v,
    const struct view_logged *lg, size_t i)
{
	const struct consensus_objection	*o;
	char					*key, when[32];
	int					 added = 0;
	size_t					 j;

	/* An old version's objections live on in the newest one. */
	if (strcmp(v->results[i].verdict, CONSENSUS_SUPERSEDED) == 0)
		return (0);
	for (j = 0; j < v->results[i].nobjections; j++) {
		o = &v->results[i].objections[j];
		if (strcmp(o->state, "stale") != 0)
			continue;
		key = xasprintf("stale:%s", o->message_id);
		if (view_logged_stale(lg, key)) {
			free(key);	/* logged before: nothing to add */
			continue;
		}
		datetime_format_iso(o->reply_by, when, sizeof when);
		added += view_event(s, key, v->now, "stale",
		    v->proposals[i].root, json_pack("{s:s, s:s, s:s, s:s, s:s}",
		    "subject", v->proposals[i].subject, "by", o->email, "who",
		    o->name != NULL ? o->name : "", "message_id",
		    o->message_id, "reply_by", when));
		free(key);
	}
	return (added);
}

/* Ripe and stalled protocols: one reminder per P, until acted on. */
static int
view_reminder_events(struct store *s, const struct view *v,
    const struct policy *pol)
{
	const struct view_protocol	*vp;
	char				*key;
	int				 added = 0;
	size_t				 i;

	for (i = 0; i < v->nprotocols; i++) {
		vp = &v->protocols[i];
		if (strcmp(vp->out.state, CONSENSUS_RIPE) != 0 &&
		    strcmp(vp->out.state, CONSENSUS_STALLED) != 0)
			continue;
		key = xasprintf("remind:%s:%s:%s:%lld", vp->in.name,
		    vp->in.stage, vp->out.state, (long long)(v->now /
		    pol->remind));
		added += view_event(s, key, v->now, "reminder", vp->in.name,
		    json_pack("{s:s, s:s, s:s}", "stage", vp->in.stage, "state",
		    vp->out.state, "reason", vp->out.reason));
		free(key);
	}
	return (added);
}

/* Whether events found at now may be kept: not before the newest kept. */
static int
view_may_keep(struct store *s, time_t now)
{
	sqlite3_stmt	*st;
	int		 ok = 1;

	if (sqlite3_prepare_v2(store_db(s), "SELECT coalesce(kept, 0) <= ?1"
	    " FROM eval_state", -1, &st, NULL) != SQLITE_OK)
		return (0);
	sqlite3_bind_int64(st, 1, (sqlite3_int64)now);
	if (sqlite3_step(st) == SQLITE_ROW)
		ok = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return (ok);
}

static void
view_set_kept(struct store *s, time_t now)
{
	sqlite3_stmt	*st;

	if (sqlite3_prepare_v2(store_db(s), "UPDATE eval_state SET kept = ?1",
	    -1, &st, NULL) != SQLITE_OK)
		return;
	sqlite3_bind_int64(st, 1, (sqlite3_int64)now);
	sqlite3_step(st);
	sqlite3_finalize(st);
}

int
view_record_events(struct store *s, const struct view *v,
    const struct policy *pol, int how, char **cause)
{
	struct view_mem		*mem = v->mem;
	struct view_logged	 lg;
	int			 added = 0;
	size_t			 i;

	store_begin(s);
	if (how != VIEW_EVENTS_NONE && view_may_keep(s, v->now)) {
		view_logged_load(s, mem, &lg);
		for (i = 0; i < v->nproposals; i++) {
			added += view_verdict_event(s, v, &lg, i);
			added += view_stale_events(s, v, &lg, i);
		}
		view_logged_free(&lg);
		added += view_reminder_events(s, v, pol);
		view_set_kept(s, v->now);
	}
	if (mem->have_ec && store_evalcache_commit(s, &mem->ec, v->now,
	    mem->design_horizon, cause) != 0) {
		sqlite3_exec(store_db(s), "ROLLBACK", NULL, NULL, NULL);
		return (-1);
	}
	if (how != VIEW_EVENTS_TRY && store_commit(s, cause) != 0)
		return (-1);
	return (added);
}

int
store_promote(struct store *s, const struct protocols *ps, const char *name,
    const char *stage, time_t at, const char *by, const char *reason,
    const char *msgid, char **cause)
{
	const struct protocol	*p;
	sqlite3_stmt		*st;
	char			*key;

	if ((p = protocols_find(ps, name)) == NULL) {
		*cause = xasprintf("%s: no such protocol in protocols.conf",
		    name);
		return (-1);
	}
	if (!consensus_is_stage(stage)) {
		*cause = xasprintf("%s: not a stage (design, prototype, "
		    "production)", stage);
		return (-1);
	}
	if (sqlite3_prepare_v2(store_db(s), "INSERT OR REPLACE INTO"
	    " protocol_stages (name, stage, since, by_email, reason)"
	    " VALUES (?1, ?2, ?3, ?4, ?5)", -1, &st, NULL) != SQLITE_OK)
		goto db;
	sqlite3_bind_text(st, 1, p->name, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, stage, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 3, (sqlite3_int64)at);
	sqlite3_bind_text(st, 4, by, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 5, reason, -1, SQLITE_STATIC);
	sqlite3_step(st);
	sqlite3_finalize(st);
	if (sqlite3_prepare_v2(store_db(s), "INSERT INTO protocol_history"
	    " (name, stage, at, by_email, reason, message_id)"
	    " VALUES (?1, ?2, ?3, ?4, ?5, ?6)", -1, &st, NULL) != SQLITE_OK)
		goto db;
	sqlite3_bind_text(st, 1, p->name, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, stage, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 3, (sqlite3_int64)at);
	sqlite3_bind_text(st, 4, by, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 5, reason, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 6, msgid, -1, SQLITE_STATIC);
	sqlite3_step(st);
	sqlite3_finalize(st);
	key = xasprintf("promote:%s:%s:%lld", p->name, stage, (long long)at);
	view_event(s, key, at, "promotion", p->name, json_pack("{s:s, s:s, "
	    "s:s, s:o}", "stage", stage, "by", by != NULL ? by : "",
	    "reason", reason != NULL ? reason : "", "message_id", msgid !=
	    NULL ? json_string(msgid) : json_null()));
	free(key);
	return (0);
db:
	*cause = xasprintf("database: %s", sqlite3_errmsg(store_db(s)));
	return (-1);
}
