/*
 * Unit tests for the System screen (app/scr_system.c): the files are read
 * on entering and once a sample while current (never while another
 * screen is), the D tasks are followed on every sample with their time
 * and level, scrolling is clamped, 's' reads the stacks of D tasks only,
 * and a root that cannot be opened says why. The proc root is the golden
 * fixture tree (tests/fixtures/golden/proc).
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "app/scr.h"
#include "app/scr_system.h"
#include "scrfix.h"

#define ROOT "tests/fixtures/golden/proc"

/* The session with beta (pid 102) in D and the fixture root. */
static int
setup(void **state)
{
	struct scrfix *f;

	if (scrfix_setup(state) != 0)
		return -1;
	f = *state;
	f->opt.proc_root = ROOT;
	f->ui.snap.procs[1].state = 'D';
	f->ui.snap.mono_ms = 1000;
	return 0;
}

static struct scr_system_state *
sys(struct scrfix *f)
{
	return scr_state(&f->ui, &scr_system);
}

static void
test_enter_reads(void **state)
{
	struct scrfix *f = *state;
	const struct dash_frame *fr;
	const struct syspane_view *v;

	scr_sampled(&f->ui); /* not current: tasks and the strip's stat */
	assert_true(sys(f)->have_stat);
	assert_false(sys(f)->have_sample); /* no other file read */
	assert_int_equal(sys(f)->sample.sysctl.err[SYSCTL_PANIC], ENODATA);
	assert_int_equal(sys(f)->tasks.n, 1);
	scrfix_press(&f->ui, '9', 0);
	assert_ptr_equal(f->ui.screens.cur, &scr_system);
	fr = scrfix_frame(f);
	assert_ptr_equal(fr->body, dash_body_system);
	v = fr->screen_data;
	assert_non_null(v->sv);
	assert_int_equal(v->sv->v[SYSCTL_HUNG_TASK_TIMEOUT], 120);
	assert_int_equal(v->sv->v[SYSCTL_TAINTED], 4097);
	assert_true(v->raw->load_valid);
	assert_true(v->psi_io->valid && v->psi_io->full_valid);
	assert_int_equal(v->stat->ring.len, 0); /* one sample: no row yet */
	assert_int_equal(v->tasks->item[0].id.pid, 102);
	/* the fixture has no 102/wchan */
	assert_int_equal(v->tasks->item[0].wchan_err, ENOENT);
	assert_null(v->none);
}

static void
test_time_and_reads_per_sample(void **state)
{
	struct scrfix *f = *state;
	struct scr_system_state *s;

	scr_sampled(&f->ui);
	scrfix_press(&f->ui, '9', 0);
	s = sys(f);
	scr_sampled(&f->ui); /* the same sample: not read again */
	assert_int_equal(s->stat.ring.len, 0);
	f->ui.snap.mono_ms = 62000;
	scr_sampled(&f->ui);
	assert_int_equal(s->stat.ring.len, 1);
	assert_int_equal(sysstat_newest(&s->stat, 0)->b, 2);
	assert_int_equal(dtasks_in_d_ms(&s->tasks, 0), 61000);
	assert_int_equal(
	    dtasks_level(dtasks_in_d_ms(&s->tasks, 0), s->sample.sysctl.v[0]),
	    DTASKS_NEAR);
	/* another screen: the tasks are followed, the files not read */
	scrfix_press(&f->ui, '1', 0);
	f->ui.snap.mono_ms = 130000;
	scr_sampled(&f->ui);
	assert_int_equal(s->read_ms, 62000);
	assert_int_equal(dtasks_in_d_ms(&s->tasks, 0), 129000);
	/* the strip went on while away and is kept on coming back */
	assert_int_equal(s->stat.ring.len, 2);
	scrfix_press(&f->ui, '9', 0);
	assert_int_equal(s->stat.ring.len, 2);
	assert_int_equal(s->read_ms, 130000);
	scrfix_press(&f->ui, '1', 0);
	/* beta leaves D: forgotten */
	f->ui.snap.procs[1].state = 'S';
	scr_sampled(&f->ui);
	assert_int_equal(s->tasks.n, 0);
}

static void
test_scroll_and_stacks(void **state)
{
	struct scrfix *f = *state;
	struct scr_system_state *s;
	size_t lines;

	scr_sampled(&f->ui);
	scrfix_press(&f->ui, '9', 0);
	s = sys(f);
	scrfix_frame(f);
	lines =
	    syspane_lines(&s->view, f->ui.layout.body.h, f->ui.layout.body.w);
	assert_true(lines > (size_t)f->ui.layout.body.h);
	scrfix_press(&f->ui, KBD_END, 0);
	assert_int_equal(s->view.top, lines - (size_t)f->ui.layout.body.h);
	scrfix_press(&f->ui, KBD_DOWN, 0);
	assert_int_equal(s->view.top, lines - (size_t)f->ui.layout.body.h);
	scrfix_press(&f->ui, KBD_HOME, KBD_UP, 0);
	assert_int_equal(s->view.top, 0);
	assert_int_equal(s->tasks.item[0].stack_err, -1); /* not asked */
	scrfix_press(&f->ui, 's', 0);
	scrfix_frame(f);
	assert_true(s->view.stacks);
	assert_int_equal(s->tasks.item[0].stack_err, ENOENT);
	/* the stack's reason is one more line */
	assert_int_equal(
	    syspane_lines(&s->view, f->ui.layout.body.h, f->ui.layout.body.w),
	    lines + 1);
	scrfix_press(&f->ui, 's', 0);
	assert_false(s->stacks);
	/* 80 columns: long meanings wrap at a space onto more lines */
	assert_true(syspane_lines(&s->view, 24, 80) >
	            syspane_lines(&s->view, 24, 200) + 5);
}

static void
test_bad_root(void **state)
{
	struct scrfix *f = *state;
	const struct syspane_view *v;

	f->opt.proc_root = "/nonexistent/oomwatch-proc";
	scrfix_press(&f->ui, '9', 0);
	v = scrfix_frame(f)->screen_data;
	assert_non_null(v->none);
	assert_non_null(strstr(v->none, "No such file"));
	assert_null(v->sv);
	assert_null(v->raw);
}

/* A D task near or past the hung-task timeout keeps a text mark at
 * every width (80 columns leave 48 after NAME): colour is not the only
 * warning. */
static void
test_task_mark_every_width(void **state)
{
	struct dtask t;
	char buf[300];

	(void)state;
	memset(&t, 0, sizeof t);
	strcpy(t.wchan, "kernel_clone");
	syspane_task_text(&t, 128000, 120, 48, buf, sizeof buf);
	assert_string_equal(buf, "   2m08s  kernel_cl~  past the hung-task "
	                         "timeout");
	for (int w = 16; w <= 200; w++) {
		syspane_task_text(&t, 128000, 120, w, buf, sizeof buf);
		assert_true(strstr(buf, w >= 42 ? "past " : "PAST") != NULL);
		assert_true(w < 42 || strlen(buf) <= (size_t)w);
		syspane_task_text(&t, 61000, 120, w, buf, sizeof buf);
		assert_true(strstr(buf, w >= 42 ? "near the hung-task timeout"
		                                : "NEAR") != NULL);
		syspane_task_text(&t, 10000, 120, w, buf, sizeof buf);
		assert_null(strstr(buf, "hung-task"));
		assert_null(strstr(buf, "NEAR"));
	}
	/* wide: WCHAN whole in its column, then the long mark */
	syspane_task_text(&t, 128000, 120, 168, buf, sizeof buf);
	assert_non_null(strstr(buf, "kernel_clone            past "));
}

/* The strip shows the whole last minute in the rows the body has: 60
 * one-second rows in a 20-row body with nothing else read are 10 rows
 * of 6 (the old strip showed the newest 5 under "the last minute"). */
static void
test_strip_fits_the_minute(void **state)
{
	static struct sysstat st;
	struct sysstat_raw a;
	struct snapshot s;
	struct syspane_view v;

	(void)state;
	sysstat_init(&st);
	sysstat_raw_clear(&a);
	a.stat_valid = true;
	memset(&s, 0, sizeof s);
	for (uint64_t i = 0; i <= 60; i++) {
		s.mono_ms = 1000 + i * 1000;
		sysstat_push(&st, &a, &s, 4);
	}
	memset(&v, 0, sizeof v);
	v.stat = &st;
	/* title, header, 10 rows, why (2 lines at 80), load, PSI, blank,
	 * tasks none, blank, settings not read; at 60x200: 30 rows of 2 */
	assert_int_equal(syspane_lines(&v, 20, 80), 2 + 10 + 2 + 2 + 4);
	assert_int_equal(syspane_lines(&v, 60, 200), 2 + 30 + 1 + 2 + 4);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_enter_reads, setup,
	                                    scrfix_teardown),
	    cmocka_unit_test_setup_teardown(test_time_and_reads_per_sample,
	                                    setup, scrfix_teardown),
	    cmocka_unit_test_setup_teardown(test_scroll_and_stacks, setup,
	                                    scrfix_teardown),
	    cmocka_unit_test_setup_teardown(test_bad_root, setup,
	                                    scrfix_teardown),
	    cmocka_unit_test(test_task_mark_every_width),
	    cmocka_unit_test(test_strip_fits_the_minute),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
