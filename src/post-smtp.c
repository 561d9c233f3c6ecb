/*
 * SMTP through libcurl.  curl reports a refusal in its own words ("Weird
 * server reply", "RCPT failed: 550"), so the server's replies are read
 * from the protocol trace (CURLOPT_DEBUGFUNCTION: CURLINFO_HEADER_IN
 * carries each reply line, CURLINFO_HEADER_OUT each command) and the
 * class of a failure comes from the reply that refused.
 */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include <curl/curl.h>

#include "buf.h"
#include "config.h"
#include "net.h"
#include "post-smtp.h"
#include "xmalloc.h"

/* Renamed in 8.2.0; the old spelling is kept as an alias there. */
#if LIBCURL_VERSION_NUM >= 0x080200
#define POST_SMTP_ALLOWFAILS	CURLOPT_MAIL_RCPT_ALLOWFAILS
#else
#define POST_SMTP_ALLOWFAILS	CURLOPT_MAIL_RCPT_ALLLOWFAILS
#endif

/* The server's side of one conversation, read from curl's trace. */
struct post_smtp_trace {
	char		 at[256];	/* what the next reply answers */
	struct buf	 reply;		/* its lines so far */
	json_t		*refusals;	/* every reply of 400 and up */
	int		 last_code;	/* the last reply's before QUIT */
	struct buf	 retry;		/* refused for now at RCPT */
};

struct post_smtp_upload {
	const char	*data;
	size_t		 len, off;
};

static size_t
post_smtp_read(char *ptr, size_t size, size_t nmemb, void *arg)
{
	struct post_smtp_upload	*u = arg;
	size_t			 n = size * nmemb;

	if (n > u->len - u->off)
		n = u->len - u->off;
	memcpy(ptr, u->data + u->off, n);
	u->off += n;
	return (n);
}

/* The first line of a secret file (net_secret_open's rules) into line. */
static int
post_smtp_secret_file(const char *file, char *line, size_t size, char **cause)
{
	FILE	*f;
	int	 fd;

	if ((fd = net_secret_open(file, cause)) == -1)
		return (-1);
	if ((f = fdopen(fd, "r")) == NULL) {
		*cause = xasprintf("%s: %s", file, strerror(errno));
		close(fd);
		return (-1);
	}
	if (fgets(line, (int)size, f) == NULL)
		line[0] = '\0';
	fclose(f);
	line[strcspn(line, "\r\n")] = '\0';
	return (0);
}

int
post_smtp_credentials(const char *file, const char *env, char **user,
    char **pass, char **cause)
{
	char		 line[1024], *colon;
	const char	*v;

	*pass = NULL;
	if (env != NULL) {
		if ((v = getenv(env)) == NULL) {
			*cause = xasprintf("$%s is not set", env);
			return (-1);
		}
		snprintf(line, sizeof line, "%s", v);
	} else if (file != NULL) {
		if (post_smtp_secret_file(file, line, sizeof line, cause) != 0)
			return (-1);
	} else
		return (0);
	if ((colon = strchr(line, ':')) != NULL && *user == NULL) {
		*colon = '\0';
		*user = xstrdup(line);
		*pass = xstrdup(colon + 1);
	} else
		*pass = xstrdup(colon != NULL ? colon + 1 : line);
	explicit_bzero(line, sizeof line);
	return (0);
}

/*
 * The length of an RFC 3463 enhanced status code at p ("5.7.1"), or 0:
 * class 2, 4 or 5, then subject and detail of one to three digits.
 */
static size_t
post_smtp_status_len(const char *p)
{
	size_t	i = 2, n, part;

	if ((p[0] != '2' && p[0] != '4' && p[0] != '5') || p[1] != '.')
		return (0);
	for (part = 0; part < 2; part++) {
		for (n = 0; isdigit((unsigned char)p[i + n]); n++)
			;
		if (n < 1 || n > 3)
			return (0);
		i += n;
		if (part == 0 && p[i++] != '.')
			return (0);
	}
	return (p[i] == '\0' || p[i] == ' ' ? i : 0);
}

/*
 * Text the server chose, as a JSON string: control bytes (a terminal
 * escape, say) become '?', and so does all of it if it is not UTF-8.
 */
static json_t *
post_smtp_text(const char *p, size_t len)
{
	char	*copy = xstrndup(p, len);
	json_t	*j;
	size_t	 i;

	for (i = 0; i < len; i++)
		if ((unsigned char)copy[i] < 0x20 || copy[i] == 0x7f)
			copy[i] = '?';
	if ((j = json_stringn(copy, len)) == NULL) {
		for (i = 0; i < len; i++)
			if ((unsigned char)copy[i] >= 0x80)
				copy[i] = '?';
		j = json_stringn(copy, len);
	}
	free(copy);
	return (j);
}

json_t *
post_smtp_reply_parse(const char *at, const char *lines)
{
	json_t		*text = json_array();
	const char	*p = lines;
	char		 status[16] = "";
	size_t		 len, n;
	int		 code = 0;

	while (*p != '\0') {
		len = strcspn(p, "\n");
		if (len >= 3 && isdigit((unsigned char)p[0]) &&
		    isdigit((unsigned char)p[1]) &&
		    isdigit((unsigned char)p[2])) {
			if (code == 0)
				code = (p[0] - '0') * 100 + (p[1] - '0') * 10 +
				    (p[2] - '0');
			n = len > 3 && (p[3] == '-' || p[3] == ' ') ? 4 : 3;
			p += n;
			len -= n;
		}
		/* RFC 2034: each line's text may start with the status. */
		if ((n = post_smtp_status_len(p)) > 0 && n <= len) {
			if (status[0] == '\0' && n < sizeof status) {
				memcpy(status, p, n);
				status[n] = '\0';
			}
			for (p += n, len -= n; len > 0 && *p == ' '; p++, len--)
				;
		}
		json_array_append_new(text, post_smtp_text(p, len));
		p += len + (p[len] == '\n');
	}
	return (json_pack("{s:s, s:i, s:s?, s:o}", "at", at, "code", code,
	    "status", status[0] != '\0' ? status : NULL, "text", text));
}

char *
post_smtp_reply_format(const json_t *r)
{
	struct buf	 b;
	const char	*status;
	json_t		*line;
	size_t		 i;

	status = json_string_value(json_object_get(r, "status"));
	buf_init(&b);
	buf_printf(&b, "at %s: %d", json_string_value(json_object_get(r,
	    "at")), (int)json_integer_value(json_object_get(r, "code")));
	if (status != NULL)
		buf_printf(&b, " %s", status);
	json_array_foreach(json_object_get(r, "text"), i, line)
		if (*json_string_value(line) != '\0')
			buf_printf(&b, " %s", json_string_value(line));
	return (buf_detach(&b, NULL));
}

/*
 * What a reply answers, from the command curl sent.  Only MAIL and RCPT
 * are kept whole (their addresses, not their parameters); AUTH and the
 * SASL lines after it carry credentials and are named, never copied.
 */
static void
post_smtp_trace_command(struct post_smtp_trace *t, const char *data,
    size_t len)
{
	static const char *const verbs[] = {
		"DATA", "EHLO", "HELO", "NOOP", "QUIT", "RSET", "STARTTLS"
	};
	const char	*gt;
	size_t		 i, n;

	while (len > 0 && (data[len - 1] == '\n' || data[len - 1] == '\r'))
		len--;
	if ((len > 10 && strncasecmp(data, "MAIL FROM:", 10) == 0) ||
	    (len > 8 && strncasecmp(data, "RCPT TO:", 8) == 0)) {
		if ((gt = memchr(data, '>', len)) != NULL)
			len = (size_t)(gt - data) + 1;
		snprintf(t->at, sizeof t->at, "%.*s", (int)len, data);
		return;
	}
	n = strcspn(data, " \r\n");
	for (i = 0; i < sizeof verbs / sizeof verbs[0]; i++)
		if (n == strlen(verbs[i]) && n <= len &&
		    strncasecmp(data, verbs[i], n) == 0) {
			snprintf(t->at, sizeof t->at, "%s", verbs[i]);
			return;
		}
	snprintf(t->at, sizeof t->at, "AUTH");
}

/* A whole reply came in: note it, and keep it if it refused. */
static void
post_smtp_trace_reply(struct post_smtp_trace *t)
{
	json_t	*r;
	int	 code;

	if (t->reply.len > 0 && t->reply.data[t->reply.len - 1] == '\n')
		t->reply.data[--t->reply.len] = '\0';
	r = post_smtp_reply_parse(t->at, t->reply.data != NULL ?
	    t->reply.data : "");
	buf_reset(&t->reply);
	code = (int)json_integer_value(json_object_get(r, "code"));
	/* curl says QUIT after a failure: the refusal before it counts. */
	if (strcmp(t->at, "QUIT") != 0)
		t->last_code = code;
	if (code == 354)
		snprintf(t->at, sizeof t->at, "end of DATA");
	if (code < 400 || strcmp(t->at, "QUIT") == 0) {
		json_decref(r);
		return;
	}
	if (code < 500 && strncmp(t->at, "RCPT TO:<", 9) == 0)
		buf_printf(&t->retry, "%s%.*s", t->retry.len > 0 ? "," : "",
		    (int)strcspn(t->at + 9, ">"), t->at + 9);
	json_array_append_new(t->refusals, r);
}

static int
post_smtp_debug(CURL *c, curl_infotype type, char *data, size_t size,
    void *arg)
{
	struct post_smtp_trace	*t = arg;
	size_t			 len;

	(void)c;
	if (type == CURLINFO_HEADER_OUT)
		post_smtp_trace_command(t, data, size);
	if (type != CURLINFO_HEADER_IN)
		return (0);
	/* One line per call in practice; a reply ends with "NNN text". */
	while (size > 0) {
		len = 0;
		while (len < size && data[len] != '\n')
			len++;
		buf_add(&t->reply, data, len);
		while (t->reply.len > 0 &&
		    t->reply.data[t->reply.len - 1] == '\r')
			t->reply.data[--t->reply.len] = '\0';
		buf_addch(&t->reply, '\n');
		if (!(len > 3 && data[3] == '-'))
			post_smtp_trace_reply(t);
		len += len < size;
		data += len;
		size -= len;
	}
	return (0);
}

static struct curl_slist *
post_smtp_recipients(const char *rcpt)
{
	struct curl_slist	*l = NULL;
	char			*copy = xstrdup(rcpt), *tok, *save;

	for (tok = strtok_r(copy, ", ", &save); tok != NULL;
	    tok = strtok_r(NULL, ", ", &save))
		l = curl_slist_append(l, tok);
	free(copy);
	return (l);
}

static int
post_smtp_setup(CURL *c, const struct config_smtp *cf, char **user, char **pass,
    char **cause)
{
	/* ps, logs and config dumps would show it (net.c: the same). */
	if (net_url_has_password(cf->url)) {
		*cause = xstrdup("smtp url holds a password: use "
		    "credentials-file or credentials-env");
		return (-1);
	}
	*user = cf->user != NULL ? xstrdup(cf->user) : NULL;
	if (post_smtp_credentials(cf->credentials_file, cf->credentials_env,
	    user, pass, cause) != 0)
		return (-1);
	curl_easy_setopt(c, CURLOPT_URL, cf->url);
	/* smtp:// upgrades with STARTTLS when offered; smtps:// is TLS. */
	curl_easy_setopt(c, CURLOPT_USE_SSL, (long)CURLUSESSL_TRY);
	curl_easy_setopt(c, CURLOPT_SSL_VERIFYPEER, 1L);
	curl_easy_setopt(c, CURLOPT_SSL_VERIFYHOST, 2L);
	if (cf->ca_file != NULL)
		curl_easy_setopt(c, CURLOPT_CAINFO, cf->ca_file);
	if (*user != NULL)
		curl_easy_setopt(c, CURLOPT_USERNAME, *user);
	if (*pass != NULL)
		curl_easy_setopt(c, CURLOPT_PASSWORD, *pass);
	curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, cf->timeout);
	curl_easy_setopt(c, CURLOPT_TIMEOUT, cf->timeout * 2);
	curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
	return (0);
}

/*
 * What the attempt came to.  A failure the server's last reply explains
 * takes its class from that reply; with no recipient accepted, any 4xx
 * among them means try again.  Otherwise curl's own words, as before.
 */
static int
post_smtp_outcome(struct post_smtp_trace *t, CURLcode rc, const char *err,
    long code, struct post_smtp_answer *a)
{
	struct buf	 b;
	json_t		*r;
	size_t		 i, n = json_array_size(t->refusals);
	char		*line;
	int		 cls = 0;

	/*
	 * Refusals at RCPT are about the mail; the server's last reply
	 * explains a failure.  An EHLO or STARTTLS curl got past is noise.
	 */
	if (rc != CURLE_OK && t->last_code >= 400 && n > 0)
		cls = t->last_code / 100;
	json_array_foreach(t->refusals, i, r)
		if (strncmp(json_string_value(json_object_get(r, "at")),
		    "RCPT TO:", 8) == 0 || (cls != 0 && i == n - 1))
			json_array_append(a->refusals, r);
	if (t->retry.len > 0)
		a->retry_rcpt = buf_detach(&t->retry, NULL);
	buf_init(&b);
	json_array_foreach(a->refusals, i, r) {
		line = post_smtp_reply_format(r);
		buf_printf(&b, "%s%s", b.len > 0 ? "; " : "", line);
		free(line);
	}
	if (rc == CURLE_OK) {
		a->error = b.len > 0 ? buf_detach(&b, NULL) : NULL;
		return (POST_SMTP_OK);
	}
	if (cls != 0) {
		/* No recipient took it: any 4xx among them may pass later. */
		r = json_array_get(t->refusals, n - 1);
		if (strncmp(json_string_value(json_object_get(r, "at")),
		    "RCPT TO:", 8) == 0 && a->retry_rcpt != NULL)
			cls = 4;
		a->error = buf_detach(&b, NULL);
		return (cls == 5 ? POST_SMTP_PERM : POST_SMTP_TEMP);
	}
	/* Nothing refused it: the transport failed. */
	if (b.len > 0)
		buf_addstr(&b, "; ");
	if (code >= 400)
		buf_printf(&b, "%ld ", code);
	buf_addstr(&b, err[0] != '\0' ? err : curl_easy_strerror(rc));
	a->error = buf_detach(&b, NULL);
	return (code >= 500 && code < 600 ? POST_SMTP_PERM : POST_SMTP_TEMP);
}

void
post_smtp_answer_free(struct post_smtp_answer *a)
{
	free(a->error);
	json_decref(a->refusals);
	free(a->retry_rcpt);
	memset(a, 0, sizeof *a);
}

int
post_smtp_send(const struct config_smtp *cf, const char *sender,
    const char *rcpt, const char *raw, size_t len,
    struct post_smtp_answer *answer)
{
	struct post_smtp_upload	 u = { raw, len, 0 };
	struct post_smtp_trace	 t;
	struct curl_slist	*to;
	char			 err[CURL_ERROR_SIZE] = "", *user = NULL;
	char			*pass = NULL;
	CURL			*c;
	CURLcode		 rc;
	long			 code = 0;
	int			 r;

	memset(answer, 0, sizeof *answer);
	answer->refusals = json_array();
	if ((c = curl_easy_init()) == NULL) {
		answer->error = xstrdup("curl_easy_init failed");
		return (POST_SMTP_TEMP);
	}
	if (post_smtp_setup(c, cf, &user, &pass, &answer->error) != 0) {
		curl_easy_cleanup(c);
		free(user);
		return (POST_SMTP_PERM);
	}
	memset(&t, 0, sizeof t);
	snprintf(t.at, sizeof t.at, "connect");
	t.refusals = json_array();
	to = post_smtp_recipients(rcpt);
	curl_easy_setopt(c, CURLOPT_MAIL_FROM, sender);
	curl_easy_setopt(c, CURLOPT_MAIL_RCPT, to);
	/* A Cc that bounces must not keep the status reply off the list. */
	curl_easy_setopt(c, POST_SMTP_ALLOWFAILS, 1L);
	curl_easy_setopt(c, CURLOPT_READFUNCTION, post_smtp_read);
	curl_easy_setopt(c, CURLOPT_READDATA, &u);
	curl_easy_setopt(c, CURLOPT_UPLOAD, 1L);
	curl_easy_setopt(c, CURLOPT_ERRORBUFFER, err);
	/* The debug function sees only what VERBOSE would print. */
	curl_easy_setopt(c, CURLOPT_DEBUGFUNCTION, post_smtp_debug);
	curl_easy_setopt(c, CURLOPT_DEBUGDATA, &t);
	curl_easy_setopt(c, CURLOPT_VERBOSE, 1L);
	rc = curl_easy_perform(c);
	curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &code);
	curl_easy_cleanup(c);
	curl_slist_free_all(to);
	r = post_smtp_outcome(&t, rc, err, code, answer);
	json_decref(t.refusals);
	buf_release(&t.reply);
	buf_release(&t.retry);
	free(user);
	if (pass != NULL) {
		explicit_bzero(pass, strlen(pass));
		free(pass);
	}
	return (r);
}
