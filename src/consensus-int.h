/*
 * The consensus engine's own header, shared by its files and nobody
 * else: consensus.c (reading the mail, objections, the tally, the
 * verdict), consensus-checkin.c (Xen's check-in policy: approvals per
 * section, review points) and consensus-protocol.c (protocol stages).
 */
#ifndef CONSENSUS_INT_H
#define CONSENSUS_INT_H

#include <stddef.h>
#include <time.h>

#include "consensus.h"

struct policy;

/* Steps followed up the parent chain when matching a reply to an objection. */
#define CONSENSUS_MAX_DEPTH	256

struct consensus_ctx {
	const struct policy			*policy;
	const struct consensus_proposal		*p;
	struct consensus_result			*r;
	time_t					 now;
	long					 responsive;
	size_t					*byid;	/* msgs by id */
	int					 probe;	/* no reopen search */
	/*
	 * People (consensus-people.h): msgs[i]'s sender is person[i]; each
	 * person's opinion and open objection by index, or -1.
	 */
	int					*person;
	size_t					 npeople;
	int					*opinion_at;
	int					*open_at;
	int					*opinion_person; /* by opinion */
};

/* consensus.c */
int	consensus_same(const char *, const char *);
const struct consensus_msg *consensus_find(const struct consensus_ctx *,
	    const char *);
void	consensus_say(struct consensus_result *, const char *, time_t,
	    const char *, ...) __attribute__((format(printf, 4, 5)));
/* The first objection in state (with veto: a stakeholder's -2), or NULL. */
const struct consensus_objection *consensus_first(
	    const struct consensus_result *, const char *, int);
/* An objector's name, else address. */
const char *consensus_who(const struct consensus_objection *);

/* consensus-checkin.c */
int	consensus_under(const struct consensus_ctx *,
	    const struct consensus_msg *, const char *);
/* Each touched section's approvals, and the missing ones, as evidence. */
void	consensus_approvals(struct consensus_ctx *);
/* Review points raised on the version and the author's answers. */
void	consensus_points(struct consensus_ctx *);
/* True when the proposal is an explicit lazy-consensus call. */
int	consensus_lazy(const struct consensus_ctx *);
/* The verdict after the window under the check-in policy. */
void	consensus_checkin(struct consensus_ctx *, const char *);

#endif
