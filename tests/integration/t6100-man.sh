#!/bin/sh
# The manual pages agree with the program: every command and option that
# pvbot --help and pvbot COMMAND --help print is in pvbot.1, every keyword
# the config parsers accept (read from their tables in src/) and every
# template field is in pvbot.conf.5, and both pages render without a
# warning (mandoc -T lint, groff -ww, man -l).
. "$TOP_SRCDIR/tests/lib.sh"

man1=$TOP_SRCDIR/doc/pvbot.1
man5=$TOP_SRCDIR/doc/pvbot.conf.5
src=$TOP_SRCDIR/src

# Rendered as plain text, to look for words where a reader sees them.
render() {
	if command -v mandoc >/dev/null 2>&1; then
		mandoc -T ascii -O width=100 "$1"
	else
		MANWIDTH=100 man -l "$1" 2>/dev/null
	fi | sed 's/.\x08//g'
}
command -v mandoc >/dev/null 2>&1 || command -v groff >/dev/null 2>&1 ||
	require "mandoc or groff (tests/servers/install-deps.sh)"
render "$man1" >"$W/pvbot.1.txt"
render "$man5" >"$W/pvbot.conf.5.txt"

# The pages render cleanly with every formatter at hand.
if command -v mandoc >/dev/null 2>&1; then
	for p in "$man1" "$man5"; do
		mandoc -T lint -W warning "$p" >"$W/lint" 2>&1
		is "mandoc -T lint: $(basename "$p") has no warning" \
			"$(cat "$W/lint")" ""
	done
fi
if command -v groff >/dev/null 2>&1; then
	for p in "$man1" "$man5"; do
		groff -mandoc -ww -z "$p" >"$W/lint" 2>&1
		is "groff -ww: $(basename "$p") has no warning" "$(cat "$W/lint")" ""
	done
fi
if command -v man >/dev/null 2>&1; then
	for p in "$man1" "$man5"; do
		MANWIDTH=80 man -l "$p" >/dev/null 2>"$W/lint"
		is "man -l: $(basename "$p") renders without a message" \
			"$(grep -v 'mandoc.db' "$W/lint")" ""
	done
fi

# Commands: every one in --help has an entry, and every entry is one.
check "pv init" pv init
"$PVBOT" --help >"$W/help"
cmds=$(awk '/^  [a-z]/ { print $1 }' "$W/help")
is "pvbot --help lists commands" "$(test -n "$cmds" && echo yes)" yes
for c in $cmds; do
	grep -q "^\.It Cm $c\( \|$\)" "$man1"
	is "pvbot.1 documents '$c'" $? 0
done
for c in $(sed -n 's/^\.It Cm \([a-z-]*\).*/\1/p' "$man1" | sort -u); do
	echo "$cmds" | grep -qx -- "$c"
	is "pvbot.1's '$c' is a command" $? 0
done

# Options: each --option of a command's usage line is in that command's
# entry of the rendered page.
entry() { # COMMAND: its paragraph of the COMMANDS section
	awk -v c="$1" '
		/^COMMANDS/ { in_cmds = 1; next }
		/^[A-Z]/ { in_cmds = 0 }
		in_cmds && /^     [a-z]/ { on = ($1 == c) }
		in_cmds && on' "$W/pvbot.1.txt"
}
for c in $cmds; do
	pv "$c" --help >"$W/usage" 2>&1
	is "pvbot $c --help exits 0" $? 0
	for o in $(grep -o -- '--[a-z][a-z-]*' "$W/usage" | sort -u); do
		entry "$c" | grep -q -- "$o"
		is "pvbot.1: '$c' documents $o" $? 0
	done
done
for o in -c -d -v -h -V --help --version; do
	grep -qE -- "^ +([-a-zA-Z]+, )?$o( |,|\$)" "$W/pvbot.1.txt"
	is "pvbot.1 documents the global option $o" $? 0
done
for s in "EXIT STATUS" ENVIRONMENT FILES; do
	grep -q "^$s" "$W/pvbot.1.txt"; is "pvbot.1 has $s" $? 0
done
for e in PVBOT_CONFIG PVBOT_DB; do
	grep -q "^\.It Ev $e" "$man1"; is "pvbot.1 documents $e" $? 0
done

# Keywords, read from the parsers' own tables.
keys_in() { # FILE: the "name" of each { "name", ... } row
	sed -n 's/^[[:space:]]*{ "\([a-z][a-z-]*\)", [A-Za-z_]*.*/\1/p' "$1"
}
documented() { # WHAT WORD: an .It Ic/Cm entry of pvbot.conf.5
	grep -q "^\.It \(Ic\|Cm\) $2\( \|$\)" "$man5"
	is "pvbot.conf.5 documents $1 '$2'" $? 0
}
n=0
for k in $(keys_in "$src/config.c") source list smtp; do
	documented "pvbot.conf keyword" "$k"; n=$((n + 1))
done
is "config.c's tables were read" "$(test $n -gt 30 && echo yes)" yes
for k in $(sed -n 's/.*strcmp(key, "\([a-z-]*\)").*/\1/p' "$src/policy.c" |
	sort -u); do
	documented "policy.conf keyword" "$k"
done
for k in $(keys_in "$src/rules.c"); do
	documented "rules.conf class" "$k"
done
for k in $(keys_in "$src/protocols.c") protocol; do
	documented "protocols.conf keyword" "$k"
done

# Template fields: each template's list in post-compose.c, in its paragraph.
tmpl_entry() { # NAME
	awk -v t="$1.tmpl" '
		/^TEMPLATES/ { in_t = 1; next }
		/^[A-Z]/ { in_t = 0 }
		in_t && /^     [a-z]/ { on = ($1 == t) }
		in_t && on' "$W/pvbot.conf.5.txt"
}
for t in summary reminder digest confirm rollup; do
	fields=$(awk -v t="post_compose_${t}_fields" '
		index($0, t "[]") { on = 1; next }
		on && /NULL/ { gsub(/NULL.*/, ""); }
		on { gsub(/[",}]/, " "); printf "%s ", $0 }
		on && /;/ { on = 0 }' "$src/post-compose.c" | tr -s ' ' '\n' |
		grep -v '^;*$')
	is "post-compose.c lists $t's fields" "$(test -n "$fields" && echo yes)" yes
	for f in $fields; do
		tmpl_entry "$t" | grep -qw -- "$f"
		is "pvbot.conf.5: $t.tmpl documents field $f" $? 0
	done
done
plan_end
