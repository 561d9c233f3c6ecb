/* pvbot series: patch series with their versions, newest series first. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "cli.h"
#include "datetime.h"
#include "output.h"
#include "series.h"
#include "store.h"

static const char cmd_series_sql[] =
    "SELECT s.id, s.author, s.subject, p.version, p.total, p.flags,"
    " p.subject, p.cover, p.first_date, t.root,"
    " (SELECT count(*) FROM messages m WHERE m.posting = p.id"
    "   AND m.s_part > 0),"
    " (SELECT max(version) FROM postings q WHERE q.series = s.id),"
    " (SELECT max(first_date) FROM postings q WHERE q.series = s.id"
    "   AND q.version = (SELECT max(version) FROM postings r"
    "   WHERE r.series = s.id)),"
    " (SELECT m.subject FROM messages m WHERE m.posting = p.id"
    "   ORDER BY coalesce(m.s_part, 0), m.date LIMIT 1)"
    " FROM series s JOIN postings p ON p.series = s.id"
    " JOIN threads t ON t.id = p.thread"
    " ORDER BY s.last_date DESC, s.id, p.version, p.first_date, p.id";

static int
cmd_series_latest(sqlite3_stmt *st)
{
	return (sqlite3_column_int(st, 3) == sqlite3_column_int(st, 11) &&
	    sqlite3_column_int64(st, 8) == sqlite3_column_int64(st, 12));
}

static json_t *
cmd_series_version(sqlite3_stmt *st)
{
	char	date[32];
	int	flags = sqlite3_column_int(st, 5);

	datetime_format_iso((time_t)sqlite3_column_int64(st, 8), date,
	    sizeof date);
	return (json_pack("{s:i, s:s, s:i, s:i, s:o, s:s, s:s, s:b, s:b, s:b}",
	    "version", sqlite3_column_int(st, 3),
	    "date", date,
	    "total", sqlite3_column_int(st, 4),
	    "patches", sqlite3_column_int(st, 10),
	    "cover", sqlite3_column_type(st, 7) == SQLITE_NULL ? json_null() :
	    json_string(output_text(st, 7)),
	    "subject", output_text(st, 6),
	    "thread", output_text(st, 9),
	    "rfc", (flags & SERIES_RFC) != 0,
	    "resend", (flags & SERIES_RESEND) != 0,
	    "latest", cmd_series_latest(st)));
}

/* A posting's subject as written, without its "[PATCH v2 1/3]" tags. */
static const char *
cmd_series_title(const char *subject)
{
	const char	*end;

	subject += strspn(subject, " \t");
	while (*subject == '[' && (end = strchr(subject, ']')) != NULL)
		subject = end + 1 + strspn(end + 1, " \t");
	return (subject);
}

static void
cmd_series_text(sqlite3_stmt *st, long long *last)
{
	char	date[32], parts[32], *line;

	if (sqlite3_column_int64(st, 0) != *last) {
		*last = sqlite3_column_int64(st, 0);
		if (asprintf(&line, "series %lld: %s (%s)", *last,
		    cmd_series_title(output_text(st, 13)),
		    output_text(st, 1)) != -1) {
			output_fit(line, 79);
			free(line);
		}
	}
	datetime_format_iso((time_t)sqlite3_column_int64(st, 8), date,
	    sizeof date);
	date[10] = '\0';
	if (sqlite3_column_int(st, 4) == 0)
		snprintf(parts, sizeof parts, "one patch");
	else
		snprintf(parts, sizeof parts, "%3d/%-3d %s",
		    sqlite3_column_int(st, 10), sqlite3_column_int(st, 4),
		    sqlite3_column_type(st, 7) == SQLITE_NULL ? "no cover" :
		    "cover");
	printf("  v%-3d %s %s%s%s\n", sqlite3_column_int(st, 3), date, parts,
	    sqlite3_column_int(st, 5) & SERIES_RESEND ? " resend" : "",
	    cmd_series_latest(st) ? "  (latest)" : "  superseded");
}

int
cmd_series(struct pvbot *bot, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "help", no_argument, NULL, 'h' },
		{ "json", no_argument, NULL, 'j' },
		{ NULL, 0, NULL, 0 }
	};
	const struct cmd_entry	*cmd = cmd_find("series");
	struct output_json	 out;
	sqlite3_stmt		*st;
	json_t			*cur = NULL;
	long long		 last = 0;
	int			 ch, json = 0;

	optind = 1;
	while ((ch = getopt_long(argc, argv, "hj", longopts, NULL)) != -1) {
		switch (ch) {
		case 'j': json = 1; break;
		case 'h':
			printf("usage: pvbot series %s\n", cmd->usage);
			return (CMD_OK);
		default:
			return (cmd_usage(cmd));
		}
	}
	if (optind != argc)
		return (cmd_usage(cmd));
	if (sqlite3_prepare_v2(store_db(bot->store), cmd_series_sql, -1, &st,
	    NULL) != SQLITE_OK)
		return (cmd_db_error(bot->store));
	if (json)
		output_json_begin(&out, "series");
	while (sqlite3_step(st) == SQLITE_ROW) {
		if (!json) {
			cmd_series_text(st, &last);
			continue;
		}
		if (sqlite3_column_int64(st, 0) != last) {
			output_json_item(&out, cur);
			last = sqlite3_column_int64(st, 0);
			cur = json_pack("{s:I, s:s, s:s, s:[]}", "id",
			    (json_int_t)last, "author", output_text(st, 1),
			    "subject", output_text(st, 2), "versions");
		}
		json_array_append_new(json_object_get(cur, "versions"),
		    cmd_series_version(st));
	}
	sqlite3_finalize(st);
	if (json) {
		output_json_item(&out, cur);
		output_json_end(&out, NULL);
	}
	return (CMD_OK);
}
