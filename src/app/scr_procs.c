/*
 * scr_procs.c: the processes screen's keys and frame (see scr_procs.h).
 * The sort order lives in the table only (ui_main.c copies it into the
 * settings when they are saved).
 */
#include "app/scr_procs.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "app/scr_detail.h"
#include "app/scr_help.h"

/* Left/Right move the log pane sideways by this many characters, up to
 * the longest line the ring keeps. */
#define LOG_COL_STEP 16
#define LOG_COL_MAX (KLOGRING_TEXT_MAX - 1)

enum procs_cmd {
	PROCS_UP,
	PROCS_DOWN,
	PROCS_PGUP,
	PROCS_PGDN,
	PROCS_HOME,
	PROCS_END,
	PROCS_SEARCH,
	PROCS_FILTER,
	PROCS_TREE,
	PROCS_SORT_MENU,
	PROCS_SORT_OOM,
	PROCS_SORT_RSS,
	PROCS_SORT_SWAP,
	PROCS_SORT_ADJ,
	PROCS_SORT_PID,
	PROCS_INVERT,
	PROCS_LEFT,
	PROCS_RIGHT,
	PROCS_FOCUS,
	PROCS_LOG_IMPORTANT,
	PROCS_PAUSE,
	PROCS_TAG,
	PROCS_UNTAG,
	PROCS_DETAIL,
};

static const struct scr_binding procs_keys[] = {
    {{KBD_UP, 0, 0}, PROCS_UP, "move up (log pane focused: scroll)", NULL},
    {{KBD_DOWN, 'j', 0}, PROCS_DOWN, "move down", NULL},
    {{KBD_PGUP, 0, 0}, PROCS_PGUP, "page up", NULL},
    {{KBD_PGDN, 0, 0}, PROCS_PGDN, "page down", NULL},
    {{KBD_HOME, 0, 0}, PROCS_HOME, "first row", NULL},
    {{KBD_END, 0, 0}, PROCS_END, "last row", NULL},
    {{KBD_F(3), '/', 0},
     PROCS_SEARCH,
     "search by name (F3 again: next match)",
     "Search"},
    {{KBD_F(4), '\\', 0},
     PROCS_FILTER,
     "filter by name (Enter keeps, Esc clears)",
     "Filter"},
    {{KBD_F(5), 't', 0},
     PROCS_TREE,
     "tree view with each subtree's total RSS",
     "Tree"},
    {{KBD_F(6), '>', '<'}, PROCS_SORT_MENU, "sort menu", "SortBy"},
    {{'O', 0, 0}, PROCS_SORT_OOM, "sort by OOM score", NULL},
    {{'M', 0, 0}, PROCS_SORT_RSS, "sort by RSS", NULL},
    {{'W', 0, 0}, PROCS_SORT_SWAP, "sort by swap", NULL},
    {{'A', 0, 0}, PROCS_SORT_ADJ, "sort by oom_score_adj", NULL},
    {{'N', 0, 0}, PROCS_SORT_PID, "sort by PID", NULL},
    {{'I', 0, 0}, PROCS_INVERT, "invert the sort order", NULL},
    {{'\t', 0, 0}, PROCS_FOCUS, "focus: process table / kernel log", NULL},
    {{KBD_LEFT, 0, 0},
     PROCS_LEFT,
     "log pane focused: scroll it back to the left",
     NULL},
    {{KBD_RIGHT, 0, 0},
     PROCS_RIGHT,
     "log pane focused: scroll it right, to the end of long lines",
     NULL},
    {{'l', 0, 0},
     PROCS_LOG_IMPORTANT,
     "log pane: all lines / important only",
     NULL},
    {{'p', 'Z', 0}, PROCS_PAUSE, "pause / resume refreshing", NULL},
    {{' ', 0, 0},
     PROCS_TAG,
     "tag / untag a process: actions then apply to every tagged one",
     NULL},
    {{'U', 0, 0}, PROCS_UNTAG, "untag every process", NULL},
    {{KBD_ENTER, 0, 0},
     PROCS_DETAIL,
     "details: RSS, anon and swap chart and verdict",
     NULL},
};

enum sort_menu_cmd {
	MENU_UP,
	MENU_DOWN,
	MENU_PICK,
	MENU_INVERT,
	MENU_CLOSE,
	MENU_HELP,
};

/* The sort menu's keys (it takes every key; q and F10 still quit). */
static const struct scr_binding menu_keys[] = {
    {{KBD_UP, 'k', 0}, MENU_UP, "sort menu: move up", NULL},
    {{KBD_DOWN, 'j', 0}, MENU_DOWN, "sort menu: move down", NULL},
    {{KBD_ENTER, 0, 0}, MENU_PICK, "sort by this key", NULL},
    {{'I', 0, 0}, MENU_INVERT, "invert the sort order", NULL},
    {{KBD_ESC, KBD_F(6), 0}, MENU_CLOSE, "close the sort menu", "Close"},
    {{KBD_F(1), '?', 'h'}, MENU_HELP, "this help", "Help"},
};

/* This screen's state. */
static struct scr_procs_state *
st(const struct ui *ui)
{
	return scr_state(ui, &scr_procs);
}

/* Rows of the table on screen (without its title line). */
static long
page_rows(const struct ui *ui)
{
	return ui->layout.table.h > 2 ? ui->layout.table.h - 1 : 1;
}

/* Rows of the log pane (without its title line). */
static size_t
log_rows(const struct ui *ui)
{
	return ui->layout.log.h > 2 ? (size_t)ui->layout.log.h - 1 : 1;
}

/* The log pane's scroll now: a scrolled-up view stays on the lines it
 * showed while new ones come (the tail view follows them), and never
 * passes the oldest line shown under the filter. */
static size_t
log_scroll(struct ui *ui)
{
	struct scr_procs_state *s = st(ui);
	uint64_t pushed = ui->klog.ring.pushed;
	size_t max = ui_klog_max_scroll(ui);

	if (s->log_scroll > 0)
		s->log_scroll += (size_t)(pushed - s->log_seen);
	s->log_seen = pushed;
	if (s->log_scroll > max)
		s->log_scroll = max;
	return s->log_scroll;
}

/* A move key while the log pane has the focus: scroll it (up = older),
 * never past the oldest line shown under the filter at the top. */
static unsigned
log_move(struct ui *ui, enum procs_cmd c)
{
	struct scr_procs_state *s = st(ui);
	size_t now = log_scroll(ui), max = ui_klog_max_scroll(ui), step = 1;

	if (c == PROCS_PGUP || c == PROCS_PGDN)
		step = log_rows(ui);
	if (c == PROCS_UP || c == PROCS_PGUP)
		now += step;
	else if (c == PROCS_DOWN || c == PROCS_PGDN)
		now = now > step ? now - step : 0;
	else if (c == PROCS_HOME)
		now = max;
	else
		now = 0;
	s->log_scroll = now < max ? now : max;
	return UI_REDRAW;
}

/* A move key: the table's selection, or the log pane when focused. */
static unsigned
move(struct ui *ui, enum procs_cmd c)
{
	const struct snapshot *sn = ui->have_snap ? &ui->snap : NULL;

	if (st(ui)->focus == DASH_FOCUS_LOG)
		return log_move(ui, c);
	if (sn == NULL)
		return 0;
	if (c == PROCS_UP)
		table_move(&ui->table, sn, -1);
	else if (c == PROCS_DOWN)
		table_move(&ui->table, sn, 1);
	else if (c == PROCS_PGUP)
		table_move(&ui->table, sn, -page_rows(ui));
	else if (c == PROCS_PGDN)
		table_move(&ui->table, sn, page_rows(ui));
	else if (c == PROCS_HOME)
		table_move_to(&ui->table, sn, 0);
	else
		table_move_to(&ui->table, sn, SIZE_MAX);
	return UI_REDRAW;
}

/* Left/Right: the log pane sideways (only while it has the focus). */
static unsigned
log_sideways(struct ui *ui, bool right)
{
	struct scr_procs_state *s = st(ui);

	if (s->focus != DASH_FOCUS_LOG)
		return 0;
	if (right)
		s->log_col = s->log_col + LOG_COL_STEP < LOG_COL_MAX
		                 ? s->log_col + LOG_COL_STEP
		                 : LOG_COL_MAX;
	else
		s->log_col =
		    s->log_col > LOG_COL_STEP ? s->log_col - LOG_COL_STEP : 0;
	return UI_REDRAW;
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
	ui_status(ui, THEME_STATUS_INFO, "sorted by %s, %s", rank_key_name(key),
	          ui->table.desc ? "descending" : "ascending");
	return UI_REBUILD | UI_REDRAW;
}

/* A key in the sort menu (it takes every key but q, which quits). */
static bool
sort_menu_key(struct ui *ui, int32_t key, unsigned *flags)
{
	struct scr_procs_state *s = st(ui);

	*flags = UI_REDRAW;
	switch (
	    scr_lookup(menu_keys, sizeof menu_keys / sizeof *menu_keys, key)) {
	case MENU_UP:
		if (s->menu_cursor > 0)
			s->menu_cursor--;
		break;
	case MENU_DOWN:
		if (s->menu_cursor + 1 < RANK_KEY_COUNT)
			s->menu_cursor++;
		break;
	case MENU_PICK:
		s->sort_menu = false;
		ui->table.sort = (enum rank_key)s->menu_cursor;
		ui->table.desc = rank_key_default_descending(ui->table.sort);
		*flags |= UI_REBUILD;
		break;
	case MENU_INVERT:
		ui->table.desc = !ui->table.desc;
		*flags |= UI_REBUILD;
		break;
	case MENU_CLOSE:
		s->sort_menu = false;
		break;
	case MENU_HELP:
		*flags = scr_goto(ui, &scr_help);
		break;
	default:
		return key != 'q'; /* quit, as on every screen */
	}
	return true;
}

/* The open overlay's key map: the prompt's or the sort menu's. */
static size_t
overlay_keys(const struct ui *ui, const struct scr_binding **map)
{
	const struct scr_procs_state *s = st(ui);

	if (s->prompt.which != DASH_PROMPT_NONE)
		return scr_prompt_keys(&s->prompt, map);
	*map = menu_keys;
	return s->sort_menu ? sizeof menu_keys / sizeof *menu_keys : 0;
}

/* The overlays first: the prompt, then the sort menu. */
static bool
overlay_key(struct ui *ui, int32_t key, unsigned *flags)
{
	struct scr_procs_state *s = st(ui);

	if (s->prompt.which != DASH_PROMPT_NONE) {
		*flags = scr_prompt_key(ui, &s->prompt, key);
		return true;
	}
	return s->sort_menu && sort_menu_key(ui, key, flags);
}

/* Switch a setting of the view: tree, log filter, pause, focus. */
static unsigned
toggle(struct ui *ui, enum procs_cmd c)
{
	struct scr_procs_state *s = st(ui);
	bool *important = &ui->settings.cfg.log_important;

	switch (c) {
	case PROCS_TREE:
		ui->table.tree = !ui->table.tree;
		return UI_REBUILD | UI_REDRAW;
	case PROCS_FOCUS:
		s->focus = s->focus == DASH_FOCUS_TABLE ? DASH_FOCUS_LOG
		                                        : DASH_FOCUS_TABLE;
		return UI_REDRAW;
	case PROCS_LOG_IMPORTANT:
		*important = !*important;
		ui_status(ui, THEME_STATUS_INFO, "log pane: %s",
		          *important ? "important lines only" : "all lines");
		return UI_REDRAW;
	case PROCS_PAUSE:
	default:
		ui->paused = !ui->paused;
		ui_status(ui, THEME_STATUS_INFO, "%s",
		          ui->replay != NULL
		              ? (ui->paused ? "replay: paused (p plays)"
		                            : "replay: playing")
		          : ui->paused ? "paused (p resumes)"
		                       : "resumed");
		return UI_REDRAW | (ui->paused ? 0 : UI_RESAMPLE);
	}
}

/* Run a command of this screen's map. */
static unsigned
command(struct ui *ui, int cmd)
{
	static const enum rank_key sort_keys[] = {
	    [PROCS_SORT_OOM - PROCS_SORT_OOM] = RANK_OOM,
	    [PROCS_SORT_RSS - PROCS_SORT_OOM] = RANK_RSS,
	    [PROCS_SORT_SWAP - PROCS_SORT_OOM] = RANK_SWAP,
	    [PROCS_SORT_ADJ - PROCS_SORT_OOM] = RANK_ADJ,
	    [PROCS_SORT_PID - PROCS_SORT_OOM] = RANK_PID,
	};
	struct scr_procs_state *s = st(ui);
	enum procs_cmd c = (enum procs_cmd)cmd;

	if (c <= PROCS_END)
		return move(ui, c);
	if (c >= PROCS_SORT_OOM && c <= PROCS_SORT_PID)
		return sort_by(ui, sort_keys[c - PROCS_SORT_OOM]);
	switch (c) {
	case PROCS_SEARCH:
		return scr_prompt_open(ui, &s->prompt, DASH_PROMPT_SEARCH);
	case PROCS_FILTER:
		return scr_prompt_open(ui, &s->prompt, DASH_PROMPT_FILTER);
	case PROCS_SORT_MENU:
		s->sort_menu = true;
		s->menu_cursor = (size_t)ui->table.sort;
		return UI_REDRAW;
	case PROCS_INVERT:
		return sort_by(ui, ui->table.sort);
	case PROCS_LEFT:
	case PROCS_RIGHT:
		return log_sideways(ui, c == PROCS_RIGHT);
	case PROCS_TAG:
		return ui_act_command(ui, UI_ACT_TAG);
	case PROCS_UNTAG:
		return ui_act_command(ui, UI_ACT_UNTAG);
	case PROCS_DETAIL:
		return scr_detail_open(ui);
	default:
		return toggle(ui, c);
	}
}

/* An action key: on the tagged processes, else the selected row. */
static unsigned
act(struct ui *ui, enum ui_act_cmd cmd)
{
	return ui_act_command(ui, cmd);
}

/* The status text: the view settings, then the filter. */
static void
status_info(struct ui *ui, struct dash_frame *f)
{
	struct scr_procs_state *s = st(ui);
	const struct table *t = &ui->table;
	size_t n;

	snprintf(s->info, sizeof s->info, "sorted by %s %s%s%s%s%s",
	         rank_key_name(t->sort), t->desc ? "desc" : "asc",
	         t->tree ? " | tree" : "",
	         s->focus == DASH_FOCUS_LOG ? " | focus: log (Tab)" : "",
	         ui->paused ? " | PAUSED (p)" : "",
	         ui->opt->read_only ? " | read-only" : "");
	n = strlen(s->info);
	if (ui->act.tags.n > 0)
		snprintf(s->info + n, sizeof s->info - n,
		         " | %zu tagged (Space untags)", ui->act.tags.n);
	f->status_info = s->info;
	f->status_filter = t->name_filter;
	f->status_filter_len = t->name_filter_len;
}

/* The frame: the table and log, or the sort menu; the prompt. */
static void
frame(struct ui *ui, struct dash_frame *f)
{
	struct scr_procs_state *s = st(ui);

	f->body = s->sort_menu ? dash_body_sort_menu : dash_body_processes;
	f->focus = s->focus;
	f->menu_cursor = s->menu_cursor;
	ui_klog_frame(ui, f);
	ui->klog.view.scroll = log_scroll(ui);
	ui->klog.view.hscroll = s->log_col;
	scr_prompt_frame(&s->prompt, f);
	status_info(ui, f);
	for (size_t i = 0; i < f->nfkeys && ui->table.tree; i++) {
		if (f->fkeys[i].n == 5 && !s->sort_menu)
			f->fkeys[i].label = "List"; /* F5 leaves the tree */
	}
}

const struct scr_def scr_procs = {
    .name = "Processes",
    .short_name = "Procs",
    .key = '1',
    .state_size = sizeof(struct scr_procs_state),
    .keys = procs_keys,
    .nkeys = sizeof procs_keys / sizeof procs_keys[0],
    .overlay_key = overlay_key,
    .overlay_keys = overlay_keys,
    .command = command,
    .act = act,
    .frame = frame,
};
