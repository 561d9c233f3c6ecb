/* Commit notices in mail: parsing, names, attribution times, matching. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "commits-notice.h"
#include "datetime.h"
#include "tap.h"

/* A pipeline mail as GitLab sends it (made up for the test). */
static const char gitlab[] =
    "\n\nPipeline #1234567 has failed!\n\n"
    "Project: proj ( https://gitlab.example/grp/proj )\n"
    "Branch: staging ( https://gitlab.example/grp/proj/-/commits/staging )"
    "\n\n"
    "Commit: 0a1b2c3d ( https://gitlab.example/grp/proj/-/commit/"
    "0a1b2c3d4e5f60718293a4b5c6d7e8f901234567 )\n"
    "Commit Message: ring: add a counter of the requests that were never...\n"
    "Commit Author: Zo\xc3\xab Lef\xc3\xa8vre\n"
    "Committed by: Ada Byron ( https://gitlab.example/ada )\n\n"
    "Pipeline #1234567 had 2 failed jobs.\n";

static void
test_gitlab_whole(void)
{
	struct commits_notice	*v;
	size_t			 n;

	n = commits_notice_parse("proj | Failed pipeline for staging | 0a1b2c3d",
	    gitlab, 1000000, 0, &v);
	check_int(n, 1);
	if (n != 1)
		return;
	check_str(v[0].kind, COMMITS_NOTICE_GITLAB);
	check_str(v[0].oid, "0a1b2c3d4e5f60718293a4b5c6d7e8f901234567");
	check_str(v[0].title, "ring: add a counter of the requests that were "
	    "never");
	check_int(v[0].truncated, 1);
	check_str(v[0].author, "Zo\xc3\xab Lef\xc3\xa8vre");
	check_str(v[0].committer, "Ada Byron");
	check_str(v[0].branch, "staging");
	check_int(v[0].quoted, 0);
	check_int(v[0].at, 1000000);
	commits_notice_free(v, n);
}

/* The same, quoted in a reply written at +0200. */
static void
test_gitlab_quoted(void)
{
	struct commits_notice	*v;
	char			*body, *q, *d;
	const char		*p;
	size_t			 n;
	time_t			 date, want;

	body = malloc(2 * sizeof gitlab + 256);
	d = body;
	d += sprintf(d, "On 12.09.2024 14:52, GitLab wrote:\n");
	for (p = gitlab; *p != '\0'; p = q + 1) {
		q = strchr(p, '\n');
		d += sprintf(d, "> %.*s\n", (int)(q - p), p);
	}
	d += sprintf(d, "\nI picked this one as an example.\n");
	/* Date: Thu, 12 Sep 2024 16:30:29 +0200 */
	date = datetime_from_civil(2024, 9, 12, 14, 30, 29);
	n = commits_notice_parse("Re: proj | Failed pipeline for staging",
	    body, date, commits_notice_zone("Thu, 12 Sep 2024 16:30:29 +0200"),
	    &v);
	check_int(n, 1);
	want = datetime_from_civil(2024, 9, 12, 12, 52, 0);
	if (n == 1) {
		check_int(v[0].quoted, 1);
		check_int(v[0].at, want);
		check_str(v[0].branch, "staging");
		check_str(v[0].oid, "0a1b2c3d4e5f60718293a4b5c6d7e8f901234567");
	}
	commits_notice_free(v, n);
	free(body);
}

static void
test_bots(void)
{
	struct commits_notice	*v;
	size_t			 n;

	n = commits_notice_parse("[xen staging] tools: make the frobnicator "
	    "quiet",
	    "commit 1111111111222222222233333333334444444444\n"
	    "Author:     Pat Example <pat@example.org>\n"
	    "AuthorDate: Mon Mar 4 10:00:00 2024 +0100\n"
	    "Commit:     Ada Byron <ada@example.org>\n"
	    "CommitDate: Tue Mar 5 11:00:00 2024 +0100\n\n"
	    "    tools: make the frobnicator quiet\n", 2000000, 0, &v);
	check_int(n, 1);
	if (n == 1) {
		check_str(v[0].kind, COMMITS_NOTICE_PATCHBOT);
		check_str(v[0].branch, "staging");
		check_str(v[0].title, "tools: make the frobnicator quiet");
		check_int(v[0].truncated, 0);
		check_str(v[0].author, "Pat Example");
		check_str(v[0].author_email, "pat@example.org");
		check_str(v[0].committer, "Ada Byron");
		check_int(v[0].at, datetime_from_civil(2024, 3, 5, 10, 0, 0));
	}
	commits_notice_free(v, n);
	n = commits_notice_parse("[tip: x86/urgent] x86/foo: Fix the bar",
	    "The following commit has been merged into the x86/urgent branch "
	    "of tip:\n\n"
	    "Commit-ID:     abcdefabcdefabcdefabcdefabcdefabcdefabcd\n"
	    "Gitweb:        https://git.example/tip/abcdefabcdef\n"
	    "Author:        Pat Example <pat@example.org>\n"
	    "AuthorDate:    Mon, 04 Mar 2024 10:00:00 +01:00\n"
	    "Committer:     Ada Byron <ada@example.org>\n"
	    "CommitterDate: Tue, 05 Mar 2024 12:00:00 +00:00\n\n"
	    "x86/foo: Fix the bar\n", 3000000, 0, &v);
	check_int(n, 1);
	if (n == 1) {
		check_str(v[0].kind, COMMITS_NOTICE_TIPBOT);
		check_str(v[0].branch, "x86/urgent");
		check_str(v[0].oid, "abcdefabcdefabcdefabcdefabcdefabcdefabcd");
		/* tip's topic branches are not "committed" by default. */
		check(!commits_notice_branch_counts("staging,master,main",
		    v[0].branch));
		check(commits_notice_branch_counts("master,x86/*",
		    v[0].branch));
	}
	commits_notice_free(v, n);
	/* Talk about commits is no notice. */
	n = commits_notice_parse("Re: [PATCH] x: y", "> Commit: abcdef0\n"
	    "I think this commit message needs work.\n", 1, 0, &v);
	check_int(n, 0);
	commits_notice_free(v, n);
	/* A patchbot subject with a short id is not one of its mails. */
	n = commits_notice_parse("[xen staging] x: y", "commit abcdef01\n"
	    "Author: A B <a@b>\n", 1, 0, &v);
	check_int(n, 0);
	commits_notice_free(v, n);
}

static void
test_branches(void)
{
	check(commits_notice_branch_counts("staging,master,main", "staging"));
	check(commits_notice_branch_counts("staging,master,main", "main"));
	check(!commits_notice_branch_counts("staging,master,main",
	    "staging-4.19"));
	check(!commits_notice_branch_counts("staging,master,main",
	    "feature/x"));
	check(commits_notice_branch_counts("staging, stable-*",
	    "stable-4.19"));
	check(!commits_notice_branch_counts(NULL, "staging"));
}

static void
test_names(void)
{
	check(commits_notice_same_name("Zo\xc3\xab Lef\xc3\xa8vre",
	    "Zoe Lefevre"));
	check(commits_notice_same_name("Zo\xc3\xab Lef\xc3\xa8vre",
	    "LEFEVRE, ZOE"));
	check(commits_notice_same_name("\"Lef\xc3\xa8vre, Zo\xc3\xab\"",
	    "zo\xc3\xab lef\xc3\xa8vre"));
	check(commits_notice_same_name("Ji\xc5\x99\xc3\xad Nov\xc3\xa1k",
	    "Jiri Novak"));
	check(!commits_notice_same_name("Zoe Lefevre", "Zoe Smith"));
	check(!commits_notice_same_name("Zoe Lefevre", "Zoe Lefevre Smith"));
	check(!commits_notice_same_name("", ""));
	check(!commits_notice_same_name(NULL, "x"));
}

static void
test_attribution(void)
{
	time_t	date = datetime_from_civil(2024, 9, 12, 14, 30, 0);
	time_t	want = datetime_from_civil(2024, 9, 12, 12, 52, 0);

	check_int(commits_notice_zone("Thu, 12 Sep 2024 16:30:29 +0200"),
	    7200);
	check_int(commits_notice_zone("Thu, 12 Sep 2024 16:30:29 -0430 (X)"),
	    -(4 * 3600 + 1800));
	check_int(commits_notice_zone("Thu, 12 Sep 2024 16:30:29"), 0);
	check_int(commits_notice_attribution("On 12.09.2024 14:52, GitLab "
	    "wrote:", date, 7200), want);
	check_int(commits_notice_attribution("Am 12.09.2024 um 14:52 schrieb "
	    "GitLab:", date, 7200), want);
	check_int(commits_notice_attribution("On 2024-09-12 14:52, GitLab "
	    "wrote:", date, 7200), want);
	/* en-US month first: 9/12 (12 December is after the reply). */
	check_int(commits_notice_attribution("On 9/12/24 2:52 PM, GitLab "
	    "wrote:", date, 7200), want);
	/* A zone in the line beats the reply's. */
	check_int(commits_notice_attribution("On Thu, Sep 12, 2024 at "
	    "12:52:00PM +0000, GitLab wrote:", date, 7200), want);
	check_int(commits_notice_attribution("On Thu, 12 Sep 2024 12:52:00 "
	    "+0000 GitLab <gitlab@example> wrote:", date, 7200), want);
	/* After the reply, or weeks before it: not believed. */
	check_int(commits_notice_attribution("On 12.09.2024 18:52, GitLab "
	    "wrote:", date, 7200), 0);
	check_int(commits_notice_attribution("On 12.08.2024 14:52, GitLab "
	    "wrote:", date, 7200), 0);
	check_int(commits_notice_attribution("GitLab wrote:", date, 7200), 0);
	check_int(commits_notice_attribution("On Thursday, Mayer wrote:", date,
	    7200), 0);
}

/* Three versions of one series, a look-alike series, another author. */
static const struct commits_notice_cand cands[] = {
	{ 11, 1, 101, 1000, "Zo\xc3\xab Lef\xc3\xa8vre", "zoe@example.org",
	    "ring: add a counter of the requests that were never answered" },
	{ 12, 1, 102, 2000, "Zo\xc3\xab Lef\xc3\xa8vre", "zoe@example.org",
	    "ring: add a counter of the requests that were never answered" },
	/* v3, posted after the notice: not the one committed. */
	{ 13, 1, 103, 9000, "Zo\xc3\xab Lef\xc3\xa8vre", "zoe@example.org",
	    "ring: add a counter of the requests that were never answered" },
	/* Someone else's patch with the same title. */
	{ 21, 2, 201, 2500, "Max Mustermann", "max@example.org",
	    "ring: add a counter of the requests that were never answered" },
};

static void
test_pick(void)
{
	struct commits_notice	 n;
	struct commits_notice_cand two[2];
	const char		*why;
	char			 title[] = "ring: add a counter of the requests "
				    "that were never";
	char			 shorter[] = "ring: add a";

	memset(&n, 0, sizeof n);
	n.oid = (char *)"0a1b2c3d";
	n.title = title;
	n.truncated = 1;
	n.author = (char *)"Zoe Lefevre";
	n.branch = (char *)"staging";
	n.at = 5000;
	/* The newest version posted before the notice: v2. */
	check_int(commits_notice_pick(&n, cands, 4, &why), 12);
	check(why == NULL);
	/* A notice for another author claims that author's patch only. */
	n.author = (char *)"Max Mustermann";
	check_int(commits_notice_pick(&n, cands, 4, &why), 21);
	n.author = (char *)"Someone Else";
	check_int(commits_notice_pick(&n, cands, 4, &why), 0);
	check(why != NULL && strstr(why, "no posted patch") != NULL);
	/* Two series of one author fit the cut title: no claim. */
	n.author = (char *)"Zoe Lefevre";
	two[0] = cands[1];
	two[1] = cands[1];
	two[1].message = 31;
	two[1].series = 3;
	two[1].posting = 301;
	two[1].norm_subject = "ring: add a counter of the requests that were "
	    "never dropped";
	check_int(commits_notice_pick(&n, two, 2, &why), 0);
	check(why != NULL && strstr(why, "ambiguous") != NULL);
	/* Two parts of one version fit: no claim either. */
	two[1].series = 1;
	two[1].posting = cands[1].posting;
	check_int(commits_notice_pick(&n, two, 2, &why), 0);
	check(why != NULL && strstr(why, "ambiguous") != NULL);
	/* Not cut: the whole title must be the subject. */
	n.truncated = 0;
	check_int(commits_notice_pick(&n, cands, 4, &why), 0);
	/* Cut too short to say which patch. */
	n.title = shorter;
	n.truncated = 1;
	check_int(commits_notice_pick(&n, cands, 4, &why), 0);
	check(why != NULL && strstr(why, "too short") != NULL);
	/* By address when the notice gives one, whatever the name says. */
	n.title = title;
	n.author = (char *)"zoe";
	n.author_email = (char *)"ZOE@example.org";
	check_int(commits_notice_pick(&n, cands, 4, &why), 12);
}

int
main(void)
{
	test_gitlab_whole();
	test_gitlab_quoted();
	test_bots();
	test_branches();
	test_names();
	test_attribution();
	test_pick();
	return (tap_done());
}
