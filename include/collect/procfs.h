/*
 * procfs: one pass over the /proc root's pid directories into a snapshot's
 * rows. For each pid it opens PID/stat, PID/status, PID/oom_score,
 * PID/oom_score_adj, PID/cgroup when the cgroup map does not list the pid
 * (collect/cgmap.h) and PID/cmdline when the cmdline cache does not know
 * it, all before reading any: a read through an open /proc file fails
 * (ESRCH) once its process is gone, even when the pid has been reused, so
 * when stat (opened first) reads after the last open, every file belongs
 * to its process. A row is appended only when stat and status were both
 * read and parsed: a process that vanished meanwhile is counted in
 * snap->procs_vanished, never shown half-filled. A cgroup file the map
 * turns out not to answer for (a process started during the walk) is
 * opened after the reads and vouched for by reading oom_score_adj again.
 * What cannot be read is SNAP_NA / SNAP_NO_STR. cmdline goes to the
 * cache's worker (collect/cmdcache.h); smaps is never read. A process's
 * files close together in one close_range(2) once its row is done. Buffers
 * are owned by the struct: a scan allocates only when the snapshot grows.
 *
 * Light mode (the dashboard) reads less for a process seen before
 * (collect/idcache.h: same pid, directory and status inodes): its
 * oom_score_adj, its cgroup file when the map cannot answer, then its
 * status, whose unchanged inode proves the process held its pid through
 * all three reads. Name, state and parent come from that status (so the
 * state is as fresh as in a full scan), start time and PF_KTHREAD from the
 * stat read when it was first seen, and oom_score is derived with the
 * kernel's formula (model/oomscore.h). After the scan the real oom_score
 * is read, checked against the status inode again, for the
 * PROCFS_TOP_EXACT rows with the highest derived scores, the focus pid and
 * every row the formula cannot vouch for: memory unknown; a zombie, whose
 * threads may still hold an mm; PID 1, as the kernel exempts only the
 * initial namespace's init and the root may be a container's /proc. So the
 * next victim and the top of the default sort are what /proc says; other
 * rows differ from it only when the kernel's approximate per-CPU RSS
 * counters and the exact sums status prints straddle a score step. New
 * processes, and any doubt, take the full path.
 */
#ifndef OOMWATCH_COLLECT_PROCFS_H
#define OOMWATCH_COLLECT_PROCFS_H

#include <stdbool.h>
#include <stdint.h>

#include "collect/cgmap.h"
#include "collect/cmdcache.h"
#include "collect/usercache.h"
#include "model/snapshot.h"

/* Rows whose oom_score a light scan reads from /proc at the top. */
#define PROCFS_TOP_EXACT 16

/* What the last scan did (light mode fills all of it). */
struct procfs_stats {
	uint32_t full;     /* rows read with stat (all of them when exact) */
	uint32_t known;    /* rows read from status (+ adj, cgroup) only */
	uint32_t derived;  /* known rows whose oom_score was derived... */
	uint32_t exact;    /* ...then read from oom_score (top, focus) */
	uint32_t differed; /* of those, how many differed from the formula */
	uint32_t doubtful; /* known rows the formula could not vouch for */
};

struct procfs;

/* A scanner over procfd (borrowed). NULL with errno on failure. */
struct procfs *procfs_new(int procfd);
/* Free it (NULL is fine). */
void procfs_free(struct procfs *pf);

/* Light mode on or off (off: every process read in full, the default). */
void procfs_set_light(struct procfs *pf, bool light);

/* A pid whose real oom_score light scans always read (0: none). */
void procfs_set_focus(struct procfs *pf, int32_t pid);

/* What the last scan did. */
const struct procfs_stats *procfs_stats(const struct procfs *pf);

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
