/*
 * PCRE2 as pvbot uses it (after fdm's pcre.c): a pattern compiled once,
 * JIT-compiled where the CPU allows, matched under limits so that a
 * pathological pattern or subject costs bounded time, and failures told
 * as text.  Mail is bytes: callers do not switch UTF mode on.
 */
#ifndef RE_H
#define RE_H

#include <stddef.h>
#include <stdint.h>

#ifndef PCRE2_CODE_UNIT_WIDTH
#define PCRE2_CODE_UNIT_WIDTH 8
#endif
#include <pcre2.h>

/* re_match: a predicate that can fail (style.md 3.5.3). */
#define RE_MATCH	1
#define RE_NOMATCH	0
#define RE_ERROR	(-1)

/*
 * Compile len bytes of pattern (PCRE2_ZERO_TERMINATED: a C string) with
 * PCRE2 options, then JIT-compile it.  NULL with *cause ("MESSAGE at
 * offset N", the caller frees) when the pattern is bad.
 */
pcre2_code	*re_compile(const char *, size_t, uint32_t, char ** /* OUT */);
/* The same, with PCRE2's error code in *err on failure. */
pcre2_code	*re_compile_code(const char *, size_t, uint32_t, int *,
		    char ** /* OUT */);
/* A match context with these limits (0: PCRE2's default). */
pcre2_match_context *re_context(uint32_t, uint32_t);
/*
 * Match against len bytes of subject (PCRE2_ZERO_TERMINATED: a C string)
 * from start, into md, under ctx (NULL: PCRE2's defaults): RE_MATCH,
 * RE_NOMATCH, or RE_ERROR for a failure such as a limit reached.
 */
int		 re_match(const pcre2_code *, const char *, size_t, size_t,
		    pcre2_match_data *, pcre2_match_context *);
/* The same, for a match that starts exactly at start (anchored). */
int		 re_match_at(const pcre2_code *, const char *, size_t, size_t,
		    pcre2_match_data *, pcre2_match_context *);

#endif
