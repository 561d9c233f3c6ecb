/* Saving what classify found, and carrying out authorised commands. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "buf.h"
#include "classify.h"
#include "log.h"
#include "mail-command.h"
#include "message.h"
#include "protocols.h"
#include "rules.h"
#include "series.h"
#include "store-classify.h"
#include "store-events.h"
#include "store-stages.h"
#include "store.h"
#include "text.h"
#include "xmalloc.h"

/*
 * What the thread around m is: its poster (the author of the posting m
 * answers, or of the root when that is known) as "email\0name", and
 * whether it holds anything to review at all (a patch, cover or design
 * proposal).
 */
/*
 * Thread roots looked up lately that settle a reply's context alone (a
 * stored patch, cover or design proposal): most mail answers a handful of
 * threads at a time, and each lookup costs a query.  An entry goes when
 * its message is classified again.
 */
#define STORE_CLASSIFY_CACHE	64

struct store_classify_cache {
	struct {
		char	*root;		/* Message-ID, or NULL */
		char	*who;		/* "email\0name" */
		size_t	 len;		/* of who, both strings */
	}		 v[STORE_CLASSIFY_CACHE];
	size_t		 next;		/* the slot to take next */
};

struct store_classify_cache *
store_classify_cache_new(void)
{
	return (xcalloc(1, sizeof (struct store_classify_cache)));
}

void
store_classify_cache_free(struct store_classify_cache *c)
{
	size_t	i;

	if (c == NULL)
		return;
	for (i = 0; i < STORE_CLASSIFY_CACHE; i++) {
		free(c->v[i].root);
		free(c->v[i].who);
	}
	free(c);
}

static size_t
store_classify_cache_find(struct store_classify_cache *c, const char *root)
{
	size_t	i;

	for (i = 0; c != NULL && i < STORE_CLASSIFY_CACHE; i++)
		if (c->v[i].root != NULL && strcmp(c->v[i].root, root) == 0)
			return (i);
	return (STORE_CLASSIFY_CACHE);
}

static void
store_classify_cache_drop(struct store_classify_cache *c, const char *root)
{
	size_t	i = store_classify_cache_find(c, root);

	if (i == STORE_CLASSIFY_CACHE)
		return;
	free(c->v[i].root);
	free(c->v[i].who);
	c->v[i].root = c->v[i].who = NULL;
}

static void
store_classify_cache_put(struct store_classify_cache *c, const char *root,
    const char *who)
{
	size_t	len = strlen(who) + 1, i;

	if (c == NULL)
		return;
	len += strlen(who + len) + 1;
	i = c->next++ % STORE_CLASSIFY_CACHE;
	free(c->v[i].root);
	free(c->v[i].who);
	c->v[i].root = xstrdup(root);
	c->v[i].who = xmalloc(len);
	memcpy(c->v[i].who, who, len);
	c->v[i].len = len;
}

static char *
store_classify_thread(struct store *s, const struct message *m,
    struct store_classify_cache *cache, int *reviewable)
{
	const unsigned char	*name;
	sqlite3_stmt		*st;
	char			*who = NULL;
	size_t			 i;

	if (m->nrefs > 0 && (i = store_classify_cache_find(cache,
	    m->refs[0])) < STORE_CLASSIFY_CACHE) {
		who = xmalloc(cache->v[i].len);
		memcpy(who, cache->v[i].who, cache->v[i].len);
		*reviewable = 1;
		return (who);
	}
	/* The root usually settles both: most threads start with a patch. */
	for (i = 0; i < m->nrefs && (who == NULL || !*reviewable); i++) {
		st = store_stmt(s, STORE_MSG_AUTHOR);
		sqlite3_bind_text(st, 1, m->refs[i], -1, SQLITE_STATIC);
		if (sqlite3_step(st) == SQLITE_ROW &&
		    sqlite3_column_text(st, 0) != NULL) {
			if (who == NULL && (sqlite3_column_int(st, 1) ||
			    i == 0)) {
				name = sqlite3_column_text(st, 3);
				who = xasprintf("%s%c%s",
				    sqlite3_column_text(st, 0), '\0',
				    name != NULL ? (const char *)name : "");
			}
			if (sqlite3_column_int(st, 2))
				*reviewable = 1;
			/* A posting at the root settles it: remember. */
			if (i == 0 && sqlite3_column_int(st, 2))
				store_classify_cache_put(cache, m->refs[0], who);
		}
		sqlite3_reset(st);
	}
	return (who);
}

static void
store_classify_trailers(struct store *s, long long id, int fresh,
    const struct classify_result *r)
{
	sqlite3_stmt	*st;
	size_t		 i;

	if (!fresh) {
		st = store_stmt(s, STORE_TRAILERS_DEL);
		sqlite3_bind_int64(st, 1, id);
		store_step_done(s, st);
	}
	for (i = 0; i < r->ntrailers; i++) {
		st = store_stmt(s, STORE_TRAILER_ADD);
		sqlite3_bind_int64(st, 1, id);
		sqlite3_bind_int(st, 2, (int)i);
		sqlite3_bind_text(st, 3, r->trailers[i].tag, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 4, r->trailers[i].name, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 5, r->trailers[i].email, -1,
		    SQLITE_STATIC);
		if (r->trailers[i].area != NULL)
			sqlite3_bind_text(st, 6, r->trailers[i].area, -1,
			    SQLITE_STATIC);
		sqlite3_bind_int(st, 7, r->trailers[i].mismatch);
		store_step_done(s, st);
	}
}

static void
store_classify_paths(struct store *s, long long id, long long thread,
    int fresh, const struct classify_result *r)
{
	sqlite3_stmt	*st;
	size_t		 i;

	if (!fresh) {
		st = store_stmt(s, STORE_PATHS_DEL);
		sqlite3_bind_int64(st, 1, id);
		store_step_done(s, st);
	}
	for (i = 0; i < r->npaths; i++) {
		st = store_stmt(s, STORE_PATH_ADD);
		sqlite3_bind_int64(st, 1, id);
		sqlite3_bind_text(st, 2, r->paths[i], -1, SQLITE_STATIC);
		store_step_done(s, st);
	}
	for (i = 0; i < r->nprotocols; i++) {
		st = store_stmt(s, STORE_PROTOCOL_ADD);
		sqlite3_bind_int64(st, 1, thread);
		sqlite3_bind_text(st, 2, r->protocols[i].protocol->name, -1,
		    SQLITE_STATIC);
		sqlite3_bind_text(st, 3, r->protocols[i].source, -1,
		    SQLITE_STATIC);
		store_step_done(s, st);
	}
}

/* Paths touched anywhere in the thread, for maintainer checks. */
static size_t
store_classify_thread_paths(struct store *s, long long thread, char ***out)
{
	sqlite3_stmt	*st = store_stmt(s, STORE_THREAD_PATHS);
	char		**v = NULL;
	size_t		  n = 0;

	sqlite3_bind_int64(st, 1, thread);
	while (sqlite3_step(st) == SQLITE_ROW) {
		v = xreallocarray(v, n + 1, sizeof *v);
		v[n++] = xstrdup((const char *)sqlite3_column_text(st, 0));
	}
	sqlite3_reset(st);
	*out = v;
	return (n);
}

void
store_classify_tag(struct store *s, const struct protocols *ps,
    long long thread, const char *tag, int on, const char *by,
    const char *msgid, time_t at)
{
	const struct protocol	*p;
	sqlite3_stmt		*st;

	st = store_stmt(s, on ? STORE_TAG_SET : STORE_TAG_DEL);
	sqlite3_bind_int64(st, 1, thread);
	sqlite3_bind_text(st, 2, tag, -1, SQLITE_STATIC);
	if (on) {
		if (by != NULL)
			sqlite3_bind_text(st, 3, by, -1, SQLITE_STATIC);
		if (msgid != NULL)
			sqlite3_bind_text(st, 4, msgid, -1, SQLITE_STATIC);
		sqlite3_bind_int64(st, 5, (sqlite3_int64)at);
	}
	store_step_done(s, st);
	if (ps == NULL || (p = protocols_find(ps, tag)) == NULL)
		return;
	st = store_stmt(s, on ? STORE_PROTOCOL_ADD : STORE_PROTOCOL_DEL_TAG);
	sqlite3_bind_int64(st, 1, thread);
	sqlite3_bind_text(st, 2, p->name, -1, SQLITE_STATIC);
	if (on)
		sqlite3_bind_text(st, 3, "tag", -1, SQLITE_STATIC);
	store_step_done(s, st);
}

/* "tag pvcalls, abi" -> each keyword, lower case, [a-z0-9._-]. */
static void
store_classify_tags(struct store *s, const struct store_classify_env *env,
    long long thread, const struct message *m, const char *args, int on)
{
	char	*copy = xstrdup(args), *tok, *save, *c;

	for (tok = strtok_r(copy, ", \t", &save); tok != NULL;
	    tok = strtok_r(NULL, ", \t", &save)) {
		for (c = tok; *c != '\0'; c++)
			*c = (char)tolower((unsigned char)*c);
		if (strspn(tok, "abcdefghijklmnopqrstuvwxyz0123456789._-") !=
		    strlen(tok) || strlen(tok) > 64)
			continue;
		store_classify_tag(s, env->protocols, thread, tok, on,
		    m->from_email, m->message_id, m->date);
	}
	free(copy);
}

/*
 * Whether this message's promotion of a protocol is already on record.  A
 * mail is carried out once: reclassify runs commands again, and replaying
 * an old promote would undo every later promotion.
 */
static int
store_classify_promoted(struct store *s, const struct protocols *ps,
    const char *msgid, const char *name)
{
	const struct protocol	*p;
	sqlite3_stmt		*st;
	int			 done;

	if ((p = protocols_find(ps, name)) == NULL)
		return (0);
	if (sqlite3_prepare_v2(store_db(s), "SELECT 1 FROM protocol_history"
	    " WHERE message_id = ?1 AND name = ?2", -1, &st, NULL) != SQLITE_OK)
		return (0);
	sqlite3_bind_text(st, 1, msgid, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, p->name, -1, SQLITE_STATIC);
	done = sqlite3_step(st) == SQLITE_ROW;
	sqlite3_finalize(st);
	return (done);
}

/*
 * "promote pvcalls prototype": the Czar moves a protocol on; straight from
 * design to production only with a third word, "force".
 */
static void
store_classify_promote(struct store *s, const struct store_classify_env *env,
    const struct message *m, const char *args)
{
	const struct protocol	*p;
	char			 name[64], stage[32], force[16] = "";
	char			*cause = NULL, *reason;

	if (env->protocols == NULL || sscanf(args, "%63s %31s %15s", name,
	    stage, force) < 2) {
		log_warnx("%s: pvbot: promote %s: expected PROTOCOL STAGE",
		    m->message_id, args);
		return;
	}
	if (store_classify_promoted(s, env->protocols, m->message_id, name))
		return;
	text_lower(stage);
	if ((p = protocols_find(env->protocols, name)) != NULL &&
	    strcasecmp(force, "force") != 0 && strcasecmp(force, "--force") !=
	    0 && store_stages_skips(s, p->name, stage)) {
		log_warnx("%s: pvbot: promote %s: %s is at design: %s skips the "
		    "prototype stage (add \"force\" to do it anyway)",
		    m->message_id, args, p->name, stage);
		return;
	}
	reason = xasprintf("promoted by mail from %s", m->from_email);
	if (store_events_promote(s, env->protocols, name, stage, m->date,
	    m->from_email, reason, m->message_id, &cause) != 0) {
		log_warnx("%s: pvbot: promote: %s", m->message_id, cause);
		free(cause);
	}
	free(reason);
}

static void
store_classify_apply(struct store *s, const struct store_classify_env *env,
    long long thread, const struct message *m,
    const struct classify_command *c)
{
	if (strcmp(c->verb, "tag") == 0)
		store_classify_tags(s, env, thread, m, c->args, 1);
	else if (strcmp(c->verb, "untag") == 0)
		store_classify_tags(s, env, thread, m, c->args, 0);
	else if (strcmp(c->verb, "mute") == 0)
		store_classify_tag(s, NULL, thread, "mute", 1, m->from_email,
		    m->message_id, m->date);
	else if (strcmp(c->verb, "unmute") == 0)
		store_classify_tag(s, NULL, thread, "mute", 0, NULL, NULL,
		    m->date);
	else if (strcmp(c->verb, "promote") == 0)
		store_classify_promote(s, env, m, c->args);
}

/*
 * Whether email proposed something in thread: a patch posting's author,
 * or the author of the design mail the thread starts with.  These are
 * the people pvbot's status replies there are addressed to.
 */
static int
store_classify_proposer(struct store *s, long long thread, const char *email)
{
	sqlite3_stmt	*st;
	int		 found = 0;

	if (email == NULL || sqlite3_prepare_v2(store_db(s), "SELECT 1 FROM"
	    " postings WHERE thread = ?1 AND author = ?2 COLLATE NOCASE"
	    " UNION ALL SELECT 1 FROM messages m JOIN threads t ON"
	    " t.root = m.message_id WHERE t.id = ?1 AND m.thread = ?1 AND"
	    " m.kind = 'design' AND m.from_email = ?2 COLLATE NOCASE"
	    " LIMIT 1", -1, &st, NULL) != SQLITE_OK)
		return (0);
	sqlite3_bind_int64(st, 1, thread);
	sqlite3_bind_text(st, 2, email, -1, SQLITE_STATIC);
	found = sqlite3_step(st) == SQLITE_ROW;
	sqlite3_finalize(st);
	return (found);
}

static void
store_classify_commands(struct store *s, const struct store_classify_env *env,
    long long id, long long thread, int fresh, const struct message *m,
    const struct classify_result *r)
{
	sqlite3_stmt	*st;
	const char	*reason = NULL;
	char		**paths = NULL;
	size_t		  npaths = 0, i;
	int		  ok;

	if (!fresh) {
		st = store_stmt(s, STORE_COMMANDS_DEL);
		sqlite3_bind_int64(st, 1, id);
		store_step_done(s, st);
	}
	if (r->ncommands > 0)
		npaths = store_classify_thread_paths(s, thread, &paths);
	for (i = 0; i < r->ncommands; i++) {
		ok = env->cmd != NULL && mail_command_authorized(env->cmd, m,
		    r->commands[i].verb, paths, npaths,
		    mail_command_is_mute(r->commands[i].verb) &&
		    store_classify_proposer(s, thread, m->from_email), &reason);
		if (env->cmd == NULL)
			reason = "commands are not read here";
		if (ok)
			store_classify_apply(s, env, thread, m, &r->commands[i]);
		else
			log_warnx("%s: pvbot: %s %s from %s ignored: %s",
			    m->message_id, r->commands[i].verb,
			    r->commands[i].args, m->from_email, reason);
		st = store_stmt(s, STORE_COMMAND_ADD);
		sqlite3_bind_int64(st, 1, id);
		sqlite3_bind_int(st, 2, (int)i);
		sqlite3_bind_text(st, 3, r->commands[i].verb, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 4, r->commands[i].args, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 5, ok ? "applied" : "refused", -1,
		    SQLITE_STATIC);
		if (!ok)
			sqlite3_bind_text(st, 6, reason, -1, SQLITE_STATIC);
		store_step_done(s, st);
	}
	for (i = 0; i < npaths; i++)
		free(paths[i]);
	free(paths);
}

/*
 * A [PULL n/N] patch is sent by the maintainer who pulls it but written by
 * the author its body's "From:" line names; a reply to it from that author
 * is the author answering.  The author's address, or NULL.
 */
static char *
store_classify_pull_author(struct store *s, const struct message *m)
{
	struct message_env	 menv = { 0, 0 };
	struct message		*parent;
	sqlite3_stmt		*st;
	char			*who = NULL, *cause = NULL;

	if (m->nrefs == 0 || sqlite3_prepare_v2(store_db(s), "SELECT r.bytes"
	    " FROM messages m JOIN raw r ON r.id = m.id WHERE m.message_id = ?1"
	    " AND m.present AND m.s_flags & ?2", -1, &st, NULL) != SQLITE_OK)
		return (NULL);
	sqlite3_bind_text(st, 1, m->refs[m->nrefs - 1], -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 2, SERIES_PULL);
	if (sqlite3_step(st) == SQLITE_ROW && message_parse(
	    sqlite3_column_blob(st, 0), (size_t)sqlite3_column_bytes(st, 0),
	    &menv, &parent, &cause) == 0) {
		who = classify_body_from(parent->body);
		if (who != NULL && strcasecmp(who, parent->from_email) == 0) {
			free(who);
			who = NULL;
		}
		message_free(parent);
	}
	free(cause);
	sqlite3_finalize(st);
	return (who);
}

char *
store_classify_context(struct store *s, const struct store_classify_env *env,
    const struct message *m, const struct series_tag *tag,
    struct classify_context *ctx)
{
	char	*proposer;

	memset(ctx, 0, sizeof *ctx);
	/*
	 * A patch threaded under its cover is still a posting, and so is a
	 * tagged subject without "Re:" that a server gave References
	 * (Samsung's CGME ids on every new thread): [PATCH], [RFC], [TOPIC].
	 */
	ctx->reply = tag->reply || (m->nrefs > 0 && !series_is_posting(tag) &&
	    rules_match(env->rules, RULES_DESIGN_SUBJECT, m->subject,
	    strlen(m->subject), 0, &(struct rules_hit){ 0 }) != RULES_MATCH);
	ctx->reviewable = series_is_posting(tag);
	proposer = store_classify_thread(s, m, env->cache, &ctx->reviewable);
	ctx->proposer = proposer;
	if (proposer != NULL)
		ctx->proposer_name = proposer + strlen(proposer) + 1;
	/*
	 * A reviewer's client may keep "[PATCH 2/14]" and drop "Re:": in a
	 * stored thread, a patch part from someone else without a diff is a
	 * reply.  (Where the thread is unknown -- Samsung's servers add
	 * References to new postings -- a tagged subject stays a posting.)
	 */
	if (!ctx->reply && proposer != NULL && tag->part > 0 &&
	    m->patch == NULL && strcasecmp(proposer, m->from_email) != 0)
		ctx->reply = 1;
	if (ctx->reply && (tag->flags & SERIES_PULL))
		ctx->patch_author = store_classify_pull_author(s, m);
	ctx->protocols = env->protocols;
	ctx->model = env->model;
	return (proposer);
}

void
store_classify_context_free(struct classify_context *ctx, char *proposer)
{
	free((char *)ctx->patch_author);
	free(proposer);
	memset(ctx, 0, sizeof *ctx);
}

void
store_classify_run(struct store *s, const struct store_classify_env *env,
    const struct message *m, const struct series_tag *tag,
    struct classify_result *r)
{
	struct classify_context	 ctx;
	char			*proposer;

	proposer = store_classify_context(s, env, m, tag, &ctx);
	classify_message(env->rules, m, tag, &ctx, r);
	store_classify_context_free(&ctx, proposer);
	/* A rule error must not pass for "no match" unseen. */
	if (r->flags & CLASSIFY_F_RULE_ERROR)
		log_warnx("%s: a rule hit its match limit; classified as %s "
		    "on what the other rules found", m->message_id, r->kind);
}

void
store_classify_bind(sqlite3_stmt *st, int first, const struct classify_result *r)
{
	sqlite3_bind_text(st, first, r->kind, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, first + 1, r->flags);
	if (r->has_vote)
		sqlite3_bind_int(st, first + 2, r->vote);
	if (r->window > 0)
		sqlite3_bind_int64(st, first + 3, r->window);
}

void
store_classify_save(struct store *s, const struct store_classify_env *env,
    long long id, long long thread, const struct message *m, int flags,
    struct classify_result *r)
{
	sqlite3_stmt	*st;
	int		 fresh = (flags & STORE_CLASSIFY_NEW) != 0;

	/* Its kind may change what it settles for replies. */
	store_classify_cache_drop(env->cache, m->message_id);
	if (!(flags & STORE_CLASSIFY_FILLED)) {
		st = store_stmt(s, STORE_MSG_CLASSIFY);
		sqlite3_bind_int64(st, 1, id);
		store_classify_bind(st, 2, r);
		store_step_done(s, st);
	}
	store_classify_trailers(s, id, fresh, r);
	store_classify_paths(s, id, thread, fresh, r);
	if (!(flags & STORE_CLASSIFY_CONTEXT))
		store_classify_commands(s, env, id, thread, fresh, m, r);
}

void
store_classify(struct store *s, const struct store_classify_env *env,
    long long id, long long thread, const struct message *m,
    const struct series_tag *tag, int flags, struct classify_result *out)
{
	struct classify_result	r;

	store_classify_run(s, env, m, tag, &r);
	store_classify_save(s, env, id, thread, m, flags, &r);
	if (out != NULL)
		*out = r;
	else
		classify_free(&r);
}

char *
store_classify_summary(struct store *s, long long id)
{
	sqlite3_stmt	*st;
	struct buf	 b;

	buf_init(&b);
	if (sqlite3_prepare_v2(store_db(s), "SELECT m.kind, t.tag, t.email,"
	    " t.mismatch FROM messages m LEFT JOIN trailers t ON t.message ="
	    " m.id WHERE m.id = ?1 ORDER BY t.seq", -1, &st, NULL) != SQLITE_OK)
		return (buf_detach(&b, NULL));
	sqlite3_bind_int64(st, 1, id);
	while (sqlite3_step(st) == SQLITE_ROW) {
		if (b.len == 0)
			buf_addstr(&b, (const char *)
			    sqlite3_column_text(st, 0));
		if (sqlite3_column_type(st, 1) != SQLITE_NULL)
			buf_printf(&b, " %s:%s%s", sqlite3_column_text(st, 1),
			    sqlite3_column_text(st, 2),
			    sqlite3_column_int(st, 3) ? "(mismatch)" : "");
	}
	sqlite3_finalize(st);
	return (buf_detach(&b, NULL));
}

int
store_classify_all(struct store *s, void (*fn)(void *, long long,
    long long, const void *, size_t, const char *), void *arg)
{
	sqlite3_stmt	*st;

	/* What classification put there goes; the operator's tags stay. */
	sqlite3_exec(store_db(s), "DELETE FROM thread_protocols WHERE"
	    " source <> 'tag'; DELETE FROM thread_tags WHERE message_id IS NOT"
	    " NULL", NULL, NULL, NULL);
	if (sqlite3_prepare_v2(store_db(s), "SELECT m.id, m.thread,"
	    " r.bytes, m.message_id FROM messages m JOIN raw r ON r.id = m.id"
	    " WHERE m.present ORDER BY m.id", -1, &st, NULL) != SQLITE_OK)
		return (-1);
	while (sqlite3_step(st) == SQLITE_ROW)
		fn(arg, sqlite3_column_int64(st, 0),
		    sqlite3_column_int64(st, 1), sqlite3_column_blob(st, 2),
		    (size_t)sqlite3_column_bytes(st, 2),
		    (const char *)sqlite3_column_text(st, 3));
	sqlite3_finalize(st);
	return (0);
}

int
store_classify_raw(struct store *s, const char *msgid,
    void (*fn)(void *, const void *, size_t), void *arg)
{
	sqlite3_stmt	*st;
	int		 found;

	if (sqlite3_prepare_v2(store_db(s), "SELECT r.bytes FROM messages m"
	    " JOIN raw r ON r.id = m.id WHERE m.message_id = ?1 AND m.present",
	    -1, &st, NULL) != SQLITE_OK)
		return (-1);
	sqlite3_bind_text(st, 1, msgid, -1, SQLITE_STATIC);
	if ((found = sqlite3_step(st) == SQLITE_ROW))
		fn(arg, sqlite3_column_blob(st, 0),
		    (size_t)sqlite3_column_bytes(st, 0));
	sqlite3_finalize(st);
	return (found);
}
