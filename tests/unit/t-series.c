/* Subject tags of patch series. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "series.h"
#include "tap.h"

struct series_case {
	const char	*subject;
	int		 flags, version, part, total, reply;
	const char	*prefix, *norm;
};

static const struct series_case cases[] = {
	{ "[PATCH v3 2/7] xen/pvcalls: fix ring", SERIES_PATCH, 3, 2, 7, 0,
	    "", "xen/pvcalls: fix ring" },
	{ "[PATCH 0/5] x86/paravirt: rework", SERIES_PATCH, 1, 0, 5, 0, "",
	    "x86/paravirt: rework" },
	{ "[RFC PATCH v2] docs: pvcalls", SERIES_PATCH | SERIES_RFC, 2, -1, 0,
	    0, "", "docs: pvcalls" },
	{ "[PATCH RESEND] tools: fix", SERIES_PATCH | SERIES_RESEND, 1, -1, 0,
	    0, "", "tools: fix" },
	{ "[DESIGN] PV Calls v2", SERIES_DESIGN, 1, -1, 0, 0, "",
	    "pv calls v2" },
	{ "[DOC v4] pvcalls protocol", SERIES_DOC, 4, -1, 0, 0, "",
	    "pvcalls protocol" },
	{ "Re: [PATCH v3 2/7] xen/pvcalls: fix ring", SERIES_PATCH, 3, 2, 7, 1,
	    "", "xen/pvcalls: fix ring" },
	{ "RE: Re: AW: [PATCH] x", SERIES_PATCH, 1, -1, 0, 1, "", "x" },
	{ "[patch RFC 00/38] sched: big", SERIES_PATCH | SERIES_RFC, 1, 0, 38,
	    0, "", "sched: big" },
	{ "[RFC KERNEL PATCH v2 1/3] xen: y", SERIES_PATCH | SERIES_RFC, 2, 1,
	    3, 0, "KERNEL", "xen: y" },
	{ "[PATCH V2 1/2] a", SERIES_PATCH, 2, 1, 2, 0, "", "a" },
	{ "[PATCHv5 3/4] b", SERIES_PATCH, 5, 3, 4, 0, "", "b" },
	{ "[PULL 00/12] xen queue", SERIES_PULL, 1, 0, 12, 0, "",
	    "xen queue" },
	{ "[qemu-web PATCH] blog", SERIES_PATCH, 1, -1, 0, 0, "qemu-web",
	    "blog" },
	{ "[PATCH for-4.18 v2] x86: z", SERIES_PATCH, 2, -1, 0, 0, "for-4.18",
	    "x86: z" },
	{ "[Xen-devel] [PATCH 1/2] c", SERIES_PATCH, 1, 1, 2, 0, "", "c" },
	{ "Re: [Xen-devel] [PATCH 1/2] c", SERIES_PATCH, 1, 1, 2, 1, "",
	    "c" },
	{ "[PATCH AUTOSEL 6.1 12/20] d", SERIES_PATCH, 1, 12, 20, 0,
	    "AUTOSEL 6.1", "d" },
	{ "Ping: something", 0, 1, -1, 0, 0, "", "ping: something" },
	{ "[LSF/MM TOPIC] virtio", 0, 1, -1, 0, 0, "LSF/MM TOPIC",
	    "virtio" },
	{ "Re:[PATCH] tight", SERIES_PATCH, 1, -1, 0, 1, "", "tight" },
	/* A part added beyond the count is kept, flagged. */
	{ "[PATCH 3/2] odd", SERIES_PATCH | SERIES_EXTRA, 1, 3, 2, 0, "",
	    "odd" },
	{ "[PATCH v4 16/15] e", SERIES_PATCH | SERIES_EXTRA, 4, 16, 15, 0, "",
	    "e" },
	/* Point versions: version 7, point 1. */
	{ "[PATCH v7.1 3/9] f", SERIES_PATCH, 7, 3, 9, 0, "", "f" },
	{ "[PATCH V2.1] g", SERIES_PATCH, 2, -1, 0, 0, "", "g" },
	{ "[PATCHv3.2] h", SERIES_PATCH, 3, -1, 0, 0, "", "h" },
	{ "[PATCH v1.2.3] i", SERIES_PATCH, 1, -1, 0, 0, "v1.2.3", "i" },
	/* format-patch --subject-prefix with a dash. */
	{ "[PATCH-cgroup] j", SERIES_PATCH, 1, -1, 0, 0, "cgroup", "j" },
	{ "Re: [patch-4.16] k", SERIES_PATCH, 1, -1, 0, 1, "4.16", "k" },
	{ "[RFC-PATCH v2 1/3] l", SERIES_PATCH | SERIES_RFC, 2, 1, 3, 0, "",
	    "l" },
	{ "[PATCH-] m", 0, 1, -1, 0, 0, "PATCH-", "m" },
	{ "[patch-set] n", SERIES_PATCH, 1, -1, 0, 0, "set", "n" },
};

int
main(void)
{
	struct series_tag	 tag;
	const struct series_case *c;
	char			*norm, *cid, *sup;
	size_t			 i;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		c = &cases[i];
		norm = series_parse_subject(c->subject, &tag);
		if (strstr(c->subject, "v7.1") != NULL)
			check_int(tag.point, 1);
		else if (strstr(c->subject, "V2.1") != NULL)
			check_int(tag.point, 1);
		else if (strstr(c->subject, "PATCHv3.2") != NULL)
			check_int(tag.point, 2);
		else
			check_int(tag.point, 0);
		if (!check_int(tag.flags, c->flags) ||
		    !check_int(tag.version, c->version) ||
		    !check_int(tag.part, c->part) ||
		    !check_int(tag.total, c->total) ||
		    !check_int(tag.reply, c->reply) ||
		    !check_str(tag.prefix, c->prefix) ||
		    !check_str(norm, c->norm))
			printf("#   subject: %s\n", c->subject);
		free(norm);
	}
	norm = series_parse_subject("[PATCH] x", &tag);
	check(series_is_posting(&tag));
	free(norm);
	norm = series_parse_subject("Question about blkif", &tag);
	check(!series_is_posting(&tag));
	free(norm);
	check(series_was_posting("Re: halt polling broken? (was Re: [PATCH "
	    "00/14] KVM: fixes)"));
	check(series_was_posting("stat in core (was: [RFC PATCH v2] x)"));
	check(series_was_posting("Should we? (Re: [PATCH] Allow RDTSC)"));
	check(!series_was_posting("Re: blkif (was Re: ring sizes)"));
	check(!series_was_posting("Re: a (wasteful) [PATCH] rewrite"));
	check(!series_was_posting("Re: ring (see [PATCH] y)"));
	check(!series_was_posting("Re: [PATCH] x"));
	series_body_links("Some text\nchange-id: 20231019-foo-v1-abc\n"
	    "Supersedes: <old@example.org>\n---\ndiff --git a/x b/x\n"
	    "change-id: not-this\n", &cid, &sup);
	check_str(cid, "20231019-foo-v1-abc");
	check_str(sup, "old@example.org");
	free(cid);
	free(sup);
	series_body_links("nothing here\n", &cid, &sup);
	check(cid == NULL && sup == NULL);
	return (tap_done());
}
