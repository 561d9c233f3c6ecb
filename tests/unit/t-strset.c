/* The string set the model counts features with (strset.h). */
#include <stdio.h>
#include <string.h>

#include "strset.h"
#include "tap.h"

static int
add(struct strset *set, const char *s)
{
	return (strset_add(set, s, strlen(s), strset_hash(s, strlen(s))));
}

static int
has(const struct strset *set, const char *s)
{
	return (strset_has(set, s, strlen(s), strset_hash(s, strlen(s))));
}

int
main(void)
{
	struct strset	 set;
	static char	 names[1000][16];
	size_t		 i;
	int		 all;

	memset(&set, 0, sizeof set);
	/* An empty set holds nothing, not even the empty string. */
	check(!has(&set, "w:nak"));
	check(!has(&set, ""));
	check_int(strset_count(&set), 0);

	check_int(add(&set, "w:nak"), 1);
	check_int(add(&set, "w:nak"), 0);
	check(has(&set, "w:nak"));
	/* Prefixes and extensions are other strings. */
	check(!has(&set, "w:na"));
	check(!has(&set, "w:nakk"));
	check_int(add(&set, ""), 1);
	check(has(&set, ""));
	check_int(strset_count(&set), 2);
	/* Only len bytes count: "b:a+b" and its first 3 bytes. */
	check_int(strset_add(&set, "b:a+b", 3, strset_hash("b:a", 3)), 1);
	check(has(&set, "b:a"));
	check(!has(&set, "b:a+b"));

	/* put: where the set keeps a new string, to point at a copy. */
	{
		char		 tmp[8] = "w:copy", copy[8] = "w:copy";
		const char	**keep;

		keep = strset_put(&set, tmp, 6, strset_hash(tmp, 6));
		check(keep != NULL && *keep == tmp);
		if (keep != NULL)
			*keep = copy;
		memset(tmp, 'x', 6);	/* the caller's buffer, reused */
		check(has(&set, "w:copy"));
		check(strset_put(&set, "w:copy", 6,
		    strset_hash("w:copy", 6)) == NULL);
		check_int(strset_count(&set), 4);
	}

	/* The hash is of the bytes only, wherever they sit. */
	{
		char	buf[40];

		memcpy(buf + 3, "b:long+enough-for-two-words", 27);
		check(strset_hash(buf + 3, 27) ==
		    strset_hash("b:long+enough-for-two-words", 27));
		check(strset_hash("w:a", 3) != strset_hash("w:b", 3));
		check(strset_hash("", 0) != strset_hash("\0", 1));
	}

	/* Many strings: the table grows and keeps every one, once. */
	for (i = 0; i < 1000; i++)
		snprintf(names[i], sizeof names[i], "w:word%zu", i);
	all = 1;
	for (i = 0; i < 1000; i++)
		all &= add(&set, names[i]) == 1;
	check(all);
	all = 1;
	for (i = 0; i < 1000; i++)
		all &= add(&set, names[i]) == 0 && has(&set, names[i]);
	check(all);
	check_int(strset_count(&set), 1004);
	check(!has(&set, "w:word1000"));

	/* Room made ahead keeps what is in. */
	strset_reserve(&set, 5000);
	check_int(strset_count(&set), 1004);
	check(has(&set, "w:word999"));
	check(has(&set, "b:a"));
	check_int(add(&set, "w:word17"), 0);

	/* Freed, it is empty and may be used again. */
	strset_free(&set);
	check_int(strset_count(&set), 0);
	check(!has(&set, "w:nak"));
	check_int(add(&set, "w:nak"), 1);
	strset_free(&set);
	strset_reserve(&set, 10);
	check(!has(&set, "w:nak"));
	check_int(add(&set, "w:nak"), 1);
	strset_free(&set);
	return (tap_done());
}
