/* Unit tests for persist/recdb.c's black boxes against temporary
 * database files: an OOM kill's box linked to its event, their
 * retention, the size cap taking the oldest boxes, and the victim's RSS
 * history from its own process's rows (the rest: test_recdb.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <cmocka.h>

#include "persist/recdb.h"
#include "dbfix.h"
#include "recfix.h"

#define HOUR_MS (3600LL * 1000)
#define DAY_MS (24 * HOUR_MS)
#define T0 1800000000000LL /* a wall time, ms, on a minute boundary */

/* Open path as boot-a, expecting RECDB_OK. */
static struct recdb *
open_ok(const char *path)
{
	struct recdb *db = recfix_db(path, "boot-a");

	assert_non_null(db);
	return db;
}

/* A cgroup row: usage, limit (NULL when unknown), PSI. */
static struct recdb_cgroup
cgroup(const char *path, int64_t usage)
{
	return (struct recdb_cgroup){.path = strdup(path),
	                             .usage_bytes = usage,
	                             .limit_bytes = SNAP_NA,
	                             .high_bytes = SNAP_NA,
	                             .swap_bytes = 0,
	                             .oom = 1,
	                             .oom_kill = 1,
	                             .psi_some_avg10 = 2.5};
}

/* A black box of the sample at time t: n processes pids 100.., one
 * cgroup, pid 100 the top grower. */
static struct recdb_bbox *
bbox(int64_t t, size_t n)
{
	struct recdb_bbox *b = calloc(1, sizeof *b);

	b->time_ms = t;
	b->mem = (struct mem_info){1000, 500, 123, 1, 2, 3, 4, 0, 0, 9, 8};
	b->psi.valid = true;
	b->psi.some.avg10 = 42.0;
	b->procs = calloc(n, sizeof *b->procs);
	for (size_t i = 0; i < n; i++)
		b->procs[b->nprocs++] =
		    (struct recdb_bbox_proc){.pid = (int32_t)(100 + i),
		                             .start_time = 7,
		                             .uid = 0,
		                             .comm = "hog",
		                             .rss_kb = 9000 + (int64_t)i,
		                             .anon_kb = 9000,
		                             .swap_kb = SNAP_NA,
		                             .oom_score = 900,
		                             .oom_score_adj = 0};
	b->cgroups = calloc(1, sizeof *b->cgroups);
	b->cgroups[b->ncgroups++] = cgroup("/victim.slice", 1 << 20);
	b->grew[b->ngrew++] = (struct recdb_bbox_grew){.pid = 100,
	                                               .start_time = 7,
	                                               .comm = "hog",
	                                               .rss_before_kb = 0,
	                                               .rss_kb = 9000};
	return b;
}

/* An OOM kill (pid 100) with a black box: linked to the event, the whole
 * process list (not just the stored rows), the victim's RSS history from
 * its rows; a second sample reading the same kill again adds none; an
 * event not marked gets none. */
static void
test_blackbox(void **state)
{
	struct dbfix *f = *state;
	struct recdb *db = open_ok(f->path);
	struct recdb_sample s;

	for (int i = 0; i < 3; i++) {
		recfix_sample(&s, T0 + i * 10000, 1, i == 0 ? 1 : 0,
		              1000 * (i + 1));
		s.cgroups = calloc(1, sizeof *s.cgroups);
		s.cgroups[s.ncgroups++] = cgroup("/victim.slice", i);
		assert_int_equal(dbfix_write(db, &s), 0);
	}
	for (int k = 0; k < 2; k++) {
		recfix_sample(&s, T0 + (3 + k) * 10000, 0, 0, 0);
		s.events = calloc(2, sizeof *s.events);
		s.events[0] = (struct recdb_event){
		    "oom_kill", 1, 228000000, 42, 100, strdup("{}"), true};
		s.events[1] = (struct recdb_event){
		    "null_deref", 1, 228000001, 43, 100, strdup("{}"), false};
		s.nevents = 2;
		s.bbox = bbox(T0 + 20000, 5);
		assert_int_equal(dbfix_write(db, &s), 0);
	}
	recdb_close(db);
	assert_int_equal(dbfix_int(f->path, "SELECT count(*) FROM cgroup_rows"),
	                 3);
	assert_int_equal(dbfix_int(f->path, "SELECT count(*) FROM cgroups"), 1);
	assert_int_equal(dbfix_int(f->path, "SELECT count(*) FROM blackbox"),
	                 1);
	assert_int_equal(dbfix_int(f->path,
	                           "SELECT e.kind = 'oom_kill' FROM blackbox "
	                           "b JOIN events e ON e.id = b.event_id"),
	                 1);
	assert_int_equal(
	    dbfix_int(f->path, "SELECT mem_available_kb FROM blackbox"), 123);
	assert_int_equal(dbfix_int(f->path, "SELECT count(*) FROM bb_procs"),
	                 5);
	assert_int_equal(dbfix_int(f->path,
	                           "SELECT rss_kb FROM bb_procs WHERE pid = "
	                           "104"),
	                 9004);
	assert_int_equal(
	    dbfix_int(f->path, "SELECT usage_bytes FROM bb_cgroups"), 1 << 20);
	assert_int_equal(dbfix_int(f->path,
	                           "SELECT rss_kb FROM bb_grew WHERE rank = "
	                           "1 AND pid = 100"),
	                 9000);
	/* the victim's rows of the hour before: 1000, 2000, 3000 */
	assert_int_equal(dbfix_int(f->path,
	                           "SELECT group_concat(rss_kb) = "
	                           "'1000,2000,3000' FROM (SELECT rss_kb "
	                           "FROM bb_victim_rss ORDER BY time_ms)"),
	                 1);
	/* a burst: the first RECDB_BBOX_PER_SAMPLE get a black box */
	db = open_ok(f->path);
	recfix_sample(&s, T0 + 60000, 0, 0, 0);
	s.events = calloc(20, sizeof *s.events);
	for (int i = 0; i < 20; i++)
		s.events[s.nevents++] = (struct recdb_event){
		    "oom_kill",   1,   300000000 + i, 100 + i, 100,
		    strdup("{}"), true};
	s.bbox = bbox(T0 + 50000, 2);
	assert_int_equal(dbfix_write(db, &s), 0);
	recdb_close(db);
	assert_int_equal(dbfix_int(f->path, "SELECT count(*) FROM blackbox"),
	                 1 + RECDB_BBOX_PER_SAMPLE);
}

/* Sample retention leaves black boxes alone; the event's own retention
 * (90 days) takes them with it. */
static void
test_blackbox_retention(void **state)
{
	struct dbfix *f = *state;
	struct recdb *db = open_ok(f->path);
	struct recdb_sample s;
	struct recdb_limits lim = {.retain_ms = DAY_MS};
	char err[256];
	bool more = true;

	recfix_sample(&s, T0, 2, 2, 5000);
	s.events = calloc(1, sizeof *s.events);
	s.events[0] =
	    (struct recdb_event){"hung_task", 1, 5, 1, 101, strdup("{}"), true};
	s.nevents = 1;
	s.bbox = bbox(T0 - 10000, 3);
	s.cgroups = calloc(1, sizeof *s.cgroups);
	s.cgroups[s.ncgroups++] = cgroup("/a", 1);
	assert_int_equal(dbfix_write(db, &s), 0);
	recfix_sample(&s, T0 + 10 * DAY_MS, 1, 0, 5000);
	assert_int_equal(dbfix_write(db, &s), 0);
	for (int i = 0; i < 5 && more; i++)
		assert_int_equal(recdb_maintain(db, T0 + 10 * DAY_MS, &lim,
		                                &more, err, sizeof err),
		                 RECDB_OK);
	assert_int_equal(dbfix_int(f->path, "SELECT count(*) FROM samples"), 1);
	assert_int_equal(dbfix_int(f->path, "SELECT count(*) FROM cgroup_rows"),
	                 0);
	assert_int_equal(dbfix_int(f->path, "SELECT count(*) FROM blackbox"),
	                 1);
	assert_int_equal(dbfix_int(f->path, "SELECT count(*) FROM bb_procs"),
	                 3);
	assert_int_equal(dbfix_int(f->path, "SELECT count(*) FROM bb_grew"), 1);
	/* 91 days on: the event goes, and its black box with it */
	recfix_sample(&s, T0 + 91 * DAY_MS, 1, 0, 5000);
	assert_int_equal(dbfix_write(db, &s), 0);
	more = true;
	for (int i = 0; i < 5 && more; i++)
		assert_int_equal(recdb_maintain(db, T0 + 91 * DAY_MS, &lim,
		                                &more, err, sizeof err),
		                 RECDB_OK);
	recdb_close(db);
	assert_int_equal(dbfix_int(f->path, "SELECT count(*) FROM events"), 0);
	assert_int_equal(dbfix_int(f->path, "SELECT count(*) FROM blackbox"),
	                 0);
	assert_int_equal(dbfix_int(f->path, "SELECT count(*) FROM bb_procs"),
	                 0);
	assert_int_equal(dbfix_int(f->path, "SELECT count(*) FROM bb_cgroups"),
	                 0);
	assert_int_equal(dbfix_int(f->path, "SELECT count(*) FROM bb_grew"), 0);
}

/* Bytes of path plus its -wal on disk. */
static long long
disk_bytes(const char *path)
{
	char wal[256];
	struct stat a, b;

	snprintf(wal, sizeof wal, "%s-wal", path);
	return (stat(path, &a) == 0 ? (long long)a.st_size : 0) +
	       (stat(wal, &b) == 0 ? (long long)b.st_size : 0);
}

/* Write sample i (10 s apart) with an OOM kill (seq 10 + k) whose black
 * box holds nprocs processes. */
static void
kill_sample(struct recdb *db, int i, int k, size_t nprocs)
{
	struct recdb_sample s;

	recfix_sample(&s, T0 + i * 10000, 20, i == 0 ? 20 : 0, 5000 + i);
	s.events = calloc(1, sizeof *s.events);
	s.events[s.nevents++] = (struct recdb_event){
	    "oom_kill", 1, 1000 + k, 10 + k, 100, strdup("{}"), true};
	s.bbox = bbox(T0 + (i - 1) * 10000, nprocs);
	assert_int_equal(dbfix_write(db, &s), 0);
}

/* Run maintenance to its end under lim. */
static void
maintain_all(struct recdb *db, const struct recdb_limits *lim)
{
	char err[256];
	bool more = true;

	for (int n = 0; n < 100 && more; n++)
		assert_int_equal(recdb_maintain(db, T0 + HOUR_MS, lim, &more,
		                                err, sizeof err),
		                 RECDB_OK);
	assert_false(more);
}

/* --max-size with black boxes over half of it: the oldest boxes go (their
 * events stay) until the whole is under it, the samples all stay, and
 * the file with its -wal ends under the cap; the recorder can say so
 * (recdb_boxes_capped). */
static void
test_size_cap_boxes(void **state)
{
	struct dbfix *f = *state;
	struct recdb *db = open_ok(f->path);
	struct recdb_sample s;
	struct recdb_limits lim = {.retain_ms = 7 * DAY_MS,
	                           .max_size_bytes = 1 << 20};
	int i;

	for (i = 0; i < 30; i++) {
		recfix_sample(&s, T0 + i * 10000, 20, i == 0 ? 20 : 0,
		              5000 + i);
		assert_int_equal(dbfix_write(db, &s), 0);
	}
	for (int k = 0; k < 40; k++, i++) /* about 3 MB of boxes */
		kill_sample(db, i, k, 1500);
	assert_true(disk_bytes(f->path) > 2 * lim.max_size_bytes);
	assert_int_equal(recdb_boxes_capped(db), 0);
	maintain_all(db, &lim);
	assert_true(disk_bytes(f->path) <= lim.max_size_bytes);
	assert_true(recdb_boxes_capped(db) > 0);
	recdb_close(db);
	/* every sample and event stays; the newest box stays, the oldest
	 * went, and what is left of them is under half the cap */
	assert_int_equal(dbfix_int(f->path, "SELECT count(*) FROM samples"),
	                 70);
	assert_int_equal(dbfix_int(f->path, "SELECT count(*) FROM events"), 40);
	assert_int_equal(dbfix_int(f->path,
	                           "SELECT max(e.seq) FROM blackbox b JOIN "
	                           "events e ON e.id = b.event_id"),
	                 49);
	assert_true(dbfix_int(f->path, "SELECT count(*) FROM blackbox") < 20);
	assert_int_equal(dbfix_int(f->path,
	                           "SELECT count(*) FROM bb_procs WHERE bb_id "
	                           "NOT IN (SELECT id FROM blackbox)"),
	                 0);
	/* only what the cap needed: boxes above half of it are kept */
	assert_true(dbfix_int(f->path, "SELECT count(*) FROM blackbox") >= 5);
}

/* Under the cap (the files on disk, the -wal included, below it) nothing
 * goes: the pages still only in the -wal are counted once. */
static void
test_size_cap_under(void **state)
{
	struct dbfix *f = *state;
	struct recdb *db = open_ok(f->path);
	struct recdb_limits lim = {.retain_ms = 7 * DAY_MS,
	                           .max_size_bytes = 1 << 20};
	int i = 0;

	while (disk_bytes(f->path) < lim.max_size_bytes - (64 << 10)) {
		kill_sample(db, i, i, 300);
		i++;
	}
	assert_true(disk_bytes(f->path) <= lim.max_size_bytes);
	maintain_all(db, &lim);
	assert_int_equal(recdb_boxes_capped(db), 0);
	recdb_close(db);
	assert_int_equal(dbfix_int(f->path, "SELECT count(*) FROM samples"), i);
	assert_int_equal(dbfix_int(f->path, "SELECT count(*) FROM blackbox"),
	                 i);
}

/* Write a sample at time t with one row of pid 100 started at start
 * (none when rss is 0), its identity, and (kill) an OOM kill of pid 100
 * whose black box's sample holds pid 100 started at bb_start (no pid 100
 * when bb_start is 0). */
static void
victim_sample(struct recdb *db, int64_t t, uint64_t start, int64_t rss,
              int kill, uint64_t bb_start)
{
	struct recdb_sample s;

	recfix_sample(&s, t, rss ? 1 : 0, rss ? 1 : 0, rss);
	if (rss) {
		s.rows[0].start_time = start;
		s.idents[0].start_time = start;
	}
	if (kill) {
		s.events = calloc(1, sizeof *s.events);
		s.events[s.nevents++] = (struct recdb_event){
		    "oom_kill", 1, t * 1000, t, 100, strdup("{}"), true};
		s.bbox = bbox(t - 1000, 1);
		s.bbox->procs[0].start_time = bb_start;
		if (bb_start == 0)
			s.bbox->procs[0].pid = 999;
	}
	assert_int_equal(dbfix_write(db, &s), 0);
}

/* The victim's RSS history is its own process's: pid 100 (start 7) ran
 * and exited 30 minutes before a kill of pid 100 reused by a process
 * with no row: no history (not the earlier one's). With the black box's
 * start time, the matching process's rows, not the earlier one's seen
 * later. */
static void
test_blackbox_victim(void **state)
{
	struct dbfix *f = *state;
	struct recdb *db = open_ok(f->path);

	for (int i = 0; i < 3; i++)
		victim_sample(db, T0 + i * 60000, 7, 5000 + i, 0, 0);
	victim_sample(db, T0 + 32 * 60000, 0, 0, 1, 0);
	assert_int_equal(
	    dbfix_int(f->path, "SELECT count(*) FROM bb_victim_rss"), 0);
	/* pid 100 again (start 900), rows 7000, 7001; then the earlier
	 * identity is seen once more (a stale row), then the kill of 900 */
	victim_sample(db, T0 + 33 * 60000, 900, 7000, 0, 0);
	victim_sample(db, T0 + 34 * 60000, 900, 7001, 0, 0);
	victim_sample(db, T0 + 35 * 60000, 7, 5009, 0, 0);
	victim_sample(db, T0 + 36 * 60000, 0, 0, 1, 900);
	recdb_close(db);
	assert_int_equal(dbfix_int(f->path,
	                           "SELECT group_concat(rss_kb) = "
	                           "'7000,7001' FROM (SELECT rss_kb FROM "
	                           "bb_victim_rss ORDER BY time_ms)"),
	                 1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_blackbox, dbfix_setup,
	                                    dbfix_teardown),
	    cmocka_unit_test_setup_teardown(test_blackbox_retention,
	                                    dbfix_setup, dbfix_teardown),
	    cmocka_unit_test_setup_teardown(test_blackbox_victim, dbfix_setup,
	                                    dbfix_teardown),
	    cmocka_unit_test_setup_teardown(test_size_cap_under, dbfix_setup,
	                                    dbfix_teardown),
	    cmocka_unit_test_setup_teardown(test_size_cap_boxes, dbfix_setup,
	                                    dbfix_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
