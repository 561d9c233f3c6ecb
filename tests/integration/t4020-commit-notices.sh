#!/bin/sh
# Commit notices in mail (issue 15, commits-notice.h): a GitLab pipeline
# mail quoted in a reply in another thread says the patch was committed
# to staging; pvbot links it to the posted patch by its cut title and
# author, says `committed` with the notice as evidence, lists it in
# `pvbot commits`, and later mail does not reopen it.  A notice for a
# branch that does not mean committed, or for another author, claims
# nothing.
. "$TOP_SRCDIR/tests/lib.sh"

command -v sqlite3 >/dev/null 2>&1 || require "sqlite3 (for json_query)"

cat >"$W/MAINTAINERS" <<'EOF2'
PUBLIC I/O INTERFACES AND PV DRIVERS DESIGNS
M:	Carla Czar <carla.czar@example.org>
S:	Supported
F:	xen/include/public/io/

THE REST
M:	Rex Committer <rex.committer@example.org>
S:	Supported
F:	*
F:	*/
EOF2
printf 'maintainers %s\n' "$W/MAINTAINERS" >"$W/pvbot.conf"
pv() { "$PVBOT" -c "$W/pvbot.conf" -d "$DB" "$@"; }

ROSA="Rosa Pérez <rosa@example.org>"
CARLA="Carla Czar <carla.czar@example.org>"
REX="Rex Committer <rex.committer@example.org>"
BOB="Bob Reviewer <bob@example.net>"
HDR=xen/include/public/io/pvcalls.h
TITLE="pvcalls: reconcile the ring specification with the implementations"
MB=$W/a.mbox; M=$W/m; mkdir -p "$M"; : >"$MB"
msg() { gen_message "$M/$1" "$1" "$2" "$3" "$4" "$5" "$6"; mbox_append "$MB" "$M/$1"; }
patch_body() {
	printf 'Make the text say what the code does.\n\nSigned-off-by: %s\n---\n' "$ROSA"
	printf 'diff --git a/%s b/%s\n--- a/%s\n+++ b/%s\n' "$1" "$1" "$1" "$1"
	printf '@@ -1,3 +1,4 @@\n ctx\n+%s\n ctx\n ctx\n' "$2"
}
# A GitLab pipeline mail, quoted (COMMIT AUTHOR BRANCH TITLE).
quoted_notice() {
	printf 'On 04.11.2026 11:52, GitLab wrote:\n> \n> Pipeline #42 has failed!\n> \n'
	printf '> Project: xen ( https://gitlab.example/xen )\n'
	printf '> Branch: %s ( https://gitlab.example/xen/-/commits/%s )\n> \n' "$3" "$3"
	printf '> Commit: %.8s ( https://gitlab.example/xen/-/commit/%s )\n' "$1" "$1"
	printf '> Commit Message: %s\n> Commit Author: %s\n' "$4" "$2"
	printf '> Committed by: Rex Committer ( https://gitlab.example/rex )\n> \n'
	printf '\nThe clang jobs fail on an unrelated change; looking.\n\nRex\n'
}
SHA=0a1b2c3d4e5f60718293a4b5c6d7e8f901234567
OTHER=1111111111222222222233333333334444444444
CUT="pvcalls: reconcile the ring specification with t..."

msg v1@r "[PATCH] $TITLE" "Mon, 26 Oct 2026 10:00:00 +0000" "$ROSA" "" \
	"$(patch_body $HDR one)"
msg v2@r "[PATCH v2] $TITLE" "Mon, 2 Nov 2026 10:00:00 +0000" "$ROSA" v1@r \
	"$(patch_body $HDR two)"
msg cz@r "Re: [PATCH v2] $TITLE" "Tue, 3 Nov 2026 10:00:00 +0000" "$CARLA" \
	v2@r "Reviewed-by: $CARLA"
msg q@other "[PATCH] tools: quiet the frobnicator" \
	"Mon, 2 Nov 2026 11:00:00 +0000" "$ROSA" "" \
	"$(patch_body tools/frob.c quiet)"
# The notice: the GitLab mail itself is not in the archive, only a reply.
msg gl@n "Re: xen | Failed pipeline for staging | 0a1b2c3d" \
	"Wed, 4 Nov 2026 12:30:00 +0100" "$REX" gitlab-notice@gitlab.example \
	"$(quoted_notice $SHA "Rosa Perez" staging "$CUT")"
# Two that claim nothing: a feature branch, and another author.
msg gl2@n "Re: xen | Failed pipeline for feature/frob | 11111111" \
	"Wed, 4 Nov 2026 13:30:00 +0100" "$REX" gitlab-notice2@gitlab.example \
	"$(quoted_notice $OTHER "Rosa Perez" feature/frob \
	"tools: quiet the frobnicator")"
msg gl3@n "Re: xen | Failed pipeline for staging | 22222222" \
	"Wed, 4 Nov 2026 14:30:00 +0100" "$REX" gitlab-notice3@gitlab.example \
	"$(quoted_notice 2222222222333333333344444444445555555555 \
	"Bob Reviewer" staging "tools: quiet the frobnicator")"
# A notice quoted in a reply whose text part is in base64 counts too.
MAN="tools: add the frobnicator's manual page"
msg man@r "[PATCH] $MAN" "Mon, 2 Nov 2026 12:00:00 +0000" "$ROSA" "" \
	"$(patch_body docs/man/frob.1 manual)"
{
	printf 'From: %s\nTo: xen-devel@lists.xenproject.org\n' "$REX"
	printf 'Subject: Re: xen | Failed pipeline for staging | 33333333\n'
	printf 'Date: Wed, 4 Nov 2026 15:30:00 +0100\n'
	printf 'Message-ID: <gl4@n>\nIn-Reply-To: <gitlab-notice4@gitlab.example>\n'
	printf 'MIME-Version: 1.0\nContent-Type: text/plain; charset=utf-8\n'
	printf 'Content-Transfer-Encoding: base64\n\n'
	quoted_notice 3333333333444444444455555555556666666666 "Rosa Perez" \
	    staging "$MAN" | base64
} >"$M/gl4@n"
mbox_append "$MB" "$M/gl4@n"
# After the commit: a remark that would otherwise be an objection.
msg late@r "Re: [PATCH v2] $TITLE" "Thu, 12 Nov 2026 10:00:00 +0000" "$BOB" \
	v2@r "I don't think we want this; it cannot go in as it is."

check "import" pv import --list xen-devel "$MB"
at() { pv status --json --all --now "$1" >"$W/st.json" 2>"$W/st.err"; }
get() {
	json_query "$W/st.json" "(SELECT json_extract(value, '\$.$2')
	    FROM json_each(j, '\$.proposals')
	    WHERE json_extract(value, '\$.root') = '$1'
	    AND json_extract(value, '\$.version') = ${3:-1})"
}

at 2026-11-04T10:40:00Z
is "before the notice: waiting" "$(get v1@r verdict 2)" waiting
# 11:52 at +0100 (the reply's zone) is 10:52 UTC, before the reply's 11:30.
at 2026-11-04T11:00:00Z
is "after the notice's own time: committed" "$(get v1@r verdict 2)" committed
like "the reason names the commit and the notice" "$(get v1@r reason 2)" \
	"committed 2026-11-04 as 0a1b2c3d4e5f \\(notice in <gl@n>\\)"
is "evidence: the notice" "$(get v1@r evidence.committed.notice 2)" gl@n
is "evidence: the commit" "$(get v1@r 'evidence.committed.commits[0]' 2)" \
	0a1b2c3d4e5f
is "the commit, matched by notice" "$(get v1@r 'commits[0].how' 2)" notice
is "v1 is superseded, not committed" "$(get v1@r verdict 1)" superseded
at 2026-11-20T00:00:00Z
is "a later remark does not reopen it" "$(get v1@r verdict 2)" committed
like "show gives the evidence line" \
	"$(pv show --now 2026-11-20T00:00:00Z v1@r 2>&1)" \
	"committed: 0a1b2c3d4e5f \\(notice in <gl@n>\\), 2026-11-04"
is "a notice in a base64 text part counts" "$(get man@r verdict 1)" committed
isnt_committed=$(get q@other verdict 1)
like "a feature branch or another author's notice claims nothing" \
	"$isnt_committed" "^(waiting|needs-review|changes-requested|objected)$"
pv commits --json >"$W/c.json"
is "pvbot commits lists the notices" "$(json_query "$W/c.json" \
	"(SELECT group_concat(json_extract(value, '\$.how') || ' ' ||
	json_extract(value, '\$.source'), ';') FROM json_each(j, '\$.commits'))")" \
	"notice mail <gl@n>;notice mail <gl4@n>"
# Mail imported again brings nothing new and matches nothing anew;
# reclassify reads every mail again, and -v store says what it found.
pv -v store import --list xen-devel "$MB" >/dev/null 2>"$W/v0.err"
is "an import with no new mail matches no notice anew" \
	"$(grep -c 'claims no patch\|applied message' "$W/v0.err")" 0
pv -v store reclassify >/dev/null 2>"$W/v.err"
like "-v store says why a notice claims nothing" "$(cat "$W/v.err")" \
	"claims no patch: (its branch does not mean committed|no posted patch)"
# commit-branches in policy.conf: the feature branch counts now.
printf 'commit-branches staging,feature/*\n' >"$W/policy.conf"
printf 'maintainers %s\npolicy %s\n' "$W/MAINTAINERS" "$W/policy.conf" \
	>"$W/pvbot.conf"
check "reclassify with the new policy" pv reclassify
at 2026-11-20T00:00:00Z
is "a branch policy.conf names counts" "$(get q@other verdict 1)" committed
plan_end
