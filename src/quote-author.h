/*
 * Who wrote what a reply quotes: read from the quotes themselves, for
 * replies whose thread is not stored.
 */
#ifndef QUOTE_AUTHOR_H
#define QUOTE_AUTHOR_H

#include <stddef.h>

#define QUOTE_AUTHOR_INTRO	1	/* under an introduction naming them */
#define QUOTE_AUTHOR_SIGNED	2	/* its From or Signed-off-by names them */

/*
 * Whether a body quotes the sender's own patch: a diff at depth 2 or
 * deeper under an introduction that names the sender ("> On Tue, Ann
 * Author <ann@example.org> wrote:" above ">> +x"), the sender answering a
 * review of it; or a quoted patch whose author is the sender, above its
 * diff with no new introduction between, and no text of the sender's
 * before the header's "---" (inline answers to a review of its commit
 * message may follow it): its "From:" line, its first
 * "Signed-off-by:", or one after the sender's "Co-developed-by:" names
 * them (later sign-offs are of those who passed the patch on).
 * WHICH says which of the two to look for (QUOTE_AUTHOR_* or'ed); the
 * second alone is looked for only in a body that holds the sender's
 * address (EMAIL, lower case; its local part in any case).
 * Returns the one found first, or 0.  NAME or EMAIL may be empty.
 */
int	quote_author_is_sender(const char *body, const char *name,
	    const char *email, int which);
/*
 * Whether the sender's line LINE (LEN bytes; its first unquoted occurrence
 * in BODY) stands right under quoted text of a reply: the nearest
 * non-blank line above it is quoted, and BODY quotes two levels deep
 * somewhere.  A "+1" there agrees with a point made in the discussion.
 */
int	quote_under_reply(const char *body, const char *line, size_t len);

#endif
