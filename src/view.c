/* The view's lifetime and lookups (view.h). */
#include <stdlib.h>
#include <string.h>

#include "consensus.h"
#include "proposal.h"
#include "view.h"

void
view_free(struct view *v)
{
	size_t	i;

	for (i = 0; i < v->nproposals; i++) {
		if (proposal_cached(v, i))
			continue;	/* in the facts' arena */
		free(v->proposals[i].msgs);
		free(v->proposals[i].protocols);
		consensus_result_free(&v->results[i]);
	}
	free(v->proposals);
	free(v->results);
	free(v->protocols);
	proposal_facts_free(v->facts);
	memset(v, 0, sizeof *v);
}

const char *
view_protocol_stage(const struct view *v, const char *name)
{
	size_t	i;

	for (i = 0; i < v->nprotocols; i++)
		if (strcmp(v->protocols[i].in.name, name) == 0)
			return (v->protocols[i].in.stage);
	return (CONSENSUS_STAGE_DESIGN);
}
