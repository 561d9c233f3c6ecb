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
#include "env.h"
#include "message.h"
#include "series.h"
#include "store-classify.h"
#include "store.h"
#include "xmalloc.h"

/* Kind and trailers as one comparable line. */
static char *
cmd_reclassify_summary(struct store *s, long long id)
{
	sqlite3_stmt	*st;
	struct buf	 b;

	buf_init(&b);
	if (sqlite3_prepare_v2(store_db(s), "SELECT m.kind, t.tag, t.email,"
	    " t.mismatch FROM messages m LEFT JOIN trailers t ON t.message ="
	    " m.id WHERE m.id = ?1 ORDER BY t.seq", -1, &st, NULL) != SQLITE_OK)
		return (buf_detach(&b, NULL));
	sqlite3_bind_int64(st, 1, id);
	while (sqlite3_step(st) == SQLITE_ROW) {
		if (b.len == 0)
			buf_addstr(&b, (const char *)sqlite3_column_text(st, 0));
		if (sqlite3_column_type(st, 1) != SQLITE_NULL)
			buf_printf(&b, " %s:%s%s", sqlite3_column_text(st, 1),
			    sqlite3_column_text(st, 2),
			    sqlite3_column_int(st, 3) ? "(mismatch)" : "");
	}
	sqlite3_finalize(st);
	return (buf_detach(&b, NULL));
}

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
	before = cmd_reclassify_summary(s, id);
	norm = series_parse_subject(m->subject, &tag);
	store_classify(s, &env->classify, id, thread, m, &tag, 0, NULL);
	after = cmd_reclassify_summary(s, id);
	changed = strcmp(before, after) != 0;
	if (changed)
		printf("%s: %s -> %s\n", msgid, before, after);
	free(before);
	free(after);
	free(norm);
	message_free(m);
	return (changed);
}

int
cmd_reclassify(struct pvbot *bot, int argc, char **argv)
{
	struct env	*env;
	sqlite3_stmt	*st;
	char		*cause = NULL;
	long		 n = 0, changed = 0;

	if (argc > 1) {
		if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
			printf("usage: pvbot reclassify\n");
			return (CMD_OK);
		}
		return (cmd_usage(cmd_find("reclassify")));
	}
	if (cmd_env_load(bot, &env) != 0)
		return (CMD_ERROR);
	store_begin(bot->store);
	sqlite3_exec(store_db(bot->store), "DELETE FROM thread_protocols WHERE"
	    " source <> 'tag'; DELETE FROM thread_tags WHERE message_id IS NOT"
	    " NULL", NULL, NULL, NULL);
	if (sqlite3_prepare_v2(store_db(bot->store), "SELECT m.id, m.thread,"
	    " r.bytes, m.message_id FROM messages m JOIN raw r ON r.id = m.id"
	    " WHERE m.present ORDER BY m.id", -1, &st, NULL) != SQLITE_OK) {
		store_rollback(bot->store);
		env_free(env);
		return (CMD_ERROR);
	}
	while (sqlite3_step(st) == SQLITE_ROW) {
		n++;
		changed += cmd_reclassify_one(bot->store, env,
		    sqlite3_column_int64(st, 0), sqlite3_column_int64(st, 1),
		    sqlite3_column_blob(st, 2),
		    (size_t)sqlite3_column_bytes(st, 2),
		    (const char *)sqlite3_column_text(st, 3));
	}
	sqlite3_finalize(st);
	env_free(env);
	if (store_commit(bot->store, &cause) != 0) {
		fprintf(stderr, "pvbot: %s\n", cause);
		free(cause);
		return (CMD_ERROR);
	}
	printf("reclassified %ld messages, %ld changed\n", n, changed);
	return (CMD_OK);
}
