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

/* Line start, word boundary, and none (the rule joins as it is). */
static const char *const rules_guards[RULES_NGUARDS] = { "^", "\\b", "" };

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

static int
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
	    class != RULES_OWN_END && class != RULES_PASSING_SUBJECT);
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

static void
rules_key(const struct rule *rule, const char *rest, struct rules_key *k)
{
	const uint8_t	*map = NULL;
	uint32_t	 type = 0, unit = 0;

	memset(k, 0, sizeof *k);
	if ((k->word = rules_lead_word(rest)) != NULL)
		return;
	(void)pcre2_pattern_info(rule->re, PCRE2_INFO_FIRSTCODETYPE, &type);
	(void)pcre2_pattern_info(rule->re, PCRE2_INFO_FIRSTBITMAP, &map);
	if (type == 1)
		(void)pcre2_pattern_info(rule->re, PCRE2_INFO_FIRSTCODEUNIT,
		    &unit);
	if (type == 1 && unit < 256) {
		/* The unit may be caseless: take both cases. */
		k->set[unit / 8] |= 1 << (unit % 8);
		k->set[toupper((int)unit) / 8] |= 1 << (toupper((int)unit) % 8);
		k->set[tolower((int)unit) / 8] |= 1 << (tolower((int)unit) % 8);
	} else if (type != 1 && map != NULL)
		memcpy(k->set, map, sizeof k->set);
	else
		k->any = 1;
}

static int
rules_key_same(const struct rules_key *a, const struct rules_key *b)
{
	if (a->any || b->any)
		return (a->any && b->any);
	if (a->word != NULL || b->word != NULL)
		return (a->word != NULL && b->word != NULL &&
		    strcmp(a->word, b->word) == 0);
	return (memcmp(a->set, b->set, sizeof a->set) == 0);
}

/* A key's lookahead, into b: nothing for any. */
static void
rules_key_lookahead(const struct rules_key *k, struct buf *b)
{
	int	c;

	if (k->any)
		return;
	if (k->word != NULL) {
		buf_printf(b, "(?=%s\\b)", k->word);
		return;
	}
	buf_addstr(b, "(?=[");
	for (c = 0; c < 256; c++)
		if ((k->set[c / 8] >> (c % 8)) & 1)
			buf_printf(b, "\\x%02x", c);
	buf_addstr(b, "])");
}

/* Whether a key admits text starting with byte ch. */
static int
rules_key_first(const struct rules_key *k, int ch)
{
	if (k->any)
		return (1);
	if (k->word != NULL)
		return (tolower(ch) == (unsigned char)k->word[0]);
	return ((k->set[ch / 8] >> (ch % 8)) & 1);
}

/*
 * Whether a key group goes under the letters it admits: a key that admits
 * only letters, and few of them.  A group under several letters is
 * written under each, so one that admits many is written once, at the
 * end, under its own lookahead: the combined pattern stays within
 * PCRE2's size.
 */
#define RULES_KEY_LETTERS	4

static int
rules_key_lettered(const struct rules_key *k, int max)
{
	int	ch, n = 0;

	if (k->any)
		return (0);
	for (ch = 0; ch < 256; ch++) {
		if (!rules_key_first(k, ch))
			continue;
		if (!isalpha(ch))
			return (0);
		if (islower(ch) || !rules_key_first(k, tolower(ch)))
			n++;
	}
	return (n <= max);
}

/* The alternatives of one key group, under its lookahead, into b. */
static void
rules_key_group(struct rules *r, struct rules_group *c, size_t k,
    struct buf *b)
{
	const char	*rest;
	size_t		 j;
	int		 first = 1;

	for (j = 0; j < c->n; j++) {
		if (c->key[j].group != k)
			continue;
		if (first) {
			rules_key_lookahead(&c->key[j], b);
			buf_addstr(b, "(?:");
		}
		(void)rules_guard(&r->v[c->rule[j]], &rest);
		buf_printf(b, "%s(?:%s)(*MARK:%zu)", first ? "" : "|", rest, j);
		first = 0;
	}
	buf_addstr(b, ")");
}

/*
 * Word-initial letters of English text, most frequent first: the letter
 * of a position is found after this many failed tests, on average few.
 */
static const char rules_letters[] = "tasiowcbphfmdrelngu" "vyjkqxz";
#define RULES_LETTERS_RUN	5

/* "(?=[TtAa...])(?:", the test of the run of letters at l, into b. */
static void
rules_letters_lookahead(struct buf *b, const char *l, int bar)
{
	const char	*e = l + RULES_LETTERS_RUN;

	buf_addstr(b, bar ? "|(?=[" : "(?=[");
	for (; l < e && *l != '\0'; l++)
		buf_printf(b, "%c%c", *l, toupper((unsigned char)*l));
	buf_addstr(b, "])(?:");
}

/*
 * Join the rules of one scan and guard.  Rules that start alike share a
 * key group under one lookahead (in the order of each key's first rule);
 * key groups go under the first letters they admit, one test per letter,
 * so that a position is tried against the few groups its letter allows,
 * and the letters, most frequent first, in runs of five under one test of
 * the five, so that a letter is found after a few tests, not up to 26:
 * G(?:(?=[TtAaSsIiOo])(?:(?=[Tt])(?:K1(?:...)|K3(?:...))|(?=[Aa])(?:...)
 * |...)|(?=[WwCc...])(?:...)|...|K9(?:...)).  A key group admitting any
 * byte or one that is no letter comes last, tried everywhere.  A group
 * under several letters is written under each.
 */
static void
rules_part_free(struct rules_group *c)
{
	size_t	j;

	pcre2_match_data_free(c->md);
	pcre2_code_free(c->re);
	free(c->rule);
	for (j = 0; j < c->n; j++)
		free(c->key[j].word);
	free(c->key);
	memset(c, 0, sizeof *c);
}

/*
 * Part s of nsplit of a scan's rules under one guard: the rules from
 * ordinal lo to hi of those, in file order.  Returns 0, 1 when the pattern
 * is too large for PCRE2 (*why set), -1 on another error.
 */
static int
rules_combine_part(struct rules *r, int which, size_t guard, size_t lo,
    size_t hi, struct rules_group *c, char **why)
{
	struct buf		 b;
	const char		*rest, *l;
	size_t			 i, j, k, nth = 0, ngroups = 0, nalt = 0;
	size_t			 nin = 0;
	int			 inner, letters, errcode;

	c->rule = xcalloc(r->n + 1, sizeof *c->rule);
	c->key = xcalloc(r->n + 1, sizeof *c->key);
	for (i = 0; i < r->n; i++) {
		if (!rules_in_scan(r->v[i].class, which) ||
		    rules_guard(&r->v[i], &rest) != guard)
			continue;
		if (nth < lo || nth >= hi) {
			nth++;
			continue;
		}
		nth++;
		rules_key(&r->v[i], rest, &c->key[c->n]);
		for (j = 0; j < c->n; j++)
			if (rules_key_same(&c->key[j], &c->key[c->n]))
				break;
		c->key[c->n].group = j < c->n ? c->key[j].group : ngroups++;
		c->rule[c->n++] = i;
	}
	if (c->n == 0)
		return (0);
	letters = RULES_KEY_LETTERS;
	buf_init(&b);
	buf_printf(&b, "%s(?:", rules_guards[guard]);
	for (l = rules_letters; *l != '\0'; l++) {
		/* Letters go in fives under one test of all five. */
		if ((l - rules_letters) % RULES_LETTERS_RUN == 0) {
			if (nin > 0)
				buf_addstr(&b, ")");
			nin = 0;
		}
		inner = 0;
		for (k = 0; k < ngroups; k++) {
			for (j = 0; j < c->n && c->key[j].group != k; j++)
				;
			/*
			 * The letter's lookahead takes both cases; so must
			 * this test: (?-i:NAK) admits 'N' but not 'n'.
			 */
			if (!rules_key_lettered(&c->key[j], letters) ||
			    (!rules_key_first(&c->key[j], *l) &&
			    !rules_key_first(&c->key[j],
			    toupper((unsigned char)*l))))
				continue;
			if (inner++ == 0 && nin++ == 0)
				rules_letters_lookahead(&b, rules_letters +
				    (size_t)(l - rules_letters) /
				    RULES_LETTERS_RUN * RULES_LETTERS_RUN,
				    nalt++ > 0);
			if (inner == 1)
				buf_printf(&b, "%s(?=[%c%c])(?:", nin > 1 ?
				    "|" : "", *l, toupper((unsigned char)*l));
			else
				buf_addstr(&b, "|");
			rules_key_group(r, c, k, &b);
		}
		if (inner > 0)
			buf_addstr(&b, ")");
	}
	if (nin > 0)
		buf_addstr(&b, ")");
	/* Groups that may start with something else, or many letters. */
	for (k = 0; k < ngroups; k++) {
		for (j = 0; j < c->n && c->key[j].group != k; j++)
			;
		if (rules_key_lettered(&c->key[j], letters))
			continue;
		buf_addstr(&b, nalt++ > 0 ? "|" : "");
		rules_key_group(r, c, k, &b);
	}
	buf_add(&b, ")", 1);
	c->re = re_compile_code(b.data, b.len, RULES_FLAGS | PCRE2_DUPNAMES,
	    &errcode, why);
	buf_release(&b);
	if (c->re == NULL)
		return (errcode == PCRE2_ERROR_PATTERN_TOO_LARGE ? 1 : -1);
	c->md = pcre2_match_data_create_from_pattern(c->re, NULL);
	return (0);
}

/* A scan's rules under one guard, in as few parts as PCRE2 takes. */
static int
rules_combine_guard(struct rules *r, int which, size_t guard, char **cause)
{
	struct rules_group	*c = r->combined[which];
	const char		*rest;
	char			*why = NULL;
	size_t			 i, n = 0, s, nsplit;
	int			 rc = 0;

	for (i = 0; i < r->n; i++)
		if (rules_in_scan(r->v[i].class, which) &&
		    rules_guard(&r->v[i], &rest) == guard)
			n++;
	for (nsplit = 1; nsplit <= RULES_SPLITS; nsplit *= 2) {
		for (s = 0; s < nsplit; s++) {
			rc = rules_combine_part(r, which, guard, n * s / nsplit,
			    n * (s + 1) / nsplit, &c[s * RULES_NGUARDS + guard],
			    &why);
			if (rc != 0)
				break;
		}
		if (rc == 0)
			return (0);
		for (s = 0; s < RULES_SPLITS; s++)
			rules_part_free(&c[s * RULES_NGUARDS + guard]);
		if (rc < 0)
			break;
		free(why);
		why = NULL;
	}
	*cause = xasprintf("rules combined: %s", why != NULL ? why :
	    "too large");
	free(why);
	return (-1);
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
 * a posting run few rules over much text, combined: cheaper than any
 * index.
 */
static void
rules_needs_index(struct rules *r, int which)
{
	size_t	i, n = 0;

	if (which == RULES_SCAN_OWN || which == RULES_SCAN_POSTING)
		return;
	r->scan_rule[which] = xcalloc(r->n + 1, sizeof *r->scan_rule[which]);
	r->needs[which] = rules_needs_new();
	for (i = 0; i < r->n; i++) {
		if (!rules_in_scan(r->v[i].class, which))
			continue;
		r->scan_rule[which][n++] = i;
		rules_needs_add(r->needs[which], r->v[i].need);
	}
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
	size_t	g;

	for (g = 0; g < RULES_NPARTS; g++)
		if (r->combined[which][g].rule != NULL)
			return (0);
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
	struct rules_group	*c;
	size_t			 i;

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
	for (i = 0; i < RULES_NSCANS * RULES_NPARTS; i++) {
		c = &r->combined[i / RULES_NPARTS][i % RULES_NPARTS];
		rules_part_free(c);
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
	size_t			 i, k;
	int			 rc, error = 0;

	for (k = 0; k < r->nclass_rule[class]; k++) {
		i = r->class_rule[class][k];
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
