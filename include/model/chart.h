/*
 * chart: a column chart of one series, several text rows high, for the
 * process detail screen (RSS, anon, swap over a process's history).
 * Pure: no I/O.
 *
 *   chart_bounds(low, high, n, &lo, &hi);
 *   for (row = 0; row < height; row++)
 *           chart_row(low, high, n, lo, hi, height, row, ascii, buf,
 *                     sizeof buf);
 *
 * Each column shows the range of its values: solid from the bottom of the
 * cell its lowest value falls in up to its highest value, scaled so hi
 * fills every row, the top end in eighths of a cell (Unicode
 * U+2581..U+2588) or in ASCII ('#' a full cell, '.' and ':' a partial
 * one, for the C locale); the bottom end is rounded down to a whole cell.
 * A column holding a trough and a peak reaches both, so a sawtooth shows
 * its teeth; a column also reaches to the previous column's range (down to
 * its highest value after a rise, up to its lowest after a fall), so a
 * series of one value a column draws as an unbroken line, not as loose
 * cells. A known value is at least one eighth high; an unknown column
 * (SNAP_NA) is blank and is not joined to: a gap is never drawn as data.
 *
 * The columns come from a series' points (model/history.h, oldest first,
 * times never decreasing): points at one time share a column (a frozen
 * clock draws one), and the distinct times spread evenly over at most the
 * columns there are, each column holding the lowest and the highest known
 * value of its points. A point flagged gap (the data before it is not
 * continuous) takes a slot of its own before it, and the column that slot
 * falls in is blank (its own points too, when the columns are spread), so
 * a gap is a blank column and nothing joins across it:
 *
 *   ncols = chart_ncols(p, n, width);
 *   chart_fill(p, n, ncols, low, high);
 *   col = chart_time_col(p, n, ncols, kill_ms, false);   -1: not charted
 */
#ifndef OOMWATCH_MODEL_CHART_H
#define OOMWATCH_MODEL_CHART_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "model/history.h"

/* The most rows a chart has. */
#define CHART_ROWS_MAX 32

/* The lowest and highest known values of v[0..n) into *lo and *hi;
 * false (both SNAP_NA) when none is known. */
bool chart_range(const int64_t *v, size_t n, int64_t *lo, int64_t *hi);

/* The lowest of low[0..n) into *lo and the highest of high[0..n) into *hi
 * (a chart's scale: the range of every value charted); false (both
 * SNAP_NA) when none is known. */
bool chart_bounds(const int64_t *low, const int64_t *high, size_t n,
                  int64_t *lo, int64_t *hi);

/*
 * Row row (0 = the top one) of a chart height rows high (1..
 * CHART_ROWS_MAX) of the n columns from low[i] to high[i] (low[i] SNAP_NA:
 * high[i] alone; joined to column i - 1 as above), scaled from lo to hi,
 * into buf (NUL terminated; a glyph
 * is 3 bytes in UTF-8, 1 in ASCII). Stops before a glyph that does not
 * fit. Returns the bytes written.
 */
size_t chart_row(const int64_t *low, const int64_t *high, size_t n, int64_t lo,
                 int64_t hi, size_t height, size_t row, bool ascii, char *buf,
                 size_t size);

/* The columns n points take in a chart at most cols wide: one a distinct
 * time and one a gap, at most cols (0 when n or cols is 0). */
size_t chart_ncols(const struct hist_point *p, size_t n, size_t cols);

/* The lowest and the highest known value of each of ncols columns' points
 * into low[0..ncols) and high[0..ncols) (SNAP_NA: none known, or a gap). */
void chart_fill(const struct hist_point *p, size_t n, size_t ncols,
                int64_t *low, int64_t *high);

/*
 * The column (0..ncols-1) of the first point at or after time at_ms (the
 * points' wall clock when wall, else their monotonic one), or -1 when
 * at_ms is before the first point or after the last: a time is charted
 * only inside the span, both ends included.
 */
long chart_time_col(const struct hist_point *p, size_t n, size_t ncols,
                    int64_t at_ms, bool wall);

/*
 * A row of ncols cells, blank but for mark in each of the n columns
 * cols[] (those past ncols are left out), into buf (NUL terminated; mark
 * is one printable ASCII character). Stops at size - 1 bytes. Returns
 * the bytes written.
 */
size_t chart_marks(const size_t *cols, size_t n, size_t ncols, char mark,
                   char *buf, size_t size);

#endif
