/*
 * Reading the facts an evaluation needs from the store, for the proposal
 * stage (proposal.h): first the stamps, then, once proposal_plan has said
 * which threads are wanted, their rows.
 */
#ifndef STORE_VIEW_H
#define STORE_VIEW_H

#include <time.h>

struct config;
struct protocols;
struct store;
struct view;

/*
 * Start *v at now (proposal_begin) with the evaluation cache (none with
 * fresh; cf's files are what an entry was computed under), open a read
 * transaction and read every thread's stamp and every posting.  Returns 0,
 * or -1 with *cause; view_free releases *v either way.
 */
int	store_view_begin(struct store *, const struct config *,
	    const struct protocols *, time_t, int, struct view * /* OUT */,
	    char ** /* OUT */);
/*
 * After proposal_plan: the rows of the wanted threads, the protocols'
 * stages and activity; then end the read transaction.  Returns 0, or -1
 * with *cause.
 */
int	store_view_load(struct store *, struct view *, char ** /* OUT */);

#endif
