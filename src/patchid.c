/* Stable patch-ids of diff text, computed line by line as git does. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gnutls/crypto.h>

#include "log.h"
#include "patchid.h"

#define PATCHID_RAW	20	/* SHA-1 */

struct patchid_ctx {
	gnutls_hash_hd_t	 h;
	unsigned char		 sum[PATCHID_RAW];
	int			 before, after;	/* lines left in the hunk */
	int			 binary;	/* in a binary file's body */
	size_t			 len;		/* bytes hashed */
	char			 pre[PATCHID_HEX], post[PATCHID_HEX];
};

static void
patchid_hash_init(struct patchid_ctx *c)
{
	if (gnutls_hash_init(&c->h, GNUTLS_DIG_SHA1) != 0)
		fatalx("%s: no SHA-1", __func__);
}

/* Add one file's hash to the sum, 20-byte little-endian with carry. */
static void
patchid_flush(struct patchid_ctx *c)
{
	unsigned char	hash[PATCHID_RAW];
	unsigned int	carry = 0;
	size_t		i;

	gnutls_hash_deinit(c->h, hash);
	patchid_hash_init(c);
	for (i = 0; i < PATCHID_RAW; i++) {
		carry += c->sum[i] + hash[i];
		c->sum[i] = carry & 0xff;
		carry >>= 8;
	}
}

/*
 * "@@ -a[,b] +c[,d] @@": the lines the hunk has on each side, b and d,
 * one when not written.
 */
static int
patchid_hunk(const char *p, int *before, int *after)
{
	static const char	 digits[] = "0123456789";
	const char		*q, *r;
	size_t			 n;

	q = p + 4;
	n = strspn(q, digits);
	*before = 1;
	if (q[n] == ',') {
		q += n + 1;
		*before = (int)strtol(q, NULL, 10);
		n = strspn(q, digits);
	}
	if (n == 0 || q[n] != ' ' || q[n + 1] != '+')
		return (0);
	r = q + n + 2;
	n = strspn(r, digits);
	*after = 1;
	if (r[n] == ',') {
		r += n + 1;
		*after = (int)strtol(r, NULL, 10);
		n = strspn(r, digits);
	}
	return (n != 0);
}

/* "index 1234567..89abcde 100644": the blob names, for binary files. */
static void
patchid_index(struct patchid_ctx *c, const char *line, size_t len)
{
	const char	*dots = memmem(line, len, "..", 2), *end;
	size_t		 n;

	if (dots == NULL)
		return;
	n = (size_t)(dots - (line + 6));
	snprintf(c->pre, sizeof c->pre, "%.*s", (int)n, line + 6);
	for (end = dots + 2; end < line + len && !isspace((unsigned char)*end);
	    end++)
		;
	snprintf(c->post, sizeof c->post, "%.*s", (int)(end - dots - 2),
	    dots + 2);
}

/* Git's whitespace: not C's, which has form feed and vertical tab too. */
static int
patchid_space(char c)
{
	return (c == ' ' || c == '\t' || c == '\n' || c == '\r');
}

/* Hash a line without its whitespace. */
static void
patchid_add(struct patchid_ctx *c, const char *line, size_t len)
{
	char	buf[512];
	size_t	i, n = 0;

	for (i = 0; i < len; i++) {
		if (patchid_space(line[i]))
			continue;
		buf[n++] = line[i];
		if (n == sizeof buf) {
			gnutls_hash(c->h, buf, n);
			c->len += n;
			n = 0;
		}
	}
	gnutls_hash(c->h, buf, n);
	c->len += n;
}

static int
patchid_starts(const char *line, size_t len, const char *prefix)
{
	size_t	n = strlen(prefix);

	return (len >= n && memcmp(line, prefix, n) == 0);
}

/*
 * A line of a file's header (before its "---" line).  Returns 1 when it
 * is consumed, 0 when it is to be hashed, -1 at the end of the patch.
 */
static int
patchid_header(struct patchid_ctx *c, const char *line, size_t len)
{
	if (patchid_starts(line, len, "GIT binary patch") ||
	    patchid_starts(line, len, "Binary files")) {
		c->binary = 1;
		c->before = 0;
		gnutls_hash(c->h, c->pre, strlen(c->pre));
		gnutls_hash(c->h, c->post, strlen(c->post));
		c->len += strlen(c->pre) + strlen(c->post);
		patchid_flush(c);
		return (1);
	}
	if (patchid_starts(line, len, "index ")) {
		patchid_index(c, line, len);
		return (1);
	}
	if (patchid_starts(line, len, "--- "))
		c->before = c->after = 1;
	else if (!isalpha((unsigned char)line[0]))
		return (-1);
	return (0);
}

/* One line; returns -1 at the end of the patch. */
static int
patchid_line(struct patchid_ctx *c, const char *line, size_t len)
{
	int	r;

	if (c->before == -1 && (r = patchid_header(c, line, len)) != 0)
		return (r == 1 ? 0 : -1);
	if (c->binary) {
		/* As git: the next file's "diff" line is not hashed. */
		if (patchid_starts(line, len, "diff ")) {
			c->binary = 0;
			c->before = c->after = -1;
		}
		return (0);
	}
	if (c->before == 0 && c->after == 0) {
		if (patchid_starts(line, len, "@@ -")) {
			patchid_hunk(line, &c->before, &c->after);
			return (0);
		}
		if (!patchid_starts(line, len, "diff "))
			return (-1);
		patchid_flush(c);
		c->before = c->after = -1;
	}
	if (line[0] == '-' || line[0] == ' ')
		c->before--;
	if (line[0] == '+' || line[0] == ' ')
		c->after--;
	patchid_add(c, line, len);
	return (0);
}

int
patchid_text(const char *text, size_t len, char hex[PATCHID_HEX])
{
	struct patchid_ctx	 c;
	const char		*p = text, *end = text + len, *nl;
	size_t			 n, i;
	int			 started = 0;

	memset(&c, 0, sizeof c);
	c.before = c.after = -1;
	patchid_hash_init(&c);
	for (; p < end; p += n) {
		nl = memchr(p, '\n', (size_t)(end - p));
		n = nl != NULL ? (size_t)(nl - p) + 1 : (size_t)(end - p);
		/* "\ No newline at end of file" says nothing of the change. */
		if (n > 12 && p[0] == '\\' && p[1] == ' ')
			continue;
		if (!started && !patchid_starts(p, n, "diff "))
			continue;
		started = 1;
		if (patchid_line(&c, p, n) != 0)
			break;
	}
	patchid_flush(&c);
	gnutls_hash_deinit(c.h, NULL);
	if (c.len == 0)
		return (-1);
	for (i = 0; i < PATCHID_RAW; i++)
		snprintf(hex + 2 * i, 3, "%02x", c.sum[i]);
	return (0);
}
