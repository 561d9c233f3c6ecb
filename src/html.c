/* HTML to text through libxml2, so entities and broken markup are its job. */
#include <string.h>
#include <strings.h>

#include <libxml/HTMLparser.h>
#include <libxml/tree.h>

#include "buf.h"
#include "html.h"
#include "text.h"

struct html_walk {
	struct buf	out;
	int		quote;		/* blockquote depth */
	int		rest;		/* all that follows is quoted */
	int		bol;		/* at the beginning of a line */
};

/*
 * How mail clients mark the text they quote or forward without a
 * <blockquote>: the element (or, for Outlook's reply header, everything
 * from it on) is quoted text, not the author's.
 */
static const struct {
	const char	*attr;
	const char	*value;		/* a substring of the attribute */
	int		 rest;		/* quote all that follows too */
} html_quoted[] = {
	{ "id", "divRplyFwdMsg", 1 },		/* Outlook: reply header */
	{ "id", "OLK_SRC_BODY_SECTION", 1 },	/* Outlook for Mac */
	{ "class", "gmail_quote", 0 },		/* Gmail: quote, forward */
	{ "class", "moz-forward-container", 0 },	/* Thunderbird */
	{ "class", "yahoo_quoted", 0 },
	{ "class", "protonmail_quote", 0 },
};

static int
html_is_block(const char *name)
{
	static const char *blocks[] = {
		"address", "blockquote", "br", "dd", "div", "dl", "dt", "h1",
		"h2", "h3", "h4", "h5", "h6", "hr", "li", "ol", "p", "pre",
		"table", "tr", "ul"
	};
	size_t	i;

	for (i = 0; i < sizeof blocks / sizeof blocks[0]; i++)
		if (strcasecmp(name, blocks[i]) == 0)
			return (1);
	return (0);
}

static void
html_newline(struct html_walk *w)
{
	if (!w->bol || w->out.len == 0) {
		buf_addch(&w->out, '\n');
		w->bol = 1;
	}
}

static void
html_text(struct html_walk *w, const char *s)
{
	int	i;

	for (; *s != '\0'; s++) {
		if (*s == '\n') {
			buf_addch(&w->out, '\n');
			w->bol = 1;
			continue;
		}
		if (w->bol) {
			for (i = 0; i < w->quote || (i == 0 && w->rest); i++)
				buf_addstr(&w->out, "> ");
			w->bol = 0;
		}
		buf_addch(&w->out, *s);
	}
}

/* 0: not a quote marker; 1: the element is quoted; 2: and all after it. */
static int
html_quote_marker(xmlNode *node)
{
	xmlChar	*v;
	size_t	 i;
	int	 found = 0;

	for (i = 0; i < sizeof html_quoted / sizeof html_quoted[0] &&
	    !found; i++) {
		v = xmlGetProp(node, (const xmlChar *)html_quoted[i].attr);
		if (v != NULL && strstr((const char *)v,
		    html_quoted[i].value) != NULL)
			found = html_quoted[i].rest ? 2 : 1;
		xmlFree(v);
	}
	return (found);
}

static void
html_walk_node(struct html_walk *w, xmlNode *node, int depth)
{
	const char	*name;
	int		 block, marker;

	/* libxml2 bounds its own nesting; this keeps our stack bounded too. */
	if (depth > 256)
		return;
	for (; node != NULL; node = node->next) {
		if (node->type == XML_TEXT_NODE && node->content != NULL) {
			html_text(w, (const char *)node->content);
			continue;
		}
		if (node->type != XML_ELEMENT_NODE)
			continue;
		name = (const char *)node->name;
		if (strcasecmp(name, "script") == 0 ||
		    strcasecmp(name, "style") == 0 ||
		    strcasecmp(name, "head") == 0)
			continue;
		block = html_is_block(name);
		if (block)
			html_newline(w);
		marker = w->rest ? 0 : html_quote_marker(node);
		if (marker == 2)
			w->rest = 1;
		if (marker == 1 || strcasecmp(name, "blockquote") == 0)
			w->quote++;
		html_walk_node(w, node->children, depth + 1);
		if (marker == 1 || strcasecmp(name, "blockquote") == 0)
			w->quote--;
		if (block)
			html_newline(w);
	}
}

char *
html_to_text(const char *html, size_t len)
{
	struct html_walk	 w;
	htmlDocPtr		 doc;
	char			*s;

	buf_init(&w.out);
	w.quote = 0;
	w.rest = 0;
	w.bol = 1;
	doc = htmlReadMemory(html, (int)(len > 0x7fffffff ? 0x7fffffff : len),
	    NULL, "UTF-8", HTML_PARSE_RECOVER | HTML_PARSE_NOERROR |
	    HTML_PARSE_NOWARNING | HTML_PARSE_NONET | HTML_PARSE_NOBLANKS);
	if (doc != NULL) {
		html_walk_node(&w, xmlDocGetRootElement(doc), 0);
		xmlFreeDoc(doc);
	}
	buf_add(&w.out, "", 0);
	s = buf_detach(&w.out, NULL);
	return (s);
}
