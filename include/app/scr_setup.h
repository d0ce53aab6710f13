/*
 * scr_setup: the setup screen (4): which columns are shown, then the
 * theme. Leaving it (Esc, F2, another screen, quit) saves oomwatchrc.
 */
#ifndef OOMWATCH_APP_SCR_SETUP_H
#define OOMWATCH_APP_SCR_SETUP_H

#include "app/scr.h"

struct scr_setup_state {
	size_t cursor; /* a column, then a theme (COLUMN_COUNT + i) */
};

extern const struct scr_def scr_setup;

#endif
