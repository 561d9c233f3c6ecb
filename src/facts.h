/*
 * Facts keyed by a thread or posting id, collected in bulk, sorted once
 * and then found by binary search; and the sorting helpers the proposal
 * stage needs, which take their context as an argument instead of a
 * file-scope variable.  Pure.
 */
#ifndef FACTS_H
#define FACTS_H

#include <sys/types.h>

#include <stddef.h>
#include <time.h>

struct fact {
	long long	 key;
	const char	*text;		/* borrowed */
	long		 num;		/* a window named by the message */
	int		 part;		/* its M of M/K, 99999 when none */
	time_t		 date;
};

struct facts {
	struct fact	*v;
	size_t		 n;
};

/* A new fact for key, zeroed but for its text; valid until the next add. */
struct fact	*facts_add(struct facts *, long long, const char *);
/* Sort by key, part, date and text: each key's facts together. */
void		 facts_sort(struct facts *);
/*
 * The first of the facts for key (after facts_sort) and, in *count, how
 * many there are; NULL when none.
 */
const struct fact *facts_find(const struct facts *, long long,
		    size_t * /* OUT */);
void		 facts_free(struct facts *);

/* Where key is in keys[0..n) (ascending), or -1. */
ssize_t		 facts_search(const long long *, size_t, long long);
/*
 * The indexes 0..n-1 in the order cmp(ctx, i, j) gives them (a stable
 * merge sort); the caller frees the array.
 */
size_t		*facts_order(size_t, int (*)(const void *, size_t, size_t),
		    const void *);
/* Put the n elements of *array (each size bytes) in idx's order. */
void		 facts_permute(void *, size_t, const size_t *, size_t);

#endif
