/*
 * scr_help: the help screen (5), generated from the key maps of the
 * screen it was opened from (app/scr.h), so it lists exactly the keys
 * that work there. It opens over that screen (which is not left).
 * Up/Down/PgUp/PgDn/Home/End scroll; Esc, F1 ? h go back to that
 * screen, as it was; a key no map binds goes back and works there.
 */
#ifndef OOMWATCH_APP_SCR_HELP_H
#define OOMWATCH_APP_SCR_HELP_H

#include "app/scr.h"

#define SCR_HELP_MAX 64

struct scr_help_state {
	const struct scr_def *from; /* the screen it was opened from */
	int top;                    /* first row shown */
	size_t n;
	struct dash_help_line lines[SCR_HELP_MAX];
	char labels[SCR_HELP_MAX][SCR_LABEL_MAX];
	char list[SCR_LIST_MAX]; /* the screens, for their help line */
	struct dash_help view;   /* the frame's screen_data */
};

extern const struct scr_def scr_help;

#endif
