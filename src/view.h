/*
 * The view: everything pvbot knows at a moment -- each proposal with its
 * verdict, each PV protocol with its state.  The proposal stage
 * (proposal.h) makes it from the facts store-view.c reads; status, the
 * mails and the dashboard read it and need nothing else.
 */
#ifndef VIEW_H
#define VIEW_H

#include <stddef.h>
#include <time.h>

#include "consensus.h"

struct proposal_facts;

struct view_protocol {
	struct consensus_protocol	 in;
	struct consensus_protocol_state	 out;
	const char			*title;
	size_t				 nproposals;	/* bound to it */
};

/*
 * A commit a git source matched to a posted patch (commits-poll.h), as
 * the view shows it.  One patch may have several (staging and a stable
 * branch's backport).
 */
struct view_commit {
	char		*message_id;	/* the patch it applied */
	int		 part, total;	/* of its series; 0 for a single patch */
	char		*oid;
	char		*branches;	/* comma-separated */
	time_t		 date;		/* committer date */
	char		*how;		/* COMMITS_BY_* */
	char		*url;		/* from its source's commit-url, or NULL */
};

struct view {
	time_t				 now;
	struct consensus_proposal	*proposals;
	struct consensus_result		*results;	/* one per proposal */
	size_t				 nproposals;
	struct view_protocol		*protocols;
	size_t				 nprotocols;
	/*
	 * Message-IDs (sorted) that later copies saying something else
	 * dispute: the evidence resting on them is marked.
	 */
	char				**disputed;
	size_t				 ndisputed;
	/* Every matched commit, by patch Message-ID, then date. */
	struct view_commit		*commits;
	size_t				 ncommits;
	/* Private: the facts the proposals borrow from (proposal.c). */
	struct proposal_facts		*facts;
};

/* Release everything v holds; v is zeroed (a zeroed view is empty). */
void		 view_free(struct view *);
/* Whether msgid is disputed by a conflicting copy. */
int		 view_disputed(const struct view *, const char *);
/*
 * The commits of the patch message_id dated by the view's now, oldest
 * first: their count, the first in *out.
 */
size_t		 view_commits_of(const struct view *, const char *,
		    const struct view_commit ** /* OUT */);
/* A protocol's stage: the store's, else "design". */
const char	*view_protocol_stage(const struct view *, const char *);
/*
 * When proposal i's verdict came to be, as its own facts date it: the
 * posting (waiting), the objection (objected), the objector's reply-by
 * (stale), the window's end (consensus, failed), the commit, the newer
 * version.  0 when they do not say (or not by now).
 */
time_t		 view_verdict_since(const struct view *, size_t);

#endif
