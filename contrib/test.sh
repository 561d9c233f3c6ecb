#!/bin/sh
# Install what the tests need, build, run the whole suite twice (a normal
# build and one under AddressSanitizer + UBSan), and print one summary
# line counted from the test logs: "N passed, N failed".
set -u
cd "$(dirname "$0")/.."
top=$(pwd)
sh contrib/install-deps.sh --test || exit 1
autoreconf -fi >/dev/null 2>&1 || { echo "autoreconf failed"; exit 1; }
export PVBOT_TEST_REQUIRE_SERVERS=${PVBOT_TEST_REQUIRE_SERVERS:-1}
status=0
for variant in plain asan; do
	dir=$top/_build/$variant
	rm -rf "$dir"; mkdir -p "$dir"; cd "$dir"
	opts=""; [ $variant = asan ] && opts="--enable-asan"
	if ! "$top/configure" $opts >configure.out 2>&1 || ! make -j2 >make.out 2>&1; then
		echo "== $variant: build failed"; tail -20 make.out configure.out
		echo "0 passed, 1 failed"; exit 1
	fi
	echo "== $variant: make check"
	make -j2 check >check.out 2>&1 || status=1
	grep -E '^(FAIL|ERROR|# (TOTAL|PASS|SKIP|FAIL|ERROR))' check.out
	cd "$top"
done
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
