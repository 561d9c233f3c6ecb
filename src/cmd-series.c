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
#include "store-read.h"

/* What the rows are written with. */
struct cmd_series_out {
	struct output_json	 json;
	json_t			*cur;		/* the series being written */
	long long		 last;		/* its id */
	int			 as_json;
	int			 started;	/* the query runs */
};

/* A string for JSON and text: "" for NULL. */
static const char *
cmd_series_str(const char *s)
{
	return (s != NULL ? s : "");
}

static int
cmd_series_latest(const struct store_read_posting *p)
{
	return (p->version == p->latest_version && p->date == p->latest_date);
}

static json_t *
cmd_series_version(const struct store_read_posting *p)
{
	char	date[32];

	datetime_format_iso(p->date, date, sizeof date);
	return (json_pack("{s:i, s:s, s:i, s:i, s:o, s:s, s:s, s:b, s:b, s:b}",
	    "version", p->version,
	    "date", date,
	    "total", p->total,
	    "patches", p->patches,
	    "cover", p->cover == NULL ? json_null() : json_string(p->cover),
	    "subject", cmd_series_str(p->subject),
	    "thread", cmd_series_str(p->root),
	    "rfc", (p->flags & SERIES_RFC) != 0,
	    "resend", (p->flags & SERIES_RESEND) != 0,
	    "latest", cmd_series_latest(p)));
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
cmd_series_text(const struct store_read_posting *p, long long *last)
{
	char	date[32], parts[32], *line;

	if (p->series != *last) {
		*last = p->series;
		if (asprintf(&line, "series %lld: %s (%s)", *last,
		    cmd_series_title(cmd_series_str(p->first_subject)),
		    cmd_series_str(p->author)) != -1) {
			output_fit(line, 79);
			free(line);
		}
	}
	datetime_format_iso(p->date, date, sizeof date);
	date[10] = '\0';
	if (p->total == 0)
		snprintf(parts, sizeof parts, "one patch");
	else
		snprintf(parts, sizeof parts, "%3d/%-3d %s", p->patches,
		    p->total, p->cover == NULL ? "no cover" : "cover");
	printf("  v%-3d %s %s%s%s\n", p->version, date, parts,
	    p->flags & SERIES_RESEND ? " resend" : "",
	    cmd_series_latest(p) ? "  (latest)" : "  superseded");
}

static void
cmd_series_row(void *arg, const struct store_read_posting *p)
{
	struct cmd_series_out	*out = arg;

	if (out->started++ == 0 && out->as_json)
		output_json_begin(&out->json, "series");
	if (!out->as_json) {
		cmd_series_text(p, &out->last);
		return;
	}
	if (p->series != out->last) {
		output_json_item(&out->json, out->cur);
		out->last = p->series;
		out->cur = json_pack("{s:I, s:s, s:s, s:[]}", "id",
		    (json_int_t)out->last, "author", cmd_series_str(p->author),
		    "subject", cmd_series_str(p->series_subject), "versions");
	}
	json_array_append_new(json_object_get(out->cur, "versions"),
	    cmd_series_version(p));
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
	struct cmd_series_out	 out;
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
	memset(&out, 0, sizeof out);
	out.as_json = json;
	if (store_read_series(bot->store, cmd_series_row, &out) != 0)
		return (cmd_db_error(bot->store));
	if (json) {
		if (out.started == 0)
			output_json_begin(&out.json, "series");
		output_json_item(&out.json, out.cur);
		output_json_end(&out.json, NULL);
	}
	return (CMD_OK);
}
