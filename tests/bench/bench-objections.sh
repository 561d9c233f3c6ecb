#!/bin/sh
# Objections per thread (issue 19, item 9): one series whose thread holds
# N objections from N people, every other one answered by the author, and
# status --all --fresh timed at N = 2,000 .. 16,000.  Evaluating a thread
# must stay n log n: doubling N should about double the time, not
# quadruple it.  Prints numbers; part of make bench.
#
# usage: PVBOT=... sh tests/bench/bench-objections.sh   (or make bench)
# Environment: OBJECTIONS="2000 4000 8000 16000" (the sizes).
set -eu
: "${PVBOT:?set PVBOT to a built pvbot}"
w=$(mktemp -d "${TMPDIR:-/tmp}/pvbot-bench-obj.XXXXXX")
trap 'rm -rf "$w"' EXIT

# thread N: the mbox on stdout.
thread() {
	awk -v n="$1" 'function hdr(from, subj, id, parent, t) {
		printf "From bench Mon Jan  1 00:00:00 2029\n"
		printf "From: %s\nSubject: %s\n", from, subj
		printf "Date: Mon, 1 Jan 2029 %02d:%02d:%02d +0000\n",
		    int(t / 3600) % 24, int(t / 60) % 60, t % 60
		printf "Message-ID: <%s>\n", id
		if (parent != "")
			printf "In-Reply-To: <%s>\nReferences: <%s>\n", parent, parent
		printf "\n"
	}
	BEGIN {
		hdr("Ann Author <ann@example.org>",
		    "[PATCH] xen/pvcalls: a change to the ring", "root@bench", "", 0)
		printf "A change.\n\nSigned-off-by: Ann Author <ann@example.org>\n"
		printf "%s\n", "---"
		printf " xen/include/public/io/pvcalls.h | 1 +\n\n"
		printf "--- a/xen/include/public/io/pvcalls.h\n"
		printf "+++ b/xen/include/public/io/pvcalls.h\n"
		printf "@@ -1 +1,2 @@\n #define A 1\n+#define B 2\n\n"
		for (i = 1; i <= n; i++) {
			id = "obj" i "@bench"
			hdr("Reviewer " i " <rev" i "@example.org>",
			    "Re: [PATCH] xen/pvcalls: a change to the ring",
			    id, "root@bench", 60 + i)
			printf "NAK.  I object: this breaks the ring ABI for old guests.\n\n"
			if (i % 2 == 0) {
				hdr("Ann Author <ann@example.org>",
				    "Re: [PATCH] xen/pvcalls: a change to the ring",
				    "ans" i "@bench", id, 60 + n + i)
				printf "It does not: old guests never read that field.\n\n"
			}
		}
	}'
}

printf '%-12s %10s %12s\n' objections messages "status (s)"
for n in ${OBJECTIONS:-2000 4000 8000 16000}; do
	thread "$n" >"$w/t.mbox"
	db=$w/o$n.db
	"$PVBOT" -d "$db" import --quiet "$w/t.mbox" >/dev/null 2>&1
	t0=$(date +%s.%N)
	"$PVBOT" -d "$db" status --all --fresh --now 2029-03-01T00:00:00Z \
	    >/dev/null 2>&1
	t1=$(date +%s.%N)
	printf '%-12s %10s %12.2f\n' "$n" \
	    "$("$PVBOT" -d "$db" messages 2>/dev/null | wc -l)" \
	    "$(awk "BEGIN { print $t1 - $t0 }")"
	rm -f "$db" "$db"-*
done
