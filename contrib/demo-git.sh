# The quick-start demo's git part, read by contrib/demo.sh (which sets
# top, pv and now, and works in the demo directory).
#
# Committed, from the code itself.  The demo makes a git repository,
# demo/linux: a base commit with the files the pvcalls v2 series changes
# (contrib/sample/linux/), then Arjun Mehta, a committer, applies the
# series' three patch mails from the sample archive with git am on
# 2026-11-19, two days after its consensus.  A git source in the config
# reads the repository; pvbot matches each commit to the patch it
# applied, by patch-id, or by author and subject when the diff in the
# tree differs from the mail's (the sample's 2/3 and 3/3 were written by
# hand).  Plain git, with no one's git configuration.
echo
echo "== git: a repository made here, pvcalls v2 applied with git am"
export GIT_CONFIG_GLOBAL=/dev/null GIT_CONFIG_NOSYSTEM=1
export GIT_COMMITTER_NAME="Arjun Mehta"
export GIT_COMMITTER_EMAIL=arjun.mehta@example.com
rm -rf linux mail
git init -q -b master linux
cp -R "$top/contrib/sample/linux/." linux/
git -C linux add -A
GIT_AUTHOR_NAME=$GIT_COMMITTER_NAME GIT_AUTHOR_EMAIL=$GIT_COMMITTER_EMAIL \
    GIT_AUTHOR_DATE=2026-10-01T09:00:00Z GIT_COMMITTER_DATE=2026-10-01T09:00:00Z \
    git -C linux commit -qm "Base for the pvbot demo"
# The archive split into one file per mail; the series' patches by subject.
mkdir mail
awk '/^From mboxrd@z /{ n++ } { print > sprintf("mail/%03d", n) }' \
    "$top/contrib/sample/xen-devel.mbox"
(cd linux && GIT_COMMITTER_DATE=2026-11-19T10:00:00Z git am -q \
    --patch-format=mboxrd $(grep -l '^Subject: \[PATCH v2 [1-3]/3\]' ../mail/*))
git -C linux log --format='%h %cs %an: %s' -4
cat >>pvbot.conf <<CONF
source linux
	repository linux
	branches master
	lists xen-devel
	commit-url https://git.example.org/linux.git/commit/?id=%s
CONF
echo
echo "== pvbot poll --once   (the git source: new commits, matched to patches)"
pv poll --once
echo
echo "== pvbot commits"
pv commits
echo
echo "== pvbot status --now $now --all --protocol pvcalls   (v2 is committed)"
pv status --now $now --all --protocol pvcalls
