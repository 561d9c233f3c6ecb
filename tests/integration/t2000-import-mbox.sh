#!/bin/sh
# Import: mbox, .gz, Maildir, idempotence, cross-posts, threads, series.
. "$TOP_SRCDIR/tests/lib.sh"

m=$W/msgs; mkdir -p "$m"
gen_message "$m/1" cover1@x "[PATCH 0/2] pvcalls: add UDP" "Mon, 2 Nov 2026 10:00:00 +0000"
gen_message "$m/2" p1@x "[PATCH 1/2] pvcalls: header" "Mon, 2 Nov 2026 10:00:01 +0000" "" cover1@x
gen_message "$m/3" p2@x "[PATCH 2/2] pvcalls: front" "Mon, 2 Nov 2026 10:00:02 +0000" "" cover1@x
gen_message "$m/4" r1@x "Re: [PATCH 1/2] pvcalls: header" "Tue, 3 Nov 2026 09:00:00 +0100" \
	"Bob <bob@example.org>" p1@x "Looks fine."
gen_message "$m/5" cover2@x "[PATCH v2 0/2] pvcalls: add UDP" "Mon, 9 Nov 2026 10:00:00 +0000"
gen_message "$m/6" v2p1@x "[PATCH v2 1/2] pvcalls: header" "Mon, 9 Nov 2026 10:00:01 +0000" "" cover2@x
gen_message "$m/7" lone@x "Question about blkif" "Wed, 4 Nov 2026 12:00:00 +0000"
# A reply whose parent is missing, and a reply arriving before its parent.
gen_message "$m/8" orphan@x "Re: gone" "Thu, 5 Nov 2026 12:00:00 +0000" "" missing@x
gen_message "$m/9" early@x "Re: Question about blkif" "Wed, 4 Nov 2026 11:00:00 +0000" "" lone@x
mbox_append "$W/a.mbox" "$m/1" "$m/2" "$m/3" "$m/4" "$m/5" "$m/6" "$m/9" "$m/7" "$m/8"

pv import --list xen-devel "$W/a.mbox" >"$W/out" 2>&1
is "import exits 0" "$?" 0
is "summary line" "$(cat "$W/out")" "imported 9, already known 0, skipped 0"
pv import --list xen-devel "$W/a.mbox" >"$W/out" 2>&1
is "re-import adds nothing" "$(cat "$W/out")" "imported 0, already known 9, skipped 0"

pv messages --json >"$W/m.json"
is "messages --json has 9" "$(json_query "$W/m.json" "json_array_length(j, '\$.messages')")" 9
thread_of() { json_query "$W/m.json" "(SELECT json_extract(value, '\$.thread') FROM json_each(j, '\$.messages') WHERE json_extract(value, '\$.message_id') = '$1')"; }
is "series shares the cover's thread" "$(thread_of p2@x)" "$(thread_of cover1@x)"
is "thread string is the root" "$(thread_of r1@x)" "cover1@x"
is "early reply joins its parent" "$(thread_of early@x)" "$(thread_of lone@x)"
is "orphan keeps missing parent as root" "$(thread_of orphan@x)" "missing@x"
is "date is UTC ISO-8601" "$(json_query "$W/m.json" "(SELECT json_extract(value, '\$.date') FROM json_each(j, '\$.messages') WHERE json_extract(value, '\$.message_id') = 'r1@x')")" "2026-11-03T08:00:00Z"
is "from name and email" "$(json_query "$W/m.json" "(SELECT json_extract(value, '\$.from.name') || '|' || json_extract(value, '\$.from.email') FROM json_each(j, '\$.messages') WHERE json_extract(value, '\$.message_id') = 'r1@x')")" "Bob|bob@example.org"
is "series position" "$(json_query "$W/m.json" "(SELECT json_extract(value, '\$.series') FROM json_each(j, '\$.messages') WHERE json_extract(value, '\$.message_id') = 'v2p1@x')")" '{"version":2,"part":1,"total":2}'
is "no series on a question" "$(json_query "$W/m.json" "(SELECT json_type(value, '\$.series') FROM json_each(j, '\$.messages') WHERE json_extract(value, '\$.message_id') = 'lone@x')")" "null"
is "lists recorded" "$(json_query "$W/m.json" "(SELECT json_extract(value, '\$.lists') FROM json_each(j, '\$.messages') WHERE json_extract(value, '\$.message_id') = 'lone@x')")" '["xen-devel"]'

# Cross-post: the same message from another list's archive is one message.
mbox_append "$W/b.mbox" "$m/7"
gzip -c "$W/b.mbox" >"$W/b.mbox.gz"
pv import --list qemu-devel "$W/b.mbox.gz" >"$W/out" 2>&1
is "gz import, known message" "$(cat "$W/out")" "imported 0, already known 1, skipped 0"
pv messages --json >"$W/m.json"
is "cross-post has both lists" "$(json_query "$W/m.json" "(SELECT json_extract(value, '\$.lists') FROM json_each(j, '\$.messages') WHERE json_extract(value, '\$.message_id') = 'lone@x')")" '["qemu-devel","xen-devel"]'
is "still 9 messages" "$(json_query "$W/m.json" "json_array_length(j, '\$.messages')")" 9

# Maildir, with List-Id naming the list.
md=$W/Maildir; mkdir -p "$md/new" "$md/cur" "$md/tmp"
{ echo "List-Id: Xen developer discussion <xen-devel.lists.xenproject.org>"; cat "$m/4"; } >"$md/cur/1800000000.M1.host:2,S"
gen_message "$md/new/1800000001.M2.host" md1@x "Re: [PATCH v2 0/2] pvcalls: add UDP" "" "" cover2@x
pv import "$md" >"$W/out" 2>"$W/err"
is "maildir import" "$(cat "$W/out")" "imported 1, already known 1, skipped 0"

pv threads >"$W/threads"
like "threads lists the series" "$(cat "$W/threads")" "\[PATCH v2 0/2\] pvcalls: add UDP"
is "threads: 4 threads + header" "$(wc -l <"$W/threads" | tr -d ' ')" 5
pv threads --json >"$W/t.json"
is "threads --json count" "$(json_query "$W/t.json" "json_array_length(j, '\$.threads')")" 4
pv show cover1@x >"$W/show"
is "show: the tree, 4 lines" "$(sed '/^$/q' "$W/show" | grep -c .)" 4
like "show: then each proposal's verdict and evidence" "$(cat "$W/show")" \
	"^v[0-9]+: [a-z-]+: "
like "show indents replies" "$(cat "$W/show")" "^2026-11-03 [a-z]+ +    Bob: Re: \[PATCH 1/2\]"
pv show --json orphan@x >"$W/s.json"
is "placeholder root shown" "$(json_query "$W/s.json" "json_extract(j, '\$.messages[0].present')")" 0
pv show nosuch@x >/dev/null 2>&1; is "show unknown exits 1" "$?" 1
pv series --json >"$W/se.json"
is "one series" "$(json_query "$W/se.json" "json_array_length(j, '\$.series')")" 1
is "two versions linked" "$(json_query "$W/se.json" "json_array_length(j, '\$.series[0].versions')")" 2
is "v2 is the latest" "$(json_query "$W/se.json" "json_extract(j, '\$.series[0].versions[1].latest')")" 1
is "v1 cover recorded" "$(json_query "$W/se.json" "json_extract(j, '\$.series[0].versions[0].cover')")" "cover1@x"
is "v1 has 2 patches" "$(json_query "$W/se.json" "json_extract(j, '\$.series[0].versions[0].patches')")" 2

# Two series sent without threading by one author within the hour: each
# part goes to the posting that does not have it yet.
u=$W/unthreaded; mkdir -p "$u"
gen_message "$u/1" ua1@x "[PATCH 1/2] blkif: discard" "Mon, 2 Nov 2026 14:00:00 +0000"
gen_message "$u/2" ua2@x "[PATCH 2/2] blkif: discard front" "Mon, 2 Nov 2026 14:00:01 +0000"
gen_message "$u/3" ub1@x "[PATCH 1/2] netif: rx copy" "Mon, 2 Nov 2026 15:00:00 +0000"
gen_message "$u/4" ub2@x "[PATCH 2/2] netif: rx copy front" "Mon, 2 Nov 2026 15:00:01 +0000"
mbox_append "$W/u.mbox" "$u/1" "$u/2" "$u/3" "$u/4"
"$PVBOT" -c "$TOP_SRCDIR/etc/pvbot.conf" -d "$W/u.db" import "$W/u.mbox" >/dev/null
posting_of() { sqlite3 "$W/u.db" "SELECT posting FROM messages WHERE message_id = '$1'"; }
is "unthreaded: a series' parts share a posting" "$(posting_of ua2@x)" "$(posting_of ua1@x)"
is "unthreaded: the next series' too" "$(posting_of ub2@x)" "$(posting_of ub1@x)"
[ "$(posting_of ub1@x)" != "$(posting_of ua1@x)" ]
ok $? "unthreaded: two series, two postings"
plan_end
