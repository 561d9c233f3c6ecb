/*
 * Xen's SUPPORT.md: the Status lines of each feature section, and the
 * lifecycle stage they give a PV protocol.  Pure.
 *
 *	### PV 9pfs (backend)
 *
 *	    Status, QEMU: Tech Preview
 *	    Status, xen-9pfsd: Experimental
 *
 * Status lines count only inside the file's literal blocks (indented by
 * four spaces or a tab), which is where SUPPORT.md puts its
 * machine-readable fragments.
 */
#ifndef SUPPORT_H
#define SUPPORT_H

#include <stddef.h>

struct protocol;

/* Ordered: a higher value is a later stage of the PV drivers lifecycle. */
#define SUPPORT_STAGE_UNKNOWN		0
#define SUPPORT_STAGE_PROTOTYPE		1	/* Experimental, Tech Preview */
#define SUPPORT_STAGE_PRODUCTION	2	/* Supported, any variant */

struct support_entry {
	char	*feature;	/* heading less side and "(...)": "PV USB" */
	char	*side;		/* "frontend", "backend" or NULL */
	char	*impl;		/* "Linux (xen-tpmfront)", "QEMU" or NULL */
	char	*status;	/* "Supported, with caveats" */
	int	 stage;		/* SUPPORT_STAGE_* */
	int	 line;		/* of the Status line */
};

/*
 * Parse SUPPORT.md text: one entry per Status line, in file order, for
 * every section.  The side comes from the heading ("(frontend)",
 * "frontend") or else from the enclosing "guest side" / "host side"
 * section; the impl from the Status line ("Status, QEMU:") or else from
 * the heading's parentheses ("(xenconsoled)").  Returns 0 and sets *out
 * (free with support_free) and *n, or -1 and *cause when the text holds
 * no Status line at all.
 */
int	support_parse(const char *, size_t, struct support_entry ** /* OUT */,
	    size_t * /* OUT */, char ** /* OUT cause */);
/* Free n entries and the array; NULL is a no-op. */
void	support_free(struct support_entry *, size_t);
/* The stage a status text means: "Tech Preview" is PROTOTYPE, ... */
int	support_stage(const char *);
/*
 * The highest stage SUPPORT.md gives protocol p over all its sections and
 * implementations, or SUPPORT_STAGE_UNKNOWN when none applies.  A section
 * applies when its feature equals one of p's support names, or when it
 * starts with "PV" and equals p's name, title or an alias; case, blanks
 * and punctuation are ignored, so "PVCalls" is "PV Calls".
 */
int	support_stage_of(const struct support_entry *, size_t,
	    const struct protocol *);

#endif
