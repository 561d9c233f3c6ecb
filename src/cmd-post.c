/*
 * pvbot summary | remind | digest [--send] [--now TIME], pvbot outbox,
 * pvbot subscribe / unsubscribe.  Without --send (the default) the mails
 * are printed as an mbox and nothing is stored or sent.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include <jansson.h>

#include "cli.h"
#include "config.h"
#include "consensus.h"
#include "datetime.h"
#include "log.h"
#include "post-mail.h"
#include "maintainers.h"
#include "post-due.h"
#include "post-compose.h"
#include "post-outbox.h"
#include "output.h"
#include "policy.h"
#include "status.h"
#include "store-events.h"
#include "view.h"
#include "store-outbox.h"
#include "store-post.h"
#include "store.h"
#include "xmalloc.h"

struct cmd_post_opts {
	int	 send;
	time_t	 now;
};

static int
cmd_post_opts(const struct cmd_entry *cmd, struct pvbot *bot, int argc,
    char **argv, struct cmd_post_opts *o)
{
	static const struct option longopts[] = {
		{ "help", no_argument, NULL, 'h' },
		{ "now", required_argument, NULL, 'n' },
		{ "send", no_argument, NULL, 's' },
		{ NULL, 0, NULL, 0 }
	};
	const char	*nowarg = NULL;
	int		 ch;

	memset(o, 0, sizeof *o);
	optind = 1;
	while ((ch = getopt_long(argc, argv, "hn:s", longopts, NULL)) != -1) {
		switch (ch) {
		case 'n': nowarg = optarg; break;
		case 's': o->send = 1; break;
		case 'h':
			printf("usage: pvbot %s %s\n", cmd->name, cmd->usage);
			return (1);
		default:
			return (-1);
		}
	}
	if (optind != argc || cmd_parse_now(nowarg, &o->now) != 0)
		return (-1);
	if (o->send && !bot->cf->send) {
		fprintf(stderr, "pvbot: %s --send: sending is disabled (set "
		    "\"send yes\" and an smtp section in %s)\n", cmd->name,
		    bot->cf->path != NULL ? bot->cf->path : "pvbot.conf");
		return (-2);
	}
	return (0);
}

static int
cmd_post_run(struct pvbot *bot, int argc, char **argv,
    int (*job)(struct post_due *, const struct cmd_post_opts *))
{
	const struct cmd_entry	*cmd = cmd_find(argv[0]);
	struct cmd_post_opts	 o;
	struct post_due		 mr;
	char			*cause = NULL;
	int			 r;

	if ((r = cmd_post_opts(cmd, bot, argc, argv, &o)) != 0)
		return (r == 1 ? CMD_OK : r == -2 ? CMD_ERROR :
		    cmd_usage(cmd));
	/* Only --send acts: a dry run records nothing it finds. */
	if (post_due_open(&mr, bot->cf, bot->store, o.now, o.send, o.send ?
	    STORE_EVENTS_KEEP : STORE_EVENTS_TRY, &cause) != 0)
		return (cmd_error(cause));
	r = job(&mr, &o);
	post_due_close(&mr);
	return (r);
}

static int
cmd_post_summary_job(struct post_due *mr, const struct cmd_post_opts *o)
{
	(void)o;
	post_due_summaries(mr);
	post_due_rollups(mr);
	return (post_due_finish(mr) == 0 ? CMD_OK : CMD_ERROR);
}

static int
cmd_post_remind_job(struct post_due *mr, const struct cmd_post_opts *o)
{
	(void)o;
	post_due_reminders(mr);
	return (post_due_finish(mr) == 0 ? CMD_OK : CMD_ERROR);
}

static int
cmd_post_digest_job(struct post_due *mr, const struct cmd_post_opts *o)
{
	(void)o;
	post_due_requests(mr);
	post_due_digests(mr);
	return (post_due_finish(mr) == 0 ? CMD_OK : CMD_ERROR);
}

int
cmd_summary(struct pvbot *bot, int argc, char **argv)
{
	return (cmd_post_run(bot, argc, argv, cmd_post_summary_job));
}

int
cmd_remind(struct pvbot *bot, int argc, char **argv)
{
	return (cmd_post_run(bot, argc, argv, cmd_post_remind_job));
}

int
cmd_digest(struct pvbot *bot, int argc, char **argv)
{
	return (cmd_post_run(bot, argc, argv, cmd_post_digest_job));
}

/* One outbox row, as JSON (into the array arg) or a line of text. */
/* pvbot outbox resolve ID sent|resend: the operator releases a held mail. */
static int
cmd_post_resolve(struct pvbot *bot, int argc, char **argv)
{
	char	*cause = NULL;
	int	 resend;

	if (argc != 4 || (strcmp(argv[3], "sent") != 0 &&
	    strcmp(argv[3], "resend") != 0))
		return (cmd_usage(cmd_find("outbox")));
	resend = strcmp(argv[3], "resend") == 0;
	if (post_outbox_resolve(bot->store, argv[2], resend, time(NULL),
	    &cause) != 0) {
		fprintf(stderr, "pvbot: outbox resolve %s\n", cause);
		free(cause);
		return (CMD_ERROR);
	}
	printf("%s: %s\n", argv[2], resend ? "queued: the next send (summary, "
	    "remind or digest --send, or the daemon) sends it" :
	    "marked sent");
	return (CMD_OK);
}

/* The server's refusals (a JSON array kept with the mail), or []. */
static json_t *
cmd_post_answers(const char *text)
{
	json_t	*a = text != NULL ? json_loads(text, 0, NULL) : NULL;

	if (a != NULL && json_is_array(a))
		return (a);
	json_decref(a);
	return (json_array());
}

/*
 * Under the mail, the server's own words, a multi-line reply's further
 * lines under its first; else pvbot's note or curl's error.
 */
static void
cmd_post_outbox_answers(const struct store_outbox_entry *e)
{
	json_t		*answers = cmd_post_answers(e->answers), *r, *line;
	const char	*status;
	char		*head;
	size_t		 i, j;

	json_array_foreach(answers, i, r) {
		status = json_string_value(json_object_get(r, "status"));
		head = xasprintf("at %s: %d%s%s", json_string_value(
		    json_object_get(r, "at")), (int)json_integer_value(
		    json_object_get(r, "code")), status != NULL ? " " : "",
		    status != NULL ? status : "");
		json_array_foreach(json_object_get(r, "text"), j, line)
			printf("     %*s %s\n", (int)strlen(head),
			    j == 0 ? head : "", json_string_value(line));
		free(head);
	}
	if (json_array_size(answers) == 0 && *e->error != '\0')
		printf("     %s\n", e->error);
	json_decref(answers);
}

static void
cmd_post_outbox_row(void *arg, const struct store_outbox_entry *e)
{
	json_t	*a = arg;
	char	 date[32];

	datetime_format_iso(e->created, date, sizeof date);
	if (a != NULL) {
		json_array_append_new(a, json_pack("{s:I, s:s, s:s, s:s, s:s, "
		    "s:i, s:s, s:s, s:s, s:o}", "id", (json_int_t)e->id,
		    "message_id", e->message_id, "kind", e->kind, "state",
		    e->state, "to", e->rcpt, "attempts", e->attempts, "queued",
		    date, "error", e->error, "key", e->key, "answers",
		    cmd_post_answers(e->answers)));
		return;
	}
	printf("%-4lld %-9s %-9s %s %d %s <%s>\n", e->id, e->state, e->kind,
	    date, e->attempts, e->rcpt, e->message_id);
	cmd_post_outbox_answers(e);
}

int
cmd_outbox(struct pvbot *bot, int argc, char **argv)
{
	int	 json = argc == 2 && strcmp(argv[1], "--json") == 0;
	json_t	*a;

	if (argc > 1 && strcmp(argv[1], "resolve") == 0)
		return (cmd_post_resolve(bot, argc, argv));
	if (argc > 1 && !json) {
		printf("usage: pvbot outbox %s\n", cmd_find("outbox")->usage);
		return (strcmp(argv[1], "--help") == 0 ? CMD_OK : CMD_USAGE);
	}
	a = json ? json_array() : NULL;
	if (store_outbox_list(bot->store, cmd_post_outbox_row, a) != 0) {
		json_decref(a);
		return (cmd_db_error(bot->store));
	}
	if (json)
		output_json_dump(json_pack("{s:o}", "outbox", a));
	return (CMD_OK);
}

int
cmd_subscribe(struct pvbot *bot, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "daily", no_argument, NULL, 'd' },
		{ "filter", required_argument, NULL, 'f' },
		{ "help", no_argument, NULL, 'h' },
		{ "weekly", no_argument, NULL, 'w' },
		{ NULL, 0, NULL, 0 }
	};
	const struct cmd_entry	*cmd = cmd_find(argv[0]);
	const char		*filter = NULL, *period = "weekly";
	int			 ch, on = strcmp(argv[0], "subscribe") == 0;

	optind = 1;
	while ((ch = getopt_long(argc, argv, "df:hw", longopts, NULL)) != -1) {
		switch (ch) {
		case 'd': period = "daily"; break;
		case 'w': period = "weekly"; break;
		case 'f': filter = optarg; break;
		case 'h':
			printf("usage: pvbot %s %s\n", cmd->name, cmd->usage);
			return (CMD_OK);
		default:
			return (cmd_usage(cmd));
		}
	}
	if (optind + 1 != argc || strchr(argv[optind], '@') == NULL)
		return (cmd_usage(cmd));
	if (store_post_subscribe(bot->store, argv[optind], on, filter, period,
	    time(NULL)) != 0)
		return (cmd_db_error(bot->store));
	printf("%s %s%s%s\n", argv[optind], on ? "subscribed (" :
	    "unsubscribed", on ? period : "", on ? ")" : "");
	return (CMD_OK);
}
