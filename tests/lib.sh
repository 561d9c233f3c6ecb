# Shared helpers for the integration tests: TAP output, a private
# directory, the pvbot under test.  Source it first:  . "$TOP_SRCDIR/tests/lib.sh"

: "${TOP_SRCDIR:=$(cd "$(dirname "$0")/../.." && pwd)}"
: "${TOP_BUILDDIR:=$TOP_SRCDIR}"
: "${PVBOT:=$TOP_BUILDDIR/pvbot}"
# The shared corpus lives beside the checkout; CI clones may sit elsewhere.
SHARED=${PVBOT_SHARED:-$TOP_SRCDIR/../shared}
[ -d "$SHARED" ] || [ ! -d /work/shared ] || SHARED=/work/shared

tap_n=0
tap_failed=0

# A private scratch directory, removed at exit unless PVBOT_KEEP is set.
W=$(mktemp -d "${TMPDIR:-/tmp}/pvbot-test.XXXXXX")
chmod 711 "$W"
cleanup_hooks=""
at_exit() { cleanup_hooks="$1; $cleanup_hooks"; }
run_cleanup() {
	eval "$cleanup_hooks"
	if [ -n "${PVBOT_KEEP:-}" ]; then
		echo "# PVBOT_KEEP: kept $W" >&2
	else
		rm -rf "$W"
	fi
}
trap run_cleanup EXIT

plan_end() { echo "1..$tap_n"; [ "$tap_failed" -eq 0 ]; }

skip_all() { echo "1..0 # SKIP $*"; exit 0; }

# A server or file the test needs is missing: skip, unless CI demands it.
require() {
	if [ -n "${PVBOT_TEST_REQUIRE_SERVERS:-}" ]; then
		echo "Bail out! required but missing: $*"
		exit 1
	fi
	skip_all "$*"
}

# The shared corpus (../shared) is missing: skip, unless CI (.ci/run)
# demands it.  A user's clone has no ../shared; CI's has.
require_shared() {
	if [ -n "${PVBOT_TEST_REQUIRE_SHARED:-}" ]; then
		echo "Bail out! required but missing: $*"
		exit 1
	fi
	skip_all "$*"
}

ok() {
	tap_n=$((tap_n + 1))
	if [ "$1" -eq 0 ]; then
		echo "ok $tap_n - $2"
	else
		tap_failed=$((tap_failed + 1))
		echo "not ok $tap_n - $2"
	fi
}

# check DESCRIPTION COMMAND...: the command must succeed.
check() {
	desc=$1; shift
	if "$@" >"$W/check.out" 2>&1; then ok 0 "$desc"; else
		ok 1 "$desc"; sed 's/^/#   /' "$W/check.out" | head -20; fi
}

# check_fails DESCRIPTION COMMAND...: the command must fail.
check_fails() {
	desc=$1; shift
	if "$@" >"$W/check.out" 2>&1; then
		ok 1 "$desc"; sed 's/^/#   /' "$W/check.out" | head -20
	else ok 0 "$desc"; fi
}

# is DESCRIPTION GOT WANT
is() {
	if [ "$2" = "$3" ]; then ok 0 "$1"; else
		ok 1 "$1"; echo "#   got:  '$2'"; echo "#   want: '$3'"; fi
}

# like DESCRIPTION TEXT REGEX (grep -E)
like() {
	if printf '%s\n' "$2" | grep -Eq -- "$3"; then ok 0 "$1"; else
		ok 1 "$1"; printf '%s\n' "$2" | head -20 | sed 's/^/#   got: /'
		echo "#   want match: $3"; fi
}

# pvbot with the test's own database and config.
DB=$W/pvbot.db
pv() { "$PVBOT" -c "$TOP_SRCDIR/etc/pvbot.conf" -d "$DB" "$@"; }

# sample_conf FILE: a configuration for the sample archive with nothing
# but what etc/ does not hold (the built-in rules, policy, protocols and
# templates are used): its MAINTAINERS, and xen-devel open for status
# replies and a weekly roll-up.
sample_conf() {
	cat >"$1" <<CONF
maintainers $TOP_SRCDIR/contrib/sample/MAINTAINERS
bot-address pvbot@lists.example.org
archive-url https://lore.kernel.org/xen-devel/
list xen-devel
	list-id xen-devel.lists.xenproject.org
	address xen-devel@lists.xenproject.org
	post yes
	rollup weekly
CONF
}

# db_dump DB: every table an import writes, in a stable order, raw bytes
# by length and hash: two databases with equal dumps hold the same mail.
db_dump() {
	sqlite3 "$1" "
	SELECT id, message_id, parent, thread, present, date, date_source,
	  from_name, from_email, subject, s_version, s_part, s_total, posting,
	  kind, flags, size, c_flags, vote, window FROM messages ORDER BY id;
	SELECT * FROM trailers ORDER BY message, seq;
	SELECT * FROM message_paths ORDER BY message, path;
	SELECT * FROM commands ORDER BY message, seq;
	SELECT * FROM thread_protocols ORDER BY thread, protocol;
	SELECT * FROM thread_tags ORDER BY thread, tag;
	SELECT id, root, subject, first_date, last_date FROM threads ORDER BY id;
	SELECT * FROM postings ORDER BY id;
	SELECT * FROM series ORDER BY id;
	SELECT * FROM message_lists ORDER BY message, list;
	SELECT * FROM skipped ORDER BY source, position;
	SELECT message, says, source, position, from_email, length(raw)
	  FROM conflicts ORDER BY message, says;
	SELECT * FROM cursors ORDER BY source;
	SELECT id, length(bytes), hex(sha3(bytes)) FROM raw ORDER BY id;" 2>&1
}

# jq-less JSON queries: sqlite3's JSON functions read pvbot's output.
# json_query FILE SQL-EXPRESSION-over-json-column-j
json_query() {
	sqlite3 :memory: "CREATE TABLE d(j); INSERT INTO d VALUES (readfile('$1'));
		SELECT $2 FROM d;"
}

# gen_message FILE MSGID SUBJECT [DATE] [FROM] [IN-REPLY-TO] [BODY]
gen_message() {
	{
		echo "From: ${5:-Alice Example <alice@example.org>}"
		echo "To: xen-devel@lists.xenproject.org"
		echo "Subject: $3"
		echo "Date: ${4:-Mon, 2 Nov 2026 10:00:00 +0000}"
		echo "Message-ID: <$2>"
		[ -n "${6:-}" ] && echo "In-Reply-To: <$6>" && echo "References: <$6>"
		echo "Content-Type: text/plain; charset=utf-8"
		echo
		printf '%s\n' "${7:-Body of $2.}"
	} >"$1"
}

# mbox_append MBOX FILE...: add messages with a From_ line, mboxrd-quoted.
mbox_append() {
	out=$1; shift
	for f in "$@"; do
		echo "From mboxrd@z Thu Jan  1 00:00:00 1970"
		sed 's/^\(>*From \)/>\1/' "$f"
		echo
	done >>"$out"
}

# /usr/bin/time reports the peak RSS for bounded.
TIME=/usr/bin/time
[ -x $TIME ] || TIME=""

# bounded NAME CONFIG DB ARGS...: pvbot within $TIMEOUT seconds and $MEM_MB
# MiB of peak RSS (set by the caller), one TAP line saying so with the
# figures; its exit status in $rc, output in $W/out and $W/err.
bounded() {
	name=$1; conf=$2; db=$3; shift 3
	start=$(date +%s)
	if [ -n "$TIME" ]; then
		$TIME -f %M -o "$W/mem" timeout -k 5 $TIMEOUT \
		    "$PVBOT" -c "$conf" -d "$db" "$@" >"$W/out" 2>"$W/err"
		rc=$?
		kb=$(tail -1 "$W/mem" | tr -dc 0-9)
	else
		timeout -k 5 $TIMEOUT "$PVBOT" -c "$conf" -d "$db" "$@" \
		    >"$W/out" 2>"$W/err"
		rc=$?; kb=0
	fi
	secs=$(( $(date +%s) - start ))
	mb=$(( ${kb:-0} / 1024 ))
	if [ $rc -ge 124 ] || [ "$mb" -gt $MEM_MB ]; then
		ok 1 "$name: bounded"
		echo "#   exit $rc after ${secs}s, ${mb} MiB (bounds ${TIMEOUT}s, $MEM_MB MiB)"
		head -3 "$W/err" | cut -c1-200 | sed 's/^/#   /'
	else
		ok 0 "$name: exit $rc in ${secs}s, ${mb} MiB (bounds ${TIMEOUT}s, $MEM_MB MiB)"
	fi
}
