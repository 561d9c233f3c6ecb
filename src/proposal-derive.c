/*
 * Proposals from their messages (proposal.h, step 4): a series' versions
 * and the design threads, each proposal with the messages of its threads,
 * the version each message answers, the paths they touch and who may veto
 * or apply.  proposal_derive_finish is the one place where a proposal's
 * facts are derived.
 */
#include <sys/types.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "classify.h"
#include "mail-command.h"
#include "maintainers.h"
#include "proposal.h"
#include "proposal-facts.h"
#include "store-evalcache.h"
#include "view.h"
#include "xmalloc.h"

/* What building a view's proposals needs at hand. */
struct proposal_build {
	struct view			*v;
	struct proposal_facts		*f;
	const struct mail_command_ctx	*cmd;
};

static const struct proposal_thread *
proposal_derive_thread(const struct proposal_facts *f, long long id)
{
	size_t	lo = 0, hi = f->nthreads, mid;

	while (lo < hi) {
		mid = (lo + hi) / 2;
		if (f->threads[mid].id == id)
			return (&f->threads[mid]);
		if (f->threads[mid].id < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return (NULL);
}

/*
 * The list a proposal belongs to, for per-list policy and roll-ups: the
 * list its root came through, the first by name when it was cross-posted.
 */
static const char *
proposal_derive_list(const struct proposal_facts *f, long long thread)
{
	const struct fact	*fa;
	size_t			 n;

	/* Its root's list; when the root never came, the others'. */
	if ((fa = facts_find(&f->lists, thread, &n)) == NULL)
		fa = facts_find(&f->orphan_lists, thread, &n);
	return (fa != NULL ? fa->text : NULL);
}

/* The posting's name: its cover's subject, else patch 1's. */
static const char *
proposal_derive_subject(const struct proposal_facts *f, long long posting)
{
	const struct fact	*fa;
	size_t			 n, i;

	fa = facts_find(&f->posts, posting, &n);
	for (i = 0; i < n; i++)
		if (fa[i].text != NULL)
			return (fa[i].text);
	return ("");
}

/* The window a posting names for itself ("within the next 14 days"). */
static long
proposal_derive_window(const struct proposal_facts *f, long long posting)
{
	const struct fact	*fa;
	size_t			 n, i;
	long			 w = 0;

	fa = facts_find(&f->posts, posting, &n);
	for (i = 0; i < n; i++)
		if (fa[i].num > w)
			w = fa[i].num;
	return (w);
}

static void
proposal_derive_protocols(const struct proposal_facts *f,
    struct consensus_proposal *p, long long thread)
{
	const struct fact	*fa;
	size_t			 n, i, j;
	int			 dup;

	fa = facts_find(&f->protos, thread, &n);
	for (i = 0; i < n; i++) {
		for (j = 0, dup = 0; j < p->nprotocols; j++)
			dup |= strcmp(p->protocols[j], fa[i].text) == 0;
		if (dup)
			continue;
		p->protocols = xreallocarray(p->protocols, p->nprotocols + 1,
		    sizeof *p->protocols);
		p->protocols[p->nprotocols++] = (char *)fa[i].text;
	}
}

/* Paths touched in a thread, appended to *paths (borrowed strings). */
static void
proposal_derive_paths(const struct proposal_facts *f, long long thread,
    char ***paths, size_t *n)
{
	const struct fact	*fa;
	size_t			 count, i;

	fa = facts_find(&f->paths, thread, &count);
	for (i = 0; i < count; i++) {
		if (i > 0 && strcmp(fa[i].text, fa[i - 1].text) == 0)
			continue;
		*paths = xreallocarray(*paths, *n + 1, sizeof **paths);
		(*paths)[(*n)++] = (char *)fa[i].text;
	}
}

/* Who may veto and who may apply, for a proposal touching paths. */
static void
proposal_derive_people(const struct mail_command_ctx *cmd,
    struct consensus_proposal *p, char *const *paths, size_t npaths)
{
	const struct maintainers	*mt = cmd->mt;
	struct consensus_msg		*m;
	size_t				 i;
	int				 design;

	design = strcmp(p->kind, "design") == 0;

	for (i = 0; i < p->nmsgs; i++) {
		m = &p->msgs[i];
		if (mt == NULL || m->email == NULL) {
			/* No MAINTAINERS: nobody vetoes, others apply. */
			m->committer = m->email != NULL &&
			    p->proposer != NULL &&
			    strcasecmp(m->email, p->proposer) != 0;
			continue;
		}
		m->stakeholder = (npaths > 0 && maintainers_is_maintainer(mt,
		    m->email, paths, npaths)) || (design &&
		    (mail_command_is_czar(cmd, m->email) ||
		    maintainers_in_section(mt, "THE REST", m->email)));
		m->committer = m->stakeholder || mail_command_is_czar(cmd,
		    m->email) || maintainers_in_section(mt, "THE REST",
		    m->email);
	}
}

#define PROPOSAL_DESIGNS_SECTION "PUBLIC I/O INTERFACES AND PV DRIVERS DESIGNS"

/* A section into p->sections (the arena's copy), once. */
static void
proposal_derive_section(struct proposal_facts *f,
    struct consensus_proposal *p, const struct maintainers_section *ms,
    size_t *alloc)
{
	struct consensus_section	*s, *grown;
	size_t				 i;

	for (i = 0; i < p->nsections; i++)
		if (strcmp(p->sections[i].title, ms->title) == 0)
			return;
	if (p->nsections == *alloc) {
		*alloc = *alloc == 0 ? 4 : *alloc * 2;
		grown = arena_alloc(&f->arena, *alloc * sizeof *grown);
		if (p->nsections > 0)
			memcpy(grown, p->sections, p->nsections *
			    sizeof *grown);
		p->sections = grown;
	}
	s = &p->sections[p->nsections++];
	memset(s, 0, sizeof *s);
	s->title = arena_keep(&f->arena, ms->title);
	s->nm = ms->nm;
	s->m = arena_alloc(&f->arena, (ms->nm + 1) * sizeof *s->m);
	s->m_email = arena_alloc(&f->arena, (ms->nm + 1) * sizeof *s->m_email);
	for (i = 0; i < ms->nm; i++) {
		s->m[i] = arena_keep(&f->arena, ms->m[i]);
		s->m_email[i] = arena_keep(&f->arena, ms->m_email[i]);
	}
	/* What an approval's "# area" may name it by. */
	s->nf = ms->nf;
	s->f = arena_alloc(&f->arena, (ms->nf + 1) * sizeof *s->f);
	for (i = 0; i < ms->nf; i++)
		s->f[i] = arena_keep(&f->arena, ms->f[i]);
}

/*
 * The touched paths each section is the most specific section of
 * (owner[i]: paths[i]'s section, as an index of p->sections, or -1).
 */
static void
proposal_derive_section_paths(struct proposal_facts *f,
    struct consensus_proposal *p, char *const *paths, const ssize_t *owner,
    size_t npaths)
{
	struct consensus_section	*s;
	size_t				 i, j;

	for (i = 0; i < p->nsections; i++) {
		s = &p->sections[i];
		for (j = 0, s->npaths = 0; j < npaths; j++)
			s->npaths += owner[j] == (ssize_t)i;
		s->paths = arena_alloc(&f->arena, (s->npaths + 1) *
		    sizeof *s->paths);
		for (j = 0, s->npaths = 0; j < npaths; j++)
			if (owner[j] == (ssize_t)i)
				s->paths[s->npaths++] = paths[j];
	}
}

/*
 * The M: of the more general sections matching the same path (after the
 * most specific one titled title), as its stand-ins: once, for the first
 * path that needs the section.
 */
static void
proposal_derive_alternates(struct proposal_facts *f,
    struct consensus_proposal *p, const char *title,
    const struct maintainers_section *const *more, size_t n)
{
	struct consensus_section	*s = NULL;
	size_t				 i, j, k, total = 0;

	for (i = 0; i < p->nsections; i++)
		if (strcmp(p->sections[i].title, title) == 0)
			s = &p->sections[i];
	if (s == NULL || s->nalt > 0 || s->alt != NULL)
		return;
	for (i = 0; i < n; i++)
		total += more[i]->nm;
	s->alt = arena_alloc(&f->arena, (total + 1) * sizeof *s->alt);
	s->alt_email = arena_alloc(&f->arena, (total + 1) *
	    sizeof *s->alt_email);
	for (i = 0, k = 0; i < n; i++)
		for (j = 0; j < more[i]->nm; j++) {
			s->alt[k] = arena_keep(&f->arena, more[i]->m[j]);
			s->alt_email[k++] = arena_keep(&f->arena,
			    more[i]->m_email[j]);
		}
	s->nalt = k;
}

/*
 * Each patch's own sections (consensus_msg.sections), for the verdicts
 * patch by patch: the most specific section with an M: of each path its
 * diff touches, as bits of p->sections.
 */
static void
proposal_derive_patch_sections(const struct proposal_facts *f,
    const struct maintainers *mt, struct consensus_proposal *p)
{
	const struct maintainers_section	**match;
	const struct fact			 *fa;
	struct consensus_msg			 *m;
	size_t					  i, j, k, l, n, count;

	for (i = 0; i < p->nmsgs; i++) {
		m = &p->msgs[i];
		m->sections = 0;
		if (m->part <= 0 || m->total <= 1 || m->version != p->version)
			continue;
		fa = facts_find(&f->mpaths, m->rowid, &count);
		for (j = 0; j < count; j++) {
			n = maintainers_match(mt, fa[j].text, &match);
			for (k = 0; k < n && match[k]->nm == 0; k++)
				;
			for (l = 0; k < n && l < p->nsections && l < 64; l++)
				if (strcmp(p->sections[l].title,
				    match[k]->title) == 0)
					m->sections |= 1ULL << l;
			free(match);
		}
	}
}

/*
 * The sections whose approval the check-in policy needs: for each touched
 * path the most specific section that names an M:.  A design mail that
 * touches no file is the PV designs section's (its M: approve).
 */
static void
proposal_derive_sections(struct proposal_facts *f,
    const struct maintainers *mt, struct consensus_proposal *p,
    char *const *paths, size_t npaths)
{
	const struct maintainers_section	**match, *ms;
	size_t					  i, j, k, n, alloc = 0;
	ssize_t					 *owner;

	p->maintainers = mt != NULL;
	if (mt == NULL)
		return;
	owner = xcalloc(npaths + 1, sizeof *owner);
	for (i = 0; i < npaths; i++) {
		owner[i] = -1;
		n = maintainers_match(mt, paths[i], &match);
		for (j = 0; j < n; j++)
			if (match[j]->nm > 0) {
				proposal_derive_section(f, p, match[j],
				    &alloc);
				proposal_derive_alternates(f, p, match[j]->title,
				    match + j + 1, n - j - 1);
				for (k = 0; k < p->nsections; k++)
					if (strcmp(p->sections[k].title,
					    match[j]->title) == 0)
						owner[i] = (ssize_t)k;
				break;
			}
		free(match);
	}
	proposal_derive_section_paths(f, p, paths, owner, npaths);
	free(owner);
	proposal_derive_patch_sections(f, mt, p);
	if (npaths == 0 && strcmp(p->kind, "design") == 0) {
		if ((ms = maintainers_find(mt, PROPOSAL_DESIGNS_SECTION)) ==
		    NULL || ms->nm == 0)
			ms = maintainers_find(mt, "THE REST");
		if (ms != NULL && ms->nm > 0)
			proposal_derive_section(f, p, ms, &alloc);
	}
}

static int
proposal_derive_cmp_msg(const void *a, const void *b)
{
	const struct consensus_msg	*x = a, *y = b;

	if (x->date != y->date)
		return (x->date < y->date ? -1 : 1);
	return (strcmp(x->id, y->id));
}

static int
proposal_derive_cmp_id(const void *ctx, size_t x, size_t y)
{
	const struct consensus_msg	*msgs = ctx;

	return (strcmp(msgs[x].id, msgs[y].id));
}

/*
 * Replies in msgs[base..n) with version 0 take the version of the nearest
 * message above them that has one: in a thread shared by several versions
 * (v2 sent in reply to v1), a reply to v2 answers v2.  The rest take
 * version.  Parents are found by binary search over the ids.
 */
static void
proposal_derive_inherit(struct consensus_msg *msgs, size_t base, size_t n,
    int version)
{
	size_t	*idx, i, lo, hi, mid, cnt = n - base;
	int	 changed = 1, c, rounds = 0;

	idx = facts_order(cnt, proposal_derive_cmp_id, msgs + base);
	for (i = 0; i < cnt; i++)
		idx[i] += base;
	/* Each round settles one more generation; chains are short. */
	while (changed && rounds++ < 64) {
		changed = 0;
		for (i = base; i < n; i++) {
			if (msgs[i].version != 0 || msgs[i].parent == NULL)
				continue;
			for (lo = 0, hi = cnt; lo < hi; ) {
				mid = (lo + hi) / 2;
				c = strcmp(msgs[i].parent, msgs[idx[mid]].id);
				if (c == 0)
					break;
				if (c < 0)
					hi = mid;
				else
					lo = mid + 1;
			}
			if (lo < hi && msgs[idx[mid]].version != 0) {
				msgs[i].version = msgs[idx[mid]].version;
				changed = 1;
			}
		}
	}
	for (i = base; i < n; i++)
		if (msgs[i].version == 0)
			msgs[i].version = version;
	free(idx);
}

/* Postings by id, to find a message's own version quickly. */
struct proposal_versions {
	long long	*id;
	int		*version;
	size_t		 n;
};

static int
proposal_derive_cmp_ll(const void *a, const void *b)
{
	long long	x = *(const long long *)a, y = *(const long long *)b;

	return (x < y ? -1 : x > y);
}

static void
proposal_derive_versions(struct proposal_versions *vv,
    const struct proposal_posting *ps, size_t nps)
{
	long long	*pairs = xcalloc(2 * nps + 1, sizeof *pairs);
	size_t		 i;

	for (i = 0; i < nps; i++) {
		pairs[2 * i] = ps[i].id;
		pairs[2 * i + 1] = ps[i].version;
	}
	qsort(pairs, nps, 2 * sizeof *pairs, proposal_derive_cmp_ll);
	vv->n = nps;
	vv->id = xcalloc(nps + 1, sizeof *vv->id);
	vv->version = xcalloc(nps + 1, sizeof *vv->version);
	for (i = 0; i < nps; i++) {
		vv->id[i] = pairs[2 * i];
		vv->version[i] = (int)pairs[2 * i + 1];
	}
	free(pairs);
}

static int
proposal_derive_version_of(const struct proposal_versions *vv,
    long long posting, int dflt)
{
	ssize_t	i;

	if (vv == NULL || (i = facts_search(vv->id, vv->n, posting)) < 0)
		return (dflt);
	return (vv->version[i]);
}

/*
 * The messages of a thread into p, each with the version it answers: its
 * own if it is a posting, else the version of the posting the thread
 * holds.  Callers take each thread once.
 */
static void
proposal_derive_take_thread(const struct proposal_facts *f,
    struct consensus_proposal *p, const struct proposal_versions *vv,
    long long thread, int version)
{
	const struct proposal_thread	*t = proposal_derive_thread(f, thread);
	const struct fact		*fa;
	struct consensus_msg		*m;
	size_t				 i, n, base = p->nmsgs;

	if (t == NULL)
		return;
	p->msgs = xreallocarray(p->msgs, p->nmsgs + t->count, sizeof *p->msgs);
	for (i = 0; i < t->count; i++) {
		m = &p->msgs[p->nmsgs++];
		*m = f->msgs[t->first + i];
		if (f->areas.n > 0 && (fa = facts_find(&f->areas, m->rowid,
		    &n)) != NULL)
			m->area = fa->text;
		m->version = proposal_derive_version_of(vv,
		    f->posting[t->first + i], 0);
		if (strcmp(m->kind, CLASSIFY_DESIGN) == 0 && m->parent == NULL)
			p->kind = "design";
		if (m->flags & CLASSIFY_F_DESIGN_DOC)
			p->kind = "design";
	}
	proposal_derive_inherit(p->msgs, base, p->nmsgs, version);
}

/*
 * What the mails and status need from a proposal's messages, kept apart
 * so that a proposal read from the evaluation cache has it without them:
 * the proposer's name, the first mail of this version (to answer when the
 * root is missing) and the newest mail by now.
 */
static void
proposal_derive_news(struct consensus_proposal *p, time_t now)
{
	const struct consensus_msg	*m;
	size_t				 i;

	p->news = p->start;
	for (i = 0; i < p->nmsgs; i++) {
		m = &p->msgs[i];
		if (p->proposer_name == NULL && p->proposer != NULL &&
		    m->email != NULL && m->name != NULL && *m->name != '\0' &&
		    strcasecmp(m->email, p->proposer) == 0)
			p->proposer_name = m->name;
		if (p->reply_to == NULL && m->version == p->version)
			p->reply_to = m->id;
		if (m->date <= now && m->date > p->news)
			p->news = m->date;
	}
	if (p->reply_to == NULL && p->nmsgs > 0)
		p->reply_to = p->msgs[0].id;
}

/* A protocol's specification: a design document or a public I/O header. */
static int
proposal_derive_is_spec(const char *path)
{
	size_t	len = strlen(path);

	return (strncmp(path, "docs/designs/", 13) == 0 ||
	    strncmp(path, "xen/include/public/io/", 22) == 0 ||
	    (strncmp(path, "docs/misc/", 10) == 0 && len > 7 &&
	    strcmp(path + len - 7, ".pandoc") == 0));
}

/*
 * The one place a proposal's facts are derived from its messages and the
 * paths they touch: message order, what the mails need, SUPPORT.md, and
 * who may veto or apply.  Takes paths (an array of borrowed strings).
 */
static void
proposal_derive_finish(struct proposal_build *b, struct consensus_proposal *p,
    char **paths, size_t npaths)
{
	size_t	i;

	if (p->nmsgs > 0)
		qsort(p->msgs, p->nmsgs, sizeof *p->msgs,
		    proposal_derive_cmp_msg);
	proposal_derive_news(p, b->v->now);
	for (i = 0; i < npaths; i++) {
		if (strcmp(paths[i], "SUPPORT.md") == 0)
			p->support_md = 1;
		if (proposal_derive_is_spec(paths[i]))
			p->spec = 1;
	}
	proposal_derive_people(b->cmd, p, paths, npaths);
	proposal_derive_sections(b->f, b->cmd->mt, p, paths, npaths);
	free(paths);
}

/*
 * One series: every version is a proposal.  The newest reads the threads
 * of all versions (objections and acks carry over); older ones are
 * superseded and read only their own thread.
 */
static void
proposal_derive_series(struct proposal_build *b,
    const struct proposal_posting *ps, size_t nps, size_t slot)
{
	const struct proposal_facts	*f = b->f;
	struct consensus_proposal	*p;
	struct proposal_versions	 vv;
	long long			*seen;
	char				**paths;
	size_t				  i, j, k, nseen, npaths;

	proposal_derive_versions(&vv, ps, nps);
	seen = xcalloc(nps + 1, sizeof *seen);
	for (i = 0; i < nps; i++) {
		p = &b->v->proposals[slot + i];	/* placed by the plan */
		p->root = ps[i].root;
		p->subject = proposal_derive_subject(f, ps[i].id);
		p->kind = "series";
		p->version = ps[i].version;
		p->start = ps[i].date;
		p->proposer = ps[i].author;
		p->list = proposal_derive_list(f, ps[i].thread);
		p->window = proposal_derive_window(f, ps[i].id);
		if (i + 1 < nps)
			p->superseded_at = ps[nps - 1].date;
		paths = NULL;
		npaths = nseen = 0;
		for (j = i + 1 < nps ? i : 0; j < nps; j++) {
			for (k = 0; k < nseen && seen[k] != ps[j].thread; k++)
				;
			if (k < nseen)
				continue;
			seen[nseen++] = ps[j].thread;
			proposal_derive_take_thread(f, p, &vv, ps[j].thread,
			    ps[j].version);
			proposal_derive_paths(f, ps[j].thread, &paths, &npaths);
			if (i + 1 < nps)
				break;
		}
		proposal_derive_protocols(f, p, ps[i].thread);
		proposal_derive_finish(b, p, paths, npaths);
	}
	free(seen);
	free(vv.id);
	free(vv.version);
}

/* The series the cache did not give, from their messages, in their places. */
static void
proposal_derive_all_series(struct proposal_build *b)
{
	const struct proposal_facts	*f = b->f;
	size_t				 i, j, next = 0;

	while (proposal_plan_next_series(b->v, &i, &j, &next))
		if (j > i && !f->cached[f->slot[i]])
			proposal_derive_series(b, f->ps + i, j - i, f->slot[i]);
}

/* A design proposal's shape: the thread it is. */
static const char *
proposal_derive_design_shape(struct proposal_facts *f, long long thread)
{
	char	buf[32];

	snprintf(buf, sizeof buf, "d %lld", thread);
	return (arena_keep(&f->arena, buf));
}

/* The subject and window of a design's first message (the root's). */
static void
proposal_derive_design_facts(const struct proposal_facts *f,
    struct consensus_proposal *p, long long thread, const char *id)
{
	size_t	lo = 0, hi = f->ndesigns, mid;

	p->subject = "";
	while (lo < hi) {
		mid = (lo + hi) / 2;
		if (f->designs[mid].thread < thread)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (; lo < f->ndesigns && f->designs[lo].thread == thread; lo++)
		if (f->designs[lo].id == id) {
			p->subject = f->designs[lo].subject;
			p->window = f->designs[lo].window;
			return;
		}
}

/* A design thread that is not a posting: an untagged proposal mail. */
static void
proposal_derive_design(struct proposal_build *b,
    const struct proposal_thread *t)
{
	struct proposal_facts		*f = b->f;
	struct consensus_proposal	*p;
	const struct consensus_msg	*first = &f->msgs[t->first];
	char				**paths;
	size_t				  npaths;

	if (strcmp(first->kind, CLASSIFY_DESIGN) != 0 ||
	    f->posting[t->first] != 0)
		return;
	/* Like postings, a proposal not yet sent at now is not (yet). */
	if (first->date > b->v->now) {
		if (f->design_horizon == 0 || first->date < f->design_horizon)
			f->design_horizon = first->date;
		return;
	}
	p = proposal_new(b->v, proposal_derive_design_shape(f, t->id), 0);
	p->root = first->id;
	proposal_derive_design_facts(f, p, t->id, first->id);
	p->kind = "design";
	p->version = 1;
	p->start = first->date;
	p->proposer = first->email;
	p->list = proposal_derive_list(f, t->id);
	paths = NULL;
	npaths = 0;
	proposal_derive_take_thread(f, p, NULL, t->id, 1);
	proposal_derive_paths(f, t->id, &paths, &npaths);
	proposal_derive_protocols(f, p, t->id);
	proposal_derive_finish(b, p, paths, npaths);
}

static void
proposal_derive_cached(struct proposal_build *b, struct proposal_cached *c)
{
	struct consensus_proposal	*p;
	size_t				 i;

	p = proposal_new(b->v, c->shape, 1);
	*p = c->p;
	i = (size_t)(p - b->v->proposals);
	b->v->results[i] = c->r;
	c->entry->used = 1;
	b->f->ec->nreused++;
}

/*
 * The design proposals, read or cached, in thread order as one evaluation
 * of everything would give them (protocol states name the first).
 */
static void
proposal_derive_designs(struct proposal_build *b)
{
	struct proposal_facts		*f = b->f;
	const struct proposal_thread	*t = f->threads;
	size_t				 i = 0, j = 0, n = f->nthreads;

	while (i < n || j < f->ncdesigns) {
		if (j < f->ncdesigns && (i == n ||
		    f->cdesigns[j].thread < t[i].id))
			proposal_derive_cached(b, &f->cdesigns[j++]);
		else {
			/* Read again anyway (another proposal's thread). */
			if (j < f->ncdesigns && f->cdesigns[j].thread ==
			    t[i].id)
				j++;
			proposal_derive_design(b, &t[i++]);
		}
	}
}

void
proposal_derive(struct view *v, const struct mail_command_ctx *cmd)
{
	struct proposal_build	 b;

	b.v = v;
	b.f = v->facts;
	b.cmd = cmd;
	proposal_index(b.f);
	proposal_derive_all_series(&b);
	proposal_derive_designs(&b);
}

