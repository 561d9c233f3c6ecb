#!/bin/sh
# The fuzz harnesses without libFuzzer (tests/fuzz/replay-NAME): every seed
# of tests/data/fuzz and every input that once crashed or hung a harness
# (tests/data/fuzz-regress) runs once, in every build -- under ASan and
# UBSan in the asan build.  Each replay must exit 0 within its time bound:
# the regressions include a hang (brace expansion in MAINTAINERS).
. "$TOP_SRCDIR/tests/lib.sh"
# Leaks that are libetpan's, not pvbot's (see the file).
LSAN_OPTIONS=suppressions=$TOP_SRCDIR/tests/fuzz/lsan.supp${LSAN_OPTIONS:+:$LSAN_OPTIONS}
export LSAN_OPTIONS

for name in classify config evalcache imap maintainers mbox message nntp scan; do
	r=$TOP_BUILDDIR/tests/fuzz/replay-$name
	if [ ! -x "$r" ]; then
		ok 1 "replay-$name built"
		continue
	fi
	for set in fuzz fuzz-regress; do
		d=$TOP_SRCDIR/tests/data/$set/$name
		[ -d "$d" ] || continue
		n=$(ls "$d" | wc -l | tr -d ' ')
		[ "$n" -gt 0 ] || continue
		timeout -k 5 120 "$r" "$d" >"$W/out" 2>&1
		rc=$?
		if [ $rc -eq 0 ]; then
			ok 0 "$name: $n inputs of $set replayed"
		else
			ok 1 "$name: $n inputs of $set replayed (exit $rc)"
			grep -E 'ERROR|SUMMARY|runtime error|#[0-9] ' "$W/out" |
			    head -10 | sed 's/^/#   /'
		fi
	done
done
plan_end
