/*
 * A git repository read with libgit2: fetch a remote, resolve branches,
 * walk the commits new since a cursor, and make a commit's patch-id.
 */
#ifndef COMMITS_REPO_H
#define COMMITS_REPO_H

#include <time.h>

#include "patchid.h"

struct commits_repo;
struct commits_walk;

/* One commit, as read by commits_walk_next; strings are owned. */
struct commits_info {
	char	 id[PATCHID_HEX];
	char	*author_name;
	char	*author_email;		/* lower-cased */
	char	*subject;		/* the summary line */
	char	*message;		/* the whole message */
	time_t	 author_date;
	time_t	 commit_date;
	int	 merge;			/* more than one parent */
};

/* Open the repository (work tree or bare) at path. */
int	 commits_repo_open(const char *, struct commits_repo ** /* OUT */,
	    char ** /* OUT cause */);
void	 commits_repo_close(struct commits_repo *);
/*
 * Fetch remote (the name of a remote configured in the repository, or a
 * URL or path) with libgit2; its branches land under refs/remotes/pvbot/,
 * forced updates allowed: a force-push upstream moves the ref back.
 */
int	 commits_repo_fetch(struct commits_repo *, const char *,
	    char ** /* OUT cause */);
/*
 * The commit a branch points to: the remote's copy when remote is set,
 * else refs/heads/BRANCH, else whatever BRANCH names.  Returns 0 with
 * hex set, or -1 with *cause.
 */
int	 commits_repo_tip(struct commits_repo *, const char *, const char *,
	    char [PATCHID_HEX] /* OUT */, char ** /* OUT cause */);
/* True when the commit hex exists in the repository. */
int	 commits_repo_has(struct commits_repo *, const char *);
/* True when commit anc is tip or one of its ancestors. */
int	 commits_repo_reaches(struct commits_repo *, const char *,
	    const char *);
/*
 * Walk the commits reachable from tip and not from hide (NULL: all),
 * parents before children.  Returns 0, or -1 with *cause.
 */
int	 commits_repo_walk(struct commits_repo *, const char *, const char *,
	    struct commits_walk ** /* OUT */, char ** /* OUT cause */);
/* Only the ids: faster, for a resync's sweep.  1, 0 at the end, -1. */
int	 commits_walk_next_id(struct commits_walk *,
	    char [PATCHID_HEX] /* OUT */);
/* The next commit: 1, 0 at the end, -1 with *cause. */
int	 commits_walk_next(struct commits_walk *, struct commits_info * /* OUT */,
	    char ** /* OUT cause */);
void	 commits_walk_free(struct commits_walk *);
void	 commits_info_clear(struct commits_info *);
/*
 * The patch-id of the commit's change to its first parent (the root
 * commit: to nothing), the diff made as git makes it for format-patch
 * (renames found, indent heuristic, full blob names for binary files).
 * Returns 0 with hex set, 1 when the commit changes no text, -1 with
 * *cause.
 */
int	 commits_repo_patchid(struct commits_repo *, const char *,
	    char [PATCHID_HEX] /* OUT */, char ** /* OUT cause */);

#endif
