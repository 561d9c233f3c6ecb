#!/bin/sh
# The quick-start demo: build pvbot and run its main job on the bundled
# sample xen-devel archive, into the default SQLite file demo/pvbot.db;
# then commit one of the sample's series to a git repository made here
# (demo/linux) and let pvbot find the commits.  No network, no posting.
#
# PVBOT=path uses that pvbot as built (nothing installed or built, and no
# manual shown), and DEMO_DIR=dir works there instead of demo/ (the test
# suite does both).
set -eu
case ${PVBOT:-/} in
/*)	;;
*)	PVBOT=$(cd "$(dirname "$PVBOT")" && pwd)/$(basename "$PVBOT") ;;
esac
cd "$(dirname "$0")/.."
top=$(pwd)
built=
if [ -z "${PVBOT:-}" ]; then
	sh contrib/install-deps.sh
	[ -x configure ] || autoreconf -fi >/dev/null 2>&1
	# Out of the source tree, so that contrib/test.sh (which builds
	# its own variants out of tree too) still works in this clone.
	mkdir -p _build/demo
	(cd _build/demo && { [ -f Makefile ] || ../../configure >/dev/null; } &&
	    make -s -j2 pvbot >/dev/null)
	PVBOT=$top/_build/demo/pvbot
	built=yes
fi
demo=${DEMO_DIR:-$top/demo}
mkdir -p "$demo"
cd "$demo"
rm -f pvbot.db pvbot.db-wal pvbot.db-shm
# A demo config: the sample's own MAINTAINERS, xen-devel open for
# (dry-run) summaries.  The rules, policy, protocols and templates are
# the built-in copies of etc/ (nothing is installed).
cat >pvbot.conf <<CONF
maintainers $top/contrib/sample/MAINTAINERS
bot-address pvbot@lists.example.org
archive-url https://lore.kernel.org/xen-devel/
list xen-devel
	list-id xen-devel.lists.xenproject.org
	address xen-devel@lists.xenproject.org
	post yes
	rollup weekly
CONF
pv() { "$PVBOT" -c pvbot.conf "$@"; }
echo "== pvbot import contrib/sample/xen-devel.mbox"
pv import "$top/contrib/sample/xen-devel.mbox"
echo
echo "== pvbot threads"
pv threads
echo
echo "== pvbot series"
pv series
# The sample's story ends on 2026-11-24; look at it from the day after.
now=2026-11-25T12:00:00Z
echo
echo "== pvbot status --now $now   (what needs someone's action)"
pv status --now $now
echo
echo "== pvbot status --now $now --all --protocol pvcalls   (every version)"
pv status --now $now --all --protocol pvcalls
echo
echo "== pvbot status --now $now --verdict consensus,committed"
pv status --now $now --verdict consensus,committed
echo
echo "== pvbot status --now $now --verdict needs-review,changes-requested"
echo "   (Xen's check-in policy: silence is not consent; an agreed change owes a new version)"
pv status --now $now --verdict needs-review,changes-requested
echo
echo "== pvbot show --now $now 20261028110327.5512-1-oliver.brennan@example.com"
echo "   (one thread, its verdict and what it rests on)"
pv show --now $now 20261028110327.5512-1-oliver.brennan@example.com
echo
echo "== pvbot threads --author priya   (filters work on threads and series too)"
pv threads --author priya
echo
echo "== pvbot protocols --now $now   (stages as Xen's SUPPORT.md gives them)"
pv protocols --now $now
echo
echo "== pvbot summary --now $now   (dry run: the replies and the weekly roll-up pvbot would post)"
pv summary --now $now
echo "== pvbot remind --now $now    (dry run: the Czar's reminder)"
pv remind --now $now

# Then the commits: a git repository made here (contrib/demo-git.sh).
. "$top/contrib/demo-git.sh"

# The manual, when the demo built pvbot here.
[ -n "$built" ] || exit 0
echo
echo "== the manual, installed under demo/man: man -M demo/man pvbot"
cd "$top/_build/demo"
make -s install-man mandir="$demo/man" >/dev/null
MANWIDTH=80 man -M "$demo/man" pvbot 2>/dev/null | sed -n '/^SYNOPSIS/,/^DESCRIPTION/p' |
    sed '$d'
echo "Every command's options: man -M demo/man pvbot, or pvbot COMMAND --help."
echo "Every configuration keyword: man -M demo/man pvbot.conf."
