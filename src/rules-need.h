/*
 * What text a rule needs (rules-need.c): a few words, one of which every
 * match of its pattern contains, read off the pattern; and a table of a
 * text's three-byte runs that tells, without a false "no", whether a
 * word may be in it.  A rule whose words are not in a text cannot match
 * it: the scan leaves it out.  Letters compare without case.
 */
#ifndef RULES_NEED_H
#define RULES_NEED_H

#include <stddef.h>
#include <stdint.h>

struct rules_need;

#include "rules.h"

/* Three-byte runs of a text, folded to 15 bits. */
#define RULES_TEXT_BITS	32768
struct rules_text {
	uint64_t	bits[RULES_TEXT_BITS / 64];
};

/*
 * What a pattern needs: a few sets of words, a match holding a word of
 * each set; NULL when this reader can tell none (no literal of 3 bytes or
 * more that every match holds, or syntax it does not follow).
 */
struct rules_need *rules_need_derive(const char *);
void		 rules_need_free(struct rules_need *);
/* Its sets, the words of a set, and one word. */
size_t		 rules_need_count(const struct rules_need *);
size_t		 rules_need_words(const struct rules_need *, size_t);
const char	*rules_need_word(const struct rules_need *, size_t, size_t);
void		 rules_text_index(struct rules_text * /* OUT */, const char *,
		    size_t);
/*
 * The needs of a list of rules, in order (NULL: a rule that needs
 * nothing), their words shared.
 */
struct rules_needs;
struct rules_needs *rules_needs_new(void);
void		 rules_needs_add(struct rules_needs *,
		    const struct rules_need *);
void		 rules_needs_free(struct rules_needs *);
/*
 * The positions in the list of the rules whose needs text may meet, into
 * out (room for max): their number, or -1 when there are more than max.
 */
int		 rules_needs_select(const struct rules_needs *,
		    const struct rules_text *, size_t * /* OUT */, size_t);

/*
 * Whether every top-level alternative of a pattern starts with its first
 * token (no '|' outside its groups).
 */
int		 rules_single_branch(const char *);
/* A pattern's quantifier at p (see rules-need.c). */
int		 rules_quantifier(const char *, int *, int *, const char **);

#endif
