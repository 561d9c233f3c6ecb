#!/bin/sh
# A soak run, not a test: pvbot run watches a public-inbox NNTP group and
# a Dovecot mailbox at once for SOAK_MINUTES (default 60) while mail keeps
# arriving and both servers are killed and restarted every few minutes.
# Prints pvbot's resident memory over time, then checks that every
# delivered message is in the database exactly once.
#   TOP_SRCDIR=... TOP_BUILDDIR=... PVBOT=... sh tests/bench/soak.sh
. "$TOP_SRCDIR/tests/lib.sh"
. "$TOP_SRCDIR/tests/servers/lib-servers.sh"
. "$TOP_SRCDIR/tests/lib-live.sh"
require_servers public-inbox dovecot
MINUTES=${SOAK_MINUTES:-60}
NG=org.example.xen-devel
LIST=xen-devel@lists.xenproject.org
start_public_inbox xen-devel "$NG" "$LIST"
start_dovecot bot botpass
printf 'bot:botpass\n' >"$W/cred"; chmod 600 "$W/cred"
live_conf
cat >>"$CONF" <<EOF
source lore
	url nntp://127.0.0.1:$PI_NNTP_PORT/$NG
	interval 5s
	timeout 10s
source box
	url imap://127.0.0.1:$DOVECOT_PORT/INBOX
	credentials-file $W/cred
	list xen-devel
	interval 5s
	timeout 10s
EOF
start_run
end=$(( $(date +%s) + MINUTES * 60 ))
n=0; nextkill=$(( $(date +%s) + 300 ))
echo "minute rss_kib messages"
start=$(date +%s)
while [ "$(date +%s)" -lt "$end" ]; do
	n=$((n + 1))
	gen_message "$W/n$n" "soak-nntp-$n@example.org" "[PATCH] soak $n"
	pi_deliver "$W/n$n" >/dev/null 2>&1 || echo "# pi_deliver $n failed"
	gen_message "$W/i$n" "soak-imap-$n@example.org" "Re: soak $n" "" \
		"Bob <bob@example.org>" "soak-nntp-$n@example.org" "Looks fine."
	DOVECOT_FROM=bob@example.org dovecot_deliver "$W/i$n" >/dev/null 2>&1
	if [ "$(date +%s)" -ge "$nextkill" ]; then
		restart_public_inbox KILL; crash_dovecot
		nextkill=$(( $(date +%s) + 300 ))
	fi
	if [ $((n % 6)) -eq 0 ]; then
		echo "$(( ($(date +%s) - start) / 60 )) $(ps -o rss= -p "$RUN_PID" | tr -d ' ') $(db_count)"
	fi
	sleep 5
done
sleep 30
stop_run TERM
echo "delivered $((2 * n)); stored $(db_count); distinct $(sqlite3 "$DB" 'SELECT count(DISTINCT message_id) FROM messages WHERE present')"
echo "daemon exit status $RUN_STATUS; reconnects: $(grep -c 'retrying' "$W/run.log")"
