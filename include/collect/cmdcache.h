/*
 * cmdcache: process command lines, read by one worker thread so the caller
 * never blocks on them.
 *
 * Reading /proc/PID/cmdline takes the target's mmap_lock and faults in its
 * argv pages; it can hang on a thrashing, D-state or FUSE-backed process
 * (CVE-2018-1120). So the sampling thread only hands work over: while it
 * scans, it opens each new process's cmdline file along with its other
 * files (opening does not touch the target's memory) and gives it to the
 * worker with cmdcache_offer_file(), and cmdcache_attach() looks each row
 * up by (pid, start time), copies what is ready into the snapshot and
 * queues what is still new. The worker reads each new process's cmdline
 * once (bounded to CMDCACHE_MAX bytes) through that file (or the
 * /proc/PID handle cmdcache_offer() gave it): once the process is gone
 * the read fails, so a reused pid never gets the old process's text. A
 * job without a file or handle (more than CMDCACHE_MAX_FDS waiting, or
 * queued by attach) opens one itself and first checks that its stat
 * shows the job's start time. Entries of processes no longer seen are
 * dropped at the next tracking attach. Kernel threads get "" without a
 * read.
 */
#ifndef OOMWATCH_COLLECT_CMDCACHE_H
#define OOMWATCH_COLLECT_CMDCACHE_H

#include <stdbool.h>
#include <stdint.h>

#include "model/snapshot.h"

#define CMDCACHE_MAX 4096
/* Most fds (cmdline files or /proc/PID handles) queued jobs may hold (and
 * at most 1/4 of RLIMIT_NOFILE); beyond that a job opens its own handle
 * and checks stat. */
#define CMDCACHE_MAX_FDS 1024

struct cmdcache;

/* Start the worker; procfd (borrowed) stays open while the cache lives.
 * NULL with errno set on failure. */
struct cmdcache *cmdcache_new(int procfd);
/*
 * Stop the worker and free everything (closing queued handles). Never
 * blocks on a process: a worker still stuck in a read after 100 ms is
 * left detached, and frees the cache itself when the read returns.
 */
void cmdcache_free(struct cmdcache *cc);

/*
 * Offer the worker row's process while scanning: when the cache does not
 * know (pid, start time) yet, queue it, taking dirfd (its /proc/PID
 * handle, or -1) when the handle budget allows. True when dirfd was taken
 * (the worker closes it); false when the caller still owns it.
 */
bool cmdcache_offer(struct cmdcache *cc, const struct proc_row *row, int dirfd);

/*
 * The same with the process's cmdline file fd, opened by the caller
 * before it read the row's other files through fds of their own (so the
 * row and the file are one process: collect/procfs.h). True when the
 * worker took fd (it reads and closes it); false when the caller still
 * owns it (the process is known, a kernel thread, or the budget is
 * spent: then the job opens its own handle).
 */
bool cmdcache_offer_file(struct cmdcache *cc, const struct proc_row *row,
                         int fd);

/*
 * True when the cache has an entry for pid, whatever its start time: a
 * scan opens the cmdline file of a pid the cache does not know before it
 * knows the start time (a reused pid is caught by the offer's job).
 */
bool cmdcache_knows_pid(struct cmdcache *cc, int32_t pid);

/*
 * Hold the worker (paused: it takes no new job; queued jobs keep their
 * handles) or let it go again. For tests that need a job to stay queued.
 */
void cmdcache_pause(struct cmdcache *cc, bool paused);

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
