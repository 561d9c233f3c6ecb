/* Live-source plumbing: URLs, credentials, backoff. */
#include <sys/stat.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "config.h"
#include "net.h"
#include "tap.h"

static void
test_urls(void)
{
	struct net_url	 u;
	char		*cause = NULL;

	check_int(net_url_parse("nntps://nntp.lore.kernel.org/"
	    "org.xenproject.lists.xen-devel", &u, &cause), 0);
	check_str(u.scheme, "nntps");
	check_str(u.host, "nntp.lore.kernel.org");
	check_int(u.port, 563);
	check_int(u.tls, 1);
	check(u.user == NULL);
	check_str(u.path, "org.xenproject.lists.xen-devel");
	net_url_free(&u);

	check_int(net_url_parse("IMAP://bot@127.0.0.1:1143/Sent%20Items/",
	    &u, &cause), 0);
	check_str(u.scheme, "imap");
	check_int(u.port, 1143);
	check_int(u.tls, 0);
	check_str(u.user, "bot");
	check_str(u.path, "Sent Items");
	net_url_free(&u);

	check_int(net_url_parse("imaps://[::1]/INBOX", &u, &cause), 0);
	check_str(u.host, "::1");
	check_int(u.port, 993);
	net_url_free(&u);
	check_int(net_url_parse("nntp://h/g", &u, &cause), 0);
	check_int(u.port, 119);
	net_url_free(&u);

	check_int(net_url_parse("imap://bot:secret@host/INBOX", &u, &cause),
	    -1);
	check(cause != NULL && strstr(cause, "password in the URL") != NULL);
	check(cause != NULL && strstr(cause, "secret") == NULL);
	free(cause);
	cause = NULL;
	check_int(net_url_parse("pop3://host/INBOX", &u, &cause), -1);
	free(cause);
	cause = NULL;
	check_int(net_url_parse("nntp://host", &u, &cause), -1);
	free(cause);
	cause = NULL;
	check_int(net_url_parse("nntp://host:99999/g", &u, &cause), -1);
	free(cause);
	cause = NULL;
	check_int(net_url_parse("host/g", &u, &cause), -1);
	free(cause);
}

static void
write_secret(const char *path, const char *text, mode_t mode)
{
	FILE	*f = fopen(path, "w");

	fputs(text, f);
	fclose(f);
	chmod(path, mode);
}

static void
test_credentials(void)
{
	struct config_source	 cs;
	struct net_url		 u;
	char			 path[1024], *user, *pass, *cause = NULL;

	memset(&cs, 0, sizeof cs);
	memset(&u, 0, sizeof u);
	check_int(net_credentials(&cs, &u, &user, &pass, &cause), 0);
	check(user == NULL && pass == NULL);

	snprintf(path, sizeof path, "%s/secret", tap_tmpdir());
	cs.credentials_file = path;
	write_secret(path, "alice:pa:ss\n", 0600);
	check_int(net_credentials(&cs, &u, &user, &pass, &cause), 0);
	check_str(user, "alice");
	check_str(pass, "pa:ss");
	free(user);
	net_password_free(pass);

	/* A configured user keeps a password that has a colon whole. */
	write_secret(path, "x:y\n", 0600);
	cs.user = "bob";
	check_int(net_credentials(&cs, &u, &user, &pass, &cause), 0);
	check_str(user, "bob");
	check_str(pass, "x:y");
	free(user);
	net_password_free(pass);
	write_secret(path, "bob:x:y\n", 0600);
	check_int(net_credentials(&cs, &u, &user, &pass, &cause), 0);
	check_str(pass, "x:y");
	free(user);
	net_password_free(pass);

	write_secret(path, "bob:x\n", 0644);
	check_int(net_credentials(&cs, &u, &user, &pass, &cause), -1);
	check(cause != NULL && strstr(cause, "refused") != NULL);
	free(cause);
	cause = NULL;

	cs.credentials_file = NULL;
	cs.credentials_env = "PVBOT_T_NET_SECRET";
	unsetenv("PVBOT_T_NET_SECRET");
	check_int(net_credentials(&cs, &u, &user, &pass, &cause), -1);
	free(cause);
	cause = NULL;
	setenv("PVBOT_T_NET_SECRET", "hunter2", 1);
	check_int(net_credentials(&cs, &u, &user, &pass, &cause), 0);
	check_str(user, "bob");
	check_str(pass, "hunter2");
	free(user);
	net_password_free(pass);
	unlink(path);
	rmdir(tap_tmpdir());
}

static void
test_backoff(void)
{
	long	d;
	int	i, ok = 1;

	for (i = 0; i < 200; i++) {
		d = net_backoff(1, 10, 300);
		ok &= d >= 5 && d < 10;
		d = net_backoff(3, 10, 300);
		ok &= d >= 20 && d < 40;
		d = net_backoff(30, 10, 300);
		ok &= d >= 150 && d < 300;
	}
	check(ok);
	check(net_backoff(1, 1, 1) >= 1);
}

int
main(void)
{
	test_urls();
	test_credentials();
	test_backoff();
	return (tap_done());
}
