/*
 * NNTP source (libetpan newsnntp): GROUP, XOVER in batches, then ARTICLE
 * pipelined NNTP_WINDOW at a time (libetpan sends one command and waits;
 * its public stream functions read the answers).
 * The cursor is "group number message-id".  On reconnect the saved
 * number's Message-ID is looked up again: the same one means the server
 * kept its numbering, and the last NNTP_OVERLAP articles are looked at
 * again; another one means the group was renumbered, and it is re-read
 * from its first article.  Both are cheap because articles whose
 * Message-ID is stored already are skipped on their overview line,
 * without being downloaded.  Gaps (expired or deleted articles) are fine.
 *
 * XOVER and ARTICLE answers are read here, line by line, within the limits
 * of net-stream.h: an overview keeps three fields of each line, an article
 * is measured as it arrives, whatever its overview announced, and one over
 * max-message-size is dropped and skipped with the reason (when it did not
 * even end within twice that, on a new connection).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "fetch.h"
#include "log.h"
#include "net.h"
#include "net-stream.h"
#include "text.h"
#include "xmalloc.h"

#define NNTP_OVER_BATCH	1000	/* articles per XOVER */
#define NNTP_OVERLAP	100	/* looked at again after a reconnect */
#define NNTP_WINDOW	16	/* ARTICLE commands sent ahead */
#define NNTP_WINDOW_BYTES (8 * 1024 * 1024)	/* ... and their sizes */
#define NNTP_SLOTS	64	/* overview entries looked at ahead */
#define NNTP_CONTINUE	(-1)	/* a state's "go on", never returned */
/* An overview line: its longest, and what a batch may take per article. */
#define NNTP_OVER_LINE	(1024 * 1024)
#define NNTP_OVER_BYTES	(16 * 1024)
/* max-message-size 0 ("no limit") still bounds what one article may take. */
#define NNTP_MAX_ARTICLE ((size_t)1 << 30)

/* What fetch_nntp_read found; otherwise FETCH_TEMP. */
#define NNTP_READ_OK	10	/* the article is in body */
#define NNTP_READ_GONE	11	/* deleted since its overview */
#define NNTP_READ_LARGE	12	/* over max: read to its end, dropped */
#define NNTP_READ_CUT	13	/* far over max: the connection dropped */

/* The fields of an overview line pvbot reads. */
struct fetch_nntp_ov {
	uint32_t	 num;
	size_t		 size;		/* announced :bytes, 0 when absent */
	char		 id[256];	/* without brackets, "" when absent */
};

/* An overview entry on its way to being handed out. */
struct fetch_nntp_art {
	struct fetch_nntp_ov	*ov;	/* borrowed from over */
	enum {
		NNTP_FETCH,		/* ARTICLE was sent */
		NNTP_KNOWN,		/* stored: skipped unread */
		NNTP_LARGE		/* announced over max: skipped */
	}			 kind;
};

struct fetch_ctx {
	struct net_url		 url;
	struct fetch_live_opts	 o;
	long			 timeout;
	size_t			 max;		/* bytes an article may have */
	newsnntp		*nntp;
	int			 broken;	/* stream failed: no QUIT */
	int			(*state)(struct fetch_ctx *,
				    struct fetch_item *, char **);
	uint32_t		 low, high;	/* the group's range */
	uint32_t		 first;		/* where this pass began */
	uint32_t		 next;		/* next article to look at */
	uint32_t		 batch_end;	/* last of the XOVER batch */
	uint32_t		 known_upto;	/* re-read: skip stored ones */
	struct fetch_nntp_ov	*over;		/* XOVER batch */
	size_t			 nover, iover;
	struct fetch_nntp_art	 win[NNTP_SLOTS];	/* pipelined */
	size_t			 nwin, iwin;
	MMAPString		*body;		/* held by the last item */
	size_t			 got;		/* the last article's bytes */
	char			 cursor[512];	/* after the last one seen */
	char			 resume_group[200];
	unsigned int		 resume_num;
	char			 resume_id[256];
};

static int	fetch_nntp_state_over(struct fetch_ctx *, struct fetch_item *,
		    char **);
static int	fetch_nntp_state_article(struct fetch_ctx *,
		    struct fetch_item *, char **);
static void	fetch_nntp_close(struct fetch_ctx *);

/* The stream failed or hit a limit: FETCH_TEMP, saying which. */
static int
fetch_nntp_lost(struct fetch_ctx *c, const char *what, char **cause)
{
	mailstream	*s = c->nntp != NULL ? c->nntp->nntp_stream : NULL;

	c->broken = 1;
	*cause = xasprintf("%s: %s: %s", c->url.host, what, s != NULL ?
	    net_stream_error(s) : "connection lost");
	return (FETCH_TEMP);
}

/* Map a libetpan error to FETCH_TEMP or FETCH_PERM with a cause. */
static int
fetch_nntp_error(struct fetch_ctx *c, const char *what, int r, char **cause)
{
	const char	*text = c->nntp->nntp_response;

	switch (r) {
	case NEWSNNTP_ERROR_STREAM:
	case NEWSNNTP_ERROR_MEMORY:	/* also a multi-line read cut short */
		return (fetch_nntp_lost(c, what, cause));
	case NEWSNNTP_ERROR_AUTHENTICATION_REJECTED:
		*cause = xasprintf("%s: login failed%s%s", c->url.host,
		    text != NULL ? ": " : "", text != NULL ? text : "");
		return (FETCH_PERM);
	case NEWSNNTP_ERROR_REQUEST_AUTHORIZATION_USERNAME:
	case NEWSNNTP_WARNING_REQUEST_AUTHORIZATION_PASSWORD:
		*cause = xasprintf("%s: %s: the server wants a login (set "
		    "credentials-file or credentials-env)", c->url.host, what);
		return (FETCH_PERM);
	default:
		*cause = xasprintf("%s: %s: unexpected reply%s%s", c->url.host,
		    what, text != NULL ? ": " : "", text != NULL ? text : "");
		return (FETCH_TEMP);
	}
}

/* The limits of a command other than XOVER and ARTICLE. */
static void
fetch_nntp_small(struct fetch_ctx *c)
{
	net_stream_limit(c->nntp->nntp_stream, NET_STREAM_REPLY,
	    NET_STREAM_LINE);
}

/* "<id>" from an overview line, without brackets or blanks. */
static void
fetch_nntp_strip_id(const char *in, size_t inlen, char *out, size_t len)
{
	size_t	skip = strspn(in, " \t<");

	if (skip > inlen)
		skip = inlen;
	in += skip;
	inlen -= skip;
	inlen = strcspn(in, "> \t") < inlen ? strcspn(in, "> \t") : inlen;
	snprintf(out, len, "%.*s", (int)inlen, in);
}

static void
fetch_nntp_cursor_parse(struct fetch_ctx *c, const char *cursor)
{
	if (cursor == NULL || sscanf(cursor, "%199s %u %255s",
	    c->resume_group, &c->resume_num, c->resume_id) != 3)
		c->resume_num = 0;
}

static int
fetch_nntp_connect(struct fetch_ctx *c, char **cause)
{
	mailstream	*s;
	int		 perm, r;

	s = net_stream_open(&c->url, c->o.source->ca_file, c->timeout,
	    c->o.source->command_timeout, &perm, cause);
	if (s == NULL)
		return (perm ? FETCH_PERM : FETCH_TEMP);
	if ((c->nntp = newsnntp_new(0, NULL)) == NULL)
		fatalx("%s: newsnntp_new", __func__);
	newsnntp_set_timeout(c->nntp, c->timeout);
	if ((r = newsnntp_connect(c->nntp, s)) != NEWSNNTP_NO_ERROR) {
		*cause = xasprintf("%s: no NNTP greeting%s%s", c->url.host,
		    net_stream_failed(s) ? ": " : "",
		    net_stream_failed(s) ? net_stream_error(s) : "");
		/* libetpan drops the stream on an unexpected greeting. */
		if (c->nntp->nntp_stream == NULL)
			mailstream_close(s);
		c->broken = 1;
		return (FETCH_TEMP);
	}
	/* Readers need it on some servers; others refuse it harmlessly. */
	fetch_nntp_small(c);
	r = newsnntp_mode_reader(c->nntp);
	if (r == NEWSNNTP_ERROR_STREAM)
		return (fetch_nntp_error(c, "MODE READER", r, cause));
	return (FETCH_OK);
}

/* AUTHINFO when credentials are configured; reading is often anonymous. */
static int
fetch_nntp_login(struct fetch_ctx *c, char **cause)
{
	char	*user, *pass;
	int	 r;

	if (net_credentials(c->o.source, &c->url, &user, &pass, cause) != 0)
		return (FETCH_PERM);
	if (pass == NULL) {
		free(user);
		return (FETCH_OK);
	}
	if (user == NULL) {
		net_password_free(pass);
		*cause = xstrdup("credentials without a user (set 'user' or "
		    "write user:password)");
		return (FETCH_PERM);
	}
	fetch_nntp_small(c);
	r = newsnntp_authinfo_username(c->nntp, user);
	if (r == NEWSNNTP_WARNING_REQUEST_AUTHORIZATION_PASSWORD) {
		fetch_nntp_small(c);
		r = newsnntp_authinfo_password(c->nntp, pass);
	}
	free(user);
	net_password_free(pass);
	if (r != NEWSNNTP_NO_ERROR)
		return (fetch_nntp_error(c, "AUTHINFO", r, cause));
	return (FETCH_OK);
}

static int
fetch_nntp_group(struct fetch_ctx *c, char **cause)
{
	struct newsnntp_group_info	*info;
	int				 r;

	fetch_nntp_small(c);
	r = newsnntp_group(c->nntp, c->url.path, &info);
	if (r == NEWSNNTP_ERROR_NO_SUCH_NEWS_GROUP) {
		*cause = xasprintf("%s: no such newsgroup on %s", c->url.path,
		    c->url.host);
		return (FETCH_PERM);
	}
	if (r != NEWSNNTP_NO_ERROR)
		return (fetch_nntp_error(c, "GROUP", r, cause));
	/* The count is unreliable (public-inbox: last - first); not used. */
	c->low = info->grp_first;
	c->high = info->grp_last;
	newsnntp_group_free(info);
	return (FETCH_OK);
}

/* Send a command of ours, its answer to be read within the limits. */
static int
fetch_nntp_command(struct fetch_ctx *c, const char *what, const char *cmd,
    size_t bytes, size_t line, char **cause)
{
	mailstream	*s = c->nntp->nntp_stream;

	net_stream_limit(s, bytes, line);
	if (mailstream_write(s, cmd, strlen(cmd)) == -1 ||
	    mailstream_flush(s) == -1)
		return (fetch_nntp_lost(c, what, cause));
	return (FETCH_OK);
}

/*
 * Keep an overview line's number, Message-ID and :bytes when the number
 * is in lo..hi and after the last one kept (RFC 3977 8.3: in order).
 */
static void
fetch_nntp_over_add(struct fetch_ctx *c, const char *line, uint32_t lo,
    uint32_t hi, size_t room)
{
	struct fetch_nntp_ov	*ov;
	const char		*f[7];
	size_t			 len[7], nf = 0;
	unsigned long long	 v;
	char			*end;

	while (nf < 7) {
		f[nf] = line;
		len[nf] = strcspn(line, "\t");
		line += len[nf++];
		if (*line++ == '\0')
			break;
	}
	if (len[0] == 0 || len[0] > 10 || strspn(f[0], "0123456789") != len[0])
		return;
	v = strtoull(f[0], NULL, 10);
	if (v < lo || v > hi || c->nover == room ||
	    (c->nover > 0 && v <= c->over[c->nover - 1].num))
		return;
	ov = &c->over[c->nover++];
	ov->num = (uint32_t)v;
	ov->id[0] = '\0';
	if (nf > 4)
		fetch_nntp_strip_id(f[4], len[4], ov->id, sizeof ov->id);
	ov->size = 0;
	if (nf > 6 && len[6] > 0 && strspn(f[6], "0123456789") == len[6]) {
		v = strtoull(f[6], &end, 10);
		ov->size = v > SIZE_MAX / 4 ? SIZE_MAX / 4 : (size_t)v;
	}
}

/*
 * XOVER lo-hi into over, read line by line: libetpan's own reader held
 * the whole answer three times over and aborted at 2 GB.  Returns
 * FETCH_OK, 1 when the range has no articles, or FETCH_TEMP.
 */
static int
fetch_nntp_xover(struct fetch_ctx *c, uint32_t lo, uint32_t hi, char **cause)
{
	mailstream	*s = c->nntp->nntp_stream;
	size_t		 n = (size_t)(hi - lo) + 1;
	char		 cmd[48], *line;
	long		 code;
	int		 r;

	c->nover = c->iover = 0;
	snprintf(cmd, sizeof cmd, "XOVER %u-%u\r\n", lo, hi);
	r = fetch_nntp_command(c, "XOVER", cmd, n * NNTP_OVER_BYTES +
	    NET_STREAM_REPLY, NNTP_OVER_LINE, cause);
	if (r != FETCH_OK)
		return (r);
	if ((line = mailstream_read_line_remove_eol(s,
	    c->nntp->nntp_stream_buffer)) == NULL)
		return (fetch_nntp_lost(c, "XOVER", cause));
	code = strtol(line, NULL, 10);
	if (code == 420 || code == 423)
		return (1);	/* no article in the range */
	if (code != 224) {
		*cause = xasprintf("%s: XOVER: unexpected reply: %.200s",
		    c->url.host, line);
		return (FETCH_TEMP);
	}
	c->over = xreallocarray(c->over, n, sizeof *c->over);
	for (;;) {
		if ((line = mailstream_read_line_remove_eol(s,
		    c->nntp->nntp_stream_buffer)) == NULL)
			return (fetch_nntp_lost(c, "XOVER", cause));
		if (strcmp(line, ".") == 0)
			return (FETCH_OK);
		fetch_nntp_over_add(c, line + (*line == '.'), lo, hi, n);
	}
}

/* Article num's Message-ID: 0 found, 1 no such article, or FETCH_TEMP. */
static int
fetch_nntp_id_of(struct fetch_ctx *c, uint32_t num, char *id, size_t len,
    char **cause)
{
	int	r;

	if ((r = fetch_nntp_xover(c, num, num, cause)) != FETCH_OK)
		return (r);
	if (c->nover == 0)
		return (1);
	snprintf(id, len, "%s", c->over[0].id);
	c->nover = 0;
	return (0);
}

/* Where to start: after the cursor if the numbering held, else the top. */
static int
fetch_nntp_resume(struct fetch_ctx *c, char **cause)
{
	char		 id[256], now[300];
	unsigned int	 n = c->resume_num;
	int		 r, same;

	c->next = c->first = c->low;
	if (n == 0 || strcmp(c->resume_group, c->url.path) != 0)
		return (FETCH_OK);
	/* With nothing new, the cursor stays as it was. */
	snprintf(c->cursor, sizeof c->cursor, "%s %u %s", c->resume_group, n,
	    c->resume_id);
	if (n < c->low)
		return (FETCH_OK);	/* it expired: everything left is new */
	same = 1;
	if (n > c->high) {
		snprintf(now, sizeof now, "past the end (%u)", c->high);
		same = 0;
	} else if ((r = fetch_nntp_id_of(c, n, id, sizeof id, cause)) == 0) {
		snprintf(now, sizeof now, "<%s>", id);
		same = strcmp(c->resume_id, "-") == 0 ||
		    strcmp(id, c->resume_id) == 0;
	} else if (r != 1)
		return (r);
	if (!same) {
		log_info("%s: article %u is now %s, not <%s>: the group was "
		    "renumbered; re-reading it from %u (stored messages are "
		    "skipped)", c->o.source->name, n, now, c->resume_id,
		    c->low);
		c->known_upto = c->high;
		return (FETCH_OK);
	}
	/* The same article, or deleted since: go on after an overlap. */
	c->next = n + 1 > c->low + NNTP_OVERLAP ? n + 1 - NNTP_OVERLAP : c->low;
	c->first = c->next;
	c->known_upto = n;
	return (FETCH_OK);
}

/* Connect, log in and select the group. */
static int
fetch_nntp_dial(struct fetch_ctx *c, char **cause)
{
	int	r;

	if ((r = fetch_nntp_connect(c, cause)) != FETCH_OK ||
	    (r = fetch_nntp_login(c, cause)) != FETCH_OK ||
	    (r = fetch_nntp_group(c, cause)) != FETCH_OK)
		return (r);
	return (FETCH_OK);
}

/* Drop the connection; QUIT only when it is in step. */
static void
fetch_nntp_hangup(struct fetch_ctx *c)
{
	if (c->nntp == NULL)
		return;
	if (c->broken && c->nntp->nntp_stream != NULL) {
		mailstream_close(c->nntp->nntp_stream);
		c->nntp->nntp_stream = NULL;
	}
	newsnntp_free(c->nntp);
	c->nntp = NULL;
	c->broken = 0;
}

static int
fetch_nntp_open_live(struct fetch_ctx **out, const struct fetch_live_opts *o,
    const char *cursor, char **cause)
{
	struct fetch_ctx	*c;
	int			 r;

	c = xcalloc(1, sizeof *c);
	c->o = *o;
	c->timeout = o->source->timeout > 0 ? o->source->timeout : 60;
	c->max = o->max > 0 ? o->max : NNTP_MAX_ARTICLE;
	if ((c->body = mmap_string_new("")) == NULL)
		fatalx("%s: mmap_string_new", __func__);
	if (net_url_parse(o->source->url, &c->url, cause) != 0) {
		r = FETCH_PERM;
		goto fail;
	}
	fetch_nntp_cursor_parse(c, cursor);
	if ((r = fetch_nntp_dial(c, cause)) != FETCH_OK ||
	    (r = fetch_nntp_resume(c, cause)) != FETCH_OK)
		goto fail;
	c->state = fetch_nntp_state_over;
	*out = c;
	return (FETCH_OK);
fail:
	fetch_nntp_close(c);
	return (r);
}

/* Whether the article is stored and was read from here before. */
static int
fetch_nntp_known(struct fetch_ctx *c, const struct fetch_nntp_ov *ov)
{
	/*
	 * Only what this source gave before is skipped unread: an article
	 * stored from another list must still be read to count it in this
	 * list too (a cross-post).
	 */
	if (ov->num > c->known_upto || c->o.known == NULL)
		return (0);
	return (*ov->id != '\0' && c->o.known(c->o.arg, ov->id));
}

/*
 * Send ARTICLE for every wanted entry of the window from from on, at
 * once: one round trip for the window instead of one per article, which
 * is what makes a backfill over a long path (lore from afar) bearable.
 * RFC 3977 3.5.
 */
static int
fetch_nntp_send(struct fetch_ctx *c, size_t from, char **cause)
{
	mailstream	*s = c->nntp->nntp_stream;
	char		 cmd[32];
	size_t		 i;
	int		 len;

	fetch_nntp_small(c);
	for (i = from; i < c->nwin; i++) {
		if (c->win[i].kind != NNTP_FETCH)
			continue;
		len = snprintf(cmd, sizeof cmd, "ARTICLE %u\r\n",
		    c->win[i].ov->num);
		if (mailstream_write(s, cmd, (size_t)len) == -1)
			return (fetch_nntp_lost(c, "ARTICLE", cause));
	}
	if (mailstream_flush(s) == -1)
		return (fetch_nntp_lost(c, "ARTICLE", cause));
	return (FETCH_OK);
}

/* The next overview entries, up to NNTP_WINDOW articles to download. */
static int
fetch_nntp_state_fill(struct fetch_ctx *c, struct fetch_item *it,
    char **cause)
{
	struct fetch_nntp_ov	*ov;
	struct fetch_nntp_art	*a;
	size_t			 want = 0, bytes = 0;

	(void)it;
	c->nwin = c->iwin = 0;
	while (c->iover < c->nover && c->nwin < NNTP_SLOTS &&
	    want < NNTP_WINDOW && bytes < NNTP_WINDOW_BYTES) {
		ov = &c->over[c->iover++];
		if (ov->num < c->next || ov->num > c->batch_end)
			continue;
		a = &c->win[c->nwin++];
		a->ov = ov;
		if (fetch_nntp_known(c, ov))
			a->kind = NNTP_KNOWN;
		else if (ov->size > c->max)
			a->kind = NNTP_LARGE;
		else {
			a->kind = NNTP_FETCH;
			want++;
			bytes += ov->size;
		}
	}
	if (c->nwin == 0) {	/* the batch is done */
		c->nover = c->iover = 0;
		c->next = c->batch_end + 1;
		c->state = fetch_nntp_state_over;
		return (NNTP_CONTINUE);
	}
	if (want > 0 && fetch_nntp_send(c, 0, cause) != FETCH_OK)
		return (FETCH_TEMP);
	c->state = fetch_nntp_state_article;
	return (NNTP_CONTINUE);
}

/*
 * An article's lines after its 220, dot-unstuffed and with LF ends, as
 * they arrive: past max bytes they are counted and dropped.  NUL bytes
 * are kept (libetpan's reader cut a line at the first).
 */
static int
fetch_nntp_body(struct fetch_ctx *c, char **cause)
{
	mailstream	*s = c->nntp->nntp_stream;
	MMAPString	*buf = c->nntp->nntp_stream_buffer;
	const char	*line;
	size_t		 len;

	mmap_string_truncate(c->body, 0);
	c->got = 0;
	for (;;) {
		if ((line = mailstream_read_line(s, buf)) == NULL)
			return (fetch_nntp_lost(c, "ARTICLE", cause));
		len = buf->len;
		if (len > 0 && line[len - 1] == '\n')
			len--;
		if (len > 0 && line[len - 1] == '\r')
			len--;
		if (len == 1 && *line == '.')
			break;
		if (len > 0 && *line == '.') {
			line++;
			len--;
		}
		c->got += len + 1;
		if (c->got <= c->max && (mmap_string_append_len(c->body, line,
		    len) == NULL || mmap_string_append_c(c->body, '\n') == NULL))
			fatalx("%s: mmap_string_append", __func__);
	}
	return (c->got <= c->max ? NNTP_READ_OK : NNTP_READ_LARGE);
}

/*
 * Read the answer to one pipelined ARTICLE, within twice max bytes: an
 * article that announced 100 bytes and sent 207 MB was stored whole.
 */
static int
fetch_nntp_read(struct fetch_ctx *c, char **cause)
{
	mailstream	*s = c->nntp->nntp_stream;
	char		*line;
	long		 code;
	int		 r;

	net_stream_limit(s, 2 * c->max + NET_STREAM_REPLY,
	    c->max + NET_STREAM_LINE);
	line = mailstream_read_line_remove_eol(s, c->nntp->nntp_stream_buffer);
	if (line == NULL)
		return (fetch_nntp_lost(c, "ARTICLE", cause));
	code = strtol(line, NULL, 10);
	if (code == 423 || code == 430)
		return (NNTP_READ_GONE);	/* gone since its overview */
	if (code != 220) {
		c->broken = 1;	/* the answers to come are out of step */
		*cause = xasprintf("%s: ARTICLE: unexpected reply: %.200s",
		    c->url.host, line);
		return (FETCH_TEMP);
	}
	r = fetch_nntp_body(c, cause);
	if (r == FETCH_TEMP && (net_stream_failed(s) == NET_STREAM_BYTES ||
	    net_stream_failed(s) == NET_STREAM_LONG_LINE)) {
		free(*cause);
		*cause = NULL;
		c->got = net_stream_received(s);
		return (NNTP_READ_CUT);
	}
	return (r);
}

/*
 * After an article cut off mid-answer: a new connection, and the
 * window's remaining ARTICLEs sent again.
 */
static int
fetch_nntp_state_redial(struct fetch_ctx *c, struct fetch_item *it,
    char **cause)
{
	int	r;

	(void)it;
	fetch_nntp_hangup(c);
	if ((r = fetch_nntp_dial(c, cause)) != FETCH_OK)
		return (r);
	if (fetch_nntp_send(c, c->iwin, cause) != FETCH_OK)
		return (FETCH_TEMP);
	c->state = fetch_nntp_state_article;
	return (NNTP_CONTINUE);
}

/* Hand out the window's entries in order. */
static int
fetch_nntp_state_article(struct fetch_ctx *c, struct fetch_item *it,
    char **cause)
{
	struct fetch_nntp_art	*a;
	int			 r;

	if (c->iwin == c->nwin) {
		c->state = fetch_nntp_state_fill;
		return (NNTP_CONTINUE);
	}
	a = &c->win[c->iwin++];
	snprintf(c->cursor, sizeof c->cursor, "%s %u %s", c->url.path,
	    a->ov->num, *a->ov->id != '\0' ? a->ov->id : "-");
	if (a->kind == NNTP_KNOWN)
		return (NNTP_CONTINUE);
	snprintf(it->where, sizeof it->where, "%s:%u", c->o.source->url,
	    a->ov->num);
	memcpy(it->cursor, c->cursor, sizeof it->cursor);
	if (a->kind == NNTP_LARGE) {
		snprintf(it->reason, sizeof it->reason, "message too large "
		    "(%zu bytes, limit %zu)", a->ov->size, c->max);
		return (FETCH_SKIP);
	}
	switch (r = fetch_nntp_read(c, cause)) {
	case NNTP_READ_OK:
		break;
	case NNTP_READ_GONE:
		return (NNTP_CONTINUE);
	case NNTP_READ_CUT:
		c->state = fetch_nntp_state_redial;
		/* FALLTHROUGH */
	case NNTP_READ_LARGE:
		snprintf(it->reason, sizeof it->reason, "message too large "
		    "(%s%zu bytes received, %zu announced, limit %zu)",
		    r == NNTP_READ_CUT ? "over " : "", c->got, a->ov->size,
		    c->max);
		return (FETCH_SKIP);
	default:
		return (r);
	}
	/* Stored like the archive importer stores mail: LF line ends. */
	it->data = c->body->str;
	it->len = c->body->len;
	it->envelope_date = 0;
	return (FETCH_OK);
}

/* The next XOVER batch, or the end of the group. */
static int
fetch_nntp_state_over(struct fetch_ctx *c, struct fetch_item *it,
    char **cause)
{
	int	r;

	if (c->high == 0 || c->next > c->high) {
		memcpy(it->cursor, c->cursor, sizeof it->cursor);
		return (FETCH_END);
	}
	c->batch_end = c->high - c->next >= NNTP_OVER_BATCH ?
	    c->next + NNTP_OVER_BATCH - 1 : c->high;
	r = fetch_nntp_xover(c, c->next, c->batch_end, cause);
	if (r == 1) {	/* a gap with no articles at all */
		c->next = c->batch_end + 1;
		return (NNTP_CONTINUE);
	}
	if (r != FETCH_OK)
		return (r);
	c->state = fetch_nntp_state_fill;
	return (NNTP_CONTINUE);
}

static int
fetch_nntp_next(struct fetch_ctx *c, struct fetch_item *it, char **cause)
{
	int	r;

	it->cursor[0] = it->reason[0] = it->where[0] = '\0';
	while ((r = c->state(c, it, cause)) == NNTP_CONTINUE)
		;
	return (r);
}

static double
fetch_nntp_progress(struct fetch_ctx *c)
{
	if (c->high < c->first)
		return (1);
	return ((double)(c->next - c->first) /
	    (double)(c->high - c->first + 1));
}

static void
fetch_nntp_close(struct fetch_ctx *c)
{
	if (c == NULL)
		return;
	if (c->body != NULL)
		mmap_string_free(c->body);
	free(c->over);
	fetch_nntp_hangup(c);
	net_url_free(&c->url);
	free(c);
}

const struct fetch fetch_nntp = {
	"nntp",
	NULL,
	fetch_nntp_next,
	fetch_nntp_progress,
	fetch_nntp_close,
	fetch_nntp_open_live,
	NULL,
	NULL
};
