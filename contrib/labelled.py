"""The hand-labelled corpus (../shared/corpus/labelled): labels, lists,
and a split into folds by thread, shared by the accuracy benchmark and the
model trainer.

A thread is every message connected through Message-ID, In-Reply-To and
References (as the raw files give them, whether or not the parent is in
the corpus); its fold is a hash of its smallest Message-ID, so the split
never depends on file names or on the order of the corpus.
"""
import email
import hashlib
import os
import re

KINDS = ["design", "patch", "cover", "ack", "objection", "review", "other"]
LISTS = ["xen-devel", "qemu-devel", "lkml", "other"]
_IDS = re.compile(r"<([^<>\s]+)>")


def norm_id(s):
    return s.strip().strip("<>")


def label_trailers(s):
    """Given-trailers of a label as a set of (tag, address)."""
    if s == "-":
        return set()
    out = set()
    for part in s.split(";"):
        m = re.match(r"\s*([\w-]+):.*<([^>]+)>", part)
        if m:
            out.add((m.group(1).lower(), m.group(2).lower()))
    return out


def _lists(labdir):
    """File -> list, the README's four groups."""
    out = {}
    path = os.path.join(labdir, "SOURCES.tsv")
    if not os.path.exists(path):
        return out
    for line in open(path, encoding="utf-8").read().splitlines()[1:]:
        f = line.split("\t")
        out[f[0]] = f[4] if f[4] in LISTS else "other"
    return out


class _Union:
    def __init__(self):
        self.up = {}

    def find(self, x):
        self.up.setdefault(x, x)
        while self.up[x] != x:
            self.up[x] = self.up[self.up[x]]
            x = self.up[x]
        return x

    def join(self, a, b):
        a, b = self.find(a), self.find(b)
        if a != b:
            self.up[max(a, b)] = min(a, b)


def load(labdir, k=5):
    """Rows of the corpus: dicts with file, id, label, trailers, notes,
    borderline, list, thread and fold (0..k-1)."""
    lists = _lists(labdir)
    u = _Union()
    rows = []
    lines = open(os.path.join(labdir, "labels.tsv"),
                 encoding="utf-8").read().splitlines()[1:]
    for line in lines:
        f = line.split("\t")
        raw = open(os.path.join(labdir, "raw", f[0]), "rb").read()
        head = email.message_from_bytes(raw.split(b"\n\n", 1)[0] + b"\n\n")
        mid = norm_id(f[1]).lower()
        u.find(mid)
        for h in ("References", "In-Reply-To"):
            for v in head.get_all(h) or []:
                for r in _IDS.findall(str(v)):
                    u.join(mid, r.lower())
        rows.append({"file": f[0], "id": norm_id(f[1]), "label": f[3],
                     "trailers": label_trailers(f[6]),
                     "borderline": "BORDERLINE" in f[7],
                     "list": lists.get(f[0], "other")})
    for r in rows:
        r["thread"] = u.find(r["id"].lower())
        h = hashlib.sha1(r["thread"].encode("utf-8")).hexdigest()
        r["fold"] = int(h, 16) % k
    return rows


def write_without_fold(labdir, k, out):
    """labels.tsv without fold k's messages: the training set of the
    grouped k-fold figure for fold k."""
    lines = open(os.path.join(labdir, "labels.tsv"),
                 encoding="utf-8").read().splitlines()
    rows = load(labdir)
    out.write(lines[0] + "\n")
    for line, r in zip(lines[1:], rows):
        if r["fold"] != k:
            out.write(line + "\n")


if __name__ == "__main__":
    import sys
    # labelled.py LABDIR --without-fold K: labels.tsv less fold K.
    if len(sys.argv) != 4 or sys.argv[2] != "--without-fold":
        sys.exit("usage: labelled.py LABDIR --without-fold K")
    write_without_fold(sys.argv[1], int(sys.argv[3]), sys.stdout)
