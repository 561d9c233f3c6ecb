#!/bin/sh
# Write defaults-data.c on stdout: the files of etc/ as byte arrays, for
# the built-in defaults (defaults.h).  Run by make at build time:
#	sh defaults-embed.sh ETCDIR NAME...
# NAME is a path below ETCDIR ("pvbot/rules.conf").  od and awk only:
# both are in every POSIX system, xxd is not.
set -eu
etc=$1; shift
echo "/* Made from etc/ by src/defaults-embed.sh at build time: do not edit. */"
echo '#include "defaults.h"'
i=0
for name in "$@"; do
	echo
	echo "/* $name */"
	echo "static const unsigned char defaults_$i[] = {"
	od -An -v -tu1 "$etc/$name" | awk '
		{ for (i = 1; i <= NF; i++) { printf "%s%s", sep, $i; sep = ","
		    if (++n % 20 == 0) { printf ",\n"; sep = "" } } }
		END { printf "%s0\n", sep }'
	echo "};"
	i=$((i + 1))
done
echo
echo "const struct defaults_file defaults_files[] = {"
i=0
for name in "$@"; do
	echo "	{ \"$name\", \"built-in $name\", defaults_$i,"
	echo "	    sizeof defaults_$i - 1 },"
	i=$((i + 1))
done
echo "};"
echo "const size_t defaults_nfiles = $i;"
