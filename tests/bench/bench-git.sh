#!/bin/sh
# make bench, git part: the real xen.git polled into a database holding
# the linux-hyperv archive and the xen-devel episodes of shared/corpus:
# the first poll and an incremental poll of one new commit, each with its
# time, peak RSS and the patch-ids it computed; and how many of the newest
# commits' patch-ids equal git's.  The repository is
# PVBOT_BENCH_XEN_GIT (a clone, bare or not, with staging and master);
# without it this part skips.  Nothing is fetched from the network.
set -eu
top=${TOP_SRCDIR:-$(cd "$(dirname "$0")/../.." && pwd)}
build=${TOP_BUILDDIR:-.}
pvbot=${PVBOT:-$build/pvbot}
shared=${PVBOT_SHARED:-$top/../shared}
[ -d "$shared" ] || shared=/work/shared
xen=${PVBOT_BENCH_XEN_GIT:-}
hyperv=$shared/corpus/lore/linux-hyperv.mbox.gz
episodes=$shared/corpus/xenhist-dev/xenhist-dev.mbox
if [ -z "$xen" ] || [ ! -d "$xen" ]; then
	echo "bench-git: skipped (set PVBOT_BENCH_XEN_GIT to a clone of xen.git)"
	exit 0
fi
for f in "$hyperv" "$episodes"; do
	[ -f "$f" ] || { echo "bench-git: skipped ($f missing)"; exit 0; }
done
for t in git sqlite3; do
	command -v $t >/dev/null || { echo "bench-git: skipped (no $t)"; exit 0; }
done
w=$(mktemp -d "${TMPDIR:-/tmp}/pvbot-bench-git.XXXXXX")
trap 'rm -rf "$w"' EXIT

# A clone sharing xen.git's objects: the new commit goes there, not into
# the operator's repository.
git clone -q --bare --shared "$xen" "$w/xen.git"
cat >"$w/pvbot.conf" <<CONF
database $w/pvbot.db
rules $top/etc/pvbot/rules.conf
policy $top/etc/pvbot/policy.conf
protocols $top/etc/pvbot/protocols.conf
templates $top/etc/pvbot/templates
source xen
	repository $w/xen.git
	branches staging master
	lists xen-devel
	batch 5000
CONF
pv() { "$pvbot" -c "$w/pvbot.conf" "$@"; }
pv init >/dev/null
pv import --quiet --list linux-hyperv "$hyperv" >/dev/null
pv import --quiet --list xen-devel "$episodes" >/dev/null

measure() {	# name: one poll, its summary line, time and peak RSS
	/usr/bin/time -f '%e %U %M' -o "$w/time" "$pvbot" -c "$w/pvbot.conf" \
	    poll --once >"$w/out" 2>"$w/err" || { cat "$w/err"; exit 1; }
	read -r s u m <"$w/time"
	printf '%-22s %7.2f s  %7.2f s user  peak RSS %6.1f MiB\n' "$1" "$s" \
	    "$u" "$(echo "$m / 1024" | bc -l)"
	sed 's/^/    /' "$w/out"
}
echo "bench-git: $(git --git-dir="$w/xen.git" rev-list --count staging) commits on staging; 26,431 + 62 messages stored"
measure "first poll"

# Agreement with git: the newest BENCH_PATCHID_N (3,000) commits' patch-ids
# against git show --full-index | git patch-id --stable.
n=${BENCH_PATCHID_N:-3000}
git --git-dir="$w/xen.git" rev-list --no-merges -n "$n" staging >"$w/recent"
git --git-dir="$w/xen.git" show --full-index --format='commit %H' \
    $(cat "$w/recent") | git patch-id --stable | sort -k2 >"$w/git.pid"
sqlite3 "$w/pvbot.db" "SELECT patch_id || ' ' || oid FROM commits
    WHERE patch_id IS NOT NULL" | sort -k2 >"$w/pvbot.pid"
join -1 2 -2 2 "$w/git.pid" "$w/pvbot.pid" >"$w/both"
echo "patch-ids of the $n newest commits on staging: $(awk '$2 == $3' \
    "$w/both" | wc -l) of $(wc -l <"$w/git.pid") as git patch-id --stable" \
    "($(wc -l <"$w/both") computed by pvbot)"
awk '$2 != $3 { print "    differs: " $1 }' "$w/both" | head -20

# One new commit on staging, changing a file, made with plumbing.
export GIT_DIR="$w/xen.git" GIT_INDEX_FILE="$w/index"
export GIT_AUTHOR_NAME=Bench GIT_AUTHOR_EMAIL=bench@example.org
export GIT_COMMITTER_NAME=Bench GIT_COMMITTER_EMAIL=bench@example.org
git read-tree staging
blob=$( (git cat-file blob staging:README; echo "bench") | git hash-object -w --stdin)
git update-index --cacheinfo 100644 "$blob" README
c=$(echo "bench: one new commit" | git commit-tree "$(git write-tree)" -p staging)
git update-ref refs/heads/staging "$c"
unset GIT_DIR GIT_INDEX_FILE
measure "incremental poll"
measure "poll, nothing new"
