/*
 * Who the sender of a message is to the thread it answers: the proposer
 * answering, or the author of the patch it quotes.  Known from the store
 * (the thread's proposer, a pulled patch's author), or, when the thread
 * is not stored, from the Message-IDs git send-email wrote and from the
 * patch the reply quotes.  Split from classify.c, which decides what the
 * answer means.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "classify.h"
#include "classify-int.h"
#include "message.h"
#include "quote-author.h"
#include "rules.h"

/*
 * Whether a Message-ID is one git format-patch --thread made for this
 * sender: "<cover.1587531463.git.user@example.org>" for the cover, and
 * "<9873b8bd...eb.1587531463.git.user@example.org>" (the commit) for a
 * patch: word.time.git.address.
 */
static int
classify_id_format_patch(const char *id, const char *email)
{
	static const char	 git[] = ".git.";
	size_t			 ilen = strlen(id), elen = strlen(email);
	size_t			 glen = sizeof git - 1, plen, n;

	if (elen == 0 || ilen < elen + glen + 3 ||
	    strcasecmp(id + ilen - elen, email) != 0 ||
	    strncmp(id + ilen - elen - glen, git, glen) != 0)
		return (0);
	plen = ilen - elen - glen;	/* word.time */
	if (strncmp(id, "cover.", 6) == 0)
		n = 6;
	else if ((n = strspn(id, "0123456789abcdef")) < 7 || id[n++] != '.')
		return (0);
	return (n < plen && strspn(id + n, "0123456789") == plen - n);
}

/*
 * Whether a Message-ID is one git made for this sender: send-email's
 * "<20231019091520.14540-1-user@example.org>", time.pid-n-address, or
 * before git 2.11, "<1694266319-32287-1-git-send-email-user@example.org>";
 * or format-patch's (above).
 */
static int
classify_id_names(const char *id, const char *email)
{
	static const char	 old[] = "-git-send-email-";
	size_t			 ilen = strlen(id), elen = strlen(email);
	size_t			 olen = sizeof old - 1, plen;

	if (classify_id_format_patch(id, email))
		return (1);
	if (elen == 0 || ilen < elen + 6 || id[ilen - elen - 1] != '-' ||
	    strcasecmp(id + ilen - elen, email) != 0 ||
	    !isdigit((unsigned char)id[0]))
		return (0);
	plen = ilen - elen;		/* what precedes the address */
	if (plen > olen && strncmp(id + plen - olen, old, olen) == 0)
		return (strspn(id, "0123456789-") == plen - olen + 1);
	return (strspn(id, "0123456789.-") == plen && strchr(id, '.') != NULL);
}

/*
 * Whether the sender posted what the thread discusses: the same address
 * or name as the proposer, or, when the thread's root is not stored, the
 * sender git send-email wrote into the root's Message-ID.
 */
static int
classify_is_proposer(const struct message *m,
    const struct classify_context *ctx)
{
	char	*a, *b;
	int	 same;

	if (*m->from_email == '\0')
		return (0);
	if (ctx->patch_author != NULL && strcasecmp(ctx->patch_author,
	    m->from_email) == 0)
		return (1);
	if (ctx->proposer == NULL)
		return (m->nrefs > 0 && classify_id_names(m->refs[0],
		    m->from_email));
	if (strcasecmp(ctx->proposer, m->from_email) == 0)
		return (1);
	if (ctx->proposer_name == NULL || strchr(ctx->proposer_name, ' ') ==
	    NULL)
		return (0);
	a = classify_norm_name(ctx->proposer_name);
	b = classify_norm_name(m->from_name);
	same = strcmp(a, b) == 0;
	free(a);
	free(b);
	return (same);
}

static void
classify_author(struct classify_result *r, const char *by)
{
	r->flags |= CLASSIFY_F_AUTHOR;
	r->author_by = by;
}

/*
 * The patch a reply quotes may be the sender's own: its From or
 * Signed-off-by names them, in any thread (someone else may have posted
 * it); or, when the thread is not stored, the review it answers quotes
 * it under their name.
 */
static void
classify_author_quoted(const struct message *m, struct classify_result *r)
{
	int	which = QUOTE_AUTHOR_SIGNED;

	if (r->flags & CLASSIFY_F_NO_THREAD)
		which |= QUOTE_AUTHOR_INTRO;
	switch (quote_author_is_sender(m->body, m->from_name, m->from_email,
	    which)) {
	case QUOTE_AUTHOR_SIGNED:
		classify_author(r, "the patch's author answering: the patch "
		    "it quotes carries the sender's From or Signed-off-by");
		break;
	case QUOTE_AUTHOR_INTRO:
		classify_author(r, "the proposer answering: the patch it "
		    "quotes is quoted under the sender's name");
		break;
	}
}

void
classify_author_find(const struct message *m,
    const struct classify_context *ctx, struct classify_result *r)
{
	if (classify_is_proposer(m, ctx))
		classify_author(r, "the proposer answering");
	else if (ctx->reply)
		classify_author_quoted(m, r);
}

void
classify_author_words(struct classify_result *r)
{
	size_t	i;

	if ((r->flags & (CLASSIFY_F_NO_THREAD | CLASSIFY_F_AUTHOR)) !=
	    CLASSIFY_F_NO_THREAD)
		return;
	for (i = 0; i < r->nhits; i++)
		if (r->hits[i].class == RULES_ACCEPTS && r->hits[i].ignored ==
		    NULL && strncmp(r->hits[i].rule, "author-", 7) == 0) {
			classify_author(r, "the series' author answering, by "
			    "their words about its next version (the thread "
			    "is not stored)");
			return;
		}
}
