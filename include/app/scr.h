/*
 * scr: the dashboard's screens, one module each (src/app/scr_*.c), listed
 * in one const table (src/app/scr.c, the only place that names them all).
 * A screen has its own state (state_size bytes, zeroed, owned by struct
 * ui from scr_init to scr_fini), a key map, and a frame function that
 * fills its part of the dash_frame, body included: the view function
 * that draws it (view/dash.h, dash_body_*). Adding a screen is a new
 * scr_NAME.c/.h pair, a body function in view/ when it draws something
 * new, and one row in the table; no switch names the screens.
 *
 * Key dispatch (scr_key) asks, in this order: F10 (quit, from every
 * screen, overlay and dialog: nothing is applied, an unconfirmed action
 * is dropped), an open action dialog (ui_act.c), the screen's overlay
 * (the processes screen's search prompt and sort menu), the screen's key
 * map, the action key map (F7 F8 a P X F9 u, on screens that aim actions
 * at a process), the digit of a screen, the global key map (help, setup,
 * events, changes, back, redraw, quit), and last the screen's other_key.
 * The help screen and the function-key bar are generated from the same
 * maps (the open overlay's map, else the screen's own, the action map
 * when it applies, the global map), so neither can drift from what the
 * keys do. q quits wherever it is not typed text; Esc goes back to the
 * processes screen (from help: to the screen help was opened over).
 *
 * Help opens over the current screen: that screen is not left (setup
 * does not save) until help goes on to another screen or quits.
 */
#ifndef OOMWATCH_APP_SCR_H
#define OOMWATCH_APP_SCR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "app/ui.h"

/* A binding: up to three keys (0 = unused), a command of the map's
 * owner, the words help shows, and the function-key bar's word for it
 * (at most 6 cells: "Search"; NULL when its keys are not F-keys or it
 * stays off the bar). */
struct scr_binding {
	int32_t keys[3];
	int cmd;
	const char *what;
	const char *bar;
};

/* One screen. Hooks may be NULL (nothing to do). */
struct scr_def {
	const char *name;       /* tab label: "Processes" */
	const char *short_name; /* on a narrow tab line: "Procs" (NULL: name) */
	int32_t key;            /* digit '1'..'9', '0' (0: none) */
	bool over; /* opens over the current screen (help): that one
	              is not left, and is what Esc returns to */
	size_t state_size;
	const struct scr_binding *keys;
	size_t nkeys;
	/* the state was just allocated (zeroed) / is about to be freed:
	 * set defaults, free what the state owns */
	void (*init)(struct ui *ui);
	void (*fini)(struct ui *ui);
	/* made current: reset what a fresh visit resets; from is the screen
	 * left (never this one) */
	void (*enter)(struct ui *ui, const struct scr_def *from);
	/* about to be left: UI_* flags (setup saves) */
	unsigned (*leave)(struct ui *ui);
	/* before the maps: true when an overlay took the key */
	bool (*overlay_key)(struct ui *ui, int32_t key, unsigned *flags);
	/* a command of this screen's key map: UI_* flags */
	unsigned (*command)(struct ui *ui, int cmd);
	/* an action key (non-NULL: the action map applies here) */
	unsigned (*act)(struct ui *ui, enum ui_act_cmd cmd);
	/* the open overlay's key map (its help and bar), or 0 */
	size_t (*overlay_keys)(const struct ui *ui,
	                       const struct scr_binding **map);
	/* a key no map bound: UI_* flags */
	unsigned (*other_key)(struct ui *ui, int32_t key);
	/* after each sample (current or not): derive this screen's data */
	void (*sampled)(struct ui *ui);
	/* fill this screen's part of the frame: its body, its default
	 * status text (f->status_info), and f->screen_data (its own view
	 * struct, read by its body) */
	void (*frame)(struct ui *ui, struct dash_frame *f);
};

/* The screens in tab order (the first is the processes screen). */
size_t scr_count(void);
const struct scr_def *scr_at(size_t i);

/* Allocate every screen's state and make the first screen current
 * (nothing is drawn); 0 or -ENOMEM. scr_fini frees (safe twice). */
int scr_init(struct ui *ui);
void scr_fini(struct ui *ui);

/* The state of screen d (zeroed at scr_init). */
void *scr_state(const struct ui *ui, const struct scr_def *d);

/* Make d current: the old screen's leave, then d's enter (a screen
 * marked over is opened with scr_open_over). UI_* flags. */
unsigned scr_goto(struct ui *ui, const struct scr_def *d);
/* Open d over the current screen, which is not left (its leave runs
 * when d goes on to another screen, or on quit); d's enter. UI_* flags. */
unsigned scr_open_over(struct ui *ui, const struct scr_def *d);
/* Make d current again without its enter (a return, not a fresh visit:
 * help going back keeps the screen as it was). UI_* flags. */
unsigned scr_resume(struct ui *ui, const struct scr_def *d);
/* Back to the first (processes) screen. UI_* flags. */
unsigned scr_home(struct ui *ui);

/* Handle one key (see the dispatch order above). UI_* flags. */
unsigned scr_key(struct ui *ui, int32_t key);
/* The command key is bound to in map[0..n), or -1. */
int scr_lookup(const struct scr_binding *map, size_t n, int32_t key);

/* After a sample: every screen's sampled hook, in table order. */
void scr_sampled(struct ui *ui);

/* The current screen's part of the frame, the tab line and the
 * function-key bar. */
void scr_frame(struct ui *ui, struct dash_frame *f);

/* The help lines for screen from: its map (or the open overlay's), the
 * action map when it applies, the screen keys, the global map. Labels ("F1 ?
 * h") are written into labels[i], the screen keys' words into list; the lines
 * point into both. How many lines. */
#define SCR_LABEL_MAX 24
#define SCR_LIST_MAX 160
size_t scr_help_lines(const struct ui *ui, const struct scr_def *from,
                      struct dash_help_line *out, char (*labels)[SCR_LABEL_MAX],
                      size_t max, char list[SCR_LIST_MAX]);

#endif
