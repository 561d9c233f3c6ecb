#!/usr/bin/python3
"""Replay pvbot's verdicts over real history (make bench-history).

usage: history.py points PVBOT CONF DB EXPECT.json
       history.py points-git PVBOT CONF DB EXPECT.json GIT_DIR RAW_DIR BRANCH...
       history.py proxies PVBOT CONF DB

points: for each judgement point of EXPECT.json (root, now, want or not),
run `pvbot status --all --now NOW --json` and print right or wrong, the
totals, and how many points got a false consensus (consensus where the
truth says otherwise).

points-git: the same points with a git source, scored twice: against
the truth written from the mail (expect.json), and against that truth
with every point at which git shows the version already committed turned
into "committed" (git alone decides, as history-git.py makes its truth);
each point so rewritten is printed with the commit that justifies it.

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
    """Root -> status of its newest version (v2 sent in reply to v1
    shares v1's root)."""
    best = {}
    for x in st["proposals"]:
        if x["root"] not in best or x["version"] > best[x["root"]]["version"]:
            best[x["root"]] = x
    return best


def score(p, got):
    """(right, false consensus, truth text) of one point's verdict."""
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
    return ok, bad_consensus, truth


def replay(pvbot, conf, db, pts):
    """Point index -> the proposal status gives at the point's time."""
    cache = {}
    out = []
    for p in pts:
        if p["now"] not in cache:
            cache[p["now"]] = {x["root"]: x for x in
                               status(pvbot, conf, db, p["now"])["proposals"]}
        out.append(cache[p["now"]].get(p["root"]))
    return out


def report(pts, gots, label):
    right = false_consensus = 0
    for p, got in zip(pts, gots):
        ok, bad, truth = score(p, got)
        verdict = got["verdict"] if got else "(none)"
        right += ok
        false_consensus += bad
        print("%-5s %-20s %-44s %s got %-18s %s" % (
            "right" if ok else "WRONG", p["episode"], p["root"][:44],
            p["now"], verdict, truth))
        if not ok and got:
            print("      reason: %s" % got.get("reason", ""))
    print("%s: %d/%d right, %d false consensus" %
          (label, right, len(pts), false_consensus))
    return right, false_consensus


def points(pvbot, conf, db, expect):
    with open(expect, encoding="utf-8") as f:
        pts = json.load(f)
    report(pts, replay(pvbot, conf, db, pts), "xenhist-dev")


def git_truth(gitdir, raw_dir, branches):
    """history-git.py's truth: (root, version) -> when git shows it
    committed and with which commits, and the patch mails by version."""
    import importlib.util
    # Leave the checkout as it is: no __pycache__ written for it.
    sys.dont_write_bytecode = True
    here = os.path.dirname(os.path.abspath(__file__))
    spec = importlib.util.spec_from_file_location(
        "history_git", os.path.join(here, "history-git.py"))
    hg = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(hg)
    patches = hg.mail_patches(raw_dir)
    since = min(p["date"] for p in patches) - 86400
    cs = hg.commits(gitdir, branches, int(since))
    versions, _, want = hg.truth(patches, cs)
    return versions, want


def version_of_point(p, versions):
    """The (root, version) of git's truth a point is about: the version
    one of whose patches is the point's root, else whose thread root it
    is (a cover letter)."""
    for key, ps in versions.items():
        if any(x["id"] == p["root"] for x in ps):
            return key
    fits = sorted(k for k in versions if k[0] == p["root"])
    return fits[0] if fits else None


def points_git(pvbot, conf, db, expect, gitdir, raw_dir, branches):
    with open(expect, encoding="utf-8") as f:
        pts = json.load(f)
    versions, want = git_truth(gitdir, raw_dir, branches)
    gots = replay(pvbot, conf, db, pts)
    print("-- scored against the truth written from the mail alone:")
    report(pts, gots, "xenhist-dev with git, mail-only truth")
    aware = []
    rewritten = 0
    print("-- points where git shows the version committed before them:")
    for p in pts:
        key = version_of_point(p, versions)
        t = datetime.strptime(p["now"], "%Y-%m-%dT%H:%M:%SZ").replace(
            tzinfo=timezone.utc).timestamp()
        q = dict(p)
        if key in want and want[key]["at"] <= t and \
                p.get("want") != ["committed"]:
            was = ("want " + "|".join(p["want"]) if "want" in p else
                   "not " + "|".join(p["not"]))
            q.pop("not", None)
            q["want"] = ["committed"]
            rewritten += 1
            print("rewritten %-20s %s: %s -> want committed (git: %s "
                  "committed %s)" % (
                      p["episode"], p["now"], was,
                      " ".join(c[:12] for c in want[key]["commits"]),
                      iso(want[key]["at"])))
        aware.append(q)
    if rewritten == 0:
        print("(none)")
    print("-- scored against the git-aware truth (%d points rewritten):" %
          rewritten)
    report(aware, gots, "xenhist-dev with git, git-aware truth")


def iso(t):
    return datetime.fromtimestamp(t, timezone.utc).strftime(
        "%Y-%m-%dT%H:%M:%SZ")


APPLIED = re.compile(r"\b(applied|queued|pushed|committed)\b", re.I)


def approved(x):
    """Whether a status says every approval it needs is in: an approval
    that counts, and none missing."""
    ev = (x or {}).get("evidence") or {}
    apps = [a for a in ev.get("approvals") or [] if a.get("counts", True)]
    return bool(apps) and not ev.get("approvals_missing")


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
            verdicts[(root, t)] = st.get(root)
    verdict = {k: (v["verdict"] if v else "(none)")
               for k, v in verdicts.items()}
    premature = sum(1 for k in newer if verdict.get(k) == "consensus")
    print("linux-hyperv: premature consensus %d/%d = %.1f%% (versions at "
          "consensus when a newer one came)" % (
              premature, len(newer), 100.0 * premature / max(len(newer), 1)))
    # What an applied version was just before the maintainer's reply.
    # "waiting" is split by its evidence: every approval already in (the
    # maintainer applied inside the window W, which design 5 A.2 keeps:
    # pvbot would have said consensus at its end) or approvals missing
    # (pvbot did not see an approval the maintainer relied on, or there
    # was none: the proxy's real misses).
    kinds = {}
    why = {}
    lack = {}
    for root, d in applied:
        x = verdicts.get((root, d - 1))
        v = verdict.get((root, d - 1))
        if v in ("consensus", "stale-objection", "committed"):
            k = "agreed"
        elif v == "waiting" and approved(x):
            k = "window"
        elif v in ("waiting", "needs-review"):
            k = "missing"
            lack[v] = lack.get(v, 0) + 1
        else:
            k = "other"
            why[v] = why.get(v, 0) + 1
        kinds[k] = kinds.get(k, 0) + 1
    n = max(len(applied), 1)
    miss = len(applied) - kinds.get("agreed", 0)
    print("linux-hyperv: missed approval %d/%d = %.1f%% (applied versions "
          "never at consensus before the reply), of which:" % (
              miss, len(applied), 100.0 * miss / n))
    print("linux-hyperv:   waiting with every approval in (window open) "
          "%d/%d = %.1f%%" % (kinds.get("window", 0), len(applied),
                             100.0 * kinds.get("window", 0) / n))
    print("linux-hyperv:   approvals missing %d/%d = %.1f%% (%s)" % (
        kinds.get("missing", 0), len(applied),
        100.0 * kinds.get("missing", 0) / n, ", ".join(
            "%s %d" % kv for kv in sorted(lack.items())) or "none"))
    print("linux-hyperv:   another verdict %d/%d (%s)" % (
        kinds.get("other", 0), len(applied), ", ".join(
            "%s %d" % kv for kv in sorted(why.items())) or "none"))
    # The distribution of verdicts at the end of the archive.
    last = con.execute("SELECT max(date) FROM messages").fetchone()[0]
    dist = {}
    for x in status(pvbot, conf, db, iso(last + 1))["proposals"]:
        dist[x["verdict"]] = dist.get(x["verdict"], 0) + 1
    print("linux-hyperv: %d applied and %d newer-version moments asked "
          "(BENCH_HISTORY_SAMPLE=%d; 0: all)" % (len(applied), len(newer),
                                                  limit))
    print("linux-hyperv: verdicts at the end: " + ", ".join(
        "%s %d" % kv for kv in sorted(dist.items())))


def main(argv):
    if len(argv) >= 6 and argv[1] == "points":
        points(*argv[2:6])
    elif len(argv) >= 9 and argv[1] == "points-git":
        points_git(*argv[2:8], argv[8:])
    elif len(argv) >= 5 and argv[1] == "proxies":
        proxies(*argv[2:5])
    else:
        sys.stderr.write(__doc__)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
