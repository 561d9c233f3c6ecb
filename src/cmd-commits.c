/* pvbot commits: commits from git sources matched to posted patches. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "cli.h"
#include "commits-match.h"
#include "config.h"
#include "datetime.h"
#include "output.h"
#include "store-commits.h"
#include "xmalloc.h"

static json_t *
cmd_commits_json(const struct config *cf, const struct store_commit_match *m)
{
	const struct config_source	*cs = config_source_find(cf, m->source);
	char				 date[32], *url;
	json_t				*o;

	datetime_format_iso(m->commit_date, date, sizeof date);
	url = commits_match_url(cs != NULL ? cs->commit_url : NULL, m->oid);
	o = json_pack("{s:s, s:s, s:s, s:o, s:s, s:s, s:o, s:s, s:s, s:s, "
	    "s:i, s:o}",
	    "commit", m->oid,
	    "date", date,
	    "source", m->source,
	    "branches", output_split(m->branches, ','),
	    "subject", m->subject != NULL ? m->subject : "",
	    "how", m->how,
	    "patch_id", m->patch_id != NULL ? json_string(m->patch_id) :
	    json_null(),
	    "message_id", m->message_id,
	    "patch_subject", m->patch_subject != NULL ? m->patch_subject : "",
	    "proposal", m->root != NULL ? m->root : "",
	    "version", m->version,
	    "url", url != NULL ? json_string(url) : json_null());
	free(url);
	return (o);
}

static void
cmd_commits_text(const struct store_commit_match *m)
{
	char	 date[32], *line;

	datetime_format_iso(m->commit_date, date, sizeof date);
	date[10] = '\0';
	if (asprintf(&line, "%.12s %s %-10s %-10s v%d %s", m->oid, date,
	    m->branches != NULL ? m->branches : "-", m->how, m->version,
	    m->subject != NULL ? m->subject : "") != -1) {
		output_fit(line, 79);
		free(line);
	}
	printf("    patch <%s>\n", m->message_id);
	if (m->root != NULL && strcmp(m->root, m->message_id) != 0)
		printf("    in thread <%s>\n", m->root);
}

int
cmd_commits(struct pvbot *bot, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "help", no_argument, NULL, 'h' },
		{ "json", no_argument, NULL, 'j' },
		{ NULL, 0, NULL, 0 }
	};
	const struct cmd_entry		*cmd = cmd_find("commits");
	struct store_commits		*sc;
	struct store_commit_match	*v;
	struct output_json		 out;
	char				*root = NULL;
	size_t				 n, i;
	int				 ch, json = 0;

	optind = 1;
	while ((ch = getopt_long(argc, argv, "hj", longopts, NULL)) != -1) {
		switch (ch) {
		case 'j': json = 1; break;
		case 'h':
			printf("usage: pvbot commits %s\n", cmd->usage);
			return (CMD_OK);
		default:
			return (cmd_usage(cmd));
		}
	}
	if (argc - optind > 1)
		return (cmd_usage(cmd));
	if (optind < argc && cmd_thread_resolve(bot->store, argv[optind],
	    &root) == 0) {
		fprintf(stderr, "pvbot: no thread '%s'\n", argv[optind]);
		return (CMD_ERROR);
	}
	sc = store_commits_open(bot->store);
	n = store_commits_matches(sc, root, &v);
	store_commits_close(sc);
	free(root);
	if (json)
		output_json_begin(&out, "commits");
	for (i = 0; i < n; i++) {
		if (json)
			output_json_item(&out, cmd_commits_json(bot->cf, &v[i]));
		else
			cmd_commits_text(&v[i]);
	}
	if (json)
		output_json_end(&out, NULL);
	store_commits_matches_free(v, n);
	return (CMD_OK);
}
