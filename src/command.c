/*
 * Authorisation of commands by mail.  A command changes what pvbot says in
 * public, so it is honoured only from the people MAINTAINERS (or the
 * config) names, never from a machine, and -- when the operator names a
 * trusted Authentication-Results server -- only with a DKIM pass there.
 */
#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "command.h"
#include "config.h"
#include "maintainers.h"
#include "message.h"

static const char *command_verbs[] = {
	"mute", "promote", "tag", "unmute", "untag"
};

int
command_known(const char *verb)
{
	size_t	i;

	for (i = 0; i < sizeof command_verbs / sizeof command_verbs[0]; i++)
		if (strcmp(verb, command_verbs[i]) == 0)
			return (1);
	return (0);
}

static int
command_in_list(const struct config_strlist *l, const char *email)
{
	size_t	i;

	for (i = 0; i < l->n; i++)
		if (strcasecmp(l->v[i], email) == 0)
			return (1);
	return (0);
}

int
command_is_czar(const struct command_ctx *ctx, const char *email)
{
	if (ctx->cf->czar.n > 0)
		return (command_in_list(&ctx->cf->czar, email));
	return (ctx->mt != NULL && maintainers_in_section(ctx->mt,
	    COMMAND_CZAR_SECTION, email));
}

/* A character that may continue a word or domain ("example.org-x"). */
static int
command_is_word(char c)
{
	return (isalnum((unsigned char)c) || c == '.' || c == '-' || c == '_');
}

/*
 * Whether an Authentication-Results clause has "key" followed by want as
 * the whole value, case ignored: header.d=example.org must not accept
 * example.org.evil.com.
 */
static int
command_clause_has(const char *clause, size_t len, const char *key,
    const char *want)
{
	const char	*p = clause, *end = clause + len;
	size_t		 klen = strlen(key), wlen = strlen(want);

	for (; p + klen <= end; p++) {
		if (strncasecmp(p, key, klen) != 0 ||
		    (p > clause && command_is_word(p[-1])))
			continue;
		p += klen;
		if (p + wlen <= end && strncasecmp(p, want, wlen) == 0 &&
		    (p + wlen == end || !command_is_word(p[wlen])))
			return (1);
	}
	return (0);
}

int
command_dkim_pass(const char *results, const char *authserv,
    const char *from_email)
{
	const char	*p, *domain, *semi;
	size_t		 alen = strlen(authserv), len;

	if (results == NULL || (domain = strrchr(from_email, '@')) == NULL)
		return (0);
	domain++;
	while (isspace((unsigned char)*results))
		results++;
	/* The authserv-id comes first; anything else was not written there. */
	if (strncasecmp(results, authserv, alen) != 0 ||
	    (results[alen] != ';' && !isspace((unsigned char)results[alen])))
		return (0);
	for (p = strchr(results, ';'); p != NULL; p = semi) {
		p++;
		semi = strchr(p, ';');
		len = semi != NULL ? (size_t)(semi - p) : strlen(p);
		if (command_clause_has(p, len, "dkim=", "pass") &&
		    (command_clause_has(p, len, "header.d=", domain) ||
		    command_clause_has(p, len, "header.i=@", domain)))
			return (1);
	}
	return (0);
}

static int
command_is_maintainer(const struct command_ctx *ctx, const char *email,
    char *const *paths, size_t npaths)
{
	if (command_in_list(&ctx->cf->allow, email) ||
	    command_is_czar(ctx, email))
		return (1);
	if (ctx->mt == NULL)
		return (0);
	if (maintainers_in_section(ctx->mt, "THE REST", email))
		return (1);
	return (npaths > 0 && maintainers_is_maintainer(ctx->mt, email, paths,
	    npaths));
}

int
command_authorized(const struct command_ctx *ctx, const struct message *m,
    const char *verb, char *const *paths, size_t npaths, const char **reason)
{
	if (message_is_automatic(m)) {
		*reason = "automatic mail (Auto-Submitted)";
		return (0);
	}
	if (ctx->cf->bot_address != NULL &&
	    strcasecmp(ctx->cf->bot_address, m->from_email) == 0) {
		*reason = "pvbot's own mail";
		return (0);
	}
	if (!command_known(verb)) {
		*reason = "unknown command";
		return (0);
	}
	if (ctx->cf->trusted_authserv != NULL && !command_dkim_pass(
	    m->auth_results, ctx->cf->trusted_authserv, m->from_email)) {
		*reason = "no DKIM pass recorded by the trusted "
		    "Authentication-Results server";
		return (0);
	}
	if (strcmp(verb, "promote") == 0) {
		if (command_is_czar(ctx, m->from_email))
			return (1);
		*reason = "only the PV protocols Czar may promote";
		return (0);
	}
	if (command_is_maintainer(ctx, m->from_email, paths, npaths))
		return (1);
	*reason = "sender is not a maintainer of the thread's files";
	return (0);
}
