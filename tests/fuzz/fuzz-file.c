/* In-memory files for the fuzz harnesses. */
#include <stdio.h>
#include <sys/mman.h>
#include <unistd.h>

#include "fuzz-file.h"

const char *
fuzz_file(const void *data, size_t len)
{
	static char	 path[64];
	static int	 fd = -1;
	const char	*p = data;
	off_t		 off = 0;
	ssize_t		 n;

	/* One memfd for the whole run: making one per input costs more. */
	if (fd == -1) {
		if ((fd = memfd_create("fuzz", MFD_CLOEXEC)) == -1)
			return (NULL);
		snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
	}
	if (ftruncate(fd, 0) == -1)
		return (NULL);
	while (len > 0) {
		if ((n = pwrite(fd, p, len, off)) <= 0)
			return (NULL);
		p += n;
		off += n;
		len -= (size_t)n;
	}
	return (path);
}
