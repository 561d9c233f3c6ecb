#!/bin/sh
# Credentials never leave the places they are kept.  pvbot logs in to the
# SMTP sink (which requires AUTH here) with a password from a file and
# from the environment, with every debug category on: the password must
# appear nowhere in its stdout, stderr or database, nor ever in its
# command line (/proc/PID/cmdline, what ps shows), nor in the errors of a
# refused login.  A secret file others may read is refused, for SMTP and
# for sources, and so is a password written into a URL.
. "$TOP_SRCDIR/tests/lib.sh"
. "$TOP_SRCDIR/tests/servers/lib-servers.sh"
require_servers smtp-sink
command -v sqlite3 >/dev/null || skip_all "sqlite3 missing"

PASS="Pw-$$-s3cr3t-$(date +%s)"
MD=$W/sink
SMTP_SINK_AUTH="pvbot:$PASS" start_smtp_sink "$MD"
NOW=2026-11-25T12:00:00Z
S=$TOP_SRCDIR/etc/pvbot
printf 'pvbot:%s\n' "$PASS" >"$W/secret"
chmod 600 "$W/secret"
# write_conf CREDENTIALS-LINE [URL]
write_conf() {
	cat >"$W/pvbot.conf" <<EOF
rules $S/rules.conf
policy $S/policy.conf
protocols $S/protocols.conf
templates $S/templates
maintainers $TOP_SRCDIR/contrib/sample/MAINTAINERS
bot-address pvbot@lists.example.org
send yes
list xen-devel
	list-id xen-devel.lists.xenproject.org
	address xen-devel@lists.xenproject.org
	post yes
smtp
	url ${2:-smtp://127.0.0.1:$SMTP_PORT}
	from pvbot@lists.example.org
	timeout 5s
	$1
EOF
}
p() { "$PVBOT" -v all -c "$W/pvbot.conf" -d "$DB" "$@"; }
delivered() { cat "$MD"/new/* 2>/dev/null | grep -c '^Message-ID: '; }

# watch CMD...: run pvbot in the background, reading its command line as
# it runs; everything it printed and every command line seen are kept.
watch() {
	"$PVBOT" -v all -c "$W/pvbot.conf" -d "$DB" "$@" >"$W/out" 2>"$W/err" &
	pid=$!
	: >"$W/cmdlines"
	while kill -0 $pid 2>/dev/null; do
		tr '\0' ' ' <"/proc/$pid/cmdline" >>"$W/cmdlines" 2>/dev/null
		echo >>"$W/cmdlines"
	done
	wait $pid
	rc=$?
}
# leaks WHAT: the password anywhere it must not be.
leaks() {
	n=$(cat "$W/out" "$W/err" "$W/cmdlines" | grep -c -- "$PASS")
	sqlite3 "$DB" .dump | grep -q -- "$PASS" && n=$((n + 1))
	is "$1: the password is in no output, command line or table" "$n" 0
}

# From a file.
write_conf "credentials-file $W/secret"
p import "$TOP_SRCDIR/contrib/sample/xen-devel.mbox" >/dev/null 2>&1
watch summary --send --now $NOW
is "credentials-file: send exits 0" "$rc" 0
like "credentials-file: logged in" "$(cat "$W/smtp-sink.log")" "auth ok pvbot"
like "credentials-file: mail delivered" "$(delivered)" "^[1-9]"
like "command lines were read while it ran" "$(grep -c pvbot "$W/cmdlines")" "^[1-9]"
leaks "credentials-file"

# From the environment, as "user:password".
write_conf "credentials-env PVBOT_TEST_SMTP"
sent=$(delivered)
PVBOT_TEST_SMTP="pvbot:$PASS"; export PVBOT_TEST_SMTP
watch digest --send --now $NOW
watch remind --send --now 2026-12-09T12:00:00Z
is "credentials-env: exits 0" "$rc" 0
leaks "credentials-env"
unset PVBOT_TEST_SMTP

# A wrong password: refused by the server; neither password is echoed.
printf 'pvbot:%s-wrong\n' "$PASS" >"$W/secret"
write_conf "credentials-file $W/secret"
watch remind --send --now 2026-12-20T12:00:00Z
like "wrong password: the login failure is reported" \
    "$(cat "$W/out" "$W/err"; sqlite3 "$DB" 'SELECT last_error FROM outbox')" \
    "[Ll]ogin|535|auth"
leaks "wrong password"
printf 'pvbot:%s\n' "$PASS" >"$W/secret"

# A secret others may read is refused before it is read.
chmod 640 "$W/secret"
watch remind --send --now 2026-12-30T12:00:00Z
like "group-readable secret file: refused, said why" \
    "$(cat "$W/out" "$W/err"; sqlite3 "$DB" 'SELECT last_error FROM outbox')" \
    "group or others may read it: refused \(chmod 600 it\)"
leaks "group-readable secret file"
chmod 600 "$W/secret"

# A FIFO in its place must not hang pvbot.
mkfifo "$W/fifo"; chmod 600 "$W/fifo"
write_conf "credentials-file $W/fifo"
timeout -k 5 60 "$PVBOT" -c "$W/pvbot.conf" -d "$DB" remind --send \
    --now 2027-01-01T12:00:00Z >"$W/out" 2>"$W/err"
like "a FIFO as secret file: refused, no hang" \
    "$(cat "$W/out" "$W/err"; sqlite3 "$DB" 'SELECT last_error FROM outbox')" \
    "fifo: not a regular file"

# A password written into the URL.
write_conf "" "smtp://pvbot:$PASS@127.0.0.1:$SMTP_PORT"
watch remind --send --now 2027-01-10T12:00:00Z
like "password in the smtp url: refused" \
    "$(cat "$W/out" "$W/err"; sqlite3 "$DB" 'SELECT last_error FROM outbox')" \
    "smtp url holds a password"
n=$(cat "$W/out" "$W/err" | grep -c -- "$PASS")
is "password in the smtp url: not echoed" "$n" 0

# Sources: the same rule for their credentials-file (net.c refuses it at
# login; config check says so beforehand), and no password in a URL.
chmod 644 "$W/secret"
cat >"$W/src.conf" <<EOF
rules $S/rules.conf
policy $S/policy.conf
protocols $S/protocols.conf
templates $S/templates
source lore
	url nntp://127.0.0.1:9/org.example.test
	list xen-devel
	user pvbot
	credentials-file $W/secret
EOF
"$PVBOT" -c "$W/src.conf" config check >"$W/out" 2>"$W/err"
like "source credentials-file readable by others: refused" \
    "$(cat "$W/out" "$W/err")" "credentials-file .*group or others may read it"
cat >"$W/src.conf" <<EOF
rules $S/rules.conf
policy $S/policy.conf
protocols $S/protocols.conf
templates $S/templates
source lore
	url nntp://pvbot:$PASS@127.0.0.1:9/org.example.test
	list xen-devel
EOF
timeout -k 5 30 "$PVBOT" -c "$W/src.conf" -d "$W/src.db" poll --once lore \
    >"$W/out" 2>"$W/err"
like "password in a source url: refused" "$(cat "$W/out" "$W/err")" \
    "a password in the URL is refused"
is "password in a source url: not echoed" \
    "$(cat "$W/out" "$W/err" | grep -c -- "$PASS")" 0
plan_end
