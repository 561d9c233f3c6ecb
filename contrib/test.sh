#!/bin/sh
# Install what the tests need, build, run the whole suite twice (a normal
# build and one under AddressSanitizer + UBSan), run each fuzz harness
# briefly in a third (libFuzzer), and print one summary line counted from
# the test logs: "N passed, N failed".
set -u
cd "$(dirname "$0")/.."
top=$(pwd)
sh contrib/install-deps.sh --test || exit 1
autoreconf -fi >/dev/null 2>&1 || { echo "autoreconf failed"; exit 1; }
# An in-tree build (./configure run here by hand) forbids the out-of-tree
# builds below; say so rather than fail with configure's message.
if [ -f config.status ]; then
	echo "this source tree is configured in place; run 'make distclean' first"
	echo "0 passed, 1 failed"; exit 1
fi
export PVBOT_TEST_REQUIRE_SERVERS=${PVBOT_TEST_REQUIRE_SERVERS:-1}
status=0
for variant in plain asan; do
	dir=$top/_build/$variant
	rm -rf "$dir"; mkdir -p "$dir"; cd "$dir"
	opts=""; [ $variant = asan ] && opts="--enable-asan"
	if ! "$top/configure" $opts >configure.out 2>&1 || ! make -j2 >make.out 2>&1; then
		echo "== $variant: build failed"; tail -n 20 make.out configure.out
		echo "0 passed, 1 failed"; exit 1
	fi
	echo "== $variant: make check"
	make -j2 check >check.out 2>&1 || status=1
	grep -E '^(FAIL|ERROR|# (TOTAL|PASS|SKIP|FAIL|ERROR))' check.out
	cd "$top"
done
# A third build for fuzzing (clang, libFuzzer + ASan + UBSan): each harness
# runs FUZZ_SECONDS (10 here, to keep CI short) from its seed corpus and
# regressions.  fuzz-smoke prints one TAP line per harness into a log under
# tests/, so the count below includes them.
dir=$top/_build/fuzz
rm -rf "$dir"; mkdir -p "$dir/tests"; cd "$dir"
if ! "$top/configure" --enable-fuzzing CC=clang >configure.out 2>&1 ||
    ! make -j2 >make.out 2>&1; then
	echo "== fuzz: build failed"; tail -n 20 make.out configure.out
	echo "not ok 1 - fuzzing build" >tests/fuzz-smoke.log
	status=1
else
	echo "== fuzz: make fuzz-smoke"
	make fuzz-smoke FUZZ_SECONDS="${FUZZ_SECONDS:-10}" \
	    >tests/fuzz-smoke.log 2>&1 || status=1
	grep -E '^(ok|not ok)' tests/fuzz-smoke.log
fi
cd "$top"
# Every TAP line of every test log counts: automake hides them otherwise.
logs=$(find "$top/_build" -path '*/tests/*' -name '*.log' ! -name test-suite.log)
passed=$(cat $logs | grep -cE '^ok ')
failed=$(cat $logs | grep -cE '^not ok ')
errors=$(grep -lE '^ERROR:' $logs 2>/dev/null | wc -l)
skipped=$(cat $logs | grep -cE '^1\.\.0 # SKIP|^ok .*# SKIP')
[ "$skipped" -gt 0 ] && echo "($skipped skipped)"
[ "$errors" -gt 0 ] && echo "($errors test programs ended in error)"
failed=$((failed + errors))
[ $status -ne 0 ] && [ $failed -eq 0 ] && failed=1
echo "$passed passed, $failed failed"
[ $failed -eq 0 ]
