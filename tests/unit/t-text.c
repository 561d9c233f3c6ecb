/* Text helpers: UTF-8 repair, whitespace, CRLF. */
#include <stdlib.h>
#include <string.h>

#include "tap.h"
#include "text.h"
#include "xmalloc.h"

static char *
repair(const char *s, size_t len, int *changed)
{
	return (text_utf8_repair(s, len, changed));
}

int
main(void)
{
	/* Outlook's "Last, First"; anything else is left as it is. */
	static const char *names[][2] = {
		{ "Author, Ann", "Ann Author" },
		{ "Ann Author", "Ann Author" },
		{ "Author, Ann, Dr", "Author, Ann, Dr" },
		{ "ann@x, y", "ann@x, y" },
		{ "Author,", "Author," },
	};
	char	*r, s[64], hex[65];
	size_t	 i;
	int	 changed;

	check(text_utf8_valid("plain", 5));
	check(text_utf8_valid("J\xc3\xbcrgen", 7));
	check(!text_utf8_valid("J\xfcrgen", 6));
	check(!text_utf8_valid("\xc0\xaf", 2));		/* overlong '/' */
	check(!text_utf8_valid("\xed\xa0\x80", 3));	/* surrogate */
	check(!text_utf8_valid("a\0b", 3));
	r = repair("J\xfcrgen", 6, &changed);
	check_str(r, "J\xef\xbf\xbdrgen");
	check(changed);
	free(r);
	r = repair("ok \xe2\x9c\x93", 6, &changed);
	check_str(r, "ok \xe2\x9c\x93");
	check(!changed);
	free(r);
	r = repair("a\0b", 3, &changed);
	check_str(r, "ab");
	check(changed);
	free(r);
	r = repair("trunc\xe2\x9c", 7, &changed);
	check_str(r, "trunc\xef\xbf\xbd\xef\xbf\xbd");
	free(r);
	strcpy(s, "  a \t b\n\n c  ");
	text_collapse_ws(s);
	check_str(s, "a b c");
	for (i = 0; i < sizeof names / sizeof names[0]; i++) {
		r = text_first_last(xstrdup(names[i][0]));
		check_str(r, names[i][1]);
		free(r);
	}
	strcpy(s, "a\r\nb\r\n\rc");
	check_int(text_crlf_to_lf(s, strlen(s)), 6);
	check(memcmp(s, "a\nb\n\rc", 6) == 0);
	strcpy(s, "MiXeD");
	text_lower(s);
	check_str(s, "mixed");
	text_sha256_hex("abc", 3, hex);
	check_str(hex, "ba7816bf8f01cfea414140de5dae2223"
	    "b00361a396177a9cb410ff61f20015ad");
	check(text_has_prefix_ci("Re: x", "re:"));
	return (tap_done());
}
