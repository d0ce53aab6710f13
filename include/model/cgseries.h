/*
 * cgseries: a small, bounded usage series per memory cgroup, for the
 * forecast "about N min to its limit" (model/forecast.h). Pure: no I/O;
 * the caller passes every time (CLOCK_MONOTONIC ms, wall ms for display).
 *
 * One round per successful cgroup walk: cgseries_begin, one cgseries_put
 * per cgroup (its inode and memory.current in kB), cgseries_end. A
 * cgroup is keyed by its directory's inode: one removed and made again
 * (a new inode) starts a new, empty series, and a series not put in a
 * round (the cgroup is gone) is dropped at its end. A walk that failed
 * is no round at all (the series pause; their time axis shows the gap).
 *
 * Bounds: each series keeps the points of the last CGSERIES_POINTS
 * rounds, delta coded in one byte buffer (model/histbuf.h, one lane);
 * cgseries_bytes counts every heap byte held.
 * Unknown or negative values are stored as unknown and read back as
 * SNAP_NA.
 */
#ifndef OOMWATCH_MODEL_CGSERIES_H
#define OOMWATCH_MODEL_CGSERIES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "model/forecast.h"
#include "model/history.h"

/* Rounds each series keeps (10 minutes at the default 2 s refresh). */
#define CGSERIES_POINTS 300u
/* A series' forecast is fit anew at least every this many rounds. */
#define CGSERIES_REFIT 8u

/*
 * A usage that stays within CGSERIES_FLAT_KB of where it was for
 * CGSERIES_FLAT_MS has stopped rising: its forecast is FORECAST_FLAT
 * with no number, whatever the older points say (a ramp that levels off
 * under the limit never counts down to it). It is forecast_stopped's rule
 * (model/forecast.h), kept round by round here so a flat cgroup is not
 * refit.
 */
#define CGSERIES_FLAT_KB FORECAST_FLAT_KB
#define CGSERIES_FLAT_MS FORECAST_FLAT_MS

/* A cgroup's forecast as the snapshot carries it. */
struct cgseries_fore {
	bool valid;                /* eta_s is a number (false when zeroed) */
	enum forecast_basis basis; /* why not, when not valid */
	int64_t eta_s;             /* seconds to memory.max (when valid) */
	double rate_kb_per_min;    /* the usage's own rate (signed) */
};

struct cgseries;

/* An empty set of series; NULL when out of memory. */
struct cgseries *cgseries_new(void);

/* Free it and all it holds (NULL is fine). */
void cgseries_free(struct cgseries *s);

/*
 * Start a round at mono_ms (not before the last round's) and wall_ms.
 * 0, or -1 when mono_ms goes back (the round is then ignored, puts and
 * end included).
 */
int cgseries_begin(struct cgseries *s, uint64_t mono_ms, int64_t wall_ms);

/* Record cgroup ino's usage (kB; SNAP_NA unknown) in this round. ino 0
 * is no identity and is ignored. 0, or -1 when out of memory. */
int cgseries_put(struct cgseries *s, uint64_t ino, int64_t usage_kb);

/* End the round: drop the series not put in it, trim the others. */
void cgseries_end(struct cgseries *s);

/* The points of cgroup ino, oldest first, into out (at most max, the
 * newest); how many. 0 for an unknown cgroup. */
size_t cgseries_read(const struct cgseries *s, uint64_t ino,
                     struct hist_point *out, size_t max);

/* The cgroups with a series. */
size_t cgseries_count(const struct cgseries *s);

/* The heap bytes held (buffers and tables). */
size_t cgseries_bytes(const struct cgseries *s);

/*
 * The forecast of cgroup ino's usage rising to limit_kb (< 0 or
 * SNAP_NA: unlimited or unknown, FORECAST_NO_LIMIT without reading the
 * series) into out, with forecast_to_ceiling's rules. Asked after
 * cgseries_end. A fit costs a trend over the whole series, so each
 * series is fit anew once every CGSERIES_REFIT rounds (staggered by
 * inode), and at once while it is short (up to TREND_MIN_SAMPLES
 * points), new, or its limit changed; in between the last fit is given
 * with its time left counted down by the clock since that fit.
 */
void cgseries_forecast(struct cgseries *s, uint64_t ino, int64_t limit_kb,
                       struct cgseries_fore *out);

/*
 * The time left for a column, into buf: "<1m" under a minute, "~12m"
 * (to the nearest minute) under two hours, then "~3h"; "" without a
 * number. Returns the length written.
 */
size_t cgseries_fmt_eta(const struct cgseries_fore *f, char *buf, size_t size);

#endif
