/*
 * A scan's rules tried only where they may start (rules-int.h).  Rules
 * with one lead (rules-lead.c: "\b(?:this|that|it)", "^[ \t]*On\s") are
 * joined into one anchored pattern; a pass over the text in C finds the
 * positions where some lead fits, and there tries those groups, in the
 * order of their first rules.  The earliest rule in the file that
 * matches at the earliest position wins, and the scan goes on from the
 * end of its match: what one alternation of the scan's rules in file
 * order finds, without PCRE2 trying every rule at every position.
 */
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "re.h"
#include "rules.h"
#include "rules-int.h"
#include "xmalloc.h"

static void
dispatch_group_free(struct rules_dgroup *g)
{
	pcre2_match_data_free(g->md);
	pcre2_code_free(g->re);
	free(g->rule);
	free(g->pair);
	rules_lead_free(&g->lead);
}

void
rules_dispatch_free(struct rules_dispatch *d)
{
	size_t	i;

	if (d == NULL)
		return;
	for (i = 0; i < d->ng; i++)
		dispatch_group_free(&d->g[i]);
	for (i = 0; i < d->nword; i++) {
		free(d->word[i].w);
		free(d->word[i].g);
	}
	free(d->word);
	free(d->g);
	free(d->group_of);
	free(d->list);
	free(d);
}

/*
 * A group's pattern: its rules as (?:P)(*MARK:i), in file order, matched
 * only at the position a match is tried.  Returns 0, 1 when PCRE2 finds
 * it too large (*why set), -1 on another error.
 */
static int
dispatch_compile(const struct rules *r, struct rules_dgroup *g, char **why)
{
	struct buf	b;
	size_t		i;
	int		errcode;

	buf_init(&b);
	for (i = 0; i < g->n; i++)
		buf_printf(&b, "%s(?:%s)(*MARK:%zu)", i > 0 ? "|" : "",
		    r->v[g->rule[i]].pattern, i);
	g->re = re_compile_code(b.data, b.len, RULES_FLAGS | PCRE2_DUPNAMES |
	    PCRE2_ANCHORED, &errcode, why);
	buf_release(&b);
	if (g->re == NULL)
		return (errcode == PCRE2_ERROR_PATTERN_TOO_LARGE ? 1 : -1);
	g->md = pcre2_match_data_create_from_pattern(g->re, NULL);
	return (0);
}

/*
 * Compile group k, halving it (the second half a group of its own, with
 * the same lead) until PCRE2 takes it.
 */
static int
dispatch_compile_split(const struct rules *r, struct rules_dispatch *d,
    size_t k, char **cause)
{
	struct rules_dgroup	*g, *h;
	char			*why = NULL;
	size_t			 half;
	int			 rc;

	while ((rc = dispatch_compile(r, &d->g[k], &why)) == 1 &&
	    d->g[k].n > 1) {
		free(why);
		why = NULL;
		d->g = xreallocarray(d->g, d->ng + 1, sizeof *d->g);
		g = &d->g[k];
		h = &d->g[d->ng++];
		memset(h, 0, sizeof *h);
		half = g->n / 2;
		h->n = g->n - half;
		h->rule = xcalloc(h->n, sizeof *h->rule);
		memcpy(h->rule, g->rule + half, h->n * sizeof *h->rule);
		g->n = half;
		rules_lead_init(&h->lead, r->v[h->rule[0]].pattern,
		    r->v[h->rule[0]].re);
		if (dispatch_compile_split(r, d, d->ng - 1, cause) != 0)
			return (-1);
	}
	if (rc == 0)
		return (0);
	*cause = xasprintf("rules joined: %s", why != NULL ? why :
	    "too large");
	free(why);
	return (-1);
}

static int
dispatch_first_cmp(const void *a, const void *b)
{
	const struct rules_dgroup	*x = a, *y = b;

	return (x->rule[0] < y->rule[0] ? -1 : x->rule[0] > y->rule[0]);
}

static int
dispatch_isword(unsigned c)
{
	return (c < 128 && (c == '_' || (c >= '0' && c <= '9') ||
	    ((c | 0x20) >= 'a' && (c | 0x20) <= 'z')));
}

/* FNV-1a, one byte on; a word's hash with its slot and kind. */
#define DISPATCH_FNV(h, c)	(((h) ^ (c)) * 16777619u)

static size_t
dispatch_slot_hash(uint32_t h, int slot, int prefix)
{
	return ((size_t)(h ^ ((uint32_t)slot * 0x9e3779b1u) ^
	    ((uint32_t)prefix * 0x85ebca6bu)));
}

/* The entry of a word (lower case) of a slot, or the empty one for it. */
static struct rules_dword *
dispatch_word_find(const struct rules_dispatch *d, const char *w,
    size_t len, uint32_t h, int slot, int prefix)
{
	struct rules_dword	*e;
	size_t			 i;

	i = dispatch_slot_hash(h, slot, prefix) & (d->nword - 1);
	for (;; i = (i + 1) & (d->nword - 1)) {
		e = &d->word[i];
		if (e->w == NULL || (e->len == len && e->slot == slot &&
		    e->prefix == prefix && memcmp(e->w, w, len) == 0))
			return (e);
	}
}

/*
 * A word's bit in a pair table (struct rules_dstop): for a one-letter
 * prefix, any byte after it.
 */
static void
dispatch_pair(uint32_t *pair, const char *w, int prefix)
{
	unsigned	c0 = (unsigned char)w[0] & 31;

	if (w[1] != '\0' || !prefix)
		pair[c0] |= (uint32_t)1 << ((unsigned char)w[1] & 31);
	else
		pair[c0] = 0xffffffff;
}

/* The rows a group's words set, by slot. */
static void
dispatch_pair_group(struct rules_dgroup *g)
{
	const struct rules_lead	*lead = &g->lead;
	uint32_t		 t[RULES_NSLOTS][32];
	size_t			 i, s;

	memset(t, 0, sizeof t);
	for (i = 0; i < lead->nword; i++)
		dispatch_pair(t[lead->wslot[i]], lead->word[i],
		    !lead->whole[i]);
	for (s = 0; s < RULES_NSLOTS; s++) {
		for (i = 0; i < 32; i++) {
			if (t[s][i] == 0)
				continue;
			g->pair = xreallocarray(g->pair, g->npair + 1,
			    sizeof *g->pair);
			g->pair[g->npair].slot = (uint8_t)s;
			g->pair[g->npair].row = (uint8_t)i;
			g->pair[g->npair++].mask = t[s][i];
		}
	}
}

/* Every group's words into the hash table. */
static void
dispatch_words(struct rules_dispatch *d)
{
	const struct rules_lead	*lead;
	struct rules_dword	*e;
	size_t			 k, i, j, n = 0;
	uint32_t		 h;
	int			 slot;

	for (k = 0; k < d->ng; k++)
		n += d->g[k].lead.nword;
	/* A group's bytes are in one slot's lists; its words, each once. */
	d->maxcand = d->ng + n;
	if (n == 0)
		return;
	for (d->nword = 16; d->nword < 4 * n; d->nword *= 2)
		;
	d->word = xcalloc(d->nword, sizeof *d->word);
	for (k = 0; k < d->ng; k++) {
		lead = &d->g[k].lead;
		for (i = 0; i < lead->nword; i++) {
			slot = lead->wslot[i];
			h = 2166136261u;
			for (j = 0; lead->word[i][j] != '\0'; j++)
				h = DISPATCH_FNV(h, (unsigned char)
				    lead->word[i][j]);
			e = dispatch_word_find(d, lead->word[i], j, h, slot,
			    !lead->whole[i]);
			/* Past this many word bytes, no lookup is left. */
			if (j + 1 > d->scanmax)
				d->scanmax = j + 1;
			if (e->w == NULL) {
				e->w = xstrdup(lead->word[i]);
				e->len = j;
				e->slot = slot;
				e->prefix = !lead->whole[i];
				if (e->prefix)
					d->plen[slot] |= (uint32_t)1 << j;
			}
			if (e->ng > 0 && e->g[e->ng - 1] == k)
				continue;
			e->g = xreallocarray(e->g, e->ng + 1, sizeof *e->g);
			e->g[e->ng++] = k;
		}
	}
}

/*
 * Whether a lead's bytes (not its words) admit byte c (256: the end) at
 * a position of slot s.
 */
static int
dispatch_byte(const struct rules_lead *lead, int s, unsigned c)
{
	if (lead->any)
		return (lead->slot == s);
	return (c < 256 && ((lead->set[s][c / 8] >> (c % 8)) & 1));
}

/*
 * A group's start bytes at slots any and word, and whether it starts at
 * line starts: what dispatch_lists puts in its lists, and its words'
 * first letters, where the words are looked up.
 */
static void
dispatch_starts(struct rules_dgroup *g)
{
	static const unsigned char	 df[2] = { RULES_DF_ANY,
					     RULES_DF_WORD };
	const struct rules_lead		*lead = &g->lead;
	unsigned			 c;
	size_t				 i;
	int				 s;

	memset(&g->flag, 0, sizeof g->flag);
	for (s = RULES_SLOT_ANY; s <= RULES_SLOT_WORD; s++)
		for (c = 0; c < 256; c++)
			if (dispatch_byte(lead, s, c))
				g->flag.b[c] |= df[s] | RULES_DF_STOP;
	g->line = 0;
	for (s = RULES_SLOT_LINE; s <= RULES_SLOT_BLANKS; s++)
		for (c = 0; c < 257; c++)
			if (dispatch_byte(lead, s, c))
				g->line = 1;
	for (i = 0; i < lead->nword; i++) {
		s = lead->wslot[i];
		if (s == RULES_SLOT_LINE || s == RULES_SLOT_BLANKS) {
			g->line = 1;
			continue;
		}
		c = (unsigned char)lead->word[i][0];
		g->flag.b[c] |= df[s] | RULES_DF_STOP;
		if (c >= 'a' && c <= 'z')
			g->flag.b[c - 32] |= df[s] | RULES_DF_STOP;
	}
	memset(g->stop, 0, sizeof g->stop);
	memset(g->anyword, 0, sizeof g->anyword);
	for (c = 0; c < 256; c++) {
		if (g->flag.b[c] & RULES_DF_STOP)
			g->stop[c / 64] |= (uint64_t)1 << (c % 64);
		if ((g->flag.b[c] & RULES_DF_ANY) && dispatch_isword(c))
			g->anyword[c / 64] |= (uint64_t)1 << (c % 64);
	}
}

/*
 * Where a scan of the groups allow[] marks (NULL: all) stops: a byte
 * some group of slot any starts with, one some group of slot word
 * starts with (at a word boundary), and the newline when some group
 * starts at line starts; and the pairs of first bytes of their words.
 */
static void
dispatch_stops(const struct rules_dispatch *d, const unsigned char *allow,
    struct rules_dstop *st)
{
	const struct rules_dgroup	*g;
	uint64_t			 stop[4] = { 0 }, anyword[4] = { 0 };
	size_t				 k, i;
	int				 n = 0;

	st->flag = d->wordch;
	st->line = 0;
	memset(st->pair, 0, sizeof st->pair);
	for (k = 0; k < d->ng; k++) {
		if (allow != NULL && !allow[k])
			continue;
		g = &d->g[k];
		for (i = 0; i < 32; i++)
			st->flag.w[i] |= g->flag.w[i];
		for (i = 0; i < 4; i++) {
			stop[i] |= g->stop[i];
			anyword[i] |= g->anyword[i];
		}
		st->line |= g->line;
		for (i = 0; i < g->npair; i++)
			st->pair[g->pair[i].slot][g->pair[i].row] |=
			    g->pair[i].mask;
	}
	if (st->line) {
		st->flag.b['\n'] |= RULES_DF_STOP;
		stop['\n' / 64] |= (uint64_t)1 << ('\n' % 64);
	}
	for (i = 0; i < 4; i++)
		n += __builtin_popcountll(stop[i]);
	st->sparse = n <= RULES_DF_SPARSE;
	/* No group of slot any starts with a word byte (inside a word). */
	st->skipwords = (anyword[0] | anyword[1] | anyword[2] |
	    anyword[3]) == 0;
}

/* Per slot and byte, the groups whose lead's bytes admit it. */
static void
dispatch_lists(struct rules_dispatch *d)
{
	size_t	s, c, k, n = 0;
	int	pass;

	for (pass = 0; pass < 2; pass++) {
		n = 0;
		for (s = 0; s < RULES_NSLOTS; s++) {
			for (c = 0; c < 257; c++) {
				d->at[s][c] = n;
				for (k = 0; k < d->ng; k++) {
					if (!dispatch_byte(&d->g[k].lead,
					    (int)s, (unsigned)c))
						continue;
					if (pass == 1)
						d->list[n] = k;
					n++;
				}
			}
			d->at[s][257] = n;
		}
		if (pass == 0)
			d->list = xcalloc(n + 1, sizeof *d->list);
	}
	for (c = 0; c < 256; c++)
		d->wordch.b[c] = dispatch_isword((unsigned)c) ?
		    RULES_DF_WORDCH : 0;
	for (k = 0; k < d->ng; k++) {
		dispatch_starts(&d->g[k]);
		dispatch_pair_group(&d->g[k]);
	}
	dispatch_stops(d, NULL, &d->stop);
}

int
rules_dispatch_new(struct rules *r, int which, struct rules_dispatch **out,
    char **cause)
{
	struct rules_dispatch	*d;
	struct rules_lead	 lead;
	size_t			 i, k, n;

	d = xcalloc(1, sizeof *d);
	for (i = 0; i < r->n; i++) {
		if (!rules_in_scan(r->v[i].class, which))
			continue;
		rules_lead_init(&lead, r->v[i].pattern, r->v[i].re);
		for (k = 0; k < d->ng; k++)
			if (rules_lead_same(&d->g[k].lead, &lead))
				break;
		if (k == d->ng) {
			d->g = xreallocarray(d->g, d->ng + 1, sizeof *d->g);
			memset(&d->g[d->ng++], 0, sizeof *d->g);
			d->g[k].lead = lead;
			d->g[k].rule = xcalloc(r->n, sizeof *d->g[k].rule);
		} else
			rules_lead_free(&lead);
		d->g[k].rule[d->g[k].n++] = i;
	}
	/* A group split in two compiles its second half where it makes it. */
	n = d->ng;
	for (k = 0; k < n; k++) {
		if (dispatch_compile_split(r, d, k, cause) != 0) {
			rules_dispatch_free(d);
			return (-1);
		}
	}
	/* In the order of their first rules (halves went last). */
	if (d->ng > 0)
		qsort(d->g, d->ng, sizeof *d->g, dispatch_first_cmp);
	d->group_of = xcalloc(r->n + 1, sizeof *d->group_of);
	for (k = 0; k < d->ng; k++)
		for (i = 0; i < d->g[k].n; i++)
			d->group_of[d->g[k].rule[i]] = k;
	dispatch_words(d);
	dispatch_lists(d);
	*out = d;
	return (0);
}

/*
 * The next position at or after p where some group of st may start: a
 * byte some group of slot any starts with, a word boundary before a byte
 * some group of slot word starts with, or a line start; len if none.
 * The bytes that may stop the pass (RULES_DF_STOP) are few in most texts.
 */
static size_t
dispatch_next(const struct rules_dstop *st, const unsigned char *t,
    size_t len, size_t p)
{
	unsigned	f;

	if (p == 0 || p >= len || (st->line && t[p - 1] == '\n'))
		return (p);
	for (;;) {
		/* Few stop bytes: four bytes a test, most pass. */
		while (st->sparse && p + 4 <= len && !((st->flag.b[t[p]] |
		    st->flag.b[t[p + 1]] | st->flag.b[t[p + 2]] |
		    st->flag.b[t[p + 3]]) & RULES_DF_STOP))
			p += 4;
		while (p < len && !(st->flag.b[t[p]] & RULES_DF_STOP))
			p++;
		if (p == len)
			return (len);
		f = st->flag.b[t[p]];
		if (f & RULES_DF_ANY)
			return (p);
		if ((f & RULES_DF_WORD) && ((f ^ st->flag.b[t[p - 1]]) &
		    RULES_DF_WORDCH))
			return (p);
		/* Inside a word nothing starts: pass the rest of it. */
		if (st->skipwords && (f & st->flag.b[t[p - 1]] &
		    RULES_DF_WORDCH)) {
			while (p < len && (st->flag.b[t[p]] & RULES_DF_WORDCH))
				p++;
			continue;
		}
		/* A line starts past a newline. */
		if (t[p] == '\n' && st->line)
			return (p + 1);
		p++;
	}
}

/* The groups of slot s listed under byte c. */
static size_t
dispatch_add(const struct rules_dispatch *d, int s, unsigned c, size_t *cand,
    size_t n)
{
	size_t	k;

	for (k = d->at[s][c]; k < d->at[s][c + 1]; k++)
		cand[n++] = d->list[k];
	return (n);
}

/*
 * Whether some word of slot s of st's groups may start the word at t
 * (the pair test).
 */
static inline int
dispatch_pair_may(const struct rules_dstop *st, int s,
    const unsigned char *t, size_t left)
{
	unsigned	c0, c1 = 0;

	c0 = t[0] | (t[0] <= 'Z' && t[0] >= 'A' ? 0x20 : 0);
	if (left > 1 && (st->flag.b[t[1]] & RULES_DF_WORDCH))
		c1 = t[1] | (t[1] <= 'Z' && t[1] >= 'A' ? 0x20 : 0);
	return ((st->pair[s][c0 & 31] >> (c1 & 31)) & 1);
}

/*
 * The groups of slot s that start with the word at "at" (the word bytes
 * from there on): the whole word, or one of its prefixes.  The caller
 * has made the pair test.
 */
static size_t
dispatch_add_words(const struct rules_dispatch *d, int s, const char *text,
    size_t len, size_t at, size_t *cand, size_t n)
{
	const struct rules_dword	*e;
	const unsigned char		*t = (const unsigned char *)text + at;
	char				 w[32];	/* leads: 24 bytes or fewer */
	size_t				 k, i, max = len - at;
	uint32_t			 h = 2166136261u, plen = d->plen[s];

	if (max > d->scanmax)
		max = d->scanmax;
	for (k = 0; k < max && (d->stop.flag.b[t[k]] & RULES_DF_WORDCH); k++) {
		w[k] = (char)(t[k] | (t[k] <= 'Z' && t[k] >= 'A' ? 0x20 : 0));
		h = DISPATCH_FNV(h, (unsigned char)w[k]);
		if (!((plen >> (k + 1)) & 1))
			continue;
		e = dispatch_word_find(d, w, k + 1, h, s, 1);
		for (i = 0; i < e->ng; i++)
			cand[n++] = e->g[i];
	}
	/* The whole word, when it ends here. */
	if (k == 0 || (k < len - at && (d->stop.flag.b[t[k]] &
	    RULES_DF_WORDCH)))
		return (n);
	e = dispatch_word_find(d, w, k, h, s, 0);
	for (i = 0; i < e->ng; i++)
		cand[n++] = e->g[i];
	return (n);
}

/*
 * The groups that may start at p, in the order of their first rules
 * (cand has room for maxcand): all that st's groups may be among.
 */
static size_t
dispatch_candidates(const struct rules_dispatch *d,
    const struct rules_dstop *st, const char *text, size_t len, size_t p,
    size_t *cand)
{
	const unsigned char	*t = (const unsigned char *)text;
	unsigned		 c = p < len ? t[p] : 256, cq;
	size_t			 n, q, i, j, k;
	int			 wa, wb;

	n = dispatch_add(d, RULES_SLOT_ANY, c, cand, 0);
	wb = c < 256 && (st->flag.b[c] & RULES_DF_WORDCH);
	if (wb && dispatch_pair_may(st, RULES_SLOT_ANY, t + p, len - p))
		n = dispatch_add_words(d, RULES_SLOT_ANY, text, len, p, cand,
		    n);
	wa = p > 0 && (st->flag.b[t[p - 1]] & RULES_DF_WORDCH);
	if (wa != wb) {
		n = dispatch_add(d, RULES_SLOT_WORD, c, cand, n);
		if (wb && dispatch_pair_may(st, RULES_SLOT_WORD, t + p,
		    len - p))
			n = dispatch_add_words(d, RULES_SLOT_WORD, text, len,
			    p, cand, n);
	}
	if (st->line && (p == 0 || t[p - 1] == '\n')) {
		n = dispatch_add(d, RULES_SLOT_LINE, c, cand, n);
		if (wb && dispatch_pair_may(st, RULES_SLOT_LINE, t + p,
		    len - p))
			n = dispatch_add_words(d, RULES_SLOT_LINE, text, len,
			    p, cand, n);
		for (q = p; q < len && (t[q] == ' ' || t[q] == '\t'); q++)
			;
		cq = q < len ? t[q] : 256;
		n = dispatch_add(d, RULES_SLOT_BLANKS, cq, cand, n);
		if (cq < 256 && (st->flag.b[cq] & RULES_DF_WORDCH) &&
		    dispatch_pair_may(st, RULES_SLOT_BLANKS, t + q, len - q))
			n = dispatch_add_words(d, RULES_SLOT_BLANKS, text, len,
			    q, cand, n);
	}
	/* Each list is in order: merge them (few, mostly one), once each. */
	for (i = 1; i < n; i++) {
		k = cand[i];
		for (j = i; j > 0 && cand[j - 1] > k; j--)
			cand[j] = cand[j - 1];
		cand[j] = k;
	}
	for (i = j = 0; i < n; i++)
		if (j == 0 || cand[j - 1] != cand[i])
			cand[j++] = cand[i];
	return (j);
}

/*
 * The earliest rule matching at p among the candidate groups: 1 with
 * *rule and *md, 0 for none, -1 on an error.  Past a match, groups whose
 * first rule comes later in the file cannot win.
 */
static int
dispatch_try(const struct rules *r, const struct rules_dispatch *d,
    const unsigned char *allow, const char *text, size_t len, size_t p,
    const size_t *cand, size_t n, size_t *rule, pcre2_match_data **md)
{
	const struct rules_dgroup	*g;
	PCRE2_SPTR			 mark;
	size_t				 i, alt;
	int				 rc, found = 0;

	for (i = 0; i < n; i++) {
		g = &d->g[cand[i]];
		if (found && g->rule[0] > *rule)
			break;
		if (allow != NULL && !allow[cand[i]])
			continue;
		rc = pcre2_jit_match(g->re, (PCRE2_SPTR)text, len, p, 0,
		    g->md, r->mctx);
		if (rc == PCRE2_ERROR_JIT_BADOPTION)
			rc = pcre2_match(g->re, (PCRE2_SPTR)text, len, p, 0,
			    g->md, r->mctx);
		if (rc == PCRE2_ERROR_NOMATCH)
			continue;
		if (rc < 0 || (mark = pcre2_get_mark(g->md)) == NULL)
			return (-1);
		alt = strtoul((const char *)mark, NULL, 10);
		if (alt >= g->n)
			return (-1);
		if (!found || g->rule[alt] < *rule) {
			*rule = g->rule[alt];
			*md = g->md;
			found = 1;
		}
	}
	return (found);
}

int
rules_dispatch_scan(const struct rules *r, const struct rules_dispatch *d,
    const char *text, size_t len, const unsigned char *allow,
    void (*each)(const struct rules_hit *, enum rules_class, void *),
    void *arg)
{
	struct rules_hit	 hit;
	struct rules_dstop	 own;
	const struct rules_dstop *st = &d->stop;
	pcre2_match_data	*md = NULL;
	PCRE2_SIZE		*ov;
	size_t			 few[512], *cand = few, p = 0, n, rule = 0;
	int			 rc = RULES_MATCH, found;

	/*
	 * Trying some groups only, stop only where one of them may start
	 * and look up their words only: elsewhere every candidate would be
	 * passed over.
	 */
	if (allow != NULL) {
		dispatch_stops(d, allow, &own);
		st = &own;
	}
	if (d->maxcand > sizeof few / sizeof few[0])
		cand = xcalloc(d->maxcand, sizeof *cand);
	while (p <= len) {
		p = dispatch_next(st, (const unsigned char *)text, len, p);
		n = dispatch_candidates(d, st, text, len, p, cand);
		if (n == 0 || (found = dispatch_try(r, d, allow, text, len, p,
		    cand, n, &rule, &md)) == 0) {
			p++;
			continue;
		}
		if (found < 0) {
			rc = RULES_ERROR;
			break;
		}
		ov = pcre2_get_ovector_pointer(md);
		hit.name = r->v[rule].name;
		hit.start = ov[0];
		hit.end = ov[1];
		hit.md = md;
		hit.rule = &r->v[rule];
		hit.subject = text;
		each(&hit, r->v[rule].class, arg);
		p = ov[1] > ov[0] ? ov[1] : ov[0] + 1;
	}
	if (cand != few)
		free(cand);
	return (rc);
}
