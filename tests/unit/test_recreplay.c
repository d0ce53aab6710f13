/* Unit tests for persist/recreplay.c against a history database written
 * by persist/recdb.c (the recorder's own writer; raw SQL only for the
 * broken ones): a sample rebuilt as a snapshot, the 11-minute liveness
 * and process ends, stepping by a minute, event jumps, boots, the
 * cgroups and the refusals (their recorded ends: test_cgends.c). */
#include <dirent.h>
#include <errno.h>
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

#include "app/record_cg.h"
#include "model/kevents.h"
#include "model/snapcg.h"
#include "persist/recdb.h"
#include "persist/recreplay.h"

#include "dbfix.h"
#include "recfix.h"

#define SEC_MS 1000LL
#define T0 1800000000000LL /* 2027-01-15 08:00:00 UTC */
#define NA 90              /* boot-a: samples 0..89, 10 s apart */
#define NB 10              /* boot-b: samples 90..99, an hour later */
#define TB (T0 + 3600 * SEC_MS)
#define TB_SQL "1800003600000" /* TB in SQL */

/* The fixture's identities (uid 1000) and rows (no swap, score 700). */
#define ident(pid, comm, cmdline, cgroup)                                      \
	recfix_ident(pid, 1000, comm, cmdline, cgroup)
#define row(pid, rss_kb, adj) recfix_row(pid, rss_kb, 0, 700, adj)

/* Boot-a's sample i: "leaky" (100) a row every sample, 1000 kB more
 * each; "quiet" (101) one row at 0 only; "svc" (102) rows at 0 and 60. */
static void
sample_a(struct recdb_sample *s, int i)
{
	s->rows = calloc(3, sizeof *s->rows);
	s->idents = calloc(3, sizeof *s->idents);
	if (i == 0) {
		s->idents[s->nidents++] = ident(100, "leaky", NULL, NULL);
		s->idents[s->nidents++] = ident(101, "quiet", NULL, NULL);
		s->idents[s->nidents++] =
		    ident(102, "svc", "/usr/bin/svc --port 80", "/svc.slice");
		s->rows[s->nrows++] = row(101, 5000, 0);
	}
	s->rows[s->nrows++] = row(100, 100000 + i * 1000, 0);
	if (i == 0 || i == 60)
		s->rows[s->nrows++] = row(102, 20000 + i, -500);
}

/* An event (JSON of `--events --json`) into s. */
static void
event(struct recdb_sample *s, const char *kind, const char *json)
{
	s->events = calloc(1, sizeof *s->events);
	s->events[s->nevents++] = (struct recdb_event){
	    kind, 1, 5000000000LL + s->time_ms, -1, -1, strdup(json), false};
}

/* Sample i of the fixture (a recfix_fill_fn): boot-a's rows and
 * events, or boot-b's one process. */
static void
fill_boot(struct recdb_sample *s, int i, void *arg)
{
	(void)arg;
	recfix_mem(s, i);
	s->psi = (struct psi_memory){.valid = true,
	                             .some = {i / 10.0, 1.5, 0.5, 777}};
	if (i < NA)
		sample_a(s, i);
	else
		s->rows = calloc(1, sizeof *s->rows);
	if (i == NA) {
		s->idents = calloc(1, sizeof *s->idents);
		s->idents[s->nidents++] = ident(300, "newboot", NULL, NULL);
	}
	if (i >= NA)
		s->rows[s->nrows++] = row(300, 3000, 0);
	if (i == 30)
		event(s, "oom_kill",
		      "{\"kind\": \"oom_kill\", \"pid\": 4242, "
		      "\"comm\": \"victim\", \"uid\": 1000, "
		      "\"total_vm_kb\": 68268, \"anon_rss_kb\": "
		      "65280, \"file_rss_kb\": 1060, "
		      "\"shmem_rss_kb\": 0, \"pgtables_kb\": 172, "
		      "\"oom_score_adj\": 300, \"constraint\": "
		      "\"memcg\", \"memcg\": \"/app.slice\", "
		      "\"trigger\": \"hog\", \"gfp_mask\": "
		      "\"0xcc0(GFP_KERNEL)\", \"order\": 0}");
	if (i == 50)
		event(s, "hung_task",
		      "{\"kind\": \"hung_task\", \"pid\": 99, "
		      "\"comm\": \"jbd2\", \"seconds\": 120}");
}

/* Write samples [from, to) of boot boot_id at t0, 10 s apart. */
static void
write_boot(const char *path, const char *boot_id, int from, int to, int64_t t0)
{
	assert_int_equal(recfix_write(path, boot_id, from, to, t0, 10 * SEC_MS,
	                              fill_boot, NULL),
	                 0);
}

/* The fixture's database: boot-a, then boot-b an hour later. */
static void
fixture_db(const char *path)
{
	write_boot(path, "boot-a", 0, NA, T0);
	write_boot(path, "boot-b", NA, NA + NB, TB);
}

/* A sample as a snapshot: meminfo, PSI, rates, the rows at their latest
 * values, identities and strings. */
static void
test_snapshot(void **state)
{
	struct dbfix *f = *state;
	struct recreplay *r;
	struct snapshot snap;
	const struct proc_row *p;
	uint32_t len;

	fixture_db(f->path);
	r = recfix_replay(f->path);
	assert_non_null(r);
	snapshot_init(&snap);
	assert_int_equal(recreplay_count(r), NA + NB);
	assert_int_equal(recreplay_sample(r, 10)->time_ms, T0 + 100 * SEC_MS);
	assert_int_equal(recreplay_snapshot(r, 0, &snap), 0);
	assert_false(snap.rates.valid);
	assert_int_equal(snap.nprocs, 3);
	assert_int_equal(recreplay_snapshot(r, 10, &snap), 0);
	assert_int_equal(snap.time_unix_ms, T0 + 100 * SEC_MS);
	assert_int_equal(snap.mono_ms, (uint64_t)(T0 + 100 * SEC_MS));
	assert_int_equal(snap.mem.available_kb, 4000000 - 10000);
	assert_int_equal(snap.mem.swap_free_kb, 1999000);
	assert_int_equal(snap.mem.commit_limit_kb, SNAP_NA);
	assert_true(snap.psi.valid);
	assert_false(snap.psi.full_valid);
	assert_true(snap.psi.some.avg10 > 0.99 && snap.psi.some.avg10 < 1.01);
	assert_int_equal(snap.psi.some.total_us, 777);
	assert_int_equal(snap.vmstat.pswpout, 100);
	assert_true(snap.rates.valid);
	assert_true(snap.rates.pswpout > 0.99 && snap.rates.pswpout < 1.01);
	assert_int_equal(snap.vm.panic_on_oom, SNAP_NA);
	assert_int_equal(snap.nprocs, 3);
	p = recfix_pid(&snap, 100);
	assert_non_null(p);
	assert_int_equal(p->rss_kb, 110000);
	assert_int_equal(p->anon_kb, 55000);
	assert_int_equal(p->file_kb, SNAP_NA);
	assert_int_equal(p->oom_score, 700);
	assert_string_equal(p->comm, "leaky");
	assert_string_equal(p->user, "1000");
	assert_int_equal(p->uid, 1000);
	assert_int_equal(p->start_time, 7);
	assert_int_equal(p->cmdline_off, SNAP_NO_STR);
	p = recfix_pid(&snap, 102);
	assert_non_null(p);
	assert_int_equal(p->rss_kb, 20000); /* its row at 0, the latest */
	assert_int_equal(p->oom_score_adj, -500);
	len = p->cmdline_len;
	assert_memory_equal(snapshot_str(&snap, p->cmdline_off, len),
	                    "/usr/bin/svc --port 80", len);
	assert_int_equal(len, strlen("/usr/bin/svc --port 80"));
	assert_memory_equal(snapshot_str(&snap, p->cgroup_off, p->cgroup_len),
	                    "/svc.slice", p->cgroup_len);
	assert_int_equal(recreplay_snapshot(r, 61, &snap), 0);
	assert_int_equal(recfix_pid(&snap, 102)->rss_kb, 20060);
	snapshot_fini(&snap);
	recreplay_close(r);
}

/* A process with no row in the 11 minutes up to a sample is gone; a
 * sample of another boot shows only that boot's processes. */
static void
test_liveness(void **state)
{
	struct dbfix *f = *state;
	struct recreplay *r;
	struct snapshot snap;

	fixture_db(f->path);
	r = recfix_replay(f->path);
	assert_non_null(r);
	snapshot_init(&snap);
	/* quiet's only row is at 0: 660 s later (sample 66) is 11 min */
	assert_int_equal(recreplay_snapshot(r, 66, &snap), 0);
	assert_non_null(recfix_pid(&snap, 101));
	assert_int_equal(recreplay_snapshot(r, 67, &snap), 0);
	assert_null(recfix_pid(&snap, 101));
	assert_non_null(recfix_pid(&snap, 100));
	assert_non_null(recfix_pid(&snap, 102)); /* its row at 60 */
	assert_int_equal(recreplay_snapshot(r, NA, &snap), 0);
	assert_int_equal(snap.nprocs, 1);
	assert_int_equal(snap.procs[0].pid, 300);
	assert_false(snap.rates.valid); /* the first of its boot */
	snapshot_fini(&snap);
	recreplay_close(r);
}

/* Write 6 samples of boot-a, 10 s apart: "cc1" (500) rows at 0 and 1,
 * ended (gone) at 3; "idle" (501) one row at 0, never ended. */
static void
write_ends(const char *path)
{
	struct recdb *db = recfix_db(path, "boot-a");
	struct recdb_sample s;

	assert_non_null(db);
	for (int i = 0; i < 6; i++) {
		memset(&s, 0, sizeof s);
		s.time_ms = T0 + i * 10 * SEC_MS;
		s.rows = calloc(2, sizeof *s.rows);
		s.idents = calloc(2, sizeof *s.idents);
		if (i == 0) {
			s.idents[s.nidents++] = ident(500, "cc1", NULL, NULL);
			s.idents[s.nidents++] = ident(501, "idle", NULL, NULL);
			s.rows[s.nrows++] = row(501, 4000, 0);
		}
		if (i <= 1)
			s.rows[s.nrows++] = row(500, 9000 + i, 0);
		if (i == 3) {
			s.ends = calloc(1, sizeof *s.ends);
			s.ends[s.nends++] =
			    (struct recdb_end){.pid = 500, .start_time = 7};
		}
		assert_int_equal(dbfix_write(db, &s), 0);
	}
	recdb_close(db);
}

/* Whether pid is in sample i's snapshot. */
static bool
alive_at(struct recreplay *r, size_t i, int32_t pid)
{
	struct snapshot snap;
	bool found;

	snapshot_init(&snap);
	assert_int_equal(recreplay_snapshot(r, i, &snap), 0);
	found = recfix_pid(&snap, pid) != NULL;
	snapshot_fini(&snap);
	return found;
}

/* A process that ended is gone from the sample it ended at on, one that
 * lives on without rows stays; a version 2 file (no end_sample) falls
 * back to the 11-minute rows rule. */
static void
test_ended(void **state)
{
	struct dbfix *f = *state;
	struct recreplay *r;

	write_ends(f->path);
	r = recfix_replay(f->path);
	assert_non_null(r);
	assert_true(alive_at(r, 2, 500));  /* no row at 2, not ended */
	assert_false(alive_at(r, 3, 500)); /* ended 0 samples ago */
	assert_false(alive_at(r, 4, 500)); /* ended 1 sample ago */
	for (size_t i = 0; i < 6; i++)
		assert_true(alive_at(r, i, 501));
	recreplay_close(r);
	assert_int_equal(dbfix_run(f->path, "ALTER TABLE procs DROP COLUMN "
	                                    "end_sample; PRAGMA user_version "
	                                    "= 2"),
	                 0);
	r = recfix_replay(f->path);
	assert_non_null(r);
	assert_true(alive_at(r, 4, 500));
	assert_true(alive_at(r, 5, 501));
	recreplay_close(r);
}

/* Run sql on path, then the first sample recreplay_boot_first gives for
 * boot-b on a new replay. */
static size_t
boot_b_first(const char *path, const char *sql)
{
	struct recreplay *r;
	size_t i = SIZE_MAX;

	assert_int_equal(dbfix_run(path, sql), 0);
	r = recfix_replay(path);
	assert_non_null(r);
	assert_int_equal(recreplay_boot_first(r, "boot-b", &i), 0);
	recreplay_close(r);
	return i;
}

/* Stepping a minute back and forward, finding a time, and boots. */
static void
test_steps(void **state)
{
	struct dbfix *f = *state;
	struct recreplay *r;
	char boot[64];
	size_t i = 12345;

	fixture_db(f->path);
	r = recfix_replay(f->path);
	assert_non_null(r);
	assert_int_equal(recreplay_step(r, 0, 60 * SEC_MS), 6);
	assert_int_equal(recreplay_step(r, 6, -60 * SEC_MS), 0);
	assert_int_equal(recreplay_step(r, 3, -60 * SEC_MS), 0);
	assert_int_equal(recreplay_step(r, 10, 10 * SEC_MS), 11);
	assert_int_equal(recreplay_step(r, 85, 60 * SEC_MS), NA);
	assert_int_equal(recreplay_step(r, NA, -60 * SEC_MS), NA - 1);
	assert_int_equal(recreplay_step(r, NA + NB - 1, 60 * SEC_MS),
	                 NA + NB - 1);
	assert_int_equal(recreplay_find(r, T0 + 25 * SEC_MS, 660 * SEC_MS, &i),
	                 0);
	assert_int_equal(i, 2);
	assert_int_equal(recreplay_find(r, T0 - 1, 660 * SEC_MS, &i), -1);
	/* in the gap between the boots: the last sample is 35 min before */
	assert_int_equal(
	    recreplay_find(r, TB - 5 * 60 * SEC_MS, 660 * SEC_MS, &i), -1);
	assert_int_equal(recreplay_find(r, TB + 3600 * SEC_MS, INT64_MAX, &i),
	                 0);
	assert_int_equal(i, NA + NB - 1);
	assert_int_equal(recreplay_boot_first(r, "boot-b", &i), 0);
	assert_int_equal(i, NA);
	assert_int_equal(recreplay_boot_first(r, "boot-a", &i), 0);
	assert_int_equal(i, 0);
	assert_int_equal(recreplay_boot_first(r, "boot-z", &i), 1);
	assert_int_equal(recreplay_boot_id(r, NA + 3, boot, sizeof boot), 0);
	assert_string_equal(boot, "boot-b");
	recreplay_close(r);
	/* a recorder's first sample holds no process: the next one */
	assert_int_equal(boot_b_first(f->path,
	                              "DELETE FROM proc_rows WHERE "
	                              "sample_id IN (SELECT id FROM "
	                              "samples WHERE time_ms = " TB_SQL ")"),
	                 NA + 1);
	/* no sample of the boot holds one: its first */
	assert_int_equal(boot_b_first(f->path,
	                              "DELETE FROM proc_rows WHERE "
	                              "sample_id IN (SELECT id FROM "
	                              "samples WHERE time_ms >= " TB_SQL ")"),
	                 NA);
}

/* The events: their samples, the next and previous from a cursor. */
static void
test_events(void **state)
{
	struct dbfix *f = *state;
	struct recreplay *r;
	const struct recreplay_event *e;
	size_t k = 99;

	fixture_db(f->path);
	r = recfix_replay(f->path);
	assert_non_null(r);
	assert_int_equal(recreplay_nevents(r), 2);
	e = recreplay_event(r, 0);
	assert_string_equal(e->kind, "oom_kill");
	assert_int_equal(e->at, 30);
	assert_int_equal(e->pid, 4242);
	assert_string_equal(e->comm, "victim");
	assert_int_equal(recreplay_event(r, 1)->at, 50);
	assert_int_equal(recreplay_event_step(r, 0, SIZE_MAX, 1, &k), 0);
	assert_int_equal(k, 0);
	assert_int_equal(recreplay_event_step(r, 30, SIZE_MAX, 1, &k), 0);
	assert_int_equal(k, 1);
	assert_int_equal(recreplay_event_step(r, 50, SIZE_MAX, 1, &k), -1);
	assert_int_equal(recreplay_event_step(r, 50, SIZE_MAX, -1, &k), 0);
	assert_int_equal(k, 0);
	assert_int_equal(recreplay_event_step(r, 49, SIZE_MAX, -1, &k), 0);
	assert_int_equal(k, 0);
	assert_int_equal(recreplay_event_step(r, 30, SIZE_MAX, -1, &k), -1);
	assert_int_equal(recreplay_event_step(r, NA, SIZE_MAX, -1, &k), 0);
	assert_int_equal(k, 1);
	assert_int_equal(recreplay_events_upto(r, 29), 0);
	assert_int_equal(recreplay_events_upto(r, 30), 1);
	assert_int_equal(recreplay_events_upto(r, NA), 2);
	recreplay_close(r);
}

/* Two events arriving with one sample: } and { reach each in turn (by
 * event, from the current one), and from a sample with no current event
 * they go past the sample's own. */
static void
test_events_same_sample(void **state)
{
	struct dbfix *f = *state;
	struct recreplay *r;
	size_t k = 99;

	fixture_db(f->path);
	assert_int_equal(
	    dbfix_run(f->path,
	              "INSERT INTO events(sample_id, time_ms, boot, kind, "
	              "log_time_kind, log_time_us, seq, pid, json) SELECT "
	              "sample_id, time_ms, boot, 'oom_kill', log_time_kind, "
	              "log_time_us + 1, -1, 4343, '{\"kind\": \"oom_kill\", "
	              "\"pid\": 4343, \"comm\": \"second\"}' FROM events "
	              "WHERE kind = 'oom_kill'"),
	    0);
	r = recfix_replay(f->path);
	assert_non_null(r);
	assert_int_equal(recreplay_nevents(r), 3);
	assert_int_equal(recreplay_event(r, 0)->at, 30);
	assert_int_equal(recreplay_event(r, 1)->at, 30);
	assert_int_equal(recreplay_event(r, 1)->pid, 4343);
	/* from before the sample: the first of its two, then the second */
	assert_int_equal(recreplay_event_step(r, 0, SIZE_MAX, 1, &k), 0);
	assert_int_equal(k, 0);
	assert_int_equal(recreplay_event_step(r, 30, 0, 1, &k), 0);
	assert_int_equal(k, 1);
	assert_int_equal(recreplay_event_step(r, 30, 1, 1, &k), 0);
	assert_int_equal(k, 2);
	assert_int_equal(recreplay_event_step(r, 50, 2, 1, &k), -1);
	/* back: each one in turn, then none before the first */
	assert_int_equal(recreplay_event_step(r, 50, 2, -1, &k), 0);
	assert_int_equal(k, 1);
	assert_int_equal(recreplay_event_step(r, 30, 1, -1, &k), 0);
	assert_int_equal(k, 0);
	assert_int_equal(recreplay_event_step(r, 30, 0, -1, &k), -1);
	/* no current event (a cursor move): past the sample's own */
	assert_int_equal(recreplay_event_step(r, 30, SIZE_MAX, 1, &k), 0);
	assert_int_equal(k, 2);
	assert_int_equal(recreplay_event_step(r, 49, SIZE_MAX, -1, &k), 0);
	assert_int_equal(k, 1);
	/* a current event of another sample is no current one */
	assert_int_equal(recreplay_event_step(r, 40, 0, 1, &k), 0);
	assert_int_equal(k, 2);
	recreplay_close(r);
}

/* A recreplay_line_fn: feed the line to the engine arg, as
 * app/replay.c does (a kmsg record of the line's time). */
static void
feed(const struct recreplay_line *l, void *arg)
{
	static struct klog_record rec;

	memset(&rec, 0, sizeof rec);
	rec.format = KLOG_FMT_KMSG;
	rec.level = 3;
	rec.time.kind = l->time_kind == 1 ? KLOG_TIME_BOOT : KLOG_TIME_UNIX;
	rec.time.usec = l->time_us;
	rec.clock = rec.time;
	rec.caller = KLOG_NA;
	rec.text_len = strlen(l->text);
	memcpy(rec.text, l->text, rec.text_len);
	kevents_feed_record(arg, &rec);
}

/* The events' kernel-log lines, rebuilt from their JSON, make the same
 * events again in the log engine, up to the cursor and of its boot. */
static void
test_klog(void **state)
{
	struct dbfix *f = *state;
	struct recreplay *r;
	struct kevents *kev;
	const struct kevent *e;

	fixture_db(f->path);
	r = recfix_replay(f->path);
	assert_non_null(r);
	kev = kevents_new(16);
	assert_int_equal(recreplay_klog(r, 29, feed, kev), 0);
	assert_int_equal(kevents_count(kev), 0);
	assert_int_equal(recreplay_klog(r, 30, feed, kev), 0);
	assert_int_equal(kevents_count(kev), 1);
	e = kevents_get(kev, 0);
	assert_int_equal(e->kind, KEVENT_OOM_KILL);
	assert_int_equal(e->pid, 4242);
	assert_memory_equal(e->comm.s, "victim", 6);
	assert_int_equal(e->oom.anon_rss_kb, 65280);
	assert_int_equal(e->oom.oom_score_adj, 300);
	assert_int_equal(e->oom.constraint, OOM_CONSTRAINT_MEMCG);
	assert_memory_equal(e->oom.memcg.s, "/app.slice", 10);
	assert_memory_equal(e->oom.trigger.s, "hog", 3);
	assert_int_equal(e->time.kind, KLOG_TIME_BOOT);
	kevents_free(kev);
	kev = kevents_new(16);
	assert_int_equal(recreplay_klog(r, 60, feed, kev), 0);
	assert_int_equal(kevents_count(kev), 2);
	e = kevents_get(kev, 0); /* the newest */
	assert_int_equal(e->kind, KEVENT_HUNG_TASK);
	assert_int_equal(e->pid, 99);
	assert_int_equal(e->seconds, 120);
	kevents_free(kev);
	kev = kevents_new(16); /* boot-b: none of boot-a's */
	assert_int_equal(recreplay_klog(r, NA + 5, feed, kev), 0);
	assert_int_equal(kevents_count(kev), 0);
	kevents_free(kev);
	recreplay_close(r);
}

/* Open path expecting failure st with a message containing what. */
static void
open_fails(const char *path, enum recread_status want, const char *what)
{
	enum recread_status st = RECREAD_OK;
	char err[512] = "";

	assert_null(recreplay_open(path, &st, err, sizeof err));
	assert_int_equal(st, want);
	if (strstr(err, what) == NULL)
		fail_msg("'%s' lacks '%s'", err, what);
}

/* Run sql on path (created when missing). */
static void
run(const char *path, const char *sql)
{
	assert_int_equal(dbfix_run(path, sql), 0);
}

#define MB (1024LL * 1024)

/* A cgroup row for the fixture (path strdup'ed). */
static struct recdb_cgroup
cgrow(const char *path, int64_t usage_mb, int64_t limit_bytes,
      int64_t high_bytes, int64_t swap_bytes, int64_t oom, int64_t kill,
      double psi)
{
	return (struct recdb_cgroup){strdup(path), usage_mb * MB, limit_bytes,
	                             high_bytes,   swap_bytes,    oom,
	                             kill,         psi,           false};
}

/*
 * Write 80 samples of boot-a, 10 s apart, with cgroup rows: "/" every
 * sample; "/app.slice" at 0 and 70 (its OOM counters grow between);
 * "/app.slice/web.service" at 10 only (no swap, high or PSI recorded);
 * "/old.slice" at 0 only. "web" (100) is in web.service, "app" (101) in
 * app.slice, "stray" (102) in a cgroup without rows. Then 3 samples of
 * boot-c: "/" and "/v1" with neither memory.high nor memory.events' oom.
 */
static void
write_cgroups(const char *path)
{
	struct recdb *db = recfix_db(path, "boot-a");
	struct recdb_sample s;
	const char *cgs[3] = {"/app.slice/web.service", "/app.slice", "/gone"};

	assert_non_null(db);
	for (int i = 0; i < 83; i++) {
		if (i == 80) {
			recdb_close(db);
			db = recfix_db(path, "boot-c");
			assert_non_null(db);
		}
		memset(&s, 0, sizeof s);
		s.time_ms = T0 + i * 10 * SEC_MS;
		s.mem = (struct mem_info){8000000, 100000,  4000000, 1000,
		                          2000,    300,     400,     0,
		                          0,       SNAP_NA, SNAP_NA};
		s.rows = calloc(3, sizeof *s.rows);
		s.idents = calloc(3, sizeof *s.idents);
		s.cgroups = calloc(3, sizeof *s.cgroups);
		for (int k = 0; k < 3; k++) {
			static const char *const comm[3] = {"web", "app",
			                                    "stray"};
			if (i == 0 || i == 80)
				s.idents[s.nidents++] =
				    ident(100 + k, comm[k], NULL, cgs[k]);
			s.rows[s.nrows++] = row(100 + k, 9000 + i, 0);
		}
		s.cgroups[s.ncgroups++] = cgrow("/", 3000, SNAP_NA, SNAP_NA,
		                                SNAP_NA, SNAP_NA, SNAP_NA, -1);
		if (i == 0 || i == 70)
			s.cgroups[s.ncgroups++] =
			    cgrow("/app.slice", i == 0 ? 100 : 150, 200 * MB,
			          INT64_MAX, MB, i == 0 ? 2 : 3, i == 0 ? 1 : 2,
			          i ? 2.5 : 0.0);
		if (i == 0)
			s.cgroups[s.ncgroups++] =
			    cgrow("/old.slice", 10, SNAP_NA, SNAP_NA, SNAP_NA,
			          0, 0, 0.0);
		if (i == 10)
			s.cgroups[s.ncgroups++] =
			    cgrow("/app.slice/web.service", 50, 60 * MB,
			          SNAP_NA, SNAP_NA, 0, 0, -1);
		if (i >= 80)
			s.cgroups[s.ncgroups++] =
			    cgrow("/v1", 70, 80 * MB, SNAP_NA, SNAP_NA, SNAP_NA,
			          4, -1);
		assert_int_equal(dbfix_write(db, &s), 0);
	}
	recdb_close(db);
}

/* The index of the cgroup at path in snap (fails when absent). */
static size_t
cg_at(const struct snapshot *snap, const char *path)
{
	size_t i = snapcg_find(snap, path, strlen(path));

	if (i == SNAPCG_NONE)
		fail_msg("no cgroup %s", path);
	return i;
}

/* A sample's cgroups: each at its latest row in the 11 minutes up to it,
 * a tree from the paths, processes counted, the root as the host, OOM
 * counters since the first row, and what is not recorded unknown. */
static void
test_cgroups(void **state)
{
	struct dbfix *f = *state;
	struct recreplay *r;
	struct snapshot snap;
	const struct snap_cgroup *app, *web, *root;

	assert_true(RECREPLAY_CG_ALIVE_MS > RECORD_CG_REFRESH_MS);
	write_cgroups(f->path);
	r = recfix_replay(f->path);
	assert_non_null(r);
	snapshot_init(&snap);
	if (recreplay_snapshot(r, 70, &snap) != 0)
		fail_msg("recreplay_snapshot: %s", recreplay_error(r));
	assert_int_equal(snap.cgroups_err, 0);
	assert_int_equal(snap.cgroup_mode, SNAP_CGROUP_V2);
	assert_int_equal(snap.ncgroups, 3); /* not /old.slice: 700 s old */
	root = &snap.cgroups[0];
	app = &snap.cgroups[cg_at(&snap, "/app.slice")];
	web = &snap.cgroups[cg_at(&snap, "/app.slice/web.service")];
	assert_true(root->root);
	assert_int_equal(root->parent, SNAPCG_NONE);
	assert_int_equal(root->depth, 0);
	assert_int_equal(root->mem.current_bytes, (8000000 - 4000000) * 1024LL);
	assert_int_equal(root->children_bytes, 150 * MB);
	assert_int_equal(app->parent, 0);
	assert_int_equal(app->depth, 1);
	assert_int_equal(app->mem.mode, SNAP_CGROUP_V2);
	assert_int_equal(app->mem.current_bytes, 150 * MB); /* its row at 70 */
	assert_int_equal(app->mem.max_bytes, 200 * MB);
	assert_int_equal(app->mem.high_bytes, CGMEM_UNLIMITED);
	assert_int_equal(app->mem.swap_bytes, MB);
	assert_int_equal(app->mem.events.oom, 3);
	assert_int_equal(app->since.oom, 1);
	assert_int_equal(app->since.oom_kill, 1);
	assert_true(app->mem.psi.valid && !app->mem.psi.full_valid);
	assert_true(app->mem.psi.some.avg10 > 2.49 &&
	            app->mem.psi.some.avg10 < 2.51);
	assert_int_equal(app->nprocs, 1);
	assert_true(app->victim.limited);
	assert_int_equal(web->parent, (uint32_t)(app - snap.cgroups));
	assert_int_equal(web->depth, 2);
	assert_int_equal(web->mem.current_bytes, 50 * MB); /* at 10: 600 s */
	assert_int_equal(web->nprocs, 1);
	assert_int_equal(recfix_pid(&snap, 100)->cgroup_off, web->path_off);
	/* not recorded: unknown, never 0 */
	assert_int_equal(web->mem.swap_bytes, SNAP_NA);
	assert_int_equal(web->mem.err[CGMEM_F_SWAP_CURRENT], ENODATA);
	assert_int_equal(web->mem.high_bytes, SNAP_NA);
	assert_false(web->mem.psi.valid);
	assert_int_equal(app->mem.peak_bytes, SNAP_NA);
	assert_int_equal(app->mem.stat.anon, SNAP_NA);
	assert_int_equal(app->mem.events.high, SNAP_NA);
	assert_int_equal(app->mem.oom_group, SNAP_NA);
	assert_int_equal(app->mem.err[CGMEM_F_STAT], ENODATA);
	assert_int_equal(app->mem.err[CGMEM_F_CURRENT], 0);
	assert_false(app->fore.valid);
	/* 670 s after web.service's row: gone */
	assert_int_equal(recreplay_snapshot(r, 77, &snap), 0);
	assert_int_equal(snap.ncgroups, 2);
	assert_int_equal(snapcg_find(&snap, "/app.slice/web.service", 22),
	                 SNAPCG_NONE);
	/* at 0: the first rows, nothing since */
	assert_int_equal(recreplay_snapshot(r, 0, &snap), 0);
	assert_int_equal(snap.ncgroups, 3);
	assert_int_equal(snap.cgroups[cg_at(&snap, "/app.slice")].since.oom, 0);
	/* boot-c: no memory.high nor memory.events' oom anywhere: v1 */
	assert_int_equal(recreplay_snapshot(r, 82, &snap), 0);
	assert_int_equal(snap.ncgroups, 2);
	assert_int_equal(snap.cgroup_mode, SNAP_CGROUP_V1);
	assert_int_equal(snap.cgroups[1].mem.mode, SNAP_CGROUP_V1);
	assert_int_equal(snap.cgroups[1].mem.events.oom_kill, 4);
	assert_int_equal(snap.cgroups[1].depth, 1);
	snapshot_fini(&snap);
	recreplay_close(r);
}

/* A file without the cgroup tables (schema v1): the sample still
 * replays, with no cgroups and the reason ENODATA. */
static void
test_cgroups_v1_file(void **state)
{
	struct dbfix *f = *state;
	struct recreplay *r;
	struct snapshot snap;

	write_cgroups(f->path);
	run(f->path, "DROP TABLE cgroup_rows; DROP TABLE cgroups");
	r = recfix_replay(f->path);
	assert_non_null(r);
	snapshot_init(&snap);
	assert_int_equal(recreplay_snapshot(r, 70, &snap), 0);
	assert_int_equal(snap.nprocs, 3);
	assert_int_equal(snap.ncgroups, 0);
	assert_int_equal(snap.cgroups_err, ENODATA);
	snapshot_fini(&snap);
	recreplay_close(r);
}

/* Missing, not a database, newer, empty: refused, each with its line. */
static void
test_refused(void **state)
{
	struct dbfix *f = *state;
	char p[192];
	FILE *fp;

	open_fails(f->path, RECREAD_MISSING, "no history database");
	write_boot(f->path, "boot-a", 0, 0, T0); /* the schema, no sample */
	open_fails(f->path, RECREAD_MISSING, "no samples");
	snprintf(p, sizeof p, "%s/junk.db", f->dir);
	fp = fopen(p, "w");
	assert_non_null(fp);
	for (int i = 0; i < 200; i++)
		fputs("not a database at all ", fp);
	fclose(fp);
	open_fails(p, RECREAD_NOTDB, "not a history database");
	snprintf(p, sizeof p, "%s/newer.db", f->dir);
	run(p, "CREATE TABLE samples(id INTEGER PRIMARY KEY, time_ms "
	       "INTEGER); PRAGMA user_version = 99;");
	open_fails(p, RECREAD_NEWER, "upgrade oomwatch");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_snapshot, dbfix_setup,
	                                    dbfix_teardown),
	    cmocka_unit_test_setup_teardown(test_liveness, dbfix_setup,
	                                    dbfix_teardown),
	    cmocka_unit_test_setup_teardown(test_ended, dbfix_setup,
	                                    dbfix_teardown),
	    cmocka_unit_test_setup_teardown(test_steps, dbfix_setup,
	                                    dbfix_teardown),
	    cmocka_unit_test_setup_teardown(test_events, dbfix_setup,
	                                    dbfix_teardown),
	    cmocka_unit_test_setup_teardown(test_events_same_sample,
	                                    dbfix_setup, dbfix_teardown),
	    cmocka_unit_test_setup_teardown(test_klog, dbfix_setup,
	                                    dbfix_teardown),
	    cmocka_unit_test_setup_teardown(test_cgroups, dbfix_setup,
	                                    dbfix_teardown),
	    cmocka_unit_test_setup_teardown(test_cgroups_v1_file, dbfix_setup,
	                                    dbfix_teardown),
	    cmocka_unit_test_setup_teardown(test_refused, dbfix_setup,
	                                    dbfix_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
