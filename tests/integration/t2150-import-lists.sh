#!/bin/sh
# Lists: import names the List-Ids no configured list has, once, with
# counts; such mail is filed under the List-Id's first word, --list names
# it otherwise.  A proposal whose cover letter never arrived takes the
# subject and list of its first present patch (issue 18, items 9 and 10).
. "$TOP_SRCDIR/tests/lib.sh"

command -v sqlite3 >/dev/null 2>&1 || require "sqlite3 (for json_query)"

# gen_listed FILE LIST-ID MSGID SUBJECT [IN-REPLY-TO]
gen_listed() {
	gen_message "$1.tmp" "$3" "$4" "Mon, 2 Nov 2026 10:00:00 +0000" \
		"Ann Example <ann@example.org>" "${5:-}" "Some text.

Signed-off-by: Ann Example <ann@example.org>
---
 drivers/hv/vmbus_drv.c | 1 +
diff --git a/drivers/hv/vmbus_drv.c b/drivers/hv/vmbus_drv.c
--- a/drivers/hv/vmbus_drv.c
+++ b/drivers/hv/vmbus_drv.c
@@ -1 +1,2 @@
 a
+b"
	{ [ -z "$2" ] || echo "List-Id: $2"; cat "$1.tmp"; } >"$1"
	rm -f "$1.tmp"
}
gen_listed "$W/1" "<linux-hyperv.vger.kernel.org>" p3@x "[PATCH v2 3/3] hv: three" cover@x
gen_listed "$W/2" "<linux-hyperv.vger.kernel.org>" p2@x "[PATCH v2 2/3] hv: two" cover@x
gen_listed "$W/3" "Netdev List <netdev.vger.kernel.org>" n1@x "[PATCH] net: x"
gen_listed "$W/4" "" none@x "[PATCH] no list at all"
gen_listed "$W/5" "<xen-devel.lists.xenproject.org>" xd@x "[PATCH] xen: known"
mbox_append "$W/a.mbox" "$W/1" "$W/2" "$W/3" "$W/4" "$W/5"

pv import "$W/a.mbox" >"$W/out" 2>"$W/err"
is "import: exit 0" $? 0
is "the summary line is unchanged" "$(cat "$W/out")" \
	"imported 5, already known 0, skipped 0"
is "one note on stderr" "$(grep -c 'List-Id not in the configuration' "$W/err")" 1
like "it names linux-hyperv's List-Id with its count and list name" \
	"$(cat "$W/err")" \
	'linux-hyperv\.vger\.kernel\.org \(2 messages, filed as list "linux-hyperv"\)'
like "and netdev's" "$(cat "$W/err")" \
	'netdev\.vger\.kernel\.org \(1 message, filed as list "netdev"\)'
like "it says how to name a list" "$(cat "$W/err")" '"list NAME" section'
like "the message with no List-Id is counted" "$(cat "$W/err")" \
	'1 message without a List-Id belongs to no list'
if grep -q "xen-devel" "$W/err"; then ok 1 "a configured List-Id is not named"
else ok 0 "a configured List-Id is not named"; fi
is "lists as filed" "$(sqlite3 "$DB" "SELECT m.message_id || ' ' || l.list
	FROM message_lists l JOIN messages m ON m.id = l.message
	ORDER BY m.message_id")" "n1@x netdev
p2@x linux-hyperv
p3@x linux-hyperv
xd@x xen-devel"

# The cover letter and the first patch of the v2 series never arrived.
pv status --json --all --now 2026-12-20 >"$W/st.json" 2>/dev/null
q() {
	json_query "$W/st.json" "(SELECT json_extract(value, '\$.$2')
	    FROM json_each(j, '\$.proposals')
	    WHERE json_extract(value, '\$.root') = '$1')"
}
is "a lost cover: the first present patch's subject" "$(q cover@x subject)" \
	"[PATCH v2 2/3] hv: two"
is "a lost cover: the patches' list" "$(q cover@x list)" "linux-hyperv"
is "no proposal has an empty subject" "$(json_query "$W/st.json" \
	"(SELECT count(*) FROM json_each(j, '\$.proposals')
	  WHERE json_extract(value, '\$.subject') = '')")" 0

# --list names the list, and then nothing is unknown.
pv import --list hyperv "$W/a.mbox" >"$W/out" 2>"$W/err"
is "import --list: no note" "$(cat "$W/err")" ""
plan_end
