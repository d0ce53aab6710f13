/* scr_detail.c: the process detail screen's keys and frame (see
 * scr_detail.h). */
#include "app/scr_detail.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "core/clock.h"
#include "model/snapshot.h"

/* Columns left of the charts for their labels ("RSS  "). */
#define DETAIL_LABEL_COLS 6

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

/* The n points into cols columns, the highest known value of each
 * column's points (SNAP_NA when none is known). */
static void
detail_columns(const struct hist_point *p, size_t n, size_t cols, int64_t *out)
{
	for (size_t c = 0; c < cols; c++) {
		size_t a = c * n / cols, b = (c + 1) * n / cols;

		out[c] = SNAP_NA;
		for (size_t i = a; i < b; i++) {
			if (p[i].value >= 0 && p[i].value > out[c])
				out[c] = p[i].value;
		}
	}
}

/* Read the process's lanes from tier into the view's columns. */
static void
detail_read(struct ui *ui, struct scr_detail_state *s, enum hist_tier tier)
{
	static const enum hist_proc_lane lanes[DETAIL_LANES] = {
	    [DETAIL_RSS] = HIST_RSS_KB,
	    [DETAIL_ANON] = HIST_ANON_KB,
	    [DETAIL_SWAP] = HIST_SWAP_KB,
	};
	struct histsnap *hs = &ui->hist;
	struct dash_detail *v = &s->view;
	int w = ui->layout.body.w - DETAIL_LABEL_COLS;
	size_t cols = w > 1 ? (size_t)w : 1, n;

	if (cols > DETAIL_COLS_MAX)
		cols = DETAIL_COLS_MAX;
	for (int l = 0; l < DETAIL_LANES; l++) {
		n = hist_read_proc(hs->h, s->id, tier, lanes[l], hs->pts,
		                   hs->cap);
		if (l == DETAIL_RSS && n > 0)
			clock_wall_text(hs->pts[0].wall_ms, "%Y-%m-%d %H:%M:%S",
			                "unknown", v->first_seen,
			                sizeof v->first_seen);
		v->ncols = n < cols ? n : cols;
		detail_columns(hs->pts, n, v->ncols, v->kb[l]);
	}
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
	if (ui->hist.h == NULL ||
	    hist_count_proc(ui->hist.h, s->id, HIST_FINE) +
	            hist_count_proc(ui->hist.h, s->id, HIST_MINUTE) ==
	        0)
		return;
	if (hist_count_proc(ui->hist.h, s->id, HIST_MINUTE) >=
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
	detail_read(ui, s, tier);
	v->min_kb = t.min_kb;
	v->max_kb = t.max_kb;
	v->found = v->ncols > 0 && t.samples > 0; /* no RSS known: none */
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
    .key = '7',
    .enter = enter,
    .state_size = sizeof(struct scr_detail_state),
    .frame = frame,
};
