/* Unit tests for model/cgmem.c: cgroup2, v1 and hybrid memory files. */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "model/cgmem.h"
#include "model/cgroupmem.h"

#define S(lit) lit, sizeof(lit) - 1

/* memory.stat of a cgroup2 service (6.x, cut), as the kernel prints it. */
static const char v2_stat[] = "anon 104857600\n"
                              "file 52428800\n"
                              "kernel 8388608\n"
                              "kernel_stack 196608\n"
                              "pagetables 1048576\n"
                              "sec_pagetables 0\n"
                              "percpu 0\n"
                              "sock 4096\n"
                              "vmalloc 0\n"
                              "shmem 1048576\n"
                              "zswap 0\n"
                              "file_mapped 20971520\n"
                              "file_dirty 0\n"
                              "slab_reclaimable 3145728\n"
                              "slab_unreclaimable 2097152\n"
                              "slab 5242880\n"
                              "inactive_anon 0\n"
                              "active_anon 104857600\n"
                              "inactive_file 31457280\n"
                              "active_file 20971520\n"
                              "unevictable 0\n"
                              "pgfault 123456\n";

/* memory.stat of a v1 cgroup (captured on a hybrid 5.x host, cut). */
static const char v1_stat[] = "cache 11005952\n"
                              "rss 5120000\n"
                              "rss_huge 0\n"
                              "shmem 9797632\n"
                              "inactive_file 49152\n"
                              "hierarchical_memory_limit 9223372036854771712\n"
                              "total_cache 1368965120\n"
                              "total_rss 110211072\n"
                              "total_rss_huge 0\n"
                              "total_shmem 9797632\n"
                              "total_mapped_file 14221312\n"
                              "total_inactive_anon 101130240\n"
                              "total_inactive_file 490881024\n"
                              "total_active_file 868286464\n";

/* A cgroup2 cgroup fed every file of a service near its limit. */
static void
feed_v2(struct cgmem *cg)
{
	cgmem_init(cg, SNAP_CGROUP_V2, 4242);
	assert_int_equal(cgmem_parse(cg, CGMEM_F_CURRENT, S("520093696\n"), 4),
	                 0);
	assert_int_equal(cgmem_parse(cg, CGMEM_F_MAX, S("536870912\n"), 4), 0);
	assert_int_equal(cgmem_parse(cg, CGMEM_F_HIGH, S("max\n"), 4), 0);
	assert_int_equal(cgmem_parse(cg, CGMEM_F_LOW, S("0\n"), 4), 0);
	assert_int_equal(cgmem_parse(cg, CGMEM_F_MIN, S("0\n"), 4), 0);
	assert_int_equal(cgmem_parse(cg, CGMEM_F_SWAP_CURRENT, S("4096\n"), 4),
	                 0);
	assert_int_equal(cgmem_parse(cg, CGMEM_F_SWAP_MAX, S("max\n"), 4), 0);
	assert_int_equal(cgmem_parse(cg, CGMEM_F_PEAK, S("530000000\n"), 4), 0);
	assert_int_equal(cgmem_parse(cg, CGMEM_F_EVENTS,
	                             S("low 0\nhigh 12\nmax 340\noom 3\n"
	                               "oom_kill 2\noom_group_kill 0\n"),
	                             4),
	                 0);
	assert_int_equal(
	    cgmem_parse(cg, CGMEM_F_EVENTS_LOCAL,
	                S("low 0\nhigh 1\nmax 5\noom 1\noom_kill 1\n"), 4),
	    0);
	assert_int_equal(
	    cgmem_parse(cg, CGMEM_F_PRESSURE,
	                S("some avg10=1.50 avg60=0.80 avg300=0.10 total=900\n"
	                  "full avg10=0.75 avg60=0.20 avg300=0.00 total=400\n"),
	                4),
	    0);
	assert_int_equal(cgmem_parse(cg, CGMEM_F_OOM_GROUP, S("1\n"), 4), 0);
	assert_int_equal(
	    cgmem_parse(cg, CGMEM_F_STAT, v2_stat, sizeof v2_stat - 1, 4), 0);
}

static void
test_v2_all_files(void **state)
{
	struct cgmem cg;
	(void)state;
	feed_v2(&cg);
	assert_int_equal(cg.ino, 4242);
	assert_int_equal(cg.current_bytes, 520093696);
	assert_int_equal(cg.max_bytes, 536870912);
	assert_true(cg.high_bytes == CGMEM_UNLIMITED);
	assert_int_equal(cg.low_bytes, 0);
	assert_int_equal(cg.swap_bytes, 4096);
	assert_true(cg.swap_max_bytes == CGMEM_UNLIMITED);
	assert_true(cg.memsw_bytes == SNAP_NA);
	assert_int_equal(cg.peak_bytes, 530000000);
	assert_int_equal(cg.events.max, 340);
	assert_int_equal(cg.events.oom, 3);
	assert_int_equal(cg.events.oom_kill, 2);
	assert_int_equal(cg.events.oom_group_kill, 0);
	/* a 5.x kernel prints no oom_group_kill: unknown, not 0 */
	assert_int_equal(cg.events_local.oom_kill, 1);
	assert_true(cg.events_local.oom_group_kill == SNAP_NA);
	assert_true(cg.psi.valid);
	assert_true(cg.psi.some.avg10 > 1.49 && cg.psi.some.avg10 < 1.51);
	assert_true(cg.psi.full.avg10 > 0.74 && cg.psi.full.avg10 < 0.76);
	assert_int_equal(cg.oom_group, 1);
	assert_int_equal(cg.stat.anon, 104857600);
	assert_int_equal(cg.stat.file, 52428800);
	assert_int_equal(cg.stat.shmem, 1048576);
	assert_int_equal(cg.stat.kernel, 8388608);
	assert_int_equal(cg.stat.slab, 5242880);
	assert_int_equal(cg.stat.sock, 4096);
	assert_int_equal(cg.stat.inactive_file, 31457280);
	for (int f = 0; f < CGMEM_FILE_COUNT; f++) {
		if (f == CGMEM_F_FAILCNT || f == CGMEM_F_SWAPPINESS)
			assert_int_equal(cg.err[f], ENODATA); /* v1 only */
		else
			assert_int_equal(cg.err[f], 0);
	}
	assert_int_equal(cgmem_headroom_bytes(&cg), 536870912 - 520093696);
	assert_int_equal(cgmem_used_permille(&cg), 968);
	assert_int_equal(cgmem_swap_used_bytes(&cg), 4096);
}

static void
test_v1_as_captured(void **state)
{
	struct cgmem cg;
	(void)state;
	cgmem_init(&cg, SNAP_CGROUP_V1, 77);
	assert_int_equal(cgmem_parse(&cg, CGMEM_F_CURRENT, S("3579904\n"), 4),
	                 0);
	/* the captured unlimited value: PAGE_COUNTER_MAX pages of 4 kB */
	assert_int_equal(
	    cgmem_parse(&cg, CGMEM_F_MAX, S("9223372036854771712\n"), 4), 0);
	assert_true(cg.max_bytes == CGMEM_UNLIMITED);
	assert_int_equal(
	    cgmem_parse(&cg, CGMEM_F_SWAP_MAX, S("1073741824\n"), 4), 0);
	assert_int_equal(cg.memsw_max_bytes, 1073741824);
	assert_true(cg.swap_max_bytes == SNAP_NA);
	assert_int_equal(
	    cgmem_parse(&cg, CGMEM_F_SWAP_CURRENT, S("4628480\n"), 4), 0);
	assert_int_equal(cgmem_swap_used_bytes(&cg), 4628480 - 3579904);
	assert_int_equal(cgmem_parse(&cg, CGMEM_F_PEAK, S("9000000\n"), 4), 0);
	assert_int_equal(cgmem_parse(&cg, CGMEM_F_FAILCNT, S("17\n"), 4), 0);
	assert_int_equal(cg.failcnt, 17);
	assert_int_equal(cgmem_parse(&cg, CGMEM_F_EVENTS,
	                             S("oom_kill_disable 0\nunder_oom 1\n"
	                               "oom_kill 4\n"),
	                             4),
	                 0);
	assert_int_equal(cg.oom_kill_disable, 0);
	assert_int_equal(cg.under_oom, 1);
	assert_int_equal(cg.events.oom_kill, 4);
	assert_true(cg.events.oom == SNAP_NA);
	assert_int_equal(cgmem_parse(&cg, CGMEM_F_SWAPPINESS, S("60\n"), 4), 0);
	assert_int_equal(cg.swappiness, 60);
	assert_int_equal(
	    cgmem_parse(&cg, CGMEM_F_STAT, v1_stat, sizeof v1_stat - 1, 4), 0);
	assert_int_equal(cg.stat.anon, 110211072);
	assert_int_equal(cg.stat.file, 1368965120);
	assert_int_equal(cg.stat.shmem, 9797632);
	assert_int_equal(cg.stat.inactive_file, 490881024);
	assert_true(cg.stat.kernel == SNAP_NA && cg.stat.slab == SNAP_NA);
	assert_true(cgmem_headroom_bytes(&cg) == CGMEM_UNLIMITED);
	assert_int_equal(cgmem_used_permille(&cg), -1);
	/* cgroup2-only files have no v1 name and are refused */
	assert_null(cgmem_file_name(SNAP_CGROUP_V1, CGMEM_F_HIGH));
	assert_int_equal(cgmem_parse(&cg, CGMEM_F_HIGH, S("max\n"), 4), -1);
	assert_int_equal(cg.err[CGMEM_F_HIGH], EINVAL);
}

/* v1 swap comes from usage and memsw of one refresh: a usage read alone
 * later (a light refresh after a kill) makes no phantom swap. */
static void
test_v1_swap_same_refresh(void **state)
{
	struct cgmem cg;
	(void)state;
	cgmem_init(&cg, SNAP_CGROUP_V1, 78);
	/* refresh 1 (full): usage then memsw, no swap in use */
	assert_int_equal(cgmem_parse(&cg, CGMEM_F_CURRENT, S("800000000\n"), 4),
	                 0);
	assert_int_equal(
	    cgmem_parse(&cg, CGMEM_F_SWAP_CURRENT, S("800000000\n"), 4), 0);
	assert_int_equal(cgmem_swap_used_bytes(&cg), 0);
	/* refresh 2 (light): a kill freed memory, usage alone is read */
	assert_int_equal(cgmem_parse(&cg, CGMEM_F_CURRENT, S("64000000\n"), 4),
	                 0);
	assert_int_equal(cgmem_swap_used_bytes(&cg), 0);
	/* refresh 3 (full): both again, 4096 bytes swapped */
	assert_int_equal(cgmem_parse(&cg, CGMEM_F_CURRENT, S("64000000\n"), 4),
	                 0);
	assert_int_equal(
	    cgmem_parse(&cg, CGMEM_F_SWAP_CURRENT, S("64004096\n"), 4), 0);
	assert_int_equal(cgmem_swap_used_bytes(&cg), 4096);
	/* refresh 4 (light): usage grows, the last pair's swap stays */
	assert_int_equal(cgmem_parse(&cg, CGMEM_F_CURRENT, S("90000000\n"), 4),
	                 0);
	assert_int_equal(cgmem_swap_used_bytes(&cg), 4096);
	/* usage unreadable when memsw is read: no pair, no number */
	cgmem_set_err(&cg, CGMEM_F_CURRENT, EACCES);
	assert_int_equal(
	    cgmem_parse(&cg, CGMEM_F_SWAP_CURRENT, S("64004096\n"), 4), 0);
	assert_true(cgmem_swap_used_bytes(&cg) == SNAP_NA);
}

static void
test_hybrid_reads_v1(void **state)
{
	/* a hybrid host: the memory controller sits in v1, the unified
	 * line names a cgroup without memory accounting */
	static const char self[] = "9:name=systemd:/\n"
	                           "4:memory:/process_api/1096253fe307\n"
	                           "1:cpu:/\n"
	                           "0::/\n";
	enum snap_cgroup_mode mode =
	    cgroupmem_mode(self, sizeof self - 1, true);
	struct cgmem cg;
	(void)state;
	assert_int_equal(mode, SNAP_CGROUP_V1);
	cgmem_init(&cg, mode, 5);
	assert_string_equal(cgmem_file_name(cg.mode, CGMEM_F_MAX),
	                    "memory.limit_in_bytes");
	assert_null(cgmem_file_name(cg.mode, CGMEM_F_PRESSURE));
	/* the same "max" text a cgroup2 file holds is malformed here */
	assert_int_equal(cgmem_parse(&cg, CGMEM_F_MAX, S("max\n"), 4), -1);
	assert_int_equal(cgmem_parse(&cg, CGMEM_F_MAX, S("536870912\n"), 4), 0);
	assert_int_equal(cg.max_bytes, 536870912);
	/* pure cgroup2: the unified line, with memory in its controllers */
	assert_int_equal(
	    cgroupmem_mode(S("0::/system.slice/a.service\n"), true),
	    SNAP_CGROUP_V2);
}

static void
test_file_names(void **state)
{
	(void)state;
	assert_string_equal(cgmem_file_name(SNAP_CGROUP_V2, CGMEM_F_CURRENT),
	                    "memory.current");
	assert_string_equal(cgmem_file_name(SNAP_CGROUP_V1, CGMEM_F_CURRENT),
	                    "memory.usage_in_bytes");
	assert_string_equal(cgmem_file_name(SNAP_CGROUP_V1, CGMEM_F_EVENTS),
	                    "memory.oom_control");
	assert_string_equal(cgmem_file_name(SNAP_CGROUP_V1, CGMEM_F_SWAP_MAX),
	                    "memory.memsw.limit_in_bytes");
	assert_null(cgmem_file_name(SNAP_CGROUP_V2, CGMEM_F_FAILCNT));
	assert_null(cgmem_file_name(SNAP_CGROUP_NONE, CGMEM_F_CURRENT));
	assert_null(cgmem_file_name(SNAP_CGROUP_V2, CGMEM_FILE_COUNT));
	/* every file has a name in at least one hierarchy */
	for (int f = 0; f < CGMEM_FILE_COUNT; f++)
		assert_true(cgmem_file_name(SNAP_CGROUP_V2, f) != NULL ||
		            cgmem_file_name(SNAP_CGROUP_V1, f) != NULL);
}

static void
test_unlimited_values(void **state)
{
	int64_t v = 5;
	(void)state;
	assert_int_equal(cgmem_parse_limit(S("max\n"), &v), 0);
	assert_true(v == CGMEM_UNLIMITED);
	assert_int_equal(cgmem_parse_limit(S("0\n"), &v), 0);
	assert_int_equal(v, 0); /* a limit of 0 is a limit, not unlimited */
	/* a count is never "max" */
	assert_int_equal(cgmem_parse_bytes(S("max\n"), &v), -1);
	/* v1: PAGE_COUNTER_MAX pages in bytes, per page size */
	assert_int_equal(
	    cgmem_parse_v1_limit(S("9223372036854771712\n"), 4, &v), 0);
	assert_true(v == CGMEM_UNLIMITED);
	assert_int_equal(
	    cgmem_parse_v1_limit(S("9223372036854771711\n"), 4, &v), 0);
	assert_true(v == 9223372036854771711);
	/* 64 kB pages: LONG_MAX rounded to 64 kB */
	assert_int_equal(
	    cgmem_parse_v1_limit(S("9223372036854710272\n"), 64, &v), 0);
	assert_true(v == CGMEM_UNLIMITED);
	assert_int_equal(
	    cgmem_parse_v1_limit(S("9223372036854710272\n"), 4, &v), 0);
	assert_true(v == 9223372036854710272);
	assert_int_equal(cgmem_parse_v1_limit(S("536870912\n"), 0, &v), 0);
	assert_int_equal(v, 536870912);
}

static void
test_malformed(void **state)
{
	struct cgmem cg;
	struct cgmem_events ev = {1, 2, 3, 4, 5, 6}, ev0 = ev;
	int64_t v = 99;
	(void)state;
	assert_int_equal(cgmem_parse_bytes(S("12\n"), &v), 0);
	v = 99;
	assert_int_equal(cgmem_parse_bytes(S(""), &v), -1);
	assert_int_equal(cgmem_parse_bytes(S("\n"), &v), -1);
	assert_int_equal(cgmem_parse_bytes(S("12"), &v), -1); /* cut */
	assert_int_equal(cgmem_parse_bytes(S("-12\n"), &v), -1);
	assert_int_equal(cgmem_parse_bytes(S("12k\n"), &v), -1);
	assert_int_equal(cgmem_parse_bytes(S(" 12\n"), &v), -1);
	assert_int_equal(cgmem_parse_bytes(S("99999999999999999999\n"), &v),
	                 -1);
	assert_int_equal(cgmem_parse_bytes(S("9223372036854775808\n"), &v), -1);
	assert_int_equal(cgmem_parse_limit(S("maxx\n"), &v), -1);
	assert_int_equal(cgmem_parse_limit(S("max"), &v), -1);
	assert_int_equal(v, 99); /* untouched on failure */
	assert_int_equal(cgmem_parse_events(S("oom x\n"), &ev), -1);
	assert_int_equal(cgmem_parse_events(S("oom 1\noom_kill 1"), &ev), -1);
	assert_int_equal(cgmem_parse_events(S("foo 1\n"), &ev), -1);
	assert_int_equal(cgmem_parse_events(S("oom -1\n"), &ev), -1);
	assert_int_equal(cgmem_parse_events(S(""), &ev), -1);
	assert_memory_equal(&ev, &ev0, sizeof ev);

	/* through cgmem_parse, a bad file becomes N/A with EINVAL: an old
	 * value never survives */
	feed_v2(&cg);
	assert_int_equal(cgmem_parse(&cg, CGMEM_F_MAX, S("lots\n"), 4), -1);
	assert_true(cg.max_bytes == SNAP_NA);
	assert_int_equal(cg.err[CGMEM_F_MAX], EINVAL);
	assert_true(cgmem_headroom_bytes(&cg) == SNAP_NA);
	assert_int_equal(cgmem_used_permille(&cg), -1);
	assert_int_equal(cgmem_parse(&cg, CGMEM_F_OOM_GROUP, S("2\n"), 4), -1);
	assert_true(cg.oom_group == SNAP_NA);
	assert_int_equal(cgmem_parse(&cg, CGMEM_F_EVENTS, S("oom 1\n\x01"), 4),
	                 -1);
	assert_true(cg.events.oom == SNAP_NA && cg.events.max == SNAP_NA);
	assert_int_equal(cgmem_parse(&cg, CGMEM_F_PRESSURE, S("some x\n"), 4),
	                 -1);
	assert_false(cg.psi.valid);
	assert_int_equal(cg.psi.err, EINVAL);
	assert_int_equal(cgmem_parse(&cg, CGMEM_F_STAT, S("anon 1\nfile"), 4),
	                 -1);
	assert_true(cg.stat.anon == SNAP_NA);
	/* others keep their values */
	assert_int_equal(cg.current_bytes, 520093696);
	cgmem_init(&cg, SNAP_CGROUP_V1, 1);
	assert_int_equal(cgmem_parse(&cg, CGMEM_F_EVENTS,
	                             S("oom_kill_disable 0\noom_kill 1\n"), 4),
	                 -1); /* under_oom is always there */
	assert_int_equal(cgmem_parse(&cg, CGMEM_F_SWAPPINESS, S("201\n"), 4),
	                 -1);
}

static void
test_missing_files(void **state)
{
	struct cgmem cg;
	(void)state;
	cgmem_init(&cg, SNAP_CGROUP_V2, 9);
	/* nothing read yet: unknown with a reason, never 0 */
	assert_true(cg.current_bytes == SNAP_NA && cg.max_bytes == SNAP_NA);
	assert_int_equal(cg.err[CGMEM_F_CURRENT], ENODATA);
	assert_true(cg.events.oom_kill == SNAP_NA);
	assert_false(cg.psi.valid);
	feed_v2(&cg);
	/* memory.peak is 5.19+, memory.events.local 5.2+: ENOENT */
	cgmem_set_err(&cg, CGMEM_F_PEAK, ENOENT);
	cgmem_set_err(&cg, CGMEM_F_EVENTS_LOCAL, ENOENT);
	cgmem_set_err(&cg, CGMEM_F_PRESSURE, EOPNOTSUPP);
	cgmem_set_err(&cg, CGMEM_F_SWAP_CURRENT, EACCES);
	assert_true(cg.peak_bytes == SNAP_NA);
	assert_int_equal(cg.err[CGMEM_F_PEAK], ENOENT);
	assert_true(cg.events_local.oom == SNAP_NA);
	assert_int_equal(cg.err[CGMEM_F_EVENTS_LOCAL], ENOENT);
	assert_false(cg.psi.valid);
	assert_int_equal(cg.psi.err, EOPNOTSUPP);
	assert_true(cgmem_swap_used_bytes(&cg) == SNAP_NA);
	assert_int_equal(cg.err[CGMEM_F_SWAP_CURRENT], EACCES);
	assert_int_equal(cg.events.oom_kill, 2); /* untouched */
	/* an out-of-range file is ignored, not a crash */
	cgmem_set_err(&cg, CGMEM_FILE_COUNT, EIO);
}

static void
test_root_as_host(void **state)
{
	struct cgmem cg;
	struct mem_info mem;
	(void)state;
	memset(&mem, 0, sizeof mem);
	mem.total_kb = 16 * 1024 * 1024;
	mem.available_kb = 12 * 1024 * 1024;
	mem.free_kb = 8 * 1024 * 1024; /* 4G of page cache */
	cgmem_init(&cg, SNAP_CGROUP_V2, 1);
	cgmem_set_err(&cg, CGMEM_F_CURRENT, ENOENT);
	/* the root's usage is the host's 4G; its children's 6G count page
	 * cache: 8G in use with cache, 2G in no cgroup */
	assert_int_equal(cgmem_root_from_host(&cg, &mem, 6LL << 30), 2LL << 30);
	assert_int_equal(cg.current_bytes, 4LL << 30);
	/* children read above the host: negative, never 0 */
	assert_int_equal(cgmem_root_from_host(&cg, &mem, 9LL << 30),
	                 -(1LL << 30));
	mem.free_kb = SNAP_NA;
	assert_true(cgmem_root_from_host(&cg, &mem, 3LL << 30) == SNAP_NA);
	assert_int_equal(cg.current_bytes, 4LL << 30);
	mem.free_kb = 8 * 1024 * 1024;
	assert_int_equal(cg.err[CGMEM_F_CURRENT], 0);
	assert_true(cgmem_headroom_bytes(&cg) == CGMEM_UNLIMITED);
	assert_true(cgmem_root_from_host(&cg, &mem, SNAP_NA) == SNAP_NA);
	mem.available_kb = SNAP_NA;
	assert_true(cgmem_root_from_host(&cg, &mem, 0) == SNAP_NA);
	assert_true(cg.current_bytes == SNAP_NA);
	assert_int_equal(cg.err[CGMEM_F_CURRENT], ENODATA);
}

static void
test_permille(void **state)
{
	struct cgmem cg;
	(void)state;
	cgmem_init(&cg, SNAP_CGROUP_V2, 1);
	cg.current_bytes = 600;
	cg.max_bytes = 500;
	assert_int_equal(cgmem_used_permille(&cg), 1200); /* over */
	assert_int_equal(cgmem_headroom_bytes(&cg), -100);
	cg.max_bytes = 0;
	assert_int_equal(cgmem_used_permille(&cg), CGMEM_PERMILLE_FAR);
	cg.current_bytes = 0;
	assert_int_equal(cgmem_used_permille(&cg), 1000);
	cg.current_bytes = INT64_MAX - 1;
	cg.max_bytes = INT64_MAX - 2;
	assert_int_equal(cgmem_used_permille(&cg), 1000);
}

static void
test_recreated_cgroup(void **state)
{
	struct cgmem cg;
	struct cgmem_base base = {0};
	struct cgmem_events d;
	(void)state;
	feed_v2(&cg);                              /* oom 3, oom_kill 2 */
	assert_true(cgmem_base_track(&base, &cg)); /* first sight */
	cgmem_base_delta(&base, &cg, &d);
	assert_int_equal(d.oom, 0);
	assert_int_equal(d.oom_kill, 0);
	cg.events.oom = 5;
	cg.events.oom_kill = 4;
	assert_false(cgmem_base_track(&base, &cg));
	cgmem_base_delta(&base, &cg, &d);
	assert_int_equal(d.oom, 2);
	assert_int_equal(d.oom_kill, 2);
	assert_int_equal(d.max, 0);
	/* removed and made again under the same path: a new inode, and its
	 * counters start over (here even higher than before) */
	feed_v2(&cg);
	cg.ino = 4243;
	cg.events.oom = 7;
	assert_true(cgmem_base_track(&base, &cg));
	cgmem_base_delta(&base, &cg, &d);
	assert_int_equal(d.oom, 0);
	/* same inode (unknown inodes read 0) but a counter went back */
	cg.events.oom = 1;
	assert_true(cgmem_base_track(&base, &cg));
	/* a counter unreadable at first starts when first read */
	cgmem_set_err(&cg, CGMEM_F_EVENTS, EACCES);
	base.set = false;
	assert_true(cgmem_base_track(&base, &cg));
	cgmem_base_delta(&base, &cg, &d);
	assert_true(d.oom == SNAP_NA);
	cg.events.oom = 9;
	assert_false(cgmem_base_track(&base, &cg));
	cg.events.oom = 11;
	cgmem_base_delta(&base, &cg, &d);
	assert_int_equal(d.oom, 2);
	base.set = false;
	cgmem_base_delta(&base, &cg, &d);
	assert_true(d.oom == SNAP_NA);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_v2_all_files),
	    cmocka_unit_test(test_v1_as_captured),
	    cmocka_unit_test(test_v1_swap_same_refresh),
	    cmocka_unit_test(test_hybrid_reads_v1),
	    cmocka_unit_test(test_file_names),
	    cmocka_unit_test(test_unlimited_values),
	    cmocka_unit_test(test_malformed),
	    cmocka_unit_test(test_missing_files),
	    cmocka_unit_test(test_root_as_host),
	    cmocka_unit_test(test_permille),
	    cmocka_unit_test(test_recreated_cgroup),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
