/* Logging to stderr or syslog, with debug categories. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>
#include <time.h>

#include "log.h"

static int	log_foreground = 1;
static int	log_debug_mask;

void
log_init(int foreground, int verbose)
{
	log_foreground = foreground;
	if (verbose)
		log_debug_mask = LOG_DEBUG_ALL;
	if (!foreground)
		openlog("pvbot", LOG_PID | LOG_NDELAY, LOG_DAEMON);
}

int
log_enable(const char *category)
{
	static const struct {
		const char	*name;
		int		 mask;
	} table[] = {
		{ "all", LOG_DEBUG_ALL },
		{ "net", LOG_DEBUG_NET },
		{ "rules", LOG_DEBUG_RULES },
		{ "store", LOG_DEBUG_STORE },
	};
	size_t	i;

	for (i = 0; i < sizeof table / sizeof table[0]; i++) {
		if (strcmp(table[i].name, category) == 0) {
			log_debug_mask |= table[i].mask;
			return (0);
		}
	}
	return (-1);
}

int
log_debug_enabled(int category)
{
	return ((log_debug_mask & category) != 0);
}

static void
log_vwrite(int pri, const char *fmt, va_list ap, const char *suffix)
{
	char	msg[4096], *p;

	vsnprintf(msg, sizeof msg, fmt, ap);
	/*
	 * Log lines quote mail anyone can send: a newline would forge a
	 * line of our own and an escape sequence would drive the terminal.
	 */
	for (p = msg; *p != '\0'; p++)
		if ((*p > 0 && *p < 32 && *p != '\t') || *p == 127)
			*p = '?';
	if (log_foreground) {
		if (suffix != NULL)
			fprintf(stderr, "pvbot: %s: %s\n", msg, suffix);
		else
			fprintf(stderr, "pvbot: %s\n", msg);
		fflush(stderr);
	} else if (suffix != NULL)
		syslog(pri, "%s: %s", msg, suffix);
	else
		syslog(pri, "%s", msg);
}

void
log_warn(const char *fmt, ...)
{
	va_list	 ap;
	int	 saved = errno;

	va_start(ap, fmt);
	log_vwrite(LOG_WARNING, fmt, ap, strerror(saved));
	va_end(ap);
	errno = saved;
}

void
log_warnx(const char *fmt, ...)
{
	va_list	ap;

	va_start(ap, fmt);
	log_vwrite(LOG_WARNING, fmt, ap, NULL);
	va_end(ap);
}

void
log_info(const char *fmt, ...)
{
	va_list	ap;

	va_start(ap, fmt);
	log_vwrite(LOG_INFO, fmt, ap, NULL);
	va_end(ap);
}

void
log_debug(int category, const char *fmt, ...)
{
	va_list	ap;

	if ((log_debug_mask & category) == 0)
		return;
	va_start(ap, fmt);
	log_vwrite(LOG_DEBUG, fmt, ap, NULL);
	va_end(ap);
}

void
fatal(const char *fmt, ...)
{
	va_list	 ap;
	int	 saved = errno;

	va_start(ap, fmt);
	log_vwrite(LOG_CRIT, fmt, ap, strerror(saved));
	va_end(ap);
	exit(1);
}

void
fatalx(const char *fmt, ...)
{
	va_list	ap;

	va_start(ap, fmt);
	log_vwrite(LOG_CRIT, fmt, ap, NULL);
	va_end(ap);
	exit(1);
}
