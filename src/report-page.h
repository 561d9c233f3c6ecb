/* A proposal's page (report-page.c). */
#ifndef REPORT_PAGE_H
#define REPORT_PAGE_H

#include <stddef.h>

struct buf;
struct report;

/* Bytes of the longest page path report_page_path writes, with the NUL. */
#define REPORT_PATH_MAX	64

/* The page of proposal i, relative to the site: "p/HASH-vN.html". */
void	report_page_path(const struct report *, size_t,
	    char * /* OUT */, size_t);
/* The page of proposal i: verdict, tally, objections, messages. */
void	report_page(const struct report *, size_t, struct buf * /* OUT */);

#endif
