/*
 * JWZ threading, incremental: each message is linked into the forest as it
 * arrives, through a node store the caller provides (SQLite in pvbot, an
 * array in the tests), so no Message-ID is held in memory.  Pure.
 *
 * Every Message-ID named in References/In-Reply-To gets a node; missing
 * ones are placeholders, which keeps their children together.  A thread is
 * the set of nodes connected by references; it is identified by a number
 * and described by its root, the topmost node.
 */
#ifndef THREAD_H
#define THREAD_H

#include <stddef.h>

struct thread_node {
	char		*parent;	/* owned; NULL for a root */
	long long	 thread;
	int		 present;	/* 0 for a placeholder */
};

struct thread_ops {
	/* Fill *node (parent owned by the caller) and return 1, or 0. */
	int		(*get)(void *, const char *, struct thread_node *);
	/* Create or replace the node for a Message-ID. */
	void		(*put)(void *, const char *, const struct thread_node *);
	/* A new, empty thread. */
	long long	(*create)(void *);
	/* Number of nodes in a thread. */
	long long	(*size)(void *, long long);
	/* Move every node of thread "from" into thread "into". */
	void		(*merge)(void *, long long, long long);
	/* Record the root node of a thread. */
	void		(*set_root)(void *, long long, const char *);
};

#define THREAD_ADDED	0
#define THREAD_KNOWN	1	/* the message was already present */
#define THREAD_FILLED	2	/* added where replies had left a placeholder */

/* Steps followed up a chain of parents before it is taken as a cycle. */
#define THREAD_MAX_DEPTH	10000

/*
 * Add msgid with its references (oldest first, In-Reply-To last) and
 * return THREAD_ADDED (THREAD_FILLED when it was a placeholder) with its
 * thread in *thread, or THREAD_KNOWN.
 */
int	thread_add(const struct thread_ops *, void *, const char *,
	    char *const *, size_t, long long * /* OUT */);

#endif
