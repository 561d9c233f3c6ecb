/* Shared output helpers. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "buf.h"
#include "classify.h"
#include "datetime.h"
#include "log.h"
#include "maintainers.h"
#include "output.h"
#include "store-read.h"
#include "xmalloc.h"

static int	output_json_mode;	/* JSON is written: \u escapes */
static int	output_held_c2;		/* a 0xc2 byte from the last write */

/* Write all of p to the real stdout. */
static int
output_put(const char *p, size_t len)
{
	ssize_t	n;

	while (len > 0) {
		if ((n = write(STDOUT_FILENO, p, len)) == -1) {
			if (errno == EINTR)
				continue;
			return (-1);
		}
		p += n;
		len -= (size_t)n;
	}
	return (0);
}

/* A control character as text (^X, ^?, U+FFFD) or in JSON (\u00XX). */
static void
output_control(struct buf *b, unsigned int c)
{
	if (output_json_mode)
		buf_printf(b, "\\u%04X", c);
	else if (c < 0x20)
		buf_printf(b, "^%c", (char)(c + 0x40));
	else if (c == 0x7f)
		buf_addstr(b, "^?");
	else
		buf_addstr(b, "\xef\xbf\xbd");
}

static ssize_t
output_filter_write(void *cookie, const char *p, size_t len)
{
	struct buf	b;
	unsigned char	c;
	size_t		i;
	int		r;

	(void)cookie;
	buf_init(&b);
	for (i = 0; i < len; i++) {
		c = (unsigned char)p[i];
		if (output_held_c2) {
			output_held_c2 = 0;
			if (c >= 0x80 && c <= 0x9f) {	/* U+0080-U+009F */
				output_control(&b, c);
				continue;
			}
			buf_addch(&b, (char)0xc2);
		}
		if (c == 0xc2)
			output_held_c2 = 1;
		else if ((c < 0x20 && c != '\n' && c != '\t') || c == 0x7f)
			output_control(&b, c);
		else
			buf_addch(&b, (char)c);
	}
	r = output_put(b.data != NULL ? b.data : "", b.len);
	buf_release(&b);
	return (r == 0 ? (ssize_t)len : -1);
}

static int
output_filter_close(void *cookie)
{
	(void)cookie;
	if (output_held_c2) {
		output_held_c2 = 0;
		return (output_put("\xc2", 1));
	}
	return (0);
}

void
output_init(void)
{
	cookie_io_functions_t	 io = { NULL, output_filter_write, NULL,
				    output_filter_close };
	FILE			*f;

	if ((f = fopencookie(NULL, "w", io)) == NULL)
		fatal("%s: fopencookie", __func__);
	setvbuf(f, NULL, isatty(STDOUT_FILENO) ? _IOLBF : _IOFBF, BUFSIZ);
	stdout = f;
}

/* What follows on stdout is JSON: controls in it as \u escapes. */
static void
output_json_start(void)
{
	fflush(stdout);
	output_json_mode = 1;
}

void
output_json_begin(struct output_json *out, const char *key)
{
	json_t	*k = json_string(key);
	char	*s = json_dumps(k, JSON_ENCODE_ANY);

	output_json_start();
	out->f = stdout;
	out->count = 0;
	fprintf(out->f, "{%s:[", s);
	free(s);
	json_decref(k);
}

void
output_json_item(struct output_json *out, json_t *item)
{
	if (item == NULL)
		return;
	fputs(out->count++ == 0 ? "\n" : ",\n", out->f);
	json_dumpf(item, out->f, JSON_COMPACT);
	json_decref(item);
}

void
output_json_end(struct output_json *out, json_t *extra)
{
	const char	*key;
	json_t		*value;
	char		*s;

	fputs(out->count > 0 ? "\n]" : "]", out->f);
	if (extra != NULL) {
		json_object_foreach(extra, key, value) {
			s = json_dumps(json_string(key), JSON_ENCODE_ANY);
			fprintf(out->f, ",%s:", s);
			free(s);
			json_dumpf(value, out->f, JSON_COMPACT | JSON_ENCODE_ANY);
		}
		json_decref(extra);
	}
	fputs("}\n", out->f);
}

/*
 * Write value as json_dumpf(JSON_INDENT(1)) would inside a document,
 * depth levels deep: its lines after the first indented by depth.
 */
static void
output_jdoc_value(FILE *f, json_t *value, int depth)
{
	char	*s = json_dumps(value, JSON_INDENT(1) | JSON_ENCODE_ANY);
	char	*p, *nl;

	for (p = s; p != NULL && (nl = strchr(p, '\n')) != NULL; p = nl + 1) {
		fwrite(p, 1, (size_t)(nl + 1 - p), f);
		fwrite("  ", 1, (size_t)depth, f);
	}
	if (p != NULL)
		fputs(p, f);
	free(s);
	json_decref(value);
}

static void
output_jdoc_key(struct output_jdoc *d, const char *key)
{
	json_t	*k = json_string(key);

	fputs(d->members++ == 0 ? "\n " : ",\n ", d->f);
	output_jdoc_value(d->f, k, 1);
	fputs(": ", d->f);
}

void
output_jdoc_begin(struct output_jdoc *d)
{
	output_json_start();
	d->f = stdout;
	d->members = d->items = 0;
	fputc('{', d->f);
}

void
output_jdoc_member(struct output_jdoc *d, const char *key, json_t *value)
{
	output_jdoc_key(d, key);
	output_jdoc_value(d->f, value, 1);
}

void
output_jdoc_array(struct output_jdoc *d, const char *key)
{
	output_jdoc_key(d, key);
	fputc('[', d->f);
	d->items = 0;
}

void
output_jdoc_item(struct output_jdoc *d, json_t *item)
{
	fputs(d->items++ == 0 ? "\n  " : ",\n  ", d->f);
	output_jdoc_value(d->f, item, 2);
}

void
output_jdoc_array_end(struct output_jdoc *d)
{
	fputs(d->items > 0 ? "\n ]" : "]", d->f);
}

void
output_jdoc_end(struct output_jdoc *d)
{
	fputs(d->members > 0 ? "\n}\n" : "}\n", d->f);
}

void
output_json_dump(json_t *doc)
{
	output_json_start();
	json_dumpf(doc, stdout, JSON_INDENT(1));
	fputc('\n', stdout);
	json_decref(doc);
}

json_t *
output_split(const char *s, char sep)
{
	json_t	*a = json_array();
	char	 seps[2] = { sep, '\0' };
	size_t	 len;

	while (s != NULL && *s != '\0') {
		len = strcspn(s, seps);
		json_array_append_new(a, json_stringn(s, len));
		s += len;
		if (*s == sep)
			s++;
	}
	return (a);
}

json_t *
output_split_list(const char *s)
{
	return (output_split(s, '\x1f'));
}

void
output_ctx_init(struct output_ctx *ctx, struct store *s,
    const struct maintainers *mt)
{
	memset(ctx, 0, sizeof *ctx);
	ctx->store = s;
	ctx->mt = mt;
	ctx->thread = -1;
}

static void
output_ctx_paths_free(struct output_ctx *ctx)
{
	size_t	i;

	for (i = 0; i < ctx->npaths; i++)
		free(ctx->paths[i]);
	free(ctx->paths);
	ctx->paths = NULL;
	ctx->npaths = 0;
}

void
output_ctx_free(struct output_ctx *ctx)
{
	output_ctx_paths_free(ctx);
}

static void
output_path_add(void *arg, const char *path)
{
	struct output_ctx	*ctx = arg;

	ctx->paths = xreallocarray(ctx->paths, ctx->npaths + 1,
	    sizeof *ctx->paths);
	ctx->paths[ctx->npaths++] = xstrdup(path != NULL ? path : "");
}

/* Paths touched in the thread: what "maintainer" is judged against. */
static void
output_thread_paths(struct output_ctx *ctx, long long thread)
{
	if (ctx->thread == thread)
		return;
	output_ctx_paths_free(ctx);
	ctx->thread = thread;
	store_read_strings(ctx->store, STORE_READ_PATHS, thread,
	    output_path_add, ctx);
}

static int
output_is_maintainer(struct output_ctx *ctx, long long thread,
    const char *email)
{
	if (ctx->mt == NULL || *email == '\0')
		return (0);
	output_thread_paths(ctx, thread);
	return (ctx->npaths > 0 && maintainers_is_maintainer(ctx->mt, email,
	    ctx->paths, ctx->npaths));
}

/* A string for JSON: "" for NULL. */
static const char *
output_str(const char *s)
{
	return (s != NULL ? s : "");
}

/* What building a message's arrays needs in the callbacks. */
struct output_row {
	struct output_ctx	*ctx;
	long long		 thread;
	json_t			*a;
};

static void
output_trailer(void *arg, const struct store_read_trailer *t)
{
	struct output_row	*row = arg;
	json_t			*o;

	o = json_pack("{s:s, s:s, s:s, s:b, s:b}", "tag", output_str(t->tag),
	    "name", output_str(t->name), "email", output_str(t->email),
	    "maintainer", output_is_maintainer(row->ctx, row->thread,
	    output_str(t->email)), "mismatch", t->mismatch != 0);
	/* Someone's verdict passed on by the sender. */
	if (o != NULL && t->mismatch == CLASSIFY_RELAYED)
		json_object_set_new(o, "relayed", json_true());
	if (t->area != NULL)
		json_object_set_new(o, "area", json_string(t->area));
	json_array_append_new(row->a, o);
}

json_t *
output_trailers(struct output_ctx *ctx, long long message, long long thread)
{
	struct output_row	row = { ctx, thread, json_array() };

	store_read_trailers(ctx->store, message, output_trailer, &row);
	return (row.a);
}

static void
output_vote(void *arg, int vote, const char *name, const char *email)
{
	struct output_row	*row = arg;

	json_array_append_new(row->a, json_pack("{s:i, s:s, s:s, s:b}",
	    "vote", vote, "name", output_str(name), "email",
	    output_str(email), "maintainer", output_is_maintainer(row->ctx,
	    row->thread, output_str(email))));
}

static void
output_string(void *arg, const char *s)
{
	json_array_append_new(arg, json_string(output_str(s)));
}

/*
 * The copies that came later under the message's Message-ID saying
 * something else, as "disputed" (only when there are any).
 */
static void
output_conflict(void *arg, const struct store_read_conflict *c)
{
	json_t	*a = arg;
	char	 date[32];

	datetime_format_iso(c->date, date, sizeof date);
	json_array_append_new(a, json_pack("{s:{s:s, s:s}, s:s, s:s, s:s, "
	    "s:I}", "from", "name", c->from_name != NULL ? c->from_name : "",
	    "email", c->from_email != NULL ? c->from_email : "", "date", date,
	    "source", c->source != NULL ? c->source : "", "position",
	    c->position != NULL ? c->position : "", "arrived",
	    (json_int_t)c->arrived));
}

static void
output_disputed(struct output_ctx *ctx, long long message, json_t *o)
{
	json_t	*a = json_array();

	store_read_conflicts(ctx->store, message, output_conflict, a);
	if (json_array_size(a) > 0)
		json_object_set_new(o, "disputed", a);
	else
		json_decref(a);
}

void
output_message_extras(struct output_ctx *ctx, long long message,
    long long thread, json_t *o)
{
	struct output_row	 row = { ctx, thread, json_array() };
	json_t			*a;

	store_read_vote(ctx->store, message, output_vote, &row);
	json_object_set_new(o, "votes", row.a);
	output_disputed(ctx, message, o);
	a = json_array();
	store_read_strings(ctx->store, STORE_READ_PROTOCOLS, thread,
	    output_string, a);
	json_object_set_new(o, "protocols", a);
	a = json_array();
	store_read_strings(ctx->store, STORE_READ_TAGS, thread,
	    output_string, a);
	json_object_set_new(o, "tags", a);
}

/* Display columns of the first n bytes of s (UTF-8). */
static int
output_cols(const char *s, size_t n)
{
	int	cols = 0;
	size_t	i;

	for (i = 0; i < n; i++)
		if (((unsigned char)s[i] & 0xc0) != 0x80)
			cols++;
	return (cols);
}

/* Print s cut to width display columns: cut short, it ends in "…". */
static void
output_put_cut(const char *s, int width)
{
	const unsigned char	*p = (const unsigned char *)s;
	int			 cols = 0, cut;

	cut = output_cols(s, strlen(s)) > width ? width - 1 : width;
	while (*p != '\0') {
		if ((*p & 0xc0) != 0x80) {
			if (cols == cut)
				break;
			cols++;
		}
		putchar(*p++);
	}
	if (cut < width)
		fputs("\xe2\x80\xa6", stdout);	/* U+2026 */
}

void
output_fit(const char *s, int width)
{
	output_put_cut(s, width);
	putchar('\n');
}

void
output_fit_tail(const char *s, const char *tail, int width)
{
	int	room = width - output_cols(tail, strlen(tail));

	/* The tail (an address, say) is whole or it is no use. */
	output_put_cut(s, room > 10 ? room : 10);
	fputs(tail, stdout);
	putchar('\n');
}

void
output_wrap(const char *s, int indent, int width)
{
	const char	*word;
	size_t		 len;
	int		 col = 0, wcols;

	while (*s != '\0') {
		while (*s == ' ')
			s++;
		if (*s == '\0')
			break;
		word = s;
		len = strcspn(s, " ");
		s += len;
		wcols = output_cols(word, len);
		if (col > 0 && col + 1 + wcols > width) {
			putchar('\n');
			col = 0;
		}
		if (col == 0) {
			printf("%*s", indent, "");
			col = indent;
		} else {
			putchar(' ');
			col++;
		}
		fwrite(word, 1, len, stdout);
		col += wcols;
	}
	if (col > 0)
		putchar('\n');
}
