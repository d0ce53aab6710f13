/*
 * Unit tests for the events and changes screens and the actions they
 * start (app/ui_act.c): the events cursor and task table, the signal
 * menu, the adj prompt, the results list. Actions run on a child this
 * test starts (tests/helpers/scrfix.h).
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "act_child.h"
#include "cgfixture.h"
#include "app/scr.h"
#include "app/scr_cgroups.h"
#include "app/scr_changes.h"
#include "app/scr_events.h"
#include "app/scr_help.h"
#include "app/scr_procs.h"
#include "app/scr_setup.h"
#include "kfixture.h"
#include "model/columns.h"
#include "scrfix.h"
#include "view/panes.h"

/* An engine with an older hung task and an OOM kill whose task table has
 * 30 more rows (09.txt with lines added). */
static struct kevents *
events_fixture(void)
{
	size_t len, at;
	char *buf = kfixture_load("09.txt", &len), *big, *kill;
	struct kevents *ev = kevents_new(64);
	static const char *const hung[] = {
	    "3,1,1000000,-;INFO: task jbd2/sda1-8:301 blocked for more than "
	    "120 seconds.",
	    NULL};
	int n = 0;

	assert_non_null(buf);
	assert_non_null(ev);
	big = malloc(len + 30 * 200);
	assert_non_null(big);
	kill = strstr(buf, "oom-kill:constraint");
	assert_non_null(kill);
	while (kill > buf && kill[-1] != '\n')
		kill--;
	at = (size_t)(kill - buf);
	memcpy(big, buf, at);
	for (int i = 1; i <= 30; i++)
		n += snprintf(big + at + n, 200,
		              "6,%d,228226406,-;[   %d]     0  %d     2000 %8d "
		              "    %d        0         0    40960        0     "
		              "        0 w%02d\n",
		              500 + i, 6000 + i, 6000 + i, 1000 - i, 1000 - i,
		              i);
	memcpy(big + at + n, kill, len - at);
	kfixture_feed_lines(ev, hung);
	kfixture_feed(ev, big, len + (size_t)n);
	free(big);
	free(buf);
	return ev;
}

static void
test_events_cursor_and_task_table(void **state)
{
	struct scrfix *f = *state;
	struct ui *ui = &f->ui;
	struct scr_events_state *e = scr_state(ui, &scr_events);
	const struct kevent *kill;

	ui->klog.kev = events_fixture();
	assert_int_equal(kevents_count(ui->klog.kev), 2);
	kill = kevents_get(ui->klog.kev, 0);
	assert_int_equal(kill->kind, KEVENT_OOM_KILL);
	assert_true(kill->oom.ntasks > 20);
	scrfix_press(ui, 'e', 0);
	assert_int_equal(e->cursor, 0);
	scrfix_press(ui, KBD_PGDN, KBD_PGDN, 0);
	assert_int_equal(e->task_top, 20);
	scrfix_press(ui, KBD_PGUP, 0);
	assert_int_equal(e->task_top, 10);
	scrfix_frame(f);
	assert_int_equal(ui->klog.view.task_top, 10);
	/* another event: its task table starts at the top */
	scrfix_press(ui, 'j', 0);
	assert_int_equal(e->cursor, 1);
	assert_int_equal(e->task_top, 0);
	scrfix_press(ui, KBD_DOWN, 0);
	assert_int_equal(e->cursor, 1); /* the oldest: no further */
	assert_int_equal(scrfix_press(ui, KBD_PGDN, 0),
	                 0); /* not an OOM kill */
	scrfix_press(ui, KBD_UP, KBD_UP, 0);
	assert_int_equal(e->cursor, 0);
	scrfix_press(ui, KBD_END, 0);
	assert_int_equal(e->cursor, 1);
	assert_ptr_equal(scrfix_frame(f)->body, dash_body_events);
	assert_int_equal(ui->klog.view.event_cursor, 1);
	scrfix_press(ui, KBD_HOME, 0);
	assert_int_equal(e->cursor, 0);
	/* a fresh visit starts at the newest event */
	scrfix_press(ui, KBD_END, KBD_ESC, 'e', 0);
	assert_int_equal(e->cursor, 0);
}

/* Actions on, and the child the only row (selected). */
static void
act_on_child(struct scrfix *f)
{
	struct ui *ui = &f->ui;

	assert_int_equal(act_child_start(&f->child, 0), 0);
	snapshot_reset(&ui->snap);
	assert_int_equal(scrfix_add_row(ui, f->child.pid, f->child.start_time,
	                                "owtchild", 100),
	                 0);
	assert_int_equal(table_rebuild(&ui->table, &ui->snap), 0);
	table_move_to(&ui->table, &ui->snap, 0);
	ui_act_init(ui);
	assert_null(ui->act.disabled);
}

static void
test_signal_menu_opens_and_esc_closes(void **state)
{
	struct scrfix *f = *state;
	struct ui *ui = &f->ui;
	const struct dash_frame *fr;

	act_on_child(f);
	scrfix_press(ui, KBD_F(9), 0);
	assert_true(ui_act_dialog_open(ui));
	assert_int_equal(ui->act.dialog.machine.kind, ACTDIALOG_SIGNAL);
	fr = scrfix_frame(f);
	assert_non_null(fr->act->dlg);
	assert_int_equal(fr->act->ntargets, 1);
	assert_int_equal(fr->act->shown[0].pid, f->child.pid);
	/* the dialog takes every key: q is no quit, 2 no screen switch */
	assert_false(scrfix_press(ui, 'q', '2', 0) & UI_QUIT);
	assert_ptr_equal(ui->screens.cur, &scr_procs);
	scrfix_press(ui, KBD_ESC, 0);
	assert_false(ui_act_dialog_open(ui));
	assert_non_null(strstr(ui->status.text, "cancelled"));
	assert_true(act_alive(f->child.pid));
	/* k opens it too */
	scrfix_press(ui, 'k', 0);
	assert_true(ui_act_dialog_open(ui));
	scrfix_press(ui, KBD_ESC, 0);
	assert_false(ui_act_dialog_open(ui));
	/* F10 quits from the dialog, a pending confirmation too: nothing
	 * is sent */
	scrfix_press(ui, KBD_F(9), KBD_ENTER, 0);
	assert_true(ui_act_dialog_open(ui));
	assert_true(scrfix_press(ui, KBD_F(10), 0) & UI_QUIT);
	assert_true(act_alive(f->child.pid));
}

static void
test_adj_prompt_digits_and_enter(void **state)
{
	struct scrfix *f = *state;
	struct ui *ui = &f->ui;
	struct scr_changes_state *c = scr_state(ui, &scr_changes);
	const struct dash_frame *fr;
	bool found = false;

	act_on_child(f);
	scrfix_press(ui, 'a', 0);
	assert_true(ui_act_dialog_open(ui));
	assert_int_equal(ui->act.dialog.machine.kind, ACTDIALOG_ADJ_VALUE);
	scrfix_type(ui, "500");
	scrfix_press(ui, KBD_ENTER, 0);
	if (ui_act_dialog_open(ui))
		scrfix_press(ui, 'y', 0); /* the policy asked to confirm */
	assert_false(ui_act_dialog_open(ui));
	assert_int_equal(act_read_long(f->child.pid, "oom_score_adj"), 500);
	/* u undoes it */
	scrfix_press(ui, 'u', 0);
	assert_int_equal(act_read_long(f->child.pid, "oom_score_adj"), 0);
	/* the changes screen lists both */
	scrfix_press(ui, 'L', 0);
	fr = scrfix_frame(f);
	assert_ptr_equal(fr->body, dash_body_changes);
	assert_true(fr->act->nlines > 2);
	for (size_t i = 0; i < fr->act->nlines; i++)
		found |= strstr(c->lines[i].text, "500") != NULL;
	assert_true(found);
}

/* The changes screen lists the results newest first, the last
 * UI_ACT_LOG_MAX of them. */
static void
test_changes_lists_results_newest_first(void **state)
{
	struct scrfix *f = *state;
	struct ui *ui = &f->ui;
	struct scr_changes_state *c = scr_state(ui, &scr_changes);
	struct ui_act_result *r;
	const struct dash_frame *fr;
	const char *last;
	size_t end;

	ring_init(&ui->act.log_ring, UI_ACT_LOG_MAX);
	for (int i = 0; i < UI_ACT_LOG_MAX + 6; i++) {
		r = &ui->act.log[ring_push(&ui->act.log_ring, NULL)];
		r->ok = i % 2 == 0;
		snprintf(r->text, sizeof r->text, "result %d", i);
	}
	scrfix_press(ui, 'L', 0);
	fr = scrfix_frame(f);
	/* the adj and cgroup limit headings with "none yet" each, a blank,
	 * a heading, the kept results */
	assert_int_equal(fr->act->total, 6 + UI_ACT_LOG_MAX);
	assert_non_null(strstr(c->lines[6].text, "result 69"));
	assert_int_equal(c->lines[6].role, THEME_STATUS_ERROR);
	assert_non_null(strstr(c->lines[7].text, "result 68"));
	assert_int_equal(c->lines[7].role, THEME_STATUS_OK);
	/* PgDn stops with the oldest kept one on the body's last line */
	for (int i = 0; i < 10; i++)
		scrfix_press(ui, KBD_PGDN, 0);
	fr = scrfix_frame(f);
	assert_true(fr->act->nlines > 1);
	assert_int_equal(fr->act->scroll + fr->act->nlines, fr->act->total);
	last = c->lines[fr->act->nlines - 1].text;
	assert_non_null(strstr(last, "  result 6"));
	assert_int_equal(strlen(strstr(last, "result 6")), 8);
	end = fr->act->scroll;
	/* End goes there too, Down stays there */
	scrfix_press(ui, KBD_HOME, 0);
	assert_int_equal(scrfix_frame(f)->act->scroll, 0);
	scrfix_press(ui, KBD_END, 0);
	assert_int_equal(scrfix_frame(f)->act->scroll, end);
	scrfix_press(ui, KBD_DOWN, 0);
	assert_int_equal(scrfix_frame(f)->act->scroll, end);
}

static void
test_events_actions_aim_at_the_event(void **state)
{
	struct scrfix *f = *state;
	struct ui *ui = &f->ui;

	act_on_child(f);
	/* no event: nothing is held, whatever row is selected */
	scrfix_press(ui, 'e', KBD_F(9), 0);
	assert_false(ui_act_dialog_open(ui));
	assert_non_null(strstr(ui->status.text, "names no process"));
	assert_int_equal(ui->act.dialog.ntargets, 0);
	/* and on the table the same key aims at the selected row */
	scrfix_press(ui, KBD_ESC, KBD_F(9), 0);
	assert_true(ui_act_dialog_open(ui));
	assert_int_equal(ui->act.dialog.targets[0].pid, f->child.pid);
	scrfix_press(ui, KBD_ESC, 0);
}

static void
test_actions_off_says_why(void **state)
{
	struct scrfix *f = *state;
	struct ui *ui = &f->ui;

	f->opt.proc_root = "/nonexistent";
	ui_act_init(ui);
	scrfix_press(ui, KBD_F(9), 0);
	assert_false(ui_act_dialog_open(ui));
	assert_non_null(strstr(ui->status.text, "actions are off"));
}

int
main(void)
{
#define T(name)                                                                \
	cmocka_unit_test_setup_teardown(name, scrfix_setup, scrfix_teardown)
	const struct CMUnitTest tests[] = {
	    T(test_changes_lists_results_newest_first),
	    T(test_events_cursor_and_task_table),
	    T(test_signal_menu_opens_and_esc_closes),
	    T(test_adj_prompt_digits_and_enter),
	    T(test_events_actions_aim_at_the_event),
	    T(test_actions_off_says_why),
	};
#undef T
	return cmocka_run_group_tests(tests, NULL, NULL);
}
