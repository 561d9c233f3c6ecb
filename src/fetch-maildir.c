/*
 * Maildir reader: every file in new/ and cur/, in name order (delivery
 * time first, by the Maildir naming convention).  Read-only.  Files are
 * opened relative to their directory, opened once, without following a
 * symbolic link (one to a root-only file was imported and shown) and
 * without waiting (a FIFO in new/ hung every import); anything but a
 * regular file is skipped with the reason.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fetch.h"
#include "xmalloc.h"

struct fetch_ctx {
	char		*path;
	int		 dirs[2];	/* new/ and cur/, or -1 */
	char		**names;	/* "new/NAME" or "cur/NAME" */
	size_t		 count;
	size_t		 next;
	size_t		 max;
	char		*data;
};

static int
fetch_maildir_cmp(const void *a, const void *b)
{
	const char	*x = *(char *const *)a + 4, *y = *(char *const *)b + 4;

	return (strcmp(x, y));
}

static int
fetch_maildir_scan(struct fetch_ctx *c, int i, char **cause)
{
	const char	*sub = i == 0 ? "new" : "cur";
	struct dirent	*de;
	DIR		*d;
	char		*dir;
	int		 fd;

	dir = xasprintf("%s/%s", c->path, sub);
	if ((fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) == -1 ||
	    (c->dirs[i] = dup(fd)) == -1 || (d = fdopendir(fd)) == NULL) {
		if (fd != -1)
			close(fd);
		if (errno == ENOENT) {
			free(dir);
			return (0);
		}
		*cause = xasprintf("%s: %s", dir, strerror(errno));
		free(dir);
		return (-1);
	}
	while ((de = readdir(d)) != NULL) {
		if (de->d_name[0] == '.')
			continue;
		c->names = xreallocarray(c->names, c->count + 1,
		    sizeof *c->names);
		c->names[c->count++] = xasprintf("%s/%s", sub, de->d_name);
	}
	closedir(d);
	free(dir);
	return (0);
}

static int
fetch_maildir_open(struct fetch_ctx **out, const char *path, size_t max,
    const char *cursor, char **cause)
{
	struct fetch_ctx	*c;

	(void)cursor;	/* a Maildir is re-read; dedup makes that free */
	c = xcalloc(1, sizeof *c);
	c->path = xstrdup(path);
	c->dirs[0] = c->dirs[1] = -1;
	c->max = max;
	if (fetch_maildir_scan(c, 0, cause) != 0 ||
	    fetch_maildir_scan(c, 1, cause) != 0) {
		fetch_maildir.close(c);
		return (-1);
	}
	qsort(c->names, c->count, sizeof *c->names, fetch_maildir_cmp);
	*out = c;
	return (0);
}

/* What a file that is not a regular one is, for the reason. */
static const char *
fetch_maildir_kind(mode_t mode)
{
	if (S_ISDIR(mode))
		return ("a directory");
	if (S_ISFIFO(mode))
		return ("a FIFO");
	if (S_ISSOCK(mode))
		return ("a socket");
	if (S_ISCHR(mode) || S_ISBLK(mode))
		return ("a device");
	return ("not a file");
}

/* Open name in its directory as a regular file, or say why not. */
static int
fetch_maildir_open_file(struct fetch_ctx *c, const char *name,
    struct stat *st, struct fetch_item *it)
{
	int	dir = c->dirs[strncmp(name, "new/", 4) == 0 ? 0 : 1], fd;

	fd = openat(dir, name + 4, O_RDONLY | O_NOFOLLOW | O_NONBLOCK |
	    O_NOCTTY | O_CLOEXEC);
	if (fd == -1 || fstat(fd, st) == -1) {
		snprintf(it->reason, sizeof it->reason, "%s", errno == ELOOP ?
		    "symbolic link, not followed" : strerror(errno));
		if (fd != -1)
			close(fd);
		return (-1);
	}
	if (!S_ISREG(st->st_mode)) {
		snprintf(it->reason, sizeof it->reason, "not a regular file "
		    "(%s)", fetch_maildir_kind(st->st_mode));
		close(fd);
		return (-1);
	}
	return (fd);
}

static int
fetch_maildir_read(struct fetch_ctx *c, const char *name, struct stat *st,
    struct fetch_item *it)
{
	ssize_t	n;
	size_t	got = 0;
	int	fd;

	if ((fd = fetch_maildir_open_file(c, name, st, it)) == -1)
		return (-1);
	if ((size_t)st->st_size > c->max) {
		snprintf(it->reason, sizeof it->reason,
		    "message too large (%lld bytes, limit %zu)",
		    (long long)st->st_size, c->max);
		close(fd);
		return (-1);
	}
	free(c->data);
	c->data = xmalloc((size_t)st->st_size + 1);
	while (got < (size_t)st->st_size && (n = read(fd, c->data + got,
	    (size_t)st->st_size - got)) > 0)
		got += (size_t)n;
	close(fd);
	c->data[got] = '\0';
	it->data = c->data;
	it->len = got;
	return (0);
}

static int
fetch_maildir_next(struct fetch_ctx *c, struct fetch_item *it, char **cause)
{
	struct stat	 st;
	const char	*name;
	char		*file;
	int		 r;

	(void)cause;
	if (c->next >= c->count)
		return (FETCH_END);
	name = c->names[c->next++];
	file = xasprintf("%s/%s", c->path, name);
	snprintf(it->where, sizeof it->where, "%s", file);
	it->cursor[0] = '\0';
	r = fetch_maildir_read(c, name, &st, it);
	free(file);
	if (r != 0)
		return (FETCH_SKIP);
	/* Maildir names start with the delivery time in seconds. */
	it->envelope_date = (time_t)strtoll(name + 4, NULL, 10);
	if (it->envelope_date < 86400 * 365 * 10)
		it->envelope_date = st.st_mtime;
	return (FETCH_OK);
}

static double
fetch_maildir_progress(struct fetch_ctx *c)
{
	return (c->count == 0 ? 1 : (double)c->next / (double)c->count);
}

static void
fetch_maildir_close(struct fetch_ctx *c)
{
	size_t	i;

	if (c == NULL)
		return;
	for (i = 0; i < c->count; i++)
		free(c->names[i]);
	for (i = 0; i < 2; i++)
		if (c->dirs[i] != -1)
			close(c->dirs[i]);
	free(c->names);
	free(c->path);
	free(c->data);
	free(c);
}

const struct fetch fetch_maildir = {
	"maildir",
	fetch_maildir_open,
	fetch_maildir_next,
	fetch_maildir_progress,
	fetch_maildir_close,
	NULL,
	NULL,
	NULL
};

const struct fetch *
fetch_for_path(const char *path)
{
	struct stat	st;
	char		*cur;
	int		 is_maildir;

	if (stat(path, &st) == -1 || !S_ISDIR(st.st_mode))
		return (&fetch_mbox);
	cur = xasprintf("%s/cur", path);
	is_maildir = stat(cur, &st) == 0 && S_ISDIR(st.st_mode);
	free(cur);
	if (!is_maildir) {
		cur = xasprintf("%s/new", path);
		is_maildir = stat(cur, &st) == 0 && S_ISDIR(st.st_mode);
		free(cur);
	}
	return (is_maildir ? &fetch_maildir : NULL);
}
