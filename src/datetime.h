/* Dates and durations: tolerant RFC 5322 parsing, ISO 8601, "7d". Pure. */
#ifndef DATETIME_H
#define DATETIME_H

#include <time.h>

struct mailimf_date_time;

/* Seconds since the epoch for a UTC civil date and time. */
time_t	datetime_from_civil(int year, int mon, int day, int hour, int min,
	    int sec);
/*
 * Convert libetpan's parsed date to UTC.  Returns -1 when a field is out of
 * range (year before 1970 or after 2200, month 13, ...), else 0.
 */
int	datetime_from_mailimf(const struct mailimf_date_time *,
	    time_t * /* OUT */);
/*
 * Parse a date the way broken mailers write it: missing or named zones,
 * two-digit years, no weekday comma, asctime order, ISO forms.
 * Returns 0 and sets *out, or -1 if nothing date-like is found.
 */
int	datetime_parse_loose(const char *, time_t * /* OUT */);
/* Format t as "YYYY-MM-DDTHH:MM:SSZ" into out (at least 21 bytes). */
void	datetime_format_iso(time_t, char * /* OUT */, size_t);
/*
 * Parse a user-given time: ISO 8601 ("2026-11-25", "2026-11-25T10:00Z",
 * "2026-11-25 10:00:00"), "@EPOCH", or anything datetime_parse_loose takes.
 */
int	datetime_parse_user(const char *, time_t * /* OUT */);
/* Parse a duration: "90", "36h", "7d", "2w", "1d12h". -1 if malformed. */
int	datetime_parse_duration(const char *, long * /* OUT seconds */);
/* Write a duration in its largest exact unit ("7d", "36h"). */
void	datetime_format_duration(long, char * /* OUT */, size_t);

#endif
