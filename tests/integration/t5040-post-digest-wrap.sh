#!/bin/sh
# Digests: with no filter everything open, proposals bound to no PV
# protocol included, and the digest says in words what filter it applied.
# Wrapping: every mail pvbot sends -- status replies, roll-up, reminder,
# digests, confirmation -- fits 72 columns, broken at spaces, each
# paragraph filled (no "it, do" / "nothing:" half-lines).  Against the
# real SMTP sink.
. "$TOP_SRCDIR/tests/lib.sh"
. "$TOP_SRCDIR/tests/servers/lib-servers.sh"
require_servers smtp-sink

MD=$W/sink
start_smtp_sink "$MD"
NOW=2026-11-25T12:00:00Z
post_conf "$W/pvbot.conf" "requests requests" "summary-max-age 60d" \
	"rate-per-hour 100"
sed -i 's/^\tpost yes$/&\n\trollup weekly/' "$W/pvbot.conf"
p() { "$PVBOT" -c "$W/pvbot.conf" -d "$DB" "$@"; }
# mail_to ADDRESS SUBJECT-REGEX: the file the sink holds.
mail_to() {
	grep -l "^X-RcptTo: $1\$" "$MD"/new/* 2>/dev/null |
		xargs grep -l "^Subject: $2" 2>/dev/null | head -1
}
# body FILE: the body; unwrapped FILE: the body on one line.
body() { sed '1,/^$/d' "$1"; }
unwrapped() { body "$1" | tr '\n' ' ' | tr -s ' '; }

p import "$TOP_SRCDIR/contrib/sample/xen-devel.mbox" >/dev/null 2>&1
# A patch that touches no PV protocol's files: open, bound to none.
gen_message "$W/typo" typo1@example.com "[PATCH] x86/hvm: fix a typo in a comment" \
	"Tue, 24 Nov 2026 09:00:00 +0000" "Jordan Ellis <jordan.ellis@example.com>" "" \
	"The comment says 'emualte'.

Signed-off-by: Jordan Ellis <jordan.ellis@example.com>
---
 xen/arch/x86/hvm/emulate.c | 2 +-
 1 file changed, 1 insertion(+), 1 deletion(-)

diff --git a/xen/arch/x86/hvm/emulate.c b/xen/arch/x86/hvm/emulate.c
--- a/xen/arch/x86/hvm/emulate.c
+++ b/xen/arch/x86/hvm/emulate.c
@@ -10,7 +10,7 @@
 #include <xen/init.h>
-/* emualte an instruction */
+/* emulate an instruction */
 #include <xen/lib.h>"
p import --list xen-devel "$W/typo" >/dev/null 2>&1
is "the typo fix is open and bound to no protocol" \
	"$(p status --json --now $NOW | grep -c 'x86/hvm: fix a typo')" 1

p subscribe --daily all@example.com >/dev/null
p subscribe --daily --filter "pvcalls, consensus" some@example.com >/dev/null
p subscribe --daily --filter pvcals typo@example.com >/dev/null
p digest --send --now $NOW >"$W/out" 2>&1
is "digests sent" "$?" 0

# No filter: everything open, said so.
a=$(mail_to all@example.com '\[pvbot\] daily digest')
like "no filter: a digest" "$a" "."
like "no filter: says so in words" "$(unwrapped "$a")" \
	"No filter: every open proposal on the lists pvbot reads, bound to a PV protocol or not\."
is "no filter: no empty parentheses" "$(grep -c 'filters ()' "$a")" 0
like "no filter: the proposal bound to no protocol is in it" "$(body "$a")" \
	"^Bound to no PV protocol
  \[waiting\] \[PATCH\] x86/hvm: fix a typo in a comment \(v1\)"
for g in pvcalls 9pfs displif sndif; do
	like "no filter: the $g group" "$(body "$a")" "^$g \((design|prototype|production), [a-z]+\)$"
done

# A filter: said in words, and applied (protocol and verdict both).
s=$(mail_to some@example.com '\[pvbot\] daily digest')
like "filter: says which, in words" "$(unwrapped "$s")" \
	"Filter: only protocol pvcalls, and verdict consensus\."
like "filter: pvcalls at consensus is in" "$(body "$s")" "\[consensus\] \[PATCH v2 0/3\] pvcalls"
is "filter: nothing else is" "$(body "$s" | grep -c '^  \[')" 1
t=$(mail_to typo@example.com '\[pvbot\] daily digest')
like "a misspelt protocol: said" "$(unwrapped "$t")" \
	"Filter: only protocol pvcals \(pvbot knows no such protocol\)\."
like "... and nothing passes it" "$(body "$t")" "^Nothing is open that passes the filter\.$"

# Every other kind of mail: status replies and roll-up, the reminder, a
# confirmation of a subscription by mail.
p summary --send --now $NOW >/dev/null 2>&1
p remind --send --now $NOW >/dev/null 2>&1
gen_message "$W/sub" sub1@x "subscribe" "Wed, 25 Nov 2026 10:00:00 +0000" \
	"Alice <alice@example.com>" "" "subscribe daily pvcalls"
p import --list requests "$W/sub" >/dev/null 2>&1
p digest --send --now 2026-11-25T12:05:00Z >/dev/null 2>&1
c=$(mail_to alice@example.com '\[pvbot\] confirm')
like "a confirmation was sent" "$c" "."
kinds=$(grep -h '^Message-ID: <pvbot\.' "$MD"/new/* | sed 's/^Message-ID: <pvbot\.\([a-z]*\)\..*/\1/' | sort -u | tr '\n' ' ')
is "every kind of mail was sent" "$kinds" "confirm digest reminder rollup summary "

# The checks, on every mail the sink holds: no line over 72 columns but
# one long word; and each prose paragraph filled -- no line that the
# next line's first word (or short quoted phrase) would have fitted on.
cat >"$W/wrapcheck.py" <<'EOF'
import email, sys
PROSE = ("Someone (hopefully you)", "This request expires", "The rule:",
         "To stop these status", "To promote a protocol", "Open proposals",
         "You subscribed", "This is pvbot")
for path in sys.argv[1:]:
    msg = email.message_from_bytes(open(path, "rb").read())
    lines = msg.get_payload(decode=True).decode("utf-8").split("\n")
    para = False
    for i, line in enumerate(lines):
        if len(line) > 72 and " " in line.strip():
            print(f"{path}:{i + 1}: {len(line)} columns: {line}")
        if line == "" or line.startswith(" "):
            para = False
        elif line.startswith(PROSE):
            para = True
        nxt = lines[i + 1] if i + 1 < len(lines) else ""
        # A short quoted phrase, a command to copy, goes as one word.
        first = nxt.split(" ")[0]
        if nxt.startswith('"') and 0 < nxt.find('"', 1) <= 40:
            first = nxt[:nxt.find('"', 1) + 1]
        if para and nxt and not nxt.startswith(" ") and \
                len(line) + 1 + len(first) <= 72:
            print(f"{path}:{i + 1}: paragraph broken early: {line!r} / {nxt!r}")
EOF
"$SYSPY" "$W/wrapcheck.py" "$MD"/new/* >"$W/wrap.out" 2>&1
is "every mail: 72 columns, paragraphs filled" "$(cat "$W/wrap.out")" ""
like "the confirmation's last sentence reads whole" "$(unwrapped "$c")" \
	"If you did not ask for it, do nothing: no digest is sent without the confirmation\."
is "its token line stands alone" "$(body "$c" | grep -c '^confirm [0-9a-f]\{32\}$')" 1
n=$(ls "$MD"/new | wc -l | tr -d ' ')
like "checked a dozen mails or more" "$n" "^[1-9][0-9]+$"
plan_end
