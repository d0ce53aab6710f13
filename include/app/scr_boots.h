/*
 * scr_boots: the Boots screen (key 0, the tenth tab): how the previous
 * boots ended. The history (collect/bootsrc.h: wtmp, pstore, the
 * journal through journalctl with a deadline) is read once, on the first
 * visit (r reads it again), never on a refresh. Up/Down select a boot;
 * Enter reads that boot's kernel events from the journal and opens them
 * in the events view (until it is left; then it shows the running log
 * again); the pane below the table lists them too.
 */
#ifndef OOMWATCH_APP_SCR_BOOTS_H
#define OOMWATCH_APP_SCR_BOOTS_H

#include <stdbool.h>

#include "app/scr.h"
#include "collect/bootsrc.h"
#include "view/bootpane.h"

struct scr_boots_state {
	struct bootsrc_data *data; /* NULL until the first visit */
	size_t selected;
	/* the events read for one boot (Enter) */
	int events_index; /* the row's index they are of; 1: none read */
	char events_why[BOOTSRC_WHY_MAX + 64]; /* why none could be read */
	char lines[BOOTPANE_EVENTS_MAX][BOOTPANE_TEXT];
	size_t nlines, nevents;
	struct dash_boots view;
};

extern const struct scr_def scr_boots;

#endif
