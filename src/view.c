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
	for (i = 0; i < v->ncommits; i++) {
		free(v->commits[i].message_id);
		free(v->commits[i].oid);
		free(v->commits[i].branches);
		free(v->commits[i].how);
		free(v->commits[i].url);
	}
	free(v->commits);
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

size_t
view_commits_of(const struct view *v, const char *message_id,
    const struct view_commit **out)
{
	size_t	lo = 0, hi = v->ncommits, mid, n;

	/* The first commit of message_id, by binary search. */
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (strcmp(v->commits[mid].message_id, message_id) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	*out = &v->commits[lo];
	for (n = 0; lo + n < v->ncommits &&
	    strcmp(v->commits[lo + n].message_id, message_id) == 0 &&
	    v->commits[lo + n].date <= v->now; n++)
		;
	return (n);
}
