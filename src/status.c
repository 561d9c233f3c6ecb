/*
 * An evaluation end to end, and what status, protocols, the mails and the
 * dashboard share about its view: the JSON contract of a proposal and a
 * protocol, which proposals are open, and the order they are shown in.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include <jansson.h>

#include "config.h"
#include "consensus.h"
#include "datetime.h"
#include "env.h"
#include "log.h"
#include "output.h"
#include "policy.h"
#include "proposal.h"
#include "status.h"
#include "store-events.h"
#include "store-stages.h"
#include "store-view.h"
#include "view.h"
#include "xmalloc.h"

int
status_evaluate(struct store *s, const struct config *cf,
    const struct policy *pol, const struct protocols *protocols,
    const struct mail_command_ctx *cmd, time_t now, int fresh, int how,
    struct view *v, char **cause)
{
	size_t	reused, read, threads;

	/* Stamps -> plan (pure) -> rows -> proposals -> verdicts -> log. */
	if (store_view_begin(s, cf, protocols, now, fresh, v, cause) != 0)
		return (-1);
	proposal_plan(v);
	if (store_view_load(s, v, cause) != 0)
		return (-1);
	proposal_derive(v, cmd);
	proposal_evaluate(v, pol);
	proposal_counts(v, &reused, &read, &threads);
	log_debug(LOG_DEBUG_STORE, "evaluation at %lld: %zu proposals, %zu "
	    "from the cache; %zu of %zu threads read", (long long)now,
	    v->nproposals, reused, read, threads);
	if (store_events_record(s, v, pol, how, cause) < 0)
		return (-1);
	return (0);
}

int
status_load(const struct config *cf, struct store *s, time_t now, int fresh,
    int how, struct status *st, char **cause)
{
	memset(st, 0, sizeof *st);
	if (env_load(cf, &st->env, cause) != 0 ||
	    store_stages_seed(s, st->env->protocols, cause) < 0 ||
	    policy_load(cf->policy, &st->pol, cause) != 0 ||
	    status_evaluate(s, cf, st->pol, st->env->protocols,
	    &st->env->cmd, now, fresh, how, &st->v, cause) != 0) {
		status_free(st);
		return (-1);
	}
	return (0);
}

void
status_free(struct status *st)
{
	view_free(&st->v);
	policy_free(st->pol);
	env_free(st->env);
	memset(st, 0, sizeof *st);
}

json_t *
status_time(time_t t)
{
	char	buf[32];

	if (t == 0)
		return (json_null());
	datetime_format_iso(t, buf, sizeof buf);
	return (json_string(buf));
}

const char *
status_uncounted(const struct consensus_result *r, size_t j, char *buf,
    size_t len)
{
	const struct consensus_opinion		*o = &r->opinions[j];
	const struct consensus_objection	*ob;
	char					 when[32];

	if (o->counted)
		return (NULL);
	/* The engine names the stale objection (O(1): issue 19). */
	if (o->stale > 0 && o->stale <= r->nobjections) {
		ob = &r->objections[o->stale - 1];
		datetime_format_iso(ob->reply_by, when, sizeof when);
		snprintf(buf, len, "a stale objection: no reply by %s", when);
		return (buf);
	}
	snprintf(buf, len, "the policy leaves it out");
	return (buf);
}

/* Evidence resting on a disputed message says so. */
static json_t *
status_mark(const struct view *v, const char *msgid, json_t *o)
{
	if (view_disputed(v, msgid))
		json_object_set_new(o, "disputed", json_true());
	return (o);
}

static json_t *
status_votes(const struct view *v, const struct consensus_proposal *p,
    const struct consensus_result *r, const struct policy *pol)
{
	const struct consensus_opinion	*o;
	const char			*name = NULL, *why;
	json_t				*a = json_array();
	char				 buf[128];
	size_t				 i;
	int				 own = 0;

	for (i = 0; i < r->nopinions; i++) {
		o = &r->opinions[i];
		own |= p->proposer != NULL && strcmp(o->email, p->proposer) == 0;
		why = status_uncounted(r, i, buf, sizeof buf);
		json_array_append_new(a, status_mark(v, o->message_id,
		    json_pack("{s:{s:s, s:s}, s:i, s:b, s:b, s:o, s:s}", "by",
		    "name", o->name != NULL ? o->name : "", "email", o->email,
		    "vote", o->vote, "maintainer", o->stakeholder, "counted",
		    o->counted, "not_counted", why != NULL ? json_string(why) :
		    json_null(), "message_id", o->message_id)));
	}
	name = p->proposer_name;
	if (!own && p->proposer != NULL)
		json_array_insert_new(a, 0, status_mark(v, p->root,
		    json_pack("{s:{s:s, s:s}, s:i, s:b, s:b, s:n, s:s}", "by",
		    "name", name != NULL ? name : "", "email", p->proposer,
		    "vote", pol->proposer_vote, "maintainer", 0, "counted", 1,
		    "not_counted", "message_id", p->root)));
	return (a);
}

static json_t *
status_objections(const struct view *v, const struct consensus_result *r)
{
	const struct consensus_objection	*o;
	json_t					*a = json_array();
	size_t					 i;

	for (i = 0; i < r->nobjections; i++) {
		o = &r->objections[i];
		json_array_append_new(a, status_mark(v, o->message_id,
		    json_pack("{s:{s:s, s:s}, s:s, s:o, s:s, s:o, s:i, s:b}",
		    "by", "name", o->name != NULL ? o->name : "", "email",
		    o->email, "message_id", o->message_id, "since",
		    status_time(o->since), "state", o->state, "reply_by",
		    status_time(o->reply_by), "vote", o->vote, "maintainer",
		    o->stakeholder)));
	}
	return (a);
}

static json_t *
status_commit_json(const struct view_commit *c, int with_patch)
{
	json_t	*o;

	o = json_pack("{s:s, s:o, s:o, s:s, s:o}", "id", c->oid, "branches",
	    output_split(c->branches, ','), "date", status_time(c->date), "how",
	    c->how, "url", c->url != NULL ? json_string(c->url) :
	    json_null());
	if (with_patch) {
		json_object_set_new(o, "message_id",
		    json_string(c->message_id));
		json_object_set_new(o, "part", c->total > 0 ?
		    json_integer(c->part) : json_null());
		json_object_set_new(o, "total", c->total > 0 ?
		    json_integer(c->total) : json_null());
	}
	return (o);
}

json_t *
status_commits_json(const struct view *v, const char *message_id)
{
	const struct view_commit	*c;
	json_t				*a = json_array();
	size_t				 i, n;

	n = view_commits_of(v, message_id, &c);
	for (i = 0; i < n; i++)
		json_array_append_new(a, status_commit_json(&c[i], 0));
	return (a);
}

size_t
status_patch_ids(const struct consensus_proposal *p, const char ***out)
{
	const char	**ids = xcalloc(p->nmsgs + 1, sizeof *ids);
	size_t		  i, n = 0;

	for (i = 0; i < p->nmsgs; i++)
		if (p->msgs[i].patch && p->msgs[i].version == p->version)
			ids[n++] = p->msgs[i].id;
	*out = ids;
	return (n);
}

/* The commits of every patch of the proposal's version, patch by patch. */
static json_t *
status_proposal_commits(const struct view *v,
    const struct consensus_proposal *p)
{
	const struct view_commit	*c;
	const char			**ids;
	json_t				*a = json_array();
	size_t				 i, j, n, np;

	np = status_patch_ids(p, &ids);
	for (i = 0; i < np; i++) {
		n = view_commits_of(v, ids[i], &c);
		for (j = 0; j < n; j++)
			json_array_append_new(a, status_commit_json(&c[j], 1));
	}
	free(ids);
	return (a);
}

static json_t *
status_who_json(const char *name, const char *email)
{
	return (json_pack("{s:s, s:o}", "name", name != NULL ? name : "",
	    "email", email != NULL ? json_string(email) : json_null()));
}

static json_t *
status_duration(long d)
{
	char	buf[16];

	if (d <= 0)
		return (json_null());
	datetime_format_duration(d, buf, sizeof buf);
	return (json_string(buf));
}

/* A notice's "<msgid>" as JSON gives Message-IDs: without brackets. */
static json_t *
status_notice_id(const char *notice)
{
	size_t	len = notice != NULL ? strlen(notice) : 0;

	if (len == 0)
		return (json_null());
	if (len > 2 && notice[0] == '<' && notice[len - 1] == '>')
		return (json_stringn(notice + 1, len - 2));
	return (json_string(notice));
}

static json_t *
status_evidence_json_r(const struct view *v, const struct consensus_result *r)
{
	const struct consensus_evidence	*e;
	json_t				*apps = json_array(), *miss = json_array();
	json_t				*pts = json_array(), *sec = NULL, *o;
	const char			*title = NULL;
	size_t				 j;

	for (j = 0; j < r->nevidence; j++) {
		e = &r->evidence[j];
		if (strcmp(e->kind, CONSENSUS_EV_APPROVAL) == 0) {
			o = json_pack("{s:o, s:o, s:s, s:o, s:b, s:o, s:b}",
			    "by", status_who_json(e->name, e->email),
			    "maintainer_of", e->section != NULL ?
			    json_string(e->section) : json_null(),
			    "message_id", e->message_id, "at",
			    status_time(e->at), "earlier_version", e->earlier,
			    "area", e->area != NULL ? json_string(e->area) :
			    json_null(), "counts", !e->outside);
			status_mark(v, e->message_id, o);
			json_array_append_new(apps, o);
		} else if (strcmp(e->kind, CONSENSUS_EV_MISSING) == 0) {
			if (title == NULL || strcmp(title, e->section) != 0) {
				sec = json_pack("{s:s, s:[]}", "section",
				    e->section, "maintainers");
				json_array_append_new(miss, sec);
				title = e->section;
			}
			json_array_append_new(json_object_get(sec,
			    "maintainers"), json_string(e->name));
		} else {
			o = json_pack("{s:o, s:o, s:o, s:s, s:b, s:o, s:o}",
			    "by", status_who_json(e->name, e->email),
			    "message_id", e->message_id != NULL ?
			    json_string(e->message_id) : json_null(), "at",
			    status_time(e->at), "state", e->state,
			    "maintainer", e->maintainer, "answered",
			    status_time(e->answered), "reply_by",
			    status_time(e->by));
			json_array_append_new(pts, o);
		}
	}
	return (json_pack("{s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o}",
	    "committed", r->ncommitted > 0 ? json_pack("{s:o, s:o, s:i, s:i,"
	    " s:o}", "commits", output_split(r->commits, ' '), "at",
	    status_time(r->committed_at), "patches", r->ncommitted, "of",
	    r->npatches, "notice", status_notice_id(r->notice)) :
	    json_null(),
	    "rules", r->rules != NULL ? json_string(r->rules) : json_null(),
	    "window", status_duration(r->window), "window_end",
	    status_time(r->window_end), "responsive",
	    status_duration(r->responsive), "approvals", apps,
	    "approvals_missing", miss, "points", pts, "reopened",
	    r->reopened != 0 ? json_pack("{s:o, s:o}", "consensus_from",
	    status_time(r->consensus_from), "until",
	    status_time(r->reopened)) : json_null()));
}

json_t *
status_evidence_json(const struct view *v, size_t i)
{
	return (status_evidence_json_r(v, &v->results[i]));
}

/* A patch's verdict as a result of its own, for the evidence. */
static void
status_patch_result(const struct consensus_result *r, size_t k,
    struct consensus_result *out)
{
	memset(out, 0, sizeof *out);
	out->verdict = r->patches[k].verdict;
	out->rules = r->rules;
	out->window = r->window;
	out->window_end = r->window_end;
	out->responsive = r->responsive;
	out->evidence = r->patches[k].evidence;
	out->nevidence = r->patches[k].nevidence;
}

json_t *
status_patches_json(const struct view *v, size_t i)
{
	const struct consensus_result	*r = &v->results[i];
	struct consensus_result		 pr;
	json_t				*a = json_array();
	size_t				 k;

	for (k = 0; k < r->npatch; k++) {
		status_patch_result(r, k, &pr);
		json_array_append_new(a, json_pack("{s:s, s:i, s:i, s:s, s:s, "
		    "s:o, s:o}", "message_id", r->patches[k].message_id,
		    "part", r->patches[k].part, "total", r->patches[k].total,
		    "verdict", r->patches[k].verdict, "reason",
		    r->patches[k].reason, "deadline",
		    status_time(r->patches[k].deadline), "evidence",
		    status_evidence_json_r(v, &pr)));
	}
	return (a);
}

static void	status_evidence_lines_r(const struct view *,
		    const struct consensus_result *, int,
		    void (*)(void *, const char *), void *);

/* One line per piece of evidence, for text, pages and mails. */
void
status_evidence_lines(const struct view *v, size_t i,
    void (*line)(void *, const char *), void *arg)
{
	const struct consensus_result	*r = &v->results[i];
	struct consensus_result		 pr;
	char				 buf[400];
	size_t				 k;

	status_evidence_lines_r(v, r, 1, line, arg);
	for (k = 0; k < r->npatch; k++) {
		status_patch_result(r, k, &pr);
		snprintf(buf, sizeof buf, "patch %d/%d: %s: %s",
		    r->patches[k].part, r->patches[k].total,
		    r->patches[k].verdict, r->patches[k].reason);
		line(arg, buf);
	}
}

static void
status_evidence_lines_r(const struct view *v, const struct consensus_result *r,
    int times, void (*line)(void *, const char *), void *arg)
{
	const struct consensus_evidence	*e;
	char				 w[16], rr[16], at[32], an[32], by[32];
	char				 buf[512];
	const char			*title = NULL, *who;
	size_t				 j, len = 0;

	datetime_format_duration(r->window, w, sizeof w);
	datetime_format_duration(r->responsive, rr, sizeof rr);
	datetime_format_iso(r->window_end, at, sizeof at);
	snprintf(buf, sizeof buf, "rules: %s; window %s (%s %s); objectors "
	    "reply within %s", r->rules != NULL ? r->rules : "?", w,
	    r->window_end <= v->now ? "ended" : "ends", at, rr);
	if (times)
		line(arg, buf);
	if (r->ncommitted > 0) {
		datetime_format_iso(r->committed_at, at, sizeof at);
		snprintf(buf, sizeof buf, "committed: %s%s%s%s, %.10s%s",
		    r->commits, r->notice != NULL ? " (notice in " : "",
		    r->notice != NULL ? r->notice : "", r->notice != NULL ?
		    ")" : "", at, r->ncommitted < r->npatches ? "; not every "
		    "patch" : "");
		line(arg, buf);
	}
	for (j = 0; j < r->nevidence; j++) {
		e = &r->evidence[j];
		who = e->name != NULL && *e->name != '\0' ? e->name :
		    e->email != NULL ? e->email : "a reviewer (mail not in "
		    "the archive)";
		datetime_format_iso(e->at, at, sizeof at);
		at[10] = '\0';
		if (strcmp(e->kind, CONSENSUS_EV_APPROVAL) == 0 &&
		    e->outside) {
			snprintf(buf, sizeof buf, "not counted: %s, %s%s: ack "
			    "limited to '%s', which names none of the touched "
			    "sections%s", who, at, e->earlier ? ", on an "
			    "earlier version" : "", e->area, view_disputed(v,
			    e->message_id) ? " [disputed copy]" : "");
			line(arg, buf);
		} else if (strcmp(e->kind, CONSENSUS_EV_APPROVAL) == 0) {
			snprintf(buf, sizeof buf, "approved: %s%s%s%s%s%s%s, "
			    "%s%s%s", who, e->section != NULL ? " (M: " : "",
			    e->section != NULL ? e->section : "",
			    e->section != NULL ? ")" : "", e->area != NULL ?
			    ", limited to '" : "", e->area != NULL ? e->area :
			    "", e->area != NULL ? "'" : "", at,
			    e->earlier ? ", on an earlier version" : "",
			    view_disputed(v, e->message_id) ? " [disputed "
			    "copy]" : "");
			line(arg, buf);
		} else if (strcmp(e->kind, CONSENSUS_EV_MISSING) == 0) {
			if (title == NULL || strcmp(title, e->section) != 0) {
				if (title != NULL)
					line(arg, buf);
				len = (size_t)snprintf(buf, sizeof buf,
				    "approval missing: %s (M: %s", e->section,
				    e->name);
				title = e->section;
			} else if (len < sizeof buf)
				len += (size_t)snprintf(buf + len,
				    sizeof buf - len, ", %s", e->name);
			if (j + 1 == r->nevidence || strcmp(r->evidence[j +
			    1].kind, CONSENSUS_EV_MISSING) != 0 ||
			    strcmp(r->evidence[j + 1].section, title) != 0) {
				if (len + 2 < sizeof buf)
					snprintf(buf + len, sizeof buf - len,
					    ")");
				line(arg, buf);
				title = NULL;
			}
		} else {
			datetime_format_iso(e->answered, an, sizeof an);
			an[10] = '\0';
			datetime_format_iso(e->by, by, sizeof by);
			snprintf(buf, sizeof buf, "point: %s%s, %s: %s%s%s%s",
			    who, e->maintainer ? " (maintainer)" : "", at,
			    strcmp(e->state, CONSENSUS_PT_ACCEPTED) == 0 ?
			    "the author agreed" : strcmp(e->state,
			    CONSENSUS_PT_DISPUTED) == 0 ? "the author disputed "
			    "it" : strcmp(e->state, CONSENSUS_PT_ANSWERED) == 0 ?
			    "answered by the author" : strcmp(e->state,
			    CONSENSUS_PT_STALE) == 0 ? "disputed; no reply in "
			    "time (stale)" : strcmp(e->state,
			    CONSENSUS_PT_RESOLVED) == 0 ? "resolved by their "
			    "approval" : "not answered by the author",
			    e->answered != 0 ? " on " : "", e->answered != 0 ?
			    an : "", "");
			if (e->by != 0 && strcmp(e->state,
			    CONSENSUS_PT_DISPUTED) == 0) {
				len = strlen(buf);
				snprintf(buf + len, sizeof buf - len, "; reply "
				    "by %s", by);
			}
			line(arg, buf);
		}
	}
}

json_t *
status_proposal_json(const struct view *v, size_t i, const struct policy *pol)
{
	const struct consensus_proposal	*p = &v->proposals[i];
	const struct consensus_result	*r = &v->results[i];
	json_t				*protocols = json_array(), *o;
	size_t				 j;

	for (j = 0; j < p->nprotocols; j++)
		json_array_append_new(protocols, json_string(p->protocols[j]));
	o = json_pack("{s:s, s:s, s:s, s:i, s:o, s:o, s:s, s:s, s:o, s:o, "
	    "s:{s:i, s:o}, s:o}", "root", p->root, "subject", p->subject,
	    "kind", p->kind, "version", p->version, "list", p->list != NULL ?
	    json_string(p->list) : json_null(), "protocols", protocols,
	    "verdict", r->verdict, "reason", r->reason, "deadline",
	    status_time(r->deadline), "started", status_time(p->start),
	    "tally", "sum", r->sum, "votes", status_votes(v, p, r, pol),
	    "objections", status_objections(v, r));
	/* The commits of git sources that applied the version's patches. */
	json_object_set_new(o, "commits", status_proposal_commits(v, p));
	/* What the verdict rests on: approvals, points, times applied. */
	json_object_set_new(o, "evidence", status_evidence_json(v, i));
	/* A series of several patches: each patch's verdict. */
	json_object_set_new(o, "patches", status_patches_json(v, i));
	return (o);
}

json_t *
status_protocol_json(const struct view_protocol *vp)
{
	return (json_pack("{s:s, s:s, s:s, s:o, s:s, s:s, s:i}", "name",
	    vp->in.name, "title", vp->title != NULL ? vp->title : "",
	    "stage", vp->in.stage, "since", status_time(vp->in.since),
	    "state", vp->out.state, "reason", vp->out.reason, "proposals",
	    (int)vp->nproposals));
}

int
status_is_open(const struct consensus_result *r)
{
	return (strcmp(r->verdict, CONSENSUS_SUPERSEDED) != 0 &&
	    strcmp(r->verdict, CONSENSUS_COMMITTED) != 0 &&
	    strcmp(r->verdict, CONSENSUS_FAILED) != 0);
}

/* Every verdict, most urgent first: objections, then the nearest deadline. */
static const char *status_verdicts[] = { CONSENSUS_OBJECTED,
    CONSENSUS_CHANGES, CONSENSUS_NEEDS_REVIEW, CONSENSUS_STALE,
    CONSENSUS_WAITING, CONSENSUS_CONSENSUS, CONSENSUS_FAILED,
    CONSENSUS_COMMITTED, CONSENSUS_SUPERSEDED };
#define STATUS_NVERDICTS (sizeof status_verdicts / sizeof status_verdicts[0])

static int
status_rank(const struct consensus_result *r)
{
	size_t	i;

	for (i = 0; i < STATUS_NVERDICTS; i++)
		if (strcmp(r->verdict, status_verdicts[i]) == 0)
			return ((int)i);
	return ((int)i);
}

/* Whether word (len bytes) is in a comma-separated list. */
static int
status_in_list(const char *list, const char *word, size_t len)
{
	const char	*p = list;
	size_t		 n;

	while (*p != '\0') {
		n = strcspn(p, ",");
		if (n == len && strncmp(p, word, len) == 0)
			return (1);
		p += n + (p[n] == ',');
	}
	return (0);
}

int
status_are_verdicts(const char *list)
{
	const char	*p = list;
	size_t		 n, i;

	while (*p != '\0') {
		n = strcspn(p, ",");
		for (i = 0; i < STATUS_NVERDICTS; i++)
			if (strlen(status_verdicts[i]) == n &&
			    strncmp(p, status_verdicts[i], n) == 0)
				break;
		if (i == STATUS_NVERDICTS)
			return (0);
		p += n + (p[n] == ',');
	}
	return (*list != '\0');
}

/* A consensus is news while it or its newest mail is this recent. */
static int
status_needs_action(const struct view *v, size_t i, long news)
{
	const struct consensus_proposal	*p = &v->proposals[i];
	const struct consensus_result	*r = &v->results[i];
	time_t				 t = p->news;

	if (!status_is_open(r))
		return (0);
	if (strcmp(r->verdict, CONSENSUS_CONSENSUS) != 0)
		return (1);
	if (r->deadline > t && r->deadline <= v->now)
		t = r->deadline;
	return (t >= v->now - news);
}

static int
status_by(const struct consensus_proposal *p, const char *who)
{
	return ((p->proposer != NULL && strcasestr(p->proposer, who) != NULL) ||
	    (p->proposer_name != NULL && strcasestr(p->proposer_name, who) !=
	    NULL));
}

int
status_wanted(const struct view *v, size_t i, const struct status_filter *f)
{
	const struct consensus_proposal	*p = &v->proposals[i];
	const char			*verdict = v->results[i].verdict;
	size_t				 j;

	if (f->verdicts != NULL) {
		if (!status_in_list(f->verdicts, verdict, strlen(verdict)))
			return (0);
	} else if (!f->all && !status_needs_action(v, i, f->news))
		return (0);
	if (f->list != NULL && (p->list == NULL || strcmp(p->list, f->list) !=
	    0))
		return (0);
	if (f->author != NULL && !status_by(p, f->author))
		return (0);
	if (f->since != 0 && p->news < f->since && p->start < f->since)
		return (0);
	if (f->protocol != NULL) {
		for (j = 0; j < p->nprotocols; j++)
			if (strcmp(p->protocols[j], f->protocol) == 0)
				break;
		if (j == p->nprotocols)
			return (0);
	}
	return (1);
}

/* A protocol's group, and how urgent its most urgent proposal is. */
struct status_group {
	const char	*name;
	int		 rank;
	time_t		 deadline;	/* 0: none */
	size_t		 pos;		/* in the output */
};

/*
 * What a shown proposal is sorted by, computed once and carried in the
 * key, so that the comparison needs nothing else (comparing names in the
 * sort itself cost a second over a million messages).
 */
struct status_key {
	size_t		 i;		/* the proposal */
	size_t		 group;		/* its group, then the group's place */
	int		 rank;
	time_t		 deadline;
	time_t		 start;
	const char	*root;
};

struct status_groups {
	struct status_group	*v;
	size_t			 n;
};

static const char *
status_group_name(const struct view *v, size_t i)
{
	return (v->proposals[i].nprotocols > 0 ?
	    v->proposals[i].protocols[0] : "~");
}

/* Sooner first; no deadline after every deadline. */
static int
status_cmp_deadline(time_t x, time_t y)
{
	if (x == y)
		return (0);
	if (x == 0 || y == 0)
		return (x == 0 ? 1 : -1);
	return (x < y ? -1 : 1);
}

/* The group of proposal i (added if new), made as urgent as it. */
static size_t
status_group_add(struct status_groups *gs, const struct view *v, size_t i,
    int rank)
{
	struct status_group	*g;
	const char		*name = status_group_name(v, i);
	size_t			 j;

	for (j = 0; j < gs->n; j++)
		if (strcmp(gs->v[j].name, name) == 0)
			break;
	if (j == gs->n) {
		gs->v = xreallocarray(gs->v, gs->n + 1, sizeof *gs->v);
		g = &gs->v[gs->n++];
		g->name = name;
		g->rank = rank;
		g->deadline = v->results[i].deadline;
		return (j);
	}
	g = &gs->v[j];
	if (rank < g->rank || (rank == g->rank &&
	    status_cmp_deadline(v->results[i].deadline, g->deadline) < 0)) {
		g->rank = rank;
		g->deadline = v->results[i].deadline;
	}
	return (j);
}

/* Groups by their most urgent proposal, then by name. */
static int
status_cmp_group(const void *a, const void *b)
{
	const struct status_group	*gx = a, *gy = b;
	int				 c;

	if (gx->rank != gy->rank)
		return (gx->rank - gy->rank);
	if ((c = status_cmp_deadline(gx->deadline, gy->deadline)) != 0)
		return (c);
	return (strcmp(gx->name, gy->name));
}

/* In group order, then most urgent, nearest deadline, newest first. */
static int
status_cmp(const void *a, const void *b)
{
	const struct status_key	*kx = a, *ky = b;

	if (kx->group != ky->group)
		return (kx->group < ky->group ? -1 : 1);
	if (kx->rank != ky->rank)
		return (kx->rank - ky->rank);
	if (kx->deadline != ky->deadline)
		return (kx->deadline < ky->deadline ? -1 : 1);
	if (kx->start != ky->start)
		return (kx->start > ky->start ? -1 : 1);
	return (strcmp(kx->root, ky->root));
}

/* Each group's place in the output, by sorting a copy of them. */
static void
status_place_groups(struct status_groups *gs)
{
	struct status_group	*sorted;
	size_t			 i;

	sorted = xcalloc(gs->n + 1, sizeof *sorted);
	for (i = 0; i < gs->n; i++) {
		gs->v[i].pos = i;
		sorted[i] = gs->v[i];
	}
	if (gs->n > 0)
		qsort(sorted, gs->n, sizeof *sorted, status_cmp_group);
	for (i = 0; i < gs->n; i++)
		gs->v[sorted[i].pos].pos = i;
	free(sorted);
}

size_t
status_order(const struct view *v, const struct status_filter *f,
    size_t **out)
{
	struct status_groups	 gs = { NULL, 0 };
	struct status_key	*keys, *k;
	size_t			*idx, i, n = 0;

	keys = xcalloc(v->nproposals + 1, sizeof *keys);
	for (i = 0; i < v->nproposals; i++) {
		if (f == NULL ? !status_is_open(&v->results[i]) :
		    !status_wanted(v, i, f))
			continue;
		k = &keys[n++];
		k->i = i;
		k->rank = status_rank(&v->results[i]);
		k->group = status_group_add(&gs, v, i, k->rank);
		k->deadline = v->results[i].deadline;
		k->start = v->proposals[i].start;
		k->root = v->proposals[i].root;
	}
	status_place_groups(&gs);
	for (i = 0; i < n; i++)
		keys[i].group = gs.v[keys[i].group].pos;
	if (n > 0)
		qsort(keys, n, sizeof *keys, status_cmp);
	idx = xcalloc(n + 1, sizeof *idx);
	for (i = 0; i < n; i++)
		idx[i] = keys[i].i;
	free(keys);
	free(gs.v);
	*out = idx;
	return (n);
}
