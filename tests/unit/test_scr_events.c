/*
 * Unit tests for the events screen with the recorder's events (app/
 * scr_events.c, app/ui_klog.c): kills only the record holds are rows of
 * their own, marked from the record, with their black box open; a live
 * kill matched to its record shows the box on Enter; an event with no
 * record says why (not in the record, the load failed, or nothing when
 * nothing was read, or "not yet" for a kill of a moment ago); action
 * keys on a recorded-only kill are refused.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "app/scr.h"
#include "app/scr_events.h"
#include "core/clock.h"
#include "scrfix.h"

/* A kmsg kill record: seq, boot time usec, pid. */
static void
feed_kill(struct kevents *ev, int seq, long usec, int pid)
{
	char line[200];
	int n = snprintf(line, sizeof line,
	                 "3,%d,%ld,-;Out of memory: Killed process %d (live) "
	                 "total-vm:1000kB, anon-rss:500kB, file-rss:0kB, "
	                 "shmem-rss:0kB, UID:0 pgtables:10kB oom_score_adj:0",
	                 seq, usec, pid);

	assert_int_equal(kevents_feed_line(ev, line, (size_t)n), 1);
}

/* Two live kills (seq 10 and 20) and a record of a newer kill (seq 30,
 * with a box) and of the live seq 20 (with a box). */
static void
fixture(struct ui *ui)
{
	struct recbox *b = calloc(2, sizeof *b);

	assert_non_null(b);
	ui->klog.kev = kevents_new(16);
	assert_non_null(ui->klog.kev);
	feed_kill(ui->klog.kev, 10, 5000000, 100);
	feed_kill(ui->klog.kev, 20, 9000000, 200);
	assert_true(
	    recbox_event(&b[0].ev, "oom_kill", KLOG_TIME_BOOT, 9500000, 30, 300,
	                 "{\"comm\": \"gone\", \"anon_rss_kb\": 7}", 35));
	b[0].has_box = true;
	b[0].ntop = 1;
	assert_true(recbox_event(&b[1].ev, "oom_kill", KLOG_TIME_BOOT, 9000000,
	                         20, 200, "{}", 2));
	b[1].has_box = true;
	ui->klog.boxes = b;
	ui->klog.nboxes = 2;
	ui->klog.box_state = UI_BOX_READ;
	ui->klog.record_last_ms = clock_wall_ms(); /* a recorder writes it */
}

static void
test_rows_and_boxes(void **state)
{
	struct scrfix *f = *state;
	struct ui *ui = &f->ui;
	struct scr_events_state *e = scr_state(ui, &scr_events);
	const struct dash_klog *k;

	fixture(ui);
	scrfix_press(ui, 'e', 0);
	k = scrfix_frame(f)->klog;
	assert_int_equal(k->nrows, 3);
	assert_true(k->rows[0].from_record);
	assert_int_equal(k->rows[0].e->pid, 300);
	assert_memory_equal(k->rows[0].e->comm.s, "gone", 4);
	assert_true(k->box_open); /* no report: the box at once */
	assert_null(k->box_why);
	/* an action on it is refused, whatever the key */
	scrfix_press(ui, KBD_F(9), 0);
	assert_non_null(strstr(ui->status.text, "from the record"));
	assert_false(ui_act_dialog_open(ui));
	/* the live kill of the record: its report, the box on Enter */
	scrfix_press(ui, KBD_DOWN, 0);
	k = scrfix_frame(f)->klog;
	assert_false(k->rows[1].from_record);
	assert_ptr_equal(k->rows[1].box, &ui->klog.boxes[1]);
	assert_false(k->box_open);
	scrfix_press(ui, KBD_ENTER, 0);
	assert_true(e->box_open);
	assert_true(scrfix_frame(f)->klog->box_open);
	scrfix_press(ui, KBD_ENTER, 0);
	assert_false(scrfix_frame(f)->klog->box_open);
	/* a live kill not in the record says so */
	scrfix_press(ui, KBD_DOWN, 0);
	k = scrfix_frame(f)->klog;
	assert_null(k->rows[2].box);
	assert_non_null(k->box_why);
	assert_non_null(strstr(k->box_why, "not in the record"));
	/* a kill of a moment ago: the recorder has not stored it yet */
	feed_kill(ui->klog.kev, 40, (long)clock_mono_ms() * 1000 - 1000000,
	          400);
	scrfix_press(ui, KBD_HOME, 0);
	k = scrfix_frame(f)->klog;
	assert_int_equal(k->nrows, 4);
	assert_int_equal(k->rows[0].e->pid, 400);
	assert_true(ui_klog_box_pending(ui, &k->rows[0]));
	assert_non_null(strstr(k->box_why, "no black box yet"));
	assert_false(ui_klog_box_pending(ui, &k->rows[3])); /* an old one */
	/* a record that stopped 5 minutes ago awaits no box, and says so */
	ui->klog.record_last_ms = clock_wall_ms() - 5 * 60000;
	k = scrfix_frame(f)->klog;
	assert_false(ui_klog_box_pending(ui, &k->rows[0]));
	assert_non_null(strstr(k->box_why, "the record stopped before this "
	                                   "event (is the recorder running?)"));
	ui->klog.record_last_ms = clock_wall_ms();
	scrfix_press(ui, KBD_END, 0);
	/* the load failed: its reason */
	ui->klog.box_state = UI_BOX_FAILED;
	snprintf(ui->klog.box_note, sizeof ui->klog.box_note,
	         "no black box: no record at /x.db");
	assert_string_equal(scrfix_frame(f)->klog->box_why,
	                    "no black box: no record at /x.db");
	/* nothing read (yet, or --proc-root): nothing said, no record row */
	ui->klog.box_state = UI_BOX_UNREAD;
	assert_null(scrfix_frame(f)->klog->box_why);
	free(ui->klog.boxes);
	ui->klog.boxes = NULL;
	ui->klog.nboxes = 0;
	assert_int_equal(scrfix_frame(f)->klog->nrows, 3);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_rows_and_boxes, scrfix_setup,
	                                    scrfix_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
