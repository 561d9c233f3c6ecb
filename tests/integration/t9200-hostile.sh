#!/bin/sh
# Hostile input (tests/gen-hostile.sh): huge headers and bodies, deep MIME,
# a million references, reference loops, NUL bytes, overlong encoded
# words, backtracking bait for the rules.  Every import must end within
# 60 s (240 s under sanitizers) and a memory bound (256 MiB; 768 MiB under
# sanitizers, whose shadow memory counts), and what is skipped says why.
. "$TOP_SRCDIR/tests/lib.sh"

command -v sqlite3 >/dev/null || skip_all "sqlite3 missing"
GEN="sh $TOP_SRCDIR/tests/gen-hostile.sh"
TIMEOUT=60
MEM_MB=256
# Sanitizers: shadow memory counts, and the checks slow pvbot several
# times over (a loaded machine more): the bounds catch a hang or a blow-up,
# they do not time anything.
grep -q __asan_init "$PVBOT" 2>/dev/null && MEM_MB=768 TIMEOUT=240
CONF=$TOP_SRCDIR/etc/pvbot.conf

q() { sqlite3 "$1" "$2"; }

# 100,000 junk header lines and 10,000 each of Subject, References and
# Received: linear, and the first Subject wins.
$GEN headers 100000 >"$W/headers.eml"
bounded "100,000 header lines" "$CONF" "$W/h.db" import "$W/headers.eml"
is "many headers: imported" "$(cat "$W/out")" "imported 1, already known 0, skipped 0"
is "many headers: first Subject" \
    "$(q "$W/h.db" "SELECT subject FROM messages WHERE present")" "many headers"

# A 100 MB body, over the 32 MiB limit, in an mbox (with a good message
# after it), alone in a file, and in a Maildir: skipped without reading it
# into memory, with the reason.
$GEN body 100 >"$W/body.eml"
$GEN nul >"$W/nul.eml"
mbox_append "$W/body.mbox" "$W/body.eml" "$W/nul.eml"
bounded "100 MB message in an mbox" "$CONF" "$W/b1.db" import "$W/body.mbox"
is "100 MB in an mbox: skipped, the next one imported" "$(cat "$W/out")" \
    "imported 1, already known 0, skipped 1 (message too large: 1)"
like "100 MB: the reason, with the position" "$(cat "$W/err")" \
    "body.mbox:0: skipped: message too large \(10485[0-9]{4} bytes, limit 33554432\)"
like "100 MB: the reason is stored" \
    "$(q "$W/b1.db" "SELECT reason FROM skipped")" "^message too large"
bounded "100 MB message as a file" "$CONF" "$W/b2.db" import "$W/body.eml"
is "100 MB file: one skip" "$(cat "$W/out")" \
    "imported 0, already known 0, skipped 1 (message too large: 1)"
mkdir -p "$W/md/cur" "$W/md/new" "$W/md/tmp"
mv "$W/body.eml" "$W/md/cur/1.eml"
bounded "100 MB message in a Maildir" "$CONF" "$W/b3.db" import "$W/md"
is "100 MB in a Maildir: one skip" "$(cat "$W/out")" \
    "imported 0, already known 0, skipped 1 (message too large: 1)"
rm -rf "$W/md" "$W/body.mbox"

# A .gz bomb: 100 MB of one byte in 100 KB (a thousand times).  Refused
# with the reason once it has expanded past 100 times (the old reader
# went through all of it, 100 GB from 100 MB).
head -c 100000000 /dev/zero | tr '\0' 'a' | gzip -c >"$W/bomb.mbox.gz"
bounded "gzip bomb" "$CONF" "$W/bomb.db" import "$W/bomb.mbox.gz"
is "gzip bomb: refused" "$rc" 1
like "gzip bomb: says why" "$(cat "$W/err")" \
    "bomb\.mbox\.gz: refused: it expands more than 100 times"
rm -f "$W/bomb.mbox.gz"
# An mbox that compresses well, as real ones do, is read.
gzip -c "$TOP_SRCDIR/contrib/sample/xen-devel.mbox" >"$W/sample.mbox.gz"
bounded "gzip archive" "$CONF" "$W/gz.db" import "$W/sample.mbox.gz"
like "gzip archive: read" "$rc/$(cat "$W/out")" "^0/imported [1-9]"

# A Maildir holding, beside one message, a symbolic link to a file only
# pvbot's user may read (as a root-run import would read /root's), a FIFO
# and a directory: the message is read, the rest skipped with the reason;
# no link is followed, no FIFO waited on.
md=$W/md2; mkdir -p "$md/cur" "$md/new" "$md/tmp"
gen_message "$md/new/1700000000.1.host" plain@example.org "plain"
gen_message "$W/private.eml" private@example.org "private"
chmod 600 "$W/private.eml"
ln -s "$W/private.eml" "$md/new/1700000001.2.host"
mkfifo "$md/new/1700000002.3.host"
mkdir "$md/cur/1700000003.4.host:2,S"
bounded "Maildir with a link, a FIFO and a directory" "$CONF" "$W/md2.db" \
    import "$md"
is "Maildir with a link, a FIFO and a directory: one imported" \
    "$(cat "$W/out")" "imported 1, already known 0, skipped 3 (symbolic link, not followed: 1, not a regular file: 2)"
is "Maildir: the linked message is not stored" \
    "$(q "$W/md2.db" "SELECT count(*) FROM messages WHERE message_id = 'private@example.org'")" 0
is "Maildir: the reasons are stored" \
    "$(q "$W/md2.db" "SELECT reason FROM skipped ORDER BY position" | tr '\n' '|')" \
    "not a regular file (a directory)|symbolic link, not followed|not a regular file (a FIFO)|"

# Multiparts nested 1,000 and 100,000 levels deep (the latter took minutes
# in libetpan): read without MIME past 32 containers, flagged.
for n in 1000 100000; do
	$GEN nested $n >"$W/nested.eml"
	bounded "multipart nested $n deep" "$CONF" "$W/n$n.db" import "$W/nested.eml"
	is "nested $n: imported, flagged MIME unreadable" \
	    "$(cat "$W/out") $(q "$W/n$n.db" "SELECT flags & 32 FROM messages WHERE present")" \
	    "imported 1, already known 0, skipped 0 32"
done

# HTML-only mail nested 200,000 elements deep: libxml2 stops at its depth
# limit; the text before that is kept.
$GEN html 100000 >"$W/html.eml"
bounded "HTML nested 200,000 deep" "$CONF" "$W/html.db" import "$W/html.eml"
is "deep HTML: imported, flagged HTML-only" \
    "$(cat "$W/out") $(q "$W/html.db" "SELECT flags & 16 FROM messages")" \
    "imported 1, already known 0, skipped 0 16"

# One References line of a million ids (15 MB): the nearest 256 are kept.
$GEN refs 1000000 >"$W/refs.eml"
bounded "a million references" "$CONF" "$W/r.db" import "$W/refs.eml"
is "million references: imported" "$(cat "$W/out")" "imported 1, already known 0, skipped 0"
is "million references: 256 kept, the parent is the last" \
    "$(q "$W/r.db" "SELECT count(*), (SELECT parent FROM messages WHERE present) FROM messages")" \
    "257|r999999@evil"
rm -f "$W/refs.eml"

# Reference loops across messages and a ring of 500: threading ends,
# every parent chain reaches a root, commands that walk threads finish.
$GEN cycle 500 >"$W/cycle.mbox"
bounded "reference loops" "$CONF" "$W/c.db" import "$W/cycle.mbox"
is "loops: imported" "$(cat "$W/out")" "imported 504, already known 0, skipped 0"
loops=$(q "$W/c.db" "WITH RECURSIVE up(start, id, n) AS (
    SELECT message_id, message_id, 0 FROM messages
    UNION ALL SELECT up.start, m.parent, up.n + 1 FROM up
    JOIN messages m ON m.message_id = up.id
    WHERE m.parent IS NOT NULL AND up.n < 1000)
    SELECT count(*) FROM up WHERE n >= 1000")
is "loops: every parent chain ends" "$loops" 0
is "loops: two threads" "$(q "$W/c.db" "SELECT count(DISTINCT thread) FROM messages")" 2
for c in "show a@cycle" "show ring7@cycle" "threads" "status"; do
	bounded "loops: $c" "$CONF" "$W/c.db" $c
done

# NUL bytes in header fields and the body: read up to the NUL, raw kept.
bounded "NUL bytes" "$CONF" "$W/z.db" import "$W/nul.eml"
is "NUL: imported" "$(cat "$W/out")" "imported 1, already known 0, skipped 0"
is "NUL: fields end at the NUL" \
    "$(q "$W/z.db" "SELECT from_name || '|' || subject FROM messages")" "Nul|nul"
is "NUL: raw bytes kept whole" \
    "$(q "$W/z.db" "SELECT instr(bytes, x'00') > 0 FROM raw")" 1

# Terminal escapes and a forged log line in a command pvbot logs.
printf 'From: Mallory <m@evil.example>\nSubject: Re: x\nMessage-ID: <esc@evil>\nIn-Reply-To: <p@x>\n\npvbot: tag a\033]0;owned\007\033[2J\r\n' >"$W/esc.eml"
bounded "escapes in logged text" "$CONF" "$W/esc.db" import "$W/esc.eml"
like "escapes: the command is logged" "$(cat "$W/err")" "esc@evil: pvbot: tag"
is "escapes: no control bytes reach the log" \
    "$(tr -d '\n\t' <"$W/err" | tr -d '[:print:]' | wc -c | tr -d ' ')" 0

# Terminal escapes in subjects and names (ESC sequences, BEL, DEL, the C1
# CSI) reach no terminal through threads, show, status, messages, series
# or the dry-run mails: they print as ^[, ^G, ^? and U+FFFD, and --json
# escapes them.
esc=$(printf '\033]0;owned\007\033[2J\177\302\233')
sed -e "s/pvcalls: add UDP socket support/pvcalls: add UDP$esc socket support/" \
    -e "s/^From: Ana Costa /From: Ana$esc Costa /" \
    "$TOP_SRCDIR/contrib/sample/xen-devel.mbox" >"$W/esc.mbox"
sed -e "s|^rules .*|rules $TOP_SRCDIR/etc/pvbot/rules.conf|" \
    -e "s|^policy .*|policy $TOP_SRCDIR/etc/pvbot/policy.conf|" \
    -e "s|^protocols .*|protocols $TOP_SRCDIR/etc/pvbot/protocols.conf|" \
    -e "s|^templates .*|templates $TOP_SRCDIR/etc/pvbot/templates|" \
    -e "s|^	#post yes|	post yes|" -e "s|^maintainers .*||" \
    "$CONF" >"$W/esc.conf"
echo "maintainers $TOP_SRCDIR/contrib/sample/MAINTAINERS" >>"$W/esc.conf"
e() { "$PVBOT" -c "$W/esc.conf" -d "$W/esc2.db" "$@"; }
e import "$W/esc.mbox" >/dev/null 2>&1
ctl() { LC_ALL=C grep -c "$(printf '[\001-\010\013-\037\177]\\|\302[\200-\237]')" "$1"; }
n=0
for c in threads "show 20261110043241.8830-1-priya.raman@example.net" \
    "status --all --now 2026-11-25T12:00:00Z" messages series \
    "summary --now 2026-11-25T12:00:00Z"; do
	# shellcheck disable=SC2086
	e $c >"$W/esc.out" 2>/dev/null
	n=$((n + 1))
	like "escapes: $c prints the subject" "$(cat "$W/esc.out")" "add UDP"
	is "escapes: $c prints no control character" "$(ctl "$W/esc.out")" 0
done
like "escapes: they show as ^[, ^G and ^?" "$(e threads)" \
    'add UDP\^\[\]0;owned\^G\^\[\[2J\^\?'
e status --json --all --now 2026-11-25T12:00:00Z >"$W/esc.json"
is "escapes: status --json prints no control character" "$(ctl "$W/esc.json")" 0
like "escapes: --json escapes them" "$(cat "$W/esc.json")" \
    'add UDP\\u001B\]0;owned\\u0007\\u001B\[2J\\u007F\\u009B socket'

# Encoded words of 10 KB and 1 MB in Subject and From.
for n in 10240 1048576; do
	$GEN encword $n >"$W/enc.eml"
	bounded "encoded word of $n bytes" "$CONF" "$W/e$n.db" import "$W/enc.eml"
	is "encoded word $n: decoded" \
	    "$(q "$W/e$n.db" "SELECT length(subject) = $n / 8 * 3, from_name = subject FROM messages")" "1|1"
done

# Backtracking bait.  A test copy of rules.conf with catastrophic rules:
# the PCRE2 match limit stops them, and the import says so.
cp "$TOP_SRCDIR/etc/pvbot/rules.conf" "$W/bomb-rules.conf"
printf '%s\n' 'objection bomb1 ^(\w+\s?)*$' 'objection bomb2 (a|aa)+$' \
    'objection bomb3 (.*a){12}' 'approval bomb4 (a+)+$' >>"$W/bomb-rules.conf"
sed -e "s|^rules .*|rules $W/bomb-rules.conf|" \
    -e "s|^policy .*|policy $TOP_SRCDIR/etc/pvbot/policy.conf|" \
    -e "s|^protocols .*|protocols $TOP_SRCDIR/etc/pvbot/protocols.conf|" \
    -e "s|^templates .*|templates $TOP_SRCDIR/etc/pvbot/templates|" \
    "$CONF" >"$W/bomb.conf"
for n in 30000 1000000; do
	$GEN bomb $n >"$W/bomb.eml"
	bounded "catastrophic rules on $n 'a's" "$W/bomb.conf" "$W/x$n.db" import "$W/bomb.eml"
	# A million is past the 256 KiB classify reads: nothing to limit.
	[ $n -eq 30000 ] && like "bomb $n: the match limit is said" \
	    "$(cat "$W/err")" "bomb@evil: a rule hit its match limit"
	is "bomb $n: imported" "$(cat "$W/out")" "imported 1, already known 0, skipped 0"
done
# The shipped rules against long runs of what each of them looks for.
$GEN rules 3000 >"$W/rules.eml"
bounded "every shipped rule's bait" "$CONF" "$W/s.db" import "$W/rules.eml"
is "bait: imported" "$(cat "$W/out")" "imported 1, already known 0, skipped 0"
bounded "bait under the catastrophic rules" "$W/bomb.conf" "$W/s2.db" import "$W/rules.eml"
plan_end
