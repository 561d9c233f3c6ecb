#!/bin/sh
# pvbot config check: every kind of mistake in every configuration file is
# reported as file:line: reason (exit 1), the shipped etc/ passes (exit 0),
# and a broken pvbot.conf does not stop the other files being checked.
. "$TOP_SRCDIR/tests/lib.sh"

cc() { "$PVBOT" -c "$1" config check >"$W/out" 2>"$W/err"; }
out() { cat "$W/out"; }

# The shipped configuration.
cc "$TOP_SRCDIR/etc/pvbot.conf"
is "shipped etc/ passes" $? 0
for f in pvbot.conf pvbot/rules.conf pvbot/policy.conf pvbot/protocols.conf \
	pvbot/model.weights \
	pvbot/templates; do
	like "shipped $f: ok" "$(out)" "etc/$f: ok\$"
done
is "nothing on stderr when all is well" "$(cat "$W/err")" ""

"$PVBOT" config >/dev/null 2>&1; is "config without check: usage" $? 2
"$PVBOT" config check extra >/dev/null 2>&1; is "extra argument: usage" $? 2
"$PVBOT" config check --help >"$W/out"; is "config check --help" $? 0
like "--help prints the usage" "$(out)" "usage: pvbot config check"

# A private copy of etc/ to break, one file at a time.
fresh() {
	rm -rf "$W/etc"
	cp -R "$TOP_SRCDIR/etc" "$W/etc"
	chmod -R u+w "$W/etc"
	C=$W/etc/pvbot.conf
}
line_of() { grep -n -- "$2" "$1" | head -1 | cut -d: -f1; }
# Every problem line has the file:line: reason (or file: reason) shape.
shaped() {
	is "$1: every problem is file[:line]: reason" \
		"$(grep -cvE '^[^ :]+(:[0-9]+)?: .+' "$W/out")" 0
}

fresh
echo "frobnicate yes" >>"$C"
cc "$C"; is "unknown keyword: exit 1" $? 1
like "unknown keyword at its line" "$(out)" \
	"^$C:$(line_of "$C" frobnicate): unknown keyword 'frobnicate'\$"
like "the other files are still checked" "$(out)" "rules.conf: ok\$"
like "one line on stderr counts the problems" "$(cat "$W/err")" \
	"^pvbot: config check: 1 problem\$"
shaped "unknown keyword"

fresh
printf 'source lore\n\turl nntps://nntp.lore.kernel.org/x\n\tinterval soon\n' >>"$C"
cc "$C"; is "bad duration in pvbot.conf: exit 1" $? 1
like "bad duration at its line" "$(out)" \
	"^$C:$(line_of "$C" "interval soon"): bad duration 'soon'"

fresh
sed -i 's/^window 7d$/window 7 days/' "$W/etc/pvbot/policy.conf"
sed -i 's/^remind 7d$/remind fortnightly/' "$W/etc/pvbot/policy.conf"
echo "protocol pvcalls" >>"$W/etc/pvbot/policy.conf"
printf '\twindow 0\n' >>"$W/etc/pvbot/policy.conf"
cc "$C"; is "bad policy durations: exit 1" $? 1
P=$W/etc/pvbot/policy.conf
like "policy: a value with a word after it" "$(out)" \
	"^$P:$(line_of "$P" '^window 7 days'): 'window': unexpected 'days'"
like "policy: a bad duration" "$(out)" \
	"^$P:$(line_of "$P" '^remind fortnightly'): bad duration 'fortnightly'"
like "policy: a zero window in a section" "$(out)" \
	"^$P:$(line_of "$P" '^	window 0'): bad duration '0'"
like "pvbot.conf itself is fine" "$(out)" "^$C: ok\$"
shaped "bad policy"

fresh
R=$W/etc/pvbot/rules.conf
echo 'objection unclosed  \bthis (is broken' >>"$R"
echo 'vote no-group      ^[+-][012]$' >>"$R"
echo 'flamewar hot        \bflame\b' >>"$R"
cc "$C"; is "bad rules: exit 1" $? 1
like "bad regex at file:line" "$(out)" \
	"^$R:$(line_of "$R" unclosed): bad pattern: missing closing parenthesis at offset [0-9]+"
like "a class's named group is required" "$(out)" \
	"^$R:$(line_of "$R" no-group): pattern lacks the named group: vote"
like "unknown rule class" "$(out)" \
	"^$R:$(line_of "$R" flamewar): unknown rule class: flamewar"
shaped "bad rules"

fresh
T=$W/etc/pvbot/templates
printf 'Hello {{bogus}}.\n' >>"$T/summary.tmpl"
printf '{{#protocols}}{{name}}\n' >>"$T/reminder.tmpl"
printf '{{/groups}}\n' >>"$T/digest.tmpl"
cc "$C"; is "bad templates: exit 1" $? 1
like "unknown template field at its line" "$(out)" \
	"^$T/summary.tmpl:$(wc -l <"$T/summary.tmpl" | tr -d ' '): unknown field bogus"
like "unclosed template section" "$(out)" \
	"^$T/reminder.tmpl:[0-9]+: section not closed: protocols"
like "unbalanced closing tag" "$(out)" \
	"^$T/digest.tmpl:[0-9]+: unexpected closing groups"
shaped "bad templates"

fresh
sed -i "s|^rules .*|rules $W/nowhere/rules.conf|" "$C"
rm "$W/etc/pvbot/templates/confirm.tmpl"
cc "$C"; is "missing files: exit 1" $? 1
like "missing rules file" "$(out)" \
	"^$W/nowhere/rules.conf: No such file or directory"
like "missing template" "$(out)" "confirm.tmpl: No such file or directory"
like "the protocols are still checked" "$(out)" "protocols.conf: ok\$"

fresh
cc "$W/no-such.conf"; is "missing pvbot.conf: exit 1" $? 1
like "missing pvbot.conf is named" "$(out)" \
	"^$W/no-such.conf: No such file or directory"

fresh
echo "maintainers $W/nowhere/MAINTAINERS" >>"$C"
cc "$C"; is "missing MAINTAINERS: exit 1" $? 1
like "missing MAINTAINERS is named" "$(out)" "nowhere/MAINTAINERS: "
fresh
echo "maintainers $TOP_SRCDIR/contrib/sample/MAINTAINERS" >>"$C"
cc "$C"; is "a good MAINTAINERS passes" $? 0
like "MAINTAINERS: ok" "$(out)" "contrib/sample/MAINTAINERS: ok\$"

# Credentials: a secret others may read is refused, by line.
fresh
echo "user:secret" >"$W/etc/lore.secret"
chmod 644 "$W/etc/lore.secret"
cat >>"$C" <<CONF
source lore
	url imaps://imap.example.org/INBOX
	credentials-file lore.secret
CONF
cc "$C"; is "world-readable credentials: exit 1" $? 1
like "world-readable credentials at the source's line" "$(out)" \
	"^$C:$(line_of "$C" '^source lore'): source lore: credentials-file $W/etc/lore.secret: group or others may read it"
is "the password never appears" "$(out | grep -c 'user:secret')" 0
chmod 600 "$W/etc/lore.secret"
cc "$C"; is "owner-only credentials pass" $? 0
chmod 640 "$W/etc/lore.secret"
cc "$C"; is "group-readable credentials: exit 1" $? 1
# Checked as pvbot opens it: a symbolic link is not followed, a FIFO not
# waited on (stat() said "ok" to a link pvbot then refuses).
mv "$W/etc/lore.secret" "$W/etc/real.secret"
chmod 600 "$W/etc/real.secret"
ln -s real.secret "$W/etc/lore.secret"
cc "$C"; is "a credentials-file that is a link: exit 1" $? 1
like "a credentials-file that is a link: refused as at run time" "$(out)" \
	"source lore: credentials-file $W/etc/lore.secret: a symbolic link: refused"
rm "$W/etc/lore.secret"; mkfifo -m 600 "$W/etc/lore.secret"
timeout 30 "$PVBOT" -c "$C" config check >"$W/out" 2>&1
is "a credentials-file that is a FIFO: exit 1, no hang" $? 1
like "a credentials-file that is a FIFO: not a regular file" "$(out)" \
	"source lore: credentials-file $W/etc/lore.secret: not a regular file"
rm "$W/etc/lore.secret" "$W/etc/real.secret"
cc "$C"; is "missing credentials file: exit 1" $? 1
like "missing credentials file named" "$(out)" \
	"source lore: credentials-file $W/etc/lore.secret: No such file"

# Sources' URLs and the smtp section.
fresh
cat >>"$C" <<CONF
source web
	url https://lore.kernel.org/xen-devel/
source nourl
	interval 5m
send yes
smtp
	url http://mail.example.org
	user pvbot
	credentials-file smtp.secret
CONF
printf 'x\n' >"$W/etc/smtp.secret"; chmod 666 "$W/etc/smtp.secret"
cc "$C"; is "bad sources and smtp: exit 1" $? 1
like "a source URL pvbot cannot read" "$(out)" \
	"^$C:$(line_of "$C" '^source web'): source web: "
like "a source without a url" "$(out)" \
	"^$C:$(line_of "$C" '^source nourl'): source 'nourl' has no url"
like "smtp url scheme" "$(out)" \
	"^$C:$(line_of "$C" '^smtp'): smtp: url http://mail.example.org: use smtp://"
like "smtp credentials readable by others" "$(out)" \
	"^$C:$(line_of "$C" '^smtp'): smtp: credentials-file $W/etc/smtp.secret: group or others"
shaped "bad sources"

# A password in the smtp URL, in a file others may read: refused at run
# time, so refused here (and never echoed).
fresh
chmod 644 "$C"
printf 'smtp\n\turl smtps://pvbot:hunter2@mail.example.org\n' >>"$C"
cc "$C"; is "a password in the smtp url: exit 1" $? 1
like "a password in the smtp url: refused" "$(out)" \
	"^$C:$(line_of "$C" '^smtp'): smtp: url: a password in the URL is refused"
is "a password in the smtp url: not echoed" "$(out | grep -c hunter2)" 0

fresh
printf 'send yes\n' >>"$C"
cc "$C"; is "send yes without smtp: exit 1" $? 1
like "send yes needs an smtp url" "$(out)" "send is yes but there is no smtp"

# The lore example, where it is meant to go: over the installed pvbot.conf.
fresh
cp "$TOP_SRCDIR/contrib/pvbot-lore.conf" "$C"
cc "$C"; is "contrib/pvbot-lore.conf passes in place of pvbot.conf" $? 0
is "it has a source per list" "$(grep -c '^source ' "$C")" 3

# Everything at once: all of it is reported in one run.
fresh
echo "frobnicate yes" >>"$C"
echo 'objection unclosed  (x' >>"$W/etc/pvbot/rules.conf"
printf 'Hello {{bogus}}.\n' >>"$W/etc/pvbot/templates/summary.tmpl"
sed -i 's/^stalled 90d$/stalled never/' "$W/etc/pvbot/policy.conf"
echo "protocol pvcalls" >>"$W/etc/pvbot/protocols.conf"
cc "$C"; is "many mistakes: exit 1" $? 1
is "each mistake reported once" "$(out | grep -vc ': ok$')" 5
like "the count is on stderr" "$(cat "$W/err")" "5 problems"
plan_end
