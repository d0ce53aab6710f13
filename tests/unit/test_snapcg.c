/* Unit tests for model/snapcg.c: cgroup entries, lookup, names, victims. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <errno.h>
#include <string.h>

#include <cmocka.h>

#include "model/snapcg.h"

/* Push a cgroup at path with memory.max max_bytes (SNAP_NA: unread). */
static size_t
push_cg(struct snapshot *s, const char *path, uint32_t parent, int64_t max)
{
	struct snap_cgroup cg;

	snapcg_init(&cg, SNAP_CGROUP_V2, 1);
	assert_int_equal(
	    snapshot_str_append(s, path, strlen(path), &cg.path_off), 0);
	cg.path_len = (uint32_t)strlen(path);
	cg.parent = parent;
	cg.root = strcmp(path, "/") == 0;
	cgname_parse(path, strlen(path), &cg.name);
	if (max != SNAP_NA)
		assert_int_equal(
		    cgmem_parse(&cg.mem, CGMEM_F_MAX, "max\n", 4, 4), 0);
	if (max != SNAP_NA && max != CGMEM_UNLIMITED)
		cg.mem.max_bytes = max;
	assert_int_equal(snapshot_push_cgroup(s, &cg), 0);
	return s->ncgroups - 1;
}

/* Push a process row of rss_kb and adj in the cgroup at path. */
static void
push_row(struct snapshot *s, int32_t pid, const char *path, int64_t rss_kb,
         int64_t adj)
{
	struct proc_row r;

	memset(&r, 0, sizeof r);
	r.pid = pid;
	r.ppid = 1;
	r.state = 'S';
	r.rss_kb = r.anon_kb = rss_kb;
	r.file_kb = r.shmem_kb = 0;
	r.swap_kb = 0;
	r.pte_kb = 4;
	r.oom_score = 1;
	r.oom_score_adj = adj;
	r.start_time = (uint64_t)pid;
	r.cmdline_off = SNAP_NO_STR;
	assert_int_equal(
	    snapshot_str_append(s, path, strlen(path), &r.cgroup_off), 0);
	r.cgroup_len = (uint32_t)strlen(path);
	assert_int_equal(snapshot_push_proc(s, &r), 0);
}

static void
test_push_find_and_reset(void **state)
{
	struct snapshot s;
	size_t len;
	(void)state;
	snapshot_init(&s);
	assert_int_equal(s.ncgroups, 0);
	assert_int_equal(s.cgroups_err, ENOENT);
	for (int i = 0; i < 100; i++)
		push_cg(&s, i == 0 ? "/" : "/a", 0, SNAP_NA);
	assert_int_equal(s.ncgroups, 100);
	assert_memory_equal(snapcg_path(&s, 0, &len), "/", 1);
	assert_int_equal(len, 1);
	assert_int_equal(snapcg_find(&s, "/a", 2), 1);
	assert_int_equal(snapcg_find(&s, "/b", 2), SNAPCG_NONE);
	assert_null(snapcg_path(&s, 100, &len));
	snapshot_reset(&s);
	assert_int_equal(s.ncgroups, 0);
	assert_true(s.cgroups_cap >= 100);
	snapshot_fini(&s);
}

static void
test_row_and_name(void **state)
{
	struct snapshot s;
	char buf[64];
	size_t i;
	(void)state;
	snapshot_init(&s);
	push_cg(&s, "/", SNAPCG_NONE, SNAP_NA);
	i = push_cg(&s, "/system.slice/nginx.service", 0, SNAP_NA);
	push_row(&s, 10, "/system.slice/nginx.service", 100, 0);
	push_row(&s, 11, "/gone", 100, 0);
	assert_int_equal(snapcg_of_row(&s, &s.procs[0]), i);
	assert_int_equal(snapcg_of_row(&s, &s.procs[1]), SNAPCG_NONE);
	snapcg_format_name(&s, i, false, buf, sizeof buf);
	assert_string_equal(buf, "nginx.service");
	snapcg_format_name(&s, i, true, buf, sizeof buf);
	assert_string_equal(buf, "system.slice/nginx.service");
	assert_int_equal(snapcg_format_name(&s, 9, false, buf, sizeof buf), 0);
	assert_string_equal(buf, "");
	snapshot_fini(&s);
}

static void
test_victims_only_limited(void **state)
{
	struct snapshot s;
	struct cgvictim_env env = {4, 0, 60};
	size_t lim, unl;
	(void)state;
	snapshot_init(&s);
	push_cg(&s, "/", SNAPCG_NONE, SNAP_NA);
	lim = push_cg(&s, "/lim", 0, 100 << 20);
	unl = push_cg(&s, "/unl", 0, CGMEM_UNLIMITED);
	push_row(&s, 20, "/lim", 1000, 0);
	push_row(&s, 21, "/lim", 5000, 0);
	push_row(&s, 22, "/lim", 100, 500);
	push_row(&s, 23, "/unl", 9000, 0);
	assert_int_equal(snapcg_victims(&s, &env), 0);
	/* 100 MiB = 25600 pages: adj 500 weighs 12800 pages, more than
	 * 5000 kB (1250 pages) of rss */
	assert_true(s.cgroups[lim].victim.limited);
	assert_int_equal(s.cgroups[lim].victim.victim, 2);
	assert_int_equal(s.cgroups[lim].victim.candidates, 3);
	assert_false(s.cgroups[unl].victim.limited);
	assert_int_equal(s.cgroups[unl].victim.victim, CGVICTIM_NONE);
	assert_int_equal(s.cgroups[0].victim.victim, CGVICTIM_NONE);
	snapshot_fini(&s);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_push_find_and_reset),
	    cmocka_unit_test(test_row_and_name),
	    cmocka_unit_test(test_victims_only_limited),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
