/*
 * What classify.c and its split-off parts share, and nothing else uses.
 */
#ifndef CLASSIFY_INT_H
#define CLASSIFY_INT_H

#include <stddef.h>

struct classify_context;
struct classify_result;
struct message;
struct rules;

/*
 * A display name compared as a name: lower case, without parenthesised
 * comments or quotes, "First Last" for Outlook's "Last, First".  The
 * caller frees it.
 */
char	*classify_norm_name(const char *);
/*
 * Set CLASSIFY_F_AUTHOR and how it is known when the sender proposed what
 * the thread discusses or wrote the patch the reply quotes (needs
 * CLASSIFY_F_NO_THREAD already set where the thread is not stored).
 */
void	 classify_author_find(const struct message *,
	    const struct classify_context *, struct classify_result *);
/*
 * When the thread is not stored, set CLASSIFY_F_AUTHOR for a reply whose
 * own text says what only a series' author says (rules.conf's accepts
 * rules named author-*, "I'll send a v2"): call after the points scan.
 */
void	 classify_author_words(struct classify_result *);

/*
 * classify_own_text, and whether the own text runs on to a diff in the
 * body (*diff: 1), rather than ending at a signature or at a forwarded
 * or original message that holds the diff (0).
 */
char	*classify_own_text_diff(const struct rules *, const char *, int *);

/*
 * Why the vote VOTE found at AT in the own text OWN (LEN bytes) of a
 * message with BODY is no opinion of the change, or NULL when it is one.
 */
const char *classify_vote_ignored(const char *body, const char *own,
	    size_t len, size_t at, const char *vote);

/*
 * Whether the prose objection matched at text[start, end) judges a
 * detail of the change (a name, a comment, a helper, one piece of code)
 * rather than the change: what follows it up to the end of its clause
 * names such a detail and neither it nor the match names the change, or
 * the sentence opens with "nit" (classify-target.c).
 */
int	 classify_judges_detail(const char *, size_t, size_t, size_t);
/*
 * Whether TARGET, the words of a broad objection (its "target" group,
 * inside text[start, end)) that say what it judges, is the change
 * itself: "this", "it", "any of this", "this patch", not "this amount of
 * overhead" and not "that" (what the last speaker said); in a sentence
 * that neither hedges ("maybe"), nor answers someone's suggestion, nor
 * names a detail (classify-target.c).
 */
int	 classify_targets_change(const char *, size_t, size_t, size_t,
	    const char *);

/*
 * How the sentence around a prose match at AT is framed
 * (classify-frame.c): it asks (ends in "?"), supposes (starts with "if"
 * or "unless"), or disclaims what follows ("I'm not saying ...").
 */
int	 classify_is_question(const char *, size_t, size_t);
/*
 * Where the sentence holding text[at] starts (after . ! ? and a space,
 * or a blank line; its leading space skipped) and where it ends (at its
 * . ! ? or blank line, or len).
 */
size_t	 classify_sentence_start(const char *, size_t);
size_t	 classify_sentence_end(const char *, size_t, size_t);
int	 classify_is_supposition(const char *, size_t);
int	 classify_is_disclaimed(const char *, size_t);

#endif
