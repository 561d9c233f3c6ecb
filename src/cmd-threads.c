/* pvbot threads: one line per thread, most recently active first. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "cli.h"
#include "datetime.h"
#include "output.h"
#include "store.h"

static const char cmd_threads_sql[] =
    "SELECT t.id, t.root, t.first_date, t.last_date,"
    " (SELECT count(*) FROM messages m WHERE m.thread = t.id AND m.present),"
    " (SELECT subject FROM messages m WHERE m.thread = t.id AND m.present"
    "   ORDER BY m.date, m.id LIMIT 1)"
    " FROM threads t"
    " WHERE (?1 IS NULL OR EXISTS (SELECT 1 FROM messages m"
    "   JOIN message_lists l ON l.message = m.id"
    "   WHERE m.thread = t.id AND l.list = ?1))"
    " AND (?2 IS NULL OR EXISTS (SELECT 1 FROM messages m"
    "   WHERE m.thread = t.id AND m.present AND m.kind = ?2))"
    " AND (?3 IS NULL OR EXISTS (SELECT 1 FROM thread_tags g"
    "   WHERE g.thread = t.id AND g.tag = ?3))"
    " ORDER BY t.last_date DESC, t.id DESC";

static json_t *
cmd_threads_json(sqlite3_stmt *st)
{
	char	first[32], last[32];

	datetime_format_iso((time_t)sqlite3_column_int64(st, 2), first,
	    sizeof first);
	datetime_format_iso((time_t)sqlite3_column_int64(st, 3), last,
	    sizeof last);
	return (json_pack("{s:I, s:s, s:s, s:i, s:s, s:s}",
	    "id", (json_int_t)sqlite3_column_int64(st, 0),
	    "thread", output_text(st, 1),
	    "subject", output_text(st, 5),
	    "messages", sqlite3_column_int(st, 4),
	    "first", first, "last", last));
}

static void
cmd_threads_line(sqlite3_stmt *st)
{
	char	last[32], *line;

	datetime_format_iso((time_t)sqlite3_column_int64(st, 3), last,
	    sizeof last);
	last[10] = '\0';
	if (asprintf(&line, "%6lld %s %4d  %s", (long long)
	    sqlite3_column_int64(st, 0), last, sqlite3_column_int(st, 4),
	    output_text(st, 5)) == -1)
		return;
	output_fit(line, 79);
	free(line);
}

int
cmd_threads(struct pvbot *bot, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "help", no_argument, NULL, 'h' },
		{ "json", no_argument, NULL, 'j' },
		{ "kind", required_argument, NULL, 'k' },
		{ "list", required_argument, NULL, 'l' },
		{ "tag", required_argument, NULL, 't' },
		{ NULL, 0, NULL, 0 }
	};
	const struct cmd_entry	*cmd = cmd_find("threads");
	struct output_json	 out;
	sqlite3_stmt		*st;
	const char		*list = NULL, *kind = NULL, *tag = NULL;
	int			 ch, json = 0;

	optind = 1;
	while ((ch = getopt_long(argc, argv, "hjk:l:t:", longopts,
	    NULL)) != -1) {
		switch (ch) {
		case 'j': json = 1; break;
		case 'k': kind = optarg; break;
		case 'l': list = optarg; break;
		case 't': tag = optarg; break;
		case 'h':
			printf("usage: pvbot threads %s\n", cmd->usage);
			return (CMD_OK);
		default:
			return (cmd_usage(cmd));
		}
	}
	if (optind != argc)
		return (cmd_usage(cmd));
	if (sqlite3_prepare_v2(store_db(bot->store), cmd_threads_sql, -1, &st,
	    NULL) != SQLITE_OK)
		return (cmd_db_error(bot->store));
	sqlite3_bind_text(st, 1, list, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, kind, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, tag, -1, SQLITE_STATIC);
	if (json)
		output_json_begin(&out, "threads");
	else
		printf("%6s %-10s %4s  %s\n", "THREAD", "LAST", "MSGS",
		    "SUBJECT");
	while (sqlite3_step(st) == SQLITE_ROW) {
		if (json)
			output_json_item(&out, cmd_threads_json(st));
		else
			cmd_threads_line(st);
	}
	sqlite3_finalize(st);
	if (json)
		output_json_end(&out, NULL);
	return (CMD_OK);
}
