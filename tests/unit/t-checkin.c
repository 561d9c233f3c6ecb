/*
 * Unit tests for the check-in policy in consensus.c (design.md §5 A):
 * approvals per touched MAINTAINERS section, needs-review, review points
 * and the author's answers, changes-requested, reopening, the rules and
 * times applied; and the tally's "objected while the objector has R".
 * Facts are built here; times are offsets from T0.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "classify.h"
#include "consensus.h"
#include "policy.h"
#include "tap.h"

#define T0		((time_t)1793613600)	/* 2026-11-02T10:00:00Z */
#define HOUR		3600L
#define DAY		86400L
#define D(d, h)		(T0 + (d) * DAY + (h) * HOUR)

#define ALICE	"alice@example.org"	/* the proposer */
#define BOB	"bob@example.org"	/* a reviewer, no role */
#define MARK	"mark@example.com"	/* M: of the header's section */
#define TONY	"tony@example.net"	/* M: of the tools, as MAINTAINERS has */
#define TONY2	"tony@new.example"	/* the same person's newer address */
#define OLGA	"olga@example.net"	/* objects */
#define REX	"rex@example.org"	/* M: of THE REST */

#define M(i, p, who, d, k, v) \
	.id = (i), .parent = (p), .name = (who), .email = (who), \
	.date = (d), .kind = (k), .version = (v)
#define ROOT1	{ M("p1", NULL, ALICE, D(0, 0), CLASSIFY_PATCH, 1) }
#define END	{ .id = NULL }

static const char *io_m[] = { "Mark Io <mark@example.com>" };
static const char *io_e[] = { MARK };
static const char *tools_m[] = { "Tony Tools <tony@example.net>" };
static const char *tools_e[] = { TONY };
static const char *alice_m[] = { "Alice Author <alice@example.org>" };
static const char *alice_e[] = { ALICE };

static struct consensus_section io = { "PUBLIC I/O", io_m, io_e, 1, NULL,
    NULL, 0 };
static struct consensus_section tools = { "TOOLSTACK", tools_m, tools_e, 1,
    NULL, NULL, 0 };
static struct consensus_section own = { "RING", alice_m, alice_e, 1, NULL,
    NULL, 0 };
static const char *rest_m[] = { "Rex Rest <rex@example.org>" };
static const char *rest_e[] = { REX };
/* The header's section, with THE REST's M: as stand-ins. */
static struct consensus_section io_rest = { "PUBLIC I/O", io_m, io_e, 1,
    rest_m, rest_e, 1 };

/* Sections: which the proposal touches. */
#define S_NONE		0	/* no MAINTAINERS file */
#define S_IO		1
#define S_IO_TOOLS	2
#define S_OWN		3	/* the author is its M: */
#define S_IO_REST	4	/* the header's, THE REST may stand in */

static const struct consensus_msg silence[] = { ROOT1, END };

static const struct consensus_msg bob_reviews[] = {
	ROOT1,
	{ M("b1", "p1", BOB, D(1, 0), CLASSIFY_ACK, 1), .acked = 1 },
	END
};

static const struct consensus_msg mark_acks[] = {
	ROOT1,
	{ M("m1", "p1", MARK, D(1, 0), CLASSIFY_ACK, 1), .acked = 1,
	    .stakeholder = 1 },
	END
};

/* Tony acks from an address MAINTAINERS does not list, by his name. */
static const struct consensus_msg both_ack[] = {
	ROOT1,
	{ M("m1", "p1", MARK, D(1, 0), CLASSIFY_ACK, 1), .acked = 1,
	    .stakeholder = 1 },
	{ .id = "t1", .parent = "p1", .name = "Tony Tools", .email = TONY2,
	    .date = D(2, 0), .kind = CLASSIFY_ACK, .version = 1, .acked = 1 },
	END
};

/* Bob asks for a change; Alice agrees; Mark acks anyway. */
static const struct consensus_msg accepted[] = {
	ROOT1,
	{ M("b1", "p1", BOB, D(1, 0), CLASSIFY_REVIEW, 1),
	    .flags = CLASSIFY_F_ASKS_CHANGE },
	{ M("a1", "b1", ALICE, D(1, 2), CLASSIFY_OTHER, 1),
	    .flags = CLASSIFY_F_ACCEPTS },
	{ M("m1", "p1", MARK, D(2, 0), CLASSIFY_ACK, 1), .acked = 1,
	    .stakeholder = 1 },
	END
};

/* Alice agrees to a request whose mail is not in the archive. */
static const struct consensus_msg accepted_orphan[] = {
	ROOT1,
	{ M("m1", "p1", MARK, D(1, 0), CLASSIFY_ACK, 1), .acked = 1,
	    .stakeholder = 1 },
	{ M("a1", "gone", ALICE, D(2, 0), CLASSIFY_OTHER, 1),
	    .flags = CLASSIFY_F_ACCEPTS },
	END
};

/* Bob asks, Alice agrees, Bob then gives his Reviewed-by as it is. */
static const struct consensus_msg accepted_then_acked[] = {
	ROOT1,
	{ M("m1", "p1", MARK, D(0, 1), CLASSIFY_ACK, 1), .acked = 1,
	    .stakeholder = 1 },
	{ M("b1", "p1", BOB, D(1, 0), CLASSIFY_REVIEW, 1),
	    .flags = CLASSIFY_F_ASKS_CHANGE },
	{ M("a1", "b1", ALICE, D(1, 2), CLASSIFY_OTHER, 1),
	    .flags = CLASSIFY_F_ACCEPTS },
	{ M("b2", "a1", BOB, D(2, 0), CLASSIFY_ACK, 1), .acked = 1 },
	END
};

/* Mark's Reviewed-by "with those changes" on v1; v2 makes them. */
static const struct consensus_msg conditional[] = {
	ROOT1,
	{ M("m1", "p1", MARK, D(1, 0), CLASSIFY_ACK, 1), .acked = 1,
	    .stakeholder = 1, .flags = CLASSIFY_F_CONDITIONAL },
	{ M("p2", NULL, ALICE, D(3, 0), CLASSIFY_PATCH, 2) },
	END
};

/* Mark questions the approach; nobody answers; Bob reviews. */
static const struct consensus_msg concern[] = {
	ROOT1,
	{ M("m1", "p1", MARK, D(1, 0), CLASSIFY_REVIEW, 1),
	    .stakeholder = 1, .flags = CLASSIFY_F_CONCERN },
	{ M("b1", "p1", BOB, D(1, 1), CLASSIFY_ACK, 1), .acked = 1 },
	END
};

/* The same, but the concern is Bob's and Mark acks. */
static const struct consensus_msg concern_bob[] = {
	ROOT1,
	{ M("b1", "p1", BOB, D(1, 0), CLASSIFY_REVIEW, 1),
	    .flags = CLASSIFY_F_CONCERN },
	{ M("m1", "p1", MARK, D(1, 1), CLASSIFY_ACK, 1), .acked = 1,
	    .stakeholder = 1 },
	END
};

/* Rex (THE REST) acks; Mark, the header's M:, never says a word. */
static const struct consensus_msg rest_acks[] = {
	ROOT1,
	{ M("r1", "p1", REX, D(1, 0), CLASSIFY_ACK, 1), .acked = 1,
	    .stakeholder = 1 },
	END
};

/* The same, but Mark asked a question: he answered, no stand-in. */
static const struct consensus_msg rest_acks_mark_heard[] = {
	ROOT1,
	{ M("r1", "p1", REX, D(1, 0), CLASSIFY_ACK, 1), .acked = 1,
	    .stakeholder = 1 },
	{ M("m1", "p1", MARK, D(2, 0), CLASSIFY_REVIEW, 1),
	    .stakeholder = 1 },
	END
};

/* Mark's Reviewed-by beside a nit, never answered: approved as it is. */
static const struct consensus_msg nit_acked[] = {
	ROOT1,
	{ M("m1", "p1", MARK, D(1, 0), CLASSIFY_ACK, 1), .acked = 1,
	    .stakeholder = 1, .flags = CLASSIFY_F_ASKS_CHANGE },
	END
};

/* Mark's concern, answered by Alice, then Mark acks someone's patch. */
static const struct consensus_msg concern_answered[] = {
	ROOT1,
	{ M("m1", "p1", MARK, D(1, 0), CLASSIFY_REVIEW, 1),
	    .stakeholder = 1, .flags = CLASSIFY_F_CONCERN },
	{ M("a1", "m1", ALICE, D(1, 5), CLASSIFY_OTHER, 1) },
	{ M("b1", "p1", BOB, D(2, 0), CLASSIFY_ACK, 1), .acked = 1 },
	{ M("t1", "p1", TONY, D(2, 1), CLASSIFY_ACK, 1), .acked = 1 },
	END
};

/* Mark asks; Alice disputes on day 2; Mark silent after. */
static const struct consensus_msg disputed[] = {
	ROOT1,
	{ M("t1", "p1", TONY, D(0, 2), CLASSIFY_ACK, 1), .acked = 1 },
	{ M("m1", "p1", MARK, D(1, 0), CLASSIFY_REVIEW, 1),
	    .stakeholder = 1, .flags = CLASSIFY_F_ASKS_CHANGE },
	{ M("a1", "m1", ALICE, D(2, 0), CLASSIFY_OTHER, 1),
	    .flags = CLASSIFY_F_DISPUTES },
	END
};

/* Consensus on day 7; Olga objects on day 9. */
static const struct consensus_msg late_objection[] = {
	ROOT1,
	{ M("m1", "p1", MARK, D(1, 0), CLASSIFY_ACK, 1), .acked = 1,
	    .stakeholder = 1 },
	{ M("o1", "p1", OLGA, D(9, 0), CLASSIFY_OBJECTION, 1) },
	END
};

/* Consensus on day 7; Bob asks for a change on day 9, Alice agrees. */
static const struct consensus_msg late_change[] = {
	ROOT1,
	{ M("m1", "p1", MARK, D(1, 0), CLASSIFY_ACK, 1), .acked = 1,
	    .stakeholder = 1 },
	{ M("b1", "p1", BOB, D(9, 0), CLASSIFY_REVIEW, 1),
	    .flags = CLASSIFY_F_ASKS_CHANGE },
	{ M("a1", "b1", ALICE, D(9, 3), CLASSIFY_OTHER, 1),
	    .flags = CLASSIFY_F_ACCEPTS },
	END
};

/* An explicit lazy-consensus call: silence passes there. */
static const struct consensus_msg lazy_call[] = {
	{ M("p1", NULL, ALICE, D(0, 0), CLASSIFY_DESIGN, 1),
	    .flags = CLASSIFY_F_LAZY },
	END
};

/* Tally: Olga -2, answered on day 6; after W she still has R. */
static const struct consensus_msg veto_answered[] = {
	{ M("p1", NULL, ALICE, D(0, 0), CLASSIFY_DESIGN, 1),
	    .flags = CLASSIFY_F_LAZY },
	{ M("o1", "p1", OLGA, D(1, 0), CLASSIFY_OBJECTION, 1),
	    .has_vote = 1, .vote = -2, .stakeholder = 1 },
	{ M("a1", "o1", ALICE, D(6, 0), CLASSIFY_OTHER, 1) },
	END
};

struct kcase {
	const char			*what;
	const struct consensus_msg	*msgs;
	int				 sections;
	int				 version;
	long				 window;	/* the proposal's own */
	const char			*policy;	/* policy.conf text */
	time_t				 now;
	const char			*verdict;
	time_t				 deadline;	/* -1: not checked */
	const char			*reason;	/* a part of it */
	const char			*rules;
};

#define NOCHK	((time_t)-1)

static const struct kcase cases[] = {
	/* Approval. */
	{ "silence in the window: waiting", silence, S_IO, 1, 0, NULL,
	    D(3, 0), CONSENSUS_WAITING, D(7, 0), "approval needed from "
	    "PUBLIC I/O: Mark Io", CONSENSUS_RULES_CHECKIN },
	{ "silence is not consent: needs-review naming the M:", silence,
	    S_IO, 1, 0, NULL, D(30, 0), CONSENSUS_NEEDS_REVIEW, 0,
	    "PUBLIC I/O: Mark Io", NULL },
	{ "a Reviewed-by from a non-maintainer does not cover the file",
	    bob_reviews, S_IO, 1, 0, NULL, D(8, 0), CONSENSUS_NEEDS_REVIEW,
	    0, "Mark Io", NULL },
	{ "the section's M: acks: consensus", mark_acks, S_IO, 1, 0, NULL,
	    D(8, 0), CONSENSUS_CONSENSUS, D(7, 0), "approved by "
	    MARK " (M: PUBLIC I/O)", NULL },
	{ "an ack in the window: still waiting", mark_acks, S_IO, 1, 0, NULL,
	    D(2, 0), CONSENSUS_WAITING, D(7, 0), "approved by", NULL },
	{ "one section's M: does not cover another's files", mark_acks,
	    S_IO_TOOLS, 1, 0, NULL, D(8, 0), CONSENSUS_NEEDS_REVIEW, 0,
	    "TOOLSTACK: Tony Tools", NULL },
	{ "every section approved (an M: by name, new address)", both_ack,
	    S_IO_TOOLS, 1, 0, NULL, D(8, 0), CONSENSUS_CONSENSUS, NOCHK,
	    "Tony Tools (M: TOOLSTACK)", NULL },
	{ "author is the M:: still needs someone else's review", silence,
	    S_OWN, 1, 0, NULL, D(8, 0), CONSENSUS_NEEDS_REVIEW, 0,
	    "anyone but the author", NULL },
	{ "author is the M:, a Reviewed-by from anyone: consensus",
	    bob_reviews, S_OWN, 1, 0, NULL, D(8, 0), CONSENSUS_CONSENSUS,
	    NOCHK, NULL, NULL },
	{ "no MAINTAINERS: any other's Reviewed-by approves", bob_reviews,
	    S_NONE, 1, 0, NULL, D(8, 0), CONSENSUS_CONSENSUS, NOCHK, NULL,
	    NULL },
	{ "no MAINTAINERS: silence is still not consent", silence, S_NONE,
	    1, 0, NULL, D(8, 0), CONSENSUS_NEEDS_REVIEW, 0, "anyone but",
	    NULL },
	{ "a general M: does not stand in before W + R", rest_acks,
	    S_IO_REST, 1, 0, NULL, D(20, 0), CONSENSUS_NEEDS_REVIEW, 0,
	    "PUBLIC I/O: Mark Io", NULL },
	{ "a general M: stands in for a silent specific one after W + R",
	    rest_acks, S_IO_REST, 1, 0, NULL, D(21, 0), CONSENSUS_CONSENSUS,
	    NOCHK, "approved by " REX, NULL },
	{ "... not when the specific M: answered the change",
	    rest_acks_mark_heard, S_IO_REST, 1, 0, NULL, D(30, 0),
	    CONSENSUS_NEEDS_REVIEW, 0, NULL, NULL },
	/* Change requests. */
	{ "an accepted change request: changes-requested", accepted, S_IO,
	    1, 0, NULL, D(8, 0), CONSENSUS_CHANGES, 0, "bob@example.org "
	    "asked for changes on 2026-11-03; the author agreed on "
	    "2026-11-03", NULL },
	{ "... already in the window", accepted, S_IO, 1, 0, NULL, D(1, 3),
	    CONSENSUS_CHANGES, 0, "new version is owed", NULL },
	{ "... not before the author agreed", accepted, S_IO, 1, 0, NULL,
	    D(1, 1), CONSENSUS_WAITING, NOCHK, NULL, NULL },
	{ "agreed to a request not in the archive", accepted_orphan, S_IO,
	    1, 0, NULL, D(8, 0), CONSENSUS_CHANGES, 0, "not in the archive",
	    NULL },
	{ "the asker's Reviewed-by after the answer resolves it",
	    accepted_then_acked, S_IO, 1, 0, NULL, D(8, 0),
	    CONSENSUS_CONSENSUS, NOCHK, NULL, NULL },
	{ "a conditional Reviewed-by: changes-requested", conditional,
	    S_IO, 1, 0, NULL, D(2, 0), CONSENSUS_CHANGES, 0, MARK " asked", NULL },
	{ "... and it approves the version that makes them", conditional,
	    S_IO, 2, 0, NULL, D(11, 0), CONSENSUS_CONSENSUS, NOCHK,
	    "(M: PUBLIC I/O)", NULL },
	/* Points. */
	{ "a maintainer's unanswered concern blocks", concern, S_IO_TOOLS,
	    1, 0, NULL, D(8, 0), CONSENSUS_NEEDS_REVIEW, 0, "point of "
	    "2026-11-03 is not answered", NULL },
	{ "a maintainer's nit beside his Reviewed-by does not block",
	    nit_acked, S_IO, 1, 0, NULL, D(8, 0), CONSENSUS_CONSENSUS, NOCHK,
	    NULL, NULL },
	{ "a non-maintainer's unanswered concern does not", concern_bob,
	    S_IO, 1, 0, NULL, D(8, 0), CONSENSUS_CONSENSUS, NOCHK, NULL,
	    NULL },
	{ "an answered concern no longer blocks", concern_answered,
	    S_IO_TOOLS, 1, 0, "", D(8, 0), CONSENSUS_NEEDS_REVIEW, 0,
	    "PUBLIC I/O: Mark Io", NULL },
	{ "a disputed point: the asker has R", disputed, S_OWN, 1, 0, NULL,
	    D(8, 0), CONSENSUS_NEEDS_REVIEW, D(16, 0), "until "
	    "2026-11-18T10:00:00Z", NULL },
	{ "a disputed point goes stale after R", disputed, S_OWN, 1, 0, NULL,
	    D(16, 0), CONSENSUS_CONSENSUS, NOCHK, NULL, NULL },
	/* Later mail reopens. */
	{ "an objection after consensus reopens it", late_objection, S_IO,
	    1, 0, NULL, D(10, 0), CONSENSUS_OBJECTED, 0, "reopened: it "
	    "was consensus from 2026-11-09 until the mail of "
	    "2026-11-11T10:00:00Z", NULL },
	{ "an accepted change request after consensus reopens it",
	    late_change, S_IO, 1, 0, NULL, D(10, 0), CONSENSUS_CHANGES, 0,
	    "reopened", NULL },
	/* Which rules, which window. */
	{ "an explicit lazy-consensus call takes the tally", lazy_call,
	    S_IO, 1, 0, NULL, D(8, 0), CONSENSUS_CONSENSUS, D(7, 0), "tally",
	    CONSENSUS_RULES_LAZY },
	{ "policy: changes lazy-consensus for the list", silence, S_IO, 1, 0,
	    "list xen-devel\n\tchanges lazy-consensus\n", D(8, 0),
	    CONSENSUS_CONSENSUS, D(7, 0), "tally", CONSENSUS_RULES_LAZY },
	{ "policy: check-in for the protocol beats the list", silence, S_IO,
	    1, 0, "changes lazy-consensus\nprotocol pvcalls\n\tchanges "
	    "check-in\n", D(8, 0), CONSENSUS_NEEDS_REVIEW, 0, NULL,
	    CONSENSUS_RULES_CHECKIN },
	{ "the proposal's own window is the one applied", mark_acks, S_IO,
	    1, 14 * DAY, NULL, D(8, 0), CONSENSUS_WAITING, D(14, 0),
	    "the 14d window", NULL },
	{ "a proposal naming its own window is a call: the tally", silence,
	    S_IO, 1, 14 * DAY, NULL, D(14, 0), CONSENSUS_CONSENSUS, D(14, 0),
	    "in the 14d window", CONSENSUS_RULES_LAZY },
	/* The tally: objected while the objector has R, never failed. */
	{ "answered -2 after W, within R: objected", veto_answered, S_IO, 1,
	    0, NULL, D(8, 0), CONSENSUS_OBJECTED, D(20, 0), "keeps it up",
	    CONSENSUS_RULES_LAZY },
	{ "... stale after R: no longer vetoes", veto_answered, S_IO, 1, 0,
	    NULL, D(20, 0), CONSENSUS_STALE, NOCHK, NULL, NULL },
};

static size_t
count(const struct consensus_msg *m)
{
	size_t	n = 0;

	while (m[n].id != NULL)
		n++;
	return (n);
}

static struct policy *
make_policy(const char *text)
{
	struct policy	*pol;
	char		*cause = NULL;

	if (text == NULL) {
		pol = calloc(1, sizeof *pol);
		policy_defaults(pol);
		return (pol);
	}
	if (policy_parse(text, strlen(text), "t.conf", &pol, &cause) != 0) {
		printf("# %s\n", cause);
		exit(1);
	}
	return (pol);
}

static void
make_proposal(const struct kcase *c, struct consensus_proposal *p,
    struct consensus_section *sec)
{
	static char	*pvcalls[] = { "pvcalls" };
	size_t		 i;

	memset(p, 0, sizeof *p);
	p->version = c->version;
	p->root = c->version == 1 ? "p1" : "p2";
	p->subject = "[PATCH] pvcalls: test";
	p->kind = "series";
	p->list = "xen-devel";
	p->protocols = pvcalls;
	p->nprotocols = 1;
	p->proposer = ALICE;
	p->proposer_name = "Alice Author";
	p->window = c->window;
	p->msgs = (struct consensus_msg *)c->msgs;
	p->nmsgs = count(c->msgs);
	for (i = 0; i < p->nmsgs; i++) {
		if (strcmp(p->msgs[i].id, p->root) == 0)
			p->start = p->msgs[i].date;
		if (c->version == 1 && p->msgs[i].version > 1 &&
		    p->superseded_at == 0)
			p->superseded_at = p->msgs[i].date;
	}
	p->maintainers = c->sections != S_NONE;
	switch (c->sections) {
	case S_IO:
		sec[0] = io;
		p->nsections = 1;
		break;
	case S_IO_TOOLS:
		sec[0] = io;
		sec[1] = tools;
		p->nsections = 2;
		break;
	case S_OWN:
		sec[0] = own;
		p->nsections = 1;
		break;
	case S_IO_REST:
		sec[0] = io_rest;
		p->nsections = 1;
		break;
	}
	p->sections = sec;
}

static void
run_case(const struct kcase *c)
{
	struct consensus_proposal	 p;
	struct consensus_section	 sec[2];
	struct consensus_result		 r;
	struct policy			*pol = make_policy(c->policy);
	int				 ok = 1;

	printf("# %s\n", c->what);
	make_proposal(c, &p, sec);
	consensus_evaluate(pol, &p, c->now, &r);
	ok &= check_str(r.verdict, c->verdict);
	if (c->deadline != NOCHK)
		ok &= check_int(r.deadline, c->deadline);
	if (c->reason != NULL)
		ok &= check(strstr(r.reason, c->reason) != NULL);
	if (c->rules != NULL)
		ok &= check_str(r.rules, c->rules);
	if (!ok)
		printf("#   reason: %s\n", r.reason);
	consensus_result_free(&r);
	policy_free(pol);
}

/* The evidence: approvals with their section, missing M:, points. */
static void
test_evidence(void)
{
	struct consensus_proposal	 p;
	struct consensus_section	 sec[2];
	struct consensus_result		 r;
	struct policy			*pol = make_policy(NULL);
	const struct consensus_evidence	*e;
	struct kcase			 c;
	size_t				 i, napp = 0, nmiss = 0, npt = 0;

	memset(&c, 0, sizeof c);
	c.msgs = concern;
	c.sections = S_IO_TOOLS;
	c.version = 1;
	make_proposal(&c, &p, sec);
	consensus_evaluate(pol, &p, D(8, 0), &r);
	check_int(r.window, 7 * DAY);
	check_int(r.responsive, 14 * DAY);
	for (i = 0; i < r.nevidence; i++) {
		e = &r.evidence[i];
		if (strcmp(e->kind, CONSENSUS_EV_APPROVAL) == 0) {
			napp++;
			check_str(e->email, BOB);
			check(e->section == NULL);
			check_str(e->message_id, "b1");
		} else if (strcmp(e->kind, CONSENSUS_EV_MISSING) == 0) {
			nmiss++;
			check(strcmp(e->section, "PUBLIC I/O") == 0 ||
			    strcmp(e->section, "TOOLSTACK") == 0);
		} else if (strcmp(e->kind, CONSENSUS_EV_POINT) == 0) {
			npt++;
			check_str(e->email, MARK);
			check_str(e->state, CONSENSUS_PT_OPEN);
			check_int(e->at, D(1, 0));
			check_int(e->answered, 0);
			check_int(e->maintainer, 1);
		}
	}
	check_int(napp, 1);
	check_int(nmiss, 2);
	check_int(npt, 1);
	consensus_result_free(&r);

	/* The disputed point's reply-by is a horizon. */
	memset(&c, 0, sizeof c);
	c.msgs = disputed;
	c.sections = S_OWN;
	c.version = 1;
	make_proposal(&c, &p, sec);
	consensus_evaluate(pol, &p, D(8, 0), &r);
	check_int(consensus_horizon(&p, &r, D(8, 0)), D(16, 0));
	consensus_result_free(&r);
	policy_free(pol);
}

/* The same facts give the same verdict, whatever the evaluation before. */
static void
test_deterministic(void)
{
	struct consensus_proposal	 p;
	struct consensus_section	 sec[2];
	struct consensus_result		 a, b;
	struct policy			*pol = make_policy(NULL);

	make_proposal(&cases[27], &p, sec);
	consensus_evaluate(pol, &p, D(10, 0), &a);
	consensus_evaluate(pol, &p, D(10, 0), &b);
	check_str(a.verdict, b.verdict);
	check_str(a.reason, b.reason);
	check_int(a.reopened, b.reopened);
	check_int(a.reopened, D(9, 0));
	consensus_result_free(&a);
	consensus_result_free(&b);
	policy_free(pol);
}

int
main(void)
{
	size_t	i;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++)
		run_case(&cases[i]);
	test_evidence();
	test_deterministic();
	return (tap_done());
}
