/* Unit tests for model/rank.c and model/filter.c on built snapshots. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "model/filter.h"
#include "model/rank.h"

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
test_sort_oom_na_last_ties_by_pid(void **state)
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
	assert_int_equal(s.procs[o[1]].pid, 20); /* tie: lower pid first */
	assert_int_equal(s.procs[o[2]].pid, 50);
	assert_int_equal(s.procs[o[3]].pid, 10); /* unknown last */
	sorted(&s, RANK_OOM, false, o);
	assert_int_equal(s.procs[o[0]].pid, 20);
	assert_int_equal(s.procs[o[1]].pid, 50);
	assert_int_equal(s.procs[o[2]].pid, 30);
	assert_int_equal(s.procs[o[3]].pid, 10); /* unknown still last */
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
	add(&s, 9, 1000, 1000, 500, "late");
	add(&s, 7, 1000, 1000, 500, "early"); /* tie: lowest pid */
	add(&s, 8, 999, 1000, 900, "close");
	assert_int_equal(s.procs[rank_next_victim(&s)].pid, 7);
	/* a zombie that still holds memory is a candidate */
	s.procs[3].rss_kb = 10;
	assert_int_equal(s.procs[rank_next_victim(&s)].pid, 4);
	assert_true(rank_is_unkillable(&s.procs[0]));
	assert_false(rank_is_unkillable(&s.procs[6]));
	/* a container's PID 1 is scored (666 at adj 0) and can be chosen */
	s.procs[0].oom_score = 2000;
	assert_false(rank_is_unkillable(&s.procs[0]));
	assert_int_equal(s.procs[rank_next_victim(&s)].pid, 1);
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

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_sort_oom_na_last_ties_by_pid),
	    cmocka_unit_test(test_sort_columns),
	    cmocka_unit_test(test_key_names),
	    cmocka_unit_test(test_next_victim_skips),
	    cmocka_unit_test(test_filter),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
