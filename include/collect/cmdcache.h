/*
 * cmdcache: process command lines, read by one worker thread so the caller
 * never blocks on them.
 *
 * Reading /proc/PID/cmdline takes the target's mmap_lock and faults in its
 * argv pages; it can hang on a thrashing, D-state or FUSE-backed process
 * (CVE-2018-1120). So the sampling thread only asks: cmdcache_attach()
 * looks each row up by (pid, start time), copies what is ready into the
 * snapshot and queues what is new. The worker reads each new process's
 * cmdline once (bounded to CMDCACHE_MAX bytes), then checks that the
 * pid's start time still matches, so a reused pid never gets the old
 * process's text. Entries of processes no longer seen
 * are dropped at the next attach. Kernel threads get "" without a read.
 */
#ifndef OOMWATCH_COLLECT_CMDCACHE_H
#define OOMWATCH_COLLECT_CMDCACHE_H

#include <stdbool.h>
#include <stdint.h>

#include "model/snapshot.h"

#define CMDCACHE_MAX 4096

struct cmdcache;

/* Start the worker; procfd (borrowed) stays open while the cache lives.
 * NULL with errno set on failure. */
struct cmdcache *cmdcache_new(int procfd);
/* Stop the worker (it finishes the read it is in) and free everything. */
void cmdcache_free(struct cmdcache *cc);

/*
 * For every row of snap without a cmdline: copy it in when ready (raw
 * bytes, NULs kept, trailing NULs dropped) or count it in
 * snap->cmdline_pending. With track, also queue the rows never seen and
 * forget the processes not in snap (call it so once per sample).
 */
void cmdcache_attach(struct cmdcache *cc, struct snapshot *snap, bool track);

/*
 * Wait until the worker has nothing queued, or until the monotonic clock
 * reaches deadline_ms. 0 when idle, -ETIMEDOUT otherwise.
 */
int cmdcache_wait_idle(struct cmdcache *cc, uint64_t deadline_ms);

#endif
