/* pvbot.conf reader (conffile.h); errors are collected as file:line. */
#include <ctype.h>
#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "conffile.h"
#include "config.h"
#include "defaults.h"
#include "xmalloc.h"

enum config_type {
	CONFIG_STRING,
	CONFIG_PATH,
	CONFIG_SIZE,
	CONFIG_DURATION,
	CONFIG_BOOL,
	CONFIG_INT,
	CONFIG_STRLIST
};

struct config_key {
	const char		*name;
	enum config_type	 type;
	size_t			 offset;
};

/* Each table is sorted by name for bsearch. */
static const struct config_key config_global_keys[] = {
	{ "allow", CONFIG_STRLIST, offsetof(struct config, allow) },
	{ "archive-url", CONFIG_STRING, offsetof(struct config, archive_url) },
	{ "bot-address", CONFIG_STRING, offsetof(struct config, bot_address) },
	{ "czar", CONFIG_STRLIST, offsetof(struct config, czar) },
	{ "database", CONFIG_PATH, offsetof(struct config, database) },
	{ "maintainers", CONFIG_PATH, offsetof(struct config, maintainers) },
	{ "max-message-size", CONFIG_SIZE,
	    offsetof(struct config, max_message_size) },
	{ "model", CONFIG_PATH, offsetof(struct config, model) },
	{ "policy", CONFIG_PATH, offsetof(struct config, policy) },
	{ "protocols", CONFIG_PATH, offsetof(struct config, protocols) },
	{ "rate-per-hour", CONFIG_INT, offsetof(struct config, rate_per_hour) },
	{ "rate-per-thread-day", CONFIG_INT,
	    offsetof(struct config, rate_per_thread_day) },
	{ "requests", CONFIG_STRING, offsetof(struct config, requests) },
	{ "rules", CONFIG_PATH, offsetof(struct config, rules) },
	{ "send", CONFIG_BOOL, offsetof(struct config, send) },
	{ "summary-max-age", CONFIG_DURATION,
	    offsetof(struct config, summary_max_age) },
	{ "templates", CONFIG_PATH, offsetof(struct config, templates) },
	{ "trusted-authserv", CONFIG_STRING,
	    offsetof(struct config, trusted_authserv) },
};

static const struct config_key config_source_keys[] = {
	{ "batch", CONFIG_INT, offsetof(struct config_source, batch) },
	{ "branches", CONFIG_STRLIST,
	    offsetof(struct config_source, branches) },
	{ "ca-file", CONFIG_PATH, offsetof(struct config_source, ca_file) },
	{ "command-timeout", CONFIG_DURATION,
	    offsetof(struct config_source, command_timeout) },
	{ "commit-url", CONFIG_STRING,
	    offsetof(struct config_source, commit_url) },
	{ "credentials-env", CONFIG_STRING,
	    offsetof(struct config_source, credentials_env) },
	{ "credentials-file", CONFIG_PATH,
	    offsetof(struct config_source, credentials_file) },
	{ "idle", CONFIG_BOOL, offsetof(struct config_source, idle) },
	{ "interval", CONFIG_DURATION,
	    offsetof(struct config_source, interval) },
	{ "list", CONFIG_STRING, offsetof(struct config_source, list) },
	{ "lists", CONFIG_STRLIST, offsetof(struct config_source, lists) },
	{ "match-window", CONFIG_DURATION,
	    offsetof(struct config_source, match_window) },
	{ "remote", CONFIG_STRING, offsetof(struct config_source, remote) },
	{ "repository", CONFIG_PATH,
	    offsetof(struct config_source, repository) },
	{ "timeout", CONFIG_DURATION, offsetof(struct config_source, timeout) },
	{ "url", CONFIG_STRING, offsetof(struct config_source, url) },
	{ "user", CONFIG_STRING, offsetof(struct config_source, user) },
};

static const struct config_key config_list_keys[] = {
	{ "address", CONFIG_STRING, offsetof(struct config_list, address) },
	{ "list-id", CONFIG_STRLIST, offsetof(struct config_list, list_ids) },
	{ "post", CONFIG_BOOL, offsetof(struct config_list, post) },
	{ "rollup", CONFIG_STRING, offsetof(struct config_list, rollup) },
};

static const struct config_key config_smtp_keys[] = {
	{ "ca-file", CONFIG_PATH, offsetof(struct config_smtp, ca_file) },
	{ "credentials-env", CONFIG_STRING,
	    offsetof(struct config_smtp, credentials_env) },
	{ "credentials-file", CONFIG_PATH,
	    offsetof(struct config_smtp, credentials_file) },
	{ "envelope-from", CONFIG_STRING,
	    offsetof(struct config_smtp, envelope_from) },
	{ "from", CONFIG_STRING, offsetof(struct config_smtp, from) },
	{ "timeout", CONFIG_DURATION, offsetof(struct config_smtp, timeout) },
	{ "url", CONFIG_STRING, offsetof(struct config_smtp, url) },
	{ "user", CONFIG_STRING, offsetof(struct config_smtp, user) },
};

#define CONFIG_NKEYS(t)	(sizeof (t) / sizeof (t)[0])

struct config_parse {
	struct config	*cf;
	struct conffile	 f;
	void		*section;	/* struct being filled */
	const struct config_key *keys;
	size_t		 nkeys;
};

static int
config_key_cmp(const void *key, const void *elem)
{
	return (strcmp(key, ((const struct config_key *)elem)->name));
}

static void
config_strlist_add(struct config_strlist *l, const char *value)
{
	char	*copy = xstrdup(value), *tok, *save;

	/* "a, b c" is three entries: lists are comma or space separated. */
	for (tok = strtok_r(copy, ", \t", &save); tok != NULL;
	    tok = strtok_r(NULL, ", \t", &save)) {
		l->v = xreallocarray(l->v, l->n + 1, sizeof *l->v);
		l->v[l->n++] = xstrdup(tok);
	}
	free(copy);
}

static void
config_strlist_free(struct config_strlist *l)
{
	size_t	i;

	for (i = 0; i < l->n; i++)
		free(l->v[i]);
	free(l->v);
}

static void
config_set_string(char **field, const char *value)
{
	free(*field);
	*field = xstrdup(value);
}

static void
config_set(struct config_parse *p, const struct config_key *k,
    const char *value)
{
	char	*field = (char *)p->section + k->offset;
	long	 l;

	switch (k->type) {
	case CONFIG_STRING:
		config_set_string((char **)field, value);
		break;
	case CONFIG_PATH:
		/*
		 * "model none": classify by the rules alone (the default);
		 * the shipped weights stay named, for config check.
		 */
		if (k->offset == offsetof(struct config, model) &&
		    p->section == p->cf) {
			p->cf->no_model = strcmp(value, "none") == 0;
			if (p->cf->no_model)
				break;
		}
		free(*(char **)field);
		*(char **)field = config_path(p->cf, value);
		break;
	case CONFIG_SIZE:
		if (conffile_size(value, (size_t *)field) != 0)
			conffile_error(&p->f, "bad size '%s'", value);
		break;
	case CONFIG_DURATION:
		if (conffile_duration(value, (long *)field) != 0)
			conffile_error(&p->f, "bad duration '%s' (use 90s, "
			    "5m, 36h, 7d, 2w)", value);
		break;
	case CONFIG_BOOL:
		if (conffile_bool(value, (int *)field) != 0)
			conffile_error(&p->f, "bad yes/no value '%s'", value);
		break;
	case CONFIG_INT:
		if (conffile_int(value, 0, 1000000, &l) != 0)
			conffile_error(&p->f, "bad number '%s'", value);
		else
			*(int *)field = (int)l;
		break;
	case CONFIG_STRLIST:
		config_strlist_add((struct config_strlist *)field, value);
		break;
	}
}

static void
config_source_defaults(struct config_source *s)
{
	memset(s, 0, sizeof *s);
	s->interval = 300;
	s->timeout = 60;
	s->command_timeout = 600;
	s->idle = 1;
	s->batch = 500;
	s->match_window = 365 * 86400;
}

/* A URL template: exactly one "%s", no other conversion. */
static int
config_check_template(const char *t)
{
	const char	*p;
	int		 n = 0;

	for (p = t; (p = strchr(p, '%')) != NULL; p += 2) {
		if (p[1] != 's')
			return (-1);
		n++;
	}
	return (n == 1 ? 0 : -1);
}

/* An unindented section line: "source NAME", "list NAME", "smtp". */
static int
config_section(struct config_parse *p, const char *key, const char *value)
{
	struct config	*cf = p->cf;

	if (strcmp(key, "source") == 0) {
		cf->sources = xreallocarray(cf->sources, cf->nsources + 1,
		    sizeof *cf->sources);
		config_source_defaults(&cf->sources[cf->nsources]);
		cf->sources[cf->nsources].name = xstrdup(value);
		cf->sources[cf->nsources].line = p->f.line;
		p->section = &cf->sources[cf->nsources++];
		p->keys = config_source_keys;
		p->nkeys = CONFIG_NKEYS(config_source_keys);
	} else if (strcmp(key, "list") == 0) {
		cf->lists = xreallocarray(cf->lists, cf->nlists + 1,
		    sizeof *cf->lists);
		memset(&cf->lists[cf->nlists], 0, sizeof *cf->lists);
		cf->lists[cf->nlists].name = xstrdup(value);
		cf->lists[cf->nlists].line = p->f.line;
		p->section = &cf->lists[cf->nlists++];
		p->keys = config_list_keys;
		p->nkeys = CONFIG_NKEYS(config_list_keys);
	} else if (strcmp(key, "smtp") == 0) {
		cf->smtp.line = p->f.line;
		p->section = &cf->smtp;
		p->keys = config_smtp_keys;
		p->nkeys = CONFIG_NKEYS(config_smtp_keys);
	} else
		return (0);
	if (*value == '\0' && strcmp(key, "smtp") != 0)
		conffile_error(&p->f, "'%s' needs a name", key);
	return (1);
}

static void
config_line(struct config_parse *p, char *line)
{
	const struct config_key	*k;
	char			*key, *value, *hash;
	int			 indented = isspace((unsigned char)*line);

	/* A comment starts a line or follows a blank ("a#b" is a value). */
	if ((hash = strchr(line, '#')) != NULL &&
	    (hash == line || isspace((unsigned char)hash[-1])))
		*hash = '\0';
	conffile_words(line, &key, &value);
	if (*key == '\0')
		return;
	if (!indented) {
		if (config_section(p, key, value))
			return;
		p->section = p->cf;
		p->keys = config_global_keys;
		p->nkeys = CONFIG_NKEYS(config_global_keys);
	}
	k = bsearch(key, p->keys, p->nkeys, sizeof *p->keys, config_key_cmp);
	if (k == NULL) {
		conffile_error(&p->f, "unknown keyword '%s'", key);
		return;
	}
	if (*value == '\0') {
		conffile_error(&p->f, "'%s' needs a value", key);
		return;
	}
	config_set(p, k, value);
}

static void
config_defaults(struct config *cf)
{
	cf->max_message_size = 32 * 1024 * 1024;
	cf->rules = config_path(cf, "pvbot/rules.conf");
	cf->policy = config_path(cf, "pvbot/policy.conf");
	cf->protocols = config_path(cf, "pvbot/protocols.conf");
	cf->templates = config_path(cf, "pvbot/templates");
	cf->model = config_path(cf, "pvbot/model.weights");
	/*
	 * The model is off unless named: held out it has changed no kind
	 * the rules gave, and it costs a few per cent of an import.
	 */
	cf->no_model = 1;
	cf->rate_per_hour = 30;
	cf->rate_per_thread_day = 2;
	cf->summary_max_age = 14 * 86400;
	cf->smtp.timeout = 60;
}

/*
 * A file left at its default place (not named, or named as the default)
 * that does not exist is the built-in copy: NULL.  A file named elsewhere
 * must exist, so that a typo is an error rather than a silent default.
 */
static void
config_builtin_one(struct config *cf, char **field, const char *name)
{
	char	*dflt = config_path(cf, name);

	if (*field != NULL && strcmp(*field, dflt) == 0 &&
	    access(*field, F_OK) != 0 && errno == ENOENT) {
		free(*field);
		*field = NULL;
	}
	free(dflt);
}

static void
config_builtin(struct config *cf)
{
	config_builtin_one(cf, &cf->rules, "pvbot/rules.conf");
	config_builtin_one(cf, &cf->policy, "pvbot/policy.conf");
	config_builtin_one(cf, &cf->protocols, "pvbot/protocols.conf");
	config_builtin_one(cf, &cf->templates, "pvbot/templates");
	config_builtin_one(cf, &cf->model, "pvbot/model.weights");
}

static void
config_check_source(struct config_parse *p, const struct config_source *cs)
{
	if (cs->url == NULL && cs->repository == NULL)
		conffile_error(&p->f, "source '%s' has no url (or "
		    "repository, for a git source)", cs->name);
	else if (cs->url != NULL && cs->repository != NULL)
		conffile_error(&p->f, "source '%s' has both a url and a "
		    "repository", cs->name);
	else if (cs->repository != NULL && cs->branches.n == 0)
		conffile_error(&p->f, "git source '%s' names no branches (e.g. "
		    "\"branches staging master\")", cs->name);
	else if (cs->repository != NULL && cs->lists.n == 0)
		conffile_error(&p->f, "git source '%s' names no lists whose "
		    "patches it takes (e.g. \"lists xen-devel\")", cs->name);
	else if (cs->repository == NULL && (cs->branches.n > 0 ||
	    cs->lists.n > 0 || cs->remote != NULL || cs->commit_url != NULL))
		conffile_error(&p->f, "source '%s': branches, lists, remote "
		    "and commit-url are for git sources (with a repository)",
		    cs->name);
	else if (cs->commit_url != NULL && config_check_template(
	    cs->commit_url) != 0)
		conffile_error(&p->f, "source '%s': commit-url must hold one "
		    "%%s (the commit id) and no other %%", cs->name);
}

static void
config_check(struct config_parse *p)
{
	const struct config_list	*l;
	size_t				 i;

	for (i = 0; i < p->cf->nsources; i++) {
		p->f.line = p->cf->sources[i].line;
		config_check_source(p, &p->cf->sources[i]);
	}
	for (i = 0; i < p->cf->nlists; i++) {
		l = &p->cf->lists[i];
		p->f.line = l->line;
		if (l->rollup == NULL)
			continue;
		if (strcmp(l->rollup, "daily") != 0 &&
		    strcmp(l->rollup, "weekly") != 0)
			conffile_error(&p->f, "list '%s': rollup must be daily "
			    "or weekly, not '%s'", l->name, l->rollup);
		else if (!l->post || l->address == NULL)
			conffile_error(&p->f, "list '%s': a rollup needs "
			    "\"post yes\" and an address", l->name);
	}
}

/* The file at path, or the built-in pvbot.conf when path is NULL. */
static int
config_read(struct config_parse *p, const char *path, char **cause)
{
	char	*line;

	if (conffile_open_or(&p->f, path, "pvbot.conf", cause) != 0)
		return (-1);
	p->section = p->cf;
	p->keys = config_global_keys;
	p->nkeys = CONFIG_NKEYS(config_global_keys);
	while ((line = conffile_getline(&p->f, NULL)) != NULL) {
		line[strcspn(line, "\r\n")] = '\0';
		config_line(p, line);
	}
	config_check(p);
	return (conffile_close(&p->f, cause));
}

int
config_load(const char *path, const char *dir, struct config **out,
    char **cause)
{
	struct config	*cf;

	if (config_load_all(path, dir, &cf, cause) != 0) {
		config_free(cf);
		return (-1);
	}
	*out = cf;
	return (0);
}

int
config_load_all(const char *path, const char *dir, struct config **out,
    char **cause)
{
	struct config_parse	 p;
	struct config		*cf;
	char			*slash;

	cf = xcalloc(1, sizeof *cf);
	if (path != NULL) {
		cf->path = xstrdup(path);
		cf->dir = xstrdup(path);
		if ((slash = strrchr(cf->dir, '/')) != NULL)
			*slash = '\0';
		else
			config_set_string(&cf->dir, ".");
	} else
		cf->dir = xstrdup(dir);
	config_defaults(cf);
	memset(&p, 0, sizeof p);
	p.cf = cf;
	*out = cf;
	/* No file: the built-in pvbot.conf (with its lists). */
	if (config_read(&p, path, cause) != 0) {
		config_builtin(cf);
		return (-1);
	}
	config_builtin(cf);
	return (0);
}

void
config_free(struct config *cf)
{
	size_t	i;

	if (cf == NULL)
		return;
	for (i = 0; i < cf->nsources; i++) {
		free(cf->sources[i].name);
		free(cf->sources[i].url);
		free(cf->sources[i].list);
		free(cf->sources[i].ca_file);
		free(cf->sources[i].user);
		free(cf->sources[i].credentials_file);
		free(cf->sources[i].credentials_env);
		free(cf->sources[i].repository);
		free(cf->sources[i].remote);
		free(cf->sources[i].commit_url);
		config_strlist_free(&cf->sources[i].branches);
		config_strlist_free(&cf->sources[i].lists);
	}
	free(cf->sources);
	for (i = 0; i < cf->nlists; i++) {
		free(cf->lists[i].name);
		config_strlist_free(&cf->lists[i].list_ids);
		free(cf->lists[i].address);
		free(cf->lists[i].rollup);
	}
	free(cf->lists);
	free(cf->smtp.url);
	free(cf->smtp.from);
	free(cf->smtp.envelope_from);
	free(cf->smtp.ca_file);
	free(cf->smtp.user);
	free(cf->smtp.credentials_file);
	free(cf->smtp.credentials_env);
	config_strlist_free(&cf->czar);
	config_strlist_free(&cf->allow);
	free(cf->path);
	free(cf->dir);
	free(cf->database);
	free(cf->rules);
	free(cf->policy);
	free(cf->model);
	free(cf->protocols);
	free(cf->templates);
	free(cf->maintainers);
	free(cf->bot_address);
	free(cf->archive_url);
	free(cf->trusted_authserv);
	free(cf->requests);
	free(cf);
}

char *
config_path(const struct config *cf, const char *path)
{
	if (*path == '/' || cf->dir == NULL || strcmp(cf->dir, ".") == 0)
		return (xstrdup(path));
	return (xasprintf("%s/%s", cf->dir, path));
}

const struct config_list *
config_list_by_id(const struct config *cf, const char *id)
{
	size_t	i, j;

	for (i = 0; i < cf->nlists; i++)
		for (j = 0; j < cf->lists[i].list_ids.n; j++)
			if (strcasecmp(cf->lists[i].list_ids.v[j], id) == 0)
				return (&cf->lists[i]);
	return (NULL);
}

const struct config_source *
config_source_find(const struct config *cf, const char *name)
{
	size_t	i;

	for (i = 0; i < cf->nsources; i++)
		if (strcmp(cf->sources[i].name, name) == 0)
			return (&cf->sources[i]);
	return (NULL);
}
