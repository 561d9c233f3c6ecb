/*
 * The outbox table: every mail pvbot sends, stored before it is sent and
 * kept with its state (queued, sending, sent, failed, uncertain).  The
 * rules of sending live in post-outbox.c.
 */
#ifndef STORE_OUTBOX_H
#define STORE_OUTBOX_H

#include <stddef.h>
#include <time.h>

struct mail;
struct store;

/* True when a mail with this Message-ID is in the outbox. */
int	store_outbox_has(struct store *, const char *);
/* Mails queued since a time, all or in one thread (root, or NULL). */
long long store_outbox_count(struct store *, time_t, const char *);
/*
 * Queue m (raw: its bytes) from sender to rcpt at now.  Returns 1 when
 * added, 0 when its Message-ID was there already.
 */
int	store_outbox_add(struct store *, const struct mail *, const char *,
	    const char *, const char *, time_t);
/*
 * Set a mail's state, attempts, next try, last error, the server's
 * answers (JSON, may be NULL) and when sent (0: as it was).
 */
void	store_outbox_set(struct store *, long long, const char *, int, time_t,
	    const char *, const char *, time_t);
/* Narrow a mail's recipients to those it has still to go to. */
void	store_outbox_narrow(struct store *, long long, const char *);
/* Mails left "sending" by a crash become "uncertain" (never resent). */
void	store_outbox_hold_uncertain(struct store *);

/* A held ("uncertain") mail, strings borrowed for the call. */
struct store_outbox_held {
	long long	 id;
	const char	*message_id, *kind, *rcpt;
	time_t		 since;		/* when it was being sent */
};

/* Every held mail, oldest first; returns how many. */
int	store_outbox_held(struct store *,
	    void (*)(void *, const struct store_outbox_held *), void *);
/*
 * The mail a number or a Message-ID (with or without <>) names: its id,
 * and its state in *state (caller frees); 0 when there is none.
 */
long long store_outbox_find(struct store *, const char *,
	    char ** /* OUT */);
/*
 * The operator's word on mail id: it arrived (resend 0: sent, when it was
 * being sent) or it goes again (resend 1: queued at now, attempts
 * afresh).  -1 on a database error.
 */
int	store_outbox_resolve(struct store *, long long, int, time_t);
/* The ids of the mails queued and due at now, oldest first. */
size_t	store_outbox_due(struct store *, time_t, long long ** /* OUT */);

/* A mail to send, its strings the caller's (store_outbox_row_free). */
struct store_outbox_row {
	long long	 id;
	char		*sender, *rcpt, *message_id;
	char		*raw;
	size_t		 len;
	int		 attempts;
};

/* The mail with this id: 0, or -1 when it is gone. */
int	store_outbox_get(struct store *, long long,
	    struct store_outbox_row * /* OUT */);
void	store_outbox_row_free(struct store_outbox_row *);

/* One mail as pvbot outbox lists it; strings borrowed for the call. */
struct store_outbox_entry {
	long long	 id;
	const char	*message_id, *kind, *state, *rcpt, *error, *key;
	const char	*answers;	/* JSON array, or NULL */
	int		 attempts;
	time_t		 created;
};

/* Every mail, oldest first.  -1 on a database error. */
int	store_outbox_list(struct store *,
	    void (*)(void *, const struct store_outbox_entry *), void *);

#endif
