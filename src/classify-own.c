/*
 * The author's own text of a body: the runs of unquoted lines, less what
 * the attribution and own-end rules mark as someone else's (a quote's
 * introduction in any language, an Outlook header block, a forwarded or
 * original message), the signature and the diff.  Split from classify.c:
 * what counts as whose text is one question, which signal wins another.
 */
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "classify.h"
#include "classify-int.h"
#include "rules.h"
#include "text.h"
#include "xmalloc.h"
static int
classify_is_quote(const char *line)
{
	/* "> x", " > x", and Outlook's "| x" are all quotations. */
	while (*line == ' ' || *line == '\t')
		line++;
	return (*line == '>' || *line == '|');
}

static int
classify_is_diff_start(const char *line, const char *next)
{
	const char	*third;

	if (strncmp(line, "diff --git ", 11) == 0 ||
	    strncmp(line, "Index: ", 7) == 0)
		return (1);
	if (strncmp(line, "--- ", 4) != 0 || next == NULL ||
	    strncmp(next, "+++ ", 4) != 0)
		return (0);
	third = strchr(next, '\n');
	return (third != NULL && strncmp(third + 1, "@@ ", 3) == 0);
}

/* Runs of unquoted lines in a body: the only places own text can be. */
struct classify_runs {
	size_t	(*v)[2];
	size_t	  n;
};

/* How the author's text ends by its shape. */
#define CLASSIFY_END_BODY	0	/* with the body */
#define CLASSIFY_END_SIGNATURE	1	/* "-- " */
#define CLASSIFY_END_FOOTER	2	/* a list's "_____" footer */
#define CLASSIFY_END_DIFF	3	/* a diff */

/*
 * One walk over the body's lines: where the author's text ends by its
 * shape (the signature, a list's footer, the diff of a patch), and the
 * runs of unquoted lines before that.
 */
static size_t
classify_own_runs(const char *body, struct classify_runs *ru, int *ending)
{
	const char	*p = body, *nl, *next;
	size_t		 len, at;
	int		 in = 0;

	for (;;) {
		at = (size_t)(p - body);
		if (*p == '\0')
			break;
		nl = strchr(p, '\n');
		len = nl != NULL ? (size_t)(nl - p) : strlen(p);
		next = nl != NULL ? nl + 1 : NULL;
		/* Each ending starts with one of four bytes: look no further. */
		if ((*p == '-' || *p == '_' || *p == 'd' || *p == 'I') &&
		    ((len == 3 && strncmp(p, "-- ", 3) == 0) ||
		    (len == 2 && strncmp(p, "--", 2) == 0) ||
		    (len >= 10 && strspn(p, "_") >= 10) ||
		    classify_is_diff_start(p, next))) {
			*ending = *p == '_' ? CLASSIFY_END_FOOTER : *p == '-' &&
			    len <= 3 ? CLASSIFY_END_SIGNATURE : CLASSIFY_END_DIFF;
			break;
		}
		if (classify_is_quote(p))
			in = 0;
		else {
			if (!in) {
				ru->v = xreallocarray(ru->v, ru->n + 1,
				    sizeof *ru->v);
				ru->v[ru->n++][0] = at;
				in = 1;
			}
			ru->v[ru->n - 1][1] = at + len;
		}
		if (next == NULL) {
			at += len;
			break;
		}
		p = next;
	}
	return (at);
}

/* Where the own-end and attribution rules matched a body. */
struct classify_marks {
	struct {
		int	 class;
		size_t	 start, end;	/* start: the match's line start */
	}		*v;
	size_t		 n;
	const char	*body;
	size_t		 base;		/* of the run being read */
};

static void
classify_mark(const struct rules_hit *hit, enum rules_class class, void *arg)
{
	struct classify_marks	*mk = arg;
	size_t			 at = mk->base + hit->start;

	while (at > 0 && mk->body[at - 1] != '\n')
		at--;
	mk->v = xreallocarray(mk->v, mk->n + 1, sizeof *mk->v);
	mk->v[mk->n].class = class;
	mk->v[mk->n].start = at;
	mk->v[mk->n++].end = mk->base + hit->end;
}

/*
 * The own-end and attribution marks of the runs of unquoted lines: a
 * reply's quote of a whole patch costs nothing.
 */
static void
classify_marks_find(const struct rules *rules, const char *body,
    const struct classify_runs *ru, struct classify_marks *mk)
{
	size_t	i;

	memset(mk, 0, sizeof *mk);
	mk->body = body;
	for (i = 0; rules != NULL && i < ru->n; i++) {
		mk->base = ru->v[i][0];
		(void)rules_scan(rules, RULES_SCAN_OWN, body + mk->base,
		    ru->v[i][1] - mk->base, classify_mark, mk);
	}
}

/*
 * Copy own text: typographic apostrophes and spaces plain.  The next of
 * each of the two bytes that may start one is found with memchr, and
 * looked for again only once passed.
 */
static void
classify_add_text(struct buf *b, const char *p, size_t len)
{
	const char	*end = p + len, *q, *e2, *c2;

	e2 = memchr(p, 0xe2, len);
	c2 = memchr(p, 0xc2, len);
	while (p < end) {
		/* U+2019 and U+2018 -> ', U+00A0 -> space. */
		if (e2 != NULL && e2 < p)
			e2 = memchr(p, 0xe2, (size_t)(end - p));
		if (c2 != NULL && c2 < p)
			c2 = memchr(p, 0xc2, (size_t)(end - p));
		q = e2 == NULL ? c2 : c2 == NULL || e2 < c2 ? e2 : c2;
		if (q == NULL) {
			buf_add(b, p, (size_t)(end - p));
			break;
		}
		buf_add(b, p, (size_t)(q - p));
		if (end - q >= 3 && (unsigned char)q[0] == 0xe2 &&
		    (unsigned char)q[1] == 0x80 && ((unsigned char)q[2] ==
		    0x98 || (unsigned char)q[2] == 0x99)) {
			buf_addch(b, '\'');
			p = q + 3;
		} else if (end - q >= 2 && (unsigned char)q[0] == 0xc2 &&
		    (unsigned char)q[1] == 0xa0) {
			buf_addch(b, ' ');
			p = q + 2;
		} else {
			buf_addch(b, *q);
			p = q + 1;
		}
	}
}

/* Copy one line of own text, and end it. */
static void
classify_add_line(struct buf *b, const char *p, size_t len)
{
	classify_add_text(b, p, len);
	buf_addch(b, '\n');
}

/* Stretches of a body that are not the author's, sorted. */
struct classify_spans {
	size_t	(*v)[2];
	size_t	  n;
};

static void
classify_span_add(struct classify_spans *sp, size_t start, size_t end)
{
	size_t	i;

	sp->v = xreallocarray(sp->v, sp->n + 1, sizeof *sp->v);
	for (i = sp->n++; i > 0 && sp->v[i - 1][0] > start; i--)
		memcpy(sp->v[i], sp->v[i - 1], sizeof sp->v[i]);
	sp->v[i][0] = start;
	sp->v[i][1] = end;
}

static int
classify_is_blank(const char *p, const char *end)
{
	while (p < end && (*p == ' ' || *p == '\t' || *p == '\r'))
		p++;
	return (p == end || *p == '\n');
}

/*
 * The end of a header block that starts before at: the next line that is
 * blank or quoted.  *quoted says whether the first line after it that is
 * not blank is a quotation.
 */
static size_t
classify_block_end(const char *body, size_t at, size_t end, int *quoted)
{
	const char	*p = body + at, *e = body + end, *nl;
	size_t		 block = end;

	*quoted = 0;
	while (p < e && (nl = memchr(p, '\n', (size_t)(e - p))) != NULL) {
		p = nl + 1;
		if (block == end && (classify_is_blank(p, e) ||
		    classify_is_quote(p)))
			block = (size_t)(p - body);
		if (block != end && !classify_is_blank(p, e)) {
			*quoted = classify_is_quote(p);
			break;
		}
	}
	return (block);
}

/*
 * Where a forwarded or original message begins, own text ends.  Outlook
 * also heads an interleaved reply with its header block: a block that
 * quoted lines follow is an attribution, and the own text goes on.
 */
static size_t
classify_marks_apply(const struct classify_marks *mk, size_t end,
    struct classify_spans *sp)
{
	size_t	i, bend, skip = 0;
	int	quoted;

	for (i = 0; i < mk->n && mk->v[i].start < end; i++) {
		if (mk->v[i].start < skip)
			continue;
		if (mk->v[i].class == RULES_ATTRIBUTION) {
			classify_span_add(sp, mk->v[i].start, mk->v[i].end);
			continue;
		}
		bend = classify_block_end(mk->body, mk->v[i].end, end, &quoted);
		if (!quoted)
			return (mk->v[i].start);
		classify_span_add(sp, mk->v[i].start, bend);
		skip = bend;
	}
	return (end);
}

char *
classify_own_text(const struct rules *rules, const char *body)
{
	return (classify_own_text_diff(rules, body, NULL));
}

char *
classify_own_text_diff(const struct rules *rules, const char *body,
    int *diff)
{
	struct classify_runs	 ru = { NULL, 0 };
	struct classify_spans	 sp = { NULL, 0 };
	struct classify_marks	 mk;
	struct buf		 b;
	const char		*p, *nl;
	size_t			 end, stop, len, at, r, i = 0;
	int			 ending = CLASSIFY_END_BODY;

	/* Own text ends at the signature or the diff, or a forward. */
	end = classify_own_runs(body, &ru, &ending);
	classify_marks_find(rules, body, &ru, &mk);
	stop = end;
	end = classify_marks_apply(&mk, end, &sp);
	free(mk.v);
	/*
	 * The diff is the author's when their text runs on to it, or to
	 * their signature with a diff git made below it ("-- \nName\n\n
	 * ---8<---\ndiff --git"); not when a forwarded or original message
	 * (Outlook's) ended their text first.
	 */
	if (diff != NULL)
		*diff = end == stop && (ending == CLASSIFY_END_DIFF ||
		    (ending == CLASSIFY_END_SIGNATURE && strstr(body + stop,
		    "\ndiff --git ") != NULL));
	buf_init(&b);
	buf_add(&b, "", 0);
	for (r = 0; r < ru.n && ru.v[r][0] < end; r++) {
		stop = ru.v[r][1] < end ? ru.v[r][1] : end;
		at = ru.v[r][0];
		while (i < sp.n && sp.v[i][1] <= at)
			i++;
		/*
		 * A run that no stretch left out meets (most runs) is copied
		 * at once: its lines each ended, as one at a time would be.
		 */
		if (at < stop && (i == sp.n || sp.v[i][0] >= stop)) {
			classify_add_text(&b, body + at, stop - at);
			if (body[stop - 1] != '\n')
				buf_addch(&b, '\n');
			continue;
		}
		for (p = body + ru.v[r][0]; (at = (size_t)(p - body)) < stop;
		    p = nl + 1) {
			nl = memchr(p, '\n', stop - at);
			len = nl != NULL ? (size_t)(nl - p) : stop - at;
			while (i < sp.n && sp.v[i][1] <= at)
				i++;
			if (i == sp.n || at < sp.v[i][0])
				classify_add_line(&b, p, len);
			if (nl == NULL)
				break;
		}
	}
	free(ru.v);
	free(sp.v);
	return (buf_detach(&b, NULL));
}

char *
classify_body_from(const char *body)
{
	const char	*p = body, *v, *lt, *gt;
	size_t		 len;
	int		 lines;

	/* git format-patch's "From: Author <a@b>" opens the body. */
	for (lines = 0; *p != '\0' && lines < 3; lines++) {
		len = strcspn(p, "\n");
		if (len > 0 && text_has_prefix_ci(p, "from:")) {
			v = p + 5;
			lt = memchr(v, '<', len - 5);
			gt = lt != NULL ? memchr(lt, '>', len - (lt - p)) : NULL;
			if (lt != NULL && gt != NULL && memchr(lt, '@',
			    (size_t)(gt - lt)) != NULL)
				return (xstrndup(lt + 1, (size_t)(gt - lt - 1)));
			return (NULL);
		}
		if (len > 0 && strspn(p, " \t") < len)
			return (NULL);
		p += len + (p[len] == '\n');
	}
	return (NULL);
}
