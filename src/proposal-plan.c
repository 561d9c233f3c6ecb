/*
 * Planning an evaluation (proposal.h, step 2): which proposals the
 * evaluation cache gives as they were, and so which threads must be read
 * again.  Series proposals take their places here, in the order a full
 * evaluation gives them, so that a warm view equals a fresh one.
 */
#include <sys/types.h>

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "proposal.h"
#include "proposal-facts.h"
#include "store-evalcache.h"
#include "view.h"
#include "xmalloc.h"

/*
 * Read an entry into p and r if it may be reused; -1 otherwise (p and r
 * then hold nothing to free: what decode took is in the arena).
 */
static int
proposal_plan_reuse(struct proposal_facts *f,
    const struct store_evalcache_entry *e, long long gen, time_t now,
    struct consensus_proposal *p, struct consensus_result *r)
{
	const char	*root = p->root;
	int		 version = p->version;

	if (e == NULL || !store_evalcache_valid(e, gen, now))
		return (-1);
	if (store_evalcache_decode(e, p, r, arena_alloc, &f->arena) != 0)
		return (-1);	/* damaged: evaluated again, and replaced */
	p->root = root;
	p->version = version;
	return (0);
}

/*
 * A series proposal's shape: the posting, its start, its newer version
 * and the threads it reads (all versions' for the newest); *gen is their
 * newest change stamp.
 */
static const char *
proposal_plan_shape(struct proposal_facts *f,
    const struct proposal_posting *ps, size_t n, size_t k, long long *gen)
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
		if ((g = proposal_gen(f, ps[i].thread)) > *gen)
			*gen = g;
		if (k + 1 < n)
			break;
	}
	shape = arena_keep(&f->arena, sb.data);
	buf_release(&sb);
	return (shape);
}

/* A series to evaluate: its threads, and every thread its mail is in. */
static void
proposal_plan_want_series(struct view *v, const struct proposal_posting *ps,
    size_t n)
{
	struct proposal_facts	*f = v->facts;
	size_t			 i;

	for (i = 0; i < n; i++) {
		proposal_want(v, ps[i].thread);
		f->widen = xreallocarray(f->widen, f->nwiden + 1,
		    sizeof *f->widen);
		f->widen[f->nwiden++] = ps[i].id;
	}
}

/*
 * One series' versions by now: all from the cache, or none.  Their
 * proposals take their places now, in the order a full evaluation gives
 * them; those not cached are filled once their messages are read.
 */
static void
proposal_plan_series(struct view *v, size_t i, size_t n)
{
	struct proposal_facts		*f = v->facts;
	struct proposal_posting		*ps = f->ps + i;
	struct store_evalcache_entry	*e, **used;
	struct consensus_proposal	*p;
	long long			 gen;
	size_t				 k, slot;
	int				 all = !f->every;

	used = xcalloc(n + 1, sizeof *used);
	for (k = 0; k < n; k++) {
		f->pshape[i + k] = proposal_plan_shape(f, ps, n, k, &gen);
		p = proposal_new(v, f->pshape[i + k], 0);
		f->slot[i + k] = slot = v->nproposals - 1;
		p->root = ps[k].root;
		p->version = ps[k].version;
		if (!all)
			continue;
		e = used[k] = store_evalcache_find(f->ec, ps[k].root,
		    ps[k].version, f->pshape[i + k]);
		all = proposal_plan_reuse(f, e, gen, v->now, p,
		    &v->results[slot]) == 0;
	}
	for (k = 0; k < n; k++) {
		slot = f->slot[i + k];
		if (all) {
			f->cached[slot] = 1;
			used[k]->used = 1;
			f->ec->nreused++;
			continue;
		}
		memset(&v->proposals[slot], 0, sizeof v->proposals[slot]);
		memset(&v->results[slot], 0, sizeof v->results[slot]);
	}
	free(used);
	/* Cold, every thread is read anyway. */
	if (!all && !f->every)
		proposal_plan_want_series(v, ps, n);
}

/* Cached designs still good; the threads of the others are read again. */
static void
proposal_plan_designs(struct view *v)
{
	struct proposal_facts	*f = v->facts;
	struct store_evalcache	*ec = f->ec;
	struct proposal_cached	*c;
	long long		 thread;
	size_t			 i;

	for (i = 0; i < ec->n; i++) {
		if (sscanf(ec->e[i].shape, "d %lld", &thread) != 1)
			continue;
		if ((f->ncdesigns & (f->ncdesigns - 1)) == 0)
			f->cdesigns = xreallocarray(f->cdesigns,
			    f->ncdesigns == 0 ? 16 : f->ncdesigns * 2,
			    sizeof *f->cdesigns);
		c = &f->cdesigns[f->ncdesigns];
		memset(c, 0, sizeof *c);
		c->p.root = ec->e[i].root;
		c->p.version = 1;
		if (proposal_plan_reuse(f, &ec->e[i], proposal_gen(f, thread),
		    v->now, &c->p, &c->r) != 0) {
			proposal_want(v, thread);
			continue;
		}
		c->entry = &ec->e[i];
		c->shape = ec->e[i].shape;
		c->thread = thread;
		f->ncdesigns++;
	}
}

static int
proposal_plan_cmp_cached(const void *a, const void *b)
{
	const struct proposal_cached	*x = a, *y = b;

	return (x->thread < y->thread ? -1 : x->thread > y->thread);
}

/* By series, version, date, id: each series' versions in order. */
static int
proposal_plan_cmp_posting(const void *a, const void *b)
{
	const struct proposal_posting	*x = a, *y = b;

	if (x->series != y->series)
		return (x->series < y->series ? -1 : 1);
	/*
	 * By date: a series whose numbering starts again ("RFC v3", then
	 * "v1") has its newest posting last all the same.
	 */
	if (x->date != y->date)
		return (x->date < y->date ? -1 : 1);
	if (x->version != y->version)
		return (x->version < y->version ? -1 : 1);
	return (x->id < y->id ? -1 : x->id > y->id);
}

/* The next series' versions sent by now (proposal-facts.h). */
int
proposal_plan_next_series(const struct view *v, size_t *i, size_t *j,
    size_t *next)
{
	const struct proposal_facts	*f = v->facts;

	if (*next >= f->nps)
		return (0);
	*i = *j = *next;
	while (*j < f->nps && f->ps[*j].series == f->ps[*i].series &&
	    f->ps[*j].date <= v->now)
		(*j)++;
	*next = *j;
	while (*next < f->nps && f->ps[*next].series == f->ps[*i].series)
		(*next)++;
	return (1);
}

void
proposal_plan(struct view *v)
{
	struct proposal_facts	*f = v->facts;
	size_t			 i, j, next = 0;

	/* In table order, sorted here: SQLite would sort in a temp file. */
	if (f->nps > 0)
		qsort(f->ps, f->nps, sizeof *f->ps, proposal_plan_cmp_posting);
	f->pshape = xcalloc(f->nps + 1, sizeof *f->pshape);
	f->slot = xcalloc(f->nps + 1, sizeof *f->slot);
	while (proposal_plan_next_series(v, &i, &j, &next))
		if (j > i)
			proposal_plan_series(v, i, j - i);
	if (f->every)
		return;
	proposal_plan_designs(v);
	if (f->ncdesigns > 0)
		qsort(f->cdesigns, f->ncdesigns, sizeof *f->cdesigns,
		    proposal_plan_cmp_cached);
	/* Every thread changed since the cache was written is read. */
	for (i = 0; i < f->ntids; i++)
		if (f->tgen[i] >= f->ec->seen && !f->twant[i]) {
			f->twant[i] = 1;
			f->nwanted++;
		}
}

