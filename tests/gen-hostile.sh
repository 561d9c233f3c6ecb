#!/bin/sh
# Hostile mail for t9200: each kind is one message (or a few) on stdout, as
# anyone on the internet could send it to a list pvbot reads.  awk does the
# bulk so that a 100 MB message takes a second, not a minute.
#
# usage: gen-hostile.sh KIND [N]
#   headers N     N junk header lines, then N/10 Subject and References lines
#   body MB       a body of MB megabytes of text
#   nested N      multipart/mixed nested N levels deep
#   refs N        one References line naming N message-ids
#   cycle N       four messages whose References form loops, and a ring of N
#   nul           NUL bytes in the header and the body
#   html N        an HTML-only body nested 2N elements deep
#   encword N     an encoded word of N bytes (base64) in Subject and From
#   bomb N        a body of N 'a's and a '!': backtracking bait
#   rules N       every shipped rule's bait: long runs of what rules match
set -u
kind=$1; n=${2:-0}

head_of() {
	printf 'From: %s\nTo: xen-devel@lists.xenproject.org\n' \
	    "${3:-Mallory <mallory@evil.example>}"
	printf 'Subject: %s\nDate: Mon, 2 Nov 2026 10:00:00 +0000\n' "$2"
	printf 'Message-ID: <%s>\n' "$1"
}

case $kind in
headers)
	head_of headers@evil "many headers"
	awk -v n="$n" 'BEGIN {
		for (i = 0; i < n; i++) printf "X-Junk-%d: %0100d\n", i, i
		for (i = 0; i < n / 10; i++) {
			printf "Subject: again %d\n", i
			printf "References: <hr%d@evil>\n", i
			printf "Received: from h%d by mx; Mon, 2 Nov 2026 10:00:00 +0000\n", i
		}
	}'
	printf '\nbody\n'
	;;
body)
	head_of body@evil "a big body"
	printf 'Content-Type: text/plain\n\n'
	awk -v n="$n" 'BEGIN {
		line = sprintf("%075d", 0)
		for (i = 0; i < n * 1048576 / 76; i++) print line
	}'
	;;
nested)
	head_of nested@evil "deeply nested"
	printf 'MIME-Version: 1.0\nContent-Type: multipart/mixed; boundary="b0"\n\n'
	awk -v n="$n" 'BEGIN {
		for (i = 0; i < n; i++) {
			printf "--b%d\nContent-Type: multipart/mixed; boundary=\"b%d\"\n\n", i, i + 1
		}
		printf "--b%d\nContent-Type: text/plain\n\ninnermost\n", n
		for (i = n; i >= 0; i--) printf "--b%d--\n", i
	}'
	;;
refs)
	head_of refs@evil "a million references"
	awk -v n="$n" 'BEGIN {
		printf "References:"
		for (i = 0; i < n; i++) printf " <r%d@evil>", i
		printf "\nIn-Reply-To: <r%d@evil>\n\nbody\n", n - 1
	}'
	;;
cycle)
	# a -> b -> c -> a, d refers to itself and to c; then a ring of N
	# messages, each naming the next as its parent.
	for m in "a c" "b a" "c b" "d d c"; do
		set -- $m
		echo "From mboxrd@z Thu Jan  1 00:00:00 1970"
		head_of "$1@cycle" "Re: loop"
		shift
		printf 'References:'; for r in "$@"; do printf ' <%s@cycle>' "$r"; done
		printf '\nIn-Reply-To: <%s@cycle>\n\nloop\n\n' "$1"
	done
	awk -v n="$n" 'BEGIN {
		for (i = 0; i < n; i++) {
			print "From mboxrd@z Thu Jan  1 00:00:00 1970"
			printf "From: Mallory <mallory@evil.example>\nSubject: Re: ring\n"
			printf "Date: Mon, 2 Nov 2026 10:00:00 +0000\n"
			printf "Message-ID: <ring%d@cycle>\n", i
			printf "References: <ring%d@cycle> <ring%d@cycle>\n\nring\n\n", \
			    (i + 2) % n, (i + 1) % n
		}
	}'
	;;
nul)
	printf 'From: Nul\000Name <nul@evil.example>\nSubject: nul\000in subject\n'
	printf 'Message-ID: <nul@evil>\nDate: Mon, 2 Nov 2026 10:00:00 +0000\n'
	printf 'X-Nul: \000\000\000\n\nbody\000with\000NULs\nAcked-by: A \000<a@x>\n'
	;;
html)
	head_of html@evil "deep html"
	printf 'Content-Type: text/html\n\n'
	awk -v n="$n" 'BEGIN {
		for (i = 0; i < n; i++) printf "<div><b>"
		printf "deep"
		for (i = 0; i < n; i++) printf "</b></div>"
		print ""
	}'
	;;
encword)
	w=$(awk -v n="$n" 'BEGIN {
		printf "=?UTF-8?B?"
		for (i = 0; i < n / 8; i++) printf "w6nDqcOp"
		printf "?="
	}')
	head_of encword@evil "$w" "$w <encword@evil.example>"
	printf '\nbody\n'
	;;
bomb)
	head_of bomb@evil "Re: backtracking"
	printf 'In-Reply-To: <p@x>\n\n'
	awk -v n="$n" 'BEGIN {
		s = "a"; while (length(s) < n) s = s s
		print substr(s, 1, n) "!"
	}'
	;;
rules)
	head_of rules@evil "Re: [PATCH v2 1/2] bait for every rule"
	printf 'In-Reply-To: <p@x>\n\n'
	# Long runs of what the shipped rules look for, each unfinished.
	awk -v n="$n" 'BEGIN {
		split("Acked-by: |Reviewed-by: |NAK |pvbot: tag |+1 |I object |lazy consensus |Applied |ping |withdraw |within |days |Signed-off-by: |Nacked-by: |Tested-by: |   |a-|<a@", bait, "|")
		for (k in bait) {
			s = ""
			for (i = 0; i < n; i++) s = s bait[k]
			print s
		}
	}'
	;;
*)
	echo "gen-hostile.sh: unknown kind $kind" >&2
	exit 2
	;;
esac
