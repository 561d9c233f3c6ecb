/*
 * Git's estimate of how similar two files are, which decides whether a
 * deleted file and a new one are a rename and with what "similarity
 * index" (diffcore-delta.c and estimate_similarity() of git 2.39).  The
 * commits' diffs that libgit2 makes use it instead of libgit2's own
 * estimate, so that they pair renames and write similarity lines as the
 * git that made the posted patch did: their patch-ids then agree.  Pure.
 */
#ifndef COMMITS_SIMILAR_H
#define COMMITS_SIMILAR_H

#include <stddef.h>

/* Git's scale: MAX is the same content, MIN the -M default (50%). */
#define COMMITS_SIMILAR_MAX	60000
#define COMMITS_SIMILAR_MIN	30000

/* A file's signature: its size and how often each chunk occurs. */
struct commits_similar;

struct commits_similar *commits_similar_sig(const char *, size_t);
void	commits_similar_free(struct commits_similar *);
/*
 * The score of a rename between two files, 0 to COMMITS_SIMILAR_MAX; 0
 * when their sizes differ too much for a score of minimum or more.
 */
int	commits_similar_score(const struct commits_similar *,
	    const struct commits_similar *, int);

#endif
