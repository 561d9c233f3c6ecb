/*
 * libFuzzer harness: message_parse on any bytes, then the checks pvbot's
 * store relies on (a non-empty Message-ID, clean UTF-8 text fields, a
 * bounded References list).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "message.h"
#include "series.h"
#include "text.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static void
fuzz_check_text(const char *s)
{
	/* The store and --json output assume UTF-8 without NUL bytes. */
	if (s == NULL || !text_utf8_valid(s, strlen(s)))
		abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct message_env	 env = { 1700000000, 1800000000 };
	struct message		*m;
	struct series_tag	 tag;
	char			*cause = NULL, *norm;
	size_t			 i;

	if (message_parse((const char *)data, size, &env, &m, &cause) != 0) {
		if (cause == NULL)
			abort();
		free(cause);
		return (0);
	}
	if (m->message_id == NULL || *m->message_id == '\0' ||
	    m->nrefs > MESSAGE_MAX_REFS)
		abort();
	fuzz_check_text(m->subject);
	fuzz_check_text(m->from_name);
	fuzz_check_text(m->body);
	for (i = 0; i < m->nrefs; i++)
		if (m->refs[i] == NULL || *m->refs[i] == '\0')
			abort();
	norm = series_parse_subject(m->subject, &tag);
	free(norm);
	(void)message_is_automatic(m);
	message_free(m);
	return (0);
}
