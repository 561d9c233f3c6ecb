/* The view's lifetime and lookups (view.h). */
#include <stdlib.h>
#include <string.h>

#include "classify.h"
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

/* The first objection in state, or NULL. */
static const struct consensus_objection *
view_objection(const struct consensus_result *r, const char *state)
{
	size_t	i;

	for (i = 0; i < r->nobjections; i++)
		if (strcmp(r->objections[i].state, state) == 0)
			return (&r->objections[i]);
	return (NULL);
}

/* When it was committed: a git source's commit, the Czar, an "Applied". */
static time_t
view_committed_at(const struct consensus_proposal *p,
    const struct consensus_result *r)
{
	size_t	i;

	if (r->committed_at != 0)
		return (r->committed_at);
	if (p->committed_at != 0)
		return (p->committed_at);
	for (i = 0; i < p->nmsgs; i++)
		if ((p->msgs[i].flags & CLASSIFY_F_APPLIED) &&
		    p->msgs[i].committer && p->msgs[i].version == p->version)
			return (p->msgs[i].date);
	return (0);
}

/* When a new version came to be owed: the author's agreement, or the ask. */
static time_t
view_changes_since(const struct consensus_result *r)
{
	const struct consensus_evidence	*e;
	size_t				 i;

	for (i = 0; i < r->nevidence; i++) {
		e = &r->evidence[i];
		if (strcmp(e->kind, CONSENSUS_EV_POINT) == 0 &&
		    strcmp(e->state, CONSENSUS_PT_ACCEPTED) == 0)
			return (e->answered != 0 ? e->answered : e->at);
	}
	return (r->deadline);
}

time_t
view_verdict_since(const struct view *v, size_t i)
{
	const struct consensus_proposal		*p = &v->proposals[i];
	const struct consensus_result		*r = &v->results[i];
	const struct consensus_objection	*o;
	const char				*vd = r->verdict;
	time_t					 t = 0;

	if (strcmp(vd, CONSENSUS_WAITING) == 0)
		t = p->start;
	else if (strcmp(vd, CONSENSUS_OBJECTED) == 0)
		t = (o = view_objection(r, "open")) != NULL ? o->since : 0;
	else if (strcmp(vd, CONSENSUS_STALE) == 0)
		t = (o = view_objection(r, "stale")) != NULL ? o->reply_by : 0;
	else if (strcmp(vd, CONSENSUS_CONSENSUS) == 0)
		t = r->consensus_from != 0 ? r->consensus_from : r->window_end;
	else if (strcmp(vd, CONSENSUS_FAILED) == 0)
		t = r->window_end;
	else if (strcmp(vd, CONSENSUS_CHANGES) == 0)
		t = view_changes_since(r);
	else if (strcmp(vd, CONSENSUS_NEEDS_REVIEW) == 0)
		t = r->reopened != 0 ? r->reopened : r->window_end;
	else if (strcmp(vd, CONSENSUS_COMMITTED) == 0)
		t = view_committed_at(p, r);
	else if (strcmp(vd, CONSENSUS_SUPERSEDED) == 0)
		t = p->superseded_at;
	else
		t = r->deadline;
	return (t > 0 && t <= v->now ? t : 0);
}
