/* Shared output helpers. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "output.h"
#include "store.h"
#include "xmalloc.h"

void
output_json_begin(struct output_json *out, const char *key)
{
	json_t	*k = json_string(key);
	char	*s = json_dumps(k, JSON_ENCODE_ANY);

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

void
output_json_dump(json_t *doc)
{
	json_dumpf(doc, stdout, JSON_INDENT(1));
	fputc('\n', stdout);
	json_decref(doc);
}

const char *
output_text(sqlite3_stmt *st, int col)
{
	const char	*s = (const char *)sqlite3_column_text(st, col);

	return (s != NULL ? s : "");
}

json_t *
output_split_list(const char *s)
{
	json_t	*a = json_array();
	size_t	 len;

	while (s != NULL && *s != '\0') {
		len = strcspn(s, "\x1f");
		json_array_append_new(a, json_stringn(s, len));
		s += len;
		if (*s == '\x1f')
			s++;
	}
	return (a);
}

json_t *
output_trailers(struct store *s, long long message)
{
	(void)s;
	(void)message;
	return (json_array());
}

void
output_message_extras(struct store *s, long long message, json_t *o)
{
	(void)s;
	(void)message;
	(void)o;
}

int
output_db_error(struct store *s)
{
	fprintf(stderr, "pvbot: database: %s\n", sqlite3_errmsg(store_db(s)));
	return (CMD_ERROR);
}

void
output_fit(const char *s, int width)
{
	const unsigned char	*p = (const unsigned char *)s;
	int			 cols = 0;

	while (*p != '\0') {
		if ((*p & 0xc0) != 0x80) {
			if (cols == width)
				break;
			cols++;
		}
		putchar(*p++);
	}
	putchar('\n');
}
