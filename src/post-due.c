/* Which mails are due, and where they go. */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include <gnutls/crypto.h>
#include <jansson.h>

#include "buf.h"
#include "mail-command.h"
#include "config.h"
#include "log.h"
#include "post-mail.h"
#include "post-due.h"
#include "maintainers.h"
#include "message.h"
#include "post-outbox.h"
#include "policy.h"
#include "status.h"
#include "store.h"
#include "xmalloc.h"

/* A confirmation token is good for this long. */
#define MAILER_TOKEN_LIFE	(3 * 86400)

/* The Czar's addresses: the config's, else MAINTAINERS' Czar section. */
static char *
post_due_czar(struct post_due *mr)
{
	const struct maintainers_section	*s;
	const struct config			*cf = mr->bot->cf;
	struct buf				 b;
	size_t					 i;

	buf_init(&b);
	for (i = 0; i < cf->czar.n; i++)
		buf_printf(&b, "%s%s", b.len ? "," : "", cf->czar.v[i]);
	if (b.len == 0 && mr->env.maintainers != NULL && (s = maintainers_find(
	    mr->env.maintainers, MAIL_COMMAND_CZAR_SECTION)) != NULL)
		for (i = 0; i < s->nm; i++)
			buf_printf(&b, "%s%s", b.len ? "," : "", s->m_email[i]);
	return (b.len > 0 ? buf_detach(&b, NULL) : NULL);
}

int
post_due_open(struct post_due *mr, struct pvbot *bot, time_t now, int send,
    int how)
{
	char	*cause = NULL, *czar;

	memset(mr, 0, sizeof *mr);
	mr->bot = bot;
	mr->now = now;
	mr->send = send;
	mr->how = how;
	if (status_load(bot, &mr->env, &mr->pol, now, 0, how, &mr->v) != 0)
		return (-1);
	czar = post_due_czar(mr);
	if (post_compose_init(&mr->n, bot->cf, mr->pol, czar, &cause) != 0) {
		fprintf(stderr, "%s\n", cause);
		free(cause);
		free(czar);
		if (how == VIEW_EVENTS_TRY)
			store_rollback(bot->store);
		view_free(&mr->v);
		policy_free(mr->pol);
		cmd_env_free(&mr->env);
		return (-1);
	}
	free(czar);
	return (0);
}

void
post_due_close(struct post_due *mr)
{
	/* A dry run leaves the database as it found it. */
	if (mr->how == VIEW_EVENTS_TRY)
		store_rollback(mr->bot->store);
	post_compose_free(&mr->n);
	view_free(&mr->v);
	policy_free(mr->pol);
	cmd_env_free(&mr->env);
}

/* Print as an mbox (dry run) or queue; extra runs in the same transaction. */
static void
post_due_emit(struct post_due *mr, struct mail *m,
    void (*extra)(struct post_due *, const struct mail *, void *), void *arg)
{
	const char	*why = NULL;
	char		*raw, *cause = NULL, from_line[64];
	struct tm	 tm;
	int		 r;

	if (!mr->send && mr->daemon) {
		log_info("dry run: would send <%s> \"%s\" to %s", m->message_id,
		    m->subject, m->to);
		mr->printed++;
		return;
	}
	if (!mr->send) {
		raw = post_mail_format(m);
		gmtime_r(&m->date, &tm);
		strftime(from_line, sizeof from_line, "From pvbot %a %b %e "
		    "%H:%M:%S %Y", &tm);
		printf("%s\n", from_line);
		for (char *p = raw; *p != '\0'; p++)
			if (*p != '\r')
				putchar(*p);
		printf("\n");
		free(raw);
		mr->printed++;
		return;
	}
	store_begin(mr->bot->store);
	r = post_outbox_queue(mr->bot->store, mr->bot->cf, m, mr->now, &why);
	if (r > 0 && extra != NULL)
		extra(mr, m, arg);
	if (store_commit(mr->bot->store, &cause) != 0) {
		log_warnx("outbox: %s", cause);
		free(cause);
		return;
	}
	/* Fault injection for the crash test: die between queue and send. */
	if (r > 0 && getenv("PVBOT_FAULT") != NULL &&
	    strcmp(getenv("PVBOT_FAULT"), "after-queue") == 0)
		raise(SIGKILL);
	if (r > 0)
		mr->queued++;
	else if (r == 0)
		mr->known++;
	else {
		mr->held++;
		log_info("<%s> held: %s", m->message_id, why);
	}
}

static long
post_due_find(const struct view *v, const char *root, int version)
{
	size_t	i;

	for (i = 0; i < v->nproposals; i++)
		if (strcmp(v->proposals[i].root, root) == 0 &&
		    v->proposals[i].version == version)
			return ((long)i);
	return (-1);
}

static int
post_due_muted(struct store *s, const char *root)
{
	sqlite3_stmt	*st;
	int		 muted = 0;

	if (sqlite3_prepare_v2(store_db(s), "SELECT 1 FROM thread_tags g"
	    " JOIN threads t ON t.id = g.thread WHERE t.root = ?1 AND"
	    " g.tag = 'mute'", -1, &st, NULL) != SQLITE_OK)
		return (0);
	sqlite3_bind_text(st, 1, root, -1, SQLITE_STATIC);
	muted = sqlite3_step(st) == SQLITE_ROW;
	sqlite3_finalize(st);
	return (muted);
}

/*
 * When a proposal's verdict became what it is, at the latest: its newest
 * message, or a deadline it passed (window end, an objector's reply-by).
 */
static time_t
post_due_news_time(const struct view *v, size_t i)
{
	const struct consensus_proposal	*p = &v->proposals[i];
	const struct consensus_result	*r = &v->results[i];
	time_t				 t = p->news, d;
	size_t				 j;

	for (j = 0; j < r->nobjections + 2; j++) {
		d = j == 0 ? r->window_end : j == 1 ? r->deadline :
		    r->objections[j - 2].reply_by;
		if (d != 0 && d <= v->now && d > t)
			t = d;
	}
	return (t);
}

/* A verdict event worth a reply: current, not noise, not too old. */
static long
post_due_summary_due(struct post_due *mr, sqlite3_stmt *st)
{
	const char	*root = (const char *)sqlite3_column_text(st, 1);
	const char	*from = (const char *)sqlite3_column_text(st, 3);
	const char	*to = (const char *)sqlite3_column_text(st, 4);
	long		 i = post_due_find(&mr->v, root, sqlite3_column_int(st, 2));

	if (i < 0 || to == NULL || strcmp(mr->v.results[i].verdict, to) != 0)
		return (-1);	/* outdated: a newer verdict exists */
	if (strcmp(to, CONSENSUS_SUPERSEDED) == 0 || (from == NULL &&
	    strcmp(to, CONSENSUS_WAITING) == 0))
		return (-1);	/* the new version speaks; a fresh post waits */
	if (post_due_news_time(&mr->v, (size_t)i) <
	    mr->now - mr->bot->cf->summary_max_age)
		return (-1);	/* history, not news (a first run, say) */
	if (post_due_muted(mr->bot->store, root))
		return (-1);
	return (i);
}

void
post_due_summaries(struct post_due *mr)
{
	sqlite3_stmt	*st;
	struct mail	 m;
	const char	*why = NULL;
	long		 i;

	if (sqlite3_prepare_v2(store_db(mr->bot->store), "SELECT key, subject,"
	    " json_extract(detail, '$.version'), json_extract(detail,"
	    " '$.from'), json_extract(detail, '$.to') FROM events WHERE"
	    " kind = 'verdict' AND at <= ?1 ORDER BY id", -1, &st, NULL) !=
	    SQLITE_OK)
		return;
	sqlite3_bind_int64(st, 1, (sqlite3_int64)mr->now);
	while (sqlite3_step(st) == SQLITE_ROW) {
		if ((i = post_due_summary_due(mr, st)) < 0)
			continue;
		if (post_compose_summary(&mr->n, mr->bot->store, &mr->v, (size_t)i,
		    (const char *)sqlite3_column_text(st, 0), &m, &why) != 0) {
			log_debug(LOG_DEBUG_STORE, "no summary for %s: %s",
			    mr->v.proposals[i].root, why);
			continue;
		}
		post_due_emit(mr, &m, NULL, NULL);
		post_mail_free(&m);
	}
	sqlite3_finalize(st);
}

static void
post_due_mark_events(struct post_due *mr, const struct mail *m, void *arg)
{
	sqlite3_stmt	*st;
	json_t		*ids = arg, *id;
	size_t		 i;

	json_array_foreach(ids, i, id) {
		if (sqlite3_prepare_v2(store_db(mr->bot->store), "INSERT OR"
		    " IGNORE INTO event_mails (event, message_id) VALUES"
		    " (?1, ?2)", -1, &st, NULL) != SQLITE_OK)
			return;
		sqlite3_bind_int64(st, 1, json_integer_value(id));
		sqlite3_bind_text(st, 2, m->message_id, -1, SQLITE_STATIC);
		sqlite3_step(st);
		sqlite3_finalize(st);
	}
}

/*
 * Whether the objection given in message_id is stale now, in a version
 * still current: one answered since, or withdrawn, or carried into a new
 * version where it was resolved, needs no reminder any more.
 */
static int
post_due_still_stale(const struct view *v, const char *message_id)
{
	const struct consensus_objection	*o;
	size_t					 i, j;

	for (i = 0; message_id != NULL && i < v->nproposals; i++) {
		if (strcmp(v->results[i].verdict, CONSENSUS_SUPERSEDED) == 0)
			continue;
		for (j = 0; j < v->results[i].nobjections; j++) {
			o = &v->results[i].objections[j];
			if (o->message_id != NULL &&
			    strcmp(o->message_id, message_id) == 0 &&
			    strcmp(o->state, "stale") == 0)
				return (1);
		}
	}
	return (0);
}

/* Reminder and stale events no reminder mail has carried yet. */
void
post_due_reminders(struct post_due *mr)
{
	sqlite3_stmt	*st;
	json_t		*protos = json_array(), *stale = json_array(), *ids;
	struct buf	 key;
	struct mail	 m;

	ids = json_array();
	buf_init(&key);
	buf_addstr(&key, "reminder:");
	if (sqlite3_prepare_v2(store_db(mr->bot->store), "SELECT id, kind,"
	    " subject, detail FROM events e WHERE kind IN ('reminder', 'stale')"
	    " AND at <= ?1 AND NOT EXISTS (SELECT 1 FROM event_mails x JOIN"
	    " outbox o ON o.message_id = x.message_id WHERE x.event = e.id)"
	    " ORDER BY id", -1, &st, NULL) == SQLITE_OK) {
		sqlite3_bind_int64(st, 1, (sqlite3_int64)mr->now);
		while (sqlite3_step(st) == SQLITE_ROW) {
			json_t *d = json_loads((const char *)
			    sqlite3_column_text(st, 3), 0, NULL);

			if (d == NULL)
				continue;
			if (strcmp((const char *)sqlite3_column_text(st, 1),
			    "stale") == 0 && !post_due_still_stale(&mr->v,
			    json_string_value(json_object_get(d, "message_id")))) {
				json_decref(d);
				continue;
			}
			json_object_set_new(d, "name", json_string((const char *)
			    sqlite3_column_text(st, 2)));
			json_array_append_new(strcmp((const char *)
			    sqlite3_column_text(st, 1), "stale") == 0 ? stale :
			    protos, d);
			json_array_append_new(ids, json_integer(
			    sqlite3_column_int64(st, 0)));
			buf_printf(&key, "%lld,", (long long)
			    sqlite3_column_int64(st, 0));
		}
		sqlite3_finalize(st);
	}
	if (json_array_size(ids) > 0) {
		post_compose_reminder(&mr->n, protos, stale, mr->now, key.data, &m);
		post_due_emit(mr, &m, post_due_mark_events, ids);
		post_mail_free(&m);
	} else {
		json_decref(protos);
		json_decref(stale);
	}
	json_decref(ids);
	buf_release(&key);
}

static long
post_due_period(const char *period)
{
	return (strcmp(period, "daily") == 0 ? 86400 : 7 * 86400);
}

static void
post_due_digest_done(struct post_due *mr, const struct mail *m, void *arg)
{
	sqlite3_stmt	*st;

	(void)arg;
	if (sqlite3_prepare_v2(store_db(mr->bot->store), "UPDATE subscribers"
	    " SET last_digest = ?2 WHERE email = ?1", -1, &st, NULL) !=
	    SQLITE_OK)
		return;
	sqlite3_bind_text(st, 1, m->to, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, (sqlite3_int64)mr->now);
	sqlite3_step(st);
	sqlite3_finalize(st);
}

void
post_due_digests(struct post_due *mr)
{
	sqlite3_stmt	*st;
	struct mail	 m;
	const char	*email, *period, *filters;
	char		*key;
	long		 every;

	if (sqlite3_prepare_v2(store_db(mr->bot->store), "SELECT email,"
	    " period, coalesce(filters, ''), coalesce(last_digest, 0) FROM"
	    " subscribers WHERE state = 'active' ORDER BY email", -1, &st,
	    NULL) != SQLITE_OK)
		return;
	while (sqlite3_step(st) == SQLITE_ROW) {
		email = (const char *)sqlite3_column_text(st, 0);
		period = (const char *)sqlite3_column_text(st, 1);
		filters = (const char *)sqlite3_column_text(st, 2);
		every = post_due_period(period);
		if (sqlite3_column_int64(st, 3) + every > mr->now)
			continue;
		/* One digest per subscriber and period, whatever reruns. */
		key = xasprintf("digest:%s:%lld", email, (long long)(mr->now /
		    every));
		post_compose_digest(&mr->n, &mr->v, email, filters, period, key, &m);
		post_due_emit(mr, &m, post_due_digest_done, NULL);
		post_mail_free(&m);
		free(key);
	}
	sqlite3_finalize(st);
}

/*
 * Lists with "rollup daily|weekly": one mail to the list per period (the
 * key names it, so reruns queue nothing new), when anything is open.
 */
void
post_due_rollups(struct post_due *mr)
{
	const struct config_list	*l;
	struct mail			 m;
	char				*key;
	long				 every;
	size_t				 i;

	for (i = 0; i < mr->bot->cf->nlists; i++) {
		l = &mr->bot->cf->lists[i];
		if (l->rollup == NULL || !l->post || l->address == NULL)
			continue;
		every = post_due_period(l->rollup);
		key = xasprintf("rollup:%s:%lld", l->name, (long long)(mr->now /
		    every));
		if (post_compose_rollup(&mr->n, &mr->v, l, key, &m) == 0) {
			post_due_emit(mr, &m, NULL, NULL);
			post_mail_free(&m);
		}
		free(key);
	}
}

int
post_due_subscribe(struct store *s, const char *email, int on,
    const char *filters, const char *period, time_t now)
{
	sqlite3_stmt	*st;
	int		 rc;

	rc = sqlite3_prepare_v2(store_db(s), on ? "INSERT OR REPLACE INTO"
	    " subscribers (email, filters, period, state, created) VALUES"
	    " (lower(?1), ?2, ?3, 'active', ?4)" : "DELETE FROM subscribers"
	    " WHERE email = lower(?1)", -1, &st, NULL);
	if (rc != SQLITE_OK)
		return (-1);
	sqlite3_bind_text(st, 1, email, -1, SQLITE_STATIC);
	if (on) {
		sqlite3_bind_text(st, 2, filters, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 3, period, -1, SQLITE_STATIC);
		sqlite3_bind_int64(st, 4, (sqlite3_int64)now);
	}
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	return (rc == SQLITE_DONE ? 0 : -1);
}

/* A request's first line of its own: "subscribe weekly pvcalls", ... */
static char *
post_due_request_line(const struct message *m)
{
	const char	*p = m->body;
	size_t		 len;

	while (*p != '\0') {
		len = strcspn(p, "\n");
		if (len > 0 && *p != '>' && strspn(p, " \t") < len)
			return (xstrndup(p, len));
		p += len + (p[len] == '\n');
	}
	return (xstrdup(m->subject));
}

static const char *
post_due_request_subscribe(struct post_due *mr, const struct message *m,
    char *args)
{
	const char	*period = "weekly";
	unsigned char	 rnd[16];
	char		 token[33];
	struct mail	 cm;
	sqlite3_stmt	*st;
	size_t		 i;

	if (strncmp(args, "daily", 5) == 0 || strncmp(args, "weekly", 6) == 0) {
		period = *args == 'd' ? "daily" : "weekly";
		args += strcspn(args, " \t");
		args += strspn(args, " \t");
	}
	gnutls_rnd(GNUTLS_RND_NONCE, rnd, sizeof rnd);
	for (i = 0; i < sizeof rnd; i++)
		snprintf(token + 2 * i, 3, "%02x", rnd[i]);
	/* Pending until the address itself confirms: no one subscribes
	 * someone else. */
	if (sqlite3_prepare_v2(store_db(mr->bot->store), "INSERT INTO"
	    " subscribers (email, filters, period, state, token, expires,"
	    " created) VALUES (?1, ?2, ?3, 'pending', ?4, ?5, ?6) ON CONFLICT"
	    " (email) DO UPDATE SET token = ?4, expires = ?5, filters = ?2,"
	    " period = ?3 WHERE state = 'pending'", -1, &st, NULL) !=
	    SQLITE_OK)
		return ("database error");
	sqlite3_bind_text(st, 1, m->from_email, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, args, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, period, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, token, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 5, (sqlite3_int64)(mr->now + MAILER_TOKEN_LIFE));
	sqlite3_bind_int64(st, 6, (sqlite3_int64)mr->now);
	sqlite3_step(st);
	sqlite3_finalize(st);
	post_compose_confirm(&mr->n, m->from_email, args, period, token, mr->now +
	    MAILER_TOKEN_LIFE, mr->now, &cm);
	post_due_emit(mr, &cm, NULL, NULL);
	post_mail_free(&cm);
	return ("confirmation sent");
}

static const char *
post_due_request_confirm(struct post_due *mr, const struct message *m,
    const char *token)
{
	sqlite3_stmt	*st;
	int		 changed = 0;

	if (sqlite3_prepare_v2(store_db(mr->bot->store), "UPDATE subscribers"
	    " SET state = 'active', token = NULL WHERE email = ?1 AND"
	    " state = 'pending' AND token = ?2 AND expires >= ?3", -1, &st,
	    NULL) != SQLITE_OK)
		return ("database error");
	sqlite3_bind_text(st, 1, m->from_email, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, token, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 3, (sqlite3_int64)mr->now);
	if (sqlite3_step(st) == SQLITE_DONE)
		changed = sqlite3_changes(store_db(mr->bot->store));
	sqlite3_finalize(st);
	return (changed ? "subscribed" : "wrong or expired token");
}

/*
 * Unsubscribing takes effect at once, so a forged From could end anyone's
 * digest: with a trusted Authentication-Results server configured, it
 * needs the DKIM pass commands need.
 */
static const char *
post_due_request_unsubscribe(struct post_due *mr, const struct message *m)
{
	const char	*authserv = mr->bot->cf->trusted_authserv;

	if (authserv != NULL && !mail_command_dkim_pass(m->auth_results, authserv,
	    m->from_email))
		return ("refused: no DKIM pass recorded by the trusted "
		    "Authentication-Results server");
	return (post_due_subscribe(mr->bot->store, m->from_email, 0, NULL, NULL,
	    mr->now) == 0 ? "unsubscribed" : "error");
}

static const char *
post_due_request(struct post_due *mr, const struct message *m)
{
	char		*line, *args, *verb;
	const char	*result;

	if (message_is_automatic(m) || (mr->bot->cf->bot_address != NULL &&
	    strcasecmp(m->from_email, mr->bot->cf->bot_address) == 0))
		return ("ignored: automatic or pvbot's own mail");
	line = post_due_request_line(m);
	verb = line + strspn(line, " \t");
	args = verb + strcspn(verb, " \t");
	if (*args != '\0')
		*args++ = '\0';
	args += strspn(args, " \t");
	if (strcasecmp(verb, "subscribe") == 0)
		result = post_due_request_subscribe(mr, m, args);
	else if (strcasecmp(verb, "confirm") == 0)
		result = post_due_request_confirm(mr, m, args);
	else if (strcasecmp(verb, "unsubscribe") == 0)
		result = post_due_request_unsubscribe(mr, m);
	else
		result = "not a request";
	free(line);
	return (result);
}

static void
post_due_request_done(struct store *s, long long id, const char *result)
{
	sqlite3_stmt	*st;

	if (sqlite3_prepare_v2(store_db(s), "INSERT OR IGNORE INTO requests"
	    " (message, result) VALUES (?1, ?2)", -1, &st, NULL) != SQLITE_OK)
		return;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_text(st, 2, result, -1, SQLITE_STATIC);
	sqlite3_step(st);
	sqlite3_finalize(st);
}

void
post_due_requests(struct post_due *mr)
{
	struct message_env	 env = { 0, 0 };
	struct message		*m;
	sqlite3_stmt		*st;
	const char		*result;
	char			*cause = NULL;

	if (mr->bot->cf->requests == NULL || !mr->send ||
	    sqlite3_prepare_v2(store_db(mr->bot->store), "SELECT m.id, r.bytes"
	    " FROM messages m JOIN message_lists l ON l.message = m.id JOIN"
	    " raw r ON r.id = m.id WHERE l.list = ?1 AND NOT EXISTS (SELECT 1"
	    " FROM requests q WHERE q.message = m.id) ORDER BY m.id", -1, &st,
	    NULL) != SQLITE_OK)
		return;
	sqlite3_bind_text(st, 1, mr->bot->cf->requests, -1, SQLITE_STATIC);
	while (sqlite3_step(st) == SQLITE_ROW) {
		if (message_parse(sqlite3_column_blob(st, 1), (size_t)
		    sqlite3_column_bytes(st, 1), &env, &m, &cause) != 0) {
			free(cause);
			continue;
		}
		result = post_due_request(mr, m);
		log_info("request from %s: %s", m->from_email, result);
		post_due_request_done(mr->bot->store, sqlite3_column_int64(st, 0),
		    result);
		message_free(m);
	}
	sqlite3_finalize(st);
}

int
post_due_finish(struct post_due *mr)
{
	struct post_outbox_stats	st;

	if (!mr->send) {
		if (!mr->daemon)
			fprintf(stderr, "pvbot: dry run: %lu mail(s) printed, "
			    "none sent (use --send with \"send yes\")\n",
			    mr->printed);
		return (CMD_OK);
	}
	post_outbox_deliver(mr->bot->store, mr->bot->cf, mr->now, &st);
	if (mr->daemon) {
		if (mr->queued + st.sent + st.retry + st.failed > 0)
			log_info("outbox: queued %lu, held %lu; sent %lu, to "
			    "retry %lu, failed %lu", mr->queued, mr->held,
			    st.sent, st.retry, st.failed);
		return (CMD_OK);
	}
	printf("queued %lu, already queued %lu, held by limits %lu; sent %lu, "
	    "to retry %lu, failed %lu\n", mr->queued, mr->known, mr->held,
	    st.sent, st.retry, st.failed);
	return (st.failed > 0 ? CMD_ERROR : CMD_OK);
}

void
post_due_daemon_pass(struct pvbot *bot, time_t now)
{
	struct post_due	mr;

	if (post_due_open(&mr, bot, now, bot->cf->send, VIEW_EVENTS_KEEP) !=
	    0) {
		log_warnx("evaluation failed; will try again");
		return;
	}
	mr.daemon = 1;
	post_due_summaries(&mr);
	post_due_rollups(&mr);
	post_due_requests(&mr);
	post_due_reminders(&mr);
	post_due_digests(&mr);
	post_due_finish(&mr);
	post_due_close(&mr);
}
