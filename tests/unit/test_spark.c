/*
 * Unit tests for model/spark.c: values to glyphs (Unicode and ASCII, the
 * range scaled, flat, unknown as a blank, a short buffer, a fixed scale),
 * and points into time cells (the lowest or highest of a cell, empty
 * cells unknown, points outside the window left out); and for
 * model/hdrhist.c: the header's three sparklines and forecast words from
 * a synthetic history (swap and PSI, no swap, no PSI, PSI's floor, a
 * young history).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "model/hdrhist.h"
#include "model/snapshot.h"
#include "model/spark.h"

#define T0_MS 1000000u
/* A refresh every 5 s: 6 points a 30 s cell. */
#define STEP_MS 5000u

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

/* Cells keep their highest point when asked. */
static void
test_bucket_highest(void **state)
{
	struct hist_point p[4];
	int64_t out[2];
	const uint64_t t[4] = {1100, 1900, 2100, 2900};
	const int64_t v[4] = {5, 9, 30, 20};

	(void)state;
	memset(p, 0, sizeof p);
	for (int i = 0; i < 4; i++) {
		p[i].mono_ms = t[i];
		p[i].value = v[i];
	}
	assert_int_equal(
	    spark_bucket_pick(p, 4, 3000, 2000, 2, SPARK_HIGHEST, out), 2);
	assert_int_equal(out[0], 9);
	assert_int_equal(out[1], 30);
	spark_bucket_pick(p, 4, 3000, 2000, 2, SPARK_LOWEST, out);
	assert_int_equal(out[0], 5);
	assert_int_equal(out[1], 20);
}

/* A fixed scale: the ends clamp, an empty scale is flat. */
static void
test_text_scaled(void **state)
{
	const int64_t v[6] = {-50, 0, 40, 100, 500, SNAP_NA};
	int64_t lo, hi;
	char buf[32];

	(void)state;
	spark_text_scaled(v, 6, 0, 100, true, buf, sizeof buf);
	assert_string_equal(buf, "__-## ");
	spark_text_scaled(v, 6, 100, 100, true, buf, sizeof buf);
	assert_string_equal(buf, "_____ ");
	assert_true(spark_range(v, 6, &lo, &hi));
	assert_int_equal(lo, -50);
	assert_int_equal(hi, 500);
	assert_false(spark_range(v + 5, 1, &lo, &hi));
}

/* A system at time t_ms: swap used of swap_total_kb, PSI some avg10. */
static void
sys_at(struct snapshot *sn, uint64_t t_ms, int64_t avail_kb,
       int64_t swap_total_kb, int64_t swap_used_kb, double psi_some)
{
	snapshot_reset(sn);
	sn->mono_ms = t_ms;
	sn->time_unix_ms = 1700000000000 + (int64_t)t_ms;
	sn->mem.total_kb = 8000000;
	sn->mem.available_kb = avail_kb;
	sn->mem.swap_total_kb = swap_total_kb;
	sn->mem.swap_free_kb = swap_total_kb - swap_used_kb;
	sn->mem.committed_as_kb = 1000000;
	sn->mem.commit_limit_kb = 8000000;
	sn->low_wmark_kb = 80000;
	sn->vmstat.oom_kill = 0;
	sn->psi.valid = psi_some >= 0;
	sn->psi.some.avg10 = psi_some;
}

/* Ten minutes of refreshes: swap used climbing 1 MB a point from 0,
 * PSI some at psi_base (< 0: no PSI) with one stall of psi_stall in the
 * 10th cell; then the header's view. */
static void
ten_minutes(struct hdrhist *hh, int64_t swap_total_kb, double psi_base,
            double psi_stall)
{
	struct histsnap hs;
	struct snapshot sn;
	uint64_t t = T0_MS;
	double psi;

	assert_int_equal(histsnap_init(&hs, STEP_MS, 0), 0);
	snapshot_init(&sn);
	for (int i = 0; i < 120; i++, t += STEP_MS) {
		psi = psi_base < 0 || i != 57 ? psi_base : psi_stall;
		sys_at(&sn, t, 4000000, swap_total_kb,
		       swap_total_kb > 0 ? i * 1024 : 0, psi);
		assert_int_equal(histsnap_record(&hs, &sn), 0);
	}
	hdrhist_build(hh, &hs, &sn);
	histsnap_fini(&hs);
	snapshot_fini(&sn);
}

/* Swap used and PSI some as sparklines from a history. */
static void
test_header_swap_and_psi(void **state)
{
	const struct hdrhist_spark *sw, *ps;
	struct hdrhist hh;
	char buf[64];

	(void)state;
	ten_minutes(&hh, 4000000, 0.5, 8.0);
	sw = &hh.spark[HDRHIST_SWAP];
	ps = &hh.spark[HDRHIST_PSI];
	assert_int_equal(sw->n, HDRHIST_CELLS);
	/* the highest of each cell: 6 points a cell, the last one */
	assert_int_equal(sw->v[0], 5 * 1024);
	assert_int_equal(sw->v[19], 119 * 1024);
	assert_int_equal(sw->lo, 5 * 1024);
	assert_int_equal(sw->hi, 119 * 1024);
	spark_text_scaled(sw->v, sw->n, sw->lo, sw->hi, true, buf, sizeof buf);
	assert_string_equal(buf, "__....----====^^^^##");
	/* PSI: 0 to the highest; the 0.5% base low, the stall the top */
	assert_int_equal(ps->n, HDRHIST_CELLS);
	assert_int_equal(ps->lo, 0);
	assert_int_equal(ps->hi, 800);
	assert_int_equal(ps->v[9], 800);
	spark_text_scaled(ps->v, ps->n, ps->lo, ps->hi, true, buf, sizeof buf);
	assert_string_equal(buf, "_________#__________");
	/* MemAvailable flat: its range is widened to 1% of MemTotal */
	assert_int_equal(hh.spark[HDRHIST_MEM].n, HDRHIST_CELLS);
	assert_int_equal(hh.spark[HDRHIST_MEM].hi - hh.spark[HDRHIST_MEM].lo,
	                 80000);
	assert_string_equal(hh.forecast, "");
	assert_string_equal(hh.forecast_short, "");
}

/* No swap: no swap sparkline, not a flat line of zeros; no PSI: none. */
static void
test_header_without_swap_or_psi(void **state)
{
	struct hdrhist hh;

	(void)state;
	ten_minutes(&hh, 0, -1, 0);
	assert_int_equal(hh.spark[HDRHIST_SWAP].n, 0);
	assert_int_equal(hh.spark[HDRHIST_PSI].n, 0);
	assert_int_equal(hh.spark[HDRHIST_MEM].n, HDRHIST_CELLS);
	ten_minutes(&hh, SNAP_NA, -1, 0);
	assert_int_equal(hh.spark[HDRHIST_SWAP].n, 0);
}

/* PSI noise under 1% draws flat: the scale reaches 1% at least. */
static void
test_header_psi_floor(void **state)
{
	const struct hdrhist_spark *ps;
	struct hdrhist hh;
	char buf[64];

	(void)state;
	/* 0.01% with a blip of 0.05% */
	ten_minutes(&hh, 0, 0.01, 0.05);
	ps = &hh.spark[HDRHIST_PSI];
	assert_int_equal(ps->v[9], 5);
	assert_int_equal(ps->lo, 0);
	assert_int_equal(ps->hi, HDRHIST_PSI_FLOOR_X100);
	spark_text_scaled(ps->v, ps->n, ps->lo, ps->hi, true, buf, sizeof buf);
	assert_string_equal(buf, "____________________");
	spark_text_scaled(ps->v, ps->n, ps->lo, ps->hi, false, buf, sizeof buf);
	assert_null(strstr(buf, "\xe2\x96\x82"));
	/* 0.5% is half the floor: half the height, not a spike */
	ten_minutes(&hh, 0, 0.01, 0.5);
	ps = &hh.spark[HDRHIST_PSI];
	assert_int_equal(ps->hi, HDRHIST_PSI_FLOOR_X100);
	spark_text_scaled(ps->v, ps->n, ps->lo, ps->hi, true, buf, sizeof buf);
	assert_string_equal(buf, "_________=__________");
}

/* One cell of data is not a sparkline yet; a steady fall is a forecast
 * in both forms. */
static void
test_header_young_and_falling(void **state)
{
	struct histsnap hs;
	struct snapshot sn;
	struct hdrhist hh;
	uint64_t t = T0_MS;

	(void)state;
	assert_int_equal(histsnap_init(&hs, STEP_MS, 0), 0);
	snapshot_init(&sn);
	/* MemAvailable falling 40 MB a minute for 10 minutes */
	for (int i = 0; i < 123; i++, t += STEP_MS) {
		sys_at(&sn, t, 1000000 - i * 40 * 1024 / 12, 1000, 10, 0.0);
		assert_int_equal(histsnap_record(&hs, &sn), 0);
		if (i != 2)
			continue;
		hdrhist_build(&hh, &hs, &sn);
		for (int id = 0; id < HDRHIST_SPARKS; id++)
			assert_int_equal(hh.spark[id].n, 0);
		assert_string_equal(hh.forecast, "");
	}
	hdrhist_build(&hh, &hs, &sn);
	assert_int_equal(hh.spark[HDRHIST_MEM].n, HDRHIST_CELLS);
	assert_string_equal(hh.forecast, "about 12 min to OOM at -40M/min");
	assert_string_equal(hh.forecast_short, "~12m to OOM");
	histsnap_fini(&hs);
	snapshot_fini(&sn);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_text),
	    cmocka_unit_test(test_bucket),
	    cmocka_unit_test(test_bucket_highest),
	    cmocka_unit_test(test_text_scaled),
	    cmocka_unit_test(test_header_swap_and_psi),
	    cmocka_unit_test(test_header_without_swap_or_psi),
	    cmocka_unit_test(test_header_psi_floor),
	    cmocka_unit_test(test_header_young_and_falling),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
