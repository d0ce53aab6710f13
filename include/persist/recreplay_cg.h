/*
 * recreplay_cg: the memory cgroups of a replayed sample (see
 * persist/recreplay.h for what is rebuilt and what is not). Internal to
 * persist/recreplay*.c: it runs its queries on the replay's read-only
 * connection and returns SQLite's code; the caller maps a failure to
 * its message (persist/recread.h).
 */
#ifndef OOMWATCH_PERSIST_RECREPLAY_CG_H
#define OOMWATCH_PERSIST_RECREPLAY_CG_H

#include <stdbool.h>
#include <stdint.h>

#include "model/snapshot.h"

struct sqlite3;

/* The sample being rebuilt: its wall time (unix ms) and boots.id. */
struct recreplay_cg_at {
	int64_t time_ms, boot;
};

/* Whether db has the cgroup tables (schema version 2 on). */
bool recreplay_cg_recorded(struct sqlite3 *db);

/*
 * Fill snap->cgroups for the sample at (snap holds its system values and
 * processes already): every cgroup with a row in the RECREPLAY_CG_ALIVE_MS
 * up to it, at its latest row (less each one recorded gone, schema 4's
 * cgroup_ends, after that row and at or before the sample; an older file
 * keeps it for the whole span), parents before children; then each
 * one's processes, the root as the host, the since-start counters and the
 * victims (the live collector's model functions). With no row there,
 * ncgroups is 0 and cgroups_err ENODATA. SQLITE_DONE, or SQLite's
 * failure code (SQLITE_NOMEM when out of memory; snap then holds what was
 * read, cgroups_err ENOMEM).
 */
int recreplay_cg(struct sqlite3 *db, struct recreplay_cg_at at,
                 struct snapshot *snap);

#endif
