/* Git repositories through libgit2: no git process is ever run. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <git2.h>

#include "buf.h"
#include "commits-repo.h"
#include "commits-similar.h"
#include "patchid.h"
#include "xmalloc.h"

/* Where a remote given as a URL or path has its branches. */
#define COMMITS_REPO_REFS	"refs/remotes/pvbot/"

struct commits_repo {
	git_repository	*repo;
	char		*path;
	char		*remote;	/* the remote's ref prefix, or NULL */
};

struct commits_walk {
	struct commits_repo	*r;	/* borrowed */
	git_revwalk		*walk;
};

/* libgit2's last error as a new string. */
static char *
commits_repo_why(const char *what)
{
	const git_error	*e = git_error_last();

	return (xasprintf("%s: %s", what, e != NULL && e->message != NULL ?
	    e->message : "unknown libgit2 error"));
}

int
commits_repo_open(const char *path, struct commits_repo **out, char **cause)
{
	struct commits_repo	*r;

	/* Idempotent and counted: one per open repository. */
	git_libgit2_init();
	r = xcalloc(1, sizeof *r);
	if (git_repository_open_ext(&r->repo, path,
	    GIT_REPOSITORY_OPEN_NO_SEARCH, NULL) != 0) {
		*cause = commits_repo_why(path);
		free(r);
		git_libgit2_shutdown();
		return (-1);
	}
	r->path = xstrdup(path);
	*out = r;
	return (0);
}

void
commits_repo_close(struct commits_repo *r)
{
	if (r == NULL)
		return;
	git_repository_free(r->repo);
	free(r->path);
	free(r->remote);
	free(r);
	git_libgit2_shutdown();
}

/*
 * A remote by its name in the repository's config, else by URL, made
 * without url.*.insteadOf: libgit2 1.5 leaks a block per config entry
 * while it looks those up (fixed upstream in libgit2 pull request 6382).
 */
static int
commits_repo_remote(struct commits_repo *r, const char *name,
    git_remote **rm)
{
	git_remote_create_options	 o;
	git_config			*cf;
	git_buf				 url = { NULL, 0, 0 };
	char				*key;
	int				 rc;

	key = xasprintf("remote.%s.url", name);
	if (git_repository_config_snapshot(&cf, r->repo) == 0) {
		if (git_config_get_string_buf(&url, cf, key) != 0)
			git_error_clear();
		git_config_free(cf);
	}
	free(key);
	git_remote_create_options_init(&o, GIT_REMOTE_CREATE_OPTIONS_VERSION);
	o.repository = r->repo;
	o.flags = GIT_REMOTE_CREATE_SKIP_INSTEADOF |
	    GIT_REMOTE_CREATE_SKIP_DEFAULT_FETCHSPEC;
	rc = git_remote_create_with_opts(rm, url.size > 0 ? url.ptr : name,
	    &o);
	git_buf_dispose(&url);
	return (rc);
}

int
commits_repo_fetch(struct commits_repo *r, const char *name, char **cause)
{
	git_fetch_options	 o;
	git_strarray		 specs;
	git_remote		*rm;
	char			*spec = "+refs/heads/*:" COMMITS_REPO_REFS "*";
	int			 rc;

	if (commits_repo_remote(r, name, &rm) != 0) {
		*cause = commits_repo_why(name);
		return (-1);
	}
	git_fetch_options_init(&o, GIT_FETCH_OPTIONS_VERSION);
	specs.strings = &spec;
	specs.count = 1;
	o.prune = GIT_FETCH_PRUNE;
	o.download_tags = GIT_REMOTE_DOWNLOAD_TAGS_NONE;
	if ((rc = git_remote_fetch(rm, &specs, &o, NULL)) != 0)
		*cause = commits_repo_why(name);
	free(r->remote);
	r->remote = xstrdup(COMMITS_REPO_REFS);
	git_remote_free(rm);
	return (rc == 0 ? 0 : -1);
}

static int
commits_repo_resolve(struct commits_repo *r, const char *name, git_oid *oid)
{
	git_object	*obj, *peeled;
	int		 rc;

	if (git_reference_name_to_id(oid, r->repo, name) == 0 &&
	    git_object_lookup(&obj, r->repo, oid, GIT_OBJECT_ANY) == 0) {
		rc = git_object_peel(&peeled, obj, GIT_OBJECT_COMMIT);
		git_object_free(obj);
		if (rc != 0)
			return (-1);
		git_oid_cpy(oid, git_object_id(peeled));
		git_object_free(peeled);
		return (0);
	}
	return (-1);
}

int
commits_repo_tip(struct commits_repo *r, const char *branch,
    const char *remote, char hex[PATCHID_HEX], char **cause)
{
	git_object	*obj, *peeled;
	git_oid		 oid;
	char		*name;
	int		 rc = -1;

	if (remote != NULL && r->remote != NULL) {
		name = xasprintf("%s%s", r->remote, branch);
		rc = commits_repo_resolve(r, name, &oid);
		free(name);
	}
	if (rc != 0 && remote == NULL) {
		name = xasprintf("refs/heads/%s", branch);
		rc = commits_repo_resolve(r, name, &oid);
		free(name);
		if (rc != 0 && git_revparse_single(&obj, r->repo, branch) ==
		    0) {
			rc = git_object_peel(&peeled, obj, GIT_OBJECT_COMMIT);
			git_object_free(obj);
			if (rc == 0) {
				git_oid_cpy(&oid, git_object_id(peeled));
				git_object_free(peeled);
			}
		}
	}
	if (rc != 0) {
		*cause = xasprintf("%s: no branch '%s'%s%s", r->path, branch,
		    remote != NULL ? " on remote " : "", remote != NULL ?
		    remote : "");
		return (-1);
	}
	git_oid_tostr(hex, PATCHID_HEX, &oid);
	return (0);
}

int
commits_repo_has(struct commits_repo *r, const char *hex)
{
	git_commit	*c;
	git_oid		 oid;

	if (git_oid_fromstr(&oid, hex) != 0 ||
	    git_commit_lookup(&c, r->repo, &oid) != 0)
		return (0);
	git_commit_free(c);
	return (1);
}

int
commits_repo_reaches(struct commits_repo *r, const char *tip, const char *anc)
{
	git_oid	t, a;

	if (git_oid_fromstr(&t, tip) != 0 || git_oid_fromstr(&a, anc) != 0)
		return (0);
	if (git_oid_equal(&t, &a))
		return (1);
	return (git_graph_descendant_of(r->repo, &t, &a) == 1);
}

int
commits_repo_walk(struct commits_repo *r, const char *tip, const char *hide,
    struct commits_walk **out, char **cause)
{
	struct commits_walk	*w;
	git_oid			 oid;

	w = xcalloc(1, sizeof *w);
	w->r = r;
	if (git_revwalk_new(&w->walk, r->repo) != 0 ||
	    git_revwalk_sorting(w->walk, GIT_SORT_TOPOLOGICAL |
	    GIT_SORT_REVERSE) != 0 || git_oid_fromstr(&oid, tip) != 0 ||
	    git_revwalk_push(w->walk, &oid) != 0)
		goto fail;
	if (hide != NULL && (git_oid_fromstr(&oid, hide) != 0 ||
	    git_revwalk_hide(w->walk, &oid) != 0))
		goto fail;
	*out = w;
	return (0);
fail:
	*cause = commits_repo_why(r->path);
	commits_walk_free(w);
	return (-1);
}

int
commits_walk_next_id(struct commits_walk *w, char hex[PATCHID_HEX])
{
	git_oid	oid;
	int	rc;

	if ((rc = git_revwalk_next(&oid, w->walk)) == GIT_ITEROVER)
		return (0);
	if (rc != 0)
		return (-1);
	git_oid_tostr(hex, PATCHID_HEX, &oid);
	return (1);
}

static char *
commits_repo_lower(const char *s)
{
	char	*copy = xstrdup(s != NULL ? s : ""), *p;

	for (p = copy; *p != '\0'; p++)
		*p = (char)tolower((unsigned char)*p);
	return (copy);
}

int
commits_walk_next(struct commits_walk *w, struct commits_info *ci,
    char **cause)
{
	const git_signature	*a, *c;
	git_commit		*commit;
	git_oid			 oid;
	int			 rc;

	memset(ci, 0, sizeof *ci);
	if ((rc = git_revwalk_next(&oid, w->walk)) == GIT_ITEROVER)
		return (0);
	if (rc != 0 || git_commit_lookup(&commit, w->r->repo, &oid) != 0) {
		*cause = commits_repo_why(w->r->path);
		return (-1);
	}
	git_oid_tostr(ci->id, sizeof ci->id, &oid);
	a = git_commit_author(commit);
	c = git_commit_committer(commit);
	ci->author_name = xstrdup(a->name != NULL ? a->name : "");
	ci->author_email = commits_repo_lower(a->email);
	ci->author_date = (time_t)a->when.time;
	ci->commit_date = (time_t)c->when.time;
	ci->subject = xstrdup(git_commit_summary(commit) != NULL ?
	    git_commit_summary(commit) : "");
	ci->message = xstrdup(git_commit_message(commit) != NULL ?
	    git_commit_message(commit) : "");
	ci->merge = git_commit_parentcount(commit) > 1;
	git_commit_free(commit);
	return (1);
}

void
commits_walk_free(struct commits_walk *w)
{
	if (w == NULL)
		return;
	git_revwalk_free(w->walk);
	free(w);
}

void
commits_info_clear(struct commits_info *ci)
{
	free(ci->author_name);
	free(ci->author_email);
	free(ci->subject);
	free(ci->message);
	memset(ci, 0, sizeof *ci);
}

/*
 * git's similarity for libgit2's rename detection.  A tree-to-tree diff
 * reads blobs only (buffer_signature); a signature is git's chunk counts.
 */
static int
commits_repo_sig_file(void **out, const git_diff_file *f, const char *path,
    void *arg)
{
	(void)f; (void)path; (void)arg;
	*out = NULL;
	return (0);
}

static int
commits_repo_sig_buffer(void **out, const git_diff_file *f, const char *buf,
    size_t len, void *arg)
{
	(void)f; (void)arg;
	*out = commits_similar_sig(buf, len);
	return (0);
}

static void
commits_repo_sig_free(void *sig, void *arg)
{
	(void)arg;
	commits_similar_free(sig);
}

/* libgit2 wants a percentage: git's "similarity index", rounded down. */
static int
commits_repo_similarity(int *score, void *a, void *b, void *arg)
{
	(void)arg;
	*score = commits_similar_score(a, b, COMMITS_SIMILAR_MIN) * 100 /
	    COMMITS_SIMILAR_MAX;
	return (0);
}

static git_diff_similarity_metric commits_repo_metric = {
	commits_repo_sig_file, commits_repo_sig_buffer, commits_repo_sig_free,
	commits_repo_similarity, NULL
};

/* The commit's diff to its first parent, renames found as git does. */
static int
commits_repo_diff(struct commits_repo *r, git_commit *c, git_diff **d)
{
	git_diff_options	 o;
	git_diff_find_options	 fo;
	git_commit		*parent = NULL;
	git_tree		*tree = NULL, *ptree = NULL;
	int			 rc = -1;

	git_diff_options_init(&o, GIT_DIFF_OPTIONS_VERSION);
	git_diff_find_options_init(&fo, GIT_DIFF_FIND_OPTIONS_VERSION);
	o.flags |= GIT_DIFF_INDENT_HEURISTIC;
	/* format-patch's binary patches name whole blobs (--full-index). */
	o.id_abbrev = GIT_OID_HEXSZ;
	if (git_commit_parentcount(c) > 0 &&
	    (git_commit_parent(&parent, c, 0) != 0 ||
	    git_commit_tree(&ptree, parent) != 0))
		goto out;
	if (git_commit_tree(&tree, c) != 0 ||
	    git_diff_tree_to_tree(d, r->repo, ptree, tree, &o) != 0)
		goto out;
	fo.flags = GIT_DIFF_FIND_RENAMES;
	fo.rename_threshold = COMMITS_SIMILAR_MIN * 100 / COMMITS_SIMILAR_MAX;
	fo.metric = &commits_repo_metric;
	if (git_diff_find_similar(*d, &fo) != 0) {
		git_diff_free(*d);
		goto out;
	}
	rc = 0;
out:
	git_tree_free(tree);
	git_tree_free(ptree);
	git_commit_free(parent);
	return (rc);
}

/*
 * One file's part of the diff text as git writes it: a file with no
 * hunk (an empty file made or removed, a binary file, a mode change) has
 * no "---" and "+++" lines, which libgit2 writes.
 */
static int
commits_repo_file_text(git_diff *d, size_t i, struct buf *out)
{
	git_patch	*p;
	git_buf		 b = { NULL, 0, 0 };
	const char	*line, *nl, *end;

	if (git_patch_from_diff(&p, d, i) != 0)
		return (-1);
	if (p == NULL)
		return (0);
	if (git_patch_to_buf(&b, p) != 0) {
		git_patch_free(p);
		return (-1);
	}
	end = b.ptr + b.size;
	for (line = b.ptr; line < end; line = nl) {
		nl = memchr(line, '\n', (size_t)(end - line));
		nl = nl != NULL ? nl + 1 : end;
		if (git_patch_num_hunks(p) == 0 && nl - line >= 4 &&
		    (memcmp(line, "--- ", 4) == 0 ||
		    memcmp(line, "+++ ", 4) == 0))
			continue;
		buf_add(out, line, (size_t)(nl - line));
	}
	git_buf_dispose(&b);
	git_patch_free(p);
	return (0);
}

int
commits_repo_patchid(struct commits_repo *r, const char *hex,
    char out[PATCHID_HEX], char **cause)
{
	git_commit	*c;
	git_diff	*d;
	struct buf	 b;
	git_oid		 oid;
	size_t		 i;
	int		 rc;

	if (git_oid_fromstr(&oid, hex) != 0 ||
	    git_commit_lookup(&c, r->repo, &oid) != 0) {
		*cause = commits_repo_why(hex);
		return (-1);
	}
	rc = commits_repo_diff(r, c, &d);
	git_commit_free(c);
	if (rc != 0) {
		*cause = commits_repo_why(hex);
		return (-1);
	}
	buf_init(&b);
	for (i = 0; i < git_diff_num_deltas(d); i++) {
		if (commits_repo_file_text(d, i, &b) != 0) {
			*cause = commits_repo_why(hex);
			git_diff_free(d);
			buf_release(&b);
			return (-1);
		}
	}
	git_diff_free(d);
	rc = patchid_text(b.data != NULL ? b.data : "", b.len, out) == 0 ?
	    0 : 1;
	buf_release(&b);
	return (rc);
}
