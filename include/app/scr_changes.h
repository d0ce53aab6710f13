/*
 * scr_changes: the changes screen (3): the journal of oom_score_adj
 * changes, the cgroup screen's limit changes (time, cgroup, file, old ->
 * new; u undoes the newest change of either kind) and the results of the
 * recent actions, newest first, formatted only for the lines on screen.
 */
#ifndef OOMWATCH_APP_SCR_CHANGES_H
#define OOMWATCH_APP_SCR_CHANGES_H

#include "app/scr.h"

#define SCR_CHANGES_LINES 64 /* lines formatted per frame, at most */

struct scr_changes_state {
	size_t scroll; /* first line shown */
	struct dash_act_line lines[SCR_CHANGES_LINES];
};

extern const struct scr_def scr_changes;

#endif
