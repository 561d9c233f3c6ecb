#!/bin/sh
# Real archives from ../shared: the linux-hyperv list (26,431 messages) and
# the 161 hand-labelled messages.  Skipped when ../shared is absent.
. "$TOP_SRCDIR/tests/lib.sh"

HV=$SHARED/corpus/lore/linux-hyperv.mbox.gz
LAB=$SHARED/corpus/labelled/raw
[ -f "$HV" ] || require_shared "real archive $HV"
PY=/usr/bin/python3
[ -x "$PY" ] || PY=python3

# What a plain reading says: messages (From_ lines) and distinct
# Message-IDs (decoded the way a mail reader would).
zcat "$HV" | "$PY" -c '
import sys, re, email.header
n = 0; ids = set(); noid = 0; cur = None; inh = False
def done():
    global noid
    if cur is None: return
    if cur: ids.add(cur)
    else: noid += 1
for raw in sys.stdin.buffer:
    line = raw.decode("latin-1")
    if line.startswith("From mboxrd@z "):
        done(); n += 1; cur = ""; inh = True; last = None; continue
    if not inh: continue
    if line in ("\n", "\r\n"): inh = False; continue
    if line[0] in " \t" and last == "mid": cur += line.strip(); continue
    last = None
    if line.lower().startswith("message-id:"):
        cur = line.split(":", 1)[1].strip(); last = "mid"
done()
clean = set()
for i in ids:
    if "=?" in i:
        i = "".join(p.decode(c or "ascii") if isinstance(p, bytes) else p
                    for p, c in email.header.decode_header(i))
    m = re.search(r"<([^>]+)>", i)
    clean.add(m.group(1) if m else i.strip("<> "))
print(n, len(clean), noid)' >"$W/expect"
read total distinct noid <"$W/expect"
is "reference count of messages" "$total" 26431

pv import --list linux-hyperv "$HV" >"$W/out" 2>"$W/err"
is "import exits 0" "$?" 0
is "summary" "$(sed 's/, disputed [0-9]*$//' "$W/out")" "imported $((distinct + noid)), already known $((total - distinct - noid)), skipped 0"
# Copies of a Message-ID that say something else (resent with changes):
# each is kept once, and its text really differs from the first copy's.
nd=$(sed -n 's/.*, disputed \([0-9]*\)$/\1/p' "$W/out")
is "each disputing copy kept" "$(sqlite3 "$DB" 'SELECT count(*) FROM conflicts')" "${nd:-0}"
sqlite3 "$DB" "SELECT hex(r.bytes) || ' ' || hex(c.raw) FROM conflicts c
    JOIN raw r ON r.id = c.message" | "$PY" -c '
import sys, email
def text(b):
    m = email.message_from_bytes(bytes.fromhex(b))
    return b"".join(p.get_payload(decode=True) or b"" for p in m.walk()
                    if not p.is_multipart())
print(sum(text(a) == text(b) for a, b in (l.split() for l in sys.stdin)))' >"$W/same"
is "no disputing copy has the first copy's text" "$(cat "$W/same")" 0
is "distinct Message-IDs stored once each" \
	"$(sqlite3 "$DB" "SELECT count(DISTINCT message_id) FROM messages WHERE present AND message_id NOT LIKE '%@pvbot.invalid'")" "$distinct"
is "every skip has a reason" "$(sqlite3 "$DB" "SELECT count(*) FROM skipped WHERE reason = ''")" 0
is "no message without a thread" "$(sqlite3 "$DB" "SELECT count(*) FROM messages m WHERE present AND NOT EXISTS (SELECT 1 FROM threads t WHERE t.id = m.thread)")" 0
is "every thread has a root" "$(sqlite3 "$DB" "SELECT count(*) FROM threads WHERE root IS NULL")" 0
is "raw bytes kept for every message" "$(sqlite3 "$DB" "SELECT count(*) FROM messages m WHERE present AND NOT EXISTS (SELECT 1 FROM raw r WHERE r.id = m.id)")" 0
is "integrity" "$(sqlite3 "$DB" 'PRAGMA integrity_check')" ok
pv import --list linux-hyperv "$HV" >"$W/out" 2>&1
is "re-import adds 0" "$(cat "$W/out")" "imported 0, already known $total, skipped 0"

if [ -d "$LAB" ]; then
	n=$(ls "$LAB"/*.eml | wc -l)
	pv import --list labelled "$LAB"/*.eml >"$W/out" 2>"$W/err"
	like "labelled corpus imports ($n files)" "$(cat "$W/out")" "skipped 0"
	for f in "$LAB"/*.eml; do
		id=$(awk -F'\t' -v f="$(basename "$f")" '$1 == f { print $2 }' "$SHARED/corpus/labelled/labels.tsv" | tr -d '<>')
		[ -n "$id" ] || continue
		c=$(sqlite3 "$DB" "SELECT count(*) FROM messages WHERE present AND message_id = '$(printf %s "$id" | sed "s/'/''/g")'")
		[ "$c" = 1 ] || echo "# missing $id ($f)"
	done >"$W/missing"
	is "every labelled Message-ID found" "$(cat "$W/missing")" ""
fi
plan_end
