/*
 * scr_boots: the Boots screen (key 0, the tenth tab): how the previous
 * boots ended. The history (collect/bootsrc.h: wtmp, pstore, the
 * journal through journalctl with a deadline) is read on the first visit
 * (r reads it again), never on a refresh, and never while the screen
 * waits: the read runs in a thread (collect/bootjob.h) and the screen
 * says "reading the boot history (journalctl)..." until its result is
 * picked up, at the next refresh tick (paused or not: scr_boots_poll) or
 * the next redraw (a key), which ever comes first; nothing else wakes the
 * loop. In a replay (ui->replay) the screen reads nothing (no journalctl,
 * wtmp or pstore) and shows one line: it would be this machine's boot
 * history, not the record's. One read at a time: r or
 * Enter while one runs starts nothing. This boot's (0) event counts are
 * the dashboard's own kernel log's (its engine's counts by kind, taken at
 * each frame), and Enter on it opens the events view of that log at once.
 * Up/Down select a boot; Enter on an earlier one reads its kernel events
 * the same way: from the journal, or from its pstore dumps when the
 * journal has none of its messages (the pane's hint says which) and, when
 * they
 * arrive at a tick with this screen and that boot still selected (no
 * other key pressed), opens them in the events view (until it is left;
 * then it shows the running log again); the pane below the table lists
 * them too, and Enter then opens them without a new read. Leaving the
 * dashboard while a read runs kills journalctl and joins the thread.
 */
#ifndef OOMWATCH_APP_SCR_BOOTS_H
#define OOMWATCH_APP_SCR_BOOTS_H

#include <stdbool.h>

#include "app/scr.h"
#include "collect/bootsrc.h"
#include "view/bootpane.h"

struct bootjob;

struct scr_boots_state {
	struct bootsrc_data *data;     /* NULL until the first read ended */
	struct bootjob *job;           /* the read running or not yet taken */
	bool job_events;               /* it reads events_index's events */
	bool open_events;              /* open them when they arrive (Enter) */
	char job_why[BOOTSRC_WHY_MAX]; /* why the last read did not start */
	size_t selected;
	/* the events read for one boot (Enter) */
	int events_index; /* the row's index they are of; 1: none read */
	char events_why[BOOTSRC_WHY_MAX + 64]; /* why none could be read */
	struct kevents *kev; /* those events until the events view takes them */
	enum bootsrc_from events_from; /* where they came from */
	char lines[BOOTPANE_EVENTS_MAX][BOOTPANE_TEXT];
	size_t nlines, nevents;
	struct dash_boots view;
};

extern const struct scr_def scr_boots;

/* Take a read that ended (and open the events Enter asked for, while
 * this screen and their boot are current): UI_REDRAW when the screen
 * shows something new, else 0. The sampled hook calls it on each
 * sample; the loop calls it on a paused refresh tick, which samples
 * nothing, so a paused dashboard or replay does not stay on "reading"
 * until a key. */
unsigned scr_boots_poll(struct ui *ui);

#endif
