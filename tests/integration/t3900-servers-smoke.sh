#!/bin/sh
# The loopback server harness itself: every server starts, takes mail,
# serves it, fails on demand, restarts on its ports and stops.
# shellcheck disable=SC2119  # stop_*/restart_* take an optional signal
. "$TOP_SRCDIR/tests/lib.sh"
. "$TOP_SRCDIR/tests/servers/lib-servers.sh"
require_servers public-inbox dovecot tls smtp-sink
_have curl || require curl

LIST=xen-devel@lists.xenproject.org	# gen_message's To:
NG=org.example.xen-devel

# --- public-inbox: NNTP and IMAP ---
start_public_inbox xen-devel "$NG" "$LIST"
for i in 1 2 3; do gen_message "$W/m$i.eml" "m$i@example.org" "patch $i"; done
check "pi_deliver delivers 3 messages" pi_deliver "$W/m1.eml" "$W/m2.eml" "$W/m3.eml"
check_fails "pi_deliver notices a rejected duplicate" pi_deliver "$W/m2.eml"
like "NNTP GROUP shows articles 1-3" \
	"$(nntp_cmd "$PI_NNTP_PORT" "GROUP $NG")" "^211 [0-9]+ 1 3 $NG"
like "NNTP STAT finds a message by Message-ID" \
	"$(nntp_cmd "$PI_NNTP_PORT" "STAT <m2@example.org>")" "^223 "
piurl="imap://anonymous:x@127.0.0.1:$PI_IMAP_PORT/$NG.0"
like "public-inbox IMAP UID SEARCH ALL" \
	"$(curl -sS "$piurl" -X 'UID SEARCH ALL' 2>&1)" "SEARCH 1 2 3"

nntp_port=$PI_NNTP_PORT
stop_public_inbox KILL
check "killed public-inbox NNTP port is closed" port_closed "$nntp_port"
restart_public_inbox
is "public-inbox restarts on the same NNTP port" "$PI_NNTP_PORT" "$nntp_port"
like "NNTP serves again after the restart" \
	"$(nntp_cmd "$PI_NNTP_PORT" "GROUP $NG")" "^211 [0-9]+ 1 3 $NG"

# --- dovecot: IMAP, IMAPS ---
start_dovecot bot botpass
check "dovecot_deliver delivers 2 messages" dovecot_deliver "$W/m1.eml" "$W/m2.eml"
dvurl="imap://bot:botpass@127.0.0.1:$DOVECOT_PORT/INBOX"
like "dovecot UID SEARCH UNSEEN" \
	"$(curl -sS "$dvurl" -X 'UID SEARCH UNSEEN' 2>&1)" "SEARCH 1 2"
tlsurl="imaps://bot:botpass@127.0.0.1:$DOVECOT_IMAPS_PORT/INBOX"
check_fails "IMAPS with an unknown CA is refused" \
	curl -sS --max-time 10 "$tlsurl" -X 'UID SEARCH ALL'
like "refused for its certificate" "$(cat "$W/check.out")" "certificate"
check "IMAPS with the configured CA is accepted" \
	curl -sS --max-time 10 --cacert "$DOVECOT_CA" "$tlsurl" -X 'UID SEARCH ALL'
check "STARTTLS with the configured CA is accepted" curl -sS --max-time 10 \
	--ssl-reqd --cacert "$DOVECOT_CA" "$dvurl" -X 'UID SEARCH ALL'
restart_dovecot
like "dovecot serves again after a restart" \
	"$(curl -sS "$dvurl" -X 'UID SEARCH ALL' 2>&1)" "SEARCH 1 2"

# --- SMTP sink into public-inbox ---
start_smtp_sink "$W/sink" "$LIST"
gen_message "$W/post.eml" "post@example.org" "Re: patch 1" "" \
	"pvbot <bot@example.org>" "m1@example.org"
send() {	# send PORT FILE RCPT...
	_port=$1 _file=$2; shift 2
	for _r; do set -- "$@" --mail-rcpt "$_r"; shift; done
	curl -sS --max-time 20 -w 'code=%{response_code}\n' \
		"smtp://127.0.0.1:$_port" \
		--mail-from bot@example.org "$@" --upload-file "$_file"
}
check "curl sends to the list and a Cc over SMTP" \
	send "$SMTP_PORT" "$W/post.eml" "$LIST" dev@example.com
nntp_has() { nntp_cmd "$PI_NNTP_PORT" "STAT <$1>" | grep -q '^223 '; }
check "the list post arrives over NNTP" wait_until 10 nntp_has post@example.org
is "the Cc copy lands in the sink Maildir" "$(find "$W/sink/new" -type f | wc -l)" 1
like "the Cc copy shows the envelope" "$(cat "$W/sink/new/"*)" "^X-RcptTo: dev@example.com"

gen_message "$W/fail.eml" "fail@example.org" "refused"
smtp_sink_fail rcpt 550
check_fails "a scripted 550 at RCPT makes curl fail" send "$SMTP_PORT" "$W/fail.eml" "$LIST"
like "curl reports the 550" "$(cat "$W/check.out")" "code=550"
smtp_sink_fail data 451
check_fails "a scripted 451 at DATA makes curl fail" send "$SMTP_PORT" "$W/fail.eml" "$LIST"
# curl exits 8 "Weird server reply" here: the code is only in response_code
like "curl reports the 451" "$(cat "$W/check.out")" "code=451"
smtp_sink_fail
check "the healed sink accepts the mail again" send "$SMTP_PORT" "$W/fail.eml" "$LIST"
check "which arrives over NNTP" wait_until 10 nntp_has fail@example.org

# --- OpenSMTPD (optional, one per machine: tests take turns) ---
if _have smtpd flock; then
	start_opensmtpd "$W/smtpd-mail" "$LIST"
	gen_message "$W/mta.eml" "mta@example.org" "via opensmtpd"
	check "OpenSMTPD takes a post" send "$OPENSMTPD_PORT" "$W/mta.eml" "$LIST"
	check "OpenSMTPD delivers it into public-inbox" wait_until 10 \
		nntp_has mta@example.org
	stop_opensmtpd
fi

# --- stops leave nothing behind ---
pids=$(cat "$W"/pids/*.pid)
ports="$SMTP_PORT $DOVECOT_PORT $DOVECOT_IMAPS_PORT $PI_NNTP_PORT $PI_IMAP_PORT"
stop_smtp_sink; stop_dovecot; stop_public_inbox
left=""
for p in $pids; do _srv_alive "$p" && left="$left pid:$p"; done
for p in $ports; do port_closed "$p" || left="$left port:$p"; done
is "every server is gone after its stop" "$left" ""
plan_end
