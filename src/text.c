/* Pure text helpers. */
#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <gnutls/gnutls.h>
#include <gnutls/crypto.h>

#include "buf.h"
#include "log.h"
#include "text.h"
#include "xmalloc.h"

/* Length of the valid UTF-8 sequence at p (up to end), or 0 if invalid. */
static size_t
text_utf8_seq(const unsigned char *p, const unsigned char *end)
{
	size_t		n, i;
	uint32_t	cp;

	if (p[0] < 0x80)
		return (p[0] == 0 ? 0 : 1);
	if (p[0] >= 0xc2 && p[0] <= 0xdf) {
		n = 2;
		cp = p[0] & 0x1f;
	} else if (p[0] >= 0xe0 && p[0] <= 0xef) {
		n = 3;
		cp = p[0] & 0x0f;
	} else if (p[0] >= 0xf0 && p[0] <= 0xf4) {
		n = 4;
		cp = p[0] & 0x07;
	} else
		return (0);
	if ((size_t)(end - p) < n)
		return (0);
	for (i = 1; i < n; i++) {
		if ((p[i] & 0xc0) != 0x80)
			return (0);
		cp = (cp << 6) | (p[i] & 0x3f);
	}
	/* Reject overlong forms, surrogates and values past U+10FFFF. */
	if ((n == 3 && cp < 0x800) || (n == 4 && cp < 0x10000) ||
	    (cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff)
		return (0);
	return (n);
}

int
text_xml_char(const char *s, size_t left, size_t *len)
{
	const unsigned char	*p = (const unsigned char *)s;

	if ((*len = text_utf8_seq(p, p + left)) == 0) {
		*len = 1;
		return (0);
	}
	if (*p < 0x20)
		return (*p == '\t' || *p == '\n' || *p == '\r');
	/* U+FFFE and U+FFFF: EF BF BE and EF BF BF. */
	return (!(*len == 3 && p[0] == 0xef && p[1] == 0xbf && p[2] >= 0xbe));
}

int
text_utf8_valid(const char *s, size_t len)
{
	const unsigned char	*p = (const unsigned char *)s, *end = p + len;
	size_t			 n;

	while (p < end) {
		if ((n = text_utf8_seq(p, end)) == 0)
			return (0);
		p += n;
	}
	return (1);
}

char *
text_utf8_repair(const char *s, size_t len, int *repaired)
{
	const unsigned char	*p = (const unsigned char *)s, *end = p + len;
	const unsigned char	*run = p;
	struct buf		 b;
	size_t			 n;
	int			 changed = 0;

	buf_init(&b);
	buf_add(&b, "", 0);
	while (p < end) {
		/* ASCII is nearly all of it: skip over it fast. */
		if (*p >= 0x01 && *p < 0x80) {
			p++;
			continue;
		}
		if ((n = text_utf8_seq(p, end)) != 0) {
			p += n;
			continue;
		}
		buf_add(&b, run, (size_t)(p - run));
		if (*p != 0)
			buf_add(&b, "\xef\xbf\xbd", 3);
		changed = 1;
		run = ++p;
	}
	buf_add(&b, run, (size_t)(p - run));
	if (repaired != NULL)
		*repaired = changed;
	return (buf_detach(&b, NULL));
}

char *
text_first_last(char *s)
{
	char	*comma = strchr(s, ','), *out;

	/* One comma, no address, a word on each side: "Last, First". */
	if (comma == NULL || strchr(comma + 1, ',') != NULL ||
	    strchr(s, '@') != NULL || comma == s || comma[1] == '\0')
		return (s);
	*comma = '\0';
	out = xasprintf("%s %s", comma + 1, s);
	free(s);
	text_collapse_ws(out);
	return (out);
}

void
text_collapse_ws(char *s)
{
	char	*r = s, *w = s;
	int	 space = 0;

	while (*r != '\0' && isspace((unsigned char)*r))
		r++;
	for (; *r != '\0'; r++) {
		if (isspace((unsigned char)*r)) {
			space = 1;
			continue;
		}
		if (space && w != s)
			*w++ = ' ';
		space = 0;
		*w++ = *r;
	}
	*w = '\0';
}

size_t
text_crlf_to_lf(char *s, size_t len)
{
	size_t	r, w;
	char	*cr = memchr(s, '\r', len);

	if (cr == NULL)
		return (len);
	for (r = w = (size_t)(cr - s); r < len; r++) {
		if (s[r] == '\r' && r + 1 < len && s[r + 1] == '\n')
			continue;
		s[w++] = s[r];
	}
	if (w < len)
		s[w] = '\0';
	return (w);
}

void
text_lower(char *s)
{
	for (; *s != '\0'; s++)
		*s = (char)tolower((unsigned char)*s);
}

void
text_sha256_hex(const void *data, size_t len, char out[65])
{
	unsigned char	digest[32];
	size_t		i;

	if (gnutls_hash_fast(GNUTLS_DIG_SHA256, data, len, digest) != 0)
		fatalx("%s: gnutls_hash_fast failed", __func__);
	for (i = 0; i < sizeof digest; i++)
		{
			static const char hex[] = "0123456789abcdef";

			out[2 * i] = hex[digest[i] >> 4];
			out[2 * i + 1] = hex[digest[i] & 0xf];
		}
	out[64] = '\0';
}

int
text_has_prefix_ci(const char *s, const char *prefix)
{
	return (strncasecmp(s, prefix, strlen(prefix)) == 0);
}
