/*
 * Authorisation of commands by mail.  A command changes what pvbot says in
 * public, so it is honoured only from the people MAINTAINERS (or the
 * config) names, never from a machine, and -- when the operator names a
 * trusted Authentication-Results server -- only with a DKIM pass there.
 * One exception: the proposer may mute the status replies pvbot sends
 * them in their own thread.
 */
#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "mail-command.h"
#include "config.h"
#include "maintainers.h"
#include "message.h"

static const char *mail_command_verbs[] = {
	"mute", "promote", "tag", "unmute", "untag"
};

int
mail_command_known(const char *verb)
{
	size_t	i;

	for (i = 0; i < sizeof mail_command_verbs /
	    sizeof mail_command_verbs[0]; i++)
		if (strcmp(verb, mail_command_verbs[i]) == 0)
			return (1);
	return (0);
}

int
mail_command_is_mute(const char *verb)
{
	return (strcmp(verb, "mute") == 0 || strcmp(verb, "unmute") == 0);
}

static int
mail_command_in_list(const struct config_strlist *l, const char *email)
{
	size_t	i;

	for (i = 0; i < l->n; i++)
		if (strcasecmp(l->v[i], email) == 0)
			return (1);
	return (0);
}

int
mail_command_is_czar(const struct mail_command_ctx *ctx, const char *email)
{
	if (ctx->cf->czar.n > 0)
		return (mail_command_in_list(&ctx->cf->czar, email));
	return (ctx->mt != NULL && maintainers_in_section(ctx->mt,
	    MAIL_COMMAND_CZAR_SECTION, email));
}

/*
 * Authentication-Results (RFC 8601) is read as tokens.  Text a sender
 * chooses reaches the header as a comment or inside a quoted string (an
 * envelope sender, a reason): a ';', "dkim=pass" or "header.d=" in there
 * must count for nothing, so neither may end a token or a clause.
 */

/* Skip blanks and (nested) comments. */
static const char *
mail_command_ar_cfws(const char *p)
{
	int	depth;

	for (;;) {
		while (isspace((unsigned char)*p))
			p++;
		if (*p != '(')
			return (p);
		for (depth = 0; *p != '\0'; p++) {
			if (*p == '\\' && p[1] != '\0')
				p++;
			else if (*p == '(')
				depth++;
			else if (*p == ')' && --depth == 0) {
				p++;
				break;
			}
		}
	}
}

/* The end of the token at p; quoted strings inside it stay whole. */
static const char *
mail_command_ar_token(const char *p)
{
	while (*p != '\0' && *p != ';' && *p != '(' &&
	    !isspace((unsigned char)*p)) {
		if (*p == '"') {
			for (p++; *p != '\0' && *p != '"'; p++)
				if (*p == '\\' && p[1] != '\0')
					p++;
			if (*p == '\0')
				break;
		}
		p++;
	}
	return (p);
}

/* The token is want, case ignored. */
static int
mail_command_ar_is(const char *tok, const char *end, const char *want)
{
	size_t	len = (size_t)(end - tok);

	return (len == strlen(want) && strncasecmp(tok, want, len) == 0);
}

/* header.d=DOMAIN, or header.i= an identity in DOMAIN, exactly. */
static int
mail_command_ar_names(const char *tok, const char *end, const char *domain)
{
	const char	*at = NULL, *p;

	if (memchr(tok, '"', (size_t)(end - tok)) != NULL ||
	    end - tok <= 9)
		return (0);
	if (strncasecmp(tok, "header.d=", 9) == 0)
		return (mail_command_ar_is(tok + 9, end, domain));
	if (strncasecmp(tok, "header.i=", 9) != 0)
		return (0);
	for (p = tok + 9; p < end; p++)
		if (*p == '@')
			at = p;
	return (at != NULL && mail_command_ar_is(at + 1, end, domain));
}

/*
 * Whether the resinfo at p (up to ';') starts with dkim=pass and names
 * domain; *next is where it ends.
 */
static int
mail_command_ar_resinfo(const char *p, const char *domain, const char **next)
{
	const char	*end;
	int		 first = 1, pass = 0, names = 0;

	for (;;) {
		p = mail_command_ar_cfws(p);
		if (*p == '\0' || *p == ';')
			break;
		if ((end = mail_command_ar_token(p)) == p) {
			p++;
			continue;
		}
		if (first)
			pass = mail_command_ar_is(p, end, "dkim=pass");
		else if (mail_command_ar_names(p, end, domain))
			names = 1;
		first = 0;
		p = end;
	}
	*next = p;
	return (pass && names);
}

int
mail_command_dkim_pass(const char *results, const char *authserv,
    const char *from_email)
{
	const char	*p, *end, *domain;

	if (results == NULL || (domain = strrchr(from_email, '@')) == NULL)
		return (0);
	domain++;
	/* The authserv-id comes first; anything else was not written there. */
	p = mail_command_ar_cfws(results);
	end = mail_command_ar_token(p);
	if (!mail_command_ar_is(p, end, authserv))
		return (0);
	/* Its optional version, then one resinfo after each ';'. */
	mail_command_ar_resinfo(end, "", &p);
	while (*p == ';')
		if (mail_command_ar_resinfo(p + 1, domain, &p))
			return (1);
	return (0);
}

static int
mail_command_is_maintainer(const struct mail_command_ctx *ctx,
    const char *email, char *const *paths, size_t npaths)
{
	if (mail_command_in_list(&ctx->cf->allow, email) ||
	    mail_command_is_czar(ctx, email))
		return (1);
	if (ctx->mt == NULL)
		return (0);
	if (maintainers_in_section(ctx->mt, "THE REST", email))
		return (1);
	return (npaths > 0 && maintainers_is_maintainer(ctx->mt, email, paths,
	    npaths));
}

int
mail_command_authorized(const struct mail_command_ctx *ctx,
    const struct message *m, const char *verb, char *const *paths,
    size_t npaths, int proposer, const char **reason)
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
	if (!mail_command_known(verb)) {
		*reason = "unknown command";
		return (0);
	}
	if (ctx->cf->trusted_authserv != NULL && !mail_command_dkim_pass(
	    m->auth_results, ctx->cf->trusted_authserv, m->from_email)) {
		*reason = "no DKIM pass recorded by the trusted "
		    "Authentication-Results server";
		return (0);
	}
	if (strcmp(verb, "promote") == 0) {
		if (mail_command_is_czar(ctx, m->from_email))
			return (1);
		*reason = "only the PV protocols Czar may promote";
		return (0);
	}
	if (mail_command_is_maintainer(ctx, m->from_email, paths, npaths))
		return (1);
	if (mail_command_is_mute(verb)) {
		if (proposer)
			return (1);
		*reason = "sender is neither the thread's proposer nor a "
		    "maintainer of its files";
		return (0);
	}
	*reason = "sender is not a maintainer of the thread's files";
	return (0);
}
