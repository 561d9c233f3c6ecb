/* pvbot series: patch series with their versions, newest series first. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "cli.h"
#include "datetime.h"
#include "message.h"
#include "output.h"
#include "pull.h"
#include "series.h"
#include "status.h"
#include "store.h"
#include "xmalloc.h"

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
    "   ORDER BY coalesce(m.s_part, 0), m.date LIMIT 1),"
    " p.id"
    " FROM series s JOIN postings p ON p.series = s.id"
    " JOIN threads t ON t.id = p.thread"
    /* The filters: a version's protocol and list; the series' mail. */
    " WHERE (?1 IS NULL OR EXISTS (SELECT 1 FROM thread_protocols x"
    "   WHERE x.thread = p.thread AND x.protocol = ?1))"
    " AND (?2 IS NULL OR EXISTS (SELECT 1 FROM messages m"
    "   JOIN message_lists l ON l.message = m.id"
    "   WHERE m.posting = p.id AND l.list = ?2))"
    " AND (?3 IS NULL OR s.last_date >= ?3)"
    " AND (?4 IS NULL OR instr(lower(s.author), lower(?4)) > 0)"
    " ORDER BY s.last_date DESC, s.id, p.version, p.first_date, p.id";

static int
cmd_series_latest(sqlite3_stmt *st)
{
	return (sqlite3_column_int(st, 3) == sqlite3_column_int(st, 11) &&
	    sqlite3_column_int64(st, 8) == sqlite3_column_int64(st, 12));
}

/*
 * What a pull request asks to pull, from its first mail: 0 and *pr (free
 * with pull_free) when the posting is a pull request that says.
 */
static int
cmd_series_pull(struct store *s, sqlite3_stmt *row, struct pull *pr)
{
	struct message_env	 env = { 0, 0 };
	struct message		*m;
	sqlite3_stmt		*st;
	char			*cause = NULL;
	int			 r = -1;

	if (!(sqlite3_column_int(row, 5) & SERIES_PULL) || sqlite3_prepare_v2(
	    store_db(s), "SELECT r.bytes FROM messages m JOIN raw r ON"
	    " r.id = m.id WHERE m.posting = ?1 ORDER BY coalesce(m.s_part, 0),"
	    " m.date LIMIT 1", -1, &st, NULL) != SQLITE_OK)
		return (-1);
	sqlite3_bind_int64(st, 1, sqlite3_column_int64(row, 14));
	if (sqlite3_step(st) == SQLITE_ROW) {
		if (message_parse(sqlite3_column_blob(st, 0), (size_t)
		    sqlite3_column_bytes(st, 0), &env, &m, &cause) != 0)
			free(cause);
		else {
			if (m->body != NULL)
				r = pull_parse(m->body, pr);
			message_free(m);
		}
	}
	sqlite3_finalize(st);
	return (r);
}

static json_t *
cmd_series_pull_json(struct store *s, sqlite3_stmt *row)
{
	struct pull	 pr;
	json_t		*o;

	if (cmd_series_pull(s, row, &pr) != 0)
		return (json_null());
	o = json_pack("{s:s, s:o, s:o, s:o, s:i}", "url", pr.url, "ref",
	    pr.ref != NULL ? json_string(pr.ref) : json_null(), "base",
	    pr.base != NULL ? json_string(pr.base) : json_null(), "head",
	    pr.head != NULL ? json_string(pr.head) : json_null(), "commits",
	    pr.commits);
	pull_free(&pr);
	return (o);
}

static json_t *
cmd_series_version(struct store *s, sqlite3_stmt *st)
{
	char	date[32];
	int	flags = sqlite3_column_int(st, 5);

	datetime_format_iso((time_t)sqlite3_column_int64(st, 8), date,
	    sizeof date);
	return (json_pack("{s:i, s:s, s:i, s:i, s:o, s:s, s:s, s:b, s:b, s:b, "
	    "s:o}",
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
	    "latest", cmd_series_latest(st),
	    "pull", cmd_series_pull_json(s, st)));
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
cmd_series_text(struct store *s, sqlite3_stmt *st, long long *last)
{
	struct pull	 pr;
	char		 date[32], parts[32], *line, *what;

	if (sqlite3_column_int64(st, 0) != *last) {
		*last = sqlite3_column_int64(st, 0);
		/* The title is cut to fit, never the address. */
		line = xasprintf("series %lld: %s", *last,
		    cmd_series_title(output_text(st, 13)));
		what = xasprintf(" (%s)", output_text(st, 1));
		output_fit_tail(line, what, 79);
		free(what);
		free(line);
	}
	datetime_format_iso((time_t)sqlite3_column_int64(st, 8), date,
	    sizeof date);
	date[10] = '\0';
	if (sqlite3_column_int(st, 5) & SERIES_PULL)
		snprintf(parts, sizeof parts, "pull request");
	else if (sqlite3_column_int(st, 4) == 0)
		snprintf(parts, sizeof parts, "one patch");
	else
		snprintf(parts, sizeof parts, "%3d/%-3d %s",
		    sqlite3_column_int(st, 10), sqlite3_column_int(st, 4),
		    sqlite3_column_type(st, 7) == SQLITE_NULL ? "no cover" :
		    "cover");
	printf("  v%-3d %s %s%s%s\n", sqlite3_column_int(st, 3), date, parts,
	    sqlite3_column_int(st, 5) & SERIES_RESEND ? " resend" : "",
	    cmd_series_latest(st) ? "  (latest)" : "  superseded");
	/* Not a proposal: what it pulls is what there is to say. */
	if (cmd_series_pull(s, st, &pr) == 0) {
		what = pull_describe(&pr);
		if (asprintf(&line, "       pulls %s", what) != -1) {
			output_fit(line, 79);
			free(line);
		}
		/* A URL cut short is no use: it may run past the width. */
		printf("       from %s\n", pr.url);
		free(what);
		pull_free(&pr);
	}
}

int
cmd_series(struct pvbot *bot, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "help", no_argument, NULL, 'h' },
		{ "json", no_argument, NULL, 'j' },
		CMD_FILTER_OPTIONS,
		CMD_FILTER_NOW,
		{ NULL, 0, NULL, 0 }
	};
	const struct cmd_entry	*cmd = cmd_find("series");
	struct output_json	 out;
	struct status_filter	 f;
	struct cmd_picked	 pk;
	sqlite3_stmt		*st;
	json_t			*cur = NULL;
	long long		 last = 0;
	int			 ch, json = 0, r;

	memset(&f, 0, sizeof f);
	optind = 1;
	while ((ch = getopt_long(argc, argv, "hjn:" CMD_FILTER_LETTERS, longopts,
	    NULL)) != -1) {
		if ((r = cmd_filter_opt(ch, optarg, &f)) != 0) {
			if (r < 0)
				return (CMD_USAGE);
			continue;
		}
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
	if ((r = cmd_filter_prepare(bot, &f, &pk)) != CMD_OK)
		return (r);
	if (sqlite3_prepare_v2(store_db(bot->store), cmd_series_sql, -1, &st,
	    NULL) != SQLITE_OK) {
		cmd_picked_free(&pk);
		return (cmd_db_error(bot->store));
	}
	sqlite3_bind_text(st, 1, f.protocol, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, f.list, -1, SQLITE_STATIC);
	if (f.since != 0)
		sqlite3_bind_int64(st, 3, (sqlite3_int64)f.since);
	sqlite3_bind_text(st, 4, f.author, -1, SQLITE_STATIC);
	if (json)
		output_json_begin(&out, "series");
	while (sqlite3_step(st) == SQLITE_ROW) {
		if (f.verdicts != NULL && !cmd_picked_has(&pk,
		    output_text(st, 9), sqlite3_column_int(st, 3)))
			continue;
		if (!json) {
			cmd_series_text(bot->store, st, &last);
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
		    cmd_series_version(bot->store, st));
	}
	sqlite3_finalize(st);
	cmd_picked_free(&pk);
	if (json) {
		output_json_item(&out, cur);
		output_json_end(&out, NULL);
	}
	return (CMD_OK);
}
