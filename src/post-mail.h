/*
 * Outgoing mail: a deterministic Message-ID from what the mail is about,
 * and the RFC 5322 bytes pvbot sends (always Auto-Submitted, plain UTF-8
 * text).  Pure.
 */
#ifndef POST_MAIL_H
#define POST_MAIL_H

#include <time.h>

struct mail {
	char	*key;		/* what it is about: "summary:ROOT:v2:consensus" */
	char	*kind;		/* summary, reminder, digest, confirm */
	char	*message_id;	/* without brackets */
	char	*from;
	char	*to;		/* comma-separated addresses */
	char	*cc;		/* may be NULL */
	char	*subject;	/* UTF-8 */
	char	*in_reply_to;	/* may be NULL */
	char	*references;	/* ids, one a line (\n), may be NULL */
	char	*list_unsubscribe; /* may be NULL */
	char	*thread_root;	/* for per-thread limits, may be NULL */
	char	*body;
	time_t	 date;
};

/* "pvbot.<kind>.<hash of key>@<domain of from>" -- the same key, same id. */
char	*post_mail_message_id(const char *, const char *, const char *);
/* The mail as RFC 5322 bytes (CRLF line ends); the caller frees. */
char	*post_mail_format(const struct mail *);
/* The width pvbot's mails are wrapped to (RFC 5322 2.1.1 says 78 at most). */
#define POST_MAIL_WIDTH	72

/*
 * Fill subject and body from a rendered template: its "Subject: " line,
 * a blank line, then the body, wrapped (post_mail_wrap).  -1 if the text
 * has no Subject line.
 */
int	 post_mail_set_text(struct mail *, const char *);
void	 post_mail_free(struct mail *);
/* A subject or name as an RFC 2047 encoded word when not ASCII. */
char	*post_mail_encode_header(const char *);
/*
 * Body text wrapped to width columns (characters): each line longer than
 * that is broken at spaces, its continuations indented like it (under
 * the text of a "* " or "- " item).  A line is a paragraph: lines are
 * never joined, blank lines stay.  A word longer than the width stays
 * whole; a short quoted phrase ("pvbot: mute") is kept on one line.
 */
char	*post_mail_wrap(const char *, int);

#endif
