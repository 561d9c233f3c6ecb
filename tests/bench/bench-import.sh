#!/bin/sh
# make bench: import speed and memory on the real linux-hyperv archive and
# on a generated archive (BENCH_N messages, default 1,000000), next to a
# bare grep pass; then pvbot status over the big database.  Prints numbers.
set -eu
top=${TOP_SRCDIR:-$(cd "$(dirname "$0")/../.." && pwd)}
build=${TOP_BUILDDIR:-.}
pvbot=${PVBOT:-$build/pvbot}
gen=$build/tests/gen-archive
shared=${PVBOT_SHARED:-$top/../shared}
[ -d "$shared" ] || shared=/work/shared
n=${BENCH_N:-1000000}
w=$(mktemp -d "${TMPDIR:-/tmp}/pvbot-bench.XXXXXX")
trap 'rm -rf "$w"' EXIT
conf=$top/etc/pvbot.conf
. "$top/tests/bench/lib-bench.sh"

# Seconds, user seconds and peak RSS (KiB) of a command, from GNU time:
# the fastest of BENCH_REPEAT runs (default 3), as a shared machine only
# ever adds time.  Re-import and status read the database the last import
# of import_pair (with classification) left.
repeat=${BENCH_REPEAT:-3}
measure() {
	secs=; i=0
	while [ "$i" -lt "$repeat" ]; do
		i=$((i + 1))
		/usr/bin/time -f '%e %U %M' -o "$w/time" "$@" >"$w/out" \
		    2>"$w/err" || { cat "$w/err"; return 1; }
		read -r s u m <"$w/time"
		if [ -z "$secs" ] || [ "$(echo "$s < $secs" | bc)" = 1 ]; then
			secs=$s; user=$u; rss=$m
		fi
	done
}

report() {	# name messages bytes
	printf '%-34s %7.2f s  %7.2f s user  %8.0f msg/s  %7.1f MB/s  peak RSS %6.1f MiB\n' \
	    "$1" "$secs" "$user" "$(echo "$2 / $secs" | bc -l)" \
	    "$(echo "$3 / 1048576 / $secs" | bc -l)" "$(echo "$rss / 1024" | bc -l)"
}

# The import with and without classification, runs interleaved (a shared
# machine's speed drifts: back to back, one would get the slow minutes):
# the fastest of each.  Sets nc_* and cl_* (secs, user, rss).
import_pair() {	# file
	nc_secs=; cl_secs=; i=0
	while [ "$i" -lt "$repeat" ]; do
		i=$((i + 1))
		for v in nc cl; do
			rm -f "$w/db"*
			if [ $v = nc ]; then
				PVBOT_BENCH_NO_CLASSIFY=1 /usr/bin/time -f '%e %U %M' \
				    -o "$w/time" "$pvbot" -c "$conf" -d "$w/db" \
				    import --quiet "$1" >"$w/out" 2>"$w/err"
			else
				/usr/bin/time -f '%e %U %M' -o "$w/time" "$pvbot" \
				    -c "$conf" -d "$w/db" import --quiet "$1" \
				    >"$w/out" 2>"$w/err"
			fi || { cat "$w/err"; return 1; }
			read -r s u m <"$w/time"
			eval "best=\${${v}_secs}"
			if [ -z "$best" ] || [ "$(echo "$s < $best" | bc)" = 1 ]; then
				eval "${v}_secs=$s ${v}_user=$u ${v}_rss=$m"
			fi
		done
	done
}

one() {	# label file
	f=$2
	msgs=$(grep -c '^From ' "$f")
	bytes=$(stat -c %s "$f")
	echo "== $1: $msgs messages, $(echo "$bytes / 1048576" | bc) MiB"
	measure grep -c '^From ' "$f"
	report "grep -c '^From '" "$msgs" "$bytes"
	import_pair "$f"
	secs=$nc_secs user=$nc_user rss=$nc_rss
	report "import (no classification)" "$msgs" "$bytes"
	secs=$cl_secs user=$cl_user rss=$cl_rss
	report "import (parse, thread, classify)" "$msgs" "$bytes"
	echo "   classification share: $(echo "($cl_secs - $nc_secs) * 100 / $cl_secs" | bc) % of import time" \
	    "($(echo "($cl_user - $nc_user) * 100 / $cl_user" | bc) % of user time)"
	measure "$pvbot" -c "$conf" -d "$w/db" import --quiet "$f"
	report "re-import (all already known)" "$msgs" "$bytes"
	status_bench
}

# A day's mail: 50 replies to messages picked at random, new each time.
mail_batch=0
new_mail() {
	mail_batch=$((mail_batch + 1))
	bench_replies "$w/db" "$mail_batch" >"$w/new.mbox"
	"$pvbot" -c "$conf" -d "$w/db" import --quiet "$w/new.mbox" >/dev/null
}

# pvbot status over the database: evaluating everything from the messages
# (--fresh), with nothing changed (every verdict from the evaluation
# cache), and right after a day's new mail (only the threads it touched
# read again; the fastest of BENCH_REPEAT batches).
status_bench() {
	st="$pvbot -c $conf -d $w/db status --now 2030-01-01"
	threads=$(sqlite3 "$w/db" 'SELECT count(*) FROM threads')
	measure $st --fresh
	echo "   status, all evaluated (--fresh): $secs s, peak RSS $(echo "$rss / 1024" | bc) MiB ($threads threads)"
	measure $st
	echo "   status, nothing changed:         $secs s, peak RSS $(echo "$rss / 1024" | bc) MiB"
	best=; i=0
	while [ "$i" -lt "$repeat" ]; do
		i=$((i + 1))
		new_mail
		/usr/bin/time -f '%e' -o "$w/time" $st >/dev/null 2>"$w/err" ||
		    { cat "$w/err"; return 1; }
		read -r s <"$w/time"
		if [ -z "$best" ] || [ "$(echo "$s < $best" | bc)" = 1 ]; then
			best=$s
		fi
	done
	echo "   status, after 50 new replies:    $best s"
}

command -v bc >/dev/null || { echo "bench: needs bc"; exit 1; }
if [ -f "$shared/corpus/lore/linux-hyperv.mbox.gz" ]; then
	zcat "$shared/corpus/lore/linux-hyperv.mbox.gz" >"$w/hv.mbox"
	one "linux-hyperv (real)" "$w/hv.mbox"
	rm -f "$w/hv.mbox"
fi
if [ "$n" -gt 0 ]; then
	"$gen" -n "$n" >"$w/gen.mbox"
	one "generated" "$w/gen.mbox"
fi
