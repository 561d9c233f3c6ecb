/*
 * Classification with the shipped rules.conf: kinds, trailers, votes,
 * windows, commands; rules file errors; runaway patterns; who may give
 * commands by mail.
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "buf.h"
#include "classify.h"
#include "mail-command.h"
#include "config.h"
#include "maintainers.h"
#include "message.h"
#include "protocols.h"
#include "rules.h"
#include "rules-need.h"
#include "series.h"
#include "tap.h"
#include "xmalloc.h"

/* A small patch to a PV Calls driver, as git format-patch writes it. */
#define DIFF_PVCALLS							\
	"---\n"								\
	" drivers/xen/pvcalls-front.c | 2 +-\n"				\
	" 1 file changed, 1 insertion(+), 1 deletion(-)\n"		\
	"\n"								\
	"diff --git a/drivers/xen/pvcalls-front.c "			\
	"b/drivers/xen/pvcalls-front.c\n"				\
	"index 1111111..2222222 100644\n"				\
	"--- a/drivers/xen/pvcalls-front.c\n"				\
	"+++ b/drivers/xen/pvcalls-front.c\n"				\
	"@@ -1,3 +1,3 @@\n"						\
	" int a;\n"							\
	"-int b;\n"							\
	"+int c;\n"							\
	" int d;\n"

/* A patch that adds a design document and nothing else. */
#define DIFF_DESIGN							\
	"---\n"								\
	" docs/designs/pvcalls-v2.md | 2 ++\n"				\
	" 1 file changed, 2 insertions(+)\n"				\
	"\n"								\
	"diff --git a/docs/designs/pvcalls-v2.md "			\
	"b/docs/designs/pvcalls-v2.md\n"				\
	"new file mode 100644\n"					\
	"index 0000000..3333333\n"					\
	"--- /dev/null\n"						\
	"+++ b/docs/designs/pvcalls-v2.md\n"				\
	"@@ -0,0 +1,2 @@\n"						\
	"+# PV Calls v2\n"						\
	"+The ring carries UDP too.\n"

/* A reviewer's substantive comment under a quoted hunk. */
#define REVIEW								\
	"On Mon, 2 Nov 2026, Ann Author wrote:\n"			\
	"> -int b;\n"							\
	"> +int c;\n"							\
	"\n"								\
	"This changes the ring size without bumping the protocol "	\
	"version,\nso an old backend will misread every request. "	\
	"Please add a\nfeature flag and negotiate it in xenstore.\n"

#define ANN	"Ann Author <ann@example.org>"
#define BOB	"Bob Reviewer <bob@example.com>"
#define JAN	"Jan Maint <jan@example.net>"

#define F_NONE	0

struct classify_case {
	const char	*name;
	const char	*from;
	const char	*subject;
	const char	*headers;	/* extra header lines, or NULL */
	const char	*body;
	int		 reply;
	int		 reviewable;
	const char	*proposer;
	const char	*kind;
	int		 on;		/* flags that must be set */
	int		 off;		/* flags that must not be */
	const char	*vote;		/* NULL: no vote */
	long		 window;	/* days */
	const char	*trailers;	/* NULL: none */
	const char	*commands;	/* NULL: none */
};

/* Ann answers Bob's review of her patch, which Bob's mail quotes. */
#define ANN_ANSWERS_BOB \
	"On Tue, Bob Reviewer wrote:\n" \
	"> On Mon, Nov 02, 2026 at 10:00:00AM +0000, Ann Author wrote:\n" \
	">> @@ -1 +1,2 @@\n>> +#define RING_SIZE 64\n>\n" \
	"> This needs a feature flag.\n\n" \
	"The backend already refuses unknown sizes, so old " \
	"backends stay\nsafe; I will say so in the commit message.\n"

static const struct classify_case cases[] = {
	/* --- Whose trailers count. */
	{ .name = "quoted Acked-by never counts", .from = ANN,
	  .subject = "Re: [PATCH] xen/pvcalls: fix ring size", .reply = 1,
	  .reviewable = 1,
	  .body = "On Tue, Jan Maint wrote:\n"
	    "> Acked-by: Jan Maint <jan@example.net>\n"
	    "\n"
	    "Thanks.  I will fold this into v2 with the other changes "
	    "that were asked for.\n",
	  .kind = CLASSIFY_REVIEW },
	{ .name = "quoted Acked-by, indented quote", .from = BOB,
	  .subject = "Re: [PATCH] xen/pvcalls: fix ring size", .reply = 1,
	  .body = " > Acked-by: Jan Maint <jan@example.net>\nOK\n",
	  .kind = CLASSIFY_OTHER },
	{ .name = "forwarded ack kept with mismatch", .from = BOB,
	  .subject = "Re: [PATCH] xen/pvcalls: fix ring size", .reply = 1,
	  .reviewable = 1,
	  .body = "Jan gave this on IRC, recording it here:\n\n"
	    "Acked-by: Jan Maint <jan@example.net>\n",
	  .kind = CLASSIFY_REVIEW,
	  .trailers = "Acked-by: Jan Maint <jan@example.net> [relayed]" },
	{ "relayed Tested-by is the tester's, marked relayed", .from = BOB,
	  .subject = "Re: [PATCH] xen/pvcalls: fix ring size", .reply = 1,
	  .reviewable = 1,
	  .body = "Our QA ran this on the failing hosts overnight and it "
	    "fixes the hang:\n\nTested-by: Quinn Tester <quinn@qa.example>\n",
	  .kind = CLASSIFY_REVIEW,
	  .trailers = "Tested-by: Quinn Tester <quinn@qa.example> [relayed]" },
	{ "Reported-and-tested-by is a Tested-by", .from = BOB,
	  .subject = "Re: [PATCH] xen/pvcalls: fix ring size", .reply = 1,
	  .reviewable = 1,
	  .body = "Reported-and-tested-by: Bob Reviewer <bob@example.com>\n",
	  .kind = CLASSIFY_ACK,
	  .trailers = "Tested-by: Bob Reviewer <bob@example.com>" },
	{ "Outlook's Last, First is First Last",
	  .from = "\"Maint, Jan\" <jan.maint@corp.example>",
	  .subject = "Re: [PATCH] xen/pvcalls: fix ring size", .reply = 1,
	  .reviewable = 1,
	  .body = "Acked-by: Jan Maint <jan@example.net>\n",
	  .kind = CLASSIFY_ACK,
	  .trailers = "Acked-by: Jan Maint <jan@example.net>" },
	{ "a trailer in Last, First order", .from = JAN,
	  .subject = "Re: [PATCH] xen/pvcalls: fix ring size", .reply = 1,
	  .reviewable = 1,
	  .body = "Reviewed-by: Maint, Jan <jan.maint@corp.example>\n",
	  .kind = CLASSIFY_ACK,
	  .trailers = "Reviewed-by: Maint, Jan <jan.maint@corp.example>" },
	{ .name = "Greg KH is Greg Kroah-Hartman",
	  .from = "Greg KH <gregkh@linuxfoundation.org>",
	  .subject = "Re: [PATCH] xen: fix", .reply = 1, .reviewable = 1,
	  .body = "Reviewed-by: Greg Kroah-Hartman <other@kernel.org>\n",
	  .kind = CLASSIFY_ACK,
	  .trailers = "Reviewed-by: Greg Kroah-Hartman <other@kernel.org>" },
	{ .name = "same address, other name", .from = "J. M. <jan@example.net>",
	  .subject = "Re: [PATCH] xen: fix", .reply = 1,
	  .body = "Acked-by: Jan Maint <JAN@example.net>\n",
	  .kind = CLASSIFY_ACK,
	  .trailers = "Acked-by: Jan Maint <jan@example.net>" },
	{ .name = "same first name is not the same person",
	  .from = "Jan Other <jo@example.org>",
	  .subject = "Re: [PATCH] xen: fix", .reply = 1,
	  .body = "Acked-by: Jan Maint <jan@example.net>\n",
	  .kind = CLASSIFY_OTHER,
	  .trailers = "Acked-by: Jan Maint <jan@example.net> [relayed]" },
	{ .name = "trailer after the signature", .from = JAN,
	  .subject = "Re: [PATCH] xen/pvcalls: fix ring size", .reply = 1,
	  .reviewable = 1,
	  .body = "I have a few questions on the locking here, see the "
	    "comments on\nthe next patch before anything else.\n"
	    "\n-- \nJan\nAcked-by: Jan Maint <jan@example.net>\n",
	  .kind = CLASSIFY_REVIEW },
	{ .name = "trailer in a reply's diff", .from = JAN,
	  .subject = "Re: [PATCH] docs: pvcalls", .reply = 1,
	  .reviewable = 1,
	  .body = "The wording should rather be like this, which also "
	    "fixes the\nexample further down:\n\n"
	    "--- a/docs/x.txt\n+++ b/docs/x.txt\n@@ -1,2 +1,2 @@\n"
	    " Acked-by: Someone Else <else@example.org>\n-old\n+new\n",
	  .kind = CLASSIFY_REVIEW },
	{ .name = "patch's commit trailers are not the sender's",
	  .from = ANN, .subject = "[PATCH] xen/pvcalls: fix ring size",
	  .body = "The ring size was computed from the wrong order.\n\n"
	    "Reviewed-by: Bob Reviewer <bob@example.com>\n"
	    "Signed-off-by: Ann Author <ann@example.org>\n"
	    DIFF_PVCALLS,
	  .kind = CLASSIFY_PATCH, .off = CLASSIFY_F_NAK },
	{ .name = "Series is: tab-indented", .from = BOB,
	  .subject = "Re: [PATCH 0/3] pvcalls: UDP", .reply = 1,
	  .reviewable = 1,
	  .body = "Series is:\n\tReviewed-by: Bob Reviewer "
	    "<bob@example.com>\n",
	  .kind = CLASSIFY_ACK,
	  .trailers = "Reviewed-by: Bob Reviewer <bob@example.com>" },
	{ .name = "# area suffix", .from = JAN,
	  .subject = "Re: [PATCH] x86: fix", .reply = 1,
	  .body = "Acked-by: Jan Maint <jan@example.net> # x86\n",
	  .kind = CLASSIFY_ACK,
	  .trailers = "Acked-by: Jan Maint <jan@example.net> # x86" },
	{ .name = "Acked-By and acked-by", .from = JAN,
	  .subject = "Re: [PATCH] x86: fix", .reply = 1,
	  .body = "Acked-By: Jan Maint <jan@example.net>\n"
	    "acked-by: Jan Maint <jan@example.net>\n",
	  .kind = CLASSIFY_ACK,
	  .trailers = "Acked-by: Jan Maint <jan@example.net>; "
	    "Acked-by: Jan Maint <jan@example.net>" },
	{ .name = "NAKed-by is Nacked-by", .from = JAN,
	  .subject = "Re: [PATCH] x86: fix", .reply = 1,
	  .body = "NAKed-by: Jan Maint <jan@example.net>\n",
	  .kind = CLASSIFY_OBJECTION,
	  .trailers = "Nacked-by: Jan Maint <jan@example.net>" },
	{ .name = "bare address trailer", .from = JAN,
	  .subject = "Re: [PATCH] x86: fix", .reply = 1,
	  .body = "Reviewed-by: jan@example.net\n",
	  .kind = CLASSIFY_ACK,
	  .trailers = "Reviewed-by:  <jan@example.net>" },

	/* --- Postings. */
	{ .name = "[DESIGN] posting", .from = ANN,
	  .subject = "[DESIGN] PV Calls v2",
	  .body = "This proposes a second version of the PV Calls protocol "
	    "with UDP.\n",
	  .kind = CLASSIFY_DESIGN },
	{ .name = "[RFC] without a diff", .from = ANN,
	  .subject = "[RFC] xenstore: a node layout for pvcalls",
	  .body = "How should the frontend find the backend's rings?\n",
	  .kind = CLASSIFY_DESIGN },
	{ .name = "[RFC PATCH] with a diff is a patch", .from = ANN,
	  .subject = "[RFC PATCH] xen/pvcalls: fix ring size",
	  .body = "Signed-off-by: Ann Author <ann@example.org>\n"
	    DIFF_PVCALLS,
	  .kind = CLASSIFY_PATCH },
	{ .name = "patch adding only a design doc", .from = ANN,
	  .subject = "[PATCH] docs/designs: PV Calls v2",
	  .body = "Signed-off-by: Ann Author <ann@example.org>\n"
	    DIFF_DESIGN,
	  .kind = CLASSIFY_DESIGN, .on = CLASSIFY_F_DESIGN_DOC },
	{ .name = "untagged patch", .from = ANN,
	  .subject = "xen/pvcalls: fix ring size",
	  .body = "Signed-off-by: Ann Author <ann@example.org>\n"
	    DIFF_PVCALLS,
	  .kind = CLASSIFY_PATCH, .off = CLASSIFY_F_DESIGN_DOC },
	{ .name = "patch sent as a reply", .from = BOB,
	  .subject = "Re: [PATCH] xen/pvcalls: fix ring size", .reply = 1,
	  .reviewable = 1,
	  .body = "Something like this, then?\n\n"
	    "Signed-off-by: Bob Reviewer <bob@example.com>\n"
	    DIFF_PVCALLS,
	  .kind = CLASSIFY_PATCH },
	{ .name = "diff in a reply without Signed-off-by", .from = BOB,
	  .subject = "Re: [PATCH] xen/pvcalls: fix ring size", .reply = 1,
	  .reviewable = 1,
	  .body = "Untested, but the order has to come from the backend, "
	    "roughly:\n\n" DIFF_PVCALLS,
	  .kind = CLASSIFY_PATCH },
	{ .name = "cover letter 0/N", .from = ANN,
	  .subject = "[PATCH 0/3] pvcalls: UDP sockets",
	  .body = "This series adds UDP.\n\nAcked-by: Jan Maint "
	    "<jan@example.net>\n",
	  .kind = CLASSIFY_COVER },
	{ .name = "untagged cover with a diffstat", .from = ANN,
	  .subject = "pvcalls: UDP sockets",
	  .body = "This series adds UDP.\n\nAnn Author (3):\n"
	    "  xen/pvcalls: header\n  xen/pvcalls: front\n"
	    "  xen/pvcalls: back\n\n"
	    " drivers/xen/pvcalls-front.c | 40 +++++++\n"
	    " 3 files changed, 120 insertions(+), 4 deletions(-)\n",
	  .kind = CLASSIFY_COVER },
	{ .name = "a question is no posting", .from = ANN,
	  .subject = "Question about blkif",
	  .body = "Which field holds the sector size?\n",
	  .kind = CLASSIFY_OTHER },
	{ .name = "untagged proposal", .from = ANN,
	  .subject = "Sharing one ring between pvcalls sockets",
	  .body = "I would like to propose that all sockets of a frontend "
	    "share\none ring.\n",
	  .kind = CLASSIFY_DESIGN, .on = CLASSIFY_F_PROPOSAL },
	{ .name = "untagged proposal: would it be a good addition", .from = ANN,
	  .subject = "A second ring for pvcalls datagrams",
	  .body = "Datagram sockets share the stream ring today.  Before I "
	    "write any code:\nwould a separate datagram ring be a good "
	    "addition to the protocol?\n",
	  .kind = CLASSIFY_DESIGN, .on = CLASSIFY_F_PROPOSAL },
	{ .name = "untagged proposal: I'd like to add", .from = ANN,
	  .subject = "pvcalls: poll on many sockets at once",
	  .body = "Following the discussion at the summit, I'd like to add a "
	    "command that polls\nseveral sockets in one request.  Comments "
	    "on this approach are welcome.\n",
	  .kind = CLASSIFY_DESIGN, .on = CLASSIFY_F_PROPOSAL },
	{ .name = "a bug report is no proposal", .from = ANN,
	  .subject = "pvcalls frontend hangs on reconnect",
	  .body = "After a backend restart the frontend never reconnects.  "
	    "I would like to know\nwhether anyone else sees this.\n",
	  .kind = CLASSIFY_OTHER, .off = CLASSIFY_F_PROPOSAL },
	{ .name = "NAK in a posting is not an objection", .from = ANN,
	  .subject = "[PATCH] xen/pvcalls: fix ring size",
	  .body = "v1 got a NAK from Jan; this drops the new field.\n\n"
	    "NAK\n\nSigned-off-by: Ann Author <ann@example.org>\n"
	    DIFF_PVCALLS,
	  .kind = CLASSIFY_PATCH,
	  .off = CLASSIFY_F_NAK | CLASSIFY_F_OBJECTION },

	/* --- Acks. */
	{ .name = "ack by trailer with comments", .from = JAN,
	  .subject = "Re: [PATCH] xen/pvcalls: fix ring size", .reply = 1,
	  .reviewable = 1,
	  .body = REVIEW "\nWith that fixed:\n"
	    "Acked-by: Jan Maint <jan@example.net>\n",
	  .kind = CLASSIFY_ACK,
	  .trailers = "Acked-by: Jan Maint <jan@example.net>" },
	{ .name = "+1 vote", .from = BOB,
	  .subject = "Re: [DESIGN] PV Calls v2", .reply = 1, .reviewable = 1,
	  .body = "+1\n", .kind = CLASSIFY_ACK, .vote = "+1" },
	{ .name = "LGTM line", .from = BOB,
	  .subject = "Re: [DESIGN] PV Calls v2", .reply = 1, .reviewable = 1,
	  .body = "On Mon, Ann wrote:\n> text\n\nLGTM.\n",
	  .kind = CLASSIFY_ACK, .on = CLASSIFY_F_APPROVAL },
	{ .name = "LGTM inside a sentence is no approval", .from = BOB,
	  .subject = "Re: [DESIGN] PV Calls v2", .reply = 1, .reviewable = 1,
	  .body = "The first half looks good to me but the second half "
	    "needs\na lot more thought about migration.\n",
	  .kind = CLASSIFY_REVIEW, .off = CLASSIFY_F_APPROVAL },

	{ .name = "carry my ack", .from = JAN,
	  .subject = "Re: [PATCH] xen/pvcalls: fix ring size", .reply = 1,
	  .reviewable = 1,
	  .body = "The new version only changes the comment, so feel free "
	    "to carry\nmy ack along.\n",
	  .kind = CLASSIFY_ACK, .on = CLASSIFY_F_APPROVAL },

	/* --- Objections. */
	{ .name = "NAK line", .from = JAN,
	  .subject = "Re: [PATCH] xen/pvcalls: fix ring size", .reply = 1,
	  .reviewable = 1,
	  .body = "NAK.  The field is part of the ABI.\n",
	  .kind = CLASSIFY_OBJECTION, .on = CLASSIFY_F_NAK },
	{ .name = "this is a clear NAK", .from = JAN,
	  .subject = "Re: [PATCH] xen/pvcalls: fix ring size", .reply = 1,
	  .reviewable = 1,
	  .body = "This is an absolutely clear NAK!  The field is part of "
	    "the ABI.\n",
	  .kind = CLASSIFY_OBJECTION, .on = CLASSIFY_F_NAK },
	{ .name = "this is not a NAK", .from = JAN,
	  .subject = "Re: [PATCH] xen/pvcalls: fix ring size", .reply = 1,
	  .reviewable = 1,
	  .body = "This is not a NAK, but please say in the commit message "
	    "why old\nbackends are safe.\n",
	  .kind = CLASSIFY_REVIEW, .off = CLASSIFY_F_OBJECTION },
	{ .name = "I'm NACKing this", .from = JAN,
	  .subject = "Re: [PATCH] xen/pvcalls: fix ring size", .reply = 1,
	  .reviewable = 1,
	  .body = "I'm NACKing this until the ABI question is settled; old "
	    "frontends\nread that field.\n",
	  .kind = CLASSIFY_OBJECTION, .on = CLASSIFY_F_NAK },
	{ .name = "NACKing as a subject argues about a NAK", .from = BOB,
	  .subject = "Re: [PATCH] xen/pvcalls: fix ring size", .reply = 1,
	  .reviewable = 1,
	  .body = "IMO, NACKing this proposal is not going to improve "
	    "anything for the\nusers who need the bigger ring today.\n",
	  .off = CLASSIFY_F_NAK, .kind = CLASSIFY_REVIEW },
	{ .name = "not NAKing it", .from = BOB,
	  .subject = "Re: [PATCH] xen/pvcalls: fix ring size", .reply = 1,
	  .reviewable = 1,
	  .body = "I'm not NAKing it just because I didn't get my favourite "
	    "name, but\nthe field still wants a comment about old "
	    "backends.\n",
	  .off = CLASSIFY_F_NAK | CLASSIFY_F_OBJECTION,
	  .kind = CLASSIFY_REVIEW },
	{ .name = "I'd rather NAK", .from = JAN,
	  .subject = "Re: [PATCH] xen/pvcalls: fix ring size", .reply = 1,
	  .reviewable = 1,
	  .body = "If it stays like this, I'd rather NAK it.\n",
	  .kind = CLASSIFY_OBJECTION, .on = CLASSIFY_F_NAK },
	{ .name = "Nacked-by trailer", .from = JAN,
	  .subject = "Re: [PATCH] xen/pvcalls: fix ring size", .reply = 1,
	  .reviewable = 1,
	  .body = "Nacked-by: Jan Maint <jan@example.net>\n",
	  .kind = CLASSIFY_OBJECTION,
	  .trailers = "Nacked-by: Jan Maint <jan@example.net>" },
	{ .name = "-1 vote", .from = JAN,
	  .subject = "Re: [DESIGN] PV Calls v2", .reply = 1, .reviewable = 1,
	  .body = "-1\n", .kind = CLASSIFY_OBJECTION, .vote = "-1" },
	{ .name = "-2 vote", .from = JAN,
	  .subject = "Re: [DESIGN] PV Calls v2", .reply = 1, .reviewable = 1,
	  .body = "-2, this cannot work with live migration.\n",
	  .kind = CLASSIFY_OBJECTION, .vote = "-2" },
	{ .name = "-1 from me", .from = JAN,
	  .subject = "Re: [DESIGN] PV Calls v2", .reply = 1, .reviewable = 1,
	  .body = "-1 from me until the ring layout is written down.\n",
	  .kind = CLASSIFY_OBJECTION, .vote = "-1" },
	{ .name = "prose: not the right approach", .from = JAN,
	  .subject = "Re: [DESIGN] PV Calls v2", .reply = 1, .reviewable = 1,
	  .body = "I don't think this is the right approach: the backend "
	    "would\nhave to trust the frontend's lengths.\n",
	  .kind = CLASSIFY_OBJECTION, .on = CLASSIFY_F_OBJECTION,
	  .off = CLASSIFY_F_NAK },
	{ .name = "prose: words split across lines", .from = JAN,
	  .subject = "Re: [DESIGN] PV Calls v2", .reply = 1, .reviewable = 1,
	  .body = "Having read it twice, I do not think this is the\n"
	    "right approach.\n",
	  .kind = CLASSIFY_OBJECTION, .on = CLASSIFY_F_OBJECTION },
	{ .name = "prose: this breaks the ABI", .from = JAN,
	  .subject = "Re: [PATCH] xen/pvcalls: fix ring size", .reply = 1,
	  .reviewable = 1,
	  .body = "Renaming the field is fine, but this breaks the ABI for "
	    "every\nexisting frontend.\n",
	  .kind = CLASSIFY_OBJECTION, .on = CLASSIFY_F_OBJECTION },
	{ .name = "NAK won't help is no objection", .from = BOB,
	  .subject = "Re: [PATCH] xen/pvcalls: fix ring size", .reply = 1,
	  .reviewable = 1,
	  .body = "A NAK won't help here; let us first agree on how the "
	    "ring is\nsized and then look at the patch again.\n",
	  .kind = CLASSIFY_REVIEW,
	  .off = CLASSIFY_F_NAK | CLASSIFY_F_OBJECTION },
	{ .name = "indented NAK won't help", .from = BOB,
	  .subject = "Re: [PATCH] xen/pvcalls: fix ring size", .reply = 1,
	  .reviewable = 1,
	  .body = "  NAK won't help here; let us first agree on how the "
	    "ring is\nsized and then look at the patch again.\n",
	  .kind = CLASSIFY_REVIEW,
	  .off = CLASSIFY_F_NAK | CLASSIFY_F_OBJECTION },
	{ .name = "a NAK beside talk about NAKs", .from = JAN,
	  .subject = "Re: [PATCH] xen/pvcalls: fix ring size", .reply = 1,
	  .reviewable = 1,
	  .body = "NAK.\n\nAnd resending it unchanged will not help; a "
	    "NAK won't help\nyou either if you don't answer the review.\n",
	  .kind = CLASSIFY_OBJECTION, .on = CLASSIFY_F_NAK },
	{ .name = "quoted NAK is no objection", .from = ANN,
	  .subject = "Re: [PATCH] xen/pvcalls: fix ring size", .reply = 1,
	  .reviewable = 1,
	  .body = "> NAK\n\nCould you say which part you object to, so "
	    "that v2 can address\nit?  The ring layout is the same as in "
	    "v1.\n",
	  .kind = CLASSIFY_REVIEW, .off = CLASSIFY_F_NAK },
	{ .name = "objection beats an ack", .from = JAN,
	  .subject = "Re: [PATCH] xen/pvcalls: fix ring size", .reply = 1,
	  .reviewable = 1,
	  .body = "NAK for patch 2.\nAcked-by: Jan Maint "
	    "<jan@example.net>\n",
	  .kind = CLASSIFY_OBJECTION, .on = CLASSIFY_F_NAK,
	  .trailers = "Acked-by: Jan Maint <jan@example.net>" },

	/* --- Real clients' mail. */
	{ .name = "a bug report with a diff, no tag, no sign-off", .from = BOB,
	  .subject = "pvcalls frontend hangs on suspend",
	  .body = "The frontend never sees the backend's event after "
	    "resume.\nThis hack makes it go away, but I do not know why:\n\n"
	    DIFF_PVCALLS,
	  .kind = CLASSIFY_OTHER },
	{ .name = "a signed-off diff with no tag is a patch", .from = ANN,
	  .subject = "xen/pvcalls: fix ring size",
	  .body = "The ring order came from the wrong field.\n\n"
	    "Signed-off-by: Ann Author <ann@example.org>\n" DIFF_PVCALLS,
	  .kind = CLASSIFY_PATCH },
	{ .name = "spam is not a design", .from = "Mrs. Sarah <s@spam.example>",
	  .subject = "Greetings From Mrs. Sarah",
	  .body = "Dear Friend,\n\nI have a business proposal for you: "
	    "the sum of $15 million\nleft by my late husband.  This proposal "
	    "is confidential.\n",
	  .kind = CLASSIFY_OTHER, .on = CLASSIFY_F_SPAM },
	{ .name = "one spam word does not make spam", .from = BOB,
	  .subject = "[DESIGN] PV Calls v2",
	  .body = "This proposal moves one million requests a second "
	    "through the ring.\n",
	  .kind = CLASSIFY_DESIGN, .off = CLASSIFY_F_SPAM },
	{ .name = "Cc'ing people inside a technical review", .from = BOB,
	  .subject = "Re: [PATCH] xen/pvcalls: fix ring size", .reply = 1,
	  .reviewable = 1,
	  .body = REVIEW "\nThe consumer index is read twice without a "
	    "barrier in between, so\na frontend on another vCPU can see the "
	    "new request before its\nlength; add virt_rmb() after reading "
	    "req_cons.  The same applies to\nthe response path in "
	    "pvcalls_front_event_handler(), which copies\nthe response and "
	    "only then checks rsp_prod.  (Cc'ing the x86 maintainers,\n"
	    "who know the memory model better than I do.)\n",
	  .kind = CLASSIFY_REVIEW, .off = CLASSIFY_F_PROCESS },
	{ .name = "the proposer found by name under another address",
	  .from = "Ann Author <ann@home.example>",
	  .subject = "Re: [PATCH] xen/pvcalls: fix ring size", .reply = 1,
	  .reviewable = 1, .proposer = "ann@example.org",
	  .body = "On Tue, Bob wrote:\n> Please add a feature flag.\n\n"
	    "The backend already refuses unknown sizes, so old "
	    "backends stay\nsafe; I will say so in the commit message.\n",
	  .kind = CLASSIFY_OTHER, .on = CLASSIFY_F_AUTHOR },

	{ .name = "thread not stored: git send-email's id names the proposer",
	  .from = ANN,
	  .subject = "Re: [PATCH] xen/pvcalls: fix ring size", .reply = 1,
	  .reviewable = 1,
	  .headers = "In-Reply-To: <r@example.net>\nReferences: "
	    "<20261102093000.4242-1-ann@example.org> <r@example.net>\n",
	  .body = "On Tue, Bob wrote:\n> Please add a feature flag.\n\n"
	    "The backend already refuses unknown sizes, so old "
	    "backends stay\nsafe; I will say so in the commit message.\n",
	  .kind = CLASSIFY_OTHER, .on = CLASSIFY_F_AUTHOR | CLASSIFY_F_NO_THREAD },
	{ .name = "thread not stored: an old git send-email id names the proposer",
	  .from = ANN,
	  .subject = "Re: [PATCH] xen/pvcalls: fix ring size", .reply = 1,
	  .reviewable = 1,
	  .headers = "In-Reply-To: <r@example.net>\nReferences: "
	    "<1694266319-32287-1-git-send-email-ann@example.org> "
	    "<r@example.net>\n",
	  .body = "On Tue, Bob wrote:\n> Please add a feature flag.\n\n"
	    "The backend already refuses unknown sizes, so old "
	    "backends stay\nsafe; I will say so in the commit message.\n",
	  .kind = CLASSIFY_OTHER, .on = CLASSIFY_F_AUTHOR | CLASSIFY_F_NO_THREAD },
	{ .name = "thread not stored: an id naming someone else proves nothing",
	  .from = BOB,
	  .subject = "Re: [PATCH] xen/pvcalls: fix ring size", .reply = 1,
	  .reviewable = 1,
	  .headers = "In-Reply-To: <r@example.net>\nReferences: "
	    "<1694266319-32287-1-git-send-email-ann@example.org> "
	    "<r@example.net>\n",
	  .body = "On Tue, Ann wrote:\n> The backend refuses unknown sizes."
	    "\n\nIt refuses them only after mapping the ring, so the "
	    "frontend has\nalready granted pages it never gets back.\n",
	  .kind = CLASSIFY_REVIEW, .off = CLASSIFY_F_AUTHOR },

	{ .name = "thread not stored: the author quotes a review of their patch",
	  .from = ANN,
	  .subject = "Re: [PATCH] xen/pvcalls: fix ring size", .reply = 1,
	  .reviewable = 1,
	  .body = ANN_ANSWERS_BOB,
	  .kind = CLASSIFY_OTHER, .on = CLASSIFY_F_AUTHOR | CLASSIFY_F_NO_THREAD },
	{ .name = "thread not stored: a two-line introduction by address",
	  .from = "Ann A. <ann@example.org>",
	  .subject = "Re: [PATCH] xen/pvcalls: fix ring size", .reply = 1,
	  .reviewable = 1,
	  .body = "Bob Reviewer <bob@example.com> writes:\n"
	    "> On Mon, 2 Nov 2026 10:00:00 +0000\n"
	    "> Ann Author <ANN@example.org> wrote:\n"
	    ">\n>> diff --git a/ring.h b/ring.h\n>> +#define RING_SIZE 64\n"
	    "> This needs a feature flag.\n\n"
	    "The backend already refuses unknown sizes, so old "
	    "backends stay\nsafe; I will say so in the commit message.\n",
	  .kind = CLASSIFY_OTHER, .on = CLASSIFY_F_AUTHOR },
	{ .name = "thread not stored: a reviewer answering quotes the author's patch",
	  .from = BOB,
	  .subject = "Re: [PATCH] xen/pvcalls: fix ring size", .reply = 1,
	  .reviewable = 1,
	  .body = "On Wed, Ann Author wrote:\n"
	    "> On Tue, Bob Reviewer wrote:\n"
	    ">> On Mon, Ann Author wrote:\n"
	    ">>> @@ -1 +1,2 @@\n>>> +#define RING_SIZE 64\n>>\n"
	    ">> This needs a feature flag.\n>\n"
	    "> The backend already refuses unknown sizes.\n\n"
	    "It refuses them only after mapping the ring, so the "
	    "frontend has\nalready granted pages it never gets back.\n",
	  .kind = CLASSIFY_REVIEW, .off = CLASSIFY_F_AUTHOR },
	{ .name = "thread not stored: the sender named in the reviewer's text, not its introduction",
	  .from = ANN,
	  .subject = "Re: [PATCH] xen/pvcalls: fix ring size", .reply = 1,
	  .reviewable = 1,
	  .body = "On Tue, Bob Reviewer wrote:\n"
	    "> Carl's patch below; Ann Author knows this code:\n"
	    ">> @@ -1 +1,2 @@\n>> +#define RING_SIZE 64\n\n"
	    "It refuses them only after mapping the ring, so the "
	    "frontend has\nalready granted pages it never gets back.\n",
	  .kind = CLASSIFY_REVIEW, .off = CLASSIFY_F_AUTHOR },

	/* The patch a reply quotes names its author: From or Signed-off-by. */
	{ .name = "a quoted patch's in-body From names the sender",
	  .from = ANN,
	  .subject = "Re: [PATCH v2 3/8] xen/pvcalls: fix ring size",
	  .reply = 1, .reviewable = 1, .proposer = "carl@example.com",
	  .body = "On Tue, Bob Reviewer wrote:\n"
	    "> On Mon, Carl Poster wrote:\n"
	    ">> From: Ann Author <ann@example.org>\n>>\n"
	    ">> The ring is too small for UDP.\n>>\n"
	    ">> Signed-off-by: Carl Poster <carl@example.com>\n>> ---\n"
	    ">> @@ -1 +1,2 @@\n>> +#define RING_SIZE 64\n>\n"
	    "> What happens if this fails?\n\n"
	    "Bad things could happen.  How about falling back to the "
	    "old ring\nsize, so that old backends keep working?\n",
	  .kind = CLASSIFY_OTHER, .on = CLASSIFY_F_AUTHOR },
	{ .name = "thread not stored: a quoted Signed-off-by names the sender",
	  .from = "\"Author, Ann\" <Ann@Example.org>",
	  .subject = "Re: [PATCH v2 3/8] xen/pvcalls: fix ring size",
	  .reply = 1, .reviewable = 1,
	  .body = "On Tue, Bob Reviewer wrote:\n"
	    "> Why does the frontend need this at all?\n>\n"
	    ">> Signed-off-by: Ann Author <ann@example.org>\n>> ---\n"
	    ">>  ring.h | 1 +\n>>\n"
	    ">> diff --git a/ring.h b/ring.h\n>> +#define RING_SIZE 64\n\n"
	    "In our architecture the backend cannot know the size the "
	    "frontend\nwants, so the frontend has to announce it.\n",
	  .kind = CLASSIFY_OTHER,
	  .on = CLASSIFY_F_AUTHOR | CLASSIFY_F_NO_THREAD },
	{ .name = "thread stored: a quoted sign-off writes the address in capitals",
	  .from = "Ann Author <ann.author@example.org>",
	  .subject = "Re: [PATCH v2 3/8] xen/pvcalls: fix ring size",
	  .reply = 1, .reviewable = 1, .proposer = "carl@example.com",
	  .body = "On Tue, Bob Reviewer wrote:\n"
	    "> Why does the frontend need this at all?\n>\n"
	    ">> Signed-off-by: Ann Author <Ann.Author@example.org>\n>> ---\n"
	    ">> diff --git a/ring.h b/ring.h\n>> +#define RING_SIZE 64\n\n"
	    "In our architecture the backend cannot know the size the "
	    "frontend\nwants, so the frontend has to announce it.\n",
	  .kind = CLASSIFY_OTHER, .on = CLASSIFY_F_AUTHOR },
	{ .name = "a quoted patch signed off by someone else: a review",
	  .from = BOB,
	  .subject = "Re: [PATCH v2 3/8] xen/pvcalls: fix ring size",
	  .reply = 1, .reviewable = 1,
	  .body = "On Mon, Ann wrote:\n"
	    "> From: Ann Author <ann@example.org>\n>\n"
	    "> Suggested-by: Bob Reviewer <bob@example.com>\n"
	    "> Signed-off-by: Ann Author <ann@example.org>\n> ---\n"
	    "> @@ -1 +1,2 @@\n> +#define RING_SIZE 64\n\n"
	    "This changes the ring size without bumping the protocol "
	    "version,\nso an old backend will misread every request.\n",
	  .kind = CLASSIFY_REVIEW, .off = CLASSIFY_F_AUTHOR },
	{ .name = "a maintainer's later sign-off on the quoted patch: a review",
	  .from = JAN,
	  .subject = "Re: [PATCH v2 3/8] xen/pvcalls: fix ring size",
	  .reply = 1, .reviewable = 1,
	  .body = "On Mon, Ann wrote:\n"
	    "> Signed-off-by: Ann Author <ann@example.org>\n"
	    "> Signed-off-by: Jan Maint <jan@example.net>\n> ---\n"
	    "> @@ -1 +1,2 @@\n> +#define RING_SIZE 64\n\n"
	    "This changes the ring size without bumping the protocol "
	    "version,\nso an old backend will misread every request.\n",
	  .kind = CLASSIFY_REVIEW, .off = CLASSIFY_F_AUTHOR },
	{ .name = "a maintainer's sign-off after the sender's question: a review",
	  .from = JAN,
	  .subject = "Re: [PATCH v2 3/8] xen/pvcalls: fix ring size",
	  .reply = 1, .reviewable = 1,
	  .body = "On Mon, Ann wrote:\n"
	    "> Signed-off-by: Ann Author <ann@example.org>\n\n"
	    "Why is my sign-off below?\n\n"
	    "> Signed-off-by: Jan Maint <jan@example.net>\n> ---\n"
	    "> @@ -1 +1,2 @@\n> +#define RING_SIZE 64\n\n"
	    "This changes the ring size without bumping the protocol "
	    "version,\nso an old backend will misread every request.\n",
	  .kind = CLASSIFY_REVIEW, .off = CLASSIFY_F_AUTHOR },
	{ .name = "a co-developer's sign-off on the quoted patch: an author",
	  .from = JAN,
	  .subject = "Re: [PATCH v2 3/8] xen/pvcalls: fix ring size",
	  .reply = 1, .reviewable = 1,
	  .body = "On Tue, Bob Reviewer wrote:\n"
	    ">> Signed-off-by: Ann Author <ann@example.org>\n"
	    ">> Co-developed-by: Jan Maint <jan@example.net>\n"
	    ">> Signed-off-by: Jan Maint <jan@example.net>\n>> ---\n"
	    ">> @@ -1 +1,2 @@\n>> +#define RING_SIZE 64\n>\n"
	    "> Why 64?\n\n"
	    "The second ring needs the room: 32 slots are taken by the "
	    "first,\nand UDP requests need their own.\n",
	  .kind = CLASSIFY_OTHER, .on = CLASSIFY_F_AUTHOR },
	{ .name = "the sender's own earlier mail quoted, no patch: a review",
	  .from = BOB,
	  .subject = "Re: [PATCH v2 3/8] xen/pvcalls: fix ring size",
	  .reply = 1, .reviewable = 1,
	  .body = "On Tue, Ann Author wrote:\n"
	    "> From: Bob Reviewer <bob@example.com>\n"
	    "> Sent: Monday, November 2, 2026 10:00\n>\n"
	    "> The ring is too small for UDP.\n"
	    "> +#define RING_SIZE 64\n\n"
	    "This changes the ring size without bumping the protocol "
	    "version,\nso an old backend will misread every request.\n",
	  .kind = CLASSIFY_REVIEW, .off = CLASSIFY_F_AUTHOR },
	{ .name = "the sender's sign-off, then their own text, then a diff",
	  .from = BOB,
	  .subject = "Re: [PATCH v2 3/8] xen/pvcalls: fix ring size",
	  .reply = 1, .reviewable = 1,
	  .body = "On Tue, Ann Author wrote:\n"
	    "> Like this, as Bob did in his fix?\n"
	    "> Signed-off-by: Bob Reviewer <bob@example.com>\n\n"
	    "Not quite: my fix kept the old size for old backends.\n\n"
	    "> @@ -1 +1,2 @@\n> +#define RING_SIZE 64\n\n"
	    "This changes the ring size without bumping the protocol "
	    "version,\nso an old backend will misread every request.\n",
	  .kind = CLASSIFY_REVIEW, .off = CLASSIFY_F_AUTHOR },
	{ .name = "thread not stored: Outlook's 'Last, First' in the introduction",
	  .from = "\"Author, Ann\" <aauthor@corp.example>",
	  .subject = "Re: [PATCH] xen/pvcalls: fix ring size", .reply = 1,
	  .reviewable = 1,
	  .body = ANN_ANSWERS_BOB,
	  .kind = CLASSIFY_OTHER, .on = CLASSIFY_F_AUTHOR | CLASSIFY_F_NO_THREAD },

	/* The words only a series' author writes, when the thread is missing. */
	{ .name = "thread not stored: the author promises a v2",
	  .from = "Ann A. <ann@home.example>",
	  .subject = "Re: [PATCH 2/4] xen/pvcalls: fix ring size", .reply = 1,
	  .reviewable = 1,
	  .body = "On Tue, Bob Reviewer wrote:\n> Please add a feature flag.\n\n"
	    "The backend refuses unknown sizes anyway, but a flag is "
	    "cleaner.\nI'll send a v2 with the flag negotiated in xenstore.\n",
	  .kind = CLASSIFY_OTHER,
	  .on = CLASSIFY_F_AUTHOR | CLASSIFY_F_NO_THREAD | CLASSIFY_F_ACCEPTS },
	{ .name = "thread not stored: the author dropped the patch in a later version",
	  .from = "Ann A. <ann@home.example>",
	  .subject = "Re: [PATCH v6 5/6] xen/pvcalls: fix ring size",
	  .reply = 1, .reviewable = 1,
	  .body = "On Tue, Bob Reviewer wrote:\n> Is this needed at all?\n\n"
	    "I dropped this patch in v7, I don't think it's required for "
	    "the\noverarching feature; old backends never see the ring.\n",
	  .kind = CLASSIFY_OTHER, .on = CLASSIFY_F_AUTHOR },
	{ .name = "thread not stored: a reviewer's patch to show an idea is no v2",
	  .from = BOB,
	  .subject = "Re: [PATCH 2/4] xen/pvcalls: fix ring size", .reply = 1,
	  .reviewable = 1,
	  .body = "On Tue, Ann wrote:\n> The ring is too small.\n\n"
	    "The ring size is negotiated by the frontend already, so this "
	    "is\nnot needed.  I will post a patch shortly to show the "
	    "idea.\n",
	  .kind = CLASSIFY_REVIEW, .off = CLASSIFY_F_AUTHOR },
	{ .name = "thread not stored: asking for a v2 is a review",
	  .from = BOB,
	  .subject = "Re: [PATCH 2/4] xen/pvcalls: fix ring size", .reply = 1,
	  .reviewable = 1,
	  .body = "On Tue, Ann wrote:\n> The ring is too small.\n\n"
	    "This changes the ring size without bumping the protocol "
	    "version.\nShould this be fixed in v2?  Will you send a v2 "
	    "with a feature flag?\n",
	  .kind = CLASSIFY_REVIEW, .off = CLASSIFY_F_AUTHOR },
	{ .name = "thread not stored: a version's history is no promise",
	  .from = BOB,
	  .subject = "Re: [PATCH 2/4] xen/pvcalls: fix ring size", .reply = 1,
	  .reviewable = 1,
	  .body = "On Tue, Ann wrote:\n> The ring is too small.\n\n"
	    "The second ring was dropped in v3 of the protocol document, "
	    "so a\nfrontend that still maps it will fail against new "
	    "backends.\n",
	  .kind = CLASSIFY_REVIEW, .off = CLASSIFY_F_AUTHOR },
	{ .name = "thread not stored: expecting the author's v2 is a review",
	  .from = BOB,
	  .subject = "Re: [PATCH 2/4] xen/pvcalls: fix ring size", .reply = 1,
	  .reviewable = 1,
	  .body = "On Tue, Ann wrote:\n> The ring is too small.\n\n"
	    "Then the backend has to refuse the old size as well, or an "
	    "old\nfrontend hangs.  So I suppose you will post a new "
	    "version.\n",
	  .kind = CLASSIFY_REVIEW, .off = CLASSIFY_F_AUTHOR },
	{ .name = "thread not stored: asking for a fix in the next version",
	  .from = BOB,
	  .subject = "Re: [PATCH 2/4] xen/pvcalls: fix ring size", .reply = 1,
	  .reviewable = 1,
	  .body = "On Tue, Ann wrote:\n> +#define RING_SIZE 64\n\n"
	    "The define wants a comment saying why 64 and not 32.  This "
	    "should be\nfixed in the next version, and the changelog "
	    "should say so.\n",
	  .kind = CLASSIFY_REVIEW, .off = CLASSIFY_F_AUTHOR },
	{ .name = "thread not stored: the author's 'Thanks, will send v2'",
	  .from = "Ann A. <ann@home.example>",
	  .subject = "Re: [PATCH 2/4] xen/pvcalls: fix ring size", .reply = 1,
	  .reviewable = 1,
	  .body = "On Tue, Bob Reviewer wrote:\n> The comment is stale.\n\n"
	    "Indeed, the comment predates the second ring and says 32 "
	    "slots.\nThanks, will send v2 with the comment updated.\n",
	  .kind = CLASSIFY_OTHER, .on = CLASSIFY_F_AUTHOR },
	{ .name = "a maintainer fixing up in their tree is no series author",
	  .from = JAN,
	  .subject = "Re: [PATCH 2/4] xen/pvcalls: fix ring size", .reply = 1,
	  .reviewable = 1,
	  .body = "On Tue, Ann wrote:\n> +#define RING_SIZE 64\n\n"
	    "The define wants a comment saying why 64 and not 32; the "
	    "protocol\ndocument says 32.  Fixed up in my tree as well.\n",
	  .kind = CLASSIFY_REVIEW, .off = CLASSIFY_F_AUTHOR },
	{ .name = "thread stored: someone else promising a v2 is no author",
	  .from = BOB,
	  .subject = "Re: [PATCH 2/4] xen/pvcalls: fix ring size", .reply = 1,
	  .reviewable = 1, .proposer = "ann@example.org",
	  .body = "On Tue, Ann wrote:\n> The ring is too small.\n\n"
	    "My counter-proposal keeps the ring and adds a second one for "
	    "UDP.\nI'll send a v2 of it with the flag negotiated.\n",
	  .kind = CLASSIFY_REVIEW, .off = CLASSIFY_F_AUTHOR },

	/* --- Review or other. */
	{ .name = "review", .from = BOB,
	  .subject = "Re: [PATCH] xen/pvcalls: fix ring size", .reply = 1,
	  .reviewable = 1, .body = REVIEW, .kind = CLASSIFY_REVIEW },
	{ .name = "short thanks", .from = BOB,
	  .subject = "Re: [PATCH] xen/pvcalls: fix ring size", .reply = 1,
	  .reviewable = 1,
	  .body = "On Mon, Ann wrote:\n> -int b;\n\nThanks!\n\nBob\n",
	  .kind = CLASSIFY_OTHER },
	{ .name = "author answering review", .from = ANN,
	  .subject = "Re: [PATCH] xen/pvcalls: fix ring size", .reply = 1,
	  .reviewable = 1, .proposer = "ann@example.org",
	  .body = "On Tue, Bob wrote:\n> Please add a feature flag.\n\n"
	    "The backend already refuses unknown sizes, so old "
	    "backends stay\nsafe; I will say so in the commit message.\n",
	  .kind = CLASSIFY_OTHER, .on = CLASSIFY_F_AUTHOR },
	{ .name = "the same text from someone else is a review",
	  .from = BOB,
	  .subject = "Re: [PATCH] xen/pvcalls: fix ring size", .reply = 1,
	  .reviewable = 1, .proposer = "ann@example.org",
	  .body = "On Tue, Bob wrote:\n> Please add a feature flag.\n\n"
	    "The backend already refuses unknown sizes, so old "
	    "backends stay\nsafe; I will say so in the commit message.\n",
	  .kind = CLASSIFY_REVIEW, .off = CLASSIFY_F_AUTHOR },
	{ .name = "bug-report thread is not reviewable", .from = BOB,
	  .subject = "Re: pvcalls frontend hangs on suspend", .reply = 1,
	  .body = "I can reproduce this on 6.1 as well: the frontend waits "
	    "for an\nevent that the backend never sends after resume.\n",
	  .kind = CLASSIFY_OTHER },
	{ .name = "Cc policy talk", .from = BOB,
	  .subject = "Re: [PATCH] xen/pvcalls: fix ring size", .reply = 1,
	  .reviewable = 1,
	  .body = "Please Cc the pvcalls maintainers on v2 as well, they "
	    "are not\non this thread and will want to see it.\n",
	  .kind = CLASSIFY_OTHER, .on = CLASSIFY_F_PROCESS },
	{ .name = "applied notice", .from = JAN,
	  .subject = "Re: [PATCH] xen/pvcalls: fix ring size", .reply = 1,
	  .reviewable = 1, .body = "Applied, thanks.\n",
	  .kind = CLASSIFY_OTHER, .on = CLASSIFY_F_APPLIED },
	{ .name = "I've applied this", .from = JAN,
	  .subject = "Re: [PATCH] xen/pvcalls: fix ring size", .reply = 1,
	  .reviewable = 1,
	  .body = "I've applied this to staging together with the "
	    "follow-up.\n",
	  .kind = CLASSIFY_OTHER, .on = CLASSIFY_F_APPLIED },
	{ .name = "taken into a branch", .from = JAN,
	  .subject = "Re: [PATCH] xen/pvcalls: fix ring size", .reply = 1,
	  .reviewable = 1,
	  .body = "I've taken the first two patches into my for-next "
	    "branch, so they\nshould show up in linux-next soon.\n",
	  .kind = CLASSIFY_OTHER, .on = CLASSIFY_F_APPLIED },
	{ .name = "thanks, I applied the patch", .from = JAN,
	  .subject = "Re: [PATCH] xen/pvcalls: fix ring size", .reply = 1,
	  .reviewable = 1,
	  .body = "Thanks! I applied the patch.\n\nI also fixed a typo in "
	    "the commit message.\n",
	  .kind = CLASSIFY_OTHER, .on = CLASSIFY_F_APPLIED },
	{ .name = "a tester applying a patch is no merge notice", .from = BOB,
	  .subject = "Re: [PATCH] xen/pvcalls: fix ring size", .reply = 1,
	  .reviewable = 1,
	  .body = "I applied the patch to my tree and the guest still hangs "
	    "on resume;\nthe backend never sees the new ring size.\n",
	  .kind = CLASSIFY_REVIEW, .off = CLASSIFY_F_APPLIED },
	{ .name = "I applied the patch, in the past tense", .from = JAN,
	  .subject = "Re: [PATCH] xen/pvcalls: fix ring size", .reply = 1,
	  .reviewable = 1,
	  .body = "Thanks!  I applied the patch.  I made two small tweaks "
	    "in a\nfollow-up commit.\n",
	  .kind = CLASSIFY_OTHER, .on = CLASSIFY_F_APPLIED },
	{ .name = "I took the first two patches into my branch", .from = JAN,
	  .subject = "Re: [PATCH] xen/pvcalls: fix ring size", .reply = 1,
	  .reviewable = 1,
	  .body = "I've taken the first two patches into my pvcalls-next "
	    "branch.\n",
	  .kind = CLASSIFY_OTHER, .on = CLASSIFY_F_APPLIED },
	{ .name = "a tester who applied the patch", .from = BOB,
	  .subject = "Re: [PATCH] xen/pvcalls: fix ring size", .reply = 1,
	  .reviewable = 1,
	  .body = "I hit a grant error when I applied this patch on my "
	    "test box;\nthe backend logs the ring size it got as 0, "
	    "so the frontend\nnever set it before connecting.\n",
	  .kind = CLASSIFY_REVIEW, .off = CLASSIFY_F_APPLIED },
	{ .name = "a tester who applied it on top", .from = BOB,
	  .subject = "Re: [PATCH] xen/pvcalls: fix ring size", .reply = 1,
	  .reviewable = 1,
	  .body = "I applied it on top of staging and the connect path "
	    "still\ntimes out when the backend restarts during the "
	    "handshake.\n",
	  .kind = CLASSIFY_REVIEW, .off = CLASSIFY_F_APPLIED },
	{ .name = "ping", .from = ANN,
	  .subject = "Re: [PATCH] xen/pvcalls: fix ring size", .reply = 1,
	  .reviewable = 1, .body = "Ping?\n",
	  .kind = CLASSIFY_OTHER, .on = CLASSIFY_F_PING },
	{ .name = "Auto-Submitted mail is a bot's", .from = BOB,
	  .subject = "Re: [PATCH] xen/pvcalls: fix ring size", .reply = 1,
	  .reviewable = 1, .headers = "Auto-Submitted: auto-generated\n",
	  .body = "Acked-by: Bob Reviewer <bob@example.com>\n",
	  .kind = CLASSIFY_OTHER, .on = CLASSIFY_F_BOT,
	  .trailers = "Acked-by: Bob Reviewer <bob@example.com>" },
	{ .name = "Auto-Submitted: no is a person", .from = BOB,
	  .subject = "Re: [PATCH] xen/pvcalls: fix ring size", .reply = 1,
	  .reviewable = 1, .headers = "Auto-Submitted: no\n",
	  .body = "Acked-by: Bob Reviewer <bob@example.com>\n",
	  .kind = CLASSIFY_ACK, .off = CLASSIFY_F_BOT,
	  .trailers = "Acked-by: Bob Reviewer <bob@example.com>" },
	{ .name = "kernel test robot", .from = "kernel test robot "
	    "<lkp@intel.com>",
	  .subject = "Re: [PATCH] xen/pvcalls: fix ring size", .reply = 1,
	  .reviewable = 1,
	  .body = "Hi Ann,\n\nkernel test robot noticed the following "
	    "build errors:\n\nNAK\n",
	  .kind = CLASSIFY_OTHER, .on = CLASSIFY_F_BOT },
	{ .name = "a review bot's address", .from = "Review Bot "
	    "<review-bot@example.org>",
	  .subject = "Re: [PATCH] xen/pvcalls: fix ring size", .reply = 1,
	  .reviewable = 1,
	  .body = "The bot has reviewed this patch and found no issues.  "
	    "It looks great!\n",
	  .kind = CLASSIFY_OTHER, .on = CLASSIFY_F_BOT },
	{ .name = "a person whose name has bot in it", .from = "Abbot "
	    "Reviewer <abbot@example.org>",
	  .subject = "Re: [PATCH] xen/pvcalls: fix ring size", .reply = 1,
	  .reviewable = 1, .body = "Looks good to me.\n",
	  .kind = CLASSIFY_ACK, .off = CLASSIFY_F_BOT },

	/* --- Votes. */
	{ .name = "+2", .from = JAN, .subject = "Re: [DESIGN] PV Calls v2",
	  .reply = 1, .reviewable = 1, .body = "+2\n",
	  .kind = CLASSIFY_ACK, .vote = "+2" },
	{ .name = "0 is no verdict", .from = JAN,
	  .subject = "Re: [DESIGN] PV Calls v2", .reply = 1, .reviewable = 1,
	  .body = "0\n", .kind = CLASSIFY_OTHER, .vote = "0" },
	{ .name = "quoted -1 is ignored", .from = BOB,
	  .subject = "Re: [DESIGN] PV Calls v2", .reply = 1, .reviewable = 1,
	  .body = "On Tue, Jan wrote:\n> -1\n\nI share the concern but "
	    "would wait for the ring layout\nbefore deciding anything.\n",
	  .kind = CLASSIFY_REVIEW },
	{ .name = "+1 under the posting's quote is a vote", .from = BOB,
	  .subject = "Re: [DESIGN] PV Calls v2", .reply = 1, .reviewable = 1,
	  .body = "On Mon, Ann wrote:\n> Move PV Calls to Supported.\n\n"
	    "+1\n", .kind = CLASSIFY_ACK, .vote = "+1" },
	{ .name = "+1 under a quoted reply takes sides on a point",
	  .from = BOB, .subject = "Re: [PATCH v2 1/3] xen/pvcalls: ring",
	  .reply = 1, .reviewable = 1,
	  .body = "On Tue, Carl wrote:\n> On Mon, Ann wrote:\n"
	    ">> +#define RING_ORDER 4\n>\n"
	    "> Please make the order a module parameter.\n\n+1\n\n"
	    "And the default should come from the backend, which knows "
	    "how much\nmemory it can give each ring.\n",
	  .kind = CLASSIFY_REVIEW },
	{ .name = "-1 under a quoted reply takes sides on a point",
	  .from = BOB, .subject = "Re: [PATCH v2 1/3] xen/pvcalls: ring",
	  .reply = 1, .reviewable = 1,
	  .body = "On Tue, Carl wrote:\n> On Mon, Ann wrote:\n"
	    ">> +#define RING_ORDER 4\n>\n"
	    "> Please make the order a module parameter.\n\n-1\n\n"
	    "A fixed order keeps the ABI simple, and no frontend has "
	    "asked\nfor another one in the three years it has been out.\n",
	  .kind = CLASSIFY_REVIEW },
	{ .name = "+1 under a quoted +1 joins that vote", .from = BOB,
	  .subject = "Re: [DESIGN] PV Calls v2", .reply = 1, .reviewable = 1,
	  .body = "On Tue, Carl wrote:\n> On Mon, Ann wrote:\n"
	    ">> Move PV Calls to Supported.\n>\n> +1\n\n+1\n",
	  .kind = CLASSIFY_ACK, .vote = "+1" },
	{ .name = "+1 top-posted over a quoted reply is a vote", .from = BOB,
	  .subject = "Re: [DESIGN] PV Calls v2", .reply = 1, .reviewable = 1,
	  .body = "+1\n\nOn Tue, Carl wrote:\n> On Mon, Ann wrote:\n"
	    ">> Move PV Calls to Supported.\n>\n> Agreed.\n",
	  .kind = CLASSIFY_ACK, .vote = "+1" },
	{ .name = "-1 in a list of values is no vote", .from = BOB,
	  .subject = "Re: [RFC PATCH 0/4] xen/pvcalls: a cookie", .reply = 1,
	  .reviewable = 1,
	  .body = "The frontend acts only on the length the call returns:\n"
	    " -1 : not supported\n  0 : cookie not updated, keep the "
	    "buffered data\n  8 : a new cookie, drop what is buffered\n\n"
	    "The backend may change the cookie's meaning at any time.\n",
	  .kind = CLASSIFY_REVIEW },
	{ .name = "-1 atop a numbered list is no vote", .from = BOB,
	  .subject = "Re: [PATCH v2 1/3] xen/pvcalls: ring", .reply = 1,
	  .reviewable = 1,
	  .body = "The codes the ring returns, as the header has them:\n\n"
	    "-1. the request was malformed and is dropped\n"
	    "-2. the backend has no room for it yet\n\n"
	    "The second one should be retried by the frontend.\n",
	  .kind = CLASSIFY_REVIEW },
	{ .name = "a disclaimed verdict is none", .from = BOB,
	  .subject = "Re: [PATCH v2 1/3] xen/pvcalls: ring", .reply = 1,
	  .reviewable = 1,
	  .body = "I'm not saying the patch is wrong, only that the commit "
	    "message\nshould say why the ring grows to 64 pages.\n",
	  .kind = CLASSIFY_REVIEW },
	{ .name = "\"doesn't mean\" disclaims too", .from = BOB,
	  .subject = "Re: [PATCH v2 1/3] xen/pvcalls: ring", .reply = 1,
	  .reviewable = 1,
	  .body = "The backend never frees the page twice.  That doesn't "
	    "mean the\napproach is wrong; a comment saying so would "
	    "help the next reader.\n",
	  .kind = CLASSIFY_REVIEW },
	{ .name = "a disclaimer in its own clause leaves the verdict",
	  .from = BOB, .subject = "Re: [PATCH v2 1/3] xen/pvcalls: ring",
	  .reply = 1, .reviewable = 1,
	  .body = "I'm not saying this lightly: the approach is wrong, old "
	    "backends\nread the ring layout as it is.\n",
	  .kind = CLASSIFY_OBJECTION },
	{ .name = "the first vote counts", .from = BOB,
	  .subject = "Re: [DESIGN] PV Calls v2", .reply = 1, .reviewable = 1,
	  .body = "+1\n\nand for the alternative in the appendix:\n-1\n",
	  .kind = CLASSIFY_ACK, .vote = "+1" },
	{ .name = "a number in prose is no vote", .from = BOB,
	  .subject = "Re: [DESIGN] PV Calls v2", .reply = 1, .reviewable = 1,
	  .body = "The ring index wraps at -1 and the frontend must "
	    "handle that\ncase explicitly in the consumer loop.\n",
	  .kind = CLASSIFY_REVIEW },

	/* --- Windows and lazy consensus. */
	{ .name = "within the next 14 days", .from = ANN,
	  .subject = "[DESIGN] PV Calls v2",
	  .body = "If there are no objections within the next 14 days, "
	    "I will\ncommit it by lazy consensus.\n",
	  .kind = CLASSIFY_DESIGN, .on = CLASSIFY_F_LAZY, .window = 14 },
	{ .name = "within the next seven days", .from = ANN,
	  .subject = "[DESIGN] PV Calls v2",
	  .body = "Unless someone objects within the next seven days, "
	    "this is the\nlayout we go with.\n",
	  .kind = CLASSIFY_DESIGN, .off = CLASSIFY_F_LAZY, .window = 7 },
	{ .name = "within two weeks", .from = ANN,
	  .subject = "[DESIGN] PV Calls v2",
	  .body = "Comments within two weeks, please.\n",
	  .kind = CLASSIFY_DESIGN, .window = 14 },
	{ .name = "quoted window is not the poster's", .from = ANN,
	  .subject = "[DESIGN] PV Calls v3",
	  .body = "> If there are no objections within the next 14 days\n"
	    "\nThis replaces v2.\n",
	  .kind = CLASSIFY_DESIGN },

	/* --- Commands. */
	{ .name = "pvbot: tag", .from = JAN,
	  .subject = "Re: [PATCH] xen/pvcalls: fix ring size", .reply = 1,
	  .reviewable = 1, .body = "pvbot: tag pvcalls, abi\n",
	  .kind = CLASSIFY_OTHER, .commands = "tag(pvcalls, abi)" },
	{ .name = "pvbot: mute and promote", .from = JAN,
	  .subject = "Re: [DESIGN] PV Calls v2", .reply = 1, .reviewable = 1,
	  .body = "pvbot: mute\n  PVBOT: Promote pvcalls prototype  \n",
	  .kind = CLASSIFY_OTHER,
	  .commands = "mute(); promote(pvcalls prototype)" },
	{ .name = "command in an Outlook original message", .from = JAN,
	  .subject = "Re: [DESIGN] PV Calls v2", .reply = 1, .reviewable = 1,
	  .body = "Agreed, see below.\n\n-----Original Message-----\n"
	    "From: Greta Czar <greta@czar.example>\nSent: Monday, 2 "
	    "November 2026 10:00\nTo: xen-devel\nSubject: PV Calls v2\n\n"
	    "pvbot: promote pvcalls production\n"
	    "Acked-by: Greta Czar <greta@czar.example>\nNAK\n",
	  .kind = CLASSIFY_OTHER, .off = CLASSIFY_F_NAK },
	{ .name = "command in a Gmail forwarded message", .from = JAN,
	  .subject = "Re: [DESIGN] PV Calls v2", .reply = 1, .reviewable = 1,
	  .body = "FYI\n\n---------- Forwarded message ---------\n"
	    "From: Greta Czar <greta@czar.example>\nDate: Mon, 2 Nov 2026 "
	    "at 10:00\nSubject: PV Calls v2\n\n"
	    "pvbot: promote pvcalls production\n",
	  .kind = CLASSIFY_OTHER },
	{ .name = "command under an Outlook header block", .from = JAN,
	  .subject = "Re: [DESIGN] PV Calls v2", .reply = 1, .reviewable = 1,
	  .body = "Noted.\n\n________________________________\n"
	    "From: Greta Czar <greta@czar.example>\nSent: Monday\n\n"
	    "pvbot: promote pvcalls production\n",
	  .kind = CLASSIFY_OTHER },
	{ .name = "own command above a forwarded one", .from = JAN,
	  .subject = "Re: [DESIGN] PV Calls v2", .reply = 1, .reviewable = 1,
	  .body = "pvbot: tag pvcalls\n\n-----Original Message-----\n"
	    "pvbot: promote pvcalls production\n",
	  .kind = CLASSIFY_OTHER, .commands = "tag(pvcalls)" },
	{ .name = "quoted command ignored", .from = JAN,
	  .subject = "Re: [PATCH] xen/pvcalls: fix ring size", .reply = 1,
	  .reviewable = 1, .body = "> pvbot: tag x\n\nIndeed.\n",
	  .kind = CLASSIFY_OTHER },
	{ .name = "command in prose ignored", .from = JAN,
	  .subject = "Re: [PATCH] xen/pvcalls: fix ring size", .reply = 1,
	  .reviewable = 1, .body = "You can write pvbot: tag x to tag it.\n",
	  .kind = CLASSIFY_OTHER },
	{ .name = "command in a posting", .from = ANN,
	  .subject = "[DESIGN] PV Calls v2",
	  .body = "The layout is below.\n\npvbot: tag pvcalls\n",
	  .kind = CLASSIFY_DESIGN, .commands = "tag(pvcalls)" },
};

/* A whole change as git writes it, below a reply's text. */
#define GIT_DIFF							\
	"diff --git a/drivers/xen/pvcalls-front.c "			\
	"b/drivers/xen/pvcalls-front.c\n"				\
	"index 1111111..2222222 100644\n"				\
	"--- a/drivers/xen/pvcalls-front.c\n"				\
	"+++ b/drivers/xen/pvcalls-front.c\n"				\
	"@@ -1,3 +1,3 @@\n"						\
	" int a;\n"							\
	"-int b;\n"							\
	"+int c;\n"							\
	" int d;\n"

/*
 * Diffs in replies: one git made, below the sender's own text, proposes a
 * change (a patch, signed off or not); a hunk pasted into a review, or a
 * diff in the original message under Outlook's header block, does not.
 */
static const struct classify_case diff_cases[] = {
	{ .name = "reviewer's git diff in a reply", .from = BOB,
	  .subject = "Re: [PATCH] xen/pvcalls: fix ring size", .reply = 1,
	  .reviewable = 1,
	  .body = "On Mon, Ann Author wrote:\n> +#define RING_SIZE 64\n\n"
	    "The size belongs in the header, where the backend reads it "
	    "too.\nHow about something like this:\n\n" GIT_DIFF,
	  .kind = CLASSIFY_PATCH, .on = CLASSIFY_F_GIT_DIFF },
	{ .name = "proposer's git diff in a reply", .from = ANN,
	  .subject = "Re: [PATCH] xen/pvcalls: fix ring size", .reply = 1,
	  .reviewable = 1, .proposer = "ann@example.org",
	  .body = "On Tue, Bob Reviewer wrote:\n> Please move it.\n\n"
	    "Right, I will fold this into v2:\n\n" GIT_DIFF,
	  .kind = CLASSIFY_PATCH, .on = CLASSIFY_F_GIT_DIFF },
	{ .name = "git diff below the signature", .from = BOB,
	  .subject = "Re: [PATCH] xen/pvcalls: fix ring size", .reply = 1,
	  .reviewable = 1,
	  .body = "> +#define RING_SIZE 64\n\nI tried the other way round "
	    "and this is what I got.\nDoes that look better?\n\n-- \nBob\n"
	    "\n-------------------------8<-------------------------\n"
	    GIT_DIFF,
	  .kind = CLASSIFY_PATCH, .on = CLASSIFY_F_GIT_DIFF },
	{ .name = "git diff in the original message under Outlook's header",
	  .from = ANN, .subject = "RE: [PATCH] xen/pvcalls: fix ring size",
	  .reply = 1, .reviewable = 1,
	  .body = "Please ignore this one, I'll send v2.\n\nBr.\n\n"
	    "-----Original Message-----\nFrom: Ann Author <ann@example.org>"
	    "\nSent: Monday, November 2, 2026 10:00 AM\nTo: xen-devel\n"
	    "Subject: [PATCH] xen/pvcalls: fix ring size\n\n"
	    "The ring was too small.\n\n" GIT_DIFF,
	  .kind = CLASSIFY_OTHER, .off = CLASSIFY_F_GIT_DIFF },
	{ .name = "hunk pasted into a review", .from = BOB,
	  .subject = "Re: [PATCH] xen/pvcalls: fix ring size", .reply = 1,
	  .reviewable = 1,
	  .body = "On Mon, Ann Author wrote:\n> +#define RING_SIZE 64\n\n"
	    "This changes the ring size without bumping the protocol "
	    "version,\nso an old backend will misread every request; "
	    "rather:\n\n--- a/drivers/xen/pvcalls-front.c\n"
	    "+++ b/drivers/xen/pvcalls-front.c\n@@ -1 +1 @@\n-int b;\n"
	    "+int c;\n",
	  .kind = CLASSIFY_REVIEW, .off = CLASSIFY_F_GIT_DIFF },
};

/*
 * Merge logistics and list etiquette: when and on what a change is taken,
 * not whether it is right.  In a long review one mention is an aside.
 */
static const struct classify_case process_cases[] = {
	{ .name = "queued for the next merge window", .from = JAN,
	  .subject = "Re: [PATCH] xen/pvcalls: fix ring size", .reply = 1,
	  .reviewable = 1,
	  .body = "OK but I'd rather not make such changes with the merge "
	    "window closed.\nI'll queue this for the next one.\n",
	  .kind = CLASSIFY_OTHER, .on = CLASSIFY_F_PROCESS },
	{ .name = "too late in the cycle", .from = JAN,
	  .subject = "Re: [PATCH 3/3] xen/pvcalls: fix ring size",
	  .reply = 1, .reviewable = 1,
	  .body = "It got too late in the cycle, so I am not going to take "
	    "3/3 now.\n",
	  .kind = CLASSIFY_OTHER, .on = CLASSIFY_F_PROCESS },
	{ .name = "base your patches on an early -rc", .from = JAN,
	  .subject = "Re: [PATCH v2 0/3] pvcalls: UDP sockets", .reply = 1,
	  .reviewable = 1,
	  .body = "In the future, please don't do that.  Always base your "
	    "patches\non an early -rc; my next branch is a moving target.\n",
	  .kind = CLASSIFY_OTHER, .on = CLASSIFY_F_PROCESS },
	{ .name = "let it simmer in -next", .from = JAN,
	  .subject = "Re: [PATCH v2 3/3] pvcalls: UDP sockets", .reply = 1,
	  .reviewable = 1,
	  .body = "I'm happy to drop this one from the queue or take a "
	    "rework on top,\nbut I want to let it simmer in -next for a few "
	    "days before sending\nthe pull request.\n",
	  .kind = CLASSIFY_OTHER, .on = CLASSIFY_F_PROCESS },
	{ .name = "after your pull request is in", .from = JAN,
	  .subject = "Re: [PATCH] xen/pvcalls: fix ring size", .reply = 1,
	  .reviewable = 1,
	  .body = "Yes, that's why it's not merged.  Ann can send me v2 "
	    "after your\npull request is in, and I'll apply it.\n",
	  .kind = CLASSIFY_OTHER, .on = CLASSIFY_F_PROCESS },
	{ .name = "only one patch of the series came", .from = JAN,
	  .subject = "Re: [PATCH 9/9] xen/pvcalls: fix ring size", .reply = 1,
	  .reviewable = 1,
	  .body = "You've sent me patch 9 out of 9 without the previous 8 "
	    "patches.  There\nis no way I can sensibly review this series.\n",
	  .kind = CLASSIFY_OTHER, .on = CLASSIFY_F_PROCESS },
	{ .name = "send a proper cover letter", .from = JAN,
	  .subject = "Re: [PATCH 1/2] xen/pvcalls: fix ring size", .reply = 1,
	  .reviewable = 1,
	  .body = "This message had In-Reply-To: <1-ann@example.org> in its "
	    "header,\nbut that one was not sent to the list.  Please don't "
	    "do that.\nInstead, please write and send a proper cover "
	    "letter.  Thanks!\n",
	  .kind = CLASSIFY_OTHER, .on = CLASSIFY_F_PROCESS },
	{ .name = "HTML mail and top-posting", .from = JAN,
	  .subject = "Re: [PATCH v3 1/3] pvcalls: UDP sockets", .reply = 1,
	  .reviewable = 1,
	  .body = "Please don't use HTML email, and avoid top-posting.\n",
	  .kind = CLASSIFY_OTHER, .on = CLASSIFY_F_PROCESS },
	{ .name = "merge window in passing in a review", .from = BOB,
	  .subject = "Re: [PATCH] xen/pvcalls: fix ring size", .reply = 1,
	  .reviewable = 1,
	  .body = REVIEW "\nThe backend side went in during the last merge "
	    "window, so the frontend\ncan rely on the feature node being "
	    "there; please read it before\nallocating the ring, and fall "
	    "back to one page when it is missing,\nas the other frontends "
	    "do.  The error path also leaks the grant\nreferences taken "
	    "for the first half of the ring.\n",
	  .kind = CLASSIFY_REVIEW, .off = CLASSIFY_F_PROCESS },
	{ .name = "next is no tree", .from = BOB,
	  .subject = "Re: [PATCH] xen/pvcalls: fix ring size", .reply = 1,
	  .reviewable = 1,
	  .body = REVIEW "\nI will look at the rest of the series next.\n",
	  .kind = CLASSIFY_REVIEW, .off = CLASSIFY_F_PROCESS },
};

/*
 * A thread without a patch whose subject asks a design question: a
 * technical reply in it is a review.  A bug report's thread is not.
 */
static const struct classify_case discussion_cases[] = {
	{ .name = "reply to a design question", .from = BOB,
	  .subject = "Re: Should PV Calls carry UDP on the same ring?",
	  .reply = 1,
	  .body = "On Mon, Ann Author wrote:\n> Or a second ring?\n\n"
	    "One ring keeps the backend simple, but a datagram can be "
	    "larger\nthan a slot, so the request needs a length and a "
	    "grant list.\n",
	  .kind = CLASSIFY_REVIEW, .on = CLASSIFY_F_SUBJECT_REVIEW },
	{ .name = "reply on a new approach", .from = BOB,
	  .subject = "Re: pvcalls: a new approach for the backend's "
	    "socket table", .reply = 1,
	  .body = "On Mon, Ann Author wrote:\n> A hash table.\n\n"
	    "A radix tree keyed by the socket id would keep the lookup "
	    "lock-free\nand the ids dense; a hash needs resizing under "
	    "load.\n",
	  .kind = CLASSIFY_REVIEW, .on = CLASSIFY_F_SUBJECT_REVIEW },
	{ .name = "reply on questions about a design", .from = BOB,
	  .subject = "Re: pvcalls: questions about supporting UDP",
	  .reply = 1,
	  .body = "On Mon, Ann Author wrote:\n> Or a second ring?\n\n"
	    "One ring keeps the backend simple, but a datagram can be "
	    "larger\nthan a slot, so the request needs a length and a "
	    "grant list.\n",
	  .kind = CLASSIFY_REVIEW, .on = CLASSIFY_F_SUBJECT_REVIEW },
	{ .name = "reply in a bug report's thread asking why", .from = BOB,
	  .subject = "Re: Why does pvcalls crash on connect?", .reply = 1,
	  .body = "On Mon, Ann Author wrote:\n> It crashes.\n\n"
	    "The backend frees the socket before the frontend's release "
	    "arrives;\nplease try with the map lock held across both.\n",
	  .kind = CLASSIFY_OTHER, .off = CLASSIFY_F_SUBJECT_REVIEW },
	{ .name = "reply in a thread that asks nothing", .from = BOB,
	  .subject = "Re: pvcalls backend stops after a reconnect",
	  .reply = 1,
	  .body = "On Mon, Ann Author wrote:\n> It stops.\n\n"
	    "The backend frees the socket before the frontend's release "
	    "arrives;\nplease try with the map lock held across both.\n",
	  .kind = CLASSIFY_OTHER, .off = CLASSIFY_F_SUBJECT_REVIEW },
};

/*
 * The thread is not stored: the patch a reply quotes shows whose it is.
 * The sender's inline answers to a review of the commit message do not
 * part the quoted header from its diff; another quote's introduction does.
 */
#define ANN_PATCH_HEADER \
	"On Tue, Bob Reviewer wrote:\n" \
	"> On Mon, Ann Author wrote:\n" \
	">> The ring was too small for UDP.\n>>\n" \
	">> Signed-off-by: Ann Author <ann@example.org>\n>> ---\n" \
	">>  drivers/xen/pvcalls-front.c | 2 +-\n>\n" \
	"> The commit message should say which backends break.\n\n" \
	"Good point, I will name them; only the Linux backend is " \
	"affected.\n\n"

static const struct classify_case author_cases[] = {
	{ .name = "author answers inline between header and diff",
	  .from = ANN, .subject = "Re: [PATCH] xen/pvcalls: fix ring size",
	  .reply = 1, .reviewable = 1,
	  .body = ANN_PATCH_HEADER
	    ">> diff --git a/drivers/xen/pvcalls-front.c "
	    "b/drivers/xen/pvcalls-front.c\n>> @@ -1 +1 @@\n"
	    ">> -int b;\n>> +int c;\n>\n"
	    "> This also needs a feature flag.\n\n"
	    "The backend already refuses unknown sizes, so old backends "
	    "stay\nsafe without one.\n",
	  .kind = CLASSIFY_OTHER, .on = CLASSIFY_F_AUTHOR },
	{ .name = "another quote's diff after the author's header",
	  .from = ANN, .subject = "Re: [PATCH] xen/pvcalls: fix ring size",
	  .reply = 1, .reviewable = 1,
	  .body = ANN_PATCH_HEADER
	    "On Wed, Carl Coder wrote:\n"
	    "> On Tue, Dan Dev wrote:\n"
	    ">> diff --git a/drivers/xen/pvcalls-back.c "
	    "b/drivers/xen/pvcalls-back.c\n>> @@ -1 +1 @@\n"
	    ">> -int b;\n>> +int c;\n>\n"
	    "> This also needs a feature flag.\n\n"
	    "The backend already refuses unknown sizes, so old backends "
	    "stay\nsafe without one.\n",
	  .kind = CLASSIFY_REVIEW, .off = CLASSIFY_F_AUTHOR },

	/* --- The author's own words are no objection to their change. */
	{ .name = "thread not stored: git format-patch's cover id names the proposer",
	  .from = ANN, .subject = "Re: [PATCH v5 2/3] xen/pvcalls: fix ring size",
	  .reply = 1, .reviewable = 1,
	  .headers = "In-Reply-To: <r@example.net>\nReferences: "
	    "<cover.1587531463.git.ann@example.org>\n <r@example.net>\n",
	  .body = "On Tue, Bob Reviewer wrote:\n> Make it private to "
	    "io_uring.\n\nI would prefer to not introduce that limitation "
	    "in the first place,\nand instead open normal file "
	    "descriptors.\n",
	  .kind = CLASSIFY_OTHER, .on = CLASSIFY_F_AUTHOR | CLASSIFY_F_NO_THREAD },
	{ .name = "thread not stored: git format-patch's patch id names the proposer",
	  .from = ANN, .subject = "Re: [PATCH v5 2/3] xen/pvcalls: fix ring size",
	  .reply = 1, .reviewable = 1,
	  .headers = "In-Reply-To: <r@example.net>\nReferences: "
	    "<9873b8bd7d14ff8cd2a5782b434b39f076679eeb.1587531463.git."
	    "ann@example.org>\n <r@example.net>\n",
	  .body = "On Tue, Bob Reviewer wrote:\n> Why forbid it?\n\n"
	    "It seems like a gut feeling that it is just wrong to allow "
	    "it: it\nwould be its own parent.\n",
	  .kind = CLASSIFY_OTHER, .on = CLASSIFY_F_AUTHOR | CLASSIFY_F_NO_THREAD },
	{ .name = "thread not stored: a format-patch id naming someone else proves nothing",
	  .from = BOB, .subject = "Re: [PATCH v5 2/3] xen/pvcalls: fix ring size",
	  .reply = 1, .reviewable = 1,
	  .headers = "In-Reply-To: <r@example.net>\nReferences: "
	    "<cover.1587531463.git.ann@example.org>\n <r@example.net>\n",
	  .body = "On Tue, Ann Author wrote:\n> It is private to io_uring."
	    "\n\nI would prefer to not introduce that limitation in the "
	    "first place,\nand instead open normal file descriptors.\n",
	  .kind = CLASSIFY_OBJECTION, .off = CLASSIFY_F_AUTHOR },
	{ .name = "the author's patch quoted with its diff headers trimmed",
	  .from = ANN, .subject = "Re: [PATCH v3 29/30] xen/pvcalls: fix ring size",
	  .reply = 1, .reviewable = 1, .proposer = "carl@example.com",
	  .body = "On Tue, Bob Reviewer wrote:\n"
	    "> On Mon, Carl Coder wrote:\n"
	    ">> From: Ann Author <ann@example.org>\n"
	    ">> +\tunpin_folio(folio);\n>> +\tkho_unpreserve(folio);\n>\n"
	    "> This one is missing a WARN_ON_ONCE().\n\n"
	    "Right, will add.  Long term, I think we shouldn't be doing "
	    "this\nmanually anyway.\n",
	  .kind = CLASSIFY_OTHER, .on = CLASSIFY_F_AUTHOR },
	{ .name = "the author's patch quoted under an address they no longer use",
	  .from = "Ann Author <ann@home.example>",
	  .subject = "Re: [PATCH v3 29/30] xen/pvcalls: fix ring size",
	  .reply = 1, .reviewable = 1, .proposer = "carl@example.com",
	  .body = "On Tue, Bob Reviewer wrote:\n"
	    "> On Mon, Carl Coder wrote:\n"
	    ">> From: Ann Author <ann@work.example>\n>>\n"
	    ">> diff --git a/ring.h b/ring.h\n>> +#define RING_SIZE 64\n>\n"
	    "> This one is missing a WARN_ON_ONCE().\n\n"
	    "Right, will add.  Long term, I think we shouldn't be doing "
	    "this\nmanually anyway.\n",
	  .kind = CLASSIFY_OTHER, .on = CLASSIFY_F_AUTHOR },
	/*
	 * The labelling rules call a NAK a NAK, the author's own too; the
	 * check-in policy makes it a new version owed (t-checkin).
	 */
	{ .name = "the proposer's NAK of their own patch is an objection",
	  .from = ANN, .subject = "Re: [RFC PATCH] xen/pvcalls: fix ring size",
	  .reply = 1, .reviewable = 1, .proposer = "ann@example.org",
	  .body = "Nack this.\n\nApparently the issue is only seen with "
	    "the kdump kernel; it may\nalready be solved upstream.  "
	    "Testing a new build now.\n",
	  .kind = CLASSIFY_OBJECTION,
	  .on = CLASSIFY_F_AUTHOR | CLASSIFY_F_NAK },
};

static char *
test_vote(const struct classify_result *r)
{
	if (!r->has_vote)
		return (NULL);
	return (r->vote == 0 ? xstrdup("0") : xasprintf("%+d", r->vote));
}

static char *
test_trailers(const struct classify_result *r)
{
	struct buf	b;
	size_t		i;

	if (r->ntrailers == 0)
		return (NULL);
	buf_init(&b);
	for (i = 0; i < r->ntrailers; i++) {
		buf_printf(&b, "%s%s: %s <%s>", i > 0 ? "; " : "",
		    r->trailers[i].tag, r->trailers[i].name,
		    r->trailers[i].email);
		if (r->trailers[i].area != NULL)
			buf_printf(&b, " # %s", r->trailers[i].area);
		if (r->trailers[i].mismatch == CLASSIFY_RELAYED)
			buf_addstr(&b, " [relayed]");
		else if (r->trailers[i].mismatch)
			buf_addstr(&b, " [mismatch]");
	}
	return (buf_detach(&b, NULL));
}

static char *
test_commands(const struct classify_result *r)
{
	struct buf	b;
	size_t		i;

	if (r->ncommands == 0)
		return (NULL);
	buf_init(&b);
	for (i = 0; i < r->ncommands; i++)
		buf_printf(&b, "%s%s(%s)", i > 0 ? "; " : "",
		    r->commands[i].verb, r->commands[i].args);
	return (buf_detach(&b, NULL));
}

/* A message from inline text; the test dies if it does not parse. */
static struct message *
test_message(const char *from, const char *subject, const char *headers,
    const char *body)
{
	struct message_env	 env = { 0, 0 };
	struct message		*m;
	char			*raw, *cause = NULL;

	raw = xasprintf("From: %s\nTo: xen-devel@lists.xenproject.org\n"
	    "Subject: %s\nDate: Mon, 2 Nov 2026 10:00:00 +0000\n"
	    "Message-ID: <t@example.org>\n%sContent-Type: text/plain; "
	    "charset=utf-8\n\n%s", from, subject, headers != NULL ? headers :
	    "", body);
	if (message_parse(raw, strlen(raw), &env, &m, &cause) != 0) {
		printf("Bail out! message_parse: %s\n", cause);
		exit(1);
	}
	free(raw);
	return (m);
}

static void
test_classify(const struct rules *rules, const struct protocols *ps,
    const struct message *m, int reply, int reviewable,
    const char *proposer, struct classify_result *r)
{
	struct classify_context	 ctx;
	struct series_tag	 tag;
	char			*norm;

	memset(&ctx, 0, sizeof ctx);
	ctx.reply = reply;
	ctx.reviewable = reviewable;
	ctx.proposer = proposer;
	/* The proposer's name, as the store gives it, in "Name <addr>". */
	if (proposer != NULL && strcmp(proposer, "ann@example.org") == 0)
		ctx.proposer_name = "Ann Author";
	ctx.protocols = ps;
	norm = series_parse_subject(m->subject, &tag);
	classify_message(rules, m, &tag, &ctx, r);
	free(norm);
}

static void
test_case(const struct rules *rules, const struct classify_case *c)
{
	struct classify_result	 r;
	struct message		*m;
	char			 what[256], *got;

	m = test_message(c->from, c->subject, c->headers, c->body);
	test_classify(rules, NULL, m, c->reply, c->reviewable, c->proposer,
	    &r);
	snprintf(what, sizeof what, "%s: kind", c->name);
	tap_check_str(r.kind, c->kind, __FILE__, __LINE__, what);
	snprintf(what, sizeof what, "%s: flags", c->name);
	if (!tap_check((r.flags & c->on) == c->on && (r.flags & c->off) == 0 &&
	    !(r.flags & CLASSIFY_F_RULE_ERROR), __FILE__, __LINE__, what))
		printf("#   flags %#x, want on %#x off %#x\n", r.flags, c->on,
		    c->off);
	snprintf(what, sizeof what, "%s: vote", c->name);
	got = test_vote(&r);
	tap_check_str(got, c->vote, __FILE__, __LINE__, what);
	free(got);
	snprintf(what, sizeof what, "%s: window", c->name);
	tap_check_int(r.window, c->window * 86400, __FILE__, __LINE__, what);
	snprintf(what, sizeof what, "%s: trailers", c->name);
	got = test_trailers(&r);
	tap_check_str(got, c->trailers, __FILE__, __LINE__, what);
	free(got);
	snprintf(what, sizeof what, "%s: commands", c->name);
	got = test_commands(&r);
	tap_check_str(got, c->commands, __FILE__, __LINE__, what);
	free(got);
	classify_free(&r);
	message_free(m);
}

/* Paths, and protocols bound by path or by the subject. */
static void
test_protocols(const struct rules *rules, const char *top)
{
	struct protocols	*ps = NULL;
	struct classify_result	 r;
	struct message		*m;
	char			 path[4096], *cause = NULL;

	snprintf(path, sizeof path, "%s/etc/pvbot/protocols.conf", top);
	if (!check_int(protocols_load(path, &ps, &cause), 0)) {
		printf("# %s\n", cause);
		free(cause);
		return;
	}
	m = test_message(ANN, "[PATCH] xen: fix ring size", NULL,
	    "Signed-off-by: Ann Author <ann@example.org>\n" DIFF_PVCALLS);
	test_classify(rules, ps, m, 0, 0, NULL, &r);
	if (check_int(r.npaths, 1))
		check_str(r.paths[0], "drivers/xen/pvcalls-front.c");
	if (check_int(r.nprotocols, 1)) {
		check_str(r.protocols[0].protocol->name, "pvcalls");
		check_str(r.protocols[0].source, "path");
	}
	classify_free(&r);
	message_free(m);

	m = test_message(ANN, "[DESIGN] 9pfs: a new transport", NULL,
	    "The body names pvcalls in passing only.\n");
	test_classify(rules, ps, m, 0, 0, NULL, &r);
	if (check_int(r.nprotocols, 1)) {
		check_str(r.protocols[0].protocol->name, "9pfs");
		check_str(r.protocols[0].source, "text");
	}
	classify_free(&r);
	message_free(m);
	protocols_free(ps);
}

/* The own-text filter on its own. */
static void
test_own_text(const struct rules *rules)
{
	static const struct {
		const char	*body, *own;
	} v[] = {
		{ "Mine\n> quoted\n | outlook quote\nmine too\n-- \nsig\n",
		  "Mine\nmine too\n" },
		{ "a\n___________________\nlist footer\n", "a\n" },
		{ "a\n--- x\n+++ y\n@@ -1 +1 @@\nAcked-by: x\n", "a\n" },
		/* "---" alone (format-patch's separator) is no signature. */
		{ "a\n---\nb\n", "a\n---\nb\n" },
		/* Forwarded and original messages are not the sender's. */
		{ "Agreed.\n\n-----Original Message-----\nFrom: Jan\n"
		  "pvbot: promote pvcalls production\n", "Agreed.\n\n" },
		/* Outlook's German separator, and Zimbra's, German and French. */
		{ "Ok.\n\n-----Urspr\xc3\xbcngliche Nachricht-----\nVon: Jan\n"
		  "NAK\n", "Ok.\n\n" },
		{ "Ok.\n\n-----Urspruengliche Nachricht-----\nVon: Jan\nNAK\n",
		  "Ok.\n\n" },
		{ "Agreed.\n\n----- Urspr\xc3\xbcngliche Mail -----\nVon: Jan"
		  "\nNAK\n", "Agreed.\n\n" },
		{ "Oui.\n\n----- Mail original -----\nDe: Jan\nNAK\n",
		  "Oui.\n\n" },
		/* Words of a separator in the sender's prose end nothing. */
		{ "The original mail -- see above -- said so.\n",
		  "The original mail -- see above -- said so.\n" },
		{ "FYI\n\n---------- Forwarded message ---------\nFrom: "
		  "Jan <j@x>\nDate: Mon\n\nNAK\n", "FYI\n\n" },
		{ "Fine.\n\nFrom: Jan Maint <jan@example.net>\nSent: Monday, "
		  "2 November 2026 10:00\nTo: xen-devel\nSubject: Re: x\n\n"
		  "I object.\n", "Fine.\n\n" },
		{ "Ok.\n\nVon: Jan Maint\nGesendet: Montag\nAn: x\n\n"
		  "NAK\n", "Ok.\n\n" },
		{ "See below.\n\nBegin forwarded message:\n\nNAK\n",
		  "See below.\n\n" },
		/* A quoted marker ends nothing: own text may follow it. */
		{ "> -----Original Message-----\n> x\nMine.\n", "Mine.\n" },
		/* A format-patch header in a reply is no Outlook block. */
		{ "From: Ann <a@x>\nDate: Mon\nSubject: [PATCH] x\n\nBody\n",
		  "From: Ann <a@x>\nDate: Mon\nSubject: [PATCH] x\n\nBody\n" },
		/* Attribution lines, in several languages, one or two lines. */
		{ "On Mon, 2 Nov 2026 at 10:00, Jan Maint <jan@\nexample.net> "
		  "wrote:\n> x\nYes.\n", "Yes.\n" },
		{ "Am 02.11.26 um 10:00 schrieb Jan Maint:\n> x\nJa.\n",
		  "Ja.\n" },
		{ "Le lun. 2 nov. 2026 \xc3\xa0 10:00, Jan a \xc3\xa9" "crit :\n"
		  "> x\nOui.\n", "Oui.\n" },
		{ "El lun, 2 nov 2026, Jan escribi\xc3\xb3:\n> x\nS\xc3\xad.\n",
		  "S\xc3\xad.\n" },
		{ "Jan Maint <jan@example.net> \xe4\xba\x8e" "2026\xe5\xb9\xb4" "11"
		  "\xe6\x9c\x88" "2\xe6\x97\xa5\xe5\x86\x99\xe9\x81\x93\xef\xbc\x9a\n"
		  "> x\nOK\n", "OK\n" },
		{ "Jan Maint writes (\"Re: [PATCH] x\"):\n> x\nYes.\n",
		  "Yes.\n" },
		/* Typographic apostrophes read as plain ones. */
		{ "I don\xe2\x80\x99t think so.\n", "I don't think so.\n" },
	};
	char	*own;
	size_t	 i;

	for (i = 0; i < sizeof v / sizeof v[0]; i++) {
		own = classify_own_text(rules, v[i].body);
		if (!check_str(own, v[i].own))
			printf("#   body %zu: %s\n", i, v[i].body);
		free(own);
	}
	/* Without rules, only the shape of the text counts. */
	own = classify_own_text(NULL, "a\n> b\n-----Original Message-----\n");
	check_str(own, "a\n-----Original Message-----\n");
	free(own);
}

/* Every bad line of a rules file is named, with file and line. */
static void
test_rules_errors(void)
{
	static const char bad[] =
	    "# comment\n"
	    "trailer Acked-by ^acked-by:[ \\t]*(?<value>.*)$\n"
	    "objection broken (unclosed\n"
	    "frobnicate x foo\n"
	    "vote novote ^[+-][012]$\n"
	    "command c ^pvbot: (?<verb>\\w+)$\n"
	    "nak onlyname\n"
	    "\n"
	    "nak fine ^NAK$\n";
	struct rules	*r = NULL;
	char		*cause = NULL;
	int		 lines = 0;
	const char	*p;

	check_int(rules_parse(bad, sizeof bad - 1, "t.conf", &r, &cause), -1);
	check(r == NULL);
	if (!check(cause != NULL))
		return;
	check(strstr(cause, "t.conf:3: bad pattern") != NULL);
	check(strstr(cause, "t.conf:4: unknown rule class: frobnicate") !=
	    NULL);
	check(strstr(cause, "t.conf:5: pattern lacks the named group: vote") !=
	    NULL);
	check(strstr(cause, "t.conf:6: pattern lacks the named group: args") !=
	    NULL);
	check(strstr(cause, "t.conf:7: expected CLASS NAME PATTERN") != NULL);
	check(strstr(cause, "t.conf:2:") == NULL);
	check(strstr(cause, "t.conf:9:") == NULL);
	for (p = cause; p != NULL; p = strchr(p + 1, '\n'))
		lines++;
	check_int(lines, 5);
	free(cause);

	cause = NULL;
	check_int(rules_load("/nonexistent/rules.conf", &r, &cause), -1);
	check(cause != NULL && strstr(cause, "/nonexistent/rules.conf") !=
	    NULL);
	free(cause);

	/* An empty file is valid: it classifies nothing. */
	cause = NULL;
	if (check_int(rules_parse("", 0, "e.conf", &r, &cause), 0)) {
		check_int(rules_count(r, RULES_TRAILER), 0);
		rules_free(r);
	}
	rules_free(NULL);
}

struct scan_seen {
	char	names[256];
};

static void
scan_collect(const struct rules_hit *hit, enum rules_class class, void *arg)
{
	struct scan_seen	*seen = arg;
	size_t			 len = strlen(seen->names);

	(void)class;
	snprintf(seen->names + len, sizeof seen->names - len, "%s%s@%zu",
	    len > 0 ? " " : "", hit->name, hit->start);
}

/*
 * rules_scan joins rules by the test they start with (^, \b, none) for
 * speed; what it finds must still be what one alternation in file order
 * finds: leftmost first, at one position the earlier rule, no overlaps,
 * and a pattern whose second branch is unanchored not anchored.
 */
static void
test_scan_order(void)
{
	static const char text[] =
	    "objection phrase \\bNAK won't help\\b\n"
	    "nak bare ^[ \\t]*NAK\\b\n"
	    "nak either ^late|mid\\w+\n"
	    "objection grouped ^(?:never|not ever)\\b\n"
	    "objection plain (?<![\\w-])wrong\\b\n"
	    "objection word \\bwrong way\\b\n"
	    "objection posix \\b[[:alpha:](]z|(q)q\n"
	    "ping ping ^ping\\b\n";
	static const struct {
		const char	*body;
		const char	*want;
	} scans[] = {
		/* The \b rule comes first in the file: it wins at 0. */
		{ "NAK won't help here", "phrase@0" },
		{ "NAK", "bare@0" },
		/* "late" only at a line start; "mid..." anywhere. */
		{ "a late midway\nlate", "either@7 either@14" },
		{ "ping, wrong way", "ping@0 plain@6" },
		/* An alternation inside a group stays under its guard. */
		{ "I never wrong\nnever", "plain@8 grouped@14" },
		/* Overlaps: after a hit the scan goes on from its end. */
		{ "wrong wrong way", "plain@0 plain@6" },
		/* A class with [:alpha:] and "(" in it: its "|" is top level. */
		{ "aqq", "posix@1" },
		{ "", "" },
	};
	struct rules		*r = NULL;
	struct scan_seen	 seen;
	char			*cause = NULL;
	size_t			 i;

	if (!check_int(rules_parse(text, sizeof text - 1, "scan.conf", &r,
	    &cause), 0) || !check_int(rules_prepare(r, RULES_SCAN_REPLY,
	    &cause), 0)) {
		printf("# %s\n", cause);
		free(cause);
		return;
	}
	for (i = 0; i < sizeof scans / sizeof scans[0]; i++) {
		memset(&seen, 0, sizeof seen);
		check_int(rules_scan(r, RULES_SCAN_REPLY, scans[i].body,
		    strlen(scans[i].body), scan_collect, &seen), RULES_MATCH);
		check_str(seen.names, scans[i].want);
	}
	rules_free(r);
}

/* A need as text: "{a|b} {c}", "" for none. */
static void
need_text(const struct rules_need *n, char *out, size_t size)
{
	size_t	i, j, len;

	*out = '\0';
	for (i = 0; i < rules_need_count(n); i++) {
		for (j = 0; j < rules_need_words(n, i); j++) {
			len = strlen(out);
			snprintf(out + len, size - len, "%s%s",
			    j > 0 ? "|" : i > 0 ? " {" : "{",
			    rules_need_word(n, i, j));
		}
		len = strlen(out);
		snprintf(out + len, size - len, "}");
	}
}

/*
 * What words a rule needs, read off its pattern: each set holds a word
 * every match contains, never one a match may lack.  A scan skips the
 * rule in a text that holds no word of a set.
 */
static void
test_rule_needs(void)
{
	static const struct {
		const char	*pattern;
		const char	*want;
	} needs[] = {
		{ "\\bI\\s+(?:still\\s+)?(?:object|oppose)\\b",
		    "{object|oppose}" },
		/* An optional byte or a class of a few: variants. */
		{ "^[ \\t]*(?-i:NAC?K|Nac?k)\\b(?!-)", "{nak|nack}" },
		{ "\\b(?:is|are)\\s+(?:no[- ]go|non[- ]starter)\\b",
		    "{no-go|no go|non-starter|non starter}" },
		/* Every set is needed; the best first. */
		{ "\\bI\\s+(?:don't|do\\s+not)\\s+think\\s+we\\s+"
		    "(?:want|should)\\b", "{think} {want|should} {don't|not}" },
		/* Words under 3 bytes, optional groups, lookarounds: none. */
		{ "\\b(?:fine|ok)\\s+(?:really\\s+)?with\\s+me\\b(?!\\s+too)",
		    "{with}" },
		{ "\\b(?<![+-])(?:Cc|CC)s?(?!['\\w-])", "" },
		{ "\\bwithin (?<n>\\d+) (?<unit>days?|weeks?)\\b",
		    "{within } {day|days|week|weeks}" },
		{ "x{2,}yzw+", "{yzw}" },
		/* Syntax the reader does not follow: always run. */
		{ "\\Qa.b\\E", "" },
		{ "(?x) a b c", "" },
	};
	struct rules_need	*n;
	struct rules_needs	*ns;
	struct rules_text	 t;
	char			 got[512];
	size_t			 i, out[4];

	for (i = 0; i < sizeof needs / sizeof needs[0]; i++) {
		n = rules_need_derive(needs[i].pattern);
		need_text(n, got, sizeof got);
		check_str(got, needs[i].want);
		rules_need_free(n);
	}
	/* The index: no false "no", letters without case. */
	ns = rules_needs_new();
	n = rules_need_derive(needs[0].pattern);
	rules_needs_add(ns, n);
	rules_need_free(n);
	n = rules_need_derive(needs[3].pattern);
	rules_needs_add(ns, n);
	rules_need_free(n);
	rules_needs_add(ns, NULL);
	rules_text_index(&t, "I OBJECT.", 9);
	check_int(rules_needs_select(ns, &t, out, 4), 2);
	check_int((int)out[0], 0);
	check_int((int)out[1], 2);
	rules_text_index(&t, "I do not think we should", 24);
	check_int(rules_needs_select(ns, &t, out, 4), 2);
	check_int((int)out[0], 1);
	rules_text_index(&t, "I do not think so", 17);
	check_int(rules_needs_select(ns, &t, out, 4), 1);
	check_int(rules_needs_select(ns, &t, out, 0), -1);
	rules_needs_free(ns);
}

static double
test_now(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ((double)ts.tv_sec + ts.tv_nsec / 1e9);
}

/*
 * A catastrophic pattern against hostile text stops at the match limit
 * and is flagged, in the own-text scan and in subject/From matching.
 */
static void
test_bomb(void)
{
	static const char text[] =
	    "trailer Acked-by ^acked-by:[ \\t]*(?<value>\\S.*)$\n"
	    "objection bomb (a+)+$\n"
	    "design-subject bomb2 (x+x+)+$\n"
	    "bot bomb3 (b|bb)+$\n";
	struct rules		*rules = NULL;
	struct classify_result	 r;
	struct message		*m;
	struct buf		 b;
	char			*cause = NULL, *body, *subj, *from;
	double			 t0;
	int			 i;

	if (!check_int(rules_parse(text, sizeof text - 1, "bomb.conf", &rules,
	    &cause), 0)) {
		printf("# %s\n", cause);
		free(cause);
		return;
	}
	/* No ack: the kind stays open, so the prose rules read the text. */
	buf_init(&b);
	buf_addstr(&b, "Thanks, but I have one question about this.\n");
	for (i = 0; i < 4000; i++)
		buf_addstr(&b, "a");
	buf_addstr(&b, "b\n");
	body = buf_detach(&b, NULL);

	t0 = test_now();
	m = test_message(JAN, "Re: [PATCH] x", NULL, body);
	test_classify(rules, NULL, m, 1, 1, NULL, &r);
	check(r.flags & CLASSIFY_F_RULE_ERROR);
	check(!(r.flags & CLASSIFY_F_OBJECTION));
	check(test_now() - t0 < 10);
	classify_free(&r);
	message_free(m);

	subj = xasprintf("[%.*s] x", 60, "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
	    "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx");
	t0 = test_now();
	m = test_message(ANN, subj, NULL, "A posting.\n");
	test_classify(rules, NULL, m, 0, 0, NULL, &r);
	check(r.flags & CLASSIFY_F_RULE_ERROR);
	check(test_now() - t0 < 10);
	classify_free(&r);
	message_free(m);
	free(subj);

	from = xasprintf("%.*sc <b@example.org>", 60, "bbbbbbbbbbbbbbbbbbbbbbbb"
	    "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb");
	t0 = test_now();
	m = test_message(from, "Re: x", NULL, "Fine.\n");
	test_classify(rules, NULL, m, 1, 1, NULL, &r);
	check(r.flags & CLASSIFY_F_RULE_ERROR);
	check(test_now() - t0 < 10);
	classify_free(&r);
	message_free(m);
	free(from);

	/* The same rules on harmless text: no error. */
	m = test_message(JAN, "Re: [PATCH] x", NULL, "Acked-by: Jan Maint "
	    "<jan@example.net>\n");
	test_classify(rules, NULL, m, 1, 1, NULL, &r);
	check(!(r.flags & CLASSIFY_F_RULE_ERROR));
	check_str(r.kind, CLASSIFY_ACK);
	classify_free(&r);
	message_free(m);
	free(body);
	rules_free(rules);
}

struct dkim_case {
	const char	*results;
	const char	*authserv;
	const char	*from;
	int		 want;
};

static const struct dkim_case dkim_cases[] = {
	{ "mx.example.org; dkim=pass header.d=example.org",
	  "mx.example.org", "jan@example.org", 1 },
	{ "mx.example.org 1; spf=pass smtp.mailfrom=example.org; dkim=pass "
	  "(2048-bit key) header.d=example.org header.s=sel",
	  "mx.example.org", "jan@example.org", 1 },
	{ "MX.Example.ORG; DKIM=Pass header.d=Example.ORG",
	  "mx.example.org", "jan@example.org", 1 },
	{ "mx.example.org; dkim=pass header.i=@example.org",
	  "mx.example.org", "jan@example.org", 1 },
	{ "  mx.example.org;dkim=pass header.d=example.org",
	  "mx.example.org", "jan@example.org", 1 },
	{ "mx.example.org; dkim=fail header.d=example.org",
	  "mx.example.org", "jan@example.org", 0 },
	{ "mx.example.org; dkim=passed header.d=example.org",
	  "mx.example.org", "jan@example.org", 0 },
	{ "mx.example.org; dkim=none", "mx.example.org", "jan@example.org",
	  0 },
	{ "mx.example.org; dkim=pass header.d=other.org",
	  "mx.example.org", "jan@example.org", 0 },
	{ "mx.example.org; dkim=pass header.d=sub.example.org",
	  "mx.example.org", "jan@example.org", 0 },
	{ "mx.example.org; dkim=pass header.d=example.org.evil.com",
	  "mx.example.org", "jan@example.org", 0 },
	{ "mx.example.org; dkim=pass header.d=example.org-evil.com",
	  "mx.example.org", "jan@example.org", 0 },
	{ "mx.example.org; dkim=pass header.d=example.orgx",
	  "mx.example.org", "jan@example.org", 0 },
	{ "mx.example.org; dkim=fail header.d=example.org; "
	  "spf=pass header.d=example.org", "mx.example.org",
	  "jan@example.org", 0 },
	{ "mx.example.org; dkim=fail header.d=other.org; dkim=pass "
	  "header.d=example.org", "mx.example.org", "jan@example.org", 1 },
	{ "evil.example.com; dkim=pass header.d=example.org",
	  "mx.example.org", "jan@example.org", 0 },
	{ "mx.example.org.evil.com; dkim=pass header.d=example.org",
	  "mx.example.org", "jan@example.org", 0 },
	{ "other; mx.example.org; dkim=pass header.d=example.org",
	  "mx.example.org", "jan@example.org", 0 },
	{ "mx.example.org; xdkim=pass header.d=example.org",
	  "mx.example.org", "jan@example.org", 0 },
	{ "mx.example.org; dkim=pass header.d=example.org",
	  "mx.example.org", "no-domain", 0 },
	{ "mx.example.org; dkim=pass header.i=jan@example.org",
	  "mx.example.org", "jan@example.org", 1 },
	{ "mx.example.org 1; dkim=pass (2048-bit key) header.d=example.org",
	  "mx.example.org", "jan@example.org", 1 },
	/* Text the sender controls: quoted strings and comments. */
	{ "mx.example.org; spf=pass smtp.mailfrom=\"x;dkim=pass "
	  "header.d=example.org\"@evil.com", "mx.example.org",
	  "jan@example.org", 0 },
	{ "mx.example.org; spf=pass smtp.mailfrom=\"dkim=pass "
	  "header.d=example.org\"@evil.com", "mx.example.org",
	  "jan@example.org", 0 },
	{ "mx.example.org; dkim=fail (dkim=pass header.d=example.org) "
	  "header.d=evil.com", "mx.example.org", "jan@example.org", 0 },
	{ "mx.example.org; dkim=fail reason=\"; dkim=pass "
	  "header.d=example.org\"", "mx.example.org", "jan@example.org", 0 },
	{ "mx.example.org; dkim=pass header.d=evil.com "
	  "smtp.mailfrom=header.d=example.org", "mx.example.org",
	  "jan@example.org", 0 },
	{ "mx.example.org; dkim=pass header.d=\"example.org\"",
	  "mx.example.org", "jan@example.org", 0 },
	{ "(mx.example.org) evil.com; dkim=pass header.d=example.org",
	  "mx.example.org", "jan@example.org", 0 },
	{ NULL, "mx.example.org", "jan@example.org", 0 },
};

static void
test_dkim(void)
{
	const struct dkim_case	*c;
	size_t			 i;
	char			 what[512];

	for (i = 0; i < sizeof dkim_cases / sizeof dkim_cases[0]; i++) {
		c = &dkim_cases[i];
		snprintf(what, sizeof what, "dkim %s / %s: %d",
		    c->results != NULL ? c->results : "(none)", c->from,
		    c->want);
		tap_check_int(mail_command_dkim_pass(c->results, c->authserv,
		    c->from), c->want, __FILE__, __LINE__, what);
	}
}

static const char maintainers_text[] =
    "PUBLIC I/O INTERFACES AND PV DRIVERS DESIGNS\n"
    "M:\tGreta Czar <greta@example.org>\n"
    "S:\tSupported\n"
    "F:\tdocs/designs/\n"
    "F:\txen/include/public/io/\n"
    "\n"
    "PVCALLS\n"
    "M:\tPaula Calls <paula@example.com>\n"
    "S:\tSupported\n"
    "F:\txen/include/public/io/pvcalls.h\n"
    "F:\tdrivers/xen/pvcalls-*\n"
    "\n"
    "X86 ARCHITECTURE\n"
    "M:\tXavier Arch <xavier@example.net>\n"
    "S:\tSupported\n"
    "F:\txen/arch/x86/\n"
    "\n"
    "THE REST\n"
    "M:\tRex Committer <rex@example.org>\n"
    "S:\tSupported\n"
    "F:\t*\n"
    "F:\t*/\n";

struct auth_case {
	const char	*name;
	const char	*from;
	const char	*headers;
	const char	*verb;
	int		 npaths;	/* of auth_paths */
	int		 want;
	const char	*reason;	/* a part of it, when refused */
};

static char *auth_paths[] = {
	"drivers/xen/pvcalls-front.c",
	"xen/include/public/io/pvcalls.h",
};

static const struct auth_case auth_plain[] = {
	{ "area maintainer tags", "Paula Calls <paula@example.com>", NULL,
	  "tag", 1, 1, NULL },
	{ "area maintainer, address case", "Paula <Paula@Example.COM>", NULL,
	  "untag", 1, 1, NULL },
	{ "area maintainer, thread without paths",
	  "Paula Calls <paula@example.com>", NULL, "tag", 0, 0,
	  "not a maintainer" },
	{ "other area's maintainer", "Xavier Arch <xavier@example.net>", NULL,
	  "tag", 2, 0, "not a maintainer" },
	{ "committer (THE REST) anywhere", "Rex Committer <rex@example.org>",
	  NULL, "mute", 0, 1, NULL },
	{ "czar tags anything", "Greta Czar <greta@example.org>", NULL, "tag",
	  0, 1, NULL },
	{ "nobody", "Nora Body <nora@example.org>", NULL, "tag", 2, 0,
	  "not a maintainer" },
	{ "allow list", "Ally Allowed <ally@example.org>", NULL, "tag", 0, 1,
	  NULL },
	{ "czar promotes", "Greta Czar <greta@example.org>", NULL, "promote",
	  0, 1, NULL },
	{ "area maintainer may not promote",
	  "Paula Calls <paula@example.com>", NULL, "promote", 2, 0, "Czar" },
	{ "committer may not promote", "Rex Committer <rex@example.org>",
	  NULL, "promote", 2, 0, "Czar" },
	{ "unknown verb", "Rex Committer <rex@example.org>", NULL,
	  "frobnicate", 2, 0, "unknown command" },
	{ "Auto-Submitted", "Rex Committer <rex@example.org>",
	  "Auto-Submitted: auto-replied\n", "tag", 2, 0, "automatic" },
	{ "pvbot's own mail", "pvbot <pvbot@example.org>", NULL, "tag", 2, 0,
	  "own mail" },
};

static const struct auth_case auth_dkim[] = {
	{ "no Authentication-Results", "Rex Committer <rex@example.org>", NULL,
	  "tag", 0, 0, "DKIM" },
	{ "trusted DKIM pass", "Rex Committer <rex@example.org>",
	  "Authentication-Results: mx.example.org; dkim=pass "
	  "header.d=example.org\n", "tag", 0, 1, NULL },
	{ "DKIM pass from an untrusted server",
	  "Rex Committer <rex@example.org>",
	  "Authentication-Results: mx.evil.example; dkim=pass "
	  "header.d=example.org\n", "tag", 0, 0, "DKIM" },
	{ "DKIM pass for another domain", "Rex Committer <rex@example.org>",
	  "Authentication-Results: mx.example.org; dkim=pass "
	  "header.d=lists.example.com\n", "tag", 0, 0, "DKIM" },
	{ "DKIM pass, but not a maintainer", "Nora Body <nora@example.org>",
	  "Authentication-Results: mx.example.org; dkim=pass "
	  "header.d=example.org\n", "tag", 2, 0, "not a maintainer" },
};

static void
test_auth_cases(const struct mail_command_ctx *ctx, const struct auth_case *v,
    size_t n)
{
	struct message	*m;
	const char	*reason;
	char		 what[256];
	size_t		 i;
	int		 got;

	for (i = 0; i < n; i++) {
		m = test_message(v[i].from, "Re: [PATCH] x", v[i].headers,
		    "pvbot: tag x\n");
		reason = NULL;
		got = mail_command_authorized(ctx, m, v[i].verb, auth_paths,
		    (size_t)v[i].npaths, 0, &reason);
		snprintf(what, sizeof what, "authorized: %s", v[i].name);
		if (!tap_check_int(got, v[i].want, __FILE__, __LINE__, what))
			printf("#   reason: %s\n", reason != NULL ? reason :
			    "(none)");
		if (!v[i].want) {
			snprintf(what, sizeof what, "authorized: %s: reason",
			    v[i].name);
			if (!tap_check(reason != NULL && strstr(reason,
			    v[i].reason) != NULL, __FILE__, __LINE__, what))
				printf("#   reason: %s\n", reason != NULL ?
				    reason : "(none)");
		}
		message_free(m);
	}
}

static void
test_strlist_add(struct config_strlist *l, const char *s)
{
	l->v = xreallocarray(l->v, l->n + 1, sizeof *l->v);
	l->v[l->n++] = xstrdup(s);
}

static void
test_authorized(void)
{
	struct maintainers	*mt = NULL;
	struct config		*cf = NULL;
	struct mail_command_ctx	 ctx;
	struct message		*m;
	const char		*reason;
	char			*cause = NULL;

	if (!check_int(maintainers_parse(maintainers_text,
	    sizeof maintainers_text - 1, "MAINTAINERS", &mt, &cause), 0) ||
	    !check_int(config_load(NULL, ".", &cf, &cause), 0)) {
		printf("# %s\n", cause);
		free(cause);
		return;
	}
	test_strlist_add(&cf->allow, "ally@example.org");
	test_strlist_add(&cf->allow, "pvbot@example.org");
	cf->bot_address = xstrdup("pvbot@example.org");
	ctx.cf = cf;
	ctx.mt = mt;
	test_auth_cases(&ctx, auth_plain, sizeof auth_plain /
	    sizeof auth_plain[0]);
	check(mail_command_is_czar(&ctx, "greta@example.org"));
	check(!mail_command_is_czar(&ctx, "rex@example.org"));

	/* Without MAINTAINERS only the config's people may command. */
	ctx.mt = NULL;
	m = test_message("Rex Committer <rex@example.org>", "Re: x", NULL,
	    "x\n");
	check(!mail_command_authorized(&ctx, m, "tag", auth_paths, 2, 0,
	    &reason));
	message_free(m);
	m = test_message("Ally <ally@example.org>", "Re: x", NULL, "x\n");
	check(mail_command_authorized(&ctx, m, "tag", auth_paths, 2, 0,
	    &reason));
	message_free(m);
	ctx.mt = mt;

	/*
	 * The proposer may mute (and unmute) the status replies addressed
	 * to them, nothing else; anyone else is told why not.
	 */
	m = test_message("Nora Body <nora@example.org>", "Re: x", NULL, "x\n");
	check(mail_command_authorized(&ctx, m, "mute", auth_paths, 2, 1,
	    &reason));
	check(mail_command_authorized(&ctx, m, "unmute", auth_paths, 2, 1,
	    &reason));
	check(!mail_command_authorized(&ctx, m, "tag", auth_paths, 2, 1,
	    &reason));
	check(!mail_command_authorized(&ctx, m, "promote", auth_paths, 2, 1,
	    &reason));
	reason = NULL;
	check(!mail_command_authorized(&ctx, m, "mute", auth_paths, 2, 0,
	    &reason));
	check(reason != NULL && strstr(reason, "neither the thread's "
	    "proposer nor a maintainer") != NULL);
	message_free(m);
	m = test_message("Nora Body <nora@example.org>", "Re: x",
	    "Auto-Submitted: auto-replied\n", "x\n");
	check(!mail_command_authorized(&ctx, m, "mute", auth_paths, 2, 1,
	    &reason));
	message_free(m);

	/* A configured Czar replaces the MAINTAINERS one. */
	test_strlist_add(&cf->czar, "zed@example.org");
	check(mail_command_is_czar(&ctx, "zed@example.org"));
	check(!mail_command_is_czar(&ctx, "greta@example.org"));
	m = test_message("Greta Czar <greta@example.org>", "Re: x", NULL,
	    "x\n");
	check(!mail_command_authorized(&ctx, m, "promote", auth_paths, 2, 0,
	    &reason));
	message_free(m);

	cf->trusted_authserv = xstrdup("mx.example.org");
	test_auth_cases(&ctx, auth_dkim, sizeof auth_dkim /
	    sizeof auth_dkim[0]);
	check(mail_command_known("tag") && mail_command_known("untag") &&
	    mail_command_known("mute") && mail_command_known("unmute") &&
	    mail_command_known("promote") && !mail_command_known("Tag") &&
	    !mail_command_known(""));
	config_free(cf);
	maintainers_free(mt);
}

/*
 * Words an objection rule knows, said of something else: measured on
 * unlabelled list mail, these were most of the objections a reviewer
 * would not have called one.  Each false reading beside its true one.
 */
#define PREC(n, b, k) { .name = n, .from = JAN,			\
	.subject = "Re: [PATCH v2 3/5] xen/pvcalls: add a ring flag",	\
	.reply = 1, .reviewable = 1, .proposer = "ann@example.org",	\
	.body = REVIEW "\n" b, .kind = k }
static const struct classify_case precision_cases[] = {
	PREC("a -1 that wraps a sentence is no vote",
	    "If start is 0 and end is (u64)\n-1 , the loop never ends.\n",
	    CLASSIFY_REVIEW),
	{ .name = "a -1 of its own paragraph is a vote", .from = JAN,
	  .subject = "Re: [PATCH v2 3/5] xen/pvcalls: add a ring flag",
	  .reply = 1, .reviewable = 1, .proposer = "ann@example.org",
	  .body = REVIEW "\n-1\n", .kind = CLASSIFY_OBJECTION,
	  .vote = "-1" },
	PREC("a removed line of a diff is no vote",
	    "Here is how I would word it:\n"
	    "+++ b/Documentation/ring.rst\n@@ -1,2 +1,2 @@\n"
	    "-\n-1. the old step\n+1. the new step\n",
	    CLASSIFY_REVIEW),
	PREC("don't take it personally", "Nobody writes this right the "
	    "first time, so don't take it personally.\n", CLASSIFY_REVIEW),
	PREC("the lock you don't take it in", "The lock is enough here, "
	    "and I wonder why you don't take it in the map path too.\n",
	    CLASSIFY_REVIEW),
	PREC("please don't take this patch", "Please don't take this "
	    "patch, the flag is the wrong tool.\n", CLASSIFY_OBJECTION),
	PREC("pages that cannot be merged", "Taking a huge page hurts when "
	    "there are small pages left that cannot be merged.\n",
	    CLASSIFY_REVIEW),
	PREC("that cannot be merged as it is", "Sorry, that cannot be "
	    "merged as it is.\n", CLASSIFY_OBJECTION),
	PREC("otherwise it breaks the ABI: a change asked for",
	    "Append the new field to the end, please.  Otherwise it breaks "
	    "the ABI.\n", CLASSIFY_REVIEW),
	PREC("a drawback that it breaks migration", "An obvious drawback "
	    "of the other transport is that it breaks migration.\n",
	    CLASSIFY_REVIEW),
	PREC("changes that break existing guests", "We are not at liberty "
	    "to make changes that break existing guests here.\n",
	    CLASSIFY_REVIEW),
	PREC("this will break the ABI", "This will break the ABI for "
	    "every existing frontend.\n", CLASSIFY_OBJECTION),
	PREC("the answer to a question", "I think the answer is no, it "
	    "would add a lot of burden to backends.\n", CLASSIFY_REVIEW),
	PREC("a firm no", "Sorry, but no.  The flag stays out of the "
	    "ring.\n", CLASSIFY_OBJECTION),
	PREC("a good idea about a detail", "I don't think adding a knob "
	    "for every driver is a good idea; a table would do.\n",
	    CLASSIFY_REVIEW),
	PREC("not a viable solution", "I don't think a per-driver "
	    "quirk is a viable solution here.\n", CLASSIFY_OBJECTION),
	PREC("a regression pointed out", "This patch breaks the build "
	    "on arm32, please take a look.\n", CLASSIFY_REVIEW),
	PREC("not going to work: a bug to fix", "This is not going to work "
	    "when the ring wraps; the index needs masking.\n",
	    CLASSIFY_REVIEW),
	PREC("not convinced it is worth it", "I'm not convinced it's worth "
	    "the extra lock for this path.\n", CLASSIFY_REVIEW),
	PREC("we can't do that: a constraint", "Once the field is in the "
	    "ABI we can't do that any more, so add it now.\n",
	    CLASSIFY_REVIEW),
	PREC("we can't take this: a refusal", "Without a user of the new "
	    "flag we can not take this change, sorry.\n",
	    CLASSIFY_OBJECTION),
	PREC("we don't want this: a detail", "The point is we don't want "
	    "this knob in release kernels by mistake.\n", CLASSIFY_REVIEW),
	PREC("I don't want this: a refusal", "I don't want this in the "
	    "tree; the backend can do it alone.\n", CLASSIFY_OBJECTION),
	PREC("I'd rather you didn't: a detail", "I'd rather you didn't add "
	    "another knob here; reuse the ring flag.\n", CLASSIFY_REVIEW),
	PREC("I'd rather we didn't: a refusal", "I'd rather we didn't add "
	    "another ring flag at all.\n", CLASSIFY_OBJECTION),
};
#undef PREC

/*
 * Prose objections added from the dev sets' A halves, each family with
 * look-alikes that must stay what they are.  A reviewer (Bob) answers
 * Ann's patch; every sentence is written for this test.
 */
struct objection_case {
	const char	*kind;
	const char	*text;
	const char	*from;		/* NULL: Bob, a reviewer */
};

static const struct objection_case objection_cases[] = {
	/* Complexity put "at the wrong layer" is a doubt: beside another
	 * doubt it objects, alone it is a review point. */
	{ CLASSIFY_OBJECTION, "I'm not keen on this.  Polling the ring "
	    "from the backend puts the whole retry logic at the wrong "
	    "layer; the frontend owns the ring.", NULL },
	{ CLASSIFY_OBJECTION, "This is going in the wrong direction: the "
	    "grant is checked in the wrong place, after the page is "
	    "already mapped.", NULL },
	{ CLASSIFY_REVIEW, "The length check is in the wrong place, it "
	    "has to come before the copy from the ring.  Otherwise fine.",
	    NULL },
	{ CLASSIFY_REVIEW, "I think the barrier ended up at the wrong "
	    "level of the loop; move it after the producer index update.",
	    NULL },
	/* A maintainer's "please drop this patch" refuses it (also to a
	 * stable queue); dropping a hunk, a question, a supposition or the
	 * author withdrawing their own patch do not. */
	{ CLASSIFY_OBJECTION, "The ring keeps its old layout for the "
	    "frontends in the field, so please drop this patch.", NULL },
	{ CLASSIFY_OBJECTION, "This only renames a field and fixes "
	    "nothing.  Please drop this patch from the stable queue.", NULL },
	{ CLASSIFY_REVIEW, "The first hunk is fine.  The second one only "
	    "moves whitespace around, please drop this hunk.", NULL },
	{ CLASSIFY_REVIEW, "If the backend fix lands first, please drop "
	    "this patch.  Until then the frontend needs the workaround.", NULL },
	{ CLASSIFY_REVIEW, "Could you please drop the patch number from "
	    "the subject?  It confuses the scripts that read it.", NULL },
	{ CLASSIFY_OTHER, "Please drop this patch, the next version does "
	    "the same in the backend instead.", ANN },
	/*
	 * What the objecting words judge: a detail of the change (its
	 * object names a piece of code, a name or a comment, or the
	 * sentence is a nit) is a review; the change itself objects.
	 */
	{ CLASSIFY_REVIEW, "I don't mind moving this around, but I object "
	    "to the #ifdefery in the backend.", NULL },
	{ CLASSIFY_REVIEW, "nit: I do object to this spelling of the "
	    "flag (some of us are British!).", NULL },
	{ CLASSIFY_REVIEW, "I'd rather not add this function to the common "
	    "code, at least not without calling it something with "
	    "'defaults' in the name.", NULL },
	{ CLASSIFY_REVIEW, "I object to pvcalls_front_map() taking the "
	    "lock a second time; the caller holds it already.", NULL },
	{ CLASSIFY_OBJECTION, "I object to this change: the ring format "
	    "is part of the ABI and old backends read it.", NULL },
	{ CLASSIFY_OBJECTION, "I object to this function being added at "
	    "all, the whole patch is the wrong approach.", NULL },
	{ CLASSIFY_OBJECTION, "I would rather not put more functionality "
	    "into the pvcalls_back timeout handler; it cannot know how "
	    "long a request lives.", NULL },
	{ CLASSIFY_OBJECTION, "I don't want it to ever turn into a fancier "
	    "version of xenstore_write().", NULL },
	/*
	 * Broad objections count only when what they judge is the change
	 * itself ("this", "it", "this change"): not a noun of its own
	 * ("this amount of locking"), not "that", not in a hedged sentence,
	 * not someone's suggestion, not beside a named detail.
	 */
	{ CLASSIFY_OBJECTION, "I'm not keen on this at all; the frontend "
	    "owns the ring.", NULL },
	{ CLASSIFY_OBJECTION, "I'm not a big fan of this change.  The ring "
	    "format is part of the ABI.", NULL },
	{ CLASSIFY_REVIEW, "I'm not keen on this amount of locking in the "
	    "fast path; a barrier is enough.", NULL },
	{ CLASSIFY_REVIEW, "I'm not a fan of that, the frontend owns the "
	    "ring and keeps the producer index to itself.", NULL },
	{ CLASSIFY_REVIEW, "Thanks for the suggestion, but I'm not keen on "
	    "it; the frontend owns the ring.", NULL },
	{ CLASSIFY_REVIEW, "I'm not keen on it, the pvcalls_front_map() "
	    "name says nothing.", NULL },
	{ CLASSIFY_OBJECTION, "I really don't think we need any of this.  "
	    "The guest only ever sees a single ring.", NULL },
	{ CLASSIFY_REVIEW, "I don't think we need any of this locking in "
	    "the fast path, a barrier is enough.", NULL },
	{ CLASSIFY_OBJECTION, "This is the wrong approach, the frontend "
	    "owns the ring and the backend must not poll it.", NULL },
	{ CLASSIFY_REVIEW, "Maybe this is the wrong approach, but I can't "
	    "think of a better one right now.", NULL },
};

static void
test_objection_families(const struct rules *rules)
{
	struct classify_result	 r;
	struct message		*m;
	char			 what[128];
	size_t			 i;

	for (i = 0; i < sizeof objection_cases / sizeof objection_cases[0];
	    i++) {
		m = test_message(objection_cases[i].from != NULL ?
		    objection_cases[i].from : BOB, "Re: [PATCH v2 1/2] "
		    "xen/pvcalls: rework the ring", NULL,
		    objection_cases[i].text);
		test_classify(rules, NULL, m, 1, 1, "ann@example.org", &r);
		snprintf(what, sizeof what, "objection family case %zu", i);
		tap_check_str(r.kind, objection_cases[i].kind, __FILE__,
		    __LINE__, what);
		classify_free(&r);
		message_free(m);
	}
}

int
main(void)
{
	struct rules	*rules = NULL;
	const char	*top = getenv("TOP_SRCDIR");
	char		 path[4096], *cause = NULL;
	size_t		 i;

	/* A runaway pattern must never hang the suite. */
	alarm(120);
	if (top == NULL)
		top = ".";
	snprintf(path, sizeof path, "%s/etc/pvbot/rules.conf", top);
	if (!check_int(rules_load(path, &rules, &cause), 0)) {
		printf("Bail out! %s\n", cause);
		return (1);
	}
	check(rules_count(rules, RULES_TRAILER) >= 8);
	check(rules_count(rules, RULES_COMMAND) >= 1);
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++)
		test_case(rules, &cases[i]);
	for (i = 0; i < sizeof diff_cases / sizeof diff_cases[0]; i++)
		test_case(rules, &diff_cases[i]);
	for (i = 0; i < sizeof process_cases / sizeof process_cases[0]; i++)
		test_case(rules, &process_cases[i]);
	for (i = 0; i < sizeof discussion_cases / sizeof discussion_cases[0];
	    i++)
		test_case(rules, &discussion_cases[i]);
	for (i = 0; i < sizeof author_cases / sizeof author_cases[0]; i++)
		test_case(rules, &author_cases[i]);
	for (i = 0; i < sizeof precision_cases / sizeof precision_cases[0];
	    i++)
		test_case(rules, &precision_cases[i]);
	test_protocols(rules, top);
	test_own_text(rules);
	test_objection_families(rules);
	rules_free(rules);
	test_rules_errors();
	test_scan_order();
	test_rule_needs();
	test_bomb();
	test_dkim();
	test_authorized();
	return (tap_done());
}
