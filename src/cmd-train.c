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

static int
train_options(int argc, char **argv, struct model_train_params *p,
    const char **out, int *cv)
{
	static const struct option opts[] = {
		{ "cv", required_argument, NULL, 'k' },
		{ "dump", no_argument, NULL, 'd' },
		{ "families", required_argument, NULL, 'f' },
		{ "iters", required_argument, NULL, 'i' },
		{ "l2", required_argument, NULL, 'l' },
		{ "l2-kind", required_argument, NULL, 'K' },
		{ "margin", required_argument, NULL, 'm' },
		{ "output", required_argument, NULL, 'o' },
		{ NULL, 0, NULL, 0 }
	};
	char	*end;
	int	 ch;

	model_train_defaults(p);
	optind = 1;
	while ((ch = getopt_long(argc, argv, "df:i:k:K:l:m:o:", opts, NULL)) !=
	    -1) {
		switch (ch) {
		case 'd':
			*cv = -1;
			break;
		case 'f':
			p->families = optarg;
			break;
		case 'k':
			*cv = (int)strtol(optarg, &end, 10);
			if (*end != '\0' || *cv < 2 || *cv > 100)
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
		case 'o':
			*out = optarg;
			break;
		default:
			return (-1);
		}
	}
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
	const char			*out = NULL;
	char				*cause = NULL, *name;
	size_t				 nex, nkept;
	int				 rc = CMD_ERROR, k = 0, i;

	if (argc == 2 && (strcmp(argv[1], "--help") == 0 ||
	    strcmp(argv[1], "-h") == 0)) {
		cmd_print_usage(stdout, cmd_find("train"));
		return (CMD_OK);
	}
	if (train_options(argc, argv, &p, &out, &k) != 0)
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
	if (k < 0) {
		model_train_dump(x.t, &b);
		rc = train_write(out, &b) == 0 ? CMD_OK : CMD_ERROR;
		goto out;
	}
	if (k > 0) {
		train_cv_print(cv, model_train_cv(x.t, k, cv, sizeof cv /
		    sizeof cv[0]), k);
		rc = CMD_OK;
		goto out;
	}
	model_train_write(x.t, &b);
	model_train_counts(x.t, &nex, &nkept);
	fprintf(stderr, "pvbot: train: %zu labelled messages found, %zu "
	    "examples, %zu features\n", x.found, nex, nkept);
	if (train_write(out, &b) == 0)
		rc = CMD_OK;
out:
	model_train_free(x.t);
	buf_release(&b);
	buf_release(&text);
	env_free(env);
	return (rc);
}
