/* mbox format rules. */
#include <ctype.h>
#include <string.h>

#include "datetime.h"
#include "mbox.h"
#include "xmalloc.h"

static size_t
mbox_line_len(const char *line, const char *end)
{
	const char	*nl = memchr(line, '\n', (size_t)(end - line));

	return (nl == NULL ? (size_t)(end - line) : (size_t)(nl - line));
}

int
mbox_is_from_line(const char *line, size_t len, int at_start)
{
	const char	*p, *end;
	char		 copy[128];
	size_t		 n;
	time_t		 t;

	(void)at_start;
	end = memchr(line, '\n', len);
	if (end != NULL)
		len = (size_t)(end - line);
	if (len < 7 || strncmp(line, "From ", 5) != 0)
		return (0);
	/* The sender: one token, then the date. */
	p = line + 5;
	while (p < line + len && *p == ' ')
		p++;
	while (p < line + len && *p != ' ')
		p++;
	n = (size_t)(line + len - p);
	if (n == 0 || n >= sizeof copy)
		return (0);
	memcpy(copy, p, n);
	copy[n] = '\0';
	return (datetime_parse_loose(copy, &t) == 0 || strstr(copy,
	    " 1970") != NULL);
}

static int
mbox_is_git_magic(const char *line, size_t len)
{
	return (len > 45 && strstr(line, " Mon Sep 17 00:00:00 2001") != NULL &&
	    strspn(line + 5, "0123456789abcdef") == 40);
}

int
mbox_is_separator(const char *msg, const char *line, const char *end)
{
	size_t	len = mbox_line_len(line, end);

	if (!mbox_is_from_line(line, len, 0))
		return (0);
	if (!mbox_is_git_magic(line, len))
		return (1);
	/* After a blank line (or first): a real git format-patch mbox. */
	return (line == msg || (line - msg >= 2 && line[-2] == '\n') ||
	    (line - msg >= 3 && line[-2] == '\r' && line[-3] == '\n'));
}

time_t
mbox_from_line_date(const char *line, size_t len)
{
	const char	*p = line + 5, *end = line + len;
	char		 copy[128];
	size_t		 n;
	time_t		 t;

	while (p < end && *p == ' ')
		p++;
	while (p < end && *p != ' ')
		p++;
	n = (size_t)(end - p);
	if (n >= sizeof copy)
		return (0);
	memcpy(copy, p, n);
	copy[n] = '\0';
	/* public-inbox writes the epoch; that means "unknown". */
	if (datetime_parse_loose(copy, &t) != 0 || t < 86400 * 365 * 10)
		return (0);
	return (t);
}

static int
mbox_is_quoted_from(const char *p, const char *end)
{
	while (p < end && *p == '>')
		p++;
	return (end - p >= 5 && strncmp(p, "From ", 5) == 0);
}

char *
mbox_unquote(const char *msg, size_t len, size_t *outlen)
{
	const char	*p = msg, *end = msg + len, *line;
	char		*out, *w;
	int		 found = 0;

	for (line = msg; line < end; ) {
		if (*line == '>' && mbox_is_quoted_from(line, end)) {
			found = 1;
			break;
		}
		line = memchr(line, '\n', (size_t)(end - line));
		line = line == NULL ? end : line + 1;
	}
	if (!found)
		return (NULL);
	out = w = xmalloc(len + 1);
	for (p = msg; p < end; ) {
		line = p;
		p = memchr(line, '\n', (size_t)(end - line));
		p = p == NULL ? end : p + 1;
		if (*line == '>' && mbox_is_quoted_from(line, p))
			line++;
		memcpy(w, line, (size_t)(p - line));
		w += p - line;
	}
	*w = '\0';
	*outlen = (size_t)(w - out);
	return (out);
}
