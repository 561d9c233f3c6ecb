/* Message-IDs and subjects from commit messages. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "commits-match.h"
#include "message.h"
#include "series.h"
#include "xmalloc.h"

/* Longest Message-ID taken (RFC 5322 lines are 998 bytes). */
#define COMMITS_MATCH_MAX	998

static int
commits_match_hex(int c)
{
	if (c >= '0' && c <= '9')
		return (c - '0');
	c = tolower(c);
	if (c >= 'a' && c <= 'f')
		return (c - 'a' + 10);
	return (-1);
}

/* A Message-ID from s[0..len): URL escapes undone, brackets dropped. */
static char *
commits_match_id(const char *s, size_t len)
{
	char	*id, *d;
	size_t	 i;
	int	 hi, lo;

	while (len > 0 && (*s == '<' || isspace((unsigned char)*s))) {
		s++;
		len--;
	}
	while (len > 0 && (s[len - 1] == '>' || s[len - 1] == '/' ||
	    isspace((unsigned char)s[len - 1])))
		len--;
	if (len == 0 || len > COMMITS_MATCH_MAX)
		return (NULL);
	id = d = xmalloc(len + 1);
	for (i = 0; i < len; i++) {
		if (s[i] == '%' && i + 2 < len &&
		    (hi = commits_match_hex((unsigned char)s[i + 1])) >= 0 &&
		    (lo = commits_match_hex((unsigned char)s[i + 2])) >= 0) {
			*d++ = (char)(hi * 16 + lo);
			i += 2;
		} else
			*d++ = s[i];
	}
	*d = '\0';
	/* A Message-ID has one @ and no spaces or brackets. */
	if (strchr(id, '@') == NULL || strpbrk(id, " \t<>") != NULL) {
		free(id);
		return (NULL);
	}
	return (id);
}

/*
 * The value of a Link: line: the last path segment of a URL (lore puts
 * the Message-ID there, with or without a trailing slash), or the value
 * itself.
 */
static char *
commits_match_link(const char *v, size_t len)
{
	const char	*seg;
	size_t		 n = len;

	while (n > 0 && (v[n - 1] == '/' || v[n - 1] == '>' ||
	    isspace((unsigned char)v[n - 1])))
		n--;
	for (seg = v + n; seg > v && seg[-1] != '/'; seg--)
		;
	return (commits_match_id(seg, (size_t)(v + n - seg)));
}

static void
commits_match_add(char ***out, size_t *n, char *id)
{
	size_t	i;

	if (id == NULL)
		return;
	for (i = 0; i < *n; i++) {
		if (strcmp((*out)[i], id) == 0) {
			free(id);
			return;
		}
	}
	*out = xreallocarray(*out, *n + 1, sizeof **out);
	(*out)[(*n)++] = id;
}

size_t
commits_match_links(const char *msg, char ***out)
{
	const char	*line, *nl, *p;
	size_t		 n = 0, len;

	*out = NULL;
	for (line = msg; line != NULL && *line != '\0'; line = nl != NULL ?
	    nl + 1 : NULL) {
		nl = strchr(line, '\n');
		len = nl != NULL ? (size_t)(nl - line) : strlen(line);
		p = line + strspn(line, " \t");
		len -= (size_t)(p - line);
		if (len > 5 && strncasecmp(p, "Link:", 5) == 0)
			commits_match_add(out, &n, commits_match_link(p + 5,
			    len - 5));
		else if (len > 11 && strncasecmp(p, "Message-Id:", 11) == 0)
			commits_match_add(out, &n, commits_match_id(p + 11,
			    len - 11));
	}
	return (n);
}

void
commits_match_links_free(char **v, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

char *
commits_match_subject(const char *subject)
{
	struct series_tag	tag;

	return (series_parse_subject(subject, &tag));
}

char *
commits_match_url(const char *tmpl, const char *oid)
{
	const char	*pct;

	/* config check allows one %s and no other conversion. */
	if (tmpl == NULL || (pct = strstr(tmpl, "%s")) == NULL)
		return (NULL);
	return (xasprintf("%.*s%s%s", (int)(pct - tmpl), tmpl, oid, pct + 2));
}

int
commits_match_raw_patch_id(const char *raw, size_t len, time_t date,
    char hex[PATCHID_HEX])
{
	struct message_env	 env;
	struct message		*m;
	char			*why = NULL;
	int			 r = -1;

	memset(&env, 0, sizeof env);
	env.envelope_date = date;
	if (message_parse(raw, len, &env, &m, &why) != 0) {
		free(why);
		return (-1);
	}
	if (m->patch != NULL && patchid_text(m->patch, strlen(m->patch),
	    hex) == 0)
		r = 0;
	message_free(m);
	return (r);
}
