/* Unit tests for support.c: SUPPORT.md Status lines and stages. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "buf.h"
#include "protocols.h"
#include "support.h"
#include "tap.h"

#define UNKNOWN		SUPPORT_STAGE_UNKNOWN
#define PROTOTYPE	SUPPORT_STAGE_PROTOTYPE
#define PRODUCTION	SUPPORT_STAGE_PRODUCTION

static const char sample[] =
    "# Feature Support\n"				/* 1 */
    "\n"
    "## Virtual driver support, guest side\n"
    "\n"
    "### Blkfront\n"					/* 5 */
    "\n"
    "Guest-side driver capable of speaking the Xen PV block protocol\n"
    "\n"
    "    Status, Linux: Supported\n"
    "    Status, Windows: Supported, with caveats\n"	/* 10 */
    "\n"
    "### PV 9pfs frontend\n"
    "\n"
    "    Status, Linux: Tech Preview\n"
    "\n"						/* 15 */
    "### PVCalls (frontend)\n"
    "\n"
    "    Status, Linux: Tech Preview   \n"
    "\n"
    "## Virtual device support, host side\n"		/* 20 */
    "\n"
    "### PV Console (xenconsoled)\n"
    "\n"
    "\tStatus: Supported\n"
    "\n"						/* 25 */
    "### PV 9pfs (backend)\n"
    "\n"
    "    Status, QEMU: Tech Preview\n"
    "    Status, xen-9pfsd: Experimental\n"
    "\n"						/* 30 */
    "### x86/Emulated network (QEMU):\n"
    "\n"
    "    Status, e1000: Supported\n"
    "\n"
    "# Format and definitions\n"			/* 35 */
    "\n"
    "Status: Supported, but prose, not a literal\n"
    "\n"
    "### Experimental\n"
    "\n"						/* 40 */
    "    Functional completeness: No\n"
    "    Status\n"
    "#nota heading\n"
    "    Status, Linux: Deprecated\n";

struct entry_case {
	const char	*feature;
	const char	*side;
	const char	*impl;
	const char	*status;
	int		 stage;
	int		 line;
};

static const struct entry_case sample_entries[] = {
	{ "Blkfront", "frontend", "Linux", "Supported", PRODUCTION, 9 },
	{ "Blkfront", "frontend", "Windows", "Supported, with caveats",
	    PRODUCTION, 10 },
	{ "PV 9pfs", "frontend", "Linux", "Tech Preview", PROTOTYPE, 14 },
	{ "PVCalls", "frontend", "Linux", "Tech Preview", PROTOTYPE, 18 },
	{ "PV Console", "backend", "xenconsoled", "Supported", PRODUCTION,
	    24 },
	{ "PV 9pfs", "backend", "QEMU", "Tech Preview", PROTOTYPE, 28 },
	{ "PV 9pfs", "backend", "xen-9pfsd", "Experimental", PROTOTYPE, 29 },
	{ "x86/Emulated network", "backend", "e1000", "Supported",
	    PRODUCTION, 33 },
	/* "#nota heading" is text: the entry stays under "Experimental". */
	{ "Experimental", NULL, "Linux", "Deprecated", UNKNOWN, 44 },
};

struct stage_case {
	const char	*status;
	int		 stage;
};

static const struct stage_case stage_cases[] = {
	{ "Experimental", PROTOTYPE },
	{ "Tech Preview", PROTOTYPE },
	{ "Tech Preview, with limited support", PROTOTYPE },
	{ "tech preview", PROTOTYPE },
	{ "Supported", PRODUCTION },
	{ "Supported, with caveats", PRODUCTION },
	{ "Supported, not security supported", PRODUCTION },
	{ "Supported, Security support external", PRODUCTION },
	{ "Supported up to 12 TiB", PRODUCTION },
	{ "supported", PRODUCTION },
	{ "Deprecated", UNKNOWN },
	{ "Not functional", UNKNOWN },
	{ "Not implemented", UNKNOWN },
	{ "Not supported.", UNKNOWN },
	{ "Security supported", UNKNOWN },
	{ "Support scope restricted", UNKNOWN },
	{ "Supportedly", UNKNOWN },
	{ "Tech Previews", UNKNOWN },
	{ "", UNKNOWN },
};

static const char registry[] =
    "protocol pvcalls\n\ttitle \"PV Calls\"\n"
    "protocol 9pfs\n\ttitle \"PV 9pfs\"\n"
    "protocol pvconsole\n\ttitle \"PV Console\"\n"
    "protocol blkif\n\ttitle \"PV block\"\n\talias Blkfront\n"
    "protocol blk2\n\ttitle \"PV block 2\"\n\tsupport Blkfront\n"
    "protocol nic\n\ttitle \"NIC\"\n\talias \"x86/Emulated network\"\n"
    "protocol cameraif\n\ttitle \"PV camera\"\n";

struct proto_case {
	const char	*name;
	int		 stage;
};

static const struct proto_case sample_stages[] = {
	{ "pvcalls", PROTOTYPE },	/* "PVCalls" is "PV Calls" */
	{ "9pfs", PROTOTYPE },
	{ "pvconsole", PRODUCTION },
	{ "blkif", UNKNOWN },		/* an alias, and no "PV" prefix */
	{ "blk2", PRODUCTION },		/* a support name maps any section */
	{ "nic", UNKNOWN },
	{ "cameraif", UNKNOWN },
};

static void
check_entry(const struct support_entry *e, const struct entry_case *c)
{
	check_str(e->feature, c->feature);
	check_str(e->side, c->side);
	check_str(e->impl, c->impl);
	check_str(e->status, c->status);
	check_int(e->stage, c->stage);
	check_int(e->line, c->line);
}

static void
test_sample(void)
{
	struct support_entry	*v = NULL;
	struct protocols	*ps = NULL;
	char			*cause = NULL;
	size_t			 n = 0, i, want;

	want = sizeof sample_entries / sizeof sample_entries[0];
	if (!check_int(support_parse(sample, strlen(sample), &v, &n, &cause),
	    0)) {
		free(cause);
		return;
	}
	check_int(n, want);
	for (i = 0; i < n && i < want; i++)
		check_entry(&v[i], &sample_entries[i]);

	if (check_int(protocols_parse(registry, strlen(registry), "t.conf",
	    &ps, &cause), 0)) {
		for (i = 0; i < sizeof sample_stages / sizeof sample_stages[0];
		    i++)
			check_int(support_stage_of(v, n, protocols_find(ps,
			    sample_stages[i].name)), sample_stages[i].stage);
		check_int(support_stage_of(NULL, 0, protocols_find(ps,
		    "pvcalls")), UNKNOWN);
		protocols_free(ps);
	} else
		free(cause);
	support_free(v, n);
}

static void
test_stages(void)
{
	size_t	i;

	for (i = 0; i < sizeof stage_cases / sizeof stage_cases[0]; i++)
		if (!check_int(support_stage(stage_cases[i].status),
		    stage_cases[i].stage))
			printf("#   status '%s'\n", stage_cases[i].status);
}

static void
test_bad(void)
{
	struct support_entry	*v = NULL;
	char			*cause = NULL;
	size_t			 n = 0;
	const char		*text = "# Title\n\nStatus: Supported\n";

	check_int(support_parse("", 0, &v, &n, &cause), -1);
	check_str(cause, "no Status lines found: not a SUPPORT.md?");
	free(cause);
	cause = NULL;
	check_int(support_parse(text, strlen(text), &v, &n, &cause), -1);
	check(cause != NULL);
	free(cause);
	support_free(NULL, 0);
}

static char *
read_file(const char *path, size_t *len)
{
	FILE		*f;
	struct buf	 b;
	char		 chunk[8192];
	size_t		 n;

	if ((f = fopen(path, "r")) == NULL)
		return (NULL);
	buf_init(&b);
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		buf_add(&b, chunk, n);
	fclose(f);
	return (buf_detach(&b, len));
}

static const struct support_entry *
find_entry(const struct support_entry *v, size_t n, const char *feature,
    const char *side, const char *impl)
{
	size_t	i;

	for (i = 0; i < n; i++) {
		if (strcmp(v[i].feature, feature) != 0)
			continue;
		if ((side == NULL) != (v[i].side == NULL) ||
		    (side != NULL && strcmp(v[i].side, side) != 0))
			continue;
		if ((impl == NULL) != (v[i].impl == NULL) ||
		    (impl != NULL && strcmp(v[i].impl, impl) != 0))
			continue;
		return (&v[i]);
	}
	return (NULL);
}

/* What Xen's SUPPORT.md (commit c447b7308b13) says, read by hand. */
static const struct entry_case real_entries[] = {
	{ "PVCalls", "frontend", "Linux", "Tech Preview", PROTOTYPE, 660 },
	{ "PVCalls", "backend", "Linux", "Experimental", PROTOTYPE, 0 },
	{ "PV 9pfs", "frontend", "Linux", "Tech Preview", PROTOTYPE, 0 },
	{ "PV 9pfs", "backend", "QEMU", "Tech Preview", PROTOTYPE, 0 },
	{ "PV 9pfs", "backend", "xen-9pfsd", "Experimental", PROTOTYPE, 0 },
	{ "PV display", "frontend",
	    "Linux, outside of \"backend allocation\" mode",
	    "Supported, with caveats", PRODUCTION, 0 },
	{ "PV display", "frontend", "Linux, \"backend allocation\" mode",
	    "Experimental", PROTOTYPE, 0 },
	{ "PV sound", "frontend", "Linux", "Supported, with caveats",
	    PRODUCTION, 0 },
	{ "PV Framebuffer", "frontend", "Linux (xen-fbfront)",
	    "Supported, with caveats", PRODUCTION, 0 },
	{ "PV Framebuffer", "backend", "QEMU", "Supported", PRODUCTION, 0 },
	{ "PV keyboard", "frontend", "Linux (xen-kbdfront)",
	    "Supported, with caveats", PRODUCTION, 0 },
	{ "PV Console", "frontend", "Linux (hvc_xen)", "Supported",
	    PRODUCTION, 0 },
	{ "PV Console", "backend", "xenconsoled", "Supported", PRODUCTION, 0 },
	{ "PV USB", "frontend", "Linux", "Supported, with caveats",
	    PRODUCTION, 0 },
	{ "PV USB", "backend", "QEMU", "Supported", PRODUCTION, 0 },
	{ "PV SCSI protocol", "frontend", "Linux", "Supported, with caveats",
	    PRODUCTION, 0 },
	{ "PV SCSI protocol", "backend", "Linux", "Experimental", PROTOTYPE,
	    0 },
	{ "PV TPM", "frontend", "Linux (xen-tpmfront)", "Tech Preview",
	    PROTOTYPE, 0 },
	{ "PV TPM", "backend", NULL, "Tech Preview", PROTOTYPE, 0 },
	{ "Blkfront", "frontend", "Linux", "Supported", PRODUCTION, 0 },
	{ "Blkback", "backend", "Blktap2, vhd format", "Deprecated", UNKNOWN,
	    0 },
	{ "Netback", "backend", "Linux (xen-netback)", "Supported",
	    PRODUCTION, 0 },
	{ "OCaml xenstored daemon", NULL, "Liveupdate", "Not functional",
	    UNKNOWN, 0 },
	{ "x86/PCI Device Passthrough", NULL, "x86 PV",
	    "Supported, with caveats", PRODUCTION, 0 },
};

/* The stage each shipped protocol gets from the real file. */
static const struct proto_case real_stages[] = {
	{ "blkif", PRODUCTION },
	{ "netif", PRODUCTION },
	{ "pvcalls", PROTOTYPE },
	{ "9pfs", PROTOTYPE },
	{ "displif", PRODUCTION },
	{ "sndif", PRODUCTION },
	{ "cameraif", UNKNOWN },
	{ "fbif", PRODUCTION },
	{ "kbdif", PRODUCTION },
	{ "usbif", PRODUCTION },
	{ "vscsiif", PRODUCTION },
	{ "tpmif", PROTOTYPE },
	{ "pvconsole", PRODUCTION },
	{ "xenstore", PRODUCTION },
	{ "pciif", PRODUCTION },
	{ "fsif", UNKNOWN },
	{ "libxenvchan", UNKNOWN },
};

static void
test_real_stages(const struct support_entry *v, size_t n, const char *top)
{
	struct protocols	*ps = NULL;
	const struct protocol	*p;
	char			 path[4096], *cause = NULL;
	size_t			 i;

	snprintf(path, sizeof path, "%s/etc/pvbot/protocols.conf", top);
	if (!check_int(protocols_load(path, &ps, &cause), 0)) {
		printf("# %s\n", cause);
		free(cause);
		return;
	}
	for (i = 0; i < sizeof real_stages / sizeof real_stages[0]; i++) {
		p = protocols_find(ps, real_stages[i].name);
		if (!check(p != NULL))
			continue;
		if (!check_int(support_stage_of(v, n, p), real_stages[i].stage))
			printf("#   protocol %s\n", p->name);
	}
	protocols_free(ps);
}

static void
test_real(void)
{
	const struct support_entry	*e;
	const struct entry_case		*c;
	struct support_entry		*v = NULL;
	const char			*path;
	char				*text, *cause = NULL;
	size_t				 len, n = 0, i;

	if ((path = tap_shared("data/xen/SUPPORT.md")) == NULL ||
	    (text = read_file(path, &len)) == NULL) {
		tap_check(1, __FILE__, __LINE__, "# SKIP no " "SUPPORT.md");
		return;
	}
	if (!check_int(support_parse(text, len, &v, &n, &cause), 0)) {
		free(cause);
		free(text);
		return;
	}
	check(n > 150);
	for (i = 0; i < sizeof real_entries / sizeof real_entries[0]; i++) {
		c = &real_entries[i];
		e = find_entry(v, n, c->feature, c->side, c->impl);
		if (!check(e != NULL)) {
			printf("#   no entry %s / %s / %s\n", c->feature,
			    c->side ? c->side : "-", c->impl ? c->impl : "-");
			continue;
		}
		check_str(e->status, c->status);
		check_int(e->stage, c->stage);
		if (c->line != 0)
			check_int(e->line, c->line);
	}
	test_real_stages(v, n, getenv("TOP_SRCDIR") != NULL ?
	    getenv("TOP_SRCDIR") : ".");
	support_free(v, n);
	free(text);
}

int
main(void)
{
	test_sample();
	test_stages();
	test_bad();
	test_real();
	return (tap_done());
}
