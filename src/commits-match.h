/*
 * What a commit says about the mail it came from: the Message-IDs it
 * names (b4's and the kernel's "Link:" forms, "Message-Id:") and its
 * subject in the form the store keeps for mail.  Pure.
 */
#ifndef COMMITS_MATCH_H
#define COMMITS_MATCH_H

#include <stddef.h>
#include <time.h>

#include "patchid.h"

/* How a commit was matched to a posted patch, best first. */
#define COMMITS_BY_LINK		"message-id"
#define COMMITS_BY_PATCHID	"patch-id"
#define COMMITS_BY_SUBJECT	"subject"

/*
 * The Message-IDs (without brackets) a commit message names on lines
 * "Link: https://lore.kernel.org/r/ID", "Link: https://patch.msgid.link/ID",
 * "Link: https://lore.kernel.org/LIST/ID/", "Link: <ID>" and
 * "Message-Id: <ID>", each once, in order.  Returns the count; *out is a
 * new array of new strings (NULL when none).
 */
size_t	commits_match_links(const char *, char *** /* OUT */);
void	commits_match_links_free(char **, size_t);
/*
 * A commit's subject normalized as a posted patch's subject is ("[PATCH
 * v3 2/5] x: y" and the commit "x: y" give the same string); caller frees.
 */
char	*commits_match_subject(const char *);
/*
 * A commit's web page from a source's commit-url template (its one "%s"
 * is the commit id), or NULL without a template; caller frees.
 */
char	*commits_match_url(const char *, const char *);

/*
 * The patch-id of a stored mail's diff (raw bytes, its envelope date):
 * 0, or -1 when it does not parse or holds no diff.
 */
int	commits_match_raw_patch_id(const char *, size_t, time_t,
	    char [PATCHID_HEX] /* OUT */);

#endif
