/*
 * Message classification.  Everything that depends on wording lives in
 * rules.conf; this file holds the decision procedure: whose trailer is
 * whose and which signal wins (what text is the author's own: classify-own.c).
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "buf.h"
#include "classify.h"
#include "classify-int.h"
#include "diff.h"
#include "message.h"
#include "model.h"
#include "protocols.h"
#include "rules.h"
#include "series.h"
#include "text.h"
#include "xmalloc.h"

/* A reply with this little text of its own and no verdict is "other". */
#define CLASSIFY_REVIEW_MIN	60
/* Past this much own text, one mention of Cc lists is an aside. */
#define CLASSIFY_PROCESS_MAX	400
/* This many doubts about the approach add up to an objection. */
#define CLASSIFY_DOUBTS		2
/* Rules read at most this much own text: verdicts are not in megabytes. */
#define CLASSIFY_SCAN_MAX	(256 * 1024)


/*
 * How much the author really wrote: own text less the attribution line
 * ("On ..., X wrote:"), elisions ("[...]") and a short sign-off.
 */
static size_t
classify_substance(const char *own)
{
	const char	*p = own, *nl;
	size_t		 len, total = 0, last = 0;

	while (*p != '\0') {
		nl = strchr(p, '\n');
		len = nl != NULL ? (size_t)(nl - p) : strlen(p);
		while (len > 0 && isspace((unsigned char)p[len - 1]))
			len--;
		if (len > 0 && !(len >= 6 && strncmp(p + len - 6, "wrote:", 6) ==
		    0) && !(len >= 5 && strncmp(p + len - 5, "said:", 5) == 0) &&
		    strncmp(p, "[...]", 5) != 0 && strncmp(p, "[snip]", 6) != 0) {
			total += len;
			last = len;
		}
		if (nl == NULL)
			break;
		p = nl + 1;
	}
	/* "Jan", "thanks,", "-- PMM": a last short line is a sign-off. */
	if (last > 0 && last <= 20)
		total -= last;
	return (total);
}

/*
 * Names compared without case, parenthesised comments or extra spaces,
 * and in the order "First Last".
 */
char *
classify_norm_name(const char *name)
{
	struct buf	 b;
	int		 depth = 0;
	char		*s;

	buf_init(&b);
	buf_add(&b, "", 0);
	for (; *name != '\0'; name++) {
		if (*name == '(')
			depth++;
		else if (*name == ')' && depth > 0)
			depth--;
		else if (depth == 0 && *name != '"')
			buf_addch(&b, (char)tolower((unsigned char)*name));
	}
	s = buf_detach(&b, NULL);
	text_collapse_ws(s);
	return (text_first_last(s));
}

/* Split "Name (Co) <a@b> # area" into its parts. */
static void
classify_trailer_value(const char *value, struct classify_trailer *t)
{
	char	*v = xstrdup(value), *hash, *lt, *gt, *at, *end;

	if ((hash = strchr(v, '#')) != NULL) {
		*hash++ = '\0';
		t->area = xstrdup(hash);
		text_collapse_ws(t->area);
		if (*t->area == '\0') {
			free(t->area);
			t->area = NULL;
		}
	}
	if ((lt = strchr(v, '<')) != NULL && (gt = strchr(lt, '>')) != NULL) {
		t->email = xstrndup(lt + 1, (size_t)(gt - lt - 1));
		*lt = '\0';
		t->name = xstrdup(v);
	} else if ((at = strchr(v, '@')) != NULL) {
		/* A bare address: the word around the '@'. */
		for (lt = at; lt > v && !isspace((unsigned char)lt[-1]); lt--)
			;
		end = at + strcspn(at, " \t");
		t->email = xstrndup(lt, (size_t)(end - lt));
		*lt = '\0';
		t->name = xstrdup(v);
	} else {
		t->email = xstrdup("");
		t->name = xstrdup(v);
	}
	text_collapse_ws(t->name);
	text_collapse_ws(t->email);
	text_lower(t->email);
	free(v);
}

/* "kh" abbreviates "kroah-hartman": initials of words and hyphen parts. */
static int
classify_is_initials(const char *abbr, const char *full)
{
	const char	*p = full;

	for (; *abbr != '\0'; abbr++) {
		while (*p == ' ' || *p == '-')
			p++;
		if (*p != *abbr)
			return (0);
		p += strcspn(p, " -");
	}
	while (*p == ' ' || *p == '-')
		p++;
	return (*p == '\0');
}

/*
 * Same person?  The same name, or the same first name with the rest given
 * as initials ("Greg KH" for "Greg Kroah-Hartman").
 */
static int
classify_same_name(const char *a, const char *b)
{
	const char	*ra, *rb;
	size_t		 fa, fb;

	if (*a == '\0' || *b == '\0')
		return (0);
	if (strcmp(a, b) == 0)
		return (1);
	fa = strcspn(a, " ");
	fb = strcspn(b, " ");
	if (fa != fb || strncmp(a, b, fa) != 0 || a[fa] == '\0' ||
	    b[fb] == '\0')
		return (0);
	ra = a + fa + 1;
	rb = b + fb + 1;
	return ((strchr(ra, ' ') == NULL && classify_is_initials(ra, rb)) ||
	    (strchr(rb, ' ') == NULL && classify_is_initials(rb, ra)));
}

/* b4's rule: a trailer is the sender's own if it names the sender. */
static int
classify_is_mismatch(const struct classify_trailer *t, const struct message *m)
{
	char	*a, *b;
	int	 same;

	if (*t->email != '\0' && strcasecmp(t->email, m->from_email) == 0)
		return (0);
	a = classify_norm_name(t->name);
	b = classify_norm_name(m->from_name);
	same = classify_same_name(a, b);
	free(a);
	free(b);
	return (!same);
}

static void
classify_add_trailer(struct classify_result *r, const struct message *m,
    const char *tag, const char *value)
{
	struct classify_trailer	*t;

	r->trailers = xreallocarray(r->trailers, r->ntrailers + 1,
	    sizeof *r->trailers);
	t = &r->trailers[r->ntrailers++];
	memset(t, 0, sizeof *t);
	t->tag = xstrdup(tag);
	classify_trailer_value(value, t);
	if (!classify_is_mismatch(t, m))
		t->mismatch = 0;
	else if (*t->email != '\0' && (strcmp(tag, "Tested-by") == 0 ||
	    strcmp(tag, "Acked-by") == 0 || strcmp(tag, "Reviewed-by") == 0))
		t->mismatch = CLASSIFY_RELAYED;
	else
		t->mismatch = CLASSIFY_MISMATCH;
}

/* Whether any rule of a class matches text (subjects, addresses). */
static int
classify_has(const struct rules *rules, enum rules_class class,
    const char *text, struct classify_result *r)
{
	struct rules_hit	hit;
	int			rc;

	rc = rules_match(rules, class, text, strlen(text), 0, &hit);
	if (rc == RULES_ERROR)
		r->flags |= CLASSIFY_F_RULE_ERROR;
	return (rc == RULES_MATCH);
}

struct classify_walk {
	const struct rules	*rules;
	struct classify_result	*r;
	const struct message	*m;
	const char		*text;
	size_t			 len;
	int			 nak;
	int			 nprocess;	/* process rules matched */
	const void		*spam;		/* the first spam rule hit */
	int			 nspam;		/* distinct spam rules hit */
};

static void
classify_hit_trailer(struct classify_walk *w, const struct rules_hit *hit)
{
	char	*value = rules_hit_group(hit, "value");

	if (value != NULL)
		classify_add_trailer(w->r, w->m, hit->name, value);
	free(value);
}

static void
classify_hit_vote(struct classify_walk *w, const struct rules_hit *hit,
    struct classify_hit *h)
{
	char	*v = rules_hit_group(hit, "vote");

	if (v != NULL && (h->ignored = classify_vote_ignored(w->m->body,
	    w->text, w->len, hit->start, v)) != NULL) {
		free(v);
		return;
	}
	if (v != NULL && !w->r->has_vote) {
		w->r->has_vote = 1;
		w->r->vote = (int)strtol(v, NULL, 10);
	}
	free(v);
}

static long
classify_number_word(const char *n)
{
	static const char *words[] = { "zero", "one", "two", "three", "four",
	    "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
	    "thirteen", "fourteen" };
	size_t	i;

	for (i = 0; i < sizeof words / sizeof words[0]; i++)
		if (strcasecmp(n, words[i]) == 0)
			return ((long)i);
	return (strtol(n, NULL, 10));
}

static void
classify_hit_window(struct classify_walk *w, const struct rules_hit *hit)
{
	char	*n = rules_hit_group(hit, "n");
	char	*unit = rules_hit_group(hit, "unit");
	long	 v;

	if (n != NULL && unit != NULL && w->r->window == 0) {
		v = classify_number_word(n);
		if (v > 0 && v <= 365)
			w->r->window = v * (tolower((unsigned char)*unit) ==
			    'w' ? 7 : 1) * 86400;
	}
	free(n);
	free(unit);
}

static void
classify_hit_command(struct classify_walk *w, const struct rules_hit *hit)
{
	struct classify_command	*c;
	char			*verb = rules_hit_group(hit, "verb");
	char			*args = rules_hit_group(hit, "args");

	if (verb == NULL) {
		free(args);
		return;
	}
	w->r->commands = xreallocarray(w->r->commands, w->r->ncommands + 1,
	    sizeof *w->r->commands);
	c = &w->r->commands[w->r->ncommands++];
	text_lower(verb);
	c->verb = verb;
	c->args = args != NULL ? args : xstrdup("");
}

/*
 * Whether a NAK hit is part of text that only talks about one ("  NAK
 * won't help": the NAK rule took the line first).  Only a not-nak match
 * overlapping this hit cancels it, never one elsewhere in the mail.
 */
static int
classify_not_nak(struct classify_walk *w, const struct rules_hit *hit)
{
	struct rules_hit	h;
	int			rc;

	rc = rules_match(w->rules, RULES_NOT_NAK, w->text, w->len, hit->start,
	    &h);
	if (rc == RULES_ERROR)
		w->r->flags |= CLASSIFY_F_RULE_ERROR;
	return (rc == RULES_MATCH && h.start < hit->end);
}

static struct classify_hit *
classify_add_hit(struct classify_walk *w, const struct rules_hit *hit,
    enum rules_class class)
{
	struct classify_hit	*h;

	w->r->hits = xreallocarray(w->r->hits, w->r->nhits + 1,
	    sizeof *w->r->hits);
	h = &w->r->hits[w->r->nhits++];
	h->class = class;
	h->rule = hit->name;
	h->start = hit->start;
	h->end = hit->end;
	h->ignored = NULL;
	return (h);
}

/* One match of the own-text scan: note what it means. */
static void
classify_hit(const struct rules_hit *hit, enum rules_class class, void *arg)
{
	static const struct {
		enum rules_class	class;
		int			flag;
	} flags[] = {
		{ RULES_OBJECTION, CLASSIFY_F_OBJECTION },
		{ RULES_APPROVAL, CLASSIFY_F_APPROVAL },
		{ RULES_APPLIED, CLASSIFY_F_APPLIED },
		{ RULES_PING, CLASSIFY_F_PING },
		{ RULES_WITHDRAW, CLASSIFY_F_WITHDRAW },
		{ RULES_LAZY, CLASSIFY_F_LAZY },
		{ RULES_PROCESS, CLASSIFY_F_PROCESS },
		{ RULES_PROPOSAL, CLASSIFY_F_PROPOSAL },
		{ RULES_NOT_OBJECTION, CLASSIFY_F_HEDGE },
		{ RULES_NOT_NAK, CLASSIFY_F_HEDGE },
		{ RULES_DOUBT, CLASSIFY_F_CONCERN },
		{ RULES_ASKS_CHANGE, CLASSIFY_F_ASKS_CHANGE },
		{ RULES_CONCERN, CLASSIFY_F_CONCERN },
		{ RULES_ACCEPTS, CLASSIFY_F_ACCEPTS },
		{ RULES_DISPUTES, CLASSIFY_F_DISPUTES },
		{ RULES_CONDITIONAL, CLASSIFY_F_CONDITIONAL },
	};
	struct classify_walk	*w = arg;
	struct classify_hit	*h;
	char			*target;
	size_t			 i;
	int			 ok;

	h = classify_add_hit(w, hit, class);
	switch (class) {
	case RULES_TRAILER:
		classify_hit_trailer(w, hit);
		return;
	case RULES_VOTE:
		classify_hit_vote(w, hit, h);
		return;
	case RULES_WINDOW:
		classify_hit_window(w, hit);
		return;
	case RULES_COMMAND:
		classify_hit_command(w, hit);
		return;
	case RULES_NAK:
		if (classify_not_nak(w, hit))
			h->ignored = "part of text about a NAK";
		else
			w->nak = 1;
		return;
	case RULES_PROCESS:
		w->nprocess++;
		break;
	case RULES_SPAM:
		/* Two kinds of spam words, not one word twice. */
		if (w->nspam == 0 || w->spam != hit->rule)
			w->nspam++;
		w->spam = hit->rule;
		return;
	case RULES_OBJECTION:
	case RULES_DOUBT:
	case RULES_APPROVAL:
		if (classify_is_question(w->text, w->len, hit->end)) {
			h->ignored = "a question";
			return;
		}
		if (class != RULES_APPROVAL && classify_is_supposition(w->text,
		    hit->start)) {
			h->ignored = "a supposition";
			return;
		}
		if (classify_is_disclaimed(w->text, hit->start)) {
			h->ignored = "disclaimed (\"I'm not saying ...\")";
			return;
		}
		if (class == RULES_OBJECTION && classify_judges_detail(w->text,
		    w->len, hit->start, hit->end)) {
			h->ignored = "judges a detail, not the change";
			return;
		}
		if (class == RULES_OBJECTION && (target = rules_hit_group(hit,
		    "target")) != NULL) {
			ok = classify_targets_change(w->text, w->len,
			    hit->start, hit->end, target);
			free(target);
			if (!ok) {
				h->ignored = "judges no more than a part";
				return;
			}
		}
		if (class == RULES_DOUBT)
			w->r->ndoubts++;
		break;
	case RULES_ACCEPTS:
	case RULES_DISPUTES:
		/* "Should I change it?" offers; "If so, I'll fix" supposes. */
		if (classify_is_question(w->text, w->len, hit->end)) {
			h->ignored = "a question";
			return;
		}
		/* FALLTHROUGH */
	case RULES_CONCERN:
		if (classify_is_supposition(w->text, hit->start)) {
			h->ignored = "a supposition";
			return;
		}
		break;
	default:
		break;
	}
	for (i = 0; i < sizeof flags / sizeof flags[0]; i++)
		if (flags[i].class == class)
			w->r->flags |= flags[i].flag;
}

/*
 * The facts one scan of the rules finds in the author's own text.  A
 * posting is read only for what a posting can say (its window, a lazy
 * consensus call, commands, and for a new thread without a patch whether
 * it proposes a design or is spam): its commit message holds carried
 * trailers and is long, and the verdict signals are never the poster's.
 * A reply's prose is read only when its exact signals leave the kind
 * open (classify_reply): prose rules are most of the rules.
 */
static void
classify_scan(const struct rules *rules, const struct message *m,
    const char *own, struct rules_text **idx, int which,
    struct classify_result *r)
{
	struct classify_walk	w;
	size_t			len = strlen(own);

	memset(&w, 0, sizeof w);
	w.rules = rules;
	w.r = r;
	w.m = m;
	if (len > CLASSIFY_SCAN_MAX)
		len = CLASSIFY_SCAN_MAX;
	w.text = own;
	w.len = len;
	/* The own text's index, made once for the scans that use one. */
	if (*idx == NULL && which != RULES_SCAN_POSTING)
		*idx = rules_text_new(own, len);
	if (rules_scan_text(rules, which, own, len, *idx, classify_hit,
	    &w) == RULES_ERROR)
		r->flags |= CLASSIFY_F_RULE_ERROR;
	if (w.nak)
		r->flags |= CLASSIFY_F_NAK;
	/*
	 * Talk about Cc lists decides a mail only when it is what the mail
	 * is about: said twice, or in a short mail.  A review that Cc's
	 * someone in passing stays a review.
	 */
	if ((r->flags & CLASSIFY_F_PROCESS) && w.nprocess == 1 &&
	    classify_substance(own) >= CLASSIFY_PROCESS_MAX)
		r->flags &= ~CLASSIFY_F_PROCESS;
	/* A spam subject counts as one of the two signs spam needs. */
	if (w.nspam >= 2 || (w.nspam == 1 && classify_has(rules, RULES_SPAM,
	    m->subject, r)))
		r->flags |= CLASSIFY_F_SPAM;
}

/* The sender gave this trailer: its own, and one of the verdict tags. */
static int
classify_gave(const struct classify_result *r, const char *tag)
{
	size_t	i;

	for (i = 0; i < r->ntrailers; i++)
		if (!r->trailers[i].mismatch &&
		    strcasecmp(r->trailers[i].tag, tag) == 0)
			return (1);
	return (0);
}

static int
classify_gave_ack(const struct classify_result *r)
{
	return (classify_gave(r, "Acked-by") || classify_gave(r,
	    "Reviewed-by") || classify_gave(r, "Tested-by") ||
	    classify_gave(r, "Release-acked-by"));
}

static int
classify_only_design_docs(const struct rules *rules,
    const struct classify_result *r)
{
	size_t	i;

	for (i = 0; i < r->npaths; i++)
		if (rules_match(rules, RULES_DESIGN_PATH, r->paths[i],
		    strlen(r->paths[i]), 0, &(struct rules_hit){ 0 }) !=
		    RULES_MATCH)
			return (0);
	return (r->npaths > 0);
}

/* Whether own text carries a Signed-off-by line. */
static int
classify_signed_off(const char *own)
{
	const char	*p = own;

	for (; p != NULL && *p != '\0'; p = strchr(p, '\n'), p = p != NULL ?
	    p + 1 : NULL) {
		p += strspn(p, " \t");
		if (text_has_prefix_ci(p, "signed-off-by:"))
			return (1);
	}
	return (0);
}

/*
 * Whether a diff is one git made (a "diff --git" header), as someone
 * proposing a change sends it: a hunk pasted into a review is not.
 */
static int
classify_git_diff(const char *text)
{
	return (text != NULL && (strncmp(text, "diff --git ", 11) == 0 ||
	    strstr(text, "\ndiff --git ") != NULL));
}

/*
 * The sender's own diff: one in the body that their own text runs on to
 * (not one in an original message under Outlook's header, nor below the
 * signature), or an attached one.
 */
static int
classify_own_git_diff(const struct message *m, int own_diff)
{
	return (classify_git_diff(m->patch) && (own_diff ||
	    !classify_git_diff(m->body)));
}

/*
 * Whether a reply's subject says it answers something to review, when its
 * thread does not show it (or is not stored): a design topic ("Re:
 * [LSF/MM TOPIC] ..."), the posting a new subject came from ("... (was
 * Re: [PATCH 0/4] ...)"), or a design question ("Should X use Y?"), not
 * a bug report's.
 */
static int
classify_subject_reviewable(const struct rules *rules,
    const struct message *m, struct classify_result *r)
{
	return (series_was_posting(m->subject) ||
	    classify_has(rules, RULES_DESIGN_SUBJECT, m->subject, r) ||
	    classify_has(rules, RULES_DISCUSSION_SUBJECT, m->subject, r));
}

/* The kind and what decided it (both static strings). */
static const char *
classify_decide(struct classify_result *r, const char *kind, const char *why)
{
	r->why = why;
	return (kind);
}

/* A posting that starts a thread: cover, patch or design. */
static const char *
classify_posting(const struct rules *rules, const struct message *m,
    const struct series_tag *tag, const char *own, struct classify_result *r)
{
	int	design_tag;

	design_tag = (tag->flags & (SERIES_DESIGN | SERIES_DOC)) ||
	    classify_has(rules, RULES_DESIGN_SUBJECT, m->subject, r);
	if (tag->part == 0 && tag->total > 0)
		return (classify_decide(r, CLASSIFY_COVER, "part 0 of a series"));
	if (m->patch != NULL && r->flags & CLASSIFY_F_DESIGN_DOC)
		return (classify_decide(r, CLASSIFY_DESIGN,
		    "a patch to design documents only"));
	/*
	 * A diff is submitted as a patch with a tag or a sign-off; a bug
	 * report's experiment has neither.
	 */
	if (m->patch != NULL && ((tag->flags & (SERIES_PATCH | SERIES_RFC |
	    SERIES_PULL)) || classify_signed_off(own)))
		return (classify_decide(r, CLASSIFY_PATCH, "carries a patch"));
	if (design_tag || (tag->flags & SERIES_RFC))
		return (classify_decide(r, CLASSIFY_DESIGN,
		    "a design or RFC tag and no patch"));
	/* A pull request without patches is a request, not a posting. */
	if (tag->flags & SERIES_PULL)
		return (NULL);
	/* A cover without its tag: a diffstat summary gives it away. */
	if (m->patch == NULL && strstr(own, " changed, ") != NULL &&
	    strstr(own, " file") != NULL)
		return (classify_decide(r, CLASSIFY_COVER,
		    "a diffstat summary and no patch"));
	if (r->flags & CLASSIFY_F_PROPOSAL)
		return (classify_decide(r, CLASSIFY_DESIGN,
		    "proposal rule in a new thread"));
	return (NULL);
}

/* A reply: which of its signals wins. */
static const char *
classify_reply(const struct rules *rules, const struct message *m,
    struct classify_result *r, const char *own, struct rules_text **idx,
    int reviewable)
{
	if ((r->flags & CLASSIFY_F_NAK) || classify_gave(r, "Nacked-by") ||
	    classify_gave(r, "Release-nacked-by"))
		return (classify_decide(r, CLASSIFY_OBJECTION,
		    "an explicit NAK or Nacked-by"));
	if (r->has_vote && r->vote < 0)
		return (classify_decide(r, CLASSIFY_OBJECTION, "a negative vote"));
	if (classify_gave_ack(r))
		return (classify_decide(r, CLASSIFY_ACK, "the sender's own tag"));
	if (r->has_vote && r->vote > 0)
		return (classify_decide(r, CLASSIFY_ACK, "a positive vote"));
	if (r->flags & (CLASSIFY_F_APPLIED | CLASSIFY_F_PING |
	    CLASSIFY_F_PROCESS))
		return (classify_decide(r, CLASSIFY_OTHER,
		    "a merge notice, ping or process talk"));
	/*
	 * A reply carrying a diff git made proposes a change ("something
	 * like this?", "see the patch below"), a sign-off or not, whoever
	 * sends it; unless its prose objects to what it answers (the
	 * proposer's own words never object to their change).
	 */
	if ((r->flags & CLASSIFY_F_GIT_DIFF) && (r->flags & CLASSIFY_F_AUTHOR))
		return (classify_decide(r, CLASSIFY_PATCH,
		    "the proposer answering with a diff git made"));
	/* The proposer's prose argues for the change, whatever its words. */
	if (r->flags & CLASSIFY_F_AUTHOR)
		return (classify_decide(r, CLASSIFY_OTHER, r->author_by));
	/* The kind is open: read the prose (and the model may, too). */
	classify_scan(rules, m, own, idx, RULES_SCAN_PROSE, r);
	r->prose = 1;
	/* "Not a NAK, but ..." and "I don't object" take prose back. */
	if ((r->flags & CLASSIFY_F_OBJECTION) && !(r->flags & CLASSIFY_F_HEDGE))
		return (classify_decide(r, CLASSIFY_OBJECTION,
		    "a prose objection, not hedged"));
	if (r->flags & CLASSIFY_F_GIT_DIFF)
		return (classify_decide(r, CLASSIFY_PATCH,
		    "a reply carrying a diff git made"));
	if (r->ndoubts >= CLASSIFY_DOUBTS && !(r->flags & CLASSIFY_F_HEDGE))
		return (classify_decide(r, CLASSIFY_OBJECTION,
		    "several doubts about the approach, not hedged"));
	/* A review needs something to review: bug reports and chat are not. */
	if (!reviewable)
		return (classify_decide(r, CLASSIFY_OTHER,
		    "nothing in the thread to review"));
	if (r->flags & CLASSIFY_F_APPROVAL)
		return (classify_decide(r, CLASSIFY_ACK, "a prose approval"));
	if (classify_substance(own) < CLASSIFY_REVIEW_MIN)
		return (classify_decide(r, CLASSIFY_OTHER,
		    "too little text of its own for a review"));
	return (classify_decide(r, CLASSIFY_REVIEW,
	    "own text on something to review, no verdict"));
}

static const char *
classify_kind(const struct rules *rules, const struct message *m,
    const struct series_tag *tag, const struct classify_context *ctx,
    int reviewable, const char *own, struct rules_text **idx,
    struct classify_result *r)
{
	const char	*kind;

	if (r->flags & CLASSIFY_F_BOT)
		return (classify_decide(r, CLASSIFY_OTHER, "an automated sender"));
	if ((r->flags & CLASSIFY_F_SPAM) && m->patch == NULL)
		return (classify_decide(r, CLASSIFY_OTHER, "spam"));
	if (!ctx->reply && (kind = classify_posting(rules, m, tag, own, r)) !=
	    NULL)
		return (kind);
	/* A patch sent as a reply still carries a patch. */
	if (ctx->reply && m->patch != NULL && classify_gave(r,
	    "Signed-off-by") && !(r->flags & CLASSIFY_F_NAK))
		return (classify_decide(r, CLASSIFY_PATCH,
		    "a reply carrying a signed-off patch"));
	if (!ctx->reply)
		return (classify_decide(r, CLASSIFY_OTHER,
		    "a new thread that is no posting"));
	return (classify_reply(rules, m, r, own, idx, reviewable));
}

/*
 * Review points and the answers to them are read in every reply whoever
 * sent it (the engine reads them by the sender's role).  A condition
 * counts only beside what it conditions: the sender's own Acked-by,
 * Reviewed-by or Tested-by, or a prose approval.
 */
static void
classify_condition(struct classify_result *r)
{
	size_t	i;

	if (!(r->flags & CLASSIFY_F_CONDITIONAL) || classify_gave_ack(r) ||
	    (r->flags & CLASSIFY_F_APPROVAL))
		return;
	r->flags &= ~CLASSIFY_F_CONDITIONAL;
	for (i = 0; i < r->nhits; i++)
		if (r->hits[i].class == RULES_CONDITIONAL &&
		    r->hits[i].ignored == NULL)
			r->hits[i].ignored = "no tag or approval it conditions";
}

/* Trailers in a posting are the commit's, carried, not given now. */
static void
classify_drop_carried(struct classify_result *r)
{
	size_t	i;

	for (i = 0; i < r->ntrailers; i++) {
		free(r->trailers[i].tag);
		free(r->trailers[i].name);
		free(r->trailers[i].email);
		free(r->trailers[i].area);
	}
	free(r->trailers);
	r->trailers = NULL;
	r->ntrailers = 0;
}

static void
classify_add_protocol(struct classify_result *r, const struct protocol *p,
    const char *source)
{
	size_t	i;

	for (i = 0; i < r->nprotocols; i++)
		if (r->protocols[i].protocol == p)
			return;
	r->protocols = xreallocarray(r->protocols, r->nprotocols + 1,
	    sizeof *r->protocols);
	r->protocols[r->nprotocols].protocol = p;
	r->protocols[r->nprotocols++].source = source;
}

/*
 * A change across the tree (a helper renamed everywhere, a bus callback
 * changed in every driver) touches protocols' files in passing and
 * proposes nothing for them.  It touches the files of more than this
 * many protocols, or says so in its subject (rules.conf passing-subject),
 * or is a large diff of which a protocol's files are a small share.
 */
#define CLASSIFY_PASSING_PROTOCOLS	3
#define CLASSIFY_PASSING_FILES		10	/* a large diff, in files */
#define CLASSIFY_PASSING_SHARE		10	/* one file in this many */

/* Bind the protocols whose files the diff changes for their own sake. */
static void
classify_protocols_by_path(const struct protocols *ps, int passing,
    struct classify_result *r)
{
	const struct protocol	**hit;
	size_t			 *nfiles, i, j, n = 0;

	hit = xcalloc(r->npaths + 1, sizeof *hit);
	nfiles = xcalloc(r->npaths + 1, sizeof *nfiles);
	for (i = 0; i < r->npaths; i++) {
		if (protocols_match_path(ps, r->paths[i], &hit[n]) != 1)
			continue;
		for (j = 0; j < n && hit[j] != hit[n]; j++)
			;
		nfiles[j]++;
		if (j == n)
			n++;
	}
	for (i = 0; i < n && !passing && n <= CLASSIFY_PASSING_PROTOCOLS; i++)
		if (r->npaths < CLASSIFY_PASSING_FILES || nfiles[i] *
		    CLASSIFY_PASSING_SHARE >= r->npaths)
			classify_add_protocol(r, hit[i], "path");
	free(nfiles);
	free(hit);
}

/*
 * Protocols by the paths a diff touches, then by name in the subject.
 * Bodies mention protocols in passing ("the xenstore node"), so naming a
 * protocol in the body does not bind a thread to it; a tag does.
 */
static void
classify_protocols(const struct rules *rules, const struct protocols *ps,
    const struct message *m, int reply, struct classify_result *r)
{
	const struct protocol	 **found;
	size_t			  i, n;

	if (ps == NULL)
		return;
	if (r->npaths > 0)
		classify_protocols_by_path(ps, classify_has(rules,
		    RULES_PASSING_SUBJECT, m->subject, r), r);
	/*
	 * A reply's subject is its thread's, which the posting bound
	 * already; read it only when that posting is not stored.
	 */
	if (reply && !(r->flags & CLASSIFY_F_NO_THREAD))
		return;
	n = protocols_match_text(ps, m->subject, &found);
	for (i = 0; i < n; i++)
		classify_add_protocol(r, found[i], "text");
	free(found);
}

void
classify_message(const struct rules *rules, const struct message *m,
    const struct series_tag *tag, const struct classify_context *ctx,
    struct classify_result *r)
{
	struct rules_text	*idx = NULL;
	char			*own, *from;
	int			 own_diff = 0, reviewable = ctx->reviewable;

	memset(r, 0, sizeof *r);
	r->own = own = classify_own_text_diff(rules, m->body, &own_diff);
	if (classify_own_git_diff(m, own_diff))
		r->flags |= CLASSIFY_F_GIT_DIFF;
	from = xasprintf("%s <%s>", m->from_name, m->from_email);
	if (message_is_automatic(m) ||
	    classify_has(rules, RULES_BOT, from, r))
		r->flags |= CLASSIFY_F_BOT;
	free(from);
	/* Say so when the thread is missing: its poster is a guess. */
	if (ctx->reply && ctx->proposer == NULL)
		r->flags |= CLASSIFY_F_NO_THREAD;
	classify_author_find(m, ctx, r);
	if (m->patch != NULL)
		r->npaths = diff_paths(m->patch, &r->paths);
	if (classify_only_design_docs(rules, r))
		r->flags |= CLASSIFY_F_DESIGN_DOC;
	classify_scan(rules, m, own, &idx, ctx->reply ? RULES_SCAN_EXACT :
	    RULES_SCAN_POSTING, r);
	if (!ctx->reply && m->patch == NULL)
		classify_scan(rules, m, own, &idx, RULES_SCAN_NEWTHREAD, r);
	if (ctx->reply && !reviewable && classify_subject_reviewable(rules, m,
	    r)) {
		r->flags |= CLASSIFY_F_SUBJECT_REVIEW;
		reviewable = 1;
	}
	/*
	 * Review points, read in every reply to something to review (a
	 * thread without a patch or proposal has no points to raise or
	 * answer), but a bot's.
	 */
	if (ctx->reply && reviewable && !(r->flags & CLASSIFY_F_BOT)) {
		classify_scan(rules, m, own, &idx, RULES_SCAN_POINTS, r);
		classify_author_words(r);
	}
	r->kind = r->rules_kind = classify_kind(rules, m, tag, ctx,
	    reviewable, own, &idx, r);
	rules_text_free(idx);
	/* Where the rules read prose, the learned model has its say. */
	if (r->prose && ctx->model != NULL)
		model_classify(ctx->model, m, tag, ctx, r);
	if (strcmp(r->kind, CLASSIFY_PATCH) == 0 ||
	    strcmp(r->kind, CLASSIFY_COVER) == 0 ||
	    strcmp(r->kind, CLASSIFY_DESIGN) == 0) {
		/* Postings carry earlier tags; they vote for their author. */
		classify_drop_carried(r);
		r->flags &= ~(CLASSIFY_F_NAK | CLASSIFY_F_OBJECTION |
		    CLASSIFY_F_APPLIED);
	}
	/* What the engine needs of the trailers, without reading them. */
	if (classify_gave(r, "Acked-by") || classify_gave(r, "Reviewed-by"))
		r->flags |= CLASSIFY_F_GAVE_ACK;
	if (classify_gave(r, "Tested-by"))
		r->flags |= CLASSIFY_F_GAVE_TESTED;
	if (classify_gave(r, "Nacked-by"))
		r->flags |= CLASSIFY_F_GAVE_NACK;
	if (ctx->reply)
		classify_condition(r);
	classify_protocols(rules, ctx->protocols, m, ctx->reply, r);
}

void
classify_free(struct classify_result *r)
{
	size_t	i;

	classify_drop_carried(r);
	for (i = 0; i < r->ncommands; i++) {
		free(r->commands[i].verb);
		free(r->commands[i].args);
	}
	free(r->commands);
	free(r->protocols);
	free(r->own);
	free(r->hits);
	diff_paths_free(r->paths, r->npaths);
	memset(r, 0, sizeof *r);
}
