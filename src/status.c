/*
 * An evaluation, from the store to the event log: the pipeline of the
 * proposal stage (proposal.h) with the store's reads and writes around
 * it.
 */
#include <time.h>

#include "log.h"
#include "proposal.h"
#include "status.h"
#include "store-events.h"
#include "store-view.h"
#include "view.h"

int
status_evaluate(struct store *s, const struct config *cf,
    const struct policy *pol, const struct protocols *protocols,
    const struct mail_command_ctx *cmd, time_t now, int fresh,
    struct view *v, char **cause)
{
	size_t	reused, read, threads;

	/* Stamps -> plan (pure) -> rows -> proposals -> verdicts -> log. */
	if (store_view_begin(s, cf, protocols, now, fresh, v, cause) != 0)
		return (-1);
	proposal_plan(v);
	if (store_view_load(s, v, cause) != 0)
		return (-1);
	proposal_derive(v, cmd);
	proposal_evaluate(v, pol);
	proposal_counts(v, &reused, &read, &threads);
	log_debug(LOG_DEBUG_STORE, "evaluation at %lld: %zu proposals, %zu "
	    "from the cache; %zu of %zu threads read", (long long)now,
	    v->nproposals, reused, read, threads);
	if (store_events_record(s, v, pol, cause) < 0)
		return (-1);
	return (0);
}
