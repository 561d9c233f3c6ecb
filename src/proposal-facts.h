/*
 * The facts the proposal stage works on, shared by proposal.c (rows and
 * evaluation), proposal-plan.c (the evaluation cache, wanted threads) and
 * proposal-derive.c (proposals from their messages).  Nothing else looks
 * inside: the rest of pvbot goes through proposal.h.
 *
 * To give the engine a new fact: a field here (or a struct facts, keyed
 * by thread or posting), a proposal_add_* in proposal.c that store-view.c
 * calls for each row, and its use in proposal_derive_finish.
 */
#ifndef PROPOSAL_FACTS_H
#define PROPOSAL_FACTS_H

#include <stddef.h>
#include <time.h>

#include "arena.h"
#include "consensus.h"
#include "facts.h"

struct mail_command_ctx;
struct store_evalcache;
struct store_evalcache_entry;
struct view;

/* A thread's messages: msgs[first .. first + count). */
struct proposal_thread {
	long long	 id;
	size_t		 first, count;
};

/* A posting, as read from the store. */
struct proposal_posting {
	long long	 id, series, thread;
	int		 version;
	time_t		 date;
	const char	*author;
	const char	*root;		/* its thread's */
};

/* A message that may open a design: a design with no posting. */
struct proposal_design {
	long long	 thread;
	const char	*id;		/* the same pointer as its message's */
	const char	*subject;
	long		 window;
};

/* What git sources know of a message: a patch, and its first commit. */
struct proposal_git {
	long long	 rowid;
	int		 patch;
	time_t		 at;
	const char	*oid;
	const char	*how;
	const char	*source;	/* "mail <msgid>" for a notice */
};

/* A proposal read from the evaluation cache, waiting for its place. */
struct proposal_cached {
	long long			 thread;	/* a design's */
	const char			*shape;
	struct store_evalcache_entry	*entry;
	struct consensus_proposal	 p;
	struct consensus_result		 r;
};

struct proposal_facts {
	struct arena		 arena;
	const struct protocols	*registry;

	/* Every thread's stamp, by id. */
	long long		*tid;
	const char		**troot;	/* its root, or NULL */
	long long		*tgen;		/* its change stamp */
	time_t			*tlast;		/* its newest mail */
	char			*twant;		/* its messages are read */
	char			*tpresent;	/* its root message was read */
	size_t			 ntids, atids, nwanted;
	int			 every;		/* every thread is wanted */

	/* Postings by series, version, date, id once planned. */
	struct proposal_posting	*ps;
	size_t			 nps, aps;

	/* Messages of the wanted threads, by thread, date, Message-ID. */
	struct consensus_msg	*msgs;
	long long		*posting;	/* per message: posting, 0 */
	long long		*thread;	/* per message: its thread */
	size_t			 nmsgs, amsgs;
	struct proposal_thread	*threads;
	size_t			 nthreads;
	/* The same messages in table order: rowid -> thread, Message-ID. */
	long long		*scan_rowid;
	long long		*scan_thread;
	const char		**scan_id;
	size_t			 nscan;
	struct facts		 paths;		/* thread -> path */
	struct facts		 mpaths;	/* message rowid -> path */
	struct facts		 areas;		/* message rowid -> its
						   approval's "# area" */
	struct facts		 protos;	/* thread -> protocol */
	struct facts		 posts;		/* posting -> subject, window */
	struct facts		 lists;		/* thread -> its root's lists */
	struct facts		 orphan_lists;	/* thread -> others', when its
						   root never came */
	struct proposal_design	*designs;
	size_t			 ndesigns;
	struct proposal_git	*git;		/* by message rowid */
	size_t			 ngit;
	int			 indexed;

	/* The evaluation cache, and the plan made with it. */
	struct store_evalcache	*ec;		/* NULL: none */
	time_t			 design_horizon; /* a design not yet sent */
	const char		**shape;	/* per proposal: cache key */
	char			*cached;	/* per proposal: cached */
	const char		**pshape;	/* per posting */
	size_t			*slot;		/* per posting: its proposal */
	struct proposal_cached	*cdesigns;	/* by thread */
	size_t			 ncdesigns;
	long long		*widen;		/* postings read everywhere */
	size_t			 nwiden;
};


/* A new proposal in v, with its shape for the cache and where it came from. */
struct consensus_proposal *proposal_new(struct view *, const char *, int);
/* A thread's root Message-ID, or NULL. */
const char	*proposal_root(const struct proposal_facts *, long long);
/* A thread's change stamp; a thread not known is new (LLONG_MAX). */
long long	 proposal_gen(const struct proposal_facts *, long long);
/* Messages by thread, facts sorted: ready to look up (once). */
void		 proposal_index(struct proposal_facts *);
/*
 * Each series' versions sent by now, as [*i, *j); *next is where the next
 * series starts (0 at first).  Returns 0 when there is none left.
 */
int		 proposal_plan_next_series(const struct view *, size_t *,
		    size_t *, size_t *);

#endif
