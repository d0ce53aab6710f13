/*
 * Unit test for cgfiles_force_full (collect/cgfiles.c): after oomwatch
 * writes a cgroup's limit, the next light walk reads that cgroup's files
 * in full, so the new memory.max shows at once, not within
 * CGFILES_ROTATE walks. On a copy of tests/fixtures/cgroup/v2.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "fixdir.h"
#include "tfile.h"

#include "collect/cgfiles.h"
#include "collect/collector.h"
#include "model/snapcg.h"

#define FIX "tests/fixtures/cgroup/"

/* memory.max of the cgroup at path in s. */
static int64_t
max_of(const struct snapshot *s, const char *path)
{
	size_t i = snapcg_find(s, path, strlen(path));

	assert_int_not_equal(i, SNAPCG_NONE);
	return s->cgroups[i].mem.max_bytes;
}

static void
test_forced_full_read(void **state)
{
	char tmp[] = "/tmp/oomwatch-cgf.XXXXXX", cmd[512], p[600], sys[300];
	char proc[300], err[256], val[32];
	const char *ng = "/system.slice/nginx.service";
	struct snapshot s;
	struct collector *c;
	(void)state;
	assert_int_equal(
	    tfile_fixture_copy(FIX "v2", tmp, proc, sys, sizeof proc), 0);
	c = collector_new_roots(proc, sys, err, sizeof err);
	assert_non_null(c);
	snapshot_init(&s);
	assert_int_equal(collector_sample(c, &s, 1000), 0);
	collector_set_mode(c, COLLECTOR_LIGHT);
	assert_int_equal(collector_sample(c, &s, 2000), 0);
	snprintf(p, sizeof p, "%s/sys/fs/cgroup%s/memory.max", tmp, ng);
	/* several walks in a row: at most one of them is the rotation's */
	for (int i = 1; i <= 4; i++) {
		snprintf(val, sizeof val, "%d\n", i << 20);
		assert_int_equal(tfile_put(p, val), 0);
		cgfiles_force_full(ng, strlen(ng));
		assert_int_equal(collector_sample(c, &s, 3000 + (uint64_t)i),
		                 0);
		assert_true(max_of(&s, ng) == (int64_t)i << 20);
	}
	/* without the hook a light walk keeps the last value */
	assert_int_equal(tfile_put(p, "max\n"), 0);
	assert_int_equal(collector_sample(c, &s, 4000), 0);
	assert_int_equal(collector_sample(c, &s, 4001), 0);
	assert_true(max_of(&s, ng) == 4 << 20 ||
	            max_of(&s, ng) == CGMEM_UNLIMITED);
	snprintf(cmd, sizeof cmd, "rm -rf %s", tmp);
	assert_int_equal(system(cmd), 0);
	snapshot_fini(&s);
	collector_free(c);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_forced_full_read),
	};
	return cmocka_run_group_tests(tests, fixdir_setup, NULL);
}
