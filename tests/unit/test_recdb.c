/* Unit tests for persist/recdb.c against temporary database files (the
 * black boxes: test_recdb_bbox.c). */
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
#include "recfix.h"
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

/* Open path as boot-a, expecting RECDB_OK. */
static struct recdb *
open_ok(const char *path)
{
	struct recdb *db = recfix_db(path, "boot-a");

	assert_non_null(db);
	return db;
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
	char err[512], sym[160], side[160];
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
	snprintf(sym, sizeof sym, "%s/link.db", f->dir);
	assert_int_equal(symlink("history.db", sym), 0);
	assert_null(recdb_open(sym, "b", &st, err, sizeof err));
	assert_int_equal(st, RECDB_LOCKED);
	assert_non_null(strstr(err, "another recorder (pid "));
	assert_non_null(strstr(err, "link.db: "));
	snprintf(side, sizeof side, "%s/./history.db", f->dir);
	assert_null(recdb_open(side, "b", &st, err, sizeof err));
	assert_int_equal(st, RECDB_LOCKED);
	/* a hard link: another name, the same file, refused by the file's
	 * own lock */
	snprintf(side, sizeof side, "%s/hard.db", f->dir);
	assert_int_equal(link(f->path, side), 0);
	assert_null(recdb_open(side, "b", &st, err, sizeof err));
	assert_int_equal(st, RECDB_LOCKED);
	assert_non_null(strstr(err, "hard.db: another recorder writes this "
	                            "database (through another name"));
	assert_int_equal(unlink(side), 0);
	recdb_close(db);
	/* once it is closed, the symlink opens it */
	db = open_ok(sym);
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

	recfix_sample(&s, T0, 2, 2, 5000);
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

	recfix_sample(&s, T0, 3, 2, 5000);
	s.events = calloc(1, sizeof *s.events);
	s.events[0] = (struct recdb_event){
	    "oom_kill", 1,   228000000,
	    42,         101, strdup("{\"kind\": \"oom_kill\"}"),
	    false};
	s.nevents = 1;
	assert_int_equal(dbfix_write(db, &s), 0);
	recfix_sample(&s, T0 + 10000, 1, 0, 6000);
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
		recfix_sample(&s, T0 + i * 10000, 2, i == 0 ? 2 : 0, 5000);
		assert_int_equal(dbfix_write(db, &s), 0);
	}
	recfix_sample(&s, T0 + 8 * DAY_MS, 1, 0, 5000); /* a new one, kept */
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
	recfix_sample(&s, T0 + 8 * DAY_MS + 1000, 1, 0, 5000);
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
		recfix_sample(&s, T0 + i * 5000,
		              i == 0    ? 2
		              : i == 11 ? 0
		                        : 1,
		              i == 0 ? 2 : 0, 1000 + i);
		assert_int_equal(dbfix_write(db, &s), 0);
	}
	for (int i = 0; i < 2; i++) {
		recfix_sample(&s, T0 + 60000 + i * 30000, 1, 0, 2000 + i);
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

	recfix_sample(&s, T0, 2, 2, 5000);
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

	recfix_sample(&s, T0, 3, 3, 5000);
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
	recfix_sample(&s, T0 + 10000, 1, 0, 5000); /* 100 runs on */
	ends(&s, (const int32_t[]){101, 555}, 2);
	assert_int_equal(dbfix_write(db, &s), 0);
	recfix_sample(&s, T0 + 20000, 0, 0, 5000);
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

	recfix_sample(&s, T0, 3, 3, 1000);
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
	    cmocka_unit_test_setup_teardown(test_errors, dbfix_setup,
	                                    dbfix_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
