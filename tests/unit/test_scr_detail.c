/*
 * Unit tests for the process detail screen (app/scr_detail.c): Enter on
 * the processes screen opens it on the selected process, Esc goes back;
 * with no history it says so; with a recorded rising history its view
 * has the RSS min, max, the verdict with its numbers and the chart
 * columns; OOM kills inside the charted span are marked under their
 * columns (both edges included, on the boot clock of the live log and on
 * the wall clock of a dated line), every one when there are more than
 * the legend names, kills outside it are not, and a saved
 * log's boot times are never placed.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "app/scr.h"
#include "app/scr_detail.h"
#include "app/scr_procs.h"
#include "model/histsnap.h"
#include "model/kevents.h"
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
	assert_int_equal(v->hi_kb[DETAIL_RSS][0], 1000);
	assert_int_equal(v->hi_kb[DETAIL_RSS][29], 3900);
	assert_int_equal(v->hi_kb[DETAIL_ANON][29], 3400);
	assert_int_equal(v->hi_kb[DETAIL_SWAP][29], 0);
	/* one point a column: each column's range is that point */
	assert_int_equal(v->lo_kb[DETAIL_RSS][0], 1000);
	assert_int_equal(v->lo_kb[DETAIL_RSS][29], 3900);
	assert_int_equal(v->lo_kb[DETAIL_ANON][0], 500);
	assert_true(v->first_seen[0] != '\0');
	/* a process with no history: found is false, the title stays */
	scrfix_press(ui, KBD_ESC, KBD_DOWN, KBD_ENTER, 0);
	v = detail_view(f);
	assert_int_equal(v->pid, 102);
	assert_false(v->found);
	histsnap_fini(&ui->hist);
}

/* Feed one kernel-log line to the session's event engine. */
static void
feed(struct ui *ui, const char *line)
{
	assert_int_equal(kevents_feed_line(ui->klog.kev, line, strlen(line)),
	                 1);
}

/* Kills at the span's edges (5 s and 34 s on the boot clock), between
 * two points, on the wall clock, and just outside are marked or not. */
static void
test_kill_marks(void **state)
{
	struct scrfix *f = *state;
	struct ui *ui = &f->ui;
	const struct dash_detail *v;

	record_rising(ui);
	ui->klog.kev = kevents_new(16);
	assert_non_null(ui->klog.kev);
	feed(ui, "[    4.999000] Out of memory: Killed process 1 (early) "
	         "total-vm:8kB, anon-rss:4kB, file-rss:0kB, shmem-rss:0kB");
	feed(ui, "[    5.000000] Out of memory: Killed process 2 (first) "
	         "total-vm:8kB, anon-rss:4kB, file-rss:0kB, shmem-rss:0kB");
	feed(ui, "[   20.500000] Out of memory: Killed process 3 (mid) "
	         "total-vm:8kB, anon-rss:4kB, file-rss:0kB, shmem-rss:0kB");
	/* 1700000010 s: the wall clock of the point at 15 s (index 10) */
	feed(ui, "2023-11-14T22:13:30+00:00 host kernel: Out of memory: "
	         "Killed process 4 (dated) total-vm:8kB, anon-rss:4kB, "
	         "file-rss:0kB, shmem-rss:0kB");
	feed(ui, "[   34.000000] Out of memory: Killed process 5 (last) "
	         "total-vm:8kB, anon-rss:4kB, file-rss:0kB, shmem-rss:0kB");
	feed(ui, "[   34.001000] Out of memory: Killed process 6 (late) "
	         "total-vm:8kB, anon-rss:4kB, file-rss:0kB, shmem-rss:0kB");
	scrfix_press(ui, KBD_ENTER, 0);
	v = detail_view(f);
	assert_int_equal(v->ncols, 30);
	assert_int_equal(v->nkills, 4); /* newest first */
	assert_int_equal(v->kill_col[0], 29);
	assert_non_null(strstr(v->kill_text[0], " victim last"));
	assert_int_equal(v->kill_col[1], 10);
	assert_non_null(strstr(v->kill_text[1], " victim dated"));
	assert_int_equal(v->kill_col[2], 16); /* the point at 21 s */
	assert_non_null(strstr(v->kill_text[2], " victim mid"));
	assert_int_equal(v->kill_col[3], 0);
	assert_non_null(strstr(v->kill_text[3], " victim first"));
	/* a saved log's boot times may be another boot's: only the dated
	 * kill is placed */
	f->opt.kmsg_file = "saved.log";
	scrfix_press(ui, KBD_ESC, KBD_ENTER, 0);
	v = detail_view(f);
	assert_int_equal(v->nkills, 1);
	assert_int_equal(v->kill_col[0], 10);
	assert_non_null(strstr(v->kill_note, "saved log"));
	histsnap_fini(&ui->hist);
}

/* More kills than the legend names: every one is marked (two in one
 * column: one mark), the newest DETAIL_KILLS_MAX are named, the others
 * counted. */
static void
test_every_kill_marked(void **state)
{
	struct scrfix *f = *state;
	struct ui *ui = &f->ui;
	const struct dash_detail *v;
	char line[160];
	bool marked[30] = {false};

	record_rising(ui);
	ui->klog.kev = kevents_new(64);
	assert_non_null(ui->klog.kev);
	for (int k = 0; k < 12; k++) { /* 5 s .. 16 s: columns 0 .. 11 */
		snprintf(
		    line, sizeof line,
		    "[   %2d.000000] Out of memory: Killed process %d (k%d) "
		    "total-vm:8kB, anon-rss:4kB, file-rss:0kB, "
		    "shmem-rss:0kB",
		    5 + k, 10 + k, k);
		feed(ui, line);
	}
	feed(ui, "[   20.200000] Out of memory: Killed process 30 (twin1) "
	         "total-vm:8kB, anon-rss:4kB, file-rss:0kB, shmem-rss:0kB");
	feed(ui, "[   20.400000] Out of memory: Killed process 31 (twin2) "
	         "total-vm:8kB, anon-rss:4kB, file-rss:0kB, shmem-rss:0kB");
	scrfix_press(ui, KBD_ENTER, 0);
	v = detail_view(f);
	assert_int_equal(v->nkills, DETAIL_KILLS_MAX);
	assert_int_equal(v->kills_more, 14 - DETAIL_KILLS_MAX);
	assert_int_equal(v->nmarks, 13);
	for (size_t i = 0; i < v->nmarks; i++)
		marked[v->mark_col[i]] = true;
	for (int c = 0; c < 12; c++)
		assert_true(marked[c]); /* the oldest kills too */
	assert_true(marked[16]);        /* both twins, one mark */
	assert_non_null(strstr(v->kill_text[0], " victim twin2"));
	histsnap_fini(&ui->hist);
}

/* Without a kernel log the legend says so. */
static void
test_kill_note(void **state)
{
	struct scrfix *f = *state;
	struct ui *ui = &f->ui;
	const struct dash_detail *v;

	record_rising(ui);
	scrfix_press(ui, KBD_ENTER, 0);
	v = detail_view(f);
	assert_int_equal(v->nkills, 0);
	assert_string_equal(v->kill_note, "kernel log not read");
	histsnap_fini(&ui->hist);
}

#define T(name)                                                                \
	cmocka_unit_test_setup_teardown(name, scrfix_setup, scrfix_teardown)

/* Run the detail screen tests. */
int
main(void)
{
	const struct CMUnitTest tests[] = {
	    T(test_enter_esc),         T(test_chart_view), T(test_kill_marks),
	    T(test_every_kill_marked), T(test_kill_note),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
