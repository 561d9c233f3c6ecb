/*
 * The PV protocols' stages a database starts from: those protocols.conf
 * ships (Xen's SUPPORT.md, as of its "stages-date"), recorded once.
 */
#ifndef STORE_STAGES_H
#define STORE_STAGES_H

struct protocols;
struct store;

/*
 * Record the shipped stage of every protocol that has one and no stage
 * history at all (never seeded, promoted or read from SUPPORT.md), as of
 * the stages' date, by "SUPPORT.md", with no event (it is no news).  A
 * protocol seeded once is never seeded again, whatever the Czar did
 * since.  Returns how many were recorded, or -1 with *cause.
 */
int	store_stages_seed(struct store *, const struct protocols *,
	    char ** /* OUT */);
/*
 * Whether moving the protocol named to stage skips one (design straight
 * to production): the Czar must say so (promote --force).
 */
int	store_stages_skips(struct store *, const char *, const char *);

#endif
