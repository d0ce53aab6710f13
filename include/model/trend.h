/*
 * trend: the verdict on one series (a process's RSS, usually), from the
 * seed guide's table:
 *
 *   keeps rising, never comes back down  TREND_RISING    a leak is likely
 *   rises and falls again and again      TREND_SAWTOOTH  normal (GC, caches)
 *   flat                                 TREND_FLAT      normal
 *   jumps, then stays flat               TREND_STEP      start-up, normal
 *   fewer than TREND_MIN_SAMPLES points  TREND_LEARNING  no verdict yet
 *
 * Pure, allocation free. The statistics are robust: a Theil-Sen slope (the
 * median of the pairwise slopes of at most TREND_SUBSAMPLE points spread
 * evenly over the series), the share of rising steps, the drawdowns (falls
 * from a running peak), the floor (the minima of TREND_WINDOWS equal
 * windows), the autocorrelations at lags 1 to TREND_SAW_LAGS and a robust
 * fit. Tolerance: a change smaller than max(TREND_FLAT_KB, TREND_FLAT_SHARE
 * of the median) is noise. The rules, in order:
 *   - learning: fewer than TREND_MIN_SAMPLES known values;
 *   - flat: the whole range is within the tolerance;
 *   - step: one jump holds TREND_STEP_SHARE of the range, the values
 *     before it and the values from it on each stay within the tolerance,
 *     and there are at least TREND_STEP_AFTER values from it on (the value
 *     it jumps to counts);
 *   - step (a ramp, then a plateau): the last third of the known values
 *     stays within the tolerance, its floor (or ceiling) moved by more than
 *     the tolerance from the first third's, and at the average rate of the
 *     first two thirds the last third would have moved by at least
 *     TREND_PLATEAU_TOLS tolerances (so a steady leak, whose last third
 *     moves as much as the rate says, is never a plateau). Down as up:
 *     memory given back, then flat, is a step too;
 *   - rising: the Theil-Sen growth over the span is above the tolerance,
 *     each of the TREND_WINDOWS - 1 moves of the window minima, from one
 *     window to the next, does not fall (TREND_FLOOR_SHARE of them, which
 *     with 4 windows is all 3), the last window's minimum is above the
 *     first's by at least half the tolerance, and at least TREND_UP_SHARE
 *     of the steps that change the value go up (so noise around a rising
 *     line, and a sawtooth whose floor rises, are rising);
 *   - sawtooth: at least TREND_SAW_FALLS falls of TREND_SAW_DEPTH of the
 *     range from a running peak and as many rises as deep from a running
 *     trough (a series that only falls is no sawtooth), and the series has
 *     structure, not noise: its lag-1 autocorrelation is at least
 *     TREND_SAW_AUTOCORR (teeth several samples long), or its
 *     autocorrelation at some lag from 2 to TREND_SAW_LAGS is at least
 *     TREND_SAW_REPEAT (short teeth that repeat, down to 2 samples a
 *     tooth; i.i.d. noise has all of them near 0);
 *   - flat otherwise: noise around a level, and a series that falls. The
 *     seed's table has no row for memory given back; it is no leak, so it
 *     is flat (not growing), and its negative rate says how fast.
 * The rate (rate_kb_per_hour) agrees with the verdict: rising and
 * sawtooth give the window's Theil-Sen slope; step gives 0, the part after
 * the change being flat within the tolerance; flat gives the window's
 * Theil-Sen slope only when it falls by more than the tolerance over the
 * span, else 0 (a slope the verdict calls noise is not shown as a rate).
 * The fit is not a rule of the verdict: forecasts use it (a rising series
 * toward a limit is steady only when its line fits).
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
#define TREND_SAW_DEPTH 0.5
/* ...and there are at least this many... */
#define TREND_SAW_FALLS 2
/* ...in a series whose lag-1 autocorrelation is at least this... */
#define TREND_SAW_AUTOCORR 0.3
/* ...or whose autocorrelation at a lag from 2 to TREND_SAW_LAGS is at
 * least TREND_SAW_REPEAT (i.i.d. noise has all of them near 0). */
#define TREND_SAW_LAGS 12
#define TREND_SAW_REPEAT 0.5
/* Plateau: at the earlier rate the last third would have moved by this
 * many tolerances. */
#define TREND_PLATEAU_TOLS 2.0

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
	double rate_kb_per_hour; /* the rate the verdict stands for (above) */
	double fit;      /* 1 - MAD(residuals) / MAD(values), in [0, 1] */
	double up_share; /* rising steps / steps that change the value */
	double autocorr; /* lag-1 autocorrelation, in [-1, 1] */
	double repeat;   /* the largest autocorrelation at lags 2..SAW_LAGS */
	int64_t span_ms; /* first to last known value... */
	int64_t span_s;  /* ...in whole seconds (truncated) */
	size_t samples;  /* known values */
	int64_t min_kb, max_kb, last_kb;
	int64_t step_kb;     /* the largest single jump (signed); for a
	                        plateau, the change of its floor (ceiling) */
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
