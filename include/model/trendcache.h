/*
 * trendcache: the dashboard's verdicts (model/trend.h) on the processes'
 * RSS, computed on demand for the rows on screen only (a verdict costs
 * tens of microseconds a process) and cached per process identity.
 * Pure: no I/O.
 *
 *   trendcache_init(tc, &hs);      once, over the dashboard's history
 *   trendcache_refresh(tc);        after each histsnap_record
 *   t = trendcache_get(tc, row);   when a row is drawn or sorted
 *
 * A cached verdict is recomputed at most once per refresh, and not at all
 * while it reads the minute tier (histsnap.h: once it holds
 * TREND_MIN_SAMPLES points) and that tier gained no point. The cache is
 * direct mapped on the identity (TRENDCACHE_SLOTS slots): a collision
 * only costs a recomputation.
 */
#ifndef OOMWATCH_MODEL_TRENDCACHE_H
#define OOMWATCH_MODEL_TRENDCACHE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "model/histsnap.h"
#include "model/trend.h"

/* Slots in the cache (more than a tall terminal's rows). Sorting by
 * GROWTH or TREND asks every row's verdict once a sort (rank.h), so those
 * sorts cost a verdict per process and refresh. */
#define TRENDCACHE_SLOTS 512

/* One process's cached verdict. */
struct trendcache_slot {
	bool used;
	struct procid id;
	uint64_t gen;      /* the refresh it was computed in */
	size_t minute_pts; /* the minute tier's points then */
	struct trend t;
};

/* The cache over one history. */
struct trendcache {
	struct histsnap *hs; /* borrowed; NULL: every verdict is learning */
	uint64_t gen;        /* refreshes so far */
	size_t computed;     /* verdicts computed (for tests and benches) */
	struct trendcache_slot slot[TRENDCACHE_SLOTS];
};

/* An empty cache over hs (NULL: no history). */
void trendcache_init(struct trendcache *tc, struct histsnap *hs);

/* A refresh was recorded: cached verdicts may be recomputed once. */
void trendcache_refresh(struct trendcache *tc);

/* Row r's RSS verdict, cached (valid until the next call). */
const struct trend *trendcache_get(struct trendcache *tc,
                                   const struct proc_row *r);

#endif
