/*
 * pvbot train: fit the learned model (model.h) on labelled mail already
 * imported into the database.  Each LABELS is a tab-separated file in
 * the labelled corpus's shape (file, message_id, in_reply_to, kind, ...,
 * notes), one per labelled set: each message is classified by the rules
 * alone, in its stored thread, and a reply whose kind its prose decides
 * becomes an example.  Labels marked BORDERLINE are left out.  The
 * weights go to -o FILE or stdout; the same database and labels give the
 * same bytes.  --cv K prints instead the grouped K-fold figures (folds
 * by thread) of models fit with the same options, per set.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "classify.h"
#include "cli.h"
#include "env.h"
#include "message.h"
#include "model.h"
#include "series.h"
#include "store-classify.h"
#include "xmalloc.h"

/* One labelled message on its way to an example. */
struct train_run {
	struct store		*store;
	const struct env	*env;
	struct model_train	*t;
	int			 class;
	size_t			 found, examples;
};

static void
train_raw(void *arg, const void *raw, size_t len)
{
	struct train_run	*x = arg;
	struct message_env	 menv = { 0, 0 };
	struct classify_context	 ctx;
	struct classify_result	 r;
	struct model_features	 f;
	struct message		*m;
	struct series_tag	 tag;
	char			*cause = NULL, *norm, *proposer;
	size_t			 i;

	if (message_parse(raw, len, &menv, &m, &cause) != 0) {
		free(cause);
		return;
	}
	x->found++;
	norm = series_parse_subject(m->subject, &tag);
	proposer = store_classify_context(x->store, &x->env->classify, m, &tag,
	    &ctx);
	ctx.model = NULL;	/* the features are the rules' */
	classify_message(x->env->rules, m, &tag, &ctx, &r);
	/* Whoever is named in the data: no feature may carry their name. */
	model_train_name(x->t, m->from_name);
	for (i = 0; i < r.ntrailers; i++)
		model_train_name(x->t, r.trailers[i].name);
	if (ctx.proposer_name != NULL)
		model_train_name(x->t, ctx.proposer_name);
	if (r.prose && x->class >= 0) {
		model_features(m, &tag, &ctx, &r, &f);
		model_train_add(x->t, &f, x->class, m->nrefs > 0 ? m->refs[0] :
		    m->message_id);
		model_features_free(&f);
		x->examples++;
	}
	classify_free(&r);
	store_classify_context_free(&ctx, proposer);
	free(norm);
	message_free(m);
}

/* Split a line at tabs into at most max fields; returns how many. */
static size_t
train_fields(char *line, char **f, size_t max)
{
	size_t	n = 0;

	while (n < max) {
		f[n++] = line;
		if ((line = strchr(line, '\t')) == NULL)
			break;
		*line++ = '\0';
	}
	return (n);
}

static int
train_labels(struct train_run *x, char *text)
{
	char	*line, *next, *f[8], *id;
	size_t	 n;

	for (line = text; line != NULL && *line != '\0'; line = next) {
		if ((next = strchr(line, '\n')) != NULL)
			*next++ = '\0';
		n = train_fields(line, f, 8);
		if (n < 4 || strcmp(f[1], "message_id") == 0 ||
		    (n == 8 && strstr(f[7], "BORDERLINE") != NULL))
			continue;
		id = f[1] + (f[1][0] == '<');
		if (*id != '\0' && id[strlen(id) - 1] == '>')
			id[strlen(id) - 1] = '\0';
		/* Postings and patches are the rules': no example. */
		x->class = model_class(f[3]);
		if (store_classify_raw(x->store, id, train_raw, x) < 0)
			return (-1);
	}
	return (0);
}

/* A set's name: its labels file's directory, the last two parts. */
static char *
train_set_name(const char *path)
{
	const char	*end, *p;
	int		 slashes = 0;

	if ((end = strrchr(path, '/')) == NULL)
		return (xstrdup("."));
	for (p = end; p > path; p--)
		if (p[-1] == '/' && ++slashes == 2)
			break;
	return (xstrndup(p, (size_t)(end - p)));
}

static void
train_cv_print(const struct model_train_cv *cv, size_t n, int k)
{
	size_t	i;

	printf("grouped %d-fold by thread (held-out prose replies, strict):\n"
	    "%-18s %4s | %6s %6s | %9s | %-11s %-11s %-11s\n", k, "set", "n",
	    "rules", "model", "overrides", "obj rules", "obj model",
	    "obj alone");
	printf("%-18s %4s | %6s %6s | %9s | %-11s %-11s %-11s\n", "", "",
	    "right", "right", "+right/-", "tp/fp/fn", "tp/fp/fn", "tp/fp/fn");
	for (i = 0; i < n; i++)
		printf("%-18s %4zu | %6zu %6zu | %4zu +%zu/-%zu | "
		    "%3zu/%zu/%-5zu %3zu/%zu/%-5zu %3zu/%zu/%zu\n", cv[i].set,
		    cv[i].n, cv[i].rules_right, cv[i].model_right,
		    cv[i].overrides, cv[i].overrides_right,
		    cv[i].overrides_wrong, cv[i].obj[0][0], cv[i].obj[0][1],
		    cv[i].obj[0][2], cv[i].obj[1][0], cv[i].obj[1][1],
		    cv[i].obj[1][2], cv[i].obj[2][0], cv[i].obj[2][1],
		    cv[i].obj[2][2]);
}

/* The pairs a sweep tries: the rules' kind, the model's. */
static const int train_pairs[][2] = {
	{ 2, 0 },	/* review -> objection */
	{ 0, 2 },	/* objection -> review */
	{ 3, 0 },	/* other -> objection */
	{ 1, 0 },	/* ack -> objection */
};
#define TRAIN_NPAIRS	(sizeof train_pairs / sizeof train_pairs[0])
#define TRAIN_NSTEPS	20	/* thresholds 0, 0.05, ..., 0.95 */

/* A sweep's figures for one pair and threshold, over the repeats. */
struct train_sweep {
	size_t	changes, right, wrong;	/* wrong: the rules were right */
	size_t	tp, fp, fn;		/* objections, rules + these */
};

/*
 * Count held-out examples into sw[pair][step]: each pair alone, a
 * change made when the model's likeliest is the pair's "to", the rules'
 * kind its "from", and p[to] - p[from] exceeds the step's threshold.
 */
static void
train_sweep_count(const struct model_train_heldout *ho, size_t n,
    struct train_sweep (*sw)[TRAIN_NSTEPS], size_t set)
{
	size_t	i, j, s;
	int	best, c, kind;

	for (i = 0; i < n; i++) {
		if (set != (size_t)-1 && ho[i].set != set)
			continue;
		for (best = 0, c = 1; c < MODEL_NCLASSES; c++)
			if (ho[i].p[c] > ho[i].p[best])
				best = c;
		for (j = 0; j < TRAIN_NPAIRS; j++)
			for (s = 0; s < TRAIN_NSTEPS; s++) {
				kind = ho[i].rules;
				if (ho[i].rules == train_pairs[j][0] &&
				    best == train_pairs[j][1] &&
				    ho[i].p[best] - ho[i].p[ho[i].rules] >
				    0.05 * (double)s) {
					kind = best;
					sw[j][s].changes++;
					sw[j][s].right += kind == ho[i].class;
					sw[j][s].wrong += ho[i].rules ==
					    ho[i].class;
				}
				sw[j][s].tp += kind == 0 && ho[i].class == 0;
				sw[j][s].fp += kind == 0 && ho[i].class != 0;
				sw[j][s].fn += kind != 0 && ho[i].class == 0;
			}
	}
}

static void
train_sweep_print(struct train_sweep (*sw)[TRAIN_NSTEPS], const char *set,
    int k, int repeats)
{
	const struct train_sweep	*w;
	size_t				 j, s;
	double				 r = repeats;
	char				 prec[16];

	for (j = 0; j < TRAIN_NPAIRS; j++) {
		if (k < 0)
			printf("%s: the rules' %s changed into %s (held out "
			    "a labelled set at a time)\n", set,
			    model_classes[train_pairs[j][0]],
			    model_classes[train_pairs[j][1]]);
		else
			printf("%s: the rules' %s changed into %s (grouped "
			    "%d-fold by thread, %d split%s; objection figures "
			    "per split)\n", set,
			    model_classes[train_pairs[j][0]],
			    model_classes[train_pairs[j][1]], k, repeats,
			    repeats > 1 ? "s" : "");
		printf("%9s %8s %6s %6s %9s | %-16s %5s %5s\n", "threshold",
		    "changes", "right",
		    "wrong", "precision", "obj tp/fp/fn", "P", "R");
		for (s = 0; s < TRAIN_NSTEPS; s++) {
			w = &sw[j][s];
			if (s > 0 && w->changes == 0 && sw[j][s - 1].changes ==
			    0)
				break;
			if (w->changes == 0)
				snprintf(prec, sizeof prec, "-");
			else
				snprintf(prec, sizeof prec, "%.3f",
				    (double)w->right / (double)w->changes);
			printf("%9.2f %8zu %6zu %6zu %9s | %4.1f/%4.1f/%-6.1f "
			    "%5.3f %5.3f\n", 0.05 * (double)s, w->changes,
			    w->right, w->wrong, prec, (double)w->tp / r,
			    (double)w->fp / r, (double)w->fn / r,
			    w->tp + w->fp > 0 ? (double)w->tp /
			    (double)(w->tp + w->fp) : 0, w->tp + w->fn > 0 ?
			    (double)w->tp / (double)(w->tp + w->fn) : 0);
		}
	}
}

/*
 * --sweep: the held-out examples of repeats splits (salts 0, 1, ...),
 * each pair's changes at each threshold, for all sets and each set.
 */
static void
train_sweep(struct model_train *t, struct model_train_params *p, int k,
    int repeats, int dump)
{
	struct model_train_heldout	 *ho;
	struct train_sweep		(*sw)[TRAIN_NSTEPS];
	size_t				  nsets = model_train_nsets(t), n, i,
					  set;
	int				  r, c;

	sw = xcalloc((nsets + 1) * TRAIN_NPAIRS, sizeof *sw);
	/* k < 0: -k folds, one a labelled set, one split only. */
	if (k < 0)
		repeats = 1;
	for (r = 0; r < repeats; r++) {
		p->salt = k < 0 ? MODEL_SALT_SETS : (unsigned)r;
		model_train_salt(t, p->salt);
		n = model_train_heldout(t, k < 0 ? -k : k, &ho);
		for (set = 0; set < nsets; set++)
			train_sweep_count(ho, n, sw + set * TRAIN_NPAIRS, set);
		train_sweep_count(ho, n, sw + nsets * TRAIN_NPAIRS,
		    (size_t)-1);
		for (i = 0; dump && i < n; i++) {
			printf("heldout %d %s %s %s", r,
			    model_train_set_name(t, ho[i].set),
			    model_classes[ho[i].class],
			    model_classes[ho[i].rules]);
			for (c = 0; c < MODEL_NCLASSES; c++)
				printf(" %.4f", ho[i].p[c]);
			putchar('\n');
		}
		free(ho);
	}
	train_sweep_print(sw + nsets * TRAIN_NPAIRS, "all", k, repeats);
	for (set = 0; set < nsets; set++)
		train_sweep_print(sw + set * TRAIN_NPAIRS,
		    model_train_set_name(t, set), k, repeats);
	free(sw);
}

static int
train_change(struct model_train_params *p, const char *arg)
{
	const char	*colon = strchr(arg, ':'), *eq = strchr(arg, '=');
	char		*kind, *end;
	int		 a, b;

	if (colon == NULL || eq == NULL || eq < colon)
		return (-1);
	kind = xstrndup(arg, (size_t)(colon - arg));
	a = model_class(kind);
	free(kind);
	kind = xstrndup(colon + 1, (size_t)(eq - colon - 1));
	b = model_class(kind);
	free(kind);
	if (a < 0 || b < 0 || a == b)
		return (-1);
	p->change[a][b] = strtod(eq + 1, &end);
	return (*end == '\0' && end != eq + 1 && p->change[a][b] >= 0 ? 0 :
	    -1);
}

static int
train_margin(struct model_train_params *p, const char *arg)
{
	const char	*eq = strchr(arg, '=');
	char		*kind, *end;
	int		 c;

	if (eq == NULL)
		return (-1);
	kind = xstrndup(arg, (size_t)(eq - arg));
	c = model_class(kind);
	free(kind);
	if (c < 0)
		return (-1);
	p->margin[c] = strtod(eq + 1, &end);
	return (*end == '\0' && end != eq + 1 ? 0 : -1);
}

/* What train was asked for besides the weights. */
struct train_opts {
	const char	*out;
	int		 cv;		/* K folds, -1 --dump, 0 neither */
	int		 sweep;		/* --sweep: thresholds, not figures */
	int		 heldout;	/* --heldout: and each example's */
	int		 repeats;	/* --repeat: splits */
	int		 by_set;	/* --cv-sets: a fold a labelled set */
};

static int
train_options(int argc, char **argv, struct model_train_params *p,
    struct train_opts *o)
{
	static const struct option opts[] = {
		{ "change", required_argument, NULL, 'c' },
		{ "cv", required_argument, NULL, 'k' },
		{ "cv-sets", no_argument, NULL, 'S' },
		{ "dump", no_argument, NULL, 'd' },
		{ "families", required_argument, NULL, 'f' },
		{ "heldout", no_argument, NULL, 'H' },
		{ "iters", required_argument, NULL, 'i' },
		{ "l2", required_argument, NULL, 'l' },
		{ "l2-kind", required_argument, NULL, 'K' },
		{ "margin", required_argument, NULL, 'm' },
		{ "only-rules", required_argument, NULL, 'O' },
		{ "output", required_argument, NULL, 'o' },
		{ "repeat", required_argument, NULL, 'r' },
		{ "sweep", no_argument, NULL, 's' },
		{ NULL, 0, NULL, 0 }
	};
	char	*end;
	int	 ch;

	model_train_defaults(p);
	memset(o, 0, sizeof *o);
	o->repeats = 1;
	optind = 1;
	while ((ch = getopt_long(argc, argv, "c:df:Hi:k:K:l:m:O:o:r:sS", opts,
	    NULL)) != -1) {
		switch (ch) {
		case 'c':
			if (train_change(p, optarg) != 0)
				return (-1);
			break;
		case 'd':
			o->cv = -1;
			break;
		case 'f':
			p->families = optarg;
			break;
		case 'H':
			o->heldout = 1;
			break;
		case 'k':
			o->cv = (int)strtol(optarg, &end, 10);
			if (*end != '\0' || o->cv < 2 || o->cv > 100)
				return (-1);
			break;
		case 'i':
			p->iters = (int)strtol(optarg, &end, 10);
			if (*end != '\0' || p->iters < 0 || p->iters > 100000)
				return (-1);
			break;
		case 'l':
			p->l2 = strtod(optarg, &end);
			if (*end != '\0' || p->l2 < 0)
				return (-1);
			break;
		case 'K':
			p->l2_kind = strtod(optarg, &end);
			if (*end != '\0' || p->l2_kind < 0)
				return (-1);
			break;
		case 'm':
			if (train_margin(p, optarg) != 0)
				return (-1);
			break;
		case 'O':
			if ((p->only_rules = model_class(optarg)) < 0)
				return (-1);
			break;
		case 'o':
			o->out = optarg;
			break;
		case 'r':
			o->repeats = (int)strtol(optarg, &end, 10);
			if (*end != '\0' || o->repeats < 1 ||
			    o->repeats > 100)
				return (-1);
			break;
		case 's':
			o->sweep = 1;
			break;
		case 'S':
			o->by_set = 1;
			o->sweep = 1;
			o->cv = 2;	/* its k is the sets' number */
			break;
		default:
			return (-1);
		}
	}
	/* --sweep, --heldout and --repeat go with --cv. */
	if ((o->sweep || o->heldout || o->repeats > 1) && o->cv <= 0)
		return (-1);
	return (argc - optind >= 1 ? 0 : -1);
}

static int
train_write(const char *out, struct buf *b)
{
	FILE	*f = stdout;
	char	*tmp = NULL;
	int	 rc = 0;

	if (out != NULL) {
		tmp = xasprintf("%s.tmp", out);
		if ((f = fopen(tmp, "w")) == NULL) {
			fprintf(stderr, "pvbot: train: %s: cannot write\n",
			    tmp);
			free(tmp);
			return (-1);
		}
	}
	if (fwrite(b->data, 1, b->len, f) != b->len || fflush(f) != 0)
		rc = -1;
	if (out != NULL) {
		if (fclose(f) != 0 || rc != 0 || rename(tmp, out) != 0) {
			fprintf(stderr, "pvbot: train: %s: cannot write\n",
			    out);
			remove(tmp);
			rc = -1;
		}
		free(tmp);
	}
	return (rc);
}

int
cmd_train(struct pvbot *bot, int argc, char **argv)
{
	struct model_train_params	 p;
	struct model_train_cv		 cv[17];
	struct train_run		 x;
	struct env			*env;
	struct buf			 text, b;
	struct train_opts		 o;
	char				*cause = NULL, *name;
	size_t				 nex, nkept;
	int				 rc = CMD_ERROR, i;

	if (argc == 2 && (strcmp(argv[1], "--help") == 0 ||
	    strcmp(argv[1], "-h") == 0)) {
		cmd_print_usage(stdout, cmd_find("train"));
		return (CMD_OK);
	}
	if (train_options(argc, argv, &p, &o) != 0)
		return (cmd_usage(cmd_find("train")));
	if (cmd_env_load(bot, &env) != 0)
		return (CMD_ERROR);
	buf_init(&text);
	buf_init(&b);
	memset(&x, 0, sizeof x);
	x.store = bot->store;
	x.env = env;
	x.t = model_train_new(&p);
	for (i = optind; i < argc; i++) {
		buf_reset(&text);
		if (buf_read_file(&text, argv[i], &cause) != 0) {
			fprintf(stderr, "pvbot: train: %s\n", cause);
			free(cause);
			goto out;
		}
		name = train_set_name(argv[i]);
		model_train_set(x.t, name);
		free(name);
		if (train_labels(&x, text.data) != 0) {
			rc = cmd_db_error(bot->store);
			goto out;
		}
	}
	if (o.cv < 0) {
		model_train_dump(x.t, &b);
		rc = train_write(o.out, &b) == 0 ? CMD_OK : CMD_ERROR;
		goto out;
	}
	if (o.cv > 0 && (o.sweep || o.heldout || o.repeats > 1)) {
		train_sweep(x.t, &p, o.by_set ? -(int)model_train_nsets(x.t) :
		    o.cv, o.repeats, o.heldout);
		rc = CMD_OK;
		goto out;
	}
	if (o.cv > 0) {
		train_cv_print(cv, model_train_cv(x.t, o.cv, cv, sizeof cv /
		    sizeof cv[0]), o.cv);
		rc = CMD_OK;
		goto out;
	}
	model_train_write(x.t, &b);
	model_train_counts(x.t, &nex, &nkept);
	fprintf(stderr, "pvbot: train: %zu labelled messages found, %zu "
	    "examples, %zu features\n", x.found, nex, nkept);
	if (train_write(o.out, &b) == 0)
		rc = CMD_OK;
out:
	model_train_free(x.t);
	buf_release(&b);
	buf_release(&text);
	env_free(env);
	return (rc);
}
