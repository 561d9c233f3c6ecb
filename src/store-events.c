/*
 * The event log: what changed since the last evaluation (verdicts,
 * objections gone stale, reminders due) and the Czar's promotions, each
 * appended once under a key that names it, so that recording the same
 * view twice adds nothing.  The mails and the dashboard read it.
 */
#include <sys/types.h>

#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "arena.h"
#include "consensus.h"
#include "datetime.h"
#include "policy.h"
#include "proposal.h"
#include "protocols.h"
#include "store-evalcache.h"
#include "store-events.h"
#include "store.h"
#include "view.h"
#include "xmalloc.h"

static int
store_events_add(struct store *s, const char *key, time_t at, const char *kind,
    const char *subject, json_t *detail)
{
	sqlite3_stmt	*st;
	char		*d = json_dumps(detail, JSON_COMPACT | JSON_SORT_KEYS);
	int		 added = 0;

	json_decref(detail);
	st = store_stmt(s, STORE_EVENT_ADD);
	sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, (sqlite3_int64)at);
	sqlite3_bind_text(st, 3, kind, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, subject, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 5, d, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_DONE)
		added = sqlite3_changes(store_db(s));
	sqlite3_reset(st);
	free(d);
	return (added);
}

/*
 * What the log already holds, read in two sequential scans before the
 * proposals are gone through (a lookup per proposal was a third of a warm
 * status): the verdicts recorded, and the stale objections logged.
 */
struct store_events_logged {
	struct arena	  arena;	/* their strings */
	const char	**root;		/* verdicts, by root and version */
	int		 *version;
	const char	**verdict;
	size_t		  nverdicts;
	const char	**stale;	/* event keys "stale:...", sorted */
	size_t		  nstale;
};

static void
store_events_logged_load(struct store *s, struct store_events_logged *lg)
{
	sqlite3_stmt	*st;
	size_t		 a = 0;

	memset(lg, 0, sizeof *lg);
	if (sqlite3_prepare_v2(store_db(s), "SELECT root, version, verdict"
	    " FROM verdicts ORDER BY root, version", -1, &st, NULL) ==
	    SQLITE_OK) {
		while (sqlite3_step(st) == SQLITE_ROW) {
			if (lg->nverdicts == a) {
				a = a == 0 ? 1024 : a * 2;
				lg->root = xreallocarray(lg->root, a,
				    sizeof *lg->root);
				lg->version = xreallocarray(lg->version, a,
				    sizeof *lg->version);
				lg->verdict = xreallocarray(lg->verdict, a,
				    sizeof *lg->verdict);
			}
			lg->root[lg->nverdicts] = arena_keep(&lg->arena,
			    (const char *)sqlite3_column_text(st, 0));
			lg->version[lg->nverdicts] = sqlite3_column_int(st, 1);
			lg->verdict[lg->nverdicts++] = arena_keep(&lg->arena,
			    (const char *)sqlite3_column_text(st, 2));
		}
		sqlite3_finalize(st);
	}
	a = 0;
	if (sqlite3_prepare_v2(store_db(s), "SELECT key FROM events WHERE"
	    " key >= 'stale:' AND key < 'stale;' ORDER BY key", -1, &st,
	    NULL) == SQLITE_OK) {
		while (sqlite3_step(st) == SQLITE_ROW) {
			if (lg->nstale == a) {
				a = a == 0 ? 1024 : a * 2;
				lg->stale = xreallocarray(lg->stale, a,
				    sizeof *lg->stale);
			}
			lg->stale[lg->nstale++] = arena_keep(&lg->arena,
			    (const char *)sqlite3_column_text(st, 0));
		}
		sqlite3_finalize(st);
	}
}

static void
store_events_logged_free(struct store_events_logged *lg)
{
	free(lg->root);
	free(lg->version);
	free(lg->verdict);
	free(lg->stale);
	arena_free(&lg->arena);
}

/* Where the log's verdict for root and version is, or -1. */
static ssize_t
store_events_logged_verdict(const struct store_events_logged *lg,
    const char *root, int version)
{
	size_t	lo = 0, hi = lg->nverdicts, mid;
	int	c;

	while (lo < hi) {
		mid = (lo + hi) / 2;
		if ((c = strcmp(root, lg->root[mid])) == 0)
			c = version < lg->version[mid] ? -1 :
			    version > lg->version[mid];
		if (c == 0)
			return ((ssize_t)mid);
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return (-1);
}

static int
store_events_logged_stale(const struct store_events_logged *lg, const char *key)
{
	size_t	lo = 0, hi = lg->nstale, mid;
	int	c;

	while (lo < hi) {
		mid = (lo + hi) / 2;
		if ((c = strcmp(key, lg->stale[mid])) == 0)
			return (1);
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return (0);
}

/*
 * The verdict recorded last for a proposal, or NULL: the log as read, or
 * (for a proposal first recorded by this evaluation) the table.
 */
static char *
store_events_last_verdict(struct store *s, const struct store_events_logged *lg,
    const struct consensus_proposal *p)
{
	sqlite3_stmt	*st;
	char		*v = NULL;
	ssize_t		 i;

	if ((i = store_events_logged_verdict(lg, p->root, p->version)) >= 0)
		return (xstrdup(lg->verdict[i]));
	st = store_stmt(s, STORE_VERDICT_GET);
	sqlite3_bind_text(st, 1, p->root, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 2, p->version);
	if (sqlite3_step(st) == SQLITE_ROW)
		v = xstrdup((const char *)sqlite3_column_text(st, 0));
	sqlite3_reset(st);
	return (v);
}

static int
store_events_verdict(struct store *s, const struct view *v,
    struct store_events_logged *lg, size_t i)
{
	const struct consensus_proposal	*p = &v->proposals[i];
	const struct consensus_result	*r = &v->results[i];
	sqlite3_stmt			*st;
	char				*last, *key, when[32];
	ssize_t				 at;
	time_t				 since;
	int				 added;

	last = store_events_last_verdict(s, lg, p);
	if (last != NULL && strcmp(last, r->verdict) == 0) {
		free(last);
		return (0);
	}
	key = xasprintf("verdict:%s:v%d:%s:%s", p->root, p->version,
	    last != NULL ? last : "", r->verdict);
	/* When it came to be, for the timeline: an import's history. */
	since = view_verdict_since(v, i);
	if (since != 0)
		datetime_format_iso(since, when, sizeof when);
	added = store_events_add(s, key, v->now, "verdict", p->root, json_pack(
	    "{s:i, s:s, s:o, s:s, s:s, s:o}", "version", p->version, "subject",
	    p->subject, "from", last != NULL ? json_string(last) : json_null(),
	    "to", r->verdict, "reason", r->reason, "when", since != 0 ?
	    json_string(when) : json_null()));
	free(key);
	free(last);
	st = store_stmt(s, STORE_VERDICT_PUT);
	sqlite3_bind_text(st, 1, p->root, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 2, p->version);
	sqlite3_bind_text(st, 3, r->verdict, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 4, (sqlite3_int64)v->now);
	(void)sqlite3_step(st);
	sqlite3_reset(st);
	/* The next proposal with this root and version reads this one. */
	if ((at = store_events_logged_verdict(lg, p->root, p->version)) >= 0)
		lg->verdict[at] = r->verdict;
	return (added);
}

static int
store_events_stale(struct store *s, const struct view *v,
    const struct store_events_logged *lg, size_t i)
{
	const struct consensus_objection	*o;
	char					*key, when[32];
	int					 added = 0;
	size_t					 j;

	/* An old version's objections live on in the newest one. */
	if (strcmp(v->results[i].verdict, CONSENSUS_SUPERSEDED) == 0)
		return (0);
	for (j = 0; j < v->results[i].nobjections; j++) {
		o = &v->results[i].objections[j];
		if (strcmp(o->state, "stale") != 0)
			continue;
		key = xasprintf("stale:%s", o->message_id);
		if (store_events_logged_stale(lg, key)) {
			free(key);	/* logged before: nothing to add */
			continue;
		}
		datetime_format_iso(o->reply_by, when, sizeof when);
		added += store_events_add(s, key, v->now, "stale",
		    v->proposals[i].root, json_pack("{s:s, s:s, s:s, s:s, s:s}",
		    "subject", v->proposals[i].subject, "by", o->email, "who",
		    o->name != NULL ? o->name : "", "message_id",
		    o->message_id, "reply_by", when));
		free(key);
	}
	return (added);
}

/* Ripe and stalled protocols: one reminder per P, until acted on. */
static int
store_events_reminders(struct store *s, const struct view *v,
    const struct policy *pol)
{
	const struct view_protocol	*vp;
	char				*key;
	int				 added = 0;
	size_t				 i;

	for (i = 0; i < v->nprotocols; i++) {
		vp = &v->protocols[i];
		if (strcmp(vp->out.state, CONSENSUS_RIPE) != 0 &&
		    strcmp(vp->out.state, CONSENSUS_STALLED) != 0)
			continue;
		key = xasprintf("remind:%s:%s:%s:%lld", vp->in.name,
		    vp->in.stage, vp->out.state, (long long)(v->now /
		    pol->remind));
		added += store_events_add(s, key, v->now, "reminder",
		    vp->in.name, json_pack("{s:s, s:s, s:s}", "stage",
		    vp->in.stage, "state", vp->out.state, "reason",
		    vp->out.reason));
		free(key);
	}
	return (added);
}

/* Whether events found at now may be kept: not before the newest kept. */
static int
store_events_may_keep(struct store *s, time_t now)
{
	sqlite3_stmt	*st;
	int		 ok = 0;

	if (sqlite3_prepare_v2(store_db(s), "SELECT coalesce(kept, 0) <= ?1"
	    " FROM eval_state", -1, &st, NULL) != SQLITE_OK)
		return (0);
	sqlite3_bind_int64(st, 1, (sqlite3_int64)now);
	if (sqlite3_step(st) == SQLITE_ROW)
		ok = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return (ok);
}

static void
store_events_set_kept(struct store *s, time_t now)
{
	sqlite3_stmt	*st;

	if (sqlite3_prepare_v2(store_db(s), "UPDATE eval_state SET kept = ?1",
	    -1, &st, NULL) != SQLITE_OK)
		return;
	sqlite3_bind_int64(st, 1, (sqlite3_int64)now);
	sqlite3_step(st);
	sqlite3_finalize(st);
}

int
store_events_record(struct store *s, const struct view *v,
    const struct policy *pol, int how, char **cause)
{
	struct store_events_logged	 lg;
	struct store_evalcache		*ec;
	time_t				 horizon;
	int				 added = 0;
	size_t				 i;

	store_begin(s);
	if (how != STORE_EVENTS_NONE && store_events_may_keep(s, v->now)) {
		store_events_logged_load(s, &lg);
		for (i = 0; i < v->nproposals; i++) {
			added += store_events_verdict(s, v, &lg, i);
			added += store_events_stale(s, v, &lg, i);
		}
		store_events_logged_free(&lg);
		added += store_events_reminders(s, v, pol);
		store_events_set_kept(s, v->now);
	}
	/* The cache is written with the events: both or neither. */
	ec = proposal_evalcache(v, &horizon);
	if (ec != NULL && store_evalcache_commit(s, ec, v->now, horizon,
	    cause) != 0) {
		sqlite3_exec(store_db(s), "ROLLBACK", NULL, NULL, NULL);
		return (-1);
	}
	if (how != STORE_EVENTS_TRY && store_commit(s, cause) != 0)
		return (-1);
	return (added);
}

int
store_events_promote(struct store *s, const struct protocols *ps,
    const char *name, const char *stage, time_t at, const char *by,
    const char *reason, const char *msgid, char **cause)
{
	const struct protocol	*p;
	sqlite3_stmt		*st;
	char			*key;

	if ((p = protocols_find(ps, name)) == NULL) {
		*cause = xasprintf("%s: no such protocol in protocols.conf",
		    name);
		return (-1);
	}
	if (!consensus_is_stage(stage)) {
		*cause = xasprintf("%s: not a stage (design, prototype, "
		    "production)", stage);
		return (-1);
	}
	if (sqlite3_prepare_v2(store_db(s), "INSERT OR REPLACE INTO"
	    " protocol_stages (name, stage, since, by_email, reason)"
	    " VALUES (?1, ?2, ?3, ?4, ?5)", -1, &st, NULL) != SQLITE_OK)
		goto db;
	sqlite3_bind_text(st, 1, p->name, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, stage, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 3, (sqlite3_int64)at);
	sqlite3_bind_text(st, 4, by, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 5, reason, -1, SQLITE_STATIC);
	sqlite3_step(st);
	sqlite3_finalize(st);
	if (sqlite3_prepare_v2(store_db(s), "INSERT INTO protocol_history"
	    " (name, stage, at, by_email, reason, message_id)"
	    " VALUES (?1, ?2, ?3, ?4, ?5, ?6)", -1, &st, NULL) != SQLITE_OK)
		goto db;
	sqlite3_bind_text(st, 1, p->name, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, stage, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 3, (sqlite3_int64)at);
	sqlite3_bind_text(st, 4, by, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 5, reason, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 6, msgid, -1, SQLITE_STATIC);
	sqlite3_step(st);
	sqlite3_finalize(st);
	key = xasprintf("promote:%s:%s:%lld", p->name, stage, (long long)at);
	store_events_add(s, key, at, "promotion", p->name, json_pack(
	    "{s:s, s:s, s:s, s:o}", "stage", stage, "by", by != NULL ? by : "",
	    "reason", reason != NULL ? reason : "", "message_id", msgid !=
	    NULL ? json_string(msgid) : json_null()));
	free(key);
	return (0);
db:
	*cause = xasprintf("database: %s", sqlite3_errmsg(store_db(s)));
	return (-1);
}

char *
store_events_stage(struct store *s, const char *name)
{
	sqlite3_stmt	*st;
	char		*stage = NULL;

	if (sqlite3_prepare_v2(store_db(s), "SELECT stage FROM protocol_stages"
	    " WHERE name = ?1", -1, &st, NULL) != SQLITE_OK)
		return (NULL);
	sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW)
		stage = xstrdup((const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	return (stage);
}

int
store_events_log(struct store *s, void (*fn)(void *,
    const struct store_events_entry *), void *arg)
{
	struct store_events_entry	 e;
	sqlite3_stmt			*st;

	if (sqlite3_prepare_v2(store_db(s), "SELECT key, at, kind, subject,"
	    " detail FROM events ORDER BY at, id", -1, &st, NULL) != SQLITE_OK)
		return (-1);
	while (sqlite3_step(st) == SQLITE_ROW) {
		e.key = (const char *)sqlite3_column_text(st, 0);
		e.at = (time_t)sqlite3_column_int64(st, 1);
		e.kind = (const char *)sqlite3_column_text(st, 2);
		e.subject = (const char *)sqlite3_column_text(st, 3);
		e.detail = (const char *)sqlite3_column_text(st, 4);
		fn(arg, &e);
	}
	sqlite3_finalize(st);
	return (0);
}
