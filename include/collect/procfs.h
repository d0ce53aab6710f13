/*
 * procfs: one pass over the /proc root's pid directories into a snapshot's
 * rows. For each pid it reads stat, status, oom_score, oom_score_adj and
 * cgroup with openat() under the root fd, parses them with the model's
 * pure parsers and appends a row only when stat and status were both read
 * and parsed: a process that vanished between readdir and read is counted
 * in snap->procs_vanished, never shown half-filled. oom_score,
 * oom_score_adj and the cgroup path that cannot be read are SNAP_NA /
 * SNAP_NO_STR. Never reads cmdline (collect/cmdcache.h), smaps or
 * smaps_rollup. Buffers are owned by the struct, so a scan allocates only
 * when the snapshot must grow.
 */
#ifndef OOMWATCH_COLLECT_PROCFS_H
#define OOMWATCH_COLLECT_PROCFS_H

#include "collect/usercache.h"
#include "model/snapshot.h"

struct procfs;

/* A scanner over procfd (borrowed). NULL with errno on failure. */
struct procfs *procfs_new(int procfd);
/* Free it (NULL is fine). */
void procfs_free(struct procfs *pf);

/*
 * Append a row for every process under the root to snap (not reset here),
 * naming users through uc and reading the memory cgroup of mode.
 * 0, or -errno when the directory cannot be listed or memory runs out.
 */
int procfs_scan(struct procfs *pf, struct snapshot *snap, struct usercache *uc,
                enum snap_cgroup_mode mode);

#endif
