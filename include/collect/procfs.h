/*
 * procfs: one pass over the /proc root's pid directories into a snapshot's
 * rows. For each pid it opens the directory as a handle (pinned to that
 * process: collect/procroot.h) and reads stat, status, oom_score,
 * oom_score_adj and, when the cgroup map cannot answer for it
 * (collect/cgmap.h), cgroup through it; parses them with the model's pure
 * parsers and appends a row only when stat and status were both read and
 * parsed: a process that vanished between readdir and read is counted in
 * snap->procs_vanished, never shown half-filled, and a reused pid cannot
 * mix two processes in one row. oom_score, oom_score_adj and the cgroup
 * path that cannot be read are SNAP_NA / SNAP_NO_STR. Never reads cmdline
 * itself: the handle of a process the cmdline cache does not know yet is
 * handed to its worker (collect/cmdcache.h). Never reads smaps or
 * smaps_rollup. Buffers are owned by the struct, so a scan allocates only
 * when the snapshot must grow.
 */
#ifndef OOMWATCH_COLLECT_PROCFS_H
#define OOMWATCH_COLLECT_PROCFS_H

#include "collect/cgmap.h"
#include "collect/cmdcache.h"
#include "collect/usercache.h"
#include "model/snapshot.h"

struct procfs;

/* A scanner over procfd (borrowed). NULL with errno on failure. */
struct procfs *procfs_new(int procfd);
/* Free it (NULL is fine). */
void procfs_free(struct procfs *pf);

/*
 * Append a row for every process under the root to snap (not reset here),
 * naming users through uc and taking the memory cgroup of mode from cgm
 * (NULL: none loaded) or the process's file. With cc, every row is
 * offered to the cmdline cache with its handle. 0, or -errno when the
 * directory cannot be listed or memory runs out.
 */
int procfs_scan(struct procfs *pf, struct snapshot *snap, struct usercache *uc,
                enum snap_cgroup_mode mode, const struct cgmap *cgm,
                struct cmdcache *cc);

#endif
