/*
 * chart: a column chart of one series, several text rows high, for the
 * process detail screen (RSS, anon, swap over a process's history).
 * Pure: no I/O.
 *
 *   chart_range(vals, n, &lo, &hi);
 *   for (row = 0; row < height; row++)
 *           chart_row(vals, n, lo, hi, height, row, ascii, buf, sizeof buf);
 *
 * Each value is one column: its height above lo, scaled so hi fills every
 * row, in eighths of a cell (Unicode U+2581..U+2588) or in ASCII ('#' a
 * full cell, '.' and ':' a partial one, for the C locale). A known value
 * is at least one eighth high; an unknown one (SNAP_NA) is a blank column:
 * a gap is never drawn as data.
 */
#ifndef OOMWATCH_MODEL_CHART_H
#define OOMWATCH_MODEL_CHART_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The most rows a chart has. */
#define CHART_ROWS_MAX 32

/* The lowest and highest known values of v[0..n) into *lo and *hi;
 * false (both SNAP_NA) when none is known. */
bool chart_range(const int64_t *v, size_t n, int64_t *lo, int64_t *hi);

/*
 * Row row (0 = the top one) of a chart height rows high (1..
 * CHART_ROWS_MAX) of v[0..n), scaled from lo to hi, into buf (NUL
 * terminated; a glyph is 3 bytes in UTF-8, 1 in ASCII). Stops before a
 * glyph that does not fit. Returns the bytes written.
 */
size_t chart_row(const int64_t *v, size_t n, int64_t lo, int64_t hi,
                 size_t height, size_t row, bool ascii, char *buf, size_t size);

#endif
