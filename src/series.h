/*
 * Patch series tags in subjects: "[RFC PATCH v3 2/7]", "[PATCH RESEND]",
 * "[DESIGN]", "[DOC v2]", "[PULL 00/12]", "[patch RFC 00/38]".  Pure.
 */
#ifndef SERIES_H
#define SERIES_H

#define SERIES_PATCH	0x01
#define SERIES_RFC	0x02
#define SERIES_RESEND	0x04
#define SERIES_DESIGN	0x08
#define SERIES_DOC	0x10
#define SERIES_PULL	0x20
#define SERIES_EXTRA	0x40	/* a part beyond the count: "16/15" */

/*
 * The store keeps a point version ("v7.1") in the series flags, above
 * this bit: s_flags = flags | point << SERIES_POINT_SHIFT.
 */
#define SERIES_POINT_SHIFT	16
#define SERIES_FLAGS_MASK	((1 << SERIES_POINT_SHIFT) - 1)

struct series_tag {
	int	flags;		/* SERIES_* */
	int	version;	/* 1 when no vN is given */
	int	point;		/* M of "vN.M", 0 when none */
	int	part;		/* M of M/K, -1 when absent */
	int	total;		/* K of M/K, 0 when absent */
	int	reply;		/* "Re:" before the tags */
	char	prefix[64];	/* other bracket words: "xen", "for-4.18" */
};

/*
 * Parse the tags of subject into *tag and return its normalized form
 * (no "Re:", no brackets, lower case, single spaces) which the caller
 * frees.
 */
char	*series_parse_subject(const char *, struct series_tag * /* OUT */);
/* True when the tags mark a posting (patch, RFC, design, doc, pull). */
int	 series_is_posting(const struct series_tag *);
/* True when a subject names a posting it came from: "x (was Re: [PATCH] y)". */
int	 series_was_posting(const char *);

/*
 * Series identity a patch states in its body: b4's "change-id: ..." and
 * "Supersedes: <msgid>".  Each result is NULL or a string the caller frees.
 */
void	 series_body_links(const char *, char ** /* OUT */, char ** /* OUT */);

#endif
