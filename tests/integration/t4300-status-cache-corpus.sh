#!/bin/sh
# The evaluation cache on a real list: linux-hyperv (26,431 messages from
# ../shared) arriving in three parts, evaluated between them as a daemon
# would; each warm status equals status --fresh.  Skipped without ../shared.
. "$TOP_SRCDIR/tests/lib.sh"

HV=$SHARED/corpus/lore/linux-hyperv.mbox.gz
[ -f "$HV" ] || require_shared "real archive $HV"

zcat "$HV" | awk -v pre="$W/part" '
    /^From / { i++; f = pre "." int((i - 1) / 9000) }
    { print > f }'
is "three parts" "$(ls "$W"/part.* | wc -l | tr -d ' ')" 3

# same NAME NOW: warm status (and protocols) equal fresh ones.
same() {
	pv status --json --all --now "$2" >"$W/warm.json" 2>&1
	pv protocols --json --now "$2" >>"$W/warm.json" 2>&1
	pv status --json --all --fresh --now "$2" >"$W/fresh.json" 2>&1
	pv protocols --json --now "$2" >>"$W/fresh.json" 2>&1
	if ! grep -q '"proposals": \[' "$W/warm.json"; then
		ok 1 "$1"; sed 's/^/#   /' "$W/warm.json" | head -5
	elif cmp -s "$W/warm.json" "$W/fresh.json"; then ok 0 "$1"; else
		ok 1 "$1"; diff "$W/fresh.json" "$W/warm.json" | head -20 |
		    sed 's/^/#   /'; fi
}

for part in 0 1 2; do
	pv import --quiet "$W/part.$part" >/dev/null 2>&1
	# The newest mail, a day and two weeks after it: windows end.
	last=$(sqlite3 "$DB" "SELECT max(date) FROM messages WHERE date <
	    strftime('%s', '2026-01-01')")
	for d in 0 1 14; do
		now=@$((last + d * 86400))
		pv -v store status --now "$now" >/dev/null 2>>"$W/log"
		same "part $part, newest mail + $d days: warm equals fresh" \
		    "$now"
	done
done
# The first status after each part reads what changed, not everything.
sed -n 's/.*: \([0-9]*\) proposals, \([0-9]*\) from the cache.*/\1 \2/p' \
    "$W/log" >"$W/reuse"
is "each status says what it reused" "$(wc -l <"$W/reuse" | tr -d ' ')" 9
like "after new mail, most proposals come from the cache" \
    "$(awk 'NR == 4 { print int($2 * 100 / $1) }' "$W/reuse")" \
    '^([5-9][0-9]|100)$'

plan_end
