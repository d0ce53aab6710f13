/*
 * replay_at.c: --at TIME for --replay (see replay_at.h). The parse is
 * strict: a form not listed there is an error, never a guess.
 */
#include "app/replay_at.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

/* Read exactly n digits at *s into *v, advancing *s: true when there. */
static bool
digits(const char **s, int n, int *v)
{
	*v = 0;
	for (int i = 0; i < n; i++, (*s)++) {
		if (**s < '0' || **s > '9')
			return false;
		*v = *v * 10 + (**s - '0');
	}
	return true;
}

/* Whether year-mon-day (mon 1-12, day 1-31) is a day of the calendar:
 * mktime normalises a day past the month's end (2026-02-31 becomes
 * 2026-03-03), so the date read back differs. At noon, so that no
 * daylight-saving change moves the day. */
static bool
date_exists(int year, int mon, int day)
{
	struct tm tm = {.tm_year = year - 1900,
	                .tm_mon = mon - 1,
	                .tm_mday = day,
	                .tm_hour = 12,
	                .tm_isdst = -1};

	return mktime(&tm) != (time_t)-1 && tm.tm_year == year - 1900 &&
	       tm.tm_mon == mon - 1 && tm.tm_mday == day;
}

/* Parse "YYYY-MM-DD HH:MM[:SS]" (or with a 'T') into *a: 0, -1 when
 * not in that form, -2 when the date is not in the calendar. */
static int
parse_date(const char *s, struct replay_at *a)
{
	if (!digits(&s, 4, &a->year) || *s++ != '-' ||
	    !digits(&s, 2, &a->mon) || *s++ != '-' || !digits(&s, 2, &a->day) ||
	    (*s != ' ' && *s != 'T'))
		return -1;
	s++;
	if (!digits(&s, 2, &a->hour) || *s++ != ':' || !digits(&s, 2, &a->min))
		return -1;
	a->sec = 0;
	if (*s == ':' && (s++, !digits(&s, 2, &a->sec)))
		return -1;
	if (*s != '\0' || a->year < 1970 || a->mon < 1 || a->mon > 12 ||
	    a->day < 1 || a->day > 31 || a->hour > 23 || a->min > 59 ||
	    a->sec > 59)
		return -1;
	if (!date_exists(a->year, a->mon, a->day))
		return -2;
	a->kind = REPLAY_AT_TIME;
	return 0;
}

/* Parse "-DUR" (a whole number, then one of s m h d w) into *a: 0, -1. */
static int
parse_ago(const char *s, struct replay_at *a)
{
	static const char units[] = "smhdw";
	static const int64_t unit_ms[] = {1000, 60000, 3600000, 86400000,
	                                  604800000};
	const char *u;
	int64_t v = 0;
	int n = 0;

	if (*s++ != '-')
		return -1;
	for (; *s >= '0' && *s <= '9' && n < 9; s++, n++)
		v = v * 10 + (*s - '0');
	if (n == 0 || *s == '\0' || s[1] != '\0' ||
	    (u = strchr(units, *s)) == NULL)
		return -1;
	v *= unit_ms[u - units];
	if (v <= 0 || v > 3650 * 86400000LL)
		return -1;
	a->kind = REPLAY_AT_AGO;
	a->ago_ms = v;
	return 0;
}

/* Parse --at (see replay_at.h). */
int
replay_at_parse(const char *s, struct replay_at *out)
{
	struct replay_at a = {.kind = REPLAY_AT_NEWEST};
	int rc;

	if (s == NULL)
		return -1;
	if (strcmp(s, "boot") == 0)
		a.kind = REPLAY_AT_BOOT;
	else if (parse_ago(s, &a) != 0 && (rc = parse_date(s, &a)) != 0)
		return rc;
	*out = a;
	return 0;
}

/* The unix ms of a TIME or AGO (see replay_at.h). */
int64_t
replay_at_ms(const struct replay_at *a, int64_t now_ms)
{
	struct tm tm = {0};
	time_t t;

	if (a->kind == REPLAY_AT_AGO)
		return now_ms - a->ago_ms;
	if (a->kind != REPLAY_AT_TIME)
		return -1;
	tm.tm_year = a->year - 1900;
	tm.tm_mon = a->mon - 1;
	tm.tm_mday = a->day;
	tm.tm_hour = a->hour;
	tm.tm_min = a->min;
	tm.tm_sec = a->sec;
	tm.tm_isdst = -1;
	t = mktime(&tm);
	if (t == (time_t)-1 || tm.tm_mday != a->day)
		return -1; /* not from replay_at_parse, which refuses it */
	return (int64_t)t * 1000;
}
