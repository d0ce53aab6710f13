/*
 * Unit tests for model/spark.c: values to glyphs (Unicode and ASCII, the
 * range scaled, flat, unknown as a blank, a short buffer), and points
 * into time cells (the lowest of a cell, empty cells unknown, points
 * outside the window left out).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "model/snapshot.h"
#include "model/spark.h"

/* Glyphs for values, both alphabets. */
static void
test_text(void **state)
{
	const int64_t rising[8] = {0, 1, 2, 3, 4, 5, 6, 7};
	const int64_t gappy[4] = {100, SNAP_NA, 300, 200};
	const int64_t flat[3] = {5, 5, 5};
	char buf[64];

	(void)state;
	assert_int_equal(spark_text(rising, 8, false, buf, sizeof buf), 24);
	assert_string_equal(buf, "\xe2\x96\x81\xe2\x96\x82\xe2\x96\x83"
	                         "\xe2\x96\x84\xe2\x96\x85\xe2\x96\x86"
	                         "\xe2\x96\x87\xe2\x96\x88");
	assert_int_equal(spark_text(rising, 8, true, buf, sizeof buf), 8);
	assert_string_equal(buf, "_..-=^^#");
	spark_text(gappy, 4, true, buf, sizeof buf);
	assert_string_equal(buf, "_ #=");
	spark_text(gappy, 4, false, buf, sizeof buf);
	assert_string_equal(buf, "\xe2\x96\x81 \xe2\x96\x88\xe2\x96\x85");
	spark_text(flat, 3, true, buf, sizeof buf);
	assert_string_equal(buf, "___");
	/* no glyph is cut: 7 bytes hold two UTF-8 glyphs */
	assert_int_equal(spark_text(rising, 8, false, buf, 7), 6);
	assert_int_equal(strlen(buf), 6);
	assert_int_equal(spark_text(rising, 8, true, buf, 1), 0);
	assert_string_equal(buf, "");
}

/* Points into cells. */
static void
test_bucket(void **state)
{
	struct hist_point p[6];
	int64_t out[4];
	const uint64_t t[6] = {500, 1500, 2100, 2900, 4000, 5000};
	const int64_t v[6] = {1, 10, 30, 20, 40, 99};

	(void)state;
	memset(p, 0, sizeof p);
	for (int i = 0; i < 6; i++) {
		p[i].mono_ms = t[i];
		p[i].value = v[i];
	}
	p[3].gap = true;
	/* window (1000, 5000], 4 cells of 1 s: 500 is before it */
	assert_int_equal(spark_bucket(p, 6, 5000, 4000, 4, out), 4);
	assert_int_equal(out[0], 10);
	assert_int_equal(out[1], 20); /* the lowest of 30 and 20 */
	assert_int_equal(out[2], 40); /* 4000 is the end of cell 2 */
	assert_int_equal(out[3], 99);
	/* an empty cell stays unknown, an unknown point counts for nothing */
	p[4].value = SNAP_NA;
	assert_int_equal(spark_bucket(p, 6, 5000, 4000, 4, out), 3);
	assert_int_equal(out[2], SNAP_NA);
	assert_int_equal(spark_bucket(p, 6, 5000, 0, 4, out), 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_text),
	    cmocka_unit_test(test_bucket),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
