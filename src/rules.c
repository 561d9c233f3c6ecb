/* rules.conf: classification rules compiled with PCRE2 (re.h). */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "conffile.h"
#include "re.h"
#include "rules.h"
#include "xmalloc.h"

struct rule {
	enum rules_class	 class;
	char			*name;
	char			*pattern;
	pcre2_code		*re;
	pcre2_match_data	*md;
	int			 line;
};

#define RULES_NGUARDS	3

struct rules {
	struct rule		*v;
	size_t			 n;
	pcre2_match_context	*mctx;
	/*
	 * The own-text rules of a scan (replies; postings: few classes, long
	 * commit messages) joined into one alternation per guard, the test a
	 * rule starts with: PCRE2 checks a guard once per position for the
	 * whole group, and a group of word rules gets a start-character map.
	 */
	struct rules_group {
		pcre2_code		*re;
		pcre2_match_data	*md;
		size_t			*rule;	/* alternative -> rule index */
	}			 combined[2][RULES_NGUARDS];
};

/* Line start, word boundary, and none (the rule joins as it is). */
static const char *const rules_guards[RULES_NGUARDS] = { "^", "\\b", "" };

#define RULES_FLAGS	(PCRE2_CASELESS | PCRE2_MULTILINE)

/* Sorted by name for bsearch; the groups each class must define. */
static const struct {
	const char		*name;
	enum rules_class	 class;
	const char		*groups[3];
} rules_classes[] = {
	{ "applied", RULES_APPLIED, { NULL } },
	{ "approval", RULES_APPROVAL, { NULL } },
	{ "bot", RULES_BOT, { NULL } },
	{ "command", RULES_COMMAND, { "verb", "args", NULL } },
	{ "design-path", RULES_DESIGN_PATH, { NULL } },
	{ "design-subject", RULES_DESIGN_SUBJECT, { NULL } },
	{ "lazy", RULES_LAZY, { NULL } },
	{ "nak", RULES_NAK, { NULL } },
	{ "not-nak", RULES_NOT_NAK, { NULL } },
	{ "objection", RULES_OBJECTION, { NULL } },
	{ "passing-subject", RULES_PASSING_SUBJECT, { NULL } },
	{ "ping", RULES_PING, { NULL } },
	{ "process", RULES_PROCESS, { NULL } },
	{ "proposal", RULES_PROPOSAL, { NULL } },
	{ "trailer", RULES_TRAILER, { "value", NULL } },
	{ "vote", RULES_VOTE, { "vote", NULL } },
	{ "window", RULES_WINDOW, { "n", "unit", NULL } },
	{ "withdraw", RULES_WITHDRAW, { NULL } },
};
#define RULES_NCLASSES	(sizeof rules_classes / sizeof rules_classes[0])

struct rules_parse {
	struct rules	*r;
	struct conffile	 f;
};

static int
rules_class_cmp(const void *key, const void *elem)
{
	return (strcmp(key, *(const char *const *)elem));
}

static int
rules_check_groups(struct rules_parse *p, pcre2_code *re, size_t c)
{
	const char	*const *g;

	for (g = rules_classes[c].groups; *g != NULL; g++) {
		if (pcre2_substring_number_from_name(re,
		    (PCRE2_SPTR)*g) < 0) {
			conffile_error(&p->f, "pattern lacks the named group: "
			    "%s", *g);
			return (-1);
		}
	}
	return (0);
}

static pcre2_code *
rules_compile(struct rules_parse *p, const char *pattern)
{
	pcre2_code	*re;
	char		*cause;

	/*
	 * Byte mode: the rules are ASCII words, and stored text is already
	 * valid UTF-8, so Unicode matching would only cost time.
	 */
	if ((re = re_compile(pattern, PCRE2_ZERO_TERMINATED, RULES_FLAGS,
	    &cause)) == NULL) {
		conffile_error(&p->f, "bad pattern: %s", cause);
		free(cause);
	}
	return (re);
}

static void
rules_line(struct rules_parse *p, char *line)
{
	const char	*const *found;
	struct rule	*rule;
	char		*class, *name, *pattern;
	pcre2_code	*re;
	size_t		 c;

	class = line + strspn(line, " \t");
	if (*class == '#' || *class == '\0')
		return;
	name = class + strcspn(class, " \t");
	if (*name != '\0')
		*name++ = '\0';
	name += strspn(name, " \t");
	pattern = name + strcspn(name, " \t");
	if (*pattern != '\0')
		*pattern++ = '\0';
	pattern += strspn(pattern, " \t");
	found = bsearch(class, rules_classes, RULES_NCLASSES,
	    sizeof rules_classes[0], rules_class_cmp);
	if (found == NULL) {
		conffile_error(&p->f, "unknown rule class: %s", class);
		return;
	}
	if (*name == '\0' || *pattern == '\0') {
		conffile_error(&p->f, "expected CLASS NAME PATTERN");
		return;
	}
	c = (size_t)((const char *)found - (const char *)rules_classes) /
	    sizeof rules_classes[0];
	if ((re = rules_compile(p, pattern)) == NULL)
		return;
	if (rules_check_groups(p, re, c) != 0) {
		pcre2_code_free(re);
		return;
	}
	p->r->v = xreallocarray(p->r->v, p->r->n + 1, sizeof *p->r->v);
	rule = &p->r->v[p->r->n++];
	rule->class = rules_classes[c].class;
	rule->name = xstrdup(name);
	rule->re = re;
	rule->md = pcre2_match_data_create_from_pattern(re, NULL);
	rule->line = p->f.line;
	rule->pattern = xstrdup(pattern);
}

static int
rules_in_scan(enum rules_class class, int which)
{
	if (which == RULES_SCAN_POSTING)
		return (class == RULES_LAZY || class == RULES_WINDOW ||
		    class == RULES_PROPOSAL || class == RULES_COMMAND);
	return (class != RULES_DESIGN_SUBJECT && class != RULES_DESIGN_PATH &&
	    class != RULES_BOT && class != RULES_PASSING_SUBJECT);
}

/*
 * Whether every top-level alternative of pattern starts with its first
 * token: false when a '|' sits outside all groups, or when the pattern
 * uses syntax this reader does not follow (\\Q..\\E, extended mode).
 */
static int
rules_single_branch(const char *s)
{
	int	depth = 0;

	if (strstr(s, "\\Q") != NULL || strstr(s, "(?x") != NULL ||
	    strstr(s, "(?^") != NULL)
		return (0);
	for (; *s != '\0'; s++) {
		switch (*s) {
		case '\\':
			if (*++s == '\0')
				return (0);
			break;
		case '[':
			s += s[1] == '^' ? 2 : 1;
			if (*s == ']')
				s++;
			for (; *s != ']'; s++) {
				/* [:alpha:] inside a class ends in its own ']'. */
				if (s[0] == '[' && s[1] == ':' &&
				    (s = strstr(s + 2, ":]")) != NULL)
					s++;
				if (s == NULL || *s == '\0' ||
				    (*s == '\\' && *++s == '\0'))
					return (0);
			}
			break;
		case '(':
			depth++;
			break;
		case ')':
			depth--;
			break;
		case '|':
			if (depth == 0)
				return (0);
			break;
		}
	}
	return (1);
}

/*
 * The guard a rule's pattern starts with, and the pattern without it:
 * "^x" is "^" then "x" when nothing but its first branch follows and the
 * guard is not quantified.  Other rules have guard "" and stay whole.
 */
static size_t
rules_guard(const struct rule *rule, const char **rest)
{
	const char	*p = rule->pattern;
	size_t		 g, n;

	*rest = p;
	if (!rules_single_branch(p))
		return (RULES_NGUARDS - 1);
	for (g = 0; g < RULES_NGUARDS - 1; g++) {
		n = strlen(rules_guards[g]);
		if (strncmp(p, rules_guards[g], n) == 0 && p[n] != '\0' &&
		    strchr("?*+{", p[n]) == NULL) {
			*rest = p + n;
			return (g);
		}
	}
	return (RULES_NGUARDS - 1);
}

/* Join the rules of one scan and guard: G(?:(?:P0)(*MARK:0)|...). */
static int
rules_combine_guard(struct rules *r, int which, size_t guard, char **cause)
{
	struct rules_group	*c = &r->combined[which][guard];
	struct buf		 b;
	const char		*rest;
	char			*why;
	size_t			 i, k = 0;

	buf_init(&b);
	buf_printf(&b, "%s(?:", rules_guards[guard]);
	c->rule = xcalloc(r->n + 1, sizeof *c->rule);
	for (i = 0; i < r->n; i++) {
		if (!rules_in_scan(r->v[i].class, which) ||
		    rules_guard(&r->v[i], &rest) != guard)
			continue;
		buf_printf(&b, "%s(?:%s)(*MARK:%zu)", k > 0 ? "|" : "", rest,
		    k);
		c->rule[k++] = i;
	}
	buf_add(&b, ")", 1);
	if (k == 0) {
		buf_release(&b);
		return (0);
	}
	c->re = re_compile(b.data, b.len, RULES_FLAGS | PCRE2_DUPNAMES, &why);
	buf_release(&b);
	if (c->re == NULL) {
		*cause = xasprintf("rules combined: %s", why);
		free(why);
		return (-1);
	}
	c->md = pcre2_match_data_create_from_pattern(c->re, NULL);
	return (0);
}

static int
rules_combine(struct rules *r, int which, char **cause)
{
	size_t	g;

	for (g = 0; g < RULES_NGUARDS; g++)
		if (rules_combine_guard(r, which, g, cause) != 0)
			return (-1);
	return (0);
}

/* Every line of f into new rules; their errors all at once. */
static int
rules_read(struct conffile *f, struct rules **out, char **cause)
{
	struct rules_parse	 p;
	char			*line;

	memset(&p, 0, sizeof p);
	p.r = xcalloc(1, sizeof *p.r);
	p.f = *f;
	p.r->mctx = re_context(RULES_MATCH_LIMIT, RULES_DEPTH_LIMIT);
	while ((line = conffile_getline(&p.f, NULL)) != NULL) {
		line[strcspn(line, "\r")] = '\0';
		rules_line(&p, line);
	}
	if (conffile_close(&p.f, cause) != 0) {
		rules_free(p.r);
		return (-1);
	}
	if (rules_combine(p.r, RULES_SCAN_REPLY, cause) != 0 ||
	    rules_combine(p.r, RULES_SCAN_POSTING, cause) != 0) {
		rules_free(p.r);
		return (-1);
	}
	*out = p.r;
	return (0);
}

int
rules_parse(const char *text, size_t len, const char *file,
    struct rules **out, char **cause)
{
	struct conffile	f;

	conffile_init(&f, file, text, len);
	return (rules_read(&f, out, cause));
}

int
rules_load(const char *path, struct rules **out, char **cause)
{
	struct conffile	f;

	if (conffile_open_or(&f, path, "pvbot/rules.conf", cause) != 0)
		return (-1);
	return (rules_read(&f, out, cause));
}

void
rules_free(struct rules *r)
{
	size_t	i;

	if (r == NULL)
		return;
	for (i = 0; i < r->n; i++) {
		free(r->v[i].name);
		free(r->v[i].pattern);
		pcre2_match_data_free(r->v[i].md);
		pcre2_code_free(r->v[i].re);
	}
	free(r->v);
	for (i = 0; i < 2 * RULES_NGUARDS; i++) {
		pcre2_match_data_free(r->combined[i / RULES_NGUARDS]
		    [i % RULES_NGUARDS].md);
		pcre2_code_free(r->combined[i / RULES_NGUARDS]
		    [i % RULES_NGUARDS].re);
		free(r->combined[i / RULES_NGUARDS][i % RULES_NGUARDS].rule);
	}
	pcre2_match_context_free(r->mctx);
	free(r);
}

size_t
rules_count(const struct rules *r, enum rules_class class)
{
	size_t	i, n = 0;

	for (i = 0; i < r->n; i++)
		n += r->v[i].class == class;
	return (n);
}

int
rules_match(const struct rules *r, enum rules_class class, const char *text,
    size_t len, size_t from, struct rules_hit *hit)
{
	const struct rule	*best = NULL;
	PCRE2_SIZE		*ov, bstart = 0, bend = 0;
	size_t			 i;
	int			 rc, error = 0;

	for (i = 0; i < r->n; i++) {
		if (r->v[i].class != class)
			continue;
		rc = re_match(r->v[i].re, text, len, from, r->v[i].md,
		    r->mctx);
		if (rc == RE_NOMATCH)
			continue;
		if (rc == RE_ERROR) {
			error = 1;
			continue;
		}
		ov = pcre2_get_ovector_pointer(r->v[i].md);
		if (best == NULL || ov[0] < bstart) {
			best = &r->v[i];
			bstart = ov[0];
			bend = ov[1];
		}
	}
	if (best == NULL)
		return (error ? RULES_ERROR : RULES_NOMATCH);
	/* Re-run the winner: another rule may have reused nothing, but be sure. */
	hit->name = best->name;
	hit->start = bstart;
	hit->end = bend;
	hit->md = best->md;
	hit->rule = best;
	hit->subject = text;
	return (RULES_MATCH);
}

/* A group's next match at or after from; -1 for none, -2 for an error. */
static int
rules_group_next(const struct rules *r, const struct rules_group *c,
    const char *text, size_t len, size_t from, size_t *at, size_t *rule)
{
	PCRE2_SPTR	mark;
	int		rc;

	rc = re_match(c->re, text, len, from, c->md, r->mctx);
	if (rc == RE_NOMATCH)
		return (-1);
	if (rc == RE_ERROR || (mark = pcre2_get_mark(c->md)) == NULL)
		return (-2);
	*at = pcre2_get_ovector_pointer(c->md)[0];
	*rule = c->rule[strtoul((const char *)mark, NULL, 10)];
	return (0);
}

/*
 * Each guard's group finds its own leftmost match; the earliest wins, and
 * at one position the rule earlier in the file, which is what one
 * alternation of all the rules in file order would have found.  A group
 * whose match the winner overlapped looks again after it.
 */
int
rules_scan(const struct rules *r, int which, const char *text, size_t len,
    void (*each)(const struct rules_hit *, enum rules_class, void *),
    void *arg)
{
	const struct rules_group	*c = r->combined[which], *w;
	struct rules_hit		 hit;
	const struct rule		*rule;
	PCRE2_SIZE			*ov;
	size_t				 at[RULES_NGUARDS] = { 0 };
	size_t				 idx[RULES_NGUARDS] = { 0 };
	size_t				 from = 0, g, best;
	int				 state[RULES_NGUARDS], rc;

	for (g = 0; g < RULES_NGUARDS; g++)
		state[g] = c[g].re == NULL ? -1 : 1;	/* 1: look again */
	for (;;) {
		best = RULES_NGUARDS;
		for (g = 0; g < RULES_NGUARDS; g++) {
			if (state[g] == 1 || (state[g] == 0 && at[g] < from)) {
				if (from > len)
					state[g] = -1;
				else if ((rc = rules_group_next(r, &c[g], text,
				    len, from, &at[g], &idx[g])) == -2)
					return (RULES_ERROR);
				else
					state[g] = rc;
			}
			if (state[g] == 0 && (best == RULES_NGUARDS ||
			    at[g] < at[best] || (at[g] == at[best] &&
			    idx[g] < idx[best])))
				best = g;
		}
		if (best == RULES_NGUARDS)
			return (RULES_MATCH);
		w = &c[best];
		rule = &r->v[idx[best]];
		ov = pcre2_get_ovector_pointer(w->md);
		hit.name = rule->name;
		hit.start = ov[0];
		hit.end = ov[1];
		hit.md = w->md;
		hit.rule = rule;
		hit.subject = text;
		each(&hit, rule->class, arg);
		from = ov[1] > ov[0] ? ov[1] : ov[0] + 1;
		state[best] = 1;
	}
}

char *
rules_hit_group(const struct rules_hit *hit, const char *name)
{
	PCRE2_UCHAR	*s;
	PCRE2_SIZE	 len;
	char		*out;

	if (pcre2_substring_get_byname(hit->md, (PCRE2_SPTR)name, &s,
	    &len) != 0)
		return (NULL);
	out = xstrndup((const char *)s, len);
	pcre2_substring_free(s);
	return (out);
}

void
rules_hit_free(struct rules_hit *hit)
{
	memset(hit, 0, sizeof *hit);
}
