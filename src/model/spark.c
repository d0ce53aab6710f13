/* spark.c: sparkline cells and glyphs. */
#include "model/spark.h"

#include <string.h>

#include "model/snapshot.h"

/* Bucket points into time slots, each keeping its lowest. */
size_t
spark_bucket(const struct hist_point *p, size_t n, uint64_t end_ms,
             uint64_t span_ms, size_t cells, int64_t *out)
{
	return spark_bucket_pick(p, n, end_ms, span_ms, cells, SPARK_LOWEST,
	                         out);
}

/* Bucket points into time slots, each keeping its lowest or highest. */
size_t
spark_bucket_pick(const struct hist_point *p, size_t n, uint64_t end_ms,
                  uint64_t span_ms, size_t cells, enum spark_pick pick,
                  int64_t *out)
{
	uint64_t start = end_ms > span_ms ? end_ms - span_ms : 0, off;
	size_t known = 0, c;
	bool worse;

	if (cells > SPARK_CELLS_MAX)
		cells = SPARK_CELLS_MAX;
	for (c = 0; c < cells; c++)
		out[c] = SNAP_NA;
	if (cells == 0 || span_ms == 0)
		return 0;
	for (size_t i = 0; i < n; i++) {
		if (p[i].value == SNAP_NA || p[i].mono_ms <= start ||
		    p[i].mono_ms > end_ms)
			continue;
		off = p[i].mono_ms - start - 1; /* 0 .. span_ms - 1 */
		c = (size_t)(off * cells / span_ms);
		worse = pick == SPARK_HIGHEST ? p[i].value > out[c]
		                              : p[i].value < out[c];
		if (out[c] == SNAP_NA || worse)
			out[c] = p[i].value;
	}
	for (c = 0; c < cells; c++)
		known += out[c] != SNAP_NA;
	return known;
}

/* The known values' lowest and highest. */
bool
spark_range(const int64_t *v, size_t n, int64_t *lo, int64_t *hi)
{
	bool any = false;

	*lo = *hi = 0;
	for (size_t i = 0; i < n; i++) {
		if (v[i] == SNAP_NA)
			continue;
		*lo = !any || v[i] < *lo ? v[i] : *lo;
		*hi = !any || v[i] > *hi ? v[i] : *hi;
		any = true;
	}
	return any;
}

/* Values as glyphs, scaled to their own range. */
size_t
spark_text(const int64_t *v, size_t n, bool ascii, char *buf, size_t size)
{
	int64_t lo, hi;

	spark_range(v, n, &lo, &hi);
	return spark_text_scaled(v, n, lo, hi, ascii, buf, size);
}

/* The level (0 .. levels - 1) of x on the scale lo..hi. */
static int
level(int64_t x, int64_t lo, int64_t hi, int levels)
{
	if (hi <= lo || x <= lo)
		return 0;
	if (x >= hi)
		return levels - 1;
	return (int)((double)(x - lo) * (levels - 1) / (double)(hi - lo) + 0.5);
}

/* Values as glyphs on a fixed scale. */
size_t
spark_text_scaled(const int64_t *v, size_t n, int64_t lo, int64_t hi,
                  bool ascii, char *buf, size_t size)
{
	static const char ascii_glyphs[SPARK_ASCII_LEVELS + 1] = "_.-=^#";
	size_t at = 0, glyph = ascii ? 1 : 3;
	int levels = ascii ? SPARK_ASCII_LEVELS : SPARK_LEVELS, k;

	if (size == 0)
		return 0;
	for (size_t i = 0; i < n && at + glyph < size; i++) {
		if (v[i] == SNAP_NA) {
			buf[at++] = ' ';
			continue;
		}
		k = level(v[i], lo, hi, levels);
		if (ascii) {
			buf[at++] = ascii_glyphs[k];
		} else { /* U+2581 + k: E2 96 81..88 */
			buf[at++] = '\xe2';
			buf[at++] = '\x96';
			buf[at++] = (char)(0x81 + k);
		}
	}
	buf[at] = '\0';
	return at;
}
