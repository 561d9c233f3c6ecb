/*
 * How the sentence around a prose match is framed: a question, a
 * supposition or a disclaimer states no verdict though its words match
 * one ("Wouldn't this break the ABI?", "If this breaks the ABI, ...",
 * "I'm not saying the patch is wrong, but ...").  Split from classify.c,
 * which decides what the hits mean.
 */
#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "classify-int.h"

size_t
classify_sentence_start(const char *text, size_t at)
{
	size_t	s = at;

	while (s > 0 && !(text[s - 1] == '\n' && s >= 2 && text[s - 2] ==
	    '\n') && !((text[s - 1] == ' ' || text[s - 1] == '\n') && s >= 2 &&
	    (text[s - 2] == '.' || text[s - 2] == '!' || text[s - 2] == '?')))
		s--;
	while (isspace((unsigned char)text[s]))
		s++;
	return (s);
}

size_t
classify_sentence_end(const char *text, size_t len, size_t at)
{
	for (; at < len; at++) {
		if (text[at] == '\n' && at + 1 < len && text[at + 1] == '\n')
			break;
		if ((text[at] == '.' || text[at] == '!' || text[at] == '?') &&
		    (at + 1 == len || isspace((unsigned char)text[at + 1])))
			break;
	}
	return (at);
}

/* Whether the sentence around a prose match asks: it ends in "?". */
int
classify_is_question(const char *text, size_t len, size_t at)
{
	at = classify_sentence_end(text, len, at);
	return (at < len && text[at] == '?');
}

/* Whether the sentence around a prose match starts with "if" or "unless". */
int
classify_is_supposition(const char *text, size_t at)
{
	size_t	s = classify_sentence_start(text, at);

	/* "But if we don't take them": a conjunction may come first. */
	if (strncasecmp(text + s, "but ", 4) == 0 ||
	    strncasecmp(text + s, "and ", 4) == 0 ||
	    strncasecmp(text + s, "so ", 3) == 0)
		s += strcspn(text + s, " ") + 1;
	return (strncasecmp(text + s, "if ", 3) == 0 ||
	    strncasecmp(text + s, "unless ", 7) == 0);
}

/*
 * Whether the clause holding a prose match, before it, disclaims what
 * follows: "I'm not saying the patch is wrong", "this doesn't mean the
 * approach is broken", "not to say it is a bad idea".  A clause starts
 * after . ! ? ; : or a blank line, so "I'm not saying this lightly: the
 * approach is wrong" still objects.
 */
int
classify_is_disclaimed(const char *text, size_t at)
{
	static const char *frames[] = {
		"not saying ", "not claiming ", "not suggesting ",
		"not implying ", "not arguing ", "doesn't mean ",
		"does not mean ", "not to say ", "never said ",
		"didn't say ", "did not say ",
	};
	size_t	s = at, i, n;
	char	clause[256];

	while (s > 0 && at - s < sizeof clause - 1 && strchr(".!?;:",
	    text[s - 1]) == NULL && !(text[s - 1] == '\n' && s >= 2 &&
	    text[s - 2] == '\n'))
		s--;
	n = at - s;
	for (i = 0; i < n; i++)
		clause[i] = (char)(isspace((unsigned char)text[s + i]) ? ' ' :
		    tolower((unsigned char)text[s + i]));
	clause[n] = '\0';
	for (i = 0; i < sizeof frames / sizeof frames[0]; i++)
		if (strstr(clause, frames[i]) != NULL)
			return (1);
	return (0);
}
