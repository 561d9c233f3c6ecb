/*
 * The built-in defaults: the files of etc/ as shipped (pvbot.conf, the
 * rules, policy, protocols and templates), compiled into pvbot at build
 * time (defaults-data.c, made by defaults-embed.sh), so that pvbot works
 * before any configuration file exists, as git does.  A file on disk
 * overrides its built-in copy (config.c decides which).  Pure.
 */
#ifndef DEFAULTS_H
#define DEFAULTS_H

#include <stddef.h>

struct buf;

struct defaults_file {
	const char		*name;	/* below etc/: "pvbot/rules.conf" */
	const char		*label;	/* "built-in pvbot/rules.conf" */
	const unsigned char	*data;	/* NUL-terminated */
	size_t			 len;
};

/* Generated: every file, in the order the Makefile names them. */
extern const struct defaults_file defaults_files[];
extern const size_t defaults_nfiles;

/* The built-in file called name, or NULL. */
const struct defaults_file *defaults_find(const char *);
/*
 * Append the file at path to b, or the built-in copy of name when path is
 * NULL.  Returns -1 with *cause ("path: reason") on error.
 */
int	defaults_read(struct buf *, const char *, const char *,
	    char ** /* OUT */);
/* What to call it in messages: path, or the label of built-in name. */
const char *defaults_label(const char *, const char *);

#endif
