/* Pure text helpers: UTF-8 repair, whitespace, case, hashing. */
#ifndef TEXT_H
#define TEXT_H

#include <stddef.h>

/* True when s[0..len) is valid UTF-8 without NUL bytes. */
int	 text_utf8_valid(const char *, size_t);
/*
 * Copy s[0..len) replacing each invalid UTF-8 sequence with U+FFFD and
 * dropping NUL bytes.  *repaired (may be NULL) is set when anything changed.
 * The result is the caller's to free.
 */
char	*text_utf8_repair(const char *, size_t, int * /* OUT */);
/* Collapse runs of white space into one space and trim both ends, in place. */
void	 text_collapse_ws(char *);
/* Turn CRLF into LF in place; returns the new length. */
size_t	 text_crlf_to_lf(char *, size_t);
/* Lower-case ASCII letters in place. */
void	 text_lower(char *);
/*
 * A display name in Outlook's "Last, First" as "First Last": s (the
 * caller's, allocated) is returned, or freed and a new string returned.
 */
char	*text_first_last(char *);
/* Hex SHA-256 of the bytes into out (65 bytes). */
void	 text_sha256_hex(const void *, size_t, char out[65]);
/*
 * The character at p (left bytes on): its length in *len (1 for a byte
 * that starts no valid UTF-8 sequence), and whether XML 1.0 allows it --
 * not a C0 control other than tab, LF and CR, not U+FFFE or U+FFFF, not
 * invalid UTF-8 (surrogates, overlong forms).
 */
int	 text_xml_char(const char *, size_t, size_t * /* OUT */);
/* True when s begins with prefix, ignoring ASCII case. */
int	 text_has_prefix_ci(const char *, const char *);

#endif
