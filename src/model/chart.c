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

/* One row of the chart (see chart.h). */
size_t
chart_row(const int64_t *v, size_t n, int64_t lo, int64_t hi, size_t height,
          size_t row, bool ascii, char *buf, size_t size)
{
	size_t used = 0, base, e, cell, len;
	const char *g;
	char one[2] = {0, 0};

	if (size == 0)
		return 0;
	buf[0] = '\0';
	if (height == 0 || height > CHART_ROWS_MAX || row >= height)
		return 0;
	base = (height - 1 - row) * 8; /* eighths below this row */
	for (size_t i = 0; i < n; i++) {
		e = eighths(v[i], lo, hi, height);
		cell = e <= base ? 0 : (e - base > 8 ? 8 : e - base);
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
