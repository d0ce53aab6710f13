/*
 * Unit tests for model/oomscore.c: the kernel's badness formula, the
 * victim order, and (live) the prediction against /proc/PID/oom_score of
 * a child with known memory at adj 0, 300 and 1000.
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

#include "act_child.h"
#include "model/killfree.h"
#include "model/oomscore.h"
#include "model/procstat.h"
#include "model/textscan.h"

/* A live process row with memory figures in kB. */
static struct proc_row
row(int32_t pid, int64_t anon_kb, int64_t file_kb, int64_t swap_kb,
    int64_t pte_kb, int64_t adj)
{
	struct proc_row r;

	memset(&r, 0, sizeof r);
	r.pid = pid;
	r.state = 'S';
	r.anon_kb = anon_kb;
	r.file_kb = file_kb;
	r.shmem_kb = 0;
	r.rss_kb = anon_kb + file_kb;
	r.swap_kb = swap_kb;
	r.pte_kb = pte_kb;
	r.oom_score_adj = adj;
	r.oom_score = SNAP_NA;
	return r;
}

static void
test_total_pages(void **state)
{
	struct mem_info m;
	(void)state;
	memset(&m, 0, sizeof m);
	m.total_kb = 24684084; /* this machine's MemTotal */
	m.swap_total_kb = 0;
	assert_int_equal(oomscore_total_pages(&m, 4), 6171021);
	m.swap_total_kb = 4096;
	assert_int_equal(oomscore_total_pages(&m, 4), 6172045);
	m.swap_total_kb = SNAP_NA; /* unknown swap counts as none */
	assert_int_equal(oomscore_total_pages(&m, 4), 6171021);
	m.total_kb = SNAP_NA;
	assert_int_equal(oomscore_total_pages(&m, 4), SNAP_NA);
}

static void
test_points_formula(void **state)
{
	/* 1 GiB anon + 4 MiB file, 2 MiB swap, 2052 kB page tables */
	struct proc_row r = row(100, 1048576, 4096, 2048, 2052, 0);
	int64_t total = 6171021; /* totalpages / 1000 = 6171 */
	(void)state;
	/* 262144 + 1024 + 512 + 513 = 264193 */
	assert_int_equal(oomscore_points(&r, 0, total, 4), 264193);
	assert_int_equal(oomscore_points(&r, 300, total, 4),
	                 264193 + 300 * 6171);
	assert_int_equal(oomscore_points(&r, -500, total, 4),
	                 264193 - 500 * 6171);
	/* (1000 + 264193 * 1000 / 6171021) * 2 / 3 = (1000 + 42) * 2 / 3 */
	assert_int_equal(oomscore_from_points(264193, total), 694);
	assert_int_equal(
	    oomscore_from_points(oomscore_points(&r, 1000, total, 4), total),
	    1361);
	/* a big negative adj makes points negative: C division truncates */
	assert_int_equal(
	    oomscore_from_points(oomscore_points(&r, -999, total, 4), total),
	    (1000 + (264193 - 999 * 6171LL) * 1000 / total) * 2 / 3);
}

static void
test_never_and_unknown(void **state)
{
	struct proc_row r = row(100, 1000, 0, 0, 8, 0);
	(void)state;
	assert_int_equal(oomscore_points(&r, -1000, 1000000, 4),
	                 OOMSCORE_NEVER);
	assert_int_equal(oomscore_from_points(OOMSCORE_NEVER, 1000000), 0);
	r.pid = 1;
	assert_int_equal(oomscore_points(&r, 0, 1000000, 4), OOMSCORE_NEVER);
	r.pid = 100;
	r.kthread = true;
	assert_int_equal(oomscore_points(&r, 0, 1000000, 4), OOMSCORE_NEVER);
	r.kthread = false;
	r.state = 'Z';
	assert_int_equal(oomscore_points(&r, 0, 1000000, 4), OOMSCORE_NEVER);
	r.state = 'S';
	assert_int_equal(oomscore_points(&r, SNAP_NA, 1000000, 4), SNAP_NA);
	r.swap_kb = SNAP_NA;
	assert_int_equal(oomscore_points(&r, 0, 1000000, 4), SNAP_NA);
	assert_int_equal(oomscore_from_points(SNAP_NA, 1000000), SNAP_NA);
	/* without the RSS split, VmRSS is used */
	r = row(100, 1000, 0, 0, 8, 0);
	r.anon_kb = SNAP_NA;
	r.rss_kb = 4000;
	assert_int_equal(oomscore_points(&r, 0, 1000000, 4), 1002);
}

static void
test_memcg_domain(void **state)
{
	/* FIELD-NOTES 3.3: a 64 MiB memcg limit is 16384 totalpages, 16
	 * points per adj unit; 8 MiB at adj 500 loses to 57 MiB at adj 0,
	 * and wins at adj 1000. */
	struct proc_row hold = row(10, 8192, 0, 0, 0, 500);
	struct proc_row grow = row(11, 58368, 0, 0, 0, 0);
	(void)state;
	assert_int_equal(oomscore_points(&hold, 500, 16384, 4), 2048 + 8000);
	assert_true(oomscore_points(&hold, 500, 16384, 4) <
	            oomscore_points(&grow, 0, 16384, 4));
	assert_true(oomscore_points(&hold, 1000, 16384, 4) >
	            oomscore_points(&grow, 0, 16384, 4));
}

static void
test_place(void **state)
{
	struct proc_row rows[6];
	struct snapshot snap;
	struct oomscore_place p;
	int64_t total = 1000000; /* 1000 points per adj unit */
	(void)state;
	rows[0] = row(10, 400000, 0, 0, 0, 0);      /* 100000 */
	rows[1] = row(11, 800000, 0, 0, 0, 0);      /* 200000 */
	rows[2] = row(12, 40000, 0, 0, 0, 0);       /* 10000: the target */
	rows[3] = row(13, 4000000, 0, 0, 0, -1000); /* never */
	rows[4] = row(14, 400000, 0, 0, 0, 0);
	rows[4].kthread = true;                      /* never */
	rows[5] = row(15, 400000, 0, SNAP_NA, 0, 0); /* unknown */
	memset(&snap, 0, sizeof snap);
	snap.procs = rows;
	snap.nprocs = 6;
	assert_int_equal(oomscore_place(&snap, 2, 0, total, 4, &p), 0);
	assert_int_equal(p.points, 10000);
	assert_int_equal(p.place, 3);
	assert_int_equal(p.ahead, 2);
	assert_int_equal(p.candidates, 3);
	assert_int_equal(p.unknown, 1);
	/* adj 100 -> 110000 points: second */
	oomscore_place(&snap, 2, 100, total, 4, &p);
	assert_int_equal(p.place, 2);
	/* adj 190 -> 200000: ties with pid 11 */
	oomscore_place(&snap, 2, 190, total, 4, &p);
	assert_int_equal(p.place, 1);
	assert_int_equal(p.ties, 1);
	/* adj 1000: first */
	oomscore_place(&snap, 2, 1000, total, 4, &p);
	assert_int_equal(p.place, 1);
	assert_int_equal(p.ties, 0);
	assert_int_equal(p.score, (1000 + 1010000 * 1000 / total) * 2 / 3);
	/* protected: never, no place */
	oomscore_place(&snap, 2, -1000, total, 4, &p);
	assert_int_equal(p.place, 0);
	assert_int_equal(p.score, 0);
	assert_int_equal(p.candidates, 2);
	assert_int_equal(oomscore_place(&snap, 6, 0, total, 4, &p), -1);
}

static void
test_killfree(void **state)
{
	struct proc_row r = row(100, 1000, 5000, 300, 12, 0);
	struct killfree k;
	(void)state;
	r.shmem_kb = 64;
	killfree_estimate(&r, &k);
	assert_int_equal(k.ram_kb, 1012); /* anon + page tables, no file */
	assert_int_equal(k.shmem_kb, 64);
	assert_int_equal(k.swap_kb, 300);
	r.state = 'Z';
	killfree_estimate(&r, &k);
	assert_int_equal(k.ram_kb, 0);
	r.state = 'S';
	r.anon_kb = SNAP_NA;
	killfree_estimate(&r, &k);
	assert_int_equal(k.ram_kb, SNAP_NA);
}

/* Read a whole /proc file into buf; length or -1. */
static ssize_t
slurp(const char *path, char *buf, size_t size)
{
	FILE *f = fopen(path, "r");
	size_t n;

	if (f == NULL)
		return -1;
	n = fread(buf, 1, size - 1, f);
	fclose(f);
	buf[n] = '\0';
	return (ssize_t)n;
}

/* The child's row as the collector would fill it, from /proc. */
static void
live_row(pid_t pid, struct proc_row *r)
{
	struct procstat_stat st;
	struct procstat_status ss;
	char path[64], buf[4096];
	ssize_t n;

	snprintf(path, sizeof path, "/proc/%d/stat", (int)pid);
	n = slurp(path, buf, sizeof buf);
	assert_true(n > 0);
	assert_int_equal(procstat_parse_stat(buf, (size_t)n, &st), 0);
	snprintf(path, sizeof path, "/proc/%d/status", (int)pid);
	n = slurp(path, buf, sizeof buf);
	assert_true(n > 0);
	assert_int_equal(procstat_parse_status(buf, (size_t)n, &ss), 0);
	procstat_fill_row(r, &st, &ss);
}

static void
test_live_prediction_matches_kernel(void **state)
{
	static const struct textscan_key keys[] = {TEXTSCAN_KEY("MemTotal"),
	                                           TEXTSCAN_KEY("SwapTotal")};
	static const int adjs[] = {0, 300, 1000};
	struct act_child c;
	struct proc_row r;
	struct mem_info m;
	int64_t vals[2], total, page_kb = sysconf(_SC_PAGESIZE) / 1024;
	char buf[8192], adjtxt[16];
	ssize_t n;
	size_t i;
	(void)state;
	n = slurp("/proc/meminfo", buf, sizeof buf);
	assert_true(n > 0);
	assert_int_equal(
	    textscan_keyed(buf, (size_t)n, ':', keys, 2, vals, SNAP_NA), 2);
	memset(&m, 0, sizeof m);
	m.total_kb = vals[0];
	m.swap_total_kb = vals[1];
	total = oomscore_total_pages(&m, page_kb);
	assert_int_equal(act_child_start(&c, 64 * 1024), 0);
	for (i = 0; i < sizeof adjs / sizeof adjs[0]; i++) {
		int64_t predicted;
		long actual;

		snprintf(adjtxt, sizeof adjtxt, "%d", adjs[i]);
		assert_int_equal(act_write_text(c.pid, "oom_score_adj", adjtxt),
		                 0);
		live_row(c.pid, &r);
		predicted = oomscore_from_points(
		    oomscore_points(&r, adjs[i], total, page_kb), total);
		actual = act_read_long(c.pid, "oom_score");
		print_message("adj %d: predicted %lld, kernel %ld\n", adjs[i],
		              (long long)predicted, actual);
		assert_true(actual >= 0);
		assert_true(predicted >= actual - 1 && predicted <= actual + 1);
	}
	act_child_kill(&c);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_total_pages),
	    cmocka_unit_test(test_points_formula),
	    cmocka_unit_test(test_never_and_unknown),
	    cmocka_unit_test(test_memcg_domain),
	    cmocka_unit_test(test_place),
	    cmocka_unit_test(test_killfree),
	    cmocka_unit_test(test_live_prediction_matches_kernel),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
