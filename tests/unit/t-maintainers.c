/* MAINTAINERS parsing, path matching and diff path extraction. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "buf.h"
#include "diff.h"
#include "maintainers.h"
#include "tap.h"

/* Every kind of line and pattern, Linux and Xen style. */
static const char sample[] =
    "\tList of maintainers\n"
    "\t===================\n"
    "\n"
    "Descriptions of section entries:\n"
    "\tM: Maintainer: FullName <address@domain>\n"
    "\tF: drivers/net/\tall files in and below drivers/net\n"
    "\n"
    "Maintainers List (try to look for most precise areas first)\n"
    "\n"
    "\t\t-----------------------------------\n"
    "\n"
    "ALPHA DRIVER\n"
    "M:\tAlice Example <Alice@Example.ORG>\n"
    "R:\tRob Reviewer <rob@example.org>\n"
    "L:\talpha-devel@example.org\n"
    "S:\tSupported\n"
    "F:\tdrivers/alpha/\n"
    "X:\tdrivers/alpha/legacy/\n"
    "\n"
    "ALPHA CORE\n"
    "M:\tCarol <carol@example.org>\n"
    "S:\tMaintained\n"
    "F:\tdrivers/alpha/core/\n"
    "\n"
    "# a comment line\n"
    "BETA HEADERS\n"
    "M: Bea <bea@example.org>\n"
    "F:    include/beta/*\n"
    "\n"
    "GLOBS\n"
    "M:\tGus <gus@example.org>\n"
    "F:\tarch/*/beta.c\n"
    "F:\tlib/b?ta*.c\n"
    "F:\tkernel/{sched,irq}.c\n"
    "W:\thttps://example.org\n"
    "T:\tgit https://example.org/beta.git\n"
    "Q:\thttps://patchwork.example.org\n"
    "C:\tirc://example.org/beta\n"
    "P:\tDocumentation/process.rst\n"
    "B:\thttps://bugs.example.org\n"
    "\n"
    "LITERAL\n"
    "M:\tLee <lee@example.org>\n"
    "F:\ttools/python\n"
    "F:\tMakefile\n"
    "\n"
    "REGEX\n"
    "M:\tRex <rex@example.org>\n"
    "N:\t[_-]rex (\\.c|\\.h)$\n"
    "K:\t\\brex_\\w+\n"
    "\n"
    "THE REST\n"
    "M:\tTom Rest <tom@example.org>\n"
    "M:\tAlice Example <alice@example.org>\n"
    "L:\tdevel@example.org\n"
    "S:\tSupported\n"
    "F:\t*\n"
    "F:\t*/\n";

struct match_case {
	const char	*path;
	const char	*want;	/* titles joined by ',' */
};

static const struct match_case sample_cases[] = {
	{ "drivers/alpha/main.c", "ALPHA DRIVER,THE REST" },
	{ "./drivers/alpha/main.c", "ALPHA DRIVER,THE REST" },
	{ "drivers/alpha/core/x.c", "ALPHA CORE,ALPHA DRIVER,THE REST" },
	{ "drivers/alpha/core/deep/y.c", "ALPHA CORE,ALPHA DRIVER,THE REST" },
	{ "drivers/alpha/legacy/old.c", "THE REST" },
	{ "drivers/alphabet.c", "THE REST" },
	{ "include/beta/b.h", "BETA HEADERS,THE REST" },
	{ "include/beta/sub/c.h", "THE REST" },
	{ "arch/x86/beta.c", "GLOBS,THE REST" },
	{ "arch/x86/sub/beta.c", "THE REST" },
	{ "lib/beta-util.c", "GLOBS,THE REST" },
	{ "lib/bxta.c", "GLOBS,THE REST" },
	{ "lib/bta.c", "THE REST" },
	{ "kernel/irq.c", "GLOBS,THE REST" },
	{ "kernel/sched.c", "GLOBS,THE REST" },
	{ "kernel/time.c", "THE REST" },
	{ "tools/python/setup.py", "LITERAL,THE REST" },
	{ "tools/python", "LITERAL,THE REST" },
	{ "tools/pythonx/a.py", "THE REST" },
	{ "Makefile", "LITERAL,THE REST" },
	{ "sub/Makefile", "THE REST" },
	{ "net/foo-rex.c", "REGEX,THE REST" },
	{ "net/rex.c", "THE REST" },
	{ "drivers/alpha/a_rex.h", "ALPHA DRIVER,REGEX,THE REST" },
	{ "README", "THE REST" },
};

/* THE REST comes last even when the file lists it first. */
static const char rest_first[] =
    "THE REST\n"
    "M:\tTom <tom@example.org>\n"
    "F:\t*\n"
    "F:\t*/\n"
    "\n"
    "SHORT\n"
    "M:\tS <s@example.org>\n"
    "F:\ta/\n"
    "\n"
    "LONGER\n"
    "M:\tL <l@example.org>\n"
    "F:\ta/b/\n"
    "\n"
    "EQUAL\n"
    "M:\tE <e@example.org>\n"
    "F:\ta/?/\n";

static const struct match_case rest_first_cases[] = {
	{ "a/b/c.c", "LONGER,EQUAL,SHORT,THE REST" },
	{ "a/x.c", "SHORT,THE REST" },
	{ "b.c", "THE REST" },
};

static const char legend[] =
    "P: Person\r\n"
    "M: Mail patches to\r\n"
    "\r\n"
    "T\r\n"
    "M:\tA <a@b.org>\r\n"
    "Z:\r\n"
    "S:\tOdd Fixes for 2.4\r\n"
    "S:\tMaintained for 2.6\r\n"
    "F:\tx/\r\n";

struct error_case {
	const char	*text;
	const char	*want;	/* substring of the cause */
};

static const struct error_case error_cases[] = {
	{ "T\nM:\tNo Address\n", "t.txt:2: M: 'No Address' has no email" },
	{ "T\nF:\tx\ngarbage\n", "t.txt:3: expected an 'X: value' line" },
	{ "T\nS:\tx\n\nM:\tA <a@b.org>\n",
	  "t.txt:4: 'M:' line outside a section" },
	{ "T\nS:\tx\n\nprose\nmore prose\nM:\tA <a@b.org>\n",
	  "t.txt:6: 'M:' line" },
	{ "T\nN:\t(unclosed\n", "t.txt:2: N: '(unclosed':" },
	{ "T\nF:\n", "t.txt:2: empty F: line" },
	{ "just prose\n\nand more\n", "t.txt: no sections" },
	{ "", "t.txt: no sections" },
};

static const struct match_case diff_cases[] = {
	/* A hunk whose removed and added lines look like headers. */
	{ "diff --git a/xen/common/foo.c b/xen/common/foo.c\n"
	  "index 1111111..2222222 100644\n"
	  "--- a/xen/common/foo.c\n"
	  "+++ b/xen/common/foo.c\n"
	  "@@ -1,3 +1,3 @@\n"
	  " ctx\n"
	  "--- a/not/a/file.c\n"
	  "+++ b/not/a/file.c\n"
	  " ctx\n", "xen/common/foo.c" },
	{ "diff --git a/new.c b/new.c\n"
	  "new file mode 100644\n"
	  "--- /dev/null\n"
	  "+++ b/new.c\n"
	  "@@ -0,0 +1 @@\n"
	  "+x\n", "new.c" },
	{ "--- a/old.c\n"
	  "+++ /dev/null\n"
	  "@@ -1 +0,0 @@\n"
	  "-x\n", "old.c" },
	{ "diff --git a/old/x.c b/new/x.c\n"
	  "similarity index 90%\n"
	  "rename from old/x.c\n"
	  "rename to new/x.c\n"
	  "--- a/old/x.c\n"
	  "+++ b/new/x.c\n"
	  "@@ -1 +1 @@\n"
	  "-a\n"
	  "+b\n", "old/x.c,new/x.c" },
	{ "diff --git a/p q/r b/s t/u\n"
	  "similarity index 100%\n"
	  "rename from p q/r\n"
	  "rename to s t/u\n", "p q/r,s t/u" },
	{ "diff --git a/a.c b/b.c\n"
	  "similarity index 100%\n"
	  "copy from a.c\n"
	  "copy to b.c\n", "a.c,b.c" },
	{ "diff --git a/img.png b/img.png\n"
	  "index 1..2 100644\n"
	  "Binary files a/img.png and b/img.png differ\n"
	  "diff --git a/run.sh b/run.sh\n"
	  "old mode 100644\n"
	  "new mode 100755\n", "img.png,run.sh" },
	{ "diff --git \"a/sp\\tace.c\" \"b/sp\\tace.c\"\n"
	  "--- \"a/sp\\tace.c\"\n"
	  "+++ \"b/sp\\tace.c\"\n"
	  "@@ -1 +1 @@\n"
	  "-a\n"
	  "+b\n", "sp\tace.c" },
	{ "diff --git \"a/caf\\303\\251.c\" \"b/caf\\303\\251.c\"\n"
	  "deleted file mode 100644\n", "caf\xc3\xa9.c" },
	{ "--- a/plain.c\t2024-01-01 10:00:00.000000000 +0000\r\n"
	  "+++ b/plain.c\t2024-01-02 10:00:00.000000000 +0000\r\n"
	  "@@ -1,2 +1,2 @@\r\n"
	  " a\r\n"
	  "-b\r\n"
	  "+c\r\n", "plain.c" },
	/* A mail: commit message, diffstat, two files, a stripped context
	 * line and the signature. */
	{ "Subject: [PATCH] x\n"
	  "\n"
	  "rename from is/not/a/header.c\n"
	  "--- not a pair\n"
	  "---\n"
	  " xen/a.c | 2 +-\n"
	  "\n"
	  "diff --git a/xen/a.c b/xen/a.c\n"
	  "--- a/xen/a.c\n"
	  "+++ b/xen/a.c\n"
	  "@@ -1,3 +1,3 @@\n"
	  " a\n"
	  "\n"
	  "-b\n"
	  "+c\n"
	  "diff --git a/xen/b.c b/xen/b.c\n"
	  "--- a/xen/b.c\n"
	  "+++ b/xen/b.c\n"
	  "@@ -1 +1 @@\n"
	  "-b\n"
	  "+c\n"
	  "diff --git a/xen/a.c b/xen/a.c\n"
	  "--- a/xen/a.c\n"
	  "+++ b/xen/a.c\n"
	  "@@ -10 +10 @@\n"
	  "-b\n"
	  "+c\n"
	  "-- \n"
	  "2.39.2\n", "xen/a.c,xen/b.c" },
	{ "no diff here\n", "" },
	{ "", "" },
};

static char *
titles(const struct maintainers *mt, const char *path)
{
	const struct maintainers_section	**v;
	struct buf				  b;
	size_t					  i, n;

	buf_init(&b);
	n = maintainers_match(mt, path, &v);
	for (i = 0; i < n; i++)
		buf_printf(&b, "%s%s", i ? "," : "", v[i]->title);
	if (n == 0)
		check(v == NULL);
	free(v);
	return (buf_detach(&b, NULL));
}

static void
check_matches(const struct maintainers *mt, const struct match_case *cases,
    size_t n)
{
	char	*got;
	size_t	 i;

	for (i = 0; i < n; i++) {
		got = titles(mt, cases[i].path);
		if (!check_str(got, cases[i].want))
			printf("#   path '%s'\n", cases[i].path);
		free(got);
	}
}

static struct maintainers *
parse_ok(const char *text)
{
	struct maintainers	*mt = NULL;
	char			*cause = NULL;

	if (!check_int(maintainers_parse(text, strlen(text), "t.txt", &mt,
	    &cause), 0))
		printf("#   %s\n", cause);
	free(cause);
	return (mt);
}

static void
test_sections(const struct maintainers *mt)
{
	const struct maintainers_section	*s;

	check_int(maintainers_nsections(mt), 7);
	check(maintainers_get(mt, 7) == NULL);
	check_str(maintainers_get(mt, 0)->title, "ALPHA DRIVER");
	s = maintainers_find(mt, "alpha driver");
	if (!check(s != NULL))
		return;
	check_int(s->line, 12);
	check_int(s->nm, 1);
	check_str(s->m[0], "Alice Example <Alice@Example.ORG>");
	check_str(s->m_email[0], "alice@example.org");
	check_int(s->nr, 1);
	check_str(s->r_email[0], "rob@example.org");
	check_int(s->nl, 1);
	check_str(s->l[0], "alpha-devel@example.org");
	check_str(s->status, "Supported");
	check_int(s->nf, 1);
	check_str(s->x[0], "drivers/alpha/legacy/");
	check(maintainers_find(mt, "Descriptions of section entries:") ==
	    NULL);
	s = maintainers_find(mt, "BETA HEADERS");
	check(s != NULL && s->status == NULL && s->nf == 1 &&
	    strcmp(s->f[0], "include/beta/*") == 0);
	s = maintainers_find(mt, "GLOBS");
	check(s != NULL && s->nf == 3 && s->nm == 1);
	s = maintainers_find(mt, "REGEX");
	check(s != NULL && s->nn == 1 && s->nk == 1 &&
	    strcmp(s->k[0], "\\brex_\\w+") == 0);
	check(maintainers_find(mt, "NOPE") == NULL);
}

static void
test_people(const struct maintainers *mt)
{
	char *const	alpha[] = { "drivers/alpha/main.c" };
	char *const	two[] = { "README", "drivers/alpha/core/a.c" };
	char *const	sub[] = { "include/beta/sub/c.h" };

	check_int(maintainers_is_maintainer(mt, "ALICE@example.org", alpha,
	    1), 1);
	check_int(maintainers_is_maintainer(mt, "A. E. <alice@EXAMPLE.org>",
	    alpha, 1), 1);
	check_int(maintainers_is_maintainer(mt, "carol@example.org", alpha,
	    1), 0);
	check_int(maintainers_is_maintainer(mt, "carol@example.org", two, 2),
	    1);
	check_int(maintainers_is_maintainer(mt, "rob@example.org", alpha, 1),
	    0);
	check_int(maintainers_is_maintainer(mt, "tom@example.org", sub, 1), 1);
	check_int(maintainers_is_maintainer(mt, "bea@example.org", sub, 1), 0);
	check_int(maintainers_is_maintainer(mt, "gus@example.org", NULL, 0), 0);
	check_int(maintainers_is_maintainer(mt, "not an address", alpha, 1),
	    0);
	check_int(maintainers_in_section(mt, "alpha driver",
	    "alice@example.org"), 1);
	check_int(maintainers_in_section(mt, "ALPHA CORE",
	    "alice@example.org"), 0);
	check_int(maintainers_in_section(mt, "ALPHA DRIVER",
	    "rob@example.org"), 0);
	check_int(maintainers_in_section(mt, "NOPE", "alice@example.org"), 0);
}

static void
test_errors(void)
{
	struct maintainers	*mt;
	char			*cause, *got;
	size_t			 i;
	const char		*two = "A\nM:\tnobody\n\nB\nS:\tx\nF:\n";

	for (i = 0; i < sizeof error_cases / sizeof error_cases[0]; i++) {
		mt = NULL;
		cause = NULL;
		check_int(maintainers_parse(error_cases[i].text,
		    strlen(error_cases[i].text), "t.txt", &mt, &cause), -1);
		check(mt == NULL);
		if (!check(cause != NULL &&
		    strstr(cause, error_cases[i].want) != NULL))
			printf("#   got '%s'\n#   want '%s'\n", cause,
			    error_cases[i].want);
		free(cause);
	}
	/* Every error is collected, one per line. */
	cause = NULL;
	check_int(maintainers_parse(two, strlen(two), "t.txt", &mt, &cause),
	    -1);
	check(cause != NULL && strstr(cause, "t.txt:2: ") == cause &&
	    strstr(cause, "\nt.txt:6: ") != NULL);
	free(cause);
	/*
	 * Lenient on what real files hold: a legend of entries in the
	 * preamble, unknown letters, a second S:, CRLF.
	 */
	if ((mt = parse_ok(legend)) != NULL) {
		check_int(maintainers_nsections(mt), 1);
		check_str(maintainers_get(mt, 0)->status, "Odd Fixes for 2.4");
		got = titles(mt, "x/y");
		check_str(got, "T");
		free(got);
		maintainers_free(mt);
	}
	maintainers_free(NULL);
	check_int(maintainers_load("/nonexistent/MAINTAINERS", &mt, &cause),
	    -1);
	check(cause != NULL && strstr(cause, "/nonexistent/MAINTAINERS: ") ==
	    cause);
	free(cause);
}

static void
test_diff(void)
{
	struct buf	  b;
	char		**v, *got;
	size_t		  i, j, n;

	for (i = 0; i < sizeof diff_cases / sizeof diff_cases[0]; i++) {
		buf_init(&b);
		n = diff_paths(diff_cases[i].path, &v);
		for (j = 0; j < n; j++)
			buf_printf(&b, "%s%s", j ? "," : "", v[j]);
		if (n == 0)
			check(v == NULL);
		got = buf_detach(&b, NULL);
		if (!check_str(got, diff_cases[i].want))
			printf("#   diff case %zu\n", i);
		free(got);
		diff_paths_free(v, n);
	}
}

static const struct match_case xen_cases[] = {
	{ "xen/include/public/io/pvcalls.h",
	  "PUBLIC I/O INTERFACES AND PV DRIVERS DESIGNS,THE REST" },
	{ "docs/misc/pvcalls.pandoc", "THE REST" },
	{ "tools/libs/light/libxl_pvcalls.c", "LIBS,TOOLSTACK,THE REST" },
	{ "xen/arch/x86/mm/shadow/multi.c",
	  "X86 SHADOW PAGETABLES,X86 ARCHITECTURE,THE REST" },
	{ "xen/drivers/passthrough/amd/iommu_init.c", "AMD IOMMU,THE REST" },
	{ "xen/drivers/passthrough/pci.c",
	  "IOMMU VENDOR INDEPENDENT CODE,THE REST" },
	{ "xen/common/kimage.c", "KEXEC,THE REST" },
	{ "xen/arch/x86/livepatch.c",
	  "LIVEPATCH,X86 ARCHITECTURE,THE REST" },
	{ "docs/misc/xenstore.txt", "XENSTORE,THE REST" },
	{ "tools/python/setup.py", "PYTHON BINDINGS,TOOLSTACK,THE REST" },
	{ "MAINTAINERS", "THE REST" },
};

static void
test_xen_people(const struct maintainers *mt)
{
	char *const	io[] = { "xen/include/public/io/pvcalls.h" };
	char *const	doc[] = { "docs/misc/pvcalls.pandoc" };
	char *const	lib[] = { "tools/libs/light/libxl_pvcalls.c" };

	check_int(maintainers_is_maintainer(mt, "jgross@suse.com", io, 1), 1);
	check_int(maintainers_is_maintainer(mt, "jgross@suse.com", doc, 1), 0);
	check_int(maintainers_is_maintainer(mt, "jbeulich@suse.com", doc, 1),
	    1);
	check_int(maintainers_is_maintainer(mt, "jbeulich@suse.com", io, 1),
	    1);
	check_int(maintainers_is_maintainer(mt,
	    "Anthony PERARD <anthony.perard@vates.tech>", lib, 1), 1);
	/* Juergen is an R: of LIBS, not an M:. */
	check_int(maintainers_is_maintainer(mt, "jgross@suse.com", lib, 1), 0);
	check_int(maintainers_in_section(mt, "THE REST",
	    "sstabellini@kernel.org"), 1);
	check_int(maintainers_in_section(mt, "the rest", "jgross@suse.com"),
	    0);
}

static void
test_xen(void)
{
	const struct maintainers_section	*s;
	struct maintainers			*mt = NULL;
	const char				*path;
	char					*cause = NULL;

	if ((path = tap_shared("data/xen/MAINTAINERS")) == NULL) {
		tap_check(1, __FILE__, __LINE__,
		    "real Xen MAINTAINERS # SKIP not found");
		return;
	}
	if (!check_int(maintainers_load(path, &mt, &cause), 0)) {
		printf("#   %s\n", cause);
		free(cause);
		return;
	}
	check(maintainers_nsections(mt) > 50);
	s = maintainers_find(mt,
	    "public i/o interfaces and pv drivers designs");
	if (check(s != NULL)) {
		check_int(s->nm, 1);
		check_str(s->m[0], "Juergen Gross <jgross@suse.com>");
		check_str(s->m_email[0], "jgross@suse.com");
		check_str(s->status, "Supported");
		check(s->nf == 1 && strcmp(s->f[0], "xen/include/public/io/") ==
		    0);
	}
	s = maintainers_find(mt, "THE REST");
	check(s != NULL && s->nm == 7 && s->nl == 1);
	check_str(maintainers_get(mt, maintainers_nsections(mt) - 1)->title,
	    "THE REST");
	check_matches(mt, xen_cases, sizeof xen_cases / sizeof xen_cases[0]);
	test_xen_people(mt);
	maintainers_free(mt);
}

int
main(void)
{
	struct maintainers	*mt;

	if ((mt = parse_ok(sample)) != NULL) {
		test_sections(mt);
		check_matches(mt, sample_cases,
		    sizeof sample_cases / sizeof sample_cases[0]);
		test_people(mt);
		maintainers_free(mt);
	}
	if ((mt = parse_ok(rest_first)) != NULL) {
		check_matches(mt, rest_first_cases,
		    sizeof rest_first_cases / sizeof rest_first_cases[0]);
		maintainers_free(mt);
	}
	test_errors();
	test_diff();
	test_xen();
	return (tap_done());
}
