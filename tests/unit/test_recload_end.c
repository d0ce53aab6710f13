/*
 * Unit tests for persist/recload.c's bounds in time. The "gone" rule: in
 * a schema 3 file a process leaves the past history at the sample the
 * recorder saw it end (procs.end_sample); a v2 file (no end_sample) and a
 * process that ended while no recorder ran keep the RECLOAD_CARRY_MS row
 * rule. The events read with their black boxes stop at until_ms (a
 * replay's cursor).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "dbfix.h"
#include "persist/recdb.h"
#include "persist/recload.h"

#define MIN_MS 60000LL
#define HOUR_MS (60 * MIN_MS)
#define NOW_MS 1800000000000LL              /* wall, on a minute boundary */
#define MONO_MS ((uint64_t)(100 * HOUR_MS)) /* the monotonic clock then */
#define STEP_MS 10000LL                     /* the recorder's interval */
#define NSAMPLES 120                        /* 20 minutes of samples */
#define T0_MS (NOW_MS - NSAMPLES * STEP_MS)

/* The short-lived process: rows in samples 3..6 (30 s, from T0 + 30 s
 * to T0 + 60 s), seen ended at sample 7 when end_at says so. The long
 * one (pid 20) has a row in every sample. */
#define SHORT_PID 10
#define SHORT_FIRST 3
#define SHORT_LAST 6

/* Write the NSAMPLES samples of boot "boot-a"; the short process's end
 * goes with sample end_at (-1: never written, as when the recorder
 * stopped before it ended). */
static void
write_record(const char *path, int end_at)
{
	enum recdb_status st;
	char err[512] = "";
	struct recdb *db = recdb_open(path, "boot-a", &st, err, sizeof err);
	struct recdb_row rows[2];
	struct recdb_end end = {.pid = SHORT_PID, .start_time = 1};
	struct recdb_sample s;

	if (db == NULL)
		fail_msg("recdb_open: %s", err);
	for (int i = 0; i < NSAMPLES; i++) {
		memset(&s, 0, sizeof s);
		memset(rows, 0, sizeof rows);
		s.time_ms = T0_MS + i * STEP_MS;
		s.mem.available_kb = 500000;
		s.mem.swap_total_kb = s.mem.swap_free_kb = SNAP_NA;
		rows[0] = (struct recdb_row){.pid = 20,
		                             .start_time = 1,
		                             .rss_kb = 9000,
		                             .anon_kb = 9000};
		rows[1] = (struct recdb_row){.pid = SHORT_PID,
		                             .start_time = 1,
		                             .rss_kb = 40000 + i,
		                             .anon_kb = 40000 + i};
		s.rows = rows;
		s.nrows = i >= SHORT_FIRST && i <= SHORT_LAST ? 2 : 1;
		s.ends = i == end_at ? &end : NULL;
		s.nends = i == end_at;
		if (recdb_write(db, &s, err, sizeof err) != RECDB_OK)
			fail_msg("recdb_write: %s", err);
	}
	recdb_close(db);
}

/* Load path at NOW_MS into *r and return the number of minute points of
 * (pid, 1). */
static size_t
points_of(const char *path, int32_t pid, struct recload *r)
{
	struct recload_req rq = {
	    .path = path,
	    .boot_id = "boot-a",
	    .now_wall_ms = NOW_MS,
	    .now_mono_ms = MONO_MS,
	    .span_ms = RECLOAD_SPAN_MS,
	    .busy_ms = 50,
	};

	assert_int_equal(recload_run(&rq, r), RECLOAD_OK);
	assert_int_equal(r->minutes, NSAMPLES * STEP_MS / MIN_MS);
	return hist_count_proc(r->past, (struct procid){pid, 1}, HIST_MINUTE);
}

/* Schema 3, end recorded at sample 7 (T0 + 70 s): the process is in the
 * first minute (its last sample, T0 + 50 s, is before the end) and in no
 * other; the long process is in every minute. */
static void
test_end_drops_at_once(void **state)
{
	struct dbfix *f = *state;
	struct hist_point pts[4];
	struct recload r;

	write_record(f->path, SHORT_LAST + 1);
	assert_int_equal(dbfix_int(f->path, "SELECT count(*) FROM procs "
	                                    "WHERE end_sample IS NOT NULL"),
	                 1);
	assert_int_equal(points_of(f->path, SHORT_PID, &r), 1);
	assert_int_equal(hist_read_proc(r.past, (struct procid){SHORT_PID, 1},
	                                HIST_MINUTE, HIST_RSS_KB, pts, 4),
	                 1);
	assert_int_equal(pts[0].value, 40000 + 5); /* its row of T0 + 50 s */
	assert_int_equal(
	    hist_count_proc(r.past, (struct procid){20, 1}, HIST_MINUTE),
	    NSAMPLES * STEP_MS / MIN_MS);
	recload_fini(&r);
}

/* No end recorded (the recorder stopped first): the row rule carries it
 * while its last row (T0 + 60 s) is at most RECLOAD_CARRY_MS (630 s) older
 * than the minute's last sample (T0 + k min + 50 s): minutes 0 to 10. */
static void
test_no_end_row_rule(void **state)
{
	struct dbfix *f = *state;
	struct recload r;

	write_record(f->path, -1);
	assert_int_equal(points_of(f->path, SHORT_PID, &r), 11);
	recload_fini(&r);
}

/* A version 2 file (no procs.end_sample): the row rule, as before. */
static void
test_v2_row_rule(void **state)
{
	struct dbfix *f = *state;
	struct recload r;

	write_record(f->path, SHORT_LAST + 1);
	assert_int_equal(dbfix_run(f->path, "ALTER TABLE procs DROP COLUMN "
	                                    "end_sample; PRAGMA user_version "
	                                    "= 2"),
	                 0);
	assert_int_equal(points_of(f->path, SHORT_PID, &r), 11);
	recload_fini(&r);
}

/* Events read up to until_ms only (recorded at or before it); 0 reads
 * them all. */
static void
test_boxes_until(void **state)
{
	struct dbfix *f = *state;
	struct recload_req rq = {
	    .path = f->path,
	    .boot_id = "boot-a",
	    .now_wall_ms = NOW_MS,
	    .now_mono_ms = MONO_MS,
	    .span_ms = RECLOAD_SPAN_MS,
	    .busy_ms = 50,
	    .boxes_only = true,
	};
	struct recload r;

	write_record(f->path, -1);
	assert_int_equal(
	    dbfix_run(f->path,
	              "INSERT INTO events(time_ms, boot, kind, log_time_kind, "
	              "log_time_us, seq, pid, json) SELECT time_ms, boot, "
	              "'oom_kill', 1, time_ms - 1799000000000, -1, id, '{}' "
	              "FROM samples WHERE id IN (10, 50)"),
	    0);
	assert_int_equal(recload_run(&rq, &r), RECLOAD_OK);
	assert_int_equal(r.nboxes, 2);
	recload_fini(&r);
	rq.until_ms = T0_MS + 30 * STEP_MS; /* between the two */
	assert_int_equal(recload_run(&rq, &r), RECLOAD_OK);
	assert_int_equal(r.nboxes, 1);
	assert_int_equal(r.boxes[0].ev.pid, 10);
	recload_fini(&r);
	rq.until_ms = T0_MS; /* before both */
	assert_int_equal(recload_run(&rq, &r), RECLOAD_OK);
	assert_true(r.boxes_read);
	assert_int_equal(r.nboxes, 0);
	recload_fini(&r);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_end_drops_at_once, dbfix_setup,
	                                    dbfix_teardown),
	    cmocka_unit_test_setup_teardown(test_no_end_row_rule, dbfix_setup,
	                                    dbfix_teardown),
	    cmocka_unit_test_setup_teardown(test_v2_row_rule, dbfix_setup,
	                                    dbfix_teardown),
	    cmocka_unit_test_setup_teardown(test_boxes_until, dbfix_setup,
	                                    dbfix_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
