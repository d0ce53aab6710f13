/* dash.c: one frame of the dashboard from its panes (see dash.h). */
#include "view/dash.h"

#include "view/draw.h"
#include "view/panes.h"

/* The log pane when no kernel-log source is connected. */
static void
log_absent(struct screen *s, const struct layout_rect *r)
{
	draw_str(s, r->y, r->x, r->w, THEME_TITLE, " Kernel log", DRAW_FILL);
	if (r->h > 1)
		draw_str(s, r->y + 1, r->x + 1, r->w - 1, THEME_PROC_NA,
		         "no kernel-log source", 0);
}

/* Draw the whole frame. */
void
dash_draw(struct screen *s, const struct dash_frame *f)
{
	const struct layout *l = f->layout;

	if (l->too_small) {
		dialogs_too_small(s, f);
		return;
	}
	header_draw(s, f);
	header_victim_draw(s, f);
	if (f->mode == DASH_EVENTS && f->events_view != NULL) {
		f->events_view(s, &l->body, f);
	} else if (f->mode == DASH_MAIN || f->mode == DASH_EVENTS) {
		procs_draw(s, &l->table, f);
		if (layout_rect_visible(&l->log)) {
			if (f->log_pane != NULL)
				f->log_pane(s, &l->log, f);
			else
				log_absent(s, &l->log);
		}
	} else {
		dialogs_draw(s, f);
	}
	bars_status_draw(s, f);
	bars_fkeys_draw(s, f);
}
