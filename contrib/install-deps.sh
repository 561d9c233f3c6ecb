#!/bin/sh
# Install what pvbot needs on Debian 12 (as root), man-db to read its
# manual (a minimal Debian has no "man") and git for the demo's repository
# (pvbot itself reads git with libgit2).  With --test, also the real
# servers the test suite starts on loopback.
set -eu
export DEBIAN_FRONTEND=noninteractive
build="autoconf automake libtool pkg-config make gcc libetpan-dev
	libcurl4-gnutls-dev libsqlite3-dev libpcre2-dev libjansson-dev
	libxml2-dev libxml2-utils zlib1g-dev libgnutls28-dev libgit2-dev
	sqlite3 gzip man-db git"
# llvm: llvm-symbolizer, without which the sanitizers cannot name a
# stack's functions and tests/fuzz/lsan.supp (by function) suppresses
# nothing: a fresh Debian 12 then fails fuzz-imap on libetpan's known leak.
test="clang libclang-rt-14-dev llvm curl python3"
missing=""
want=$build
[ "${1:-}" = "--test" ] && want="$build $test"
for p in $want; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" ||
		missing="$missing $p"
done
if [ -n "$missing" ]; then
	[ "$(id -u)" = 0 ] || { echo "install-deps: need root for:$missing" >&2; exit 1; }
	apt-get update -qq
	apt-get install -y -qq --no-install-recommends $missing >/dev/null
fi
if [ "${1:-}" = "--test" ] && [ -f "$(dirname "$0")/../tests/servers/install-deps.sh" ]; then
	sh "$(dirname "$0")/../tests/servers/install-deps.sh"
fi
