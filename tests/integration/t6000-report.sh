#!/bin/sh
# pvbot report --html: the static dashboard and the Atom feed, from the
# sample xen-devel archive seen on 2026-11-25.  The pages are loaded in
# headless Chromium (tests/browser.py drives it over the DevTools pipe):
# no console error, no fetch off the disk, no sideways scrolling on a
# phone, and one timeline mark per proposal, objection and event.  The
# feed is checked against RFC 4287's schema (tests/data/atom.rng).
# Screenshots are kept in $TOP_BUILDDIR/tests/artifacts/.
. "$TOP_SRCDIR/tests/lib.sh"

now=2026-11-25T12:00:00Z
epoch=$(date -u -d "$now" +%s)
S=$TOP_SRCDIR
cat >"$W/pvbot.conf" <<CONF
rules $S/etc/pvbot/rules.conf
policy $S/etc/pvbot/policy.conf
protocols $S/etc/pvbot/protocols.conf
templates $S/etc/pvbot/templates
maintainers $S/contrib/sample/MAINTAINERS
bot-address pvbot@lists.example.org
archive-url https://lore.kernel.org/xen-devel/
list xen-devel
	list-id xen-devel.lists.xenproject.org
	address xen-devel@lists.xenproject.org
CONF
pv() { "$PVBOT" -c "$W/pvbot.conf" -d "$DB" "$@"; }

# The Czar promotes sndif by mail; someone posts a subject full of markup.
gen_message "$W/promote.eml" promote-sndif@example.org \
	"Re: [DESIGN RFC] docs/designs: PV sound (sndif) multi-stream extension" \
	"Tue, 24 Nov 2026 09:00:00 +0000" \
	"Greta Lindqvist <greta.lindqvist@example.org>" \
	20261102083012.2291-1-aino.virtanen@example.com \
	"Consensus it is.

pvbot: promote sndif prototype"
gen_message "$W/markup.eml" 'markup/50%+1@example.org' \
	"[DESIGN] pvcalls: <script>alert(1)</script> & \"quoted\" 'x'" \
	"Mon, 23 Nov 2026 10:00:00 +0000" "Mallory <mallory@example.org>" "" \
	"A pvcalls design.  If there are no objections within the next seven
days, lazy consensus applies."
check "import the sample" pv import "$S/contrib/sample/xen-devel.mbox" \
	"$W/promote.eml" "$W/markup.eml"

pv report >/dev/null 2>&1; is "report without --html is a usage error" $? 2
# The event log as an evaluation at now keeps it (the feed shows the log).
pv status --now "$now" --record >/dev/null 2>&1
pv report --html "$W/site" --now "$now" >"$W/out" 2>"$W/err"
is "report --html exits 0" $? 0
like "report says what it wrote" "$(cat "$W/out")" "index.html, feed.atom and 8 proposal"
site=$W/site
npages=$(ls "$site"/p/*.html 2>/dev/null | wc -l | tr -d ' ')
is "one page per proposal" "$npages" 8
pv status --json --all --now "$now" >"$W/status.json"

# Deterministic: the same database and --now give the same bytes.
pv report --html "$W/site2" --now "$now" >/dev/null
check "same DB and --now: same site" diff -r "$site" "$W/site2"

py=/usr/bin/python3; [ -x "$py" ] || py=$(command -v python3 || true)
if [ -n "$py" ]; then
	check "every page is balanced, with lang, viewport, title, h1, main" \
		"$py" "$S/tests/html-check.py" "$site/index.html" "$site"/p/*.html
fi

# Escaping: markup in a subject stays text, everywhere.
like "the subject is escaped" "$(cat "$site/index.html")" \
	'&lt;script&gt;alert\(1\)&lt;/script&gt; &amp; &quot;quoted&quot;'
is "no script element anywhere" \
	"$(cat "$site/index.html" "$site"/p/*.html | grep -ci '<script')" 0
is "no external resource" \
	"$(grep -hoE '(src|href)="(https?:)?//[^"]*' "$site/index.html" |
	grep -vc lore.kernel.org)" 0

# A proposal page: verdict, tally with maintainers, objections, links.
page=$(grep -l 'pvcalls: add UDP socket support</a>' "$site/index.html" >/dev/null &&
	grep -o 'p/[0-9a-f]*-v2.html' "$site/index.html" | head -1)
p2=$site/$page
like "v2 page shows its verdict" "$(cat "$p2")" 'badge v-consensus">consensus'
like "tally has column headers" "$(cat "$p2")" '<th scope="col">Maintainer</th>'
like "a maintainer's vote is flagged" "$(cat "$p2")" \
	'Tomasz Wierzbicki &lt;tomasz.wierzbicki@example.com&gt;</th><td class="num" data-label="Vote">\+1</td><td data-label="Maintainer">yes'
like "objections have states" "$(cat "$p2")" '<td data-label="State">resolved</td>'
like "messages link to the archive" "$(cat "$p2")" \
	'href="https://lore.kernel.org/xen-devel/20261110043241.8830-1-priya.raman@example.net/"'
like "odd Message-IDs are %-encoded" "$(cat "$site"/p/*.html)" \
	'lore.kernel.org/xen-devel/markup%2F50%25\+1@example.org/'

# The Atom feed: well-formed, valid against RFC 4287, one entry per
# verdict or promotion event, ids that never change.
feed=$site/feed.atom
check "feed.atom is well-formed XML" xmllint --noout "$feed"
check "feed.atom is valid Atom (RFC 4287 RELAX NG)" \
	xmllint --noout --relaxng "$S/tests/data/atom.rng" "$feed"
xp() { xmllint --xpath "$1" "$2" 2>/dev/null; }
A="*[local-name()"
is "feed has an author" "$(xp "count(/$A='feed']/$A='author']/$A='name'])" "$feed")" 1
is "feed has a self link" \
	"$(xp "count(/$A='feed']/$A='link'][@rel='self'])" "$feed")" 1
want=$(sqlite3 "$DB" "SELECT count(*) FROM events WHERE at <= $epoch
	AND kind IN ('verdict', 'promotion')")
is "one entry per verdict and promotion event" \
	"$(xp "count(//$A='entry'])" "$feed")" "$want"
is "every entry has content or an alternate link" \
	"$(xp "count(//$A='entry'][not($A='content'] or $A='link'][@rel='alternate'])])" "$feed")" 0
is "entry ids are unique" \
	"$(xp "//$A='entry']/$A='id']/text()" "$feed" | sort | uniq -d | wc -l | tr -d ' ')" 0
like "entry ids are tag URIs named by the event" \
	"$(xp "//$A='entry']/$A='id']/text()" "$feed")" \
	'^tag:pvbot,2026:promote:sndif:prototype:1795510800$'
xp "//$A='entry']/$A='id']/text()" "$feed" | sort >"$W/ids1"
pv status --now 2026-12-05T12:00:00Z --record >/dev/null 2>&1
pv report --html "$W/later" --now 2026-12-05T12:00:00Z >/dev/null
check "feed.atom a week later is valid too" \
	xmllint --noout --relaxng "$S/tests/data/atom.rng" "$W/later/feed.atom"
xp "//$A='entry']/$A='id']/text()" "$W/later/feed.atom" | sort >"$W/ids2"
is "entry ids are stable across runs" \
	"$(comm -23 "$W/ids1" "$W/ids2" | wc -l | tr -d ' ')" 0
is "a week later has new entries" \
	"$(test "$(wc -l <"$W/ids2")" -gt "$(wc -l <"$W/ids1")" && echo yes)" yes

# In a browser.  Without Chromium these checks are skipped, unless CI
# demands every server and tool.
skip_rest() {
	if [ -n "${PVBOT_TEST_REQUIRE_SERVERS:-}" ]; then
		ok 1 "$1 (required but missing)"
	else
		tap_n=$((tap_n + 1)); echo "ok $tap_n # SKIP $1"
	fi
}
chrome=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$chrome" ] || [ -z "$py" ]; then
	skip_rest "no chromium or python3 (tests/servers/install-deps.sh)"
	plan_end; exit
fi
art=$TOP_BUILDDIR/tests/artifacts
mkdir -p "$art"
browse() { # NAME PAGE WIDTH HEIGHT [mobile]
	"$py" "$S/tests/browser.py" "$chrome" "file://$site/$2" "$3" "$4" \
		"$art/t6000-$1.png" ${5:-} >"$W/$1.json" 2>"$W/$1.err"
}
browse index index.html 1200 900
is "index.html loads in Chromium" $? 0
sed 's/^/#   /' "$W/index.err"
browse index-phone index.html 390 844 mobile
is "index.html loads at phone width" $? 0
browse proposal-phone "$page" 390 844 mobile
is "a proposal page loads at phone width" $? 0
jq_() { json_query "$W/$1.json" "$2"; }
for v in index index-phone proposal-phone; do
	is "$v: no console error" "$(jq_ $v "json_array_length(j, '\$.console')")" 0
	is "$v: nothing fetched off the disk" \
		"$(jq_ $v "json_array_length(j, '\$.fetches')")" 0
done
is "index: no sideways scrolling on a phone" "$(jq_ index-phone "json_extract(j, '\$.overflow')")" 0
is "proposal: no sideways scrolling on a phone" "$(jq_ proposal-phone "json_extract(j, '\$.overflow')")" 0
for f in index index-phone proposal-phone; do
	[ -s "$art/t6000-$f.png" ]; is "screenshot t6000-$f.png saved" $? 0
done

# The timelines: one per protocol with anything to show, and in each as
# many marks of a kind as the database has things of that kind.
marks() { # PROTOCOL KIND
	jq_ index "(SELECT coalesce(json_extract(t.value, '\$.marks.$2'), 0)
		FROM json_each(j, '\$.timelines') t
		WHERE json_extract(t.value, '\$.protocol') = '$1')"
}
bound() { # PROTOCOL: proposals bound to it
	json_query "$W/status.json" "(SELECT count(*) FROM
		json_each(j, '\$.proposals') p, json_each(p.value, '\$.protocols') x
		WHERE x.value = '$1')"
}
objections() { # PROTOCOL: distinct objections on its proposals
	json_query "$W/status.json" "(SELECT count(DISTINCT json_extract(o.value,
		'\$.message_id')) FROM json_each(j, '\$.proposals') p,
		json_each(p.value, '\$.protocols') x, json_each(p.value,
		'\$.objections') o WHERE x.value = '$1')"
}
events() { # PROTOCOL KIND: events about its proposals
	sqlite3 "$DB" "SELECT count(*) FROM events e JOIN threads t
		ON t.root = e.subject JOIN thread_protocols tp ON tp.thread = t.id
		WHERE e.kind = '$2' AND e.at <= $epoch AND tp.protocol = '$1'"
}
is "a timeline per protocol with proposals" \
	"$(jq_ index "(SELECT count(*) FROM json_each(j, '\$.timelines') t
		WHERE json_extract(t.value, '\$.protocol') != '')")" \
	"$(json_query "$W/status.json" "(SELECT count(DISTINCT x.value) FROM
		json_each(j, '\$.proposals') p, json_each(p.value, '\$.protocols') x)")"
total=0
for proto in blkif pvcalls 9pfs displif sndif xenstore; do
	is "$proto: a posted mark per proposal" "$(marks $proto posted)" \
		"$(bound $proto)"
	is "$proto: a mark per objection" "$(marks $proto objection)" \
		"$(objections $proto)"
	is "$proto: a mark per verdict event" "$(marks $proto verdict)" \
		"$(events $proto verdict)"
	is "$proto: a mark per stale event" "$(marks $proto stale)" \
		"$(events $proto stale)"
	is "$proto: a mark per promotion" "$(marks $proto promotion)" \
		"$(sqlite3 "$DB" "SELECT count(*) FROM events WHERE
		kind = 'promotion' AND subject = '$proto' AND at <= $epoch")"
	total=$((total + $(marks $proto verdict)))
done
is "sndif's promotion is drawn" "$(marks sndif promotion)" 1
is "every verdict event is drawn" "$total" \
	"$(sqlite3 "$DB" "SELECT count(*) FROM events WHERE kind = 'verdict'
	AND at <= $epoch")"
plan_end
