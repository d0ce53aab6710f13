/* Collector tests on fixture /proc trees (--proc-root). */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "collect/collector.h"
#include "core/clock.h"
#include "model/rank.h"
#include "procfix.h"

/* The pooled string as a C string ("<null>" when unknown). */
static const char *
str_of(const struct snapshot *s, uint32_t off, uint32_t len)
{
	static char out[512];
	const char *p = snapshot_str(s, off, len);

	if (p == NULL)
		return "<null>";
	memcpy(out, p, len);
	out[len] = '\0';
	return out;
}

static void
test_basic_tree(void **state)
{
	char err[256];
	struct collector *c =
	    collector_new(PROCFIX_DIR "basic", err, sizeof err);
	struct snapshot s;
	const struct proc_row *r;
	uint64_t now;
	(void)state;
	assert_non_null(c);
	snapshot_init(&s);
	now = clock_mono_ms();
	assert_int_equal(collector_sample(c, &s, now), 0);
	/* 400 (no status) and 800 (broken stat) vanished; 8 rows remain */
	assert_int_equal(s.nprocs, 8);
	assert_int_equal(s.procs_vanished, 2);
	assert_null(procfix_row_of(&s, 400));
	assert_null(procfix_row_of(&s, 800));
	assert_int_equal(s.cgroup_mode, SNAP_CGROUP_V1);
	assert_int_equal(s.mem.total_kb, 24684084);
	assert_int_equal(s.vm.overcommit_ratio, 50);
	assert_int_equal(s.vm.swappiness, 60);
	assert_true(s.psi.valid);
	assert_false(s.rates.valid);
	r = procfix_row_of(&s, 200);
	assert_non_null(r);
	assert_string_equal(r->comm, "x\x1b[31m) Z 1\n");
	assert_int_equal(r->state, 'S'); /* the state after the last ')' */
	assert_int_equal(procfix_row_of(&s, 500)->state, 'Z');
	assert_int_equal(r->uid, 65534);
	assert_int_equal(r->oom_score, 1361);
	assert_int_equal(r->oom_score_adj, 1000);
	assert_int_equal(r->anon_kb, 65536);
	assert_true(r->start_time == 2000);
	assert_string_equal(str_of(&s, r->cgroup_off, r->cgroup_len),
	                    "/process_api/svc200");
	r = procfix_row_of(&s, 600);
	assert_true(r->oom_score == SNAP_NA && r->oom_score_adj == SNAP_NA);
	assert_true(procfix_row_of(&s, 2)->kthread);
	assert_int_equal(procfix_row_of(&s, 2)->cgroup_off, SNAP_NO_STR);
	assert_int_equal(s.procs[rank_next_victim(&s)].pid, 200);
	/* command lines: wait for the worker, then they are all known */
	assert_int_equal(collector_finish_cmdlines(c, &s, now + 5000), 0);
	r = procfix_row_of(&s, 200);
	assert_int_equal(r->cmdline_len, 24);
	assert_memory_equal(snapshot_str(&s, r->cmdline_off, r->cmdline_len),
	                    "evil\0\x1b]52;c;AAAA\x07\0--flag", 24);
	r = procfix_row_of(&s, 2); /* kernel thread: "" without a read */
	assert_string_equal(str_of(&s, r->cmdline_off, r->cmdline_len), "");
	/* the second sample has the cmdlines at once, and rates */
	assert_int_equal(collector_sample(c, &s, now + 2000), 0);
	assert_int_equal(s.cmdline_pending, 0);
	r = procfix_row_of(&s, 100);
	assert_string_equal(str_of(&s, r->cmdline_off, r->cmdline_len),
	                    "sshd: /usr/sbin/sshd -D");
	assert_true(s.rates.valid);
	snapshot_fini(&s);
	collector_free(c);
}

static void
test_v2_without_psi(void **state)
{
	char err[256];
	struct collector *c =
	    collector_new(PROCFIX_DIR "v2-nopsi", err, sizeof err);
	struct snapshot s;
	const struct proc_row *r;
	(void)state;
	assert_non_null(c);
	snapshot_init(&s);
	assert_int_equal(collector_sample(c, &s, clock_mono_ms()), 0);
	assert_int_equal(s.cgroup_mode, SNAP_CGROUP_V2);
	assert_false(s.psi.valid);
	assert_int_equal(s.psi.err, ENOENT);
	assert_int_equal(s.nprocs, 3);
	r = procfix_row_of(&s, 42);
	assert_string_equal(str_of(&s, r->cgroup_off, r->cgroup_len),
	                    "/system.slice/postgresql.service");
	assert_int_equal(r->shmem_kb, 20000);
	assert_int_equal(r->swap_kb, 1000);
	assert_int_equal(s.procs[rank_next_victim(&s)].pid, 42);
	snapshot_fini(&s);
	collector_free(c);
}

/* The cgroup path of pid's row as a string. */
static const char *
cgroup_of(const struct snapshot *s, int32_t pid)
{
	const struct proc_row *r = procfix_row_of(s, pid);

	assert_non_null(r);
	return str_of(s, r->cgroup_off, r->cgroup_len);
}

/*
 * The cgroup map answers for the processes it can vouch for; the others
 * read their own file. Where the fixture's file and map disagree (101),
 * the map's answer shows it was used; where the map must not answer (a
 * pid listed twice, listed nowhere, or started after the walk) the
 * file's does.
 */
static void
test_cgroup_map(void **state)
{
	char err[256];
	struct collector *c =
	    collector_new(PROCFIX_DIR "cgmap", err, sizeof err);
	struct snapshot s;
	const struct proc_row *r;
	(void)state;
	assert_non_null(c);
	snapshot_init(&s);
	for (int round = 0; round < 2; round++) {
		assert_int_equal(collector_sample(c, &s, clock_mono_ms()), 0);
		assert_int_equal(s.cgroup_mode, SNAP_CGROUP_V1);
		assert_int_equal(s.nprocs, 9);
		assert_string_equal(cgroup_of(&s, 1), "/");
		assert_string_equal(cgroup_of(&s, 100),
		                    "/system.slice/ssh.service");
		assert_string_equal(cgroup_of(&s, 101),
		                    "/system.slice/ssh.service");
		assert_string_equal(cgroup_of(&s, 200), "/svc/b c");
		assert_string_equal(cgroup_of(&s, 300), "/user.slice/s1.scope");
		assert_string_equal(cgroup_of(&s, 400), "/svc/b c");
		assert_string_equal(cgroup_of(&s, 500), "/svc/late");
		assert_string_equal(cgroup_of(&s, 600), "/svc/new");
		/* the kernel thread is in the root cgroup like any task */
		r = procfix_row_of(&s, 2);
		assert_true(r->kthread);
		assert_string_equal(cgroup_of(&s, 2), "/");
		/* rows of one cgroup share the pooled path */
		assert_int_equal(procfix_row_of(&s, 100)->cgroup_off,
		                 procfix_row_of(&s, 101)->cgroup_off);
	}
	assert_int_equal(
	    collector_finish_cmdlines(c, &s, clock_mono_ms() + 5000), 0);
	r = procfix_row_of(&s, 101);
	assert_string_equal(str_of(&s, r->cmdline_off, r->cmdline_len),
	                    "sshd: /usr/sbin/sshd -D");
	/* 100 and 101 share one interned, once-pooled command line */
	assert_int_equal(procfix_row_of(&s, 100)->cmdline_off, r->cmdline_off);
	snapshot_fini(&s);
	collector_free(c);
}

/* A map that names another cgroup for ourselves than self/cgroup is not
 * trusted: every row reads its own file. */
static void
test_cgroup_map_disagrees_with_self(void **state)
{
	char err[256];
	struct collector *c =
	    collector_new(PROCFIX_DIR "cgmap-selfwrong", err, sizeof err);
	struct snapshot s;
	(void)state;
	assert_non_null(c);
	snapshot_init(&s);
	assert_int_equal(collector_sample(c, &s, clock_mono_ms()), 0);
	assert_int_equal(s.nprocs, 2);
	assert_string_equal(cgroup_of(&s, 101), "/from-file");
	assert_string_equal(cgroup_of(&s, 100), "/system.slice/ssh.service");
	snapshot_fini(&s);
	collector_free(c);
}

static void
test_bad_roots(void **state)
{
	char err[256];
	(void)state;
	assert_null(
	    collector_new(PROCFIX_DIR "does-not-exist", err, sizeof err));
	assert_non_null(strstr(err, "does-not-exist"));
	assert_null(strchr(err, '\n'));
	assert_null(collector_new(PROCFIX_DIR "basic/1", err, sizeof err));
	assert_non_null(strstr(err, "not a proc tree"));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_basic_tree),
	    cmocka_unit_test(test_v2_without_psi),
	    cmocka_unit_test(test_cgroup_map),
	    cmocka_unit_test(test_cgroup_map_disagrees_with_self),
	    cmocka_unit_test(test_bad_roots),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
