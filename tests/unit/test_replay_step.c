/*
 * Unit tests for the replay's moves (app/replay.c: replay_key's t, T, +
 * and -, replay_tick) on a record with a gap in it and one that grows
 * while it is replayed: a step across a gap says so on the status line
 * (and the header's rates there say why there are none); at the newest
 * sample loaded, t, + and a tick while playing read the samples recorded
 * since and go on, and only say "the newest sample" when there are none.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "app/replay.h"
#include "persist/recload.h"
#include "dbfix.h"
#include "dbtimes.h"
#include "replayfix.h"
#include "scrfix.h"

/* The first samples: 10 s apart, then a 33 s gap before 63. */
static const int first_s[] = {0, 10, 20, 30, 63, 73};
#define NFIRST (sizeof first_s / sizeof first_s[0])

/* A session replaying the first samples, with the past cursor. */
static int
setup(void **state)
{
	struct replayfix *f = replayfix_new("oomwatch_replay_step");
	struct replay *rp;

	if (f == NULL)
		return -1;
	*state = f;
	if (dbtimes_write(f->db->path, "boot-s", first_s, NFIRST, 0, -1) != 0 ||
	    replayfix_open(f) != 0)
		return -1;
	rp = f->sf->ui.replay;
	rp->past = recload_cursor_new(rp->path, REPLAY_PAST_CAP_BYTES, 1000);
	return rp->past != NULL ? 0 : -1;
}

/* Press a replay key: its flags (it must be taken). */
static unsigned
key(struct ui *ui, int32_t k)
{
	bool taken = false;
	unsigned flags = replay_key(ui, k, &taken);

	assert_true(taken);
	return flags;
}

/* The status line's text. */
static const char *
status(const struct ui *ui)
{
	return ui->status.text;
}

/* t onto the first sample after the gap says so, with its length; the
 * sample's rates are none, "after a gap"; T back across it says the gap
 * is after the sample; - across it says it was crossed; a move with no
 * gap says nothing. */
static void
test_gap_said(void **state)
{
	struct replayfix *f = *state;
	struct ui *ui = &f->sf->ui;
	struct replay *rp = ui->replay;

	rp->cur = 3;
	assert_int_equal(key(ui, 't'), UI_RESAMPLE);
	assert_int_equal(rp->cur, 4);
	assert_string_equal(status(ui),
	                    "replay: a gap of 0h00m33s in the record before "
	                    "this sample (the recorder was not running)");
	assert_int_equal(recreplay_snapshot(rp->rr, rp->cur, &ui->snap), 0);
	assert_false(ui->snap.rates.valid);
	assert_int_equal(ui->snap.rates.na, VMSTAT_NA_GAP);
	assert_int_equal(ui->snap.rates.gap_ms, 33000);
	key(ui, 't');
	assert_int_equal(rp->cur, 5);
	assert_string_equal(status(ui), "");
	key(ui, 'T');
	assert_int_equal(rp->cur, 4);
	assert_string_equal(status(ui), "");
	key(ui, 'T');
	assert_int_equal(rp->cur, 3);
	assert_non_null(strstr(status(ui), "a gap of 0h00m33s in the record "
	                                   "after this sample"));
	rp->cur = 5;
	key(ui, '-'); /* to 10 s, the newest at or before 13 s */
	assert_int_equal(rp->cur, 1);
	assert_non_null(strstr(status(ui), "a gap of 0h00m33s in the record "
	                                   "crossed by this step"));
	rp->cur = 0;
	key(ui, '+');
	assert_int_equal(rp->cur, 4); /* the first at or after 60 s */
	assert_non_null(strstr(status(ui), "before this sample"));
}

/* A record that grows: t at the newest loaded sample reads the new ones
 * and goes on; + at it too; with nothing new, "the newest sample". */
static void
test_newer_by_key(void **state)
{
	static const int more_s[] = {83, 93, 103};
	static const int last_s[] = {113};
	struct replayfix *f = *state;
	struct ui *ui = &f->sf->ui;
	struct replay *rp = ui->replay;

	rp->cur = NFIRST - 1;
	assert_int_equal(key(ui, 't'), UI_REDRAW);
	assert_string_equal(status(ui), "replay: the newest sample");
	assert_int_equal(
	    dbtimes_write(f->db->path, "boot-s", more_s, 3, NFIRST, 93), 0);
	assert_int_equal(key(ui, 't'), UI_RESAMPLE);
	assert_int_equal(rp->cur, NFIRST);
	assert_int_equal(recreplay_count(rp->rr), NFIRST + 3);
	assert_int_equal(recreplay_nevents(rp->rr), 1);
	assert_int_equal(recreplay_event(rp->rr, 0)->at, NFIRST + 1);
	assert_non_null(rp->past); /* built anew for the new samples */
	assert_string_equal(status(ui), "");
	assert_int_equal(key(ui, '+'), UI_RESAMPLE);
	assert_int_equal(rp->cur, NFIRST + 2);
	assert_int_equal(key(ui, '+'), UI_REDRAW);
	assert_string_equal(status(ui), "replay: the newest sample");
	assert_int_equal(
	    dbtimes_write(f->db->path, "boot-s", last_s, 1, NFIRST + 3, -1), 0);
	assert_int_equal(key(ui, '+'), UI_RESAMPLE);
	assert_int_equal(rp->cur, NFIRST + 3);
	assert_int_equal(recreplay_nevents(rp->rr), 1);
	/* T at the oldest reads nothing and moves nowhere */
	rp->cur = 0;
	assert_int_equal(key(ui, 'T'), UI_REDRAW);
	assert_string_equal(status(ui), "replay: the oldest sample");
}

/* } with no later event loaded reads what was recorded since, and jumps
 * to the kill recorded there; with nothing new it says so. */
static void
test_newer_by_event(void **state)
{
	static const int more_s[] = {83, 93, 103};
	struct replayfix *f = *state;
	struct ui *ui = &f->sf->ui;
	struct replay *rp = ui->replay;

	rp->cur = NFIRST - 1;
	assert_int_equal(key(ui, '}'), UI_REDRAW);
	assert_string_equal(status(ui), "replay: no later event recorded");
	assert_int_equal(
	    dbtimes_write(f->db->path, "boot-s", more_s, 3, NFIRST, 93), 0);
	assert_int_equal(key(ui, '}'), UI_RESAMPLE);
	assert_int_equal(rp->cur, NFIRST + 1);
	assert_non_null(strstr(status(ui), "replay: event 1/1 "));
}

/* Playing: a tick at the newest loaded sample reads the new ones and
 * goes on (saying a gap it crosses, then clearing that), and pauses at
 * the newest when there are none. */
static void
test_newer_by_tick(void **state)
{
	static const int gap_s[] = {200};
	static const int after_s[] = {210};
	struct replayfix *f = *state;
	struct ui *ui = &f->sf->ui;
	struct replay *rp = ui->replay;

	rp->cur = NFIRST - 1;
	ui->paused = false;
	assert_int_equal(replay_tick(ui), UI_REDRAW);
	assert_true(ui->paused);
	assert_string_equal(status(ui), "replay: the newest sample; paused");
	ui->paused = false;
	ui->status.text[0] = '\0';
	assert_int_equal(
	    dbtimes_write(f->db->path, "boot-s", gap_s, 1, NFIRST, -1), 0);
	assert_int_equal(replay_tick(ui), UI_RESAMPLE);
	assert_false(ui->paused);
	assert_int_equal(rp->cur, NFIRST);
	assert_string_equal(status(ui),
	                    "replay: a gap of 0h02m07s in the record before "
	                    "this sample (the recorder was not running)");
	assert_int_equal(
	    dbtimes_write(f->db->path, "boot-s", after_s, 1, NFIRST + 1, -1),
	    0);
	assert_int_equal(replay_tick(ui), UI_RESAMPLE);
	assert_int_equal(rp->cur, NFIRST + 1);
	assert_string_equal(status(ui), "");
	assert_int_equal(replay_tick(ui), UI_REDRAW);
	assert_true(ui->paused);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_gap_said, setup,
	                                    replayfix_teardown),
	    cmocka_unit_test_setup_teardown(test_newer_by_key, setup,
	                                    replayfix_teardown),
	    cmocka_unit_test_setup_teardown(test_newer_by_event, setup,
	                                    replayfix_teardown),
	    cmocka_unit_test_setup_teardown(test_newer_by_tick, setup,
	                                    replayfix_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
