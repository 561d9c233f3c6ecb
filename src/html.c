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
	int		bol;		/* at the beginning of a line */
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
			for (i = 0; i < w->quote; i++)
				buf_addstr(&w->out, "> ");
			w->bol = 0;
		}
		buf_addch(&w->out, *s);
	}
}

static void
html_walk_node(struct html_walk *w, xmlNode *node, int depth)
{
	const char	*name;
	int		 block;

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
		if (strcasecmp(name, "blockquote") == 0)
			w->quote++;
		html_walk_node(w, node->children, depth + 1);
		if (strcasecmp(name, "blockquote") == 0)
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
