/* Unit tests for policy.c: policy.conf parsing, errors and overrides. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "policy.h"
#include "tap.h"

#define HOUR	3600L
#define DAY	86400L

static struct policy *
parse(const char *text, char **cause)
{
	struct policy	*p = NULL;

	*cause = NULL;
	if (policy_parse(text, strlen(text), "t.conf", &p, cause) != 0)
		return (NULL);
	return (p);
}

static void
test_defaults(void)
{
	struct policy	 d, *p;
	char		*cause;

	policy_defaults(&d);
	check_int(d.window, 7 * DAY);
	check_int(d.responsive, 14 * DAY);
	check_int(d.stalled, 90 * DAY);
	check_int(d.remind, 7 * DAY);
	check_int(d.proposer_vote, 1);
	check_int(d.tested_vote, 0);
	check_int(d.maintainer_ack, 0);
	check_int(d.stale_counts, 0);
	check_int(d.version_answers, 1);
	check_int(d.noverrides, 0);

	/* An empty file, or only comments, is the defaults. */
	if (check((p = parse("", &cause)) != NULL)) {
		check_int(p->window, d.window);
		check_int(p->responsive, d.responsive);
		check_int(p->version_answers, 1);
		check_str(p->path, "t.conf");
		policy_free(p);
	}
	if (check((p = parse("# nothing\n\n   \n\t# still nothing\n",
	    &cause)) != NULL)) {
		check_int(p->stalled, d.stalled);
		policy_free(p);
	}
}

struct dur_case {
	const char	*text;
	long		 window, responsive, stalled, remind;
};

static const struct dur_case dur_cases[] = {
	{ "window 36h\n", 36 * HOUR, 14 * DAY, 90 * DAY, 7 * DAY },
	{ "window 2w\nresponsive 1d12h\n", 14 * DAY, 36 * HOUR, 90 * DAY,
	    7 * DAY },
	{ "stalled 30d\nremind 90\n", 7 * DAY, 14 * DAY, 30 * DAY, 90 },
	{ "window 30m   # half an hour\n", 30 * 60, 14 * DAY, 90 * DAY,
	    7 * DAY },
	{ "window 7d\r\nresponsive 3d\r\n", 7 * DAY, 3 * DAY, 90 * DAY,
	    7 * DAY },
	/* The last line wins, and a file need not end in a newline. */
	{ "window 3d\nwindow 5d", 5 * DAY, 14 * DAY, 90 * DAY, 7 * DAY },
};

static void
test_durations(void)
{
	struct policy	*p;
	char		*cause;
	size_t		 i;

	for (i = 0; i < sizeof dur_cases / sizeof dur_cases[0]; i++) {
		printf("# duration case %zu\n", i);
		if (!check((p = parse(dur_cases[i].text, &cause)) != NULL)) {
			printf("#   %s\n", cause);
			free(cause);
			continue;
		}
		check_int(p->window, dur_cases[i].window);
		check_int(p->responsive, dur_cases[i].responsive);
		check_int(p->stalled, dur_cases[i].stalled);
		check_int(p->remind, dur_cases[i].remind);
		policy_free(p);
	}
}

static void
test_decisions(void)
{
	struct policy	*p;
	char		*cause;

	p = parse("maintainer-ack yes\nproposer-vote 2\ntested-by-vote 1\n"
	    "stale-objections-count on\nnew-version-answers no\n", &cause);
	if (check(p != NULL)) {
		check_int(p->maintainer_ack, 1);
		check_int(p->proposer_vote, 2);
		check_int(p->tested_vote, 1);
		check_int(p->stale_counts, 1);
		check_int(p->version_answers, 0);
		policy_free(p);
	}
	p = parse("proposer-vote 0\nmaintainer-ack false\n", &cause);
	if (check(p != NULL)) {
		check_int(p->proposer_vote, 0);
		check_int(p->maintainer_ack, 0);
		policy_free(p);
	}
}

static const char overrides[] =
    "window 7d\n"
    "protocol pvcalls\n"
    "\twindow 14d\n"
    "\tresponsive 3d\n"
    "protocol 9pfs\n"
    "\twindow 21d\n"
    "protocol displif\n"
    "\twindow 3d\n"
    "\tstalled 200d\n"
    "protocol sndif\n"
    "\tresponsive 20d\n"
    "list linux-kernel\n"
    "\twindow 10d\n"
    "\tresponsive 5d\n"
    "remind 2d\n";

static void
test_overrides(void)
{
	struct policy	*p;
	char		*cause;
	char		*pvcalls[] = { "pvcalls" };
	char		*two[] = { "pvcalls", "9pfs" };
	char		*two_rev[] = { "9pfs", "pvcalls" };
	char		*displif[] = { "displif" };
	char		*sndif[] = { "sndif" };
	char		*shout[] = { "PVCalls" };
	char		*other[] = { "blkif" };

	if (!check((p = parse(overrides, &cause)) != NULL)) {
		printf("#   %s\n", cause);
		free(cause);
		return;
	}
	check_int(p->noverrides, 5);
	/* An unindented key closes the section: remind is global. */
	check_int(p->remind, 2 * DAY);
	check_int(p->window, 7 * DAY);
	check_int(policy_window(p, NULL, NULL, 0), 7 * DAY);
	check_int(policy_window(p, "xen-devel", NULL, 0), 7 * DAY);
	check_int(policy_window(p, "xen-devel", other, 1), 7 * DAY);
	check_int(policy_window(p, "xen-devel", pvcalls, 1), 14 * DAY);
	check_int(policy_window(p, NULL, shout, 1), 14 * DAY);
	check_int(policy_window(p, "linux-kernel", NULL, 0), 10 * DAY);
	check_int(policy_window(p, "LINUX-KERNEL", other, 1), 10 * DAY);
	/* Several protocols: the longest override wins, in any order. */
	check_int(policy_window(p, NULL, two, 2), 21 * DAY);
	check_int(policy_window(p, NULL, two_rev, 2), 21 * DAY);
	/* A protocol's override beats a list's, even a shorter one. */
	check_int(policy_window(p, "linux-kernel", pvcalls, 1), 14 * DAY);
	check_int(policy_window(p, "linux-kernel", displif, 1), 3 * DAY);
	/* A protocol without a window override leaves it to the list. */
	check_int(policy_window(p, "linux-kernel", sndif, 1), 10 * DAY);
	check_int(policy_window(p, "xen-devel", sndif, 1), 7 * DAY);
	check_int(policy_responsive(p, "xen-devel", sndif, 1), 20 * DAY);
	check_int(policy_responsive(p, "linux-kernel", pvcalls, 1), 3 * DAY);
	check_int(policy_responsive(p, "linux-kernel", other, 1), 5 * DAY);
	check_int(policy_responsive(p, NULL, two, 2), 3 * DAY);
	check_int(policy_responsive(p, NULL, NULL, 0), 14 * DAY);
	check_int(policy_stalled(p, "displif"), 200 * DAY);
	check_int(policy_stalled(p, "pvcalls"), 90 * DAY);
	policy_free(p);
}

struct err_case {
	const char	*text;
	const char	*want;	/* the whole cause */
};

static const struct err_case err_cases[] = {
	{ "frobnicate 1\n", "t.conf:1: unknown keyword 'frobnicate'" },
	{ "\n# c\nwindow 7x\n",
	    "t.conf:3: bad duration '7x' (use 36h, 7d, 2w)" },
	{ "window 0\n", "t.conf:1: bad duration '0' (use 36h, 7d, 2w)" },
	{ "window -1d\n", "t.conf:1: bad duration '-1d' (use 36h, 7d, 2w)" },
	{ "window\n", "t.conf:1: 'window' needs a value" },
	{ "window 7 days\n", "t.conf:1: 'window': unexpected 'days'" },
	{ "maintainer-ack maybe\n", "t.conf:1: bad yes/no value 'maybe'" },
	{ "proposer-vote 3\n", "t.conf:1: bad number '3' (0..2)" },
	{ "tested-by-vote 2\n", "t.conf:1: bad number '2' (0..1)" },
	{ "proposer-vote one\n", "t.conf:1: bad number 'one' (0..2)" },
	{ "\twindow 7d\n", "t.conf:1: indented 'window' outside a section" },
	{ "protocol\n", "t.conf:1: 'protocol' needs a name" },
	{ "list pvcalls extra\n", "t.conf:1: 'list': unexpected 'extra'" },
	{ "protocol pvcalls\n\tremind 7d\n",
	    "t.conf:2: unknown keyword 'remind' in protocol section" },
	{ "protocol pvcalls\n\twindow 1x\n",
	    "t.conf:2: bad duration '1x' (use 36h, 7d, 2w)" },
	{ "protocol pvcalls\n\twindow 9d\nprotocol PVCALLS\n",
	    "t.conf:3: protocol 'PVCALLS' defined twice" },
	/* Every error is reported, each with its line. */
	{ "window 7d\nbogus 1\nresponsive 1q\n\n\tstalled 3d\nremind\n",
	    "t.conf:2: unknown keyword 'bogus'\n"
	    "t.conf:3: bad duration '1q' (use 36h, 7d, 2w)\n"
	    "t.conf:5: indented 'stalled' outside a section\n"
	    "t.conf:6: 'remind' needs a value" },
};

static void
test_errors(void)
{
	struct policy	*p;
	char		*cause;
	size_t		 i;

	for (i = 0; i < sizeof err_cases / sizeof err_cases[0]; i++) {
		p = parse(err_cases[i].text, &cause);
		check(p == NULL);
		check_str(cause, err_cases[i].want);
		free(cause);
		policy_free(p);
	}
	/* Same name as a list and as a protocol is fine. */
	p = parse("list pvcalls\n\twindow 1d\nprotocol pvcalls\n\twindow 2d\n",
	    &cause);
	check(p != NULL);
	policy_free(p);
}

static void
test_files(void)
{
	struct policy	*p = NULL;
	const char	*top = getenv("TOP_SRCDIR");
	char		 path[4096], *cause = NULL;
	FILE		*f;

	/* The shipped policy.conf parses and says what the defaults say. */
	snprintf(path, sizeof path, "%s/etc/pvbot/policy.conf",
	    top != NULL ? top : ".");
	if (check(policy_load(path, &p, &cause) == 0)) {
		check_int(p->window, 7 * DAY);
		check_int(p->responsive, 14 * DAY);
		check_int(p->stalled, 90 * DAY);
		check_int(p->remind, 7 * DAY);
		check_int(p->proposer_vote, 1);
		check_int(p->tested_vote, 0);
		check_int(p->maintainer_ack, 0);
		check_int(p->stale_counts, 0);
		check_int(p->version_answers, 1);
		check_int(p->noverrides, 0);
		check_str(p->path, path);
		policy_free(p);
	} else {
		printf("#   %s\n", cause);
		free(cause);
	}

	/* A missing file names itself. */
	snprintf(path, sizeof path, "%s/nonexistent.conf", tap_tmpdir());
	cause = NULL;
	check(policy_load(path, &p, &cause) == -1);
	check(cause != NULL && strncmp(cause, path, strlen(path)) == 0);
	free(cause);

	/* Errors in a file carry its path. */
	snprintf(path, sizeof path, "%s/bad.conf", tap_tmpdir());
	if ((f = fopen(path, "w")) != NULL) {
		fputs("window 7d\n\nresponsive soon\n", f);
		fclose(f);
	}
	cause = NULL;
	check(policy_load(path, &p, &cause) == -1);
	if (check(cause != NULL)) {
		char want[4200];

		snprintf(want, sizeof want, "%s:3: bad duration 'soon' (use "
		    "36h, 7d, 2w)", path);
		check_str(cause, want);
	}
	free(cause);
	remove(path);
	remove(tap_tmpdir());
}

int
main(void)
{
	test_defaults();
	test_durations();
	test_decisions();
	test_overrides();
	test_errors();
	test_files();
	return (tap_done());
}
