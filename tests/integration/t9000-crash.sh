#!/bin/sh
# Crash consistency at exact kill points.  pvbot is killed with SIGKILL
# (PVBOT_FAULT, see import.c) at 20+ points spread over a long import:
# mid-batch, just before a commit, just after one, and during a run that
# itself resumes a killed one.  After each kill the database passes
# PRAGMA integrity_check; after each rerun it equals the database of an
# uninterrupted import (messages, threads, series, lists, cursor, raw
# bytes), holds every message once, and the rerun resumed from the cursor
# instead of starting over.  t2200 does the same with timed kills.
. "$TOP_SRCDIR/tests/lib.sh"

GEN=$TOP_BUILDDIR/tests/gen-archive
[ -x "$GEN" ] || skip_all "tests/gen-archive not built"
command -v sqlite3 >/dev/null || skip_all "sqlite3 missing"
N=${PVBOT_CRASH_MESSAGES:-4000}
BATCH=1000	# cmd-import.c's batch size
POINTS=${PVBOT_CRASH_POINTS:-20}
"$GEN" -n "$N" -s 11 >"$W/a.mbox"
CONF=$TOP_SRCDIR/etc/pvbot.conf
imp() { "$PVBOT" -c "$CONF" -d "$1" import --quiet "$W/a.mbox"; }


imp "$W/ref.db" >"$W/out" 2>&1
is "uninterrupted import" "$(cat "$W/out")" "imported $N, already known 0, skipped 0"
db_dump "$W/ref.db" >"$W/ref.dump"

# committed FAULT: messages a run killed at FAULT had committed.
committed() {
	case $1 in
	import-message:*)
		m=${1#*:}; echo $(( (m - 1) / BATCH * BATCH )) ;;
	import-commit:*)
		c=$(( ${1#*:} * BATCH )); [ $c -gt "$N" ] && c=$N; echo $c ;;
	esac
}

# kill_point LABEL FAULT...: from an empty database, a run killed at each
# FAULT in turn, then a run to the end; the result must be the reference.
kill_point() {
	label=$1; shift
	db=$W/k.db
	rm -f "$db" "$db-wal" "$db-shm" "$db.lock"
	done_before=0
	for fault in "$@"; do
		PVBOT_FAULT=$fault imp "$db" >/dev/null 2>&1
		rc=$?
		if [ $rc -ne 137 ]; then
			ok 1 "$label: killed at $fault"; echo "#   exit $rc"
			return
		fi
		integ=$(sqlite3 "$db" 'PRAGMA integrity_check' 2>&1)
		[ "$integ" = ok ] || { ok 1 "$label: integrity after kill"
			echo "#   $integ"; return; }
		c=$(committed "$fault")
		done_before=$((done_before + c))
		[ $done_before -gt "$N" ] && done_before=$N
	done
	imp "$db" >"$W/out" 2>&1
	if [ $done_before -eq "$N" ]; then
		want="imported 0, already known $N, skipped 0"
	else
		want="imported $((N - done_before)), already known 0, skipped 0"
	fi
	db_dump "$db" >"$W/k.dump"
	integ=$(sqlite3 "$db" 'PRAGMA integrity_check' 2>&1)
	dups=$(sqlite3 "$db" "SELECT (SELECT count(*) FROM messages WHERE present) - $N + (SELECT count(*) FROM raw) - $N")
	if [ "$(cat "$W/out")" = "$want" ] && [ "$integ" = ok ] &&
	    [ "$dups" = 0 ] && cmp -s "$W/ref.dump" "$W/k.dump"; then
		ok 0 "$label: resumed ($want), database identical"
	else
		ok 1 "$label: resumed, database identical"
		echo "#   rerun: $(cat "$W/out") (want: $want)"
		echo "#   integrity: $integ, extra rows: $dups"
		diff "$W/ref.dump" "$W/k.dump" | head -5 | sed 's/^/#   /'
	fi
}

# Kill points spread evenly over the archive, then at each batch boundary:
# on the message whose batch commits next, and on the first of a new batch.
i=1; step=$((N / (POINTS + 1)))
while [ $i -le "$POINTS" ]; do
	kill_point "kill after message $((i * step))" \
	    "import-message:$((i * step))"
	i=$((i + 1))
done
b=$BATCH
while [ $b -le "$N" ]; do
	kill_point "kill before commit (message $b)" "import-message:$b"
	[ $b -lt "$N" ] && kill_point "kill after message $((b + 1))" \
	    "import-message:$((b + 1))"
	b=$((b + BATCH))
done
# Right after each commit, the last one (cursor deleted) included.
k=1
while [ $k -le $((N / BATCH + 1)) ]; do
	kill_point "kill after commit $k" "import-commit:$k"
	k=$((k + 1))
done
# A run that resumes a killed one, killed in turn, twice.
kill_point "three kills in a row" "import-message:1500" \
    "import-message:700" "import-commit:1"
plan_end
