/*
 * Patch-ids: what `git patch-id --stable` computes from a patch's text,
 * so that a patch posted by mail and the commit that applied it can be
 * recognised as the same change.  Pure.
 */
#ifndef PATCHID_H
#define PATCHID_H

#include <stddef.h>

/* A patch-id in hex, with its NUL. */
#define PATCHID_HEX	41

/*
 * The stable patch-id of the unified diffs in text[0..len) (a mail body
 * from its first "diff --git" line, or a commit's patch): each file's
 * lines hashed with git's whitespace (space, tab, CR, LF) and the hunk
 * line numbers removed, "index" and "\ No newline" lines skipped, and
 * the files' hashes summed so that their order does not count: as git
 * 2.39 does it, "similarity index" lines of renames included (a commit's
 * diff estimates them as git does: commits-similar.h).  Returns 0 with
 * hex[] set, or -1 when text holds no diff.
 */
int	patchid_text(const char *, size_t, char [PATCHID_HEX] /* OUT */);

#endif
