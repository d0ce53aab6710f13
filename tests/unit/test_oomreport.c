/* Unit tests for the OOM report line parsers (model/oomreport.c). Lines
 * come from tests/fixtures/kmsg/ unless a comment says how they were
 * built. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "model/klog.h"
#include "model/oomreport.h"

#define L(lit) lit, sizeof(lit) - 1

/* A slice equals a C string. */
static void
slice_is(struct kslice s, const char *want)
{
	assert_non_null(s.s);
	assert_int_equal(s.len, strlen(want));
	assert_memory_equal(s.s, want, s.len);
}

static void
test_invoked(void **state)
{
	struct oom_invoked v;
	(void)state;
	assert_true(oomreport_parse_invoked(
	    L("hog invoked oom-killer: gfp_mask=0xcc0(GFP_KERNEL), order=0, "
	      "oom_score_adj=0"),
	    &v));
	slice_is(v.comm, "hog");
	slice_is(v.gfp_mask, "0xcc0(GFP_KERNEL)");
	assert_int_equal(v.order, 0);
	assert_int_equal(v.oom_score_adj, 0);
	/* 33.txt: oom_adj before oom_score_adj */
	assert_true(oomreport_parse_invoked(
	    L("osmcore_L invoked oom-killer: gfp_mask=0x200da, order=0, "
	      "oom_adj=-17, oom_score_adj=-1000"),
	    &v));
	slice_is(v.gfp_mask, "0x200da");
	assert_int_equal(v.oom_score_adj, -1000);
	/* built: SysRq-f order=-1, a comm with spaces */
	assert_true(oomreport_parse_invoked(
	    L("CPU 7/KVM invoked oom-killer: gfp_mask=0x0(), order=-1, "
	      "oom_score_adj=0"),
	    &v));
	slice_is(v.comm, "CPU 7/KVM");
	assert_int_equal(v.order, -1);
	/* truncated after the marker: what is there */
	assert_true(oomreport_parse_invoked(L("x invoked oom-killer:"), &v));
	assert_null(v.gfp_mask.s);
	assert_int_equal(v.order, KLOG_NA);
	assert_false(oomreport_parse_invoked(L("invoked oom-killer"), &v));
}

static void
test_killed_modern(void **state)
{
	struct oom_killed k;
	(void)state;
	assert_true(oomreport_parse_killed(
	    L("Memory cgroup out of memory: Killed process 5807 (hog) "
	      "total-vm:68268kB, anon-rss:65280kB, file-rss:1060kB, "
	      "shmem-rss:0kB, UID:0 pgtables:172kB oom_score_adj:0"),
	    &k));
	assert_false(k.chosen_only);
	assert_int_equal(k.constraint, OOM_CONSTRAINT_MEMCG);
	assert_int_equal(k.pid, 5807);
	slice_is(k.comm, "hog");
	assert_int_equal(k.total_vm_kb, 68268);
	assert_int_equal(k.anon_rss_kb, 65280);
	assert_int_equal(k.file_rss_kb, 1060);
	assert_int_equal(k.shmem_rss_kb, 0);
	assert_int_equal(k.uid, 0);
	assert_int_equal(k.pgtables_kb, 172);
	assert_int_equal(k.oom_score_adj, 0);
	assert_true(oomreport_killed_plausible(&k));
	/* 13.txt */
	assert_true(oomreport_parse_killed(
	    L("Out of memory: Killed process 473206 (doxygen) total-vm:"
	      "30290680kB, anon-rss:9234320kB, file-rss:4kB, shmem-rss:0kB, "
	      "UID:504 pgtables:59264kB oom_score_adj:0"),
	    &k));
	assert_int_equal(k.constraint, OOM_CONSTRAINT_UNKNOWN);
	assert_int_equal(k.uid, 504);
	/* built: a comm holding ") total-vm:" and spaces: the last one ends */
	assert_true(oomreport_parse_killed(
	    L("Out of memory: Killed process 9 (a) total-vm:1 x) total-vm:8kB, "
	      "anon-rss:4kB, file-rss:0kB"),
	    &k));
	slice_is(k.comm, "a) total-vm:1 x");
	assert_int_equal(k.total_vm_kb, 8);
}

static void
test_killed_old_variants(void **state)
{
	struct oom_killed k;
	(void)state;
	/* 14.txt: the chosen line, then the kill */
	assert_true(oomreport_parse_killed(
	    L("Out of memory: Kill process 6576 (mysqld) score 651 or "
	      "sacrifice child"),
	    &k));
	assert_true(k.chosen_only);
	assert_int_equal(k.pid, 6576);
	slice_is(k.comm, "mysqld");
	assert_int_equal(k.total_vm_kb, KLOG_NA);
	assert_true(oomreport_parse_killed(
	    L("Killed process 6576 (mysqld) total-vm:33914892kB, anon-rss:"
	      "20629004kB, file-rss:0kB, shmem-rss:0kB"),
	    &k));
	assert_false(k.chosen_only);
	assert_int_equal(k.uid, KLOG_NA);
	assert_int_equal(k.pgtables_kb, KLOG_NA);
	assert_int_equal(k.shmem_rss_kb, 0);
	/* 22.txt: RHEL6 "N, UID N, (comm)" */
	assert_true(oomreport_parse_killed(
	    L("Killed process 11726, UID 498, (mysqld) total-vm:7823732kB, "
	      "anon-rss:2539268kB, file-rss:768kB"),
	    &k));
	assert_int_equal(k.pid, 11726);
	assert_int_equal(k.uid, 498);
	slice_is(k.comm, "mysqld");
	assert_int_equal(k.shmem_rss_kb, KLOG_NA);
	/* built: RHEL7 "(comm), UID N, total-vm" */
	assert_true(oomreport_parse_killed(
	    L("Killed process 2042 (java), UID 1001, total-vm:4194304kB, "
	      "anon-rss:1048576kB, file-rss:0kB"),
	    &k));
	slice_is(k.comm, "java");
	assert_int_equal(k.uid, 1001);
	assert_int_equal(k.anon_rss_kb, 1048576);
	/* built: <= 2.6.35 "Killed process N (comm)." */
	assert_true(
	    oomreport_parse_killed(L("Killed process 77 (sd (x))."), &k));
	slice_is(k.comm, "sd (x)");
}

static void
test_killed_malformed(void **state)
{
	struct oom_killed k;
	(void)state;
	assert_false(oomreport_parse_killed(L("Killed process "), &k));
	assert_false(oomreport_parse_killed(L("Killed process x (a)"), &k));
	assert_false(oomreport_parse_killed(L("Killed process 12 a"), &k));
	assert_false(
	    oomreport_parse_killed(L("Killed process 99999999999 (a)"), &k));
	assert_false(oomreport_parse_killed(L("Killed process 12 (abc"), &k));
	/* 64-bit overflow in a field: that field unknown, the rest kept */
	assert_true(oomreport_parse_killed(
	    L("Killed process 12 (a) total-vm:99999999999999999999kB, "
	      "anon-rss:8kB, file-rss:0kB"),
	    &k));
	assert_int_equal(k.total_vm_kb, KLOG_NA);
	assert_int_equal(k.anon_rss_kb, 8);
}

static void
test_plausible(void **state)
{
	struct oom_killed k;
	(void)state;
	/* 07/08.txt: 1kB is not a whole page */
	assert_true(oomreport_parse_killed(
	    L("Out of memory: Killed process 4242 (forged) total-vm:1kB, "
	      "anon-rss:1kB, file-rss:0kB, shmem-rss:0kB, UID:0 pgtables:0kB "
	      "oom_score_adj:0"),
	    &k));
	assert_false(oomreport_killed_plausible(&k));
	/* built: resident larger than virtual */
	assert_true(oomreport_parse_killed(
	    L("Killed process 1 (a) total-vm:8kB, anon-rss:8kB, file-rss:4kB"),
	    &k));
	assert_false(oomreport_killed_plausible(&k));
	/* 18.txt: the 5.4 bytes-as-kB pgtables bug is still plausible */
	assert_true(oomreport_parse_killed(
	    L("Out of memory: Killed process 1878 (python) total-vm:869012kB, "
	      "anon-rss:604572kB, file-rss:4kB, shmem-rss:0kB, UID:1000 "
	      "pgtables:1269760kB oom_score_adj:0"),
	    &k));
	assert_true(oomreport_killed_plausible(&k));
	/* the largest values do not overflow the check */
	assert_true(oomreport_parse_killed(
	    L("Killed process 1 (a) total-vm:9223372036854775804kB, anon-rss:"
	      "9223372036854775804kB, file-rss:9223372036854775804kB"),
	    &k));
	assert_false(oomreport_killed_plausible(&k));
}

static void
test_constraint(void **state)
{
	struct oom_constraint_line c;
	(void)state;
	assert_true(oomreport_parse_constraint(
	    L("oom-kill:constraint=CONSTRAINT_MEMCG,nodemask=(null),cpuset=/,"
	      "mems_allowed=0,oom_memcg=/process_api/b1c8/rr_oomtest,task_"
	      "memcg=/process_api/b1c8/rr_oomtest,task=hog,pid=5807,uid=0"),
	    &c));
	assert_int_equal(c.constraint, OOM_CONSTRAINT_MEMCG);
	assert_false(c.global_oom);
	slice_is(c.oom_memcg, "/process_api/b1c8/rr_oomtest");
	slice_is(c.task_memcg, "/process_api/b1c8/rr_oomtest");
	slice_is(c.task, "hog");
	assert_int_equal(c.pid, 5807);
	assert_int_equal(c.uid, 0);
	/* 13.txt: global */
	assert_true(oomreport_parse_constraint(
	    L("oom-kill:constraint=CONSTRAINT_NONE,nodemask=(null),cpuset=/,"
	      "mems_allowed=0,global_oom,task_memcg=/user.slice/user-504."
	      "slice/session-2.scope,task=doxygen,pid=473206,uid=504"),
	    &c));
	assert_int_equal(c.constraint, OOM_CONSTRAINT_GLOBAL);
	assert_true(c.global_oom);
	assert_null(c.oom_memcg.s);
	slice_is(c.task_memcg, "/user.slice/user-504.slice/session-2.scope");
	assert_int_equal(c.pid, 473206);
	/* built: commas in the comm and the path; other constraints */
	assert_true(oomreport_parse_constraint(
	    L("oom-kill:constraint=CONSTRAINT_CPUSET,nodemask=0,cpuset=a,"
	      "mems_allowed=0,task_memcg=/a,b,task=x,pid=1,y,pid=42,uid=7"),
	    &c));
	assert_int_equal(c.constraint, OOM_CONSTRAINT_CPUSET);
	slice_is(c.task_memcg, "/a,b");
	slice_is(c.task, "x,pid=1,y");
	assert_int_equal(c.pid, 42);
	assert_true(oomreport_parse_constraint(
	    L("oom-kill:constraint=CONSTRAINT_MEMORY_POLICY,nodemask=0"), &c));
	assert_int_equal(c.constraint, OOM_CONSTRAINT_MEMPOLICY);
	assert_int_equal(c.pid, KLOG_NA);
	/* truncated (split pr_cont on old kernels) */
	assert_true(
	    oomreport_parse_constraint(L("oom-kill:constraint=CONS"), &c));
	assert_int_equal(c.constraint, OOM_CONSTRAINT_UNKNOWN);
	assert_false(oomreport_parse_constraint(L("constraint=x"), &c));
	assert_string_equal(oomreport_constraint_name(OOM_CONSTRAINT_MEMPOLICY),
	                    "mempolicy");
	assert_null(oomreport_constraint_name(OOM_CONSTRAINT_UNKNOWN));
}

static void
test_reaper_and_memcg(void **state)
{
	struct oom_reaper_line r;
	struct kslice p;
	(void)state;
	assert_true(oomreport_parse_reaper(
	    L("oom_reaper: reaped process 11948 (node), now anon-rss:0kB, "
	      "file-rss:0kB, shmem-rss:0kB"),
	    &r));
	assert_true(r.reaped);
	assert_int_equal(r.pid, 11948);
	slice_is(r.comm, "node");
	/* built from the 4.6+ format */
	assert_true(oomreport_parse_reaper(
	    L("oom_reaper: unable to reap pid:1234 (java)"), &r));
	assert_false(r.reaped);
	assert_int_equal(r.pid, 1234);
	slice_is(r.comm, "java");
	assert_false(
	    oomreport_parse_reaper(L("oom_reaper: reaped process x"), &r));
	assert_true(oomreport_parse_memcg(
	    L("Memory cgroup stats for /process_api/b1c8/rr_oomtest:"), &p));
	slice_is(p, "/process_api/b1c8/rr_oomtest");
	/* built from mem_cgroup_print_oom_group() and the 4.x memcg line */
	assert_true(oomreport_parse_memcg(
	    L("Tasks in /k8s/pod1 are going to be killed due to "
	      "memory.oom.group set"),
	    &p));
	slice_is(p, "/k8s/pod1");
	assert_true(oomreport_is_oom_group(
	    L("Tasks in /k8s/pod1 are going to be killed due to "
	      "memory.oom.group set")));
	assert_true(oomreport_parse_memcg(
	    L("Task in /docker/abc killed as a result of limit of /docker"),
	    &p));
	slice_is(p, "/docker");
	assert_false(oomreport_parse_memcg(L("Memory cgroup stats for :"), &p));
}

static void
test_memcg_lines_old_kernels(void **state)
{
	struct oom_memcg_line m;
	struct kslice p;
	(void)state;
	/* 3.x-4.18 (mem_cgroup_print_oom_info): the stats follow the path
	 * on the same line, as in the lkml and kubernetes samples of the
	 * 4.x report ("Memory cgroup stats for /test: cache:49632KB ...") */
	assert_true(oomreport_parse_memcg_line(
	    L("Memory cgroup stats for /test: cache:0KB rss:65536KB "
	      "rss_huge:0KB shmem:0KB mapped_file:0KB dirty:0KB"),
	    &m));
	assert_int_equal(m.kind, OOM_MEMCG_STATS);
	slice_is(m.path, "/test");
	assert_null(m.task.s);
	assert_true(oomreport_parse_memcg(
	    L("Memory cgroup stats for /test: cache:0KB rss:65536KB"), &p));
	slice_is(p, "/test");
	/* a ':' inside a cgroup name does not end the path */
	assert_true(oomreport_parse_memcg(
	    L("Memory cgroup stats for /k8s/a:b: cache:0KB"), &p));
	slice_is(p, "/k8s/a:b");
	assert_true(
	    oomreport_parse_memcg(L("Memory cgroup stats for /a:b:"), &p));
	slice_is(p, "/a:b");
	/* "Task in X killed as a result of limit of Y": Y's limit was hit,
	 * X is the victim's cgroup (trailing blanks as in a 3.x sample) */
	assert_true(oomreport_parse_memcg_line(
	    L("Task in /test/sub killed as a result of limit of /test "), &m));
	assert_int_equal(m.kind, OOM_MEMCG_LIMIT);
	slice_is(m.path, "/test");
	slice_is(m.task, "/test/sub");
	assert_true(oomreport_parse_memcg_line(
	    L("Tasks in /k8s/pod1 are going to be killed due to "
	      "memory.oom.group set"),
	    &m));
	assert_int_equal(m.kind, OOM_MEMCG_GROUP);
	slice_is(m.path, "/k8s/pod1");
	assert_false(oomreport_parse_memcg_line(
	    L("Task in /a killed as a result of limit of "), &m));
	assert_false(oomreport_parse_memcg_line(L("memory: usage 1kB"), &m));
}

/* A task-table row read under the header before it, every field known. */
struct row_case {
	const char *header; /* NULL: the previous case's header */
	size_t ncols;
	const char *row;
	int64_t pid, uid, tgid, total_vm_pages, rss_pages, swapents, adj;
	const char *name;
};

static const struct row_case row_cases[] = {
    /* 14.txt: 3.10 header with nr_ptes */
    {"[ pid ]   uid  tgid total_vm      rss nr_ptes swapents "
     "oom_score_adj name",
     7,
     "[  433]     0   433    11104        2      22      360         "
     "-1000 systemd-udevd",
     433, 0, 433, 11104, 2, 360, -1000, "systemd-udevd"},
    /* 26.txt: 4.19 header, a pid wider than its padding */
    {"[  pid  ]   uid  tgid total_vm      rss pgtables_bytes swapents "
     "oom_score_adj name",
     7,
     "[ 555355]     0 555355     1348      537    53248       75      "
     "       0 lxc-start",
     555355, 0, 555355, 1348, 537, 75, 0, "lxc-start"},
    /* built: a 7-digit pid with no padding, a name with spaces and () */
    {NULL, 7, "[1833435]  1000 1833435 100 50 4096 0 0 (sd-pam) x  ", 1833435,
     1000, 1833435, 100, 50, 0, 0, "(sd-pam) x"},
    /* 09.txt: 6.8+ header with rss_anon/rss_file/rss_shmem */
    {"[  pid  ]   uid  tgid total_vm      rss rss_anon rss_file "
     "rss_shmem pgtables_bytes swapents oom_score_adj name",
     10,
     "[   5807]     0  5807    17067    16585    16320      265      "
     "   0   176128        0             0 hog",
     5807, 0, 5807, 17067, 16585, 0, 0, "hog"},
};

static void
test_table_by_header(void **state)
{
	struct oom_table t;
	struct oom_task_row r;
	const struct row_case *c;
	(void)state;
	for (c = row_cases; c < row_cases + sizeof row_cases / sizeof *c; c++) {
		if (c->header != NULL)
			assert_true(oomreport_parse_table_header(
			    c->header, strlen(c->header), &t));
		assert_int_equal(t.ncols, c->ncols);
		assert_true(
		    oomreport_parse_table_row(&t, c->row, strlen(c->row), &r));
		assert_int_equal(r.pid, c->pid);
		assert_int_equal(r.uid, c->uid);
		assert_int_equal(r.tgid, c->tgid);
		assert_int_equal(r.total_vm_pages, c->total_vm_pages);
		assert_int_equal(r.rss_pages, c->rss_pages);
		assert_int_equal(r.swapents, c->swapents);
		assert_int_equal(r.oom_score_adj, c->adj);
		slice_is(r.name, c->name);
	}
	/* a row of another layout, truncated or overflowing: rejected */
	assert_false(oomreport_parse_table_row(
	    &t, L("[  390]     0   390    39012     6739      78       51 x"),
	    &r));
	assert_false(
	    oomreport_parse_table_row(&t, L("[   5807]     0  5807"), &r));
	assert_false(oomreport_parse_table_row(
	    &t, L("[1] 0 1 99999999999999999999 1 1 1 1 1 1 1 x"), &r));
	assert_false(oomreport_parse_table_row(&t, L("[ pid ] 0 1 x"), &r));
	/* not headers */
	assert_false(oomreport_parse_table_header(L("[  pid  ]"), &t));
	assert_false(oomreport_parse_table_header(L("[  pid  ] uid tgid"), &t));
	assert_false(oomreport_parse_table_header(L("[ 390 ] uid name"), &t));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_invoked),
	    cmocka_unit_test(test_killed_modern),
	    cmocka_unit_test(test_killed_old_variants),
	    cmocka_unit_test(test_killed_malformed),
	    cmocka_unit_test(test_plausible),
	    cmocka_unit_test(test_constraint),
	    cmocka_unit_test(test_reaper_and_memcg),
	    cmocka_unit_test(test_memcg_lines_old_kernels),
	    cmocka_unit_test(test_table_by_header),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
