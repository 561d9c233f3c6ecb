#!/bin/sh
# Built-in defaults: with no configuration file at all, a built (not
# installed) pvbot imports, evaluates and composes mail exactly as with
# the shipped etc/; config check says it uses the built-in defaults.  A
# file at the default place overrides its built-in copy; a file named
# elsewhere must exist.
. "$TOP_SRCDIR/tests/lib.sh"

E=$TOP_SRCDIR/etc
SAMPLE=$TOP_SRCDIR/contrib/sample
NOW=2026-11-25T12:00:00Z
mkdir "$W/empty"
cd "$W/empty" || exit 1
bare() { env -u PVBOT_CONFIG "$PVBOT" "$@"; }

bare config check >"$W/out" 2>"$W/err"
rc=$?
if ! grep -q "built-in defaults" "$W/out"; then
	# An installed pvbot.conf is found first: nothing to test here.
	skip_all "an installed pvbot.conf: $(head -1 "$W/out")"
fi
is "config check with no config: exit 0" $rc 0
like "it says it uses the built-in defaults" "$(head -1 "$W/out")" \
	"^no .*/pvbot.conf, \\\$PVBOT_CONFIG or -c: pvbot uses its built-in defaults\$"
for f in pvbot.conf pvbot/rules.conf pvbot/policy.conf pvbot/protocols.conf \
	pvbot/model.weights \
	pvbot/templates; do
	like "built-in $f: ok" "$(cat "$W/out")" "^built-in $f: ok\$"
done
is "no problem counted" "$(cat "$W/err")" ""

# The same answers as the shipped etc/ gives.
bare -d "$W/bare.db" import "$SAMPLE/xen-devel.mbox" >"$W/out" 2>/dev/null
is "import with no config: exit 0" $? 0
is "import with no config: all 43" "$(cat "$W/out")" \
	"imported 43, already known 0, skipped 0"
pv import "$SAMPLE/xen-devel.mbox" >/dev/null 2>&1
for c in "threads" "series" "status --all --now $NOW" "protocols --now $NOW" \
	"summary --now $NOW" "remind --now $NOW" "messages --json"; do
	# shellcheck disable=SC2086
	bare -d "$W/bare.db" $c >"$W/bare.out" 2>&1
	# shellcheck disable=SC2086
	pv $c >"$W/etc.out" 2>&1
	is "$c: the built-in defaults answer as etc/ does" \
		"$(cmp "$W/bare.out" "$W/etc.out" >/dev/null && echo same)" same
done
like "the built-in lists name xen-devel" \
	"$(sqlite3 "$W/bare.db" 'SELECT DISTINCT list FROM message_lists')" \
	"^xen-devel\$"

# A config of its own with nothing beside it: the built-in files.
sample_conf "$W/own.conf"
{
	cat "$W/own.conf"
	echo "rules $E/pvbot/rules.conf"
	echo "policy $E/pvbot/policy.conf"
	echo "protocols $E/pvbot/protocols.conf"
	echo "templates $E/pvbot/templates"
} >"$W/etc.conf"
"$PVBOT" -c "$W/own.conf" config check >"$W/out" 2>&1
is "own config, no etc/ beside it: exit 0" $? 0
like "own config: the built-in rules" "$(cat "$W/out")" \
	"^built-in pvbot/rules.conf: ok\$"
like "own config itself: ok" "$(cat "$W/out")" "^$W/own.conf: ok\$"
"$PVBOT" -c "$W/own.conf" -d "$W/own.db" import "$SAMPLE/xen-devel.mbox" \
	>/dev/null 2>&1
is "own config: import works" $? 0
"$PVBOT" -c "$W/etc.conf" -d "$W/etc.db" import "$SAMPLE/xen-devel.mbox" \
	>/dev/null 2>&1
for c in summary remind digest; do
	"$PVBOT" -c "$W/own.conf" -d "$W/own.db" $c --now $NOW >"$W/own.out" 2>&1
	"$PVBOT" -c "$W/etc.conf" -d "$W/etc.db" $c --now $NOW >"$W/etc.out" 2>&1
	is "$c: the built-in templates write what etc/'s do" \
		"$(cmp "$W/own.out" "$W/etc.out" >/dev/null && echo same)" same
	cp "$W/own.out" "$W/own.$c"
done
like "the summary holds status replies" "$(cat "$W/own.summary")" \
	"is now: consensus"
like "the reminder is written" "$(cat "$W/own.remind")" "Dear PV protocols Czar"

# A file at the default place beside it overrides the built-in copy.
mkdir -p "$W/pvbot"
sed 's/^window 7d$/window 9d/' "$E/pvbot/policy.conf" >"$W/pvbot/policy.conf"
"$PVBOT" -c "$W/own.conf" config check >"$W/out" 2>&1
like "policy.conf beside the config is read" "$(cat "$W/out")" \
	"^$W/pvbot/policy.conf: ok\$"
like "the rules stay built-in" "$(cat "$W/out")" \
	"^built-in pvbot/rules.conf: ok\$"
"$PVBOT" -c "$W/own.conf" -d "$W/own.db" status --now $NOW >"$W/out" 2>&1
like "the file's window is used" "$(head -1 "$W/out")" "window 9d"

# A file named elsewhere must exist: a typo is an error, not a default.
printf 'rules %s/nowhere/rules.conf\n' "$W" >"$W/typo.conf"
"$PVBOT" -c "$W/typo.conf" -d "$W/typo.db" import "$SAMPLE/xen-devel.mbox" \
	>"$W/out" 2>"$W/err"
is "a named rules file that is missing: exit 1" $? 1
like "it is named" "$(cat "$W/err")" "nowhere/rules.conf: No such file"
"$PVBOT" -c "$W/typo.conf" config check >"$W/out" 2>&1
is "config check: exit 1" $? 1
like "config check names it" "$(cat "$W/out")" \
	"^$W/nowhere/rules.conf: No such file or directory\$"
plan_end
