/* dash.c: one frame of the dashboard from its panes (see dash.h). */
#include "view/dash.h"

#include "view/draw.h"
#include "view/panes.h"

/* Clear the body for a full-body dialog; NULL when it is not shown. */
static const struct layout_rect *
body_cleared(struct screen *s, const struct dash_frame *f)
{
	const struct layout_rect *r = &f->layout->body;

	if (!layout_rect_visible(r))
		return NULL;
	draw_clear_rect(s, r, THEME_DIALOG);
	return r;
}

/* The process table over the kernel-log pane. */
void
dash_body_processes(struct screen *s, const struct dash_frame *f)
{
	procs_draw(s, &f->layout->table, f);
	klogpane_draw(s, &f->layout->log, f);
}

/* The sort menu in place of the body. */
void
dash_body_sort_menu(struct screen *s, const struct dash_frame *f)
{
	const struct layout_rect *r = body_cleared(s, f);

	if (r != NULL)
		dialogs_sort_menu(s, r, f);
}

/* The kernel events. */
void
dash_body_events(struct screen *s, const struct dash_frame *f)
{
	klogpane_events_draw(s, &f->layout->body, f);
}

/* The changes and action results. */
void
dash_body_changes(struct screen *s, const struct dash_frame *f)
{
	if (body_cleared(s, f) != NULL)
		actdialogs_changes_draw(s, f);
}

/* The help lines. */
void
dash_body_help(struct screen *s, const struct dash_frame *f)
{
	const struct layout_rect *r = body_cleared(s, f);

	if (r != NULL)
		dialogs_help(s, r, f);
}

/* The setup screen. */
void
dash_body_setup(struct screen *s, const struct dash_frame *f)
{
	const struct layout_rect *r = body_cleared(s, f);

	if (r != NULL)
		dialogs_setup(s, r, f);
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
	bars_tabs_draw(s, f);
	if (f->body != NULL)
		f->body(s, f);
	if (f->act != NULL && f->act->dlg != NULL &&
	    f->act->dlg->kind == ACTDIALOG_SIGNAL &&
	    actdialog_is_open(f->act->dlg))
		actdialogs_signal_draw(s, f);
	if (actdialogs_owns_status(f))
		actdialogs_prompt_draw(s, f);
	else
		bars_status_draw(s, f);
	bars_fkeys_draw(s, f);
}
