/*
 * The store's side of git sources: commits read from a repository, the
 * branches they are on, patch-ids of posted patches, and the matches
 * between the two.  Every write runs inside the caller's transaction,
 * with the branches' cursors, so that a crash resumes exactly.
 */
#ifndef STORE_COMMITS_H
#define STORE_COMMITS_H

#include <stddef.h>
#include <time.h>

struct commits_info;
struct commits_notice_cand;
struct store;
struct store_commits;

/* A stored commit, as matching needs it; strings are owned. */
struct store_commit {
	long long	 id;
	char		*oid;
	char		*author_email;
	char		*norm_subject;
	char		*patch_id;	/* NULL: not computed, or no text */
	time_t		 commit_date;
	int		 on_branch;	/* on a configured branch still */
};

/* A matched commit, as `pvbot commits` and the views show it. */
struct store_commit_match {
	char		*oid;
	char		*source;
	char		*branches;	/* comma-separated */
	char		*subject;	/* the commit's */
	time_t		 commit_date;
	char		*how;		/* COMMITS_BY_* */
	char		*patch_id;	/* the commit's, or NULL */
	char		*message_id;	/* the patch it applied */
	char		*root;		/* the patch's thread root */
	char		*patch_subject;
	int		 version;
};

/*
 * The statements of this module, prepared on first use and finalized by
 * store_commits_close (before store_close).
 */
struct store_commits *store_commits_open(struct store *);
void	store_commits_close(struct store_commits *);

/* Where matching stands for a source; 0 for both when never run. */
void	store_commits_state(struct store_commits *, const char *,
	    long long * /* OUT scanned */, time_t * /* OUT patchid_from */);
void	store_commits_state_set(struct store_commits *, const char *, long long,
	    time_t);
/*
 * Store a commit read on branch (once per source and id) with its
 * normalized subject, the Message-IDs it names and its patch-id (NULL
 * when not computed).  Returns its row id; *added is 1 for a new commit,
 * 2 for one back on a branch after being on none, else 0.
 */
long long store_commits_put(struct store_commits *, const char *, const char *,
	    const struct commits_info *, const char *, char **, size_t,
	    const char *, int * /* OUT added */);
void	store_commits_set_patchid(struct store_commits *, long long, const char *);
/* Commits of source dated in [from, to) without a patch-id: ids, oids. */
size_t	store_commits_need_patchid(struct store_commits *, const char *, time_t,
	    time_t, long long ** /* OUT */, char *** /* OUT */);

/*
 * After a force-push: start a sweep, record each commit still on the
 * branch, then drop the branch from every stored commit not recorded.
 * Commits left on no branch lose their matches.  Returns how many
 * commits left the branch.
 */
void	store_commits_sweep_begin(struct store_commits *);
void	store_commits_sweep_add(struct store_commits *, const char *);
long long store_commits_sweep_end(struct store_commits *, const char *, const char *);

/*
 * Posted patches: every message in lists (a JSON array) stored after
 * message id after that is a part of a posting, with its raw bytes, to
 * fn; fn returns non-zero to stop.  Returns the newest id seen.
 */
long long store_commits_each_patch(struct store_commits *, const char *, long long,
	    int (*)(void *, long long, time_t, const char *, size_t), void *);
void	store_commits_patch_put(struct store_commits *, long long, const char *);
/* The oldest posted patch in lists, or 0. */
time_t	store_commits_oldest_patch(struct store_commits *, const char *);

/* A commit by row id; 0, or -1 when there is none. */
int	store_commits_get(struct store_commits *, long long,
	    struct store_commit * /* OUT */);
void	store_commits_clear(struct store_commit *);
/*
 * Commits of source that patches stored after message id after could
 * match (same patch-id, same author and subject, or named by a link).
 */
size_t	store_commits_affected(struct store_commits *, const char *, long long,
	    long long ** /* OUT */);
/* Commits of source stored after row id after. */
size_t	store_commits_since(struct store_commits *, const char *, long long,
	    long long ** /* OUT */);
long long store_commits_last_id(struct store_commits *);

/* Candidates, each the newest fitting patch in lists, or 0. */
long long store_commits_by_link(struct store_commits *, const char *, long long,
	    const char *);
long long store_commits_by_patchid(struct store_commits *, const char *,
	    const char *, time_t);
long long store_commits_by_subject(struct store_commits *, const char *,
	    const char *, const char *, time_t, time_t);
/* Make message the one patch commit matched (0: none), how. */
void	store_commits_match_set(struct store_commits *, long long, long long,
	    const char *);

/* Matched commits (of one thread root when given), oldest first. */
size_t	store_commits_matches(struct store_commits *, const char *,
	    struct store_commit_match ** /* OUT */);
void	store_commits_matches_free(struct store_commit_match *, size_t);

/* A commit notice stored from mail (source "mail <msgid>"): owned. */
struct store_notice {
	char		*oid;
	char		*author;
	char		*author_email;
	char		*title;		/* as sent, a "..." kept */
	time_t		 at;
	char		*branches;	/* comma-separated, or NULL */
	char		*source;
};

/*
 * Each present message stored after row id after that may hold a commit
 * notice (raw bytes); returns the newest message row id (the next
 * cursor).
 */
long long store_commits_mail_each(struct store_commits *, long long,
	    int (*)(void *, long long, time_t, const char *, size_t), void *);
/* The row ids of the commits read from mail. */
size_t	store_commits_mail_commits(struct store_commits *, long long **);
int	store_commits_notice_get(struct store_commits *, long long,
	    struct store_notice * /* OUT */);
void	store_commits_notice_clear(struct store_notice *);
/*
 * Posted patches (parts with a diff) whose normalized subject is norm, or
 * starts with it when prefix; strings owned, freed with _cands_free.
 */
size_t	store_commits_notice_cands(struct store_commits *, const char *, int,
	    struct commits_notice_cand ** /* OUT */);
void	store_commits_notice_cands_free(struct commits_notice_cand *, size_t);
/* Each part of message's posting that has no patch-id yet, raw. */
void	store_commits_posting_patches(struct store_commits *, long long,
	    int (*)(void *, long long, time_t, const char *, size_t), void *);

#endif
