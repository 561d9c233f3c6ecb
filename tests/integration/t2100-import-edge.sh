#!/bin/sh
# Malformed input: every bad message gets a reason, the import goes on.
. "$TOP_SRCDIR/tests/lib.sh"

m=$W/msgs; mkdir -p "$m"
gen_message "$m/good1" good1@x "first good" "Mon, 2 Nov 2026 10:00:00 +0000"
gen_message "$m/good2" good2@x "second good" "Mon, 2 Nov 2026 11:00:00 +0000"
# Binary garbage where a message should be.
head -c 3000 /dev/urandom | tr -d '\n' >"$m/garbage"
# A 50 MB message (over the 32 MiB default limit).
{ cat "$m/good1" | sed 's/good1@x/huge@x/'; head -c 52428800 /dev/zero | tr '\0' 'x' | fold -w 76; } >"$m/huge"
# Invalid UTF-8 in a body declared UTF-8, and in a header.
printf 'From: Bad \377Name <bad@x>\nSubject: caf\351\nMessage-ID: <badutf@x>\nDate: Mon, 2 Nov 2026 12:00:00 +0000\nContent-Type: text/plain; charset=utf-8\n\nbroken \377\376 bytes\n' >"$m/badutf"
# No Message-ID, no Date, no Subject.
printf 'From: nobody@x\n\njust a body\n' >"$m/noid"
# CRLF line ends and a >From line.
printf 'From: crlf@x\r\nSubject: crlf\r\nMessage-ID: <crlf@x>\r\nDate: Mon, 2 Nov 2026 13:00:00 +0000\r\n\r\nline\r\nFrom the start\r\n' >"$m/crlf"
# A date nobody can read.
gen_message "$m/baddate" baddate@x "bad date" "the day after tomorrow"

mbox_append "$W/e.mbox" "$m/good1" "$m/garbage" "$m/huge" "$m/badutf" \
	"$m/noid" "$m/crlf" "$m/baddate"
# Truncated: the archive ends in the middle of a message's header.
{ echo "From mboxrd@z Thu Jan  1 00:00:00 1970"; head -c 40 "$m/good2"; } >>"$W/e.mbox"

pv import --list xen-devel "$W/e.mbox" >"$W/out" 2>"$W/err"
is "import finishes" "$?" 0
like "summary names the reasons" "$(cat "$W/out")" "^imported 6, already known 0, skipped 2 \(.*message too large: 1.*\)"
like "summary names garbage" "$(cat "$W/out")" "no mail header: 1"
like "each skip logged with its position" "$(cat "$W/err")" "e.mbox:[0-9]+: skipped: message too large \(5[0-9]{7} bytes, limit 33554432\)"
is "skips recorded in the database" "$(sqlite3 "$DB" 'SELECT count(*) FROM skipped')" 2

pv messages --json >"$W/m.json"
get() { json_query "$W/m.json" "(SELECT json_extract(value, '\$.$2') FROM json_each(j, '\$.messages') WHERE json_extract(value, '\$.message_id') = '$1')"; }
is "8-bit subject read as Windows-1252" "$(get badutf@x subject)" "café"
is "8-bit name read as Windows-1252" "$(get badutf@x from.name)" "Bad ÿName"
like "invalid UTF-8 body repaired" "$(pv show --json badutf@x)" "badutf"
id=$(json_query "$W/m.json" "(SELECT json_extract(value, '\$.message_id') FROM json_each(j, '\$.messages') WHERE json_extract(value, '\$.from.email') = 'nobody@x')")
like "missing Message-ID synthesized" "$id" "^[0-9a-f]{32}@pvbot.invalid$"
is "CRLF subject" "$(get crlf@x subject)" "crlf"
is "bad date falls back (flagged)" "$(sqlite3 "$DB" "SELECT date_source > 0 AND flags & 8 > 0 FROM messages WHERE message_id = 'baddate@x'")" 1
is "truncated last message kept" "$(sqlite3 "$DB" "SELECT count(*) FROM raw WHERE length(bytes) = 40")" 1
raw=$(sqlite3 "$DB" "SELECT bytes FROM raw WHERE id = (SELECT id FROM messages WHERE message_id = 'crlf@x')")
like ">From unquoted in the raw bytes" "$raw" "^From the start"

pv import --list xen-devel "$W/e.mbox" >"$W/out" 2>/dev/null
is "re-import: same ids, nothing new" "$(cat "$W/out" | cut -d'(' -f1)" "imported 0, already known 6, skipped 2 "
is "synthesized ids are stable" "$(sqlite3 "$DB" "SELECT count(*) FROM messages WHERE message_id LIKE '%pvbot.invalid'")" 2
is "skips not duplicated" "$(sqlite3 "$DB" 'SELECT count(*) FROM skipped')" 2
plan_end
