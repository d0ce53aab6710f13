/* Unit tests for model/cgseries.c: a cgroup filling toward its limit
 * gets a number, flat, noisy and falling ones none; a recreated cgroup
 * (new inode) starts fresh, a gone one is dropped, the series are
 * bounded. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "model/cgseries.h"
#include "model/snapshot.h"
#include "series.h"

#define MB 1024

static struct hist_point pts[CGSERIES_POINTS + 8];

/* Feed rounds [from, from + n) 2 s apart: ino at start + slope per round
 * plus noise of amp, and ino 99 flat alongside. */
static void
feed(struct cgseries *s, uint64_t ino, uint32_t from, uint32_t n, int64_t start,
     int64_t slope, int64_t amp)
{
	uint32_t seed = 11;

	for (uint32_t i = from; i < from + n; i++) {
		assert_int_equal(cgseries_begin(s, 1000000 + (uint64_t)i * 2000,
		                                1700000000000 + i * 2000),
		                 0);
		assert_int_equal(cgseries_put(s, ino,
		                              start +
		                                  (int64_t)(i - from) * slope +
		                                  series_noise(&seed, amp)),
		                 0);
		assert_int_equal(cgseries_put(s, 99, 50 * MB), 0);
		cgseries_end(s);
	}
}

static void
test_filling_toward_the_limit_gives_a_number(void **state)
{
	struct cgseries *s = cgseries_new();
	struct cgseries_fore f;
	(void)state;
	assert_non_null(s);
	/* 1 MB a round (30 MB/min) for 100 rounds: 200 MB at the end of
	 * 200 s; 100 MB left under a 300 MB limit is 200 s */
	feed(s, 7, 0, 100, 100 * MB, MB, 0);
	cgseries_forecast(s, 7, 300 * MB, &f);
	assert_true(f.valid);
	assert_int_equal(f.basis, FORECAST_STEADY);
	assert_true(f.eta_s >= 195 && f.eta_s <= 205);
	assert_true(f.rate_kb_per_min > 29 * MB && f.rate_kb_per_min < 31 * MB);
	/* unlimited: no number, without a read */
	cgseries_forecast(s, 7, SNAP_NA, &f);
	assert_false(f.valid);
	assert_int_equal(f.basis, FORECAST_NO_LIMIT);
	assert_int_equal(f.eta_s, 0);
	/* far beyond four times the span: no number */
	cgseries_forecast(s, 7, 300000 * MB, &f);
	assert_int_equal(f.basis, FORECAST_BEYOND);
	/* too few rounds */
	cgseries_free(s);
	s = cgseries_new();
	feed(s, 7, 0, 5, 100 * MB, MB, 0);
	cgseries_forecast(s, 7, 300 * MB, &f);
	assert_int_equal(f.basis, FORECAST_LEARNING);
	cgseries_free(s);
}

static void
test_flat_noisy_or_away_gives_none(void **state)
{
	struct cgseries *s = cgseries_new();
	struct cgseries_fore f;
	(void)state;
	feed(s, 7, 0, 100, 200 * MB, 0, 0);
	cgseries_forecast(s, 7, 300 * MB, &f);
	assert_false(f.valid);
	assert_int_equal(f.basis, FORECAST_FLAT);
	assert_int_equal(f.eta_s, 0);
	cgseries_free(s);
	/* a sawtooth: fills 20 MB then drops back, five times */
	s = cgseries_new();
	for (uint32_t r = 0; r < 100; r++) {
		cgseries_begin(s, 5000 + (uint64_t)r * 2000, 0);
		cgseries_put(s, 7, 100 * MB + (int64_t)(r % 20) * MB);
		cgseries_end(s);
	}
	cgseries_forecast(s, 7, 130 * MB, &f);
	assert_int_equal(f.basis, FORECAST_NOISY);
	cgseries_free(s);
	/* a slight climb drowned in noise */
	s = cgseries_new();
	feed(s, 7, 0, 100, 200 * MB, 10, 30 * MB);
	cgseries_forecast(s, 7, 300 * MB, &f);
	assert_true(f.basis != FORECAST_STEADY);
	cgseries_free(s);
	/* falling: moving away from the limit */
	s = cgseries_new();
	feed(s, 7, 0, 100, 250 * MB, -MB, 0);
	cgseries_forecast(s, 7, 300 * MB, &f);
	assert_int_equal(f.basis, FORECAST_AWAY);
	cgseries_free(s);
}

static void
test_recreated_cgroup_starts_fresh(void **state)
{
	struct cgseries *s = cgseries_new();
	struct cgseries_fore f;
	(void)state;
	feed(s, 7, 0, 100, 100 * MB, MB, 0);
	assert_int_equal(cgseries_read(s, 7, pts, CGSERIES_POINTS), 100);
	assert_int_equal(cgseries_count(s), 2);
	/* the same path made again: inode 8; 7 is gone at the round's end */
	feed(s, 8, 100, 1, 200 * MB, 0, 0);
	assert_int_equal(cgseries_read(s, 7, pts, CGSERIES_POINTS), 0);
	assert_int_equal(cgseries_read(s, 8, pts, CGSERIES_POINTS), 1);
	assert_int_equal(pts[0].value, 200 * MB);
	assert_int_equal(pts[0].mono_ms, 1000000 + 100 * 2000);
	assert_int_equal(cgseries_count(s), 2);
	cgseries_forecast(s, 8, 300 * MB, &f);
	assert_int_equal(f.basis, FORECAST_LEARNING);
	/* a cgroup missed by one round is gone: it starts over */
	feed(s, 9, 101, 1, MB, 0, 0);
	feed(s, 8, 102, 1, MB, 0, 0);
	assert_int_equal(cgseries_read(s, 8, pts, CGSERIES_POINTS), 1);
	cgseries_free(s);
}

static void
test_series_are_bounded(void **state)
{
	struct cgseries *s = cgseries_new();
	size_t n, bytes;
	(void)state;
	feed(s, 7, 0, 2 * CGSERIES_POINTS, 100 * MB, 4, 3 * MB);
	bytes = cgseries_bytes(s);
	feed(s, 7, 2 * CGSERIES_POINTS, 8 * CGSERIES_POINTS, 100 * MB, 4,
	     3 * MB);
	n = cgseries_read(s, 7, pts, CGSERIES_POINTS + 8);
	assert_int_equal(n, CGSERIES_POINTS);
	/* the newest rounds, in order, with their times */
	assert_int_equal(pts[n - 1].mono_ms,
	                 1000000 + (uint64_t)(10 * CGSERIES_POINTS - 1) * 2000);
	for (size_t i = 1; i < n; i++)
		assert_true(pts[i].mono_ms == pts[i - 1].mono_ms + 2000);
	/* no growth once the window is full: a bounded buffer each */
	assert_true(cgseries_bytes(s) <= bytes + 64);
	assert_true(cgseries_bytes(s) <
	            sizeof(struct hist_point) * CGSERIES_POINTS + 16384);
	/* unknown values read back as unknown; a read takes the newest */
	cgseries_begin(s, 1000000000, 0);
	cgseries_put(s, 7, SNAP_NA);
	cgseries_end(s);
	assert_int_equal(cgseries_read(s, 7, pts, 2), 2);
	assert_true(pts[1].value == SNAP_NA);
	assert_true(pts[0].value >= 0);
	cgseries_free(s);
}

static void
test_clock_back_is_ignored(void **state)
{
	struct cgseries *s = cgseries_new();
	(void)state;
	feed(s, 7, 0, 3, MB, 0, 0);
	assert_int_equal(cgseries_begin(s, 10, 0), -1);
	assert_int_equal(cgseries_put(s, 7, 5 * MB), -1);
	cgseries_end(s);
	assert_int_equal(cgseries_read(s, 7, pts, CGSERIES_POINTS), 3);
	assert_int_equal(cgseries_read(s, 99, pts, CGSERIES_POINTS), 3);
	/* ino 0 is no identity */
	cgseries_begin(s, 2000000, 0);
	assert_int_equal(cgseries_put(s, 0, MB), 0);
	cgseries_end(s);
	assert_int_equal(cgseries_count(s), 0);
	cgseries_free(s);
}

static void
test_refit_and_count_down(void **state)
{
	struct cgseries *s = cgseries_new();
	struct cgseries_fore f, g;
	uint32_t r;
	(void)state;
	/* 1 MB a round toward 300 MB, asked every round as the collector
	 * does: the time left falls 2 s a round whether fit or counted */
	feed(s, 7, 0, 60, 100 * MB, MB, 0);
	cgseries_forecast(s, 7, 300 * MB, &f);
	assert_true(f.valid);
	for (r = 60; r < 60 + 3 * CGSERIES_REFIT; r++) {
		feed(s, 7, r, 1, 100 * MB + (int64_t)r * MB, 0, 0);
		cgseries_forecast(s, 7, 300 * MB, &g);
		assert_true(g.valid);
		assert_true(g.eta_s >= f.eta_s - 4 && g.eta_s <= f.eta_s);
		f = g;
	}
	/* 300 - 183 MB at 30 MB/min: about 234 s */
	assert_true(f.eta_s > 225 && f.eta_s < 240);
	/* a new limit is fit at once: 17 MB left, about 34 s */
	cgseries_forecast(s, 7, 200 * MB, &g);
	assert_true(g.valid);
	assert_true(g.eta_s > 28 && g.eta_s < 40);
	/* a series that turns flat loses its number within a refit */
	for (r = 60 + 3 * CGSERIES_REFIT; r < 60 + 3 * CGSERIES_REFIT + 200;
	     r++) {
		feed(s, 7, r, 1, 183 * MB, 0, 0);
		cgseries_forecast(s, 7, 200 * MB, &g);
	}
	assert_false(g.valid);
	cgseries_free(s);
}

/* A ramp that levels off under the limit loses its countdown once flat
 * for CGSERIES_FLAT_MS (a jitter of a few pages is still flat), and
 * gets a number again when it rises again. */
static void
test_ramp_then_plateau(void **state)
{
	struct cgseries *s = cgseries_new();
	struct cgseries_fore f;
	uint32_t r, flat_rounds = CGSERIES_FLAT_MS / 2000;
	(void)state;
	feed(s, 7, 0, 157, 100 * MB, MB, 0); /* up to 256 MB of 300 */
	cgseries_forecast(s, 7, 300 * MB, &f);
	assert_true(f.valid);
	for (r = 157; r <= 157 + flat_rounds - 1; r++) {
		feed(s, 7, r, 1, 257 * MB + (r % 2) * 16, 0, 0);
		cgseries_forecast(s, 7, 300 * MB, &f);
		assert_true(f.valid); /* flat for less than 20 s */
	}
	for (; r < 157 + flat_rounds + 2 * CGSERIES_REFIT; r++) {
		feed(s, 7, r, 1, 257 * MB + (r % 2) * 16, 0, 0);
		cgseries_forecast(s, 7, 300 * MB, &f);
		assert_false(f.valid);
		assert_int_equal(f.basis, FORECAST_FLAT);
		assert_int_equal(f.eta_s, 0);
	}
	/* it rises again: a number within a few rounds */
	feed(s, 7, r, 10, 258 * MB, MB, 0);
	cgseries_forecast(s, 7, 300 * MB, &f);
	assert_int_not_equal(f.basis, FORECAST_FLAT);
	cgseries_free(s);
}

static void
test_eta_text(void **state)
{
	struct cgseries_fore f = {true, FORECAST_STEADY, 59, 1.0};
	char buf[16];
	(void)state;
	cgseries_fmt_eta(&f, buf, sizeof buf);
	assert_string_equal(buf, "<1m");
	f.eta_s = 12 * 60 + 29;
	cgseries_fmt_eta(&f, buf, sizeof buf);
	assert_string_equal(buf, "~12m");
	f.eta_s = 2 * 3600 - 31;
	cgseries_fmt_eta(&f, buf, sizeof buf);
	assert_string_equal(buf, "~119m");
	f.eta_s = 5 * 3600 + 1799;
	assert_int_equal(cgseries_fmt_eta(&f, buf, sizeof buf), 3);
	assert_string_equal(buf, "~5h");
	f.valid = false;
	assert_int_equal(cgseries_fmt_eta(&f, buf, sizeof buf), 0);
	assert_string_equal(buf, "");
	f.valid = true;
	assert_int_equal(cgseries_fmt_eta(&f, buf, 3), 2);
	assert_string_equal(buf, "~5");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_filling_toward_the_limit_gives_a_number),
	    cmocka_unit_test(test_flat_noisy_or_away_gives_none),
	    cmocka_unit_test(test_recreated_cgroup_starts_fresh),
	    cmocka_unit_test(test_series_are_bounded),
	    cmocka_unit_test(test_clock_back_is_ignored),
	    cmocka_unit_test(test_refit_and_count_down),
	    cmocka_unit_test(test_ramp_then_plateau),
	    cmocka_unit_test(test_eta_text),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
