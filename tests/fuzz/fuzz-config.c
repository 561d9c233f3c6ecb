/*
 * libFuzzer harness: the configuration parsers on any text.  The first
 * byte picks the parser (pvbot.conf, rules.conf, policy.conf,
 * protocols.conf, a mail template, SUPPORT.md); the rest is the file.
 * What parsed is then used once, as pvbot would.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "config.h"
#include "fuzz-file.h"
#include "policy.h"
#include "protocols.h"
#include "rules.h"
#include "support.h"
#include "template.h"
#include "xmalloc.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static void
fuzz_config(const char *text, size_t len)
{
	struct config	*cf = NULL;
	const char	*path;
	char		*cause = NULL, *p;

	if ((path = fuzz_file(text, len)) == NULL)
		return;
	/* config_load_all hands back what it read even on errors. */
	if (config_load_all(path, NULL, &cf, &cause) != 0)
		free(cause);
	if (cf != NULL) {
		(void)config_list_by_id(cf, "xen-devel.lists.xenproject.org");
		(void)config_source_find(cf, "lore");
		p = config_path(cf, "pvbot/rules.conf");
		free(p);
	}
	config_free(cf);
}

static void
fuzz_rules(const char *text, size_t len)
{
	struct rules	*r;
	struct rules_hit hit;
	char		*cause = NULL;
	static const char sample[] = "Acked-by: A <a@x>\nNAK\npvbot: tag x\n";

	if (rules_parse(text, len, "fuzz", &r, &cause) != 0) {
		free(cause);
		return;
	}
	if (rules_match(r, RULES_TRAILER, sample, sizeof sample - 1, 0,
	    &hit) == RULES_MATCH)
		rules_hit_free(&hit);
	rules_free(r);
}

static void
fuzz_policy(const char *text, size_t len)
{
	struct policy	*pol;
	char		*cause = NULL, *protos[] = { "pvcalls" };

	if (policy_parse(text, len, "fuzz", &pol, &cause) != 0) {
		free(cause);
		return;
	}
	(void)policy_window(pol, "xen-devel", protos, 1);
	(void)policy_responsive(pol, "xen-devel", protos, 1);
	(void)policy_stalled(pol, "pvcalls");
	policy_free(pol);
}

static void
fuzz_protocols(const char *text, size_t len)
{
	struct protocols	 *ps;
	const struct protocol	 *p, **found;
	char			 *cause = NULL;

	if (protocols_parse(text, len, "fuzz", &ps, &cause) != 0) {
		free(cause);
		return;
	}
	(void)protocols_match_path(ps, "xen/include/public/io/pvcalls.h", &p);
	(void)protocols_find(ps, "pvcalls");
	if (protocols_match_text(ps, "[PATCH] pv calls: a PV-Calls fix",
	    &found) > 0)
		free(found);
	protocols_free(ps);
}

static void
fuzz_template(const char *text, size_t len)
{
	static const char *fields[] = { "subject", "name", "votes", "vote",
	    "objections", "empty", NULL };
	struct template	*t;
	json_t		*data;
	char		*copy, *cause = NULL, *out;

	copy = xstrndup(text, len);
	if (template_parse(copy, "fuzz", fields, &t, &cause) != 0) {
		free(cause);
		free(copy);
		return;
	}
	data = json_pack("{s:s, s:[{s:s, s:i}, {s:s, s:i}], s:s, s:b}",
	    "subject", "x", "votes", "name", "a", "vote", 1, "name", "b",
	    "vote", -1, "empty", "", "objections", 0);
	out = template_render(t, data);
	free(out);
	json_decref(data);
	template_free(t);
	free(copy);
}

static void
fuzz_support(const char *text, size_t len)
{
	struct support_entry	*e;
	size_t			 n;
	char			*cause = NULL;

	if (support_parse(text, len, &e, &n, &cause) != 0) {
		free(cause);
		return;
	}
	support_free(e, n);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static void (*parsers[])(const char *, size_t) = {
		fuzz_config, fuzz_rules, fuzz_policy, fuzz_protocols,
		fuzz_template, fuzz_support
	};

	if (size == 0)
		return (0);
	parsers[data[0] % (sizeof parsers / sizeof parsers[0])](
	    (const char *)data + 1, size - 1);
	return (0);
}
