/*
 * pvbot explain: why a stored message got its kind -- the context the
 * thread gave, the author's own text, every rule that matched it (and why
 * one did not count), and the step that decided.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "classify.h"
#include "cli.h"
#include "env.h"
#include "message.h"
#include "model.h"
#include "rules.h"
#include "series.h"
#include "store-classify.h"
#include "xmalloc.h"

/* One line of matched text, shortened, on one line. */
static void
explain_excerpt(const char *own, const struct classify_hit *h)
{
	size_t	i, n = h->end - h->start;

	putchar('"');
	for (i = 0; i < n && i < 100; i++)
		putchar(own[h->start + i] == '\n' || own[h->start + i] ==
		    '\t' ? ' ' : own[h->start + i]);
	printf("%s\"", n > 100 ? "..." : "");
}

/* The review points and answers the flags carry, for the engine. */
static void
explain_points(int flags)
{
	static const struct {
		int		 flag;
		const char	*what;
	} points[] = {
		{ CLASSIFY_F_ASKS_CHANGE, "asks for a change" },
		{ CLASSIFY_F_CONCERN, "questions the approach" },
		{ CLASSIFY_F_ACCEPTS, "agrees to a change" },
		{ CLASSIFY_F_DISPUTES, "disputes a point" },
		{ CLASSIFY_F_CONDITIONAL, "its tag has conditions" },
	};
	size_t	i;
	int	n = 0;

	for (i = 0; i < sizeof points / sizeof points[0]; i++)
		if (flags & points[i].flag)
			printf("%s%s", n++ == 0 ? "points:   " : "; ",
			    points[i].what);
	if (n > 0)
		putchar('\n');
}

static void
explain_print(const struct message *m, const struct classify_context *ctx,
    const struct classify_result *r)
{
	size_t		 i;

	printf("message:  <%s>\nfrom:     %s <%s>\nsubject:  %s\n",
	    m->message_id, m->from_name, m->from_email, m->subject);
	printf("context:  %s; proposer %s%s; thread %s\n", ctx->reply ?
	    "a reply" : "a posting", ctx->proposer != NULL ? ctx->proposer :
	    "unknown (thread not stored)", (r->flags & CLASSIFY_F_AUTHOR) ?
	    "; the sender is the author" : "", ctx->reviewable ?
	    "holds something to review" : (r->flags & CLASSIFY_F_SUBJECT_REVIEW) ?
	    "has something to review, by its subject" :
	    "holds nothing to review");
	if (ctx->patch_author != NULL)
		printf("          the pulled patch's author is %s\n",
		    ctx->patch_author);
	if (r->flags & CLASSIFY_F_NO_THREAD)
		printf("          the thread is not stored: whose answer this "
		    "is, and what it answers, are unknown\n");
	printf("kind:     %s\nbecause:  %s\n", r->kind, r->why != NULL ?
	    r->why : "-");
	explain_points(r->flags);
	printf("rules:\n");
	for (i = 0; i < r->nhits; i++) {
		printf("  %-13s %-18s ", rules_class_name(r->hits[i].class),
		    r->hits[i].rule);
		explain_excerpt(r->own, &r->hits[i]);
		if (r->hits[i].ignored != NULL)
			printf(" (ignored: %s)", r->hits[i].ignored);
		putchar('\n');
	}
	for (i = 0; i < r->ntrailers; i++)
		printf("trailer:  %s: %s <%s>%s\n", r->trailers[i].tag,
		    r->trailers[i].name, r->trailers[i].email,
		    r->trailers[i].mismatch ? " (names someone else)" : "");
}

/* The author's own text, as the rules and the model read it. */
static void
explain_own(const struct classify_result *r)
{
	const char	*p, *nl;

	printf("own text:\n");
	for (p = r->own; *p != '\0'; p = nl + 1) {
		if ((nl = strchr(p, '\n')) == NULL)
			nl = p + strlen(p);
		printf("  | %.*s\n", (int)(nl - p), p);
		if (*nl == '\0')
			break;
	}
}

/* How many features explain shows for a class. */
#define EXPLAIN_FEATURES	12

static void
explain_class(const struct model *md, const struct model_features *f,
    int class)
{
	struct model_contrib	c[EXPLAIN_FEATURES];
	size_t			i, n;

	n = model_explain(md, f, class, c, EXPLAIN_FEATURES);
	printf("  for %s:", model_classes[class]);
	for (i = 0; i < n; i++)
		printf("%s%+.3f %s", i % 4 == 0 ? "\n    " : "  ", c[i].weight,
		    c[i].feature);
	putchar('\n');
}

/*
 * What the learned model made of a reply the prose decides: each kind's
 * probability, and the features that weigh most for the kind it chose
 * and for the rules' kind.
 */
static void
explain_model(const struct model *md, const struct message *m,
    const struct series_tag *tag, const struct classify_context *ctx,
    const struct classify_result *r)
{
	struct classify_result	rr = *r;
	struct model_features	f;
	struct model_score	s;
	int			c;

	if (md == NULL) {
		printf("model:    none (rules only)\n");
		return;
	}
	if (!r->prose) {
		printf("model:    not asked (the rules' exact signals decided)"
		    "\n");
		return;
	}
	rr.kind = r->rules_kind;
	rr.why = r->rules_why;
	model_features(m, tag, ctx, &rr, &f);
	model_score(md, &f, rr.kind, &s);
	printf("model:   ");
	for (c = 0; c < MODEL_NCLASSES; c++)
		printf(" %s %.2f%s", model_classes[c], s.p[c],
		    c + 1 < MODEL_NCLASSES ? "," : "");
	putchar('\n');
	/* Whether it changed the kind, and by what margin over which. */
	if (s.override)
		printf("          overrides the rules (the rules said %s): "
		    "%s by %.3f over %s, past its threshold %.3f\n", rr.kind,
		    s.kind, s.margin, rr.kind, s.threshold);
	else if (s.best != s.rules)
		printf("          keeps the rules' kind (the rules said %s): "
		    "%s by %.3f, not past its threshold %.3f%s\n", rr.kind,
		    model_classes[s.best], s.margin, s.threshold,
		    s.threshold >= 1 ? " (never)" : "");
	else
		printf("          keeps the rules' kind (the rules said %s), "
		    "its likeliest too\n", rr.kind);
	explain_class(md, &f, s.best);
	if (s.rules >= 0 && s.rules != s.best)
		explain_class(md, &f, s.rules);
	model_features_free(&f);
}

/* What explain_raw works with, and what it found. */
struct explain_run {
	struct store		*store;
	const struct env	*env;
	int			 rc;
};

static void
explain_raw(void *arg, const void *raw, size_t len)
{
	struct explain_run	*x = arg;
	struct message_env	 menv = { 0, 0 };
	struct classify_context	 ctx;
	struct classify_result	 r;
	struct message		*m;
	struct series_tag	 tag;
	char			*cause = NULL, *norm, *proposer;

	if (message_parse(raw, len, &menv, &m, &cause) != 0) {
		fprintf(stderr, "pvbot: explain: %s\n", cause);
		free(cause);
		x->rc = CMD_ERROR;
		return;
	}
	norm = series_parse_subject(m->subject, &tag);
	proposer = store_classify_context(x->store, &x->env->classify, m, &tag,
	    &ctx);
	classify_message(x->env->rules, m, &tag, &ctx, &r);
	explain_print(m, &ctx, &r);
	explain_model(ctx.model, m, &tag, &ctx, &r);
	explain_own(&r);
	classify_free(&r);
	store_classify_context_free(&ctx, proposer);
	free(norm);
	message_free(m);
	x->rc = CMD_OK;
}

int
cmd_explain(struct pvbot *bot, int argc, char **argv)
{
	struct explain_run	 x;
	struct env		*env;
	char			*id;
	int			 found;

	if (argc == 2 && (strcmp(argv[1], "--help") == 0 ||
	    strcmp(argv[1], "-h") == 0)) {
		printf("usage: pvbot explain MESSAGE-ID\n");
		return (CMD_OK);
	}
	if (argc != 2 || argv[1][0] == '-')
		return (cmd_usage(cmd_find("explain")));
	if (cmd_env_load(bot, &env) != 0)
		return (CMD_ERROR);
	id = xstrdup(argv[1] + (argv[1][0] == '<'));
	if (*id != '\0' && id[strlen(id) - 1] == '>')
		id[strlen(id) - 1] = '\0';
	x.store = bot->store;
	x.env = env;
	x.rc = CMD_ERROR;
	if ((found = store_classify_raw(bot->store, id, explain_raw, &x)) == 0)
		fprintf(stderr, "pvbot: explain: no message <%s>\n", id);
	else if (found < 0)
		x.rc = cmd_db_error(bot->store);
	env_free(env);
	free(id);
	return (x.rc);
}
