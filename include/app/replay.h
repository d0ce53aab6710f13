/*
 * replay: `oomwatch --replay [--at TIME] [--db PATH]`, the dashboard on
 * the recorder's database (persist/recreplay.h) instead of the live
 * collector. A cursor names one recorded sample; each time it moves, the
 * loop's sample (ui_main.c) rebuilds the snapshot there and its history:
 * the past 24 hours of that boot up to the cursor through
 * persist/recload.h's cursor, which keeps the boot's minutes between
 * moves so a step reads only the minutes it needs (the trends, verdicts
 * and the detail charts, as a whole load there gives them), and the
 * system values of the 10 minutes before it as refreshes (the header's
 * sparklines). The normal ranking, table and header code then draw it.
 *
 * Paused by default: no refresh moves the cursor; `p` plays (one sample
 * a refresh, -d) and pauses again at the newest sample. At the newest
 * sample loaded, t, + and a tick first read the samples and events
 * recorded since (recreplay_newer: a recorder still running) and go on
 * when there are some. A step across a gap in the record (the recorder
 * not running: recreplay_gap_ms) says so on the status line. The keys
 * (taken before every screen's own, except while a prompt, menu or dialog is
 * open): t / T the next / previous sample (as atop), + / - one minute
 * on / back, } / { the next / previous recorded event. The Cgroups,
 * Memory and System screens draw the record (persist/recreplay_cg.h,
 * app/scr_memory.h, app/scr_system.h). Every action is refused ("replay: ..."):
 * the processes shown are a record, not live ones. The kernel log is not read:
 * the kernel-log pane and the events view show the lines of the recorded events
 * of the cursor's boot up to it, rebuilt from their JSON (persist/recreplay.h,
 * recreplay_klog) and fed to the log engine, which makes the events again.
 *
 *   replay_start(ui, err, n)    before the terminal opens (an error:
 *                               one line for stderr, status 1)
 *   replay_ready(ui)            after ui_act_init
 *   replay_sample(ui)           instead of collector_sample
 *   replay_key(ui, key, &taken) before scr_key
 *   replay_event_row(ui, &row)  the events view's selection after } / {
 *   replay_tick(ui)             on a refresh tick while playing
 *   ui->replay->header          the header's line (header_short on a
 *                               narrow one), in place of self-protection
 *   replay_stop(ui)             at exit
 */
#ifndef OOMWATCH_APP_REPLAY_H
#define OOMWATCH_APP_REPLAY_H

#include <limits.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "app/ui.h"
#include "persist/recreplay.h"

/* How far before TIME the sample shown may be (the recorder writes a
 * process row at least every 10 minutes; older is no picture of TIME). */
#define REPLAY_AT_GAP_MS RECREAD_ALIVE_MS
/* The header's sparklines: the system values this long before the
 * cursor are put as refreshes. */
#define REPLAY_SPARK_MS (10LL * 60 * 1000)
/* The loaded past's memory cap. */
#define REPLAY_PAST_CAP_BYTES (32u << 20)

/* The replay's state (ui->replay). */
struct replay {
	struct recreplay *rr;
	size_t cur;          /* the cursor: a sample index */
	size_t ev_cur;       /* the event } / { went to last (one arriving
	                        with sample cur), or SIZE_MAX: none since
	                        the cursor moved */
	bool ev_select;      /* the events view is to select ev_cur (once) */
	char path[PATH_MAX]; /* the database */
	char header[96];     /* "replay 2026-12-03 03:12:40, sample 1/9" */
	char header_short[64];
	char klog_source[160]; /* the log pane's and events view's source */
	struct recload_cursor *past; /* the past kept between moves, or
	                                NULL (persist/recload.h) */
	bool past_fresh; /* reload the whole past every step (recload_run:
	                    the benchmark's reference) */
	/* the events view's black boxes were read at: the cursor's boot
	 * (samples.boot) and the events recorded up to it (a count) */
	int64_t boxes_boot;
	size_t boxes_upto;
	/* the header's "since start": the OOM kill count at the first
	 * sample shown (SNAP_NA: none yet) and that sample's boot */
	int64_t kills_start, kills_boot;
};

/* Open the database (--db or the recorder's default path) and place the
 * cursor at --at: 0, or -1 with a one-line message in err. */
int replay_start(struct ui *ui, char *err, size_t errsz);

/* After the action context is open: refuse every action ("replay"). */
void replay_ready(struct ui *ui);

/* The snapshot at the cursor into ui->snap and its history into
 * ui->hist (the cursor's sample itself is left to histsnap_record): 0,
 * or 1 when it failed (said on the status line). */
int replay_sample(struct ui *ui);

/* A key: *taken and the UI_* flags when it is a replay key. */
unsigned replay_key(struct ui *ui, int32_t key, bool *taken);

/* After } / {, once: the events view's row (ui->klog.rows, rebuilt) of
 * the event it went to, by pid and kind, the newest such; false when
 * there is none to select. */
bool replay_event_row(struct ui *ui, size_t *row);

/* A refresh tick while playing: the next sample (UI_RESAMPLE), or 0
 * and paused at the newest. */
unsigned replay_tick(struct ui *ui);

/* Close the database and free the state. */
void replay_stop(struct ui *ui);

#endif
