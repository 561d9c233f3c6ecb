#!/bin/sh
# The README's quick-start demo (contrib/demo.sh), run with the pvbot
# under test in a scratch directory: the sample's verdicts, then the git
# repository it makes, pvcalls v2 applied with git am, the commits pvbot
# matched to its three patches, and the series committed with their ids.
# A second run gives the same output.
. "$TOP_SRCDIR/tests/lib.sh"

command -v git >/dev/null || skip_all "git missing"

demo() { PVBOT=$PVBOT DEMO_DIR=$W/demo sh "$TOP_SRCDIR/contrib/demo.sh"; }
demo >"$W/out" 2>"$W/err"
is "the demo exits 0" "$?" 0
is "and no error or warning on stderr" \
    "$(grep -ci 'error\|fatal\|warning' "$W/err")" 0
out=$(cat "$W/out")
like "before the commits, pvcalls v2 reached consensus" "$out" \
    "^  consensus +v2 \[PATCH v2 0/3\] pvcalls: add UDP socket support"

# The repository the demo made: a base and the three patches.
g() { git -C "$W/demo/linux" "$@"; }
is "git am applied the three patches onto the base" \
    "$(g log --format='%an|%cn|%cI|%s' -4)" \
    "Priya Raman|Arjun Mehta|2026-11-19T10:00:00+00:00|xen/pvcalls-back: support SOCK_DGRAM sockets
Priya Raman|Arjun Mehta|2026-11-19T10:00:00+00:00|xen/pvcalls-front: support SOCK_DGRAM sockets
Priya Raman|Arjun Mehta|2026-11-19T10:00:00+00:00|xen/pvcalls: define datagram framing and feature-dgram
Arjun Mehta|Arjun Mehta|2026-10-01T09:00:00+00:00|Base for the pvbot demo"
s1=$(g rev-parse --short=12 HEAD~2); s2=$(g rev-parse --short=12 HEAD~1)
s3=$(g rev-parse --short=12 HEAD)

like "the poll reads the four commits and matches three" "$out" \
    "^linux: 4 commits read \(4 new\), 3 patch-ids computed, [0-9]+ patches read, 3 matched$"
# commit_line SHORT HOW SUBJECT-START, then its patch's Message-ID.
after() { printf '%s\n' "$out" | grep -A1 "^$1 "; }
like "1/3 is matched to its commit by patch-id" "$(after "$s1")" \
    "^$s1 2026-11-19 master +patch-id +v2 xen/pvcalls: define"
like "  the patch named is 1/3" "$(after "$s1")" \
    "patch <20261110043242\.8830-2-priya\.raman@example\.net>"
like "2/3 by author and subject" "$(after "$s2")" \
    "^$s2 2026-11-19 master +subject +v2 xen/pvcalls-front"
like "  the patch named is 2/3" "$(after "$s2")" \
    "patch <20261110043243\.8830-3-priya\.raman@example\.net>"
like "3/3 by author and subject" "$(after "$s3")" \
    "^$s3 2026-11-19 master +subject +v2 xen/pvcalls-back"
like "  the patch named is 3/3" "$(after "$s3")" \
    "patch <20261110043244\.8830-4-priya\.raman@example\.net>"
like "status: v2 committed, naming each patch's commit" \
    "$(printf '%s\n' "$out" | sed -n '/(v2 is committed)$/,$p' | tr -s ' \n' ' ')" \
    "committed v2 \[PATCH v2 0/3\] pvcalls: add UDP socket support committed 2026-11-19 as $s1 $s2 $s3 1/3 $s1 on master, 2026-11-19 \(matched by patch-id\) 2/3 $s2 on master, 2026-11-19 \(matched by subject\) 3/3 $s3 on master, 2026-11-19 \(matched by subject\) superseded v1"

like "the demo shows a change that needs review" "$(cat "$W/out")" \
    "^  needs-review    v1 \[PATCH\] 9pfs: xen transport: fix ring index wrap"
like "and one with changes requested" "$(cat "$W/out")" \
    "^  changes-requested v1 \[RFC PATCH 0/2\] displif: add EDID passthrough"
like "show gives a thread's verdict and evidence" "$(cat "$W/out")" \
    "approval missing: 9PFS \(M: Kofi Mensah"
demo >"$W/out2" 2>"$W/err2"
check "a second run gives the same output" cmp "$W/out" "$W/out2"
plan_end
