/* dash.c: one frame of the dashboard from its panes (see dash.h). */
#include "view/dash.h"

#include "view/panes.h"

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
	if (f->mode == DASH_EVENTS) {
		klogpane_events_draw(s, &l->body, f);
	} else if (f->mode == DASH_MAIN) {
		procs_draw(s, &l->table, f);
		klogpane_draw(s, &l->log, f);
	} else {
		dialogs_draw(s, f);
	}
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
