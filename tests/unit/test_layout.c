/* Unit tests for the dashboard geometry (model/layout.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "model/layout.h"

/* A terminal size and the whole geometry it must give. */
struct geometry_case {
	int rows, cols, header_columns;
	/* y, x, h, w of header, victim, tabs, table, log, status, fkeys, body
	 */
	int rect[8][4];
};

/* One size a case. */
/* clang-format off */
static const struct geometry_case geometry_cases[] = {
    /* 40 - 4 - 1 - 1 - 2 = 32 rows: a third (10) for the log */
    {40, 120, 2, {{0, 0, 4, 120}, {4, 0, 1, 120}, {5, 0, 1, 120},
                  {6, 0, 22, 120}, {28, 0, 10, 120}, {38, 0, 1, 120},
                  {39, 0, 1, 120}, {6, 0, 32, 120}}},
    /* one column of meters; 24 - 6 - 1 - 1 - 2 = 14 rows: 4 for the log,
     * 10 for the table */
    {24, 80, 1, {{0, 0, 6, 80}, {6, 0, 1, 80}, {7, 0, 1, 80},
                 {8, 0, 10, 80}, {18, 0, 4, 80}, {22, 0, 1, 80},
                 {23, 0, 1, 80}, {8, 0, 14, 80}}},
};
/* clang-format on */

/* Every rectangle of the layout of each geometry case. */
static void
test_geometry(void **state)
{
	const struct geometry_case *c;
	struct layout l;
	(void)state;
	for (c = geometry_cases;
	     c < geometry_cases + sizeof geometry_cases / sizeof *c; c++) {
		layout_compute(&l, c->rows, c->cols);
		const struct layout_rect *got[8] = {
		    &l.header, &l.victim, &l.tabs,  &l.table,
		    &l.log,    &l.status, &l.fkeys, &l.body};
		assert_false(l.too_small);
		assert_int_equal(l.header_columns, c->header_columns);
		for (size_t i = 0; i < 8; i++) {
			assert_int_equal(got[i]->y, c->rect[i][0]);
			assert_int_equal(got[i]->x, c->rect[i][1]);
			assert_int_equal(got[i]->h, c->rect[i][2]);
			assert_int_equal(got[i]->w, c->rect[i][3]);
		}
	}
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
	    cmocka_unit_test(test_geometry),
	    cmocka_unit_test(test_minimum_size),
	    cmocka_unit_test(test_degenerate_sizes),
	    cmocka_unit_test(test_every_size_tiles_the_screen),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
