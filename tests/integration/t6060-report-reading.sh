#!/bin/sh
# Reading the dashboard and the mails (issue 18, items 7, 8 and 12): every
# place that shows a tally marks what is not counted, and why; timeline
# marks sit at the event they stand for, not at the evaluation that
# noticed it; the Messages table names messages by subject; an axis never
# says the same date twice.
. "$TOP_SRCDIR/tests/lib.sh"

command -v sqlite3 >/dev/null 2>&1 || require "sqlite3 (for json_query)"

SAMPLE=$TOP_SRCDIR/contrib/sample
NOW=2026-11-25T12:00:00Z
sample_conf "$W/pvbot.conf"
pv() { "$PVBOT" -c "$W/pvbot.conf" -d "$DB" "$@"; }
pv import "$SAMPLE/xen-devel.mbox" >/dev/null 2>&1
C=20261028110327.5512-1-oliver.brennan@example.com	# 9pfs, stale -1
KOFI="-1 from Kofi Mensah \\(a stale objection: no reply by 2026-11-15T17:12:40Z\\)"

# 7. The tally: Kofi's -1 is not in the +2, and everywhere says so.
pv status --now $NOW >"$W/st" 2>&1
like "status: the vote left out, and why" "$(tr -s ' \n' ' ' <"$W/st")" \
	"not counted: $KOFI"
pv status --json --all --now $NOW >"$W/st.json" 2>/dev/null
is "status --json: not_counted says why" "$(json_query "$W/st.json" \
	"(SELECT json_extract(v.value, '\$.not_counted') FROM json_each(j,
	  '\$.proposals') p, json_each(p.value, '\$.tally.votes') v WHERE
	  json_extract(p.value, '\$.root') = '$C' AND
	  json_extract(v.value, '\$.by.email') = 'kofi.mensah@example.org')")" \
	"a stale objection: no reply by 2026-11-15T17:12:40Z"
is "status --json: only stale objectors are left out (null for the rest)" \
	"$(json_query "$W/st.json" "(SELECT group_concat(json_extract(v.value,
	  '\$.by.email'), ' ') FROM json_each(j, '\$.proposals') p,
	  json_each(p.value, '\$.tally.votes') v WHERE
	  json_extract(v.value, '\$.not_counted') IS NOT NULL)")" \
	"kofi.mensah@example.org tomasz.wierzbicki@example.com"
pv summary --now $NOW >"$W/mail" 2>/dev/null
# The 9pfs change is decided by the check-in policy, not a tally: its
# reply says the objection went stale (and why) and whose approval is
# missing.
like "the status reply: the stale objection, and why" \
	"$(tr -s ' \n' ' ' <"$W/mail")" \
	"Objection by Kofi Mensah <kofi.mensah@example.org>, raised 2026-10-29T09:40:51Z: stale \(reply by 2026-11-15T17:12:40Z\)"
like "the status reply: whose approval is missing" \
	"$(tr -s ' \n' ' ' <"$W/mail")" \
	"approval missing: 9PFS \(M: Kofi Mensah <kofi.mensah@example.org>\)"
like "the roll-up too" "$(sed -n '/weekly roll-up/,$p' "$W/mail" |
	tr -s ' \n' ' ')" "not counted: $KOFI"
pv subscribe --weekly all@example.org >/dev/null
pv digest --now $NOW >"$W/digest" 2>/dev/null
like "the digest too" "$(tr -s ' \n' ' ' <"$W/digest")" "not counted: $KOFI"
pv status --now $NOW --record >/dev/null 2>&1
pv report --html "$W/site" --now $NOW >/dev/null 2>&1
page=$(grep -l "9pfs: xen transport" "$W"/site/p/*.html | head -1)
like "the proposal page: the vote struck through" "$(cat "$page")" \
	"<del>&minus;1</del>|<del>.1</del>"
like "the proposal page: why" "$(cat "$page")" \
	"no: a stale objection: no reply by 2026-11-15T17:12:40Z"

# 12. The Messages table: subjects, not Message-IDs.
like "Messages: linked by subject" "$(cat "$page")" \
	"/20261101171240.GA9120@oliver-desktop.example.com/\">Re: \[PATCH\] 9pfs: xen transport: fix ring index wrap</a>"

# 8. One evaluation noticed everything at once (an import's history); the
# marks sit at what they stand for.
list() { sed -n '/The timeline as a list/,/<\/details>/p' "$W/site/index.html"; }
like "stale at the objector's reply-by" "$(list)" \
	"datetime=\"2026-11-15T17:12:40Z\".*<span class=\"kind\">stale</span>"
like "consensus at the window's end" "$(list)" \
	"datetime=\"2026-11-17T04:32:41Z\".*<span class=\"kind\">verdict</span>: v2 consensus"
like "committed at the Applied mail" "$(list)" \
	"datetime=\"2026-10-15T18:30:42Z\".*<span class=\"kind\">verdict</span>: v1 committed"
is "no verdict mark at the evaluation's time" \
	"$(list | grep 'kind">verdict' | grep -c "datetime=\"$NOW\"")" 0

# 12. A timeline of a few hours: distinct axis labels.
DB=$W/day.db
gen_message "$W/d1" d1@x "[PATCH] xen/blkfront: a quick fix" \
	"Wed, 25 Nov 2026 08:00:00 +0000" "Tariq Hussain <tariq.hussain@example.org>" "" \
"A fix.

Signed-off-by: Tariq Hussain <tariq.hussain@example.org>
---
diff --git a/drivers/block/xen-blkfront.c b/drivers/block/xen-blkfront.c
--- a/drivers/block/xen-blkfront.c
+++ b/drivers/block/xen-blkfront.c
@@ -1,2 +1,3 @@
 a
+b
 a"
gen_message "$W/d2" d2@x "Re: [PATCH] xen/blkfront: a quick fix" \
	"Wed, 25 Nov 2026 10:00:00 +0000" "Arjun Mehta <arjun.mehta@example.com>" \
	d1@x "Applied, thanks."
mbox_append "$W/day.mbox" "$W/d1" "$W/d2"
pv import "$W/day.mbox" >/dev/null 2>&1
pv report --html "$W/day" --now 2026-11-25T12:00:00Z >/dev/null 2>&1
sed -n '/<svg/,/<\/svg>/p' "$W/day/index.html" | awk '
	/<svg/ { n++ }
	match($0, />[0-9][0-9][-0-9: ]*</) {
		print n, substr($0, RSTART + 1, RLENGTH - 2) }' >"$W/labels"
is "axis labels found" "$(test -s "$W/labels" && echo yes)" yes
is "no timeline says a date twice" "$(sort "$W/labels" | uniq -d)" ""
like "under a day: the hours" "$(cat "$W/labels")" " 11-25 [0-9][0-9]:[0-9][0-9]\$"
plan_end
