/* Unit tests for persist/recdb.c against temporary database files. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <grp.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>
#include <sqlite3.h>

#include "persist/recdb.h"
#include "dbfix.h"
#include "tfile.h"

#define HOUR_MS (3600LL * 1000)
#define DAY_MS (24 * HOUR_MS)
#define T0 1800000000000LL /* a wall time, ms, on a minute boundary */

/* Run sql on path (created when missing). */
static void
run(const char *path, const char *sql)
{
	assert_int_equal(dbfix_run(path, sql), 0);
}

/* Open path, expecting success. */
static struct recdb *
open_ok(const char *path)
{
	enum recdb_status st;
	char err[512] = "";
	struct recdb *db = recdb_open(path, "boot-a", &st, err, sizeof err);

	if (db == NULL)
		fail_msg("recdb_open: %s", err);
	assert_int_equal(st, RECDB_OK);
	return db;
}

/* A sample at time t with n rows of pids 100.. (rss given), identities
 * for the first nid of them. */
static void
sample(struct recdb_sample *s, int64_t t, size_t n, size_t nid, int64_t rss)
{
	memset(s, 0, sizeof *s);
	s->time_ms = t;
	s->mem =
	    (struct mem_info){1000, 500, 700, 1, 2, 3, 4, 0, 0, 9, SNAP_NA};
	s->vmstat = (struct vmstat_counters){2, 3, 4, 5};
	s->psi.valid = true;
	s->psi.some.avg10 = 1.5;
	s->rows = calloc(n, sizeof *s->rows);
	s->idents = calloc(nid, sizeof *s->idents);
	for (size_t i = 0; i < n; i++) {
		s->rows[i] = (struct recdb_row){
		    .pid = (int32_t)(100 + i),
		    .start_time = 7,
		    .rss_kb = rss,
		    .anon_kb = rss,
		    .file_kb = 0,
		    .shmem_kb = 0,
		    .swap_kb = SNAP_NA,
		    .oom_score = 10,
		    .oom_score_adj = 0,
		};
		if (i < nid)
			s->idents[i] = (struct recdb_ident){
			    .pid = (int32_t)(100 + i),
			    .start_time = 7,
			    .uid = 1000,
			    .comm = strdup("worker"),
			    .cmdline = strdup("worker --big"),
			    .cgroup = NULL,
			};
	}
	s->nrows = n;
	s->nidents = nid;
}

/* A new file: version 1, WAL, 0640, every table. */
static void
test_schema(void **state)
{
	struct dbfix *f = *state;
	struct recdb *db = open_ok(f->path);
	struct stat sb;
	char err[256];

	assert_int_equal(recdb_file_version(f->path, err, sizeof err),
	                 RECDB_VERSION);
	assert_int_equal(stat(f->path, &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0640);
	assert_int_equal(dbfix_int(f->path,
	                           "SELECT count(*) FROM sqlite_master WHERE "
	                           "type = 'table' AND name IN ('boots', "
	                           "'samples', 'procs', 'proc_rows', "
	                           "'events')"),
	                 5);
	assert_int_equal(dbfix_int(f->path, "SELECT journal_mode = 'wal' FROM "
	                                    "pragma_journal_mode"),
	                 1);
	assert_int_equal(
	    dbfix_int(f->path, "SELECT auto_vacuum FROM pragma_auto_vacuum"),
	    2);
	recdb_close(db);
	/* reopened: same schema, same boot row */
	db = open_ok(f->path);
	recdb_close(db);
	assert_int_equal(dbfix_int(f->path, "SELECT count(*) FROM boots"), 1);
	/* an empty file someone made first counts as new: 0640 */
	unlink(f->path);
	assert_int_equal(tfile_put(f->path, ""), 0);
	assert_int_equal(chmod(f->path, 0666), 0);
	db = open_ok(f->path);
	recdb_close(db);
	assert_int_equal(stat(f->path, &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0640);
}

/* Newer refused; an empty (version 0) file migrated; a foreign or
 * corrupt file refused; a second writer refused. */
static void
test_versions(void **state)
{
	struct dbfix *f = *state;
	enum recdb_status st;
	char err[512];
	struct recdb *db, *db2;

	snprintf(err, sizeof err, "PRAGMA user_version = %d",
	         RECDB_VERSION + 1);
	run(f->path, err);
	assert_null(recdb_open(f->path, "b", &st, err, sizeof err));
	assert_int_equal(st, RECDB_NEWER);
	assert_non_null(strstr(err, "newer"));
	assert_null(strchr(err, '\n'));
	run(f->path, "PRAGMA user_version = 0");
	db = open_ok(f->path); /* migrated from 0 */
	assert_int_equal(recdb_file_version(f->path, err, sizeof err),
	                 RECDB_VERSION);
	db2 = recdb_open(f->path, "b", &st, err, sizeof err);
	assert_null(db2);
	assert_int_equal(st, RECDB_LOCKED);
	assert_non_null(strstr(err, "another recorder"));
	recdb_close(db);
	unlink(f->path);
	run(f->path, "CREATE TABLE mine(x)");
	assert_null(recdb_open(f->path, "b", &st, err, sizeof err));
	assert_int_equal(st, RECDB_CORRUPT);
	assert_non_null(strstr(err, "not a history database (an SQLite "
	                            "database with no schema version)"));
	unlink(f->path);
	assert_int_equal(tfile_put(f->path, "this is not a database at all, "
	                                    "not even close, no no no no no "
	                                    "no no no no no no no no no no "),
	                 0);
	assert_null(recdb_open(f->path, "b", &st, err, sizeof err));
	assert_int_equal(st, RECDB_CORRUPT);
	assert_non_null(strstr(err, "not a history database"));
}

/* The mode of path (-1 when it does not exist). */
static int
mode_of(const char *path)
{
	struct stat sb;

	return stat(path, &sb) == 0 ? (int)(sb.st_mode & 07777) : -1;
}

/* A database reached through a symlink while a recorder writes it is
 * refused as the same database; a pre-existing 0644 database and its
 * -wal and -shm come down to 0640 (root:adm when root); 0600 stays. */
static void
test_lock_and_mode(void **state)
{
	struct dbfix *f = *state;
	enum recdb_status st;
	char err[512], link[160], side[160];
	struct recdb *db;
	struct group *adm = getgrnam("adm");
	struct stat sb;

	run(f->path, "PRAGMA user_version = 0");
	snprintf(side, sizeof side, "%s-wal", f->path);
	assert_int_equal(tfile_put(side, ""), 0);
	assert_int_equal(chmod(side, 0644), 0);
	snprintf(side, sizeof side, "%s-shm", f->path);
	assert_int_equal(tfile_put(side, ""), 0);
	assert_int_equal(chmod(side, 0644), 0);
	assert_int_equal(chmod(f->path, 0644), 0);
	db = open_ok(f->path);
	assert_int_equal(mode_of(f->path), 0640);
	assert_int_equal(mode_of(side), 0640);
	snprintf(side, sizeof side, "%s-wal", f->path);
	assert_int_equal(mode_of(side), 0640);
	if (geteuid() == 0 && adm != NULL) {
		assert_int_equal(stat(f->path, &sb), 0);
		assert_int_equal(sb.st_gid, adm->gr_gid);
	}
	/* a symlink to it, and a ./ path: the same database, refused */
	snprintf(link, sizeof link, "%s/link.db", f->dir);
	assert_int_equal(symlink("history.db", link), 0);
	assert_null(recdb_open(link, "b", &st, err, sizeof err));
	assert_int_equal(st, RECDB_LOCKED);
	assert_non_null(strstr(err, "another recorder (pid "));
	assert_non_null(strstr(err, "link.db: "));
	snprintf(side, sizeof side, "%s/./history.db", f->dir);
	assert_null(recdb_open(side, "b", &st, err, sizeof err));
	assert_int_equal(st, RECDB_LOCKED);
	recdb_close(db);
	/* once it is closed, the symlink opens it */
	db = open_ok(link);
	recdb_close(db);
	/* stricter than 0640 stays as it is */
	assert_int_equal(chmod(f->path, 0600), 0);
	db = open_ok(f->path);
	recdb_close(db);
	assert_int_equal(mode_of(f->path), 0600);
}

/* A checkpoint at close that a reader's open transaction blocks is said
 * on stderr, once while it keeps failing; the sample stays in the WAL,
 * readable. */
static void
test_checkpoint_fails(void **state)
{
	struct dbfix *f = *state;
	struct recdb *db = open_ok(f->path);
	struct recdb_sample s;
	sqlite3 *rd;
	sqlite3_stmt *q;
	char errpath[160], buf[2048] = "";
	int saved = dup(2), fd;

	sample(&s, T0, 2, 2, 5000);
	assert_int_equal(dbfix_write(db, &s), 0);
	assert_int_equal(sqlite3_open(f->path, &rd), SQLITE_OK);
	assert_int_equal(
	    sqlite3_prepare_v2(rd, "SELECT id FROM samples", -1, &q, NULL),
	    SQLITE_OK);
	assert_int_equal(sqlite3_step(q), SQLITE_ROW); /* a read held open */
	snprintf(errpath, sizeof errpath, "%s/stderr", f->dir);
	fd = open(errpath, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	assert_true(fd >= 0 && saved >= 0);
	dup2(fd, 2);
	recdb_close(db);
	db = open_ok(f->path);
	recdb_close(db); /* fails again: not said again */
	dup2(saved, 2);
	close(saved);
	close(fd);
	sqlite3_finalize(q);
	sqlite3_close(rd);
	assert_int_equal(tfile_get(errpath, buf, sizeof buf), 0);
	assert_non_null(strstr(buf, "history.db: cannot checkpoint the WAL at "
	                            "close (locked by another program"));
	assert_non_null(strstr(buf, "; its last samples stay in "));
	/* one line: said once */
	assert_non_null(strchr(buf, '\n'));
	assert_string_equal(strchr(buf, '\n'), "\n");
	assert_int_equal(dbfix_int(f->path, "SELECT count(*) FROM samples"), 1);
}

/* One sample in, the same values out; a row whose identity is missing
 * gets a bare one; an event read twice is stored once. */
static void
test_round_trip(void **state)
{
	struct dbfix *f = *state;
	struct recdb *db = open_ok(f->path);
	struct recdb_sample s;

	sample(&s, T0, 3, 2, 5000);
	s.events = calloc(1, sizeof *s.events);
	s.events[0] = (struct recdb_event){
	    "oom_kill", 1,   228000000,
	    42,         101, strdup("{\"kind\": \"oom_kill\"}"),
	    false};
	s.nevents = 1;
	assert_int_equal(dbfix_write(db, &s), 0);
	sample(&s, T0 + 10000, 1, 0, 6000);
	s.events = calloc(1, sizeof *s.events);
	s.events[0] = (struct recdb_event){
	    "oom_kill", 1,   228000000,
	    42,         101, strdup("{\"kind\": \"oom_kill\"}"),
	    false};
	s.nevents = 1;
	assert_int_equal(dbfix_write(db, &s), 0);
	recdb_close(db);
	assert_int_equal(dbfix_int(f->path, "SELECT count(*) FROM samples"), 2);
	assert_int_equal(dbfix_int(f->path,
	                           "SELECT mem_available_kb FROM samples "
	                           "ORDER BY id LIMIT 1"),
	                 700);
	assert_int_equal(dbfix_int(f->path,
	                           "SELECT committed_as_kb FROM samples "
	                           "LIMIT 1"),
	                 -1); /* unknown is NULL */
	assert_int_equal(dbfix_int(f->path,
	                           "SELECT psi_some_avg10 * 10 FROM samples "
	                           "LIMIT 1"),
	                 15);
	assert_int_equal(dbfix_int(f->path, "SELECT count(*) FROM procs"), 3);
	assert_int_equal(dbfix_int(f->path,
	                           "SELECT count(*) FROM procs WHERE "
	                           "cmdline = 'worker --big' AND uid = 1000"),
	                 2);
	assert_int_equal(dbfix_int(f->path,
	                           "SELECT count(*) FROM procs WHERE pid = "
	                           "102 AND comm IS NULL"),
	                 1);
	assert_int_equal(dbfix_int(f->path, "SELECT count(*) FROM proc_rows"),
	                 4);
	assert_int_equal(dbfix_int(f->path,
	                           "SELECT r.rss_kb FROM proc_rows r JOIN "
	                           "procs p ON p.id = r.proc_id WHERE p.pid = "
	                           "100 ORDER BY r.sample_id DESC LIMIT 1"),
	                 6000);
	assert_int_equal(
	    dbfix_int(f->path, "SELECT swap_kb FROM proc_rows LIMIT 1"), -1);
	assert_int_equal(dbfix_int(f->path,
	                           "SELECT count(*) FROM events WHERE json = "
	                           "'{\"kind\": \"oom_kill\"}' AND sample_id = "
	                           "1"),
	                 1);
	assert_int_equal(dbfix_int(f->path, "SELECT count(*) FROM events"), 1);
}

/* Past --retain, samples go RECDB_BATCH per call, their rows and the
 * identities nobody needs with them. */
static void
test_retention(void **state)
{
	struct dbfix *f = *state;
	struct recdb *db = open_ok(f->path);
	struct recdb_sample s;
	struct recdb_limits lim = {.retain_ms = 7 * DAY_MS};
	char err[256];
	bool more = false;

	for (int i = 0; i < 20; i++) {
		sample(&s, T0 + i * 10000, 2, i == 0 ? 2 : 0, 5000);
		assert_int_equal(dbfix_write(db, &s), 0);
	}
	sample(&s, T0 + 8 * DAY_MS, 1, 0, 5000); /* a new one, kept */
	assert_int_equal(dbfix_write(db, &s), 0);
	assert_int_equal(
	    recdb_maintain(db, T0 + 8 * DAY_MS, &lim, &more, err, sizeof err),
	    RECDB_OK);
	assert_true(more);
	assert_int_equal(dbfix_int(f->path, "SELECT count(*) FROM samples"),
	                 21 - RECDB_BATCH);
	assert_int_equal(dbfix_int(f->path, "SELECT count(*) FROM proc_rows"),
	                 41 - 2 * RECDB_BATCH);
	for (int i = 0; i < 5 && more; i++)
		assert_int_equal(recdb_maintain(db, T0 + 8 * DAY_MS, &lim,
		                                &more, err, sizeof err),
		                 RECDB_OK);
	assert_false(more);
	assert_int_equal(dbfix_int(f->path, "SELECT count(*) FROM samples"), 1);
	/* pid 101's identity has no row left; pid 100 lives on */
	assert_int_equal(dbfix_int(f->path, "SELECT count(*) FROM procs"), 1);
	/* the size cap: the oldest go, the newest stays */
	sample(&s, T0 + 8 * DAY_MS + 1000, 1, 0, 5000);
	assert_int_equal(dbfix_write(db, &s), 0);
	lim.max_size_bytes = 1;
	assert_int_equal(
	    recdb_maintain(db, T0 + 8 * DAY_MS, &lim, &more, err, sizeof err),
	    RECDB_OK);
	assert_int_equal(dbfix_int(f->path, "SELECT count(*) FROM samples"), 1);
	assert_int_equal(dbfix_int(f->path, "SELECT max(time_ms) FROM samples"),
	                 T0 + 8 * DAY_MS + 1000);
	recdb_close(db);
}

/* After 24 h, one sample per minute: the minute's last, holding each
 * process's latest row of the minute. */
static void
test_downsample(void **state)
{
	struct dbfix *f = *state;
	struct recdb *db = open_ok(f->path);
	struct recdb_sample s;
	struct recdb_limits lim = {.retain_ms = 7 * DAY_MS};
	char err[256];
	bool more = true;

	/* minute 0: 12 samples 5 s apart; pid 100 grows in each but the
	 * last, pid 101 has a row in the first only; minute 1: two samples */
	for (int i = 0; i < 12; i++) {
		sample(&s, T0 + i * 5000,
		       i == 0    ? 2
		       : i == 11 ? 0
		                 : 1,
		       i == 0 ? 2 : 0, 1000 + i);
		assert_int_equal(dbfix_write(db, &s), 0);
	}
	for (int i = 0; i < 2; i++) {
		sample(&s, T0 + 60000 + i * 30000, 1, 0, 2000 + i);
		assert_int_equal(dbfix_write(db, &s), 0);
	}
	/* now: minute 0 is past 24 h, minute 1 is not quite */
	for (int i = 0; i < 5 && more; i++)
		assert_int_equal(recdb_maintain(db, T0 + DAY_MS + 90000, &lim,
		                                &more, err, sizeof err),
		                 RECDB_OK);
	assert_false(more);
	recdb_close(db);
	assert_int_equal(dbfix_int(f->path,
	                           "SELECT count(*) FROM samples WHERE "
	                           "time_ms < "
	                           "1800000060000"),
	                 1);
	assert_int_equal(dbfix_int(f->path,
	                           "SELECT resolution_s FROM samples ORDER "
	                           "BY id LIMIT 1"),
	                 60);
	assert_int_equal(dbfix_int(f->path,
	                           "SELECT time_ms FROM samples ORDER BY id "
	                           "LIMIT 1"),
	                 T0 + 55000);
	assert_int_equal(dbfix_int(f->path,
	                           "SELECT r.rss_kb FROM proc_rows r JOIN "
	                           "samples s ON s.id = r.sample_id JOIN "
	                           "procs p ON p.id = r.proc_id WHERE p.pid = "
	                           "100 AND s.resolution_s = 60"),
	                 1010);
	assert_int_equal(dbfix_int(f->path,
	                           "SELECT r.rss_kb FROM proc_rows r JOIN "
	                           "procs p ON p.id = r.proc_id WHERE p.pid = "
	                           "101"),
	                 1000);
	assert_int_equal(dbfix_int(f->path,
	                           "SELECT count(*) FROM samples WHERE "
	                           "resolution_s = 0"),
	                 2);
}

/* A version 1 file (made by hand: v2's tables dropped) is migrated to
 * version 2 with its rows kept and the new tables added. */
static void
test_migrate_v1(void **state)
{
	struct dbfix *f = *state;
	struct recdb *db = open_ok(f->path);
	struct recdb_sample s;
	char err[256];

	sample(&s, T0, 2, 2, 5000);
	assert_int_equal(dbfix_write(db, &s), 0);
	recdb_close(db);
	run(f->path,
	    "DROP TABLE cgroups; DROP TABLE cgroup_rows; DROP TABLE "
	    "blackbox; DROP TABLE bb_procs; DROP TABLE bb_cgroups; "
	    "DROP TABLE bb_victim_rss; DROP TABLE bb_grew; ALTER TABLE "
	    "procs DROP COLUMN end_sample; DROP TABLE cgroup_ends; "
	    "PRAGMA user_version = 1");
	assert_int_equal(recdb_file_version(f->path, err, sizeof err), 1);
	db = open_ok(f->path);
	recdb_close(db);
	assert_int_equal(recdb_file_version(f->path, err, sizeof err),
	                 RECDB_VERSION);
	assert_int_equal(dbfix_int(f->path,
	                           "SELECT count(*) FROM sqlite_master WHERE "
	                           "type = 'table' AND name IN ('cgroups', "
	                           "'cgroup_rows', 'blackbox', 'bb_procs', "
	                           "'bb_cgroups', 'bb_victim_rss', 'bb_grew')"),
	                 7);
	assert_int_equal(dbfix_int(f->path, "SELECT count(*) FROM proc_rows"),
	                 2);
	assert_int_equal(dbfix_int(f->path, "SELECT count(*) FROM samples"), 1);
}

/* ends for the processes pids[0..n) (start time 7) into s. */
static void
ends(struct recdb_sample *s, const int32_t *pids, size_t n)
{
	s->ends = calloc(n, sizeof *s->ends);
	for (size_t i = 0; i < n; i++)
		s->ends[s->nends++] =
		    (struct recdb_end){.pid = pids[i], .start_time = 7};
}

/* A version 2 file (procs without end_sample) migrates to 3 with its
 * processes' end_sample NULL; a sample's ends set it to that sample, once
 * (a later end leaves it), and only on the processes named. */
static void
test_migrate_v2(void **state)
{
	struct dbfix *f = *state;
	struct recdb *db = open_ok(f->path);
	struct recdb_sample s;
	char err[256];

	sample(&s, T0, 3, 3, 5000);
	assert_int_equal(dbfix_write(db, &s), 0);
	recdb_close(db);
	run(f->path, "ALTER TABLE procs DROP COLUMN end_sample; "
	             "DROP TABLE cgroup_ends; PRAGMA user_version = 2");
	assert_int_equal(recdb_file_version(f->path, err, sizeof err), 2);
	db = open_ok(f->path);
	assert_int_equal(recdb_file_version(f->path, err, sizeof err),
	                 RECDB_VERSION);
	assert_int_equal(dbfix_int(f->path, "SELECT count(*) FROM procs "
	                                    "WHERE end_sample IS NULL"),
	                 3);
	sample(&s, T0 + 10000, 1, 0, 5000); /* 100 runs on */
	ends(&s, (const int32_t[]){101, 555}, 2);
	assert_int_equal(dbfix_write(db, &s), 0);
	sample(&s, T0 + 20000, 0, 0, 5000);
	ends(&s, (const int32_t[]){101, 102}, 2);
	assert_int_equal(dbfix_write(db, &s), 0);
	recdb_close(db);
	assert_int_equal(dbfix_int(f->path, "SELECT end_sample FROM procs "
	                                    "WHERE pid = 101"),
	                 2);
	assert_int_equal(dbfix_int(f->path, "SELECT end_sample FROM procs "
	                                    "WHERE pid = 102"),
	                 3);
	assert_int_equal(dbfix_int(f->path, "SELECT end_sample FROM procs "
	                                    "WHERE pid = 100"),
	                 -1);
	assert_int_equal(dbfix_int(f->path, "SELECT count(*) FROM procs"), 3);
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
		sample(&s, T0 + i * 10000, 1, i == 0 ? 1 : 0, 1000 * (i + 1));
		s.cgroups = calloc(1, sizeof *s.cgroups);
		s.cgroups[s.ncgroups++] = cgroup("/victim.slice", i);
		assert_int_equal(dbfix_write(db, &s), 0);
	}
	for (int k = 0; k < 2; k++) {
		sample(&s, T0 + (3 + k) * 10000, 0, 0, 0);
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
	sample(&s, T0 + 60000, 0, 0, 0);
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

	sample(&s, T0, 2, 2, 5000);
	s.events = calloc(1, sizeof *s.events);
	s.events[0] =
	    (struct recdb_event){"hung_task", 1, 5, 1, 101, strdup("{}"), true};
	s.nevents = 1;
	s.bbox = bbox(T0 - 10000, 3);
	s.cgroups = calloc(1, sizeof *s.cgroups);
	s.cgroups[s.ncgroups++] = cgroup("/a", 1);
	assert_int_equal(dbfix_write(db, &s), 0);
	sample(&s, T0 + 10 * DAY_MS, 1, 0, 5000);
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
	sample(&s, T0 + 91 * DAY_MS, 1, 0, 5000);
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
	char err[256];
	bool more = true;
	int i;

	for (i = 0; i < 30; i++) {
		sample(&s, T0 + i * 10000, 20, i == 0 ? 20 : 0, 5000 + i);
		assert_int_equal(dbfix_write(db, &s), 0);
	}
	for (int k = 0; k < 40; k++, i++) { /* about 3 MB of boxes */
		sample(&s, T0 + i * 10000, 20, 0, 5000 + i);
		s.events = calloc(1, sizeof *s.events);
		s.events[s.nevents++] = (struct recdb_event){
		    "oom_kill", 1, 1000 + k, 10 + k, 100, strdup("{}"), true};
		s.bbox = bbox(T0 + (i - 1) * 10000, 1500);
		assert_int_equal(dbfix_write(db, &s), 0);
	}
	assert_true(disk_bytes(f->path) > 2 * lim.max_size_bytes);
	assert_int_equal(recdb_boxes_capped(db), 0);
	for (int n = 0; n < 100 && more; n++)
		assert_int_equal(recdb_maintain(db, T0 + HOUR_MS, &lim, &more,
		                                err, sizeof err),
		                 RECDB_OK);
	assert_false(more);
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

/* Overwrite the bytes [off, off + len) of path with 0xa5. */
static void
smash(const char *path, long off, size_t len)
{
	FILE *fp = fopen(path, "r+b");

	assert_non_null(fp);
	assert_int_equal(fseek(fp, off, SEEK_SET), 0);
	for (size_t i = 0; i < len; i++)
		fputc(0xa5, fp);
	assert_int_equal(fclose(fp), 0);
}

/* recdb_open refused with st and a one-line message holding want (and
 * never SQLite's "not an error", read after a reset). */
static void
expect_refused(const char *path, enum recdb_status st, const char *want)
{
	enum recdb_status got = RECDB_OK;
	char err[512] = "";

	assert_null(recdb_open(path, "b", &got, err, sizeof err));
	assert_int_equal(got, st);
	if (strstr(err, want) == NULL || strstr(err, "not an error") != NULL)
		fail_msg("message '%s': want '%s', no 'not an error'", err,
		         want);
	assert_null(strchr(err, '\n'));
}

/* The refusals' wording (persist/recerr.h): a database whose schema
 * pages are damaged says why (not "not an error"); a directory says it
 * is one; a database another program holds locked says so. */
static void
test_errors(void **state)
{
	struct dbfix *f = *state;
	struct recdb_sample s;
	struct recdb *db = open_ok(f->path);
	sqlite3 *w;

	sample(&s, T0, 3, 3, 1000);
	assert_int_equal(dbfix_write(db, &s), 0);
	recdb_close(db);
	run(f->path, "PRAGMA wal_checkpoint(TRUNCATE); PRAGMA journal_mode = "
	             "DELETE");
	/* the boots table's page: the failure comes from a statement
	 * whose error the next bind clears */
	smash(f->path,
	      (long)(dbfix_int(f->path, "SELECT rootpage FROM sqlite_master "
	                                "WHERE name = 'boots'") -
	             1) *
	          dbfix_int(f->path, "PRAGMA page_size"),
	      64);
	expect_refused(f->path, RECDB_CORRUPT,
	               "not a history database, or "
	               "damaged (database disk image "
	               "is malformed); move it aside");
	expect_refused(f->dir, RECDB_CORRUPT,
	               "is a directory, not a database file");
	unlink(f->path);
	db = open_ok(f->path);
	recdb_close(db);
	run(f->path, "PRAGMA journal_mode = DELETE");
	assert_int_equal(sqlite3_open(f->path, &w), SQLITE_OK);
	assert_int_equal(sqlite3_exec(w,
	                              "PRAGMA locking_mode = EXCLUSIVE; BEGIN "
	                              "EXCLUSIVE",
	                              NULL, NULL, NULL),
	                 SQLITE_OK);
	expect_refused(f->path, RECDB_ERROR,
	               "locked by another program for more than 5 s");
	sqlite3_close(w);
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

	sample(&s, t, rss ? 1 : 0, rss ? 1 : 0, rss);
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
	    cmocka_unit_test_setup_teardown(test_schema, dbfix_setup,
	                                    dbfix_teardown),
	    cmocka_unit_test_setup_teardown(test_versions, dbfix_setup,
	                                    dbfix_teardown),
	    cmocka_unit_test_setup_teardown(test_lock_and_mode, dbfix_setup,
	                                    dbfix_teardown),
	    cmocka_unit_test_setup_teardown(test_checkpoint_fails, dbfix_setup,
	                                    dbfix_teardown),
	    cmocka_unit_test_setup_teardown(test_round_trip, dbfix_setup,
	                                    dbfix_teardown),
	    cmocka_unit_test_setup_teardown(test_retention, dbfix_setup,
	                                    dbfix_teardown),
	    cmocka_unit_test_setup_teardown(test_downsample, dbfix_setup,
	                                    dbfix_teardown),
	    cmocka_unit_test_setup_teardown(test_migrate_v1, dbfix_setup,
	                                    dbfix_teardown),
	    cmocka_unit_test_setup_teardown(test_migrate_v2, dbfix_setup,
	                                    dbfix_teardown),
	    cmocka_unit_test_setup_teardown(test_blackbox, dbfix_setup,
	                                    dbfix_teardown),
	    cmocka_unit_test_setup_teardown(test_blackbox_retention,
	                                    dbfix_setup, dbfix_teardown),
	    cmocka_unit_test_setup_teardown(test_blackbox_victim, dbfix_setup,
	                                    dbfix_teardown),
	    cmocka_unit_test_setup_teardown(test_size_cap_boxes, dbfix_setup,
	                                    dbfix_teardown),
	    cmocka_unit_test_setup_teardown(test_errors, dbfix_setup,
	                                    dbfix_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
