/* Unit tests for model/meminfo.c on a /proc/meminfo captured here. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "model/meminfo.h"
#include "procfix.h"

#define S(lit) lit, sizeof(lit) - 1

static void
test_real_file(void **state)
{
	char buf[8192];
	ssize_t n = procfix_read("basic/meminfo", buf, sizeof buf);
	struct mem_info m;
	(void)state;
	assert_true(n > 0);
	assert_int_equal(meminfo_parse(buf, (size_t)n, &m), 0);
	/* values as in the captured file */
	assert_int_equal(m.total_kb, 24684084);
	assert_int_equal(m.swap_total_kb, 0);
	assert_int_equal(m.swap_free_kb, 0);
	assert_int_equal(m.commit_limit_kb, 12342040);
	assert_true(m.available_kb > 0 && m.available_kb <= m.total_kb);
	assert_true(m.cached_kb > 0 && m.anon_kb > 0 && m.shmem_kb > 0);
}

static void
test_missing_lines_are_na(void **state)
{
	struct mem_info m;
	(void)state;
	assert_int_equal(meminfo_parse(S("MemTotal: 1000 kB\nMemFree: 10 kB\n"
	                                 "Unknown: 5 kB\n"),
	                               &m),
	                 0);
	assert_int_equal(m.total_kb, 1000);
	assert_int_equal(m.free_kb, 10);
	assert_true(m.available_kb == SNAP_NA);
	assert_true(m.swap_total_kb == SNAP_NA);
	assert_true(m.committed_as_kb == SNAP_NA);
}

static void
test_bad_input_leaves_output(void **state)
{
	struct mem_info m, before;
	(void)state;
	memset(&m, 0x5a, sizeof m);
	before = m;
	/* no MemTotal */
	assert_int_equal(meminfo_parse(S("MemFree: 10 kB\n"), &m), -1);
	/* truncated in the middle of a line */
	assert_int_equal(meminfo_parse(S("MemTotal: 1000 kB\nMemFree: 1"), &m),
	                 -1);
	/* not a number, overflowing, negative */
	assert_int_equal(meminfo_parse(S("MemTotal: lots kB\n"), &m), -1);
	assert_int_equal(
	    meminfo_parse(S("MemTotal: 99999999999999999999 kB\n"), &m), -1);
	assert_int_equal(
	    meminfo_parse(S("MemTotal: 1 kB\nMemFree: -5 kB\n"), &m), -1);
	assert_int_equal(meminfo_parse(S(""), &m), -1);
	assert_memory_equal(&m, &before, sizeof m);
}

static void
test_negative_committed_allowed(void **state)
{
	struct mem_info m;
	(void)state;
	assert_int_equal(
	    meminfo_parse(S("MemTotal: 10 kB\nCommitted_AS: -12 kB\n"), &m), 0);
	assert_int_equal(m.committed_as_kb, -12);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_real_file),
	    cmocka_unit_test(test_missing_lines_are_na),
	    cmocka_unit_test(test_bad_input_leaves_output),
	    cmocka_unit_test(test_negative_committed_allowed),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
