/*
 * The evaluation cache (see store-evalcache.h for when an entry is
 * reused).  Entries live in eval_cache, the epoch and what was seen in
 * eval_state; both are written in the transaction that records the
 * evaluation's events, so a crash leaves either both or neither.
 */
#include "autoconf.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "config.h"
#include "consensus.h"
#include "defaults.h"
#include "store-evalcache.h"
#include "store.h"
#include "text.h"
#include "xmalloc.h"

/* Bump when what an entry holds, or how evaluate decides, changes. */
#define EVALCACHE_FORMAT	"8"

struct store_evalcache_put {
	char	*root;
	int	 version;
	char	*shape;
	time_t	 horizon;
	char	*facts;
	size_t	 len;
};

/*
 * The configuration the verdicts depend on, as one digest: the config
 * file (lists, Czar), policy, protocols and MAINTAINERS, and this build.
 */
static void
store_evalcache_digest(const struct config *cf, char out[65])
{
	/* A NULL file is the built-in copy, or none for MAINTAINERS. */
	static const char *builtin[4] = { "pvbot.conf", "pvbot/policy.conf",
	    "pvbot/protocols.conf", NULL };
	const char	*files[4];
	struct buf	 b;
	char		*cause;
	size_t		 i;

	files[0] = cf->path;
	files[1] = cf->policy;
	files[2] = cf->protocols;
	files[3] = cf->maintainers;
	buf_init(&b);
	buf_addstr(&b, PACKAGE_VERSION "/" EVALCACHE_FORMAT);
	for (i = 0; i < sizeof files / sizeof files[0]; i++) {
		buf_printf(&b, "\n%zu:%s\n", i, files[i] != NULL ? files[i] :
		    "");
		cause = NULL;
		if ((files[i] != NULL || builtin[i] != NULL) && defaults_read(
		    &b, files[i], builtin[i], &cause) != 0) {
			/* Unreadable now: never equal to a readable one. */
			buf_printf(&b, "\n(unreadable: %s)", cause);
			free(cause);
		}
	}
	text_sha256_hex(b.data, b.len, out);
	buf_release(&b);
}

static int
store_evalcache_state(struct store *s, struct store_evalcache *ec, time_t now,
    int fresh)
{
	sqlite3_stmt	*st;
	int		 rc, cold = 1;

	if (sqlite3_prepare_v2(store_db(s), "UPDATE eval_state SET epoch ="
	    " epoch + 1 RETURNING epoch, seen, config, at, horizon", -1, &st,
	    NULL) != SQLITE_OK)
		return (-1);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		ec->epoch = sqlite3_column_int64(st, 0);
		ec->seen = sqlite3_column_int64(st, 1);
		ec->horizon = (time_t)sqlite3_column_int64(st, 4);
		cold = fresh || sqlite3_column_type(st, 2) != SQLITE_TEXT ||
		    strcmp((const char *)sqlite3_column_text(st, 2),
		    ec->digest) != 0 || sqlite3_column_type(st, 3) ==
		    SQLITE_NULL || now < (time_t)sqlite3_column_int64(st, 3) ||
		    (ec->horizon != 0 && now >= ec->horizon);
		rc = sqlite3_step(st);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return (-1);
	ec->cold = cold;
	if (cold) {
		ec->seen = 0;
		ec->horizon = 0;
	}
	return (0);
}

/*
 * The entries' bytes, kept in large blocks: a hundred thousand entries
 * would otherwise be three hundred thousand small allocations.
 */
#define EVALCACHE_BLOCK	(1024 * 1024)

static char *
store_evalcache_keep(struct store_evalcache *ec, const void *data, size_t len)
{
	char	*copy;

	if (len > EVALCACHE_BLOCK / 4 || ec->nblocks == 0 ||
	    ec->block_used + len > EVALCACHE_BLOCK) {
		ec->blocks = xreallocarray(ec->blocks, ec->nblocks + 1,
		    sizeof *ec->blocks);
		ec->blocks[ec->nblocks++] = xmalloc(len > EVALCACHE_BLOCK / 4 ?
		    len : EVALCACHE_BLOCK);
		ec->block_used = len > EVALCACHE_BLOCK / 4 ? EVALCACHE_BLOCK :
		    0;
		if (len > EVALCACHE_BLOCK / 4) {
			if (len > 0)
				memcpy(ec->blocks[ec->nblocks - 1], data, len);
			return (ec->blocks[ec->nblocks - 1]);
		}
	}
	copy = ec->blocks[ec->nblocks - 1] + ec->block_used;
	if (len > 0)
		memcpy(copy, data, len);
	ec->block_used += len;
	return (copy);
}

static char *
store_evalcache_keep_text(struct store_evalcache *ec, const unsigned char *s)
{
	return (store_evalcache_keep(ec, s, strlen((const char *)s) + 1));
}

static int
store_evalcache_load(struct store *s, struct store_evalcache *ec)
{
	struct store_evalcache_entry	*e;
	sqlite3_stmt		*st;
	size_t			 a = 0;
	int			 rc;

	/* The primary key's order: the order store_evalcache_find searches. */
	if (sqlite3_prepare_v2(store_db(s), "SELECT root, version, shape,"
	    " epoch, at, horizon, facts FROM eval_cache ORDER BY root,"
	    " version, shape", -1, &st, NULL) != SQLITE_OK)
		return (-1);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (ec->n == a) {
			a = a == 0 ? 1024 : a * 2;
			ec->e = xreallocarray(ec->e, a, sizeof *ec->e);
		}
		e = &ec->e[ec->n++];
		e->root = store_evalcache_keep_text(ec,
		    sqlite3_column_text(st, 0));
		e->version = sqlite3_column_int(st, 1);
		e->shape = store_evalcache_keep_text(ec,
		    sqlite3_column_text(st, 2));
		e->epoch = sqlite3_column_int64(st, 3);
		e->at = (time_t)sqlite3_column_int64(st, 4);
		e->horizon = (time_t)sqlite3_column_int64(st, 5);
		e->len = (size_t)sqlite3_column_bytes(st, 6);
		e->facts = store_evalcache_keep(ec, sqlite3_column_blob(st, 6),
		    e->len);
		e->used = 0;
	}
	sqlite3_finalize(st);
	return (rc == SQLITE_DONE ? 0 : -1);
}

int
store_evalcache_begin(struct store *s, const struct config *cf, time_t now,
    int fresh, struct store_evalcache *ec, char **cause)
{
	memset(ec, 0, sizeof *ec);
	store_evalcache_digest(cf, ec->digest);
	if (store_begin(s) != 0 ||
	    store_evalcache_state(s, ec, now, fresh) != 0) {
		*cause = xasprintf("database: %s", sqlite3_errmsg(store_db(s)));
		sqlite3_exec(store_db(s), "ROLLBACK", NULL, NULL, NULL);
		return (-1);
	}
	if (store_commit(s, cause) != 0)
		return (-1);
	if (!ec->cold && store_evalcache_load(s, ec) != 0) {
		*cause = xasprintf("database: %s", sqlite3_errmsg(store_db(s)));
		store_evalcache_free(ec);
		return (-1);
	}
	return (0);
}

static int
store_evalcache_cmp(const char *root, int version, const char *shape,
    const struct store_evalcache_entry *e)
{
	int	c;

	if ((c = strcmp(root, e->root)) != 0)
		return (c);
	if (version != e->version)
		return (version < e->version ? -1 : 1);
	return (strcmp(shape, e->shape));
}

struct store_evalcache_entry *
store_evalcache_find(struct store_evalcache *ec, const char *root, int version,
    const char *shape)
{
	size_t	lo = 0, hi = ec->n, mid;
	int	c;

	while (lo < hi) {
		mid = (lo + hi) / 2;
		if ((c = store_evalcache_cmp(root, version, shape,
		    &ec->e[mid])) == 0)
			return (&ec->e[mid]);
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return (NULL);
}

int
store_evalcache_valid(const struct store_evalcache_entry *e, long long gen,
    time_t now)
{
	return (gen < e->epoch && e->at <= now && (e->horizon == 0 ||
	    now < e->horizon));
}

/*
 * An entry's facts are a run of NUL-terminated tokens, each led by its
 * type: 's' a string (C strings hold no NUL), 'n' a null string, 'i' a
 * decimal integer.  Read back with one copy and no parsing of nested
 * syntax: a generic JSON parser spent 19 us on each entry, half of a warm
 * status over a million messages.
 */
static void
store_evalcache_w_str(struct buf *b, const char *s)
{
	if (s == NULL) {
		buf_add(b, "n", 2);
		return;
	}
	buf_addch(b, 's');
	buf_add(b, s, strlen(s) + 1);
}

static void
store_evalcache_w_int(struct buf *b, long long v)
{
	buf_addch(b, 'i');
	buf_add_ll(b, v);
	buf_addch(b, '\0');
}

static void	store_evalcache_w_evidence(struct buf *,
		    const struct consensus_evidence *, size_t);

void
store_evalcache_encode(struct buf *b, const struct consensus_proposal *p,
    const struct consensus_result *r)
{
	const struct consensus_opinion		*o;
	const struct consensus_objection	*x;
	size_t					 i;

	store_evalcache_w_str(b, p->subject);
	store_evalcache_w_str(b, p->kind);
	store_evalcache_w_str(b, p->list);
	store_evalcache_w_int(b, (long long)p->start);
	store_evalcache_w_int(b, p->window);
	store_evalcache_w_str(b, p->proposer);
	store_evalcache_w_str(b, p->proposer_name);
	store_evalcache_w_int(b, (long long)p->nprotocols);
	for (i = 0; i < p->nprotocols; i++)
		store_evalcache_w_str(b, p->protocols[i]);
	store_evalcache_w_int(b, (long long)p->superseded_at);
	store_evalcache_w_int(b, (long long)p->committed_at);
	store_evalcache_w_int(b, p->support_md);
	store_evalcache_w_int(b, p->spec);
	store_evalcache_w_str(b, p->reply_to);
	store_evalcache_w_int(b, (long long)p->news);
	store_evalcache_w_str(b, r->verdict);
	store_evalcache_w_str(b, r->reason);
	store_evalcache_w_int(b, (long long)r->deadline);
	store_evalcache_w_int(b, (long long)r->window_end);
	store_evalcache_w_int(b, r->sum);
	store_evalcache_w_int(b, r->npatches);
	store_evalcache_w_int(b, r->ncommitted);
	store_evalcache_w_int(b, (long long)r->committed_at);
	store_evalcache_w_str(b, r->commits);
	store_evalcache_w_str(b, r->notice);
	store_evalcache_w_int(b, r->agreed);
	store_evalcache_w_int(b, (long long)r->nopinions);
	for (i = 0; i < r->nopinions; i++) {
		o = &r->opinions[i];
		store_evalcache_w_str(b, o->name);
		store_evalcache_w_str(b, o->email);
		store_evalcache_w_int(b, o->vote);
		store_evalcache_w_int(b, o->stakeholder);
		store_evalcache_w_int(b, o->counted);
		store_evalcache_w_str(b, o->message_id);
		store_evalcache_w_int(b, (long long)o->stale);
	}
	store_evalcache_w_int(b, (long long)r->nobjections);
	for (i = 0; i < r->nobjections; i++) {
		x = &r->objections[i];
		store_evalcache_w_str(b, x->name);
		store_evalcache_w_str(b, x->email);
		store_evalcache_w_str(b, x->message_id);
		store_evalcache_w_int(b, (long long)x->since);
		store_evalcache_w_str(b, x->state);
		store_evalcache_w_int(b, (long long)x->reply_by);
		store_evalcache_w_int(b, x->vote);
		store_evalcache_w_int(b, x->stakeholder);
	}
	store_evalcache_w_str(b, r->rules);
	store_evalcache_w_int(b, r->window);
	store_evalcache_w_int(b, r->responsive);
	store_evalcache_w_int(b, (long long)r->reopened);
	store_evalcache_w_int(b, (long long)r->consensus_from);
	store_evalcache_w_evidence(b, r->evidence, r->nevidence);
	store_evalcache_w_int(b, (long long)r->npatch);
	for (i = 0; i < r->npatch; i++) {
		store_evalcache_w_str(b, r->patches[i].message_id);
		store_evalcache_w_int(b, r->patches[i].part);
		store_evalcache_w_int(b, r->patches[i].total);
		store_evalcache_w_str(b, r->patches[i].verdict);
		store_evalcache_w_str(b, r->patches[i].reason);
		store_evalcache_w_int(b, (long long)r->patches[i].deadline);
		store_evalcache_w_evidence(b, r->patches[i].evidence,
		    r->patches[i].nevidence);
	}
}

static void
store_evalcache_w_evidence(struct buf *b, const struct consensus_evidence *ev,
    size_t n)
{
	const struct consensus_evidence	*e;
	size_t				 i;

	store_evalcache_w_int(b, (long long)n);
	for (i = 0; i < n; i++) {
		e = &ev[i];
		store_evalcache_w_str(b, e->kind);
		store_evalcache_w_str(b, e->name);
		store_evalcache_w_str(b, e->email);
		store_evalcache_w_str(b, e->message_id);
		store_evalcache_w_int(b, (long long)e->at);
		store_evalcache_w_str(b, e->section);
		store_evalcache_w_str(b, e->state);
		store_evalcache_w_int(b, (long long)e->answered);
		store_evalcache_w_int(b, (long long)e->by);
		store_evalcache_w_int(b, e->maintainer);
		store_evalcache_w_int(b, e->earlier);
		store_evalcache_w_str(b, e->area);
		store_evalcache_w_int(b, e->outside);
	}
}

void
store_evalcache_put(struct store_evalcache *ec,
    const struct consensus_proposal *p, const struct consensus_result *r,
    const char *shape, time_t horizon)
{
	struct store_evalcache_put	*u;
	struct buf		 b;

	buf_init(&b);
	store_evalcache_encode(&b, p, r);
	if ((ec->nputs & (ec->nputs - 1)) == 0)
		ec->puts = xreallocarray(ec->puts, ec->nputs == 0 ? 16 :
		    ec->nputs * 2, sizeof *ec->puts);
	u = &ec->puts[ec->nputs++];
	u->root = xstrdup(p->root);
	u->version = p->version;
	u->shape = xstrdup(shape);
	u->horizon = horizon;
	u->facts = buf_detach(&b, &u->len);
}

static int
store_evalcache_drop_unused(struct store *s, struct store_evalcache *ec)
{
	struct store_evalcache_entry	*e;
	sqlite3_stmt		*st;
	size_t			 i;

	if (ec->cold)
		return (sqlite3_exec(store_db(s), "DELETE FROM eval_cache",
		    NULL, NULL, NULL) == SQLITE_OK ? 0 : -1);
	if (sqlite3_prepare_v2(store_db(s), "DELETE FROM eval_cache WHERE"
	    " root = ?1 AND version = ?2 AND shape = ?3", -1, &st, NULL) !=
	    SQLITE_OK)
		return (-1);
	for (i = 0; i < ec->n; i++) {
		e = &ec->e[i];
		if (e->used)
			continue;
		sqlite3_bind_text(st, 1, e->root, -1, SQLITE_STATIC);
		sqlite3_bind_int(st, 2, e->version);
		sqlite3_bind_text(st, 3, e->shape, -1, SQLITE_STATIC);
		(void)sqlite3_step(st);
		sqlite3_reset(st);
	}
	sqlite3_finalize(st);
	return (0);
}

static int
store_evalcache_write_puts(struct store *s, struct store_evalcache *ec,
    time_t now)
{
	struct store_evalcache_put	*u;
	sqlite3_stmt		*st;
	size_t			 i;
	int			 rc = SQLITE_DONE;

	if (sqlite3_prepare_v2(store_db(s), "INSERT OR REPLACE INTO eval_cache"
	    " (root, version, shape, epoch, at, horizon, facts)"
	    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)", -1, &st, NULL) !=
	    SQLITE_OK)
		return (-1);
	for (i = 0; i < ec->nputs && rc == SQLITE_DONE; i++) {
		u = &ec->puts[i];
		sqlite3_bind_text(st, 1, u->root, -1, SQLITE_STATIC);
		sqlite3_bind_int(st, 2, u->version);
		sqlite3_bind_text(st, 3, u->shape, -1, SQLITE_STATIC);
		sqlite3_bind_int64(st, 4, ec->epoch);
		sqlite3_bind_int64(st, 5, (sqlite3_int64)now);
		sqlite3_bind_int64(st, 6, (sqlite3_int64)u->horizon);
		sqlite3_bind_blob(st, 7, u->facts, (int)u->len, SQLITE_STATIC);
		rc = sqlite3_step(st);
		sqlite3_reset(st);
	}
	sqlite3_finalize(st);
	return (rc == SQLITE_DONE ? 0 : -1);
}

int
store_evalcache_commit(struct store *s, struct store_evalcache *ec, time_t now,
    time_t horizon, char **cause)
{
	sqlite3_stmt	*st;
	int		 rc;

	/* Warm, an earlier evaluation's pending design still counts. */
	if (!ec->cold && ec->horizon != 0 && (horizon == 0 ||
	    ec->horizon < horizon))
		horizon = ec->horizon;
	if (store_evalcache_drop_unused(s, ec) != 0 ||
	    store_evalcache_write_puts(s, ec, now) != 0 ||
	    sqlite3_prepare_v2(store_db(s), "UPDATE eval_state SET seen = ?1,"
	    " config = ?2, at = ?3, horizon = ?4", -1, &st, NULL) !=
	    SQLITE_OK) {
		*cause = xasprintf("database: %s", sqlite3_errmsg(store_db(s)));
		return (-1);
	}
	sqlite3_bind_int64(st, 1, ec->epoch);
	sqlite3_bind_text(st, 2, ec->digest, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 3, (sqlite3_int64)now);
	sqlite3_bind_int64(st, 4, (sqlite3_int64)horizon);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		*cause = xasprintf("database: %s", sqlite3_errmsg(store_db(s)));
		return (-1);
	}
	return (0);
}

void
store_evalcache_free(struct store_evalcache *ec)
{
	size_t	i;

	for (i = 0; i < ec->nblocks; i++)
		free(ec->blocks[i]);
	free(ec->blocks);
	free(ec->e);
	for (i = 0; i < ec->nputs; i++) {
		free(ec->puts[i].root);
		free(ec->puts[i].shape);
		free(ec->puts[i].facts);
	}
	free(ec->puts);
	memset(ec, 0, sizeof *ec);
}

/* The engine compares verdicts and states by name: give it its own. */
static const char *
store_evalcache_verdict(const char *v)
{
	static const char *verdicts[] = { CONSENSUS_WAITING, CONSENSUS_OBJECTED,
	    CONSENSUS_STALE, CONSENSUS_CONSENSUS, CONSENSUS_FAILED,
	    CONSENSUS_SUPERSEDED, CONSENSUS_COMMITTED, "open", "stale",
	    "withdrawn", "resolved", CONSENSUS_NEEDS_REVIEW,
	    CONSENSUS_CHANGES, CONSENSUS_PT_ACCEPTED, CONSENSUS_PT_DISPUTED,
	    CONSENSUS_PT_ANSWERED, CONSENSUS_RULES_CHECKIN,
	    CONSENSUS_RULES_LAZY, CONSENSUS_EV_APPROVAL, CONSENSUS_EV_MISSING,
	    CONSENSUS_EV_POINT };
	size_t	i;

	for (i = 0; v != NULL && i < sizeof verdicts / sizeof verdicts[0]; i++)
		if (strcmp(v, verdicts[i]) == 0)
			return (verdicts[i]);
	return (NULL);
}

struct store_evalcache_rd {
	const char	*p, *end;	/* in the view's copy of the facts */
	int		 bad;
};

/* The next token of type t, or NULL (and bad) when there is none. */
static const char *
store_evalcache_token(struct store_evalcache_rd *rd, char t)
{
	const char	*tok = rd->p, *nul;

	if (rd->bad || tok >= rd->end || *tok != t ||
	    (nul = memchr(tok, '\0', (size_t)(rd->end - tok))) == NULL) {
		rd->bad = 1;
		return (NULL);
	}
	rd->p = nul + 1;
	return (tok + 1);
}

static const char *
store_evalcache_r_str(struct store_evalcache_rd *rd, int nullable)
{
	if (nullable && !rd->bad && rd->p < rd->end && *rd->p == 'n') {
		(void)store_evalcache_token(rd, 'n');
		return (NULL);
	}
	return (store_evalcache_token(rd, 's'));
}

/* A decimal integer as store_evalcache_w_int wrote it (strtoll was a tenth). */
static long long
store_evalcache_r_int(struct store_evalcache_rd *rd)
{
	const char		*t = store_evalcache_token(rd, 'i');
	unsigned long long	 u = 0;
	int			 neg;

	if (t == NULL)
		return (0);
	if ((neg = *t == '-'))
		t++;
	if (*t == '\0')
		rd->bad = 1;
	for (; *t >= '0' && *t <= '9'; t++) {
		if (u > (unsigned long long)LLONG_MAX / 10) {
			rd->bad = 1;
			return (0);
		}
		u = u * 10 + (unsigned long long)(*t - '0');
	}
	if (*t != '\0' || u > (unsigned long long)LLONG_MAX) {
		rd->bad = 1;
		return (0);
	}
	return (neg ? -(long long)u : (long long)u);
}

/* A count of items still to come, each at least one token. */
static size_t
store_evalcache_r_count(struct store_evalcache_rd *rd)
{
	long long	n = store_evalcache_r_int(rd);

	if (n < 0 || n > rd->end - rd->p) {
		rd->bad = 1;
		return (0);
	}
	return ((size_t)n);
}

static void
store_evalcache_r_proposal(struct store_evalcache_rd *rd,
    struct consensus_proposal *p, void *(*alloc)(void *, size_t), void *arg)
{
	const char	*kind;
	size_t		 i;

	p->subject = store_evalcache_r_str(rd, 0);
	kind = store_evalcache_r_str(rd, 0);
	p->kind = kind != NULL && strcmp(kind, "design") == 0 ? "design" :
	    "series";
	p->list = store_evalcache_r_str(rd, 1);
	p->start = (time_t)store_evalcache_r_int(rd);
	p->window = (long)store_evalcache_r_int(rd);
	p->proposer = store_evalcache_r_str(rd, 1);
	p->proposer_name = store_evalcache_r_str(rd, 1);
	p->nprotocols = store_evalcache_r_count(rd);
	p->protocols = alloc(arg, (p->nprotocols + 1) * sizeof *p->protocols);
	for (i = 0; i < p->nprotocols; i++)
		p->protocols[i] = (char *)store_evalcache_r_str(rd, 0);
	p->superseded_at = (time_t)store_evalcache_r_int(rd);
	p->committed_at = (time_t)store_evalcache_r_int(rd);
	p->support_md = store_evalcache_r_int(rd) != 0;
	p->spec = store_evalcache_r_int(rd) != 0;
	p->reply_to = store_evalcache_r_str(rd, 1);
	p->news = (time_t)store_evalcache_r_int(rd);
}

static struct consensus_evidence *
store_evalcache_r_evidence(struct store_evalcache_rd *rd, size_t *n,
    void *(*alloc)(void *, size_t), void *arg)
{
	struct consensus_evidence	*ev, *e;
	size_t				 i;

	*n = store_evalcache_r_count(rd);
	ev = alloc(arg, (*n + 1) * sizeof *ev);
	for (i = 0; i < *n; i++) {
		e = &ev[i];
		memset(e, 0, sizeof *e);
		e->kind = store_evalcache_verdict(store_evalcache_r_str(rd, 0));
		e->name = store_evalcache_r_str(rd, 1);
		e->email = store_evalcache_r_str(rd, 1);
		e->message_id = store_evalcache_r_str(rd, 1);
		e->at = (time_t)store_evalcache_r_int(rd);
		e->section = store_evalcache_r_str(rd, 1);
		e->state = store_evalcache_verdict(store_evalcache_r_str(rd,
		    1));
		e->answered = (time_t)store_evalcache_r_int(rd);
		e->by = (time_t)store_evalcache_r_int(rd);
		e->maintainer = store_evalcache_r_int(rd) != 0;
		e->earlier = store_evalcache_r_int(rd) != 0;
		e->area = store_evalcache_r_str(rd, 1);
		e->outside = store_evalcache_r_int(rd) != 0;
		if (e->kind == NULL)
			rd->bad = 1;
	}
	return (ev);
}

static void
store_evalcache_r_result(struct store_evalcache_rd *rd,
    struct consensus_result *r, void *(*alloc)(void *, size_t), void *arg)
{
	struct consensus_opinion	*o;
	struct consensus_objection	*x;
	struct consensus_patch		*pt;
	const char			*reason, *commits;
	size_t				 i;

	r->verdict = store_evalcache_verdict(store_evalcache_r_str(rd, 0));
	if ((reason = store_evalcache_r_str(rd, 0)) != NULL)
		snprintf(r->reason, sizeof r->reason, "%s", reason);
	r->deadline = (time_t)store_evalcache_r_int(rd);
	r->window_end = (time_t)store_evalcache_r_int(rd);
	r->sum = (int)store_evalcache_r_int(rd);
	r->npatches = (int)store_evalcache_r_int(rd);
	r->ncommitted = (int)store_evalcache_r_int(rd);
	r->committed_at = (time_t)store_evalcache_r_int(rd);
	if ((commits = store_evalcache_r_str(rd, 0)) != NULL)
		snprintf(r->commits, sizeof r->commits, "%s", commits);
	r->notice = store_evalcache_r_str(rd, 1);
	r->agreed = store_evalcache_r_int(rd) != 0;
	r->nopinions = store_evalcache_r_count(rd);
	r->opinions = alloc(arg, (r->nopinions + 1) * sizeof *r->opinions);
	for (i = 0; i < r->nopinions; i++) {
		o = &r->opinions[i];
		o->name = store_evalcache_r_str(rd, 1);
		o->email = store_evalcache_r_str(rd, 0);
		o->vote = (int)store_evalcache_r_int(rd);
		o->stakeholder = store_evalcache_r_int(rd) != 0;
		o->counted = store_evalcache_r_int(rd) != 0;
		o->message_id = store_evalcache_r_str(rd, 0);
		/* Checked against nobjections where it is used. */
		o->stale = (size_t)store_evalcache_r_int(rd);
	}
	r->nobjections = store_evalcache_r_count(rd);
	r->objections = alloc(arg, (r->nobjections + 1) *
	    sizeof *r->objections);
	for (i = 0; i < r->nobjections; i++) {
		x = &r->objections[i];
		x->name = store_evalcache_r_str(rd, 1);
		x->email = store_evalcache_r_str(rd, 0);
		x->message_id = store_evalcache_r_str(rd, 0);
		x->since = (time_t)store_evalcache_r_int(rd);
		x->state = store_evalcache_verdict(store_evalcache_r_str(rd,
		    0));
		x->reply_by = (time_t)store_evalcache_r_int(rd);
		x->vote = (int)store_evalcache_r_int(rd);
		x->stakeholder = store_evalcache_r_int(rd) != 0;
		if (x->state == NULL)
			rd->bad = 1;
	}
	r->rules = store_evalcache_verdict(store_evalcache_r_str(rd, 1));
	r->window = (long)store_evalcache_r_int(rd);
	r->responsive = (long)store_evalcache_r_int(rd);
	r->reopened = (time_t)store_evalcache_r_int(rd);
	r->consensus_from = (time_t)store_evalcache_r_int(rd);
	r->evidence = store_evalcache_r_evidence(rd, &r->nevidence, alloc,
	    arg);
	r->npatch = store_evalcache_r_count(rd);
	r->patches = alloc(arg, (r->npatch + 1) * sizeof *r->patches);
	for (i = 0; i < r->npatch; i++) {
		pt = &r->patches[i];
		pt->message_id = store_evalcache_r_str(rd, 0);
		pt->part = (int)store_evalcache_r_int(rd);
		pt->total = (int)store_evalcache_r_int(rd);
		pt->verdict = store_evalcache_verdict(store_evalcache_r_str(rd,
		    0));
		if ((reason = store_evalcache_r_str(rd, 0)) != NULL)
			snprintf(pt->reason, sizeof pt->reason, "%s", reason);
		pt->deadline = (time_t)store_evalcache_r_int(rd);
		pt->evidence = store_evalcache_r_evidence(rd, &pt->nevidence,
		    alloc, arg);
		if (pt->verdict == NULL)
			rd->bad = 1;
	}
	if (r->verdict == NULL)
		rd->bad = 1;
}

int
store_evalcache_decode(const struct store_evalcache_entry *e,
    struct consensus_proposal *p, struct consensus_result *r,
    void *(*alloc)(void *, size_t), void *arg)
{
	struct store_evalcache_rd	rd;

	memset(r, 0, sizeof *r);
	rd.p = e->facts;
	rd.end = rd.p + e->len;
	rd.bad = 0;
	store_evalcache_r_proposal(&rd, p, alloc, arg);
	store_evalcache_r_result(&rd, r, alloc, arg);
	return (rd.bad || rd.p != rd.end ? -1 : 0);
}
