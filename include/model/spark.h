/*
 * spark: a sparkline, one glyph a cell, for the header's MemAvailable,
 * swap used and PSI some over the last 10 minutes. Pure: no I/O.
 *
 *   n = spark_bucket(pts, npts, now_ms, HIST_FINE_MS, cells, vals);
 *   spark_text(vals, cells, ascii, buf, sizeof buf);
 *
 * or, for a series whose worst is its highest and a scale of its own:
 *
 *   spark_bucket_pick(pts, npts, now_ms, HIST_FINE_MS, cells,
 *                     SPARK_HIGHEST, vals);
 *   spark_text_scaled(vals, cells, 0, hi, ascii, buf, sizeof buf);
 *
 * A cell with no known value is a blank: a gap is never drawn as data.
 */
#ifndef OOMWATCH_MODEL_SPARK_H
#define OOMWATCH_MODEL_SPARK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "model/history.h"

/* The most cells a sparkline has. */
#define SPARK_CELLS_MAX 64
/* The levels of the Unicode glyphs (U+2581..U+2588) and the ASCII ones
 * ("_.-=^#", for the C locale). */
#define SPARK_LEVELS 8
#define SPARK_ASCII_LEVELS 6

/* Which value of its points a cell keeps: the worst of the series. */
enum spark_pick {
	SPARK_LOWEST,  /* MemAvailable: less is worse */
	SPARK_HIGHEST, /* swap used, PSI: more is worse */
};

/*
 * Put the n points of p (oldest first) into cells (<= SPARK_CELLS_MAX)
 * equal time slots over (end_ms - span_ms, end_ms] (monotonic ms): each
 * cell gets the lowest known value of its points (for MemAvailable, the
 * worst), SNAP_NA when it has none. Returns how many cells hold a value.
 */
size_t spark_bucket(const struct hist_point *p, size_t n, uint64_t end_ms,
                    uint64_t span_ms, size_t cells, int64_t *out);

/* The same, each cell keeping the lowest or the highest of its points. */
size_t spark_bucket_pick(const struct hist_point *p, size_t n, uint64_t end_ms,
                         uint64_t span_ms, size_t cells, enum spark_pick pick,
                         int64_t *out);

/* The lowest and highest known of the n values into *lo and *hi; false
 * (and both 0) when none is known. */
bool spark_range(const int64_t *v, size_t n, int64_t *lo, int64_t *hi);

/*
 * The n values as glyphs into buf (NUL terminated; a glyph is 3 bytes in
 * UTF-8, 1 in ASCII): the known values' range scaled to the levels
 * (lowest to highest; a flat series is all lowest), SNAP_NA as a blank.
 * Stops before a glyph that does not fit. Returns the bytes written.
 */
size_t spark_text(const int64_t *v, size_t n, bool ascii, char *buf,
                  size_t size);

/*
 * The same on the fixed scale lo..hi: lo draws as the lowest level, hi
 * as the highest, a value outside is drawn at the nearer end; hi <= lo
 * draws every known value as the lowest.
 */
size_t spark_text_scaled(const int64_t *v, size_t n, int64_t lo, int64_t hi,
                         bool ascii, char *buf, size_t size);

#endif
