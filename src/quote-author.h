/*
 * Who wrote what a reply quotes: read from the quotes themselves, for
 * replies whose thread is not stored.
 */
#ifndef QUOTE_AUTHOR_H
#define QUOTE_AUTHOR_H

/*
 * Whether a body quotes a diff under an introduction that names the
 * sender ("> On Tue, Ann Author <ann@example.org> wrote:" above ">> +x"):
 * the sender answering a review of their own patch.  NAME or EMAIL may
 * be empty.
 */
int	quote_author_is_sender(const char *body, const char *name,
	    const char *email);

#endif
