/* What a pull request asks to pull (see pull.h). */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "buf.h"
#include "pull.h"
#include "xmalloc.h"

/* A line, without its end and blanks either side; the caller frees it. */
static char *
pull_line(const char *p)
{
	const char	*end = p + strcspn(p, "\n");

	while (p < end && isspace((unsigned char)*p))
		p++;
	while (end > p && isspace((unsigned char)end[-1]))
		end--;
	return (xstrndup(p, (size_t)(end - p)));
}

/* The next line with text after the one at p, or NULL. */
static const char *
pull_next_text(const char *p)
{
	while ((p = strchr(p, '\n')) != NULL) {
		p++;
		if (p[strspn(p, " \t\r")] != '\n' && p[strspn(p, " \t\r")] !=
		    '\0')
			return (p);
	}
	return (NULL);
}

/* The commit id a line such as "... commit 9e98c678...:" ends with. */
static char *
pull_commit(const char *line, const char *after)
{
	const char	*p;
	size_t		 n;

	if ((p = strcasestr(line, after)) == NULL)
		return (NULL);
	p += strlen(after);
	p += strspn(p, " \t");
	n = strspn(p, "0123456789abcdefABCDEF");
	return (n >= 7 ? xstrndup(p, n) : NULL);
}

/*
 * "Name Surname (3):" heads each author's commits in the shortlog, with
 * the commits indented below it (next is the line after).
 */
static int
pull_shortlog(const char *line, const char *next)
{
	const char	*open, *end = line + strlen(line);
	int		 n;

	if (end - line < 5 || end[-1] != ':' || end[-2] != ')' ||
	    (open = strrchr(line, '(')) == NULL || open == line ||
	    open[-1] != ' ' || sscanf(open, "(%d):", &n) != 1 || n <= 0 ||
	    next == NULL || (*next != ' ' && *next != '\t') ||
	    next[strspn(next, " \t")] == '\n')
		return (0);
	return (n);
}

int
pull_parse(const char *body, struct pull *out)
{
	const char	*p, *at, *next;
	char		*line, *sp;

	memset(out, 0, sizeof out[0]);
	if ((at = strcasestr(body, "available in the git repository at")) ==
	    NULL || (p = pull_next_text(at)) == NULL)
		return (-1);
	line = pull_line(p);
	if ((sp = strpbrk(line, " \t")) != NULL) {
		*sp++ = '\0';
		sp += strspn(sp, " \t");
		if (*sp != '\0')
			out->ref = xstrdup(sp);
	}
	out->url = line;
	for (p = body; p != NULL && *p != '\0'; p = next) {
		if ((next = strchr(p, '\n')) != NULL)
			next++;
		line = pull_line(p);
		if (out->base == NULL)
			out->base = pull_commit(line, "changes since commit");
		if (out->head == NULL)
			out->head = pull_commit(line, "changes up to");
		if (p > at)
			out->commits += pull_shortlog(line, next);
		free(line);
	}
	return (0);
}

void
pull_free(struct pull *pr)
{
	free(pr->url);
	free(pr->ref);
	free(pr->base);
	free(pr->head);
	memset(pr, 0, sizeof *pr);
}

char *
pull_describe(const struct pull *pr)
{
	struct buf	b;

	buf_init(&b);
	buf_addstr(&b, pr->ref != NULL ? pr->ref : "its default branch");
	if (pr->head != NULL)
		buf_printf(&b, ", up to %.12s", pr->head);
	if (pr->commits > 0)
		buf_printf(&b, " (%d commit%s)", pr->commits,
		    pr->commits == 1 ? "" : "s");
	return (buf_detach(&b, NULL));
}
