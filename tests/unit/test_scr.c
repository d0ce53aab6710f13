/*
 * Unit tests for the dashboard's screens (app/scr*.c) and the actions
 * they start (app/ui_act.c): a struct ui on a built snapshot, no
 * terminal (screen_open is never called); a sequence of keys must lead
 * to a state. Actions run on a child this test starts.
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
#include "view/panes.h"

struct fix {
	struct options opt;
	struct ui ui;
	struct act_child child;
	struct dash_frame frame;
};

static const char *const themes[] = {"default", "light", "mono"};

/* Add a process row to the snapshot. */
static void
add_row(struct ui *ui, int32_t pid, uint64_t start, const char *comm,
        int64_t rss_kb)
{
	struct proc_row r;

	memset(&r, 0, sizeof r);
	r.pid = pid;
	r.ppid = 1;
	r.state = 'S';
	snprintf(r.comm, sizeof r.comm, "%s", comm);
	snprintf(r.user, sizeof r.user, "root");
	r.rss_kb = r.anon_kb = rss_kb;
	r.file_kb = r.shmem_kb = r.swap_kb = r.pte_kb = 0;
	r.oom_score = 600 + pid % 100;
	r.start_time = start;
	r.cmdline_off = r.cgroup_off = SNAP_NO_STR;
	assert_int_equal(snapshot_push_proc(&ui->snap, &r), 0);
}

/* A session on three made-up processes at 80x24, actions off. */
static int
fix_setup(void **state)
{
	struct fix *f = calloc(1, sizeof *f);
	struct ui *ui = &f->ui;

	assert_non_null(f);
	ui->opt = &f->opt;
	ui->act.proc_fd = -1;
	ui->victim = -1;
	config_defaults(&ui->settings.cfg);
	table_init(&ui->table);
	snapshot_init(&ui->snap);
	layout_compute(&ui->layout, 24, 80);
	assert_int_equal(scr_init(ui), 0);
	for (size_t i = 0; i < sizeof themes / sizeof themes[0]; i++)
		ui->settings.themes[ui->settings.nthemes++] = themes[i];
	add_row(ui, 101, 1001, "alpha", 3000);
	add_row(ui, 102, 1002, "beta", 2000);
	add_row(ui, 103, 1003, "gamma", 1000);
	ui->have_snap = true;
	ui->table.sort = RANK_PID;
	ui->table.desc = false;
	assert_int_equal(table_rebuild(&ui->table, &ui->snap), 0);
	*state = f;
	return 0;
}

/* Free the session and reap the child. */
static int
fix_teardown(void **state)
{
	struct fix *f = *state;

	ui_act_fini(&f->ui);
	act_child_kill(&f->child);
	kevents_free(f->ui.klog.kev);
	if (f->ui.klog.ring.lines != NULL)
		klogring_fini(&f->ui.klog.ring);
	scr_fini(&f->ui);
	table_fini(&f->ui.table);
	snapshot_fini(&f->ui.snap);
	free(f);
	return 0;
}

/* Press keys (0-terminated); the flags of the last one. */
static unsigned
press(struct ui *ui, ...)
{
	va_list ap;
	int32_t key;
	unsigned flags = 0;

	va_start(ap, ui);
	while ((key = va_arg(ap, int32_t)) != 0)
		flags = scr_key(ui, key);
	va_end(ap);
	return flags;
}

/* Type a string, one key per byte. */
static void
type(struct ui *ui, const char *s)
{
	for (; *s; s++)
		scr_key(ui, (unsigned char)*s);
}

/* The frame the current screen fills. */
/* The cgroup screen's view struct in a frame. */
static const struct dash_cgroups *
cgview(const struct dash_frame *f)
{
	return f->screen_data;
}

static const struct dash_frame *
frame_of(struct fix *f)
{
	memset(&f->frame, 0, sizeof f->frame);
	f->frame.layout = &f->ui.layout;
	f->frame.table = &f->ui.table;
	ui_actview_frame(&f->ui, &f->frame);
	scr_frame(&f->ui, &f->frame);
	return &f->frame;
}

/* The selected row's command name. */
static const char *
selected(const struct ui *ui)
{
	const struct proc_row *r = table_selected(&ui->table, &ui->snap);

	return r ? r->comm : "(none)";
}

static void
test_digits_and_letters_switch_screens(void **state)
{
	struct fix *f = *state;
	struct ui *ui = &f->ui;

	assert_ptr_equal(ui->screens.cur, &scr_procs);
	assert_true(press(ui, '2', 0) & UI_REDRAW);
	assert_ptr_equal(ui->screens.cur, &scr_events);
	press(ui, '3', 0);
	assert_ptr_equal(ui->screens.cur, &scr_changes);
	press(ui, '4', 0);
	assert_ptr_equal(ui->screens.cur, &scr_setup);
	/* help opens over setup, which is not left: no save */
	assert_false(press(ui, '5', 0) & UI_SAVE);
	assert_ptr_equal(ui->screens.cur, &scr_help);
	assert_false(press(ui, KBD_ESC, 0) & UI_SAVE);
	assert_ptr_equal(ui->screens.cur, &scr_setup);
	assert_false(press(ui, KBD_F(1), 0) & UI_SAVE);
	assert_ptr_equal(ui->screens.cur, &scr_help);
	/* going on from help leaves setup: it saves */
	assert_true(press(ui, '1', 0) & UI_SAVE);
	assert_ptr_equal(ui->screens.cur, &scr_procs);
	/* help over setup, then F2: back to setup as it was, no save */
	press(ui, '4', KBD_DOWN, 'h', 0);
	assert_false(press(ui, KBD_F(2), 0) & UI_SAVE);
	assert_ptr_equal(ui->screens.cur, &scr_setup);
	assert_int_equal(
	    ((struct scr_setup_state *)scr_state(ui, &scr_setup))->cursor, 1);
	assert_true(press(ui, '1', 0) & UI_SAVE);
	/* e, L and F2 show their screen, and again go back */
	press(ui, 'e', 0);
	assert_ptr_equal(ui->screens.cur, &scr_events);
	press(ui, 'e', 0);
	assert_ptr_equal(ui->screens.cur, &scr_procs);
	press(ui, 'L', 0);
	assert_ptr_equal(ui->screens.cur, &scr_changes);
	press(ui, KBD_ESC, 0);
	assert_ptr_equal(ui->screens.cur, &scr_procs);
	press(ui, KBD_F(2), 0);
	assert_ptr_equal(ui->screens.cur, &scr_setup);
	assert_true(press(ui, KBD_F(2), 0) & UI_SAVE);
	assert_ptr_equal(ui->screens.cur, &scr_procs);
	/* Esc on the processes screen stays there */
	press(ui, KBD_ESC, 0);
	assert_ptr_equal(ui->screens.cur, &scr_procs);
}

static void
test_f10_and_q_quit_on_every_screen(void **state)
{
	struct fix *f = *state;
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
	press(ui, KBD_F(1), 0);
	flags = scr_key(ui, KBD_F(10));
	assert_true(flags & UI_QUIT);
	assert_true(flags & UI_SAVE);
	/* F10 quits from the sort menu and from the prompts too; there q is
	 * typed */
	scr_goto(ui, &scr_procs);
	press(ui, KBD_F(6), 0);
	assert_ptr_equal(frame_of(f)->body, dash_body_sort_menu);
	assert_true(scr_key(ui, KBD_F(10)) & UI_QUIT);
	assert_true(scr_key(ui, 'q') & UI_QUIT);
	press(ui, KBD_ESC, KBD_F(3), 0);
	assert_false(scr_key(ui, 'q') & UI_QUIT);
	assert_int_equal(frame_of(f)->prompt, DASH_PROMPT_SEARCH);
	assert_true(scr_key(ui, KBD_F(10)) & UI_QUIT);
	press(ui, KBD_ESC, KBD_F(4), 0);
	assert_false(scr_key(ui, 'q') & UI_QUIT);
	assert_true(scr_key(ui, KBD_F(10)) & UI_QUIT);
}

/* The bar's keys of the frame, "F1Help F2Setup ..." into buf. */
static const char *
bar_text(struct fix *f, char *buf, size_t size)
{
	const struct dash_frame *fr = frame_of(f);
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
	struct fix *f = *state;
	struct ui *ui = &f->ui;
	char b[256];

	assert_string_equal(bar_text(f, b, sizeof b),
	                    "F1Help F2Setup F3Search F4Filter F5Tree F6SortBy "
	                    "F7Adj- F8Adj+ F9Kill F10Quit");
	assert_non_null(strstr(frame_of(f)->status_info, "sorted by pid asc"));
	press(ui, 't', 0);
	assert_non_null(strstr(bar_text(f, b, sizeof b), "F5List"));
	press(ui, 't', '2', 0);
	assert_string_equal(bar_text(f, b, sizeof b),
	                    "F1Help F2Setup F7Adj- F8Adj+ F9Kill F10Quit");
	assert_null(strstr(frame_of(f)->status_info, "sorted"));
	press(ui, '3', 0);
	assert_string_equal(bar_text(f, b, sizeof b), "F1Help F2Setup F10Quit");
	assert_null(strstr(frame_of(f)->status_info, "sorted"));
	press(ui, '4', 0);
	assert_string_equal(bar_text(f, b, sizeof b), "F1Help F2Done F10Quit");
	press(ui, KBD_F(1), 0);
	assert_string_equal(bar_text(f, b, sizeof b), "F1Back F2Setup F10Quit");
	assert_null(frame_of(f)->status_info);
	/* the overlays: their own keys and quit */
	press(ui, '1', KBD_F(6), 0);
	assert_string_equal(bar_text(f, b, sizeof b), "F1Help F6Close F10Quit");
	press(ui, KBD_ESC, KBD_F(3), 0);
	assert_string_equal(bar_text(f, b, sizeof b), "F3Next F10Quit");
	assert_string_equal(frame_of(f)->prompt_hint,
	                    "Enter keeps, F3 next, Esc returns");
	press(ui, KBD_ESC, KBD_F(4), 0);
	assert_string_equal(bar_text(f, b, sizeof b), "F10Quit");
	assert_string_equal(frame_of(f)->prompt_label, "Filter: ");
}

/* Help from the sort menu lists the menu's keys; it returns to it. */
static void
test_sort_menu_help(void **state)
{
	struct fix *f = *state;
	struct ui *ui = &f->ui;
	struct scr_help_state *h = scr_state(ui, &scr_help);
	bool close = false;

	press(ui, KBD_F(6), KBD_F(1), 0);
	assert_ptr_equal(ui->screens.cur, &scr_help);
	for (size_t i = 0; i < h->n; i++)
		close |= strcmp(h->lines[i].keys, "Esc F6") == 0;
	assert_true(close);
	press(ui, KBD_F(1), 0);
	assert_ptr_equal(frame_of(f)->body, dash_body_sort_menu);
}

static void
test_tab_line(void **state)
{
	struct fix *f = *state;
	const struct dash_frame *fr;

	fr = frame_of(f);
	assert_int_equal(fr->ntabs, scr_count());
	assert_int_equal(fr->tab_current, 0);
	assert_string_equal(fr->tabs[0].name, "Processes");
	assert_int_equal(fr->tabs[0].key, '1');
	assert_ptr_equal(fr->body, dash_body_processes);
	press(&f->ui, '3', 0);
	fr = frame_of(f);
	assert_int_equal(fr->tab_current, 2);
	assert_string_equal(fr->tabs[2].name, "Changes");
	assert_ptr_equal(fr->body, dash_body_changes);
	/* every screen has its own digit, 1-9 */
	for (size_t i = 0; i < scr_count(); i++) {
		assert_true(scr_at(i)->key >= '1' && scr_at(i)->key <= '9');
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
	struct fix *f = *state;
	struct ui *ui = &f->ui;
	struct scr_help_state *h = scr_state(ui, &scr_help);
	static const char *const procs_keys[] = {
	    "F1 ? h", "F2 C S", "F3 /", "F4 \\",  "F5 t",   "F6 > <", "Tab",
	    "F10 q",  "O",      "M",    "I",      "e",      "l",      "p Z",
	    "F7 [",   "F8 ]",   "a",    "P",      "X",      "F9 k",   "u",
	    "L",      "Space",  "U",    "Ctrl-L", "Down j", "1-6",    "c"};

	press(ui, KBD_F(1), 0);
	assert_ptr_equal(ui->screens.cur, &scr_help);
	assert_ptr_equal(h->from, &scr_procs);
	for (size_t i = 0; i < sizeof procs_keys / sizeof *procs_keys; i++)
		assert_true(help_has(h, procs_keys[i]));
	/* F1 again goes back */
	press(ui, KBD_F(1), 0);
	assert_ptr_equal(ui->screens.cur, &scr_procs);
	/* from the changes screen: its keys, no action keys */
	ring_init(&ui->act.log_ring, UI_ACT_LOG_MAX);
	for (int i = 0; i < 40; i++)
		ring_push(&ui->act.log_ring, NULL);
	press(ui, 'L', KBD_DOWN, KBD_DOWN, '?', 0);
	assert_ptr_equal(h->from, &scr_changes);
	assert_true(help_has(h, "Up k"));
	assert_true(help_has(h, "End"));
	assert_true(help_has(h, "u"));
	assert_true(help_has(h, "F10 q"));
	assert_false(help_has(h, "F9 k"));
	assert_false(help_has(h, "F3 /"));
	/* any key no map binds goes back, to the screen as it was */
	press(ui, 'x', 0);
	assert_ptr_equal(ui->screens.cur, &scr_changes);
	assert_int_equal(
	    ((struct scr_changes_state *)scr_state(ui, &scr_changes))->scroll,
	    2);
	/* and works there: k (help binds only Up) scrolls the changes */
	press(ui, '?', 'k', 0);
	assert_ptr_equal(ui->screens.cur, &scr_changes);
	assert_int_equal(
	    ((struct scr_changes_state *)scr_state(ui, &scr_changes))->scroll,
	    1);
}

static void
test_help_scrolls(void **state)
{
	struct fix *f = *state;
	struct ui *ui = &f->ui;
	struct scr_help_state *h = scr_state(ui, &scr_help);
	int max;

	press(ui, 'h', 0);
	max = dialogs_help_max_top(&ui->layout.body, h->lines, h->n);
	assert_true(max > 0); /* at 80x24 the help is longer than the body */
	press(ui, KBD_DOWN, 'j', 0);
	assert_int_equal(h->top, 2);
	press(ui, KBD_UP, KBD_UP, KBD_UP, 0);
	assert_int_equal(h->top, 0);
	press(ui, KBD_END, 0);
	assert_int_equal(h->top, max);
	press(ui, KBD_PGDN, ' ', 0);
	assert_int_equal(h->top, max);
	press(ui, KBD_HOME, 0);
	assert_int_equal(h->top, 0);
	press(ui, KBD_PGDN, 0);
	assert_int_equal(
	    h->top, ui->layout.body.h - 2 < max ? ui->layout.body.h - 2 : max);
	assert_int_equal(
	    ((const struct dash_help *)frame_of(f)->screen_data)->top, h->top);
	press(ui, KBD_ESC, 0);
	assert_ptr_equal(ui->screens.cur, &scr_procs);
}

static void
test_setup_toggles_and_picks(void **state)
{
	struct fix *f = *state;
	struct ui *ui = &f->ui;
	struct scr_setup_state *s = scr_state(ui, &scr_setup);
	bool was = ui->settings.cfg.shown[2];
	unsigned flags;

	press(ui, 'S', KBD_DOWN, 'j', 0);
	assert_int_equal(s->cursor, 2);
	assert_int_equal(frame_of(f)->menu_cursor, 2);
	press(ui, ' ', 0);
	assert_true(ui->settings.cfg.shown[2] == !was);
	press(ui, KBD_ENTER, 0);
	assert_true(ui->settings.cfg.shown[2] == was);
	press(ui, 'k', KBD_UP, KBD_UP, 0);
	assert_int_equal(s->cursor, 0);
	/* down to the last line (the last theme) and no further */
	for (size_t i = 0; i < COLUMN_COUNT + 5; i++)
		press(ui, KBD_DOWN, 0);
	assert_int_equal(s->cursor, COLUMN_COUNT + ui->settings.nthemes - 1);
	flags = press(ui, KBD_ENTER, 0);
	assert_true(flags & UI_THEME);
	assert_string_equal(ui->settings.cfg.theme, "mono");
	assert_int_equal(frame_of(f)->nthemes, ui->settings.nthemes);
	/* Esc saves and goes back; the next visit starts at the top */
	assert_true(press(ui, KBD_ESC, 0) & UI_SAVE);
	press(ui, 'C', 0);
	assert_int_equal(s->cursor, 0);
}

static void
test_setup_keeps_one_column(void **state)
{
	struct fix *f = *state;
	struct ui *ui = &f->ui;

	for (size_t c = 0; c < COLUMN_COUNT; c++)
		ui->settings.cfg.shown[c] = c == 0;
	press(ui, KBD_F(2), ' ', 0);
	assert_true(ui->settings.cfg.shown[0]);
}

static void
test_sort_keys_and_menu(void **state)
{
	struct fix *f = *state;
	struct ui *ui = &f->ui;
	struct scr_procs_state *p = scr_state(ui, &scr_procs);
	unsigned flags;

	flags = press(ui, 'M', 0);
	assert_true(flags & UI_REBUILD);
	assert_int_equal(ui->table.sort, RANK_RSS);
	assert_true(ui->table.desc);
	assert_non_null(strstr(ui->status.text, "sorted by"));
	press(ui, 'M', 0); /* again: inverted */
	assert_false(ui->table.desc);
	press(ui, 'I', 0);
	assert_true(ui->table.desc);
	/* the menu opens on the current key */
	press(ui, '>', 0);
	assert_true(p->sort_menu);
	assert_int_equal(p->menu_cursor, RANK_RSS);
	assert_ptr_equal(frame_of(f)->body, dash_body_sort_menu);
	/* it takes the keys: M is no sort key now, k moves up */
	press(ui, 'M', 'k', 0);
	assert_int_equal(p->menu_cursor, RANK_RSS - 1);
	press(ui, KBD_DOWN, KBD_DOWN, 0);
	flags = press(ui, KBD_ENTER, 0);
	assert_true(flags & UI_REBUILD);
	assert_false(p->sort_menu);
	assert_int_equal(ui->table.sort, RANK_RSS + 1);
	assert_ptr_equal(frame_of(f)->body, dash_body_processes);
	press(ui, KBD_F(6), 'I', 0);
	assert_true(p->sort_menu);
	press(ui, KBD_ESC, 0);
	assert_false(p->sort_menu);
	assert_ptr_equal(ui->screens.cur, &scr_procs);
}

static void
test_search_prompt(void **state)
{
	struct fix *f = *state;
	struct ui *ui = &f->ui;
	struct scr_procs_state *p = scr_state(ui, &scr_procs);

	table_move_to(&ui->table, &ui->snap, 0);
	assert_string_equal(selected(ui), "alpha");
	press(ui, '/', 0);
	assert_int_equal(p->prompt.which, DASH_PROMPT_SEARCH);
	/* typed keys are text, even q and digits */
	type(ui, "gq");
	assert_ptr_equal(ui->screens.cur, &scr_procs);
	assert_int_equal(p->prompt.len, 2);
	press(ui, KBD_BACKSPACE, 0);
	type(ui, "amm");
	assert_string_equal(selected(ui), "gamma");
	assert_int_equal(frame_of(f)->prompt, DASH_PROMPT_SEARCH);
	assert_memory_equal(frame_of(f)->prompt_text, "gamm", 4);
	/* Esc goes back to where the search started */
	press(ui, KBD_ESC, 0);
	assert_int_equal(p->prompt.which, DASH_PROMPT_NONE);
	assert_string_equal(selected(ui), "alpha");
	/* Enter keeps the match */
	press(ui, KBD_F(3), 0);
	type(ui, "bet");
	press(ui, KBD_ENTER, 0);
	assert_string_equal(selected(ui), "beta");
	assert_int_equal(frame_of(f)->prompt, DASH_PROMPT_NONE);
}

static void
test_filter_prompt(void **state)
{
	struct fix *f = *state;
	struct ui *ui = &f->ui;
	struct scr_procs_state *p = scr_state(ui, &scr_procs);
	unsigned flags;

	press(ui, '\\', 0);
	assert_int_equal(p->prompt.which, DASH_PROMPT_FILTER);
	type(ui, "et");
	assert_int_equal(ui->table.name_filter_len, 2);
	flags = press(ui, KBD_ENTER, 0);
	assert_int_equal(p->prompt.which, DASH_PROMPT_NONE);
	assert_memory_equal(ui->table.name_filter, "et", 2);
	assert_int_equal(table_rebuild(&ui->table, &ui->snap), 0);
	assert_int_equal(ui->table.nrows, 1);
	/* opened again it starts from the filter; Esc clears it */
	press(ui, KBD_F(4), 0);
	assert_int_equal(p->prompt.len, 2);
	flags = press(ui, KBD_ESC, 0);
	assert_true(flags & UI_REBUILD);
	assert_int_equal(ui->table.name_filter_len, 0);
}

static void
test_table_moves_and_toggles(void **state)
{
	struct fix *f = *state;
	struct ui *ui = &f->ui;
	struct scr_procs_state *p = scr_state(ui, &scr_procs);

	table_move_to(&ui->table, &ui->snap, 0);
	press(ui, KBD_DOWN, 0);
	assert_string_equal(selected(ui), "beta");
	press(ui, KBD_END, 0);
	assert_string_equal(selected(ui), "gamma");
	press(ui, KBD_HOME, 0);
	assert_string_equal(selected(ui), "alpha");
	assert_true(press(ui, 't', 0) & UI_REBUILD);
	assert_true(ui->table.tree);
	press(ui, 'p', 0);
	assert_true(ui->paused);
	assert_true(press(ui, 'Z', 0) & UI_RESAMPLE);
	assert_false(ui->paused);
	press(ui, 'l', 0);
	assert_true(ui->settings.cfg.log_important);
	/* Tab: the log pane takes the move keys */
	press(ui, '\t', 0);
	assert_int_equal(p->focus, DASH_FOCUS_LOG);
	assert_int_equal(frame_of(f)->focus, DASH_FOCUS_LOG);
	press(ui, KBD_DOWN, 0);
	assert_string_equal(selected(ui), "alpha");
	/* Space tags the selected row and moves down; U untags all */
	press(ui, '\t', ' ', 0);
	assert_int_equal(ui->act.tags.n, 1);
	assert_string_equal(selected(ui), "beta");
	press(ui, 'U', 0);
	assert_int_equal(ui->act.tags.n, 0);
	/* no binding: nothing to do */
	assert_int_equal(scr_key(ui, KBD_UNKNOWN), 0);
	assert_true(scr_key(ui, KBD_CTRL('l')) & UI_REDRAW);
}

static void
test_log_pane_scrolls_sideways(void **state)
{
	struct fix *f = *state;
	struct ui *ui = &f->ui;
	struct scr_procs_state *p = scr_state(ui, &scr_procs);
	struct scr_help_state *h = scr_state(ui, &scr_help);
	size_t step;

	/* the table has the focus: Left/Right do nothing */
	assert_int_equal(scr_key(ui, KBD_RIGHT), 0);
	assert_int_equal(p->log_col, 0);
	press(ui, '\t', KBD_RIGHT, 0);
	step = p->log_col;
	assert_true(step > 0);
	press(ui, KBD_RIGHT, 0);
	assert_int_equal(p->log_col, 2 * step);
	frame_of(f);
	assert_int_equal(ui->klog.view.hscroll, 2 * step);
	press(ui, KBD_LEFT, 0);
	assert_int_equal(p->log_col, step);
	press(ui, KBD_LEFT, KBD_LEFT, 0);
	assert_int_equal(p->log_col, 0);
	/* never past the longest line the ring keeps */
	for (int i = 0; i < 100; i++)
		press(ui, KBD_RIGHT, 0);
	assert_int_equal(p->log_col, KLOGRING_TEXT_MAX - 1);
	/* the help lists both keys */
	press(ui, KBD_F(1), 0);
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
	struct fix *f = *state;
	struct ui *ui = &f->ui;
	struct scr_procs_state *p = scr_state(ui, &scr_procs);
	size_t max;

	assert_int_equal(klogring_init(&ui->klog.ring, 200), 0);
	ui->settings.cfg.log_important = false;
	push_lines(ui, 40);
	max = ui_klog_max_scroll(ui);
	assert_true(max > 5 && max < 40);
	press(ui, '\t', KBD_UP, KBD_UP, 0);
	assert_int_equal(p->log_scroll, 2);
	push_lines(ui, 3);
	frame_of(f);
	assert_int_equal(ui->klog.view.scroll, 5);
	press(ui, KBD_DOWN, 0);
	assert_int_equal(p->log_scroll, 4);
	/* the tail view stays at the tail */
	press(ui, KBD_END, 0);
	push_lines(ui, 3);
	frame_of(f);
	assert_int_equal(ui->klog.view.scroll, 0);
	/* Home: the oldest line on top, never further */
	press(ui, KBD_HOME, KBD_UP, 0);
	assert_int_equal(p->log_scroll, ui_klog_max_scroll(ui));
	/* the table has the focus again: Up moves the selection */
	press(ui, '\t', KBD_UP, 0);
	assert_int_equal(p->log_scroll, ui_klog_max_scroll(ui));
}

/* An engine with an older hung task and an OOM kill whose task table has
 * 30 more rows (09.txt with lines added). */
static struct kevents *
events_fixture(void)
{
	size_t len, at;
	char *buf = kfixture_load("09.txt", &len), *big, *kill;
	struct kevents *ev = kevents_new(64);
	static const char *const hung[] = {
	    "3,1,1000000,-;INFO: task jbd2/sda1-8:301 blocked for more than "
	    "120 seconds.",
	    NULL};
	int n = 0;

	assert_non_null(buf);
	assert_non_null(ev);
	big = malloc(len + 30 * 200);
	assert_non_null(big);
	kill = strstr(buf, "oom-kill:constraint");
	assert_non_null(kill);
	while (kill > buf && kill[-1] != '\n')
		kill--;
	at = (size_t)(kill - buf);
	memcpy(big, buf, at);
	for (int i = 1; i <= 30; i++)
		n += snprintf(big + at + n, 200,
		              "6,%d,228226406,-;[   %d]     0  %d     2000 %8d "
		              "    %d        0         0    40960        0     "
		              "        0 w%02d\n",
		              500 + i, 6000 + i, 6000 + i, 1000 - i, 1000 - i,
		              i);
	memcpy(big + at + n, kill, len - at);
	kfixture_feed_lines(ev, hung);
	kfixture_feed(ev, big, len + (size_t)n);
	free(big);
	free(buf);
	return ev;
}

static void
test_events_cursor_and_task_table(void **state)
{
	struct fix *f = *state;
	struct ui *ui = &f->ui;
	struct scr_events_state *e = scr_state(ui, &scr_events);
	const struct kevent *kill;

	ui->klog.kev = events_fixture();
	assert_int_equal(kevents_count(ui->klog.kev), 2);
	kill = kevents_get(ui->klog.kev, 0);
	assert_int_equal(kill->kind, KEVENT_OOM_KILL);
	assert_true(kill->oom.ntasks > 20);
	press(ui, 'e', 0);
	assert_int_equal(e->cursor, 0);
	press(ui, KBD_PGDN, KBD_PGDN, 0);
	assert_int_equal(e->task_top, 20);
	press(ui, KBD_PGUP, 0);
	assert_int_equal(e->task_top, 10);
	frame_of(f);
	assert_int_equal(ui->klog.view.task_top, 10);
	/* another event: its task table starts at the top */
	press(ui, 'j', 0);
	assert_int_equal(e->cursor, 1);
	assert_int_equal(e->task_top, 0);
	press(ui, KBD_DOWN, 0);
	assert_int_equal(e->cursor, 1); /* the oldest: no further */
	assert_int_equal(press(ui, KBD_PGDN, 0), 0); /* not an OOM kill */
	press(ui, KBD_UP, KBD_UP, 0);
	assert_int_equal(e->cursor, 0);
	press(ui, KBD_END, 0);
	assert_int_equal(e->cursor, 1);
	assert_ptr_equal(frame_of(f)->body, dash_body_events);
	assert_int_equal(ui->klog.view.event_cursor, 1);
	press(ui, KBD_HOME, 0);
	assert_int_equal(e->cursor, 0);
	/* a fresh visit starts at the newest event */
	press(ui, KBD_END, KBD_ESC, 'e', 0);
	assert_int_equal(e->cursor, 0);
}

/* Actions on, and the child the only row (selected). */
static void
act_on_child(struct fix *f)
{
	struct ui *ui = &f->ui;

	assert_int_equal(act_child_start(&f->child, 0), 0);
	snapshot_reset(&ui->snap);
	add_row(ui, f->child.pid, f->child.start_time, "owtchild", 100);
	assert_int_equal(table_rebuild(&ui->table, &ui->snap), 0);
	table_move_to(&ui->table, &ui->snap, 0);
	ui_act_init(ui);
	assert_null(ui->act.disabled);
}

static void
test_signal_menu_opens_and_esc_closes(void **state)
{
	struct fix *f = *state;
	struct ui *ui = &f->ui;
	const struct dash_frame *fr;

	act_on_child(f);
	press(ui, KBD_F(9), 0);
	assert_true(ui_act_dialog_open(ui));
	assert_int_equal(ui->act.dialog.machine.kind, ACTDIALOG_SIGNAL);
	fr = frame_of(f);
	assert_non_null(fr->act->dlg);
	assert_int_equal(fr->act->ntargets, 1);
	assert_int_equal(fr->act->shown[0].pid, f->child.pid);
	/* the dialog takes every key: q is no quit, 2 no screen switch */
	assert_false(press(ui, 'q', '2', 0) & UI_QUIT);
	assert_ptr_equal(ui->screens.cur, &scr_procs);
	press(ui, KBD_ESC, 0);
	assert_false(ui_act_dialog_open(ui));
	assert_non_null(strstr(ui->status.text, "cancelled"));
	assert_true(act_alive(f->child.pid));
	/* k opens it too */
	press(ui, 'k', 0);
	assert_true(ui_act_dialog_open(ui));
	press(ui, KBD_ESC, 0);
	assert_false(ui_act_dialog_open(ui));
	/* F10 quits from the dialog, a pending confirmation too: nothing
	 * is sent */
	press(ui, KBD_F(9), KBD_ENTER, 0);
	assert_true(ui_act_dialog_open(ui));
	assert_true(press(ui, KBD_F(10), 0) & UI_QUIT);
	assert_true(act_alive(f->child.pid));
}

static void
test_adj_prompt_digits_and_enter(void **state)
{
	struct fix *f = *state;
	struct ui *ui = &f->ui;
	struct scr_changes_state *c = scr_state(ui, &scr_changes);
	const struct dash_frame *fr;
	bool found = false;

	act_on_child(f);
	press(ui, 'a', 0);
	assert_true(ui_act_dialog_open(ui));
	assert_int_equal(ui->act.dialog.machine.kind, ACTDIALOG_ADJ_VALUE);
	type(ui, "500");
	press(ui, KBD_ENTER, 0);
	if (ui_act_dialog_open(ui))
		press(ui, 'y', 0); /* the policy asked to confirm */
	assert_false(ui_act_dialog_open(ui));
	assert_int_equal(act_read_long(f->child.pid, "oom_score_adj"), 500);
	/* u undoes it */
	press(ui, 'u', 0);
	assert_int_equal(act_read_long(f->child.pid, "oom_score_adj"), 0);
	/* the changes screen lists both */
	press(ui, 'L', 0);
	fr = frame_of(f);
	assert_ptr_equal(fr->body, dash_body_changes);
	assert_true(fr->act->nlines > 2);
	for (size_t i = 0; i < fr->act->nlines; i++)
		found |= strstr(c->lines[i].text, "500") != NULL;
	assert_true(found);
}

/* The changes screen lists the results newest first, the last
 * UI_ACT_LOG_MAX of them. */
static void
test_changes_lists_results_newest_first(void **state)
{
	struct fix *f = *state;
	struct ui *ui = &f->ui;
	struct scr_changes_state *c = scr_state(ui, &scr_changes);
	struct ui_act_result *r;
	const struct dash_frame *fr;
	const char *last;
	size_t end;

	ring_init(&ui->act.log_ring, UI_ACT_LOG_MAX);
	for (int i = 0; i < UI_ACT_LOG_MAX + 6; i++) {
		r = &ui->act.log[ring_push(&ui->act.log_ring, NULL)];
		r->ok = i % 2 == 0;
		snprintf(r->text, sizeof r->text, "result %d", i);
	}
	press(ui, 'L', 0);
	fr = frame_of(f);
	/* headings, "none yet", a blank, a heading, the kept results */
	assert_int_equal(fr->act->total, 4 + UI_ACT_LOG_MAX);
	assert_non_null(strstr(c->lines[4].text, "result 69"));
	assert_int_equal(c->lines[4].role, THEME_STATUS_ERROR);
	assert_non_null(strstr(c->lines[5].text, "result 68"));
	assert_int_equal(c->lines[5].role, THEME_STATUS_OK);
	/* PgDn stops with the oldest kept one on the body's last line */
	for (int i = 0; i < 10; i++)
		press(ui, KBD_PGDN, 0);
	fr = frame_of(f);
	assert_true(fr->act->nlines > 1);
	assert_int_equal(fr->act->scroll + fr->act->nlines, fr->act->total);
	last = c->lines[fr->act->nlines - 1].text;
	assert_non_null(strstr(last, "  result 6"));
	assert_int_equal(strlen(strstr(last, "result 6")), 8);
	end = fr->act->scroll;
	/* End goes there too, Down stays there */
	press(ui, KBD_HOME, 0);
	assert_int_equal(frame_of(f)->act->scroll, 0);
	press(ui, KBD_END, 0);
	assert_int_equal(frame_of(f)->act->scroll, end);
	press(ui, KBD_DOWN, 0);
	assert_int_equal(frame_of(f)->act->scroll, end);
}

static void
test_events_actions_aim_at_the_event(void **state)
{
	struct fix *f = *state;
	struct ui *ui = &f->ui;

	act_on_child(f);
	/* no event: nothing is held, whatever row is selected */
	press(ui, 'e', KBD_F(9), 0);
	assert_false(ui_act_dialog_open(ui));
	assert_non_null(strstr(ui->status.text, "names no process"));
	assert_int_equal(ui->act.dialog.ntargets, 0);
	/* and on the table the same key aims at the selected row */
	press(ui, KBD_ESC, KBD_F(9), 0);
	assert_true(ui_act_dialog_open(ui));
	assert_int_equal(ui->act.dialog.targets[0].pid, f->child.pid);
	press(ui, KBD_ESC, 0);
}

static void
test_actions_off_says_why(void **state)
{
	struct fix *f = *state;
	struct ui *ui = &f->ui;

	f->opt.proc_root = "/nonexistent";
	ui_act_init(ui);
	press(ui, KBD_F(9), 0);
	assert_false(ui_act_dialog_open(ui));
	assert_non_null(strstr(ui->status.text, "actions are off"));
}

/* The made-up cgroups: the host, system.slice (unlimited) with
 * nginx.service at 97% of 512M (beta there, its victim) and db.service
 * at 10% of 1G (gamma), and user.slice (unlimited, the most usage) with
 * alpha. Returns nginx's index. */
static uint32_t
add_cgroups(struct ui *ui)
{
	struct snapshot *sn = &ui->snap;
	uint32_t root, sys, web, db, user;

	root =
	    cgfixture_add(sn, "/", SNAPCG_NONE, 2000LL << 20, CGMEM_UNLIMITED);
	sys = cgfixture_add(sn, "/system.slice", root, 700LL << 20,
	                    CGMEM_UNLIMITED);
	web = cgfixture_add(sn, "/system.slice/nginx.service", sys, 497LL << 20,
	                    512LL << 20);
	db = cgfixture_add(sn, "/system.slice/db.service", sys, 100LL << 20,
	                   1000LL << 20);
	user = cgfixture_add(sn, "/user.slice", root, 800LL << 20,
	                     CGMEM_UNLIMITED);
	cgfixture_place(sn, 0, user);
	cgfixture_place(sn, 1, web);
	cgfixture_place(sn, 2, db);
	sn->cgroups[web].victim.limited = true;
	sn->cgroups[web].victim.victim = 1;
	return web;
}

/* The path of the cgroup shown on row r of the cgroup screen. */
static const char *
cg_row_path(struct ui *ui, size_t r, char *buf, size_t size)
{
	struct scr_cgroups_state *s = scr_state(ui, &scr_cgroups);
	size_t len = 0;
	const char *p;

	if (r >= s->tree.nrows)
		return "(none)";
	p = snapcg_path(&ui->snap, s->tree.rows[r].index, &len);
	snprintf(buf, size, "%.*s", (int)len, p ? p : "");
	return buf;
}

static void
test_cgroups_screen_moves_and_sorts(void **state)
{
	struct fix *f = *state;
	struct ui *ui = &f->ui;
	struct scr_cgroups_state *s = scr_state(ui, &scr_cgroups);
	const struct dash_frame *fr;
	char b[128];

	add_cgroups(ui);
	press(ui, 'c', 0);
	assert_ptr_equal(ui->screens.cur, &scr_cgroups);
	fr = frame_of(f);
	assert_ptr_equal(fr->body, dash_body_cgroups);
	assert_ptr_equal(fr->body, dash_body_cgroups);
	assert_non_null(cgview(fr));
	assert_string_equal(fr->tabs[fr->tab_current].name, "Cgroups");
	assert_int_equal(fr->tabs[fr->tab_current].key, '6');
	/* a tree by headroom: nginx (97%) before db (10%); the unlimited
	 * slices by path */
	assert_int_equal(s->tree.nrows, 5);
	assert_string_equal(cg_row_path(ui, 0, b, sizeof b), "/");
	assert_string_equal(cg_row_path(ui, 1, b, sizeof b), "/system.slice");
	assert_string_equal(cg_row_path(ui, 2, b, sizeof b),
	                    "/system.slice/nginx.service");
	assert_string_equal(cg_row_path(ui, 3, b, sizeof b),
	                    "/system.slice/db.service");
	assert_int_equal(s->tree.rows[2].depth, 2);
	/* moves */
	press(ui, KBD_DOWN, 'j', 0);
	assert_int_equal(s->tree.cursor, 2);
	press(ui, KBD_END, 0);
	assert_int_equal(s->tree.cursor, 4);
	press(ui, KBD_UP, 0);
	assert_int_equal(s->tree.cursor, 3);
	press(ui, KBD_HOME, KBD_PGDN, 0);
	assert_int_equal(s->tree.cursor, 4);
	press(ui, KBD_PGUP, 0);
	assert_int_equal(s->tree.cursor, 0);
	/* M: by usage, user.slice (800M) first; again: ascending */
	press(ui, KBD_DOWN, KBD_DOWN, 'M', 0);
	assert_int_equal(s->tree.sort, CGTREE_USAGE);
	assert_non_null(strstr(ui->status.text, "USAGE, descending"));
	frame_of(f);
	assert_string_equal(cg_row_path(ui, 1, b, sizeof b), "/user.slice");
	/* the cursor stayed on nginx */
	assert_string_equal(cg_row_path(ui, s->tree.cursor, b, sizeof b),
	                    "/system.slice/nginx.service");
	press(ui, 'M', 0);
	assert_false(s->tree.desc);
	/* F6: the menu, on the current key; Enter picks LIMIT (the
	 * tightest first), Esc closes without a change, I inverts inside
	 * it, q still quits */
	press(ui, 'N', KBD_F(6), 0);
	fr = frame_of(f);
	assert_true(cgview(fr)->sort_menu);
	assert_int_equal(cgview(fr)->menu_cursor, CGTREE_NAME);
	press(ui, KBD_HOME, 0); /* the menu takes it: no move */
	press(ui, KBD_UP, KBD_UP, KBD_UP, KBD_UP, KBD_UP, KBD_ENTER, 0);
	assert_false(s->view.sort_menu);
	assert_int_equal(s->tree.sort, CGTREE_LIMIT);
	assert_false(s->tree.desc);
	press(ui, '>', KBD_DOWN, KBD_ESC, 0);
	assert_false(s->view.sort_menu);
	assert_ptr_equal(ui->screens.cur, &scr_cgroups);
	assert_int_equal(s->tree.sort, CGTREE_LIMIT);
	press(ui, KBD_F(6), 'I', 0);
	assert_true(s->tree.desc);
	assert_true(scr_key(ui, 'q') & UI_QUIT);
	press(ui, KBD_F(6), 0);
	assert_false(s->view.sort_menu);
	press(ui, 'I', 0);
	assert_false(s->tree.desc);
	press(ui, 'K', 0);
	assert_int_equal(s->tree.sort, CGTREE_OOM_KILL);
	press(ui, 't', 'p', 0);
	fr = frame_of(f);
	assert_false(s->tree.tree);
	assert_int_equal(s->tree.rows[2].depth, 0);
	assert_true(cgview(fr)->with_path);
	/* c again goes back */
	press(ui, 'c', 0);
	assert_ptr_equal(ui->screens.cur, &scr_procs);
}

static void
test_cgroups_enter_filters_and_esc_clears(void **state)
{
	struct fix *f = *state;
	struct ui *ui = &f->ui;
	struct scr_cgroups_state *s = scr_state(ui, &scr_cgroups);
	const struct dash_frame *fr;
	uint32_t db;
	unsigned flags;

	add_cgroups(ui);
	press(ui, '6', KBD_DOWN, KBD_DOWN, 0); /* nginx.service */
	flags = press(ui, KBD_ENTER, 0);
	assert_true(flags & UI_REBUILD);
	assert_ptr_equal(ui->screens.cur, &scr_procs);
	assert_string_equal(ui->table.cgroup_filter,
	                    "/system.slice/nginx.service");
	assert_int_equal(table_rebuild(&ui->table, &ui->snap), 0);
	assert_int_equal(ui->table.nrows, 1);
	assert_string_equal(selected(ui), "beta");
	fr = frame_of(f);
	assert_non_null(fr->status);
	assert_non_null(strstr(fr->status, "cgroup filter: "
	                                   "/system.slice/nginx.service"));
	assert_non_null(strstr(fr->status, "Esc clears"));
	/* the slice holds its subtree: beta and gamma, not alpha */
	press(ui, 'c', KBD_UP, KBD_ENTER, 0);
	assert_string_equal(ui->table.cgroup_filter, "/system.slice");
	assert_int_equal(table_rebuild(&ui->table, &ui->snap), 0);
	assert_int_equal(ui->table.nrows, 2);
	/* Esc clears it; again, Esc does what it did before */
	flags = press(ui, KBD_ESC, 0);
	assert_true(flags & UI_REBUILD);
	assert_int_equal(ui->table.cgroup_filter_len, 0);
	assert_int_equal(table_rebuild(&ui->table, &ui->snap), 0);
	assert_int_equal(ui->table.nrows, 3);
	assert_null(frame_of(f)->status);
	assert_false(press(ui, KBD_ESC, 0) & UI_REBUILD);
	/* an unreadable file: its reason in the status line when selected */
	db = (uint32_t)snapcg_find(&ui->snap, "/system.slice/db.service", 24);
	ui->snap.cgroups[db].mem.err[CGMEM_F_EVENTS] = EACCES;
	press(ui, 'c', KBD_HOME, 0);
	assert_string_equal(frame_of(f)->status,
	                    "cgroups by HEADROOM (closest to the limit first); "
	                    "Enter: its processes, p: paths");
	press(ui, KBD_DOWN, KBD_DOWN, KBD_DOWN, 0);
	assert_int_equal(cgtree_selected(&s->tree), db);
	fr = frame_of(f);
	assert_non_null(fr->status);
	assert_string_equal(fr->status,
	                    "N/A: memory.events: Permission denied");
}

/* No cgroups: the screen says why instead of an empty table. */
static void
test_cgroups_none(void **state)
{
	struct fix *f = *state;
	struct ui *ui = &f->ui;
	const struct dash_frame *fr;

	ui->snap.cgroups_err = ENOENT;
	press(ui, 'c', KBD_DOWN, KBD_ENTER, 0);
	assert_ptr_equal(ui->screens.cur, &scr_cgroups);
	assert_int_equal(ui->table.cgroup_filter_len, 0);
	fr = frame_of(f);
	assert_non_null(strstr(cgview(fr)->none, "no memory cgroup hierarchy"));
}

int
main(void)
{
#define T(name) cmocka_unit_test_setup_teardown(name, fix_setup, fix_teardown)
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
	    T(test_changes_lists_results_newest_first),
	    T(test_events_cursor_and_task_table),
	    T(test_signal_menu_opens_and_esc_closes),
	    T(test_adj_prompt_digits_and_enter),
	    T(test_events_actions_aim_at_the_event),
	    T(test_actions_off_says_why),
	    T(test_cgroups_screen_moves_and_sorts),
	    T(test_cgroups_enter_filters_and_esc_clears),
	    T(test_cgroups_none),
	};
#undef T
	return cmocka_run_group_tests(tests, NULL, NULL);
}
