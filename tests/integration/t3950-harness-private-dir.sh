#!/bin/sh
# The test harness from a clone inside a private directory, as root's
# natural clone under /root (mode 0700): the servers run as mail and the
# read-only checks as nobody, neither of whom may enter it.  And where the
# harness still cannot work (a scratch directory they cannot enter), it
# says so in one line.
. "$TOP_SRCDIR/tests/lib.sh"
[ "$(id -u)" -eq 0 ] || skip_all "only root's runs drop privileges"
. "$TOP_SRCDIR/tests/servers/lib-servers.sh"
require_servers public-inbox dovecot tls smtp-sink
[ -x "$TOP_BUILDDIR/tests/gen-archive" ] || skip_all "tests/gen-archive not built"

# A copy of the tree the tests need, in a 0700 "home".
H=$W/home
install -d -m 700 "$H"
mkdir -p "$H/src" "$H/build/tests"
cp -R "$TOP_SRCDIR/tests" "$TOP_SRCDIR/etc" "$H/src/"
install -m 755 "$PVBOT" "$H/build/pvbot"
install -m 755 "$TOP_BUILDDIR/tests/gen-archive" "$H/build/tests/gen-archive"

# inner TEST [ENV...]: run one integration test from inside the home, with
# its working directory there too (as make check does).
inner() {
	_t=$1
	shift
	(cd "$H/build" && env TOP_SRCDIR="$H/src" TOP_BUILDDIR="$H/build" \
	    PVBOT="$H/build/pvbot" PVBOT_TEST_REQUIRE_SERVERS=1 "$@" \
	    sh "$H/src/tests/integration/$_t.sh") >"$W/$_t.out" 2>&1
}

for t in t3900-servers-smoke t9100-db-faults; do
	inner $t
	is "$t from a 0700 directory: exits 0" "$?" 0
	is "$t from a 0700 directory: no failure, no bail out" \
	    "$(grep -cE '^(not ok|Bail out)' "$W/$t.out")" 0
	like "$t from a 0700 directory: its checks ran" \
	    "$(grep -c '^ok ' "$W/$t.out")" '^[1-9][0-9]+$'
done

# A scratch directory the mail user cannot enter: one line saying so.
install -d -m 700 "$H/tmp"
inner t3900-servers-smoke TMPDIR="$H/tmp"
rc=$?
ok "$([ $rc -ne 0 ]; echo $?)" "scratch directory closed to mail: fails"
is "scratch directory closed to mail: one line says why" \
    "$(grep -c '^Bail out! the test servers run as user mail, who cannot enter .*: set TMPDIR' \
    "$W/t3900-servers-smoke.out")" 1

plan_end
