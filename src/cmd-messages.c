/* pvbot messages: every stored message, as JSON or one line each. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "cli.h"
#include "datetime.h"
#include "maintainers.h"
#include "output.h"
#include "store.h"

static const char cmd_messages_sql[] =
    "SELECT m.id, m.message_id, t.root, m.date, m.from_name, m.from_email,"
    " m.subject, m.kind, m.s_flags, m.s_version, m.s_part, m.s_total,"
    " (SELECT group_concat(list, char(31)) FROM message_lists"
    "   WHERE message = m.id), m.thread"
    " FROM messages m JOIN threads t ON t.id = m.thread"
    " WHERE m.present AND (?1 IS NULL OR EXISTS (SELECT 1 FROM"
    "  message_lists l WHERE l.message = m.id AND l.list = ?1))"
    " ORDER BY m.date, m.id";

static json_t *
cmd_messages_series(sqlite3_stmt *st)
{
	if (sqlite3_column_type(st, 9) == SQLITE_NULL)
		return (json_null());
	return (json_pack("{s:i, s:o, s:o}",
	    "version", sqlite3_column_int(st, 9),
	    "part", sqlite3_column_int(st, 10) < 0 ? json_null() :
	    json_integer(sqlite3_column_int(st, 10)),
	    "total", sqlite3_column_int(st, 11) == 0 ? json_null() :
	    json_integer(sqlite3_column_int(st, 11))));
}

static json_t *
cmd_messages_json(struct output_ctx *ctx, sqlite3_stmt *st)
{
	char		 date[32];
	json_t		*o;

	datetime_format_iso((time_t)sqlite3_column_int64(st, 3), date,
	    sizeof date);
	o = json_pack("{s:s, s:o, s:s, s:s, s:{s:s, s:s}, s:s, s:s}",
	    "message_id", sqlite3_column_text(st, 1),
	    "lists", output_split_list((const char *)sqlite3_column_text(st,
	    12)),
	    "thread", sqlite3_column_text(st, 2),
	    "date", date,
	    "from", "name", output_text(st, 4), "email", output_text(st, 5),
	    "subject", output_text(st, 6),
	    "kind", output_text(st, 7));
	if (o == NULL)
		return (NULL);
	json_object_set_new(o, "trailers", output_trailers(ctx,
	    sqlite3_column_int64(st, 0), sqlite3_column_int64(st, 13)));
	json_object_set_new(o, "series", cmd_messages_series(st));
	output_message_extras(ctx, sqlite3_column_int64(st, 0),
	    sqlite3_column_int64(st, 13), o);
	return (o);
}

static void
cmd_messages_line(sqlite3_stmt *st)
{
	char	date[32];

	datetime_format_iso((time_t)sqlite3_column_int64(st, 3), date,
	    sizeof date);
	date[10] = '\0';
	printf("%s %-9s %s: %s <%s>\n", date, output_text(st, 7),
	    output_text(st, 4)[0] != '\0' ? output_text(st, 4) :
	    output_text(st, 5), output_text(st, 6),
	    sqlite3_column_text(st, 1));
}

int
cmd_messages(struct pvbot *bot, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "help", no_argument, NULL, 'h' },
		{ "json", no_argument, NULL, 'j' },
		{ "list", required_argument, NULL, 'l' },
		{ NULL, 0, NULL, 0 }
	};
	const struct cmd_entry	*cmd = cmd_find("messages");
	struct output_json	 out;
	struct output_ctx	 ctx;
	struct maintainers	*mt;
	sqlite3_stmt		*st;
	const char		*list = NULL;
	int			 ch, json = 0;

	optind = 1;
	while ((ch = getopt_long(argc, argv, "hjl:", longopts, NULL)) != -1) {
		switch (ch) {
		case 'j':
			json = 1;
			break;
		case 'l':
			list = optarg;
			break;
		case 'h':
			printf("usage: pvbot messages %s\n", cmd->usage);
			return (CMD_OK);
		default:
			return (cmd_usage(cmd));
		}
	}
	if (optind != argc)
		return (cmd_usage(cmd));
	if (cmd_maintainers_load(bot, &mt) != 0)
		return (CMD_ERROR);
	if (sqlite3_prepare_v2(store_db(bot->store), cmd_messages_sql, -1, &st,
	    NULL) != SQLITE_OK) {
		maintainers_free(mt);
		return (cmd_db_error(bot->store));
	}
	output_ctx_init(&ctx, bot->store, mt);
	if (list != NULL)
		sqlite3_bind_text(st, 1, list, -1, SQLITE_STATIC);
	if (json)
		output_json_begin(&out, "messages");
	while (sqlite3_step(st) == SQLITE_ROW) {
		if (json)
			output_json_item(&out, cmd_messages_json(&ctx, st));
		else
			cmd_messages_line(st);
	}
	sqlite3_finalize(st);
	if (json)
		output_json_end(&out, NULL);
	output_ctx_free(&ctx);
	maintainers_free(mt);
	return (CMD_OK);
}
