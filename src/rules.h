/*
 * Classification rules from rules.conf: "CLASS NAME PATTERN" lines, each
 * pattern a PCRE2 regex matched (caseless, multi-line) against the
 * author's own text or a subject.  Compiled and JIT-compiled once.
 */
#ifndef RULES_H
#define RULES_H

#include <stddef.h>

enum rules_class {
	RULES_TRAILER,		/* NAME is the tag; group "value" */
	RULES_NAK,		/* an explicit NAK */
	RULES_NOT_NAK,		/* text that mentions NAK but is not one */
	RULES_OBJECTION,	/* prose that objects */
	RULES_DOUBT,		/* prose doubting the approach, short of that */
	RULES_APPROVAL,		/* prose that approves (an ack without trailer) */
	RULES_VOTE,		/* group "vote": +2 +1 0 -1 -2 */
	RULES_APPLIED,		/* "Applied, thanks" and kin */
	RULES_PING,		/* "Ping?" */
	RULES_WITHDRAW,		/* an objection withdrawn */
	RULES_COMMAND,		/* groups "verb" and "args" */
	RULES_LAZY,		/* an explicit call for lazy consensus */
	RULES_WINDOW,		/* groups "n" and "unit": the proposal's window */
	RULES_DESIGN_SUBJECT,	/* subject tags that make a design proposal */
	RULES_DESIGN_PATH,	/* paths of design documents */
	RULES_BOT,		/* From of automated senders */
	RULES_PROCESS,		/* talk about process (Cc lists), not code */
	RULES_PROPOSAL,		/* an untagged design proposal */
	RULES_NOT_OBJECTION,	/* a hedge: "not a NAK, but", "I don't object" */
	RULES_ATTRIBUTION,	/* "On ..., X wrote:" lines before a quote */
	RULES_OWN_END,		/* forwarded or original-message block starts */
	RULES_SPAM,		/* unsolicited mail ("business proposal") */
	RULES_PASSING_SUBJECT,	/* subjects of changes across the tree */
	RULES_ASKS_CHANGE,	/* asks for a change to this version */
	RULES_CONCERN,		/* questions the approach or its premise */
	RULES_ACCEPTS,		/* agrees to make a change ("will do") */
	RULES_DISPUTES,		/* disagrees with a point ("that's intended") */
	RULES_CONDITIONAL,	/* a tag's condition ("with that fixed") */
	RULES_DISCUSSION_SUBJECT, /* a thread discussing a design question */
	RULES_CLASS_COUNT
};

/* Results of rules_match, tri-state: an error is never "no match". */
#define RULES_MATCH	1
#define RULES_NOMATCH	0
#define RULES_ERROR	-1

/* Match limits keep hostile text from running a rule for long. */
#define RULES_MATCH_LIMIT	100000
#define RULES_DEPTH_LIMIT	5000

struct rules;

/* One match: which rule, where, and its named groups (borrowed). */
struct rules_hit {
	const char	*name;		/* the rule's NAME */
	size_t		 start, end;	/* offsets of the whole match */
	void		*md;		/* private */
	const void	*rule;		/* private */
	const char	*subject;	/* private */
};

/*
 * Load rules from path (NULL: the built-in rules.conf).  Every bad line
 * is reported in *cause as "file:line: reason" (all of them) and -1 is
 * returned.
 */
int	 rules_load(const char *, struct rules ** /* OUT */, char ** /* OUT */);
int	 rules_parse(const char *, size_t, const char *, struct rules **,
	    char **);
void	 rules_free(struct rules *);
/*
 * Split a rules.conf line in place into CLASS NAME PATTERN (name and
 * pattern "" when missing): 0 for a blank line or a comment, else 1.
 */
int	 rules_split_line(char *, char ** /* OUT */, char ** /* OUT */,
	    char ** /* OUT */);
/* A class's name as rules.conf spells it ("not-nak"). */
const char *rules_class_name(enum rules_class);
/* Number of rules of a class. */
size_t	 rules_count(const struct rules *, enum rules_class);
/*
 * Find the first match of any rule of class in text[from..len), earliest
 * position first.  Returns RULES_MATCH with *hit filled (release it with
 * rules_hit_free), RULES_NOMATCH, or RULES_ERROR (match limit hit).
 */
int	 rules_match(const struct rules *, enum rules_class, const char *,
	    size_t, size_t, struct rules_hit * /* OUT */);
/*
 * What rules_scan looks for.  Every class but design-subject,
 * design-path and bot is in one of the scans pvbot makes: a reply's exact
 * signals first, and its prose only when those leave the kind open; a
 * posting's lazy-consensus call, window and commands (and the prose of a
 * new thread that carries no patch); the shape of a body.
 */
#define RULES_SCAN_REPLY	0	/* every own-text class at once (tests:
					   rules_prepare it first) */
#define RULES_SCAN_POSTING	1	/* lazy, window, command */
#define RULES_SCAN_EXACT	2	/* trailer, (not-)nak, vote, applied,
					   ping, withdraw, command, lazy,
					   window, process */
#define RULES_SCAN_PROSE	3	/* objection, doubt, not-objection,
					   approval, proposal, spam */
#define RULES_SCAN_OWN		4	/* own-end, attribution */
#define RULES_SCAN_NEWTHREAD	5	/* proposal, spam */
#define RULES_SCAN_POINTS	6	/* asks-change, concern, accepts,
					   disputes, conditional: every reply */
#define RULES_NSCANS		7

/*
 * Compile a scan rules_load and rules_parse leave out (RULES_SCAN_REPLY),
 * once.  Returns 0, or -1 with *cause.
 */
int	 rules_prepare(struct rules *, int, char ** /* OUT */);
/*
 * Scan text once for every rule of the classes of one scan (above),
 * calling each(hit, class, arg) for every match, leftmost first; at one
 * position the rule earlier in the file wins.  Returns RULES_MATCH when
 * done, RULES_ERROR when a match limit stopped the scan.
 */
int	 rules_scan(const struct rules *, int, const char *, size_t,
	    void (*)(const struct rules_hit *, enum rules_class, void *),
	    void *);
/*
 * An index of a text (its three-byte runs) that lets a scan skip the
 * rules whose words the text lacks: build it once for a text that
 * several scans read.
 */
struct rules_text;
struct rules_text *rules_text_new(const char *, size_t);
void	 rules_text_free(struct rules_text *);
/*
 * rules_scan with the text's index (NULL: built as needed).  Each scan of
 * a message's own text reads it (exact, prose, new thread, points);
 * others run their rules combined (above).
 */
int	 rules_scan_text(const struct rules *, int, const char *, size_t,
	    const struct rules_text *,
	    void (*)(const struct rules_hit *, enum rules_class, void *),
	    void *);
/* A named group of a hit as a new string, or NULL if unset. */
char	*rules_hit_group(const struct rules_hit *, const char *);
void	 rules_hit_free(struct rules_hit *);

#endif
