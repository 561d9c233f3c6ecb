#!/usr/bin/python3
"""Replay pvbot's verdicts over real history (make bench-history).

usage: history.py points PVBOT CONF DB EXPECT.json
       history.py proxies PVBOT CONF DB

points: for each judgement point of EXPECT.json (root, now, want or not),
run `pvbot status --all --now NOW --json` and print right or wrong, the
totals, and how many points got a false consensus (consensus where the
truth says otherwise).

proxies: over a whole archive, two rates: premature consensus (a version
whose verdict was consensus just before its author posted a newer version)
and missed approval (a version that a maintainer applied -- an "Applied"
or "queued" reply -- that pvbot never called consensus before the reply).
Prints; exits 0.
"""
import json
import os
import random
import re
import sqlite3
import subprocess
import sys
from datetime import datetime, timezone


def status(pvbot, conf, db, now):
    out = subprocess.run([pvbot, "-c", conf, "-d", db, "status", "--all",
                          "--now", now, "--json"], check=True,
                         stdout=subprocess.PIPE).stdout
    return json.loads(out)


def newest(st):
    """Root -> verdict of its newest version (v2 sent in reply to v1
    shares v1's root)."""
    best = {}
    for x in st["proposals"]:
        if x["root"] not in best or x["version"] > best[x["root"]][0]:
            best[x["root"]] = (x["version"], x["verdict"])
    return {k: v[1] for k, v in best.items()}


def points(pvbot, conf, db, expect):
    with open(expect, encoding="utf-8") as f:
        pts = json.load(f)
    cache = {}
    right = false_consensus = 0
    for p in pts:
        if p["now"] not in cache:
            cache[p["now"]] = {x["root"]: x for x in
                               status(pvbot, conf, db, p["now"])["proposals"]}
        got = cache[p["now"]].get(p["root"])
        verdict = got["verdict"] if got else "(none)"
        if "want" in p:
            ok = verdict in p["want"]
            truth = "want " + "|".join(p["want"])
            bad_consensus = verdict == "consensus" and \
                "consensus" not in p["want"]
        else:
            # No proposal at all is not a verdict: wrong either way.
            ok = got is not None and verdict not in p["not"]
            truth = "not " + "|".join(p["not"])
            bad_consensus = verdict == "consensus" and "consensus" in p["not"]
        right += ok
        false_consensus += bad_consensus
        print("%-5s %-20s %-44s %s got %-18s %s" % (
            "right" if ok else "WRONG", p["episode"], p["root"][:44],
            p["now"], verdict, truth))
        if not ok and got:
            print("      reason: %s" % got.get("reason", ""))
    print("xenhist-dev: %d/%d right, %d false consensus" %
          (right, len(pts), false_consensus))


def iso(t):
    return datetime.fromtimestamp(t, timezone.utc).strftime(
        "%Y-%m-%dT%H:%M:%SZ")


APPLIED = re.compile(r"\b(applied|queued|pushed|committed)\b", re.I)


def proxies(pvbot, conf, db):
    con = sqlite3.connect(db)
    # Versions of each series: (series, version, date, root, author).
    rows = con.execute(
        "SELECT p.series, p.version, p.first_date, t.root, p.author"
        " FROM postings p JOIN threads t ON t.id = p.thread"
        " ORDER BY p.series, p.first_date, p.version").fetchall()
    series = {}
    for s, v, d, root, author in rows:
        series.setdefault(s, []).append((v, d, root, author))
    # Moments to ask: just before each newer version.  A status run
    # reads the whole archive, so a deterministic sample of at most
    # BENCH_HISTORY_SAMPLE of each kind (0: all) keeps it to minutes.
    limit = int(os.environ.get("BENCH_HISTORY_SAMPLE", "150"))
    newer = sorted((vs[i][2], vs[i + 1][1] - 1) for vs in series.values()
                   for i in range(len(vs) - 1) if vs[i + 1][1] > vs[i][1])
    # Applied replies: classify's flag (0x008), on a thread's root.
    applied = {}
    for date, thread in con.execute(
            "SELECT m.date, m.thread FROM messages m"
            " WHERE (m.c_flags & 8) != 0 AND m.present ORDER BY m.date"):
        root = con.execute("SELECT root FROM threads WHERE id = ?",
                           (thread,)).fetchone()
        if root and root[0]:
            applied.setdefault(root[0], date)
    applied = sorted(applied.items())
    rng = random.Random(15)
    if limit > 0 and len(newer) > limit:
        newer = sorted(rng.sample(newer, limit))
    if limit > 0 and len(applied) > limit:
        applied = sorted(rng.sample(applied, limit))
    asks = {}
    for root, t in newer:
        asks.setdefault(t, []).append(root)
    for root, date in applied:
        asks.setdefault(date - 1, []).append(root)
    verdicts = {}
    for t in sorted(asks):
        st = newest(status(pvbot, conf, db, iso(t)))
        for root in asks[t]:
            verdicts[(root, t)] = st.get(root, "(none)")
    premature = sum(1 for k in newer if verdicts.get(k) == "consensus")
    missed = sum(1 for root, d in applied
                 if verdicts.get((root, d - 1)) not in
                 ("consensus", "stale-objection", "committed"))
    print("linux-hyperv: premature consensus %d/%d = %.1f%% (versions at "
          "consensus when a newer one came)" % (
              premature, len(newer), 100.0 * premature / max(len(newer), 1)))
    print("linux-hyperv: missed approval %d/%d = %.1f%% (applied versions "
          "never at consensus before the reply)" % (
              missed, len(applied), 100.0 * missed / max(len(applied), 1)))
    # What the missed ones were instead ("waiting": applied inside the
    # window, approvals in).
    why = {}
    for root, d in applied:
        v = verdicts.get((root, d - 1))
        if v not in ("consensus", "stale-objection", "committed"):
            why[v] = why.get(v, 0) + 1
    print("linux-hyperv: missed approvals were: " + ", ".join(
        "%s %d" % kv for kv in sorted(why.items())))
    # The distribution of verdicts at the end of the archive.
    last = con.execute("SELECT max(date) FROM messages").fetchone()[0]
    dist = {}
    for x in status(pvbot, conf, db, iso(last + 1))["proposals"]:
        dist[x["verdict"]] = dist.get(x["verdict"], 0) + 1
    print("linux-hyperv: verdicts at the end: " + ", ".join(
        "%s %d" % kv for kv in sorted(dist.items())))


def main(argv):
    if len(argv) >= 6 and argv[1] == "points":
        points(*argv[2:6])
    elif len(argv) >= 5 and argv[1] == "proxies":
        proxies(*argv[2:5])
    else:
        sys.stderr.write(__doc__)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
