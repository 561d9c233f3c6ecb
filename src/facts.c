/* Sorted facts and index sorts with an explicit context (facts.h). */
#include <stdlib.h>
#include <string.h>

#include "facts.h"
#include "xmalloc.h"

struct fact *
facts_add(struct facts *fs, long long key, const char *text)
{
	struct fact	*f;

	/* Grow in powers of two: these arrays reach millions of entries. */
	if ((fs->n & (fs->n - 1)) == 0)
		fs->v = xreallocarray(fs->v, fs->n == 0 ? 16 : fs->n * 2,
		    sizeof *fs->v);
	f = &fs->v[fs->n++];
	memset(f, 0, sizeof *f);
	f->key = key;
	f->text = text;
	return (f);
}

static int
facts_cmp(const void *a, const void *b)
{
	const struct fact	*x = a, *y = b;

	if (x->key != y->key)
		return (x->key < y->key ? -1 : 1);
	if (x->part != y->part)
		return (x->part < y->part ? -1 : 1);
	if (x->date != y->date)
		return (x->date < y->date ? -1 : 1);
	return (x->text != NULL && y->text != NULL ? strcmp(x->text, y->text) :
	    0);
}

void
facts_sort(struct facts *fs)
{
	/* qsort(NULL, 0, ...) is undefined: empty databases exist. */
	if (fs->n > 0)
		qsort(fs->v, fs->n, sizeof *fs->v, facts_cmp);
}

const struct fact *
facts_find(const struct facts *fs, long long key, size_t *count)
{
	size_t	lo = 0, hi = fs->n, mid, end;

	while (lo < hi) {
		mid = (lo + hi) / 2;
		if (fs->v[mid].key < key)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (end = lo; end < fs->n && fs->v[end].key == key; end++)
		;
	*count = end - lo;
	return (lo < fs->n && fs->v[lo].key == key ? &fs->v[lo] : NULL);
}

void
facts_free(struct facts *fs)
{
	free(fs->v);
	memset(fs, 0, sizeof *fs);
}

ssize_t
facts_search(const long long *keys, size_t n, long long key)
{
	size_t	lo = 0, hi = n, mid;

	while (lo < hi) {
		mid = (lo + hi) / 2;
		if (keys[mid] == key)
			return ((ssize_t)mid);
		if (keys[mid] < key)
			lo = mid + 1;
		else
			hi = mid;
	}
	return (-1);
}

/* Short runs are sorted by insertion, longer ones merged. */
#define FACTS_RUN	16

static void
facts_merge_sort(size_t *idx, size_t *tmp, size_t n,
    int (*cmp)(const void *, size_t, size_t), const void *ctx)
{
	size_t	half = n / 2, i, j, k, v;

	if (n <= FACTS_RUN) {
		for (i = 1; i < n; i++) {
			v = idx[i];
			for (j = i; j > 0 && cmp(ctx, idx[j - 1], v) > 0; j--)
				idx[j] = idx[j - 1];
			idx[j] = v;
		}
		return;
	}
	facts_merge_sort(idx, tmp, half, cmp, ctx);
	facts_merge_sort(idx + half, tmp, n - half, cmp, ctx);
	if (cmp(ctx, idx[half - 1], idx[half]) <= 0)
		return;		/* already in order */
	memcpy(tmp, idx, half * sizeof *idx);
	for (i = 0, j = half, k = 0; i < half && j < n; )
		idx[k++] = cmp(ctx, tmp[i], idx[j]) <= 0 ? tmp[i++] : idx[j++];
	while (i < half)
		idx[k++] = tmp[i++];
}

size_t *
facts_order(size_t n, int (*cmp)(const void *, size_t, size_t),
    const void *ctx)
{
	size_t	*idx = xcalloc(n + 1, sizeof *idx), *tmp, i;

	for (i = 0; i < n; i++)
		idx[i] = i;
	tmp = xcalloc(n / 2 + 1, sizeof *tmp);
	facts_merge_sort(idx, tmp, n, cmp, ctx);
	free(tmp);
	return (idx);
}

void
facts_permute(void *array, size_t size, const size_t *idx, size_t n)
{
	char	*old = *(char **)array, *new = xcalloc(n + 1, size);
	size_t	 i;

	for (i = 0; i < n; i++)
		memcpy(new + i * size, old + idx[i] * size, size);
	free(old);
	*(char **)array = new;
}
