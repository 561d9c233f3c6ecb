/* policy.conf reader.  Pure. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "conffile.h"
#include "policy.h"
#include "xmalloc.h"

struct policy_parse {
	struct policy		*p;
	struct conffile		 f;
	struct policy_override	*section;	/* NULL: global */
};

void
policy_defaults(struct policy *p)
{
	memset(p, 0, sizeof *p);
	p->window = 7 * 86400;
	p->responsive = 14 * 86400;
	p->stalled = 90 * 86400;
	p->remind = 7 * 86400;
	p->proposer_vote = 1;
	p->tested_vote = 0;
	p->version_answers = 1;
	p->changes = POLICY_CHECKIN;
	p->commit_branches = NULL;	/* NULL: POLICY_COMMIT_BRANCHES */
}

/* "check-in" or "lazy-consensus" into *out. */
static void
policy_changes_value(struct policy_parse *pp, const char *v, long *out)
{
	if (strcmp(v, "check-in") == 0)
		*out = POLICY_CHECKIN;
	else if (strcmp(v, "lazy-consensus") == 0)
		*out = POLICY_LAZY;
	else
		conffile_error(&pp->f, "bad value '%s' for changes (check-in, "
		    "lazy-consensus)", v);
}

/* A positive duration into *out; on error *out keeps its value. */
static int
policy_duration(struct policy_parse *pp, const char *v, long *out)
{
	long	d;

	if (conffile_duration(v, &d) != 0 || d <= 0) {
		conffile_error(&pp->f, "bad duration '%s' (use 36h, 7d, 2w)",
		    v);
		return (-1);
	}
	*out = d;
	return (0);
}

static void
policy_int(struct policy_parse *pp, const char *v, int lo, int hi, int *out)
{
	long	l;

	if (conffile_int(v, lo, hi, &l) != 0)
		conffile_error(&pp->f, "bad number '%s' (%d..%d)", v, lo, hi);
	else
		*out = (int)l;
}

static void
policy_bool(struct policy_parse *pp, const char *v, int *out)
{
	if (conffile_bool(v, out) != 0)
		conffile_error(&pp->f, "bad yes/no value '%s'", v);
}

/* Keys inside a "list NAME" or "protocol NAME" section. */
static void
policy_section_key(struct policy_parse *pp, const char *key, const char *v)
{
	struct policy_override	*o = pp->section;

	if (strcmp(key, "window") == 0)
		policy_duration(pp, v, &o->window);
	else if (strcmp(key, "responsive") == 0)
		policy_duration(pp, v, &o->responsive);
	else if (strcmp(key, "stalled") == 0)
		policy_duration(pp, v, &o->stalled);
	else if (strcmp(key, "changes") == 0)
		policy_changes_value(pp, v, &o->changes);
	else
		conffile_error(&pp->f, "unknown keyword '%s' in %s section",
		    key, o->kind);
}

static void
policy_global_key(struct policy_parse *pp, const char *key, const char *v)
{
	struct policy	*p = pp->p;

	if (strcmp(key, "window") == 0)
		policy_duration(pp, v, &p->window);
	else if (strcmp(key, "responsive") == 0)
		policy_duration(pp, v, &p->responsive);
	else if (strcmp(key, "stalled") == 0)
		policy_duration(pp, v, &p->stalled);
	else if (strcmp(key, "remind") == 0)
		policy_duration(pp, v, &p->remind);
	else if (strcmp(key, "changes") == 0)
		policy_changes_value(pp, v, &p->changes);
	else if (strcmp(key, "maintainer-ack") == 0)
		policy_bool(pp, v, &p->maintainer_ack);
	else if (strcmp(key, "proposer-vote") == 0)
		policy_int(pp, v, 0, 2, &p->proposer_vote);
	else if (strcmp(key, "tested-by-vote") == 0)
		policy_int(pp, v, 0, 1, &p->tested_vote);
	else if (strcmp(key, "stale-objections-count") == 0)
		policy_bool(pp, v, &p->stale_counts);
	else if (strcmp(key, "new-version-answers") == 0)
		policy_bool(pp, v, &p->version_answers);
	else if (strcmp(key, "commit-branches") == 0) {
		free(p->commit_branches);
		p->commit_branches = xstrdup(v);
	} else
		conffile_error(&pp->f, "unknown keyword '%s'", key);
}

static void
policy_open_section(struct policy_parse *pp, const char *kind,
    const char *name)
{
	struct policy	*p = pp->p;
	size_t		 i;

	if (*name == '\0') {
		conffile_error(&pp->f, "'%s' needs a name", kind);
		pp->section = NULL;
		return;
	}
	for (i = 0; i < p->noverrides; i++)
		if (strcmp(p->overrides[i].kind, kind) == 0 &&
		    strcasecmp(p->overrides[i].name, name) == 0)
			conffile_error(&pp->f, "%s '%s' defined twice", kind,
			    name);
	p->overrides = xreallocarray(p->overrides, p->noverrides + 1,
	    sizeof *p->overrides);
	pp->section = &p->overrides[p->noverrides++];
	memset(pp->section, 0, sizeof *pp->section);
	pp->section->kind = xstrdup(kind);
	pp->section->name = xstrdup(name);
}

static void
policy_line(struct policy_parse *pp, char *line)
{
	char	*key, *value, *hash, *rest;
	int	 indented = isspace((unsigned char)*line);

	if ((hash = strchr(line, '#')) != NULL)
		*hash = '\0';
	conffile_words(line, &key, &value);
	rest = value + strcspn(value, " \t\r");
	if (*rest != '\0')
		*rest++ = '\0';
	rest += strspn(rest, " \t\r");
	if (*key == '\0')
		return;
	/* One value per key: "window 7 days" is not 7 seconds. */
	if (*rest != '\0') {
		conffile_error(&pp->f, "'%s': unexpected '%s'", key, rest);
		return;
	}
	if (!indented && (strcmp(key, "list") == 0 ||
	    strcmp(key, "protocol") == 0)) {
		policy_open_section(pp, key, value);
		return;
	}
	if (*value == '\0') {
		conffile_error(&pp->f, "'%s' needs a value", key);
		return;
	}
	if (!indented)
		pp->section = NULL;
	if (pp->section != NULL)
		policy_section_key(pp, key, value);
	else if (indented)
		conffile_error(&pp->f, "indented '%s' outside a section", key);
	else
		policy_global_key(pp, key, value);
}

/* Every line of f into a new policy; its errors all at once. */
static int
policy_read(struct conffile *f, const char *file, struct policy **out,
    char **cause)
{
	struct policy_parse	 pp;
	char			*line;

	memset(&pp, 0, sizeof pp);
	pp.p = xcalloc(1, sizeof *pp.p);
	policy_defaults(pp.p);
	pp.p->path = xstrdup(file);
	pp.f = *f;
	while ((line = conffile_getline(&pp.f, NULL)) != NULL)
		policy_line(&pp, line);
	if (pp.p->remind <= 0 || pp.p->window <= 0)
		conffile_error(&pp.f, "window and remind must be positive");
	if (conffile_close(&pp.f, cause) != 0) {
		policy_free(pp.p);
		return (-1);
	}
	*out = pp.p;
	return (0);
}

int
policy_parse(const char *text, size_t len, const char *file,
    struct policy **out, char **cause)
{
	struct conffile	f;

	conffile_init(&f, file, text, len);
	return (policy_read(&f, file, out, cause));
}

int
policy_load(const char *path, struct policy **out, char **cause)
{
	struct conffile	f;

	if (conffile_open_or(&f, path, "pvbot/policy.conf", cause) != 0)
		return (-1);
	return (policy_read(&f, f.file, out, cause));
}

void
policy_free(struct policy *p)
{
	size_t	i;

	if (p == NULL)
		return;
	free(p->commit_branches);
	for (i = 0; i < p->noverrides; i++) {
		free(p->overrides[i].kind);
		free(p->overrides[i].name);
	}
	free(p->overrides);
	free(p->path);
	free(p);
}

/* A protocol's override beats a list's; the longest window of them wins. */
static long
policy_pick(const struct policy *p, size_t offset, long dflt,
    const char *list, char *const *protocols, size_t nprotocols)
{
	const struct policy_override	*o;
	long				 v, best = 0;
	size_t				 i, j;

	for (i = 0; i < p->noverrides; i++) {
		o = &p->overrides[i];
		v = *(const long *)((const char *)o + offset);
		if (v == 0 || strcmp(o->kind, "protocol") != 0)
			continue;
		for (j = 0; j < nprotocols; j++)
			if (strcasecmp(o->name, protocols[j]) == 0 && v > best)
				best = v;
	}
	if (best > 0)
		return (best);
	for (i = 0; i < p->noverrides && list != NULL; i++) {
		o = &p->overrides[i];
		v = *(const long *)((const char *)o + offset);
		if (v != 0 && strcmp(o->kind, "list") == 0 &&
		    strcasecmp(o->name, list) == 0)
			return (v);
	}
	return (dflt);
}

long
policy_window(const struct policy *p, const char *list,
    char *const *protocols, size_t n)
{
	return (policy_pick(p, offsetof(struct policy_override, window),
	    p->window, list, protocols, n));
}

long
policy_responsive(const struct policy *p, const char *list,
    char *const *protocols, size_t n)
{
	return (policy_pick(p, offsetof(struct policy_override, responsive),
	    p->responsive, list, protocols, n));
}

long
policy_stalled(const struct policy *p, const char *protocol)
{
	char	*v[1];

	v[0] = (char *)protocol;
	return (policy_pick(p, offsetof(struct policy_override, stalled),
	    p->stalled, NULL, v, 1));
}

long
policy_changes(const struct policy *p, const char *list,
    char *const *protocols, size_t n)
{
	return (policy_pick(p, offsetof(struct policy_override, changes),
	    p->changes, list, protocols, n));
}

const char *
policy_commit_branches(const struct policy *p)
{
	return (p != NULL && p->commit_branches != NULL ? p->commit_branches :
	    POLICY_COMMIT_BRANCHES);
}
