/*
 * A small learned model beside the rules: a multiclass linear model over
 * features of a reply whose kind the prose decides (the author's own
 * words and word pairs, the rules that matched and the review points,
 * where the own text sits among the quotes, the subject's tags, what the
 * rules concluded).  It scores objection, ack, review and other; the
 * exact signals (trailers, NAKs, votes, commands, tags, patches) stay
 * the rules'.  Its weights are a text file, etc/pvbot/model.weights, one
 * feature a line, which "pvbot train" fits on labelled mail.  Pure.
 */
#ifndef MODEL_H
#define MODEL_H

#include <stddef.h>

struct buf;
struct classify_context;
struct classify_result;
struct message;
#include "arena.h"

struct series_tag;

/* The kinds the model scores, in the order of a weight line. */
#define MODEL_NCLASSES	4
extern const char *const model_classes[MODEL_NCLASSES];

struct model;

/* A message's features: names, sorted, each once, kept in the arena. */
struct model_features {
	const char	**v;
	size_t		  n;
	struct arena	  arena;
};

/*
 * The features of a reply the rules left to its prose: r is the rules'
 * result (its kind the rules' own), own its author's text.  Free them
 * with model_features_free.
 */
void	model_features(const struct message *, const struct series_tag *,
	    const struct classify_context *, const struct classify_result *,
	    struct model_features * /* OUT */);
void	model_features_free(struct model_features *);

/*
 * Load a weights file (NULL: the built-in pvbot/model.weights).  Returns
 * 0, or -1 with *cause ("file:line: reason").
 */
int	model_load(const char *, struct model ** /* OUT */,
	    char ** /* OUT */);
/* The same from text in memory, named label in messages. */
int	model_parse(const char *, size_t, const char *,
	    struct model ** /* OUT */, char ** /* OUT */);
/* model_free(NULL) does nothing. */
void	model_free(struct model *);
/* How many features carry weights. */
size_t	model_size(const struct model *);

/*
 * The hook classify_message calls for a reply whose kind the prose
 * decides: r->rules_kind and r->rules_why keep the rules' kind and why,
 * r->kind and r->why become the model's when it overrides them.
 */
void	model_classify(const struct model *, const struct message *,
	    const struct series_tag *, const struct classify_context *,
	    struct classify_result *);

/* What the model made of a message. */
struct model_score {
	double		 p[MODEL_NCLASSES];	/* probabilities */
	int		 best;			/* index of the likeliest */
	int		 rules;			/* the rules' kind, or -1 */
	const char	*kind;			/* static: the kind decided */
	int		 override;		/* it differs from the rules' */
	double		 margin;		/* p[best] - p[rules] (0 when
						   the rules' kind is best) */
	double		 threshold;		/* what it had to exceed to
						   change rules into best */
};

/*
 * Whether a model changes the rules' kind: each pair (the rules' kind,
 * another) has a threshold, thr[from][to]; the likeliest kind replaces
 * the rules' when its probability exceeds theirs by more than that
 * (1: never).  A weights file's "margin KIND X" sets the threshold into
 * KIND from every kind, "change FROM TO X" one pair's (it wins).
 * Returns the kind decided (an index), given the probabilities, the
 * rules' kind (-1: none, the likeliest) and the thresholds.
 */
int	model_gate(const double * /* [MODEL_NCLASSES] */, int,
	    const double (*)[MODEL_NCLASSES]);

/* The thresholds a model was loaded with, thr[from][to]. */
const double (*model_thresholds(const struct model *))[MODEL_NCLASSES];

/*
 * Score features; the rules' kind stands unless the model finds another
 * likelier by more than that pair's threshold (model_gate).
 */
void	model_score(const struct model *, const struct model_features *,
	    const char *, struct model_score * /* OUT */);

/* One feature's part in a class's score. */
struct model_contrib {
	const char	*feature;	/* borrowed from the features */
	double		 weight;	/* its weight times its value */
};

/*
 * The features that weigh most for class (by absolute contribution), at
 * most max of them, into out; returns how many.
 */
size_t	model_explain(const struct model *, const struct model_features *,
	    int, struct model_contrib * /* OUT */, size_t);

/*
 * What a word or word pair of f counts for: 1/sqrt(words and pairs in
 * f), so that a long mail does not win on the sum of many small weights;
 * every other feature counts 1.  (model_value: feature i's value.)
 */
double	model_word_scale(const struct model_features *);
double	model_value(const char *, double);

/* A class's index by kind name, or -1. */
int	model_class(const char *);

/*
 * Training (model-train.c).  Examples go in, in a fixed order; names are
 * the people whose names no feature may carry (every token of them).
 */
struct model_train;

/*
 * How to fit: L2 strength, passes, and the thresholds written out
 * (change[from][to], model_gate's; margin[to] the "margin" lines, from
 * any kind, where change[from][to] is below 0: unset).
 */
struct model_train_params {
	double		 l2;
	double		 l2_kind;	/* the rules' kind's ("k:") */
	int		 iters;
	double		 margin[MODEL_NCLASSES];
	double		 change[MODEL_NCLASSES][MODEL_NCLASSES];
	const char	*families;	/* "st,k,r": kept prefixes; NULL all */
	int		 only_rules;	/* examples the rules gave this kind
					   alone (a class), or -1: all */
	unsigned	 salt;		/* --cv's folds: 0 the plain split,
					   MODEL_SALT_SETS one a set, else
					   another split by thread */
};
#define MODEL_SALT_SETS	0xffffffffu
/* params' thresholds as model_gate reads them, into thr. */
void	model_train_thresholds(const struct model_train_params *,
	    double (*)[MODEL_NCLASSES] /* OUT */);
/* The defaults "make model" uses. */
void	model_train_defaults(struct model_train_params * /* OUT */);

struct model_train *model_train_new(const struct model_train_params *);
void	model_train_free(struct model_train *);
/* Add an example: its features (copied), its kind and thread key. */
void	model_train_add(struct model_train *, const struct model_features *,
	    int, const char *);
/*
 * The labelled set the examples added next come from (its name, for
 * the weights' header and model_train_cv's figures).
 */
void	model_train_set(struct model_train *, const char *);
/* A person's name (display name or trailer name) seen in the data. */
void	model_train_name(struct model_train *, const char *);
/*
 * Fit the weights and write them as a weights file into b.  Same
 * examples in the same order: the same bytes.
 */
void	model_train_write(struct model_train *, struct buf *);
/*
 * The examples as text into b, one a line: set, thread, kind, the rules'
 * kind, then every feature (for study: pvbot train --dump).
 */
void	model_train_dump(const struct model_train *, struct buf *);
/* How many examples and kept features the last write used. */
void	model_train_counts(const struct model_train *, size_t * /* OUT */,
	    size_t * /* OUT */);

/*
 * Grouped k-fold figures over the examples (folds by thread): each
 * fold's examples scored by a model fit on the other folds with the same
 * parameters, against the rules' kind, per labelled set.
 */
struct model_train_cv {
	const char	*set;			/* borrowed; "all" last */
	size_t		 n;			/* held-out examples */
	size_t		 rules_right, model_right;
	size_t		 overrides;		/* model's kind not the rules' */
	size_t		 overrides_right;	/* ... and right */
	size_t		 overrides_wrong;	/* ... where the rules were */
	size_t		 obj[3][3];		/* rules, model, the model's
						   likeliest alone: tp fp fn */
};
/*
 * Fill at most max figures, one per set then "all"; returns how many.
 * k >= 2.
 */
size_t	model_train_cv(struct model_train *, int, struct model_train_cv *
	    /* OUT */, size_t);

/*
 * Each held-out example of a grouped k-fold run (as model_train_cv's):
 * its set, its label, the rules' kind and the held-out model's
 * probabilities, for choosing thresholds on them (pvbot train --sweep).
 */
struct model_train_heldout {
	size_t		 set;			/* index of its set */
	int		 class;			/* the label */
	int		 rules;			/* the rules' kind */
	double		 p[MODEL_NCLASSES];
};
/* The held-out examples into *out (free it); returns how many. */
size_t	model_train_heldout(struct model_train *, int,
	    struct model_train_heldout ** /* OUT */);
/* The split --cv's folds use from now on (model_train_params' salt). */
void	model_train_salt(struct model_train *, unsigned);
/* The name of set i (borrowed), or "-". */
const char *model_train_set_name(const struct model_train *, size_t);
/* How many sets. */
size_t	model_train_nsets(const struct model_train *);

#endif
