/* scr_detail.c: the process detail screen's keys and frame (see
 * scr_detail.h). */
#include "app/scr_detail.h"
#include "app/replay.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "core/clock.h"
#include "core/sanitize.h"
#include "model/chart.h"
#include "model/kevents.h"
#include "model/snapshot.h"
#include "view/screen.h"

/* This screen's state. */
static struct scr_detail_state *
st(const struct ui *ui)
{
	return scr_state(ui, &scr_detail);
}

/* A fresh visit shows the selected row's process (kept when there is
 * none). */
static void
enter(struct ui *ui, const struct scr_def *from)
{
	const struct proc_row *r = table_selected(&ui->table, &ui->snap);
	struct scr_detail_state *s = st(ui);

	(void)from;
	if (r == NULL)
		return;
	s->id = (struct procid){r->pid, r->start_time};
	s->pid = r->pid;
	snprintf(s->comm, sizeof s->comm, "%s", r->comm);
}

/* Open on the selected row (see the header). */
unsigned
scr_detail_open(struct ui *ui)
{
	return scr_goto(ui, &scr_detail);
}

/* In a replay, the wall time kill e was recorded at (its event in the
 * record up to the cursor, by pid) into *wall_ms: the log's boot times
 * are not on the replayed points' clock (wall). False when not found. */
static bool
detail_replay_time(const struct ui *ui, const struct kevent *e,
                   int64_t *wall_ms)
{
	const struct recreplay *rr = ui->replay->rr;
	const struct recreplay_event *r;

	for (size_t k = recreplay_nevents(rr); k-- > 0;) {
		r = recreplay_event(rr, k);
		if (r->pid == e->pid && r->at <= ui->replay->cur &&
		    strcmp(r->kind, "oom_kill") == 0) {
			*wall_ms = r->time_ms;
			return true;
		}
	}
	return false;
}

/* Where kill e is on the charted points' clocks: *at_ms (wall when
 * *wall) and its wall clock in *wall_ms; false when it cannot be placed
 * (no time, or a boot time from a saved log, maybe another boot's). The
 * printk clock, like CLOCK_MONOTONIC, stops while suspended. */
static bool
detail_kill_time(const struct ui *ui, const struct kevent *e,
                 const struct hist_point *last, int64_t *at_ms, bool *wall,
                 int64_t *wall_ms)
{
	if (ui->replay != NULL && e->time.kind == KLOG_TIME_BOOT) {
		if (!detail_replay_time(ui, e, wall_ms))
			return false;
		*at_ms = *wall_ms;
		*wall = true;
		return true;
	}
	if (e->time.kind == KLOG_TIME_UNIX) {
		*at_ms = *wall_ms = e->time.usec / 1000;
		*wall = true;
		return true;
	}
	if (e->time.kind != KLOG_TIME_BOOT || e->time.usec < 0 ||
	    (ui->opt != NULL && ui->opt->kmsg_file != NULL))
		return false;
	*at_ms = e->time.usec / 1000;
	*wall = false;
	*wall_ms = last->wall_ms - ((int64_t)last->mono_ms - *at_ms);
	return true;
}

/* Mark column col (< DETAIL_COLS_MAX) of the view's axis, once. */
static void
detail_mark(struct dash_detail *v, size_t col)
{
	for (size_t i = 0; i < v->nmarks; i++)
		if (v->mark_col[i] == col)
			return;
	if (v->nmarks < DETAIL_COLS_MAX)
		v->mark_col[v->nmarks++] = col;
}

/* Mark every OOM kill inside the span of the charted points p[0..n) in
 * the view; the newest DETAIL_KILLS_MAX, newest first, with their time
 * and victim, the others counted; without any, say why in kill_note. */
static void
detail_kills(const struct ui *ui, const struct hist_point *p, size_t n,
             struct dash_detail *v)
{
	const struct kevents *kev = ui->klog.kev;
	size_t count = kev != NULL && n > 0 ? kevents_count(kev) : 0,
	       unplaced = 0;
	unsigned flags =
	    ui->scr != NULL && screen_utf8(ui->scr) ? 0 : SANITIZE_ASCII;
	char name[64], hms[16];
	int64_t at_ms, wall_ms;
	bool wall;
	long col;

	for (size_t i = 0; i < count; i++) {
		const struct kevent *e = kevents_get(kev, i);

		if (e == NULL || e->kind != KEVENT_OOM_KILL)
			continue;
		if (!detail_kill_time(ui, e, &p[n - 1], &at_ms, &wall,
		                      &wall_ms)) {
			unplaced++;
			continue;
		}
		col = chart_time_col(p, n, v->ncols, at_ms, wall);
		if (col < 0)
			continue;
		detail_mark(v, (size_t)col);
		if (v->nkills == DETAIL_KILLS_MAX) {
			v->kills_more++;
			continue;
		}
		if (e->comm.set)
			sanitize_text(name, sizeof name, e->comm.s, e->comm.len,
			              flags, NULL);
		else
			snprintf(name, sizeof name, "pid %" PRId64, e->pid);
		clock_wall_text(wall_ms, "%H:%M:%S", "?", hms, sizeof hms);
		v->kill_col[v->nkills] = (size_t)col;
		snprintf(v->kill_text[v->nkills], sizeof v->kill_text[0],
		         "%s victim %s", hms, name);
		v->nkills++;
	}
	if (kev == NULL)
		snprintf(v->kill_note, sizeof v->kill_note,
		         "kernel log not read");
	else if (unplaced > 0)
		snprintf(v->kill_note, sizeof v->kill_note,
		         "none in this span; %zu of a saved log not placed",
		         unplaced);
	else
		snprintf(v->kill_note, sizeof v->kill_note,
		         "none in this span");
}

/* Read the process's lanes (from the tier histsnap picks) into the
 * view's columns; first seen at its oldest point in either tier. */
static void
detail_read(struct ui *ui, struct scr_detail_state *s)
{
	int64_t first_ms = histsnap_first_proc(&ui->hist, s->id);
	static const enum hist_proc_lane lanes[DETAIL_LANES] = {
	    [DETAIL_RSS] = HIST_RSS_KB,
	    [DETAIL_ANON] = HIST_ANON_KB,
	    [DETAIL_SWAP] = HIST_SWAP_KB,
	};
	struct histsnap *hs = &ui->hist;
	struct dash_detail *v = &s->view;
	int w = ui->layout.body.w - DETAIL_LABEL_W;
	size_t cols = w > 1 ? (size_t)w : 1, n;

	if (cols > DETAIL_COLS_MAX)
		cols = DETAIL_COLS_MAX;
	for (int l = 0; l < DETAIL_LANES; l++) {
		/* the recorded past included (model/histsnap.h) */
		n = histsnap_read_proc(hs, s->id, lanes[l], NULL);
		if (l == DETAIL_RSS && n > 0)
			clock_wall_text(first_ms != SNAP_NA &&
			                        first_ms < hs->pts[0].wall_ms
			                    ? first_ms
			                    : hs->pts[0].wall_ms,
			                "%Y-%m-%d %H:%M:%S", "unknown",
			                v->first_seen, sizeof v->first_seen);
		if (l == DETAIL_RSS)
			v->ncols = chart_ncols(hs->pts, n, cols);
		chart_fill(hs->pts, n, v->ncols, v->lo_kb[l], v->hi_kb[l]);
		if (l == DETAIL_RSS)
			detail_kills(ui, hs->pts, n, v);
	}
}

/* In a replay, say why the process is not in the cursor's sample: it
 * ended by then (its history is before it), or is not recorded there. */
static void
detail_gone(const struct ui *ui, const struct scr_detail_state *s,
            struct dash_detail *v)
{
	const struct snapshot *snap = &ui->snap;

	if (ui->replay == NULL)
		return;
	for (size_t i = 0; i < snap->nprocs; i++)
		if (snap->procs[i].pid == s->id.pid &&
		    snap->procs[i].start_time == s->id.start_time)
			return;
	snprintf(
	    v->gone, sizeof v->gone, "%s",
	    histsnap_count_proc(&ui->hist, s->id, HIST_FINE) +
	                histsnap_count_proc(&ui->hist, s->id, HIST_MINUTE) >
	            0
	        ? "ended by this sample (T goes back)"
	        : "not recorded at this sample (ended before it, or "
	          "started after: T / t)");
}

/* Fill the view from the history (see struct dash_detail). */
static void
detail_fill(struct ui *ui, struct scr_detail_state *s)
{
	struct dash_detail *v = &s->view;
	enum hist_tier tier = HIST_FINE;
	struct proc_row r;
	struct trend t;

	memset(v, 0, sizeof *v);
	v->pid = s->pid;
	snprintf(v->comm, sizeof v->comm, "%s", s->comm);
	detail_gone(ui, s, v);
	if (ui->hist.h == NULL ||
	    histsnap_count_proc(&ui->hist, s->id, HIST_FINE) +
	            histsnap_count_proc(&ui->hist, s->id, HIST_MINUTE) ==
	        0)
		return;
	if (histsnap_count_proc(&ui->hist, s->id, HIST_MINUTE) >=
	    TREND_MIN_SAMPLES)
		tier = HIST_MINUTE;
	snprintf(v->span, sizeof v->span, "%s",
	         tier == HIST_MINUTE ? "one point a minute, 24 h"
	                             : "every refresh, 10 min");
	memset(&r, 0, sizeof r);
	r.pid = s->id.pid;
	r.start_time = s->id.start_time;
	histsnap_proc_trend(&ui->hist, &r, &t);
	trend_format(&t, v->verdict, sizeof v->verdict);
	detail_read(ui, s);
	/* the RSS chart's scale, so the numbers and the chart agree */
	v->found = chart_bounds(v->lo_kb[DETAIL_RSS], v->hi_kb[DETAIL_RSS],
	                        v->ncols, &v->min_kb, &v->max_kb) &&
	           t.samples > 0; /* no RSS known: none */
}

/* The frame: the charts of the process opened. */
static void
frame(struct ui *ui, struct dash_frame *f)
{
	struct scr_detail_state *s = st(ui);

	detail_fill(ui, s);
	f->body = dash_body_detail;
	f->screen_data = &s->view;
	f->status_info = "RSS, anon and swap over the process's history; Esc "
	                 "goes back";
}

const struct scr_def scr_detail = {
    .name = "Detail",
    .short_name = "Det",
    .key = '7',
    .enter = enter,
    .state_size = sizeof(struct scr_detail_state),
    .frame = frame,
};
