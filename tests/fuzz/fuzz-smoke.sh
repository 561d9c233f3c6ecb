#!/bin/sh
# make fuzz-smoke: run each libFuzzer harness for FUZZ_SECONDS from its seed
# corpus (tests/data/fuzz/NAME) and the inputs that once crashed it
# (tests/data/fuzz-regress/NAME).  One TAP line per harness with the
# executions and coverage reached; a crash, leak or timeout fails it, and
# the input is kept in fuzz-artifacts/ of the build directory.
#
# usage: fuzz-smoke.sh NAME...   (FUZZ_SECONDS, TOP_SRCDIR, TOP_BUILDDIR)
set -u
: "${FUZZ_SECONDS:=20}"
: "${TOP_SRCDIR:=$(cd "$(dirname "$0")/../.." && pwd)}"
: "${TOP_BUILDDIR:=$(pwd)}"
art=$TOP_BUILDDIR/fuzz-artifacts
# Leaks that are libetpan's, not pvbot's (see the file).
LSAN_OPTIONS=suppressions=$TOP_SRCDIR/tests/fuzz/lsan.supp${LSAN_OPTIONS:+:$LSAN_OPTIONS}
export LSAN_OPTIONS
mkdir -p "$art"
work=$(mktemp -d "${TMPDIR:-/tmp}/pvbot-fuzz.XXXXXX")
trap 'rm -rf "$work"' EXIT
n=0; failed=0
echo "1..$#"
for name in "$@"; do
	n=$((n + 1))
	h=$TOP_BUILDDIR/tests/fuzz/fuzz-$name
	mkdir -p "$work/$name"
	dirs="$TOP_SRCDIR/tests/data/fuzz/$name"
	[ -d "$TOP_SRCDIR/tests/data/fuzz-regress/$name" ] &&
		dirs="$dirs $TOP_SRCDIR/tests/data/fuzz-regress/$name"
	dict=
	case $name in message|mbox) dict=-dict=$TOP_SRCDIR/tests/fuzz/message.dict ;; esac
	# -close_fd_mask=3: the code under test logs; libFuzzer keeps its own.
	"$h" -max_total_time="$FUZZ_SECONDS" -timeout=10 -rss_limit_mb=2048 \
	    -close_fd_mask=3 -print_final_stats=1 $dict \
	    -artifact_prefix="$art/$name-" "$work/$name" $dirs \
	    >"$work/$name.log" 2>&1
	rc=$?
	runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$work/$name.log")
	cov=$(grep -E '^#[0-9]+' "$work/$name.log" | tail -1 |
	    sed -n 's/.* cov: \([0-9]*\) ft: \([0-9]*\).*/cov \1, ft \2/p')
	if [ "$rc" -eq 0 ]; then
		echo "ok $n - fuzz-$name: ${runs:-?} runs, ${cov:-no coverage line}, no crash"
	else
		failed=$((failed + 1))
		echo "not ok $n - fuzz-$name: exit $rc after ${runs:-?} runs"
		grep -E 'ERROR|SUMMARY|Test unit written|==[0-9]+==' \
		    "$work/$name.log" | head -15 | sed 's/^/#   /'
	fi
done
[ "$failed" -eq 0 ]
