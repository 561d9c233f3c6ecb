/* rules.conf: classification rules compiled with PCRE2 (re.h). */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "buf.h"
#include "conffile.h"
#include "re.h"
#include "rules.h"
#include "rules-int.h"
#include "rules-need.h"
#include "xmalloc.h"

/* Sorted by name for bsearch; the groups each class must define. */
static const struct {
	const char		*name;
	enum rules_class	 class;
	const char		*groups[3];
} rules_classes[] = {
	{ "accepts", RULES_ACCEPTS, { NULL } },
	{ "applied", RULES_APPLIED, { NULL } },
	{ "approval", RULES_APPROVAL, { NULL } },
	{ "asks-change", RULES_ASKS_CHANGE, { NULL } },
	{ "attribution", RULES_ATTRIBUTION, { NULL } },
	{ "bot", RULES_BOT, { NULL } },
	{ "command", RULES_COMMAND, { "verb", "args", NULL } },
	{ "concern", RULES_CONCERN, { NULL } },
	{ "conditional", RULES_CONDITIONAL, { NULL } },
	{ "design-path", RULES_DESIGN_PATH, { NULL } },
	{ "design-subject", RULES_DESIGN_SUBJECT, { NULL } },
	{ "discussion-subject", RULES_DISCUSSION_SUBJECT, { NULL } },
	{ "disputes", RULES_DISPUTES, { NULL } },
	{ "doubt", RULES_DOUBT, { NULL } },
	{ "lazy", RULES_LAZY, { NULL } },
	{ "nak", RULES_NAK, { NULL } },
	{ "not-nak", RULES_NOT_NAK, { NULL } },
	{ "not-objection", RULES_NOT_OBJECTION, { NULL } },
	{ "objection", RULES_OBJECTION, { NULL } },
	{ "own-end", RULES_OWN_END, { NULL } },
	{ "passing-subject", RULES_PASSING_SUBJECT, { NULL } },
	{ "ping", RULES_PING, { NULL } },
	{ "process", RULES_PROCESS, { NULL } },
	{ "proposal", RULES_PROPOSAL, { NULL } },
	{ "spam", RULES_SPAM, { NULL } },
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

int
rules_split_line(char *line, char **class, char **name, char **pattern)
{
	char	*c, *n, *p;

	c = line + strspn(line, " \t");
	if (*c == '#' || *c == '\0')
		return (0);
	n = c + strcspn(c, " \t");
	if (*n != '\0')
		*n++ = '\0';
	n += strspn(n, " \t");
	p = n + strcspn(n, " \t");
	if (*p != '\0')
		*p++ = '\0';
	p += strspn(p, " \t");
	*class = c;
	*name = n;
	*pattern = p;
	return (1);
}

static void
rules_line(struct rules_parse *p, char *line)
{
	const char	*const *found;
	struct rule	*rule;
	char		*class, *name, *pattern;
	pcre2_code	*re;
	size_t		 c;

	if (!rules_split_line(line, &class, &name, &pattern))
		return;
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
	rule->smd = pcre2_match_data_create_from_pattern(re, NULL);
	rule->need = rules_need_derive(pattern);
	rule->line = p->f.line;
	rule->pattern = xstrdup(pattern);
}

int
rules_in_scan(enum rules_class class, int which)
{
	switch (which) {
	case RULES_SCAN_POSTING:
		return (class == RULES_LAZY || class == RULES_WINDOW ||
		    class == RULES_COMMAND);
	case RULES_SCAN_EXACT:
		return (class == RULES_TRAILER || class == RULES_NAK ||
		    class == RULES_NOT_NAK || class == RULES_VOTE ||
		    class == RULES_APPLIED || class == RULES_PING ||
		    class == RULES_WITHDRAW || class == RULES_COMMAND ||
		    class == RULES_LAZY || class == RULES_WINDOW ||
		    class == RULES_PROCESS);
	case RULES_SCAN_PROSE:
		return (class == RULES_OBJECTION || class == RULES_DOUBT ||
		    class == RULES_NOT_OBJECTION || class == RULES_APPROVAL ||
		    class == RULES_PROPOSAL || class == RULES_SPAM);
	case RULES_SCAN_OWN:
		return (class == RULES_OWN_END || class == RULES_ATTRIBUTION);
	case RULES_SCAN_NEWTHREAD:
		return (class == RULES_PROPOSAL || class == RULES_SPAM);
	case RULES_SCAN_POINTS:
		return (class == RULES_ASKS_CHANGE || class == RULES_CONCERN ||
		    class == RULES_ACCEPTS || class == RULES_DISPUTES ||
		    class == RULES_CONDITIONAL);
	}
	return (class != RULES_DESIGN_SUBJECT && class != RULES_DESIGN_PATH &&
	    class != RULES_BOT && class != RULES_ATTRIBUTION &&
	    class != RULES_OWN_END && class != RULES_PASSING_SUBJECT &&
	    class != RULES_DISCUSSION_SUBJECT);
}

/* A scan's dispatcher (rules-dispatch.c), once. */
static int
rules_combine(struct rules *r, int which, char **cause)
{
	if (r->dispatch[which] != NULL)
		return (0);
	return (rules_dispatch_new(r, which, &r->dispatch[which], cause));
}

const char *
rules_class_name(enum rules_class class)
{
	size_t	i;

	for (i = 0; i < RULES_NCLASSES; i++)
		if (rules_classes[i].class == class)
			return (rules_classes[i].name);
	return ("?");
}

/*
 * The rules of a scan and their needs.  The scans of own-end marks and of
 * a posting run few rules over much text: cheaper than any index.  A
 * posting's three rules each run alone (PCRE2 finds their first bytes
 * quicker than the dispatcher finds its positions).
 */
static void
rules_needs_index(struct rules *r, int which)
{
	size_t	i, n = 0;

	r->scan_rule[which] = xcalloc(r->n + 1, sizeof *r->scan_rule[which]);
	for (i = 0; i < r->n; i++)
		if (rules_in_scan(r->v[i].class, which))
			r->scan_rule[which][n++] = i;
	r->nscan_rule[which] = n;
	if (which == RULES_SCAN_OWN || which == RULES_SCAN_POSTING)
		return;
	r->needs[which] = rules_needs_new();
	for (i = 0; i < n; i++)
		rules_needs_add(r->needs[which],
		    r->v[r->scan_rule[which][i]].need);
	r->alone[which] = n / RULES_ALONE_PER;
	if (r->alone[which] < RULES_ALONE_MIN)
		r->alone[which] = RULES_ALONE_MIN;
	if (r->alone[which] > RULES_SCAN_ALONE)
		r->alone[which] = RULES_SCAN_ALONE;


}

/*
 * The rules of each class: rules_match reads a class's few rules, not
 * every rule of the file.
 */
static void
rules_class_index(struct rules *r)
{
	size_t	i, c;

	for (i = 0; i < r->n; i++)
		r->nclass_rule[r->v[i].class]++;
	for (c = 0; c < RULES_CLASS_COUNT; c++) {
		r->class_rule[c] = xcalloc(r->nclass_rule[c] + 1,
		    sizeof *r->class_rule[c]);
		r->nclass_rule[c] = 0;
	}
	for (i = 0; i < r->n; i++) {
		c = r->v[i].class;
		r->class_rule[c][r->nclass_rule[c]++] = i;
	}
}

/* Every line of f into new rules; their errors all at once. */
static int
rules_read(struct conffile *f, struct rules **out, char **cause)
{
	struct rules_parse	 p;
	char			*line;
	size_t			 i;

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
	rules_class_index(p.r);
	/* The scans pvbot makes; all classes at once only on request. */
	for (i = 0; i < RULES_NSCANS; i++) {
		rules_needs_index(p.r, (int)i);
		if (i != RULES_SCAN_REPLY && rules_combine(p.r, (int)i,
		    cause) != 0) {
			rules_free(p.r);
			return (-1);
		}
	}
	*out = p.r;
	return (0);
}

int
rules_prepare(struct rules *r, int which, char **cause)
{
	return (rules_combine(r, which, cause));
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
		pcre2_match_data_free(r->v[i].smd);
		rules_need_free(r->v[i].need);
		pcre2_code_free(r->v[i].re);
	}
	free(r->v);
	for (i = 0; i < RULES_NSCANS; i++) {
		free(r->scan_rule[i]);
		rules_needs_free(r->needs[i]);
	}
	for (i = 0; i < RULES_CLASS_COUNT; i++)
		free(r->class_rule[i]);
	for (i = 0; i < RULES_NSCANS; i++)
		rules_dispatch_free(r->dispatch[i]);
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
	size_t			 i, k;
	int			 rc, error = 0;

	for (k = 0; k < r->nclass_rule[class]; k++) {
		i = r->class_rule[class][k];
		/* JIT's own entry skips pcre2_match's checks of from. */
		if (from <= len)
			rc = rules_scan_match(r->v[i].re, text, len, from,
			    r->v[i].md, r->mctx);
		else
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
