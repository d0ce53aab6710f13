/*
 * recdb_bbox: the black boxes of the history database (schema version 2,
 * persist/recdb.h), written inside recdb's transactions. Internal to
 * persist/recdb*.c; statements are prepared per call (black boxes are
 * rare).
 */
#ifndef OOMWATCH_PERSIST_RECDB_BBOX_H
#define OOMWATCH_PERSIST_RECDB_BBOX_H

#include <stdint.h>

#include "persist/recdb.h"

struct sqlite3;
struct sqlite3_stmt;

/* Bind v to q's parameter i, NULL when v is SNAP_NA (every store of
 * persist/recdb*.c binds its numbers so). */
void recdb_bbox_na(struct sqlite3_stmt *q, int i, int64_t v);

/*
 * Store b as the black box of event event_id (boot: boots.id; pid: the
 * event's process, -1 when none): its sample, processes, cgroups, the
 * top growers, and pid's RSS rows of the RECDB_VICTIM_MS before b's
 * time (its process: the one with the start time b's processes give pid,
 * else the one alive at b's sample, with a row in the RECDB_ALIVE_MS
 * before it; none when neither). SQLITE_OK or the failure code.
 */
int recdb_bbox_put(struct sqlite3 *db, int64_t boot, int64_t event_id,
                   int64_t pid, const struct recdb_bbox *b);

/* Delete at most limit black boxes whose event is gone, with their rows:
 * SQLITE_OK or the failure code. */
int recdb_bbox_prune(struct sqlite3 *db, int limit);

/* Delete the limit oldest black boxes (their events stay), with their
 * rows: the --max-size cap's. SQLITE_OK or the failure code. */
int recdb_bbox_drop_oldest(struct sqlite3 *db, int limit);

#endif
