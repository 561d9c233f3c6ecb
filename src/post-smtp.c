/*
 * SMTP through libcurl.  curl reports a refused DATA as a transfer error,
 * so the class of failure comes from CURLINFO_RESPONSE_CODE, not from the
 * error number.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include <curl/curl.h>

#include "config.h"
#include "net.h"
#include "post-smtp.h"
#include "xmalloc.h"

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
	if (post_smtp_credentials(cf->credentials_file, cf->credentials_env, user,
	    pass, cause) != 0)
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

int
post_smtp_send(const struct config_smtp *cf, const char *sender, const char *rcpt,
    const char *raw, size_t len, char **answer)
{
	struct post_smtp_upload	 u = { raw, len, 0 };
	struct curl_slist	*to;
	char			 err[CURL_ERROR_SIZE] = "", *user = NULL;
	char			*pass = NULL;
	CURL			*c;
	CURLcode		 rc;
	long			 code = 0;
	int			 r;

	if ((c = curl_easy_init()) == NULL) {
		*answer = xstrdup("curl_easy_init failed");
		return (POST_SMTP_TEMP);
	}
	if (post_smtp_setup(c, cf, &user, &pass, answer) != 0) {
		curl_easy_cleanup(c);
		free(user);
		return (POST_SMTP_PERM);
	}
	to = post_smtp_recipients(rcpt);
	curl_easy_setopt(c, CURLOPT_MAIL_FROM, sender);
	curl_easy_setopt(c, CURLOPT_MAIL_RCPT, to);
	curl_easy_setopt(c, CURLOPT_READFUNCTION, post_smtp_read);
	curl_easy_setopt(c, CURLOPT_READDATA, &u);
	curl_easy_setopt(c, CURLOPT_UPLOAD, 1L);
	curl_easy_setopt(c, CURLOPT_ERRORBUFFER, err);
	rc = curl_easy_perform(c);
	curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &code);
	if (rc == CURLE_OK)
		r = POST_SMTP_OK;
	else {
		r = code >= 500 && code < 600 ? POST_SMTP_PERM : POST_SMTP_TEMP;
		*answer = code != 0 ? xasprintf("%ld %s", code, err[0] ? err :
		    curl_easy_strerror(rc)) : xstrdup(err[0] ? err :
		    curl_easy_strerror(rc));
	}
	curl_slist_free_all(to);
	curl_easy_cleanup(c);
	free(user);
	if (pass != NULL) {
		explicit_bzero(pass, strlen(pass));
		free(pass);
	}
	return (r);
}
