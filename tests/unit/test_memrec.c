/* Unit tests for model/memrec.c: a recorded sample's meminfo values fill
 * the Memory screen's structs; what the record does not hold is unknown
 * (never 0), "unaccounted" is N/A, the traps that need unrecorded files
 * do not apply, and a damaged value counts as unknown. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "model/memmaptrap.h"
#include "model/memrec.h"

/* A recorded sample: 8 GB, 3 GB available, no swap. */
static const struct mem_info rec = {
    .total_kb = 8000000,
    .free_kb = 1000000,
    .available_kb = 3000000,
    .buffers_kb = 100000,
    .cached_kb = 2000000,
    .shmem_kb = 300000,
    .anon_kb = 4000000,
    .swap_total_kb = 0,
    .swap_free_kb = 0,
    .commit_limit_kb = 4000000,
    .committed_as_kb = 9000000,
};

static void
test_recorded_rows(void **state)
{
	static struct memmap_all a;
	struct memmap_breakdown b;
	int64_t bar = 0;

	(void)state;
	memrec_fill(&rec, &a, &b);
	assert_int_equal(a.meminfo_err, 0);
	assert_int_equal(a.mi.v[MMF_AVAILABLE], 3000000);
	assert_int_equal(a.mi.v[MMF_SWAPTOTAL], 0);
	assert_int_equal(b.total_kb, 8000000);
	assert_int_equal(b.kb[MMR_ANON], 4000000);
	assert_int_equal(b.kb[MMR_CACHE], 2000000 - 300000 + 100000);
	assert_int_equal(b.kb[MMR_SHMEM], 300000);
	assert_int_equal(b.kb[MMR_FREE], 1000000);
	/* not recorded: unknown, never 0 */
	for (int r = MMR_SLAB_RECL; r <= MMR_ZSWAP; r++)
		assert_true(b.kb[r] == SNAP_NA);
	assert_true(b.kb[MMR_UNACCOUNTED] == SNAP_NA);
	assert_true(a.mi.v[MMF_SUNRECLAIM] == SNAP_NA);
	assert_true(a.mi.v[MMF_HP_TOTAL] == SNAP_NA);
	assert_true(a.swappiness == SNAP_NA);
	assert_int_equal(a.zswap_enabled, -1);
	assert_int_equal(a.nmounts + a.nslabs + a.nswaps + a.nzram + a.nhp, 0);
	for (int r = 0; r < MMR_COUNT; r++)
		bar += b.bar_kb[r];
	assert_int_equal(bar, 4000000 + 1800000 + 300000 + 1000000);
	assert_false(b.over);
}

static void
test_traps_from_the_record(void **state)
{
	static struct memmap_all a;
	struct memmap_breakdown b;
	struct memmaptrap t[MMT_COUNT];
	struct mem_info m = rec;
	size_t n;

	(void)state;
	memrec_fill(&rec, &a, &b);
	n = memmaptrap_find(&a, t, MMT_COUNT);
	assert_int_equal(n, 1); /* slab, tmpfs, hugepages: not recorded */
	assert_int_equal(t[0].kind, MMT_NO_SWAP);
	m.available_kb = 9000000;
	m.swap_total_kb = 1000000;
	memrec_fill(&m, &a, &b);
	n = memmaptrap_find(&a, t, MMT_COUNT);
	assert_int_equal(n, 1);
	assert_int_equal(t[0].kind, MMT_CONTAINER);
}

static void
test_damaged_values_are_unknown(void **state)
{
	static struct memmap_all a;
	struct memmap_breakdown b;
	struct mem_info m = rec;

	(void)state;
	m.anon_kb = -5;
	m.free_kb = INT64_MAX;
	m.shmem_kb = SNAP_NA;
	memrec_fill(&m, &a, &b);
	assert_true(b.kb[MMR_ANON] == SNAP_NA);
	assert_true(b.kb[MMR_FREE] == SNAP_NA);
	assert_true(b.kb[MMR_SHMEM] == SNAP_NA);
	assert_int_equal(b.bar_kb[MMR_ANON], 0);
	m.total_kb = SNAP_NA;
	memrec_fill(&m, &a, &b);
	assert_true(b.total_kb == SNAP_NA);
	for (int r = 0; r < MMR_COUNT; r++) {
		assert_true(b.kb[r] == SNAP_NA);
		assert_int_equal(b.bar_kb[r], 0);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_recorded_rows),
	    cmocka_unit_test(test_traps_from_the_record),
	    cmocka_unit_test(test_damaged_values_are_unknown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
