/*
 * The configuration reader every etc/ file goes through (conffile.c) and
 * the PCRE2 wrapper (re.c): lines and their numbers, keyword and value,
 * errors collected as file:line, the shared value parsers; patterns
 * compiled with their error text, and a match limit that is an error,
 * not a "no match".
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "conffile.h"
#include "re.h"
#include "tap.h"

static void
test_lines(void)
{
	static const char	 text[] =
	    "one 1\n\n  two   2 2  \t\nthree\0x\nlast";
	struct conffile		 cf;
	char			*line, *key, *value, *cause = NULL;
	size_t			 len;

	conffile_init(&cf, "t.conf", text, sizeof text - 1);
	line = conffile_getline(&cf, &len);
	check_str(line, "one 1");
	check_int(cf.line, 1);
	check_int(conffile_words(line, &key, &value), 0);
	check_str(key, "one");
	check_str(value, "1");
	line = conffile_getline(&cf, NULL);
	check_str(line, "");
	check_int(conffile_words(line, &key, &value), 0);
	check_str(key, "");
	line = conffile_getline(&cf, NULL);
	check_int(cf.line, 3);
	/* Indented; the value keeps its inner blanks, not its trailing ones. */
	check_int(conffile_words(line, &key, &value), 1);
	check_str(key, "two");
	check_str(value, "2 2");
	line = conffile_getline(&cf, &len);
	check_int(len, 7);		/* the NUL byte is counted */
	check(memchr(line, '\0', len) != NULL);
	line = conffile_getline(&cf, NULL);
	check_str(line, "last");	/* no '\n' at the end */
	check_int(cf.line, 5);
	check(conffile_getline(&cf, NULL) == NULL);
	check(!conffile_failed(&cf));
	check_int(conffile_close(&cf, &cause), 0);
	check(cause == NULL);
}

static void
test_errors(void)
{
	struct conffile	 cf;
	char		*cause = NULL;

	conffile_init(&cf, "p.conf", "a\nb\nc\n", 6);
	(void)conffile_getline(&cf, NULL);
	(void)conffile_getline(&cf, NULL);
	conffile_error(&cf, "unknown keyword '%s'", "b");
	conffile_error_at(&cf, 1, "'%s' needs a value", "a");
	conffile_error_at(&cf, 0, "no sections");
	check(conffile_failed(&cf));
	/* Parsing goes on after an error: every mistake is reported. */
	check_str(conffile_getline(&cf, NULL), "c");
	check_int(conffile_close(&cf, &cause), -1);
	check_str(cause, "p.conf:2: unknown keyword 'b'\n"
	    "p.conf:1: 'a' needs a value\np.conf: no sections");
	free(cause);
}

static void
test_open(void)
{
	struct conffile	 cf;
	char		 path[512], *cause = NULL;
	FILE		*f;

	snprintf(path, sizeof path, "%s/c.conf", tap_tmpdir());
	if (!check((f = fopen(path, "w")) != NULL))
		return;
	fputs("x 1\r\ny 2\n", f);
	fclose(f);
	check_int(conffile_open(&cf, path, &cause), 0);
	check_str(conffile_getline(&cf, NULL), "x 1\r");
	check_str(conffile_text(&cf), "x 1\r\ny 2\n");
	check_int(conffile_close(&cf, &cause), 0);
	remove(path);
	check_int(conffile_open(&cf, path, &cause), -1);
	check(cause != NULL && strstr(cause, "c.conf: ") != NULL);
	free(cause);
}

static void
test_values(void)
{
	size_t	sz = 0;
	long	l = 0;
	int	b = -1;

	check(conffile_bool("yes", &b) == 0 && b == 1);
	check(conffile_bool("Off", &b) == 0 && b == 0);
	check_int(conffile_bool("maybe", &b), -1);
	check(conffile_size("32M", &sz) == 0 && sz == 32u << 20);
	check(conffile_size("64kB", &sz) == 0 && sz == 64u << 10);
	check(conffile_size("1000", &sz) == 0 && sz == 1000);
	check_int(conffile_size("M", &sz), -1);
	check_int(conffile_size("3X", &sz), -1);
	check(conffile_duration("36h", &l) == 0 && l == 36 * 3600);
	check(conffile_duration("2w", &l) == 0 && l == 14 * 86400);
	check_int(conffile_duration("7 days", &l), -1);
	check(conffile_int("2", 0, 2, &l) == 0 && l == 2);
	check_int(conffile_int("3", 0, 2, &l), -1);
	check_int(conffile_int("", 0, 2, &l), -1);
	check_int(conffile_int("1x", 0, 2, &l), -1);
	check_int(conffile_int("99999999999999999999", 0, 2, &l), -1);
}

static void
test_re(void)
{
	static const char	 subject[] =
	    "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!";
	pcre2_code		*re;
	pcre2_match_data	*md;
	pcre2_match_context	*ctx;
	char			*cause = NULL;

	check(re_compile("(unclosed", PCRE2_ZERO_TERMINATED, 0, &cause) ==
	    NULL);
	check(cause != NULL && strstr(cause, "at offset 9") != NULL);
	free(cause);
	re = re_compile("ACK", 3, PCRE2_CASELESS, &cause);
	if (!check(re != NULL))
		return;
	md = pcre2_match_data_create_from_pattern(re, NULL);
	check_int(re_match(re, "Acked-by", PCRE2_ZERO_TERMINATED, 0, md,
	    NULL), RE_MATCH);
	check_int(re_match(re, "Acked-by", 8, 1, md, NULL), RE_NOMATCH);
	pcre2_match_data_free(md);
	pcre2_code_free(re);
	/* Catastrophic backtracking: a limit reached is an error. */
	re = re_compile("(a+)+$", PCRE2_ZERO_TERMINATED, 0, &cause);
	if (!check(re != NULL))
		return;
	md = pcre2_match_data_create_from_pattern(re, NULL);
	ctx = re_context(1000, 0);
	check_int(re_match(re, subject, PCRE2_ZERO_TERMINATED, 0, md, ctx),
	    RE_ERROR);
	pcre2_match_context_free(ctx);
	pcre2_match_data_free(md);
	pcre2_code_free(re);
}

int
main(void)
{
	test_lines();
	test_errors();
	test_open();
	test_values();
	test_re();
	return (tap_done());
}
