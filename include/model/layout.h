/*
 * layout: the dashboard's geometry, a pure function of the terminal size.
 *
 * From top to bottom: header meters, the next-victim line, the tab line
 * (the screens), the process table, the kernel-log pane, the status line
 * and the function-key bar.
 * Every rectangle is inside the screen, never has a negative size and
 * rectangles do not overlap; a pane that does not fit has height 0. Below
 * LAYOUT_MIN_COLS x LAYOUT_MIN_ROWS the layout says too_small and the
 * view shows "terminal too small (need WxH)" instead of the panes.
 */
#ifndef OOMWATCH_MODEL_LAYOUT_H
#define OOMWATCH_MODEL_LAYOUT_H

#include <stdbool.h>

#define LAYOUT_MIN_COLS 60
#define LAYOUT_MIN_ROWS 12
/* At this width and up the header meters sit in two columns. */
#define LAYOUT_WIDE_COLS 100
/* Header meter lines in one column (the drawer's item count). */
#define LAYOUT_HEADER_ITEMS 8

/* A screen rectangle in cells; h or w 0 means "not shown". */
struct layout_rect {
	int y, x, h, w;
};

/* Where every pane goes. */
struct layout {
	int rows, cols; /* the screen, clamped to >= 0 */
	bool too_small; /* below the minimum: only the message */
	int need_cols, need_rows;
	int header_columns; /* 1 or 2 columns of meters */
	struct layout_rect header, victim, tabs, table, log, status, fkeys;
	struct layout_rect body; /* table and log together (other screens) */
};

/* Compute the layout for a rows x cols terminal (any values, even <= 0). */
void layout_compute(struct layout *l, int rows, int cols);

/* True when the rectangle has cells to draw in. */
bool layout_rect_visible(const struct layout_rect *r);

#endif
