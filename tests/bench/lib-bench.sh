# Shared by the benchmarks: source it after setting nothing.

# bench_replies DB ROUND: a day's mail as an mbox on stdout, 50 replies
# to messages of DB picked at random, their Message-IDs new each ROUND.
bench_replies() {
	sqlite3 "$1" "SELECT message_id FROM messages WHERE present
	    ORDER BY random() LIMIT 50" | awk -v b="$2" '{
		printf "From bench@example.org Mon Dec 31 00:00:00 2029\n"
		printf "From: Bench Reviewer <bench@example.org>\n"
		printf "Subject: Re: bench\nDate: Mon, 31 Dec 2029 00:00:00 +0000\n"
		printf "Message-ID: <bench-%d-%d@example.org>\n", b, NR
		printf "In-Reply-To: <%s>\nReferences: <%s>\n\n", $0, $0
		printf "I object: this breaks the ring ABI for old guests.\n\n"
	}'
}
