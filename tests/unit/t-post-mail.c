/* Mail composition: wrapping a body to 72 columns for the list. */
#include <stdio.h>
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

/* Whether raw (CRLF mail) has only CRLF line ends, lines under max. */
static int
lines_ok(const char *raw, size_t max)
{
	const char	*p = raw, *cr;

	while (*p != '\0') {
		if ((cr = strstr(p, "\r\n")) == NULL)
			return (0);
		if ((size_t)(cr - p) > max || memchr(p, '\r', (size_t)(cr - p))
		    != NULL || memchr(p, '\n', (size_t)(cr - p)) != NULL)
			return (0);
		p = cr + 2;
	}
	return (1);
}

/* The header block of raw, up to its blank line. */
static char *
head_of(const char *raw)
{
	const char	*end = strstr(raw, "\r\n\r\n");

	return (strndup(raw, end != NULL ? (size_t)(end - raw) + 2 : 0));
}

/* Headers folded, controls gone, ids whole, body lines under 998. */
static void
test_format(void)
{
	struct mail	 m;
	char		*raw, *head, *word, *body;
	size_t		 i;

	memset(&m, 0, sizeof m);
	m.message_id = strdup("pvbot.summary.x@example.org");
	m.from = strdup("pvbot@example.org");
	m.to = strdup("xen-devel@lists.example.org");
	m.cc = strdup("ann@example.org, bad address@x, \033[2J@x");
	m.subject = malloc(2001);
	for (i = 0; i < 2000; i++)
		m.subject[i] = i % 10 == 9 ? ' ' : 'a';
	m.subject[2000] = '\0';
	m.in_reply_to = strdup("a b@x");
	m.references = strdup("root@x\na b@x");
	word = malloc(3001);
	memset(word, 'w', 3000);
	word[3000] = '\0';
	asprintf(&body, "Tally \033[31m+2\033[0m\rbare CR\n%s\nend", word);
	m.body = body;
	raw = post_mail_format(&m);
	head = head_of(raw);
	check(lines_ok(raw, 998));
	check(lines_ok(head, 78));
	check(strchr(raw, '\033') == NULL);
	check(strstr(head, "References: <root@x>\r\n <a b@x>\r\n") != NULL);
	check(strstr(head, "<a>") == NULL);
	check(strstr(head, "In-Reply-To: <a b@x>\r\n") != NULL);
	check(strstr(head, "Cc: ann@example.org\r\n") != NULL);
	check(strstr(raw, "\r\nend\r\n") != NULL);
	free(head);
	free(raw);
	/* One word too long to fold: encoded words, which fold. */
	memset(m.subject, 'b', 2000);
	free(m.in_reply_to);
	m.in_reply_to = malloc(2001);
	memset(m.in_reply_to, 'c', 2000);
	m.in_reply_to[2000] = '\0';
	raw = post_mail_format(&m);
	head = head_of(raw);
	check(lines_ok(head, 78));
	check(strstr(head, "Subject: =?UTF-8?B?") != NULL);
	check(strstr(head, "In-Reply-To") == NULL);
	free(head);
	free(raw);
	free(word);
	post_mail_free(&m);
}

int
main(void)
{
	char	*w;

	test_format();

	/* Short lines, blank lines and indentation pass untouched. */
	w = post_mail_wrap("Tally: +2\n\n  +1  Ann <ann@example.org>\n", 72);
	check_str(w, "Tally: +2\n\n  +1  Ann <ann@example.org>\n");
	free(w);

	/* A long line breaks at spaces, within the width. */
	w = post_mail_wrap("Kofi Mensah was answered but did not reply by "
	    "2026-11-15: the objection no longer blocks; tally +2; the Czar "
	    "decides", 72);
	check_str(w, "Kofi Mensah was answered but did not reply by 2026-11-15: "
	    "the objection\nno longer blocks; tally +2; the Czar decides");
	check(widest(w) <= 72);
	free(w);

	/* An indented line keeps its indentation on every continuation. */
	w = post_mail_wrap("    objection by Kofi Mensah "
	    "<kofi.mensah@example.org>: stale (reply by 2026-11-15T17:12:40Z)",
	    72);
	check_str(w, "    objection by Kofi Mensah <kofi.mensah@example.org>: "
	    "stale (reply by\n    2026-11-15T17:12:40Z)");
	check(widest(w) <= 72);
	free(w);

	/* A "* " item hangs its continuations under its text. */
	w = post_mail_wrap("* Stale objection on \"[PATCH] 9pfs: xen "
	    "transport: fix ring index wrap\": Kofi Mensah "
	    "<kofi.mensah@example.org> did not reply by 2026-11-15T17:12:40Z.",
	    72);
	check_str(w, "* Stale objection on \"[PATCH] 9pfs: xen transport: fix "
	    "ring index wrap\":\n  Kofi Mensah <kofi.mensah@example.org> did "
	    "not reply by\n  2026-11-15T17:12:40Z.");
	check(widest(w) <= 72);
	free(w);

	/* Exactly the width fits; the spaces at a break go. */
	w = post_mail_wrap("This request expires at 2026-12-13T12:00:00Z.  If "
	    "you did not ask it, do nothing: no digest is sent.", 72);
	check_str(w, "This request expires at 2026-12-13T12:00:00Z.  If you "
	    "did not ask it, do\nnothing: no digest is sent.");
	free(w);
	w = post_mail_wrap("The seventy-one characters before these two spaces "
	    "end right here, yes.  Then more.", 72);
	check_str(w, "The seventy-one characters before these two spaces end "
	    "right here, yes.\nThen more.");
	free(w);

	/* Columns are characters, not UTF-8 bytes. */
	w = post_mail_wrap("Objection by Jos\xc3\xa9 Mar\xc3\xad" "a "
	    "Fern\xc3\xa1" "ndez <jm@example.org>, raised 2026-11-02!", 72);
	check(strchr(w, '\n') == NULL);
	free(w);

	/* A short quoted command stays whole: it is copied from the mail. */
	w = post_mail_wrap("To stop these status replies on this thread, Oliver "
	    "Brennan may reply with a line \"pvbot: mute\".", 72);
	check_str(w, "To stop these status replies on this thread, Oliver "
	    "Brennan may reply\nwith a line \"pvbot: mute\".");
	free(w);
	w = post_mail_wrap("To stop these status replies in this thread, Ann "
	    "Lee may write: \"pvbot: mute\" (and unmute to undo).", 72);
	check_str(w, "To stop these status replies in this thread, Ann Lee "
	    "may write:\n\"pvbot: mute\" (and unmute to undo).");
	free(w);

	/* One word longer than the width is left whole, not cut. */
	w = post_mail_wrap("see https://lore.kernel.org/xen-devel/"
	    "20261028110327.5512-1-oliver.brennan@example.com/ for it", 40);
	check(strstr(w, "https://lore.kernel.org/xen-devel/"
	    "20261028110327.5512-1-oliver.brennan@example.com/") != NULL);
	free(w);
	return (tap_done());
}
