/* Reading configuration files a line at a time (conffile.h). */
#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "buf.h"
#include "conffile.h"
#include "datetime.h"
#include "defaults.h"
#include "xmalloc.h"

void
conffile_init(struct conffile *cf, const char *file, const char *text,
    size_t len)
{
	memset(cf, 0, sizeof *cf);
	cf->file = file;
	cf->p = text;
	cf->end = text + len;
	buf_init(&cf->errors);
	buf_init(&cf->text);
}

int
conffile_open(struct conffile *cf, const char *path, char **cause)
{
	struct buf	b;

	buf_init(&b);
	if (buf_read_file(&b, path, cause) != 0) {
		buf_release(&b);
		return (-1);
	}
	conffile_init(cf, path, b.data, b.len);
	cf->text = b;
	return (0);
}

int
conffile_open_or(struct conffile *cf, const char *path, const char *name,
    char **cause)
{
	const struct defaults_file	*d;

	if (path != NULL)
		return (conffile_open(cf, path, cause));
	if ((d = defaults_find(name)) == NULL) {
		/* A file the build did not embed: a bug, told plainly. */
		*cause = xasprintf("built-in %s: not in this build", name);
		return (-1);
	}
	conffile_init(cf, d->label, (const char *)d->data, d->len);
	return (0);
}

const char *
conffile_text(const struct conffile *cf)
{
	return (cf->text.data != NULL ? cf->text.data : cf->p);
}

char *
conffile_getline(struct conffile *cf, size_t *len)
{
	const char	*nl;
	size_t		 n;

	free(cf->cur);
	cf->cur = NULL;
	if (cf->p == NULL || cf->p >= cf->end)
		return (NULL);
	if ((nl = memchr(cf->p, '\n', (size_t)(cf->end - cf->p))) == NULL)
		nl = cf->end;
	n = (size_t)(nl - cf->p);
	cf->cur = xmalloc(n + 1);
	memcpy(cf->cur, cf->p, n);
	cf->cur[n] = '\0';
	cf->p = nl < cf->end ? nl + 1 : cf->end;
	cf->line++;
	if (len != NULL)
		*len = n;
	return (cf->cur);
}

int
conffile_words(char *line, char **key, char **value)
{
	char	*v;
	size_t	 n;

	*key = line + strspn(line, " \t");
	v = *key + strcspn(*key, " \t");
	if (*v != '\0')
		*v++ = '\0';
	v += strspn(v, " \t");
	for (n = strlen(v); n > 0 && isspace((unsigned char)v[n - 1]); n--)
		v[n - 1] = '\0';
	*value = v;
	return (*key != line);
}

void
conffile_verror(struct conffile *cf, int line, const char *fmt, va_list ap)
{
	char	*msg;

	if (vasprintf(&msg, fmt, ap) == -1)
		msg = NULL;
	if (cf->errors.len > 0)
		buf_addch(&cf->errors, '\n');
	if (line > 0)
		buf_printf(&cf->errors, "%s:%d: ", cf->file, line);
	else
		buf_printf(&cf->errors, "%s: ", cf->file);
	buf_addstr(&cf->errors, msg != NULL ? msg : fmt);
	free(msg);
}

void
conffile_error(struct conffile *cf, const char *fmt, ...)
{
	va_list	ap;

	va_start(ap, fmt);
	conffile_verror(cf, cf->line, fmt, ap);
	va_end(ap);
}

void
conffile_error_at(struct conffile *cf, int line, const char *fmt, ...)
{
	va_list	ap;

	va_start(ap, fmt);
	conffile_verror(cf, line, fmt, ap);
	va_end(ap);
}

int
conffile_failed(const struct conffile *cf)
{
	return (cf->errors.len > 0);
}

int
conffile_close(struct conffile *cf, char **cause)
{
	int	r = 0;

	free(cf->cur);
	buf_release(&cf->text);
	if (cf->errors.len > 0) {
		*cause = buf_detach(&cf->errors, NULL);
		r = -1;
	}
	buf_release(&cf->errors);
	memset(cf, 0, sizeof *cf);
	return (r);
}

int
conffile_bool(const char *s, int *out)
{
	if (strcasecmp(s, "yes") == 0 || strcasecmp(s, "true") == 0 ||
	    strcmp(s, "1") == 0 || strcasecmp(s, "on") == 0)
		*out = 1;
	else if (strcasecmp(s, "no") == 0 || strcasecmp(s, "false") == 0 ||
	    strcmp(s, "0") == 0 || strcasecmp(s, "off") == 0)
		*out = 0;
	else
		return (-1);
	return (0);
}

int
conffile_size(const char *s, size_t *out)
{
	unsigned long long	 v;
	char			*end;

	if (!isdigit((unsigned char)*s))
		return (-1);
	errno = 0;
	v = strtoull(s, &end, 10);
	if (errno != 0)
		return (-1);
	switch (toupper((unsigned char)*end)) {
	case 'G': v <<= 30; end++; break;
	case 'M': v <<= 20; end++; break;
	case 'K': v <<= 10; end++; break;
	case '\0': break;
	default: return (-1);
	}
	if (*end == 'B' || *end == 'b')
		end++;
	if (*end != '\0')
		return (-1);
	*out = (size_t)v;
	return (0);
}

int
conffile_duration(const char *s, long *out)
{
	return (datetime_parse_duration(s, out));
}

int
conffile_int(const char *s, long lo, long hi, long *out)
{
	long	 v;
	char	*end;

	errno = 0;
	v = strtol(s, &end, 10);
	if (end == s || *end != '\0' || errno != 0 || v < lo || v > hi)
		return (-1);
	*out = v;
	return (0);
}
