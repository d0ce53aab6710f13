/*
 * batch_mem: where the memory is, in `oomwatch --batch --json` (the files
 * of the Memory screen, collect/memfiles.h, read once per sample).
 *
 * Three top-level keys, written before "cgroups" (which stays last):
 *   "memory_breakdown": {"total_kb", "sum_kb", "over", "rows": [{"row",
 *     "kb", "bar_kb", "summed", "meaning"}], "overlaps": [sentences],
 *     "hugepages": [{"size_kb", "total", "free", "reserved", "surplus"}],
 *     "slab": {"error", "caches", "bytes", "top": [{"name", "bytes",
 *     "objs", "objsize"}]}, "zswap": {"enabled", "pool_kb", "stored_kb",
 *     "stored_pages"}, "zram": [{"device", "orig_bytes", "compr_bytes",
 *     "used_bytes"}], "swappiness", "traps": [{"kind", "text"}]}
 *     or null when /proc/meminfo cannot be read;
 *   "swaps": [{"name", "type", "size_kb", "used_kb", "priority"}], or null
 *     when /proc/swaps cannot be read;
 *   "tmpfs": [{"path", "fstype", "used_kb", "size_kb"}] most used first,
 *     or null when the mounts cannot be read.
 * Unknown and unreadable values are null ("error" is null or a name such as
 * "EACCES"); strings are sanitized.
 */
#ifndef OOMWATCH_APP_BATCH_MEM_H
#define OOMWATCH_APP_BATCH_MEM_H

#include <stdio.h>

#include "app/options.h"

/* Read the memory files under opt's roots and write `"memory_breakdown":
 * ..., "swaps": ..., "tmpfs": ..., ` to f (the separator after, none
 * before; all null when out of memory). */
void batch_mem_json(FILE *f, const struct options *opt);

#endif
