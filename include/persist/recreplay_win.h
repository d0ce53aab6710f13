/*
 * recreplay_win: the processes of a run of replayed samples, from one
 * query (persist/recreplay.h, recreplay_window). Internal to
 * persist/recreplay*.c: it runs its query on the replay's read-only
 * connection and returns SQLite's code; the caller maps a failure to its
 * message (persist/recread.h).
 *
 *   recreplay_win_load(&w, db, ...)       the rows of [from_ms, to_ms)
 *   recreplay_win_at(&w, id, t, snap)     each sample, oldest first
 *   recreplay_win_fini(&w)
 *
 * A process is alive at a sample as recreplay_snapshot says: its latest
 * row at or before the sample is at most RECREAD_ALIVE_MS old and (when
 * the file records ends) it had not ended by then (RECDB_NOT_ENDED).
 * So from_ms must be RECREAD_ALIVE_MS before the first sample asked for.
 */
#ifndef OOMWATCH_PERSIST_RECREPLAY_WIN_H
#define OOMWATCH_PERSIST_RECREPLAY_WIN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "model/snapshot.h"

struct sqlite3;
struct recreplay_win_row;
struct recreplay_win_proc;

/* The rows loaded and the processes' state at the last sample walked. */
struct recreplay_win {
	struct recreplay_win_row *rows; /* sample order */
	size_t nrows, next;             /* rows [0, next) are applied */
	struct recreplay_win_proc *p;   /* by procs.id */
	size_t np;
};

/* Load the process rows of boot's samples in [from_ms, to_ms) into w:
 * SQLITE_DONE, or SQLite's failure code (SQLITE_NOMEM); w is then empty
 * (recreplay_win_fini is fine either way). has_end: procs.end_sample is
 * there (schema v3). */
int recreplay_win_load(struct recreplay_win *w, struct sqlite3 *db,
                       bool has_end, int64_t boot, int64_t from_ms,
                       int64_t to_ms);

/* Apply the rows up to the sample (database id id, at time_ms; samples
 * asked oldest first) and push the processes alive at it into snap (pid,
 * start time, RSS, anon, file, shmem, swap; the rest unknown): 0, or -1
 * when out of memory. */
int recreplay_win_at(struct recreplay_win *w, int64_t id, int64_t time_ms,
                     struct snapshot *snap);

/* Free what w holds. */
void recreplay_win_fini(struct recreplay_win *w);

#endif
