/*
 * victim: the order in which the global OOM killer chooses processes, the
 * one home of that order: rank.c sorts the OOM column by it and names the
 * next victim with it, oomscore.c picks the rows a light refresh re-reads
 * with it. Depends on no other model module but snapshot and adjvalue.
 * Pure: no I/O.
 */
#ifndef OOMWATCH_MODEL_VICTIM_H
#define OOMWATCH_MODEL_VICTIM_H

#include <stdbool.h>
#include <stdint.h>

#include "model/snapshot.h"

/*
 * The RSS of a row in kB as the kernel's badness counts it: anon + file +
 * shmem when all three are known, else VmRSS (which may be SNAP_NA).
 */
int64_t victim_rss_kb(const struct proc_row *row);

/* True when the kernel would never choose row (adj -1000, kthread, the
 * host's init, a zombie without memory, unknown oom_score). */
bool victim_is_unkillable(const struct proc_row *row);

/*
 * The order in which the global OOM killer would choose two rows, negative
 * when a goes first, 0 only for the same pid and start time. Keys:
 *  1. oom_score, higher first (unknown last);
 *  2. a candidate before a row the kernel never picks
 *     (victim_is_unkillable);
 *  3. the unrounded badness oom_score is rounded from: RSS + swap + page
 *     tables + adj * total_kb / 1000, higher first; unknown page tables
 *     (not recorded: a replay) count as 0, so such rows rank by RSS +
 *     swap; a row with its RSS, swap or adj unknown never goes before a
 *     known one;
 *  4. the newest process (larger start_time, then larger pid): on equal
 *     points mm/oom_kill.c oom_evaluate_task keeps the task it meets last
 *     walking the task list, which is in fork order.
 * total_kb is MemTotal + SwapTotal in kB; when it is unknown (SNAP_NA)
 * key 3 leaves the adj term out. Without the page size the adj term is in
 * kB, off from the kernel's (totalpages / 1000) pages by under one page
 * per adj unit; rows of equal adj compare exactly either way.
 */
int victim_cmp(const struct proc_row *a, const struct proc_row *b,
               int64_t total_kb);

#endif
