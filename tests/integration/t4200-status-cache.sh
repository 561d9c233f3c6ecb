#!/bin/sh
# The evaluation cache changes nothing but speed: status reusing cached
# verdicts prints what status --fresh (everything read again) prints,
# across new mail, passing time, a step back in time, tags, promotions,
# a changed policy and MAINTAINERS, reclassification and a damaged entry;
# and it is used (a repeated status reads no thread).
. "$TOP_SRCDIR/tests/lib.sh"

E=$TOP_SRCDIR/etc
SAMPLE=$TOP_SRCDIR/contrib/sample
cp "$E/pvbot/policy.conf" "$W/policy.conf"
cp "$SAMPLE/MAINTAINERS" "$W/MAINTAINERS"
sed -e "s|^rules .*|rules $E/pvbot/rules.conf|" \
    -e "s|^policy .*|policy $W/policy.conf|" \
    -e "s|^protocols .*|protocols $E/pvbot/protocols.conf|" \
    -e "s|^templates .*|templates $E/pvbot/templates|" \
    "$E/pvbot.conf" >"$W/pvbot.conf"
echo "maintainers $W/MAINTAINERS" >>"$W/pvbot.conf"
pvd() { db=$1; shift; "$PVBOT" -c "$W/pvbot.conf" -d "$db" "$@"; }

# split FILE PARTS PREFIX: an mbox in PARTS consecutive pieces.
split_mbox() {
	n=$(grep -c '^From ' "$1")
	awk -v n="$n" -v parts="$2" -v pre="$3" '
	    /^From / { i++; f = pre "." int((i - 1) * parts / n) }
	    { print > f }' "$1"
}
"$TOP_BUILDDIR/tests/gen-archive" -n 3000 -s 7 >"$W/gen.mbox"
split_mbox "$W/gen.mbox" 4 "$W/part"

# same NAME DB NOW: warm status and protocols equal fresh ones, on DB.
same() {
	pvd "$2" status --json --all --now "$3" >"$W/warm.json" 2>&1
	pvd "$2" protocols --json --now "$3" >>"$W/warm.json" 2>&1
	pvd "$2" status --json --all --fresh --now "$3" >"$W/fresh.json" 2>&1
	pvd "$2" protocols --json --now "$3" >>"$W/fresh.json" 2>&1
	if ! grep -q '"proposals": \[' "$W/warm.json"; then
		ok 1 "$1"; sed 's/^/#   /' "$W/warm.json" | head -5
	elif cmp -s "$W/warm.json" "$W/fresh.json"; then ok 0 "$1"; else
		ok 1 "$1"; diff "$W/fresh.json" "$W/warm.json" | head -20 |
		    sed 's/^/#   /'; fi
}

# reuse DB NOW: "PROPOSALS CACHED READ" from the debug line.
reuse() {
	pvd "$1" -v store status --now "$2" 2>&1 >/dev/null |
	    sed -n 's/.*: \([0-9]*\) proposals, \([0-9]*\) from the cache;'`
	    `' \([0-9]*\) of.*/\1 \2 \3/p' | grep . || echo "no debug line"
}

# --- A timeline: two databases fed the same mail, one never fresh. ---
# W.db only ever evaluates warm (entries written by warm runs, horizons,
# designs not yet sent, mail arriving between evaluations); F.db only
# fresh.  Time only moves forward here: each part arrives, then a few
# evaluations, twice at the same time.  Same outputs, same event log.
step=0 part=0 bad=
for now in 09-13T18 09-14T00 09-14T00 09-15T00 09-16T12 09-16T12 \
    09-17T00 09-18T06 09-19T00 09-20T00 09-21T00 09-23T00 09-26T00 \
    10-20T00; do
	case $now in
	09-13T18|09-15T00|09-17T00|09-20T00)
		for db in W F; do
			pvd "$W/$db.db" import --quiet "$W/part.$part" \
			    "$SAMPLE/xen-devel.mbox" >/dev/null 2>&1
		done
		part=$((part + 1));;
	esac
	pvd "$W/W.db" -v store status --json --all --now 2020-$now:00:00Z \
	    --record >"$W/w.json" 2>>"$W/w.log"
	pvd "$W/F.db" status --json --all --fresh --now 2020-$now:00:00Z \
	    --record >"$W/f.json"
	step=$((step + 1))
	grep -q '"proposals": \[' "$W/w.json" &&
	    cmp -s "$W/w.json" "$W/f.json" || { bad=$now; break; }
done
is "timeline: 4 parts, 14 evaluations, warm equals fresh" "$step $bad" "14 "
[ -z "$bad" ] || diff "$W/f.json" "$W/w.json" | head -20 | sed 's/^/#   /'
# Each warm evaluation: "proposals cached".
sed -n 's/.*: \([0-9]*\) proposals, \([0-9]*\) from the cache.*/\1 \2/p' \
    "$W/w.log" >"$W/reuse"
is "timeline: every evaluation says what it reused" \
    "$(wc -l <"$W/reuse" | tr -d ' ')" 14
is "timeline: some reused all" \
    "$(awk '$1 > 0 && $1 == $2' "$W/reuse" | wc -l | tr -d ' ')" 2
like "timeline: some reused part" \
    "$(awk '$2 > 0 && $2 < $1' "$W/reuse" | wc -l | tr -d ' ')" '^([4-9]|1[0-2])$'
events() {
	sqlite3 "$1" "SELECT key, at, kind, subject, detail FROM events
	    ORDER BY key; SELECT * FROM verdicts ORDER BY root, version"
}
is "timeline: the same event log and verdicts" \
    "$(events "$W/W.db" | md5sum)" "$(events "$W/F.db" | md5sum)"
n=$(sqlite3 "$W/W.db" "SELECT count(*) FROM events WHERE kind = 'verdict'")
like "timeline: verdicts changed on the way ($n events)" "$n" '^[0-9]{3,}$'

# A step back in time, then forward again.
same "back to an earlier now" "$W/W.db" 2020-09-16T12:00:00Z
same "forward again" "$W/W.db" 2026-11-25T12:00:00Z

# --- The cache is used, and only where nothing changed. ---
set -- $(reuse "$W/W.db" 2026-11-25T12:00:00Z)
is "a repeated status reuses every proposal" "$2" "$1"
is "a repeated status reads no thread" "$3" 0
like "there are proposals to reuse ($1)" "$1" '^[0-9]{2,}$'
total=$1

# New mail: one objection in one sample thread re-reads little.
DB=$W/W.db
ROOT=20261102083012.2291-1-aino.virtanen@example.com
cat >"$W/objection.eml" <<EOF
From: Dora Maintainer <dora@example.org>
To: xen-devel@lists.xenproject.org
Subject: Re: [PATCH] sndif: add the stream position query
Date: Tue, 24 Nov 2026 09:00:00 +0000
Message-ID: <cache-objection@example.org>
In-Reply-To: <$ROOT>
References: <$ROOT>

I object to this design: the ring layout breaks 32-bit guests.
Please rework the ring header before this goes in.
EOF
pvd "$DB" import --quiet "$W/objection.eml" >/dev/null 2>&1
set -- $(reuse "$DB" 2026-11-25T12:00:00Z)
is "new mail: all proposals still there" "$1" "$total"
is "new mail: all but its thread's from the cache" "$2" $((total - 1))
is "new mail: one thread read" "$3" 1
same "new mail: warm equals fresh" "$DB" 2026-11-25T12:00:00Z
pvd "$DB" status --json --all --now 2026-11-25T12:00:00Z >"$W/st.json"
is "new mail: the objection is in the verdict" \
    "$(json_query "$W/st.json" "(SELECT json_extract(value, '\$.verdict')
	FROM json_each(j, '\$.proposals')
	WHERE json_extract(value, '\$.root') = '$ROOT')")" objected

# Passing time: a window ends, nothing else changes.
same "a day later" "$DB" 2026-11-26T12:00:00Z
same "a month later" "$DB" 2026-12-25T12:00:00Z

# A tag binds a thread to a protocol.
tid=$(sqlite3 "$DB" "SELECT thread FROM messages WHERE message_id = '$ROOT'")
pvd "$DB" tag "$tid" 9pfs >/dev/null 2>&1
same "tag: warm equals fresh" "$DB" 2026-12-25T12:00:00Z
pvd "$DB" status --json --all --now 2026-12-25T12:00:00Z >"$W/st.json"
like "tag: the proposal is bound to 9pfs" \
    "$(json_query "$W/st.json" "(SELECT json_extract(value, '\$.protocols')
	FROM json_each(j, '\$.proposals')
	WHERE json_extract(value, '\$.root') = '$ROOT')")" '9pfs'

# A promotion changes protocol states, not proposals.
pvd "$DB" promote pvcalls prototype "design agreed" >/dev/null 2>&1
same "promotion: warm equals fresh" "$DB" 2026-12-25T12:00:00Z

# Configuration: any change of policy or MAINTAINERS starts cold.
sed 's/^window .*/window 10d/' "$E/pvbot/policy.conf" >"$W/policy.conf"
set -- $(reuse "$DB" 2026-12-25T12:00:00Z)
is "a new policy: nothing from the cache" "$2" 0
same "a new policy: warm equals fresh" "$DB" 2026-12-25T12:00:00Z
echo "# a comment" >>"$W/MAINTAINERS"
set -- $(reuse "$DB" 2026-12-25T12:00:00Z)
is "a new MAINTAINERS: nothing from the cache" "$2" 0
set -- $(reuse "$DB" 2026-12-25T12:00:00Z)
is "and the next status reuses everything again" "$2" "$1"

# Reclassification rewrites messages: their threads are read again.
pvd "$DB" reclassify >/dev/null 2>&1
set -- $(reuse "$DB" 2026-12-25T12:00:00Z)
like "reclassify: threads read again ($3)" "$3" '^[1-9]'
same "reclassify: warm equals fresh" "$DB" 2026-12-25T12:00:00Z

# A damaged entry is evaluated again, and replaced.
sqlite3 "$DB" "UPDATE eval_cache SET facts = x'73006900'
    WHERE root IN (SELECT root FROM eval_cache ORDER BY root LIMIT 3)"
set -- $(reuse "$DB" 2026-12-25T12:00:00Z)
is "damaged entries: all proposals still there" "$1" "$total"
is "damaged entries: replaced by sound ones" \
    "$(sqlite3 "$DB" "SELECT count(*) FROM eval_cache WHERE facts = x'73006900'")" 0
[ "$2" -lt "$1" ]; ok $? "damaged entries: not taken from the cache ($2 of $1)"
same "damaged entries: warm equals fresh" "$DB" 2026-12-25T12:00:00Z

plan_end
