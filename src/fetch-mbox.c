/*
 * mbox reader (mboxo and mboxrd, plain or gzip).  Streaming: the buffer
 * holds at most one message plus one read, whatever the archive size.
 * A file that does not start with a From_ line is read as one message.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <zlib.h>

#include "datetime.h"
#include "fetch.h"
#include "log.h"
#include "mbox.h"
#include "text.h"
#include "xmalloc.h"

#define MBOX_CHUNK	(1024 * 1024)
/*
 * Mail compresses some 3-10 times, repetitive mail a few dozen; past this
 * a .gz is a bomb (1 MB of zeros becomes 1 GB), refused with the reason
 * instead of being read for hours.  The first MBOX_RATIO_FREE bytes are
 * let through, whatever their ratio.
 */
#define MBOX_RATIO	100
#define MBOX_RATIO_FREE	(16 * 1024 * 1024)

struct fetch_ctx {
	gzFile		 gz;
	char		*path;
	off_t		 file_size;
	size_t		 max;		/* largest message kept */
	char		*buf;
	size_t		 start;		/* current message's From_ line */
	size_t		 len;		/* bytes valid in buf */
	size_t		 size;		/* bytes allocated */
	unsigned long long base;	/* stream offset of buf[0] */
	int		 eof;
	int		 single;	/* not an mbox: one message */
	char		*unquoted;	/* >From-unquoted copy of a message */
	char		 prefix[65];	/* hash of the first bytes: identity */
};

/* The file's identity for cursors: a hash of its first 4 KiB. */
#define MBOX_PREFIX	4096

/* Whether the .gz has expanded past MBOX_RATIO: *cause says so. */
static int
fetch_mbox_bomb(struct fetch_ctx *c, char **cause)
{
	long long	in, out;

	if (gzdirect(c->gz))
		return (0);
	out = (long long)gztell(c->gz);
	in = (long long)gzoffset(c->gz);
	if (out <= MBOX_RATIO_FREE || out / MBOX_RATIO <= (in > 0 ? in : 1))
		return (0);
	*cause = xasprintf("%s: refused: it expands more than %d times (%lld "
	    "bytes from %lld), not an archive but a bomb", c->path,
	    MBOX_RATIO, out, in);
	return (1);
}

static int
fetch_mbox_fill(struct fetch_ctx *c, char **cause)
{
	int	n;

	if (c->eof)
		return (0);
	if (c->start > 0 && c->start >= c->len / 2) {
		memmove(c->buf, c->buf + c->start, c->len - c->start);
		c->len -= c->start;
		c->base += c->start;
		c->start = 0;
	}
	if (c->size - c->len < MBOX_CHUNK + 1) {
		c->size = c->len + MBOX_CHUNK + 1;
		c->buf = xrealloc(c->buf, c->size);
	}
	n = gzread(c->gz, c->buf + c->len, MBOX_CHUNK);
	if (n < 0) {
		*cause = xasprintf("%s: read error: %s", c->path,
		    gzerror(c->gz, &n));
		return (-1);
	}
	if (fetch_mbox_bomb(c, cause))
		return (-1);
	if (n == 0)
		c->eof = 1;
	c->len += (size_t)n;
	c->buf[c->len] = '\0';
	return (n);
}

static void
fetch_mbox_cursor(struct fetch_ctx *c, unsigned long long off, char *out,
    size_t len)
{
	snprintf(out, len, "%llu %s", off, c->prefix);
}

/*
 * Seek to where a previous run stopped, if the file still starts with the
 * same bytes and a From_ line is there; else stay at the start.
 */
static int
fetch_mbox_resume(struct fetch_ctx *c, const char *cursor)
{
	unsigned long long	 off;
	char			 hash[65];
	char			*cause = NULL;

	if (sscanf(cursor, "%llu %64s", &off, hash) != 2 ||
	    strcmp(hash, c->prefix) != 0 || off == 0)
		return (-1);
	if (gzseek(c->gz, (z_off_t)off, SEEK_SET) == -1)
		goto rewind;
	c->len = c->start = 0;
	c->base = off;
	c->eof = 0;
	if (fetch_mbox_fill(c, &cause) > 0 &&
	    mbox_is_from_line(c->buf, c->len, 0))
		return (0);
	free(cause);
rewind:
	gzrewind(c->gz);
	c->len = c->start = 0;
	c->base = 0;
	c->eof = 0;
	if (fetch_mbox_fill(c, &cause) < 0)
		free(cause);
	return (-1);
}

static int
fetch_mbox_open(struct fetch_ctx **out, const char *path, size_t max,
    const char *cursor, char **cause)
{
	struct fetch_ctx	*c;
	struct stat		 st;
	gzFile			 gz;

	if ((gz = gzopen(path, "rb")) == NULL || stat(path, &st) == -1) {
		*cause = xasprintf("%s: %s", path, strerror(errno));
		if (gz != NULL)
			gzclose(gz);
		return (-1);
	}
	gzbuffer(gz, 256 * 1024);
	c = xcalloc(1, sizeof *c);
	c->gz = gz;
	c->path = xstrdup(path);
	c->file_size = st.st_size;
	c->max = max;
	if (fetch_mbox_fill(c, cause) < 0) {
		fetch_mbox.close(c);
		return (-1);
	}
	text_sha256_hex(c->buf, c->len < MBOX_PREFIX ? c->len : MBOX_PREFIX,
	    c->prefix);
	c->single = !mbox_is_from_line(c->buf, c->len, 1);
	if (cursor != NULL && !c->single && fetch_mbox_resume(c, cursor) != 0)
		log_debug(LOG_DEBUG_STORE, "%s: cursor %s does not fit, reading "
		    "from the start", path, cursor);
	*out = c;
	return (0);
}

/* Find the next separator at or after from; returns its offset or -1. */
static long long
fetch_mbox_find(struct fetch_ctx *c, size_t from)
{
	const char	*p = c->buf + from, *end = c->buf + c->len, *nl;

	while ((nl = memmem(p, (size_t)(end - p), "\nFrom ", 6)) != NULL) {
		/* The candidate line must be complete to be judged. */
		if (memchr(nl + 1, '\n', (size_t)(end - nl - 1)) == NULL &&
		    !c->eof)
			return (-2);
		if (mbox_is_separator(c->buf + c->start, nl + 1, end))
			return (nl + 1 - c->buf);
		p = nl + 1;
	}
	return (-1);
}

static void
fetch_mbox_item(struct fetch_ctx *c, struct fetch_item *it, size_t end)
{
	const char	*msg = c->buf + c->start, *body;
	size_t		 len = end - c->start;

	it->envelope_date = 0;
	if (!c->single) {
		body = memchr(msg, '\n', len);
		body = body == NULL ? msg + len : body + 1;
		it->envelope_date = mbox_from_line_date(msg,
		    (size_t)(body - msg));
		len -= (size_t)(body - msg);
		msg = body;
		/* The blank line before the next From_ is the format's. */
		if (len >= 2 && msg[len - 1] == '\n' && msg[len - 2] == '\n')
			len--;
		else if (len >= 3 && msg[len - 1] == '\n' &&
		    msg[len - 2] == '\r' && msg[len - 3] == '\n')
			len -= 2;
	}
	free(c->unquoted);
	c->unquoted = mbox_unquote(msg, len, &len);
	it->data = c->unquoted != NULL ? c->unquoted : msg;
	it->len = len;
	snprintf(it->where, sizeof it->where, "%s:%llu", c->path,
	    c->base + c->start);
	fetch_mbox_cursor(c, c->base + end, it->cursor,
	    sizeof it->cursor);
}

/* A message past the size limit: drop it without holding it. */
static int
fetch_mbox_skip_large(struct fetch_ctx *c, struct fetch_item *it,
    char **cause)
{
	unsigned long long	at = c->base + c->start, total = 0;
	long long		sep;

	for (;;) {
		/* Not an mbox: its "From " lines split nothing. */
		sep = c->single ? -1 : fetch_mbox_find(c, c->start + 1);
		if (sep >= 0)
			break;
		if (c->eof) {
			sep = (long long)c->len;
			break;
		}
		/* Keep one line's worth so a separator is never cut. */
		if (c->len - c->start > 65536) {
			total += c->len - 65536 - c->start;
			c->start = c->len - 65536;
		}
		if (fetch_mbox_fill(c, cause) < 0)
			return (FETCH_PERM);
	}
	total += (unsigned long long)sep - c->start;
	snprintf(it->where, sizeof it->where, "%s:%llu", c->path, at);
	snprintf(it->reason, sizeof it->reason,
	    "message too large (%llu bytes, limit %zu)", total, c->max);
	fetch_mbox_cursor(c, c->base + (size_t)sep, it->cursor,
	    sizeof it->cursor);
	c->start = (size_t)sep;
	return (FETCH_SKIP);
}

static int
fetch_mbox_next(struct fetch_ctx *c, struct fetch_item *it, char **cause)
{
	long long	sep;
	size_t		from = 1;	/* relative to start: fill moves data */

	for (;;) {
		if (c->start >= c->len && c->eof)
			return (FETCH_END);
		sep = c->single ? -1 : fetch_mbox_find(c, c->start + from);
		if (sep >= 0)
			break;
		if (c->eof) {
			sep = (long long)c->len;
			break;
		}
		if (c->len - c->start > c->max)
			return (fetch_mbox_skip_large(c, it, cause));
		/* Resume the search where it stopped, less a partial "\nFrom ". */
		if (sep == -1 && c->len > c->start + 6)
			from = c->len - c->start - 6;
		if (fetch_mbox_fill(c, cause) < 0)
			return (FETCH_PERM);
	}
	if ((size_t)sep - c->start > c->max) {
		snprintf(it->where, sizeof it->where, "%s:%llu", c->path,
		    c->base + c->start);
		snprintf(it->reason, sizeof it->reason,
		    "message too large (%llu bytes, limit %zu)",
		    (unsigned long long)sep - c->start, c->max);
		fetch_mbox_cursor(c, c->base + (size_t)sep, it->cursor,
		    sizeof it->cursor);
		c->start = (size_t)sep;
		return (FETCH_SKIP);
	}
	fetch_mbox_item(c, it, (size_t)sep);
	c->start = (size_t)sep;
	return (FETCH_OK);
}

static double
fetch_mbox_progress(struct fetch_ctx *c)
{
	if (c->file_size <= 0)
		return (-1);
	return ((double)gzoffset(c->gz) / (double)c->file_size);
}

static void
fetch_mbox_close(struct fetch_ctx *c)
{
	if (c == NULL)
		return;
	gzclose(c->gz);
	free(c->path);
	free(c->buf);
	free(c->unquoted);
	free(c);
}

const struct fetch fetch_mbox = {
	"mbox",
	fetch_mbox_open,
	fetch_mbox_next,
	fetch_mbox_progress,
	fetch_mbox_close,
	NULL,
	NULL,
	NULL
};
