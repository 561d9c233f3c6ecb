#!/bin/sh
# The learned model end to end: a weights file written here changes a
# reply's kind as its weights say, "model none" classifies by the rules
# alone, explain shows the features that decided, config check reports a
# broken weights file, and train on a tiny labelled set written here
# gives the same bytes twice.
. "$TOP_SRCDIR/tests/lib.sh"

ANN="Ann Author <ann@author.example>"
BOB="Bob Reviewer <bob@review.example>"

# conf NAME MODEL-LINE: the shipped configuration with another model.
conf() {
	sed -e "s|^\(rules\|policy\|protocols\|templates\) pvbot/|\1 $TOP_SRCDIR/etc/pvbot/|" \
	    -e '/^model /d' "$TOP_SRCDIR/etc/pvbot.conf" >"$W/$1.conf"
	echo "$2" >>"$W/$1.conf"
}
pvn() { n=$1; shift; "$PVBOT" -c "$W/$n.conf" -d "$W/$n.db" "$@"; }

PATCH='A ring for the PV driver.

Signed-off-by: Ann Author <ann@author.example>
---
 drivers/xen/ring.c | 1 +
 1 file changed, 1 insertion(+)

diff --git a/drivers/xen/ring.c b/drivers/xen/ring.c
--- a/drivers/xen/ring.c
+++ b/drivers/xen/ring.c
@@ -1,1 +1,2 @@
 int a;
+int b;'
# Four threads: a patch, a reply about zebras, a reply about a nit.
for t in 1 2 3 4; do
	gen_message "$W/p$t" "p$t@author.example" "[PATCH] xen: ring number $t" \
	    "Mon, 2 Nov 2026 1$t:00:00 +0000" "$ANN" "" "$PATCH"
	gen_message "$W/z$t" "z$t@review.example" "Re: [PATCH] xen: ring number $t" \
	    "Mon, 2 Nov 2026 1$t:10:00 +0000" "$BOB" "p$t@author.example" \
	    "> +int b;

The stripes of this ring look odd to me, and the zebra crossing in
this function wants another look at how it orders its writes."
	gen_message "$W/n$t" "n$t@review.example" "Re: [PATCH] xen: ring number $t" \
	    "Mon, 2 Nov 2026 1$t:20:00 +0000" "$BOB" "p$t@author.example" \
	    "> +int b;

A small nit in this function: the name of the variable could say
what it holds, the reader has to guess at what it counts for now."
	mbox_append "$W/all.mbox" "$W/p$t" "$W/z$t" "$W/n$t"
done

# The exact signals stay the rules', however the model reads the words:
# the sender's own ack, a Nacked-by under words the model calls a review,
# a bot's mail.
ZEBRA='> +int b;

The stripes of this ring look odd to me, and the zebra crossing in
this function wants another look at how it orders its writes.'
gen_message "$W/x1" "x1@review.example" "Re: [PATCH] xen: ring number 1" \
    "Mon, 2 Nov 2026 11:30:00 +0000" "$BOB" "p1@author.example" "$ZEBRA

Acked-by: Bob Reviewer <bob@review.example>"
gen_message "$W/x2" "x2@review.example" "Re: [PATCH] xen: ring number 1" \
    "Mon, 2 Nov 2026 11:40:00 +0000" "$BOB" "p1@author.example" "> +int b;

The giraffe in this function reads the ring with a long neck, and its
writes want another look at how they are ordered before we go on.

Nacked-by: Bob Reviewer <bob@review.example>"
gen_message "$W/x3" "x3@robot.example" "Re: [PATCH] xen: ring number 1" \
    "Mon, 2 Nov 2026 11:50:00 +0000" "kernel test robot <lkp@intel.com>" \
    "p1@author.example" "$ZEBRA"
mbox_append "$W/all.mbox" "$W/x1" "$W/x2" "$W/x3"

# A weights file: "zebra" is an objection's word, "giraffe" a review's.
cat >"$W/zebra.weights" <<'W'
# hand-written: zebras object
classes objection ack review other
margin objection 0.2
margin ack 0
margin review 0
margin other 0
w:zebra 40 0 0 0
w:giraffe 0 0 40 0
W
conf zebra "model $W/zebra.weights"
conf none "model none"
check "import with the zebra model" pvn zebra import --quiet "$W/all.mbox"
check "import with no model" pvn none import --quiet "$W/all.mbox"
kind() { pvn "$1" explain "$2" | sed -n 's/^kind: *//p'; }
is "the rules alone: the zebra reply is a review" "$(kind none z1@review.example)" review
is "the model: the zebra reply is an objection" "$(kind zebra z1@review.example)" objection
is "the model: the nit stays a review" "$(kind zebra n1@review.example)" review
pvn zebra explain z1@review.example >"$W/explain"
like "explain says the model overrode the rules" "$(cat "$W/explain")" \
    "overrides the rules \(the rules said review\)"
like "explain names the deciding feature" "$(cat "$W/explain")" \
    "\+[0-9.]+ w:zebra"
like "explain says what decided" "$(cat "$W/explain")" \
    "because: +the model: an objection, not the rules' review"
like "explain says by what margin, past which threshold" "$(cat "$W/explain")" \
    "overrides the rules \(the rules said review\): objection by 0\.[0-9]+ over review, past its threshold 0\.200"
like "explain with no model says so" "$(pvn none explain z1@review.example)" \
    "model: +none \(rules only\)"
like "a patch is the rules': the model is not asked" \
    "$(pvn zebra explain p1@author.example)" "model: +not asked"
is "the sender's own ack stays an ack" "$(kind zebra x1@review.example)" ack
like "the model is not asked about it" \
    "$(pvn zebra explain x1@review.example)" "model: +not asked"
is "a Nacked-by stays an objection" "$(kind zebra x2@review.example)" objection
like "the model is not asked about it" \
    "$(pvn zebra explain x2@review.example)" "model: +not asked"
is "a bot's mail stays other" "$(kind zebra x3@robot.example)" other
like "the model is not asked about it" \
    "$(pvn zebra explain x3@robot.example)" "model: +not asked"

# A broken weights file is an error with its line, at load and in check.
printf 'classes objection ack review other\nw:zebra 1 2\n' >"$W/bad.weights"
conf bad "model $W/bad.weights"
check_fails "a broken weights file: the command fails" \
    pvn bad import --quiet "$W/all.mbox"
like "it names the file and line" "$(cat "$W/check.out")" "bad.weights:2: 'w:zebra' needs 4 weights"
"$PVBOT" -c "$W/bad.conf" config check >"$W/cc" 2>&1
like "config check reports it" "$(cat "$W/cc")" "bad.weights:2:"
conf missing "model $W/nonexistent.weights"
"$PVBOT" -c "$W/missing.conf" config check >"$W/cc" 2>&1
like "config check: a model named elsewhere must exist" "$(cat "$W/cc")" \
    "nonexistent.weights"

# Training: labels written here, the same bytes twice, and a model that
# learnt the zebras (each word is in four threads).
{
	printf 'file\tmessage_id\tin_reply_to\tkind\tseries_version\tseries_part\ttrailers\tnotes\n'
	for t in 1 2 3 4; do
		printf 'z%s\t<z%s@review.example>\t-\tobjection\t1\t-\t-\t-\n' $t $t
		printf 'n%s\t<n%s@review.example>\t-\treview\t1\t-\t-\t-\n' $t $t
		printf 'p%s\t<p%s@author.example>\t-\tpatch\t1\t-\t-\t-\n' $t $t
	done
} >"$W/labels.tsv"
check "train" pvn none train --change review:objection=0.5 -o "$W/t1.weights" \
    "$W/labels.tsv"
like "train says what it used" "$(cat "$W/check.out")" "12 labelled messages found, 8 examples"
check "train again" pvn none train --change review:objection=0.5 \
    --output "$W/t2.weights" "$W/labels.tsv"
check "the same labels give the same bytes" cmp "$W/t1.weights" "$W/t2.weights"
like "the weights name zebras" "$(cat "$W/t1.weights")" "^w:zebra [0-9.]+ "
like "no weight names a person" "$(grep -c '^[wb]:.*\(ann\|bob\|author\|reviewer\)' "$W/t1.weights")" "^0$"
conf trained "model $W/t1.weights"
check "import with the trained model" pvn trained import --quiet "$W/all.mbox"
is "the trained model: zebras object" "$(kind trained z2@review.example)" objection
is "the trained model: nits are reviews" "$(kind trained n2@review.example)" review
like "the threshold is the weights' setting" "$(cat "$W/t1.weights")" \
    "^change review objection 0\.500$"
# The shipped thresholds: no change at all, however sure the model.
check "train with the shipped thresholds" pvn none train -o "$W/t0.weights" \
    "$W/labels.tsv"
like "its weights: review -> objection never" "$(cat "$W/t0.weights")" \
    "^change review objection 1\.000$"
conf t0 "model $W/t0.weights"
check "import with it" pvn t0 import --quiet "$W/all.mbox"
is "the zebra reply stays the rules' review" "$(kind t0 z2@review.example)" review
like "explain: likelier, not past the threshold" "$(pvn t0 explain z2@review.example)" \
    "keeps the rules' kind \(the rules said review\): objection by [0-9.]+, not past its threshold 1\.000 \(never\)"
# Two labelled sets: each its own labels file, both named in the weights;
# --cv gives the grouped figures per set instead of weights.
mkdir -p "$W/one/A" "$W/two/A"
head -7 "$W/labels.tsv" >"$W/one/A/labels.tsv"
{ head -1 "$W/labels.tsv"; tail -6 "$W/labels.tsv"; } >"$W/two/A/labels.tsv"
check "train on two sets" pvn none train -o "$W/t3.weights" \
    "$W/one/A/labels.tsv" "$W/two/A/labels.tsv"
like "the weights say what they were trained on" "$(cat "$W/t3.weights")" \
    "^# Trained on: one/A \(4\), two/A \(4\)\."
check "train --cv 2" pvn none train --cv 2 "$W/one/A/labels.tsv" \
    "$W/two/A/labels.tsv"
like "cv: a line per set and one for all" "$(cat "$W/check.out")" \
    "^all +8 \|"
like "cv: the first set's line" "$(cat "$W/check.out")" "^one/A +4 \|"
check "train --cv 2 --sweep --repeat 2" pvn none train --cv 2 --sweep \
    --repeat 2 "$W/one/A/labels.tsv" "$W/two/A/labels.tsv"
like "sweep: a table a pair of kinds" "$(cat "$W/check.out")" \
    "^all: the rules' review changed into objection \(grouped 2-fold by thread, 2 splits"
like "sweep: a line a threshold" "$(cat "$W/check.out")" \
    "^ +0\.00 +[0-9]+ +[0-9]+ +[0-9]+ "
check "train --cv-sets --heldout" pvn none train --cv-sets --heldout \
    "$W/one/A/labels.tsv" "$W/two/A/labels.tsv"
like "cv-sets: a set at a time" "$(cat "$W/check.out")" \
    "^one/A: the rules' review changed into objection \(held out a labelled set at a time\)"
like "heldout: each example's scores" "$(cat "$W/check.out")" \
    "^heldout 0 one/A objection review [0-9.]+ [0-9.]+ [0-9.]+ [0-9.]+$"
pvn none train --sweep "$W/labels.tsv" >/dev/null 2>&1
is "train: --sweep without --cv is a usage error" $? 2
check "train --dump" pvn none train --dump "$W/labels.tsv"
like "dump: an example a line, its features" "$(cat "$W/check.out")" \
    "objection	review	.*w:zebra"
# make model's script never reads a B half.
PVBOT_TRAIN_SETS="$W/one/A $W/two/B" PVBOT="$PVBOT" \
    sh "$TOP_SRCDIR/contrib/train-model.sh" "$W/t4.weights" >"$W/tm" 2>&1
is "train-model.sh refuses a B half" $? 1
like "and says why" "$(cat "$W/tm")" "is a B half, kept unseen; refused"
check_fails "train: no labels file" pvn none train "$W/nonexistent.tsv"
pvn none train --bogus >/dev/null 2>&1
is "train: a bad option is a usage error" $? 2
plan_end
