#!/bin/sh
# Protocol stages (issue 18, item 6): a database starts from the stages
# Xen's SUPPORT.md gives, shipped in protocols.conf, seeded once with
# their date; import-support reads a newer SUPPORT.md; promote from
# design straight to production needs --force; a change that touches
# protocols in passing (tree-wide) proposes nothing for them.
. "$TOP_SRCDIR/tests/lib.sh"

command -v sqlite3 >/dev/null 2>&1 || require "sqlite3 (for json_query)"

E=$TOP_SRCDIR/etc
SAMPLE=$TOP_SRCDIR/contrib/sample
cat >"$W/pvbot.conf" <<CONF
rules $E/pvbot/rules.conf
policy $E/pvbot/policy.conf
protocols $E/pvbot/protocols.conf
templates $E/pvbot/templates
maintainers $SAMPLE/MAINTAINERS
list xen-devel
	list-id xen-devel.lists.xenproject.org
CONF
pv() { "$PVBOT" -c "$W/pvbot.conf" -d "$DB" "$@"; }
# stage NAME: "stage since" from protocols --json
stage() {
	pv protocols --json --now "${2:-2026-11-25T12:00:00Z}" >"$W/pr.json" \
		2>/dev/null
	json_query "$W/pr.json" "(SELECT json_extract(value, '\$.stage') ||
	    ' ' || coalesce(json_extract(value, '\$.since'), '-') || ' ' ||
	    json_extract(value, '\$.state') FROM json_each(j, '\$.protocols')
	    WHERE json_extract(value, '\$.name') = '$1')"
}

# A fresh database starts from the shipped stages, as of their date.
pv import "$SAMPLE/xen-devel.mbox" >/dev/null 2>&1
is "blkif: production since the stages' date" "$(stage blkif)" \
	"production 2026-07-28T00:00:00Z ok"
is "pvcalls: prototype (Tech Preview)" "$(stage pvcalls)" \
	"prototype 2026-07-28T00:00:00Z ok"
is "cameraif (not in SUPPORT.md): design, no date" "$(stage cameraif)" \
	"design - ok"
is "tpmif, quiet since: stalled 90 days after the date" \
	"$(stage tpmif 2026-11-25T12:00:00Z)" \
	"prototype 2026-07-28T00:00:00Z stalled"
is "tpmif: not stalled 30 days after it" "$(stage tpmif 2026-08-27)" \
	"prototype 2026-07-28T00:00:00Z ok"
is "the seed is no event (no feed entry, no mail)" \
	"$(sqlite3 "$DB" "SELECT count(*) FROM events WHERE kind = 'promotion'")" 0
like "status groups by the seeded stage" \
	"$(pv status --now 2026-11-25T12:00:00Z 2>/dev/null)" "^pvcalls"

# Seeded once: the Czar's decisions are never undone by it.
check "promote pvcalls to production (from prototype: no --force)" \
	pv promote pvcalls production "as agreed"
is "pvcalls: production" "$(stage pvcalls | cut -d' ' -f1)" production
is "still production after the next evaluation" \
	"$(stage pvcalls | cut -d' ' -f1)" production
is "one seed and one promotion in pvcalls' history" \
	"$(sqlite3 "$DB" "SELECT group_concat(by_email, ',') FROM
	  (SELECT by_email FROM protocol_history WHERE name = 'pvcalls'
	   ORDER BY rowid)")" "SUPPORT.md,root"

# A protocol whose stage was recorded before any evaluation is not seeded.
DB=$W/early.db
pv init >/dev/null
check "promote blkif before any evaluation" pv promote blkif prototype
is "blkif keeps the Czar's stage" "$(stage blkif | cut -d' ' -f1)" prototype

# From design straight to production: --force.
DB=$W/pvbot.db
pv promote cameraif production >"$W/out" 2>"$W/err"
is "design -> production without --force: exit 1" $? 1
like "it says why" "$(cat "$W/err")" \
	"cameraif is at design: production skips the prototype stage \(--force"
is "cameraif stays at design" "$(stage cameraif | cut -d' ' -f1)" design
check "promote --force does it" pv promote cameraif production --force
is "cameraif: production" "$(stage cameraif | cut -d' ' -f1)" production

# The same by mail, from the Czar: "force" as a third word.
gen_message "$W/m1" fsif1@x "Re: [PATCH] xen/blkfront: fix discard granularity" \
	"Mon, 23 Nov 2026 10:00:00 +0000" \
	"Greta Lindqvist <greta.lindqvist@example.org>" \
	20261005132109.40211-1-tariq.hussain@example.org \
	"pvbot: promote fsif production"
gen_message "$W/m2" fsif2@x "Re: [PATCH] xen/blkfront: fix discard granularity" \
	"Mon, 23 Nov 2026 11:00:00 +0000" \
	"Greta Lindqvist <greta.lindqvist@example.org>" \
	20261005132109.40211-1-tariq.hussain@example.org \
	"pvbot: promote libxenvchan production force"
mbox_append "$W/m.mbox" "$W/m1" "$W/m2"
pv import "$W/m.mbox" >/dev/null 2>"$W/err"
like "by mail without force: refused, logged" "$(cat "$W/err")" \
	"fsif is at design: production skips the prototype stage"
is "fsif stays at design" "$(stage fsif | cut -d' ' -f1)" design
is "with force: libxenvchan in production" \
	"$(stage libxenvchan | cut -d' ' -f1)" production

# SUPPORT.md: what import-support reads equals the shipped stages, and it
# sets pvcalls back to where SUPPORT.md puts it.
SUPPORT=$SHARED/data/xen/SUPPORT.md
if [ -f "$SUPPORT" ]; then
	pv protocols import-support "$SUPPORT" >"$W/out" 2>&1
	like "import-support: pvcalls changed back" "$(cat "$W/out")" \
		"^pvcalls +prototype +\(changed\)"
	DB=$W/support.db
	pv init >/dev/null
	pv protocols import-support "$SUPPORT" >/dev/null 2>&1
	pv protocols --json >"$W/a.json" 2>/dev/null
	DB=$W/seeded.db
	pv init >/dev/null
	pv protocols --json >"$W/b.json" 2>/dev/null
	stages() { json_query "$1" "(SELECT group_concat(json_extract(value,
	    '\$.name') || '=' || json_extract(value, '\$.stage'), ' ')
	    FROM json_each(j, '\$.protocols'))"; }
	is "the shipped stages are SUPPORT.md's" "$(stages "$W/b.json")" \
		"$(stages "$W/a.json")"
else
	[ -z "${PVBOT_TEST_REQUIRE_SHARED:-}" ] || ok 1 "$SUPPORT is missing"
fi

# In passing: a patch to four protocols' drivers, a "treewide:" subject,
# a large diff with one protocol file; and a small patch that is not.
# diff_body FILE...: a patch touching each file.
diff_body() {
	printf 'A change.\n\nSigned-off-by: Ann <ann@example.org>\n---\n'
	for f in "$@"; do
		printf 'diff --git a/%s b/%s\n--- a/%s\n+++ b/%s\n' "$f" "$f" \
		    "$f" "$f"
		printf '@@ -1,2 +1,3 @@\n a\n+b\n a\n'
	done
}
DB=$W/passing.db
n=0
post() { # SUBJECT FILE...
	n=$((n + 1)); subj=$1; shift
	gen_message "$W/p$n" "p$n@x" "$subj" "Mon, 2 Nov 2026 10:0$n:00 +0000" \
		"Ann <ann@example.org>" "" "$(diff_body "$@")"
	mbox_append "$W/passing.mbox" "$W/p$n"
}
post "[PATCH] xen: make remove callbacks return void" \
	drivers/block/xen-blkfront.c drivers/net/xen-netfront.c \
	drivers/input/misc/xen-kbdfront.c drivers/pci/xen-pcifront.c
post "[PATCH] treewide: rename a helper" drivers/net/xen-netfront.c
others=""
for i in 1 2 3 4 5 6 7 8 9 10 11; do others="$others drivers/net/eth$i.c"; done
# shellcheck disable=SC2086
post "[PATCH] net: convert to the new API" drivers/net/xen-netfront.c $others
post "[PATCH] xen/blkfront: fix a leak" drivers/block/xen-blkfront.c \
	drivers/block/xen-blkback/blkback.c include/linux/blk.h
pv import "$W/passing.mbox" >/dev/null 2>&1
bound() { sqlite3 "$DB" "SELECT coalesce(group_concat(tp.protocol, ' '), '-')
	FROM thread_protocols tp JOIN messages m ON m.thread = tp.thread
	WHERE m.message_id = '$1'"; }
is "four protocols' drivers at once: bound to none" "$(bound p1@x)" -
is "a treewide subject: bound to none" "$(bound p2@x)" -
is "one file of twelve: not that protocol's" "$(bound p3@x)" -
is "a patch for a protocol: bound to it" "$(bound p4@x)" blkif
plan_end
