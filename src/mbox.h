/* The mbox format's rules, on bytes in memory. Pure. */
#ifndef MBOX_H
#define MBOX_H

#include <stddef.h>
#include <time.h>

/*
 * True when line (len bytes, up to its '\n') is an mbox From_ line:
 * "From " SENDER DATE, with a date we can read.
 */
int	 mbox_is_from_line(const char *, size_t, int at_start);
/*
 * True when the "From " line at line (inside the message that starts at
 * msg) separates messages.  git's "From <sha> Mon Sep 17 00:00:00 2001"
 * counts only after a blank line, since replies quote it unescaped.
 */
int	 mbox_is_separator(const char *msg, const char *line, const char *end);
/* The date of a From_ line, or 0 if absent or the epoch placeholder. */
time_t	 mbox_from_line_date(const char *, size_t);
/*
 * Undo mboxrd/mboxo quoting (">From " -> "From ") of msg.  Returns a new
 * buffer the caller frees and its length in *outlen, or NULL if nothing
 * needed unquoting.
 */
char	*mbox_unquote(const char *, size_t, size_t * /* OUT */);

#endif
