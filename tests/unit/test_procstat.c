/* Unit tests for model/procstat.c: stat by the last ')', status fields. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
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

/* A real stat + status pair (6.18) of a process named by prctl
 * "sh) R 1\n\\x" + ESC + 0xff: ") " and a fake state in the name, a
 * newline and a backslash (escaped in status only), raw ESC and a byte
 * that is not UTF-8. */
#define LIVE_STAT                                                              \
	"10812 (sh) R 1\n\\x\x1b\xff) R 10781 10781 25828 0 -1 4194304 97 0 "  \
	"0 "                                                                   \
	"0 0 0 0 0 20 0 1 0 1477729 2535424 274 18446744073709551615 "         \
	"94563867426816 94563867427469 140731383661184 0 0 0 0 0 0 0 0 0 17 "  \
	"1 0 0 0 0 0 94563867438544 94563867439160 94563868405760 "            \
	"140731383663070 140731383663076 140731383663076 140731383664626 0\n"
#define LIVE_STATUS                                                            \
	"Name:\tsh) R 1\\n\\\\x\x1b\xff\n"                                     \
	"Umask:\t0022\n"                                                       \
	"State:\tR (running)\n"                                                \
	"Tgid:\t10812\n"                                                       \
	"Ngid:\t0\n"                                                           \
	"Pid:\t10812\n"                                                        \
	"PPid:\t10781\n"                                                       \
	"TracerPid:\t0\n"                                                      \
	"Uid:\t0\t0\t0\t0\n"                                                   \
	"Gid:\t0\t0\t0\t0\n"                                                   \
	"FDSize:\t256\n"                                                       \
	"Groups:\t \n"                                                         \
	"NStgid:\t10812\n"                                                     \
	"NSpid:\t10812\n"                                                      \
	"NSpgid:\t10781\n"                                                     \
	"NSsid:\t25828\n"                                                      \
	"Kthread:\t0\n"                                                        \
	"VmPeak:\t    2476 kB\n"                                               \
	"VmSize:\t    2476 kB\n"                                               \
	"VmLck:\t       0 kB\n"                                                \
	"VmPin:\t       0 kB\n"                                                \
	"VmHWM:\t    1268 kB\n"                                                \
	"VmRSS:\t    1268 kB\n"                                                \
	"RssAnon:\t     104 kB\n"                                              \
	"RssFile:\t    1164 kB\n"                                              \
	"RssShmem:\t       0 kB\n"                                             \
	"VmData:\t     224 kB\n"                                               \
	"VmStk:\t     132 kB\n"                                                \
	"VmExe:\t       4 kB\n"                                                \
	"VmLib:\t    1528 kB\n"                                                \
	"VmPTE:\t      40 kB\n"                                                \
	"VmSwap:\t       0 kB\n"                                               \
	"HugetlbPages:\t       0 kB\n"                                         \
	"CoreDumping:\t0\n"                                                    \
	"THP_enabled:\t1\n"                                                    \
	"untag_mask:\t0xffffffffffffffff\n"                                    \
	"Threads:\t1\n"                                                        \
	"SigQ:\t0/96365\n"                                                     \
	"SigPnd:\t0000000000000000\n"                                          \
	"ShdPnd:\t0000000000000000\n"                                          \
	"CapEff:\t000001fffeffffff\n"                                          \
	"NoNewPrivs:\t0\n"                                                     \
	"Cpus_allowed_list:\t0-1\n"                                            \
	"voluntary_ctxt_switches:\t0\n"                                        \
	"nonvoluntary_ctxt_switches:\t1\n"

/* A real kernel worker (6.18): a name longer than comm, PF_KTHREAD. */
#define KWORKER_STAT                                                           \
	"10 (kworker/0:0H-events_highpri) I 2 0 0 0 -1 69238880 0 0 0 0 0 0 "  \
	"0 0 0 -20 1 0 24 0 0 18446744073709551615 0 0 0 0 0 0 0 2147483647 "  \
	"0 1 0 0 17 0 0 0 0 0 0 0 0 0 0 0 0 0 0\n"
#define KWORKER_STATUS                                                         \
	"Name:\tkworker/0:0H-events_highpri\nUmask:\t0022\n"                   \
	"State:\tI (idle)\nTgid:\t10\nNgid:\t0\nPid:\t10\nPPid:\t2\n"          \
	"TracerPid:\t0\nUid:\t0\t0\t0\t0\nGid:\t0\t0\t0\t0\nKthread:\t1\n"     \
	"Threads:\t1\n"

/* A minimal status around a Name line (escaped text as the kernel
 * writes it) with State and PPid. */
static int
status_named(const char *name_line, struct procstat_status *ss)
{
	char buf[512];
	int n = snprintf(buf, sizeof buf,
	                 "Name:\t%s\nUmask:\t0022\nState:\tS (sleeping)\n"
	                 "Tgid:\t77\nPid:\t77\nPPid:\t1\nUid:\t5\t5\t5\t5\n",
	                 name_line);

	assert_true(n > 0 && (size_t)n < sizeof buf);
	return procstat_parse_status(buf, (size_t)n, ss);
}

static void
test_status_text_fields(void **state)
{
	struct procstat_status ss;
	(void)state;
	assert_int_equal(procstat_parse_status(S(LIVE_STATUS), &ss), 0);
	assert_int_equal(ss.ppid, 10781);
	assert_int_equal(ss.state, 'R');
	assert_true(ss.has_name);
	assert_string_equal(ss.name, "sh) R 1\n\\x\x1b\xff");
	assert_int_equal(ss.name_len, 12);
	assert_int_equal(ss.uid, 0);
	assert_int_equal(ss.rss_kb, 1268);
	assert_int_equal(ss.kthread, 0);
	/* kernel thread: PPid 0 is a parent (kthreadd's) */
	assert_int_equal(
	    procstat_parse_status(
	        S("Name:\tkthreadd\nState:\tS (sleeping)\nTgid:\t2\n"
	          "PPid:\t0\nUid:\t0\t0\t0\t0\nKthread:\t1\n"),
	        &ss),
	    0);
	assert_int_equal(ss.ppid, 0);
	assert_int_equal(ss.state, 'S');
	assert_string_equal(ss.name, "kthreadd");
	/* blanks other than one tab after State:, other letters */
	assert_int_equal(
	    procstat_parse_status(S("Name:\tz\nState:  \t Z (zombie)\n"
	                            "PPid:\t9\nUid:\t1\t1\t1\t1\n"),
	                          &ss),
	    0);
	assert_int_equal(ss.state, 'Z');
	assert_int_equal(ss.ppid, 9);
	assert_true(ss.has_name);
	assert_string_equal(ss.name, "z");
	/* an empty name is a name */
	assert_int_equal(status_named("", &ss), 0);
	assert_true(ss.has_name);
	assert_string_equal(ss.name, "");
	assert_int_equal(ss.name_len, 0);
}

static void
test_status_text_fields_missing(void **state)
{
	struct procstat_status ss;
	(void)state;
	/* no Name, State or PPid line: still parsed, marked unknown */
	assert_int_equal(procstat_parse_status(S("Uid:\t3\t3\t3\t3\n"), &ss),
	                 0);
	assert_false(ss.has_name);
	assert_int_equal(ss.state, 0);
	assert_int_equal(ss.ppid, -1);
	assert_int_equal(ss.name_len, 0);
	/* "State:" with nothing after it */
	assert_int_equal(
	    procstat_parse_status(
	        S("Name:\ta\nState:\nPPid:\t1\nUid:\t3\t3\t3\t3\n"), &ss),
	    0);
	assert_int_equal(ss.state, 0);
	/* a Name line without its tab is not the kernel's */
	assert_int_equal(
	    procstat_parse_status(
	        S("Name: a\nState:\tS\nPPid:\t1\nUid:\t3\t3\t3\t3\n"), &ss),
	    0);
	assert_false(ss.has_name);
	/* a bad PPid fails the parse like any other bad number */
	assert_int_equal(procstat_parse_status(
	                     S("Name:\ta\nPPid:\t-4\nUid:\t3\t3\t3\t3\n"), &ss),
	                 -1);
	assert_int_equal(
	    procstat_parse_status(
	        S("Name:\ta\nPPid:\t2147483648\nUid:\t3\t3\t3\t3\n"), &ss),
	    -1);
	assert_int_equal(
	    procstat_parse_status(
	        S("Name:\ta\nPPid:\t2147483647\nUid:\t3\t3\t3\t3\n"), &ss),
	    0);
	assert_int_equal(ss.ppid, INT32_MAX);
}

static void
test_status_name_escapes(void **state)
{
	struct procstat_status ss;
	(void)state;
	/* 5.x+: newline and backslash escaped, every other byte raw */
	assert_int_equal(status_named("a\\nb\\\\c", &ss), 0);
	assert_true(ss.has_name);
	assert_string_equal(ss.name, "a\nb\\c");
	assert_int_equal(ss.name_len, 5);
	assert_int_equal(status_named("\\\\n", &ss), 0); /* backslash, n */
	assert_string_equal(ss.name, "\\n");
	assert_int_equal(status_named("\\\\\\\\", &ss), 0);
	assert_string_equal(ss.name, "\\\\");
	/* raw ESC, tab, invalid UTF-8, a high byte, ')' and spaces */
	assert_int_equal(status_named("\x1b[31m\t\xc3\x28\xff) Z 1", &ss), 0);
	assert_true(ss.has_name);
	assert_string_equal(ss.name, "\x1b[31m\t\xc3\x28\xff) Z 1");
	assert_int_equal(ss.name_len, 14);
	/* older kernels: octal \ooo for newline and backslash (any byte
	 * decodes) */
	assert_int_equal(status_named("a\\012b\\134c", &ss), 0);
	assert_true(ss.has_name);
	assert_string_equal(ss.name, "a\nb\\c");
	assert_int_equal(ss.name_len, 5);
	assert_int_equal(status_named("\\033\\377x", &ss), 0);
	assert_string_equal(ss.name, "\x1b\xffx");
	/* escapes the kernel never writes: the name is not trusted */
	assert_int_equal(status_named("a\\tb", &ss), 0);
	assert_false(ss.has_name);
	assert_int_equal(status_named("abc\\", &ss), 0); /* lone at the end */
	assert_false(ss.has_name);
	assert_int_equal(status_named("a\\01", &ss), 0); /* short octal */
	assert_false(ss.has_name);
	assert_int_equal(status_named("a\\412", &ss), 0); /* over 255 */
	assert_false(ss.has_name);
	assert_int_equal(status_named("a\\08x", &ss), 0); /* not octal */
	assert_false(ss.has_name);
	/* the rest of status is still read */
	assert_int_equal(ss.uid, 5);
	assert_int_equal(ss.ppid, 1);
	assert_int_equal(ss.state, 'S');
}

static void
test_status_name_cut(void **state)
{
	struct procstat_status ss;
	(void)state;
	assert_int_equal(procstat_parse_status(S(KWORKER_STATUS), &ss), 0);
	assert_true(ss.has_name);
	assert_int_equal(ss.name_len, strlen("kworker/0:0H-events_highpri"));
	assert_int_equal(strlen(ss.name), sizeof ss.name - 1);
	assert_string_equal(ss.name, "kworker/0:0H-ev");
	assert_int_equal(ss.kthread, 1);
	assert_int_equal(ss.state, 'I');
	assert_int_equal(ss.ppid, 2);
	/* exactly comm's size - 1: not cut */
	assert_int_equal(status_named("123456789012345", &ss), 0);
	assert_string_equal(ss.name, "123456789012345");
	assert_int_equal(ss.name_len, 15);
	/* escapes count once each, before and after the cut */
	assert_int_equal(status_named("12345678901234\\n\\\\xyz", &ss), 0);
	assert_int_equal(ss.name_len, 19);
	assert_string_equal(ss.name, "12345678901234\n");
	assert_int_equal(status_named("1234567890123\\134\\012x", &ss), 0);
	assert_int_equal(ss.name_len, 16);
	assert_string_equal(ss.name, "1234567890123\\\n");
	/* an undecodable escape after the cut still voids the name */
	assert_int_equal(status_named("1234567890123456789\\q", &ss), 0);
	assert_false(ss.has_name);
}

/* Assert that st2 holds what stat st gave, flags but PF_KTHREAD aside. */
static void
assert_same_stat(const struct procstat_stat *st,
                 const struct procstat_stat *st2)
{
	assert_int_equal(st2->pid, st->pid);
	assert_int_equal(st2->ppid, st->ppid);
	assert_int_equal(st2->state, st->state);
	assert_true(st2->start_time == st->start_time);
	assert_memory_equal(st2->comm, st->comm, sizeof st->comm);
	assert_int_equal(st2->comm_len, st->comm_len);
	assert_int_equal(st2->flags & PROCSTAT_PF_KTHREAD,
	                 st->flags & PROCSTAT_PF_KTHREAD);
}

/* Rows from stat + status and from status alone: equal. */
static void
assert_same_rows(const char *stat, size_t stat_len, const char *status,
                 size_t status_len)
{
	struct procstat_stat st, st2;
	struct procstat_status ss;
	struct proc_row a, b;

	assert_int_equal(procstat_parse_stat(stat, stat_len, &st), 0);
	assert_int_equal(procstat_parse_status(status, status_len, &ss), 0);
	memset(&st2, 0x5a, sizeof st2);
	assert_int_equal(
	    procstat_stat_from_status(&st2, &ss, st.pid, st.start_time,
	                              (st.flags & PROCSTAT_PF_KTHREAD) != 0),
	    0);
	assert_same_stat(&st, &st2);
	procstat_fill_row(&a, &st, &ss);
	procstat_fill_row(&b, &st2, &ss);
	assert_int_equal(a.pid, b.pid);
	assert_int_equal(a.ppid, b.ppid);
	assert_int_equal(a.state, b.state);
	assert_int_equal(a.kthread, b.kthread);
	assert_true(a.start_time == b.start_time);
	assert_memory_equal(a.comm, b.comm, sizeof a.comm);
	assert_int_equal(a.uid, b.uid);
	assert_true(a.rss_kb == b.rss_kb);
}

static void
test_stat_from_status_matches_stat(void **state)
{
	struct procstat_stat st;
	(void)state;
	assert_same_rows(S(LIVE_STAT), S(LIVE_STATUS));
	assert_same_rows(S(KWORKER_STAT), S(KWORKER_STATUS));
	/* what the pair says, spelled out */
	assert_int_equal(procstat_parse_stat(S(LIVE_STAT), &st), 0);
	assert_string_equal(st.comm, "sh) R 1\n\\x\x1b\xff");
	assert_int_equal(st.state, 'R');
	assert_int_equal(st.ppid, 10781);
	assert_true(st.start_time == 1477729);
	assert_int_equal(procstat_parse_stat(S(KWORKER_STAT), &st), 0);
	assert_true(st.flags & PROCSTAT_PF_KTHREAD);
	assert_int_equal(st.comm_len, strlen("kworker/0:0H-events_highpri"));
	/* octal escapes (older kernels) give the same row as stat's raw
	 * name */
	assert_same_rows(S("5 (a\nb\\c) S 1 1 1 0 -1 0 0 0 0 0 0 0 0 0 20 0 "
	                   "1 0 777 0 0\n"),
	                 S("Name:\ta\\012b\\134c\nState:\tS (sleeping)\n"
	                   "Tgid:\t5\nPPid:\t1\nUid:\t0\t0\t0\t0\n"));
	/* a name only spaces and parentheses */
	assert_same_rows(S("6 ()) () S 1 1 1 0 -1 0 0 0 0 0 0 0 0 0 20 0 1 0 "
	                   "9 0 0\n"),
	                 S("Name:\t)) (\nState:\tS (sleeping)\nTgid:\t6\n"
	                   "PPid:\t1\nUid:\t0\t0\t0\t0\n"));
}

static void
test_stat_from_status_needs_fields(void **state)
{
	struct procstat_status ss;
	struct procstat_stat st;
	(void)state;
	/* no Name */
	assert_int_equal(
	    procstat_parse_status(
	        S("State:\tS (sleeping)\nPPid:\t1\nUid:\t0\t0\t0\t0\n"), &ss),
	    0);
	assert_int_equal(procstat_stat_from_status(&st, &ss, 5, 9, false), -1);
	/* no State */
	assert_int_equal(procstat_parse_status(
	                     S("Name:\tx\nPPid:\t1\nUid:\t0\t0\t0\t0\n"), &ss),
	                 0);
	assert_int_equal(procstat_stat_from_status(&st, &ss, 5, 9, false), -1);
	/* no PPid */
	assert_int_equal(
	    procstat_parse_status(
	        S("Name:\tx\nState:\tS (sleeping)\nUid:\t0\t0\t0\t0\n"), &ss),
	    0);
	assert_int_equal(procstat_stat_from_status(&st, &ss, 5, 9, false), -1);
	/* a Name that does not decode */
	assert_int_equal(status_named("x\\y", &ss), 0);
	assert_int_equal(procstat_stat_from_status(&st, &ss, 5, 9, false), -1);
	/* all three: pid, start time and PF_KTHREAD come from the caller */
	assert_int_equal(status_named("x", &ss), 0);
	assert_int_equal(procstat_stat_from_status(&st, &ss, 5, 9, true), 0);
	assert_int_equal(st.pid, 5);
	assert_true(st.start_time == 9);
	assert_int_equal(st.flags, PROCSTAT_PF_KTHREAD);
	assert_int_equal(st.ppid, 1);
	assert_int_equal(st.state, 'S');
	assert_string_equal(st.comm, "x");
	assert_int_equal(st.comm_len, 1);
	assert_int_equal(procstat_stat_from_status(&st, &ss, 5, 9, false), 0);
	assert_int_equal(st.flags, 0);
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
	    cmocka_unit_test(test_status_text_fields),
	    cmocka_unit_test(test_status_text_fields_missing),
	    cmocka_unit_test(test_status_name_escapes),
	    cmocka_unit_test(test_status_name_cut),
	    cmocka_unit_test(test_stat_from_status_matches_stat),
	    cmocka_unit_test(test_stat_from_status_needs_fields),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
