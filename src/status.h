/*
 * An evaluation end to end (the store's facts through the proposal stage
 * to the event log), and what status, protocols, the mails and the
 * dashboard share about its view.
 */
#ifndef STATUS_H
#define STATUS_H

#include <stddef.h>
#include <time.h>

#include <jansson.h>

#include "view.h"

struct config;
struct consensus_proposal;
struct consensus_result;
struct env;
struct mail_command_ctx;
struct policy;
struct protocols;
struct store;

/*
 * Evaluate at now (fresh: without the evaluation cache) into *v and
 * record what changed in the event log as how says (STORE_EVENTS_*; with
 * TRY the caller rolls the transaction back when done).  Returns 0, or -1
 * with *cause; view_free releases *v either way.
 */
int	 status_evaluate(struct store *, const struct config *,
	    const struct policy *, const struct protocols *,
	    const struct mail_command_ctx *, time_t, int, int,
	    struct view * /* OUT */, char ** /* OUT */);

/* An evaluation with what it was made from. */
struct status {
	struct env	*env;
	struct policy	*pol;
	struct view	 v;
};

/*
 * Load the files cf names, start the protocols at their shipped stages
 * once (store-stages.h), evaluate at now and record events as how says.
 * Returns 0, or -1 with *cause (and *st released).  status_free releases
 * *st.
 */
int	 status_load(const struct config *, struct store *, time_t, int, int,
	    struct status * /* OUT */, char ** /* OUT */);
void	 status_free(struct status *);

/* Not superseded, committed or failed. */
int	 status_is_open(const struct consensus_result *);
/*
 * Why opinion j of r is left out of its sum, in words ("a stale
 * objection: no reply by 2026-11-15T17:12:40Z") written into buf; NULL
 * when it counts.
 */
const char *status_uncounted(const struct consensus_result *, size_t,
	    char *, size_t);
/*
 * What proposal i's verdict rests on: the rules, window and reply time
 * applied, the approvals (who, M: of which section), the approvals
 * missing, the review points (who, when, answered or not, by when), a
 * reopening.  As JSON ("evidence" of status --json) and as lines.
 */
json_t	*status_evidence_json(const struct view *, size_t);
/*
 * Proposal i's patches, each decided on its own: [{message_id, part,
 * total, verdict, reason, deadline, evidence}] (empty for one patch).
 */
json_t	*status_patches_json(const struct view *, size_t);
void	 status_evidence_lines(const struct view *, size_t,
	    void (*)(void *, const char *), void *);

/*
 * Which proposals to show.  By default what needs someone's action: every
 * open proposal but a consensus older than news (reached, and its newest
 * mail, longer ago than that: the committer's turn is news only so long).
 * all: every proposal.  The others narrow either down; verdicts (a comma-
 * separated list) replaces the default, so "consensus" lists them all.
 */
struct status_filter {
	int		 all;
	long		 news;		/* seconds: summary-max-age */
	const char	*protocol;	/* bound to it: its name */
	const char	*list;
	const char	*verdicts;
	const char	*author;	/* in the proposer's address or name */
	time_t		 since;		/* mail since, or 0 */
	time_t		 now;		/* when threads and series judge a
					   verdict, 0: the clock */
};
/* Whether proposal i is to be shown. */
int	 status_wanted(const struct view *, size_t,
	    const struct status_filter *);
/* Whether every name in a comma-separated list is a verdict. */
int	 status_are_verdicts(const char *);
/*
 * Indexes of the proposals to show (as the filter says; NULL: the open
 * ones), grouped by protocol and most urgent first; *out is the caller's
 * to free.
 */
size_t	 status_order(const struct view *, const struct status_filter *,
	    size_t ** /* OUT */);
/* The JSON contract of a proposal and of a protocol. */
json_t	*status_proposal_json(const struct view *, size_t,
	    const struct policy *);
json_t	*status_protocol_json(const struct view_protocol *);
/*
 * The Message-IDs of the patches of a proposal's version, in the order
 * they were posted; *out (borrowed strings) is the caller's to free.
 */
size_t	 status_patch_ids(const struct consensus_proposal *,
	    const char *** /* OUT */);
/* The commits of a patch: [{id, branches, date, how, url}], oldest first. */
json_t	*status_commits_json(const struct view *, const char *);
/* A time as ISO 8601 JSON, null for 0. */
json_t	*status_time(time_t);

#endif
