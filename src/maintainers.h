/*
 * MAINTAINERS files in the Xen and Linux format: who maintains which path.
 * Pure apart from maintainers_load, which reads the file.
 *
 * A section is a title line followed, without a blank line, by "X: value"
 * lines.  Paragraphs without such lines (the preamble) are skipped.  Path
 * patterns follow get_maintainer.pl: "F: dir/" is everything below dir,
 * "F: dir/" followed by '*' only the files directly in it; '*', '?' and
 * '[...]' stay within one component, "{a,b}" is either, and a pattern
 * without wildcards names the file or everything below it when it is a
 * directory (the tree is not there to tell which).  X: excludes, N: is a
 * regex searched in the path.
 */
#ifndef MAINTAINERS_H
#define MAINTAINERS_H

#include <stddef.h>

struct maintainers;

/* One section.  Read-only to callers; every string is owned by it. */
struct maintainers_section {
	char	 *title;
	int	  line;		/* line of the title in the file */
	char	**m;		/* M: "Name <email>" as written */
	char	**m_email;	/* lower-cased addresses of m */
	size_t	  nm;
	char	**r;		/* R: reviewers, likewise */
	char	**r_email;
	size_t	  nr;
	char	**l;		/* L: lists as written */
	size_t	  nl;
	char	 *status;	/* S:, NULL when absent */
	char	**f;		/* F: patterns as written */
	size_t	  nf;
	char	**x;		/* X: excluded patterns as written */
	size_t	  nx;
	char	**n;		/* N: path regexes */
	size_t	  nn;
	char	**k;		/* K: content regexes, kept but not matched */
	size_t	  nk;
};

/*
 * Parse text[0..len).  filename is only used in errors.  Every malformed
 * line is reported as "file:line: reason", one per line of *cause, and -1
 * returned when there was any; otherwise *out is the caller's to free with
 * maintainers_free.
 */
int	maintainers_parse(const char *, size_t, const char *,
	    struct maintainers ** /* OUT */, char ** /* OUT cause */);
/* Read and parse the file at path, as maintainers_parse. */
int	maintainers_load(const char *, struct maintainers ** /* OUT */,
	    char ** /* OUT cause */);
/* Free everything; NULL is a no-op. */
void	maintainers_free(struct maintainers *);

/* Number of sections, in file order. */
size_t	maintainers_nsections(const struct maintainers *);
/* Section i (< maintainers_nsections), borrowed. */
const struct maintainers_section *maintainers_get(const struct maintainers *,
	    size_t);
/* The first section titled title (ASCII case ignored), borrowed, or NULL. */
const struct maintainers_section *maintainers_find(const struct maintainers *,
	    const char *);

/*
 * Sections whose F: or N: match path and no X: does, most specific first:
 * by the length of the longest matching F: pattern (an N: match alone
 * counts as 0), then in file order; "THE REST" always comes last.  Returns
 * the count; *out is a new array of borrowed pointers the caller frees
 * (NULL when the count is 0).  A leading "./" or "/" on path is ignored.
 */
size_t	maintainers_match(const struct maintainers *, const char *,
	    const struct maintainers_section *** /* OUT */);
/*
 * 1 if email (a bare address or "Name <address>", case ignored) is an M:
 * of a section matching any of the npaths paths, else 0.  THE REST counts:
 * its M: are the committers.
 */
int	maintainers_is_maintainer(const struct maintainers *, const char *,
	    char *const *, size_t);
/* 1 if email is an M: of the section titled title, else 0. */
int	maintainers_in_section(const struct maintainers *, const char *,
	    const char *);

#endif
