/* Unit tests for model/wtmp.c: utmpx records (made by a tiny generator
 * here, written to a file and read back) as last -x reads them. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <utmpx.h>

#include <cmocka.h>

#include "model/wtmp.h"

#define MAXREC 32

/* The records of one scenario, and their bytes once written and read
 * back from a file. */
struct gen {
	struct utmpx r[MAXREC];
	size_t n;
	char bytes[MAXREC * sizeof(struct utmpx)];
	size_t len;
};

/* One record: type, user, line, host (kernel), time, pid. */
static void
rec(struct gen *g, short type, const char *user, const char *line,
    const char *host, int64_t t, int pid)
{
	struct utmpx *u = &g->r[g->n++];

	memset(u, 0, sizeof *u);
	u->ut_type = type;
	u->ut_pid = pid;
	strncpy(u->ut_user, user, sizeof u->ut_user);
	strncpy(u->ut_line, line, sizeof u->ut_line);
	strncpy(u->ut_host, host, sizeof u->ut_host);
	u->ut_tv.tv_sec = (int32_t)t;
}

/* systemd's records: a boot, a login, a shutdown. */
static void
boot(struct gen *g, int64_t t)
{
	rec(g, BOOT_TIME, "reboot", "~", "6.1.0-test", t, 0);
}
static void
login(struct gen *g, int64_t t)
{
	rec(g, USER_PROCESS, "alice", "pts/0", "10.0.0.1", t, 4242);
}
static void
shutdown_rec(struct gen *g, int64_t t)
{
	rec(g, RUN_LVL, "shutdown", "~", "6.1.0-test", t, 0);
}

/* Write the records to a temporary file and read the bytes back (cut
 * by cut bytes at the end). */
static void
roundtrip(struct gen *g, size_t cut)
{
	char path[] = "/tmp/test_wtmp.XXXXXX";
	int fd = mkstemp(path);
	FILE *f;

	assert_true(fd >= 0);
	f = fdopen(fd, "w+");
	assert_non_null(f);
	assert_int_equal(fwrite(g->r, sizeof g->r[0], g->n, f), g->n);
	rewind(f);
	g->len = fread(g->bytes, 1, sizeof g->bytes, f);
	fclose(f);
	unlink(path);
	assert_int_equal(g->len, g->n * sizeof(struct utmpx));
	g->len -= cut;
}

static void
test_clean_then_running(void **state)
{
	struct gen g = {.n = 0};
	struct wtmp_boot b[8];
	struct wtmp_stats st;
	(void)state;
	boot(&g, 1000);
	login(&g, 1100);
	shutdown_rec(&g, 2000);
	boot(&g, 3000);
	login(&g, 3050);
	roundtrip(&g, 0);
	assert_int_equal(wtmp_parse(g.bytes, g.len, b, 8, &st), 2);
	assert_int_equal(st.records, 5);
	assert_int_equal(st.partial, 0);
	assert_int_equal(b[0].start_unix_s, 1000);
	assert_int_equal(b[0].end, WTMP_SHUTDOWN);
	assert_int_equal(b[0].end_unix_s, 2000);
	assert_string_equal(b[0].kernel, "6.1.0-test");
	assert_int_equal(b[1].start_unix_s, 3000);
	assert_int_equal(b[1].end, WTMP_RUNNING);
	assert_int_equal(b[1].last_seen_unix_s, 3050);
	assert_string_equal(wtmp_end_name(b[0].end), "shutdown");
}

static void
test_crash_sequence(void **state)
{
	struct gen g = {.n = 0};
	struct wtmp_boot b[8];
	(void)state;
	boot(&g, 1000);
	login(&g, 1500); /* the last sign of life of a boot that crashed */
	boot(&g, 3000);
	shutdown_rec(&g, 4000);
	boot(&g, 5000);
	roundtrip(&g, 0);
	assert_int_equal(wtmp_parse(g.bytes, g.len, b, 8, NULL), 3);
	assert_int_equal(b[0].end, WTMP_CRASH);
	assert_int_equal(b[0].end_unix_s, INT64_MIN);
	assert_int_equal(b[0].last_seen_unix_s, 1500);
	assert_int_equal(b[1].end, WTMP_SHUTDOWN);
	assert_int_equal(b[1].end_unix_s, 4000);
	assert_int_equal(b[2].end, WTMP_RUNNING);
	assert_string_equal(wtmp_end_name(b[0].end), "crash");
}

/* sysvinit: "runlevel" records; a change to 6 ends the boot; old files
 * name the boot by user and line only (no BOOT_TIME type). */
static void
test_runlevel_and_old_names(void **state)
{
	struct gen g = {.n = 0};
	struct wtmp_boot b[8];
	(void)state;
	rec(&g, LOGIN_PROCESS, "reboot", "~", "3.10.0", 100, 0);
	rec(&g, RUN_LVL, "runlevel", "~", "3.10.0", 110, '3' + 256 * 'N');
	rec(&g, RUN_LVL, "runlevel", "~", "3.10.0", 900, '6' + 256 * '3');
	rec(&g, LOGIN_PROCESS, "reboot", "~", "3.10.0", 1000, 0);
	roundtrip(&g, 0);
	assert_int_equal(wtmp_parse(g.bytes, g.len, b, 8, NULL), 2);
	assert_int_equal(b[0].end, WTMP_SHUTDOWN);
	assert_int_equal(b[0].end_unix_s, 900);
	assert_string_equal(b[0].kernel, "3.10.0");
	assert_int_equal(b[1].end, WTMP_RUNNING);
}

/* A truncated last record is ignored and counted; a full table keeps
 * the newest boots. */
static void
test_truncated_and_full(void **state)
{
	struct gen g = {.n = 0};
	struct wtmp_boot b[2];
	struct wtmp_stats st;
	(void)state;
	boot(&g, 10);
	boot(&g, 20);
	boot(&g, 30);
	shutdown_rec(&g, 40);
	roundtrip(&g, 100); /* the shutdown record is cut */
	assert_int_equal(wtmp_parse(g.bytes, g.len, b, 2, &st), 2);
	assert_int_equal(st.records, 3);
	assert_int_equal(st.partial, sizeof(struct utmpx) - 100);
	assert_int_equal(st.boots, 3);
	assert_int_equal(st.dropped, 1);
	assert_int_equal(b[0].start_unix_s, 20);
	assert_int_equal(b[0].end, WTMP_CRASH);
	assert_int_equal(b[1].start_unix_s, 30);
	assert_int_equal(b[1].end, WTMP_RUNNING); /* its shutdown was cut */
	assert_int_equal(wtmp_parse(g.bytes, 10, b, 2, &st), 0);
	assert_int_equal(st.partial, 10);
}

/* Records before the first boot, and any bytes, never crash. */
static void
test_garbage(void **state)
{
	char junk[3 * sizeof(struct utmpx)];
	struct wtmp_boot b[4];
	(void)state;
	for (size_t i = 0; i < sizeof junk; i++)
		junk[i] = (char)(i * 37 + 11);
	assert_true(wtmp_parse(junk, sizeof junk, b, 4, NULL) <= 3);
	memset(junk, 0xff, sizeof junk);
	assert_true(wtmp_parse(junk, sizeof junk, b, 4, NULL) <= 3);
	assert_int_equal(wtmp_record_size(), sizeof(struct utmpx));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_clean_then_running),
	    cmocka_unit_test(test_crash_sequence),
	    cmocka_unit_test(test_runlevel_and_old_names),
	    cmocka_unit_test(test_truncated_and_full),
	    cmocka_unit_test(test_garbage),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
