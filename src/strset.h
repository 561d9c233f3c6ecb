/*
 * A set of byte strings, open addressing on their hash: the
 * model's features of one message, each counted once without sorting
 * them.  The strings are the caller's, borrowed: they must live as long
 * as the set holds them (the model keeps them in an arena).  Pure.
 */
#ifndef STRSET_H
#define STRSET_H

#include <stddef.h>
#include <stdint.h>

struct strset_slot {
	const char	*s;	/* borrowed; NULL: an empty slot */
	uint32_t	 len;
	uint32_t	 hash;
};

/* A set is ready when zeroed. */
struct strset {
	struct strset_slot	*v;
	size_t			 n, size;	/* size: 0 or a power of two */
};

/* The hash of len bytes: the same bytes, the same hash, wherever they are. */
uint32_t	strset_hash(const char *, size_t);
/* Whether the len bytes at s, of hash h, are in the set. */
int		strset_has(const struct strset *, const char *, size_t,
		    uint32_t);
/*
 * Add them (s borrowed, less than 4 GB): 1 when new, 0 when they were in
 * already.
 */
int		strset_add(struct strset *, const char *, size_t, uint32_t);
/*
 * The same, but when the bytes are new: NULL when they were in already,
 * else where the set keeps s, for the caller to point at a copy of the
 * same bytes (which the set then borrows instead).
 */
const char	**strset_put(struct strset *, const char *, size_t, uint32_t);
/* Make room for n strings, so that adding them does not grow the table. */
void		strset_reserve(struct strset *, size_t);
/* How many strings are in. */
size_t		strset_count(const struct strset *);
/* Empty the set and release its table; it may be used again. */
void		strset_free(struct strset *);

#endif
