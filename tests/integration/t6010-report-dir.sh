#!/bin/sh
# pvbot report --html DIR when someone else has planted things in DIR: a
# symbolic link where a temporary file or p/ will be, or DIR open to all.
# Nothing is written through a link; a directory others may write in is
# refused.
. "$TOP_SRCDIR/tests/lib.sh"
. "$TOP_SRCDIR/tests/lib-live.sh"

now=2026-11-25T12:00:00Z
live_conf
pv() { "$PVBOT" -c "$CONF" -d "$DB" "$@"; }
check "import the sample" pv import "$TOP_SRCDIR/contrib/sample/xen-devel.mbox"
report() { pv report --html "$1" --now "$now" >"$W/out" 2>"$W/err"; }
echo precious >"$W/victim"

# The temporaries: the old report wrote DIR/feed.atom.tmp through a link.
mkdir -m 755 "$W/site"
ln -s "$W/victim" "$W/site/feed.atom.tmp"
ln -s "$W/victim" "$W/site/index.html.tmp"
ln -s "$W/victim" "$W/site/index.html"
report "$W/site"
is "links planted beside the files: the report is written" "$?" 0
is "the linked file is untouched" "$(cat "$W/victim")" precious
check "feed.atom is a file of its own" test -f "$W/site/feed.atom" -a \
    ! -L "$W/site/feed.atom"
check "index.html replaced the link to the victim" test -f \
    "$W/site/index.html" -a ! -L "$W/site/index.html"
is "no temporary file is left" "$(ls -A "$W/site" | grep -c '^\.')" 0

# p/ as a link to somewhere else: refused, nothing written there.
mkdir -m 755 "$W/site2" "$W/elsewhere"
ln -s "$W/elsewhere" "$W/site2/p"
report "$W/site2"
is "p/ as a link: refused" "$?" 1
like "p/ as a link: says why" "$(cat "$W/err")" \
    "^pvbot: report: $W/site2/p: not a directory \(a symbolic link is not followed\)$"
is "p/ as a link: nothing written where it points" "$(ls -A "$W/elsewhere" | wc -l | tr -d ' ')" 0

# A directory anyone may write in: refused.
mkdir -m 777 "$W/open"
report "$W/open"
is "a directory others may write in: refused" "$?" 1
like "a directory others may write in: says why" "$(cat "$W/err")" \
    "^pvbot: report: $W/open: others may write in it: refused"
is "a directory others may write in: nothing written" \
    "$(ls -A "$W/open" | wc -l | tr -d ' ')" 0
plan_end
