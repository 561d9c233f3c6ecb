/* A proposal's page (report-page.c). */
#ifndef REPORT_PAGE_H
#define REPORT_PAGE_H

#include <stddef.h>

struct buf;
struct report;

/* Bytes of the longest page path report_page_path writes, with the NUL. */
#define REPORT_PATH_MAX	64

/* Tell apart the proposals that share a root and version; and free. */
void	report_pages_init(struct report *);
void	report_pages_free(struct report *);
/*
 * The page of proposal i, relative to the site: "p/HASH-vN.html", or
 * "p/HASH-vN-START.html" for a twin; unique per proposal.
 */
void	report_page_path(const struct report *, size_t,
	    char * /* OUT */, size_t);
/* The page of proposal i: verdict, tally, objections, messages. */
void	report_page(const struct report *, size_t, struct buf * /* OUT */);

#endif
