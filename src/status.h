/* What status, protocols, the mails and the dashboard share about a view. */
#ifndef STATUS_H
#define STATUS_H

#include <stddef.h>
#include <time.h>

#include <jansson.h>

struct cmd_env;
struct consensus_result;
struct policy;
struct pvbot;
struct view;
struct view_protocol;

/*
 * Load the config's files, evaluate at now (fresh: without the evaluation
 * cache) and record events as how says (VIEW_EVENTS_*: with TRY the
 * caller rolls the transaction back when done).  Prints the error itself;
 * returns -1 then.
 */
int	 status_load(struct pvbot *, struct cmd_env *, struct policy **,
	    time_t, int, int, struct view *);
/* Not superseded, committed or failed. */
int	 status_is_open(const struct consensus_result *);
/*
 * Indexes of the proposals to show (open ones, or all), grouped by
 * protocol and most urgent first; *out is the caller's to free.
 */
size_t	 status_order(const struct view *, int, size_t **);
/* The JSON contract of a proposal and of a protocol. */
json_t	*status_proposal_json(const struct view *, size_t,
	    const struct policy *);
json_t	*status_protocol_json(const struct view_protocol *);

#endif
