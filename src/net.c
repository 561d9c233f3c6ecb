/* What the live sources share: URLs, secrets, the reconnect backoff. */
#include <sys/stat.h>

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "config.h"
#include "net.h"
#include "xmalloc.h"

static const struct {
	const char	*scheme;
	uint16_t	 port;
	int		 tls;
} net_schemes[] = {
	{ "imap", 143, 0 },
	{ "imaps", 993, 1 },
	{ "nntp", 119, 0 },
	{ "nntps", 563, 1 },
};

static char *
net_url_decode(const char *s, size_t len)
{
	char	*out = xmalloc(len + 1), hex[3];
	size_t	 i, n = 0;

	for (i = 0; i < len; i++) {
		if (s[i] == '%' && i + 2 < len &&
		    isxdigit((unsigned char)s[i + 1]) &&
		    isxdigit((unsigned char)s[i + 2])) {
			hex[0] = s[i + 1];
			hex[1] = s[i + 2];
			hex[2] = '\0';
			out[n++] = (char)strtol(hex, NULL, 16);
			i += 2;
		} else
			out[n++] = s[i];
	}
	out[n] = '\0';
	return (out);
}

/* "[user@]host[:port]" between "://" and the path. */
static int
net_url_authority(struct net_url *u, const char *s, size_t len, char **cause)
{
	const char	*at, *host, *end = s + len, *colon;
	char		*port;
	long		 n;

	if ((at = memchr(s, '@', len)) != NULL) {
		if (memchr(s, ':', (size_t)(at - s)) != NULL) {
			*cause = xstrdup("a password in the URL is refused "
			    "(use credentials-file or credentials-env)");
			return (-1);
		}
		u->user = net_url_decode(s, (size_t)(at - s));
		s = at + 1;
	}
	host = s;
	if (*s == '[') {
		if ((colon = memchr(s, ']', (size_t)(end - s))) == NULL)
			goto bad;
		u->host = xstrndup(s + 1, (size_t)(colon - s - 1));
		colon++;
	} else {
		colon = memchr(s, ':', (size_t)(end - s));
		u->host = xstrndup(s, (size_t)((colon != NULL ? colon : end) -
		    host));
	}
	if (*u->host == '\0')
		goto bad;
	if (colon != NULL && colon < end && *colon == ':') {
		port = xstrndup(colon + 1, (size_t)(end - colon - 1));
		n = strtol(port, NULL, 10);
		if (strspn(port, "0123456789") != strlen(port) || n < 1 ||
		    n > 65535) {
			free(port);
			goto bad;
		}
		u->port = (uint16_t)n;
		free(port);
	}
	return (0);
bad:
	*cause = xstrdup("bad host or port");
	return (-1);
}

int
net_url_has_password(const char *url)
{
	const char	*p = strstr(url, "://"), *at;
	size_t		 len;

	if (p == NULL)
		return (0);
	p += 3;
	len = strcspn(p, "/?#");
	if ((at = memchr(p, '@', len)) == NULL)
		return (0);
	return (memchr(p, ':', (size_t)(at - p)) != NULL);
}

/* The URL for messages, with any user information cut out. */
static char *
net_url_redact(const char *url)
{
	const char	*sep = strstr(url, "://"), *auth, *at;
	size_t		 len;

	if (sep == NULL)
		return (xstrdup(url));
	auth = sep + 3;
	len = strcspn(auth, "/?#");
	if ((at = memchr(auth, '@', len)) == NULL)
		return (xstrdup(url));
	return (xasprintf("%.*s...%s", (int)(auth - url), url, at));
}

int
net_url_parse(const char *url, struct net_url *u, char **cause)
{
	const char	*sep, *auth, *slash;
	char		*why = NULL, *shown;
	size_t		 i;

	memset(u, 0, sizeof *u);
	if ((sep = strstr(url, "://")) == NULL)
		goto bad;
	u->scheme = xstrndup(url, (size_t)(sep - url));
	for (i = 0; i < sizeof net_schemes / sizeof net_schemes[0]; i++)
		if (strcasecmp(u->scheme, net_schemes[i].scheme) == 0)
			break;
	if (i == sizeof net_schemes / sizeof net_schemes[0]) {
		why = xstrdup("unknown scheme (imap, imaps, nntp or nntps)");
		goto bad;
	}
	free(u->scheme);
	u->scheme = xstrdup(net_schemes[i].scheme);
	u->port = net_schemes[i].port;
	u->tls = net_schemes[i].tls;
	auth = sep + 3;
	slash = auth + strcspn(auth, "/?#");
	if (net_url_authority(u, auth, (size_t)(slash - auth), &why) != 0)
		goto bad;
	if (*slash == '/')
		slash++;
	u->path = net_url_decode(slash, strcspn(slash, "?#"));
	while (*u->path != '\0' && u->path[strlen(u->path) - 1] == '/')
		u->path[strlen(u->path) - 1] = '\0';
	if (*u->path == '\0') {
		why = xstrdup("no group or mailbox after the host");
		goto bad;
	}
	return (0);
bad:
	/* The password must not reach a log line. */
	shown = net_url_redact(url);
	*cause = xasprintf("%s: %s", shown, why != NULL ? why : "not a URL");
	free(shown);
	free(why);
	net_url_free(u);
	return (-1);
}

void
net_url_free(struct net_url *u)
{
	free(u->scheme);
	free(u->host);
	free(u->user);
	free(u->path);
	memset(u, 0, sizeof *u);
}

int
net_secret_open(const char *path, char **cause)
{
	struct stat	st;
	int		fd;

	fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK);
	if (fd == -1) {
		*cause = xasprintf("credentials-file %s: %s", path,
		    errno == ELOOP ? "a symbolic link: refused (it is opened "
		    "without following links)" : strerror(errno));
		return (-1);
	}
	if (fstat(fd, &st) == -1 || !S_ISREG(st.st_mode))
		*cause = xasprintf("credentials-file %s: not a regular file",
		    path);
	else if ((st.st_mode & 077) != 0)
		*cause = xasprintf("credentials-file %s: group or others may "
		    "read it: refused (chmod 600 it)", path);
	else
		return (fd);
	close(fd);
	return (-1);
}

/* The first line of a secret file only the owner may read. */
static int
net_secret_file(const char *path, char **out, char **cause)
{
	char		 buf[4096];
	ssize_t		 n;
	int		 fd;

	if ((fd = net_secret_open(path, cause)) == -1)
		return (-1);
	n = read(fd, buf, sizeof buf - 1);
	close(fd);
	if (n <= 0) {
		*cause = xasprintf("credentials-file %s: %s", path,
		    n == 0 ? "empty" : strerror(errno));
		return (-1);
	}
	buf[n] = '\0';
	buf[strcspn(buf, "\r\n")] = '\0';
	*out = xstrdup(buf);
	explicit_bzero(buf, sizeof buf);
	return (0);
}

/* The secret, from the file or the environment; NULL if none is set. */
static int
net_secret(const struct config_source *cs, char **out, char **cause)
{
	const char	*v;

	*out = NULL;
	if (cs->credentials_file != NULL)
		return (net_secret_file(cs->credentials_file, out, cause));
	if (cs->credentials_env == NULL)
		return (0);
	if ((v = getenv(cs->credentials_env)) == NULL || *v == '\0') {
		*cause = xasprintf("credentials-env %s: not set",
		    cs->credentials_env);
		return (-1);
	}
	*out = xstrdup(v);
	return (0);
}

int
net_credentials(const struct config_source *cs, const struct net_url *u,
    char **user, char **pass, char **cause)
{
	const char	*name = cs->user != NULL ? cs->user : u->user;
	char		*secret, *colon;
	size_t		 len;

	*user = *pass = NULL;
	if (net_secret(cs, &secret, cause) != 0)
		return (-1);
	if (secret == NULL) {
		*user = name != NULL ? xstrdup(name) : NULL;
		return (0);
	}
	/*
	 * "user:password" or "password"; with a configured user, only that
	 * user's prefix is taken off, so a password may contain ':'.
	 */
	colon = strchr(secret, ':');
	len = name != NULL ? strlen(name) : 0;
	if (name != NULL && strncmp(secret, name, len) == 0 &&
	    secret[len] == ':') {
		*user = xstrdup(name);
		*pass = xstrdup(secret + len + 1);
	} else if (name == NULL && colon != NULL) {
		*user = xstrndup(secret, (size_t)(colon - secret));
		*pass = xstrdup(colon + 1);
	} else {
		*user = name != NULL ? xstrdup(name) : NULL;
		*pass = xstrdup(secret);
	}
	net_password_free(secret);
	return (0);
}

void
net_password_free(char *p)
{
	if (p == NULL)
		return;
	explicit_bzero(p, strlen(p));
	free(p);
}

long
net_backoff(unsigned int failures, long base, long max)
{
	double	d = (double)base;

	while (failures-- > 1 && d < (double)max)
		d *= 2;
	if (d > (double)max)
		d = (double)max;
	d *= 0.5 + 0.5 * ((double)random() / ((double)RAND_MAX + 1));
	return (d < 1 ? 1 : (long)d);
}
