/*
 * ui_klog.c: the kernel-log engine wired into the dashboard. The reader
 * (collect/kmsg.h) feeds the event engine (model/kevents.h), which fills a
 * fixed ring of display lines for the log pane and a ring of events for
 * the events view. /dev/kmsg is polled with the terminal; klogctl has no
 * fd and is pumped on each refresh. A --kmsg-file (a post-mortem in the
 * same screen) is read whole, whatever its size, as an htop user expects
 * of a file they named: the events view must see every report in it, and
 * the ring keeps the last lines. A big file is read in slices of at most
 * FILE_SLICE_MS between frames, so keys stay answered and the pane title
 * says "reading file, N lines so far" until the end (where the reader
 * finishes the engine). Each pump has a budget, so a flood of kernel
 * messages cannot starve the keyboard.
 */
#include "app/ui.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/clock.h"
#include "persist/recdb.h"
#include "persist/recload.h"

#define KLOG_LINES 2000
#define PUMP_BUDGET 512
/* A --kmsg-file is read for at most this long per main-loop turn. */
#define FILE_SLICE_MS 50

/* Read what is there: a --kmsg-file for one slice (until its end, a pipe
 * with nothing yet, or FILE_SLICE_MS), the live log for one pump. 0, or
 * -errno. */
static int
klog_slice(struct ui *ui)
{
	struct kmsg_drain d = {.budget = PUMP_BUDGET};

	if (kmsg_source(ui->klog.kr) == KMSG_SRC_FILE)
		d.until_ms = clock_mono_ms() + FILE_SLICE_MS;
	return kmsg_drain(ui->klog.kr, ui->klog.kev, &d);
}

/* Open the reader the options name; 0, or -1 with err set. */
int
ui_klog_open(struct ui *ui, char *err, size_t err_size)
{
	const char *file = ui->opt->kmsg_file;
	int rc;

	if (file != NULL && strcmp(file, "-") == 0) {
		snprintf(err, err_size,
		         "--kmsg-file - needs --events: the dashboard reads "
		         "keys from standard input");
		return -1;
	}
	ui->klog.kev = kevents_new(UI_KLOG_EVENTS);
	if (ui->klog.kev == NULL ||
	    klogring_init(&ui->klog.ring, KLOG_LINES) != 0) {
		snprintf(err, err_size, "out of memory");
		return -1;
	}
	kevents_set_ring(ui->klog.kev, &ui->klog.ring);
	rc = file ? kmsg_new_file(&ui->klog.kr, file, NULL, NULL)
	          : kmsg_new_live(&ui->klog.kr, NULL, NULL);
	if (rc < 0) {
		snprintf(err, err_size, "%s: %s", file ? file : "kernel log",
		         strerror(-rc));
		return -1;
	}
	/* a small file is whole before the first frame; the rest of a big
	 * one comes between frames (ui_klog_pump) */
	if (file != NULL && (rc = klog_slice(ui)) < 0) {
		snprintf(err, err_size, "%s: %s", file, strerror(-rc));
		return -1;
	}
	return 0;
}

/* Close the reader and free the engine. */
void
ui_klog_close(struct ui *ui)
{
	kmsg_free(ui->klog.kr);
	ui->klog.kr = NULL;
	free(ui->klog.boxes);
	ui->klog.boxes = NULL;
	ui->klog.nboxes = ui->klog.nrows = 0;
	kevents_free(ui->klog.kev);
	ui->klog.kev = NULL;
	if (ui->klog.ring.lines != NULL)
		klogring_fini(&ui->klog.ring);
}

/* The fd to poll (a --kmsg-file's until its end), or -1. */
int
ui_klog_fd(const struct ui *ui)
{
	return ui->klog.kr ? kmsg_fd(ui->klog.kr) : -1;
}

/* Read what the kernel log has now; UI_REDRAW when lines came. */
unsigned
ui_klog_pump(struct ui *ui)
{
	uint64_t before;
	bool ended;
	int n;

	if (ui->klog.kr == NULL || kmsg_source(ui->klog.kr) == KMSG_SRC_NONE)
		return 0;
	before = ui->klog.ring.pushed;
	ended = kmsg_ended(ui->klog.kr);
	n = klog_slice(ui);
	if (n < 0)
		ui_status(ui, THEME_STATUS_ERROR, "kernel log: %s",
		          strerror(-n));
	return ui->klog.ring.pushed != before ||
	               kmsg_ended(ui->klog.kr) != ended
	           ? UI_REDRAW
	           : 0;
}

/* True when the record's boxes belong to the events shown: this boot's
 * (not an earlier boot's, not a --kmsg-file's; with no kernel log at
 * all, the record's kills are still this boot's). */
static bool
klog_boxes_apply(const struct ui *ui)
{
	return ui->klog.boot_kev == NULL &&
	       (ui->klog.kr == NULL ||
	        kmsg_source(ui->klog.kr) != KMSG_SRC_FILE);
}

/* Rebuild the events view's rows (see ui.h). */
size_t
ui_klog_rows(struct ui *ui)
{
	struct ui_klog *k = &ui->klog;
	bool boxes = klog_boxes_apply(ui);

	k->nrows = recbox_merge(k->boot_kev ? k->boot_kev : k->kev,
	                        boxes ? k->boxes : NULL, boxes ? k->nboxes : 0,
	                        k->rows, sizeof k->rows / sizeof k->rows[0]);
	return k->nrows;
}

/* Whether the record is still being written: its newest sample is at
 * most RECLOAD_STALE_MS old. */
static bool
klog_record_live(const struct ui *ui)
{
	return ui->klog.record_last_ms + RECLOAD_STALE_MS >= clock_wall_ms();
}

/* Whether a live event may still get its box (see ui.h). */
bool
ui_klog_box_pending(const struct ui *ui, const struct recbox_row *r)
{
	const struct kevent *e = r->e;
	int64_t now_us = (int64_t)clock_mono_ms() * 1000;

	return r->box == NULL && !r->from_record && ui->replay == NULL &&
	       klog_boxes_apply(ui) && ui->klog.box_state == UI_BOX_READ &&
	       klog_record_live(ui) &&
	       recdb_bbox_kind(kevent_kind_name(e->kind)) &&
	       e->time.kind == KLOG_TIME_BOOT &&
	       e->time.usec + UI_KLOG_BOX_WAIT_MS * 1000 >= now_us;
}

/* Why a row has no black box (see ui.h). */
const char *
ui_klog_box_why(const struct ui *ui, const struct recbox_row *r)
{
	const struct kevent *e = r->e;

	if (!recdb_bbox_kind(kevent_kind_name(e->kind)))
		return NULL; /* the recorder keeps none for these */
	if (r->box != NULL && r->box->has_box)
		return NULL;
	if (r->box != NULL && r->box->sampled_before)
		return "no black box: none kept, though the recorder was "
		       "sampling (the size cap, --max-size, drops the oldest "
		       "boxes first)";
	if (r->box != NULL)
		return "no black box: the recorder had no full sample before "
		       "this event";
	if (!klog_boxes_apply(ui) || ui->klog.box_state == UI_BOX_UNREAD)
		return NULL;
	if (ui->klog.box_state == UI_BOX_FAILED)
		return ui->klog.box_note;
	if (ui->replay != NULL) /* every event listed is from the record */
		return "no black box: the record keeps none for this event";
	if (ui_klog_box_pending(ui, r))
		return "no black box yet: the recorder stores it with its next "
		       "sample (the record is read again)";
	if (!klog_record_live(ui) && e->time.kind == KLOG_TIME_BOOT &&
	    clock_wall_ms() - ((int64_t)clock_mono_ms() - e->time.usec / 1000) >
	        ui->klog.record_last_ms)
		return "no black box: the record stopped before this event (is "
		       "the recorder running?)";
	return "no black box: not in the record (the recorder was not "
	       "running then)";
}

/* How far the log pane can scroll up: the oldest line shown under the
 * filter on the pane's top row. */
size_t
ui_klog_max_scroll(const struct ui *ui)
{
	size_t n = klogring_count_shown(&ui->klog.ring,
	                                ui->settings.cfg.log_important),
	       rows = ui->layout.log.h > 2 ? (size_t)ui->layout.log.h - 1 : 1;

	return n > rows ? n - rows : 0;
}

/* Fill the frame's view of the kernel log. */
void
ui_klog_frame(struct ui *ui, struct dash_frame *f)
{
	struct dash_klog *k = &ui->klog.view;
	long page = sysconf(_SC_PAGESIZE);

	memset(k, 0, sizeof *k);
	k->ring = ui->klog.ring.lines != NULL ? &ui->klog.ring : NULL;
	k->ev = ui->klog.kev;
	k->source =
	    ui->klog.kr ? kmsg_status(ui->klog.kr) : "kernel log: not read";
	k->source_ok = ui->klog.kr && kmsg_source(ui->klog.kr) != KMSG_SRC_NONE;
	k->lost = ui->klog.kr ? kmsg_lost(ui->klog.kr, &k->lost_at_least) : 0;
	k->important_only = ui->settings.cfg.log_important;
	k->page_kb = page > 0 ? (int)(page / 1024) : 4;
	f->klog = k;
}
