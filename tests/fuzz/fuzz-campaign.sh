#!/bin/sh
# A longer fuzzing campaign than make fuzz-smoke: round-robin slices of
# SLICE seconds per harness until each has run its share, keeping the
# grown corpus in CORPUS/NAME between slices (and between campaigns).
# Prints one line per slice and a total per harness; crashing inputs are
# left in CORPUS/artifacts.  Run from a fuzzing build directory.
#
# usage: fuzz-campaign.sh NAME:SECONDS...   (SLICE=300, CORPUS=fuzz-corpus)
set -u
: "${SLICE:=300}"
: "${CORPUS:=fuzz-corpus}"
: "${TOP_SRCDIR:=$(cd "$(dirname "$0")/../.." && pwd)}"
bin=$CORPUS/bin
mkdir -p "$bin" "$CORPUS/artifacts" "$CORPUS/logs"
left=""
for spec in "$@"; do
	name=${spec%%:*}
	# A private copy: a rebuild during the campaign must not disturb it.
	cp "tests/fuzz/fuzz-$name" "$bin/" || exit 1
	mkdir -p "$CORPUS/$name"
	left="$left $name:${spec#*:}"
done
slice=0
while [ -n "$(echo $left)" ]; do
	next=""
	for spec in $left; do
		name=${spec%%:*}; rest=${spec#*:}
		t=$SLICE; [ "$rest" -lt "$t" ] && t=$rest
		slice=$((slice + 1))
		dict=
		case $name in message|mbox) dict=-dict=$TOP_SRCDIR/tests/fuzz/message.dict ;; esac
		log=$CORPUS/logs/$name.$(date +%s)
		nice -n 10 "$bin/fuzz-$name" -max_total_time="$t" -timeout=10 \
		    -rss_limit_mb=2048 -close_fd_mask=3 -print_final_stats=1 \
		    $dict -artifact_prefix="$CORPUS/artifacts/$name-" \
		    "$CORPUS/$name" "$TOP_SRCDIR/tests/data/fuzz/$name" \
		    >"$log" 2>&1
		rc=$?
		runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
		cov=$(grep -E '^#[0-9]+' "$log" | tail -1 |
		    sed -n 's/.* cov: \([0-9]*\) ft: \([0-9]*\).*/\1 \2/p')
		echo "$name slice=$slice seconds=$t rc=$rc runs=${runs:-0} cov_ft=${cov:-? ?}"
		rest=$((rest - t))
		[ "$rest" -gt 0 ] && next="$next $name:$rest"
	done
	left=$next
done
