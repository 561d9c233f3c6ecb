#!/bin/sh
# The server's answer is kept: every refusal (at MAIL, RCPT, end of DATA;
# 4xx and 5xx) is stored with the command it answered, its code, enhanced
# status (RFC 3463) and text, and shown by pvbot outbox and outbox --json
# -- not curl's "Weird server reply".  A recipient refused at RCPT does
# not keep the mail from the others.  A mail caught mid-send is held until
# the operator says what happened (pvbot outbox resolve), and status and
# every send name it until then.
. "$TOP_SRCDIR/tests/lib.sh"
. "$TOP_SRCDIR/tests/servers/lib-servers.sh"
require_servers smtp-sink

MD=$W/sink
start_smtp_sink "$MD"
post_conf "$W/pvbot.conf" "summary-max-age 60d" "rate-per-hour 100"
p() { "$PVBOT" -c "$W/pvbot.conf" -d "$DB" "$@"; }
# to ADDRESS: how many mails the sink holds for ADDRESS.
to() { grep -l "^X-RcptTo: $1\$" "$MD"/new/* 2>/dev/null | wc -l | tr -d ' '; }
# answer KIND FIELD: a field of the first answer of the newest mail of KIND.
answer() {
	p outbox --json >"$W/ob.json"
	json_query "$W/ob.json" "(SELECT json_extract(value, '\$.answers[0].$2')
		FROM json_each(j, '\$.outbox') WHERE json_extract(value,
		'\$.kind') = '$1' ORDER BY json_extract(value, '\$.id') DESC
		LIMIT 1)"
}
state() { sqlite3 "$DB" "SELECT state FROM outbox WHERE kind = '$1' ORDER BY id DESC LIMIT 1"; }

p import "$TOP_SRCDIR/contrib/sample/xen-devel.mbox" >/dev/null 2>&1
p subscribe --daily ops@example.com >/dev/null

# A status reply goes to the list, Cc the proposer.  The proposer's
# address refused at RCPT must not keep it off the list.
PRIYA=priya.raman@example.net
smtp_sink_fail rcpt 550 $PRIYA 5.1.1 User unknown
p summary --send --now 2026-11-25T12:00:00Z >"$W/out" 2>&1
is "Cc refused: the list got the status replies anyway" \
	"$(sqlite3 "$DB" "SELECT count(*) FROM outbox WHERE kind = 'summary' AND state = 'sent'")" \
	"$(sqlite3 "$DB" "SELECT count(*) FROM outbox WHERE kind = 'summary'")"
pv_id=$(sqlite3 "$DB" "SELECT id FROM outbox WHERE rcpt LIKE '%$PRIYA%'")
like "Cc refused: the mail Cc'd to her is in the outbox" "$pv_id" "^[0-9]+$"
is "Cc refused: the list has it" "$(grep -l "^X-RcptTo: xen-devel@lists.xenproject.org" "$MD"/new/* | xargs grep -l "^Cc: $PRIYA" | wc -l | tr -d ' ')" 1
is "Cc refused: she has not" "$(to $PRIYA)" 0
like "Cc refused: the refusal is kept with the sent mail" "$(p outbox | grep -A1 "^$pv_id ")" \
	"at RCPT TO:<$PRIYA>: 550 5\.1\.1 User unknown"

# Refused for now (4xx) at RCPT: the others get it now, she gets it later
# -- alone, so the list sees no second copy.
sqlite3 "$DB" "DELETE FROM outbox WHERE kind = 'summary'"
rm -f "$MD"/new/*
smtp_sink_fail rcpt 450 $PRIYA 4.2.0 Mailbox busy
p summary --send --now 2026-11-25T12:00:00Z >"$W/out" 2>&1
list_copies=$(to xen-devel@lists.xenproject.org)
is "Cc 450: the list got the replies now" "$list_copies" \
	"$(sqlite3 "$DB" "SELECT count(*) FROM outbox WHERE kind = 'summary'")"
is "Cc 450: she waits" "$(to $PRIYA)" 0
is "Cc 450: the mail waits for her alone" \
	"$(sqlite3 "$DB" "SELECT state || ' ' || rcpt FROM outbox WHERE id = (SELECT id FROM outbox WHERE kind = 'summary' AND state <> 'sent')")" \
	"queued $PRIYA"
smtp_sink_fail
p summary --send --now 2026-11-25T12:10:00Z >"$W/out" 2>&1
is "Cc 450 healed: she has it" "$(to $PRIYA)" 1
is "Cc 450 healed: the list had no second copy" "$(to xen-devel@lists.xenproject.org)" "$list_copies"

# 550 at the end of DATA, as a spam filter words it.
smtp_sink_fail data 550 5.7.1 Refused: message looks like spam
p digest --send --now 2026-12-01T12:00:00Z >"$W/out" 2>&1
is "end of DATA 550: exit 1" "$?" 1
is "end of DATA 550: failed" "$(state digest)" failed
p outbox >"$W/outbox"
like "outbox shows the server's words, not curl's" "$(cat "$W/outbox")" \
	"^ +at end of DATA: 550 5\.7\.1 Refused: message looks like spam$"
is "... and nothing of curl's" "$(grep -c 'Weird server reply' "$W/outbox")" 0
is "json: answered at" "$(answer digest at)" "end of DATA"
is "json: code" "$(answer digest code)" 550
is "json: enhanced status" "$(answer digest status)" 5.7.1
is "json: text" "$(answer digest 'text[0]')" "Refused: message looks like spam"
like "the log line has it too" "$(cat "$W/out")" \
	"failed: at end of DATA: 550 5\.7\.1 Refused: message looks like spam"

# A multi-line 550 at RCPT: every line kept, in order.
smtp_sink_fail rcpt 550 ops@example.com '5.1.1 <ops@example.com>: Recipient address rejected\n5.1.1 User unknown in virtual mailbox table'
p digest --send --now 2026-12-02T12:00:00Z >"$W/out" 2>&1
is "RCPT 550: failed" "$(state digest)" failed
is "RCPT 550: answered RCPT TO" "$(answer digest at)" "RCPT TO:<ops@example.com>"
is "RCPT 550: status" "$(answer digest status)" 5.1.1
is "RCPT 550: first line" "$(answer digest 'text[0]')" "<ops@example.com>: Recipient address rejected"
is "RCPT 550: second line" "$(answer digest 'text[1]')" "User unknown in virtual mailbox table"
p outbox | grep -A2 '^[0-9]* *failed *digest .*2026-12-02' | tail -2 >"$W/ans"
is "outbox: the reply's lines, one under the other" "$(cat "$W/ans")" \
"     at RCPT TO:<ops@example.com>: 550 5.1.1 <ops@example.com>: Recipient address rejected
                                             User unknown in virtual mailbox table"

# 4xx: kept with the mail that waits to be retried.
smtp_sink_fail mail 451 4.3.2 System not accepting network messages
p digest --send --now 2026-12-03T12:00:00Z >"$W/out" 2>&1
is "MAIL 451: exit 0, to retry" "$(state digest)" queued
is "MAIL 451: answered MAIL FROM" "$(answer digest at)" "MAIL FROM:<pvbot@lists.example.org>"
is "MAIL 451: code" "$(answer digest code)" 451
is "MAIL 451: status" "$(answer digest status)" 4.3.2
smtp_sink_fail data 451 4.7.1 Greylisted, try again in 5 minutes
p digest --send --now 2026-12-03T12:05:00Z >"$W/out" 2>&1
is "end of DATA 451: still queued" "$(state digest)" queued
is "end of DATA 451: the newer answer" "$(answer digest at) $(answer digest code) $(answer digest status)" "end of DATA 451 4.7.1"
like "end of DATA 451: the log says it will retry" "$(cat "$W/out")" \
	"will retry: at end of DATA: 451 4\.7\.1 Greylisted, try again in 5 minutes"
smtp_sink_fail
p digest --send --now 2026-12-03T12:20:00Z >"$W/out" 2>&1
is "healed: sent" "$(state digest)" sent
is "healed: the answers are history" "$(answer digest at)" ""
is "healed: ops got one digest" "$(to ops@example.com)" 1

# kill -9 mid-send: held, named by every send and by status until the
# operator says what happened.
PVBOT_FAULT=mid-send p remind --send --now 2026-12-09T12:00:00Z >/dev/null 2>&1
is "killed mid-send" "$?" 137
id=$(sqlite3 "$DB" "SELECT id FROM outbox WHERE state = 'sending'")
like "a mail caught mid-send" "$id" "^[0-9]+$"
p remind --send --now 2026-12-09T12:01:00Z >"$W/out" 2>&1
is "held, not sent" "$(sqlite3 "$DB" "SELECT state FROM outbox WHERE id = $id")" uncertain
like "the send names it and the way out" "$(cat "$W/out")" \
	"mail $id <pvbot\.reminder\..*> .* caught mid-send .* 'pvbot outbox resolve $id sent' if it arrived, 'pvbot outbox resolve $id resend' if not"
p status --now 2026-12-09T12:02:00Z >/dev/null 2>"$W/err"
like "status names it" "$(cat "$W/err")" "mail $id <pvbot\.reminder\..*> .*is held"
p outbox >"$W/outbox"
like "outbox says it is held" "$(grep "^$id " "$W/outbox")" "^$id +uncertain +reminder "
like "... and how to release it" "$(grep -A1 "^$id " "$W/outbox" | tail -1)" \
	"^ +pvbot stopped while sending it: it may have gone out; held, not resent, until the operator says \(pvbot outbox resolve\)$"
p outbox resolve 999999 sent >/dev/null 2>"$W/err"
is "resolve: unknown mail exits 1" "$?" 1
like "resolve: ... and says so" "$(cat "$W/err")" "^pvbot: outbox resolve 999999: no such mail in the outbox$"
p outbox resolve "$id" maybe >/dev/null 2>"$W/err"
is "resolve: a bad word is a usage error" "$?" 2
sent_id=$(sqlite3 "$DB" "SELECT id FROM outbox WHERE state = 'sent' LIMIT 1")
p outbox resolve "$sent_id" resend >/dev/null 2>"$W/err"
is "resolve: a sent mail is not resent" "$?" 1
like "resolve: ... saying why" "$(cat "$W/err")" "sent, not held or failed"
before=$(to greta.lindqvist@example.org)
p outbox resolve "$id" resend >"$W/out" 2>&1
is "resolve resend: exit 0" "$?" 0
is "resolve resend: queued" "$(sqlite3 "$DB" "SELECT state FROM outbox WHERE id = $id")" queued
p remind --send --now 2026-12-09T12:03:00Z >"$W/out" 2>&1
is "resolve resend: the next send sends it once" "$(to greta.lindqvist@example.org)" "$((before + 1))"
is "resolve resend: no longer named" "$(grep -c 'is held' "$W/out")" 0
p status --now 2026-12-09T12:04:00Z >/dev/null 2>"$W/err"
is "resolve resend: status is quiet" "$(cat "$W/err")" ""

# The other answer: it did arrive.
PVBOT_FAULT=mid-send p remind --send --now 2026-12-16T12:00:00Z >/dev/null 2>&1
id=$(sqlite3 "$DB" "SELECT id FROM outbox WHERE state = 'sending'")
mid=$(sqlite3 "$DB" "SELECT message_id FROM outbox WHERE id = $id")
p remind --send --now 2026-12-16T12:01:00Z >/dev/null 2>&1
before=$(to greta.lindqvist@example.org)
p outbox resolve "<$mid>" sent >"$W/out" 2>&1
is "resolve sent (by Message-ID): exit 0" "$?" 0
is "resolve sent: marked sent" "$(sqlite3 "$DB" "SELECT state FROM outbox WHERE id = $id")" sent
p remind --send --now 2026-12-16T12:03:00Z >"$W/out" 2>&1
is "resolve sent: never sent again" "$(to greta.lindqvist@example.org)" "$before"
p outbox resolve "$id" sent >/dev/null 2>&1
is "resolve sent: only once" "$?" 1
plan_end
