/*
 * cgfiles: the memory files of each cgroup a walk visits (collect/cgmap.c
 * calls it from its one walk), into snap->cgroups (model/snapcg.h), and
 * what a cgroup keeps from one walk to the next: its numbers and its
 * "since start" baseline, keyed by path; a recreated cgroup (another
 * inode under the same path) starts fresh.
 *
 * Each file named by cgmem_file_name for the mode is read with one
 * open/read/close under the cgroup's directory fd; a failed read leaves
 * that file N/A with the errno (cgmem_set_err), a malformed one EINVAL.
 * Full walks (the default, --batch) read every file. Light walks (the
 * dashboard) read memory.current and memory.events (v1 usage_in_bytes and
 * oom_control) of every cgroup, and every file of one cgroup in
 * CGFILES_ROTATE (in turn, so each is fully read at least every
 * CGFILES_ROTATE walks); the other values are the last read's. A cgroup
 * seen for the first time, or with a new inode, is read in full.
 *
 * Each complete walk is also a round of the per-cgroup usage series
 * (model/cgseries.h, keyed by inode, timed by snap->mono_ms): every
 * cgroup's fore is its forecast to memory.max (v1 limit_in_bytes).
 */
#ifndef OOMWATCH_COLLECT_CGFILES_H
#define OOMWATCH_COLLECT_CGFILES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "model/snapshot.h"

#define CGFILES_ROTATE 16
#define CGFILES_FORCE_MAX 8

struct cgfiles;

/* The reader for a hierarchy of mode (V1 or V2); page_kb places v1's
 * unlimited value. NULL with errno on failure. */
struct cgfiles *cgfiles_new(enum snap_cgroup_mode mode, int64_t page_kb);
/* Free it (NULL is fine). */
void cgfiles_free(struct cgfiles *f);

/*
 * Docker's container names: a cgroup of a Docker container (model/
 * cgname.h) gets the "Name" of <root>/var/lib/docker/containers/<id>/
 * config.v2.json (cgname_docker_name), read once per cgroup (path and
 * inode) and kept from walk to walk; a missing, unreadable, huge (128
 * KiB or more) or malformed file leaves the 12-character id. The root is
 * "/" for the live system, else the parent of sys_root (a fixture tree
 * with sys/ and var/ side by side), else of a proc_root other than
 * /proc. Until this is called, the live system's.
 */
void cgfiles_set_roots(struct cgfiles *f, const char *proc_root,
                       const char *sys_root);

/* Light walks from now on (see above), or full ones. */
void cgfiles_set_light(struct cgfiles *f, bool light);

/*
 * Read every file of the cgroup at path (len bytes, as the snapshot names
 * it) at the next walk, light or not: oomwatch changed its limit, which a
 * light walk would otherwise show stale for up to CGFILES_ROTATE walks.
 * Up to CGFILES_FORCE_MAX paths wait (process-wide, for the thread that
 * walks); each is forgotten once read.
 */
void cgfiles_force_full(const char *path, size_t len);

/* Start a walk: snap->cgroups is emptied. */
void cgfiles_begin(struct cgfiles *f, struct snapshot *snap);

/*
 * Read the cgroup whose directory is dfd, with inode ino, whose path is
 * pooled at (off, len) in snap, child of snap->cgroups[parent]
 * (SNAPCG_NONE for the walk's root) at depth; root: it is the
 * hierarchy's root. Appends its entry: its index, or -ENOMEM.
 */
int64_t cgfiles_read(struct cgfiles *f, struct snapshot *snap, int dfd,
                     uint32_t off, uint32_t len, uint64_t ino, uint32_t parent,
                     uint32_t depth, bool root);

/*
 * End the walk: ok, the entries become what the next walk carries on
 * from (cgroups it did not visit are forgotten) and feed the series;
 * else the last complete walk's stay and snap->cgroups is emptied with
 * cgroups_err = err (the series skip the round).
 */
void cgfiles_end(struct cgfiles *f, struct snapshot *snap, bool ok, int err);

#endif
