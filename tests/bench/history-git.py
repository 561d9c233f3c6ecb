#!/usr/bin/python3
"""Committed from the code, checked against git itself (issue 17's "Done
means"): every posted patch version that xen.git shows committed must be
`committed` from its commit date on, with the right commit ids, and no
other version may be.

The truth comes from git and the raw mails alone, not from pvbot: each
mail with a diff is a patch of (thread root, version) -- the root its
References name first, the version its subject's "vN" -- and a commit on
the branches is its commit when the commit names its Message-ID, else
when `git patch-id --stable` of the commit equals the mail's, else when
the author's address and the subject (without the [...] prefixes) are the
same and the commit came within a year.  A commit that fits several
patches goes to the newest posted before it.  A version is committed at
the date its last patch got its first commit.  pvbot is asked with
`status --all --json --now T` one second before that date, at it, and at
the end of the repository's history.

usage: history-git.py GIT_DIR RAW_DIR PVBOT CONFIG BRANCH...
"""
import email
import email.policy
import email.utils
import json
import re
import subprocess
import sys
from datetime import datetime, timezone

YEAR = 365 * 86400


def git(gitdir, *args, stdin=None):
    return subprocess.run(["git", "--git-dir=" + gitdir, *args],
                          input=stdin, capture_output=True,
                          check=True).stdout


def body_text(msg):
    """The text parts of a mail, decoded, as git am would read them."""
    out = []
    for part in msg.walk():
        if part.get_content_maintype() == "multipart":
            continue
        if part.get_content_type() not in ("text/plain", "text/x-patch",
                                           "text/x-diff"):
            continue
        raw = part.get_payload(decode=True) or b""
        out.append(raw.decode(part.get_content_charset() or "utf-8",
                              "replace"))
    return "\n".join(out)


def norm_subject(s):
    s = re.sub(r"\s+", " ", s or "").strip()
    while True:
        t = re.sub(r"^(re|fwd?):\s*", "", s, flags=re.I)
        t = re.sub(r"^\[[^\]]*\]\s*", "", t)
        if t == s:
            return s
        s = t


def version_of(subject):
    m = re.search(r"\[[^\]]*\bv(\d+)\b[^\]]*\]", subject or "", re.I)
    return int(m.group(1)) if m else 1


def mail_patches(raw_dir):
    """Every mail with a diff: id, root, version, date, author, subject."""
    import glob
    out = []
    for path in sorted(glob.glob(raw_dir + "/*.eml")):
        with open(path, "rb") as f:
            msg = email.message_from_binary_file(f, policy=email.policy.compat32)
        text = body_text(msg)
        if not re.search(r"^diff --git ", text, re.M):
            continue
        mid = (msg.get("Message-ID") or "").strip().strip("<>")
        refs = re.findall(r"<([^>]+)>", (msg.get("References") or "") +
                          " " + (msg.get("In-Reply-To") or ""))
        subject = str(email.header.make_header(email.header.decode_header(
            msg.get("Subject") or "")))
        pid = subprocess.run(["git", "patch-id", "--stable"],
                             input=text.encode(), capture_output=True,
                             check=True).stdout.split()
        out.append({
            "id": mid, "root": refs[0] if refs else mid,
            "version": version_of(subject),
            "date": email.utils.parsedate_to_datetime(
                msg.get("Date")).timestamp(),
            "author": email.utils.parseaddr(msg.get("From"))[1].lower(),
            "subject": norm_subject(subject),
            "patch_id": pid[0].decode() if pid else None})
    return out


def commits(gitdir, branches, since):
    """Commits on the branches since a date: id, date, author, subject,
    message, patch-id."""
    log = git(gitdir, "log", "--no-merges", "--since=@%d" % since,
              "--format=%H%x00%ct%x00%ae%x00%s%x00%B%x01", *branches)
    out = {}
    for rec in log.decode("utf-8", "replace").split("\x01"):
        f = rec.strip("\n").split("\x00")
        if len(f) < 5:
            continue
        out[f[0]] = {"id": f[0], "date": int(f[1]), "author": f[2].lower(),
                     "subject": norm_subject(f[3]), "message": f[4],
                     "patch_id": None}
    text = git(gitdir, "log", "--no-merges", "-p", "--full-index",
               "--since=@%d" % since, "--format=commit %H", *branches)
    pids = subprocess.run(["git", "patch-id", "--stable"], input=text,
                          capture_output=True, check=True).stdout
    for line in pids.decode().splitlines():
        pid, cid = line.split()
        if cid in out:
            out[cid]["patch_id"] = pid
    return out


def truth(patches, cs):
    """Each commit to the patch it applied (newest fitting patch), then
    each (root, version) committed: when, with which commits."""
    by_patch = {}
    for c in sorted(cs.values(), key=lambda c: (c["date"], c["id"])):
        fits = [p for p in patches if p["id"] and p["id"] in c["message"]]
        if not fits:
            fits = [p for p in patches if p["patch_id"] and
                    p["patch_id"] == c["patch_id"]]
        if not fits:
            fits = [p for p in patches if p["author"] == c["author"] and
                    p["subject"] == c["subject"] and
                    p["date"] <= c["date"] < p["date"] + YEAR]
        fits = [p for p in fits if p["date"] <= c["date"] + 86400]
        if fits:
            p = max(fits, key=lambda p: (p["date"], p["id"]))
            by_patch.setdefault(p["id"], []).append(c)
    versions = {}
    for p in patches:
        versions.setdefault((p["root"], p["version"]), []).append(p)
    out = {}
    for key, ps in versions.items():
        if all(p["id"] in by_patch for p in ps):
            out[key] = {
                "at": max(min(c["date"] for c in by_patch[p["id"]])
                          for p in ps),
                "commits": sorted(c["id"] for p in ps
                                  for c in by_patch[p["id"]])}
    return versions, by_patch, out


def iso(t):
    return datetime.fromtimestamp(t, timezone.utc).strftime(
        "%Y-%m-%dT%H:%M:%SZ")


WRONG = set()


def status(pvbot, conf, t, want):
    """The versions at t, (committed, commit ids) each; a version
    committed that git does not show committed by t is noted in WRONG."""
    out = subprocess.run([pvbot, "-c", conf, "status", "--all", "--json",
                          "--now", iso(t)], capture_output=True, check=True)
    got = {}
    for p in json.loads(out.stdout)["proposals"]:
        key = (p["root"], p["version"])
        committed = p["verdict"] == "committed"
        ids = sorted(c["id"] for c in p.get("commits", []))
        # Two proposals of one root and version (a cover and its patches
        # sent by different people) are one version here.
        old = got.get(key, (False, []))
        got[key] = (committed or old[0], sorted(set(ids) | set(old[1])))
        if committed and (key not in want or want[key]["at"] > t):
            WRONG.add((key, iso(t)))
    return got


def main():
    gitdir, raw_dir, pvbot, conf = sys.argv[1:5]
    branches = sys.argv[5:]
    patches = mail_patches(raw_dir)
    since = min(p["date"] for p in patches) - 86400
    cs = commits(gitdir, branches, int(since))
    versions, by_patch, want = truth(patches, cs)
    end = int(git(gitdir, "log", "-1", "--format=%ct", *branches)) + 86400
    print("%d patch mails in %d versions; %d commits on %s since %s; "
          "git shows %d versions committed" % (
              len(patches), len(versions), len(cs), " ".join(branches),
              iso(since)[:10], len(want)))
    right = 0
    for key in sorted(want, key=lambda k: want[k]["at"]):
        w = want[key]
        before = status(pvbot, conf, w["at"] - 1, want).get(key, (False, []))
        at = status(pvbot, conf, w["at"], want).get(key, (False, []))
        ok = not before[0] and at[0] and at[1] == w["commits"]
        right += ok
        print("  %s %s v%d committed %s as %s: before %s, at %s%s" % (
            "ok  " if ok else "FAIL", key[0], key[1], iso(w["at"]),
            " ".join(c[:12] for c in w["commits"]),
            "committed" if before[0] else "not committed",
            "committed" if at[0] else "not committed",
            "" if at[1] == w["commits"] else
            " (pvbot names %s)" % " ".join(c[:12] for c in at[1])))
    # The corpus's own judgement points: nothing committed early there.
    try:
        with open(raw_dir.rstrip("/") + "/../expect.json") as f:
            points = sorted({p["now"] for p in json.load(f)})
    except OSError:
        points = []
    for t in points:
        status(pvbot, conf, datetime.strptime(
            t, "%Y-%m-%dT%H:%M:%SZ").replace(
                tzinfo=timezone.utc).timestamp(), want)
    last = status(pvbot, conf, end, want)
    extra = sorted(WRONG)
    missed = sorted(k for k in want if not last.get(k, (False,))[0])
    for k, t in extra:
        print("  FAIL %s v%d is committed at %s, before git shows a commit"
              " of each of its patches" % (k[0], k[1], t))
    for k in missed:
        print("  FAIL %s v%d is not committed at %s" % (k[0], k[1],
                                                        iso(end)))
    part = sorted(k for k in versions if k not in want and
                  any(p["id"] in by_patch for p in versions[k]))
    for k in part:
        print("  (partly: %s v%d, %d of %d patches committed)" % (
            k[0], k[1], sum(p["id"] in by_patch for p in versions[k]),
            len(versions[k])))
    print("versions git shows committed that pvbot says committed from "
          "their commit date, with their commits: %d of %d; still "
          "committed at %s: %d of %d; committed (at a date asked) "
          "without git's commits: %d"
          % (right, len(want), iso(end), len(want) - len(missed),
             len(want), len(extra)))
    return 0 if right == len(want) and not missed and not extra else 1


if __name__ == "__main__":
    sys.exit(main())
