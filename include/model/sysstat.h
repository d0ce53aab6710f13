/*
 * sysstat: "frozen or slow?" as vmstat 1 shows it. Pure: parsers for
 * /proc/stat (the aggregate cpu line, procs_running, procs_blocked) and
 * /proc/loadavg, and a fixed ring of vmstat-style rows, one per sample:
 * r, b, si, so, free, buff/cache, us/sy/id/wa/st. The rows take memory
 * and swap counters from the snapshot (meminfo, vmstat pswpin/pswpout)
 * and the CPU split from two /proc/stat reads; PSI for cpu, io and
 * memory is parsed by model/psi.h (the same format for all three).
 *
 * Limits: only the aggregate "cpu" line is read (not cpuN); a kernel
 * older than 2.6.11 has no steal field and older than 2.6 no iowait: they
 * count as 0. procs_blocked counts tasks waiting for I/O only, not every
 * task in D state (model/dtasks.h lists those).
 */
#ifndef OOMWATCH_MODEL_SYSSTAT_H
#define OOMWATCH_MODEL_SYSSTAT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/ring.h"
#include "model/snapshot.h"

/* The aggregate cpu line of /proc/stat, in clock ticks since boot. */
struct sysstat_cpu {
	uint64_t user, nice, system, idle, iowait, irq, softirq, steal;
};

/* What one read of /proc/stat and /proc/loadavg gives. */
struct sysstat_raw {
	bool stat_valid; /* the cpu line was read */
	struct sysstat_cpu cpu;
	int64_t procs_running, procs_blocked; /* SNAP_NA when absent */
	bool load_valid;
	double load1, load5, load15;
	int64_t threads_runnable, threads_total; /* "2/345", SNAP_NA */
};

/*
 * Parse /proc/stat: the "cpu " line (at least 4 numbers) is required;
 * procs_running and procs_blocked are SNAP_NA when missing. A last line
 * without a newline (a read cut short) is ignored. 0, or -1 with out
 * untouched.
 */
int sysstat_parse_stat(const char *buf, size_t len, struct sysstat_raw *out);

/* Parse /proc/loadavg ("0.50 0.40 0.30 2/345 6789"). 0, or -1 with out
 * untouched. */
int sysstat_parse_loadavg(const char *buf, size_t len, struct sysstat_raw *out);

/* Mark everything in raw unknown. */
void sysstat_raw_clear(struct sysstat_raw *raw);

/* One vmstat-style row. Unknown values are SNAP_NA (percentages: -1). */
struct sysstat_row {
	uint64_t mono_ms;
	uint64_t span_ms;              /* since the previous sample (0: none) */
	int64_t r, b;                  /* procs_running, procs_blocked */
	int64_t si_kbs, so_kbs;        /* swapped in / out, kB per second */
	int64_t free_kb, buffcache_kb; /* MemFree, Buffers + Cached */
	int us, sy, id, wa, st;        /* % of CPU time over the interval */
};

/* The ring: enough rows for the last minute at the fastest refresh. */
#define SYSSTAT_ROWS_MAX 128
#define SYSSTAT_WINDOW_MS 60000u

struct sysstat {
	struct sysstat_row rows[SYSSTAT_ROWS_MAX];
	struct ring ring;
	/* the previous sample, for deltas */
	bool have_prev;
	struct sysstat_raw prev;
	int64_t prev_pswpin, prev_pswpout;
	uint64_t prev_ms;
};

/* An empty history. */
void sysstat_init(struct sysstat *st);

/*
 * Make a row from prev (NULL: the first sample; its CPU split is then
 * since boot, like vmstat's first line, and si/so are unknown) and cur,
 * with the snapshot s of this sample (memory, pswpin/pswpout) and the
 * page size in kB.
 */
void sysstat_row_make(const struct sysstat *st, const struct sysstat_raw *cur,
                      const struct snapshot *s, int page_kb,
                      struct sysstat_row *row);

/* Add this sample's row (sysstat_row_make) to the ring and keep cur and
 * s's swap counters as the previous sample. The first sample adds no
 * row: its CPU split would be the average since boot, not part of the
 * last minute. */
void sysstat_push(struct sysstat *st, const struct sysstat_raw *cur,
                  const struct snapshot *s, int page_kb);

/* Rows in the last minute before the newest (0: none). */
size_t sysstat_recent(const struct sysstat *st);

/* The i-th newest row (0: newest); i < st->ring.len. */
const struct sysstat_row *sysstat_newest(const struct sysstat *st, size_t i);

/*
 * How the last minute fits in at most cap rows (cap 0 counts as 1):
 * every row of sysstat_recent is shown, one a refresh when they fit,
 * else per consecutive rows are merged into one (per the smallest that
 * fits). shown rows cover span_ms, the sum of their rows' span_ms: the
 * strip's title states that span, never more.
 */
struct sysstat_plan {
	size_t rows;      /* sysstat_recent */
	size_t per;       /* rows merged into one shown row (>= 1) */
	size_t shown;     /* rows shown: rows / per rounded up */
	uint64_t span_ms; /* the time they cover */
};
void sysstat_plan(const struct sysstat *st, size_t cap, struct sysstat_plan *p);

/*
 * The k-th newest shown row of plan p (k < p->shown) into out: rows
 * k*per .. k*per+per-1 (newest first; the oldest group may be shorter)
 * merged: mono_ms of the newest, span_ms summed; r and b their peak;
 * si, so and us..st averaged over the known rows by their span_ms;
 * free and buff/cache the newest row's. Unknown when no row knows it.
 */
void sysstat_merged(const struct sysstat *st, const struct sysstat_plan *p,
                    size_t k, struct sysstat_row *out);

#endif
