/*
 * Unit tests for the process detail screen (app/scr_detail.c): Enter on
 * the processes screen opens it on the selected process, Esc goes back;
 * with no history it says so; with a recorded rising history its view
 * has the RSS min, max, the verdict with its numbers and the chart
 * columns.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "app/scr.h"
#include "app/scr_detail.h"
#include "app/scr_procs.h"
#include "model/histsnap.h"
#include "model/snapshot.h"
#include "scrfix.h"
#include "view/dash.h"
#include "view/detail.h"

/* The detail view in a frame (its body is the detail body). */
static const struct dash_detail *
detail_view(struct scrfix *f)
{
	const struct dash_frame *fr = scrfix_frame(f);

	assert_ptr_equal(fr->body, dash_body_detail);
	assert_non_null(fr->screen_data);
	return fr->screen_data;
}

/* Enter opens the selected process; Esc returns; no history yet. */
static void
test_enter_esc(void **state)
{
	struct scrfix *f = *state;
	struct ui *ui = &f->ui;
	const struct dash_detail *v;

	scrfix_press(ui, KBD_DOWN, 0);
	assert_string_equal(scrfix_selected(ui), "beta");
	scrfix_press(ui, KBD_ENTER, 0);
	assert_ptr_equal(ui->screens.cur, &scr_detail);
	v = detail_view(f);
	assert_int_equal(v->pid, 102);
	assert_string_equal(v->comm, "beta");
	assert_false(v->found);
	scrfix_press(ui, KBD_ESC, 0);
	assert_ptr_equal(ui->screens.cur, &scr_procs);
	/* Enter in the search prompt still keeps the search, not detail */
	scrfix_press(ui, '/', 'b', KBD_ENTER, 0);
	assert_ptr_equal(ui->screens.cur, &scr_procs);
}

/* 30 refreshes a second apart: alpha's RSS rises 100 MB/h-ish steps. */
static void
record_rising(struct ui *ui)
{
	struct procid alpha = {101, 1001};

	assert_int_equal(histsnap_init(&ui->hist, 1000, 0), 0);
	for (int i = 0; i < 30; i++) {
		int64_t vals[HIST_PROC_LANES] = {
		    [HIST_RSS_KB] = 1000 + 100 * i,
		    [HIST_SWAP_KB] = 0,
		    [HIST_ANON_KB] = 500 + 100 * i,
		};

		assert_int_equal(hist_begin(ui->hist.h,
		                            5000 + 1000 * (uint64_t)i,
		                            1700000000000 + 1000 * i),
		                 0);
		assert_int_equal(hist_put_proc(ui->hist.h, alpha, vals), 0);
		hist_end(ui->hist.h);
	}
}

/* A rising history: min, max, verdict and the columns. */
static void
test_chart_view(void **state)
{
	struct scrfix *f = *state;
	struct ui *ui = &f->ui;
	const struct dash_detail *v;

	record_rising(ui);
	assert_string_equal(scrfix_selected(ui), "alpha");
	scrfix_press(ui, KBD_ENTER, 0);
	v = detail_view(f);
	assert_true(v->found);
	assert_int_equal(v->pid, 101);
	assert_int_equal(v->min_kb, 1000);
	assert_int_equal(v->max_kb, 1000 + 100 * 29);
	assert_non_null(strstr(v->verdict, "rising +"));
	assert_non_null(strstr(v->verdict, " over "));
	assert_int_equal(v->ncols, 30); /* 74 columns fit 30 points */
	assert_int_equal(v->kb[DETAIL_RSS][0], 1000);
	assert_int_equal(v->kb[DETAIL_RSS][29], 3900);
	assert_int_equal(v->kb[DETAIL_ANON][29], 3400);
	assert_int_equal(v->kb[DETAIL_SWAP][29], 0);
	assert_true(v->first_seen[0] != '\0');
	/* a process with no history: found is false, the title stays */
	scrfix_press(ui, KBD_ESC, KBD_DOWN, KBD_ENTER, 0);
	v = detail_view(f);
	assert_int_equal(v->pid, 102);
	assert_false(v->found);
	histsnap_fini(&ui->hist);
}

#define T(name)                                                                \
	cmocka_unit_test_setup_teardown(name, scrfix_setup, scrfix_teardown)

/* Run the detail screen tests. */
int
main(void)
{
	const struct CMUnitTest tests[] = {
	    T(test_enter_esc),
	    T(test_chart_view),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
