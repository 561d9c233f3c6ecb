/* pvbot threads: one line per thread, most recently active first. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "cli.h"
#include "datetime.h"
#include "output.h"
#include "status.h"
#include "store-read.h"

/* What the rows are written with. */
struct cmd_threads_out {
	struct output_json	 json;
	int			 as_json;
	int			 started;	/* the query runs */
	const struct cmd_picked	*picked;	/* --verdict's, or NULL */
};

/* A string for JSON and text: "" for NULL. */
static const char *
cmd_threads_str(const char *s)
{
	return (s != NULL ? s : "");
}

/* Begin the output once the query runs: a failure prints nothing. */
static void
cmd_threads_start(struct cmd_threads_out *out)
{
	if (out->started++ > 0)
		return;
	if (out->as_json)
		output_json_begin(&out->json, "threads");
	else
		printf("%6s %-10s %4s  %s\n", "THREAD", "LAST", "MSGS",
		    "SUBJECT");
}

static json_t *
cmd_threads_json(const struct store_read_thread *t)
{
	char	first[32], last[32];

	datetime_format_iso(t->first, first, sizeof first);
	datetime_format_iso(t->last, last, sizeof last);
	return (json_pack("{s:I, s:s, s:s, s:i, s:s, s:s}",
	    "id", (json_int_t)t->id,
	    "thread", cmd_threads_str(t->root),
	    "subject", cmd_threads_str(t->subject),
	    "messages", t->messages,
	    "first", first, "last", last));
}

static void
cmd_threads_line(const struct store_read_thread *t)
{
	char	last[32], *line;

	datetime_format_iso(t->last, last, sizeof last);
	last[10] = '\0';
	if (asprintf(&line, "%6lld %s %4d  %s", t->id, last, t->messages,
	    cmd_threads_str(t->subject)) == -1)
		return;
	output_fit(line, 79);
	free(line);
}

static void
cmd_threads_row(void *arg, const struct store_read_thread *t)
{
	struct cmd_threads_out	*out = arg;

	if (out->picked != NULL && !cmd_picked_has(out->picked,
	    cmd_threads_str(t->root), 0))
		return;
	cmd_threads_start(out);
	if (out->as_json)
		output_json_item(&out->json, cmd_threads_json(t));
	else
		cmd_threads_line(t);
}

int
cmd_threads(struct pvbot *bot, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "help", no_argument, NULL, 'h' },
		{ "json", no_argument, NULL, 'j' },
		{ "kind", required_argument, NULL, 'k' },
		{ "tag", required_argument, NULL, 't' },
		CMD_FILTER_OPTIONS,
		CMD_FILTER_NOW,
		{ NULL, 0, NULL, 0 }
	};
	const struct cmd_entry	*cmd = cmd_find("threads");
	struct cmd_threads_out	 out;
	struct status_filter	 f;
	struct store_read_filter rf;
	struct cmd_picked	 pk;
	int			 ch, json = 0, r;

	memset(&f, 0, sizeof f);
	memset(&rf, 0, sizeof rf);
	optind = 1;
	while ((ch = getopt_long(argc, argv, "hjk:t:n:" CMD_FILTER_LETTERS,
	    longopts, NULL)) != -1) {
		if ((r = cmd_filter_opt(ch, optarg, &f)) != 0) {
			if (r < 0)
				return (CMD_USAGE);
			continue;
		}
		switch (ch) {
		case 'j': json = 1; break;
		case 'k': rf.kind = optarg; break;
		case 't': rf.tag = optarg; break;
		case 'h':
			printf("usage: pvbot threads %s\n", cmd->usage);
			return (CMD_OK);
		default:
			return (cmd_usage(cmd));
		}
	}
	if (optind != argc)
		return (cmd_usage(cmd));
	if ((r = cmd_filter_prepare(bot, &f, &rf, &pk)) != CMD_OK)
		return (r);
	memset(&out, 0, sizeof out);
	out.as_json = json;
	out.picked = f.verdicts != NULL ? &pk : NULL;
	r = store_read_threads(bot->store, &rf, cmd_threads_row, &out);
	cmd_picked_free(&pk);
	if (r != 0)
		return (cmd_db_error(bot->store));
	cmd_threads_start(&out);
	if (json)
		output_json_end(&out.json, NULL);
	return (CMD_OK);
}
