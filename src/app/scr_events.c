/* scr_events.c: the events screen's keys and frame (see scr_events.h). */
#include "app/scr_events.h"

#include "app/replay.h"
#include "app/ui_past.h"

/* PgUp/PgDn move the task table by this many rows. */
#define EVENTS_TASK_PAGE 10

enum events_cmd {
	EVENTS_UP,
	EVENTS_DOWN,
	EVENTS_HOME,
	EVENTS_END,
	EVENTS_TASKS_UP,
	EVENTS_TASKS_DOWN,
	EVENTS_BOX,
};

static const struct scr_binding events_keys[] = {
    {{KBD_UP, 0, 0}, EVENTS_UP, "select the newer event", NULL},
    {{KBD_DOWN, 'j', 0}, EVENTS_DOWN, "select the older event", NULL},
    {{KBD_HOME, 0, 0}, EVENTS_HOME, "the newest event", NULL},
    {{KBD_END, 0, 0}, EVENTS_END, "the oldest event", NULL},
    {{KBD_PGUP, 0, 0}, EVENTS_TASKS_UP, "an OOM kill's task table: up", NULL},
    {{KBD_PGDN, 0, 0},
     EVENTS_TASKS_DOWN,
     "an OOM kill's task table: down",
     NULL},
    {{KBD_ENTER, 0, 0},
     EVENTS_BOX,
     "before this kill: the black box from the record, or the report",
     NULL},
};

/* This screen's state. */
static struct scr_events_state *
st(const struct ui *ui)
{
	return scr_state(ui, &scr_events);
}

/* How many events there are (the rows rebuilt: live and recorded). */
static size_t
count(struct ui *ui)
{
	return ui_klog_rows(ui);
}

/* The selected row, or NULL (the rows as count() last built them). */
static const struct recbox_row *
selected_row(struct ui *ui)
{
	return count(ui) > st(ui)->cursor ? &ui->klog.rows[st(ui)->cursor]
	                                  : NULL;
}

/* The selected event, or NULL. */
static const struct kevent *
selected(struct ui *ui)
{
	const struct recbox_row *r = selected_row(ui);

	return r != NULL ? r->e : NULL;
}

/* Leaving (or quitting) drops an earlier boot's events: the next visit
 * shows the running log. */
static unsigned
leave(struct ui *ui)
{
	kevents_free(ui->klog.boot_kev);
	ui->klog.boot_kev = NULL;
	return 0;
}

/* Free an earlier boot's events. */
static void
fini(struct ui *ui)
{
	leave(ui);
}

/* A fresh visit starts at the newest event. */
static void
enter(struct ui *ui, const struct scr_def *from)
{
	st(ui)->cursor = 0;
	st(ui)->task_top = 0;
}

/* Scroll the selected OOM kill's task table (other events: nothing). */
static unsigned
tasks(struct ui *ui, bool down)
{
	struct scr_events_state *s = st(ui);
	const struct kevent *e = selected(ui);

	if (e == NULL || e->kind != KEVENT_OOM_KILL)
		return 0;
	if (!down)
		s->task_top = s->task_top > EVENTS_TASK_PAGE
		                  ? s->task_top - EVENTS_TASK_PAGE
		                  : 0;
	else if (s->task_top + EVENTS_TASK_PAGE < e->oom.ntasks)
		s->task_top += EVENTS_TASK_PAGE;
	return UI_REDRAW;
}

/* Run a command of this screen's map. */
static unsigned
command(struct ui *ui, int cmd)
{
	struct scr_events_state *s = st(ui);
	size_t n = count(ui), was = s->cursor;

	switch ((enum events_cmd)cmd) {
	case EVENTS_UP:
		if (s->cursor > 0)
			s->cursor--;
		break;
	case EVENTS_DOWN:
		if (s->cursor + 1 < n)
			s->cursor++;
		break;
	case EVENTS_HOME:
		s->cursor = 0;
		break;
	case EVENTS_END:
		s->cursor = n ? n - 1 : 0;
		break;
	case EVENTS_BOX:
		s->box_open = !s->box_open;
		return UI_REDRAW;
	case EVENTS_TASKS_UP:
	case EVENTS_TASKS_DOWN:
	default:
		return tasks(ui, cmd == EVENTS_TASKS_DOWN);
	}
	if (s->cursor != was)
		s->task_top = 0;
	return UI_REDRAW;
}

/* An action key: on the selected event's process. */
static unsigned
act(struct ui *ui, enum ui_act_cmd cmd)
{
	if (cmd == UI_ACT_UNDO)
		return ui_act_command(ui, cmd);
	if (ui->klog.boot_kev != NULL) {
		ui_status(ui, THEME_STATUS_ERROR,
		          "an earlier boot's event: its process is gone");
		return UI_REDRAW;
	}
	if (selected_row(ui) != NULL && selected_row(ui)->from_record) {
		ui_status(ui, THEME_STATUS_ERROR,
		          "a kill from the record: its process is gone");
		return UI_REDRAW;
	}
	return ui_act_command_event(ui, cmd, selected(ui));
}

/* The frame: the events view. */
static void
frame(struct ui *ui, struct dash_frame *f)
{
	struct scr_events_state *s = st(ui);
	size_t row;

	if (s->cursor >= count(ui))
		s->cursor = 0;
	if (replay_event_row(ui, &row)) { /* on the event } / { went to */
		s->cursor = row;
		s->task_top = 0;
	}
	f->body = dash_body_events;
	f->status_info = ui->replay != NULL
	                     ? "actions are off: replay (the events are a "
	                       "record; } / { step through them)"
	                     : "action keys (F7 F8 F9 a P X) aim at the "
	                       "selected event's process, while it runs";
	ui_klog_frame(ui, f);
	if (ui->klog.boot_kev != NULL) {
		ui->klog.view.ev = ui->klog.boot_kev;
		ui->klog.view.source_ok = true;
		f->status_info = ui->klog.boot_info;
	}
	ui->klog.view.event_cursor = s->cursor;
	ui->klog.view.task_top = s->task_top;
	ui->klog.view.rows = ui->klog.rows;
	ui->klog.view.nrows = ui->klog.nrows;
	if (s->cursor < ui->klog.nrows) {
		const struct recbox_row *r = &ui->klog.rows[s->cursor];

		/* a kill from the record has no report: its box at once */
		ui->klog.view.box_open = s->box_open || r->from_record;
		ui->klog.view.box_why = ui_klog_box_why(ui, r);
		if (ui_klog_box_pending(ui, r))
			ui_past_reread(ui->klog.past, ui);
	}
}

const struct scr_def scr_events = {
    .name = "Events",
    .short_name = "Evts",
    .key = '2',
    .state_size = sizeof(struct scr_events_state),
    .keys = events_keys,
    .nkeys = sizeof events_keys / sizeof events_keys[0],
    .fini = fini,
    .enter = enter,
    .leave = leave,
    .command = command,
    .act = act,
    .frame = frame,
};
