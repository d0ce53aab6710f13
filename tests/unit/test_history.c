/* Unit tests for model/history.c (and model/histbuf.c): tiers, folding,
 * gaps, PID reuse, expiry and the memory cap. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "model/history.h"
#include "model/snapshot.h"

#define WALL0 1700000000000LL
#define MONO0 5000000ULL
#define MAXPTS 4000

static struct hist_point pts[MAXPTS];

/* One refresh at mono (wall follows mono) with one process. */
static void
tick1(struct hist *h, uint64_t mono, struct procid id, int64_t rss)
{
	int64_t v[HIST_PROC_LANES] = {rss, 0, rss / 2};

	assert_int_equal(hist_begin(h, mono, WALL0 + (int64_t)mono), 0);
	assert_int_equal(hist_put_proc(h, id, v), 0);
	hist_end(h);
}

static void
test_fine_roundtrip_and_flat_is_cheap(void **state)
{
	struct hist *h = hist_new(1000, 0);
	struct procid a = {10, 100}, b = {11, 100};
	int64_t va[HIST_PROC_LANES], vb[HIST_PROC_LANES] = {5000, 0, 4000};
	size_t n, i, before = 0;
	(void)state;
	assert_non_null(h);
	for (i = 0; i < 300; i++) {
		va[0] = (int64_t)(1000 + (i * 37) % 501);
		va[1] = i % 7 == 0 ? SNAP_NA : (int64_t)i;
		va[2] = (int64_t)(i * i);
		assert_int_equal(
		    hist_begin(h, MONO0 + i * 1000, WALL0 + (int64_t)i * 1000),
		    0);
		assert_int_equal(hist_put_proc(h, a, va), 0);
		assert_int_equal(hist_put_proc(h, b, vb), 0);
		hist_end(h);
	}
	n = hist_read_proc(h, a, HIST_FINE, HIST_RSS_KB, pts, MAXPTS);
	assert_int_equal(n, 300);
	for (i = 0; i < n; i++) {
		assert_int_equal(pts[i].value, 1000 + (i * 37) % 501);
		assert_int_equal(pts[i].mono_ms, MONO0 + i * 1000);
		assert_int_equal(pts[i].wall_ms, WALL0 + (int64_t)i * 1000);
		assert_false(pts[i].gap);
	}
	n = hist_read_proc(h, a, HIST_FINE, HIST_SWAP_KB, pts, MAXPTS);
	for (i = 0; i < n; i++)
		assert_true(pts[i].value ==
		            (i % 7 == 0 ? SNAP_NA : (int64_t)i));
	n = hist_read_proc(h, a, HIST_FINE, HIST_ANON_KB, pts, 10);
	assert_int_equal(n, 10);
	assert_int_equal(pts[9].value, 299 * 299);
	assert_int_equal(pts[0].value, 290 * 290);
	n = hist_read_proc(h, b, HIST_FINE, HIST_ANON_KB, pts, MAXPTS);
	assert_int_equal(n, 300);
	assert_int_equal(pts[299].value, 4000);
	/* past 10 minutes the timeline stops growing; from then on 600
	 * unchanged refreshes of b cost a few run bytes, not 600 points */
	for (i = 300; i < 1500; i++) {
		if (i == 900)
			before = hist_bytes(h);
		assert_int_equal(
		    hist_begin(h, MONO0 + i * 1000, WALL0 + (int64_t)i * 1000),
		    0);
		assert_int_equal(hist_put_proc(h, b, vb), 0);
		hist_end(h);
	}
	assert_true(hist_bytes(h) <= before + 16);
	assert_int_equal(hist_count_proc(h, a, HIST_FINE), 0);
	assert_int_equal(hist_count_proc(h, b, HIST_FINE), 601);
	hist_free(h);
}

/* Values for refresh i of the coding test: every record kind. */
static void
coded_values(uint32_t i, uint32_t *rnd, int64_t v[HIST_PROC_LANES])
{
	*rnd = *rnd * 1103515245u + 12345u;
	switch ((*rnd >> 16) % 6) {
	case 0: /* unchanged: a run */
		break;
	case 1: /* a small page step of RSS, anon following */
		v[0] += 4 * (int64_t)((*rnd >> 8) % 64) - 128;
		v[2] = v[0] - 1000;
		break;
	case 2: /* a big page jump of everything */
		v[0] += 4 * (int64_t)((*rnd >> 4) % 100000) - 200000;
		v[1] = 4 * (int64_t)((*rnd >> 3) % 1000);
		v[2] = v[0] / 2;
		break;
	case 3: /* a change that is no page multiple */
		v[2] += (int64_t)((*rnd >> 8) % 7) - 3;
		break;
	case 4: /* unknown swap */
		v[1] = SNAP_NA;
		break;
	default: /* RSS moves, anon does not */
		v[0] += 4096;
		break;
	}
	if (v[0] < 0)
		v[0] = 1000000;
	(void)i;
}

static void
test_coding_roundtrip_through_trimming(void **state)
{
	static int64_t want[3000][HIST_PROC_LANES];
	struct hist *h = hist_new(1000, 0);
	struct procid a = {3, 3};
	int64_t v[HIST_PROC_LANES] = {500000, 0, 400000};
	uint32_t rnd = 1, i, l;
	size_t n, k;
	(void)state;
	for (i = 0; i < 3000; i++) {
		coded_values(i, &rnd, v);
		memcpy(want[i], v, sizeof v);
		assert_int_equal(hist_begin(h, MONO0 + i * 1000ULL,
		                            WALL0 + (int64_t)i * 1000),
		                 0);
		assert_int_equal(hist_put_proc(h, a, v), 0);
		hist_end(h);
	}
	for (l = 0; l < HIST_PROC_LANES; l++) {
		n = hist_read_proc(h, a, HIST_FINE, (enum hist_proc_lane)l, pts,
		                   MAXPTS);
		assert_int_equal(n, 601);
		for (k = 0; k < n; k++) {
			int64_t w = want[3000 - n + k][l];
			assert_int_equal(pts[k].value, w < 0 ? SNAP_NA : w);
		}
	}
	hist_free(h);
}

static void
test_pid_reuse_starts_fresh(void **state)
{
	struct hist *h = hist_new(1000, 0);
	struct procid old = {42, 1000}, reused = {42, 9000};
	size_t i;
	(void)state;
	for (i = 0; i < 5; i++)
		tick1(h, MONO0 + i * 1000, old, 7000);
	for (i = 5; i < 8; i++)
		tick1(h, MONO0 + i * 1000, reused, 300);
	assert_int_equal(hist_count_proc(h, old, HIST_FINE), 5);
	assert_int_equal(hist_count_proc(h, reused, HIST_FINE), 3);
	assert_int_equal(
	    hist_read_proc(h, reused, HIST_FINE, HIST_RSS_KB, pts, MAXPTS), 3);
	assert_int_equal(pts[0].value, 300);
	assert_false(pts[0].gap);
	assert_int_equal(hist_procs(h), 2);
	assert_int_equal(hist_count_proc(h, (struct procid){42, 1}, HIST_FINE),
	                 0);
	hist_free(h);
}

static void
test_gaps(void **state)
{
	struct hist *h = hist_new(1000, 0);
	struct procid a = {1, 1}, b = {2, 2};
	int64_t v[HIST_PROC_LANES] = {100, 0, 50};
	uint64_t m = MONO0;
	int64_t w = WALL0;
	size_t n, i;
	(void)state;
	for (i = 0; i < 12; i++) {
		/* refresh 4 stalls (10 s), refresh 8 follows a suspend (the
		 * wall clock jumps an hour, the monotonic one a second) */
		m += i == 4 ? 10000 : 1000;
		w += i == 8 ? 3600000 : (i == 4 ? 10000 : 1000);
		assert_int_equal(hist_begin(h, m, w), 0);
		assert_int_equal(hist_put_proc(h, a, v), 0);
		if (i != 10) /* b is missing from refresh 10 */
			assert_int_equal(hist_put_proc(h, b, v), 0);
		hist_end(h);
	}
	n = hist_read_proc(h, a, HIST_FINE, HIST_RSS_KB, pts, MAXPTS);
	assert_int_equal(n, 12);
	for (i = 0; i < n; i++)
		assert_int_equal(pts[i].gap, i == 4 || i == 8);
	n = hist_read_proc(h, b, HIST_FINE, HIST_RSS_KB, pts, MAXPTS);
	assert_int_equal(n, 11);
	for (i = 0; i < n; i++)
		assert_int_equal(pts[i].gap, i == 4 || i == 8 || i == 10);
	assert_int_equal(pts[10].mono_ms, m);
	/* time going backwards: refused, and so are its puts */
	assert_int_equal(hist_begin(h, m - 1, w), -1);
	assert_int_equal(hist_put_proc(h, a, v), -1);
	hist_free(h);
}

static void
test_tiers_roll_over_and_minutes_fold(void **state)
{
	/* 25 hours of refreshes every 20 s: 3 a minute */
	struct hist *h = hist_new(20000, 0);
	struct procid a = {7, 7};
	int64_t s[HIST_SYS_LANES];
	size_t n, i, total = 25 * 180;
	(void)state;
	for (i = 0; i < total; i++) {
		memset(s, 0, sizeof s);
		s[HIST_MEMAVAIL_KB] = (int64_t)(100000 + (i % 3) * 10);
		s[HIST_OOM_KILLS] = (int64_t)(i / 90);
		tick1(h, MONO0 + i * 20000, a, (int64_t)(i % 3) * 10 + 1000);
		/* put_sys after end: ignored, outside a refresh */
		hist_put_sys(h, s);
		assert_int_equal(
		    hist_begin(h, MONO0 + i * 20000 + 1,
		               WALL0 + (int64_t)(MONO0 + i * 20000 + 1)),
		    0);
		hist_put_sys(h, s);
		hist_end(h);
	}
	/* the fine tier: refreshes of the last 10 minutes only */
	n = hist_read_proc(h, a, HIST_FINE, HIST_RSS_KB, pts, MAXPTS);
	assert_true(n >= 29 && n <= 31);
	assert_true(pts[n - 1].mono_ms - pts[0].mono_ms <= HIST_FINE_MS);
	/* the minute tier: 1440 finished minutes, each the max of its 3 */
	n = hist_read_proc(h, a, HIST_MINUTE, HIST_RSS_KB, pts, MAXPTS);
	assert_int_equal(n, HIST_MINUTE_SPAN);
	for (i = 0; i < n; i++) {
		assert_int_equal(pts[i].value, 1020);
		assert_false(pts[i].gap);
	}
	assert_int_equal((pts[n - 1].mono_ms - pts[0].mono_ms) / 60000,
	                 HIST_MINUTE_SPAN - 1);
	/* the system's MemAvailable folds to the min, the counter the max */
	n = hist_read_sys(h, HIST_MINUTE, HIST_MEMAVAIL_KB, pts, MAXPTS);
	assert_int_equal(n, HIST_MINUTE_SPAN);
	assert_int_equal(pts[5].value, 100000);
	assert_int_equal(hist_count_sys(h, HIST_MINUTE), HIST_MINUTE_SPAN);
	assert_true(hist_count_sys(h, HIST_FINE) >= 29);
	n = hist_read_sys(h, HIST_MINUTE, HIST_OOM_KILLS, pts, MAXPTS);
	assert_int_equal(pts[n - 1].value, (int64_t)(total - 3) / 90);
	hist_free(h);
}

static void
test_exited_processes_expire(void **state)
{
	struct hist *h = hist_new(60000, 0);
	struct procid gone = {5, 5}, live = {6, 6};
	size_t i;
	(void)state;
	for (i = 0; i < 3; i++) {
		tick1(h, MONO0 + i * 60000, gone, 100);
	}
	for (i = 3; i < 20; i++)
		tick1(h, MONO0 + i * 60000, live, 100);
	assert_int_equal(hist_count_proc(h, gone, HIST_FINE), 0);
	assert_int_equal(hist_count_proc(h, gone, HIST_MINUTE), 3);
	assert_int_equal(hist_procs(h), 2);
	for (i = 20; i < 1450; i++)
		tick1(h, MONO0 + i * 60000, live, 100);
	assert_int_equal(hist_procs(h), 1);
	assert_int_equal(hist_count_proc(h, gone, HIST_MINUTE), 0);
	assert_int_equal(hist_count_proc(h, live, HIST_MINUTE),
	                 HIST_MINUTE_SPAN);
	hist_free(h);
}

/* Feed h minutes of n rising processes from minute from; the max of
 * bytes. */
static size_t
feed_rising(struct hist *h, int nproc, unsigned minutes, unsigned from)
{
	int64_t v[HIST_PROC_LANES];
	size_t peak = 0;
	unsigned i;
	int p;

	for (i = from; i < from + minutes; i++) {
		assert_int_equal(
		    hist_begin(h, MONO0 + i * 60000ULL, WALL0 + i * 60000LL),
		    0);
		for (p = 0; p < nproc; p++) {
			v[0] = 10000 + (int64_t)i * (100 + p);
			v[1] = (int64_t)(i % 5) * 4;
			v[2] = v[0] - 1000;
			assert_int_equal(
			    hist_put_proc(h, (struct procid){p + 1, 1}, v), 0);
		}
		hist_end(h);
		if (hist_bytes(h) > peak)
			peak = hist_bytes(h);
	}
	return peak;
}

static void
test_full_tiers_stop_growing(void **state)
{
	struct hist *h = hist_new(60000, 0);
	size_t at2000 = 0;
	(void)state;
	/* past a day the minute tier slides: its bytes are reclaimed from
	 * the front, and nothing grows any more */
	for (unsigned i = 0; i < 3000; i++) {
		if (i == 2000)
			at2000 = hist_bytes(h);
		feed_rising(h, 50, 1, i);
	}
	assert_int_equal(hist_bytes(h), at2000);
	assert_int_equal(hist_count_proc(h, (struct procid){1, 1}, HIST_MINUTE),
	                 HIST_MINUTE_SPAN);
	hist_free(h);
}

static void
test_memory_cap_drops_oldest(void **state)
{
	struct hist *free_h = hist_new(60000, 0);
	struct hist *capped = hist_new(60000, 96 * 1024);
	struct procid p1 = {1, 1};
	size_t nf, nc;
	(void)state;
	assert_true(feed_rising(free_h, 100, 600, 0) > 96 * 1024);
	assert_true(feed_rising(capped, 100, 600, 0) <= 96 * 1024 + 16 * 1024);
	assert_true(hist_bytes(capped) <= 96 * 1024);
	nf = hist_read_proc(free_h, p1, HIST_MINUTE, HIST_RSS_KB, pts, MAXPTS);
	assert_int_equal(nf, 599);
	nc = hist_read_proc(capped, p1, HIST_MINUTE, HIST_RSS_KB, pts, MAXPTS);
	/* the oldest minutes went; the newest are still there and right */
	assert_true(nc > 0 && nc < nf);
	assert_int_equal(pts[nc - 1].value, 10000 + 598 * 100);
	assert_true(pts[0].value > 10000);
	assert_int_equal(hist_count_proc(capped, p1, HIST_FINE), 11);
	hist_free(free_h);
	hist_free(capped);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_fine_roundtrip_and_flat_is_cheap),
	    cmocka_unit_test(test_coding_roundtrip_through_trimming),
	    cmocka_unit_test(test_pid_reuse_starts_fresh),
	    cmocka_unit_test(test_gaps),
	    cmocka_unit_test(test_tiers_roll_over_and_minutes_fold),
	    cmocka_unit_test(test_exited_processes_expire),
	    cmocka_unit_test(test_full_tiers_stop_growing),
	    cmocka_unit_test(test_memory_cap_drops_oldest),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
