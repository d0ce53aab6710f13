/*
 * cgfixture: memory cgroups added to a made-up snapshot, for the unit
 * tests of the screens and the header (snap->cgroups, model/snapcg.h).
 */
#ifndef OOMWATCH_TESTS_CGFIXTURE_H
#define OOMWATCH_TESTS_CGFIXTURE_H

#include <stdint.h>

#include "model/snapcg.h"

/*
 * Append the cgroup2 cgroup at path under snap->cgroups[parent]
 * (SNAPCG_NONE: the top; "/" is the root) with memory.current usage and
 * memory.max limit in bytes (CGMEM_UNLIMITED, or SNAP_NA: unreadable,
 * EACCES); every other file read: no swap, no events, no pressure,
 * oom.group 0; no victim. Its index (the test
 * aborts when the snapshot cannot grow).
 */
uint32_t cgfixture_add(struct snapshot *snap, const char *path, uint32_t parent,
                       int64_t usage, int64_t limit);

/* Put snap->procs[row] into cgroup i (the row's cgroup path). */
void cgfixture_place(struct snapshot *snap, size_t row, uint32_t i);

#endif
