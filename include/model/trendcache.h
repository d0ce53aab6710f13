/*
 * trendcache: the dashboard's verdicts (model/trend.h) on the processes'
 * RSS, computed on demand for the rows drawn and, when the table sorts by
 * GROWTH or TREND, for every row, and cached per process identity.
 * Pure: no I/O.
 *
 *   trendcache_init(tc, &hs);      once, over the dashboard's history
 *   trendcache_refresh(tc);        after each histsnap_record
 *   t = trendcache_get(tc, row);   when a row is drawn or sorted
 *   trendcache_fini(tc);
 *
 * A cached verdict is recomputed at most once per refresh, and not at all
 * while it reads the minute tier (histsnap.h: once it holds
 * TREND_MIN_SAMPLES points) and that tier gained no point: a sort by
 * GROWTH or TREND then classifies only the processes whose minute tier
 * moved. While it reads the refresh tier (the first 20 minutes), a verdict
 * other than learning is recomputed once every TRENDCACHE_FINE_REFIT
 * refreshes, in the refresh its pid picks (spread, so a sort by GROWTH or
 * TREND classifies about 1/TRENDCACHE_FINE_REFIT of the processes each
 * refresh); it may lag that many refreshes behind. A learning one is
 * recomputed every refresh (it is cheap: under TREND_MIN_SAMPLES points). The
 * cache keeps the processes asked for in this refresh or the previous one (an
 * open-addressing table, at most 3/4 full, rebuilt without the others when it
 * fills or is 8 times too large), so it is a few kB while only the drawn rows
 * ask, and 40 to 80 bytes a process while a sort asks for all.
 */
#ifndef OOMWATCH_MODEL_TRENDCACHE_H
#define OOMWATCH_MODEL_TRENDCACHE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "model/histsnap.h"
#include "model/trend.h"

/* On the refresh tier, a verdict is recomputed once in this many
 * refreshes. */
#define TRENDCACHE_FINE_REFIT 32u

/* One process's cached verdict (what the table's cells and the sort
 * read: the verdict and the rate). */
struct trendcache_entry {
	int32_t pid;
	uint32_t minute_pts; /* the minute tier's points when computed */
	uint64_t start_time;
	double rate_kb_per_hour;
	uint32_t gen;  /* the refresh it was computed in; 0: an empty slot */
	uint32_t seen; /* the refresh it was last asked for in */
	int32_t verdict;
};

/* The cache over one history. */
struct trendcache {
	struct histsnap *hs; /* borrowed; NULL: every verdict is learning */
	uint32_t gen;        /* refreshes so far, from 1 */
	size_t computed;     /* verdicts computed (for tests and benches) */
	struct trendcache_entry *ents; /* cap slots (owned), cap a power of 2 */
	size_t cap, used;              /* slots, and the ones not empty */
	size_t asked;                  /* entries asked for in this refresh */
	struct trend out;              /* what trendcache_get returns */
};

/* An empty cache over hs (NULL: no history); it allocates on first use. */
void trendcache_init(struct trendcache *tc, struct histsnap *hs);

/* Free the table (tc is empty again, over the same history). */
void trendcache_fini(struct trendcache *tc);

/* A refresh was recorded: cached verdicts may be recomputed once. */
void trendcache_refresh(struct trendcache *tc);

/* Row r's RSS verdict, cached: its verdict and rate_kb_per_hour (the
 * other fields are 0), valid until the next call. */
const struct trend *trendcache_get(struct trendcache *tc,
                                   const struct proc_row *r);

#endif
