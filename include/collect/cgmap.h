/*
 * cgmap: pid -> memory cgroup path for a whole snapshot, from one walk of
 * the memory hierarchy's cgroup.procs files.
 *
 * Reading /proc/PID/cgroup is a read per process (the kernel prints
 * every hierarchy under the global css_set_lock); the walk is one read
 * per cgroup directory, each listing many processes, so a snapshot asks
 * the map first and reads the file only for what the map
 * cannot answer:
 *   - a process that started at or after the walk's start (its pid may
 *     have belonged to another process during the walk);
 *   - a pid listed by no cgroup (born after its cgroup was read, or in a
 *     part of the tree we cannot see) or by two (it moved during the
 *     walk).
 * A process that started before the walk and is alive when its stat is
 * read held its pid through the whole walk, so the cgroup that listed the
 * pid is its own: no pid reuse can pair a row with another's cgroup.
 *
 * Paths are the directory's path under the mount, after the mount's root
 * as /proc/self/mountinfo gives it (both are relative to the reader's
 * cgroup namespace, as /proc/PID/cgroup is). Each cgroup with at least
 * one process is pooled once in the snapshot: rows of one service share
 * its path. The caller checks the map against one process it knows (see
 * collector.c) before trusting it.
 */
#ifndef OOMWATCH_COLLECT_CGMAP_H
#define OOMWATCH_COLLECT_CGMAP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "model/snapshot.h"

struct cgmap;
struct cgfiles;

/*
 * A map over the hierarchy whose root directory is dirfd (owned: closed
 * by cgmap_free, or here on failure), naming paths as prefix + the path
 * under dirfd (prefix "" or "/": the mount is the namespace's root).
 * NULL with errno on failure.
 */
struct cgmap *cgmap_new(int dirfd, const char *prefix);
/* Free it and close its directory (NULL is fine). */
void cgmap_free(struct cgmap *m);

/*
 * Forget the last walk and walk the hierarchy again, visiting at most
 * max_dirs directories, pooling the path of every cgroup that lists a
 * process into snap. boot_ticks is the boot clock in clock ticks (the
 * unit of stat's start time), read before the call. 0; -E2BIG when the
 * tree has more directories; -EINVAL for a malformed cgroup.procs; other
 * -errno when the root cannot be read. On failure the map answers
 * nothing until the next successful walk.
 */
int cgmap_load(struct cgmap *m, struct snapshot *snap, uint64_t boot_ticks,
               size_t max_dirs);

/*
 * The pooled path of the process (pid, start_time), as set by the last
 * walk: true with *off and *len set, or false when the map cannot answer for it
 * (see above).
 */
bool cgmap_find(const struct cgmap *m, int32_t pid, uint64_t start_time,
                uint32_t *off, uint32_t *len);

/*
 * True when the last walk listed pid in exactly one cgroup: cgmap_find
 * will answer for it unless its process started at or after the walk.
 * Asked before the process's start time is known.
 */
bool cgmap_lists(const struct cgmap *m, int32_t pid);

/*
 * From now on, let files (borrowed, NULL: none) read the memory files of
 * every cgroup the walk visits into snap->cgroups (collect/cgfiles.h),
 * in the same walk. Every directory's path is pooled then, and a row of
 * that cgroup shares it. A failed walk leaves no cgroups, with
 * snap->cgroups_err its errno (E2BIG: too many directories).
 */
void cgmap_set_files(struct cgmap *m, struct cgfiles *files);

/* How many directories the last walk visited. */
size_t cgmap_dirs(const struct cgmap *m);

/*
 * Find the mount of the memory hierarchy in a /proc/PID/mountinfo text:
 * for SNAP_CGROUP_V1 the first "cgroup" mount whose super options name
 * memory, for SNAP_CGROUP_V2 the first "cgroup2" mount. Copies its mount
 * point and its root (octal escapes decoded, NUL-ended) into mnt and
 * root. 0, or -1 when there is none, a field does not fit, or its root
 * lies outside our cgroup namespace ("/..").
 */
int cgmap_parse_mountinfo(const char *buf, size_t len,
                          enum snap_cgroup_mode mode, char *mnt, size_t mntsz,
                          char *root, size_t rootsz);

#endif
