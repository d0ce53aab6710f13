/*
 * rank: order process rows by a column and name the next OOM victim.
 * Pure: works on a struct snapshot, no I/O.
 */
#ifndef OOMWATCH_MODEL_RANK_H
#define OOMWATCH_MODEL_RANK_H

#include <stdbool.h>
#include <stddef.h>

#include "model/snapshot.h"
#include "model/trend.h"

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
	RANK_GROWTH, /* the history's RSS growth (struct rank_extra) */
	RANK_TREND,  /* its verdict: rising first, descending */
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
 * victim order (victim_cmp, model/victim.h) instead, so descending its
 * first row is rank_next_victim whenever that row is a candidate (every
 * row the kernel never picks reads oom_score 0); ascending is the same
 * order backwards.
 */
void rank_sort(const struct snapshot *snap, size_t *order, size_t n,
               enum rank_key key, bool desc);

/*
 * The value of a key the snapshot does not hold (RANK_GROWTH, RANK_TREND)
 * for row r, from ctx (the dashboard's verdicts); SNAP_NA when unknown.
 */
typedef int64_t (*rank_value_fn)(void *ctx, const struct proc_row *r,
                                 enum rank_key key);

/* Where those values come from. */
struct rank_extra {
	rank_value_fn value; /* NULL: unknown, the rows go by pid */
	void *ctx;
};

/*
 * A verdict's sort value for RANK_GROWTH or RANK_TREND (what a
 * rank_value_fn returns), SNAP_NA while learning (or t NULL). TREND: by
 * verdict (rising > sawtooth > step > flat), ties by growth rate, fastest
 * first descending (an unknown rate after every known one). GROWTH: rising
 * rows by rate first, then the others by rate (a rate beside flat or
 * sawtooth is no growth to rank by); SNAP_NA for an unknown rate. Rates
 * are clamped to +-RANK_RATE_MAX kB/h.
 */
#define RANK_RATE_MAX ((INT64_C(1) << 40) - 1)
int64_t rank_trend_value(const struct trend *t, enum rank_key key);

/* rank_sort, with the values of RANK_GROWTH and RANK_TREND from extra
 * (NULL or no value function: unknown for every row), asked once a row
 * of order[0..n) a sort. */
void rank_sort_extra(const struct snapshot *snap, size_t *order, size_t n,
                     enum rank_key key, bool desc,
                     const struct rank_extra *extra);

/*
 * The process the global OOM killer would choose now: the first in the
 * victim order (victim_cmp) among candidates, skipping
 * oom_score_adj -1000, kernel threads, zombies without memory and the
 * host's init (PID 1 reading oom_score 0; a container's PID 1 is scored).
 * Returns an index into snap->procs, or -1.
 * Caveat: inside a memory cgroup the kernel scales by that cgroup's limit,
 * so a memcg OOM may choose another process (model/oomscore.h computes
 * the kernel's points for any OOM domain).
 */
long rank_next_victim(const struct snapshot *snap);

#endif
