/*
 * What the live sources (fetch-nntp.c, fetch-imap.c) share: their URLs,
 * credentials and the reconnect backoff.  Their connections are in
 * net-stream.h.
 */
#ifndef NET_H
#define NET_H

#include <stdint.h>

struct config_source;

/* A live source's URL: scheme://[user@]host[:port]/path */
struct net_url {
	char		*scheme;	/* "imap", "imaps", "nntp", "nntps" */
	int		 tls;		/* imaps, nntps */
	char		*host;		/* without IPv6 brackets */
	uint16_t	 port;		/* the scheme's default when absent */
	char		*user;		/* from the URL, or NULL */
	char		*path;		/* group or mailbox, %-decoded */
};

/*
 * Parse url.  A password in the URL is refused: URLs end up in logs and
 * in the cursors table, so secrets belong in credentials-file or -env.
 */
int	 net_url_parse(const char *, struct net_url * /* OUT */,
	    char ** /* OUT cause */);
void	 net_url_free(struct net_url *);

/*
 * The user and password for a source: "user:password" or "password" read
 * from credentials-file (refused when group or others may read it) or
 * from the environment variable named by credentials-env; the user
 * otherwise comes from the config or the URL.  Both NULL when none is
 * configured.  The caller frees both, clearing the password first.
 */
int	 net_credentials(const struct config_source *, const struct net_url *,
	    char ** /* OUT user */, char ** /* OUT password */,
	    char ** /* OUT cause */);
/*
 * Open a credentials-file as pvbot reads secrets: not following a
 * symbolic link, not waiting on a FIFO, a regular file only its owner may
 * read.  Returns the descriptor, or -1 with *cause ("credentials-file
 * PATH: why").  config check opens it so too, and reads nothing.
 */
int	 net_secret_open(const char *, char ** /* OUT cause */);
/* Whether a URL's user information holds a password ("user:pw@host"). */
int	 net_url_has_password(const char *);
/* Clear and free a password. */
void	 net_password_free(char *);

/*
 * Seconds to wait before retry number failures (1, 2, ...): doubling
 * from base up to max, with a random factor in [0.5, 1) so that many
 * sources do not reconnect in step.
 */
long	 net_backoff(unsigned int failures, long base, long max);

#endif
