/* forecast: time until a series reaches its limit (see the header). */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "core/numround.h"
#include "model/forecast.h"
#include "model/snapshot.h"

/* The last known value of p, or SNAP_NA. */
static int64_t
last_known(const struct hist_point *p, size_t n)
{
	while (n-- > 0)
		if (p[n].value != SNAP_NA)
			return p[n].value;
	return SNAP_NA;
}

/* True when t moves away from the limit: its Theil-Sen change over the
 * span is negative and at least half its range. */
static bool
away(const struct trend *t)
{
	double growth = t->rate_kb_per_hour * (double)t->span_s / 3600.0;

	return growth < 0 && -growth * 2 >= (double)(t->max_kb - t->min_kb);
}

/* Why there is no number for trend t toward the limit, or
 * FORECAST_STEADY. */
static enum forecast_basis
basis_of(const struct trend *t)
{
	switch (t->verdict) {
	case TREND_LEARNING:
		return FORECAST_LEARNING;
	case TREND_RISING:
		return t->fit >= FORECAST_FIT_MIN ? FORECAST_STEADY
		                                  : FORECAST_NOISY;
	case TREND_SAWTOOTH:
		return FORECAST_NOISY;
	default:
		return away(t) ? FORECAST_AWAY : FORECAST_FLAT;
	}
}

/* Stopped moving (see the header). */
bool
forecast_stopped(const struct hist_point *p, size_t n)
{
	int64_t last = SNAP_NA;
	uint64_t last_ms = 0, from_ms = 0;

	while (n-- > 0) {
		if (p[n].value == SNAP_NA)
			continue;
		if (last == SNAP_NA) {
			last = p[n].value;
			last_ms = from_ms = p[n].mono_ms;
			continue;
		}
		if (p[n].value > last + FORECAST_FLAT_KB ||
		    p[n].value < last - FORECAST_FLAT_KB)
			break;
		from_ms = p[n].mono_ms;
	}
	return last != SNAP_NA && last_ms - from_ms >= FORECAST_FLAT_MS;
}

/* The forecast toward limit; sign -1 falls to a floor, +1 rises to a
 * ceiling. */
static void
forecast(const struct hist_point *p, size_t n, int sign, int64_t limit,
         struct forecast *out)
{
	int64_t last = last_known(p, n), headroom;
	double rate_kb_per_s;

	memset(out, 0, sizeof *out);
	if (sign < 0)
		trend_classify_falling(p, n, &out->trend);
	else
		trend_classify(p, n, &out->trend);
	out->rate_kb_per_min = sign * out->trend.rate_kb_per_hour / 60.0;
	out->basis = basis_of(&out->trend);
	if (limit < 0 || limit == SNAP_NA) {
		out->basis = FORECAST_NO_LIMIT;
		return;
	}
	if (out->basis != FORECAST_STEADY || last == SNAP_NA)
		return;
	if (forecast_stopped(p, n)) {
		out->basis = FORECAST_FLAT; /* no countdown from an old fall */
		return;
	}
	headroom = sign < 0 ? last - limit : limit - last;
	rate_kb_per_s = out->trend.rate_kb_per_hour / 3600.0;
	out->eta_s = headroom <= 0
	                 ? 0
	                 : numround_ceil_ll((double)headroom / rate_kb_per_s);
	if (out->eta_s > FORECAST_HORIZON_SPANS * out->trend.span_s) {
		out->basis = FORECAST_BEYOND;
		out->eta_s = 0;
		return;
	}
	out->valid = true;
}

/* When a series falls to floor_kb (see the header). */
void
forecast_to_floor(const struct hist_point *p, size_t n, int64_t floor_kb,
                  struct forecast *out)
{
	forecast(p, n, -1, floor_kb, out);
}

/* When a series rises to ceiling_kb (see the header). */
void
forecast_to_ceiling(const struct hist_point *p, size_t n, int64_t ceiling_kb,
                    struct forecast *out)
{
	forecast(p, n, 1, ceiling_kb, out);
}

/* A basis's name (see the header). */
const char *
forecast_basis_name(enum forecast_basis b)
{
	static const char *const names[FORECAST_BASES] = {
	    "steady", "learning", "flat",    "noisy",
	    "away",   "beyond",   "no limit"};

	return (unsigned)b < FORECAST_BASES ? names[b] : "?";
}

/* "about 14 min", "about 2h10m", "under 1 min". */
static void
fmt_eta(int64_t s, char *buf, size_t len)
{
	char span[16];

	if (s < 60) {
		snprintf(buf, len, "under 1 min");
		return;
	}
	if (s < 2 * 3600) {
		snprintf(buf, len, "about %lld min",
		         (long long)((s + 30) / 60));
		return;
	}
	trend_fmt_span(s, span, sizeof span);
	snprintf(buf, len, "about %s", span);
}

/* The forecast for a person (see the header). */
int
forecast_format(const struct forecast *f, enum forecast_kind kind, char *buf,
                size_t len)
{
	char eta[32], rate[16];

	if (!f->valid) {
		if (len > 0)
			buf[0] = '\0';
		return 0;
	}
	fmt_eta(f->eta_s, eta, sizeof eta);
	trend_fmt_kb(f->rate_kb_per_min, 1, rate, sizeof rate);
	switch (kind) {
	case FORECAST_COMMIT:
		return snprintf(buf, len, "%s until allocations fail", eta);
	case FORECAST_CGROUP:
		return snprintf(buf, len, "%s to memory.max at %s/min", eta,
		                rate);
	default:
		return snprintf(buf, len, "%s to OOM at %s/min", eta, rate);
	}
}

/* "~14m", "~2h10m", "<1m": the time left, rounded to the minute. */
static void
fmt_eta_short(int64_t s, char *buf, size_t len)
{
	char span[16];

	if (s < 60) {
		snprintf(buf, len, "<1m");
		return;
	}
	trend_fmt_span((s + 30) / 60 * 60, span, sizeof span);
	snprintf(buf, len, "~%s", span);
}

/* The forecast's short form (see the header). */
int
forecast_format_short(const struct forecast *f, enum forecast_kind kind,
                      char *buf, size_t len)
{
	static const char *const what[] = {
	    [FORECAST_OOM] = "OOM",
	    [FORECAST_COMMIT] = "alloc fail",
	    [FORECAST_CGROUP] = "memory.max",
	};
	char eta[24];

	if (!f->valid) {
		if (len > 0)
			buf[0] = '\0';
		return 0;
	}
	fmt_eta_short(f->eta_s, eta, sizeof eta);
	return snprintf(buf, len, "%s to %s", eta,
	                (unsigned)kind <= FORECAST_CGROUP ? what[kind]
	                                                  : what[FORECAST_OOM]);
}
