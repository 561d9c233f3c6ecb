/* Shared pieces of command output: streamed JSON, row helpers. */
#ifndef OUTPUT_H
#define OUTPUT_H

#include <stdio.h>

#include <jansson.h>

struct maintainers;
struct store;

/* What message output needs beyond the row: maintainers, thread paths. */
struct output_ctx {
	struct store			*store;
	const struct maintainers	*mt;		/* may be NULL */
	long long			 thread;	/* paths cached for */
	char				**paths;
	size_t				 npaths;
};

/*
 * Route stdout through a filter, first thing in main: anyone's mail
 * reaches the terminal in names and subjects, and an escape sequence in
 * them must not drive it.  C0 controls but tab and newline print as ^X,
 * DEL as ^?, C1 controls (U+0080-U+009F) as U+FFFD; once JSON is written
 * (output_json_*, output_jdoc_*), all of them as \u escapes instead.
 */
void	 output_init(void);

/* A JSON document {"KEY":[ITEM, ...]} written one item at a time. */
struct output_json {
	FILE	*f;
	int	 count;
};

void	 output_json_begin(struct output_json *, const char *);
/* Write one item and release it; NULL items are skipped. */
void	 output_json_item(struct output_json *, json_t *);
/* Close the array; fields of extra (may be NULL) follow it. */
void	 output_json_end(struct output_json *, json_t *);
/* Dump a whole document to stdout with a final newline; releases it. */
void	 output_json_dump(json_t *);
/*
 * The same layout, streamed: a document {"K": V, "K": [ITEM, ...]} written
 * member by member and item by item, each released once written, so that
 * a large array is never held whole.
 */
struct output_jdoc {
	FILE	*f;
	int	 members, items;
};

void	 output_jdoc_begin(struct output_jdoc *);
void	 output_jdoc_member(struct output_jdoc *, const char *, json_t *);
void	 output_jdoc_array(struct output_jdoc *, const char *);
void	 output_jdoc_item(struct output_jdoc *, json_t *);
void	 output_jdoc_array_end(struct output_jdoc *);
void	 output_jdoc_end(struct output_jdoc *);
/* JSON array from a string of items separated by sep (NULL: []). */
json_t	*output_split(const char *, char);
/* The same for items separated by \x1f, as the store's lists are. */
json_t	*output_split_list(const char *);
void	 output_ctx_init(struct output_ctx *, struct store *,
	    const struct maintainers *);
void	 output_ctx_free(struct output_ctx *);
/* The trailers of message (in thread) as the JSON contract describes. */
json_t	*output_trailers(struct output_ctx *, long long, long long);
/* Add a message's votes, protocols and tags to o. */
void	 output_message_extras(struct output_ctx *, long long, long long,
	    json_t *);
/* Print s word-wrapped to width columns, every line indented by indent. */
void	 output_wrap(const char *, int, int);
/* Print s cut to width display columns (UTF-8 aware), then a newline. */
void	 output_fit(const char *, int);
/* The same for s and then tail, cutting s only: tail is printed whole. */
void	 output_fit_tail(const char *, const char *, int);

#endif
