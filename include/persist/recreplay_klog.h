/*
 * recreplay_klog: the replay's kernel log (persist/recreplay.h,
 * recreplay_klog): the lines the kernel printed for the recorded events of
 * a boot up to a time, rebuilt from each event's JSON by one query (an OOM
 * kill: its "invoked oom-killer" and "oom-kill:" lines when the JSON names
 * the trigger and constraint, then its "Killed process" line; a hung
 * task's, a lockup's, a panic's line), oldest event first.
 */
#ifndef OOMWATCH_PERSIST_RECREPLAY_KLOG_H
#define OOMWATCH_PERSIST_RECREPLAY_KLOG_H

#include <stdint.h>

#include "persist/recreplay.h"

struct sqlite3;

/* Call fn for each line of the events of boots.id boot recorded up to
 * upto_ms (unix ms); the SQLite result (SQLITE_DONE when all were read). */
int recreplay_klog_read(struct sqlite3 *db, int64_t boot, int64_t upto_ms,
                        recreplay_line_fn fn, void *arg);

#endif
