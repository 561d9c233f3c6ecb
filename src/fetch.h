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

struct fetch_ctx;

struct fetch {
	const char	*name;
	/* Open a source; cursor is where a previous run stopped, or NULL. */
	int		(*open)(struct fetch_ctx **, const char *, size_t max,
			    const char *cursor, char **cause);
	int		(*next)(struct fetch_ctx *, struct fetch_item *,
			    char **cause);
	/* Fraction of the source read so far, 0..1, or -1 if unknown. */
	double		(*progress)(struct fetch_ctx *);
	void		(*close)(struct fetch_ctx *);
};

extern const struct fetch fetch_mbox;
extern const struct fetch fetch_maildir;

/* The archive reader for path: fetch_maildir for a Maildir, else mbox. */
const struct fetch *fetch_for_path(const char *);

#endif
