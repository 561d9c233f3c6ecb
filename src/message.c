/*
 * Parse one message with libetpan.  Only the header fields pvbot reads are
 * handed to libetpan: real list mail carries kilobytes of Received, ARC and
 * DKIM headers that cost most of the parse time and tell us nothing.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libetpan/libetpan.h>

#include "buf.h"
#include "datetime.h"
#include "html.h"
#include "message.h"
#include "text.h"
#include "xmalloc.h"

#define MESSAGE_MAX_DEPTH	32
/* More MIME containers than this and the body is read without MIME. */
#define MESSAGE_MAX_CONTAINERS	32

/* Header fields kept for libetpan, lower case, sorted for bsearch. */
static const char *message_kept[] = {
	"authentication-results", "auto-submitted",
	"content-disposition", "content-transfer-encoding", "content-type",
	"date", "from", "in-reply-to", "list-id", "message-id",
	"mime-version", "precedence", "references", "reply-to", "subject",
	"x-original-from",
};

struct message_parse {
	struct message	*msg;
	char		*html;		/* first text/html part, UTF-8 */
	const char	*received;	/* newest Received: value, borrowed */
	size_t		 received_len;
};

static int
message_kept_cmp(const void *key, const void *elem)
{
	const struct buf	*name = key;
	const char		*kept = *(const char *const *)elem;
	int			 r;

	r = strncasecmp(name->data, kept, name->len);
	if (r == 0 && kept[name->len] != '\0')
		return (-1);
	return (r);
}

static int
message_is_kept(const char *name, size_t len)
{
	struct buf	key;

	key.data = (char *)name;
	key.len = len;
	return (bsearch(&key, message_kept,
	    sizeof message_kept / sizeof message_kept[0],
	    sizeof message_kept[0], message_kept_cmp) != NULL);
}

/* RFC 5322 field names are printable ASCII without ':' or space. */
static int
message_is_field_name(const char *p, const char *colon)
{
	if (colon == p || colon - p > 76)
		return (0);
	for (; p < colon; p++)
		if (*p < 33 || *p > 126)
			return (0);
	return (1);
}

/* Fields every real message has one of: proof the bytes are mail. */
static int
message_is_mail_field(const char *name, size_t len)
{
	static const char *fields[] = {
		"cc", "content-type", "date", "delivered-to", "from",
		"in-reply-to", "list-id", "message-id", "mime-version",
		"received", "references", "reply-to", "return-path", "sender",
		"subject", "to",
	};
	size_t	i;

	for (i = 0; i < sizeof fields / sizeof fields[0]; i++)
		if (strlen(fields[i]) == len &&
		    strncasecmp(name, fields[i], len) == 0)
			return (1);
	return (0);
}

/* End of the line starting at p: the byte after its '\n', or end. */
static const char *
message_next_line(const char *p, const char *end)
{
	const char	*nl = memchr(p, '\n', (size_t)(end - p));

	return (nl == NULL ? end : nl + 1);
}

/*
 * Copy the kept header fields (with their continuation lines) into out and
 * return where the body starts.  *nfields is 0 when no standard field
 * was seen (then the bytes are not mail), else 1.
 */
static const char *
message_filter_headers(struct message_parse *mp, const char *raw,
    size_t len, struct buf *out, size_t *nfields)
{
	const char	*p = raw, *end = raw + len, *next, *colon;
	int		 keep = 0, any = 0;

	*nfields = 0;
	while (p < end) {
		next = message_next_line(p, end);
		if (*p == '\n' || (*p == '\r' && p + 1 < end && p[1] == '\n'))
			return (next);
		if (*p == ' ' || *p == '\t') {
			if (keep)
				buf_add(out, p, (size_t)(next - p));
			p = next;
			continue;
		}
		colon = memchr(p, ':', (size_t)(next - p));
		keep = 0;
		if (colon != NULL && message_is_field_name(p, colon)) {
			any = 1;
			/* One is proof enough; more would only cost time. */
			if (*nfields == 0 &&
			    message_is_mail_field(p, (size_t)(colon - p)))
				(*nfields)++;
			keep = message_is_kept(p, (size_t)(colon - p));
			if (!keep && mp->received == NULL &&
			    (size_t)(colon - p) == 8 &&
			    strncasecmp(p, "received", 8) == 0) {
				mp->received = colon + 1;
				mp->received_len = (size_t)(next - colon - 1);
			}
		} else if (!any)
			return (NULL);	/* not a header: not mail at all */
		if (keep)
			buf_add(out, p, (size_t)(next - p));
		p = next;
	}
	return (end);
}

/*
 * Decode an RFC 2047 phrase or unstructured value to clean UTF-8.  Raw
 * 8-bit bytes are taken as UTF-8, or as Windows-1252 when they are not
 * valid UTF-8 (old mailers).
 */
static char *
message_decode_words(const char *s)
{
	const char	*fromcode = "utf-8";
	size_t		 idx = 0;
	char		*dec = NULL, *out;

	if (s == NULL)
		return (xstrdup(""));
	if (!text_utf8_valid(s, strlen(s)))
		fromcode = "windows-1252";
	else if (strstr(s, "=?") == NULL) {
		/*
		 * Nothing to decode: most subjects and names.  libetpan would
		 * still open an iconv converter for every word of them.
		 */
		out = xstrdup(s);
		text_collapse_ws(out);
		return (out);
	}
	if (mailmime_encoded_phrase_parse(fromcode, s, strlen(s), &idx, "utf-8",
	    &dec) != MAILIMF_NO_ERROR || dec == NULL)
		out = text_utf8_repair(s, strlen(s), NULL);
	else {
		out = text_utf8_repair(dec, strlen(dec), NULL);
		free(dec);
	}
	text_collapse_ws(out);
	return (out);
}

static char *
message_strip_msgid(const char *s)
{
	size_t	len;

	while (*s == '<' || isspace((unsigned char)*s))
		s++;
	len = strcspn(s, "> \t\r\n");
	return (xstrndup(s, len));
}

static void
message_add_ref(struct message *m, const char *value)
{
	char	*id = message_strip_msgid(value);
	size_t	 i;

	/*
	 * "<>" strips to nothing: kept, it would be one placeholder shared
	 * by every message that carries it, joining unrelated threads.
	 */
	for (i = 0; i < m->nrefs && *id != '\0'; i++)
		if (strcmp(m->refs[i], id) == 0)
			break;
	if (*id == '\0' || i < m->nrefs) {
		free(id);
		return;
	}
	if (m->nrefs == MESSAGE_MAX_REFS) {
		/* Keep the nearest ancestors: drop the oldest reference. */
		free(m->refs[0]);
		memmove(m->refs, m->refs + 1, (m->nrefs - 1) * sizeof *m->refs);
		m->nrefs--;
	}
	m->refs = xreallocarray(m->refs, m->nrefs + 1, sizeof *m->refs);
	m->refs[m->nrefs++] = id;
}

/* Message-ids from a field libetpan could not parse: every <...> token. */
static void
message_scan_ids(const char *value, char **first, struct message *m)
{
	const char	*p = value, *lt, *gt;
	char		*id;

	while ((lt = strchr(p, '<')) != NULL && (gt = strchr(lt, '>')) != NULL) {
		id = xstrndup(lt + 1, (size_t)(gt - lt - 1));
		text_collapse_ws(id);
		if (first != NULL && *first == NULL)
			*first = xstrdup(id);
		else if (first == NULL)
			message_add_ref(m, id);
		free(id);
		p = gt + 1;
	}
}

static void
message_set_mailbox(struct message *m, struct mailimf_mailbox *mb)
{
	free(m->from_name);
	free(m->from_email);
	m->from_name = message_decode_words(mb->mb_display_name);
	m->from_email = text_utf8_repair(mb->mb_addr_spec,
	    strlen(mb->mb_addr_spec), NULL);
	text_lower(m->from_email);
}

static struct mailimf_mailbox *
message_first_mailbox(struct mailimf_mailbox_list *list)
{
	if (list == NULL || clist_isempty(list->mb_list))
		return (NULL);
	return (clist_content(clist_begin(list->mb_list)));
}

static struct mailimf_mailbox *
message_first_address(struct mailimf_address_list *list)
{
	struct mailimf_address	*a;

	if (list == NULL || clist_isempty(list->ad_list))
		return (NULL);
	a = clist_content(clist_begin(list->ad_list));
	if (a->ad_type == MAILIMF_ADDRESS_MAILBOX)
		return (a->ad_data.ad_mailbox);
	return (message_first_mailbox(a->ad_data.ad_group->grp_mb_list));
}

static void
message_add_recipients(struct buf *to, struct mailimf_address_list *list)
{
	struct mailimf_address	*a;
	struct mailimf_mailbox	*mb;
	clistiter		*it, *jt;

	if (list == NULL)
		return;
	for (it = clist_begin(list->ad_list); it != NULL; it = it->next) {
		a = clist_content(it);
		if (a->ad_type == MAILIMF_ADDRESS_MAILBOX) {
			buf_printf(to, "%s%s", to->len ? "," : "",
			    a->ad_data.ad_mailbox->mb_addr_spec);
			continue;
		}
		if (a->ad_data.ad_group->grp_mb_list == NULL)
			continue;
		for (jt = clist_begin(a->ad_data.ad_group->grp_mb_list->mb_list);
		    jt != NULL; jt = jt->next) {
			mb = clist_content(jt);
			buf_printf(to, "%s%s", to->len ? "," : "",
			    mb->mb_addr_spec);
		}
	}
}

static void
message_optional_field(struct message_parse *mp, const char *name,
    const char *value)
{
	struct message	*m = mp->msg;
	char		*id, *decoded;

	if (strcasecmp(name, "list-id") == 0 && m->list_id == NULL) {
		/* "Xen developer discussion <xen-devel.lists.xenproject.org>" */
		if (strchr(value, '<') != NULL)
			m->list_id = message_strip_msgid(strchr(value, '<'));
		else
			m->list_id = message_strip_msgid(value);
		text_lower(m->list_id);
	} else if (strcasecmp(name, "auto-submitted") == 0 &&
	    m->auto_submitted == NULL) {
		m->auto_submitted = xstrdup(value);
		text_collapse_ws(m->auto_submitted);
	} else if (strcasecmp(name, "precedence") == 0 &&
	    m->precedence == NULL) {
		m->precedence = xstrdup(value);
		text_collapse_ws(m->precedence);
	} else if (strcasecmp(name, "authentication-results") == 0 &&
	    m->auth_results == NULL) {
		m->auth_results = xstrdup(value);
		text_collapse_ws(m->auth_results);
	} else if (strcasecmp(name, "message-id") == 0 &&
	    m->message_id == NULL) {
		/* Some mailers RFC 2047-encode the whole Message-ID. */
		decoded = strstr(value, "=?") != NULL ?
		    message_decode_words(value) : NULL;
		id = NULL;
		message_scan_ids(decoded != NULL ? decoded : value, &id, m);
		free(decoded);
		m->message_id = id;
	} else if (strcasecmp(name, "in-reply-to") == 0 &&
	    m->in_reply_to == NULL)
		message_scan_ids(value, &m->in_reply_to, m);
	else if (strcasecmp(name, "references") == 0)
		message_scan_ids(value, NULL, m);
}

static void
message_date_field(struct message *m, struct mailimf_orig_date *d)
{
	if (m->date_source == MESSAGE_DATE_HEADER && m->date != 0)
		return;
	if (datetime_from_mailimf(d->dt_date_time, &m->date) == 0)
		m->date_source = MESSAGE_DATE_HEADER;
}

static void
message_field(struct message_parse *mp, struct mailimf_field *f,
    struct buf *to, struct mailimf_mailbox **reply_to)
{
	struct message		*m = mp->msg;
	struct mailimf_mailbox	*mb;
	clistiter		*it;

	switch (f->fld_type) {
	case MAILIMF_FIELD_FROM:
		if (m->from_email == NULL && (mb = message_first_mailbox(
		    f->fld_data.fld_from->frm_mb_list)) != NULL)
			message_set_mailbox(m, mb);
		break;
	case MAILIMF_FIELD_REPLY_TO:
		*reply_to = message_first_address(
		    f->fld_data.fld_reply_to->rt_addr_list);
		break;
	case MAILIMF_FIELD_TO:
		message_add_recipients(to, f->fld_data.fld_to->to_addr_list);
		break;
	case MAILIMF_FIELD_CC:
		message_add_recipients(to, f->fld_data.fld_cc->cc_addr_list);
		break;
	case MAILIMF_FIELD_SUBJECT:
		if (m->subject == NULL)
			m->subject = message_decode_words(
			    f->fld_data.fld_subject->sbj_value);
		break;
	case MAILIMF_FIELD_ORIG_DATE:
		message_date_field(m, f->fld_data.fld_orig_date);
		break;
	case MAILIMF_FIELD_MESSAGE_ID:
		if (m->message_id == NULL)
			m->message_id = message_strip_msgid(
			    f->fld_data.fld_message_id->mid_value);
		break;
	case MAILIMF_FIELD_IN_REPLY_TO:
		it = clist_begin(f->fld_data.fld_in_reply_to->mid_list);
		if (it != NULL && m->in_reply_to == NULL)
			m->in_reply_to = message_strip_msgid(clist_content(it));
		break;
	case MAILIMF_FIELD_REFERENCES:
		for (it = clist_begin(f->fld_data.fld_references->mid_list);
		    it != NULL; it = it->next)
			message_add_ref(m, clist_content(it));
		break;
	case MAILIMF_FIELD_OPTIONAL_FIELD:
		message_optional_field(mp, f->fld_data.fld_optional_field->
		    fld_name, f->fld_data.fld_optional_field->fld_value);
		break;
	}
}

/*
 * Lists rewrite From for DMARC as "Name via List <list@...>" and put the
 * author in Reply-To; give the message back to its author.
 */
static void
message_undo_dmarc(struct message *m, struct mailimf_mailbox *reply_to)
{
	char	*via;

	if (m->from_name == NULL || (via = strstr(m->from_name, " via ")) ==
	    NULL)
		return;
	if (reply_to != NULL)
		message_set_mailbox(m, reply_to);
	else
		*via = '\0';
}

static void
message_fields(struct message_parse *mp, struct mailimf_fields *fields)
{
	struct mailimf_mailbox	*reply_to = NULL;
	struct buf		 to;
	clistiter		*it;
	struct message		*m = mp->msg;

	buf_init(&to);
	for (it = clist_begin(fields->fld_list); it != NULL; it = it->next)
		message_field(mp, clist_content(it), &to, &reply_to);
	message_undo_dmarc(m, reply_to);
	m->to = buf_detach(&to, NULL);
	text_lower(m->to);
	if (m->in_reply_to != NULL && *m->in_reply_to == '\0') {
		free(m->in_reply_to);
		m->in_reply_to = NULL;
	}
	/* In-Reply-To is the parent when References are missing or short. */
	if (m->in_reply_to != NULL && (m->nrefs == 0 ||
	    strcmp(m->refs[m->nrefs - 1], m->in_reply_to) != 0))
		message_add_ref(m, m->in_reply_to);
}

static int
message_is_mime(struct mailmime *mime, int type, const char *subtype)
{
	struct mailmime_content	*ct = mime->mm_content_type;

	if (ct == NULL || ct->ct_type == NULL)
		return (type == MAILMIME_DISCRETE_TYPE_TEXT &&
		    (subtype == NULL || strcasecmp(subtype, "plain") == 0));
	if (ct->ct_type->tp_type != MAILMIME_TYPE_DISCRETE_TYPE ||
	    ct->ct_type->tp_data.tp_discrete_type->dt_type != type)
		return (0);
	return (subtype == NULL || strcasecmp(ct->ct_subtype, subtype) == 0);
}

/* The part's file name from Content-Disposition or Content-Type, or NULL. */
static const char *
message_part_filename(struct mailmime *mime, int *attachment)
{
	struct mailmime_single_fields	sf;

	*attachment = 0;
	if (mime->mm_mime_fields == NULL && mime->mm_content_type == NULL)
		return (NULL);
	mailmime_single_fields_init(&sf, mime->mm_mime_fields,
	    mime->mm_content_type);
	if (sf.fld_disposition != NULL && sf.fld_disposition->dsp_type !=
	    NULL && sf.fld_disposition->dsp_type->dsp_type ==
	    MAILMIME_DISPOSITION_TYPE_ATTACHMENT)
		*attachment = 1;
	if (sf.fld_disposition_filename != NULL)
		return (sf.fld_disposition_filename);
	return (sf.fld_content_name);
}

/*
 * Charsets whose text is 7-bit and still needs converting: UTF-7 writes
 * "> " as "+AD4- ", ISO-2022 switches sets with escapes.  Valid UTF-8 as
 * their bytes are, read as UTF-8 their quotes would be the sender's own.
 */
static int
message_charset_is_shifted(const char *charset)
{
	return (strcasecmp(charset, "utf-7") == 0 ||
	    strcasecmp(charset, "unicode-1-1-utf-7") == 0 ||
	    strncasecmp(charset, "iso-2022-", 9) == 0 ||
	    strcasecmp(charset, "hz-gb-2312") == 0);
}

/* Decoded part text converted to UTF-8, CRLF folded; caller frees. */
static char *
message_part_text(struct message *m, struct mailmime *mime)
{
	struct mailmime_data	*d = mime->mm_data.mm_single;
	const char		*charset;
	char			*dec = NULL, *conv = NULL, *out;
	size_t			 idx = 0, declen, convlen;
	int			 freedec = 0, repaired;

	if (d == NULL || d->dt_type != MAILMIME_DATA_TEXT)
		return (xstrdup(""));
	if (d->dt_encoded && mailmime_part_parse(d->dt_data.dt_text.dt_data,
	    d->dt_data.dt_text.dt_length, &idx, d->dt_encoding, &dec,
	    &declen) == MAILIMF_NO_ERROR)
		freedec = 1;
	else {
		dec = (char *)d->dt_data.dt_text.dt_data;
		declen = d->dt_data.dt_text.dt_length;
	}
	charset = mime->mm_content_type != NULL ?
	    mailmime_content_charset_get(mime->mm_content_type) : "us-ascii";
	if (strcasecmp(charset, "us-ascii") == 0 ||
	    strcasecmp(charset, "utf-8") == 0 ||
	    strcasecmp(charset, "utf8") == 0 ||
	    (!message_charset_is_shifted(charset) &&
	    text_utf8_valid(dec, declen)))
		out = text_utf8_repair(dec, declen, &repaired);
	else if (charconv_buffer("utf-8", charset, dec, declen, &conv,
	    &convlen) == MAIL_CHARCONV_NO_ERROR) {
		out = text_utf8_repair(conv, convlen, &repaired);
		charconv_buffer_free(conv);
	} else {
		/* An unknown charset ("none", "unknown-8bit"): Windows-1252. */
		m->flags |= MESSAGE_BAD_CHARSET;
		if (charconv_buffer("utf-8", "windows-1252", dec, declen, &conv,
		    &convlen) == MAIL_CHARCONV_NO_ERROR) {
			out = text_utf8_repair(conv, convlen, &repaired);
			charconv_buffer_free(conv);
		} else
			out = text_utf8_repair(dec, declen, &repaired);
	}
	if (repaired)
		m->flags |= MESSAGE_BAD_UTF8;
	if (freedec)
		mailmime_decoded_part_free(dec);
	text_crlf_to_lf(out, strlen(out));
	return (out);
}

static const char *message_find_diff(const char *);

/* Attachments larger than this are not read for a diff. */
#define MESSAGE_MAX_ATTACHED_DIFF	(4 * 1024 * 1024)

static int
message_is_patch_name(const char *name)
{
	size_t	len;

	if (name == NULL)
		return (0);
	len = strlen(name);
	return ((len > 6 && strcasecmp(name + len - 6, ".patch") == 0) ||
	    (len > 5 && strcasecmp(name + len - 5, ".diff") == 0));
}

static void
message_append_patch(struct message *m, char *text)
{
	char	*joined;

	if (m->patch == NULL) {
		m->patch = text;
		return;
	}
	joined = xasprintf("%s\n%s", m->patch, text);
	free(m->patch);
	free(text);
	m->patch = joined;
}

/*
 * An attachment of any type whose text is a diff (a patch sent as
 * application/octet-stream, or as "fix.txt") is a patch.  Large parts
 * are images and archives, not patches worth reading.
 */
static void
message_attached_diff(struct message *m, struct mailmime *mime)
{
	struct mailmime_data	*d = mime->mm_data.mm_single;
	char			*text;

	if (d == NULL || d->dt_type != MAILMIME_DATA_TEXT ||
	    d->dt_data.dt_text.dt_length > MESSAGE_MAX_ATTACHED_DIFF ||
	    !(message_is_mime(mime, MAILMIME_DISCRETE_TYPE_TEXT, NULL) ||
	    message_is_mime(mime, MAILMIME_DISCRETE_TYPE_APPLICATION,
	    "octet-stream")))
		return;
	text = message_part_text(m, mime);
	if (message_find_diff(text) != NULL)
		message_append_patch(m, text);
	else
		free(text);
}

static void
message_single(struct message_parse *mp, struct mailmime *mime)
{
	struct message	*m = mp->msg;
	const char	*name;
	int		 attachment;

	name = message_part_filename(mime, &attachment);
	if (message_is_mime(mime, MAILMIME_DISCRETE_TYPE_TEXT, "x-patch") ||
	    message_is_mime(mime, MAILMIME_DISCRETE_TYPE_TEXT, "x-diff") ||
	    message_is_mime(mime, MAILMIME_DISCRETE_TYPE_APPLICATION,
	    "x-patch") || message_is_patch_name(name))
		message_append_patch(m, message_part_text(m, mime));
	else if (message_is_mime(mime, MAILMIME_DISCRETE_TYPE_TEXT, "plain") &&
	    !attachment && m->body == NULL)
		m->body = message_part_text(m, mime);
	else if (message_is_mime(mime, MAILMIME_DISCRETE_TYPE_TEXT, "html") &&
	    !attachment && mp->html == NULL)
		mp->html = message_part_text(m, mime);
	else if (attachment || message_is_mime(mime,
	    MAILMIME_DISCRETE_TYPE_APPLICATION, "octet-stream"))
		message_attached_diff(m, mime);
}

static void
message_walk(struct message_parse *mp, struct mailmime *mime, int depth)
{
	clistiter	*it;

	if (mime == NULL || depth > MESSAGE_MAX_DEPTH)
		return;
	switch (mime->mm_type) {
	case MAILMIME_SINGLE:
		message_single(mp, mime);
		break;
	case MAILMIME_MULTIPLE:
		for (it = clist_begin(mime->mm_data.mm_multipart.mm_mp_list);
		    it != NULL; it = it->next)
			message_walk(mp, clist_content(it), depth + 1);
		break;
	case MAILMIME_MESSAGE:
		/* Only the top level; forwarded messages are not the body. */
		if (depth == 0)
			message_walk(mp, mime->mm_data.mm_message.mm_msg_mime,
			    depth + 1);
		break;
	}
}

/* Offset of an inline diff in body: "diff --git", or "--- "/"+++ "/"@@". */
static const char *
message_find_diff(const char *body)
{
	const char	*p = body, *next;

	while (*p != '\0') {
		next = strchr(p, '\n');
		next = next == NULL ? p + strlen(p) : next + 1;
		if (strncmp(p, "diff --git ", 11) == 0 ||
		    strncmp(p, "Index: ", 7) == 0)
			return (p);
		if (strncmp(p, "--- ", 4) == 0 && strncmp(next, "+++ ", 4) == 0) {
			const char *third = strchr(next, '\n');

			if (third != NULL && strncmp(third + 1, "@@ ", 3) == 0)
				return (p);
		}
		p = next;
	}
	return (NULL);
}

static void
message_fallback_date(struct message_parse *mp, const struct message_env *env)
{
	struct message	*m = mp->msg;
	const char	*semi;
	char		*value;
	time_t		 t;

	if (m->date_source == MESSAGE_DATE_HEADER && m->date != 0)
		return;
	m->flags |= MESSAGE_BAD_DATE;
	if (mp->received != NULL) {
		value = xstrndup(mp->received, mp->received_len);
		semi = strrchr(value, ';');
		if (semi != NULL && datetime_parse_loose(semi + 1, &t) == 0) {
			m->date = t;
			m->date_source = MESSAGE_DATE_RECEIVED;
			free(value);
			return;
		}
		free(value);
	}
	if (env != NULL && env->envelope_date > 0) {
		m->date = env->envelope_date;
		m->date_source = MESSAGE_DATE_ENVELOPE;
	} else {
		m->date = env != NULL ? env->arrival : 0;
		m->date_source = MESSAGE_DATE_ARRIVAL;
	}
}

/* A Date: that libetpan refused, read loosely before other fallbacks. */
static void
message_repair_date(struct message *m, const char *raw, size_t len)
{
	const char	*p = raw, *end = raw + len, *next;
	char		*value;
	time_t		 t;

	while (p < end && *p != '\n' && *p != '\r') {
		next = message_next_line(p, end);
		/* The bytes are not NUL-terminated: mind the end. */
		if (next - p >= 5 && strncasecmp(p, "date:", 5) == 0) {
			value = xstrndup(p + 5, (size_t)(next - p - 5));
			if (datetime_parse_loose(value, &t) == 0) {
				m->date = t;
				m->date_source = MESSAGE_DATE_REPAIRED;
				m->flags |= MESSAGE_BAD_DATE;
			}
			free(value);
			return;
		}
		p = next;
	}
}

static void
message_finish(struct message_parse *mp, const char *raw, size_t len,
    const struct message_env *env)
{
	struct message	*m = mp->msg;
	const char	*diff;
	char		 hex[65];

	if (m->message_id == NULL || *m->message_id == '\0') {
		free(m->message_id);
		text_sha256_hex(raw, len, hex);
		m->message_id = xasprintf("%.32s@pvbot.invalid", hex);
		m->flags |= MESSAGE_NO_MSGID;
	}
	if (m->date_source != MESSAGE_DATE_HEADER || m->date == 0)
		message_repair_date(m, raw, len);
	if (m->date_source != MESSAGE_DATE_REPAIRED)
		message_fallback_date(mp, env);
	if (m->body == NULL && mp->html != NULL) {
		m->body = html_to_text(mp->html, strlen(mp->html));
		m->flags |= MESSAGE_HTML_ONLY;
	}
	if (m->body == NULL)
		m->body = xstrdup("");
	if (m->patch == NULL && (diff = message_find_diff(m->body)) != NULL)
		m->patch = xstrdup(diff);
	if (m->subject == NULL)
		m->subject = xstrdup("");
	if (m->from_name == NULL)
		m->from_name = xstrdup("");
	if (m->from_email == NULL)
		m->from_email = xstrdup("");
	if (m->to == NULL)
		m->to = xstrdup("");
}

/* True when word (lower case) is in p[0..end), ignoring case. */
static int
message_has_word(const char *p, const char *end, const char *word)
{
	size_t	len = strlen(word);

	for (; (size_t)(end - p) >= len; p++)
		if (tolower((unsigned char)*p) == *word &&
		    strncasecmp(p, word, len) == 0)
			return (1);
	return (0);
}

/*
 * libetpan parses nested multiparts recursively and rescans the rest of
 * the message at every level: 10,000 levels take seconds, 100,000 minutes,
 * and deeper ones overflow the stack.  Count the Content-Type fields that
 * open a container (multipart, message), continuation lines included,
 * before handing the bytes over, up to max + 1.  Real mail has a handful.
 */
static size_t
message_containers(const char *p, const char *end, size_t max)
{
	const char	*next, *v;
	size_t		 n = 0;
	int		 in_type = 0;

	for (; p < end; p = next) {
		next = message_next_line(p, end);
		if (*p == ' ' || *p == '\t')
			v = p;
		else if ((size_t)(next - p) > 12 &&
		    strncasecmp(p, "content-type", 12) == 0) {
			/* libetpan allows blanks before the colon. */
			v = p + 12 + strspn(p + 12, " \t");
			in_type = v < next && *v == ':';
		} else
			in_type = 0;
		if (in_type && (message_has_word(v, next, "multipart") ||
		    message_has_word(v, next, "message")) && ++n > max)
			break;
	}
	return (n);
}

/*
 * Too many containers for libetpan.  A message whose own header opens
 * none has its body read as one part, whatever it holds: most mail, and
 * then the body need not be scanned.
 */
static int
message_too_nested(const char *hdr, size_t hdrlen, const char *all,
    size_t len)
{
	if (message_containers(hdr, hdr + hdrlen, 0) == 0)
		return (0);
	return (message_containers(all, all + len, MESSAGE_MAX_CONTAINERS) >
	    MESSAGE_MAX_CONTAINERS);
}

/* MIME unreadable: take the header fields alone and the body as it is. */
static void
message_parse_plain(struct message_parse *mp, const char *filtered,
    size_t hdrlen, const char *body, size_t bodylen)
{
	struct mailimf_fields	*fields;
	size_t			 idx = 0;

	mp->msg->flags |= MESSAGE_BAD_MIME;
	if (mailimf_fields_parse(filtered, hdrlen, &idx, &fields) ==
	    MAILIMF_NO_ERROR) {
		message_fields(mp, fields);
		mailimf_fields_free(fields);
	}
	mp->msg->body = text_utf8_repair(body, bodylen, NULL);
	text_crlf_to_lf(mp->msg->body, strlen(mp->msg->body));
}

int
message_parse(const char *raw, size_t len, const struct message_env *env,
    struct message **out, char **cause)
{
	struct message_parse	 mp;
	struct mailmime		*mime = NULL;
	struct buf		 filtered;
	const char		*body;
	size_t			 nfields, idx = 0, hdrlen;

	memset(&mp, 0, sizeof mp);
	buf_init(&filtered);
	body = message_filter_headers(&mp, raw, len, &filtered, &nfields);
	if (body == NULL || nfields == 0) {
		*cause = xstrdup("no mail header (not a message)");
		buf_release(&filtered);
		return (-1);
	}
	mp.msg = xcalloc(1, sizeof *mp.msg);
	hdrlen = filtered.len;
	buf_add(&filtered, "\n", 1);
	buf_add(&filtered, body, (size_t)(raw + len - body));
	if (!message_too_nested(filtered.data, hdrlen, filtered.data,
	    filtered.len) &&
	    mailmime_parse(filtered.data, filtered.len, &idx, &mime) ==
	    MAILIMF_NO_ERROR && mime->mm_type == MAILMIME_MESSAGE &&
	    mime->mm_data.mm_message.mm_fields != NULL) {
		message_fields(&mp, mime->mm_data.mm_message.mm_fields);
		message_walk(&mp, mime, 0);
	} else
		message_parse_plain(&mp, filtered.data, hdrlen, body,
		    (size_t)(raw + len - body));
	if (mime != NULL)
		mailmime_free(mime);
	message_finish(&mp, raw, len, env);
	free(mp.html);
	buf_release(&filtered);
	*out = mp.msg;
	return (0);
}

void
message_free(struct message *m)
{
	size_t	i;

	if (m == NULL)
		return;
	free(m->message_id);
	free(m->from_name);
	free(m->from_email);
	free(m->subject);
	free(m->in_reply_to);
	for (i = 0; i < m->nrefs; i++)
		free(m->refs[i]);
	free(m->refs);
	free(m->list_id);
	free(m->auto_submitted);
	free(m->precedence);
	free(m->auth_results);
	free(m->to);
	free(m->body);
	free(m->patch);
	free(m);
}

int
message_is_automatic(const struct message *m)
{
	return (m->auto_submitted != NULL &&
	    strncasecmp(m->auto_submitted, "no", 2) != 0);
}

int
message_is_bulk(const struct message *m)
{
	const char	*p = m->precedence;

	return (m->list_id != NULL || (p != NULL &&
	    (strncasecmp(p, "bulk", 4) == 0 || strncasecmp(p, "junk", 4) == 0 ||
	    strncasecmp(p, "list", 4) == 0)));
}
