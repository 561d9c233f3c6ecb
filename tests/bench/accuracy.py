#!/usr/bin/python3
"""Score pvbot's classification against the hand labels in
../shared/corpus/labelled, next to a patchwork-style baseline.

usage: accuracy.py LABELS.tsv RAWDIR MESSAGES.json
MESSAGES.json is `pvbot messages --json` after importing RAWDIR/*.eml.
Prints tables; exits 0 (a benchmark reports, it does not judge).
"""
import json, re, sys, email, email.policy
from collections import Counter

KINDS = ["design", "patch", "cover", "ack", "objection", "review", "other"]
GIVEN = {"acked-by", "reviewed-by", "tested-by", "nacked-by"}
TRAILER_RE = re.compile(r"^(acked|reviewed|tested|nacked)-by:\s*(.*)$", re.I)


def norm_id(s):
    return s.strip().strip("<>")


def label_trailers(s):
    if s == "-":
        return set()
    out = set()
    for part in s.split(";"):
        m = re.match(r"\s*([\w-]+):.*<([^>]+)>", part)
        if m:
            out.add((m.group(1).lower(), m.group(2).lower()))
    return out


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


def score(rows, pick):
    """Per-kind precision/recall and overall accuracy for one classifier."""
    tp, fp, fn, right = Counter(), Counter(), Counter(), 0
    for r in rows:
        want, got = r["label"], pick(r)
        if want == got:
            right += 1
            tp[want] += 1
        else:
            fp[got] += 1
            fn[want] += 1
    return tp, fp, fn, right


def pct(a, b):
    return "  n/a" if b == 0 else "%5.1f" % (100.0 * a / b)


def trailer_score(rows, key):
    tp = fp = fn = 0
    for r in rows:
        want, got = r["trailers"], r[key]
        tp += len(want & got)
        fp += len(got - want)
        fn += len(want - got)
    return tp, fp, fn


def main():
    labels, rawdir, msgs = sys.argv[1], sys.argv[2], sys.argv[3]
    ours = {}
    for m in json.load(open(msgs))["messages"]:
        trs = {(t["tag"].lower(), t["email"].lower()) for t in m["trailers"]
               if t["tag"].lower() in GIVEN and not t["mismatch"]}
        ours[m["message_id"]] = (m["kind"], trs)
    rows = []
    for line in open(labels, encoding="utf-8").read().splitlines()[1:]:
        f = line.split("\t")
        mid = norm_id(f[1])
        raw = open("%s/%s" % (rawdir, f[0]), "rb").read()
        bkind, btr = baseline(raw)
        kind, trs = ours.get(mid, ("missing", set()))
        rows.append({"file": f[0], "label": f[3], "pvbot": kind,
                     "base": bkind, "trailers": label_trailers(f[6]),
                     "pvbot_tr": trs, "base_tr": btr,
                     "borderline": "BORDERLINE" in f[7]})
    strict = [r for r in rows if not r["borderline"]]
    print("messages: %d (%d borderline)" % (len(rows), len(rows) - len(strict)))
    for name, subset in (("all", rows), ("strict", strict)):
        ptp, pfp, pfn, pright = score(subset, lambda r: r["pvbot"])
        btp, bfp, bfn, bright = score(subset, lambda r: r["base"])
        print("\nkind accuracy (%s): pvbot %s%%   baseline %s%%" % (
            name, pct(pright, len(subset)), pct(bright, len(subset))))
        if name != "all":
            continue
        print("%-10s %5s | %9s %9s | %9s %9s" % (
            "kind", "n", "pvbot P", "pvbot R", "base P", "base R"))
        for k in KINDS:
            n = ptp[k] + pfn[k]
            print("%-10s %5d | %8s%% %8s%% | %8s%% %8s%%" % (
                k, n, pct(ptp[k], ptp[k] + pfp[k]), pct(ptp[k], n),
                pct(btp[k], btp[k] + bfp[k]), pct(btp[k], n)))
    for key, name in (("pvbot_tr", "pvbot"), ("base_tr", "baseline")):
        tp, fp, fn = trailer_score(rows, key)
        print("trailers %-8s precision %s%%  recall %s%%  (tp %d fp %d fn %d)"
              % (name, pct(tp, tp + fp), pct(tp, tp + fn), tp, fp, fn))
    if "-v" in sys.argv:
        print("\nmisclassified (pvbot):")
        for r in rows:
            if r["label"] != r["pvbot"] or r["trailers"] != r["pvbot_tr"]:
                print("  %s want %-9s got %-9s %s%s" % (
                    r["file"], r["label"], r["pvbot"],
                    "" if r["trailers"] == r["pvbot_tr"] else
                    "trailers %s vs %s " % (sorted(r["trailers"]),
                                           sorted(r["pvbot_tr"])),
                    "(borderline)" if r["borderline"] else ""))


main()
