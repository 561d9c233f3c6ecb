/* PCRE2: compile with JIT, match under limits (re.h). */
#include <stddef.h>
#include <stdint.h>

#include "log.h"
#include "re.h"
#include "xmalloc.h"

pcre2_code *
re_compile(const char *pattern, size_t len, uint32_t options, char **cause)
{
	int	err;

	return (re_compile_code(pattern, len, options, &err, cause));
}

pcre2_code *
re_compile_code(const char *pattern, size_t len, uint32_t options, int *err,
    char **cause)
{
	pcre2_code	*re;
	PCRE2_UCHAR	 msg[256];
	PCRE2_SIZE	 off;

	re = pcre2_compile((PCRE2_SPTR)pattern, len, options, err, &off,
	    NULL);
	if (re == NULL) {
		pcre2_get_error_message(*err, msg, sizeof msg);
		*cause = xasprintf("%s at offset %zu", (char *)msg,
		    (size_t)off);
		return (NULL);
	}
	/* JIT is an optimisation: without it the interpreter still works. */
	(void)pcre2_jit_compile(re, PCRE2_JIT_COMPLETE);
	return (re);
}

pcre2_match_context *
re_context(uint32_t match_limit, uint32_t depth_limit)
{
	pcre2_match_context	*ctx;

	if ((ctx = pcre2_match_context_create(NULL)) == NULL)
		fatalx("%s: out of memory", __func__);
	if (match_limit != 0)
		pcre2_set_match_limit(ctx, match_limit);
	if (depth_limit != 0)
		pcre2_set_depth_limit(ctx, depth_limit);
	return (ctx);
}

static int
re_match_options(const pcre2_code *re, const char *subject, size_t len,
    size_t start, uint32_t options, pcre2_match_data *md,
    pcre2_match_context *ctx)
{
	int	rc;

	rc = pcre2_match(re, (PCRE2_SPTR)subject, len, start, options, md,
	    ctx);
	if (rc == PCRE2_ERROR_NOMATCH)
		return (RE_NOMATCH);
	return (rc < 0 ? RE_ERROR : RE_MATCH);
}

int
re_match(const pcre2_code *re, const char *subject, size_t len, size_t start,
    pcre2_match_data *md, pcre2_match_context *ctx)
{
	return (re_match_options(re, subject, len, start, 0, md, ctx));
}

int
re_match_at(const pcre2_code *re, const char *subject, size_t len,
    size_t start, pcre2_match_data *md, pcre2_match_context *ctx)
{
	return (re_match_options(re, subject, len, start, PCRE2_ANCHORED, md,
	    ctx));
}
