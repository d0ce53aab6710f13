/* Unit tests for app/scr_boots.c: the Boots screen on the golden
 * fixture's boot history, without a terminal: key 0 opens it and reads
 * the history once, Up/Down select, Enter opens the selected boot's
 * events (from the saved journal) in the events view, r reads again. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "app/scr_boots.h"
#include "app/scr_events.h"
#include "scrfix.h"

#define FIXTURE_PROC "tests/fixtures/golden/proc"

/* The boots view of the current frame. */
static const struct dash_boots *
view(struct scrfix *f)
{
	const struct dash_frame *fr = scrfix_frame(f);

	assert_ptr_equal(fr->body, dash_body_boots);
	return fr->screen_data;
}

static void
test_open_select_events(void **state)
{
	struct scrfix *f = *state;
	struct ui *ui = &f->ui;
	struct scr_boots_state *s = scr_state(ui, &scr_boots);
	const struct dash_boots *v;
	const struct dash_frame *fr;

	f->opt.proc_root = FIXTURE_PROC;
	assert_null(s->data); /* nothing is read before the first visit */
	scrfix_press(ui, '0', 0);
	assert_ptr_equal(ui->screens.cur, &scr_boots);
	v = view(f);
	assert_int_equal(v->nrows, 5);
	assert_int_equal(v->selected, 0);
	assert_string_equal(v->rows[0].how, "running");
	assert_string_equal(v->rows[1].how,
	                    "panic: Fatal exception in interrupt");
	assert_int_equal(v->rows[1].role, THEME_KLOG_PANIC);
	assert_string_equal(v->rows[2].how, "crash (no record)");
	assert_string_equal(v->rows[2].uptime, ">2m50s");
	assert_int_equal(v->rows[2].role, THEME_RISK_HIGH);
	assert_string_equal(v->rows[3].how,
	                    "OOM panic: Out of memory: "
	                    "system-wide panic_on_oom is enabled");
	assert_string_equal(v->rows[4].how, "clean shutdown");
	assert_non_null(strstr(v->sources, "wtmp: 5 boots"));
	assert_non_null(strstr(v->events_title, "Boot 0: Enter reads"));
	/* Down, Enter: boot -1's events open in the events view */
	scrfix_press(ui, KBD_DOWN, KBD_ENTER, 0);
	assert_ptr_equal(ui->screens.cur, &scr_events);
	assert_non_null(ui->klog.boot_kev);
	fr = scrfix_frame(f);
	assert_ptr_equal(fr->body, dash_body_events);
	assert_ptr_equal(fr->klog->ev, ui->klog.boot_kev);
	assert_int_equal(kevents_count(fr->klog->ev), 3);
	assert_int_equal(kevents_get(fr->klog->ev, 0)->kind, KEVENT_PANIC);
	assert_non_null(strstr(fr->status_info, "boot -1's kernel events"));
	/* no action aims at a process of an earlier boot */
	scrfix_press(ui, KBD_F(9), 0);
	assert_non_null(strstr(ui->status.text, "earlier boot"));
	/* 0: back to Boots; the events view lets them go */
	scrfix_press(ui, KBD_ESC, '0', 0);
	assert_null(ui->klog.boot_kev);
	v = view(f);
	assert_int_equal(v->selected, 1);
	assert_int_equal(v->nevents, 3);
	assert_non_null(strstr(v->events[0], "oom_kill  hog pid 5807"));
	assert_non_null(strstr(v->events[2], "panic  Fatal exception"));
	assert_non_null(strstr(v->events_title, "3 kernel events"));
	/* the events view shows the running log again */
	scrfix_press(ui, 'e', 0);
	assert_ptr_equal(scrfix_frame(f)->klog->ev, ui->klog.kev);
	scrfix_press(ui, '0', 0);
	/* a boot the journal does not have says why */
	scrfix_press(ui, KBD_END, KBD_ENTER, 0);
	v = view(f);
	assert_int_equal(v->selected, 4);
	assert_int_equal(v->nevents, 0);
	assert_non_null(strstr(v->events_title,
	                       "no events read (the journal "
	                       "has no messages of this boot"));
	/* leaving and coming back keeps what was read; r reads again */
	scrfix_press(ui, KBD_ESC, '0', 0);
	assert_int_equal(view(f)->selected, 4);
	scrfix_press(ui, 'r', 0);
	assert_int_equal(view(f)->selected, 0);
	assert_int_equal(view(f)->nrows, 5);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_open_select_events,
	                                    scrfix_setup, scrfix_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
