/*
 * pvbot protocols: the PV protocol registry with stages and states;
 * "protocols import-support FILE" reads Xen's SUPPORT.md; pvbot promote
 * records the Czar's decision.
 */
#include <errno.h>
#include <getopt.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <jansson.h>

#include "buf.h"
#include "cli.h"
#include "config.h"
#include "consensus.h"
#include "datetime.h"
#include "output.h"
#include "policy.h"
#include "protocols.h"
#include "status.h"
#include "store-events.h"
#include "store-stages.h"
#include "view.h"
#include "store.h"
#include "support.h"
#include "xmalloc.h"

static const char *
cmd_protocols_stage_name(int stage)
{
	if (stage == SUPPORT_STAGE_PRODUCTION)
		return (CONSENSUS_STAGE_PRODUCTION);
	if (stage == SUPPORT_STAGE_PROTOTYPE)
		return (CONSENSUS_STAGE_PROTOTYPE);
	return (NULL);
}

static char *
cmd_protocols_read(const char *path, size_t *len, char **cause)
{
	struct buf	b;

	buf_init(&b);
	if (buf_read_file(&b, path, cause) != 0) {
		buf_release(&b);
		return (NULL);
	}
	return (buf_detach(&b, len));
}

static int
cmd_protocols_import_support(struct pvbot *bot, const char *path)
{
	struct support_entry	*v = NULL;
	struct protocols	*ps = NULL;
	const struct protocol	*p;
	const char		*stage;
	char			*text, *cause = NULL, *cur, *reason;
	size_t			 len, n = 0, i, changed = 0;
	time_t			 now = time(NULL);

	if ((text = cmd_protocols_read(path, &len, &cause)) == NULL ||
	    support_parse(text, len, &v, &n, &cause) != 0 ||
	    protocols_load(bot->cf->protocols, &ps, &cause) != 0) {
		fprintf(stderr, "pvbot: %s\n", cause);
		free(cause);
		free(text);
		support_free(v, n);
		return (CMD_ERROR);
	}
	store_begin(bot->store);
	for (i = 0; i < protocols_count(ps); i++) {
		p = protocols_get(ps, i);
		stage = cmd_protocols_stage_name(support_stage_of(v, n, p));
		cur = store_events_stage(bot->store, p->name);
		if (stage == NULL)
			stage = cur != NULL ? cur : CONSENSUS_STAGE_DESIGN;
		printf("%-12s %-11s%s\n", p->name, stage, cur != NULL &&
		    strcmp(cur, stage) == 0 ? "" : "  (changed)");
		if (cur == NULL || strcmp(cur, stage) != 0) {
			reason = xasprintf("SUPPORT.md (%s)", path);
			if (store_events_promote(bot->store, ps, p->name, stage,
			    now, "SUPPORT.md", reason, NULL, &cause) != 0) {
				fprintf(stderr, "pvbot: %s\n", cause);
				free(cause);
			} else
				changed++;
			free(reason);
		}
		free(cur);
	}
	if (store_commit(bot->store, &cause) != 0) {
		fprintf(stderr, "pvbot: %s\n", cause);
		free(cause);
	}
	printf("%zu protocols, %zu stages recorded\n", protocols_count(ps),
	    changed);
	protocols_free(ps);
	support_free(v, n);
	free(text);
	return (CMD_OK);
}

static void
cmd_protocols_text(const struct view *v, int all)
{
	const struct view_protocol	*vp;
	char				 since[32];
	size_t				 i, hidden = 0;

	printf("%-12s %-11s %-8s %s\n", "PROTOCOL", "STAGE", "STATE",
	    "SINCE / WHY");
	for (i = 0; i < v->nprotocols; i++) {
		vp = &v->protocols[i];
		/* Nothing to read about a quiet protocol with no proposal. */
		if (!all && vp->nproposals == 0 &&
		    strcmp(vp->out.state, CONSENSUS_OK) == 0) {
			hidden++;
			continue;
		}
		if (vp->in.since != 0)
			datetime_format_iso(vp->in.since, since, sizeof since);
		else
			snprintf(since, sizeof since, "-");
		since[10] = '\0';
		printf("%-12s %-11s %-8s %s\n", vp->in.name, vp->in.stage,
		    vp->out.state, since);
		output_wrap(vp->out.reason, 34, 79);
	}
	if (hidden > 0)
		printf("(and %zu protocol%s with no proposal and nothing to do: "
		    "--all lists them)\n", hidden, hidden == 1 ? "" : "s");
}

int
cmd_protocols(struct pvbot *bot, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "all", no_argument, NULL, 'a' },
		{ "help", no_argument, NULL, 'h' },
		{ "json", no_argument, NULL, 'j' },
		{ "now", required_argument, NULL, 'n' },
		{ NULL, 0, NULL, 0 }
	};
	const struct cmd_entry	*cmd = cmd_find("protocols");
	struct status		 st;
	json_t			*a;
	const char		*nowarg = NULL;
	char			*cause = NULL;
	time_t			 now;
	size_t			 i;
	int			 ch, json = 0, all = 0;

	if (argc >= 2 && strcmp(argv[1], "import-support") == 0) {
		if (argc != 3)
			return (cmd_usage(cmd));
		return (cmd_protocols_import_support(bot, argv[2]));
	}
	optind = 1;
	while ((ch = getopt_long(argc, argv, "ahjn:", longopts, NULL)) != -1) {
		switch (ch) {
		case 'a': all = 1; break;
		case 'j': json = 1; break;
		case 'n': nowarg = optarg; break;
		case 'h':
			printf("usage: pvbot protocols %s\n", cmd->usage);
			return (CMD_OK);
		default:
			return (cmd_usage(cmd));
		}
	}
	if (optind != argc)
		return (cmd_usage(cmd));
	if (cmd_parse_now(nowarg, &now) != 0)
		return (CMD_USAGE);
	/* Exploring with --now keeps nothing (store-events.h). */
	if (status_load(bot->cf, bot->store, now, 0, nowarg == NULL ?
	    STORE_EVENTS_KEEP : STORE_EVENTS_NONE, &st, &cause) != 0)
		return (cmd_error(cause));
	if (json) {
		a = json_array();
		for (i = 0; i < st.v.nprotocols; i++)
			json_array_append_new(a,
			    status_protocol_json(&st.v.protocols[i]));
		output_json_dump(json_pack("{s:o}", "protocols", a));
	} else
		cmd_protocols_text(&st.v, all);
	status_free(&st);
	return (CMD_OK);
}

int
cmd_promote(struct pvbot *bot, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "force", no_argument, NULL, 'f' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	const struct cmd_entry	*cmd = cmd_find("promote");
	struct protocols	*ps = NULL;
	const struct protocol	*p;
	struct passwd		*pw = getpwuid(getuid());
	char			*cause = NULL, *reason;
	int			 ch, force = 0;

	/* 0, not 1: main's "+" must not stop --force after the names. */
	optind = 0;
	while ((ch = getopt_long(argc, argv, "fh", longopts, NULL)) != -1) {
		switch (ch) {
		case 'f': force = 1; break;
		default:
			return (cmd_usage(cmd));
		}
	}
	argc -= optind;
	argv += optind;
	if (argc < 2 || argc > 3)
		return (cmd_usage(cmd));
	if (protocols_load(bot->cf->protocols, &ps, &cause) != 0) {
		fprintf(stderr, "%s\n", cause);
		free(cause);
		return (CMD_ERROR);
	}
	if (!force && (p = protocols_find(ps, argv[0])) != NULL &&
	    store_stages_skips(bot->store, p->name, argv[1])) {
		fprintf(stderr, "pvbot: promote: %s is at design: %s skips the "
		    "prototype stage (--force to do it anyway)\n", p->name,
		    argv[1]);
		protocols_free(ps);
		return (CMD_ERROR);
	}
	reason = argc == 3 ? xstrdup(argv[2]) : xasprintf("promoted by %s "
	    "with the CLI", pw != NULL ? pw->pw_name : "the operator");
	store_begin(bot->store);
	if (store_events_promote(bot->store, ps, argv[0], argv[1], time(NULL),
	    pw != NULL ? pw->pw_name : NULL, reason, NULL, &cause) != 0 ||
	    store_commit(bot->store, &cause) != 0) {
		store_rollback(bot->store);
		fprintf(stderr, "pvbot: promote: %s\n", cause);
		free(cause);
		free(reason);
		protocols_free(ps);
		return (CMD_ERROR);
	}
	printf("%s: now %s (%s)\n", argv[0], argv[1], reason);
	free(reason);
	protocols_free(ps);
	return (CMD_OK);
}
