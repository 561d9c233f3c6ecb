/*
 * libFuzzer harness, differential: rules_scan (the rules a text may
 * match each alone, or the scan's dispatcher trying groups of rules only
 * where their leads fit, merged leftmost-first with file-order ties)
 * against the plain way, one alternation of every rule in file order, on
 * the same text.  Any
 * difference in the hits, their order or their extent aborts.
 *
 * Input: a rules file, then a line "%%", then the text to scan (without
 * one, a built-in text).  Patterns whose meaning depends on the patterns
 * around them when joined (numbered back references, recursion, verbs
 * such as (*COMMIT)) are left out of the comparison: joined, the plain
 * way changes their meaning too.
 */
#define PCRE2_CODE_UNIT_WIDTH 8

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <pcre2.h>

#include "buf.h"
#include "rules.h"
#include "xmalloc.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

#define SCAN_MAX_HITS	64

struct scan_hits {
	size_t	n;
	char	name[SCAN_MAX_HITS][64];
	size_t	start[SCAN_MAX_HITS], end[SCAN_MAX_HITS];
};

static void
scan_add(struct scan_hits *h, const char *name, size_t start, size_t end)
{
	if (h->n == SCAN_MAX_HITS)
		return;
	snprintf(h->name[h->n], sizeof h->name[h->n], "%s", name);
	h->start[h->n] = start;
	h->end[h->n++] = end;
}

static void
scan_collect(const struct rules_hit *hit, enum rules_class class, void *arg)
{
	(void)class;
	scan_add(arg, hit->name, hit->start, hit->end);
}

/* Classes the reply scan reads (rules.h: all but subject/path/From). */
static int
scan_reads(const char *class)
{
	return (strcmp(class, "design-subject") != 0 &&
	    strcmp(class, "design-path") != 0 && strcmp(class, "bot") != 0);
}

/* A pattern joined with others means what it means alone. */
static int
scan_comparable(const char *p)
{
	const char	*s;

	if (strstr(p, "(*") != NULL || strstr(p, "\\g") != NULL ||
	    strstr(p, "\\k") != NULL || strstr(p, "(?P") != NULL ||
	    strstr(p, "(?&") != NULL || strstr(p, "(?R") != NULL ||
	    strstr(p, "\\Q") != NULL || strstr(p, "(?|") != NULL)
		return (0);
	for (s = p; (s = strchr(s, '\\')) != NULL; s += 2)
		if (s[1] >= '0' && s[1] <= '9')
			return (0);
	for (s = p; (s = strstr(s, "(?")) != NULL; s += 2)
		if ((s[2] >= '0' && s[2] <= '9') || s[2] == '+' ||
		    s[2] == '-')
			return (0);
	return (1);
}

/*
 * The plain way, from the same lines rules_parse read: every rule of the
 * reply scan as (?:P)(*MARK:i), joined in file order.  Returns 0 with the
 * hits, or -1 when it cannot compare (a pattern not comparable, a
 * compile failure, a match limit).
 */
static int
scan_plain(const char *rules, const char *text, size_t len,
    struct scan_hits *h)
{
	struct buf		 b;
	char			*copy = xstrdup(rules), *line, *next, *class, *name;
	char			*pattern, *names[256];
	size_t			 n = 0, from = 0, i;
	pcre2_code		*re;
	pcre2_match_data	*md;
	pcre2_match_context	*mctx;
	PCRE2_SIZE		*ov, off;
	PCRE2_SPTR		 mark;
	int			 err, rc, r = -1;

	buf_init(&b);
	for (line = copy; line != NULL; line = next) {
		if ((next = strchr(line, '\n')) != NULL)
			*next++ = '\0';
		line[strcspn(line, "\r")] = '\0';
		if (!rules_split_line(line, &class, &name, &pattern) ||
		    !scan_reads(class))
			continue;
		if (!scan_comparable(pattern) || n == 256)
			goto out;
		buf_printf(&b, "%s(?:%s)(*MARK:%zu)", n > 0 ? "|" : "", pattern,
		    n);
		names[n++] = name;
	}
	if (n == 0) {
		r = 0;
		goto out;
	}
	re = pcre2_compile((PCRE2_SPTR)b.data, b.len, PCRE2_CASELESS |
	    PCRE2_MULTILINE | PCRE2_DUPNAMES, &err, &off, NULL);
	if (re == NULL)
		goto out;
	(void)pcre2_jit_compile(re, PCRE2_JIT_COMPLETE);
	md = pcre2_match_data_create_from_pattern(re, NULL);
	mctx = pcre2_match_context_create(NULL);
	pcre2_set_match_limit(mctx, RULES_MATCH_LIMIT);
	pcre2_set_depth_limit(mctx, RULES_DEPTH_LIMIT);
	r = 0;
	while (from <= len) {
		rc = pcre2_match(re, (PCRE2_SPTR)text, len, from, 0, md, mctx);
		if (rc == PCRE2_ERROR_NOMATCH)
			break;
		if (rc < 0 || (mark = pcre2_get_mark(md)) == NULL) {
			r = -1;
			break;
		}
		ov = pcre2_get_ovector_pointer(md);
		i = strtoul((const char *)mark, NULL, 10);
		scan_add(h, names[i], ov[0], ov[1]);
		from = ov[1] > ov[0] ? ov[1] : ov[0] + 1;
	}
	pcre2_match_context_free(mctx);
	pcre2_match_data_free(md);
	pcre2_code_free(re);
out:
	buf_release(&b);
	free(copy);
	return (r);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char sample[] = "Acked-by: A <a@x>\nNAK, no.\n"
	    "I don't think this is the right approach\n+1\npvbot: tag x\n";
	struct rules		*r;
	struct scan_hits	 got, want;
	char			*input, *sep, *cause = NULL;
	const char		*text = sample;
	size_t			 len = sizeof sample - 1, i;

	input = xstrndup((const char *)data, size);
	if ((sep = strstr(input, "\n%%\n")) != NULL) {
		*sep = '\0';
		text = sep + 4;
		len = strlen(text);
	}
	if (rules_parse(input, strlen(input), "fuzz", &r, &cause) != 0) {
		free(cause);
		free(input);
		return (0);
	}
	if (rules_prepare(r, RULES_SCAN_REPLY, &cause) != 0) {
		free(cause);
		rules_free(r);
		free(input);
		return (0);
	}
	memset(&got, 0, sizeof got);
	memset(&want, 0, sizeof want);
	if (rules_scan(r, RULES_SCAN_REPLY, text, len, scan_collect, &got) ==
	    RULES_MATCH && scan_plain(input, text, len, &want) == 0) {
		if (got.n != want.n)
			abort();
		for (i = 0; i < got.n; i++)
			if (strcmp(got.name[i], want.name[i]) != 0 ||
			    got.start[i] != want.start[i] ||
			    got.end[i] != want.end[i])
				abort();
	}
	rules_free(r);
	free(input);
	return (0);
}
