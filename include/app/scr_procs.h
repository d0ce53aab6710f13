/*
 * scr_procs: the processes screen (1): the process table and the kernel
 * log pane under it (Tab moves the keyboard between them), with two
 * overlays: the sort menu (F6) and the search / filter prompt (F3, F4).
 * With the focus on the log pane, Up/Down/PgUp/PgDn/Home/End scroll it
 * (a scrolled-up view stays on its lines as new ones come) and
 * Left/Right scroll it sideways.
 * Action keys aim at the tagged processes, else the selected row.
 */
#ifndef OOMWATCH_APP_SCR_PROCS_H
#define OOMWATCH_APP_SCR_PROCS_H

#include "app/scr.h"
#include "app/scr_prompt.h"

struct scr_procs_state {
	enum dash_focus focus;
	bool sort_menu;     /* the sort menu is open */
	size_t menu_cursor; /* its line (an enum rank_key) */
	size_t log_col;     /* characters of the log lines hidden on the left */
	size_t log_scroll;  /* log pane: lines up from the tail */
	uint64_t log_seen;  /* the ring's pushed count log_scroll counts from */
	struct scr_prompt prompt;
	char info[256]; /* the status text (f->status_info) */
};

extern const struct scr_def scr_procs;

#endif
