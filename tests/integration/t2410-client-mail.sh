#!/bin/sh
# Real clients' mail, end to end through import: References a mail server
# adds to new postings, point versions and parts beyond the count,
# Outlook's "Last, First" names and header blocks, patches sent as
# application/octet-stream, bug reports with a diff, relayed Tested-by,
# Cc'ing people in a review, spam; and kinds that depend on the thread:
# a reply to a [PULL] patch from the patch's author, a follow-up to one's
# own revert, and a reply whose thread is not stored.
. "$TOP_SRCDIR/tests/lib.sh"

command -v sqlite3 >/dev/null 2>&1 || skip_all "sqlite3 (JSON queries) not installed"

ANN="Ann Author <ann@author.example>"
BOB="Bob Reviewer <bob@review.example>"
MAINT="Max Maintainer <max@maint.example>"
m=$W/msgs; mkdir -p "$m"

# add FILE HEADER...: put header lines on top of a generated message.
add() {
	f=$1; shift
	for h in "$@"; do
		{ echo "$h"; cat "$f"; } >"$f.tmp" && mv "$f.tmp" "$f"
	done
}
diff_body() {	# the diff of a one-line change to FILE
	printf '%s\n' "diff --git a/$1 b/$1" "--- a/$1" "+++ b/$1" \
	    "@@ -1 +1 @@" "-int a;" "+int b;"
}

# A new thread whose server added References (Samsung's CGME ids).
gen_message "$m/cgme" cgme@x "[PATCH] xen/blkback: fix the ring size" \
    "Mon, 2 Nov 2026 09:00:00 +0000" "$ANN" "" "The ring order came from the wrong field.

Signed-off-by: Ann Author <ann@author.example>
---
$(diff_body drivers/block/xen-blkback/common.h)"
add "$m/cgme" "References: <CGME20261102090000epcas5p1@epcas5p1.samsung.com>"
gen_message "$m/topic" topic@x "[LSF/MM TOPIC] PV drivers and confidential guests" \
    "Mon, 2 Nov 2026 09:30:00 +0000" "$ANN" "" "I would like to discuss how PV drivers should bounce their buffers
when the guest's memory is encrypted, and what the backends need."
add "$m/topic" "References: <CGME20261102093000epcas5p2@epcas5p2.samsung.com>"

# A point version and a part beyond the count.
gen_message "$m/point" point@x "[PATCH v7.1 3/9] xen/pvcalls: fix the ring" \
    "Mon, 2 Nov 2026 10:00:00 +0000" "$ANN" "" "Signed-off-by: Ann Author <ann@author.example>
---
$(diff_body drivers/xen/pvcalls-front.c)"
gen_message "$m/extra" extra@x "[PATCH v4 16/15] xen/pvcalls: one more" \
    "Mon, 2 Nov 2026 10:01:00 +0000" "$ANN" "" "Signed-off-by: Ann Author <ann@author.example>
---
$(diff_body drivers/xen/pvcalls-back.c)"

# The thread most replies answer.
gen_message "$m/p" p@x "[PATCH] xen/pvcalls: fix ring size" \
    "Mon, 2 Nov 2026 11:00:00 +0000" "$ANN" "" "The ring order came from the wrong field.

Signed-off-by: Ann Author <ann@author.example>
---
$(diff_body drivers/xen/pvcalls-front.c)"
# Outlook's "Last, First" display name, acking as "First Last".
gen_message "$m/outlook" outlook@x "RE: [PATCH] xen/pvcalls: fix ring size" \
    "Tue, 3 Nov 2026 09:00:00 +0000" '"Reviewer, Bob" <bob.reviewer@corp.example>' p@x \
    "Acked-by: Bob Reviewer <bob@review.example>"
# An Outlook header block heading an interleaved reply: the ack below the
# quote is the sender's own.
gen_message "$m/hdr" hdr@x "RE: [PATCH] xen/pvcalls: fix ring size" \
    "Tue, 3 Nov 2026 09:30:00 +0000" "$MAINT" p@x "From: Ann Author <ann@author.example>
Sent: Monday, November 2, 2026 11:00 AM
To: xen-devel@lists.xenproject.org
Subject: [PATCH] xen/pvcalls: fix ring size

> The ring order came from the wrong field.

Right, and this is the only place that reads it.

Acked-by: Max Maintainer <max@maint.example>"
# Someone else's Tested-by, relayed.
gen_message "$m/relay" relay@x "Re: [PATCH] xen/pvcalls: fix ring size" \
    "Tue, 3 Nov 2026 10:00:00 +0000" "$BOB" p@x "Our QA ran this on the failing hosts overnight and it fixes the hang:

Tested-by: Quinn Tester <quinn@qa.example>"
# A technical review that Cc's people in passing.
gen_message "$m/ccrev" ccrev@x "Re: [PATCH] xen/pvcalls: fix ring size" \
    "Tue, 3 Nov 2026 11:00:00 +0000" "$BOB" p@x "On Mon, 2 Nov 2026, Ann Author wrote:
> The ring order came from the wrong field.

The consumer index is read twice without a barrier in between, so a
frontend on another vCPU can see the new request before its length; add
virt_rmb() after reading req_cons.  The same applies to the response
path in pvcalls_front_event_handler(), which copies the response and only
then checks rsp_prod.  (Cc'ing the x86 maintainers, who know the memory
model better than I do.)"

# A patch sent as application/octet-stream.
cat >"$m/octet" <<EOF
From: $ANN
To: xen-devel@lists.xenproject.org
Subject: [PATCH] xen: fix the credit timer
Date: Tue, 3 Nov 2026 12:00:00 +0000
Message-ID: <octet@x>
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="b1"

--b1
Content-Type: text/plain

The timer was armed twice.  Patch attached.

Signed-off-by: Ann Author <ann@author.example>
--b1
Content-Type: application/octet-stream; name="0001-fix"
Content-Disposition: attachment; filename="0001-fix"
Content-Transfer-Encoding: base64

$(diff_body drivers/net/xen-netback/interface.c | base64)
--b1--
EOF
# A bug report with an experimental diff: no tag, no sign-off.
gen_message "$m/bug" bug@x "pvcalls frontend hangs on suspend" \
    "Tue, 3 Nov 2026 13:00:00 +0000" "$BOB" "" "The frontend never sees the backend's event after resume.
This hack makes it go away, but I do not know why:

$(diff_body drivers/xen/pvcalls-front.c)"
# Spam.
gen_message "$m/spam" spam@x "Greetings From Mrs. Sarah" \
    "Tue, 3 Nov 2026 14:00:00 +0000" "Mrs. Sarah <sarah@spam.example>" "" \
    "Dear Friend,

I have a business proposal for you: the sum of \$15 million left by my
late husband.  This proposal is confidential."

# A [PULL] patch written by Ann, sent by the maintainer; Ann answers a
# review of it, and Bob says the same.
gen_message "$m/pull" pull@x "[PULL 3/7] xen/pvcalls: fix ring size" \
    "Wed, 4 Nov 2026 09:00:00 +0000" "$MAINT" "" "From: Ann Author <ann@author.example>

The ring order came from the wrong field.

Signed-off-by: Ann Author <ann@author.example>
Signed-off-by: Max Maintainer <max@maint.example>
---
$(diff_body drivers/xen/pvcalls-front.c)"
answer="On Wed, 4 Nov 2026, someone wrote:
> Why not take the order from the feature node?

Because old backends do not write that node, and this has to work with
every backend that is out there today."
gen_message "$m/pullann" pullann@x "Re: [PULL 3/7] xen/pvcalls: fix ring size" \
    "Wed, 4 Nov 2026 10:00:00 +0000" "$ANN" pull@x "$answer"
gen_message "$m/pullbob" pullbob@x "Re: [PULL 3/7] xen/pvcalls: fix ring size" \
    "Wed, 4 Nov 2026 10:30:00 +0000" "$BOB" pull@x "$answer"

# A revert and its author's own follow-up.
gen_message "$m/revert" revert@x "[PATCH] Revert \"xen/pvcalls: fix ring size\"" \
    "Thu, 5 Nov 2026 09:00:00 +0000" "$BOB" "" "It breaks old backends.

Signed-off-by: Bob Reviewer <bob@review.example>
---
$(diff_body drivers/xen/pvcalls-front.c)"
gen_message "$m/revfup" revfup@x "Re: [PATCH] Revert \"xen/pvcalls: fix ring size\"" \
    "Thu, 5 Nov 2026 10:00:00 +0000" "$BOB" revert@x "Please do not apply this revert: the proper fix is to read the order
from the backend's node, which I will send instead."

# A reply whose thread is not stored.
gen_message "$m/orphan" orphan@x "Re: something we never saw" \
    "Fri, 6 Nov 2026 09:00:00 +0000" "$BOB" never@x "I see the same hang on my machine with the current tree, every time."
# Replies whose thread is not stored, but whose subject says there is
# something to review: a design topic, a posting named in "(was ...)", a
# tag written with format-patch's --subject-prefix="PATCH-next".
REVTEXT="The backend maps every grant twice on this path, so the ring stalls
once the guest runs out of grant entries under load."
gen_message "$m/ortopic" ortopic@x "Re: [LSF/MM TOPIC] PV drivers and encrypted memory" \
    "Fri, 6 Nov 2026 09:10:00 +0000" "$BOB" nevertopic@x "$REVTEXT"
gen_message "$m/orwas" orwas@x "Re: ring stalls (was Re: [PATCH v2 0/4] xen/pvcalls: rework)" \
    "Fri, 6 Nov 2026 09:20:00 +0000" "$BOB" neverwas@x "$REVTEXT"
gen_message "$m/ordash" ordash@x "Re: [PATCH-next] xen/pvcalls: map grants once" \
    "Fri, 6 Nov 2026 09:30:00 +0000" "$BOB" neverdash@x "$REVTEXT"
gen_message "$m/orplain" orplain@x "Re: ring stalls under load" \
    "Fri, 6 Nov 2026 09:40:00 +0000" "$BOB" neverplain@x "$REVTEXT"

: >"$W/a.mbox"
mbox_append "$W/a.mbox" "$m/cgme" "$m/topic" "$m/point" "$m/extra" "$m/p" \
    "$m/outlook" "$m/hdr" "$m/relay" "$m/ccrev" "$m/octet" "$m/bug" \
    "$m/spam" "$m/pull" "$m/pullann" "$m/pullbob" "$m/revert" "$m/revfup" \
    "$m/orphan" "$m/ortopic" "$m/orwas" "$m/ordash" "$m/orplain"
pv import --list xen-devel "$W/a.mbox" >"$W/out" 2>"$W/err"
is "import exits 0" "$?" 0
pv messages --json >"$W/m.json"
msg() {
	json_query "$W/m.json" "(SELECT $2 FROM json_each(j, '\$.messages') m
	    WHERE json_extract(m.value, '\$.message_id') = '$1')"
}
kind() { msg "$1" "json_extract(m.value, '\$.kind')"; }
trailer() {	# ID FIELD: the first trailer's field
	msg "$1" "json_extract(m.value, '\$.trailers[0].$2')"
}
series() { msg "$1" "json_extract(m.value, '\$.series.$2')"; }

is "References on a new [PATCH]: a posting" "$(kind cgme@x)" patch
is "References on a new [TOPIC]: a design proposal" "$(kind topic@x)" design
is "v7.1: version 7" "$(series point@x version)" 7
is "v7.1: point 1" "$(series point@x point)" 1
is "v7.1: part 3 of 9" "$(series point@x part)/$(series point@x total)" 3/9
is "16/15: kept as part 16" "$(series extra@x part)/$(series extra@x total)" 16/15
is "16/15: flagged extra" "$(series extra@x extra)" 1
is "plain version: no point, no extra" \
    "$(series p@x point)-$(series p@x extra)" "-"
is "Outlook's Last, First acks as First Last" "$(kind outlook@x)" ack
is "Last, First: the trailer is the sender's" \
    "$(trailer outlook@x mismatch)" 0
is "Outlook header block over an interleaved reply: the ack counts" \
    "$(kind hdr@x)" ack
is "relayed Tested-by: the tester's" \
    "$(trailer relay@x tag) $(trailer relay@x email)" \
    "Tested-by quinn@qa.example"
is "relayed Tested-by: marked relayed" "$(trailer relay@x relayed)" 1
is "relayed Tested-by: not the relayer's ack" "$(kind relay@x)" review
is "Cc'ing people inside a review: a review" "$(kind ccrev@x)" review
is "patch as application/octet-stream: a patch" "$(kind octet@x)" patch
is "octet-stream patch: bound by its paths" \
    "$(msg octet@x "json_extract(m.value, '\$.protocols')")" '["netif"]'
is "bug report with a diff and no sign-off: not a patch" "$(kind bug@x)" other
is "spam is not a design" "$(kind spam@x)" other
is "[PULL] patch: a patch" "$(kind pull@x)" patch
is "reply to a [PULL] patch from its author: the author answering" \
    "$(kind pullann@x)" other
is "the same reply from someone else: a review" "$(kind pullbob@x)" review
is "follow-up to one's own revert: the author, not an objection" \
    "$(kind revfup@x)" other
is "thread not stored: said so" \
    "$(msg orphan@x "json_extract(m.value, '\$.thread_missing')")" 1
is "thread not stored, a design topic's reply: a review" \
    "$(kind ortopic@x)" review
is "thread not stored, (was Re: [PATCH ...]): a review" "$(kind orwas@x)" \
    review
is "thread not stored, [PATCH-next]: a review" "$(kind ordash@x)" review
is "thread not stored, nothing says what it answers: other" \
    "$(kind orplain@x)" other
is "thread stored: nothing said" \
    "$(msg relay@x "json_extract(m.value, '\$.thread_missing')")" ""

pv explain orphan@x >"$W/ex" 2>&1
like "explain: the thread is not stored" "$(cat "$W/ex")" "thread is not stored"
pv explain pullann@x >"$W/ex" 2>&1
like "explain: the pulled patch's author" "$(cat "$W/ex")" \
    "pulled patch's author is ann@author.example"
like "explain: what decided" "$(cat "$W/ex")" "because:  the proposer answering"
pv explain hdr@x >"$W/ex" 2>&1
like "explain: the trailer" "$(cat "$W/ex")" "trailer:  Acked-by: Max Maintainer"
pv explain nosuch@x >"$W/ex" 2>&1
is "explain: an unknown id exits 1" "$?" 1
like "explain: and says so" "$(cat "$W/ex")" "no message <nosuch@x>"

# When the thread arrives, the orphan is classified again: no longer
# missing.
gen_message "$m/never" never@x "pvcalls hangs on suspend" \
    "Fri, 6 Nov 2026 08:00:00 +0000" "$ANN" "" "After resume the frontend waits forever."
: >"$W/b.mbox"
mbox_append "$W/b.mbox" "$m/never"
pv import --list xen-devel "$W/b.mbox" >/dev/null 2>&1
pv messages --json >"$W/m.json"
is "thread stored later: no longer missing" \
    "$(msg orphan@x "json_extract(m.value, '\$.thread_missing')")" ""

plan_end
