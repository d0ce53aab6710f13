/*
 * header.c: the header meters and the next-victim line. The lines and
 * their short forms come from model/meters.c; here each line is fitted to
 * the width it gets (model/meterfit.c, measured as drawn) and drawn.
 * Mem, Swp and PSI end with the history's sparklines (model/hdrhist.h),
 * Mem then with the time to OOM.
 */
#include "view/panes.h"

#include <limits.h>
#include <string.h>

#include "model/meters.h"
#include "view/draw.h"

/* Columns of text as draw_text would draw it (a meterfit measure). */
static int
measure(void *ctx, const char *text, size_t len)
{
	return draw_width(ctx, text, len, INT_MAX);
}

/* Draw bar b in w columns at (y, x): "[|||###   text]". */
static void
bar(struct screen *s, int y, int x, int w, struct meters_bar *b)
{
	int inner = w - 2, at = x + 1, cells, tw;

	if (inner < 1)
		return;
	draw_str(s, y, x, 1, THEME_NORMAL, "[", 0);
	for (int i = 0; i < b->nparts && b->total > 0; i++) {
		cells =
		    (int)((double)b->parts[i] * inner / (double)b->total + 0.5);
		for (int k = 0; k < cells && at < x + w - 1; k++)
			draw_text(s, y, at++, 1, b->role[i], &b->glyph[i], 1,
			          0);
	}
	tw = meterfit_fit(&b->text, 1, inner - 1, 0, measure, s);
	if (tw > 0)
		draw_text(s, y, x + w - 1 - tw, tw, THEME_METER_VALUE,
		          b->text.form[b->text.pick], b->text.len, 0);
	draw_str(s, y, x + w - 1, 1, THEME_NORMAL, "]", 0);
}

/* Fit line l to w columns and draw it at (y, x). */
static void
line_draw(struct screen *s, int y, int x, int w, struct meters_line *l)
{
	const char *ell = draw_glyph(s, "\xe2\x80\xa6", "~");
	struct meterfit_seg *sg;

	meterfit_fit(l->seg, l->nseg, w, 1, measure, s);
	for (size_t i = 0; i < l->nseg; i++) {
		sg = &l->seg[i];
		if (sg->cols == 0)
			continue;
		if ((int)i == l->bar_seg)
			bar(s, y, x, sg->cols - sg->ellipsis, &l->bar);
		else if (sg->len > 0)
			draw_text(s, y, x + sg->gap_cols,
			          sg->cols - sg->gap_cols - sg->ellipsis,
			          l->role[i], sg->form[sg->pick], sg->len, 0);
		if (sg->ellipsis)
			draw_str(s, y, x + sg->cols - 1, 1, THEME_NORMAL, ell,
			         0);
		x += sg->cols;
	}
}

/* --replay's line in place of self-protection: the replayed time and
 * the sample, or the short form when the long one does not fit. */
static void
replay_draw(struct screen *s, int y, int x, int w, const struct dash_frame *f)
{
	const char *t = f->replay;

	if (draw_width(s, t, strlen(t), INT_MAX) > w && f->replay_short != NULL)
		t = f->replay_short;
	draw_str(s, y, x, w, THEME_METER_LABEL, t, 0);
}

/* The header meters. */
void
header_draw(struct screen *s, const struct dash_frame *f)
{
	const struct layout_rect *r = &f->layout->header;
	struct meters_place at[METERS_COUNT];
	struct meters_in in;
	struct meters_line l;
	size_t n;

	if (!layout_rect_visible(r))
		return;
	if (f->snap == NULL) {
		draw_str(s, r->y, r->x, r->w, THEME_STATUS_INFO,
		         "reading /proc ...", 0);
		return;
	}
	in = (struct meters_in){.snap = f->snap,
	                        .kills_at_start = f->kills_at_start,
	                        .new_kill = f->new_kill,
	                        .self_text = f->protect.text,
	                        .self_ok = f->protect.ok,
	                        .self_disabled = f->protect.disabled,
	                        .shown_rows = f->table->nrows,
	                        .paused = f->paused,
	                        .tasks_recorded = f->replay != NULL,
	                        .hist = f->hist,
	                        /* draw_glyph gives ASCII in the C locale */
	                        .spark_ascii =
	                            draw_glyph(s, "u", "a")[0] == 'a'};
	n = meters_arrange(at, r->h, r->w, f->layout->header_columns);
	for (size_t i = 0; i < n; i++) {
		if (at[i].id == METERS_SELF && f->replay != NULL) {
			replay_draw(s, r->y + at[i].row, r->x + at[i].x,
			            at[i].w, f);
			continue;
		}
		meters_line(&l, at[i].id, &in);
		line_draw(s, r->y + at[i].row, r->x + at[i].x, at[i].w, &l);
	}
}

/* The next-victim line. */
void
header_victim_draw(struct screen *s, const struct dash_frame *f)
{
	const struct layout_rect *r = &f->layout->victim;
	struct meters_line l;

	if (!layout_rect_visible(r) || f->snap == NULL)
		return;
	meters_victim(&l, f->snap, f->victim);
	line_draw(s, r->y, r->x + 1, r->w - 1, &l);
}
