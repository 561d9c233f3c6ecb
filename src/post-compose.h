/*
 * What pvbot says: status summaries in a proposal's thread, reminders to
 * the Czar, digests and subscription confirmations, composed from the
 * engine's view and the templates in etc/pvbot/templates/.
 */
#ifndef POST_COMPOSE_H
#define POST_COMPOSE_H

#include <time.h>

#include <jansson.h>

struct config;
struct mail;
struct policy;
struct template;
struct view;

struct post_compose {
	const struct config	*cf;
	const struct policy	*policy;
	struct template		*summary;
	struct template		*reminder;
	struct template		*digest;
	struct template		*confirm;
	struct template		*rollup;	/* NULL: no list has one */
	char			*czar;		/* comma-separated addresses */
};

/* Load and check every template (file:line errors in *cause). */
int	post_compose_init(struct post_compose *, const struct config *,
	    const struct policy *, const char *, char ** /* OUT */);
void	post_compose_free(struct post_compose *);
/*
 * The words of a filter pvbot knows -- verdicts, lists, protocols of v --
 * space-separated, the others dropped: what a subscription by mail keeps
 * and its confirmation repeats is never the requester's own text.
 */
char	*post_compose_filter_known(const struct post_compose *,
	    const struct view *, const char *);
/*
 * The status summary for proposal i of v after event key, to the first of
 * lists (the thread's, by name) pvbot may post to; root_seen: whether the
 * thread's root is stored (else the reply answers the version's first
 * mail).  0, or -1 when no list may be posted to (*why says so).
 */
int	post_compose_summary(const struct post_compose *, const struct view *,
	    size_t, char *const *, size_t, int, const char *, struct mail *,
	    const char ** /* OUT */);
/* A subscriber's digest of v, filtered; key names the period. */
void	post_compose_digest(const struct post_compose *, const struct view *,
	    const char *, const char *, const char *, const char *,
	    struct mail *);
/* One reminder to the Czar (steals the two arrays). */
void	post_compose_reminder(const struct post_compose *, json_t *, json_t *,
	    time_t, const char *, struct mail *);
/*
 * A list's roll-up of its open proposals (key names the period); -1 when
 * none is open, which sends nothing.
 */
int	post_compose_rollup(const struct post_compose *, const struct view *,
	    const struct config_list *, const char *, struct mail *);
void	post_compose_confirm(const struct post_compose *, const char *,
	    const char *, const char *, const char *, time_t, time_t,
	    struct mail *);
/* The address pvbot sends from. */
const char *post_compose_from(const struct post_compose *);

#endif
