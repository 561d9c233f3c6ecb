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
 * record what changed in the event log.  Returns 0, or -1 with *cause;
 * view_free releases *v either way.
 */
int	 status_evaluate(struct store *, const struct config *,
	    const struct policy *, const struct protocols *,
	    const struct mail_command_ctx *, time_t, int,
	    struct view * /* OUT */, char ** /* OUT */);

/* An evaluation with what it was made from. */
struct status {
	struct env	*env;
	struct policy	*pol;
	struct view	 v;
};

/*
 * Load the files cf names, evaluate at now and record events.  Returns 0,
 * or -1 with *cause (and *st released).  status_free releases *st.
 */
int	 status_load(const struct config *, struct store *, time_t, int,
	    struct status * /* OUT */, char ** /* OUT */);
void	 status_free(struct status *);

/* Not superseded, committed or failed. */
int	 status_is_open(const struct consensus_result *);
/*
 * Indexes of the proposals to show (open ones, or all), grouped by
 * protocol and most urgent first; *out is the caller's to free.
 */
size_t	 status_order(const struct view *, int, size_t ** /* OUT */);
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
