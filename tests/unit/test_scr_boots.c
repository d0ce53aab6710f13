/* Unit tests for app/scr_boots.c: the Boots screen on the golden
 * fixture's boot history, without a terminal: key 0 opens it and starts
 * reading the history in the background (the screen says so until a
 * redraw or a tick picks the result up), Up/Down select, Enter reads the
 * selected boot's events (from the saved journal) the same way and the
 * tick after opens them in the events view, r reads again. With a fake
 * journalctl that sleeps 2 s: the key returns with the read running, a
 * second r starts none, and leaving the dashboard mid-read kills it. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "app/scr_boots.h"
#include "app/scr_events.h"
#include "collect/bootjob.h"
#include "collect/kmsg.h"
#include "fakejctl.h"
#include "scrfix.h"

#define FIXTURE_PROC "tests/fixtures/golden/proc"
#define FIXTURE_KMSG "tests/fixtures/golden/kmsg.txt"

/* The boots view of the current frame. */
static const struct dash_boots *
view(struct scrfix *f)
{
	const struct dash_frame *fr = scrfix_frame(f);

	assert_ptr_equal(fr->body, dash_body_boots);
	return fr->screen_data;
}

/* Wait for the screen's running read to end (it is not picked up yet). */
static void
read_ends(struct ui *ui)
{
	struct scr_boots_state *s = scr_state(ui, &scr_boots);

	assert_non_null(s->job);
	assert_true(bootjob_wait(s->job, 15000));
}

/* Key 0 on the golden tree: the history once read (the redraw picks it
 * up). */
static const struct dash_boots *
visit(struct scrfix *f)
{
	struct ui *ui = &f->ui;
	struct scr_boots_state *s = scr_state(ui, &scr_boots);

	f->opt.proc_root = FIXTURE_PROC;
	assert_null(s->data); /* nothing is read before the first visit */
	scrfix_press(ui, '0', 0);
	assert_ptr_equal(ui->screens.cur, &scr_boots);
	read_ends(ui);
	return view(f);
}

/* The table: every way a boot ended, newest first. */
static void
test_history_table(void **state)
{
	const struct dash_boots *v = visit(*state);

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
	assert_non_null(strstr(v->sources[0], "wtmp: 5 boots"));
	assert_non_null(strstr(v->events_title[0], "Boot 0: Enter reads"));
}

/* Down, Enter: boot -1's events are read from the journal and open in the
 * events view at the tick after; back on Boots the pane lists them;
 * Enter again reads again, and once read opens them with no new read. */
static void
test_open_journal_events(void **state)
{
	struct scrfix *f = *state;
	struct ui *ui = &f->ui;
	struct scr_boots_state *s = scr_state(ui, &scr_boots);
	const struct dash_boots *v = visit(f);
	const struct dash_frame *fr;

	scrfix_press(ui, KBD_DOWN, 0);
	assert_string_equal(view(f)->events_title[0],
	                    "Boot -1: Enter reads its events from the journal "
	                    "(else from its pstore dump)");
	scrfix_press(ui, KBD_ENTER, 0);
	assert_ptr_equal(ui->screens.cur, &scr_boots);
	read_ends(ui);
	scr_sampled(ui);
	assert_ptr_equal(ui->screens.cur, &scr_events);
	fr = scrfix_frame(f);
	assert_ptr_equal(fr->body, dash_body_events);
	assert_ptr_equal(fr->klog->ev, ui->klog.boot_kev);
	assert_int_equal(kevents_count(fr->klog->ev), 3);
	assert_int_equal(kevents_get(fr->klog->ev, 0)->kind, KEVENT_PANIC);
	assert_non_null(
	    strstr(fr->status_info, "boot -1's kernel events (journal)"));
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
	assert_non_null(
	    strstr(v->events_title[0], "3 kernel events from the journal"));
	/* the events view shows the running log again */
	scrfix_press(ui, 'e', 0);
	assert_ptr_equal(scrfix_frame(f)->klog->ev, ui->klog.kev);
	scrfix_press(ui, '0', 0);
	/* Enter again reads again; a key before the tick: no jump... */
	scrfix_press(ui, KBD_ENTER, 0);
	read_ends(ui);
	scrfix_press(ui, KBD_DOWN, KBD_UP, 0);
	scr_sampled(ui);
	assert_ptr_equal(ui->screens.cur, &scr_boots);
	assert_non_null(strstr(view(f)->events_title[0], "3 kernel events"));
	/* ...and Enter then opens them at once, with no new read */
	scrfix_press(ui, KBD_ENTER, 0);
	assert_null(s->job);
	assert_ptr_equal(ui->screens.cur, &scr_events);
	assert_int_equal(kevents_count(ui->klog.boot_kev), 3);
}

/* A boot only pstore knows (-3): the hint says Enter reads its dump, and
 * Enter opens the dump's events; a boot in no source of events (-4) says
 * why with no read; r reads the history again. */
static void
test_open_pstore_events(void **state)
{
	struct scrfix *f = *state;
	struct ui *ui = &f->ui;
	struct scr_boots_state *s = scr_state(ui, &scr_boots);
	const struct dash_boots *v = visit(f);

	scrfix_press(ui, KBD_DOWN, KBD_DOWN, KBD_DOWN, 0);
	assert_string_equal(view(f)->events_title[0],
	                    "Boot -3: Enter: the events of its pstore dump");
	scrfix_press(ui, KBD_ENTER, 0);
	read_ends(ui);
	scr_sampled(ui);
	assert_ptr_equal(ui->screens.cur, &scr_events);
	assert_non_null(ui->klog.boot_kev);
	assert_true(kevents_count(ui->klog.boot_kev) > 0);
	assert_int_equal(kevents_get(ui->klog.boot_kev, 0)->kind, KEVENT_PANIC);
	assert_non_null(strstr(scrfix_frame(f)->status_info,
	                       "boot -3's kernel events (pstore dump)"));
	scrfix_press(ui, KBD_ESC, '0', 0);
	assert_non_null(
	    strstr(view(f)->events_title[0], "from its pstore dump"));
	scrfix_press(ui, KBD_END, KBD_ENTER, 0);
	assert_null(s->job);
	v = view(f);
	assert_int_equal(v->selected, 4);
	assert_int_equal(v->nevents, 0);
	assert_string_equal(v->events_title[0],
	                    "Boot -4: no events: the journal has no messages "
	                    "of this boot, and pstore no dump");
	/* leaving and coming back keeps what was read; r reads again */
	scrfix_press(ui, KBD_ESC, '0', 0);
	assert_int_equal(view(f)->selected, 4);
	scrfix_press(ui, 'r', 0);
	read_ends(ui);
	assert_int_equal(view(f)->selected, 0);
	assert_int_equal(view(f)->nrows, 5);
}

/* This boot's events are the dashboard's own kernel log's: its engine
 * keeps 1 event, yet the row counts all 3 the log (a file here) had;
 * the detail says where they came from; Enter opens the events view of
 * that log (no journal read, no earlier boot's events). */
static void
test_live_boot(void **state)
{
	struct scrfix *f = *state;
	struct ui *ui = &f->ui;
	struct scr_boots_state *s = scr_state(ui, &scr_boots);
	struct kmsg_drain d = {.budget = 4096, .until_ms = UINT64_MAX};
	const struct dash_boots *v;

	f->opt.proc_root = FIXTURE_PROC;
	ui->klog.kev = kevents_new(1);
	assert_non_null(ui->klog.kev);
	assert_int_equal(kmsg_new_file(&ui->klog.kr, FIXTURE_KMSG, NULL, NULL),
	                 0);
	assert_int_equal(kmsg_drain(ui->klog.kr, ui->klog.kev, &d), 0);
	assert_int_equal(kevents_count(ui->klog.kev), 1);
	scrfix_press(ui, '0', 0);
	read_ends(ui);
	v = view(f);
	assert_string_equal(v->rows[0].events,
	                    "1 oom_kill, 1 hung_task, 1 soft_lockup");
	assert_string_equal(v->rows[0].events_short, "3 events");
	assert_string_equal(v->detail[2][0],
	                    "kernel events (the kernel log file read): "
	                    "1 oom_kill, 1 hung_task, 1 soft_lockup");
	assert_non_null(strstr(v->events_title[0], "Boot 0 (running): Enter"));
	assert_string_equal(s->data->live_source, "file");
	assert_int_equal(v->ndetail, 3);
	/* the kernel counted more kills than the log kept: it says so */
	ui->kills.seen = 7;
	v = view(f);
	assert_int_equal(v->ndetail, 4);
	assert_string_equal(v->detail[3][1],
	                    "7 OOM kills this boot (/proc/vmstat)");
	assert_non_null(strstr(v->detail[3][0], "its log kept the newest 1"));
	/* an earlier boot keeps the journal's counts */
	assert_string_equal(v->rows[1].events,
	                    "1 oom_kill, 1 hung_task, 1 panic");
	scrfix_press(ui, KBD_ENTER, 0);
	assert_null(s->job);
	assert_ptr_equal(ui->screens.cur, &scr_events);
	assert_null(ui->klog.boot_kev);
	assert_ptr_equal(scrfix_frame(f)->klog->ev, ui->klog.kev);
	kmsg_free(ui->klog.kr);
	ui->klog.kr = NULL;
}

/* A boot the journal does not have, when there is no journal: one clean
 * sentence, and a shorter form without the reason's remark. */
static void
test_no_journal_words(void **state)
{
	struct scrfix *f = *state;
	struct ui *ui = &f->ui;
	const struct dash_boots *v;

	f->opt.proc_root = "tests/fixtures/proc/basic";
	scrfix_press(ui, '0', 0);
	read_ends(ui);
	scrfix_press(ui, KBD_ENTER, 0);
	v = view(f);
	assert_int_equal(v->nrows, 1);
	assert_true(strncmp(v->events_title[0],
	                    "Boot 0: no events: journal not available (",
	                    42) == 0);
	assert_null(strchr(strchr(v->events_title[0], '(') + 1, '('));
	assert_string_equal(v->events_title[1],
	                    "Boot 0: no events: journal not available");
	/* the sources line's shorter forms: no remarks, then a word each */
	assert_null(strchr(v->sources[1], '('));
	assert_string_equal(v->sources[2],
	                    "wtmp: not available; journal: not available; "
	                    "pstore: not available; systemd-pstore: not "
	                    "available");
}

/* A journalctl that sleeps 2 s: key 0 returns with the read running and
 * the screen says so; r starts no second read; then the table. */
static void
test_slow_journal(void **state)
{
	struct scrfix *f = *state;
	struct ui *ui = &f->ui;
	struct scr_boots_state *s = scr_state(ui, &scr_boots);
	char script[PATH_MAX + 32], fix[PATH_MAX];
	const struct dash_boots *v;
	struct fakejctl fake;
	struct bootjob *job;

	assert_non_null(realpath("tests/fixtures/boots/journal.json", fix));
	snprintf(script, sizeof script, "sleep 2; cat %s", fix);
	assert_int_equal(fakejctl_install(&fake, script), 0);
	scrfix_press(ui, '0', 0); /* no --proc-root: journalctl runs */
	job = s->job;
	assert_non_null(job);
	assert_false(bootjob_done(job)); /* loading: the key did not wait */
	v = view(f);
	assert_true(v->reading);
	assert_int_equal(v->nrows, 0);
	assert_string_equal(v->sources[0],
	                    "reading the boot history (journalctl)...");
	assert_non_null(strstr(scrfix_frame(f)->status_info, "background"));
	scrfix_press(ui, 'r', KBD_ENTER, KBD_DOWN, 0);
	assert_ptr_equal(s->job, job); /* no second read */
	read_ends(ui);
	scr_sampled(ui); /* the tick picks it up */
	assert_null(s->job);
	v = view(f);
	assert_false(v->reading);
	assert_true(v->nrows >= 3); /* this boot, and a1 and b2 */
	assert_non_null(strstr(v->sources[0], "journal: 2 boots"));
	assert_int_equal(fakejctl_runs(&fake), 1);
	fakejctl_remove(&fake);
}

/* Leaving the dashboard while journalctl runs: it is killed and reaped
 * (its pid is gone), the thread joined (ASan sees no leak). */
static void
test_quit_while_reading(void **state)
{
	struct scrfix *f = *state;
	struct ui *ui = &f->ui;
	struct fakejctl fake;
	pid_t pid;

	assert_int_equal(fakejctl_install(&fake, "exec sleep 30"), 0);
	scrfix_press(ui, '0', 0);
	pid = fakejctl_pid(&fake, 1, 5000);
	assert_true(pid > 0);
	assert_false(bootjob_done(
	    ((struct scr_boots_state *)scr_state(ui, &scr_boots))->job));
	scr_fini(ui); /* as on quit (scrfix_teardown's is then a no-op) */
	assert_int_equal(kill(pid, 0), -1);
	assert_int_equal(errno, ESRCH);
	fakejctl_remove(&fake);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_history_table, scrfix_setup,
	                                    scrfix_teardown),
	    cmocka_unit_test_setup_teardown(test_open_journal_events,
	                                    scrfix_setup, scrfix_teardown),
	    cmocka_unit_test_setup_teardown(test_open_pstore_events,
	                                    scrfix_setup, scrfix_teardown),
	    cmocka_unit_test_setup_teardown(test_live_boot, scrfix_setup,
	                                    scrfix_teardown),
	    cmocka_unit_test_setup_teardown(test_no_journal_words, scrfix_setup,
	                                    scrfix_teardown),
	    cmocka_unit_test_setup_teardown(test_slow_journal, scrfix_setup,
	                                    scrfix_teardown),
	    cmocka_unit_test_setup_teardown(test_quit_while_reading,
	                                    scrfix_setup, scrfix_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
