/* Unit tests for model/rank.c and model/filter.c on built snapshots. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "model/filter.h"
#include "model/rank.h"
#include "model/victim.h"

/* Add a live, killable row with the given scores and RSS. */
static struct proc_row *
add(struct snapshot *s, int32_t pid, int64_t oom, int64_t adj, int64_t rss,
    const char *comm)
{
	struct proc_row r;

	memset(&r, 0, sizeof r);
	r.pid = pid;
	r.ppid = 1;
	r.state = 'S';
	r.oom_score = oom;
	r.oom_score_adj = adj;
	r.rss_kb = r.anon_kb = rss;
	r.file_kb = r.shmem_kb = r.swap_kb = r.pte_kb = 0;
	r.uid = (uint32_t)pid % 2;
	snprintf(r.user, sizeof r.user, "%s", pid % 2 ? "bob" : "alice");
	snprintf(r.comm, sizeof r.comm, "%s", comm);
	r.cmdline_off = r.cgroup_off = SNAP_NO_STR;
	assert_int_equal(snapshot_push_proc(s, &r), 0);
	return &s->procs[s->nprocs - 1];
}

static void
sorted(struct snapshot *s, enum rank_key key, bool desc, size_t *order)
{
	for (size_t i = 0; i < s->nprocs; i++)
		order[i] = i;
	rank_sort(s, order, s->nprocs, key, desc);
}

static void
test_sort_oom_na_last_ties_victim_order(void **state)
{
	struct snapshot s;
	size_t o[8];
	(void)state;
	snapshot_init(&s);
	add(&s, 50, 700, 0, 10, "a");
	add(&s, 10, SNAP_NA, 0, 10, "b");
	add(&s, 30, 900, 0, 10, "c");
	add(&s, 20, 700, 0, 10, "d");
	sorted(&s, RANK_OOM, true, o);
	assert_int_equal(s.procs[o[0]].pid, 30);
	/* exact tie (memory, start time): the newer pid first, as the
	 * kernel's task-list walk keeps the last of equals */
	assert_int_equal(s.procs[o[1]].pid, 50);
	assert_int_equal(s.procs[o[2]].pid, 20);
	assert_int_equal(s.procs[o[3]].pid, 10); /* unknown last */
	assert_int_equal(o[0], (size_t)rank_next_victim(&s));
	sorted(&s, RANK_OOM, false, o); /* the same order backwards */
	assert_int_equal(s.procs[o[0]].pid, 20);
	assert_int_equal(s.procs[o[1]].pid, 50);
	assert_int_equal(s.procs[o[2]].pid, 30);
	assert_int_equal(s.procs[o[3]].pid, 10); /* unknown still last */
	/* more memory wins a tie, in the sort as in the victim */
	s.procs[3].anon_kb = s.procs[3].rss_kb = 11;
	sorted(&s, RANK_OOM, true, o);
	assert_int_equal(s.procs[o[1]].pid, 20);
	assert_int_equal(s.procs[o[2]].pid, 50);
	/* at oom_score 0 a candidate goes before the rows the kernel
	 * never picks (they all read 0), though they are newer and bigger */
	snapshot_reset(&s);
	add(&s, 60, 0, -999, 10, "cand");
	add(&s, 70, 0, -1000, 90, "protected")->start_time = 9;
	add(&s, 80, 0, 0, 90, "kworker")->kthread = true;
	s.procs[2].start_time = 9;
	sorted(&s, RANK_OOM, true, o);
	assert_int_equal(s.procs[o[0]].pid, 60);
	assert_int_equal(o[0], (size_t)rank_next_victim(&s));
	add(&s, 10, SNAP_NA, 0, 10, "b");
	add(&s, 20, 700, 0, 11, "d");
	add(&s, 50, 700, 0, 10, "a");
	/* other columns still break ties by the lower pid */
	sorted(&s, RANK_ADJ, true, o);
	assert_int_equal(s.procs[o[0]].pid, 10);
	assert_int_equal(s.procs[o[1]].pid, 20);
	snapshot_fini(&s);
}

static void
test_sort_columns(void **state)
{
	struct snapshot s;
	size_t o[8];
	uint32_t off;
	(void)state;
	snapshot_init(&s);
	add(&s, 3, 1, 500, 300, "zeta");
	add(&s, 4, 1, -100, 100, "alpha")->swap_kb = 50;
	add(&s, 1, 1, 0, 200, "mid");
	sorted(&s, RANK_RSS, true, o);
	assert_int_equal(s.procs[o[0]].pid, 3);
	assert_int_equal(s.procs[o[2]].pid, 4);
	sorted(&s, RANK_ADJ, true, o);
	assert_int_equal(s.procs[o[0]].pid, 3);
	assert_int_equal(s.procs[o[2]].pid, 4);
	sorted(&s, RANK_SWAP, true, o);
	assert_int_equal(s.procs[o[0]].pid, 4);
	sorted(&s, RANK_NAME, false, o);
	assert_string_equal(s.procs[o[0]].comm, "alpha");
	assert_string_equal(s.procs[o[2]].comm, "zeta");
	sorted(&s, RANK_PID, false, o);
	assert_int_equal(s.procs[o[0]].pid, 1);
	assert_int_equal(s.procs[o[2]].pid, 4);
	sorted(&s, RANK_USER, false, o); /* alice (4), then bob (1, 3) */
	assert_int_equal(s.procs[o[0]].pid, 4);
	assert_int_equal(s.procs[o[1]].pid, 1);
	assert_int_equal(s.procs[o[2]].pid, 3);
	assert_int_equal(snapshot_str_append(&s, "/b", 2, &off), 0);
	s.procs[0].cgroup_off = off, s.procs[0].cgroup_len = 2;
	assert_int_equal(snapshot_str_append(&s, "/a", 2, &off), 0);
	s.procs[2].cgroup_off = off, s.procs[2].cgroup_len = 2;
	sorted(&s, RANK_CGROUP, false, o);
	assert_int_equal(s.procs[o[0]].pid, 1);
	assert_int_equal(s.procs[o[1]].pid, 3);
	assert_int_equal(s.procs[o[2]].pid, 4); /* unknown cgroup last */
	/* two unknown: by pid, whatever order they came in */
	add(&s, 2, 1, 0, 1, "two");
	sorted(&s, RANK_CGROUP, false, o);
	assert_int_equal(s.procs[o[2]].pid, 2);
	assert_int_equal(s.procs[o[3]].pid, 4);
	o[0] = 1, o[1] = 3, o[2] = 2, o[3] = 0; /* pid 4 before 2 */
	rank_sort(&s, o, 4, RANK_CGROUP, false);
	assert_int_equal(s.procs[o[2]].pid, 2);
	assert_int_equal(s.procs[o[3]].pid, 4);
	snapshot_fini(&s);
}

static void
test_key_names(void **state)
{
	enum rank_key k;
	(void)state;
	for (int i = 0; i < RANK_KEY_COUNT; i++) {
		assert_int_equal(rank_key_parse(rank_key_name(i), &k), 0);
		assert_int_equal(k, i);
	}
	assert_int_equal(rank_key_parse("bogus", &k), -1);
	assert_true(rank_key_default_descending(RANK_OOM));
	assert_true(rank_key_default_descending(RANK_RSS));
	assert_false(rank_key_default_descending(RANK_PID));
	assert_false(rank_key_default_descending(RANK_NAME));
}

static void
test_next_victim_skips(void **state)
{
	struct snapshot s;
	(void)state;
	snapshot_init(&s);
	assert_int_equal(rank_next_victim(&s), -1);
	add(&s, 1, 0, 0, 1, "init"); /* the host's init: oom_score 0 */
	add(&s, 2, 1900, 0, 1, "kthreadd")->kthread = true;
	add(&s, 3, 1800, -1000, 1, "protected");       /* adj -1000 */
	add(&s, 4, 1700, 0, 0, "zombie")->state = 'Z'; /* no memory */
	add(&s, 5, SNAP_NA, 0, 1, "unknown");
	assert_int_equal(rank_next_victim(&s), -1);
	/* skipped rows stay skipped however big and new they are */
	for (size_t i = 1; i < 5; i++) {
		s.procs[i].rss_kb = s.procs[i].anon_kb = 1 << 30;
		s.procs[i].start_time = 1000;
	}
	s.procs[3].rss_kb = s.procs[3].anon_kb = 0; /* the zombie */
	add(&s, 9, 1000, 1000, 500, "late");
	add(&s, 7, 1000, 1000, 900, "early");
	add(&s, 8, 999, 1000, 9000, "close");
	assert_int_equal(s.procs[rank_next_victim(&s)].pid, 7); /* memory */
	/* a zombie that still holds memory is a candidate */
	s.procs[3].rss_kb = 10;
	assert_int_equal(s.procs[rank_next_victim(&s)].pid, 4);
	assert_true(victim_is_unkillable(&s.procs[0]));
	assert_false(victim_is_unkillable(&s.procs[6]));
	/* a container's PID 1 is scored (666 at adj 0) and can be chosen */
	s.procs[0].oom_score = 2000;
	assert_false(victim_is_unkillable(&s.procs[0]));
	assert_int_equal(s.procs[rank_next_victim(&s)].pid, 1);
	snapshot_fini(&s);
}

/* The pid of the next victim (-1 when none). */
static int32_t
victim_pid(const struct snapshot *s)
{
	long v = rank_next_victim(s);

	return v < 0 ? -1 : s->procs[v].pid;
}

static void
test_next_victim_tie_by_memory(void **state)
{
	struct snapshot s;
	(void)state;
	snapshot_init(&s);
	/* the reviewed case: adj 998, 11.6 MB and 41 MB, both read 1332;
	 * the small one is newer, so only the memory can pick the big */
	add(&s, 100, 1332, 998, 41000, "big")->start_time = 500;
	add(&s, 200, 1332, 998, 11600, "small")->start_time = 600;
	add(&s, 300, 1331, 998, 90000, "lower")->start_time = 700;
	assert_int_equal(victim_pid(&s), 100);
	/* swap and page tables count as the kernel counts them */
	s.procs[1].swap_kb = 29000; /* 40600 < 41000 */
	assert_int_equal(victim_pid(&s), 100);
	s.procs[1].swap_kb = 29401; /* 41001 */
	assert_int_equal(victim_pid(&s), 200);
	s.procs[1].swap_kb = 29000;
	s.procs[1].pte_kb = 1000; /* 41600 */
	assert_int_equal(victim_pid(&s), 200);
	s.procs[1].swap_kb = s.procs[1].pte_kb = 0;
	/* RSS is anon + file + shmem when all three are known */
	s.procs[1].file_kb = 20000;
	s.procs[1].shmem_kb = 10000; /* 41600 */
	assert_int_equal(victim_pid(&s), 200);
	s.procs[1].file_kb = SNAP_NA; /* then VmRSS: 11600 */
	assert_int_equal(victim_pid(&s), 100);
	s.procs[1].file_kb = s.procs[1].shmem_kb = 0;
	snapshot_fini(&s);
}

static void
test_next_victim_tie_by_adj_term(void **state)
{
	struct snapshot s;
	(void)state;
	snapshot_init(&s);
	/* equal oom_score, different adj: badness adds adj * total / 1000 */
	s.mem.total_kb = 1000000; /* 1000 kB per adj unit */
	s.mem.swap_total_kb = 0;
	add(&s, 10, 900, 500, 100000, "a"); /* 100000 + 500000 */
	add(&s, 20, 900, 400, 150000, "b"); /* 150000 + 400000 */
	assert_int_equal(victim_pid(&s), 10);
	s.procs[1].anon_kb = s.procs[1].rss_kb = 250001; /* 650001 */
	assert_int_equal(victim_pid(&s), 20);
	/* swap is part of the total */
	s.mem.swap_total_kb = 1000000;        /* 2000 kB per adj unit */
	assert_int_equal(victim_pid(&s), 10); /* 1100000 > 1050001 */
	/* total unknown: the adj term is left out, memory decides alone */
	s.mem.total_kb = SNAP_NA;
	s.procs[0].start_time = 6; /* newer, but smaller */
	assert_int_equal(victim_pid(&s), 20);
	s.procs[1].anon_kb = s.procs[1].rss_kb = 100000; /* exact tie */
	assert_int_equal(victim_pid(&s), 10);
	snapshot_fini(&s);
}

static void
test_next_victim_tie_by_start_time(void **state)
{
	struct snapshot s;
	(void)state;
	snapshot_init(&s);
	/* equal score and memory: the newest process, not the lowest pid */
	add(&s, 40000, 666, 0, 5000, "old")->start_time = 100;
	add(&s, 300, 666, 0, 5000, "wrapped")->start_time = 200;
	add(&s, 500, 666, 0, 5000, "mid")->start_time = 150;
	assert_int_equal(victim_pid(&s), 300); /* pid wrapped: still newest */
	/* same start tick: the larger pid */
	s.procs[2].start_time = 200;
	assert_int_equal(victim_pid(&s), 500);
	snapshot_fini(&s);
}

static void
test_next_victim_unknown_never_wins(void **state)
{
	struct snapshot s;
	struct proc_row *u;
	int64_t *fields[2], keep;
	(void)state;
	snapshot_init(&s);
	s.mem.total_kb = 1000000;
	s.mem.swap_total_kb = 0;
	add(&s, 10, 1000, 500, 100, "known")->start_time = 1;
	u = add(&s, 20, 1000, 500, (int64_t)1 << 40, "unknown");
	u->start_time = 2; /* newer and far bigger */
	assert_int_equal(victim_pid(&s), 20);
	/* any part unknown: it loses, though newer and its RSS far bigger */
	fields[0] = &u->swap_kb;
	fields[1] = &u->oom_score_adj;
	for (int i = 0; i < 2; i++) {
		keep = *fields[i];
		*fields[i] = SNAP_NA;
		assert_int_equal(victim_pid(&s), 10);
		*fields[i] = keep;
	}
	/* RSS unknown both ways: neither VmRSS nor anon+file+shmem */
	u->rss_kb = SNAP_NA;
	assert_int_equal(victim_pid(&s), 20); /* anon+file+shmem known */
	u->anon_kb = SNAP_NA;
	assert_int_equal(victim_pid(&s), 10);
	/* also when the adj differ (the adj term is then weighed) */
	s.procs[0].oom_score_adj = 400;
	assert_int_equal(victim_pid(&s), 10);
	/* both unknown: the newest */
	s.procs[0].swap_kb = SNAP_NA;
	assert_int_equal(victim_pid(&s), 20);
	snapshot_fini(&s);
}

static void
test_next_victim_pte_unknown(void **state)
{
	struct snapshot s;
	size_t order[3];
	(void)state;
	snapshot_init(&s);
	/* a replay's rows: page tables not recorded (SNAP_NA); equal
	 * oom_score, so RSS + swap decides as live, not the newest */
	add(&s, 100, 666, 0, 41000, "big")->start_time = 500;
	add(&s, 200, 666, 0, 11600, "small")->start_time = 600;
	add(&s, 300, 666, 0, 30000, "mid")->start_time = 700;
	for (size_t i = 0; i < s.nprocs; i++)
		s.procs[i].pte_kb = SNAP_NA;
	assert_int_equal(victim_pid(&s), 100);
	/* swap counts: 11600 + 30000 > 41000 */
	s.procs[1].swap_kb = 30000;
	assert_int_equal(victim_pid(&s), 200);
	/* the same order as with page tables known and small */
	for (size_t i = 0; i < s.nprocs; i++)
		s.procs[i].pte_kb = 80;
	assert_int_equal(victim_pid(&s), 200);
	s.procs[1].swap_kb = 0;
	assert_int_equal(victim_pid(&s), 100);
	/* the OOM column's sort puts them in that order too */
	for (size_t i = 0; i < s.nprocs; i++)
		s.procs[i].pte_kb = SNAP_NA;
	sorted(&s, RANK_OOM, true, order);
	assert_int_equal(s.procs[order[0]].pid, 100);
	assert_int_equal(s.procs[order[1]].pid, 300);
	assert_int_equal(s.procs[order[2]].pid, 200);
	snapshot_fini(&s);
}

static void
test_sort_first_is_victim(void **state)
{
	enum { N = 200 };
	struct snapshot s;
	size_t o[N];
	unsigned seed = 7;
	long v;
	(void)state;
	snapshot_init(&s);
	s.mem.swap_total_kb = 0;
	for (int round = 0; round < 50; round++) {
		/* half the rounds without MemTotal: no adj term */
		s.mem.total_kb = round % 2 ? SNAP_NA : 4000000;
		s.nprocs = 0;
		for (int32_t i = 0; i < N; i++) {
			struct proc_row *r;
			seed = seed * 1103515245u + 12345u;
			/* few scores and sizes: many ties of every kind */
			r = add(&s, 2 + i, (int64_t)(seed >> 16) % 4 * 333,
			        (int64_t)(seed >> 8) % 3 * 500 - 500,
			        (int64_t)(seed >> 20) % 5, "p");
			r->start_time = (seed >> 4) % 7;
			switch ((seed >> 24) % 11) {
			case 0:
				r->kthread = true;
				break;
			case 1:
				r->oom_score_adj = -1000;
				break;
			case 2:
				r->swap_kb = SNAP_NA;
				break;
			case 3:
				r->oom_score = SNAP_NA;
				break;
			default:
				break;
			}
			if (r->kthread || r->oom_score_adj == -1000)
				r->oom_score = 0; /* as the kernel shows them */
		}
		v = rank_next_victim(&s);
		sorted(&s, RANK_OOM, true, o);
		if (v < 0) {
			assert_true(victim_is_unkillable(&s.procs[o[0]]));
			continue;
		}
		assert_int_equal(o[0], (size_t)v);
		/* a strict total order: every earlier row goes first;
		 * unknown scores last, among themselves by pid */
		for (size_t i = 0; i < N; i++) {
			const struct proc_row *a = &s.procs[o[i]];
			for (size_t j = i + 1; j < N; j++) {
				const struct proc_row *b = &s.procs[o[j]];
				if (a->oom_score == SNAP_NA)
					assert_true(b->oom_score == SNAP_NA &&
					            a->pid < b->pid);
				else if (b->oom_score != SNAP_NA)
					assert_true(
					    victim_cmp(a, b, s.mem.total_kb) <
					    0);
			}
		}
	}
	snapshot_fini(&s);
}

static void
test_filter(void **state)
{
	struct snapshot s;
	size_t o[8];
	int32_t pids[] = {3, 5};
	struct filter any = {false, 0, NULL, 0};
	struct filter bob = {true, 1, NULL, 0};
	struct filter some = {false, 0, pids, 2};
	struct filter both = {true, 0, pids, 2};
	(void)state;
	snapshot_init(&s);
	for (int pid = 2; pid <= 6; pid++)
		add(&s, pid, 1, 0, 1, "p");
	assert_int_equal(filter_select(&any, &s, o), 5);
	assert_int_equal(filter_select(&bob, &s, o), 2); /* 3 and 5 */
	assert_int_equal(s.procs[o[0]].pid, 3);
	assert_int_equal(filter_select(&some, &s, o), 2);
	assert_int_equal(s.procs[o[1]].pid, 5);
	assert_int_equal(filter_select(&both, &s, o), 0); /* odd pids: uid 1 */
	snapshot_fini(&s);
}

/* The RSS the badness counts: the three counters when all are known. */
static void
test_victim_rss_kb(void **state)
{
	struct proc_row r = {
	    .rss_kb = 900, .anon_kb = 100, .file_kb = 20, .shmem_kb = 3};
	(void)state;
	assert_int_equal(victim_rss_kb(&r), 123);
	r.file_kb = SNAP_NA;
	assert_int_equal(victim_rss_kb(&r), 900);
	r.rss_kb = SNAP_NA;
	assert_true(victim_rss_kb(&r) == SNAP_NA);
}

/* A fake GROWTH: RSS / 10, unknown for pid 20; counts its calls. */
static int64_t
fake_growth(void *ctx, const struct proc_row *r, enum rank_key key)
{
	int *calls = ctx;

	(*calls)++;
	assert_true(key == RANK_GROWTH || key == RANK_TREND);
	return r->pid == 20 ? SNAP_NA : r->rss_kb / 10;
}

/* RANK_GROWTH and RANK_TREND come from rank_extra; unknown last; none
 * without it (by pid). */
static void
test_sort_extra(void **state)
{
	struct snapshot s;
	size_t order[3];
	int calls = 0;
	const struct rank_extra extra = {fake_growth, &calls};

	(void)state;
	snapshot_init(&s);
	add(&s, 10, 0, 0, 100, "a");
	add(&s, 20, 0, 0, 900, "b");
	add(&s, 30, 0, 0, 500, "c");
	for (size_t i = 0; i < 3; i++)
		order[i] = i;
	rank_sort_extra(&s, order, 3, RANK_GROWTH, true, &extra);
	assert_int_equal(calls, 3); /* once a row */
	assert_int_equal(s.procs[order[0]].pid, 30);
	assert_int_equal(s.procs[order[1]].pid, 10);
	assert_int_equal(s.procs[order[2]].pid, 20); /* unknown last */
	rank_sort_extra(&s, order, 3, RANK_GROWTH, false, &extra);
	assert_int_equal(s.procs[order[0]].pid, 10);
	assert_int_equal(s.procs[order[2]].pid, 20);
	sorted(&s, RANK_TREND, true, order); /* no values: by pid */
	assert_int_equal(s.procs[order[0]].pid, 10);
	assert_int_equal(s.procs[order[2]].pid, 30);
	assert_true(rank_key_default_descending(RANK_GROWTH));
	assert_true(rank_key_default_descending(RANK_TREND));
	snapshot_fini(&s);
}

/* A verdict with a growth rate, for rank_trend_value. */
static struct trend
verdict(enum trend_verdict v, double rate_kb_per_hour)
{
	struct trend t;

	memset(&t, 0, sizeof t);
	t.verdict = v;
	t.rate_kb_per_hour = rate_kb_per_hour;
	return t;
}

/* TREND: by verdict, ties by rate, fastest first; GROWTH: rising rows by
 * rate first, then the rest by rate; learning unknown. */
static void
test_trend_value(void **state)
{
	const double mb = 1024.0;
	struct trend r106 = verdict(TREND_RISING, 106 * mb),
	             r115 = verdict(TREND_RISING, 115 * mb),
	             r7g = verdict(TREND_RISING, 7.0 * 1024 * mb),
	             flat_big = verdict(TREND_FLAT, 416 * mb),
	             flat_neg = verdict(TREND_FLAT, -416 * mb),
	             saw = verdict(TREND_SAWTOOTH, 0),
	             r_nan = verdict(TREND_RISING, NAN),
	             r_huge = verdict(TREND_RISING, 1e30),
	             learning = verdict(TREND_LEARNING, 5 * mb);

	(void)state;
	/* TREND: the real leaker first among the rising rows */
	assert_true(rank_trend_value(&r7g, RANK_TREND) >
	            rank_trend_value(&r115, RANK_TREND));
	assert_true(rank_trend_value(&r115, RANK_TREND) >
	            rank_trend_value(&r106, RANK_TREND));
	/* the verdict still comes first: the slowest rising > any saw */
	assert_true(rank_trend_value(&r106, RANK_TREND) >
	            rank_trend_value(&saw, RANK_TREND));
	assert_true(rank_trend_value(&saw, RANK_TREND) >
	            rank_trend_value(&flat_big, RANK_TREND));
	assert_true(rank_trend_value(&flat_big, RANK_TREND) >
	            rank_trend_value(&flat_neg, RANK_TREND));
	/* an unknown or huge rate stays inside its verdict's group */
	assert_true(rank_trend_value(&r_nan, RANK_TREND) >
	            rank_trend_value(&saw, RANK_TREND));
	assert_true(rank_trend_value(&r_nan, RANK_TREND) <
	            rank_trend_value(&r106, RANK_TREND));
	assert_true(rank_trend_value(&r_huge, RANK_TREND) >
	            rank_trend_value(&r7g, RANK_TREND));
	assert_true(rank_trend_value(&r_huge, RANK_TREND) <
	            (int64_t)(TREND_RISING + 1) * (INT64_C(1) << 42));
	/* GROWTH: rising rows by rate, then a flat row's big rate */
	assert_true(rank_trend_value(&r7g, RANK_GROWTH) >
	            rank_trend_value(&r106, RANK_GROWTH));
	assert_true(rank_trend_value(&r106, RANK_GROWTH) >
	            rank_trend_value(&flat_big, RANK_GROWTH));
	assert_true(rank_trend_value(&flat_big, RANK_GROWTH) >
	            rank_trend_value(&saw, RANK_GROWTH));
	assert_true(rank_trend_value(&saw, RANK_GROWTH) >
	            rank_trend_value(&flat_neg, RANK_GROWTH));
	/* unknown: learning, no verdict, a GROWTH without a rate */
	assert_true(rank_trend_value(&learning, RANK_TREND) == SNAP_NA);
	assert_true(rank_trend_value(&learning, RANK_GROWTH) == SNAP_NA);
	assert_true(rank_trend_value(NULL, RANK_TREND) == SNAP_NA);
	assert_true(rank_trend_value(&r_nan, RANK_GROWTH) == SNAP_NA);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_sort_oom_na_last_ties_victim_order),
	    cmocka_unit_test(test_sort_columns),
	    cmocka_unit_test(test_key_names),
	    cmocka_unit_test(test_next_victim_skips),
	    cmocka_unit_test(test_next_victim_tie_by_memory),
	    cmocka_unit_test(test_next_victim_tie_by_adj_term),
	    cmocka_unit_test(test_next_victim_tie_by_start_time),
	    cmocka_unit_test(test_next_victim_unknown_never_wins),
	    cmocka_unit_test(test_next_victim_pte_unknown),
	    cmocka_unit_test(test_sort_first_is_victim),
	    cmocka_unit_test(test_victim_rss_kb),
	    cmocka_unit_test(test_filter),
	    cmocka_unit_test(test_sort_extra),
	    cmocka_unit_test(test_trend_value),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
