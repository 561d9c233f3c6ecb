#!/bin/sh
# Hostile servers, measured (issue 19's table: attack -> before -> after).
# For each fault tests/servers/hostile.py makes (NNTP and IMAP), one
# `pvbot poll --once` into a new database, under a memory ceiling and a
# wall-clock limit; prints the outcome, the seconds and the peak RSS.
# Not part of make check: it prints numbers, it does not pass or fail
# (t9210-hostile-servers.sh is the test).
#
# usage: make bench-hostile   or
#	PVBOT=... TOP_SRCDIR=... sh tests/bench/bench-hostile.sh
# Environment: OLD_PVBOT=path measures an older build beside PVBOT (the
# same faults, the same limits); LIMIT_MB (default 2048) is the address
# space ceiling and LIMIT_S (default 60) the wall-clock limit, so that a
# build without the bounds stops there instead of taking the machine.
: "${TOP_SRCDIR:=$(cd "$(dirname "$0")/../.." && pwd)}"
: "${TOP_BUILDDIR:=$TOP_SRCDIR}"
. "$TOP_SRCDIR/tests/lib.sh"
. "$TOP_SRCDIR/tests/servers/lib-servers.sh"
. "$TOP_SRCDIR/tests/lib-live.sh"
LIMIT_MB=${LIMIT_MB:-2048}
LIMIT_S=${LIMIT_S:-60}
MAX=1048576
"$SYSPY" -c 'import resource' 2>/dev/null || bail_out "no $SYSPY"

# measure BIN CONF DB: run one poll; print "outcome seconds rss_mib".
# The child's peak RSS comes from getrusage(RUSAGE_CHILDREN), its address
# space is capped with RLIMIT_AS, and it is killed at LIMIT_S.
measure() {
	"$SYSPY" - "$LIMIT_MB" "$LIMIT_S" "$@" <<'PY'
import resource, subprocess, sys, time
mb, secs, binary, conf, db = int(sys.argv[1]), int(sys.argv[2]), *sys.argv[3:6]
def cap():
    resource.setrlimit(resource.RLIMIT_AS, (mb << 20, mb << 20))
t = time.monotonic()
try:
    p = subprocess.run([binary, "-c", conf, "-d", db, "poll", "--once", "h"],
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                       preexec_fn=cap, timeout=secs)
    err = p.stderr.decode("utf-8", "replace").strip().splitlines()
    if p.returncode < 0:
        how = "killed by signal %d" % -p.returncode
    elif p.returncode == 0:
        out = p.stdout.decode("utf-8", "replace").strip().splitlines()
        how = "ok: " + (out[-1][3:70] if out else "")
    else:
        how = "error: " + (err[-1][7:75] if err else "(silent)")
except subprocess.TimeoutExpired:
    how = "still running at %d s" % secs
rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
print("%-64s %6.1f s %7.0f MiB" % (how, time.monotonic() - t, rss))
PY
}

# conf BIN PROTO: a configuration for BIN polling the hostile server; a
# build that does not know command-timeout (older ones) gets none.
conf() {
	hostile_conf "$2"
	"$1" -c "$CONF" config check >/dev/null 2>&1 ||
		sed -i '/command-timeout/d' "$CONF"
}

printf '%-4s %-15s %-5s %-64s %8s %11s\n' proto fault build outcome time "peak RSS"
for p in nntp imap; do
	for m in none greeting-flood list-flood endless large drip; do
		for b in new old; do
			bin=$PVBOT
			[ $b = old ] && bin=${OLD_PVBOT:-}
			[ -n "$bin" ] || continue
			start_hostile $p $m $MAX
			conf "$bin" $p
			rm -f "$W/h.db" "$W/h.db"-*
			printf '%-4s %-15s %-5s %s\n' $p $m $b \
			    "$(measure "$bin" "$CONF" "$W/h.db")"
			stop_hostile
		done
	done
done
