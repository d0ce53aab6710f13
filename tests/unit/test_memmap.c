/* Unit tests for model/memmap.c, memmapparse.c and memmaptrap.c: meminfo
 * from several kernels, the breakdown and its clamp, the parsers and every
 * trap sentence. */
#include <setjmp.h>
#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "model/columns.h"
#include "model/memmap.h"
#include "model/memmapparse.h"
#include "model/memmaptrap.h"
#include "tfile.h"

#define S(lit) lit, sizeof(lit) - 1
#define FIX "tests/fixtures/meminfo/"

/* Parse the meminfo fixture name into *m (asserting it parses). */
static void
load(const char *name, struct memmap_info *m)
{
	static char buf[16384];
	char path[256];

	snprintf(path, sizeof path, FIX "%s", name);
	assert_int_equal(tfile_get(path, buf, sizeof buf), 0);
	assert_int_equal(memmap_parse(buf, strlen(buf), m), 0);
}

/* The summed rows of b added up (N/A as 0). */
static int64_t
summed(const struct memmap_breakdown *b)
{
	int64_t sum = 0;

	for (int r = 0; r < MMR_COUNT; r++)
		if (memmap_row_summed((enum memmap_row)r) &&
		    b->kb[r] != SNAP_NA)
			sum += b->kb[r];
	return sum;
}

/* The bar's parts added up. */
static int64_t
bar_sum(const struct memmap_breakdown *b)
{
	int64_t sum = 0;

	for (int r = 0; r < MMR_COUNT; r++)
		sum += b->bar_kb[r];
	return sum;
}

static void
test_kernel_3_10(void **state)
{
	struct memmap_info m;
	struct memmap_breakdown b;
	(void)state;
	load("3.10.txt", &m);
	assert_int_equal(m.v[MMF_TOTAL], 3882312);
	/* lines 3.10 does not print are N/A, never 0 */
	assert_true(m.v[MMF_AVAILABLE] == SNAP_NA);
	assert_true(m.v[MMF_PERCPU] == SNAP_NA);
	assert_true(m.v[MMF_HUGETLB] == SNAP_NA);
	assert_true(m.v[MMF_ZSWAP] == SNAP_NA);
	memmap_breakdown(&m, &b);
	assert_true(b.kb[MMR_PERCPU] == SNAP_NA);
	assert_true(b.kb[MMR_ZSWAP] == SNAP_NA);
	assert_int_equal(b.bar_kb[MMR_PERCPU], 0);
	/* Cached - Shmem + Buffers */
	assert_int_equal(b.kb[MMR_CACHE], 1402788 - 168204 + 98320);
	/* no Hugetlb line: Total x Hugepagesize */
	assert_int_equal(b.kb[MMR_HUGEPAGES], 0);
	assert_false(b.over);
	assert_int_equal(b.kb[MMR_UNACCOUNTED], 3882312 - summed(&b));
	assert_int_equal(bar_sum(&b), 3882312);
}

static void
test_kernel_4_19(void **state)
{
	struct memmap_info m;
	struct memmap_breakdown b;
	(void)state;
	load("4.19.txt", &m);
	assert_int_equal(m.v[MMF_PERCPU], 5376);
	assert_int_equal(m.v[MMF_VMALLOCUSED], 0);
	assert_true(m.v[MMF_SECPAGETABLES] == SNAP_NA);
	memmap_breakdown(&m, &b);
	assert_int_equal(b.kb[MMR_HUGEPAGES], 1048576);
	assert_int_equal(b.kb[MMR_PAGETABLES], 30256);
	assert_int_equal(b.kb[MMR_UNACCOUNTED], 8167848 - summed(&b));
	assert_true(b.kb[MMR_UNACCOUNTED] >= 0);
}

static void
test_kernel_5_15(void **state)
{
	struct memmap_info m;
	struct memmap_breakdown b;
	(void)state;
	load("5.15.txt", &m);
	assert_int_equal(m.v[MMF_SUNRECLAIM], 2670048);
	assert_true(m.v[MMF_ZSWAPPED] == SNAP_NA);
	memmap_breakdown(&m, &b);
	assert_int_equal(b.kb[MMR_SHMEM], 3316480);
	assert_int_equal(b.kb[MMR_CACHE], 4210436 - 3316480 + 40212);
	assert_int_equal(bar_sum(&b), 16310024);
}

static void
test_kernel_6_x(void **state)
{
	struct memmap_info m;
	struct memmap_breakdown b;
	(void)state;
	load("6.x.txt", &m);
	memmap_breakdown(&m, &b);
	assert_int_equal(b.kb[MMR_PAGETABLES], 60856 + 2048);
	assert_int_equal(b.kb[MMR_ZSWAP], 51200);
	assert_int_equal(b.kb[MMR_VMALLOC], 113276);
	/* vmalloc is shown, not summed: it is not in the bar */
	assert_false(memmap_row_summed(MMR_VMALLOC));
	assert_int_equal(b.bar_kb[MMR_VMALLOC], 0);
	assert_int_equal(b.sum_kb, 32107060);
	assert_int_equal(b.kb[MMR_UNACCOUNTED], 455768);
	assert_int_equal(bar_sum(&b), 32562828);
}

static void
test_overlap_clamps_the_bar(void **state)
{
	struct memmap_info m;
	struct memmap_breakdown b;
	const char *const *list;
	size_t n;
	(void)state;
	/* anon + cache + free = 1500 of 1000: the counters overlap */
	assert_int_equal(memmap_parse(S("MemTotal: 1000 kB\nMemFree: 500 kB\n"
	                                "Cached: 500 kB\nShmem: 0 kB\n"
	                                "AnonPages: 500 kB\n"),
	                              &m),
	                 0);
	memmap_breakdown(&m, &b);
	assert_true(b.over);
	assert_int_equal(b.sum_kb, 1500);
	assert_int_equal(b.kb[MMR_UNACCOUNTED], 0);
	assert_true(bar_sum(&b) <= 1000);
	assert_true(bar_sum(&b) >= 997); /* rounding down, at most a kB each */
	assert_int_equal(b.kb[MMR_ANON], 500); /* the table keeps the truth */
	n = memmap_overlaps(&list);
	assert_int_equal(n, 7);
	assert_non_null(strstr(list[6], "ramfs"));
	assert_non_null(strstr(list[6], "never reclaimed"));
	assert_string_equal(list[0],
	                    "Shmem is inside Cached: page cache leaves it out");
	assert_non_null(strstr(list[3], "Mlocked"));
	assert_string_equal(memmap_row_id(MMR_UNACCOUNTED), "not_accounted");
}

static void
test_meminfo_errors(void **state)
{
	struct memmap_info m;
	struct memmap_breakdown b;
	(void)state;
	assert_int_equal(memmap_parse(S("MemFree: 1 kB\n"), &m), -1);
	assert_true(m.v[MMF_FREE] == SNAP_NA);
	assert_int_equal(memmap_parse(S("MemTotal: 10 kB\nShmem: x\n"), &m),
	                 -1);
	assert_int_equal(memmap_parse(S("MemTotal: 10 kB\nShmem: -4 kB\n"), &m),
	                 -1);
	assert_int_equal(memmap_parse(S("MemTotal: 10 kB\nShmem: 4"), &m), -1);
	memmap_breakdown(&m, &b);
	assert_true(b.total_kb == SNAP_NA && b.kb[MMR_ANON] == SNAP_NA);
	assert_int_equal(bar_sum(&b), 0);
	/* above 16 PiB: not a real machine, and sums could overflow */
	assert_int_equal(
	    memmap_parse(S("MemTotal: 10 kB\nShmem: 17592186044417 kB\n"), &m),
	    -1);
	assert_int_equal(memmap_parse(S("MemTotal: 17592186044416 kB\n"), &m),
	                 0);
	assert_true(memmap_mul(INT64_MAX / 2, 3) == SNAP_NA);
	assert_true(memmap_mul(SNAP_NA, 3) == SNAP_NA);
	assert_int_equal(memmap_mul(512, 2048), 1048576);
}

static void
test_every_row_has_a_meaning(void **state)
{
	char buf[16];
	(void)state;
	for (int r = 0; r < MMR_COUNT; r++) {
		assert_true(strlen(memmap_row_name((enum memmap_row)r)) > 0);
		assert_true(strlen(memmap_row_meaning((enum memmap_row)r)) >
		            10);
	}
	/* the table's formatter: the trap and the table say the same */
	assert_string_equal(memmap_fmt_kb(3250585, buf, sizeof buf), "3.10G");
	assert_string_equal(memmap_fmt_kb(1121977, buf, sizeof buf), "1.07G");
	assert_string_equal(memmap_fmt_kb(1048576, buf, sizeof buf), "1.00G");
	assert_string_equal(memmap_fmt_kb(524288, buf, sizeof buf), "512M");
	assert_string_equal(memmap_fmt_kb(0, buf, sizeof buf), "0K");
	for (int64_t kb = 1; kb < (1LL << 40); kb = kb * 3 + 7) {
		char t[16];
		columns_format_kb(kb, t, sizeof t);
		assert_string_equal(memmap_fmt_kb(kb, buf, sizeof buf), t);
	}
	assert_string_equal(memmap_fmt_kb(SNAP_NA, buf, sizeof buf), "N/A");
}

static void
test_mounts(void **state)
{
	struct memmap_mount m[2];
	size_t found;
	(void)state;
	assert_int_equal(
	    memmapparse_mounts(S("sysfs /sys sysfs rw 0 0\n"
	                         "tmpfs /dev/shm tmpfs rw,nosuid 0 0\n"
	                         "none /mnt/my\\040disk ramfs rw 0 0\n"
	                         "tmpfs /run tmpfs rw 0 0\n"
	                         "\n"),
	                       m, 2, &found),
	    2);
	assert_int_equal(found, 3); /* three seen, two kept */
	assert_string_equal(m[0].path, "/dev/shm");
	assert_string_equal(m[1].path, "/mnt/my disk");
	assert_string_equal(m[1].fstype, "ramfs");
	assert_true(m[0].used_kb == SNAP_NA);
	assert_int_equal(memmapparse_mounts(S("tmpfs /x\n"), m, 2, &found), -1);
	m[0].used_kb = 5;
	m[1].used_kb = 9;
	memmapparse_sort_mounts(m, 2);
	assert_string_equal(m[0].path, "/mnt/my disk");
	/* stacked: one row per mount point, the top one; a tmpfs under a
	 * later mount of another type is hidden */
	assert_int_equal(
	    memmapparse_mounts(S("tmpfs /dev/shm tmpfs rw,size=1k 0 0\n"
	                         "tmpfs /run tmpfs rw 0 0\n"
	                         "shm /dev/shm tmpfs rw,size=9k 0 0\n"
	                         "/dev/sda1 /run ext4 rw 0 0\n"),
	                       m, 2, &found),
	    1);
	assert_int_equal(found, 1);
	assert_string_equal(m[0].path, "/dev/shm");
}

static void
test_sort_mounts(void **state)
{
	static const struct {
		const char *path;
		int64_t used;
	} in[] = {{"/na", SNAP_NA}, {"/b", 5}, {"/top", 9}, {"/a", 5}};
	static const char *const want[] = {"/top", "/a", "/b", "/na"};
	struct memmap_mount m[4];
	(void)state;
	memset(m, 0, sizeof m);
	for (int i = 0; i < 4; i++) {
		snprintf(m[i].path, sizeof m[i].path, "%s", in[i].path);
		m[i].used_kb = in[i].used;
	}
	memmapparse_sort_mounts(m, 4);
	for (int i = 0; i < 4; i++)
		assert_string_equal(m[i].path, want[i]);
}

static void
test_unescape(void **state)
{
	char out[8];
	(void)state;
	memmapparse_unescape(S("a\\011b\\134"), out, sizeof out);
	assert_string_equal(out, "a\tb\\");
	/* a cut escape stays as it is */
	memmapparse_unescape(S("x\\04"), out, sizeof out);
	assert_string_equal(out, "x\\04");
	memmapparse_unescape(S("0123456789"), out, sizeof out);
	assert_string_equal(out, "0123456");
}

static const char slabinfo[] =
    "slabinfo - version: 2.1\n"
    "# name            <active_objs> <num_objs> <objsize> <objperslab> "
    "<pagesperslab> : tunables <limit> <batchcount> <sharedfactor> : "
    "slabdata <active_slabs> <num_slabs> <sharedavail>\n"
    "kmalloc-64   1000   1024     64   64    1 : tunables    0    0    0 : "
    "slabdata     16     16      0\n"
    "dentry    9000000 9961472  192   21    1 : tunables    0    0    0 : "
    "slabdata 474356 474356      0\n"
    "inode_cache  20000  20020    600   13    2 : tunables    0    0    0 "
    ": slabdata   1540   1540      0\n";

static void
test_slabinfo(void **state)
{
	struct memmap_slab s[2];
	size_t n;
	int64_t total;
	(void)state;
	assert_int_equal(memmapparse_slabinfo(slabinfo, sizeof slabinfo - 1, s,
	                                      2, &n, &total),
	                 2);
	assert_int_equal(n, 3);
	assert_string_equal(s[0].name, "dentry");
	assert_int_equal(s[0].bytes, 9961472LL * 192);
	assert_string_equal(s[1].name, "inode_cache");
	assert_int_equal(total, 9961472LL * 192 + 20020 * 600 + 1024 * 64);
	assert_int_equal(memmapparse_slabinfo(S("slabinfo - version: 1.1\n"), s,
	                                      2, &n, &total),
	                 -1);
	assert_int_equal(memmapparse_slabinfo(S("slabinfo - version: 2.1\n"
	                                        "dentry 1 x 3\n"),
	                                      s, 2, &n, &total),
	                 -1);
}

static void
test_swaps(void **state)
{
	struct memmap_swap w[4];
	size_t found;
	(void)state;
	assert_int_equal(
	    memmapparse_swaps(
	        S("Filename\t\t\t\tType\t\tSize\t\tUsed\t\tPriority\n"
	          "/dev/sda2                               partition\t2097148\t"
	          "\t1024\t\t-2\n"
	          "/swap\\040file                           file\t\t1048572\t"
	          "\t0\t\t5\n"),
	        w, 4, &found),
	    2);
	assert_int_equal(found, 2);
	assert_string_equal(w[0].type, "partition");
	assert_int_equal(w[0].size_kb, 2097148);
	assert_int_equal(w[0].used_kb, 1024);
	assert_int_equal(w[0].prio, -2);
	assert_string_equal(w[1].name, "/swap file");
	assert_int_equal(w[1].prio, 5);
	assert_int_equal(memmapparse_swaps(S("Filename Type Size Used "
	                                     "Priority\n"),
	                                   w, 4, &found),
	                 0);
	assert_int_equal(memmapparse_swaps(S("garbage\n"), w, 4, &found), -1);
	assert_int_equal(memmapparse_swaps(S("Filename\n/dev/x partition 1\n"),
	                                   w, 4, &found),
	                 -1);
}

static void
test_mm_stat_and_usage(void **state)
{
	struct memmap_zram z;
	int64_t used, size;
	(void)state;
	assert_int_equal(memmapparse_mm_stat(S("  1073741824   268435456   "
	                                       "281018368        0   281018368"
	                                       "     1234     0     0     0\n"),
	                                     &z),
	                 0);
	assert_int_equal(z.orig_bytes, 1073741824);
	assert_int_equal(z.compr_bytes, 268435456);
	assert_int_equal(z.used_bytes, 281018368);
	assert_int_equal(memmapparse_mm_stat(S("12 13\n"), &z), -1);
	assert_int_equal(memmapparse_usage(S("/run 10 20\n/dev/shm 3 4\n"),
	                                   "/dev/shm", &used, &size),
	                 0);
	assert_int_equal(used, 3);
	assert_int_equal(size, 4);
	assert_int_equal(
	    memmapparse_usage(S("/run 10 20\n"), "/dev/shm", &used, &size), -1);
}

/* A memmap_all over the meminfo fixture name. */
static void
all_from(const char *name, struct memmap_all *a)
{
	memmapparse_clear(a);
	load(name, &a->mi);
	a->meminfo_err = 0;
}

static void
test_trap_tmpfs(void **state)
{
	struct memmap_all a;
	char t[MEMMAPTRAP_TEXT_MAX];
	(void)state;
	all_from("5.15.txt", &a);
	a.nmounts = 2;
	snprintf(a.mounts[0].path, sizeof a.mounts[0].path, "/run");
	snprintf(a.mounts[0].fstype, sizeof a.mounts[0].fstype, "tmpfs");
	a.mounts[0].used_kb = 2048;
	snprintf(a.mounts[1].path, sizeof a.mounts[1].path, "/dev/shm");
	snprintf(a.mounts[1].fstype, sizeof a.mounts[1].fstype, "tmpfs");
	a.mounts[1].used_kb = 3250585;
	assert_true(memmaptrap_check(MMT_TMPFS, &a, t, sizeof t));
	assert_string_equal(t, "tmpfs /dev/shm holds 3.10G");
	/* under 5% of MemTotal and under 1G: no trap */
	a.mounts[1].used_kb = 700000;
	assert_false(memmaptrap_check(MMT_TMPFS, &a, t, sizeof t));
}

static void
test_trap_slab(void **state)
{
	struct memmap_all a;
	char t[MEMMAPTRAP_TEXT_MAX];
	(void)state;
	all_from("5.15.txt", &a);
	a.slab_err = -EACCES;
	assert_true(memmaptrap_check(MMT_SLAB, &a, t, sizeof t));
	assert_string_equal(t, "unreclaimable slab 2.55G");
	a.slab_err = 0;
	a.nslabs = 1;
	snprintf(a.slabs[0].name, sizeof a.slabs[0].name, "dentry");
	a.slabs[0].bytes = 1992294LL * 1024;
	assert_true(memmaptrap_check(MMT_SLAB, &a, t, sizeof t));
	assert_string_equal(t, "unreclaimable slab 2.55G (dentry 1.90G)");
	/* LRU pages are far above SUnreclaim here */
	assert_false(memmaptrap_check(MMT_SLAB_LRU, &a, t, sizeof t));
	a.mi.v[MMF_ACTIVE] = 1000000;
	a.mi.v[MMF_INACTIVE] = 153600;
	assert_true(memmaptrap_check(MMT_SLAB_LRU, &a, t, sizeof t));
	assert_string_equal(t, "unreclaimable slab 2.55G is more than all LRU "
	                       "pages 1.13G: the kernel's sign of a slab leak");
	/* Unevictable pages are LRU pages too */
	a.mi.v[MMF_UNEVICTABLE] = 2000000;
	assert_false(memmaptrap_check(MMT_SLAB_LRU, &a, t, sizeof t));
	a.mi.v[MMF_ACTIVE] = SNAP_NA; /* unknown: no verdict */
	assert_false(memmaptrap_check(MMT_SLAB_LRU, &a, t, sizeof t));
	all_from("6.x.txt", &a); /* 416M of 31G: not large */
	assert_false(memmaptrap_check(MMT_SLAB, &a, t, sizeof t));
}

static void
test_trap_hugepages_and_no_swap(void **state)
{
	struct memmap_all a;
	struct memmaptrap traps[MMT_COUNT];
	char t[MEMMAPTRAP_TEXT_MAX];
	size_t n;
	(void)state;
	all_from("4.19.txt", &a);
	assert_true(memmaptrap_check(MMT_HUGEPAGES, &a, t, sizeof t));
	assert_string_equal(t, "1.00G of hugepages in the pool, 0K in use");
	assert_true(memmaptrap_check(MMT_NO_SWAP, &a, t, sizeof t));
	assert_string_equal(
	    t, "no swap: anonymous memory can only be freed by killing");
	n = memmaptrap_find(&a, traps, MMT_COUNT);
	assert_int_equal(n, 2);
	assert_int_equal(traps[0].kind, MMT_HUGEPAGES);
	assert_string_equal(memmaptrap_name(traps[1].kind), "no_swap");
	/* in use by a mapping: reserved pages are not idle */
	a.mi.v[MMF_HP_RSVD] = 512;
	assert_false(memmaptrap_check(MMT_HUGEPAGES, &a, t, sizeof t));
	a.mi.v[MMF_HP_RSVD] = 0;
	a.mi.v[MMF_HP_FREE] = 256;
	assert_true(memmaptrap_check(MMT_HUGEPAGES, &a, t, sizeof t));
	assert_string_equal(t, "1.00G of hugepages in the pool, 512M in use");
	/* every page size counts, not only meminfo's default one: a pool
	 * of 1G pages, idle, with none of the default 2M size */
	a.mi.v[MMF_HP_TOTAL] = a.mi.v[MMF_HP_FREE] = 0;
	assert_false(memmaptrap_check(MMT_HUGEPAGES, &a, t, sizeof t));
	a.nhp = 2;
	a.hp[0] = (struct memmap_hpsize){2048, 0, 0, 0, 0};
	a.hp[1] = (struct memmap_hpsize){1048576, 3, 2, 0, 0};
	assert_true(memmaptrap_check(MMT_HUGEPAGES, &a, t, sizeof t));
	assert_string_equal(t, "3.00G of hugepages in the pool, 1.00G in use");
	a.hp[1].rsvd = 2; /* both free pages promised to a mapping */
	assert_false(memmaptrap_check(MMT_HUGEPAGES, &a, t, sizeof t));
	/* one size's Rsvd above its free count (a racy read) does not
	 * cancel the other size's idle pages: free - rsvd is at least 0 */
	a.hp[1].rsvd = 0;
	a.hp[0] = (struct memmap_hpsize){2048, 2048, 0, 1024, 0};
	assert_true(memmaptrap_check(MMT_HUGEPAGES, &a, t, sizeof t));
	assert_string_equal(t, "7.00G of hugepages in the pool, 5.00G in use");
	all_from("6.x.txt", &a);
	assert_int_equal(memmaptrap_find(&a, traps, MMT_COUNT), 0);
	all_from("3.10.txt", &a); /* SwapTotal there; no hugepages */
	assert_false(memmaptrap_check(MMT_NO_SWAP, &a, t, sizeof t));
	assert_false(memmaptrap_check(MMT_HUGEPAGES, &a, t, sizeof t));
}

static void
test_trap_container(void **state)
{
	struct memmap_all a;
	char t[MEMMAPTRAP_TEXT_MAX];
	(void)state;
	all_from("container.txt", &a);
	assert_true(memmaptrap_check(MMT_CONTAINER, &a, t, sizeof t));
	assert_string_equal(
	    t, "MemAvailable > MemTotal: probably a container's view");
	all_from("3.10.txt", &a); /* no MemAvailable: no verdict */
	assert_false(memmaptrap_check(MMT_CONTAINER, &a, t, sizeof t));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_kernel_3_10),
	    cmocka_unit_test(test_kernel_4_19),
	    cmocka_unit_test(test_kernel_5_15),
	    cmocka_unit_test(test_kernel_6_x),
	    cmocka_unit_test(test_overlap_clamps_the_bar),
	    cmocka_unit_test(test_meminfo_errors),
	    cmocka_unit_test(test_every_row_has_a_meaning),
	    cmocka_unit_test(test_mounts),
	    cmocka_unit_test(test_sort_mounts),
	    cmocka_unit_test(test_unescape),
	    cmocka_unit_test(test_slabinfo),
	    cmocka_unit_test(test_swaps),
	    cmocka_unit_test(test_mm_stat_and_usage),
	    cmocka_unit_test(test_trap_tmpfs),
	    cmocka_unit_test(test_trap_slab),
	    cmocka_unit_test(test_trap_hugepages_and_no_swap),
	    cmocka_unit_test(test_trap_container),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
