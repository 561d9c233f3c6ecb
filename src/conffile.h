/*
 * The one reader behind pvbot's configuration files (pvbot.conf,
 * policy.conf, protocols.conf, rules.conf, MAINTAINERS, the templates),
 * after isync's conffile_t and getcline: the text a line at a time with
 * its number, the keyword and value of a line, and errors collected as
 * "file:line: reason" so that a file's every mistake is reported at once
 * and the parse fails only at the end (style.md 3.5.6).  Also the value
 * parsers they share.  Pure but for conffile_open, which reads the file.
 *
 *	struct conffile	 cf;
 *	char		*line, *key, *value;
 *
 *	if (conffile_open(&cf, path, &cause) != 0)
 *		return (-1);
 *	while ((line = conffile_getline(&cf, NULL)) != NULL) {
 *		conffile_words(line, &key, &value);
 *		if (bad)
 *			conffile_error(&cf, "unknown keyword '%s'", key);
 *	}
 *	return (conffile_close(&cf, &cause));
 */
#ifndef CONFFILE_H
#define CONFFILE_H

#include <stdarg.h>
#include <stddef.h>

#include "buf.h"

struct conffile {
	const char	*file;		/* for messages (borrowed) */
	int		 line;		/* the current line's number, from 1 */
	struct buf	 errors;	/* "file:line: reason", one a line */
	/* Private. */
	struct buf	 text;		/* the file conffile_open read */
	const char	*p, *end;	/* what is left of the text */
	char		*cur;		/* the current line */
};

/* Read len bytes of text (borrowed until conffile_close) named file. */
void	 conffile_init(struct conffile *, const char *, const char *, size_t);
/* Read the file at path.  -1 with *cause ("path: reason") if it cannot. */
int	 conffile_open(struct conffile *, const char *, char ** /* OUT */);
/*
 * The same, or when path is NULL the built-in copy of name (defaults.h:
 * "pvbot/rules.conf"), its messages naming it "built-in NAME".
 */
int	 conffile_open_or(struct conffile *, const char *, const char *,
	    char ** /* OUT */);
/*
 * The whole text, NUL-terminated when conffile_open read it: for a reader
 * that is not line-oriented (a template), which counts cf->line itself.
 */
const char *conffile_text(const struct conffile *);
/*
 * The next line without its '\n', NUL-terminated, and in *len (unless
 * NULL) its length, which counts any NUL bytes inside it; NULL at the
 * end.  The line is the caller's to cut up until the next call.
 */
char	*conffile_getline(struct conffile *, size_t * /* OUT */);
/*
 * Split a line: *key is its first word (after any blanks), *value the
 * rest after the blanks that follow, with trailing white space cut off.
 * Returns 1 when the line was indented (began with a blank), else 0.
 */
int	 conffile_words(char *, char ** /* OUT */, char ** /* OUT */);
/* Record an error at the current line. */
void	 conffile_error(struct conffile *, const char *, ...)
	    __attribute__((format(printf, 2, 3)));
/* Record an error at line (0: the file as a whole, "file: reason"). */
void	 conffile_error_at(struct conffile *, int, const char *, ...)
	    __attribute__((format(printf, 3, 4)));
void	 conffile_verror(struct conffile *, int, const char *, va_list)
	    __attribute__((format(printf, 3, 0)));
/* Whether any error was recorded. */
int	 conffile_failed(const struct conffile *);
/*
 * Release cf.  Returns 0, or -1 with *cause holding every error recorded
 * (the caller frees it).
 */
int	 conffile_close(struct conffile *, char ** /* OUT */);

/* Values (each 0, or -1 when s is not one): yes/no, true/false, on/off. */
int	 conffile_bool(const char *, int * /* OUT */);
/* A size: digits, then K, M or G, and an optional B ("32M"). */
int	 conffile_size(const char *, size_t * /* OUT */);
/* A duration: "90s", "5m", "36h", "7d", "2w", "1d12h" or seconds. */
int	 conffile_duration(const char *, long * /* OUT */);
/* A decimal integer in [lo, hi]. */
int	 conffile_int(const char *, long, long, long * /* OUT */);

#endif
