/* HTML reduced to plain text with libxml2's HTML parser. Pure. */
#ifndef HTML_H
#define HTML_H

#include <stddef.h>

/*
 * Reduce an HTML document (UTF-8) to text: block elements end lines,
 * <blockquote> becomes "> " quoting so quoted text stays recognisable, as
 * do the quotes and forwards that clients mark otherwise (Outlook's
 * divRplyFwdMsg and all after it, Gmail's gmail_quote, ...); script and
 * style are dropped.  The result is the caller's to free.
 */
char	*html_to_text(const char *, size_t);

#endif
