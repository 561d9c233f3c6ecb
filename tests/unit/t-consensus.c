/*
 * Unit tests for consensus.c: verdicts, deadlines, objections and the tally
 * of hand-made proposals; protocol states.  Times are offsets from T0.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "classify.h"
#include "consensus.h"
#include "datetime.h"
#include "policy.h"
#include "tap.h"

#define T0		((time_t)1793613600)	/* 2026-11-02T10:00:00Z */
#define HOUR		3600L
#define DAY		86400L
#define D(d, h)		(T0 + (d) * DAY + (h) * HOUR)
#define NONE		((time_t)0)

#define ALICE	"alice@example.org"	/* the proposer */
#define BOB	"bob@example.org"	/* a reviewer, no role */
#define MARK	"mark@example.com"	/* maintains the touched files */
#define OLGA	"olga@example.net"	/* a reviewer who objects */
#define REX	"rex@example.org"	/* a committer */
#define RITA	"rita@example.net"	/* another reviewer */

/* A message: id, parent, sender, date, kind, version. */
#define M(i, p, who, d, k, v) \
	.id = (i), .parent = (p), .name = (who), .email = (who), \
	.date = (d), .kind = (k), .version = (v)

#define ROOT1	{ M("p1", NULL, ALICE, D(0, 0), CLASSIFY_PATCH, 1) }
#define END	{ .id = NULL }

static const struct consensus_msg silence[] = { ROOT1, END };

static const struct consensus_msg acks[] = {
	ROOT1,
	{ M("b1", "p1", BOB, D(1, 0), CLASSIFY_ACK, 1), .acked = 1 },
	{ M("m1", "p1", MARK, D(2, 0), CLASSIFY_ACK, 1), .has_vote = 1,
	    .vote = 2, .stakeholder = 1 },
	{ M("b2", "p1", BOB, D(3, 0), CLASSIFY_ACK, 1), .acked = 1 },
	{ M("r1", "p1", RITA, D(3, 1), CLASSIFY_REVIEW, 1), .tested = 1 },
	END
};

static const struct consensus_msg objected[] = {
	ROOT1,
	{ M("o1", "p1", OLGA, D(1, 0), CLASSIFY_OBJECTION, 1) },
	END
};

/* Alice answers the objection on day 2; the ack comes before it. */
static const struct consensus_msg answered[] = {
	ROOT1,
	{ M("b1", "p1", BOB, D(0, 2), CLASSIFY_ACK, 1), .acked = 1 },
	{ M("o1", "p1", OLGA, D(1, 0), CLASSIFY_OBJECTION, 1) },
	{ M("a1", "o1", ALICE, D(2, 0), CLASSIFY_OTHER, 1),
	    .flags = CLASSIFY_F_AUTHOR },
	END
};

/* Anyone but the objector may answer, from deep in the subthread. */
static const struct consensus_msg answered_deep[] = {
	ROOT1,
	{ M("o1", "p1", OLGA, D(1, 0), CLASSIFY_OBJECTION, 1) },
	{ M("x1", "o1", OLGA, D(1, 1), CLASSIFY_REVIEW, 1) },
	{ M("b1", "x1", BOB, D(3, 0), CLASSIFY_REVIEW, 1) },
	END
};

/* A reply to the root, not under the objection, answers nothing. */
static const struct consensus_msg not_under[] = {
	ROOT1,
	{ M("o1", "p1", OLGA, D(1, 0), CLASSIFY_OBJECTION, 1) },
	{ M("a1", "p1", ALICE, D(2, 0), CLASSIFY_OTHER, 1) },
	{ M("b1", "p1", BOB, D(2, 1), CLASSIFY_ACK, 1), .acked = 1 },
	END
};

/* Answered, and nobody else has an opinion. */
static const struct consensus_msg answered_alone[] = {
	ROOT1,
	{ M("o1", "p1", OLGA, D(1, 0), CLASSIFY_OBJECTION, 1) },
	{ M("a1", "o1", ALICE, D(2, 0), CLASSIFY_OTHER, 1) },
	END
};

/* The objector speaks after the answer: the R clock waits for a new one. */
static const struct consensus_msg objector_again[] = {
	ROOT1,
	{ M("b1", "p1", BOB, D(0, 2), CLASSIFY_ACK, 1), .acked = 1 },
	{ M("o1", "p1", OLGA, D(1, 0), CLASSIFY_OBJECTION, 1) },
	{ M("a1", "o1", ALICE, D(2, 0), CLASSIFY_OTHER, 1) },
	{ M("o2", "a1", OLGA, D(3, 0), CLASSIFY_REVIEW, 1) },
	{ M("a2", "o2", ALICE, D(4, 0), CLASSIFY_OTHER, 1) },
	END
};

static const struct consensus_msg withdrawn[] = {
	ROOT1,
	{ M("o1", "p1", OLGA, D(1, 0), CLASSIFY_OBJECTION, 1) },
	{ M("a1", "o1", ALICE, D(2, 0), CLASSIFY_OTHER, 1) },
	{ M("o2", "a1", OLGA, D(3, 0), CLASSIFY_OTHER, 1),
	    .flags = CLASSIFY_F_WITHDRAW },
	END
};

static const struct consensus_msg resolved_ack[] = {
	ROOT1,
	{ M("o1", "p1", OLGA, D(1, 0), CLASSIFY_OBJECTION, 1) },
	{ M("a1", "o1", ALICE, D(2, 0), CLASSIFY_OTHER, 1) },
	{ M("o2", "a1", OLGA, D(3, 0), CLASSIFY_ACK, 1), .acked = 1 },
	END
};

static const struct consensus_msg resolved_vote[] = {
	ROOT1,
	{ M("o1", "p1", OLGA, D(1, 0), CLASSIFY_REVIEW, 1), .has_vote = 1,
	    .vote = -1 },
	{ M("o2", "o1", OLGA, D(2, 0), CLASSIFY_REVIEW, 1), .has_vote = 1,
	    .vote = 1 },
	END
};

/* Bob acks, then changes his mind: his latest opinion counts. */
static const struct consensus_msg change_mind[] = {
	ROOT1,
	{ M("b1", "p1", BOB, D(1, 0), CLASSIFY_ACK, 1), .acked = 1 },
	{ M("b2", "p1", BOB, D(2, 0), CLASSIFY_REVIEW, 1), .has_vote = 1,
	    .vote = -1 },
	END
};

static const struct consensus_msg nak_trailer[] = {
	ROOT1,
	{ M("b1", "p1", BOB, D(1, 0), CLASSIFY_REVIEW, 1), .nacked = 1 },
	END
};

static const struct consensus_msg nak_flag[] = {
	ROOT1,
	{ M("b1", "p1", BOB, D(1, 0), CLASSIFY_OTHER, 1),
	    .flags = CLASSIFY_F_NAK },
	END
};

/* A bot's objection and a sender without address are not opinions. */
static const struct consensus_msg bots[] = {
	ROOT1,
	{ M("ci", "p1", "ci@example.org", D(1, 0), CLASSIFY_OBJECTION, 1),
	    .flags = CLASSIFY_F_BOT, .has_vote = 1, .vote = -2 },
	{ .id = "anon", .parent = "p1", .name = "nobody", .email = NULL,
	    .date = D(1, 1), .kind = CLASSIFY_OBJECTION, .version = 1 },
	END
};

/* A -2 from a stakeholder with a positive tally otherwise. */
static const struct consensus_msg veto[] = {
	ROOT1,
	{ M("b1", "p1", BOB, D(0, 1), CLASSIFY_ACK, 1), .acked = 1 },
	{ M("r1", "p1", RITA, D(0, 2), CLASSIFY_ACK, 1), .acked = 1 },
	{ M("x1", "p1", REX, D(0, 3), CLASSIFY_ACK, 1), .acked = 1 },
	{ M("m1", "p1", MARK, D(1, 0), CLASSIFY_OBJECTION, 1), .has_vote = 1,
	    .vote = -2, .stakeholder = 1 },
	END
};

/* The same -2 from someone with no stake. */
static const struct consensus_msg veto_nobody[] = {
	ROOT1,
	{ M("b1", "p1", BOB, D(0, 1), CLASSIFY_ACK, 1), .acked = 1 },
	{ M("r1", "p1", RITA, D(0, 2), CLASSIFY_ACK, 1), .acked = 1 },
	{ M("x1", "p1", REX, D(0, 3), CLASSIFY_ACK, 1), .acked = 1 },
	{ M("o1", "p1", OLGA, D(1, 0), CLASSIFY_OBJECTION, 1), .has_vote = 1,
	    .vote = -2 },
	{ M("a1", "o1", ALICE, D(2, 0), CLASSIFY_OTHER, 1) },
	END
};

/* A stakeholder's -2, answered, then the stakeholder falls silent. */
static const struct consensus_msg veto_stale[] = {
	ROOT1,
	{ M("b1", "p1", BOB, D(0, 1), CLASSIFY_ACK, 1), .acked = 1 },
	{ M("m1", "p1", MARK, D(1, 0), CLASSIFY_OBJECTION, 1), .has_vote = 1,
	    .vote = -2, .stakeholder = 1 },
	{ M("a1", "m1", ALICE, D(2, 0), CLASSIFY_OTHER, 1) },
	END
};

/* A -1 that hardens into a -2 keeps one objection. */
static const struct consensus_msg harden[] = {
	ROOT1,
	{ M("m1", "p1", MARK, D(1, 0), CLASSIFY_OBJECTION, 1),
	    .stakeholder = 1 },
	{ M("m2", "m1", MARK, D(2, 0), CLASSIFY_REVIEW, 1), .has_vote = 1,
	    .vote = -2, .stakeholder = 1 },
	END
};

static const struct consensus_msg minus_one[] = {
	ROOT1,
	{ M("o1", "p1", OLGA, D(1, 0), CLASSIFY_REVIEW, 1), .has_vote = 1,
	    .vote = -1 },
	END
};

static const struct consensus_msg mark_acks[] = {
	ROOT1,
	{ M("m1", "p1", MARK, D(1, 0), CLASSIFY_ACK, 1), .acked = 1,
	    .stakeholder = 1 },
	END
};

static const struct consensus_msg bob_acks[] = {
	ROOT1,
	{ M("b1", "p1", BOB, D(1, 0), CLASSIFY_ACK, 1), .acked = 1 },
	END
};

/* Proposer's own mails: only an explicit vote changes their +1. */
static const struct consensus_msg proposer_talks[] = {
	ROOT1,
	{ M("a1", "p1", ALICE, D(1, 0), CLASSIFY_OBJECTION, 1),
	    .flags = CLASSIFY_F_NAK },
	{ M("a2", "p1", ALICE, D(1, 1), CLASSIFY_ACK, 1), .acked = 1 },
	END
};

static const struct consensus_msg proposer_votes[] = {
	ROOT1,
	{ M("a1", "p1", ALICE, D(1, 0), CLASSIFY_REVIEW, 1), .has_vote = 1,
	    .vote = 2 },
	END
};

/* v1 draws an objection; v2 is posted on day 8 as a new thread. */
#define V1V2 \
	ROOT1, \
	{ M("o1", "p1", OLGA, D(1, 0), CLASSIFY_OBJECTION, 1) }, \
	{ M("p2", NULL, ALICE, D(8, 0), CLASSIFY_PATCH, 2) }, \
	{ M("b2", "p2", BOB, D(8, 2), CLASSIFY_ACK, 2), .acked = 1 }

static const struct consensus_msg versions[] = { V1V2, END };

static const struct consensus_msg versions_acked[] = {
	V1V2,
	{ M("o2", "p2", OLGA, D(9, 0), CLASSIFY_ACK, 2), .acked = 1 },
	END
};

/* v2 sent in reply to v1 (git send-email --in-reply-to). */
static const struct consensus_msg versions_chained[] = {
	ROOT1,
	{ M("o1", "p1", OLGA, D(1, 0), CLASSIFY_OBJECTION, 1) },
	{ M("p2", "p1", ALICE, D(8, 0), CLASSIFY_PATCH, 2) },
	END
};

/* "Applied" from various people, on day 3. */
static const struct consensus_msg applied_rex[] = {
	ROOT1,
	{ M("x1", "p1", REX, D(3, 0), CLASSIFY_OTHER, 1),
	    .flags = CLASSIFY_F_APPLIED, .committer = 1 },
	END
};

static const struct consensus_msg applied_bob[] = {
	ROOT1,
	{ M("b1", "p1", BOB, D(3, 0), CLASSIFY_OTHER, 1),
	    .flags = CLASSIFY_F_APPLIED },
	END
};

static const struct consensus_msg applied_self[] = {
	ROOT1,
	{ M("a1", "p1", ALICE, D(3, 0), CLASSIFY_OTHER, 1),
	    .flags = CLASSIFY_F_APPLIED },
	END
};

static const struct consensus_msg applied_self_committer[] = {
	{ M("p1", NULL, ALICE, D(0, 0), CLASSIFY_PATCH, 1), .committer = 1 },
	{ M("a1", "p1", ALICE, D(3, 0), CLASSIFY_OTHER, 1),
	    .flags = CLASSIFY_F_APPLIED, .committer = 1 },
	END
};

/* Rex applied v1 after v2 was out: it does not commit v2. */
static const struct consensus_msg applied_old[] = {
	V1V2,
	{ M("x1", "p1", REX, D(9, 0), CLASSIFY_OTHER, 1),
	    .flags = CLASSIFY_F_APPLIED, .committer = 1 },
	END
};

/* Policy variations. */
#define P_DEFAULT	0x00
#define P_MAINT_ACK	0x01
#define P_STALE_COUNTS	0x02
#define P_NO_ANSWERS	0x04
#define P_TESTED	0x08
#define P_PROPOSER0	0x10
#define P_PVCALLS_W3D	0x20	/* pvcalls: window 3d, responsive 2d */

struct ccase {
	const char			*what;
	const struct consensus_msg	*msgs;
	int				 pol;
	int				 version;	/* 0: 1 */
	long				 window;	/* the proposal's */
	time_t				 superseded_at;
	time_t				 committed_at;
	int				 pvcalls;	/* bound to it */
	time_t				 now;
	const char			*verdict;
	time_t				 deadline;
	int				 sum;
	size_t				 nobj;
	const char			*obj_state;	/* the first's */
	time_t				 reply_by;
	const char			*reason;	/* substring */
};

#define WAITING		CONSENSUS_WAITING
#define OBJECTED	CONSENSUS_OBJECTED
#define STALE		CONSENSUS_STALE
#define AGREED		CONSENSUS_CONSENSUS
#define FAILED		CONSENSUS_FAILED
#define SUPERSEDED	CONSENSUS_SUPERSEDED
#define COMMITTED	CONSENSUS_COMMITTED

static const struct ccase cases[] = {
	/* Silence: waiting until the window ends, then consensus. */
	{ "silence, day 1", silence, P_DEFAULT, 0, 0, 0, 0, 0, D(1, 0),
	    WAITING, D(7, 0), 1, 0, NULL, 0, "7d window ends" },
	{ "silence, a second before W", silence, P_DEFAULT, 0, 0, 0, 0, 0,
	    D(7, 0) - 1, WAITING, D(7, 0), 1, 0, NULL, 0, NULL },
	{ "silence, at W", silence, P_DEFAULT, 0, 0, 0, 0, 0, D(7, 0),
	    AGREED, D(7, 0), 1, 0, NULL, 0, "no objection" },
	{ "silence, long after", silence, P_DEFAULT, 0, 0, 0, 0, 0, D(60, 0),
	    AGREED, D(7, 0), 1, 0, NULL, 0, NULL },
	/* A window the proposal names itself. */
	{ "named 14d window, day 10", silence, P_DEFAULT, 0, 14 * DAY, 0, 0,
	    0, D(10, 0), WAITING, D(14, 0), 1, 0, NULL, 0, "14d window" },
	{ "named 14d window, day 14", silence, P_DEFAULT, 0, 14 * DAY, 0, 0,
	    0, D(14, 0), AGREED, D(14, 0), 1, 0, NULL, 0, NULL },
	{ "named window beats a protocol override", silence, P_PVCALLS_W3D, 0,
	    14 * DAY, 0, 0, 1, D(10, 0), WAITING, D(14, 0), 1, 0, NULL, 0,
	    NULL },
	{ "protocol override of W", silence, P_PVCALLS_W3D, 0, 0, 0, 0, 1,
	    D(3, 0), AGREED, D(3, 0), 1, 0, NULL, 0, "3d window" },
	/* The tally. */
	{ "acks, +2, repeated ack once, Tested-by is 0", acks, P_DEFAULT, 0,
	    0, 0, 0, 0, D(8, 0), AGREED, D(7, 0), 4, 0, NULL, 0, "tally +4" },
	{ "Tested-by counts when the policy says so", acks, P_TESTED, 0, 0,
	    0, 0, 0, D(8, 0), AGREED, D(7, 0), 5, 0, NULL, 0, NULL },
	{ "opinions not yet given do not count", acks, P_DEFAULT, 0, 0, 0, 0,
	    0, D(1, 12), WAITING, D(7, 0), 2, 0, NULL, 0, "tally +2" },
	{ "latest opinion wins: ack then -1", change_mind, P_DEFAULT, 0, 0, 0,
	    0, 0, D(3, 0), OBJECTED, D(7, 0), 0, 1, "open", 0, NULL },
	{ "proposer's NAK-looking reply and ack change nothing",
	    proposer_talks, P_DEFAULT, 0, 0, 0, 0, 0, D(7, 0), AGREED,
	    D(7, 0), 1, 0, NULL, 0, NULL },
	{ "proposer's explicit +2", proposer_votes, P_DEFAULT, 0, 0, 0, 0, 0,
	    D(7, 0), AGREED, D(7, 0), 2, 0, NULL, 0, NULL },
	{ "proposer-vote 0: silence fails", silence, P_PROPOSER0, 0, 0, 0, 0,
	    0, D(7, 0), FAILED, D(7, 0), 0, 0, NULL, 0, "tally +0" },
	{ "bot and anonymous objections ignored", bots, P_DEFAULT, 0, 0, 0, 0,
	    0, D(7, 0), AGREED, D(7, 0), 1, 0, NULL, 0, NULL },
	/* Objections: open, answered, stale, withdrawn, resolved. */
	{ "open objection in the window", objected, P_DEFAULT, 0, 0, 0, 0, 0,
	    D(2, 0), OBJECTED, D(7, 0), 0, 1, "open", 0, "objects" },
	{ "objection not yet raised", objected, P_DEFAULT, 0, 0, 0, 0, 0,
	    D(0, 12), WAITING, D(7, 0), 1, 0, NULL, 0, NULL },
	{ "-1 and nothing else fails after W", objected, P_DEFAULT, 0, 0, 0,
	    0, 0, D(7, 0), FAILED, D(7, 0), 0, 1, "open", 0, "tally +0" },
	{ "explicit -1 fails after W", minus_one, P_DEFAULT, 0, 0, 0, 0, 0,
	    D(8, 0), FAILED, D(7, 0), 0, 1, "open", 0, NULL },
	{ "Nacked-by trailer objects", nak_trailer, P_DEFAULT, 0, 0, 0, 0, 0,
	    D(2, 0), OBJECTED, D(7, 0), 0, 1, "open", 0, NULL },
	{ "NAK flag objects", nak_flag, P_DEFAULT, 0, 0, 0, 0, 0, D(2, 0),
	    OBJECTED, D(7, 0), 0, 1, "open", 0, NULL },
	{ "answered: reply_by is answer + R", answered, P_DEFAULT, 0, 0, 0,
	    0, 0, D(3, 0), OBJECTED, D(16, 0), 1, 1, "open", D(16, 0),
	    "was answered" },
	{ "answer not given yet at now", answered, P_DEFAULT, 0, 0, 0, 0, 0,
	    D(1, 12), OBJECTED, D(7, 0), 1, 1, "open", 0, NULL },
	{ "answered, after W, before R", answered, P_DEFAULT, 0, 0, 0, 0, 0,
	    D(10, 0), OBJECTED, D(16, 0), 1, 1, "open", D(16, 0),
	    "keeps it up" },
	{ "answered, R passed: stale", answered, P_DEFAULT, 0, 0, 0, 0, 0,
	    D(16, 0), STALE, D(16, 0), 2, 1, "stale", D(16, 0),
	    "no longer blocks" },
	{ "stale, with stale-objections-count yes", answered,
	    P_STALE_COUNTS, 0, 0, 0, 0, 0, D(16, 0), STALE, D(16, 0), 1, 1,
	    "stale", D(16, 0), NULL },
	{ "stale objection counted: sum 0 fails", answered_alone,
	    P_STALE_COUNTS, 0, 0, 0, 0, 0, D(16, 0), FAILED, D(7, 0), 0, 1,
	    "stale", D(16, 0), NULL },
	{ "stale objection not counted: +1", answered_alone, P_DEFAULT, 0, 0,
	    0, 0, 0, D(16, 0), STALE, D(16, 0), 1, 1, "stale", D(16, 0),
	    NULL },
	{ "protocol override of R", answered, P_PVCALLS_W3D, 0, 0, 0, 0, 1,
	    D(4, 0), STALE, D(4, 0), 2, 1, "stale", D(4, 0), NULL },
	{ "answered deep in the subthread by a third person", answered_deep,
	    P_DEFAULT, 0, 0, 0, 0, 0, D(4, 0), OBJECTED, D(17, 0), 0, 1,
	    "open", D(17, 0), NULL },
	{ "a reply beside the objection answers nothing", not_under,
	    P_DEFAULT, 0, 0, 0, 0, 0, D(30, 0), OBJECTED, NONE, 1, 1, "open",
	    0, NULL },
	{ "objector replied: clock waits for the next answer",
	    objector_again, P_DEFAULT, 0, 0, 0, 0, 0, D(3, 12), OBJECTED,
	    D(7, 0), 1, 1, "open", 0, NULL },
	{ "objector replied, answered again: new R", objector_again,
	    P_DEFAULT, 0, 0, 0, 0, 0, D(17, 0), OBJECTED, D(18, 0), 1, 1,
	    "open", D(18, 0), NULL },
	{ "objector replied, answered again, R passed", objector_again,
	    P_DEFAULT, 0, 0, 0, 0, 0, D(18, 0), STALE, D(18, 0), 2, 1,
	    "stale", D(18, 0), NULL },
	{ "withdrawn", withdrawn, P_DEFAULT, 0, 0, 0, 0, 0, D(7, 0), AGREED,
	    D(7, 0), 1, 1, "withdrawn", 0, NULL },
	{ "resolved by the objector's ack", resolved_ack, P_DEFAULT, 0, 0, 0,
	    0, 0, D(7, 0), AGREED, D(7, 0), 2, 1, "resolved", 0, NULL },
	{ "resolved by the objector's +1", resolved_vote, P_DEFAULT, 0, 0, 0,
	    0, 0, D(7, 0), AGREED, D(7, 0), 2, 1, "resolved", 0, NULL },
	/* -2. */
	{ "stakeholder -2 in the window: objected", veto, P_DEFAULT, 0, 0, 0,
	    0, 0, D(2, 0), OBJECTED, D(7, 0), 2, 1, "open", 0, NULL },
	{ "stakeholder -2 after W: failed despite +2 tally", veto,
	    P_DEFAULT, 0, 0, 0, 0, 0, D(7, 0), FAILED, D(7, 0), 2, 1, "open",
	    0, "-2 from maintainer mark@example.com" },
	{ "non-stakeholder -2 after W: objected, not failed", veto_nobody,
	    P_DEFAULT, 0, 0, 0, 0, 0, D(8, 0), OBJECTED, D(16, 0), 2, 1,
	    "open", D(16, 0), NULL },
	{ "non-stakeholder -2 goes stale", veto_nobody, P_DEFAULT, 0, 0, 0, 0,
	    0, D(16, 0), STALE, D(16, 0), 4, 1, "stale", D(16, 0), NULL },
	{ "stale stakeholder -2 no longer vetoes", veto_stale, P_DEFAULT, 0,
	    0, 0, 0, 0, D(16, 0), STALE, D(16, 0), 2, 1, "stale", D(16, 0),
	    NULL },
	{ "-1 hardened to -2: one objection, vetoes", harden, P_DEFAULT, 0,
	    0, 0, 0, 0, D(7, 0), FAILED, D(7, 0), -1, 1, "open", 0,
	    "-2 from maintainer" },
	/* maintainer-ack. */
	{ "maintainer-ack yes, silence: waiting", silence, P_MAINT_ACK, 0, 0,
	    0, 0, 0, D(8, 0), WAITING, NONE, 1, 0, NULL, 0,
	    "no maintainer has acked" },
	{ "maintainer-ack yes, non-maintainer ack: waiting", bob_acks,
	    P_MAINT_ACK, 0, 0, 0, 0, 0, D(8, 0), WAITING, NONE, 2, 0, NULL, 0,
	    NULL },
	{ "maintainer-ack yes, maintainer ack: consensus", mark_acks,
	    P_MAINT_ACK, 0, 0, 0, 0, 0, D(8, 0), AGREED, D(7, 0), 2, 0, NULL,
	    0, NULL },
	{ "maintainer-ack no, non-maintainer ack: consensus", bob_acks,
	    P_DEFAULT, 0, 0, 0, 0, 0, D(8, 0), AGREED, D(7, 0), 2, 0, NULL, 0,
	    NULL },
	/* New versions. */
	{ "v2 answers the v1 objection", versions, P_DEFAULT, 2, 0, 0, 0, 0,
	    D(10, 0), OBJECTED, D(22, 0), 1, 1, "open", D(22, 0), NULL },
	{ "v2 after its W, objection open", versions, P_DEFAULT, 2, 0, 0, 0,
	    0, D(21, 0), OBJECTED, D(22, 0), 1, 1, "open", D(22, 0), NULL },
	{ "v1 objector silent for R after v2", versions, P_DEFAULT, 2, 0, 0,
	    0, 0, D(22, 0), STALE, D(22, 0), 2, 1, "stale", D(22, 0), NULL },
	{ "new-version-answers no", versions, P_NO_ANSWERS, 2, 0, 0, 0, 0,
	    D(22, 0), OBJECTED, NONE, 1, 1, "open", 0, NULL },
	{ "v2 in reply to v1 answers too", versions_chained, P_DEFAULT, 2, 0,
	    0, 0, 0, D(22, 0), STALE, D(22, 0), 1, 1, "stale", D(22, 0),
	    NULL },
	{ "objector acks v2: resolved, consensus", versions_acked, P_DEFAULT,
	    2, 0, 0, 0, 0, D(15, 0), AGREED, D(15, 0), 3, 1, "resolved", 0,
	    NULL },
	{ "v2's window restarts: waiting on day 14", versions_acked,
	    P_DEFAULT, 2, 0, 0, 0, 0, D(14, 0), WAITING, D(15, 0), 3, 1,
	    "resolved", 0, NULL },
	/* Superseded and committed. */
	{ "v1 before v2 exists", versions, P_DEFAULT, 1, 0, D(8, 0), 0, 0,
	    D(7, 12), FAILED, D(7, 0), 0, 1, "open", 0, NULL },
	{ "v1 superseded by v2", versions, P_DEFAULT, 1, 0, D(8, 0), 0, 0,
	    D(8, 0), SUPERSEDED, NONE, 0, 1, "open", D(22, 0), "newer" },
	{ "applied by a committer", applied_rex, P_DEFAULT, 0, 0, 0, 0, 0,
	    D(3, 0), COMMITTED, NONE, 1, 0, NULL, 0, "applied by" },
	{ "not applied yet", applied_rex, P_DEFAULT, 0, 0, 0, 0, 0,
	    D(2, 23), WAITING, D(7, 0), 1, 0, NULL, 0, NULL },
	{ "\"applied\" from a non-committer", applied_bob, P_DEFAULT, 0, 0, 0,
	    0, 0, D(8, 0), AGREED, D(7, 0), 1, 0, NULL, 0, NULL },
	{ "\"applied\" from the proposer, no committer", applied_self,
	    P_DEFAULT, 0, 0, 0, 0, 0, D(8, 0), AGREED, D(7, 0), 1, 0, NULL, 0,
	    NULL },
	{ "\"applied\" from a proposer who is a committer",
	    applied_self_committer,
	    P_DEFAULT, 0, 0, 0, 0, 0, D(8, 0), COMMITTED, NONE, 1, 0, NULL, 0,
	    NULL },
	{ "applying v1 does not commit v2", applied_old, P_DEFAULT, 2, 0, 0,
	    0, 0, D(10, 0), OBJECTED, D(22, 0), 1, 1, "open", D(22, 0),
	    NULL },
	{ "committed by the Czar's command", objected, P_DEFAULT, 0, 0, 0,
	    D(5, 0), 0, D(5, 0), COMMITTED, NONE, 0, 1, "open", 0, "Czar" },
	{ "superseded wins over committed", versions, P_DEFAULT, 1, 0,
	    D(8, 0), D(5, 0), 0, D(9, 0), SUPERSEDED, NONE, 1, 1, "open",
	    D(22, 0), NULL },
};

static struct policy *
make_policy(int flags)
{
	static const char	 text[] = "protocol pvcalls\n\twindow 3d\n"
				    "\tresponsive 2d\n";
	struct policy		*pol;
	char			*cause = NULL;

	if (flags & P_PVCALLS_W3D) {
		if (policy_parse(text, sizeof text - 1, "t.conf", &pol,
		    &cause) != 0) {
			printf("# %s\n", cause);
			exit(1);
		}
	} else {
		pol = calloc(1, sizeof *pol);
		policy_defaults(pol);
	}
	/* These cases are the tally's: explicit lazy-consensus calls. */
	pol->changes = POLICY_LAZY;
	pol->maintainer_ack = (flags & P_MAINT_ACK) != 0;
	pol->stale_counts = (flags & P_STALE_COUNTS) != 0;
	pol->version_answers = (flags & P_NO_ANSWERS) == 0;
	pol->tested_vote = (flags & P_TESTED) != 0;
	pol->proposer_vote = (flags & P_PROPOSER0) ? 0 : 1;
	return (pol);
}

static size_t
count(const struct consensus_msg *m)
{
	size_t	n = 0;

	while (m[n].id != NULL)
		n++;
	return (n);
}

static void
make_proposal(const struct ccase *c, struct consensus_proposal *p)
{
	static char	*pvcalls[] = { "pvcalls" };
	size_t		 i;

	memset(p, 0, sizeof *p);
	p->version = c->version != 0 ? c->version : 1;
	p->root = p->version == 1 ? "p1" : "p2";
	p->subject = "[PATCH] pvcalls: test";
	p->kind = "series";
	p->proposer = ALICE;
	p->window = c->window;
	p->superseded_at = c->superseded_at;
	p->committed_at = c->committed_at;
	p->msgs = (struct consensus_msg *)c->msgs;
	p->nmsgs = count(c->msgs);
	for (i = 0; i < p->nmsgs; i++)
		if (strcmp(p->msgs[i].id, p->root) == 0)
			p->start = p->msgs[i].date;
	if (c->pvcalls) {
		p->protocols = pvcalls;
		p->nprotocols = 1;
	}
}

static void
run_case(const struct ccase *c)
{
	struct consensus_proposal	 p;
	struct consensus_result		 r;
	struct policy			*pol = make_policy(c->pol);
	int				 ok = 1;

	printf("# %s\n", c->what);
	make_proposal(c, &p);
	consensus_evaluate(pol, &p, c->now, &r);
	ok &= check_str(r.verdict, c->verdict);
	ok &= check_int(r.deadline, c->deadline);
	ok &= check_int(r.sum, c->sum);
	ok &= check_int(r.nobjections, c->nobj);
	if (c->nobj > 0) {
		ok &= check_str(r.objections[0].state, c->obj_state);
		ok &= check_int(r.objections[0].reply_by, c->reply_by);
	}
	if (c->reason != NULL)
		ok &= check(strstr(r.reason, c->reason) != NULL);
	if (!ok)
		printf("#   reason: %s\n", r.reason);
	consensus_result_free(&r);
	policy_free(pol);
}

static const struct consensus_opinion *
opinion(const struct consensus_result *r, const char *email)
{
	size_t	i;

	for (i = 0; i < r->nopinions; i++)
		if (strcmp(r->opinions[i].email, email) == 0)
			return (&r->opinions[i]);
	return (NULL);
}

/* The tally's parts: who, how much, from which message. */
static void
test_opinions(void)
{
	struct consensus_proposal	 p;
	struct consensus_result		 r;
	struct policy			 pol;
	struct ccase			 c;
	const struct consensus_opinion	*o;

	policy_defaults(&pol);
	memset(&c, 0, sizeof c);
	c.msgs = acks;
	make_proposal(&c, &p);
	consensus_evaluate(&pol, &p, D(8, 0), &r);
	/* The proposer's implied +1 is in the sum, not in the list. */
	check(opinion(&r, ALICE) == NULL);
	check(opinion(&r, RITA) == NULL);	/* Tested-by only */
	if (check((o = opinion(&r, BOB)) != NULL)) {
		check_int(o->vote, 1);
		check_str(o->message_id, "b2");
		check_int(o->stakeholder, 0);
	}
	if (check((o = opinion(&r, MARK)) != NULL)) {
		check_int(o->vote, 2);
		check_int(o->stakeholder, 1);
	}
	consensus_result_free(&r);

	c.msgs = change_mind;
	make_proposal(&c, &p);
	consensus_evaluate(&pol, &p, D(3, 0), &r);
	check_int(r.nopinions, 1);
	if (check((o = opinion(&r, BOB)) != NULL))
		check_int(o->vote, -1);
	if (check(r.nobjections == 1)) {
		check_str(r.objections[0].message_id, "b2");
		check_int(r.objections[0].since, D(2, 0));
		check_int(r.objections[0].vote, -1);
	}
	consensus_result_free(&r);

	/* A -1 hardened into a -2 is one objection, now -2. */
	c.msgs = harden;
	make_proposal(&c, &p);
	consensus_evaluate(&pol, &p, D(3, 0), &r);
	if (check(r.nobjections == 1)) {
		check_int(r.objections[0].vote, -2);
		check_str(r.objections[0].message_id, "m1");
		check_int(r.objections[0].stakeholder, 1);
	}
	consensus_result_free(&r);

	/* A withdrawn objection leaves a 0, not a -1. */
	c.msgs = withdrawn;
	make_proposal(&c, &p);
	consensus_evaluate(&pol, &p, D(7, 0), &r);
	if (check((o = opinion(&r, OLGA)) != NULL))
		check_int(o->vote, 0);
	consensus_result_free(&r);

	/* The window ends where W says. */
	c.msgs = silence;
	make_proposal(&c, &p);
	consensus_evaluate(&pol, &p, D(1, 0), &r);
	check_int(r.window_end, D(7, 0));
	consensus_result_free(&r);
}

static int
same_result(const struct consensus_result *a, const struct consensus_result *b)
{
	size_t	i;

	if (strcmp(a->verdict, b->verdict) != 0 ||
	    strcmp(a->reason, b->reason) != 0 || a->deadline != b->deadline ||
	    a->window_end != b->window_end || a->sum != b->sum ||
	    a->nopinions != b->nopinions || a->nobjections != b->nobjections)
		return (0);
	for (i = 0; i < a->nopinions; i++)
		if (strcmp(a->opinions[i].email, b->opinions[i].email) != 0 ||
		    a->opinions[i].vote != b->opinions[i].vote ||
		    strcmp(a->opinions[i].message_id,
		    b->opinions[i].message_id) != 0)
			return (0);
	for (i = 0; i < a->nobjections; i++)
		if (strcmp(a->objections[i].state,
		    b->objections[i].state) != 0 ||
		    a->objections[i].reply_by != b->objections[i].reply_by ||
		    strcmp(a->objections[i].message_id,
		    b->objections[i].message_id) != 0)
			return (0);
	return (1);
}

/* Evaluating twice gives the same answer, for every case. */
static void
test_deterministic(void)
{
	struct consensus_proposal	 p;
	struct consensus_result		 r1, r2;
	struct policy			*pol;
	size_t				 i;
	int				 same = 1;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		pol = make_policy(cases[i].pol);
		make_proposal(&cases[i], &p);
		consensus_evaluate(pol, &p, cases[i].now, &r1);
		consensus_evaluate(pol, &p, cases[i].now, &r2);
		if (!same_result(&r1, &r2)) {
			printf("# differs: %s\n", cases[i].what);
			same = 0;
		}
		consensus_result_free(&r1);
		consensus_result_free(&r2);
		policy_free(pol);
	}
	check(same);
}

/* Protocol states from verdicts. */
struct pcase {
	const char	*what;
	const char	*stage;
	time_t		 since, last;
	const char	*kind;		/* first proposal, or NULL */
	int		 support_md;
	const char	*verdict;
	const char	*kind2;		/* second proposal, or NULL */
	const char	*verdict2;
	int		 stalled_override;
	const char	*want;
	const char	*evidence;
	const char	*reason;
};

#define NOW	D(200, 0)

static const struct pcase pcases[] = {
	{ "no proposals", "design", 0, 0, NULL, 0, NULL, NULL, NULL, 0,
	    CONSENSUS_OK, NULL, "no proposals" },
	{ "design at consensus: ripe", "design", D(0, 0), D(199, 0),
	    "design", 0, AGREED, NULL, NULL, 0, CONSENSUS_RIPE, "d1",
	    "ready for prototype" },
	{ "design committed: ripe", "design", 0, 0, "design", 0, COMMITTED,
	    NULL, NULL, 0, CONSENSUS_RIPE, "d1", NULL },
	/* The engine's reading: a stale objection is for the Czar. */
	{ "design with a stale objection: ripe", "design", 0, 0, "design", 0,
	    STALE, NULL, NULL, 0, CONSENSUS_RIPE, "d1", "the Czar decides" },
	{ "design still waiting: ok", "design", 0, 0, "design", 0, WAITING,
	    NULL, NULL, 0, CONSENSUS_OK, NULL, "none blocking or ripe" },
	{ "design failed: ok", "design", 0, 0, "design", 0, FAILED, NULL,
	    NULL, 0, CONSENSUS_OK, NULL, NULL },
	{ "a series is no design: ok", "design", 0, 0, "series", 0, AGREED,
	    NULL, NULL, 0, CONSENSUS_OK, NULL, NULL },
	{ "objected: blocked", "design", 0, 0, "design", 0, OBJECTED, NULL,
	    NULL, 0, CONSENSUS_BLOCKED, "d1", "open objection" },
	{ "blocked beats ripe", "design", 0, 0, "design", 0, AGREED, "series",
	    OBJECTED, 0, CONSENSUS_BLOCKED, "d2", NULL },
	{ "prototype, series changing SUPPORT.md: ripe", "prototype", 0, 0,
	    "series", 1, AGREED, NULL, NULL, 0, CONSENSUS_RIPE, "d1",
	    "ready for production" },
	{ "prototype, series not changing SUPPORT.md: ok", "prototype", 0, 0,
	    "series", 0, COMMITTED, NULL, NULL, 0, CONSENSUS_OK, NULL, NULL },
	{ "prototype, agreed design: ok", "prototype", 0, 0, "design", 0,
	    AGREED, NULL, NULL, 0, CONSENSUS_OK, NULL, NULL },
	{ "production is never ripe", "production", 0, 0, "series", 1,
	    AGREED, NULL, NULL, 0, CONSENSUS_OK, NULL, NULL },
	{ "design, 91 days quiet: stalled", "design", D(0, 0), D(109, 0),
	    NULL, 0, NULL, NULL, NULL, 0, CONSENSUS_STALLED, NULL,
	    "no activity in the design stage for 91 days" },
	{ "design, 89 days quiet: ok", "design", D(0, 0), D(111, 0), NULL, 0,
	    NULL, NULL, NULL, 0, CONSENSUS_OK, NULL, NULL },
	{ "quiet counts from the stage change too", "prototype", D(150, 0),
	    D(10, 0), NULL, 0, NULL, NULL, NULL, 0, CONSENSUS_OK, NULL, NULL },
	{ "prototype, 150 days quiet: stalled", "prototype", D(50, 0),
	    D(10, 0), "series", 0, WAITING, NULL, NULL, 0, CONSENSUS_STALLED,
	    NULL, NULL },
	{ "stalled override per protocol", "design", D(0, 0), D(50, 0), NULL,
	    0, NULL, NULL, NULL, 1, CONSENSUS_OK, NULL, NULL },
	{ "production never stalls", "production", D(0, 0), D(1, 0), NULL, 0,
	    NULL, NULL, NULL, 0, CONSENSUS_OK, NULL, NULL },
	{ "no date known: not stalled", "design", 0, 0, NULL, 0, NULL, NULL,
	    NULL, 0, CONSENSUS_OK, NULL, NULL },
};

static void
run_pcase(const struct pcase *c)
{
	static const char		 text[] = "protocol pvcalls\n"
					    "\tstalled 200d\n";
	struct consensus_protocol	 pr;
	struct consensus_protocol_state	 out;
	struct consensus_proposal	 p[2];
	struct consensus_result		 r[2];
	const struct consensus_proposal	*ps[2];
	const struct consensus_result	*rs[2];
	struct policy			*pol, def;
	char				*cause = NULL;
	size_t				 n = 0;

	printf("# %s\n", c->what);
	policy_defaults(&def);
	pol = &def;
	if (c->stalled_override && policy_parse(text, sizeof text - 1,
	    "t.conf", &pol, &cause) != 0) {
		printf("# %s\n", cause);
		exit(1);
	}
	memset(p, 0, sizeof p);
	memset(r, 0, sizeof r);
	memset(&pr, 0, sizeof pr);
	pr.name = "pvcalls";
	pr.stage = c->stage;
	pr.since = c->since;
	pr.last_activity = c->last;
	if (c->kind != NULL) {
		p[n].root = "d1";
		p[n].subject = "first";
		p[n].kind = c->kind;
		p[n].support_md = c->support_md;
		r[n].verdict = c->verdict;
		ps[n] = &p[n];
		rs[n] = &r[n];
		n++;
	}
	if (c->kind2 != NULL) {
		p[n].root = "d2";
		p[n].subject = "second";
		p[n].kind = c->kind2;
		r[n].verdict = c->verdict2;
		ps[n] = &p[n];
		rs[n] = &r[n];
		n++;
	}
	consensus_protocol_evaluate(pol, &pr, ps, rs, n, NOW, &out);
	check_str(out.state, c->want);
	check_str(out.evidence, c->evidence);
	if (c->reason != NULL && !check(strstr(out.reason, c->reason) != NULL))
		printf("#   reason: %s\n", out.reason);
	if (pol != &def)
		policy_free(pol);
}

static void
test_stages(void)
{
	check_str(consensus_next_stage("design"), "prototype");
	check_str(consensus_next_stage("prototype"), "production");
	check(consensus_next_stage("production") == NULL);
	check(consensus_is_stage("design"));
	check(consensus_is_stage("production"));
	check(!consensus_is_stage("released"));
	check(!consensus_is_stage(""));
}

int
main(void)
{
	size_t	i;

	check_int(T0, datetime_from_civil(2026, 11, 2, 10, 0, 0));
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++)
		run_case(&cases[i]);
	test_opinions();
	test_deterministic();
	for (i = 0; i < sizeof pcases / sizeof pcases[0]; i++)
		run_pcase(&pcases[i]);
	test_stages();
	return (tap_done());
}
