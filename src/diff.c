/* Paths touched by a unified diff. */
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "diff.h"
#include "xmalloc.h"

struct diff_scan {
	char	**v;
	size_t	  n;
	char	 *minus;	/* name on a "--- " line, awaiting "+++ " */
	int	  header;	/* after "diff --git", before the first hunk */
	long	  old_left;	/* lines of the current hunk still to come */
	long	  new_left;
};

/* Take path (may be NULL) unless it is /dev/null or already known. */
static void
diff_add(struct diff_scan *ds, char *path)
{
	size_t	i;

	if (path == NULL || *path == '\0' || strcmp(path, "/dev/null") == 0) {
		free(path);
		return;
	}
	for (i = 0; i < ds->n; i++) {
		if (strcmp(ds->v[i], path) == 0) {
			free(path);
			return;
		}
	}
	ds->v = xreallocarray(ds->v, ds->n + 1, sizeof *ds->v);
	ds->v[ds->n++] = path;
}

/* One escape after a backslash, advancing *sp past it. */
static char
diff_unescape(const char **sp)
{
	static const char	 from[] = "abtnvfr\"\\";
	static const char	 to[] = "\a\b\t\n\v\f\r\"\\";
	const char		*s = *sp, *hit;
	int			 c = 0, i;

	if (*s >= '0' && *s <= '7') {
		for (i = 0; i < 3 && *s >= '0' && *s <= '7'; i++)
			c = c * 8 + (*s++ - '0');
		*sp = s;
		return ((char)c);
	}
	*sp = s + 1;
	if ((hit = strchr(from, *s)) != NULL)
		return (to[hit - from]);
	return (*s);
}

/*
 * git quotes names holding unusual bytes C-style, "a/tab\there" and octal
 * UTF-8.  Returns the name and sets *end past the closing quote, or NULL
 * when it is not closed.
 */
static char *
diff_unquote(const char *s, const char **end)
{
	struct buf	b;

	buf_init(&b);
	for (s++; *s != '\0' && *s != '"';) {
		if (*s != '\\')
			buf_addch(&b, *s++);
		else if (*++s != '\0')
			buf_addch(&b, diff_unescape(&s));
	}
	if (*s != '"') {
		buf_release(&b);
		return (NULL);
	}
	*end = s + 1;
	return (buf_detach(&b, NULL));
}

/* The name on a header line: quoted, or up to diff -u's tab and date. */
static char *
diff_name(const char *s, const char *prefix)
{
	const char	*end;
	char		*name;

	if (*s == '"') {
		if ((name = diff_unquote(s, &end)) == NULL)
			return (NULL);
	} else
		name = xstrndup(s, strcspn(s, "\t"));
	if (prefix != NULL && strncmp(name, prefix, 2) == 0)
		memmove(name, name + 2, strlen(name + 2) + 1);
	return (name);
}

/*
 * "diff --git a/N b/N".  Only an unchanged name is read here: a rename or
 * copy, whose unquoted names cannot be split reliably, always comes with
 * "rename from/to" or "copy from/to" lines.
 */
static void
diff_git_line(struct diff_scan *ds, const char *s)
{
	const char	*end;
	char		*a;
	size_t		 len = strlen(s), n;

	if (*s == '"') {
		if ((a = diff_unquote(s, &end)) == NULL)
			return;
		if (strncmp(a, "a/", 2) == 0)
			memmove(a, a + 2, strlen(a + 2) + 1);
		diff_add(ds, a);
		diff_add(ds, diff_name(end + strspn(end, " "), "b/"));
		return;
	}
	if (len < 7 || (len - 5) % 2 != 0)
		return;
	n = (len - 5) / 2;
	if (strncmp(s, "a/", 2) == 0 && strncmp(s + 2 + n, " b/", 3) == 0 &&
	    strncmp(s + 2, s + 5 + n, n) == 0)
		diff_add(ds, xstrndup(s + 2, n));
}

static long
diff_range(const char **sp)
{
	char	*end;
	long	 n = 1;

	(void)strtol(*sp, &end, 10);
	if (*end == ',')
		n = strtol(end + 1, &end, 10);
	*sp = end;
	return (n < 0 ? 0 : n);
}

/* "@@ -a[,b] +c[,d] @@": b old and d new lines follow. */
static void
diff_hunk(struct diff_scan *ds, const char *s)
{
	ds->header = 0;
	ds->old_left = diff_range(&s);
	if (strncmp(s, " +", 2) != 0) {
		ds->old_left = 0;
		return;
	}
	s += 2;
	ds->new_left = diff_range(&s);
}

/*
 * A line inside a hunk.  Returns 0 when it does not fit the counts left,
 * so a short hunk cannot swallow the next header.  Mailers strip the
 * space of empty context lines, so an empty line is context.
 */
static int
diff_hunk_line(struct diff_scan *ds, int first)
{
	switch (first) {
	case ' ':
	case '\0':
		if (ds->old_left == 0 || ds->new_left == 0)
			return (0);
		ds->old_left--;
		ds->new_left--;
		return (1);
	case '-':
		if (ds->old_left == 0)
			return (0);
		ds->old_left--;
		return (1);
	case '+':
		if (ds->new_left == 0)
			return (0);
		ds->new_left--;
		return (1);
	case '\\':
		return (1);
	}
	return (0);
}

static void
diff_extended_line(struct diff_scan *ds, const char *line)
{
	static const char	*words[] = {
		"rename from ", "rename to ", "copy from ", "copy to "
	};
	size_t			 i, len;

	for (i = 0; i < sizeof words / sizeof words[0]; i++) {
		len = strlen(words[i]);
		if (strncmp(line, words[i], len) == 0) {
			diff_add(ds, diff_name(line + len, NULL));
			return;
		}
	}
}

static void
diff_line(struct diff_scan *ds, const char *line)
{
	if (ds->old_left > 0 || ds->new_left > 0) {
		if (diff_hunk_line(ds, line[0]))
			return;
		ds->old_left = ds->new_left = 0;
	}
	if (ds->minus != NULL && strncmp(line, "+++ ", 4) == 0) {
		diff_add(ds, ds->minus);
		ds->minus = NULL;
		diff_add(ds, diff_name(line + 4, "b/"));
		return;
	}
	free(ds->minus);
	ds->minus = NULL;
	if (strncmp(line, "--- ", 4) == 0)
		ds->minus = diff_name(line + 4, "a/");
	else if (strncmp(line, "@@ -", 4) == 0)
		diff_hunk(ds, line + 4);
	else if (strncmp(line, "diff --git ", 11) == 0) {
		ds->header = 1;
		diff_git_line(ds, line + 11);
	} else if (ds->header)
		diff_extended_line(ds, line);
}

size_t
diff_paths(const char *patch, char ***out)
{
	struct diff_scan	 ds;
	const char		*p, *nl;
	char			*line;
	size_t			 len;

	memset(&ds, 0, sizeof ds);
	for (p = patch; *p != '\0'; p = *nl != '\0' ? nl + 1 : nl) {
		if ((nl = strchr(p, '\n')) == NULL)
			nl = p + strlen(p);
		len = nl - p;
		if (len > 0 && p[len - 1] == '\r')
			len--;
		/*
		 * A hunk's lines are most of a patch: their first byte says
		 * all (a line that does not fit the hunk is read again).
		 */
		if ((ds.old_left > 0 || ds.new_left > 0) &&
		    diff_hunk_line(&ds, len > 0 ? (unsigned char)*p : '\0'))
			continue;
		line = xstrndup(p, len);
		diff_line(&ds, line);
		free(line);
	}
	free(ds.minus);
	*out = ds.v;
	return (ds.n);
}

void
diff_paths_free(char **v, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++)
		free(v[i]);
	free(v);
}
