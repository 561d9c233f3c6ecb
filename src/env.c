/* Loading the files the configuration names (env.h). */
#include <stdlib.h>

#include "config.h"
#include "env.h"
#include "maintainers.h"
#include "model.h"
#include "protocols.h"
#include "rules.h"
#include "xmalloc.h"

int
env_load(const struct config *cf, struct env **out, char **cause)
{
	struct env	*env = xcalloc(1, sizeof *env);

	*out = NULL;
	env->cf = cf;
	if (rules_load(cf->rules, &env->rules, cause) != 0 ||
	    protocols_load(cf->protocols, &env->protocols, cause) != 0 ||
	    (cf->maintainers != NULL && maintainers_load(cf->maintainers,
	    &env->maintainers, cause) != 0) || (!cf->no_model &&
	    model_load(cf->model, &env->model, cause) != 0)) {
		env_free(env);
		return (-1);
	}
	/* On the heap, so that these pointers into it stay good. */
	env->cmd.cf = cf;
	env->cmd.mt = env->maintainers;
	env->classify.rules = env->rules;
	env->classify.protocols = env->protocols;
	env->classify.model = env->model;
	env->classify.cmd = &env->cmd;
	env->classify.cache = store_classify_cache_new();
	*out = env;
	return (0);
}

void
env_free(struct env *env)
{
	if (env == NULL)
		return;
	rules_free(env->rules);
	protocols_free(env->protocols);
	maintainers_free(env->maintainers);
	model_free(env->model);
	store_classify_cache_free(env->classify.cache);
	free(env);
}
