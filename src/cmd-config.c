/*
 * pvbot config check: load every configuration file the way the other
 * commands do and print each problem as "file:line: reason" on stdout,
 * then "FILE: ok" for each clean file.  It reads no secret: credential
 * files are only checked for who may read them.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "config.h"
#include "defaults.h"
#include "maintainers.h"
#include "model.h"
#include "net.h"
#include "post-compose.h"
#include "policy.h"
#include "protocols.h"
#include "rules.h"
#include "xmalloc.h"

#ifndef SYSCONFDIR
#define SYSCONFDIR "/etc"
#endif

struct cmd_config_check {
	const char	*file;		/* pvbot.conf, for its own lines */
	int		 problems;
};

/* Print a loader's cause, one problem a line; NULL means what is fine. */
static void
cmd_config_result(struct cmd_config_check *c, const char *what, char *cause)
{
	char	*line, *next;

	if (cause == NULL) {
		printf("%s: ok\n", what);
		return;
	}
	for (line = cause; line != NULL; line = next) {
		if ((next = strchr(line, '\n')) != NULL)
			*next++ = '\0';
		if (*line != '\0') {
			printf("%s\n", line);
			c->problems++;
		}
	}
	free(cause);
}

static void cmd_config_problem(struct cmd_config_check *, int, const char *,
    ...) __attribute__((format(printf, 3, 4)));

/* A problem at a line of pvbot.conf. */
static void
cmd_config_problem(struct cmd_config_check *c, int line, const char *fmt, ...)
{
	va_list	 ap;

	if (line > 0)
		printf("%s:%d: ", c->file, line);
	else
		printf("%s: ", c->file);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	c->problems++;
}

/* A file holding a secret, opened as the runtime opens it; not read. */
static void
cmd_config_secret(struct cmd_config_check *c, int line, const char *what,
    const char *path)
{
	char	*cause = NULL;
	int	 fd;

	if (path == NULL)
		return;
	if ((fd = net_secret_open(path, &cause)) == -1) {
		cmd_config_problem(c, line, "%s: %s", what, cause);
		free(cause);
	} else
		close(fd);
}

static void
cmd_config_readable(struct cmd_config_check *c, int line, const char *what,
    const char *key, const char *path)
{
	FILE	*f;

	if (path == NULL)
		return;
	if ((f = fopen(path, "r")) == NULL)
		cmd_config_problem(c, line, "%s: %s %s: %s", what, key, path,
		    strerror(errno));
	else
		fclose(f);
}

static void
cmd_config_sources(struct cmd_config_check *c, const struct config *cf)
{
	const struct config_source	*s;
	struct net_url			 u;
	char				*cause = NULL, *what;
	size_t				 i;

	for (i = 0; i < cf->nsources; i++) {
		s = &cf->sources[i];
		what = xasprintf("source %s", s->name);
		if (s->url != NULL && net_url_parse(s->url, &u, &cause) != 0) {
			cmd_config_problem(c, s->line, "%s: %s", what, cause);
			free(cause);
		} else if (s->url != NULL)
			net_url_free(&u);
		if (s->credentials_file != NULL && s->credentials_env != NULL)
			cmd_config_problem(c, s->line, "%s: both "
			    "credentials-file and credentials-env", what);
		cmd_config_secret(c, s->line, what, s->credentials_file);
		cmd_config_readable(c, s->line, what, "ca-file", s->ca_file);
		free(what);
	}
}

static void
cmd_config_smtp(struct cmd_config_check *c, const struct config *cf)
{
	const struct config_smtp	*m = &cf->smtp;
	const char			*u = m->url;

	if (cf->send && u == NULL)
		cmd_config_problem(c, 0, "send is yes but there is no smtp "
		    "section with a url");
	if (u != NULL && strncasecmp(u, "smtp://", 7) != 0 &&
	    strncasecmp(u, "smtps://", 8) != 0)
		cmd_config_problem(c, m->line, "smtp: url %s: use smtp://"
		    "HOST[:PORT] or smtps://HOST[:PORT]", u);
	else if (u != NULL && u[strcspn(u, ":") + 3] == '\0')
		cmd_config_problem(c, m->line, "smtp: url %s: no host", u);
	else if (u != NULL && net_url_has_password(u))
		cmd_config_problem(c, m->line, "smtp: url: a password in the "
		    "URL is refused (use credentials-file or credentials-env)");
	if (cf->send && m->from == NULL && cf->bot_address == NULL)
		cmd_config_problem(c, m->line, "smtp: no from and no "
		    "bot-address: mail would come from pvbot@localhost");
	if (m->user != NULL && m->credentials_file == NULL &&
	    m->credentials_env == NULL)
		cmd_config_problem(c, m->line, "smtp: user without "
		    "credentials-file or credentials-env");
	cmd_config_secret(c, m->line, "smtp", m->credentials_file);
	cmd_config_readable(c, m->line, "smtp", "ca-file", m->ca_file);
}

/* The files pvbot.conf names, each with its own loader. */
static void
cmd_config_files(struct cmd_config_check *c, const struct config *cf)
{
	struct rules		*rules = NULL;
	struct policy		*pol = NULL;
	struct protocols	*ps = NULL;
	struct maintainers	*mt = NULL;
	struct model		*md = NULL;
	struct post_compose		 n;
	char			*cause;

	cause = NULL;
	if (rules_load(cf->rules, &rules, &cause) == 0)
		rules_free(rules);
	cmd_config_result(c, defaults_label(cf->rules, "pvbot/rules.conf"),
	    cause);
	cause = NULL;
	if (policy_load(cf->policy, &pol, &cause) == 0)
		policy_free(pol);
	cmd_config_result(c, defaults_label(cf->policy, "pvbot/policy.conf"),
	    cause);
	cause = NULL;
	if (protocols_load(cf->protocols, &ps, &cause) == 0)
		protocols_free(ps);
	cmd_config_result(c, defaults_label(cf->protocols,
	    "pvbot/protocols.conf"), cause);
	cause = NULL;
	if (post_compose_init(&n, cf, NULL, NULL, &cause) == 0)
		post_compose_free(&n);
	cmd_config_result(c, cf->templates != NULL ? cf->templates :
	    "built-in pvbot/templates", cause);
	cause = NULL;
	/* Checked when off too: "model pvbot/model.weights" turns it on. */
	if (model_load(cf->model, &md, &cause) == 0)
		model_free(md);
	cmd_config_result(c, defaults_label(cf->model,
	    "pvbot/model.weights"), cause);
	if (cf->maintainers == NULL)
		return;
	cause = NULL;
	if (maintainers_load(cf->maintainers, &mt, &cause) == 0)
		maintainers_free(mt);
	cmd_config_result(c, cf->maintainers, cause);
}

int
cmd_config(struct pvbot *bot, int argc, char **argv)
{
	const struct cmd_entry	*cmd = cmd_find("config");
	struct cmd_config_check	 c;
	struct config		*cf = NULL;
	char			*cause = NULL;
	int			 i;

	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--help") == 0 ||
		    strcmp(argv[i], "-h") == 0) {
			printf("usage: pvbot config %s\n", cmd->usage);
			return (CMD_OK);
		}
	}
	if (argc != 2 || strcmp(argv[1], "check") != 0)
		return (cmd_usage(cmd));
	memset(&c, 0, sizeof c);
	c.file = defaults_label(bot->cf_path, "pvbot.conf");
	if (bot->cf_path == NULL)
		printf("no %s/pvbot.conf, $PVBOT_CONFIG or -c: pvbot uses "
		    "its built-in defaults\n", SYSCONFDIR);
	if (config_load_all(bot->cf_path, SYSCONFDIR, &cf, &cause) != 0)
		cmd_config_result(&c, c.file, cause);
	cmd_config_sources(&c, cf);
	cmd_config_smtp(&c, cf);
	if (c.problems == 0)
		printf("%s: ok\n", c.file);
	cmd_config_files(&c, cf);
	config_free(cf);
	if (c.problems > 0) {
		fprintf(stderr, "pvbot: config check: %d problem%s\n",
		    c.problems, c.problems == 1 ? "" : "s");
		return (CMD_ERROR);
	}
	return (CMD_OK);
}
