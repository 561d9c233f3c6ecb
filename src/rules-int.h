/*
 * The rules' own header, shared by their files and nobody else: rules.c
 * (reading rules.conf, joining the rules of a scan into few patterns)
 * and rules-scan.c (running a scan over a text).
 */
#ifndef RULES_INT_H
#define RULES_INT_H

#include <stddef.h>

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

#define RULES_NGUARDS	3
/*
 * A guard's rules are joined into one pattern, or, when that outgrows
 * PCRE2's size, into 2 or 4 patterns of consecutive rules: parts.
 */
#define RULES_SPLITS	4
#define RULES_NPARTS	(RULES_NGUARDS * RULES_SPLITS)

#define RULES_FLAGS	(PCRE2_CASELESS | PCRE2_MULTILINE)

/*
 * A rule run alone costs a pass over the text; all the rules of a scan
 * joined cost about one pass per RULES_ALONE_PER rules of it (measured on
 * linux-hyperv's replies: the joined patterns test many rules at each
 * position).  So a scan runs at most its number of rules / RULES_ALONE_PER
 * candidates alone, but never fewer than RULES_ALONE_MIN nor more than
 * RULES_SCAN_ALONE, and all its rules joined for more.
 */
#define RULES_ALONE_PER		7
#define RULES_ALONE_MIN		8
#define RULES_SCAN_ALONE	24

/*
 * What text a rule can start with, past its guard: a whole word ("I" of
 * "I\s+object"), or a set of first bytes (PCRE2's own analysis), or
 * anything.  Rules of one key join under one lookahead:
 * \b(?:(?=i\b)(?:I-rules...)|(?=[Tt])(?:t-rules...)|...).
 */
struct rules_key {
	char		*word;		/* lower case, or NULL */
	unsigned char	 set[32];	/* first bytes, when no word */
	int		 any;		/* no word, no set */
	size_t		 group;		/* the lookahead it joins */
};

/*
 * Rules joined into one pattern under one guard, the test a rule starts
 * with (^, \b or none): PCRE2 checks a guard once per position for the
 * whole group.  Inside, rules that start alike sit under one lookahead
 * (rules_key), so that at a position most rules are not tried at all.
 */
struct rules_group {
	pcre2_code		*re;
	pcre2_match_data	*md;
	size_t			*rule;	/* alternative -> rule index */
	struct rules_key	*key;	/* alternative -> its key */
	size_t			 n;	/* alternatives */
};

struct rules {
	struct rule		*v;
	size_t			 n;
	pcre2_match_context	*mctx;
	/* The rules of each scan joined, per guard and part. */
	struct rules_group	 combined[RULES_NSCANS][RULES_NPARTS];
	/*
	 * The rules of each scan (indices into v, in file order) and what
	 * they need: a text that lacks a rule's words skips it (rules-need.h).
	 * A text that may hold the words of at most alone[] of them runs
	 * those alone; of more, all the scan's rules joined.
	 */
	size_t			*scan_rule[RULES_NSCANS];
	struct rules_needs	*needs[RULES_NSCANS];
	size_t			 alone[RULES_NSCANS];
	/* The rules of each class (indices into v, in file order). */
	size_t			*class_rule[RULES_CLASS_COUNT];
	size_t			 nclass_rule[RULES_CLASS_COUNT];
};

#endif
