/*
 * history: what oomwatch remembers of each process and of the system, for
 * trends and forecasts (issue 10). Pure: no I/O; the caller passes every
 * time (CLOCK_MONOTONIC ms for intervals, wall ms for display only).
 *
 * Recording: one refresh is hist_begin, any number of hist_put_proc (one
 * per live process, keyed by struct procid: a reused pid is a new
 * identity and starts fresh) and one hist_put_sys, then hist_end.
 *
 * Two tiers per series:
 *   HIST_FINE    every refresh, for the last HIST_FINE_MS (10 minutes);
 *   HIST_MINUTE  one point a minute, for the last HIST_MINUTE_SPAN
 *                minutes (24 hours). A minute point is the worst value
 *                the refreshes of that minute saw: the max of every
 *                series, except MemAvailable, whose min is kept. (The OOM
 *                kill counter only grows, so its max is its last value.)
 *                Minutes count from the first refresh on the monotonic
 *                clock; a minute's point is written when a refresh of a
 *                later minute comes (or at hist_end once the process has
 *                stopped being put), so the minute in progress is not read.
 *
 * Storage: each series is delta coded in one byte buffer per process and
 * tier (the lanes RSS, swap and anon share it; see model/histbuf.h): a
 * refresh where nothing changed extends a one-byte run (up to 64
 * refreshes per byte), an RSS step of under 128 kB (anon moving with it)
 * costs one byte, other changes a header byte plus a zigzag varint delta
 * (in 4 kB pages when whole) per changed lane.
 *
 * Bounds: points older than their tier are dropped every refresh; a
 * process that is no longer put keeps its history until both tiers have
 * expired, then it is dropped. hist_bytes() counts every byte the history
 * holds on the heap; past the cap given to hist_new the oldest minute
 * points go first (of every process at once), then the oldest refresh
 * points. Freed buffers are reused, and buffers grow geometrically, so a
 * steady state allocates nothing.
 *
 * Gaps: a refresh that comes more than HIST_GAP_FACTOR times the refresh
 * delay after the previous one (a pause, a stalled refresh), or whose
 * wall step differs from its monotonic step by more than
 * HIST_GAP_WALL_MS (a suspend: CLOCK_MONOTONIC stops while suspended),
 * starts after a gap. So does a point of a process that was not put in
 * the refresh (or minute) before. Reading gives the gap back as the
 * point's gap flag: the line from the previous point must not be drawn.
 *
 * Unknown values (SNAP_NA, or any negative value) are stored as unknown
 * and read back as SNAP_NA.
 */
#ifndef OOMWATCH_MODEL_HISTORY_H
#define OOMWATCH_MODEL_HISTORY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/procid.h"

/* The fine tier keeps every refresh of the last 10 minutes. */
#define HIST_FINE_MS (10u * 60u * 1000u)
/* The minute tier keeps one point a minute for 24 hours. */
#define HIST_MINUTE_SPAN 1440u
/* One minute on the monotonic clock. */
#define HIST_MINUTE_MS 60000u
/* A refresh step longer than this many refresh delays starts a gap. */
#define HIST_GAP_FACTOR 3u
/* A wall step that differs from the monotonic one by more starts a gap. */
#define HIST_GAP_WALL_MS 5000

/* The tiers. */
enum hist_tier {
	HIST_FINE,   /* every refresh, 10 minutes */
	HIST_MINUTE, /* one point a minute, 24 hours */
	HIST_TIERS
};

/* A process's series, in kB. */
enum hist_proc_lane {
	HIST_RSS_KB,
	HIST_SWAP_KB,
	HIST_ANON_KB,
	HIST_PROC_LANES
};

/* The system's series. PSI averages are avg10 x 100 (12.34% is 1234). */
enum hist_sys_lane {
	HIST_MEMAVAIL_KB,
	HIST_COMMITTED_KB,
	HIST_SWAP_USED_KB,
	HIST_PSI_SOME_X100,
	HIST_PSI_FULL_X100,
	HIST_OOM_KILLS,
	HIST_SYS_LANES
};

/* One point read back. */
struct hist_point {
	uint64_t mono_ms; /* the refresh's (minute: its minute's last) time */
	int64_t wall_ms;  /* the same refresh's wall clock, for display */
	int64_t value;    /* kB, x100 or a count; SNAP_NA when unknown */
	bool gap;         /* the data before this point is not continuous */
};

struct hist;

/*
 * A new, empty history for refreshes every delay_ms (> 0) that holds at
 * most cap_bytes (see hist_bytes; 0: no cap). NULL when out of memory.
 */
struct hist *hist_new(uint32_t delay_ms, size_t cap_bytes);

/* Free h and all it holds (NULL is fine). */
void hist_free(struct hist *h);

/* A deep copy of h: what is then recorded into either leaves the other
 * as it was, and both read, count and cap alike. NULL when out of
 * memory. */
struct hist *hist_clone(const struct hist *h);

/*
 * Start a refresh at mono_ms (not before the previous one's) and wall_ms.
 * 0, or -1 when mono_ms goes backwards (the refresh is then ignored, and
 * so are its puts, until the next hist_begin).
 */
int hist_begin(struct hist *h, uint64_t mono_ms, int64_t wall_ms);

/* Record process id's values (kB, by enum hist_proc_lane) in this
 * refresh. 0, or -1 (out of memory, or no refresh begun). A second put
 * of the same identity in one refresh is ignored. */
int hist_put_proc(struct hist *h, struct procid id,
                  const int64_t vals[HIST_PROC_LANES]);

/* Record the system's values (by enum hist_sys_lane) in this refresh. */
void hist_put_sys(struct hist *h, const int64_t vals[HIST_SYS_LANES]);

/* End the refresh: flush finished minutes, expire old points and exited
 * processes, and hold the memory cap. */
void hist_end(struct hist *h);

/*
 * Read the newest max points (oldest first) of process id's lane in
 * tier into out. Returns how many were written; 0 for an unknown id.
 */
size_t hist_read_proc(const struct hist *h, struct procid id,
                      enum hist_tier tier, enum hist_proc_lane lane,
                      struct hist_point *out, size_t max);

/* The same for one of the system's series. */
size_t hist_read_sys(const struct hist *h, enum hist_tier tier,
                     enum hist_sys_lane lane, struct hist_point *out,
                     size_t max);

/* How many points process id has in tier (0 for an unknown id). */
size_t hist_count_proc(const struct hist *h, struct procid id,
                       enum hist_tier tier);

/* How many points the system's series have in tier. (A verdict reads
 * the minute tier once it holds TREND_MIN_SAMPLES points, the fine tier
 * before: --batch -n 40 -d 0.25 has only refresh points.) */
size_t hist_count_sys(const struct hist *h, enum hist_tier tier);

/* How many processes the history holds (live and exited). */
size_t hist_procs(const struct hist *h);

/* The bytes the history holds on the heap (structs, tables, buffers). */
size_t hist_bytes(const struct hist *h);

#endif
