/*
 * histsnap: the glue between snapshots (model/snapshot.h) and the history
 * (model/history.h), trends (model/trend.h) and forecasts
 * (model/forecast.h). Pure: no I/O.
 *
 *   struct histsnap hs;
 *   histsnap_init(&hs, delay_ms, cap_bytes);
 *   histsnap_record(&hs, &snap);             every refresh
 *   histsnap_proc_trend(&hs, row, &t);       on demand, per shown row
 *   histsnap_forecast(&hs, &snap, &fc);      on demand
 *   histsnap_fini(&hs);
 *
 * A process's series are RSS, swap and anon; the system's MemAvailable,
 * Committed_AS, swap used (SwapTotal - SwapFree), PSI memory some/full
 * avg10 x 100 and the OOM kill counter. Every unknown value is recorded as
 * unknown. A trend or forecast reads the minute tier once it holds
 * TREND_MIN_SAMPLES points, else the fine tier (a short run has only
 * refresh points).
 *
 * The past (histsnap_set_past): a history of the time before the first
 * refresh, one point a minute (persist/recload.h builds it from the
 * recorder's database), on the same monotonic clock. A process's or the
 * system's minute series is then its past points (those older than its
 * first live point and within HIST_MINUTE_SPAN minutes of its newest one)
 * followed by its live minute points; the first live point after a past
 * one more than HIST_GAP_FACTOR minutes older starts a gap. The minute
 * tier is read once past + live hold TREND_MIN_SAMPLES points.
 */
#ifndef OOMWATCH_MODEL_HISTSNAP_H
#define OOMWATCH_MODEL_HISTSNAP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "model/forecast.h"
#include "model/history.h"
#include "model/snapshot.h"
#include "model/trend.h"

/* A history and the scratch its readers use. */
struct histsnap {
	struct hist *h;
	struct hist *past;      /* NULL, or the time before (owned) */
	struct hist_point *pts; /* scratch for one series */
	size_t cap;             /* points pts holds */
};

/* The system's forecasts. */
struct histsnap_forecast {
	/* MemAvailable falling to the zones' low watermarks
	 * (snapshot low_wmark_kb; unknown: FORECAST_NO_LIMIT) */
	struct forecast mem_oom;
	/* Committed_AS rising to CommitLimit; FORECAST_NO_LIMIT unless
	 * vm.overcommit_memory is 2 (the only mode that enforces it) */
	struct forecast commit_fail;
};

/*
 * An empty history for refreshes every delay_ms (> 0) holding at most
 * cap_bytes (0: no cap), with scratch for the longest series either tier
 * can hold at that delay. 0, or -1 when out of memory (hs then holds
 * nothing; histsnap_fini is still fine).
 */
int histsnap_init(struct histsnap *hs, uint32_t delay_ms, size_t cap_bytes);

/* Free what hs holds (a failed or finished one is fine). */
void histsnap_fini(struct histsnap *hs);

/*
 * Record snapshot s (its mono_ms and time_unix_ms) as one refresh: every
 * row, keyed by pid + start time, and the system. 0, or -1 when the
 * refresh was refused (the clock went back) or memory ran out.
 */
int histsnap_record(struct histsnap *hs, const struct snapshot *s);

/*
 * The trend of row r's RSS into *out. Returns how many points it rests on
 * (known or not); out->samples counts the known ones.
 */
size_t histsnap_proc_trend(struct histsnap *hs, const struct proc_row *r,
                           struct trend *out);

/* Take past (see above; NULL drops it) as the time before the live
 * history, freeing the one held before. */
void histsnap_set_past(struct histsnap *hs, struct hist *past);

/*
 * Read the newest points (oldest first, at most hs->cap) of process id's
 * lane into hs->pts: the minute series (past, then live) once it holds
 * TREND_MIN_SAMPLES points, else the live fine tier. *tier says which
 * (may be NULL). Returns how many.
 */
size_t histsnap_read_proc(struct histsnap *hs, struct procid id,
                          enum hist_proc_lane lane, enum hist_tier *tier);

/* The wall ms of process id's oldest point in either tier (the past's
 * included; a minute point's time is within its minute), or SNAP_NA when
 * it has none: its first seen, also when the tier read has lost its
 * start (a process 10 to 20 minutes old). Uses hs->pts. */
int64_t histsnap_first_proc(struct histsnap *hs, struct procid id);

/* Points process id has in tier, the past's included in HIST_MINUTE. */
size_t histsnap_count_proc(const struct histsnap *hs, struct procid id,
                           enum hist_tier tier);

/* The system's forecasts at snapshot s (the last one recorded). */
void histsnap_forecast(struct histsnap *hs, const struct snapshot *s,
                       struct histsnap_forecast *out);

#endif
