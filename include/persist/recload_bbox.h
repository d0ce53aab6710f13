/*
 * recload_bbox: the recorded events of this boot and their black boxes,
 * read by the dashboard's background load (persist/recload.h) from the
 * recorder's database (schema v2: events, blackbox, bb_procs, bb_grew,
 * bb_victim_rss; a v1 file has events only: their boxes are "none").
 *
 * What is read is bounded (model/recbox.h): the newest RECBOX_MAX events
 * of the boot that have a black box or are OOM kills, each with its box's
 * MemAvailable and swap used, its RECBOX_TOP processes by RSS, its
 * RECBOX_GREW growers and the newest RECBOX_VICTIM_MAX points of the
 * victim's RSS.
 */
#ifndef OOMWATCH_PERSIST_RECLOAD_BBOX_H
#define OOMWATCH_PERSIST_RECLOAD_BBOX_H

#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>

#include "model/recbox.h"

struct sqlite3;

/*
 * Read boot's (boots.id) events recorded at or before until_ms (their
 * events.time_ms, wall clock; INT64_MAX: all) from db into a new array
 * *out of *n (newest first; the caller frees it; NULL when none), so the
 * newest RECBOX_MAX up to then are read. Gives up with
 * SQLITE_INTERRUPT when *stop (may be NULL) is set. Returns SQLITE_OK or
 * the SQLite failure (*out NULL then).
 */
int recload_bbox_read(struct sqlite3 *db, int64_t boot, int64_t until_ms,
                      atomic_int *stop, struct recbox **out, size_t *n);

#endif
