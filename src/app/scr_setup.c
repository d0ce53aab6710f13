/* scr_setup.c: the setup screen's keys and frame (see scr_setup.h). */
#include "app/scr_setup.h"

#include <stdio.h>

#include "model/columns.h"

enum setup_cmd {
	SETUP_UP,
	SETUP_DOWN,
	SETUP_PICK,
	SETUP_DONE,
};

static const struct scr_binding setup_keys[] = {
    {{KBD_UP, 'k', 0}, SETUP_UP, "move up", NULL},
    {{KBD_DOWN, 'j', 0}, SETUP_DOWN, "move down", NULL},
    {{' ', KBD_ENTER, 0},
     SETUP_PICK,
     "show / hide the column, or use the theme",
     NULL},
    {{KBD_F(2), 0, 0},
     SETUP_DONE,
     "back to the processes screen (saves oomwatchrc)",
     "Done"},
};

/* This screen's state. */
static struct scr_setup_state *
st(const struct ui *ui)
{
	return scr_state(ui, &scr_setup);
}

/* A fresh visit starts on the first column. */
static void
enter(struct ui *ui, const struct scr_def *from)
{
	st(ui)->cursor = 0;
}

/* Leaving saves the settings. */
static unsigned
leave(struct ui *ui)
{
	return UI_SAVE | UI_REDRAW;
}

/* Toggle the column under the cursor, or pick its theme. */
static unsigned
pick(struct ui *ui)
{
	struct ui_settings *set = &ui->settings;
	size_t c = st(ui)->cursor;
	bool *on;

	if (c < COLUMN_COUNT) {
		on = &set->cfg.shown[c];
		*on = !*on;
		if (config_columns_shown(&set->cfg) == 0)
			*on = true; /* keep at least one column */
		return UI_REDRAW;
	}
	snprintf(set->cfg.theme, sizeof set->cfg.theme, "%s",
	         set->themes[c - COLUMN_COUNT]);
	return UI_THEME | UI_REDRAW;
}

/* Run a command of this screen's map. */
static unsigned
command(struct ui *ui, int cmd)
{
	struct scr_setup_state *s = st(ui);

	if (cmd == SETUP_PICK)
		return pick(ui);
	if (cmd == SETUP_DONE)
		return scr_home(ui);
	if (cmd == SETUP_UP && s->cursor > 0)
		s->cursor--;
	else if (cmd == SETUP_DOWN &&
	         s->cursor + 1 < COLUMN_COUNT + ui->settings.nthemes)
		s->cursor++;
	return UI_REDRAW;
}

/* The frame: the lines and the themes. */
static void
frame(struct ui *ui, struct dash_frame *f)
{
	f->body = dash_body_setup;
	f->status_info = "Space or Enter toggles; oomwatchrc is saved when "
	                 "setup is left";
	f->menu_cursor = st(ui)->cursor;
	for (size_t i = 0; i < ui->settings.nthemes; i++)
		f->themes[i] = ui->settings.themes[i];
	f->nthemes = ui->settings.nthemes;
}

const struct scr_def scr_setup = {
    .name = "Setup",
    .short_name = "Set",
    .key = '4',
    .state_size = sizeof(struct scr_setup_state),
    .keys = setup_keys,
    .nkeys = sizeof setup_keys / sizeof setup_keys[0],
    .enter = enter,
    .leave = leave,
    .command = command,
    .frame = frame,
};
