/*
 * Commit notices in stored mail (commits-notice.h) into the commits that
 * git sources feed too: each notice is a commit of source "mail <msgid>"
 * on the branch it names, matched to the posted patch it applied (how
 * "notice") when that is one patch without doubt and the branch is one
 * that policy.conf's commit-branches says means committed.  From there
 * `pvbot commits`, status and the committed verdict read it as they
 * read a commit of xen.git.
 */
#ifndef COMMITS_MAIL_H
#define COMMITS_MAIL_H

struct config;
struct store;

struct commits_mail_stats {
	unsigned long	read;		/* messages parsed */
	unsigned long	notices;	/* notices stored */
	unsigned long	matched;	/* notices matched to a patch */
	unsigned long	unclaimed;	/* notices that claim nothing */
};

/*
 * Read the mail stored since the last run for notices, then match every
 * notice again (patches may have come since).  cf names policy.conf (the
 * built-in one when NULL).  One transaction.  Returns 0, or -1 with
 * *cause.  -v store says what each notice matched, or why nothing.
 */
int	commits_mail_update(struct store *, const struct config *,
	    struct commits_mail_stats *, char ** /* OUT cause */);
/*
 * commits_mail_update after mail was stored (import, poll, run): a
 * failure is logged, not returned; the mail stays stored and the next
 * run reads it again.
 */
void	commits_mail_after(struct store *, const struct config *);
/* Forget where reading stopped: the next update reads all mail again. */
void	commits_mail_rescan(struct store *);

#endif
