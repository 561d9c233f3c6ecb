/* Classification results written to the store; mail commands applied. */
#ifndef STORE_CLASSIFY_H
#define STORE_CLASSIFY_H

#include <time.h>

struct classify_context;
struct sqlite3_stmt;
struct classify_result;
struct mail_command_ctx;
struct message;
struct protocols;
struct rules;
struct series_tag;
struct store;

struct store_classify_env {
	const struct rules		*rules;
	const struct protocols		*protocols;	/* may be NULL */
	const struct model		*model;		/* NULL: rules only */
	const struct mail_command_ctx	*cmd;		/* who may command */
	struct store_classify_cache	*cache;		/* roots seen, or NULL */
};

/* Thread roots a run of classifications looked up (private). */
struct store_classify_cache *store_classify_cache_new(void);
void	store_classify_cache_free(struct store_classify_cache *);

/* store_classify: the message was never classified (a fresh import). */
#define STORE_CLASSIFY_NEW	0x1
/* Only the thread around it changed: commands in it are not run again. */
#define STORE_CLASSIFY_CONTEXT	0x2
/* The kind, flags, vote and window went in with the message's row. */
#define STORE_CLASSIFY_FILLED	0x4

/*
 * Classify message id (in thread) and save its kind, trailers, vote,
 * paths, protocols and commands, replacing what was there (nothing, with
 * STORE_CLASSIFY_NEW).  When out is not NULL the result is handed over
 * (free it with classify_free).
 */
void	store_classify(struct store *, const struct store_classify_env *,
	    long long, long long, const struct message *,
	    const struct series_tag *, int, struct classify_result *);
/*
 * The two halves of store_classify: classify m in its thread, writing
 * nothing (free *r with classify_free), and save a result.  Import does
 * them apart so that a new message's kind goes into its row with the rest
 * of it: every write to messages runs the evaluation cache's triggers.
 */
void	store_classify_run(struct store *, const struct store_classify_env *,
	    const struct message *, const struct series_tag *,
	    struct classify_result * /* OUT */);
/*
 * Bind a result's kind, flags, vote and window (NULL when none) to four
 * parameters of a statement from first on.
 */
void	store_classify_bind(struct sqlite3_stmt *, int,
	    const struct classify_result *);
void	store_classify_save(struct store *, const struct store_classify_env *,
	    long long, long long, const struct message *, int,
	    struct classify_result *);
/*
 * What the store knows of the thread around m, as classify_message reads
 * it.  Returns the proposer's address that ctx points to, or NULL; free
 * both with store_classify_context_free.
 */
char	*store_classify_context(struct store *,
	    const struct store_classify_env *, const struct message *,
	    const struct series_tag *, struct classify_context * /* OUT */);
/* Release what store_classify_context allocated. */
void	 store_classify_context_free(struct classify_context *, char *);
/*
 * Put a keyword on a thread (or take it off), binding the thread to the
 * protocol it names, if any.  by and msgid may be NULL (the CLI).
 */
void	store_classify_tag(struct store *, const struct protocols *, long long,
	    const char *, int, const char *, const char *, time_t);
/* A message's kind and trailers as one comparable line (caller frees). */
char	*store_classify_summary(struct store *, long long);
/*
 * Inside the caller's transaction: drop what classification bound to
 * threads (protocols and tags commands set; the operator's stay), then
 * hand every present message to fn (id, thread, raw bytes, Message-ID).
 * -1 when the messages cannot be read.
 */
int	store_classify_all(struct store *, void (*)(void *, long long,
	    long long, const void *, size_t, const char *), void *);
/*
 * Hand the raw bytes of the present message msgid to fn: 1, or 0 when
 * there is no such message, -1 when the store cannot be read.
 */
int	store_classify_raw(struct store *, const char *,
	    void (*)(void *, const void *, size_t), void *);

#endif
