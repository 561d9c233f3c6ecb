#!/bin/sh
# Classification end to end: kinds, trailers and maintainers, votes,
# protocols, commands by mail and who may give them, tag/untag,
# reclassify after a rules change, and a broken rules file.
. "$TOP_SRCDIR/tests/lib.sh"

command -v sqlite3 >/dev/null 2>&1 || skip_all "sqlite3 (JSON queries) not installed"

ANN="Ann Author <ann@author.example>"
BOB="Bob Reviewer <bob@review.example>"
PAULA="Paula Calls <paula@pv.example>"
XAVIER="Xavier Arch <xavier@x86.example>"
REX="Rex Committer <rex@rest.example>"
NORA="Nora Body <nora@nobody.example>"

cat >"$W/MAINTAINERS" <<'EOF'
	List of maintainers for this test

Maintainers List (try to look for most precise areas first)

		-----------------------------------

PUBLIC I/O INTERFACES AND PV DRIVERS DESIGNS
M:	Greta Czar <greta@czar.example>
S:	Supported
F:	docs/designs/
F:	xen/include/public/io/

PVCALLS
M:	Paula Calls <paula@pv.example>
S:	Supported
F:	xen/include/public/io/pvcalls.h
F:	drivers/xen/pvcalls-*

X86 ARCHITECTURE
M:	Xavier Arch <xavier@x86.example>
S:	Supported
F:	xen/arch/x86/

THE REST
M:	Rex Committer <rex@rest.example>
S:	Supported
F:	*
F:	*/
EOF

# make_config FILE RULES [EXTRA-LINE]: the shipped config, our files.
make_config() {
	sed -e "s|^rules .*|rules $2|" \
	    -e "s|^policy .*|policy $TOP_SRCDIR/etc/pvbot/policy.conf|" \
	    -e "s|^protocols .*|protocols $TOP_SRCDIR/etc/pvbot/protocols.conf|" \
	    -e "s|^templates .*|templates $TOP_SRCDIR/etc/pvbot/templates|" \
	    "$TOP_SRCDIR/etc/pvbot.conf" >"$1"
	echo "maintainers $W/MAINTAINERS" >>"$1"
	[ -z "${3:-}" ] || echo "$3" >>"$1"
}
cp "$TOP_SRCDIR/etc/pvbot/rules.conf" "$W/rules.conf"
make_config "$W/pvbot.conf" "$W/rules.conf"
pvc() { "$PVBOT" -c "$W/pvbot.conf" -d "$DB" "$@"; }

# gen_reply FILE MSGID FROM PARENT BODY [HEADER]: a reply in the patch thread.
gen_reply() {
	gen_message "$1" "$2" "Re: [PATCH] xen/pvcalls: fix ring size" \
	    "Tue, 3 Nov 2026 10:00:00 +0000" "$3" "$4" "$5"
	if [ -n "${6:-}" ]; then
		{ echo "$6"; cat "$1"; } >"$1.tmp" && mv "$1.tmp" "$1"
	fi
}

m=$W/msgs; mkdir -p "$m"
gen_message "$m/p1" p1@x "[PATCH] xen/pvcalls: fix ring size" \
    "Mon, 2 Nov 2026 10:00:00 +0000" "$ANN" "" "The ring order came from the wrong field.

Reviewed-by: Bob Reviewer <bob@review.example>
Signed-off-by: Ann Author <ann@author.example>
---
 drivers/xen/pvcalls-front.c | 2 +-
 1 file changed, 1 insertion(+), 1 deletion(-)

diff --git a/drivers/xen/pvcalls-front.c b/drivers/xen/pvcalls-front.c
index 1111111..2222222 100644
--- a/drivers/xen/pvcalls-front.c
+++ b/drivers/xen/pvcalls-front.c
@@ -1,3 +1,3 @@
 int a;
-int b;
+int c;
 int d;"
gen_reply "$m/ack" ack@x "$PAULA" p1@x "On Mon, Ann wrote:
> Acked-by: Someone Quoted <quoted@example.org>

Acked-by: Paula Calls <paula@pv.example>"
gen_reply "$m/rev" rev@x "$XAVIER" p1@x "Reviewed-by: Xavier Arch <xavier@x86.example> # x86"
gen_reply "$m/fwd" fwd@x "$BOB" p1@x "Recording an ack given on IRC:

Acked-by: Rex Committer <rex@rest.example>"
gen_reply "$m/vote" vote@x "$BOB" p1@x "+1"
gen_reply "$m/nak" nak@x "$XAVIER" p1@x "NAK, this breaks the ABI for every frontend out there."
gen_reply "$m/doubt" doubt@x "$BOB" p1@x "I have serious doubts about this ring layout, since it forces every
backend to copy each request twice on the hot path."
gen_reply "$m/tag" tag@x "$PAULA" p1@x "pvbot: tag security"
gen_reply "$m/tagbad" tagbad@x "$NORA" p1@x "pvbot: tag bogus"
gen_reply "$m/tagauto" tagauto@x "$REX" p1@x "pvbot: tag autotag" \
    "Auto-Submitted: auto-generated"
gen_message "$m/design" design@x "[DESIGN] pvcalls: UDP sockets" \
    "Wed, 4 Nov 2026 10:00:00 +0000" "$ANN" "" \
    "Sockets of type SOCK_DGRAM get their own ring.
If there are no objections within the next 14 days, I will commit it."
gen_message "$m/promo" promo@x "Re: [DESIGN] pvcalls: UDP sockets" \
    "Thu, 5 Nov 2026 10:00:00 +0000" "Greta Czar <greta@czar.example>" \
    design@x "pvbot: promote pvcalls prototype"
gen_message "$m/promobad" promobad@x "Re: [DESIGN] pvcalls: UDP sockets" \
    "Thu, 5 Nov 2026 11:00:00 +0000" "$PAULA" design@x \
    "pvbot: promote pvcalls production"
gen_message "$m/q" q@x "Question about the build system" \
    "Wed, 4 Nov 2026 11:00:00 +0000" "$BOB" "" "Why does make rebuild everything?"
mbox_append "$W/a.mbox" "$m/p1" "$m/ack" "$m/rev" "$m/fwd" "$m/vote" \
    "$m/nak" "$m/doubt" "$m/tag" "$m/tagbad" "$m/tagauto" "$m/design" \
    "$m/promo" "$m/promobad" "$m/q"

pvc import --list xen-devel "$W/a.mbox" >"$W/out" 2>"$W/err"
is "import exits 0" "$?" 0
is "import summary" "$(cat "$W/out")" "imported 14, already known 0, skipped 0"

pvc messages --json >"$W/m.json"
# msg ID EXPR: a JSON expression over one message's object (value).
msg() {
	json_query "$W/m.json" "(SELECT $2 FROM json_each(j, '\$.messages') m
	    WHERE json_extract(m.value, '\$.message_id') = '$1')"
}
kind() { msg "$1" "json_extract(m.value, '\$.kind')"; }
trailers() {
	msg "$1" "(SELECT group_concat(json_extract(t.value, '\$.tag') || ':' ||
	    json_extract(t.value, '\$.email') || ':m=' ||
	    json_extract(t.value, '\$.maintainer') || ':x=' ||
	    json_extract(t.value, '\$.mismatch') ||
	    coalesce(':#' || json_extract(t.value, '\$.area'), ''), ' ')
	    FROM json_each(m.value, '\$.trailers') t)"
}

is "patch kind" "$(kind p1@x)" patch
is "patch's commit trailers are not recorded" "$(trailers p1@x)" ""
is "maintainer's ack" "$(kind ack@x)" ack
is "ack trailer: maintainer of the patch's file, quoted one ignored" \
    "$(trailers ack@x)" "Acked-by:paula@pv.example:m=1:x=0"
is "other area's maintainer reviews" "$(kind rev@x)" ack
is "Reviewed-by from an x86 maintainer is no pvcalls maintainer's" \
    "$(trailers rev@x)" "Reviewed-by:xavier@x86.example:m=0:x=0:#x86"
is "forwarded committer's ack: a maintainer, but a mismatch" \
    "$(trailers fwd@x)" "Acked-by:rex@rest.example:m=1:x=1"
is "forwarded ack is not the sender's ack" "$(kind fwd@x)" review
is "+1 is an ack" "$(kind vote@x)" ack
is "+1 vote recorded" "$(msg vote@x "json_extract(m.value, '\$.votes')")" \
    '[{"vote":1,"name":"Bob Reviewer","email":"bob@review.example","maintainer":false}]'
is "NAK is an objection" "$(kind nak@x)" objection
is "doubts are a review (for now)" "$(kind doubt@x)" review
is "no votes on a review" "$(msg doubt@x "json_array_length(m.value, '\$.votes')")" 0
is "design by tag" "$(kind design@x)" design
is "question is other" "$(kind q@x)" other
is "command mail is other" "$(kind tag@x)" other
is "Auto-Submitted mail is other" "$(kind tagauto@x)" other
is "thread bound to pvcalls by path" \
    "$(msg nak@x "json_extract(m.value, '\$.protocols')")" '["pvcalls"]'
is "design bound to pvcalls by subject" \
    "$(msg design@x "json_extract(m.value, '\$.protocols')")" '["pvcalls"]'
is "question bound to nothing" \
    "$(msg q@x "json_extract(m.value, '\$.protocols')")" '[]'
is "maintainer's tag command applied" \
    "$(msg p1@x "json_extract(m.value, '\$.tags')")" '["security"]'
is "no tags on other threads" \
    "$(msg design@x "json_extract(m.value, '\$.tags')")" '[]'

pvc threads --tag security >"$W/threads"
like "threads --tag security lists the patch" "$(cat "$W/threads")" \
    "xen/pvcalls: fix ring size"
is "threads --tag security lists only it" \
    "$(grep -c 'ring size\|UDP\|build system' "$W/threads")" 1
pvc threads --tag bogus >"$W/threads"
is "non-maintainer's tag ignored" "$(grep -c 'ring size' "$W/threads")" 0
like "non-maintainer's command logged with the reason" "$(cat "$W/err")" \
    "tagbad@x: pvbot: tag bogus from nora@nobody.example ignored: .*not a maintainer"
pvc threads --tag autotag >"$W/threads"
is "Auto-Submitted command ignored" "$(grep -c 'ring size' "$W/threads")" 0
like "Auto-Submitted command logged" "$(cat "$W/err")" \
    "tagauto@x: pvbot: tag autotag from rex@rest.example ignored: automatic"
is "maintainer's command not logged as refused" \
    "$(grep -c 'tag@x:' "$W/err")" 0

# stage PROTO: its stage from protocols --json.
stage() {
	pvc protocols --json >"$W/p.json"
	json_query "$W/p.json" "(SELECT json_extract(value, '\$.stage') FROM
	    json_each(j, '\$.protocols') WHERE json_extract(value, '\$.name') = '$1')"
}
is "Czar's promote by mail applied" "$(stage pvcalls)" prototype
like "a maintainer's promote refused" "$(cat "$W/err")" \
    "promobad@x: pvbot: promote pvcalls production from paula@pv.example ignored: only the PV protocols Czar"

pvc show --json p1@x >"$W/s.json"
is "show --json: the thread's messages" \
    "$(json_query "$W/s.json" "json_array_length(j, '\$.messages')")" 10
is "show --json: kinds in order" \
    "$(json_query "$W/s.json" "(SELECT group_concat(json_extract(value, '\$.kind'), ' ') FROM json_each(j, '\$.messages'))")" \
    "patch ack ack review ack objection review other other other"

# Tags from the CLI.
pvc tag p1@x cli-kw >"$W/out" 2>&1
like "pvbot tag" "$(cat "$W/out")" "^thread [0-9]+ <p1@x>: tagged cli-kw$"
pvc threads --tag cli-kw >"$W/threads"
is "CLI tag listed" "$(grep -c 'ring size' "$W/threads")" 1
# A protocol's name as a CLI tag binds the thread to it (source "tag").
pvc tag nak@x pvcalls >/dev/null 2>&1
pvc untag p1@x cli-kw >"$W/out" 2>&1
like "pvbot untag" "$(cat "$W/out")" "^thread [0-9]+ <p1@x>: untagged cli-kw$"
pvc threads --tag cli-kw >"$W/threads"
is "CLI untag removes it" "$(grep -c 'ring size' "$W/threads")" 0
pvc tag nosuch@x kw >/dev/null 2>&1
is "tag on an unknown thread exits 1" "$?" 1

# Reclassify: same rules, nothing changes; a new objection phrase, one.
pvc reclassify >"$W/out" 2>"$W/err"
is "reclassify exits 0" "$?" 0
is "unchanged rules: nothing changed" "$(cat "$W/out")" \
    "reclassified 14 messages, 0 changed"
# (printf, not echo: dash's echo would eat the backslashes)
printf '%s\n' 'objection doubts       \bI\s+have\s+serious\s+doubts\b' \
    >>"$W/rules.conf"
pvc reclassify >"$W/out" 2>"$W/err"
is "edited rules: the changed message and its new kind" "$(cat "$W/out")" \
    "doubt@x: review -> objection
reclassified 14 messages, 1 changed"
pvc messages --json >"$W/m.json"
is "new kind stored" "$(kind doubt@x)" objection
is "reclassify rebuilds mail tags, keeps CLI tags" \
    "$(msg p1@x "json_extract(m.value, '\$.tags')")" '["pvcalls","security"]'
pvc reclassify >"$W/out" 2>/dev/null
is "reclassify again: nothing changed" "$(cat "$W/out")" \
    "reclassified 14 messages, 0 changed"
# A mail's promote is carried out once: replaying it must not undo a
# later promotion.
pvc promote pvcalls production "by hand" >/dev/null
pvc reclassify >/dev/null 2>&1
is "reclassify does not replay an old promote" "$(stage pvcalls)" production
is "one promotion on record per mail" \
    "$(sqlite3 "$DB" "SELECT count(*) FROM protocol_history WHERE message_id = 'promo@x'")" 1

# A runaway rule is stopped by the match limit and said so.
cp "$W/rules.conf" "$W/bomb-rules.conf"
printf '%s\n' 'objection bomb (a+)+$' >>"$W/bomb-rules.conf"
make_config "$W/bomb.conf" "$W/bomb-rules.conf"
gen_reply "$m/bomb" bomb@x "$BOB" p1@x "$(printf 'a%.0s' $(seq 1 3000))b"
mbox_append "$W/bomb.mbox" "$m/p1" "$m/bomb"
"$PVBOT" -c "$W/bomb.conf" -d "$W/bomb.db" import "$W/bomb.mbox" >"$W/out" 2>"$W/err"
is "runaway rule: import still exits 0" "$?" 0
like "runaway rule: the match limit is logged" "$(cat "$W/err")" \
    "bomb@x: a rule hit its match limit"

# Commands need a DKIM pass once a trusted server is configured.
make_config "$W/dkim.conf" "$W/rules.conf" "trusted-authserv mx.example.org"
pvd() { "$PVBOT" -c "$W/dkim.conf" -d "$W/dkim.db" "$@"; }
gen_reply "$m/d1" d1@x "$PAULA" p1@x "pvbot: tag nodkim"
gen_reply "$m/d2" d2@x "$PAULA" p1@x "pvbot: tag withdkim" \
    "Authentication-Results: mx.example.org; dkim=pass header.d=pv.example"
gen_reply "$m/d3" d3@x "$PAULA" p1@x "pvbot: tag otherserver" \
    "Authentication-Results: mx.evil.example; dkim=pass header.d=pv.example"
gen_reply "$m/d4" d4@x "$PAULA" p1@x "pvbot: tag lookalike" \
    "Authentication-Results: mx.example.org; dkim=pass header.d=pv.example.evil.example"
mbox_append "$W/d.mbox" "$m/p1" "$m/d1" "$m/d2" "$m/d3" "$m/d4"
pvd import "$W/d.mbox" >"$W/out" 2>"$W/err"
is "dkim import exits 0" "$?" 0
pvd messages --json >"$W/m.json"
is "only the DKIM-passed command applied" \
    "$(msg p1@x "json_extract(m.value, '\$.tags')")" '["withdkim"]'
like "command without DKIM refused" "$(cat "$W/err")" \
    "d1@x: pvbot: tag nodkim from paula@pv.example ignored: no DKIM pass"
like "DKIM pass from another server refused" "$(cat "$W/err")" \
    "d3@x: pvbot: tag otherserver .* ignored: no DKIM pass"
like "DKIM pass for a look-alike domain refused" "$(cat "$W/err")" \
    "d4@x: pvbot: tag lookalike .* ignored: no DKIM pass"

# Commands are read only in the author's own text: not in a forwarded or
# original message below it that the client did not quote (Outlook's
# -----Original Message----- and HTML reply header, Gmail's forward).
CZAR="Greta Czar <greta@czar.example>"
CZAR_DKIM="Authentication-Results: mx.example.org; dkim=pass header.d=czar.example"
czar_mail() {	# FILE MSGID MINUTE BODY [CONTENT-TYPE]
	gen_message "$1" "$2" "Re: [DESIGN] pvcalls: UDP sockets" \
	    "Fri, 6 Nov 2026 10:$3:00 +0000" "$CZAR" design@x "$4"
	{ echo "$CZAR_DKIM"; sed "s|^Content-Type: text/plain.*|Content-Type: ${5:-text/plain; charset=utf-8}|" "$1"; } >"$1.tmp" &&
	    mv "$1.tmp" "$1"
}
czar_mail "$m/f1" f1@x 01 "I agree with Paula, see below.

-----Original Message-----
From: Paula Calls <paula@pv.example>
Sent: Thursday, November 5, 2026 11:00 AM
To: xen-devel@lists.xenproject.org
Subject: Re: [DESIGN] pvcalls: UDP sockets

pvbot: promote pvcalls prototype"
czar_mail "$m/f2" f2@x 02 "FYI

---------- Forwarded message ---------
From: Paula Calls <paula@pv.example>
Date: Thu, 5 Nov 2026 at 11:00
Subject: Re: [DESIGN] pvcalls: UDP sockets

pvbot: promote pvcalls prototype"
czar_mail "$m/f3" f3@x 03 '<html><body><div>Noted.</div><hr><div id="divRplyFwdMsg"><b>From:</b> Paula Calls<br><b>Sent:</b> Thursday<br></div><div>pvbot: promote pvcalls prototype</div></body></html>' "text/html; charset=utf-8"
czar_mail "$m/f4" f4@x 04 "pvbot: promote pvcalls prototype

-----Original Message-----
pvbot: promote pvcalls production"
: >"$W/f0.mbox"; : >"$W/f.mbox"; : >"$W/f4.mbox"
mbox_append "$W/f0.mbox" "$m/design"
mbox_append "$W/f.mbox" "$m/f1" "$m/f2" "$m/f3"
mbox_append "$W/f4.mbox" "$m/f4"
pvf() { "$PVBOT" -c "$W/dkim.conf" -d "$W/fwd.db" "$@"; }
fstage() { pvc() { pvf "$@"; }; stage pvcalls; }
pvf import "$W/f0.mbox" >/dev/null 2>&1
before=$(fstage)
pvf import "$W/f.mbox" >"$W/out" 2>"$W/err"
is "forwarded commands: import exits 0" "$?" 0
is "forwarded commands: no promote from a forwarded block" "$(fstage)" \
    "$before"
pvf import "$W/f4.mbox" >"$W/out" 2>"$W/err"
is "forwarded commands: the Czar's own promote above one applies" \
    "$(fstage)" prototype
is "forwarded commands: none read from the forwarded blocks" \
    "$(sqlite3 "$W/fwd.db" "SELECT group_concat(m.message_id || ':' ||
	c.verb || ' ' || c.args, ' ') FROM commands c JOIN messages m
	ON m.id = c.message")" "f4@x:promote pvcalls prototype"

# Replies that arrive before their patch (an archive out of date order)
# end up classified as if they had come after it: as in date order, and
# the author's own follow-up is not a review of her patch.
gen_reply "$m/own" own@x "$ANN" p1@x "On Mon, Ann Author wrote:
> The ring order came from the wrong field.

This depends on the fix to the ring setup that went in last week."
: >"$W/ooo.mbox"; : >"$W/ino.mbox"
mbox_append "$W/ino.mbox" "$m/p1" "$m/doubt" "$m/own"
mbox_append "$W/ooo.mbox" "$m/doubt" "$m/own" "$m/p1"
"$PVBOT" -c "$W/pvbot.conf" -d "$W/ino.db" import "$W/ino.mbox" >/dev/null 2>&1
"$PVBOT" -c "$W/pvbot.conf" -d "$W/ino.db" messages --json >"$W/m.json"
doubt_in_order=$(kind doubt@x)
"$PVBOT" -c "$W/pvbot.conf" -d "$W/ooo.db" import "$W/ooo.mbox" >/dev/null 2>&1
"$PVBOT" -c "$W/pvbot.conf" -d "$W/ooo.db" messages --json >"$W/m.json"
is "out of order: doubts get the kind they get in order" "$(kind doubt@x)" \
    "$doubt_in_order"
is "out of order: the author's own follow-up is other" "$(kind own@x)" other
is "out of order: the patch is a patch" "$(kind p1@x)" patch
is "out of order: reclassify finds nothing to change" \
    "$("$PVBOT" -c "$W/pvbot.conf" -d "$W/ooo.db" reclassify | tail -1)" \
    "reclassified 3 messages, 0 changed"

# A rules change that gives a thread's root a new kind reaches every
# reply in one reclassify, whatever order their rows are in.  Mail that
# came newest first, one message at a time: the reply qh is stored when
# qs names it, before the root and the reply qh itself names.
gen_message "$m/q" q@x "ring sizes after resume" \
    "Mon, 2 Nov 2026 09:00:00 +0000" "$ANN" "" "The frontend keeps the ring order it had before suspend.
Instead of a new xenstore key, the backend should publish the order again
on resume and the frontend should re-read it."
gen_message "$m/qd" qd@x "Re: ring sizes after resume" \
    "Tue, 3 Nov 2026 09:00:00 +0000" "$BOB" q@x "Publishing it again races with the frontend reading it: the frontend
must wait for the backend to reach Connected before reading the order."
gen_message "$m/qh" qh@x "Re: ring sizes after resume" \
    "Wed, 4 Nov 2026 09:00:00 +0000" "$NORA" qd@x "Waiting for Connected is not enough on migration: the backend is
re-created on the target host and publishes the order before the
frontend has re-read its own state, so the frontend needs a generation count."
sed 's/^References: <qd@x>$/References: <q@x> <qd@x>/' "$m/qh" >"$m/qh.tmp" &&
    mv "$m/qh.tmp" "$m/qh"
gen_message "$m/qs" qs@x "Re: ring sizes after resume" \
    "Thu, 5 Nov 2026 09:00:00 +0000" "$ANN" qh@x "Thanks, I will add a generation count."
cp "$W/rules.conf" "$W/nf-rules.conf"
make_config "$W/nf.conf" "$W/nf-rules.conf"
for f in qs qh qd q; do
	: >"$W/nf.mbox"
	mbox_append "$W/nf.mbox" "$m/$f"
	"$PVBOT" -c "$W/nf.conf" -d "$W/nf.db" import "$W/nf.mbox" \
	    >/dev/null 2>&1
done
is "newest first: the rows of the reply before its root's" \
    "$(sqlite3 "$W/nf.db" "SELECT group_concat(message_id, ' ') FROM
	(SELECT message_id FROM messages ORDER BY id)")" "qh@x qs@x q@x qd@x"
printf '%s\n' 'proposal  instead-of  \bInstead\s+of\s+a\s+new\b' \
    >>"$W/nf-rules.conf"
"$PVBOT" -c "$W/nf.conf" -d "$W/nf.db" reclassify >"$W/out" 2>"$W/err"
is "root now a design: each reply in one reclassify" \
    "$(cat "$W/out")" "q@x: other -> design
qd@x: other -> review
qh@x: other -> review
reclassified 4 messages, 3 changed"
"$PVBOT" -c "$W/nf.conf" -d "$W/nf.db" reclassify >"$W/out" 2>"$W/err"
is "and the next reclassify finds nothing" "$(cat "$W/out")" \
    "reclassified 4 messages, 0 changed"

# Review points: stored as flags on the message, shown by explain.
gen_reply "$m/ask" ask@x "$BOB" p1@x "On Mon, Ann wrote:
> -int b;

Please split the rename out into a patch of its own."
gen_reply "$m/will" will@x "$ANN" ask@x "On Tue, Bob wrote:
> Please split the rename out into a patch of its own.

Good point, will fix in v2."
gen_reply "$m/cond" cond@x "$PAULA" p1@x "With that fixed:

Reviewed-by: Paula Calls <paula@pv.example>"
: >"$W/pts.mbox"
mbox_append "$W/pts.mbox" "$m/p1" "$m/ask" "$m/will" "$m/cond"
"$PVBOT" -c "$W/pvbot.conf" -d "$W/pts.db" import "$W/pts.mbox" >/dev/null 2>&1
flags() { sqlite3 "$W/pts.db" "SELECT c_flags FROM messages WHERE message_id = '$1'"; }
is "points: a change asked is stored" $(( $(flags ask@x) & 0x80000 )) $((0x80000))
is "points: the author's answer accepts" $(( $(flags will@x) & 0x200000 )) $((0x200000))
is "points: the quoted request is not the author's" $(( $(flags will@x) & 0x80000 )) 0
is "points: a tag with conditions" $(( $(flags cond@x) & 0x800000 )) $((0x800000))
like "points: explain shows the answer" \
    "$("$PVBOT" -c "$W/pvbot.conf" -d "$W/pts.db" explain will@x)" \
    "points:   agrees to a change"
like "points: explain shows the rule" \
    "$("$PVBOT" -c "$W/pvbot.conf" -d "$W/pts.db" explain cond@x)" \
    "conditional   with-fixed"

# A bad rules file stops import with FILE:LINE and imports nothing.
cp "$TOP_SRCDIR/etc/pvbot/rules.conf" "$W/bad-rules.conf"
echo 'objection broken    (unclosed' >>"$W/bad-rules.conf"
bad=$(wc -l <"$W/bad-rules.conf" | tr -d ' ')
make_config "$W/bad.conf" "$W/bad-rules.conf"
"$PVBOT" -c "$W/bad.conf" -d "$W/bad.db" import "$W/a.mbox" >"$W/out" 2>"$W/err"
is "bad rules: import exits 1" "$?" 1
like "bad rules: FILE:LINE on stderr" "$(cat "$W/err")" \
    "$W/bad-rules.conf:$bad: bad pattern"
"$PVBOT" -c "$W/pvbot.conf" -d "$W/bad.db" messages --json >"$W/m.json" 2>/dev/null
is "bad rules: nothing imported" \
    "$(json_query "$W/m.json" "coalesce(json_array_length(j, '\$.messages'), 0)")" 0
plan_end
