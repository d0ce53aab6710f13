/* Unit tests for model/forecast.c: falling, flat, noisy and rising
 * series, a fall that stopped, the horizon, ceilings, and the formatter. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "model/forecast.h"
#include "model/snapshot.h"
#include "series.h"

#define NPTS 600

static struct hist_point pts[NPTS];
static uint32_t seed;

/* n points step_ms apart: start + slope per point, plus noise of amp. */
static size_t
line(size_t n, uint64_t step_ms, int64_t start, int64_t slope, int64_t amp)
{
	size_t i;

	seed = 7;
	for (i = 0; i < n; i++) {
		pts[i].mono_ms = 500000 + i * step_ms;
		pts[i].wall_ms = 0;
		pts[i].value =
		    start + (int64_t)i * slope + series_noise(&seed, amp);
		pts[i].gap = false;
	}
	return n;
}

static void
test_falling_gives_a_number(void **state)
{
	struct forecast f;
	char buf[80];
	/* MemAvailable falling 40 MB a minute for an hour, to 400 MB above
	 * the watermarks (84 MB): 10 minutes left */
	size_t n =
	    line(61, 60000, 86016 + 400 * 1024 + 60 * 40 * 1024, -40 * 1024, 0);
	(void)state;
	forecast_to_floor(pts, n, 86016, &f);
	assert_true(f.valid);
	assert_int_equal(f.basis, FORECAST_STEADY);
	assert_int_equal(f.eta_s, 600);
	assert_true(f.rate_kb_per_min > -40961 && f.rate_kb_per_min < -40959);
	forecast_format(&f, FORECAST_OOM, buf, sizeof buf);
	assert_string_equal(buf, "about 10 min to OOM at -40M/min");
	forecast_format_short(&f, FORECAST_OOM, buf, sizeof buf);
	assert_string_equal(buf, "~10m to OOM");
	assert_string_equal(forecast_basis_name(f.basis), "steady");
	/* with noise of +-10 MB it still holds */
	line(61, 60000, 86016 + 400 * 1024 + 60 * 40 * 1024, -40 * 1024, 10240);
	forecast_to_floor(pts, n, 86016, &f);
	assert_true(f.valid);
	assert_true(f.eta_s > 480 && f.eta_s < 720);
}

static void
test_no_number_when_flat_noisy_or_rising(void **state)
{
	struct forecast f;
	char buf[80] = "x";
	size_t n;
	(void)state;
	n = line(60, 60000, 4 * 1048576, 0, 0);
	forecast_to_floor(pts, n, 86016, &f);
	assert_false(f.valid);
	assert_int_equal(f.basis, FORECAST_FLAT);
	forecast_format(&f, FORECAST_OOM, buf, sizeof buf);
	assert_string_equal(buf, "");
	strcpy(buf, "x");
	assert_int_equal(
	    forecast_format_short(&f, FORECAST_OOM, buf, sizeof buf), 0);
	assert_string_equal(buf, "");
	/* rising MemAvailable: moving away from the floor */
	n = line(60, 60000, 1048576, 20 * 1024, 0);
	forecast_to_floor(pts, n, 86016, &f);
	assert_false(f.valid);
	assert_int_equal(f.basis, FORECAST_AWAY);
	/* a slight fall drowned in noise: no number */
	n = line(120, 60000, 2 * 1048576, -500, 300 * 1024);
	forecast_to_floor(pts, n, 86016, &f);
	assert_false(f.valid);
	assert_true(f.basis == FORECAST_NOISY || f.basis == FORECAST_FLAT);
	/* falling, but as a sawtooth (caches filled and dropped): noisy */
	n = line(120, 60000, 2 * 1048576, 0, 0);
	for (size_t i = 0; i < n; i++)
		pts[i].value -= (int64_t)(i % 15) * 50 * 1024;
	forecast_to_floor(pts, n, 86016, &f);
	assert_false(f.valid);
	assert_int_equal(f.basis, FORECAST_NOISY);
	/* too few values */
	n = line(TREND_MIN_SAMPLES - 1, 60000, 2 * 1048576, -40 * 1024, 0);
	forecast_to_floor(pts, n, 86016, &f);
	assert_int_equal(f.basis, FORECAST_LEARNING);
}

/* The reviewer's case, longer: MemAvailable falling 20,000 kB every
 * 0.25 s for 100 s, then constant (the trend alone still reads the flat
 * end as part of a steady fall). Until it has been flat for FORECAST_FLAT_MS
 * the fall still counts; from then on there is no number (basis flat); a wobble
 * within FORECAST_FLAT_KB is still flat; Committed_AS rising then flat the
 * same. */
static void
test_stopped_falling_gives_no_number(void **state)
{
	struct forecast f;
	size_t i, n = line(400, 250, 9000000, -20000, 0);

	(void)state;
	for (i = n; i < n + 80; i++) { /* 20 s flat, the last at 19.75 s */
		pts[i] = pts[n - 1];
		pts[i].mono_ms = pts[n - 1].mono_ms + (i - n + 1) * 250;
		pts[i].value += (int64_t)(i % 2) * 200; /* a 200 kB wobble */
	}
	pts[i - 1].value = pts[n - 1].value;
	forecast_to_floor(pts, i - 1, 86016, &f); /* flat for 19.75 s */
	assert_false(forecast_stopped(pts, i - 1));
	forecast_to_floor(pts, i, 86016, &f); /* flat for 20 s */
	assert_true(forecast_stopped(pts, i));
	assert_false(f.valid);
	assert_int_equal(f.basis, FORECAST_FLAT);
	/* still falling: not stopped, a number */
	n = line(400, 250, 9000000, -20000, 0);
	assert_false(forecast_stopped(pts, n));
	forecast_to_floor(pts, n, 86016, &f);
	assert_true(f.valid);
	/* a ceiling the same way: rising toward 10 GB, then flat for 20 s */
	n = line(400, 250, 1000000, 20000, 0);
	for (i = n; i < n + 80; i++) {
		pts[i] = pts[n - 1];
		pts[i].mono_ms = pts[n - 1].mono_ms + (i - n + 1) * 250;
	}
	forecast_to_ceiling(pts, n, 10000000, &f);
	assert_true(f.valid);
	forecast_to_ceiling(pts, i, 10000000, &f);
	assert_false(f.valid);
	assert_int_equal(f.basis, FORECAST_FLAT);
	assert_false(forecast_stopped(pts, 0));
}

static void
test_horizon_and_limit(void **state)
{
	struct forecast f;
	size_t n;
	(void)state;
	/* 30 minutes falling 10 MB a minute with 3 GB left: 5 hours away,
	 * beyond 4 x 30 minutes */
	n = line(31, 60000, 3 * 1048576 + 300 * 1024, -10 * 1024, 0);
	forecast_to_floor(pts, n, 86016, &f);
	assert_false(f.valid);
	assert_int_equal(f.basis, FORECAST_BEYOND);
	/* already below the floor, still falling: now */
	n = line(30, 60000, 200000, -4096, 0);
	forecast_to_floor(pts, n, 150000, &f);
	assert_true(f.valid);
	assert_int_equal(f.eta_s, 0);
	/* no limit known */
	forecast_to_ceiling(pts, n, -1, &f);
	assert_int_equal(f.basis, FORECAST_NO_LIMIT);
	assert_false(f.valid);
}

static void
test_ceilings(void **state)
{
	struct forecast f;
	char buf[80];
	size_t n;
	(void)state;
	/* Committed_AS rising 1 GB a minute, 6 GB under CommitLimit; one
	 * unknown value on the way */
	n = line(40, 60000, 10 * 1048576, 1048576, 0);
	pts[20].value = SNAP_NA;
	forecast_to_ceiling(pts, n, pts[n - 1].value + 6 * 1048576, &f);
	assert_true(f.valid);
	assert_int_equal(f.eta_s, 360);
	forecast_format(&f, FORECAST_COMMIT, buf, sizeof buf);
	assert_string_equal(buf, "about 6 min until allocations fail");
	forecast_format_short(&f, FORECAST_COMMIT, buf, sizeof buf);
	assert_string_equal(buf, "~6m to alloc fail");
	/* a cgroup filling 12 MB a minute, 90 minutes from memory.max */
	n = line(120, 60000, 100000, 12 * 1024, 2048);
	forecast_to_ceiling(pts, n, pts[n - 1].value + 90 * 12 * 1024, &f);
	assert_true(f.valid);
	forecast_format(&f, FORECAST_CGROUP, buf, sizeof buf);
	assert_non_null(strstr(buf, "to memory.max at +12M/min"));
	forecast_format_short(&f, FORECAST_CGROUP, buf, sizeof buf);
	assert_non_null(strstr(buf, "m to memory.max"));
	assert_true(f.eta_s > 80 * 60 && f.eta_s < 100 * 60);
	/* a falling series never reaches a ceiling */
	n = line(60, 60000, 9000000, -4096, 0);
	forecast_to_ceiling(pts, n, 10000000, &f);
	assert_false(f.valid);
	assert_int_equal(f.basis, FORECAST_AWAY);
}

/* The short form's times: under a minute, minutes, hours; never cut. */
static void
test_short_form(void **state)
{
	struct forecast f = {.valid = true, .basis = FORECAST_STEADY};
	char buf[80];
	(void)state;
	f.eta_s = 0;
	forecast_format_short(&f, FORECAST_OOM, buf, sizeof buf);
	assert_string_equal(buf, "<1m to OOM");
	f.eta_s = 14 * 60 + 29;
	forecast_format_short(&f, FORECAST_OOM, buf, sizeof buf);
	assert_string_equal(buf, "~14m to OOM");
	f.eta_s = 14 * 60 + 30; /* rounded to the minute, as the long form */
	forecast_format_short(&f, FORECAST_OOM, buf, sizeof buf);
	assert_string_equal(buf, "~15m to OOM");
	forecast_format(&f, FORECAST_OOM, buf, sizeof buf);
	assert_non_null(strstr(buf, "about 15 min"));
	f.eta_s = 2 * 3600 + 10 * 60;
	forecast_format_short(&f, FORECAST_OOM, buf, sizeof buf);
	assert_string_equal(buf, "~2h10m to OOM");
	f.eta_s = 3600;
	forecast_format_short(&f, FORECAST_COMMIT, buf, sizeof buf);
	assert_string_equal(buf, "~1h to alloc fail");
	/* a short buffer: what snprintf says it needed */
	assert_int_equal(forecast_format_short(&f, FORECAST_OOM, buf, 4), 10);
	assert_string_equal(buf, "~1h");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_falling_gives_a_number),
	    cmocka_unit_test(test_no_number_when_flat_noisy_or_rising),
	    cmocka_unit_test(test_stopped_falling_gives_no_number),
	    cmocka_unit_test(test_horizon_and_limit),
	    cmocka_unit_test(test_ceilings),
	    cmocka_unit_test(test_short_form),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
