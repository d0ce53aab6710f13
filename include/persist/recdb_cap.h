/*
 * recdb_cap: the --max-size cap of the history database (persist/recdb.h,
 * struct recdb_limits): what the database and its -wal take on disk, what
 * the black boxes take of it, and what a maintenance step should delete.
 * Internal to persist/recdb*.c; runs outside any transaction (it may
 * checkpoint the WAL).
 */
#ifndef OOMWATCH_PERSIST_RECDB_CAP_H
#define OOMWATCH_PERSIST_RECDB_CAP_H

#include <stdbool.h>
#include <stdint.h>

struct sqlite3;

/* What the cap asks of a maintenance step. */
enum recdb_cap {
	CAP_NONE,    /* under the cap */
	CAP_SAMPLES, /* the oldest samples (never the newest) */
	CAP_BOXES,   /* the oldest black boxes (their events stay) */
};

/*
 * Checkpoint db's WAL into the database file and truncate it, without
 * waiting for readers (busy_ms: the busy timeout to restore after): true
 * when done; false when a reader holds frames back or the file system
 * has no room for them.
 */
bool recdb_cap_wal_truncate(struct sqlite3 *db, int busy_ms);

/*
 * What the cap of cap bytes (0: none) asks of the database db at path.
 * The size counted is its pages in use plus the -wal file; when the files
 * on disk exceed cap, the WAL is first checkpointed and truncated (a WAL
 * a reader holds back is then not counted: deleting could not shrink it).
 * Over the cap: CAP_BOXES while the black boxes take more than half of
 * it (*nboxes of the oldest: what the excess is worth at their average
 * size, 1 to RECDB_BATCH), else CAP_SAMPLES. *disk_over: the files on
 * disk exceed cap (free pages not given back to the file system yet).
 */
enum recdb_cap recdb_cap_need(struct sqlite3 *db, const char *path, int64_t cap,
                              int busy_ms, int *nboxes, bool *disk_over);

#endif
