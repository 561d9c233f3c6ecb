/* Sending one mail over SMTP with libcurl (smtp://, STARTTLS, smtps://). */
#ifndef POST_SMTP_H
#define POST_SMTP_H

#include <stddef.h>

#include <jansson.h>

struct config_smtp;

#define POST_SMTP_OK		0
#define POST_SMTP_TEMP	1	/* 4xx or no connection: try again later */
#define POST_SMTP_PERM	2	/* 5xx: the server refused for good */

/*
 * What came back from one attempt.  A refusal is the server's own reply,
 * as JSON: {"at": the command it answered ("RCPT TO:<a@b>", "end of
 * DATA", "MAIL FROM:<a@b>", "connect", "AUTH", ...), "code": 550,
 * "status": the RFC 3463 enhanced status ("5.7.1") or null, "text": [its
 * lines, code and status cut]}.
 */
struct post_smtp_answer {
	char	*error;		/* one line; NULL: nothing refused */
	json_t	*refusals;	/* each refusal that mattered, or [] */
	char	*retry_rcpt;	/* with POST_SMTP_OK: refused for now
				   (4xx at RCPT) while others took it */
};

/*
 * Send raw (RFC 5322 bytes) from sender to the comma-separated rcpt list.
 * TLS is verified (with ca-file when configured); credentials come from
 * the credentials file or environment.  A recipient refused at RCPT does
 * not stop the mail to the others (POST_SMTP_OK, with the refusal kept).
 * Fills *answer in every case; free it with post_smtp_answer_free.
 */
int	post_smtp_send(const struct config_smtp *, const char *, const char *,
	    const char *, size_t, struct post_smtp_answer * /* OUT */);
void	post_smtp_answer_free(struct post_smtp_answer *);
/*
 * One reply of the server's (its lines, '\n'-separated, without CRLF) as
 * a refusal object answering at.  Pure; the caller owns the result.
 */
json_t	*post_smtp_reply_parse(const char *, const char *);
/* A refusal on one line: "at RCPT TO:<a@b>: 550 5.1.1 text".  Caller frees. */
char	*post_smtp_reply_format(const json_t *);
/*
 * Read "user:password" (or a bare password) from a file that only its
 * owner may read, or from an environment variable.  -1 with *cause.
 */
int	post_smtp_credentials(const char *, const char *, char **, char **,
	    char **);

#endif
