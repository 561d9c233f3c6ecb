/* Composing pvbot's mails from the engine's view and the templates. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <jansson.h>

#include "buf.h"
#include "config.h"
#include "consensus.h"
#include "datetime.h"
#include "post-mail.h"
#include "post-compose.h"
#include "policy.h"
#include "status.h"
#include "view.h"
#include "template.h"
#include "text.h"
#include "xmalloc.h"

/* The fields each template may use (pvbot.conf(5) lists them). */
static const char *post_compose_summary_fields[] = {
	"subject", "version", "verdict", "reason", "deadline", "tally",
	"votes", "vote", "name", "email", "maintainer", "counted",
	"not_counted",
	"objections", "state",
	"since", "reply_by", "protocol_list", "window", "responsive",
	"archive", "root", "may_mute", "evidence", "line", "checkin", "lazy",
	NULL
};
static const char *post_compose_reminder_fields[] = {
	"count", "date", "protocols", "name", "stage", "state", "reason",
	"stale", "subject", "by", "who", "reply_by", "remind", NULL
};
static const char *post_compose_digest_fields[] = {
	"period", "date", "now", "groups", "name", "stage", "state",
	"proposals", "verdict", "subject", "version", "reason", "deadline",
	"not_counted",
	"filters", "filter", "bot", NULL
};
static const char *post_compose_confirm_fields[] = {
	"period", "address", "filters", "bot", "token", "expires", NULL
};
static const char *post_compose_rollup_fields[] = {
	"list", "period", "date", "now", "count", "bot", "proposals",
	"subject", "version", "verdict", "reason", "deadline", "tally",
	"votes", "vote", "name", "email", "maintainer", "counted",
	"not_counted",
	"objections", "state", "since", "reply_by", "protocol_list", "window",
	"responsive", "archive", "root", "may_mute", "own_window", NULL
};

/* Whether any list asks for a roll-up: only then is its template read. */
static int
post_compose_any_rollup(const struct config *cf)
{
	size_t	i;

	for (i = 0; i < cf->nlists; i++)
		if (cf->lists[i].rollup != NULL)
			return (1);
	return (0);
}

/* dir/name, or the built-in template when dir is NULL. */
static int
post_compose_load(const char *dir, const char *name, const char *const *fields,
    struct template **t, struct buf *errors)
{
	char	*path = NULL, *builtin, *cause = NULL;
	int	 r;

	builtin = xasprintf("pvbot/templates/%s", name);
	if (dir != NULL)
		path = xasprintf("%s/%s", dir, name);
	if ((r = template_load(path, builtin, fields, t, &cause)) != 0) {
		buf_printf(errors, "%s%s", errors->len ? "\n" : "", cause);
		free(cause);
	}
	free(builtin);
	free(path);
	return (r);
}

int
post_compose_init(struct post_compose *n, const struct config *cf,
    const struct policy *pol, const char *czar, char **cause)
{
	struct buf	errors;

	memset(n, 0, sizeof *n);
	n->cf = cf;
	n->policy = pol;
	n->czar = czar != NULL ? xstrdup(czar) : NULL;
	buf_init(&errors);
	post_compose_load(cf->templates, "summary.tmpl",
	    post_compose_summary_fields, &n->summary, &errors);
	post_compose_load(cf->templates, "reminder.tmpl",
	    post_compose_reminder_fields, &n->reminder, &errors);
	post_compose_load(cf->templates, "digest.tmpl",
	    post_compose_digest_fields, &n->digest, &errors);
	post_compose_load(cf->templates, "confirm.tmpl",
	    post_compose_confirm_fields, &n->confirm, &errors);
	if (post_compose_any_rollup(cf))
		post_compose_load(cf->templates, "rollup.tmpl",
		    post_compose_rollup_fields, &n->rollup, &errors);
	if (errors.len > 0) {
		*cause = buf_detach(&errors, NULL);
		post_compose_free(n);
		return (-1);
	}
	return (0);
}

void
post_compose_free(struct post_compose *n)
{
	template_free(n->summary);
	template_free(n->reminder);
	template_free(n->digest);
	template_free(n->confirm);
	template_free(n->rollup);
	free(n->czar);
	memset(n, 0, sizeof *n);
}

const char *
post_compose_from(const struct post_compose *n)
{
	if (n->cf->smtp.from != NULL)
		return (n->cf->smtp.from);
	return (n->cf->bot_address != NULL ? n->cf->bot_address :
	    "pvbot@localhost");
}

static json_t *
post_compose_time(time_t t)
{
	char	buf[32];

	if (t == 0)
		return (json_string(""));
	datetime_format_iso(t, buf, sizeof buf);
	return (json_string(buf));
}

static json_t *
post_compose_duration(long secs)
{
	char	buf[16];

	datetime_format_duration(secs, buf, sizeof buf);
	return (json_string(buf));
}

/*
 * What every mail of pvbot's has: its kind, key (the Message-ID derives
 * from both), sender, recipient and date, and the rendered text, whose
 * "Subject:" line heads it; a template that wrote none gets subject.
 * Takes text and subject.
 */
static void
post_compose_mail(const struct post_compose *n, struct mail *m,
    const char *kind, const char *key, const char *to, time_t date, char *text,
    char *subject)
{
	m->key = xstrdup(key);
	m->kind = xstrdup(kind);
	m->from = xstrdup(post_compose_from(n));
	m->to = xstrdup(to);
	m->date = date;
	m->message_id = post_mail_message_id(kind, key, m->from);
	if (post_mail_set_text(m, text) != 0) {
		m->subject = subject;
		m->body = post_mail_wrap(text, POST_MAIL_WIDTH);
	} else
		free(subject);
	free(text);
}

/* The first of a thread's lists (by name) pvbot may post to, or NULL. */
static const struct config_list *
post_compose_list(const struct post_compose *n, char *const *lists,
    size_t nlists)
{
	size_t	i, j;

	for (j = 0; j < nlists; j++)
		for (i = 0; i < n->cf->nlists; i++)
			if (strcmp(n->cf->lists[i].name, lists[j]) == 0 &&
			    n->cf->lists[i].post && n->cf->lists[i].address)
				return (&n->cf->lists[i]);
	return (NULL);
}

static int
post_compose_has_opinion(const struct consensus_result *r, const char *email)
{
	size_t	i;

	for (i = 0; email != NULL && i < r->nopinions; i++)
		if (strcasecmp(r->opinions[i].email, email) == 0)
			return (1);
	return (0);
}

/* The proposer's name as the proposal's mail gives it, or "(proposer)". */
static const char *
post_compose_proposer_name(const struct consensus_proposal *p)
{
	return (p->proposer_name != NULL ? p->proposer_name : "(proposer)");
}

/*
 * Who may mute the thread's status replies, in words, as pvbot will check
 * it (mail_command_authorized): the proposer from their own address, a
 * maintainer when a MAINTAINERS file says who that is, the Czar when one
 * is known.  NULL when nobody is, so that the mail asks no one.
 */
static char *
post_compose_may_mute(const struct post_compose *n,
    const struct consensus_proposal *p)
{
	const char	*part[3];
	struct buf	 b;
	size_t		 np = 0, i;
	char		*who = NULL;

	if (p->proposer != NULL) {
		who = p->proposer_name != NULL ? xasprintf("%s <%s> (who "
		    "proposed it)", p->proposer_name, p->proposer) :
		    xasprintf("<%s> (who proposed it)", p->proposer);
		part[np++] = who;
	}
	if (n->cf->maintainers != NULL)
		part[np++] = "a maintainer of the files it touches";
	if (n->czar != NULL)
		part[np++] = "the PV protocols Czar";
	if (np == 0)
		return (NULL);
	buf_init(&b);
	for (i = 0; i < np; i++)
		buf_printf(&b, "%s%s", i == 0 ? "" : i + 1 == np ? " or " :
		    ", ", part[i]);
	free(who);
	return (buf_detach(&b, NULL));
}

static void
post_compose_evidence_line(void *arg, const char *line)
{
	json_array_append_new(arg, json_pack("{s:s}", "line", line));
}

/* The evidence lines of proposal i: [{"line": ...}]. */
static json_t *
post_compose_evidence(const struct view *v, size_t i)
{
	json_t	*a = json_array();

	status_evidence_lines(v, i, post_compose_evidence_line, a);
	return (a);
}

static json_t *
post_compose_summary_data(const struct post_compose *n, const struct view *v,
    size_t i)
{
	const struct consensus_proposal	*p = &v->proposals[i];
	const struct consensus_result	*r = &v->results[i];
	json_t				*d, *votes, *objs;
	struct buf			 pl;
	size_t				 j;
	const char			*why;
	char				*who, buf[128];

	votes = json_array();
	if (!post_compose_has_opinion(r, p->proposer))
		json_array_append_new(votes, json_pack("{s:s, s:s, s:s, s:b, "
		    "s:b}", "vote", n->policy->proposer_vote > 1 ? "+2" : "+1",
		    "name", post_compose_proposer_name(p), "email",
		    p->proposer != NULL ? p->proposer : "", "maintainer", 0,
		    "counted", 1));
	for (j = 0; j < r->nopinions; j++) {
		/* Left out of the sum: say so, and why. */
		why = status_uncounted(r, j, buf, sizeof buf);
		json_array_append_new(votes, json_pack("{s:s, s:s, s:s, s:b, "
		    "s:b, s:o}", "vote", r->opinions[j].vote > 0 ?
		    (r->opinions[j].vote > 1 ? "+2" : "+1") :
		    r->opinions[j].vote == 0 ? " 0" :
		    (r->opinions[j].vote < -1 ? "-2" : "-1"), "name",
		    r->opinions[j].name != NULL ?
		    r->opinions[j].name : "", "email", r->opinions[j].email,
		    "maintainer", r->opinions[j].stakeholder, "counted",
		    r->opinions[j].counted, "not_counted", why != NULL ?
		    json_string(why) : json_null()));
	}
	objs = json_array();
	for (j = 0; j < r->nobjections; j++)
		json_array_append_new(objs, json_pack("{s:s, s:s, s:s, s:o, "
		    "s:o}", "name", r->objections[j].name != NULL ?
		    r->objections[j].name : "", "email", r->objections[j].email,
		    "state", r->objections[j].state, "since",
		    post_compose_time(r->objections[j].since), "reply_by",
		    post_compose_time(r->objections[j].reply_by)));
	buf_init(&pl);
	buf_add(&pl, "", 0);
	for (j = 0; j < p->nprotocols; j++)
		buf_printf(&pl, "%s%s", j ? ", " : "", p->protocols[j]);
	d = json_pack("{s:s, s:i, s:s, s:s, s:o, s:s, s:o, s:o, s:s, s:o, "
	    "s:o, s:s}", "subject", p->subject, "version", p->version,
	    "verdict", r->verdict, "reason", r->reason, "deadline",
	    post_compose_time(r->deadline > v->now ? r->deadline : 0),
	    "tally", "", "votes", votes, "objections", objs, "protocol_list",
	    pl.data, "window", post_compose_duration(r->window > 0 ?
	    r->window : p->window > 0 ? p->window : policy_window(n->policy,
	    p->list, p->protocols, p->nprotocols)), "responsive",
	    post_compose_duration(r->responsive > 0 ? r->responsive :
	    policy_responsive(n->policy, p->list, p->protocols,
	    p->nprotocols)), "root", p->root);
	json_object_set_new(d, "tally", json_sprintf("%+d", r->sum));
	/* The evidence, as status gives it; which rules were applied. */
	json_object_set_new(d, "evidence", post_compose_evidence(v, i));
	json_object_set_new(d, "checkin", json_boolean(r->rules == NULL ||
	    strcmp(r->rules, CONSENSUS_RULES_LAZY) != 0));
	json_object_set_new(d, "lazy", json_boolean(r->rules != NULL &&
	    strcmp(r->rules, CONSENSUS_RULES_LAZY) == 0));
	if ((who = post_compose_may_mute(n, p)) != NULL) {
		json_object_set_new(d, "may_mute", json_string(who));
		free(who);
	}
	if (n->cf->archive_url != NULL)
		json_object_set_new(d, "archive", json_sprintf("%s%s/",
		    n->cf->archive_url, p->root));
	buf_release(&pl);
	return (d);
}

int
post_compose_summary(const struct post_compose *n, const struct view *v,
    size_t i, char *const *lists, size_t nlists, int root_seen,
    const char *key, struct mail *m, const char **why)
{
	const struct consensus_proposal	*p = &v->proposals[i];
	const struct config_list	*list;
	const char			*target;
	json_t				*d;
	char				*text;

	memset(m, 0, sizeof *m);
	/* Never to a list the operator has not named for posting. */
	if ((list = post_compose_list(n, lists, nlists)) == NULL) {
		*why = "its list is not configured for posting (list ... post "
		    "yes, address ...)";
		return (-1);
	}
	d = post_compose_summary_data(n, v, i);
	text = template_render(n->summary, d);
	json_decref(d);
	m->cc = p->proposer != NULL ? xstrdup(p->proposer) : NULL;
	/*
	 * What the reply answers: the thread's root, or when pvbot never saw
	 * it (an archive that starts mid-thread) the version's own first
	 * message, so that the reply threads under what mail readers have.
	 */
	target = root_seen || p->reply_to == NULL ? p->root : p->reply_to;
	m->in_reply_to = xstrdup(target);
	m->references = target == p->root ? xstrdup(p->root) :
	    xasprintf("%s\n%s", p->root, target);
	m->thread_root = xstrdup(p->root);
	post_compose_mail(n, m, "summary", key, list->address, v->now, text,
	    xasprintf("Re: %s", p->subject));
	return (0);
}

/*
 * A subscriber's filter: words naming protocols, verdicts or lists.  A
 * proposal passes when it matches each kind of word given (any protocol
 * named, any verdict named, any list named); no words pass everything.
 */
struct post_compose_filter {
	struct config_strlist	 protocols, verdicts, lists;
};

static const char *post_compose_verdicts[] = {
	CONSENSUS_WAITING, CONSENSUS_OBJECTED, CONSENSUS_STALE,
	CONSENSUS_CONSENSUS, CONSENSUS_FAILED, CONSENSUS_SUPERSEDED,
	CONSENSUS_COMMITTED
};

static void
post_compose_filter_add(struct config_strlist *l, const char *word)
{
	l->v = xreallocarray(l->v, l->n + 1, sizeof *l->v);
	l->v[l->n++] = xstrdup(word);
}

static int
post_compose_filter_has(const struct config_strlist *l, const char *word)
{
	size_t	i;

	for (i = 0; word != NULL && i < l->n; i++)
		if (strcasecmp(l->v[i], word) == 0)
			return (1);
	return (0);
}

/* Words that name no verdict and no list are protocols, known or not. */
static void
post_compose_filter_parse(const struct post_compose *n, const char *words,
    struct post_compose_filter *f)
{
	char	*copy = xstrdup(words != NULL ? words : ""), *w, *save;
	size_t	 i;
	int	 kind;

	memset(f, 0, sizeof *f);
	for (w = strtok_r(copy, ", \t", &save); w != NULL;
	    w = strtok_r(NULL, ", \t", &save)) {
		kind = 0;
		for (i = 0; i < sizeof post_compose_verdicts /
		    sizeof post_compose_verdicts[0]; i++)
			if (strcasecmp(w, post_compose_verdicts[i]) == 0)
				kind = 1;
		for (i = 0; kind == 0 && i < n->cf->nlists; i++)
			if (strcasecmp(w, n->cf->lists[i].name) == 0)
				kind = 2;
		post_compose_filter_add(kind == 1 ? &f->verdicts : kind == 2 ?
		    &f->lists : &f->protocols, w);
	}
	free(copy);
}

char *
post_compose_filter_known(const struct post_compose *n, const struct view *v,
    const char *words)
{
	struct buf	 b;
	char		*copy = xstrdup(words != NULL ? words : ""), *w, *save;
	size_t		 i;
	int		 known;

	buf_init(&b);
	buf_add(&b, "", 0);
	for (w = strtok_r(copy, ", \t", &save); w != NULL;
	    w = strtok_r(NULL, ", \t", &save)) {
		known = 0;
		for (i = 0; i < sizeof post_compose_verdicts /
		    sizeof post_compose_verdicts[0]; i++)
			known |= strcasecmp(w, post_compose_verdicts[i]) == 0;
		for (i = 0; i < n->cf->nlists; i++)
			known |= strcasecmp(w, n->cf->lists[i].name) == 0;
		for (i = 0; i < v->nprotocols; i++)
			known |= strcasecmp(w, v->protocols[i].in.name) == 0;
		if (!known)
			continue;
		text_lower(w);
		buf_printf(&b, "%s%s", b.len > 0 ? " " : "", w);
	}
	free(copy);
	return (buf_detach(&b, NULL));
}

static void
post_compose_filter_free(struct post_compose_filter *f)
{
	struct config_strlist	*l[] = { &f->protocols, &f->verdicts,
				    &f->lists };
	size_t			 i, j;

	for (i = 0; i < 3; i++) {
		for (j = 0; j < l[i]->n; j++)
			free(l[i]->v[j]);
		free(l[i]->v);
	}
}

static int
post_compose_filter_match(const struct post_compose_filter *f,
    const struct consensus_proposal *p, const struct consensus_result *r)
{
	size_t	i;
	int	bound = f->protocols.n == 0;

	for (i = 0; !bound && i < p->nprotocols; i++)
		bound = post_compose_filter_has(&f->protocols, p->protocols[i]);
	return (bound && (f->verdicts.n == 0 ||
	    post_compose_filter_has(&f->verdicts, r->verdict)) &&
	    (f->lists.n == 0 || post_compose_filter_has(&f->lists, p->list)));
}

/* One kind of word: "protocol pvcalls or 9pfs". */
static void
post_compose_filter_words(struct buf *b, const char *what,
    const struct config_strlist *l, const struct view *v)
{
	size_t	i, j;
	int	known;

	if (l->n == 0)
		return;
	/* The first kind follows "Filter: only ", the others ", and ". */
	if (strcmp(b->data, "Filter: only ") != 0)
		buf_addstr(b, ", and ");
	buf_addstr(b, what);
	for (i = 0; i < l->n; i++) {
		buf_printf(b, "%s%s", i == 0 ? " " : " or ", l->v[i]);
		if (v == NULL)
			continue;
		for (j = 0, known = 0; j < v->nprotocols; j++)
			known |= strcasecmp(v->protocols[j].in.name,
			    l->v[i]) == 0;
		if (!known)
			buf_addstr(b, " (pvbot knows no such protocol)");
	}
}

/* What the filter lets through, in words, for the digest to say. */
static char *
post_compose_filter_describe(const struct post_compose_filter *f,
    const struct view *v)
{
	struct buf	b;

	buf_init(&b);
	buf_addstr(&b, "Filter: only ");
	post_compose_filter_words(&b, "protocol", &f->protocols, v);
	post_compose_filter_words(&b, "verdict", &f->verdicts, NULL);
	post_compose_filter_words(&b, "list", &f->lists, NULL);
	if (f->protocols.n + f->verdicts.n + f->lists.n == 0) {
		buf_release(&b);
		return (xstrdup("No filter: every open proposal on the lists "
		    "pvbot reads, bound to a PV protocol or not."));
	}
	buf_addstr(&b, ".");
	return (buf_detach(&b, NULL));
}

/*
 * Open proposals for one protocol group (protocol NULL: those bound to
 * none), filtered by the subscriber.
 */

/*
 * The votes a proposal's tally leaves out, and why, in one line ("-1 from
 * Kofi Mensah (a stale objection: no reply by ...)"); NULL when none.
 */
static json_t *
post_compose_uncounted(const struct consensus_result *r)
{
	struct buf	 b;
	json_t		*o;
	const char	*why;
	char		 buf[128];
	size_t		 j;

	buf_init(&b);
	for (j = 0; j < r->nopinions; j++)
		if ((why = status_uncounted(r, j, buf, sizeof buf)) != NULL)
			buf_printf(&b, "%s%+d from %s (%s)", b.len > 0 ? "; " :
			    "", r->opinions[j].vote, r->opinions[j].name !=
			    NULL && *r->opinions[j].name != '\0' ?
			    r->opinions[j].name : r->opinions[j].email, why);
	o = b.len > 0 ? json_string(b.data) : json_null();
	buf_release(&b);
	return (o);
}

static json_t *
post_compose_digest_proposals(const struct view *v, const char *protocol,
    const struct post_compose_filter *f)
{
	const struct consensus_proposal	*p;
	json_t				*a = json_array();
	size_t				 i, j;
	int				 bound;

	for (i = 0; i < v->nproposals; i++) {
		p = &v->proposals[i];
		if (!status_is_open(&v->results[i]))
			continue;
		for (j = 0, bound = 0; j < p->nprotocols; j++)
			bound |= protocol != NULL &&
			    strcmp(p->protocols[j], protocol) == 0;
		if ((protocol != NULL ? !bound : p->nprotocols > 0) ||
		    !post_compose_filter_match(f, p, &v->results[i]))
			continue;
		json_array_append_new(a, json_pack("{s:s, s:s, s:i, s:s, s:o, "
		    "s:o}", "verdict", v->results[i].verdict, "subject",
		    p->subject, "version", p->version, "reason",
		    v->results[i].reason, "deadline", post_compose_time(
		    v->results[i].deadline > v->now ? v->results[i].deadline :
		    0), "not_counted", post_compose_uncounted(&v->results[i])));
	}
	return (a);
}

/* Each protocol's group of open proposals, then those bound to none. */
static json_t *
post_compose_digest_groups(const struct view *v,
    const struct post_compose_filter *f)
{
	json_t	*groups = json_array(), *props, *g;
	size_t	 i;

	for (i = 0; i <= v->nprotocols; i++) {
		props = post_compose_digest_proposals(v, i < v->nprotocols ?
		    v->protocols[i].in.name : NULL, f);
		if (json_array_size(props) == 0) {
			json_decref(props);
			continue;
		}
		if (i < v->nprotocols)
			g = json_pack("{s:s, s:s, s:s, s:o}", "name",
			    v->protocols[i].in.name, "stage",
			    v->protocols[i].in.stage, "state",
			    v->protocols[i].out.state, "proposals", props);
		else
			g = json_pack("{s:s, s:s, s:s, s:o}", "name",
			    "Bound to no PV protocol", "stage", "", "state", "",
			    "proposals", props);
		json_array_append_new(groups, g);
	}
	return (groups);
}

void
post_compose_digest(const struct post_compose *n, const struct view *v,
    const char *address, const char *filters, const char *period,
    const char *key, struct mail *m)
{
	struct post_compose_filter	 f;
	json_t				*d;
	char				*text, *said, date[32];

	post_compose_filter_parse(n, filters, &f);
	said = post_compose_filter_describe(&f, v);
	datetime_format_iso(v->now, date, sizeof date);
	date[10] = '\0';
	d = json_pack("{s:s, s:s, s:o, s:o, s:s, s:s, s:s}", "period", period,
	    "date", date, "now", post_compose_time(v->now), "groups",
	    post_compose_digest_groups(v, &f), "filters", filters != NULL ?
	    filters : "", "filter", said, "bot", post_compose_from(n));
	text = template_render(n->digest, d);
	json_decref(d);
	free(said);
	post_compose_filter_free(&f);
	memset(m, 0, sizeof *m);
	m->list_unsubscribe = xasprintf("<mailto:%s?subject=unsubscribe>",
	    post_compose_from(n));
	post_compose_mail(n, m, "digest", key, address, v->now, text,
	    xstrdup("[pvbot] digest"));
}

/*
 * The review window all the proposals share, said once (NULL when they
 * differ: then each says its own, as own_window).
 */
static const char *
post_compose_common_window(json_t *props)
{
	const char	*w = NULL, *x;
	json_t		*p;
	size_t		 i;

	json_array_foreach(props, i, p) {
		x = json_string_value(json_object_get(p, "window"));
		if (w == NULL)
			w = x;
		else if (x == NULL || strcmp(w, x) != 0) {
			json_array_foreach(props, i, p)
				json_object_set(p, "own_window",
				    json_object_get(p, "window"));
			return (NULL);
		}
	}
	return (w);
}

int
post_compose_rollup(const struct post_compose *n, const struct view *v,
    const struct config_list *list, const char *key, struct mail *m)
{
	struct status_filter	 f;
	const char		*window;
	json_t			*props = json_array(), *d;
	char			*text, date[32];
	size_t			 i;

	memset(m, 0, sizeof *m);
	/* What needs someone's action on the list, as status shows it. */
	memset(&f, 0, sizeof f);
	f.news = n->cf->summary_max_age;
	f.list = list->name;
	for (i = 0; i < v->nproposals; i++)
		if (status_wanted(v, i, &f))
			json_array_append_new(props,
			    post_compose_summary_data(n, v, i));
	/* Nothing open: a roll-up would be noise. */
	if (json_array_size(props) == 0 || n->rollup == NULL) {
		json_decref(props);
		return (-1);
	}
	datetime_format_iso(v->now, date, sizeof date);
	date[10] = '\0';
	window = post_compose_common_window(props);
	d = json_pack("{s:s, s:s, s:s, s:o, s:i, s:s, s:o}", "list",
	    list->name, "period", list->rollup, "date", date, "now",
	    post_compose_time(v->now), "count", (int)json_array_size(props),
	    "bot", post_compose_from(n), "proposals", props);
	if (window != NULL)
		json_object_set_new(d, "window", json_string(window));
	text = template_render(n->rollup, d);
	json_decref(d);
	post_compose_mail(n, m, "rollup", key, list->address, v->now, text,
	    xasprintf("[pvbot] %s roll-up", list->rollup));
	return (0);
}

void
post_compose_confirm(const struct post_compose *n, const char *address,
    const char *filters, const char *period, const char *token,
    time_t expires, time_t now, struct mail *m)
{
	json_t	*d;
	char	*text, *key;

	d = json_pack("{s:s, s:s, s:s, s:s, s:s, s:o}", "period", period,
	    "address", address, "filters", filters != NULL ? filters : "",
	    "bot", post_compose_from(n), "token", token, "expires",
	    post_compose_time(expires));
	text = template_render(n->confirm, d);
	json_decref(d);
	memset(m, 0, sizeof *m);
	key = xasprintf("confirm:%s:%s", address, token);
	post_compose_mail(n, m, "confirm", key, address, now, text,
	    xstrdup("[pvbot] confirm"));
	free(key);
}

void
post_compose_reminder(const struct post_compose *n, json_t *protocols,
    json_t *stale, time_t now, const char *key, struct mail *m)
{
	json_t	*d;
	char	*text, date[32];

	datetime_format_iso(now, date, sizeof date);
	date[10] = '\0';
	d = json_pack("{s:I, s:s, s:o, s:o, s:o}", "count", (json_int_t)
	    (json_array_size(protocols) + json_array_size(stale)), "date",
	    date, "protocols", protocols, "stale", stale, "remind",
	    post_compose_duration(n->policy->remind));
	text = template_render(n->reminder, d);
	json_decref(d);
	memset(m, 0, sizeof *m);
	post_compose_mail(n, m, "reminder", key, n->czar != NULL ? n->czar :
	    post_compose_from(n), now, text, xstrdup("[pvbot] reminder"));
}
