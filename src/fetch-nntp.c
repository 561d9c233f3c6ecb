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
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "fetch.h"
#include "log.h"
#include "net.h"
#include "text.h"
#include "xmalloc.h"

#define NNTP_OVER_BATCH	1000	/* articles per XOVER */
#define NNTP_OVERLAP	100	/* looked at again after a reconnect */
#define NNTP_WINDOW	16	/* ARTICLE commands sent ahead */
#define NNTP_WINDOW_BYTES (8 * 1024 * 1024)	/* ... and their sizes */
#define NNTP_SLOTS	64	/* overview entries looked at ahead */
#define NNTP_CONTINUE	(-1)	/* a state's "go on", never returned */

/* An overview entry on its way to being handed out. */
struct fetch_nntp_art {
	struct newsnntp_xover_resp_item	*ov;	/* borrowed from over */
	enum {
		NNTP_FETCH,			/* ARTICLE was sent */
		NNTP_KNOWN,			/* stored: skipped unread */
		NNTP_LARGE			/* over max: skipped */
	}				 kind;
};

struct fetch_ctx {
	struct net_url		 url;
	struct fetch_live_opts	 o;
	long			 timeout;
	newsnntp		*nntp;
	int			 broken;	/* stream failed: no QUIT */
	int			(*state)(struct fetch_ctx *,
				    struct fetch_item *, char **);
	uint32_t		 low, high;	/* the group's range */
	uint32_t		 first;		/* where this pass began */
	uint32_t		 next;		/* next article to look at */
	uint32_t		 batch_end;	/* last of the XOVER batch */
	uint32_t		 known_upto;	/* re-read: skip stored ones */
	clist			*over;		/* XOVER batch */
	clistiter		*it;
	struct fetch_nntp_art	 win[NNTP_SLOTS];	/* pipelined */
	size_t			 nwin, iwin;
	MMAPString		*body;		/* held by the last item */
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

/* Map a libetpan error to FETCH_TEMP or FETCH_PERM with a cause. */
static int
fetch_nntp_error(struct fetch_ctx *c, const char *what, int r, char **cause)
{
	const char	*text = c->nntp->nntp_response;

	switch (r) {
	case NEWSNNTP_ERROR_STREAM:
	case NEWSNNTP_ERROR_MEMORY:	/* also a multi-line read cut short */
		c->broken = 1;
		*cause = xasprintf("%s: %s: connection lost", c->url.host,
		    what);
		return (FETCH_TEMP);
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

/* "<id>" from an overview line, without brackets or blanks. */
static void
fetch_nntp_strip_id(const char *in, char *out, size_t len)
{
	if (in == NULL)
		in = "";
	in += strspn(in, " \t<");
	snprintf(out, len, "%.*s", (int)strcspn(in, "> \t"), in);
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

	s = net_open(&c->url, c->o.source->ca_file, c->timeout, &perm, cause);
	if (s == NULL)
		return (perm ? FETCH_PERM : FETCH_TEMP);
	if ((c->nntp = newsnntp_new(0, NULL)) == NULL)
		fatalx("%s: newsnntp_new", __func__);
	newsnntp_set_timeout(c->nntp, c->timeout);
	if ((r = newsnntp_connect(c->nntp, s)) != NEWSNNTP_NO_ERROR) {
		/* libetpan drops the stream on an unexpected greeting. */
		if (c->nntp->nntp_stream == NULL)
			mailstream_close(s);
		c->broken = 1;
		*cause = xasprintf("%s: no NNTP greeting", c->url.host);
		return (FETCH_TEMP);
	}
	/* Readers need it on some servers; others refuse it harmlessly. */
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
	r = newsnntp_authinfo_username(c->nntp, user);
	if (r == NEWSNNTP_WARNING_REQUEST_AUTHORIZATION_PASSWORD)
		r = newsnntp_authinfo_password(c->nntp, pass);
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

/* Article num's Message-ID: 0 found, 1 no such article, or FETCH_TEMP. */
static int
fetch_nntp_id_of(struct fetch_ctx *c, uint32_t num, char *id, size_t len,
    char **cause)
{
	struct newsnntp_xover_resp_item	*ov;
	clist				*l = NULL;
	int				 r;

	r = newsnntp_xover_range(c->nntp, num, num, &l);
	if (r == NEWSNNTP_ERROR_UNEXPECTED_RESPONSE)
		return (1);	/* 423: no such article */
	if (r == NEWSNNTP_NO_ERROR && l == NULL)
		r = NEWSNNTP_ERROR_STREAM;
	if (r != NEWSNNTP_NO_ERROR)
		return (fetch_nntp_error(c, "XOVER", r, cause));
	ov = clist_begin(l) != NULL ? clist_content(clist_begin(l)) : NULL;
	r = ov == NULL || ov->ovr_article != num;
	if (!r)
		fetch_nntp_strip_id(ov->ovr_message_id, id, len);
	newsnntp_xover_resp_list_free(l);
	return (r);
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

static int
fetch_nntp_open_live(struct fetch_ctx **out, const struct fetch_live_opts *o,
    const char *cursor, char **cause)
{
	struct fetch_ctx	*c;
	int			 r;

	c = xcalloc(1, sizeof *c);
	c->o = *o;
	c->timeout = o->source->timeout > 0 ? o->source->timeout : 60;
	if ((c->body = mmap_string_new("")) == NULL)
		fatalx("%s: mmap_string_new", __func__);
	if (net_url_parse(o->source->url, &c->url, cause) != 0) {
		r = FETCH_PERM;
		goto fail;
	}
	fetch_nntp_cursor_parse(c, cursor);
	if ((r = fetch_nntp_connect(c, cause)) != FETCH_OK ||
	    (r = fetch_nntp_login(c, cause)) != FETCH_OK ||
	    (r = fetch_nntp_group(c, cause)) != FETCH_OK ||
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
fetch_nntp_known(struct fetch_ctx *c, struct newsnntp_xover_resp_item *ov)
{
	char	id[256];

	/*
	 * Only what this source gave before is skipped unread: an article
	 * stored from another list must still be read to count it in this
	 * list too (a cross-post).
	 */
	if (ov->ovr_article > c->known_upto || c->o.known == NULL)
		return (0);
	fetch_nntp_strip_id(ov->ovr_message_id, id, sizeof id);
	return (*id != '\0' && c->o.known(c->o.arg, id));
}

/*
 * Send ARTICLE for every wanted entry of the window at once: one round
 * trip for the window instead of one per article, which is what makes a
 * backfill over a long path (lore from afar) bearable.  RFC 3977 3.5.
 */
static int
fetch_nntp_send(struct fetch_ctx *c, char **cause)
{
	mailstream	*s = c->nntp->nntp_stream;
	char		 cmd[32];
	size_t		 i;
	int		 len;

	for (i = 0; i < c->nwin; i++) {
		if (c->win[i].kind != NNTP_FETCH)
			continue;
		len = snprintf(cmd, sizeof cmd, "ARTICLE %u\r\n",
		    c->win[i].ov->ovr_article);
		if (mailstream_write(s, cmd, (size_t)len) == -1)
			return (fetch_nntp_error(c, "ARTICLE",
			    NEWSNNTP_ERROR_STREAM, cause));
	}
	if (mailstream_flush(s) == -1)
		return (fetch_nntp_error(c, "ARTICLE", NEWSNNTP_ERROR_STREAM,
		    cause));
	return (FETCH_OK);
}

/* The next overview entries, up to NNTP_WINDOW articles to download. */
static int
fetch_nntp_state_fill(struct fetch_ctx *c, struct fetch_item *it,
    char **cause)
{
	struct newsnntp_xover_resp_item	*ov;
	struct fetch_nntp_art		*a;
	size_t				 want = 0, bytes = 0;

	(void)it;
	c->nwin = c->iwin = 0;
	while (c->it != NULL && c->nwin < NNTP_SLOTS && want < NNTP_WINDOW &&
	    bytes < NNTP_WINDOW_BYTES) {
		ov = clist_content(c->it);
		c->it = clist_next(c->it);
		if (ov == NULL || ov->ovr_article < c->next ||
		    ov->ovr_article > c->batch_end)
			continue;
		a = &c->win[c->nwin++];
		a->ov = ov;
		if (fetch_nntp_known(c, ov))
			a->kind = NNTP_KNOWN;
		else if (c->o.max > 0 && ov->ovr_size > c->o.max)
			a->kind = NNTP_LARGE;
		else {
			a->kind = NNTP_FETCH;
			want++;
			bytes += ov->ovr_size;
		}
	}
	if (c->nwin == 0) {	/* the batch is done */
		newsnntp_xover_resp_list_free(c->over);
		c->over = NULL;
		c->next = c->batch_end + 1;
		c->state = fetch_nntp_state_over;
		return (NNTP_CONTINUE);
	}
	if (want > 0 && fetch_nntp_send(c, cause) != FETCH_OK)
		return (FETCH_TEMP);
	c->state = fetch_nntp_state_article;
	return (NNTP_CONTINUE);
}

/* Read the answer to one pipelined ARTICLE: 1 if it came, 0 if gone. */
static int
fetch_nntp_read(struct fetch_ctx *c, char **cause)
{
	mailstream	*s = c->nntp->nntp_stream;
	char		*line;
	long		 code;

	line = mailstream_read_line_remove_eol(s, c->nntp->nntp_stream_buffer);
	if (line == NULL)
		return (fetch_nntp_error(c, "ARTICLE", NEWSNNTP_ERROR_STREAM,
		    cause));
	code = strtol(line, NULL, 10);
	if (code == 423 || code == 430)
		return (0);	/* gone since its overview */
	if (code != 220) {
		c->broken = 1;	/* the answers to come are out of step */
		*cause = xasprintf("%s: ARTICLE: unexpected reply: %.200s",
		    c->url.host, line);
		return (FETCH_TEMP);
	}
	if (mailstream_read_multiline(s, 0, c->nntp->nntp_stream_buffer,
	    c->body, 0, NULL, NULL, NULL) == NULL)
		return (fetch_nntp_error(c, "ARTICLE", NEWSNNTP_ERROR_STREAM,
		    cause));
	return (1);
}

/* Hand out the window's entries in order. */
static int
fetch_nntp_state_article(struct fetch_ctx *c, struct fetch_item *it,
    char **cause)
{
	struct fetch_nntp_art	*a;
	char			 id[256];
	int			 r;

	if (c->iwin == c->nwin) {
		c->state = fetch_nntp_state_fill;
		return (NNTP_CONTINUE);
	}
	a = &c->win[c->iwin++];
	fetch_nntp_strip_id(a->ov->ovr_message_id, id, sizeof id);
	snprintf(c->cursor, sizeof c->cursor, "%s %u %s", c->url.path,
	    a->ov->ovr_article, *id != '\0' ? id : "-");
	if (a->kind == NNTP_KNOWN)
		return (NNTP_CONTINUE);
	snprintf(it->where, sizeof it->where, "%s:%u", c->o.source->url,
	    a->ov->ovr_article);
	memcpy(it->cursor, c->cursor, sizeof it->cursor);
	if (a->kind == NNTP_LARGE) {
		snprintf(it->reason, sizeof it->reason, "message too large "
		    "(%zu bytes, limit %zu)", a->ov->ovr_size, c->o.max);
		return (FETCH_SKIP);
	}
	if ((r = fetch_nntp_read(c, cause)) != 1)
		return (r == 0 ? NNTP_CONTINUE : r);
	/* Stored like the archive importer stores mail: LF line ends. */
	it->data = c->body->str;
	it->len = text_crlf_to_lf(c->body->str, c->body->len);
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
	r = newsnntp_xover_range(c->nntp, c->next, c->batch_end, &c->over);
	if (r == NEWSNNTP_ERROR_UNEXPECTED_RESPONSE) {
		c->over = NULL;	/* 423: a gap with no articles at all */
		c->next = c->batch_end + 1;
		return (NNTP_CONTINUE);
	}
	/* libetpan reports a list cut short as success with no list. */
	if (r == NEWSNNTP_NO_ERROR && c->over == NULL)
		r = NEWSNNTP_ERROR_STREAM;
	if (r != NEWSNNTP_NO_ERROR)
		return (fetch_nntp_error(c, "XOVER", r, cause));
	c->it = clist_begin(c->over);
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
	if (c->over != NULL)
		newsnntp_xover_resp_list_free(c->over);
	if (c->nntp != NULL) {
		/* newsnntp_free sends QUIT: not on a dead connection. */
		if (c->broken && c->nntp->nntp_stream != NULL) {
			mailstream_close(c->nntp->nntp_stream);
			c->nntp->nntp_stream = NULL;
		}
		newsnntp_free(c->nntp);
	}
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
