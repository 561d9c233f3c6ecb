/* protocols.conf reader (conffile.h) and PV protocol matching. */
#include <ctype.h>
#include <errno.h>
#include <fnmatch.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "buf.h"
#include "conffile.h"
#include "consensus.h"
#include "datetime.h"
#include "log.h"
#include "protocols.h"
#include "re.h"
#include "xmalloc.h"

/*
 * Steps one pcre2_match may take.  The name patterns are plain
 * alternations and stay far below it; a careless keyword on hostile mail
 * stops here instead of stalling the bot.
 */
#define PROTOCOLS_MATCH_LIMIT	1000000

/* Key, value and one more, so "too many values" can be reported. */
#define PROTOCOLS_MAXTOK	3

struct protocol_re {
	pcre2_code	 *names;	/* name, title and aliases as words */
	pcre2_code	**keywords;	/* parallel to protocol keywords */
	char		**dirs;		/* parallel to paths: "dir/" globs */
	size_t		 *lit;		/* parallel to paths: literal start */
	int		  bad;		/* an error was reported in its block */
};

struct protocols {
	struct protocol		*v;
	size_t			 n;
	time_t			 stages_date;	/* of the stage lines, or 0 */
	pcre2_match_context	*mctx;
	/*
	 * Every protocol's names in one pattern: text it does not match
	 * names no protocol, and the patterns of each need not run.
	 */
	pcre2_code		*names;
};

struct protocols_parse {
	struct protocols	*ps;
	struct conffile		 f;
	struct protocol		*cur;	/* block being filled */
	int			 skip;	/* ignore lines of a bad block */
};

struct protocols_key {
	const char	*name;
	void		(*set)(struct protocols_parse *, const char *);
};

static void	protocols_set_alias(struct protocols_parse *, const char *);
static void	protocols_set_keyword(struct protocols_parse *, const char *);
static void	protocols_set_path(struct protocols_parse *, const char *);
static void	protocols_set_stage(struct protocols_parse *, const char *);
static void	protocols_set_support(struct protocols_parse *, const char *);
static void	protocols_set_title(struct protocols_parse *, const char *);

/* Sorted by name for bsearch. */
static const struct protocols_key protocols_keys[] = {
	{ "alias", protocols_set_alias },
	{ "keyword", protocols_set_keyword },
	{ "path", protocols_set_path },
	{ "stage", protocols_set_stage },
	{ "support", protocols_set_support },
	{ "title", protocols_set_title },
};

static void protocols_error(struct protocols_parse *, const char *, ...)
    __attribute__((format(printf, 2, 3)));

/* An error at the current line, which marks the block being read bad. */
static void
protocols_error(struct protocols_parse *pp, const char *fmt, ...)
{
	va_list	 ap;

	va_start(ap, fmt);
	conffile_verror(&pp->f, pp->f.line, fmt, ap);
	va_end(ap);
	if (pp->cur != NULL)
		pp->cur->re->bad = 1;
}

static int
protocols_key_cmp(const void *key, const void *elem)
{
	return (strcmp(key, ((const struct protocols_key *)elem)->name));
}

static const struct protocols_key *
protocols_key(const char *name)
{
	return (bsearch(name, protocols_keys, sizeof protocols_keys /
	    sizeof protocols_keys[0], sizeof protocols_keys[0],
	    protocols_key_cmp));
}

static void
protocols_strv_add(char ***v, size_t *n, const char *s)
{
	*v = xreallocarray(*v, *n + 1, sizeof **v);
	(*v)[(*n)++] = xstrdup(s);
}

static void
protocols_strv_free(char **v, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

/* Whether s has a letter or digit, without which it could match nothing. */
static int
protocols_has_alnum(const char *s)
{
	for (; *s != '\0'; s++)
		if (isalnum((unsigned char)*s))
			return (1);
	return (0);
}

/*
 * Unquote the token at *s in place: the text moves left over the opening
 * quote.  Returns -1 (with an error) when it is not closed or is followed
 * by more text.
 */
static int
protocols_unquote(struct protocols_parse *pp, char **s)
{
	char	*r = *s + 1, *w = *s;

	for (;;) {
		if (*r == '\0') {
			protocols_error(pp, "unterminated quote");
			return (-1);
		}
		if (*r == '"')
			break;
		if (*r == '\\' && (r[1] == '"' || r[1] == '\\'))
			r++;
		*w++ = *r++;
	}
	r++;
	if (*r != '\0' && *r != ' ' && *r != '\t') {
		protocols_error(pp, "text after closing quote");
		return (-1);
	}
	*w = '\0';
	*s = *r == '\0' ? r : r + 1;
	return (0);
}

/* Split a line into words and quoted phrases; -1 on a quoting error. */
static int
protocols_split(struct protocols_parse *pp, char *s, char **tok, int *ntok)
{
	char	*end;

	*ntok = 0;
	for (;;) {
		s += strspn(s, " \t");
		if (*s == '\0' || *s == '#')
			return (0);
		if (*ntok < PROTOCOLS_MAXTOK)
			tok[*ntok] = s;
		(*ntok)++;
		if (*s == '"') {
			if (protocols_unquote(pp, &s) != 0)
				return (-1);
			continue;
		}
		end = s + strcspn(s, " \t");
		if (memchr(s, '"', (size_t)(end - s)) != NULL) {
			protocols_error(pp, "stray quote (quote the whole "
			    "value)");
			return (-1);
		}
		s = end;
		if (*s != '\0')
			*s++ = '\0';
	}
}

/* The protocol a name, title or alias already means, or NULL. */
static struct protocol *
protocols_owner(const struct protocols *ps, const char *word)
{
	struct protocol	*p;
	size_t		 i, j;

	for (i = 0; i < ps->n; i++) {
		p = &ps->v[i];
		if (strcasecmp(p->name, word) == 0 || (p->title != NULL &&
		    strcasecmp(p->title, word) == 0))
			return (p);
		for (j = 0; j < p->naliases; j++)
			if (strcasecmp(p->aliases[j], word) == 0)
				return (p);
	}
	return (NULL);
}

/*
 * A name, title or alias must point at one protocol only, or
 * protocols_find and text matching could not tell them apart.
 */
static int
protocols_claim(struct protocols_parse *pp, const char *what,
    const char *word)
{
	struct protocol	*owner;

	if (!protocols_has_alnum(word)) {
		protocols_error(pp, "%s '%s' has no letter or digit", what,
		    word);
		return (-1);
	}
	owner = protocols_owner(pp->ps, word);
	if (owner != NULL && owner != pp->cur) {
		protocols_error(pp, "%s '%s' already names protocol '%s' "
		    "(line %d)", what, word, owner->name, owner->line);
		return (-1);
	}
	return (0);
}

static void
protocols_set_title(struct protocols_parse *pp, const char *value)
{
	if (pp->cur->title != NULL) {
		protocols_error(pp, "protocol '%s' already has a title",
		    pp->cur->name);
		return;
	}
	if (protocols_claim(pp, "title", value) == 0)
		pp->cur->title = xstrdup(value);
}

static void
protocols_set_alias(struct protocols_parse *pp, const char *value)
{
	struct protocol	*p = pp->cur;

	if (protocols_claim(pp, "alias", value) == 0)
		protocols_strv_add(&p->aliases, &p->naliases, value);
}

static void
protocols_set_path(struct protocols_parse *pp, const char *value)
{
	struct protocol	*p = pp->cur;
	size_t		 len = strlen(value);

	/* Paths come from diffs, relative to the top of some tree. */
	if (*value == '/') {
		protocols_error(pp, "path '%s' must be relative", value);
		return;
	}
	p->re->dirs = xreallocarray(p->re->dirs, p->npaths + 1,
	    sizeof *p->re->dirs);
	p->re->dirs[p->npaths] = NULL;
	if (len > 1 && value[len - 1] == '/')
		p->re->dirs[p->npaths] = xstrndup(value, len - 1);
	/*
	 * The bytes before the first special character of the glob: a path
	 * it matches starts with them (no case folding), so a path that
	 * does not is never given to fnmatch.
	 */
	p->re->lit = xreallocarray(p->re->lit, p->npaths + 1,
	    sizeof *p->re->lit);
	p->re->lit[p->npaths] = strcspn(p->re->dirs[p->npaths] != NULL ?
	    p->re->dirs[p->npaths] : value, "*?[\\");
	protocols_strv_add(&p->paths, &p->npaths, value);
}

static void
protocols_set_stage(struct protocols_parse *pp, const char *value)
{
	if (!consensus_is_stage(value)) {
		protocols_error(pp, "bad stage '%s' (design, prototype, "
		    "production)", value);
		return;
	}
	if (pp->cur->stage != NULL) {
		protocols_error(pp, "protocol '%s' already has a stage",
		    pp->cur->name);
		return;
	}
	pp->cur->stage = xstrdup(value);
}

/* "stages-date DATE": when SUPPORT.md gave the stage lines. */
static void
protocols_set_stages_date(struct protocols_parse *pp, char **tok, int ntok)
{
	time_t	t;

	if (ntok != 2 || datetime_parse_user(tok[1], &t) != 0)
		protocols_error(pp, "'stages-date' takes one date "
		    "(2026-07-28)");
	else if (pp->ps->stages_date != 0)
		protocols_error(pp, "a second 'stages-date'");
	else
		pp->ps->stages_date = t;
}

static void
protocols_set_support(struct protocols_parse *pp, const char *value)
{
	struct protocol	*p = pp->cur;

	protocols_strv_add(&p->support_names, &p->nsupport, value);
	p->support_name = p->support_names[0];
}

/* Mail is bytes, not always valid UTF-8: never switch UTF on. */
#define PROTOCOLS_RE_FLAGS	(PCRE2_CASELESS | PCRE2_NEVER_UTF | \
	PCRE2_NEVER_UCP)

static void
protocols_set_keyword(struct protocols_parse *pp, const char *value)
{
	struct protocol	*p = pp->cur;
	pcre2_code	*re;
	char		*why;

	if ((re = re_compile(value, PCRE2_ZERO_TERMINATED, PROTOCOLS_RE_FLAGS,
	    &why)) == NULL) {
		protocols_error(pp, "bad keyword '%s': %s", value, why);
		free(why);
		return;
	}
	p->re->keywords = xreallocarray(p->re->keywords, p->nkeywords + 1,
	    sizeof *p->re->keywords);
	p->re->keywords[p->nkeywords] = re;
	protocols_strv_add(&p->keywords, &p->nkeywords, value);
}

/* Protocol names are identifiers: they appear in commands and tags. */
static int
protocols_valid_name(const char *name)
{
	if (!protocols_has_alnum(name))
		return (0);
	for (; *name != '\0'; name++)
		if (!isalnum((unsigned char)*name) && strchr("_.-", *name) ==
		    NULL)
			return (0);
	return (1);
}

static void
protocols_open(struct protocols_parse *pp, const char *name)
{
	struct protocols	*ps = pp->ps;
	struct protocol		*owner, *p;

	if (!protocols_valid_name(name)) {
		protocols_error(pp, "bad protocol name '%s' (use letters, "
		    "digits, '-', '_', '.')", name);
		return;
	}
	if ((owner = protocols_owner(ps, name)) != NULL) {
		if (strcasecmp(owner->name, name) == 0)
			protocols_error(pp, "duplicate protocol '%s' (first "
			    "at line %d)", name, owner->line);
		else
			protocols_error(pp, "protocol name '%s' already names "
			    "protocol '%s' (line %d)", name, owner->name,
			    owner->line);
		return;
	}
	ps->v = xreallocarray(ps->v, ps->n + 1, sizeof *ps->v);
	p = &ps->v[ps->n++];
	memset(p, 0, sizeof *p);
	p->name = xstrdup(name);
	p->line = pp->f.line;
	p->re = xcalloc(1, sizeof *p->re);
	pp->cur = p;
	pp->skip = 0;
}

/*
 * End the current block.  A missing title is only worth saying when the
 * block had no other error: a bad title line has been reported already.
 */
static void
protocols_close(struct protocols_parse *pp)
{
	struct protocol	*p = pp->cur;
	int		 line = pp->f.line;

	if (p != NULL && p->title == NULL && !p->re->bad) {
		pp->f.line = p->line;
		protocols_error(pp, "protocol '%s' has no title", p->name);
		pp->f.line = line;
	}
	pp->cur = NULL;
}

/*
 * An unindented line: "protocol NAME" starts a block; "stages-date" is
 * the one line outside any.
 */
static void
protocols_block(struct protocols_parse *pp, char **tok, int ntok)
{
	protocols_close(pp);
	pp->skip = 1;
	if (strcmp(tok[0], "stages-date") == 0) {
		protocols_set_stages_date(pp, tok, ntok);
		return;
	}
	if (strcmp(tok[0], "protocol") != 0) {
		if (protocols_key(tok[0]) != NULL)
			protocols_error(pp, "'%s' must be indented under a "
			    "'protocol' line", tok[0]);
		else
			protocols_error(pp, "unknown keyword '%s'", tok[0]);
		return;
	}
	if (ntok != 2) {
		protocols_error(pp, "'protocol' takes one name");
		return;
	}
	protocols_open(pp, tok[1]);
}

static void
protocols_line(struct protocols_parse *pp, char *line)
{
	const struct protocols_key	*k;
	char				*tok[PROTOCOLS_MAXTOK];
	int				 ntok, indented;

	indented = *line == ' ' || *line == '\t';
	if (protocols_split(pp, line, tok, &ntok) != 0) {
		/* A broken block line must not lend its lines to the last. */
		if (!indented) {
			protocols_close(pp);
			pp->skip = 1;
		}
		return;
	}
	if (ntok == 0)
		return;
	if (!indented) {
		protocols_block(pp, tok, ntok);
		return;
	}
	if ((k = protocols_key(tok[0])) == NULL) {
		protocols_error(pp, "unknown keyword '%s'", tok[0]);
		return;
	}
	if (pp->cur == NULL) {
		if (!pp->skip)
			protocols_error(pp, "'%s' outside a protocol block",
			    tok[0]);
		return;
	}
	if (ntok != 2 || *tok[1] == '\0') {
		protocols_error(pp, ntok < 2 || *tok[1] == '\0' ?
		    "'%s' needs a value" : "'%s' takes one value (quote a "
		    "phrase)", tok[0]);
		return;
	}
	k->set(pp, tok[1]);
}

/* Add s to a pattern, matching blanks, '-' and '_' runs as one class. */
static void
protocols_re_literal(struct buf *b, const char *s)
{
	int	emitted = 0, sep = 0;

	for (; *s != '\0'; s++) {
		if (*s == ' ' || *s == '\t' || *s == '-' || *s == '_') {
			sep = 1;
			continue;
		}
		if (sep && emitted)
			buf_addstr(b, "[\\s_-]+");
		sep = 0;
		emitted = 1;
		if (isalnum((unsigned char)*s))
			buf_addch(b, *s);
		else
			buf_printf(b, "\\x{%02x}", (unsigned char)*s);
	}
}

/*
 * One pattern for the name, title and aliases, each a whole word: no
 * letter, digit or '_' may touch it, so "calls" is not "pvcalls" and
 * "netif_rx" is not "netif".
 */
static void
protocols_names_alternatives(struct buf *b, const struct protocol *p)
{
	size_t	i;

	protocols_re_literal(b, p->name);
	buf_addch(b, '|');
	protocols_re_literal(b, p->title);
	for (i = 0; i < p->naliases; i++) {
		buf_addch(b, '|');
		protocols_re_literal(b, p->aliases[i]);
	}
}

static void
protocols_compile_names(struct protocols_parse *pp, struct protocol *p)
{
	struct buf	 b;
	char		*why;

	buf_init(&b);
	buf_addstr(&b, "(?<![[:alnum:]_])(?:");
	protocols_names_alternatives(&b, p);
	buf_addstr(&b, ")(?![[:alnum:]_])");
	p->re->names = re_compile(b.data, b.len, PROTOCOLS_RE_FLAGS, &why);
	buf_release(&b);
	if (p->re->names == NULL) {
		pp->f.line = p->line;
		protocols_error(pp, "protocol '%s': %s", p->name, why);
		free(why);
	}
}

/*
 * Every protocol's names in one pattern, each protocol's pattern an
 * alternative of it: where none of the names matches, no protocol's
 * names do.  None (NULL) when it does not compile.
 */
static void
protocols_compile_all_names(struct protocols *ps)
{
	struct buf	 b;
	char		*why = NULL;
	size_t		 i;

	if (ps->n == 0)
		return;
	buf_init(&b);
	buf_addstr(&b, "(?<![[:alnum:]_])(?:");
	for (i = 0; i < ps->n; i++) {
		if (i > 0)
			buf_addch(&b, '|');
		protocols_names_alternatives(&b, &ps->v[i]);
	}
	buf_addstr(&b, ")(?![[:alnum:]_])");
	ps->names = re_compile(b.data, b.len, PROTOCOLS_RE_FLAGS, &why);
	buf_release(&b);
	free(why);
}

/* Compile the name patterns once all blocks are read and sound. */
static void
protocols_finish(struct protocols_parse *pp)
{
	size_t	i;

	protocols_close(pp);
	for (i = 0; i < pp->ps->n && pp->ps->stages_date == 0; i++) {
		if (pp->ps->v[i].stage != NULL) {
			conffile_error_at(&pp->f, pp->ps->v[i].line, "protocol "
			    "'%s' has a stage but the file has no "
			    "'stages-date' (when SUPPORT.md gave it)",
			    pp->ps->v[i].name);
			break;
		}
	}
	for (i = 0; i < pp->ps->n && !conffile_failed(&pp->f); i++)
		protocols_compile_names(pp, &pp->ps->v[i]);
	if (!conffile_failed(&pp->f))
		protocols_compile_all_names(pp->ps);
	pp->ps->mctx = re_context(PROTOCOLS_MATCH_LIMIT, 0);
}

/* Every line of f into a new registry; its errors all at once. */
static int
protocols_read(struct conffile *f, struct protocols **out, char **cause)
{
	struct protocols_parse	 pp;
	char			*line;
	size_t			 n;

	memset(&pp, 0, sizeof pp);
	pp.ps = xcalloc(1, sizeof *pp.ps);
	pp.f = *f;
	while ((line = conffile_getline(&pp.f, &n)) != NULL) {
		if (n > 0 && line[n - 1] == '\r')
			line[--n] = '\0';
		if (memchr(line, '\0', n) != NULL) {
			protocols_error(&pp, "NUL byte in line");
			continue;
		}
		protocols_line(&pp, line);
	}
	protocols_finish(&pp);
	if (conffile_close(&pp.f, cause) != 0) {
		protocols_free(pp.ps);
		return (-1);
	}
	*out = pp.ps;
	return (0);
}

int
protocols_parse(const char *text, size_t len, const char *filename,
    struct protocols **out, char **cause)
{
	struct conffile	f;

	conffile_init(&f, filename, text, len);
	return (protocols_read(&f, out, cause));
}

int
protocols_load(const char *path, struct protocols **out, char **cause)
{
	struct conffile	f;

	if (conffile_open_or(&f, path, "pvbot/protocols.conf", cause) != 0)
		return (-1);
	return (protocols_read(&f, out, cause));
}

static void
protocols_free_one(struct protocol *p)
{
	size_t	i;

	free(p->name);
	free(p->title);
	free(p->stage);
	protocols_strv_free(p->aliases, p->naliases);
	protocols_strv_free(p->support_names, p->nsupport);
	protocols_strv_free(p->keywords, p->nkeywords);
	if (p->re != NULL) {
		pcre2_code_free(p->re->names);
		for (i = 0; i < p->nkeywords; i++)
			pcre2_code_free(p->re->keywords[i]);
		free(p->re->keywords);
		protocols_strv_free(p->re->dirs, p->npaths);
		free(p->re->lit);
		free(p->re);
	}
	protocols_strv_free(p->paths, p->npaths);
}

void
protocols_free(struct protocols *ps)
{
	size_t	i;

	if (ps == NULL)
		return;
	for (i = 0; i < ps->n; i++)
		protocols_free_one(&ps->v[i]);
	free(ps->v);
	pcre2_match_context_free(ps->mctx);
	pcre2_code_free(ps->names);
	free(ps);
}

size_t
protocols_count(const struct protocols *ps)
{
	return (ps->n);
}

time_t
protocols_stages_date(const struct protocols *ps)
{
	return (ps->stages_date);
}

const struct protocol *
protocols_get(const struct protocols *ps, size_t i)
{
	if (i >= ps->n)
		return (NULL);
	return (&ps->v[i]);
}

const struct protocol *
protocols_find(const struct protocols *ps, const char *name)
{
	return (protocols_owner(ps, name));
}

static int
protocols_path_hit(const struct protocol *p, size_t i, const char *path)
{
	const char	*glob = p->re->dirs[i] != NULL ? p->re->dirs[i] :
			    p->paths[i];

	/* Most globs part at the first byte: no call for those. */
	if (p->re->lit[i] > 0 && (*glob != *path || strncmp(path, glob,
	    p->re->lit[i]) != 0))
		return (0);
	/* "dir/" is the directory and everything below it. */
	if (p->re->dirs[i] != NULL)
		return (fnmatch(p->re->dirs[i], path,
		    FNM_PATHNAME | FNM_LEADING_DIR) == 0);
	return (fnmatch(p->paths[i], path, FNM_PATHNAME) == 0);
}

int
protocols_match_path(const struct protocols *ps, const char *path,
    const struct protocol **out)
{
	size_t	i, j;

	for (i = 0; i < ps->n; i++) {
		for (j = 0; j < ps->v[i].npaths; j++) {
			if (protocols_path_hit(&ps->v[i], j, path)) {
				*out = &ps->v[i];
				return (1);
			}
		}
	}
	return (0);
}

static int
protocols_text_hit(const struct protocols *ps, const struct protocol *p,
    const char *text, pcre2_match_data *md, int names)
{
	size_t	i;

	/* Errors, such as the match limit, are no match (see header). */
	if (names && re_match(p->re->names, text, PCRE2_ZERO_TERMINATED, 0,
	    md, ps->mctx) == RE_MATCH)
		return (1);
	for (i = 0; i < p->nkeywords; i++) {
		if (re_match(p->re->keywords[i], text, PCRE2_ZERO_TERMINATED,
		    0, md, ps->mctx) == RE_MATCH)
			return (1);
	}
	return (0);
}

size_t
protocols_match_text(const struct protocols *ps, const char *text,
    const struct protocol ***out)
{
	pcre2_match_data	 *md;
	const struct protocol	**v = NULL;
	size_t			  i, n = 0;
	int			  names = 1;

	if ((md = pcre2_match_data_create(1, NULL)) == NULL)
		fatalx("%s: out of memory", __func__);
	/* Most text names no protocol: one pattern tells. */
	if (ps->names != NULL && re_match(ps->names, text,
	    PCRE2_ZERO_TERMINATED, 0, md, ps->mctx) == RE_NOMATCH)
		names = 0;
	for (i = 0; i < ps->n; i++) {
		if (protocols_text_hit(ps, &ps->v[i], text, md, names)) {
			v = xreallocarray(v, n + 1, sizeof *v);
			v[n++] = &ps->v[i];
		}
	}
	pcre2_match_data_free(md);
	*out = v;
	return (n);
}
