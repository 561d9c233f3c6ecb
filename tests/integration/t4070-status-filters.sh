#!/bin/sh
# What a user reading a real list needs (issue 18, item 11): status shows
# what needs someone's action by default (linux-hyperv listed 1,151
# "open" proposals, 1,135 of them consensus from as far back as 2019),
# --all everything; --protocol, --list, --verdict, --since and --author
# on status, threads and series; protocols hides the quiet ones.
. "$TOP_SRCDIR/tests/lib.sh"

command -v sqlite3 >/dev/null 2>&1 || require "sqlite3 (for json_query)"

SAMPLE=$TOP_SRCDIR/contrib/sample
NOW=2026-11-25T12:00:00Z
printf 'maintainers %s/MAINTAINERS\n' "$SAMPLE" >"$W/pvbot.conf"
pv() { "$PVBOT" -c "$W/pvbot.conf" -d "$DB" "$@"; }
pv import "$SAMPLE/xen-devel.mbox" >/dev/null 2>&1
# roots ARGS...: the roots status --json shows, sorted, one line
roots() {
	pv status --json --now $NOW "$@" >"$W/st.json" 2>/dev/null
	json_query "$W/st.json" "(SELECT group_concat(r, ' ') FROM (SELECT
	    substr(json_extract(value, '\$.root'), 1, 17) AS r FROM
	    json_each(j, '\$.proposals') ORDER BY r))"
}
A=20261102083012.22		# sndif design, consensus since 2026-11-09
B1=20261020034403.31		# pvcalls v1, superseded
B2=20261110043241.88		# pvcalls v2, consensus since 2026-11-17
C=20261028110327.55		# 9pfs, needs review (stale objection)
D=20261122012014.17		# displif, changes requested
E=20261005132109.40		# blkif, committed
F=20260914101522.77		# xenstore, objected

is "default: what needs someone's action" "$(roots)" "$F $C $B2 $D"
is "--all: every proposal" "$(roots --all)" "$F $E $B1 $C $A $B2 $D"
pv status --now $NOW >"$W/out" 2>&1
like "the first line counts them" "$(sed -n 2p "$W/out")" \
	"^4 of 7 proposals need someone's action \(--all lists every one\)\$"
if grep -q sndif "$W/out"; then ok 1 "a consensus of 16 days is not news"
else ok 0 "a consensus of 16 days is not news"; fi
is "--verdict replaces the default" "$(roots --verdict consensus)" "$A $B2"
is "--verdict with commas" "$(roots --verdict objected,committed)" "$F $E"
is "--verdict needs-review" "$(roots --verdict needs-review)" "$C"
is "--verdict changes-requested" "$(roots --verdict changes-requested)" "$D"
is "--protocol by its title" "$(roots --all --protocol 'PV Calls')" "$B1 $B2"
is "--protocol with the default" "$(roots --protocol pvcalls)" "$B2"
is "--list" "$(roots --all --list xen-devel | wc -w | tr -d ' ')" 7
is "--list that no proposal is on" "$(roots --all --list qemu-devel)" ""
is "--author, any case, address or name" "$(roots --all --author PRIYA)" \
	"$B1 $B2"
is "--author by name" "$(roots --author 'Oliver Brennan')" "$C"
is "--since: mail since" "$(roots --since 2026-11-20)" "$D"
pv status --now $NOW --since 2026-11-24 >"$W/out" 2>&1
like "nothing left: it says so" "$(sed -n 2p "$W/out")" \
	"^nothing needs anyone's action that matches \(of 7 proposals; --all"
pv status --verdict approved >/dev/null 2>"$W/err"
is "a verdict that is none: exit 2" $? 2
like "it lists the verdicts" "$(cat "$W/err")" "not a verdict \(waiting, "
pv status --protocol nope >/dev/null 2>"$W/err"
is "a protocol that is none: exit 2" $? 2
like "it says so" "$(cat "$W/err")" "--protocol nope: no such protocol"

# The same on threads and series.
nthreads() { pv threads "$@" 2>/dev/null | tail -n +2 | wc -l | tr -d ' '; }
is "threads --protocol" "$(nthreads --protocol pvcalls)" 2
is "threads --author" "$(nthreads --author tariq)" 1
is "threads --since" "$(nthreads --since 2026-11-17)" 2
is "threads --verdict, judged --now" \
	"$(pv threads --verdict needs-review --now $NOW | tail -n +2 |
	  sed 's/  */ /g' | cut -d' ' -f5-)" \
	"[PATCH] 9pfs: xen transport: fix ring index wrap"
is "threads --list" "$(nthreads --list xen-devel)" 8
pv series --verdict superseded --now $NOW >"$W/out" 2>&1
is "series --verdict: the version, not the series" "$(cat "$W/out")" \
"series 3: pvcalls: add UDP socket support (priya.raman@example.net)
  v1   2026-10-20   3/3   cover  superseded"
is "series --protocol" "$(pv series --protocol blkif | head -1)" \
	"series 1: xen/blkfront: fix discard granularity (tariq.hussain@example.org)"
is "series --author" "$(pv series --author ana | grep -c '^series')" 1

# protocols: the quiet ones only with --all (a stalled one stays).
pv protocols --now $NOW >"$W/out" 2>&1
is "protocols: those with proposals or something to do" \
	"$(awk 'NR > 1 && /^[a-z0-9]/ { print $1 }' "$W/out" | tr '\n' ' ')" \
	"blkif pvcalls 9pfs displif sndif tpmif xenstore "
like "and how many it left out" "$(tail -1 "$W/out")" \
	"^\(and 10 protocols with no proposal and nothing to do: --all"
is "protocols --all: all 17" "$(pv protocols --all --now $NOW |
	awk 'NR > 1 && /^[a-z0-9]/' | wc -l | tr -d ' ')" 17
plan_end
