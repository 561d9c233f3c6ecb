#!/bin/sh
# Acting on the list over real SMTP (the aiosmtpd sink): summaries exactly
# once, retries on 4xx and dead servers, failure on 5xx, no second copy
# after a crash, double opt-in subscriptions.
. "$TOP_SRCDIR/tests/lib.sh"
. "$TOP_SRCDIR/tests/servers/lib-servers.sh"
require_servers smtp-sink

MD=$W/sink
start_smtp_sink "$MD"
NOW=2026-11-25T12:00:00Z
S=$TOP_SRCDIR/etc/pvbot
write_conf() {
	cat >"$W/pvbot.conf" <<EOF
rules $S/rules.conf
policy $S/policy.conf
protocols $S/protocols.conf
templates $S/templates
maintainers $TOP_SRCDIR/contrib/sample/MAINTAINERS
bot-address pvbot@lists.example.org
requests requests
send ${2:-yes}
summary-max-age 60d
list xen-devel
	list-id xen-devel.lists.xenproject.org
	address xen-devel@lists.xenproject.org
	post yes
${3:+	rollup $3}
smtp
	url smtp://127.0.0.1:$1
	from pvbot@lists.example.org
	timeout 5s
EOF
}
write_conf "$SMTP_PORT"
p() { "$PVBOT" -c "$W/pvbot.conf" -d "$DB" "$@"; }
# Mails, not copies: the sink keeps one copy per recipient.
delivered() { cat "$MD"/new/* "$MD"/cur/* 2>/dev/null | grep -c '^Message-ID: '; }
distinct() { cat "$MD"/new/* "$MD"/cur/* 2>/dev/null | grep '^Message-ID: ' | sort -u | wc -l | tr -d ' '; }
has_id() { grep -l "^Message-ID: <$1>" "$MD"/new/* "$MD"/cur/* 2>/dev/null | wc -l | tr -d ' '; }

p import "$TOP_SRCDIR/contrib/sample/xen-devel.mbox" >/dev/null 2>&1

# News, not history: by default (14d) a first run replies only where a
# message or a deadline is recent -- pvcalls v2, 9pfs and displif (changes
# requested on 2026-11-23) in the sample, not blkfront (applied six weeks
# ago) nor xenstore (objected since October).
sed -i '/^summary-max-age /d' "$W/pvbot.conf"
p summary --now $NOW >"$W/news.mbox" 2>/dev/null
is "first run: replies for recent verdicts only" \
	"$(grep '^Subject: ' "$W/news.mbox" | sort | tr '\n' '|')" \
	"Subject: Re: [PATCH v2 0/3] pvcalls: add UDP socket support|Subject: Re: [PATCH] 9pfs: xen transport: fix ring index wrap|Subject: Re: [RFC PATCH 0/2] displif: add EDID passthrough|"
write_conf "$SMTP_PORT"
p summary --now $NOW >"$W/dry.mbox" 2>"$W/dry.err"
is "dry run exits 0" "$?" 0
n=$(grep -c '^From pvbot ' "$W/dry.mbox")
like "dry run prints the summaries as an mbox" "$n" "^[1-9][0-9]*$"
is "dry run queues nothing" "$(sqlite3 "$DB" 'SELECT count(*) FROM outbox')" 0
is "dry run sends nothing" "$(delivered)" 0

p summary --send --now $NOW >"$W/out" 2>&1
is "send exits 0" "$?" 0
like "queued and sent them all" "$(cat "$W/out")" "^queued $n, already queued 0, held by limits 0; sent $n, to retry 0, failed 0"
is "the sink got each mail" "$(distinct)" "$n"
copies=$(delivered)
f=$(grep -l '^Subject: Re: \[PATCH v2 0/3\] pvcalls' "$MD"/new/* | head -1)
like "summary replies in the thread" "$(cat "$f")" "In-Reply-To: <20261110043241.8830-1-priya.raman@example.net>"
like "summary is Auto-Submitted" "$(cat "$f")" "Auto-Submitted: auto-generated"
# xenstore's root (its v1) is not in the sample: the reply answers the
# v3 patch pvbot has, and still names the root.
x=$(grep -l '^Subject: Re: \[PATCH v3\] tools/xenstore' "$MD"/new/* | head -1)
like "a missing root: the reply answers the version's patch" "$(cat "$x")" \
	"In-Reply-To: <0c7e5b1a-3f42-4d8e-9a61-b25f0e7d4c98@example.com>"
like "and References lead from the root to it (unfolded)" \
	"$(grep -A1 '^References:' "$x" | tr -d '\r\n')" \
	"References: <20260914101522.7731-1-ana.costa@example.com> <0c7e5b1a-3f42-4d8e-9a61-b25f0e7d4c98@example.com>"
like "summary names the rule and how to mute" "$(cat "$f")" "pvbot: mute"
like "summary gives the verdict and tally" "$(cat "$f")" "is now: consensus"

p summary --send --now $NOW >"$W/out" 2>&1
like "rerun: nothing new" "$(cat "$W/out")" "^queued 0, already queued $n, .*sent 0"
is "rerun: no second copy" "$(delivered)" "$copies"

# The bot's own replies come back through the list: they change nothing.
before=$(p status --json --all --now $NOW | sed '/"now"/d')
p import --list xen-devel "$MD" >/dev/null 2>&1
after=$(p status --json --all --now $NOW | sed '/"now"/d')
is "own mail changes no verdict" "$after" "$before"
is "own mail is classified other" "$(sqlite3 "$DB" "SELECT group_concat(DISTINCT kind) FROM messages WHERE from_email = 'pvbot@lists.example.org'")" "other"
p summary --send --now $NOW >"$W/out" 2>&1
like "own mail triggers no summary" "$(cat "$W/out")" "^queued 0,"

# SMTP answering 4xx: kept and retried, then sent once the server heals.
# New mail gives a new verdict to report: the 9PFS maintainer acks the
# 9pfs patch on 2026-11-29 (it needed his review), so it is consensus.
LATER=2026-11-30T12:00:00Z
gen_message "$W/kofi.eml" kofi-ack-9pfs@example.org \
	"Re: [PATCH] 9pfs: xen transport: fix ring index wrap" \
	"Sun, 29 Nov 2026 09:00:00 +0000" "Kofi Mensah <kofi.mensah@example.org>" \
	20261028110327.5512-1-oliver.brennan@example.com \
	"Fair enough, the wrap is handled now.

Acked-by: Kofi Mensah <kofi.mensah@example.org>"
p import "$W/kofi.eml" >/dev/null 2>&1
smtp_sink_fail mail 451
p summary --send --now $LATER >"$W/out" 2>&1
like "4xx: to retry" "$(cat "$W/out")" "to retry 1, failed 0"
is "4xx: still queued with the answer" "$(sqlite3 "$DB" "SELECT state || ' ' || attempts || ' ' || json_extract(answers, '\$[0].code') || ' ' || (last_error LIKE 'at MAIL FROM:<%>: 451 %') FROM outbox WHERE state <> 'sent'")" "queued 1 451 1"
smtp_sink_fail
p summary --send --now 2026-11-30T12:05:00Z >"$W/out" 2>&1
like "healed: sent after the backoff" "$(cat "$W/out")" "sent 1, to retry 0"
is "healed: one more mail" "$(distinct)" "$((n + 1))"

# No server at all: the same, not lost.
write_conf "$(free_port)"
p subscribe --daily ops@example.com >/dev/null
p digest --send --now 2026-12-01T12:00:00Z >"$W/out" 2>&1
like "server down: to retry" "$(cat "$W/out")" "to retry 1"
write_conf "$SMTP_PORT"
p digest --send --now 2026-12-01T12:10:00Z >"$W/out" 2>&1
like "server back: digest sent" "$(cat "$W/out")" "sent 1"
d=$(grep -l '^To: ops@example.com' "$MD"/new/* | head -1)
like "digest carries List-Unsubscribe" "$(cat "$d")" "List-Unsubscribe: <mailto:pvbot@lists.example.org"

# 550: failed, with the server's reason kept; the exit status says so.
smtp_sink_fail rcpt 550
p remind --send --now 2026-12-02T12:00:00Z >"$W/out" 2>&1
is "5xx: exit 1" "$?" 1
like "5xx: failed" "$(cat "$W/out")" "failed 1"
like "5xx: reason kept" "$(p outbox | grep -A1 '^[0-9]* *failed *reminder' | tail -1)" \
	"^ +at RCPT TO:<.*>: 550 5\.0\.0 scripted rcpt failure \(pvbot test sink\)$"
smtp_sink_fail

# kill -9 between queueing and sending: exactly one copy after restart.
PVBOT_FAULT=after-queue p remind --send --now 2026-12-09T12:00:00Z >/dev/null 2>&1
is "killed after queueing" "$?" 137
id=$(sqlite3 "$DB" "SELECT message_id FROM outbox WHERE state = 'queued'")
like "the mail waits in the outbox" "$id" "^pvbot.reminder."
is "nothing sent before the crash" "$(has_id "$id")" 0
p remind --send --now 2026-12-09T12:00:00Z >"$W/out" 2>&1
is "after restart: sent" "$(has_id "$id")" 1
p remind --send --now 2026-12-09T12:00:00Z >/dev/null 2>&1
is "and never twice" "$(has_id "$id")" 1

# Sending needs "send yes".
write_conf "$SMTP_PORT" no
p summary --send --now $NOW >/dev/null 2>"$W/err"
is "--send refused when disabled" "$?" 1
like "refusal says why" "$(cat "$W/err")" "sending is disabled"
write_conf "$SMTP_PORT"

# Subscription by mail needs the confirmation (double opt-in).
gen_message "$W/sub" sub1@x "subscribe" "Mon, 30 Nov 2026 10:00:00 +0000" \
	"Alice <alice@example.com>" "" "subscribe daily pvcalls"
p import --list requests "$W/sub" >/dev/null 2>&1
p digest --send --now 2026-12-10T12:00:00Z >/dev/null 2>&1
c=$(grep -l '^Subject: \[pvbot\] confirm' "$MD"/new/* | xargs grep -l '^To: alice@example.com' | head -1)
like "confirmation mailed to the requester" "$c" "."
is "not subscribed before confirming" "$(sqlite3 "$DB" "SELECT state FROM subscribers WHERE email = 'alice@example.com'")" "pending"
token=$(sed -n 's/^confirm \([0-9a-f]*\).*/\1/p' "$c" | head -1)
gen_message "$W/c1" conf1@x "confirm" "Mon, 30 Nov 2026 11:00:00 +0000" \
	"Mallory <mallory@example.com>" "" "confirm $token"
p import --list requests "$W/c1" >/dev/null 2>&1
p digest --send --now 2026-12-10T12:01:00Z >/dev/null 2>&1
is "someone else's confirmation does nothing" "$(sqlite3 "$DB" "SELECT count(*) FROM subscribers WHERE state = 'active' AND email LIKE '%mallory%' OR (email = 'alice@example.com' AND state = 'active')")" 0
gen_message "$W/c2" conf2@x "Re: confirm" "Mon, 30 Nov 2026 12:00:00 +0000" \
	"Alice <alice@example.com>" "" "confirm $token"
p import --list requests "$W/c2" >/dev/null 2>&1
p digest --send --now 2026-12-10T12:02:00Z >/dev/null 2>&1
is "confirmed: active" "$(sqlite3 "$DB" "SELECT state FROM subscribers WHERE email = 'alice@example.com'")" "active"
like "confirmed: her digest is sent" "$(grep -l '^To: alice@example.com' "$MD"/new/* | xargs grep -l 'digest' | wc -l)" "^[1-9]"
# Confirmations carry nothing the requester wrote, go to no list and to
# nothing of pvbot's, answer no machine or bulk mail, come once a day an
# address and ten an hour in all, and never for an address subscribed.
confirms() { grep -l '^Subject: \[pvbot\] confirm' "$MD"/new/* 2>/dev/null | xargs -r grep -l "^To: $1" | wc -l | tr -d ' '; }
result() { sqlite3 "$DB" "SELECT r.result FROM requests r JOIN messages m ON m.id = r.message WHERE m.message_id = '$1'"; }
req() {	# FILE ID FROM BODY [HEADER]
	{ echo "From: $3"; echo "To: requests@lists.example.org"
	  echo "Subject: subscribe"; echo "Date: Tue, 8 Dec 2026 10:00:00 +0000"
	  echo "Message-ID: <$2>"; [ -n "${5:-}" ] && echo "$5"
	  echo; printf '%s\n' "$4"; } >"$1"
	p import --list requests "$1" >/dev/null 2>&1
}
cr=$(printf '\r')
req "$W/r1" r1@x "Bob <bob@example.com>" "subscribe daily pvcalls <a href=\"http://evil.example/\">Verify your bank account</a>$cr.$cr"
req "$W/r2" r2@x "Alice <alice@example.com>" "subscribe weekly"
req "$W/r3" r3@x "List <xen-devel@lists.xenproject.org>" "subscribe daily"
req "$W/r4" r4@x "pvbot <pvbot@lists.example.org>" "subscribe daily"
req "$W/r5" r5@x "Carol <carol@example.com>" "subscribe daily" "Precedence: bulk"
p digest --send --now 2026-12-10T13:00:00Z >/dev/null 2>&1
is "a confirmation to the requester" "$(confirms bob@example.com)" 1
b=$(grep -l '^Subject: \[pvbot\] confirm' "$MD"/new/* | xargs grep -l '^To: bob@example.com')
is "nothing the requester wrote in it" "$(grep -c -i 'evil\|bank' "$b")" 0
like "only the filters pvbot knows" "$(cat "$b")" "with filters: pvcalls\."
is "no CR that the request held in it" "$(tr -cd '\r' <"$b" | wc -c | tr -d ' ')" 0
is "an address subscribed already gets none" "$(confirms alice@example.com)" 1
is "... its token stays" "$(sqlite3 "$DB" "SELECT state || '|' || coalesce(token, '') FROM subscribers WHERE email = 'alice@example.com'")" "active|"
is "none to a list's address" "$(confirms xen-devel@lists.xenproject.org)" 0
like "... said so" "$(result r3@x)" "refused: a list's address"
is "none to pvbot's own address" "$(confirms pvbot@lists.example.org)" 0
is "none to bulk mail" "$(confirms carol@example.com)" 0
like "... said so" "$(result r5@x)" "automatic or bulk"
req "$W/r6" r6@x "Bob <bob@example.com>" "subscribe daily"
p digest --send --now 2026-12-10T13:05:00Z >/dev/null 2>&1
is "one a day to an address" "$(confirms bob@example.com)" 1
i=0; while [ $i -lt 12 ]; do
	req "$W/f$i" "f$i@x" "F$i <f$i@example.net>" "subscribe daily"; i=$((i + 1))
done
p digest --send --now 2026-12-10T13:10:00Z >/dev/null 2>&1
is "ten an hour in all (one went to Bob)" "$(confirms 'f[0-9]*@example.net')" 9
like "the rest held" "$(result f11@x)" "held: too many confirmations"

# A list with a weekly roll-up gets one per week, addressed to the list.
rollups() { grep -l '^Subject: \[pvbot\] weekly roll-up' "$MD"/new/* 2>/dev/null | wc -l | tr -d ' '; }
write_conf "$SMTP_PORT" yes weekly
p summary --send --now 2026-12-10T12:00:00Z >"$W/out" 2>&1
is "roll-up: summary exits 0" "$?" 0
is "roll-up: one sent" "$(rollups)" 1
r=$(grep -l '^Subject: \[pvbot\] weekly roll-up' "$MD"/new/* | head -1)
like "roll-up: to the list's address" "$(cat "$r")" "^To: xen-devel@lists.xenproject.org"
like "roll-up: Auto-Submitted" "$(cat "$r")" "^Auto-Submitted: auto-generated"
like "roll-up: gives each open proposal's verdict" "$(cat "$r")" \
	"^\[changes-requested\] \[RFC PATCH 0/2\] displif: add EDID"
like "roll-up: with its reason" "$(cat "$r")" "asked for changes on 2026-11-23"
p summary --send --now 2026-12-10T18:00:00Z >/dev/null 2>&1
is "roll-up: the same week, no second one" "$(rollups)" 1
p summary --send --now 2026-12-17T12:00:00Z >/dev/null 2>&1
is "roll-up: the next week, the next one" "$(rollups)" 2
write_conf "$SMTP_PORT" yes monthly
p config check >"$W/out" 2>&1
is "roll-up: a bad period fails config check" "$?" 1
like "roll-up: ... saying what is allowed" "$(cat "$W/out")" \
	"pvbot.conf:[0-9]+: list 'xen-devel': rollup must be daily or weekly"
write_conf "$SMTP_PORT"
plan_end
