/*
 * Facts for the consensus engine, read from the store, and the engine's
 * decisions written back as an append-only event log.
 */
#ifndef STORE_CONSENSUS_H
#define STORE_CONSENSUS_H

#include <stddef.h>
#include <time.h>

#include "consensus.h"

struct mail_command_ctx;
struct policy;
struct protocols;
struct store;

struct view_protocol {
	struct consensus_protocol	 in;
	struct consensus_protocol_state	 out;
	char				*title;
	size_t				 nproposals;	/* bound to it */
};

/* Everything pvbot knows at now: proposals, verdicts, protocols. */
struct view {
	time_t				 now;
	struct consensus_proposal	*proposals;
	struct consensus_result		*results;
	size_t				 nproposals;
	struct view_protocol		*protocols;
	size_t				 nprotocols;
	void				*mem;	/* private: the loaded rows */
};

/*
 * Load the facts, run the engine at now, and fill *v.  Proposals whose
 * facts did not change since an earlier evaluation come from the
 * evaluation cache (store-evalcache.h) unless fresh.  Returns 0, or -1
 * with *cause set; view_free releases *v either way.
 */
int	view_load(struct store *, const struct policy *,
	    const struct protocols *, const struct mail_command_ctx *, time_t, int,
	    struct view * /* OUT */, char ** /* OUT */);
void	view_free(struct view *);
/*
 * What an evaluation keeps of what it found.  The event log drives every
 * mail, so only an evaluation that may act keeps its events, and never one
 * at a time before the newest kept: exploring with --now, or a dry run,
 * never changes what pvbot will post.
 */
#define VIEW_EVENTS_KEEP	0	/* keep them, unless before the newest */
#define VIEW_EVENTS_TRY		1	/* the same, left in an open
					   transaction the caller rolls back */
#define VIEW_EVENTS_NONE	2	/* none (only the evaluation cache) */
/*
 * Append to the event log what changed since the last evaluation: verdict
 * changes, objections gone stale, reminders due; and write the evaluation
 * cache.  Idempotent: the same facts and now add nothing the second time.
 * how is one of VIEW_EVENTS_*.  Returns events added, or -1 with *cause.
 */
int	view_record_events(struct store *, const struct view *,
	    const struct policy *, int, char ** /* OUT */);
/*
 * Record a protocol's move to stage (by the Czar, by mail or CLI): the
 * stage, its history and a promotion event.  -1 with *cause if the
 * protocol or stage is unknown.
 */
int	store_promote(struct store *, const struct protocols *, const char *,
	    const char *, time_t, const char *, const char *, const char *,
	    char ** /* OUT */);
/* A protocol's stage: the store's, else "design". */
const char *view_protocol_stage(const struct view *, const char *);

#endif
