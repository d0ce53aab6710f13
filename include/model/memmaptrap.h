/*
 * memmaptrap: the memory traps named plainly, each a pure function of what
 * the Memory screen read (model/memmapparse.h) that writes one sentence
 * when it applies. "Large" is at least 5% of MemTotal or at least 1G.
 *
 *   tmpfs      the fullest tmpfs/ramfs mount when large:
 *              "tmpfs /dev/shm holds 3.1G"
 *   slab       SUnreclaim large: "unreclaimable slab 2.4G (dentry 1.9G)",
 *              the largest cache named when slabinfo was read
 *   slab_lru   SUnreclaim above all LRU pages (Active + Inactive +
 *              Unevictable: memmap_lru_kb), the sign
 *              the kernel's OOM report checks before dumping slab caches
 *   hugepages  a large part of the hugetlb pool free and not reserved by
 *              any mapping (free - Rsvd, at least 0 per page size), summed
 *              over every page size (sysfs; else meminfo's default size):
 *              "1.00G of hugepages in the pool, 0K in use"
 *   container  MemAvailable > MemTotal: "MemAvailable > MemTotal: probably
 *              a container's view"
 *   no_swap    SwapTotal 0: "no swap: anonymous memory can only be freed
 *              by killing"
 * A missing counter means the trap does not apply (never a guess).
 */
#ifndef OOMWATCH_MODEL_MEMMAPTRAP_H
#define OOMWATCH_MODEL_MEMMAPTRAP_H

#include <stdbool.h>
#include <stddef.h>

#include "model/memmapparse.h"

enum memmaptrap_kind {
	MMT_TMPFS,
	MMT_SLAB,
	MMT_SLAB_LRU,
	MMT_HUGEPAGES,
	MMT_CONTAINER,
	MMT_NO_SWAP,
	MMT_COUNT
};

#define MEMMAPTRAP_TEXT_MAX 160

/* One trap that applies. */
struct memmaptrap {
	enum memmaptrap_kind kind;
	char text[MEMMAPTRAP_TEXT_MAX]; /* raw: may hold a mount path */
};

/* Does trap kind apply to a? When it does, its sentence goes into buf
 * (size bytes). */
bool memmaptrap_check(enum memmaptrap_kind kind, const struct memmap_all *a,
                      char *buf, size_t size);

/* Every trap that applies, in enum order, into out[0..cap): how many. */
size_t memmaptrap_find(const struct memmap_all *a, struct memmaptrap *out,
                       size_t cap);

/* The trap's short name for JSON ("tmpfs", "no_swap"). */
const char *memmaptrap_name(enum memmaptrap_kind kind);

#endif
