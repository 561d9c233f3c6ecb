#!/bin/sh
# The bundled sample archive: every verdict contrib/sample/README expects
# at 2026-11-25T12:00:00Z, and a status text that fits in 80 columns.
. "$TOP_SRCDIR/tests/lib.sh"

command -v sqlite3 >/dev/null 2>&1 || require "sqlite3 (for json_query)"

E=$TOP_SRCDIR/etc
SAMPLE=$TOP_SRCDIR/contrib/sample
NOW=2026-11-25T12:00:00Z
sed -e "s|^rules .*|rules $E/pvbot/rules.conf|" \
    -e "s|^policy .*|policy $E/pvbot/policy.conf|" \
    -e "s|^protocols .*|protocols $E/pvbot/protocols.conf|" \
    -e "s|^templates .*|templates $E/pvbot/templates|" \
    "$E/pvbot.conf" >"$W/pvbot.conf"
echo "maintainers $SAMPLE/MAINTAINERS" >>"$W/pvbot.conf"
pv() { "$PVBOT" -c "$W/pvbot.conf" -d "$DB" "$@"; }

pv import "$SAMPLE/xen-devel.mbox" >"$W/import.out" 2>&1
is "sample imports" "$(cat "$W/import.out")" \
	"imported 43, already known 0, skipped 0"
pv status --json --all --now $NOW >"$W/st.json"
is "status --json exits 0" "$?" 0

# get ROOT EXPR
get() {
	json_query "$W/st.json" "(SELECT json_extract(value, '\$.$2')
	    FROM json_each(j, '\$.proposals')
	    WHERE json_extract(value, '\$.root') = '$1')"
}
# vd ROOT: "verdict deadline"
vd() {
	json_query "$W/st.json" "(SELECT json_extract(value, '\$.verdict')
	    || ' ' || coalesce(json_extract(value, '\$.deadline'), '-')
	    FROM json_each(j, '\$.proposals')
	    WHERE json_extract(value, '\$.root') = '$1')"
}

A=20261102083012.2291-1-aino.virtanen@example.com
B1=20261020034403.31877-1-priya.raman@example.net
B2=20261110043241.8830-1-priya.raman@example.net
C=20261028110327.5512-1-oliver.brennan@example.com
D=20261122012014.17203-1-yoonji.park@example.net
EE=20261005132109.40211-1-tariq.hussain@example.org
F=0c7e5b1a-3f42-4d8e-9a61-b25f0e7d4c98@example.com
G=DM6PR04MB7081E3C2B1A09F8D7C6B5A4E@DM6PR04MB7081.namprd04.prod.example.com

is "seven proposals (A, B/v1, B/v2, C, D, E, F)" \
	"$(json_query "$W/st.json" "json_array_length(j, '\$.proposals')")" 7

# A: explicit seven-day call, +3, no objection.
is "A sndif: consensus, window end" "$(vd $A)" \
	"consensus 2026-11-09T08:30:12Z"
is "A: bound to sndif" "$(get $A protocols)" '["sndif"]'
is "A: a design" "$(get $A kind)" design
is "A: tally +3 (proposer, +1 line, Czar's Acked-by)" "$(get $A tally.sum)" 3

# B: v1 superseded; v2 agreed, the v1 objection no longer open.
is "B/v1 pvcalls: superseded" "$(vd $B1)" "superseded -"
is "B/v1: version 1" "$(get $B1 version)" 1
is "B/v2 pvcalls: consensus, window end" "$(vd $B2)" \
	"consensus 2026-11-17T04:32:41Z"
is "B/v2: version 2" "$(get $B2 version)" 2
is "B/v2: tally +3 (the relayed Tested-by does not count)" \
	"$(get $B2 tally.sum)" 3
is "B/v2: Tomasz's v1 objection is no longer open" \
	"$(json_query "$W/st.json" "(SELECT count(*) FROM json_each(j, '\$.proposals') p, json_each(p.value, '\$.objections') o WHERE json_extract(p.value, '\$.root') = '$B2' AND json_extract(o.value, '\$.state') = 'open')")" 0
is "B/v2: Tomasz's vote is his Acked-by on v2" \
	"$(json_query "$W/st.json" "(SELECT json_extract(v.value, '\$.vote') FROM json_each(j, '\$.proposals') p, json_each(p.value, '\$.tally.votes') v WHERE json_extract(p.value, '\$.root') = '$B2' AND json_extract(v.value, '\$.by.email') = 'tomasz.wierzbicki@example.com')")" 1
is "B: Rafael's quoted -1 and Nacked-by count for nobody" \
	"$(json_query "$W/st.json" "(SELECT count(*) FROM json_each(j, '\$.proposals') p, json_each(p.value, '\$.tally.votes') v WHERE json_extract(v.value, '\$.by.email') = 'rafael.ortega@example.com')")" 0

# C: NAK answered, objector silent for R: stale, it no longer blocks; but
# the 9PFS maintainer never approved: silence is not consent.
is "C 9pfs: needs-review (no approval from the 9PFS M:)" "$(vd $C)" \
	"needs-review -"
like "C: the reason names whose approval is missing" "$(get $C reason)" \
	"approval needed from 9PFS: Kofi Mensah"
is "C: evidence: the approval missing is the 9PFS section's" \
	"$(get $C 'evidence.approvals_missing[0].section')" "9PFS"
is "C: evidence: Lars's Reviewed-by, no M:" \
	"$(get $C 'evidence.approvals[0].by.name') $(get $C 'evidence.approvals[0].maintainer_of')" \
	"Lars Eriksen "
is "C: Kofi's objection is stale" \
	"$(get $C 'objections[0].by.email') $(get $C 'objections[0].state') $(get $C 'objections[0].reply_by')" \
	"kofi.mensah@example.org stale 2026-11-15T17:12:40Z"
is "C: tally +2 without the stale -1" "$(get $C tally.sum)" 2

# D: window still open, but the author agreed to rework: a new version
# is owed.
is "D displif: changes-requested" "$(vd $D)" "changes-requested -"
is "D: the point: Nadia's, the author agreed" \
	"$(get $D 'evidence.points[0].by.name') $(get $D 'evidence.points[0].state') $(get $D 'evidence.points[0].maintainer')" \
	"Nadia Haddad accepted 1"
is "D: each of the two patches owes it too" \
	"$(get $D 'patches[0].verdict') $(get $D 'patches[1].part')/$(get $D 'patches[1].total')" \
	"changes-requested 2/2"
is "D: tally +1" "$(get $D tally.sum)" 1
is "D: no objection" "$(get $D objections)" "[]"

# E: applied by a committer.
is "E blkif: committed" "$(vd $EE)" "committed -"
is "E: applied by Arjun Mehta" "$(get $EE reason)" "applied by Arjun Mehta"

# F: -2 from the XENSTORE maintainer.  v3 replies to v1 and v2, which are
# not in the archive: pvbot's thread root (and so the proposal's root) is
# the placeholder of the missing v1, so find F by its subject.
F_V1=20260914101522.7731-1-ana.costa@example.com
F_V2=20260928093047.12904-1-ana.costa@example.com
F=$(json_query "$W/st.json" "(SELECT json_extract(value, '\$.root')
    FROM json_each(j, '\$.proposals') WHERE json_extract(value,
    '\$.subject') = '[PATCH v3] tools/xenstore: let guests raise their own node quota')")
like "F: the proposal is rooted in F's thread" "$F" \
	"^(0c7e5b1a-3f42-4d8e-9a61-b25f0e7d4c98@example.com|$F_V1|$F_V2)\$"
# A change is never "failed" (the tally's verdict): the -2 is an open
# objection, never answered.
is "F xenstore: objected" "$(vd "$F")" "objected -"
is "F: version 3" "$(get "$F" version)" 3
is "F: -2 from Claire, a maintainer, open" \
	"$(get "$F" 'objections[0].by.email') $(get "$F" 'objections[0].vote') $(get "$F" 'objections[0].maintainer') $(get "$F" 'objections[0].state')" \
	"claire.dubois@example.net -2 1 open"
like "F: the reason names the objector" "$(get "$F" reason)" \
	"^Claire Dubois objects"

# G: a user question is no proposal.
is "G: not a proposal" "$(get $G verdict)" ""

# xenstore is blocked by F's open objection, nothing else.
is "one protocol blocked: xenstore" \
	"$(json_query "$W/st.json" "(SELECT group_concat(json_extract(value, '\$.name')) FROM json_each(j, '\$.protocols') WHERE json_extract(value, '\$.state') = 'blocked')")" xenstore

# Text output: open proposals only, 80 columns (characters, not bytes:
# a cut line ends in a 3-byte ellipsis).
over80() { perl -CSD -ne 'chomp; print "$.: ", length, "\n" if length > 80' "$1"; }
pv status --now $NOW >"$W/st.txt"
is "status text exits 0" "$?" 0
is "text: no line over 80 columns" \
	"$(over80 "$W/st.txt")" ""
like "text: the patch that needs review is listed" "$(cat "$W/st.txt")" \
	"^  needs-review    v1 \[PATCH\] 9pfs: xen transport: fix ring"
like "text: with whose approval is missing" "$(cat "$W/st.txt")" \
	"approval missing: 9PFS \(M: Kofi Mensah"
like "text: the RFC with changes requested is listed" \
	"$(cat "$W/st.txt")" "^  changes-requested v1 \[RFC PATCH 0/2\] displif"
like "text: the window applied is stated" \
	"$(cat "$W/st.txt")" "rules: check-in; window 7d \(ends 2026-11-29T01:20:14Z\)"
if grep -q "committed\|superseded\|failed" "$W/st.txt"; then
	ok 1 "text: closed proposals left out without --all"
else
	ok 0 "text: closed proposals left out without --all"
fi
pv status --all --now $NOW >"$W/all.txt"
is "text --all: no line over 80 columns" \
	"$(over80 "$W/all.txt")" ""
is "text --all: one verdict line per proposal" \
	"$(grep -cE '^  (waiting|objected|changes-requested|needs-review|stale-objection|consensus|failed|superseded|committed) +v[0-9]' "$W/all.txt")" 7
# Most urgent first: protocol groups by their most urgent proposal.
is "text --all: groups most urgent first" \
	"$(grep -E '^[0-9a-z]+ \(' "$W/all.txt" | cut -d' ' -f1 | tr '\n' ' ')" \
	"xenstore displif 9pfs sndif pvcalls blkif "

plan_end
