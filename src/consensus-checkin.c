/*
 * Xen's check-in policy for changes (design.md §5 A): an approval per
 * touched MAINTAINERS section from someone other than the author, review
 * points and the author's answers to them, and the verdict they give
 * once the window has passed.  Part of the pure engine (consensus-int.h).
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "classify.h"
#include "consensus-int.h"
#include "datetime.h"
#include "policy.h"
#include "xmalloc.h"

/* True when m sits under the message anc in the thread. */
int
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

/* The first section email is an M: of and area names, or NULL. */
static const struct consensus_section *
consensus_section_of(const struct consensus_proposal *p, const char *email,
    const char *name, const char *area)
{
	size_t	i;

	for (i = 0; i < p->nsections; i++)
		if (consensus_section_has(&p->sections[i], email, name) &&
		    consensus_area_names(area, &p->sections[i]))
			return (&p->sections[i]);
	return (NULL);
}

/*
 * Whether an approval's area names none of the touched sections: it then
 * counts for nothing.  Without MAINTAINERS, or with no touched section,
 * there is nothing to limit it to: it approves.
 */
static int
consensus_area_outside(const struct consensus_proposal *p, const char *area)
{
	size_t	i;

	if (!p->maintainers || p->nsections == 0 ||
	    !consensus_area_limits(area))
		return (0);
	for (i = 0; i < p->nsections; i++)
		if (consensus_area_names(area, &p->sections[i]))
			return (0);
	return (1);
}

/* Whether the approval e counts for section s (given by its M: or alt). */
static int
consensus_approves_section(const struct consensus_evidence *e,
    const struct consensus_section *s, int alt)
{
	if (strcmp(e->kind, CONSENSUS_EV_APPROVAL) != 0 || e->outside ||
	    !consensus_area_names(e->area, s))
		return (0);
	return (alt ? consensus_alt_has(s, e->email, e->name) :
	    consensus_section_has(s, e->email, e->name));
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

/* A review point raised by m, its asker and time filled in. */
static struct consensus_evidence *
consensus_point_add(struct consensus_ctx *c, const struct consensus_msg *m)
{
	struct consensus_evidence	*e;

	e = consensus_evidence_add(c->r, CONSENSUS_EV_POINT);
	e->name = m->name;
	e->email = m->email;
	e->message_id = m->id;
	e->at = m->date;
	e->maintainer = m->stakeholder;
	return (e);
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

	e = consensus_point_add(c, m);
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

/*
 * The author NAKs their own version ("Nack this, v2 coming", "please
 * don't apply, it breaks the 32-bit build"): whatever approvals it has,
 * it is not to go in as it is.  A new version is owed, asked by the
 * author and agreed at once.
 */
static void
consensus_author_nak(struct consensus_ctx *c, const struct consensus_msg *m)
{
	struct consensus_evidence	*e = consensus_point_add(c, m);

	e->answered = m->date;
	e->state = CONSENSUS_PT_ACCEPTED;
}

void
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
	for (i = 0; i < c->p->nmsgs; i++) {
		m = &c->p->msgs[i];
		if (m->date <= c->now && m->version == c->p->version &&
		    (m->flags & CLASSIFY_F_NAK) && consensus_is_author(c, m)) {
			consensus_author_nak(c, m);
			break;
		}
	}
}

/* Two areas the same: both none, or the same text, case ignored. */
static int
consensus_same_area(const char *a, const char *b)
{
	if (a == NULL || b == NULL)
		return (a == b);
	return (strcasecmp(a, b) == 0);
}

/*
 * Approvals: every Acked-by/Reviewed-by from someone other than the
 * author, on this version or (unconditional or not: a conditional tag
 * approves the version that makes the changes) an older one, the newest
 * of each person and area ("# x86" on one patch and "# tools" on another
 * are two approvals).  An area that names none of the touched sections
 * makes the approval count for nothing; it stays in the evidence, saying
 * so.  A later objection of theirs is an objection.
 */
void
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
			    consensus_same(c->r->evidence[j].email,
			    m->email) && consensus_same_area(
			    c->r->evidence[j].area, m->area))
				e = &c->r->evidence[j];
		if (e == NULL)
			e = consensus_evidence_add(c->r,
			    CONSENSUS_EV_APPROVAL);
		e->name = m->name;
		e->email = m->email;
		e->message_id = m->id;
		e->at = m->date;
		e->earlier = m->version < p->version;
		e->area = m->area;
		e->outside = consensus_area_outside(p, m->area);
		s = e->outside ? NULL : consensus_section_of(p, m->email,
		    m->name, m->area);
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
			ok = consensus_approves_section(&c->r->evidence[j], s,
			    0);
		/* A more general maintainer stands in for a silent one. */
		if (!ok && s->nalt > 0 && c->now >= c->r->window_end +
		    c->responsive && !consensus_section_heard(c, s))
			for (j = 0; j < napproved && !ok; j++)
				ok = consensus_approves_section(
				    &c->r->evidence[j], s, 1);
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

/* The approvals that count: all but those whose area names no section. */
static size_t
consensus_count_approvals(const struct consensus_result *r)
{
	size_t	i, n = 0;

	for (i = 0; i < r->nevidence; i++)
		n += strcmp(r->evidence[i].kind, CONSENSUS_EV_APPROVAL) == 0 &&
		    !r->evidence[i].outside;
	return (n);
}

/* "Name (M: SECTION), Name" into buf: the approvals that count. */
static void
consensus_approvers(const struct consensus_result *r, char *buf, size_t len)
{
	const struct consensus_evidence	*e;
	size_t				 i, at = 0;

	buf[0] = '\0';
	for (i = 0; i < r->nevidence && at + 1 < len; i++) {
		e = &r->evidence[i];
		if (strcmp(e->kind, CONSENSUS_EV_APPROVAL) != 0 || e->outside)
			continue;
		snprintf(buf + at, len - at, "%s%s%s%.60s%s", at > 0 ? ", " : "",
		    consensus_ev_who(e), e->section != NULL ? " (M: " : "",
		    e->section != NULL ? e->section : "",
		    e->section != NULL ? ")" : "");
		at = strlen(buf);
	}
}

/*
 * "; Name's ack is limited to 'x86', which names none of the touched
 * sections" into buf for the first approval that counts for nothing, or
 * "".
 */
static void
consensus_outside_note(const struct consensus_result *r, char *buf,
    size_t len)
{
	const struct consensus_evidence	*e;
	size_t				 i;

	buf[0] = '\0';
	for (i = 0; i < r->nevidence; i++) {
		e = &r->evidence[i];
		if (strcmp(e->kind, CONSENSUS_EV_APPROVAL) != 0 || !e->outside)
			continue;
		snprintf(buf, len, "; %.40s's ack is limited to '%.40s', "
		    "which names none of the touched sections",
		    consensus_ev_who(e), e->area);
		return;
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
int
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
void
consensus_checkin(struct consensus_ctx *c, const char *wlen)
{
	struct consensus_result			*r = c->r;
	const struct consensus_objection	*o;
	const struct consensus_evidence		*e;
	char					 end[32], d1[32], d2[32];
	char					 who[160], missing[200];
	char					 outside[160];
	size_t					 nmissing, napprovals, i;

	consensus_approvals(c);
	consensus_points(c);
	nmissing = consensus_missing(c);
	napprovals = consensus_count_approvals(r);
	if (!c->p->maintainers || c->p->nsections == 0)
		nmissing = napprovals == 0;
	else if (napprovals == 0)
		nmissing++;	/* #2: someone other than the author */
	consensus_approvers(r, who, sizeof who);
	consensus_missing_names(r, missing, sizeof missing);
	consensus_outside_note(r, outside, sizeof outside);
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
			    "the %s window ends %s; %s%s%s", wlen, end,
			    *missing != '\0' ? "approval needed from " :
			    "no approval yet", missing, outside);
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
		    "ended %s; %s%s%s", wlen, end, *missing != '\0' ?
		    "approval needed from " : *outside != '\0' ? "no approval "
		    "that counts from anyone but the author" : "no Acked-by or "
		    "Reviewed-by from anyone but the author", missing, outside);
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
		    !r->evidence[i].outside &&
		    r->evidence[i].at > r->consensus_from)
			r->consensus_from = r->evidence[i].at;
	consensus_say(r, CONSENSUS_CONSENSUS, r->window_end, "approved by %s; "
	    "no open objection or change request; the %s window ended %s",
	    who, wlen, end);
}
