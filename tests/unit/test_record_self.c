/* Unit tests for app/record_self.c: the recorder's memory cgroup's use
 * against its limit, on built snapshots. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "app/record_self.h"
#include "model/cgmem.h"
#include "model/snapcg.h"

#define MIB (1024 * 1024)

/* Push a cgroup at path with limit max_bytes (SNAP_NA: unknown), in use
 * current_bytes of which file_bytes page cache and shmem_bytes shmem. */
static uint32_t
push_cg(struct snapshot *s, const char *path, int64_t max_bytes,
        int64_t current_bytes, int64_t file_bytes, int64_t shmem_bytes)
{
	struct snap_cgroup cg;

	snapcg_init(&cg, SNAP_CGROUP_V1, 7);
	assert_int_equal(
	    snapshot_str_append(s, path, strlen(path), &cg.path_off), 0);
	cg.path_len = (uint32_t)strlen(path);
	cg.mem.current_bytes = current_bytes;
	cg.mem.max_bytes = max_bytes;
	cg.mem.stat.file = file_bytes;
	cg.mem.stat.shmem = shmem_bytes;
	cg.nprocs = 1;
	cg.parent = s->ncgroups ? 0 : SNAPCG_NONE;
	assert_int_equal(snapshot_push_cgroup(s, &cg), 0);
	return cg.path_off;
}

/* Push process pid with anon and shmem kB in the cgroup pooled at
 * (off, len); SNAP_NO_STR: no cgroup known. */
static void
push_proc(struct snapshot *s, int32_t pid, int64_t anon_kb, int64_t shmem_kb,
          uint32_t off, uint32_t len)
{
	struct proc_row r;

	memset(&r, 0, sizeof r);
	r.pid = pid;
	r.anon_kb = anon_kb;
	r.shmem_kb = shmem_kb;
	r.rss_kb = anon_kb + 4096; /* its file pages are not counted */
	r.cmdline_off = SNAP_NO_STR;
	r.cgroup_off = off;
	r.cgroup_len = len;
	assert_int_equal(snapshot_push_proc(s, &r), 0);
}

/* A 64 MiB limit: the use is memory.current less page cache (shmem
 * kept); a cgroup full of page cache is not over, nor is 90% exactly. */
static void
test_measure(void **state)
{
	struct snapshot s;
	struct record_self m;
	uint32_t root, mine;
	const char *path = "/system.slice/oomwatch-record.service";
	(void)state;
	snapshot_init(&s);
	snapshot_reset(&s);
	root = push_cg(&s, "/", CGMEM_UNLIMITED, 900 * MIB, 0, 0);
	/* 63 MiB in use, 55 of them page cache, 1 of that shmem */
	mine = push_cg(&s, path, 64 * MIB, 63 * MIB, 55 * MIB, 1 * MIB);
	push_proc(&s, 1, 900000, 0, root, 1);
	push_proc(&s, 42, 5 << 10, 0, mine, (uint32_t)strlen(path));
	assert_true(record_self_measure(&s, 42, &m));
	assert_int_equal(m.used_bytes, 9 * MIB);
	assert_int_equal(m.limit_bytes, 64 * MIB);
	assert_int_equal(m.cgroup, 1);
	assert_false(m.from_row);
	assert_false(record_self_over(&m));
	/* 90% of 65536 kB is 58982.4 kB: 58982 kB is not over, 58983 is */
	m.used_bytes = (int64_t)58982 * 1024;
	assert_false(record_self_over(&m));
	m.used_bytes += 1024;
	assert_true(record_self_over(&m));
	/* little page cache left: over */
	s.cgroups[1].mem.stat.file = 4 * MIB;
	assert_true(record_self_measure(&s, 42, &m));
	assert_int_equal(m.used_bytes, 60 * MIB);
	assert_true(record_self_over(&m));
	/* shared with another process, or with a child cgroup: the row's
	 * RssAnon + RssShmem (a workload's memory is never the recorder's) */
	s.cgroups[1].nprocs = 2;
	assert_true(record_self_measure(&s, 42, &m));
	assert_true(m.from_row);
	assert_int_equal(m.used_bytes, 5 * MIB);
	s.cgroups[1].nprocs = 1;
	push_cg(&s, "/system.slice/oomwatch-record.service/x", 0, 0, 0, 0);
	s.cgroups[2].parent = 1;
	assert_true(record_self_measure(&s, 42, &m));
	assert_true(m.from_row);
	s.ncgroups = 2;
	assert_true(record_self_measure(&s, 42, &m));
	assert_false(m.from_row);
	/* no cgroup stat: the row's too */
	s.cgroups[1].mem.stat.file = SNAP_NA;
	s.procs[1].shmem_kb = 512;
	assert_true(record_self_measure(&s, 42, &m));
	assert_true(m.from_row);
	assert_int_equal(m.used_bytes, 5 * MIB + 512 * 1024);
	/* no check without a row, a cgroup or a finite limit */
	assert_false(record_self_measure(&s, 43, &m));
	assert_false(record_self_measure(&s, 1, &m)); /* unlimited */
	s.cgroups[1].mem.max_bytes = SNAP_NA;
	assert_false(record_self_measure(&s, 42, &m));
	s.cgroups[1].mem.max_bytes = 64 * MIB;
	s.procs[1].anon_kb = SNAP_NA; /* and no stat */
	assert_false(record_self_measure(&s, 42, &m));
	s.procs[1].anon_kb = 60 << 10;
	s.procs[1].cgroup_off = SNAP_NO_STR;
	s.procs[1].cgroup_len = 0;
	assert_false(record_self_measure(&s, 42, &m));
	s.ncgroups = 0; /* a failed walk */
	assert_false(record_self_measure(&s, 42, &m));
	snapshot_fini(&s);
}

/* record_self_check: quiet under the mark, one line naming the cgroup,
 * the use and the limit above it. */
static void
test_check_message(void **state)
{
	struct snapshot s;
	uint32_t mine;
	const char *path = "/t/rec\x1b[2J";
	char line[512] = "";
	FILE *f;
	int fd[2], saved;
	(void)state;
	snapshot_init(&s);
	snapshot_reset(&s);
	mine = push_cg(&s, path, 64 * MIB, 40 * MIB, 20 * MIB, 0);
	push_proc(&s, 42, 50 << 10, 0, mine, (uint32_t)strlen(path));
	assert_int_equal(pipe(fd), 0);
	saved = dup(2);
	dup2(fd[1], 2);
	assert_int_equal(record_self_check(&s, 42), 0);
	s.cgroups[0].mem.current_bytes = 62 * MIB;
	s.cgroups[0].mem.stat.file = 2 * MIB;
	assert_int_equal(record_self_check(&s, 42), -1);
	fflush(stderr);
	dup2(saved, 2);
	close(saved);
	close(fd[1]);
	f = fdopen(fd[0], "r");
	assert_non_null(f);
	assert_non_null(fgets(line, sizeof line, f));
	assert_null(fgets(line + strlen(line), 8, f)); /* one line only */
	fclose(f);
	assert_string_equal(
	    line, "oomwatch: the recorder's memory cgroup /t/rec\\x1b[2J holds "
	          "60.0M that reclaim cannot drop (memory.current less page "
	          "cache), over 90% of its limit of 64.0M; exiting with status "
	          "1 to be restarted: at the limit, its oom_score_adj of -1000 "
	          "would leave the OOM killer no task to kill\n");
	snapshot_fini(&s);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_measure),
	    cmocka_unit_test(test_check_message),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
