#!/bin/sh
# The CLI contract: usage errors exit 2, runtime errors 1, with one line.
. "$TOP_SRCDIR/tests/lib.sh"

"$PVBOT" >/dev/null 2>&1; is "no command exits 2" "$?" 2
"$PVBOT" frobnicate >/dev/null 2>"$W/err"; is "unknown command exits 2" "$?" 2
like "unknown command names it" "$(cat "$W/err")" "frobnicate: unknown command"
"$PVBOT" --help >"$W/out"; is "--help exits 0" "$?" 0
like "--help lists import" "$(cat "$W/out")" "import"
"$PVBOT" -d "$W/none.db" threads >/dev/null 2>"$W/err"; is "missing db exits 1" "$?" 1
like "missing db says init" "$(cat "$W/err")" "run 'pvbot init'"
is "one line on stderr" "$(wc -l <"$W/err" | tr -d ' ')" 1
# COMMAND --help works anywhere: no database, no configuration, even a
# configuration that does not exist; nothing is created.
mkdir "$W/nowhere"
cmds=$("$PVBOT" --help | awk '/^  [a-z]/ { print $1 }')
is "pvbot --help lists the commands" \
	"$(test "$(echo "$cmds" | wc -l)" -gt 20 && echo yes)" yes
for c in $cmds; do
	(cd "$W/nowhere" && env -u PVBOT_DB "$PVBOT" -c "$W/no.conf" "$c" \
		--help) >"$W/out" 2>"$W/err"
	is "$c --help with no database or config: exit 0" $? 0
	like "$c --help: its usage on stdout" "$(head -1 "$W/out")" \
		"^usage: pvbot $c( |\$)"
	is "$c --help: nothing on stderr" "$(cat "$W/err")" ""
done
(cd "$W/nowhere" && "$PVBOT" status --json -h) >"$W/out" 2>&1
like "-h after another option" "$(cat "$W/out")" "^usage: pvbot status"
is "--help created no database" "$(ls "$W/nowhere")" ""
pv import >/dev/null 2>&1; is "import without PATH exits 2" "$?" 2
pv import --help >"$W/out"; is "import --help exits 0" "$?" 0
check "init creates the database" pv init
is "schema version recorded" "$(sqlite3 "$DB" 'PRAGMA user_version')" 5
pv import "$W/does-not-exist" >"$W/out" 2>"$W/err"; is "missing archive exits 1" "$?" 1
like "missing archive is named" "$(cat "$W/err")" "does-not-exist"
sqlite3 "$DB" 'PRAGMA user_version = 99'
pv threads >/dev/null 2>"$W/err"; is "newer schema refused" "$?" 1
like "newer schema explained" "$(cat "$W/err")" "newer than this pvbot"
echo "garbage garbage garbage garbage garbage" >"$W/bad.db"
"$PVBOT" -d "$W/bad.db" threads >/dev/null 2>"$W/err"; is "non-database refused" "$?" 1
like "non-database explained" "$(cat "$W/err")" "not a pvbot database"
plan_end
