/* A small mustache subset for mail templates.  Pure. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "conffile.h"
#include "template.h"
#include "xmalloc.h"

enum template_op {
	TEMPLATE_TEXT,
	TEMPLATE_FIELD,
	TEMPLATE_SECTION,	/* {{#name}}: children repeat or show */
	TEMPLATE_INVERTED	/* {{^name}}: children show when empty */
};

struct template_node {
	enum template_op	 op;
	char			*text;		/* literal, or field name */
	struct template_node	*children;	/* sections */
	size_t			 nchildren;
};

struct template {
	struct template_node	 root;
};

struct template_parse {
	struct conffile		 f;		/* the file, line, errors */
	const char		*const *fields;
	const char		*p;		/* cursor in the text */
};

static void
template_error(struct template_parse *tp, const char *what, const char *name)
{
	conffile_error(&tp->f, "%s%s%s", what, name != NULL ? " " : "",
	    name != NULL ? name : "");
}

static struct template_node *
template_add(struct template_node *parent, enum template_op op, char *text)
{
	struct template_node	*n;

	parent->children = xreallocarray(parent->children,
	    parent->nchildren + 1, sizeof *parent->children);
	n = &parent->children[parent->nchildren++];
	memset(n, 0, sizeof *n);
	n->op = op;
	n->text = text;
	return (n);
}

static int
template_known(struct template_parse *tp, const char *name)
{
	size_t	i;

	for (i = 0; tp->fields[i] != NULL; i++)
		if (strcmp(tp->fields[i], name) == 0)
			return (1);
	return (0);
}

static void
template_count_lines(struct template_parse *tp, const char *from,
    const char *to)
{
	for (; from < to; from++)
		if (*from == '\n')
			tp->f.line++;
}

static int	template_parse_nodes(struct template_parse *,
		    struct template_node *, const char *);

/* One {{...}} tag at tp->p; children of sections parsed recursively. */
static int
template_tag(struct template_parse *tp, struct template_node *parent,
    const char *closing)
{
	const char		*end = strstr(tp->p + 2, "}}");
	char			*name, sigil;
	struct template_node	*n;

	if (end == NULL) {
		template_error(tp, "unterminated {{", NULL);
		return (-1);
	}
	sigil = tp->p[2];
	name = xstrndup(tp->p + 2 + (sigil == '#' || sigil == '^' ||
	    sigil == '/'), (size_t)(end - tp->p - 2 - (sigil == '#' ||
	    sigil == '^' || sigil == '/')));
	tp->p = end + 2;
	if (sigil == '/') {
		if (closing == NULL || strcmp(name, closing) != 0)
			template_error(tp, "unexpected closing", name);
		free(name);
		return (1);
	}
	if (!template_known(tp, name))
		template_error(tp, "unknown field", name);
	if (sigil != '#' && sigil != '^') {
		template_add(parent, TEMPLATE_FIELD, name);
		return (0);
	}
	n = template_add(parent, sigil == '#' ? TEMPLATE_SECTION :
	    TEMPLATE_INVERTED, name);
	return (template_parse_nodes(tp, n, name) < 0 ? -1 : 0);
}

/* Parse until the closing tag of section closing (NULL: end of text). */
static int
template_parse_nodes(struct template_parse *tp, struct template_node *parent,
    const char *closing)
{
	const char	*open;
	int		 r;

	for (;;) {
		open = strstr(tp->p, "{{");
		if (open == NULL) {
			if (*tp->p != '\0')
				template_add(parent, TEMPLATE_TEXT,
				    xstrdup(tp->p));
			tp->p += strlen(tp->p);
			if (closing != NULL)
				template_error(tp, "section not closed:",
				    closing);
			return (0);
		}
		if (open > tp->p)
			template_add(parent, TEMPLATE_TEXT, xstrndup(tp->p,
			    (size_t)(open - tp->p)));
		template_count_lines(tp, tp->p, open);
		tp->p = open;
		if ((r = template_tag(tp, parent, closing)) != 0)
			return (r);
	}
}

static void
template_free_node(struct template_node *n)
{
	size_t	i;

	for (i = 0; i < n->nchildren; i++)
		template_free_node(&n->children[i]);
	free(n->children);
	free(n->text);
}

/* A template from text, its errors at their lines in f. */
static int
template_read(struct conffile *f, const char *text,
    const char *const *fields, struct template **out, char **cause)
{
	struct template_parse	 tp;
	struct template		*t = xcalloc(1, sizeof *t);

	memset(&tp, 0, sizeof tp);
	tp.f = *f;
	tp.fields = fields;
	tp.p = text;
	tp.f.line = 1;
	if (template_parse_nodes(&tp, &t->root, NULL) < 0 &&
	    !conffile_failed(&tp.f))
		template_error(&tp, "bad template", NULL);
	if (conffile_close(&tp.f, cause) != 0) {
		template_free(t);
		return (-1);
	}
	*out = t;
	return (0);
}

int
template_parse(const char *text, const char *file, const char *const *fields,
    struct template **out, char **cause)
{
	struct conffile	f;

	conffile_init(&f, file, text, strlen(text));
	return (template_read(&f, text, fields, out, cause));
}

int
template_load(const char *path, const char *name, const char *const *fields,
    struct template **out, char **cause)
{
	struct conffile	f;

	if (conffile_open_or(&f, path, name, cause) != 0)
		return (-1);
	return (template_read(&f, conffile_text(&f), fields, out, cause));
}

void
template_free(struct template *t)
{
	if (t == NULL)
		return;
	template_free_node(&t->root);
	free(t);
}

/* Scopes, innermost last: a field is looked up from the inside out. */
struct template_scope {
	json_t	*v[16];
	size_t	 n;
};

static json_t *
template_lookup(const struct template_scope *sc, const char *name)
{
	json_t	*v;
	size_t	 i;

	for (i = sc->n; i-- > 0; )
		if (json_is_object(sc->v[i]) &&
		    (v = json_object_get(sc->v[i], name)) != NULL)
			return (v);
	return (NULL);
}

static int
template_truthy(json_t *v)
{
	if (v == NULL || json_is_null(v) || json_is_false(v))
		return (0);
	if (json_is_array(v))
		return (json_array_size(v) > 0);
	if (json_is_string(v))
		return (json_string_length(v) > 0);
	return (1);
}

static void
template_value(struct buf *b, json_t *v)
{
	if (json_is_string(v))
		buf_addstr(b, json_string_value(v));
	else if (json_is_integer(v))
		buf_printf(b, "%lld", (long long)json_integer_value(v));
	else if (json_is_true(v))
		buf_addstr(b, "yes");
}

static void	template_render_nodes(const struct template_node *,
		    struct template_scope *, struct buf *);

static void
template_section(const struct template_node *n, struct template_scope *sc,
    struct buf *b)
{
	json_t	*v = template_lookup(sc, n->text), *item;
	size_t	 i;

	if (n->op == TEMPLATE_INVERTED) {
		if (!template_truthy(v))
			template_render_nodes(n, sc, b);
		return;
	}
	if (!template_truthy(v) || sc->n == sizeof sc->v / sizeof sc->v[0])
		return;
	if (!json_is_array(v)) {
		sc->v[sc->n++] = v;
		template_render_nodes(n, sc, b);
		sc->n--;
		return;
	}
	json_array_foreach(v, i, item) {
		sc->v[sc->n++] = item;
		template_render_nodes(n, sc, b);
		sc->n--;
	}
}

static void
template_render_nodes(const struct template_node *parent,
    struct template_scope *sc, struct buf *b)
{
	const struct template_node	*n;
	json_t				*v;
	size_t				 i;

	for (i = 0; i < parent->nchildren; i++) {
		n = &parent->children[i];
		switch (n->op) {
		case TEMPLATE_TEXT:
			buf_addstr(b, n->text);
			break;
		case TEMPLATE_FIELD:
			if ((v = template_lookup(sc, n->text)) != NULL)
				template_value(b, v);
			break;
		default:
			template_section(n, sc, b);
			break;
		}
	}
}

char *
template_render(const struct template *t, json_t *data)
{
	struct template_scope	sc;
	struct buf		b;

	buf_init(&b);
	buf_add(&b, "", 0);
	sc.n = 1;
	sc.v[0] = data;
	template_render_nodes(&t->root, &sc, &b);
	return (buf_detach(&b, NULL));
}
