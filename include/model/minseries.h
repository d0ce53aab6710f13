/*
 * minseries: a process's recorded rows (persist/recdb.h: a row only when
 * its values moved, or every 10 minutes) as one point a minute, the series
 * the trend model (model/trend.h) is tuned for and the dashboard feeds it
 * (persist/recload.h builds the same minutes into a history). Pure.
 *
 * The minutes are the record's: one per wall-clock minute that has a
 * sample, at the minute's last sample, with its boot. A process's point
 * at a minute of its boot is its latest row at or before that minute's
 * time (carried forward: a plateau is a run of equal points, not one
 * point every 10 minutes). Its points run from the minute of its first
 * row to its end: the last minute of its boot when its last row is
 * within alive_ms of that minute (alive at the window's end), else the
 * minute of its last row (gone: no point after its last sample seen
 * alive).
 */
#ifndef OOMWATCH_MODEL_MINSERIES_H
#define OOMWATCH_MODEL_MINSERIES_H

#include <stddef.h>
#include <stdint.h>

#include "model/history.h"

/* One minute of the record: its last sample's wall time and boot. */
struct minseries_minute {
	int64_t time_ms;
	int64_t boot;
};

/* One recorded row of a process: its sample's wall time and value. */
struct minseries_row {
	int64_t time_ms;
	int64_t value; /* SNAP_NA when unknown */
};

/*
 * The minute series of a process of boot boot with rows rows[0..nr)
 * (oldest first; rows before the first minute carry into it) over the
 * minutes m[0..nm) (oldest first) into out (at most max points; mono_ms
 * and wall_ms both the minute's time; no gap flags). Returns how many.
 */
size_t minseries_build(const struct minseries_minute *m, size_t nm,
                       int64_t boot, const struct minseries_row *rows,
                       size_t nr, int64_t alive_ms, struct hist_point *out,
                       size_t max);

#endif
