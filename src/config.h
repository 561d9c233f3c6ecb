/*
 * pvbot.conf: "keyword value" lines.  An unindented "source NAME",
 * "list NAME" or "smtp" line opens a section; the indented lines below it
 * belong to that section.  Paths are relative to the file's directory.
 */
#ifndef CONFIG_H
#define CONFIG_H

#include <stddef.h>

struct config_strlist {
	char	**v;
	size_t	  n;
};

struct config_list {
	char			*name;
	struct config_strlist	 list_ids;	/* List-Id values that mean it */
	char			*address;	/* its posting address */
	int			 post;		/* summaries may go to it */
	char			*rollup;	/* "daily", "weekly" or NULL */
	int			 line;		/* where it was defined */
};

struct config_source {
	char	*name;
	char	*url;		/* nntp[s]://host[:port]/group, imap[s]://.../box */
	char	*list;		/* list name the mail feeds */
	long	 interval;	/* seconds between polls */
	long	 timeout;	/* seconds per network operation */
	long	 command_timeout;	/* seconds per command and answer */
	char	*ca_file;
	char	*user;
	char	*credentials_file;	/* "user:password" or "password" */
	char	*credentials_env;	/* environment variable name */
	int	 idle;		/* use IMAP IDLE when offered */
	int	 batch;		/* articles per transaction */
	int	 line;		/* where it was defined, for errors */
	/* A git source has a repository instead of a url. */
	char	*repository;	/* a clone, read with libgit2 */
	char	*remote;	/* fetched first when set: name or URL */
	struct config_strlist branches;	/* that count as committed */
	struct config_strlist lists;	/* whose patches it takes */
	char	*commit_url;	/* a commit's page, %s for its id */
	long	 match_window;	/* subject matches: posting to commit */
};

struct config_smtp {
	char	*url;
	char	*from;
	char	*envelope_from;
	char	*ca_file;
	char	*user;
	char	*credentials_file;
	char	*credentials_env;
	long	 timeout;
	int	 line;		/* of the "smtp" line, 0 when none */
};

struct config {
	char			*path;		/* NULL when built-in defaults */
	char			*dir;		/* base for relative paths */
	char			*database;
	size_t			 max_message_size;
	/* The files beside it; NULL: the built-in copy (defaults.h). */
	char			*rules;
	char			*policy;
	char			*protocols;
	char			*templates;	/* a directory */
	char			*model;		/* the model's weights */
	int			 no_model;	/* "model none": rules only */
	char			*maintainers;
	struct config_strlist	 czar;
	char			*bot_address;
	char			*archive_url;
	char			*trusted_authserv;
	char			*requests;	/* list of mail to pvbot */
	long			 summary_max_age;	/* older news: no summary */
	struct config_strlist	 allow;		/* may give commands by mail */
	int			 send;		/* really send mail */
	int			 rate_per_hour;
	int			 rate_per_thread_day;
	struct config_list	*lists;
	size_t			 nlists;
	struct config_source	*sources;
	size_t			 nsources;
	struct config_smtp	 smtp;
};

/*
 * Load path (NULL: the built-in pvbot.conf, its relative paths based at
 * dir).  The rules, policy, protocols and templates are the built-in ones
 * when they are left at their default place and no file is there.  Every
 * problem is collected into *cause as "file:line: reason" lines and -1 is
 * returned.
 */
int	config_load(const char *, const char *, struct config ** /* OUT */,
	    char ** /* OUT cause */);
/*
 * As config_load, but *out is set even when there are problems, so that
 * config check can go on to the files the config names; the caller frees
 * it either way.
 */
int	config_load_all(const char *, const char *, struct config ** /* OUT */,
	    char ** /* OUT cause */);
void	config_free(struct config *);
/* Resolve a path from the config against its directory; caller frees. */
char	*config_path(const struct config *, const char *);
/* The configured list whose List-Id is id, or NULL. */
const struct config_list *config_list_by_id(const struct config *,
	    const char *);
const struct config_source *config_source_find(const struct config *,
	    const char *);

#endif
