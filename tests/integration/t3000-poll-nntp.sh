#!/bin/sh
# pvbot poll over NNTP against a real public-inbox-nntpd: backfill, new
# mail only, a server killed mid-fetch, a renumbered group, bad groups,
# NNTPS (as lore serves it) verified against the CA.
# shellcheck disable=SC2119  # stop_*/restart_* take an optional signal
. "$TOP_SRCDIR/tests/lib.sh"
. "$TOP_SRCDIR/tests/servers/lib-servers.sh"
. "$TOP_SRCDIR/tests/lib-live.sh"
require_servers public-inbox tls

LIST=xen-devel@lists.xenproject.org
NG=org.example.xen-devel
PI_NNTPS=1 start_public_inbox xen-devel "$NG" "$LIST"
URL=nntp://127.0.0.1:$PI_NNTP_PORT/$NG
KEY=nntp:$URL
live_conf
cat >>"$CONF" <<EOF
source lore
	url $URL
	timeout 10s
	batch 50
source nogroup
	url nntp://127.0.0.1:$PI_NNTP_PORT/org.example.nonexistent
	timeout 10s
source down
	url nntp://127.0.0.1:1/$NG
	timeout 5s
source crash
	url $URL
	timeout 10s
	batch 2
source nntps-unknown-ca
	url nntps://127.0.0.1:$PI_NNTPS_PORT/$NG
	timeout 10s
source nntps
	url nntps://127.0.0.1:$PI_NNTPS_PORT/$NG
	ca-file $PI_CA
	timeout 10s
EOF

# --- initial backfill ---
for i in 1 2 3 4 5; do gen_message "$W/m$i.eml" "m$i@example.org" "[PATCH] m$i"; done
gen_message "$W/m3.eml" m3@example.org "Re: [PATCH] m1" "" \
	"Bob Maintainer <bob@example.org>" m1@example.org \
	"Looks right to me.

Acked-by: Bob Maintainer <bob@example.org>"
pi_deliver "$W/m1.eml" "$W/m2.eml" "$W/m3.eml" "$W/m4.eml" "$W/m5.eml" ||
	bail_out "pi_deliver"
check "poll --once reads the group" pvl poll --once lore
like "one summary line for the source" "$(cat "$W/check.out")" \
	"^lore: imported 5, already known 0, skipped 0$"
is "all 5 articles are stored" "$(db_count)" 5
is "the cursor is group, number and Message-ID" "$(db_cursor "$KEY")" \
	"$NG 5 m5@example.org"
is "mail is classified as it is stored" \
	"$(sqlite3 "$DB" "SELECT kind FROM messages WHERE message_id = 'm3@example.org'")" \
	ack
is "the list comes from the List-Id public-inbox keeps" \
	"$(sqlite3 "$DB" "SELECT COUNT(*) FROM message_lists WHERE list = 'xen-devel'")" 5

check "a poll with nothing new" pvl poll --once lore
like "reads nothing again (the overlap is skipped unread)" \
	"$(cat "$W/check.out")" "^lore: imported 0, already known 0, skipped 0$"

# --- kill -9 at exact points of a poll, then a rerun: every article once,
# as an uninterrupted poll stores them (5 articles, batches of 2) ---
ids() { sqlite3 "$1" "SELECT message_id FROM messages WHERE present ORDER BY 1" | tr '\n' ' '; }
want=$(ids "$DB")
for point in message:1 commit:1 message:3 commit:2 message:5 commit:3; do
	rm -f "$W/crash.db"*
	PVBOT_FAULT=poll-$point "$PVBOT" -c "$CONF" -d "$W/crash.db" \
	    poll --once crash >/dev/null 2>&1
	is "poll killed at $point" "$?" 137
	"$PVBOT" -c "$CONF" -d "$W/crash.db" poll --once crash \
	    >"$W/crash.out" 2>&1
	is "killed at $point, the rerun: the same articles, each once" \
	    "$(ids "$W/crash.db")" "$want"
	is "killed at $point: the database is sound" \
	    "$(sqlite3 "$W/crash.db" 'PRAGMA integrity_check')" ok
done

# --- NNTPS: the certificate is verified, against the system's CAs or
# the source's ca-file ---
check_fails "NNTPS from an unknown CA is refused" pvl poll --once nntps-unknown-ca
like "with one clear line" "$(cat "$W/check.out")" \
	"^pvbot: nntps-unknown-ca: 127\.0\.0\.1 port $PI_NNTPS_PORT: TLS: \
certificate refused: The certificate is NOT trusted\. \
The certificate issuer is unknown\.$"
is "and stores nothing" "$(db_count)" 5
check "NNTPS with the CA as ca-file is accepted" pvl poll --once nntps
like "and reads the group over TLS" "$(cat "$W/check.out")" \
	"^nntps: imported 0, already known 5, skipped 0$"

# --- new mail: exactly it ---
for i in 6 7; do gen_message "$W/m$i.eml" "m$i@example.org" "[PATCH] m$i"; done
pi_deliver "$W/m6.eml" "$W/m7.eml" || bail_out "pi_deliver"
check "the next poll" pvl poll --once lore
like "fetches exactly the new articles" "$(cat "$W/check.out")" \
	"^lore: imported 2, already known 0, skipped 0$"
is "which are m6 and m7" "$(sqlite3 "$DB" "SELECT message_id FROM messages
	WHERE present = 1 AND id > (SELECT id FROM messages
	WHERE message_id = 'm5@example.org') ORDER BY id" | tr '\n' ' ')" \
	"m6@example.org m7@example.org "

# --- the server killed in the middle of a big backfill ---
gen_mbox "$W/big.mbox" 3000 1
is "3000 more articles in the inbox" "$(pi_import "$W/big.mbox")" 3000
# timeout: a hang would be a bug (libetpan once looped at EOF), not a wait
timeout 120 "$PVBOT" -c "$CONF" -d "$DB" poll --once lore \
	>"$W/kill.out" 2>"$W/kill.err" &
poll_pid=$!
halfway() { [ "$(db_count)" -ge 300 ]; }
wait_until 60 halfway
restart_public_inbox KILL
wait "$poll_pid"
is "the poll fails when the server dies" "$?" 1
like "with one clear error line" "$(cat "$W/kill.err")" \
	"^pvbot: lore: 127\.0\.0\.1: [A-Z]+: connection lost$"
is "and only one" "$(wc -l <"$W/kill.err")" 1
n=$(db_count)
check "it stopped in the middle" test "$n" -gt 7 -a "$n" -lt 3007
check "the rerun" pvl poll --once lore
like "fetches the rest" "$(cat "$W/check.out")" \
	"^lore: imported $((3007 - n)), already known 0, skipped 0$"
is "no loss, no duplicate: the same Message-IDs as the inbox" \
	"$(db_ids | md5sum)" "$(pi_ids | md5sum)"
is "3007 in all" "$(db_count)" 3007

# --- the group renumbered under the cursor ---
# The inbox is made anew with three new messages first and the old ones
# in another order, so the cursor's article number now holds another
# message: resuming after it would lose the three.
for i in 1 2 3; do gen_message "$W/new$i.eml" "new$i@example.org" "new $i"; done
mbox_append "$W/renum.mbox" "$W/new1.eml" "$W/new2.eml" "$W/new3.eml"
cat "$W/big.mbox" >>"$W/renum.mbox"
mbox_append "$W/renum.mbox" "$W/m7.eml" "$W/m6.eml" "$W/m5.eml" "$W/m4.eml" \
	"$W/m3.eml" "$W/m2.eml" "$W/m1.eml"
stop_public_inbox
rm -rf "$W/pi"
mkdir -p "$W/pi"
public-inbox-init -V2 -L medium --ng "$NG" xen-devel "$PI_DIR" \
	http://127.0.0.1/xen-devel "$LIST" >"$W/reinit.log" 2>&1 ||
	bail_out "public-inbox-init"
git config -f "$PI_CONFIG" publicinboxmda.spamcheck none
chown -R mail:mail "$W/pi"
is "the rebuilt inbox holds 3010 messages" "$(pi_import "$W/renum.mbox")" 3010
restart_public_inbox
like "article 3007 is another message now" \
	"$(nntp_cmd "$PI_NNTP_PORT" "GROUP $NG" "XHDR Message-ID 3007")" \
	"3007 <m4@example.org>"
check "a poll after the renumbering" pvl poll --once lore
like "notices it by the saved Message-ID" "$(cat "$W/check.out")" \
	"lore: article 3007 is now <m4@example.org>, not <gen-2999-[0-9a-f]+@[a-z.]+>: the group was renumbered"
like "and re-syncs without loss, reading only the new ones" \
	"$(cat "$W/check.out")" "^lore: imported 3, already known 0, skipped 0$"
is "every message of the inbox is stored once" "$(db_ids | md5sum)" \
	"$(pi_ids | md5sum)"
like "the cursor follows the new numbering" "$(db_cursor "$KEY")" \
	"^$NG 3010 m1@example.org$"

# --- errors: one clear line, exit 1 ---
check_fails "an unknown group fails" pvl poll --once nogroup
is "with one clear line" "$(cat "$W/check.out")" \
	"pvbot: nogroup: org.example.nonexistent: no such newsgroup on 127.0.0.1"
check_fails "a server that is not there fails" pvl poll --once down
is "with one clear line" "$(cat "$W/check.out")" \
	"pvbot: down: 127.0.0.1 port 1: connect: Connection refused"
check_fails "an unknown source name fails" pvl poll --once nosuch
like "and says so" "$(cat "$W/check.out")" "^pvbot: no source 'nosuch' in "
check_fails "poll --once with a failing source exits 1" pvl poll --once
like "after reading the good ones" "$(cat "$W/check.out")" \
	"^lore: imported 0, already known 0, skipped 0$"
plan_end
