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
#define JAN	"jan@example.com"	/* M: of x86 and of THE REST */

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

static struct consensus_section io = { .title = "PUBLIC I/O", .m = io_m,
    .m_email = io_e, .nm = 1 };
static struct consensus_section tools = { .title = "TOOLSTACK",
    .m = tools_m, .m_email = tools_e, .nm = 1 };
static struct consensus_section own = { .title = "RING", .m = alice_m,
    .m_email = alice_e, .nm = 1 };
static const char *rest_m[] = { "Rex Rest <rex@example.org>" };
static const char *rest_e[] = { REX };
/* The header's section, with THE REST's M: as stand-ins. */
static struct consensus_section io_rest = { .title = "PUBLIC I/O",
    .m = io_m, .m_email = io_e, .nm = 1, .alt = rest_m, .alt_email = rest_e,
    .nalt = 1 };

/*
 * "# area" suffixes (design.md §5 A.1): sections with their F: patterns
 * and the touched paths they are the most specific section of.  Jan is
 * an M: of the x86 code and of THE REST, Tony of the tools and LIBS.
 */
static const char *jan_m[] = { "Jan Xen <jan@example.com>" };
static const char *jan_e[] = { JAN };
static const char *jan_rex_m[] = { "Jan Xen <jan@example.com>",
    "Rex Rest <rex@example.org>" };
static const char *jan_rex_e[] = { JAN, REX };
static const char *x86_f[] = { "xen/arch/x86/",
    "xen/include/public/arch-x86/" };
static const char *x86_p[] = { "xen/arch/x86/mm.c" };
static const char *rest_f[] = { "*", "*/" };
static const char *rest_p[] = { "xen/common/memory.c" };
static const char *toolsf_f[] = { "tools/" };
static const char *toolsf_p[] = { "tools/xl/xl_cmdtable.c" };
static const char *libs_f[] = { "tools/include/libxl*.h", "tools/libs/" };
static const char *libs_p[] = { "tools/libs/light/flexarray.c" };
static struct consensus_section x86 = { .title = "X86 ARCHITECTURE",
    .m = jan_m, .m_email = jan_e, .nm = 1, .f = x86_f, .nf = 2,
    .paths = x86_p, .npaths = 1 };
static struct consensus_section rest = { .title = "THE REST",
    .m = jan_rex_m, .m_email = jan_rex_e, .nm = 2, .f = rest_f, .nf = 2,
    .paths = rest_p, .npaths = 1 };
static struct consensus_section toolsf = { .title = "TOOLSTACK",
    .m = tools_m, .m_email = tools_e, .nm = 1, .f = toolsf_f, .nf = 1,
    .paths = toolsf_p, .npaths = 1 };
static struct consensus_section libs = { .title = "LIBS", .m = tools_m,
    .m_email = tools_e, .nm = 1, .f = libs_f, .nf = 2, .paths = libs_p,
    .npaths = 1 };

/* Sections: which the proposal touches. */
#define S_NONE		0	/* no MAINTAINERS file */
#define S_IO		1
#define S_IO_TOOLS	2
#define S_OWN		3	/* the author is its M: */
#define S_IO_REST	4	/* the header's, THE REST may stand in */
#define S_X86		5	/* x86 code */
#define S_X86_REST	6	/* x86 and common code */
#define S_TOOLS_F	7	/* the tools, with F: and paths */
#define S_TOOLS_LIBS	8	/* the tools and the libraries */

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

/* Mark acks; then Alice NAKs her own version. */
static const struct consensus_msg author_naks[] = {
	ROOT1,
	{ M("m1", "p1", MARK, D(1, 0), CLASSIFY_ACK, 1), .acked = 1,
	    .stakeholder = 1 },
	{ M("a1", "p1", ALICE, D(2, 0), CLASSIFY_OTHER, 1),
	    .flags = CLASSIFY_F_NAK },
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

/* Jan acks: for the x86 code only, ... */
#define JAN_ACKS(a) \
	ROOT1, \
	{ M("j1", "p1", JAN, D(1, 0), CLASSIFY_ACK, 1), .acked = 1, \
	    .stakeholder = 1, .area = (a) }, \
	END
static const struct consensus_msg jan_plain[] = { JAN_ACKS(NULL) };
static const struct consensus_msg jan_x86[] = { JAN_ACKS("x86") };
static const struct consensus_msg jan_filler[] = {
	JAN_ACKS("for the X86 bits")
};
static const struct consensus_msg jan_series[] = {
	JAN_ACKS("for the whole series")
};
static const struct consensus_msg jan_arm[] = { JAN_ACKS("arm") };
static const struct consensus_msg jan_common[] = { JAN_ACKS("common") };
static const struct consensus_msg jan_both[] = { JAN_ACKS("x86, common") };
static const struct consensus_msg jan_not_x86[] = {
	JAN_ACKS("all but the x86 parts")
};

/* Tony acks the tools ("tools" is no word of "TOOLSTACK": its F: is). */
#define TONY_ACKS(a) \
	ROOT1, \
	{ M("t1", "p1", TONY, D(1, 0), CLASSIFY_ACK, 1), .acked = 1, \
	    .stakeholder = 1, .area = (a) }, \
	END
static const struct consensus_msg tony_tools[] = { TONY_ACKS("tools") };
static const struct consensus_msg tony_libxl[] = {
	TONY_ACKS("for the libxl part")
};
static const struct consensus_msg tony_libs_path[] = {
	TONY_ACKS("tools/libs")
};

/* Rex (THE REST) acks, limited; Mark never says a word. */
static const struct consensus_msg rex_public[] = {
	ROOT1,
	{ M("r1", "p1", REX, D(1, 0), CLASSIFY_ACK, 1), .acked = 1,
	    .stakeholder = 1, .area = "public headers" },
	END
};
static const struct consensus_msg rex_x86[] = {
	ROOT1,
	{ M("r1", "p1", REX, D(1, 0), CLASSIFY_ACK, 1), .acked = 1,
	    .stakeholder = 1, .area = "x86" },
	END
};

/* Bob, no maintainer, reviews the arm part. */
static const struct consensus_msg bob_arm[] = {
	ROOT1,
	{ M("b1", "p1", BOB, D(1, 0), CLASSIFY_ACK, 1), .acked = 1,
	    .area = "arm" },
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
	{ "the author's NAK of their own version: a new one is owed",
	    author_naks, S_IO, 1, 0, NULL, D(8, 0), CONSENSUS_CHANGES, 0,
	    ALICE " asked for changes on 2026-11-04", NULL },
	{ "... and before it, the approval stands", author_naks, S_IO, 1, 0,
	    NULL, D(1, 12), CONSENSUS_WAITING, NOCHK, NULL, NULL },
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
	/* "# area" suffixes limit an ack to that area. */
	{ "area: an ack limited to a touched section approves it", jan_x86,
	    S_X86, 1, 0, NULL, D(8, 0), CONSENSUS_CONSENSUS, D(7, 0),
	    "approved by " JAN " (M: X86 ARCHITECTURE)", NULL },
	{ "area: without one, an ack covers all of its M:'s sections",
	    jan_plain, S_X86_REST, 1, 0, NULL, D(8, 0), CONSENSUS_CONSENSUS,
	    NOCHK, NULL, NULL },
	{ "area: ... with one, not the sections it does not name", jan_x86,
	    S_X86_REST, 1, 0, NULL, D(8, 0), CONSENSUS_NEEDS_REVIEW, 0,
	    "approval needed from THE REST: Jan Xen, Rex Rest", NULL },
	{ "area: a word of a touched path names its section", jan_common,
	    S_X86_REST, 1, 0, NULL, D(8, 0), CONSENSUS_NEEDS_REVIEW, 0,
	    "approval needed from X86 ARCHITECTURE: Jan Xen", NULL },
	{ "area: two areas name two sections", jan_both, S_X86_REST, 1, 0,
	    NULL, D(8, 0), CONSENSUS_CONSENSUS, NOCHK, NULL, NULL },
	{ "area: filler words aside (\"for the X86 bits\")", jan_filler,
	    S_X86_REST, 1, 0, NULL, D(8, 0), CONSENSUS_NEEDS_REVIEW, 0,
	    "approval needed from THE REST", NULL },
	{ "area: ... which approves the section it names", jan_filler, S_X86,
	    1, 0, NULL, D(8, 0), CONSENSUS_CONSENSUS, NOCHK, NULL, NULL },
	{ "area: \"all but the x86 parts\" leaves x86 to someone else",
	    jan_not_x86, S_X86_REST, 1, 0, NULL, D(8, 0),
	    CONSENSUS_NEEDS_REVIEW, 0, "approval needed from X86 ARCHITECTURE: "
	    "Jan Xen", NULL },
	{ "area: only filler (\"for the whole series\") limits nothing",
	    jan_series, S_X86_REST, 1, 0, NULL, D(8, 0), CONSENSUS_CONSENSUS,
	    NOCHK, NULL, NULL },
	{ "area: naming no touched section, the ack counts for nothing",
	    jan_arm, S_X86, 1, 0, NULL, D(8, 0), CONSENSUS_NEEDS_REVIEW, 0,
	    "X86 ARCHITECTURE: Jan Xen; " JAN "'s ack is limited to 'arm', "
	    "which names none of the touched sections", NULL },
	{ "area: ... not even as someone else's review (#2)", bob_arm, S_OWN,
	    1, 0, NULL, D(8, 0), CONSENSUS_NEEDS_REVIEW, 0, "no approval that "
	    "counts from anyone but the author; " BOB "'s ack is limited to "
	    "'arm'", NULL },
	{ "area: ... and says so in the window", jan_arm, S_X86, 1, 0, NULL,
	    D(2, 0), CONSENSUS_WAITING, D(7, 0), "is limited to 'arm'", NULL },
	{ "area: an F: pattern names its section (\"tools\": F: tools/)",
	    tony_tools, S_TOOLS_F, 1, 0, NULL, D(8, 0), CONSENSUS_CONSENSUS,
	    NOCHK, "(M: TOOLSTACK)", NULL },
	{ "area: ... a word of one (\"libxl\": F: tools/include/libxl*.h)",
	    tony_libxl, S_TOOLS_LIBS, 1, 0, NULL, D(8, 0),
	    CONSENSUS_NEEDS_REVIEW, 0, "approval needed from TOOLSTACK: Tony "
	    "Tools", NULL },
	{ "area: a path names the sections whose paths lie under it",
	    tony_libs_path, S_TOOLS_LIBS, 1, 0, NULL, D(8, 0),
	    CONSENSUS_NEEDS_REVIEW, 0, "approval needed from TOOLSTACK", NULL },
	{ "area: a stand-in's ack naming the section stands in", rex_public,
	    S_IO_REST, 1, 0, NULL, D(21, 0), CONSENSUS_CONSENSUS, NOCHK,
	    "approved by " REX, NULL },
	{ "area: ... one naming another does not", rex_x86, S_IO_REST, 1, 0,
	    NULL, D(21, 0), CONSENSUS_NEEDS_REVIEW, 0, "approval needed from "
	    "PUBLIC I/O: Mark Io; " REX "'s ack is limited to 'x86'", NULL },
	{ "area: no MAINTAINERS, nothing to limit: it approves", bob_arm,
	    S_NONE, 1, 0, NULL, D(8, 0), CONSENSUS_CONSENSUS, NOCHK, NULL,
	    NULL },
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
	case S_X86:
		sec[0] = x86;
		p->nsections = 1;
		break;
	case S_X86_REST:
		sec[0] = x86;
		sec[1] = rest;
		p->nsections = 2;
		break;
	case S_TOOLS_F:
		sec[0] = toolsf;
		p->nsections = 1;
		break;
	case S_TOOLS_LIBS:
		sec[0] = toolsf;
		sec[1] = libs;
		p->nsections = 2;
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

/* The area rule itself: which words and paths name which sections. */
static void
test_area_names(void)
{
	static const struct {
		const char			*area;
		const struct consensus_section	*s;
		int				 names;
	} t[] = {
		{ NULL, &x86, 1 },
		{ "x86", &x86, 1 },
		{ "X86", &x86, 1 },
		{ "for the x86 bits", &x86, 1 },
		{ "x86 side", &x86, 1 },
		{ "arm", &x86, 0 },
		{ "x86", &rest, 0 },
		{ "common", &rest, 1 },		/* xen/common/memory.c */
		{ "arm", &rest, 0 },
		{ "rest", &rest, 1 },		/* its title */
		{ "tools", &toolsf, 1 },	/* F: tools/ */
		{ "tool", &toolsf, 1 },		/* a final "s" aside */
		{ "toolstack", &toolsf, 1 },
		{ "libxl", &libs, 1 },		/* F: tools/include/libxl*.h */
		{ "libxl", &toolsf, 0 },
		{ "tools/libs", &libs, 1 },
		{ "tools/libs/", &libs, 1 },
		{ "tools/libs", &toolsf, 0 },	/* tools/xl is not under it */
		{ "tools", &libs, 1 },		/* tools/libs/ is */
		{ "xen/arch/x86", &x86, 1 },
		{ "xen/arch/arm", &x86, 0 },	/* a path, not "xen" */
		{ "xen/arch/arm", &rest, 0 },
		{ "xen", &rest, 1 },		/* as a word, it is */
		{ "for the whole series", &x86, 1 },	/* no limit */
		{ "4.18", &rest, 1 },		/* no limit */
		/* Negated up to the next comma. */
		{ "x86, not common", &x86, 1 },
		{ "x86, not common", &rest, 0 },
		{ "x86 but not the common bits", &rest, 0 },
		{ "not x86, common", &rest, 1 },
		{ "not x86", &x86, 0 },
		{ "all but x86", &rest, 1 },	/* everything else */
		{ "except xen/arch/x86", &x86, 0 },
		{ "except xen/arch/x86", &rest, 1 },
	};
	size_t	i;
	int	ok;

	for (i = 0; i < sizeof t / sizeof t[0]; i++) {
		ok = check_int(consensus_area_names(t[i].area, t[i].s),
		    t[i].names);
		if (!ok)
			printf("#   area '%s', section %s\n",
			    t[i].area != NULL ? t[i].area : "(none)",
			    t[i].s->title);
	}
	check_int(consensus_area_limits("x86"), 1);
	check_int(consensus_area_limits("not x86"), 1);
	check_int(consensus_area_limits("for the libxl part"), 1);
	check_int(consensus_area_limits("for the whole series"), 0);
	check_int(consensus_area_limits("4.18"), 0);
	check_int(consensus_area_limits(""), 0);
	check_int(consensus_area_limits(NULL), 0);
}

/* The evidence shows the area, and whether the approval counts. */
static void
test_area_evidence(void)
{
	struct consensus_proposal	 p;
	struct consensus_section	 sec[2];
	struct consensus_result		 r;
	struct policy			*pol = make_policy(NULL);
	struct kcase			 c;

	memset(&c, 0, sizeof c);
	c.msgs = jan_x86;
	c.sections = S_X86_REST;
	c.version = 1;
	make_proposal(&c, &p, sec);
	consensus_evaluate(pol, &p, D(8, 0), &r);
	if (check(r.nevidence > 0)) {
		check_str(r.evidence[0].kind, CONSENSUS_EV_APPROVAL);
		check_str(r.evidence[0].area, "x86");
		check_int(r.evidence[0].outside, 0);
		check_str(r.evidence[0].section, "X86 ARCHITECTURE");
	}
	consensus_result_free(&r);

	c.msgs = jan_arm;
	make_proposal(&c, &p, sec);
	consensus_evaluate(pol, &p, D(8, 0), &r);
	if (check(r.nevidence > 0)) {
		check_str(r.evidence[0].kind, CONSENSUS_EV_APPROVAL);
		check_str(r.evidence[0].area, "arm");
		check_int(r.evidence[0].outside, 1);
		check(r.evidence[0].section == NULL);
		check_int(r.evidence[0].maintainer, 0);
	}
	consensus_result_free(&r);

	/* Without MAINTAINERS the area is shown, and the ack counts. */
	c.msgs = bob_arm;
	c.sections = S_NONE;
	make_proposal(&c, &p, sec);
	consensus_evaluate(pol, &p, D(8, 0), &r);
	if (check(r.nevidence > 0)) {
		check_str(r.evidence[0].area, "arm");
		check_int(r.evidence[0].outside, 0);
	}
	consensus_result_free(&r);
	policy_free(pol);
}

/*
 * A series: 1/2 changes x86 code, 2/2 common code; Jan's ack on the
 * cover applies to every patch, limited to x86 on each.
 */
static void
test_area_cover(void)
{
	static const struct consensus_msg msgs[] = {
		{ M("c0", NULL, ALICE, D(0, 0), CLASSIFY_COVER, 1),
		    .total = 2 },
		{ M("c1", "c0", ALICE, D(0, 0), CLASSIFY_PATCH, 1), .part = 1,
		    .total = 2, .sections = 1 },
		{ M("c2", "c0", ALICE, D(0, 0), CLASSIFY_PATCH, 1), .part = 2,
		    .total = 2, .sections = 2 },
		{ M("j1", "c0", JAN, D(1, 0), CLASSIFY_ACK, 1), .acked = 1,
		    .stakeholder = 1, .area = "x86" },
		END
	};
	static const struct consensus_msg plain[] = {
		{ M("c0", NULL, ALICE, D(0, 0), CLASSIFY_COVER, 1),
		    .total = 2 },
		{ M("c1", "c0", ALICE, D(0, 0), CLASSIFY_PATCH, 1), .part = 1,
		    .total = 2, .sections = 1 },
		{ M("c2", "c0", ALICE, D(0, 0), CLASSIFY_PATCH, 1), .part = 2,
		    .total = 2, .sections = 1 },
		{ M("j1", "c0", JAN, D(1, 0), CLASSIFY_ACK, 1), .acked = 1,
		    .stakeholder = 1, .area = "for the x86 part" },
		END
	};
	struct consensus_proposal	 p;
	struct consensus_section	 sec[2];
	struct consensus_result		 r;
	struct policy			*pol = make_policy(NULL);
	struct kcase			 c;

	memset(&c, 0, sizeof c);
	c.msgs = msgs;
	c.sections = S_X86_REST;
	c.version = 1;
	make_proposal(&c, &p, sec);
	p.root = "c0";
	p.start = D(0, 0);
	consensus_evaluate(pol, &p, D(8, 0), &r);
	check_str(r.verdict, CONSENSUS_NEEDS_REVIEW);
	check(strstr(r.reason, "approval needed from THE REST") != NULL);
	check(strstr(r.reason, "1 of 2 patches at consensus") != NULL);
	if (check_int(r.npatch, 2)) {
		check_str(r.patches[0].verdict, CONSENSUS_CONSENSUS);
		check(strstr(r.patches[0].reason, "(M: X86 ARCHITECTURE)") !=
		    NULL);
		check_str(r.patches[1].verdict, CONSENSUS_NEEDS_REVIEW);
		check(strstr(r.patches[1].reason, "approval needed from THE "
		    "REST") != NULL);
		check(strstr(r.patches[1].reason, "limited to 'x86', which "
		    "names none of the touched sections") != NULL);
		if (check(r.patches[1].nevidence > 0))
			check_int(r.patches[1].evidence[0].outside, 1);
	}
	consensus_result_free(&r);

	/* Both patches change x86 code: the cover's ack approves both. */
	c.msgs = plain;
	c.sections = S_X86;
	make_proposal(&c, &p, sec);
	p.root = "c0";
	p.start = D(0, 0);
	consensus_evaluate(pol, &p, D(8, 0), &r);
	check_str(r.verdict, CONSENSUS_CONSENSUS);
	if (check_int(r.npatch, 2)) {
		check_str(r.patches[0].verdict, CONSENSUS_CONSENSUS);
		check_str(r.patches[1].verdict, CONSENSUS_CONSENSUS);
	}
	consensus_result_free(&r);
	policy_free(pol);
}

static const struct kcase *
case_named(const char *what)
{
	size_t	i;

	for (i = 0; strcmp(cases[i].what, what) != 0; i++)
		;
	return (&cases[i]);
}

/* The same facts give the same verdict, whatever the evaluation before. */
static void
test_deterministic(void)
{
	struct consensus_proposal	 p;
	struct consensus_section	 sec[2];
	struct consensus_result		 a, b;
	struct policy			*pol = make_policy(NULL);

	make_proposal(case_named("an objection after consensus reopens it"),
	    &p, sec);
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

/*
 * A commit (here from a notice in mail) outranks later mail: the late
 * objection that reopens a consensus reopens nothing once the patch is in
 * the tree, and the reason names the notice.
 */
static void
test_notice_commit(void)
{
	struct consensus_msg		 msgs[8];
	struct kcase			 c;
	struct consensus_proposal	 p;
	struct consensus_section	 sec[2];
	struct consensus_result		 r;
	struct policy			*pol = make_policy(NULL);
	size_t				 i;

	for (i = 0; late_objection[i].id != NULL; i++)
		msgs[i] = late_objection[i];
	msgs[i] = late_objection[i];
	msgs[0].patch = 1;
	msgs[0].committed_at = D(8, 0);
	msgs[0].commit = "0a1b2c3d4e5f60718293a4b5c6d7e8f901234567";
	msgs[0].commit_how = "notice";
	msgs[0].commit_source = "mail <n1@example.org>";
	memset(&c, 0, sizeof c);
	c.msgs = msgs;
	c.sections = S_IO;
	c.version = 1;
	make_proposal(&c, &p, sec);
	consensus_evaluate(pol, &p, D(7, 12), &r);
	check_str(r.verdict, CONSENSUS_CONSENSUS);
	consensus_result_free(&r);
	consensus_evaluate(pol, &p, D(10, 0), &r);
	check_str(r.verdict, CONSENSUS_COMMITTED);
	check_str(r.reason, "committed 2026-11-10 as 0a1b2c3d4e5f (notice in "
	    "<n1@example.org>)");
	check_str(r.notice, "<n1@example.org>");
	check_int(r.reopened, 0);
	consensus_result_free(&r);
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
	test_area_names();
	test_area_evidence();
	test_area_cover();
	test_notice_commit();
	return (tap_done());
}
