/* clock.c: the monotonic, wall and boot clocks, freezable for tests (see
 * clock.h). */
#include "core/clock.h"

#include <stdio.h>
#include <stdlib.h>

static bool clock_frozen;
static int64_t clock_frozen_wall_ms;
static uint64_t clock_frozen_mono_ms;

/* One system clock in nanoseconds. */
static uint64_t
clock_sys_ns(clockid_t id)
{
	struct timespec ts;

	clock_gettime(id, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

/* The monotonic clock in milliseconds. */
uint64_t
clock_mono_ms(void)
{
	if (clock_frozen)
		return clock_frozen_mono_ms;
	return clock_sys_ns(CLOCK_MONOTONIC) / 1000000u;
}

/* The wall clock in milliseconds since the epoch. */
int64_t
clock_wall_ms(void)
{
	struct timespec ts;

	if (clock_frozen)
		return clock_frozen_wall_ms;
	clock_gettime(CLOCK_REALTIME, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* The boot clock in nanoseconds. */
uint64_t
clock_boot_ns(void)
{
	if (clock_frozen)
		return clock_frozen_mono_ms * 1000000u;
	return clock_sys_ns(CLOCK_BOOTTIME);
}

/* Microseconds spent suspended: boot clock minus monotonic clock. */
int64_t
clock_suspended_us(void)
{
	uint64_t b, m;

	if (clock_frozen)
		return 0;
	b = clock_sys_ns(CLOCK_BOOTTIME);
	m = clock_sys_ns(CLOCK_MONOTONIC);
	return b > m ? (int64_t)((b - m) / 1000u) : 0;
}

/* The real CLOCK_MONOTONIC time at which clock_mono_ms() is deadline_ms. */
struct timespec
clock_deadline_ts(uint64_t deadline_ms)
{
	struct timespec ts;
	uint64_t ms = deadline_ms;

	if (clock_frozen) {
		ms = clock_sys_ns(CLOCK_MONOTONIC) / 1000000u;
		if (deadline_ms > clock_frozen_mono_ms)
			ms += deadline_ms - clock_frozen_mono_ms;
	}
	ts.tv_sec = (time_t)(ms / 1000u);
	ts.tv_nsec = (long)(ms % 1000u) * 1000000L;
	return ts;
}

/* Freeze the clocks. */
void
clock_fix(int64_t wall_ms, uint64_t mono_ms)
{
	clock_frozen_wall_ms = wall_ms;
	clock_frozen_mono_ms = mono_ms;
	clock_frozen = true;
}

/* Let the clocks run again. */
void
clock_unfix(void)
{
	clock_frozen = false;
}

/* True while frozen. */
bool
clock_fixed(void)
{
	return clock_frozen;
}

/* Parse decimal digits from *p up to a NUL or stop (no sign, no space,
 * no overflow past max) into *out; 0 or -1. */
static int
clock_parse_ms(const char **p, char stop, uint64_t max, uint64_t *out)
{
	const char *s = *p;
	uint64_t v = 0;

	if (*s < '0' || *s > '9')
		return -1;
	for (; *s >= '0' && *s <= '9'; s++) {
		if (v > (max - (uint64_t)(*s - '0')) / 10u)
			return -1;
		v = v * 10u + (uint64_t)(*s - '0');
	}
	if (*s != '\0' && *s != stop)
		return -1;
	*p = s;
	*out = v;
	return 0;
}

/* Freeze the clocks as OOMWATCH_TEST_CLOCK says. */
int
clock_fix_from_env(void)
{
	const char *s = getenv(CLOCK_TEST_ENV);
	uint64_t wall, mono = CLOCK_TEST_MONO_MS;

	if (s == NULL || *s == '\0')
		return 0;
	if (clock_parse_ms(&s, ':', INT64_MAX, &wall) != 0)
		return -1;
	if (*s == ':') {
		s++;
		if (clock_parse_ms(&s, '\0', UINT64_MAX / 1000000u, &mono) != 0)
			return -1;
	}
	clock_fix((int64_t)wall, mono);
	return 1;
}

/* Local-time text of a wall-clock time. */
char *
clock_wall_text(int64_t unix_ms, const char *fmt, const char *fallback,
                char *buf, size_t size)
{
	time_t t = (time_t)(unix_ms / 1000);
	struct tm tm;

	if (size == 0)
		return buf;
		/* fmt is the caller's constant, as the header asks */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
	if (localtime_r(&t, &tm) == NULL || strftime(buf, size, fmt, &tm) == 0)
		snprintf(buf, size, "%s", fallback);
#pragma GCC diagnostic pop
	return buf;
}
