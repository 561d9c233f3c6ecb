/*
 * The proposal stage on facts built here, without SQLite: a series' two
 * versions sharing what their threads say, a design thread, mail dated
 * after now, and a warm plan where the evaluation cache gives a proposal
 * and only the changed threads are read.
 */
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "classify.h"
#include "config.h"
#include "consensus.h"
#include "mail-command.h"
#include "maintainers.h"
#include "policy.h"
#include "proposal.h"
#include "store-evalcache.h"
#include "tap.h"
#include "view.h"
#include "xmalloc.h"

#define DAY	86400
#define T0	1700000000	/* the first mail */
#define NOW	(T0 + 30 * DAY)

static const char maintainers_text[] =
    "THE REST\n"
    "M:\tRita Rest <rita@x>\n"
    "S:\tSupported\n"
    "F:\t*\n"
    "\n"
    "PV CALLS\n"
    "M:\tMona Maint <mona@x>\n"
    "S:\tSupported\n"
    "F:\txen/pvcalls/\n";

/* A message row with the fields a test cares about. */
static void
msg(struct view *v, long long rowid, long long thread, long long posting,
    const char *id, const char *parent, const char *email, time_t date,
    const char *kind, const char *subject)
{
	struct proposal_row	r;

	memset(&r, 0, sizeof r);
	r.rowid = rowid;
	r.thread = thread;
	r.posting = posting;
	r.id = id;
	r.parent = parent;
	r.name = email[0] == 'a' ? "Ann Author" : "";
	r.email = email;
	r.date = date;
	r.kind = kind;
	r.subject = subject;
	r.part = posting != 0 && parent == NULL ? 0 : 99999;
	proposal_add_message(v, &r);
}

/*
 * The facts every case shares: a series (postings 10 and 11, v2 sent in
 * its own thread) in threads 1 and 2, a design thread 3, a design dated
 * after now in thread 4 and a posting after now in thread 5.  gen is the
 * change stamp of threads 1 and 2.
 */
static void
stamps(struct view *v, long long gen)
{
	proposal_add_stamp(v, 1, "v1@x", gen, T0 + 2 * DAY);
	proposal_add_stamp(v, 2, "v2@x", gen, T0 + 12 * DAY);
	proposal_add_stamp(v, 3, "d1@x", 1, T0 + 4 * DAY);
	proposal_add_stamp(v, 4, "late@x", 1, NOW + DAY);
	proposal_add_stamp(v, 5, "next@x", 1, NOW + 2 * DAY);
	proposal_add_stamp(v, 6, NULL, 1, 0);	/* no root: not a proposal */
	proposal_add_posting(v, 11, 7, 2, 2, T0 + 10 * DAY, "ann@x");
	proposal_add_posting(v, 10, 7, 1, 1, T0, "ann@x");
	proposal_add_posting(v, 12, 8, 5, 1, NOW + 2 * DAY, "ann@x");
	proposal_add_posting(v, 13, 9, 6, 1, T0, "ann@x");
}

/* Rows in table order (rowid), as one scan of each table gives them. */
static void
rows(struct view *v)
{
	msg(v, 1, 1, 10, "v1@x", NULL, "ann@x", T0, CLASSIFY_COVER,
	    "[PATCH 0/2] ring: fix");
	msg(v, 2, 1, 0, "r1@x", "v1@x", "bob@x", T0 + DAY,
	    CLASSIFY_OBJECTION, "Re: [PATCH 0/2] ring: fix");
	msg(v, 3, 3, 0, "d1@x", NULL, "dan@x", T0 + 3 * DAY, CLASSIFY_DESIGN,
	    "[DESIGN] pvcalls v2 ring");
	msg(v, 4, 3, 0, "d2@x", "d1@x", "mona@x", T0 + 4 * DAY, CLASSIFY_ACK,
	    "Re: [DESIGN] pvcalls v2 ring");
	msg(v, 5, 2, 11, "v2@x", NULL, "ann@x", T0 + 10 * DAY,
	    CLASSIFY_COVER, "[PATCH v2 0/2] ring: fix");
	/* A reply to a reply to v2 answers v2: versions are inherited. */
	msg(v, 6, 2, 0, "r2@x", "v2@x", "mona@x", T0 + 11 * DAY,
	    CLASSIFY_REVIEW, "Re: [PATCH v2 0/2] ring: fix");
	msg(v, 7, 2, 0, "r3@x", "r2@x", "carl@x", T0 + 12 * DAY, CLASSIFY_ACK,
	    "Re: [PATCH v2 0/2] ring: fix");
	msg(v, 8, 4, 0, "late@x", NULL, "dan@x", NOW + DAY, CLASSIFY_DESIGN,
	    "[DESIGN] not yet");
	msg(v, 9, 2, 11, "p1@x", "v2@x", "ann@x", T0 + 10 * DAY + 60,
	    CLASSIFY_PATCH, "[PATCH v2 1/2] ring: fix");
	proposal_add_path(v, 9, "xen/pvcalls/back.c");
	proposal_add_path(v, 9, "SUPPORT.md");
	proposal_add_path(v, 9, "SUPPORT.md");	/* twice: once */
	proposal_add_path(v, 99, "unread.c");	/* a message not read */
	proposal_add_protocol(v, 2, "pvcalls");
	proposal_add_protocol(v, 2, "pvcalls");
	proposal_add_protocol(v, 3, "pvcalls");
	proposal_add_list(v, 5, "xen-devel");
	proposal_add_list(v, 5, "alpha-devel");	/* first by name */
	proposal_add_list(v, 6, "aardvark");	/* not the root's */
	proposal_add_list(v, 3, "xen-devel");
}

static const struct consensus_proposal *
find(const struct view *v, const char *root, int version, size_t *at)
{
	size_t	i;

	for (i = 0; i < v->nproposals; i++)
		if (strcmp(v->proposals[i].root, root) == 0 &&
		    v->proposals[i].version == version) {
			if (at != NULL)
				*at = i;
			return (&v->proposals[i]);
		}
	return (NULL);
}

static const struct consensus_msg *
find_msg(const struct consensus_proposal *p, const char *id)
{
	size_t	i;

	for (i = 0; i < p->nmsgs; i++)
		if (strcmp(p->msgs[i].id, id) == 0)
			return (&p->msgs[i]);
	return (NULL);
}

static void
check_series(const struct view *v)
{
	const struct consensus_proposal	*p1, *p2;
	const struct consensus_msg	*m;

	p1 = find(v, "v1@x", 1, NULL);
	p2 = find(v, "v2@x", 2, NULL);
	if (!check(p1 != NULL && p2 != NULL))
		return;
	check_str(p1->kind, "series");
	check_str(p1->subject, "[PATCH 0/2] ring: fix");
	check_int(p1->superseded_at, T0 + 10 * DAY);
	check_int(p1->nmsgs, 2);		/* its own thread only */
	check_int(p2->superseded_at, 0);
	check_int(p2->nmsgs, 6);		/* both threads */
	check_str(p2->subject, "[PATCH v2 0/2] ring: fix");
	check_str(p2->proposer, "ann@x");
	check_str(p2->proposer_name, "Ann Author");
	check_str(p2->reply_to, "v2@x");
	check_int(p2->news, T0 + 12 * DAY);
	check_int(p2->start, T0 + 10 * DAY);
	check_str(p2->list, "alpha-devel");
	check_int(p2->nprotocols, 1);
	check_int(p2->support_md, 1);
	check_int(p1->support_md, 0);
	/* Messages by date, each with the version it answers. */
	check_str(p2->msgs[0].id, "v1@x");
	check(p2->msgs[0].date <= p2->msgs[1].date);
	if ((m = find_msg(p2, "r1@x")) != NULL)
		check_int(m->version, 1);
	if ((m = find_msg(p2, "r3@x")) != NULL)
		check_int(m->version, 2);
	/* MAINTAINERS: mona maintains the touched path, rita is THE REST. */
	if ((m = find_msg(p2, "r2@x")) != NULL) {
		check_int(m->stakeholder, 1);
		check_int(m->committer, 1);
	}
	if ((m = find_msg(p2, "r3@x")) != NULL) {
		check_int(m->stakeholder, 0);
		check_int(m->committer, 0);
	}
}

static void
check_design(const struct view *v)
{
	const struct consensus_proposal	*d;
	const struct consensus_msg	*m;

	if (!check((d = find(v, "d1@x", 1, NULL)) != NULL))
		return;
	check_str(d->kind, "design");
	check_str(d->subject, "[DESIGN] pvcalls v2 ring");
	check_str(d->list, "xen-devel");
	check_int(d->nmsgs, 2);
	check_int(d->start, T0 + 3 * DAY);
	/* A design: the maintainers of THE REST may veto. */
	if ((m = find_msg(d, "d2@x")) != NULL)
		check_int(m->stakeholder, 0);
}

/* Every thread read (no cache): the whole series, the design, nothing later. */
static void
test_cold(const struct policy *pol, const struct mail_command_ctx *cmd)
{
	struct view	 v;
	time_t		 horizon;
	size_t		 reused, read, threads;

	proposal_begin(&v, NOW, NULL, NULL);
	stamps(&v, 1);
	proposal_plan(&v);
	check_int(proposal_read_mode(&v), PROPOSAL_READ_ALL);
	rows(&v);
	proposal_derive(&v, cmd);
	proposal_evaluate(&v, pol);
	/* Series versions first, in version order; then designs. */
	check_int(v.nproposals, 3);
	if (v.nproposals == 3) {
		check_str(v.proposals[0].root, "v1@x");
		check_str(v.proposals[1].root, "v2@x");
		check_str(v.proposals[2].root, "d1@x");
	}
	check_str(v.results[0].verdict, CONSENSUS_SUPERSEDED);
	check(v.results[1].verdict != NULL);
	check_series(&v);
	check_design(&v);
	check(find(&v, "late@x", 1, NULL) == NULL);
	check(find(&v, "next@x", 1, NULL) == NULL);
	check(proposal_evalcache(&v, &horizon) == NULL);
	check_int(horizon, NOW + DAY);
	proposal_counts(&v, &reused, &read, &threads);
	check_int(reused, 0);
	check_int(read, 6);
	view_free(&v);
	check_int(v.nproposals, 0);
}

/* Without MAINTAINERS nobody vetoes and anyone but the proposer applies. */
static void
test_no_maintainers(const struct policy *pol, const struct config *cf)
{
	struct mail_command_ctx		 cmd = { cf, NULL };
	const struct consensus_proposal	*p;
	const struct consensus_msg	*m;
	struct view			 v;

	proposal_begin(&v, NOW, NULL, NULL);
	stamps(&v, 1);
	proposal_plan(&v);
	rows(&v);
	proposal_derive(&v, &cmd);
	proposal_evaluate(&v, pol);
	if ((p = find(&v, "v2@x", 2, NULL)) != NULL) {
		if ((m = find_msg(p, "r2@x")) != NULL) {
			check_int(m->stakeholder, 0);
			check_int(m->committer, 1);
		}
		if ((m = find_msg(p, "p1@x")) != NULL)
			check_int(m->committer, 0);
	}
	view_free(&v);
}

/*
 * A cache holding the design's entry, evaluated at epoch 5, and nothing
 * for the series.  Threads 1 and 2 changed since (gen 7), thread 3 did
 * not (gen 1).
 */
static struct store_evalcache *
warm_cache(const struct view *cold)
{
	struct store_evalcache		*ec = xcalloc(1, sizeof *ec);
	struct store_evalcache_entry	*e;
	struct buf			 b;
	size_t				 at;
	char				*block;

	ec->epoch = 9;
	ec->seen = 5;
	buf_init(&b);
	if (find(cold, "d1@x", 1, &at) != NULL)
		store_evalcache_encode(&b, &cold->proposals[at],
		    &cold->results[at]);
	block = xmalloc(b.len + 64);
	memcpy(block, "d1@x\0d 3", 9);
	memcpy(block + 9, b.data, b.len);
	ec->blocks = xcalloc(1, sizeof *ec->blocks);
	ec->blocks[ec->nblocks++] = block;
	ec->e = e = xcalloc(1, sizeof *e);
	ec->n = 1;
	e->root = block;
	e->version = 1;
	e->shape = block + 5;
	e->epoch = 5;
	e->at = NOW - DAY;
	e->facts = block + 9;
	e->len = b.len;
	buf_release(&b);
	return (ec);
}

static void
test_warm(const struct policy *pol, const struct mail_command_ctx *cmd)
{
	struct view	 cold, v;
	const long long	*widen;
	size_t		 at, reused, read, threads, pos = 0, n;

	proposal_begin(&cold, NOW, NULL, NULL);
	stamps(&cold, 1);
	proposal_plan(&cold);
	rows(&cold);
	proposal_derive(&cold, cmd);
	proposal_evaluate(&cold, pol);

	proposal_begin(&v, NOW, warm_cache(&cold), NULL);
	stamps(&v, 7);
	proposal_plan(&v);
	/* The series' threads, and those of every posting's mail. */
	check(proposal_wanted(&v, 1));
	check(proposal_wanted(&v, 2));
	check(!proposal_wanted(&v, 3));
	n = proposal_widen(&v, &widen);
	check_int(n, 2);
	check_int(proposal_next_wanted(&v, &pos), 1);
	check_int(proposal_next_wanted(&v, &pos), 2);
	check_int(proposal_next_wanted(&v, &pos), 0);
	/* Two of six threads: more than an eighth, so one scan of each. */
	check_int(proposal_read_mode(&v), PROPOSAL_READ_ALL);
	rows(&v);		/* thread 3's rows are dropped */
	proposal_derive(&v, cmd);
	proposal_evaluate(&v, pol);
	check_int(v.nproposals, 3);
	if (check(find(&v, "d1@x", 1, &at) != NULL)) {
		check(proposal_cached(&v, at));
		check_str(v.proposals[at].subject, "[DESIGN] pvcalls v2 ring");
		check_str(v.results[at].verdict, cold.results[2].verdict);
		check_str(v.proposals[at].reply_to, "d1@x");
	}
	check_series(&v);
	proposal_counts(&v, &reused, &read, &threads);
	check_int(reused, 1);
	check_int(read, 2);
	check_int(threads, 6);
	view_free(&v);
	view_free(&cold);
}

int
main(void)
{
	struct config		 cf;
	struct policy		 pol;
	struct maintainers	*mt = NULL;
	struct mail_command_ctx	 cmd;
	char			*cause = NULL;

	memset(&cf, 0, sizeof cf);
	policy_defaults(&pol);
	if (!check(maintainers_parse(maintainers_text,
	    sizeof maintainers_text - 1, "MAINTAINERS", &mt, &cause) == 0))
		return (tap_done());
	cmd.cf = &cf;
	cmd.mt = mt;
	test_cold(&pol, &cmd);
	test_no_maintainers(&pol, &cf);
	test_warm(&pol, &cmd);
	maintainers_free(mt);
	return (tap_done());
}
