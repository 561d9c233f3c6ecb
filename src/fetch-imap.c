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
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "config.h"
#include "fetch.h"
#include "log.h"
#include "net.h"
#include "text.h"
#include "xmalloc.h"

#define IMAP_CHUNK		100	/* bodies per UID FETCH */
#define IMAP_CHUNK_BYTES	(16 * 1024 * 1024)
#define IMAP_CONTINUE		(-1)	/* a state's "go on", never returned */

struct fetch_imap_msg {
	uint32_t	 uid;
	uint32_t	 size;
	int		 known;		/* its Message-ID is stored */
	int		 asked;		/* its body was requested */
	char		*body;		/* borrowed from bodies, or NULL */
	size_t		 len;
};

struct fetch_ctx {
	struct net_url		 url;
	struct fetch_live_opts	 o;
	long			 timeout;
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
	size_t			 nmsgs, at;
	clist			*bodies;	/* the chunk's FETCH data */
	char			 cursor[512];
	char			*resume_box;
	uint32_t		 resume_validity, resume_uid;
};

static int	fetch_imap_state_list(struct fetch_ctx *, struct fetch_item *,
		    char **);
static int	fetch_imap_state_deliver(struct fetch_ctx *,
		    struct fetch_item *, char **);
static void	fetch_imap_close(struct fetch_ctx *);

static int
fetch_imap_error(struct fetch_ctx *c, const char *what, int r, char **cause)
{
	const char	*text = c->imap->imap_response;

	if (text == NULL)
		text = "";
	switch (r) {
	case MAILIMAP_ERROR_STREAM:
		c->broken = 1;
		*cause = xasprintf("%s: %s: connection lost", c->url.host,
		    what);
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

static int
fetch_imap_connect(struct fetch_ctx *c, char **cause)
{
	mailstream	*s;
	int		 perm, r;

	s = net_open(&c->url, c->o.source->ca_file, c->timeout, &perm, cause);
	if (s == NULL)
		return (perm ? FETCH_PERM : FETCH_TEMP);
	if ((c->imap = mailimap_new(0, NULL)) == NULL)
		fatalx("%s: mailimap_new", __func__);
	mailimap_set_timeout(c->imap, c->timeout);
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
	struct mailimap_capability_data	*cap = NULL;
	char				*user, *pass, *why;
	int				 r, anon;

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
	/* IDLE is looked up in the capabilities; some servers send none. */
	if (c->imap->imap_connection_info == NULL ||
	    c->imap->imap_connection_info->imap_capability == NULL) {
		r = mailimap_capability(c->imap, &cap);
		if (r != MAILIMAP_NO_ERROR)
			return (fetch_imap_error(c, "CAPABILITY", r, cause));
		mailimap_capability_data_free(cap);
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

/* A FETCH response's UID, size and body section. */
static void
fetch_imap_att(struct mailimap_msg_att *ma, uint32_t *uid, uint32_t *size,
    char **data, size_t *len)
{
	struct mailimap_msg_att_item	*item;
	struct mailimap_msg_att_static	*st;
	clistiter			*cur;

	*uid = *size = 0;
	*data = NULL;
	*len = 0;
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
		    st->att_data.att_body_section != NULL) {
			*data = st->att_data.att_body_section->sec_body_part;
			*len = st->att_data.att_body_section->sec_length;
		}
	}
}

/* The Message-ID in "Message-ID: <id>\r\n", folded or not. */
static void
fetch_imap_header_id(const char *h, size_t len, char *out, size_t outlen)
{
	const char	*p, *end = h + len;

	*out = '\0';
	if (h == NULL || (p = memchr(h, ':', len)) == NULL)
		return;
	for (p++; p < end && strchr(" \t\r\n<", *p) != NULL; p++)
		;
	len = 0;
	while (p + len < end && strchr("> \t\r\n", p[len]) == NULL)
		len++;
	snprintf(out, outlen, "%.*s", (int)len, p);
}

static int
fetch_imap_msg_cmp(const void *a, const void *b)
{
	uint32_t	x = ((const struct fetch_imap_msg *)a)->uid;
	uint32_t	y = ((const struct fetch_imap_msg *)b)->uid;

	return (x < y ? -1 : x > y);
}

/* Keep the listed messages past the cursor, by UID. */
static void
fetch_imap_list_parse(struct fetch_ctx *c, clist *res)
{
	struct fetch_imap_msg	*m;
	clistiter		*cur;
	char			*hdr, id[256];
	size_t			 len;

	c->msgs = xreallocarray(NULL, clist_count(res) + 1, sizeof *c->msgs);
	c->nmsgs = c->at = 0;
	for (cur = clist_begin(res); cur != NULL; cur = clist_next(cur)) {
		m = &c->msgs[c->nmsgs];
		memset(m, 0, sizeof *m);
		fetch_imap_att(clist_content(cur), &m->uid, &m->size, &hdr,
		    &len);
		/* "n:*" also answers the last message when n is past it. */
		if (m->uid < c->next_uid)
			continue;
		/*
		 * Only a re-read skips stored messages unread: one stored
		 * from another list must still be read to count it in this
		 * list too (a cross-post).
		 */
		fetch_imap_header_id(hdr, len, id, sizeof id);
		m->known = c->resync && *id != '\0' && c->o.known != NULL &&
		    c->o.known(c->o.arg, id);
		c->nmsgs++;
	}
	c->resync = 0;	/* later listings hold new mail only */
	qsort(c->msgs, c->nmsgs, sizeof *c->msgs, fetch_imap_msg_cmp);
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

/* List UID, size and Message-ID of everything past the cursor. */
static int
fetch_imap_state_list(struct fetch_ctx *c, struct fetch_item *it,
    char **cause)
{
	struct mailimap_fetch_type	*ft;
	struct mailimap_set		*set;
	clist				*res = NULL;
	int				 r;

	free(c->msgs);
	c->msgs = NULL;
	c->nmsgs = c->at = 0;
	/* An empty mailbox has no "*": some servers refuse the command. */
	if (c->imap->imap_selection_info->sel_exists == 0)
		return (fetch_imap_list_empty(c, it, cause));
	set = mailimap_set_new_interval(c->next_uid, 0);
	ft = fetch_imap_type(1);
	r = mailimap_uid_fetch(c->imap, set, ft, &res);
	mailimap_set_free(set);
	mailimap_fetch_type_free(ft);
	if (r != MAILIMAP_NO_ERROR)
		return (fetch_imap_error(c, "UID FETCH", r, cause));
	fetch_imap_list_parse(c, res);
	mailimap_fetch_list_free(res);
	if (c->nmsgs == 0)
		return (fetch_imap_list_empty(c, it, cause));
	c->state = fetch_imap_state_deliver;
	return (IMAP_CONTINUE);
}

static int
fetch_imap_wanted(const struct fetch_ctx *c, const struct fetch_imap_msg *m)
{
	return (!m->known && !m->asked &&
	    (c->o.max == 0 || m->size <= c->o.max));
}

/* Fetch the bodies of the next chunk of wanted messages from at on. */
static int
fetch_imap_chunk(struct fetch_ctx *c, char **cause)
{
	struct mailimap_fetch_type	*ft;
	struct mailimap_set		*set = mailimap_set_new_empty();
	struct fetch_imap_msg		*m, key;
	clistiter			*cur;
	size_t				 i, n = 0, bytes = 0;
	uint32_t			 size;
	int				 r;

	if (c->bodies != NULL)	/* the items before at are handed out */
		mailimap_fetch_list_free(c->bodies);
	c->bodies = NULL;
	for (i = c->at; i < c->nmsgs && n < IMAP_CHUNK &&
	    bytes < IMAP_CHUNK_BYTES; i++) {
		if (!fetch_imap_wanted(c, &c->msgs[i]))
			continue;
		mailimap_set_add_single(set, c->msgs[i].uid);
		c->msgs[i].asked = 1;
		bytes += c->msgs[i].size;
		n++;
	}
	ft = fetch_imap_type(0);
	r = mailimap_uid_fetch(c->imap, set, ft, &c->bodies);
	mailimap_set_free(set);
	mailimap_fetch_type_free(ft);
	if (r != MAILIMAP_NO_ERROR)
		return (fetch_imap_error(c, "UID FETCH", r, cause));
	for (cur = clist_begin(c->bodies); cur != NULL; cur = clist_next(cur)) {
		fetch_imap_att(clist_content(cur), &key.uid, &size, &key.body,
		    &key.len);
		m = bsearch(&key, c->msgs + c->at, c->nmsgs - c->at,
		    sizeof *c->msgs, fetch_imap_msg_cmp);
		if (m == NULL || key.body == NULL)
			continue;
		/* Stored like the archive importer stores mail: LF ends. */
		m->body = key.body;
		m->len = text_crlf_to_lf(key.body, key.len);
	}
	return (FETCH_OK);
}

/* Hand out the listed messages in UID order. */
static int
fetch_imap_state_deliver(struct fetch_ctx *c, struct fetch_item *it,
    char **cause)
{
	struct fetch_imap_msg	*m;
	int			 r;

	if (c->at == c->nmsgs) {	/* list again: mail came meanwhile? */
		c->state = fetch_imap_state_list;
		return (IMAP_CONTINUE);
	}
	m = &c->msgs[c->at];
	if (fetch_imap_wanted(c, m) &&
	    (r = fetch_imap_chunk(c, cause)) != FETCH_OK)
		return (r);
	c->at++;
	c->next_uid = m->uid + 1;
	snprintf(c->cursor, sizeof c->cursor, "%s %u %u", c->box,
	    c->uidvalidity, m->uid);
	if (m->known)
		return (IMAP_CONTINUE);
	snprintf(it->where, sizeof it->where, "%s;UIDVALIDITY=%u;UID=%u",
	    c->o.source->url, c->uidvalidity, m->uid);
	memcpy(it->cursor, c->cursor, sizeof it->cursor);
	if (c->o.max > 0 && m->size > c->o.max) {
		snprintf(it->reason, sizeof it->reason, "message too large "
		    "(%u bytes, limit %zu)", m->size, c->o.max);
		return (FETCH_SKIP);
	}
	if (m->body == NULL)
		return (IMAP_CONTINUE);	/* expunged since the listing */
	it->data = m->body;
	it->len = m->len;
	it->envelope_date = 0;
	return (FETCH_OK);
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
	if ((r = mailimap_idle(c->imap)) != MAILIMAP_NO_ERROR)
		return (fetch_imap_error(c, "IDLE", r, cause));
	c->idling = 1;
	*fd = mailimap_idle_get_fd(c->imap);
	/* What libetpan has buffered already never makes the fd readable. */
	if (c->imap->imap_stream->read_buffer_len > 0)
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
	if (c->bodies != NULL)
		mailimap_fetch_list_free(c->bodies);
	if (c->imap != NULL) {
		/* mailimap_free sends LOGOUT: not on a dead connection. */
		if ((c->broken || c->idling) && c->imap->imap_stream != NULL) {
			mailstream_close(c->imap->imap_stream);
			c->imap->imap_stream = NULL;
		}
		mailimap_free(c->imap);
	}
	net_url_free(&c->url);
	free(c->msgs);
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
