/*
 * libFuzzer harness: an evaluation cache entry's facts as a damaged or
 * hostile database could hold them.  store_evalcache_decode must refuse or
 * accept without reading past the bytes; what it accepts, encoded again,
 * is canonical: it decodes and encodes to the same bytes.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "consensus.h"
#include "store-evalcache.h"
#include "xmalloc.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

/* The arrays decode asks for, freed after each input. */
struct fuzz_keep {
	void	**v;
	size_t	  n;
};

static void *
fuzz_alloc(void *arg, size_t size)
{
	struct fuzz_keep	*k = arg;

	k->v = xreallocarray(k->v, k->n + 1, sizeof *k->v);
	return (k->v[k->n++] = xmalloc(size));
}

static int
fuzz_decode(const char *data, size_t len, struct consensus_proposal *p,
    struct consensus_result *r, struct fuzz_keep *k)
{
	struct store_evalcache_entry	e;

	memset(&e, 0, sizeof e);
	memset(p, 0, sizeof *p);
	e.facts = (char *)data;
	e.len = len;
	return (store_evalcache_decode(&e, p, r, fuzz_alloc, k));
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct consensus_proposal	p, p2;
	struct consensus_result		r, r2;
	struct fuzz_keep		k = { NULL, 0 };
	struct buf			b1, b2;
	size_t				i;

	/* An exact copy: ASan sees any read past the end. */
	char	*copy = xmalloc(size > 0 ? size : 1);

	memcpy(copy, data, size);
	if (fuzz_decode(copy, size, &p, &r, &k) == 0) {
		buf_init(&b1);
		buf_init(&b2);
		store_evalcache_encode(&b1, &p, &r);
		if (fuzz_decode(b1.data, b1.len, &p2, &r2, &k) != 0)
			abort();	/* our own encoding refused */
		store_evalcache_encode(&b2, &p2, &r2);
		if (b1.len != b2.len || memcmp(b1.data, b2.data, b1.len) != 0)
			abort();	/* not canonical */
		buf_release(&b1);
		buf_release(&b2);
	}
	for (i = 0; i < k.n; i++)
		free(k.v[i]);
	free(k.v);
	free(copy);
	return (0);
}
