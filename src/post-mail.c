/* Outgoing mail formatting.  Pure. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "buf.h"
#include "post-mail.h"
#include "text.h"
#include "xmalloc.h"

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

char *
post_mail_encode_header(const char *s)
{
	struct buf	 b;
	const char	*p;
	size_t		 len, chunk;

	for (p = s; *p != '\0' && (unsigned char)*p < 0x80; p++)
		;
	if (*p == '\0')
		return (xstrdup(s));
	/* Words of at most 45 bytes stay under 75 characters encoded. */
	buf_init(&b);
	len = strlen(s);
	for (p = s; len > 0; p += chunk, len -= chunk) {
		chunk = len > 45 ? 45 : len;
		/* Never split a UTF-8 sequence between two words. */
		while (chunk < len && ((unsigned char)p[chunk] & 0xc0) == 0x80)
			chunk--;
		buf_printf(&b, "%s=?UTF-8?B?", b.len > 0 ? "\r\n " : "");
		post_mail_base64(&b, (const unsigned char *)p, chunk);
		buf_addstr(&b, "?=");
	}
	return (buf_detach(&b, NULL));
}

static void
post_mail_header(struct buf *b, const char *name, const char *value)
{
	if (value != NULL && *value != '\0')
		buf_printf(b, "%s: %s\r\n", name, value);
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

char *
post_mail_format(const struct mail *m)
{
	struct buf	 b;
	const char	*p, *nl;
	char		*subject, *ref, *id, *save;

	buf_init(&b);
	post_mail_header(&b, "From", m->from);
	post_mail_header(&b, "To", m->to);
	post_mail_header(&b, "Cc", m->cc);
	subject = post_mail_encode_header(m->subject);
	post_mail_header(&b, "Subject", subject);
	free(subject);
	post_mail_date(&b, m->date);
	buf_printf(&b, "Message-ID: <%s>\r\n", m->message_id);
	if (m->in_reply_to != NULL)
		buf_printf(&b, "In-Reply-To: <%s>\r\n", m->in_reply_to);
	if (m->references != NULL) {
		ref = xstrdup(m->references);
		buf_addstr(&b, "References:");
		for (id = strtok_r(ref, " ", &save); id != NULL;
		    id = strtok_r(NULL, " ", &save))
			buf_printf(&b, " <%s>", id);
		buf_addstr(&b, "\r\n");
		free(ref);
	}
	post_mail_header(&b, "List-Unsubscribe", m->list_unsubscribe);
	/* RFC 3834: a machine wrote this; nobody should answer it. */
	buf_addstr(&b, "Auto-Submitted: auto-generated\r\n"
	    "X-Auto-Response-Suppress: All\r\nMIME-Version: 1.0\r\n"
	    "Content-Type: text/plain; charset=utf-8\r\n"
	    "Content-Transfer-Encoding: 8bit\r\n\r\n");
	for (p = m->body; *p != '\0'; p = nl != NULL ? nl + 1 : p +
	    strlen(p)) {
		nl = strchr(p, '\n');
		buf_add(&b, p, nl != NULL ? (size_t)(nl - p) : strlen(p));
		buf_addstr(&b, "\r\n");
	}
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
	m->body = post_mail_wrap(body, 72);
	return (0);
}

/*
 * One line wrapped at spaces to width columns; continuations keep its
 * indentation, and hang under the text of a "* " or "- " item.
 */
static void
post_mail_wrap_line(struct buf *b, const char *line, size_t len, int width)
{
	size_t	indent = strspn(line, " "), start = 0, room, brk, i;
	int	first = 1;

	if (len > indent + 2 && (line[indent] == '*' || line[indent] == '-') &&
	    line[indent + 1] == ' ')
		indent += 2;
	if (indent + 20 > (size_t)width)
		indent = 0;	/* too deep to hang anything under */
	for (;;) {
		room = (size_t)width - (first ? 0 : indent);
		if (len - start <= room)
			break;
		brk = 0;
		for (i = start + (first ? indent : 0) + 1; i < start + room; i++)
			if (line[i] == ' ')
				brk = i;
		if (brk == 0)
			break;	/* one long word: leave it */
		buf_add(b, line + start, brk - start);
		buf_printf(b, "\n%*s", (int)indent, "");
		start = brk + 1;
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
