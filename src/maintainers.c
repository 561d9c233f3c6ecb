/* MAINTAINERS parsing and path matching. */
#include <ctype.h>
#include <errno.h>
#include <fnmatch.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "buf.h"
#include "conffile.h"
#include "log.h"
#include "maintainers.h"
#include "re.h"
#include "text.h"
#include "xmalloc.h"

/* A brace pattern may expand to this many alternatives; more stay unused. */
#define MAINTAINERS_MAX_ALTS	64

/* One alternative of an F: or X: pattern, ready to match. */
struct maintainers_pattern {
	char	*glob;		/* as written, without trailing '/' */
	int	 dir;		/* written with a trailing '/' */
	int	 literal;	/* no wildcard characters */
	size_t	 weight;	/* its length: longer is more specific */
};

struct maintainers_entry {
	struct maintainers_section	 pub;	/* first: what callers see */
	struct maintainers_pattern	*fp;
	size_t				 nfp;
	struct maintainers_pattern	*xp;
	size_t				 nxp;
	pcre2_code			**nre;	/* pub.n compiled, same order */
	int				 rest;	/* "THE REST": sorts last */
};

struct maintainers {
	struct maintainers_entry	**v;
	size_t				  n;
};

struct maintainers_parser {
	struct conffile			 f;
	struct maintainers		*mt;
	struct maintainers_entry	*cur;	/* section being read */
	char				*title;	/* paragraph's first line */
	int				 title_line;
	int				 nlines; /* lines in the paragraph */
};

/* One section matching a path, while sorting. */
struct maintainers_hit {
	const struct maintainers_entry	*e;
	long				 score;
	size_t				 index;
};

static void
maintainers_push(char ***v, size_t *n, char *s)
{
	*v = xreallocarray(*v, *n + 1, sizeof **v);
	(*v)[(*n)++] = s;
}

static void
maintainers_strv_free(char **v, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

/*
 * The lower-cased address in "Name <addr>" or a bare "addr", or NULL when
 * there is none.  The last <...> wins because names may hold '<' quoted.
 */
static char *
maintainers_address(const char *s)
{
	const char	*lt, *gt;
	char		*a;

	if ((lt = strrchr(s, '<')) != NULL && (gt = strchr(lt, '>')) != NULL)
		a = xstrndup(lt + 1, gt - lt - 1);
	else
		a = xstrdup(s);
	text_collapse_ws(a);
	if (strchr(a, '@') == NULL || strchr(a, ' ') != NULL) {
		free(a);
		return (NULL);
	}
	text_lower(a);
	return (a);
}

/* Paths from diffs and users may start with "./" or "/"; MAINTAINERS not. */
static const char *
maintainers_trim_path(const char *path)
{
	for (;;) {
		if (path[0] == '.' && path[1] == '/')
			path += 2;
		else if (path[0] == '/')
			path++;
		else
			return (path);
	}
}

/* The '}' closing the '{' at open, or NULL when unbalanced. */
static const char *
maintainers_brace_end(const char *open)
{
	int	depth = 0;

	for (; *open != '\0'; open++) {
		if (*open == '{')
			depth++;
		else if (*open == '}' && --depth == 0)
			return (open);
	}
	return (NULL);
}

/* The ',' ending the alternative at alt, or close for the last one. */
static const char *
maintainers_alt_end(const char *alt, const char *close)
{
	int	depth = 0;

	for (; alt < close; alt++) {
		if (*alt == '{')
			depth++;
		else if (*alt == '}')
			depth--;
		else if (*alt == ',' && depth == 0)
			return (alt);
	}
	return (close);
}

/*
 * Xen writes "xen/common/{kexec,kimage}.c": expand it as a shell would,
 * since fnmatch has no braces.  Unbalanced braces stay literal.
 */
static void
maintainers_expand(const char *s, char ***v, size_t *n)
{
	const char	*open, *close, *alt, *end;
	char		*t;

	/*
	 * Past the cap, stop exploring too: k brace groups have 2^k
	 * expansions, and a hostile file can have hundreds of groups.
	 */
	if (*n >= MAINTAINERS_MAX_ALTS)
		return;
	if ((open = strchr(s, '{')) == NULL ||
	    (close = maintainers_brace_end(open)) == NULL) {
		maintainers_push(v, n, xstrdup(s));
		return;
	}
	for (alt = open + 1;; alt = end + 1) {
		end = maintainers_alt_end(alt, close);
		t = xasprintf("%.*s%.*s%s", (int)(open - s), s,
		    (int)(end - alt), alt, close + 1);
		maintainers_expand(t, v, n);
		free(t);
		if (end == close || *n >= MAINTAINERS_MAX_ALTS)
			break;
	}
}

static void
maintainers_add_pattern(struct maintainers_pattern **pv, size_t *pn,
    const char *raw)
{
	struct maintainers_pattern	*p;
	char				**alts = NULL;
	size_t				  nalts = 0, i, len;

	maintainers_expand(raw, &alts, &nalts);
	for (i = 0; i < nalts; i++) {
		*pv = xreallocarray(*pv, *pn + 1, sizeof **pv);
		p = &(*pv)[(*pn)++];
		len = p->weight = strlen(alts[i]);
		p->dir = len > 0 && alts[i][len - 1] == '/';
		while (len > 0 && alts[i][len - 1] == '/')
			alts[i][--len] = '\0';
		p->literal = strpbrk(alts[i], "*?[\\") == NULL;
		p->glob = alts[i];
	}
	free(alts);
}

static void
maintainers_patterns_free(struct maintainers_pattern *pv, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++)
		free(pv[i].glob);
	free(pv);
}

/*
 * A literal pattern names a file or, without the tree to look at, a
 * directory as well: get_maintainer.pl adds the '/' when -d says so.
 */
static int
maintainers_pattern_match(const struct maintainers_pattern *p,
    const char *path)
{
	size_t	 len = strlen(p->glob);
	char	*copy, *slash;
	int	 found = 0;

	if (p->literal)
		return (strncmp(path, p->glob, len) == 0 &&
		    (path[len] == '/' || (!p->dir && path[len] == '\0')));
	if (!p->dir)
		return (fnmatch(p->glob, path, FNM_PATHNAME) == 0);
	copy = xstrdup(path);
	for (slash = strchr(copy, '/'); !found && slash != NULL;
	    slash = strchr(slash + 1, '/')) {
		*slash = '\0';
		found = fnmatch(p->glob, copy, FNM_PATHNAME) == 0;
		*slash = '/';
	}
	free(copy);
	return (found);
}

/*
 * A runtime error (a match limit) reads as no match: the worst outcome is
 * a section missing from a list, and N: regexes are short.
 */
static int
maintainers_regex_match(pcre2_code *re, const char *path)
{
	pcre2_match_data	*md;
	int			 rc;

	if ((md = pcre2_match_data_create_from_pattern(re, NULL)) == NULL)
		fatalx("%s: out of memory", __func__);
	rc = re_match(re, path, PCRE2_ZERO_TERMINATED, 0, md, NULL);
	pcre2_match_data_free(md);
	return (rc == RE_MATCH);
}

/*
 * How specifically e covers path: the length of its longest matching F:,
 * 0 for an N: match alone, -1 when it does not or an X: excludes it.
 */
static long
maintainers_entry_score(const struct maintainers_entry *e, const char *path)
{
	long	best = -1;
	size_t	i;

	for (i = 0; i < e->nxp; i++)
		if (maintainers_pattern_match(&e->xp[i], path))
			return (-1);
	for (i = 0; i < e->nfp; i++)
		if ((long)e->fp[i].weight > best &&
		    maintainers_pattern_match(&e->fp[i], path))
			best = (long)e->fp[i].weight;
	for (i = 0; best < 0 && i < e->pub.nn; i++)
		if (maintainers_regex_match(e->nre[i], path))
			best = 0;
	return (best);
}

static void
maintainers_entry_free(struct maintainers_entry *e)
{
	struct maintainers_section	*s = &e->pub;
	size_t				 i;

	free(s->title);
	maintainers_strv_free(s->m, s->nm);
	maintainers_strv_free(s->m_email, s->nm);
	maintainers_strv_free(s->r, s->nr);
	maintainers_strv_free(s->r_email, s->nr);
	maintainers_strv_free(s->l, s->nl);
	free(s->status);
	maintainers_strv_free(s->f, s->nf);
	maintainers_strv_free(s->x, s->nx);
	maintainers_strv_free(s->k, s->nk);
	for (i = 0; i < s->nn; i++)
		pcre2_code_free(e->nre[i]);
	free(e->nre);
	maintainers_strv_free(s->n, s->nn);
	maintainers_patterns_free(e->fp, e->nfp);
	maintainers_patterns_free(e->xp, e->nxp);
	free(e);
}

/* The paragraph's title line starts a section at its first entry. */
static void
maintainers_open(struct maintainers_parser *p)
{
	struct maintainers		*mt = p->mt;
	struct maintainers_entry	*e;

	e = xcalloc(1, sizeof *e);
	e->pub.title = p->title;
	e->pub.line = p->title_line;
	e->rest = strcasecmp(p->title, "THE REST") == 0;
	p->title = NULL;
	mt->v = xreallocarray(mt->v, mt->n + 1, sizeof *mt->v);
	mt->v[mt->n++] = e;
	p->cur = e;
}

static void
maintainers_person(struct maintainers_parser *p, char ***v, char ***emails,
    size_t *n, char type, const char *value)
{
	char	*addr;

	if ((addr = maintainers_address(value)) == NULL) {
		conffile_error(&p->f, "%c: '%s' has no email address", type,
		    value);
		return;
	}
	*emails = xreallocarray(*emails, *n + 1, sizeof **emails);
	(*emails)[*n] = addr;
	maintainers_push(v, n, xstrdup(value));
}

static void
maintainers_regex(struct maintainers_parser *p, const char *value)
{
	struct maintainers_entry	*e = p->cur;
	pcre2_code			*re;
	char				*why;

	/* get_maintainer.pl matches N: with m/$value/x. */
	if ((re = re_compile(value, PCRE2_ZERO_TERMINATED, PCRE2_EXTENDED,
	    &why)) == NULL) {
		conffile_error(&p->f, "N: '%s': %s", value, why);
		free(why);
		return;
	}
	e->nre = xreallocarray(e->nre, e->pub.nn + 1, sizeof *e->nre);
	e->nre[e->pub.nn] = re;
	maintainers_push(&e->pub.n, &e->pub.nn, xstrdup(value));
}

static void
maintainers_field(struct maintainers_parser *p, char type, const char *value)
{
	struct maintainers_entry	*e = p->cur;
	struct maintainers_section	*s = &e->pub;

	switch (type) {
	case 'M':
		maintainers_person(p, &s->m, &s->m_email, &s->nm, type, value);
		break;
	case 'R':
		maintainers_person(p, &s->r, &s->r_email, &s->nr, type, value);
		break;
	case 'L':
		maintainers_push(&s->l, &s->nl, xstrdup(value));
		break;
	case 'S':
		/* Old Linux files give one per era ("S: Odd Fixes for 2.4"). */
		if (s->status == NULL)
			s->status = xstrdup(value);
		break;
	case 'F':
		maintainers_push(&s->f, &s->nf, xstrdup(value));
		maintainers_add_pattern(&e->fp, &e->nfp, value);
		break;
	case 'X':
		maintainers_push(&s->x, &s->nx, xstrdup(value));
		maintainers_add_pattern(&e->xp, &e->nxp, value);
		break;
	case 'N':
		maintainers_regex(p, value);
		break;
	case 'K':
		maintainers_push(&s->k, &s->nk, xstrdup(value));
		break;
	}
}

/*
 * A "X: value" line: open the section if it is the first, then store it.
 * Before the first section such lines are a legend ("M: Mail patches to"
 * in older Linux files) and belong to the preamble.
 */
static void
maintainers_entry_line(struct maintainers_parser *p, char *line)
{
	char	*value = line + 2;

	value += strspn(value, " \t");
	if (p->cur == NULL) {
		if (p->title == NULL || p->nlines != 2) {
			if (p->mt->n > 0)
				conffile_error(&p->f, "'%c:' line outside a "
				    "section (no title line above it)",
				    line[0]);
			return;
		}
		maintainers_open(p);
	}
	if (*value == '\0' && strchr("MRLSFXNK", line[0]) != NULL) {
		conffile_error(&p->f, "empty %c: line", line[0]);
		return;
	}
	maintainers_field(p, line[0], value);
}

/*
 * Paragraphs are separated by blank lines.  One whose first line is not
 * indented and whose second is "X: value" is a section; other paragraphs
 * are prose (the preamble) and are skipped.
 */
static void
maintainers_parse_line(struct maintainers_parser *p, char *line)
{
	size_t	len = strlen(line);

	while (len > 0 && isspace((unsigned char)line[len - 1]))
		line[--len] = '\0';
	if (len == 0) {
		p->cur = NULL;
		free(p->title);
		p->title = NULL;
		p->nlines = 0;
		return;
	}
	if (line[strspn(line, " \t")] == '#')
		return;
	p->nlines++;
	if (isupper((unsigned char)line[0]) && line[1] == ':') {
		maintainers_entry_line(p, line);
		return;
	}
	if (p->cur != NULL)
		conffile_error(&p->f, "expected an 'X: value' line in '%s'",
		    p->cur->pub.title);
	else if (p->nlines == 1 && !isspace((unsigned char)line[0])) {
		p->title = xstrdup(line);
		p->title_line = p->f.line;
	}
}

/* Every line of f into a new MAINTAINERS; its errors all at once. */
static int
maintainers_read(struct conffile *f, struct maintainers **out, char **cause)
{
	struct maintainers_parser	 p;
	char				*line;

	memset(&p, 0, sizeof p);
	p.f = *f;
	p.mt = xcalloc(1, sizeof *p.mt);
	while ((line = conffile_getline(&p.f, NULL)) != NULL)
		maintainers_parse_line(&p, line);
	free(p.title);
	if (!conffile_failed(&p.f) && p.mt->n == 0)
		conffile_error_at(&p.f, 0, "no sections (a title line followed "
		    "by 'M: ...' lines): not a MAINTAINERS file?");
	if (conffile_close(&p.f, cause) != 0) {
		maintainers_free(p.mt);
		return (-1);
	}
	*out = p.mt;
	return (0);
}

int
maintainers_parse(const char *text, size_t len, const char *filename,
    struct maintainers **out, char **cause)
{
	struct conffile	f;

	conffile_init(&f, filename != NULL ? filename : "MAINTAINERS", text,
	    len);
	return (maintainers_read(&f, out, cause));
}

int
maintainers_load(const char *path, struct maintainers **out, char **cause)
{
	struct conffile	f;

	if (conffile_open(&f, path, cause) != 0)
		return (-1);
	return (maintainers_read(&f, out, cause));
}

void
maintainers_free(struct maintainers *mt)
{
	size_t	i;

	if (mt == NULL)
		return;
	for (i = 0; i < mt->n; i++)
		maintainers_entry_free(mt->v[i]);
	free(mt->v);
	free(mt);
}

size_t
maintainers_nsections(const struct maintainers *mt)
{
	return (mt->n);
}

const struct maintainers_section *
maintainers_get(const struct maintainers *mt, size_t i)
{
	if (i >= mt->n)
		return (NULL);
	return (&mt->v[i]->pub);
}

const struct maintainers_section *
maintainers_find(const struct maintainers *mt, const char *title)
{
	size_t	i;

	for (i = 0; i < mt->n; i++)
		if (strcasecmp(mt->v[i]->pub.title, title) == 0)
			return (&mt->v[i]->pub);
	return (NULL);
}

/* THE REST last, then the most specific, then file order. */
static int
maintainers_hit_cmp(const void *a, const void *b)
{
	const struct maintainers_hit	*x = a, *y = b;

	if (x->e->rest != y->e->rest)
		return (x->e->rest - y->e->rest);
	if (x->score != y->score)
		return (x->score > y->score ? -1 : 1);
	return (x->index < y->index ? -1 : x->index > y->index);
}

size_t
maintainers_match(const struct maintainers *mt, const char *path,
    const struct maintainers_section ***out)
{
	struct maintainers_hit	*hits;
	size_t			 i, n = 0;
	long			 score;

	*out = NULL;
	path = maintainers_trim_path(path);
	hits = xreallocarray(NULL, mt->n, sizeof *hits);
	for (i = 0; i < mt->n; i++) {
		if ((score = maintainers_entry_score(mt->v[i], path)) < 0)
			continue;
		hits[n].e = mt->v[i];
		hits[n].score = score;
		hits[n++].index = i;
	}
	if (n > 0) {
		qsort(hits, n, sizeof *hits, maintainers_hit_cmp);
		*out = xreallocarray(NULL, n, sizeof **out);
		for (i = 0; i < n; i++)
			(*out)[i] = &hits[i].e->pub;
	}
	free(hits);
	return (n);
}

static int
maintainers_has_m(const struct maintainers_section *s, const char *addr)
{
	size_t	i;

	for (i = 0; i < s->nm; i++)
		if (strcmp(s->m_email[i], addr) == 0)
			return (1);
	return (0);
}

int
maintainers_is_maintainer(const struct maintainers *mt, const char *email,
    char *const *paths, size_t npaths)
{
	const struct maintainers_entry	*e;
	char				*addr;
	size_t				 i, j;
	int				 found = 0;

	if ((addr = maintainers_address(email)) == NULL)
		return (0);
	/* Few sections name the address: test those against the paths. */
	for (i = 0; !found && i < mt->n; i++) {
		e = mt->v[i];
		if (!maintainers_has_m(&e->pub, addr))
			continue;
		for (j = 0; !found && j < npaths; j++)
			found = maintainers_entry_score(e,
			    maintainers_trim_path(paths[j])) >= 0;
	}
	free(addr);
	return (found);
}

int
maintainers_in_section(const struct maintainers *mt, const char *title,
    const char *email)
{
	const struct maintainers_section	*s;
	char					*addr;
	int					 found;

	if ((s = maintainers_find(mt, title)) == NULL ||
	    (addr = maintainers_address(email)) == NULL)
		return (0);
	found = maintainers_has_m(s, addr);
	free(addr);
	return (found);
}
