/* A small TAP producer for the unit tests (after git's t/unit-tests). */
#ifndef TAP_H
#define TAP_H

#include <stddef.h>

/* Record one check; returns cond so callers can branch on failure. */
int	tap_check(int cond, const char *file, int line, const char *what);
int	tap_check_int(long long got, long long want, const char *file, int line,
	    const char *what);
int	tap_check_str(const char *got, const char *want, const char *file,
	    int line, const char *what);
/* Print the plan and return the exit status (0 when all passed). */
int	tap_done(void);
/*
 * The path of a file in the shared corpus (../shared beside the checkout,
 * $PVBOT_SHARED, or /work/shared), or NULL when it is not there.
 */
const char *tap_shared(const char *);
/* A temporary directory for this test, removed by the caller's rm. */
const char *tap_tmpdir(void);

#define check(c)		tap_check(!!(c), __FILE__, __LINE__, #c)
#define check_int(g, w)		tap_check_int((g), (w), __FILE__, __LINE__, #g)
#define check_str(g, w)		tap_check_str((g), (w), __FILE__, __LINE__, #g)

#endif
