/* histsnap: snapshots into the history, trends and forecasts out (see the
 * header). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

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
	free(hs->pts);
	memset(hs, 0, sizeof *hs);
}

/* A PSI avg10 as x100, or SNAP_NA when not ok. */
static int64_t
histsnap_x100(double v, bool ok)
{
	return ok && isfinite(v) ? (int64_t)llround(v * 100.0) : SNAP_NA;
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

/* The trend of one process's RSS (see the header). */
size_t
histsnap_proc_trend(struct histsnap *hs, const struct proc_row *r,
                    struct trend *out)
{
	struct procid id = {r->pid, r->start_time};
	enum hist_tier tier = HIST_FINE;
	size_t n = 0;

	if (hs->h != NULL) {
		if (hist_count_proc(hs->h, id, HIST_MINUTE) >=
		    TREND_MIN_SAMPLES)
			tier = HIST_MINUTE;
		n = hist_read_proc(hs->h, id, tier, HIST_RSS_KB, hs->pts,
		                   hs->cap);
	}
	trend_classify(hs->pts, n, out);
	return n;
}

/* The newest points of a system lane, from the tier the header names. */
static size_t
histsnap_sys_points(struct histsnap *hs, enum hist_sys_lane lane)
{
	enum hist_tier tier = HIST_FINE;

	if (hs->h == NULL)
		return 0;
	if (hist_count_sys(hs->h, HIST_MINUTE) >= TREND_MIN_SAMPLES)
		tier = HIST_MINUTE;
	return hist_read_sys(hs->h, tier, lane, hs->pts, hs->cap);
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
