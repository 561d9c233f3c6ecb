/* pvbot maintainers: the MAINTAINERS sections and people of each path. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "cli.h"
#include "config.h"
#include "maintainers.h"
#include "output.h"
#include "text.h"

/* jansson refuses invalid UTF-8, and an old file may be Latin-1. */
static json_t *
cmd_maintainers_string(const char *s)
{
	json_t	*j;
	char	*fixed;

	if (s == NULL)
		return (json_null());
	if (text_utf8_valid(s, strlen(s)))
		return (json_string(s));
	fixed = text_utf8_repair(s, strlen(s), NULL);
	j = json_string(fixed);
	free(fixed);
	return (j);
}

static json_t *
cmd_maintainers_strv(char **v, size_t n)
{
	json_t	*a = json_array();
	size_t	 i;

	for (i = 0; i < n; i++)
		json_array_append_new(a, cmd_maintainers_string(v[i]));
	return (a);
}

static json_t *
cmd_maintainers_section(const struct maintainers_section *s)
{
	return (json_pack("{s:o, s:o, s:o, s:o, s:o}",
	    "title", cmd_maintainers_string(s->title),
	    "status", cmd_maintainers_string(s->status),
	    "maintainers", cmd_maintainers_strv(s->m, s->nm),
	    "reviewers", cmd_maintainers_strv(s->r, s->nr),
	    "lists", cmd_maintainers_strv(s->l, s->nl)));
}

static json_t *
cmd_maintainers_json(const struct maintainers *mt, const char *path)
{
	const struct maintainers_section	**v;
	json_t					 *a = json_array();
	size_t					  i, n;

	n = maintainers_match(mt, path, &v);
	for (i = 0; i < n; i++)
		json_array_append_new(a, cmd_maintainers_section(v[i]));
	free(v);
	return (json_pack("{s:o, s:o}", "path", cmd_maintainers_string(path),
	    "sections", a));
}

static void
cmd_maintainers_print(const struct maintainers *mt, const char *path)
{
	const struct maintainers_section	**v;
	size_t					  i, j, n;

	printf("%s:\n", path);
	n = maintainers_match(mt, path, &v);
	if (n == 0)
		printf("  (no section matches)\n");
	for (i = 0; i < n; i++) {
		printf("  %s\n", v[i]->title);
		for (j = 0; j < v[i]->nm; j++)
			printf("    M: %s\n", v[i]->m[j]);
		for (j = 0; j < v[i]->nr; j++)
			printf("    R: %s\n", v[i]->r[j]);
	}
	free(v);
}

static void
cmd_maintainers_output(const struct maintainers *mt, const char *file,
    int json, int argc, char **argv)
{
	json_t	*paths;
	int	 i;

	if (!json) {
		for (i = 0; i < argc; i++)
			cmd_maintainers_print(mt, argv[i]);
		return;
	}
	paths = json_array();
	for (i = 0; i < argc; i++)
		json_array_append_new(paths, cmd_maintainers_json(mt, argv[i]));
	output_json_dump(json_pack("{s:o, s:o}", "file",
	    cmd_maintainers_string(file), "paths", paths));
}

int
cmd_maintainers(struct pvbot *bot, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "file", required_argument, NULL, 'f' },
		{ "help", no_argument, NULL, 'h' },
		{ "json", no_argument, NULL, 'j' },
		{ NULL, 0, NULL, 0 }
	};
	const struct cmd_entry	*cmd = cmd_find("maintainers");
	struct maintainers	*mt;
	const char		*file = NULL;
	char			*cause = NULL;
	int			 ch, json = 0;

	optind = 1;
	while ((ch = getopt_long(argc, argv, "f:hj", longopts, NULL)) != -1) {
		switch (ch) {
		case 'f': file = optarg; break;
		case 'j': json = 1; break;
		case 'h':
			printf("usage: pvbot maintainers %s\n", cmd->usage);
			return (CMD_OK);
		default:
			return (cmd_usage(cmd));
		}
	}
	if (optind == argc)
		return (cmd_usage(cmd));
	if (file == NULL && bot->cf != NULL)
		file = bot->cf->maintainers;
	if (file == NULL) {
		fprintf(stderr, "pvbot: maintainers: no MAINTAINERS file "
		    "configured (set 'maintainers' in pvbot.conf or use "
		    "--file)\n");
		return (CMD_ERROR);
	}
	if (maintainers_load(file, &mt, &cause) != 0) {
		fprintf(stderr, "pvbot: %s\n", cause);
		free(cause);
		return (CMD_ERROR);
	}
	cmd_maintainers_output(mt, file, json, argc - optind, argv + optind);
	maintainers_free(mt);
	return (CMD_OK);
}
