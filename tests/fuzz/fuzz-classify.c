/*
 * libFuzzer harness: classify_message with the shipped rules.conf,
 * protocols.conf and model.weights over any text.  The first line is the subject, the next
 * one the sender, the rest the body; one byte picks the thread context.
 * Rules are compiled once: that is what pvbot does, and it keeps the
 * harness fast.  PVBOT_FUZZ_ETC overrides where etc/pvbot is.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "classify.h"
#include "message.h"
#include "model.h"
#include "protocols.h"
#include "rules.h"
#include "series.h"
#include "xmalloc.h"

int	LLVMFuzzerInitialize(int *, char ***);
int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static struct rules	*fuzz_rules;
static struct protocols	*fuzz_protocols;
static struct model	*fuzz_model;

static void
fuzz_load(const char *dir)
{
	char	*path, *cause = NULL;

	path = xasprintf("%s/rules.conf", dir);
	if (rules_load(path, &fuzz_rules, &cause) != 0) {
		fprintf(stderr, "fuzz-classify: %s\n", cause);
		exit(1);
	}
	free(path);
	path = xasprintf("%s/protocols.conf", dir);
	if (protocols_load(path, &fuzz_protocols, &cause) != 0) {
		fprintf(stderr, "fuzz-classify: %s\n", cause);
		exit(1);
	}
	free(path);
	path = xasprintf("%s/model.weights", dir);
	if (model_load(path, &fuzz_model, &cause) != 0) {
		fprintf(stderr, "fuzz-classify: %s\n", cause);
		exit(1);
	}
	free(path);
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	const char	*dir = getenv("PVBOT_FUZZ_ETC");

	(void)argc;
	(void)argv;
	fuzz_load(dir != NULL ? dir : FUZZ_ETCDIR);
	return (0);
}

/* The next line of *p (up to end) as a new string. */
static char *
fuzz_line(const char **p, const char *end)
{
	const char	*nl = memchr(*p, '\n', (size_t)(end - *p));
	char		*s;

	if (nl == NULL)
		nl = end;
	s = xstrndup(*p, (size_t)(nl - *p));
	*p = nl < end ? nl + 1 : end;
	return (s);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct message		 m;
	struct series_tag	 tag;
	struct classify_context	 ctx;
	struct classify_result	 r;
	const char		*p = (const char *)data, *end = p + size;
	char			*norm, *diff;
	unsigned int		 mode = size > 0 ? data[0] : 0;

	memset(&m, 0, sizeof m);
	m.message_id = xstrdup("fuzz@pvbot.invalid");
	m.subject = fuzz_line(&p, end);
	m.from_email = fuzz_line(&p, end);
	m.from_name = xstrdup("Fuzz");
	m.to = xstrdup("");
	/* message_parse never leaves a NUL inside the body: nor do we. */
	m.body = xstrndup(p, (size_t)(end - p));
	if ((diff = strstr(m.body, "diff --git ")) != NULL)
		m.patch = xstrdup(diff);
	if (mode & 0x80)
		m.auto_submitted = xstrdup("auto-generated");
	memset(&ctx, 0, sizeof ctx);
	ctx.reply = mode & 1;
	ctx.reviewable = (mode >> 1) & 1;
	ctx.proposer = (mode & 4) ? m.from_email : "someone@example.org";
	ctx.protocols = (mode & 8) ? fuzz_protocols : NULL;
	ctx.model = (mode & 16) ? NULL : fuzz_model;
	norm = series_parse_subject(m.subject, &tag);
	classify_message(fuzz_rules, &m, &tag, &ctx, &r);
	if (r.kind == NULL || (r.has_vote && (r.vote < -2 || r.vote > 2)))
		abort();
	classify_free(&r);
	free(norm);
	free(m.message_id);
	free(m.subject);
	free(m.from_email);
	free(m.from_name);
	free(m.to);
	free(m.body);
	free(m.patch);
	free(m.auto_submitted);
	return (0);
}
