/* policy.conf reader.  Pure. */
#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "buf.h"
#include "defaults.h"
#include "config.h"
#include "datetime.h"
#include "policy.h"
#include "xmalloc.h"

struct policy_parse {
	struct policy		*p;
	const char		*file;
	int			 line;
	struct buf		 errors;
	struct policy_override	*section;	/* NULL: global */
};

static void policy_error(struct policy_parse *, const char *, ...)
    __attribute__((format(printf, 2, 3)));

static void
policy_error(struct policy_parse *pp, const char *fmt, ...)
{
	va_list	 ap;
	char	*msg;

	va_start(ap, fmt);
	if (vasprintf(&msg, fmt, ap) == -1)
		msg = NULL;
	va_end(ap);
	buf_printf(&pp->errors, "%s%s:%d: %s", pp->errors.len ? "\n" : "",
	    pp->file, pp->line, msg != NULL ? msg : fmt);
	free(msg);
}

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
}

/* A positive duration into *out; on error *out keeps its value. */
static int
policy_duration(struct policy_parse *pp, const char *v, long *out)
{
	long	d;

	if (datetime_parse_duration(v, &d) != 0 || d <= 0) {
		policy_error(pp, "bad duration '%s' (use 36h, 7d, 2w)", v);
		return (-1);
	}
	*out = d;
	return (0);
}

static void
policy_int(struct policy_parse *pp, const char *v, int lo, int hi, int *out)
{
	char	*end;
	long	 l = strtol(v, &end, 10);

	if (*v == '\0' || *end != '\0' || l < lo || l > hi)
		policy_error(pp, "bad number '%s' (%d..%d)", v, lo, hi);
	else
		*out = (int)l;
}

static void
policy_bool(struct policy_parse *pp, const char *v, int *out)
{
	if (config_parse_bool(v, out) != 0)
		policy_error(pp, "bad yes/no value '%s'", v);
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
	else
		policy_error(pp, "unknown keyword '%s' in %s section", key,
		    o->kind);
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
	else
		policy_error(pp, "unknown keyword '%s'", key);
}

static void
policy_open_section(struct policy_parse *pp, const char *kind,
    const char *name)
{
	struct policy	*p = pp->p;
	size_t		 i;

	if (*name == '\0') {
		policy_error(pp, "'%s' needs a name", kind);
		pp->section = NULL;
		return;
	}
	for (i = 0; i < p->noverrides; i++)
		if (strcmp(p->overrides[i].kind, kind) == 0 &&
		    strcasecmp(p->overrides[i].name, name) == 0)
			policy_error(pp, "%s '%s' defined twice", kind, name);
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
	size_t	 n;
	int	 indented = isspace((unsigned char)*line);

	if ((hash = strchr(line, '#')) != NULL)
		*hash = '\0';
	key = line + strspn(line, " \t");
	value = key + strcspn(key, " \t");
	if (*value != '\0')
		*value++ = '\0';
	value += strspn(value, " \t");
	rest = value + strcspn(value, " \t\r");
	if (*rest != '\0')
		*rest++ = '\0';
	rest += strspn(rest, " \t\r");
	for (n = strlen(rest); n > 0 && isspace((unsigned char)rest[n - 1]);
	    n--)
		rest[n - 1] = '\0';
	if (*key == '\0')
		return;
	/* One value per key: "window 7 days" is not 7 seconds. */
	if (*rest != '\0') {
		policy_error(pp, "'%s': unexpected '%s'", key, rest);
		return;
	}
	if (!indented && (strcmp(key, "list") == 0 ||
	    strcmp(key, "protocol") == 0)) {
		policy_open_section(pp, key, value);
		return;
	}
	if (*value == '\0') {
		policy_error(pp, "'%s' needs a value", key);
		return;
	}
	if (!indented)
		pp->section = NULL;
	if (pp->section != NULL)
		policy_section_key(pp, key, value);
	else if (indented)
		policy_error(pp, "indented '%s' outside a section", key);
	else
		policy_global_key(pp, key, value);
}

int
policy_parse(const char *text, size_t len, const char *file,
    struct policy **out, char **cause)
{
	struct policy_parse	 pp;
	const char		*s = text, *end = text + len, *nl;
	char			*line;

	memset(&pp, 0, sizeof pp);
	pp.p = xcalloc(1, sizeof *pp.p);
	policy_defaults(pp.p);
	pp.p->path = xstrdup(file);
	pp.file = file;
	buf_init(&pp.errors);
	while (s < end) {
		nl = memchr(s, '\n', (size_t)(end - s));
		line = xstrndup(s, (size_t)((nl != NULL ? nl : end) - s));
		pp.line++;
		policy_line(&pp, line);
		free(line);
		s = nl != NULL ? nl + 1 : end;
	}
	if (pp.p->remind <= 0 || pp.p->window <= 0)
		policy_error(&pp, "window and remind must be positive");
	if (pp.errors.len > 0) {
		*cause = buf_detach(&pp.errors, NULL);
		policy_free(pp.p);
		return (-1);
	}
	buf_release(&pp.errors);
	*out = pp.p;
	return (0);
}

int
policy_load(const char *path, struct policy **out, char **cause)
{
	struct buf	b;
	int		r = -1;

	buf_init(&b);
	if (defaults_read(&b, path, "pvbot/policy.conf", cause) == 0)
		r = policy_parse(b.data, b.len,
		    defaults_label(path, "pvbot/policy.conf"), out, cause);
	buf_release(&b);
	return (r);
}

void
policy_free(struct policy *p)
{
	size_t	i;

	if (p == NULL)
		return;
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
