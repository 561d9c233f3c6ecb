/*
 * Generate a synthetic list archive (mboxrd on stdout) for scale tests and
 * benchmarks: threads of about ten messages, patch series (a cover and
 * four patches sent within seconds, with a subject and author of their
 * own, some resent in new versions), replies with acks, reviews and NAKs.
 * The same seed gives the same bytes.
 *
 * usage: gen-archive [-n MESSAGES] [-s SEED]
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define RECENT	1024

struct recent {
	char	id[64];
	char	refs[600];
	char	subject[256];
};

/* A patch series: who sends it, about what, and its newest version. */
struct series {
	unsigned int	author, topic, number, version;
};
#define SERIES	64	/* recent series that may see a new version */

static unsigned long long rng_state;

static unsigned int
rng(void)
{
	/* xorshift64*: deterministic across platforms. */
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return ((unsigned int)((rng_state * 2685821657736338717ULL) >> 32));
}

static const char *people[] = {
	"Alice Example <alice@example.org>", "Bob Maintainer <bob@example.org>",
	"Carol Reviewer <carol@example.com>", "Dan Hacker <dan@example.net>",
	"Eve Tester <eve@example.com>", "Frank Committer <frank@example.org>",
};
static const char *topics[] = {
	"pvcalls: fix ring accounting", "9pfs: handle short reads",
	"blkfront: discard granularity", "netfront: rx copy path",
	"displif: EDID passthrough", "sndif: multi-stream", "xenstore: quota",
	"usbif: isochronous transfers",
};

static void
date_line(time_t t, char *out, size_t len)
{
	struct tm	tm;

	gmtime_r(&t, &tm);
	strftime(out, len, "%a, %d %b %Y %H:%M:%S +0000", &tm);
}

static void
emit(const char *from, const char *subject, const char *id,
    const char *refs, time_t t, const char *body)
{
	char	date[64];

	date_line(t, date, sizeof date);
	printf("From mboxrd@z Thu Jan  1 00:00:00 1970\n");
	printf("From: %s\nTo: xen-devel@lists.xenproject.org\n", from);
	printf("Subject: %s\nDate: %s\nMessage-ID: <%s>\n", subject, date, id);
	if (*refs != '\0') {
		printf("In-Reply-To: %s\n", strrchr(refs, '<'));
		printf("References: %s\n", refs);
	}
	printf("List-Id: Xen developer discussion "
	    "<xen-devel.lists.xenproject.org>\n");
	printf("Content-Type: text/plain; charset=utf-8\n\n%s\n", body);
}

static void
body_text(char *out, size_t len, int kind, const char *who)
{
	static const char filler[] = "The ring index wraps at the page "
	    "boundary, so the consumer must mask it before use.\n";
	size_t	n = 0;
	int	i;

	n += (size_t)snprintf(out + n, len - n, "> Quoted context line.\n"
	    "> Acked-by: Someone Else <else@example.org>\n\n");
	for (i = 0; i < 8 && n < len - 200; i++)
		n += (size_t)snprintf(out + n, len - n, "%s", filler);
	if (kind == 1)
		snprintf(out + n, len - n, "\nAcked-by: %s\n", who);
	else if (kind == 2)
		snprintf(out + n, len - n, "\nReviewed-by: %s\n", who);
	else if (kind == 3)
		snprintf(out + n, len - n, "\nNAK: this breaks the ABI.\n");
}

int
main(int argc, char **argv)
{
	static struct recent	 r[RECENT];
	static struct series	 ser[SERIES];
	struct series		*sp = NULL;
	unsigned int		 nser = 0, part = 0;
	char			 cover[64] = "";
	static char		 body[4096], subj[256], id[64], refs[600];
	unsigned long		 n = 1000, i;
	time_t			 t = 1600000000;
	const char		*from;
	int			 ch, k;
	struct recent		*p, *q;

	rng_state = 0x9e3779b97f4a7c15ULL;
	while ((ch = getopt(argc, argv, "n:s:")) != -1) {
		switch (ch) {
		case 'n': n = strtoul(optarg, NULL, 10); break;
		case 's': rng_state ^= strtoull(optarg, NULL, 10) + 1; break;
		default:
			fprintf(stderr, "usage: gen-archive [-n N] [-s SEED]\n");
			return (2);
		}
	}
	for (i = 0; i < n; i++) {
		t += part > 0 ? 1 + rng() % 5 : 30 + rng() % 600;
		snprintf(id, sizeof id, "gen-%lu-%08x@example.org", i, rng());
		p = &r[i % RECENT];
		k = (int)(rng() % 5);
		body_text(body, sizeof body, k, people[rng() % 6]);
		from = people[rng() % 6];
		if (part > 0) {
			/* The series' patches, in reply to its cover. */
			snprintf(subj, sizeof subj, "[PATCH v%u %u/4] %s, "
			    "part %u", sp->version, part, topics[sp->topic],
			    sp->number);
			from = people[sp->author];
			snprintf(refs, sizeof refs, "<%s>", cover);
			part = part == 4 ? 0 : part + 1;
		} else if (i < 10 || rng() % 7 == 0) {
			/* A third are a new version of a recent series. */
			if (nser > 0 && rng() % 3 == 0) {
				sp = &ser[rng() % (nser < SERIES ? nser : SERIES)];
				sp->version++;
			} else {
				sp = &ser[nser % SERIES];
				sp->author = rng() % 6;
				sp->topic = rng() % 8;
				sp->number = ++nser;
				sp->version = 1;
			}
			snprintf(subj, sizeof subj, "[PATCH v%u 0/4] %s, "
			    "part %u", sp->version, topics[sp->topic],
			    sp->number);
			from = people[sp->author];
			refs[0] = '\0';
			snprintf(cover, sizeof cover, "%s", id);
			part = 1;
		} else {
			q = &r[(i - 1 - rng() % (i < RECENT ? i : RECENT)) %
			    RECENT];
			snprintf(subj, sizeof subj, "Re: %.250s", q->subject);
			/* Keep References bounded, as mailers do. */
			snprintf(refs, sizeof refs, "%.500s <%.60s>",
			    strlen(q->refs) > 400 ? strchr(q->refs + 200, '<') :
			    q->refs, q->id);
		}
		emit(from, subj, id, refs[0] == ' ' ? refs + 1 : refs, t, body);
		snprintf(p->id, sizeof p->id, "%s", id);
		snprintf(p->refs, sizeof p->refs, "%.599s", refs[0] == ' ' ?
		    refs + 1 : refs);
		snprintf(p->subject, sizeof p->subject, "%.250s",
		    strncmp(subj, "Re: ", 4) == 0 ? subj + 4 : subj);
	}
	return (0);
}
