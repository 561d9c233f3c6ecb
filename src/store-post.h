/*
 * What deciding the mails (post-due.c) reads and writes in the store.
 * Rows are handed to a callback with strings borrowed until it returns.
 */
#ifndef STORE_POST_H
#define STORE_POST_H

#include <stddef.h>
#include <time.h>

struct store;

/* Whether the thread with this root is tagged "mute". */
int	store_post_muted(struct store *, const char *);

/* A verdict event; from is NULL for a proposal's first verdict. */
struct store_post_verdict {
	const char	*key;
	const char	*root;
	int		 version;
	const char	*from, *to;
};

/* Every verdict event at or before now, oldest first. */
void	store_post_verdicts(struct store *, time_t,
	    void (*)(void *, const struct store_post_verdict *), void *);

/* A reminder or stale-objection event; detail is its JSON. */
struct store_post_event {
	long long	 id;
	const char	*kind;
	const char	*subject;
	const char	*detail;
};

/* Reminder and stale events at or before now that no mail carried yet. */
void	store_post_unmailed(struct store *, time_t,
	    void (*)(void *, const struct store_post_event *), void *);
/* Record that the mail with this Message-ID carries event; -1 on error. */
int	store_post_mark(struct store *, long long, const char *);

struct store_post_subscriber {
	const char	*email;
	const char	*period;	/* daily, weekly */
	const char	*filters;	/* "" for none */
	time_t		 last_digest;	/* 0: never */
};

/* The active subscribers, by address. */
void	store_post_subscribers(struct store *,
	    void (*)(void *, const struct store_post_subscriber *), void *);
void	store_post_digest_sent(struct store *, const char *, time_t);
/* The operator's (un)subscribe: active at once.  0, or -1 on error. */
int	store_post_subscribe(struct store *, const char *, int, const char *,
	    const char *, time_t);
/*
 * A subscription by mail, pending until confirmed with token before
 * expires.  1 when the token is stored, 0 when not (the address is
 * subscribed already: it is left alone), -1 on error.
 */
int	store_post_pending(struct store *, const char *, const char *,
	    const char *, const char *, time_t, time_t);
/* Mails of kind queued since then, to rcpt (NULL: to anyone); -1 error. */
int	store_post_queued(struct store *, const char *, const char *, time_t);
/* Confirm a pending subscription: 1 done, 0 wrong or expired, -1 error. */
int	store_post_confirm(struct store *, const char *, const char *, time_t);
/* Messages to the requests list not yet answered: id and raw bytes. */
void	store_post_requests(struct store *, const char *,
	    void (*)(void *, long long, const void *, size_t), void *);
void	store_post_request_done(struct store *, long long, const char *);

/* Where a proposal's thread is, for its status reply. */
struct store_post_thread {
	char	**lists;	/* every list its mail came through, by name */
	size_t	  nlists;
	int	  root_seen;	/* the root is stored, not a placeholder */
};

void	store_post_thread(struct store *, const char *,
	    struct store_post_thread * /* OUT */);
void	store_post_thread_free(struct store_post_thread *);

#endif
