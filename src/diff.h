/*
 * The paths a unified diff touches, from git's "diff --git", "rename
 * from/to" and "copy from/to" lines and the "--- a/X" / "+++ b/Y" pairs.
 * Pure.
 */
#ifndef DIFF_H
#define DIFF_H

#include <stddef.h>

/*
 * The paths patch touches, each once, in the order they first appear:
 * both sides of a rename or copy, never /dev/null, without the a/ and b/
 * prefixes.  Hunk bodies are skipped by their line counts, so a removed
 * line "-- x" is not taken for a header.  Returns the count; *out is a new
 * array of new strings, all the caller's (NULL when the count is 0).
 */
size_t	diff_paths(const char *, char *** /* OUT */);
/* Free the n strings and the array diff_paths returned. */
void	diff_paths_free(char **, size_t);

#endif
