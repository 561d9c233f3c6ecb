/*
 * The PV protocol registry, read from protocols.conf.  Pure: no I/O but
 * protocols_load reading its one file.
 *
 *	protocol pvcalls
 *		title "PV Calls"
 *		alias pvcallsif
 *		path xen/include/public/io/pvcalls.h
 *		path drivers/xen/pvcalls-*
 *		support PVCalls
 *		keyword "\bpv ?calls?\b"
 *		stage prototype
 *
 * and one line outside the blocks, "stages-date 2026-07-28": when Xen's
 * SUPPORT.md gave the stages (the registry a new database starts from).
 *
 * A value is one word or one "quoted phrase" (\" and \\ escape inside
 * quotes); '#' starts a comment at the start of a line or after a blank.
 */
#ifndef PROTOCOLS_H
#define PROTOCOLS_H

#include <stddef.h>
#include <time.h>

struct protocols;
struct protocol_re;

struct protocol {
	char			 *name;		/* "pvcalls", unique */
	char			 *title;	/* "PV Calls" */
	char			**aliases;	/* other names mail uses */
	size_t			  naliases;
	char			**paths;	/* globs, relative to a tree */
	size_t			  npaths;
	char			 *support_name;	/* borrowed: support_names[0] */
	char			**support_names; /* in SUPPORT.md */
	size_t			  nsupport;
	char			**keywords;	/* regexes for mail text */
	size_t			  nkeywords;
	char			 *stage;	/* as SUPPORT.md gave it, or NULL */
	int			  line;		/* of its "protocol" line */
	struct protocol_re	 *re;		/* private: compiled patterns */
};

/*
 * Parse len bytes of text (filename is used in messages only).  Every
 * problem is collected into *cause as "file:line: reason" lines, one per
 * line, and -1 is returned; on success *out is set and 0 returned.
 */
int	protocols_parse(const char *, size_t, const char *,
	    struct protocols ** /* OUT */, char ** /* OUT cause */);
/* Read and parse the file at path (NULL: the built-in one), as above. */
int	protocols_load(const char *, struct protocols ** /* OUT */,
	    char ** /* OUT cause */);
/* Free everything; NULL is a no-op. */
void	protocols_free(struct protocols *);

size_t	protocols_count(const struct protocols *);
/* The date of the stage lines ("stages-date"), or 0. */
time_t	protocols_stages_date(const struct protocols *);
/* The i-th protocol in file order (borrowed), or NULL when out of range. */
const struct protocol *protocols_get(const struct protocols *, size_t);
/*
 * The protocol with this name, alias or title, compared without regard to
 * case; borrowed, or NULL.
 */
const struct protocol *protocols_find(const struct protocols *,
	    const char *);

/*
 * Find the protocol a repository-relative path belongs to.  Globs follow
 * fnmatch(3) with FNM_PATHNAME, so '*' stays within one directory; a glob
 * ending in '/' matches everything below that directory.  Returns 1 and
 * sets *out (borrowed) to the first protocol in file order that matches,
 * or 0 when none does.
 */
int	protocols_match_path(const struct protocols *, const char *,
	    const struct protocol ** /* OUT */);

/*
 * Find the protocols named in free text (a subject or a body): a name,
 * title or alias standing as a whole word, without regard to case, where
 * blanks, '-' and '_' between the words of a phrase are interchangeable
 * ("PV Calls", "pv-calls"), or a match of one of its keywords.  Returns
 * how many, in file order, and sets *out to an array the caller frees
 * (NULL when none).  Matching is bounded: a keyword that exceeds the
 * match limit on hostile text counts as no match.
 */
size_t	protocols_match_text(const struct protocols *, const char *,
	    const struct protocol *** /* OUT */);

#endif
