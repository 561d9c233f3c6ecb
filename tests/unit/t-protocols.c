/* Unit tests for protocols.c: protocols.conf parsing and matching. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "protocols.h"
#include "tap.h"

static const char registry[] =
    "# A comment, then two protocols.\n"
    "protocol pvcalls\n"
    "\ttitle \"PV Calls\"\n"
    "\talias pvcallsif\t# a trailing comment\n"
    "\tpath xen/include/public/io/pvcalls.h\n"
    "\tpath drivers/xen/pvcalls-*\n"
    "\tsupport PVCalls\n"
    "\n"
    "protocol displif\r\n"
    "  title \"PV display\"\r\n"
    "  alias \"drm/xen-front\"\n"
    "  alias \"say \\\"hi\\\" \\\\o/\"\n"
    "  path drivers/gpu/drm/xen/\n"
    "  path docs/*/displ*\n"
    "  keyword \"\\bdispl(ay)? ?backend\\b\"\n";

struct text_case {
	const char	*text;
	const char	*want;	/* names, space separated, file order */
};

static const struct text_case text_cases[] = {
	{ "Re: [PATCH] pvcalls: fix a leak", "pvcalls" },
	{ "PV Calls", "pvcalls" },
	{ "a PVCalls frontend", "pvcalls" },
	{ "pv-calls and pv_calls", "pvcalls" },
	{ "[PATCH v2 1/3] xen/pvcalls-back: fix", "pvcalls" },
	{ "pvcallsif", "pvcalls" },
	{ "too many calls", "" },
	{ "mypvcalls", "" },
	{ "pvcalls_front_connect()", "" },
	{ "PVCALLS2", "" },
	{ "[PATCH] drm/xen-front: fix", "displif" },
	{ "say \"hi\" \\o/", "displif" },
	{ "the display backend crashed", "displif" },
	{ "PV display, then PV Calls", "pvcalls displif" },
	{ "", "" },
};

struct path_case {
	const char	*path;
	const char	*want;	/* NULL: no protocol */
};

static const struct path_case path_cases[] = {
	{ "xen/include/public/io/pvcalls.h", "pvcalls" },
	{ "drivers/xen/pvcalls-back.c", "pvcalls" },
	{ "drivers/xen/pvcalls-front.h", "pvcalls" },
	{ "drivers/xen/pvcalls-x/y.c", NULL },
	{ "drivers/xen/pvcalls.c", NULL },
	{ "drivers/gpu/drm/xen/xen_drm_front.c", "displif" },
	{ "drivers/gpu/drm/xen/sub/dir.c", "displif" },
	{ "drivers/gpu/drm/xen", "displif" },
	{ "drivers/gpu/drm/xenfoo.c", NULL },
	{ "docs/misc/displif.pandoc", "displif" },
	{ "docs/misc/sub/displif.pandoc", NULL },
	{ "xen/include/public/io/pvcalls.h.orig", NULL },
	{ "", NULL },
};

struct bad_case {
	const char	*text;
	const char	*cause;
};

static const struct bad_case bad_cases[] = {
	{ "protocol a\n\ttitle A\n\tcolour red\n",
	    "t.conf:3: unknown keyword 'colour'" },
	{ "protocol a\n\ttitle \"A\n",
	    "t.conf:2: unterminated quote" },
	{ "protocol a\n\ttitle \"A\\\"\n",
	    "t.conf:2: unterminated quote" },
	{ "protocol a\n\ttitle \"A\"x\n",
	    "t.conf:2: text after closing quote" },
	{ "protocol a\n\ttitle A\"B\n",
	    "t.conf:2: stray quote (quote the whole value)" },
	{ "protocol a\n\ttitle A\n\nprotocol A\n\ttitle B\n",
	    "t.conf:4: duplicate protocol 'A' (first at line 1)" },
	{ "protocol a\n\ttitle A\n\talias x\nprotocol b\n\ttitle B\n"
	    "\talias X\n",
	    "t.conf:6: alias 'X' already names protocol 'a' (line 1)" },
	{ "protocol a\n\ttitle A\nprotocol b\n\ttitle a\n",
	    "t.conf:4: title 'a' already names protocol 'a' (line 1)" },
	{ "protocol a\n\ttitle A\n\talias \"x y\"\nprotocol \"x y\"\n",
	    "t.conf:4: bad protocol name 'x y' (use letters, digits, '-', "
	    "'_', '.')" },
	{ "protocol a\n\ttitle A\n\ttitle B\n",
	    "t.conf:3: protocol 'a' already has a title" },
	{ "\ttitle A\n", "t.conf:1: 'title' outside a protocol block" },
	{ "title A\n",
	    "t.conf:1: 'title' must be indented under a 'protocol' line" },
	{ "protocol a\n", "t.conf:1: protocol 'a' has no title" },
	{ "protocol\n", "t.conf:1: 'protocol' takes one name" },
	{ "protocol a b\n", "t.conf:1: 'protocol' takes one name" },
	{ "protocol a\n\ttitle A\n\talias x y\n",
	    "t.conf:3: 'alias' takes one value (quote a phrase)" },
	{ "protocol a\n\ttitle A\n\talias\n",
	    "t.conf:3: 'alias' needs a value" },
	{ "protocol a\n\ttitle A\n\talias \"\"\n",
	    "t.conf:3: 'alias' needs a value" },
	{ "protocol a\n\ttitle A\n\talias \"--\"\n",
	    "t.conf:3: alias '--' has no letter or digit" },
	{ "protocol a\n\ttitle A\n\tpath /etc/passwd\n",
	    "t.conf:3: path '/etc/passwd' must be relative" },
	{ "protocol a\n\ttitle A\n\tkeyword \"(open\"\n",
	    "t.conf:3: bad keyword '(open': missing closing parenthesis at "
	    "offset 5" },
	/* Every error is reported, each with its line. */
	{ "protocol a\n\tcolour x\n\tsize y\n\ttitle A\n",
	    "t.conf:2: unknown keyword 'colour'\n"
	    "t.conf:3: unknown keyword 'size'" },
	/* The lines of a rejected block do not add errors of their own. */
	{ "protocol a\n\ttitle A\nprotocol \"b\n\ttitle B\n",
	    "t.conf:3: unterminated quote" },
	{ "frobnicate\n\ttitle A\n\talias B\nprotocol b\n\ttitle B\n",
	    "t.conf:1: unknown keyword 'frobnicate'" },
};

static char *
join_names(const struct protocol **v, size_t n)
{
	struct buf	b;
	size_t		i;

	buf_init(&b);
	for (i = 0; i < n; i++)
		buf_printf(&b, "%s%s", i > 0 ? " " : "", v[i]->name);
	return (buf_detach(&b, NULL));
}

static void
check_text(const struct protocols *ps, const char *text, const char *want)
{
	const struct protocol	**v;
	size_t			  n;
	char			 *got;

	n = protocols_match_text(ps, text, &v);
	got = join_names(v, n);
	if (!check_str(got, want))
		printf("#   text '%s'\n", text);
	check(n > 0 || v == NULL);
	free(got);
	free(v);
}

static void
check_path(const struct protocols *ps, const char *path, const char *want)
{
	const struct protocol	*p = NULL;
	int			 hit;

	hit = protocols_match_path(ps, path, &p);
	if (!check_str(hit ? p->name : NULL, want))
		printf("#   path '%s'\n", path);
}

static void
test_registry(void)
{
	struct protocols	*ps = NULL;
	const struct protocol	*p;
	char			*cause = NULL;
	size_t			 i;

	if (!check_int(protocols_parse(registry, strlen(registry), "t.conf",
	    &ps, &cause), 0)) {
		printf("# %s\n", cause);
		free(cause);
		return;
	}
	check_int(protocols_count(ps), 2);
	p = protocols_get(ps, 0);
	check_str(p->name, "pvcalls");
	check_str(p->title, "PV Calls");
	check_int(p->naliases, 1);
	check_str(p->aliases[0], "pvcallsif");
	check_int(p->npaths, 2);
	check_str(p->paths[1], "drivers/xen/pvcalls-*");
	check_str(p->support_name, "PVCalls");
	check_int(p->line, 2);
	p = protocols_get(ps, 1);
	check_str(p->title, "PV display");
	check_str(p->aliases[1], "say \"hi\" \\o/");
	check_str(p->keywords[0], "\\bdispl(ay)? ?backend\\b");
	check(p->support_name == NULL);
	check(protocols_get(ps, 2) == NULL);

	check_str(protocols_find(ps, "PVCALLS")->name, "pvcalls");
	check_str(protocols_find(ps, "pv calls")->name, "pvcalls");
	check_str(protocols_find(ps, "DRM/Xen-Front")->name, "displif");
	check(protocols_find(ps, "calls") == NULL);

	for (i = 0; i < sizeof text_cases / sizeof text_cases[0]; i++)
		check_text(ps, text_cases[i].text, text_cases[i].want);
	for (i = 0; i < sizeof path_cases / sizeof path_cases[0]; i++)
		check_path(ps, path_cases[i].path, path_cases[i].want);
	protocols_free(ps);
}

static void
test_bad(void)
{
	struct protocols	*ps;
	char			*cause;
	size_t			 i;
	int			 rc;

	for (i = 0; i < sizeof bad_cases / sizeof bad_cases[0]; i++) {
		ps = NULL;
		cause = NULL;
		rc = protocols_parse(bad_cases[i].text,
		    strlen(bad_cases[i].text), "t.conf", &ps, &cause);
		check_int(rc, -1);
		check(ps == NULL);
		check_str(cause, bad_cases[i].cause);
		free(cause);
	}

	/* A NUL byte inside the text is an error, not the end of it. */
	cause = NULL;
	check_int(protocols_parse("protocol a\n\0\ttitle A\n", 20, "t.conf",
	    &ps, &cause), -1);
	check_str(cause, "t.conf:2: NUL byte in line");
	free(cause);

	cause = NULL;
	check_int(protocols_load("/nonexistent/protocols.conf", &ps, &cause),
	    -1);
	check_str(cause, "/nonexistent/protocols.conf: No such file or "
	    "directory");
	free(cause);
}

static void
test_empty(void)
{
	struct protocols	*ps = NULL;
	const struct protocol	**v;
	const struct protocol	*p;
	char			*cause = NULL;

	check_int(protocols_parse("", 0, "t.conf", &ps, &cause), 0);
	check_int(protocols_count(ps), 0);
	check_int(protocols_match_text(ps, "pvcalls", &v), 0);
	check(v == NULL);
	check_int(protocols_match_path(ps, "a/b.c", &p), 0);
	check(protocols_find(ps, "pvcalls") == NULL);
	protocols_free(ps);
	protocols_free(NULL);
}

/*
 * A path is given to fnmatch only when it starts with the glob's bytes
 * before its first special one: what matches is the same, escapes,
 * classes, leading stars and directories included, and the first
 * protocol in file order still wins.
 */
static void
test_path_prefix(void)
{
	static const char	 conf[] =
	    "protocol a\n\ttitle A\n"
	    "\tpath x/\\*lit\n"
	    "\tpath [ab]front.c\n"
	    "\tpath *back.c\n"
	    "\tpath sub/dir/\n"
	    "protocol b\n\ttitle B\n"
	    "\tpath x/*\n"
	    "\tpath sub/?ir/*.c\n";
	static const struct path_case cases[] = {
		{ "x/*lit", "a" },
		{ "x/alit", "b" },
		{ "x/", "b" },
		{ "x", NULL },
		{ "afront.c", "a" },
		{ "cfront.c", NULL },
		{ "netback.c", "a" },
		{ "dir/back.c", NULL },
		{ "sub/dir/f.c", "a" },
		{ "sub/dir", "a" },
		{ "sub/dirx", NULL },
		{ "sub/di", NULL },
		{ "sub/fir/f.c", "b" },
		{ "sub/fir/f.h", NULL },
	};
	struct protocols	*ps = NULL;
	char			*cause = NULL;
	size_t			 i;

	if (!check_int(protocols_parse(conf, strlen(conf), "t.conf", &ps,
	    &cause), 0)) {
		printf("# %s\n", cause);
		free(cause);
		return;
	}
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++)
		check_path(ps, cases[i].path, cases[i].want);
	/* Text naming several binds each (all names are one pattern too). */
	check_text(ps, "neither B nor A", "a b");
	check_text(ps, "nota, bnot", "");
	protocols_free(ps);
}

/*
 * A catastrophic keyword on hostile text stops at the match limit (it
 * would run for hours otherwise), and big bodies still match by name.
 */
static void
test_limits(void)
{
	static const char	 conf[] =
	    "protocol evil\n\ttitle Evil\n\tkeyword \"(a+)+$\"\n"
	    "protocol pvcalls\n\ttitle \"PV Calls\"\n";
	struct protocols	*ps = NULL;
	const struct protocol	**v;
	char			*cause = NULL, *text;
	size_t			 n, i, size = 4 * 1024 * 1024;

	if (!check_int(protocols_parse(conf, strlen(conf), "t.conf", &ps,
	    &cause), 0)) {
		free(cause);
		return;
	}
	text = malloc(size + 16);
	memset(text, 'a', 60);
	memcpy(text + 60, "!", 2);
	n = protocols_match_text(ps, text, &v);
	check_int(n, 0);
	free(v);

	for (i = 0; i + 6 < size; i += 6)
		memcpy(text + i, "lorem ", 6);
	memcpy(text + i, "PVCalls", 8);
	n = protocols_match_text(ps, text, &v);
	check_int(n, 1);
	if (n == 1)
		check_str(v[0]->name, "pvcalls");
	free(v);
	free(text);
	protocols_free(ps);
}

static const struct text_case shipped_text[] = {
	{ "Re: [PATCH] pvcalls: fix a race", "pvcalls" },
	{ "[DESIGN] PV Calls: a new PV protocol", "pvcalls" },
	{ "[PATCH v2 3/5] xen/pvcalls-back: check the ring", "pvcalls" },
	{ "too many calls", "" },
	{ "[PATCH] net: call netif_rx() later", "" },
	{ "[PATCH] xen-netfront: fix a leak", "netif" },
	{ "[PATCH] xen-blkback: fix persistent grants", "blkif" },
	{ "[PATCH] 9p/trans_xen: fix", "9pfs" },
	{ "[PATCH] drm/xen-front: fix", "displif" },
	{ "[PATCH] ALSA: xen-front: fix", "sndif" },
	{ "[PATCH] hvc_xen: fix", "pvconsole" },
	{ "the serial console is broken", "" },
	{ "[PATCH] scsi: vmw_pvscsi: fix", "" },
	{ "[PATCH] xen-scsifront: fix", "vscsiif" },
	{ "[PATCH] tools/xenstored: fix", "xenstore" },
	{ "xs_wire.h: add a command", "xenstore" },
	{ "PV USB and PV sound", "sndif usbif" },
	{ "[RFC] PV camera protocol", "cameraif" },
};

static const struct path_case shipped_paths[] = {
	{ "xen/include/public/io/pvcalls.h", "pvcalls" },
	{ "docs/misc/pvcalls.pandoc", "pvcalls" },
	{ "drivers/xen/pvcalls-back.c", "pvcalls" },
	{ "drivers/xen/pvcalls-front.c", "pvcalls" },
	{ "xen/include/public/io/9pfs.h", "9pfs" },
	{ "docs/misc/9pfs.pandoc", "9pfs" },
	{ "net/9p/trans_xen.c", "9pfs" },
	{ "hw/9pfs/xen-9p-backend.c", "9pfs" },
	{ "hw/9pfs/9p.c", NULL },
	{ "tools/9pfsd/io.c", "9pfs" },
	{ "xen/include/public/io/blkif.h", "blkif" },
	{ "drivers/block/xen-blkfront.c", "blkif" },
	{ "drivers/block/xen-blkback/blkback.c", "blkif" },
	{ "hw/block/xen-block.c", "blkif" },
	{ "hw/block/dataplane/xen-block.c", "blkif" },
	{ "hw/block/virtio-blk.c", NULL },
	{ "xen/include/public/io/netif.h", "netif" },
	{ "drivers/net/xen-netback/netback.c", "netif" },
	{ "xen/include/public/io/displif.h", "displif" },
	{ "drivers/gpu/drm/xen/xen_drm_front.c", "displif" },
	{ "xen/include/public/io/sndif.h", "sndif" },
	{ "sound/xen/xen_snd_front.c", "sndif" },
	{ "xen/include/public/io/cameraif.h", "cameraif" },
	{ "xen/include/public/io/kbdif.h", "kbdif" },
	{ "drivers/input/misc/xen-kbdfront.c", "kbdif" },
	{ "xen/include/public/io/fbif.h", "fbif" },
	{ "drivers/video/fbdev/xen-fbfront.c", "fbif" },
	{ "hw/display/xenfb.c", "fbif" },
	{ "xen/include/public/io/usbif.h", "usbif" },
	{ "drivers/usb/host/xen-hcd.c", "usbif" },
	{ "hw/usb/xen-usb.c", "usbif" },
	{ "xen/include/public/io/vscsiif.h", "vscsiif" },
	{ "drivers/scsi/xen-scsifront.c", "vscsiif" },
	{ "drivers/xen/xen-scsiback.c", "vscsiif" },
	{ "xen/include/public/io/tpmif.h", "tpmif" },
	{ "drivers/char/tpm/xen-tpmfront.c", "tpmif" },
	{ "xen/include/public/io/console.h", "pvconsole" },
	{ "drivers/tty/hvc/hvc_xen.c", "pvconsole" },
	{ "tools/console/daemon/io.c", "pvconsole" },
	{ "xen/include/public/io/xs_wire.h", "xenstore" },
	{ "tools/xenstored/core.c", "xenstore" },
	{ "docs/misc/xenstore.txt", "xenstore" },
	{ "xen/include/public/io/pciif.h", "pciif" },
	{ "drivers/pci/xen-pcifront.c", "pciif" },
	{ "xen/include/public/io/fsif.h", "fsif" },
	{ "xen/include/public/io/libxenvchan.h", "libxenvchan" },
	{ "xen/include/public/io/ring.h", NULL },
	{ "xen/arch/x86/mm.c", NULL },
};

/* The shipped etc/pvbot/protocols.conf. */
static void
test_shipped(void)
{
	struct protocols	*ps = NULL;
	const struct protocol	*p;
	const char		*top = getenv("TOP_SRCDIR");
	char			 path[4096], *cause = NULL;
	size_t			 i, bad = 0;

	snprintf(path, sizeof path, "%s/etc/pvbot/protocols.conf",
	    top != NULL ? top : ".");
	if (!check_int(protocols_load(path, &ps, &cause), 0)) {
		printf("# %s\n", cause);
		free(cause);
		return;
	}
	check(protocols_count(ps) >= 17);
	for (i = 0; i < protocols_count(ps); i++) {
		p = protocols_get(ps, i);
		if (p->title == NULL || p->npaths == 0)
			bad++;
	}
	check_int(bad, 0);
	check_str(protocols_find(ps, "xs_wire")->name, "xenstore");
	check_str(protocols_find(ps, "PV Calls")->name, "pvcalls");
	check(protocols_find(ps, "console") == NULL);
	for (i = 0; i < sizeof shipped_text / sizeof shipped_text[0]; i++)
		check_text(ps, shipped_text[i].text, shipped_text[i].want);
	for (i = 0; i < sizeof shipped_paths / sizeof shipped_paths[0]; i++)
		check_path(ps, shipped_paths[i].path, shipped_paths[i].want);
	protocols_free(ps);
}

int
main(void)
{
	test_registry();
	test_bad();
	test_empty();
	test_limits();
	test_path_prefix();
	test_shipped();
	return (tap_done());
}
