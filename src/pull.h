/*
 * A pull request ("[GIT PULL]", "[PULL 00/12]"): what it asks to pull, as
 * git request-pull writes it.  A pull request is not a proposal for
 * consensus: it asks a maintainer to merge work reviewed elsewhere.  Pure.
 *
 *	The following changes since commit 9e98c678c2d6...:
 *	  Linux 5.1-rc1 (2019-03-17 14:22:26 -0700)
 *	are available in the Git repository at:
 *	  git://git.kernel.org/.../linux.git tags/hyperv-next-signed
 *	for you to fetch changes up to a3fb7bf369ef...:
 *	...
 *	Joseph Salisbury (3):
 */
#ifndef PULL_H
#define PULL_H

struct pull {
	char	*url;		/* the repository */
	char	*ref;		/* the tag or branch, or NULL */
	char	*base;		/* "changes since commit", or NULL */
	char	*head;		/* "changes up to", or NULL */
	int	 commits;	/* in the shortlog ("Name (3):"), or 0 */
};

/* Read body; 0 and *out (free with pull_free) when it names a repository. */
int	pull_parse(const char *, struct pull * /* OUT */);
void	pull_free(struct pull *);
/* "REF, up to HEAD12 (N commits)"; the caller frees it. */
char	*pull_describe(const struct pull *);

#endif
