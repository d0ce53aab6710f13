/*
 * cgroupmem: which memory cgroup a process is in, from /proc/PID/cgroup,
 * and which hierarchy holds the memory controller. Pure.
 *
 * /proc/PID/cgroup has one "ID:CONTROLLERS:PATH" line per hierarchy:
 *   4:memory:/process_api/5c47            (v1; controllers may be joined
 *   3:cpu,memory:/x                        by commas)
 *   0::/user.slice/session-1.scope         (v2, the unified hierarchy)
 * A hybrid machine lists both; the memory controller is in v1 then, and
 * the v2 line only names a cgroup without memory accounting.
 */
#ifndef OOMWATCH_MODEL_CGROUPMEM_H
#define OOMWATCH_MODEL_CGROUPMEM_H

#include <stdbool.h>
#include <stddef.h>

#include "model/snapshot.h"

/*
 * The memory hierarchy from a /proc/PID/cgroup text (usually our own) and
 * whether the unified hierarchy's cgroup.controllers lists "memory":
 * V1 when a v1 line names the memory controller, else V2 when there is a
 * "0::" line and v2_has_memory, else NONE.
 */
enum snap_cgroup_mode cgroupmem_mode(const char *buf, size_t len,
                                     bool v2_has_memory);

/* True when a cgroup.controllers text ("cpu io memory pids") has memory. */
bool cgroupmem_controllers_have_memory(const char *buf, size_t len);

/*
 * Find the memory cgroup path in a /proc/PID/cgroup text for mode. On
 * success *off and *plen address the path inside buf (without the
 * newline) and 0 is returned; -1 when there is no such line, the text is
 * malformed (a line without two ':') or truncated (no final newline).
 */
int cgroupmem_path(const char *buf, size_t len, enum snap_cgroup_mode mode,
                   size_t *off, size_t *plen);

#endif
