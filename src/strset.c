/* A set of borrowed byte strings (strset.h). */
#include <stdlib.h>
#include <string.h>

#include "strset.h"
#include "xmalloc.h"

/*
 * Eight bytes at a time, multiplied and folded (FNV-1a a byte at a time
 * was a tenth of the model's cost); the tail a byte at a time.
 */
uint32_t
strset_hash(const char *s, size_t len)
{
	uint64_t	h = 0x9e3779b97f4a7c15ull ^ len, w;
	size_t		i = 0;

	for (; i + 8 <= len; i += 8) {
		memcpy(&w, s + i, 8);
		h = (h ^ w) * 0xff51afd7ed558ccdull;
		h ^= h >> 32;
	}
	for (; i < len; i++)
		h = (h ^ (unsigned char)s[i]) * 0x100000001b3ull;
	h ^= h >> 29;
	h *= 0xc4ceb9fe1a85ec53ull;
	return ((uint32_t)(h ^ (h >> 32)));
}

/* The slot holding s, or the empty slot where it would go. */
static struct strset_slot *
strset_slot(const struct strset *set, const char *s, size_t len, uint32_t h)
{
	struct strset_slot	*e;
	size_t			 i;

	for (i = h & (set->size - 1);; i = (i + 1) & (set->size - 1)) {
		e = &set->v[i];
		if (e->s == NULL || (e->hash == h && e->len == len &&
		    memcmp(e->s, s, len) == 0))
			return (e);
	}
}

/* A table of size slots (a power of two), every string put back. */
static void
strset_resize(struct strset *set, size_t size)
{
	struct strset_slot	*old = set->v;
	size_t			 i, osize = set->size;

	set->size = size;
	set->v = xcalloc(set->size, sizeof *set->v);
	for (i = 0; i < osize; i++)
		if (old[i].s != NULL)
			*strset_slot(set, old[i].s, old[i].len,
			    old[i].hash) = old[i];
	free(old);
}

int
strset_has(const struct strset *set, const char *s, size_t len, uint32_t h)
{
	return (set->size > 0 && strset_slot(set, s, len, h)->s != NULL);
}

const char **
strset_put(struct strset *set, const char *s, size_t len, uint32_t h)
{
	struct strset_slot	*e;

	/* At most half full: probes stay short. */
	if (2 * (set->n + 1) > set->size)
		strset_resize(set, set->size == 0 ? 64 : set->size * 2);
	e = strset_slot(set, s, len, h);
	if (e->s != NULL)
		return (NULL);
	e->s = s;
	e->len = (uint32_t)len;
	e->hash = h;
	set->n++;
	return (&e->s);
}

int
strset_add(struct strset *set, const char *s, size_t len, uint32_t h)
{
	return (strset_put(set, s, len, h) != NULL);
}

void
strset_reserve(struct strset *set, size_t n)
{
	size_t	size;

	for (size = set->size == 0 ? 64 : set->size; size < 2 * n; size *= 2)
		;
	if (size > set->size)
		strset_resize(set, size);
}

size_t
strset_count(const struct strset *set)
{
	return (set->n);
}

void
strset_free(struct strset *set)
{
	free(set->v);
	memset(set, 0, sizeof *set);
}
