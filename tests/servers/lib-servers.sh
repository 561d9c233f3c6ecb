# Real mail servers on loopback for the integration tests: public-inbox
# (NNTP + IMAP), dovecot (IMAP, IMAPS), an aiosmtpd sink and OpenSMTPD.
# Recipes and pitfalls: shared/docs/servers.md.  Source after tests/lib.sh:
#	. "$TOP_SRCDIR/tests/servers/lib-servers.sh"
#
# Rules for callers:
# - Call start_* at the top level of the test, never inside $(...), a pipe
#   or ( ): the servers must be children of the test shell so that it can
#   reap them (PID 1 here does not reap orphans) and stop them at exit.
# - Call require_servers before the first TAP line: a missing server then
#   skips the whole test (or fails it under PVBOT_TEST_REQUIRE_SERVERS=1).
# - A server that fails to start is a broken harness: "Bail out!", exit 1.
#
# shellcheck disable=SC2034  # the variables set here are for the tests

SERVERS_DIR=$TOP_SRCDIR/tests/servers
SYSPY=/usr/bin/python3	# the pyenv python3 on PATH cannot see Debian's modules
DOVECOT_LDA=/usr/lib/dovecot/dovecot-lda
# Port reservations are shared by all tests on the machine (make -j check).
PVBOT_PORTS_DIR=${PVBOT_PORTS_DIR:-/tmp/pvbot-ports}
mkdir -p "$W/pids"

# lib.sh cleans up on EXIT only; turn signals into an exit so that an
# interrupted "make check" stops its servers too.
trap 'exit 129' HUP
trap 'exit 130' INT
trap 'exit 143' TERM
at_exit _release_ports

bail_out() { echo "Bail out! $*"; exit 1; }

# require_servers WHAT...: skip now if one is missing.  WHAT is
# public-inbox, dovecot, tls, smtp-sink or opensmtpd.
require_servers() {
	for _w in "$@"; do
		case $_w in
		public-inbox) _have public-inbox-init public-inbox-mda \
			public-inbox-nntpd public-inbox-imapd sqlite3 setpriv ;;
		dovecot) _have dovecot "$DOVECOT_LDA" ;;
		tls) _have openssl ;;
		smtp-sink) _have setpriv && "$SYSPY" -c 'import aiosmtpd' 2>/dev/null ;;
		opensmtpd) _have smtpd flock ;;
		*) bail_out "require_servers: unknown server $_w" ;;
		esac || require "$_w (run tests/servers/install-deps.sh)"
	done
	_mail_can_enter "$W"
}
_have() { for _b; do command -v "$_b" >/dev/null 2>&1 || return 1; done; }

# The servers run as the mail user, in the test's scratch directory: when
# that user cannot enter it (TMPDIR inside a private home), say so in one
# line instead of failing later in a server's log.
_mail_can_enter() {
	[ "$(id -u)" -eq 0 ] && _have setpriv || return 0
	$AS_MAIL test -x "$1" && return 0
	bail_out "the test servers run as user mail, who cannot enter" \
	    "$1: set TMPDIR to a directory others may enter (e.g. /tmp)"
}
# free_port: print a loopback port nobody listens on and no other test has
# reserved.  The range stays below Linux's ephemeral ports (32768+) so that
# client sockets never sit on a port a server must re-bind after a restart.
# Reservations are files owned by this shell's PID, made under a lock;
# those of dead PIDs are reclaimed.
free_port() {
	"$SYSPY" - "$PVBOT_PORTS_DIR" "$$" <<'EOF'
import fcntl, os, random, socket, sys
d, owner = sys.argv[1], sys.argv[2]
os.makedirs(d, exist_ok=True)
def alive(path):
    try:
        os.kill(int(open(path).read()), 0)
        return True
    except (OSError, ValueError):
        return False
with open(os.path.join(d, ".lock"), "w") as lock:
    fcntl.flock(lock, fcntl.LOCK_EX)
    for port in random.sample(range(20000, 32000), 500):
        path = os.path.join(d, str(port))
        if os.path.exists(path) and alive(path):
            continue
        s = socket.socket()
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind(("127.0.0.1", port))
            s.listen()
        except OSError:
            continue
        finally:
            s.close()
        with open(path, "w") as f:
            f.write(owner)
        print(port)
        sys.exit(0)
sys.exit("free_port: no free port")
EOF
}
_release_ports() {
	grep -lx "$$" "$PVBOT_PORTS_DIR"/[0-9]* 2>/dev/null | xargs rm -f
}

# wait_port PORT SECONDS: until something accepts connections on PORT.
wait_port() {
	"$SYSPY" - "$1" "$2" <<'EOF'
import socket, sys, time
end = time.monotonic() + float(sys.argv[2])
while True:
    try:
        socket.create_connection(("127.0.0.1", int(sys.argv[1])), 1).close()
        sys.exit(0)
    except OSError:
        if time.monotonic() > end:
            sys.exit(1)
        time.sleep(0.05)
EOF
}

# port_closed PORT: nothing listens on PORT (to check that a stop worked).
port_closed() { ! wait_port "$1" 0; }

# wait_until SECONDS COMMAND...: poll COMMAND until it succeeds.
wait_until() {
	_t=$(($1 * 10)); shift
	until "$@" >/dev/null 2>&1; do
		_t=$((_t - 1)); [ "$_t" -gt 0 ] || return 1; sleep 0.1
	done
}

# _srv_start NAME LOG COMMAND...: run a server as our child.  COMMAND must
# be a program, not a function: a function would run in a forked subshell
# and $! would be that subshell, not the server.  fd 9 (the
# OpenSMTPD lock) is closed so that a server can never hold the lock.
_srv_start() {
	_n=$1 _log=$2; shift 2
	"$@" </dev/null >>"$_log" 2>&1 9>&- &
	echo $! >"$W/pids/$_n.pid"
}

# _srv_alive PID: a zombie counts as stopped (kill -0 succeeds on zombies).
_srv_alive() {
	case $(ps -o stat= -p "$1" 2>/dev/null) in '' | Z*) return 1 ;; esac
}

# _srv_stop NAME [SIGNAL]: stop, escalate to KILL after 10 s, then reap.
_srv_stop() {
	[ -f "$W/pids/$1.pid" ] || return 0
	_p=$(cat "$W/pids/$1.pid"); rm -f "$W/pids/$1.pid"
	kill -"${2:-TERM}" "$_p" 2>/dev/null
	_t=0
	while _srv_alive "$_p" && [ $_t -lt 150 ]; do
		_t=$((_t + 1)); [ $_t -eq 100 ] && kill -KILL "$_p" 2>/dev/null
		sleep 0.1
	done
	wait "$_p" 2>/dev/null
	return 0
}

# _srv_up NAME LOG PORT...: wait for the ports, or bail out with the log.
_srv_up() {
	_n=$1 _log=$2; shift 2
	for _port; do
		wait_port "$_port" 10 && continue
		sed 's/^/# /' "$_log" | tail -20
		bail_out "$_n did not listen on 127.0.0.1:$_port"
	done
}

# as_mail COMMAND...: dovecot and OpenSMTPD refuse uid 0, so whatever
# writes the mail stores runs as the mail user (setpriv execs: $! is it).
# They start in /: the working directory of the test (a build tree in a
# private home such as /root) may be closed to them, and git, which
# public-inbox runs, stats it.
AS_MAIL="setpriv --reuid=mail --regid=mail --clear-groups env -C /"
as_mail() { $AS_MAIL "$@"; }

### a hostile server ######################################################

# start_hostile PROTO MODE [MAX]: tests/servers/hostile.py, an NNTP or IMAP
# server that misbehaves as MODE says (faults no real server makes); sets
# HOSTILE_PORT.  One at a time: it replaces the last one.
start_hostile() {
	stop_hostile
	rm -f "$W/hostile.port"
	_srv_start hostile "$W/hostile.log" "$SYSPY" "$SERVERS_DIR/hostile.py" \
		"$1" "$2" "$W/hostile.port" ${3:-}
	wait_until 10 test -s "$W/hostile.port" ||
		{ sed 's/^/# /' "$W/hostile.log"; bail_out "hostile.py did not start"; }
	HOSTILE_PORT=$(cat "$W/hostile.port")
	[ -n "${_hostile_atexit:-}" ] || at_exit stop_hostile
	_hostile_atexit=1
}
stop_hostile() { _srv_stop hostile; }

### public-inbox ###########################################################

# start_public_inbox NAME NEWSGROUP ADDRESS: a v2 inbox in $W/pi/NAME,
# served by public-inbox-nntpd and -imapd.  One inbox per test.
# Exports PI_CONFIG PI_EMERGENCY PI_NNTP_PORT PI_IMAP_PORT; sets PI_DIR.
# With PI_NNTPS=1, nntpd also serves NNTPS (as lore does) with a
# certificate from a private CA: exports PI_NNTPS_PORT and PI_CA.
start_public_inbox() {
	require_servers public-inbox
	PI_NAME=$1 PI_NEWSGROUP=$2 PI_ADDRESS=$3 PI_DIR=$W/pi/$1
	export PI_CONFIG="$W/pi/config" PI_EMERGENCY="$W/pi/emergency"
	mkdir -p "$W/pi"
	public-inbox-init -V2 -L medium --ng "$2" "$1" "$PI_DIR" \
		"http://127.0.0.1/$1" "$3" >"$W/pi/init.log" 2>&1 ||
		{ sed 's/^/# /' "$W/pi/init.log"; bail_out "public-inbox-init"; }
	# spamc is not installed; without this the mda rejects everything
	git config -f "$PI_CONFIG" publicinboxmda.spamcheck none
	chown -R mail:mail "$W/pi"
	PI_NNTP_PORT=$(free_port) || bail_out free_port
	PI_IMAP_PORT=$(free_port) || bail_out free_port
	export PI_NNTP_PORT PI_IMAP_PORT
	if [ -n "${PI_NNTPS:-}" ]; then
		make_tls_cert "$W/pi/tls" || bail_out "make_tls_cert failed"
		chown -R mail:mail "$W/pi/tls"
		PI_NNTPS_PORT=$(free_port) || bail_out free_port
		export PI_NNTPS_PORT PI_CA="$W/pi/tls/ca.pem"
	fi
	_pi_spawn
	[ -n "${_pi_atexit:-}" ] || at_exit stop_public_inbox
	_pi_atexit=1
}

# -W0: no worker processes, so $! is the server itself.
_pi_spawn() {
	_srv_start pi-nntpd "$W/pi/nntpd.log" \
		public-inbox-nntpd -W0 -l "127.0.0.1:$PI_NNTP_PORT" \
		${PI_NNTPS_PORT:+-l "nntps://127.0.0.1:$PI_NNTPS_PORT/?cert=$W/pi/tls/server.pem,key=$W/pi/tls/server.key"}
	_srv_start pi-imapd "$W/pi/imapd.log" \
		public-inbox-imapd -W0 -l "127.0.0.1:$PI_IMAP_PORT"
	_srv_up public-inbox-nntpd "$W/pi/nntpd.log" "$PI_NNTP_PORT"
	[ -z "${PI_NNTPS_PORT:-}" ] ||
		_srv_up public-inbox-nntpd "$W/pi/nntpd.log" "$PI_NNTPS_PORT"
	_srv_up public-inbox-imapd "$W/pi/imapd.log" "$PI_IMAP_PORT"
}

# stop_public_inbox [SIGNAL]: stop both daemons (KILL to simulate a crash).
stop_public_inbox() { _srv_stop pi-nntpd "${1:-}"; _srv_stop pi-imapd "${1:-}"; }

# restart_public_inbox [SIGNAL]: same inbox, same ports.
restart_public_inbox() { stop_public_inbox "${1:-}"; _pi_spawn; }

# pi_deliver FILE...: deliver as the list server would.  public-inbox-mda
# exits 0 even when it rejects a message (failed precheck, duplicate), so
# count the inbox's messages instead of trusting its status.
pi_deliver() {
	for _f; do
		_before=$(_pi_count)
		_mid=$(_pi_msgid "$_f")
		as_mail env HOME="$W/pi" ORIGINAL_RECIPIENT="$PI_ADDRESS" \
			public-inbox-mda <"$_f" >>"$W/pi/mda.log" 2>&1
		_rc=$? _after=$(_pi_count)
		# Other mail (pvbot's own replies via the MTA) may land at the
		# same time: the count must grow and this message be there; a
		# rejected duplicate leaves the count as it was.
		[ "$_rc" -eq 0 ] && [ "$_after" -gt "$_before" ] &&
			{ [ -z "$_mid" ] || _pi_has "$_mid"; } && continue
		echo "# pi_deliver: $_f did NOT land in $PI_NAME" \
			"(mda exit $_rc, messages $_before -> $_after)" >&2
		tail -3 "$W/pi/mda.log" | sed 's/^/#   /' >&2
		return 1
	done
}
# The Message-ID of a message file, without brackets, or nothing.
_pi_msgid() {
	sed -n '/^$/q; s/^[Mm]essage-[Ii][Dd]: *<\([^>]*\)>.*/\1/p' "$1" | head -1
}
_pi_has() {
	[ "$(sqlite3 "$PI_DIR/msgmap.sqlite3" "SELECT COUNT(*) FROM msgmap
		WHERE mid = '$(printf %s "$1" | sed "s/'/''/g")'" 2>/dev/null)" = 1 ]
}
_pi_count() {
	sqlite3 "$PI_DIR/msgmap.sqlite3" 'SELECT COUNT(*) FROM msgmap' 2>/dev/null || echo 0
}

# nntp_cmd PORT COMMAND...: send each command, print each reply (multi-line
# replies in full, dot-unstuffed).  E.g. nntp_cmd $PI_NNTP_PORT "GROUP g".
nntp_cmd() {
	"$SYSPY" - "$@" <<'EOF'
import socket, sys
MULTI = ("100", "101", "215", "220", "221", "222", "224", "225", "230", "231")
s = socket.create_connection(("127.0.0.1", int(sys.argv[1])), 10)
f = s.makefile("rb")
def line():
    return f.readline().decode("utf-8", "replace").rstrip("\r\n")
def reply():
    first = line()
    print(first)
    while first[:3] in MULTI:
        l = line()
        if l == ".":
            break
        print(l[1:] if l.startswith("..") else l)
line()
for cmd in sys.argv[2:]:
    s.sendall(cmd.encode() + b"\r\n")
    reply()
s.sendall(b"QUIT\r\n")
EOF
}

### dovecot ################################################################

# start_dovecot USER PASSWORD: IMAP for one user (no ':' in either) with
# Maildir $DOVECOT_MAILDIR owned by mail.  With openssl, also IMAPS (and
# STARTTLS) with a certificate for 127.0.0.1/localhost from a private CA.
# Exports DOVECOT_PORT, and DOVECOT_IMAPS_PORT DOVECOT_CA when TLS is on.
start_dovecot() {
	require_servers dovecot
	DOVECOT_USER=$1 DOVECOT_PASS=$2 _dd=$W/dovecot
	DOVECOT_MAILDIR=$_dd/mail/$1/Maildir
	mkdir -p "$_dd/run" "$_dd/state"
	install -d -o mail -g mail "$_dd/mail" "$_dd/mail/$1" "$DOVECOT_MAILDIR" \
		"$DOVECOT_MAILDIR/cur" "$DOVECOT_MAILDIR/new" "$DOVECOT_MAILDIR/tmp"
	# passwd-file refuses uid 0; the auth process (user dovecot) reads it
	echo "$1:{PLAIN}$2:mail:mail::$_dd/mail/$1::" >"$_dd/users"
	chmod 755 "$_dd"; chmod 644 "$_dd/users"
	DOVECOT_PORT=$(free_port) || bail_out free_port
	export DOVECOT_PORT
	DOVECOT_IMAPS_PORT=0 DOVECOT_CA=
	if _have openssl; then
		make_tls_cert "$_dd/tls" || bail_out "make_tls_cert failed"
		DOVECOT_IMAPS_PORT=$(free_port) || bail_out free_port
		export DOVECOT_IMAPS_PORT DOVECOT_CA="$_dd/tls/ca.pem"
	fi
	_dovecot_conf >"$_dd/dovecot.conf"
	_dovecot_spawn
	[ -n "${_dovecot_atexit:-}" ] || at_exit stop_dovecot
	_dovecot_atexit=1
}

# Self-contained: nothing from /etc/dovecot, all state under $W.
_dovecot_conf() {
	cat <<EOF
protocols = imap
listen = 127.0.0.1
base_dir = $_dd/run
state_dir = $_dd/state
log_path = $_dd/dovecot.log
disable_plaintext_auth = no
auth_mechanisms = plain login
# the default (500) refuses the mail user (uid 8)
first_valid_uid = 1
mail_location = maildir:~/Maildir
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u $_dd/users
}
userdb {
  driver = passwd-file
  args = username_format=%u $_dd/users
}
service imap-login {
  inet_listener imap {
    port = $DOVECOT_PORT
  }
  inet_listener imaps {
    port = $DOVECOT_IMAPS_PORT
    ssl = yes
  }
}
EOF
	if [ -n "$DOVECOT_CA" ]; then
		printf 'ssl = yes\nssl_cert = <%s\nssl_key = <%s\n' \
			"$_dd/tls/server.pem" "$_dd/tls/server.key"
	else
		echo "ssl = no"
	fi
}

_dovecot_spawn() {
	_dd=$W/dovecot
	_srv_start dovecot "$_dd/stderr.log" dovecot -F -c "$_dd/dovecot.conf"
	# both logs: config errors go to stderr, the rest to log_path
	_srv_up dovecot "$_dd/stderr.log" "$DOVECOT_PORT"
	[ "$DOVECOT_IMAPS_PORT" = 0 ] ||
		_srv_up dovecot "$_dd/dovecot.log" "$DOVECOT_IMAPS_PORT"
}

# stop_dovecot [SIGNAL] / restart_dovecot [SIGNAL]: restart keeps the ports.
# A TERM takes dovecot about a second.
stop_dovecot() { _srv_stop dovecot "${1:-}"; }
restart_dovecot() { stop_dovecot "${1:-}"; _dovecot_spawn; }

# dovecot_deliver FILE...: deliver as an MTA would (new, unseen, owned by
# mail; an IMAP APPEND would mark it \Seen).  The LDA's status is reliable.
dovecot_deliver() {
	for _f; do
		"$DOVECOT_LDA" -c "$W/dovecot/dovecot.conf" -d "$DOVECOT_USER" \
			-f "${DOVECOT_FROM:-sender@example.org}" <"$_f" \
			2>>"$W/dovecot/lda.log" && continue
		echo "# dovecot_deliver: $_f NOT delivered" >&2
		tail -3 "$W/dovecot/lda.log" | sed 's/^/#   /' >&2
		return 1
	done
}

# make_tls_cert DIR: DIR/ca.pem (the CA to trust), DIR/server.pem and
# DIR/server.key for 127.0.0.1 and localhost.  EC keys: fast to make.
make_tls_cert() {
	mkdir -p "$1" && (
		cd "$1" || exit 1
		printf '%s\n' "basicConstraints=CA:FALSE" \
			"subjectAltName=IP:127.0.0.1,DNS:localhost" >ext.cnf
		openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 \
			-nodes -keyout ca.key -out ca.pem -days 30 \
			-subj "/CN=pvbot test CA $$" &&
		openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes \
			-keyout server.key -out server.csr -subj /CN=localhost &&
		openssl x509 -req -in server.csr -CA ca.pem -CAkey ca.key \
			-CAcreateserial -days 30 -extfile ext.cnf -out server.pem
	) >"$1/openssl.log" 2>&1
}

### SMTP ###################################################################

# start_smtp_sink MAILDIR [LIST_ADDR]: the aiosmtpd sink (smtp_sink.py).
# Mail to LIST_ADDR also goes into the public-inbox (start it first); other
# recipients get a copy each in MAILDIR.  Exports SMTP_PORT.  Set
# SMTP_SINK_FAIL (e.g. "rcpt 550") to fail from the start, or see
# smtp_sink_fail.  SMTP_SINK_AUTH=USER:PASS makes it require AUTH.  Several
# sinks per machine are fine.
start_smtp_sink() {
	require_servers smtp-sink
	[ -z "${2:-}" ] || [ -n "${PI_CONFIG:-}" ] ||
		bail_out "start_smtp_sink: LIST_ADDR needs start_public_inbox first"
	SMTP_MAILDIR=$1 SMTP_LIST_ADDR=${2:-}
	SMTP_SINK_FAILFILE=$W/smtp-sink.fail
	printf '%s\n' "${SMTP_SINK_FAIL:-}" >"$SMTP_SINK_FAILFILE"
	chmod 644 "$SMTP_SINK_FAILFILE"
	install -d -o mail -g mail "$1" "$1/cur" "$1/new" "$1/tmp"
	# the mail user may not reach the source tree
	cp "$SERVERS_DIR/smtp_sink.py" "$W/smtp_sink.py"
	SMTP_PORT=$(free_port) || bail_out free_port
	export SMTP_PORT
	# shellcheck disable=SC2086  # AS_MAIL is a command line: split it
	_srv_start smtp-sink "$W/smtp-sink.log" $AS_MAIL env HOME="$W/pi" \
		"$SYSPY" "$W/smtp_sink.py" --fail-file "$SMTP_SINK_FAILFILE" \
		${SMTP_SINK_AUTH:+--auth "$SMTP_SINK_AUTH"} \
		"$SMTP_PORT" "$1" ${2:+"$2"}
	_srv_up smtp-sink "$W/smtp-sink.log" "$SMTP_PORT"
	[ -n "${_sink_atexit:-}" ] || at_exit stop_smtp_sink
	_sink_atexit=1
}

# smtp_sink_fail STAGE CODE [ADDRESS] [TEXT]: from now on answer CODE at
# STAGE (mail, rcpt or data: end of DATA), for ADDRESS only if given, with
# TEXT after the code ("5.7.1 Refused: ..."; a literal \n starts another
# line).  No arguments: heal.
smtp_sink_fail() { printf '%s\n' "$*" >"$SMTP_SINK_FAILFILE"; }

stop_smtp_sink() { _srv_stop smtp-sink "${1:-}"; }

# post_conf FILE [LINE...]: a configuration for the posting tests: the
# repository's rules, policy, protocols and templates, the sample
# MAINTAINERS, xen-devel open for posting, sending through the sink; each
# LINE is one more global keyword.  Sections may be appended after it.
post_conf() {
	_pc=$1; shift
	{
		for _k in rules policy protocols; do
			echo "$_k $TOP_SRCDIR/etc/pvbot/$_k.conf"
		done
		echo "templates $TOP_SRCDIR/etc/pvbot/templates"
		echo "maintainers $TOP_SRCDIR/contrib/sample/MAINTAINERS"
		echo "bot-address pvbot@lists.example.org"
		echo "send yes"
		for _k; do echo "$_k"; done
		printf 'list xen-devel\n\tlist-id xen-devel.lists.xenproject.org\n'
		printf '\taddress xen-devel@lists.xenproject.org\n\tpost yes\n'
		printf 'smtp\n\turl smtp://127.0.0.1:%s\n' "$SMTP_PORT"
		printf '\tfrom pvbot@lists.example.org\n\ttimeout 10s\n'
	} >"$_pc"
}

# start_opensmtpd MAILDIR [LIST_ADDR]: a real MTA, same routing as the
# sink.  ONLY ONE PER MACHINE (fixed spool and /run/smtpd.sock), so tests
# that use it take turns on a lock.  Exports OPENSMTPD_PORT.
start_opensmtpd() {
	require_servers opensmtpd
	[ -z "${2:-}" ] || [ -n "${PI_CONFIG:-}" ] ||
		bail_out "start_opensmtpd: LIST_ADDR needs start_public_inbox first"
	# the kernel drops the lock when this shell dies, however it dies
	exec 9>/run/lock/pvbot-opensmtpd.lock
	flock -w 300 9 || bail_out "start_opensmtpd: lock busy for 300 s"
	_sd=$W/smtpd OPENSMTPD_MAILDIR=$1
	mkdir -p "$_sd"
	install -d -o mail -g mail "$1" "$1/cur" "$1/new" "$1/tmp"
	OPENSMTPD_PORT=$(free_port) || bail_out free_port
	export OPENSMTPD_PORT
	_opensmtpd_conf "${2:-}" >"$_sd/smtpd.conf"
	smtpd -n -f "$_sd/smtpd.conf" >"$_sd/check.log" 2>&1 ||
		{ sed 's/^/# /' "$_sd/check.log"; bail_out "smtpd.conf"; }
	_srv_start opensmtpd "$_sd/smtpd.log" smtpd -d -f "$_sd/smtpd.conf"
	_srv_up opensmtpd "$_sd/smtpd.log" "$OPENSMTPD_PORT"
	[ -n "${_smtpd_atexit:-}" ] || at_exit stop_opensmtpd
	_smtpd_atexit=1
}

# Everything maps to the mail user: OpenSMTPD will not deliver to root.
_opensmtpd_conf() {
	echo 'table catchall { "@" = "mail" }'
	echo "listen on 127.0.0.1 port $OPENSMTPD_PORT hostname mx.test"
	echo "action \"sink\" maildir \"$OPENSMTPD_MAILDIR\" virtual <catchall>"
	[ -z "$1" ] || {
		echo "action \"list\" mda \"/usr/bin/env PI_CONFIG=$PI_CONFIG" \
			"PI_EMERGENCY=$PI_EMERGENCY ORIGINAL_RECIPIENT=%{rcpt}" \
			"/usr/bin/public-inbox-mda\" virtual <catchall>"
		echo "match from any for rcpt-to \"$1\" action \"list\""
	}
	echo 'match from any for any action "sink"'
}

stop_opensmtpd() { _srv_stop opensmtpd "${1:-}"; }
