#!/bin/sh
# Forged mail.  With a trusted Authentication-Results server configured, a
# command in a maintainer's name counts only with that server's DKIM pass
# for the maintainer's domain: not without it, not from another server,
# not from a header the sender wrote below the server's, not from text the
# sender planted in a quoted string or a comment of the server's header
# (an envelope sender, a reason), not through a list's "via" rewriting.
# Requests by mail act only on the sender's own address, and a forged
# unsubscribe is refused too.  (t2400 has the basic DKIM cases.)
. "$TOP_SRCDIR/tests/lib.sh"

command -v sqlite3 >/dev/null || skip_all "sqlite3 missing"
PAULA="Paula Calls <paula@pv.example>"
cat >"$W/MAINTAINERS" <<'EOF'
PVCALLS
M:	Paula Calls <paula@pv.example>
S:	Supported
F:	drivers/xen/pvcalls-*

THE REST
M:	Rex Committer <rex@rest.example>
S:	Supported
F:	*
F:	*/
EOF
E=$TOP_SRCDIR/etc/pvbot
cat >"$W/pvbot.conf" <<EOF
rules $E/rules.conf
policy $E/policy.conf
protocols $E/protocols.conf
templates $E/templates
maintainers $W/MAINTAINERS
trusted-authserv mx.example.org
bot-address pvbot@lists.example.org
requests requests
send yes
list xen-devel
	list-id xen-devel.lists.xenproject.org
	address xen-devel@lists.xenproject.org
smtp
	url smtp://127.0.0.1:9
	from pvbot@lists.example.org
	timeout 2s
EOF
p() { "$PVBOT" -c "$W/pvbot.conf" -d "$DB" "$@"; }

m=$W/m; mkdir "$m"
gen_message "$m/p1" p1@x "[PATCH] xen/pvcalls: fix ring size" \
    "Mon, 2 Nov 2026 10:00:00 +0000" "Ann Author <ann@author.example>" "" \
"Signed-off-by: Ann Author <ann@author.example>
---
diff --git a/drivers/xen/pvcalls-front.c b/drivers/xen/pvcalls-front.c
--- a/drivers/xen/pvcalls-front.c
+++ b/drivers/xen/pvcalls-front.c
@@ -1 +1 @@
-a
+b"
# cmd FILE ID FROM TAG [HEADER...]: "pvbot: tag TAG" in the patch thread,
# the headers on top as the receiving server would put them.
cmd() {
	f=$1; id=$2; from=$3; tag=$4; shift 4
	gen_message "$f" "$id" "Re: [PATCH] xen/pvcalls: fix ring size" \
	    "Tue, 3 Nov 2026 10:00:00 +0000" "$from" p1@x "pvbot: tag $tag"
	{ for h in "$@"; do printf '%s\n' "$h"; done; cat "$f"; } >"$f.t"
	mv "$f.t" "$f"
}
AR="Authentication-Results: mx.example.org;"
cmd "$m/c1" c1@x "$PAULA" none
cmd "$m/c2" c2@x "$PAULA" genuine "$AR dkim=pass header.d=pv.example"
cmd "$m/c3" c3@x "$PAULA" otherserver \
    "Authentication-Results: mx.evil.example; dkim=pass header.d=pv.example"
cmd "$m/c4" c4@x "$PAULA" planted "$AR dkim=fail header.d=pv.example" \
    "$AR dkim=pass header.d=pv.example"
cmd "$m/c5" c5@x "$PAULA" mailfrom \
    "$AR dkim=none; spf=pass smtp.mailfrom=\"x;dkim=pass header.d=pv.example\"@evil.example"
cmd "$m/c6" c6@x "$PAULA" mailfrom2 \
    "$AR spf=pass smtp.mailfrom=\"dkim=pass header.d=pv.example\"@evil.example"
cmd "$m/c7" c7@x "$PAULA" comment \
    "$AR dkim=fail (dkim=pass header.d=pv.example) header.d=evil.example"
cmd "$m/c8" c8@x "$PAULA" reason \
    "$AR dkim=fail reason=\"; dkim=pass header.d=pv.example\""
cmd "$m/c9" c9@x '"Paula Calls via Xen-devel" <mallory@evil.example>' via \
    "Reply-To: $PAULA" "$AR dkim=pass header.d=evil.example"
cmd "$m/c10" c10@x "Paula Calls <paula@pv.example.evil.example>" lookalike \
    "$AR dkim=pass header.d=pv.example.evil.example"
mbox_append "$W/a.mbox" "$m/p1" "$m"/c[0-9]*
p import --list xen-devel "$W/a.mbox" >"$W/out" 2>"$W/err"
is "import exits 0" "$?" 0
tags=$(sqlite3 "$DB" "SELECT group_concat(tag, ' ') FROM (SELECT tag FROM thread_tags ORDER BY tag)")
is "only the genuine command applied" "$tags" "genuine"
for t in none otherserver planted mailfrom mailfrom2 comment reason; do
	like "forged ($t): refused, said why" "$(cat "$W/err")" \
	    "pvbot: tag $t from paula@pv.example ignored: no DKIM pass"
done
like "forged (via): refused" "$(cat "$W/err")" "pvbot: tag via from .* ignored"
like "forged (lookalike): not a maintainer" "$(cat "$W/err")" \
    "pvbot: tag lookalike from paula@pv.example.evil.example ignored: sender is not a maintainer"
is "commands on record with their refusal" \
    "$(sqlite3 "$DB" "SELECT count(*) FROM commands WHERE status != 'applied'")" 9

# Requests act on the sender: "subscribe" names no one else.
req() {
	gen_message "$m/$1" "$1@x" "$2" "Mon, 30 Nov 2026 10:00:00 +0000" \
	    "$3" "" "$2"
	if [ -n "${4:-}" ]; then
		{ printf '%s\n' "$4"; cat "$m/$1"; } >"$m/$1.t"; mv "$m/$1.t" "$m/$1"
	fi
	p import --list requests "$m/$1" >/dev/null 2>&1
	p digest --send --now 2026-12-10T12:00:00Z >/dev/null 2>&1
}
sub() { sqlite3 "$DB" "SELECT group_concat(email || ':' || state, ' ') FROM (SELECT * FROM subscribers ORDER BY email)"; }
req r1 "subscribe daily pvcalls victim@example.org" "Mallory <mallory@evil.example>"
is "subscribe targets the sender only (pending)" "$(sub)" "mallory@evil.example:pending"
p subscribe --daily alice@example.com >/dev/null
req r2 "unsubscribe" "Alice <alice@example.com>"
is "forged unsubscribe (no DKIM pass): refused" \
    "$(sqlite3 "$DB" "SELECT result FROM requests r JOIN messages m ON m.id = r.message WHERE m.message_id = 'r2@x'")" \
    "refused: no DKIM pass recorded by the trusted Authentication-Results server"
is "forged unsubscribe: still subscribed" "$(sub)" \
    "alice@example.com:active mallory@evil.example:pending"
req r3 "unsubscribe" "Alice <alice@example.com>" \
    "$AR dkim=pass header.d=example.com"
is "genuine unsubscribe: done" "$(sub)" "mallory@evil.example:pending"
plan_end
