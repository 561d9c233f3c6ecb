/* Unit tests for pull.c: what a pull request asks to pull. */
#include <stdlib.h>
#include <string.h>

#include "pull.h"
#include "tap.h"

/* git request-pull, as Linux maintainers send it (PGP-signed). */
static const char kernel[] =
    "-----BEGIN PGP SIGNED MESSAGE-----\n"
    "Hash: SHA512\n"
    "\n"
    "The following changes since commit 9e98c678c2d6ae3a17cb2de55d17f69dddaa231b:\n"
    "\n"
    "  Linux 5.1-rc1 (2019-03-17 14:22:26 -0700)\n"
    "\n"
    "are available in the Git repository at:\n"
    "\n"
    "  git://git.example.org/pub/scm/linux/kernel/git/hv/linux.git tags/hv-next-signed\n"
    "\n"
    "for you to fetch changes up to a3fb7bf369efa296c1fc68aead1b6fb3c735573b:\n"
    "\n"
    "  drivers: hv: add a line (2019-04-23 15:41:40 -0400)\n"
    "\n"
    "- ----------------------------------------------------------------\n"
    "Two fixes (3):\n"
    "\n"
    "- ----------------------------------------------------------------\n"
    "Ann Author (2):\n"
    "      drivers: hid: one\n"
    "      drivers: hv: two\n"
    "\n"
    "Bob Other (1):\n"
    "      drivers: input: three\n"
    "\n"
    " drivers/hv/vmbus_drv.c | 1 +\n"
    " 1 file changed, 1 insertion(+)\n";

/* QEMU's [PULL 00/12] covers, with a branch instead of a tag. */
static const char qemu[] =
    "The following changes since commit 0123456789abcdef0123456789abcdef01234567:\n"
    "\n"
    "  Merge remote-tracking branch 'remotes/x' into staging (2026-10-01)\n"
    "\n"
    "are available in the Git repository at:\n"
    "\n"
    "  https://gitlab.example.com/someone/qemu.git\n"
    "\n"
    "for you to fetch changes up to fedcba9876543210fedcba9876543210fedcba98:\n";

int
main(void)
{
	struct pull	 pr;
	char		*s;

	check_int(pull_parse(kernel, &pr), 0);
	check_str(pr.url,
	    "git://git.example.org/pub/scm/linux/kernel/git/hv/linux.git");
	check_str(pr.ref, "tags/hv-next-signed");
	check_str(pr.base, "9e98c678c2d6ae3a17cb2de55d17f69dddaa231b");
	check_str(pr.head, "a3fb7bf369efa296c1fc68aead1b6fb3c735573b");
	/* The shortlog's authors, not a heading above it. */
	check_int(pr.commits, 3);
	s = pull_describe(&pr);
	check_str(s, "tags/hv-next-signed, up to a3fb7bf369ef (3 commits)");
	free(s);
	pull_free(&pr);

	check_int(pull_parse(qemu, &pr), 0);
	check_str(pr.url, "https://gitlab.example.com/someone/qemu.git");
	check(pr.ref == NULL);
	check_int(pr.commits, 0);
	s = pull_describe(&pr);
	check_str(s, "its default branch, up to fedcba987654");
	free(s);
	pull_free(&pr);

	check_int(pull_parse("Please pull my tree, thanks.\n", &pr), -1);
	check_int(pull_parse("are available in the Git repository at:\n",
	    &pr), -1);
	return (tap_done());
}
