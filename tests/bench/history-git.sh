#!/bin/sh
# make bench-history, git part: ../shared/corpus/xenhist-dev with the real
# xen.git as a git source (Xen's MAINTAINERS, list xen-devel, branches
# staging and master): every version xen.git shows committed must be
# committed from its commit date on, with the right commit ids, and no
# other (tests/bench/history-git.py says how the truth is made from git
# alone).  The repository is PVBOT_BENCH_XEN_GIT; without it, skipped.
# Prints what it finds; exits 1 when a version is wrong.
set -eu
top=${TOP_SRCDIR:-$(cd "$(dirname "$0")/../.." && pwd)}
build=${TOP_BUILDDIR:-.}
pvbot=${PVBOT:-$build/pvbot}
shared=${PVBOT_SHARED:-$top/../shared}
[ -d "$shared" ] || shared=/work/shared
py=/usr/bin/python3; [ -x "$py" ] || py=python3
xen=${PVBOT_BENCH_XEN_GIT:-}
dev=$shared/corpus/xenhist-dev
mt=$shared/data/xen/MAINTAINERS
if [ -z "$xen" ] || [ ! -d "$xen" ]; then
	echo "== xenhist-dev with xen.git: skipped (set PVBOT_BENCH_XEN_GIT to a clone of xen.git)"
	exit 0
fi
for f in "$dev/xenhist-dev.mbox" "$dev/raw" "$mt"; do
	[ -e "$f" ] || { echo "== xenhist-dev with xen.git: skipped ($f missing)"; exit 0; }
done
command -v git >/dev/null || { echo "== xenhist-dev with xen.git: skipped (no git)"; exit 0; }
w=$(mktemp -d "${TMPDIR:-/tmp}/pvbot-history-git.XXXXXX")
trap 'rm -rf "$w"' EXIT

echo "== xenhist-dev with xen.git: committed from the code"
# A clone sharing xen.git's objects: nothing is written to the operator's.
git clone -q --bare --shared "$xen" "$w/xen.git"
cat >"$w/pvbot.conf" <<CONF
database $w/pvbot.db
rules $top/etc/pvbot/rules.conf
policy $top/etc/pvbot/policy.conf
protocols $top/etc/pvbot/protocols.conf
templates $top/etc/pvbot/templates
maintainers $mt
list xen-devel
	list-id xen-devel.lists.xenproject.org
source xen
	repository $w/xen.git
	branches staging master
	lists xen-devel
	batch 5000
	commit-url https://xenbits.xen.org/gitweb/?p=xen.git;a=commit;h=%s
CONF
"$pvbot" -c "$w/pvbot.conf" init >/dev/null
"$pvbot" -c "$w/pvbot.conf" import --quiet --list xen-devel \
    "$dev/xenhist-dev.mbox" >/dev/null
"$pvbot" -c "$w/pvbot.conf" poll --once | sed 's/^/poll: /'
"$py" "$top/tests/bench/history-git.py" "$w/xen.git" "$dev/raw" "$pvbot" \
    "$w/pvbot.conf" staging master
