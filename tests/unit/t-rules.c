/*
 * rules_scan runs a scan's rules whichever way is quicker: the rules
 * whose words a text may hold (and those that need no word) each alone,
 * or, when many may match, all of them joined in a few patterns.  What it
 * finds must be what one alternation of the scan's rules in file order
 * finds: leftmost first, at one position the rule earlier in the file,
 * and after a match the scan goes on from its end.  Checked on small rule
 * files with the answers written out, then against that alternation
 * written plainly (the least of each rule's leftmost match, there the
 * first rule in file order) for the shipped rules over texts made of
 * sentences of this test's own, and over the labelled corpus when it is
 * there.
 */
#include <ctype.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "classify.h"
#include "defaults.h"
#include "message.h"
#include "re.h"
#include "rules.h"
#include "rules-int.h"
#include "series.h"
#include "tap.h"
#include "xmalloc.h"

struct seen {
	struct buf	b;
};

static void
collect(const struct rules_hit *hit, enum rules_class class, void *arg)
{
	struct seen	*s = arg;

	(void)class;
	buf_printf(&s->b, "%s%s@%zu-%zu", s->b.len > 0 ? " " : "", hit->name,
	    hit->start, hit->end);
}

/* What scan which of rules r finds in text: "name@start-end ...". */
static char *
scan(const struct rules *r, int which, const char *text)
{
	struct seen	s;

	buf_init(&s.b);
	buf_add(&s.b, "", 0);
	if (rules_scan(r, which, text, strlen(text), collect, &s) !=
	    RULES_MATCH)
		buf_addstr(&s.b, " ERROR");
	return (buf_detach(&s.b, NULL));
}

static struct rules *
parse(const char *text)
{
	struct rules	*r = NULL;
	char		*cause = NULL;

	if (!check_int(rules_parse(text, strlen(text), "t.conf", &r, &cause),
	    0)) {
		printf("# %s\n", cause);
		free(cause);
		return (NULL);
	}
	return (r);
}

/* A text and what a scan of it finds ("name@start-end ..."). */
struct scan_case {
	const char	*text;
	const char	*want;
};

/* Scan each case's text with the rules of conf, as scan class which. */
static void
check_scan_cases(const char *conf, int which, const struct scan_case *cases,
    size_t n)
{
	struct rules	*r;
	size_t		 i;
	char		*got;

	if ((r = parse(conf)) == NULL)
		return;
	for (i = 0; i < n; i++) {
		got = scan(r, which, cases[i].text);
		check_str(got, cases[i].want);
		free(got);
	}
	rules_free(r);
}

/*
 * Rules that need words (they run when the text may hold them) beside
 * rules that need none (they run on every text), in an order that makes
 * each kind win a tie at one position against the other.
 */
static void
test_mixed(void)
{
	static const char conf[] =
	    "objection no-way \\bno\\s+way\\b\n"		/* "way" */
	    "objection no \\bno\\b\n"			/* none */
	    "approval ok ^[ \\t]*ok\\b\n"			/* none */
	    "approval okay ^[ \\t]*ok(?:ay)?\\s+then\\b\n"	/* "then" */
	    "doubt sums (?<![\\w$])\\$\\d+\\b\n"		/* none, no guard */
	    "doubt dollars \\$\\d+\\s+dollars\\b\n"		/* "dollars" */
	    "doubt so-so \\bso\\W+so\\b\n"			/* none */
	    "doubt so-also \\bso\\s+also\\b\n";		/* "also" */
	static const struct scan_case cases[] = {
		/* At 0 both match: the rule earlier in the file wins. */
		{ "no way", "no-way@0-6" },
		{ "ok then", "ok@0-2" },
		/* Case does not matter, to either kind. */
		{ "NO WAY, No.", "no-way@0-6 no@8-10" },
		{ "Ok Then", "ok@0-2" },
		/* A match that overlaps an earlier one is skipped. */
		{ "so so also", "so-so@0-5" },
		{ "so, so also", "so-so@0-6" },
		{ "so also so so", "so-also@0-7 so-so@8-13" },
		/* Matches of both kinds interleave by position. */
		{ "no, $5 is no way to pay $6 dollars, no",
		    "no@0-2 sums@4-6 no-way@10-16 sums@24-26 no@36-38" },
		{ "pay $6 dollars now", "sums@4-6" },
		{ "pay 6 dollars", "" },
		/* A line-start rule only at line starts. */
		{ "not ok\nok\n  OK then", "ok@7-9 ok@10-14" },
		/* Neither kind finds anything. */
		{ "nothing here", "" },
		{ "", "" },
	};

	check_scan_cases(conf, RULES_SCAN_PROSE, cases,
	    sizeof cases / sizeof cases[0]);
}

/* Rules "CLASS wa" .. "CLASS wz" for "worda" .. "wordz", then last. */
static struct rules *
many_rules(const char *class, const char *last)
{
	struct buf	 b;
	struct rules	*r;
	char		 name;

	buf_init(&b);
	for (name = 'a'; name <= 'z'; name++)
		buf_printf(&b, "%s w%c \\bword%c\\b\n", class, name, name);
	buf_printf(&b, "%s %s\n", class, last);
	r = parse(b.data);
	buf_release(&b);
	return (r);
}

/* "worda" .. "wordy" and then z, and what the 26 rules find there. */
#define MANY_TEXT(z)	"worda wordb wordc wordd worde wordf wordg wordh " \
	"wordi wordj wordk wordl wordm wordn wordo wordp wordq wordr words " \
	"wordt wordu wordv wordw wordx wordy " z
#define MANY_FOUND	"wa@0-5 wb@6-11 wc@12-17 wd@18-23 we@24-29 wf@30-35 " \
	"wg@36-41 wh@42-47 wi@48-53 wj@54-59 wk@60-65 wl@66-71 wm@72-77 " \
	"wn@78-83 wo@84-89 wp@90-95 wq@96-101 wr@102-107 ws@108-113 " \
	"wt@114-119 wu@120-125 wv@126-131 ww@132-137 wx@138-143 " \
	"wy@144-149 wz@150-155"

/*
 * A text holding the words of more rules than run alone: all the rules
 * joined find the same as the few would.
 */
static void
test_many(void)
{
	struct rules	*r;
	char		*got;

	if ((r = many_rules("objection", "short \\bno\\b")) == NULL)
		return;
	got = scan(r, RULES_SCAN_PROSE, "wordb no worda");
	check_str(got, "wb@0-5 short@6-8 wa@9-14");
	free(got);
	got = scan(r, RULES_SCAN_PROSE, MANY_TEXT("WORDZ no"));
	check_str(got, MANY_FOUND " short@156-158");
	free(got);
	rules_free(r);
}

/*
 * A text holding the words of some of the rules, more than run alone:
 * the dispatcher tries those only, and stops only where one of them may
 * start (at a line start, a word, a byte), passing the starts of the
 * others ("epsilon", "#") and their lines ("zeta").
 */
static void
test_some(void)
{
	static const char conf[] =
	    "objection one ^[ \\t]*alpha\\s+beta\n"
	    "objection two \\bgamma\\s+delta\n"
	    "objection three \\$delta\\b\n"
	    "objection four \\bepsilon\\s+omicron\n"
	    "objection five ^zeta\\s+theta\n"
	    "objection six \\#iota\\b\n"
	    "objection seven \\bkappa\\s+mu\\b\n"
	    "objection eight \\blambda\\s+nu\\b\n"
	    "objection nine \\bsigma\\s+xi\\b\n"
	    "objection ten \\bomega\\s+pi\\b\n";
	static const struct scan_case cases[] = {
		{ "  alpha beta gamma delta $delta epsilon #x\nzeta\n"
		    "alpha  beta, GAMMA\tDelta$DELTA kappa lambda sigma omega",
		    "one@0-12 two@13-24 three@25-31 one@48-59 two@61-72 "
		    "three@72-78" },
		{ "gamma alpha beta\n$delta gamma kappa lambda sigma omega",
		    "three@17-23" },
	};

	check_scan_cases(conf, RULES_SCAN_PROSE, cases,
	    sizeof cases / sizeof cases[0]);
}

/*
 * Joined, a rule goes under the first letters it admits.  One whose
 * first letter is upper case only ("(?-i:NAK)", after an optional word
 * that starts otherwise) must still be tried where that letter starts:
 * it once went under 'i' alone and never found "NAKing" joined.
 */
static void
test_many_cased(void)
{
	struct rules	*r;
	char		*got;

	if ((r = many_rules("nak",
	    "naking \\b(?:I\\s+am\\s+)?(?-i:NAK)ing\\b")) == NULL)
		return;
	got = scan(r, RULES_SCAN_EXACT,
	    MANY_TEXT("wordz NAKing, I am NAKing, naking"));
	check_str(got, MANY_FOUND " naking@156-162 naking@164-175");
	free(got);
	rules_free(r);
}

/*
 * Where and how a rule's match may start, read off its pattern: the
 * dispatcher tries it only there.  Every reading must admit every match
 * (a word, or a prefix "~", or a byte, or anything "*"), past a line's
 * blanks, \b, lookbehinds and optional words.
 */
static void
test_leads(void)
{
	static const struct {
		const char	*pattern;
		const char	*want;
	} cases[] = {
		{ "\\bI(?:'m|\\s+am)\\s+afraid", "word:i" },
		{ "\\b(?:this|that|it)\\s+is\\b",
		    "word:it word:that word:this" },
		{ "^[ \\t]*On\\s[^\\n]*wrote:", "blanks:on" },
		{ "^[ \\t]*-{2,}[ \\t]*Original", "blanks:[-]" },
		{ "^[ \\t]*\\*?From:", "blanks:from blanks:[*]" },
		{ "\\b(?:a\\s+)?(?:much\\s+)?better\\s+way",
		    "word:a word:better word:much" },
		{ "\\bagreed?\\b", "word:agree word:agreed" },
		{ "\\backed[- ]?by\\b", "word:acked word:ackedby" },
		{ "\\b(?<=[.!]\\s)(?:no,?\\s+)?this\\b", "word:no word:this" },
		{ "(?<![\\w$])(?:US\\s*)?\\$\\s*\\d", "word:us any:[$]" },
		{ "(?:\\bI\\s+)?(?-i:NAK)|^[ \\t]*NACK",
		    "word:i line:nack~ any:nak~ line:[\\x09\\x20]" },
		{ "\\b\\d+\\s+days", "word:[0123456789]" },
		{ "\\bs/[^/]+/", "word:s" },
		{ "^[ \\t]*(?<vote>[+-][012]|0)\\b", "blanks:0 blanks:[+-]" },
		/* Syntax not followed: PCRE2's first bytes, or anything. */
		{ "\\b[a-z]+\\s+hack", "word:[ABCDEFGHIJKLMNOPQRSTUVWXYZ"
		    "abcdefghijklmnopqrstuvwxyz]" },
		{ ".*x", "any:*" },
		{ "\\b(?x: f o o )", "any:[Ff]" },
	};
	struct rules_lead	 lead;
	pcre2_code		*re;
	char			*cause, *got;
	size_t			 i;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		re = re_compile(cases[i].pattern, PCRE2_ZERO_TERMINATED,
		    RULES_FLAGS, &cause);
		if (!check(re != NULL)) {
			printf("# %s: %s\n", cases[i].pattern, cause);
			free(cause);
			continue;
		}
		rules_lead_init(&lead, cases[i].pattern, re);
		got = rules_lead_describe(&lead);
		if (!check_str(got, cases[i].want))
			printf("# %s\n", cases[i].pattern);
		free(got);
		rules_lead_free(&lead);
		pcre2_code_free(re);
	}
}

/*
 * The own-end scan always runs its rules through the dispatcher: rules
 * that start past a line's blanks, at a word, with a non-word byte or
 * anywhere, several at one position (the earlier in the file wins), and
 * a match that overlaps another's start.
 */
static void
test_dispatch(void)
{
	static const char conf[] =
	    "attribution on-wrote ^[ \\t]*On\\s[^\\n]*wrote:[ \\t]*$\n"
	    "own-end dashes ^[ \\t]*-{2,}[ \\t]*Original\\s+Message\n"
	    "attribution writes \\b(?:writes|wrote):[ \\t]*$\n"
	    "attribution on-any \\bOn\\s\\w+\n"
	    "attribution star ^[ \\t]*\\*?From:\\*?\\s\\S+\n"
	    "attribution han \\xe5\\x86\\x99\\xe9\\x81\\x93[ \\t]*:\n"
	    "attribution end \\bend$\n";
	static const struct scan_case cases[] = {
		{ "On Mon, X wrote:\nok", "on-wrote@0-16" },
		{ "  On Mon, X wrote:", "on-wrote@0-18" },
		/* Not at a line start: only the word rules. */
		{ "so On Mon, X wrote:", "on-any@3-9 writes@13-19" },
		{ " -- Original Message --", "dashes@0-20" },
		{ "x\n*From:* a\nFrom: b", "star@2-11 star@12-19" },
		{ "X \xe5\x86\x99\xe9\x81\x93:", "han@2-9" },
		{ "ONE on\nthe end", "on-any@4-10 end@11-14" },
		{ "rewrote: x\nwrote:", "writes@11-17" },
		{ "", "" },
	};

	check_scan_cases(conf, RULES_SCAN_OWN, cases,
	    sizeof cases / sizeof cases[0]);
}

/* rules.conf's lines, as rules.c, this test and fuzz-scan split them. */
static void
test_split_line(void)
{
	char	 a[] = "  # a comment", b[] = "", c[] = "nak\tbare  ^NAK\\b x";
	char	 d[] = "nak", *class, *name, *pattern;

	check_int(rules_split_line(a, &class, &name, &pattern), 0);
	check_int(rules_split_line(b, &class, &name, &pattern), 0);
	check_int(rules_split_line(c, &class, &name, &pattern), 1);
	check_str(class, "nak");
	check_str(name, "bare");
	check_str(pattern, "^NAK\\b x");
	/* A line cut short: the missing parts are "", never past its end. */
	check_int(rules_split_line(d, &class, &name, &pattern), 1);
	check_str(class, "nak");
	check_str(name, "");
	check_str(pattern, "");
}

/* The classes of each scan, as rules.h lists them. */
static const char *const scan_classes[RULES_NSCANS] = {
	"trailer nak not-nak objection doubt approval vote applied ping "
	    "withdraw command lazy window process proposal not-objection "
	    "spam asks-change concern accepts disputes conditional",
	"lazy window command",
	"trailer nak not-nak vote applied ping withdraw command lazy window "
	    "process",
	"objection doubt not-objection approval proposal spam",
	"own-end attribution",
	"proposal spam",
	"asks-change concern accepts disputes conditional",
};

/* One alternation of a scan's rules in file order, written plainly. */
struct ref {
	char			**name;
	pcre2_code		**re;
	size_t			  n;
	pcre2_match_data	 *md;
	pcre2_match_context	 *ctx;
};

static int
ref_in(const char *list, const char *word)
{
	size_t	len = strlen(word);

	for (;;) {
		if (strncmp(list, word, len) == 0 && (list[len] == ' ' ||
		    list[len] == '\0'))
			return (1);
		if ((list = strchr(list, ' ')) == NULL)
			return (0);
		list++;
	}
}

static void
ref_load(struct ref *ref, const char *conf, int which)
{
	char	*copy = xstrdup(conf), *line, *next, *class, *name, *pattern;
	char	*cause;

	memset(ref, 0, sizeof *ref);
	for (line = copy; line != NULL; line = next) {
		if ((next = strchr(line, '\n')) != NULL)
			*next++ = '\0';
		if (!rules_split_line(line, &class, &name, &pattern) ||
		    !ref_in(scan_classes[which], class))
			continue;
		ref->name = xreallocarray(ref->name, ref->n + 1,
		    sizeof *ref->name);
		ref->re = xreallocarray(ref->re, ref->n + 1, sizeof *ref->re);
		ref->name[ref->n] = xstrdup(name);
		ref->re[ref->n] = re_compile(pattern, PCRE2_ZERO_TERMINATED,
		    PCRE2_CASELESS | PCRE2_MULTILINE, &cause);
		if (ref->re[ref->n] == NULL)
			fprintf(stderr, "t-rules: %s: %s\n", name, cause);
		ref->n++;
	}
	ref->md = pcre2_match_data_create(64, NULL);
	ref->ctx = re_context(RULES_MATCH_LIMIT, RULES_DEPTH_LIMIT);
	free(copy);
}

static void
ref_free(struct ref *ref)
{
	size_t	i;

	for (i = 0; i < ref->n; i++) {
		free(ref->name[i]);
		pcre2_code_free(ref->re[i]);
	}
	free(ref->name);
	free(ref->re);
	pcre2_match_data_free(ref->md);
	pcre2_match_context_free(ref->ctx);
}

/*
 * The leftmost position where any rule matches is the least of each
 * rule's leftmost match; there, the first rule in file order that matches
 * is the alternation's.  Each rule's next match is kept while the scan
 * has not gone past it (a match at a position does not depend on where
 * the search started).
 */
static char *
ref_scan(const struct ref *ref, const char *text)
{
	struct buf	 b;
	PCRE2_SIZE	*ov;
	size_t		 len = strlen(text), from = 0, best, i, *pos;
	int		 rc, *state;	/* 1 look again, 0 found, -1 none */

	buf_init(&b);
	buf_add(&b, "", 0);
	pos = xcalloc(ref->n + 1, sizeof *pos);
	state = xcalloc(ref->n + 1, sizeof *state);
	for (i = 0; i < ref->n; i++)
		state[i] = 1;
	for (;;) {
		best = (size_t)-1;
		for (i = 0; i < ref->n; i++) {
			if (state[i] == 1 || (state[i] == 0 && pos[i] < from)) {
				rc = from > len ? RE_NOMATCH : re_match(
				    ref->re[i], text, len, from, ref->md,
				    ref->ctx);
				if (rc == RE_ERROR)
					break;
				state[i] = rc == RE_MATCH ? 0 : -1;
				if (rc == RE_MATCH)
					pos[i] = pcre2_get_ovector_pointer(
					    ref->md)[0];
			}
			if (state[i] == 0 && pos[i] < best)
				best = pos[i];
		}
		if (i < ref->n) {
			buf_addstr(&b, " ERROR");
			break;
		}
		if (best == (size_t)-1)
			break;
		for (i = 0; state[i] != 0 || pos[i] != best; i++)
			;
		if (re_match_at(ref->re[i], text, len, best, ref->md,
		    ref->ctx) != RE_MATCH) {
			buf_addstr(&b, " ERROR");
			break;
		}
		ov = pcre2_get_ovector_pointer(ref->md);
		buf_printf(&b, "%s%s@%zu-%zu", b.len > 0 ? " " : "",
		    ref->name[i], (size_t)ov[0], (size_t)ov[1]);
		from = ov[1] > ov[0] ? ov[1] : ov[0] + 1;
	}
	free(pos);
	free(state);
	return (buf_detach(&b, NULL));
}

/*
 * Sentences of this test's own that touch the shipped rules of every
 * scan, those that need no word above all (votes, sed expressions, sums,
 * short answers), in the shapes the rules look for.
 */
static const char *const pieces[] = {
	"+1", "-1 from me", "0", "+2.", "-2", "s/recieve/receive/", "no",
	"No, this is wrong.", "Nope, that won't work.", "$5 million",
	"US$ 3,000,000", "10 million dollars", "NAK", "Not a NAK, but",
	"I object.", "I do not object", "lazy consensus", "within two weeks",
	"pvbot: tag pvcalls", "Applied, thanks.", "ping?", "Greetings",
	"Dear Friend", "will do", "Good point.", "Nit: typo", "Agreed.",
	"Fine with me.", "LGTM", "Looks good to me.", "Acked-by: A <a@b>",
	"Reviewed-by: Bob <bob@example.com>", "Cc: stable@vger.kernel.org",
	"please Cc the list", "I'd prefer a helper.", "Why not just use it?",
	"this is not true", "I don't think so", "with that fixed",
	"I'm not convinced", "why do we need this", "On Mon, X wrote:",
	"-----Original Message-----", "From: A\nSent: B", "> quoted",
	"I propose", "a proposal", "the patch", "this", "it", "we", "is",
	"can't", "ok", "OK", "yes", "sure", "thanks", "x", "--", "\xe2\x80\x99",
};

static const char *const seps[] = { " ", "\n", ". ", "\n\n", ", ", "  " };

/* A text of a few pieces, case changed at times (the rules are caseless). */
static char *
make_text(unsigned *seed)
{
	struct buf	 b;
	size_t		 i, n;
	char		*s, *c;

	buf_init(&b);
	buf_add(&b, "", 0);
	*seed = *seed * 1103515245 + 12345;
	n = 1 + (*seed >> 16) % 8;
	for (i = 0; i < n; i++) {
		*seed = *seed * 1103515245 + 12345;
		buf_addstr(&b, pieces[(*seed >> 8) % (sizeof pieces /
		    sizeof pieces[0])]);
		*seed = *seed * 1103515245 + 12345;
		buf_addstr(&b, seps[(*seed >> 16) % (sizeof seps /
		    sizeof seps[0])]);
	}
	s = buf_detach(&b, NULL);
	*seed = *seed * 1103515245 + 12345;
	if ((*seed >> 16) % 4 == 0)
		for (c = s; *c != '\0'; c++)
			*c = (char)toupper((unsigned char)*c);
	return (s);
}

/* Texts that differ between rules_scan and the plain alternation. */
static size_t
compare(const struct rules *r, const struct ref *ref, int which,
    const char *text, size_t *shown)
{
	char	*got, *want;
	size_t	 bad;

	got = scan(r, which, text);
	want = ref_scan(ref, text);
	bad = strcmp(got, want) != 0;
	if (bad && (*shown)++ < 3)
		printf("# scan %d of \"%.60s\": got \"%s\", want \"%s\"\n",
		    which, text, got, want);
	free(got);
	free(want);
	return (bad);
}

/* The corpus's bodies (after the header), or NULL; n set. */
static char **
corpus_bodies(size_t *n)
{
	const char	*dir;
	struct dirent	*de;
	DIR		*d;
	FILE		*f;
	struct buf	 b;
	char		**v = NULL, *path, *text, *body, chunk[8192];
	size_t		 got;

	*n = 0;
	if ((dir = tap_shared("corpus/labelled/raw")) == NULL ||
	    (d = opendir(dir)) == NULL)
		return (NULL);
	while ((de = readdir(d)) != NULL) {
		if (strstr(de->d_name, ".eml") == NULL)
			continue;
		path = xasprintf("%s/%s", dir, de->d_name);
		f = fopen(path, "r");
		free(path);
		if (f == NULL)
			continue;
		buf_init(&b);
		while ((got = fread(chunk, 1, sizeof chunk, f)) > 0)
			buf_add(&b, chunk, got);
		buf_add(&b, "", 1);
		fclose(f);
		text = buf_detach(&b, NULL);
		body = strstr(text, "\n\n");
		v = xreallocarray(v, *n + 1, sizeof *v);
		v[(*n)++] = xstrdup(body != NULL ? body + 2 : text);
		free(text);
	}
	closedir(d);
	return (v);
}

static void
test_shipped(void)
{
	const struct defaults_file	*df;
	struct rules			*r = NULL;
	struct ref			 ref;
	char				*cause = NULL, *text, *own, **bodies;
	size_t				 i, nbodies, bad, shown;
	unsigned			 seed;
	int				 which;

	df = defaults_find("pvbot/rules.conf");
	if (!check(df != NULL) || !check_int(rules_load(NULL, &r, &cause),
	    0) || !check_int(rules_prepare(r, RULES_SCAN_REPLY, &cause), 0)) {
		printf("# %s\n", cause != NULL ? cause : "no rules.conf");
		free(cause);
		rules_free(r);
		return;
	}
	bodies = corpus_bodies(&nbodies);
	if (nbodies == 0)
		printf("# the labelled corpus is not there: made-up texts "
		    "only\n");
	for (which = 0; which < RULES_NSCANS; which++) {
		ref_load(&ref, (const char *)df->data, which);
		bad = shown = 0;
		seed = 16 + (unsigned)which;
		for (i = 0; i < 400; i++) {
			text = make_text(&seed);
			bad += compare(r, &ref, which, text, &shown);
			free(text);
		}
		for (i = 0; i < nbodies; i++) {
			own = which == RULES_SCAN_OWN ? xstrdup(bodies[i]) :
			    classify_own_text(r, bodies[i]);
			bad += compare(r, &ref, which, own, &shown);
			free(own);
		}
		if (!check_int(bad, 0))
			printf("# scan %d: %zu texts differ\n", which, bad);
		ref_free(&ref);
	}
	for (i = 0; i < nbodies; i++)
		free(bodies[i]);
	free(bodies);
	rules_free(r);
}

/*
 * Prose objections of the shipped rules.conf, each family beside the
 * look-alikes that must stay what they are: a reviewer (Bob, or Ann the
 * patch's author where said) answers Ann's patch.  Every sentence is
 * written for this test.
 */
struct prose_case {
	const char	*kind;
	const char	*from;		/* NULL: Bob, a reviewer */
	const char	*text;
};

#define PROSE_ANN	"Ann Author <ann@example.org>"
#define PROSE_BOB	"Bob Reviewer <bob@example.com>"

static const struct prose_case prose_cases[] = {
	/* A NAK in the words a maintainer closes a thread with. */
	{ CLASSIFY_OBJECTION, NULL, "We went round this in v1 without "
	    "agreement.  Please consider this series nacked until the ABI "
	    "question is settled." },
	{ CLASSIFY_OBJECTION, NULL, "No, old frontends read the ring "
	    "layout as it is.  The NAK stays." },
	{ CLASSIFY_OBJECTION, NULL, "The flag is not needed and the lock "
	    "is taken in the wrong order, so nack on this one." },
	{ CLASSIFY_OBJECTION, NULL, "Having read the whole thread again, "
	    "this is a nak from me." },
	{ CLASSIFY_REVIEW, NULL, "The device sends a nak on this endpoint and the "
	    "controller retries, so the ring never sees a lost request." },
	{ CLASSIFY_REVIEW, NULL, "A NAK on this endpoint makes the "
	    "controller retry, so the ring never sees a lost request." },
	{ CLASSIFY_OBJECTION, NULL, "The ring is guest ABI and old "
	    "backends read it as it is.  NAK on this patch." },
	{ CLASSIFY_OBJECTION, NULL, "Old backends read the ring as it is, "
	    "so NAK on this from me." },
	{ CLASSIFY_REVIEW, NULL, "Not a NAK on this one, but the commit "
	    "message should say why the ring grows." },
	/* A change that only hides the bug. */
	{ CLASSIFY_OBJECTION, NULL, "This just papers over the lost event "
	    "in the backend; the backend has to raise it again." },
	{ CLASSIFY_OBJECTION, NULL, "The backend frees the page first.  "
	    "Please, don't paper over that with a NULL check here." },
	{ CLASSIFY_OBJECTION, NULL, "I'm not papering over a use-after-free "
	    "in the backend with a retry loop in the frontend." },
	{ CLASSIFY_REVIEW, NULL, "The timeout does not paper over "
	    "anything, it bounds the wait for a backend that went away." },
	{ CLASSIFY_REVIEW, NULL, "You could paper over this with a "
	    "timeout, but raising the event again in the backend is nicer." },
	{ CLASSIFY_REVIEW, NULL, "Does this just paper over the lost event, "
	    "or does the backend really never raise it twice?" },
	{ CLASSIFY_REVIEW, NULL, "Not a NAK, but this just papers over the "
	    "lost event; a comment saying so would help." },
	{ CLASSIFY_OTHER, PROSE_ANN, "Right, this just papers over the lost "
	    "event.  I will raise it again in the backend in v3." },
	/* Doubt about the direction, or that the thing should be at all. */
	{ CLASSIFY_OBJECTION, NULL, "I'm not convinced this is going in the "
	    "right direction: every backend would need its own copy of the "
	    "ring logic." },
	{ CLASSIFY_OBJECTION, NULL, "I'm not convinced we should have a "
	    "second event channel at all; the first one is idle most of the "
	    "time." },
	{ CLASSIFY_REVIEW, NULL, "I'm not convinced this is the right name "
	    "for the flag; RING_PAGED would say what it does." },
	{ CLASSIFY_OBJECTION, NULL, "I am not convinced the per-ring event "
	    "interface is really viable: a guest with many rings runs out of "
	    "ports." },
	{ CLASSIFY_REVIEW, NULL, "I am not convinced the per-ring event "
	    "interface is used by any guest today; is there one that does?" },
	/* The kernel should not do it: userspace should. */
	{ CLASSIFY_OBJECTION, NULL, "The toolstack can compute the layout "
	    "from the feature bits it already reads.  This belongs in "
	    "userspace." },
	{ CLASSIFY_OBJECTION, NULL, "Let the toolstack pick the ring size "
	    "from its own config and keep this out of the kernel." },
	{ CLASSIFY_REVIEW, NULL, "This belongs in the driver, not in the "
	    "core ring code; the other users never need it." },
	{ CLASSIFY_REVIEW, NULL, "If the toolstack can compute the layout, "
	    "this belongs in userspace; can it read the feature bits?" },
	/* Asking that a change not travel on. */
	{ CLASSIFY_OBJECTION, NULL, "Please don't push this to the stable "
	    "trees; it depends on the ring rework that is not there." },
	{ CLASSIFY_OBJECTION, NULL, "Please don't include this in the next "
	    "release, the backend side has not been merged yet." },
	/* Wrong for one case: a bug in that case, no verdict on it all. */
	{ CLASSIFY_REVIEW, NULL, "I think this is wrong for a guest with "
	    "one vcpu: the loop runs once and the mask stays empty." },
	{ CLASSIFY_REVIEW, NULL, "The event index is compared before the "
	    "barrier, and this is plainly broken when the backend runs on "
	    "another socket." },
	{ CLASSIFY_OBJECTION, NULL, "The ring is guest ABI and this is "
	    "plainly broken: old backends read the layout as it is." },
	/* A maintainer deferring is no verdict on the change. */
	{ CLASSIFY_REVIEW, NULL, "The analysis looks right.  I am sending a "
	    "new version of the ring rework today, so I won't pick up this "
	    "change for now; please rebase it on top." },
	{ CLASSIFY_REVIEW, NULL, "My tree is based on rc2, so I won't pull "
	    "that in directly; it goes to a topic branch first." },
	{ CLASSIFY_OBJECTION, NULL, "The ring is guest ABI.  I won't take "
	    "this, old backends read the layout as it is." },
	/* "Take it" of a lock: what the code does, no request. */
	{ CLASSIFY_REVIEW, NULL, "All the commands run with the ring lock "
	    "held.  Now we don't take it on the fast path, so an event "
	    "can be lost in between." },
	{ CLASSIFY_REVIEW, NULL, "On the fast path readers don't take it "
	    "anymore, so the window between the two updates is open." },
	{ CLASSIFY_REVIEW, NULL, "Please don't push to the branch directly; "
	    "send the fixes to the list and I will pick them up." },
};

static void
test_prose_objections(void)
{
	struct message_env	 env = { 0, 0 };
	struct classify_context	 ctx;
	struct classify_result	 r;
	struct series_tag	 tag;
	struct rules		*rules = NULL;
	struct message		*m;
	char			*raw, *norm, *cause = NULL, what[96];
	size_t			 i;

	if (!check_int(rules_load(NULL, &rules, &cause), 0)) {
		printf("# %s\n", cause != NULL ? cause : "no rules.conf");
		free(cause);
		return;
	}
	for (i = 0; i < sizeof prose_cases / sizeof prose_cases[0]; i++) {
		raw = xasprintf("From: %s\nTo: xen-devel@lists.xenproject.org\n"
		    "Subject: Re: [PATCH v2 1/2] xen/pvcalls: rework the ring\n"
		    "Date: Mon, 2 Nov 2026 10:00:00 +0000\n"
		    "Message-ID: <prose%zu@example.org>\n"
		    "In-Reply-To: <ring@example.org>\n"
		    "Content-Type: text/plain; charset=utf-8\n\n%s\n",
		    prose_cases[i].from != NULL ? prose_cases[i].from :
		    PROSE_BOB, i, prose_cases[i].text);
		m = NULL;
		if (!check_int(message_parse(raw, strlen(raw), &env, &m,
		    &cause), 0)) {
			printf("# message_parse: %s\n", cause);
			free(cause);
			cause = NULL;
			free(raw);
			continue;
		}
		free(raw);
		memset(&ctx, 0, sizeof ctx);
		ctx.reply = 1;
		ctx.reviewable = 1;
		ctx.proposer = "ann@example.org";
		ctx.proposer_name = "Ann Author";
		norm = series_parse_subject(m->subject, &tag);
		classify_message(rules, m, &tag, &ctx, &r);
		snprintf(what, sizeof what, "prose case %zu", i);
		tap_check_str(r.kind, prose_cases[i].kind, __FILE__, __LINE__,
		    what);
		free(norm);
		classify_free(&r);
		message_free(m);
	}
	rules_free(rules);
}

int
main(void)
{
	test_mixed();
	test_many();
	test_some();
	test_many_cased();
	test_leads();
	test_dispatch();
	test_split_line();
	test_shipped();
	test_prose_objections();
	return (tap_done());
}
