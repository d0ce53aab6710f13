/*
 * Unit tests for model/chart.c: the range of known values, rows of a
 * rising series in ASCII and Unicode, range columns (a sawtooth's columns
 * reach its troughs), a flat series on the bottom row,
 * unknown values as blank columns, a short buffer; points flagged gap as
 * blank columns nothing joins across; points into columns
 * (one a distinct time, spread when there are more), and times onto the
 * columns: both edges of the span inside, a time just outside not, on
 * either clock; a row of marks.
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

/* A rising series, one value a column, two rows high: each column reaches
 * from the previous value up to its own (the top end in eighths), an
 * unbroken line, not a bar from the bottom. */
static void
test_rows(void **state)
{
	const int64_t v[5] = {0, 4, 8, 12, 16};
	const int64_t none[5] = {SNAP_NA, SNAP_NA, SNAP_NA, SNAP_NA, SNAP_NA};
	char buf[64];

	(void)state;
	assert_int_equal(chart_row(v, v, 5, 0, 16, 2, 1, true, buf, sizeof buf),
	                 5);
	assert_string_equal(buf, ".:## ");
	chart_row(v, v, 5, 0, 16, 2, 0, true, buf, sizeof buf);
	assert_string_equal(buf, "   :#");
	assert_int_equal(
	    chart_row(v, v, 5, 0, 16, 2, 0, false, buf, sizeof buf), 3 + 3 * 2);
	assert_string_equal(buf, "   \xe2\x96\x84\xe2\x96\x88");
	/* no lows (SNAP_NA): each column is its high alone */
	chart_row(none, v, 5, 0, 16, 2, 1, true, buf, sizeof buf);
	assert_string_equal(buf, ".:## ");
}

/* A range column is solid from its low's cell to its high: a column
 * holding a trough and a peak reaches both; after a fall it reaches up to
 * the previous column's low. */
static void
test_range_columns(void **state)
{
	const int64_t low[3] = {0, 9, 0}, high[3] = {32, 20, 5};
	char buf[16];

	(void)state;
	/* four rows of 8 eighths: 0..32 */
	chart_row(low, high, 3, 0, 32, 4, 0, true, buf, sizeof buf);
	assert_string_equal(buf, "#  "); /* only the first reaches the top */
	chart_row(low, high, 3, 0, 32, 4, 1, true, buf, sizeof buf);
	assert_string_equal(buf, "#: "); /* 20: half of the third cell */
	chart_row(low, high, 3, 0, 32, 4, 2, true, buf, sizeof buf);
	assert_string_equal(buf, "##."); /* the third joins up to 9 */
	chart_row(low, high, 3, 0, 32, 4, 3, true, buf, sizeof buf);
	assert_string_equal(buf, "# #"); /* nothing of the second below 8 */
}

/* A sawtooth 1, 4, 12, 20, ... (MB): with two points a column, a whole
 * tooth a column and a point a column, every column reaches down to its
 * trough and up to its peak, so the teeth stay visible; the scale is the
 * whole range. */
static void
test_sawtooth(void **state)
{
	static const int64_t tooth[4] = {1024, 4096, 12288, 20480};
	struct hist_point p[16];
	int64_t low[16], high[16], lo, hi;
	char buf[64];

	(void)state;
	for (size_t i = 0; i < 16; i++) {
		p[i].mono_ms = 1000 * (uint64_t)(i + 1);
		p[i].wall_ms = 1000000000000 + (int64_t)p[i].mono_ms;
		p[i].value = tooth[i % 4];
		p[i].gap = false;
	}
	chart_fill(p, 16, 8, low, high); /* 2 points a column */
	for (size_t c = 0; c < 8; c++) {
		assert_int_equal(low[c], c % 2 ? 12288 : 1024);
		assert_int_equal(high[c], c % 2 ? 20480 : 4096);
	}
	chart_fill(p, 16, 4, low, high); /* a whole tooth a column */
	for (size_t c = 0; c < 4; c++) {
		assert_int_equal(low[c], 1024);
		assert_int_equal(high[c], 20480);
	}
	assert_true(chart_bounds(low, high, 4, &lo, &hi));
	assert_int_equal(lo, 1024);
	assert_int_equal(hi, 20480);
	chart_row(low, high, 4, lo, hi, 4, 3, true, buf, sizeof buf);
	assert_string_equal(buf, "####"); /* down to the troughs */
	/* one point a column: each rise joins up from the value before, each
	 * fall is a full column; the peak's column leaves the bottom blank */
	chart_fill(p, 16, 16, low, high);
	assert_true(chart_bounds(low, high, 16, &lo, &hi));
	assert_int_equal(lo, 1024);
	chart_row(low, high, 16, lo, hi, 4, 3, true, buf, sizeof buf);
	assert_string_equal(buf, ".:# #:# #:# #:# ");
	chart_row(low, high, 16, lo, hi, 4, 0, true, buf, sizeof buf);
	assert_string_equal(buf, "   ##  ##  ##  #");
	/* a gap is blank and nothing joins across it */
	low[4] = high[4] = SNAP_NA;
	chart_row(low, high, 16, lo, hi, 4, 3, true, buf, sizeof buf);
	assert_string_equal(buf, ".:#  :# #:# #:# ");
}

/* Flat: one eighth on the bottom row; unknown: a blank column. */
static void
test_flat_gap(void **state)
{
	const int64_t v[3] = {7, SNAP_NA, 7};
	char buf[16];

	(void)state;
	chart_row(v, v, 3, 7, 7, 3, 2, true, buf, sizeof buf);
	assert_string_equal(buf, ". .");
	chart_row(v, v, 3, 7, 7, 3, 0, true, buf, sizeof buf);
	assert_string_equal(buf, "   ");
	/* a row past the height is empty; no glyph is cut */
	assert_int_equal(chart_row(v, v, 3, 7, 7, 3, 3, true, buf, sizeof buf),
	                 0);
	assert_int_equal(chart_row(v, v, 3, 7, 7, 1, 0, false, buf, 5), 4);
}

/* n points from time t0_ms a step_ms apart (wall: 1e12 later), values
 * 100, 200, ... */
static void
points(struct hist_point *p, size_t n, uint64_t t0_ms, uint64_t step_ms)
{
	for (size_t i = 0; i < n; i++) {
		p[i].mono_ms = t0_ms + i * step_ms;
		p[i].wall_ms = 1000000000000 + (int64_t)p[i].mono_ms;
		p[i].value = 100 * (int64_t)(i + 1);
		p[i].gap = false;
	}
}

/* Few points: a column each; many: spread, the lowest and highest of each
 * column; points at one time: one column. */
static void
test_columns(void **state)
{
	struct hist_point p[10];
	int64_t low[10], high[10];

	(void)state;
	points(p, 3, 1000, 1000);
	p[1].value = SNAP_NA;
	assert_int_equal(chart_ncols(p, 3, 74), 3);
	chart_fill(p, 3, 3, low, high);
	assert_int_equal(low[0], 100);
	assert_int_equal(high[0], 100);
	assert_int_equal(low[1], SNAP_NA); /* unknown: a blank column */
	assert_int_equal(high[1], SNAP_NA);
	assert_int_equal(high[2], 300);
	points(p, 10, 1000, 1000);
	assert_int_equal(chart_ncols(p, 10, 4), 4);
	chart_fill(p, 10, 4, low, high); /* points 0-2, 3-4, 5-7, 8-9 */
	assert_int_equal(low[0], 100);
	assert_int_equal(high[0], 300);
	assert_int_equal(low[1], 400);
	assert_int_equal(high[1], 500);
	assert_int_equal(low[2], 600);
	assert_int_equal(high[2], 800);
	assert_int_equal(low[3], 900);
	assert_int_equal(high[3], 1000);
	/* a frozen clock: every point at one time is one column */
	points(p, 10, 5000, 0);
	assert_int_equal(chart_ncols(p, 10, 74), 1);
	chart_fill(p, 10, 1, low, high);
	assert_int_equal(low[0], 100);
	assert_int_equal(high[0], 1000);
	assert_int_equal(chart_ncols(p, 0, 74), 0);
	assert_int_equal(chart_ncols(p, 10, 0), 0);
}

/* A point flagged gap: a blank column before it, and the columns either
 * side are not joined, whether one point a column or spread; a time after
 * the gap goes to the column past the blank one. */
static void
test_gap_points(void **state)
{
	struct hist_point p[10];
	int64_t low[10], high[10];
	char buf[32];

	(void)state;
	points(p, 4, 1000, 1000); /* 100 200 | 300 400 */
	p[2].mono_ms += 8000;     /* an 8 s pause */
	p[3].mono_ms += 8000;
	p[2].gap = true;
	assert_int_equal(chart_ncols(p, 4, 74), 5);
	chart_fill(p, 4, 5, low, high);
	assert_int_equal(high[1], 200);
	assert_int_equal(low[2], SNAP_NA);
	assert_int_equal(high[2], SNAP_NA);
	assert_int_equal(low[3], 300);
	/* the bottom row: the column after the gap is not joined down */
	chart_row(low, high, 5, 100, 400, 4, 3, true, buf, sizeof buf);
	assert_string_equal(buf, ".#   ");
	assert_int_equal(chart_time_col(p, 4, 5, 2000, false), 1);
	assert_int_equal(chart_time_col(p, 4, 5, 2001, false), 3);
	/* spread: 10 points (11 slots) over 4 columns; the gap's column is
	 * blank, its neighbours keep their own points */
	points(p, 10, 1000, 1000);
	p[5].gap = true;
	assert_int_equal(chart_ncols(p, 10, 4), 4);
	chart_fill(p, 10, 4, low, high); /* slots 0-2, 3-5, 6-8, 9-10 */
	assert_int_equal(high[0], 300);
	assert_int_equal(low[1], SNAP_NA); /* slot 5 is the gap */
	assert_int_equal(low[2], 600);
	assert_int_equal(high[3], 1000);
	/* a gap on the first point has nothing before it */
	points(p, 3, 1000, 1000);
	p[0].gap = true;
	assert_int_equal(chart_ncols(p, 3, 74), 3);
}

/* Times onto columns: the span's edges are inside, a millisecond beyond
 * either edge is not; between two points a time goes to the later one. */
static void
test_time_col(void **state)
{
	struct hist_point p[10];
	const int64_t wall0 = 1000000000000 + 1000;

	(void)state;
	points(p, 10, 1000, 1000); /* 1000 .. 10000 */
	assert_int_equal(chart_time_col(p, 10, 10, 1000, false), 0);
	assert_int_equal(chart_time_col(p, 10, 10, 10000, false), 9);
	assert_int_equal(chart_time_col(p, 10, 10, 999, false), -1);
	assert_int_equal(chart_time_col(p, 10, 10, 10001, false), -1);
	assert_int_equal(chart_time_col(p, 10, 10, 4500, false), 4);
	assert_int_equal(chart_time_col(p, 10, 10, 4000, false), 3);
	/* spread over 4 columns as test_columns: point 4 is in column 1 */
	assert_int_equal(chart_time_col(p, 10, 4, 4500, false), 1);
	assert_int_equal(chart_time_col(p, 10, 4, 10000, false), 3);
	/* the wall clock the same way */
	assert_int_equal(chart_time_col(p, 10, 10, wall0, true), 0);
	assert_int_equal(chart_time_col(p, 10, 10, wall0 + 9000, true), 9);
	assert_int_equal(chart_time_col(p, 10, 10, wall0 - 1, true), -1);
	assert_int_equal(chart_time_col(p, 10, 10, wall0 + 9001, true), -1);
	/* nothing charted: nothing inside */
	assert_int_equal(chart_time_col(p, 0, 10, 1000, false), -1);
	/* a frozen clock: its one time is the one column */
	points(p, 10, 5000, 0);
	assert_int_equal(chart_time_col(p, 10, 1, 5000, false), 0);
	assert_int_equal(chart_time_col(p, 10, 1, 5001, false), -1);
}

/* A row of marks: blank but for the columns given, none past the width. */
static void
test_marks(void **state)
{
	const size_t cols[3] = {0, 4, 9};
	char buf[16];

	(void)state;
	assert_int_equal(chart_marks(cols, 3, 6, 'K', buf, sizeof buf), 6);
	assert_string_equal(buf, "K   K ");
	assert_int_equal(chart_marks(cols, 3, 10, '^', buf, 4), 3);
	assert_string_equal(buf, "^  ");
	assert_int_equal(chart_marks(cols, 0, 2, 'K', buf, sizeof buf), 2);
	assert_string_equal(buf, "  ");
}

/* Run the chart tests. */
int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_range),
	    cmocka_unit_test(test_rows),
	    cmocka_unit_test(test_range_columns),
	    cmocka_unit_test(test_sawtooth),
	    cmocka_unit_test(test_flat_gap),
	    cmocka_unit_test(test_columns),
	    cmocka_unit_test(test_gap_points),
	    cmocka_unit_test(test_time_col),
	    cmocka_unit_test(test_marks),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
