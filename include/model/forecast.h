/*
 * forecast: how long until a series reaches its limit, extrapolated from
 * its trend (model/trend.h), or no number when the data does not support
 * one. The same function serves:
 *   - MemAvailable falling to the zones' low watermarks (model/zoneinfo.h,
 *     pages x page size): "about 14 min to OOM at -40M/min" (short:
 *     "~14m to OOM");
 *   - Committed_AS rising to CommitLimit in overcommit mode 2: "about 6
 *     min until allocations fail";
 *   - a cgroup's memory.current rising to memory.max: "about 9 min to
 *     memory.max at +12M/min".
 * Pure. The "headroom" is the distance from the last known value to the
 * limit; the trend is taken in the direction that uses it up.
 *
 * A number (basis FORECAST_STEADY) needs all of:
 *   - at least TREND_MIN_SAMPLES known values (else FORECAST_LEARNING);
 *   - the trend toward the limit is TREND_RISING (trend.h: Theil-Sen growth
 *     above the tolerance, a steadily moving floor, enough steps toward
 *     the limit). Moving away (a Theil-Sen change over the span away from
 *     the limit of at least half the range) is FORECAST_AWAY; else a flat
 *     or step verdict is FORECAST_FLAT; a sawtooth is FORECAST_NOISY;
 *   - "not noisy": the robust fit of the Theil-Sen line (1 - MAD of the
 *     residuals / MAD of the values) is at least FORECAST_FIT_MIN (else
 *     FORECAST_NOISY);
 *   - the time left is at most FORECAST_HORIZON_SPANS times the span the
 *     trend rests on (else FORECAST_BEYOND: 20 minutes of data say nothing
 *     about tomorrow).
 * A series already at or past its limit gives 0 s (still only when the
 * trend is steady).
 *
 * Stopped: a series whose known values have stayed within
 * FORECAST_FLAT_KB of its last one for FORECAST_FLAT_MS has stopped
 * moving: FORECAST_FLAT with no number, whatever the older points say (a
 * fall that levels off above the watermarks never counts down to them).
 * The system's forecasts and the cgroups' (model/cgseries.h, which keeps
 * the same rule between its fits) share it.
 */
#ifndef OOMWATCH_MODEL_FORECAST_H
#define OOMWATCH_MODEL_FORECAST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "model/history.h"
#include "model/trend.h"

/* Below this robust fit the trend is too noisy to extrapolate. */
#define FORECAST_FIT_MIN 0.5
/* No number further ahead than this many times the trend's span. */
#define FORECAST_HORIZON_SPANS 4
/* Within this of the last value for this long: stopped (no number). */
#define FORECAST_FLAT_KB 256
#define FORECAST_FLAT_MS 20000u

/* What a forecast rests on (or why there is no number). */
enum forecast_basis {
	FORECAST_STEADY,   /* a number: moving steadily toward the limit */
	FORECAST_LEARNING, /* too few values */
	FORECAST_FLAT,     /* not moving (or a step, then flat) */
	FORECAST_NOISY,    /* moving, but not steadily enough */
	FORECAST_AWAY,     /* moving away from the limit */
	FORECAST_BEYOND,   /* further ahead than the data supports */
	FORECAST_NO_LIMIT, /* the limit is unknown or unlimited */
	FORECAST_BASES
};

/* What the limit means, for the formatter. */
enum forecast_kind {
	FORECAST_OOM,    /* MemAvailable reaching the low watermarks */
	FORECAST_COMMIT, /* Committed_AS reaching CommitLimit */
	FORECAST_CGROUP, /* memory.current reaching memory.max */
};

/* A forecast. */
struct forecast {
	bool valid; /* eta_s is a number */
	enum forecast_basis basis;
	int64_t eta_s;          /* seconds until the limit (when valid) */
	double rate_kb_per_min; /* the series' own rate (signed) */
	struct trend trend;     /* the trend toward the limit */
};

/* True when the known values of the n points of p (oldest first) have
 * stayed within FORECAST_FLAT_KB of the last one for FORECAST_FLAT_MS up
 * to the last point: the series has stopped moving. */
bool forecast_stopped(const struct hist_point *p, size_t n);

/* When the n points of p (oldest first) fall to floor_kb. */
void forecast_to_floor(const struct hist_point *p, size_t n, int64_t floor_kb,
                       struct forecast *out);

/* When they rise to ceiling_kb (< 0: no limit, FORECAST_NO_LIMIT). */
void forecast_to_ceiling(const struct hist_point *p, size_t n,
                         int64_t ceiling_kb, struct forecast *out);

/* The basis's name for JSON: "steady", "learning", "flat", "noisy",
 * "away", "beyond", "no limit". */
const char *forecast_basis_name(enum forecast_basis b);

/*
 * The forecast for a person ("about 14 min to OOM at -40M/min"); an
 * empty string when it holds no number. Returns what snprintf returns.
 */
int forecast_format(const struct forecast *f, enum forecast_kind kind,
                    char *buf, size_t len);

/*
 * Its short form, for a narrow header: "~14m to OOM", "<1m to OOM",
 * "~2h10m to OOM", "~6m to alloc fail", "~9m to memory.max" (no rate);
 * an empty string when it holds no number. Returns what snprintf returns.
 */
int forecast_format_short(const struct forecast *f, enum forecast_kind kind,
                          char *buf, size_t len);

#endif
