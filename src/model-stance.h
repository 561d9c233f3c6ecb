/*
 * The stance of a reply's own text, for the learned model (model.h): a
 * few features that read how the author judges the change rather than
 * which words they used, so that they carry over to mail the model never
 * saw.  A negation before an evaluation ("don't think", "isn't right",
 * "not convinced"), the same in the first person ("I don't see why"), a
 * negative evaluation not negated ("broken", "a mess"), a positive one
 * ("looks good", "makes sense"), "should not", "instead"/"rather", a
 * question that asks why, an objection's word and its negation, nits,
 * how many sentences ask; each also marked when it is in the opening
 * sentences, where reviewers put their verdict.  Pure.
 */
#ifndef MODEL_STANCE_H
#define MODEL_STANCE_H

#include <stddef.h>

/* The most names model_stance gives. */
#define MODEL_STANCE_MAX	64

/*
 * The stance features of own text into out (static strings, "st:...",
 * "so:..." for the opening, "sc:..." for the closing), at most MODEL_STANCE_MAX; returns how many.
 */
size_t	model_stance(const char *, const char ** /* OUT */);

#endif
