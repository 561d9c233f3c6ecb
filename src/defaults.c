/* The built-in copies of etc/ (see defaults.h). */
#include <string.h>

#include "buf.h"
#include "defaults.h"
#include "xmalloc.h"

const struct defaults_file *
defaults_find(const char *name)
{
	size_t	i;

	for (i = 0; i < defaults_nfiles; i++)
		if (strcmp(defaults_files[i].name, name) == 0)
			return (&defaults_files[i]);
	return (NULL);
}

int
defaults_read(struct buf *b, const char *path, const char *name,
    char **cause)
{
	const struct defaults_file	*f;

	if (path != NULL)
		return (buf_read_file(b, path, cause));
	if ((f = defaults_find(name)) == NULL) {
		/* A file the build did not embed: a bug, told plainly. */
		*cause = xasprintf("built-in %s: not in this build", name);
		return (-1);
	}
	buf_add(b, f->data, f->len);
	buf_add(b, "", 0);
	return (0);
}

const char *
defaults_label(const char *path, const char *name)
{
	const struct defaults_file	*f;

	if (path != NULL)
		return (path);
	return ((f = defaults_find(name)) != NULL ? f->label : name);
}
