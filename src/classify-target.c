/*
 * What a prose objection judges: the change, or a detail of it.  "I
 * object to the #ifdefery", "I'd rather not add this function to the
 * common code", "nit: I do object to this change" judge one hunk, name or
 * comment of a change the reviewer otherwise goes along with; "I object
 * to this change" and "I'd rather we didn't extend this any further"
 * judge the change.  Read from the words of the sentence alone: what
 * follows the objecting words up to the end of their clause (its object),
 * and a "nit" that opens the sentence.  Split from classify.c, which
 * decides what the hits mean.
 */
#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "classify-int.h"

/* Words that name a detail of a change: a part of the code, not all of it. */
static const char *classify_detail_words[] = {
	"function", "functions", "macro", "macros", "helper", "helpers",
	"variable", "variables", "name", "names", "naming", "comment",
	"comments", "prototype", "prototypes", "ifdef", "ifdefs",
	"ifdefery", "wording", "typo", "indentation", "whitespace", "nit",
	"nitpick", "printk", "message", "messages", "example", "examples",
	"label", "labels", "define", "defines",
};

/* Words that name the change itself, or what is done with it. */
static const char *classify_change_words[] = {
	"patch", "patches", "patchset", "series", "change", "changes",
	"approach", "design", "idea", "interface", "abi", "feature",
	"features", "functionality", "support", "merge",
	"merged", "apply", "applied", "pull", "take", "taken", "accept",
	"accepted", "whole", "entire", "fundamentally",
};

/* Words that end the object and start a reason or a condition. */
static const char *classify_clause_words[] = {
	"because", "as", "since", "so", "which", "but", "unless", "if",
	"when", "while",
};

static int
classify_in(const char *w, size_t len, const char **list, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++)
		if (strlen(list[i]) == len && strncasecmp(w, list[i], len) == 0)
			return (1);
	return (0);
}

#define CLASSIFY_IN(w, len, list)					\
	classify_in(w, len, list, sizeof list / sizeof list[0])

/*
 * Whether a word of code is at p..p+len: an identifier with an
 * underscore inside (vcpu_pmu), a call (foo()), a member (sp->x), a
 * preprocessor word (#ifdef) or camelCase.
 */
static int
classify_is_code(const char *p, size_t len)
{
	size_t	i;

	if (len >= 2 && p[0] == '#' && isalpha((unsigned char)p[1]))
		return (1);
	for (i = 0; i + 1 < len; i++) {
		if (p[i] == '_' && i > 0 && isalnum((unsigned char)p[i - 1]) &&
		    isalnum((unsigned char)p[i + 1]))
			return (1);
		if ((p[i] == '(' && p[i + 1] == ')' && i > 0 &&
		    isalnum((unsigned char)p[i - 1])) ||
		    (p[i] == '-' && p[i + 1] == '>'))
			return (1);
		if (islower((unsigned char)p[i]) && isupper((unsigned char)
		    p[i + 1]) && i > 0 && islower((unsigned char)p[0]))
			return (1);
	}
	return (0);
}

/* The length of the letters of a word at p ("ifdefery" of "ifdefery."). */
static size_t
classify_letters(const char *p, size_t len)
{
	size_t	n = 0;

	while (n < len && isalpha((unsigned char)p[n]))
		n++;
	return (n);
}

/*
 * What the words of text[from, to) name: a detail (1), the change (2),
 * or neither (0), the change winning.  Stops at the end of the clause
 * when stop is set, and says where in *end.
 */
static int
classify_names(const char *text, size_t from, size_t to, int stop,
    size_t *end)
{
	const char	*w;
	size_t		 at = from, len, n;
	int		 what = 0;

	while (at < to) {
		if (isspace((unsigned char)text[at])) {
			at++;
			continue;
		}
		/* A word: up to the next space. */
		for (len = 0; at + len < to && !isspace((unsigned char)text[at +
		    len]); len++)
			;
		w = text + at;
		if (stop && *w == '(')
			break;
		n = classify_letters(w, len);
		if (stop && (CLASSIFY_IN(w, n, classify_clause_words) && n ==
		    len))
			break;
		if (stop && len <= 2 && strspn(w, "-") == len)
			break;		/* " - ", " -- " */
		if (CLASSIFY_IN(w, n, classify_change_words) ||
		    (n == 2 && strncasecmp(w, "go", 2) == 0 && at + len + 3 <=
		    to && strncasecmp(w + len, " in", 3) == 0))
			what = 2;
		else if (what == 0 && (classify_is_code(w, len) ||
		    CLASSIFY_IN(w, n, classify_detail_words)))
			what = 1;
		at += len;
		/* The clause ends at , ; : ( or the sentence's end. */
		if (stop && len > 0 && strchr(",;:.!?", w[len - 1]) != NULL)
			break;
	}
	if (end != NULL)
		*end = at;
	return (what);
}

int
classify_judges_detail(const char *text, size_t len, size_t start,
    size_t end)
{
	size_t	s = classify_sentence_start(text, start), clause;
	int	object;

	/* "nit: I do object to this change": a nit, whatever it names. */
	if (strncasecmp(text + s, "nit", 3) == 0 && (s + 3 >= len ||
	    !isalpha((unsigned char)text[s + 3]) || strncasecmp(text + s + 3,
	    "pick", 4) == 0))
		return (1);
	/* The objecting words name the change ("this patch is wrong"). */
	if (classify_names(text, start, end, 0, NULL) == 2)
		return (0);
	/* They end the sentence: "This can't work." has no object. */
	if (end > start && strchr(".!?", text[end - 1]) != NULL)
		return (0);
	/*
	 * "I don't want it to ...": "it", the last word matched or the first
	 * after, is what the thread discusses.
	 */
	if (end >= start + 3 && strncasecmp(text + end - 3, " it", 3) == 0)
		return (0);
	for (clause = end; clause < len && isspace((unsigned char)
	    text[clause]); clause++)
		;
	if (strncasecmp(text + clause, "it", 2) == 0 && (clause + 2 == len ||
	    !isalnum((unsigned char)text[clause + 2])))
		return (0);
	object = classify_names(text, end, len, 1, &clause);
	if (object != 1)
		return (0);
	/* The rest of the sentence may still name the change. */
	return (classify_names(text, s, classify_sentence_end(text, len,
	    clause), 0, NULL) != 2);
}

/*
 * A target that stands for the whole proposal, not a noun of its own.
 * Not "that": in a reply it points back at what was just said, often
 * someone's suggestion ("I'm not a fan of that").
 */
static const char *classify_whole_words[] = {
	"this", "it", "these", "any", "all", "of", "whole",
	"entire", "your", "the",
};

/*
 * Words that may follow a bare "this" or "it" without making it the
 * determiner of a noun ("this at all", "this upstream", "it is").
 */
static const char *classify_after_whole[] = {
	"at", "here", "upstream", "in", "for", "now", "either", "as",
	"because", "since", "but", "though", "anymore", "and", "or", "is",
	"was", "would", "will", "to", "be", "into", "just", "really",
	"isn't", "on", "any",
};

/* Words that hedge or hand the verdict to someone else's idea. */
static const char *classify_not_own_words[] = {
	"maybe", "perhaps", "possibly", "might", "suggest", "suggested",
	"suggestion", "suggesting", "alternative", "counter",
};

/* The index of the whole word w (n bytes) in text[from, to), or -1. */
static long
classify_find_word(const char *text, size_t from, size_t to, const char *w,
    size_t n)
{
	size_t	at;

	for (at = from; at + n <= to; at++)
		if (strncasecmp(text + at, w, n) == 0 && (at == from ||
		    !isalnum((unsigned char)text[at - 1])) && (at + n == to ||
		    !isalnum((unsigned char)text[at + n])))
			return ((long)at);
	return (-1);
}

int
classify_targets_change(const char *text, size_t len, size_t start,
    size_t end, const char *target)
{
	size_t	s = classify_sentence_start(text, start), e, at, n, tl;
	long	t;
	int	bare = 1;

	tl = strlen(target);
	/* Every word of the target names the change or stands for it. */
	for (at = 0; at < tl; at += n) {
		while (at < tl && !isalnum((unsigned char)target[at]))
			at++;
		for (n = 0; at + n < tl && (isalnum((unsigned char)target[at +
		    n]) || target[at + n] == '-'); n++)
			;
		if (n == 0)
			break;
		if (CLASSIFY_IN(target + at, n, classify_change_words))
			bare = 0;
		else if (!CLASSIFY_IN(target + at, n, classify_whole_words))
			return (0);
	}
	/* A bare "this" is no determiner: "this amount of overhead" isn't. */
	if (bare) {
		if ((t = classify_find_word(text, start, end, target, tl)) < 0)
			return (0);
		for (at = (size_t)t + tl; at < len && (text[at] == ' ' ||
		    text[at] == '\t' || text[at] == '\n'); at++)
			;
		for (n = 0; at + n < len && (isalnum((unsigned char)text[at +
		    n]) || text[at + n] == '\''); n++)
			;
		if (n > 0 && text[at] != '\'' && !CLASSIFY_IN(text + at, n,
		    classify_after_whole))
			return (0);
	}
	/* Nothing in the sentence hedges it or makes it another's idea. */
	e = classify_sentence_end(text, len, end);
	for (at = 0; at < sizeof classify_not_own_words /
	    sizeof classify_not_own_words[0]; at++)
		if (classify_find_word(text, s, e, classify_not_own_words[at],
		    strlen(classify_not_own_words[at])) >= 0)
			return (0);
	/* Nor does it name a detail of the change. */
	return (classify_names(text, s, e, 0, NULL) != 1);
}
