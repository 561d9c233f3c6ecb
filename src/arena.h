/*
 * An arena: memory handed out from large blocks and released all at once.
 * Loading the facts of a million messages would otherwise mean four
 * million small mallocs.  Pure.
 */
#ifndef ARENA_H
#define ARENA_H

#include <stddef.h>

struct arena {
	char	**blocks;
	size_t	  nblocks, ablocks;
	size_t	  used, size;		/* of the newest block */
};

/* An arena is ready when zeroed. */
/* len bytes, not aligned, as long as the arena lives. */
void		*arena_space(struct arena *, size_t);
/*
 * size bytes aligned as malloc's, as long as the arena lives; an
 * allocator in the shape store_evalcache_decode takes (arg: the arena).
 */
void		*arena_alloc(void *, size_t);
/* A copy of s (NULL for NULL), as long as the arena lives. */
const char	*arena_keep(struct arena *, const char *);
/* A copy of len bytes. */
const char	*arena_keep_bytes(struct arena *, const void *, size_t);
/* Release every block; the arena may be used again. */
void		 arena_free(struct arena *);

#endif
