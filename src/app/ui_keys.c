/*
 * ui_keys.c: keys -> commands. One const table binds keys to commands
 * with the words the help screen shows, so help always lists every key
 * that works. Handlers change the UI state and return UI_* flags; they
 * never draw and never sample.
 */
#include "app/ui.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "core/sanitize.h"
#include "view/panes.h"

enum cmd {
	CMD_UP,
	CMD_DOWN,
	CMD_PGUP,
	CMD_PGDN,
	CMD_HOME,
	CMD_END,
	CMD_HELP,
	CMD_SETUP,
	CMD_SEARCH,
	CMD_FILTER,
	CMD_TREE,
	CMD_SORT_MENU,
	CMD_SORT_OOM,
	CMD_SORT_RSS,
	CMD_SORT_SWAP,
	CMD_SORT_ADJ,
	CMD_SORT_PID,
	CMD_INVERT,
	CMD_FOCUS,
	CMD_EVENTS,
	CMD_LOG_IMPORTANT,
	CMD_PAUSE,
	CMD_ADJ_LOWER,
	CMD_ADJ_RAISE,
	CMD_ADJ_VALUE,
	CMD_PROTECT,
	CMD_PREFER,
	CMD_KILL,
	CMD_UNDO,
	CMD_CHANGES,
	CMD_TAG,
	CMD_UNTAG,
	CMD_REDRAW,
	CMD_QUIT,
};

/* One binding: up to three keys, a command, help text. */
static const struct binding {
	int32_t keys[3];
	enum cmd cmd;
	const char *label, *what;
} bindings[] = {
    {{KBD_UP, 0, 0}, CMD_UP, "Up", "move up (log pane focused: scroll)"},
    {{KBD_DOWN, 'j', 0}, CMD_DOWN, "Down j", "move down"},
    {{KBD_PGUP, 0, 0}, CMD_PGUP, "PgUp", "page up"},
    {{KBD_PGDN, 0, 0}, CMD_PGDN, "PgDn", "page down"},
    {{KBD_HOME, 0, 0}, CMD_HOME, "Home", "first row"},
    {{KBD_END, 0, 0}, CMD_END, "End", "last row"},
    {{KBD_F(1), '?', 'h'}, CMD_HELP, "F1 ? h", "this help"},
    {{KBD_F(2), 'C', 'S'},
     CMD_SETUP,
     "F2 C S",
     "setup: columns shown, theme (saved to oomwatchrc)"},
    {{KBD_F(3), '/', 0},
     CMD_SEARCH,
     "F3 /",
     "search by name (F3 again: next match)"},
    {{KBD_F(4), '\\', 0},
     CMD_FILTER,
     "F4 \\",
     "filter by name (Enter keeps, Esc clears)"},
    {{KBD_F(5), 't', 0},
     CMD_TREE,
     "F5 t",
     "tree view with each subtree's total RSS"},
    {{KBD_F(6), '>', '<'}, CMD_SORT_MENU, "F6 > <", "sort menu"},
    {{'O', 0, 0}, CMD_SORT_OOM, "O", "sort by OOM score"},
    {{'M', 0, 0}, CMD_SORT_RSS, "M", "sort by RSS"},
    {{'W', 0, 0}, CMD_SORT_SWAP, "W", "sort by swap"},
    {{'A', 0, 0}, CMD_SORT_ADJ, "A", "sort by oom_score_adj"},
    {{'N', 0, 0}, CMD_SORT_PID, "N", "sort by PID"},
    {{'I', 0, 0}, CMD_INVERT, "I", "invert the sort order"},
    {{'\t', 0, 0}, CMD_FOCUS, "Tab", "focus: process table / kernel log"},
    {{'e', 0, 0},
     CMD_EVENTS,
     "e",
     "events view (OOM kills and more; PgUp/PgDn scroll a task table)"},
    {{'l', 0, 0},
     CMD_LOG_IMPORTANT,
     "l",
     "log pane: all lines / important only"},
    {{'p', 'Z', 0}, CMD_PAUSE, "p Z", "pause / resume refreshing"},
    {{KBD_F(7), '[', 0},
     CMD_ADJ_LOWER,
     "F7 [",
     "lower oom_score_adj by the step (adj_step, 100): less likely killed"},
    {{KBD_F(8), ']', 0},
     CMD_ADJ_RAISE,
     "F8 ]",
     "raise oom_score_adj by the step: more likely killed"},
    {{'a', 0, 0},
     CMD_ADJ_VALUE,
     "a",
     "set oom_score_adj (-1000..1000; Enter applies), shows the new OOM place "
     "first"},
    {{'P', 0, 0},
     CMD_PROTECT,
     "P",
     "protect: oom_score_adj -1000 (y confirms)"},
    {{'X', 0, 0},
     CMD_PREFER,
     "X",
     "preferred victim: oom_score_adj 1000 (y confirms)"},
    {{KBD_F(9), 'k', 0},
     CMD_KILL,
     "F9 k",
     "signal menu (SIGTERM first; Enter, then y sends)"},
    {{'u', 0, 0},
     CMD_UNDO,
     "u",
     "undo the last adj change (on every process it changed)"},
    {{'L', 0, 0},
     CMD_CHANGES,
     "L",
     "list the changes and actions made since oomwatch started"},
    {{' ', 0, 0},
     CMD_TAG,
     "Space",
     "tag / untag a process: actions then apply to every tagged one"},
    {{'U', 0, 0}, CMD_UNTAG, "U", "untag every process"},
    {{KBD_CTRL('l'), 0, 0}, CMD_REDRAW, "Ctrl-L", "redraw the screen"},
    {{KBD_F(10), 'q', 0}, CMD_QUIT, "F10 q", "quit"},
};

/* The help screen lines: one per binding, from the same table. */
size_t
ui_help_lines(struct dash_help_line *out, size_t max)
{
	size_t n = 0;

	for (size_t i = 0; i < sizeof bindings / sizeof bindings[0] && n < max;
	     i++, n++) {
		out[n].keys = bindings[i].label;
		out[n].what = bindings[i].what;
	}
	return n;
}

/* Set a status-line message. */
void
ui_status(struct ui *ui, enum theme_role role, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(ui->status, sizeof ui->status, fmt, ap);
	va_end(ap);
	ui->status_role = role;
}

/* The command bound to key, or -1. */
static int
lookup(int32_t key)
{
	for (size_t i = 0; i < sizeof bindings / sizeof bindings[0]; i++) {
		for (int k = 0; k < 3; k++) {
			if (bindings[i].keys[k] != 0 &&
			    bindings[i].keys[k] == key)
				return (int)bindings[i].cmd;
		}
	}
	return -1;
}

/* Rows of the table on screen (without its title line). */
static long
page_rows(const struct ui *ui)
{
	return ui->layout.table.h > 2 ? ui->layout.table.h - 1 : 1;
}

/* Sort by key; the same key again inverts, as htop does. */
static unsigned
sort_by(struct ui *ui, enum rank_key key)
{
	if (ui->table.sort == key)
		ui->table.desc = !ui->table.desc;
	else
		ui->table.desc = rank_key_default_descending(key);
	ui->table.sort = key;
	ui->cfg.sort = key;
	ui->cfg.sort_desc = ui->table.desc;
	ui_status(ui, THEME_STATUS_INFO, "sorted by %s, %s", rank_key_name(key),
	          ui->table.desc ? "descending" : "ascending");
	return UI_REBUILD | UI_REDRAW;
}

/* Append the UTF-8 form of a typed character to the prompt. */
static void
prompt_add(struct ui *ui, int32_t ch)
{
	char u[4];
	size_t n = kbd_utf8(ch, u);

	if (n == 0 || ui->prompt_len + n >= sizeof ui->prompt_text)
		return;
	memcpy(ui->prompt_text + ui->prompt_len, u, n);
	ui->prompt_len += n;
}

/* Remove the last (UTF-8) character of the prompt. */
static void
prompt_backspace(struct ui *ui)
{
	while (ui->prompt_len > 0) {
		ui->prompt_len--;
		if ((ui->prompt_text[ui->prompt_len] & 0xc0) != 0x80)
			break;
	}
}

/* Move to the next search match from the cursor (inclusive or not). */
static void
search_next(struct ui *ui, bool skip_current)
{
	long pos;

	if (!ui->have_snap || ui->prompt_len == 0)
		return;
	pos =
	    table_search(&ui->table, &ui->snap, ui->prompt_text, ui->prompt_len,
	                 ui->table.cursor + (skip_current ? 1 : 0), true);
	if (pos >= 0)
		table_move_to(&ui->table, &ui->snap, (size_t)pos);
	else
		ui_status(ui, THEME_STATUS_ERROR, "no process matches");
}

/* A key while the search or filter prompt is open. */
static unsigned
prompt_key(struct ui *ui, int32_t key)
{
	bool filter = ui->prompt == DASH_PROMPT_FILTER;

	ui->status[0] = '\0';
	if (key == KBD_ESC) {
		ui->prompt = DASH_PROMPT_NONE;
		if (filter) {
			table_set_name_filter(&ui->table, "", 0);
			return UI_REBUILD | UI_REDRAW;
		}
		if (ui->have_snap)
			table_select(&ui->table, &ui->snap, &ui->prompt_origin);
		return UI_REDRAW;
	}
	if (key == KBD_ENTER) {
		ui->prompt = DASH_PROMPT_NONE;
		return UI_REDRAW;
	}
	if (!filter && key == KBD_F(3)) {
		search_next(ui, true);
		return UI_REDRAW;
	}
	if (key == KBD_BACKSPACE)
		prompt_backspace(ui);
	else if (!kbd_is_char(key))
		return 0;
	else
		prompt_add(ui, key);
	if (filter) {
		table_set_name_filter(&ui->table, ui->prompt_text,
		                      ui->prompt_len);
		return UI_REBUILD | UI_REDRAW;
	}
	search_next(ui, false);
	return UI_REDRAW;
}

/* Open a prompt. */
static unsigned
open_prompt(struct ui *ui, enum dash_prompt which)
{
	ui->prompt = which;
	ui->prompt_len = 0;
	if (which == DASH_PROMPT_FILTER) {
		memcpy(ui->prompt_text, ui->table.name_filter,
		       ui->table.name_filter_len);
		ui->prompt_len = ui->table.name_filter_len;
	}
	ui->prompt_origin = ui->table.sel;
	ui->status[0] = '\0';
	return UI_REDRAW;
}

/* A key in the sort menu. */
static unsigned
sort_menu_key(struct ui *ui, int32_t key)
{
	if (key == KBD_UP || key == 'k') {
		if (ui->menu_cursor > 0)
			ui->menu_cursor--;
	} else if (key == KBD_DOWN || key == 'j') {
		if (ui->menu_cursor + 1 < RANK_KEY_COUNT)
			ui->menu_cursor++;
	} else if (key == KBD_ENTER) {
		ui->mode = DASH_MAIN;
		ui->table.sort = (enum rank_key)ui->menu_cursor;
		ui->table.desc = rank_key_default_descending(ui->table.sort);
		ui->cfg.sort = ui->table.sort;
		ui->cfg.sort_desc = ui->table.desc;
		return UI_REBUILD | UI_REDRAW;
	} else if (key == 'I') {
		ui->table.desc = !ui->table.desc;
		ui->cfg.sort_desc = ui->table.desc;
		return UI_REBUILD | UI_REDRAW;
	} else if (key == KBD_ESC || key == 'q' || key == KBD_F(6) ||
	           key == KBD_F(10)) {
		ui->mode = DASH_MAIN;
	}
	return UI_REDRAW;
}

/* A key on the setup screen. */
static unsigned
setup_key(struct ui *ui, int32_t key)
{
	size_t lines = COLUMN_COUNT + ui->nthemes, t;

	if (key == KBD_UP || key == 'k') {
		if (ui->menu_cursor > 0)
			ui->menu_cursor--;
	} else if (key == KBD_DOWN || key == 'j') {
		if (ui->menu_cursor + 1 < lines)
			ui->menu_cursor++;
	} else if (key == ' ' || key == KBD_ENTER) {
		if (ui->menu_cursor < COLUMN_COUNT) {
			bool *on = &ui->cfg.shown[ui->menu_cursor];
			*on = !*on;
			if (config_columns_shown(&ui->cfg) == 0)
				*on = true; /* keep at least one column */
			return UI_REDRAW;
		}
		t = ui->menu_cursor - COLUMN_COUNT;
		snprintf(ui->cfg.theme, sizeof ui->cfg.theme, "%s",
		         ui->themes[t]);
		return UI_THEME | UI_REDRAW;
	} else if (key == KBD_ESC || key == 'q' || key == KBD_F(2) ||
	           key == KBD_F(10) || key == 'C') {
		ui->mode = DASH_MAIN;
		return UI_SAVE | UI_REDRAW;
	}
	return UI_REDRAW;
}

/* Rows of the log pane (without its title line). */
static size_t
log_rows(const struct ui *ui)
{
	return ui->layout.log.h > 2 ? (size_t)ui->layout.log.h - 1 : 1;
}

/* A move key while the log pane has the focus: scroll it (up = older),
 * never past the oldest line shown under the filter at the top. */
static unsigned
log_move(struct ui *ui, enum cmd c)
{
	size_t max = ui_klog_max_scroll(ui), step = 1;

	if (c == CMD_PGUP || c == CMD_PGDN)
		step = log_rows(ui);
	if (c == CMD_UP || c == CMD_PGUP)
		ui->log_scroll += step;
	else if (c == CMD_DOWN || c == CMD_PGDN)
		ui->log_scroll =
		    ui->log_scroll > step ? ui->log_scroll - step : 0;
	else if (c == CMD_HOME)
		ui->log_scroll = max;
	else
		ui->log_scroll = 0;
	if (ui->log_scroll > max)
		ui->log_scroll = max;
	return UI_REDRAW;
}

/* The action a command names. */
static enum ui_act_cmd
act_cmd(enum cmd c)
{
	switch (c) {
	case CMD_ADJ_LOWER:
		return UI_ACT_LOWER;
	case CMD_ADJ_RAISE:
		return UI_ACT_RAISE;
	case CMD_ADJ_VALUE:
		return UI_ACT_VALUE;
	case CMD_PROTECT:
		return UI_ACT_PROTECT;
	case CMD_PREFER:
		return UI_ACT_PREFER;
	case CMD_KILL:
		return UI_ACT_KILL;
	case CMD_UNDO:
		return UI_ACT_UNDO;
	case CMD_TAG:
		return UI_ACT_TAG;
	case CMD_UNTAG:
		return UI_ACT_UNTAG;
	case CMD_CHANGES:
	default:
		return UI_ACT_CHANGES;
	}
}

/* Is c an action on a process (it then works in the events view)? */
static bool
acts_on_process(enum cmd c)
{
	return c == CMD_ADJ_LOWER || c == CMD_ADJ_RAISE || c == CMD_ADJ_VALUE ||
	       c == CMD_PROTECT || c == CMD_PREFER || c == CMD_KILL;
}

/* A key on the help screen: scroll keys scroll, any other returns. */
static unsigned
help_key(struct ui *ui, int32_t key)
{
	int max = dialogs_help_max_top(&ui->layout.body, ui->help, ui->nhelp),
	    page = ui->layout.body.h > 2 ? ui->layout.body.h - 2 : 1;

	if (key == KBD_UP)
		ui->help_top--;
	else if (key == KBD_DOWN || key == 'j')
		ui->help_top++;
	else if (key == KBD_PGUP)
		ui->help_top -= page;
	else if (key == KBD_PGDN || key == ' ')
		ui->help_top += page;
	else if (key == KBD_HOME)
		ui->help_top = 0;
	else if (key == KBD_END)
		ui->help_top = max;
	else
		ui->mode = DASH_MAIN;
	if (ui->help_top > max)
		ui->help_top = max;
	if (ui->help_top < 0)
		ui->help_top = 0;
	return UI_REDRAW;
}

/* PgUp/PgDn in the events view move the task table by this many rows. */
#define EVENTS_TASK_PAGE 10

/* A key in the events view: move the selection, scroll its task table,
 * act on the event's process (the same keys as on the table), or leave. */
static unsigned
events_key(struct ui *ui, int32_t key)
{
	size_t n = ui->kev ? kevents_count(ui->kev) : 0;
	size_t was = ui->event_cursor;
	const struct kevent *e;
	int c = lookup(key);

	if (c >= 0 && (acts_on_process((enum cmd)c) || c == CMD_UNDO ||
	               c == CMD_CHANGES)) {
		ui->status[0] = '\0';
		return ui_act_command(ui, act_cmd((enum cmd)c));
	}
	if (key == 'q' || key == KBD_F(10)) {
		return UI_QUIT; /* as everywhere: F10 and q quit */
	} else if (key == KBD_ESC || key == 'e') {
		ui->mode = DASH_MAIN;
	} else if (key == KBD_UP) {
		if (ui->event_cursor > 0)
			ui->event_cursor--;
	} else if (key == KBD_DOWN || key == 'j') {
		if (ui->event_cursor + 1 < n)
			ui->event_cursor++;
	} else if (key == KBD_HOME) {
		ui->event_cursor = 0;
	} else if (key == KBD_END) {
		ui->event_cursor = n ? n - 1 : 0;
	} else if (key == KBD_PGDN || key == KBD_PGUP) {
		/* scroll the selected OOM kill's task table */
		e = n ? kevents_get(ui->kev, ui->event_cursor) : NULL;
		if (e == NULL || e->kind != KEVENT_OOM_KILL)
			return 0;
		if (key == KBD_PGUP)
			ui->task_top = ui->task_top > EVENTS_TASK_PAGE
			                   ? ui->task_top - EVENTS_TASK_PAGE
			                   : 0;
		else if (ui->task_top + EVENTS_TASK_PAGE < e->oom.ntasks)
			ui->task_top += EVENTS_TASK_PAGE;
	} else {
		return 0;
	}
	if (ui->event_cursor != was)
		ui->task_top = 0;
	return UI_REDRAW;
}

/* Run a main-screen command. */
static unsigned
command(struct ui *ui, enum cmd c)
{
	const struct snapshot *sn = ui->have_snap ? &ui->snap : NULL;

	switch (c) {
	case CMD_UP:
	case CMD_DOWN:
	case CMD_PGUP:
	case CMD_PGDN:
	case CMD_HOME:
	case CMD_END:
		if (ui->focus == DASH_FOCUS_LOG)
			return log_move(ui, c);
		if (sn == NULL)
			return 0;
		if (c == CMD_UP)
			table_move(&ui->table, sn, -1);
		else if (c == CMD_DOWN)
			table_move(&ui->table, sn, 1);
		else if (c == CMD_PGUP)
			table_move(&ui->table, sn, -page_rows(ui));
		else if (c == CMD_PGDN)
			table_move(&ui->table, sn, page_rows(ui));
		else if (c == CMD_HOME)
			table_move_to(&ui->table, sn, 0);
		else
			table_move_to(&ui->table, sn, SIZE_MAX);
		return UI_REDRAW;
	case CMD_HELP:
		ui->mode = DASH_HELP;
		ui->help_top = 0;
		return UI_REDRAW;
	case CMD_SETUP:
		ui->mode = DASH_SETUP;
		ui->menu_cursor = 0;
		return UI_REDRAW;
	case CMD_SEARCH:
		return open_prompt(ui, DASH_PROMPT_SEARCH);
	case CMD_FILTER:
		return open_prompt(ui, DASH_PROMPT_FILTER);
	case CMD_TREE:
		ui->table.tree = !ui->table.tree;
		ui->cfg.tree = ui->table.tree;
		return UI_REBUILD | UI_REDRAW;
	case CMD_SORT_MENU:
		ui->mode = DASH_SORT_MENU;
		ui->menu_cursor = (size_t)ui->table.sort;
		return UI_REDRAW;
	case CMD_SORT_OOM:
		return sort_by(ui, RANK_OOM);
	case CMD_SORT_RSS:
		return sort_by(ui, RANK_RSS);
	case CMD_SORT_SWAP:
		return sort_by(ui, RANK_SWAP);
	case CMD_SORT_ADJ:
		return sort_by(ui, RANK_ADJ);
	case CMD_SORT_PID:
		return sort_by(ui, RANK_PID);
	case CMD_INVERT:
		return sort_by(ui, ui->table.sort);
	case CMD_FOCUS:
		ui->focus = ui->focus == DASH_FOCUS_TABLE ? DASH_FOCUS_LOG
		                                          : DASH_FOCUS_TABLE;
		return UI_REDRAW;
	case CMD_EVENTS:
		ui->mode = DASH_EVENTS;
		ui->event_cursor = 0;
		return UI_REDRAW;
	case CMD_LOG_IMPORTANT:
		ui->cfg.log_important = !ui->cfg.log_important;
		ui_status(ui, THEME_STATUS_INFO, "log pane: %s",
		          ui->cfg.log_important ? "important lines only"
		                                : "all lines");
		return UI_REDRAW;
	case CMD_PAUSE:
		ui->paused = !ui->paused;
		ui_status(ui, THEME_STATUS_INFO, "%s",
		          ui->paused ? "paused (p resumes)" : "resumed");
		return UI_REDRAW | (ui->paused ? 0 : UI_RESAMPLE);
	case CMD_ADJ_LOWER:
	case CMD_ADJ_RAISE:
	case CMD_ADJ_VALUE:
	case CMD_PROTECT:
	case CMD_PREFER:
	case CMD_KILL:
	case CMD_UNDO:
	case CMD_CHANGES:
	case CMD_TAG:
	case CMD_UNTAG:
		return ui_act_command(ui, act_cmd(c));
	case CMD_REDRAW:
		screen_redraw_all(ui->scr);
		return UI_REDRAW;
	case CMD_QUIT:
	default:
		return UI_QUIT;
	}
}

/* Handle one key. */
unsigned
ui_key(struct ui *ui, int32_t key)
{
	int c;

	if (ui->prompt != DASH_PROMPT_NONE)
		return prompt_key(ui, key);
	if (ui_act_dialog_open(ui))
		return ui_act_key(ui, key);
	switch (ui->mode) {
	case DASH_HELP:
		return help_key(ui, key);
	case DASH_SORT_MENU:
		return sort_menu_key(ui, key);
	case DASH_SETUP:
		return setup_key(ui, key);
	case DASH_EVENTS:
		return events_key(ui, key);
	case DASH_CHANGES:
		return ui_actview_key(ui, key);
	default:
		break;
	}
	c = lookup(key);
	if (c < 0)
		return 0;
	ui->status[0] = '\0';
	return command(ui, (enum cmd)c);
}
