/*
 * batch_cg: the memory cgroups in `oomwatch --batch` (model/snapcg.h).
 *
 * JSON: the top-level "cgroups" array, one object per cgroup of the walk
 * (parents before children):
 *   {"path", "name", "usage_kb", "limit_kb", "high_kb", "swap_kb",
 *    "swap_limit_kb", "events": {"low", "high", "max", "oom", "oom_kill",
 *    "oom_group_kill"}, "psi", "oom_group", "victim": {"pid", "comm",
 *    "points"}, "forecast": {"limit_in_s", "basis"}}
 * Unlimited or unreadable values are null; "psi" is {"some_avg10", ...,
 * "full_avg300"} or null; "oom_group" true, false or null; "victim" is
 * null for a cgroup without a memory limit (no memcg OOM starts there) or
 * with no candidate. "forecast" (only with a history: -n 2 or more) is
 * the time until memory.current reaches memory.max (v1 limit_in_bytes)
 * from the collector's per-cgroup series, null without an honest
 * number, and its basis as model/forecast.h names it ("steady",
 * "learning", "flat", "noisy", "away", "beyond", "no limit").
 * Text: the 10 limited cgroups nearest their limit, one line each.
 */
#ifndef OOMWATCH_APP_BATCH_CG_H
#define OOMWATCH_APP_BATCH_CG_H

#include <stdbool.h>
#include <stdio.h>

#include "model/snapshot.h"

/* Write `"cgroups": [...]` (no separator before it) to f; each cgroup
 * with its "forecast" when forecast. */
void batch_cg_json(FILE *f, const struct snapshot *s, bool forecast);

/* Write the text section of the cgroups nearest their limit to f;
 * san_flags as core/sanitize.h (SANITIZE_ASCII outside UTF-8). */
void batch_cg_text(FILE *f, const struct snapshot *s, unsigned san_flags);

#endif
