#!/bin/sh
# Install what tests/servers/lib-servers.sh starts (Debian 12, as root).
# Idempotent: does nothing, not even "apt-get update", when all is there.
set -eu

pkgs="public-inbox dovecot-imapd python3-aiosmtpd opensmtpd openssl curl
	sqlite3 git procps util-linux ca-certificates libio-socket-ssl-perl"
# The dashboard is checked in a headless browser (t6000), the manual pages
# with mandoc and groff (t6100), the Atom feed with xmllint.
pkgs="$pkgs chromium fonts-dejavu-core mandoc groff-base man-db
	libxml2-utils python3"

# OpenSMTPD, postfix and exim4 all provide mail-transport-agent: apt would
# remove an MTA someone else installed.  Leave it; opensmtpd tests skip.
if ! dpkg-query -W -f='${Status}\n' opensmtpd 2>/dev/null | grep -q '^install ok'; then
	for mta in postfix exim4-daemon-light exim4-daemon-heavy; do
		if dpkg-query -W -f='${Status}\n' "$mta" 2>/dev/null | grep -q '^install ok'; then
			echo "install-deps: $mta is installed; not replacing it with opensmtpd" >&2
			pkgs=$(echo "$pkgs" | sed 's/opensmtpd//')
		fi
	done
fi

missing=""
for p in $pkgs; do
	dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null | grep -q '^install ok' ||
		missing="$missing $p"
done
[ -n "$missing" ] || exit 0

# Tests run their own servers on free ports; the system daemons that
# dovecot and opensmtpd would start hold fixed ports and /run/smtpd.sock.
if [ ! -e /usr/sbin/policy-rc.d ]; then
	printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d
	chmod 755 /usr/sbin/policy-rc.d
	trap 'rm -f /usr/sbin/policy-rc.d' EXIT
fi

export DEBIAN_FRONTEND=noninteractive
echo "install-deps: installing$missing" >&2
apt-get update -qq
# shellcheck disable=SC2086  # a word list on purpose
apt-get install -y -qq --no-install-recommends $missing >/dev/null
