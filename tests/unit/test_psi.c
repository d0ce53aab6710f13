/* Unit tests for model/psi.c (/proc/pressure/memory). */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "model/psi.h"
#include "procfix.h"

#define S(lit) lit, sizeof(lit) - 1

static void
test_present(void **state)
{
	char buf[512];
	ssize_t n = procfix_read("basic/pressure/memory", buf, sizeof buf);
	struct psi_memory p;
	(void)state;
	assert_true(n > 0);
	assert_int_equal(psi_parse(buf, (size_t)n, &p), 0);
	assert_true(p.valid && p.full_valid);
	assert_int_equal(p.err, 0);
	assert_true(p.some.avg10 > 1.249 && p.some.avg10 < 1.251);
	assert_true(p.some.avg300 > 0.099 && p.some.avg300 < 0.101);
	assert_true(p.some.total_us == 123456);
	assert_true(p.full.avg60 > 0.249 && p.full.avg60 < 0.251);
	assert_true(p.full.total_us == 65432);
}

static void
test_some_only_and_unknown_key(void **state)
{
	struct psi_memory p;
	(void)state;
	assert_int_equal(
	    psi_parse(S("some avg10=0.00 avg60=2.50 avg300=0.00 total=9 "
	                "newkey=1\n"),
	              &p),
	    0);
	assert_true(p.valid);
	assert_false(p.full_valid);
	assert_true(p.some.avg60 > 2.49 && p.some.avg60 < 2.51);
}

static void
test_malformed(void **state)
{
	struct psi_memory p, before;
	(void)state;
	memset(&p, 0x11, sizeof p);
	before = p;
	assert_int_equal(psi_parse(S(""), &p), -1);
	assert_int_equal(psi_parse(S("full avg10=0.00 avg60=0.00 avg300=0.00 "
	                             "total=0\n"),
	                           &p),
	                 -1); /* no some line */
	assert_int_equal(psi_parse(S("some avg10=x avg60=0.00 avg300=0.00 "
	                             "total=0\n"),
	                           &p),
	                 -1);
	assert_int_equal(
	    psi_parse(S("some avg10=0.00 avg60=0.00 total=0\n"), &p), -1);
	assert_int_equal(psi_parse(S("some avg10=0.00 avg60=0.00 avg300=0.00 "
	                             "total=0"),
	                           &p),
	                 -1); /* truncated */
	assert_int_equal(psi_parse(S("some avg10=0.00 avg60=0.00 avg300=0.00 "
	                             "total=99999999999999999999\n"),
	                           &p),
	                 -1);
	assert_int_equal(psi_parse(S("cpu avg10=0.00\n"), &p), -1);
	assert_memory_equal(&p, &before, sizeof p);
}

static void
test_unavailable(void **state)
{
	struct psi_memory p;
	(void)state;
	psi_set_unavailable(&p, EOPNOTSUPP);
	assert_false(p.valid);
	assert_int_equal(p.err, EOPNOTSUPP);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_present),
	    cmocka_unit_test(test_some_only_and_unknown_key),
	    cmocka_unit_test(test_malformed),
	    cmocka_unit_test(test_unavailable),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
