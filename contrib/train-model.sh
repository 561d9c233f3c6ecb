#!/bin/sh
# make model: fit the learned model's weights (src/model.h) on the
# hand-labelled corpus in ../shared/corpus/labelled and on the labelled
# sets of the same form (raw/*.eml, labels.tsv) that PVBOT_TRAIN_SETS
# names (a relative name is under PVBOT_DEVSETS, ../devsets: "virt/A"),
# and write them to OUT (etc/pvbot/model.weights).  A set named
# there but absent is skipped, and said so; a set whose directory is a
# B half (.../B) is refused: B halves are kept unseen.  LABELS, when
# given, replaces the corpus's labels.tsv (bench-accuracy's folds); any
# further arguments are pvbot train's options (e.g. --cv 5).  Skips,
# exit 0, when the corpus is absent.
#	train-model.sh OUT|- [LABELS [TRAIN-OPTION...]]
# (OUT "-": standard output, e.g. for --cv).  The sets all go into one
# database; each labels file is one set of pvbot train's examples.
# PVBOT_TRAIN_WITHOUT_FOLD=K leaves the corpus's fold K out (LABELS then
# unused): fold 0 is kept unseen, so nothing is chosen on it (make
# model-sweep).  Paths hold no blanks.
set -eu
top=${TOP_SRCDIR:-$(cd "$(dirname "$0")/.." && pwd)}
pvbot=${PVBOT:-./pvbot}
shared=${PVBOT_SHARED:-$top/../shared}
[ -d "$shared" ] || shared=/work/shared
lab=$shared/corpus/labelled
devsets=${PVBOT_DEVSETS:-$top/../devsets}
[ -d "$devsets" ] || devsets=/work/devsets
# B halves are kept unseen: refused before anything is read.
for d in ${PVBOT_TRAIN_SETS:-}; do
	case ${d%/} in
	*/B|B) echo "train-model: $d is a B half, kept unseen; refused" >&2
		exit 1 ;;
	esac
done
[ -d "$lab" ] || { echo "train-model: no labelled corpus at $lab; skipped"; exit 0; }
out=$1
labels=${2:-$lab/labels.tsv}
shift
[ $# -ge 1 ] && shift
w=$(mktemp -d "${TMPDIR:-/tmp}/train-model.XXXXXX"); trap 'rm -rf "$w"' EXIT
# The rules alone read the mail: the features are the rules' findings.
echo "model none" >"$w/pvbot.conf"
pv() { "$pvbot" -c "$w/pvbot.conf" -d "$w/db" "$@"; }
pv import --quiet "$lab"/raw/*.eml >/dev/null
if [ -n "${PVBOT_TRAIN_WITHOUT_FOLD:-}" ]; then
	labels=$w/corpus/less-fold-$PVBOT_TRAIN_WITHOUT_FOLD/labels.tsv
	mkdir -p "${labels%/labels.tsv}"
	/usr/bin/python3 "$top/contrib/labelled.py" "$lab" --without-fold \
	    "$PVBOT_TRAIN_WITHOUT_FOLD" >"$labels"
fi
labs=$labels
for d in ${PVBOT_TRAIN_SETS:-}; do
	case $d in /*) ;; *) d=$devsets/$d ;; esac
	if [ ! -f "$d/labels.tsv" ]; then
		echo "train-model: no labelled set at $d; skipped" >&2
		continue
	fi
	pv import --quiet "$d"/raw/*.eml >/dev/null
	labs="$labs $d/labels.tsv"
done
# The rest of the arguments are pvbot train's options.
# shellcheck disable=SC2086
if [ "$out" = - ]; then
	pv train "$@" $labs
else
	pv train -o "$out" "$@" $labs
fi
