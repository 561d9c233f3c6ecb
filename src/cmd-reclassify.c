/*
 * pvbot reclassify: run the current rules over every stored message's raw
 * bytes and say what changed.  Tags and protocol bindings that came from
 * mail are rebuilt from the commands; the operator's CLI tags stay.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "classify.h"
#include "cli.h"
#include "commits-mail.h"
#include "env.h"
#include "message.h"
#include "series.h"
#include "store-classify.h"
#include "store.h"
#include "xmalloc.h"

static int
cmd_reclassify_one(struct store *s, const struct env *env, long long id,
    long long thread, const void *raw, size_t len, const char *msgid)
{
	struct message_env	 menv = { 0, 0 };
	struct message		*m;
	struct series_tag	 tag;
	char			*cause = NULL, *norm, *before, *after;
	int			 changed;

	if (message_parse(raw, len, &menv, &m, &cause) != 0) {
		free(cause);
		return (0);
	}
	before = store_classify_summary(s, id);
	norm = series_parse_subject(m->subject, &tag);
	store_classify(s, &env->classify, id, thread, m, &tag, 0, NULL);
	after = store_classify_summary(s, id);
	changed = strcmp(before, after) != 0;
	if (changed)
		printf("%s: %s -> %s\n", msgid, before, after);
	free(before);
	free(after);
	free(norm);
	message_free(m);
	return (changed);
}

/* What the pass over every message counts. */
struct cmd_reclassify_pass {
	struct store		*store;
	const struct env	*env;
	long			 n, changed;
	long long		*ids;		/* each change's message */
	size_t			 nids, cap;
};

/*
 * A reply's context is read from the stored kinds of the messages it
 * references (is there something to review, who proposed it), and the
 * messages are read in the order of their rows.  A message's row can
 * come before the rows of messages it references: a reply that arrived
 * first is stored when a later reply names it, its own references only
 * when it comes.  When a rules change gives such an ancestor a new kind,
 * one pass reads the reply with the ancestor's old kind; passes repeat
 * until one changes nothing, this many at most.
 */
#define CMD_RECLASSIFY_PASSES	8

static void
cmd_reclassify_each(void *arg, long long id, long long thread,
    const void *raw, size_t len, const char *msgid)
{
	struct cmd_reclassify_pass	*p = arg;

	p->n++;
	if (!cmd_reclassify_one(p->store, p->env, id, thread, raw, len, msgid))
		return;
	p->changed++;
	if (p->nids == p->cap) {
		p->cap = p->cap == 0 ? 64 : p->cap * 2;
		p->ids = xreallocarray(p->ids, p->cap, sizeof *p->ids);
	}
	p->ids[p->nids++] = id;
}

static int
cmd_reclassify_cmp(const void *a, const void *b)
{
	long long	x = *(const long long *)a, y = *(const long long *)b;

	return (x < y ? -1 : x > y);
}

/* How many messages changed, whatever the number of passes it took. */
static long
cmd_reclassify_distinct(struct cmd_reclassify_pass *p)
{
	size_t	i;
	long	n = 0;

	if (p->nids > 0)
		qsort(p->ids, p->nids, sizeof *p->ids, cmd_reclassify_cmp);
	for (i = 0; i < p->nids; i++)
		if (i == 0 || p->ids[i] != p->ids[i - 1])
			n++;
	return (n);
}

int
cmd_reclassify(struct pvbot *bot, int argc, char **argv)
{
	struct cmd_reclassify_pass	 p;
	struct env			*env;
	char				*cause = NULL;
	long				 before, last = 0;
	int				 passes;

	if (argc > 1) {
		if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
			printf("usage: pvbot reclassify\n");
			return (CMD_OK);
		}
		return (cmd_usage(cmd_find("reclassify")));
	}
	if (cmd_env_load(bot, &env) != 0)
		return (CMD_ERROR);
	memset(&p, 0, sizeof p);
	p.store = bot->store;
	p.env = env;
	store_begin(bot->store);
	for (passes = 0; passes == 0 || (last > 0 &&
	    passes < CMD_RECLASSIFY_PASSES); passes++) {
		before = p.changed;
		p.n = 0;
		if (store_classify_all(bot->store, cmd_reclassify_each,
		    &p) != 0) {
			store_rollback(bot->store);
			env_free(env);
			free(p.ids);
			return (CMD_ERROR);
		}
		last = p.changed - before;
	}
	env_free(env);
	if (last > 0)
		fprintf(stderr, "pvbot: reclassify: kinds still changing after "
		    "%d passes; the last pass changed %ld\n", passes, last);
	if (store_commit(bot->store, &cause) != 0) {
		fprintf(stderr, "pvbot: %s\n", cause);
		free(cause);
		free(p.ids);
		return (CMD_ERROR);
	}
	/* Commit notices are read from all mail again too. */
	commits_mail_rescan(bot->store);
	commits_mail_after(bot->store, bot->cf);
	printf("reclassified %ld messages, %ld changed\n", p.n,
	    cmd_reclassify_distinct(&p));
	free(p.ids);
	return (CMD_OK);
}
