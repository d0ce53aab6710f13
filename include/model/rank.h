/*
 * rank: order process rows by a column and name the next OOM victim.
 * Pure: works on a struct snapshot, no I/O.
 */
#ifndef OOMWATCH_MODEL_RANK_H
#define OOMWATCH_MODEL_RANK_H

#include <stdbool.h>
#include <stddef.h>

#include "model/snapshot.h"

/* Columns a table can be sorted by. */
enum rank_key {
	RANK_OOM = 0, /* oom_score (the default, descending) */
	RANK_ADJ,
	RANK_RSS,
	RANK_ANON,
	RANK_FILE,
	RANK_SHMEM,
	RANK_SWAP,
	RANK_PID,
	RANK_USER,
	RANK_NAME,
	RANK_CGROUP,
	RANK_KEY_COUNT
};

/* The short name of a key ("oom", "adj", ...), as -s takes it. */
const char *rank_key_name(enum rank_key key);
/* Parse a -s name; returns 0 and sets *key, or -1 when unknown. */
int rank_key_parse(const char *name, enum rank_key *key);
/* True when the key sorts descending by default (numbers: biggest first). */
bool rank_key_default_descending(enum rank_key key);

/*
 * Sort order[0..n) (indexes into snap->procs) by key; descending when desc.
 * Unknown (SNAP_NA) values always sort last; ties are broken by pid so the
 * order is stable from one refresh to the next. RANK_OOM sorts in the
 * victim order (rank_victim_cmp) instead, so descending its first row is
 * rank_next_victim whenever that row is a candidate (every row the kernel
 * never picks reads oom_score 0); ascending is the same order backwards.
 */
void rank_sort(const struct snapshot *snap, size_t *order, size_t n,
               enum rank_key key, bool desc);

/*
 * The order in which the global OOM killer would choose two rows, negative
 * when a goes first, 0 only for the same pid and start time. Keys:
 *  1. oom_score, higher first (unknown last);
 *  2. a candidate before a row the kernel never picks (rank_is_unkillable);
 *  3. the unrounded badness oom_score is rounded from: RSS + swap + page
 *     tables + adj * total_kb / 1000, higher first; a row with a memory
 *     figure or its adj unknown never goes before a known one;
 *  4. the newest process (larger start_time, then larger pid): on equal
 *     points mm/oom_kill.c oom_evaluate_task keeps the task it meets last
 *     walking the task list, which is in fork order.
 * total_kb is MemTotal + SwapTotal in kB; when it is unknown (SNAP_NA)
 * key 3 leaves the adj term out. Without the page size the adj term is in
 * kB, off from the kernel's (totalpages / 1000) pages by under one page
 * per adj unit; rows of equal adj compare exactly either way.
 */
int rank_victim_cmp(const struct proc_row *a, const struct proc_row *b,
                    int64_t total_kb);

/*
 * The process the global OOM killer would choose now: the first in the
 * victim order (rank_victim_cmp) among candidates, skipping
 * oom_score_adj -1000, kernel threads, zombies without memory and the
 * host's init (PID 1 reading oom_score 0; a container's PID 1 is scored).
 * Returns an index into snap->procs, or -1.
 * Caveat: inside a memory cgroup the kernel scales by that cgroup's limit,
 * so a memcg OOM may choose another process (model/oomscore.h computes
 * the kernel's points for any OOM domain).
 */
long rank_next_victim(const struct snapshot *snap);

/* True when the kernel would never choose row (adj -1000, kthread, the
 * host's init, a zombie without memory, unknown oom_score). */
bool rank_is_unkillable(const struct proc_row *row);

#endif
