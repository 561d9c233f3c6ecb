#!/bin/sh
# make model: fit the learned model's weights (src/model.h) on the
# hand-labelled corpus in ../shared/corpus/labelled and write them to OUT
# (etc/pvbot/model.weights).  LABELS, when given, is a subset of its
# labels.tsv to train on (bench-accuracy's folds).  Skips, exit 0, when
# the corpus is absent.
#	train-model.sh OUT [LABELS [DB]]
# DB, when given, is a database the corpus is already imported into.
set -eu
top=${TOP_SRCDIR:-$(cd "$(dirname "$0")/.." && pwd)}
pvbot=${PVBOT:-./pvbot}
shared=${PVBOT_SHARED:-$top/../shared}
[ -d "$shared" ] || shared=/work/shared
lab=$shared/corpus/labelled
[ -d "$lab" ] || { echo "train-model: no labelled corpus at $lab; skipped"; exit 0; }
out=$1
labels=${2:-$lab/labels.tsv}
db=${3:-}
w=$(mktemp -d "${TMPDIR:-/tmp}/train-model.XXXXXX"); trap 'rm -rf "$w"' EXIT
# The rules alone read the corpus: the features are the rules' findings.
echo "model none" >"$w/pvbot.conf"
if [ -z "$db" ]; then
	db=$w/db
	"$pvbot" -c "$w/pvbot.conf" -d "$db" import --quiet "$lab"/raw/*.eml \
	    >/dev/null
fi
"$pvbot" -c "$w/pvbot.conf" -d "$db" train -o "$out" "$labels"
