/* Parsing messages with libetpan: headers, MIME, charsets, fallbacks. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "message.h"
#include "tap.h"

static struct message *
parse(const char *raw)
{
	struct message_env	 env = { 1700000000, 1800000000 };
	struct message		*m = NULL;
	char			*cause = NULL;

	if (message_parse(raw, strlen(raw), &env, &m, &cause) != 0) {
		printf("# parse failed: %s\n", cause);
		free(cause);
		return (NULL);
	}
	return (m);
}

static void
test_headers(void)
{
	struct message	*m;

	m = parse("From: =?UTF-8?Q?J=C3=BCrgen_M=C3=BCller?= <JM@Example.ORG>\n"
	    "Subject: [PATCH v2 1/3] a folded\n"
	    "  subject =?ISO-8859-1?Q?caf=E9?=\n"
	    "Date: Tue, 30 Apr 2019 15:29:12 -0400\n"
	    "Message-ID: <abc@example.org>\n"
	    "References: <r1@x> <r2@x>\n"
	    "In-Reply-To: <r3@x>\n"
	    "List-Id: Xen developer discussion <xen-devel.lists.xenproject.org>\n"
	    "Auto-Submitted: auto-generated\n"
	    "\n"
	    "Hello.\n");
	if (!check(m != NULL))
		return;
	check_str(m->from_name, "J\xc3\xbcrgen M\xc3\xbcller");
	check_str(m->from_email, "jm@example.org");
	check_str(m->subject, "[PATCH v2 1/3] a folded subject caf\xc3\xa9");
	check_int(m->date, 1556652552);
	check_int(m->date_source, MESSAGE_DATE_HEADER);
	check_str(m->message_id, "abc@example.org");
	check_int(m->nrefs, 3);
	check_str(m->refs[2], "r3@x");
	check_str(m->in_reply_to, "r3@x");
	check_str(m->list_id, "xen-devel.lists.xenproject.org");
	check(message_is_automatic(m));
	check_str(m->body, "Hello.\n");
	check(m->patch == NULL);
	message_free(m);
}

static void
test_encodings(void)
{
	struct message	*m;

	m = parse("From: a@b\nMessage-ID: <1@b>\nMIME-Version: 1.0\n"
	    "Content-Type: text/plain; charset=utf-8\n"
	    "Content-Transfer-Encoding: base64\n\n"
	    "SGVsbG8gd29ybGQsIGrDvHJnZW4K\n");
	if (check(m != NULL))
		check_str(m->body, "Hello world, j\xc3\xbcrgen\n");
	message_free(m);
	m = parse("From: a@b\nMessage-ID: <2@b>\nMIME-Version: 1.0\n"
	    "Content-Type: text/plain; charset=iso-8859-1\n"
	    "Content-Transfer-Encoding: quoted-printable\n\n"
	    "caf=E9 soft=\nbreak\n");
	if (check(m != NULL))
		check_str(m->body, "caf\xc3\xa9 softbreak\n");
	message_free(m);
	m = parse("From: a@b\nMessage-ID: <3@b>\n"
	    "Content-Type: text/plain; charset=utf-8\n\nbad \xff byte\n");
	if (check(m != NULL)) {
		check_str(m->body, "bad \xef\xbf\xbd byte\n");
		check(m->flags & MESSAGE_BAD_UTF8);
	}
	message_free(m);
	m = parse("From: a@b\nMessage-ID: <4@b>\n"
	    "Content-Type: text/plain; charset=none\n\nna\xefve\n");
	if (check(m != NULL)) {
		check_str(m->body, "na\xc3\xafve\n");
		check(m->flags & MESSAGE_BAD_CHARSET);
	}
	message_free(m);
	/* 7-bit, valid UTF-8 bytes, and still to be converted. */
	m = parse("From: a@b\nMessage-ID: <6@b>\nMIME-Version: 1.0\n"
	    "Content-Type: text/plain; charset=\"UTF-7\"\n\n"
	    "+AD4- quoted +ZeVnLIqe-\n");
	if (check(m != NULL))
		check_str(m->body, "> quoted \xe6\x97\xa5\xe6\x9c\xac"
		    "\xe8\xaa\x9e\n");
	message_free(m);
	m = parse("From: a@b\nMessage-ID: <7@b>\nMIME-Version: 1.0\n"
	    "Content-Type: text/plain; charset=iso-2022-jp\n\n"
	    "\x1b$BF|K\\\x1b(B ok\n");
	if (check(m != NULL))
		check_str(m->body, "\xe6\x97\xa5\xe6\x9c\xac ok\n");
	message_free(m);
	m = parse("From: a@b\r\nMessage-ID: <5@b>\r\nSubject: crlf\r\n\r\n"
	    "line one\r\nline two\r\n");
	if (check(m != NULL)) {
		check_str(m->subject, "crlf");
		check_str(m->body, "line one\nline two\n");
	}
	message_free(m);
}

static void
test_multipart(void)
{
	struct message	*m;

	m = parse("From: a@b\nMessage-ID: <6@b>\nMIME-Version: 1.0\n"
	    "Content-Type: multipart/alternative; boundary=XX\n\n"
	    "--XX\nContent-Type: text/html\n\n<p>html &amp; text</p>\n"
	    "--XX\nContent-Type: text/plain\n\nplain text\n--XX--\n");
	if (check(m != NULL)) {
		check_str(m->body, "plain text");
		check(!(m->flags & MESSAGE_HTML_ONLY));
	}
	message_free(m);
	m = parse("From: a@b\nMessage-ID: <7@b>\nMIME-Version: 1.0\n"
	    "Content-Type: text/html; charset=utf-8\n\n"
	    "<html><head><style>p{}</style></head><body><p>Looks good &amp; "
	    "fine</p><blockquote>quoted line</blockquote><p>Acked-by: A "
	    "&lt;a@b&gt;</p></body></html>\n");
	if (check(m != NULL)) {
		check(m->flags & MESSAGE_HTML_ONLY);
		check(strstr(m->body, "Looks good & fine\n") != NULL);
		check(strstr(m->body, "> quoted line\n") != NULL);
		check(strstr(m->body, "\nAcked-by: A <a@b>") != NULL);
		check(strstr(m->body, "p{}") == NULL);
	}
	message_free(m);
	/* Outlook's reply header and what follows it are quoted text. */
	m = parse("From: a@b\nMessage-ID: <7a@b>\nMIME-Version: 1.0\n"
	    "Content-Type: text/html; charset=utf-8\n\n"
	    "<html><body><div>Agreed.</div><div id=\"appendonsend\"></div>"
	    "<hr><div id=\"divRplyFwdMsg\" dir=\"ltr\"><b>From:</b> Greta "
	    "&lt;g@c&gt;<br><b>Sent:</b> Monday<br></div><div>pvbot: promote "
	    "pvcalls production</div><div>NAK</div></body></html>\n");
	if (check(m != NULL)) {
		check(strstr(m->body, "Agreed.\n") != NULL);
		check(strstr(m->body, "> pvbot: promote pvcalls production\n")
		    != NULL);
		check(strstr(m->body, "> NAK") != NULL);
		check(strstr(m->body, "\nNAK") == NULL);
	}
	message_free(m);
	/* Gmail's quote and forward, Thunderbird's forward. */
	m = parse("From: a@b\nMessage-ID: <7b@b>\nMIME-Version: 1.0\n"
	    "Content-Type: text/html; charset=utf-8\n\n"
	    "<div dir=\"ltr\">FYI</div><div class=\"gmail_quote\"><div "
	    "class=\"gmail_attr\">---------- Forwarded message ---------<br>"
	    "From: Greta</div><div>pvbot: tag x</div></div><div class=\""
	    "moz-forward-container\">Acked-by: G &lt;g@c&gt;</div><p>Mine"
	    "</p>\n");
	if (check(m != NULL)) {
		check(strstr(m->body, "FYI\n") != NULL);
		check(strstr(m->body, "> pvbot: tag x\n") != NULL);
		check(strstr(m->body, "> Acked-by: G <g@c>\n") != NULL);
		check(strstr(m->body, "\nMine") != NULL);
	}
	message_free(m);
	m = parse("From: a@b\nMessage-ID: <8@b>\nMIME-Version: 1.0\n"
	    "Content-Type: multipart/mixed; boundary=\"b1\"\n\n"
	    "preamble\n--b1\nContent-Type: text/plain\n\nSee attached.\n"
	    "--b1\nContent-Type: text/x-patch; name=\"fix.patch\"\n"
	    "Content-Disposition: attachment; filename=\"fix.patch\"\n\n"
	    "diff --git a/x.c b/x.c\n--- a/x.c\n+++ b/x.c\n@@ -1 +1 @@\n"
	    "-a\n+b\n--b1--\n");
	if (check(m != NULL)) {
		check_str(m->body, "See attached.");
		check(m->patch != NULL &&
		    strncmp(m->patch, "diff --git a/x.c", 16) == 0);
	}
	message_free(m);
	/* A diff sent as application/octet-stream is a patch; a PNG is not. */
	m = parse("From: a@b\nMessage-ID: <8a@b>\nMIME-Version: 1.0\n"
	    "Content-Type: multipart/mixed; boundary=\"b1\"\n\n"
	    "--b1\nContent-Type: text/plain\n\nFix attached.\n"
	    "--b1\nContent-Type: application/octet-stream; name=\"0001-fix\"\n"
	    "Content-Transfer-Encoding: base64\n"
	    "Content-Disposition: attachment; filename=\"0001-fix\"\n\n"
	    "ZGlmZiAtLWdpdCBhL3guYyBiL3guYwotLS0gYS94LmMKKysrIGIveC5jCkBAIC0xICsxIEBACi1hCitiCg==\n--b1\nContent-Type: application/octet-stream; name=\"a.png\"\n"
	    "Content-Transfer-Encoding: base64\n\niVBORw0KGgoAAAANSUhEUg==\n--b1--\n");
	if (check(m != NULL)) {
		check_str(m->body, "Fix attached.");
		check(m->patch != NULL &&
		    strncmp(m->patch, "diff --git a/x.c", 16) == 0 &&
		    strstr(m->patch, "PNG") == NULL);
	}
	message_free(m);
	/* So is a text attachment holding a diff, whatever its name. */
	m = parse("From: a@b\nMessage-ID: <8b@b>\nMIME-Version: 1.0\n"
	    "Content-Type: multipart/mixed; boundary=\"b1\"\n\n"
	    "--b1\nContent-Type: text/plain\n\nTry this.\n"
	    "--b1\nContent-Type: text/plain; name=\"try.txt\"\n"
	    "Content-Disposition: attachment; filename=\"try.txt\"\n\n"
	    "--- a/x.c\n+++ b/x.c\n@@ -1 +1 @@\n-a\n+b\n--b1\n"
	    "Content-Type: text/plain; name=\"log.txt\"\n"
	    "Content-Disposition: attachment; filename=\"log.txt\"\n\n"
	    "boot log\n--b1--\n");
	if (check(m != NULL)) {
		check_str(m->body, "Try this.");
		check(m->patch != NULL && strstr(m->patch, "+++ b/x.c") != NULL &&
		    strstr(m->patch, "boot log") == NULL);
	}
	message_free(m);
	m = parse("From: a@b\nMessage-ID: <9@b>\n\nCommit message.\n\n"
	    "Signed-off-by: A <a@b>\n---\n x.c | 2 +-\n\n"
	    "diff --git a/x.c b/x.c\nindex 1..2 100644\n--- a/x.c\n+++ b/x.c\n"
	    "@@ -1 +1 @@\n-a\n+b\n");
	if (check(m != NULL))
		check(m->patch != NULL &&
		    strncmp(m->patch, "diff --git a/x.c", 16) == 0);
	message_free(m);
	m = parse("From: a@b\nMessage-ID: <10@b>\n\nRaw diff:\n--- x.c.orig\n"
	    "+++ x.c\n@@ -1 +1 @@\n-a\n+b\n");
	if (check(m != NULL))
		check(m->patch != NULL && strncmp(m->patch, "--- x.c", 7) == 0);
	message_free(m);
	m = parse("From: a@b\nMessage-ID: <11@b>\n\n> diff --git a/q b/q\n"
	    "> --- a/q\n> +++ b/q\nQuoted diff only.\n");
	if (check(m != NULL))
		check(m->patch == NULL);
	message_free(m);
}

static void
test_fallbacks(void)
{
	struct message	*m, *m2;
	const char	*noid = "From: a@b\nSubject: no id\n\nbody\n";

	m = parse(noid);
	m2 = parse(noid);
	if (check(m != NULL && m2 != NULL)) {
		check(strstr(m->message_id, "@pvbot.invalid") != NULL);
		check_str(m->message_id, m2->message_id);
		check(m->flags & MESSAGE_NO_MSGID);
	}
	message_free(m);
	message_free(m2);
	m = parse("From: a@b\nMessage-ID: <d1@b>\nDate: Tue 30 Apr 2019 "
	    "19:29:12 GMT\n\nx\n");
	if (check(m != NULL)) {
		check_int(m->date, 1556652552);
		check(m->date_source == MESSAGE_DATE_HEADER ||
		    m->date_source == MESSAGE_DATE_REPAIRED);
	}
	message_free(m);
	m = parse("Received: from x by y; Tue, 30 Apr 2019 19:29:12 +0000\n"
	    "From: a@b\nMessage-ID: <d2@b>\nDate: sometime soon\n\nx\n");
	if (check(m != NULL)) {
		check_int(m->date, 1556652552);
		check_int(m->date_source, MESSAGE_DATE_RECEIVED);
		check(m->flags & MESSAGE_BAD_DATE);
	}
	message_free(m);
	m = parse("From: a@b\nMessage-ID: <d3@b>\n\nx\n");
	if (check(m != NULL)) {
		check_int(m->date, 1700000000);
		check_int(m->date_source, MESSAGE_DATE_ENVELOPE);
	}
	message_free(m);
	m = parse("From: Alice via Virtualization <virt@lists.example.org>\n"
	    "Reply-To: Alice Real <alice@example.com>\nMessage-ID: <v@b>\n\nx\n");
	if (check(m != NULL)) {
		check_str(m->from_email, "alice@example.com");
		check_str(m->from_name, "Alice Real");
	}
	message_free(m);
	m = parse("From: a@b\nMessage-ID: <c@b>\nIn-Reply-To: <p@b> (Alice's "
	    "message of Tue)\n\nx\n");
	if (check(m != NULL)) {
		check_str(m->in_reply_to, "p@b");
		check(m->nrefs == 1 && strcmp(m->refs[0], "p@b") == 0);
	}
	message_free(m);
	m = parse("From: a@b\nMessage-ID:\n <folded@b>\n\nx\n");
	if (check(m != NULL))
		check_str(m->message_id, "folded@b");
	message_free(m);
}

static void
test_garbage(void)
{
	struct message_env	 env = { 0, 0 };
	struct message		*m = NULL;
	char			*cause = NULL;
	const char		 bin[] = "\x7f" "ELF\x02\x01\x01\0\0\0garbage\n";

	check_int(message_parse(bin, sizeof bin - 1, &env, &m, &cause), -1);
	check(cause != NULL && strstr(cause, "no mail header") != NULL);
	free(cause);
	cause = NULL;
	check_int(message_parse("", 0, &env, &m, &cause), -1);
	free(cause);
}

/* Found by fuzz-message and t9200: hostile shapes, handled the same. */
static void
test_hostile(void)
{
	struct message	*m;
	char		*raw;
	size_t		 i, n = 0, size = 64 * 1024;

	/* "<>" names nothing: it must not become a shared placeholder. */
	m = parse("From: a@b\nMessage-ID: <h1@b>\nReferences: <> <p@b> <>\n"
	    "In-Reply-To: <>\n\nx\n");
	if (check(m != NULL)) {
		check_int(m->nrefs, 1);
		check_str(m->refs[0], "p@b");
		check(m->in_reply_to == NULL);
	}
	message_free(m);
	/* Past 32 nested containers libetpan is not asked: raw body. */
	raw = malloc(size);
	n += snprintf(raw + n, size - n, "From: a@b\nMessage-ID: <deep@b>\n"
	    "Content-Type: multipart/mixed; boundary=b0\n\n");
	for (i = 0; i < 40; i++)
		n += snprintf(raw + n, size - n, "--b%zu\nContent-Type: "
		    "multipart/mixed; boundary=b%zu\n\n", i, i + 1);
	snprintf(raw + n, size - n, "--b40\n\ndeep text\n");
	m = parse(raw);
	if (check(m != NULL)) {
		check(m->flags & MESSAGE_BAD_MIME);
		check(strstr(m->body, "deep text") != NULL);
	}
	message_free(m);
	/* A few levels are real mail: parsed as MIME. */
	raw[0] = '\0';
	n = snprintf(raw, size, "From: a@b\nMessage-ID: <some@b>\n"
	    "Content-Type: multipart/mixed; boundary=b0\n\n--b0\n"
	    "Content-Type : multipart/alternative; boundary=b1\n\n--b1\n"
	    "Content-Type: text/plain\n\nshallow\n--b1--\n--b0--\n");
	m = parse(raw);
	if (check(m != NULL)) {
		check(!(m->flags & MESSAGE_BAD_MIME));
		check_str(m->body, "shallow");
	}
	message_free(m);
	free(raw);
}

int
main(void)
{
	test_headers();
	test_encodings();
	test_multipart();
	test_fallbacks();
	test_garbage();
	test_hostile();
	return (tap_done());
}
