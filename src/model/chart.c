/* chart.c: a column chart in text rows (see chart.h). */
#include "model/chart.h"

#include <string.h>

#include "model/snapshot.h"

/* The eighths of a cell, empty to full (U+2581..U+2588 after a blank). */
static const char *const blocks[9] = {
    " ",
    "\xe2\x96\x81",
    "\xe2\x96\x82",
    "\xe2\x96\x83",
    "\xe2\x96\x84",
    "\xe2\x96\x85",
    "\xe2\x96\x86",
    "\xe2\x96\x87",
    "\xe2\x96\x88",
};
/* The same in ASCII: a blank, '.' (1-3 eighths), ':' (4-7), '#' (full). */
static const char ascii_blocks[9] = " ...::::#";

/* The lowest and highest known values (see chart.h). */
bool
chart_range(const int64_t *v, size_t n, int64_t *lo, int64_t *hi)
{
	bool any = false;

	*lo = *hi = SNAP_NA;
	for (size_t i = 0; i < n; i++) {
		if (v[i] < 0)
			continue;
		if (!any || v[i] < *lo)
			*lo = v[i];
		if (!any || v[i] > *hi)
			*hi = v[i];
		any = true;
	}
	return any;
}

/* The lowest low and the highest high (see chart.h). */
bool
chart_bounds(const int64_t *low, const int64_t *high, size_t n, int64_t *lo,
             int64_t *hi)
{
	int64_t unused;

	if (!chart_range(low, n, lo, &unused) ||
	    !chart_range(high, n, &unused, hi)) {
		*lo = *hi = SNAP_NA;
		return false;
	}
	return true;
}

/* The height of value x in eighths of a cell (1..8 * height; 0 unknown). */
static size_t
eighths(int64_t x, int64_t lo, int64_t hi, size_t height)
{
	size_t full = height * 8, e;

	if (x < 0)
		return 0;
	if (hi <= lo)
		return 1;
	if (x <= lo)
		return 1;
	if (x >= hi)
		return full;
	e = (size_t)((double)(x - lo) / (double)(hi - lo) * (double)full + 0.5);
	return e < 1 ? 1 : e;
}

/* The eighths of a cell column i fills in the row whose bottom is base
 * eighths up: from the bottom of the cell its lowest value is in to its
 * highest value, reaching to a known previous column's range so the line
 * is unbroken (0..8; a gap: 0). */
static size_t
column_cell(const int64_t *low, const int64_t *high, size_t i, int64_t lo,
            int64_t hi, size_t height, size_t base)
{
	int64_t from, to, prev_from;
	size_t e_lo, e_hi;

	if (high[i] < 0)
		return 0;
	to = high[i];
	from = low[i] < 0 || low[i] > to ? to : low[i];
	if (i > 0 && high[i - 1] >= 0) {
		prev_from = low[i - 1] < 0 ? high[i - 1] : low[i - 1];
		if (from > high[i - 1]) /* a rise from the previous column */
			from = high[i - 1];
		if (to < prev_from) /* a fall from it */
			to = prev_from;
	}
	e_hi = eighths(to, lo, hi, height);
	e_lo = eighths(from, lo, hi, height);
	if (e_hi <= base || (e_lo - 1) / 8 * 8 > base)
		return 0; /* above its top, or below its lowest value's cell */
	return e_hi - base > 8 ? 8 : e_hi - base;
}

/* One row of the chart (see chart.h). */
size_t
chart_row(const int64_t *low, const int64_t *high, size_t n, int64_t lo,
          int64_t hi, size_t height, size_t row, bool ascii, char *buf,
          size_t size)
{
	size_t used = 0, base, cell, len;
	const char *g;
	char one[2] = {0, 0};

	if (size == 0)
		return 0;
	buf[0] = '\0';
	if (height == 0 || height > CHART_ROWS_MAX || row >= height)
		return 0;
	base = (height - 1 - row) * 8; /* eighths below this row */
	for (size_t i = 0; i < n; i++) {
		cell = column_cell(low, high, i, lo, hi, height, base);
		if (ascii) {
			one[0] = ascii_blocks[cell];
			g = one;
		} else {
			g = blocks[cell];
		}
		len = strlen(g);
		if (used + len >= size)
			break;
		memcpy(buf + used, g, len);
		used += len;
	}
	buf[used] = '\0';
	return used;
}

/* The time of point q on the chosen clock. */
static int64_t
point_ms(const struct hist_point *q, bool wall)
{
	return wall ? q->wall_ms : (int64_t)q->mono_ms;
}

/* The slot after point i - 1's for point i: the same at the same time,
 * the next at a later one, and past a slot of its own (blank) when point
 * i follows a gap. */
static size_t
next_slot(const struct hist_point *p, size_t i, size_t slot)
{
	if (i == 0)
		return 0;
	if (p[i].gap)
		return slot + 2;
	return slot + (p[i].mono_ms != p[i - 1].mono_ms);
}

/* How many slots p[0..n) takes: one a distinct time (consecutive equal
 * ones count once) and one for each gap. */
static size_t
slots(const struct hist_point *p, size_t n)
{
	size_t slot = 0;

	for (size_t i = 0; i < n; i++)
		slot = next_slot(p, i, slot);
	return n > 0 ? slot + 1 : 0;
}

/* The columns n points take (see chart.h). */
size_t
chart_ncols(const struct hist_point *p, size_t n, size_t cols)
{
	size_t k = slots(p, n);

	return k < cols ? k : cols;
}

/* The lowest and highest known value of each column; a column holding a
 * gap's slot is blank (see chart.h). */
void
chart_fill(const struct hist_point *p, size_t n, size_t ncols, int64_t *low,
           int64_t *high)
{
	size_t k = slots(p, n), slot = 0, c;

	for (c = 0; c < ncols; c++)
		low[c] = high[c] = SNAP_NA;
	if (ncols == 0)
		return;
	for (size_t i = 0; i < n; i++) {
		slot = next_slot(p, i, slot);
		c = slot * ncols / k;
		if (c >= ncols || p[i].value < 0)
			continue;
		if (low[c] < 0 || p[i].value < low[c])
			low[c] = p[i].value;
		if (p[i].value > high[c])
			high[c] = p[i].value;
	}
	for (size_t i = 0, s = 0; i < n; i++) { /* then blank the gaps */
		s = next_slot(p, i, s);
		c = (s - 1) * ncols / k;
		if (i > 0 && p[i].gap && c < ncols)
			low[c] = high[c] = SNAP_NA;
	}
}

/* The column of a time inside the span (see chart.h). */
long
chart_time_col(const struct hist_point *p, size_t n, size_t ncols,
               int64_t at_ms, bool wall)
{
	size_t slot = 0;

	if (n == 0 || ncols == 0 || at_ms < point_ms(&p[0], wall) ||
	    at_ms > point_ms(&p[n - 1], wall))
		return -1;
	for (size_t i = 0; i < n; i++) {
		slot = next_slot(p, i, slot);
		if (point_ms(&p[i], wall) >= at_ms)
			break;
	}
	return (long)(slot * ncols / slots(p, n));
}

/* A blank row with marks (see chart.h). */
size_t
chart_marks(const size_t *cols, size_t n, size_t ncols, char mark, char *buf,
            size_t size)
{
	size_t len;

	if (size == 0)
		return 0;
	len = ncols < size - 1 ? ncols : size - 1;
	memset(buf, ' ', len);
	buf[len] = '\0';
	for (size_t i = 0; i < n; i++) {
		if (cols[i] < len)
			buf[cols[i]] = mark;
	}
	return len;
}
