/* Dates and durations. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libetpan/mailimf_types.h>

#include "datetime.h"

static const char *datetime_months[] = {
	"jan", "feb", "mar", "apr", "may", "jun",
	"jul", "aug", "sep", "oct", "nov", "dec"
};

/* Named zones seen in real mail, in minutes east of UTC. */
static const struct {
	const char	*name;
	int		 minutes;
} datetime_zones[] = {
	{ "ut", 0 }, { "utc", 0 }, { "gmt", 0 }, { "z", 0 }, { "wet", 0 },
	{ "bst", 60 }, { "cet", 60 }, { "met", 60 }, { "mez", 60 },
	{ "cest", 120 }, { "mest", 120 }, { "eet", 120 }, { "eest", 180 },
	{ "msk", 180 }, { "ist", 330 }, { "cst", -360 }, { "cdt", -300 },
	{ "est", -300 }, { "edt", -240 }, { "mst", -420 }, { "mdt", -360 },
	{ "pst", -480 }, { "pdt", -420 }, { "jst", 540 }, { "kst", 540 },
	{ "aest", 600 }, { "aedt", 660 }, { "nzst", 720 }, { "nzdt", 780 },
	{ "hkt", 480 }, { "sgt", 480 },
};

/* Days from 1970-01-01 to the civil date (Howard Hinnant's algorithm). */
static long
datetime_days_from_civil(long y, int m, int d)
{
	long		era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return (era * 146097 + doe - 719468);
}

time_t
datetime_from_civil(int year, int mon, int day, int hour, int min, int sec)
{
	return ((time_t)datetime_days_from_civil(year, mon, day) * 86400 +
	    hour * 3600 + min * 60 + sec);
}

static int
datetime_valid(int year, int mon, int day, int hour, int min, int sec)
{
	return (year >= 1970 && year <= 2200 && mon >= 1 && mon <= 12 &&
	    day >= 1 && day <= 31 && hour >= 0 && hour <= 24 && min >= 0 &&
	    min <= 59 && sec >= 0 && sec <= 61);
}

int
datetime_from_mailimf(const struct mailimf_date_time *dt, time_t *out)
{
	int	zone, minutes, year = dt->dt_year;

	/* RFC 5322 obsolete two- and three-digit years. */
	if (year < 50)
		year += 2000;
	else if (year < 1000)
		year += 1900;
	if (!datetime_valid(year, dt->dt_month, dt->dt_day, dt->dt_hour,
	    dt->dt_min, dt->dt_sec))
		return (-1);
	zone = dt->dt_zone;
	if (zone < -2400 || zone > 2400)
		return (-1);
	minutes = (abs(zone) / 100) * 60 + abs(zone) % 100;
	if (zone < 0)
		minutes = -minutes;
	*out = datetime_from_civil(year, dt->dt_month, dt->dt_day,
	    dt->dt_hour, dt->dt_min, dt->dt_sec) - (time_t)minutes * 60;
	return (0);
}

struct datetime_parts {
	int	year, mon, day, hour, min, sec;
	int	zone;		/* minutes east of UTC */
	int	have_time, have_zone;
};

/* A decimal prefix of s; atoi without its undefined overflow. */
static int
datetime_int(const char *s)
{
	long	v = strtol(s, NULL, 10);

	return (v > 100000 || v < -100000 ? -1 : (int)v);
}

static int
datetime_month(const char *tok)
{
	size_t	i;

	if (strlen(tok) < 3)
		return (0);
	for (i = 0; i < 12; i++)
		if (strncasecmp(tok, datetime_months[i], 3) == 0)
			return ((int)i + 1);
	return (0);
}

/* "+0100", "-05:30", "GMT+0100", "UTC-5"; returns 0 if tok is a zone. */
static int
datetime_numeric_zone(const char *tok, int *minutes)
{
	int	sign, h, m = 0, n;

	if (strncasecmp(tok, "gmt", 3) == 0 || strncasecmp(tok, "utc", 3) == 0)
		tok += 3;
	if (*tok != '+' && *tok != '-')
		return (-1);
	sign = *tok == '-' ? -1 : 1;
	tok++;
	n = (int)strspn(tok, "0123456789");
	if (n == 4 && tok[4] == '\0') {
		h = (tok[0] - '0') * 10 + tok[1] - '0';
		m = (tok[2] - '0') * 10 + tok[3] - '0';
	} else if (n >= 1 && n <= 2 && (tok[n] == '\0' || tok[n] == ':')) {
		h = datetime_int(tok);
		if (tok[n] == ':')
			m = datetime_int(tok + n + 1);
	} else
		return (-1);
	if (h > 14 || m > 59)
		return (-1);
	*minutes = sign * (h * 60 + m);
	return (0);
}

static int
datetime_named_zone(const char *tok, int *minutes)
{
	size_t	i;

	for (i = 0; i < sizeof datetime_zones / sizeof datetime_zones[0]; i++) {
		if (strcasecmp(tok, datetime_zones[i].name) == 0) {
			*minutes = datetime_zones[i].minutes;
			return (0);
		}
	}
	return (-1);
}

/*
 * Read one to max digits at s into *v; the number of digits read, 0 when
 * s does not start with one.  (sscanf did this, at a tenth of the speed,
 * for every word of every date.)
 */
static int
datetime_digits(const char *s, int max, int *v)
{
	int	n;

	*v = 0;
	for (n = 0; n < max && isdigit((unsigned char)s[n]); n++)
		*v = *v * 10 + (s[n] - '0');
	return (n);
}

/* "H:M" or "H:M:S", one or two digits each; the length read, or 0. */
static int
datetime_clock(const char *tok, int *h, int *m, int *s)
{
	int	n, k;

	*s = 0;
	if ((n = datetime_digits(tok, 2, h)) == 0 || tok[n] != ':' ||
	    (k = datetime_digits(tok + n + 1, 2, m)) == 0)
		return (0);
	n += 1 + k;
	if (tok[n] == ':' && (k = datetime_digits(tok + n + 1, 2, s)) > 0)
		n += 1 + k;
	return (n);
}

/* "15:29", "15:29:12", "5.29.12"; returns 0 if tok is a time of day. */
static int
datetime_time(const char *tok, struct datetime_parts *p)
{
	int	h, m, s, n;

	if ((n = datetime_clock(tok, &h, &m, &s)) > 0) {
		if (tok[n] != '\0' && tok[n] != '.' && tok[n] != 'Z' &&
		    tok[n] != '+' && tok[n] != '-')
			return (-1);
		p->hour = h;
		p->min = m;
		p->sec = s;
		p->have_time = 1;
		/* ISO "10:00:00Z" or "10:00:00+01:00" carries the zone. */
		if (tok[n] == 'Z') {
			p->zone = 0;
			p->have_zone = 1;
		} else if (tok[n] == '+' || tok[n] == '-') {
			if (datetime_numeric_zone(tok + n, &p->zone) == 0)
				p->have_zone = 1;
		}
		return (0);
	}
	return (-1);
}

/* "2019-04-30" or "2019/04/30". */
static int
datetime_iso_date(const char *tok, struct datetime_parts *p)
{
	int	y, m, d, n, k;
	char	sep;

	if ((n = datetime_digits(tok, 4, &y)) == 0 ||
	    ((sep = tok[n]) != '-' && sep != '/') ||
	    (k = datetime_digits(tok + n + 1, 2, &m)) == 0)
		return (-1);
	n += 1 + k;
	if (tok[n] != sep || (k = datetime_digits(tok + n + 1, 2, &d)) == 0)
		return (-1);
	n += 1 + k;
	if (n >= 8) {
		p->year = y;
		p->mon = m;
		p->day = d;
		if (tok[n] == 'T' || tok[n] == 't')
			datetime_time(tok + n + 1, p);
		return (0);
	}
	return (-1);
}

static void
datetime_number(const char *tok, struct datetime_parts *p)
{
	size_t	len = strlen(tok);
	int	v = datetime_int(tok);

	if (strspn(tok, "0123456789") != len)
		return;
	if (len == 4 && p->year == 0)
		p->year = v;
	else if (len <= 2 && p->day == 0 && v >= 1 && v <= 31)
		p->day = v;
	else if (len <= 2 && p->year == 0)
		p->year = v < 50 ? 2000 + v : 1900 + v;
}

static void
datetime_token(char *tok, struct datetime_parts *p)
{
	int	m;

	if (*tok == '\0' || *tok == '(')
		return;
	if (p->year == 0 && datetime_iso_date(tok, p) == 0)
		return;
	if (!p->have_time && datetime_time(tok, p) == 0)
		return;
	if (!p->have_zone && (datetime_numeric_zone(tok, &p->zone) == 0 ||
	    datetime_named_zone(tok, &p->zone) == 0)) {
		p->have_zone = 1;
		return;
	}
	if (p->mon == 0 && isalpha((unsigned char)*tok) &&
	    (m = datetime_month(tok)) != 0) {
		p->mon = m;
		return;
	}
	if (isdigit((unsigned char)*tok))
		datetime_number(tok, p);
}

int
datetime_parse_loose(const char *s, time_t *out)
{
	struct datetime_parts	 p;
	char			 copy[256], *tok, *save;

	memset(&p, 0, sizeof p);
	snprintf(copy, sizeof copy, "%s", s);
	/* Comments like "(CEST)" carry nothing we trust; drop them. */
	if ((tok = strchr(copy, '(')) != NULL)
		*tok = '\0';
	for (tok = strtok_r(copy, " \t\r\n,", &save); tok != NULL;
	    tok = strtok_r(NULL, " \t\r\n,", &save))
		datetime_token(tok, &p);
	if (p.year == 0 || p.mon == 0 || p.day == 0)
		return (-1);
	if (!datetime_valid(p.year, p.mon, p.day, p.hour, p.min, p.sec))
		return (-1);
	*out = datetime_from_civil(p.year, p.mon, p.day, p.hour, p.min,
	    p.sec) - (time_t)p.zone * 60;
	return (0);
}

void
datetime_format_iso(time_t t, char *out, size_t len)
{
	struct tm	tm;

	gmtime_r(&t, &tm);
	strftime(out, len, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

int
datetime_parse_user(const char *s, time_t *out)
{
	char	*end;
	long long v;

	if (*s == '@') {
		v = strtoll(s + 1, &end, 10);
		if (end == s + 1 || *end != '\0')
			return (-1);
		*out = (time_t)v;
		return (0);
	}
	return (datetime_parse_loose(s, out));
}

int
datetime_parse_duration(const char *s, long *out)
{
	long	total = 0, v;
	char	*end;

	if (*s == '\0')
		return (-1);
	while (*s != '\0') {
		if (!isdigit((unsigned char)*s))
			return (-1);
		v = strtol(s, &end, 10);
		if (v < 0 || v > 100000000L)
			return (-1);
		switch (*end) {
		case 'w': v *= 7 * 86400; end++; break;
		case 'd': v *= 86400; end++; break;
		case 'h': v *= 3600; end++; break;
		case 'm': v *= 60; end++; break;
		case 's': end++; break;
		case '\0': break;
		default: return (-1);
		}
		total += v;
		s = end;
	}
	*out = total;
	return (0);
}

void
datetime_format_duration(long secs, char *out, size_t len)
{
	/* Days read best for review windows: "14d", not "2w". */
	if (secs != 0 && secs % 86400 == 0)
		snprintf(out, len, "%ldd", secs / 86400);
	else if (secs != 0 && secs % 3600 == 0)
		snprintf(out, len, "%ldh", secs / 3600);
	else if (secs != 0 && secs % 60 == 0)
		snprintf(out, len, "%ldm", secs / 60);
	else
		snprintf(out, len, "%lds", secs);
}
