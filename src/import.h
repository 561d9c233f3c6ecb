/*
 * Storing mail: parse, thread, link series, classify, and write one
 * message in the current transaction.  Shared by `import` and `poll`.
 */
#ifndef IMPORT_H
#define IMPORT_H

#include <signal.h>
#include <stddef.h>
#include <time.h>

struct config;
struct fetch;
struct fetch_item;
struct store;
struct store_classify_env;

#define IMPORT_MAX_REASONS	16
#define IMPORT_MAX_UNKNOWN	8

struct import_stats {
	unsigned long	 imported;
	unsigned long	 known;
	unsigned long	 skipped;
	struct {
		char		reason[96];
		unsigned long	count;
	}		 reasons[IMPORT_MAX_REASONS];
	size_t		 nreasons;
	/* List-Ids no configured list has (the first few), and no List-Id. */
	struct {
		char		id[128];
		unsigned long	count;
	}		 unknown[IMPORT_MAX_UNKNOWN];
	size_t		 nunknown;
	unsigned long	 unknown_more;	/* messages of List-Ids past those */
	unsigned long	 no_list;	/* neither a List-Id nor --list */
};

struct import_opts {
	const char	*list;		/* --list, or NULL for List-Id */
	const struct config *cf;	/* list names for List-Ids */
	const struct store_classify_env *classify;	/* rules etc. */
	size_t		 max_size;	/* larger messages are skipped */
	int		 progress;	/* draw a progress line on stderr */
	time_t		 arrival;	/* "now" for mail with no usable date */
	unsigned int	 batch;		/* messages per transaction */
};

/* Set from a signal handler: finish the batch, commit, stop. */
extern volatile sig_atomic_t import_stop;

/* Results of import_message. */
#define IMPORT_NEW	0
#define IMPORT_KNOWN	1
#define IMPORT_SKIPPED	2

/*
 * Store one message (inside the caller's transaction).  A message that
 * cannot be read is recorded as skipped under source/where with the reason.
 */
int	import_message(struct store *, const struct import_opts *,
	    const char *source, const struct fetch_item *,
	    struct import_stats *);
/* Count a skipped message and its reason into stats. */
void	import_count_skip(struct import_stats *, const char *);
/*
 * Import every message of an mbox (plain or .gz) or Maildir at path,
 * committing in batches together with the source's cursor.
 */
int	import_path(struct store *, const char *, const struct import_opts *,
	    struct import_stats *, char ** /* OUT cause */);
/* "imported N, already known N, skipped N (reason: N, ...)" */
/* Exact kill points for the crash tests (see import.c). */
struct import_fault {
	unsigned long	message, commit;	/* 0: never */
	unsigned long	messages, commits;	/* so far in this run */
};
void	import_fault_init(struct import_fault *, const char *);
/* After a message is stored (commit 0) or a batch committed (1). */
void	import_fault(struct import_fault *, int);
char	*import_summary(const struct import_stats *);
/*
 * What the lists the mail came from lacked, as a note for the operator:
 * the List-Ids no configured list has, with counts and the list name each
 * was filed under, and the messages with no list at all; NULL when none.
 */
char	*import_list_note(const struct import_stats *);
/*
 * The list name for a List-Id:
 * "xen-devel.lists.xenproject.org" -> "xen-devel".
 */
char	*import_list_name(const char *);

#endif
