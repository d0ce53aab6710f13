/* bbpane.c: the black box of a recorded event (see view/bbpane.h). */
#include "view/bbpane.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "model/cgmem.h"
#include "model/chart.h"
#include "model/snapshot.h"
#include "model/trend.h"
#include "view/draw.h"

/* The widest chart drawn (columns). */
#define BB_COLS_MAX 256
/* Columns left of the chart for its scale. */
#define BB_LABEL_W 6
/* Side by side tables from this width on; stacked below it. */
#define BB_WIDE 80
/* The fewest chart rows kept below the tables, from this many rows on
 * (fewer: the tables only). */
#define BB_CHART_MIN 3
#define BB_CHART_AT 12
/* The most chart rows. */
#define BB_CHART_MAX 8

/* kB as "38M", or "?" when unknown. */
static const char *
bb_kb(int64_t kb, char *buf, size_t size)
{
	if (kb == SNAP_NA || kb < 0)
		snprintf(buf, size, "?");
	else
		trend_fmt_kb((double)kb, 0, buf, size);
	return buf;
}

/* A wall-clock time (ms) as local HH:MM:SS. */
static const char *
bb_clock(int64_t ms, char *buf, size_t size)
{
	time_t t = (time_t)(ms / 1000);
	struct tm tm;

	if (localtime_r(&t, &tm) == NULL)
		snprintf(buf, size, "?");
	else
		strftime(buf, size, "%H:%M:%S", &tm);
	return buf;
}

/* What the event was, for "before this ...". */
static const char *
bb_what(const struct recbox *b)
{
	return b->ev.kind == KEVENT_OOM_KILL ? "kill" : "event";
}

/* The memory at the box's sample into buf: "memcg 40M of 64M, " for a
 * memcg kill whose memcg the box holds, then MemAvailable and swap. */
static const char *
bb_state(const struct recbox *b, char *buf, size_t size)
{
	char u[16], l[16], a[16], sw[32], cg[48] = "";

	if (b->has_memcg)
		snprintf(cg, sizeof cg, "memcg %s of %s, ",
		         bb_kb(b->memcg_usage_kb, u, sizeof u),
		         b->memcg_limit_kb == CGMEM_UNLIMITED
		             ? "no limit"
		             : bb_kb(b->memcg_limit_kb, l, sizeof l));
	if (b->no_swap)
		snprintf(sw, sizeof sw, "no swap");
	else
		snprintf(sw, sizeof sw, "swap used %s",
		         bb_kb(b->swap_used_kb, l, sizeof l));
	snprintf(buf, size, "%sMemAvailable %s, %s", cg,
	         bb_kb(b->avail_kb, a, sizeof a), sw);
	return buf;
}

/* The summary line (see the header). */
void
bbpane_summary(struct screen *s, int y, int x, int w, const struct recbox *b)
{
	char st[128], t[16];

	draw_fmt(s, y, x, w, THEME_METER_LABEL, DRAW_FILL,
	         "Before this %s, at %s: %s (black box from the record; Enter "
	         "shows it)",
	         bb_what(b), bb_clock(b->box_ms, t, sizeof t),
	         bb_state(b, st, sizeof st));
}

/* The largest processes by RSS: a header at y, then up to rows rows. */
static void
bb_top(struct screen *s, int y, int x, int w, const struct recbox *b,
       size_t rows)
{
	char r[16], sw[16];

	draw_fmt(s, y++, x, w, THEME_PROC_HEADER, DRAW_FILL, "%8s %7s %7s  %s",
	         "PID", "RSS", "SWAP", "LARGEST BY RSS");
	for (size_t i = 0; i < b->ntop && i < rows; i++, y++) {
		const struct recbox_proc *p = &b->top[i];

		draw_fmt(s, y, x, w,
		         p->pid == b->ev.pid ? THEME_PROC_VICTIM : THEME_DIALOG,
		         0, "%8" PRId32 " %7s %7s  %s", p->pid,
		         bb_kb(p->rss_kb, r, sizeof r),
		         bb_kb(p->swap_kb, sw, sizeof sw), p->comm);
	}
	if (b->ntop == 0 && rows > 0)
		draw_str(s, y, x, w, THEME_PROC_NA, "no process rows kept", 0);
}

/* Those that grew most: a header at y, then up to rows rows. */
static void
bb_grew(struct screen *s, int y, int x, int w, const struct recbox *b,
        size_t rows)
{
	char was[16], now[16], g[16];

	draw_fmt(s, y++, x, w, THEME_PROC_HEADER, DRAW_FILL,
	         "%8s %7s %7s %7s  %s", "PID", "BEFORE", "RSS", "GREW",
	         "GREW MOST");
	for (size_t i = 0; i < b->ngrew && i < rows; i++, y++) {
		const struct recbox_grew *p = &b->grew[i];

		trend_fmt_kb((double)(p->rss_kb - p->before_kb), 1, g,
		             sizeof g);
		draw_fmt(s, y, x, w,
		         p->pid == b->ev.pid ? THEME_PROC_VICTIM : THEME_DIALOG,
		         0, "%8" PRId32 " %7s %7s %7s  %s", p->pid,
		         bb_kb(p->before_kb, was, sizeof was),
		         bb_kb(p->rss_kb, now, sizeof now), g, p->comm);
	}
	if (b->ngrew == 0 && rows > 0)
		draw_str(s, y, x, w, THEME_PROC_NA,
		         "none grew (or no sample 10 min before)", 0);
}

/* The victim's RSS points into p (RECBOX_VICTIM_MAX + 1): as recorded
 * (a row only when it changed), its last value held to the black box's
 * sample. Returns how many. */
static size_t
bb_points(const struct recbox *b, struct hist_point *p)
{
	size_t n = 0;

	for (; n < b->nvictim; n++)
		p[n] = (struct hist_point){(uint64_t)b->victim[n].time_ms,
		                           b->victim[n].time_ms,
		                           b->victim[n].rss_kb, false};
	if (n > 0 && b->box_ms > p[n - 1].wall_ms) {
		p[n] = p[n - 1];
		p[n].mono_ms = (uint64_t)b->box_ms;
		p[n++].wall_ms = b->box_ms;
	}
	return n;
}

/* The victim's RSS chart, scaled from 0: a title at y, then height
 * rows. */
static void
bb_chart(struct screen *s, int y, const struct layout_rect *r,
         const struct recbox *b, int height)
{
	static struct hist_point p[RECBOX_VICTIM_MAX + 1];
	static int64_t low[BB_COLS_MAX], high[BB_COLS_MAX];
	char row[BB_COLS_MAX * 3 + 1], top[16], bottom[16], t0[16], t1[16];
	int w = r->w - 2 - BB_LABEL_W;
	size_t n = bb_points(b, p), ncols;
	int64_t lo, hi;

	ncols = w > 0 ? chart_ncols(p, n,
	                            (size_t)(w > BB_COLS_MAX ? BB_COLS_MAX : w))
	              : 0;
	if (ncols == 0) {
		draw_str(s, y, r->x + 1, r->w - 2, THEME_PROC_NA,
		         "Victim RSS: none in the record", 0);
		return;
	}
	draw_fmt(s, y++, r->x + 1, r->w - 2, THEME_TITLE, DRAW_FILL,
	         "Victim RSS from %s to %s (pid %" PRId64 " %.*s)",
	         bb_clock(p[0].wall_ms, t0, sizeof t0),
	         bb_clock(p[n - 1].wall_ms, t1, sizeof t1), b->ev.pid,
	         (int)b->ev.comm.len, b->ev.comm.s);
	chart_fill(p, n, ncols, low, high);
	if (!chart_bounds(low, high, ncols, &lo, &hi))
		lo = hi = 0;
	lo = lo > 0 ? 0 : lo; /* how big, not how it wiggled */
	trend_fmt_kb((double)hi, 0, top, sizeof top);
	trend_fmt_kb((double)lo, 0, bottom, sizeof bottom);
	for (int i = 0; i < height; i++) {
		draw_str(s, y + i, r->x + 1, BB_LABEL_W, THEME_DIALOG,
		         i == 0            ? top
		         : i == height - 1 ? bottom
		                           : "",
		         DRAW_FILL);
		chart_row(low, high, ncols, lo, hi, (size_t)height, (size_t)i,
		          !screen_utf8(s), row, sizeof row);
		draw_str(s, y + i, r->x + 1 + BB_LABEL_W, w, THEME_DIALOG, row,
		         DRAW_FILL);
	}
}

/* The black box (see the header). */
void
bbpane_draw(struct screen *s, int y, const struct layout_rect *r,
            const struct recbox *b, bool closes)
{
	char st[128], t[16];
	int x = r->x + 1, w = r->w - 2, avail = r->y + r->h - y - 1, chart,
	    keep;
	size_t rows;

	if (avail < 0)
		return;
	draw_fmt(s, y++, x, w, THEME_TITLE, DRAW_FILL,
	         "Before this %s, at %s: %s%s", bb_what(b),
	         bb_clock(b->box_ms, t, sizeof t), bb_state(b, st, sizeof st),
	         closes ? " (Enter: the report)" : " (from the record)");
	/* the tables first (with room, a chart of at least BB_CHART_MIN
	 * rows and its title kept below), the chart the rest */
	keep = avail >= BB_CHART_AT ? BB_CHART_MIN + 1 : 0;
	rows = avail > keep + 1 ? (size_t)(avail - keep - 1) : 0;
	if (w >= BB_WIDE && rows > RECBOX_TOP)
		rows = RECBOX_TOP;
	if (w < BB_WIDE && rows > 2 * RECBOX_TOP + 1)
		rows = 2 * RECBOX_TOP + 1;
	chart = avail - (int)rows - 2;
	if (chart > BB_CHART_MAX)
		chart = BB_CHART_MAX;
	if (w >= BB_WIDE) {
		bb_top(s, y, x, w / 2 - 1, b, rows);
		bb_grew(s, y, x + w / 2, w - w / 2, b, rows);
		y += (int)rows + 1;
	} else if (rows > 0) {
		/* two headers in rows + 1 lines: the growers (at most half)
		 * under the largest */
		size_t data = rows - 1, g = b->ngrew > 1 ? b->ngrew : 1, top;

		g = g < data / 2 ? g : data / 2;
		top = data - g;
		bb_top(s, y, x, w, b, top);
		y += (int)top + 1;
		bb_grew(s, y, x, w, b, g);
		y += (int)g + 1;
	}
	if (chart > 0)
		bb_chart(s, y, r, b, chart);
}
