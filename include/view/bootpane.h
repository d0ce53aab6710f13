/*
 * bootpane: what the Boots screen shows (app/scr_boots.c fills it,
 * dash_body_boots in src/view/bootpane.c draws it): one line on the
 * sources, the boots table (newest first, the selected row marked) and,
 * below it, the selected boot's detail: how it ended, its event counts
 * and, once read from the journal (Enter), its events one a line. Every
 * string is drawn through view/draw.h, so through the sanitizer: the
 * panic message and the event lines may hold any bytes. A line with
 * forms shows the longest that fits, else the shortest cut after its
 * last whole word with an ellipsis (draw_forms): never a word cut.
 */
#ifndef OOMWATCH_VIEW_BOOTPANE_H
#define OOMWATCH_VIEW_BOOTPANE_H

#include <stdbool.h>
#include <stddef.h>

#include "model/theme.h"

#define BOOTPANE_ROWS_MAX 128
#define BOOTPANE_EVENTS_MAX 64
#define BOOTPANE_TEXT 320

#define BOOTPANE_FORMS 3 /* a line's forms, longest first ("": none) */

/* One row of the table, as text. */
struct dash_boots_row {
	int index;               /* 0 this boot, -1 the one before, .. */
	char start[24];          /* "2025-12-01 00:00" */
	char uptime[16];         /* "16m20s", ">2m50s" (the end is a bound) */
	char end[24];            /* "2025-12-01 00:16", ">2025-..", "-" */
	char how[BOOTPANE_TEXT]; /* "panic: Fatal exception" (raw message) */
	char events[96];         /* "1 oom_kill, 1 panic", "none" */
	char events_short[32];   /* "2 events" (when events does not fit) */
	enum theme_role role;    /* by how it ended */
};

/* The Boots screen's view: its dash_frame.screen_data. */
struct dash_boots {
	/* "wtmp: 5 boots; journal: ..", in shorter forms after it */
	char sources[BOOTPANE_FORMS][BOOTPANE_TEXT];
	bool reading; /* no table yet: only the sources line ("reading ..") */
	struct dash_boots_row rows[BOOTPANE_ROWS_MAX];
	size_t nrows;
	size_t selected;
	/* the selected boot's detail, line by line */
	char detail[4][BOOTPANE_FORMS][BOOTPANE_TEXT];
	size_t ndetail;
	/* "Boot -1: 3 kernel events from the journal, ..", shorter after */
	char events_title[BOOTPANE_FORMS][BOOTPANE_TEXT];
	char events[BOOTPANE_EVENTS_MAX][BOOTPANE_TEXT];
	size_t nevents;
};

#endif
