/* Incremental JWZ threading over a caller-provided node store. */
#include <stdlib.h>
#include <string.h>

#include "thread.h"
#include "xmalloc.h"

struct thread_ref {
	const char		*msgid;		/* borrowed */
	struct thread_node	 node;
	int			 existed;
	int			 dirty;
};

struct thread_add {
	const struct thread_ops	*ops;
	void			*ctx;
	struct thread_ref	*refs;		/* references, then the message */
	size_t			 n;
	long long		 target;
	int			 top_moved;	/* a parentless node got one */
};

/* True when node "anc" is an ancestor of (or is) node "id". */
static int
thread_is_ancestor(struct thread_add *ta, const char *anc, const char *id)
{
	struct thread_node	 n;
	char			*cur = xstrdup(id);
	int			 depth, found = 0;

	for (depth = 0; depth < THREAD_MAX_DEPTH; depth++) {
		if (strcmp(cur, anc) == 0) {
			found = 1;
			break;
		}
		if (!ta->ops->get(ta->ctx, cur, &n) || n.parent == NULL)
			break;
		free(cur);
		cur = n.parent;
	}
	/* A chain too deep to follow is treated as a cycle: do not link. */
	if (depth == THREAD_MAX_DEPTH)
		found = 1;
	free(cur);
	return (found);
}

/* Load every node involved once; duplicates and self-references drop. */
static void
thread_load(struct thread_add *ta, const char *msgid, char *const *refs,
    size_t nrefs)
{
	struct thread_ref	*r;
	size_t			 i, j;

	ta->refs = xcalloc(nrefs + 1, sizeof *ta->refs);
	for (i = 0; i <= nrefs; i++) {
		const char *id = i < nrefs ? refs[i] : msgid;

		if (i < nrefs && strcmp(id, msgid) == 0)
			continue;
		for (j = 0; j < ta->n && strcmp(ta->refs[j].msgid, id) != 0; j++)
			;
		if (j < ta->n)
			continue;
		r = &ta->refs[ta->n++];
		r->msgid = id;
		r->existed = ta->ops->get(ta->ctx, id, &r->node);
		r->dirty = !r->existed;
	}
}

/* Merge the threads the nodes belong to into the largest one. */
static void
thread_pick_target(struct thread_add *ta)
{
	long long	*seen = NULL, best = -1, bestsize = -1, sz;
	size_t		 nseen = 0, i, j;

	for (i = 0; i < ta->n; i++) {
		if (!ta->refs[i].existed)
			continue;
		for (j = 0; j < nseen && seen[j] != ta->refs[i].node.thread; j++)
			;
		if (j == nseen) {
			seen = xreallocarray(seen, nseen + 1, sizeof *seen);
			seen[nseen++] = ta->refs[i].node.thread;
		}
	}
	for (i = 0; i < nseen; i++) {
		/* Sizes matter only to merge the smaller into the larger. */
		sz = nseen == 1 ? 0 : ta->ops->size(ta->ctx, seen[i]);
		if (sz > bestsize || (sz == bestsize && seen[i] < best)) {
			best = seen[i];
			bestsize = sz;
		}
	}
	for (i = 0; i < nseen; i++)
		if (seen[i] != best)
			ta->ops->merge(ta->ctx, seen[i], best);
	if (nseen > 1)
		ta->top_moved = 1;
	if (best == -1) {
		best = ta->ops->create(ta->ctx);
		ta->top_moved = 1;
	}
	for (i = 0; i < ta->n; i++)
		ta->refs[i].node.thread = best;
	ta->target = best;
	free(seen);
}

/*
 * Make parent the parent of r, unless r already has one (JWZ keeps the
 * first link) or the link would close a cycle.  force replaces an existing
 * parent: a message's own References are the best evidence.
 */
static void
thread_link(struct thread_add *ta, struct thread_ref *r, const char *parent,
    int force)
{
	struct thread_node	*n = &r->node;

	if (parent == NULL || (n->parent != NULL && !force) ||
	    (n->parent != NULL && strcmp(n->parent, parent) == 0))
		return;
	if (r->existed && thread_is_ancestor(ta, r->msgid, parent))
		return;
	if (r->existed && n->parent == NULL)
		ta->top_moved = 1;
	free(n->parent);
	n->parent = xstrdup(parent);
	r->dirty = 1;
}

static void
thread_update_root(struct thread_add *ta, const char *msgid)
{
	struct thread_node	 n;
	char			*cur = xstrdup(msgid);
	int			 depth;

	for (depth = 0; depth < THREAD_MAX_DEPTH; depth++) {
		if (!ta->ops->get(ta->ctx, cur, &n) || n.parent == NULL)
			break;
		free(cur);
		cur = n.parent;
	}
	ta->ops->set_root(ta->ctx, ta->target, cur);
	free(cur);
}

static void
thread_free(struct thread_add *ta)
{
	size_t	i;

	for (i = 0; i < ta->n; i++)
		free(ta->refs[i].node.parent);
	free(ta->refs);
}

int
thread_add(const struct thread_ops *ops, void *ctx, const char *msgid,
    char *const *refs, size_t nrefs, long long *thread)
{
	struct thread_add	 ta;
	struct thread_ref	*self;
	size_t			 i;
	int			 filled;

	memset(&ta, 0, sizeof ta);
	ta.ops = ops;
	ta.ctx = ctx;
	thread_load(&ta, msgid, refs, nrefs);
	self = &ta.refs[ta.n - 1];
	if (self->existed && self->node.present) {
		*thread = self->node.thread;
		thread_free(&ta);
		return (THREAD_KNOWN);
	}
	filled = self->existed;
	thread_pick_target(&ta);
	for (i = 1; i + 1 < ta.n; i++)
		thread_link(&ta, &ta.refs[i], ta.refs[i - 1].msgid, 0);
	if (ta.n > 1)
		thread_link(&ta, self, ta.refs[ta.n - 2].msgid, 1);
	self->node.present = 1;
	self->dirty = 1;
	/* A merge moved the threads already; only links need writing. */
	for (i = 0; i < ta.n; i++)
		if (ta.refs[i].dirty)
			ops->put(ctx, ta.refs[i].msgid, &ta.refs[i].node);
	if (ta.top_moved)
		thread_update_root(&ta, msgid);
	*thread = ta.target;
	thread_free(&ta);
	return (filled ? THREAD_FILLED : THREAD_ADDED);
}
