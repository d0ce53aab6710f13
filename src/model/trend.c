/* trend: the verdict on one series from robust statistics (see the
 * header). */
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/snapshot.h"
#include "model/trend.h"

/* Milliseconds in an hour: slopes are kB/ms inside, kB/h outside. */
#define MS_PER_HOUR 3600000.0
/* Pairwise slopes of the subsample. */
#define PAIRS (TREND_SUBSAMPLE * (TREND_SUBSAMPLE - 1) / 2)

/* The first pass: what needs no other statistic. */
struct tpass_a {
	int sign;
	size_t n, up, down, jump_at;
	int64_t min, max, last, jump;
	uint64_t t0, t1;
	double sum;
};

/* The second pass: what needs the first. */
struct tpass_b {
	int64_t wmin[TREND_WINDOWS];
	int64_t before_min, before_max, after_min, after_max;
	int64_t head_min, head_max, tail_min, tail_max; /* first, last third */
	uint64_t tail_t0;                               /* the last's start */
	int64_t drawdown;
	unsigned falls, rises;
	double lag_num[TREND_SAW_LAGS + 1], ac_den;
	double dev[TREND_SAW_LAGS]; /* the last deviations from the mean */
	double sub_t[TREND_SUBSAMPLE], sub_v[TREND_SUBSAMPLE];
	size_t nsub;
};

/* The value of p as this verdict sees it (negated for falling). */
static int64_t
val(const struct hist_point *p, int sign)
{
	return sign > 0 ? p->value : -p->value;
}

/* Count, range, steps and the largest jump of the known values. */
static void
pass_a(const struct hist_point *p, size_t n, struct tpass_a *a)
{
	int64_t v, prev = 0, d;
	size_t i;

	for (i = 0; i < n; i++) {
		if (p[i].value == SNAP_NA)
			continue;
		v = val(&p[i], a->sign);
		if (a->n == 0) {
			a->min = a->max = v;
			a->t0 = p[i].mono_ms;
		} else {
			d = v - prev;
			a->up += d > 0;
			a->down += d < 0;
			if (llabs(d) > llabs(a->jump)) {
				a->jump = d;
				a->jump_at = a->n;
			}
		}
		a->min = v < a->min ? v : a->min;
		a->max = v > a->max ? v : a->max;
		a->sum += (double)v;
		a->t1 = p[i].mono_ms;
		a->last = prev = v;
		a->n++;
	}
}

/* Count falls from the running peak and rises from the running trough
 * of at least depth (pk: peak, trough); the deepest fall. */
static void
swings(struct tpass_b *b, int64_t v, double depth, int64_t *pk)
{
	if (pk[0] - v > b->drawdown)
		b->drawdown = pk[0] - v;
	pk[0] = v > pk[0] ? v : pk[0];
	pk[1] = v < pk[1] ? v : pk[1];
	if (depth <= 0)
		return;
	if ((double)(pk[0] - v) >= depth) {
		b->falls++;
		pk[0] = pk[1] = v;
	} else if ((double)(v - pk[1]) >= depth) {
		b->rises++;
		pk[0] = pk[1] = v;
	}
}

/* Fold known value number c (v at t_ms) into the thirds: the first's
 * and the last's range, the last's start. */
static void
thirds(const struct tpass_a *a, struct tpass_b *b, size_t c, int64_t v,
       uint64_t t_ms)
{
	size_t third = a->n / 3;

	if (c < third) {
		b->head_min = v < b->head_min ? v : b->head_min;
		b->head_max = v > b->head_max ? v : b->head_max;
	}
	if (c == a->n - third)
		b->tail_t0 = t_ms;
	if (c >= a->n - third) {
		b->tail_min = v < b->tail_min ? v : b->tail_min;
		b->tail_max = v > b->tail_max ? v : b->tail_max;
	}
}

/* Fold deviation d of known value number c into the autocorrelation sums
 * at lags 0 (the variance) to TREND_SAW_LAGS. */
static void
lags(struct tpass_b *b, size_t c, double d)
{
	size_t k;

	b->ac_den += d * d;
	for (k = 1; k <= TREND_SAW_LAGS && k <= c; k++)
		b->lag_num[k] += d * b->dev[(c - k) % TREND_SAW_LAGS];
	b->dev[c % TREND_SAW_LAGS] = d;
}

/* Fold known value number c (v at t_ms) into the second pass. */
static void
pass_b_one(const struct tpass_a *a, struct tpass_b *b, size_t c, int64_t v,
           uint64_t t_ms, int64_t *pk)
{
	size_t w = c * TREND_WINDOWS / a->n;
	size_t m = a->n < TREND_SUBSAMPLE ? a->n : TREND_SUBSAMPLE;

	if (v < b->wmin[w])
		b->wmin[w] = v;
	thirds(a, b, c, v, t_ms);
	if (c < a->jump_at) {
		b->before_min = v < b->before_min ? v : b->before_min;
		b->before_max = v > b->before_max ? v : b->before_max;
	} else {
		b->after_min = v < b->after_min ? v : b->after_min;
		b->after_max = v > b->after_max ? v : b->after_max;
	}
	if (c == 0)
		pk[0] = pk[1] = v;
	swings(b, v, TREND_SAW_DEPTH * (double)(a->max - a->min), pk);
	if (b->nsub < m && c == b->nsub * (a->n - 1) / (m - 1)) {
		b->sub_t[b->nsub] = (double)(t_ms - a->t0);
		b->sub_v[b->nsub++] = (double)v;
	}
}

/* Windows, thirds, drawdowns, autocorrelations, the jump's sides, the
 * subsample. */
static void
pass_b(const struct hist_point *p, size_t n, const struct tpass_a *a,
       struct tpass_b *b)
{
	double mean = a->sum / (double)a->n;
	int64_t v, pk[2] = {0, 0};
	size_t i, c = 0, w;

	for (w = 0; w < TREND_WINDOWS; w++)
		b->wmin[w] = INT64_MAX;
	b->before_min = b->after_min = b->head_min = b->tail_min = INT64_MAX;
	b->before_max = b->after_max = b->head_max = b->tail_max = INT64_MIN;
	for (i = 0; i < n; i++) {
		if (p[i].value == SNAP_NA)
			continue;
		v = val(&p[i], a->sign);
		pass_b_one(a, b, c, v, p[i].mono_ms, pk);
		lags(b, c, (double)v - mean);
		c++;
	}
}

/* The k-th smallest of a[0..n) (a is reordered). */
static double
kth(double *a, size_t n, size_t k)
{
	size_t lo = 0, hi = n - 1, i, j;
	double pivot, t;

	while (lo < hi) {
		pivot = a[lo + (hi - lo) / 2];
		i = lo;
		j = hi;
		while (i <= j) {
			while (a[i] < pivot)
				i++;
			while (a[j] > pivot)
				j--;
			if (i <= j) {
				t = a[i];
				a[i++] = a[j];
				a[j] = t;
				if (j == 0)
					break;
				j--;
			}
		}
		if (k <= j)
			hi = j;
		else if (k >= i)
			lo = i;
		else
			break;
	}
	return a[k];
}

/* Theil-Sen slope (kB/ms) of the subsample. */
static double
theil_sen(const struct tpass_b *b)
{
	double s[PAIRS];
	size_t i, j, k = 0;

	for (i = 0; i < b->nsub; i++)
		for (j = i + 1; j < b->nsub; j++)
			if (b->sub_t[j] > b->sub_t[i])
				s[k++] = (b->sub_v[j] - b->sub_v[i]) /
				         (b->sub_t[j] - b->sub_t[i]);
	return k == 0 ? 0 : kth(s, k, k / 2);
}

/* 1 - MAD(residuals) / MAD(values) of the subsample about slope; its
 * median value into *median. */
static double
fit_of(const struct tpass_b *b, double slope, double *median)
{
	double r[TREND_SUBSAMPLE], v[TREND_SUBSAMPLE], c, mad_r, mad_v;
	size_t i, m = b->nsub, h = b->nsub / 2;

	for (i = 0; i < m; i++) {
		r[i] = b->sub_v[i] - slope * b->sub_t[i];
		v[i] = b->sub_v[i];
	}
	c = kth(r, m, h);
	for (i = 0; i < m; i++)
		r[i] = fabs(r[i] - c);
	*median = kth(v, m, h);
	for (i = 0; i < m; i++)
		v[i] = fabs(b->sub_v[i] - *median);
	mad_r = kth(r, m, h);
	mad_v = kth(v, m, h);
	if (mad_v <= 0)
		return mad_r <= 0 ? 1 : 0;
	return mad_r >= mad_v ? 0 : 1 - mad_r / mad_v;
}

/* True when the series rises and falls again and again, with structure. */
static bool
is_sawtooth(const struct trend *t)
{
	return t->falls >= TREND_SAW_FALLS && t->rises >= TREND_SAW_FALLS &&
	       (t->autocorr >= TREND_SAW_AUTOCORR ||
	        t->repeat >= TREND_SAW_REPEAT);
}

/* True when the floor rises: each move of the window minima from one
 * window to the next does not fall (TREND_FLOOR_SHARE of them) and the
 * last is above the first by half the tolerance. A sawtooth with fewer
 * than 2 falls a window is judged on halves (windows merged in pairs, so
 * that each holds a trough), the second's minimum above the first's by
 * the whole tolerance (one move, so a stricter margin). */
static bool
floor_rises(const struct trend *t, const struct tpass_b *b, double tol)
{
	int64_t m[TREND_WINDOWS];
	unsigned w, i, k = TREND_WINDOWS, steady = 0;

	if (is_sawtooth(t) && t->falls < 2 * TREND_WINDOWS)
		k = 2;
	for (w = 0; w < k; w++) {
		m[w] = INT64_MAX;
		for (i = w * TREND_WINDOWS / k; i < (w + 1) * TREND_WINDOWS / k;
		     i++)
			m[w] = b->wmin[i] < m[w] ? b->wmin[i] : m[w];
	}
	for (w = 1; w < k; w++)
		steady += m[w] >= m[w - 1];
	return (double)steady >= TREND_FLOOR_SHARE * (k - 1) &&
	       (double)(m[k - 1] - m[0]) >= (k == 2 ? tol : tol / 2);
}

/* True when the largest jump splits the series into two flat parts. */
static bool
is_step(const struct tpass_a *a, const struct tpass_b *b, double tol)
{
	double range = (double)(a->max - a->min);

	if (a->jump_at == 0 || a->n - a->jump_at < TREND_STEP_AFTER)
		return false;
	if ((double)llabs(a->jump) < TREND_STEP_SHARE * range)
		return false;
	return (double)(b->before_max - b->before_min) <= tol &&
	       (double)(b->after_max - b->after_min) <= tol;
}

/* The change of the floor (rising) or ceiling (falling) from the first
 * third to a flat last third when it is a plateau after a ramp (see the
 * header), else 0. */
static int64_t
plateau(const struct tpass_a *a, const struct tpass_b *b, double tol)
{
	int64_t up = b->tail_min - b->head_min,
	        down = b->head_max - b->tail_max;
	int64_t moved = up >= down ? up : -down;
	double early_ms = (double)(b->tail_t0 - a->t0);
	double late_ms = (double)(a->t1 - b->tail_t0);

	if ((double)(b->tail_max - b->tail_min) > tol ||
	    (double)llabs(moved) <= tol || early_ms <= 0)
		return 0;
	if ((double)llabs(moved) * late_ms / early_ms <
	    TREND_PLATEAU_TOLS * tol)
		return 0;
	return moved;
}

/* The verdict from the statistics (see the rules in the header); a
 * plateau's change into t->step_kb. */
static enum trend_verdict
decide(struct trend *t, const struct tpass_a *a, const struct tpass_b *b,
       double slope_kb_per_hour, double tol)
{
	double growth = slope_kb_per_hour * (double)t->span_ms / MS_PER_HOUR;
	int64_t moved;

	if (t->samples < TREND_MIN_SAMPLES)
		return TREND_LEARNING;
	if ((double)(a->max - a->min) <= tol)
		return TREND_FLAT;
	if (is_step(a, b, tol))
		return TREND_STEP;
	if ((moved = plateau(a, b, tol)) != 0) {
		t->step_kb = moved;
		return TREND_STEP;
	}
	if (growth > tol && floor_rises(t, b, tol) &&
	    t->up_share >= TREND_UP_SHARE)
		return TREND_RISING;
	if (is_sawtooth(t))
		return TREND_SAWTOOTH;
	return TREND_FLAT;
}

/* The rate verdict v stands for, from the window's slope (see the
 * header). */
static double
rate_of(enum trend_verdict v, double slope_kb_per_hour, int64_t span_ms,
        double tol)
{
	double growth = slope_kb_per_hour * (double)span_ms / MS_PER_HOUR;

	switch (v) {
	case TREND_RISING:
	case TREND_SAWTOOTH:
	case TREND_LEARNING:
		return slope_kb_per_hour;
	case TREND_FLAT:
		return growth < -tol ? slope_kb_per_hour : 0;
	default:
		return 0;
	}
}

/* The largest autocorrelation of b at lags 2 to TREND_SAW_LAGS. */
static double
repeat_of(const struct tpass_b *b)
{
	double best = -1;
	size_t k;

	for (k = 2; k <= TREND_SAW_LAGS; k++)
		if (b->lag_num[k] / b->ac_den > best)
			best = b->lag_num[k] / b->ac_den;
	return best;
}

/* The verdict on p seen with sign (+1, or -1 for falling). */
static void
classify(const struct hist_point *p, size_t n, int sign, struct trend *out)
{
	struct tpass_a a;
	struct tpass_b b;
	double slope, median = 0, tol;

	memset(out, 0, sizeof *out);
	memset(&a, 0, sizeof a);
	memset(&b, 0, sizeof b);
	a.sign = sign;
	pass_a(p, n, &a);
	out->samples = a.n;
	if (a.n < 2) {
		out->verdict = TREND_LEARNING;
		out->min_kb = out->max_kb = out->last_kb = a.last;
		return;
	}
	pass_b(p, n, &a, &b);
	slope = theil_sen(&b);
	out->fit = fit_of(&b, slope, &median);
	out->up_share =
	    a.up + a.down ? (double)a.up / (double)(a.up + a.down) : 0;
	out->autocorr = b.ac_den > 0 ? b.lag_num[1] / b.ac_den : 0;
	out->repeat = b.ac_den > 0 ? repeat_of(&b) : 0;
	out->span_ms = (int64_t)(a.t1 - a.t0);
	out->span_s = out->span_ms / 1000;
	out->min_kb = a.min;
	out->max_kb = a.max;
	out->last_kb = a.last;
	out->step_kb = a.jump;
	out->drawdown_kb = b.drawdown;
	out->falls = b.falls;
	out->rises = b.rises;
	tol = TREND_FLAT_SHARE * fabs(median);
	if (!(tol > TREND_FLAT_KB)) /* fmax: a NaN share gives the floor */
		tol = TREND_FLAT_KB;
	out->verdict = decide(out, &a, &b, slope * MS_PER_HOUR, tol);
	out->rate_kb_per_hour =
	    rate_of(out->verdict, slope * MS_PER_HOUR, out->span_ms, tol);
}

/* The verdict on a series (see the header). */
void
trend_classify(const struct hist_point *p, size_t n, struct trend *out)
{
	classify(p, n, 1, out);
}

/* The verdict on the negated series (see the header). */
void
trend_classify_falling(const struct hist_point *p, size_t n, struct trend *out)
{
	classify(p, n, -1, out);
}

/* A verdict's name (see the header). */
const char *
trend_name(enum trend_verdict v)
{
	static const char *const names[TREND_VERDICTS] = {
	    "learning", "flat", "step", "sawtooth", "rising"};

	return (unsigned)v < TREND_VERDICTS ? names[v] : "?";
}

/* kB for a person (see the header). */
void
trend_fmt_kb(double kb, int sign, char *buf, size_t len)
{
	static const char units[] = "KMGTP";
	const char *sg = sign ? (kb < 0 ? "-" : "+") : (kb < 0 ? "-" : "");
	double a = fabs(kb);
	unsigned u = 0;

	while (a >= 1024 && u + 1 < sizeof units - 1) {
		a /= 1024;
		u++;
	}
	if (a < 10 && u > 0)
		snprintf(buf, len, "%s%.1f%c", sg, a, units[u]);
	else
		snprintf(buf, len, "%s%.0f%c", sg, a, units[u]);
}

/* A duration for a person (see the header). */
void
trend_fmt_span(int64_t s, char *buf, size_t len)
{
	if (s < 0)
		s = 0;
	if (s < 60)
		snprintf(buf, len, "%llds", (long long)s);
	else if (s < 3600)
		snprintf(buf, len, "%lldm", (long long)(s / 60));
	else if (s < 86400 && s % 3600 < 60)
		snprintf(buf, len, "%lldh", (long long)(s / 3600));
	else if (s < 86400)
		snprintf(buf, len, "%lldh%lldm", (long long)(s / 3600),
		         (long long)(s % 3600 / 60));
	else
		snprintf(buf, len, "%lldd%lldh", (long long)(s / 86400),
		         (long long)(s % 86400 / 3600));
}

/* The verdict for a person (see the header). */
int
trend_format(const struct trend *t, char *buf, size_t len)
{
	char size[16], span[16];

	if (t->verdict == TREND_LEARNING)
		return snprintf(buf, len, "learning (%zu samples)", t->samples);
	trend_fmt_span(t->span_s, span, sizeof span);
	if (t->verdict == TREND_RISING) {
		trend_fmt_kb(t->rate_kb_per_hour, 1, size, sizeof size);
		return snprintf(buf, len, "rising %s/h over %s", size, span);
	}
	if (t->verdict == TREND_STEP) {
		trend_fmt_kb((double)t->step_kb, 1, size, sizeof size);
		return snprintf(buf, len, "step %s over %s", size, span);
	}
	return snprintf(buf, len, "%s over %s", trend_name(t->verdict), span);
}
