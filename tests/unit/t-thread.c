/* JWZ threading over an in-memory node store. */
#include <stdlib.h>
#include <string.h>

#include "tap.h"
#include "thread.h"
#include "xmalloc.h"

struct mem_node {
	char			*id;
	struct thread_node	 n;
};

struct mem {
	struct mem_node	 nodes[256];
	size_t		 count;
	long long	 next_thread;
	char		*roots[256];
	int		 merges;
};

static struct mem_node *
mem_find(struct mem *m, const char *id)
{
	size_t	i;

	for (i = 0; i < m->count; i++)
		if (strcmp(m->nodes[i].id, id) == 0)
			return (&m->nodes[i]);
	return (NULL);
}

static int
mem_get(void *ctx, const char *id, struct thread_node *out)
{
	struct mem_node	*n = mem_find(ctx, id);

	if (n == NULL)
		return (0);
	*out = n->n;
	out->parent = n->n.parent ? xstrdup(n->n.parent) : NULL;
	return (1);
}

static void
mem_put(void *ctx, const char *id, const struct thread_node *in)
{
	struct mem	*m = ctx;
	struct mem_node	*n = mem_find(m, id);

	if (n == NULL) {
		n = &m->nodes[m->count++];
		n->id = xstrdup(id);
	} else
		free(n->n.parent);
	n->n = *in;
	n->n.parent = in->parent ? xstrdup(in->parent) : NULL;
}

static long long
mem_create(void *ctx)
{
	return (++((struct mem *)ctx)->next_thread);
}

static long long
mem_size(void *ctx, long long t)
{
	struct mem	*m = ctx;
	long long	 n = 0;
	size_t		 i;

	for (i = 0; i < m->count; i++)
		n += m->nodes[i].n.thread == t;
	return (n);
}

static void
mem_merge(void *ctx, long long from, long long into)
{
	struct mem	*m = ctx;
	size_t		 i;

	for (i = 0; i < m->count; i++)
		if (m->nodes[i].n.thread == from)
			m->nodes[i].n.thread = into;
	m->merges++;
}

static void
mem_set_root(void *ctx, long long t, const char *root)
{
	struct mem	*m = ctx;

	free(m->roots[t]);
	m->roots[t] = xstrdup(root);
}

static const struct thread_ops mem_ops = {
	mem_get, mem_put, mem_create, mem_size, mem_merge, mem_set_root
};

static int	last_add;	/* what thread_add returned last */

static long long
add(struct mem *m, const char *id, const char *refs)
{
	char		*copy = xstrdup(refs), *tok, *save, *v[64];
	size_t		 n = 0;
	long long	 t = -1;

	for (tok = strtok_r(copy, " ", &save); tok; tok = strtok_r(NULL, " ",
	    &save))
		v[n++] = tok;
	if ((last_add = thread_add(&mem_ops, m, id, v, n, &t)) == THREAD_KNOWN)
		t = -t;
	free(copy);
	return (t);
}

static const char *
parent(struct mem *m, const char *id)
{
	struct mem_node	*n = mem_find(m, id);

	return (n && n->n.parent ? n->n.parent : "-");
}

static long long
thread_of(struct mem *m, const char *id)
{
	struct mem_node	*n = mem_find(m, id);

	return (n ? n->n.thread : 0);
}

static void
reset(struct mem *m)
{
	size_t	i;

	for (i = 0; i < m->count; i++) {
		free(m->nodes[i].id);
		free(m->nodes[i].n.parent);
	}
	for (i = 0; i < 256; i++)
		free(m->roots[i]);
	memset(m, 0, sizeof *m);
}

int
main(void)
{
	static struct mem	m;
	long long		t;

	/* A plain thread, in order. */
	t = add(&m, "a", "");
	check_int(last_add, THREAD_ADDED);
	check_int(add(&m, "b", "a"), t);
	check_int(last_add, THREAD_ADDED);
	check_int(add(&m, "c", "a b"), t);
	check_str(parent(&m, "c"), "b");
	check_str(m.roots[t], "a");
	check_int(add(&m, "b", "a"), -t);		/* duplicate */

	/* Children before their parent: a placeholder keeps them together. */
	reset(&m);
	t = add(&m, "r2", "p");
	check_int(add(&m, "r1", "p"), t);
	check(mem_find(&m, "p") != NULL && !mem_find(&m, "p")->n.present);
	check_str(m.roots[t], "p");
	check_int(add(&m, "p", ""), t);
	/* The importer classifies r1 and r2 again: their parent is here. */
	check_int(last_add, THREAD_FILLED);
	check(mem_find(&m, "p")->n.present);
	/* The missing grandparent arrives and becomes the root. */
	check_int(add(&m, "g", ""), t + 1);
	check_int(add(&m, "x", "g p"), t);	/* joins g's thread into p's */
	check_int(thread_of(&m, "g"), t);
	check_str(m.roots[t], "g");
	check_int(m.merges, 1);

	/* Two threads joined by a later message: the smaller moves. */
	reset(&m);
	t = add(&m, "a", "");
	add(&m, "a1", "a");
	add(&m, "a2", "a");
	add(&m, "b", "");
	check_int(add(&m, "c", "a b"), t);
	check_int(thread_of(&m, "b"), t);

	/* A reference cycle is broken, not followed. */
	reset(&m);
	add(&m, "x", "y");
	t = add(&m, "y", "x");
	check_str(parent(&m, "x"), "y");
	check_str(parent(&m, "y"), "-");
	check_int(thread_of(&m, "x"), thread_of(&m, "y"));
	/* Self references are ignored. */
	reset(&m);
	add(&m, "s", "s");
	check_str(parent(&m, "s"), "-");

	/* A message's own References override a guessed parent. */
	reset(&m);
	add(&m, "m3", "m1 m2");		/* guesses m2's parent is m1 */
	add(&m, "m2", "m0");		/* m2 says its parent is m0 */
	check_str(parent(&m, "m2"), "m0");
	check_int(thread_of(&m, "m0"), thread_of(&m, "m3"));

	/* A long chain stays one thread with the right root. */
	reset(&m);
	add(&m, "c0", "");
	add(&m, "c1", "c0");
	add(&m, "c2", "c0 c1");
	add(&m, "c3", "c0 c1 c2");
	check_str(parent(&m, "c3"), "c2");
	check_str(m.roots[thread_of(&m, "c3")], "c0");
	reset(&m);
	return (tap_done());
}
