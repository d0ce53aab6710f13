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
	int64_t drawdown;
	unsigned falls, rises;
	double ac_num, ac_den;
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

/* Fold known value number c (v at t_ms) into the second pass. */
static void
pass_b_one(const struct tpass_a *a, struct tpass_b *b, size_t c, int64_t v,
           uint64_t t_ms, int64_t *pk)
{
	size_t w = c * TREND_WINDOWS / a->n;
	size_t m = a->n < TREND_SUBSAMPLE ? a->n : TREND_SUBSAMPLE;

	if (v < b->wmin[w])
		b->wmin[w] = v;
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

/* Windows, drawdowns, autocorrelation, the jump's sides, the subsample. */
static void
pass_b(const struct hist_point *p, size_t n, const struct tpass_a *a,
       struct tpass_b *b)
{
	double mean = a->sum / (double)a->n, d, dprev = 0;
	int64_t v, pk[2] = {0, 0};
	size_t i, c = 0, w;

	for (w = 0; w < TREND_WINDOWS; w++)
		b->wmin[w] = INT64_MAX;
	b->before_min = b->after_min = INT64_MAX;
	b->before_max = b->after_max = INT64_MIN;
	for (i = 0; i < n; i++) {
		if (p[i].value == SNAP_NA)
			continue;
		v = val(&p[i], a->sign);
		pass_b_one(a, b, c, v, p[i].mono_ms, pk);
		d = (double)v - mean;
		b->ac_den += d * d;
		if (c > 0)
			b->ac_num += d * dprev;
		dprev = d;
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

/* Theil-Sen slope (kB/ms) of the subsample and its quartiles. */
static double
theil_sen(const struct tpass_b *b, double *lo, double *hi)
{
	double s[PAIRS];
	size_t i, j, k = 0;

	for (i = 0; i < b->nsub; i++)
		for (j = i + 1; j < b->nsub; j++)
			if (b->sub_t[j] > b->sub_t[i])
				s[k++] = (b->sub_v[j] - b->sub_v[i]) /
				         (b->sub_t[j] - b->sub_t[i]);
	if (k == 0) {
		*lo = *hi = 0;
		return 0;
	}
	*lo = kth(s, k, k / 4);
	*hi = kth(s, k, 3 * k / 4);
	return kth(s, k, k / 2);
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

/* True when the window minima rise: most moves do not fall, and the last
 * is above the first by half the tolerance. */
static bool
floor_rises(const struct tpass_b *b, double tol)
{
	unsigned w, steady = 0;

	for (w = 1; w < TREND_WINDOWS; w++)
		steady += b->wmin[w] >= b->wmin[w - 1];
	return (double)steady >= TREND_FLOOR_SHARE * (TREND_WINDOWS - 1) &&
	       (double)(b->wmin[TREND_WINDOWS - 1] - b->wmin[0]) >= tol / 2;
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

/* The verdict from the statistics (see the rules in the header). */
static enum trend_verdict
decide(const struct trend *t, const struct tpass_a *a, const struct tpass_b *b,
       double tol)
{
	double growth = t->rate_kb_per_hour * (double)t->span_s / 3600.0;

	if (t->samples < TREND_MIN_SAMPLES)
		return TREND_LEARNING;
	if ((double)(a->max - a->min) <= tol)
		return TREND_FLAT;
	if (is_step(a, b, tol))
		return TREND_STEP;
	if (growth > tol && floor_rises(b, tol) &&
	    t->up_share >= TREND_UP_SHARE)
		return TREND_RISING;
	if (t->falls >= TREND_SAW_FALLS && t->rises >= TREND_SAW_FALLS &&
	    t->autocorr >= TREND_SAW_AUTOCORR)
		return TREND_SAWTOOTH;
	return TREND_FLAT;
}

/* The verdict on p seen with sign (+1, or -1 for falling). */
static void
classify(const struct hist_point *p, size_t n, int sign, struct trend *out)
{
	struct tpass_a a;
	struct tpass_b b;
	double lo, hi, slope, median = 0, tol;

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
	slope = theil_sen(&b, &lo, &hi);
	out->fit = fit_of(&b, slope, &median);
	out->rate_kb_per_hour = slope * MS_PER_HOUR;
	out->slope_lo_kb_per_hour = lo * MS_PER_HOUR;
	out->slope_hi_kb_per_hour = hi * MS_PER_HOUR;
	out->up_share =
	    a.up + a.down ? (double)a.up / (double)(a.up + a.down) : 0;
	out->autocorr = b.ac_den > 0 ? b.ac_num / b.ac_den : 0;
	out->span_s = (int64_t)((a.t1 - a.t0) / 1000);
	out->min_kb = a.min;
	out->max_kb = a.max;
	out->last_kb = a.last;
	out->step_kb = a.jump;
	out->drawdown_kb = b.drawdown;
	out->falls = b.falls;
	out->rises = b.rises;
	tol = fmax(TREND_FLAT_KB, TREND_FLAT_SHARE * fabs(median));
	out->verdict = decide(out, &a, &b, tol);
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
