/*
 * memmap: where the memory is. /proc/meminfo in full (every line the
 * breakdown needs, from 3.10 to 6.x kernels) and MemTotal split into rows
 * that each say what they hold. Pure: no I/O.
 *
 * Values are kB (HugePages_* are page counts); a line the kernel does not
 * print is SNAP_NA, never 0, and a row built from a missing line is N/A.
 *
 * The rows and what goes into the sum (the bar):
 *   anon       AnonPages (AnonHugePages is inside it)
 *   cache      Cached - Shmem + Buffers: file pages (Buffers is block-device
 *              cache, file cache too)
 *   shmem      Shmem: tmpfs, /dev/shm, shared anonymous and SysV memory
 *              (inside Cached; the cache row leaves it out)
 *   slab_recl  SReclaimable          slab_unrecl  SUnreclaim
 *   kstack     KernelStack           pagetables   PageTables + SecPageTables
 *   percpu     Percpu                hugepages    Hugetlb, else
 *                                                 HugePages_Total x
 * Hugepagesize zswap      Zswap (the compressed pool, 5.19+) free       MemFree
 *   vmalloc    VmallocUsed: shown, NOT summed. It overlaps KernelStack (the
 *              stacks are vmalloc'd with CONFIG_VMAP_STACK), counts module
 *              and driver mappings another row may hold, and reads 0 on
 *              4.1 to 5.2 kernels; summing it would double-count.
 *   unaccounted  MemTotal - the sum, at least 0: drivers' pages (GPU,
 *              network buffers), SwapCached not mapped, the rest.
 * When the sum exceeds MemTotal (the counters overlap: Mlocked and
 * Unevictable hold anon, shmem and cache pages; SwapCached overlaps
 * AnonPages), the bar's parts are scaled so they never add up to more
 * than MemTotal, and memmap_overlaps() says which counters overlap.
 */
#ifndef OOMWATCH_MODEL_MEMMAP_H
#define OOMWATCH_MODEL_MEMMAP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "model/snapshot.h"

/* The /proc/meminfo lines read (kB, HugePages_* in pages). */
enum memmap_field {
	MMF_TOTAL,
	MMF_FREE,
	MMF_AVAILABLE,
	MMF_BUFFERS,
	MMF_CACHED,
	MMF_SWAPCACHED,
	MMF_ACTIVE,
	MMF_INACTIVE,
	MMF_UNEVICTABLE,
	MMF_MLOCKED,
	MMF_SWAPTOTAL,
	MMF_SWAPFREE,
	MMF_ZSWAP,
	MMF_ZSWAPPED,
	MMF_ANON,
	MMF_ANONHUGE,
	MMF_SHMEM,
	MMF_SRECLAIMABLE,
	MMF_SUNRECLAIM,
	MMF_KERNELSTACK,
	MMF_PAGETABLES,
	MMF_SECPAGETABLES,
	MMF_PERCPU,
	MMF_VMALLOCUSED,
	MMF_HP_TOTAL,
	MMF_HP_FREE,
	MMF_HP_RSVD,
	MMF_HP_SURP,
	MMF_HP_SIZE,
	MMF_HUGETLB,
	MMF_COUNT
};

/* /proc/meminfo as read: v[MMF_*], SNAP_NA for a line not there. */
struct memmap_info {
	int64_t v[MMF_COUNT];
};

/* The breakdown's rows, in table order. */
enum memmap_row {
	MMR_ANON,
	MMR_CACHE,
	MMR_SHMEM,
	MMR_SLAB_RECL,
	MMR_SLAB_UNRECL,
	MMR_KSTACK,
	MMR_PAGETABLES,
	MMR_PERCPU,
	MMR_VMALLOC,
	MMR_HUGEPAGES,
	MMR_ZSWAP,
	MMR_FREE,
	MMR_UNACCOUNTED,
	MMR_COUNT
};

/* MemTotal split into rows. */
struct memmap_breakdown {
	int64_t total_kb;          /* MemTotal */
	int64_t kb[MMR_COUNT];     /* each row, SNAP_NA when unknown */
	int64_t bar_kb[MMR_COUNT]; /* the bar's parts: 0 for N/A and for rows
	                              not summed; scaled so they add up to at
	                              most total_kb */
	int64_t sum_kb;            /* the summed rows before the clamp */
	bool over;                 /* sum_kb > total_kb: the bar was scaled */
};

/* The largest value memmap_parse accepts (16 PiB in kB): sums of every
 * row, and products with terminal widths in double, cannot overflow. */
#define MEMMAP_VALUE_MAX (1LL << 44)

/*
 * Parse len bytes of /proc/meminfo: 0, or -1 (no MemTotal, a wanted line
 * without a number, a negative value or one above MEMMAP_VALUE_MAX, a
 * truncated last line); out is then all SNAP_NA.
 */
int memmap_parse(const char *buf, size_t len, struct memmap_info *out);

/* Every field SNAP_NA. */
void memmap_clear(struct memmap_info *m);

/* The breakdown of m (all N/A, total_kb SNAP_NA, when MemTotal is). */
void memmap_breakdown(const struct memmap_info *m, struct memmap_breakdown *b);

/* A row's name ("anon") and its one-line meaning. */
const char *memmap_row_name(enum memmap_row r);
const char *memmap_row_meaning(enum memmap_row r);
/* Does the row count in the sum and the bar (vmalloc does not)? */
bool memmap_row_summed(enum memmap_row r);

/* The row's JSON key ("page_cache", "not_accounted"). */
const char *memmap_row_id(enum memmap_row r);

/* The counters that overlap, one short sentence each: *list and how
 * many. */
size_t memmap_overlaps(const char *const **list);

/* a x b, or SNAP_NA when either is unknown or negative, or the product
 * overflows. */
int64_t memmap_mul(int64_t a, int64_t b);

/* All LRU pages in kB, as the kernel's OOM report compares them with
 * SUnreclaim: Active + Inactive + Unevictable (when printed); SNAP_NA
 * without Active or Inactive. */
int64_t memmap_lru_kb(const struct memmap_info *m);

/* The hugepage pool in kB: Hugetlb, else Total x Hugepagesize (SNAP_NA). */
int64_t memmap_hugepages_kb(const struct memmap_info *m);

/*
 * kB as the tables write sizes (columns_format_kb: "3.10G", "512M",
 * "0K"), "N/A" for SNAP_NA, so a trap's sentence and the table agree.
 * Returns buf (NUL-terminated, truncated).
 */
const char *memmap_fmt_kb(int64_t kb, char *buf, size_t size);

#endif
