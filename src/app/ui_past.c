/*
 * ui_past.c: the recorder's database read in a background thread at the
 * dashboard's start (see ui_past.h). The thread touches only p->rq and
 * p->res; the main thread reads p->res after the eventfd says it is done
 * and the thread is joined.
 */
#include "app/ui_past.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <sys/resource.h>
#include <unistd.h>

#include "app/record.h"
#include "collect/procroot.h"
#include "core/clock.h"

/* The thread: load (niced, so the first frames are not slowed on a busy
 * machine), then wake the loop. */
static void *
ui_past_main(void *arg)
{
	struct ui_past *p = arg;
	uint64_t one = 1;

	/* Linux: a thread's nice is its own (best effort) */
	(void)setpriority(PRIO_PROCESS, (id_t)gettid(), UI_PAST_NICE);
	(void)recload_run(&p->rq, &p->res);
	if (write(p->efd, &one, sizeof one) < 0) {
		/* an eventfd write fails only on overflow: nothing to do */
	}
	return NULL;
}

/* Start the thread on p->rq; false when it cannot be started. */
static bool
ui_past_spawn(struct ui_past *p)
{
	p->running = pthread_create(&p->th, NULL, ui_past_main, p) == 0;
	return p->running;
}

/* This boot's id into p->boot_id; false when it cannot be read. */
static bool
ui_past_boot_id(struct ui_past *p)
{
	int dir = procroot_open(NULL);
	ssize_t n = -1;

	if (dir >= 0) {
		n = procroot_read(dir, "sys/kernel/random/boot_id", p->boot_id,
		                  sizeof p->boot_id);
		close(dir);
	}
	if (n <= 0)
		return false;
	p->boot_id[strcspn(p->boot_id, "\n")] = '\0';
	return true;
}

/* Start the load (see the header). */
void
ui_past_start(struct ui_past *p, const struct options *opt)
{
	memset(p, 0, sizeof *p);
	p->efd = -1;
	if (opt->proc_root != NULL || !ui_past_boot_id(p))
		return;
	if (opt->db_path != NULL)
		snprintf(p->path, sizeof p->path, "%s", opt->db_path);
	else if (record_read_path(p->path, sizeof p->path, geteuid() == 0,
	                          getenv("XDG_STATE_HOME"), getenv("HOME")) < 0)
		return;
	p->efd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
	if (p->efd < 0)
		return;
	p->started_ms = clock_mono_ms();
	p->rq = (struct recload_req){
	    .path = p->path,
	    .boot_id = p->boot_id,
	    .now_wall_ms = clock_wall_ms(),
	    .now_mono_ms = p->started_ms,
	    .span_ms = RECLOAD_SPAN_MS,
	    .cap_bytes = UI_PAST_CAP_BYTES,
	    .busy_ms = UI_PAST_BUSY_MS,
	    .stop = &p->stop,
	};
	atomic_init(&p->stop, 0);
	if (!ui_past_spawn(p)) {
		close(p->efd);
		p->efd = -1;
	}
}

/* The fd to poll (see the header). */
int
ui_past_fd(const struct ui_past *p)
{
	return p->running ? p->efd : -1;
}

/* Hand the boxes over (see the header). */
void
ui_past_give_boxes(struct ui *ui, struct recload *r, const char *path)
{
	struct ui_klog *k = &ui->klog;

	free(k->boxes);
	k->boxes = r->boxes;
	k->nboxes = r->nboxes;
	k->record_last_ms = r->last_ms;
	r->boxes = NULL;
	r->nboxes = 0;
	if (r->boxes_read) {
		k->box_state = UI_BOX_READ;
		return;
	}
	k->box_state = UI_BOX_FAILED;
	snprintf(k->box_note, sizeof k->box_note,
	         "no black box: %.100s at %.120s",
	         r->box_why[0] ? r->box_why : r->why, path);
}

/* Hand the record's events and black boxes to the events view, or say
 * why there are none; a failed re-read keeps what was read. */
static void
ui_past_boxes(struct ui_past *p, struct ui *ui)
{
	struct recload *r = &p->res;

	if (r->boxes_read || !p->rq.boxes_only)
		ui->klog.past = p; /* a readable database: read again later */
	if (!p->rq.boxes_only || r->boxes_read)
		ui_past_give_boxes(ui, r, p->path);
}

/* Hand the past over (see the header). */
unsigned
ui_past_take(struct ui_past *p, struct ui *ui)
{
	struct recload *r = &p->res;
	uint64_t done;

	if (!p->running)
		return 0;
	pthread_join(p->th, NULL);
	p->running = false;
	if (read(p->efd, &done, sizeof done) < 0) {
		/* nonblocking: nothing to read is fine */
	}
	ui_past_boxes(p, ui);
	if (p->rq.boxes_only) {
		recload_fini(r);
		return UI_REDRAW;
	}
	if (r->st == RECLOAD_OK && ui->hist.h != NULL) {
		histsnap_set_past(&ui->hist, r->past);
		r->past = NULL;
		if (ui->trends != NULL)
			trendcache_refresh(ui->trends);
		if (ui->have_snap)
			hdrhist_build(&ui->histview, &ui->hist, &ui->snap);
	}
	ui_status(ui,
	          r->st == RECLOAD_OK || r->st == RECLOAD_MISSING
	              ? THEME_STATUS_INFO
	              : THEME_STATUS_ERROR,
	          "history: %s %s %s%s%s%s%s", r->why,
	          r->st == RECLOAD_OK ? "from" : "at", p->path,
	          r->ends[0] ? "; " : "", r->ends, r->note[0] ? "; " : "",
	          r->note);
	recload_fini(r);
	return UI_REBUILD | UI_REDRAW;
}

/* Read the boxes again (see the header). */
void
ui_past_reread(struct ui_past *p, struct ui *ui)
{
	uint64_t now = clock_mono_ms();

	if (p == NULL || p->running || p->efd < 0 ||
	    ui->klog.box_state != UI_BOX_READ ||
	    now < p->boxes_ms + UI_PAST_REREAD_MS)
		return;
	p->boxes_ms = now;
	p->rq.boxes_only = true;
	if (!ui_past_spawn(p))
		ui->klog.past = NULL; /* no thread: no more re-reads */
}

/* Stop and free (see the header). */
void
ui_past_stop(struct ui_past *p)
{
	if (p->running) {
		atomic_store(&p->stop, 1);
		pthread_join(p->th, NULL);
		p->running = false;
	}
	recload_fini(&p->res);
	if (p->efd >= 0)
		close(p->efd);
	p->efd = -1;
}
