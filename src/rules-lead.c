/*
 * Where and how a rule's match can start (rules-int.h): at any position,
 * at a word boundary, at a line start, or past a line's leading blanks;
 * and with one of a few words ("this", "that", "it" for
 * \b(?:this|that|it)\s+...), else with one of the bytes PCRE2 reports,
 * else with anything.  The dispatcher (rules-dispatch.c) tries a rule
 * only where its start fits, so every reading here errs on the side of
 * "may fit": syntax this reader does not follow gives no words.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "re.h"
#include "rules.h"
#include "rules-int.h"
#include "rules-need.h"
#include "xmalloc.h"

/* More words than this, or longer, and the start says too little. */
#define LEAD_WORDS	64
#define LEAD_LEN	24

enum { LEAD_OPEN, LEAD_WHOLE, LEAD_PREFIX, LEAD_BYTES };

/* A word a match may start with, as far as it is known. */
struct lead_part {
	char		w[LEAD_LEN + 1];
	size_t		len;
	int		state;	/* open: the pattern goes on; whole: a
				   non-word follows; prefix: more word bytes
				   may follow; bytes: no word, one of set */
	int		bound;	/* it starts at a \b */
	int		line;	/* it starts at a line start */
	unsigned char	set[32];
};

struct lead_set {
	struct lead_part	v[LEAD_WORDS];
	size_t			n;
};

struct lead_parse {
	const char	*p;
	int		 bad;
};

static int
lead_isword(int c)
{
	return (c < 128 && (isalnum(c) || c == '_'));
}

static void
lead_add(struct lead_parse *lp, struct lead_set *s,
    const struct lead_part *part)
{
	size_t	i;

	for (i = 0; i < s->n; i++)
		if (s->v[i].state == part->state && s->v[i].len == part->len &&
		    memcmp(s->v[i].w, part->w, part->len) == 0 &&
		    s->v[i].bound == part->bound &&
		    s->v[i].line == part->line &&
		    memcmp(s->v[i].set, part->set, sizeof part->set) == 0)
			return;
	if (s->n == LEAD_WORDS) {
		lp->bad = 1;
		return;
	}
	s->v[s->n++] = *part;
}

/* Copy the words of a set, not its room. */
static void
lead_copy(struct lead_set *to, const struct lead_set *from)
{
	memcpy(to->v, from->v, from->n * sizeof from->v[0]);
	to->n = from->n;
}

/*
 * One of the non-word bytes of set: it ends the open words, and is the
 * first byte of a match that starts with no word.
 */
static void
lead_nonword(struct lead_set *s, const unsigned char *set)
{
	size_t	i;

	for (i = 0; i < s->n; i++) {
		if (s->v[i].state != LEAD_OPEN)
			continue;
		if (s->v[i].len == 0) {
			s->v[i].state = LEAD_BYTES;
			memcpy(s->v[i].set, set, sizeof s->v[i].set);
		} else
			s->v[i].state = LEAD_WHOLE;
	}
}

static void
lead_set_add(unsigned char *set, int c)
{
	set[c / 8] |= 1 << (c % 8);
}

/* The bytes of an escape of a class of spaces (\s, \h, ...), else 0. */
static int
lead_space_escape(int e, unsigned char *set)
{
	const char	*bytes;

	switch (e) {
	case 's':
		bytes = " \t\n\v\f\r";
		break;
	case 'h':
		bytes = " \t\xa0";
		break;
	case 'v': case 'R':
		bytes = "\n\v\f\r\x85";
		break;
	case 't':
		bytes = "\t";
		break;
	case 'n':
		bytes = "\n";
		break;
	case 'r':
		bytes = "\r";
		break;
	case 'f':
		bytes = "\f";
		break;
	default:
		return (0);
	}
	for (; *bytes != '\0'; bytes++)
		lead_set_add(set, (unsigned char)*bytes);
	return (1);
}

/* What a byte does to the open words: a word byte extends them. */
static void
lead_byte(struct lead_set *s, int c)
{
	unsigned char	set[32];
	size_t		i;

	if (!lead_isword(c)) {
		memset(set, 0, sizeof set);
		lead_set_add(set, c);
		lead_nonword(s, set);
		return;
	}
	for (i = 0; i < s->n; i++) {
		if (s->v[i].state != LEAD_OPEN)
			continue;
		if (s->v[i].len == LEAD_LEN)
			s->v[i].state = LEAD_PREFIX;
		else
			s->v[i].w[s->v[i].len++] = (char)tolower(c);
	}
}

/* Something unknown follows the open words: they are prefixes. */
static void
lead_unknown(struct lead_parse *lp, struct lead_set *s)
{
	size_t	i;

	for (i = 0; i < s->n; i++) {
		if (s->v[i].state != LEAD_OPEN)
			continue;
		if (s->v[i].len == 0)
			lp->bad = 1;
		s->v[i].state = LEAD_PREFIX;
	}
}

/* Zero-width tests. */
#define LEAD_ZERO_BOUND	1	/* \b */
#define LEAD_ZERO_LINE	2	/* ^, \A */
#define LEAD_ZERO_OTHER	3

/*
 * A zero-width test: \b ends the open words, others leave prefixes; at
 * the start, \b and ^ say where the match starts.
 */
static void
lead_zero(struct lead_set *s, int kind)
{
	size_t	i;

	for (i = 0; i < s->n; i++) {
		if (s->v[i].state != LEAD_OPEN)
			continue;
		if (s->v[i].len > 0)
			s->v[i].state = kind == LEAD_ZERO_BOUND ? LEAD_WHOLE :
			    LEAD_PREFIX;
		else if (kind == LEAD_ZERO_BOUND)
			s->v[i].bound = 1;
		else if (kind == LEAD_ZERO_LINE)
			s->v[i].line = 1;
	}
}

/* Past the group at p ('('), nesting, escapes and classes followed. */
static void
lead_skip_group(struct lead_parse *lp)
{
	const char	*p = lp->p;
	int		 depth = 0;

	for (; *p != '\0'; p++) {
		if (*p == '\\' && p[1] != '\0')
			p++;
		else if (*p == '[') {
			p += p[1] == '^' ? 2 : 1;
			if (*p == ']')
				p++;
			while (*p != '\0' && *p != ']') {
				if (*p == '\\' && p[1] != '\0')
					p++;
				p++;
			}
			if (*p == '\0')
				break;
		} else if (*p == '(')
			depth++;
		else if (*p == ')' && --depth == 0) {
			lp->p = p + 1;
			return;
		}
	}
	lp->bad = 1;
	lp->p = p;
}

/*
 * A class at p ('['): 1 with its bytes in set when it holds only
 * non-word bytes ("[ \t]", "[.!:]"), else 0.
 */
static int
lead_class(struct lead_parse *lp, unsigned char *set)
{
	const char	*p = lp->p + 1;
	int		 nonword = 1;

	memset(set, 0, 32);
	if (*p == '^') {
		nonword = 0;
		p++;
	}
	if (*p == ']') {
		nonword = 0;
		p++;
	}
	for (; *p != ']'; p++) {
		if (*p == '\0') {
			lp->bad = 1;
			lp->p = p;
			return (0);
		}
		if (*p == '\\' && p[1] != '\0') {
			p++;
			if (!lead_space_escape(*p, set) &&
			    (isalnum((unsigned char)*p) || *p == '_'))
				nonword = 0;
			else if (!isalnum((unsigned char)*p))
				lead_set_add(set, (unsigned char)*p);
		} else if (*p == '[' || lead_isword((unsigned char)*p) ||
		    (*p == '-' && p[-1] != '[' && p[1] != ']'))
			nonword = 0;	/* a range, or word bytes */
		else
			lead_set_add(set, (unsigned char)*p);
	}
	lp->p = p + 1;
	return (nonword);
}

/* A quantifier at lp's place, as rules_quantifier. */
static int
lead_quantifier(struct lead_parse *lp, int *min, int *many)
{
	int	 found;

	if ((found = rules_quantifier(lp->p, min, many, &lp->p)) == -1)
		lp->bad = 1;
	return (found == 1);
}

static void lead_alt(struct lead_parse *, struct lead_set *);

/* An escape at p ('\\') applied to s. */
static void
lead_escape(struct lead_parse *lp, struct lead_set *s)
{
	const char	*p = lp->p + 1;
	char		*end;
	unsigned char	 set[32];
	long		 c;
	int		 i;

	lp->p = p + 1;
	memset(set, 0, sizeof set);
	if (*p == 'W') {
		for (i = 0; i < 256; i++)
			if (!lead_isword(i))
				lead_set_add(set, i);
		lead_nonword(s, set);
		return;
	}
	if (lead_space_escape(*p, set)) {
		lead_nonword(s, set);
		return;
	}
	switch (*p) {
	case 'b':
		lead_zero(s, LEAD_ZERO_BOUND);
		return;
	case 'A':
		lead_zero(s, LEAD_ZERO_LINE);
		return;
	case 'B': case 'z': case 'Z': case 'G':
		lead_zero(s, LEAD_ZERO_OTHER);
		return;
	case 'x':
		if (p[1] == '{')
			c = strtol(p + 2, &end, 16);
		else if (isxdigit((unsigned char)p[1]) &&
		    isxdigit((unsigned char)p[2]))
			c = strtol((char[3]){ p[1], p[2], '\0' }, &end, 16);
		else {
			lp->bad = 1;
			return;
		}
		if (p[1] == '{' && (end = strchr(p, '}')) == NULL) {
			lp->bad = 1;
			return;
		}
		lp->p = p[1] == '{' ? end + 1 : p + 3;
		lead_byte(s, (int)(c & 0xff));
		return;
	}
	if (*p != '\0' && strchr("dwDSNHVX", *p) != NULL)
		lead_unknown(lp, s);	/* a class of bytes, words among them */
	else if (*p == '\0' || isalnum((unsigned char)*p) || *p == '_')
		lp->bad = 1;	/* \Q, \K, back references: not followed */
	else
		lead_byte(s, (unsigned char)*p);
}

/* A group at p ('('), applied to s; lookarounds match no text. */
static void
lead_group(struct lead_parse *lp, struct lead_set *s)
{
	const char	*p = lp->p + 1;

	if (*p == '*') {
		lp->bad = 1;
		return;
	}
	if (*p == '?') {
		p++;
		if (*p == '=' || *p == '!' || (*p == '<' && (p[1] == '=' ||
		    p[1] == '!'))) {
			lead_skip_group(lp);
			return;
		}
		if (*p == '<' || *p == '\'' || (*p == 'P' && p[1] == '<')) {
			if ((p = strpbrk(p + 1, ">'")) == NULL) {
				lp->bad = 1;
				return;
			}
			p++;
		} else if (*p == '>' || *p == ':')
			p++;
		else {
			/*
			 * Option letters, then ':' ("(?-i:LGTM)"); not x:
			 * in extended mode blanks are not bytes to match.
			 */
			p += strspn(p, "imns-");
			if (*p != ':') {
				lp->bad = 1;
				return;
			}
			p++;
		}
	}
	lp->p = p;
	lead_alt(lp, s);
	if (*lp->p != ')') {
		lp->bad = 1;
		return;
	}
	lp->p++;
}

/* One atom at p applied to s: 0 at the end of a branch. */
static int
lead_atom(struct lead_parse *lp, struct lead_set *s)
{
	unsigned char	set[32];

	switch (*lp->p) {
	case '\0': case '|': case ')':
		return (0);
	case '\\':
		lead_escape(lp, s);
		break;
	case '(':
		lead_group(lp, s);
		break;
	case '[':
		if (lead_class(lp, set))
			lead_nonword(s, set);
		else
			lead_unknown(lp, s);
		break;
	case '^': case '$':
		lead_zero(s, *lp->p++ == '^' ? LEAD_ZERO_LINE :
		    LEAD_ZERO_OTHER);
		break;
	case '.':
		lp->p++;
		lead_unknown(lp, s);
		break;
	case '*': case '+': case '?': case '{':
		lp->bad = 1;
		return (0);
	default:
		lead_byte(s, (unsigned char)*lp->p++);
		break;
	}
	return (!lp->bad);
}

/* A branch at p applied to s, up to its '|' or ')'. */
static void
lead_branch(struct lead_parse *lp, struct lead_set *s)
{
	struct lead_set	*before;
	size_t		 i;
	int		 min, many;

	before = xmalloc(sizeof *before);
	for (;;) {
		lead_copy(before, s);
		if (!lead_atom(lp, s))
			break;
		if (!lead_quantifier(lp, &min, &many))
			continue;
		if (many)
			lead_unknown(lp, s);
		for (i = 0; min == 0 && i < before->n; i++)
			lead_add(lp, s, &before->v[i]);
		if (lp->bad)
			break;
	}
	free(before);
}

/* Branches at p, each applied to a copy of s, their union into s. */
static void
lead_alt(struct lead_parse *lp, struct lead_set *s)
{
	struct lead_set	*in, *out;
	size_t		 i;

	in = xmalloc(sizeof *in);
	out = xmalloc(sizeof *out);
	lead_copy(in, s);
	out->n = 0;
	for (;;) {
		lead_copy(s, in);
		lead_branch(lp, s);
		for (i = 0; i < s->n; i++)
			lead_add(lp, out, &s->v[i]);
		if (lp->bad || *lp->p != '|')
			break;
		lp->p++;
	}
	lead_copy(s, out);
	free(out);
	free(in);
}

static int
lead_cmp(const void *a, const void *b)
{
	const struct lead_part	*x = a, *y = b;
	int			 c;

	if ((c = strcmp(x->w, y->w)) != 0 || (c = x->state - y->state) != 0 ||
	    (c = x->line - y->line) != 0)
		return (c);
	return (x->bound - y->bound);
}

/* The words pattern p starts with into lead, or 0 when it cannot tell. */
static int
lead_words(const char *p, struct rules_lead *lead)
{
	struct lead_parse	 lp;
	struct lead_set		*s;
	size_t			 i, j;
	int			 ok = 0, slot;

	s = xcalloc(1, sizeof *s);
	s->n = 1;
	s->v[0].state = LEAD_OPEN;
	lp.p = p;
	lp.bad = 0;
	lead_alt(&lp, s);
	if (lp.bad || *lp.p != '\0')
		goto out;
	lead_unknown(&lp, s);	/* the pattern ends: anything may follow */
	if (lp.bad)
		goto out;
	/* In one order, so that rules alike share their group. */
	qsort(s->v, s->n, sizeof s->v[0], lead_cmp);
	lead->word = xcalloc(s->n, sizeof *lead->word);
	lead->whole = xcalloc(s->n, sizeof *lead->whole);
	lead->wslot = xcalloc(s->n, sizeof *lead->wslot);
	for (i = 0; i < s->n; i++) {
		/* Where this start is looked for. */
		slot = lead->slot;
		if (slot == RULES_SLOT_ANY && s->v[i].line)
			slot = RULES_SLOT_LINE;
		else if (slot == RULES_SLOT_ANY && s->v[i].bound)
			slot = RULES_SLOT_WORD;
		if (s->v[i].state == LEAD_BYTES) {
			for (j = 0; j < sizeof lead->set[slot]; j++)
				lead->set[slot][j] |= s->v[i].set[j];
			continue;
		}
		lead->word[lead->nword] = xstrndup(s->v[i].w, s->v[i].len);
		lead->wslot[lead->nword] = (unsigned char)slot;
		lead->whole[lead->nword++] = s->v[i].state == LEAD_WHOLE;
	}
	ok = 1;
out:
	free(s);
	return (ok);
}

/* The first bytes PCRE2 reports for re, else any. */
static void
lead_bytes(const pcre2_code *re, struct rules_lead *lead)
{
	unsigned char	*set = lead->set[lead->slot];
	const uint8_t	*map = NULL;
	uint32_t	 type = 0, unit = 0;

	(void)pcre2_pattern_info(re, PCRE2_INFO_FIRSTCODETYPE, &type);
	(void)pcre2_pattern_info(re, PCRE2_INFO_FIRSTBITMAP, &map);
	if (type == 1)
		(void)pcre2_pattern_info(re, PCRE2_INFO_FIRSTCODEUNIT, &unit);
	if (type == 1 && unit < 256) {
		/* The unit may be caseless: take both cases. */
		lead_set_add(set, (int)unit);
		lead_set_add(set, toupper((int)unit));
		lead_set_add(set, tolower((int)unit));
	} else if (type != 1 && map != NULL)
		memcpy(set, map, sizeof lead->set[0]);
	else
		lead->any = 1;
}

void
rules_lead_init(struct rules_lead *lead, const char *pattern,
    const pcre2_code *re)
{
	const char	*p = pattern;
	size_t		 i;
	int		 wordstart = 0;

	memset(lead, 0, sizeof *lead);
	lead->slot = RULES_SLOT_ANY;
	if (rules_single_branch(p)) {
		if (*p == '^' && strchr("?*+{", p[1]) == NULL) {
			lead->slot = RULES_SLOT_LINE;
			p++;
			if (strncmp(p, "[ \\t]*", 6) == 0 &&
			    strchr("?+", p[6]) == NULL) {
				lead->slot = RULES_SLOT_BLANKS;
				p += 6;
			}
		}
		/* Lookbehinds and \b match no text; \b starts a word. */
		for (;;) {
			if (p[0] == '\\' && p[1] == 'b' &&
			    strchr("?*+{", p[2]) == NULL) {
				if (lead->slot == RULES_SLOT_ANY)
					lead->slot = RULES_SLOT_WORD;
				p += 2;
			} else if (strncmp(p, "(?<=", 4) == 0 ||
			    strncmp(p, "(?<!", 4) == 0) {
				struct lead_parse lp = { p, 0 };

				/* No word byte before: a word starts here. */
				if (strncmp(p, "(?<![\\w", 7) == 0)
					wordstart = 1;
				lead_skip_group(&lp);
				if (lp.bad || strchr("?*+{", *lp.p) != NULL)
					break;
				p = lp.p;
			} else
				break;
		}
	}
	if (lead_words(p, lead)) {
		for (i = 0; wordstart && i < lead->nword; i++)
			if (lead->wslot[i] == RULES_SLOT_ANY)
				lead->wslot[i] = RULES_SLOT_WORD;
		return;
	}
	/* PCRE2's first bytes are those of the whole pattern, at its start. */
	if (lead->slot == RULES_SLOT_BLANKS)
		lead->slot = RULES_SLOT_LINE;
	lead_bytes(re, lead);
}

void
rules_lead_free(struct rules_lead *lead)
{
	size_t	i;

	for (i = 0; i < lead->nword; i++)
		free(lead->word[i]);
	free(lead->word);
	free(lead->whole);
	free(lead->wslot);
	memset(lead, 0, sizeof *lead);
}

int
rules_lead_same(const struct rules_lead *a, const struct rules_lead *b)
{
	size_t	i;

	if (a->slot != b->slot || a->any != b->any || a->nword != b->nword ||
	    memcmp(a->set, b->set, sizeof a->set) != 0)
		return (0);
	for (i = 0; i < a->nword; i++)
		if (a->whole[i] != b->whole[i] || a->wslot[i] != b->wslot[i] ||
		    strcmp(a->word[i], b->word[i]) != 0)
			return (0);
	return (1);
}

char *
rules_lead_describe(const struct rules_lead *lead)
{
	static const char *const slots[] = { "any", "word", "line",
	    "blanks" };
	struct buf	 b;
	size_t		 i, n, s;
	int		 c;

	buf_init(&b);
	if (lead->any)
		buf_printf(&b, "%s:*", slots[lead->slot]);
	for (i = 0; i < lead->nword; i++)
		buf_printf(&b, "%s%s:%s%s", b.len > 0 ? " " : "",
		    slots[lead->wslot[i]], lead->word[i],
		    lead->whole[i] ? "" : "~");
	for (s = 0; s < RULES_NSLOTS && !lead->any; s++) {
		for (c = n = 0; c < 256; c++) {
			if (!((lead->set[s][c / 8] >> (c % 8)) & 1))
				continue;
			if (n++ == 0)
				buf_printf(&b, "%s%s:[", b.len > 0 ? " " : "",
				    slots[s]);
			buf_printf(&b, isgraph(c) ? "%c" : "\\x%02x", c);
		}
		if (n > 0)
			buf_addstr(&b, "]");
	}
	return (buf_detach(&b, NULL));
}
