#!/bin/sh
# Source lint (style.md 3.5, 3.9): no SQL built from strings, no banned
# functions, no credentials handed to the log.  Comments and string
# literals are blanked first, so only code is judged.
#
# SQL: the statement given to sqlite3_exec or sqlite3_prepare* must be a
# string literal, a "static const char NAME[]" literal or a static table
# of literals in the same file, or a parameter of the calling function
# whose every caller passes one of those.  Exceptions are listed, with the
# reason, in tests/lint-sql.allow.  No printf-style format that looks like
# SQL may take a string (%s): values are bound, never pasted.
. "$TOP_SRCDIR/tests/lib.sh"

command -v perl >/dev/null || skip_all "perl missing"
SRC=$TOP_SRCDIR/src

cat >"$W/lint.pl" <<'EOF'
use strict;
use warnings;
my ($what, $allowfile, @files) = @ARGV;
my (%code, %raw, %allow, @bad);

# Blank comments and the insides of string and char literals (kept as
# "" of the same length), so that line numbers stay right.
sub blank {
	my ($s, $keep_strings) = @_;
	$s =~ s{/\*.*?\*/}{ (my $c = $&) =~ s/[^\n]/ /g; $c }gse;
	$s =~ s{"(?:[^"\\\n]|\\.)*"}{ my $l = length($&) - 2; '"' . ('.' x $l) . '"' }ge
	    unless $keep_strings;
	$s =~ s{'(?:[^'\\\n]|\\.)'}{'.'}g;
	return $s;
}
sub line_of { my ($s, $pos) = @_; return 1 + (substr($s, 0, $pos) =~ tr/\n//); }
for my $f (@files) {
	open(my $fh, '<', $f) or die "$f: $!";
	local $/;
	$raw{$f} = <$fh>;
	close $fh;
	$code{$f} = blank($raw{$f}, 0);
}

# The arguments of the call whose '(' ends at $pos, split at depth 0.
sub args_at {
	my ($s, $pos) = @_;
	my ($depth, $cur, @args) = (0, '');
	for (my $i = $pos; $i < length $s; $i++) {
		my $ch = substr($s, $i, 1);
		if ($ch eq '(') { $depth++ }
		elsif ($ch eq ')') {
			if ($depth == 0) { push @args, $cur; last }
			$depth--;
		} elsif ($ch eq ',' && $depth == 0) { push @args, $cur; $cur = ''; next }
		$cur .= $ch;
	}
	s/^\s+|\s+$//g for @args;
	return @args;
}
# The function a position is in: the last "name(" at column 0 before it.
sub function_at {
	my ($s, $pos) = @_;
	my $name;
	while ($s =~ /^([a-z_][a-z0-9_]*)\(/mg) {
		last if $-[0] > $pos;
		$name = $1;
	}
	return $name;
}
sub params_of {
	my ($f, $fn) = @_;
	return () unless $code{$f} =~ /^\Q$fn\E\(([^)]*)\)/m;
	return map { /([a-z_][a-z0-9_]*)\s*(?:\[\s*\])?\s*$/ ? $1 : '' } split /,/, $1;
}
# Whether an SQL argument in file f, function fn, is safe; depth bounds
# the walk up through parameters.
sub safe_sql {
	my ($f, $fn, $arg, $depth) = @_;
	return 1 if $arg =~ /^"/;
	return 1 if $allow{"$f $fn"};
	# cond ? "literal" : "literal"
	my $lit = qr/(?:"(?:[^"\\]|\\.)*"\s*)+/;
	return 1 if $arg =~ /^[^"?]+\?\s*$lit:\s*$lit$/s;
	if ($arg =~ /^([a-z_][a-z0-9_]*)$/) {
		my $id = $1;
		return 1 if $raw{$f} =~ /static const char\s+\Q$id\E\[\]\s*=\s*"/;
		my @p = params_of($f, $fn);
		for my $i (0 .. $#p) {
			next unless $p[$i] eq $id;
			return 0 if $depth > 3;
			return callers_pass($fn, $i, $depth + 1);
		}
		return 0;
	}
	if ($arg =~ /^([a-z_][a-z0-9_]*)\[[^\]]*\]$/) {
		my $id = $1;
		# A static table of literals only.
		return $raw{$f} =~ /static const char\s*\*\s*\Q$id\E\[[^\]]*\]\s*=\s*\{\s*(?:\[[A-Z_0-9]+\]\s*=\s*)?(?:\/\*[^*]*\*\/\s*)?"/s;
	}
	return 0;
}
sub callers_pass {
	my ($fn, $i, $depth) = @_;
	my ($ok, $calls) = (1, 0);
	for my $f (@files) {
		my $s = $code{$f};
		my $withstr = blank($raw{$f}, 1);
		while ($s =~ /(?<![a-z0-9_])\Q$fn\E\s*\(/g) {
			my $pos = pos($s);
			# Definitions and prototypes start at column 0, calls never.
			my $bol = rindex($s, "\n", $-[0]) + 1;
			next unless substr($s, $bol, 1) =~ /\s/;
			my @a = args_at($withstr, $pos);
			my $caller = function_at($s, $pos) // '';
			$calls++;
			next if defined $a[$i] && safe_sql($f, $caller, $a[$i], $depth);
			push @bad, sprintf("%s:%d: %s() gets non-literal SQL from %s(): %s",
			    $f, line_of($s, $pos), $fn, $caller, $a[$i] // '?');
			$ok = 0;
		}
	}
	# No caller in src/: where its SQL comes from is unknown.
	return ($ok && $calls > 0);
}

if ($what eq 'banned') {
	for my $f (@files) {
		my $s = $code{$f};
		while ($s =~ /(?<![A-Za-z0-9_.>])(strtok|sprintf|vsprintf|strncpy|strcat|gets|atoi)\s*\(/g) {
			push @bad, sprintf("%s:%d: %s() is banned (style.md 3.9)",
			    $f, line_of($s, $-[0]), $1);
		}
	}
} elsif ($what eq 'sql') {
	if (open(my $fh, '<', $allowfile)) {
		while (<$fh>) {
			next if /^\s*(#|$)/;
			my ($file, $fn) = split;
			$allow{"$ENV{SRC}/$file $fn"} = 1;
		}
	}
	for my $f (@files) {
		my $s = $code{$f};
		my $withstr = blank($raw{$f}, 1);
		while ($s =~ /\bsqlite3_(exec|prepare(?:_v2|_v3)?)\s*\(/g) {
			my ($pos, $call) = (pos($s), $1);
			my @a = args_at($withstr, $pos);
			my $fn = function_at($s, $pos) // '';
			push @bad, sprintf("%s:%d: sqlite3_%s with non-literal SQL in %s(): %s",
			    $f, line_of($s, $pos), $call, $fn, $a[1] // '?')
			    unless safe_sql($f, $fn, $a[1] // '', 0);
		}
		# SQL-looking formats that take a string.
		while ($withstr =~ /\b(\w*printf|\w*asprintf)\s*\(/g) {
			my ($pos, $name) = (pos($withstr), $1);
			my ($fmt) = grep { /^"/ } args_at($withstr, $pos);
			next unless defined $fmt;
			push @bad, sprintf("%s:%d: SQL formatted with a string by %s()",
			    $f, line_of($withstr, $pos), $name)
			    if $fmt =~ /\b(SELECT|INSERT|UPDATE|DELETE|CREATE|DROP|ALTER|PRAGMA|WHERE|VALUES)\b/
			    && $fmt =~ /%[-#0 +]*[0-9.*]*[sqQc]/;
		}
	}
} elsif ($what eq 'sqltext') {
	# Statements live in the store modules; the rest call them.
	for my $f (grep { ($_ =~ m{([^/]+)$})[0] !~ /^store/ } @files) {
		my $s = blank($raw{$f}, 1);
		while ($s =~ /"((?:[^"\\\n]|\\.)*)"/g) {
			my ($lit, $pos) = ($1, $-[0]);
			push @bad, sprintf("%s:%d: SQL text outside store*.c: \"%s\"",
			    $f, line_of($s, $pos), $lit)
			    if $lit =~ /\b(SELECT|INSERT|UPDATE|DELETE|CREATE|DROP|ALTER|PRAGMA)\s+(\S+)/
			    && $2 =~ /^(\*|[a-z_(]|INTO|FROM|OR|TABLE|INDEX|TRIGGER)/;
		}
	}
} elsif ($what eq 'cli') {
	# The acting code never reaches up into the CLI (notmuch's rule).
	for my $f (grep { ($_ =~ m{([^/]+)$})[0] !~ /^(pvbot|cmd|cmd-.*)\.c$/ }
	    @files) {
		while ($raw{$f} =~ /^#include "cli\.h"/mg) {
			push @bad, sprintf("%s:%d: includes cli.h", $f,
			    line_of($raw{$f}, $-[0]));
		}
	}
} elsif ($what eq 'secrets') {
	# A password variable never reaches a log or print call.
	for my $f (@files) {
		my $s = $code{$f};
		while ($s =~ /\b(log_\w+|fatalx?|printf|fprintf|syslog|warnx?|buf_printf)\s*\(/g) {
			my ($pos, $call) = (pos($s), $1);
			my @a = args_at($s, $pos);
			for my $a (@a) {
				push @bad, sprintf("%s:%d: %s() is given %s", $f,
				    line_of($s, $pos), $call, $a)
				    if $a =~ /\b(pass|password|passwd|secret|credentials?)\b/ && $a !~ /credentials_(file|env)/;
			}
		}
	}
}
print "$_\n" for @bad;
exit(@bad ? 1 : 0);
EOF

lint() {
	SRC=$SRC perl "$W/lint.pl" "$1" "$TOP_SRCDIR/tests/lint-sql.allow" \
	    "$SRC"/*.c "$SRC"/*.h >"$W/lint.out" 2>&1
	r=$?
	ok $r "$2"
	[ $r -eq 0 ] || sed "s|$SRC/|src/|; s/^/#   /" "$W/lint.out" | head -20
}
lint banned "no strtok, sprintf, strncpy, strcat, gets, atoi in src/"
lint sqltext "no SQL text outside store*.c"
lint cli "only pvbot.c, cmd.c and cmd-*.c include cli.h"
lint sql "SQL is literal and bound, never built from strings"
lint secrets "no password variable is passed to a log or print call"

# The lint itself: each rule catches its case.
mkdir "$W/bad"
cat >"$W/bad/bad.c" <<'EOF'
/* sprintf( in a comment is fine, and so is "strcat(" in a string. */
static void
bad_query(sqlite3 *db, const char *who)
{
	char	*sql = xasprintf("SELECT * FROM t WHERE name = '%s'", who);

	sqlite3_exec(db, sql, NULL, NULL, NULL);
	strcat(sql, "x");
	log_warnx("login %s", password);
}
#include "cli.h"

static int
bad_helper(sqlite3 *db, const char *sql)
{
	return (sqlite3_exec(db, sql, NULL, NULL, NULL));
}

static void
bad_callers(sqlite3 *db, const char *who)
{
	bad_helper(db, "SELECT 1");
	bad_helper(db, who);
}
EOF
cat >"$W/bad/store-ok.c" <<'EOF'
static const char sql[] = "SELECT x FROM t WHERE y = ?1";
EOF
for rule in banned sql secrets sqltext cli; do
	SRC=$W/bad perl "$W/lint.pl" $rule /dev/null "$W/bad/bad.c" \
	    "$W/bad/store-ok.c" >"$W/lint.out" 2>&1
	n=$(wc -l <"$W/lint.out" | tr -d ' ')
	case $rule in sql) want=4 ;; *) want=1 ;; esac
	is "lint $rule catches its case" "$n" "$want"
done
plan_end
