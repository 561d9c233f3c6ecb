#!/bin/sh
# report --html writes one page per proposal, also when several share a
# root and version (patches sent again as replies in one thread): on
# linux-hyperv it said 2,893 proposal pages and wrote 2,865 (issue 18,
# item 5).  Counts the files.
. "$TOP_SRCDIR/tests/lib.sh"

command -v sqlite3 >/dev/null 2>&1 || require "sqlite3 (for json_query)"

patch() { # FILE
	printf 'A fix.\n\nSigned-off-by: Ann <ann@example.org>\n---\n'
	printf 'diff --git a/%s b/%s\n--- a/%s\n+++ b/%s\n' "$1" "$1" "$1" "$1"
	printf '@@ -1,2 +1,3 @@\n a\n+b\n a\n'
}
ANN="Ann Author <ann@example.org>"
BOB="Bob Other <bob@example.net>"
gen_message "$W/1" a@x "[PATCH] hv_utils: fix the delay" \
	"Mon, 2 Nov 2026 10:00:00 +0000" "$ANN" "" "$(patch drivers/hv/a.c)"
gen_message "$W/2" b@x "[PATCH] hv_utils: fix the delay again" \
	"Tue, 3 Nov 2026 10:00:00 +0000" "$ANN" a@x "$(patch drivers/hv/a.c)"
gen_message "$W/3" c@x "[RFC PATCH] hv_utils: make it static" \
	"Wed, 4 Nov 2026 10:00:00 +0000" "$BOB" a@x "$(patch drivers/hv/b.c)"
gen_message "$W/4" d@x "[PATCH v2] hv_utils: fix the delay" \
	"Thu, 5 Nov 2026 10:00:00 +0000" "$ANN" "" "$(patch drivers/hv/a.c)"
mbox_append "$W/a.mbox" "$W/1" "$W/2" "$W/3" "$W/4"
pv import --list linux-hyperv "$W/a.mbox" >/dev/null 2>&1

pv status --json --all --now 2026-11-20 >"$W/st.json" 2>/dev/null
n=$(json_query "$W/st.json" "json_array_length(j, '\$.proposals')")
roots=$(json_query "$W/st.json" "(SELECT count(DISTINCT json_extract(value,
	'\$.root') || ' ' || json_extract(value, '\$.version'))
	FROM json_each(j, '\$.proposals'))")
like "several proposals share a root and version" \
	"$(test "$n" -gt "$roots" && echo "$n > $roots")" "^[0-9]+ > [0-9]+\$"
pv report --html "$W/site" --now 2026-11-20 >"$W/out" 2>&1
is "report exits 0" $? 0
is "it says one page per proposal" "$(cat "$W/out")" \
	"$W/site: index.html, feed.atom and $n proposal page(s)"
is "and writes that many files" "$(ls "$W/site/p" | wc -l | tr -d ' ')" "$n"
# Every page the index and the pages link to is there.
for f in $(grep -oh 'href="[^"#]*p/[^"#]*\.html' "$W/site/index.html" \
	"$W"/site/p/*.html | sed 's|.*p/|p/|' | sort -u); do
	[ -f "$W/site/$f" ] || echo "$f"
done >"$W/missing"
is "every linked page exists" "$(cat "$W/missing")" ""
# The same database and --now: the same names.
pv report --html "$W/site2" --now 2026-11-20 >/dev/null 2>&1
check "page names are stable" diff -r "$W/site" "$W/site2"
plan_end
