#!/bin/sh
# A git source against real repositories made here with git: a series is
# posted (format-patch) in two versions and applied with git am; a patch
# is applied onto a newer base (same patch-id, reworded subject); a patch
# is applied changed but with a Link: tag; another changed, found by its
# author and subject; one of a two-patch series only.  pvbot's patch-ids
# equal `git patch-id --stable`; the verdicts follow the commits; a
# re-poll adds nothing; a force-push upstream takes a commit away and the
# match with it; a kill -9 in the middle of a poll resumes exactly.
. "$TOP_SRCDIR/tests/lib.sh"

command -v git >/dev/null || skip_all "git missing"
command -v sqlite3 >/dev/null || skip_all "sqlite3 missing"

export GIT_AUTHOR_NAME="Ann Author" GIT_AUTHOR_EMAIL="ann@example.org"
export GIT_COMMITTER_NAME="Carl Committer" GIT_COMMITTER_EMAIL="carl@example.org"
export GIT_CONFIG_GLOBAL=/dev/null GIT_CONFIG_NOSYSTEM=1
g() { git -C "$1" -c init.defaultBranch=master -c user.useConfigOnly=false "$@"; }
at() { GIT_AUTHOR_DATE="$1" GIT_COMMITTER_DATE="$1"; export GIT_AUTHOR_DATE GIT_COMMITTER_DATE; }
gd() { d=$1; shift; git -C "$d" "$@"; }

# The upstream repository and a developer's clone.
git init -q -b master "$W/up"
mkdir -p "$W/up/docs/misc" "$W/up/xen/include/public/io"
printf 'Xen\n\nA hypervisor.\n' >"$W/up/README"
printf '# PV calls\n\nVersion 1.\n\n## Commands\n\nsocket\nconnect\n' \
    >"$W/up/docs/misc/pvcalls.pandoc"
i=1; while [ $i -le 30 ]; do echo "line $i"; i=$((i + 1)); done >"$W/up/notes.txt"
at "2024-01-01T10:00:00Z"
gd "$W/up" add -A && gd "$W/up" commit -qm "Initial import"
git clone -q "$W/up" "$W/dev"

# post DIR: the dev branch's last commit, format-patch'ed into DIR.
post() {
	gd "$W/dev" format-patch -q --thread=shallow -o "$1" -1
}

# Series "pvcalls: document bind and listen", v1 then v2 (2/2 changed).
# series V DATE DOC: the two commits on branch sV, format-patch'ed to $W/vV.
series() {
	gd "$W/dev" checkout -qb "s$1" master
	at "$2"
	printf 'Xen\n\nA hypervisor with PV protocols.\n' >"$W/dev/README"
	gd "$W/dev" commit -qam "README: mention PV protocols"
	printf '# PV calls\n\nVersion 1.\n\n## Commands\n\nsocket\nconnect\n%s\n' \
	    "$3" >"$W/dev/docs/misc/pvcalls.pandoc"
	gd "$W/dev" commit -qam "docs/pvcalls: document bind and listen"
	gd "$W/dev" format-patch -q --thread=shallow --cover-letter -v"$1" \
	    -o "$W/v$1" master
}
series 1 "2024-01-10T09:00:00Z" "bind"
series 2 "2024-01-20T09:00:00Z" "bind
listen"
for d in v1 v2; do
	sed -i -e "s/\*\*\* SUBJECT HERE \*\*\*/pvcalls: document bind and listen/" \
	    -e "s/\*\*\* BLURB HERE \*\*\*/The pvcalls spec lacks bind and listen./" "$W/$d"/*0000*
done

# A single patch C, applied later onto a newer base: same patch-id.
gd "$W/dev" checkout -qb c master
at "2024-01-12T09:00:00Z"
sed -i 's/^line 5$/line five/' "$W/dev/notes.txt"
gd "$W/dev" commit -qam "notes: spell out five"
post "$W/c"
# D: applied changed, with a Link: tag naming the posting.
gd "$W/dev" checkout -qb d master
sed -i 's/^line 20$/line twenty/' "$W/dev/notes.txt"
gd "$W/dev" commit -qam "notes: spell out twenty"
post "$W/d"
# E: applied changed, same author and subject.
gd "$W/dev" checkout -qb e master
printf 'A hypervisor.\n' >"$W/dev/ABOUT"
gd "$W/dev" add ABOUT && gd "$W/dev" commit -qm "ABOUT: new file"
post "$W/e"
# F: a two-patch series of which only the first is applied.
gd "$W/dev" checkout -qb f master
sed -i 's/^line 25$/line twenty-five/' "$W/dev/notes.txt"
gd "$W/dev" commit -qam "notes: spell out twenty-five"
sed -i 's/^line 28$/line twenty-eight/' "$W/dev/notes.txt"
gd "$W/dev" commit -qam "notes: spell out twenty-eight"
gd "$W/dev" format-patch -q --thread=shallow --cover-letter -o "$W/f" master
sed -i "s/\*\*\* SUBJECT HERE \*\*\*/notes: spell out more numbers/" "$W/f"/*0000*
# Covers made in the same second get the same Message-ID: one per series.
for d in v1 v2 f; do
	sed -i "s/<cover\./<cover-$d./" "$W/$d"/*
done

msgid() { sed -n 's/^Message-I[dD]: <\(.*\)>$/\1/p' "$1" | head -1; }
V2_1=$(msgid "$W"/v2/v2-0001*); V2_2=$(msgid "$W"/v2/v2-0002*)
V1_1=$(msgid "$W"/v1/v1-0001*); V2_0=$(msgid "$W"/v2/v2-0000*)
C=$(msgid "$W"/c/0001*); D=$(msgid "$W"/d/0001*); E=$(msgid "$W"/e/0001*)
F0=$(msgid "$W"/f/0000*); F1=$(msgid "$W"/f/0001*)

# A review of v2 from someone else: the consensus behind the commit.
cat >"$W/ack.eml" <<EOF
From ack@example Mon Jan 22 10:00:00 2024
From: Rita Reviewer <rita@example.org>
To: xen-devel@lists.xenproject.org
Subject: Re: [PATCH v2 0/2] pvcalls: document bind and listen
Date: Mon, 22 Jan 2024 10:00:00 +0000
Message-ID: <ack-v2@example.org>
In-Reply-To: <$V2_0>
References: <$V2_0>

Looks right to me.

Reviewed-by: Rita Reviewer <rita@example.org>
EOF
cat "$W"/v1/* "$W"/v2/* "$W"/c/* "$W"/d/* "$W"/e/* "$W"/f/* "$W/ack.eml" >"$W/list.mbox"

# Upstream: an unrelated commit first (C lands on a newer base), then the
# patches as committers apply them.
at "2024-01-25T10:00:00Z"
sed -i 's/^line 1$/line one/' "$W/up/notes.txt"
gd "$W/up" commit -qam "notes: spell out one"
at "2024-02-01T10:00:00Z"
gd "$W/up" am -q "$W"/v2/v2-0001* "$W"/v2/v2-0002*
gd "$W/up" am -q "$W"/c/0001*
gd "$W/up" commit -q --amend -m "notes: say five in words"
at "2024-02-02T10:00:00Z"
sed -i 's/^line 20$/line twenty (20)/' "$W/up/notes.txt"
gd "$W/up" commit -qam "notes: twenty in words

Link: https://lore.kernel.org/r/$D"
printf 'A hypervisor, see README.\n' >"$W/up/ABOUT"
gd "$W/up" add ABOUT && gd "$W/up" commit -qm "ABOUT: new file" --author="Ann Author <ann@example.org>"
gd "$W/up" am -q "$W"/f/0001*
git clone -q --bare "$W/up" "$W/pvbot.git"

# pvcalls starts at design here (not where SUPPORT.md puts it), to be ripe.
sed -e '/^	stage /d' -e '/^stages-date /d' \
    "$TOP_SRCDIR/etc/pvbot/protocols.conf" >"$W/protocols.conf"
cat >"$W/pvbot.conf" <<EOF
database $W/pvbot.db
rules $TOP_SRCDIR/etc/pvbot/rules.conf
policy $TOP_SRCDIR/etc/pvbot/policy.conf
protocols $W/protocols.conf
templates $TOP_SRCDIR/etc/pvbot/templates
list xen-devel
	list-id xen-devel.lists.xenproject.org
source xen
	repository $W/pvbot.git
	remote $W/up
	branches master
	lists xen-devel
	batch 2
	commit-url https://git.example.org/xen.git/commit/%s
EOF
pvg() { "$PVBOT" -c "$W/pvbot.conf" "$@"; }
git_dump() {
	sqlite3 "$1" "SELECT source, oid, author_email, commit_date, subject,
	  norm_subject, patch_id, merge FROM commits ORDER BY oid;
	SELECT c.oid, b.branch FROM commit_branches b JOIN commits c
	  ON c.id = b.commit_id ORDER BY 1, 2;
	SELECT k.msgid, c.oid FROM commit_links k JOIN commits c
	  ON c.id = k.commit_id ORDER BY 1, 2;
	SELECT m.message_id, p.patch_id FROM patches p JOIN messages m
	  ON m.id = p.message ORDER BY 1;
	SELECT m.message_id, c.oid, x.how FROM commit_matches x
	  JOIN messages m ON m.id = x.message JOIN commits c
	  ON c.id = x.commit_id ORDER BY 1, 2;
	SELECT * FROM cursors ORDER BY source;
	SELECT * FROM git_state;"
}

check "init" pvg init
check "import the list" pvg import --quiet --list xen-devel "$W/list.mbox"
pvg poll --once >"$W/out" 2>"$W/err"; is "poll exits 0" "$?" 0
like "poll says what it read" "$(cat "$W/out")" "^xen: 8 commits read \(8 new\), 7 patch-ids computed, 9 patches read, 6 matched"
pvg commits --json >"$W/c.json"; is "commits --json exits 0" "$?" 0
how() { json_query "$W/c.json" "(SELECT json_extract(value, '\$.how') FROM json_each(j, '\$.commits') WHERE json_extract(value, '\$.message_id') = '$1')"; }
oid() { json_query "$W/c.json" "(SELECT json_extract(value, '\$.commit') FROM json_each(j, '\$.commits') WHERE json_extract(value, '\$.message_id') = '$1')"; }
is "v2 1/2 matched by patch-id (the version in the tree)" "$(how "$V2_1")" patch-id
is "v2 2/2 matched by patch-id" "$(how "$V2_2")" patch-id
is "v1 1/2 (same diff, older) is not the match" "$(how "$V1_1")" ""
is "C on a newer base, reworded: patch-id" "$(how "$C")" patch-id
is "D changed, with a Link: tag: message-id" "$(how "$D")" message-id
is "E changed, same author and subject: subject" "$(how "$E")" subject
is "F 1/2 committed" "$(how "$F1")" patch-id
is "six matches, no more" "$(json_query "$W/c.json" "json_array_length(j, '\$.commits')")" 6
is "the commit id is the one upstream" "$(oid "$D")" "$(gd "$W/up" rev-parse HEAD~2)"
like "the commit URL comes from the template" "$(json_query "$W/c.json" "json_extract(j, '\$.commits[0].url')")" "^https://git.example.org/xen.git/commit/[0-9a-f]{40}$"
is "branch recorded" "$(json_query "$W/c.json" "json_extract(j, '\$.commits[0].branches[0]')")" master

# pvbot's patch-ids are git's (stable): mails and commits.
same=0; total=0
for f in "$W"/v1/v1-000[12]* "$W"/v2/v2-000[12]* "$W"/c/0001* "$W"/d/0001* "$W"/e/0001* "$W"/f/000[12]*; do
	want=$(git patch-id --stable <"$f" | cut -d' ' -f1)
	got=$(sqlite3 "$W/pvbot.db" "SELECT p.patch_id FROM patches p JOIN messages m ON m.id = p.message WHERE m.message_id = '$(msgid "$f")'")
	total=$((total + 1)); [ "$want" = "$got" ] && same=$((same + 1))
done
is "every posted patch's patch-id is git patch-id --stable's" "$same/$total" "9/9"
same=0; total=0
for c in $(gd "$W/up" rev-list master); do
	want=$(gd "$W/up" show "$c" | git patch-id --stable | cut -d' ' -f1)
	got=$(sqlite3 "$W/pvbot.db" "SELECT patch_id FROM commits WHERE oid = '$c'")
	[ -z "$got" ] && continue	# older than every patch: none computed
	total=$((total + 1)); [ "$want" = "$got" ] && same=$((same + 1))
done
is "every commit's patch-id is git's" "$same/$total" "7/7"

# Verdicts from the commits.
pvg status --all --json --now 2024-03-01T00:00:00Z >"$W/s.json"
verdict() { json_query "$W/s.json" "(SELECT json_extract(value, '\$.verdict') || ' ' || json_extract(value, '\$.reason') FROM json_each(j, '\$.proposals') WHERE json_extract(value, '\$.root') = '$1' AND json_extract(value, '\$.version') = ${2:-1})"; }
like "the series v2 is committed, with both commits" "$(verdict "$V2_0" 2)" "^committed committed 2024-02-01 as [0-9a-f]{12} [0-9a-f]{12}$"
like "v1 is superseded" "$(verdict "$(msgid "$W"/v1/v1-0000*)")" "^superseded"
like "C is committed" "$(verdict "$C")" "^committed"
like "E is committed" "$(verdict "$E")" "^committed"
like "F says 1 of 2" "$(verdict "$F0")" "1 of 2 patches committed"
case $(verdict "$F0") in committed*) ok 1 "F is not committed" ;; *) ok 0 "F is not committed" ;; esac
# status --json names each commit of the version's patches.
# cj ROOT FIELD [VERSION]: the field of the commits of the proposal that
# the root itself opens (a cover by the committer and patches by their
# author made two proposals of one series before the verdicts work).
cj() { json_query "$W/s.json" "(SELECT group_concat(json_extract(c.value, '\$.$2'), ' ') FROM json_each(j, '\$.proposals') p, json_each(p.value, '\$.commits') c WHERE json_extract(p.value, '\$.root') = '$1' AND json_extract(p.value, '\$.version') = ${3:-1} AND json_extract(p.value, '\$.subject') NOT LIKE '%1/2]%')"; }
V2C1=$(gd "$W/up" log --format=%H -1 --grep="README: mention" master)
V2C2=$(gd "$W/up" log --format=%H -1 --grep="document bind and listen" master)
is "status --json: the series' two commits, patch by patch" \
    "$(cj "$V2_0" id 2)" "$V2C1 $V2C2"
is "  with the patches they applied" "$(cj "$V2_0" message_id 2)" "$V2_1 $V2_2"
is "  how, branches, date" "$(cj "$V2_0" how 2) $(cj "$V2_0" 'branches[0]' 2) $(cj "$V2_0" date 2)" \
    "patch-id patch-id master master 2024-02-01T10:00:00Z 2024-02-01T10:00:00Z"
is "  and the commit-url page" "$(cj "$V2_0" url 2)" \
    "https://git.example.org/xen.git/commit/$V2C1 https://git.example.org/xen.git/commit/$V2C2"
is "F: its one commit of two" "$(cj "$F0" message_id)" "$F1"

# show and status name each patch's commit.
pvg show "$V2_0" >"$W/show.txt"
like "show: under each patch, its commit and how it was matched" \
    "$(tr -s ' \n' ' ' <"$W/show.txt")" \
    "README: mention PV protocols committed $(echo "$V2C1" | cut -c1-12) on master, 2024-02-01 \(matched by patch-id\) .*document bind and listen committed $(echo "$V2C2" | cut -c1-12) on master, 2024-02-01 \(matched by patch-id\)"
pvg show --json "$V2_0" >"$W/show.json"
is "show --json: the commits of the patches" \
    "$(json_query "$W/show.json" "(SELECT group_concat(json_extract(c.value, '\$.id') || ' ' || json_extract(c.value, '\$.how') || ' ' || json_extract(c.value, '\$.url'), ' ') FROM json_each(j, '\$.messages') m, json_each(m.value, '\$.commits') c)")" \
    "$V2C1 patch-id https://git.example.org/xen.git/commit/$V2C1 $V2C2 patch-id https://git.example.org/xen.git/commit/$V2C2"

# The dashboard links each commit; the feed has an entry per committed
# proposal, dated by its last commit, with an id that does not change.
pvg report --html "$W/www" --now 2024-03-01T00:00:00Z >/dev/null
is "report --html exits 0" "$?" 0
page=$(grep -l "h-commits" "$W"/www/p/*-v2.html)
like "the series' page lists its commits, linked" "$(cat "$page")" \
    "href=\"https://git.example.org/xen.git/commit/$V2C1\" title=\"$V2C1\"><code>$(echo "$V2C1" | cut -c1-12)</code></a></td><td data-label=\"Branches\">master</td>"
like "  each by its patch's part" "$(cat "$page")" \
    ">patch 1/2</(a|code)></th><td data-label=\"Commit\">"
check "the front page links them too" grep -q "Commits: <a href=\"https://git.example.org/xen.git/commit/$V2C1\"" "$W/www/index.html"
committed=$(json_query "$W/s.json" "(SELECT count(DISTINCT json_extract(value, '\$.root') || json_extract(value, '\$.version')) FROM json_each(j, '\$.proposals') WHERE json_extract(value, '\$.verdict') = 'committed')")
entries() { grep -o "<id>tag:pvbot,2026:committed:[^<]*</id>" "$1" | sort; }
is "an Atom entry per committed proposal, each its own id" \
    "$(entries "$W/www/feed.atom" | wc -l | tr -d ' ')" "$committed"
like "the series' entry: its root, version and start, updated at its commit" \
    "$(tr -d '\n' <"$W/www/feed.atom")" \
    "<id>tag:pvbot,2026:committed:$V2_0:v2:[0-9]+</id><updated>2024-02-01T10:00:00Z</updated><title>committed: \[PATCH v2 0/2\] pvcalls: document bind and listen \(v2\)</title><link rel=\"alternate\" type=\"text/html\" href=\"p/[0-9a-f]{16}-v2[^\"]*.html\"/><link rel=\"related\" href=\"https://git.example.org/xen.git/commit/$V2C1\"/>"
if command -v xmllint >/dev/null; then
	check "the feed is well-formed XML" xmllint --noout "$W/www/feed.atom"
fi
pvg report --html "$W/www2" --now 2024-04-01T00:00:00Z >/dev/null
is "a later report keeps the entries' ids" "$(entries "$W/www2/feed.atom")" \
    "$(entries "$W/www/feed.atom")"

pvg status --all --json --now 2024-01-31T00:00:00Z >"$W/s.json"
like "before the commit the series is not committed" "$(verdict "$V2_0" 2)" "^consensus"
is "before the commit, no commits named" "$(cj "$V2_0" id 2)" ""
pvg protocols --now 2024-03-01T00:00:00Z >"$W/p.txt"
like "the committed, agreed design makes pvcalls ripe, citing the commits" \
    "$(tr -s ' \n' ' ' <"$W/p.txt")" "pvcalls +design +ripe .*was agreed and committed \([0-9a-f]{12} [0-9a-f]{12}\)"

# A re-poll adds nothing.
git_dump "$W/pvbot.db" >"$W/before"
pvg poll --once >"$W/out" 2>&1
is "re-poll reads nothing" "$(cat "$W/out")" "xen: 0 commits read (0 new), 0 patch-ids computed, 0 patches read, 0 matched"
git_dump "$W/pvbot.db" >"$W/after"
check "re-poll changes nothing" cmp -s "$W/before" "$W/after"

# A force-push upstream: D's commit goes away, a new one replaces it.
gd "$W/up" reset -q --hard HEAD~3
at "2024-02-05T10:00:00Z"
gd "$W/up" am -q "$W"/d/0001*
DNEW=$(gd "$W/up" rev-parse HEAD)
pvg poll --once >"$W/out" 2>&1; is "poll after a force-push exits 0" "$?" 0
like "the rewrite is noticed" "$(cat "$W/out")" "1 branch\(es\) rewritten: 3 commits left"
pvg commits --json >"$W/c.json"
is "D now matches the new commit" "$(oid "$D")" "$DNEW"
is "E's commit is gone with its match" "$(how "$E")" ""
is "F's commit is gone too" "$(how "$F1")" ""
pvg status --all --json --now 2024-03-01T00:00:00Z >"$W/s.json"
like "E is no longer committed" "$(verdict "$E")" "^(consensus|waiting|needs-review|objected)"
like "D is committed on its new date" "$(verdict "$D")" "^committed committed 2024-02-05"

# kill -9 in the middle of a first poll (six commits, batches of 2):
# killed after the third commit (two are in), after the second batch's
# commit, before the third batch's; the last run reads the last two, and
# the end equals an uninterrupted poll.
ref=$W/ref.db; rm -f "$ref"*
sed "s|^database .*|database $ref|" "$W/pvbot.conf" >"$W/ref.conf"
"$PVBOT" -c "$W/ref.conf" init >/dev/null
"$PVBOT" -c "$W/ref.conf" import --quiet --list xen-devel "$W/list.mbox" >/dev/null
cp "$ref" "$W/kill.db"
"$PVBOT" -c "$W/ref.conf" poll --once -q
sed "s|^database .*|database $W/kill.db|" "$W/pvbot.conf" >"$W/kill.conf"
killed=0
for f in git-message:3 git-commit:1 git-message:1; do
	PVBOT_FAULT=$f "$PVBOT" -c "$W/kill.conf" poll --once -q >/dev/null 2>&1
	rc=$?; [ $rc -gt 128 ] && killed=$((killed + 1))
	echo "# killed at $f: exit $rc"
	check "database sound after kill at $f" test "$(sqlite3 "$W/kill.db" 'PRAGMA integrity_check')" = ok
done
is "three polls killed" "$killed" 3
"$PVBOT" -c "$W/kill.conf" poll --once >"$W/out" 2>&1
like "the last run resumes, not from scratch" "$(cat "$W/out")" "^xen: 2 commits read \(2 new\)"
git_dump "$ref" >"$W/ref.dump"; git_dump "$W/kill.db" >"$W/kill.dump"
check "killed and resumed equals uninterrupted" cmp "$W/ref.dump" "$W/kill.dump"

# Mail that arrives after the commits were read is matched then.
rm -f "$W/late.db"*
sed "s|^database .*|database $W/late.db|" "$W/pvbot.conf" >"$W/late.conf"
"$PVBOT" -c "$W/late.conf" init >/dev/null
"$PVBOT" -c "$W/late.conf" poll --once -q
is "no mail: no match" "$("$PVBOT" -c "$W/late.conf" commits | wc -l | tr -d ' ')" 0
"$PVBOT" -c "$W/late.conf" import --quiet --list xen-devel "$W/list.mbox" >/dev/null
"$PVBOT" -c "$W/late.conf" poll --once >"$W/out" 2>&1
like "late mail: patch-ids of the stored commits computed" "$(cat "$W/out")" "[1-9][0-9]* patch-ids computed"
"$PVBOT" -c "$W/late.conf" commits --json >"$W/late.json"
"$PVBOT" -c "$W/pvbot.conf" commits --json >"$W/c.json"
is "late mail matches as mail read first" "$(json_query "$W/late.json" "j")" "$(json_query "$W/c.json" "j")"

# Configuration errors are named.
printf 'source g\n\trepository /nonexistent\n' >"$W/bad.conf"
"$PVBOT" -c "$W/bad.conf" config check >"$W/out" 2>&1
like "a git source without branches is refused" "$(cat "$W/out")" "names no branches"
sed "s|repository .*|repository $W/nonexistent|" "$W/pvbot.conf" >"$W/missing.conf"
"$PVBOT" -c "$W/missing.conf" poll --once >"$W/out" 2>"$W/err"; is "a missing repository exits 1" "$?" 1
like "and says which" "$(cat "$W/err")" "nonexistent"
plan_end
