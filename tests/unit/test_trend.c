/* Unit tests for model/trend.c: synthetic series for every verdict, with
 * and without noise, and the formatter. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "model/snapshot.h"
#include "series.h"
#include "model/trend.h"

#define NPTS 240

static struct hist_point pts[NPTS];
static uint32_t seed;

/* Fill n points a minute apart with f(i) plus noise of amp. */
static size_t
fill(size_t n, int64_t (*f)(size_t), int64_t amp)
{
	size_t i;

	seed = 42;
	for (i = 0; i < n; i++) {
		pts[i].mono_ms = 1000000 + (uint64_t)i * 60000;
		pts[i].wall_ms = 0;
		pts[i].value = f(i) + series_noise(&seed, amp);
		pts[i].gap = false;
	}
	return n;
}

static int64_t
flat(size_t i)
{
	(void)i;
	return 500000;
}

static int64_t
leak(size_t i)
{
	return 100000 + (int64_t)i * 600; /* 600 kB a minute: 36000 kB/h */
}

static int64_t
saw(size_t i)
{
	return 200000 + (int64_t)(i % 12) * 5000;
}

static int64_t
saw_rising_floor(size_t i)
{
	return saw(i) + (int64_t)i * 300;
}

static int64_t
step(size_t i)
{
	return i < 30 ? 10000 : 300000;
}

/* The verdict on the n points of pts. */
static enum trend_verdict
verdict(size_t n, struct trend *t)
{
	trend_classify(pts, n, t);
	return t->verdict;
}

static void
test_flat_and_noisy_flat(void **state)
{
	struct trend t;
	(void)state;
	assert_int_equal(verdict(fill(120, flat, 0), &t), TREND_FLAT);
	assert_true(t.rate_kb_per_hour == 0);
	assert_int_equal(t.samples, 120);
	/* noise of 4% around a level: range above the tolerance, no trend */
	assert_int_equal(verdict(fill(120, flat, 20000), &t), TREND_FLAT);
	assert_true(t.falls >= 2); /* it does rise and fall, but as noise */
	assert_true(t.autocorr < TREND_SAW_AUTOCORR);
}

static void
test_rising_clean_and_noisy(void **state)
{
	struct trend t;
	(void)state;
	assert_int_equal(verdict(fill(120, leak, 0), &t), TREND_RISING);
	assert_true(t.rate_kb_per_hour > 35999 && t.rate_kb_per_hour < 36001);
	assert_int_equal(t.span_s, 119 * 60);
	assert_true(t.fit > 0.99);
	assert_int_equal(verdict(fill(120, leak, 6000), &t), TREND_RISING);
	assert_true(t.rate_kb_per_hour > 30000 && t.rate_kb_per_hour < 42000);
	assert_true(t.up_share < 0.8); /* many steps go down, yet rising */
	assert_true(t.fit < 0.99);
}

static void
test_sawtooth_flat_and_rising_floor(void **state)
{
	struct trend t;
	(void)state;
	assert_int_equal(verdict(fill(120, saw, 0), &t), TREND_SAWTOOTH);
	assert_true(t.falls >= 9);
	assert_int_equal(verdict(fill(120, saw, 1500), &t), TREND_SAWTOOTH);
	assert_int_equal(verdict(fill(120, saw_rising_floor, 0), &t),
	                 TREND_RISING);
	/* the floor rises 18000 kB/h; the subsample aliases the teeth */
	assert_true(t.rate_kb_per_hour > 15000 && t.rate_kb_per_hour < 25000);
	assert_int_equal(verdict(fill(120, saw_rising_floor, 1500), &t),
	                 TREND_RISING);
}

static void
test_step_and_learning(void **state)
{
	struct trend t;
	(void)state;
	assert_int_equal(verdict(fill(120, step, 0), &t), TREND_STEP);
	assert_int_equal(t.step_kb, 290000);
	assert_int_equal(verdict(fill(120, step, 200), &t), TREND_STEP);
	/* a jump in the last two points is not yet a step: it may go on */
	fill(40, flat, 0);
	pts[38].value = pts[39].value = 900000;
	assert_int_not_equal(verdict(40, &t), TREND_STEP);
	assert_int_equal(verdict(fill(TREND_MIN_SAMPLES - 1, leak, 0), &t),
	                 TREND_LEARNING);
	assert_int_equal(verdict(fill(TREND_MIN_SAMPLES, leak, 0), &t),
	                 TREND_RISING);
	assert_int_equal(verdict(0, &t), TREND_LEARNING);
}

static void
test_unknown_values_are_skipped(void **state)
{
	struct trend t;
	size_t i, n = fill(120, leak, 0);
	(void)state;
	for (i = 0; i < n; i += 3)
		pts[i].value = SNAP_NA;
	assert_int_equal(verdict(n, &t), TREND_RISING);
	assert_int_equal(t.samples, 80);
	assert_true(t.rate_kb_per_hour > 35999 && t.rate_kb_per_hour < 36001);
	for (i = 0; i < n; i++)
		pts[i].value = i < 100 ? SNAP_NA : 5;
	assert_int_equal(verdict(n, &t), TREND_FLAT);
	assert_int_equal(t.samples, 20);
}

static void
test_falling(void **state)
{
	struct trend t;
	size_t i, n = fill(120, leak, 3000);
	(void)state;
	for (i = 0; i < n; i++)
		pts[i].value = 400000 - pts[i].value;
	trend_classify_falling(pts, n, &t);
	assert_int_equal(t.verdict, TREND_RISING);
	/* falling: no sawtooth (it never rises again), so flat, with the
	 * negative rate telling */
	trend_classify(pts, n, &t);
	assert_int_equal(t.verdict, TREND_FLAT);
	assert_int_equal(t.rises, 0);
	assert_true(t.rate_kb_per_hour < -30000);
}

static void
test_format(void **state)
{
	struct trend t;
	char buf[64];
	(void)state;
	verdict(fill(131, leak, 0), &t);
	trend_format(&t, buf, sizeof buf);
	assert_string_equal(buf, "rising +35M/h over 2h10m");
	verdict(fill(6, leak, 0), &t);
	trend_format(&t, buf, sizeof buf);
	assert_string_equal(buf, "learning (6 samples)");
	verdict(fill(120, step, 0), &t);
	trend_format(&t, buf, sizeof buf);
	assert_string_equal(buf, "step +283M over 1h59m");
	verdict(fill(61, flat, 0), &t);
	trend_format(&t, buf, sizeof buf);
	assert_string_equal(buf, "flat over 1h");
	trend_fmt_kb(512, 1, buf, sizeof buf);
	assert_string_equal(buf, "+512K");
	trend_fmt_kb(-1536, 0, buf, sizeof buf);
	assert_string_equal(buf, "-1.5M");
	trend_fmt_kb(3.0 * 1024 * 1024, 0, buf, sizeof buf);
	assert_string_equal(buf, "3.0G");
	trend_fmt_span(45, buf, sizeof buf);
	assert_string_equal(buf, "45s");
	trend_fmt_span(90000, buf, sizeof buf);
	assert_string_equal(buf, "1d1h");
	assert_string_equal(trend_name(TREND_SAWTOOTH), "sawtooth");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_flat_and_noisy_flat),
	    cmocka_unit_test(test_rising_clean_and_noisy),
	    cmocka_unit_test(test_sawtooth_flat_and_rising_floor),
	    cmocka_unit_test(test_step_and_learning),
	    cmocka_unit_test(test_unknown_values_are_skipped),
	    cmocka_unit_test(test_falling),
	    cmocka_unit_test(test_format),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
