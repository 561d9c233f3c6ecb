/*
 * Which touched MAINTAINERS sections an approval's "# area" names
 * (design.md §5 A.1: "`# area` suffixes limit an ack to that area").
 * Reviewers write "Acked-by: Jan <jan@...> # x86", "Reviewed-by: Anthony
 * <...> # tools", "Acked-by: X <...> # for the libxl part".  Part of the
 * pure engine.
 *
 * The rule, the same for every list:
 *  - The area is read as words: runs of letters and digits, case
 *    ignored.  Filler ("for", "the", "part", "bits", "side", "changes",
 *    ... below), words without a letter ("4.18") and one-letter words are
 *    dropped.  An area left with no word does not limit the approval
 *    ("# for the whole series").
 *  - A word names a section when it is a word of the section's title
 *    ("x86" -> X86 ARCHITECTURE), of one of its F: patterns ("tools" ->
 *    F: tools/, "libxl" -> F: tools/include/libxl*.h), or of a touched
 *    path the section is the most specific section of ("common" ->
 *    xen/common/sched.c under THE REST).  A final "s" is ignored on both
 *    sides ("tool", "drivers").
 *  - A token of the area with a '/' in it is a path, not words
 *    ("# xen/arch/arm"): it names a section when one of its F: patterns
 *    or touched paths is that path or lies under it.  (Read as words,
 *    its "xen" would name every hypervisor section.)
 *  - After "not", "except", "but", "excluding" or "without", up to the
 *    next ',' or ';', words and paths are negated ("# asm parts, not hv
 *    parts"): a section a negated one names is never named; with only
 *    negated ones, every other section is ("# all but x86").
 *  - Otherwise an area names a section when any of its words or paths
 *    does.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "consensus.h"

/* Words that say how much, not where. */
static const char *const consensus_area_filler[] = {
	"a", "all", "an", "and", "any", "area", "areas", "bit", "bits",
	"change", "changes", "code", "for", "from", "hunk", "hunks", "in",
	"is", "its", "my", "of", "on", "only", "or", "our", "part", "parts",
	"patch", "patches", "piece", "pieces", "portion", "portions",
	"related", "relevant", "series", "side", "sides", "stuff", "that",
	"the", "these", "this", "those", "to", "whole", "with",
};

/* Separators between the area's tokens (a path has none of them). */
#define CONSENSUS_AREA_SEP	" \t,;:()[]{}<>+&\"'"

static int
consensus_area_alnum(int ch)
{
	return (isalnum((unsigned char)ch));
}

static int
consensus_area_is_filler(const char *w, size_t len)
{
	size_t	i;

	for (i = 0; i < sizeof consensus_area_filler /
	    sizeof consensus_area_filler[0]; i++)
		if (strlen(consensus_area_filler[i]) == len &&
		    strncasecmp(consensus_area_filler[i], w, len) == 0)
			return (1);
	return (0);
}

/* Whether the word w[0..len) says where: a letter, two characters. */
static int
consensus_area_word(const char *w, size_t len)
{
	size_t	i;
	int	letter = 0;

	for (i = 0; i < len; i++)
		letter |= isalpha((unsigned char)w[i]) != 0;
	return (letter && len >= 2 && !consensus_area_is_filler(w, len));
}

/* Two words the same, case and a final "s" ignored. */
static int
consensus_area_same(const char *a, size_t alen, const char *b, size_t blen)
{
	if (alen > 0 && blen > alen && (b[blen - 1] == 's' ||
	    b[blen - 1] == 'S'))
		blen--;
	else if (blen > 0 && alen > blen && (a[alen - 1] == 's' ||
	    a[alen - 1] == 'S'))
		alen--;
	return (alen == blen && strncasecmp(a, b, alen) == 0);
}

/* Whether the word w[0..len) is one of text's words. */
static int
consensus_area_in_words(const char *w, size_t len, const char *text)
{
	const char	*p = text, *start;

	if (text == NULL)
		return (0);
	while (*p != '\0') {
		while (*p != '\0' && !consensus_area_alnum(*p))
			p++;
		start = p;
		while (consensus_area_alnum(*p))
			p++;
		if (p > start && consensus_area_same(w, len, start,
		    (size_t)(p - start)))
			return (1);
	}
	return (0);
}

/* A path without its leading "./" or "/" and trailing "/", as [*s, len). */
static size_t
consensus_area_trim(const char **s, size_t len)
{
	while (len > 0 && (**s == '/' || (**s == '.' && len > 1 &&
	    (*s)[1] == '/'))) {
		(*s)++;
		len--;
	}
	while (len > 0 && ((*s)[len - 1] == '/' || (*s)[len - 1] == '.'))
		len--;
	return (len);
}

/* Whether a is b, or b lies under a (a component at a time). */
static int
consensus_area_under(const char *a, size_t alen, const char *b, size_t blen)
{
	return (alen > 0 && blen >= alen && strncasecmp(a, b, alen) == 0 &&
	    (blen == alen || b[alen] == '/'));
}

/* Whether one of the paths is the path p[0..len) or lies under it. */
static int
consensus_area_in_paths(const char *p, size_t len, const char *const *paths,
    size_t n)
{
	const char	*q;
	size_t		 i, qlen;

	len = consensus_area_trim(&p, len);
	for (i = 0; i < n && len > 0; i++) {
		q = paths[i];
		qlen = consensus_area_trim(&q, strlen(q));
		if (consensus_area_under(p, len, q, qlen))
			return (1);
	}
	return (0);
}

static int
consensus_area_word_names(const char *w, size_t len,
    const struct consensus_section *s)
{
	size_t	i;

	if (consensus_area_in_words(w, len, s->title))
		return (1);
	for (i = 0; i < s->nf; i++)
		if (consensus_area_in_words(w, len, s->f[i]))
			return (1);
	for (i = 0; i < s->npaths; i++)
		if (consensus_area_in_words(w, len, s->paths[i]))
			return (1);
	return (0);
}

/* What the area's words and paths say of a section. */
struct consensus_area_scan {
	size_t	npos, nneg;	/* words and paths, not negated and negated */
	int	pos, neg;	/* one of them names the section */
};

static int
consensus_area_names_one(const char *w, size_t len, int path,
    const struct consensus_section *s)
{
	if (s == NULL)
		return (0);
	if (path)
		return (consensus_area_in_paths(w, len, s->f, s->nf) ||
		    consensus_area_in_paths(w, len, s->paths, s->npaths));
	return (consensus_area_word_names(w, len, s));
}

/* Whether the word w[0..len) negates the rest of its clause. */
static int
consensus_area_negates(const char *w, size_t len)
{
	static const char *const neg[] = { "but", "except", "excluding",
	    "not", "without" };
	size_t	i;

	for (i = 0; i < sizeof neg / sizeof neg[0]; i++)
		if (strlen(neg[i]) == len && strncasecmp(neg[i], w, len) == 0)
			return (1);
	return (0);
}

static void
consensus_area_count(struct consensus_area_scan *sc, int negated, int named)
{
	if (negated) {
		sc->nneg++;
		sc->neg |= named;
	} else {
		sc->npos++;
		sc->pos |= named;
	}
}

/*
 * Read the area's words and paths, each against s (NULL: none).  After
 * "not", "except", "but", "excluding" or "without", up to the next ',' or
 * ';', they are negated: "# asm parts, not hv parts".
 */
static void
consensus_area_scan(const char *area, const struct consensus_section *s,
    struct consensus_area_scan *sc)
{
	const char	*p = area, *tok, *w;
	size_t		 toklen, seplen, i, len;
	int		 negated = 0;

	memset(sc, 0, sizeof *sc);
	if (area == NULL)
		return;
	while (*p != '\0') {
		seplen = strspn(p, CONSENSUS_AREA_SEP);
		if (memchr(p, ',', seplen) != NULL ||
		    memchr(p, ';', seplen) != NULL)
			negated = 0;
		p += seplen;
		tok = p;
		toklen = strcspn(p, CONSENSUS_AREA_SEP);
		p += toklen;
		if (toklen == 0)
			continue;
		if (memchr(tok, '/', toklen) != NULL) {
			consensus_area_count(sc, negated,
			    consensus_area_names_one(tok, toklen, 1, s));
			continue;
		}
		for (i = 0; i < toklen; ) {
			while (i < toklen && !consensus_area_alnum(tok[i]))
				i++;
			w = tok + i;
			while (i < toklen && consensus_area_alnum(tok[i]))
				i++;
			len = (size_t)(tok + i - w);
			if (consensus_area_negates(w, len))
				negated = 1;
			else if (consensus_area_word(w, len))
				consensus_area_count(sc, negated,
				    consensus_area_names_one(w, len, 0, s));
		}
	}
}

int
consensus_area_limits(const char *area)
{
	struct consensus_area_scan	sc;

	consensus_area_scan(area, NULL, &sc);
	return (sc.npos + sc.nneg > 0);
}

int
consensus_area_names(const char *area, const struct consensus_section *s)
{
	struct consensus_area_scan	sc;

	consensus_area_scan(area, s, &sc);
	if (sc.neg)
		return (0);		/* "not hv": never the hv sections */
	return (sc.pos || sc.npos == 0);	/* "not x86" alone: the rest */
}
