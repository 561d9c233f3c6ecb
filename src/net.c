/* Connections for the live sources: URLs, TCP, verified TLS, secrets. */
#include <arpa/inet.h>
#include <sys/socket.h>
#include <sys/stat.h>

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include <gnutls/gnutls.h>
#include <gnutls/x509.h>

#include "config.h"
#include "log.h"
#include "net.h"
#include "text.h"
#include "xmalloc.h"

/* Longest certificate chain a server may send; real ones have 2-4. */
#define NET_MAX_CHAIN	16

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

/* Wait for a non-blocking connect to finish; 0 or an errno value. */
static int
net_connect_wait(int fd, long timeout)
{
	struct pollfd	pfd;
	socklen_t	len = sizeof (int);
	int		err = 0, r;

	pfd.fd = fd;
	pfd.events = POLLOUT;
	do
		r = poll(&pfd, 1, (int)(timeout * 1000));
	while (r == -1 && errno == EINTR);
	if (r == 0)
		return (ETIMEDOUT);
	if (r == -1)
		return (errno);
	if (getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &len) == -1)
		return (errno);
	return (err);
}

/* A blocking TCP socket connected within timeout seconds, or -1. */
static int
net_connect(const char *host, uint16_t port, long timeout, char **cause)
{
	struct addrinfo	 hints, *res, *ai;
	char		 serv[8];
	int		 fd = -1, err = 0, r;

	memset(&hints, 0, sizeof hints);
	hints.ai_family = AF_UNSPEC;
	hints.ai_socktype = SOCK_STREAM;
	snprintf(serv, sizeof serv, "%u", (unsigned int)port);
	if ((r = getaddrinfo(host, serv, &hints, &res)) != 0) {
		*cause = xasprintf("%s: %s", host, gai_strerror(r));
		return (-1);
	}
	for (ai = res; ai != NULL; ai = ai->ai_next) {
		fd = socket(ai->ai_family, ai->ai_socktype | SOCK_CLOEXEC |
		    SOCK_NONBLOCK, ai->ai_protocol);
		if (fd == -1) {
			err = errno;
			continue;
		}
		if (connect(fd, ai->ai_addr, ai->ai_addrlen) == 0)
			err = 0;
		else
			err = errno == EINPROGRESS ?
			    net_connect_wait(fd, timeout) : errno;
		if (err == 0)
			break;
		close(fd);
		fd = -1;
	}
	freeaddrinfo(res);
	if (fd == -1) {
		*cause = xasprintf("%s port %u: connect: %s", host,
		    (unsigned int)port, strerror(err));
		return (-1);
	}
	/* libetpan expects a blocking socket and sets its own flags. */
	fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK);
	return (fd);
}

/* Before the handshake: send the host name (SNI) unless it is an IP. */
static void
net_tls_setup(struct mailstream_ssl_context *ctx, void *arg)
{
	const char	*host = arg;
	unsigned char	 ip[16];

	if (inet_pton(AF_INET, host, ip) != 1 &&
	    inet_pton(AF_INET6, host, ip) != 1)
		mailstream_ssl_set_server_name(ctx, (char *)host);
}

/* The trust anchors: ca-file alone when configured, else the system's. */
static int
net_tls_trust(gnutls_x509_trust_list_t tl, const char *ca_file, char **cause)
{
	int	n;

	if (ca_file != NULL) {
		n = gnutls_x509_trust_list_add_trust_file(tl, ca_file, NULL,
		    GNUTLS_X509_FMT_PEM, 0, 0);
		if (n <= 0) {
			*cause = xasprintf("ca-file %s: no certificate "
			    "read%s%s", ca_file, n < 0 ? ": " : "",
			    n < 0 ? gnutls_strerror(n) : "");
			return (-1);
		}
		return (0);
	}
	if (gnutls_x509_trust_list_add_system_trust(tl, 0, 0) <= 0) {
		*cause = xstrdup("no system trust store (set ca-file)");
		return (-1);
	}
	return (0);
}

/* Check the chain and that it names host (DNS name or IP address). */
static int
net_tls_check(gnutls_x509_trust_list_t tl, gnutls_x509_crt_t *crt,
    unsigned int n, const char *host, char **cause)
{
	gnutls_typed_vdata_st	 vd[2];
	gnutls_datum_t		 out;
	unsigned char		 ip[16];
	unsigned int		 status = 0;
	int			 r;

	memset(vd, 0, sizeof vd);
	vd[0].type = GNUTLS_DT_DNS_HOSTNAME;
	vd[0].data = (unsigned char *)host;
	if (inet_pton(AF_INET, host, ip) == 1 ||
	    inet_pton(AF_INET6, host, ip) == 1) {
		vd[0].type = GNUTLS_DT_IP_ADDRESS;
		vd[0].data = ip;
		vd[0].size = strchr(host, ':') != NULL ? 16 : 4;
	}
	vd[1].type = GNUTLS_DT_KEY_PURPOSE_OID;
	vd[1].data = (unsigned char *)GNUTLS_KP_TLS_WWW_SERVER;
	r = gnutls_x509_trust_list_verify_crt2(tl, crt, n, vd, 2, 0, &status,
	    NULL);
	if (r < 0) {
		*cause = xasprintf("certificate check failed: %s",
		    gnutls_strerror(r));
		return (-1);
	}
	if (status == 0)
		return (0);
	if (gnutls_certificate_verification_status_print(status,
	    GNUTLS_CRT_X509, &out, 0) == 0) {
		*cause = xasprintf("certificate refused: %s", out.data);
		text_collapse_ws(*cause);
		gnutls_free(out.data);
	} else
		*cause = xstrdup("certificate refused");
	return (-1);
}

/*
 * libetpan's GnuTLS build checks no certificate at all (its
 * mailstream_ssl_set_server_certicate is "not implemented" there), so the
 * peer's chain is checked here, after the handshake and before anything
 * is read from or sent to the server.
 */
static int
net_tls_verify(mailstream *s, const char *host, const char *ca_file,
    char **cause)
{
	gnutls_x509_trust_list_t	 tl = NULL;
	gnutls_x509_crt_t		 crt[NET_MAX_CHAIN];
	gnutls_datum_t			 d;
	carray				*chain;
	MMAPString			*der;
	unsigned int			 n = 0, i;
	int				 r = -1;

	if ((chain = mailstream_get_certificate_chain(s)) == NULL ||
	    carray_count(chain) == 0) {
		*cause = xstrdup("the server sent no certificate");
		goto out;
	}
	for (i = 0; i < carray_count(chain) && n < NET_MAX_CHAIN; i++) {
		der = carray_get(chain, i);
		d.data = (unsigned char *)der->str;
		d.size = (unsigned int)der->len;
		if (gnutls_x509_crt_init(&crt[n]) < 0)
			break;
		if (gnutls_x509_crt_import(crt[n], &d,
		    GNUTLS_X509_FMT_DER) < 0) {
			gnutls_x509_crt_deinit(crt[n]);
			break;
		}
		n++;
	}
	if (n == 0) {
		*cause = xstrdup("unreadable server certificate");
		goto out;
	}
	if (gnutls_x509_trust_list_init(&tl, 0) < 0)
		fatalx("%s: gnutls_x509_trust_list_init", __func__);
	if (net_tls_trust(tl, ca_file, cause) == 0 &&
	    net_tls_check(tl, crt, n, host, cause) == 0)
		r = 0;
out:
	for (i = 0; i < n; i++)
		gnutls_x509_crt_deinit(crt[i]);
	if (tl != NULL)
		gnutls_x509_trust_list_deinit(tl, 1);
	if (chain != NULL)
		mailstream_certificate_chain_free(chain);
	return (r);
}

/*
 * libetpan's socket driver reports end of file as a read of 0 bytes, and
 * its multi-line reader (NNTP ARTICLE, XOVER) then takes that for an
 * empty line, forever: a server killed mid-article made pvbot spin and
 * grow without end.  A stream whose peer has gone is an error.
 */
static ssize_t	(*net_socket_read)(mailstream_low *, void *, size_t);
static mailstream_low_driver net_socket_driver;

static ssize_t
net_socket_read_eof(mailstream_low *low, void *buf, size_t len)
{
	ssize_t	r = net_socket_read(low, buf, len);

	return (r == 0 ? -1 : r);
}

static void
net_eof_is_error(mailstream *s)
{
	mailstream_low	*low = mailstream_get_low(s);

	if (net_socket_read == NULL) {
		net_socket_driver = *low->driver;
		net_socket_read = net_socket_driver.mailstream_read;
		net_socket_driver.mailstream_read = net_socket_read_eof;
	}
	low->driver = &net_socket_driver;
}

mailstream *
net_open(const struct net_url *u, const char *ca_file, long timeout,
    int *perm, char **cause)
{
	mailstream	*s;
	char		*why = NULL;
	int		 fd;

	*perm = 0;
	/* libetpan's fallback for any wait that has no timeout of its own. */
	mailstream_network_delay.tv_sec = timeout;
	mailstream_network_delay.tv_usec = 0;
	if ((fd = net_connect(u->host, u->port, timeout, cause)) == -1)
		return (NULL);
	if (!u->tls) {
		if ((s = mailstream_socket_open_timeout(fd, timeout)) == NULL)
			fatalx("%s: mailstream_socket_open", __func__);
		net_eof_is_error(s);
		return (s);
	}
	s = mailstream_ssl_open_with_callback_timeout(fd, timeout,
	    net_tls_setup, u->host);
	if (s == NULL) {
		close(fd);
		*cause = xasprintf("%s port %u: TLS handshake failed", u->host,
		    (unsigned int)u->port);
		return (NULL);
	}
	if (net_tls_verify(s, u->host, ca_file, &why) != 0) {
		mailstream_close(s);
		*cause = xasprintf("%s port %u: TLS: %s", u->host,
		    (unsigned int)u->port, why);
		free(why);
		*perm = 1;
		return (NULL);
	}
	return (s);
}

/* The first line of a secret file only the owner may read. */
static int
net_secret_file(const char *path, char **out, char **cause)
{
	struct stat	 st;
	char		 buf[4096];
	ssize_t		 n;
	int		 fd;

	if ((fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW)) == -1) {
		*cause = xasprintf("credentials-file %s: %s", path,
		    strerror(errno));
		return (-1);
	}
	if (fstat(fd, &st) == -1 || !S_ISREG(st.st_mode) ||
	    (st.st_mode & 077) != 0) {
		*cause = xasprintf("credentials-file %s: refused: group or "
		    "others may read it or it is not a file (chmod 600 it)",
		    path);
		close(fd);
		return (-1);
	}
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
