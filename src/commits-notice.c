/* Commit notices in mail, and the posted patch each applied. */
#include <ctype.h>
#include <fnmatch.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "commits-notice.h"
#include "datetime.h"
#include "series.h"
#include "xmalloc.h"

/* A patch dated this long after the notice may still be the one. */
#define COMMITS_NOTICE_SKEW	600
/* A quoted notice's attribution may be this much older than the reply. */
#define COMMITS_NOTICE_QUOTE_AGE	(7 * 86400)
/* The lines of one GitLab notice lie within this many lines. */
#define COMMITS_NOTICE_SPAN	24

/* One line of a body: its text after the quote marks, and its depth. */
struct commits_notice_line {
	const char	*p;
	size_t		 len;
	int		 depth;
};

struct commits_notice_text {
	struct commits_notice_line	*v;
	size_t				 n, size;
};

/* The body as lines, quote marks ("> ", ">>", "> > ") taken off. */
static void
commits_notice_lines(const char *body, struct commits_notice_text *t)
{
	const char			*line, *nl, *p, *end;
	struct commits_notice_line	*l;

	t->v = NULL;
	t->n = t->size = 0;
	for (line = body; line != NULL && *line != '\0'; line = nl != NULL ?
	    nl + 1 : NULL) {
		nl = strchr(line, '\n');
		end = nl != NULL ? nl : line + strlen(line);
		if (t->n == t->size) {
			t->size = t->size == 0 ? 64 : t->size * 2;
			t->v = xreallocarray(t->v, t->size, sizeof *t->v);
		}
		l = &t->v[t->n++];
		l->depth = 0;
		p = line;
		while (p < end && (*p == '>' || (*p == ' ' && p + 1 < end &&
		    p[1] == '>'))) {
			if (*p == '>')
				l->depth++;
			p++;
		}
		if (l->depth > 0 && p < end && *p == ' ')
			p++;
		while (end > p && (end[-1] == '\r' || end[-1] == ' ' ||
		    end[-1] == '\t'))
			end--;
		l->p = p;
		l->len = (size_t)(end - p);
	}
}

/* The value after "Key:" on a line (spaces skipped), or NULL. */
static const char *
commits_notice_key(const struct commits_notice_line *l, const char *key,
    size_t *len)
{
	size_t	 k = strlen(key);
	const char *v;

	if (l->len < k || strncasecmp(l->p, key, k) != 0)
		return (NULL);
	v = l->p + k;
	while (v < l->p + l->len && (*v == ' ' || *v == '\t'))
		v++;
	*len = (size_t)(l->p + l->len - v);
	return (v);
}

/* s[0..len) with a trailing " ( url )" and spaces dropped, as a string. */
static char *
commits_notice_value(const char *s, size_t len)
{
	const char	*paren;
	size_t		 n = len;

	if (n > 0 && s[n - 1] == ')' && (paren = memchr(s, '(', n)) != NULL &&
	    paren > s && paren[-1] == ' ')
		n = (size_t)(paren - s);
	while (n > 0 && isspace((unsigned char)s[n - 1]))
		n--;
	while (n > 0 && isspace((unsigned char)*s)) {
		s++;
		n--;
	}
	return (n > 0 ? xstrndup(s, n) : NULL);
}

/* A run of 7 to 40 hex digits at s, lower-cased; NULL otherwise. */
static char *
commits_notice_hex(const char *s, size_t len)
{
	size_t	 n = 0, i;
	char	*out;

	while (n < len && isxdigit((unsigned char)s[n]))
		n++;
	if (n < 7 || n > 40 || (n < len && isalnum((unsigned char)s[n])))
		return (NULL);
	out = xstrndup(s, n);
	for (i = 0; i < n; i++)
		out[i] = (char)tolower((unsigned char)out[i]);
	return (out);
}

/* "Name <addr>": the name (caller frees) and the address, lower-cased. */
static char *
commits_notice_person(const char *s, size_t len, char **email)
{
	const char	*lt, *gt;
	char		*name, *q;

	*email = NULL;
	lt = memchr(s, '<', len);
	gt = lt != NULL ? memchr(lt, '>', len - (size_t)(lt - s)) : NULL;
	if (lt == NULL || gt == NULL)
		return (commits_notice_value(s, len));
	*email = xstrndup(lt + 1, (size_t)(gt - lt - 1));
	for (q = *email; *q != '\0'; q++)
		*q = (char)tolower((unsigned char)*q);
	name = commits_notice_value(s, (size_t)(lt - s));
	if (name != NULL && name[0] == '"' && strlen(name) > 1 &&
	    name[strlen(name) - 1] == '"') {
		memmove(name, name + 1, strlen(name));
		name[strlen(name) - 1] = '\0';
	}
	return (name);
}

static void
commits_notice_add(struct commits_notice **out, size_t *n,
    const struct commits_notice *cn)
{
	*out = xreallocarray(*out, *n + 1, sizeof **out);
	(*out)[(*n)++] = *cn;
}

static void
commits_notice_clear(struct commits_notice *cn)
{
	free(cn->oid);
	free(cn->title);
	free(cn->author);
	free(cn->author_email);
	free(cn->committer);
	free(cn->branch);
	memset(cn, 0, sizeof *cn);
}

/* A title ending in "..." (or U+2026) is cut: keep the prefix. */
static void
commits_notice_title(struct commits_notice *cn, char *title)
{
	size_t	len = title != NULL ? strlen(title) : 0;

	if (len >= 3 && strcmp(title + len - 3, "...") == 0) {
		title[len - 3] = '\0';
		cn->truncated = 1;
	} else if (len >= 3 && strcmp(title + len - 3, "\xe2\x80\xa6") == 0) {
		title[len - 3] = '\0';
		cn->truncated = 1;
	}
	len = title != NULL ? strlen(title) : 0;
	while (len > 0 && isspace((unsigned char)title[len - 1]))
		title[--len] = '\0';
	cn->title = title;
}

/*
 * The time of a notice quoted at line i: the attribution line just above
 * its quote ("On DATE, X wrote:"), else the quoting mail's own date.
 */
static time_t
commits_notice_quoted_at(const struct commits_notice_text *t, size_t i,
    time_t date, long zone)
{
	const struct commits_notice_line	*l;
	char					*s;
	time_t					 at;
	int					 depth = t->v[i].depth;

	while (i > 0 && t->v[i - 1].depth >= depth)
		i--;
	/* The attribution may be wrapped over two lines. */
	while (i > 0) {
		l = &t->v[--i];
		if (l->depth >= depth)
			break;
		if (l->len == 0)
			continue;
		s = xstrndup(l->p, l->len);
		if (i > 0 && t->v[i - 1].depth == l->depth &&
		    t->v[i - 1].len > 0 && strstr(s, "wrote") != NULL &&
		    strncasecmp(s, "On ", 3) != 0) {
			free(s);
			s = xasprintf("%.*s %.*s", (int)t->v[i - 1].len,
			    t->v[i - 1].p, (int)l->len, l->p);
		}
		at = commits_notice_attribution(s, date, zone);
		free(s);
		return (at != 0 ? at : date);
	}
	return (date);
}

/*
 * GitLab's pipeline mail: "Branch:", "Commit:", "Commit Message:",
 * "Commit Author:" and "Committed by:" lines at one depth.  A notice
 * quoted in a reply still counts: it is the machine's text, which the
 * person replying did not write and cannot change the meaning of (unlike
 * a quoted ack, which is someone else's word), and on xen-devel the
 * pipeline mail itself is often known only from such a reply.
 */
static void
commits_notice_gitlab(const struct commits_notice_text *t, time_t date,
    long zone, struct commits_notice **out, size_t *n)
{
	struct commits_notice	 cn;
	const char		*v, *url;
	size_t			 i, j, len, first;
	int			 depth;

	for (i = 0; i < t->n; i++) {
		if (commits_notice_key(&t->v[i], "Commit Message:", &len) ==
		    NULL)
			continue;
		depth = t->v[i].depth;
		memset(&cn, 0, sizeof cn);
		cn.kind = COMMITS_NOTICE_GITLAB;
		cn.quoted = depth > 0;
		first = i > COMMITS_NOTICE_SPAN ? i - COMMITS_NOTICE_SPAN : 0;
		for (j = first; j < t->n && j <= i + COMMITS_NOTICE_SPAN; j++) {
			const struct commits_notice_line *l = &t->v[j];

			if (l->depth != depth)
				continue;
			if ((v = commits_notice_key(l, "Commit Message:",
			    &len)) != NULL && j == i)
				commits_notice_title(&cn,
				    commits_notice_value(v, len));
			else if ((v = commits_notice_key(l, "Commit Author:",
			    &len)) != NULL && cn.author == NULL)
				cn.author = commits_notice_person(v, len,
				    &cn.author_email);
			else if ((v = commits_notice_key(l, "Committed by:",
			    &len)) != NULL && cn.committer == NULL)
				cn.committer = commits_notice_value(v, len);
			else if ((v = commits_notice_key(l, "Branch:",
			    &len)) != NULL && cn.branch == NULL)
				cn.branch = commits_notice_value(v, len);
			else if ((v = commits_notice_key(l, "Commit:",
			    &len)) != NULL && cn.oid == NULL) {
				/* The page's address has the full id. */
				url = memmem(v, len, "/commit/", 8);
				if (url != NULL)
					cn.oid = commits_notice_hex(url + 8,
					    len - (size_t)(url + 8 - v));
				if (cn.oid == NULL)
					cn.oid = commits_notice_hex(v, len);
			}
		}
		if (cn.oid == NULL || cn.title == NULL || *cn.title == '\0' ||
		    cn.author == NULL) {
			commits_notice_clear(&cn);
			continue;
		}
		cn.at = cn.quoted ? commits_notice_quoted_at(t, i, date, zone) :
		    date;
		commits_notice_add(out, n, &cn);
	}
}

/* "[xen staging] title", "[tip: x86/urgent] title": branch, title. */
static int
commits_notice_subject(const char *subject, const char *project,
    char **branch, char **title)
{
	const char	*s = subject, *end;
	size_t		 k = strlen(project);

	*branch = *title = NULL;
	while (strncasecmp(s, "Re:", 3) == 0 || *s == ' ')
		s += *s == ' ' ? 1 : 3;
	if (*s != '[' || strncasecmp(s + 1, project, k) != 0)
		return (-1);
	s += 1 + k;
	while (*s == ' ')
		s++;
	if ((end = strchr(s, ']')) == NULL || end == s)
		return (-1);
	*branch = xstrndup(s, (size_t)(end - s));
	if (strchr(*branch, ' ') != NULL) {
		free(*branch);
		*branch = NULL;
		return (-1);
	}
	s = end + 1;
	while (*s == ' ')
		s++;
	*title = xstrdup(s);
	return (0);
}

/*
 * xen.git's patchbot ("[xen BRANCH] title") and tip-bot2 ("[tip: BRANCH]
 * title"): a "git show --pretty=fuller" style header under the subject.
 */
static void
commits_notice_bot(const char *subject, const struct commits_notice_text *t,
    time_t date, struct commits_notice **out, size_t *n)
{
	struct commits_notice	 cn;
	const char		*v;
	char			*s, *branch, *title;
	size_t			 i, len;
	time_t			 when;
	int			 tip;

	if (commits_notice_subject(subject, "tip:", &branch, &title) == 0)
		tip = 1;
	else if (commits_notice_subject(subject, "xen ", &branch, &title) ==
	    0)
		tip = 0;
	else
		return;
	memset(&cn, 0, sizeof cn);
	cn.kind = tip ? COMMITS_NOTICE_TIPBOT : COMMITS_NOTICE_PATCHBOT;
	cn.branch = branch;
	commits_notice_title(&cn, title);
	cn.at = date;
	for (i = 0; i < t->n; i++) {
		const struct commits_notice_line *l = &t->v[i];

		if (l->depth != 0)
			continue;
		if (cn.oid == NULL && !tip &&
		    (v = commits_notice_key(l, "commit ", &len)) != NULL)
			cn.oid = commits_notice_hex(v, len);
		else if (cn.oid == NULL && tip &&
		    (v = commits_notice_key(l, "Commit-ID:", &len)) != NULL)
			cn.oid = commits_notice_hex(v, len);
		else if (cn.author == NULL &&
		    (v = commits_notice_key(l, "Author:", &len)) != NULL)
			cn.author = commits_notice_person(v, len,
			    &cn.author_email);
		else if (cn.committer == NULL &&
		    ((v = commits_notice_key(l, "Committer:", &len)) != NULL ||
		    (v = commits_notice_key(l, "Commit:", &len)) != NULL)) {
			cn.committer = commits_notice_person(v, len, &s);
			free(s);
		} else if ((v = commits_notice_key(l, "CommitDate:", &len)) !=
		    NULL || (v = commits_notice_key(l, "CommitterDate:",
		    &len)) != NULL) {
			s = xstrndup(v, len);
			if (datetime_parse_loose(s, &when) == 0)
				cn.at = when;
			free(s);
		}
	}
	/* The full id is what these send; a shorter one is not theirs. */
	if (cn.oid == NULL || strlen(cn.oid) != 40 || cn.author == NULL ||
	    cn.title == NULL || *cn.title == '\0') {
		commits_notice_clear(&cn);
		return;
	}
	commits_notice_add(out, n, &cn);
}

size_t
commits_notice_parse(const char *subject, const char *body, time_t date,
    long zone, struct commits_notice **out)
{
	struct commits_notice_text	t;
	size_t				n = 0;

	*out = NULL;
	if (body == NULL)
		return (0);
	/* Cheap test first: every notice says "commit" somewhere. */
	if (strstr(body, "ommit") == NULL)
		return (0);
	commits_notice_lines(body, &t);
	if (strstr(body, "Commit Message:") != NULL)
		commits_notice_gitlab(&t, date, zone, out, &n);
	if (subject != NULL && strchr(subject, '[') != NULL)
		commits_notice_bot(subject, &t, date, out, &n);
	free(t.v);
	return (n);
}

void
commits_notice_free(struct commits_notice *v, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++)
		commits_notice_clear(&v[i]);
	free(v);
}

long
commits_notice_zone(const char *date)
{
	const char	*p;
	size_t		 len;
	long		 h, m;

	if (date == NULL)
		return (0);
	len = strlen(date);
	while (len > 0 && (isspace((unsigned char)date[len - 1]) ||
	    date[len - 1] == ')')) {
		/* "+0200 (CEST)": the comment goes. */
		if (date[len - 1] == ')' && (p = strrchr(date, '(')) != NULL &&
		    (size_t)(p - date) < len)
			len = (size_t)(p - date);
		else
			len--;
	}
	if (len < 5)
		return (0);
	p = date + len - 5;
	if ((*p != '+' && *p != '-') || !isdigit((unsigned char)p[1]) ||
	    !isdigit((unsigned char)p[2]) || !isdigit((unsigned char)p[3]) ||
	    !isdigit((unsigned char)p[4]))
		return (0);
	h = (p[1] - '0') * 10 + (p[2] - '0');
	m = (p[3] - '0') * 10 + (p[4] - '0');
	if (h > 14 || m > 59)
		return (0);
	return ((*p == '-' ? -1 : 1) * (h * 3600 + m * 60));
}

static const char *commits_notice_months[] = { "january", "february",
    "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december" };

/* The date fields an attribution line gives. */
struct commits_notice_when {
	int	y, mo, d, h, mi, s;
	int	alt;		/* d/m and m/d both possible: mo, d swapped */
	long	zone;
	int	has_zone;
};

/* Digits at s: their value, and how many (0: none). */
static int
commits_notice_num(const char *s, int *len)
{
	int	v = 0;

	for (*len = 0; isdigit((unsigned char)s[*len]) && *len < 5; (*len)++)
		v = v * 10 + (s[*len] - '0');
	return (v);
}

/* A numeric date "12.09.2024", "2024-09-12", "9/12/24" at s. */
static int
commits_notice_numdate(const char *s, struct commits_notice_when *w)
{
	int	a, b, c, na, nb, nc;
	char	sep;

	a = commits_notice_num(s, &na);
	sep = s[na];
	if (na == 0 || (sep != '.' && sep != '-' && sep != '/'))
		return (-1);
	b = commits_notice_num(s + na + 1, &nb);
	if (nb == 0 || s[na + 1 + nb] != sep)
		return (-1);
	c = commits_notice_num(s + na + nb + 2, &nc);
	if (nc == 0)
		return (-1);
	w->alt = 0;
	if (na == 4) {
		w->y = a;
		w->mo = b;
		w->d = c;
	} else {
		w->y = c < 100 ? 2000 + c : c;
		if (sep == '/' && a <= 12) {
			/* en-US writes m/d, en-GB d/m: say both when unsure. */
			w->mo = a;
			w->d = b;
			w->alt = b <= 12 && a != b;
		} else {
			w->d = a;
			w->mo = b;
		}
	}
	return (w->mo >= 1 && w->mo <= 12 && w->d >= 1 && w->d <= 31 ? 0 : -1);
}

static time_t
commits_notice_civil(const struct commits_notice_when *w, int swap)
{
	int	mo = swap ? w->d : w->mo, d = swap ? w->mo : w->d;

	return (datetime_from_civil(w->y, mo, d, w->h, w->mi, w->s));
}

time_t
commits_notice_attribution(const char *line, time_t date, long zone)
{
	struct commits_notice_when	 w;
	const char			*p, *end;
	char				 zone5[6];
	time_t				 t, u;
	size_t				 i;
	int				 h, mi, s, n, have_date = 0, have_time = 0;
	int				 num;

	if ((end = strstr(line, "wrote")) == NULL &&
	    (end = strstr(line, "schrieb")) == NULL &&
	    (end = strstr(line, "writes")) == NULL)
		return (0);
	memset(&w, 0, sizeof w);
	for (p = line; p < end; p++) {
		if (p > line && isalnum((unsigned char)p[-1]))
			continue;
		if (!have_date && isdigit((unsigned char)*p) &&
		    commits_notice_numdate(p, &w) == 0) {
			have_date = 1;
			while (p < end && !isspace((unsigned char)*p) &&
			    *p != ',')
				p++;
			continue;
		}
		if (!have_time && isdigit((unsigned char)*p) &&
		    sscanf(p, "%d:%d%n", &h, &mi, &n) == 2 && h < 24 &&
		    mi < 60 && n <= 5) {
			s = 0;
			if (p[n] == ':' && isdigit((unsigned char)p[n + 1]))
				s = (p[n + 1] - '0') * 10 + (isdigit(
				    (unsigned char)p[n + 2]) ? p[n + 2] - '0' :
				    0);
			p += n;
			while (*p == ':' || isdigit((unsigned char)*p))
				p++;
			while (*p == ' ')
				p++;
			if (strncasecmp(p, "PM", 2) == 0 && h < 12)
				h += 12;
			else if (strncasecmp(p, "AM", 2) == 0 && h == 12)
				h = 0;
			w.h = h;
			w.mi = mi;
			w.s = s;
			have_time = 1;
			p--;
			continue;
		}
		if ((*p == '+' || *p == '-') && have_time &&
		    isdigit((unsigned char)p[1]) && strspn(p + 1,
		    "0123456789") == 4) {
			memcpy(zone5, p, 5);
			zone5[5] = '\0';
			w.zone = commits_notice_zone(zone5);
			w.has_zone = 1;
			continue;
		}
		/* "Sep 12, 2024", "12 Sep 2024", "12. September 2024". */
		if (!have_date && isalpha((unsigned char)*p) &&
		    isalpha((unsigned char)p[1]) && isalpha((unsigned char)p[2])) {
			for (n = 0; isalpha((unsigned char)p[n]); n++)
				;
			for (i = 0; i < 12; i++)
				if (n <= 9 && strncasecmp(p,
				    commits_notice_months[i], (size_t)n) == 0 &&
				    n >= 3)
					break;
			if (i == 12)
				continue;
			w.mo = (int)i + 1;
			if (w.d == 0 && p > line + 1) {
				const char *q = p - 1;

				while (q > line && (*q == ' ' || *q == '.'))
					q--;
				while (q > line && isdigit((unsigned char)q[-1]))
					q--;
				if (isdigit((unsigned char)*q))
					w.d = commits_notice_num(q, &n);
			}
			while (isalpha((unsigned char)*p))
				p++;
			if (w.d == 0 && sscanf(p, " %d%n", &num, &n) == 1 &&
			    num <= 31) {
				w.d = num;
				p += n;
			}
			while (*p == ',' || *p == ' ' || *p == '.')
				p++;
			if (sscanf(p, "%d%n", &num, &n) == 1 && num > 1900) {
				w.y = num;
				p += n;
			}
			have_date = w.d >= 1 && w.d <= 31 && w.y > 0;
			p--;
		}
	}
	if (!have_date || !have_time)
		return (0);
	if (!w.has_zone)
		w.zone = zone;
	t = commits_notice_civil(&w, 0) - w.zone;
	if (w.alt) {
		u = commits_notice_civil(&w, 1) - w.zone;
		/* Both readings plausible: the text does not say which. */
		if (u <= date && u >= date - COMMITS_NOTICE_QUOTE_AGE &&
		    t <= date && t >= date - COMMITS_NOTICE_QUOTE_AGE)
			return (0);
		if (u <= date && u >= date - COMMITS_NOTICE_QUOTE_AGE)
			t = u;
	}
	if (t > date || t < date - COMMITS_NOTICE_QUOTE_AGE)
		return (0);
	return (t);
}

/* One code point at *s (advanced), folded to an ASCII letter or 0. */
static int
commits_notice_fold(const unsigned char **s)
{
	/* U+00C0..U+00FF and U+0100..U+017F without their accents. */
	static const char latin1[] =
	    "aaaaaaaceeeeiiiidnooooo ouuuuytsaaaaaaaceeeeiiiidnooooo ouuuuyty";
	static const char ext_a[] =
	    "aaaaaaccccccccddddeeeeeeeeeegggggggghhhhiiiiiiiiiiiijjkkkllllll"
	    "llllnnnnnnnnnoooooooorrrrrrssssssssttttttuuuuuuuuuuuuwwyyyzzzzz"
	    "zs";
	const unsigned char	*p = *s;
	unsigned int		 cp;

	if (*p < 0x80) {
		*s = p + 1;
		return (tolower(*p));
	}
	if ((*p & 0xe0) == 0xc0 && (p[1] & 0xc0) == 0x80) {
		cp = ((unsigned int)(*p & 0x1f) << 6) | (p[1] & 0x3f);
		*s = p + 2;
		if (cp >= 0xc0 && cp <= 0xff)
			return (latin1[cp - 0xc0]);
		if (cp >= 0x100 && cp <= 0x17f && cp - 0x100 < sizeof ext_a - 1)
			return (ext_a[cp - 0x100]);
		return (0);
	}
	/* Other code points: skipped whole. */
	p++;
	while ((*p & 0xc0) == 0x80)
		p++;
	*s = p;
	return (0);
}

static int
commits_notice_cmp_word(const void *a, const void *b)
{
	return (strcmp(*(char *const *)a, *(char *const *)b));
}

char *
commits_notice_name(const char *name)
{
	const unsigned char	*p;
	char			*folded, *d, **words = NULL, *w, *out, *save;
	size_t			 nwords = 0, i, len;
	int			 c;

	if (name == NULL)
		return (xstrdup(""));
	folded = d = xmalloc(strlen(name) + 2);
	for (p = (const unsigned char *)name; *p != '\0'; ) {
		c = commits_notice_fold(&p);
		*d++ = (char)(c != 0 && isalnum(c) ? c : ' ');
	}
	*d = '\0';
	/* "Last, First" names the same words: sorting makes it one. */
	for (w = strtok_r(folded, " ", &save); w != NULL;
	    w = strtok_r(NULL, " ", &save)) {
		words = xreallocarray(words, nwords + 1, sizeof *words);
		words[nwords++] = w;
	}
	if (nwords > 1)
		qsort(words, nwords, sizeof *words, commits_notice_cmp_word);
	for (len = 1, i = 0; i < nwords; i++)
		len += strlen(words[i]) + 1;
	out = d = xmalloc(len);
	for (i = 0; i < nwords; i++) {
		if (i > 0)
			*d++ = ' ';
		memcpy(d, words[i], strlen(words[i]));
		d += strlen(words[i]);
	}
	*d = '\0';
	free(words);
	free(folded);
	return (out);
}

int
commits_notice_same_name(const char *a, const char *b)
{
	char	*x = commits_notice_name(a), *y = commits_notice_name(b);
	int	 same = *x != '\0' && strcmp(x, y) == 0;

	free(x);
	free(y);
	return (same);
}

/* Whether norm (a posted patch's subject) is the notice's title. */
static int
commits_notice_title_fits(const struct commits_notice *n, const char *title,
    const char *norm)
{
	size_t	len = strlen(title);

	if (norm == NULL)
		return (0);
	if (!n->truncated)
		return (strcmp(norm, title) == 0);
	return (len >= COMMITS_NOTICE_MIN_PREFIX &&
	    strncmp(norm, title, len) == 0);
}

/* Whether candidate c fits notice n (title in its normalized form). */
static int
commits_notice_fits(const struct commits_notice *n, const char *title,
    const struct commits_notice_cand *c)
{
	if (c->date > n->at + COMMITS_NOTICE_SKEW ||
	    !commits_notice_title_fits(n, title, c->norm_subject))
		return (0);
	return ((n->author_email != NULL && c->email != NULL &&
	    strcasecmp(n->author_email, c->email) == 0) ||
	    commits_notice_same_name(n->author, c->name));
}

/*
 * Whether two fitting patches are versions of one change: pvbot linked
 * them as one series, or they have the same subject (versions sent as
 * new threads that the series linking did not join).
 */
static int
commits_notice_same_change(const struct commits_notice_cand *a,
    const struct commits_notice_cand *b)
{
	if (a->series != 0 && a->series == b->series)
		return (1);
	return (a->norm_subject != NULL && b->norm_subject != NULL &&
	    strcmp(a->norm_subject, b->norm_subject) == 0);
}

long long
commits_notice_pick(const struct commits_notice *n,
    const struct commits_notice_cand *c, size_t nc, const char **why)
{
	struct series_tag		 tag;
	const struct commits_notice_cand *best = NULL;
	char				*title, *fits;
	size_t				 i, same = 0;
	int				 many = 0;

	*why = NULL;
	if (n->title == NULL || n->author == NULL) {
		*why = "the notice names no title or author";
		return (0);
	}
	title = series_parse_subject(n->title, &tag);
	if (n->truncated && strlen(title) < COMMITS_NOTICE_MIN_PREFIX) {
		free(title);
		*why = "its title is cut too short to name one patch";
		return (0);
	}
	fits = xcalloc(nc + 1, 1);
	for (i = 0; i < nc; i++) {
		if (!(fits[i] = (char)commits_notice_fits(n, title, &c[i])))
			continue;
		if (best == NULL || c[i].date > best->date ||
		    (c[i].date == best->date && c[i].posting > best->posting))
			best = &c[i];
	}
	free(title);
	for (i = 0; best != NULL && i < nc; i++) {
		if (!fits[i])
			continue;
		same += c[i].posting == best->posting;
		if (!commits_notice_same_change(&c[i], best))
			many = 1;
	}
	free(fits);
	if (best == NULL) {
		*why = "no posted patch by its author has its title";
		return (0);
	}
	if (many) {
		*why = "patches of two changes fit: ambiguous";
		return (0);
	}
	if (same > 1) {
		*why = "several patches of one version fit: ambiguous";
		return (0);
	}
	return (best->message);
}

int
commits_notice_branch_counts(const char *list, const char *branch)
{
	const char	*p, *end;
	char		*one;
	int		 ok = 0;

	if (list == NULL || branch == NULL)
		return (0);
	for (p = list; *p != '\0' && !ok; p = *end != '\0' ? end + 1 : end) {
		end = p + strcspn(p, ", ");
		if (end == p)
			continue;
		one = xstrndup(p, (size_t)(end - p));
		ok = fnmatch(one, branch, 0) == 0;
		free(one);
	}
	return (ok);
}
