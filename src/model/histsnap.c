/* histsnap: snapshots into the history, trends and forecasts out (see the
 * header). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/numround.h"
#include "model/histsnap.h"

/* Start with an empty, failed-safe hs, then allocate (see the header). */
int
histsnap_init(struct histsnap *hs, uint32_t delay_ms, size_t cap_bytes)
{
	size_t fine = delay_ms ? HIST_FINE_MS / delay_ms + 2 : 0;

	memset(hs, 0, sizeof *hs);
	if (delay_ms == 0)
		return -1;
	hs->cap = fine > HIST_MINUTE_SPAN + 2 ? fine : HIST_MINUTE_SPAN + 2;
	hs->h = hist_new(delay_ms, cap_bytes);
	hs->pts = calloc(hs->cap, sizeof *hs->pts);
	if (hs->h == NULL || hs->pts == NULL) {
		histsnap_fini(hs);
		return -1;
	}
	return 0;
}

/* Free the history and the scratch. */
void
histsnap_fini(struct histsnap *hs)
{
	hist_free(hs->h);
	hist_free(hs->past);
	free(hs->pts);
	memset(hs, 0, sizeof *hs);
}

/* A PSI avg10 as x100, or SNAP_NA when not ok. */
static int64_t
histsnap_x100(double v, bool ok)
{
	return ok && isfinite(v) ? numround_ll(v * 100.0) : SNAP_NA;
}

/* The system's values of s by enum hist_sys_lane into v. */
static void
histsnap_sys_values(const struct snapshot *s, int64_t v[HIST_SYS_LANES])
{
	const struct mem_info *m = &s->mem;

	v[HIST_MEMAVAIL_KB] = m->available_kb;
	v[HIST_COMMITTED_KB] = m->committed_as_kb;
	v[HIST_SWAP_USED_KB] =
	    m->swap_total_kb == SNAP_NA || m->swap_free_kb == SNAP_NA
	        ? SNAP_NA
	        : m->swap_total_kb - m->swap_free_kb;
	v[HIST_PSI_SOME_X100] = histsnap_x100(s->psi.some.avg10, s->psi.valid);
	v[HIST_PSI_FULL_X100] =
	    histsnap_x100(s->psi.full.avg10, s->psi.valid && s->psi.full_valid);
	v[HIST_OOM_KILLS] = s->vmstat.oom_kill;
}

/* Record one refresh (see the header). */
int
histsnap_record(struct histsnap *hs, const struct snapshot *s)
{
	int64_t sys[HIST_SYS_LANES];
	int rc = 0;

	if (hs->h == NULL ||
	    hist_begin(hs->h, s->mono_ms, s->time_unix_ms) != 0)
		return -1;
	for (size_t i = 0; i < s->nprocs; i++) {
		const struct proc_row *r = &s->procs[i];
		struct procid id = {r->pid, r->start_time};
		int64_t v[HIST_PROC_LANES];

		v[HIST_RSS_KB] = r->rss_kb;
		v[HIST_SWAP_KB] = r->swap_kb;
		v[HIST_ANON_KB] = r->anon_kb;
		if (hist_put_proc(hs->h, id, v) != 0)
			rc = -1;
	}
	histsnap_sys_values(s, sys);
	hist_put_sys(hs->h, sys);
	hist_end(hs->h);
	return rc;
}

/* One series: a lane of process id's, or (sys) of the system's. */
struct hs_series {
	bool sys;
	struct procid id;
	unsigned lane;
};

/* Points of series q in h's tier (0 when h is NULL). */
static size_t
hs_count(const struct hist *h, const struct hs_series *q, enum hist_tier t)
{
	if (h == NULL)
		return 0;
	return q->sys ? hist_count_sys(h, t) : hist_count_proc(h, q->id, t);
}

/* Read the newest max points of series q in h's tier into out. */
static size_t
hs_read(const struct hist *h, const struct hs_series *q, enum hist_tier t,
        struct hist_point *out, size_t max)
{
	if (h == NULL || max == 0)
		return 0;
	if (q->sys)
		return hist_read_sys(h, t, (enum hist_sys_lane)q->lane, out,
		                     max);
	return hist_read_proc(h, q->id, t, (enum hist_proc_lane)q->lane, out,
	                      max);
}

/* The minute series of q into hs->pts: the past's points older than the
 * first live one and within the minute span of the newest, then the
 * live ones (see the header). */
static size_t
hs_read_minutes(struct histsnap *hs, const struct hs_series *q)
{
	struct hist_point *pts = hs->pts;
	size_t nl = hs_count(hs->h, q, HIST_MINUTE), np, a = 0, b;
	uint64_t span = (uint64_t)HIST_MINUTE_SPAN * HIST_MINUTE_MS, newest;

	if (nl > hs->cap)
		nl = hs->cap;
	np = hs_read(hs->past, q, HIST_MINUTE, pts, hs->cap - nl);
	nl = hs_read(hs->h, q, HIST_MINUTE, pts + np, nl);
	if (np + nl == 0)
		return 0;
	newest = pts[np + nl - 1].mono_ms;
	while (a < np && pts[a].mono_ms + span < newest)
		a++;
	b = a;
	while (b < np && (nl == 0 || pts[b].mono_ms < pts[np].mono_ms))
		b++;
	memmove(pts, pts + a, (b - a) * sizeof *pts);
	memmove(pts + (b - a), pts + np, nl * sizeof *pts);
	if (b > a && nl > 0 &&
	    pts[b - a].mono_ms - pts[b - a - 1].mono_ms >
	        (uint64_t)HIST_GAP_FACTOR * HIST_MINUTE_MS)
		pts[b - a].gap = true;
	pts[0].gap = false;
	return b - a + nl;
}

/* Series q into hs->pts from the tier the header names (*tier: which). */
static size_t
hs_points(struct histsnap *hs, const struct hs_series *q, enum hist_tier *tier)
{
	*tier = HIST_FINE;
	if (hs->h == NULL)
		return 0;
	if (hs_count(hs->h, q, HIST_MINUTE) +
	        hs_count(hs->past, q, HIST_MINUTE) >=
	    TREND_MIN_SAMPLES) {
		*tier = HIST_MINUTE;
		return hs_read_minutes(hs, q);
	}
	return hs_read(hs->h, q, HIST_FINE, hs->pts, hs->cap);
}

/* Take the past (see the header). */
void
histsnap_set_past(struct histsnap *hs, struct hist *past)
{
	hist_free(hs->past);
	hs->past = past;
}

/* Read a process's lane, past included (see the header). */
size_t
histsnap_read_proc(struct histsnap *hs, struct procid id,
                   enum hist_proc_lane lane, enum hist_tier *tier)
{
	struct hs_series q = {false, id, lane};
	enum hist_tier t;
	size_t n = hs_points(hs, &q, &t);

	if (tier != NULL)
		*tier = t;
	return n;
}

/* Points of a process, past included (see the header). */
size_t
histsnap_count_proc(const struct histsnap *hs, struct procid id,
                    enum hist_tier tier)
{
	struct hs_series q = {false, id, HIST_RSS_KB};
	size_t n = hs_count(hs->h, &q, tier);

	if (tier == HIST_MINUTE)
		n += hs_count(hs->past, &q, tier);
	return n;
}

/* The oldest point of a process in either tier (see the header). */
int64_t
histsnap_first_proc(struct histsnap *hs, struct procid id)
{
	struct hs_series q = {false, id, HIST_RSS_KB};
	int64_t first = SNAP_NA;
	size_t n;

	if (hs->h == NULL)
		return SNAP_NA;
	if (hs_read(hs->h, &q, HIST_FINE, hs->pts, hs->cap) > 0)
		first = hs->pts[0].wall_ms;
	n = hs_read_minutes(hs, &q);
	if (n > 0 && (first == SNAP_NA || hs->pts[0].wall_ms < first))
		first = hs->pts[0].wall_ms;
	return first;
}

/* The trend of one process's RSS (see the header). */
size_t
histsnap_proc_trend(struct histsnap *hs, const struct proc_row *r,
                    struct trend *out)
{
	struct procid id = {r->pid, r->start_time};
	size_t n = histsnap_read_proc(hs, id, HIST_RSS_KB, NULL);

	trend_classify(hs->pts, n, out);
	return n;
}

/* The newest points of a system lane, from the tier the header names. */
static size_t
histsnap_sys_points(struct histsnap *hs, enum hist_sys_lane lane)
{
	struct hs_series q = {true, {0, 0}, lane};
	enum hist_tier t;

	return hs_points(hs, &q, &t);
}

/* The system's forecasts (see the header). */
void
histsnap_forecast(struct histsnap *hs, const struct snapshot *s,
                  struct histsnap_forecast *out)
{
	size_t n = histsnap_sys_points(hs, HIST_MEMAVAIL_KB);
	int64_t ceiling =
	    s->vm.overcommit_memory == 2 ? s->mem.commit_limit_kb : SNAP_NA;

	forecast_to_floor(hs->pts, n, s->low_wmark_kb, &out->mem_oom);
	n = histsnap_sys_points(hs, HIST_COMMITTED_KB);
	forecast_to_ceiling(hs->pts, n, ceiling, &out->commit_fail);
}
