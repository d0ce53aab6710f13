/*
 * record_bbox: the recorder's black box in memory. After every sample
 * it keeps that sample in full (every process, meminfo, PSI, the
 * cgroups: persist/recdb.h struct recdb_bbox), so that when a later
 * sample brings an OOM kill, hung task, lockup or panic, the last full
 * sample before it is there to store with the event. To rank the
 * processes that grew most in the RECDB_GREW_MS before, it also keeps one
 * mark (pid, start time, RSS of every process) per minute, at most
 * RECORD_BBOX_MARKS.
 */
#ifndef OOMWATCH_APP_RECORD_BBOX_H
#define OOMWATCH_APP_RECORD_BBOX_H

#include <stddef.h>
#include <stdint.h>

#include "model/snapshot.h"
#include "persist/recdb.h"

#define RECORD_BBOX_MARKS 11
#define RECORD_BBOX_MARK_MS (60 * 1000)

/* One process's RSS in a mark. */
struct record_bbox_rss {
	int32_t pid;
	uint64_t start_time;
	int64_t rss_kb;
};

/* Every process's RSS at one moment (monotonic ms), sorted by pid. */
struct record_bbox_mark {
	uint64_t mono_ms;
	struct record_bbox_rss *rss; /* owned */
	size_t n;
};

struct record_bbox {
	struct recdb_bbox *last; /* the last sample in full, or NULL */
	uint64_t last_mono_ms;   /* its monotonic time */
	struct record_bbox_mark marks[RECORD_BBOX_MARKS]; /* oldest first */
	size_t nmarks;
};

/*
 * Keep snap as the last full sample (the one before replaced), and as a
 * new mark when the newest is RECORD_BBOX_MARK_MS old. 0, or -ENOMEM
 * (then nothing is kept as the last).
 */
int record_bbox_note(struct record_bbox *h, const struct snapshot *snap);

/*
 * The black box of snap as a new allocation (NULL when out of memory):
 * its series, every process, its cgroups, and the RECDB_BBOX_TOP
 * processes with the most RSS growth since the oldest mark of h at most
 * RECDB_GREW_MS older than snap (a process not in that mark grew from 0).
 */
struct recdb_bbox *record_bbox_build(const struct record_bbox *h,
                                     const struct snapshot *snap);

/* Hand over the last full sample (NULL when none); h keeps none. */
struct recdb_bbox *record_bbox_take(struct record_bbox *h);

/* Free everything h holds. */
void record_bbox_fini(struct record_bbox *h);

/* Snap's cgroup i as a stored row (its path copied: NULL path when out
 * of memory). */
struct recdb_cgroup record_bbox_cgroup(const struct snapshot *snap, size_t i);

#endif
