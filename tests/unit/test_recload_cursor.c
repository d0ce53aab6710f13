/*
 * Unit tests for persist/recload.c's replay cursor (recload_cursor_past):
 * at every cursor of a walk forward, back, by minutes, by hours and
 * across a boot change, on a record of 25 hours with a gap, a process
 * that goes, one that comes late and a reused pid, the past it gives
 * reads exactly as the past recload_run loads afresh there: every
 * process's and the system's minute series (times, values, gaps) and the
 * verdicts on them.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "model/trend.h"
#include "persist/recdb.h"
#include "persist/recload.h"
#include "dbfix.h"

#define T0_MS 1800000000000LL /* boot A's first sample */
#define STEP_MS 20000LL       /* one sample every 20 s */
#define NA 4500               /* boot A's samples: 25 hours */
#define NB 400                /* boot B's, an hour after A's last */
#define B0_MS (T0_MS + NA * STEP_MS + 3600000LL)
#define MAXPTS (HIST_MINUTE_SPAN + 8)
#define BOOT_B 10000 /* in a walk: boot B's first sample */

/* The processes' identities (procs rows 1..9: A's 1-6, B's 7-9). */
static const struct procid ids[] = {
    {100, 1}, {101, 1}, {102, 1}, {103, 1}, {104, 1},
    {100, 2}, {200, 1}, {201, 1}, {100, 1},
};

/* The record: boot A (id 101) with samples every STEP_MS but for a
 * 7-minute gap, boot B (102) after it; rows as each process's comment
 * says. */
static const char fixture_sql[] =
    "INSERT INTO boots(id, boot_id, first_ms) VALUES (101, 'boot-a', 0), "
    "(102, 'boot-b', 0);"
    "WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE "
    "i < 4499) INSERT INTO samples(id, time_ms, boot, resolution_s, "
    "mem_available_kb, committed_as_kb, swap_total_kb, swap_free_kb, "
    "psi_some_avg10, psi_full_avg10, oom_kill) SELECT i + 1, "
    "1800000000000 + i * 20000 + i % 3 * 700, 101, 20, "
    "500000 - i * 37 % 9000, 100000 + i, 4000, 4000 - i % 50, "
    "(i % 17) / 4.0, NULL, i / 1000 FROM n WHERE i NOT BETWEEN 2000 AND "
    "2020;"
    "WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE "
    "i < 399) INSERT INTO samples(id, time_ms, boot, resolution_s, "
    "mem_available_kb, committed_as_kb, oom_kill) SELECT 5001 + i, "
    "1800093600000 + i * 20000, 102, 20, 300000 + i * 11 % 700, 5000, 0 "
    "FROM n;"
    "INSERT INTO procs(id, boot, pid, start_time, first_sample, "
    "last_sample) VALUES (1, 101, 100, 1, 1, 1), (2, 101, 101, 1, 1, 1), "
    "(3, 101, 102, 1, 1, 1), (4, 101, 103, 1, 1, 1), "
    "(5, 101, 104, 1, 1, 1), (6, 101, 100, 2, 1, 1), "
    "(7, 102, 200, 1, 1, 1), (8, 102, 201, 1, 1, 1), "
    "(9, 102, 100, 1, 1, 1);"
    /* 1: every sample, rising, until its pid is reused at 4000; 2: every
     * 30th (10 minutes), a sawtooth; 3: every sample until 1500, then
     * gone; 4: every 3rd from 3000; 5: every 2nd, swap unknown now and
     * then; 6: pid 100 again from 4000 */
    "INSERT INTO proc_rows(sample_id, proc_id, rss_kb, anon_kb, swap_kb) "
    "SELECT s.id, p.id, CASE p.id WHEN 1 THEN 10000 + s.id * 4 WHEN 2 THEN "
    "20000 + s.id % 90 * 100 WHEN 3 THEN 30000 - s.id WHEN 4 THEN "
    "s.id * 7 % 5000 WHEN 5 THEN 50000 + s.id % 13 * 4 ELSE 60000 + s.id "
    "END, 1000, CASE WHEN p.id = 5 AND s.id % 7 = 0 THEN NULL ELSE "
    "s.id % 5 END FROM samples s JOIN procs p ON p.boot = s.boot WHERE "
    "s.boot = 101 AND CASE p.id WHEN 1 THEN s.id < 4000 WHEN 2 THEN "
    "s.id % 30 = 1 WHEN 3 THEN s.id < 1500 WHEN 4 THEN s.id >= 3000 AND "
    "s.id % 3 = 0 WHEN 5 THEN s.id % 2 = 0 ELSE s.id >= 4000 END;"
    "INSERT INTO proc_rows(sample_id, proc_id, rss_kb, anon_kb, swap_kb) "
    "SELECT s.id, p.id, 70000 + s.id % 40 * p.id, 0, 0 FROM samples s "
    "JOIN procs p ON p.boot = s.boot WHERE s.boot = 102 AND (p.id <> 8 OR "
    "s.id % 4 = 0);"
    /* the ends the recorder saw (schema 3): a "gone" rule that reads
     * them must give both paths the same */
    "UPDATE procs SET end_sample = 1500 WHERE id = 3;"
    "UPDATE procs SET end_sample = 4000 WHERE id = 1;";

/* Write the record: the schema through the writer, the rows raw. */
static void
fixture(const char *path)
{
	enum recdb_status st;
	char err[512] = "";
	struct recdb *db = recdb_open(path, "boot-x", &st, err, sizeof err);

	if (db == NULL)
		fail_msg("recdb_open: %s", err);
	recdb_close(db);
	assert_int_equal(dbfix_run(path, fixture_sql), 0);
}

/* Series a and b read alike (n points each). */
static void
same_points(const struct hist_point *a, size_t na, const struct hist_point *b,
            size_t nb)
{
	assert_int_equal(na, nb);
	for (size_t i = 0; i < na; i++) {
		assert_int_equal(a[i].mono_ms, b[i].mono_ms);
		assert_int_equal(a[i].wall_ms, b[i].wall_ms);
		assert_int_equal(a[i].value, b[i].value);
		assert_int_equal(a[i].gap, b[i].gap);
	}
}

/* Every minute series of want and got read alike, and so do the RSS
 * verdicts; *points counts the points compared. */
static void
same_past(const struct hist *want, const struct hist *got, size_t *points)
{
	static struct hist_point a[MAXPTS], b[MAXPTS];
	struct trend ta, tb;
	size_t na, nb;

	assert_int_equal(hist_procs(want), hist_procs(got));
	for (unsigned l = 0; l < HIST_SYS_LANES; l++) {
		na = hist_read_sys(want, HIST_MINUTE, l, a, MAXPTS);
		nb = hist_read_sys(got, HIST_MINUTE, l, b, MAXPTS);
		same_points(a, na, b, nb);
		*points += na;
	}
	for (size_t p = 0; p < sizeof ids / sizeof *ids; p++) {
		for (unsigned l = 0; l < HIST_PROC_LANES; l++) {
			na = hist_read_proc(want, ids[p], HIST_MINUTE, l, a,
			                    MAXPTS);
			nb = hist_read_proc(got, ids[p], HIST_MINUTE, l, b,
			                    MAXPTS);
			same_points(a, na, b, nb);
			*points += na;
		}
		na = hist_read_proc(want, ids[p], HIST_MINUTE, HIST_RSS_KB, a,
		                    MAXPTS);
		nb = hist_read_proc(got, ids[p], HIST_MINUTE, HIST_RSS_KB, b,
		                    MAXPTS);
		trend_classify(a, na, &ta);
		trend_classify(b, nb, &tb);
		assert_int_equal(ta.verdict, tb.verdict);
	}
}

/* The past at boot's sample time t_ms: the cursor's and a fresh load's
 * compared; the cursor's points counted into *points. */
static void
check_at(struct recload_cursor *c, const char *path, const char *boot,
         int64_t t_ms, size_t *points)
{
	struct recload_req rq = {
	    .path = path,
	    .boot_id = boot,
	    .now_wall_ms = t_ms,
	    .now_mono_ms = (uint64_t)t_ms,
	    .span_ms = RECLOAD_SPAN_MS,
	    .busy_ms = 50,
	};
	struct recload fresh, res;
	struct hist *past;

	assert_int_equal(recload_run(&rq, &fresh), RECLOAD_OK);
	assert_int_equal(recload_cursor_past(c, boot, t_ms, &past, &res),
	                 RECLOAD_OK);
	assert_non_null(past);
	same_past(fresh.past, past, points);
	hist_free(past);
	recload_fini(&fresh);
}

/* Boot A's sample i's time (i not in the gap). */
static int64_t
a_ms(int i)
{
	return T0_MS + i * STEP_MS + i % 3 * 700;
}

/* A walk of the cursor, each step against a fresh load. */
static void
test_cursor_walk(void **state)
{
	struct dbfix *f = *state;
	/* boot A's sample indexes in the order visited; BOOT_B + k: boot
	 * B's k */
	static const int walk[] = {
	    4300,   4301,       4302,       4303,        4304,         4305,
	    4306,   4307,                                      /* t */
	    4310,   4313,       4316,       4319,        4322, /* + */
	    4321,   4320,       4319,       4318,              /* T */
	    4315,   4312,       4309,       4306,        4303,         4300,
	    4297,   4294,                         /* - */
	    4280,   4250,       4240,             /* back past the lag */
	    4499,   4498,                         /* the newest */
	    3000,   2999,       3001,       3040, /* hours back */
	    2021,   2022,       1999,       2030, /* around the gap */
	    1500,   1499,       1501,       1510, /* process 3 going */
	    BOOT_B, BOOT_B + 1, BOOT_B + 2, BOOT_B + 50, BOOT_B + 399, 4000,
	    4001,   3999,       10,         0, /* the reused pid; the start */
	    4350,   4380,       4410,       4440,        4470, /* forward by 10
	                                                          minutes */
	};
	struct recload_cursor *c;
	size_t points = 0;
	int64_t t;

	fixture(f->path);
	c = recload_cursor_new(f->path, 0, 50);
	assert_non_null(c);
	for (size_t i = 0; i < sizeof walk / sizeof *walk; i++) {
		bool b = walk[i] >= BOOT_B;

		t = b ? B0_MS + (walk[i] - BOOT_B) * STEP_MS : a_ms(walk[i]);
		check_at(c, f->path, b ? "boot-b" : "boot-a", t, &points);
	}
	/* the walk compared real series: the day's minutes, many times */
	assert_true(points > 200000);
	recload_cursor_free(c);
}

/* A cursor on a boot or a time the record does not hold says so. */
static void
test_cursor_missing(void **state)
{
	struct dbfix *f = *state;
	struct recload_cursor *c;
	struct recload res;
	struct hist *past = (struct hist *)1;

	fixture(f->path);
	c = recload_cursor_new(f->path, 0, 50);
	assert_int_equal(recload_cursor_past(c, "boot-z", T0_MS, &past, &res),
	                 RECLOAD_MISSING);
	assert_null(past);
	assert_int_equal(
	    recload_cursor_past(c, "boot-a", T0_MS - 1, &past, &res),
	    RECLOAD_MISSING);
	assert_null(past);
	/* and then works */
	assert_int_equal(
	    recload_cursor_past(c, "boot-a", a_ms(100), &past, &res),
	    RECLOAD_OK);
	assert_int_equal(hist_count_sys(past, HIST_MINUTE), 34);
	hist_free(past);
	recload_cursor_free(c);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_cursor_walk, dbfix_setup,
	                                    dbfix_teardown),
	    cmocka_unit_test_setup_teardown(test_cursor_missing, dbfix_setup,
	                                    dbfix_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
