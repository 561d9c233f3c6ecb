/*
 * What reading and judging mail needs beyond the configuration: the
 * rules, the protocol registry, MAINTAINERS and who may give commands by
 * mail, loaded from the files the configuration names.  The commands,
 * the daemon and the mails share it.
 */
#ifndef ENV_H
#define ENV_H

#include "mail-command.h"
#include "store-classify.h"

struct config;
struct maintainers;
struct model;
struct protocols;
struct rules;

struct env {
	const struct config		*cf;		/* borrowed */
	struct rules			*rules;
	struct protocols		*protocols;
	struct maintainers		*maintainers;	/* NULL if unset */
	struct model			*model;		/* NULL: rules only */
	struct mail_command_ctx		 cmd;
	struct store_classify_env	 classify;	/* points into env */
};

/*
 * Load the files cf names into a new env (*out, freed with env_free).
 * Returns 0, or -1 with *cause (file:line: reason).
 */
int	env_load(const struct config *, struct env ** /* OUT */,
	    char ** /* OUT */);
/* env_free(NULL) does nothing. */
void	env_free(struct env *);

#endif
