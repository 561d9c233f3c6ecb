#!/bin/sh
# Live ingestion benchmarks against real loopback servers (not part of
# make check: it prints numbers, it does not pass or fail):
#  1. APPEND to Dovecot -> message classified in the database, under
#     `pvbot run` (IMAP IDLE): p50, p90, p99 and max over LATENCY_N mails;
#  2. backfill rate of a large public-inbox group over NNTP, and of the same
#     inbox over public-inbox's IMAP (which splits it into 50,000-message
#     slices), from BACKFILL_N generated messages.
#
# usage: make bench-live   or
#	TOP_SRCDIR=... TOP_BUILDDIR=... sh tests/bench/bench-live.sh
# Environment: LATENCY_N (default 200), BACKFILL_N (default 100000).
# shellcheck disable=SC2119  # start_run, stop_* take optional arguments
: "${TOP_SRCDIR:=$(cd "$(dirname "$0")/../.." && pwd)}"
: "${TOP_BUILDDIR:=$TOP_SRCDIR}"
. "$TOP_SRCDIR/tests/lib.sh"
. "$TOP_SRCDIR/tests/servers/lib-servers.sh"
. "$TOP_SRCDIR/tests/lib-live.sh"
LATENCY_N=${LATENCY_N:-200}
BACKFILL_N=${BACKFILL_N:-100000}
require_servers dovecot public-inbox
[ -x "$TOP_BUILDDIR/tests/gen-archive" ] ||
	bail_out "build tests/gen-archive first (make tests/gen-archive)"

now() { "$SYSPY" -c 'import time; print("%.3f" % time.monotonic())'; }
elapsed() { awk "BEGIN { printf \"%.1f\", $2 - $1 }"; }

### 1. APPEND -> classified row, under pvbot run ###########################
start_dovecot bot botpass
printf 'botpass\n' >"$W/secret"
chmod 600 "$W/secret"
live_conf
cat >>"$CONF" <<EOF
source dovecot
	url imap://bot@127.0.0.1:$DOVECOT_PORT/INBOX
	credentials-file $W/secret
	list xen-devel
EOF
start_run
idling() { run_log_has "dovecot: waiting in IDLE"; }
wait_until 20 idling || bail_out "pvbot run never reached IDLE"
echo "APPEND -> classified in the database, $LATENCY_N messages, one at a time:"
"$SYSPY" - "$DOVECOT_PORT" "$DB" "$LATENCY_N" <<'EOF'
import imaplib, os, sqlite3, sys, time
port, db, n = int(sys.argv[1]), sys.argv[2], int(sys.argv[3])
imap = imaplib.IMAP4("127.0.0.1", port)
imap.login("bot", "botpass")
con = sqlite3.connect("file:%s?mode=ro" % db, uri=True)
q = "SELECT 1 FROM messages WHERE message_id = ? AND present = 1"
lat, lost = [], 0
for i in range(n):
    mid = "bench-%d-%d@example.org" % (os.getpid(), i)
    msg = ("From: Bench <bench@example.org>\r\n"
           "To: xen-devel@lists.xenproject.org\r\n"
           "Subject: Re: [PATCH v2 1/3] bench %d\r\n"
           "Date: Mon, 2 Nov 2026 10:00:00 +0000\r\n"
           "Message-ID: <%s>\r\n\r\nLooks good.\r\n\r\n"
           "Acked-by: Bench <bench@example.org>\r\n" % (i, mid)).encode()
    t0 = time.monotonic()
    imap.append("INBOX", None, None, msg)
    while not con.execute(q, (mid,)).fetchone():
        if time.monotonic() - t0 > 10:
            lost += 1
            break
        time.sleep(0.001)
    else:
        lat.append(time.monotonic() - t0)
lat.sort()
def pct(p):
    return lat[min(len(lat) - 1, int(round(p / 100.0 * (len(lat) - 1))))]
print("  p50 %.3f s, p90 %.3f s, p99 %.3f s, max %.3f s, min %.3f s"
      % (pct(50), pct(90), pct(99), lat[-1], lat[0]))
print("  %d stored, %d not within 10 s" % (len(lat), lost))
EOF
stop_run TERM
stop_dovecot

### 2. backfill of a large group ############################################
NG=org.example.xen-devel
start_public_inbox xen-devel "$NG" xen-devel@lists.xenproject.org
gen_mbox "$W/big.mbox" "$BACKFILL_N" 7
t0=$(now)
n=$(pi_import "$W/big.mbox")
t1=$(now)
echo "public-inbox: $n messages added in $(elapsed "$t0" "$t1") s (setup)"
live_conf
cat >>"$CONF" <<EOF
source nntp
	url nntp://127.0.0.1:$PI_NNTP_PORT/$NG
	batch 1000
source imap
	url imap://127.0.0.1:$PI_IMAP_PORT/$NG
	batch 1000
EOF
for src in nntp imap; do
	rm -f "$DB" "$DB-wal" "$DB-shm"
	t0=$(now)
	pvl poll --once "$src" >"$W/$src.out" 2>&1 ||
		{ cat "$W/$src.out"; bail_out "poll $src failed"; }
	t1=$(now)
	got=$(db_count)
	echo "$src backfill: $got messages in $(elapsed "$t0" "$t1") s =" \
		"$(awk "BEGIN { printf \"%.0f\", $got / ($t1 - $t0) }") msg/s" \
		"(parsed, threaded, classified, stored)"
	sed 's/^/  /' "$W/$src.out"
done
echo "imap cursor: $(db_cursor "imap:imap://127.0.0.1:$PI_IMAP_PORT/$NG")"
