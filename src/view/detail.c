/* detail.c: the process detail screen's body (see view/detail.h). */
#include <stdio.h>

#include "model/chart.h"
#include "model/snapshot.h"
#include "model/trend.h"
#include "view/dash.h"
#include "view/detail.h"
#include "view/draw.h"
#include "view/screen.h"

/* Rows above the charts: the title, the verdict, min/max/first seen. */
#define DETAIL_HEAD_ROWS 3
/* Rows below them: the kill marks on the time axis and their legend. */
#define DETAIL_AXIS_ROWS 2

/* One lane's chart at row y, height rows: each column from its lowest to
 * its highest value, scaled from the lane's lowest to its highest value
 * (for RSS the min and max printed above), with both beside them. */
static void
detail_chart(struct screen *s, const struct layout_rect *r, int y, int height,
             const struct dash_detail *v, enum detail_lane lane)
{
	static const char *const labels[DETAIL_LANES] = {"RSS", "anon", "swap"};
	char row[DETAIL_COLS_MAX * 3 + 1], top[16], bottom[16];
	bool ascii = !screen_utf8(s);
	int64_t lo, hi;

	if (!chart_bounds(v->lo_kb[lane], v->hi_kb[lane], v->ncols, &lo, &hi))
		lo = hi = 0;
	trend_fmt_kb((double)hi, 0, top, sizeof top);
	trend_fmt_kb((double)lo, 0, bottom, sizeof bottom);
	/* the label, the top of the scale, its bottom on the last row */
	draw_str(s, y, r->x, DETAIL_LABEL_W, THEME_TITLE, labels[lane],
	         DRAW_FILL);
	if (height > 1)
		draw_str(s, y + 1, r->x, DETAIL_LABEL_W, THEME_DIALOG, top,
		         DRAW_FILL);
	if (height > 2)
		draw_str(s, y + height - 1, r->x, DETAIL_LABEL_W, THEME_DIALOG,
		         bottom, DRAW_FILL);
	for (int i = 0; i < height; i++) {
		chart_row(v->lo_kb[lane], v->hi_kb[lane], v->ncols, lo, hi,
		          (size_t)height, (size_t)i, ascii, row, sizeof row);
		draw_str(s, y + i, r->x + DETAIL_LABEL_W, r->w - DETAIL_LABEL_W,
		         THEME_DIALOG, row, DRAW_FILL);
	}
}

/* The time axis at row y: 'K' under the column of every OOM kill in the
 * span; below it the legend of the newest kills that fit, then "+N more"
 * for the others (or why there are none). */
static void
detail_axis(struct screen *s, const struct layout_rect *r, int y,
            const struct dash_detail *v)
{
	char row[DETAIL_COLS_MAX + 1], legend[256];
	size_t used, shown = 0, total = v->nkills + v->kills_more;
	int n;

	chart_marks(v->mark_col, v->nmarks, v->ncols, 'K', row, sizeof row);
	draw_str(s, y, r->x, DETAIL_LABEL_W, THEME_TITLE, "kills", DRAW_FILL);
	draw_str(s, y, r->x + DETAIL_LABEL_W, r->w - DETAIL_LABEL_W,
	         THEME_DIALOG, row, DRAW_FILL);
	for (size_t i = 0; i < v->nmarks; i++) {
		if (v->mark_col[i] < (size_t)(r->w - DETAIL_LABEL_W))
			draw_str(s, y,
			         r->x + DETAIL_LABEL_W + (int)v->mark_col[i], 1,
			         THEME_KLOG_OOM, "K", 0);
	}
	if (v->nkills == 0) {
		draw_fmt(s, y + 1, r->x, r->w, THEME_DIALOG, 0,
		         "K: OOM kill (%s)", v->kill_note);
		return;
	}
	used = (size_t)snprintf(legend, sizeof legend, "K: OOM kill");
	for (size_t i = 0; i < v->nkills && used < sizeof legend; i++) {
		n = snprintf(legend + used, sizeof legend - used, " (%s)",
		             v->kill_text[i]);
		/* room for " +N more" after it unless it is the last */
		if (n < 0 ||
		    used + (size_t)n + (i + 1 < total ? 16 : 0) >
		        (size_t)r->w ||
		    used + (size_t)n + 16 >= sizeof legend)
			break; /* the newest that fit */
		used += (size_t)n;
		shown++;
	}
	legend[used] = '\0';
	if (shown < total)
		snprintf(legend + used, sizeof legend - used, " +%zu more",
		         total - shown);
	draw_str(s, y + 1, r->x, r->w, THEME_DIALOG, legend, DRAW_FILL);
}

/* The line of RSS min, max, first seen and the tier read at row y: the
 * longest form that fits (without the tier, then without first seen), so
 * no word is cut. */
static void
detail_numbers(struct screen *s, const struct layout_rect *r, int y,
               const struct dash_detail *v)
{
	char lo[16], hi[16], minmax[48], seen[96], full[136];
	const char *const forms[] = {full, seen, minmax, NULL};

	trend_fmt_kb((double)v->min_kb, 0, lo, sizeof lo);
	trend_fmt_kb((double)v->max_kb, 0, hi, sizeof hi);
	snprintf(minmax, sizeof minmax, "RSS min %s  max %s", lo, hi);
	snprintf(seen, sizeof seen, "%s  first seen %s", minmax, v->first_seen);
	snprintf(full, sizeof full, "%s  (%s)", seen, v->span);
	draw_forms(s, y, r->x, r->w, THEME_DIALOG, forms, 0);
}

/* The process detail screen: title, numbers, three charts, time axis. */
void
dash_body_detail(struct screen *s, const struct dash_frame *f)
{
	const struct layout_rect *r = &f->layout->body;
	const struct dash_detail *v = f->screen_data;
	int height;

	if (!layout_rect_visible(r) || v == NULL)
		return;
	draw_clear_rect(s, r, THEME_DIALOG);
	draw_fmt(s, r->y, r->x, r->w, THEME_TITLE, 0, "pid %d  %s%s%s",
	         (int)v->pid, v->comm, v->gone[0] ? "  " : "", v->gone);
	if (!v->found) {
		draw_str(s, r->y + 1, r->x, r->w, THEME_PROC_NA,
		         v->gone[0] ? v->gone
		                    : "no RSS recorded for this process yet "
		                      "(kernel threads have none)",
		         0);
		return;
	}
	draw_fmt(s, r->y + 1, r->x, r->w, THEME_DIALOG, 0, "RSS %s",
	         v->verdict);
	detail_numbers(s, r, r->y + 2, v);
	height = (r->h - DETAIL_HEAD_ROWS - DETAIL_AXIS_ROWS) / DETAIL_LANES;
	if (height > CHART_ROWS_MAX)
		height = CHART_ROWS_MAX;
	if (height < 1)
		return;
	for (int l = 0; l < DETAIL_LANES; l++)
		detail_chart(s, r, r->y + DETAIL_HEAD_ROWS + l * height, height,
		             v, (enum detail_lane)l);
	detail_axis(s, r, r->y + DETAIL_HEAD_ROWS + DETAIL_LANES * height, v);
}
