#!/bin/sh
# --now explores and never changes what pvbot will post (issue 18, item
# 4).  status --now 2026-12-07 then summary --now 2026-11-25 queued a
# reply "now: waiting" that never happened.  The rule: an evaluation keeps
# its events (the log every mail is made from) only when it may act --
# at the real clock, with --send, or status --record -- and never at a
# time before the newest kept one; a dry run keeps nothing.
. "$TOP_SRCDIR/tests/lib.sh"

command -v sqlite3 >/dev/null 2>&1 || require "sqlite3"

E=$TOP_SRCDIR/etc
SAMPLE=$TOP_SRCDIR/contrib/sample
sample_conf "$W/pvbot.conf"
pv() { "$PVBOT" -c "$W/pvbot.conf" -d "$DB" "$@"; }
# What the mails are made from, and what was queued.
log() {
	sqlite3 "$DB" "SELECT key, at, kind, subject, detail FROM events
	    ORDER BY id; SELECT * FROM verdicts ORDER BY root, version;
	    SELECT kept FROM eval_state; SELECT count(*) FROM outbox;
	    SELECT count(*) FROM event_mails"
}
pv import "$SAMPLE/xen-devel.mbox" >/dev/null 2>&1

# The issue's steps: a later look, then an earlier one.
pv status --now 2026-12-07 --record >/dev/null 2>&1
is "status --record keeps the evaluation's time" \
	"$(sqlite3 "$DB" "SELECT kept FROM eval_state")" \
	"$(date -u -d 2026-12-07 +%s)"
log >"$W/log1"
like "and its events" "$(cat "$W/log1")" "^verdict:.*:consensus\|"
pv summary --now 2026-11-25T12:00:00Z >"$W/out" 2>/dev/null
if grep -q "is now: waiting" "$W/out"; then
	ok 1 "an earlier dry run composes no reply that never happened"
else
	ok 0 "an earlier dry run composes no reply that never happened"
fi
log >"$W/log2"
check "an earlier dry run changes nothing" cmp "$W/log1" "$W/log2"
pv status --now 2026-11-25T12:00:00Z --record >/dev/null 2>&1
log >"$W/log3"
check "status --record before the newest kept keeps nothing" \
	cmp "$W/log1" "$W/log3"
is "no verdict ever goes back to waiting" "$(sqlite3 "$DB" "SELECT count(*)
	FROM events WHERE kind = 'verdict' AND json_extract(detail, '\$.to') =
	'waiting' AND json_extract(detail, '\$.from') IS NOT NULL")" 0

# Looking ahead, with every command that evaluates, keeps nothing.
for c in "status" "status --json --all" "protocols" "summary" "remind" \
	"digest"; do
	# shellcheck disable=SC2086
	pv $c --now 2027-03-01 >/dev/null 2>&1
	log >"$W/log4"
	check "$c --now ahead changes nothing" cmp "$W/log1" "$W/log4"
done
pv report --html "$W/site" --now 2027-03-01 >/dev/null 2>&1
log >"$W/log4"
check "report --now ahead changes nothing" cmp "$W/log1" "$W/log4"

# A dry run shows what --send would post, then forgets it.
DB=$W/dry.db
pv import "$SAMPLE/xen-devel.mbox" >/dev/null 2>&1
log >"$W/dry1"
pv summary --now 2026-11-25T12:00:00Z >"$W/out" 2>/dev/null
like "a dry run prints the replies due" "$(cat "$W/out")" \
	"is now: consensus"
log >"$W/dry2"
check "and keeps none of the events it found" cmp "$W/dry1" "$W/dry2"
pv summary --now 2026-11-25T12:00:00Z >"$W/out2" 2>/dev/null
check "so a second dry run prints the same" cmp "$W/out" "$W/out2"

# At the real clock, status keeps what it finds.
DB=$W/real.db
pv import "$SAMPLE/xen-devel.mbox" >/dev/null 2>&1
t0=$(date -u +%s)
pv status >/dev/null 2>&1
kept=$(sqlite3 "$DB" "SELECT kept FROM eval_state")
is "status at the real clock keeps its events" \
	"$(test "$kept" -ge "$t0" && test "$kept" -le "$(($(date -u +%s) + 1))" &&
	echo yes)" yes
plan_end
