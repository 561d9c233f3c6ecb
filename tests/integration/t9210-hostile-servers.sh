#!/bin/sh
# Hostile NNTP and IMAP servers (tests/servers/hostile.py: faults that
# public-inbox and Dovecot never make).  A greeting, an overview, a listing
# or a message that never ends, a message far larger than announced, a
# server sending a byte a second: each poll ends within 60 s and a memory
# bound (96 MiB; 768 MiB under sanitizers), with the right error, or with
# the message skipped for its size and the others read.
. "$TOP_SRCDIR/tests/lib.sh"
. "$TOP_SRCDIR/tests/servers/lib-servers.sh"
. "$TOP_SRCDIR/tests/lib-live.sh"
command -v sqlite3 >/dev/null || skip_all "sqlite3 missing"
"$SYSPY" -c 'import socket' 2>/dev/null || skip_all "no $SYSPY"

TIMEOUT=60
MEM_MB=96
grep -q __asan_init "$PVBOT" 2>/dev/null && MEM_MB=768
MAX=1048576

# poll PROTO MODE: start the server so, poll it once into a new database.
poll() {
	start_hostile "$1" "$2" $MAX
	hostile_conf "$1"
	rm -f "$W/h.db" "$W/h.db"-*
	bounded "$1 $2" "$CONF" "$W/h.db" poll --once h
}
stored() {
	sqlite3 "$W/h.db" "SELECT group_concat(message_id, ' ') FROM
	    (SELECT message_id FROM messages WHERE present ORDER BY 1)"
}
skipped() { sqlite3 "$W/h.db" "SELECT reason FROM skipped"; }
h=127\\.0\\.0\\.1

for p in nntp imap; do
	P=$(echo $p | tr a-z A-Z)
	# The server itself: three messages read.
	poll $p none
	is "$p: a well-behaved run reads all three" "$(cat "$W/out")" \
	    "h: imported 3, already known 0, skipped 0"

	# A 512 MiB greeting line: cut at 64 KiB.
	poll $p greeting-flood
	is "$p greeting flood: fails" "$rc" 1
	case $p in
	nntp) want="^pvbot: h: $h: no NNTP greeting: line over 65536 bytes$" ;;
	imap) want="^pvbot: h: $h: greeting: line over 65536 bytes$" ;;
	esac
	like "$p greeting flood: says so" "$(cat "$W/err")" "$want"

	# An overview or listing that never ends (512 MiB of it).
	poll $p list-flood
	is "$p listing flood: fails" "$rc" 1
	case $p in
	nntp) want="^pvbot: h: $h: XOVER: answer over [0-9]+ bytes$" ;;
	imap) want="^pvbot: h: $h: UID FETCH: answer over [0-9]+ bytes$" ;;
	esac
	like "$p listing flood: says so" "$(cat "$W/err")" "$want"

	# h2 announced as 100 bytes and never ending: skipped, h3 read on a
	# new connection.
	poll $p endless
	is "$p endless message: the others are read" "$rc/$(cat "$W/out")" \
	    "0/h: imported 2, already known 0, skipped 1 (message too large: 1)"
	is "$p endless message: h1 and h3 stored" "$(stored)" \
	    "h1@hostile.test h3@hostile.test"
	like "$p endless message: the reason is kept" "$(skipped)" \
	    "^message too large \\(over [0-9]+ bytes received, 100 announced, limit $MAX\\)$"

	# h2 announced as 100 bytes and 1.5 MiB long: measured, skipped.
	poll $p large
	is "$p larger than announced: the others are read" \
	    "$rc/$(cat "$W/out")" "0/h: imported 2, already known 0, skipped 1 (message too large: 1)"
	like "$p larger than announced: the reason is kept" "$(skipped)" \
	    "^message too large \\([0-9]+ bytes received, 100 announced, limit $MAX\\)$"
	like "$p larger than announced: and logged" "$(cat "$W/err")" \
	    "skipped: message too large"

	# A byte a second, under a 3 s timeout: the 5 s deadline of the
	# command ends it, and what came before is kept.
	poll $p drip
	is "$p drip: fails" "$rc" 1
	case $p in
	nntp) want="^pvbot: h: $h: ARTICLE: no complete answer within 5 s$" ;;
	imap) want="^pvbot: h: $h: UID FETCH: no complete answer within 5 s$" ;;
	esac
	like "$p drip: at the command's deadline" "$(cat "$W/err")" "$want"
	case $p in
	nntp) is "$p drip: h1 before it is kept" "$(stored)" h1@hostile.test ;;
	imap) is "$p drip: the chunk is read again next time" "$(stored)" "" ;;
	esac
done

# Answers that crash libetpan 1.9.4's IMAP parser (fuzz finds): a string
# in the greeting or in IDLE's go-ahead (it parses them without a context
# and dereferences NULL), a PERMANENTFLAGS list it fails to make (it frees
# the NULL list).  None may crash pvbot.
poll imap bad-greeting
is "imap BADCHARSET in the greeting: read as usual" "$rc/$(cat "$W/out")" \
    "0/h: imported 3, already known 0, skipped 0"
poll imap bad-flags
is "imap broken PERMANENTFLAGS: read as usual" "$rc/$(cat "$W/out")" \
    "0/h: imported 3, already known 0, skipped 0"
start_hostile imap bad-idle
sed -i "s|:[0-9]*/INBOX|:$HOSTILE_PORT/INBOX|" "$CONF"
rm -f "$W/h.db" "$W/h.db"-*
timeout 8 "$PVBOT" -c "$CONF" -d "$W/h.db" poll h >"$W/out" 2>"$W/err"
is "imap BADCHARSET in IDLE's go-ahead: still idling when stopped" "$?" 124
is "imap BADCHARSET in IDLE's go-ahead: the mail is read" "$(stored)" \
    "h1@hostile.test h2@hostile.test h3@hostile.test"

# An overview line that never ends: cut at 1 MiB.
poll nntp over-line
is "nntp endless overview line: fails" "$rc" 1
like "nntp endless overview line: says so" "$(cat "$W/err")" \
    "^pvbot: h: $h: XOVER: line over 1048576 bytes$"

plan_end
