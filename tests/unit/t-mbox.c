/* The mbox format and the mbox / Maildir readers. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <zlib.h>

#include "fetch.h"
#include "mbox.h"
#include "tap.h"
#include "xmalloc.h"

static char *
write_file(const char *name, const char *data, int gz)
{
	char	*path = xasprintf("%s/%s", tap_tmpdir(), name);
	FILE	*f;
	gzFile	 g;

	if (gz) {
		g = gzopen(path, "wb");
		gzwrite(g, data, (unsigned)strlen(data));
		gzclose(g);
	} else {
		f = fopen(path, "w");
		fputs(data, f);
		fclose(f);
	}
	return (path);
}

/* Read all items; returns how many were OK, counts skips in *skips. */
static int
read_all(const struct fetch *f, const char *path, size_t max, char bodies[][128],
    int *skips, char *last_cursor)
{
	struct fetch_ctx	*c;
	struct fetch_item	 it;
	char			*cause = NULL;
	int			 n = 0, r;

	*skips = 0;
	if (f->open(&c, path, max, NULL, &cause) != 0) {
		printf("# open: %s\n", cause);
		free(cause);
		return (-1);
	}
	while ((r = f->next(c, &it, &cause)) != FETCH_END) {
		if (r == FETCH_SKIP) {
			(*skips)++;
			continue;
		}
		if (r != FETCH_OK)
			break;
		if (bodies != NULL)
			snprintf(bodies[n], 128, "%.*s", (int)it.len, it.data);
		if (last_cursor != NULL)
			strcpy(last_cursor, it.cursor);
		n++;
	}
	f->close(c);
	return (n);
}

static const char two[] =
    "From alice@example.org Mon Nov  2 10:00:00 2026\n"
    "From: a@b\nMessage-ID: <1@b>\n\nfirst\n>From here, quoted\n"
    ">>From twice\n\n"
    "From bob@example.org Mon Nov  2 11:00:00 2026\n"
    "From: b@b\nMessage-ID: <2@b>\n\nsecond\n"
    "From the beginning, prose is not a separator.\n\n";

int
main(void)
{
	char	 bodies[8][128], cursor[512], *path, *big, *p;
	int	 skips;
	size_t	 len, i;

	check(mbox_is_from_line("From a@b Mon Nov  2 10:00:00 2026\n", 35, 1));
	check(mbox_is_from_line("From mboxrd@z Thu Jan  1 00:00:00 1970", 38, 1));
	check(!mbox_is_from_line("From the beginning we knew\n", 27, 0));
	check(!mbox_is_from_line("From: a@b\n", 10, 0));
	check_int(mbox_from_line_date("From mboxrd@z Thu Jan  1 00:00:00 1970",
	    38), 0);
	check(mbox_from_line_date("From a@b Mon Nov  2 10:00:00 2026", 33) > 0);
	p = mbox_unquote("a\n>From x\n>>From y\n> From z\n", 28, &len);
	check(p != NULL && strcmp(p, "a\nFrom x\n>From y\n> From z\n") == 0);
	free(p);
	check(mbox_unquote("nothing\n", 8, &len) == NULL);
	{
		const char *msg = "x\n\nFrom 0123456789abcdef0123456789abcdef01234567"
		    " Mon Sep 17 00:00:00 2001\nFrom: a\n";
		const char *mid = "x\nFrom 0123456789abcdef0123456789abcdef01234567"
		    " Mon Sep 17 00:00:00 2001\n";

		check(mbox_is_separator(msg, strstr(msg, "From 0"), msg +
		    strlen(msg)));
		check(!mbox_is_separator(mid, strstr(mid, "From 0"), mid +
		    strlen(mid)));
	}

	path = write_file("two.mbox", two, 0);
	check_int(read_all(&fetch_mbox, path, 1 << 20, bodies, &skips, NULL), 2);
	check(strstr(bodies[0], "\nFrom here, quoted\n>From twice") != NULL);
	check(strstr(bodies[1], "From the beginning, prose") != NULL);
	check(bodies[1][strlen(bodies[1]) - 2] != '\n');	/* blank dropped */
	free(path);

	path = write_file("two.mbox.gz", two, 1);
	check_int(read_all(&fetch_mbox, path, 1 << 20, NULL, &skips, cursor), 2);
	free(path);

	/* Truncated: the last message is cut mid-header; still returned. */
	path = write_file("trunc.mbox", "From a@b Mon Nov  2 10:00:00 2026\n"
	    "From: a@b\nMessage-ID: <1@b>\n\nx\n\n"
	    "From a@b Mon Nov  2 10:00:00 2026\nFrom: a@b\nSubj", 0);
	check_int(read_all(&fetch_mbox, path, 1 << 20, bodies, &skips, NULL), 2);
	check_str(bodies[1], "From: a@b\nSubj");
	free(path);

	/* A message over the limit is skipped, the next one still read. */
	big = xmalloc(300000);
	strcpy(big, "From a@b Mon Nov  2 10:00:00 2026\nFrom: a@b\n\n");
	p = big + strlen(big);
	for (i = 0; i < 2900; i++, p += 100)
		memset(p, 'x', 99), p[99] = '\n';
	strcpy(p, "\nFrom a@b Mon Nov  2 10:00:00 2026\nFrom: b@b\n\nsmall\n");
	path = write_file("big.mbox", big, 0);
	check_int(read_all(&fetch_mbox, path, 100000, bodies, &skips, NULL), 1);
	check_int(skips, 1);
	check(strstr(bodies[0], "small") != NULL);
	free(path);
	free(big);

	/* Not an mbox: one RFC 5322 message. */
	path = write_file("one.eml", "From: a@b\nMessage-ID: <e@b>\n\nbody\n"
	    "From me to you\n", 0);
	check_int(read_all(&fetch_mbox, path, 1 << 20, bodies, &skips, NULL), 1);
	check(strstr(bodies[0], "From me to you") != NULL);
	check(fetch_for_path(path) == &fetch_mbox);
	free(path);
	/*
	 * Not an mbox and over the limit: one skip, however many "From "
	 * lines it holds (fuzz-mbox found it split into several).
	 */
	path = write_file("big.eml", "From: a@b\n\nbody\n"
	    "From x@y Mon Nov  2 10:00:00 2026\nmore body\n"
	    "From z@y Mon Nov  2 10:00:00 2026\nthe end\n", 0);
	check_int(read_all(&fetch_mbox, path, 40, bodies, &skips, NULL), 0);
	check_int(skips, 1);
	free(path);

	/* Maildir: new/ and cur/, in name order. */
	path = xasprintf("%s/md", tap_tmpdir());
	mkdir(path, 0700);
	{
		char *d = xasprintf("%s/new", path), *e = xasprintf("%s/cur", path);

		mkdir(d, 0700);
		mkdir(e, 0700);
		free(d);
		free(e);
	}
	free(write_file("md/cur/1700000002.M1.host:2,S",
	    "From: a@b\nMessage-ID: <m2@b>\n\ntwo\n", 0));
	free(write_file("md/new/1700000001.M1.host",
	    "From: a@b\nMessage-ID: <m1@b>\n\none\n", 0));
	check(fetch_for_path(path) == &fetch_maildir);
	check_int(read_all(&fetch_maildir, path, 1 << 20, bodies, &skips,
	    NULL), 2);
	check(strstr(bodies[0], "one") != NULL);
	free(path);
	return (tap_done());
}
