/*
 * One mail message parsed with libetpan (mailimf/mailmime) into the fields
 * pvbot uses.  Pure: no I/O.
 */
#ifndef MESSAGE_H
#define MESSAGE_H

#include <stddef.h>
#include <time.h>

/* Where the message's date came from (stored; order is by trust). */
enum message_date_source {
	MESSAGE_DATE_HEADER = 0,	/* a valid Date: header */
	MESSAGE_DATE_REPAIRED,		/* a broken Date: header, read loosely */
	MESSAGE_DATE_RECEIVED,		/* the newest Received: header */
	MESSAGE_DATE_ENVELOPE,		/* the mbox From_ line or Maildir name */
	MESSAGE_DATE_ARRIVAL		/* the time pvbot saw it */
};

/* Problems found and worked around; each message keeps them as flags. */
#define MESSAGE_BAD_CHARSET	0x01	/* unknown charset, read as UTF-8/Latin-1 */
#define MESSAGE_BAD_UTF8	0x02	/* invalid UTF-8 repaired with U+FFFD */
#define MESSAGE_NO_MSGID	0x04	/* Message-ID synthesized from the bytes */
#define MESSAGE_BAD_DATE	0x08	/* Date missing or unparseable */
#define MESSAGE_HTML_ONLY	0x10	/* body reduced from text/html */
#define MESSAGE_BAD_MIME	0x20	/* MIME structure unreadable, body raw */

/* What the source knows about a message besides its bytes. */
struct message_env {
	time_t	 envelope_date;		/* From_ line or Maildir time, or 0 */
	time_t	 arrival;		/* when pvbot read it */
};

struct message {
	char	 *message_id;		/* without angle brackets */
	char	 *from_name;		/* UTF-8, may be empty */
	char	 *from_email;		/* lower-cased, may be empty */
	char	 *subject;		/* UTF-8, unfolded */
	time_t	  date;			/* UTC */
	int	  date_source;		/* enum message_date_source */
	char	 *in_reply_to;		/* first In-Reply-To id, or NULL */
	char	**refs;			/* References, then In-Reply-To */
	size_t	  nrefs;
	char	 *list_id;		/* List-Id id part, or NULL */
	char	 *auto_submitted;	/* Auto-Submitted value, or NULL */
	char	 *precedence;		/* Precedence value, or NULL */
	char	 *auth_results;		/* Authentication-Results, or NULL */
	char	 *to;			/* To and Cc addresses, comma-joined */
	char	 *body;			/* decoded UTF-8 text, LF line ends */
	char	 *patch;		/* attached patch text, or NULL */
	int	  flags;		/* MESSAGE_* */
};

/* Messages are refused past this many References (hostile input). */
#define MESSAGE_MAX_REFS	256

/*
 * Parse raw[0..len).  On success returns 0 and a message in *out that the
 * caller frees with message_free.  Returns -1 with *cause set when the bytes
 * hold no mail header at all.
 */
int	 message_parse(const char *, size_t, const struct message_env *,
	    struct message ** /* OUT */, char ** /* OUT cause */);
void	 message_free(struct message *);
/* True when the message was sent by a machine (RFC 3834 Auto-Submitted). */
int	 message_is_automatic(const struct message *);
/*
 * True for mail sent in bulk, which RFC 3834 says no automatic reply may
 * answer: Precedence bulk, junk or list, or mail a list delivered.
 */
int	 message_is_bulk(const struct message *);

#endif
