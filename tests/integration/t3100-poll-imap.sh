#!/bin/sh
# pvbot poll and pvbot run over IMAP against a real Dovecot (IDLE, IMAPS,
# UIDVALIDITY, a kill mid-fetch, bad credentials) and public-inbox's
# read-only IMAP with its NAME.N slices.
# shellcheck disable=SC2119  # stop_*/restart_* take an optional signal
. "$TOP_SRCDIR/tests/lib.sh"
. "$TOP_SRCDIR/tests/servers/lib-servers.sh"
. "$TOP_SRCDIR/tests/lib-live.sh"
require_servers dovecot tls public-inbox
_have curl || require curl

LIST=xen-devel@lists.xenproject.org
NG=org.example.xen-devel
start_dovecot bot botpass
start_public_inbox xen-devel "$NG" "$LIST"
URL=imap://bot@127.0.0.1:$DOVECOT_PORT/INBOX
KEY=imap:$URL
ADMIN=imap://bot:botpass@127.0.0.1:$DOVECOT_PORT
printf 'botpass\n' >"$W/secret"
chmod 600 "$W/secret"
live_conf
cat >>"$CONF" <<EOF
source dovecot
	url $URL
	credentials-file $W/secret
	list xen-devel
	timeout 10s
	batch 50
	interval 1h
source badpass
	url $URL
	credentials-env PVBOT_TEST_SECRET
source tls-unknown-ca
	url imaps://bot@127.0.0.1:$DOVECOT_IMAPS_PORT/INBOX
	credentials-file $W/secret
source tls
	url imaps://bot@localhost:$DOVECOT_IMAPS_PORT/INBOX
	credentials-file $W/secret
	ca-file $DOVECOT_CA
source slices
	url imap://bot@127.0.0.1:$DOVECOT_PORT/lists.x
	credentials-file $W/secret
	list xen-devel
source pi
	url imap://127.0.0.1:$PI_IMAP_PORT/$NG
	timeout 10s
EOF

# --- initial backfill, read-only ---
for i in 1 2 3 4 5; do gen_message "$W/m$i.eml" "m$i@example.org" "[PATCH] m$i"; done
dovecot_deliver "$W/m1.eml" "$W/m2.eml" "$W/m3.eml" "$W/m4.eml" "$W/m5.eml" ||
	bail_out dovecot_deliver
check "poll --once reads the mailbox" pvl poll --once dovecot
like "one summary line for the source" "$(cat "$W/check.out")" \
	"^dovecot: imported 5, already known 0, skipped 0$"
is "all 5 are stored" "$(db_count)" 5
like "the cursor is mailbox, UIDVALIDITY and UID" "$(db_cursor "$KEY")" \
	"^INBOX [0-9]+ 5$"
like "EXAMINE and BODY.PEEK leave the mail unseen" \
	"$(imap_cmd "$ADMIN/INBOX" 'UID SEARCH UNSEEN')" "SEARCH 1 2 3 4 5"

# --- new mail: exactly it ---
for i in 6 7; do gen_message "$W/m$i.eml" "m$i@example.org" "[PATCH] m$i"; done
dovecot_deliver "$W/m6.eml" "$W/m7.eml" || bail_out dovecot_deliver
check "the next poll" pvl poll --once dovecot
like "fetches exactly the new mail" "$(cat "$W/check.out")" \
	"^dovecot: imported 2, already known 0, skipped 0$"
check "and the one after" pvl poll --once dovecot
like "nothing" "$(cat "$W/check.out")" \
	"^dovecot: imported 0, already known 0, skipped 0$"

# --- the daemon: IDLE ---
RUN_CONF=$W/run.conf
sed '/^source badpass/,$d' "$CONF" >"$RUN_CONF"
start_run
idling() { run_log_has "dovecot: waiting in IDLE"; }
check "pvbot run catches up and waits in IDLE" wait_until 20 idling
worst=0
for i in 1 2 3; do
	gen_message "$W/idle$i.eml" "idle$i@example.org" "idle $i"
	t=$(idle_latency "$W/idle$i.eml" "idle$i@example.org")
	echo "# IDLE delivery to classified row: $t s"
	case $t in timeout) worst=99 ;; *)
		worst=$(echo "$t $worst" | awk '{ print ($1 > $2) ? $1 : $2 }') ;;
	esac
done
# The poll interval is an hour: mail stored within seconds came through
# IDLE.  How fast is a benchmark's business (bench-live.sh); a loaded
# machine (make -j check) must not fail this, so the bound is generous.
check "IDLE stores new mail long before the next poll (worst $worst s)" \
	awk "BEGIN { exit !($worst <= 20.0) }"

crash_dovecot
gen_message "$W/after.eml" after@example.org "after the restart"
dovecot_deliver "$W/after.eml" || bail_out dovecot_deliver
stored() { [ "$(sqlite3 "$DB" "SELECT COUNT(*) FROM messages
	WHERE message_id = '$1' AND present = 1")" = 1 ]; }
check "the daemon reconnects after the server is killed" \
	wait_until 30 stored after@example.org
like "and says why it had to" "$(cat "$W/run.log")" \
	"dovecot: 127\.0\.0\.1: IDLE: connection lost; retrying in [0-9]+ s"

kill -HUP "$RUN_PID"
reloaded() { run_log_has "configuration reloaded \(1 sources\)"; }
check "SIGHUP reloads the configuration" wait_until 10 reloaded
gen_message "$W/hup.eml" hup@example.org "after the reload"
wait_until 20 idling
dovecot_deliver "$W/hup.eml" || bail_out dovecot_deliver
check "and the daemon goes on" wait_until 20 stored hup@example.org
stop_run TERM
is "SIGTERM stops it with status 0" "$RUN_STATUS" 0
like "after logging that it stopped" "$(tail -1 "$W/run.log")" "stopped$"

# --- the server killed in the middle of a big backfill ---
before=$(db_count)
gen_mbox "$W/big.mbox" 2000 2
is "2000 more messages in the Maildir" "$(maildir_fill "$W/big.mbox")" 2000
timeout 120 "$PVBOT" -c "$CONF" -d "$DB" poll --once dovecot \
	>"$W/kill.out" 2>"$W/kill.err" &
poll_pid=$!
# Crash at the first batch stored: the most of the backfill still to come,
# so a fast poll on a busy machine cannot finish before the server dies.
started() { [ "$(db_count)" -gt "$before" ]; }
wait_until 60 started
crash_dovecot
wait "$poll_pid"
is "the poll fails when the server dies" "$?" 1
like "with one clear error line" "$(cat "$W/kill.err")" \
	"^pvbot: dovecot: 127\.0\.0\.1: .*(connection lost|hung up)"
is "and only one" "$(wc -l <"$W/kill.err")" 1
n=$(db_count)
check "it stopped in the middle" \
	test "$n" -gt "$before" -a "$n" -lt $((before + 2000))
check "the rerun" pvl poll --once dovecot
like "fetches the rest" "$(cat "$W/check.out")" \
	"^dovecot: imported $((before + 2000 - n)), already known 0, skipped 0$"
is "no loss, no duplicate" "$(db_count)" $((before + 2000))
total=$(db_count)

# --- UIDVALIDITY changes: the mailbox is made anew ---
validity() { db_cursor "$KEY" | cut -d' ' -f2; }
old=$(validity)
stop_dovecot
rm -f "$DOVECOT_MAILDIR"/dovecot*
sleep 1	# UIDVALIDITY is a time stamp
restart_dovecot
gen_message "$W/renew.eml" renew@example.org "after the new UIDVALIDITY"
dovecot_deliver "$W/renew.eml" || bail_out dovecot_deliver
check "a poll after the mailbox was recreated" pvl poll --once dovecot
like "notices the new UIDVALIDITY" "$(cat "$W/check.out")" \
	"dovecot: INBOX: UIDVALIDITY changed from $old to [0-9]+: re-reading it"
like "and re-syncs without duplicates, reading only the new one" \
	"$(cat "$W/check.out")" "^dovecot: imported 1, already known 0, skipped 0$"
is "every message once" "$(db_count)" $((total + 1))
check "the cursor has the new UIDVALIDITY" test "$(validity)" != "$old"

# --- credentials and TLS: one clear line, exit 1 ---
PVBOT_TEST_SECRET=wrongpass
export PVBOT_TEST_SECRET
check_fails "a wrong password fails" pvl poll --once badpass
like "with one clear line" "$(cat "$W/check.out")" \
	"^pvbot: badpass: 127\.0\.0\.1: login failed: .*Authentication failed"
is "and only one" "$(wc -l <"$W/check.out")" 1
check_fails "that never shows the password" grep -q wrongpass "$W/check.out"
chmod 644 "$W/secret"
check_fails "a credentials-file others may read is refused" \
	pvl poll --once dovecot
like "with one clear line" "$(cat "$W/check.out")" \
	"^pvbot: dovecot: credentials-file .*secret: group or others may read it: refused"
chmod 600 "$W/secret"
check_fails "IMAPS from an unknown CA is refused" pvl poll --once tls-unknown-ca
like "with one clear line" "$(cat "$W/check.out")" \
	"^pvbot: tls-unknown-ca: 127\.0\.0\.1 port $DOVECOT_IMAPS_PORT: TLS: \
certificate refused: The certificate is NOT trusted\. \
The certificate issuer is unknown\.$"
check "IMAPS with the CA as ca-file is accepted" pvl poll --once tls
like "and reads the mailbox" "$(cat "$W/check.out")" \
	"^tls: imported 0, already known $((total + 1)), skipped 0$"

# --- NAME.0, NAME.1, ...: slices followed in order ---
for i in 0 1; do
	imap_cmd "$ADMIN" "CREATE lists.x.$i" >/dev/null || bail_out "IMAP CREATE"
done
for i in 1 2 3; do
	gen_message "$W/s$i.eml" "s$i@example.org" "slice mail $i"
	"$DOVECOT_LDA" -c "$W/dovecot/dovecot.conf" -d bot \
		-m "lists.x.$(((i - 1) / 2))" <"$W/s$i.eml" || bail_out "LDA -m"
done
check "a URL naming NAME reads NAME.0 then NAME.1" pvl poll --once slices
like "all of them" "$(cat "$W/check.out")" \
	"^slices: imported 3, already known 0, skipped 0$"
like "the cursor is in the last slice" \
	"$(db_cursor "imap:imap://bot@127.0.0.1:$DOVECOT_PORT/lists.x")" \
	"^lists\.x\.1 [0-9]+ 1$"

# --- public-inbox's read-only IMAP ---
for i in 1 2 3; do gen_message "$W/p$i.eml" "p$i@example.org" "list mail $i"; done
pi_deliver "$W/p1.eml" "$W/p2.eml" "$W/p3.eml" || bail_out pi_deliver
check "public-inbox IMAP: NAME means its slices" pvl poll --once pi
like "reads them" "$(cat "$W/check.out")" \
	"^pi: imported 3, already known 0, skipped 0$"
like "from $NG.0" "$(db_cursor "imap:imap://127.0.0.1:$PI_IMAP_PORT/$NG")" \
	"^$NG\.0 [0-9]+ 3$"
plan_end
