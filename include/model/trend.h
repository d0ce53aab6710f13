/*
 * trend: the verdict on one series (a process's RSS, usually), from the
 * seed guide's table:
 *
 *   keeps rising, never comes back down  TREND_RISING    a leak is likely
 *   rises and falls again and again      TREND_SAWTOOTH  normal (GC, caches)
 *   flat                                 TREND_FLAT      normal
 *   jumps, then stays flat               TREND_STEP      start-up, usually
 * normal fewer than TREND_MIN_SAMPLES points  TREND_LEARNING  no verdict yet
 *
 * Pure, allocation free. The statistics are robust: a Theil-Sen slope (the
 * median of the pairwise slopes of at most TREND_SUBSAMPLE points spread
 * evenly over the series), the share of rising steps, the drawdowns (falls
 * from a running peak), the floor (the minima of TREND_WINDOWS equal
 * windows), the lag-1 autocorrelation and a robust fit. Tolerance: a change
 * smaller than max(TREND_FLAT_KB, TREND_FLAT_SHARE of the median) is noise.
 * The rules, in order:
 *   - learning: fewer than TREND_MIN_SAMPLES known values;
 *   - flat: the whole range is within the tolerance;
 *   - step: one jump holds TREND_STEP_SHARE of the range, the values
 *     before and after it each stay within the tolerance, and at least
 *     TREND_STEP_AFTER values follow it;
 *   - rising: the Theil-Sen growth over the span is above the tolerance,
 *     at least TREND_FLOOR_SHARE of the window minima do not fall from one
 *     window to the next, the last window's minimum is above the first's
 *     by half the tolerance, and at least TREND_UP_SHARE of the steps that
 *     change the value go up (so noise around a rising line, and a
 *     sawtooth whose floor rises, are rising);
 *   - sawtooth: at least TREND_SAW_FALLS falls of TREND_SAW_DEPTH of the
 *     range from a running peak and as many rises as deep from a running
 *     trough (a series that only falls is no sawtooth), in a series whose
 *     lag-1 autocorrelation is at least TREND_SAW_AUTOCORR (structure,
 *     not noise);
 *   - flat otherwise: noise around a level, and a series that falls (the
 *     table has no verdict for memory given back; the negative rate and
 *     trend_classify_falling tell it).
 * Points whose value is SNAP_NA are skipped; gaps do not matter (slopes
 * use the points' own times).
 */
#ifndef OOMWATCH_MODEL_TREND_H
#define OOMWATCH_MODEL_TREND_H

#include <stddef.h>
#include <stdint.h>

#include "model/history.h"

/* A verdict needs this many known values. */
#define TREND_MIN_SAMPLES 20
/* At most this many points go into the Theil-Sen slope and the fit. */
#define TREND_SUBSAMPLE 64
/* The floor is the minima of this many equal windows. */
#define TREND_WINDOWS 4
/* A change below this many kB is noise... */
#define TREND_FLAT_KB 1024
/* ...and so is one below this share of the series' median. */
#define TREND_FLAT_SHARE 0.02
/* A step's jump holds at least this share of the range. */
#define TREND_STEP_SHARE 0.6
/* A step needs this many values after the jump. */
#define TREND_STEP_AFTER 3
/* Rising: this share of window-to-window floor moves do not fall. */
#define TREND_FLOOR_SHARE 0.7
/* Rising: at least this share of the changing steps go up. */
#define TREND_UP_SHARE 0.4
/* Sawtooth: a fall counts when it is this share of the range... */
#define TREND_SAW_DEPTH 0.3
/* ...and there are at least this many... */
#define TREND_SAW_FALLS 2
/* ...in a series at least this autocorrelated (i.i.d. noise is ~0). */
#define TREND_SAW_AUTOCORR 0.3

/* The verdicts. */
enum trend_verdict {
	TREND_LEARNING,
	TREND_FLAT,
	TREND_STEP,
	TREND_SAWTOOTH,
	TREND_RISING,
	TREND_VERDICTS
};

/* A verdict and the numbers it rests on. */
struct trend {
	enum trend_verdict verdict;
	double rate_kb_per_hour; /* the Theil-Sen slope */
	double slope_lo_kb_per_hour, slope_hi_kb_per_hour; /* its quartiles */
	double fit;      /* 1 - MAD(residuals) / MAD(values), in [0, 1] */
	double up_share; /* rising steps / steps that change the value */
	double autocorr; /* lag-1 autocorrelation, in [-1, 1] */
	int64_t span_s;  /* first to last known value */
	size_t samples;  /* known values */
	int64_t min_kb, max_kb, last_kb;
	int64_t step_kb;     /* the largest single jump (signed) */
	int64_t drawdown_kb; /* the deepest fall from a running peak */
	unsigned falls;      /* falls of TREND_SAW_DEPTH of the range from a
	                        running peak (which then restarts)... */
	unsigned rises;      /* ...and rises as deep from a running trough */
};

/* The verdict on the n points of p (oldest first) into *out. */
void trend_classify(const struct hist_point *p, size_t n, struct trend *out);

/*
 * The verdict on the negated series: TREND_RISING then means falling
 * steadily (rates, min, max, last and step are of the negated values).
 * For forecasts of a series that falls toward a floor.
 */
void trend_classify_falling(const struct hist_point *p, size_t n,
                            struct trend *out);

/* The verdict's name: "rising", "sawtooth", "flat", "step", "learning". */
const char *trend_name(enum trend_verdict v);

/* kB as "512K", "1.5M", "38M", "2.0G" (sign: a leading + or - always). */
void trend_fmt_kb(double kb, int sign, char *buf, size_t len);

/* A duration as "45s", "12m", "2h10m", "3d4h". */
void trend_fmt_span(int64_t s, char *buf, size_t len);

/*
 * The verdict for a person: "rising +38M/h over 2h10m", "step +120M over
 * 5m", "flat over 2h", "sawtooth over 40m", "learning (12 samples)".
 * Returns what snprintf returns.
 */
int trend_format(const struct trend *t, char *buf, size_t len);

#endif
