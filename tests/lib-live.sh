# Helpers for the live-source tests (t3000, t3100) and tests/bench/bench-live.sh.
# Source after tests/lib.sh and tests/servers/lib-servers.sh.
# shellcheck disable=SC2034  # the variables set here are for the tests

CONF=$W/pvbot.conf

# pvl ARGS...: pvbot with the test's own config and database.
pvl() { "$PVBOT" -c "$CONF" -d "$DB" "$@"; }

# live_conf: start $CONF with the repository's rules and a xen-devel list;
# the test appends its "source" sections.
live_conf() {
	cat >"$CONF" <<EOF
rules $TOP_SRCDIR/etc/pvbot/rules.conf
policy $TOP_SRCDIR/etc/pvbot/policy.conf
protocols $TOP_SRCDIR/etc/pvbot/protocols.conf
templates $TOP_SRCDIR/etc/pvbot/templates
list xen-devel
	list-id xen-devel.lists.xenproject.org
	address xen-devel@lists.xenproject.org
EOF
}

# hostile_conf PROTO: live_conf plus a source "h" polling the hostile
# server (tests/servers/hostile.py, started by start_hostile) over PROTO,
# messages up to $MAX bytes, with short timeouts: t9210 and
# tests/bench/bench-hostile.sh.
hostile_conf() {
	live_conf
	case $1 in
	nntp) url=nntp://127.0.0.1:$HOSTILE_PORT/org.example.hostile ;;
	imap) url=imap://127.0.0.1:$HOSTILE_PORT/INBOX ;;
	esac
	cat >>"$CONF" <<EOF
max-message-size $MAX
source h
	url $url
	timeout 3s
	command-timeout 5s
EOF
}

# db_count: messages stored (not mere references).
db_count() {
	sqlite3 "$DB" 'SELECT COUNT(*) FROM messages WHERE present = 1' 2>/dev/null ||
		echo 0
}
# db_ids: their Message-IDs, sorted.
db_ids() {
	sqlite3 "$DB" 'SELECT message_id FROM messages WHERE present = 1
		ORDER BY message_id'
}
# db_cursor KEY: a source's stored cursor ("imap:URL", "nntp:URL").
db_cursor() {
	sqlite3 "$DB" "SELECT value FROM cursors WHERE source = '$1'"
}

# gen_mbox FILE N SEED: N generated messages (tests/gen-archive).
gen_mbox() { "$TOP_BUILDDIR/tests/gen-archive" -n "$2" -s "$3" >"$1"; }

# pi_import MBOX: add a whole mboxrd to the public-inbox in one process
# (pi_deliver runs public-inbox-mda once per message: too slow for
# thousands).  Prints how many were added.
pi_import() {
	cp "$SERVERS_DIR/pi-import.pl" "$W/pi-import.pl"
	as_mail env HOME="$W/pi" PI_CONFIG="$PI_CONFIG" \
		perl "$W/pi-import.pl" "$PI_NAME" <"$1"
}
# pi_ids: the public-inbox's Message-IDs, sorted.
pi_ids() {
	sqlite3 "$PI_DIR/msgmap.sqlite3" 'SELECT mid FROM msgmap ORDER BY mid'
}

# maildir_fill MBOX [MAILDIR]: each message of MBOX as a new file in the
# Maildir (as an MTA would drop it), fast where the LDA forks per message.
maildir_fill() {
	as_mail "$SYSPY" - "$1" "${2:-$DOVECOT_MAILDIR}" <<'EOF'
import mailbox, sys
box = mailbox.Maildir(sys.argv[2], create=False)
n = 0
for msg in mailbox.mbox(sys.argv[1], create=False):
    box.add(msg)
    n += 1
print(n)
EOF
}

# imap_cmd URL COMMAND: one IMAP command with curl (user and password in
# URL), its untagged answer on stdout.
imap_cmd() { curl -sS --max-time 20 "$1" -X "$2"; }

# idle_latency FILE MSGID: deliver FILE to dovecot with its LDA and print
# the seconds until MSGID is stored in $DB (from before the delivery, so
# it includes the LDA's own time), or "timeout" after 30 s.
idle_latency() {
	"$SYSPY" - "$DB" "$1" "$2" "$DOVECOT_LDA" "$W/dovecot/dovecot.conf" \
		"$DOVECOT_USER" <<'EOF'
import sqlite3, subprocess, sys, time
db, path, mid, lda, conf, user = sys.argv[1:]
con = sqlite3.connect("file:%s?mode=ro" % db, uri=True)
q = "SELECT 1 FROM messages WHERE message_id = ? AND present = 1"
t0 = time.monotonic()
with open(path, "rb") as f:
    subprocess.run([lda, "-c", conf, "-d", user, "-f", "sender@example.org"],
                   stdin=f, check=True)
while time.monotonic() - t0 < 30:
    if con.execute(q, (mid,)).fetchone():
        print("%.3f" % (time.monotonic() - t0))
        sys.exit(0)
    time.sleep(0.005)
print("timeout")
sys.exit(1)
EOF
}

# start_run [ARGS...]: `pvbot run -f` in the background, as our child;
# RUN_PID is its pid and $W/run.log its log.  stop_run SIGNAL stops it and
# sets RUN_STATUS.
start_run() {
	"$PVBOT" -v net -c "${RUN_CONF:-$CONF}" -d "$DB" run -f "$@" \
		>>"$W/run.log" 2>&1 &
	RUN_PID=$!
	[ -n "${_run_atexit:-}" ] || at_exit 'stop_run KILL'
	_run_atexit=1
}
stop_run() {
	[ -n "${RUN_PID:-}" ] || return 0
	kill -"${1:-TERM}" "$RUN_PID" 2>/dev/null
	wait "$RUN_PID"
	RUN_STATUS=$?
	RUN_PID=
}
# run_log_has REGEX: the daemon's log has a matching line.
run_log_has() { grep -Eq -- "$1" "$W/run.log"; }

# crash_dovecot: a crash of the whole server.  restart_dovecot KILL kills
# the master only, and its imap processes go on serving the connections
# they have; here they die with it, then it starts again on its ports.
crash_dovecot() {
	_master=$(cat "$W/pids/dovecot.pid")
	_kids=$(ps -o pid= --ppid "$_master")
	stop_dovecot KILL
	# shellcheck disable=SC2086  # one pid per word
	[ -z "$_kids" ] || kill -KILL $_kids 2>/dev/null
	restart_dovecot
}
