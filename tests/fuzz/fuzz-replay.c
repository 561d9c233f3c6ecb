/*
 * A main() for the fuzz harnesses without libFuzzer: run each file given
 * (or each file in each directory given) through LLVMFuzzerTestOneInput
 * once.  make check replays the seed corpora and every input that once
 * crashed this way, in every build.
 *
 * usage: replay-NAME FILE|DIR...
 */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "buf.h"
#include "xmalloc.h"

int	LLVMFuzzerInitialize(int *, char ***) __attribute__((weak));
int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static int
replay_file(const char *path)
{
	FILE		*f;
	struct buf	 b;
	uint8_t		*exact;
	char		 chunk[65536];
	size_t		 n;

	if ((f = fopen(path, "rb")) == NULL) {
		perror(path);
		return (-1);
	}
	buf_init(&b);
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		buf_add(&b, chunk, n);
	fclose(f);
	/* An exact-size copy, so ASan sees any read past the input. */
	exact = xmalloc(b.len > 0 ? b.len : 1);
	memcpy(exact, b.data, b.len);
	LLVMFuzzerTestOneInput(exact, b.len);
	free(exact);
	buf_release(&b);
	return (0);
}

static int
replay_dir(const char *path)
{
	struct dirent	**names;
	char		 *file;
	int		  n, i, r = 0;

	/* Sorted, so that a failure names the same file every time. */
	if ((n = scandir(path, &names, NULL, alphasort)) == -1) {
		perror(path);
		return (-1);
	}
	for (i = 0; i < n; i++) {
		if (names[i]->d_name[0] != '.') {
			file = xasprintf("%s/%s", path, names[i]->d_name);
			if (replay_file(file) != 0)
				r = -1;
			free(file);
		}
		free(names[i]);
	}
	free(names);
	return (r);
}

int
main(int argc, char **argv)
{
	struct stat	st;
	int		i, r = 0;

	if (LLVMFuzzerInitialize != NULL)
		LLVMFuzzerInitialize(&argc, &argv);
	for (i = 1; i < argc; i++) {
		if (stat(argv[i], &st) == 0 && S_ISDIR(st.st_mode))
			r |= replay_dir(argv[i]);
		else
			r |= replay_file(argv[i]);
	}
	return (r != 0);
}
