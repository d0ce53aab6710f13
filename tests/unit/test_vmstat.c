/* Unit tests for model/vmstat.c: the counters and their rates. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "model/vmstat.h"
#include "procfix.h"

#define S(lit) lit, sizeof(lit) - 1

static void
test_real_file(void **state)
{
	char buf[16384];
	ssize_t n = procfix_read("basic/vmstat", buf, sizeof buf);
	struct vmstat_counters c;
	(void)state;
	assert_true(n > 0);
	assert_int_equal(vmstat_parse(buf, (size_t)n, &c), 0);
	assert_int_equal(c.oom_kill, 0);
	assert_int_equal(c.pswpin, 0);
	assert_int_equal(c.pswpout, 0);
	assert_true(c.pgmajfault > 0);
}

static void
test_missing_and_malformed(void **state)
{
	struct vmstat_counters c, before;
	(void)state;
	assert_int_equal(vmstat_parse(S("nr_free_pages 5\noom_kill 3\n"), &c),
	                 0);
	assert_int_equal(c.oom_kill, 3);
	assert_true(c.pswpin == SNAP_NA && c.pgmajfault == SNAP_NA);
	memset(&c, 0x22, sizeof c);
	before = c;
	assert_int_equal(vmstat_parse(S("nr_free_pages 5\n"), &c), -1);
	assert_int_equal(vmstat_parse(S("oom_kill x\n"), &c), -1);
	assert_int_equal(vmstat_parse(S("oom_kill -1\n"), &c), -1);
	assert_int_equal(vmstat_parse(S("oom_kill 1\npswpin 2"), &c), -1);
	assert_memory_equal(&c, &before, sizeof c);
}

static void
test_rates(void **state)
{
	struct vmstat_counters a = {1, 100, 50, 1000};
	struct vmstat_counters b = {3, 100, 40, 1500};
	struct vmstat_rates r;
	(void)state;
	vmstat_rates(&a, 10000, &b, 12000, &r);
	assert_true(r.valid);
	assert_true(fabs(r.oom_kill - 1.0) < 1e-9);
	assert_true(fabs(r.pswpin) < 1e-9);
	assert_true(isnan(r.pswpout)); /* went backwards */
	assert_true(fabs(r.pgmajfault - 250.0) < 1e-9);
	b.pswpin = SNAP_NA;
	vmstat_rates(&a, 10000, &b, 10500, &r);
	assert_true(isnan(r.pswpin));
	assert_true(fabs(r.oom_kill - 4.0) < 1e-9);
	vmstat_rates(&a, 10000, &b, 10000, &r);
	assert_false(r.valid);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_real_file),
	    cmocka_unit_test(test_missing_and_malformed),
	    cmocka_unit_test(test_rates),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
