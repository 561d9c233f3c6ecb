#!/bin/sh
# The daemon killed mid-send: after the restart the mail is held, not
# resent, and every pass of pvbot run names it in the log with the way out
# until the operator runs pvbot outbox resolve; then the next pass sends
# it, once.
# shellcheck disable=SC2119
. "$TOP_SRCDIR/tests/lib.sh"
. "$TOP_SRCDIR/tests/servers/lib-servers.sh"
. "$TOP_SRCDIR/tests/lib-live.sh"
require_servers public-inbox smtp-sink

LIST=xen-devel@lists.xenproject.org
NG=org.example.xen-devel
start_public_inbox xen-devel "$NG" "$LIST"
MD=$W/sink
start_smtp_sink "$MD"
post_conf "$CONF"
cat >>"$CONF" <<EOF
source lore
	url nntp://127.0.0.1:$PI_NNTP_PORT/$NG
	list xen-devel
	interval 1s
	timeout 10s
EOF
ago() { date -u -R -d "@$(( $(date +%s) - $1 * 86400 ))"; }
post() {	# file msgid subject days-ago from in-reply-to body
	gen_message "$W/$1" "$2" "$3" "$(ago "$4")" "$5" "$6" "$7"
	sed -i "s/^To: .*/To: $LIST/" "$W/$1"
	pi_deliver "$W/$1" || bail_out "pi_deliver $1"
}
wait_for() {	# seconds command...
	_t=$1; shift
	while [ "$_t" -gt 0 ]; do "$@" && return 0; sleep 1; _t=$((_t - 1)); done
	"$@"
}
held_lines() { grep -c 'is held' "$W/run.log" 2>/dev/null || true; }
more_held() { [ "$(held_lines)" -gt "$1" ]; }
delivered() { cat "$MD"/new/* 2>/dev/null | grep '^Message-ID: <pvbot\.summary\.' | sort -u | wc -l | tr -d ' '; }
# chatter N: an unrelated mail on the list, news that makes the daemon act.
chatter() {
	post "c$1" "chat$1@example.org" "Xen Summit dates $1" 0 \
		"Sam Okoro <sam.okoro@example.org>" "" "When is it this year?"
}

# A design whose objection went stale: a status reply is due.
SUBJ="[DESIGN RFC] docs/designs: PV sound multi-queue"
post d1 design1@example.com "$SUBJ" 20 "Aino Virtanen <aino.virtanen@example.com>" "" \
	"A design for sndif multi-queue.  If there are no objections within
the next seven days, I will send the patches."
post d2 nak1@example.org "Re: $SUBJ" 19 "Luca Ferraro <luca.ferraro@example.org>" \
	design1@example.com "I don't think this is the right approach: it breaks the ABI of the ring."
post d3 ans1@example.com "Re: $SUBJ" 18 "Aino Virtanen <aino.virtanen@example.com>" \
	nak1@example.org "It does not: the new queues are negotiated through xenstore first."

# The daemon dies with the reply in flight.
PVBOT_FAULT=mid-send timeout 60 "$PVBOT" -c "$CONF" -d "$DB" run -f >"$W/crash.log" 2>&1
is "the daemon was killed mid-send" "$?" 137
id=$(sqlite3 "$DB" "SELECT id FROM outbox WHERE state = 'sending'")
like "the reply was in flight" "$id" "^[0-9]+$"
is "and did not go out" "$(delivered)" 0

# Restarted, it holds the mail and says so on every pass.
start_run
wait_for 60 more_held 0
like "the log names the held mail and the way out" "$(grep 'is held' "$W/run.log" | head -1)" \
	"mail $id <pvbot\.summary\..*> \(summary to $LIST,aino\.virtanen@example\.com\) was caught mid-send .* 'pvbot outbox resolve $id sent' if it arrived, 'pvbot outbox resolve $id resend' if not"
is "held, not resent" "$(sqlite3 "$DB" "SELECT state FROM outbox WHERE id = $id")" uncertain
n=$(held_lines)
chatter 1
wait_for 60 more_held "$n"
like "the next pass names it again" "$(held_lines)" "^[2-9]|^[1-9][0-9]"
is "still nothing sent" "$(delivered)" 0

# The operator looked in the archive: it is not there.  Resend.
check "outbox resolve resend, with the daemon running" \
	"$PVBOT" -c "$CONF" -d "$DB" outbox resolve "$id" resend
n=$(held_lines)
chatter 2
wait_for 60 sh -c "[ \"\$(sqlite3 '$DB' \"SELECT state FROM outbox WHERE id = $id\")\" = sent ]"
is "the next pass sent it" "$(sqlite3 "$DB" "SELECT state FROM outbox WHERE id = $id")" sent
is "it went out once" "$(delivered)" 1
sleep 3
is "and is no longer named" "$(held_lines)" "$n"
stop_run TERM
is "the daemon stops cleanly" "$RUN_STATUS" 0
plan_end
