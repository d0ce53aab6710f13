/*
 * scr_events: the events screen (2): the kernel events the log engine
 * parsed, newest first, and the selected one's detail (an OOM kill's
 * task table scrolls with PgUp/PgDn). Action keys aim at the process the
 * selected event names, when it is still that process. Kills only the
 * record holds (kmsg overwrote them) are listed "(from the record)";
 * Enter shows the selected event's black box ("before this kill",
 * model/recbox.h) instead of its report.
 */
#ifndef OOMWATCH_APP_SCR_EVENTS_H
#define OOMWATCH_APP_SCR_EVENTS_H

#include "app/scr.h"

struct scr_events_state {
	size_t cursor;   /* selected event, 0 = newest */
	size_t task_top; /* first task-table row shown */
	bool box_open;   /* Enter: the black box instead of the report */
};

extern const struct scr_def scr_events;

#endif
