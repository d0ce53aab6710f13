/*
 * Unit tests for model/histsnap.c: snapshots recorded into the history
 * (every lane, unknown kept unknown, PID reuse), the trend of a row (the
 * fine tier, then the minute tier once it holds 20 points), and the
 * system's forecasts (MemAvailable falling to the low watermarks,
 * Committed_AS rising to CommitLimit only in overcommit mode 2, no
 * number when flat or the limit is unknown).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "model/histsnap.h"

#define T0_MS 1000000u

static struct histsnap hs;
static struct snapshot snap;

/* A fresh history (refreshes delay_ms apart) and snapshot. */
static void
start(uint32_t delay_ms)
{
	assert_int_equal(histsnap_init(&hs, delay_ms, 0), 0);
	snapshot_init(&snap);
}

/* Free them. */
static void
stop(void)
{
	histsnap_fini(&hs);
	snapshot_fini(&snap);
}

/* Reset snap to time t_ms with a steady system: MemAvailable avail_kb,
 * Committed_AS committed_kb. */
static void
sys_at(uint64_t t_ms, int64_t avail_kb, int64_t committed_kb)
{
	snapshot_reset(&snap);
	snap.mono_ms = t_ms;
	snap.time_unix_ms = 1700000000000 + (int64_t)t_ms;
	snap.mem.available_kb = avail_kb;
	snap.mem.committed_as_kb = committed_kb;
	snap.mem.commit_limit_kb = 8000000;
	snap.mem.swap_total_kb = 1000;
	snap.mem.swap_free_kb = 600;
	snap.vm.overcommit_memory = 0;
	snap.low_wmark_kb = 80000;
	snap.vmstat.oom_kill = 3;
	snap.psi.valid = true;
	snap.psi.some.avg10 = 1.25;
	snap.psi.full_valid = false;
}

/* Add a process row. */
static void
row(int32_t pid, uint64_t start_time, int64_t rss_kb)
{
	struct proc_row r;

	memset(&r, 0, sizeof r);
	r.pid = pid;
	r.start_time = start_time;
	r.rss_kb = rss_kb;
	r.anon_kb = rss_kb / 2;
	r.swap_kb = SNAP_NA;
	assert_int_equal(snapshot_push_proc(&snap, &r), 0);
}

/* The trend of (pid, start_time) in hs; how many points it rests on. */
static size_t
trend_of(int32_t pid, uint64_t start_time, struct trend *t)
{
	struct proc_row r;

	memset(&r, 0, sizeof r);
	r.pid = pid;
	r.start_time = start_time;
	return histsnap_proc_trend(&hs, &r, t);
}

/* Every lane goes in; unknown stays unknown; a reused pid is fresh. */
static void
test_record_lanes(void **state)
{
	struct hist_point p[4];
	struct procid id = {10, 5};
	struct trend t;
	(void)state;
	start(1000);
	for (int i = 0; i < 3; i++) {
		sys_at(T0_MS + (uint64_t)i * 1000, 500000, 200000);
		row(10, 5, 4096 + i * 4);
		assert_int_equal(histsnap_record(&hs, &snap), 0);
	}
	assert_int_equal(hist_read_proc(hs.h, id, HIST_FINE, HIST_RSS_KB, p, 4),
	                 3);
	assert_int_equal(p[2].value, 4104);
	assert_int_equal(
	    hist_read_proc(hs.h, id, HIST_FINE, HIST_ANON_KB, p, 4), 3);
	assert_int_equal(p[2].value, 2052);
	hist_read_proc(hs.h, id, HIST_FINE, HIST_SWAP_KB, p, 4);
	assert_true(p[2].value == SNAP_NA);
	hist_read_sys(hs.h, HIST_FINE, HIST_MEMAVAIL_KB, p, 4);
	assert_int_equal(p[2].value, 500000);
	hist_read_sys(hs.h, HIST_FINE, HIST_COMMITTED_KB, p, 4);
	assert_int_equal(p[2].value, 200000);
	hist_read_sys(hs.h, HIST_FINE, HIST_SWAP_USED_KB, p, 4);
	assert_int_equal(p[2].value, 400);
	hist_read_sys(hs.h, HIST_FINE, HIST_PSI_SOME_X100, p, 4);
	assert_int_equal(p[2].value, 125);
	hist_read_sys(hs.h, HIST_FINE, HIST_PSI_FULL_X100, p, 4);
	assert_true(p[2].value == SNAP_NA);
	hist_read_sys(hs.h, HIST_FINE, HIST_OOM_KILLS, p, 4);
	assert_int_equal(p[2].value, 3);
	assert_int_equal(trend_of(10, 5, &t), 3);
	assert_int_equal(t.samples, 3);
	assert_int_equal(t.verdict, TREND_LEARNING);
	/* pid 10 again with another start time: a new process */
	sys_at(T0_MS + 3000, 500000, 200000);
	row(10, 99, 100);
	assert_int_equal(histsnap_record(&hs, &snap), 0);
	assert_int_equal(trend_of(10, 99, &t), 1);
	assert_int_equal(trend_of(11, 5, &t), 0);
	assert_int_equal(t.verdict, TREND_LEARNING);
	/* the clock going back is refused */
	sys_at(T0_MS, 500000, 200000);
	assert_int_equal(histsnap_record(&hs, &snap), -1);
	stop();
}

/* Forty refreshes a quarter second apart: rising, flat, step verdicts
 * from the fine tier, as --batch -n 40 -d 0.25 sees them. */
static void
test_fine_verdicts(void **state)
{
	struct trend t;
	(void)state;
	start(250);
	for (int i = 0; i < 40; i++) {
		sys_at(T0_MS + (uint64_t)i * 250, 500000, 200000);
		row(1, 1, 2000 + i * 512); /* 2 MB/s */
		row(2, 1, 30000);
		row(3, 1, i < 20 ? 5000 : 37000);
		assert_int_equal(histsnap_record(&hs, &snap), 0);
	}
	assert_int_equal(trend_of(1, 1, &t), 40);
	assert_int_equal(t.verdict, TREND_RISING);
	assert_true(t.rate_kb_per_hour > 7.3e6 && t.rate_kb_per_hour < 7.4e6);
	assert_int_equal(t.span_s, 9);
	assert_int_equal(t.samples, 40);
	trend_of(2, 1, &t);
	assert_int_equal(t.verdict, TREND_FLAT);
	trend_of(3, 1, &t);
	assert_int_equal(t.verdict, TREND_STEP);
	stop();
}

/* A refresh a minute for 25 minutes: the fine tier holds 10 points (too
 * few for a verdict), the minute tier 20 or more, and the trend uses it. */
static void
test_minute_tier(void **state)
{
	struct procid id = {7, 7};
	struct trend t;
	(void)state;
	start(60000);
	for (int i = 0; i < 25; i++) {
		sys_at(T0_MS + (uint64_t)i * 60000, 500000, 200000);
		row(7, 7, 10000 + i * 2048);
		assert_int_equal(histsnap_record(&hs, &snap), 0);
	}
	assert_true(hist_count_proc(hs.h, id, HIST_FINE) < TREND_MIN_SAMPLES);
	assert_true(hist_count_proc(hs.h, id, HIST_MINUTE) >=
	            TREND_MIN_SAMPLES);
	assert_true(trend_of(7, 7, &t) >= TREND_MIN_SAMPLES);
	assert_int_equal(t.verdict, TREND_RISING);
	assert_true(t.span_s >= 19 * 60);
	stop();
}

/* First seen: a process 15 minutes old at 10 s refreshes has lost its
 * start from the fine tier (its first point is 10 minutes ago), not
 * from the minute tier: its oldest point is in its first minute. None:
 * SNAP_NA. */
static void
test_first_proc(void **state)
{
	struct procid id = {7, 7}, none = {8, 8};
	int64_t t0 = 1700000000000 + (int64_t)T0_MS;
	(void)state;
	start(10000);
	for (int i = 0; i < 90; i++) {
		sys_at(T0_MS + (uint64_t)i * 10000, 500000, 200000);
		row(7, 7, 10000 + i * 100);
		assert_int_equal(histsnap_record(&hs, &snap), 0);
	}
	assert_true(histsnap_read_proc(&hs, id, HIST_RSS_KB, NULL) > 0);
	assert_true(hs.pts[0].wall_ms >= t0 + 290000); /* the fine tier */
	assert_true(histsnap_first_proc(&hs, id) >= t0);
	assert_true(histsnap_first_proc(&hs, id) < t0 + 60000);
	assert_int_equal(histsnap_first_proc(&hs, none), SNAP_NA);
	stop();
	/* 5 minutes old: the fine tier's first point, its first refresh */
	start(10000);
	for (int i = 0; i < 30; i++) {
		sys_at(T0_MS + (uint64_t)i * 10000, 500000, 200000);
		row(7, 7, 10000);
		assert_int_equal(histsnap_record(&hs, &snap), 0);
	}
	assert_int_equal(histsnap_first_proc(&hs, id), t0);
	stop();
}

/* The forecasts of n refreshes a second apart, MemAvailable falling by
 * avail_step_kb and Committed_AS rising by commit_step_kb a second. */
static void
forecast_run(int n, int64_t avail_step_kb, int64_t commit_step_kb,
             int64_t overcommit, int64_t low_kb, struct histsnap_forecast *fc)
{
	start(1000);
	for (int i = 0; i < n; i++) {
		sys_at(T0_MS + (uint64_t)i * 1000, 2000000 - i * avail_step_kb,
		       7000000 + i * commit_step_kb);
		snap.vm.overcommit_memory = overcommit;
		snap.low_wmark_kb = low_kb;
		assert_int_equal(histsnap_record(&hs, &snap), 0);
	}
	histsnap_forecast(&hs, &snap, fc);
	stop();
}

/* Falling steadily: a number; flat: none; unknown limit: none. */
static void
test_forecasts(void **state)
{
	struct histsnap_forecast fc;
	(void)state;
	/* 2,000,000 - 59 * 10,000 = 1,410,000 kB left over 80,000 at 10 MB/s:
	 * 133 s, within 4 x the 59 s span */
	forecast_run(60, 10000, 0, 0, 80000, &fc);
	assert_true(fc.mem_oom.valid);
	assert_int_equal(fc.mem_oom.basis, FORECAST_STEADY);
	assert_int_equal(fc.mem_oom.eta_s, 133);
	assert_false(fc.commit_fail.valid);
	assert_int_equal(fc.commit_fail.basis, FORECAST_NO_LIMIT);
	/* the same fall, but the watermark is unknown */
	forecast_run(60, 10000, 0, 0, SNAP_NA, &fc);
	assert_false(fc.mem_oom.valid);
	assert_int_equal(fc.mem_oom.basis, FORECAST_NO_LIMIT);
	/* flat: no number */
	forecast_run(60, 0, 0, 0, 80000, &fc);
	assert_false(fc.mem_oom.valid);
	assert_int_equal(fc.mem_oom.basis, FORECAST_FLAT);
	/* too few refreshes */
	forecast_run(10, 10000, 0, 0, 80000, &fc);
	assert_false(fc.mem_oom.valid);
	assert_int_equal(fc.mem_oom.basis, FORECAST_LEARNING);
	/* overcommit 2: Committed_AS 7,000,000 + 59 * 10,000 to 8,000,000
	 * at 10 MB/s: 41 s */
	forecast_run(60, 0, 10000, 2, 80000, &fc);
	assert_true(fc.commit_fail.valid);
	assert_int_equal(fc.commit_fail.eta_s, 41);
	/* the same rise in mode 0: CommitLimit is not enforced */
	forecast_run(60, 0, 10000, 0, 80000, &fc);
	assert_false(fc.commit_fail.valid);
	assert_int_equal(fc.commit_fail.basis, FORECAST_NO_LIMIT);
}

/* A failed init holds nothing and reads as learning. */
static void
test_init_fails(void **state)
{
	struct histsnap_forecast fc;
	struct trend t;
	(void)state;
	assert_int_equal(histsnap_init(&hs, 0, 0), -1);
	snapshot_init(&snap);
	sys_at(T0_MS, 1, 1);
	assert_int_equal(histsnap_record(&hs, &snap), -1);
	assert_int_equal(trend_of(1, 1, &t), 0);
	assert_int_equal(t.verdict, TREND_LEARNING);
	histsnap_forecast(&hs, &snap, &fc);
	assert_false(fc.mem_oom.valid);
	stop();
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_record_lanes),
	    cmocka_unit_test(test_fine_verdicts),
	    cmocka_unit_test(test_minute_tier),
	    cmocka_unit_test(test_first_proc),
	    cmocka_unit_test(test_forecasts),
	    cmocka_unit_test(test_init_fails),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
