/* Mail composition: wrapping a body to 72 columns for the list. */
#include <stdlib.h>
#include <string.h>

#include "post-mail.h"
#include "tap.h"

/* The widest line of s, in bytes (the inputs here are ASCII). */
static size_t
widest(const char *s)
{
	size_t	w = 0, n;

	while (*s != '\0') {
		n = strcspn(s, "\n");
		if (n > w)
			w = n;
		s += n + (s[n] == '\n');
	}
	return (w);
}

int
main(void)
{
	char	*w;

	/* Short lines, blank lines and indentation pass untouched. */
	w = post_mail_wrap("Tally: +2\n\n  +1  Ann <ann@example.org>\n", 72);
	check_str(w, "Tally: +2\n\n  +1  Ann <ann@example.org>\n");
	free(w);

	/* A long line breaks at spaces, within the width. */
	w = post_mail_wrap("Kofi Mensah was answered but did not reply by 2026-11-15: "
	    "the objection no longer blocks; tally +2; the Czar decides", 72);
	check_str(w, "Kofi Mensah was answered but did not reply by 2026-11-15: "
	    "the objection\nno longer blocks; tally +2; the Czar decides");
	check(widest(w) <= 72);
	free(w);

	/* An indented line keeps its indentation on every continuation. */
	w = post_mail_wrap("    objection by Kofi Mensah <kofi.mensah@example.org>: "
	    "stale (reply by 2026-11-15T17:12:40Z)", 72);
	check_str(w, "    objection by Kofi Mensah <kofi.mensah@example.org>: "
	    "stale (reply by\n    2026-11-15T17:12:40Z)");
	check(widest(w) <= 72);
	free(w);

	/* A "* " item hangs its continuations under its text. */
	w = post_mail_wrap("* Stale objection on \"[PATCH] 9pfs: xen transport: fix "
	    "ring index wrap\": Kofi Mensah <kofi.mensah@example.org> did not "
	    "reply by 2026-11-15T17:12:40Z.", 72);
	check_str(w, "* Stale objection on \"[PATCH] 9pfs: xen transport: fix "
	    "ring index\n  wrap\": Kofi Mensah <kofi.mensah@example.org> did "
	    "not reply by\n  2026-11-15T17:12:40Z.");
	check(widest(w) <= 72);
	free(w);

	/* One word longer than the width is left whole, not cut. */
	w = post_mail_wrap("see https://lore.kernel.org/xen-devel/"
	    "20261028110327.5512-1-oliver.brennan@example.com/ for it", 40);
	check(strstr(w, "https://lore.kernel.org/xen-devel/"
	    "20261028110327.5512-1-oliver.brennan@example.com/") != NULL);
	free(w);
	return (tap_done());
}
