/* hdrhist.c: the header's sparklines and forecast words (see hdrhist.h). */
#include "model/hdrhist.h"

#include <string.h>

#include "model/spark.h"

/* Bucket a system lane's fine tier into sp, shown from enough cells on. */
static void
spark_fill(struct hdrhist_spark *sp, struct histsnap *hs, uint64_t now_ms,
           enum hist_sys_lane lane, enum spark_pick pick)
{
	size_t n = hist_read_sys(hs->h, HIST_FINE, lane, hs->pts, hs->cap);

	if (spark_bucket_pick(hs->pts, n, now_ms, HIST_FINE_MS, HDRHIST_CELLS,
	                      pick, sp->v) >= HDRHIST_MIN_CELLS)
		sp->n = HDRHIST_CELLS;
	spark_range(sp->v, HDRHIST_CELLS, &sp->lo, &sp->hi);
}

/* Widen sp's scale to a range of at least HDRHIST_RANGE_PERMILLE of
 * total_kb (unknown: left as it is). */
static void
spark_min_range(struct hdrhist_spark *sp, int64_t total_kb)
{
	int64_t least;

	if (total_kb == SNAP_NA || total_kb <= 0)
		return;
	least = total_kb / 1000 * HDRHIST_RANGE_PERMILLE;
	if (sp->hi - sp->lo < least)
		sp->hi = sp->lo + least;
}

/* The forecast's two forms: the time to OOM, else to failed commits. */
static void
forecast_words(struct hdrhist *out, struct histsnap *hs,
               const struct snapshot *s)
{
	struct histsnap_forecast fc;
	const struct forecast *f;
	enum forecast_kind kind = FORECAST_OOM;

	histsnap_forecast(hs, s, &fc);
	f = &fc.mem_oom;
	if (!f->valid) {
		f = &fc.commit_fail;
		kind = FORECAST_COMMIT;
	}
	forecast_format(f, kind, out->forecast, sizeof out->forecast);
	forecast_format_short(f, kind, out->forecast_short,
	                      sizeof out->forecast_short);
}

/* Fill the header's view of the history. */
void
hdrhist_build(struct hdrhist *out, struct histsnap *hs,
              const struct snapshot *s)
{
	struct hdrhist_spark *sp = out->spark;

	memset(out, 0, sizeof *out);
	if (hs->h == NULL)
		return;
	spark_fill(&sp[HDRHIST_MEM], hs, s->mono_ms, HIST_MEMAVAIL_KB,
	           SPARK_LOWEST);
	spark_min_range(&sp[HDRHIST_MEM], s->mem.total_kb);
	if (s->mem.swap_total_kb != SNAP_NA && s->mem.swap_total_kb > 0) {
		spark_fill(&sp[HDRHIST_SWAP], hs, s->mono_ms, HIST_SWAP_USED_KB,
		           SPARK_HIGHEST);
		spark_min_range(&sp[HDRHIST_SWAP], s->mem.swap_total_kb);
	}
	if (s->psi.valid) {
		spark_fill(&sp[HDRHIST_PSI], hs, s->mono_ms, HIST_PSI_SOME_X100,
		           SPARK_HIGHEST);
		sp[HDRHIST_PSI].lo = 0;
		if (sp[HDRHIST_PSI].hi < HDRHIST_PSI_FLOOR_X100)
			sp[HDRHIST_PSI].hi = HDRHIST_PSI_FLOOR_X100;
	}
	forecast_words(out, hs, s);
}
