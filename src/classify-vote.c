/*
 * Whether a vote line ("+1", "-1:") is the sender's opinion of the change.
 * The rule finds a signed number alone at the start of a line; on kernel
 * lists such a line also takes sides on a reviewer's quoted point, or is
 * one value of a list ("-1 : not supported" above "0 : no cookie").
 */
#include <ctype.h>
#include <string.h>

#include "classify-int.h"
#include "quote-author.h"

/* Whether the line starting at s begins with a number, signed or not. */
static int
vote_line_is_number(const char *s, const char *end)
{
	while (s < end && (*s == ' ' || *s == '\t'))
		s++;
	if (s < end && (*s == '+' || *s == '-'))
		s++;
	return (s < end && isdigit((unsigned char)*s));
}

/*
 * A line of numbers right above or below the vote's (no blank line
 * between): a list of values, exit codes or test results, not a vote.
 */
static int
vote_in_list(const char *text, size_t len, size_t at)
{
	const char	*end = text + len, *bol, *eol, *p;

	for (bol = text + at; bol > text && bol[-1] != '\n'; bol--)
		;
	eol = memchr(text + at, '\n', len - at);
	if (eol != NULL && vote_line_is_number(eol + 1, end))
		return (1);
	if (bol == text)
		return (0);
	for (p = bol - 1; p > text && p[-1] != '\n'; p--)
		;
	return (vote_line_is_number(p, bol - 1));
}

const char *
classify_vote_ignored(const char *body, const char *own, size_t len,
    size_t at, const char *vote)
{
	/*
	 * Under the quote of a reply ("> I'd rather keep the old name",
	 * then "+1") it answers that point; a vote top-posted or under the
	 * posting's own quote is the sender's opinion.
	 */
	if (quote_under_reply(body, vote, strlen(vote)))
		return ("under a quoted reply: it takes sides on that point, "
		    "not on the change");
	if (vote_in_list(own, len, at))
		return ("a value in a list of numbers");
	return (NULL);
}
