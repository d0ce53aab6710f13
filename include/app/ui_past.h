/*
 * ui_past: the dashboard's read of the recorder's database at start
 * (persist/recload.h), in a background thread, so the first frame never
 * waits for it. The thread builds a past history of the last 24 hours of
 * this boot and writes an eventfd when done; the loop polls that fd and
 * hands the past to the live history (model/histsnap.h,
 * histsnap_set_past) on the main thread, then says in the status line
 * "history: loaded 3h12m from PATH" or why not ("no record", "locked",
 * "corrupt: ..."). A missing database is no error.
 *
 *   struct ui_past p;
 *   ui_past_start(&p, opt);            before the first sample
 *   poll ui_past_fd(&p) (-1: nothing to wait for)
 *   flags |= ui_past_take(&p, ui);     when it is readable
 *   ui_past_reread(ui->klog.past, ui); a live event waits for its box
 *   ui_past_stop(&p);                  at exit (stops and joins)
 *
 * Nothing is loaded with --proc-root (the record is of the real /proc,
 * not of the tree shown).
 */
#ifndef OOMWATCH_APP_UI_PAST_H
#define OOMWATCH_APP_UI_PAST_H

#include <limits.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>

#include "app/options.h"
#include "app/ui.h"
#include "persist/recload.h"

/* The past history's memory cap. */
#define UI_PAST_CAP_BYTES (32u << 20)
/* The loader thread's nice value. */
#define UI_PAST_NICE 10
/* How long the loader waits on a writer's lock. */
#define UI_PAST_BUSY_MS 1000
/* The black boxes are read again at most this often. */
#define UI_PAST_REREAD_MS 3000

/* The load in progress (or done). */
struct ui_past {
	pthread_t th;
	bool running; /* th was started and not yet joined */
	int efd;      /* eventfd written when done; -1: none */
	atomic_int stop;
	char path[PATH_MAX];
	char boot_id[64];
	struct recload_req rq;
	struct recload res;
	uint64_t started_ms; /* CLOCK_MONOTONIC at the start */
	uint64_t boxes_ms;   /* when the last re-read of the boxes started */
};

/* Start loading the database (--db, or the recorder's default path).
 * Nothing is started when there is no path or with --proc-root. */
void ui_past_start(struct ui_past *p, const struct options *opt);

/* The fd to poll for the end of the load, or -1. */
int ui_past_fd(const struct ui_past *p);

/* The load is done: hand the past to ui's history, reset the verdicts
 * and say how it went; the UI_* flags to redraw. */
unsigned ui_past_take(struct ui_past *p, struct ui *ui);

/* Read the record's events and black boxes again in the background (a
 * live event is not in it yet: the recorder stores its box with its next
 * sample), at most every UI_PAST_REREAD_MS, when the first load is done
 * and found the database readable; p may be NULL. The loop's poll and
 * ui_past_take then hand them over as at start (without a status line). */
void ui_past_reread(struct ui_past *p, struct ui *ui);

/* Give r's events and black boxes (r keeps none) to the events view
 * (ui->klog) in place of what it had, or, when r could not read them,
 * say why there, with path. */
void ui_past_give_boxes(struct ui *ui, struct recload *r, const char *path);

/* Stop a load still running, wait for it, and free what is left. */
void ui_past_stop(struct ui_past *p);

#endif
