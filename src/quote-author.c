/*
 * Who wrote what a reply quotes.  When a thread's posting is not stored,
 * the reply itself still shows whose patch it answers: a reviewer quotes
 * the patch under "On ..., Author wrote:", and the author, answering,
 * quotes that review one level deeper.  A diff quoted under an
 * introduction naming the sender is the sender's own patch, and so is a
 * quoted patch whose in-body "From:" (git format-patch's author, when
 * someone else posts it) or "Signed-off-by:" names the sender.  Pure: text
 * in, an answer out.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "quote-author.h"
#include "text.h"
#include "xmalloc.h"

#define QUOTE_DEPTH_MAX	8

/* Quote depth of a line ("> > x" is 2) and where its text starts. */
static int
quote_depth(const char *line, const char **text)
{
	int	d = 0;

	for (;;) {
		while (*line == ' ' || *line == '\t')
			line++;
		if (*line != '>')
			break;
		d++;
		line++;
	}
	*text = line;
	return (d);
}

static int
quote_is_diff(const char *text)
{
	return (strncmp(text, "diff --git ", 11) == 0 ||
	    strncmp(text, "@@ -", 4) == 0 || strncmp(text, "+++ b/", 6) == 0 ||
	    strncmp(text, "--- a/", 6) == 0);
}

/* Lower case, runs of white space as one space. */
static char *
quote_fold(const char *s, size_t len)
{
	char	*out = xstrndup(s, len), *p;

	for (p = out; *p != '\0'; p++)
		*p = (char)tolower((unsigned char)*p);
	text_collapse_ws(out);
	return (out);
}

/*
 * A display name folded, quotes dropped, and Outlook's "Last, First" as
 * "first last", the order attributions and trailers write it in.
 */
static char *
quote_fold_name(const char *name)
{
	char	*n = quote_fold(name, strlen(name)), *p;

	for (p = n; *p != '\0'; p++)
		if (*p == '"')
			*p = ' ';
	text_collapse_ws(n);
	return (text_first_last(n));
}

/* Whether s holds the address addr as a whole word ("jo@x" not in "ajo@x"). */
static int
quote_has_address(const char *s, const char *addr)
{
	const char	*p = s;
	size_t		 len = strlen(addr);
	unsigned char	 c;

	if (len == 0)
		return (0);
	while ((p = strstr(p, addr)) != NULL) {
		c = p > s ? (unsigned char)p[-1] : ' ';
		if (!isalnum(c) && strchr("._-+", c) == NULL &&
		    !isalnum((unsigned char)p[len]) && p[len] != '.')
			return (1);
		p++;
	}
	return (0);
}

/*
 * Whether a line introduces a quote: it ends in a colon after the verb
 * of an attribution, in the languages the lists write in.
 */
static int
quote_is_intro(const char *intro)
{
	static const char	*verbs[] = { "wrote", "writes", "said",
	    "schrieb", "\xc3\xa9" "crit", "escribi\xc3\xb3", "scritto",
	    "escreveu", "schreef", "\xe5\x86\x99\xe9\x81\x93" };
	static const char	 wide_colon[] = "\xef\xbc\x9a";	/* U+FF1A */
	size_t			 i, len = strlen(intro);

	if (len == 0 || (intro[len - 1] != ':' && (len < 3 ||
	    strcmp(intro + len - 3, wide_colon) != 0)))
		return (0);
	for (i = 0; i < sizeof verbs / sizeof verbs[0]; i++)
		if (strstr(intro, verbs[i]) != NULL)
			return (1);
	return (0);
}

/*
 * Whether an introduction names the sender: the address, or the whole
 * name of at least two words (one word names too many people).
 */
static int
quote_names(const char *intro, const char *name, const char *email)
{
	char	*n;
	int	 yes = 0;

	if (!quote_is_intro(intro))
		return (0);
	if (quote_has_address(intro, email))
		return (1);
	n = quote_fold_name(name);
	if (strchr(n, ' ') != NULL && strstr(intro, n) != NULL)
		yes = 1;
	free(n);
	return (yes);
}

/* What a quoted line of a patch's header says of its authors. */
#define QUOTE_TAG_NONE		0
#define QUOTE_TAG_FROM		1	/* "From:", git format-patch's author */
#define QUOTE_TAG_SOB		2	/* "Signed-off-by:" */
#define QUOTE_TAG_CODEV		3	/* "Co-developed-by:" */
#define QUOTE_TAG_SENDER	4	/* or'ed: it names the sender */

/*
 * Which of the three lines a quoted line is, and whether it names the
 * sender: the address, or the whole name of at least two words.
 */
static int
quote_tag(const char *text, size_t len, const char *name, const char *email)
{
	static const struct {
		const char	*prefix;
		int		 tag;
	} tags[] = {
		{ "from:", QUOTE_TAG_FROM },
		{ "signed-off-by:", QUOTE_TAG_SOB },
		{ "co-developed-by:", QUOTE_TAG_CODEV },
	};
	char	*line, *v, *lt, *n;
	size_t	 skip = strspn(text, " \t"), i;
	int	 tag = QUOTE_TAG_NONE, same;

	/* Most quoted lines are none of them: their first letter says so. */
	if (skip >= len || strchr("fscFSC", text[skip]) == NULL)
		return (QUOTE_TAG_NONE);
	for (i = 0; i < sizeof tags / sizeof tags[0]; i++)
		if (strncasecmp(text + skip, tags[i].prefix,
		    strlen(tags[i].prefix)) == 0)
			tag = tags[i].tag;
	if (tag == QUOTE_TAG_NONE)
		return (tag);
	line = quote_fold(text + skip, len - skip);
	v = strchr(line, ':') + 1;
	if (quote_has_address(v, email))
		same = 1;
	else {
		if ((lt = strchr(v, '<')) != NULL)
			*lt = '\0';
		n = quote_fold_name(name);
		v = quote_fold_name(v);
		same = strchr(n, ' ') != NULL && strcmp(v, n) == 0;
		free(v);
		free(n);
	}
	free(line);
	return (same ? tag | QUOTE_TAG_SENDER : tag);
}

/*
 * Per depth, what the quoted patch header read so far says: its author
 * is the sender (the in-body From, the first sign-off, or a sign-off
 * after the sender's Co-developed-by; a later sign-off is a maintainer's
 * or a poster's, who passed the patch on), and how many sign-offs came.
 */
struct quote_signs {
	int	 sender;
	int	 nsob;
	int	 codev;		/* the last tag was the sender's Co-developed-by */
	int	 cut;		/* the header's "---" came: its diff follows */
};

/*
 * The sender's own text between a quoted header and its diff: the diff
 * may be another quote's ("Like this, as Bob did?" above a sign-off
 * quoted in prose), but a sign-off is still not the first.  Once the
 * header's "---" came, the quote is a patch whose diff follows, and the
 * sender's inline answers to a review of its commit message leave it so.
 */
static void
quote_signs_own(struct quote_signs *signs)
{
	int	d;

	for (d = 0; d < QUOTE_DEPTH_MAX; d++)
		if (!signs[d].cut)
			signs[d].sender = signs[d].codev = 0;
}

/*
 * An introduction at depth d ("On ..., Bob wrote:") starts another quote
 * below it: what the deeper quotes' headers said is no longer about the
 * diff that follows.
 */
static void
quote_signs_below(struct quote_signs *signs, int d)
{
	for (d++; d < QUOTE_DEPTH_MAX; d++)
		memset(&signs[d], 0, sizeof signs[d]);
}

/* Whether a line (its text less quote marks) is an introduction. */
static int
quote_line_is_intro(const char *text, size_t len)
{
	char	*s;
	int	 yes;

	while (len > 0 && (text[len - 1] == ' ' || text[len - 1] == '\r'))
		len--;
	/* Most lines end in no colon: look no further. */
	if (len == 0 || (text[len - 1] != ':' && (unsigned char)text[len -
	    1] != 0x9a))
		return (0);
	s = quote_fold(text, len);
	yes = quote_is_intro(s);
	free(s);
	return (yes);
}

static void
quote_signs_line(struct quote_signs *qs, int tag)
{
	int	base = tag & ~QUOTE_TAG_SENDER;

	if (base == QUOTE_TAG_NONE)
		return;
	if ((tag & QUOTE_TAG_SENDER) && (base == QUOTE_TAG_FROM ||
	    (base == QUOTE_TAG_SOB && (qs->nsob == 0 || qs->codev))))
		qs->sender = 1;
	if (base == QUOTE_TAG_SOB)
		qs->nsob++;
	qs->codev = tag == (QUOTE_TAG_CODEV | QUOTE_TAG_SENDER);
}

/*
 * Whether body holds the address email (lower case), its local part in
 * any case ("Ann.Author@example.org"): found by its domain, which trailers
 * write in lower case.
 */
static int
quote_mentions(const char *body, const char *email)
{
	const char	*at = strchr(email, '@'), *p = body;
	size_t		 local;

	if (at == NULL || at == email)
		return (0);
	local = (size_t)(at - email);
	while ((p = strstr(p, at)) != NULL) {
		if ((size_t)(p - body) >= local && strncasecmp(p - local, email,
		    local) == 0)
			return (1);
		p++;
	}
	return (0);
}

/*
 * Whether body holds the whole display name, of two words or more (one
 * word names too many people), in any case, after the first colon of a
 * quoted line: "> From: Ann Author", ">> Signed-off-by: \"Ann Author\"".
 * A name anywhere else (the sender's own signature, an attribution) shows
 * no quoted patch.  Line by line: most lines are not quoted.
 */
static int
quote_mentions_name(const char *body, const char *name)
{
	char		*n = quote_fold_name(name);
	const char	*p, *eol, *colon;
	size_t		 len = strlen(n);
	int		 yes = 0;

	for (p = body; strchr(n, ' ') != NULL && !yes && *p != '\0';
	    p = *eol == '\0' ? eol : eol + 1) {
		eol = p + strcspn(p, "\n");
		p += strspn(p, " \t");
		if (*p != '>' || (colon = memchr(p, ':', (size_t)(eol - p))) ==
		    NULL)
			continue;
		colon++;
		colon += strspn(colon, " \t\"");
		yes = (size_t)(eol - colon) >= len && strncasecmp(colon, n,
		    len) == 0;
	}
	free(n);
	return (yes);
}

/* A line's text less its quote marks: where it starts, how long. */
struct quote_line {
	const char	*p;
	size_t		 len;
};

/* Whether a folded line opens an attribution: "On Mon, ...", "Am ...". */
static int
quote_opens(const char *s)
{
	static const char	*openers[] = { "on ", "am ", "le ", "el ",
	    "il ", "em ", "op " };
	size_t			 i;

	for (i = 0; i < sizeof openers / sizeof openers[0]; i++)
		if (strncmp(s, openers[i], 3) == 0)
			return (1);
	return (0);
}

/*
 * The introduction above a quote: its last line, and the line before
 * when the attribution was wrapped ("On Mon, 2 Nov, Ann\n<a@x> wrote:").
 * Only then: the line before is often prose (a link naming the sender).
 */
static char *
quote_intro(const struct quote_line *two)
{
	char	*a, *b, *s;

	b = quote_fold(two[1].p, two[1].len);
	if (two[0].p == NULL || quote_opens(b))
		return (b);
	a = quote_fold(two[0].p, two[0].len);
	if (!quote_opens(a)) {
		free(a);
		return (b);
	}
	s = xasprintf("%s %s", a, b);
	free(a);
	free(b);
	return (s);
}

int
quote_author_is_sender(const char *body, const char *name, const char *email,
    int which)
{
	/* Per depth, its last two non-blank lines: "On Mon, Ann\n<a@x> wrote:". */
	struct quote_line	 prev[QUOTE_DEPTH_MAX][2];
	char			*intro[QUOTE_DEPTH_MAX] = { NULL };
	struct quote_signs	 signs[QUOTE_DEPTH_MAX];
	char			*mail;
	const char		*p, *nl, *text;
	size_t			 len;
	int			 d, last = 0, found = 0, plus = 0, i;

	if (*name == '\0' && *email == '\0')
		return (0);
	/*
	 * A quoted header names the sender, by address or by name (the
	 * patch's From may be an address they no longer write from): most
	 * replies don't.
	 */
	if (which == QUOTE_AUTHOR_SIGNED && !quote_mentions(body, email) &&
	    !quote_mentions_name(body, name))
		return (0);
	memset(prev, 0, sizeof prev);
	memset(signs, 0, sizeof signs);
	mail = quote_fold(email, strlen(email));
	for (p = body; !found && *p != '\0'; p = *nl == '\n' ? nl + 1 : nl) {
		nl = p + strcspn(p, "\n");
		d = quote_depth(p, &text);
		len = (size_t)(nl - text);
		if (d >= QUOTE_DEPTH_MAX)
			continue;
		/* A deeper quote begins: what stood above it introduces it. */
		if (d > last && (which & QUOTE_AUTHOR_INTRO)) {
			free(intro[d]);
			intro[d] = d == last + 1 && prev[d - 1][1].p != NULL ?
			    quote_intro(prev[d - 1]) : NULL;
		}
		/* Reviewers trim a diff's headers: two added lines will do. */
		plus = *text == '+' && d == last ? plus + 1 : *text == '+';
		last = d;
		if ((which & QUOTE_AUTHOR_INTRO) && d > 1 && intro[d] !=
		    NULL && (quote_is_diff(text) ||
		    plus >= 2) && quote_names(intro[d], name, mail))
			found = QUOTE_AUTHOR_INTRO;
		/*
		 * The sender's From or sign-off, then that patch's diff (its
		 * headers trimmed: two added lines will do).
		 */
		if (d > 0 && signs[d].sender && (quote_is_diff(text) ||
		    plus >= 2))
			found = QUOTE_AUTHOR_SIGNED;
		if (strspn(text, " \t\r") == len)
			continue;	/* a blank line keeps what it follows */
		if ((which & QUOTE_AUTHOR_SIGNED) && quote_line_is_intro(text,
		    len))
			quote_signs_below(signs, d);
		else if (d == 0)
			quote_signs_own(signs);
		else if (which & QUOTE_AUTHOR_SIGNED) {
			quote_signs_line(&signs[d], quote_tag(text, len, name,
			    mail));
			if (signs[d].nsob > 0 && len >= 3 && strncmp(text, "---",
			    3) == 0 && strspn(text + 3, " \t\r") == len - 3)
				signs[d].cut = 1;
		}
		prev[d][0] = prev[d][1];
		prev[d][1].p = text;
		prev[d][1].len = len;
	}
	for (i = 0; i < QUOTE_DEPTH_MAX; i++)
		free(intro[i]);
	free(mail);
	return (found);
}

/* Whether text (a line's, past its quote marks) is a vote: "+1", "-2.". */
static int
quote_is_vote(const char *text, const char *eol)
{
	text += strspn(text, " \t");
	return (eol - text >= 2 && (text[0] == '+' || text[0] == '-') &&
	    text[1] >= '0' && text[1] <= '2' && (eol - text == 2 ||
	    !isalnum((unsigned char)text[2])));
}

/*
 * A line of the sender's (its first unquoted occurrence in BODY) that
 * stands right under quoted text, in a body quoting two levels deep: the
 * message it answers was itself a reply, so the quote above the line is
 * someone's point in the discussion, not the posting.  Right under a
 * quoted vote ("> +1" then "+1") it joins that vote instead.
 */
int
quote_under_reply(const char *body, const char *line, size_t len)
{
	const char	*p, *eol, *text;
	int		 d, deep = 0, above = 0, vote = 0, found = 0;

	for (p = body; *p != '\0'; p = *eol == '\0' ? eol : eol + 1) {
		eol = p + strcspn(p, "\n");
		d = quote_depth(p, &text);
		if (d >= 2)
			deep = 1;
		if (!found && d == 0 && (size_t)(eol - text) >= len &&
		    strncmp(text, line, len) == 0) {
			found = 1;
			if (!above || vote)
				return (0);
		}
		if (!found && strspn(text, " \t\r") < (size_t)(eol - text)) {
			above = d > 0;
			vote = d > 0 && quote_is_vote(text, eol);
		}
	}
	return (found && deep);
}
