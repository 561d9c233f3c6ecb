#!/bin/sh
# Same behaviour, proved: build pvbot at two commits and diff what each
# prints and stores on the same archives.
#
#   sh tests/bench/compare-outputs.sh [-n N] [-k] OLD [NEW]
#
# OLD and NEW are commits (NEW defaults to HEAD; "." is the work tree as
# it is, uncommitted changes included).  Each is exported (git archive),
# configured and built in a temporary directory; OLD_PVBOT or NEW_PVBOT
# name an already built binary instead.  Both then run the same sequence
# on the real linux-hyperv archive (shared/corpus, skipped when absent)
# and on a generated archive of N messages (default 100000; -n 0: none),
# each with its own tree's etc/pvbot files and its own database:
#
#   import; messages --json; status --all --json (twice: the second from
#   the evaluation cache); status --all --json --fresh; protocols --json;
#   subscribe; summary, remind and digest (dry runs: the mbox printed);
#   report --html; and a dump of the database (messages, threads, events,
#   verdicts, outbox, ...)
#
# with fixed --now values, and every pair of outputs is compared with
# cmp.  Prints one line per output and "N same, N different"; exits 1 on
# any difference.  -k keeps the work directory (its path is printed).
set -eu
top=$(cd "$(dirname "$0")/../.." && pwd)
n=100000
keep=0
while getopts kn: opt; do
	case $opt in
	k) keep=1 ;;
	n) n=$OPTARG ;;
	*) echo "usage: $0 [-n N] [-k] OLD [NEW]" >&2; exit 2 ;;
	esac
done
shift $((OPTIND - 1))
[ $# -ge 1 ] && [ $# -le 2 ] ||
    { echo "usage: $0 [-n N] [-k] OLD [NEW]" >&2; exit 2; }
old=$1
new=${2:-HEAD}
shared=${PVBOT_SHARED:-$top/../shared}
[ -d "$shared" ] || [ -n "${PVBOT_SHARED:-}" ] || shared=/work/shared
w=$(mktemp -d "${TMPDIR:-/tmp}/pvbot-compare.XXXXXX")
if [ $keep = 1 ]; then
	echo "work directory: $w"
else
	trap 'rm -rf "$w"' EXIT
fi

# export REV DIR: the tree of a commit, or the work tree for ".".
export_tree() {
	mkdir -p "$2"
	if [ "$1" = . ]; then
		(cd "$top" && git ls-files -z | xargs -0 tar -cf -) |
		    tar -xf - -C "$2"
	else
		git -C "$top" archive "$1" | tar -xf - -C "$2"
	fi
}

# build REV DIR: configure and make pvbot (and gen-archive) there.
build() {
	export_tree "$1" "$2/src"
	(cd "$2/src" && autoreconf -fi >/dev/null 2>&1 &&
	    mkdir -p ../build && cd ../build &&
	    ../src/configure >configure.out 2>&1 &&
	    make -j2 pvbot tests/gen-archive >make.out 2>&1) ||
	    { echo "compare: building $1 failed (see $2/build)" >&2; exit 1; }
}

for side in old new; do
	eval "rev=\$$side"
	if [ $side = old ]; then bin=${OLD_PVBOT:-}; else bin=${NEW_PVBOT:-}; fi
	if [ -n "$bin" ]; then
		mkdir -p "$w/$side"
		export_tree "$rev" "$w/$side/src"
		eval "${side}_bin=\$bin"
	else
		echo "building $side ($rev)"
		build "$rev" "$w/$side"
		eval "${side}_bin=\$w/\$side/build/pvbot"
	fi
	eval "${side}_etc=\$w/\$side/src/etc/pvbot"
done
# The generator: the new side's, else the one beside NEW_PVBOT.
gen=$w/new/build/tests/gen-archive
[ -x "$gen" ] || gen=$(dirname "$new_bin")/tests/gen-archive
[ -x "$gen" ] || { echo "compare: no tests/gen-archive beside $new_bin" >&2; exit 1; }

# conf SIDE: a configuration with every list open for (dry-run) posting
# and a weekly roll-up, the Czar named, Xen's MAINTAINERS when present.
conf() {
	eval "etc=\$${1}_etc"
	{
		echo "rules $etc/rules.conf"
		echo "policy $etc/policy.conf"
		echo "protocols $etc/protocols.conf"
		echo "templates $etc/templates"
		[ -f "$shared/data/xen/MAINTAINERS" ] &&
		    echo "maintainers $shared/data/xen/MAINTAINERS"
		echo "bot-address pvbot@lists.example.org"
		echo "archive-url https://lore.kernel.org/all/"
		echo "czar czar@example.org"
		echo "summary-max-age 36500d"
		for l in xen-devel:xen-devel.lists.xenproject.org:lists.xenproject.org \
		    linux-hyperv:linux-hyperv.vger.kernel.org:vger.kernel.org; do
			name=${l%%:*}; rest=${l#*:}
			echo "list $name"
			echo "	list-id ${rest%%:*}"
			echo "	address $name@${rest#*:}"
			echo "	post yes"
			echo "	rollup weekly"
		done
	} >"$w/$1/pvbot.conf"
}
conf old
conf new

# run SIDE NAME ARCHIVE NOW: the sequence, outputs in SIDE/out-NAME/.
run() {
	eval "bin=\$${1}_bin"
	d=$w/$1/out-$2
	mkdir -p "$d"
	db=$w/$1/$2.db
	rm -f "$db" "$db"-*
	s=$1
	shift 2
	archive=$1 now=$2
	# Each output ends with pvbot's exit status, compared like the rest
	# (a command that fails must fail the same way on both sides).
	p() { "$bin" -c "$w/$s/pvbot.conf" -d "$db" "$@" && echo "(exit 0)" ||
	    echo "(exit $?)"; }
	p import --quiet "$archive" >"$d/import" 2>&1
	# A disputed copy's "arrived" is the wall-clock time of the import
	# that stored it: the two sides import at different times.
	p messages --json 2>&1 | sed -E 's/("arrived": *)[0-9]+/\1T/g' \
	    >"$d/messages.json"
	p status --all --json --now "$now" >"$d/status.json" 2>&1
	p status --all --json --now "$now" >"$d/status-cached.json" 2>&1
	p status --all --json --fresh --now "$now" >"$d/status-fresh.json" 2>&1
	p status --now "$now" >"$d/status.txt" 2>&1
	p protocols --json --now "$now" >"$d/protocols.json" 2>&1
	p subscribe --daily ops@example.com >"$d/subscribe" 2>&1
	p subscribe --weekly --filter netvsc dev@example.com >>"$d/subscribe" 2>&1
	p summary --now "$now" >"$d/summary.mbox" 2>&1
	p remind --now "$now" >"$d/remind.mbox" 2>&1
	p digest --now "$now" >"$d/digest.mbox" 2>&1
	(cd "$d" && p report --html www --now "$now" \
	    --url https://pvbot.example.org/ >report 2>&1)
	# What import writes (tests/lib.sh), then what evaluating and the
	# mails write.
	# Each side's own db_dump: its schema is its own (an older side has
	# no table a newer one added).
	(TOP_SRCDIR=$w/$s/src; . "$TOP_SRCDIR/tests/lib.sh"; db_dump "$db") \
	    >"$d/db.dump" 2>&1 || echo "(db_dump failed)" >>"$d/db.dump"
	sqlite3 "$db" "
	SELECT * FROM verdicts ORDER BY root, version;
	SELECT * FROM events ORDER BY id;
	SELECT * FROM event_mails ORDER BY event, message_id;
	SELECT * FROM protocol_stages ORDER BY name;
	SELECT * FROM protocol_history ORDER BY rowid;
	SELECT email, filters, period, state, last_digest FROM subscribers
	  ORDER BY email;
	SELECT id, message_id, key, kind, thread_root, sender, rcpt,
	  hex(sha3(raw)), state, attempts, next_try, last_error FROM outbox
	  ORDER BY id;
	SELECT * FROM requests ORDER BY message;
	SELECT root, version, shape, epoch, at, horizon, hex(sha3(facts))
	  FROM eval_cache ORDER BY root, version, shape;" >>"$d/db.dump" 2>&1
}

same=0 diff=0
# compare NAME: each output file of the two sides with cmp; the pages of
# the dashboard (www/) are counted on one line.
compare() {
	pages=0 pages_same=0
	for f in $( (cd "$w/old/out-$1" && find . -type f;
	    cd "$w/new/out-$1" && find . -type f) | sort -u); do
		f=${f#./}
		a=$w/old/out-$1/$f b=$w/new/out-$1/$f
		if [ -f "$a" ] && [ -f "$b" ] && cmp -s "$a" "$b"; then
			same=$((same + 1))
			case $f in
			www/*) pages=$((pages + 1)) pages_same=$((pages_same + 1)) ;;
			*) echo "same       $1 $f ($(wc -c <"$b") bytes)" ;;
			esac
			continue
		fi
		diff=$((diff + 1))
		case $f in www/*) pages=$((pages + 1)) ;; esac
		echo "DIFFERENT  $1 $f"
		diff -u "$a" "$b" 2>&1 | head -20 | sed 's/^/    /'
	done
	echo "same       $1 www/: $pages_same of $pages files"
}

both() {	# NAME ARCHIVE NOW
	echo "== $1: $(grep -c '^From ' "$2") messages, --now $3"
	run old "$@"
	run new "$@"
	compare "$1"
}

if [ -f "$shared/corpus/lore/linux-hyperv.mbox.gz" ]; then
	zcat "$shared/corpus/lore/linux-hyperv.mbox.gz" >"$w/hv.mbox"
	both linux-hyperv "$w/hv.mbox" 2026-07-16T12:00:00Z
	rm -f "$w/hv.mbox"
else
	echo "== linux-hyperv: skipped ($shared/corpus/lore missing)"
fi
if [ "$n" -gt 0 ]; then
	"$gen" -n "$n" >"$w/gen.mbox"
	both "generated-$n" "$w/gen.mbox" 2030-01-01T00:00:00Z
	rm -f "$w/gen.mbox"
fi
echo "$same same, $diff different ($old against $new)"
[ $diff -eq 0 ]
