/* Unit tests for rounding without libm (core/numround.c), against libm. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "core/numround.h"

/* Values around the edges: halves, just off halves, signs, large. */
static const double edge[] = {
    0.0,
    -0.0,
    0.5,
    -0.5,
    1.5,
    -1.5,
    2.5,
    -2.5,
    0.49999999999999994,
    -0.49999999999999994,
    0.5000000000000001,
    1.0,
    -1.0,
    1e-300,
    -1e-300,
    4503599627370495.5,
    -4503599627370495.5,
    4503599627370497.0,
    9e15,
    -9e15,
    123456.49999,
    123456.5,
    -123456.5,
    1e18,
    -1e18,
    0.9999999999,
};

static void
test_ll_matches_llround(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof edge / sizeof edge[0]; i++)
		assert_int_equal(numround_ll(edge[i]), llround(edge[i]));
	/* a sweep of quarters and of awkward fractions */
	for (int k = -4000; k <= 4000; k++) {
		double q = k / 4.0, r = k / 3.0 + k * 1e-9;
		assert_int_equal(numround_ll(q), llround(q));
		assert_int_equal(numround_ll(r), llround(r));
	}
}

static void
test_ceil_matches_ceil(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof edge / sizeof edge[0]; i++)
		assert_int_equal(numround_ceil_ll(edge[i]),
		                 (int64_t)ceil(edge[i]));
	for (int k = -4000; k <= 4000; k++) {
		double q = k / 4.0, r = k / 7.0 - k * 1e-10;
		assert_int_equal(numround_ceil_ll(q), (int64_t)ceil(q));
		assert_int_equal(numround_ceil_ll(r), (int64_t)ceil(r));
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_ll_matches_llround),
	    cmocka_unit_test(test_ceil_matches_ceil),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
