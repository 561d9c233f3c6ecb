/* Allocation helpers that never return NULL: out of memory is fatal. */
#ifndef XMALLOC_H
#define XMALLOC_H

#include <stddef.h>

void	*xmalloc(size_t);
void	*xcalloc(size_t, size_t);
void	*xrealloc(void *, size_t);
void	*xreallocarray(void *, size_t, size_t);
char	*xstrdup(const char *);
char	*xstrndup(const char *, size_t);
/* Format into a new string; the caller frees it. */
char	*xasprintf(const char *, ...)
	    __attribute__((format(printf, 1, 2)));

#endif
