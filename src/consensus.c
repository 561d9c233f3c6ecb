/*
 * The lazy-consensus engine.  It reads a proposal's messages in date order,
 * keeps each person's latest opinion and each objection's life (open,
 * answered, stale, withdrawn, resolved), and then applies the window.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "classify.h"
#include "consensus.h"
#include "consensus-int.h"
#include "consensus-people.h"
#include "datetime.h"
#include "policy.h"
#include "xmalloc.h"

static void	consensus_evaluate_probe(const struct policy *,
		    const struct consensus_proposal *, time_t,
		    struct consensus_result *);
static void	consensus_evaluate_in(const struct policy *,
		    const struct consensus_proposal *, time_t,
		    struct consensus_result *, int);
static void	consensus_patches(const struct policy *,
		    const struct consensus_proposal *, time_t,
		    struct consensus_result *);

int
consensus_same(const char *a, const char *b)
{
	return (a != NULL && b != NULL && strcasecmp(a, b) == 0);
}

static struct consensus_opinion *
consensus_opinion_of(struct consensus_result *r, const char *email)
{
	size_t	i;

	for (i = 0; i < r->nopinions; i++)
		if (consensus_same(r->opinions[i].email, email))
			return (&r->opinions[i]);
	return (NULL);
}

/* The sender of m, one of c's people (m is one of c->p->msgs). */
static int
consensus_person(const struct consensus_ctx *c, const struct consensus_msg *m)
{
	return (c->person[m - c->p->msgs]);
}

/* As consensus_set_opinion, found by person in O(1). */
static void
consensus_set_opinion_of(struct consensus_ctx *c,
    const struct consensus_msg *m, int vote)
{
	struct consensus_result	*r = c->r;
	struct consensus_opinion	*o;
	int			 who = consensus_person(c, m);

	if (c->opinion_at[who] < 0) {
		r->opinions = xreallocarray(r->opinions, r->nopinions + 1,
		    sizeof *r->opinions);
		c->opinion_person = xreallocarray(c->opinion_person,
		    r->nopinions + 1, sizeof *c->opinion_person);
		c->opinion_person[r->nopinions] = who;
		c->opinion_at[who] = (int)r->nopinions;
		o = &r->opinions[r->nopinions++];
		memset(o, 0, sizeof *o);
		o->email = m->email;
	}
	o = &r->opinions[c->opinion_at[who]];
	o->name = m->name;
	o->vote = vote;
	o->stakeholder = m->stakeholder;
	o->message_id = m->id;
}

static int
consensus_is_objection(const struct consensus_msg *m)
{
	return (strcmp(m->kind, CLASSIFY_OBJECTION) == 0 || m->nacked ||
	    (m->flags & CLASSIFY_F_NAK) || (m->has_vote && m->vote < 0));
}

/* The opinion a message states, or 0 with *has = 0 when it states none. */
static int
consensus_stated(const struct policy *pol, const struct consensus_msg *m,
    int *has)
{
	*has = 1;
	if (m->has_vote)
		return (m->vote);
	if (consensus_is_objection(m))
		return (-1);
	if (m->acked || strcmp(m->kind, CLASSIFY_ACK) == 0)
		return (1);
	if (m->tested && pol->tested_vote > 0)
		return (pol->tested_vote);
	if (m->flags & CLASSIFY_F_WITHDRAW)
		return (0);
	*has = 0;
	return (0);
}

static void
consensus_add_objection(struct consensus_result *r,
    const struct consensus_msg *m, int vote)
{
	struct consensus_objection	*o;

	r->objections = xreallocarray(r->objections, r->nobjections + 1,
	    sizeof *r->objections);
	o = &r->objections[r->nobjections++];
	memset(o, 0, sizeof *o);
	o->name = m->name;
	o->email = m->email;
	o->message_id = m->id;
	o->since = m->date;
	o->state = "open";
	o->vote = vote;
	o->stakeholder = m->stakeholder;
}

/* One message: update its author's opinion and objection. */
static void
consensus_read(struct consensus_ctx *c, const struct consensus_msg *m)
{
	struct consensus_objection	*open;
	int				 vote, has, who;

	if ((m->flags & CLASSIFY_F_BOT) || m->email == NULL)
		return;
	vote = consensus_stated(c->policy, m, &has);
	if (consensus_same(m->email, c->p->proposer)) {
		/* The proposer only changes their +1 with an explicit vote. */
		if (m->has_vote)
			consensus_set_opinion_of(c, m, m->vote);
		return;
	}
	if (!has)
		return;
	who = consensus_person(c, m);
	open = c->open_at[who] >= 0 ? &c->r->objections[c->open_at[who]] :
	    NULL;
	if (vote < 0 && open == NULL) {
		c->open_at[who] = (int)c->r->nobjections;
		consensus_add_objection(c->r, m, vote);
	} else if (vote < 0 && open != NULL && vote < open->vote)
		open->vote = vote;
	else if (vote >= 0 && open != NULL) {
		open->state = (m->flags & CLASSIFY_F_WITHDRAW) || vote == 0 ?
		    "withdrawn" : "resolved";
		c->open_at[who] = -1;
	}
	consensus_set_opinion_of(c, m, vote);
}

static const struct consensus_msg *consensus_sort_msgs;

static int
consensus_cmp_id(const void *a, const void *b)
{
	return (strcmp(consensus_sort_msgs[*(const size_t *)a].id,
	    consensus_sort_msgs[*(const size_t *)b].id));
}

/* An index of the proposal's messages by Message-ID, for the lookups. */
static size_t *
consensus_index(const struct consensus_proposal *p)
{
	size_t	*idx = xcalloc(p->nmsgs + 1, sizeof *idx), i;

	for (i = 0; i < p->nmsgs; i++)
		idx[i] = i;
	consensus_sort_msgs = p->msgs;
	if (p->nmsgs > 0)
		qsort(idx, p->nmsgs, sizeof *idx, consensus_cmp_id);
	return (idx);
}

const struct consensus_msg *
consensus_find(const struct consensus_ctx *c, const char *id)
{
	const struct consensus_proposal	*p = c->p;
	size_t				 lo = 0, hi = p->nmsgs, mid;
	int				 r;

	while (id != NULL && lo < hi) {
		mid = (lo + hi) / 2;
		r = strcmp(id, p->msgs[c->byid[mid]].id);
		if (r == 0)
			return (&p->msgs[c->byid[mid]]);
		if (r < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return (NULL);
}

/*
 * True when m opens a newer version than version: a root, or a reply to a
 * message of an older version (v2 sent in reply to v1).
 */
static int
consensus_new_version(const struct consensus_ctx *c,
    const struct consensus_msg *m, int version)
{
	const struct consensus_msg	*parent;

	if (m->version <= version)
		return (0);
	if (m->parent == NULL || (parent = consensus_find(c, m->parent)) ==
	    NULL)
		return (1);
	return (parent->version < m->version);
}

/*
 * Message i answers objection k (-1: none) if someone other than the
 * objector sent it after the objector's last word; the first answer wins.
 */
static void
consensus_answer_by(const struct consensus_ctx *c, size_t i, int k,
    const int *obj_person, const time_t *last, time_t *answer)
{
	time_t	date = c->p->msgs[i].date;

	if (k < 0 || obj_person[k] < 0 || (c->person[i] >= 0 &&
	    c->person[i] == obj_person[k]) || date <= last[k])
		return;
	if (answer[k] == 0 || date < answer[k])
		answer[k] = date;
}

/*
 * When each open objection was answered after its author's last word
 * (answer[k] for objections[k], 0: not yet): the first mail by someone
 * else under it in the thread or, with new-version-answers, opening a
 * newer version.  Only what was said by now counts.  One pass over the
 * messages, each walking up its parent chain, instead of a pass per
 * objection: n log n, however many objections a thread holds.
 */
static void
consensus_answers(struct consensus_ctx *c, time_t *answer)
{
	const struct consensus_proposal	*p = c->p;
	const struct consensus_result	*r = c->r;
	const struct consensus_msg	*m, *cur, *at;
	time_t				*said, *last;
	int				*obj_at, *obj_person, *obj_version;
	size_t				 i, k, depth;

	said = xcalloc(c->npeople + 1, sizeof *said);
	for (i = 0; i < p->nmsgs; i++)
		if (c->person[i] >= 0 && p->msgs[i].date <= c->now &&
		    p->msgs[i].date > said[c->person[i]])
			said[c->person[i]] = p->msgs[i].date;
	obj_at = xreallocarray(NULL, p->nmsgs + 1, sizeof *obj_at);
	for (i = 0; i < p->nmsgs; i++)
		obj_at[i] = -1;
	last = xcalloc(r->nobjections + 1, sizeof *last);
	obj_person = xcalloc(r->nobjections + 1, sizeof *obj_person);
	obj_version = xcalloc(r->nobjections + 1, sizeof *obj_version);
	for (k = 0; k < r->nobjections; k++) {
		answer[k] = 0;
		obj_person[k] = -1;
		last[k] = r->objections[k].since;
		if (strcmp(r->objections[k].state, "open") != 0 ||
		    (at = consensus_find(c, r->objections[k].message_id)) ==
		    NULL)
			continue;
		obj_at[at - p->msgs] = (int)k;
		obj_person[k] = consensus_person(c, at);
		obj_version[k] = at->version;
		if (obj_person[k] >= 0 && said[obj_person[k]] > last[k])
			last[k] = said[obj_person[k]];
	}
	for (i = 0; i < p->nmsgs; i++) {
		m = &p->msgs[i];
		if (m->date > c->now || (m->flags & CLASSIFY_F_BOT))
			continue;
		/* Under an objection: every ancestor that is one. */
		cur = m;
		for (depth = 0; cur->parent != NULL &&
		    depth < CONSENSUS_MAX_DEPTH; depth++) {
			if ((cur = consensus_find(c, cur->parent)) == NULL)
				break;
			consensus_answer_by(c, i, obj_at[cur - p->msgs], obj_person,
			    last, answer);
		}
		/*
		 * A newer version answers every objection to an older one.
		 * Few messages open a version, so this loop rarely runs.
		 */
		if (!c->policy->version_answers ||
		    !consensus_new_version(c, m, m->version - 1))
			continue;
		for (k = 0; k < r->nobjections; k++)
			if (obj_version[k] < m->version)
				consensus_answer_by(c, i, (int)k, obj_person, last,
				    answer);
	}
	free(said);
	free(obj_at);
	free(last);
	free(obj_person);
	free(obj_version);
}

static void
consensus_objections(struct consensus_ctx *c)
{
	struct consensus_objection	*o;
	time_t				*answer;
	size_t				 i;

	answer = xcalloc(c->r->nobjections + 1, sizeof *answer);
	consensus_answers(c, answer);
	for (i = 0; i < c->r->nobjections; i++) {
		o = &c->r->objections[i];
		if (strcmp(o->state, "open") != 0 || answer[i] == 0)
			continue;
		o->reply_by = answer[i] + c->responsive;
		if (c->now >= o->reply_by)
			o->state = "stale";
	}
	free(answer);
}

/* Sum of opinions; a stale objector's -1 no longer counts (policy). */
static int
consensus_sum(struct consensus_ctx *c)
{
	const struct consensus_objection	*o;
	const struct consensus_msg		*at;
	size_t					*stale, i;
	int					 sum, who;

	stale = xcalloc(c->npeople + 1, sizeof *stale);
	for (i = 0; i < c->r->nobjections; i++) {
		o = &c->r->objections[i];
		if (strcmp(o->state, "stale") == 0 &&
		    (at = consensus_find(c, o->message_id)) != NULL &&
		    (who = consensus_person(c, at)) >= 0)
			stale[who] = i + 1;
	}
	sum = consensus_opinion_of(c->r, c->p->proposer) != NULL ? 0 :
	    c->policy->proposer_vote;
	for (i = 0; i < c->r->nopinions; i++) {
		c->r->opinions[i].stale = stale[c->opinion_person[i]];
		c->r->opinions[i].counted = c->r->opinions[i].stale == 0 ||
		    c->policy->stale_counts;
		if (c->r->opinions[i].counted)
			sum += c->r->opinions[i].vote;
	}
	free(stale);
	return (sum);
}

const struct consensus_objection *
consensus_first(const struct consensus_result *r, const char *state,
    int veto)
{
	size_t	i;

	for (i = 0; i < r->nobjections; i++)
		if (strcmp(r->objections[i].state, state) == 0 && (!veto ||
		    (r->objections[i].vote <= -2 &&
		    r->objections[i].stakeholder)))
			return (&r->objections[i]);
	return (NULL);
}

/*
 * The first "Applied" from a committer on this version.  Who is a
 * committer is the store's call (with no MAINTAINERS: anyone but the
 * proposer); a committer may apply their own proposal.
 */
static const struct consensus_msg *
consensus_applied(const struct consensus_proposal *p)
{
	size_t	i;

	for (i = 0; i < p->nmsgs; i++)
		if ((p->msgs[i].flags & CLASSIFY_F_APPLIED) &&
		    p->msgs[i].committer && p->msgs[i].version == p->version)
			return (&p->msgs[i]);
	return (NULL);
}

static int
consensus_has_maintainer_ack(const struct consensus_result *r)
{
	size_t	i;

	for (i = 0; i < r->nopinions; i++)
		if (r->opinions[i].vote > 0 && r->opinions[i].stakeholder)
			return (1);
	return (0);
}

void
consensus_say(struct consensus_result *r, const char *verdict,
    time_t deadline, const char *fmt, ...)
{
	va_list	ap;

	r->verdict = verdict;
	r->deadline = deadline;
	va_start(ap, fmt);
	vsnprintf(r->reason, sizeof r->reason, fmt, ap);
	va_end(ap);
}

const char *
consensus_who(const struct consensus_objection *o)
{
	return (o->name != NULL && *o->name != '\0' ? o->name : o->email);
}

/* Before the window ends: waiting, or objected. */
static void
consensus_in_window(struct consensus_ctx *c, const char *wlen)
{
	const struct consensus_objection	*o;
	char					 end[32];

	datetime_format_iso(c->r->window_end, end, sizeof end);
	if ((o = consensus_first(c->r, "open", 0)) != NULL) {
		consensus_say(c->r, CONSENSUS_OBJECTED, o->reply_by != 0 ?
		    o->reply_by : c->r->window_end, "%s objects%s; window "
		    "(%s) ends %s", consensus_who(o), o->reply_by != 0 ?
		    " and was answered; they must reply" : "", wlen, end);
		return;
	}
	consensus_say(c->r, CONSENSUS_WAITING, c->r->window_end,
	    "no open objection; the %s window ends %s (tally %+d)", wlen, end,
	    c->r->sum);
}

/*
 * After the window: the -2 veto, the sum, open and stale objections.  The
 * deadline is the one that decided: the window's end, or the objector's
 * reply-by (none while an objection waits for an answer, or for a
 * maintainer's ack).
 */
static void
consensus_after_window(struct consensus_ctx *c, const char *wlen)
{
	const struct consensus_objection	*o;
	struct consensus_result			*r = c->r;
	char					 end[32];
	size_t					 i;

	/* While an objector still has time to answer, it is not failed. */
	for (i = 0; i < r->nobjections; i++) {
		o = &r->objections[i];
		if (strcmp(o->state, "open") == 0 && o->reply_by > c->now) {
			consensus_say(r, CONSENSUS_OBJECTED, o->reply_by, "%s "
			    "objects and keeps it up (answered: they must "
			    "reply); tally %+d", consensus_who(o), r->sum);
			return;
		}
	}
	if ((o = consensus_first(r, "open", 1)) != NULL) {
		consensus_say(r, CONSENSUS_FAILED, r->window_end, "-2 from "
		    "maintainer %s at the end of the %s window",
		    consensus_who(o), wlen);
		return;
	}
	if (r->sum <= 0) {
		consensus_say(r, CONSENSUS_FAILED, r->window_end, "tally %+d "
		    "at the end of the %s window (needs > 0)", r->sum, wlen);
		return;
	}
	if ((o = consensus_first(r, "open", 0)) != NULL) {
		consensus_say(r, CONSENSUS_OBJECTED, o->reply_by, "%s objects "
		    "and keeps it up; tally %+d", consensus_who(o), r->sum);
		return;
	}
	if (c->policy->maintainer_ack && !consensus_has_maintainer_ack(r)) {
		consensus_say(r, CONSENSUS_WAITING, 0, "window over, tally "
		    "%+d, but no maintainer has acked yet", r->sum);
		return;
	}
	if ((o = consensus_first(r, "stale", 0)) != NULL) {
		datetime_format_iso(o->reply_by, end, sizeof end);
		end[10] = '\0';
		consensus_say(r, CONSENSUS_STALE, o->reply_by, "%s was "
		    "answered but did not reply by %s: the objection no "
		    "longer blocks; tally %+d; the Czar decides",
		    consensus_who(o), end, r->sum);
		return;
	}
	consensus_say(r, CONSENSUS_CONSENSUS, r->window_end, "no objection "
	    "in the %s window; tally %+d", wlen, r->sum);
}

/*
 * The version's patches that commits applied by now: how many of how
 * many, when the last landed, and the commits' short ids.
 */
static void
consensus_commits(const struct consensus_proposal *p, time_t now,
    struct consensus_result *r)
{
	const struct consensus_msg	*m;
	size_t				 i, len;

	for (i = 0; i < p->nmsgs; i++) {
		m = &p->msgs[i];
		if (!m->patch || m->version != p->version)
			continue;
		r->npatches++;
		if (m->committed_at == 0 || m->committed_at > now ||
		    m->commit == NULL)
			continue;
		r->ncommitted++;
		if (m->committed_at > r->committed_at)
			r->committed_at = m->committed_at;
		if (r->notice == NULL && m->commit_source != NULL &&
		    strncmp(m->commit_source, "mail ", 5) == 0)
			r->notice = m->commit_source + 5;
		len = strlen(r->commits);
		if (len + 14 < sizeof r->commits)
			snprintf(r->commits + len, sizeof r->commits - len,
			    "%s%.12s", len > 0 ? " " : "", m->commit);
		else if (len + 4 < sizeof r->commits &&
		    strcmp(r->commits + len - 3, "...") != 0)
			snprintf(r->commits + len, sizeof r->commits - len,
			    " ...");
	}
}

/*
 * Commits outrank every other verdict: the version's diff is in the tree.
 * Some of its patches: the verdict stands and says how many.
 */
static void
consensus_apply_commits(struct consensus_result *r)
{
	char	day[32];
	size_t	len;

	r->agreed = strcmp(r->verdict, CONSENSUS_CONSENSUS) == 0 ||
	    strcmp(r->verdict, CONSENSUS_STALE) == 0 ||
	    strcmp(r->verdict, CONSENSUS_COMMITTED) == 0;
	if (r->ncommitted == 0)
		return;
	datetime_format_iso(r->committed_at, day, sizeof day);
	day[10] = '\0';
	if (r->ncommitted == r->npatches) {
		/* In the tree: later mail (a follow-up) reopens nothing. */
		r->reopened = r->consensus_from = 0;
		consensus_say(r, CONSENSUS_COMMITTED, 0, "committed %s as %s%s%s"
		    "%s", day, r->commits, r->notice != NULL ? " (notice in " :
		    "", r->notice != NULL ? r->notice : "", r->notice != NULL ?
		    ")" : "");
		return;
	}
	len = strlen(r->reason);
	snprintf(r->reason + len, sizeof r->reason - len, "; %d of %d "
	    "patches committed (%s%s%s)", r->ncommitted, r->npatches,
	    r->commits, r->notice != NULL ? ", notice in " : "",
	    r->notice != NULL ? r->notice : "");
}

/*
 * A verdict that is no longer consensus but was: when later mail turned it
 * back (the last mail before which it was consensus), into r->reopened.
 * Probes the same facts just before each mail after the window's end.
 */
static void
consensus_reopen(const struct policy *pol,
    const struct consensus_proposal *p, time_t now,
    struct consensus_result *r)
{
	struct consensus_result	 q;
	time_t			 t, seen = 0, *dates;
	size_t			 i, n = 0;
	char			 from[32], at[32];
	size_t			 len;

	dates = xcalloc(p->nmsgs + 1, sizeof *dates);
	for (i = 0; i < p->nmsgs; i++) {
		t = p->msgs[i].date;
		if (t > r->window_end && t <= now && t != seen)
			dates[n++] = seen = t;
	}
	/* The newest 32 mails are enough to say since when. */
	for (i = n > 32 ? n - 32 : 0; i < n; i++) {
		consensus_evaluate_probe(pol, p, dates[i] - 1, &q);
		if (strcmp(q.verdict, CONSENSUS_CONSENSUS) == 0) {
			r->reopened = dates[i];
			r->consensus_from = q.consensus_from != 0 ?
			    q.consensus_from : r->window_end;
		}
		consensus_result_free(&q);
	}
	free(dates);
	if (r->reopened == 0)
		return;
	datetime_format_iso(r->consensus_from, from, sizeof from);
	datetime_format_iso(r->reopened, at, sizeof at);
	len = strlen(r->reason);
	snprintf(r->reason + len, sizeof r->reason - len, "; reopened: it "
	    "was consensus from %.10s until the mail of %s", from, at);
}

static void
consensus_evaluate_in(const struct policy *pol,
    const struct consensus_proposal *p, time_t now,
    struct consensus_result *r, int probe)
{
	struct consensus_ctx		 c;
	const struct consensus_msg	*applied;
	long				 window;
	char				 wlen[16];
	size_t				 i;
	int				 lazy;

	memset(r, 0, sizeof *r);
	c.policy = pol;
	c.p = p;
	c.r = r;
	c.now = now;
	c.probe = probe;
	c.responsive = policy_responsive(pol, p->list, p->protocols,
	    p->nprotocols);
	c.byid = consensus_index(p);
	c.person = consensus_people(p->msgs, p->nmsgs, &c.npeople);
	c.opinion_at = xreallocarray(NULL, c.npeople + 1, sizeof *c.opinion_at);
	c.open_at = xreallocarray(NULL, c.npeople + 1, sizeof *c.open_at);
	for (i = 0; i <= c.npeople; i++)
		c.opinion_at[i] = c.open_at[i] = -1;
	c.opinion_person = NULL;
	window = p->window > 0 ? p->window : policy_window(pol, p->list,
	    p->protocols, p->nprotocols);
	r->window = window;
	r->responsive = c.responsive;
	r->window_end = p->start + window;
	datetime_format_duration(window, wlen, sizeof wlen);
	lazy = consensus_lazy(&c);
	r->rules = lazy ? CONSENSUS_RULES_LAZY : CONSENSUS_RULES_CHECKIN;
	for (i = 0; i < p->nmsgs; i++)
		if (p->msgs[i].date <= now)
			consensus_read(&c, &p->msgs[i]);
	consensus_objections(&c);
	r->sum = consensus_sum(&c);
	if (p->superseded_at != 0 && p->superseded_at <= now)
		consensus_say(r, CONSENSUS_SUPERSEDED, 0, "a newer version was "
		    "posted");
	else if (p->committed_at != 0 && p->committed_at <= now)
		consensus_say(r, CONSENSUS_COMMITTED, 0, "committed by the "
		    "Czar's command");
	else if ((applied = consensus_applied(p)) != NULL &&
	    applied->date <= now)
		consensus_say(r, CONSENSUS_COMMITTED, 0, "applied by %s",
		    *applied->name != '\0' ? applied->name : applied->email);
	else if (!lazy)
		consensus_checkin(&c, wlen);
	else if (now < r->window_end)
		consensus_in_window(&c, wlen);
	else
		consensus_after_window(&c, wlen);
	if (lazy && r->nevidence == 0) {
		/* The evidence all the same: who approved, what was asked. */
		consensus_approvals(&c);
		consensus_points(&c);
	}
	/* Patch by patch, for a series of several (not in a probe). */
	if (probe == 0 && !lazy &&
	    strcmp(r->verdict, CONSENSUS_SUPERSEDED) != 0 &&
	    strcmp(r->verdict, CONSENSUS_COMMITTED) != 0)
		consensus_patches(pol, p, now, r);
	if (probe == 0 && !lazy && now >= r->window_end &&
	    strcmp(r->verdict, CONSENSUS_CONSENSUS) != 0 &&
	    strcmp(r->verdict, CONSENSUS_SUPERSEDED) != 0 &&
	    strcmp(r->verdict, CONSENSUS_COMMITTED) != 0)
		consensus_reopen(pol, p, now, r);
	consensus_commits(p, now, r);
	consensus_apply_commits(r);
	free(c.byid);
	free(c.person);
	free(c.opinion_at);
	free(c.open_at);
	free(c.opinion_person);
}

/* How far from consensus a verdict is, for a series' worst patch. */
static int
consensus_severity(const char *v)
{
	static const char *order[] = { CONSENSUS_OBJECTED,
	    CONSENSUS_FAILED, CONSENSUS_CHANGES, CONSENSUS_NEEDS_REVIEW,
	    CONSENSUS_WAITING, CONSENSUS_STALE, CONSENSUS_CONSENSUS,
	    CONSENSUS_COMMITTED };
	size_t	i;

	for (i = 0; i < sizeof order / sizeof order[0]; i++)
		if (strcmp(v, order[i]) == 0)
			return ((int)i);
	return ((int)i);
}

/* The patch above m (or m itself), of any version, or NULL. */
static const struct consensus_msg *
consensus_patch_of(const struct consensus_ctx *c,
    const struct consensus_msg *m)
{
	const struct consensus_msg	*cur = m;
	int				 depth;

	for (depth = 0; cur != NULL && depth < CONSENSUS_MAX_DEPTH; depth++) {
		if (cur->part > 0 && cur->total > 0)
			return (cur);
		cur = cur->parent != NULL ? consensus_find(c, cur->parent) :
		    NULL;
	}
	return (NULL);
}

/*
 * Each patch of a series of several, decided on its own: its own diff's
 * sections, the mail under it and the mail on the series (the cover and
 * its replies; acks on the cover apply to every patch), not the mail under
 * the other patches.  The series' verdict then summarises them.
 */
static void
consensus_patches(const struct policy *pol,
    const struct consensus_proposal *p, time_t now,
    struct consensus_result *r)
{
	struct consensus_ctx		 c;
	struct consensus_proposal	 q;
	struct consensus_result		 pr;
	struct consensus_section	*secs;
	const struct consensus_msg	*m, *top;
	struct consensus_patch		*pt;
	size_t				 i, j, k, nat = 0, worst = 0;
	char				 tail[200];
	size_t				 len;

	memset(&c, 0, sizeof c);
	c.p = p;
	c.byid = consensus_index(p);
	secs = xcalloc(p->nsections + 1, sizeof *secs);
	for (i = 0; i < p->nmsgs; i++) {
		m = &p->msgs[i];
		if (m->version != p->version || m->part <= 0 ||
		    m->total <= 1 || m->date > now ||
		    (strcmp(m->kind, CLASSIFY_PATCH) != 0 &&
		    strcmp(m->kind, CLASSIFY_DESIGN) != 0))
			continue;
		q = *p;
		q.msgs = xcalloc(p->nmsgs + 1, sizeof *q.msgs);
		q.nmsgs = 0;
		for (j = 0; j < p->nmsgs; j++) {
			top = consensus_patch_of(&c, &p->msgs[j]);
			if (top != NULL && top != m && top->part != m->part)
				continue;
			q.msgs[q.nmsgs++] = p->msgs[j];
		}
		q.sections = secs;
		q.nsections = 0;
		for (k = 0; k < p->nsections; k++)
			if (m->sections == 0 || k >= 64 ||
			    (m->sections & (1ULL << k)))
				secs[q.nsections++] = p->sections[k];
		consensus_evaluate_in(pol, &q, now, &pr, 2);
		r->patches = xreallocarray(r->patches, r->npatch + 1,
		    sizeof *r->patches);
		pt = &r->patches[r->npatch++];
		memset(pt, 0, sizeof *pt);
		pt->message_id = m->id;
		pt->part = m->part;
		pt->total = m->total;
		pt->verdict = pr.verdict;
		pt->deadline = pr.deadline;
		memcpy(pt->reason, pr.reason, sizeof pt->reason);
		pt->evidence = pr.evidence;
		pt->nevidence = pr.nevidence;
		pr.evidence = NULL;
		consensus_result_free(&pr);
		free(q.msgs);
		nat += strcmp(pt->verdict, CONSENSUS_CONSENSUS) == 0 ||
		    strcmp(pt->verdict, CONSENSUS_COMMITTED) == 0;
		if (consensus_severity(pt->verdict) <
		    consensus_severity(r->patches[worst].verdict))
			worst = r->npatch - 1;
	}
	free(secs);
	free(c.byid);
	if (r->npatch == 0)
		return;
	pt = &r->patches[worst];
	/* A series is only as far as its worst patch. */
	if (consensus_severity(pt->verdict) < consensus_severity(r->verdict)) {
		snprintf(tail, sizeof tail, "%d/%d: %.180s", pt->part,
		    pt->total, pt->reason);
		r->verdict = pt->verdict;
		r->deadline = pt->deadline;
		snprintf(r->reason, sizeof r->reason, "%zu of %zu patches at "
		    "consensus; %s", nat, r->npatch, tail);
		return;
	}
	len = strlen(r->reason);
	snprintf(r->reason + len, sizeof r->reason - len, "; %zu of %zu "
	    "patches at consensus", nat, r->npatch);
}

static void
consensus_evaluate_probe(const struct policy *pol,
    const struct consensus_proposal *p, time_t now,
    struct consensus_result *r)
{
	consensus_evaluate_in(pol, p, now, r, 1);
}

void
consensus_evaluate(const struct policy *pol,
    const struct consensus_proposal *p, time_t now,
    struct consensus_result *r)
{
	consensus_evaluate_in(pol, p, now, r, 0);
}

static void
consensus_sooner(time_t *h, time_t t, time_t now)
{
	if (t > now && (*h == 0 || t < *h))
		*h = t;
}

/*
 * Every time evaluate compares with now: message dates, the window's end,
 * objectors' reply-by, a newer version, a commit.
 */
time_t
consensus_horizon(const struct consensus_proposal *p,
    const struct consensus_result *r, time_t now)
{
	time_t	h = 0;
	size_t	i;

	consensus_sooner(&h, r->window_end, now);
	consensus_sooner(&h, p->superseded_at, now);
	consensus_sooner(&h, p->committed_at, now);
	for (i = 0; i < p->nmsgs; i++) {
		consensus_sooner(&h, p->msgs[i].date, now);
		consensus_sooner(&h, p->msgs[i].committed_at, now);
	}
	for (i = 0; i < r->nobjections; i++)
		consensus_sooner(&h, r->objections[i].reply_by, now);
	for (i = 0; i < r->nevidence; i++)
		consensus_sooner(&h, r->evidence[i].by, now);
	return (h);
}

void
consensus_result_free(struct consensus_result *r)
{
	size_t	i;

	free(r->opinions);
	free(r->objections);
	free(r->evidence);
	for (i = 0; i < r->npatch; i++)
		free(r->patches[i].evidence);
	free(r->patches);
	memset(r, 0, sizeof *r);
}
