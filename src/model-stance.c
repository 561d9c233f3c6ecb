/*
 * Stance features of a reply's own text (model-stance.h).  The text is
 * cut into sentences (at ". ! ? ;" and blank lines) and each into words
 * (letters and apostrophes, lower case); each word is looked up once in
 * a sorted lexicon of word classes, and the patterns below read the
 * classes of a sentence's words.  The lexicon holds the language of
 * review in general, no list's or person's own.
 */
#include <stdlib.h>
#include <string.h>

#include "model-stance.h"

/* Word classes. */
#define ST_NEG		0x001	/* not, don't, never, ... */
#define ST_EPOS		0x002	/* right, good, sense, worth, ... */
#define ST_STANCE	0x004	/* think, see, like, agree, want, ... */
#define ST_ENEG		0x008	/* wrong, broken, mess, ... */
#define ST_FIRST	0x010	/* I, I'm, I'd, IMO, ... */
#define ST_MODAL	0x020	/* should, must, shall */
#define ST_INSTEAD	0x040	/* instead, rather */
#define ST_OBJECT	0x080	/* object, objection, nak, oppose, ... */
#define ST_NIT		0x100	/* nit, typo, minor, cosmetic, ... */
#define ST_WHY		0x200	/* why */
#define ST_PREFER	0x400	/* prefer, suggest, better */
#define ST_DISAGREE	0x800	/* disagree */
#define ST_WE		0x1000	/* we, we're, ... */
#define ST_NO		0x2000	/* no, nope: a short answer */
#define ST_PLEASE	0x4000	/* please */
#define ST_DROP		0x8000	/* drop, revert */

/* How far a negation reaches forward, in words. */
#define ST_REACH	3
/* Words of a sentence read at most. */
#define ST_WORDS	64
/* The opening and the closing: this many sentences. */
#define ST_OPENING	2
#define ST_WORD_MAX	16

struct model_stance_word {
	const char	*w;
	int		 cls;
};

/* Sorted by strcmp: model_stance_class searches it. */
static const struct model_stance_word model_stance_lexicon[] = {
	{ "abuse", ST_ENEG },
	{ "acceptable", ST_EPOS },
	{ "against", ST_OBJECT },
	{ "agree", ST_STANCE },
	{ "appropriate", ST_EPOS },
	{ "arbitrary", ST_ENEG },
	{ "aren't", ST_NEG },
	{ "bad", ST_ENEG },
	{ "believe", ST_STANCE },
	{ "better", ST_PREFER },
	{ "bogus", ST_ENEG },
	{ "broken", ST_ENEG },
	{ "buy", ST_STANCE },
	{ "can't", ST_NEG },
	{ "cannot", ST_NEG },
	{ "comfortable", ST_EPOS },
	{ "confusing", ST_ENEG },
	{ "convinced", ST_EPOS },
	{ "correct", ST_EPOS },
	{ "cosmetic", ST_NIT },
	{ "couldn't", ST_NEG },
	{ "crap", ST_ENEG },
	{ "dangerous", ST_ENEG },
	{ "didn't", ST_NEG },
	{ "disagree", ST_DISAGREE },
	{ "doesn't", ST_NEG },
	{ "don't", ST_NEG },
	{ "drop", ST_DROP },
	{ "dubious", ST_ENEG },
	{ "fan", ST_EPOS },
	{ "fine", ST_EPOS },
	{ "flawed", ST_ENEG },
	{ "fragile", ST_ENEG },
	{ "good", ST_EPOS },
	{ "gross", ST_ENEG },
	{ "hack", ST_ENEG },
	{ "hacky", ST_ENEG },
	{ "happy", ST_EPOS },
	{ "horrible", ST_ENEG },
	{ "horrid", ST_ENEG },
	{ "horror", ST_ENEG },
	{ "i", ST_FIRST },
	{ "i'd", ST_FIRST },
	{ "i'm", ST_FIRST },
	{ "i've", ST_FIRST },
	{ "imho", ST_FIRST },
	{ "imo", ST_FIRST },
	{ "inconsistent", ST_ENEG },
	{ "incorrect", ST_ENEG },
	{ "instead", ST_INSTEAD },
	{ "isn't", ST_NEG },
	{ "keen", ST_EPOS },
	{ "like", ST_STANCE },
	{ "mess", ST_ENEG },
	{ "messy", ST_ENEG },
	{ "minor", ST_NIT },
	{ "misguided", ST_ENEG },
	{ "mistake", ST_ENEG },
	{ "must", ST_MODAL },
	{ "mustn't", ST_NEG | ST_MODAL },
	{ "nack", ST_OBJECT },
	{ "nacked", ST_OBJECT },
	{ "nak", ST_OBJECT },
	{ "nasty", ST_ENEG },
	{ "necessary", ST_EPOS },
	{ "need", ST_STANCE },
	{ "needed", ST_EPOS },
	{ "needs", ST_STANCE },
	{ "never", ST_NEG },
	{ "nit", ST_NIT },
	{ "nitpick", ST_NIT },
	{ "nits", ST_NIT },
	{ "no", ST_NEG | ST_NO },
	{ "nonsense", ST_ENEG },
	{ "nope", ST_NO },
	{ "not", ST_NEG },
	{ "object", ST_OBJECT },
	{ "objection", ST_OBJECT },
	{ "ok", ST_EPOS },
	{ "okay", ST_EPOS },
	{ "oppose", ST_OBJECT },
	{ "overkill", ST_ENEG },
	{ "please", ST_PLEASE },
	{ "pointless", ST_ENEG },
	{ "prefer", ST_PREFER },
	{ "rather", ST_INSTEAD },
	{ "reasonable", ST_EPOS },
	{ "reject", ST_OBJECT },
	{ "revert", ST_DROP },
	{ "right", ST_EPOS },
	{ "safe", ST_EPOS },
	{ "sane", ST_EPOS },
	{ "scale", ST_EPOS },
	{ "see", ST_STANCE },
	{ "sense", ST_EPOS },
	{ "shall", ST_MODAL },
	{ "should", ST_MODAL },
	{ "shouldn't", ST_NEG | ST_MODAL },
	{ "silly", ST_ENEG },
	{ "suggest", ST_PREFER },
	{ "support", ST_STANCE },
	{ "sure", ST_EPOS },
	{ "terrible", ST_ENEG },
	{ "think", ST_STANCE },
	{ "thrilled", ST_EPOS },
	{ "trivial", ST_NIT },
	{ "typo", ST_NIT },
	{ "typos", ST_NIT },
	{ "ugly", ST_ENEG },
	{ "unacceptable", ST_ENEG },
	{ "understand", ST_STANCE },
	{ "unnecessary", ST_ENEG },
	{ "us", ST_WE },
	{ "useful", ST_EPOS },
	{ "useless", ST_ENEG },
	{ "want", ST_STANCE },
	{ "wasn't", ST_NEG },
	{ "wasted", ST_ENEG },
	{ "we", ST_WE },
	{ "we'd", ST_WE },
	{ "we're", ST_WE },
	{ "why", ST_WHY },
	{ "won't", ST_NEG },
	{ "work", ST_EPOS },
	{ "works", ST_EPOS },
	{ "worse", ST_ENEG },
	{ "worth", ST_EPOS },
	{ "wouldn't", ST_NEG },
	{ "wrong", ST_ENEG },
};

/* Patterns found in a sentence. */
#define SP_NEG_EVAL	0x001
#define SP_I_NEG	0x002
#define SP_ENEG		0x004
#define SP_EPOS		0x008
#define SP_MODAL_NEG	0x010
#define SP_INSTEAD	0x020
#define SP_WHY		0x040
#define SP_OBJECT	0x080
#define SP_NOT_OBJECT	0x100
#define SP_NIT		0x200
#define SP_PREFER	0x400
#define SP_QUESTION	0x800
#define SP_DISAGREE	0x1000
#define SP_WE_NEG	0x2000
#define SP_NO		0x4000
#define SP_DONT		0x8000
#define SP_DROP		0x10000
#define SP_N		17

/* Each pattern's name: in the text, in the opening, in the closing. */
static const char *const model_stance_names[SP_N][3] = {
	{ "st:neg-eval", "so:neg-eval", "sc:neg-eval" },
	{ "st:i-neg", "so:i-neg", "sc:i-neg" },
	{ "st:neg-word", "so:neg-word", "sc:neg-word" },
	{ "st:pos-eval", "so:pos-eval", "sc:pos-eval" },
	{ "st:modal-neg", "so:modal-neg", "sc:modal-neg" },
	{ "st:instead", "so:instead", "sc:instead" },
	{ "st:why", "so:why", "sc:why" },
	{ "st:object", "so:object", "sc:object" },
	{ "st:not-object", "so:not-object", "sc:not-object" },
	{ "st:nit", "so:nit", "sc:nit" },
	{ "st:prefer", "so:prefer", "sc:prefer" },
	{ "st:question", "so:question", "sc:question" },
	{ "st:disagree", "so:disagree", "sc:disagree" },
	{ "st:we-neg", "so:we-neg", "sc:we-neg" },
	{ "st:no", "so:no", "sc:no" },
	{ "st:dont", "so:dont", "sc:dont" },
	{ "st:drop", "so:drop", "sc:drop" },
};

static int
model_stance_cmp(const void *key, const void *e)
{
	return (strcmp(key, ((const struct model_stance_word *)e)->w));
}

static int
model_stance_class(const char *w)
{
	const struct model_stance_word	*e;

	e = bsearch(w, model_stance_lexicon, sizeof model_stance_lexicon /
	    sizeof model_stance_lexicon[0], sizeof model_stance_lexicon[0],
	    model_stance_cmp);
	return (e != NULL ? e->cls : 0);
}

/* Whether a negation stands in the ST_REACH words before word j. */
static int
model_stance_negated(const int *c, size_t j)
{
	size_t	i;

	for (i = j > ST_REACH ? j - ST_REACH : 0; i < j; i++)
		if (c[i] & ST_NEG)
			return (1);
	return (0);
}

/* The patterns of one sentence, its words' classes c[0..n). */
static int
model_stance_sentence(const int *c, size_t n, int question)
{
	size_t	j, i;
	int	p = question ? SP_QUESTION : 0, neg;

	if (n > 0 && (c[0] & ST_WHY) && question)
		p |= SP_WHY;
	/* "No.", "No, thank you", "Nope": a short answer that refuses. */
	if (n > 0 && n <= 4 && (c[0] & ST_NO))
		p |= SP_NO;
	/* "Please don't", "please do not". */
	if (n > 1 && (c[0] & ST_PLEASE) && (c[1] & ST_NEG))
		p |= SP_DONT;
	for (j = 0; j < n; j++) {
		neg = model_stance_negated(c, j);
		if ((c[j] & (ST_EPOS | ST_STANCE)) && neg) {
			p |= SP_NEG_EVAL;
			/* "I don't think", "I'm not convinced". */
			for (i = j > 2 * ST_REACH ? j - 2 * ST_REACH : 0;
			    i < j; i++) {
				if (c[i] & ST_FIRST)
					p |= SP_I_NEG;
				if (c[i] & ST_WE)
					p |= SP_WE_NEG;
			}
		}
		if ((c[j] & ST_EPOS) && !neg)
			p |= SP_EPOS;
		if ((c[j] & ST_ENEG) && !neg)
			p |= SP_ENEG;
		if (((c[j] & ST_MODAL) && (c[j] & ST_NEG)) || ((c[j] &
		    ST_MODAL) && j + 1 < n && (c[j + 1] & ST_NEG)))
			p |= SP_MODAL_NEG;
		if (c[j] & ST_INSTEAD)
			p |= SP_INSTEAD;
		if (c[j] & ST_OBJECT)
			p |= neg ? SP_NOT_OBJECT : SP_OBJECT;
		if (c[j] & ST_NIT)
			p |= SP_NIT;
		if (c[j] & ST_PREFER)
			p |= SP_PREFER;
		if ((c[j] & ST_DISAGREE) && !neg)
			p |= SP_DISAGREE;
		if ((c[j] & ST_DROP) && !neg)
			p |= SP_DROP;
	}
	return (p);
}

/* A sentence ends here: at a stop, or a blank line. */
static int
model_stance_stop(const char *p)
{
	return (*p == '.' || *p == '!' || *p == '?' || *p == ';' ||
	    (p[0] == '\n' && p[1] == '\n'));
}

size_t
model_stance(const char *own, const char **out)
{
	char		 w[ST_WORD_MAX + 1];
	int		 c[ST_WORDS], all = 0, opening = 0, p;
	int		 last = 0, before = 0;
	size_t		 n = 0, len, k, nout = 0, sentences = 0;
	size_t		 questions = 0;
	const char	*s;

	for (s = own; ; s++) {
		if (*s == '\0' || model_stance_stop(s)) {
			if (n > 0) {
				p = model_stance_sentence(c, n, *s == '?');
				all |= p;
				if (sentences++ < ST_OPENING)
					opening |= p;
				before = last;
				last = p;
				questions += (p & SP_QUESTION) != 0;
			}
			n = 0;
			if (*s == '\0')
				break;
			continue;
		}
		if (!((unsigned)((*s | 0x20) - 'a') < 26))
			continue;
		for (len = 0; ((unsigned)((s[len] | 0x20) - 'a') < 26 ||
		    s[len] == '\''); len++)
			if (len < ST_WORD_MAX)
				w[len] = (char)(s[len] == '\'' ? '\'' :
				    (s[len] | 0x20));
		if (len <= ST_WORD_MAX && n < ST_WORDS) {
			w[len] = '\0';
			c[n++] = model_stance_class(w);
		}
		s += len - 1;
	}
	for (k = 0; k < SP_N; k++) {
		if (all & (1 << k))
			out[nout++] = model_stance_names[k][0];
		if (opening & (1 << k))
			out[nout++] = model_stance_names[k][1];
		if ((last | before) & (1 << k))
			out[nout++] = model_stance_names[k][2];
	}
	if (questions >= 2)
		out[nout++] = "st:questions-2";
	if (all == 0)
		out[nout++] = "st:none";
	return (nout);
}
