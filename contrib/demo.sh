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
# The sample's own MAINTAINERS names who may ack, veto and apply.
sed 's|^#maintainers .*|maintainers ../contrib/sample/MAINTAINERS|' \
    ../etc/pvbot.conf >pvbot.conf
sed -i 's|^rules pvbot/|rules ../etc/pvbot/|; s|^policy pvbot/|policy ../etc/pvbot/|; s|^protocols pvbot/|protocols ../etc/pvbot/|; s|^templates pvbot/|templates ../etc/pvbot/|' pvbot.conf
pv() { ../pvbot -c pvbot.conf "$@"; }
echo "== pvbot import ../contrib/sample/xen-devel.mbox"
pv import ../contrib/sample/xen-devel.mbox
echo
echo "== pvbot threads"
pv threads
echo
echo "== pvbot series"
pv series
# The sample's story ends on 2026-11-24; look at it from the day after.
now=2026-11-25T12:00:00Z
echo
echo "== pvbot status --now $now"
pv status --now $now
echo
echo "== pvbot protocols --now $now"
pv protocols --now $now
