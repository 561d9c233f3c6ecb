/* Reading an SMTP server's reply: code, enhanced status, text lines. */
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "post-smtp.h"
#include "tap.h"

static const char *
field(json_t *r, const char *name)
{
	return (json_string_value(json_object_get(r, name)));
}

static const char *
line(json_t *r, size_t i)
{
	return (json_string_value(json_array_get(json_object_get(r, "text"),
	    i)));
}

int
main(void)
{
	json_t	*r;
	char	*s;

	/* One line with an RFC 3463 status. */
	r = post_smtp_reply_parse("end of DATA",
	    "550 5.7.1 Refused: message looks like spam");
	check_int(json_integer_value(json_object_get(r, "code")), 550);
	check_str(field(r, "status"), "5.7.1");
	check_str(field(r, "at"), "end of DATA");
	check_str(line(r, 0), "Refused: message looks like spam");
	s = post_smtp_reply_format(r);
	check_str(s, "at end of DATA: 550 5.7.1 Refused: message looks like "
	    "spam");
	free(s);
	json_decref(r);

	/* Multi-line (RFC 5321 4.2.1): the status on every line is cut. */
	r = post_smtp_reply_parse("RCPT TO:<a@example.com>",
	    "550-5.1.1 The email account that you tried to reach does not\n"
	    "550-5.1.1 exist. Please try double-checking the recipient's\n"
	    "550 5.1.1 email address.");
	check_int(json_array_size(json_object_get(r, "text")), 3);
	check_str(line(r, 1), "exist. Please try double-checking the "
	    "recipient's");
	check_str(line(r, 2), "email address.");
	json_decref(r);

	/* No enhanced status: null, and the text whole. */
	r = post_smtp_reply_parse("MAIL FROM:<b@example.com>",
	    "451 Requested action aborted: local error");
	check(json_is_null(json_object_get(r, "status")));
	check_str(line(r, 0), "Requested action aborted: local error");
	json_decref(r);

	/* Looks like a status but is not one: "4.2 million" stays text. */
	r = post_smtp_reply_parse("connect", "421 4.2 million mails queued");
	check(json_is_null(json_object_get(r, "status")));
	check_str(line(r, 0), "4.2 million mails queued");
	json_decref(r);

	/* A bare code, and a server's control bytes and bad UTF-8. */
	r = post_smtp_reply_parse("DATA", "554");
	check_int(json_integer_value(json_object_get(r, "code")), 554);
	check_str(line(r, 0), "");
	json_decref(r);
	r = post_smtp_reply_parse("DATA", "554 5.6.0 bad \033[31mred\xff");
	check_str(line(r, 0), "bad ?[31mred?");
	json_decref(r);
	return (tap_done());
}
