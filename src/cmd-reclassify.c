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
};

static void
cmd_reclassify_each(void *arg, long long id, long long thread,
    const void *raw, size_t len, const char *msgid)
{
	struct cmd_reclassify_pass	*p = arg;

	p->n++;
	p->changed += cmd_reclassify_one(p->store, p->env, id, thread, raw,
	    len, msgid);
}

int
cmd_reclassify(struct pvbot *bot, int argc, char **argv)
{
	struct cmd_reclassify_pass	 p;
	struct env			*env;
	char				*cause = NULL;

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
	if (store_classify_all(bot->store, cmd_reclassify_each, &p) != 0) {
		store_rollback(bot->store);
		env_free(env);
		return (CMD_ERROR);
	}
	env_free(env);
	if (store_commit(bot->store, &cause) != 0) {
		fprintf(stderr, "pvbot: %s\n", cause);
		free(cause);
		return (CMD_ERROR);
	}
	/* Commit notices are read from all mail again too. */
	commits_mail_rescan(bot->store);
	commits_mail_after(bot->store, bot->cf);
	printf("reclassified %ld messages, %ld changed\n", p.n, p.changed);
	return (CMD_OK);
}
