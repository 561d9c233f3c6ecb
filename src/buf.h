/* A growable byte buffer, always NUL-terminated after its data. */
#ifndef BUF_H
#define BUF_H

#include <stddef.h>

struct buf {
	char	*data;
	size_t	 len;
	size_t	 size;
};

void	buf_init(struct buf *);
/* Release the storage; the struct may be reused after buf_init. */
void	buf_release(struct buf *);
void	buf_reset(struct buf *);
void	buf_add(struct buf *, const void *, size_t);
void	buf_addstr(struct buf *, const char *);
void	buf_addch(struct buf *, char);
/* Append v in decimal: buf_printf's job, for loops where it shows. */
void	buf_add_ll(struct buf *, long long);
void	buf_printf(struct buf *, const char *, ...)
	    __attribute__((format(printf, 2, 3)));
/*
 * Append the whole file at path (the buffer stays NUL-terminated, even
 * for an empty file).  Returns -1 with *cause ("path: reason") on error.
 */
int	buf_read_file(struct buf *, const char *, char ** /* OUT */);
/* Hand the data to the caller (who frees it) and empty the buffer. */
char	*buf_detach(struct buf *, size_t * /* OUT, may be NULL */);

#endif
