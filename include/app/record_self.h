/*
 * record_self: the recorder's memory against its own memory cgroup's
 * limit, checked after every sample.
 *
 * Why: the unit runs the recorder with OOMScoreAdjust=-1000 (it must
 * outlive the global OOM killer: it is the black box) and MemoryMax=.
 * At that limit the memcg OOM killer finds no task it may kill (-1000 is
 * exempt), so the recorder would hang in the OOM path instead of dying,
 * and Restart=on-failure would never fire. So the recorder leaves first:
 * above RECORD_SELF_PERMILLE of a finite limit it says so on stderr and
 * exits 1, and systemd restarts it.
 *
 * What is measured, from the snapshot the collector just took (the
 * cgroup walk's readers, no file read here):
 *   - the cgroup: the memory cgroup the recorder's own row is in; the
 *     limit is its memory.max (v1 memory.limit_in_bytes), not an
 *     ancestor's (those are shared with other services);
 *   - the use, when the cgroup lists the recorder alone and has no
 *     child (the unit's own cgroup): what it holds that reclaim cannot
 *     simply drop, memory.current less its page cache (memory.stat file,
 *     v1 total_cache) but with its shmem (tmpfs pages need swap to go),
 *     that is the recorder's anonymous memory and the kernel's for it.
 *     Not memory.current itself: the database's page cache fills up to
 *     the limit on a healthy recorder (MemoryHigh= reclaims it);
 *   - otherwise (a cgroup shared with other processes, a container's,
 *     or its stat unknown): the recorder's own RssAnon + RssShmem, so a
 *     workload filling a shared cgroup never makes the recorder leave
 *     (its OOM killer then has other tasks to kill).
 * A light walk reads most files of a cgroup only now and then, so each
 * check asks the next walk to read this one cgroup in full
 * (cgfiles_force_full): the limit and the page cache are at most one
 * sample old. Nothing is checked (never a reason to exit) when the row,
 * the cgroup or a finite limit is unknown.
 */
#ifndef OOMWATCH_APP_RECORD_SELF_H
#define OOMWATCH_APP_RECORD_SELF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "model/snapshot.h"

/* Leave above this share of the limit, in per mille (90%). */
#define RECORD_SELF_PERMILLE 900

/* The use and the limit of the recorder's memory cgroup. */
struct record_self {
	int64_t used_bytes;  /* see above */
	int64_t limit_bytes; /* memory.max (v1 limit_in_bytes) */
	size_t cgroup;       /* an index in snap->cgroups */
	bool from_row;       /* used_bytes is the row's (see above) */
};

/*
 * Measure the memory cgroup of process pid in snap into *out: true when
 * its row, its cgroup and a finite limit are all known, else false (out
 * undefined).
 */
bool record_self_measure(const struct snapshot *snap, int32_t pid,
                         struct record_self *out);

/* True when m's use is above RECORD_SELF_PERMILLE of its limit. */
bool record_self_over(const struct record_self *m);

/*
 * The check after a sample: 0 while under the mark (or unknown), or -1
 * once above it, with one line on stderr naming the use, the limit and
 * the cgroup; the recorder then exits 1. Asks the next walk to read the
 * cgroup in full (see above).
 */
int record_self_check(const struct snapshot *snap, int32_t pid);

#endif
