/* Unit tests for the process table view model (model/table.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "model/table.h"

/* Add a process to snap. */
static void
add(struct snapshot *s, int32_t pid, int32_t ppid, const char *comm,
    int64_t rss_kb, int64_t oom, uint32_t uid, const char *cmdline,
    size_t cmdlen)
{
	struct proc_row r;

	memset(&r, 0, sizeof r);
	r.pid = pid;
	r.ppid = ppid;
	r.uid = uid;
	r.state = 'S';
	snprintf(r.comm, sizeof r.comm, "%s", comm);
	snprintf(r.user, sizeof r.user, "u%u", uid);
	r.rss_kb = r.anon_kb = rss_kb;
	r.file_kb = r.shmem_kb = r.swap_kb = r.pte_kb = 0;
	r.oom_score = oom;
	r.oom_score_adj = 0;
	r.start_time = (uint64_t)pid * 10;
	r.cmdline_off = r.cgroup_off = SNAP_NO_STR;
	if (cmdline != NULL) {
		assert_int_equal(
		    snapshot_str_append(s, cmdline, cmdlen, &r.cmdline_off), 0);
		r.cmdline_len = (uint32_t)cmdlen;
	}
	assert_int_equal(snapshot_push_proc(s, &r), 0);
}

/* A small machine: init, a shell with two children, a database. */
static void
sample(struct snapshot *s)
{
	snapshot_init(s);
	s->mem.total_kb = 1000000;
	add(s, 1, 0, "systemd", 10000, 0, 0, NULL, 0);
	add(s, 300, 1, "sshd", 5000, 666, 0, NULL, 0);
	add(s, 400, 300, "bash", 4000, 667, 1000, NULL, 0);
	add(s, 500, 400, "leaker", 600000, 1100, 1000, "python3\0leak.py\0",
	    16);
	add(s, 501, 400, "vim", 20000, 680, 1000, NULL, 0);
	add(s, 200, 1, "postgres", 300000, 900, 105, "postgres\0-D\0/pg\0", 16);
}

/* The pids of the rows, in order, as "1 2 3". */
static const char *
pids(const struct table *t, const struct snapshot *s)
{
	static char buf[256];
	size_t at = 0;

	buf[0] = '\0';
	for (size_t i = 0; i < t->nrows && at < sizeof buf - 12; i++)
		at += (size_t)snprintf(buf + at, sizeof buf - at, "%s%d",
		                       i ? " " : "",
		                       s->procs[t->rows[i].index].pid);
	return buf;
}

static void
test_sorted_list(void **state)
{
	struct snapshot s;
	struct table t;
	(void)state;
	sample(&s);
	table_init(&t);
	assert_int_equal(table_rebuild(&t, &s), 0);
	/* OOM score, highest first */
	assert_string_equal(pids(&t, &s), "500 200 501 400 300 1");
	t.sort = RANK_PID;
	t.desc = false;
	table_rebuild(&t, &s);
	assert_string_equal(pids(&t, &s), "1 200 300 400 500 501");
	for (size_t i = 0; i < t.nrows; i++)
		assert_int_equal(t.rows[i].depth, 0);
	table_fini(&t);
	snapshot_fini(&s);
}

static void
test_filters(void **state)
{
	struct snapshot s;
	struct table t;
	int32_t only[] = {300, 501, 999};
	(void)state;
	sample(&s);
	table_init(&t);
	table_set_name_filter(&t, "PY", 2); /* command line, any case */
	table_rebuild(&t, &s);
	assert_string_equal(pids(&t, &s), "500");
	table_set_name_filter(&t, "leak.py", 7);
	table_rebuild(&t, &s);
	assert_string_equal(pids(&t, &s), "500");
	/* NUL between arguments matches a space */
	table_set_name_filter(&t, "-d /pg", 6);
	table_rebuild(&t, &s);
	assert_string_equal(pids(&t, &s), "200");
	table_set_name_filter(&t, "nothing", 7);
	table_rebuild(&t, &s);
	assert_int_equal(t.nrows, 0);
	assert_null(table_selected(&t, &s));
	table_set_name_filter(&t, "", 0);
	t.filter.by_uid = true;
	t.filter.uid = 1000;
	table_rebuild(&t, &s);
	assert_string_equal(pids(&t, &s), "500 501 400");
	t.filter.by_uid = false;
	t.filter.pids = only;
	t.filter.npids = 3;
	table_rebuild(&t, &s);
	assert_string_equal(pids(&t, &s), "501 300");
	table_fini(&t);
	snapshot_fini(&s);
}

static void
test_selection_follows_process(void **state)
{
	struct snapshot s, s2;
	struct table t;
	(void)state;
	sample(&s);
	table_init(&t);
	table_rebuild(&t, &s);
	table_move(&t, &s, 3); /* 500 200 501 [400] 300 1 */
	assert_int_equal(table_selected(&t, &s)->pid, 400);
	/* re-sort: the cursor goes where pid 400 went */
	t.sort = RANK_PID;
	t.desc = false;
	table_rebuild(&t, &s);
	assert_int_equal(t.cursor, 3);
	t.sort = RANK_RSS;
	t.desc = true;
	table_rebuild(&t, &s); /* 500 200 501 1 300 400 */
	assert_int_equal(t.cursor, 5);
	assert_int_equal(table_selected(&t, &s)->pid, 400);
	/* a refresh where 400 exited and its pid was reused: not followed */
	snapshot_init(&s2);
	add(&s2, 1, 0, "systemd", 10000, 0, 0, NULL, 0);
	add(&s2, 300, 1, "sshd", 5000, 666, 0, NULL, 0);
	add(&s2, 200, 1, "postgres", 300000, 900, 105, NULL, 0);
	add(&s2, 400, 300, "bash", 4000, 667, 1000, NULL, 0);
	s2.procs[3].start_time = 99999; /* same pid, another process */
	table_rebuild(&t, &s2);         /* 200 1 300 400' */
	assert_int_equal(t.cursor, 3);  /* clamped position */
	assert_int_equal(table_selected(&t, &s2)->start_time, 99999);
	assert_int_equal(t.sel.start_time, 99999);
	/* moves clamp at both ends */
	table_move(&t, &s2, -100);
	assert_int_equal(t.cursor, 0);
	table_move(&t, &s2, 100);
	assert_int_equal(t.cursor, 3);
	table_move_to(&t, &s2, SIZE_MAX);
	assert_int_equal(t.cursor, 3);
	struct procid id = {300, 3000};
	assert_true(table_select(&t, &s2, &id));
	assert_int_equal(table_selected(&t, &s2)->pid, 300);
	id.start_time = 1;
	assert_false(table_select(&t, &s2, &id));
	/* a process of the snapshot, shown or not */
	assert_true(table_find_proc(&s2, id) == PROCID_NONE);
	id.start_time = 3000;
	assert_true(table_find_proc(&s2, id) < s2.nprocs);
	assert_int_equal(s2.procs[table_find_proc(&s2, id)].pid, 300);
	table_fini(&t);
	snapshot_fini(&s);
	snapshot_fini(&s2);
}

static void
test_tree_order_and_subtree_rss(void **state)
{
	struct snapshot s;
	struct table t;
	(void)state;
	sample(&s);
	table_init(&t);
	t.tree = true;
	table_rebuild(&t, &s);
	/* siblings keep the sort order (OOM desc): postgres before sshd,
	 * leaker before vim */
	assert_string_equal(pids(&t, &s), "1 200 300 400 500 501");
	static const uint16_t depth[] = {0, 1, 1, 2, 3, 3};
	static const bool last[] = {true, false, true, true, false, true};
	for (size_t i = 0; i < 6; i++) {
		assert_int_equal(t.rows[i].depth, depth[i]);
		assert_int_equal(t.rows[i].last, last[i]);
	}
	assert_int_equal(t.rows[0].subtree_rss_kb, 939000);
	assert_int_equal(t.rows[1].subtree_rss_kb, 300000);
	assert_int_equal(t.rows[2].subtree_rss_kb, 629000);
	assert_int_equal(t.rows[3].subtree_rss_kb, 624000);
	assert_int_equal(t.rows[4].subtree_rss_kb, 600000);
	/* tree lines: under postgres (not last at depth 1) the bit stays */
	assert_int_equal(t.rows[1].more, 1u << 1);
	assert_int_equal(t.rows[2].more, 0);
	assert_int_equal(t.rows[4].more, 1u << 3);
	/* a filtered tree: parents that are hidden make roots */
	t.filter.by_uid = true;
	t.filter.uid = 1000;
	table_rebuild(&t, &s);
	assert_string_equal(pids(&t, &s), "400 500 501");
	assert_int_equal(t.rows[0].subtree_rss_kb, 624000);
	table_fini(&t);
	snapshot_fini(&s);
}

static void
test_tree_survives_cycles_and_unknowns(void **state)
{
	struct snapshot s;
	struct table t;
	(void)state;
	snapshot_init(&s);
	add(&s, 10, 11, "a", 100, 5, 0, NULL, 0);
	add(&s, 11, 10, "b", 200, 4, 0, NULL, 0);
	add(&s, 12, 12, "self", 300, 3, 0, NULL, 0);
	add(&s, 13, 12, "kid", SNAP_NA, 2, 0, NULL, 0);
	table_init(&t);
	t.tree = true;
	table_rebuild(&t, &s);
	/* every process shows up exactly once */
	assert_int_equal(t.nrows, 4);
	assert_string_equal(pids(&t, &s), "12 13 10 11");
	assert_int_equal(t.rows[0].subtree_rss_kb, 300); /* unknown adds 0 */
	assert_int_equal(t.rows[2].subtree_rss_kb, 300);
	table_fini(&t);
	snapshot_fini(&s);
}

static void
test_deep_chain(void **state)
{
	struct snapshot s;
	struct table t;
	(void)state;
	snapshot_init(&s);
	for (int32_t i = 1; i <= 3000; i++)
		add(&s, i, i - 1, "c", 1, 0, 0, NULL, 0);
	table_init(&t);
	t.tree = true;
	assert_int_equal(table_rebuild(&t, &s), 0);
	assert_int_equal(t.nrows, 3000);
	assert_int_equal(t.rows[2999].depth, 2999);
	assert_int_equal(t.rows[0].subtree_rss_kb, 3000);
	assert_int_equal(t.rows[1500].subtree_rss_kb, 1500);
	table_fini(&t);
	snapshot_fini(&s);
}

static void
test_scroll_and_search(void **state)
{
	struct snapshot s;
	struct table t;
	char name[16];
	(void)state;
	snapshot_init(&s);
	for (int32_t i = 1; i <= 50; i++) {
		snprintf(name, sizeof name, "p%d", i);
		add(&s, i, 0, name, i, 0, 0, NULL, 0);
	}
	table_init(&t);
	t.sort = RANK_PID;
	t.desc = false;
	table_rebuild(&t, &s);
	table_scroll(&t, 10);
	assert_int_equal(t.top, 0);
	table_move(&t, &s, 15);
	table_scroll(&t, 10);
	assert_int_equal(t.top, 6); /* cursor 15 on the last visible row */
	table_move(&t, &s, -12);
	table_scroll(&t, 10);
	assert_int_equal(t.top, 3);
	table_move_to(&t, &s, SIZE_MAX);
	table_scroll(&t, 10);
	assert_int_equal(t.top, 40);
	/* a taller window pulls top back: no empty rows at the bottom */
	table_scroll(&t, 30);
	assert_int_equal(t.top, 20);
	table_scroll(&t, 0);
	assert_int_equal(t.cursor, 49);
	assert_int_equal(t.top, 49);
	/* search wraps around, forward and backward */
	assert_int_equal(table_search(&t, &s, "p4", 2, 0, true), 3);
	assert_int_equal(table_search(&t, &s, "p4", 2, 4, true), 39);
	assert_int_equal(table_search(&t, &s, "P4", 2, 49, true), 3);
	assert_int_equal(table_search(&t, &s, "p4", 2, 38, false), 3);
	assert_int_equal(table_search(&t, &s, "zz", 2, 0, true), -1);
	assert_int_equal(table_search(&t, &s, "", 0, 0, true), -1);
	table_fini(&t);
	snapshot_fini(&s);
}

static void
test_steady_refresh_keeps_buffers(void **state)
{
	struct snapshot s;
	struct table t;
	(void)state;
	sample(&s);
	table_init(&t);
	table_rebuild(&t, &s);
	struct table_row *rows = t.rows;
	size_t *scratch = t.scratch;
	for (int i = 0; i < 5; i++) {
		t.tree = i % 2;
		table_rebuild(&t, &s);
	}
	assert_ptr_equal(t.rows, rows);
	assert_ptr_equal(t.scratch, scratch);
	table_fini(&t);
	snapshot_fini(&s);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_sorted_list),
	    cmocka_unit_test(test_filters),
	    cmocka_unit_test(test_selection_follows_process),
	    cmocka_unit_test(test_tree_order_and_subtree_rss),
	    cmocka_unit_test(test_tree_survives_cycles_and_unknowns),
	    cmocka_unit_test(test_deep_chain),
	    cmocka_unit_test(test_scroll_and_search),
	    cmocka_unit_test(test_steady_refresh_keeps_buffers),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
