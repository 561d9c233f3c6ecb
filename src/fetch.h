/*
 * The source interface: every place mail comes from (an mbox, a Maildir,
 * an NNTP group, an IMAP mailbox) is a struct fetch selected by name.
 */
#ifndef FETCH_H
#define FETCH_H

#include <stddef.h>
#include <time.h>

/* Results of fetch->next. */
#define FETCH_OK	0	/* an item is ready */
#define FETCH_END	1	/* nothing more for now */
#define FETCH_SKIP	2	/* an item was unreadable; item.reason says why */
#define FETCH_TEMP	3	/* transient failure: retry later with backoff */
#define FETCH_PERM	4	/* permanent failure of the source */

struct fetch_item {
	const char	*data;		/* borrowed until the next call */
	size_t		 len;
	time_t		 envelope_date;	/* From_ line or file name time, or 0 */
	char		 where[256];	/* "file:offset" for reports */
	char		 reason[256];	/* with FETCH_SKIP */
	char		 cursor[512];	/* position after this item */
};

struct config_source;
struct fetch_ctx;

/* What a live (network) source is opened with. */
struct fetch_live_opts {
	const struct config_source *source;	/* borrowed */
	size_t		 max;		/* larger messages are skipped */
	/*
	 * Whether a Message-ID (without brackets) is stored already, so that
	 * a re-sync or an overlap skips it without downloading it.
	 */
	int		(*known)(void *, const char *);
	void		*arg;
};

struct fetch {
	const char	*name;
	/* Open a source; cursor is where a previous run stopped, or NULL. */
	int		(*open)(struct fetch_ctx **, const char *, size_t max,
			    const char *cursor, char **cause);
	/*
	 * The next item.  A live source may also fill item.cursor with
	 * FETCH_END: the position reached by skipping known messages.
	 */
	int		(*next)(struct fetch_ctx *, struct fetch_item *,
			    char **cause);
	/* Fraction of the source read so far, 0..1, or -1 if unknown. */
	double		(*progress)(struct fetch_ctx *);
	void		(*close)(struct fetch_ctx *);

	/* Live sources only; NULL for archives. */
	/*
	 * Connect, log in and select the group or mailbox.  Returns FETCH_OK,
	 * FETCH_TEMP (retry later) or FETCH_PERM (bad credentials, no such
	 * group or mailbox, refused certificate) with *cause.
	 */
	int		(*open_live)(struct fetch_ctx **,
			    const struct fetch_live_opts *, const char *cursor,
			    char **cause);
	/*
	 * After FETCH_END: wait for news on the open connection (IMAP IDLE).
	 * FETCH_OK sets *fd to poll for reading (-1: news is already there);
	 * FETCH_END means the source cannot wait, poll it again later.
	 */
	int		(*idle)(struct fetch_ctx *, int * /* OUT fd */,
			    char **cause);
	/* Stop waiting; next() then returns what arrived. */
	int		(*idle_done)(struct fetch_ctx *, char **cause);
};

extern const struct fetch fetch_mbox;
extern const struct fetch fetch_maildir;
extern const struct fetch fetch_nntp;
extern const struct fetch fetch_imap;

/* The archive reader for path: fetch_maildir for a Maildir, else mbox. */
const struct fetch *fetch_for_path(const char *);
/* The live source for a URL by its scheme (imap[s], nntp[s]), or NULL. */
const struct fetch *fetch_for_url(const char *);

#endif
