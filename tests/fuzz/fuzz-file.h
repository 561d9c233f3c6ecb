/*
 * Helpers shared by the libFuzzer harnesses: loaders that read a file get
 * the fuzz input through an in-memory file, so a campaign never touches
 * the disk.
 */
#ifndef FUZZ_FILE_H
#define FUZZ_FILE_H

#include <stddef.h>

/*
 * Put data[0..len) in the harness's memfd (made once, rewritten on every
 * call) and return a path that opens it, "/proc/self/fd/N" (static
 * storage); NULL if the memfd could not be made or written.
 */
const char	*fuzz_file(const void *, size_t);

#endif
