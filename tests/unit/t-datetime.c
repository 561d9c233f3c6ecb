/* Dates: RFC 5322 through libetpan, the broken forms, ISO, durations. */
#include <string.h>

#include <libetpan/libetpan.h>

#include "datetime.h"
#include "tap.h"

static time_t
loose(const char *s)
{
	time_t	t = -1;

	if (datetime_parse_loose(s, &t) != 0)
		return (-1);
	return (t);
}

static time_t
strict(const char *s)
{
	struct mailimf_date_time	*dt;
	size_t				 idx = 0;
	time_t				 t = -1;

	if (mailimf_date_time_parse(s, strlen(s), &idx, &dt) != MAILIMF_NO_ERROR)
		return (-1);
	if (datetime_from_mailimf(dt, &t) != 0)
		t = -1;
	mailimf_date_time_free(dt);
	return (t);
}

int
main(void)
{
	/* 2019-04-30T19:29:12Z */
	const time_t	ref = 1556652552;
	char		buf[32];
	long		d;

	check_int(datetime_from_civil(1970, 1, 1, 0, 0, 0), 0);
	check_int(datetime_from_civil(2000, 3, 1, 0, 0, 0), 951868800);
	check_int(strict("Tue, 30 Apr 2019 15:29:12 -0400"), ref);
	check_int(strict("30 Apr 2019 21:29:12 +0200"), ref);
	check_int(strict("Tue, 30 Apr 2019 19:29:12 +0000 (UTC)"), ref);
	/* The broken forms real mailers send. */
	check_int(loose("Tue, 30 Apr 2019 15:29:12 EDT"), ref);
	check_int(loose("Tue 30 Apr 2019 19:29:12 GMT"), ref);
	check_int(loose("Tue, 30 Apr 19 19:29:12 +0000"), ref);
	check_int(loose("Tue Apr 30 19:29:12 2019"), ref);
	check_int(loose("2019-04-30 19:29:12"), ref);
	check_int(loose("2019-04-30T19:29:12Z"), ref);
	check_int(loose("2019-04-30T21:29:12+02:00"), ref);
	check_int(loose("Tue, 30 April 2019 19:29:12"), ref);
	check_int(loose("Tue, 30 Apr 2019 21:29:12 GMT+0200"), ref);
	check_int(loose("Tue, 30 Apr 2019 17:29:12 -02:00"), ref);
	check_int(loose("30 Apr 2019 20:29:12 CET"), ref);
	check_int(loose("yesterday afternoon"), -1);
	check_int(loose(""), -1);
	check_int(loose("Tue, 31 Foo 2019 10:00:00"), -1);
	check_int(loose("Tue, 30 Apr 2019 25:61:00 +0000"), -1);
	datetime_format_iso(ref, buf, sizeof buf);
	check_str(buf, "2019-04-30T19:29:12Z");
	check(datetime_parse_user("@1556652552", &(time_t){0}) == 0);
	check(datetime_parse_user("2019-04-30", &(time_t){0}) == 0);
	check(datetime_parse_user("@12x", &(time_t){0}) == -1);
	check(datetime_parse_duration("7d", &d) == 0 && d == 7 * 86400);
	check(datetime_parse_duration("36h", &d) == 0 && d == 36 * 3600);
	check(datetime_parse_duration("1d12h", &d) == 0 && d == 36 * 3600);
	check(datetime_parse_duration("2w", &d) == 0 && d == 14 * 86400);
	check(datetime_parse_duration("90", &d) == 0 && d == 90);
	check(datetime_parse_duration("7x", &d) == -1);
	check(datetime_parse_duration("", &d) == -1);
	check(datetime_parse_duration("-1d", &d) == -1);
	datetime_format_duration(7 * 86400, buf, sizeof buf);
	check_str(buf, "7d");
	datetime_format_duration(36 * 3600, buf, sizeof buf);
	check_str(buf, "36h");
	return (tap_done());
}
