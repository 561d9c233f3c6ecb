/* A git source into the store, batch by batch with its cursors. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "buf.h"
#include "commits-match.h"
#include "commits-poll.h"
#include "commits-repo.h"
#include "config.h"
#include "import.h"
#include "log.h"
#include "patchid.h"
#include "store-commits.h"
#include "store.h"
#include "xmalloc.h"

/*
 * Commits older than the oldest posted patch cannot have come from the
 * list: they get no patch-id.  A day of slack covers wrong Date headers.
 */
#define COMMITS_POLL_SLACK	86400

struct commits_poll {
	struct store			*s;
	struct store_commits		*sc;
	const struct config_source	*cs;
	const struct commits_poll_opts	*o;
	struct commits_poll_stats	*st;
	struct commits_repo		*repo;
	struct import_fault		 fault;		/* PVBOT_FAULT=git-... */
	char				*lists;		/* JSON array */
	long long			 scanned;	/* patches read up to */
	time_t				 from;		/* patch-ids from, or 0 */
};

/* The list names as the JSON array the SQL binds. */
static char *
commits_poll_lists(const struct config_source *cs)
{
	json_t	*a = json_array();
	char	*s;
	size_t	 i;

	for (i = 0; i < cs->lists.n; i++)
		json_array_append_new(a, json_string(cs->lists.v[i]));
	s = json_dumps(a, JSON_COMPACT);
	json_decref(a);
	if (s == NULL)
		fatalx("%s: json_dumps", __func__);
	return (s);
}

/* Match one commit anew: by a link, else a patch-id, else its subject. */
static void
commits_poll_match(struct commits_poll *cp, long long id)
{
	struct store_commit	 c;
	long long		 msg = 0;
	const char		*how = NULL;

	if (store_commits_get(cp->sc, id, &c) != 0)
		return;
	if (c.on_branch) {
		if ((msg = store_commits_by_link(cp->sc, cp->lists, c.id,
		    c.norm_subject)) != 0)
			how = COMMITS_BY_LINK;
		else if (c.patch_id != NULL && (msg = store_commits_by_patchid(
		    cp->sc, cp->lists, c.patch_id, c.commit_date)) != 0)
			how = COMMITS_BY_PATCHID;
		else if (c.norm_subject != NULL && *c.norm_subject != '\0' &&
		    (msg = store_commits_by_subject(cp->sc, cp->lists,
		    c.author_email, c.norm_subject, c.commit_date -
		    cp->cs->match_window, c.commit_date)) != 0)
			how = COMMITS_BY_SUBJECT;
	}
	if (msg != 0) {
		cp->st->matched++;
		log_debug(LOG_DEBUG_STORE, "%s: %.12s matches message %lld by "
		    "%s", cp->cs->name, c.oid, msg, how);
	}
	store_commits_match_set(cp->sc, c.id, msg, how);
	store_commits_clear(&c);
}

static void
commits_poll_match_all(struct commits_poll *cp, const long long *ids,
    size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++)
		commits_poll_match(cp, ids[i]);
}

static int
commits_poll_commit(struct commits_poll *cp, char **cause)
{
	char	*why = NULL;

	if (store_commit(cp->s, &why) != 0) {
		store_rollback(cp->s);
		*cause = xasprintf("database: %s", why);
		free(why);
		return (-1);
	}
	return (0);
}

/* One posted patch: its patch-id, when its text holds a diff. */
static int
commits_poll_patch(void *arg, long long id, time_t date, const char *raw,
    size_t len)
{
	struct commits_poll	*cp = arg;
	char			 hex[PATCHID_HEX];

	if (commits_match_raw_patch_id(raw, len, date, hex) == 0) {
		store_commits_patch_put(cp->sc, id, hex);
		cp->st->patches++;
	}
	return (0);
}

/* Patch-ids for the stored commits that the oldest patch now reaches. */
static int
commits_poll_horizon(struct commits_poll *cp, char **cause)
{
	time_t		 oldest, want;
	long long	*ids;
	char		**oids, hex[PATCHID_HEX];
	size_t		 n, i;
	int		 r = 0;

	if ((oldest = store_commits_oldest_patch(cp->sc, cp->lists)) == 0)
		return (0);
	want = oldest - COMMITS_POLL_SLACK;
	if (cp->from != 0 && want >= cp->from)
		return (0);
	n = store_commits_need_patchid(cp->sc, cp->cs->name, want,
	    cp->from != 0 ? cp->from : (time_t)1 << 62, &ids, &oids);
	for (i = 0; i < n && r == 0; i++) {
		r = commits_repo_patchid(cp->repo, oids[i], hex, cause);
		if (r == 0)
			store_commits_set_patchid(cp->sc, ids[i], hex);
		r = r < 0 ? -1 : 0;
		cp->st->patchids++;
	}
	if (r == 0) {
		commits_poll_match_all(cp, ids, n);
		cp->from = want;
	}
	for (i = 0; i < n; i++)
		free(oids[i]);
	free(oids);
	free(ids);
	return (r);
}

/*
 * Posted patches stored since the last poll: their patch-ids, the
 * commits they may be the source of, and the commits the oldest of them
 * brings into reach.  One transaction with the source's state.
 */
static int
commits_poll_patches(struct commits_poll *cp, char **cause)
{
	long long	*ids, last;
	size_t		 n;

	store_begin(cp->s);
	store_commits_state(cp->sc, cp->cs->name, &cp->scanned, &cp->from);
	last = store_commits_each_patch(cp->sc, cp->lists, cp->scanned,
	    commits_poll_patch, cp);
	if (commits_poll_horizon(cp, cause) != 0) {
		store_rollback(cp->s);
		return (-1);
	}
	n = store_commits_affected(cp->sc, cp->cs->name, cp->scanned, &ids);
	commits_poll_match_all(cp, ids, n);
	free(ids);
	cp->scanned = last;
	store_commits_state_set(cp->sc, cp->cs->name, cp->scanned, cp->from);
	return (commits_poll_commit(cp, cause));
}

/* Store one commit read on branch; a new one gets matched. */
static int
commits_poll_one(struct commits_poll *cp, const char *branch,
    const struct commits_info *ci, char **cause)
{
	char		**links, *norm, hex[PATCHID_HEX];
	size_t		  nlinks;
	long long	  id;
	int		  added, r;

	nlinks = commits_match_links(ci->message, &links);
	norm = commits_match_subject(ci->subject);
	id = store_commits_put(cp->sc, cp->cs->name, branch, ci, norm, links,
	    nlinks, NULL, &added);
	commits_match_links_free(links, nlinks);
	free(norm);
	cp->st->commits++;
	if (added == 0)
		return (0);
	if (added == 2) {
		commits_poll_match(cp, id);
		return (0);
	}
	cp->st->added++;
	if (cp->from != 0 && ci->commit_date >= cp->from && !ci->merge) {
		if ((r = commits_repo_patchid(cp->repo, ci->id, hex, cause)) < 0)
			return (-1);
		if (r == 0)
			store_commits_set_patchid(cp->sc, id, hex);
		cp->st->patchids++;
	}
	commits_poll_match(cp, id);
	return (0);
}

static char *
commits_poll_key(const struct config_source *cs, const char *branch)
{
	return (xasprintf("git:%s:%s", cs->name, branch));
}

/*
 * The branch moved other than forward (a force-push), or its cursor is
 * gone from the repository: every stored commit no longer on it leaves
 * it, and loses its match when it is on no branch any more.
 */
static int
commits_poll_resync(struct commits_poll *cp, const char *branch,
    const char *tip, char **cause)
{
	struct commits_walk	*w;
	char			 oid[PATCHID_HEX];
	int			 r;

	if (commits_repo_walk(cp->repo, tip, NULL, &w, cause) != 0)
		return (-1);
	store_commits_sweep_begin(cp->sc);
	while ((r = commits_walk_next_id(w, oid)) == 1)
		store_commits_sweep_add(cp->sc, oid);
	commits_walk_free(w);
	if (r < 0) {
		*cause = xasprintf("%s: cannot walk %s", cp->cs->name, branch);
		return (-1);
	}
	cp->st->gone += (unsigned long)store_commits_sweep_end(cp->sc,
	    cp->cs->name, branch);
	cp->st->resyncs++;
	log_info("%s: %s was rewritten (force-push); resynced", cp->cs->name,
	    branch);
	return (0);
}

/* Where to start reading branch: after its cursor, or from scratch. */
static int
commits_poll_start(struct commits_poll *cp, const char *branch,
    const char *tip, const char *cursor, const char **hide, char **cause)
{
	*hide = NULL;
	if (cursor == NULL)
		return (0);
	if (commits_repo_has(cp->repo, cursor)) {
		*hide = cursor;
		if (commits_repo_reaches(cp->repo, tip, cursor))
			return (0);
	}
	return (commits_poll_resync(cp, branch, tip, cause));
}

/* Read one branch from its cursor to its tip, a batch per transaction. */
static int
commits_poll_branch(struct commits_poll *cp, const char *branch,
    char **cause)
{
	struct commits_walk	*w = NULL;
	struct commits_info	 ci;
	const char		*hide;
	char			 tip[PATCHID_HEX], *key, *cursor;
	unsigned int		 batch, n = 0;
	int			 r = -1;

	if (commits_repo_tip(cp->repo, branch, cp->cs->remote, tip,
	    cause) != 0)
		return (-1);
	batch = cp->cs->batch > 0 ? (unsigned int)cp->cs->batch : 500;
	key = commits_poll_key(cp->cs, branch);
	cursor = store_cursor_get(cp->s, key);
	if (cursor != NULL && strcmp(cursor, tip) == 0) {
		r = 0;
		goto out;
	}
	store_begin(cp->s);
	if (commits_poll_start(cp, branch, tip, cursor, &hide, cause) != 0 ||
	    commits_repo_walk(cp->repo, tip, hide, &w, cause) != 0)
		goto fail;
	while ((r = commits_walk_next(w, &ci, cause)) == 1) {
		r = commits_poll_one(cp, branch, &ci, cause);
		import_fault(&cp->fault, 0);
		if (r == 0 && ++n % batch == 0) {
			store_cursor_set(cp->s, key, ci.id);
			r = commits_poll_commit(cp, cause);
			import_fault(&cp->fault, 1);
			if (r == 0 && cp->o->stop != NULL && cp->o->stop()) {
				commits_info_clear(&ci);
				goto out;
			}
			store_begin(cp->s);
		}
		commits_info_clear(&ci);
		if (r != 0)
			goto fail;
	}
	if (r < 0)
		goto fail;
	store_cursor_set(cp->s, key, tip);
	r = commits_poll_commit(cp, cause);
	import_fault(&cp->fault, 1);
	goto out;
fail:
	store_rollback(cp->s);
	r = -1;
out:
	commits_walk_free(w);
	free(cursor);
	free(key);
	return (r);
}

int
commits_poll(struct store *s, const struct config_source *cs,
    const struct commits_poll_opts *o, struct commits_poll_stats *st,
    char **cause)
{
	struct commits_poll	cp;
	size_t			i;
	int			r = -1;

	memset(&cp, 0, sizeof cp);
	cp.s = s;
	cp.cs = cs;
	cp.o = o;
	cp.st = st;
	import_fault_init(&cp.fault, "git");
	if (commits_repo_open(cs->repository, &cp.repo, cause) != 0)
		return (-1);
	if (cs->remote != NULL &&
	    commits_repo_fetch(cp.repo, cs->remote, cause) != 0)
		goto out;
	cp.sc = store_commits_open(s);
	cp.lists = commits_poll_lists(cs);
	if (commits_poll_patches(&cp, cause) != 0)
		goto out;
	for (i = 0; i < cs->branches.n; i++) {
		if (o->stop != NULL && o->stop())
			break;
		if (commits_poll_branch(&cp, cs->branches.v[i], cause) != 0)
			goto out;
	}
	r = 0;
out:
	free(cp.lists);
	store_commits_close(cp.sc);
	commits_repo_close(cp.repo);
	return (r);
}

char *
commits_poll_summary(const struct commits_poll_stats *st)
{
	struct buf	b;

	buf_init(&b);
	buf_printf(&b, "%lu commits read (%lu new), %lu patch-ids computed, "
	    "%lu patches read, %lu matched", st->commits, st->added,
	    st->patchids, st->patches, st->matched);
	if (st->resyncs > 0)
		buf_printf(&b, ", %lu branch(es) rewritten: %lu commits left",
		    st->resyncs, st->gone);
	return (buf_detach(&b, NULL));
}
