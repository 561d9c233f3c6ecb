#!/bin/sh
# kill -9 at any moment during an import, then a rerun: the database is
# exactly what an uninterrupted import gives.
. "$TOP_SRCDIR/tests/lib.sh"

GEN=$TOP_BUILDDIR/tests/gen-archive
[ -x "$GEN" ] || skip_all "tests/gen-archive not built"
command -v sqlite3 >/dev/null || skip_all "sqlite3 missing"
N=${PVBOT_CRASH_MESSAGES:-20000}
KILLS=${PVBOT_CRASH_KILLS:-6}
"$GEN" -n "$N" -s 7 >"$W/a.mbox"


CONF=$TOP_SRCDIR/etc/pvbot.conf
"$PVBOT" -c "$CONF" -d "$W/ref.db" import --quiet "$W/a.mbox" >"$W/out"
is "uninterrupted import" "$(cat "$W/out")" "imported $N, already known 0, skipped 0"
db_dump "$W/ref.db" >"$W/ref.dump"
# A dump that failed (no sha3 in sqlite3, say) would compare equal to any
# other failed one: it must hold every message and its raw bytes.
is "the reference dump holds the messages" \
    "$(grep -c '^[0-9]*|[0-9]*|[0-9A-F]\{64\}$' "$W/ref.dump")" "$N"

i=0; killed=0
while [ $i -lt "$KILLS" ]; do
	i=$((i + 1))
	"$PVBOT" -c "$CONF" -d "$W/crash.db" import --quiet "$W/a.mbox" >/dev/null 2>&1 &
	pid=$!
	# Spread the kill points over the whole import.
	sleep "0.$(( (i * 37) % 9 + 1))"
	if kill -9 "$pid" 2>/dev/null; then killed=$((killed + 1)); fi
	wait "$pid" 2>/dev/null
	is "integrity after kill $i" "$(sqlite3 "$W/crash.db" 'PRAGMA integrity_check' 2>&1)" "ok"
done
"$PVBOT" -c "$CONF" -d "$W/crash.db" import --quiet "$W/a.mbox" >"$W/out" 2>&1
is "final rerun succeeds" "$?" 0
db_dump "$W/crash.db" >"$W/crash.dump"
if [ "$killed" -gt 0 ] && cmp -s "$W/ref.dump" "$W/crash.dump"; then ok 0 "database equals the uninterrupted one ($killed kills)"
else ok 1 "database equals the uninterrupted one"; diff "$W/ref.dump" "$W/crash.dump" | head -10 | sed 's/^/#   /'; fi
is "every message once" "$(sqlite3 "$W/crash.db" 'SELECT count(*) FROM messages WHERE present')" "$N"

# SIGINT (and SIGTERM) stop an import cleanly at a commit: it says so,
# exits 1, and the next run resumes to the same database.
for sig in INT TERM; do
	rm -f "$W/int.db"*
	"$PVBOT" -c "$CONF" -d "$W/int.db" import --quiet "$W/a.mbox" \
	    >"$W/int.out" 2>&1 &
	pid=$!
	t=0
	while [ "$(sqlite3 "$W/int.db" 'SELECT count(*) FROM messages' 2>/dev/null || echo 0)" = 0 ] &&
	    [ $t -lt 200 ]; do
		sleep 0.05; t=$((t + 1))
	done
	kill -"$sig" "$pid"
	wait "$pid"
	is "SIG$sig: import exits 1" "$?" 1
	like "SIG$sig: and says how to go on" "$(cat "$W/int.out")" \
	    "\(interrupted; run again to resume\)$"
	"$PVBOT" -c "$CONF" -d "$W/int.db" import --quiet "$W/a.mbox" >/dev/null 2>&1
	db_dump "$W/int.db" >"$W/int.dump"
	if cmp -s "$W/ref.dump" "$W/int.dump"; then ok 0 "SIG$sig: the rerun gives the uninterrupted database"
	else ok 1 "SIG$sig: the rerun gives the uninterrupted database"; diff "$W/ref.dump" "$W/int.dump" | head -10 | sed 's/^/#   /'; fi
done
plan_end
