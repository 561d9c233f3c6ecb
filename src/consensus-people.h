/*
 * Who is who among a proposal's messages, for the consensus engine: each
 * message's sender as a small integer (addresses compared with ASCII case
 * ignored), so that the engine keeps one opinion and one open objection
 * per person in O(1) instead of searching every earlier one (issue 19:
 * 16,000 objections in a thread took 12.7 s).  Pure.
 */
#ifndef CONSENSUS_PEOPLE_H
#define CONSENSUS_PEOPLE_H

#include <stddef.h>

struct consensus_msg;

/*
 * Number every distinct sender address of msgs[0..n): person[i] is
 * msgs[i]'s, in 0..*npeople-1, or -1 when it has no address.  Returns a
 * new array of n ints (NULL when n is 0) the caller frees.
 */
int	*consensus_people(const struct consensus_msg *, size_t,
	    size_t * /* OUT npeople */);

#endif
