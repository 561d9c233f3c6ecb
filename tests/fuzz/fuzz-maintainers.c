/*
 * libFuzzer harness: maintainers_parse on any text, then lookups as the
 * classifier does them: who maintains a few usual paths and the paths the
 * file itself names.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "maintainers.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static const char *fuzz_paths[] = {
	"xen/include/public/io/pvcalls.h", "drivers/xen/pvcalls-front.c",
	"docs/designs/x.md", "./README", "/tools/libs/", "a/b/c/d/e",
};

static void
fuzz_lookup(const struct maintainers *mt, const char *path)
{
	const struct maintainers_section	**v;
	char					 *paths[1];
	size_t					  n;

	if ((n = maintainers_match(mt, path, &v)) > 0) {
		/* THE REST, when present, must come last. */
		free(v);
	}
	paths[0] = (char *)path;
	(void)maintainers_is_maintainer(mt, "Ann <ann@example.org>", paths, 1);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct maintainers			*mt;
	const struct maintainers_section	*s;
	char					*cause = NULL;
	size_t					 i, j;

	if (maintainers_parse((const char *)data, size, "fuzz", &mt,
	    &cause) != 0) {
		free(cause);
		return (0);
	}
	for (i = 0; i < sizeof fuzz_paths / sizeof fuzz_paths[0]; i++)
		fuzz_lookup(mt, fuzz_paths[i]);
	for (i = 0; i < maintainers_nsections(mt) && i < 8; i++) {
		s = maintainers_get(mt, i);
		for (j = 0; j < s->nf && j < 4; j++)
			fuzz_lookup(mt, s->f[j]);
		(void)maintainers_in_section(mt, "ann@example.org", s->title);
		(void)maintainers_find(mt, s->title);
	}
	maintainers_free(mt);
	return (0);
}
