#!/usr/bin/python3
"""Score pvbot's classification against the hand labels in
../shared/corpus/labelled, next to a patchwork-style baseline, per list
and on the whole corpus.

usage: accuracy.py LABDIR MESSAGES.json [--rules RULES.json]
                   [--fold K=HELDOUT.json ...]
                   [--exclude-fold K] [--unseen K] [-v]

MESSAGES.json is `pvbot messages --json` after importing LABDIR/raw/*.eml
(the shipped rules and model: the model's fit, trained on every fold);
RULES.json the same with "model none", the rules alone.  Each --fold K=FILE is the same after
retraining the model without fold K: its fold-K messages are held out, and
together the folds give the grouped k-fold figures.  --exclude-fold K
leaves fold K out of everything (a fold kept unseen while writing rules);
--unseen K names that fold in the report and scores it alone.
Besides the whole-corpus table it prints, per list, the grouped k-fold
figure (each figure's mean over the folds and its worst fold), and the
unseen fold beside the folds read while writing rules.
Prints tables; exits 0 (a benchmark reports, it does not judge).
"""
import email
import email.policy
import json
import os
import re
import sys
from collections import Counter

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", "..", "contrib"))
import labelled  # noqa: E402

KINDS = labelled.KINDS
GIVEN = {"acked-by", "reviewed-by", "tested-by", "nacked-by"}
TRAILER_RE = re.compile(r"^(acked|reviewed|tested|nacked)-by:\s*(.*)$", re.I)


def body_text(msg):
    """The text a patchwork-style parser sees: the first text part."""
    part = msg
    if msg.is_multipart():
        for p in msg.walk():
            if p.get_content_type() == "text/plain":
                part = p
                break
        else:
            return ""
    try:
        return part.get_content()
    except Exception:
        payload = part.get_payload(decode=True) or b""
        return payload.decode("utf-8", "replace")


def baseline(raw):
    """patchwork: trailers are ^Tag-by: lines anywhere; kind from shape."""
    msg = email.message_from_bytes(raw, policy=email.policy.default)
    text = body_text(msg)
    subject = str(msg.get("subject", ""))
    trailers = set()
    for line in text.splitlines():
        m = TRAILER_RE.match(line)
        if m:
            addr = re.search(r"<([^>]+)>", m.group(2))
            trailers.add((m.group(1).lower() + "-by",
                          (addr.group(1) if addr else m.group(2)).lower()))
    reply = subject.lower().startswith("re:")
    if re.search(r"\[[^]]*\b0+/\d+\]", subject):
        kind = "cover"
    elif re.search(r"^(diff --git|--- a/|\+\+\+ b/)", text, re.M):
        kind = "patch"
    elif any(t[0] == "nacked-by" for t in trailers):
        kind = "objection"
    elif trailers:
        kind = "ack"
    elif reply:
        kind = "review"
    else:
        kind = "other"
    return kind, trailers


def predictions(path):
    """Message-ID -> (kind, given trailers) from pvbot messages --json."""
    out = {}
    for m in json.load(open(path))["messages"]:
        trs = {(t["tag"].lower(), t["email"].lower()) for t in m["trailers"]
               if t["tag"].lower() in GIVEN and not t["mismatch"]}
        out[m["message_id"]] = (m["kind"], trs)
    return out


def pct(a, b):
    return "  n/a" if b == 0 else "%5.1f" % (100.0 * a / b)


def figures(rows, key):
    """Kinds (all, strict), objection P/R, trailers P/R of one column."""
    f = Counter()
    for r in rows:
        want, got = r["label"], r[key][0]
        f["n"] += 1
        f["right"] += want == got
        if not r["borderline"]:
            f["strict_n"] += 1
            f["strict_right"] += want == got
        f["obj_tp"] += want == "objection" and got == "objection"
        f["obj_fp"] += want != "objection" and got == "objection"
        f["obj_fn"] += want == "objection" and got != "objection"
        f["tr_tp"] += len(r["trailers"] & r[key][1])
        f["tr_fp"] += len(r[key][1] - r["trailers"])
        f["tr_fn"] += len(r["trailers"] - r[key][1])
    return f


def table(title, rows, key):
    print("\n%s" % title)
    print("%-11s %4s | %6s %7s | %6s %6s %8s | %6s %6s" % (
        "list", "n", "kinds", "strict", "obj P", "obj R", "(tp/fp/fn)",
        "trl P", "trl R"))
    groups = [(l, [r for r in rows if r["list"] == l]) for l in labelled.LISTS]
    for name, sub in groups + [("all", rows)]:
        if not sub:
            continue
        f = figures(sub, key)
        print("%-11s %4d | %5s%% %6s%% | %5s%% %5s%% %8s | %5s%% %5s%%" % (
            name, f["n"], pct(f["right"], f["n"]),
            pct(f["strict_right"], f["strict_n"]),
            pct(f["obj_tp"], f["obj_tp"] + f["obj_fp"]),
            pct(f["obj_tp"], f["obj_tp"] + f["obj_fn"]),
            "%d/%d/%d" % (f["obj_tp"], f["obj_fp"], f["obj_fn"]),
            pct(f["tr_tp"], f["tr_tp"] + f["tr_fp"]),
            pct(f["tr_tp"], f["tr_tp"] + f["tr_fn"])))


def ratio(a, b):
    return None if b == 0 else 100.0 * a / b


def kfold_per_list(rows, key):
    """Per list, each figure as its mean over the folds and its worst
    fold: the grouped k-fold figure (a fold without the figure's
    denominator, e.g. no objection, is left out of that mean)."""
    folds = sorted({r["fold"] for r in rows})
    print("\ngrouped %d-fold by thread, per list: mean over the folds "
          "(worst fold)" % len(folds))
    print("%-11s %4s | %14s | %14s %14s | %14s %14s" % (
        "list", "n", "kinds strict", "obj P", "obj R", "trl P", "trl R"))
    for name in labelled.LISTS + ["all"]:
        sub = [r for r in rows if name == "all" or r["list"] == name]
        if not sub:
            continue
        cols = {c: [] for c in ("k", "op", "or", "tp", "tr")}
        for k in folds:
            f = figures([r for r in sub if r["fold"] == k], key)
            for c, v in (("k", ratio(f["strict_right"], f["strict_n"])),
                         ("op", ratio(f["obj_tp"], f["obj_tp"] + f["obj_fp"])),
                         ("or", ratio(f["obj_tp"], f["obj_tp"] + f["obj_fn"])),
                         ("tp", ratio(f["tr_tp"], f["tr_tp"] + f["tr_fp"])),
                         ("tr", ratio(f["tr_tp"], f["tr_tp"] + f["tr_fn"]))):
                if v is not None:
                    cols[c].append(v)
        line = "%-11s %4d |" % (name, len(sub))
        for c in ("k", "op", "or", "tp", "tr"):
            v = cols[c]
            cell = "n/a" if not v else "%5.1f%% (%5.1f)" % (
                sum(v) / len(v), min(v))
            line += " %14s" % cell + (" |" if c in ("k", "or") else "")
        print(line)


def strict_objections(title, rows, key):
    """Objection P/R with the borderline labels left out, as the corpus's
    README asks of strict scoring (a label a careful reader could choose
    otherwise says nothing either way)."""
    print("\n%s" % title)
    print("%-11s %4s | %6s %6s %8s" % ("list", "n", "obj P", "obj R",
                                       "(tp/fp/fn)"))
    groups = [(l, [r for r in rows if r["list"] == l]) for l in labelled.LISTS]
    for name, sub in groups + [("all", rows)]:
        sub = [r for r in sub if not r["borderline"]]
        if not sub:
            continue
        f = figures(sub, key)
        print("%-11s %4d | %5s%% %5s%% %8s" % (
            name, len(sub), pct(f["obj_tp"], f["obj_tp"] + f["obj_fp"]),
            pct(f["obj_tp"], f["obj_tp"] + f["obj_fn"]),
            "%d/%d/%d" % (f["obj_tp"], f["obj_fp"], f["obj_fn"])))


def per_kind(rows, keys):
    print("\nper kind (whole corpus; held: each fold by the model trained "
          "without it)")
    print("%-10s %5s |" % ("kind", "n") + "".join(
        " %9s %9s |" % (k + " P", k + " R") for k in keys).rstrip("|"))
    for k in KINDS:
        line = "%-10s %5d |" % (k, sum(r["label"] == k for r in rows))
        for key in keys:
            tp = sum(r["label"] == k and r[key][0] == k for r in rows)
            got = sum(r[key][0] == k for r in rows)
            n = sum(r["label"] == k for r in rows)
            line += " %8s%% %8s%% |" % (pct(tp, got), pct(tp, n))
        print(line.rstrip("|"))


def main():
    args = sys.argv[1:]
    verbose = "-v" in args
    args = [a for a in args if a != "-v"]
    labdir, msgs = args[0], args[1]
    folds, exclude, unseen, rules_only = {}, None, None, None
    i = 2
    while i < len(args):
        if args[i] == "--fold":
            k, path = args[i + 1].split("=", 1)
            folds[int(k)] = predictions(path)
        elif args[i] == "--exclude-fold":
            exclude = int(args[i + 1])
        elif args[i] == "--rules":
            rules_only = predictions(args[i + 1])
        elif args[i] == "--unseen":
            unseen = int(args[i + 1])
        i += 2
    ours = predictions(msgs)
    rows = [r for r in labelled.load(labdir) if r["fold"] != exclude]
    for r in rows:
        raw = open(os.path.join(labdir, "raw", r["file"]), "rb").read()
        r["base"] = baseline(raw)
        r["pvbot"] = ours.get(r["id"], ("missing", set()))
        if rules_only is not None:
            r["rules"] = rules_only.get(r["id"], ("missing", set()))
        if r["fold"] in folds:
            r["heldout"] = folds[r["fold"]].get(r["id"], ("missing", set()))
    strict = sum(not r["borderline"] for r in rows)
    print("messages: %d (%d borderline, left out of 'strict')%s" % (
        len(rows), len(rows) - strict,
        "; fold %d excluded" % exclude if exclude is not None else ""))
    table("whole corpus: the shipped rules and model (the model's FIT: "
          "trained on all of it)" if folds else
          "whole corpus: the shipped rules and model", rows, "pvbot")
    if rules_only is not None:
        table("whole corpus: the rules alone (model none)", rows, "rules")
    table("baseline (patchwork-style)", rows, "base")
    held = [r for r in rows if "heldout" in r]
    key = "pvbot"
    if held:
        table("grouped %d-fold by thread, held out: each fold scored by a "
              "model trained on the other folds" % len(folds), held,
              "heldout")
        key = "heldout"
    else:
        held = rows
    # Rules learn nothing from the corpus, so each fold is as held out as
    # the rules' author kept it (see --unseen).
    print("\nper fold (grouped by thread)%s" % (
        "" if key == "heldout" else ": rules only, nothing is trained"))
    for k in sorted({r["fold"] for r in held}):
        sub = [r for r in held if r["fold"] == k]
        f = figures(sub, key)
        print("  fold %d%s %3d messages, kinds %s%% (strict %s%%), "
              "objection P %s%% R %s%% (%d/%d/%d), trailers P %s%% R %s%%" % (
                  k, " (unseen):" if k == unseen else ":          ",
                  f["n"], pct(f["right"], f["n"]),
                  pct(f["strict_right"], f["strict_n"]),
                  pct(f["obj_tp"], f["obj_tp"] + f["obj_fp"]),
                  pct(f["obj_tp"], f["obj_tp"] + f["obj_fn"]),
                  f["obj_tp"], f["obj_fp"], f["obj_fn"],
                  pct(f["tr_tp"], f["tr_tp"] + f["tr_fp"]),
                  pct(f["tr_tp"], f["tr_tp"] + f["tr_fn"])))
    kfold_per_list(held, key)
    if rules_only is not None and key == "heldout":
        print("\nthe rules alone, the same folds (nothing trained):", end="")
        kfold_per_list(held, "rules")
    if unseen is not None and unseen != exclude:
        table("fold %d alone: kept unseen while the rules were written"
              % unseen, [r for r in held if r["fold"] == unseen], key)
        table("the other folds: read while the rules were written",
              [r for r in held if r["fold"] != unseen], key)
        if rules_only is not None and key == "heldout":
            table("fold %d alone, the rules alone" % unseen,
                  [r for r in held if r["fold"] == unseen], "rules")
    strict_objections("objections, strict (borderline labels left out), "
                      "held out" if key == "heldout" else
                      "objections, strict (borderline labels left out)",
                      held, key)
    if rules_only is not None:
        strict_objections("objections, strict, the rules alone", held,
                          "rules")
    keys = ["pvbot"] + (["rules"] if rules_only is not None else []) + (
        ["held"] if folds else []) + ["base"]
    for r in rows:
        if folds:
            r["held"] = r.get("heldout", ("missing", set()))
    per_kind(rows, keys)
    if verbose:
        print("\nmisclassified (whole corpus):")
        hidden = 0
        for r in rows:
            if r["label"] != r["pvbot"][0] or r["trailers"] != r["pvbot"][1]:
                if r["fold"] == unseen:
                    hidden += 1
                    continue
                print("  %s fold %d want %-9s got %-9s %s%s" % (
                    r["file"], r["fold"], r["label"], r["pvbot"][0],
                    "" if r["trailers"] == r["pvbot"][1] else
                    "trailers %s vs %s " % (sorted(r["trailers"]),
                                           sorted(r["pvbot"][1])),
                    "(borderline)" if r["borderline"] else ""))
        if hidden:
            # The unseen fold stays unseen: its misses are counted, not shown.
            print("  (%d in fold %d, kept unseen, not listed)" % (hidden, unseen))


main()
