/* Unit tests for model/cgvictim.c: the kernel's victim in a memcg OOM. */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "model/cgvictim.h"

#define MB 1024 /* kB */
#define PAGE_KB 4

static struct snapshot snap;
static struct cgmem mems[8];
static struct cgvictim_cg cgs[8];
static size_t ncg;
static const struct cgvictim_env env0 = {PAGE_KB, 0, 60};

/* Fresh snapshot and table before each test. */
static int
setup(void **state)
{
	(void)state;
	snapshot_init(&snap);
	ncg = 0;
	return 0;
}

/* Free the snapshot. */
static int
teardown(void **state)
{
	(void)state;
	snapshot_fini(&snap);
	return 0;
}

/* Add a process: rss in MB (all anon), in cgroup path, adj, start time. */
static size_t
add(int32_t pid, const char *path, int64_t rss_mb, int64_t adj, uint64_t start)
{
	struct proc_row r;

	memset(&r, 0, sizeof r);
	r.pid = pid;
	r.ppid = 1;
	r.state = 'S';
	snprintf(r.comm, sizeof r.comm, "p%d", pid);
	r.rss_kb = r.anon_kb = rss_mb * MB;
	r.file_kb = r.shmem_kb = 0;
	r.swap_kb = 0;
	r.pte_kb = 0;
	r.oom_score = 500; /* the global score: not what a memcg OOM uses */
	r.oom_score_adj = adj;
	r.start_time = start;
	r.cmdline_off = SNAP_NO_STR;
	r.cgroup_off = SNAP_NO_STR;
	if (path != NULL) {
		assert_int_equal(snapshot_str_append(&snap, path, strlen(path),
		                                     &r.cgroup_off),
		                 0);
		r.cgroup_len = (uint32_t)strlen(path);
	}
	assert_int_equal(snapshot_push_proc(&snap, &r), 0);
	return snap.nprocs - 1;
}

/* Add a cgroup2 cgroup with memory.max max_mb (-1: max) and oom.group. */
static size_t
cg2(const char *path, int64_t max_mb, int64_t oom_group)
{
	struct cgmem *m = &mems[ncg];

	cgmem_init(m, SNAP_CGROUP_V2, 100 + ncg);
	m->max_bytes = max_mb < 0 ? CGMEM_UNLIMITED : max_mb << 20;
	m->swap_max_bytes = CGMEM_UNLIMITED;
	m->oom_group = oom_group;
	m->err[CGMEM_F_MAX] = m->err[CGMEM_F_SWAP_MAX] = 0;
	cgs[ncg].path = path;
	cgs[ncg].path_len = strlen(path);
	cgs[ncg].mem = m;
	return ncg++;
}

/* The pick in domain d with env0; asserts it succeeds. */
static struct cgvictim
pick(size_t d, const struct cgvictim_env *env)
{
	struct cgvictim v;

	assert_int_equal(cgvictim_pick(&snap, cgs, ncg, d, env, &v), 0);
	return v;
}

static void
test_path_in(void **state)
{
	(void)state;
	assert_true(cgvictim_path_in("/a/b", 4, "/a", 2));
	assert_true(cgvictim_path_in("/a", 2, "/a", 2));
	assert_false(cgvictim_path_in("/ab", 3, "/a", 2));
	assert_false(cgvictim_path_in("/a", 2, "/a/b", 4));
	assert_true(cgvictim_path_in("/x", 2, "/", 1));
	assert_true(cgvictim_path_in("/", 1, "/", 1));
}

static void
test_total_pages_v2(void **state)
{
	struct cgmem m;
	struct cgvictim_env env = {PAGE_KB, 1024 * MB, 60};
	(void)state;
	cgmem_init(&m, SNAP_CGROUP_V2, 1);
	/* memory.max unread: unknown */
	assert_true(cgvictim_total_pages(&m, &env) == SNAP_NA);
	m.max_bytes = 512LL << 20;
	m.err[CGMEM_F_MAX] = 0;
	/* swap.max unread (ENODATA) with swap on: unknown */
	assert_true(cgvictim_total_pages(&m, &env) == SNAP_NA);
	/* swap accounting off: no file, the kernel's counter is unlimited */
	cgmem_set_err(&m, CGMEM_F_SWAP_MAX, ENOENT);
	assert_int_equal(cgvictim_total_pages(&m, &env), 131072 + 262144);
	m.swap_max_bytes = CGMEM_UNLIMITED;
	assert_int_equal(cgvictim_total_pages(&m, &env), 131072 + 262144);
	m.swap_max_bytes = 100LL << 20;
	assert_int_equal(cgvictim_total_pages(&m, &env), 131072 + 25600);
	env.vm_swappiness = 0; /* swap not counted at all */
	assert_int_equal(cgvictim_total_pages(&m, &env), 131072);
	env.vm_swappiness = SNAP_NA;
	assert_true(cgvictim_total_pages(&m, &env) == SNAP_NA);
	env.swap_total_kb = 0; /* no swap: swappiness does not matter */
	assert_int_equal(cgvictim_total_pages(&m, &env), 131072);
	/* memory.max 0: the kernel uses 1 */
	m.max_bytes = 0;
	assert_int_equal(cgvictim_total_pages(&m, &env), 1);
	/* unlimited: PAGE_COUNTER_MAX pages + swap */
	m.max_bytes = CGMEM_UNLIMITED;
	env.swap_total_kb = 8 * MB;
	env.vm_swappiness = 60;
	assert_int_equal(cgvictim_total_pages(&m, &env),
	                 INT64_MAX / 4096 + 2048);
	env.page_kb = 0;
	assert_true(cgvictim_total_pages(&m, &env) == SNAP_NA);
}

static void
test_total_pages_v1(void **state)
{
	struct cgmem m;
	struct cgvictim_env env = {PAGE_KB, 1024 * MB, 0};
	(void)state;
	cgmem_init(&m, SNAP_CGROUP_V1, 1);
	m.max_bytes = 512LL << 20;
	m.memsw_max_bytes = 768LL << 20;
	m.swappiness = 60; /* v1: the cgroup's own, not vm.swappiness */
	assert_int_equal(cgvictim_total_pages(&m, &env), 131072 + 65536);
	m.memsw_max_bytes = CGMEM_UNLIMITED;
	assert_int_equal(cgvictim_total_pages(&m, &env), 131072 + 262144);
	cgmem_set_err(&m, CGMEM_F_SWAP_MAX, ENOENT); /* swapaccount=0 */
	assert_int_equal(cgvictim_total_pages(&m, &env), 131072 + 262144);
	cgmem_set_err(&m, CGMEM_F_SWAP_MAX, EACCES);
	assert_true(cgvictim_total_pages(&m, &env) == SNAP_NA);
	m.swappiness = 0;
	assert_int_equal(cgvictim_total_pages(&m, &env), 131072);
	m.swappiness = SNAP_NA;
	assert_true(cgvictim_total_pages(&m, &env) == SNAP_NA);
}

static void
test_limit_changes_the_victim(void **state)
{
	size_t a, b, d;
	struct cgvictim v;
	(void)state;
	a = add(10, "/app", 400, 0, 100);
	b = add(11, "/app", 100, 500, 101);
	add(12, "/app", 300, 0, 102);
	d = cg2("/app", 1024, 0);
	/* 262144 pages: b = 25600 + 500 * 262 = 156600 > a = 102400 */
	v = pick(d, &env0);
	assert_int_equal(v.victim, b);
	assert_int_equal(v.points, 25600 + 500 * 262);
	assert_int_equal(v.total_pages, 262144);
	assert_int_equal(v.candidates, 3);
	assert_true(v.limited);
	assert_int_equal(v.group, CGVICTIM_NONE);
	/* at 200 MB, 51200 pages: b = 25600 + 500 * 51 = 51100 < a */
	mems[d].max_bytes = 200LL << 20;
	v = pick(d, &env0);
	assert_int_equal(v.victim, a);
	assert_int_equal(v.points, 102400);
	/* a negative adj pulls the biggest under the others */
	snap.procs[a].oom_score_adj = -800; /* 102400 - 800 * 51 = 61600 */
	v = pick(d, &env0);
	assert_int_equal(v.victim, 2); /* 76800 */
}

static void
test_subtree_only(void **state)
{
	size_t d, small;
	struct cgvictim v;
	(void)state;
	add(20, "/app2", 4000, 1000, 1); /* a sibling whose name starts alike */
	add(21, "/", 4000, 0, 2);
	add(22, NULL, 4000, 0, 3); /* cgroup unknown */
	small = add(23, "/app/worker", 10, 0, 4);
	add(24, "/app", 5, 0, 5);
	d = cg2("/app", 512, 0);
	v = pick(d, &env0);
	assert_int_equal(v.victim, small);
	assert_int_equal(v.candidates, 2);
	assert_int_equal(v.unplaced, 1);
	assert_int_equal(v.unknown, 0);
}

static void
test_skipped_tasks(void **state)
{
	size_t d, cinit, k;
	struct cgvictim v;
	(void)state;
	add(30, "/c", 900, -1000, 1); /* protected */
	k = add(31, "/c", 900, 0, 2);
	snap.procs[k].kthread = true;
	k = add(1, "/c", 900, 0, 3); /* the host's init reads oom_score 0 */
	snap.procs[k].oom_score = 0;
	k = add(33, "/c", 900, 0, 4); /* a zombie without memory */
	snap.procs[k].state = 'Z';
	snap.procs[k].rss_kb = snap.procs[k].anon_kb = 0;
	d = cg2("/c", 1024, 0);
	v = pick(d, &env0);
	assert_int_equal(v.victim, CGVICTIM_NONE);
	assert_int_equal(v.candidates, 0);
	assert_true(v.points == SNAP_NA);
	/* a container's init seen as PID 1 (oom_score not 0) is a task */
	snapshot_reset(&snap);
	cinit = add(1, "/c", 50, 0, 1);
	snap.procs[cinit].oom_score = 20;
	add(35, "/c", 40, 0, 2);
	v = pick(d, &env0);
	assert_int_equal(v.victim, cinit);
}

static void
test_unknown_figures(void **state)
{
	size_t d, k, big;
	struct cgvictim v;
	(void)state;
	big = add(40, "/u", 300, 0, 1);
	k = add(41, "/u", 900, 0, 2);
	snap.procs[k].swap_kb = SNAP_NA;
	/* PID 1 without oom_score: the host's init or a container's? */
	k = add(1, "/u", 900, 0, 3);
	snap.procs[k].oom_score = SNAP_NA;
	/* other rows do not need the global oom_score */
	k = add(43, "/u", 200, 0, 4);
	snap.procs[k].oom_score = SNAP_NA;
	d = cg2("/u", 1024, 0);
	v = pick(d, &env0);
	assert_int_equal(v.victim, big);
	assert_int_equal(v.candidates, 2);
	assert_int_equal(v.unknown, 2);
	snap.procs[k].anon_kb = snap.procs[k].rss_kb = 400 * MB;
	v = pick(d, &env0);
	assert_int_equal(v.victim, k);
	/* memory.max unknown: nothing can be scored */
	mems[d].max_bytes = SNAP_NA;
	v = pick(d, &env0);
	assert_int_equal(v.victim, CGVICTIM_NONE);
	assert_int_equal(v.unknown, 4);
	assert_false(v.limited);
	/* bad calls */
	assert_int_equal(cgvictim_pick(&snap, cgs, ncg, ncg, &env0, &v), -1);
	cgs[d].mem = NULL;
	assert_int_equal(cgvictim_pick(&snap, cgs, ncg, d, &env0, &v), -1);
}

static void
test_ties(void **state)
{
	size_t d, newer, same_start;
	struct cgvictim v;
	(void)state;
	add(50, "/t", 100, 0, 500);
	newer = add(51, "/t", 100, 0, 900);
	add(52, "/t", 100, 0, 700);
	d = cg2("/t", 1024, 0);
	/* equal points: the newest process, as the global order */
	v = pick(d, &env0);
	assert_int_equal(v.victim, newer);
	/* same start too: the larger pid */
	same_start = add(53, "/t", 100, 0, 900);
	v = pick(d, &env0);
	assert_int_equal(v.victim, same_start);
	/* a bigger rival is not a tie */
	add(54, "/t", 101, 0, 1);
	v = pick(d, &env0);
	assert_int_equal(v.victim, snap.nprocs - 1);
}

static void
test_oom_group(void **state)
{
	size_t dom, pod, c1, victim, prot;
	struct cgvictim v;
	bool unknown;
	(void)state;
	victim = add(60, "/k/pod/c1", 300, 0, 1);
	add(61, "/k/pod/c2", 100, 0, 2);
	prot = add(62, "/k/pod/c2", 10, -1000, 3);
	add(63, "/k/other", 200, 0, 4);
	dom = cg2("/k", 1024, 0);
	pod = cg2("/k/pod", -1, 1);
	c1 = cg2("/k/pod/c1", -1, 0);
	cg2("/k/pod/c2", -1, 0);
	v = pick(dom, &env0);
	assert_int_equal(v.victim, victim);
	assert_int_equal(v.group, pod);
	assert_false(v.group_unknown);
	assert_int_equal(v.group_kills, 2); /* 60 and 61, not the -1000 one */
	assert_true(cgvictim_group_kills(&snap.procs[victim]));
	assert_false(cgvictim_group_kills(&snap.procs[prot]));
	/* the highest cgroup with oom.group inside the domain wins */
	mems[dom].oom_group = 1;
	v = pick(dom, &env0);
	assert_int_equal(v.group, dom);
	assert_int_equal(v.group_kills, 3);
	/* the victim's own cgroup counts */
	mems[dom].oom_group = mems[pod].oom_group = 0;
	mems[c1].oom_group = 1;
	v = pick(dom, &env0);
	assert_int_equal(v.group, c1);
	assert_int_equal(v.group_kills, 1);
	/* above the domain does not count: an OOM in /k/pod/c1 alone */
	mems[c1].oom_group = 0;
	mems[dom].oom_group = 1;
	mems[c1].max_bytes = 512LL << 20;
	v = pick(c1, &env0);
	assert_int_equal(v.victim, victim);
	assert_int_equal(v.group, CGVICTIM_NONE);
	/* a global OOM walks up to the root */
	assert_int_equal(
	    cgvictim_group(&snap, cgs, ncg, CGVICTIM_NONE, victim, &unknown),
	    dom);
	assert_true(unknown); /* "/" is not in the table */
	/* an unread oom.group on the way is said */
	mems[pod].oom_group = SNAP_NA;
	v = pick(dom, &env0);
	assert_int_equal(v.group, dom);
	assert_true(v.group_unknown);
	/* a task of the root cgroup is never grouped */
	assert_int_equal(cgvictim_group(&snap, cgs, ncg, CGVICTIM_NONE,
	                                add(64, "/", 1, 0, 9), NULL),
	                 CGVICTIM_NONE);
	/* cgroup v1 has no oom.group */
	for (size_t i = 0; i < ncg; i++)
		mems[i].mode = SNAP_CGROUP_V1;
	mems[dom].swappiness = 60;
	v = pick(dom, &env0);
	assert_int_equal(v.group, CGVICTIM_NONE);
}

static void
test_unlimited_and_v1_disable(void **state)
{
	size_t d, tiny;
	struct cgvictim v;
	(void)state;
	add(70, "/big", 8000, 0, 1);
	tiny = add(71, "/big", 1, 1, 2);
	d = cg2("/big", -1, 0);
	/* PAGE_COUNTER_MAX pages: one adj unit outweighs any memory */
	v = pick(d, &env0);
	assert_false(v.limited);
	assert_int_equal(v.total_pages, INT64_MAX / 4096);
	assert_int_equal(v.victim, tiny);
	/* v1: a memsw limit alone can start a memcg OOM */
	mems[d].mode = SNAP_CGROUP_V1;
	mems[d].swappiness = 60;
	mems[d].memsw_max_bytes = 1LL << 30;
	v = pick(d, &env0);
	assert_true(v.limited);
	/* oom_kill_disable: a victim is named, but the kernel waits */
	mems[d].oom_kill_disable = 1;
	v = pick(d, &env0);
	assert_true(v.kill_disabled);
	assert_int_equal(v.group, CGVICTIM_NONE);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_path_in),
	    cmocka_unit_test(test_total_pages_v2),
	    cmocka_unit_test(test_total_pages_v1),
	    cmocka_unit_test_setup_teardown(test_limit_changes_the_victim,
	                                    setup, teardown),
	    cmocka_unit_test_setup_teardown(test_subtree_only, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_skipped_tasks, setup,
	                                    teardown),
	    cmocka_unit_test_setup_teardown(test_unknown_figures, setup,
	                                    teardown),
	    cmocka_unit_test_setup_teardown(test_ties, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_oom_group, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_unlimited_and_v1_disable,
	                                    setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
