/* Unit tests for model/trend.c: synthetic series for every verdict, with
 * and without noise, and the formatter. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
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

/* The teeth's length in samples, and where the ramp of ramp() ends. */
static size_t tooth, ramp_end;
/* Short teeth: 2 to 8 samples, where the lag-1 autocorrelation is low. */
static const size_t tooth_lens[] = {2, 3, 4, 8};

static int64_t
short_saw(size_t i)
{
	return 100000 + (int64_t)(i % tooth) * 60000 / (int64_t)(tooth - 1);
}

static int64_t
short_saw_rising_floor(size_t i)
{
	return short_saw(i) + (int64_t)i * 1000;
}

static int64_t
ramp(size_t i)
{
	return 50000 + (int64_t)(i < ramp_end ? i : ramp_end) * 3000;
}

static int64_t
slow_leak(size_t i)
{
	/* 45 kB a minute: the last third moves 1800 kB, within the
	 * tolerance (about 2050 kB), the first two thirds 3600 kB */
	return 100000 + (int64_t)i * 45;
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
	assert_true(t.repeat < TREND_SAW_REPEAT);
	/* the noise's slope is no rate: flat shows 0 */
	assert_true(t.rate_kb_per_hour == 0);
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

/* Teeth of 2, 3, 4 and 8 samples (lag-1 autocorrelation near 0 or
 * negative) are sawtooth, clean or noisy, over 24 or 120 samples, with a
 * rate near 0. */
static void
test_sawtooth_short_teeth(void **state)
{
	struct trend t;
	size_t k, n;
	(void)state;
	for (k = 0; k < sizeof tooth_lens / sizeof tooth_lens[0]; k++) {
		tooth = tooth_lens[k];
		for (n = 24; n <= 120; n += 96) {
			assert_int_equal(verdict(fill(n, short_saw, 0), &t),
			                 TREND_SAWTOOTH);
			/* noise of 5% of the teeth; 10% with 120 samples */
			assert_int_equal(
			    verdict(fill(n, short_saw, n * 50), &t),
			    TREND_SAWTOOTH);
			assert_true(t.falls >= 2 && t.rises >= 2);
		}
		assert_true(t.rate_kb_per_hour > -20000 &&
		            t.rate_kb_per_hour < 20000);
	}
	tooth = 2;
	verdict(fill(40, short_saw, 0), &t);
	assert_true(t.autocorr < 0 && t.repeat > 0.9);
}

/* The reviewer's trendhog sampled every 0.5 s: 1, 4, 12, 20 MB again and
 * again for 40 samples is a sawtooth, not flat. */
static void
test_sawtooth_reviewer_case(void **state)
{
	static const int64_t mb[] = {1, 4, 12, 20};
	struct trend t;
	size_t i;
	(void)state;
	for (i = 0; i < 40; i++) {
		pts[i].mono_ms = 1000000 + (uint64_t)i * 500;
		pts[i].value = mb[i % 4] * 1024;
		pts[i].gap = false;
	}
	assert_int_equal(verdict(40, &t), TREND_SAWTOOTH);
	assert_int_equal(t.span_ms, 19500);
	assert_int_equal(t.span_s, 19);
}

/* A sawtooth whose floor rises by more than the noise is rising, however
 * short its teeth. */
static void
test_short_teeth_rising_floor(void **state)
{
	struct trend t;
	size_t k;
	(void)state;
	for (k = 0; k < sizeof tooth_lens / sizeof tooth_lens[0]; k++) {
		tooth = tooth_lens[k];
		assert_int_equal(
		    verdict(fill(120, short_saw_rising_floor, 0), &t),
		    TREND_RISING);
		assert_int_equal(
		    verdict(fill(120, short_saw_rising_floor, 3000), &t),
		    TREND_RISING);
		assert_true(t.rate_kb_per_hour > 40000);
	}
}

/* A ramp, then a plateau: rising while the plateau is shorter than the
 * last third, step (rate 0, the ramp's height as the step) once it holds
 * the last third; clean and noisy. */
static void
test_ramp_then_plateau(void **state)
{
	struct trend t;
	size_t pct;
	int64_t amp;
	(void)state;
	for (amp = 0; amp <= 600; amp += 600)
		for (pct = 30; pct <= 70; pct += 5) {
			ramp_end = 120 - 120 * pct / 100;
			verdict(fill(120, ramp, amp), &t);
			if (pct < 34) {
				assert_int_equal(t.verdict, TREND_RISING);
				assert_true(t.rate_kb_per_hour > 100000);
				continue;
			}
			assert_int_equal(t.verdict, TREND_STEP);
			assert_true(t.rate_kb_per_hour == 0);
			assert_true(llabs(t.step_kb -
			                  (int64_t)ramp_end * 3000) <= 2 * amp);
		}
}

/* A slow leak whose last third moves less than the tolerance (and whose
 * first two thirds more) is no plateau: at its own rate the last third
 * moves only that much. */
static void
test_slow_leak_is_no_plateau(void **state)
{
	struct trend t;
	(void)state;
	assert_int_equal(verdict(fill(120, slow_leak, 0), &t), TREND_RISING);
	assert_int_equal(verdict(fill(120, slow_leak, 50), &t), TREND_RISING);
	assert_int_equal(verdict(fill(120, leak, 6000), &t), TREND_RISING);
}

static void
test_step_and_learning(void **state)
{
	struct trend t;
	(void)state;
	assert_int_equal(verdict(fill(120, step, 0), &t), TREND_STEP);
	assert_int_equal(t.step_kb, 290000);
	assert_int_equal(verdict(fill(120, step, 200), &t), TREND_STEP);
	assert_true(t.rate_kb_per_hour == 0); /* flat after the jump */
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
	char buf[64];
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
	/* memory given back, then flat for the last half: a step down */
	ramp_end = 60;
	n = fill(120, ramp, 600);
	for (i = 0; i < n; i++)
		pts[i].value = 400000 - pts[i].value;
	assert_int_equal(verdict(n, &t), TREND_STEP);
	assert_true(t.step_kb < -170000 && t.step_kb > -190000);
	assert_true(t.rate_kb_per_hour == 0);
	trend_format(&t, buf, sizeof buf);
	assert_string_equal(buf, "step -175M over 1h59m");
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
	    cmocka_unit_test(test_sawtooth_short_teeth),
	    cmocka_unit_test(test_sawtooth_reviewer_case),
	    cmocka_unit_test(test_short_teeth_rising_floor),
	    cmocka_unit_test(test_ramp_then_plateau),
	    cmocka_unit_test(test_slow_leak_is_no_plateau),
	    cmocka_unit_test(test_step_and_learning),
	    cmocka_unit_test(test_unknown_values_are_skipped),
	    cmocka_unit_test(test_falling),
	    cmocka_unit_test(test_format),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
