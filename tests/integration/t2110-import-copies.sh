#!/bin/sh
# Copies of one Message-ID.  The first copy stays (importing twice changes
# nothing), but a later copy that says something else -- another sender, a
# NAK where the first said "looks good" -- is kept and disputes the message:
# show and status mark the evidence resting on it.  Copies that only came
# another way (a cross-post with a list footer and headers of its own, an
# exact duplicate) dispute nothing.
. "$TOP_SRCDIR/tests/lib.sh"
command -v sqlite3 >/dev/null || skip_all "sqlite3 missing"

m=$W/msgs; mkdir -p "$m"
gen_message "$m/p1" p1@x "[PATCH] xen/pvcalls: add UDP" \
    "Mon, 2 Nov 2026 10:00:00 +0000" "" "" "Adds UDP sockets.

Signed-off-by: Alice Example <alice@example.org>"
# The forged copy comes first, under the Message-ID Bob's NAK will have.
gen_message "$m/forged" n1@x "Re: [PATCH] xen/pvcalls: add UDP" \
    "Tue, 3 Nov 2026 10:00:00 +0000" "Mallory <mallory@evil.example>" p1@x \
    "Looks good.

Acked-by: Mallory <mallory@evil.example>"
gen_message "$m/real" n1@x "Re: [PATCH] xen/pvcalls: add UDP" \
    "Tue, 3 Nov 2026 10:00:00 +0000" "Bob Maintainer <bob@example.org>" p1@x \
    "NAK: this breaks the ABI of existing frontends.

Nacked-by: Bob Maintainer <bob@example.org>"
# p1 again as another list's archive has it: a Subject tag, a List-Id and
# Mailman's footer.
{ sed -e 's/^Subject: /Subject: [Xen-devel] /' -e '1i List-Id: <xen-devel.lists.xenproject.org>' "$m/p1"
  printf '_______________________________________________\nXen-devel mailing list\nXen-devel@lists.xenproject.org\n'
} >"$m/p1-list"
mbox_append "$W/first.mbox" "$m/p1" "$m/forged"
mbox_append "$W/real.mbox" "$m/real"
mbox_append "$W/list.mbox" "$m/p1-list"

q() { sqlite3 "$DB" "$1"; }
pv import --list xen-devel "$W/first.mbox" >"$W/out" 2>&1
is "the first copies" "$(cat "$W/out")" "imported 2, already known 0, skipped 0"
pv import --list xen-devel "$W/first.mbox" >"$W/out" 2>&1
is "exact duplicates dispute nothing" "$(cat "$W/out")" \
    "imported 0, already known 2, skipped 0"
pv import --list xen-devel "$W/list.mbox" >"$W/out" 2>&1
is "a list's copy with its footer disputes nothing" "$(cat "$W/out")" \
    "imported 0, already known 1, skipped 0"

pv import --list xen-devel "$W/real.mbox" >"$W/out" 2>"$W/err"
is "the real copy disputes the forged one" "$(cat "$W/out")" \
    "imported 0, already known 1, skipped 0, disputed 1"
like "and the import says so" "$(cat "$W/err")" \
    "<n1@x> came again from <bob@example.org> saying something else"
is "the first copy is kept" \
    "$(q "SELECT from_email FROM messages WHERE message_id = 'n1@x'")" \
    mallory@evil.example
is "the disputing copy is kept whole" \
    "$(q "SELECT from_email, length(raw) = $(wc -c <"$m/real") + 0 FROM conflicts")" \
    "bob@example.org|1"
pv import --list xen-devel "$W/real.mbox" >"$W/out" 2>&1
is "a copy disputes once" "$(cat "$W/out")" \
    "imported 0, already known 1, skipped 0"
is "and is kept once" "$(q "SELECT count(*) FROM conflicts")" 1

pv show p1@x >"$W/show"
like "show marks the disputed message" "$(cat "$W/show")" \
    "\[disputed\] Mallory: Re: \[PATCH\] xen/pvcalls: add UDP"
is "and nothing else in the tree" "$(sed '/^$/q' "$W/show" | grep -c disputed)" 1
like "the evidence resting on it says so too" "$(sed '1,/^$/d' "$W/show")" \
    "disputed copy"
pv show --json p1@x >"$W/s.json"
is "show --json: who the other copy is from" \
    "$(json_query "$W/s.json" "(SELECT json_extract(value, '\$.disputed[0].from.email') FROM json_each(j, '\$.messages') WHERE json_extract(value, '\$.message_id') = 'n1@x')")" \
    bob@example.org
is "show --json: the root is not disputed" \
    "$(json_query "$W/s.json" "(SELECT json_type(value, '\$.disputed') FROM json_each(j, '\$.messages') WHERE json_extract(value, '\$.message_id') = 'p1@x')")" \
    ""

pv status --all --json --now 2026-11-04T00:00:00Z >"$W/st.json"
is "status: the vote resting on the disputed copy is marked" \
    "$(json_query "$W/st.json" "(SELECT json_extract(v.value, '\$.disputed') FROM json_each(j, '\$.proposals') p, json_each(p.value, '\$.tally.votes') v WHERE json_extract(v.value, '\$.message_id') = 'n1@x')")" \
    1
is "status: the others are not" \
    "$(json_query "$W/st.json" "(SELECT count(*) FROM json_each(j, '\$.proposals') p, json_each(p.value, '\$.tally.votes') v WHERE json_type(v.value, '\$.disputed') IS NOT NULL)")" \
    1
pv status --all --now 2026-11-04T00:00:00Z >"$W/st.txt"
like "status says which mail is disputed" "$(cat "$W/st.txt")" \
    "disputed: <n1@x>"
plan_end
