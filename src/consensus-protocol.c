/*
 * PV protocols' stages (design.md §5, "reasonable time frame"): whether
 * a protocol is ripe for its next stage, stalled, or neither, from the
 * verdicts of the proposals bound to it.  Pure.
 */
#include <stdio.h>
#include <string.h>

#include "consensus.h"
#include "policy.h"

const char *
consensus_next_stage(const char *stage)
{
	if (strcmp(stage, CONSENSUS_STAGE_DESIGN) == 0)
		return (CONSENSUS_STAGE_PROTOTYPE);
	if (strcmp(stage, CONSENSUS_STAGE_PROTOTYPE) == 0)
		return (CONSENSUS_STAGE_PRODUCTION);
	return (NULL);
}

int
consensus_is_stage(const char *s)
{
	return (strcmp(s, CONSENSUS_STAGE_DESIGN) == 0 ||
	    strcmp(s, CONSENSUS_STAGE_PROTOTYPE) == 0 ||
	    strcmp(s, CONSENSUS_STAGE_PRODUCTION) == 0);
}

static int
consensus_passed(const struct consensus_result *r)
{
	return (strcmp(r->verdict, CONSENSUS_CONSENSUS) == 0 ||
	    strcmp(r->verdict, CONSENSUS_COMMITTED) == 0 ||
	    strcmp(r->verdict, CONSENSUS_STALE) == 0);
}

/* Every patch of the version committed, with a consensus behind it. */
static int
consensus_in_git(const struct consensus_result *r)
{
	return (r->npatches > 0 && r->ncommitted == r->npatches && r->agreed);
}

/*
 * Evidence for the next stage: an agreed design (committed, or not), or
 * a SUPPORT.md change.
 */
static int
consensus_is_evidence(const struct consensus_protocol *pr,
    const struct consensus_proposal *p, const struct consensus_result *r)
{
	if (!consensus_passed(r))
		return (0);
	/* A design or header in the code base, agreed: the lifecycle's. */
	if (strcmp(pr->stage, CONSENSUS_STAGE_DESIGN) == 0 && p->spec &&
	    consensus_in_git(r))
		return (1);
	if (strcmp(pr->stage, CONSENSUS_STAGE_DESIGN) == 0)
		return (strcmp(p->kind, "design") == 0);
	if (strcmp(pr->stage, CONSENSUS_STAGE_PROTOTYPE) == 0)
		return (p->support_md);
	return (0);
}

void
consensus_protocol_evaluate(const struct policy *pol,
    const struct consensus_protocol *pr,
    const struct consensus_proposal *const *ps,
    const struct consensus_result *const *rs, size_t n, time_t now,
    struct consensus_protocol_state *out)
{
	time_t	quiet;
	size_t	i;
	long	stalled = policy_stalled(pol, pr->name);

	memset(out, 0, sizeof *out);
	for (i = 0; i < n; i++) {
		if (strcmp(rs[i]->verdict, CONSENSUS_OBJECTED) == 0) {
			out->state = CONSENSUS_BLOCKED;
			snprintf(out->reason, sizeof out->reason, "open "
			    "objection on \"%.80s\": %.150s", ps[i]->subject,
			    rs[i]->reason);
			out->evidence = ps[i]->root;
			return;
		}
	}
	for (i = 0; i < n && consensus_next_stage(pr->stage) != NULL; i++) {
		if (consensus_is_evidence(pr, ps[i], rs[i])) {
			out->state = CONSENSUS_RIPE;
			if (consensus_in_git(rs[i]))
				snprintf(out->reason, sizeof out->reason,
				    "ready for %s: \"%.120s\" was agreed and "
				    "committed (%.127s); the Czar decides",
				    consensus_next_stage(pr->stage),
				    ps[i]->subject, rs[i]->commits);
			else
				snprintf(out->reason, sizeof out->reason,
				    "ready for %s: \"%.150s\" is %s; the Czar "
				    "decides", consensus_next_stage(pr->stage),
				    ps[i]->subject, rs[i]->verdict);
			out->evidence = ps[i]->root;
			return;
		}
	}
	quiet = pr->last_activity > pr->since ? pr->last_activity : pr->since;
	if (strcmp(pr->stage, CONSENSUS_STAGE_PRODUCTION) != 0 && quiet > 0 &&
	    now - quiet > stalled) {
		out->state = CONSENSUS_STALLED;
		snprintf(out->reason, sizeof out->reason, "no activity in the "
		    "%s stage for %ld days", pr->stage, (long)((now - quiet) /
		    86400));
		return;
	}
	out->state = CONSENSUS_OK;
	if (n == 0)
		snprintf(out->reason, sizeof out->reason, "no proposals");
	else
		snprintf(out->reason, sizeof out->reason, "%zu proposal(s), "
		    "none blocking or ripe", n);
}
