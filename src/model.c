/*
 * The learned model's features, weights file and scoring (model.h).
 * Training is model-train.c.
 */
#include <ctype.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "buf.h"
#include "classify.h"
#include "conffile.h"
#include "message.h"
#include "model.h"
#include "model-stance.h"
#include "rules.h"
#include "series.h"
#include "strset.h"
#include "arena.h"
#include "xmalloc.h"

const char *const model_classes[MODEL_NCLASSES] = {
	CLASSIFY_OBJECTION, CLASSIFY_ACK, CLASSIFY_REVIEW, CLASSIFY_OTHER
};

/* Words read from one message at most: a verdict is not in a novel. */
#define MODEL_MAX_WORDS		3000
/* Tokens outside these lengths are noise, or code, or base64. */
#define MODEL_WORD_MIN		2
#define MODEL_WORD_MAX		24

struct model_weight {
	char	*feature;
	double	 w[MODEL_NCLASSES];
};

struct model {
	struct model_weight	*v;
	size_t			 n;
	double			 margin[MODEL_NCLASSES];
	/* [rules' kind][model's]: a "change" line, else the margin's. */
	double			 thr[MODEL_NCLASSES][MODEL_NCLASSES];
	size_t			*slot;		/* hash: index + 1, 0 empty */
	size_t			 nslots;	/* a power of two */
	size_t			*byname;	/* indices, features sorted */
	size_t			*rank;		/* index -> place in byname */
};

int
model_class(const char *kind)
{
	int	i;

	for (i = 0; i < MODEL_NCLASSES; i++)
		if (kind != NULL && strcmp(kind, model_classes[i]) == 0)
			return (i);
	return (-1);
}

/*
 * A list of feature names being built, the names in an arena: a reply
 * has hundreds of words and pairs, and a malloc each was a third of
 * classification's time.  Each name goes in once: a set finds the ones
 * already in, and the list keeps each name's hash for the weights'.
 */
struct model_list {
	const char	**v;
	uint32_t	 *hash;
	size_t		  n, size;
	struct arena	 *arena;
	struct strset	  seen;
};

/* A copy of len bytes of s, then a NUL, as the list's next name. */
static void
model_add_bytes(struct model_list *l, const char *s, size_t len)
{
	const char	**keep;
	char		 *c;
	uint32_t	  h;

	h = strset_hash(s, len);
	if ((keep = strset_put(&l->seen, s, len, h)) == NULL)
		return;
	if (l->n == l->size) {
		l->size = l->size == 0 ? 64 : l->size * 2;
		l->v = xreallocarray(l->v, l->size, sizeof *l->v);
		l->hash = xreallocarray(l->hash, l->size, sizeof *l->hash);
	}
	c = arena_space(l->arena, len + 1);
	memcpy(c, s, len);
	c[len] = '\0';
	*keep = c;	/* the set keeps the copy, not s */
	l->hash[l->n] = h;
	l->v[l->n++] = c;
}

static void
model_add(struct model_list *l, const char *s)
{
	model_add_bytes(l, s, strlen(s));
}

/* prefix, then a, then (unless NULL) sep and b: "w:x", "b:x+y". */
static void
model_add3(struct model_list *l, const char *prefix, const char *a,
    const char *sep, const char *b)
{
	char	buf[256];
	int	n;

	n = snprintf(buf, sizeof buf, "%s%s%s%s", prefix, a,
	    b != NULL ? sep : "", b != NULL ? b : "");
	if (n < 0 || (size_t)n >= sizeof buf) {
		char *big = xasprintf("%s%s%s%s", prefix, a, b != NULL ?
		    sep : "", b != NULL ? b : "");
		model_add(l, big);
		free(big);
		return;
	}
	model_add_bytes(l, buf, (size_t)n);
}

static int
model_cmp(const void *a, const void *b)
{
	return (strcmp(*(const char *const *)a, *(const char *const *)b));
}

/*
 * The C locale's isalpha, isdigit and isspace (pvbot sets no locale),
 * without a call each: the tokenizer asks them of every byte.
 */
static int
model_alpha(unsigned char c)
{
	return ((unsigned)((c | 0x20) - 'a') < 26);
}

static int
model_alnum(unsigned char c)
{
	return (model_alpha(c) || (unsigned)(c - '0') < 10);
}

static int
model_space(unsigned char c)
{
	return (c == ' ' || (unsigned)(c - '\t') < 5);
}

/*
 * A line that holds a trailer ("Acked-by: Name <addr>") or a quoted
 * header names people: its words are not the author's prose.
 */
static int
model_skip_line(const char *p, size_t len)
{
	size_t	i = 0;

	while (i < len && (p[i] == ' ' || p[i] == '\t'))
		i++;
	while (i < len && (isalpha((unsigned char)p[i]) || p[i] == '-'))
		i++;
	return (i < len && p[i] == ':' && i > 0 && ((i >= 3 &&
	    strncasecmp(p + i - 3, "-by", 3) == 0) ||
	    (i >= 4 && strncasecmp(p + i - 4, "from", 4) == 0) ||
	    (i >= 2 && strncasecmp(p + i - 2, "to", 2) == 0) ||
	    (i >= 2 && strncasecmp(p + i - 2, "cc", 2) == 0)));
}

/*
 * A blank-separated chunk that is an address, a message id, a path, a
 * URL, an identifier or code ("foo_bar()", "a->b", "x == y", "file.c"):
 * no word of it is prose.  Emphasis ("*not*", "_don't_") is prose.
 */
static int
model_skip_chunk(const char *p, size_t len)
{
	/*
	 * 1: bytes of code, "@/\\=<>#${}[]|&~^`%+"; 2: code by the bytes
	 * around ("a_b", ".c", "->", "::", "()").  A table: a strchr and
	 * five tests a byte cost more.
	 */
	static const unsigned char code[256] = {
		['@'] = 1, ['/'] = 1, ['\\'] = 1, ['='] = 1, ['<'] = 1,
		['>'] = 1, ['#'] = 1, ['$'] = 1, ['{'] = 1, ['}'] = 1,
		['['] = 1, [']'] = 1, ['|'] = 1, ['&'] = 1, ['~'] = 1,
		['^'] = 1, ['`'] = 1, ['%'] = 1, ['+'] = 1, ['\0'] = 1,
		['_'] = 2, ['.'] = 2, ['-'] = 2, [':'] = 2, ['('] = 2
	};
	size_t	i;

	for (i = 0; i < len; i++) {
		if (code[(unsigned char)p[i]] == 0)
			continue;
		if (code[(unsigned char)p[i]] == 1)
			return (1);
		if (p[i] == '_' && i > 0 && i + 1 < len &&
		    model_alnum((unsigned char)p[i - 1]) &&
		    model_alnum((unsigned char)p[i + 1]))
			return (1);
		if (p[i] == '.' && i + 1 < len &&
		    model_alnum((unsigned char)p[i + 1]))
			return (1);
		if (p[i] == '-' && i + 1 < len && p[i + 1] == '>')
			return (1);
		if (p[i] == ':' && i + 1 < len && p[i + 1] == ':')
			return (1);
		if (p[i] == '(' && i + 1 < len && p[i + 1] == ')')
			return (1);
	}
	return (0);
}

/* A sentence or clause ends here: no word pair spans it. */
static int
model_breaks(int c)
{
	return (c == '.' || c == '!' || c == '?' || c == ';' || c == ':' ||
	    c == '(' || c == ')' || c == '"');
}

struct model_words {
	struct model_list	*out;
	char			 prev[MODEL_WORD_MAX + 1];
	size_t			 plen;		/* prev's; 0: no pair */
	size_t			 nwords;
};

/* "w:word" and, after a word, "b:previous+word". */
static void
model_word(struct model_words *mw, const char *w, size_t len)
{
	char	buf[2 * MODEL_WORD_MAX + 4];
	size_t	plen = mw->plen;

	buf[0] = 'w';
	buf[1] = ':';
	memcpy(buf + 2, w, len);
	model_add_bytes(mw->out, buf, len + 2);
	if (plen == 0)
		return;
	buf[0] = 'b';
	memcpy(buf + 2, mw->prev, plen);
	buf[2 + plen] = '+';
	memcpy(buf + 3 + plen, w, len);
	model_add_bytes(mw->out, buf, plen + len + 3);
}

/*
 * One token: kept only when it is a word, lower case letters and
 * apostrophes, between the lengths, without digits (numbers, versions,
 * hashes, dates are never features); a dropped token breaks the pairs.
 */
static void
model_token(struct model_words *mw, const char *p, size_t len)
{
	char	w[MODEL_WORD_MAX + 1];
	size_t	i;

	while (len > 0 && *p == '\'')
		p++, len--;
	while (len > 0 && p[len - 1] == '\'')
		len--;
	if (len < MODEL_WORD_MIN || len > MODEL_WORD_MAX) {
		mw->plen = 0;
		return;
	}
	for (i = 0; i < len; i++) {
		if (model_alpha((unsigned char)p[i]))
			w[i] = (char)(p[i] | 0x20);	/* tolower */
		else if (p[i] == '\'')
			w[i] = p[i];
		else {
			mw->plen = 0;
			return;
		}
	}
	w[len] = '\0';
	if (mw->nwords++ >= MODEL_MAX_WORDS)
		return;
	model_word(mw, w, len);
	memcpy(mw->prev, w, len + 1);
	mw->plen = len;
}

/* The words of one chunk: letters and apostrophes, split elsewhere. */
static void
model_chunk(struct model_words *mw, const char *p, size_t len)
{
	size_t	i = 0, s;

	if (model_skip_chunk(p, len)) {
		mw->plen = 0;
		return;
	}
	while (i < len) {
		if (model_breaks((unsigned char)p[i]))
			mw->plen = 0;
		if (!model_alnum((unsigned char)p[i]) && p[i] != '\'' &&
		    (unsigned char)p[i] < 0x80) {
			i++;
			continue;
		}
		for (s = i; i < len && (model_alnum((unsigned char)p[i]) ||
		    p[i] == '\'' || (unsigned char)p[i] >= 0x80); i++)
			;
		model_token(mw, p + s, i - s);
	}
}

/* Words and word pairs of the own text ("w:word", "b:first+second"). */
static size_t
model_text(struct model_list *out, const char *own)
{
	struct model_words	 mw;
	const char		*p = own, *nl, *q, *e;
	size_t			 len;

	memset(&mw, 0, sizeof mw);
	mw.out = out;
	for (; *p != '\0'; p = nl + 1) {
		if ((nl = strchr(p, '\n')) == NULL)
			nl = p + strlen(p);
		len = (size_t)(nl - p);
		if (len == 0 || model_skip_line(p, len))
			mw.plen = 0;
		else {
			for (q = p; q < nl; q = e) {
				while (q < nl && model_space((unsigned char)*q))
					q++;
				for (e = q; e < nl &&
				    !model_space((unsigned char)*e); e++)
					;
				if (e > q)
					model_chunk(&mw, q, (size_t)(e - q));
			}
		}
		if (*nl == '\0')
			break;
	}
	return (mw.nwords);
}

/*
 * Where the author wrote among the quotes: none quoted, above them all
 * (top-posted), below them all, or between them (inline answers).  A
 * line that ends in a colon ("On ..., Ann wrote:") introduces a quote.
 */
static const char *
model_quotes(const char *body)
{
	const char	*p = body, *nl, *e;
	int		 quoted = 0, own_before = 0, own_after = 0, runs = 0;
	int		 last = 0;

	for (; p != NULL && *p != '\0'; p = *nl != '\0' ? nl + 1 : NULL) {
		if ((nl = strchr(p, '\n')) == NULL)
			nl = p + strlen(p);
		for (e = nl; e > p && isspace((unsigned char)e[-1]); e--)
			;
		if (e > p && e[-1] == ':' && *p != '>')
			continue;
		if (*p == '>') {
			if (last != 1)
				runs++;
			quoted = 1;
			last = 1;
		} else if (nl > p && !isspace((unsigned char)*p)) {
			if (quoted)
				own_after = 1;
			else
				own_before = 1;
			last = 2;
		}
	}
	if (!quoted)
		return ("q:none");
	if (runs >= 3)
		return ("q:inline-many");
	if (runs == 2 || (own_before && own_after))
		return ("q:inline");
	return (own_before ? "q:top" : "q:bottom");
}

static const char *
model_length(size_t words)
{
	if (words < 10)
		return ("n:lt10");
	if (words < 40)
		return ("n:lt40");
	if (words < 150)
		return ("n:lt150");
	return ("n:150+");
}

/*
 * The step of the rules that decided ("y:nothing-in-the-thread-to-review"):
 * some steps are surer than others, and surer when the thread is stored
 * ("...+thread") than when it is not: "nothing to review" in a thread
 * pvbot never saw is a guess.
 */
static void
model_why_feature(struct model_list *out, const char *why, int flags)
{
	char	*s, *p;

	s = xasprintf("y:%s+%s", why, (flags & CLASSIFY_F_NO_THREAD) ?
	    "no-thread" : "thread");

	for (p = s + 2; *p != '\0'; p++)
		if (!isalnum((unsigned char)*p) && *p != '+')
			*p = '-';
	model_add(out, s);
	free(s);
}

/* The flags and rule hits of the rules' result, and its structure. */
static void
model_facts(struct model_list *out, const struct message *m,
    const struct series_tag *tag, const struct classify_context *ctx,
    const struct classify_result *r)
{
	static const struct {
		int		 flag;
		const char	*name;
	} flags[] = {
		{ CLASSIFY_F_OBJECTION, "f:objection" },
		{ CLASSIFY_F_APPROVAL, "f:approval" },
		{ CLASSIFY_F_HEDGE, "f:hedge" },
		{ CLASSIFY_F_WITHDRAW, "f:withdraw" },
		{ CLASSIFY_F_NO_THREAD, "f:no-thread" },
		{ CLASSIFY_F_ASKS_CHANGE, "f:asks-change" },
		{ CLASSIFY_F_CONCERN, "f:concern" },
		{ CLASSIFY_F_ACCEPTS, "f:accepts" },
		{ CLASSIFY_F_DISPUTES, "f:disputes" },
		{ CLASSIFY_F_CONDITIONAL, "f:conditional" },
		{ CLASSIFY_F_PROPOSAL, "f:proposal" },
	};
	size_t	i;

	model_add(out, "bias");
	model_add3(out, "k:", r->kind, NULL, NULL);
	if (r->why != NULL)
		model_why_feature(out, r->why, r->flags);
	for (i = 0; i < sizeof flags / sizeof flags[0]; i++)
		if (r->flags & flags[i].flag)
			model_add(out, flags[i].name);
	if (r->ndoubts > 0)
		model_add(out, (r->ndoubts > 1 ? "f:doubts-2" :
		    "f:doubts-1"));
	model_add(out, (ctx->reviewable ? "c:reviewable" :
	    "c:nothing-to-review"));
	if (tag->flags & SERIES_RFC)
		model_add(out, "t:rfc");
	if (tag->flags & SERIES_PULL)
		model_add(out, "t:pull");
	if (tag->flags & (SERIES_DESIGN | SERIES_DOC))
		model_add(out, "t:design");
	if (tag->total > 0)
		model_add(out, (tag->part == 0 ? "t:cover" :
		    "t:part"));
	if (m->patch != NULL)
		model_add(out, "c:diff");
	model_add(out, model_quotes(m->body));
	for (i = 0; i < r->nhits; i++) {
		if (r->hits[i].ignored != NULL)
			model_add3(out, "ri:",
			    rules_class_name(r->hits[i].class), NULL, NULL);
		else
			model_add3(out, "r:",
			    rules_class_name(r->hits[i].class), ":",
			    r->hits[i].rule);
	}
}

/* A message's features into l, each once, in the order first seen. */
static void
model_list_make(const struct message *m, const struct series_tag *tag,
    const struct classify_context *ctx, const struct classify_result *r,
    struct model_list *l, struct arena *arena)
{
	const char	*st[MODEL_STANCE_MAX];
	size_t		 words, nst, i;

	memset(l, 0, sizeof *l);
	l->arena = arena;
	/*
	 * About a new word or pair every eight bytes, and some facts: room
	 * made once costs less than doubling the table on the way.
	 */
	words = r->own != NULL ? strlen(r->own) / 8 : 0;
	strset_reserve(&l->seen, (words < MODEL_MAX_WORDS ? words :
	    MODEL_MAX_WORDS) + 64);
	model_facts(l, m, tag, ctx, r);
	nst = model_stance(r->own != NULL ? r->own : "", st);
	for (i = 0; i < nst; i++)
		model_add(l, st[i]);
	words = model_text(l, r->own != NULL ? r->own : "");
	model_add(l, model_length(words));
	strset_free(&l->seen);
}

void
model_features(const struct message *m, const struct series_tag *tag,
    const struct classify_context *ctx, const struct classify_result *r,
    struct model_features *out)
{
	struct model_list	l;

	memset(out, 0, sizeof *out);
	model_list_make(m, tag, ctx, r, &l, &out->arena);
	free(l.hash);
	qsort(l.v, l.n, sizeof *l.v, model_cmp);
	out->v = l.v;
	out->n = l.n;
}

void
model_features_free(struct model_features *f)
{
	free(f->v);
	arena_free(&f->arena);
	f->v = NULL;
	f->n = 0;
}

static uint32_t
model_hash(const char *s)
{
	return (strset_hash(s, strlen(s)));
}

/* A feature's weights by its name and that name's hash (model_hash). */
static const struct model_weight *
model_find_hash(const struct model *md, const char *feature, uint32_t h)
{
	size_t	i;

	if (md->nslots == 0)
		return (NULL);
	for (i = h & (md->nslots - 1); md->slot[i] != 0;
	    i = (i + 1) & (md->nslots - 1))
		if (strcmp(md->v[md->slot[i] - 1].feature, feature) == 0)
			return (&md->v[md->slot[i] - 1]);
	return (NULL);
}

static const struct model_weight *
model_find(const struct model *md, const char *feature)
{
	return (model_find_hash(md, feature, model_hash(feature)));
}

static void
model_index(struct model *md)
{
	size_t	i, j;

	for (md->nslots = 16; md->nslots < 2 * md->n; md->nslots *= 2)
		;
	md->slot = xcalloc(md->nslots, sizeof *md->slot);
	for (i = 0; i < md->n; i++) {
		for (j = model_hash(md->v[i].feature) & (md->nslots - 1);
		    md->slot[j] != 0; j = (j + 1) & (md->nslots - 1))
			;
		md->slot[j] = i + 1;
	}
}

/* "classes objection ack review other": must be ours, in our order. */
static void
model_line_classes(struct conffile *f, char *value)
{
	char	*w, *save;
	int	 i = 0;

	for (w = strtok_r(value, " \t", &save); w != NULL;
	    w = strtok_r(NULL, " \t", &save), i++)
		if (i >= MODEL_NCLASSES || strcmp(w, model_classes[i]) != 0)
			break;
	if (i != MODEL_NCLASSES || w != NULL)
		conffile_error(f, "classes must be \"objection ack review "
		    "other\"");
}

/* Read n numbers from s; -1 when there are not exactly n. */
static int
model_numbers(char *s, double *out, int n)
{
	char	*end;
	int	 i;

	for (i = 0; i < n; i++) {
		out[i] = strtod(s, &end);
		if (end == s || !isfinite(out[i]))
			return (-1);
		s = end;
	}
	while (isspace((unsigned char)*s))
		s++;
	return (*s == '\0' ? 0 : -1);
}

/* "change FROM TO X": the threshold of one pair of kinds. */
static int
model_line_change(struct model *md, char *value)
{
	char	*from, *to, *save;
	int	 a, b;

	if ((from = strtok_r(value, " \t", &save)) == NULL ||
	    (to = strtok_r(NULL, " \t", &save)) == NULL ||
	    (a = model_class(from)) < 0 || (b = model_class(to)) < 0 ||
	    a == b || (value = strtok_r(NULL, "", &save)) == NULL)
		return (-1);
	return (model_numbers(value, &md->thr[a][b], 1));
}

static void
model_line(struct model *md, struct conffile *f, char *line, int *classes)
{
	struct model_weight	*w;
	char			*key, *value, *kind;
	int			 c;

	conffile_words(line, &key, &value);
	if (*key == '\0' || *key == '#')
		return;
	if (strcmp(key, "classes") == 0) {
		model_line_classes(f, value);
		*classes = 1;
		return;
	}
	if (strcmp(key, "margin") == 0) {
		kind = value;
		value += strcspn(value, " \t");
		if (*value != '\0')
			*value++ = '\0';
		if ((c = model_class(kind)) < 0 || model_numbers(value,
		    &md->margin[c], 1) != 0)
			conffile_error(f, "margin KIND NUMBER");
		return;
	}
	if (strcmp(key, "change") == 0) {
		if (model_line_change(md, value) != 0)
			conffile_error(f, "change FROM TO NUMBER");
		return;
	}
	if (!*classes) {
		conffile_error(f, "weights before the classes line");
		return;
	}
	md->v = xreallocarray(md->v, md->n + 1, sizeof *md->v);
	w = &md->v[md->n];
	if (model_numbers(value, w->w, MODEL_NCLASSES) != 0) {
		conffile_error(f, "'%s' needs %d weights", key,
		    MODEL_NCLASSES);
		return;
	}
	if (model_find(md, key) != NULL) {
		conffile_error(f, "'%s' twice", key);
		return;
	}
	w->feature = xstrdup(key);
	md->n++;
	/* Index as we go so that a feature given twice is caught. */
	if (2 * md->n > md->nslots) {
		free(md->slot);
		model_index(md);
	} else {
		size_t	j;

		for (j = model_hash(key) & (md->nslots - 1); md->slot[j] != 0;
		    j = (j + 1) & (md->nslots - 1))
			;
		md->slot[j] = md->n;
	}
}

static int
model_weight_cmp(const void *a, const void *b)
{
	return (strcmp((*(const struct model_weight *const *)a)->feature,
	    (*(const struct model_weight *const *)b)->feature));
}

/* The features in strcmp order, the order model_score sums them in. */
static void
model_sort_names(struct model *md)
{
	const struct model_weight	**w;
	size_t				  i;

	w = xcalloc(md->n + 1, sizeof *w);
	for (i = 0; i < md->n; i++)
		w[i] = &md->v[i];
	qsort(w, md->n, sizeof *w, model_weight_cmp);
	md->byname = xcalloc(md->n + 1, sizeof *md->byname);
	md->rank = xcalloc(md->n + 1, sizeof *md->rank);
	for (i = 0; i < md->n; i++) {
		md->byname[i] = (size_t)(w[i] - md->v);
		md->rank[md->byname[i]] = i;
	}
	free(w);
}

static int
model_read(struct conffile *f, struct model **out, char **cause)
{
	struct model	*md = xcalloc(1, sizeof *md);
	char		*line;
	int		 classes = 0, a, b;

	*out = NULL;
	for (a = 0; a < MODEL_NCLASSES; a++)
		for (b = 0; b < MODEL_NCLASSES; b++)
			md->thr[a][b] = NAN;
	while ((line = conffile_getline(f, NULL)) != NULL)
		model_line(md, f, line, &classes);
	/* A pair's "change" line wins over its kind's "margin" line. */
	for (a = 0; a < MODEL_NCLASSES; a++)
		for (b = 0; b < MODEL_NCLASSES; b++)
			if (isnan(md->thr[a][b]))
				md->thr[a][b] = md->margin[b];
	if (!classes && !conffile_failed(f))
		conffile_error_at(f, 0, "no classes line: not a weights file");
	if (conffile_close(f, cause) != 0) {
		model_free(md);
		return (-1);
	}
	model_sort_names(md);
	*out = md;
	return (0);
}

int
model_load(const char *path, struct model **out, char **cause)
{
	struct conffile	f;

	*out = NULL;
	if (conffile_open_or(&f, path, "pvbot/model.weights", cause) != 0)
		return (-1);
	return (model_read(&f, out, cause));
}

int
model_parse(const char *text, size_t len, const char *label,
    struct model **out, char **cause)
{
	struct conffile	f;

	conffile_init(&f, label, text, len);
	return (model_read(&f, out, cause));
}

void
model_free(struct model *md)
{
	size_t	i;

	if (md == NULL)
		return;
	for (i = 0; i < md->n; i++)
		free(md->v[i].feature);
	free(md->v);
	free(md->slot);
	free(md->byname);
	free(md->rank);
	free(md);
}

size_t
model_size(const struct model *md)
{
	return (md->n);
}

double
model_word_scale(const struct model_features *f)
{
	size_t	i, n = 0;

	for (i = 0; i < f->n; i++)
		if ((f->v[i][0] == 'w' || f->v[i][0] == 'b') &&
		    f->v[i][1] == ':')
			n++;
	return (n > 0 ? 1.0 / sqrt((double)n) : 1.0);
}

double
model_value(const char *feature, double scale)
{
	return ((feature[0] == 'w' || feature[0] == 'b') && feature[1] ==
	    ':' ? scale : 1.0);
}

int
model_gate(const double *p, int rules, const double (*thr)[MODEL_NCLASSES])
{
	int	best = 0, c;

	for (c = 1; c < MODEL_NCLASSES; c++)
		if (p[c] > p[best])
			best = c;
	/* Strictly likelier: a model with no weights changes nothing. */
	return (rules < 0 || (best != rules && p[best] - p[rules] >
	    thr[rules][best]) ? best : rules);
}

const double (*model_thresholds(const struct model *md))[MODEL_NCLASSES]
{
	return ((const double (*)[MODEL_NCLASSES])md->thr);
}

/* The kind decided from the classes' scores z. */
static void
model_decide(const struct model *md, const double *z,
    const char *rules_kind, struct model_score *s)
{
	double	max, sum = 0;
	int	c, k;

	memset(s, 0, sizeof *s);
	max = z[0];
	for (c = 1; c < MODEL_NCLASSES; c++)
		if (z[c] > max)
			max = z[c];
	for (c = 0; c < MODEL_NCLASSES; c++)
		sum += (s->p[c] = exp(z[c] - max));
	for (c = 0; c < MODEL_NCLASSES; c++) {
		s->p[c] /= sum;
		if (s->p[c] > s->p[s->best])
			s->best = c;
	}
	s->rules = model_class(rules_kind);
	k = model_gate(s->p, s->rules, model_thresholds(md));
	s->kind = model_classes[k];
	s->override = s->rules >= 0 && k != s->rules;
	if (s->rules >= 0) {
		s->margin = s->p[s->best] - s->p[s->rules];
		s->threshold = s->best != s->rules ?
		    md->thr[s->rules][s->best] : 0;
	}
}

void
model_score(const struct model *md, const struct model_features *f,
    const char *rules_kind, struct model_score *s)
{
	const struct model_weight	*w;
	double				 z[MODEL_NCLASSES];
	double				 scale = model_word_scale(f), v;
	size_t				 i;
	int				 c;

	memset(z, 0, sizeof z);
	for (i = 0; i < f->n; i++)
		if ((w = model_find(md, f->v[i])) != NULL) {
			v = model_value(f->v[i], scale);
			for (c = 0; c < MODEL_NCLASSES; c++)
				z[c] += v * w->w[c];
		}
	model_decide(md, z, rules_kind, s);
}

static int
model_contrib_cmp(const void *a, const void *b)
{
	const struct model_contrib	*x = a, *y = b;
	double				 ax = fabs(x->weight), ay = fabs(y->weight);

	if (ax != ay)
		return (ax < ay ? 1 : -1);
	return (strcmp(x->feature, y->feature));
}

size_t
model_explain(const struct model *md, const struct model_features *f,
    int class, struct model_contrib *out, size_t max)
{
	const struct model_weight	*w;
	struct model_contrib		*all;
	double				 scale = model_word_scale(f);
	size_t				 i, n = 0;

	if (class < 0 || class >= MODEL_NCLASSES)
		return (0);
	all = xcalloc(f->n + 1, sizeof *all);
	for (i = 0; i < f->n; i++)
		if ((w = model_find(md, f->v[i])) != NULL &&
		    w->w[class] != 0) {
			all[n].feature = f->v[i];
			all[n++].weight = w->w[class] * model_value(f->v[i],
			    scale);
		}
	qsort(all, n, sizeof *all, model_contrib_cmp);
	if (n > max)
		n = max;
	memcpy(out, all, n * sizeof *out);
	free(all);
	return (n);
}

/* What decided, for explain: the model over the rules' kind. */
#define MODEL_WHY(a, b)	"the model: " a ", not the rules' " b
static const char *const model_why[MODEL_NCLASSES][MODEL_NCLASSES] = {
	{ NULL, MODEL_WHY("an objection", "ack"), MODEL_WHY("an objection",
	    "review"), MODEL_WHY("an objection", "other") },
	{ MODEL_WHY("an ack", "objection"), NULL, MODEL_WHY("an ack",
	    "review"), MODEL_WHY("an ack", "other") },
	{ MODEL_WHY("a review", "objection"), MODEL_WHY("a review", "ack"),
	    NULL, MODEL_WHY("a review", "other") },
	{ MODEL_WHY("other", "objection"), MODEL_WHY("other", "ack"),
	    MODEL_WHY("other", "review"), NULL },
};

/*
 * model_score of model_features without sorting them: the features that
 * carry weights are marked, and summed in the order of their names, the
 * model's own sorted once, so the scores are model_score's to the last
 * bit.
 */
static void
model_score_fast(const struct model *md, const struct model_list *l,
    const char *rules_kind, struct model_score *s)
{
	const struct model_weight	*w;
	uint64_t			*on, bits;
	double				 z[MODEL_NCLASSES], scale, v;
	size_t				 i, r, words = 0;
	int				 c;

	/* Bit r: the feature r-th in name order is the message's. */
	on = xcalloc(md->n / 64 + 1, sizeof *on);
	for (i = 0; i < l->n; i++) {
		if ((l->v[i][0] == 'w' || l->v[i][0] == 'b') &&
		    l->v[i][1] == ':')
			words++;
		if ((w = model_find_hash(md, l->v[i], l->hash[i])) != NULL) {
			r = md->rank[w - md->v];
			on[r / 64] |= (uint64_t)1 << (r % 64);
		}
	}
	/* model_word_scale's. */
	scale = words > 0 ? 1.0 / sqrt((double)words) : 1.0;
	memset(z, 0, sizeof z);
	for (i = 0; i <= md->n / 64; i++) {
		for (bits = on[i]; bits != 0; bits &= bits - 1) {
			r = i * 64 + (size_t)__builtin_ctzll(bits);
			w = &md->v[md->byname[r]];
			v = model_value(w->feature, scale);
			for (c = 0; c < MODEL_NCLASSES; c++)
				z[c] += v * w->w[c];
		}
	}
	free(on);
	model_decide(md, z, rules_kind, s);
}

void
model_classify(const struct model *md, const struct message *m,
    const struct series_tag *tag, const struct classify_context *ctx,
    struct classify_result *r)
{
	struct model_list	l;
	struct model_score	s;
	struct arena		arena;

	r->rules_kind = r->kind;
	r->rules_why = r->why;
	/*
	 * A second opinion on prose only: a reply carrying a trailer (any,
	 * anyone's) or a command keeps the rules' kind, as do the exact
	 * signals classify_message never asks the model about (NAKs, votes,
	 * the sender's tags, bots, postings).
	 */
	if (r->ntrailers > 0 || r->ncommands > 0)
		return;
	memset(&arena, 0, sizeof arena);
	model_list_make(m, tag, ctx, r, &l, &arena);
	model_score_fast(md, &l, r->kind, &s);
	free(l.v);
	free(l.hash);
	arena_free(&arena);
	if (s.override && s.rules >= 0) {
		r->kind = s.kind;
		r->why = model_why[s.best][s.rules];
	}
}
