#!/bin/sh
# Who may mute a thread's status replies: the proposer they are addressed
# to, a maintainer of the thread's files, the Czar (and the allow list).
# The reply itself says who, as pvbot will check it; a refused mute gets
# no answer, only a log line with the reason.  Against the real SMTP sink.
. "$TOP_SRCDIR/tests/lib.sh"
. "$TOP_SRCDIR/tests/servers/lib-servers.sh"
require_servers smtp-sink

MD=$W/sink
start_smtp_sink "$MD"
NOW=2026-11-25T12:00:00Z
post_conf "$W/pvbot.conf" "summary-max-age 60d"
p() { "$PVBOT" -c "$W/pvbot.conf" -d "$DB" "$@"; }
# reply_to ROOT: the status reply the sink holds for that thread.
reply_to() { grep -l "^In-Reply-To: <$1>" "$MD"/new/* 2>/dev/null | head -1; }
# unwrapped FILE: its body on one line, for sentences across line breaks.
unwrapped() { sed '1,/^$/d' "$1" | tr '\n' ' ' | tr -s ' '; }
PVCALLS=20261110043241.8830-1-priya.raman@example.net
XENSTORE=0c7e5b1a-3f42-4d8e-9a61-b25f0e7d4c98@example.com
NINEPFS=20261028110327.5512-1-oliver.brennan@example.com

p import "$TOP_SRCDIR/contrib/sample/xen-devel.mbox" >/dev/null 2>&1

# The proposer mutes her own thread; a maintainer mutes the thread of
# the files he maintains; someone else tries on a thread not theirs.
gen_message "$W/m1" mute1@example.net "Re: [PATCH v2 0/3] pvcalls: add UDP socket support" \
	"Fri, 20 Nov 2026 09:00:00 +0000" "Priya Raman <priya.raman@example.net>" "$PVCALLS" \
	"Thanks for the reviews.

pvbot: mute"
gen_message "$W/m2" mute2@example.net "Re: [PATCH v3] tools/xenstore: let guests raise their own node quota" \
	"Fri, 20 Nov 2026 09:05:00 +0000" "Claire Dubois <claire.dubois@example.net>" "$XENSTORE" \
	"pvbot: mute"
gen_message "$W/m3" mute3@example.org "Re: [PATCH] 9pfs: xen transport: fix ring index wrap" \
	"Fri, 20 Nov 2026 09:10:00 +0000" "Nora Body <nora.body@example.org>" "$NINEPFS" \
	"pvbot: mute"
p import --list xen-devel "$W/m1" "$W/m2" "$W/m3" >/dev/null 2>"$W/import.err"
cmd() { sqlite3 "$DB" "SELECT c.status || coalesce(': ' || c.reason, '') FROM commands c JOIN messages m ON m.id = c.message WHERE m.message_id = '$1'"; }
is "the proposer's mute is applied" "$(cmd mute1@example.net)" applied
is "a maintainer's mute is applied" "$(cmd mute2@example.net)" applied
is "someone else's mute is refused, with the reason" "$(cmd mute3@example.org)" \
	"refused: sender is neither the thread's proposer nor a maintainer of its files"
like "the refusal is logged with the reason" "$(cat "$W/import.err")" \
	"mute3@example.org: pvbot: mute +from nora.body@example.org ignored: sender is neither the thread's proposer nor a maintainer of its files"
is "nothing logged for the honoured ones" "$(grep -c 'mute[12]@' "$W/import.err")" 0

p summary --send --now $NOW >"$W/out" 2>&1
is "summary exits 0" "$?" 0
is "no status reply in the proposer's muted thread" "$(reply_to $PVCALLS)" ""
is "none in the maintainer's muted thread" "$(reply_to $XENSTORE)" ""
r=$(reply_to $NINEPFS)
like "the refused mute changed nothing: a reply there" "$r" "."
is "the refused sender got no answer" "$(grep -l 'nora.body@example.org' "$MD"/new/* 2>/dev/null | wc -l | tr -d ' ')" 0
is "nor is one queued" "$(sqlite3 "$DB" "SELECT count(*) FROM outbox WHERE rcpt LIKE '%nora%' OR CAST(raw AS TEXT) LIKE '%nora.body%'")" 0

# The reply says who may mute: exactly who pvbot will let.
like "the reply names the proposer, maintainers and the Czar" "$(unwrapped "$r")" \
	'To stop these status replies on this thread, Oliver Brennan <oliver\.brennan@example\.com> \(who proposed it\), a maintainer of the files it touches or the PV protocols Czar may reply with a line "pvbot: mute"'
is "and no longer tells everyone to" "$(unwrapped "$r" | grep -c 'To stop these status replies on this thread, reply')" 0

# Without a MAINTAINERS file pvbot cannot tell maintainers or the Czar:
# the reply does not offer them, and indeed they are refused.
sed -i '/^maintainers /d' "$W/pvbot.conf"
p summary --now 2026-11-25T12:00:00Z >"$W/dry.mbox" 2>/dev/null
awk '/^From pvbot /{n++} {print > ("'"$W"'/dry." n)}' "$W/dry.mbox"
d=$(grep -l "^In-Reply-To: <$NINEPFS>" "$W"/dry.* | head -1)
like "no MAINTAINERS: only the proposer is offered" "$(unwrapped "$d")" \
	'To stop these status replies on this thread, Oliver Brennan <oliver\.brennan@example\.com> \(who proposed it\) may reply with a line "pvbot: mute"'
gen_message "$W/m4" mute4@example.net "Re: [PATCH] 9pfs: xen transport: fix ring index wrap" \
	"Fri, 20 Nov 2026 10:00:00 +0000" "Claire Dubois <claire.dubois@example.net>" "$NINEPFS" \
	"pvbot: mute"
p import --list xen-devel "$W/m4" >/dev/null 2>&1
like "... and a maintainer is refused there" "$(cmd mute4@example.net)" "^refused: "
# The proposer may also unmute.
gen_message "$W/m5" unmute5@example.net "Re: [PATCH v2 0/3] pvcalls: add UDP socket support" \
	"Fri, 20 Nov 2026 11:00:00 +0000" "Priya Raman <priya.raman@example.net>" "mute1@example.net" \
	"pvbot: unmute"
p import --list xen-devel "$W/m5" >/dev/null 2>&1
is "the proposer's unmute is applied" "$(cmd unmute5@example.net)" applied
is "her thread is no longer muted" "$(sqlite3 "$DB" "SELECT count(*) FROM thread_tags g JOIN threads t ON t.id = g.thread WHERE t.root = '$PVCALLS' AND g.tag = 'mute'")" 0
plan_end
