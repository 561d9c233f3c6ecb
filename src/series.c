/* Subject tag parsing for patch series. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "series.h"
#include "text.h"
#include "xmalloc.h"

/* "Re:", "RE :", "Fwd:", "Aw:", "Sv:", "Antw:" and "Re[2]:" prefixes. */
static const char *
series_skip_reply(const char *s, int *reply)
{
	static const char *words[] = { "re", "fwd", "fw", "aw", "sv", "antw" };
	const char	*p;
	size_t		 i, n;

	for (;;) {
		while (isspace((unsigned char)*s))
			s++;
		for (i = 0; i < sizeof words / sizeof words[0]; i++) {
			n = strlen(words[i]);
			if (strncasecmp(s, words[i], n) != 0)
				continue;
			p = s + n;
			if (*p == '[')
				p += strcspn(p, "]") + (p[strcspn(p, "]")] != 0);
			while (*p == ' ')
				p++;
			if (*p == ':')
				break;
		}
		if (i == sizeof words / sizeof words[0])
			return (s);
		*reply = 1;
		s = p + 1;
	}
}

static int
series_number(const char *s, int *out)
{
	char	*end;
	long	 v;

	if (!isdigit((unsigned char)*s))
		return (-1);
	v = strtol(s, &end, 10);
	if (*end != '\0' || v > 100000)
		return (-1);
	*out = (int)v;
	return (0);
}

/* "7" or "7.1": a version and its point release (0 when none). */
static int
series_version(const char *s, int *version, int *point)
{
	char	 copy[16], *dot;

	if (strlen(s) >= sizeof copy)
		return (-1);
	memcpy(copy, s, strlen(s) + 1);
	*point = 0;
	if ((dot = strchr(copy, '.')) != NULL) {
		*dot = '\0';
		if (series_number(dot + 1, point) != 0 || *point > 255)
			return (-1);
	}
	if (series_number(copy, version) != 0 || *version <= 0)
		return (-1);
	return (0);
}

static void
series_add_prefix(struct series_tag *tag, const char *word)
{
	size_t	len = strlen(tag->prefix);

	if (len + strlen(word) + 2 >= sizeof tag->prefix)
		return;
	if (len > 0)
		tag->prefix[len++] = ' ';
	strcpy(tag->prefix + len, word);
}

static void
series_token(struct series_tag *tag, char *tok)
{
	char	*slash;
	int	 m, k;

	/*
	 * git format-patch --subject-prefix="PATCH-next": "[PATCH-cgroup]",
	 * "[patch-4.16]", "[RFC-PATCH]".  The word before the dash is the
	 * tag, what follows it is read as a word of its own.
	 */
	if ((strncasecmp(tok, "patch-", 6) == 0 ||
	    strncasecmp(tok, "rfc-", 4) == 0) && strchr(tok, '-')[1] != '\0') {
		slash = strchr(tok, '-');
		*slash = '\0';
		series_token(tag, tok);
		series_token(tag, slash + 1);
		return;
	}
	if (strcasecmp(tok, "patch") == 0 || strcasecmp(tok, "patches") == 0)
		tag->flags |= SERIES_PATCH;
	else if (strncasecmp(tok, "patchv", 6) == 0 &&
	    series_version(tok + 6, &m, &k) == 0) {
		tag->flags |= SERIES_PATCH;
		tag->version = m;
		tag->point = k;
	} else if (strcasecmp(tok, "rfc") == 0 || strcasecmp(tok, "rfcv") == 0)
		tag->flags |= SERIES_RFC;
	else if (strcasecmp(tok, "resend") == 0)
		tag->flags |= SERIES_RESEND;
	else if (strcasecmp(tok, "design") == 0)
		tag->flags |= SERIES_DESIGN;
	else if (strcasecmp(tok, "doc") == 0 || strcasecmp(tok, "docs") == 0)
		tag->flags |= SERIES_DOC;
	else if (strcasecmp(tok, "pull") == 0 ||
	    strcasecmp(tok, "pull-request") == 0 || strcasecmp(tok, "git") == 0)
		tag->flags |= SERIES_PULL;
	else if ((tok[0] == 'v' || tok[0] == 'V') &&
	    series_version(tok + 1, &m, &k) == 0) {
		tag->version = m;
		tag->point = k;
	} else if ((slash = strchr(tok, '/')) != NULL) {
		*slash = '\0';
		if (series_number(tok, &m) == 0 &&
		    series_number(slash + 1, &k) == 0 && k > 0) {
			/* "16/15": a part added after the count, kept. */
			tag->part = m;
			tag->total = k;
			if (m > k)
				tag->flags |= SERIES_EXTRA;
		} else {
			*slash = '/';
			series_add_prefix(tag, tok);
		}
	} else
		series_add_prefix(tag, tok);
}

/* A list's own tag, "[Xen-devel]", "[Qemu-devel]": not part of a series. */
static int
series_is_list_tag(const char *group)
{
	size_t	len = strlen(group);

	return (strchr(group, ' ') == NULL && len > 6 &&
	    strcasecmp(group + len - 6, "-devel") == 0);
}

static void
series_group(struct series_tag *tag, const char *group)
{
	char	 copy[256], *tok, *save;

	if (series_is_list_tag(group))
		return;
	snprintf(copy, sizeof copy, "%s", group);
	for (tok = strtok_r(copy, " ,\t", &save); tok != NULL;
	    tok = strtok_r(NULL, " ,\t", &save))
		series_token(tag, tok);
}

char *
series_parse_subject(const char *subject, struct series_tag *tag)
{
	const char	*s, *close;
	char		*group, *norm;
	int		 seen_tag = 0;

	memset(tag, 0, sizeof *tag);
	tag->version = 1;
	tag->part = -1;
	s = series_skip_reply(subject, &tag->reply);
	for (;;) {
		while (isspace((unsigned char)*s))
			s++;
		if (*s != '[' || (close = strchr(s, ']')) == NULL)
			break;
		group = xstrndup(s + 1, (size_t)(close - s - 1));
		series_group(tag, group);
		free(group);
		seen_tag = 1;
		s = series_skip_reply(close + 1, &tag->reply);
	}
	(void)seen_tag;
	norm = xstrdup(s);
	text_collapse_ws(norm);
	text_lower(norm);
	return (norm);
}

int
series_is_posting(const struct series_tag *tag)
{
	return (tag->flags != 0 || tag->total > 0);
}

int
series_was_posting(const char *subject)
{
	struct series_tag	 tag;
	const char		*p;
	char			*norm;

	/*
	 * "New question (was Re: [PATCH 00/14] ...)": the thread is about
	 * the posting named in parentheses, "(was: ...)" or "(Re: ...)".
	 */
	for (p = strchr(subject, '('); p != NULL; p = strchr(p + 1, '(')) {
		if (strncasecmp(p + 1, "was", 3) == 0 &&
		    !isalnum((unsigned char)p[4])) {
			p += 4;
			if (*p == ':')
				p++;
		} else if (strncasecmp(p + 1, "re:", 3) == 0)
			p += 1;
		else
			continue;
		norm = series_parse_subject(p, &tag);
		free(norm);
		if (series_is_posting(&tag))
			return (1);
	}
	return (0);
}

static char *
series_line_value(const char *line, size_t skip)
{
	const char	*v = line + skip;
	size_t		 len;

	while (*v == ' ' || *v == '\t' || *v == '<')
		v++;
	len = strcspn(v, ">\r\n \t");
	return (len == 0 ? NULL : xstrndup(v, len));
}

void
series_body_links(const char *body, char **change_id, char **supersedes)
{
	const char	*p = body;

	*change_id = *supersedes = NULL;
	while (p != NULL && *p != '\0') {
		/* Stop at the diff: its lines are the patch, not the mail. */
		if (strncmp(p, "diff --git ", 11) == 0)
			break;
		if (*change_id == NULL && strncasecmp(p, "change-id:", 10) == 0)
			*change_id = series_line_value(p, 10);
		else if (*supersedes == NULL &&
		    strncasecmp(p, "supersedes:", 11) == 0)
			*supersedes = series_line_value(p, 11);
		p = strchr(p, '\n');
		if (p != NULL)
			p++;
	}
}
