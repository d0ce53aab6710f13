/*
 * Unit tests for the dashboard's screens (app/scr*.c): switching, quit,
 * the tab line, help and the function-key bar made from the key maps,
 * setup, sorting, the search and filter prompts, the table and the log
 * pane. A struct ui on a built snapshot, no terminal (tests/helpers/
 * scrfix.h); a sequence of keys must lead to a state.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "act_child.h"
#include "cgfixture.h"
#include "app/scr.h"
#include "app/scr_cgroups.h"
#include "app/scr_changes.h"
#include "app/scr_events.h"
#include "app/scr_help.h"
#include "app/scr_procs.h"
#include "app/scr_setup.h"
#include "kfixture.h"
#include "model/columns.h"
#include "scrfix.h"
#include "view/panes.h"

static void
test_digits_and_letters_switch_screens(void **state)
{
	struct scrfix *f = *state;
	struct ui *ui = &f->ui;

	assert_ptr_equal(ui->screens.cur, &scr_procs);
	assert_true(scrfix_press(ui, '2', 0) & UI_REDRAW);
	assert_ptr_equal(ui->screens.cur, &scr_events);
	scrfix_press(ui, '3', 0);
	assert_ptr_equal(ui->screens.cur, &scr_changes);
	scrfix_press(ui, '4', 0);
	assert_ptr_equal(ui->screens.cur, &scr_setup);
	/* help opens over setup, which is not left: no save */
	assert_false(scrfix_press(ui, '5', 0) & UI_SAVE);
	assert_ptr_equal(ui->screens.cur, &scr_help);
	assert_false(scrfix_press(ui, KBD_ESC, 0) & UI_SAVE);
	assert_ptr_equal(ui->screens.cur, &scr_setup);
	assert_false(scrfix_press(ui, KBD_F(1), 0) & UI_SAVE);
	assert_ptr_equal(ui->screens.cur, &scr_help);
	/* going on from help leaves setup: it saves */
	assert_true(scrfix_press(ui, '1', 0) & UI_SAVE);
	assert_ptr_equal(ui->screens.cur, &scr_procs);
	/* help over setup, then F2: back to setup as it was, no save */
	scrfix_press(ui, '4', KBD_DOWN, 'h', 0);
	assert_false(scrfix_press(ui, KBD_F(2), 0) & UI_SAVE);
	assert_ptr_equal(ui->screens.cur, &scr_setup);
	assert_int_equal(
	    ((struct scr_setup_state *)scr_state(ui, &scr_setup))->cursor, 1);
	assert_true(scrfix_press(ui, '1', 0) & UI_SAVE);
	/* e, L and F2 show their screen, and again go back */
	scrfix_press(ui, 'e', 0);
	assert_ptr_equal(ui->screens.cur, &scr_events);
	scrfix_press(ui, 'e', 0);
	assert_ptr_equal(ui->screens.cur, &scr_procs);
	scrfix_press(ui, 'L', 0);
	assert_ptr_equal(ui->screens.cur, &scr_changes);
	scrfix_press(ui, KBD_ESC, 0);
	assert_ptr_equal(ui->screens.cur, &scr_procs);
	scrfix_press(ui, KBD_F(2), 0);
	assert_ptr_equal(ui->screens.cur, &scr_setup);
	assert_true(scrfix_press(ui, KBD_F(2), 0) & UI_SAVE);
	assert_ptr_equal(ui->screens.cur, &scr_procs);
	/* Esc on the processes screen stays there */
	scrfix_press(ui, KBD_ESC, 0);
	assert_ptr_equal(ui->screens.cur, &scr_procs);
}

static void
test_f10_and_q_quit_on_every_screen(void **state)
{
	struct scrfix *f = *state;
	struct ui *ui = &f->ui;
	unsigned flags;

	for (size_t i = 0; i < scr_count(); i++) {
		scr_goto(ui, scr_at(i));
		assert_true(scr_key(ui, 'q') & UI_QUIT);
		assert_ptr_equal(ui->screens.cur, scr_at(i));
		assert_true(scr_key(ui, KBD_F(10)) & UI_QUIT);
	}
	/* quitting from setup saves it, as leaving it does */
	scr_goto(ui, &scr_setup);
	flags = scr_key(ui, 'q');
	assert_true(flags & UI_QUIT);
	assert_true(flags & UI_SAVE);
	/* so does quitting from help opened over setup */
	scr_goto(ui, &scr_setup);
	scrfix_press(ui, KBD_F(1), 0);
	flags = scr_key(ui, KBD_F(10));
	assert_true(flags & UI_QUIT);
	assert_true(flags & UI_SAVE);
	/* F10 quits from the sort menu and from the prompts too; there q is
	 * typed */
	scr_goto(ui, &scr_procs);
	scrfix_press(ui, KBD_F(6), 0);
	assert_ptr_equal(scrfix_frame(f)->body, dash_body_sort_menu);
	assert_true(scr_key(ui, KBD_F(10)) & UI_QUIT);
	assert_true(scr_key(ui, 'q') & UI_QUIT);
	scrfix_press(ui, KBD_ESC, KBD_F(3), 0);
	assert_false(scr_key(ui, 'q') & UI_QUIT);
	assert_int_equal(scrfix_frame(f)->prompt, DASH_PROMPT_SEARCH);
	assert_true(scr_key(ui, KBD_F(10)) & UI_QUIT);
	scrfix_press(ui, KBD_ESC, KBD_F(4), 0);
	assert_false(scr_key(ui, 'q') & UI_QUIT);
	assert_true(scr_key(ui, KBD_F(10)) & UI_QUIT);
}

/* The bar's keys of the frame, "F1Help F2Setup ..." into buf. */
static const char *
bar_text(struct scrfix *f, char *buf, size_t size)
{
	const struct dash_frame *fr = scrfix_frame(f);
	size_t used = 0;

	buf[0] = '\0';
	for (size_t i = 0; i < fr->nfkeys && used < size; i++)
		used += (size_t)snprintf(buf + used, size - used, "%sF%d%s",
		                         i ? " " : "", fr->fkeys[i].n,
		                         fr->fkeys[i].label);
	return buf;
}

/* The function-key bar lists the F-keys that work where it is shown. */
static void
test_fkey_bar_follows_the_screen(void **state)
{
	struct scrfix *f = *state;
	struct ui *ui = &f->ui;
	char b[256];

	assert_string_equal(bar_text(f, b, sizeof b),
	                    "F1Help F2Setup F3Search F4Filter F5Tree F6SortBy "
	                    "F7Adj- F8Adj+ F9Kill F10Quit");
	assert_non_null(
	    strstr(scrfix_frame(f)->status_info, "sorted by pid asc"));
	scrfix_press(ui, 't', 0);
	assert_non_null(strstr(bar_text(f, b, sizeof b), "F5List"));
	scrfix_press(ui, 't', '2', 0);
	assert_string_equal(bar_text(f, b, sizeof b),
	                    "F1Help F2Setup F7Adj- F8Adj+ F9Kill F10Quit");
	assert_null(strstr(scrfix_frame(f)->status_info, "sorted"));
	scrfix_press(ui, '3', 0);
	assert_string_equal(bar_text(f, b, sizeof b), "F1Help F2Setup F10Quit");
	assert_null(strstr(scrfix_frame(f)->status_info, "sorted"));
	scrfix_press(ui, '4', 0);
	assert_string_equal(bar_text(f, b, sizeof b), "F1Help F2Done F10Quit");
	scrfix_press(ui, KBD_F(1), 0);
	assert_string_equal(bar_text(f, b, sizeof b), "F1Back F2Setup F10Quit");
	assert_null(scrfix_frame(f)->status_info);
	/* the overlays: their own keys and quit */
	scrfix_press(ui, '1', KBD_F(6), 0);
	assert_string_equal(bar_text(f, b, sizeof b), "F1Help F6Close F10Quit");
	scrfix_press(ui, KBD_ESC, KBD_F(3), 0);
	assert_string_equal(bar_text(f, b, sizeof b), "F3Next F10Quit");
	assert_string_equal(scrfix_frame(f)->prompt_hint,
	                    "Enter keeps, F3 next, Esc returns");
	scrfix_press(ui, KBD_ESC, KBD_F(4), 0);
	assert_string_equal(bar_text(f, b, sizeof b), "F10Quit");
	assert_string_equal(scrfix_frame(f)->prompt_label, "Filter: ");
}

/* Help from the sort menu lists the menu's keys; it returns to it. */
static void
test_sort_menu_help(void **state)
{
	struct scrfix *f = *state;
	struct ui *ui = &f->ui;
	struct scr_help_state *h = scr_state(ui, &scr_help);
	bool close = false;

	scrfix_press(ui, KBD_F(6), KBD_F(1), 0);
	assert_ptr_equal(ui->screens.cur, &scr_help);
	for (size_t i = 0; i < h->n; i++)
		close |= strcmp(h->lines[i].keys, "Esc F6") == 0;
	assert_true(close);
	scrfix_press(ui, KBD_F(1), 0);
	assert_ptr_equal(scrfix_frame(f)->body, dash_body_sort_menu);
}

static void
test_tab_line(void **state)
{
	struct scrfix *f = *state;
	const struct dash_frame *fr;

	fr = scrfix_frame(f);
	assert_int_equal(fr->ntabs, scr_count());
	assert_int_equal(fr->tab_current, 0);
	assert_string_equal(fr->tabs[0].name, "Processes");
	assert_int_equal(fr->tabs[0].key, '1');
	assert_ptr_equal(fr->body, dash_body_processes);
	scrfix_press(&f->ui, '3', 0);
	fr = scrfix_frame(f);
	assert_int_equal(fr->tab_current, 2);
	assert_string_equal(fr->tabs[2].name, "Changes");
	assert_ptr_equal(fr->body, dash_body_changes);
	/* every screen has its own digit, 1-9, then 0 for the tenth */
	for (size_t i = 0; i < scr_count(); i++) {
		assert_true(scr_at(i)->key >= '0' && scr_at(i)->key <= '9');
		for (size_t j = i + 1; j < scr_count(); j++)
			assert_int_not_equal(scr_at(i)->key, scr_at(j)->key);
	}
}

/* Is there a help line with these keys? */
static bool
help_has(const struct scr_help_state *h, const char *keys)
{
	for (size_t i = 0; i < h->n; i++) {
		if (strcmp(h->lines[i].keys, keys) == 0)
			return true;
	}
	return false;
}

static void
test_help_is_made_from_the_key_maps(void **state)
{
	struct scrfix *f = *state;
	struct ui *ui = &f->ui;
	struct scr_help_state *h = scr_state(ui, &scr_help);
	static const char *const procs_keys[] = {
	    "F1 ? h", "F2 C S", "F3 /", "F4 \\",  "F5 t",   "F6 > <", "Tab",
	    "F10 q",  "O",      "M",    "I",      "e",      "l",      "p Z",
	    "F7 [",   "F8 ]",   "a",    "P",      "X",      "F9 k",   "u",
	    "L",      "Space",  "U",    "Ctrl-L", "Down j", "1-9 0",  "c"};

	scrfix_press(ui, KBD_F(1), 0);
	assert_ptr_equal(ui->screens.cur, &scr_help);
	assert_ptr_equal(h->from, &scr_procs);
	for (size_t i = 0; i < sizeof procs_keys / sizeof *procs_keys; i++)
		assert_true(help_has(h, procs_keys[i]));
	/* F1 again goes back */
	scrfix_press(ui, KBD_F(1), 0);
	assert_ptr_equal(ui->screens.cur, &scr_procs);
	/* from the changes screen: its keys, no action keys */
	ring_init(&ui->act.log_ring, UI_ACT_LOG_MAX);
	for (int i = 0; i < 40; i++)
		ring_push(&ui->act.log_ring, NULL);
	scrfix_press(ui, 'L', KBD_DOWN, KBD_DOWN, '?', 0);
	assert_ptr_equal(h->from, &scr_changes);
	assert_true(help_has(h, "Up k"));
	assert_true(help_has(h, "End"));
	assert_true(help_has(h, "u"));
	assert_true(help_has(h, "F10 q"));
	assert_false(help_has(h, "F9 k"));
	assert_false(help_has(h, "F3 /"));
	/* any key no map binds goes back, to the screen as it was */
	scrfix_press(ui, 'x', 0);
	assert_ptr_equal(ui->screens.cur, &scr_changes);
	assert_int_equal(
	    ((struct scr_changes_state *)scr_state(ui, &scr_changes))->scroll,
	    2);
	/* and works there: k (help binds only Up) scrolls the changes */
	scrfix_press(ui, '?', 'k', 0);
	assert_ptr_equal(ui->screens.cur, &scr_changes);
	assert_int_equal(
	    ((struct scr_changes_state *)scr_state(ui, &scr_changes))->scroll,
	    1);
}

static void
test_help_scrolls(void **state)
{
	struct scrfix *f = *state;
	struct ui *ui = &f->ui;
	struct scr_help_state *h = scr_state(ui, &scr_help);
	int max;

	scrfix_press(ui, 'h', 0);
	max = dialogs_help_max_top(&ui->layout.body, h->lines, h->n);
	assert_true(max > 0); /* at 80x24 the help is longer than the body */
	scrfix_press(ui, KBD_DOWN, 'j', 0);
	assert_int_equal(h->top, 2);
	scrfix_press(ui, KBD_UP, KBD_UP, KBD_UP, 0);
	assert_int_equal(h->top, 0);
	scrfix_press(ui, KBD_END, 0);
	assert_int_equal(h->top, max);
	scrfix_press(ui, KBD_PGDN, ' ', 0);
	assert_int_equal(h->top, max);
	scrfix_press(ui, KBD_HOME, 0);
	assert_int_equal(h->top, 0);
	scrfix_press(ui, KBD_PGDN, 0);
	assert_int_equal(
	    h->top, ui->layout.body.h - 2 < max ? ui->layout.body.h - 2 : max);
	assert_int_equal(
	    ((const struct dash_help *)scrfix_frame(f)->screen_data)->top,
	    h->top);
	scrfix_press(ui, KBD_ESC, 0);
	assert_ptr_equal(ui->screens.cur, &scr_procs);
}

static void
test_setup_toggles_and_picks(void **state)
{
	struct scrfix *f = *state;
	struct ui *ui = &f->ui;
	struct scr_setup_state *s = scr_state(ui, &scr_setup);
	bool was = ui->settings.cfg.shown[2];
	unsigned flags;

	scrfix_press(ui, 'S', KBD_DOWN, 'j', 0);
	assert_int_equal(s->cursor, 2);
	assert_int_equal(scrfix_frame(f)->menu_cursor, 2);
	scrfix_press(ui, ' ', 0);
	assert_true(ui->settings.cfg.shown[2] == !was);
	scrfix_press(ui, KBD_ENTER, 0);
	assert_true(ui->settings.cfg.shown[2] == was);
	scrfix_press(ui, 'k', KBD_UP, KBD_UP, 0);
	assert_int_equal(s->cursor, 0);
	/* down to the last line (the last theme) and no further */
	for (size_t i = 0; i < COLUMN_COUNT + 5; i++)
		scrfix_press(ui, KBD_DOWN, 0);
	assert_int_equal(s->cursor, COLUMN_COUNT + ui->settings.nthemes - 1);
	flags = scrfix_press(ui, KBD_ENTER, 0);
	assert_true(flags & UI_THEME);
	assert_string_equal(ui->settings.cfg.theme, "mono");
	assert_int_equal(scrfix_frame(f)->nthemes, ui->settings.nthemes);
	/* Esc saves and goes back; the next visit starts at the top */
	assert_true(scrfix_press(ui, KBD_ESC, 0) & UI_SAVE);
	scrfix_press(ui, 'C', 0);
	assert_int_equal(s->cursor, 0);
}

static void
test_setup_keeps_one_column(void **state)
{
	struct scrfix *f = *state;
	struct ui *ui = &f->ui;

	for (size_t c = 0; c < COLUMN_COUNT; c++)
		ui->settings.cfg.shown[c] = c == 0;
	scrfix_press(ui, KBD_F(2), ' ', 0);
	assert_true(ui->settings.cfg.shown[0]);
}

static void
test_sort_keys_and_menu(void **state)
{
	struct scrfix *f = *state;
	struct ui *ui = &f->ui;
	struct scr_procs_state *p = scr_state(ui, &scr_procs);
	unsigned flags;

	flags = scrfix_press(ui, 'M', 0);
	assert_true(flags & UI_REBUILD);
	assert_int_equal(ui->table.sort, RANK_RSS);
	assert_true(ui->table.desc);
	assert_non_null(strstr(ui->status.text, "sorted by"));
	scrfix_press(ui, 'M', 0); /* again: inverted */
	assert_false(ui->table.desc);
	scrfix_press(ui, 'I', 0);
	assert_true(ui->table.desc);
	/* the menu opens on the current key */
	scrfix_press(ui, '>', 0);
	assert_true(p->sort_menu);
	assert_int_equal(p->menu_cursor, RANK_RSS);
	assert_ptr_equal(scrfix_frame(f)->body, dash_body_sort_menu);
	/* it takes the keys: M is no sort key now, k moves up */
	scrfix_press(ui, 'M', 'k', 0);
	assert_int_equal(p->menu_cursor, RANK_RSS - 1);
	scrfix_press(ui, KBD_DOWN, KBD_DOWN, 0);
	flags = scrfix_press(ui, KBD_ENTER, 0);
	assert_true(flags & UI_REBUILD);
	assert_false(p->sort_menu);
	assert_int_equal(ui->table.sort, RANK_RSS + 1);
	assert_ptr_equal(scrfix_frame(f)->body, dash_body_processes);
	scrfix_press(ui, KBD_F(6), 'I', 0);
	assert_true(p->sort_menu);
	scrfix_press(ui, KBD_ESC, 0);
	assert_false(p->sort_menu);
	assert_ptr_equal(ui->screens.cur, &scr_procs);
}

static void
test_search_prompt(void **state)
{
	struct scrfix *f = *state;
	struct ui *ui = &f->ui;
	struct scr_procs_state *p = scr_state(ui, &scr_procs);

	table_move_to(&ui->table, &ui->snap, 0);
	assert_string_equal(scrfix_selected(ui), "alpha");
	scrfix_press(ui, '/', 0);
	assert_int_equal(p->prompt.which, DASH_PROMPT_SEARCH);
	/* typed keys are text, even q and digits */
	scrfix_type(ui, "gq");
	assert_ptr_equal(ui->screens.cur, &scr_procs);
	assert_int_equal(p->prompt.len, 2);
	scrfix_press(ui, KBD_BACKSPACE, 0);
	scrfix_type(ui, "amm");
	assert_string_equal(scrfix_selected(ui), "gamma");
	assert_int_equal(scrfix_frame(f)->prompt, DASH_PROMPT_SEARCH);
	assert_memory_equal(scrfix_frame(f)->prompt_text, "gamm", 4);
	/* Esc goes back to where the search started */
	scrfix_press(ui, KBD_ESC, 0);
	assert_int_equal(p->prompt.which, DASH_PROMPT_NONE);
	assert_string_equal(scrfix_selected(ui), "alpha");
	/* Enter keeps the match */
	scrfix_press(ui, KBD_F(3), 0);
	scrfix_type(ui, "bet");
	scrfix_press(ui, KBD_ENTER, 0);
	assert_string_equal(scrfix_selected(ui), "beta");
	assert_int_equal(scrfix_frame(f)->prompt, DASH_PROMPT_NONE);
}

static void
test_filter_prompt(void **state)
{
	struct scrfix *f = *state;
	struct ui *ui = &f->ui;
	struct scr_procs_state *p = scr_state(ui, &scr_procs);
	unsigned flags;

	scrfix_press(ui, '\\', 0);
	assert_int_equal(p->prompt.which, DASH_PROMPT_FILTER);
	scrfix_type(ui, "et");
	assert_int_equal(ui->table.name_filter_len, 2);
	flags = scrfix_press(ui, KBD_ENTER, 0);
	assert_int_equal(p->prompt.which, DASH_PROMPT_NONE);
	assert_memory_equal(ui->table.name_filter, "et", 2);
	assert_int_equal(table_rebuild(&ui->table, &ui->snap), 0);
	assert_int_equal(ui->table.nrows, 1);
	/* opened again it starts from the filter; Esc clears it */
	scrfix_press(ui, KBD_F(4), 0);
	assert_int_equal(p->prompt.len, 2);
	flags = scrfix_press(ui, KBD_ESC, 0);
	assert_true(flags & UI_REBUILD);
	assert_int_equal(ui->table.name_filter_len, 0);
}

static void
test_table_moves_and_toggles(void **state)
{
	struct scrfix *f = *state;
	struct ui *ui = &f->ui;
	struct scr_procs_state *p = scr_state(ui, &scr_procs);

	table_move_to(&ui->table, &ui->snap, 0);
	scrfix_press(ui, KBD_DOWN, 0);
	assert_string_equal(scrfix_selected(ui), "beta");
	scrfix_press(ui, KBD_END, 0);
	assert_string_equal(scrfix_selected(ui), "gamma");
	scrfix_press(ui, KBD_HOME, 0);
	assert_string_equal(scrfix_selected(ui), "alpha");
	assert_true(scrfix_press(ui, 't', 0) & UI_REBUILD);
	assert_true(ui->table.tree);
	scrfix_press(ui, 'p', 0);
	assert_true(ui->paused);
	assert_true(scrfix_press(ui, 'Z', 0) & UI_RESAMPLE);
	assert_false(ui->paused);
	scrfix_press(ui, 'l', 0);
	assert_true(ui->settings.cfg.log_important);
	/* Tab: the log pane takes the move keys */
	scrfix_press(ui, '\t', 0);
	assert_int_equal(p->focus, DASH_FOCUS_LOG);
	assert_int_equal(scrfix_frame(f)->focus, DASH_FOCUS_LOG);
	scrfix_press(ui, KBD_DOWN, 0);
	assert_string_equal(scrfix_selected(ui), "alpha");
	/* Space tags the selected row and moves down; U untags all */
	scrfix_press(ui, '\t', ' ', 0);
	assert_int_equal(ui->act.tags.n, 1);
	assert_string_equal(scrfix_selected(ui), "beta");
	scrfix_press(ui, 'U', 0);
	assert_int_equal(ui->act.tags.n, 0);
	/* no binding: nothing to do */
	assert_int_equal(scr_key(ui, KBD_UNKNOWN), 0);
	assert_true(scr_key(ui, KBD_CTRL('l')) & UI_REDRAW);
}

static void
test_log_pane_scrolls_sideways(void **state)
{
	struct scrfix *f = *state;
	struct ui *ui = &f->ui;
	struct scr_procs_state *p = scr_state(ui, &scr_procs);
	struct scr_help_state *h = scr_state(ui, &scr_help);
	size_t step;

	/* the table has the focus: Left/Right do nothing */
	assert_int_equal(scr_key(ui, KBD_RIGHT), 0);
	assert_int_equal(p->log_col, 0);
	scrfix_press(ui, '\t', KBD_RIGHT, 0);
	step = p->log_col;
	assert_true(step > 0);
	scrfix_press(ui, KBD_RIGHT, 0);
	assert_int_equal(p->log_col, 2 * step);
	scrfix_frame(f);
	assert_int_equal(ui->klog.view.hscroll, 2 * step);
	scrfix_press(ui, KBD_LEFT, 0);
	assert_int_equal(p->log_col, step);
	scrfix_press(ui, KBD_LEFT, KBD_LEFT, 0);
	assert_int_equal(p->log_col, 0);
	/* never past the longest line the ring keeps */
	for (int i = 0; i < 100; i++)
		scrfix_press(ui, KBD_RIGHT, 0);
	assert_int_equal(p->log_col, KLOGRING_TEXT_MAX - 1);
	/* the help lists both keys */
	scrfix_press(ui, KBD_F(1), 0);
	assert_true(help_has(h, "Left"));
	assert_true(help_has(h, "Right"));
}

/* Push n plain lines into the session's log ring. */
static void
push_lines(struct ui *ui, size_t n)
{
	struct klog_record rec;

	memset(&rec, 0, sizeof rec);
	rec.level = 6;
	for (size_t i = 0; i < n; i++)
		klogring_push(&ui->klog.ring, &rec, "a line", 6, KCLASS_NORMAL);
}

/* Up/Down scroll the focused log pane; a scrolled-up view stays on its
 * lines while new ones come, the tail view follows them. */
static void
test_log_pane_scroll_keeps_its_place(void **state)
{
	struct scrfix *f = *state;
	struct ui *ui = &f->ui;
	struct scr_procs_state *p = scr_state(ui, &scr_procs);
	size_t max;

	assert_int_equal(klogring_init(&ui->klog.ring, 200), 0);
	ui->settings.cfg.log_important = false;
	push_lines(ui, 40);
	max = ui_klog_max_scroll(ui);
	assert_true(max > 5 && max < 40);
	scrfix_press(ui, '\t', KBD_UP, KBD_UP, 0);
	assert_int_equal(p->log_scroll, 2);
	push_lines(ui, 3);
	scrfix_frame(f);
	assert_int_equal(ui->klog.view.scroll, 5);
	scrfix_press(ui, KBD_DOWN, 0);
	assert_int_equal(p->log_scroll, 4);
	/* the tail view stays at the tail */
	scrfix_press(ui, KBD_END, 0);
	push_lines(ui, 3);
	scrfix_frame(f);
	assert_int_equal(ui->klog.view.scroll, 0);
	/* Home: the oldest line on top, never further */
	scrfix_press(ui, KBD_HOME, KBD_UP, 0);
	assert_int_equal(p->log_scroll, ui_klog_max_scroll(ui));
	/* the table has the focus again: Up moves the selection */
	scrfix_press(ui, '\t', KBD_UP, 0);
	assert_int_equal(p->log_scroll, ui_klog_max_scroll(ui));
}

int
main(void)
{
#define T(name)                                                                \
	cmocka_unit_test_setup_teardown(name, scrfix_setup, scrfix_teardown)
	const struct CMUnitTest tests[] = {
	    T(test_digits_and_letters_switch_screens),
	    T(test_f10_and_q_quit_on_every_screen),
	    T(test_tab_line),
	    T(test_help_is_made_from_the_key_maps),
	    T(test_help_scrolls),
	    T(test_fkey_bar_follows_the_screen),
	    T(test_sort_menu_help),
	    T(test_setup_toggles_and_picks),
	    T(test_setup_keeps_one_column),
	    T(test_sort_keys_and_menu),
	    T(test_search_prompt),
	    T(test_filter_prompt),
	    T(test_table_moves_and_toggles),
	    T(test_log_pane_scrolls_sideways),
	    T(test_log_pane_scroll_keeps_its_place),
	};
#undef T
	return cmocka_run_group_tests(tests, NULL, NULL);
}
