/*
 * replay_at: the TIME of `oomwatch --replay --at TIME`, parsed (pure) and
 * turned into a unix time (local time, through mktime).
 *
 *   "2026-12-03 03:12"      local time (seconds optional: "03:12:40";
 *                           'T' may stand for the space)
 *   "-2h"                   that long before now (units s m h d w, as
 *                           --since takes them)
 *   "boot"                  the first sample of the running boot
 *   (no --at)               the newest sample
 */
#ifndef OOMWATCH_APP_REPLAY_AT_H
#define OOMWATCH_APP_REPLAY_AT_H

#include <stdint.h>

enum replay_at_kind {
	REPLAY_AT_NEWEST = 0, /* no --at */
	REPLAY_AT_TIME,       /* a local date and time */
	REPLAY_AT_AGO,        /* -DUR before now */
	REPLAY_AT_BOOT,       /* the running boot's first sample */
};

struct replay_at {
	enum replay_at_kind kind;
	int64_t ago_ms;                     /* REPLAY_AT_AGO */
	int year, mon, day, hour, min, sec; /* REPLAY_AT_TIME (mon 1-12) */
};

/* Parse s into *out: 0, -1 when it is none of the forms above, or -2
 * when it is a date of the form that the calendar does not have
 * ("2026-02-31 10:00", "2027-02-29 00:00"). */
int replay_at_parse(const char *s, struct replay_at *out);

/* The unix time in ms that a (REPLAY_AT_TIME or REPLAY_AT_AGO) names,
 * now_ms being the wall clock now; -1 for a date mktime cannot place. */
int64_t replay_at_ms(const struct replay_at *a, int64_t now_ms);

#endif
