/* Commit notices in stored mail into the commits table, and matched. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "commits-mail.h"
#include "commits-match.h"
#include "commits-notice.h"
#include "commits-repo.h"
#include "config.h"
#include "log.h"
#include "message.h"
#include "patchid.h"
#include "policy.h"
#include "store-commits.h"
#include "store.h"
#include "xmalloc.h"

/* The cursor of the mail read for notices (git_state's source). */
#define COMMITS_MAIL_STATE	"mail"

struct commits_mail {
	struct store_commits		*sc;
	struct commits_mail_stats	*st;
};

/* The value of the raw header "Date:" (caller frees), or NULL. */
static char *
commits_mail_date_header(const char *raw, size_t len)
{
	const char	*p = raw, *end = raw + len, *nl, *v;

	while (p < end) {
		nl = memchr(p, '\n', (size_t)(end - p));
		if (nl == NULL)
			nl = end;
		/* The header ends at the first empty line. */
		if (nl == p || (nl == p + 1 && *p == '\r'))
			break;
		if ((size_t)(nl - p) > 5 && strncasecmp(p, "Date:", 5) == 0) {
			v = p + 5;
			while (v < nl && (*v == ' ' || *v == '\t'))
				v++;
			return (xstrndup(v, (size_t)(nl - v)));
		}
		p = nl + 1;
	}
	return (NULL);
}

/* Store one notice as a commit of source "mail <msgid>". */
static void
commits_mail_put(struct commits_mail *cm, const struct message *m,
    const struct commits_notice *n)
{
	struct commits_info	 ci;
	char			*source, *norm, *subject;
	int			 added;

	if (n->branch == NULL || strlen(n->oid) >= sizeof ci.id)
		return;
	memset(&ci, 0, sizeof ci);
	snprintf(ci.id, sizeof ci.id, "%s", n->oid);
	ci.author_name = n->author;
	ci.author_email = n->author_email;
	subject = xasprintf("%s%s", n->title, n->truncated ? "..." : "");
	ci.subject = subject;
	ci.message = subject;
	ci.author_date = ci.commit_date = n->at;
	source = xasprintf("mail <%s>", m->message_id);
	norm = commits_match_subject(n->title);
	store_commits_put(cm->sc, source, n->branch, &ci, norm, NULL, 0, NULL,
	    &added);
	if (added)
		cm->st->notices++;
	log_debug(LOG_DEBUG_STORE, "notice in <%s>: %s %.12s on %s, \"%s\" "
	    "by %s, committed by %s%s", m->message_id, n->kind, n->oid,
	    n->branch, subject, n->author, n->committer != NULL ?
	    n->committer : "(not said)", n->quoted ? " (quoted)" : "");
	free(norm);
	free(source);
	free(subject);
}

/*
 * Where a "base64" (any case) whose "64" is at or after p starts, or
 * NULL; the four bytes before p must be readable.
 */
static const char *
commits_mail_base64(const char *p, const char *end)
{
	/* memchr for the '6' is quick where memmem would read every byte. */
	while (p + 2 <= end && (p = memchr(p, '6', (size_t)(end - p - 1))) !=
	    NULL) {
		if (p[1] == '4' && strncasecmp(p - 4, "base", 4) == 0)
			return (p - 4);
		p++;
	}
	return (NULL);
}

/*
 * Whether a part declared base64 is text: the header block holding the
 * encoding (back to the blank line before it) names text/plain.  Mail
 * with base64 attachments is common and costly to parse; a notice is
 * only ever text.
 */
static int
commits_mail_text_base64(const char *raw, size_t len)
{
	const char	*p = raw + 4, *end = raw + len, *hit, *from, *blank;
	size_t		 n;

	if (len < 6)
		return (0);
	while ((hit = commits_mail_base64(p, end)) != NULL) {
		from = raw;
		for (blank = hit; blank > raw + 1; blank--)
			if (blank[-1] == '\n' && (blank[-2] == '\n' ||
			    (blank[-2] == '\r' && blank - 2 > raw &&
			    blank[-3] == '\n'))) {
				from = blank;
				break;
			}
		for (n = 0; from + n + 10 <= hit; n++)
			if ((from[n] | 0x20) == 't' &&
			    strncasecmp(from + n, "text/plain", 10) == 0)
				return (1);
		p = hit + 10;
	}
	return (0);
}

/*
 * Whether a stored mail may hold a notice, from its raw bytes: each of
 * the notices names "Commit Message:", "CommitDate:" or "Commit-ID:",
 * unless a text part in base64 hides them.  memchr, not SQL's instr or
 * memmem, and before any parse: this runs over every mail an import
 * stores, and instr alone cost more than the import.
 */
static int
commits_mail_may_hold(const char *raw, size_t len)
{
	static const char *const keys[] = {
		"Commit Message:", "CommitDate:", "Commit-ID:"
	};
	const char	*p = raw, *end = raw + len;
	size_t		 i, k;

	while ((p = memchr(p, 'C', (size_t)(end - p))) != NULL) {
		for (i = 0; i < sizeof keys / sizeof keys[0]; i++) {
			k = strlen(keys[i]);
			if ((size_t)(end - p) >= k && memcmp(p, keys[i], k) == 0)
				return (1);
		}
		p++;
	}
	return (commits_mail_text_base64(raw, len));
}

/* One stored message: its notices, if any. */
static int
commits_mail_message(void *arg, long long id, time_t date, const char *raw,
    size_t len)
{
	struct commits_mail	*cm = arg;
	struct message_env	 env;
	struct message		*m;
	struct commits_notice	*v;
	char			*why = NULL, *dh;
	size_t			 n, i;

	(void)id;
	if (raw == NULL || !commits_mail_may_hold(raw, len))
		return (0);
	memset(&env, 0, sizeof env);
	env.envelope_date = date;
	if (message_parse(raw, len, &env, &m, &why) != 0) {
		free(why);
		return (0);
	}
	cm->st->read++;
	dh = commits_mail_date_header(raw, len);
	n = commits_notice_parse(m->subject, m->body, m->date,
	    commits_notice_zone(dh), &v);
	for (i = 0; i < n; i++)
		commits_mail_put(cm, m, &v[i]);
	commits_notice_free(v, n);
	free(dh);
	message_free(m);
	return (0);
}

/* A part of a matched posting: its patch-id, so it counts as a patch. */
static int
commits_mail_patch(void *arg, long long id, time_t date, const char *raw,
    size_t len)
{
	struct commits_mail	*cm = arg;
	char			 hex[PATCHID_HEX];

	if (commits_match_raw_patch_id(raw, len, date, hex) == 0)
		store_commits_patch_put(cm->sc, id, hex);
	return (0);
}

/* Whether one of the notice's branches counts as committed. */
static int
commits_mail_branch(const char *list, const char *branches)
{
	char		 one[256];
	const char	*p, *end;

	if (branches == NULL)
		return (0);
	for (p = branches; *p != '\0'; p = *end != '\0' ? end + 1 : end) {
		end = p + strcspn(p, ",");
		snprintf(one, sizeof one, "%.*s", (int)(end - p), p);
		if (commits_notice_branch_counts(list, one))
			return (1);
	}
	return (0);
}

/* Match one notice anew: the one patch it applied, or none. */
static void
commits_mail_match(struct commits_mail *cm, const char *branches,
    long long id)
{
	struct store_notice		 sn;
	struct commits_notice		 n;
	struct commits_notice_cand	*c = NULL;
	const char			*why = NULL;
	char				*norm = NULL;
	size_t				 nc = 0, len;
	long long			 msg = 0;

	if (store_commits_notice_get(cm->sc, id, &sn) != 0)
		return;
	memset(&n, 0, sizeof n);
	n.oid = sn.oid;
	n.author = sn.author;
	n.author_email = sn.author_email;
	n.at = sn.at;
	n.title = xstrdup(sn.title != NULL ? sn.title : "");
	len = strlen(n.title);
	if (len >= 3 && strcmp(n.title + len - 3, "...") == 0) {
		n.title[len - 3] = '\0';
		n.truncated = 1;
	}
	if (!commits_mail_branch(branches, sn.branches))
		why = "its branch does not mean committed (commit-branches)";
	else {
		norm = commits_match_subject(n.title);
		nc = store_commits_notice_cands(cm->sc, norm, n.truncated, &c);
		msg = commits_notice_pick(&n, c, nc, &why);
	}
	store_commits_match_set(cm->sc, id, msg, COMMITS_BY_NOTICE);
	if (msg != 0) {
		cm->st->matched++;
		store_commits_posting_patches(cm->sc, msg, commits_mail_patch,
		    cm);
		log_debug(LOG_DEBUG_STORE, "notice %.12s in %s: applied "
		    "message %lld", sn.oid, sn.source, msg);
	} else {
		cm->st->unclaimed++;
		log_debug(LOG_DEBUG_STORE, "notice %.12s in %s (\"%s\" by %s):"
		    " claims no patch: %s", sn.oid, sn.source, sn.title,
		    sn.author, why);
	}
	store_commits_notice_cands_free(c, nc);
	free(norm);
	free(n.title);
	store_commits_notice_clear(&sn);
}

int
commits_mail_update(struct store *s, const struct config *cf,
    struct commits_mail_stats *st, char **cause)
{
	struct commits_mail	 cm;
	struct policy		*pol = NULL;
	long long		 scanned, last, *ids;
	time_t			 from;
	size_t			 n, i;
	char			*why = NULL;

	if (policy_load(cf != NULL ? cf->policy : NULL, &pol, &why) != 0) {
		*cause = xasprintf("policy: %s", why);
		free(why);
		return (-1);
	}
	memset(st, 0, sizeof *st);
	cm.st = st;
	store_begin(s);
	cm.sc = store_commits_open(s);
	store_commits_state(cm.sc, COMMITS_MAIL_STATE, &scanned, &from);
	last = store_commits_mail_each(cm.sc, scanned, commits_mail_message,
	    &cm);
	/*
	 * Notices are matched anew only when mail came (a patch imported
	 * late can change the pick): a poll that found nothing would
	 * otherwise redo every notice of the archive.
	 */
	if (last != scanned) {
		n = store_commits_mail_commits(cm.sc, &ids);
		for (i = 0; i < n; i++)
			commits_mail_match(&cm, policy_commit_branches(pol),
			    ids[i]);
		free(ids);
	}
	store_commits_state_set(cm.sc, COMMITS_MAIL_STATE, last, 0);
	store_commits_close(cm.sc);
	policy_free(pol);
	if (store_commit(s, &why) != 0) {
		store_rollback(s);
		*cause = xasprintf("database: %s", why);
		free(why);
		return (-1);
	}
	return (0);
}

void
commits_mail_rescan(struct store *s)
{
	struct store_commits	*sc = store_commits_open(s);

	store_commits_state_set(sc, COMMITS_MAIL_STATE, 0, 0);
	store_commits_close(sc);
}

void
commits_mail_after(struct store *s, const struct config *cf)
{
	struct commits_mail_stats	 st;
	char				*cause = NULL;

	if (commits_mail_update(s, cf, &st, &cause) != 0) {
		log_warnx("commit notices: %s", cause);
		free(cause);
		return;
	}
	if (st.notices > 0)
		log_debug(LOG_DEBUG_STORE, "commit notices: %lu mails read, "
		    "%lu new notices; %lu matched, %lu claim nothing", st.read,
		    st.notices, st.matched, st.unclaimed);
}
