/*
 * Unit tests for model/trendcache.c: a verdict is computed once per
 * refresh however often a row is drawn, again after a refresh, not again
 * while it reads a minute tier that gained no point, once in
 * TRENDCACHE_FINE_REFIT refreshes on the refresh tier, per identity (a
 * reused pid is another process), and "learning" without a history.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "model/trendcache.h"

static struct histsnap hs;
static struct snapshot snap;
static struct trendcache tc;

/* Record one refresh at t_ms with process (pid, start 7) at rss_kb. */
static void
record(uint64_t t_ms, int32_t pid, int64_t rss_kb)
{
	struct proc_row r;

	snapshot_reset(&snap);
	snap.mono_ms = t_ms;
	snap.time_unix_ms = 1700000000000 + (int64_t)t_ms;
	snap.mem.available_kb = 4000000;
	memset(&r, 0, sizeof r);
	r.pid = pid;
	r.start_time = 7;
	r.rss_kb = rss_kb;
	r.anon_kb = rss_kb;
	r.swap_kb = 0;
	assert_int_equal(snapshot_push_proc(&snap, &r), 0);
	assert_int_equal(histsnap_record(&hs, &snap), 0);
	trendcache_refresh(&tc);
}

/* A history with refreshes delay_ms apart and a cache over it. */
static void
start(uint32_t delay_ms)
{
	assert_int_equal(histsnap_init(&hs, delay_ms, 0), 0);
	snapshot_init(&snap);
	trendcache_init(&tc, &hs);
}

/* Free them. */
static void
stop(void)
{
	trendcache_fini(&tc);
	histsnap_fini(&hs);
	snapshot_fini(&snap);
}

/* Once per refresh, per identity. */
static void
test_once_per_refresh(void **state)
{
	const struct trend *t;
	uint64_t ms = 0;

	(void)state;
	start(1000);
	for (int i = 0; i < 30; i++, ms += 1000)
		record(ms, 42, 100000 + i * 2048);
	t = trendcache_get(&tc, &snap.procs[0]);
	assert_int_equal(t->verdict, TREND_RISING);
	assert_true(t->rate_kb_per_hour > 0);
	for (int i = 0; i < 5; i++)
		assert_int_equal(trendcache_get(&tc, &snap.procs[0])->verdict,
		                 TREND_RISING);
	assert_int_equal(tc.computed, 1);
	/* on the refresh tier: once in TRENDCACHE_FINE_REFIT refreshes */
	for (unsigned i = 0; i < TRENDCACHE_FINE_REFIT; i++, ms += 1000) {
		record(ms, 42, 100000 + (30 + (int)i) * 2048);
		trendcache_get(&tc, &snap.procs[0]);
		trendcache_get(&tc, &snap.procs[0]);
	}
	assert_int_equal(tc.computed, 2);
	/* the same pid, another start time: another process, learning */
	snap.procs[0].start_time = 8;
	assert_int_equal(trendcache_get(&tc, &snap.procs[0])->verdict,
	                 TREND_LEARNING);
	assert_int_equal(tc.computed, 3);
	stop();
}

/* On the minute tier, a refresh that adds no minute point reuses it. */
static void
test_minute_tier(void **state)
{
	size_t before;
	uint64_t ms = 0;

	(void)state;
	start(30000); /* two refreshes a minute */
	for (int i = 0; i < 50; i++, ms += 30000)
		record(ms, 9, 50000 + i * 4096);
	assert_true(hist_count_proc(hs.h, (struct procid){9, 7}, HIST_MINUTE) >=
	            TREND_MIN_SAMPLES);
	assert_int_equal(trendcache_get(&tc, &snap.procs[0])->verdict,
	                 TREND_RISING);
	before = tc.computed;
	/* 50 refreshes (0 to 49): minutes 0 to 24, the last in progress */
	/* refresh 50 starts minute 25: minute 24 gains its point */
	record(ms, 9, 50000 + 50 * 4096);
	ms += 30000;
	trendcache_get(&tc, &snap.procs[0]);
	assert_int_equal(tc.computed, before + 1);
	/* refresh 51 is in the same minute: no minute point, reused */
	record(ms, 9, 50000 + 51 * 4096);
	trendcache_get(&tc, &snap.procs[0]);
	assert_int_equal(tc.computed, before + 1);
	stop();
}

/* Record refresh k (t_ms) of n processes (pid 1000 + i, start 7): the
 * even ones grow, the odd ones stay flat. */
static void
record_many(uint64_t t_ms, int k, int n)
{
	struct proc_row r;

	snapshot_reset(&snap);
	snap.mono_ms = t_ms;
	snap.time_unix_ms = 1700000000000 + (int64_t)t_ms;
	snap.mem.available_kb = 4000000;
	for (int i = 0; i < n; i++) {
		memset(&r, 0, sizeof r);
		r.pid = 1000 + i;
		r.start_time = 7;
		r.rss_kb = r.anon_kb = 50000 + (i % 2 ? 0 : k * 4096);
		assert_int_equal(snapshot_push_proc(&snap, &r), 0);
	}
	assert_int_equal(histsnap_record(&hs, &snap), 0);
	trendcache_refresh(&tc);
}

/* Ask for every row's verdict, as a sort by GROWTH does; the rising
 * ones. */
static int
ask_all(void)
{
	int rising = 0;

	for (size_t i = 0; i < snap.nprocs; i++)
		rising += trendcache_get(&tc, &snap.procs[i])->verdict ==
		          TREND_RISING;
	return rising;
}

/* A sort over more processes than the drawn rows: every verdict is
 * cached, so a refresh that adds no minute point classifies nothing;
 * the table shrinks back once only a few rows ask. */
static void
test_sort_all(void **state)
{
	const int n = 1500;
	uint64_t ms = 0;
	size_t before;
	int k;

	(void)state;
	start(30000); /* two refreshes a minute */
	for (k = 0; k < 50; k++, ms += 30000)
		record_many(ms, k, n);
	assert_int_equal(ask_all(), n / 2);
	assert_int_equal(tc.computed, (size_t)n);
	assert_true(tc.cap <= (size_t)n * 3); /* at least 1/3 full */
	/* the same refresh: nothing again */
	assert_int_equal(ask_all(), n / 2);
	assert_int_equal(tc.computed, (size_t)n);
	/* refresh 50 starts minute 25: every minute tier gains a point */
	record_many(ms, k++, n);
	ms += 30000;
	assert_int_equal(ask_all(), n / 2);
	assert_int_equal(tc.computed, (size_t)n * 2);
	/* refresh 51, the same minute: the sort classifies nothing */
	record_many(ms, k++, n);
	ms += 30000;
	before = tc.computed;
	assert_int_equal(ask_all(), n / 2);
	assert_int_equal(tc.computed, before);
	/* the sort is left: 10 drawn rows ask, the table shrinks */
	record_many(ms, k++, n);
	ms += 30000;
	for (size_t i = 0; i < 10; i++)
		trendcache_get(&tc, &snap.procs[i]);
	record_many(ms, k, n);
	assert_true(tc.cap <= 64);
	assert_int_equal(trendcache_get(&tc, &snap.procs[0])->verdict,
	                 TREND_RISING);
	assert_int_equal(trendcache_get(&tc, &snap.procs[1])->verdict,
	                 TREND_FLAT);
	stop();
}

/* A sort while the verdicts read the refresh tier (the first 20
 * minutes): after the first pass, each process is classified once in
 * TRENDCACHE_FINE_REFIT refreshes, not every refresh; a learning one
 * every refresh. */
static void
test_sort_while_learning(void **state)
{
	const int n = 1000;
	uint64_t ms = 0;
	size_t before;
	int k;

	(void)state;
	start(1000);
	for (k = 0; k < 30; k++, ms += 1000)
		record_many(ms, k, n);
	assert_int_equal(ask_all(), n / 2);
	assert_int_equal(tc.computed, (size_t)n);
	before = tc.computed;
	for (unsigned r = 0; r < 2 * TRENDCACHE_FINE_REFIT; r++, ms += 1000) {
		record_many(ms, k++, n);
		assert_int_equal(ask_all(), n / 2);
	}
	assert_int_equal(tc.computed - before, (size_t)n * 2);
	stop();
	/* under TREND_MIN_SAMPLES points: learning, asked anew each time */
	start(1000);
	for (k = 0; k < 3; k++, ms += 1000)
		record_many(ms, k, 10);
	ask_all();
	record_many(ms, k, 10);
	before = tc.computed;
	ask_all();
	assert_int_equal(tc.computed - before, 10);
	stop();
}

/* No history: learning, nothing computed. */
static void
test_no_history(void **state)
{
	struct proc_row r;

	(void)state;
	memset(&r, 0, sizeof r);
	r.pid = 1;
	trendcache_init(&tc, NULL);
	assert_int_equal(trendcache_get(&tc, &r)->verdict, TREND_LEARNING);
	assert_int_equal(tc.computed, 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_once_per_refresh),
	    cmocka_unit_test(test_minute_tier),
	    cmocka_unit_test(test_sort_all),
	    cmocka_unit_test(test_sort_while_learning),
	    cmocka_unit_test(test_no_history),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
