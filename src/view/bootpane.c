/* bootpane.c: the Boots screen's body (see view/bootpane.h). */
#include <stdio.h>
#include <string.h>

#include "view/bootpane.h"
#include "view/dash.h"
#include "view/draw.h"
#include "view/screen.h"

/* Columns of the table, left to right; ENDED and EVENTS only when wide
 * enough (the detail pane below shows both for the selected boot). */
#define COL_BOOT 6
#define COL_START 18
#define COL_UPTIME 9
#define COL_END 18
#define COL_EVENTS 34
#define WIDE_COLS 110 /* from this width: ENDED and EVENTS */
#define HOW_MIN 40    /* HOW IT ENDED keeps this much of a wider EVENTS */

/* Draw the longest of a line's forms that fits w columns at (y, x), or
 * the shortest cut after a whole word (draw_forms); "" ends the forms. */
static void
forms_line(struct screen *s, int y, int x, int w, enum theme_role role,
           const char (*form)[BOOTPANE_TEXT], unsigned flags)
{
	const char *list[BOOTPANE_FORMS + 1];
	size_t n = 0;

	while (n < BOOTPANE_FORMS && form[n][0] != '\0') {
		list[n] = form[n];
		n++;
	}
	list[n] = NULL;
	if (n > 0)
		draw_forms(s, y, x, w, role, list, flags);
	else if (flags & DRAW_FILL)
		draw_fill(s, y, x, w, role);
}

/* One cell at (y, x): text, else short (when text does not fit), cut
 * after a whole word when neither fits. */
static void
cell(struct screen *s, int y, int x, int w, enum theme_role role,
     const char *text, const char *short_text, unsigned flags)
{
	const char *list[3] = {text, short_text, NULL};

	if (short_text != NULL && short_text[0] == '\0')
		list[1] = NULL;
	draw_forms(s, y, x, w, role, list, flags);
}

/* The EVENTS column's width: the longest list of the rows (so a wide
 * screen shows it whole), at least COL_EVENTS, leaving HOW_MIN columns
 * for HOW IT ENDED. */
static int
events_cols(const struct dash_boots *v, int w)
{
	int cols = COL_EVENTS,
	    room = w - HOW_MIN - (COL_BOOT + COL_START + COL_UPTIME + COL_END);

	for (size_t i = 0; i < v->nrows; i++) {
		int n = (int)strlen(v->rows[i].events) + 2;

		if (n > cols)
			cols = n;
	}
	return cols < room ? cols : room > COL_EVENTS ? room : COL_EVENTS;
}

/* One table line at row y: the header (row NULL) or a boot; events_w:
 * the EVENTS column's width. */
static void
table_line(struct screen *s, const struct layout_rect *r, int y,
           const struct dash_boots_row *row, bool selected, int events_w)
{
	enum theme_role role = row == NULL ? THEME_PROC_HEADER
	                       : selected  ? THEME_PROC_SELECTED
	                                   : row->role;
	bool wide = r->w >= WIDE_COLS;
	int x = r->x, how;
	char idx[8];

	draw_fill(s, y, r->x, r->w, role);
	snprintf(idx, sizeof idx, "%4d", row ? row->index : 0);
	draw_str(s, y, x, COL_BOOT, role, row ? idx : "BOOT", DRAW_FILL);
	x += COL_BOOT;
	draw_str(s, y, x, COL_START, role, row ? row->start : "STARTED",
	         DRAW_FILL);
	x += COL_START;
	draw_str(s, y, x, COL_UPTIME, role, row ? row->uptime : "UPTIME",
	         DRAW_FILL);
	x += COL_UPTIME;
	if (wide) {
		draw_str(s, y, x, COL_END, role, row ? row->end : "ENDED",
		         DRAW_FILL);
		x += COL_END;
		cell(s, y, x, events_w - 1, role, row ? row->events : "EVENTS",
		     row ? row->events_short : NULL, DRAW_FILL);
		x += events_w;
	}
	how = r->x + r->w - x;
	if (how > 0)
		cell(s, y, x, how, role, row ? row->how : "HOW IT ENDED", NULL,
		     DRAW_FILL);
}

/* The first row shown so that the selected one is among the n shown. */
static size_t
first_shown(const struct dash_boots *v, size_t n)
{
	if (n == 0 || v->selected < n)
		return 0;
	return v->selected - n + 1;
}

/* The selected boot's detail and events from row y to the bottom. */
static void
detail_pane(struct screen *s, const struct layout_rect *r, int y,
            const struct dash_boots *v)
{
	int bottom = r->y + r->h;

	forms_line(s, y++, r->x, r->w, THEME_TITLE, v->events_title, DRAW_FILL);
	for (size_t i = 0; i < v->ndetail && y < bottom; i++)
		forms_line(s, y++, r->x + 1, r->w - 1, THEME_DIALOG,
		           v->detail[i], 0);
	for (size_t i = 0; i < v->nevents && y < bottom; i++)
		cell(s, y++, r->x + 1, r->w - 1, THEME_KLOG_NORMAL,
		     v->events[i], NULL, 0);
}

/* The Boots screen: sources, table, the selected boot's detail (only
 * the sources line while the first read runs). */
void
dash_body_boots(struct screen *s, const struct dash_frame *f)
{
	const struct layout_rect *r = &f->layout->body;
	const struct dash_boots *v = f->screen_data;
	int y = r->y, table_rows, detail_rows, events_w;
	size_t first;

	if (!layout_rect_visible(r) || v == NULL)
		return;
	draw_clear_rect(s, r, THEME_NORMAL);
	forms_line(s, y++, r->x, r->w, THEME_DIALOG, v->sources, 0);
	if (v->reading && v->nrows == 0)
		return;
	events_w = events_cols(v, r->w);
	table_line(s, r, y++, NULL, false, events_w);
	detail_rows = (int)(1 + v->ndetail + v->nevents);
	table_rows = r->h - 2 - detail_rows - 1;
	if (table_rows < 3)
		table_rows = r->h - 2 - (r->h - 2) / 2;
	if (table_rows > (int)v->nrows)
		table_rows = (int)v->nrows;
	if (table_rows < 1)
		table_rows = 1;
	first = first_shown(v, (size_t)table_rows);
	for (int i = 0; i < table_rows && first + (size_t)i < v->nrows; i++)
		table_line(s, r, y++, &v->rows[first + (size_t)i],
		           first + (size_t)i == v->selected, events_w);
	y++;
	if (y < r->y + r->h)
		detail_pane(s, r, y, v);
}
