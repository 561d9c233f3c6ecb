/*
 * The evaluation cache's facts: a proposal and its result survive the
 * round trip field by field; damaged facts (cut anywhere, a wrong type,
 * an unknown verdict, a count larger than what follows) are refused.
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "consensus.h"
#include "store-evalcache.h"
#include "tap.h"
#include "xmalloc.h"

/* Arrays for decode, freed together. */
static void	*allocs[4096];
static size_t	 nallocs;

static void *
alloc(void *arg, size_t size)
{
	(void)arg;
	if (nallocs == sizeof allocs / sizeof allocs[0])
		abort();
	return (allocs[nallocs++] = xmalloc(size));
}

static void
alloc_free(void)
{
	while (nallocs > 0)
		free(allocs[--nallocs]);
}

static int
decode(const char *data, size_t len, struct consensus_proposal *p,
    struct consensus_result *r)
{
	struct store_evalcache_entry	e;

	memset(&e, 0, sizeof e);
	memset(p, 0, sizeof *p);
	e.facts = (char *)data;
	e.len = len;
	return (store_evalcache_decode(&e, p, r, alloc, NULL));
}

/* Facts written out by hand; sizeof counts the bytes, NULs and all. */
#define LIT(lit)	decode(lit, sizeof lit - 1, &q, &s)

int
main(void)
{
	static char			*protocols[] = { "pvcalls", "9pfs" };
	struct consensus_opinion	 ops[2] = {
		{ "Ann Maintainer", "ann@x", 2, 1, 1, "a@x", 0 },
		{ NULL, "bob@x", -1, 0, 0, "b@x", 1 },
	};
	struct consensus_objection	 obj = { NULL, "bob@x", "b@x",
	    1700000000, "stale", 1701209600, -1, 0 };
	struct consensus_evidence	 ev[3] = {
		{ CONSENSUS_EV_APPROVAL, "Mark", "mark@x", "m@x", 1700100000,
		    "PUBLIC I/O", NULL, 0, 0, 1, 1, "for the io part", 0 },
		{ CONSENSUS_EV_MISSING, "Tony <tony@x>", "tony@x", NULL, 0,
		    "TOOLSTACK", NULL, 0, 0, 1, 0, NULL, 0 },
		{ CONSENSUS_EV_POINT, NULL, NULL, "gone@x", 1700200000, NULL,
		    CONSENSUS_PT_DISPUTED, 1700300000, 1701500000, 0, 0, NULL,
		    0 },
	};
	struct consensus_patch		 pt;
	struct consensus_proposal	 p, q;
	struct consensus_result		 r, s;
	struct buf			 b, b2;
	size_t				 cut;
	int				 refused = 0;

	memset(&p, 0, sizeof p);
	memset(&r, 0, sizeof r);
	p.subject = "[PATCH v2 0/4] pvcalls: a \"quoted\" subject";
	p.kind = "design";
	p.list = NULL;
	p.start = 1699990000;
	p.window = 14 * 86400;
	p.proposer = "carol@x";
	p.proposer_name = NULL;
	p.protocols = protocols;
	p.nprotocols = 2;
	p.superseded_at = 0;
	p.committed_at = 1702000000;
	p.support_md = 1;
	p.spec = 1;
	p.reply_to = "c@x";
	p.news = 1700500000;
	r.verdict = CONSENSUS_STALE;
	snprintf(r.reason, sizeof r.reason, "bob was answered");
	r.deadline = 1701209600;
	r.window_end = 1701199600;
	r.sum = -3;
	r.npatches = 4;
	r.ncommitted = 3;
	r.committed_at = 1702100000;
	snprintf(r.commits, sizeof r.commits, "221f2748e8da 21170a738c11");
	r.notice = "<n1@example.org>";
	r.agreed = 1;
	r.opinions = ops;
	r.nopinions = 2;
	r.objections = &obj;
	r.nobjections = 1;
	r.rules = CONSENSUS_RULES_CHECKIN;
	r.window = 14 * 86400;
	r.responsive = 3 * 86400;
	r.reopened = 1701300000;
	r.consensus_from = 1701250000;
	r.evidence = ev;
	r.nevidence = 3;
	memset(&pt, 0, sizeof pt);
	pt.message_id = "p2@x";
	pt.part = 2;
	pt.total = 3;
	pt.verdict = CONSENSUS_NEEDS_REVIEW;
	snprintf(pt.reason, sizeof pt.reason, "approval needed");
	pt.deadline = 1701000000;
	pt.evidence = &ev[1];
	pt.nevidence = 1;
	r.patches = &pt;
	r.npatch = 1;

	buf_init(&b);
	store_evalcache_encode(&b, &p, &r);
	check(decode(b.data, b.len, &q, &s) == 0);
	check_str(q.subject, p.subject);
	check_str(q.kind, "design");
	check(q.list == NULL);
	check_int(q.start, p.start);
	check_int(q.window, p.window);
	check_str(q.proposer, "carol@x");
	check(q.proposer_name == NULL);
	check_int(q.nprotocols, 2);
	check_str(q.protocols[1], "9pfs");
	check_int(q.superseded_at, 0);
	check_int(q.committed_at, 1702000000);
	check_int(q.support_md, 1);
	check_int(q.spec, 1);
	check_str(q.reply_to, "c@x");
	check_int(q.news, 1700500000);
	check_str(s.verdict, CONSENSUS_STALE);
	check_str(s.reason, "bob was answered");
	check_int(s.deadline, r.deadline);
	check_int(s.window_end, r.window_end);
	check_int(s.sum, -3);
	check_int(s.npatches, 4);
	check_int(s.ncommitted, 3);
	check_int(s.committed_at, 1702100000);
	check_str(s.commits, "221f2748e8da 21170a738c11");
	check_str(s.notice, "<n1@example.org>");
	check_int(s.agreed, 1);
	check_int(s.nopinions, 2);
	check_str(s.opinions[0].name, "Ann Maintainer");
	check(s.opinions[1].name == NULL);
	check_int(s.opinions[1].vote, -1);
	check_int(s.opinions[0].stakeholder, 1);
	check_int(s.opinions[1].counted, 0);
	check_str(s.opinions[1].message_id, "b@x");
	check_int((int)s.opinions[1].stale, 1);
	check_int((int)s.opinions[0].stale, 0);
	check_int(s.nobjections, 1);
	check_str(s.objections[0].state, "stale");
	check_int(s.objections[0].reply_by, 1701209600);
	check_int(s.objections[0].vote, -1);
	check_str(s.rules, CONSENSUS_RULES_CHECKIN);
	check_int(s.window, 14 * 86400);
	check_int(s.responsive, 3 * 86400);
	check_int(s.reopened, 1701300000);
	check_int(s.consensus_from, 1701250000);
	if (check_int(s.nevidence, 3)) {
		check_str(s.evidence[0].kind, CONSENSUS_EV_APPROVAL);
		check_str(s.evidence[0].section, "PUBLIC I/O");
		check_int(s.evidence[0].earlier, 1);
		check_str(s.evidence[0].area, "for the io part");
		check_int(s.evidence[0].outside, 0);
		check(s.evidence[1].area == NULL);
		check_str(s.evidence[1].name, "Tony <tony@x>");
		check(s.evidence[1].message_id == NULL);
		check(s.evidence[2].name == NULL);
		check_str(s.evidence[2].state, CONSENSUS_PT_DISPUTED);
		check_int(s.evidence[2].answered, 1700300000);
		check_int(s.evidence[2].by, 1701500000);
	}
	if (check_int(s.npatch, 1)) {
		check_str(s.patches[0].message_id, "p2@x");
		check_int(s.patches[0].part, 2);
		check_int(s.patches[0].total, 3);
		check_str(s.patches[0].verdict, CONSENSUS_NEEDS_REVIEW);
		check_str(s.patches[0].reason, "approval needed");
		check_int(s.patches[0].deadline, 1701000000);
		if (check_int(s.patches[0].nevidence, 1))
			check_str(s.patches[0].evidence[0].section,
			    "TOOLSTACK");
	}
	/* Encoding again gives the same bytes. */
	buf_init(&b2);
	store_evalcache_encode(&b2, &q, &s);
	check(b2.len == b.len && memcmp(b2.data, b.data, b.len) == 0);
	buf_release(&b2);
	alloc_free();

	/* Cut short anywhere: refused, never read past the end. */
	for (cut = 0; cut < b.len; cut++) {
		char *copy = xmalloc(cut > 0 ? cut : 1);

		memcpy(copy, b.data, cut);
		refused += decode(copy, cut, &q, &s) != 0;
		alloc_free();
		free(copy);
	}
	check_int(refused, b.len);
	/* A trailing byte, an unknown verdict, a string where a number is. */
	buf_addch(&b, 'x');
	check(decode(b.data, b.len, &q, &s) != 0);
	alloc_free();
	check(LIT("s\0sseries\0n\0i1\0i0\0n\0n\0i0\0i0\0i0\0i0\0i0\0n\0"
	    "i0\0swaiting\0sr\0i0\0i0\0i0\0i0\0i0\0i0\0s\0n\0i0\0i0\0"
	    "i0\0n\0i0\0i0\0i0\0i0\0i0\0i0\0") == 0);
	alloc_free();
	check(LIT("s\0sseries\0n\0i1\0i0\0n\0n\0i0\0i0\0i0\0i0\0i0\0n\0"
	    "i0\0sbogus\0sr\0i0\0i0\0i0\0i0\0i0\0i0\0s\0n\0i0\0i0\0"
	    "i0\0n\0i0\0i0\0i0\0i0\0i0\0i0\0") != 0);
	alloc_free();
	check(LIT("s\0sseries\0n\0sx\0") != 0);
	alloc_free();
	/* A count of more items than bytes follow. */
	check(LIT("s\0sseries\0n\0i1\0i0\0n\0n\0i999999999\0") != 0);
	alloc_free();
	check(LIT("s\0sseries\0n\0i99999999999999999999\0") != 0);
	alloc_free();
	buf_release(&b);

	/* buf_add_ll at the edges. */
	buf_init(&b);
	buf_add_ll(&b, 0);
	buf_addch(&b, ' ');
	buf_add_ll(&b, -1);
	buf_addch(&b, ' ');
	buf_add_ll(&b, LLONG_MAX);
	buf_addch(&b, ' ');
	buf_add_ll(&b, LLONG_MIN);
	check_str(b.data, "0 -1 9223372036854775807 -9223372036854775808");
	buf_release(&b);
	return (tap_done());
}
