/* pvbot tag / untag: the operator's keywords on a thread. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli.h"
#include "config.h"
#include "protocols.h"
#include "store-classify.h"
#include "store.h"

int
cmd_tag(struct pvbot *bot, int argc, char **argv)
{
	const struct cmd_entry	*cmd = cmd_find(argv[0]);
	struct protocols	*ps = NULL;
	long long		 thread;
	char			*root = NULL, *cause = NULL;
	int			 i, on = strcmp(argv[0], "tag") == 0;

	if (argc == 2 && (strcmp(argv[1], "--help") == 0 ||
	    strcmp(argv[1], "-h") == 0)) {
		printf("usage: pvbot %s %s\n", cmd->name, cmd->usage);
		return (CMD_OK);
	}
	if (argc < 3)
		return (cmd_usage(cmd));
	if ((thread = cmd_thread_resolve(bot->store, argv[1], &root)) == 0) {
		fprintf(stderr, "pvbot: %s: %s: no such thread or message\n",
		    cmd->name, argv[1]);
		return (CMD_ERROR);
	}
	if (protocols_load(bot->cf->protocols, &ps, &cause) != 0) {
		fprintf(stderr, "%s\n", cause);
		free(cause);
		free(root);
		return (CMD_ERROR);
	}
	store_begin(bot->store);
	for (i = 2; i < argc; i++)
		store_classify_tag(bot->store, ps, thread, argv[i], on, NULL,
		    NULL, time(NULL));
	if (store_commit(bot->store, &cause) != 0) {
		fprintf(stderr, "pvbot: %s\n", cause);
		free(cause);
		free(root);
		protocols_free(ps);
		return (CMD_ERROR);
	}
	printf("thread %lld <%s>: %s", thread, root, on ? "tagged" :
	    "untagged");
	for (i = 2; i < argc; i++)
		printf(" %s", argv[i]);
	printf("\n");
	free(root);
	protocols_free(ps);
	return (CMD_OK);
}
