/*
 * scr.c: the table of screens, the keys every screen shares (the action
 * map and the global map) and the key dispatch that walks the maps (see
 * scr.h for the order). This is the only file that lists the screens.
 */
#include "app/scr.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/scr_boots.h"
#include "app/scr_cgroups.h"
#include "app/scr_changes.h"
#include "app/scr_detail.h"
#include "app/scr_events.h"
#include "app/scr_help.h"
#include "app/scr_memory.h"
#include "app/scr_procs.h"
#include "app/scr_setup.h"
#include "app/scr_system.h"

/* The screens, in tab order; each is one key away (its digit, 1-9, and
 * 0 for the tenth, as htop's F-keys go to 10). */
static const struct scr_def *const screens[] = {
    &scr_procs,   &scr_events, &scr_changes, &scr_setup,  &scr_help,
    &scr_cgroups, &scr_detail, &scr_memory,  &scr_system, &scr_boots,
};
#define NSCREENS (sizeof screens / sizeof screens[0])
_Static_assert(NSCREENS <= UI_SCREENS_MAX, "raise UI_SCREENS_MAX");
_Static_assert(NSCREENS <= DASH_MAX_TABS, "raise DASH_MAX_TABS");

/* The action keys, on the screens that aim actions at a process. */
static const struct scr_binding act_keys[] = {
    {{KBD_F(7), '[', 0},
     UI_ACT_LOWER,
     "lower oom_score_adj by the step (adj_step, 100): less likely killed",
     "Adj-"},
    {{KBD_F(8), ']', 0},
     UI_ACT_RAISE,
     "raise oom_score_adj by the step: more likely killed",
     "Adj+"},
    {{'a', 0, 0},
     UI_ACT_VALUE,
     "set oom_score_adj (-1000..1000; Enter applies), shows the new OOM place "
     "first",
     NULL},
    {{'P', 0, 0},
     UI_ACT_PROTECT,
     "protect: oom_score_adj -1000 (y confirms)",
     NULL},
    {{'X', 0, 0},
     UI_ACT_PREFER,
     "preferred victim: oom_score_adj 1000 (y confirms)",
     NULL},
    {{KBD_F(9), 'k', 0},
     UI_ACT_KILL,
     "signal menu (SIGTERM first; Enter, then y sends)",
     "Kill"},
    {{'u', 0, 0},
     UI_ACT_UNDO,
     "undo the last adj change (on every process it changed)",
     NULL},
};
#define NACT (sizeof act_keys / sizeof act_keys[0])

/* The global commands. */
enum global_cmd {
	GLOBAL_HELP,
	GLOBAL_SETUP,
	GLOBAL_EVENTS,
	GLOBAL_CHANGES,
	GLOBAL_CGROUPS,
	GLOBAL_BACK,
	GLOBAL_REDRAW,
	GLOBAL_QUIT,
};

/* Keys that work on every screen (a screen's own map comes first). */
static const struct scr_binding global_keys[] = {
    {{KBD_F(1), '?', 'h'}, GLOBAL_HELP, "this help (again: back)", "Help"},
    {{KBD_F(2), 'C', 'S'},
     GLOBAL_SETUP,
     "setup: columns shown, theme (saved to oomwatchrc when left)",
     "Setup"},
    {{'e', 0, 0},
     GLOBAL_EVENTS,
     "events view (OOM kills and more; PgUp/PgDn scroll a task table)",
     NULL},
    {{'L', 0, 0},
     GLOBAL_CHANGES,
     "list the changes and actions made since oomwatch started",
     NULL},
    {{'c', 0, 0},
     GLOBAL_CGROUPS,
     "memory cgroups: usage, limit, headroom, OOM kills, victim in each",
     NULL},
    {{KBD_ESC, 0, 0},
     GLOBAL_BACK,
     "back to the processes screen (there: clear the cgroup filter; on the "
     "help screen: back to the screen help was opened from)",
     NULL},
    {{KBD_CTRL('l'), 0, 0}, GLOBAL_REDRAW, "redraw the screen", NULL},
    {{KBD_F(10), 'q', 0},
     GLOBAL_QUIT,
     "quit, from every screen (F10 also from a prompt, menu or dialog: "
     "nothing unconfirmed is applied)",
     "Quit"},
};
#define NGLOBAL (sizeof global_keys / sizeof global_keys[0])
/* The quit binding: the last global one (F10 works over overlays too). */
#define QUIT_BINDING (&global_keys[NGLOBAL - 1])

/* How many screens there are. */
size_t
scr_count(void)
{
	return NSCREENS;
}

/* Screen i in tab order (NULL past the end). */
const struct scr_def *
scr_at(size_t i)
{
	return i < NSCREENS ? screens[i] : NULL;
}

/* The table index of d, or NSCREENS. */
static size_t
index_of(const struct scr_def *d)
{
	size_t i = 0;

	while (i < NSCREENS && screens[i] != d)
		i++;
	return i;
}

/* Allocate the screens' state. */
int
scr_init(struct ui *ui)
{
	for (size_t i = 0; i < NSCREENS; i++) {
		ui->screens.state[i] = calloc(
		    1, screens[i]->state_size ? screens[i]->state_size : 1);
		if (ui->screens.state[i] == NULL) {
			scr_fini(ui);
			return -ENOMEM;
		}
	}
	for (size_t i = 0; i < NSCREENS; i++) {
		if (screens[i]->init != NULL)
			screens[i]->init(ui);
	}
	ui->screens.cur = screens[0];
	return 0;
}

/* Free the screens' state. */
void
scr_fini(struct ui *ui)
{
	for (size_t i = 0; i < NSCREENS; i++) {
		if (ui->screens.state[i] != NULL && screens[i]->fini != NULL)
			screens[i]->fini(ui);
		free(ui->screens.state[i]);
		ui->screens.state[i] = NULL;
	}
}

/* The state of screen d. */
void *
scr_state(const struct ui *ui, const struct scr_def *d)
{
	size_t i = index_of(d);

	return i < NSCREENS ? ui->screens.state[i] : NULL;
}

/* Leave the current screen, and the one it was opened over unless that
 * is d (the screen now shown); their UI_* flags. */
static unsigned
leave_for(struct ui *ui, const struct scr_def *d)
{
	const struct scr_def *under = ui->screens.under;
	unsigned flags = 0;

	if (ui->screens.cur->leave != NULL)
		flags |= ui->screens.cur->leave(ui);
	if (under != NULL && under != d && under->leave != NULL)
		flags |= under->leave(ui);
	ui->screens.under = NULL;
	return flags;
}

/* Make d current again, as it was. */
unsigned
scr_resume(struct ui *ui, const struct scr_def *d)
{
	unsigned flags = UI_REDRAW;

	if (d == ui->screens.cur)
		return flags;
	flags |= leave_for(ui, d);
	ui->screens.cur = d;
	return flags;
}

/* Make d current: a fresh visit (or a return to what it was under). */
unsigned
scr_goto(struct ui *ui, const struct scr_def *d)
{
	const struct scr_def *from = ui->screens.cur;
	unsigned flags;

	if (d == from)
		return UI_REDRAW;
	if (d == ui->screens.under)
		return scr_resume(ui, d);
	if (d->over)
		return scr_open_over(ui, d);
	flags = scr_resume(ui, d);
	if (d->enter != NULL)
		d->enter(ui, from);
	return flags;
}

/* Open d over the current screen, which is not left. */
unsigned
scr_open_over(struct ui *ui, const struct scr_def *d)
{
	const struct scr_def *from = ui->screens.cur;

	if (d == from)
		return UI_REDRAW;
	if (ui->screens.under == NULL)
		ui->screens.under = from;
	ui->screens.cur = d;
	if (d->enter != NULL)
		d->enter(ui, from);
	return UI_REDRAW;
}

/* Back to the processes screen. */
unsigned
scr_home(struct ui *ui)
{
	return scr_goto(ui, screens[0]);
}

/* The command key is bound to in a map, or -1. */
int
scr_lookup(const struct scr_binding *map, size_t n, int32_t key)
{
	for (size_t i = 0; i < n; i++) {
		for (int k = 0; k < 3; k++) {
			if (map[i].keys[k] != 0 && map[i].keys[k] == key)
				return map[i].cmd;
		}
	}
	return -1;
}

/* Go to d, or back home when d is already shown (e, L, F2 toggle). */
static unsigned
toggle(struct ui *ui, const struct scr_def *d)
{
	return ui->screens.cur == d ? scr_home(ui) : scr_goto(ui, d);
}

/* Esc on the processes screen: clear the cgroup filter (Enter on the
 * cgroup screen set it). */
static unsigned
clear_cgroup_filter(struct ui *ui)
{
	table_set_cgroup_filter(&ui->table, "", 0);
	ui_status(ui, THEME_STATUS_INFO, "cgroup filter cleared");
	return UI_REBUILD | UI_REDRAW;
}

/* On the processes screen, with no other message, the status line names
 * the cgroup filter (in the cgroup screen's status buffer). */
static void
cgroup_filter_status(struct ui *ui, struct dash_frame *f)
{
	struct scr_cgroups_state *s = scr_state(ui, &scr_cgroups);
	const struct table *t = &ui->table;

	if (s == NULL || f->status != NULL || t->cgroup_filter_len == 0 ||
	    ui->screens.cur != screens[0])
		return;
	snprintf(s->status, sizeof s->status,
	         "cgroup filter: %.*s and below, %zu process%s (Esc clears)",
	         (int)(sizeof s->status / 2), t->cgroup_filter, t->nrows,
	         t->nrows == 1 ? "" : "es");
	f->status = s->status;
	f->status_role = THEME_STATUS_INFO;
}

/* Run a global command. */
static unsigned
global(struct ui *ui, enum global_cmd c)
{
	switch (c) {
	case GLOBAL_HELP:
		return scr_goto(ui, &scr_help); /* its map has F1: back */
	case GLOBAL_SETUP:
		return toggle(ui, &scr_setup);
	case GLOBAL_EVENTS:
		return toggle(ui, &scr_events);
	case GLOBAL_CHANGES:
		return toggle(ui, &scr_changes);
	case GLOBAL_CGROUPS:
		return toggle(ui, &scr_cgroups);
	case GLOBAL_BACK:
		if (ui->screens.cur == screens[0] &&
		    ui->table.cgroup_filter_len > 0)
			return clear_cgroup_filter(ui);
		return scr_home(ui);
	case GLOBAL_REDRAW:
		if (ui->scr != NULL)
			screen_redraw_all(ui->scr);
		return UI_REDRAW;
	case GLOBAL_QUIT:
	default:
		/* leaving saves what the screens would save when closed */
		return UI_QUIT | leave_for(ui, NULL);
	}
}

/* The screen whose digit key is key, or NULL. */
static const struct scr_def *
screen_of_key(int32_t key)
{
	for (size_t i = 0; i < NSCREENS; i++) {
		if (screens[i]->key != 0 && screens[i]->key == key)
			return screens[i];
	}
	return NULL;
}

/* Handle one key. */
unsigned
scr_key(struct ui *ui, int32_t key)
{
	const struct scr_def *d = ui->screens.cur, *to;
	unsigned flags = 0;
	int c;

	if (key != 0 && scr_lookup(QUIT_BINDING, 1, key) >= 0 &&
	    !kbd_is_char(key))
		return global(ui, GLOBAL_QUIT);
	if (ui_act_dialog_open(ui))
		return ui_act_key(ui, key);
	if (d->overlay_key != NULL && d->overlay_key(ui, key, &flags))
		return flags;
	if (d->command != NULL &&
	    (c = scr_lookup(d->keys, d->nkeys, key)) >= 0) {
		ui->status.text[0] = '\0';
		return d->command(ui, c);
	}
	if (d->act != NULL && (c = scr_lookup(act_keys, NACT, key)) >= 0) {
		ui->status.text[0] = '\0';
		return d->act(ui, (enum ui_act_cmd)c);
	}
	if ((to = screen_of_key(key)) != NULL)
		return scr_goto(ui, to);
	c = scr_lookup(global_keys, NGLOBAL, key);
	if (c >= 0) {
		ui->status.text[0] = '\0';
		return global(ui, (enum global_cmd)c);
	}
	return d->other_key != NULL ? d->other_key(ui, key) : 0;
}

/* Every screen's sampled hook. */
void
scr_sampled(struct ui *ui)
{
	for (size_t i = 0; i < NSCREENS; i++) {
		if (screens[i]->sampled != NULL)
			screens[i]->sampled(ui);
	}
}

/* Note map's F-keys in label[n] (F<n>; the first binding of a key wins). */
static void
bar_add(const char *label[DASH_MAX_FKEYS + 1], const struct scr_binding *map,
        size_t n)
{
	for (size_t i = 0; i < n; i++) {
		for (int k = 0; k < 3 && map[i].bar != NULL; k++) {
			for (int fn = 1; fn <= DASH_MAX_FKEYS; fn++) {
				if (map[i].keys[k] == KBD_F(fn) &&
				    label[fn] == NULL)
					label[fn] = map[i].bar;
			}
		}
	}
}

/* The function-key bar: the F-keys that work on the current screen. */
static void
bar_fill(const struct ui *ui, struct dash_frame *f)
{
	const struct scr_def *d = ui->screens.cur;
	const struct scr_binding *ov = NULL;
	const char *label[DASH_MAX_FKEYS + 1] = {0};
	size_t nov = d->overlay_keys ? d->overlay_keys(ui, &ov) : 0;

	if (nov > 0) {
		bar_add(label, ov, nov);
		bar_add(label, QUIT_BINDING, 1);
	} else {
		bar_add(label, d->keys, d->nkeys);
		if (d->act != NULL)
			bar_add(label, act_keys, NACT);
		bar_add(label, global_keys, NGLOBAL);
	}
	f->nfkeys = 0;
	for (int fn = 1; fn <= DASH_MAX_FKEYS; fn++) {
		if (label[fn] != NULL)
			f->fkeys[f->nfkeys++] =
			    (struct dash_fkey){.n = fn, .label = label[fn]};
	}
}

/* The current screen's frame, the tab line and the bar. */
void
scr_frame(struct ui *ui, struct dash_frame *f)
{
	for (size_t i = 0; i < NSCREENS; i++) {
		f->tabs[i].name = screens[i]->name;
		f->tabs[i].short_name = screens[i]->short_name;
		f->tabs[i].key = (char)screens[i]->key;
		if (screens[i] == ui->screens.cur)
			f->tab_current = i;
	}
	f->ntabs = NSCREENS;
	bar_fill(ui, f);
	if (ui->screens.cur->frame != NULL)
		ui->screens.cur->frame(ui, f);
	cgroup_filter_status(ui, f);
}

/* The label of a binding ("F1 ? h") into buf. */
static void
label(const struct scr_binding *b, char *buf, size_t size)
{
	char name[16];
	size_t used = 0;

	buf[0] = '\0';
	for (int k = 0; k < 3 && b->keys[k] != 0 && used < size; k++)
		used += (size_t)snprintf(
		    buf + used, size - used, "%s%s", k ? " " : "",
		    kbd_name(b->keys[k], name, sizeof name));
}

/* Append the lines of one map; the new count. */
static size_t
add_map(const struct scr_binding *map, size_t n, struct dash_help_line *out,
        char (*labels)[SCR_LABEL_MAX], size_t at, size_t max)
{
	for (size_t i = 0; i < n && at < max; i++, at++) {
		label(&map[i], labels[at], SCR_LABEL_MAX);
		out[at].keys = labels[at];
		out[at].what = map[i].what;
	}
	return at;
}

/* The screens' digits ("1-5", "1-3 5"; runs joined) into buf. */
static void
digits_label(char *buf, size_t size)
{
	size_t used = 0, i = 0, j;

	buf[0] = '\0';
	while (i < NSCREENS && used < size) {
		if (screens[i]->key == 0) {
			i++;
			continue;
		}
		for (j = i; j + 1 < NSCREENS &&
		            screens[j + 1]->key == screens[j]->key + 1;
		     j++)
			;
		used +=
		    (size_t)snprintf(buf + used, size - used, "%s%c",
		                     used ? " " : "", (char)screens[i]->key);
		if (j > i && used < size)
			used += (size_t)snprintf(buf + used, size - used,
			                         "%s%c", j > i + 1 ? "-" : " ",
			                         (char)screens[j]->key);
		i = j + 1;
	}
}

/* The screens line: "screens: 1 Processes, 2 Events, ..." into list. */
static void
screens_line(char list[SCR_LIST_MAX])
{
	size_t used = (size_t)snprintf(list, SCR_LIST_MAX, "screens:");

	for (size_t i = 0; i < NSCREENS && used < SCR_LIST_MAX; i++) {
		if (screens[i]->key != 0)
			used += (size_t)snprintf(
			    list + used, SCR_LIST_MAX - used, " %c %s%s",
			    (char)screens[i]->key, screens[i]->name,
			    i + 1 < NSCREENS ? "," : "");
	}
}

/* The help lines for screen from. */
size_t
scr_help_lines(const struct ui *ui, const struct scr_def *from,
               struct dash_help_line *out, char (*labels)[SCR_LABEL_MAX],
               size_t max, char screen_list[SCR_LIST_MAX])
{
	const struct scr_binding *ov = NULL;
	size_t nov = from->overlay_keys ? from->overlay_keys(ui, &ov) : 0, n;

	if (nov > 0) /* an overlay takes every key but its own and quit */
		return add_map(QUIT_BINDING, 1, out, labels,
		               add_map(ov, nov, out, labels, 0, max), max);
	n = add_map(from->keys, from->nkeys, out, labels, 0, max);
	if (from->act != NULL)
		n = add_map(act_keys, NACT, out, labels, n, max);
	if (n < max) {
		screens_line(screen_list);
		digits_label(labels[n], SCR_LABEL_MAX);
		out[n].keys = labels[n];
		out[n].what = screen_list;
		n++;
	}
	return add_map(global_keys, NGLOBAL, out, labels, n, max);
}
