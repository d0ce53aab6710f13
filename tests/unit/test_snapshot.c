/* Unit tests for model/snapshot.c: reset, row growth, the string pool. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "model/snapshot.h"

static void
test_init_reset_unknown(void **state)
{
	struct snapshot s;
	(void)state;
	snapshot_init(&s);
	assert_true(s.mem.total_kb == SNAP_NA);
	assert_true(s.vm.swappiness == SNAP_NA);
	assert_true(s.vmstat.oom_kill == SNAP_NA);
	assert_false(s.psi.valid);
	assert_false(s.rates.valid);
	assert_int_equal(s.nprocs, 0);
	s.mem.total_kb = 5;
	s.psi.valid = true;
	snapshot_reset(&s);
	assert_true(s.mem.total_kb == SNAP_NA);
	assert_false(s.psi.valid);
	snapshot_fini(&s);
}

static void
test_rows_grow_and_keep_capacity(void **state)
{
	struct snapshot s;
	struct proc_row r;
	size_t cap;
	(void)state;
	snapshot_init(&s);
	memset(&r, 0, sizeof r);
	for (int i = 1; i <= 1000; i++) {
		r.pid = i;
		assert_int_equal(snapshot_push_proc(&s, &r), 0);
	}
	assert_int_equal(s.nprocs, 1000);
	assert_int_equal(s.procs[999].pid, 1000);
	assert_int_equal(s.procs[0].pid, 1);
	cap = s.procs_cap;
	assert_true(cap >= 1000);
	snapshot_reset(&s);
	assert_int_equal(s.nprocs, 0);
	assert_int_equal(s.procs_cap, cap); /* a tick reuses the array */
	snapshot_fini(&s);
}

static void
test_string_pool(void **state)
{
	struct snapshot s;
	uint32_t a, b, c;
	char big[10000];
	(void)state;
	snapshot_init(&s);
	assert_null(snapshot_str(&s, SNAP_NO_STR, 0));
	assert_int_equal(snapshot_str_append(&s, "abc", 3, &a), 0);
	assert_int_equal(snapshot_str_append(&s, "", 0, &b), 0);
	memset(big, 'z', sizeof big);
	assert_int_equal(snapshot_str_append(&s, big, sizeof big, &c), 0);
	assert_memory_equal(snapshot_str(&s, a, 3), "abc", 3);
	assert_non_null(snapshot_str(&s, b, 0));
	assert_memory_equal(snapshot_str(&s, c, sizeof big), big, sizeof big);
	/* out of bounds is refused */
	assert_null(snapshot_str(&s, c, sizeof big + 1));
	assert_null(snapshot_str(&s, (uint32_t)s.strings_len + 1, 0));
	snapshot_reset(&s);
	assert_int_equal(s.strings_len, 0);
	assert_null(snapshot_str(&s, a, 3));
	snapshot_fini(&s);
}

static void
test_string_reuse(void **state)
{
	struct snapshot s;
	uint32_t a, b, c, d;
	(void)state;
	snapshot_init(&s);
	assert_int_equal(snapshot_str_reuse(&s, "/svc", 4, SNAP_NO_STR, 0, &a),
	                 0);
	assert_int_equal(snapshot_str_reuse(&s, "/svc", 4, a, 4, &b), 0);
	assert_int_equal(b, a); /* same bytes: shared, pool not grown */
	assert_int_equal(s.strings_len, 4);
	assert_int_equal(snapshot_str_reuse(&s, "/svd", 4, a, 4, &c), 0);
	assert_true(c != a);
	assert_int_equal(snapshot_str_reuse(&s, "/sv", 3, a, 4, &d), 0);
	assert_true(d != a); /* a prefix is not the same string */
	assert_memory_equal(snapshot_str(&s, c, 4), "/svd", 4);
	assert_int_equal(s.strings_len, 11);
	snapshot_fini(&s);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_init_reset_unknown),
	    cmocka_unit_test(test_rows_grow_and_keep_capacity),
	    cmocka_unit_test(test_string_pool),
	    cmocka_unit_test(test_string_reuse),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
