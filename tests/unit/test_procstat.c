/* Unit tests for model/procstat.c: stat by the last ')', status fields. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "model/procstat.h"
#include "procfix.h"

#define S(lit) lit, sizeof(lit) - 1

/* Fields 4.. of a real stat line (ppid 2836, flags 4194560, start 42963). */
#define REST                                                                   \
	" 2836 2836 2836 0 -1 4194560 3098 13577 0 0 5 3 22 18 20 0 1 0 "      \
	"42963 "                                                               \
	"4759552 1092 18446744073709551615 1 1 0 0 0 0 65536 4 65538 0 0 0 "   \
	"17 "                                                                  \
	"1 0 0 0 0 0 0 0 0 0 0 0 0 0\n"

static void
test_stat_plain(void **state)
{
	struct procstat_stat st;
	(void)state;
	assert_int_equal(procstat_parse_stat(S("4242 (bash) S" REST), &st), 0);
	assert_int_equal(st.pid, 4242);
	assert_int_equal(st.ppid, 2836);
	assert_int_equal(st.state, 'S');
	assert_int_equal(st.flags, 4194560);
	assert_true(st.start_time == 42963);
	assert_string_equal(st.comm, "bash");
}

static void
test_stat_hostile_names(void **state)
{
	struct procstat_stat st;
	char buf[1024];
	ssize_t n;
	(void)state;
	/* ESC, ')', a fake state and a newline inside the name */
	assert_int_equal(
	    procstat_parse_stat(S("7 (x\x1b[31m) Z 1\n) S" REST), &st), 0);
	assert_string_equal(st.comm, "x\x1b[31m) Z 1\n");
	assert_int_equal(st.state, 'S');
	assert_int_equal(st.ppid, 2836);
	assert_int_equal(procstat_parse_stat(S("8 (()()))(() R" REST), &st), 0);
	assert_string_equal(st.comm, "()()))((");
	assert_int_equal(st.state, 'R');
	/* an empty name, and one made only of parentheses */
	assert_int_equal(procstat_parse_stat(S("9 () S" REST), &st), 0);
	assert_string_equal(st.comm, "");
	assert_int_equal(procstat_parse_stat(S("9 ())) S" REST), &st), 0);
	assert_string_equal(st.comm, "))");
	/* the fixture file written with the hostile name */
	n = procfix_read("basic/200/stat", buf, sizeof buf);
	assert_true(n > 0);
	assert_int_equal(procstat_parse_stat(buf, (size_t)n, &st), 0);
	assert_int_equal(st.pid, 200);
	assert_int_equal(st.start_time, 2000);
	assert_string_equal(st.comm, "x\x1b[31m) Z 1\n");
}

static void
test_stat_long_name_cut(void **state)
{
	struct procstat_stat st;
	(void)state;
	assert_int_equal(procstat_parse_stat(
	                     S("10 (kworker/0:0H-events_highpri) I" REST), &st),
	                 0);
	assert_int_equal(st.comm_len, strlen("kworker/0:0H-events_highpri"));
	assert_int_equal(strlen(st.comm), sizeof st.comm - 1);
	assert_memory_equal(st.comm, "kworker/0:0H-ev", 15);
}

static void
test_stat_malformed(void **state)
{
	struct procstat_stat st, before;
	(void)state;
	memset(&st, 0x33, sizeof st);
	before = st;
	assert_int_equal(procstat_parse_stat(S(""), &st), -1);
	assert_int_equal(procstat_parse_stat(S("12 (no close S 1 2\n"), &st),
	                 -1);
	assert_int_equal(procstat_parse_stat(S("x (a) S" REST), &st), -1);
	assert_int_equal(procstat_parse_stat(S("0 (a) S" REST), &st), -1);
	assert_int_equal(
	    procstat_parse_stat(S("99999999999999999999 (a) S" REST), &st), -1);
	/* truncated before, and inside, field 22 */
	assert_int_equal(
	    procstat_parse_stat(S("1 (a) S 1 1 1 0 -1 4194560 1 2 0 0 5 3 22"),
	                        &st),
	    -1);
	assert_int_equal(
	    procstat_parse_stat(
	        S("1 (a) S 1 1 1 0 -1 4194560 1 2 0 0 5 3 22 18 20 0 1 0 42"),
	        &st),
	    -1);
	/* overflowing start time, negative flags */
	assert_int_equal(
	    procstat_parse_stat(S("1 (a) S 1 1 1 0 -1 4194560 1 2 0 0 5 3 22 "
	                          "18 20 0 1 0 99999999999999999999 5\n"),
	                        &st),
	    -1);
	assert_int_equal(procstat_parse_stat(
	                     S("1 (a) S 1 1 1 0 -1 -5 1 2 0 0 5 3 22 18 20 0 "
	                       "1 0 42 5\n"),
	                     &st),
	                 -1);
	assert_memory_equal(&st, &before, sizeof st);
}

static void
test_status_full(void **state)
{
	char buf[8192];
	ssize_t n = procfix_read("basic/200/status", buf, sizeof buf);
	struct procstat_status ss;
	(void)state;
	assert_true(n > 0);
	assert_int_equal(procstat_parse_status(buf, (size_t)n, &ss), 0);
	assert_int_equal(ss.uid, 65534);
	assert_int_equal(ss.rss_kb, 65536 + 1024 + 512);
	assert_int_equal(ss.anon_kb, 65536);
	assert_int_equal(ss.file_kb, 1024);
	assert_int_equal(ss.shmem_kb, 512);
	assert_int_equal(ss.swap_kb, 128);
	assert_int_equal(ss.pte_kb, 180);
	assert_int_equal(ss.kthread, 0);
}

static void
test_status_without_rss_lines(void **state)
{
	char buf[8192];
	ssize_t n = procfix_read("basic/600/status", buf, sizeof buf);
	struct procstat_status ss;
	struct procstat_stat st;
	struct proc_row row;
	(void)state;
	assert_true(n > 0);
	assert_int_equal(procstat_parse_status(buf, (size_t)n, &ss), 0);
	assert_int_equal(ss.rss_kb, 3000);
	assert_true(ss.anon_kb == SNAP_NA && ss.file_kb == SNAP_NA);
	assert_true(ss.shmem_kb == SNAP_NA);
	assert_int_equal(ss.kthread, -1);
	assert_int_equal(procstat_parse_stat(S("600 (old) S" REST), &st), 0);
	procstat_fill_row(&row, &st, &ss);
	assert_int_equal(row.rss_kb, 3000);
	assert_true(row.anon_kb == SNAP_NA);
	assert_true(row.oom_score == SNAP_NA && row.oom_score_adj == SNAP_NA);
	assert_true(row.cmdline_off == SNAP_NO_STR);
	assert_false(row.kthread);
}

static void
test_status_kthread_and_zombie(void **state)
{
	char buf[8192];
	ssize_t n = procfix_read("basic/2/status", buf, sizeof buf);
	struct procstat_status ss;
	struct procstat_stat st;
	struct proc_row row;
	(void)state;
	assert_int_equal(procstat_parse_status(buf, (size_t)n, &ss), 0);
	assert_int_equal(ss.kthread, 1);
	assert_true(ss.rss_kb == SNAP_NA && ss.swap_kb == SNAP_NA);
	n = procfix_read("basic/2/stat", buf, sizeof buf);
	assert_int_equal(procstat_parse_stat(buf, (size_t)n, &st), 0);
	assert_true(st.flags & PROCSTAT_PF_KTHREAD);
	procstat_fill_row(&row, &st, &ss);
	assert_true(row.kthread);
	assert_true(row.rss_kb == SNAP_NA);
	/* the split adds up when VmRSS is missing */
	assert_int_equal(
	    procstat_parse_status(
	        S("Uid:\t5\t5\t5\t5\nRssAnon:\t1 kB\nRssFile:\t2 kB\n"
	          "RssShmem:\t3 kB\n"),
	        &ss),
	    0);
	procstat_fill_row(&row, &st, &ss);
	assert_int_equal(row.rss_kb, 6);
	assert_int_equal(row.uid, 5);
}

static void
test_status_malformed(void **state)
{
	struct procstat_status ss, before;
	(void)state;
	memset(&ss, 0x44, sizeof ss);
	before = ss;
	assert_int_equal(procstat_parse_status(S("Name:\tx\n"), &ss), -1);
	assert_int_equal(procstat_parse_status(S("Uid:\tabc\n"), &ss), -1);
	assert_int_equal(
	    procstat_parse_status(S("Uid:\t0\t0\t0\t0\nVmRSS:\t12"), &ss), -1);
	assert_int_equal(
	    procstat_parse_status(S("Uid:\t4294967295\t0\t0\t0\n"), &ss), -1);
	assert_int_equal(
	    procstat_parse_status(S("Uid:\t0\t0\t0\t0\nVmSwap:\t-1 kB\n"), &ss),
	    -1);
	assert_int_equal(
	    procstat_parse_status(S("Uid:\t0\t0\t0\t0\nKthread:\t7\n"), &ss),
	    -1);
	assert_memory_equal(&ss, &before, sizeof ss);
	/* a hostile Name line cannot fake a field */
	assert_int_equal(
	    procstat_parse_status(S("Name:\tUid: 99\nUid:\t3\t3\t3\t3\n"), &ss),
	    0);
	assert_int_equal(ss.uid, 3);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_stat_plain),
	    cmocka_unit_test(test_stat_hostile_names),
	    cmocka_unit_test(test_stat_long_name_cut),
	    cmocka_unit_test(test_stat_malformed),
	    cmocka_unit_test(test_status_full),
	    cmocka_unit_test(test_status_without_rss_lines),
	    cmocka_unit_test(test_status_kthread_and_zombie),
	    cmocka_unit_test(test_status_malformed),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
