/*
 * Logging in the shape of OpenSMTPD's log.h: stderr for one-shot commands,
 * syslog under the daemon.  Credentials are never passed to these.
 */
#ifndef LOG_H
#define LOG_H

#include <stdarg.h>

/* Debug categories selected with -v CATEGORY. */
#define LOG_DEBUG_NET	0x1
#define LOG_DEBUG_STORE	0x2
#define LOG_DEBUG_RULES	0x4
#define LOG_DEBUG_ALL	0xff

void	log_init(int foreground, int verbose);
/* Turn on a debug category by name ("net", "store", "rules", "all"). */
int	log_enable(const char *category);
int	log_debug_enabled(int category);
void	log_warn(const char *, ...) __attribute__((format(printf, 1, 2)));
void	log_warnx(const char *, ...) __attribute__((format(printf, 1, 2)));
void	log_info(const char *, ...) __attribute__((format(printf, 1, 2)));
void	log_debug(int, const char *, ...)
	    __attribute__((format(printf, 2, 3)));
void	fatal(const char *, ...)
	    __attribute__((format(printf, 1, 2), noreturn));
void	fatalx(const char *, ...)
	    __attribute__((format(printf, 1, 2), noreturn));

#endif
