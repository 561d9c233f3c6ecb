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

static void	consensus_evaluate_probe(const struct policy *,
		    const struct consensus_proposal *, time_t,
		    struct consensus_result *);
static void	consensus_evaluate_in(const struct policy *,
		    const struct consensus_proposal *, time_t,
		    struct consensus_result *, int);
static void	consensus_patches(const struct policy *,
		    const struct consensus_proposal *, time_t,
		    struct consensus_result *);

/* Steps followed up the parent chain when matching a reply to an objection. */
#define CONSENSUS_MAX_DEPTH	256

struct consensus_ctx {
	const struct policy			*policy;
	const struct consensus_proposal		*p;
	struct consensus_result			*r;
	time_t					 now;
	long					 responsive;
	size_t					*byid;	/* msgs by id */
	int					 probe;	/* no reopen search */
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

/* True when m sits under the message anc in the thread. */
static int
consensus_under(const struct consensus_ctx *c,
    const struct consensus_msg *m, const char *anc)
{
	const struct consensus_msg	*cur = m;
	int				 depth;

	for (depth = 0; cur != NULL && depth < CONSENSUS_MAX_DEPTH; depth++) {
		if (cur->parent == NULL)
			return (0);
		if (strcmp(cur->parent, anc) == 0)
			return (1);
		cur = consensus_find(c, cur->parent);
	}
	return (0);
}

/*
 * The check-in policy (design.md §5 A): approvals per touched section,
 * review points and the author's answers.
 */

static int
consensus_is_author(const struct consensus_ctx *c,
    const struct consensus_msg *m)
{
	return (consensus_same(m->email, c->p->proposer));
}

static struct consensus_evidence *
consensus_evidence_add(struct consensus_result *r, const char *kind)
{
	struct consensus_evidence	*e;

	r->evidence = xreallocarray(r->evidence, r->nevidence + 1,
	    sizeof *r->evidence);
	e = &r->evidence[r->nevidence++];
	memset(e, 0, sizeof *e);
	e->kind = kind;
	return (e);
}

/*
 * Whether "Name <address>" as MAINTAINERS writes it names the person
 * called name: people change addresses, MAINTAINERS lists one.  Only a
 * name of two words or more counts.
 */
static int
consensus_same_name(const char *written, const char *name)
{
	const char	*lt;
	size_t		 len;

	if (written == NULL || name == NULL || strchr(name, ' ') == NULL)
		return (0);
	if ((lt = strchr(written, '<')) == NULL)
		return (0);
	len = (size_t)(lt - written);
	while (len > 0 && (written[len - 1] == ' ' ||
	    written[len - 1] == '\t'))
		len--;
	return (len == strlen(name) && strncasecmp(written, name, len) == 0);
}

static int
consensus_section_has(const struct consensus_section *s, const char *email,
    const char *name)
{
	size_t	i;

	for (i = 0; i < s->nm; i++)
		if (consensus_same(s->m_email[i], email) ||
		    consensus_same_name(s->m[i], name))
			return (1);
	return (0);
}

static int
consensus_alt_has(const struct consensus_section *s, const char *email,
    const char *name)
{
	size_t	i;

	for (i = 0; i < s->nalt; i++)
		if (consensus_same(s->alt_email[i], email) ||
		    consensus_same_name(s->alt[i], name))
			return (1);
	return (0);
}

/* Whether any M: of s wrote in the proposal's threads by now. */
static int
consensus_section_heard(const struct consensus_ctx *c,
    const struct consensus_section *s)
{
	const struct consensus_msg	*m;
	size_t				 i;

	for (i = 0; i < c->p->nmsgs; i++) {
		m = &c->p->msgs[i];
		if (m->date <= c->now && consensus_section_has(s, m->email,
		    m->name))
			return (1);
	}
	return (0);
}

/* The first section email is an M: of, or NULL. */
static const struct consensus_section *
consensus_section_of(const struct consensus_proposal *p, const char *email,
    const char *name)
{
	size_t	i;

	for (i = 0; i < p->nsections; i++)
		if (consensus_section_has(&p->sections[i], email, name))
			return (&p->sections[i]);
	return (NULL);
}

/* An Acked-by or Reviewed-by of its sender's own. */
static int
consensus_approves(const struct consensus_msg *m)
{
	return (m->acked && !m->nacked && !(m->flags & CLASSIFY_F_NAK));
}

/*
 * The newest unconditional approval by email on this version after t, or
 * NULL: the asker approved since.
 */
static const struct consensus_msg *
consensus_approved_since(const struct consensus_ctx *c, const char *email,
    time_t t)
{
	const struct consensus_msg	*m, *found = NULL;
	size_t				 i;

	for (i = 0; i < c->p->nmsgs; i++) {
		m = &c->p->msgs[i];
		if (m->date > c->now || m->date <= t ||
		    m->version != c->p->version || !consensus_same(m->email,
		    email) || !consensus_approves(m) ||
		    (m->flags & CLASSIFY_F_CONDITIONAL))
			continue;
		found = m;
	}
	return (found);
}

/* Whether the point e is a maintainer's (or anyone's, with no MAINTAINERS). */
static int
consensus_point_weighs(const struct consensus_ctx *c,
    const struct consensus_evidence *e)
{
	return (e->maintainer || !c->p->maintainers);
}

/*
 * A point raised by m (a change asked, a concern, a conditional tag), with
 * the author's answers under it by now.
 */
static void
consensus_point(struct consensus_ctx *c, const struct consensus_msg *m)
{
	const struct consensus_proposal	*p = c->p;
	const struct consensus_msg	*a, *last = NULL;
	struct consensus_evidence	*e;
	size_t				 i;
	int				 accepted = 0, disputed = 0;

	e = consensus_evidence_add(c->r, CONSENSUS_EV_POINT);
	e->name = m->name;
	e->email = m->email;
	e->message_id = m->id;
	e->at = m->date;
	e->maintainer = m->stakeholder;
	for (i = 0; i < p->nmsgs; i++) {
		a = &p->msgs[i];
		if (a->date > c->now || !consensus_is_author(c, a) ||
		    !consensus_under(c, a, m->id))
			continue;
		if (e->answered == 0)
			e->answered = a->date;
		accepted |= (a->flags & CLASSIFY_F_ACCEPTS) != 0;
		if (a->flags & CLASSIFY_F_DISPUTES) {
			disputed = 1;
			last = a;
		}
	}
	if (consensus_approved_since(c, m->email, m->date) != NULL)
		e->state = CONSENSUS_PT_RESOLVED;
	else if (accepted || (m->flags & CLASSIFY_F_CONDITIONAL))
		e->state = CONSENSUS_PT_ACCEPTED;
	else if (disputed) {
		/* The asker has R from the last dispute to say more. */
		e->state = CONSENSUS_PT_DISPUTED;
		for (i = 0; i < p->nmsgs; i++) {
			a = &p->msgs[i];
			if (a->date > last->date && a->date <= c->now &&
			    consensus_same(a->email, m->email))
				last = a;
		}
		if (consensus_same(last->email, m->email))
			e->state = CONSENSUS_PT_OPEN;	/* they did */
		else {
			e->by = last->date + c->responsive;
			if (c->now >= e->by)
				e->state = CONSENSUS_PT_STALE;
		}
	} else if (consensus_approves(m) &&
	    !(m->flags & CLASSIFY_F_CONDITIONAL))
		/* "Reviewed-by: X" beside a nit: approved as it is. */
		e->state = CONSENSUS_PT_RESOLVED;
	else if (e->answered != 0)
		e->state = CONSENSUS_PT_ANSWERED;
	else
		e->state = CONSENSUS_PT_OPEN;
}

static int
consensus_raises_point(const struct consensus_msg *m)
{
	return ((m->flags & (CLASSIFY_F_ASKS_CHANGE | CLASSIFY_F_CONCERN)) ||
	    (consensus_approves(m) && (m->flags & CLASSIFY_F_CONDITIONAL)));
}

/*
 * The author agreed (m) to a change whose request is not a point of its
 * own: the message it answers is missing or the request went unflagged.
 * A new version is owed all the same.
 */
static void
consensus_accepted_alone(struct consensus_ctx *c,
    const struct consensus_msg *m)
{
	const struct consensus_msg	*q = consensus_find(c, m->parent);
	struct consensus_evidence	*e;
	size_t				 i;

	if (q != NULL && (consensus_is_author(c, q) ||
	    (q->flags & CLASSIFY_F_BOT)))
		return;
	if (q != NULL && consensus_raises_point(q) &&
	    q->version == c->p->version)
		return;		/* already a point */
	for (i = 0; i < c->r->nevidence; i++)
		if (strcmp(c->r->evidence[i].kind, CONSENSUS_EV_POINT) == 0 &&
		    strcmp(c->r->evidence[i].message_id, m->parent) == 0)
			return;
	e = consensus_evidence_add(c->r, CONSENSUS_EV_POINT);
	e->message_id = m->parent;
	e->answered = m->date;
	e->state = CONSENSUS_PT_ACCEPTED;
	if (q != NULL) {
		e->name = q->name;
		e->email = q->email;
		e->at = q->date;
		e->maintainer = q->stakeholder;
		if (consensus_approved_since(c, q->email, m->date) != NULL)
			e->state = CONSENSUS_PT_RESOLVED;
	} else
		e->at = m->date;
}

static void
consensus_points(struct consensus_ctx *c)
{
	const struct consensus_msg	*m;
	size_t				 i;

	for (i = 0; i < c->p->nmsgs; i++) {
		m = &c->p->msgs[i];
		if (m->date > c->now || m->version != c->p->version ||
		    (m->flags & CLASSIFY_F_BOT) || m->email == NULL ||
		    consensus_is_author(c, m) || !consensus_raises_point(m))
			continue;
		consensus_point(c, m);
	}
	for (i = 0; i < c->p->nmsgs; i++) {
		m = &c->p->msgs[i];
		if (m->date > c->now || m->version != c->p->version ||
		    m->parent == NULL || !consensus_is_author(c, m) ||
		    !(m->flags & CLASSIFY_F_ACCEPTS))
			continue;
		consensus_accepted_alone(c, m);
	}
}

/*
 * Approvals: every Acked-by/Reviewed-by from someone other than the
 * author, on this version or (unconditional or not: a conditional tag
 * approves the version that makes the changes) an older one, the newest
 * of each person.  A later objection of theirs is an objection.
 */
static void
consensus_approvals(struct consensus_ctx *c)
{
	const struct consensus_proposal	*p = c->p;
	const struct consensus_msg	*m;
	const struct consensus_section	*s;
	struct consensus_evidence	*e;
	size_t				 i, j;

	for (i = 0; i < p->nmsgs; i++) {
		m = &p->msgs[i];
		if (m->date > c->now || m->version > p->version ||
		    (m->flags & CLASSIFY_F_BOT) || m->email == NULL ||
		    consensus_is_author(c, m) || !consensus_approves(m))
			continue;
		if (m->version == p->version &&
		    (m->flags & CLASSIFY_F_CONDITIONAL))
			continue;	/* a point, for the next version */
		for (j = 0, e = NULL; j < c->r->nevidence; j++)
			if (strcmp(c->r->evidence[j].kind,
			    CONSENSUS_EV_APPROVAL) == 0 &&
			    consensus_same(c->r->evidence[j].email, m->email))
				e = &c->r->evidence[j];
		if (e == NULL)
			e = consensus_evidence_add(c->r,
			    CONSENSUS_EV_APPROVAL);
		e->name = m->name;
		e->email = m->email;
		e->message_id = m->id;
		e->at = m->date;
		e->earlier = m->version < p->version;
		s = consensus_section_of(p, m->email, m->name);
		e->section = s != NULL ? s->title : NULL;
		e->maintainer = s != NULL;
	}
}

/*
 * The sections still without approval: evidence "missing" for each of
 * their M:.  Returns how many sections; the author's own are approved by
 * their Signed-off-by.
 */
static size_t
consensus_missing(struct consensus_ctx *c)
{
	const struct consensus_proposal	*p = c->p;
	const struct consensus_section	*s;
	struct consensus_evidence	*e;
	size_t				 i, j, n = 0, napproved;
	int				 ok;

	for (i = 0; i < p->nsections; i++) {
		s = &p->sections[i];
		ok = consensus_section_has(s, p->proposer, p->proposer_name);
		napproved = c->r->nevidence;
		for (j = 0; j < napproved && !ok; j++)
			ok = strcmp(c->r->evidence[j].kind,
			    CONSENSUS_EV_APPROVAL) == 0 &&
			    consensus_section_has(s, c->r->evidence[j].email,
			    c->r->evidence[j].name);
		/* A more general maintainer stands in for a silent one. */
		if (!ok && s->nalt > 0 && c->now >= c->r->window_end +
		    c->responsive && !consensus_section_heard(c, s))
			for (j = 0; j < napproved && !ok; j++)
				ok = strcmp(c->r->evidence[j].kind,
				    CONSENSUS_EV_APPROVAL) == 0 &&
				    consensus_alt_has(s,
				    c->r->evidence[j].email,
				    c->r->evidence[j].name);
		if (ok)
			continue;
		n++;
		for (j = 0; j < s->nm; j++) {
			e = consensus_evidence_add(c->r, CONSENSUS_EV_MISSING);
			e->name = s->m[j];
			e->email = s->m_email[j];
			e->section = s->title;
			e->maintainer = 1;
		}
	}
	return (n);
}

static size_t
consensus_count(const struct consensus_result *r, const char *kind,
    const char *state)
{
	size_t	i, n = 0;

	for (i = 0; i < r->nevidence; i++)
		if (strcmp(r->evidence[i].kind, kind) == 0 && (state == NULL ||
		    (r->evidence[i].state != NULL &&
		    strcmp(r->evidence[i].state, state) == 0)))
			n++;
	return (n);
}

static const struct consensus_evidence *
consensus_first_ev(const struct consensus_result *r, const char *kind,
    const char *state)
{
	size_t	i;

	for (i = 0; i < r->nevidence; i++)
		if (strcmp(r->evidence[i].kind, kind) == 0 && (state == NULL ||
		    (r->evidence[i].state != NULL &&
		    strcmp(r->evidence[i].state, state) == 0)))
			return (&r->evidence[i]);
	return (NULL);
}

static const char *
consensus_ev_who(const struct consensus_evidence *e)
{
	if (e->name != NULL && *e->name != '\0')
		return (e->name);
	if (e->email != NULL)
		return (e->email);
	return ("a reviewer (the mail is not in the archive)");
}

/* A blocking point: a maintainer's unanswered, or any disputed within R. */
static const struct consensus_evidence *
consensus_blocking_point(const struct consensus_ctx *c)
{
	const struct consensus_evidence	*e;
	size_t				 i;

	for (i = 0; i < c->r->nevidence; i++) {
		e = &c->r->evidence[i];
		if (strcmp(e->kind, CONSENSUS_EV_POINT) != 0)
			continue;
		if (strcmp(e->state, CONSENSUS_PT_DISPUTED) == 0)
			return (e);
		if (strcmp(e->state, CONSENSUS_PT_OPEN) == 0 &&
		    consensus_point_weighs(c, e))
			return (e);
	}
	return (NULL);
}

/* "Name (M: SECTION), Name" into buf: the approvals. */
static void
consensus_approvers(const struct consensus_result *r, char *buf, size_t len)
{
	const struct consensus_evidence	*e;
	size_t				 i, at = 0;

	buf[0] = '\0';
	for (i = 0; i < r->nevidence && at + 1 < len; i++) {
		e = &r->evidence[i];
		if (strcmp(e->kind, CONSENSUS_EV_APPROVAL) != 0)
			continue;
		snprintf(buf + at, len - at, "%s%s%s%.60s%s", at > 0 ? ", " : "",
		    consensus_ev_who(e), e->section != NULL ? " (M: " : "",
		    e->section != NULL ? e->section : "",
		    e->section != NULL ? ")" : "");
		at = strlen(buf);
	}
}

/* "SECTION (Name, Name); SECTION (...)" into buf: the approvals missing. */
static void
consensus_missing_names(const struct consensus_result *r, char *buf,
    size_t len)
{
	const struct consensus_evidence	*e;
	const char			*section = NULL;
	size_t				 i, n, at = 0;

	buf[0] = '\0';
	for (i = 0; i < r->nevidence && at + 1 < len; i++) {
		e = &r->evidence[i];
		if (strcmp(e->kind, CONSENSUS_EV_MISSING) != 0)
			continue;
		if (section == NULL || strcmp(section, e->section) != 0) {
			for (n = 0; i + n < r->nevidence &&
			    strcmp(r->evidence[i + n].kind,
			    CONSENSUS_EV_MISSING) == 0 &&
			    strcmp(r->evidence[i + n].section, e->section) ==
			    0; n++)
				;
			section = e->section;
			if (n > 3) {
				/* Many M: (THE REST): the evidence names them. */
				snprintf(buf + at, len - at, "%sany of the %zu "
				    "M: of %.60s", at > 0 ? "; " : "", n,
				    e->section);
				at = strlen(buf);
				i += n - 1;
				continue;
			}
			snprintf(buf + at, len - at, "%s%.60s: ",
			    at > 0 ? "; " : "", e->section);
		} else
			snprintf(buf + at, len - at, ", ");
		at = strlen(buf);
		/* The name as written, without its address. */
		snprintf(buf + at, len - at, "%.*s", (int)(strchr(e->name,
		    '<') != NULL && strchr(e->name, '<') > e->name ?
		    strchr(e->name, '<') - e->name - 1 : (long)strlen(e->name)),
		    e->name);
		at = strlen(buf);
	}
}

static void
consensus_day(time_t t, char *buf, size_t len)
{
	datetime_format_iso(t, buf, len);
	if (len > 10)
		buf[10] = '\0';
}

/* Whether the proposal is decided by the tally: an explicit call. */
static int
consensus_lazy(const struct consensus_ctx *c)
{
	const struct consensus_proposal	*p = c->p;
	size_t				 i;

	if (policy_changes(c->policy, p->list, p->protocols,
	    p->nprotocols) == POLICY_LAZY)
		return (1);
	/* "If there are no objections within 14 days": a call, by its words. */
	if (p->window > 0)
		return (1);
	for (i = 0; i < p->nmsgs; i++)
		if ((p->msgs[i].flags & CLASSIFY_F_LAZY) &&
		    p->msgs[i].version == p->version &&
		    consensus_same(p->msgs[i].email, p->proposer))
			return (1);
	return (0);
}

/* The check-in policy's verdict, superseded and committed aside. */
static void
consensus_checkin(struct consensus_ctx *c, const char *wlen)
{
	struct consensus_result			*r = c->r;
	const struct consensus_objection	*o;
	const struct consensus_evidence		*e;
	char					 end[32], d1[32], d2[32];
	char					 who[160], missing[200];
	size_t					 nmissing, napprovals, i;

	consensus_approvals(c);
	consensus_points(c);
	nmissing = consensus_missing(c);
	napprovals = consensus_count(r, CONSENSUS_EV_APPROVAL, NULL);
	if (!c->p->maintainers || c->p->nsections == 0)
		nmissing = napprovals == 0;
	else if (napprovals == 0)
		nmissing++;	/* #2: someone other than the author */
	consensus_approvers(r, who, sizeof who);
	consensus_missing_names(r, missing, sizeof missing);
	datetime_format_iso(r->window_end, end, sizeof end);
	if ((e = consensus_first_ev(r, CONSENSUS_EV_POINT,
	    CONSENSUS_PT_ACCEPTED)) != NULL) {
		consensus_day(e->at, d1, sizeof d1);
		consensus_day(e->answered, d2, sizeof d2);
		consensus_say(r, CONSENSUS_CHANGES, 0, "%s asked for changes "
		    "on %s%s%s: a new version is owed", consensus_ev_who(e),
		    d1, e->answered != 0 ? "; the author agreed on " : "",
		    e->answered != 0 ? d2 : "");
		return;
	}
	if ((o = consensus_first(r, "open", 0)) != NULL) {
		consensus_say(r, CONSENSUS_OBJECTED, o->reply_by != 0 ?
		    o->reply_by : c->now < r->window_end ? r->window_end : 0,
		    "%s objects%s; window (%s) %s %s", consensus_who(o),
		    o->reply_by != 0 ? " and was answered; they must reply" :
		    "", wlen, c->now < r->window_end ? "ends" : "ended", end);
		return;
	}
	if (c->now < r->window_end) {
		if (nmissing == 0)
			consensus_say(r, CONSENSUS_WAITING, r->window_end,
			    "approved by %s; no open objection; the %s window "
			    "ends %s", who, wlen, end);
		else
			consensus_say(r, CONSENSUS_WAITING, r->window_end,
			    "the %s window ends %s; %s%s", wlen, end,
			    *missing != '\0' ? "approval needed from " :
			    "no approval yet", missing);
		return;
	}
	if ((e = consensus_blocking_point(c)) != NULL) {
		consensus_day(e->at, d1, sizeof d1);
		if (strcmp(e->state, CONSENSUS_PT_DISPUTED) == 0) {
			datetime_format_iso(e->by, d2, sizeof d2);
			consensus_say(r, CONSENSUS_NEEDS_REVIEW, e->by, "the "
			    "author disputed %s's point of %s; they have until "
			    "%s to reply", consensus_ev_who(e), d1, d2);
		} else
			consensus_say(r, CONSENSUS_NEEDS_REVIEW, 0, "%s's point "
			    "of %s is not answered by the author",
			    consensus_ev_who(e), d1);
		return;
	}
	if (nmissing > 0) {
		consensus_say(r, CONSENSUS_NEEDS_REVIEW, 0, "the %s window "
		    "ended %s; %s%s", wlen, end, *missing != '\0' ?
		    "approval needed from " : "no Acked-by or Reviewed-by from "
		    "anyone but the author", missing);
		return;
	}
	if ((o = consensus_first(r, "stale", 0)) != NULL) {
		consensus_day(o->reply_by, d1, sizeof d1);
		consensus_say(r, CONSENSUS_STALE, o->reply_by, "%s was answered "
		    "but did not reply by %s: the objection no longer blocks; "
		    "approved by %s; the Czar decides", consensus_who(o), d1,
		    who);
		return;
	}
	r->consensus_from = r->window_end;
	for (i = 0; i < r->nevidence; i++)
		if (strcmp(r->evidence[i].kind, CONSENSUS_EV_APPROVAL) == 0 &&
		    r->evidence[i].at > r->consensus_from)
			r->consensus_from = r->evidence[i].at;
	consensus_say(r, CONSENSUS_CONSENSUS, r->window_end, "approved by %s; "
	    "no open objection or change request; the %s window ended %s",
	    who, wlen, end);
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
