/*
 * layout.c: terminal size -> pane rectangles (see layout.h). The header
 * takes 4 lines in two columns on wide terminals; in one column on narrow
 * ones it takes 8, 6 or 3 lines as the height allows (the drawer shows
 * the most important meters first); the log pane gets a third of what is
 * left once the table has room, the table the rest.
 */
#include "model/layout.h"

#include <string.h>

/* A full-width band of h rows starting at row y. */
static struct layout_rect
band(int y, int h, int cols)
{
	struct layout_rect r = {y, 0, h, cols};

	if (h <= 0)
		r.h = r.w = 0;
	return r;
}

/* Compute the layout for a rows x cols terminal. */
void
layout_compute(struct layout *l, int rows, int cols)
{
	int header_h, avail, log_h, y;

	memset(l, 0, sizeof *l);
	l->rows = rows > 0 ? rows : 0;
	l->cols = cols > 0 ? cols : 0;
	l->need_cols = LAYOUT_MIN_COLS;
	l->need_rows = LAYOUT_MIN_ROWS;
	l->header_columns = 1;
	if (l->rows < LAYOUT_MIN_ROWS || l->cols < LAYOUT_MIN_COLS) {
		l->too_small = true;
		return;
	}
	if (l->cols >= LAYOUT_WIDE_COLS) {
		l->header_columns = 2;
		header_h = (LAYOUT_HEADER_ITEMS + 1) / 2;
	} else {
		if (l->rows < 20)
			header_h = 3;
		else if (l->rows < 30)
			header_h = 6;
		else
			header_h = LAYOUT_HEADER_ITEMS;
	}
	/* header, victim line, tab line, then status and function keys at
	 * the end */
	avail = l->rows - header_h - 1 - 1 - 2;
	log_h = avail >= 12 ? avail / 3 : 0;
	y = 0;
	l->header = band(y, header_h, l->cols);
	y += header_h;
	l->victim = band(y, 1, l->cols);
	y += 1;
	l->tabs = band(y, 1, l->cols);
	y += 1;
	l->table = band(y, avail - log_h, l->cols);
	y += avail - log_h;
	l->log = band(y, log_h, l->cols);
	y += log_h;
	l->status = band(y, 1, l->cols);
	l->fkeys = band(y + 1, 1, l->cols);
	l->body = band(l->table.y, l->table.h + l->log.h, l->cols);
}

/* True when the rectangle has cells. */
bool
layout_rect_visible(const struct layout_rect *r)
{
	return r->h > 0 && r->w > 0;
}
