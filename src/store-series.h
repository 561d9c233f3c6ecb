/* Patch postings and series versions, linked in the store as mail arrives. */
#ifndef STORE_SERIES_H
#define STORE_SERIES_H

#include <time.h>

struct message;
struct series_tag;
struct store;

/* Postings of one series by one author farther apart are not grouped. */
#define STORE_SERIES_POSTING_WINDOW	(12 * 3600)
/* A new version links by author and subject within this window. */
#define STORE_SERIES_VERSION_WINDOW	(365 * 86400L)

/*
 * Attach a just-stored message to its posting (the patches and cover of
 * one send) and the posting to its series (all versions), creating them
 * when needed.  Returns the posting id, or 0 if the message is none.
 */
long long	store_series_link(struct store *, const struct message *,
		    const struct series_tag *, const char *, long long);

#endif
