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
#include "model/rank.h"
#include "model/procstat.h"
#include "model/textscan.h"
#include "model/victim.h"

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
	/* a 64 MiB memcg limit is 16384 totalpages (4 KiB pages), about 16
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

/* The kernel's proc_oom_score on badness points (a long in the kernel;
 * C division truncates toward zero there too). */
static int64_t
kernel_score(int64_t badness, int64_t total_pages)
{
	return (1000 + badness * 1000 / total_pages) * 2 / 3;
}

static void
test_derived_score_known_values(void **state)
{
	int64_t total = 6171021; /* 24684084 kB / 4: 6171 points per adj */
	struct proc_row idle = row(300, 1000, 3000, 0, 40, 0);
	struct proc_row empty = row(301, 0, 0, 0, 0, 0);
	int64_t pts;
	(void)state;
	/* an idle process at adj 0: 1000 + 0 * 2 / 3 */
	pts = oomscore_points(&idle, 0, total, 4);
	assert_int_equal(pts, 250 + 750 + 10);
	assert_int_equal(oomscore_from_points(pts, total), 666);
	assert_int_equal(oomscore_from_points(pts, total),
	                 kernel_score(pts, total));
	/* one score step: 1000 + 1 needs totalpages / 1000 points */
	assert_int_equal(oomscore_from_points(6171, total), 666);
	assert_int_equal(oomscore_from_points(6172, total), 667);
	assert_int_equal(oomscore_from_points(3 * 6172, total), 668);
	/* no memory: adj alone */
	assert_int_equal(oomscore_from_points(
	                     oomscore_points(&empty, 1000, total, 4), total),
	                 1332); /* (1000 + 999) * 2 / 3 */
	assert_int_equal(
	    oomscore_from_points(oomscore_points(&empty, 500, total, 4), total),
	    999); /* (1000 + 499) * 2 / 3 */
	assert_int_equal(
	    oomscore_from_points(oomscore_points(&empty, -500, total, 4),
	                         total),
	    334); /* (1000 - 499) * 2 / 3: -499.99 truncates to -499 */
	assert_int_equal(oomscore_from_points(
	                     oomscore_points(&empty, -999, total, 4), total),
	                 1); /* (1000 - 998) * 2 / 3 */
	assert_int_equal(oomscore_from_points(
	                     oomscore_points(&empty, -1000, total, 4), total),
	                 0);
	/* adj past the kernel's range counts as 1000 */
	assert_int_equal(oomscore_points(&empty, 5000, total, 4),
	                 oomscore_points(&empty, 1000, total, 4));
	/* a big process: 6 GiB of 24 GiB RAM, 1 GiB swapped, 12 MiB of page
	 * tables, at adj 0 and 300 */
	idle = row(302, 6291456, 0, 1048576, 12288, 0);
	pts = oomscore_points(&idle, 0, total, 4);
	assert_int_equal(pts, 1572864 + 262144 + 3072);
	assert_int_equal(oomscore_from_points(pts, total),
	                 kernel_score(pts, total));
	/* (1000 + 1838080 * 1000 / 6171021 = 297) * 2 / 3 */
	assert_int_equal(oomscore_from_points(pts, total), 864);
	pts = oomscore_points(&idle, 300, total, 4);
	/* + 300 * 6171 points: (1000 + 597) * 2 / 3 */
	assert_int_equal(oomscore_from_points(pts, total), 1064);
	/* 64 KiB pages: kB figures divide by 64 */
	idle = row(303, 6400, 0, 640, 128, 0);
	assert_int_equal(oomscore_points(&idle, 0, 100000, 64), 100 + 10 + 2);
	assert_int_equal(oomscore_points(&idle, 10, 100000, 64),
	                 112 + 10 * 100);
}

/* A snapshot over rows (borrowed). */
static struct snapshot
snap_of(struct proc_row *rows, size_t n)
{
	struct snapshot s;

	memset(&s, 0, sizeof s);
	s.procs = rows;
	s.nprocs = n;
	return s;
}

/* A row with just a pid and a score. */
static struct proc_row
scored(int32_t pid, int64_t score)
{
	struct proc_row r = row(pid, 0, 0, 0, 0, 0);

	r.oom_score = score;
	return r;
}

static void
test_top_order(void **state)
{
	struct proc_row rows[8];
	struct snapshot s;
	/* idx is a permutation: positions in idx are not row indexes */
	uint32_t idx[] = {7, 6, 5, 4, 3, 2, 1, 0};
	size_t out[8], n;
	(void)state;
	rows[0] = scored(50, 700);
	rows[1] = scored(40, 900);
	rows[2] = scored(30, 700); /* ties 50 and 20: equal memory and start */
	rows[3] = scored(20, 700); /* time, so the newest (higher pid) first */
	rows[4] = scored(10, SNAP_NA); /* never chosen */
	rows[5] = scored(60, 0);
	rows[6] = scored(70, 1200);
	rows[7] = scored(80, SNAP_NA);
	s = snap_of(rows, 8);
	n = oomscore_top(&s, idx, 8, 4, out);
	assert_int_equal(n, 4);
	/* 70 (1200), 40 (900), 50 (700), 30 (700): positions in idx */
	assert_int_equal(idx[out[0]], 6);
	assert_int_equal(idx[out[1]], 1);
	assert_int_equal(idx[out[2]], 0);
	assert_int_equal(idx[out[3]], 2);
	assert_int_equal(out[0], 1);
	assert_int_equal(out[3], 5);
	/* k = 1: the best only */
	assert_int_equal(oomscore_top(&s, idx, 8, 1, out), 1);
	assert_int_equal(idx[out[0]], 6);
	/* more slots than known scores: the 6 known, in order */
	n = oomscore_top(&s, idx, 8, 8, out);
	assert_int_equal(n, 6);
	assert_int_equal(rows[idx[out[0]]].pid, 70);
	assert_int_equal(rows[idx[out[1]]].pid, 40);
	assert_int_equal(rows[idx[out[2]]].pid, 50);
	assert_int_equal(rows[idx[out[3]]].pid, 30);
	assert_int_equal(rows[idx[out[4]]].pid, 20);
	assert_int_equal(rows[idx[out[5]]].pid, 60);
	/* only the first n of idx count */
	n = oomscore_top(&s, idx, 2, 4, out); /* rows 7 (NA) and 6 */
	assert_int_equal(n, 1);
	assert_int_equal(out[0], 1);
}

static void
test_top_edges(void **state)
{
	struct proc_row rows[3];
	struct snapshot s;
	uint32_t idx[] = {0, 99, 1, UINT32_MAX, 3, 2};
	uint32_t na_idx[] = {0, 1};
	size_t out[4] = {77, 77, 77, 77};
	(void)state;
	rows[0] = scored(5, 10);
	rows[1] = scored(6, 20);
	rows[2] = scored(7, 30);
	s = snap_of(rows, 3);
	/* k = 0: nothing, out untouched */
	assert_int_equal(oomscore_top(&s, idx, 6, 0, out), 0);
	assert_int_equal(out[0], 77);
	/* n = 0 */
	assert_int_equal(oomscore_top(&s, idx, 0, 4, out), 0);
	assert_int_equal(out[0], 77);
	/* idx entries past nprocs are skipped (99, UINT32_MAX, 3) */
	assert_int_equal(oomscore_top(&s, idx, 6, 4, out), 3);
	assert_int_equal(out[0], 5); /* row 2, pid 7 */
	assert_int_equal(out[1], 2); /* row 1 */
	assert_int_equal(out[2], 0); /* row 0 */
	assert_int_equal(out[3], 77);
	/* every score unknown */
	rows[0].oom_score = SNAP_NA;
	rows[1].oom_score = SNAP_NA;
	assert_int_equal(oomscore_top(&s, na_idx, 2, 4, out), 0);
	/* an empty snapshot: every idx entry out of range */
	s = snap_of(rows, 0);
	assert_int_equal(oomscore_top(&s, idx, 6, 4, out), 0);
}

/* qsort comparator over rows: the default sort (the victim order). */
static const struct proc_row *cmp_rows;
static int64_t cmp_total_kb;
static int
cmp_default(const void *a, const void *b)
{
	const struct proc_row *x = &cmp_rows[*(const uint32_t *)a];
	const struct proc_row *y = &cmp_rows[*(const uint32_t *)b];

	return victim_cmp(x, y, cmp_total_kb);
}

static void
test_top_matches_sort(void **state)
{
	enum { N = 300 };
	static struct proc_row rows[N];
	static uint32_t idx[N], sorted[N];
	size_t out[40], n, known, k, i, m;
	struct snapshot s = snap_of(rows, N);
	unsigned seed = 12345;
	(void)state;
	for (int round = 0; round < 20; round++) {
		known = 0;
		for (i = 0; i < N; i++) {
			seed = seed * 1103515245u + 12345u;
			/* few distinct scores: many ties; some unknown */
			rows[i] =
			    scored((int32_t)(N - i) * 3 + round,
			           (seed >> 16) % 9 == 0
			               ? SNAP_NA
			               : (int64_t)((seed >> 8) % 25) * 40);
		}
		/* idx: a shuffled subset, with some out-of-range entries */
		n = 0;
		for (i = 0; i < N; i++) {
			seed = seed * 1103515245u + 12345u;
			if ((seed >> 16) % 4 == 0)
				continue;
			idx[n++] = (seed >> 20) % 13 == 0 ? N + (uint32_t)i
			                                  : (uint32_t)i;
		}
		for (i = n; i > 1; i--) {
			seed = seed * 1103515245u + 12345u;
			uint32_t t, j = (seed >> 8) % (uint32_t)i;
			t = idx[i - 1];
			idx[i - 1] = idx[j];
			idx[j] = t;
		}
		/* the reference: every known in-range row, sorted */
		for (i = 0; i < n; i++)
			if (idx[i] < N && rows[idx[i]].oom_score != SNAP_NA)
				sorted[known++] = idx[i];
		cmp_rows = rows;
		cmp_total_kb = oomscore_total_pages(&s.mem, 1);
		qsort(sorted, known, sizeof *sorted, cmp_default);
		for (k = 1; k <= 40; k += 3) {
			m = oomscore_top(&s, idx, n, k, out);
			assert_int_equal(m, k < known ? k : known);
			for (i = 0; i < m; i++) {
				assert_true(out[i] < n);
				assert_int_equal(idx[out[i]], sorted[i]);
			}
		}
	}
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
	    cmocka_unit_test(test_derived_score_known_values),
	    cmocka_unit_test(test_top_order),
	    cmocka_unit_test(test_top_edges),
	    cmocka_unit_test(test_top_matches_sort),
	    cmocka_unit_test(test_live_prediction_matches_kernel),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
