/* A small TAP producer. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tap.h"

static int	tap_count;
static int	tap_failed;

int
tap_check(int cond, const char *file, int line, const char *what)
{
	tap_count++;
	if (cond)
		printf("ok %d - %s\n", tap_count, what);
	else {
		tap_failed++;
		printf("not ok %d - %s\n#   at %s:%d\n", tap_count, what, file,
		    line);
	}
	fflush(stdout);
	return (cond);
}

int
tap_check_int(long long got, long long want, const char *file, int line,
    const char *what)
{
	if (!tap_check(got == want, file, line, what))
		printf("#   got %lld, want %lld\n", got, want);
	return (got == want);
}

int
tap_check_str(const char *got, const char *want, const char *file, int line,
    const char *what)
{
	int	ok = (got == NULL && want == NULL) || (got != NULL &&
		    want != NULL && strcmp(got, want) == 0);

	if (!tap_check(ok, file, line, what))
		printf("#   got  '%s'\n#   want '%s'\n", got ? got : "(null)",
		    want ? want : "(null)");
	return (ok);
}

int
tap_done(void)
{
	printf("1..%d\n", tap_count);
	return (tap_failed == 0 ? 0 : 1);
}

const char *
tap_tmpdir(void)
{
	static char	dir[] = "/tmp/pvbot-unit-XXXXXX";
	static int	made;

	if (!made) {
		if (mkdtemp(dir) == NULL) {
			perror("mkdtemp");
			exit(99);
		}
		made = 1;
	}
	return (dir);
}

const char *
tap_shared(const char *rel)
{
	static char	 path[4096];
	const char	*env = getenv("PVBOT_SHARED"), *top = getenv("TOP_SRCDIR");

	if (env != NULL) {
		snprintf(path, sizeof path, "%s/%s", env, rel);
		if (access(path, R_OK) == 0)
			return (path);
	}
	snprintf(path, sizeof path, "%s/../shared/%s", top != NULL ? top : ".",
	    rel);
	if (access(path, R_OK) == 0)
		return (path);
	snprintf(path, sizeof path, "/work/shared/%s", rel);
	if (access(path, R_OK) == 0)
		return (path);
	return (NULL);
}
