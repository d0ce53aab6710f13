/* Unit tests for persist/recread.c and app/report.c against a history
 * database written by persist/recdb.c (and raw SQL for broken ones). */
#include <dirent.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>
#include <sqlite3.h>

#include "app/report.h"
#include "persist/recdb.h"
#include "persist/recread.h"
#include "dbfix.h"
#include "tfile.h"

#define MIN_MS 60000LL
#define T0 1800000000000LL /* 2027-01-15 08:00:00 UTC */
#define NSAMPLES 30
#define KILL_AT 25 /* the kill arrives with this sample */
/* The boot started BOOT_MS before T0; the processes at T0 (clock ticks
 * of 10 ms after boot); each event is logged 30 s before the sample it
 * arrives with. */
#define BOOT_MS 5000000LL
#define START_TICKS (BOOT_MS / 10)

/* A process of the fixture: pid, name, RSS at sample i. */
struct fproc {
	int32_t pid;
	const char *comm;
	int64_t base_kb, step_kb; /* rss = base + i * step */
	int every;                /* a row every this many samples */
	int last;                 /* no row after this sample */
};

static const struct fproc procs[] = {
    {100, "leaky", 100000, 5000, 1, KILL_AT - 1},
    {101, "slowleak", 200000, 2000, 1, NSAMPLES},
    {102, "flat", 500000, 0, 10, NSAMPLES},
    {103, "a", 50000, 0, 10, NSAMPLES},
    {104, "b", 40000, 0, 10, NSAMPLES},
    {105, "c", 30000, 0, 10, NSAMPLES},
    {106, "d", 10000, 0, 10, NSAMPLES},
    {107, "gone", 900000, 0, 10, 0}, /* one row at 0: dead by 24 */
};
#define NPROCS (sizeof procs / sizeof procs[0])

/* Event i's kind, JSON and sample (NULL kind: none at that sample). */
static const struct {
	int at;
	const char *kind, *json;
} events[] = {
    {10, "hung_task",
     "{\"kind\": \"hung_task\", \"comm\": \"jbd2/sda1-8\", \"pid\": 321, "
     "\"seconds\": 120}"},
    {12, "soft_lockup",
     "{\"kind\": \"soft_lockup\", \"cpu\": 3, \"seconds\": 22, \"comm\": "
     "\"spin\", \"pid\": 55}"},
    {KILL_AT, "oom_kill",
     "{\"kind\": \"oom_kill\", \"pid\": 100, \"comm\": \"leaky\", "
     "\"anon_rss_kb\": 220000, \"file_rss_kb\": 1000, \"shmem_rss_kb\": 24, "
     "\"constraint\": \"memcg\", \"memcg\": \"/test.slice/leak\"}"},
};

/* A temporary database (dbfix.h); UTC for the times. */
static int
setup(void **state)
{
	setenv("TZ", "UTC", 1);
	tzset();
	return dbfix_setup(state);
}

/* Run sql on path (created when missing). */
static void
run(const char *path, const char *sql)
{
	assert_int_equal(dbfix_run(path, sql), 0);
}

/* The system numbers of sample i: MemAvailable falls 10M a sample
 * with its low at 24 (just before the kill), swap use grows. */
static void
fixture_mem(struct recdb_sample *s, int i)
{
	s->mem = (struct mem_info){
	    .total_kb = 8000000,
	    .free_kb = 100000,
	    .available_kb = i == 24 ? 1000000 : 4000000 - i * 10000,
	    .swap_total_kb = 2000000,
	    .swap_free_kb = 2000000 - i * 1000,
	    .commit_limit_kb = SNAP_NA,
	    .committed_as_kb = SNAP_NA,
	};
}

/* The rows (and, at 0, identities) of sample i. */
static void
fixture_rows(struct recdb_sample *s, int i)
{
	s->rows = calloc(NPROCS, sizeof *s->rows);
	s->idents = calloc(NPROCS, sizeof *s->idents);
	for (size_t p = 0; p < NPROCS; p++) {
		if (i == 0)
			s->idents[s->nidents++] = (struct recdb_ident){
			    .pid = procs[p].pid,
			    .start_time = START_TICKS,
			    .uid = 1000,
			    .comm = strdup(procs[p].comm),
			};
		if (i > procs[p].last || i % procs[p].every != 0)
			continue;
		s->rows[s->nrows++] = (struct recdb_row){
		    .pid = procs[p].pid,
		    .start_time = START_TICKS,
		    .rss_kb = procs[p].base_kb + i * procs[p].step_kb,
		    .anon_kb = SNAP_NA,
		    .file_kb = SNAP_NA,
		    .shmem_kb = SNAP_NA,
		    .swap_kb = p == 2 ? 2048 : 0,
		    .oom_score = 10,
		    .oom_score_adj = 0,
		};
	}
}

/* The fixture's database: NSAMPLES samples a minute apart from T0. */
static void
fixture_db(const char *path)
{
	enum recdb_status st;
	char err[512] = "";
	struct recdb *db = recdb_open(path, "boot-a", &st, err, sizeof err);
	struct recdb_sample s;

	if (db == NULL)
		fail_msg("recdb_open: %s", err);
	for (int i = 0; i < NSAMPLES; i++) {
		memset(&s, 0, sizeof s);
		s.time_ms = T0 + i * MIN_MS;
		fixture_mem(&s, i);
		fixture_rows(&s, i);
		s.events = calloc(4, sizeof *s.events);
		for (size_t e = 0; e < sizeof events / sizeof events[0]; e++)
			if (events[e].at == i)
				s.events[s.nevents++] = (struct recdb_event){
				    events[e].kind,
				    1,
				    (BOOT_MS + i * MIN_MS - 30000) * 1000,
				    i,
				    -1,
				    strdup(events[e].json),
				    false};
		if (recdb_write(db, &s, err, sizeof err) != RECDB_OK)
			fail_msg("recdb_write: %s", err);
		recdb_sample_clear(&s);
	}
	recdb_close(db);
}

/* Open path with recread, expecting success. */
static struct recread *
open_ok(const char *path)
{
	enum recread_status st;
	char err[512] = "";
	struct recread *r = recread_open(path, &st, err, sizeof err);

	if (r == NULL)
		fail_msg("recread_open: %s", err);
	assert_int_equal(st, RECREAD_OK);
	return r;
}

/* The report over [from, to] as text (json: as JSON), in a new string. */
static char *
report_string(const char *path, int64_t from, int64_t to, int json)
{
	struct recread *r = open_ok(path);
	struct report rep = {.since = "test"};
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	assert_non_null(f);
	assert_int_equal(report_build(r, from, to, &rep), 0);
	if (json)
		report_json(f, &rep);
	else
		report_text(f, &rep);
	fclose(f);
	report_free(&rep);
	recread_close(r);
	return buf;
}

static const char text_all[] =
    "oomwatch report: 2027-01-15 08:00:00 UTC to 2027-01-15 08:29:00 UTC "
    "(since test), 30 samples\n"
    "\n"
    "OOM kills: 1\n"
    "  2027-01-15 08:24:30 UTC  pid 100 leaky  RSS 216M  constraint memcg  "
    "memcg /test.slice/leak\n"
    "    top by RSS at 2027-01-15 08:24:00 UTC:\n"
    "        PID    RSS   SWAP  NAME\n"
    "        102   488M  2048K  flat\n"
    "        101   242M     0K  slowleak\n"
    "        100   215M     0K  leaky\n"
    "        103  48.8M     0K  a\n"
    "        104  39.1M     0K  b\n"
    "Hung tasks: 1, lockups: 1\n"
    "  2027-01-15 08:09:30 UTC  hung_task    pid 321 jbd2/sda1-8  120 s\n"
    "  2027-01-15 08:11:30 UTC  soft_lockup  pid 55 spin  cpu 3  22 s\n"
    "Rising: 2\n"
    "      PID      RATE    RSS     OVER  NAME\n"
    "      100   +293M/h   215M      29m  leaky\n"
    "      101   +117M/h   252M      29m  slowleak\n"
    "Memory:\n"
    "  peak used             6.68G  at 2027-01-15 08:24:00 UTC\n"
    "  peak swap used        28.3M  at 2027-01-15 08:29:00 UTC\n"
    "  lowest MemAvailable    977M  at 2027-01-15 08:24:00 UTC\n";

/* The whole window: the kill with its victim and the top 5 before it
 * (a process's latest row at or before the sample; one with no row in
 * the 11 minutes before is gone), the stalls, the rising ones fastest
 * first, the peaks. */
static void
test_text_all(void **state)
{
	struct dbfix *f = *state;
	char *out;

	fixture_db(f->path);
	out = report_string(f->path, T0, T0 + 29 * MIN_MS, 0);
	assert_string_equal(out, text_all);
	free(out);
}

/* The kill and the peaks, in every window of these tests. */
#define KILL_JSON                                                              \
	"\"kills\": [{\"time_ms\": 1800001470000, \"log_time\": true, "        \
	"\"pid\": 100, \"comm\": \"leaky\", \"rss_kb\": 221024, "              \
	"\"constraint\": \"memcg\", \"memcg\": \"/test.slice/leak\", "         \
	"\"log_boot_us\": 6470000000, \"before_ms\": 1800001440000, "          \
	"\"top_from\": \"samples\", \"top\": [{\"pid\": 102, \"comm\": "       \
	"\"flat\", \"rss_kb\": 500000, \"swap_kb\": 2048}, {\"pid\": 101, "    \
	"\"comm\": \"slowleak\", \"rss_kb\": 248000, \"swap_kb\": 0}, "        \
	"{\"pid\": 100, \"comm\": \"leaky\", \"rss_kb\": 220000, "             \
	"\"swap_kb\": "                                                        \
	"0}, {\"pid\": 103, \"comm\": \"a\", \"rss_kb\": 50000, \"swap_kb\": " \
	"0}, {\"pid\": 104, \"comm\": \"b\", \"rss_kb\": 40000, \"swap_kb\": " \
	"0}]}]"
#define PEAKS_JSON                                                             \
	"\"peak_used\": {\"kb\": 7000000, \"time_ms\": 1800001440000}, "       \
	"\"peak_swap_used\": {\"kb\": 29000, \"time_ms\": 1800001740000}, "    \
	"\"no_swap\": false, "                                                 \
	"\"lowest_available\": {\"kb\": 1000000, \"time_ms\": "                \
	"1800001440000}}\n"

static const char json_all[] =
    "{\"from_ms\": 1800000000000, \"to_ms\": 1800001740000, \"since\": "
    "\"test\", \"note\": null, \"samples\": 30, " KILL_JSON
    ", \"stalls\": [{\"time_ms\": "
    "1800000570000, \"log_time\": true, \"log_boot_us\": 5570000000, "
    "\"kind\": \"hung_task\", \"pid\": 321, \"comm\": "
    "\"jbd2/sda1-8\", \"cpu\": null, \"seconds\": 120}, {\"time_ms\": "
    "1800000690000, \"log_time\": true, \"log_boot_us\": 5690000000, "
    "\"kind\": \"soft_lockup\", \"pid\": 55, \"comm\": "
    "\"spin\", \"cpu\": 3, \"seconds\": 22}], \"rising\": [{\"pid\": 100, "
    "\"comm\": \"leaky\", \"rate_kb_per_hour\": 300000, \"last_kb\": "
    "220000, \"span_s\": 1740, \"samples\": 30}, {\"pid\": 101, \"comm\": "
    "\"slowleak\", \"rate_kb_per_hour\": 120000, \"last_kb\": 258000, "
    "\"span_s\": 1740, \"samples\": 30}], " PEAKS_JSON;

/* The same as JSON. */
static void
test_json_all(void **state)
{
	struct dbfix *f = *state;
	char *out;

	fixture_db(f->path);
	out = report_string(f->path, T0, T0 + 29 * MIN_MS, 1);
	assert_string_equal(out, json_all);
	free(out);
}

/* A newer schema read: the header's database line and the JSON say so. */
static void
test_note(void **state)
{
	struct dbfix *f = *state;
	struct report rep = {.since = "test", .db_path = "x.db"};
	struct recread *r;
	char *buf = NULL;
	size_t len = 0;
	FILE *m;

	fixture_db(f->path);
	run(f->path, "PRAGMA user_version = 99");
	r = open_ok(f->path);
	rep.note = recread_note(r);
	assert_int_equal(report_build(r, T0, T0 + 29 * MIN_MS, &rep), 0);
	assert_non_null(m = open_memstream(&buf, &len));
	report_text(m, &rep);
	report_json(m, &rep);
	fclose(m);
	assert_non_null(strstr(buf, "\ndatabase: x.db; schema 99, newer than "
	                            "this oomwatch's 4: read as 4\n"));
	assert_non_null(strstr(buf, "\"note\": \"schema 99, newer than this "
	                            "oomwatch's 4: read as 4\", "));
	free(buf);
	report_free(&rep);
	recread_close(r);
}

static const char json_late[] =
    "{\"from_ms\": 1800001200000, \"to_ms\": 1800001740000, \"since\": "
    "\"test\", \"note\": null, \"samples\": 10, " KILL_JSON
    ", \"stalls\": [], \"rising\": "
    "[], " PEAKS_JSON;

/* A later window (--since): the stalls before it are left out, and with
 * 10 minutes (fewer than TREND_MIN_SAMPLES minute points) nothing is rising;
 * the kill's top 5 still looks before the window. An empty window has no kills
 * and no peaks. */
static void
test_since(void **state)
{
	struct dbfix *f = *state;
	char *out;

	fixture_db(f->path);
	out = report_string(f->path, T0 + 20 * MIN_MS, T0 + 29 * MIN_MS, 1);
	assert_string_equal(out, json_late);
	free(out);
	out = report_string(f->path, T0 + 40 * MIN_MS, T0 + 50 * MIN_MS, 0);
	assert_non_null(strstr(out, "OOM kills: 0\nHung tasks: 0, lockups: "
	                            "0\nRising: 0\nMemory:\n  peak used "
	                            "           -\n"));
	free(out);
}

/* --since boot: the first sample of a boot; an unknown boot has none. */
static void
test_boot_start(void **state)
{
	struct dbfix *f = *state;
	struct recread *r;
	int64_t ms = 0;

	fixture_db(f->path);
	r = open_ok(f->path);
	assert_int_equal(recread_boot_start(r, "boot-a", &ms), 0);
	assert_int_equal(ms, T0);
	assert_int_equal(recread_boot_start(r, "boot-x", &ms), 1);
	recread_close(r);
}

static const char text_bb[] =
    "OOM kills: 1\n"
    "  2027-01-15 08:24:30 UTC  pid 100 leaky  RSS 216M  constraint memcg  "
    "memcg /test.slice/leak\n"
    "    top by RSS at 2027-01-15 08:24:30 UTC (black box):\n"
    "        PID    RSS   SWAP  NAME\n"
    "        100  1.91G     0K  leaky\n"
    "          6  2000K      -  six\n"
    "          5  1000K      -  five\n"
    "          4   900K      -  four\n"
    "          3   800K      -  three\n"
    "Hung tasks:";

/* With the black-box tables of schema 2 (the recorder's own schema), a kill
 * that has a black box takes its top 5 from it; its time is the black box's. */
static void
test_blackbox(void **state)
{
	struct dbfix *f = *state;
	char *out, *kills;

	fixture_db(f->path);
	run(f->path,
	    "INSERT INTO blackbox(id, event_id, time_ms) SELECT 9, id, "
	    "1800001470000 FROM events WHERE kind = 'oom_kill';"
	    "INSERT INTO bb_procs(bb_id, pid, start_time, comm, rss_kb, "
	    "swap_kb) VALUES (9, 100, 7, 'leaky', 2000000, 0), (9, 2, 7, "
	    "'two', 700, NULL), (9, 3, 7, 'three', 800, NULL), (9, 4, 7, "
	    "'four', 900, NULL), (9, 5, 7, 'five', 1000, NULL), (9, 6, 7, "
	    "'six', 2000, NULL), (9, 7, 7, 'unknown', NULL, NULL), (8, 1, 7, "
	    "'other', 9000000, 0);"
	    "PRAGMA user_version = 2");
	out = report_string(f->path, T0, T0 + 29 * MIN_MS, 0);
	kills = strstr(out, "OOM kills:");
	assert_non_null(kills);
	assert_memory_equal(kills, text_bb, strlen(text_bb));
	free(out);
	out = report_string(f->path, T0, T0 + 29 * MIN_MS, 1);
	assert_non_null(strstr(out, "\"before_ms\": 1800001470000, "
	                            "\"top_from\": \"blackbox\", \"top\": "
	                            "[{\"pid\": 100, \"comm\": \"leaky\", "
	                            "\"rss_kb\": 2000000, \"swap_kb\": 0}, "
	                            "{\"pid\": 6, \"comm\": \"six\", "
	                            "\"rss_kb\": 2000, \"swap_kb\": null}"));
	free(out);
}

/* recread_open's refusal: status and message. */
static void
expect_refused(const char *path, enum recread_status want, const char *msg)
{
	enum recread_status st = RECREAD_OK;
	char err[512] = "";

	assert_null(recread_open(path, &st, err, sizeof err));
	assert_int_equal(st, want);
	if (strstr(err, msg) == NULL || strstr(err, path) != err)
		fail_msg("message '%s' lacks '%s' or the path", err, msg);
	assert_null(strchr(err, '\n'));
}

/* Missing, a directory, not a database, someone else's database, a newer schema
 * that changed a v1 table; a newer one that only adds tables is read, and
 * noted. */
static void
test_refusals(void **state)
{
	struct dbfix *f = *state;
	struct recread *r;

	expect_refused(f->path, RECREAD_MISSING, "no history database");
	expect_refused(f->dir, RECREAD_NOTDB,
	               "is a directory, not a database file");
	assert_int_equal(tfile_put(f->path, "not a database at all, no\n"
	                                    "really, not one bit of it\n"),
	                 0);
	expect_refused(f->path, RECREAD_NOTDB, "not a history database");
	unlink(f->path);
	run(f->path, "CREATE TABLE t(x)");
	expect_refused(f->path, RECREAD_NOTDB,
	               "not a history database (an SQLite database with no "
	               "schema version)");
	unlink(f->path);
	fixture_db(f->path);
	run(f->path, "CREATE TABLE future(x); PRAGMA user_version = 7");
	r = open_ok(f->path);
	assert_string_equal(recread_note(r), "schema 7, newer than this "
	                                     "oomwatch's 4: read as 4");
	recread_close(r);
	run(f->path, "ALTER TABLE events RENAME COLUMN json TO body");
	expect_refused(f->path, RECREAD_NEWER, "schema version 7 changed");
	run(f->path, "PRAGMA user_version = 1");
	expect_refused(f->path, RECREAD_NOTDB, "schema version 1 without");
}

/* A database another connection holds locked (a rollback journal's
 * exclusive lock) is one line saying so, after the busy timeout. */
static void
test_locked(void **state)
{
	struct dbfix *f = *state;
	sqlite3 *w;

	fixture_db(f->path);
	assert_int_equal(sqlite3_open(f->path, &w), SQLITE_OK);
	assert_int_equal(sqlite3_exec(w,
	                              "PRAGMA journal_mode = DELETE; BEGIN "
	                              "EXCLUSIVE; DELETE FROM events",
	                              NULL, NULL, NULL),
	                 SQLITE_OK);
	expect_refused(f->path, RECREAD_LOCKED, "locked by another program");
	sqlite3_exec(w, "ROLLBACK", NULL, NULL, NULL);
	sqlite3_close(w);
}

/* 40 minutes of samples one second apart (ids 1..2400, boot 1), raw:
 *   pid 200 "ramp": +2 MiB/s for 10 minutes (a row every sample), then
 *     flat for 30 (a row every 10 minutes, as the recorder writes);
 *   pid 201 "make": 34 s from 7000 to 9000 kB (a row every sample);
 *   pid 202 "leak": +1 MiB a minute (a row every minute).
 * Only the leak is rising: the plateau is carried to every minute (a
 * step), and 34 s is one or two minute points (no verdict). */
static void
test_rising_minutes(void **state)
{
	struct dbfix *f = *state;
	enum recdb_status st;
	char err[512] = "", sql[1024];
	struct recdb *db = recdb_open(f->path, "boot-a", &st, err, sizeof err);
	struct recread *r;
	struct report rep = {.since = "test"};

	if (db == NULL)
		fail_msg("recdb_open: %s", err);
	recdb_close(db);
	snprintf(sql, sizeof sql,
	         "WITH RECURSIVE i(n) AS (SELECT 0 UNION ALL SELECT n + 1 "
	         "FROM i WHERE n < 2399) INSERT INTO samples(id, time_ms, "
	         "boot, resolution_s) SELECT n + 1, %lld + n * 1000, 1, 0 FROM "
	         "i; INSERT INTO procs(id, boot, pid, start_time, "
	         "first_sample, last_sample, comm) VALUES(1, 1, 200, 7, 1, "
	         "1801, 'ramp'), (2, 1, 201, 7, 1001, 1035, 'make'), (3, 1, "
	         "202, 7, 1, 2341, 'leak');",
	         (long long)T0);
	run(f->path, sql);
	run(f->path,
	    "WITH RECURSIVE i(n) AS (SELECT 0 UNION ALL SELECT n + 1 FROM i "
	    "WHERE n < 2399) INSERT INTO proc_rows(sample_id, proc_id, rss_kb, "
	    "swap_kb) SELECT n + 1, 1, 100000 + min(n, 600) * 2048, 0 FROM i "
	    "WHERE n <= 600 OR n % 600 = 0 UNION ALL SELECT n + 1, 2, 7000 + "
	    "(n - 1000) * 2000 / 34, 0 FROM i WHERE n BETWEEN 1000 AND 1034 "
	    "UNION ALL SELECT n + 1, 3, 50000 + n / 60 * 1024, 0 FROM i WHERE "
	    "n % 60 = 0");
	r = open_ok(f->path);
	assert_int_equal(report_build(r, T0, T0 + 2399 * 1000, &rep), 0);
	assert_int_equal(rep.nrising, 1);
	assert_int_equal(rep.rising[0].proc.pid, 202);
	assert_int_equal(rep.rising[0].trend.samples, 40);
	report_free(&rep);
	recread_close(r);
}

/* Kills and stalls are placed, filtered and ordered by the log's time on
 * the wall clock: a kill from the kernel log's backlog (logged an hour
 * before the first sample, stored with the last) is outside a window
 * that starts at T0 and first in one that starts before, with no sample
 * before it; a stall of a boot with no process recorded keeps its store
 * time, marked as such (text and JSON). */
static void
test_log_times(void **state)
{
	struct dbfix *f = *state;
	struct recread *r;
	struct recread_kill *k;
	size_t n;
	char sql[768], *out;

	fixture_db(f->path);
	snprintf(
	    sql, sizeof sql,
	    "INSERT INTO events(sample_id, time_ms, boot, kind, "
	    "log_time_kind, log_time_us, seq, pid, json) VALUES(30, %lld, "
	    "1, 'oom_kill', 1, %lld, 1, 77, '{\"pid\": 77, \"comm\": "
	    "\"old\"}'); INSERT INTO boots(id, boot_id, first_ms) "
	    "VALUES(2, 'boot-b', 0); INSERT INTO events(time_ms, boot, "
	    "kind, log_time_kind, log_time_us, seq, pid, json) VALUES(%lld, "
	    "2, 'hung_task', 1, 245000000, 2, 1302, '{\"pid\": 1302, "
	    "\"comm\": \"rsync\", \"seconds\": 122}')",
	    (long long)(T0 + 29 * MIN_MS),
	    (long long)(BOOT_MS - 3600000) * 1000,
	    (long long)(T0 + 20 * MIN_MS));
	run(f->path, sql);
	r = open_ok(f->path);
	assert_int_equal(recread_kills(r, T0, T0 + 29 * MIN_MS, &k, &n), 0);
	assert_int_equal(n, 1);
	assert_int_equal(k[0].pid, 100);
	free(k);
	assert_int_equal(
	    recread_kills(r, T0 - 2 * 3600000, T0 + 29 * MIN_MS, &k, &n), 0);
	assert_int_equal(n, 2);
	assert_int_equal(k[0].pid, 77);
	assert_int_equal(k[0].time_ms, T0 - 3600000);
	assert_int_equal(k[0].log_time, 1);
	assert_int_equal(k[0].before_id, -1);
	free(k);
	recread_close(r);
	out = report_string(f->path, T0, T0 + 29 * MIN_MS, 0);
	assert_non_null(strstr(out, "Hung tasks: 2, lockups: 1\n"
	                            "  2027-01-15 08:09:30 UTC  hung_task    "
	                            "pid 321 jbd2/sda1-8  120 s\n"
	                            "  2027-01-15 08:11:30 UTC  soft_lockup  "
	                            "pid 55 spin  cpu 3  22 s\n"
	                            "  2027-01-15 08:20:00 UTC  hung_task    "
	                            "pid 1302 rsync  122 s  (recorded; logged "
	                            "4m after boot)\n"));
	free(out);
	out = report_string(f->path, T0, T0 + 29 * MIN_MS, 1);
	assert_non_null(strstr(out, "{\"time_ms\": 1800001200000, "
	                            "\"log_time\": false, \"log_boot_us\": "
	                            "245000000, \"kind\": \"hung_task\", "
	                            "\"pid\": 1302"));
	free(out);
}

/* A process the recorder saw end (schema 3's procs.end_sample) at or
 * before the kill's sample is not among its top 5, though its last row
 * is within the 11 minutes before. */
static void
test_ended_not_top(void **state)
{
	struct dbfix *f = *state;
	char *out, *kills, *stalls;

	fixture_db(f->path);
	/* "flat" (pid 102) wrote its last row before the kill at sample 20
	 * and ends at sample 21 */
	run(f->path, "UPDATE procs SET end_sample = (SELECT id FROM samples "
	             "ORDER BY id LIMIT 1 OFFSET 21) WHERE pid = 102");
	out = report_string(f->path, T0, T0 + 29 * MIN_MS, 0);
	kills = strstr(out, "OOM kills:");
	stalls = strstr(out, "Hung tasks:");
	assert_non_null(kills);
	assert_non_null(stalls);
	*stalls = '\0';
	assert_null(strstr(kills, " flat\n"));
	assert_non_null(strstr(kills, "        101   242M     0K  slowleak\n"));
	assert_non_null(strstr(kills, "  c\n"));
	free(out);
}

/* A machine with no swap (SwapTotal 0 at every sample): the text says
 * "no swap", not "0K"; the JSON keeps the numbers and says no_swap. An
 * empty window says neither. */
static void
test_no_swap(void **state)
{
	struct dbfix *f = *state;
	char *out;

	fixture_db(f->path);
	run(f->path, "UPDATE samples SET swap_total_kb = 0, swap_free_kb = 0");
	out = report_string(f->path, T0, T0 + 29 * MIN_MS, 0);
	assert_non_null(strstr(out, "\n  peak swap used       no swap\n"));
	assert_null(strstr(out, "0K  at"));
	free(out);
	out = report_string(f->path, T0, T0 + 29 * MIN_MS, 1);
	assert_non_null(strstr(out, "\"peak_swap_used\": {\"kb\": 0, "
	                            "\"time_ms\": 1800000000000}, "
	                            "\"no_swap\": true, "));
	free(out);
	out = report_string(f->path, T0 + 40 * MIN_MS, T0 + 50 * MIN_MS, 1);
	assert_non_null(
	    strstr(out, "\"peak_swap_used\": null, \"no_swap\": null, "));
	free(out);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_ended_not_top, setup,
	                                    dbfix_teardown),
	    cmocka_unit_test_setup_teardown(test_text_all, setup,
	                                    dbfix_teardown),
	    cmocka_unit_test_setup_teardown(test_note, setup, dbfix_teardown),
	    cmocka_unit_test_setup_teardown(test_json_all, setup,
	                                    dbfix_teardown),
	    cmocka_unit_test_setup_teardown(test_since, setup, dbfix_teardown),
	    cmocka_unit_test_setup_teardown(test_boot_start, setup,
	                                    dbfix_teardown),
	    cmocka_unit_test_setup_teardown(test_blackbox, setup,
	                                    dbfix_teardown),
	    cmocka_unit_test_setup_teardown(test_refusals, setup,
	                                    dbfix_teardown),
	    cmocka_unit_test_setup_teardown(test_locked, setup, dbfix_teardown),
	    cmocka_unit_test_setup_teardown(test_log_times, setup,
	                                    dbfix_teardown),
	    cmocka_unit_test_setup_teardown(test_rising_minutes, setup,
	                                    dbfix_teardown),
	    cmocka_unit_test_setup_teardown(test_no_swap, setup,
	                                    dbfix_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
