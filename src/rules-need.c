/*
 * What text a rule needs: words read off its pattern, one of which any
 * match must contain ("object" or "oppose" for I\s+(?:...)(?:object|
 * oppose)\b), and a table of the three-letter runs of a text that rules
 * out, before any regex runs, the rules whose words are not there.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "rules-need.h"
#include "xmalloc.h"

/* Words shorter than this say too little ("I", "we", "it"). */
#define RULES_NEED_MIN		3
/* A set of more words than this costs more to test than it saves. */
#define RULES_NEED_MAX		24
/* The sets of a need kept, the best first. */
#define RULES_NEED_SETS		4

/* Any of these words (lower case, each RULES_NEED_MIN long or more). */
struct need_set {
	char	**v;
	size_t	  n;
};

/* All of these sets. */
struct rules_need {
	struct need_set	 sets[RULES_NEED_SETS];
	size_t		 n;
};

struct need_parse {
	const char	*p;
	int		 bad;	/* syntax this reader does not follow */
};

static int
need_lower(int c)
{
	return (c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
}

static void
need_set_free(struct need_set *s)
{
	size_t	i;

	for (i = 0; i < s->n; i++)
		free(s->v[i]);
	free(s->v);
	memset(s, 0, sizeof *s);
}

static void
need_free(struct rules_need *n)
{
	size_t	i;

	if (n == NULL)
		return;
	for (i = 0; i < n->n; i++)
		need_set_free(&n->sets[i]);
	free(n);
}

/* The shortest word of a set: the longer, the rarer a false pass. */
static size_t
need_score(const struct need_set *s)
{
	size_t	i, l, min = (size_t)-1;

	for (i = 0; i < s->n; i++)
		if ((l = strlen(s->v[i])) < min)
			min = l;
	return (min);
}

static int
need_better(const struct need_set *a, const struct need_set *b)
{
	return (need_score(a) > need_score(b) || (need_score(a) ==
	    need_score(b) && a->n < b->n));
}

/* Add set s (taken) to need *np, keeping the best RULES_NEED_SETS. */
static void
need_add(struct rules_need **np, struct need_set *s)
{
	struct rules_need	*n = *np;
	size_t			 i;

	if (n == NULL)
		n = *np = xcalloc(1, sizeof *n);
	if (n->n == RULES_NEED_SETS) {
		if (!need_better(s, &n->sets[n->n - 1])) {
			need_set_free(s);
			return;
		}
		need_set_free(&n->sets[--n->n]);
	}
	for (i = n->n++; i > 0 && need_better(s, &n->sets[i - 1]); i--)
		n->sets[i] = n->sets[i - 1];
	n->sets[i] = *s;
}

/* All of b's sets into *a as well (b is taken). */
static void
need_and(struct rules_need **a, struct rules_need *b)
{
	size_t	i;

	if (b == NULL)
		return;
	for (i = 0; i < b->n; i++)
		need_add(a, &b->sets[i]);
	free(b);
}

/*
 * Either of two needs: the union of the words of their best sets, or
 * none if either has none or there are too many.
 */
static struct rules_need *
need_either(struct rules_need *a, struct rules_need *b)
{
	struct need_set	*x, *y;
	size_t		 i, j;

	if (a == NULL || b == NULL || a->sets[0].n + b->sets[0].n >
	    RULES_NEED_MAX) {
		need_free(a);
		need_free(b);
		return (NULL);
	}
	x = &a->sets[0];
	y = &b->sets[0];
	for (i = 0; i < y->n; i++) {
		for (j = 0; j < x->n && strcmp(x->v[j], y->v[i]) != 0; j++)
			;
		if (j < x->n) {
			free(y->v[i]);
			continue;
		}
		x->v = xreallocarray(x->v, x->n + 1, sizeof *x->v);
		x->v[x->n++] = y->v[i];
	}
	y->n = 0;
	need_free(b);
	for (i = 1; i < a->n; i++)
		need_set_free(&a->sets[i]);
	a->n = 1;
	return (a);
}

/*
 * A pattern's quantifier at p: 1 with *min (0 when the atom before it
 * may be absent), *many (when it may repeat) and *end past it (and past
 * a lazy or possessive mark); 0 when none is there; -1 for a '{' that is
 * not one we read (a literal '{', or no '}').  Shared by the needs and
 * the leads, which must read a pattern alike.
 */
int
rules_quantifier(const char *p, int *min, int *many, const char **end)
{
	char	*e;
	long	 lo, hi;

	*min = 1;
	*many = 0;
	if (*p == '?')
		*min = 0;
	else if (*p == '*') {
		*min = 0;
		*many = 1;
	} else if (*p == '+')
		*many = 1;
	else if (*p == '{') {
		lo = strtol(p + 1, &e, 10);
		if (e == p + 1 || (*e != ',' && *e != '}'))
			return (-1);
		hi = lo;
		if (*e == ',')
			hi = e[1] == '}' ? -1 : strtol(e + 1, &e, 10);
		if ((p = strchr(p, '}')) == NULL)
			return (-1);
		*min = lo > 0 && hi != 0;
		*many = hi != 0 && hi != 1;
	} else
		return (0);
	p++;
	if (*p == '?' || *p == '+')	/* lazy, possessive */
		p++;
	*end = p;
	return (1);
}

/* A quantifier at np's place, as rules_quantifier; *one: it may not repeat. */
static int
need_quantifier(struct need_parse *np, int *min, int *one)
{
	int	 many, found;

	if ((found = rules_quantifier(np->p, min, &many, &np->p)) == -1)
		np->bad = 1;	/* a literal '{': not followed here */
	*one = !many;
	return (found == 1);
}

/*
 * A character class at p ('['): its bytes into set (lower case) when it
 * is a few plain ones ("[- ]"), and their number; 0 for any other class.
 */
static size_t
need_class(struct need_parse *np, char *set, size_t max)
{
	const char	*p = np->p + 1;
	size_t		 n = 0, i;
	int		 plain = 1;

	if (*p == '^') {
		plain = 0;
		p++;
	}
	if (*p == ']')
		p++, plain = 0;
	for (; *p != ']'; p++) {
		if (*p == '\0') {
			np->bad = 1;
			return (0);
		}
		if (*p == '\\' || *p == '[' || (*p == '-' && p[-1] != '[' &&
		    p[1] != ']') || n == max)
			plain = 0;
		if (*p == '\\' && p[1] != '\0')
			p++;
		else if (p[0] == '[' && p[1] == ':' &&
		    (p = strstr(p + 2, ":]")) != NULL)
			p++;
		if (p == NULL) {
			np->bad = 1;
			return (0);
		}
		if (plain) {
			for (i = 0; i < n && set[i] != need_lower(*p); i++)
				;
			if (i == n)
				set[n++] = (char)need_lower(*p);
		}
	}
	np->p = p + 1;
	return (plain ? n : 0);
}

static struct rules_need *need_alt(struct need_parse *);

/*
 * A group at p ('('): its need, or NULL; *zero when it matches no text
 * of its own (a lookaround, an option setting).
 */
static struct rules_need *
need_group(struct need_parse *np, int *zero)
{
	const char		*p = np->p + 1;
	struct rules_need	*n;

	*zero = 0;
	if (*p == '?') {
		p++;
		if (*p == ':' || *p == '>' || *p == '|')
			p++;
		else if (*p == '=' || *p == '!')
			*zero = 1, p++;
		else if (p[0] == '<' && (p[1] == '=' || p[1] == '!'))
			*zero = 1, p += 2;
		else if (*p == '<' || (*p == 'P' && p[1] == '<') ||
		    *p == '\'') {
			p += strcspn(p + 1, ">'") + 2;	/* a named group */
		} else {
			/* Options: (?-i) sets, (?-i:...) groups. */
			while ((*p >= 'a' && *p <= 'z') || *p == '-' ||
			    *p == '^') {
				if (*p == 'x' || *p == '^')
					np->bad = 1;
				p++;
			}
			if (*p == ')') {
				np->p = p + 1;
				*zero = 1;
				return (NULL);
			}
			if (*p != ':') {
				np->bad = 1;
				return (NULL);
			}
			p++;
		}
	} else if (*p == '*') {
		np->bad = 1;
		return (NULL);
	}
	np->p = p;
	n = need_alt(np);
	if (*np->p != ')') {
		np->bad = 1;
		need_free(n);
		return (NULL);
	}
	np->p++;
	if (*zero) {
		need_free(n);
		return (NULL);
	}
	return (n);
}

static int
need_hex(int c)
{
	if (c >= '0' && c <= '9')
		return (c - '0');
	c = need_lower(c);
	return (c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1);
}

/* An escape at p ('\\'): 1 and *c for a literal byte, 0 for other atoms. */
static int
need_escape(struct need_parse *np, int *c, int *zero)
{
	const char	*p = np->p + 1;

	*zero = 0;
	np->p = p + 1;
	if (*p == 'x' && need_hex(p[1]) >= 0 && need_hex(p[2]) >= 0) {
		*c = need_hex(p[1]) * 16 + need_hex(p[2]);
		np->p = p + 3;
		return (1);
	}
	if (*p != '\0' && strchr("bBAzZG", *p) != NULL) {
		*zero = 1;
		return (0);
	}
	if (*p != '\0' && strchr("sSwWdDhHvVRNtnrfea", *p) != NULL)
		return (0);
	if (*p == '\0' || (*p >= 'a' && *p <= 'z') || (*p >= 'A' &&
	    *p <= 'Z') || (*p >= '0' && *p <= '9')) {
		np->bad = 1;	/* \Q, \p, \1, \t ...: not followed here */
		return (0);
	}
	*c = (unsigned char)*p;
	return (1);
}

/*
 * The literal text read so far in a concatenation: a few variants when
 * it had an optional byte or a class of a few ("NAC?K": nak, nack).
 */
#define NEED_VARIANTS	8
#define NEED_VARLEN	64
struct need_run {
	char	v[NEED_VARIANTS][NEED_VARLEN];
	size_t	len[NEED_VARIANTS];
	size_t	n;
};

/* Keep the run so far as a set of words, and start another. */
static void
need_flush(struct rules_need **best, struct need_run *r)
{
	struct need_set	s;
	size_t		i, j;

	for (i = 0; i < r->n && r->len[i] >= RULES_NEED_MIN; i++)
		;
	if (r->n > 0 && i == r->n) {
		s.v = xcalloc(r->n, sizeof *s.v);
		s.n = 0;
		for (i = 0; i < r->n; i++) {
			for (j = 0; j < s.n && (strlen(s.v[j]) != r->len[i] ||
			    memcmp(s.v[j], r->v[i], r->len[i]) != 0); j++)
				;
			if (j == s.n)
				s.v[s.n++] = xstrndup(r->v[i], r->len[i]);
		}
		need_add(best, &s);
	}
	r->n = 1;
	r->len[0] = 0;
}

/*
 * Add one of the bytes of set to every variant of the run, or none too
 * (opt), flushing first if the variants would be too many or too long.
 */
static void
need_extend(struct rules_need **best, struct need_run *r, const char *set,
    size_t nset, int opt)
{
	struct need_run	t;
	size_t		i, j;

	for (i = 0; i < r->n && r->len[i] < NEED_VARLEN; i++)
		;
	if (i < r->n || r->n * (nset + (opt != 0)) > NEED_VARIANTS)
		need_flush(best, r);
	t.n = 0;
	for (i = 0; opt && i < r->n; i++) {
		memcpy(t.v[t.n], r->v[i], r->len[i]);
		t.len[t.n++] = r->len[i];
	}
	for (j = 0; j < nset; j++) {
		for (i = 0; i < r->n; i++) {
			memcpy(t.v[t.n], r->v[i], r->len[i]);
			t.v[t.n][r->len[i]] = set[j];
			t.len[t.n++] = r->len[i] + 1;
		}
	}
	*r = t;
}

/*
 * A concatenation, up to '|', ')' or the end: its need, the best sets of
 * its runs of literal bytes and of its groups that must match.
 */
static struct rules_need *
need_concat(struct need_parse *np)
{
	struct rules_need	*best = NULL, *n;
	struct need_run		 run;
	char			 set[4];
	size_t			 nset;
	int			 c, lit, zero, min, one;

	run.n = 1;
	run.len[0] = 0;
	while (*np->p != '\0' && *np->p != '|' && *np->p != ')') {
		n = NULL;
		lit = zero = 0;
		nset = 0;
		switch (*np->p) {
		case '\\':
			c = 0;
			lit = need_escape(np, &c, &zero);
			set[0] = (char)need_lower(c);
			nset = lit;
			break;
		case '[':
			nset = need_class(np, set, sizeof set);
			lit = nset > 0;
			break;
		case '(':
			n = need_group(np, &zero);
			break;
		case '^':
		case '$':
			zero = 1;
			np->p++;
			break;
		case '.':
			np->p++;
			break;
		case '{':
		case '?':
		case '*':
		case '+':
			np->bad = 1;
			break;
		default:
			lit = 1;
			nset = 1;
			set[0] = (char)need_lower((unsigned char)*np->p++);
			break;
		}
		if (np->bad)
			break;
		if (zero) {
			need_flush(&best, &run);
			continue;
		}
		(void)need_quantifier(np, &min, &one);
		if (np->bad) {
			need_free(n);
			break;
		}
		/* "ab" then "c?" holds "ab" or "abc"; "ab" then "c+" "abc". */
		if (lit && (one || min > 0))
			need_extend(&best, &run, set, nset, min == 0);
		if (lit && one)
			continue;
		need_flush(&best, &run);
		if (n != NULL && min == 0)
			need_free(n);
		else
			need_and(&best, n);
	}
	need_flush(&best, &run);
	if (np->bad) {
		need_free(best);
		return (NULL);
	}
	return (best);
}

/* Alternatives: each must have a need, and any of them will do. */
static struct rules_need *
need_alt(struct need_parse *np)
{
	struct rules_need	*n;

	n = need_concat(np);
	while (!np->bad && *np->p == '|') {
		np->p++;
		n = need_either(n, need_concat(np));
	}
	if (np->bad) {
		need_free(n);
		return (NULL);
	}
	return (n);
}

struct rules_need *
rules_need_derive(const char *pattern)
{
	struct need_parse	 np;
	struct rules_need	*n;

	np.p = pattern;
	np.bad = 0;
	n = need_alt(&np);
	if (np.bad || *np.p != '\0') {
		need_free(n);
		return (NULL);
	}
	return (n);
}

void
rules_need_free(struct rules_need *n)
{
	need_free(n);
}

size_t
rules_need_count(const struct rules_need *n)
{
	return (n == NULL ? 0 : n->n);
}

size_t
rules_need_words(const struct rules_need *n, size_t set)
{
	return (n->sets[set].n);
}

const char *
rules_need_word(const struct rules_need *n, size_t set, size_t i)
{
	return (n->sets[set].v[i]);
}

/*
 * Three bytes folded to 15 bits: their low 5 bits, the same for a
 * letter in either case (other bytes share values: a false "yes" only).
 */
#define NEED_HASH(h, c)	((((h) << 5) | ((unsigned)(c) & 31)) & \
			    (RULES_TEXT_BITS - 1))

void
rules_text_index(struct rules_text *t, const char *text, size_t len)
{
	unsigned	h = 0;
	size_t		i;

	memset(t->bits, 0, sizeof t->bits);
	for (i = 0; i < len && i + 1 < RULES_NEED_MIN; i++)
		h = NEED_HASH(h, (unsigned char)text[i]);
	for (; i < len; i++) {
		h = NEED_HASH(h, (unsigned char)text[i]);
		t->bits[h / 64] |= (uint64_t)1 << (h % 64);
	}
}

/*
 * The needs of a list of rules, their words shared: each word is looked
 * up in a text at most once.
 */
struct rules_needs {
	char		**words;
	size_t		  nwords;
	uint16_t	**runs;		/* per word: its runs' bits in a table */
	size_t		 *nruns;
	/*
	 * The rules' sets, one array read straight through: per rule the
	 * offset of the next rule and its number of sets, then per set its
	 * number of words and their indices into words.
	 */
	uint32_t	 *prog;
	size_t		  nprog;
	size_t		  n;		/* rules */
};

struct rules_needs *
rules_needs_new(void)
{
	return (xcalloc(1, sizeof (struct rules_needs)));
}

void
rules_needs_free(struct rules_needs *ns)
{
	size_t	i;

	if (ns == NULL)
		return;
	for (i = 0; i < ns->nwords; i++) {
		free(ns->words[i]);
		free(ns->runs[i]);
	}
	free(ns->words);
	free(ns->runs);
	free(ns->nruns);
	free(ns->prog);
	free(ns);
}

/*
 * A word's index in the list, added if new with the bits its three-byte
 * runs set in a text's table (rules_text_index), worked out once.
 */
static size_t
needs_word(struct rules_needs *ns, const char *w)
{
	unsigned	h = 0;
	size_t		i, j, len = strlen(w);

	for (i = 0; i < ns->nwords; i++)
		if (strcmp(ns->words[i], w) == 0)
			return (i);
	ns->words = xreallocarray(ns->words, ns->nwords + 1,
	    sizeof *ns->words);
	ns->runs = xreallocarray(ns->runs, ns->nwords + 1, sizeof *ns->runs);
	ns->nruns = xreallocarray(ns->nruns, ns->nwords + 1,
	    sizeof *ns->nruns);
	ns->words[ns->nwords] = xstrdup(w);
	ns->runs[ns->nwords] = xcalloc(len + 1, sizeof **ns->runs);
	ns->nruns[ns->nwords] = 0;
	for (j = 0; j < len; j++) {
		h = NEED_HASH(h, (unsigned char)w[j]);
		if (j + 1 >= RULES_NEED_MIN)
			ns->runs[ns->nwords][ns->nruns[ns->nwords]++] =
			    (uint16_t)h;
	}
	return (ns->nwords++);
}

void
rules_needs_add(struct rules_needs *ns, const struct rules_need *n)
{
	size_t	i, j, at = ns->nprog, len = 2;

	for (i = 0; n != NULL && i < n->n; i++)
		len += 1 + n->sets[i].n;
	ns->prog = xreallocarray(ns->prog, ns->nprog + len,
	    sizeof *ns->prog);
	ns->prog[ns->nprog++] = (uint32_t)(at + len);
	ns->prog[ns->nprog++] = n != NULL ? (uint32_t)n->n : 0;
	for (i = 0; n != NULL && i < n->n; i++) {
		ns->prog[ns->nprog++] = (uint32_t)n->sets[i].n;
		for (j = 0; j < n->sets[i].n; j++)
			ns->prog[ns->nprog++] = (uint32_t)needs_word(ns,
			    n->sets[i].v[j]);
	}
	ns->n++;
}

/* Whether text may hold word id (the table's verdict, no false "no"). */
static int
needs_has(const struct rules_needs *ns, size_t id,
    const struct rules_text *t)
{
	const uint16_t	*h = ns->runs[id];
	size_t		 j;

	for (j = 0; j < ns->nruns[id]; j++)
		if (!((t->bits[h[j] / 64] >> (h[j] % 64)) & 1))
			return (0);
	return (1);
}

int
rules_needs_select(const struct rules_needs *ns, const struct rules_text *t,
    size_t *out, size_t max)
{
	unsigned char	 few[512], *seen = few;	/* per word: 0 not looked
						   up, 1 no, 2 yes */
	const uint32_t	*p = ns->prog, *set;
	size_t		 i, j, k, id, n = 0;
	int		 met;

	if (ns->nwords > sizeof few)
		seen = xcalloc(ns->nwords, 1);
	else
		memset(few, 0, ns->nwords);
	for (i = 0; i < ns->n; i++, p = ns->prog + p[0]) {
		met = 1;
		set = p + 2;
		for (j = 0; met && j < p[1]; j++, set += 1 + set[0]) {
			met = 0;
			for (k = 1; !met && k <= set[0]; k++) {
				id = set[k];
				if (seen[id] == 0)
					seen[id] = 1 + needs_has(ns, id, t);
				met = seen[id] == 2;
			}
		}
		if (!met)
			continue;
		if (n == max) {
			if (seen != few)
				free(seen);
			return (-1);
		}
		out[n++] = i;
	}
	if (seen != few)
		free(seen);
	return ((int)n);
}

/* How a pattern starts (rules.c joins rules by it). */

/*
 * Whether every top-level alternative of pattern starts with its first
 * token: false when a '|' sits outside all groups, or when the pattern
 * uses syntax this reader does not follow (\\Q..\\E, extended mode).
 */
int
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
