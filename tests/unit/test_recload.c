/*
 * Unit tests for persist/recload.c against databases the tests write with
 * persist/recdb.h (and raw SQL for the broken ones): series keyed by pid +
 * start time, other boots left out, the 24 h bound, a missing, corrupt,
 * locked or newer database's reason; the boot's recorded events with their
 * black boxes (persist/recload_bbox.c); and model/histsnap.c's past: a loaded
 * past gives a verdict on the first live refresh.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>
#include <sqlite3.h>

#include "model/histsnap.h"
#include "persist/recdb.h"
#include "persist/recerr.h"
#include "persist/recload.h"
#include "dbfix.h"
#include "tfile.h"

#define MIN_MS 60000LL
#define HOUR_MS (60 * MIN_MS)
#define NOW_MS 1800000000000LL              /* wall, on a minute boundary */
#define MONO_MS ((uint64_t)(100 * HOUR_MS)) /* the monotonic clock then */

/* Run sql on path (created when missing). */
static void
run(const char *path, const char *sql)
{
	assert_int_equal(dbfix_run(path, sql), 0);
}

/* Samples' rows: in every sample (every 1, until INT32_MAX) unless a
 * test says otherwise. */
static int rows_every = 1, rows_until = INT32_MAX;

/* Write samples of boot boot_id at t0_ms + i * step_ms for i < n: a row
 * of (pid, start_time) in those rows_every and rows_until allow, with RSS
 * rss0_kb + i * grow_kb. */
static void
write_boot(const char *path, const char *boot_id, int64_t t0_ms,
           int64_t step_ms, int n, int32_t pid, uint64_t start_time,
           int64_t rss0_kb, int64_t grow_kb)
{
	enum recdb_status st;
	char err[512] = "";
	struct recdb *db = recdb_open(path, boot_id, &st, err, sizeof err);
	struct recdb_row row;
	struct recdb_sample s;

	if (db == NULL)
		fail_msg("recdb_open: %s", err);
	for (int i = 0; i < n; i++) {
		memset(&s, 0, sizeof s);
		s.time_ms = t0_ms + i * step_ms;
		s.mem.available_kb = 500000 - i;
		s.mem.swap_total_kb = s.mem.swap_free_kb = SNAP_NA;
		memset(&row, 0, sizeof row);
		row.pid = pid;
		row.start_time = start_time;
		row.rss_kb = row.anon_kb = rss0_kb + i * grow_kb;
		row.swap_kb = 0;
		s.rows = &row;
		s.nrows = i % rows_every == 0 && i <= rows_until;
		if (recdb_write(db, &s, err, sizeof err) != RECDB_OK)
			fail_msg("recdb_write: %s", err);
	}
	recdb_close(db);
}

/* Load path as boot boot_id at NOW_MS into *out. */
static enum recload_status
load(const char *path, const char *boot_id, struct recload *out)
{
	struct recload_req rq = {
	    .path = path,
	    .boot_id = boot_id,
	    .now_wall_ms = NOW_MS,
	    .now_mono_ms = MONO_MS,
	    .span_ms = RECLOAD_SPAN_MS,
	    .cap_bytes = 0,
	    .busy_ms = 50,
	};

	return recload_run(&rq, out);
}

/* A process's minute points come back under its pid + start time, with
 * its values and times; another boot's process of the same pid does not. */
static void
test_keyed_and_boot(void **state)
{
	struct dbfix *f = *state;
	struct procid mine = {100, 7}, other = {100, 5};
	struct hist_point pts[64];
	struct recload r;
	size_t n;

	write_boot(f->path, "boot-b", NOW_MS - 50 * MIN_MS, MIN_MS, 10, 100, 5,
	           9999, 0);
	write_boot(f->path, "boot-a", NOW_MS - 40 * MIN_MS, MIN_MS, 40, 100, 7,
	           100000, 2000);
	assert_int_equal(load(f->path, "boot-a", &r), RECLOAD_OK);
	/* from the first sample to the last, which is recent: no end said */
	assert_string_equal(r.why, "loaded 0h39m");
	assert_string_equal(r.ends, "");
	assert_int_equal(r.last_ms, NOW_MS - MIN_MS);
	assert_int_equal(r.samples, 40);
	assert_int_equal(hist_count_proc(r.past, other, HIST_MINUTE), 0);
	n = hist_read_proc(r.past, mine, HIST_MINUTE, HIST_RSS_KB, pts, 64);
	assert_int_equal(n, 40);
	assert_int_equal(pts[0].value, 100000);
	assert_int_equal(pts[39].value, 100000 + 39 * 2000);
	assert_int_equal(pts[39].wall_ms, NOW_MS - MIN_MS + MIN_MS / 2);
	/* the wall clock mapped onto the monotonic one */
	assert_int_equal(pts[39].mono_ms, MONO_MS - MIN_MS / 2);
	for (size_t i = 1; i < n; i++)
		assert_false(pts[i].gap);
	n = hist_read_sys(r.past, HIST_MINUTE, HIST_MEMAVAIL_KB, pts, 64);
	assert_int_equal(n, 40);
	assert_int_equal(pts[0].value, 500000);
	recload_fini(&r);
	/* the other boot alone */
	assert_int_equal(load(f->path, "boot-b", &r), RECLOAD_OK);
	assert_int_equal(hist_count_proc(r.past, mine, HIST_MINUTE), 0);
	assert_int_equal(hist_count_proc(r.past, other, HIST_MINUTE), 10);
	/* boot-b's record ends 41 minutes before now: said */
	assert_string_equal(r.why, "loaded 0h09m");
	assert_string_equal(r.ends, "the record ends 0h41m ago");
	recload_fini(&r);
	/* a boot the database has never seen */
	assert_int_equal(load(f->path, "boot-c", &r), RECLOAD_MISSING);
	assert_null(r.past);
}

/* Only the last 24 hours are loaded; a process with no row for more than
 * RECLOAD_CARRY_MS is gone, one with rows every 10 minutes is carried
 * between them, one point a minute. */
static void
test_24h_bound_and_carry(void **state)
{
	struct dbfix *f = *state;
	struct procid id = {300, 1}, id2 = {301, 1};
	struct hist_point pts[2000];
	struct recload r;
	size_t n, gaps = 0;

	/* every 30 minutes for 30 hours: too far apart to carry */
	write_boot(f->path, "boot-a", NOW_MS - 30 * HOUR_MS, 30 * MIN_MS, 61,
	           300, 1, 50000, 100);
	assert_int_equal(load(f->path, "boot-a", &r), RECLOAD_OK);
	n = hist_read_proc(r.past, id, HIST_MINUTE, HIST_RSS_KB, pts, 2000);
	assert_in_range(n, 48, 49);
	for (size_t i = 0; i < n; i++) {
		assert_true(pts[i].wall_ms >= NOW_MS - 24 * HOUR_MS - MIN_MS);
		gaps += pts[i].gap;
	}
	assert_int_equal(gaps, n - 1);
	recload_fini(&r);
	/* a sample a minute for 115 minutes, a row every 10 until minute
	 * 50: carried to minute 60 (10 minutes after its last row) */
	rows_every = 10;
	rows_until = 50;
	write_boot(f->path, "boot-c", NOW_MS - 115 * MIN_MS, MIN_MS, 115, 301,
	           1, 70000, 0);
	rows_every = 1;
	rows_until = INT32_MAX;
	assert_int_equal(load(f->path, "boot-c", &r), RECLOAD_OK);
	n = hist_read_proc(r.past, id2, HIST_MINUTE, HIST_RSS_KB, pts, 2000);
	assert_int_equal(n, 61);
	for (size_t i = 1; i < n; i++)
		assert_false(pts[i].gap);
	assert_int_equal(hist_count_sys(r.past, HIST_MINUTE), 115);
	recload_fini(&r);
}

/* A missing file is "no record"; garbage is corrupt; a file that is a
 * database but not a history one is too. */
static void
test_missing_and_corrupt(void **state)
{
	struct dbfix *f = *state;
	struct recload r;

	assert_int_equal(load(f->path, "boot-a", &r), RECLOAD_MISSING);
	assert_string_equal(r.why, "no record");
	/* a directory: said as --report and the recorder say it */
	assert_int_equal(load(f->dir, "boot-a", &r), RECLOAD_CORRUPT);
	assert_string_equal(r.why, "is a directory, not a database file");
	assert_int_equal(tfile_put(f->path, "this is no database, not at all, "
	                                    "and it is long enough to say so "
	                                    "to SQLite at least twice over\n"),
	                 0);
	assert_int_equal(load(f->path, "boot-a", &r), RECLOAD_CORRUPT);
	assert_non_null(strstr(r.why, "not a history database, or damaged"));
	assert_null(r.past);
	unlink(f->path);
	run(f->path, "CREATE TABLE t(x)");
	assert_int_equal(load(f->path, "boot-a", &r), RECLOAD_CORRUPT);
	assert_string_equal(r.why, RECERR_FOREIGN);
}

/* A newer schema that only adds tables is read, with a note; one whose
 * v1 tables changed is refused with the reason. */
static void
test_newer(void **state)
{
	struct dbfix *f = *state;
	struct recload r;

	write_boot(f->path, "boot-a", NOW_MS - 30 * MIN_MS, MIN_MS, 30, 100, 7,
	           1000, 10);
	run(f->path, "CREATE TABLE future(id INTEGER PRIMARY KEY); "
	             "PRAGMA user_version = 7");
	assert_int_equal(load(f->path, "boot-a", &r), RECLOAD_OK);
	assert_int_equal(r.minutes, 30);
	/* read, and said */
	assert_string_equal(
	    r.note, "schema 7, newer than this oomwatch's 4: read as 4");
	recload_fini(&r);
	run(f->path, "PRAGMA user_version = 3");
	assert_int_equal(load(f->path, "boot-a", &r), RECLOAD_OK);
	assert_string_equal(r.note, "");
	recload_fini(&r);
	run(f->path, "ALTER TABLE proc_rows RENAME TO proc_rows_v3; "
	             "PRAGMA user_version = 3");
	assert_int_equal(load(f->path, "boot-a", &r), RECLOAD_ERROR);
	assert_true(strncmp(r.why, "unknown schema: ", 16) == 0);
	assert_null(r.past);
}

/* A writer holding an exclusive lock (rollback journal) makes it
 * "locked" once the busy timeout has passed. */
static void
test_locked(void **state)
{
	struct dbfix *f = *state;
	struct recload r;
	sqlite3 *w;

	write_boot(f->path, "boot-a", NOW_MS - 30 * MIN_MS, MIN_MS, 30, 100, 7,
	           1000, 10);
	run(f->path, "PRAGMA journal_mode = DELETE");
	assert_int_equal(sqlite3_open(f->path, &w), SQLITE_OK);
	assert_int_equal(sqlite3_exec(w, "BEGIN EXCLUSIVE", NULL, NULL, NULL),
	                 SQLITE_OK);
	assert_int_equal(load(f->path, "boot-a", &r), RECLOAD_LOCKED);
	assert_string_equal(r.why, "locked by another program for more than "
	                           "1 s; try again");
	assert_int_equal(sqlite3_exec(w, "COMMIT", NULL, NULL, NULL),
	                 SQLITE_OK);
	sqlite3_close(w);
	assert_int_equal(load(f->path, "boot-a", &r), RECLOAD_OK);
	recload_fini(&r);
}

/* The trend of (pid, start_time) in hs. */
static enum trend_verdict
verdict(struct histsnap *hs, int32_t pid, uint64_t start_time)
{
	struct proc_row row;
	struct trend t;

	memset(&row, 0, sizeof row);
	row.pid = pid;
	row.start_time = start_time;
	histsnap_proc_trend(hs, &row, &t);
	return t.verdict;
}

/* 30 past minute points of a rising process and one live refresh: the
 * verdict is there at once (and "learning" without the past). */
static void
test_past_verdict_first_refresh(void **state)
{
	struct dbfix *f = *state;
	struct histsnap hs;
	struct snapshot snap;
	struct proc_row row;
	struct recload r;

	write_boot(f->path, "boot-a", NOW_MS - 30 * MIN_MS, MIN_MS, 30, 4242,
	           77, 200000, 3000);
	assert_int_equal(load(f->path, "boot-a", &r), RECLOAD_OK);
	assert_int_equal(histsnap_init(&hs, 1000, 0), 0);
	snapshot_init(&snap);
	snap.mono_ms = MONO_MS + 1000;
	snap.time_unix_ms = NOW_MS + 1000;
	memset(&row, 0, sizeof row);
	row.pid = 4242;
	row.start_time = 77;
	row.rss_kb = row.anon_kb = 200000 + 30 * 3000;
	assert_int_equal(snapshot_push_proc(&snap, &row), 0);
	assert_int_equal(histsnap_record(&hs, &snap), 0);
	assert_int_equal(verdict(&hs, 4242, 77), TREND_LEARNING);
	histsnap_set_past(&hs, r.past);
	r.past = NULL;
	assert_int_equal(verdict(&hs, 4242, 77), TREND_RISING);
	assert_int_equal(
	    histsnap_count_proc(&hs, (struct procid){4242, 77}, HIST_MINUTE),
	    30);
	/* another process of the same pid (a reused one) has no past */
	assert_int_equal(verdict(&hs, 4242, 78), TREND_LEARNING);
	histsnap_fini(&hs);
	snapshot_fini(&snap);
}

/* Past and live minute points join in order, the past first; a past more
 * than HIST_GAP_FACTOR minutes before the first live point leaves a gap. */
static void
test_past_then_live(void **state)
{
	struct dbfix *f = *state;
	struct histsnap hs;
	struct snapshot snap;
	struct proc_row row;
	struct recload r;
	enum hist_tier tier;
	size_t n;

	write_boot(f->path, "boot-a", NOW_MS - 40 * MIN_MS, MIN_MS, 25, 9, 1,
	           1000, 0);
	assert_int_equal(load(f->path, "boot-a", &r), RECLOAD_OK);
	assert_int_equal(histsnap_init(&hs, 1000, 0), 0);
	histsnap_set_past(&hs, r.past);
	snapshot_init(&snap);
	memset(&row, 0, sizeof row);
	row.pid = 9;
	row.start_time = 1;
	for (int i = 0; i <= 3 * 60; i++) { /* 3 live minutes */
		snapshot_reset(&snap);
		snap.mono_ms = MONO_MS + (uint64_t)i * 1000;
		snap.time_unix_ms = NOW_MS + i * 1000;
		row.rss_kb = 5000;
		assert_int_equal(snapshot_push_proc(&snap, &row), 0);
		assert_int_equal(histsnap_record(&hs, &snap), 0);
	}
	n = histsnap_read_proc(&hs, (struct procid){9, 1}, HIST_RSS_KB, &tier);
	assert_int_equal(tier, HIST_MINUTE);
	assert_int_equal(n, 25 + 3);
	assert_int_equal(hs.pts[24].value, 1000);
	assert_int_equal(hs.pts[25].value, 5000);
	assert_true(hs.pts[25].gap);
	for (size_t i = 1; i < n; i++)
		assert_true(hs.pts[i].mono_ms > hs.pts[i - 1].mono_ms);
	histsnap_fini(&hs);
	snapshot_fini(&snap);
}

/* A sample at time_ms with one row of pid (RSS rss_kb), and events. */
static void
write_events(struct recdb *db, int64_t time_ms, int64_t rss_kb,
             struct recdb_event *ev, size_t nev, struct recdb_bbox *bbox)
{
	struct recdb_row row = {.pid = 4242,
	                        .start_time = 9,
	                        .rss_kb = rss_kb,
	                        .anon_kb = rss_kb,
	                        .swap_kb = 0};
	struct recdb_ident id = {.pid = 4242,
	                         .start_time = 9,
	                         .uid = SNAP_UID_NA,
	                         .comm = (char *)"leak"};
	struct recdb_sample s;
	char err[512] = "";

	memset(&s, 0, sizeof s);
	s.time_ms = time_ms;
	s.mem.available_kb = 1234;
	s.mem.swap_total_kb = s.mem.swap_free_kb = SNAP_NA;
	s.rows = &row;
	s.nrows = 1;
	s.idents = &id;
	s.nidents = 1;
	s.events = ev;
	s.nevents = nev;
	s.bbox = bbox;
	if (recdb_write(db, &s, err, sizeof err) != RECDB_OK)
		fail_msg("recdb_write: %s", err);
}

/* A black box of 12 processes (pid 1000 + i, RSS i MB) and 2 growers. */
static struct recdb_bbox *
make_bbox(int64_t time_ms)
{
	struct recdb_bbox *b = calloc(1, sizeof *b);

	assert_non_null(b);
	b->time_ms = time_ms;
	b->mem.available_kb = 55555;
	b->mem.swap_total_kb = 1000000;
	b->mem.swap_free_kb = 400000;
	b->procs = calloc(12, sizeof *b->procs);
	assert_non_null(b->procs);
	for (int i = 0; i < 12; i++) {
		b->procs[i] = (struct recdb_bbox_proc){.pid = 1000 + i,
		                                       .start_time = 1,
		                                       .uid = 0,
		                                       .rss_kb = (i + 1) * 1024,
		                                       .swap_kb = i};
		snprintf(b->procs[i].comm, sizeof b->procs[i].comm, "p%d", i);
	}
	b->nprocs = 12;
	b->grew[0] = (struct recdb_bbox_grew){.pid = 4242,
	                                      .start_time = 9,
	                                      .rss_before_kb = 1000,
	                                      .rss_kb = 9000,
	                                      .comm = "leak"};
	b->grew[1] = (struct recdb_bbox_grew){.pid = 1003,
	                                      .start_time = 1,
	                                      .rss_before_kb = 0,
	                                      .rss_kb = 4096,
	                                      .comm = "p3"};
	b->ngrew = 2;
	/* the kill's memcg and its parent (bytes) */
	b->cgroups = calloc(2, sizeof *b->cgroups);
	assert_non_null(b->cgroups);
	b->cgroups[0] = (struct recdb_cgroup){.path = strdup("/jobs"),
	                                      .usage_bytes = 90 << 20,
	                                      .limit_bytes = INT64_MAX};
	b->cgroups[1] = (struct recdb_cgroup){.path = strdup("/jobs/leak"),
	                                      .usage_bytes = 48 << 20,
	                                      .limit_bytes = 64 << 20};
	b->ncgroups = 2;
	return b;
}

/* The boot's recorded events come back newest first with their black
 * boxes (top by RSS, growers, the victim's series), a kill without a box
 * and another boot's kill left as they should be. */
static void
test_boxes(void **state)
{
	struct dbfix *f = *state;
	enum recdb_status st;
	char err[512] = "";
	struct recdb *db = recdb_open(f->path, "bootA", &st, err, sizeof err);
	struct recdb_event ev[3] = {
	    {.kind = "oom_kill",
	     .time_kind = 1,
	     .time_us = 90000000,
	     .seq = 50,
	     .pid = 77,
	     .json = strdup("{\"kind\": \"oom_kill\", \"pid\": 77}")},
	    {.kind = "oom_kill",
	     .time_kind = 1,
	     .time_us = 95000000,
	     .seq = 60,
	     .pid = 4242,
	     .bbox = true,
	     .json = strdup("{\"kind\": \"oom_kill\", \"pid\": 4242, "
	                    "\"comm\": \"leak\", \"anon_rss_kb\": 9000, "
	                    "\"constraint\": \"memcg\", \"memcg\": "
	                    "\"/jobs/leak\"}")},
	    {.kind = "hung_task",
	     .time_kind = 1,
	     .time_us = 96000000,
	     .seq = 61,
	     .pid = 5,
	     .bbox = true,
	     .json = strdup("{\"kind\": \"hung_task\", \"comm\": \"jbd2\"}")},
	};
	struct recdb_bbox *bbox;
	struct recload r;
	const struct recbox *b;

	if (db == NULL)
		fail_msg("recdb_open: %s", err);
	for (int i = 0; i < 5; i++)
		write_events(db, NOW_MS - (10 - i) * MIN_MS, 1000 + i * 2000,
		             NULL, 0, NULL);
	bbox = make_bbox(NOW_MS - 5 * MIN_MS);
	write_events(db, NOW_MS - 4 * MIN_MS, 9000, ev, 3, bbox);
	recdb_bbox_free(bbox);
	for (int i = 0; i < 3; i++)
		free(ev[i].json);
	recdb_close(db);
	write_boot(f->path, "bootB", NOW_MS - 3 * MIN_MS, MIN_MS, 1, 9, 9, 1,
	           0);
	run(f->path,
	    "INSERT INTO events(time_ms, boot, kind, log_time_kind, "
	    "log_time_us, seq, pid, json) SELECT 1, id, 'oom_kill', 1, "
	    "1, 1, 1, '{}' FROM boots WHERE boot_id = 'bootB'");

	assert_int_equal(load(f->path, "bootA", &r), RECLOAD_OK);
	assert_int_equal(r.nboxes, 3);
	assert_string_equal(r.box_why, "");
	b = &r.boxes[0]; /* the newest: the hung task, with the same box */
	assert_int_equal(b->ev.kind, KEVENT_HUNG_TASK);
	assert_true(b->has_box);
	assert_memory_equal(b->ev.comm.s, "jbd2", 4);
	assert_false(b->has_memcg); /* not a memcg kill */
	b = &r.boxes[1];
	assert_int_equal(b->ev.kind, KEVENT_OOM_KILL);
	assert_int_equal(b->ev.seq, 60);
	assert_int_equal(b->ev.pid, 4242);
	assert_int_equal(b->ev.time.usec, 95000000);
	assert_int_equal(b->ev.oom.anon_rss_kb, 9000);
	assert_true(b->has_box);
	assert_int_equal(b->box_ms, NOW_MS - 5 * MIN_MS);
	assert_int_equal(b->avail_kb, 55555);
	assert_int_equal(b->swap_used_kb, 600000);
	assert_false(b->no_swap);
	/* a memcg kill: its memcg's row of the box, not its parent's */
	assert_true(b->has_memcg);
	assert_int_equal(b->memcg_usage_kb, 48 * 1024);
	assert_int_equal(b->memcg_limit_kb, 64 * 1024);
	assert_int_equal(b->ntop, RECBOX_TOP); /* 10 of 12, largest first */
	assert_int_equal(b->top[0].pid, 1011);
	assert_int_equal(b->top[0].rss_kb, 12 * 1024);
	assert_string_equal(b->top[0].comm, "p11");
	assert_int_equal(b->top[9].pid, 1002);
	assert_int_equal(b->ngrew, 2);
	assert_int_equal(b->grew[0].pid, 4242);
	assert_int_equal(b->grew[0].before_kb, 1000);
	assert_int_equal(b->grew[1].rss_kb, 4096);
	/* the victim's rows of the hour before, oldest first */
	assert_true(b->nvictim >= 5);
	assert_int_equal(b->victim[0].rss_kb, 1000);
	for (size_t i = 1; i < b->nvictim; i++)
		assert_true(b->victim[i].time_ms > b->victim[i - 1].time_ms);
	b = &r.boxes[2]; /* a kill the recorder kept no box for */
	assert_int_equal(b->ev.seq, 50);
	assert_false(b->has_box);
	assert_true(b->sampled_before); /* samples before it: dropped */
	assert_int_equal(b->ntop, 0);
	assert_true(b->avail_kb == SNAP_NA);
	recload_fini(&r);
	assert_null(r.boxes);

	/* a re-read of the boxes only: no past */
	{
		struct recload_req rq = {.path = f->path,
		                         .boot_id = "bootA",
		                         .now_wall_ms = NOW_MS,
		                         .now_mono_ms = MONO_MS,
		                         .span_ms = RECLOAD_SPAN_MS,
		                         .busy_ms = 50,
		                         .boxes_only = true};

		assert_int_equal(recload_run(&rq, &r), RECLOAD_OK);
		assert_null(r.past);
		assert_true(r.boxes_read);
		assert_int_equal(r.nboxes, 3);
		recload_fini(&r);
	}

	/* a boot with events but none of this span: still read */
	assert_int_equal(load(f->path, "bootB", &r), RECLOAD_OK);
	assert_int_equal(r.nboxes, 1);
	assert_false(r.boxes[0].has_box);
	recload_fini(&r);
}

/* A schema v1 file (no black-box tables): the kills, without boxes. */
static void
test_boxes_v1(void **state)
{
	struct dbfix *f = *state;
	struct recload r;

	write_boot(f->path, "bootA", NOW_MS - 3 * MIN_MS, MIN_MS, 2, 9, 9, 1,
	           0);
	run(f->path,
	    "DROP TABLE blackbox; DROP TABLE bb_procs; "
	    "INSERT INTO events(time_ms, boot, kind, log_time_kind, "
	    "log_time_us, seq, pid, json) SELECT 1, id, 'oom_kill', 1, "
	    "7, 3, 8, '{\"comm\": \"x\"}' FROM boots");
	assert_int_equal(load(f->path, "bootA", &r), RECLOAD_OK);
	assert_int_equal(r.nboxes, 1);
	assert_false(r.boxes[0].has_box);
	assert_int_equal(r.boxes[0].ev.pid, 8);
	recload_fini(&r);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_keyed_and_boot, dbfix_setup,
	                                    dbfix_teardown),
	    cmocka_unit_test_setup_teardown(test_24h_bound_and_carry,
	                                    dbfix_setup, dbfix_teardown),
	    cmocka_unit_test_setup_teardown(test_missing_and_corrupt,
	                                    dbfix_setup, dbfix_teardown),
	    cmocka_unit_test_setup_teardown(test_newer, dbfix_setup,
	                                    dbfix_teardown),
	    cmocka_unit_test_setup_teardown(test_locked, dbfix_setup,
	                                    dbfix_teardown),
	    cmocka_unit_test_setup_teardown(test_past_verdict_first_refresh,
	                                    dbfix_setup, dbfix_teardown),
	    cmocka_unit_test_setup_teardown(test_boxes, dbfix_setup,
	                                    dbfix_teardown),
	    cmocka_unit_test_setup_teardown(test_boxes_v1, dbfix_setup,
	                                    dbfix_teardown),
	    cmocka_unit_test_setup_teardown(test_past_then_live, dbfix_setup,
	                                    dbfix_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
