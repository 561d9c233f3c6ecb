/*
 * Commands by mail ("pvbot: tag pvcalls"): who may give them.  Pure: the
 * caller supplies the thread's paths and applies what is allowed.
 */
#ifndef MAIL_COMMAND_H
#define MAIL_COMMAND_H

#include <stddef.h>

struct config;
struct maintainers;
struct message;

/* The MAINTAINERS section whose M: is the PV protocols Czar by default. */
#define MAIL_COMMAND_CZAR_SECTION \
	"PUBLIC I/O INTERFACES AND PV DRIVERS DESIGNS"

struct mail_command_ctx {
	const struct config		*cf;
	const struct maintainers	*mt;	/* NULL when not configured */
};

/*
 * May the sender of m give verb about a thread touching paths?  proposer
 * says the sender proposed something in that thread: the status replies
 * there are addressed to them, so they may mute (and unmute) them.
 * Returns 1, or 0 with *reason set to a static explanation for the log.
 */
int	mail_command_authorized(const struct mail_command_ctx *,
	    const struct message *, const char *, char *const *, size_t, int,
	    const char ** /* OUT */);
/* True when verb is about the thread's status replies (mute, unmute). */
int	mail_command_is_mute(const char *);
/* True when email is the PV protocols Czar (config, else MAINTAINERS). */
int	mail_command_is_czar(const struct mail_command_ctx *, const char *);
/*
 * True when an Authentication-Results value was written by authserv and
 * records dkim=pass for the sender's domain.
 */
int	mail_command_dkim_pass(const char *, const char *, const char *);
/* True when verb is one pvbot knows. */
int	mail_command_known(const char *);

#endif
