/*
 * libFuzzer harness: the mbox reader (fetch_mbox) on any bytes, plain or
 * gzip.  Besides memory errors it checks the property crash recovery
 * rests on: resuming from the cursor of any message yields exactly the
 * messages an uninterrupted read gives after it.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fetch.h"
#include "fuzz-file.h"
#include "text.h"
#include "xmalloc.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

#define FUZZ_MAX_ITEMS	256

/* What one read gave: a hash of each item and the cursor after it. */
struct fuzz_read {
	char	hash[FUZZ_MAX_ITEMS][65];
	char	cursor[FUZZ_MAX_ITEMS][512];
	int	result[FUZZ_MAX_ITEMS];
	size_t	n;
};

static void
fuzz_read(const char *path, size_t max, const char *cursor,
    struct fuzz_read *out)
{
	struct fetch_ctx	*c;
	struct fetch_item	 it;
	char			*cause = NULL;
	int			 r;

	out->n = 0;
	if (fetch_mbox.open(&c, path, max, cursor, &cause) != 0) {
		free(cause);
		return;
	}
	while (out->n < FUZZ_MAX_ITEMS) {
		memset(&it, 0, sizeof it);
		r = fetch_mbox.next(c, &it, &cause);
		if (r == FETCH_END)
			break;
		if (r != FETCH_OK && r != FETCH_SKIP) {
			free(cause);
			break;
		}
		/* Items are borrowed: they must be readable in full. */
		if (r == FETCH_OK)
			text_sha256_hex(it.data, it.len, out->hash[out->n]);
		else
			/* 65 bytes: the reason's start is enough to compare. */
			snprintf(out->hash[out->n], 65, "skip %.58s",
			    it.reason);
		memcpy(out->cursor[out->n], it.cursor, sizeof it.cursor);
		out->result[out->n++] = r;
	}
	(void)fetch_mbox.progress(c);
	fetch_mbox.close(c);
}

static void
fuzz_resume(const char *path, size_t max, const struct fuzz_read *all)
{
	static struct fuzz_read	 rest;
	size_t			 k, i;

	if (all->n < 2 || all->n == FUZZ_MAX_ITEMS)
		return;
	/* One resume point per input keeps each run cheap. */
	k = all->n / 2 - 1;
	fuzz_read(path, max, all->cursor[k], &rest);
	if (rest.n != all->n - k - 1)
		abort();
	for (i = 0; i < rest.n; i++)
		if (strcmp(rest.hash[i], all->hash[k + 1 + i]) != 0 ||
		    strcmp(rest.cursor[i], all->cursor[k + 1 + i]) != 0)
			abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct fuzz_read	 all;
	const char		*path;
	size_t			 max;

	/* The size limit comes from the input, so the skip path is reached. */
	max = size > 0 ? (size_t)64 << (data[0] & 7) : 4096;
	if ((path = fuzz_file(data, size)) == NULL)
		return (0);
	fuzz_read(path, max, NULL, &all);
	fuzz_resume(path, max, &all);
	return (0);
}
