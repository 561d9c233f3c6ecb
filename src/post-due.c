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
#include "config.h"
#include "datetime.h"
#include "env.h"
#include "log.h"
#include "mail-command.h"
#include "maintainers.h"
#include "message.h"
#include "policy.h"
#include "post-due.h"
#include "post-mail.h"
#include "post-outbox.h"
#include "status.h"
#include "store-events.h"
#include "store-post.h"
#include "store.h"
#include "xmalloc.h"

/* A confirmation token is good for this long. */
#define POST_DUE_TOKEN_LIFE	(3 * 86400)

/* The Czar's addresses: the config's, else MAINTAINERS' Czar section. */
static char *
post_due_czar(struct post_due *mr)
{
	const struct maintainers_section	*s;
	const struct config			*cf = mr->cf;
	struct buf				 b;
	size_t					 i;

	buf_init(&b);
	for (i = 0; i < cf->czar.n; i++)
		buf_printf(&b, "%s%s", b.len ? "," : "", cf->czar.v[i]);
	if (b.len == 0 && mr->st.env->maintainers != NULL &&
	    (s = maintainers_find(mr->st.env->maintainers,
	    MAIL_COMMAND_CZAR_SECTION)) != NULL)
		for (i = 0; i < s->nm; i++)
			buf_printf(&b, "%s%s", b.len ? "," : "", s->m_email[i]);
	return (b.len > 0 ? buf_detach(&b, NULL) : NULL);
}

int
post_due_open(struct post_due *mr, const struct config *cf, struct store *s,
    time_t now, int send, int how, char **cause)
{
	char	*czar;

	memset(mr, 0, sizeof *mr);
	mr->cf = cf;
	mr->store = s;
	mr->now = now;
	mr->send = send;
	mr->how = how;
	if (status_load(cf, s, now, 0, how, &mr->st, cause) != 0)
		return (-1);
	czar = post_due_czar(mr);
	if (post_compose_init(&mr->n, cf, mr->st.pol, czar, cause) != 0) {
		free(czar);
		if (how == STORE_EVENTS_TRY)
			store_rollback(s);
		status_free(&mr->st);
		return (-1);
	}
	free(czar);
	return (0);
}

void
post_due_close(struct post_due *mr)
{
	free(mr->history_first);
	/* A dry run leaves the database as it found it. */
	if (mr->how == STORE_EVENTS_TRY)
		store_rollback(mr->store);
	post_compose_free(&mr->n);
	status_free(&mr->st);
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
	store_begin(mr->store);
	r = post_outbox_queue(mr->store, mr->cf, m, mr->now, &why);
	if (r > 0 && extra != NULL)
		extra(mr, m, arg);
	if (store_commit(mr->store, &cause) != 0) {
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
post_due_summary_due(struct post_due *mr, const struct store_post_verdict *e)
{
	long	i = post_due_find(&mr->st.v, e->root, e->version);

	if (i < 0 || e->to == NULL ||
	    strcmp(mr->st.v.results[i].verdict, e->to) != 0)
		return (-1);	/* outdated: a newer verdict exists */
	if (strcmp(e->to, CONSENSUS_SUPERSEDED) == 0 || (e->from == NULL &&
	    strcmp(e->to, CONSENSUS_WAITING) == 0))
		return (-1);	/* the new version speaks; a fresh post waits */
	if (post_due_news_time(&mr->st.v, (size_t)i) <
	    mr->now - mr->cf->summary_max_age) {
		/* History, not news (a first run, say): finish says so. */
		if (mr->history++ == 0)
			mr->history_first = xasprintf("\"%s\" is %s",
			    mr->st.v.proposals[i].subject, e->to);
		return (-1);
	}
	if (store_post_muted(mr->store, e->root))
		return (-1);
	return (i);
}

static void
post_due_summary(void *arg, const struct store_post_verdict *e)
{
	struct post_due			*mr = arg;
	struct store_post_thread	 t;
	struct mail			 m;
	const char			*why = NULL;
	long				 i;
	int				 r;

	if ((i = post_due_summary_due(mr, e)) < 0)
		return;
	store_post_thread(mr->store, mr->st.v.proposals[i].root, &t);
	r = post_compose_summary(&mr->n, &mr->st.v, (size_t)i, t.lists,
	    t.nlists, t.root_seen, e->key, &m, &why);
	store_post_thread_free(&t);
	if (r != 0) {
		log_debug(LOG_DEBUG_STORE, "no summary for %s: %s",
		    mr->st.v.proposals[i].root, why);
		return;
	}
	post_due_emit(mr, &m, NULL, NULL);
	post_mail_free(&m);
}

void
post_due_summaries(struct post_due *mr)
{
	store_post_verdicts(mr->store, mr->now, post_due_summary, mr);
}

static void
post_due_mark_events(struct post_due *mr, const struct mail *m, void *arg)
{
	json_t	*ids = arg, *id;
	size_t	 i;

	json_array_foreach(ids, i, id)
		if (store_post_mark(mr->store, json_integer_value(id),
		    m->message_id) != 0)
			return;
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

/* What one reminder mail gathers. */
struct post_due_reminder {
	struct post_due	*mr;
	json_t		*protos, *stale, *ids;
	struct buf	 key;
};

static void
post_due_reminder_event(void *arg, const struct store_post_event *e)
{
	struct post_due_reminder	*rm = arg;
	json_t				*d;
	int				 stale;

	if ((d = json_loads(e->detail, 0, NULL)) == NULL)
		return;
	stale = strcmp(e->kind, "stale") == 0;
	if (stale && !post_due_still_stale(&rm->mr->st.v, json_string_value(
	    json_object_get(d, "message_id")))) {
		json_decref(d);
		return;
	}
	json_object_set_new(d, "name", json_string(e->subject));
	json_array_append_new(stale ? rm->stale : rm->protos, d);
	json_array_append_new(rm->ids, json_integer(e->id));
	buf_printf(&rm->key, "%lld,", e->id);
}

/* Reminder and stale events no reminder mail has carried yet. */
void
post_due_reminders(struct post_due *mr)
{
	struct post_due_reminder	 rm;
	struct mail			 m;

	rm.mr = mr;
	rm.protos = json_array();
	rm.stale = json_array();
	rm.ids = json_array();
	buf_init(&rm.key);
	buf_addstr(&rm.key, "reminder:");
	store_post_unmailed(mr->store, mr->now, post_due_reminder_event, &rm);
	if (json_array_size(rm.ids) > 0) {
		post_compose_reminder(&mr->n, rm.protos, rm.stale, mr->now,
		    rm.key.data, &m);
		post_due_emit(mr, &m, post_due_mark_events, rm.ids);
		post_mail_free(&m);
	} else {
		json_decref(rm.protos);
		json_decref(rm.stale);
	}
	json_decref(rm.ids);
	buf_release(&rm.key);
}

static long
post_due_period(const char *period)
{
	return (strcmp(period, "daily") == 0 ? 86400 : 7 * 86400);
}

static void
post_due_digest_done(struct post_due *mr, const struct mail *m, void *arg)
{
	(void)arg;
	store_post_digest_sent(mr->store, m->to, mr->now);
}

static void
post_due_digest(void *arg, const struct store_post_subscriber *sub)
{
	struct post_due	*mr = arg;
	struct mail	 m;
	char		*key;
	long		 every = post_due_period(sub->period);

	if (sub->last_digest + every > mr->now)
		return;
	/* One digest per subscriber and period, whatever reruns. */
	key = xasprintf("digest:%s:%lld", sub->email, (long long)(mr->now /
	    every));
	post_compose_digest(&mr->n, &mr->st.v, sub->email, sub->filters,
	    sub->period, key, &m);
	post_due_emit(mr, &m, post_due_digest_done, NULL);
	post_mail_free(&m);
	free(key);
}

void
post_due_digests(struct post_due *mr)
{
	store_post_subscribers(mr->store, post_due_digest, mr);
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

	for (i = 0; i < mr->cf->nlists; i++) {
		l = &mr->cf->lists[i];
		if (l->rollup == NULL || !l->post || l->address == NULL)
			continue;
		every = post_due_period(l->rollup);
		key = xasprintf("rollup:%s:%lld", l->name, (long long)(mr->now /
		    every));
		if (post_compose_rollup(&mr->n, &mr->st.v, l, key, &m) == 0) {
			post_due_emit(mr, &m, NULL, NULL);
			post_mail_free(&m);
		}
		free(key);
	}
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
	if (store_post_pending(mr->store, m->from_email, args, period, token,
	    mr->now + POST_DUE_TOKEN_LIFE, mr->now) != 0)
		return ("database error");
	post_compose_confirm(&mr->n, m->from_email, args, period, token,
	    mr->now + POST_DUE_TOKEN_LIFE, mr->now, &cm);
	post_due_emit(mr, &cm, NULL, NULL);
	post_mail_free(&cm);
	return ("confirmation sent");
}

static const char *
post_due_request_confirm(struct post_due *mr, const struct message *m,
    const char *token)
{
	int	r;

	if ((r = store_post_confirm(mr->store, m->from_email, token,
	    mr->now)) < 0)
		return ("database error");
	return (r ? "subscribed" : "wrong or expired token");
}

/*
 * Unsubscribing takes effect at once, so a forged From could end anyone's
 * digest: with a trusted Authentication-Results server configured, it
 * needs the DKIM pass commands need.
 */
static const char *
post_due_request_unsubscribe(struct post_due *mr, const struct message *m)
{
	const char	*authserv = mr->cf->trusted_authserv;

	if (authserv != NULL && !mail_command_dkim_pass(m->auth_results,
	    authserv, m->from_email))
		return ("refused: no DKIM pass recorded by the trusted "
		    "Authentication-Results server");
	return (store_post_subscribe(mr->store, m->from_email, 0, NULL, NULL,
	    mr->now) == 0 ? "unsubscribed" : "error");
}

static const char *
post_due_request(struct post_due *mr, const struct message *m)
{
	char		*line, *args, *verb;
	const char	*result;

	if (message_is_automatic(m) || (mr->cf->bot_address != NULL &&
	    strcasecmp(m->from_email, mr->cf->bot_address) == 0))
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
post_due_request_one(void *arg, long long id, const void *raw, size_t len)
{
	struct post_due		*mr = arg;
	struct message_env	 env = { 0, 0 };
	struct message		*m;
	const char		*result;
	char			*cause = NULL;

	if (message_parse(raw, len, &env, &m, &cause) != 0) {
		free(cause);
		return;
	}
	result = post_due_request(mr, m);
	log_info("request from %s: %s", m->from_email, result);
	store_post_request_done(mr->store, id, result);
	message_free(m);
}

void
post_due_requests(struct post_due *mr)
{
	if (mr->cf->requests == NULL || !mr->send)
		return;
	store_post_requests(mr->store, mr->cf->requests, post_due_request_one,
	    mr);
}

/* Why a verdict gets no status reply, said once for all of them. */
static void
post_due_history_note(const struct post_due *mr)
{
	char	age[16];

	if (mr->history == 0 || mr->daemon)
		return;
	datetime_format_duration(mr->cf->summary_max_age, age, sizeof age);
	fflush(stdout);
	fprintf(stderr, "pvbot: no status reply for %lu verdict%s older than "
	    "summary-max-age (%s): history, not news (%s%s)\n", mr->history,
	    mr->history == 1 ? "" : "s", age, mr->history_first,
	    mr->history > 1 ? ", ..." : "");
}

int
post_due_finish(struct post_due *mr)
{
	struct post_outbox_stats	st;

	post_due_history_note(mr);
	if (!mr->send) {
		if (!mr->daemon)
			fprintf(stderr, "pvbot: dry run: %lu mail(s) printed, "
			    "none sent (use --send with \"send yes\")\n",
			    mr->printed);
		return (0);
	}
	post_outbox_deliver(mr->store, mr->cf, mr->now, &st);
	if (mr->daemon) {
		if (mr->queued + st.sent + st.retry + st.failed > 0)
			log_info("outbox: queued %lu, held %lu; sent %lu, to "
			    "retry %lu, failed %lu", mr->queued, mr->held,
			    st.sent, st.retry, st.failed);
		return (0);
	}
	printf("queued %lu, already queued %lu, held by limits %lu; sent %lu, "
	    "to retry %lu, failed %lu\n", mr->queued, mr->known, mr->held,
	    st.sent, st.retry, st.failed);
	return (st.failed > 0 ? -1 : 0);
}

void
post_due_daemon_pass(const struct config *cf, struct store *s, time_t now)
{
	struct post_due	 mr;
	char		*cause = NULL;

	if (post_due_open(&mr, cf, s, now, cf->send, STORE_EVENTS_KEEP,
	    &cause) != 0) {
		fprintf(stderr, "%s\n", cause);
		free(cause);
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
