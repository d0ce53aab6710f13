/*
 * syspane: the System screen's body ("frozen or slow?"), drawn from
 * plain model data: the vmstat strip (the last minute in the rows the
 * body has, merged when they do not fit, its title stating the span
 * shown; newest last; b counts tasks in I/O wait only; a "-" explained),
 * load averages and PSI for cpu, io and memory, every task in D state among
 * every thread (PID, TID, NAME, IN D, WCHAN; the ones at half the hung-task
 * timeout highlighted, the ones past it marked as reported unless their wait is
 * killable, which procfs cannot tell), their kernel stacks when asked
 * ('s'), then the settings with their meanings under the summary
 * sentence. The body scrolls by lines (top); "more below" marks a cut.
 * In a replay (recorded) the strip has a row a recorded sample, and what
 * is NULL or unknown is said to be "not recorded" (the load, PSI cpu and
 * io, the D tasks, the settings; r, b and us..st in the strip), never
 * "none" or "not read".
 */
#ifndef OOMWATCH_VIEW_SYSPANE_H
#define OOMWATCH_VIEW_SYSPANE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "model/dtasks.h"
#include "model/snapshot.h"
#include "model/sysctl.h"
#include "model/sysstat.h"

/* The System screen's view struct (dash_frame.screen_data). Every
 * pointer is borrowed; NULL: not read yet. */
struct syspane_view {
	const struct sysstat *stat;    /* the strip's rows */
	const struct sysstat_raw *raw; /* the last read (loadavg) */
	int load_err;                  /* 0, or why loadavg is unknown */
	const struct psi_memory *psi_cpu, *psi_io, *psi_mem;
	const struct dtasks *tasks;
	const struct sysctl_values *sv;
	bool stacks;      /* 's': the D tasks' kernel stacks are shown */
	size_t top;       /* first line shown */
	const char *none; /* why nothing could be read, or NULL */
	bool recorded;    /* a replay: the values are the record's */
};

/* How many lines the body has in a rows x cols rectangle (the screen
 * clamps top with it). */
size_t syspane_lines(const struct syspane_view *v, int rows, int cols);

/*
 * A D task row's text after NAME (IN D, WCHAN, the mark) for width
 * cells, into buf: a task near or past the hung-task timeout keeps a
 * text mark at every width (the long one, then "near/past the
 * hung-task timeout" with WCHAN cut to fit, then "NEAR"/"PAST"), so the
 * warning does not rest on colour alone (mono theme, --no-color). The
 * text may still exceed a width under 16; the drawing cuts it.
 */
void syspane_task_text(const struct dtask *t, uint64_t in_d_ms, int64_t timeout,
                       int width, char *buf, size_t size);

#endif
