#!/bin/sh
# Patch-ids against git's own on the diffs that trip a port up: a form
# feed in a line (not whitespace to git), an empty file made and removed,
# a pure rename, a rename with edits, a delete and a create too different
# to be a rename, two new files competing for one deleted file, a CRLF
# file renamed with edits, a binary file, a mode change, a symlink.  Each
# commit's patch-id equals `git show --full-index | git patch-id
# --stable`, each posted patch's (format-patch, and -U0, whose one-line
# hunks have no counts) equals `git patch-id --stable`'s, and every
# commit is matched to its mail by patch-id.
. "$TOP_SRCDIR/tests/lib.sh"

command -v git >/dev/null || skip_all "git missing"
command -v sqlite3 >/dev/null || skip_all "sqlite3 missing"

export GIT_AUTHOR_NAME="Ann Author" GIT_AUTHOR_EMAIL="ann@example.org"
export GIT_COMMITTER_NAME="Carl Committer" GIT_COMMITTER_EMAIL="carl@example.org"
export GIT_AUTHOR_DATE="2024-03-01T10:00:00Z" GIT_COMMITTER_DATE="2024-03-01T10:00:00Z"
export GIT_CONFIG_GLOBAL=/dev/null GIT_CONFIG_NOSYSTEM=1
r=$W/repo
g() { git -C "$r" "$@"; }
ci() { g add -A && g commit -qm "$1"; }
lines() {	# N PREFIX: N numbered lines
	i=1; while [ "$i" -le "$1" ]; do echo "$2 line $i of a file long enough"; i=$((i + 1)); done
}

git init -q -b master "$r"
lines 40 alpha >"$r/alpha.c"
lines 40 beta >"$r/beta.c"
lines 40 gamma >"$r/gamma.c"
lines 30 delta >"$r/delta.c"
lines 30 old >"$r/old.c"
lines 40 crlf | sed 's/$/\r/' >"$r/dos.txt"
: >"$r/empty-old"
printf 'int main(void)\n{\n\treturn 0;\n}\n' >"$r/run.sh"
printf '\001\002\000\003binary\n' >"$r/blob.bin"
ci "Initial import"
base=$(g rev-parse HEAD)

sed -i 's/^alpha line 10 .*/\f\/* page *\/ alpha line ten\f/' "$r/alpha.c"
ci "alpha: a form feed"
sed -i 's/^alpha line 20 .*/alpha line twenty/' "$r/alpha.c"
ci "alpha: one line in words (-U0: a hunk header without counts)"
: >"$r/empty-new"
ci "empty: a new empty file"
g rm -q empty-old && ci "empty: remove an empty file"
g mv beta.c beta-renamed.c && ci "beta: a pure rename"
g mv gamma.c gamma2.c && sed -i 's/^gamma line 7 .*/gamma line seven/' "$r/gamma2.c" &&
    ci "gamma: renamed with an edit"
g rm -q old.c && lines 30 new >"$r/new.c" && ci "old: replaced by a new file"
g rm -q delta.c
lines 30 delta >"$r/delta-a.c"
{ lines 30 delta; lines 3 extra; } >"$r/delta-b.c"
ci "delta: two candidates for one file"
g mv dos.txt dos2.txt && sed -i 's/^crlf line 3 .*/crlf line three\r/' "$r/dos2.txt" &&
    ci "dos: a CRLF file renamed with an edit"
printf '\001\002\000\004binary\n' >"$r/blob.bin" && ci "blob: a binary change"
chmod +x "$r/run.sh" && ci "run: executable"
ln -s alpha.c "$r/link" && ci "link: a symlink"
tip=$(g rev-parse HEAD)
g branch stable

# The mails: every commit format-patch'ed, and again with -U0.
g format-patch -q --thread=shallow -o "$W/mails" "$base"
g format-patch -q --thread=shallow -U0 --subject-prefix="PATCH U0" \
    -o "$W/u0" "$base"
for f in "$W"/u0/*; do
	sed -i 's/^Message-I[dD]: <\(.*\)>$/Message-ID: <u0-\1>/' "$f"
done
cat "$W"/mails/* "$W"/u0/* >"$W/list.mbox"

cat >"$W/pvbot.conf" <<CONF
database $W/pvbot.db
rules $TOP_SRCDIR/etc/pvbot/rules.conf
policy $TOP_SRCDIR/etc/pvbot/policy.conf
protocols $TOP_SRCDIR/etc/pvbot/protocols.conf
templates $TOP_SRCDIR/etc/pvbot/templates
list xen-devel
	list-id xen-devel.lists.xenproject.org
source code
	repository $r
	branches master stable
	lists xen-devel
CONF
pvg() { "$PVBOT" -c "$W/pvbot.conf" "$@"; }
check "init" pvg init
check "import the mails" pvg import --quiet --list xen-devel "$W/list.mbox"
check "poll" pvg poll --once
q() { sqlite3 "$W/pvbot.db" "$1"; }

n=0; same=0
for c in $(g rev-list "$base..$tip"); do
	want=$(g show --full-index --format= "$c" | git patch-id --stable | cut -c1-40)
	got=$(q "SELECT patch_id FROM commits WHERE oid = '$c'")
	n=$((n + 1))
	if [ "$want" = "$got" ]; then same=$((same + 1)); else
		echo "# $(g log -1 --format=%s "$c"): git $want, pvbot $got"; fi
done
is "every commit's patch-id is git's" "$same/$n" "12/12"

n=0; same=0
for f in "$W"/mails/* "$W"/u0/*; do
	id=$(sed -n 's/^Message-I[dD]: <\(.*\)>$/\1/p' "$f" | head -1)
	want=$(git patch-id --stable <"$f" | cut -c1-40)
	got=$(q "SELECT p.patch_id FROM patches p JOIN messages m ON m.id = p.message WHERE m.message_id = '$id'")
	n=$((n + 1))
	if [ "$want" = "$got" ]; then same=$((same + 1)); else
		echo "# $(sed -n 's/^Subject: //p' "$f"): git $want, pvbot $got"; fi
done
is "every mail's patch-id is git's (-U0 too)" "$same/$n" "24/24"
is "every commit matched by patch-id" \
    "$(q "SELECT count(*) FROM commit_matches WHERE how = 'patch-id'")" 12
# The cases are what they say: git finds these renames (and no other).
like "git's renames: pure, edited, CRLF, one of two candidates" \
    "$(g log --format= --name-status -M "$base..$tip" | grep '^R' | tr '\t\n' '  ')" \
    "^R0[5-9][0-9] dos.txt dos2.txt R100 delta.c delta-a.c R0[5-9][0-9] gamma.c gamma2.c R100 beta.c beta-renamed.c $"
pvg commits --json >"$W/c.json"
is "a commit on both branches names both" "$(json_query "$W/c.json" \
    "json_extract(j, '\$.commits[0].branches')")" '["master","stable"]'
plan_end
