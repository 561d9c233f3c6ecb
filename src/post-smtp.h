/* Sending one mail over SMTP with libcurl (smtp://, STARTTLS, smtps://). */
#ifndef POST_SMTP_H
#define POST_SMTP_H

#include <stddef.h>

struct config_smtp;

#define POST_SMTP_OK		0
#define POST_SMTP_TEMP	1	/* 4xx or no connection: try again later */
#define POST_SMTP_PERM	2	/* 5xx: the server refused for good */

/*
 * Send raw (RFC 5322 bytes) from sender to the comma-separated rcpt list.
 * TLS is verified (with ca-file when configured); credentials come from
 * the credentials file or environment.  On failure *answer holds the
 * server's reply or the transport error (caller frees).
 */
int	post_smtp_send(const struct config_smtp *, const char *, const char *,
	    const char *, size_t, char ** /* OUT */);
/*
 * Read "user:password" (or a bare password) from a file that only its
 * owner may read, or from an environment variable.  -1 with *cause.
 */
int	post_smtp_credentials(const char *, const char *, char **, char **,
	    char **);

#endif
