/* Block allocation for data that lives and dies together (arena.h). */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "xmalloc.h"

#define ARENA_BLOCK	(1024 * 1024)

static void
arena_add_block(struct arena *a, char *block, size_t size)
{
	if (a->nblocks == a->ablocks) {
		a->ablocks = a->ablocks == 0 ? 64 : a->ablocks * 2;
		a->blocks = xreallocarray(a->blocks, a->ablocks,
		    sizeof *a->blocks);
	}
	a->blocks[a->nblocks++] = block;
	a->used = 0;
	a->size = size;
}

void *
arena_space(struct arena *a, size_t len)
{
	char	*space;

	if (len > ARENA_BLOCK / 4) {
		space = xmalloc(len + 1);
		arena_add_block(a, space, len);
		a->used = a->size;	/* a block of its own */
		return (space);
	}
	if (a->nblocks == 0 || a->used + len > a->size)
		arena_add_block(a, xmalloc(ARENA_BLOCK), ARENA_BLOCK);
	space = a->blocks[a->nblocks - 1] + a->used;
	a->used += len;
	return (space);
}

void *
arena_alloc(void *arg, size_t size)
{
	struct arena	*a = arg;
	size_t		 align = _Alignof(max_align_t);

	a->used = (a->used + align - 1) / align * align;
	if (a->used > a->size)
		a->used = a->size;
	return (arena_space(a, size));
}

const char *
arena_keep_bytes(struct arena *a, const void *s, size_t len)
{
	char	*copy = arena_space(a, len);

	memcpy(copy, s, len);
	return (copy);
}

const char *
arena_keep(struct arena *a, const char *s)
{
	if (s == NULL)
		return (NULL);
	return (arena_keep_bytes(a, s, strlen(s) + 1));
}

void
arena_free(struct arena *a)
{
	size_t	i;

	for (i = 0; i < a->nblocks; i++)
		free(a->blocks[i]);
	free(a->blocks);
	memset(a, 0, sizeof *a);
}
