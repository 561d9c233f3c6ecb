/*
 * The connections of the live sources: a libetpan stream over pvbot's own
 * low-level driver (TCP, or TLS with GnuTLS) that bounds every answer as
 * it is read.  libetpan buffers whole lines and answers without limit and
 * times out per read only, so each command gets three limits here, below
 * libetpan: the bytes of its answer, the length of any line in it, and a
 * deadline for all of it.  Past any of them the stream fails for good, as
 * if the server had hung up, and net_stream_error() says which it was.
 */
#ifndef NET_STREAM_H
#define NET_STREAM_H

#include <stddef.h>

#include <libetpan/libetpan.h>

struct net_url;

/* The limits of a command that fetches no mail (greeting, GROUP, LOGIN). */
#define NET_STREAM_REPLY	(1024 * 1024)
#define NET_STREAM_LINE		(64 * 1024)

/* Why a stream failed (net_stream_failed); 0 while it works. */
#define NET_STREAM_LOST		1	/* closed, reset or unreadable */
#define NET_STREAM_SLOW		2	/* no byte within the timeout */
#define NET_STREAM_DEADLINE	3	/* the command took too long */
#define NET_STREAM_BYTES	4	/* the answer was too long */
#define NET_STREAM_LONG_LINE	5	/* a line of it was */
#define NET_STREAM_REFUSED	6	/* a filter refused a line */

/*
 * Connect to url's host and port and return a stream whose every wait
 * for the server ends after timeout seconds and every command after
 * deadline seconds (see net_stream_limit; the greeting is the first
 * command).  With TLS the peer's chain is verified against ca_file, or the
 * system's trust store when ca_file is NULL, and must name the host,
 * before a byte of the protocol is read.  Returns NULL with *cause; *perm
 * is set when retrying cannot help (a refused certificate).
 */
mailstream *net_stream_open(const struct net_url *, const char *ca_file,
	    long timeout, long deadline, int * /* OUT perm */,
	    char ** /* OUT cause */);

/*
 * Start a command: from now on, at most bytes may be read, no line may be
 * longer than line, and all must come within the deadline.  Bytes read
 * ahead by libetpan count against the command they were read for, so the
 * limits are exact to one buffer (16 KiB).  A failed stream stays failed.
 */
void	 net_stream_limit(mailstream *, size_t bytes, size_t line);
/* Bytes read from the server since net_stream_limit. */
size_t	 net_stream_received(mailstream *);
/* Why the stream failed (NET_STREAM_*), or 0. */
int	 net_stream_failed(mailstream *);
/*
 * What ended the stream, for messages: "connection lost", "answer over
 * N bytes", "no complete answer within N s", ... (borrowed until the next
 * call).
 */
const char *net_stream_error(mailstream *);
/*
 * Pass the lines the server sends through filter, until it says to stop:
 * libetpan then reads what filter wrote to out in place of each line.
 * filter returns 1 to see the next line too, 0 to stop after this one, or
 * -1 to refuse it, out then saying why (the stream fails with
 * NET_STREAM_REFUSED).  For the few answers that libetpan parses unsafely
 * (see fetch-imap.c).
 */
struct buf;
void	 net_stream_filter(mailstream *, int (*)(const char *, size_t,
	    struct buf * /* OUT */, void *), void *);

/* Whether data is read and waiting that polling the socket would miss. */
int	 net_stream_pending(mailstream *);

/*
 * Tests and fuzzing: connect through dial instead of TCP (dial returns a
 * connected socket, or -1).  NULL restores TCP.
 */
void	 net_stream_set_dial(int (*)(const struct net_url *, void *), void *);

#endif
