#!/bin/sh
# Pull requests are not proposals for consensus: they ask a maintainer to
# merge work reviewed elsewhere.  status leaves them out; series shows
# them as pull requests, with what they pull (issue 18, item 9).
. "$TOP_SRCDIR/tests/lib.sh"

command -v sqlite3 >/dev/null 2>&1 || require "sqlite3 (for json_query)"

ANN="Ann Maintainer <ann@example.org>"
gen_message "$W/1" pull1@x "[GIT PULL] Hyper-V fixes for 7.1-rc2" \
	"Mon, 2 Nov 2026 10:00:00 +0000" "$ANN" "" \
"Hi Linus,

The following changes since commit 9e98c678c2d6ae3a17cb2de55d17f69dddaa231b:

  Linux 7.1-rc1 (2026-10-25 14:22:26 -0700)

are available in the Git repository at:

  git://git.example.org/pub/scm/linux/kernel/git/hv/linux.git tags/hv-fixes-signed

for you to fetch changes up to a3fb7bf369efa296c1fc68aead1b6fb3c735573b:

  drivers: hv: fix a leak (2026-11-01 15:41:40 -0400)

----------------------------------------------------------------
Ann Maintainer (2):
      drivers: hv: fix a leak
      drivers: hv: fix another

 drivers/hv/vmbus_drv.c | 2 ++
 1 file changed, 2 insertions(+)"
patch() {
	printf 'A fix.\n\nSigned-off-by: Ann <ann@example.org>\n---\n'
	printf 'diff --git a/%s b/%s\n--- a/%s\n+++ b/%s\n' "$1" "$1" "$1" "$1"
	printf '@@ -1,2 +1,3 @@\n a\n+b\n a\n'
}
gen_message "$W/2" q0@x "[PULL 0/2] Xen queue" \
	"Tue, 3 Nov 2026 10:00:00 +0000" "$ANN" "" \
"The following changes since commit 0123456789abcdef0123456789abcdef01234567:

  Merge tag 'x' into staging (2026-10-01)

are available in the Git repository at:

  https://gitlab.example.com/ann/qemu.git tags/pull-xen-20261103

for you to fetch changes up to fedcba9876543210fedcba9876543210fedcba98:

  xen: two (2026-11-02)"
gen_message "$W/3" q1@x "[PULL 1/2] xen: one" "Tue, 3 Nov 2026 10:00:01 +0000" \
	"$ANN" q0@x "$(patch hw/xen/xen-bus.c)"
gen_message "$W/4" q2@x "[PULL 2/2] xen: two" "Tue, 3 Nov 2026 10:00:02 +0000" \
	"$ANN" q0@x "$(patch hw/xen/xen-bus.c)"
gen_message "$W/5" p@x "[PATCH] xen: a proposal" \
	"Wed, 4 Nov 2026 10:00:00 +0000" "$ANN" "" "$(patch hw/xen/xen-bus.c)"
mbox_append "$W/a.mbox" "$W/1" "$W/2" "$W/3" "$W/4" "$W/5"
pv import --list xen-devel "$W/a.mbox" >/dev/null 2>&1

pv status --json --all --now 2026-11-20 >"$W/st.json" 2>/dev/null
is "status: the patch is the only proposal" \
	"$(json_query "$W/st.json" "(SELECT group_concat(json_extract(value,
	    '\$.root'), ' ') FROM json_each(j, '\$.proposals'))")" p@x
pv series >"$W/series" 2>&1
like "series: a pull request" "$(cat "$W/series")" \
	"^  v1 +2026-11-02 pull request"
like "series: what it pulls" "$(cat "$W/series")" \
	"^       pulls tags/hv-fixes-signed, up to a3fb7bf369ef \(2 commits\)\$"
like "series: from where" "$(cat "$W/series")" \
	"^       from git://git.example.org/pub/scm/linux/kernel/git/hv/linux.git\$"
like "series: QEMU's [PULL 0/2] too" "$(cat "$W/series")" \
	"^       pulls tags/pull-xen-20261103, up to fedcba987654\$"
pv series --json >"$W/series.json"
is "series --json: the pull's repository" "$(json_query "$W/series.json" \
	"(SELECT json_extract(v.value, '\$.pull.url') || ' ' ||
	  json_extract(v.value, '\$.pull.commits')
	  FROM json_each(j, '\$.series') s, json_each(s.value, '\$.versions') v
	  WHERE json_extract(v.value, '\$.cover') IS NULL AND
	  json_extract(v.value, '\$.pull') IS NOT NULL)")" \
	"git://git.example.org/pub/scm/linux/kernel/git/hv/linux.git 2"
is "series --json: a patch has no pull" "$(json_query "$W/series.json" \
	"(SELECT count(*) FROM json_each(j, '\$.series') s,
	  json_each(s.value, '\$.versions') v
	  WHERE json_extract(v.value, '\$.pull') IS NULL)")" 1
plan_end
