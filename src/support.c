/* SUPPORT.md reader: Status lines per section, mapped to stages. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "protocols.h"
#include "support.h"
#include "xmalloc.h"

/* Where the parser stands: the headings above the current line. */
struct support_parse {
	char	*section;	/* level-2 heading: "... guest side" */
	char	*feature;	/* latest heading, side and "(...)" removed */
	char	*side;		/* from the heading, or NULL */
	char	*paren;		/* other "(...)" text of the heading */
	struct support_entry *v;
	size_t	 n;
};

static char *
support_trim(char *s)
{
	char	*end;

	s += strspn(s, " \t");
	end = s + strlen(s);
	while (end > s && isspace((unsigned char)end[-1]))
		end--;
	*end = '\0';
	return (s);
}

/* Whether s starts with word, ignoring case, as a whole word. */
static int
support_starts(const char *s, const char *word)
{
	size_t	len = strlen(word);

	return (strncasecmp(s, word, len) == 0 &&
	    !isalpha((unsigned char)s[len]));
}

/* Whether a ends with the whole word w, preceded by a blank. */
static int
support_ends(const char *s, const char *w)
{
	size_t	slen = strlen(s), wlen = strlen(w);

	return (slen > wlen && strcasecmp(s + slen - wlen, w) == 0 &&
	    (s[slen - wlen - 1] == ' ' || s[slen - wlen - 1] == '\t'));
}

int
support_stage(const char *status)
{
	status += strspn(status, " \t");
	if (support_starts(status, "experimental") ||
	    support_starts(status, "tech preview"))
		return (SUPPORT_STAGE_PROTOTYPE);
	if (support_starts(status, "supported"))
		return (SUPPORT_STAGE_PRODUCTION);
	return (SUPPORT_STAGE_UNKNOWN);
}

static void
support_clear_heading(struct support_parse *sp)
{
	free(sp->feature);
	free(sp->side);
	free(sp->paren);
	sp->feature = sp->side = sp->paren = NULL;
}

/* Take "(frontend)", "(xenconsoled)" or a final "frontend" off text. */
static void
support_split_heading(struct support_parse *sp, char *text)
{
	static const char	*sides[] = { "frontend", "backend" };
	char			*open;
	size_t			 i, len = strlen(text);

	if (len > 0 && text[len - 1] == ')' &&
	    (open = strrchr(text, '(')) != NULL) {
		text[len - 1] = '\0';
		*open++ = '\0';
		open = support_trim(open);
		for (i = 0; i < 2; i++)
			if (strcasecmp(open, sides[i]) == 0)
				sp->side = xstrdup(sides[i]);
		if (sp->side == NULL && *open != '\0')
			sp->paren = xstrdup(open);
		text = support_trim(text);
	}
	for (i = 0; sp->side == NULL && i < 2; i++) {
		if (support_ends(text, sides[i])) {
			sp->side = xstrdup(sides[i]);
			text[strlen(text) - strlen(sides[i])] = '\0';
			text = support_trim(text);
		}
	}
	sp->feature = xstrdup(text);
}

/* A "#"-heading: level 1 and 2 open sections, any level names a feature. */
static void
support_heading(struct support_parse *sp, char *line)
{
	char	*text;
	size_t	 level, len;

	level = strspn(line, "#");
	text = support_trim(line + level);
	len = strlen(text);
	if (len > 0 && text[len - 1] == ':')
		text[len - 1] = '\0';
	text = support_trim(text);
	support_clear_heading(sp);
	if (level <= 2) {
		free(sp->section);
		sp->section = level == 2 ? xstrdup(text) : NULL;
	}
	support_split_heading(sp, text);
}

/* The side a section's name implies, for headings that do not say. */
static const char *
support_section_side(const struct support_parse *sp)
{
	if (sp->section == NULL)
		return (NULL);
	if (strcasestr(sp->section, "guest side") != NULL)
		return ("frontend");
	if (strcasestr(sp->section, "host side") != NULL)
		return ("backend");
	return (NULL);
}

/*
 * "Status: X" or "Status, QUALIFIER: X" in a literal block.  Returns 1
 * when the line was one.
 */
static int
support_status(struct support_parse *sp, char *line, int lineno)
{
	struct support_entry	*e;
	char			*s, *colon, *impl = NULL;
	const char		*side;

	if (strncmp(line, "    ", 4) != 0 && line[0] != '\t')
		return (0);
	s = support_trim(line);
	if (strncmp(s, "Status", 6) != 0 || (s[6] != ':' && s[6] != ',') ||
	    (colon = strchr(s, ':')) == NULL)
		return (0);
	*colon = '\0';
	if (s[6] == ',')
		impl = support_trim(s + 7);
	if (sp->feature == NULL || *sp->feature == '\0')
		return (1);
	side = sp->side != NULL ? sp->side : support_section_side(sp);
	sp->v = xreallocarray(sp->v, sp->n + 1, sizeof *sp->v);
	e = &sp->v[sp->n++];
	e->feature = xstrdup(sp->feature);
	e->side = side != NULL ? xstrdup(side) : NULL;
	if (impl == NULL || *impl == '\0')
		impl = sp->paren;
	e->impl = impl != NULL ? xstrdup(impl) : NULL;
	e->status = xstrdup(support_trim(colon + 1));
	e->stage = support_stage(e->status);
	e->line = lineno;
	return (1);
}

int
support_parse(const char *text, size_t len, struct support_entry **out,
    size_t *n, char **cause)
{
	struct support_parse	 sp;
	const char		*end = text + len, *nl;
	char			*line;
	int			 lineno = 0;

	memset(&sp, 0, sizeof sp);
	for (; len > 0 && text < end; text = nl + 1) {
		if ((nl = memchr(text, '\n', (size_t)(end - text))) == NULL)
			nl = end;
		lineno++;
		line = xstrndup(text, (size_t)(nl - text));
		if (line[0] == '#' && (line[strspn(line, "#")] == ' ' ||
		    line[strspn(line, "#")] == '\0'))
			support_heading(&sp, line);
		else
			support_status(&sp, line, lineno);
		free(line);
	}
	support_clear_heading(&sp);
	free(sp.section);
	if (sp.n == 0) {
		*cause = xstrdup("no Status lines found: not a SUPPORT.md?");
		return (-1);
	}
	*out = sp.v;
	*n = sp.n;
	return (0);
}

void
support_free(struct support_entry *v, size_t n)
{
	size_t	i;

	if (v == NULL)
		return;
	for (i = 0; i < n; i++) {
		free(v[i].feature);
		free(v[i].side);
		free(v[i].impl);
		free(v[i].status);
	}
	free(v);
}

/* Equal when only letters and digits are compared, ignoring case. */
static int
support_same(const char *a, const char *b)
{
	for (;;) {
		while (*a != '\0' && !isalnum((unsigned char)*a))
			a++;
		while (*b != '\0' && !isalnum((unsigned char)*b))
			b++;
		if (*a == '\0' || *b == '\0')
			return (*a == *b);
		if (tolower((unsigned char)*a) != tolower((unsigned char)*b))
			return (0);
		a++;
		b++;
	}
}

static int
support_applies(const struct support_entry *e, const struct protocol *p)
{
	size_t	i;

	for (i = 0; i < p->nsupport; i++)
		if (support_same(e->feature, p->support_names[i]))
			return (1);
	/* Other sections could share a word with an alias by chance. */
	if (strncasecmp(e->feature, "PV", 2) != 0)
		return (0);
	if (support_same(e->feature, p->name) ||
	    (p->title != NULL && support_same(e->feature, p->title)))
		return (1);
	for (i = 0; i < p->naliases; i++)
		if (support_same(e->feature, p->aliases[i]))
			return (1);
	return (0);
}

int
support_stage_of(const struct support_entry *v, size_t n,
    const struct protocol *p)
{
	size_t	i;
	int	best = SUPPORT_STAGE_UNKNOWN;

	for (i = 0; i < n; i++)
		if (v[i].stage > best && support_applies(&v[i], p))
			best = v[i].stage;
	return (best);
}
