/* Classification results written to the store; mail commands applied. */
#ifndef STORE_CLASSIFY_H
#define STORE_CLASSIFY_H

#include <time.h>

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
	const struct mail_command_ctx	*cmd;		/* who may command */
};

/* store_classify: the message was never classified (a fresh import). */
#define STORE_CLASSIFY_NEW	0x1
/* Only the thread around it changed: commands in it are not run again. */
#define STORE_CLASSIFY_CONTEXT	0x2

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

#endif
