/*
 * A scan of the rules over a text (rules.h): the rules whose words the
 * text may hold each run alone, or, when many rules may match, all of
 * them joined.  However the rules are run, their matches are merged into
 * what one alternation of the scan's rules in file order finds: leftmost
 * first, at one position the rule earlier in the file, and after a match
 * the scan goes on from its end.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "re.h"
#include "rules.h"
#include "rules-int.h"
#include "rules-need.h"
#include "xmalloc.h"

/*
 * re_match, straight into a pattern's JIT code: pcre2_match's checks
 * (the offset, the options) cost as much again as a miss on a short text,
 * and a scan makes tens of thousands of matches.  A pattern JIT did not
 * take goes through pcre2_match as before.  from <= len, always.
 */
int
rules_scan_match(const pcre2_code *re, const char *text, size_t len,
    size_t from, pcre2_match_data *md, pcre2_match_context *mctx)
{
	int	rc;

	rc = pcre2_jit_match(re, (PCRE2_SPTR)text, len, from, 0, md, mctx);
	if (rc == PCRE2_ERROR_JIT_BADOPTION)
		return (re_match(re, text, len, from, md, mctx));
	if (rc == PCRE2_ERROR_NOMATCH)
		return (RE_NOMATCH);
	return (rc < 0 ? RE_ERROR : RE_MATCH);
}

struct rules_text *
rules_text_new(const char *text, size_t len)
{
	struct rules_text	*t;

	t = xmalloc(sizeof *t);
	rules_text_index(t, text, len);
	return (t);
}

void
rules_text_free(struct rules_text *t)
{
	free(t);
}

/*
 * One source of matches in a scan: a rule run alone.  Its next match is
 * kept until the scan has gone past its start.
 */
struct scan_stream {
	size_t			  rule;
	pcre2_match_data	 *md;		/* holding the match */
	size_t			  at;		/* where the match starts */
	int			  state;	/* 1 look again, 0 found,
						   -1 none */
};

/* A stream's next match at or after from; -1 on an error. */
static int
scan_stream_next(const struct rules *r, struct scan_stream *s,
    const char *text, size_t len, size_t from)
{
	const struct rule	*rule;
	int			 rc;

	if (from > len) {
		s->state = -1;
		return (0);
	}
	rule = &r->v[s->rule];
	rc = rules_scan_match(rule->re, text, len, from, rule->smd, r->mctx);
	if (rc == RE_ERROR)
		return (-1);
	if (rc == RE_NOMATCH) {
		s->state = -1;
		return (0);
	}
	s->state = 0;
	s->md = rule->smd;
	s->at = pcre2_get_ovector_pointer(rule->smd)[0];
	return (0);
}

/*
 * Each stream finds its own leftmost match; the earliest wins, and at one
 * position the rule earlier in the file, which is what one alternation of
 * all the streams' rules in file order would have found.  A stream whose
 * match the winner overlapped looks again after it.
 */
static int
rules_scan_streams(const struct rules *r, struct scan_stream *s, size_t n,
    const char *text, size_t len,
    void (*each)(const struct rules_hit *, enum rules_class, void *),
    void *arg)
{
	struct rules_hit	 hit;
	const struct rule	*rule;
	PCRE2_SIZE		*ov;
	size_t			 from = 0, g, best;

	for (;;) {
		best = n;
		for (g = 0; g < n; g++) {
			if ((s[g].state == 1 || (s[g].state == 0 &&
			    s[g].at < from)) && scan_stream_next(r, &s[g],
			    text, len, from) != 0)
				return (RULES_ERROR);
			if (s[g].state == 0 && (best == n || s[g].at <
			    s[best].at || (s[g].at == s[best].at &&
			    s[g].rule < s[best].rule)))
				best = g;
		}
		if (best == n)
			return (RULES_MATCH);
		rule = &r->v[s[best].rule];
		ov = pcre2_get_ovector_pointer(s[best].md);
		hit.name = rule->name;
		hit.start = ov[0];
		hit.end = ov[1];
		hit.md = s[best].md;
		hit.rule = rule;
		hit.subject = text;
		each(&hit, rule->class, arg);
		from = ov[1] > ov[0] ? ov[1] : ov[0] + 1;
		s[best].state = 1;
	}
}

int
rules_scan(const struct rules *r, int which, const char *text, size_t len,
    void (*each)(const struct rules_hit *, enum rules_class, void *),
    void *arg)
{
	return (rules_scan_text(r, which, text, len, NULL, each, arg));
}

/* The rules at cand[0..n) (indices into r->v), each run alone. */
static int
rules_scan_alone(const struct rules *r, const size_t *cand, size_t n,
    const char *text, size_t len,
    void (*each)(const struct rules_hit *, enum rules_class, void *),
    void *arg)
{
	struct scan_stream	s[RULES_SCAN_ALONE];
	size_t			k;

	for (k = 0; k < n; k++) {
		s[k].rule = cand[k];
		s[k].state = 1;
	}
	return (rules_scan_streams(r, s, n, text, len, each, arg));
}

int
rules_scan_text(const struct rules *r, int which, const char *text,
    size_t len, const struct rules_text *t,
    void (*each)(const struct rules_hit *, enum rules_class, void *),
    void *arg)
{
	const struct rules_dispatch	*d = r->dispatch[which];
	struct rules_text		*own = NULL;
	size_t				 few[256], *cand = few, k, n;
	unsigned char			 fewg[256], *allow = fewg;
	int				 rc;

	/* A scan that reads no words: few rules alone, else dispatched. */
	if (r->needs[which] == NULL) {
		if (r->nscan_rule[which] <= RULES_FEW)
			return (rules_scan_alone(r, r->scan_rule[which],
			    r->nscan_rule[which], text, len, each, arg));
		if (d == NULL)
			return (RULES_MATCH);	/* a scan not prepared */
		return (rules_dispatch_scan(r, d, text, len, NULL, each,
		    arg));
	}
	/*
	 * Most rules need words most texts lack: leave those rules out and
	 * run the few left alone; for more, the dispatcher tries the groups
	 * of those left only.
	 */
	if (t == NULL)
		t = own = rules_text_new(text, len);
	/* A scan of a few hundred rules or groups allocates nothing. */
	if (r->nscan_rule[which] + 1 > sizeof few / sizeof few[0])
		cand = xcalloc(r->nscan_rule[which] + 1, sizeof *cand);
	n = (size_t)rules_needs_select(r->needs[which], t, cand,
	    r->nscan_rule[which]);
	rules_text_free(own);
	for (k = 0; k < n; k++)
		cand[k] = r->scan_rule[which][cand[k]];
	if (n <= r->alone[which])
		rc = rules_scan_alone(r, cand, n, text, len, each, arg);
	else if (d == NULL)
		rc = RULES_MATCH;	/* a scan not prepared: no rules */
	else {
		if (d->ng + 1 > sizeof fewg)
			allow = xmalloc(d->ng + 1);
		memset(allow, 0, d->ng + 1);
		for (k = 0; k < n; k++)
			allow[d->group_of[cand[k]]] = 1;
		rc = rules_dispatch_scan(r, d, text, len, allow, each, arg);
		if (allow != fewg)
			free(allow);
	}
	if (cand != few)
		free(cand);
	return (rc);
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
