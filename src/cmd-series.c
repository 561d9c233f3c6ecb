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
#include "store-read.h"
#include "xmalloc.h"

/* What the rows are written with. */
struct cmd_series_out {
	struct store		*store;		/* for what a pull pulls */
	struct output_json	 json;
	json_t			*cur;		/* the series being written */
	long long		 last;		/* its id */
	int			 as_json;
	int			 started;	/* the query runs */
	const struct cmd_picked	*picked;	/* --verdict's, or NULL */
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

/*
 * What a pull request asks to pull, from its first mail: 0 and *pr (free
 * with pull_free) when the posting is a pull request that says.
 */
static int
cmd_series_pull(struct store *s, const struct store_read_posting *p,
    struct pull *pr)
{
	struct message_env	 env = { 0, 0 };
	struct message		*m;
	char			*raw, *cause = NULL;
	size_t			 len;
	int			 r = -1;

	if (!(p->flags & SERIES_PULL) ||
	    (raw = store_read_posting_raw(s, p->id, &len)) == NULL)
		return (-1);
	if (message_parse(raw, len, &env, &m, &cause) != 0)
		free(cause);
	else {
		if (m->body != NULL)
			r = pull_parse(m->body, pr);
		message_free(m);
	}
	free(raw);
	return (r);
}

static json_t *
cmd_series_pull_json(struct store *s, const struct store_read_posting *p)
{
	struct pull	 pr;
	json_t		*o;

	if (cmd_series_pull(s, p, &pr) != 0)
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
cmd_series_version(struct store *s, const struct store_read_posting *p)
{
	char	date[32];

	datetime_format_iso(p->date, date, sizeof date);
	return (json_pack("{s:i, s:s, s:i, s:i, s:o, s:s, s:s, s:b, s:b, s:b, "
	    "s:o}",
	    "version", p->version,
	    "date", date,
	    "total", p->total,
	    "patches", p->patches,
	    "cover", p->cover == NULL ? json_null() : json_string(p->cover),
	    "subject", cmd_series_str(p->subject),
	    "thread", cmd_series_str(p->root),
	    "rfc", (p->flags & SERIES_RFC) != 0,
	    "resend", (p->flags & SERIES_RESEND) != 0,
	    "latest", cmd_series_latest(p),
	    "pull", cmd_series_pull_json(s, p)));
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
cmd_series_text(struct store *s, const struct store_read_posting *p,
    long long *last)
{
	struct pull	 pr;
	char		 date[32], parts[32], *line, *what;

	if (p->series != *last) {
		*last = p->series;
		/* The title is cut to fit, never the address. */
		line = xasprintf("series %lld: %s", *last,
		    cmd_series_title(cmd_series_str(p->first_subject)));
		what = xasprintf(" (%s)", cmd_series_str(p->author));
		output_fit_tail(line, what, 79);
		free(what);
		free(line);
	}
	datetime_format_iso(p->date, date, sizeof date);
	date[10] = '\0';
	if (p->flags & SERIES_PULL)
		snprintf(parts, sizeof parts, "pull request");
	else if (p->total == 0)
		snprintf(parts, sizeof parts, "one patch");
	else
		snprintf(parts, sizeof parts, "%3d/%-3d %s", p->patches,
		    p->total, p->cover == NULL ? "no cover" : "cover");
	printf("  v%-3d %s %s%s%s\n", p->version, date, parts,
	    p->flags & SERIES_RESEND ? " resend" : "",
	    cmd_series_latest(p) ? "  (latest)" : "  superseded");
	/* Not a proposal: what it pulls is what there is to say. */
	if (cmd_series_pull(s, p, &pr) == 0) {
		what = pull_describe(&pr);
		line = xasprintf("       pulls %s", what);
		output_fit(line, 79);
		free(line);
		/* A URL cut short is no use: it may run past the width. */
		printf("       from %s\n", pr.url);
		free(what);
		pull_free(&pr);
	}
}

static void
cmd_series_row(void *arg, const struct store_read_posting *p)
{
	struct cmd_series_out	*out = arg;

	if (out->picked != NULL && !cmd_picked_has(out->picked,
	    cmd_series_str(p->root), p->version))
		return;
	if (out->started++ == 0 && out->as_json)
		output_json_begin(&out->json, "series");
	if (!out->as_json) {
		cmd_series_text(out->store, p, &out->last);
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
	    cmd_series_version(out->store, p));
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
	struct cmd_series_out	 out;
	struct status_filter	 f;
	struct store_read_filter rf;
	struct cmd_picked	 pk;
	int			 ch, json = 0, r;

	memset(&f, 0, sizeof f);
	memset(&rf, 0, sizeof rf);
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
	if ((r = cmd_filter_prepare(bot, &f, &rf, &pk)) != CMD_OK)
		return (r);
	memset(&out, 0, sizeof out);
	out.store = bot->store;
	out.as_json = json;
	out.picked = f.verdicts != NULL ? &pk : NULL;
	r = store_read_series(bot->store, &rf, cmd_series_row, &out);
	cmd_picked_free(&pk);
	if (r != 0)
		return (cmd_db_error(bot->store));
	if (json) {
		if (out.started == 0)
			output_json_begin(&out.json, "series");
		output_json_item(&out.json, out.cur);
		output_json_end(&out.json, NULL);
	}
	return (CMD_OK);
}
