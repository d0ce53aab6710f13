/*
 * memrec: the Memory screen's data from a recorded sample (`oomwatch
 * --replay`), in the structs the live screen fills from /proc
 * (model/memmapparse.h, model/memmap.h), so the same view draws it. Pure:
 * no I/O.
 *
 * The record keeps, per sample, MemTotal, MemFree, MemAvailable, Buffers,
 * Cached, Shmem, AnonPages, SwapTotal and SwapFree (struct mem_info):
 * those fill their meminfo lines; every other line is SNAP_NA and every
 * other part (mounts, slab caches, swap areas, zram, zswap, hugepage
 * sizes, swappiness) is left as memmapparse_clear leaves it, unknown. The
 * breakdown's rows built from the recorded lines (anon, page cache,
 * shmem, free) have their values; the others are N/A, and so is
 * "unaccounted": MemTotal less the known rows would hold the slab,
 * kernel and hugepage memory the record does not have. A value below 0
 * or above MEMMAP_VALUE_MAX (a damaged record) counts as unknown, as
 * memmap_parse would refuse it.
 */
#ifndef OOMWATCH_MODEL_MEMREC_H
#define OOMWATCH_MODEL_MEMREC_H

#include "model/memmap.h"
#include "model/memmapparse.h"
#include "model/snapshot.h"

/* Fill *a and *b from the recorded meminfo values in *mem (see above);
 * a->meminfo_err is 0. */
void memrec_fill(const struct mem_info *mem, struct memmap_all *a,
                 struct memmap_breakdown *b);

#endif
