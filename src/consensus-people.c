/*
 * Senders numbered by address: sort the messages by address once (n log n)
 * and give each run of equal addresses one number.
 */
#include <stdlib.h>
#include <strings.h>

#include "consensus.h"
#include "consensus-people.h"
#include "xmalloc.h"

struct consensus_sender {
	const char	*email;
	size_t		 msg;
};

static int
consensus_sender_cmp(const void *a, const void *b)
{
	const struct consensus_sender	*x = a, *y = b;
	int				 r = strcasecmp(x->email, y->email);

	/* Ties by position, so the numbering is the same on every libc. */
	if (r != 0)
		return (r);
	return (x->msg < y->msg ? -1 : x->msg > y->msg);
}

int *
consensus_people(const struct consensus_msg *msgs, size_t n,
    size_t *npeople)
{
	struct consensus_sender	*s;
	int			*person;
	size_t			 i, ns = 0;

	*npeople = 0;
	if (n == 0)
		return (NULL);
	person = xreallocarray(NULL, n, sizeof *person);
	s = xreallocarray(NULL, n, sizeof *s);
	for (i = 0; i < n; i++) {
		person[i] = -1;
		if (msgs[i].email != NULL) {
			s[ns].email = msgs[i].email;
			s[ns++].msg = i;
		}
	}
	qsort(s, ns, sizeof *s, consensus_sender_cmp);
	for (i = 0; i < ns; i++) {
		if (i > 0 && strcasecmp(s[i - 1].email, s[i].email) != 0)
			(*npeople)++;
		person[s[i].msg] = (int)*npeople;
	}
	if (ns > 0)
		(*npeople)++;
	free(s);
	return (person);
}
