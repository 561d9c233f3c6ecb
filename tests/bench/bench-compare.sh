#!/bin/sh
# Two pvbot binaries timed on the same work, runs interleaved (a shared
# machine's speed drifts: back to back, one would get the slow minutes),
# the fastest of BENCH_REPEAT (3) each: import of the real linux-hyperv
# archive and of a generated one (BENCH_N messages, default 200000), and
# status over the generated database three ways, as make bench does:
# everything evaluated (--fresh), nothing changed, and after 50 new
# replies.  Prints one line per figure, old and new side by side.
#
#   sh tests/bench/bench-compare.sh OLD_PVBOT NEW_PVBOT [GEN_ARCHIVE]
#
# BENCH_CONF=FILE runs both with that configuration as it is: pvbot
# binaries older than the built-in defaults need their own tree's
# etc/pvbot.conf and the rules beside it.
set -eu
[ $# -ge 2 ] || { echo "usage: $0 OLD_PVBOT NEW_PVBOT [GEN_ARCHIVE]" >&2; exit 2; }
old=$1 new=$2
top=$(cd "$(dirname "$0")/../.." && pwd)
gen=${3:-$(dirname "$new")/tests/gen-archive}
shared=${PVBOT_SHARED:-$top/../shared}
[ -d "$shared" ] || [ -n "${PVBOT_SHARED:-}" ] || shared=/work/shared
n=${BENCH_N:-200000}
repeat=${BENCH_REPEAT:-3}
. "$top/tests/bench/lib-bench.sh"
w=$(mktemp -d "${TMPDIR:-/tmp}/pvbot-bench-compare.XXXXXX")
trap 'rm -rf "$w"' EXIT
# etc/pvbot.conf's lists, but each binary's own built-in rules, policy,
# protocols and templates: an older pvbot may not read today's rules.
conf=$w/bench.conf
if [ -n "${BENCH_CONF:-}" ]; then
	conf=$BENCH_CONF
else
	grep -Ev '^(rules|policy|protocols|templates)[[:space:]]' \
	    "$top/etc/pvbot.conf" >"$conf"
fi
command -v bc >/dev/null || { echo "bench-compare: needs bc" >&2; exit 1; }

# best NAME SECONDS: keep the smallest time per name in $w/best.NAME.
best() {
	f=$w/best.$1
	if [ ! -f "$f" ] || [ "$(echo "$2 < $(cat "$f")" | bc)" = 1 ]; then
		echo "$2" >"$f"
	fi
}

# run NAME CMD...: time a command (GNU time), keep the best.
run() {
	name=$1
	shift
	/usr/bin/time -f '%e' -o "$w/time" "$@" >/dev/null 2>"$w/err" ||
	    { cat "$w/err" >&2; exit 1; }
	best "$name" "$(cat "$w/time")"
}

# round SIDE BIN MBOX LABEL I: one round of everything for one binary.
round() {
	db=$w/$1.db
	rm -f "$db" "$db"-*
	run "$1.import.$4" "$2" -c "$conf" -d "$db" import --quiet "$3"
	[ "$4" = gen ] || return 0
	st="$2 -c $conf -d $db status --now 2030-01-01"
	run "$1.fresh" $st --fresh
	run "$1.warm" $st
	bench_replies "$db" "$5" >"$w/new.mbox"
	"$2" -c "$conf" -d "$db" import --quiet "$w/new.mbox" >/dev/null
	run "$1.day" $st
}

if [ -f "$shared/corpus/lore/linux-hyperv.mbox.gz" ]; then
	zcat "$shared/corpus/lore/linux-hyperv.mbox.gz" >"$w/hv.mbox"
fi
"$gen" -n "$n" >"$w/gen.mbox"
i=0
while [ "$i" -lt "$repeat" ]; do
	i=$((i + 1))
	for side in old new; do
		eval "bin=\$$side"
		[ -f "$w/hv.mbox" ] && round "$side" "$bin" "$w/hv.mbox" hv "$i"
		round "$side" "$bin" "$w/gen.mbox" gen "$i"
	done
done
printf '%-40s %9s %9s\n' "best of $repeat, seconds" old new
for k in import.hv import.gen fresh warm day; do
	[ -f "$w/best.old.$k" ] || continue
	case $k in
	import.hv) label="import linux-hyperv" ;;
	import.gen) label="import $n generated" ;;
	fresh) label="status, all evaluated (--fresh)" ;;
	warm) label="status, nothing changed" ;;
	day) label="status, after 50 new replies" ;;
	esac
	printf '%-40s %9s %9s\n' "$label" "$(cat "$w/best.old.$k")" \
	    "$(cat "$w/best.new.$k")"
done
