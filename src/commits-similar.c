/*
 * Git's rename similarity, ported from git 2.39 (diffcore-delta.c,
 * diffcore-rename.c): a file is cut into chunks that end at a newline or
 * after 64 bytes, each chunk hashed into one of HASHBASE values, and the
 * score of a pair is how many bytes of chunks they share, over the
 * larger size.  The numbers must be git's, bit for bit, or the
 * similarity lines and the pairing differ.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "commits-similar.h"
#include "xmalloc.h"

/* git's prime between 2^16 and 2^17. */
#define COMMITS_SIMILAR_HASHBASE	107927
/* git's buffer_is_binary(): a NUL in the first 8000 bytes. */
#define COMMITS_SIMILAR_SNIFF		8000

struct commits_similar_span {
	uint32_t	hash;
	uint32_t	cnt;
};

struct commits_similar {
	size_t				 size;
	struct commits_similar_span	*v;	/* by hash, each hash once */
	size_t				 n;
};

/* An open-addressed table of chunk hashes while a file is read. */
struct commits_similar_table {
	struct commits_similar_span	*v;
	size_t				 cap, used;
};

static void
commits_similar_put(struct commits_similar_table *t, uint32_t hash,
    uint32_t cnt)
{
	struct commits_similar_span	*old;
	size_t				 i, oldcap;

	if (2 * (t->used + 1) > t->cap) {
		old = t->v;
		oldcap = t->cap;
		t->cap = oldcap == 0 ? 512 : 2 * oldcap;
		t->v = xcalloc(t->cap, sizeof *t->v);
		t->used = 0;
		for (i = 0; i < oldcap; i++)
			if (old[i].cnt != 0)
				commits_similar_put(t, old[i].hash, old[i].cnt);
		free(old);
	}
	for (i = hash & (t->cap - 1); t->v[i].cnt != 0; i = (i + 1) &
	    (t->cap - 1)) {
		if (t->v[i].hash == hash) {
			t->v[i].cnt += cnt;
			return;
		}
	}
	t->v[i].hash = hash;
	t->v[i].cnt = cnt;
	t->used++;
}

static int
commits_similar_cmp(const void *a, const void *b)
{
	const struct commits_similar_span	*x = a, *y = b;

	return (x->hash < y->hash ? -1 : x->hash > y->hash);
}

struct commits_similar *
commits_similar_sig(const char *buf, size_t len)
{
	struct commits_similar		*s = xcalloc(1, sizeof *s);
	struct commits_similar_table	 t = { NULL, 0, 0 };
	const unsigned char		*p = (const unsigned char *)buf;
	uint32_t			 a1 = 0, a2 = 0, old, c;
	size_t				 i, n = 0;
	int				 text;

	text = memchr(buf, '\0', len < COMMITS_SIMILAR_SNIFF ? len :
	    COMMITS_SIMILAR_SNIFF) == NULL;
	s->size = len;
	for (i = 0; i < len; i++) {
		c = p[i];
		/* A text file's CRLF counts as LF. */
		if (text && c == '\r' && i + 1 < len && p[i + 1] == '\n')
			continue;
		old = a1;
		a1 = (a1 << 7) ^ (a2 >> 25);
		a2 = (a2 << 7) ^ (old >> 25);
		a1 += c;
		if (++n < 64 && c != '\n')
			continue;
		commits_similar_put(&t, (a1 + a2 * 0x61) %
		    COMMITS_SIMILAR_HASHBASE, (uint32_t)n);
		n = 0;
		a1 = a2 = 0;
	}
	/*
	 * git 2.39 drops a last chunk without a newline (later git counts
	 * it); the git whose patch-ids pvbot is checked against is 2.39.
	 */
	s->v = xcalloc(t.used + 1, sizeof *s->v);
	for (i = 0; i < t.cap; i++)
		if (t.v[i].cnt != 0)
			s->v[s->n++] = t.v[i];
	free(t.v);
	qsort(s->v, s->n, sizeof *s->v, commits_similar_cmp);
	return (s);
}

void
commits_similar_free(struct commits_similar *s)
{
	if (s == NULL)
		return;
	free(s->v);
	free(s);
}

int
commits_similar_score(const struct commits_similar *src,
    const struct commits_similar *dst, int minimum)
{
	unsigned long long	 max, base, copied = 0;
	size_t			 i = 0, j = 0;

	max = src->size > dst->size ? src->size : dst->size;
	base = src->size < dst->size ? src->size : dst->size;
	/* git: no rename when the sizes alone rule minimum out. */
	if (max * (unsigned long long)(COMMITS_SIMILAR_MAX - minimum) <
	    (max - base) * COMMITS_SIMILAR_MAX || max == 0)
		return (0);
	/* The bytes of each chunk both have, as often as both have it. */
	while (i < src->n && j < dst->n) {
		if (src->v[i].hash < dst->v[j].hash)
			i++;
		else if (src->v[i].hash > dst->v[j].hash)
			j++;
		else {
			copied += src->v[i].cnt < dst->v[j].cnt ?
			    src->v[i].cnt : dst->v[j].cnt;
			i++;
			j++;
		}
	}
	return ((int)(copied * COMMITS_SIMILAR_MAX / max));
}
