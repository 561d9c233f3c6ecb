/*
 * libFuzzer harness: the NNTP source (FUZZ_LIVE_NNTP) or the IMAP source
 * (FUZZ_LIVE_IMAP) polling a server whose every byte is the fuzz input:
 * greeting, answers, overview lines, listings, articles and literals go
 * through the same code as a live poll (net-stream's driver, libetpan's
 * readers and parsers, fetch-nntp.c or fetch-imap.c) over a socketpair.
 * A thread plays the server: it writes the input, then reads and drops
 * what pvbot sends until pvbot hangs up.
 *
 * The first byte of the input is not the server's: its bits choose a
 * resume cursor (1), whether Message-IDs count as stored (2), and
 * max-message-size (4, 8: 4 KiB, 64 KiB, 1 KiB or none).
 *
 * Checked besides memory errors: every item handed out has data within
 * max-message-size, a skip has a reason, and the poll ends.  With
 * FUZZ_VERBOSE set, each result is printed (to check what a seed reaches).
 */
#include <sys/socket.h>

#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "config.h"
#include "fetch.h"
#include "net-stream.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

/* More items than any input of a fuzzing run can give. */
#define FUZZ_MAX_ITEMS	10000

#ifdef FUZZ_LIVE_IMAP
#define FUZZ_FETCH	fetch_imap
#define FUZZ_URL	"imap://fuzz/INBOX"
#define FUZZ_CURSOR	"INBOX 42 1"
#else
#define FUZZ_FETCH	fetch_nntp
#define FUZZ_URL	"nntp://fuzz/org.example.fuzz"
#define FUZZ_CURSOR	"org.example.fuzz 2 h2@hostile.test"
#endif

struct fuzz_server {
	int		 fd;
	const uint8_t	*data;
	size_t		 len;
	int		 dialled;
	int		 client;
};

static void *
fuzz_server_run(void *arg)
{
	struct fuzz_server	*srv = arg;
	const uint8_t		*p = srv->data;
	size_t			 left = srv->len;
	char			 drop[4096];
	ssize_t			 n;

	while (left > 0 && (n = send(srv->fd, p, left, MSG_NOSIGNAL)) > 0) {
		p += n;
		left -= (size_t)n;
	}
	shutdown(srv->fd, SHUT_WR);
	while (read(srv->fd, drop, sizeof drop) > 0)
		;
	return (NULL);
}

/* One connection only: a reconnect finds nobody. */
static int
fuzz_dial(const struct net_url *u, void *arg)
{
	struct fuzz_server	*srv = arg;

	(void)u;
	if (srv->dialled++)
		return (-1);
	return (srv->client);
}

static int
fuzz_known(void *arg, const char *id)
{
	(void)arg;
	return (strlen(id) % 2 == 0);
}

/* Read every byte of an item (ASan checks the bounds). */
volatile unsigned int	fuzz_live_sum;

static void
fuzz_touch(const char *p, size_t len)
{
	size_t	i;

	for (i = 0; i < len; i++)
		fuzz_live_sum += (unsigned char)p[i];
}

static void
fuzz_poll(struct fetch_live_opts *o, const char *cursor)
{
	struct fetch_ctx	*c;
	struct fetch_item	 it;
	char			*cause = NULL;
	int			 n, r;

	if (FUZZ_FETCH.open_live(&c, o, cursor, &cause) != FETCH_OK) {
		if (cause == NULL)
			abort();
		if (getenv("FUZZ_VERBOSE") != NULL)
			fprintf(stderr, "open: %s\n", cause);
		free(cause);
		return;
	}
	for (n = 0; n < FUZZ_MAX_ITEMS; n++) {
		memset(&it, 0, sizeof it);
		r = FUZZ_FETCH.next(c, &it, &cause);
		if (getenv("FUZZ_VERBOSE") != NULL)
			fprintf(stderr, "%d %s %zu %s%s\n", r, it.where, it.len,
			    it.reason, cause != NULL ? cause : "");
		if (r == FETCH_OK) {
			if (it.data == NULL || (o->max > 0 && it.len > o->max))
				abort();
			fuzz_touch(it.data, it.len);
		} else if (r == FETCH_SKIP) {
			if (it.reason[0] == '\0')
				abort();
		} else
			break;
	}
	if ((r == FETCH_TEMP || r == FETCH_PERM) && cause == NULL)
		abort();
	free(cause);
	FUZZ_FETCH.close(c);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const size_t	 maxes[] = { 4096, 65536, 1024, 0 };
	struct config_source	 cs;
	struct fetch_live_opts	 o;
	struct fuzz_server	 srv;
	pthread_t		 t;
	int			 sv[2];
	uint8_t			 opt;

	if (size == 0)
		return (0);
	opt = data[0];
	if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) == -1)
		abort();
	memset(&srv, 0, sizeof srv);
	srv.fd = sv[1];
	srv.client = sv[0];
	srv.data = data + 1;
	srv.len = size - 1;
	if (pthread_create(&t, NULL, fuzz_server_run, &srv) != 0)
		abort();
	net_stream_set_dial(fuzz_dial, &srv);
	memset(&cs, 0, sizeof cs);
	cs.name = (char *)"fuzz";
	cs.url = (char *)FUZZ_URL;
	cs.timeout = 5;
	cs.command_timeout = 5;
	cs.idle = 1;
	memset(&o, 0, sizeof o);
	o.source = &cs;
	o.max = maxes[(opt >> 2) & 3];
	o.known = (opt & 2) ? fuzz_known : NULL;
	fuzz_poll(&o, (opt & 1) ? FUZZ_CURSOR : NULL);
	/* The source closed its end (or never took it): the server ends. */
	if (!srv.dialled)
		close(sv[0]);
	pthread_join(t, NULL);
	close(sv[1]);
	net_stream_set_dial(NULL, NULL);
	return (0);
}
