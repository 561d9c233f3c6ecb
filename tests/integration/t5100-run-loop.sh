#!/bin/sh
# The whole loop of a real list: pvbot run reads xen-devel from
# public-inbox over NNTP and posts through SMTP into the same list.  A
# proposal's life -- posted, objected, answered, consensus, the Czar's
# reminder, the promotion -- shows up as the mails a maintainer wants,
# each exactly once, and pvbot's own replies coming back change nothing.
# shellcheck disable=SC2119
. "$TOP_SRCDIR/tests/lib.sh"
. "$TOP_SRCDIR/tests/servers/lib-servers.sh"
. "$TOP_SRCDIR/tests/lib-live.sh"
require_servers public-inbox opensmtpd

LIST=xen-devel@lists.xenproject.org
NG=org.example.xen-devel
start_public_inbox xen-devel "$NG" "$LIST"
# A real MTA between pvbot and the list, as in production.
MD=$W/sink
start_opensmtpd "$MD" "$LIST"
S=$TOP_SRCDIR/etc/pvbot
# sndif starts at design here (not where SUPPORT.md puts it), to be ripe.
sed -e '/^	stage /d' -e '/^stages-date /d' "$S/protocols.conf" \
    >"$W/protocols.conf"
cat >"$CONF" <<EOF
rules $S/rules.conf
policy $S/policy.conf
protocols $W/protocols.conf
templates $S/templates
maintainers $TOP_SRCDIR/contrib/sample/MAINTAINERS
bot-address pvbot@lists.example.org
send yes
list xen-devel
	list-id xen-devel.lists.xenproject.org
	address $LIST
	post yes
source lore
	url nntp://127.0.0.1:$PI_NNTP_PORT/$NG
	list xen-devel
	interval 1s
	timeout 10s
smtp
	url smtp://127.0.0.1:$OPENSMTPD_PORT
	from pvbot@lists.example.org
	timeout 10s
EOF

# Mail dated in the past, so windows have run out by now.
ago() { date -u -R -d "@$(( $(date +%s) - $1 * 86400 ))"; }
CZAR="Greta Lindqvist <greta.lindqvist@example.org>"
SOUNDM="Luca Ferraro <luca.ferraro@example.org>"
post() {	# file msgid subject days-ago from in-reply-to body
	gen_message "$W/$1" "$2" "$3" "$(ago "$4")" "$5" "$6" "$7"
	sed -i "s/^To: .*/To: $LIST/" "$W/$1"
	pi_deliver "$W/$1" || bail_out "pi_deliver $1"
}
# bot_posts SUBJECT-REGEX: pvbot's replies that reached the list archive.
bot_posts() {
	sqlite3 "$PI_DIR/msgmap.sqlite3" 'SELECT mid FROM msgmap' |
		grep -c '^pvbot\.summary\.' || true
}
wait_for() {	# seconds command...
	_t=$1; shift
	while [ "$_t" -gt 0 ]; do "$@" && return 0; sleep 1; _t=$((_t - 1)); done
	"$@"
}
summaries_on_list() { [ "$(bot_posts)" -ge "$1" ]; }
outbox_sent() {
	_n=$(sqlite3 "$DB" "SELECT count(*) FROM outbox WHERE state = 'sent' AND kind = '$1'" 2>/dev/null)
	[ "${_n:-0}" -ge "$2" ]
}

# Day -20: a design proposal for sndif, an explicit lazy-consensus call
# (the tally decides it, not the check-in policy); day -19: the sound
# maintainer objects; day -18: the author answers; the objector never
# replies.  (The call's window is on one line: the rules do not yet read
# "within" and "the next seven days" across a line break.)
post d1 design1@example.com "[DESIGN RFC] docs/designs: PV sound multi-queue" 20 \
	"Aino Virtanen <aino.virtanen@example.com>" "" \
	"A design for sndif multi-queue.
If there are no objections within the next seven days, I will send the
patches."
post d2 nak1@example.org "Re: [DESIGN RFC] docs/designs: PV sound multi-queue" 19 \
	"$SOUNDM" design1@example.com \
	"I don't think this is the right approach: it breaks the ABI of the ring."
post d3 ans1@example.com "Re: [DESIGN RFC] docs/designs: PV sound multi-queue" 18 \
	"Aino Virtanen <aino.virtanen@example.com>" nak1@example.org \
	"It does not: the new queues are negotiated through xenstore first."

start_run
wait_for 60 outbox_sent summary 1
is "the objection went stale: one summary sent" "$(sqlite3 "$DB" "SELECT count(*) FROM outbox WHERE kind = 'summary'")" 1
wait_for 30 summaries_on_list 1
is "the summary reached the list" "$(bot_posts)" 1
id=$(sqlite3 "$DB" "SELECT message_id FROM outbox WHERE kind = 'summary'")
art=$(nntp_cmd "$PI_NNTP_PORT" "GROUP $NG" "ARTICLE <$id>")
like "it replies in the proposal's thread" "$art" "In-Reply-To: <design1@example.com>"
like "it says stale-objection and why" "$art" "stale-objection"
like "it is Auto-Submitted" "$art" "Auto-Submitted: auto-generated"

# pvbot reads its own reply back from the list: it changes nothing.
wait_for 30 sh -c "[ \"\$(sqlite3 '$DB' \"SELECT count(*) FROM messages WHERE message_id = '$id'\")\" = 1 ]"
is "its own reply came back through NNTP" "$(sqlite3 "$DB" "SELECT kind FROM messages WHERE message_id = '$id'")" other
sleep 3
is "and caused no second summary" "$(sqlite3 "$DB" "SELECT count(*) FROM outbox WHERE kind = 'summary'")" 1

# The objector withdraws: consensus, one more summary; then the Czar
# promotes sndif by mail.
post d4 wd1@example.org "Re: [DESIGN RFC] docs/designs: PV sound multi-queue" 0 \
	"$SOUNDM" ans1@example.com "Fair enough, I withdraw my objection.

+1"
wait_for 60 outbox_sent summary 2
is "consensus: a second summary" "$(sqlite3 "$DB" "SELECT count(*) FROM outbox WHERE kind = 'summary'")" 2
like "the second says consensus" "$(sqlite3 "$DB" "SELECT CAST(raw AS TEXT) FROM outbox WHERE kind = 'summary' ORDER BY id DESC LIMIT 1")" "is now: consensus"
wait_for 30 outbox_sent reminder 1
like "the Czar is reminded that sndif is ripe" "$(sqlite3 "$DB" "SELECT CAST(raw AS TEXT) FROM outbox WHERE kind = 'reminder'")" "sndif \(design\): ripe"
is "the reminder went to the Czar" "$(sqlite3 "$DB" "SELECT rcpt FROM outbox WHERE kind = 'reminder'")" "greta.lindqvist@example.org"
wait_for 30 sh -c "grep -qs 'need the Czar' '$MD'/new/*"
like "and the MTA delivered it" "$(grep -ls 'need the Czar' "$MD"/new/* | head -1)" "."
wait_for 30 summaries_on_list 2
post d5 promo1@example.org "Re: [DESIGN RFC] docs/designs: PV sound multi-queue" 0 \
	"$CZAR" wd1@example.org "Agreed, moving it on.

pvbot: promote sndif prototype"
wait_for 30 sh -c "[ \"\$(sqlite3 '$DB' \"SELECT stage FROM protocol_stages WHERE name = 'sndif'\")\" = prototype ]"
is "the Czar's mail promoted sndif" "$(sqlite3 "$DB" "SELECT stage FROM protocol_stages WHERE name = 'sndif'")" prototype
is "one promotion event" "$(sqlite3 "$DB" "SELECT count(*) FROM events WHERE kind = 'promotion'")" 1
sleep 3
is "every mail exactly once" "$(sqlite3 "$DB" "SELECT count(*) - count(DISTINCT message_id) FROM outbox")" 0
is "nothing failed" "$(sqlite3 "$DB" "SELECT count(*) FROM outbox WHERE state <> 'sent'")" 0
stop_run TERM
is "the daemon stops cleanly" "$RUN_STATUS" 0

# A broken template stops pvbot at start, with file:line.
cp -r "$S/templates" "$W/tmpl"
echo "{{#votes}} unclosed" >>"$W/tmpl/summary.tmpl"
sed "s|^templates .*|templates $W/tmpl|" "$CONF" >"$W/bad.conf"
timeout 20 "$PVBOT" -c "$W/bad.conf" -d "$DB" run -f >"$W/bad.out" 2>&1
is "a template error stops run" "$?" 1
like "and says file:line" "$(cat "$W/bad.out")" "summary.tmpl:[0-9]+: section not closed"
plan_end
