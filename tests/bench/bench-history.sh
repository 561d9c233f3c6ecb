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
	# The same points with the real xen.git as a git source (issue 17):
	# the points that want "committed" after a commit no mail announced.
	xen=${PVBOT_BENCH_XEN_GIT:-}
	if [ -n "$xen" ] && [ -d "$xen" ] && command -v git >/dev/null; then
		echo "== the same points with $xen as a git source"
		git clone -q --bare --shared "$xen" "$w/xen.git"
		cat >"$w/git.conf" <<CONF
maintainers $shared/data/xen/MAINTAINERS
list xen-devel
	list-id xen-devel.lists.xenproject.org
source xen
	repository $w/xen.git
	branches staging master
	lists xen-devel
	batch 5000
CONF
		"$pvbot" -c "$w/git.conf" -d "$w/git.db" import --quiet \
		    --list xen-devel "$dev/xenhist-dev.mbox" >/dev/null 2>&1
		"$pvbot" -c "$w/git.conf" -d "$w/git.db" poll --once |
		    sed 's/^/poll: /'
		/usr/bin/python3 "$top/tests/bench/history.py" points-git \
		    "$pvbot" "$w/git.conf" "$w/git.db" "$dev/expect.json" \
		    "$w/xen.git" "$dev/raw" staging master
		TOP_SRCDIR=$top PVBOT=$pvbot sh "$top/tests/bench/history-git.sh"
	else
		echo "(PVBOT_BENCH_XEN_GIT unset: the points that want" \
		    "\"committed\" from a commit no mail announced wait for it)"
	fi
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
