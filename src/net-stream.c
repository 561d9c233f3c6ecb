/*
 * Bounded connections for the live sources: a libetpan low-level driver of
 * pvbot's own over TCP or GnuTLS.  libetpan's own drivers wait per read
 * (a byte every few seconds held a command forever, and inside a TLS
 * record even the per-read timeout restarts), and the layers above them
 * buffer whatever arrives: 2 GB of XOVER ended in an abort inside
 * newsnntp_xover_range, an ARTICLE that never ended took 3 GB.  Here every
 * wait is cut at the command's deadline and every byte is counted.
 */
#include <arpa/inet.h>
#include <sys/socket.h>

#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <gnutls/gnutls.h>
#include <gnutls/x509.h>

#include "buf.h"
#include "log.h"
#include "net.h"
#include "net-stream.h"
#include "text.h"
#include "xmalloc.h"

/* Longest certificate chain a server may send; real ones have 2-4. */
#define NET_STREAM_MAX_CHAIN	16
/* libetpan's read buffer: what it may read ahead of a command's answer. */
#define NET_STREAM_BUFFER	(16 * 1024)

struct net_stream {
	int				 fd;
	gnutls_session_t		 tls;	/* NULL for plain TCP */
	gnutls_certificate_credentials_t cred;
	long				 timeout;	/* per wait, seconds */
	long				 deadline;	/* per command, seconds */
	double				 until;	/* this command's end */
	size_t				 max_bytes;	/* this command's */
	size_t				 max_line;
	size_t				 got;	/* since net_stream_limit */
	size_t				 line;	/* bytes since the last LF */
	int				 failed;	/* NET_STREAM_* */
	char				 error[96];
	int				(*filter)(const char *, size_t,
					    struct buf *, void *);
	void				*filter_arg;
	struct buf			 raw;	/* a line for filter */
	struct buf			 ready;	/* for libetpan */
	size_t				 ready_off;
};

static int	(*net_stream_dial)(const struct net_url *, void *);
static void	*net_stream_dial_arg;

static double
net_stream_now(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ((double)ts.tv_sec + (double)ts.tv_nsec / 1e9);
}

/*
 * Wait until the socket is ready for events, at most the timeout and
 * never past the command's deadline.  A signal ends the wait (the daemon
 * stops reading now, not at the timeout).
 */
static int
net_stream_wait(struct net_stream *ns, short events)
{
	struct pollfd	pfd;
	double		left = ns->until - net_stream_now();
	long		ms = ns->timeout * 1000;
	int		r;

	if (left <= 0) {
		ns->failed = NET_STREAM_DEADLINE;
		return (-1);
	}
	if (left * 1000 < (double)ms)
		ms = (long)(left * 1000) + 1;
	pfd.fd = ns->fd;
	pfd.events = events;
	r = poll(&pfd, 1, (int)ms);
	if (r == 1)
		return (0);
	if (r == 0)
		ns->failed = net_stream_now() >= ns->until ?
		    NET_STREAM_DEADLINE : NET_STREAM_SLOW;
	else
		ns->failed = NET_STREAM_LOST;
	return (-1);
}

static ssize_t
net_stream_recv(struct net_stream *ns, void *buf, size_t len)
{
	ssize_t	n;

	for (;;) {
		if (ns->tls == NULL) {
			if (net_stream_wait(ns, POLLIN) != 0)
				return (-1);
			if ((n = recv(ns->fd, buf, len, 0)) > 0)
				return (n);
			if (n == -1 && errno == EAGAIN)
				continue;
			break;
		}
		/* Records GnuTLS has decrypted never make the socket ready. */
		if (gnutls_record_check_pending(ns->tls) == 0 &&
		    net_stream_wait(ns, POLLIN) != 0)
			return (-1);
		n = gnutls_record_recv(ns->tls, buf, len);
		if (n > 0)
			return (n);
		if (n != GNUTLS_E_AGAIN && n != GNUTLS_E_INTERRUPTED)
			break;
	}
	ns->failed = NET_STREAM_LOST;
	return (-1);
}

/* Count what was read against the command's limits. */
static int
net_stream_account(struct net_stream *ns, const char *p, size_t n)
{
	const char	*end = p + n, *lf;

	ns->got += n;
	if (ns->got > ns->max_bytes) {
		ns->failed = NET_STREAM_BYTES;
		return (-1);
	}
	while ((lf = memchr(p, '\n', (size_t)(end - p))) != NULL) {
		if (ns->line + (size_t)(lf - p) > ns->max_line)
			break;
		ns->line = 0;
		p = lf + 1;
	}
	ns->line += (size_t)(end - p);
	if (ns->line > ns->max_line) {
		ns->failed = NET_STREAM_LONG_LINE;
		return (-1);
	}
	return (0);
}

/* Read and count up to len bytes from the server. */
static ssize_t
net_stream_take(struct net_stream *ns, void *buf, size_t len)
{
	ssize_t	n;

	if (ns->failed != 0)
		return (-1);
	if ((n = net_stream_recv(ns, buf, len)) < 0)
		return (-1);
	if (net_stream_account(ns, buf, (size_t)n) != 0)
		return (-1);
	return (n);
}

/*
 * Read whole lines while a filter is set, hand each to it and queue what
 * it writes; bytes after the line it stops at are queued as they came.
 */
static int
net_stream_fill(struct net_stream *ns)
{
	char	 chunk[NET_STREAM_BUFFER];
	char	*lf;
	size_t	 len;
	ssize_t	 n;
	int	 r;

	buf_reset(&ns->ready);
	ns->ready_off = 0;
	while (ns->filter != NULL && ns->ready.len == 0) {
		lf = ns->raw.len > 0 ? memchr(ns->raw.data, '\n',
		    ns->raw.len) : NULL;
		if (lf == NULL) {
			if ((n = net_stream_take(ns, chunk, sizeof chunk)) < 0)
				return (-1);
			buf_add(&ns->raw, chunk, (size_t)n);
			continue;
		}
		len = (size_t)(lf - ns->raw.data) + 1;
		if ((r = ns->filter(ns->raw.data, len, &ns->ready,
		    ns->filter_arg)) == -1) {
			snprintf(ns->error, sizeof ns->error, "%s",
			    ns->ready.len > 0 ? ns->ready.data :
			    "malformed answer");
			ns->failed = NET_STREAM_REFUSED;
			return (-1);
		}
		if (r == 0)
			ns->filter = NULL;
		memmove(ns->raw.data, ns->raw.data + len, ns->raw.len - len);
		ns->raw.len -= len;
	}
	if (ns->filter == NULL && ns->raw.len > 0) {
		buf_add(&ns->ready, ns->raw.data, ns->raw.len);
		buf_reset(&ns->raw);
	}
	return (0);
}

static ssize_t
net_stream_read(mailstream_low *low, void *buf, size_t len)
{
	struct net_stream	*ns = low->data;
	size_t			 n;

	if (ns->ready_off == ns->ready.len) {
		if (ns->filter == NULL && ns->raw.len == 0)
			return (net_stream_take(ns, buf, len));
		if (net_stream_fill(ns) != 0)
			return (-1);
	}
	n = ns->ready.len - ns->ready_off;
	if (n > len)
		n = len;
	memcpy(buf, ns->ready.data + ns->ready_off, n);
	ns->ready_off += n;
	return ((ssize_t)n);
}

static ssize_t
net_stream_write(mailstream_low *low, const void *buf, size_t len)
{
	struct net_stream	*ns = low->data;
	ssize_t			 n;

	while (ns->failed == 0) {
		if (ns->tls != NULL) {
			n = gnutls_record_send(ns->tls, buf, len);
			if (n >= 0)
				return (n);
			if (n != GNUTLS_E_AGAIN && n != GNUTLS_E_INTERRUPTED)
				break;
		} else {
			if ((n = send(ns->fd, buf, len, MSG_NOSIGNAL)) >= 0)
				return (n);
			if (errno != EAGAIN)
				break;
		}
		net_stream_wait(ns, POLLOUT);
	}
	if (ns->failed == 0)
		ns->failed = NET_STREAM_LOST;
	return (-1);
}

static int
net_stream_close(mailstream_low *low)
{
	struct net_stream	*ns = low->data;

	if (ns->tls != NULL) {
		gnutls_deinit(ns->tls);
		ns->tls = NULL;
	}
	if (ns->cred != NULL) {
		gnutls_certificate_free_credentials(ns->cred);
		ns->cred = NULL;
	}
	if (ns->fd != -1)
		close(ns->fd);
	ns->fd = -1;
	return (0);
}

static int
net_stream_get_fd(mailstream_low *low)
{
	return (((struct net_stream *)low->data)->fd);
}

static void
net_stream_free(mailstream_low *low)
{
	struct net_stream	*ns = low->data;

	buf_release(&ns->raw);
	buf_release(&ns->ready);
	free(ns);
	free(low);
}

static mailstream_low_driver net_stream_driver = {
	.mailstream_read = net_stream_read,
	.mailstream_write = net_stream_write,
	.mailstream_close = net_stream_close,
	.mailstream_get_fd = net_stream_get_fd,
	.mailstream_free = net_stream_free,
};

static struct net_stream *
net_stream_of(mailstream *s)
{
	mailstream_low	*low = mailstream_get_low(s);

	if (low->driver != &net_stream_driver)
		fatalx("%s: not a pvbot stream", __func__);
	return (low->data);
}

void
net_stream_limit(mailstream *s, size_t bytes, size_t line)
{
	struct net_stream	*ns = net_stream_of(s);

	ns->max_bytes = bytes;
	ns->max_line = line;
	ns->got = 0;
	ns->until = net_stream_now() + (double)ns->deadline;
}

size_t
net_stream_received(mailstream *s)
{
	return (net_stream_of(s)->got);
}

int
net_stream_failed(mailstream *s)
{
	return (net_stream_of(s)->failed);
}

const char *
net_stream_error(mailstream *s)
{
	struct net_stream	*ns = net_stream_of(s);

	switch (ns->failed) {
	case NET_STREAM_SLOW:
		snprintf(ns->error, sizeof ns->error, "no data for %ld s",
		    ns->timeout);
		break;
	case NET_STREAM_DEADLINE:
		snprintf(ns->error, sizeof ns->error, "no complete answer "
		    "within %ld s", ns->deadline);
		break;
	case NET_STREAM_BYTES:
		snprintf(ns->error, sizeof ns->error, "answer over %zu bytes",
		    ns->max_bytes);
		break;
	case NET_STREAM_LONG_LINE:
		snprintf(ns->error, sizeof ns->error, "line over %zu bytes",
		    ns->max_line);
		break;
	case NET_STREAM_REFUSED:
		break;	/* the filter's words */
	default:
		snprintf(ns->error, sizeof ns->error, "connection lost");
		break;
	}
	return (ns->error);
}

void
net_stream_filter(mailstream *s, int (*filter)(const char *, size_t,
    struct buf *, void *), void *arg)
{
	struct net_stream	*ns = net_stream_of(s);

	ns->filter = filter;
	ns->filter_arg = arg;
}

int
net_stream_pending(mailstream *s)
{
	struct net_stream	*ns = net_stream_of(s);

	return (s->read_buffer_len > 0 || ns->ready_off < ns->ready.len ||
	    ns->raw.len > 0 || (ns->tls != NULL &&
	    gnutls_record_check_pending(ns->tls) > 0));
}

void
net_stream_set_dial(int (*dial)(const struct net_url *, void *), void *arg)
{
	net_stream_dial = dial;
	net_stream_dial_arg = arg;
}

/* Wait for a non-blocking connect to finish; 0 or an errno value. */
static int
net_stream_connect_wait(int fd, long timeout)
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

/* A non-blocking TCP socket connected within timeout seconds, or -1. */
static int
net_stream_connect(const char *host, uint16_t port, long timeout,
    char **cause)
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
			    net_stream_connect_wait(fd, timeout) : errno;
		if (err == 0)
			break;
		close(fd);
		fd = -1;
	}
	freeaddrinfo(res);
	if (fd == -1)
		*cause = xasprintf("%s port %u: connect: %s", host,
		    (unsigned int)port, strerror(err));
	return (fd);
}

/* The trust anchors: ca-file alone when configured, else the system's. */
static int
net_stream_trust(gnutls_x509_trust_list_t tl, const char *ca_file,
    char **cause)
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
net_stream_check(gnutls_x509_trust_list_t tl, gnutls_x509_crt_t *crt,
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
 * The peer's chain is checked after the handshake and before anything is
 * read from or sent to the server.
 */
static int
net_stream_verify(struct net_stream *ns, const char *host,
    const char *ca_file, char **cause)
{
	gnutls_x509_trust_list_t	 tl = NULL;
	gnutls_x509_crt_t		 crt[NET_STREAM_MAX_CHAIN];
	const gnutls_datum_t		*der;
	unsigned int			 count = 0, n = 0, i;
	int				 r = -1;

	der = gnutls_certificate_get_peers(ns->tls, &count);
	for (i = 0; der != NULL && i < count && n < NET_STREAM_MAX_CHAIN;
	    i++) {
		if (gnutls_x509_crt_init(&crt[n]) < 0)
			break;
		if (gnutls_x509_crt_import(crt[n], &der[i],
		    GNUTLS_X509_FMT_DER) < 0) {
			gnutls_x509_crt_deinit(crt[n]);
			break;
		}
		n++;
	}
	if (n == 0) {
		*cause = xstrdup(count == 0 ? "the server sent no certificate" :
		    "unreadable server certificate");
		return (-1);
	}
	if (gnutls_x509_trust_list_init(&tl, 0) < 0)
		fatalx("%s: gnutls_x509_trust_list_init", __func__);
	if (net_stream_trust(tl, ca_file, cause) == 0 &&
	    net_stream_check(tl, crt, n, host, cause) == 0)
		r = 0;
	for (i = 0; i < n; i++)
		gnutls_x509_crt_deinit(crt[i]);
	gnutls_x509_trust_list_deinit(tl, 1);
	return (r);
}

/* The handshake, with SNI unless host is an IP address. */
static int
net_stream_handshake(struct net_stream *ns, const char *host)
{
	unsigned char	ip[16];
	int		r;

	if (gnutls_certificate_allocate_credentials(&ns->cred) < 0 ||
	    gnutls_init(&ns->tls, GNUTLS_CLIENT) < 0)
		fatalx("%s: gnutls_init", __func__);
	if (gnutls_set_default_priority(ns->tls) < 0 ||
	    gnutls_credentials_set(ns->tls, GNUTLS_CRD_CERTIFICATE,
	    ns->cred) < 0)
		fatalx("%s: gnutls_credentials_set", __func__);
	if (inet_pton(AF_INET, host, ip) != 1 &&
	    inet_pton(AF_INET6, host, ip) != 1)
		gnutls_server_name_set(ns->tls, GNUTLS_NAME_DNS, host,
		    strlen(host));
	gnutls_transport_set_int(ns->tls, ns->fd);
	while ((r = gnutls_handshake(ns->tls)) < 0) {
		if (gnutls_error_is_fatal(r))
			return (r);
		if (net_stream_wait(ns, gnutls_record_get_direction(ns->tls) ?
		    POLLOUT : POLLIN) != 0)
			return (GNUTLS_E_TIMEDOUT);
	}
	return (0);
}

/* TLS over the connected socket; *perm for a refused certificate. */
static int
net_stream_tls(struct net_stream *ns, const struct net_url *u,
    const char *ca_file, int *perm, char **cause)
{
	char	*why = NULL;
	int	 r;

	if ((r = net_stream_handshake(ns, u->host)) != 0) {
		*cause = xasprintf("%s port %u: TLS handshake failed: %s",
		    u->host, (unsigned int)u->port, gnutls_strerror(r));
		return (-1);
	}
	if (net_stream_verify(ns, u->host, ca_file, &why) != 0) {
		*cause = xasprintf("%s port %u: TLS: %s", u->host,
		    (unsigned int)u->port, why);
		free(why);
		*perm = 1;
		return (-1);
	}
	return (0);
}

mailstream *
net_stream_open(const struct net_url *u, const char *ca_file, long timeout,
    long deadline, int *perm, char **cause)
{
	struct net_stream	*ns;
	mailstream_low		*low;
	mailstream		*s;
	int			 fd;

	*perm = 0;
	if (net_stream_dial != NULL) {
		if ((fd = net_stream_dial(u, net_stream_dial_arg)) == -1) {
			*cause = xasprintf("%s: cannot connect", u->host);
			return (NULL);
		}
	} else if ((fd = net_stream_connect(u->host, u->port, timeout,
	    cause)) == -1)
		return (NULL);
	fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);
	ns = xcalloc(1, sizeof *ns);
	buf_init(&ns->raw);
	buf_init(&ns->ready);
	ns->fd = fd;
	ns->timeout = timeout > 0 ? timeout : 60;
	ns->deadline = deadline > 0 ? deadline : 600;
	if ((low = mailstream_low_new(ns, &net_stream_driver)) == NULL ||
	    (s = mailstream_new(low, NET_STREAM_BUFFER)) == NULL)
		fatalx("%s: mailstream_new", __func__);
	/* The handshake and the greeting are the first command. */
	net_stream_limit(s, NET_STREAM_REPLY, NET_STREAM_LINE);
	if (u->tls && net_stream_tls(ns, u, ca_file, perm, cause) != 0) {
		mailstream_close(s);
		return (NULL);
	}
	return (s);
}

/*
 * libetpan 1.9.4 frees lists it failed to make: a malformed PERMANENTFLAGS
 * code ("* OK [PERMANENTFLAGS (]") had it call these on NULL and crash (a
 * fuzz find; fixed upstream in 266d59f, after Debian's 1.9.4).  Its calls
 * go through the PLT, so these, the same but for NULL, take their place.
 */
void	clist_foreach(clist *, clist_func, void *);
void	clist_free(clist *);

void
clist_foreach(clist *l, clist_func func, void *arg)
{
	clistcell	*cur;

	for (cur = l != NULL ? l->first : NULL; cur != NULL; cur = cur->next)
		func(cur->data, arg);
}

void
clist_free(clist *l)
{
	clistcell	*cur, *next;

	if (l == NULL)
		return;
	for (cur = l->first; cur != NULL; cur = next) {
		next = cur->next;
		free(cur);
	}
	free(l);
}
