/*
 * Mail templates: plain text with named fields, a small subset of
 * mustache.  {{name}} is a field; {{#name}}...{{/name}} repeats for each
 * item of a list (or shows once for a non-empty value); {{^name}}...
 * {{/name}} shows when the value is empty.  Dotted names are not needed:
 * inside a section the item's fields are in scope, then the outer ones.
 * Pure: a template is checked at load (every unknown field or unbalanced
 * section reported as file:line) and rendered from a jansson object.
 */
#ifndef TEMPLATE_H
#define TEMPLATE_H

#include <jansson.h>

struct template;

/*
 * Parse text (from file, for messages) allowing only the fields listed in
 * fields (NULL-terminated).  Returns -1 with every problem in *cause.
 */
int	 template_parse(const char *, const char *, const char *const *,
	    struct template ** /* OUT */, char ** /* OUT */);
/* Read path, or the built-in name (defaults.h) when path is NULL. */
int	 template_load(const char *, const char *, const char *const *,
	    struct template **, char **);
void	 template_free(struct template *);
/* Render with the fields of data; the result is the caller's to free. */
char	*template_render(const struct template *, json_t *);

#endif
