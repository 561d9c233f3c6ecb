/*
 * What the commands that only look (messages, threads, series, show)
 * read from the store.  Each row is handed to a callback, its strings
 * borrowed until the callback returns; NULL columns stay NULL.
 */
#ifndef STORE_READ_H
#define STORE_READ_H

#include <stddef.h>
#include <time.h>

struct store;

/* A stored message, with its thread's root and its lists. */
struct store_read_message {
	long long	 id, thread;
	const char	*message_id;
	const char	*root;		/* of its thread */
	const char	*from_name, *from_email, *subject, *kind;
	const char	*lists;		/* separated by '\x1f', or NULL */
	time_t		 date;
	int		 has_version;	/* it is part of a posting */
	int		 version, part, total;
	int		 s_flags;	/* series.h: SERIES_*, the point */
	int		 c_flags;	/* classify.h: CLASSIFY_F_* */
};

/*
 * Every present message (of list, unless NULL), by date.  -1 when the
 * query cannot run.
 */
int	store_read_messages(struct store *, const char *,
	    void (*)(void *, const struct store_read_message *), void *);

struct store_read_thread {
	long long	 id;
	const char	*root;
	const char	*subject;	/* of its first present message */
	time_t		 first, last;
	int		 messages;	/* present */
};

/* What threads and series are narrowed by; each NULL or 0: any. */
struct store_read_filter {
	const char	*list;		/* with mail from it */
	const char	*kind;		/* threads: with a message of it */
	const char	*tag;		/* threads: tagged */
	const char	*protocol;	/* bound to it (its name) */
	const char	*author;	/* in the starter's address or name */
	time_t		 since;		/* with mail since */
};

/*
 * Threads as the filter (NULL: none) says, most recently active first.
 * -1 when the query cannot run.
 */
int	store_read_threads(struct store *, const struct store_read_filter *,
	    void (*)(void *, const struct store_read_thread *), void *);

/* A posting of a series, with what pvbot series shows of it. */
struct store_read_posting {
	long long	 series;
	long long	 id;		/* the posting's */
	const char	*author;
	const char	*series_subject;
	const char	*subject;	/* the posting's */
	const char	*cover;		/* its cover's Message-ID, or NULL */
	const char	*root;		/* its thread's */
	const char	*first_subject;	/* its cover's or first patch's */
	int		 version, total, flags;
	int		 patches;	/* patch mails stored */
	time_t		 date;
	int		 latest_version;	/* of the series */
	time_t		 latest_date;		/* the newest of that version */
};

/*
 * Every posting the filter (NULL: none) picks -- a version posted to the
 * list, bound to the protocol; a series with mail since, by the author --
 * newest series first, each series' postings by version.  -1 when the
 * query cannot run.
 */
int	store_read_series(struct store *, const struct store_read_filter *,
	    void (*)(void *, const struct store_read_posting *), void *);
/*
 * The raw bytes of a posting's first mail (its cover, else its lowest
 * part), a copy the caller frees, or NULL.
 */
char	*store_read_posting_raw(struct store *, long long,
	    size_t * /* OUT */);

/* A message of a thread, placeholders included. */
struct store_read_node {
	long long	 id;
	const char	*message_id, *parent;
	int		 present;
	time_t		 date;
	const char	*from_name, *from_email, *subject, *kind;
};

/* A thread's messages by date.  -1 when the query cannot run. */
int	store_read_thread(struct store *, long long,
	    void (*)(void *, const struct store_read_node *), void *);
/* A message's subject by its Message-ID (the caller frees it), or NULL. */
char	*store_read_subject(void *, const char *);
/*
 * A thread by number, or the thread of a Message-ID: its id, and its root
 * in *root (the caller frees); 0 when there is none.
 */
long long store_read_resolve(struct store *, long long, const char *,
	    char ** /* OUT */);

struct store_read_trailer {
	const char	*tag, *name, *email;
	const char	*area;		/* "# area" after it, or NULL */
	int		 mismatch;	/* names someone else: classify.h */
};

/* A message's trailers, in order. */
void	store_read_trailers(struct store *, long long,
	    void (*)(void *, const struct store_read_trailer *), void *);
/* The vote a message gave, if any: fn(arg, vote, name, email). */
void	store_read_vote(struct store *, long long,
	    void (*)(void *, int, const char *, const char *), void *);

/* What store_read_strings lists of a thread, each sorted. */
#define STORE_READ_PROTOCOLS	0
#define STORE_READ_TAGS		1
#define STORE_READ_PATHS	2

void	store_read_strings(struct store *, int, long long,
	    void (*)(void *, const char *), void *);

#endif
