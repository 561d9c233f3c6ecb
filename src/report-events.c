/* The event log as the dashboard reads it: each event tied to its proposal. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <jansson.h>

#include "consensus.h"
#include "facts.h"
#include "report.h"
#include "report-events.h"
#include "view.h"
#include "xmalloc.h"

/* The event's detail; a broken one reads as an empty object. */
static json_t *
report_events_detail(const struct report_event *e)
{
	json_t	*o = json_loads(e->detail != NULL ? e->detail : "{}", 0, NULL);

	if (o == NULL || !json_is_object(o)) {
		json_decref(o);
		o = json_object();
	}
	return (o);
}

/* Proposals by root, then version, to find the one an event is about. */
static int
report_events_cmp_root(const void *ctx, size_t a, size_t b)
{
	const struct view		*v = ctx;
	const struct consensus_proposal	*x, *y;
	int				 c;

	x = &v->proposals[a];
	y = &v->proposals[b];
	if ((c = strcmp(x->root, y->root)) != 0)
		return (c);
	return (x->version - y->version);
}

/* The proposal with root and version (0: any version), or -1. */
static long
report_events_find(const struct view *v, const size_t *idx, const char *root,
    int version)
{
	const struct consensus_proposal	*p;
	size_t				 lo = 0, hi = v->nproposals, mid;
	int				 c;

	while (lo < hi) {
		mid = (lo + hi) / 2;
		p = &v->proposals[idx[mid]];
		if ((c = strcmp(p->root, root)) == 0)
			c = p->version - version;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo == v->nproposals)
		return (-1);
	p = &v->proposals[idx[lo]];
	if (strcmp(p->root, root) != 0 || (version != 0 &&
	    p->version != version))
		return (-1);
	return ((long)idx[lo]);
}

void
report_events_load(const struct report *r, struct report_evs *evs)
{
	const struct view	*v = r->view;
	struct report_ev	*ev;
	size_t			*idx, i;
	int			 version;

	idx = facts_order(v->nproposals, report_events_cmp_root, v);
	evs->v = xcalloc(r->nevents + 1, sizeof *evs->v);
	evs->n = 0;
	for (i = 0; i < r->nevents; i++) {
		if (r->events[i].at > v->now)
			continue;
		ev = &evs->v[evs->n++];
		ev->e = &r->events[i];
		ev->d = report_events_detail(ev->e);
		ev->proposal = -1;
		if (strcmp(ev->e->kind, "promotion") == 0 ||
		    ev->e->subject == NULL)
			continue;
		version = strcmp(ev->e->kind, "verdict") != 0 ? 0 :
		    (int)json_integer_value(json_object_get(ev->d, "version"));
		ev->proposal = report_events_find(v, idx, ev->e->subject,
		    version);
	}
	free(idx);
}

void
report_events_free(struct report_evs *evs)
{
	size_t	i;

	for (i = 0; i < evs->n; i++)
		json_decref(evs->v[i].d);
	free(evs->v);
}
