/*
 * collector: everything one snapshot needs, read from a /proc root.
 *
 *   struct collector *c = collector_new(NULL, err, sizeof err);
 *   collector_sample(c, &snap, now_ms);    every refresh, into a reused
 *                                          snapshot (no allocation once
 *                                          the arrays are big enough)
 *   collector_finish_cmdlines(c, &snap, deadline_ms);   batch mode only
 *   collector_free(c);
 *
 * Two modes: COLLECTOR_EXACT (the default, --batch) reads stat, status,
 * oom_score and oom_score_adj of every process, so every value is what
 * /proc said. COLLECTOR_LIGHT (the dashboard) reads status and
 * oom_score_adj of processes it has seen before and derives oom_score,
 * reading the real one for the top rows and the focus pid
 * (collect/procfs.h says exactly what it reads and why that is safe).
 *
 * A sample reads /proc/meminfo, /proc/sys/vm/{overcommit_memory,
 * overcommit_ratio, panic_on_oom, oom_kill_allocating_task, swappiness},
 * /proc/pressure/memory, /proc/vmstat, then every process (collect/procfs.h)
 * and the command lines that the worker (collect/cmdcache.h) has ready.
 * Memory cgroup paths come from one walk of the hierarchy's cgroup.procs
 * files per sample (collect/cgmap.h), checked against our own
 * self/cgroup; a process the walk cannot vouch for reads its own file.
 * The same walk reads every memory cgroup's files (collect/cgfiles.h:
 * all of them in EXACT mode, memory.current, a limited cgroup's events
 * and a rotating share of the rest in LIGHT mode) into snap->cgroups
 * (model/snapcg.h); after the process pass the cgroup2 root is filled in
 * as the host and each limited cgroup's victim is picked over the rows.
 * The walk is skipped for 64 samples when it fails or would visit more
 * directories than max(256, half the processes) (a directory costs about
 * as much as two processes' cgroup files): no cgroups then (cgroups_err
 * EAGAIN, or the walk's errno). When it disagrees with self/cgroup, rows
 * read their own files for 64 samples; the walk still runs for the
 * cgroups (without them it rests too).
 * The first sample expects as many processes as /proc/loadavg counts
 * threads; when its walk still passes the limit, the next one retries.
 * vmstat rates are computed against the previous sample of the same
 * collector. System files that cannot be read stay SNAP_NA (PSI: invalid
 * with the errno).
 *
 * The memory cgroup hierarchy is detected once, from <root>/self/cgroup and
 * the unified hierarchy's cgroup.controllers under /sys/fs/cgroup (or
 * /sys/fs/cgroup/unified on hybrid machines). For a root other than /proc
 * (a test fixture) the cgroup filesystem is looked for in <root>/cgroupfs
 * (and the v1 memory hierarchy in <root>/cgroupfs/memory, walked only
 * when <root>/self is a link to a pid directory). On /proc the walk needs
 * /proc to show our own pid namespace, and finds the hierarchy's mount in
 * self/mountinfo.
 */
#ifndef OOMWATCH_COLLECT_COLLECTOR_H
#define OOMWATCH_COLLECT_COLLECTOR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "collect/procfs.h"
#include "model/snapshot.h"

struct collector;

/* What a sample reads per process (see above). */
enum collector_mode {
	COLLECTOR_EXACT = 0,
	COLLECTOR_LIGHT,
};

/* How long --batch waits for command lines after a sample (make bench
 * measures the same). */
#define COLLECTOR_CMDLINE_WAIT_MS 200

/*
 * Open the root (NULL: /proc) and start the cmdline worker. NULL with a
 * one-line reason in err when the root cannot be opened or is not a proc
 * tree (it has neither meminfo nor self).
 */
struct collector *collector_new(const char *proc_root, char *err, size_t errsz);

/*
 * collector_new, with the cgroup filesystems under <sys_root>/fs/cgroup
 * (NULL: as above; --sys-root for fixture trees: the v2 hierarchy there,
 * or v1's at memory/ and the unified one at unified/ on hybrid trees).
 */
struct collector *collector_new_roots(const char *proc_root,
                                      const char *sys_root, char *err,
                                      size_t errsz);

/*
 * Reset out and fill it with one sample taken at now_mono_ms (monotonic,
 * for rates; the wall clock is read here for display). Never blocks on a
 * process. 0, or -errno when the process directory cannot be listed or
 * memory runs out (out then holds what was read).
 */
int collector_sample(struct collector *c, struct snapshot *out,
                     uint64_t now_mono_ms);

/*
 * Wait for the cmdline worker until deadline_mono_ms at most, then copy
 * the command lines now ready into snap. Returns how many rows still have
 * none (left unknown).
 */
uint32_t collector_finish_cmdlines(struct collector *c, struct snapshot *snap,
                                   uint64_t deadline_mono_ms);

/*
 * Read every memory cgroup's files in the cgroup walk into
 * snap->cgroups (on, the default when the walk exists) or not (off:
 * the pid map only, for side-by-side benchmarks).
 */
void collector_set_cgroups(struct collector *c, bool on);

/* Choose the mode for the next samples (a new collector is EXACT). */
void collector_set_mode(struct collector *c, enum collector_mode mode);

/*
 * The pid whose real oom_score LIGHT samples always read, say the
 * selected row's (0: none).
 */
void collector_set_focus(struct collector *c, int32_t pid);

/* What the last sample's process pass did (counts per kind of read). */
const struct procfs_stats *collector_stats(const struct collector *c);

/* Stop the worker, close the root, free everything (NULL is fine). */
void collector_free(struct collector *c);

#endif
