/*
 * Unit tests for model/chart.c: the range of known values, rows of a
 * rising series in ASCII and Unicode, a flat series on the bottom row,
 * unknown values as blank columns, a short buffer.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "model/chart.h"
#include "model/snapshot.h"

/* The range skips unknown values; none known is false. */
static void
test_range(void **state)
{
	const int64_t v[4] = {SNAP_NA, 300, 100, 200};
	const int64_t none[2] = {SNAP_NA, SNAP_NA};
	int64_t lo, hi;

	(void)state;
	assert_true(chart_range(v, 4, &lo, &hi));
	assert_int_equal(lo, 100);
	assert_int_equal(hi, 300);
	assert_false(chart_range(none, 2, &lo, &hi));
	assert_int_equal(lo, SNAP_NA);
}

/* A rising series, two rows high: the top row holds only the upper half. */
static void
test_rows(void **state)
{
	const int64_t v[5] = {0, 4, 8, 12, 16};
	char buf[64];

	(void)state;
	assert_int_equal(chart_row(v, 5, 0, 16, 2, 1, true, buf, sizeof buf),
	                 5);
	assert_string_equal(buf, ".:###");
	chart_row(v, 5, 0, 16, 2, 0, true, buf, sizeof buf);
	assert_string_equal(buf, "   :#");
	assert_int_equal(chart_row(v, 5, 0, 16, 2, 0, false, buf, sizeof buf),
	                 3 + 3 * 2);
	assert_string_equal(buf, "   \xe2\x96\x84\xe2\x96\x88");
}

/* Flat: one eighth on the bottom row; unknown: a blank column. */
static void
test_flat_gap(void **state)
{
	const int64_t v[3] = {7, SNAP_NA, 7};
	char buf[16];

	(void)state;
	chart_row(v, 3, 7, 7, 3, 2, true, buf, sizeof buf);
	assert_string_equal(buf, ". .");
	chart_row(v, 3, 7, 7, 3, 0, true, buf, sizeof buf);
	assert_string_equal(buf, "   ");
	/* a row past the height is empty; no glyph is cut */
	assert_int_equal(chart_row(v, 3, 7, 7, 3, 3, true, buf, sizeof buf), 0);
	assert_int_equal(chart_row(v, 3, 7, 7, 1, 0, false, buf, 5), 4);
}

/* Run the chart tests. */
int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_range),
	    cmocka_unit_test(test_rows),
	    cmocka_unit_test(test_flat_gap),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
