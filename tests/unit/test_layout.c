/* Unit tests for the dashboard geometry (model/layout.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "model/layout.h"

#define RECT_EQ(r, Y, X, H, W)                                                 \
	do {                                                                   \
		assert_int_equal((r).y, Y);                                    \
		assert_int_equal((r).x, X);                                    \
		assert_int_equal((r).h, H);                                    \
		assert_int_equal((r).w, W);                                    \
	} while (0)

static void
test_120x40(void **state)
{
	struct layout l;
	(void)state;
	layout_compute(&l, 40, 120);
	assert_false(l.too_small);
	assert_int_equal(l.header_columns, 2);
	RECT_EQ(l.header, 0, 0, 4, 120);
	RECT_EQ(l.victim, 4, 0, 1, 120);
	RECT_EQ(l.tabs, 5, 0, 1, 120);
	/* 40 - 4 - 1 - 1 - 2 = 32 rows: a third (10) for the log */
	RECT_EQ(l.table, 6, 0, 22, 120);
	RECT_EQ(l.log, 28, 0, 10, 120);
	RECT_EQ(l.status, 38, 0, 1, 120);
	RECT_EQ(l.fkeys, 39, 0, 1, 120);
	RECT_EQ(l.body, 6, 0, 32, 120);
}

static void
test_80x24_one_column(void **state)
{
	struct layout l;
	(void)state;
	layout_compute(&l, 24, 80);
	assert_false(l.too_small);
	assert_int_equal(l.header_columns, 1);
	RECT_EQ(l.header, 0, 0, 6, 80);
	RECT_EQ(l.victim, 6, 0, 1, 80);
	RECT_EQ(l.tabs, 7, 0, 1, 80);
	/* 24 - 6 - 1 - 1 - 2 = 14 rows: 4 for the log, 10 for the table */
	RECT_EQ(l.table, 8, 0, 10, 80);
	RECT_EQ(l.log, 18, 0, 4, 80);
	RECT_EQ(l.fkeys, 23, 0, 1, 80);
}

static void
test_minimum_size(void **state)
{
	struct layout l;
	(void)state;
	layout_compute(&l, LAYOUT_MIN_ROWS, LAYOUT_MIN_COLS);
	assert_false(l.too_small);
	assert_int_equal(l.header.h, 3);
	assert_int_equal(l.tabs.h, 1);
	assert_true(l.table.h >= 3);
	assert_int_equal(l.log.h, 0);
	assert_false(layout_rect_visible(&l.log));
	/* a tall narrow terminal shows every meter in one column */
	layout_compute(&l, 40, 80);
	assert_int_equal(l.header.h, LAYOUT_HEADER_ITEMS);
	layout_compute(&l, LAYOUT_MIN_ROWS - 1, LAYOUT_MIN_COLS);
	assert_true(l.too_small);
	layout_compute(&l, LAYOUT_MIN_ROWS, LAYOUT_MIN_COLS - 1);
	assert_true(l.too_small);
	assert_int_equal(l.need_cols, LAYOUT_MIN_COLS);
	assert_int_equal(l.need_rows, LAYOUT_MIN_ROWS);
}

static void
test_degenerate_sizes(void **state)
{
	struct layout l;
	static const int sizes[][2] = {{1, 1},   {0, 0},   {-5, -7}, {5, 10},
	                               {1, 500}, {500, 1}, {-1, 120}};
	(void)state;
	for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
		layout_compute(&l, sizes[i][0], sizes[i][1]);
		assert_true(l.too_small);
		assert_true(l.rows >= 0 && l.cols >= 0);
		assert_false(layout_rect_visible(&l.table));
		assert_false(layout_rect_visible(&l.header));
	}
}

/* Check that r is inside the screen and has no negative size. */
static void
inside(const struct layout_rect *r, int rows, int cols)
{
	assert_true(r->h >= 0 && r->w >= 0 && r->y >= 0 && r->x >= 0);
	if (r->h > 0) {
		assert_true(r->y + r->h <= rows);
		assert_true(r->x + r->w <= cols);
	}
}

static void
test_every_size_tiles_the_screen(void **state)
{
	struct layout l;
	(void)state;
	for (int rows = -2; rows <= 120; rows++) {
		for (int cols = -2; cols <= 260; cols += 3) {
			layout_compute(&l, rows, cols);
			if (l.too_small)
				continue;
			const struct layout_rect *stack[] = {
			    &l.header, &l.victim, &l.tabs, &l.table,
			    &l.log,    &l.status, &l.fkeys};
			int y = 0;
			for (size_t i = 0; i < 7; i++) {
				inside(stack[i], rows, cols);
				if (stack[i]->h == 0)
					continue;
				/* stacked, no gap, no overlap */
				assert_int_equal(stack[i]->y, y);
				assert_int_equal(stack[i]->w, cols);
				y += stack[i]->h;
			}
			assert_int_equal(y, rows);
			assert_true(l.table.h >= 3);
			assert_int_equal(l.tabs.h, 1);
			assert_int_equal(l.body.y, l.tabs.y + 1);
			assert_int_equal(l.fkeys.y, rows - 1);
			assert_int_equal(l.header_columns,
			                 cols >= LAYOUT_WIDE_COLS ? 2 : 1);
		}
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_120x40),
	    cmocka_unit_test(test_80x24_one_column),
	    cmocka_unit_test(test_minimum_size),
	    cmocka_unit_test(test_degenerate_sizes),
	    cmocka_unit_test(test_every_size_tiles_the_screen),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
