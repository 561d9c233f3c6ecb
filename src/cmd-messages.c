/* pvbot messages: every stored message, as JSON or one line each. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "classify.h"
#include "cli.h"
#include "datetime.h"
#include "maintainers.h"
#include "output.h"
#include "series.h"
#include "store-read.h"

/* What the rows are written with. */
struct cmd_messages_out {
	struct output_ctx	 ctx;
	struct output_json	 json;
	int			 as_json;
	int			 started;	/* the query runs */
};

/* Begin the output once the query runs: a failure prints nothing. */
static void
cmd_messages_start(struct cmd_messages_out *out)
{
	if (out->started++ == 0 && out->as_json)
		output_json_begin(&out->json, "messages");
}

static json_t *
cmd_messages_series(const struct store_read_message *m)
{
	json_t	*o;

	if (!m->has_version)
		return (json_null());
	o = json_pack("{s:i, s:o, s:o}",
	    "version", m->version,
	    "part", m->part < 0 ? json_null() : json_integer(m->part),
	    "total", m->total == 0 ? json_null() : json_integer(m->total));
	/* "v7.1", and "16/15": a part beyond the count. */
	if (o != NULL && (m->s_flags >> SERIES_POINT_SHIFT) != 0)
		json_object_set_new(o, "point",
		    json_integer(m->s_flags >> SERIES_POINT_SHIFT));
	if (o != NULL && (m->s_flags & SERIES_EXTRA))
		json_object_set_new(o, "extra", json_true());
	return (o);
}

/* A string for JSON and text: "" for NULL. */
static const char *
cmd_messages_str(const char *s)
{
	return (s != NULL ? s : "");
}

static json_t *
cmd_messages_json(struct output_ctx *ctx, const struct store_read_message *m)
{
	char		 date[32];
	json_t		*o;

	datetime_format_iso(m->date, date, sizeof date);
	o = json_pack("{s:s, s:o, s:s, s:s, s:{s:s, s:s}, s:s, s:s}",
	    "message_id", m->message_id,
	    "lists", output_split_list(m->lists),
	    "thread", m->root,
	    "date", date,
	    "from", "name", cmd_messages_str(m->from_name), "email",
	    cmd_messages_str(m->from_email),
	    "subject", cmd_messages_str(m->subject),
	    "kind", cmd_messages_str(m->kind));
	if (o == NULL)
		return (NULL);
	json_object_set_new(o, "trailers", output_trailers(ctx, m->id,
	    m->thread));
	json_object_set_new(o, "series", cmd_messages_series(m));
	/* The kind of a reply whose thread is not stored is a guess. */
	if (m->c_flags & CLASSIFY_F_NO_THREAD)
		json_object_set_new(o, "thread_missing", json_true());
	output_message_extras(ctx, m->id, m->thread, o);
	return (o);
}

static void
cmd_messages_line(const struct store_read_message *m)
{
	char	date[32];

	datetime_format_iso(m->date, date, sizeof date);
	date[10] = '\0';
	printf("%s %-9s %s: %s <%s>\n", date, cmd_messages_str(m->kind),
	    cmd_messages_str(m->from_name)[0] != '\0' ? m->from_name :
	    cmd_messages_str(m->from_email), cmd_messages_str(m->subject),
	    m->message_id);
}

static void
cmd_messages_row(void *arg, const struct store_read_message *m)
{
	struct cmd_messages_out	*out = arg;

	cmd_messages_start(out);
	if (out->as_json)
		output_json_item(&out->json, cmd_messages_json(&out->ctx, m));
	else
		cmd_messages_line(m);
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
	struct cmd_messages_out	 out;
	struct maintainers	*mt;
	const char		*list = NULL;
	int			 ch, json = 0, r;

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
	memset(&out, 0, sizeof out);
	out.as_json = json;
	output_ctx_init(&out.ctx, bot->store, mt);
	if ((r = store_read_messages(bot->store, list, cmd_messages_row,
	    &out)) == 0) {
		cmd_messages_start(&out);
		if (json)
			output_json_end(&out.json, NULL);
	}
	output_ctx_free(&out.ctx);
	maintainers_free(mt);
	return (r == 0 ? CMD_OK : cmd_db_error(bot->store));
}
