/* Outgoing mail formatting.  Pure. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "buf.h"
#include "post-mail.h"
#include "text.h"
#include "xmalloc.h"

/* RFC 5322 2.1.1: a line should stay under 78 octets, must under 998. */
#define POST_MAIL_FOLD	78
#define POST_MAIL_LINE	998
/* A Message-ID longer than this cannot stand on a folded line. */
#define POST_MAIL_ID	900
/* A quoted phrase up to this long is kept on one line where it can be. */
#define POST_MAIL_QUOTE_KEEP	40

char *
post_mail_message_id(const char *kind, const char *key, const char *from)
{
	const char	*at = from != NULL ? strrchr(from, '@') : NULL;
	char		 hex[65];
	size_t		 len;

	text_sha256_hex(key, strlen(key), hex);
	if (at == NULL)
		return (xasprintf("pvbot.%s.%.24s@pvbot.invalid", kind, hex));
	len = strcspn(at + 1, "> \t");
	return (xasprintf("pvbot.%s.%.24s@%.*s", kind, hex, (int)len, at + 1));
}

static void
post_mail_base64(struct buf *b, const unsigned char *s, size_t len)
{
	static const char tab[] =
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	unsigned int	v;
	size_t		i;

	for (i = 0; i < len; i += 3) {
		v = (unsigned int)s[i] << 16;
		if (i + 1 < len)
			v |= (unsigned int)s[i + 1] << 8;
		if (i + 2 < len)
			v |= s[i + 2];
		buf_addch(b, tab[(v >> 18) & 63]);
		buf_addch(b, tab[(v >> 12) & 63]);
		buf_addch(b, i + 1 < len ? tab[(v >> 6) & 63] : '=');
		buf_addch(b, i + 2 < len ? tab[v & 63] : '=');
	}
}

/*
 * s with CR dropped, every other control character (C0 but tab and LF,
 * DEL, C1) made U+FFFD, and tab and LF kept for lines (a body) or made
 * spaces (a header): mail text quotes subjects and names from anyone's
 * mail, and neither a bare CR or LF nor an escape sequence may leave in it.
 */
static char *
post_mail_clean(const char *s, int lines)
{
	const unsigned char	*p;
	struct buf		 b;

	buf_init(&b);
	buf_add(&b, "", 0);
	for (p = (const unsigned char *)s; *p != '\0'; p++) {
		if (*p == '\r')
			continue;
		if (*p == '\n' || *p == '\t')
			buf_addch(&b, lines ? (char)*p : ' ');
		else if (*p < 0x20 || *p == 0x7f)
			buf_addstr(&b, "\xef\xbf\xbd");
		else if (*p == 0xc2 && p[1] >= 0x80 && p[1] <= 0x9f) {
			buf_addstr(&b, "\xef\xbf\xbd");
			p++;
		} else
			buf_addch(&b, (char)*p);
	}
	return (buf_detach(&b, NULL));
}

/* Whether s is ASCII, and has no word too long to fold around. */
static int
post_mail_foldable(const char *s)
{
	size_t	word = 0;

	for (; *s != '\0'; s++) {
		if ((unsigned char)*s >= 0x80)
			return (0);
		word = *s == ' ' ? 0 : word + 1;
		if (word > POST_MAIL_FOLD - 3)
			return (0);
	}
	return (1);
}

/* An ASCII value folded at spaces before lines pass POST_MAIL_FOLD. */
static char *
post_mail_fold(const char *s)
{
	struct buf	 b;
	size_t		 col = 10, n;	/* after "Subject: " or so */

	buf_init(&b);
	buf_add(&b, "", 0);
	while (*s != '\0') {
		n = strcspn(s + 1, " ") + 1;
		if (col + n > POST_MAIL_FOLD && b.len > 0 && *s == ' ') {
			buf_addstr(&b, "\r\n");
			col = 0;
		}
		buf_add(&b, s, n);
		col += n;
		s += n;
	}
	return (buf_detach(&b, NULL));
}

char *
post_mail_encode_header(const char *raw)
{
	struct buf	 b;
	const char	*p;
	char		*s, *out;
	size_t		 len, chunk;

	s = post_mail_clean(raw, 0);
	if (post_mail_foldable(s)) {
		out = post_mail_fold(s);
		free(s);
		return (out);
	}
	/*
	 * Words of at most 42 bytes are 68 characters encoded: a line with
	 * "Subject: " before one stays under 78.
	 */
	buf_init(&b);
	len = strlen(s);
	for (p = s; len > 0; p += chunk, len -= chunk) {
		chunk = len > 42 ? 42 : len;
		/* Never split a UTF-8 sequence between two words. */
		while (chunk < len && ((unsigned char)p[chunk] & 0xc0) == 0x80)
			chunk--;
		buf_printf(&b, "%s=?UTF-8?B?", b.len > 0 ? "\r\n " : "");
		post_mail_base64(&b, (const unsigned char *)p, chunk);
		buf_addstr(&b, "?=");
	}
	free(s);
	return (buf_detach(&b, NULL));
}

static void
post_mail_header(struct buf *b, const char *name, const char *value)
{
	if (value != NULL && *value != '\0')
		buf_printf(b, "%s: %s\r\n", name, value);
}

/*
 * Whether a Message-ID (without brackets) can be written: no control or
 * bracket in it, short enough for a line.  A space may be, as mail had it.
 */
static int
post_mail_id_ok(const char *s)
{
	size_t	n = 0;

	for (; *s != '\0'; s++, n++)
		if ((unsigned char)*s < 0x20 || *s == 0x7f || *s == '<' ||
		    *s == '>' || n >= POST_MAIL_ID)
			return (0);
	return (n > 0);
}

/*
 * Whether a word can stand in a header as it is: printable ASCII, short
 * enough to fold around, none of specials (<, >, whitespace).
 */
static int
post_mail_word_ok(const char *s, size_t max)
{
	size_t	n = 0;

	for (; *s != '\0'; s++, n++)
		if ((unsigned char)*s <= 0x20 || (unsigned char)*s >= 0x7f ||
		    *s == '<' || *s == '>' || n >= max)
			return (0);
	return (n > 0);
}

/*
 * Comma-separated addresses, one to a line past the first; an address
 * that cannot be written (a space or control in it, over 254 octets) is
 * left out.
 */
static void
post_mail_addresses(struct buf *b, const char *name, const char *list)
{
	struct buf	 v;
	char		*copy, *a, *save;
	size_t		 n;

	if (list == NULL)
		return;
	buf_init(&v);
	copy = xstrdup(list);
	for (a = strtok_r(copy, ",", &save); a != NULL;
	    a = strtok_r(NULL, ",", &save)) {
		a += strspn(a, " ");
		for (n = strlen(a); n > 0 && a[n - 1] == ' '; n--)
			a[n - 1] = '\0';
		if (post_mail_word_ok(a, 254) && strchr(a, '@') != NULL)
			buf_printf(&v, "%s%s", v.len > 0 ? ",\r\n " : "", a);
	}
	free(copy);
	post_mail_header(b, name, v.data);
	buf_release(&v);
}

/*
 * References: the ids, one to a line past the first, whole -- an id with
 * a space in it stays one id -- and none that cannot be written.
 */
static void
post_mail_references(struct buf *b, const char *ids)
{
	struct buf	 v;
	char		*copy, *id, *save;

	if (ids == NULL)
		return;
	buf_init(&v);
	copy = xstrdup(ids);
	for (id = strtok_r(copy, "\n", &save); id != NULL;
	    id = strtok_r(NULL, "\n", &save))
		if (post_mail_id_ok(id))
			buf_printf(&v, "%s<%s>", v.len > 0 ? "\r\n " : "", id);
	free(copy);
	post_mail_header(b, "References", v.data);
	buf_release(&v);
}

static void
post_mail_date(struct buf *b, time_t t)
{
	struct tm	tm;
	char		date[64];

	gmtime_r(&t, &tm);
	strftime(date, sizeof date, "%a, %d %b %Y %H:%M:%S +0000", &tm);
	post_mail_header(b, "Date", date);
}

/*
 * A body line, broken where it would pass POST_MAIL_LINE (a word that
 * long is cut, at a character's edge): SMTP refuses longer lines.
 */
static void
post_mail_body_line(struct buf *b, const char *p, size_t len)
{
	size_t	n;

	while (len > POST_MAIL_LINE - 8) {
		n = POST_MAIL_LINE - 8;
		while (n > 0 && ((unsigned char)p[n] & 0xc0) == 0x80)
			n--;
		buf_add(b, p, n);
		buf_addstr(b, "\r\n");
		p += n;
		len -= n;
	}
	buf_add(b, p, len);
	buf_addstr(b, "\r\n");
}

char *
post_mail_format(const struct mail *m)
{
	struct buf	 b;
	const char	*p, *nl;
	char		*subject, *body;

	buf_init(&b);
	post_mail_header(&b, "From", m->from);
	post_mail_addresses(&b, "To", m->to);
	post_mail_addresses(&b, "Cc", m->cc);
	subject = post_mail_encode_header(m->subject);
	post_mail_header(&b, "Subject", subject);
	free(subject);
	post_mail_date(&b, m->date);
	buf_printf(&b, "Message-ID: <%s>\r\n", m->message_id);
	if (m->in_reply_to != NULL && post_mail_id_ok(m->in_reply_to))
		buf_printf(&b, "In-Reply-To: <%s>\r\n", m->in_reply_to);
	post_mail_references(&b, m->references);
	post_mail_header(&b, "List-Unsubscribe", m->list_unsubscribe);
	/* RFC 3834: a machine wrote this; nobody should answer it. */
	buf_addstr(&b, "Auto-Submitted: auto-generated\r\n"
	    "X-Auto-Response-Suppress: All\r\nMIME-Version: 1.0\r\n"
	    "Content-Type: text/plain; charset=utf-8\r\n"
	    "Content-Transfer-Encoding: 8bit\r\n\r\n");
	body = post_mail_clean(m->body, 1);
	for (p = body; *p != '\0'; p = nl != NULL ? nl + 1 : p + strlen(p)) {
		nl = strchr(p, '\n');
		post_mail_body_line(&b, p, nl != NULL ? (size_t)(nl - p) :
		    strlen(p));
	}
	free(body);
	return (buf_detach(&b, NULL));
}

int
post_mail_set_text(struct mail *m, const char *text)
{
	const char	*nl, *body;

	if (strncmp(text, "Subject: ", 9) != 0 || (nl = strchr(text, '\n')) ==
	    NULL)
		return (-1);
	free(m->subject);
	m->subject = xstrndup(text + 9, (size_t)(nl - text - 9));
	body = nl + 1;
	if (*body == '\n')
		body++;
	free(m->body);
	m->body = post_mail_wrap(body, POST_MAIL_WIDTH);
	return (0);
}

/* Columns s takes: one per character, whatever its UTF-8 length. */
static size_t
post_mail_columns(const char *s, size_t len)
{
	size_t	i, n = 0;

	for (i = 0; i < len; i++)
		if (((unsigned char)s[i] & 0xc0) != 0x80)
			n++;
	return (n);
}

/*
 * Where to break line[start..len) so that at most room columns come
 * first: the last space (after skip leading bytes) that allows it.  A
 * short quoted phrase -- a command to type, "pvbot: mute" -- is not
 * broken when a space before it will do.  0 when there is no space.
 */
static size_t
post_mail_wrap_break(const char *line, size_t start, size_t len, size_t skip,
    size_t room)
{
	const char	*close;
	size_t		 i, cols = 0, brk = 0, any = 0, quote_end = 0;

	for (i = start; i < len && cols <= room; i++) {
		if (line[i] == ' ' && i > start + skip) {
			if (i >= quote_end)
				brk = i;
			any = i;
		}
		if (line[i] == '"' && i >= quote_end &&
		    (close = memchr(line + i + 1, '"', len - i - 1)) != NULL &&
		    close - (line + i) <= POST_MAIL_QUOTE_KEEP)
			quote_end = (size_t)(close - line) + 1;
		if (((unsigned char)line[i] & 0xc0) != 0x80)
			cols++;
	}
	return (brk != 0 ? brk : any);
}

/*
 * One line wrapped at spaces to width columns; continuations keep its
 * indentation, and hang under the text of a "* " or "- " item.  The
 * spaces at a break go: none ends a line or starts the next.
 */
static void
post_mail_wrap_line(struct buf *b, const char *line, size_t len, int width)
{
	size_t	indent = strspn(line, " "), start = 0, room, brk, end;
	int	first = 1;

	if (len > indent + 2 && (line[indent] == '*' || line[indent] == '-') &&
	    line[indent + 1] == ' ')
		indent += 2;
	if (indent + 20 > (size_t)width)
		indent = 0;	/* too deep to hang anything under */
	for (;;) {
		room = (size_t)width - (first ? 0 : indent);
		if (post_mail_columns(line + start, len - start) <= room)
			break;
		if ((brk = post_mail_wrap_break(line, start, len, first ?
		    indent : 0, room)) == 0)
			break;	/* one long word: leave it */
		for (end = brk; end > start && line[end - 1] == ' '; end--)
			;
		buf_add(b, line + start, end - start);
		buf_printf(b, "\n%*s", (int)indent, "");
		for (start = brk; start < len && line[start] == ' '; start++)
			;
		first = 0;
	}
	buf_add(b, line + start, len - start);
}

char *
post_mail_wrap(const char *s, int width)
{
	struct buf	 b;
	const char	*nl;
	size_t		 len;

	buf_init(&b);
	buf_add(&b, "", 0);
	while (*s != '\0') {
		nl = strchr(s, '\n');
		len = nl != NULL ? (size_t)(nl - s) : strlen(s);
		post_mail_wrap_line(&b, s, len, width);
		if (nl == NULL)
			break;
		buf_addch(&b, '\n');
		s = nl + 1;
	}
	return (buf_detach(&b, NULL));
}

void
post_mail_free(struct mail *m)
{
	if (m == NULL)
		return;
	free(m->key);
	free(m->kind);
	free(m->message_id);
	free(m->from);
	free(m->to);
	free(m->cc);
	free(m->subject);
	free(m->in_reply_to);
	free(m->references);
	free(m->list_unsubscribe);
	free(m->thread_root);
	free(m->body);
	memset(m, 0, sizeof *m);
}
