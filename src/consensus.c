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
#include "consensus-people.h"
#include "datetime.h"
#include "policy.h"
#include "xmalloc.h"

/* Steps followed up the parent chain when matching a reply to an objection. */
#define CONSENSUS_MAX_DEPTH	256

struct consensus_ctx {
	const struct policy			*policy;
	const struct consensus_proposal		*p;
	struct consensus_result			*r;
	time_t					 now;
	long					 responsive;
	size_t					*byid;	/* msgs by id */
	/*
	 * People (consensus-people.h): msgs[i]'s sender is person[i]; each
	 * person's opinion and open objection by index, or -1.
	 */
	int					*person;
	size_t					 npeople;
	int					*opinion_at;
	int					*open_at;
	int					*opinion_person; /* by opinion */
};

static int
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

static const struct consensus_msg *
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

static const struct consensus_objection *
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

static void
consensus_say(struct consensus_result *r, const char *verdict,
    time_t deadline, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static void
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

static const char *
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
		consensus_say(r, CONSENSUS_COMMITTED, 0, "committed %s as %s",
		    day, r->commits);
		return;
	}
	len = strlen(r->reason);
	snprintf(r->reason + len, sizeof r->reason - len, "; %d of %d "
	    "patches committed (%s)", r->ncommitted, r->npatches, r->commits);
}

void
consensus_evaluate(const struct policy *pol,
    const struct consensus_proposal *p, time_t now,
    struct consensus_result *r)
{
	struct consensus_ctx		 c;
	const struct consensus_msg	*applied;
	long				 window;
	char				 wlen[16];
	size_t				 i;

	memset(r, 0, sizeof *r);
	c.policy = pol;
	c.p = p;
	c.r = r;
	c.now = now;
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
	r->window_end = p->start + window;
	datetime_format_duration(window, wlen, sizeof wlen);
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
	else if (now < r->window_end)
		consensus_in_window(&c, wlen);
	else
		consensus_after_window(&c, wlen);
	consensus_commits(p, now, r);
	consensus_apply_commits(r);
	free(c.byid);
	free(c.person);
	free(c.opinion_at);
	free(c.open_at);
	free(c.opinion_person);
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
	return (h);
}

void
consensus_result_free(struct consensus_result *r)
{
	free(r->opinions);
	free(r->objections);
	memset(r, 0, sizeof *r);
}

const char *
consensus_next_stage(const char *stage)
{
	if (strcmp(stage, CONSENSUS_STAGE_DESIGN) == 0)
		return (CONSENSUS_STAGE_PROTOTYPE);
	if (strcmp(stage, CONSENSUS_STAGE_PROTOTYPE) == 0)
		return (CONSENSUS_STAGE_PRODUCTION);
	return (NULL);
}

int
consensus_is_stage(const char *s)
{
	return (strcmp(s, CONSENSUS_STAGE_DESIGN) == 0 ||
	    strcmp(s, CONSENSUS_STAGE_PROTOTYPE) == 0 ||
	    strcmp(s, CONSENSUS_STAGE_PRODUCTION) == 0);
}

static int
consensus_passed(const struct consensus_result *r)
{
	return (strcmp(r->verdict, CONSENSUS_CONSENSUS) == 0 ||
	    strcmp(r->verdict, CONSENSUS_COMMITTED) == 0 ||
	    strcmp(r->verdict, CONSENSUS_STALE) == 0);
}

/* Every patch of the version committed, with a consensus behind it. */
static int
consensus_in_git(const struct consensus_result *r)
{
	return (r->npatches > 0 && r->ncommitted == r->npatches && r->agreed);
}

/*
 * Evidence for the next stage: an agreed design (committed, or not), or
 * a SUPPORT.md change.
 */
static int
consensus_is_evidence(const struct consensus_protocol *pr,
    const struct consensus_proposal *p, const struct consensus_result *r)
{
	if (!consensus_passed(r))
		return (0);
	/* A design or header in the code base, agreed: the lifecycle's. */
	if (strcmp(pr->stage, CONSENSUS_STAGE_DESIGN) == 0 && p->spec &&
	    consensus_in_git(r))
		return (1);
	if (strcmp(pr->stage, CONSENSUS_STAGE_DESIGN) == 0)
		return (strcmp(p->kind, "design") == 0);
	if (strcmp(pr->stage, CONSENSUS_STAGE_PROTOTYPE) == 0)
		return (p->support_md);
	return (0);
}

void
consensus_protocol_evaluate(const struct policy *pol,
    const struct consensus_protocol *pr,
    const struct consensus_proposal *const *ps,
    const struct consensus_result *const *rs, size_t n, time_t now,
    struct consensus_protocol_state *out)
{
	time_t	quiet;
	size_t	i;
	long	stalled = policy_stalled(pol, pr->name);

	memset(out, 0, sizeof *out);
	for (i = 0; i < n; i++) {
		if (strcmp(rs[i]->verdict, CONSENSUS_OBJECTED) == 0) {
			out->state = CONSENSUS_BLOCKED;
			snprintf(out->reason, sizeof out->reason, "open "
			    "objection on \"%.80s\": %.150s", ps[i]->subject,
			    rs[i]->reason);
			out->evidence = ps[i]->root;
			return;
		}
	}
	for (i = 0; i < n && consensus_next_stage(pr->stage) != NULL; i++) {
		if (consensus_is_evidence(pr, ps[i], rs[i])) {
			out->state = CONSENSUS_RIPE;
			if (consensus_in_git(rs[i]))
				snprintf(out->reason, sizeof out->reason,
				    "ready for %s: \"%.120s\" was agreed and "
				    "committed (%.127s); the Czar decides",
				    consensus_next_stage(pr->stage),
				    ps[i]->subject, rs[i]->commits);
			else
				snprintf(out->reason, sizeof out->reason,
				    "ready for %s: \"%.150s\" is %s; the Czar "
				    "decides", consensus_next_stage(pr->stage),
				    ps[i]->subject, rs[i]->verdict);
			out->evidence = ps[i]->root;
			return;
		}
	}
	quiet = pr->last_activity > pr->since ? pr->last_activity : pr->since;
	if (strcmp(pr->stage, CONSENSUS_STAGE_PRODUCTION) != 0 && quiet > 0 &&
	    now - quiet > stalled) {
		out->state = CONSENSUS_STALLED;
		snprintf(out->reason, sizeof out->reason, "no activity in the "
		    "%s stage for %ld days", pr->stage, (long)((now - quiet) /
		    86400));
		return;
	}
	out->state = CONSENSUS_OK;
	if (n == 0)
		snprintf(out->reason, sizeof out->reason, "no proposals");
	else
		snprintf(out->reason, sizeof out->reason, "%zu proposal(s), "
		    "none blocking or ripe", n);
}
