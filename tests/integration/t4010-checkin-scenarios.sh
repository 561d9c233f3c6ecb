#!/bin/sh
# Xen's check-in policy end to end (design.md §5 A, issue 15): small
# archives, each a timeline, read as xen-devel mail; the verdict, its
# reason and evidence at chosen times.  The rules' unit tests are
# tests/unit/t-checkin.c; these go through import, classify and status.
. "$TOP_SRCDIR/tests/lib.sh"

command -v sqlite3 >/dev/null 2>&1 || require "sqlite3 (for json_query)"

cat >"$W/MAINTAINERS" <<'EOF2'
	Unstable Subsystem Maintainers
	==============================

PUBLIC I/O INTERFACES AND PV DRIVERS DESIGNS
M:	Carla Czar <carla.czar@example.org>
S:	Supported
F:	docs/designs/
F:	xen/include/public/io/

TOOLSTACK
M:	Tom Tools <tom.tools@example.com>
S:	Supported
F:	tools/

THE REST
M:	Rex Committer <rex.committer@example.org>
S:	Supported
F:	*
F:	*/
EOF2
printf 'maintainers %s\n' "$W/MAINTAINERS" >"$W/pvbot.conf"
pv() { "$PVBOT" -c "$W/pvbot.conf" -d "$DB" "$@"; }

ALICE="Alice Author <alice@example.org>"
BOB="Bob Reviewer <bob@example.net>"
CARLA="Carla Czar <carla.czar@example.org>"
TOM="Tom Tools <tom.tools@example.com>"
HDR=xen/include/public/io/pvcalls.h
TOOL=tools/libs/light/libxl_pvcalls.c

scenario() { S=$1; DB=$W/$S.db; MB=$W/$S.mbox; M=$W/$S; mkdir -p "$M"; : >"$MB"; }
msg() { gen_message "$M/$1" "$1" "$2" "$3" "$4" "$5" "$6"; mbox_append "$MB" "$M/$1"; }
patch_body() {
	printf '%s\n\nSigned-off-by: %s\n---\n' "${3:-Fix the ring.}" "${2:-$ALICE}"
	for f in $1; do
		printf 'diff --git a/%s b/%s\n--- a/%s\n+++ b/%s\n' "$f" "$f" "$f" "$f"
		printf '@@ -1,3 +1,4 @@\n ctx\n+new line\n ctx\n ctx\n'
	done
}
load() { pv import --list xen-devel "$MB" >"$W/import.out" 2>&1 ||
	sed 's/^/# import: /' "$W/import.out"; }
at() { pv status --json --all --now "$1" >"$W/st.json" 2>"$W/st.err"; }
get() {
	json_query "$W/st.json" "(SELECT json_extract(value, '\$.$2')
	    FROM json_each(j, '\$.proposals')
	    WHERE json_extract(value, '\$.root') = '$1'
	    AND json_extract(value, '\$.version') = ${3:-1})"
}
vd() { get "$1" verdict "${2:-1}"; }

MON="Mon, 2 Nov 2026 10:00:00 +0000"

# 1. Two sections touched: each needs its own maintainer's approval.
scenario sections
msg p@c1 "[PATCH] pvcalls: add a flag" "$MON" "$ALICE" "" \
	"$(patch_body "$HDR $TOOL")"
msg c@c1 "Re: [PATCH] pvcalls: add a flag" "Tue, 3 Nov 2026 10:00:00 +0000" \
	"$CARLA" p@c1 "Reviewed-by: Carla Czar <carla.czar@example.org>"
msg t@c1 "Re: [PATCH] pvcalls: add a flag" "Thu, 12 Nov 2026 10:00:00 +0000" \
	"Tom Tools <tom@new-employer.example>" p@c1 \
	"Acked-by: Tom Tools <tom@new-employer.example>"
load
at 2026-11-04T10:00:00Z
is "sections: waiting in the window" "$(vd p@c1)" waiting
at 2026-11-10T10:00:00Z
is "sections: the header's M: does not cover the tools" "$(vd p@c1)" \
	needs-review
like "sections: it names the tools' maintainer" "$(get p@c1 reason)" \
	"approval needed from TOOLSTACK: Tom Tools"
is "sections: the approval, M: of the header's section" \
	"$(get p@c1 'evidence.approvals[0].maintainer_of')" \
	"PUBLIC I/O INTERFACES AND PV DRIVERS DESIGNS"
at 2026-11-12T12:00:00Z
is "sections: the tools' M: acks (from another address): consensus" \
	"$(vd p@c1)" consensus
is "sections: the window and reply time applied" \
	"$(get p@c1 evidence.window) $(get p@c1 evidence.responsive) $(get p@c1 evidence.rules)" \
	"7d 14d check-in"

# 2. A change asked and agreed to: a new version is owed, until it comes.
scenario changes
msg p@c2 "[PATCH] pvcalls: add a flag" "$MON" "$ALICE" "" \
	"$(patch_body $HDR)"
msg c@c2 "Re: [PATCH] pvcalls: add a flag" "Tue, 3 Nov 2026 10:00:00 +0000" \
	"$CARLA" p@c2 "> +new line

Please rename the flag to XEN_PVCALLS_FLAG, the public headers use the
XEN_ prefix for new names.

Reviewed-by: Carla Czar <carla.czar@example.org>"
msg a@c2 "Re: [PATCH] pvcalls: add a flag" "Tue, 3 Nov 2026 12:00:00 +0000" \
	"$ALICE" c@c2 "> Please rename the flag to XEN_PVCALLS_FLAG

Good point, will do in v2."
msg p2@c2 "[PATCH v2] pvcalls: add a flag" "Mon, 16 Nov 2026 10:00:00 +0000" \
	"$ALICE" "" "$(patch_body $HDR "$ALICE" "Add XEN_PVCALLS_FLAG.")"
load
at 2026-11-03T11:00:00Z
is "changes: before the author answers, waiting" "$(vd p@c2)" waiting
at 2026-11-10T10:00:00Z
is "changes: the author agreed: changes-requested" "$(vd p@c2)" \
	changes-requested
like "changes: who asked, when the author agreed" "$(get p@c2 reason)" \
	"^Carla Czar asked for changes on 2026-11-03; the author agreed on 2026-11-03"
is "changes: the point's evidence" \
	"$(get p@c2 'evidence.points[0].state') $(get p@c2 'evidence.points[0].answered')" \
	"accepted 2026-11-03T12:00:00Z"
at 2026-11-16T12:00:00Z
is "changes: v1 superseded by v2" "$(vd p@c2)" superseded
is "changes: v2 waits in its own window" "$(vd p2@c2 2)" waiting
at 2026-11-24T10:00:00Z
is "changes: v2 carries the maintainer's review of v1" "$(vd p2@c2 2)" \
	consensus
is "changes: ... marked as given on an earlier version" \
	"$(get p2@c2 'evidence.approvals[0].earlier_version' 2)" 1

# 3. Later mail reopens a consensus, and says since when.
scenario reopen
msg p@c3 "[PATCH] pvcalls: add a flag" "$MON" "$ALICE" "" \
	"$(patch_body $HDR)"
msg c@c3 "Re: [PATCH] pvcalls: add a flag" "Tue, 3 Nov 2026 10:00:00 +0000" \
	"$CARLA" p@c3 "Acked-by: Carla Czar <carla.czar@example.org>"
msg b@c3 "Re: [PATCH] pvcalls: add a flag" "Wed, 11 Nov 2026 10:00:00 +0000" \
	"$BOB" p@c3 "NAK.  This breaks every existing frontend: the flag's bit is
already used by the Linux driver."
load
at 2026-11-10T10:00:00Z
is "reopen: consensus before the objection" "$(vd p@c3)" consensus
at 2026-11-12T10:00:00Z
is "reopen: the objection turns it back" "$(vd p@c3)" objected
like "reopen: since when" "$(get p@c3 reason)" \
	"reopened: it was consensus from 2026-11-09 until the mail of 2026-11-11T10:00:00Z"
is "reopen: in the evidence" "$(get p@c3 evidence.reopened.until)" \
	"2026-11-11T10:00:00Z"

# 4. A series: each patch by its own files' maintainers.  (2/2 is a
# tools patch: the header's maintainer's ack does not cover it.)
scenario patches
msg c0@c4 "[PATCH 0/2] pvcalls: a flag" "$MON" "$ALICE" "" "A flag, and its use."
msg c1@c4 "[PATCH 1/2] pvcalls: add a flag" "$MON" "$ALICE" c0@c4 \
	"$(patch_body $HDR)"
msg c2@c4 "[PATCH 2/2] libxl: use the flag" "$MON" "$ALICE" c0@c4 \
	"$(patch_body $TOOL)"
msg r1@c4 "Re: [PATCH 1/2] pvcalls: add a flag" "Tue, 3 Nov 2026 10:00:00 +0000" \
	"$CARLA" c1@c4 "Acked-by: Carla Czar <carla.czar@example.org>"
load
at 2026-11-10T10:00:00Z
is "patches: the series needs review" "$(vd c0@c4)" needs-review
like "patches: the series summarises its patches" "$(get c0@c4 reason)" \
	"TOOLSTACK: Tom Tools; 1 of 2 patches at consensus\$"
is "patches: each patch, its verdict" \
	"$(get c0@c4 'patches[0].part')/$(get c0@c4 'patches[0].total') $(get c0@c4 'patches[0].verdict') $(get c0@c4 'patches[1].part')/$(get c0@c4 'patches[1].total') $(get c0@c4 'patches[1].verdict')" \
	"1/2 consensus 2/2 needs-review"
is "patches: by Message-ID, without <>" "$(get c0@c4 'patches[1].message_id')" \
	c2@c4

# 5. An explicit lazy-consensus call keeps the tally: silence passes.
scenario lazy
msg d@c5 "[DESIGN] pvcalls: datagram sockets" "$MON" "$ALICE" "" \
"I propose datagram sockets for PV Calls.  This is a call for lazy
consensus: if there are no objections within the next 7 days, the design
is agreed."
load
at 2026-11-10T10:00:00Z
is "lazy: silence passes a lazy-consensus call" "$(vd d@c5)" consensus
is "lazy: the tally's rules" "$(get d@c5 evidence.rules)" lazy-consensus

# 6. An operator may decide changes by the tally, for a list.
scenario operator
msg p@c6 "[PATCH] pvcalls: add a flag" "$MON" "$ALICE" "" "$(patch_body $HDR)"
load
at 2026-11-10T10:00:00Z
is "operator: by default silence needs review" "$(vd p@c6)" needs-review
printf 'list xen-devel\n\tchanges lazy-consensus\n' >"$W/lazy.conf"
cp "$W/pvbot.conf" "$W/pvbot.conf.orig"
echo "policy $W/lazy.conf" >>"$W/pvbot.conf"
at 2026-11-10T10:00:00Z
is "operator: 'changes lazy-consensus' for the list: consensus" \
	"$(vd p@c6)" consensus
cp "$W/pvbot.conf.orig" "$W/pvbot.conf"

# 7. "# area" suffixes limit an ack to the touched sections the area names
# (design §5 A.1): by a word of a section's title, F: patterns or touched
# paths.  An area naming none of them counts for nothing.
scenario area
msg p@c7 "[PATCH] pvcalls: add a flag" "$MON" "$ALICE" "" \
	"$(patch_body "$HDR $TOOL")"
msg c@c7 "Re: [PATCH] pvcalls: add a flag" "Tue, 3 Nov 2026 10:00:00 +0000" \
	"$CARLA" p@c7 "Acked-by: Carla Czar <carla.czar@example.org> # x86"
msg t@c7 "Re: [PATCH] pvcalls: add a flag" "Wed, 4 Nov 2026 10:00:00 +0000" \
	"$TOM" p@c7 "Acked-by: Tom Tools <tom.tools@example.com> # for the tools side"
msg c2@c7 "Re: [PATCH] pvcalls: add a flag" "Wed, 11 Nov 2026 10:00:00 +0000" \
	"$CARLA" p@c7 "Acked-by: Carla Czar <carla.czar@example.org> # for the pvcalls header"
load
at 2026-11-10T10:00:00Z
is "area: an ack limited to no touched section leaves it needing review" \
	"$(vd p@c7)" needs-review
like "area: ... which the reason says" "$(get p@c7 reason)" \
	"approval needed from PUBLIC I/O INTERFACES AND PV DRIVERS DESIGNS: Carla Czar; Carla Czar's ack is limited to 'x86', which names none of the touched sections"
is "area: the evidence shows the area, and that it does not count" \
	"$(get p@c7 'evidence.approvals[0].area') $(get p@c7 'evidence.approvals[0].counts')" \
	"x86 0"
is "area: 'for the tools side' names TOOLSTACK" \
	"$(get p@c7 'evidence.approvals[1].maintainer_of') $(get p@c7 'evidence.approvals[1].counts')" \
	"TOOLSTACK 1"
# The text status, its wrapped lines joined.
pv status --now 2026-11-10T10:00:00Z 2>&1 | tr '\n' ' ' | tr -s ' ' >"$W/st.txt"
like "area: the text status says it too" "$(cat "$W/st.txt")" \
	"not counted: Carla Czar, 2026-11-03: ack limited to 'x86', which names none of the touched sections"
like "area: ... and the area of an approval that counts" "$(cat "$W/st.txt")" \
	"approved: Tom Tools \\(M: TOOLSTACK\\), limited to 'for the tools side', 2026-11-04"
at 2026-11-12T10:00:00Z
is "area: an ack naming the header's section (its path's word): consensus" \
	"$(vd p@c7)" consensus

plan_end
