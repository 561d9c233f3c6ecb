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
	for (i = 0; i < v->ndisputed; i++)
		free(v->disputed[i]);
	free(v->disputed);
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

static int
view_cmp_str(const void *a, const void *b)
{
	return (strcmp(*(char *const *)a, *(char *const *)b));
}

int
view_disputed(const struct view *v, const char *msgid)
{
	if (msgid == NULL || v->ndisputed == 0)
		return (0);
	return (bsearch(&msgid, v->disputed, v->ndisputed,
	    sizeof *v->disputed, view_cmp_str) != NULL);
}
