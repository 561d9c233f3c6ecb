#!/bin/sh
# The quick-start demo: build pvbot and run its main job on the bundled
# sample xen-devel archive, into the default SQLite file demo/pvbot.db.
# No network, no posting.
set -eu
cd "$(dirname "$0")/.."
sh contrib/install-deps.sh
[ -x configure ] || autoreconf -fi >/dev/null 2>&1
[ -f Makefile ] || ./configure >/dev/null
make -s -j2 pvbot >/dev/null
mkdir -p demo
cd demo
rm -f pvbot.db pvbot.db-wal pvbot.db-shm
pv() { ../pvbot -c ../etc/pvbot.conf "$@"; }
echo "== pvbot import ../contrib/sample/xen-devel.mbox"
pv import ../contrib/sample/xen-devel.mbox
echo
echo "== pvbot threads"
pv threads
echo
echo "== pvbot series"
pv series
