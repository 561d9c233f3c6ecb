#!/bin/sh
# Wording and layout a reader trips on (issue 18, item 12), on the sample
# archive at 2026-11-25T12:00:00Z.
. "$TOP_SRCDIR/tests/lib.sh"

SAMPLE=$TOP_SRCDIR/contrib/sample
NOW=2026-11-25T12:00:00Z
sample_conf "$W/pvbot.conf"
pv() { "$PVBOT" -c "$W/pvbot.conf" -d "$DB" "$@"; }
pv import "$SAMPLE/xen-devel.mbox" >/dev/null 2>&1

pv status --all --now $NOW >"$W/st" 2>&1
# "9pfs (design)" read as if the proposal were a design.
like "a group names its protocol's stage as such" "$(cat "$W/st")" \
	"^9pfs \(protocol stage: prototype\)\$"
# "deadline ... (passed)" on a consensus read as overdue.
like "a consensus: its window ended" "$(cat "$W/st")" \
	"^ +window ended 2026-11-17T04:32:41Z\$"
# The sample under the tally (an operator's "changes lazy-consensus"):
# 9pfs has a stale objection there, displif is waiting.
sed 's/^changes check-in$/changes lazy-consensus/' \
    "$TOP_SRCDIR/etc/pvbot/policy.conf" >"$W/lazy-policy.conf"
cp "$W/pvbot.conf" "$W/lazy.conf"
echo "policy $W/lazy-policy.conf" >>"$W/lazy.conf"
"$PVBOT" -c "$W/lazy.conf" -d "$DB" status --all --now $NOW >"$W/lazy" 2>&1
like "a stale objection: the objector's reply was due" "$(cat "$W/lazy")" \
	"^ +the objector's reply was due 2026-11-15T17:12:40Z\$"
like "waiting: its window ends" "$(cat "$W/lazy")" \
	"^ +window ends 2026-11-29T01:20:14Z\$"
like "the tally's rules are the ones stated" "$(cat "$W/lazy")" \
	"rules: lazy-consensus; window 7d"
is "nothing reads as overdue" "$(grep -c 'passed' "$W/st")" 0

# A consensus that gets no status reply says why.
pv summary --now $NOW >"$W/out" 2>"$W/err"
like "summary: the verdicts too old for a reply, and why" "$(cat "$W/err")" \
	"^pvbot: no status reply for 3 verdicts older than summary-max-age \(14d\): history, not news \("
# The roll-up says the review window once when all share it.
sed -n '/^Subject: \[pvbot\] weekly roll-up/,/^The rule:/p' "$W/out" >"$W/rollup"
# (read across line breaks: the text is wrapped)
is "roll-up: the window once" \
	"$(tr -s ' \n' ' ' <"$W/rollup" | grep -o 'review window' | wc -l | tr -d ' ')" 1
like "roll-up: at the top" "$(tr '\n' ' ' <"$W/rollup")" \
	"as of 2026-11-25T12:00:00Z: \(the +review +window +is +7d +for +each\)"

# series cuts a long subject, never the author's address.
pv series >"$W/series" 2>&1
like "series: a long title is cut before the address" "$(cat "$W/series")" \
	"^series 5: docs/designs: PV sound \(sndif\) multi-str.* \(aino\.virtanen@example\.com\)\$"
is "series: no address cut" "$(grep '^series' "$W/series" | grep -vc '@example\.[a-z]*)$')" 0

# A note on stderr never lands inside a line of output sent to the same
# place (2>&1 into a file or a pipe).
pv summary --now $NOW >"$W/both" 2>&1
is "2>&1: every note at the start of a line" \
	"$(grep -cE '.pvbot: (dry run|no status reply)' "$W/both")" 0
like "2>&1: the dry run's note is there" "$(cat "$W/both")" "^pvbot: dry run: "
pv summary --now $NOW 2>&1 | cat >"$W/pipe"
is "2>&1 | cat: the same" "$(grep -cE '.pvbot: (dry run|no status reply)' "$W/pipe")" 0
plan_end
