/*
 * The HTML the dashboard's pages share: the style sheet, escaping, links
 * into the archive, times, badges, the head and foot of a page.  State
 * and verdict are always written as words; colour only repeats them.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <jansson.h>

#include "buf.h"
#include "datetime.h"
#include "report.h"
#include "report-html.h"
#include "text.h"
#include "view.h"
#include "xmalloc.h"

static const char report_html_css[] =
	":root{--fg:#1b1b1b;--bg:#fff;--muted:#555;--line:#ccc;"
	"--accent:#0b57a4}\n"
	"*{box-sizing:border-box}\n"
	"body{margin:0;font:16px/1.5 system-ui,-apple-system,'Segoe UI',"
	"Roboto,sans-serif;color:var(--fg);background:var(--bg)}\n"
	"header,main,footer,nav{max-width:70rem;margin:0 auto;"
	"padding:0 1rem}\n"
	"header{padding-top:1rem}\n"
	"h1{font-size:1.6rem;margin:.2rem 0}\n"
	"h2{font-size:1.3rem;margin-top:2rem;border-bottom:1px solid "
	"var(--line)}\n"
	"h3{font-size:1.1rem;margin:1.5rem 0 .3rem}\n"
	"a{color:var(--accent)}\n"
	"a:focus{outline:2px solid var(--accent);outline-offset:2px}\n"
	".site{margin:0;color:var(--muted)}\n"
	"nav ul{list-style:none;padding:0;display:flex;flex-wrap:wrap;"
	"gap:.3rem 1.2rem}\n"
	".scroll,.tl{overflow-x:auto}\n"
	"table{border-collapse:collapse;width:100%;margin:.5rem 0}\n"
	"caption{text-align:left;color:var(--muted);padding:.2rem 0}\n"
	"th,td{border-bottom:1px solid var(--line);padding:.35rem .5rem;"
	"text-align:left;vertical-align:top}\n"
	"thead th{border-bottom:2px solid var(--fg)}\n"
	"td.num{text-align:right;font-variant-numeric:tabular-nums}\n"
	".title{color:var(--muted);font-weight:normal}\n"
	".badge{display:inline-block;padding:0 .45rem;border:1px solid;"
	"border-radius:.3rem;font-weight:600;white-space:nowrap}\n"
	".s-ok{color:#1d5e20;background:#e8f3e8}\n"
	".s-ripe{color:#6b3f00;background:#fff1d6}\n"
	".s-blocked{color:#8a1c1c;background:#fde8e8}\n"
	".s-stalled{color:#444;background:#eee;border-style:dashed}\n"
	".v-waiting{color:#0b4f8a;background:#e6f0fa}\n"
	".v-objected{color:#8a1c1c;background:#fde8e8}\n"
	".v-stale-objection{color:#6b3f00;background:#fff1d6}\n"
	".v-needs-review{color:#6b3f00;background:#fff1d6;"
	"border-style:dashed}\n"
	".v-changes-requested{color:#8a1c1c;background:#fde8e8;"
	"border-style:dashed}\n"
	".v-consensus{color:#1d5e20;background:#e8f3e8}\n"
	".v-failed{color:#8a1c1c;background:#fde8e8;border-style:double}\n"
	".v-superseded{color:#555;background:#f2f2f2;border-style:dashed}\n"
	".v-committed{color:#1d5e20;background:#d7ecd7;border-width:2px}\n"
	"dl.facts{display:grid;grid-template-columns:max-content 1fr;"
	"gap:.2rem 1rem}\n"
	"dl.facts dt{font-weight:600}\n"
	"dl.facts dd{margin:0}\n"
	"ul.proposals{padding-left:1.2rem}\n"
	"ul.proposals li{margin:.3rem 0}\n"
	".legend{color:var(--muted);font-size:.9rem}\n"
	"figure{margin:.5rem 0}\n"
	".tl svg{display:block;min-width:40rem;width:100%;height:auto}\n"
	"svg text{font:11px sans-serif;fill:#333}\n"
	"svg .axis,svg .bar{stroke:#999;stroke-width:1}\n"
	"svg .bar{stroke-width:3;stroke:#c8d6e5}\n"
	"svg .now{stroke:#333;stroke-dasharray:4 3}\n"
	"svg .deadline{stroke:#8a1c1c;stroke-width:2}\n"
	"svg .mark{stroke:#1b1b1b;stroke-width:1.5}\n"
	"svg .posted{fill:#fff}\n"
	"svg .objection{fill:#d9534f}\n"
	"svg .stale{fill:#f0ad4e}\n"
	"svg .promotion{fill:#0b57a4}\n"
	"svg .verdict{fill:#777}\n"
	"svg .verdict.v-consensus,svg .verdict.v-committed{fill:#2e7d32}\n"
	"svg .verdict.v-objected,svg .verdict.v-failed{fill:#c62828}\n"
	"svg .verdict.v-waiting{fill:#1565c0}\n"
	"svg .verdict.v-stale-objection{fill:#ef6c00}\n"
	"svg .verdict.v-needs-review{fill:#ef6c00}\n"
	"svg .verdict.v-changes-requested{fill:#c62828}\n"
	"footer{color:var(--muted);font-size:.9rem;margin-top:2rem;"
	"padding-bottom:2rem}\n"
	"code{overflow-wrap:anywhere}\n"
	"@media (max-width:40rem){body{font-size:15px}"
	"dl.facts{grid-template-columns:1fr}dl.facts dd{margin-bottom:.4rem}"
	"table.stack thead{position:absolute;width:1px;height:1px;"
	"overflow:hidden;clip:rect(0 0 0 0)}"
	"table.stack tr{display:block;border-bottom:1px solid var(--line);"
	"padding:.4rem 0}"
	"table.stack th,table.stack td{display:block;border:0;padding:.1rem 0;"
	"text-align:left;overflow-wrap:anywhere}"
	"table.stack td[data-label]::before{content:attr(data-label) \": \";"
	"font-weight:600}"
	"table.stack td:empty{display:none}}\n";

/*
 * Escape text for HTML and XML alike.  What XML 1.0 forbids cannot stand
 * in the feed (U+FFFE in a subject made it unreadable): a C0 control is
 * dropped, U+FFFE, U+FFFF and bytes that are not UTF-8 become U+FFFD.
 */
void
report_html_escape(struct buf *b, const char *s)
{
	const char	*p, *end;
	size_t		 n;

	if (s == NULL)
		return;
	for (p = s, end = s + strlen(s); p < end; p += n) {
		n = 1;
		switch (*p) {
		case '&': buf_addstr(b, "&amp;"); continue;
		case '<': buf_addstr(b, "&lt;"); continue;
		case '>': buf_addstr(b, "&gt;"); continue;
		case '"': buf_addstr(b, "&quot;"); continue;
		case '\'': buf_addstr(b, "&#39;"); continue;
		}
		if (text_xml_char(p, (size_t)(end - p), &n))
			buf_add(b, p, n);
		else if ((unsigned char)*p >= 0x20)
			buf_addstr(b, "\xef\xbf\xbd");
	}
}

/* Percent-encode what may not stand in a URL path segment as it is. */
static void
report_html_url_part(struct buf *b, const char *s)
{
	static const char	 keep[] = "-._~!$&'()*+,;=:@";
	const unsigned char	*p;

	for (p = (const unsigned char *)s; *p != '\0'; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || strchr(keep, *p) != NULL)
			buf_addch(b, (char)*p);
		else
			buf_printf(b, "%%%02X", *p);
	}
}

/* A time element: machine-readable attribute, readable text. */
void
report_html_time(struct buf *b, time_t t)
{
	char	iso[32];

	datetime_format_iso(t, iso, sizeof iso);
	buf_printf(b, "<time datetime=\"%s\">%.10s %.5s UTC</time>", iso, iso,
	    iso + 11);
}

void
report_html_badge(struct buf *b, const char *prefix, const char *word)
{
	buf_printf(b, "<span class=\"badge %s", prefix);
	report_html_escape(b, word);
	buf_addstr(b, "\">");
	report_html_escape(b, word);
	buf_addstr(b, "</span>");
}

/* A message as a link into the archive, or as plain text without one. */
void
report_html_msg_link(const struct report *r, struct buf *b, const char *msgid,
    const char *text)
{
	struct buf	u;

	if (r->archive_url == NULL || *r->archive_url == '\0') {
		buf_addstr(b, "<code>");
		report_html_escape(b, text);
		buf_addstr(b, "</code>");
		return;
	}
	buf_init(&u);
	buf_addstr(&u, r->archive_url);
	report_html_url_part(&u, msgid);
	buf_addstr(b, "<a href=\"");
	report_html_escape(b, u.data);
	buf_addstr(b, "/\">");
	report_html_escape(b, text);
	buf_addstr(b, "</a>");
	buf_release(&u);
}

void
report_html_commit_link(struct buf *b, const char *oid, const char *url)
{
	if (url != NULL && *url != '\0') {
		buf_addstr(b, "<a href=\"");
		report_html_escape(b, url);
		buf_addstr(b, "\" title=\"");
	} else
		buf_addstr(b, "<span title=\"");
	report_html_escape(b, oid);
	buf_printf(b, "\"><code>%.12s</code></%s>", oid, url != NULL &&
	    *url != '\0' ? "a" : "span");
}

void
report_html_head(struct buf *b, const char *title, const char *up)
{
	buf_addstr(b, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n"
	    "<meta charset=\"utf-8\">\n<meta name=\"viewport\" "
	    "content=\"width=device-width, initial-scale=1\">\n<title>");
	report_html_escape(b, title);
	buf_printf(b, "</title>\n<link rel=\"alternate\" "
	    "type=\"application/atom+xml\" title=\"pvbot decisions\" "
	    "href=\"%sfeed.atom\">\n<style>\n%s</style>\n</head>\n<body>\n",
	    up, report_html_css);
}

void
report_html_foot(const struct report *r, struct buf *b, const char *up)
{
	buf_addstr(b, "<footer>\n<p>Written by pvbot ");
	report_html_escape(b, r->version);
	buf_addstr(b, " as of ");
	report_html_time(b, r->view->now);
	buf_printf(b, ". Decisions as an <a href=\"%sfeed.atom\">Atom "
	    "feed</a>.</p>\n</footer>\n</body>\n</html>\n", up);
}

/* A JSON detail's string member, or "" when absent. */
const char *
report_html_str(json_t *o, const char *key)
{
	const char	*s = json_string_value(json_object_get(o, key));

	return (s != NULL ? s : "");
}
