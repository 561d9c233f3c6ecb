#!/bin/sh
# make bench-history: pvbot's verdicts replayed over real xen-devel history
# (../shared/corpus/xenhist-dev: episodes with a written truth and
# judgement points), and two proxies over the linux-hyperv archive
# (../shared/corpus/lore/linux-hyperv.mbox.gz).  A benchmark: it prints
# numbers and exits 0; it skips what ../shared does not hold.
set -eu
top=${TOP_SRCDIR:-$(cd "$(dirname "$0")/../.." && pwd)}
pvbot=${PVBOT:-./pvbot}
shared=${PVBOT_SHARED:-$top/../shared}
[ -d "$shared" ] || shared=/work/shared
w=$(mktemp -d "${TMPDIR:-/tmp}/bench-history.XXXXXX"); trap 'rm -rf "$w"' EXIT

dev=$shared/corpus/xenhist-dev
if [ -f "$dev/xenhist-dev.mbox" ] && [ -f "$dev/expect.json" ] &&
    [ -f "$shared/data/xen/MAINTAINERS" ]; then
	printf 'maintainers %s\n' "$shared/data/xen/MAINTAINERS" >"$w/dev.conf"
	"$pvbot" -c "$w/dev.conf" -d "$w/dev.db" import --quiet \
	    "$dev/xenhist-dev.mbox" >/dev/null 2>&1
	/usr/bin/python3 "$top/tests/bench/history.py" points \
	    "$pvbot" "$w/dev.conf" "$w/dev.db" "$dev/expect.json"
else
	echo "bench-history: no xenhist-dev corpus under $shared; skipped"
fi

hv=$shared/corpus/lore/linux-hyperv.mbox.gz
if [ -n "${BENCH_HISTORY_NO_LORE:-}" ]; then
	echo "bench-history: BENCH_HISTORY_NO_LORE set; proxies skipped"
elif [ -f "$hv" ]; then
	: >"$w/hv.conf"
	gzip -dc "$hv" >"$w/hv.mbox"
	"$pvbot" -c "$w/hv.conf" -d "$w/hv.db" import --quiet \
	    "$w/hv.mbox" >/dev/null 2>&1
	/usr/bin/python3 "$top/tests/bench/history.py" proxies \
	    "$pvbot" "$w/hv.conf" "$w/hv.db"
else
	echo "bench-history: no linux-hyperv archive at $hv; proxies skipped"
fi
