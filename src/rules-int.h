/*
 * The rules' own header, shared by their files and nobody else: rules.c
 * (reading rules.conf), rules-lead.c (how a rule's match starts),
 * rules-dispatch.c (a scan's rules tried where they may start) and
 * rules-scan.c (running a scan over a text).
 */
#ifndef RULES_INT_H
#define RULES_INT_H

#include <stddef.h>
#include <stdint.h>

#include "re.h"
#include "rules.h"

struct rules_need;
struct rules_needs;

struct rule {
	enum rules_class	 class;
	char			*name;
	char			*pattern;
	pcre2_code		*re;
	pcre2_match_data	*md;
	pcre2_match_data	*smd;	/* rules_scan's, when run alone */
	struct rules_need	*need;	/* words a match holds, or NULL */
	int			 line;
};

#define RULES_FLAGS	(PCRE2_CASELESS | PCRE2_MULTILINE)

/*
 * A rule run alone costs a pass over the text; a scan's dispatcher
 * (below), trying the groups of the text's candidates only and stopping
 * only where they may start, costs about one pass per RULES_ALONE_PER
 * rules of the scan (measured on linux-hyperv's own texts: 24 to 30 cost
 * the least; 12 with at least 6 alone, 12 % more).  So a scan runs at
 * most its number of rules / RULES_ALONE_PER candidates alone, but never
 * fewer than RULES_ALONE_MIN nor more than RULES_SCAN_ALONE, and its
 * dispatcher for more.
 */
#define RULES_ALONE_PER		24
#define RULES_ALONE_MIN		1
#define RULES_SCAN_ALONE	24
/* A scan of this many rules or fewer, and no index, runs them all alone. */
#define RULES_FEW		3

/*
 * A rule with many others runs only where its match can start: one of
 * these slots (where) and a lead (what the match starts with), read off
 * its pattern by rules-lead.c.
 */
#define RULES_SLOT_ANY		0	/* any position */
#define RULES_SLOT_WORD		1	/* a word boundary (\b...) */
#define RULES_SLOT_LINE		2	/* a line start (^...) */
#define RULES_SLOT_BLANKS	3	/* a line start; the lead past the
					   line's blanks (^[ \t]*...) */
#define RULES_NSLOTS		4

struct rules_lead {
	int		  slot;		/* of the pattern's start */
	char		**word;		/* lower case: one of them, or none */
	unsigned char	 *whole;	/* per word: a non-word follows it */
	unsigned char	 *wslot;	/* per word: where it starts */
	size_t		  nword;
	unsigned char	  set[RULES_NSLOTS][32];	/* or a byte, per
							   slot */
	int		  any;		/* anything (at slot) */
};

/* Read where and how pattern (compiled: re) can start. */
void	 rules_lead_init(struct rules_lead * /* OUT */, const char *,
	    const pcre2_code *);
void	 rules_lead_free(struct rules_lead *);
int	 rules_lead_same(const struct rules_lead *,
	    const struct rules_lead *);
/* "word:this,that,it" and the like, for tests (the caller frees). */
char	*rules_lead_describe(const struct rules_lead *);

/* Flags per byte (RULES_DF_*), read one byte or eight at a time. */
union rules_dflags {
	unsigned char	b[256];
	uint64_t	w[32];
};

/*
 * A row of a slot's pair table (struct rules_dstop) and the bits a
 * group's words set in it.
 */
struct rules_dpair {
	uint8_t		slot, row;
	uint32_t	mask;
};

/*
 * The rules of a scan with one lead, in file order, joined into one
 * pattern that matches only where it starts (PCRE2_ANCHORED): at a
 * position the dispatcher tries only the groups whose lead fits there.
 */
struct rules_dgroup {
	pcre2_code		*re;
	pcre2_match_data	*md;
	size_t			*rule;	/* alternative -> rule index */
	size_t			 n;
	struct rules_lead	 lead;
	/*
	 * The bytes it may start with at a position of slot any
	 * (RULES_DF_ANY) and of slot word (RULES_DF_WORD), its lead's
	 * bytes and its words' first letters in either case, each
	 * RULES_DF_STOP too; and whether it starts at line starts.  The
	 * same as bits: the bytes it stops at, and those of slot any that
	 * are word bytes.
	 */
	union rules_dflags	 flag;
	int			 line;
	uint64_t		 stop[4], anyword[4];
	/* Its words' bits in the pair tables (struct rules_dstop). */
	struct rules_dpair	*pair;
	size_t			 npair;
};

/*
 * Where a scan stops to look for candidates (rules-dispatch.c): per byte
 * its RULES_DF_* flags, and what they allow.  The dispatcher's own is
 * for all its groups; a scan that tries some of them only makes one for
 * those, and passes the places where only others may start.
 */
struct rules_dstop {
	union rules_dflags	 flag;
	/*
	 * Per slot, a bit per pair of first bytes of the groups' words
	 * (lower case; the second 0 for a one-letter word), each byte
	 * folded to its low five bits: most words of a text need no
	 * lookup at all.
	 */
	uint32_t		 pair[RULES_NSLOTS][32];
	int			 line;		/* some group at line starts */
	int			 sparse;	/* few bytes stop a pass */
	int			 skipwords;	/* no group starts inside a
						   word */
};

/* A word some groups of a slot start with: a whole word or a prefix. */
struct rules_dword {
	char		*w;		/* lower case; NULL: an empty entry */
	size_t		 len;
	int		 slot, prefix;
	size_t		*g;		/* the groups, in order */
	size_t		 ng;
};

/*
 * A scan's groups, in the order of their first rules; per slot and byte
 * the groups that may start with that byte (their lead's bytes or any;
 * index 256: the end of the text), and per slot and word those that
 * start with the word (a hash table).
 */
struct rules_dispatch {
	struct rules_dgroup	*g;
	size_t			 ng;
	size_t			*group_of;	/* rule index -> its group */
	size_t			*list;		/* group indices */
	size_t			 at[RULES_NSLOTS][258];	/* into list */
	struct rules_dword	*word;
	size_t			 nword;		/* a power of two, or 0 */
	uint32_t		 plen[RULES_NSLOTS];	/* prefix lengths */
	union rules_dflags	 wordch;	/* RULES_DF_WORDCH or 0 */
	struct rules_dstop	 stop;		/* of all the groups */
	size_t			 maxcand;	/* candidates at a position */
	size_t			 scanmax;	/* the longest word, and 1 */
};
#define RULES_DF_WORDCH	1	/* a word byte */
#define RULES_DF_ANY	2	/* some group of slot any starts here */
#define RULES_DF_WORD	4	/* some group of slot word starts here */
#define RULES_DF_STOP	8	/* one of those, or a newline before a
				   line start some group starts at */
#define RULES_DF_SPARSE	16	/* stop bytes few enough to skip by fours */

/* A scan's dispatcher for the rules of r it runs; -1 with *cause. */
int	 rules_dispatch_new(struct rules *, int,
	    struct rules_dispatch ** /* OUT */, char ** /* OUT */);
void	 rules_dispatch_free(struct rules_dispatch *);
/*
 * Scan text with a dispatcher, trying only the groups allow[] marks
 * (NULL: all).
 */
int	 rules_dispatch_scan(const struct rules *,
	    const struct rules_dispatch *, const char *, size_t,
	    const unsigned char *,
	    void (*)(const struct rules_hit *, enum rules_class, void *),
	    void *);
int	 rules_in_scan(enum rules_class, int);
/*
 * re_match straight into a pattern's JIT code (rules-scan.c), for
 * from <= len only: RE_MATCH, RE_NOMATCH or RE_ERROR.
 */
int	 rules_scan_match(const pcre2_code *, const char *, size_t, size_t,
	    pcre2_match_data *, pcre2_match_context *);

struct rules {
	struct rule		*v;
	size_t			 n;
	pcre2_match_context	*mctx;
	/* The rules of each scan, tried where they may start. */
	struct rules_dispatch	*dispatch[RULES_NSCANS];
	/*
	 * The rules of each scan (indices into v, in file order) and what
	 * they need: a text that lacks a rule's words skips it (rules-need.h).
	 * A text that may hold the words of at most alone[] of them runs
	 * those alone; of more, the scan's dispatcher.
	 */
	size_t			*scan_rule[RULES_NSCANS];
	size_t			 nscan_rule[RULES_NSCANS];
	struct rules_needs	*needs[RULES_NSCANS];
	size_t			 alone[RULES_NSCANS];
	/* The rules of each class (indices into v, in file order). */
	size_t			*class_rule[RULES_CLASS_COUNT];
	size_t			 nclass_rule[RULES_CLASS_COUNT];
};

#endif
