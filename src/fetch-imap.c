/*
 * IMAP source (libetpan mailimap): LOGIN, EXAMINE (read-only: nothing is
 * ever flagged, moved or deleted), then UID FETCH in two steps: a listing
 * of (UID RFC822.SIZE Message-ID) for everything past the cursor, and
 * BODY.PEEK[] in chunks for the messages not stored yet.  The cursor is
 * "mailbox uidvalidity uid"; a new UIDVALIDITY re-reads the mailbox from
 * UID 1, which costs only the listing since stored Message-IDs are
 * skipped.  public-inbox splits an inbox into mailboxes of 50,000 UIDs,
 * NAME.0, NAME.1, ...: a URL naming NAME follows them all in order.
 * After the end, IDLE waits for news where the server offers it.
 *
 * Answers are read within the limits of net-stream.h, and FETCH data is
 * taken from libetpan as it is parsed (its message and body handlers), so
 * that bodies are measured by the bytes that come, not by the sizes the
 * server announced (a literal announced as 100 bytes brought 637 MB), and
 * no literal is allocated at the size the server claims.  A chunk that
 * overruns what its messages announced is cut off; its messages not yet
 * read are then asked for one at a time on a new connection, and one that
 * still overruns twice max-message-size is skipped with the reason.
 */
#include <ctype.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "buf.h"
#include "config.h"
#include "fetch.h"
#include "log.h"
#include "net.h"
#include "net-stream.h"
#include "text.h"
#include "xmalloc.h"

#define IMAP_CHUNK		100	/* bodies per UID FETCH */
#define IMAP_CHUNK_BYTES	(16 * 1024 * 1024)
#define IMAP_CONTINUE		(-1)	/* a state's "go on", never returned */
/* What a listing may take per message: numbers and a Message-ID header. */
#define IMAP_LIST_BYTES		2048
/* The most of a listed Message-ID header kept. */
#define IMAP_LIST_HEADER	8192
/* What a chunk may take per message beyond twice what they announced. */
#define IMAP_MSG_SLACK		4096
/* max-message-size 0 ("no limit") still bounds what one message may take. */
#define IMAP_MAX_MESSAGE	((size_t)1 << 30)

struct fetch_imap_msg {
	uint32_t	 uid;
	uint32_t	 size;		/* as announced (RFC822.SIZE) */
	unsigned int	 known:1;	/* its Message-ID is stored */
	unsigned int	 asked:1;	/* its body was requested */
	unsigned int	 got:1;		/* its FETCH answer came */
	unsigned int	 suspect:1;	/* in a chunk that overran */
	unsigned int	 cut:1;		/* overran alone: too large */
	char		*body;		/* owned, LF line ends, or NULL */
	size_t		 len;
	size_t		 received;	/* bytes of its body that came */
};

struct fetch_ctx {
	struct net_url		 url;
	struct fetch_live_opts	 o;
	long			 timeout;
	size_t			 max;		/* bytes a message may have */
	mailimap		*imap;
	int			 broken;	/* stream failed: no LOGOUT */
	int			 idling;
	int			(*state)(struct fetch_ctx *,
				    struct fetch_item *, char **);
	int			 sliced;	/* NAME.0, NAME.1, ... */
	unsigned int		 slice;
	long			 last_slice;	/* as last listed */
	char			*box;		/* the selected mailbox */
	uint32_t		 uidvalidity;
	uint32_t		 next_uid;	/* first UID not looked at */
	int			 resync;	/* UIDVALIDITY changed */
	struct fetch_imap_msg	*msgs;		/* the listing, by UID */
	size_t			 nmsgs, msgs_size, at;
	int			 listing;	/* what the handlers receive */
	struct buf		 lit;		/* the body section coming in */
	size_t			 lit_got;	/* its bytes, kept or not */
	size_t			 lit_keep;	/* the most of it kept */
	char			 cursor[512];
	char			*resume_box;
	uint32_t		 resume_validity, resume_uid;
};

static int	fetch_imap_state_list(struct fetch_ctx *, struct fetch_item *,
		    char **);
static int	fetch_imap_state_deliver(struct fetch_ctx *,
		    struct fetch_item *, char **);
static int	fetch_imap_state_redial(struct fetch_ctx *,
		    struct fetch_item *, char **);
static void	fetch_imap_close(struct fetch_ctx *);

static int
fetch_imap_error(struct fetch_ctx *c, const char *what, int r, char **cause)
{
	const char	*text = c->imap->imap_response;
	mailstream	*s = c->imap->imap_stream;

	if (text == NULL)
		text = "";
	/* A limit cuts a read short: libetpan may call that a parse error. */
	if (s != NULL && net_stream_failed(s) != 0)
		r = MAILIMAP_ERROR_STREAM;
	switch (r) {
	case MAILIMAP_ERROR_STREAM:
		c->broken = 1;
		*cause = xasprintf("%s: %s: %s", c->url.host, what,
		    s != NULL ? net_stream_error(s) : "connection lost");
		return (FETCH_TEMP);
	case MAILIMAP_ERROR_FATAL:
	case MAILIMAP_ERROR_PARSE:
	case MAILIMAP_ERROR_PROTOCOL:
		c->broken = 1;
		*cause = xasprintf("%s: %s: %s%s%s", c->url.host, what,
		    r == MAILIMAP_ERROR_FATAL ? "the server hung up" :
		    "protocol error", *text != '\0' ? ": " : "", text);
		return (FETCH_TEMP);
	case MAILIMAP_ERROR_LOGIN:
		*cause = xasprintf("%s: login failed: %s", c->url.host, text);
		return (FETCH_PERM);
	case MAILIMAP_ERROR_EXAMINE:
		*cause = xasprintf("%s: mailbox %s: %s", c->url.host, what,
		    text);
		return (FETCH_PERM);
	default:
		*cause = xasprintf("%s: %s failed (libetpan error %d)%s%s",
		    c->url.host, what, r, *text != '\0' ? ": " : "", text);
		return (FETCH_TEMP);
	}
}

/* The limits of a command that fetches no mail. */
static void
fetch_imap_small(struct fetch_ctx *c)
{
	net_stream_limit(c->imap->imap_stream, NET_STREAM_REPLY,
	    NET_STREAM_LINE);
}

/* "mailbox uidvalidity uid", read from the right: names may have spaces. */
static void
fetch_imap_cursor_parse(struct fetch_ctx *c, const char *cursor)
{
	char	*copy, *uid, *validity;

	if (cursor == NULL)
		return;
	copy = xstrdup(cursor);
	if ((uid = strrchr(copy, ' ')) != NULL) {
		*uid++ = '\0';
		if ((validity = strrchr(copy, ' ')) != NULL) {
			*validity++ = '\0';
			c->resume_box = xstrdup(copy);
			c->resume_validity = (uint32_t)strtoul(validity, NULL,
			    10);
			c->resume_uid = (uint32_t)strtoul(uid, NULL, 10);
		}
	}
	free(copy);
}

/* A FETCH answer's UID, size, and whether it has a body section. */
static void
fetch_imap_att(struct mailimap_msg_att *ma, uint32_t *uid, uint32_t *size,
    int *body)
{
	struct mailimap_msg_att_item	*item;
	struct mailimap_msg_att_static	*st;
	clistiter			*cur;

	*uid = *size = 0;
	*body = 0;
	for (cur = clist_begin(ma->att_list); cur != NULL;
	    cur = clist_next(cur)) {
		item = clist_content(cur);
		if (item->att_type != MAILIMAP_MSG_ATT_ITEM_STATIC)
			continue;
		st = item->att_data.att_static;
		if (st->att_type == MAILIMAP_MSG_ATT_UID)
			*uid = st->att_data.att_uid;
		else if (st->att_type == MAILIMAP_MSG_ATT_RFC822_SIZE)
			*size = st->att_data.att_rfc822_size;
		else if (st->att_type == MAILIMAP_MSG_ATT_BODY_SECTION &&
		    st->att_data.att_body_section != NULL &&
		    st->att_data.att_body_section->sec_body_part != NULL)
			*body = 1;
	}
}

/* The Message-ID in "Message-ID: <id>\r\n", folded or not. */
static void
fetch_imap_header_id(const char *h, size_t len, char *out, size_t outlen)
{
	const char	*p, *end;

	*out = '\0';
	if (h == NULL || (p = memchr(h, ':', len)) == NULL)
		return;
	end = h + len;
	for (p++; p < end && strchr(" \t\r\n<", *p) != NULL; p++)
		;
	len = 0;
	while (p + len < end && strchr("> \t\r\n", p[len]) == NULL)
		len++;
	snprintf(out, outlen, "%.*s", (int)len, p);
}

/* A listed message past the cursor joins the listing. */
static void
fetch_imap_listed(struct fetch_ctx *c, uint32_t uid, uint32_t size)
{
	struct fetch_imap_msg	*m;
	char			 id[256];

	/* "n:*" also answers the last message when n is past it. */
	if (uid < c->next_uid)
		return;
	if (c->nmsgs == c->msgs_size) {
		c->msgs_size = c->msgs_size == 0 ? 64 : c->msgs_size * 2;
		c->msgs = xreallocarray(c->msgs, c->msgs_size,
		    sizeof *c->msgs);
	}
	m = &c->msgs[c->nmsgs++];
	memset(m, 0, sizeof *m);
	m->uid = uid;
	m->size = size;
	/*
	 * Only a re-read skips stored messages unread: one stored from
	 * another list must still be read to count it in this list too (a
	 * cross-post).
	 */
	fetch_imap_header_id(c->lit.data, c->lit.len, id, sizeof id);
	m->known = c->resync && *id != '\0' && c->o.known != NULL &&
	    c->o.known(c->o.arg, id);
}

static int
fetch_imap_msg_cmp(const void *a, const void *b)
{
	uint32_t	x = ((const struct fetch_imap_msg *)a)->uid;
	uint32_t	y = ((const struct fetch_imap_msg *)b)->uid;

	return (x < y ? -1 : x > y);
}

/* A body asked for came: it takes over the literal. */
static void
fetch_imap_received(struct fetch_ctx *c, uint32_t uid, int body)
{
	struct fetch_imap_msg	*m, key;

	if (c->at >= c->nmsgs)
		return;	/* unasked: none is awaited */
	key.uid = uid;
	m = bsearch(&key, c->msgs + c->at, c->nmsgs - c->at, sizeof *c->msgs,
	    fetch_imap_msg_cmp);
	if (m == NULL || !m->asked || m->got)
		return;	/* not asked for, or answered twice */
	m->got = 1;
	m->received = c->lit_got;
	if (!body || c->lit_got > c->lit_keep)
		return;	/* expunged since the listing, or too large */
	m->body = buf_detach(&c->lit, &m->len);
	/* Stored like the archive importer stores mail: LF ends. */
	m->len = text_crlf_to_lf(m->body, m->len);
}

/* libetpan's handler for each FETCH answer, once it is parsed. */
static void
fetch_imap_att_cb(struct mailimap_msg_att *ma, void *arg)
{
	struct fetch_ctx	*c = arg;
	uint32_t		 uid, size;
	int			 body;

	fetch_imap_att(ma, &uid, &size, &body);
	if (uid != 0 && c->listing)
		fetch_imap_listed(c, uid, size);
	else if (uid != 0)
		fetch_imap_received(c, uid, body);
	buf_reset(&c->lit);
	c->lit_got = 0;
}

/*
 * libetpan's handler for body section bytes as they arrive: they are
 * counted, and kept up to lit_keep.
 */
static bool
fetch_imap_body_cb(int type, struct mailimap_msg_att_body_section *section,
    const char *bytes, size_t len, void *arg)
{
	struct fetch_ctx	*c = arg;

	(void)type;
	(void)section;
	c->lit_got += len;
	if (c->lit_got <= c->lit_keep)
		buf_add(&c->lit, bytes, len);
	return (true);
}

/*
 * libetpan parses the greeting and IDLE's "+" line without a parser
 * context, and 1.9.4 dereferences it as soon as it tries to read a string
 * there: "* OK [BADCHARSET (x)]" as a greeting crashed pvbot (a fuzz
 * find, not fixed upstream).  It is shown these lines rewritten to the
 * little it needs: the greeting's kind, IDLE's go-ahead.
 */
/* A greeting's " [CAPABILITY atom ...]", kept when it is only that. */
static void
fetch_imap_greeting_caps(const char *p, size_t len, struct buf *out)
{
	static const char	 code[] = " [CAPABILITY ";
	const char		*start, *end, *q;
	size_t			 n = sizeof code - 1;

	if (len < n || strncasecmp(p, code, n) != 0 ||
	    (end = memchr(p, ']', len)) == NULL)
		return;
	start = p + n;
	for (q = start; q < end; q++)
		if (!isalnum((unsigned char)*q) && memchr(" =+-._", *q, 6) == NULL)
			return;
	buf_addstr(out, "[CAPABILITY ");
	buf_add(out, start, (size_t)(end - start));
	buf_addstr(out, "] ");
}

static int
fetch_imap_greeting_filter(const char *line, size_t len, struct buf *out,
    void *arg)
{
	static const char	*kinds[] = { "OK", "PREAUTH", "BYE" };
	size_t			 i, n = 0;

	(void)arg;
	for (i = 0; i < sizeof kinds / sizeof kinds[0]; i++) {
		n = strlen(kinds[i]);
		if (len >= 2 + n + 1 && memcmp(line, "* ", 2) == 0 &&
		    strncasecmp(line + 2, kinds[i], n) == 0 &&
		    memchr(" \r\n", line[2 + n], 3) != NULL)
			break;
	}
	/* libetpan also leaks the greeting of a BYE: it is refused here. */
	if (i >= 2) {
		buf_addstr(out, i == 2 ? "the server refused the connection" :
		    "not an IMAP greeting");
		return (-1);
	}
	buf_printf(out, "* %s ", kinds[i]);
	fetch_imap_greeting_caps(line + 2 + n, len - 2 - n, out);
	buf_addstr(out, "ready\r\n");
	return (0);
}

static int
fetch_imap_idle_filter(const char *line, size_t len, struct buf *out,
    void *arg)
{
	(void)arg;
	if (len > 0 && *line == '+') {
		buf_addstr(out, "+ idling\r\n");
		return (0);
	}
	buf_add(out, line, len);
	return (1);
}

static void
fetch_imap_progress_cb(size_t done, size_t total, void *arg)
{
	(void)done;
	(void)total;
	(void)arg;
}

static int
fetch_imap_connect(struct fetch_ctx *c, char **cause)
{
	mailstream	*s;
	int		 perm, r;

	s = net_stream_open(&c->url, c->o.source->ca_file, c->timeout,
	    c->o.source->command_timeout, &perm, cause);
	if (s == NULL)
		return (perm ? FETCH_PERM : FETCH_TEMP);
	if ((c->imap = mailimap_new(0, NULL)) == NULL)
		fatalx("%s: mailimap_new", __func__);
	mailimap_set_timeout(c->imap, c->timeout);
	/* libetpan calls the message handler only with a progress one. */
	mailimap_set_progress_callback(c->imap, NULL, fetch_imap_progress_cb,
	    NULL);
	mailimap_set_msg_att_handler(c->imap, fetch_imap_att_cb, c);
	mailimap_set_msg_body_handler(c->imap, fetch_imap_body_cb, c);
	net_stream_filter(s, fetch_imap_greeting_filter, NULL);
	r = mailimap_connect(c->imap, s);
	if (r != MAILIMAP_NO_ERROR_AUTHENTICATED &&
	    r != MAILIMAP_NO_ERROR_NON_AUTHENTICATED)
		return (fetch_imap_error(c, "greeting", r, cause));
	return (FETCH_OK);
}

/*
 * LOGIN with the configured credentials.  Without any, public-inbox
 * style servers take any name: "anonymous" is sent.
 */
static int
fetch_imap_login(struct fetch_ctx *c, char **cause)
{
	char	*user, *pass, *why;
	int	 r, anon;

	if (c->imap->imap_state == MAILIMAP_STATE_AUTHENTICATED)
		return (FETCH_OK);	/* PREAUTH */
	if (net_credentials(c->o.source, &c->url, &user, &pass, cause) != 0)
		return (FETCH_PERM);
	anon = pass == NULL;
	if (!anon && user == NULL) {
		net_password_free(pass);
		*cause = xstrdup("credentials without a user (set 'user', "
		    "user@ in the URL, or write user:password)");
		return (FETCH_PERM);
	}
	fetch_imap_small(c);
	r = mailimap_login(c->imap, user != NULL ? user : "anonymous",
	    pass != NULL ? pass : "anonymous");
	free(user);
	net_password_free(pass);
	if (r != MAILIMAP_NO_ERROR) {
		r = fetch_imap_error(c, "LOGIN", r, cause);
		if (anon && r == FETCH_PERM) {
			why = *cause;
			*cause = xasprintf("%s (no credentials-file or "
			    "credentials-env configured)", why);
			free(why);
		}
		return (r);
	}
	/*
	 * IDLE is looked up in the capabilities; some servers send none.
	 * Not mailimap_capability: it dereferences NULL when the server
	 * answers OK without them (a fuzz find).
	 */
	if (c->imap->imap_connection_info == NULL ||
	    c->imap->imap_connection_info->imap_capability == NULL) {
		fetch_imap_small(c);
		r = mailimap_custom_command(c->imap, "CAPABILITY");
		if (r != MAILIMAP_NO_ERROR)
			return (fetch_imap_error(c, "CAPABILITY", r, cause));
	}
	return (FETCH_OK);
}

/* NAME.N's N when box is a slice of base, else -1. */
static long
fetch_imap_slice_of(const char *box, const char *base)
{
	size_t	len = strlen(base);

	if (strncmp(box, base, len) != 0 || box[len] != '.' ||
	    box[len + 1] == '\0' ||
	    strspn(box + len + 1, "0123456789") != strlen(box + len + 1))
		return (-1);
	return (strtol(box + len + 1, NULL, 10));
}

/* Whether a name is a slice itself: it ends in ".N". */
static int
fetch_imap_is_slice(const char *box)
{
	const char	*dot = strrchr(box, '.');

	return (dot != NULL && dot[1] != '\0' &&
	    strspn(dot + 1, "0123456789") == strlen(dot + 1));
}

/* The lowest and highest slice of the URL's inbox; -1 when none. */
static int
fetch_imap_slices(struct fetch_ctx *c, long *min, long *max, char **cause)
{
	struct mailimap_mailbox_list	*mb;
	clistiter			*cur;
	clist				*l = NULL;
	char				*pattern;
	long				 n;
	int				 r;

	*min = *max = -1;
	pattern = xasprintf("%s.%%", c->url.path);
	fetch_imap_small(c);
	r = mailimap_list(c->imap, "", pattern, &l);
	free(pattern);
	if (r == MAILIMAP_ERROR_LIST)
		return (FETCH_OK);	/* no such hierarchy */
	if (r != MAILIMAP_NO_ERROR)
		return (fetch_imap_error(c, "LIST", r, cause));
	for (cur = clist_begin(l); cur != NULL; cur = clist_next(cur)) {
		mb = clist_content(cur);
		if ((n = fetch_imap_slice_of(mb->mb_name, c->url.path)) < 0)
			continue;
		if (*min == -1 || n < *min)
			*min = n;
		if (n > *max)
			*max = n;
	}
	mailimap_list_result_free(l);
	return (FETCH_OK);
}

/* EXAMINE box and find where to start in it from the cursor. */
static int
fetch_imap_examine(struct fetch_ctx *c, const char *box, char **cause)
{
	int	r;

	fetch_imap_small(c);
	if ((r = mailimap_examine(c->imap, box)) != MAILIMAP_NO_ERROR)
		return (fetch_imap_error(c, box, r, cause));
	free(c->box);
	c->box = xstrdup(box);
	c->uidvalidity = c->imap->imap_selection_info->sel_uidvalidity;
	c->next_uid = 1;
	snprintf(c->cursor, sizeof c->cursor, "%s %u 0", box, c->uidvalidity);
	if (c->resume_box == NULL || strcmp(c->resume_box, box) != 0)
		return (FETCH_OK);
	if (c->resume_validity == c->uidvalidity) {
		c->next_uid = c->resume_uid + 1;
		snprintf(c->cursor, sizeof c->cursor, "%s %u %u", box,
		    c->uidvalidity, c->resume_uid);
	} else {
		log_info("%s: %s: UIDVALIDITY changed from %u to %u: "
		    "re-reading it (stored messages are skipped)",
		    c->o.source->name, box, c->resume_validity,
		    c->uidvalidity);
		c->resync = 1;
	}
	return (FETCH_OK);
}

/* The mailbox to start with: the URL's, or its cursor's or first slice. */
static int
fetch_imap_select(struct fetch_ctx *c, char **cause)
{
	long	 min, max = -1, at;
	char	*box;
	int	 r;

	if (fetch_imap_is_slice(c->url.path) ||
	    strchr(c->url.path, '.') == NULL)
		min = -1;	/* INBOX, or NAME.N: one mailbox */
	else if ((r = fetch_imap_slices(c, &min, &max, cause)) != FETCH_OK)
		return (r);
	if (min < 0)
		return (fetch_imap_examine(c, c->url.path, cause));
	c->sliced = 1;
	c->last_slice = max;
	at = c->resume_box != NULL ?
	    fetch_imap_slice_of(c->resume_box, c->url.path) : -1;
	c->slice = (unsigned int)(at >= min ? at : min);
	box = xasprintf("%s.%u", c->url.path, c->slice);
	r = fetch_imap_examine(c, box, cause);
	free(box);
	return (r);
}

static int
fetch_imap_open_live(struct fetch_ctx **out, const struct fetch_live_opts *o,
    const char *cursor, char **cause)
{
	struct fetch_ctx	*c;
	int			 r;

	c = xcalloc(1, sizeof *c);
	c->o = *o;
	c->timeout = o->source->timeout > 0 ? o->source->timeout : 60;
	c->max = o->max > 0 ? o->max : IMAP_MAX_MESSAGE;
	buf_init(&c->lit);
	if (net_url_parse(o->source->url, &c->url, cause) != 0) {
		r = FETCH_PERM;
		goto fail;
	}
	fetch_imap_cursor_parse(c, cursor);
	if ((r = fetch_imap_connect(c, cause)) != FETCH_OK ||
	    (r = fetch_imap_login(c, cause)) != FETCH_OK ||
	    (r = fetch_imap_select(c, cause)) != FETCH_OK)
		goto fail;
	c->state = fetch_imap_state_list;
	*out = c;
	return (FETCH_OK);
fail:
	fetch_imap_close(c);
	return (r);
}

/* Drop the connection; LOGOUT only when it is in step. */
static void
fetch_imap_hangup(struct fetch_ctx *c)
{
	if (c->imap == NULL)
		return;
	if ((c->broken || c->idling) && c->imap->imap_stream != NULL) {
		mailstream_close(c->imap->imap_stream);
		c->imap->imap_stream = NULL;
	}
	mailimap_free(c->imap);
	c->imap = NULL;
	c->broken = c->idling = 0;
}

/* Forget the listing and the bodies not handed out. */
static void
fetch_imap_msgs_free(struct fetch_ctx *c)
{
	size_t	i;

	for (i = 0; i < c->nmsgs; i++)
		free(c->msgs[i].body);
	free(c->msgs);
	c->msgs = NULL;
	c->nmsgs = c->msgs_size = c->at = 0;
}

static struct mailimap_fetch_type *
fetch_imap_type(int listing)
{
	struct mailimap_fetch_type	*ft;
	struct mailimap_section		*sec;
	clist				*hdrs;

	ft = mailimap_fetch_type_new_fetch_att_list_empty();
	mailimap_fetch_type_new_fetch_att_list_add(ft,
	    mailimap_fetch_att_new_uid());
	if (listing) {
		hdrs = clist_new();
		clist_append(hdrs, xstrdup("MESSAGE-ID"));
		sec = mailimap_section_new_header_fields(
		    mailimap_header_list_new(hdrs));
		mailimap_fetch_type_new_fetch_att_list_add(ft,
		    mailimap_fetch_att_new_rfc822_size());
	} else
		sec = mailimap_section_new(NULL);
	/* PEEK: reading must never set \Seen. */
	mailimap_fetch_type_new_fetch_att_list_add(ft,
	    mailimap_fetch_att_new_body_peek_section(sec));
	return (ft);
}

/* UID FETCH set, its answers going to the handlers. */
static int
fetch_imap_uid_fetch(struct fetch_ctx *c, struct mailimap_set *set,
    int listing)
{
	struct mailimap_fetch_type	*ft = fetch_imap_type(listing);
	clist				*res = NULL;
	int				 r;

	c->listing = listing;
	c->lit_keep = listing ? IMAP_LIST_HEADER : 2 * c->max;
	buf_reset(&c->lit);
	c->lit_got = 0;
	r = mailimap_uid_fetch(c->imap, set, ft, &res);
	mailimap_fetch_type_free(ft);
	if (res != NULL)
		mailimap_fetch_list_free(res);
	buf_release(&c->lit);
	buf_init(&c->lit);
	return (r);
}

/* The listing came back empty: the next slice, or the end. */
static int
fetch_imap_list_empty(struct fetch_ctx *c, struct fetch_item *it,
    char **cause)
{
	long	 min, max;
	char	*box;
	int	 r;

	if (c->sliced) {
		if ((r = fetch_imap_slices(c, &min, &max, cause)) != FETCH_OK)
			return (r);
		c->last_slice = max;
		if ((long)c->slice < max) {
			box = xasprintf("%s.%u", c->url.path, ++c->slice);
			r = fetch_imap_examine(c, box, cause);
			free(box);
			return (r == FETCH_OK ? IMAP_CONTINUE : r);
		}
	}
	memcpy(it->cursor, c->cursor, sizeof it->cursor);
	return (FETCH_END);
}

/*
 * List UID, size and Message-ID of everything past the cursor, within
 * IMAP_LIST_BYTES a message in the mailbox.
 */
static int
fetch_imap_state_list(struct fetch_ctx *c, struct fetch_item *it,
    char **cause)
{
	struct mailimap_set	*set;
	size_t			 exists;
	int			 r;

	fetch_imap_msgs_free(c);
	/* An empty mailbox has no "*": some servers refuse the command. */
	if ((exists = c->imap->imap_selection_info->sel_exists) == 0)
		return (fetch_imap_list_empty(c, it, cause));
	net_stream_limit(c->imap->imap_stream, (exists + 1) *
	    IMAP_LIST_BYTES + NET_STREAM_REPLY, NET_STREAM_LINE);
	set = mailimap_set_new_interval(c->next_uid, 0);
	r = fetch_imap_uid_fetch(c, set, 1);
	mailimap_set_free(set);
	if (r != MAILIMAP_NO_ERROR)
		return (fetch_imap_error(c, "UID FETCH", r, cause));
	c->resync = 0;	/* later listings hold new mail only */
	if (c->nmsgs == 0)
		return (fetch_imap_list_empty(c, it, cause));
	qsort(c->msgs, c->nmsgs, sizeof *c->msgs, fetch_imap_msg_cmp);
	c->state = fetch_imap_state_deliver;
	return (IMAP_CONTINUE);
}

static int
fetch_imap_wanted(const struct fetch_ctx *c, const struct fetch_imap_msg *m)
{
	return (!m->known && !m->asked && !m->cut && m->size <= c->max);
}

/*
 * The wanted messages from at on, up to a chunk; a suspect goes alone.
 * Returns the bytes the chunk may take.
 */
static size_t
fetch_imap_chunk_set(struct fetch_ctx *c, struct mailimap_set *set)
{
	struct fetch_imap_msg	*m;
	size_t			 i, n = 0, bytes = 0;

	for (i = c->at; i < c->nmsgs && n < IMAP_CHUNK &&
	    bytes < IMAP_CHUNK_BYTES; i++) {
		m = &c->msgs[i];
		if (!fetch_imap_wanted(c, m))
			continue;
		if (m->suspect && n > 0)
			break;
		mailimap_set_add_single(set, m->uid);
		m->asked = 1;
		bytes += m->size;
		n++;
		if (m->suspect)	/* alone, with all max allows */
			return (2 * c->max + NET_STREAM_REPLY);
	}
	return (2 * bytes + n * IMAP_MSG_SLACK + NET_STREAM_REPLY);
}

/*
 * A chunk overran its limit: its messages not read are asked for again
 * alone (a suspect that overran alone is too large) on a new connection.
 */
static void
fetch_imap_overrun(struct fetch_ctx *c)
{
	struct fetch_imap_msg	*m;
	size_t			 i;

	for (i = c->at; i < c->nmsgs; i++) {
		m = &c->msgs[i];
		if (!m->asked || m->got)
			continue;
		m->asked = 0;
		if (m->suspect) {
			m->cut = 1;
			m->received = net_stream_received(c->imap->imap_stream);
		}
		m->suspect = 1;
	}
	c->state = fetch_imap_state_redial;
}

/* Fetch the bodies of the next chunk of wanted messages from at on. */
static int
fetch_imap_chunk(struct fetch_ctx *c, char **cause)
{
	struct mailimap_set	*set = mailimap_set_new_empty();
	mailstream		*s = c->imap->imap_stream;
	size_t			 limit;
	int			 r, why;

	limit = fetch_imap_chunk_set(c, set);
	/* A literal has no line ends to count: the limit is the bytes. */
	net_stream_limit(s, limit, limit);
	r = fetch_imap_uid_fetch(c, set, 0);
	mailimap_set_free(set);
	why = net_stream_failed(s);
	if (why == NET_STREAM_BYTES || why == NET_STREAM_LONG_LINE) {
		c->broken = 1;
		fetch_imap_overrun(c);
		return (FETCH_OK);
	}
	if (r != MAILIMAP_NO_ERROR)
		return (fetch_imap_error(c, "UID FETCH", r, cause));
	return (FETCH_OK);
}

/* The skip for a message too large by what came. */
static int
fetch_imap_too_large(struct fetch_ctx *c, const struct fetch_imap_msg *m,
    struct fetch_item *it)
{
	snprintf(it->reason, sizeof it->reason, "message too large (%s%zu "
	    "bytes received, %u announced, limit %zu)", m->cut ? "over " : "",
	    m->received, m->size, c->max);
	return (FETCH_SKIP);
}

/* Hand out the listed messages in UID order. */
static int
fetch_imap_state_deliver(struct fetch_ctx *c, struct fetch_item *it,
    char **cause)
{
	struct fetch_imap_msg	*m;
	int			 r;

	if (c->at > 0) {	/* the last item's body was borrowed */
		free(c->msgs[c->at - 1].body);
		c->msgs[c->at - 1].body = NULL;
	}
	if (c->at == c->nmsgs) {	/* list again: mail came meanwhile? */
		c->state = fetch_imap_state_list;
		return (IMAP_CONTINUE);
	}
	m = &c->msgs[c->at];
	if (fetch_imap_wanted(c, m) &&
	    (r = fetch_imap_chunk(c, cause)) != FETCH_OK)
		return (r);
	if (!m->got && !m->cut && c->state == fetch_imap_state_redial)
		return (IMAP_CONTINUE);	/* cut off: asked again, alone */
	c->at++;
	c->next_uid = m->uid + 1;
	snprintf(c->cursor, sizeof c->cursor, "%s %u %u", c->box,
	    c->uidvalidity, m->uid);
	if (m->known)
		return (IMAP_CONTINUE);
	snprintf(it->where, sizeof it->where, "%s;UIDVALIDITY=%u;UID=%u",
	    c->o.source->url, c->uidvalidity, m->uid);
	memcpy(it->cursor, c->cursor, sizeof it->cursor);
	if (m->size > c->max) {
		snprintf(it->reason, sizeof it->reason, "message too large "
		    "(%u bytes, limit %zu)", m->size, c->max);
		return (FETCH_SKIP);
	}
	if (m->cut || m->received > 2 * c->max || m->len > c->max)
		return (fetch_imap_too_large(c, m, it));
	if (m->body == NULL)
		return (IMAP_CONTINUE);	/* expunged since the listing */
	it->data = m->body;
	it->len = m->len;
	it->envelope_date = 0;
	return (FETCH_OK);
}

/*
 * After a chunk was cut off: a new connection to the same mailbox.  If
 * its UIDVALIDITY changed meanwhile, it is re-read as on any change.
 */
static int
fetch_imap_state_redial(struct fetch_ctx *c, struct fetch_item *it,
    char **cause)
{
	uint32_t	was = c->uidvalidity;
	int		r;

	(void)it;
	fetch_imap_hangup(c);
	if ((r = fetch_imap_connect(c, cause)) != FETCH_OK ||
	    (r = fetch_imap_login(c, cause)) != FETCH_OK)
		return (r);
	fetch_imap_small(c);
	if ((r = mailimap_examine(c->imap, c->box)) != MAILIMAP_NO_ERROR)
		return (fetch_imap_error(c, c->box, r, cause));
	c->uidvalidity = c->imap->imap_selection_info->sel_uidvalidity;
	c->state = fetch_imap_state_deliver;
	if (c->uidvalidity == was)
		return (IMAP_CONTINUE);
	log_info("%s: %s: UIDVALIDITY changed from %u to %u: re-reading it "
	    "(stored messages are skipped)", c->o.source->name, c->box, was,
	    c->uidvalidity);
	c->resync = 1;
	c->next_uid = 1;
	c->state = fetch_imap_state_list;
	return (IMAP_CONTINUE);
}

static int
fetch_imap_next(struct fetch_ctx *c, struct fetch_item *it, char **cause)
{
	int	r;

	it->cursor[0] = it->reason[0] = it->where[0] = '\0';
	while ((r = c->state(c, it, cause)) == IMAP_CONTINUE)
		;
	return (r);
}

/* Within the mailbox; a sliced inbox counts its later slices as full. */
static double
fetch_imap_progress(struct fetch_ctx *c)
{
	double	in = c->nmsgs > 0 ? (double)c->at / (double)c->nmsgs : 0;

	if (c->sliced && c->last_slice > 0)
		return (((double)c->slice + in) / (double)(c->last_slice + 1));
	return (c->nmsgs > 0 ? in : -1);
}

static int
fetch_imap_idle(struct fetch_ctx *c, int *fd, char **cause)
{
	int	r;

	if (!c->o.source->idle || !mailimap_has_idle(c->imap))
		return (FETCH_END);
	fetch_imap_small(c);
	net_stream_filter(c->imap->imap_stream, fetch_imap_idle_filter, NULL);
	r = mailimap_idle(c->imap);
	net_stream_filter(c->imap->imap_stream, NULL, NULL);
	if (r != MAILIMAP_NO_ERROR)
		return (fetch_imap_error(c, "IDLE", r, cause));
	c->idling = 1;
	*fd = mailimap_idle_get_fd(c->imap);
	/* What is read already never makes the fd readable. */
	if (net_stream_pending(c->imap->imap_stream))
		*fd = -1;
	return (FETCH_OK);
}

static int
fetch_imap_idle_done(struct fetch_ctx *c, char **cause)
{
	int	r;

	if (!c->idling)
		return (FETCH_OK);
	c->idling = 0;
	fetch_imap_small(c);
	if ((r = mailimap_idle_done(c->imap)) != MAILIMAP_NO_ERROR)
		return (fetch_imap_error(c, "IDLE", r, cause));
	c->state = fetch_imap_state_list;
	return (FETCH_OK);
}

static void
fetch_imap_close(struct fetch_ctx *c)
{
	if (c == NULL)
		return;
	fetch_imap_hangup(c);
	net_url_free(&c->url);
	fetch_imap_msgs_free(c);
	buf_release(&c->lit);
	free(c->box);
	free(c->resume_box);
	free(c);
}

const struct fetch fetch_imap = {
	"imap",
	NULL,
	fetch_imap_next,
	fetch_imap_progress,
	fetch_imap_close,
	fetch_imap_open_live,
	fetch_imap_idle,
	fetch_imap_idle_done
};

const struct fetch *
fetch_for_url(const char *url)
{
	if (strncasecmp(url, "imap://", 7) == 0 ||
	    strncasecmp(url, "imaps://", 8) == 0)
		return (&fetch_imap);
	if (strncasecmp(url, "nntp://", 7) == 0 ||
	    strncasecmp(url, "nntps://", 8) == 0)
		return (&fetch_nntp);
	return (NULL);
}
