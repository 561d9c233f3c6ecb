#!/bin/sh
# Status scenarios: small archives, each a timeline, and the verdict that
# pvbot status gives at chosen times (design.md §5, etc/pvbot/policy.conf:
# W = 7d, R = 14d).  Every scenario has its own database.
. "$TOP_SRCDIR/tests/lib.sh"

command -v sqlite3 >/dev/null 2>&1 || require "sqlite3 (for json_query)"

E=$TOP_SRCDIR/etc
cat >"$W/MAINTAINERS" <<'EOF'
	Unstable Subsystem Maintainers
	==============================

Maintainers List (try to look for most precise areas first)

		-----------------------------------

PUBLIC I/O INTERFACES AND PV DRIVERS DESIGNS
M:	Carla Czar <carla.czar@example.org>
L:	xen-devel@lists.xenproject.org
S:	Supported
F:	docs/designs/
F:	xen/include/public/io/

PV CALLS
M:	Mark Maint <mark.maint@example.com>
L:	xen-devel@lists.xenproject.org
S:	Supported
F:	drivers/xen/pvcalls-*
F:	xen/include/public/io/pvcalls.h

THE REST
M:	Rex Committer <rex.committer@example.org>
L:	xen-devel@lists.xenproject.org
S:	Supported
F:	*
F:	*/
EOF
# The scenarios watch protocols move from design: the shipped registry
# without the stages SUPPORT.md gives (t4050 tests those).
sed -e '/^	stage /d' -e '/^stages-date /d' "$E/pvbot/protocols.conf" \
    >"$W/protocols.conf"
sed -e "s|^rules .*|rules $E/pvbot/rules.conf|" \
    -e "s|^policy .*|policy $E/pvbot/policy.conf|" \
    -e "s|^protocols .*|protocols $W/protocols.conf|" \
    -e "s|^templates .*|templates $E/pvbot/templates|" \
    "$E/pvbot.conf" >"$W/pvbot.conf"
echo "maintainers $W/MAINTAINERS" >>"$W/pvbot.conf"
pv() { "$PVBOT" -c "$W/pvbot.conf" -d "$DB" "$@"; }

ALICE="Alice Author <alice@example.org>"
BOB="Bob Reviewer <bob@example.net>"
OLGA="Olga Objector <olga@example.net>"
MARK="Mark Maint <mark.maint@example.com>"
CARLA="Carla Czar <carla.czar@example.org>"
REX="Rex Committer <rex.committer@example.org>"

# scenario NAME: a fresh database, archive and message directory.
scenario() {
	S=$1; DB=$W/$S.db; MB=$W/$S.mbox; M=$W/$S
	mkdir -p "$M"; : >"$MB"
}
# msg ID SUBJECT DATE FROM PARENT BODY: one message into the archive.
msg() {
	gen_message "$M/$1" "$1" "$2" "$3" "$4" "$5" "$6"
	mbox_append "$MB" "$M/$1"
}
# A patch to PATH, with a commit message.
patch_body() {
	printf '%s\n\nSigned-off-by: %s\n---\n' "${2:-Fix the ring.}" "$ALICE"
	printf 'diff --git a/%s b/%s\n--- a/%s\n+++ b/%s\n' "$1" "$1" "$1" "$1"
	printf '@@ -1,3 +1,4 @@\n ctx\n+new line\n ctx\n ctx\n'
}
load() {
	if pv import --list xen-devel "$MB" >"$W/import.out" 2>&1; then
		:
	else
		echo "# import failed:"; sed 's/^/#   /' "$W/import.out"
	fi
}
# at NOW: pvbot status at NOW, kept in $W/st.json.
# (--record: keep the events, as an evaluation at that time would.)
at() { pv status --json --all --now "$1" --record >"$W/st.json" 2>"$W/st.err"; }
# get ROOT EXPR: a JSON path of ROOT's proposal in the last status.
get() {
	json_query "$W/st.json" "(SELECT json_extract(value, '\$.$2')
	    FROM json_each(j, '\$.proposals')
	    WHERE json_extract(value, '\$.root') = '$1')"
}
# vd ROOT [VERSION]: "verdict deadline" of ROOT in the last status.
vd() {
	json_query "$W/st.json" "(SELECT json_extract(value, '\$.verdict')
	    || ' ' || coalesce(json_extract(value, '\$.deadline'), '-')
	    FROM json_each(j, '\$.proposals')
	    WHERE json_extract(value, '\$.root') = '$1'
	    AND json_extract(value, '\$.version') = ${2:-1})"
}
# getv ROOT VERSION EXPR: as get, for one version of a thread.
getv() {
	json_query "$W/st.json" "(SELECT json_extract(value, '\$.$3')
	    FROM json_each(j, '\$.proposals')
	    WHERE json_extract(value, '\$.root') = '$1'
	    AND json_extract(value, '\$.version') = $2)"
}
# verdict_at NOW ROOT
verdict_at() { at "$1"; vd "$2"; }
nproposals() { json_query "$W/st.json" "json_array_length(j, '\$.proposals')"; }
# proto NAME EXPR: a field of a protocol in the last status.
proto() {
	json_query "$W/st.json" "(SELECT json_extract(value, '\$.$2')
	    FROM json_each(j, '\$.protocols')
	    WHERE json_extract(value, '\$.name') = '$1')"
}
events() { sqlite3 "$DB" "SELECT count(*) FROM events${1:+ WHERE $1}"; }

FRONT=drivers/xen/pvcalls-front.c
MON="Mon, 2 Nov 2026 10:00:00 +0000"

# 1. Silence: waiting until W has passed; silence is not consent (Xen's
# check-in policy): needs review until the maintainer of the file acks.
scenario silence
msg p@s1 "[PATCH] pvcalls: fix the frontend ring" "$MON" "$ALICE" "" \
	"$(patch_body $FRONT)"
msg m@s1 "Re: [PATCH] pvcalls: fix the frontend ring" \
	"Tue, 10 Nov 2026 09:00:00 +0000" "$MARK" p@s1 \
	"Acked-by: Mark Maint <mark.maint@example.com>"
load
is "silence: nothing before the post" \
	"$(at 2026-11-01T00:00:00Z; nproposals)" 0
is "silence: waiting, deadline post + 7d" \
	"$(verdict_at 2026-11-03T10:00:00Z p@s1)" \
	"waiting 2026-11-09T10:00:00Z"
is "silence: bound to pvcalls by its path" "$(get p@s1 protocols)" \
	'["pvcalls"]'
is "silence: the proposer's +1" "$(get p@s1 tally.sum)" 1
is "silence: still waiting a second before W" \
	"$(verdict_at 2026-11-09T09:59:59Z p@s1)" \
	"waiting 2026-11-09T10:00:00Z"
is "silence: needs review at W" "$(verdict_at 2026-11-09T10:00:00Z p@s1)" \
	"needs-review -"
like "silence: it names the maintainer whose approval is missing" \
	"$(get p@s1 reason)" "approval needed from PV CALLS: Mark Maint"
is "silence: the rules applied" "$(get p@s1 evidence.rules)" check-in
is "silence: consensus once the maintainer acks" \
	"$(verdict_at 2026-11-10T10:00:00Z p@s1)" \
	"consensus 2026-11-09T10:00:00Z"
is "silence: the approval, M: of PV CALLS" \
	"$(get p@s1 'evidence.approvals[0].by.email') $(get p@s1 'evidence.approvals[0].maintainer_of')" \
	"mark.maint@example.com PV CALLS"
out=$(pv status --now 2026-11-03T10:00:00Z)
like "silence: text shows when the window ends" "$out" \
	"^ +window ends 2026-11-09T10:00:00Z$"
out=$(pv status --now 2026-11-10T10:00:00Z)
# A consensus is not overdue: its window ended (issue 18, item 12).
like "silence: a consensus's window ended, nothing is overdue" "$out" \
	"^ +window ended 2026-11-09T10:00:00Z$"
if echo "$out" | grep -q "passed"; then ok 1 "silence: no (passed)"
else ok 0 "silence: no (passed)"; fi

# 2. A proposal that names its own window.
scenario window
msg d@s2 "[DESIGN] pvcalls: datagram sockets" "$MON" "$ALICE" "" \
"I propose to add datagram sockets to PV Calls: a new command,
PVCALLS_SENDTO, and a feature-dgram node.

If there are no objections within the next 14 days, I will send the
patches."
load
at 2026-11-10T10:00:00Z
is "named window: a design proposal" "$(get d@s2 kind)" design
is "named window: waiting on day 8, deadline post + 14d" "$(vd d@s2)" \
	"waiting 2026-11-16T10:00:00Z"
like "named window: the reason says 14d" "$(get d@s2 reason)" "14d window"
is "named window: consensus at 14d" \
	"$(verdict_at 2026-11-16T10:00:00Z d@s2)" \
	"consensus 2026-11-16T10:00:00Z"
is "named window: pvcalls ripe for prototype" "$(proto pvcalls state)" ripe

# 2b. A design proposal without a tag or a series: the default window.
scenario untagged
msg d@s2b "pvcalls: how about datagram sockets" "$MON" "$BOB" "" \
"I'd like to propose datagram sockets for PV Calls: this proposal adds
a PVCALLS_SENDTO command."
load
is "untagged design: nothing before the post" \
	"$(at 2026-11-02T09:00:00Z; nproposals)" 0
is "untagged design: waiting after it" \
	"$(verdict_at 2026-11-02T11:00:00Z d@s2b)" \
	"waiting 2026-11-09T10:00:00Z"
is "untagged design: a design" "$(get d@s2b kind)" design

# 3. A prose objection.
scenario prose
msg p@s3 "[PATCH] pvcalls: fix the frontend ring" "$MON" "$ALICE" "" \
	"$(patch_body $FRONT)"
msg o@s3 "Re: [PATCH] pvcalls: fix the frontend ring" \
	"Tue, 3 Nov 2026 10:00:00 +0000" "$OLGA" p@s3 \
"> Fix the ring.

I don't think this is the right approach: the ring is fine, the
consumer index is not."
load
is "prose objection: waiting before it" \
	"$(verdict_at 2026-11-03T09:00:00Z p@s3)" \
	"waiting 2026-11-09T10:00:00Z"
is "prose objection: objected, deadline W" \
	"$(verdict_at 2026-11-04T10:00:00Z p@s3)" \
	"objected 2026-11-09T10:00:00Z"
is "prose objection: by Olga, open, not answered" \
	"$(get p@s3 'objections[0].by.email') $(get p@s3 'objections[0].state') $(get p@s3 'objections[0].reply_by')" \
	"olga@example.net open "
is "prose objection: counts -1" "$(get p@s3 tally.sum)" 0
is "prose objection: pvcalls blocked" "$(proto pvcalls state)" blocked
# A change is never "failed" (that is the tally's): Olga has not been
# answered, so her objection stays open.
is "prose objection: still objected at W, never failed" \
	"$(verdict_at 2026-11-09T10:00:00Z p@s3)" "objected -"
like "prose objection: the reason names her" "$(get p@s3 reason)" \
	"^Olga Objector objects; window \(7d\) ended"

# 4. Objection answered by the author; the objector stays silent for R.
scenario stale
msg p@s4 "[PATCH] pvcalls: fix the frontend ring" "$MON" "$ALICE" "" \
	"$(patch_body $FRONT)"
msg b@s4 "Re: [PATCH] pvcalls: fix the frontend ring" \
	"Mon, 2 Nov 2026 12:00:00 +0000" "$MARK" p@s4 \
	"Acked-by: Mark Maint <mark.maint@example.com>"
msg o@s4 "Re: [PATCH] pvcalls: fix the frontend ring" \
	"Tue, 3 Nov 2026 10:00:00 +0000" "$OLGA" p@s4 \
	"NAK. This is wrong because the index wraps."
msg a@s4 "Re: [PATCH] pvcalls: fix the frontend ring" \
	"Wed, 4 Nov 2026 10:00:00 +0000" "$ALICE" o@s4 \
"> NAK. This is wrong because the index wraps.

It does not wrap: the ring size is a power of two."
load
at 2026-11-03T12:00:00Z
is "stale: objected before the answer" "$(vd p@s4)" \
	"objected 2026-11-09T10:00:00Z"
is "stale: no reply-by before the answer" \
	"$(get p@s4 'objections[0].reply_by')" ""
at 2026-11-05T10:00:00Z
is "stale: answered, deadline answer + R" "$(vd p@s4)" \
	"objected 2026-11-18T10:00:00Z"
is "stale: objection open with reply-by" \
	"$(get p@s4 'objections[0].state') $(get p@s4 'objections[0].reply_by')" \
	"open 2026-11-18T10:00:00Z"
is "stale: still objected after W" \
	"$(verdict_at 2026-11-12T10:00:00Z p@s4)" \
	"objected 2026-11-18T10:00:00Z"
is "stale: no stale event yet" "$(events "key LIKE 'stale:%'")" 0
is "stale: stale-objection after R" \
	"$(verdict_at 2026-11-18T10:00:00Z p@s4)" \
	"stale-objection 2026-11-18T10:00:00Z"
is "stale: objection state" "$(get p@s4 'objections[0].state')" stale
is "stale: the stale -1 no longer counts" "$(get p@s4 tally.sum)" 2
is "stale: one stale event" "$(events "key = 'stale:o@s4'")" 1
at 2026-11-20T10:00:00Z
is "stale: still one stale event later" "$(events "key LIKE 'stale:%'")" 1
n=$(events)
at 2026-11-20T10:00:00Z
is "events: status at the same time twice adds no rows" "$(events)" "$n"
pv protocols --json --now 2026-11-20T10:00:00Z >/dev/null
is "events: protocols at that time adds no rows either" "$(events)" "$n"
at 2026-11-20T10:00:00Z
cp "$W/st.json" "$W/st1.json"
at 2026-11-20T10:00:00Z
check "same database, same now: byte-identical JSON" \
	cmp "$W/st1.json" "$W/st.json"
dump_events() {
	sqlite3 "$DB" "SELECT key, at, kind, subject, detail FROM events
	    ORDER BY key"
}
DB=$W/again1.db
load
at 2026-11-20T10:00:00Z
check "same archive in a new database: byte-identical JSON" \
	cmp "$W/st1.json" "$W/st.json"
dump_events >"$W/ev1"
DB=$W/again2.db
load
at 2026-11-20T10:00:00Z
dump_events >"$W/ev2"
check "same archive, same now: the same events" cmp "$W/ev1" "$W/ev2"
like "events: the stale event names the objection and its reply-by" \
	"$(cat "$W/ev1")" \
	'^stale:o@s4\|1795168800\|stale\|p@s4\|.*"reply_by":"2026-11-18T10:00:00Z"'
like "events: the verdict event" "$(cat "$W/ev1")" \
	'^verdict:p@s4:v1::stale-objection\|1795168800\|verdict\|p@s4\|'

# 5. New version: the old one is superseded, the window restarts; the
# objector acks v2.
scenario v2
msg p@s5 "[PATCH] pvcalls: fix the frontend ring" "$MON" "$ALICE" "" \
	"$(patch_body $FRONT)"
msg o@s5 "Re: [PATCH] pvcalls: fix the frontend ring" \
	"Tue, 3 Nov 2026 10:00:00 +0000" "$OLGA" p@s5 \
	"I don't think this is the right approach."
msg p2@s5 "[PATCH v2] pvcalls: fix the frontend ring" \
	"Thu, 5 Nov 2026 10:00:00 +0000" "$ALICE" "" \
	"$(patch_body $FRONT "Fix the ring (v2: use the consumer index).")"
msg o2@s5 "Re: [PATCH v2] pvcalls: fix the frontend ring" \
	"Fri, 6 Nov 2026 10:00:00 +0000" "$OLGA" p2@s5 \
"Much better, thanks.

Acked-by: Olga Objector <olga@example.net>"
msg m2@s5 "Re: [PATCH v2] pvcalls: fix the frontend ring" \
	"Sat, 7 Nov 2026 10:00:00 +0000" "$MARK" p2@s5 \
	"Acked-by: Mark Maint <mark.maint@example.com>"
load
at 2026-11-04T10:00:00Z
is "v2: v1 objected before v2" "$(vd p@s5)" "objected 2026-11-09T10:00:00Z"
is "v2: no v2 yet" "$(nproposals)" 1
at 2026-11-05T12:00:00Z
is "v2: v1 superseded" "$(vd p@s5)" "superseded -"
is "v2: v2 answers the objection, R starts" "$(vd p2@s5 2)" \
	"objected 2026-11-19T10:00:00Z"
is "v2: version 2" "$(get p2@s5 version)" 2
at 2026-11-06T12:00:00Z
is "v2: objector's ack on v2 resolves the objection" \
	"$(get p2@s5 'objections[0].state')" resolved
is "v2: window restarts from v2's date" "$(vd p2@s5 2)" \
	"waiting 2026-11-12T10:00:00Z"
is "v2: tally counts Olga's latest opinion once" "$(get p2@s5 tally.sum)" 2
is "v2: still waiting when v1's window would have ended" \
	"$(at 2026-11-09T10:00:00Z; vd p2@s5 2)" \
	"waiting 2026-11-12T10:00:00Z"
at 2026-11-12T10:00:00Z
is "v2: consensus" "$(vd p2@s5 2)" "consensus 2026-11-12T10:00:00Z"
is "v2: v1 stays superseded" "$(vd p@s5)" "superseded -"
is "v2: open proposals leave v1 out" \
	"$(pv status --json --now 2026-11-12T10:00:00Z >"$W/open.json";
	   json_query "$W/open.json" "(SELECT group_concat(json_extract(value, '\$.root')) FROM json_each(j, '\$.proposals'))")" \
	"p2@s5"

# 5b. v2 sent in reply to v1 (git send-email --in-reply-to): one thread,
# two proposals with the same root, told apart by version.
scenario chained
msg p@s5b "[PATCH] pvcalls: fix the frontend ring" "$MON" "$ALICE" "" \
	"$(patch_body $FRONT)"
msg o@s5b "Re: [PATCH] pvcalls: fix the frontend ring" \
	"Tue, 3 Nov 2026 10:00:00 +0000" "$OLGA" p@s5b \
	"I don't think this is the right approach."
msg p2@s5b "[PATCH v2] pvcalls: fix the frontend ring" \
	"Thu, 5 Nov 2026 10:00:00 +0000" "$ALICE" p@s5b \
	"$(patch_body $FRONT "Fix the ring (v2).")"
msg b2@s5b "Re: [PATCH v2] pvcalls: fix the frontend ring" \
	"Fri, 6 Nov 2026 10:00:00 +0000" "$BOB" p2@s5b \
	"Reviewed-by: Bob Reviewer <bob@example.net>"
msg x2@s5b "Re: [PATCH v2] pvcalls: fix the frontend ring" \
	"Fri, 13 Nov 2026 10:00:00 +0000" "$REX" b2@s5b \
	"Applied, thanks."
load
at 2026-11-06T12:00:00Z
is "chained v2: v1 superseded" "$(vd p@s5b 1)" "superseded -"
is "chained v2: v2 answers the v1 objection" "$(vd p@s5b 2)" \
	"objected 2026-11-19T10:00:00Z"
like "chained v2: window restarts from v2's date" \
	"$(getv p@s5b 2 reason)" "window \(7d\) ends 2026-11-12T10:00:00Z"
is "chained v2: applied to v2" "$(at 2026-11-13T12:00:00Z; vd p@s5b 2)" \
	"committed -"

# 6. -2 from a stakeholder vetoes; from anyone else it does not.
scenario veto
msg p@s6 "[PATCH] pvcalls: fix the frontend ring" "$MON" "$ALICE" "" \
	"$(patch_body $FRONT)"
msg b@s6 "Re: [PATCH] pvcalls: fix the frontend ring" \
	"Mon, 2 Nov 2026 12:00:00 +0000" "$BOB" p@s6 \
	"Reviewed-by: Bob Reviewer <bob@example.net>"
msg m@s6 "Re: [PATCH] pvcalls: fix the frontend ring" \
	"Tue, 3 Nov 2026 10:00:00 +0000" "$MARK" p@s6 \
"-2

This changes the ring ABI; it cannot go in."
load
at 2026-11-04T10:00:00Z
is "veto: objected in the window" "$(vd p@s6)" "objected 2026-11-09T10:00:00Z"
is "veto: -2 from a maintainer" \
	"$(get p@s6 'objections[0].vote') $(get p@s6 'objections[0].maintainer')" \
	"-2 1"
# A change is not voted on: the maintainer's -2 is an open objection
# (failed is for lazy-consensus calls, see t-consensus).
is "veto: objected at W" "$(verdict_at 2026-11-09T10:00:00Z p@s6)" \
	"objected -"
like "veto: the reason names the stakeholder" "$(get p@s6 reason)" \
	"^Mark Maint objects"

scenario noveto
msg p@s7 "[PATCH] pvcalls: fix the frontend ring" "$MON" "$ALICE" "" \
	"$(patch_body $FRONT)"
msg b@s7 "Re: [PATCH] pvcalls: fix the frontend ring" \
	"Mon, 2 Nov 2026 12:00:00 +0000" "$BOB" p@s7 \
	"Reviewed-by: Bob Reviewer <bob@example.net>"
msg r@s7 "Re: [PATCH] pvcalls: fix the frontend ring" \
	"Mon, 2 Nov 2026 13:00:00 +0000" "$REX" p@s7 \
	"Acked-by: Rex Committer <rex.committer@example.org>"
msg o@s7 "Re: [PATCH] pvcalls: fix the frontend ring" \
	"Tue, 3 Nov 2026 10:00:00 +0000" "$OLGA" p@s7 \
"-2

I do not like it."
load
at 2026-11-09T10:00:00Z
is "no veto: a non-maintainer's -2 leaves it objected at W" "$(vd p@s7)" \
	"objected -"
is "no veto: not a maintainer" "$(get p@s7 'objections[0].maintainer')" 0
is "no veto: tally +1+1+1-2" "$(get p@s7 tally.sum)" 1

# 7. Committed: "Applied, thanks." from a committer, not from others.
scenario applied
msg p@s8 "[PATCH] pvcalls: fix the frontend ring" "$MON" "$ALICE" "" \
	"$(patch_body $FRONT)"
msg a@s8 "Re: [PATCH] pvcalls: fix the frontend ring" \
	"Tue, 3 Nov 2026 10:00:00 +0000" "$ALICE" p@s8 \
	"Applied, thanks."
msg b@s8 "Re: [PATCH] pvcalls: fix the frontend ring" \
	"Wed, 4 Nov 2026 10:00:00 +0000" "$BOB" p@s8 \
	"Applied, thanks."
msg m@s8 "Re: [PATCH] pvcalls: fix the frontend ring" \
	"Thu, 5 Nov 2026 12:00:00 +0000" "$MARK" p@s8 \
	"Reviewed-by: Mark Maint <mark.maint@example.com>"
msg x@s8 "Re: [PATCH] pvcalls: fix the frontend ring" \
	"Tue, 10 Nov 2026 10:00:00 +0000" "$REX" p@s8 \
	"Applied, thanks."
load
is "applied: not by the proposer or a non-committer" \
	"$(verdict_at 2026-11-05T10:00:00Z p@s8)" \
	"waiting 2026-11-09T10:00:00Z"
is "applied: consensus before the committer applies" \
	"$(verdict_at 2026-11-10T09:00:00Z p@s8)" \
	"consensus 2026-11-09T10:00:00Z"
is "applied: committed by the committer" \
	"$(verdict_at 2026-11-10T10:00:00Z p@s8)" "committed -"
is "applied: the reason names him" "$(get p@s8 reason)" \
	"applied by Rex Committer"
is "applied: committed is not open" \
	"$(pv status --json --now 2026-11-10T10:00:00Z >"$W/open.json";
	   json_query "$W/open.json" "json_array_length(j, '\$.proposals')")" 0

# 8. Quoted NAKs are someone else's words.
scenario quoted
msg p@s9 "[PATCH] pvcalls: fix the frontend ring" "$MON" "$ALICE" "" \
	"$(patch_body $FRONT)"
msg q@s9 "Re: [PATCH] pvcalls: fix the frontend ring" \
	"Tue, 3 Nov 2026 10:00:00 +0000" "$BOB" p@s9 \
"On Mon, 2 Nov 2026, someone wrote:
> NAK
> Nacked-by: Olga Objector <olga@example.net>
> -1

That was about the old version; this one is fine by me."
msg m@s9 "Re: [PATCH] pvcalls: fix the frontend ring" \
	"Wed, 4 Nov 2026 10:00:00 +0000" "$MARK" p@s9 \
	"Acked-by: Mark Maint <mark.maint@example.com>"
load
at 2026-11-09T10:00:00Z
is "quoted NAK: consensus" "$(vd p@s9)" "consensus 2026-11-09T10:00:00Z"
is "quoted NAK: no objection" "$(get p@s9 'objections')" "[]"
# Alice's +1, Bob's "fine by me" (an approval in prose), Mark's ack: +3.
is "quoted NAK: tally +3" "$(get p@s9 tally.sum)" 3

# 9. The Czar promotes by mail; nobody else can.
scenario promote
msg p@s10 "[PATCH] pvcalls: fix the frontend ring" "$MON" "$ALICE" "" \
	"$(patch_body $FRONT)"
msg m@s10 "Re: [PATCH] pvcalls: fix the frontend ring" \
	"Tue, 3 Nov 2026 10:00:00 +0000" "$MARK" p@s10 \
	"pvbot: promote pvcalls prototype"
load
pv protocols --json --now 2026-11-04T00:00:00Z >"$W/pr.json"
is "promote: a maintainer who is not the Czar changes nothing" \
	"$(json_query "$W/pr.json" "(SELECT json_extract(value, '\$.stage') FROM json_each(j, '\$.protocols') WHERE json_extract(value, '\$.name') = 'pvcalls')")" \
	design
is "promote: no promotion event" "$(events "kind = 'promotion'")" 0
msg c@s10 "Re: [PATCH] pvcalls: fix the frontend ring" \
	"Wed, 4 Nov 2026 10:00:00 +0000" "$CARLA" p@s10 \
"Agreed with the direction.

pvbot: promote pvcalls prototype"
load
pv protocols --json --now 2026-11-05T00:00:00Z >"$W/pr.json"
is "promote: the Czar's command moves pvcalls on" \
	"$(json_query "$W/pr.json" "(SELECT json_extract(value, '\$.stage') || ' ' || json_extract(value, '\$.since') FROM json_each(j, '\$.protocols') WHERE json_extract(value, '\$.name') = 'pvcalls')")" \
	"prototype 2026-11-04T10:00:00Z"
is "promote: one promotion event" "$(events "kind = 'promotion'")" 1
load
pv reclassify >/dev/null 2>&1
pv protocols --json --now 2026-11-05T00:00:00Z >/dev/null
is "promote: still one after re-import and reclassify" \
	"$(events "kind = 'promotion'")" 1
out=$(pv status --now 2026-11-05T00:00:00Z)
like "promote: status groups under the new stage" "$out" \
	"^pvcalls \(protocol stage: prototype\)$"

# 10. SUPPORT.md sets stages.
SUPPORT=$SHARED/data/xen/SUPPORT.md
scenario support
if [ -f "$SUPPORT" ]; then
	pv init >/dev/null
	pv protocols import-support "$SUPPORT" >"$W/sup.out" 2>&1
	is "import-support exits 0" "$?" 0
	pv protocols --json >"$W/pr.json"
	is "import-support: pvcalls is a prototype (Tech Preview)" \
		"$(json_query "$W/pr.json" "(SELECT json_extract(value, '\$.stage') FROM json_each(j, '\$.protocols') WHERE json_extract(value, '\$.name') = 'pvcalls')")" \
		prototype
	is "import-support: blkif is in production (Supported)" \
		"$(json_query "$W/pr.json" "(SELECT json_extract(value, '\$.stage') FROM json_each(j, '\$.protocols') WHERE json_extract(value, '\$.name') = 'blkif')")" \
		production
	pv protocols import-support "$SUPPORT" >"$W/sup.out" 2>&1
	like "import-support: a second run changes nothing" \
		"$(cat "$W/sup.out")" "stages recorded$"
	like "import-support: ... 0 stages recorded" "$(tail -1 "$W/sup.out")" \
		" 0 stages recorded$"
elif [ -n "${PVBOT_TEST_REQUIRE_SHARED:-}" ]; then
	ok 1 "import-support: $SUPPORT is missing"
else
	for t in 1 2 3 4 5; do
		tap_n=$((tap_n + 1))
		echo "ok $tap_n # SKIP no $SUPPORT"
	done
fi

# 11. Per-list policy: the list a proposal came through sets its window,
# and a protocol's override beats the list's.
scenario perlist
{ cat "$E/pvbot/policy.conf"; printf 'list xen-devel\n\twindow 10d\n'; } \
	>"$W/policy-list.conf"
sed "s|^policy .*|policy $W/policy-list.conf|" "$W/pvbot.conf" \
	>"$W/pvbot-list.conf"
msg p@l1 "[PATCH] netif: fix the frontend ring" "$MON" "$ALICE" "" \
	"$(patch_body drivers/net/xen-netfront.c)"
load
"$PVBOT" -c "$W/pvbot-list.conf" -d "$DB" status --json --all \
	--now 2026-11-03T10:00:00Z >"$W/st.json" 2>"$W/st.err"
is "per-list: the proposal's list" "$(get p@l1 list)" xen-devel
is "per-list: the list's window, 10d" "$(vd p@l1)" \
	"waiting 2026-11-12T10:00:00Z"
at 2026-11-03T10:00:00Z
is "per-list: without the override, 7d" "$(vd p@l1)" \
	"waiting 2026-11-09T10:00:00Z"
printf 'protocol netif\n\twindow 12d\n' >>"$W/policy-list.conf"
"$PVBOT" -c "$W/pvbot-list.conf" -d "$DB" status --json --all \
	--now 2026-11-03T10:00:00Z >"$W/st.json" 2>"$W/st.err"
is "per-list: a protocol's override beats the list's" "$(vd p@l1)" \
	"waiting 2026-11-14T10:00:00Z"

plan_end
