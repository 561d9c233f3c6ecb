/*
 * The proposal stage (proposal.h): stamps and postings in, a plan of what
 * to read, rows in, proposals and verdicts out.  Messages are kept in one
 * array ordered by thread; each proposal copies the messages of its
 * threads, and the strings stay in the arena.
 */
#include <sys/types.h>

#include <ctype.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "arena.h"
#include "classify.h"
#include "consensus.h"
#include "facts.h"
#include "proposal.h"
#include "proposal-facts.h"
#include "protocols.h"
#include "store-evalcache.h"
#include "view.h"
#include "xmalloc.h"

static const char *
proposal_kind(const char *k)
{
	static const char *kinds[] = { CLASSIFY_DESIGN, CLASSIFY_PATCH,
	    CLASSIFY_COVER, CLASSIFY_ACK, CLASSIFY_OBJECTION, CLASSIFY_REVIEW };
	size_t	i;

	for (i = 0; k != NULL && i < sizeof kinds / sizeof kinds[0]; i++)
		if (strcmp(k, kinds[i]) == 0)
			return (kinds[i]);
	return (CLASSIFY_OTHER);
}

void
proposal_begin(struct view *v, time_t now, struct store_evalcache *ec,
    const struct protocols *registry)
{
	struct proposal_facts	*f;
	size_t			 i;

	memset(v, 0, sizeof *v);
	v->now = now;
	v->facts = f = xcalloc(1, sizeof *f);
	f->ec = ec;
	f->every = ec == NULL || ec->cold;
	f->registry = registry;
	v->nprotocols = registry != NULL ? protocols_count(registry) : 0;
	v->protocols = xcalloc(v->nprotocols + 1, sizeof *v->protocols);
	for (i = 0; i < v->nprotocols; i++) {
		v->protocols[i].in.name = protocols_get(registry, i)->name;
		v->protocols[i].title = protocols_get(registry, i)->title;
		v->protocols[i].in.stage = CONSENSUS_STAGE_DESIGN;
	}
}

struct store_evalcache *
proposal_evalcache(const struct view *v, time_t *horizon)
{
	*horizon = v->facts != NULL ? v->facts->design_horizon : 0;
	return (v->facts != NULL ? v->facts->ec : NULL);
}

void
proposal_add_stamp(struct view *v, long long id, const char *root,
    long long gen, time_t last)
{
	struct proposal_facts	*f = v->facts;
	size_t			 a = f->atids;

	if (f->ntids == a) {
		a = a == 0 ? 4096 : a * 2;
		f->tid = xreallocarray(f->tid, a, sizeof *f->tid);
		f->troot = xreallocarray(f->troot, a, sizeof *f->troot);
		f->tgen = xreallocarray(f->tgen, a, sizeof *f->tgen);
		f->tlast = xreallocarray(f->tlast, a, sizeof *f->tlast);
		f->twant = xreallocarray(f->twant, a, sizeof *f->twant);
		f->tpresent = xreallocarray(f->tpresent, a,
		    sizeof *f->tpresent);
		f->atids = a;
	}
	f->tid[f->ntids] = id;
	f->troot[f->ntids] = arena_keep(&f->arena, root);
	f->tgen[f->ntids] = gen;
	f->tlast[f->ntids] = last;
	f->tpresent[f->ntids] = 0;
	f->twant[f->ntids++] = 0;
}

/* A thread's root Message-ID, or NULL. */
const char *
proposal_root(const struct proposal_facts *f, long long thread)
{
	ssize_t	i = facts_search(f->tid, f->ntids, thread);

	return (i < 0 ? NULL : f->troot[i]);
}

/* A thread's change stamp; a thread not known is new. */
long long
proposal_gen(const struct proposal_facts *f, long long thread)
{
	ssize_t	i = facts_search(f->tid, f->ntids, thread);

	return (i < 0 ? LLONG_MAX : f->tgen[i]);
}

void
proposal_add_posting(struct view *v, long long id, long long series,
    long long thread, int version, time_t date, const char *author)
{
	struct proposal_facts	*f = v->facts;
	struct proposal_posting	*p;

	if (f->nps == f->aps) {
		f->aps = f->aps == 0 ? 1024 : f->aps * 2;
		f->ps = xreallocarray(f->ps, f->aps, sizeof *f->ps);
	}
	p = &f->ps[f->nps];
	p->id = id;
	p->series = series;
	p->thread = thread;
	p->version = version;
	p->date = date;
	p->author = arena_keep(&f->arena, author);
	/* A posting whose thread has no root is not a proposal. */
	if ((p->root = proposal_root(f, thread)) != NULL)
		f->nps++;
}

void
proposal_want(struct view *v, long long thread)
{
	struct proposal_facts	*f = v->facts;
	ssize_t			 i = facts_search(f->tid, f->ntids, thread);

	if (i >= 0 && !f->twant[i]) {
		f->twant[i] = 1;
		f->nwanted++;
	}
}

int
proposal_wanted(const struct view *v, long long thread)
{
	const struct proposal_facts	*f = v->facts;
	ssize_t				 i;

	if (f->every)
		return (1);
	i = facts_search(f->tid, f->ntids, thread);
	return (i >= 0 && f->twant[i]);
}

int
proposal_read_mode(const struct view *v)
{
	const struct proposal_facts	*f = v->facts;

	if (!f->every && f->nwanted == 0)
		return (PROPOSAL_READ_NONE);
	/* More than a few threads: one sequential scan beats the index. */
	if (f->every || f->nwanted > f->ntids / 8)
		return (PROPOSAL_READ_ALL);
	return (PROPOSAL_READ_EACH);
}

long long
proposal_next_wanted(const struct view *v, size_t *pos)
{
	const struct proposal_facts	*f = v->facts;

	while (*pos < f->ntids)
		if (f->twant[(*pos)++])
			return (f->tid[*pos - 1]);
	return (0);
}

size_t
proposal_widen(const struct view *v, const long long **postings)
{
	*postings = v->facts->widen;
	return (v->facts->nwiden);
}

/* A new proposal, with its shape for the cache and where it came from. */
struct consensus_proposal *
proposal_new(struct view *v, const char *shape, int cached)
{
	struct proposal_facts	*f = v->facts;
	size_t			 a;

	if ((v->nproposals & (v->nproposals - 1)) == 0) {
		a = v->nproposals == 0 ? 16 : v->nproposals * 2;
		v->proposals = xreallocarray(v->proposals, a,
		    sizeof *v->proposals);
		v->results = xreallocarray(v->results, a, sizeof *v->results);
		f->shape = xreallocarray(f->shape, a, sizeof *f->shape);
		f->cached = xreallocarray(f->cached, a, sizeof *f->cached);
	}
	memset(&v->results[v->nproposals], 0, sizeof *v->results);
	memset(&v->proposals[v->nproposals], 0, sizeof *v->proposals);
	f->shape[v->nproposals] = shape;
	f->cached[v->nproposals] = cached;
	return (&v->proposals[v->nproposals++]);
}

/* By rowid: the messages as the table holds them. */
static int
proposal_cmp_scan(const void *ctx, size_t x, size_t y)
{
	const struct proposal_facts	*f = ctx;

	return (f->scan_rowid[x] < f->scan_rowid[y] ? -1 :
	    f->scan_rowid[x] > f->scan_rowid[y]);
}

/* By thread, then date, then Message-ID: a thread's messages in order. */
static int
proposal_cmp_thread(const void *ctx, size_t x, size_t y)
{
	const struct proposal_facts	*f = ctx;

	if (f->thread[x] != f->thread[y])
		return (f->thread[x] < f->thread[y] ? -1 : 1);
	if (f->msgs[x].date != f->msgs[y].date)
		return (f->msgs[x].date < f->msgs[y].date ? -1 : 1);
	return (strcmp(f->msgs[x].id, f->msgs[y].id));
}

/* Rows read thread by thread: in rowid order, to map facts by rowid. */
static void
proposal_sort_scan(struct proposal_facts *f)
{
	size_t	*idx, i;

	for (i = 1; i < f->nscan; i++)
		if (f->scan_rowid[i - 1] > f->scan_rowid[i])
			break;
	if (i >= f->nscan)
		return;
	idx = facts_order(f->nscan, proposal_cmp_scan, f);
	facts_permute(&f->scan_rowid, sizeof *f->scan_rowid, idx, f->nscan);
	facts_permute(&f->scan_thread, sizeof *f->scan_thread, idx, f->nscan);
	facts_permute(&f->scan_id, sizeof *f->scan_id, idx, f->nscan);
	free(idx);
}

/*
 * The messages read, in table order, to find a path's or list's thread
 * by the message's rowid; once, when the first of them arrives (every
 * message is read before them).
 */
static void
proposal_index_scan(struct proposal_facts *f)
{
	if (f->scan_thread != NULL)
		return;
	f->scan_thread = xcalloc(f->nmsgs + 1, sizeof *f->scan_thread);
	if (f->nmsgs > 0)
		memcpy(f->scan_thread, f->thread, f->nmsgs *
		    sizeof *f->thread);
	f->nscan = f->nmsgs;
	proposal_sort_scan(f);
}

static int
proposal_cmp_design(const void *a, const void *b)
{
	const struct proposal_design	*x = a, *y = b;

	return (x->thread < y->thread ? -1 : x->thread > y->thread);
}

/*
 * Order the messages (read in table order, which is sequential on disk)
 * by thread in memory, and index the threads.
 */
static void
proposal_sort_messages(struct proposal_facts *f)
{
	size_t	*idx, i;

	idx = facts_order(f->nmsgs, proposal_cmp_thread, f);
	facts_permute(&f->msgs, sizeof *f->msgs, idx, f->nmsgs);
	facts_permute(&f->posting, sizeof *f->posting, idx, f->nmsgs);
	facts_permute(&f->thread, sizeof *f->thread, idx, f->nmsgs);
	free(idx);
	for (i = 0; i < f->nmsgs; i++) {
		if (f->nthreads == 0 ||
		    f->threads[f->nthreads - 1].id != f->thread[i]) {
			f->threads = xreallocarray(f->threads,
			    f->nthreads + 1, sizeof *f->threads);
			f->threads[f->nthreads].id = f->thread[i];
			f->threads[f->nthreads].first = i;
			f->threads[f->nthreads++].count = 0;
		}
		f->threads[f->nthreads - 1].count++;
	}
}

/* Messages by thread, facts by thread or posting: ready to look up. */
void
proposal_index(struct proposal_facts *f)
{
	if (f->indexed)
		return;
	f->indexed = 1;
	proposal_index_scan(f);
	proposal_sort_messages(f);
	facts_sort(&f->lists);
	facts_sort(&f->orphan_lists);
	facts_sort(&f->paths);
	facts_sort(&f->mpaths);
	facts_sort(&f->areas);
	facts_sort(&f->protos);
	facts_sort(&f->posts);
	if (f->ndesigns > 0)
		qsort(f->designs, f->ndesigns, sizeof *f->designs,
		    proposal_cmp_design);
}

void
proposal_add_git(struct view *v, long long rowid, time_t at, const char *oid,
    const char *how, const char *source)
{
	struct proposal_facts	*f = v->facts;
	struct proposal_git	*g;

	if (f->ngit == 0 || f->git[f->ngit - 1].rowid != rowid) {
		if ((f->ngit & (f->ngit - 1)) == 0)
			f->git = xreallocarray(f->git, f->ngit == 0 ? 16 :
			    f->ngit * 2, sizeof *f->git);
		g = &f->git[f->ngit++];
		memset(g, 0, sizeof *g);
		g->rowid = rowid;
	} else
		g = &f->git[f->ngit - 1];
	if (oid == NULL)
		g->patch = 1;
	else if (g->oid == NULL) {
		g->at = at;
		g->oid = arena_keep(&f->arena, oid);
		g->how = arena_keep(&f->arena, how);
		g->source = source != NULL ? arena_keep(&f->arena, source) :
		    NULL;
	}
}

/* A message's git facts, found by its rowid. */
static void
proposal_git_of(const struct proposal_facts *f, struct consensus_msg *m,
    long long rowid)
{
	size_t	lo = 0, hi = f->ngit, mid;

	while (lo < hi) {
		mid = (lo + hi) / 2;
		if (f->git[mid].rowid == rowid) {
			m->patch = f->git[mid].patch;
			m->committed_at = f->git[mid].at;
			m->commit = f->git[mid].oid;
			m->commit_how = f->git[mid].how;
			m->commit_source = f->git[mid].source;
			return;
		}
		if (f->git[mid].rowid < rowid)
			lo = mid + 1;
		else
			hi = mid;
	}
}

/*
 * A posting's name (its cover, else patch 1) and the window it names.
 * When neither came, the lowest part present names it: another part's
 * subject is kept unless the last one seen (a posting's mail is mostly
 * read together, in order) has one of a lower part.
 */
static void
proposal_posting_fact(struct proposal_facts *f, const struct proposal_row *r,
    const struct consensus_msg *m)
{
	struct fact	*fa, *last;
	int		 keep = r->part <= 1;

	last = f->posts.n > 0 ? &f->posts.v[f->posts.n - 1] : NULL;
	if (!keep)
		keep = last == NULL || last->key != r->posting ||
		    last->text == NULL || r->part < last->part;
	fa = facts_add(&f->posts, r->posting, keep ?
	    arena_keep(&f->arena, r->subject) : NULL);
	fa->num = r->window;
	fa->part = r->part;
	fa->date = m->date;
}

static void
proposal_grow_msgs(struct proposal_facts *f)
{
	f->amsgs = f->amsgs == 0 ? 4096 : f->amsgs * 2;
	f->msgs = xreallocarray(f->msgs, f->amsgs, sizeof *f->msgs);
	f->posting = xreallocarray(f->posting, f->amsgs, sizeof *f->posting);
	f->thread = xreallocarray(f->thread, f->amsgs, sizeof *f->thread);
	f->scan_rowid = xreallocarray(f->scan_rowid, f->amsgs,
	    sizeof *f->scan_rowid);
	f->scan_id = xreallocarray(f->scan_id, f->amsgs, sizeof *f->scan_id);
}

void
proposal_add_message(struct view *v, const struct proposal_row *r)
{
	struct proposal_facts	*f = v->facts;
	struct proposal_design	*d;
	struct consensus_msg	*m;

	ssize_t			 t;

	if (!proposal_wanted(v, r->thread))
		return;
	if ((t = facts_search(f->tid, f->ntids, r->thread)) >= 0 &&
	    f->troot[t] != NULL && strcmp(f->troot[t], r->id) == 0)
		f->tpresent[t] = 1;
	if (f->nmsgs == f->amsgs)
		proposal_grow_msgs(f);
	m = &f->msgs[f->nmsgs];
	memset(m, 0, sizeof *m);
	f->thread[f->nmsgs] = r->thread;
	f->scan_rowid[f->nmsgs] = r->rowid;
	m->id = arena_keep(&f->arena, r->id);
	f->scan_id[f->nmsgs] = m->id;
	m->parent = arena_keep(&f->arena, r->parent);
	m->name = arena_keep(&f->arena, r->name);
	m->email = arena_keep(&f->arena, r->email);
	m->date = r->date;
	m->kind = proposal_kind(r->kind);
	m->flags = r->flags;
	m->has_vote = r->has_vote;
	m->vote = r->vote;
	/* classify summed up the sender's own trailers in its flags. */
	m->acked = (m->flags & CLASSIFY_F_GAVE_ACK) != 0;
	m->tested = (m->flags & CLASSIFY_F_GAVE_TESTED) != 0;
	m->nacked = (m->flags & CLASSIFY_F_GAVE_NACK) != 0;
	/* Only a posting's own messages are parts of it, not the replies. */
	if (r->posting != 0 && r->part != 99999 && r->total > 0) {
		m->part = r->part;
		m->total = r->total;
	}
	m->rowid = r->rowid;
	f->posting[f->nmsgs] = r->posting;
	proposal_git_of(f, m, r->rowid);
	if (r->posting != 0)
		proposal_posting_fact(f, r, m);
	else if (strcmp(m->kind, CLASSIFY_DESIGN) == 0) {
		f->designs = xreallocarray(f->designs, f->ndesigns + 1,
		    sizeof *f->designs);
		d = &f->designs[f->ndesigns++];
		d->thread = r->thread;
		d->id = m->id;
		d->subject = arena_keep(&f->arena, r->subject);
		d->window = r->window;
	}
	f->nmsgs++;
}

void
proposal_add_path(struct view *v, long long rowid, const char *path)
{
	struct proposal_facts	*f = v->facts;
	ssize_t			 i;

	proposal_index_scan(f);
	if ((i = facts_search(f->scan_rowid, f->nscan, rowid)) >= 0) {
		path = arena_keep(&f->arena, path);
		facts_add(&f->paths, f->scan_thread[i], path);
		facts_add(&f->mpaths, rowid, path);
	}
}

void
proposal_add_area(struct view *v, long long rowid, const char *area)
{
	struct proposal_facts	*f = v->facts;

	proposal_index_scan(f);
	if (area != NULL && facts_search(f->scan_rowid, f->nscan, rowid) >= 0)
		facts_add(&f->areas, rowid, arena_keep(&f->arena, area));
}

void
proposal_add_protocol(struct view *v, long long thread, const char *name)
{
	struct proposal_facts	*f = v->facts;

	if (proposal_wanted(v, thread))
		facts_add(&f->protos, thread, arena_keep(&f->arena, name));
}

void
proposal_add_list(struct view *v, long long rowid, const char *list)
{
	struct proposal_facts	*f = v->facts;
	const struct fact	*last;
	const char		*root;
	ssize_t			 i, t;

	/*
	 * Only the lists of each thread's root message count; when the root
	 * never came, those of the messages that did (each once a thread).
	 */
	proposal_index_scan(f);
	if ((i = facts_search(f->scan_rowid, f->nscan, rowid)) < 0 ||
	    (root = proposal_root(f, f->scan_thread[i])) == NULL)
		return;
	if (strcmp(root, f->scan_id[i]) == 0) {
		facts_add(&f->lists, f->scan_thread[i], arena_keep(&f->arena,
		    list));
		return;
	}
	if ((t = facts_search(f->tid, f->ntids, f->scan_thread[i])) < 0 ||
	    f->tpresent[t])
		return;
	last = f->orphan_lists.n > 0 ?
	    &f->orphan_lists.v[f->orphan_lists.n - 1] : NULL;
	if (last == NULL || last->key != f->scan_thread[i] ||
	    strcmp(last->text, list) != 0)
		facts_add(&f->orphan_lists, f->scan_thread[i],
		    arena_keep(&f->arena, list));
}

void
proposal_set_stage(struct view *v, const char *name, const char *stage,
    time_t since)
{
	size_t	i;

	for (i = 0; i < v->nprotocols; i++)
		if (strcmp(v->protocols[i].in.name, name) == 0) {
			v->protocols[i].in.stage = arena_keep(
			    &v->facts->arena, stage);
			v->protocols[i].in.since = since;
		}
}

void
proposal_add_activity(struct view *v, long long thread, const char *name)
{
	struct proposal_facts	*f = v->facts;
	ssize_t			 t;
	size_t			 i;

	/* Each protocol's newest mail by now. */
	if ((t = facts_search(f->tid, f->ntids, thread)) < 0 ||
	    f->tlast[t] > v->now)
		return;
	for (i = 0; i < v->nprotocols; i++) {
		if (strcmp(v->protocols[i].in.name, name) != 0)
			continue;
		if (f->tlast[t] > v->protocols[i].in.last_activity)
			v->protocols[i].in.last_activity = f->tlast[t];
		break;
	}
}

/* Proposals bound to each protocol, in proposal order. */
struct proposal_bindings {
	const struct consensus_proposal	**ps;
	const struct consensus_result	**rs;
	size_t				  n, a;
};

static void
proposal_bind(struct proposal_bindings *vb,
    const struct consensus_proposal *p, const struct consensus_result *r)
{
	if (vb->n == vb->a) {
		vb->a = vb->a == 0 ? 16 : vb->a * 2;
		vb->ps = xreallocarray(vb->ps, vb->a, sizeof *vb->ps);
		vb->rs = xreallocarray(vb->rs, vb->a, sizeof *vb->rs);
	}
	vb->ps[vb->n] = p;
	vb->rs[vb->n++] = r;
}

/* Proposal j's protocols, each bound once. */
static void
proposal_bind_protocols(struct view *v, size_t j,
    struct proposal_bindings *vb)
{
	const struct consensus_proposal	*p = &v->proposals[j];
	const char			*name;
	size_t				 i, k;

	for (k = 0; k < p->nprotocols; k++) {
		name = p->protocols[k];
		/* A name twice on a proposal binds it once. */
		for (i = 0; i < k && strcmp(name, p->protocols[i]) != 0; i++)
			;
		if (i < k)
			continue;
		for (i = 0; i < v->nprotocols &&
		    strcmp(v->protocols[i].in.name, name) != 0; i++)
			;
		if (i < v->nprotocols)
			proposal_bind(&vb[i], p, &v->results[j]);
	}
}

/*
 * Every protocol's state from the proposals bound to it, found in one pass
 * over the proposals (one pass per protocol compared names 10^6 times).
 */
static void
proposal_protocols(struct view *v, const struct policy *pol)
{
	struct proposal_bindings	*vb;
	struct view_protocol		*vp;
	size_t				 i, j;

	vb = xcalloc(v->nprotocols + 1, sizeof *vb);
	for (j = 0; j < v->nproposals; j++)
		if (v->proposals[j].start <= v->now && strcmp(
		    v->results[j].verdict, CONSENSUS_SUPERSEDED) != 0)
			proposal_bind_protocols(v, j, vb);
	for (i = 0; i < v->nprotocols; i++) {
		vp = &v->protocols[i];
		vp->nproposals = vb[i].n;
		consensus_protocol_evaluate(pol, &vp->in, vb[i].ps, vb[i].rs,
		    vb[i].n, v->now, &vp->out);
		free(vb[i].ps);
		free(vb[i].rs);
	}
	free(vb);
}

/* The subject without its tags ("[PATCH v2 1/3]", "Re:"), lower-cased. */
static void
proposal_subject_words(const char *subject, char *out, size_t len)
{
	const char	*s = subject != NULL ? subject : "";
	size_t		 n = 0;

	for (;;) {
		s += strspn(s, " \t");
		if (*s == '[' && strchr(s, ']') != NULL)
			s = strchr(s, ']') + 1;
		else if (strncasecmp(s, "re:", 3) == 0)
			s += 3;
		else
			break;
	}
	for (; *s != '\0' && n + 1 < len; s++)
		out[n++] = (char)tolower((unsigned char)*s);
	out[n] = '\0';
}

/*
 * Whether two subjects name the same change: most of their words are the
 * same (a new version may reword its subject: "connected" -> "connection",
 * a prefix added to a name).
 */
/* The next word of *s (split at blanks) into out, or 0 at the end. */
static int
proposal_next_word(const char **s, char *out, size_t len)
{
	size_t	n;

	*s += strspn(*s, " \t");
	if (**s == '\0')
		return (0);
	n = strcspn(*s, " \t");
	snprintf(out, len, "%.*s", (int)n, *s);
	*s += n;
	return (1);
}

static int
proposal_similar(const char *a, const char *b)
{
	char		 x[256], y[256], words[64][64], w[64];
	const char	*s;
	size_t		 nx = 0, ny = 0, common = 0, i;
	int		 seen;

	proposal_subject_words(a, x, sizeof x);
	proposal_subject_words(b, y, sizeof y);
	for (s = x; nx < 64 && proposal_next_word(&s, words[nx],
	    sizeof words[nx]); nx++)
		;
	for (s = y; proposal_next_word(&s, w, sizeof w); ) {
		ny++;
		for (i = 0, seen = 0; i < nx && !seen; i++)
			seen = strcmp(words[i], w) == 0;
		common += seen;
	}
	/* Jaccard over the words, at least a half, two words or more. */
	return (common >= 2 && 2 * common >= nx + ny - common);
}

static const struct view *proposal_sort_view;

static int
proposal_cmp_by_author(const void *a, const void *b)
{
	const struct consensus_proposal	*x, *y;
	int				 c;

	x = &proposal_sort_view->proposals[*(const size_t *)a];
	y = &proposal_sort_view->proposals[*(const size_t *)b];
	if ((c = strcasecmp(x->proposer != NULL ? x->proposer : "",
	    y->proposer != NULL ? y->proposer : "")) != 0)
		return (c);
	if (x->start != y->start)
		return (x->start < y->start ? -1 : 1);
	return (*(const size_t *)a < *(const size_t *)b ? -1 : 1);
}

/* Whether two proposals share a protocol, or neither has one. */
static int
proposal_same_protocol(const struct consensus_proposal *p,
    const struct consensus_proposal *q)
{
	size_t	i, j;

	if (p->nprotocols == 0 && q->nprotocols == 0)
		return (1);
	for (i = 0; i < p->nprotocols; i++)
		for (j = 0; j < q->nprotocols; j++)
			if (strcmp(p->protocols[i], q->protocols[j]) == 0)
				return (1);
	return (0);
}

/*
 * A newer version the store filed as another series (its subject was
 * reworded) supersedes the older one all the same: the same author, a
 * higher version posted later (within a year), a similar subject, the same
 * list and protocol.  Applied to every result, cached or not.
 */
static void
proposal_supersede_renamed(struct view *v)
{
	struct consensus_proposal	*p, *q;
	struct consensus_result		*r;
	size_t				*idx, i, j, n = v->nproposals;

	if (n < 2)
		return;
	idx = xcalloc(n, sizeof *idx);
	for (i = 0; i < n; i++)
		idx[i] = i;
	proposal_sort_view = v;
	qsort(idx, n, sizeof *idx, proposal_cmp_by_author);
	for (i = 0; i < n; i++) {
		p = &v->proposals[idx[i]];
		r = &v->results[idx[i]];
		if (strcmp(p->kind, "series") != 0 || p->proposer == NULL ||
		    strcmp(r->verdict, CONSENSUS_SUPERSEDED) == 0 ||
		    strcmp(r->verdict, CONSENSUS_COMMITTED) == 0)
			continue;
		for (j = i + 1; j < n; j++) {
			q = &v->proposals[idx[j]];
			if (q->proposer == NULL || strcasecmp(q->proposer,
			    p->proposer) != 0 || q->start > v->now ||
			    q->start - p->start > 365 * 86400L)
				break;
			if (strcmp(q->kind, "series") != 0 ||
			    q->version <= p->version || q->start <= p->start ||
			    (p->list != NULL && q->list != NULL &&
			    strcmp(p->list, q->list) != 0) ||
			    !proposal_same_protocol(p, q) ||
			    !proposal_similar(p->subject, q->subject))
				continue;
			r->verdict = CONSENSUS_SUPERSEDED;
			r->deadline = 0;
			snprintf(r->reason, sizeof r->reason, "a newer version "
			    "was posted (v%d, \"%.120s\")", q->version,
			    q->subject);
			break;
		}
	}
	free(idx);
}

void
proposal_evaluate(struct view *v, const struct policy *pol)
{
	struct proposal_facts	*f = v->facts;
	size_t			 i;

	/* Evaluate what the cache did not give, and queue it for the cache. */
	for (i = 0; i < v->nproposals; i++) {
		if (f->cached[i])
			continue;
		consensus_evaluate(pol, &v->proposals[i], v->now,
		    &v->results[i]);
		if (f->ec != NULL)
			store_evalcache_put(f->ec, &v->proposals[i],
			    &v->results[i], f->shape[i], consensus_horizon(
			    &v->proposals[i], &v->results[i], v->now));
	}
	proposal_supersede_renamed(v);
	proposal_protocols(v, pol);
}

int
proposal_cached(const struct view *v, size_t i)
{
	return (v->facts != NULL && v->facts->cached[i]);
}

void
proposal_counts(const struct view *v, size_t *reused, size_t *read,
    size_t *threads)
{
	const struct proposal_facts	*f = v->facts;

	*reused = f->ec != NULL ? f->ec->nreused : 0;
	*read = f->every ? f->ntids : f->nwanted;
	*threads = f->ntids;
}

void
proposal_facts_free(struct proposal_facts *f)
{
	if (f == NULL)
		return;
	arena_free(&f->arena);
	free(f->tid);
	free(f->troot);
	free(f->tgen);
	free(f->tlast);
	free(f->twant);
	free(f->tpresent);
	free(f->ps);
	free(f->msgs);
	free(f->posting);
	free(f->thread);
	free(f->threads);
	free(f->scan_rowid);
	free(f->scan_thread);
	free(f->scan_id);
	facts_free(&f->paths);
	facts_free(&f->mpaths);
	facts_free(&f->areas);
	facts_free(&f->protos);
	facts_free(&f->posts);
	facts_free(&f->lists);
	facts_free(&f->orphan_lists);
	free(f->designs);
	free(f->git);
	if (f->ec != NULL) {
		store_evalcache_free(f->ec);
		free(f->ec);
	}
	free(f->shape);
	free(f->cached);
	free(f->pshape);
	free(f->slot);
	free(f->cdesigns);
	free(f->widen);
	free(f);
}
