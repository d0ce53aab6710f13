/*
 * killfree: what ending a process would give back, from one snapshot row.
 * Pure: no I/O. What is counted:
 *   ram_kb   = RssAnon + VmPTE: private anonymous memory and page tables,
 *              freed when the last user of the address space exits. Pages
 *              still shared copy-on-write with a fork()ed relative are
 *              counted here too, so this is an upper bound ("up to").
 *   shmem_kb = RssShmem: freed only if no other process maps it and no
 *              tmpfs file or SysV segment keeps it ("maybe").
 *   swap_kb  = VmSwap: swap space freed (not RAM).
 * Not counted: RssFile (page cache: it stays cached after the exit and
 * was reclaimable anyway). A process sharing its mm with others
 * (CLONE_VM without threads) frees nothing until they all exit.
 */
#ifndef OOMWATCH_MODEL_KILLFREE_H
#define OOMWATCH_MODEL_KILLFREE_H

#include <stdint.h>

#include "model/snapshot.h"

struct killfree {
	int64_t ram_kb;   /* up to; SNAP_NA when unknown */
	int64_t shmem_kb; /* maybe; SNAP_NA when unknown */
	int64_t swap_kb;  /* SNAP_NA when unknown */
};

/* Fill *out from row (a zombie or kernel thread frees nothing). */
void killfree_estimate(const struct proc_row *row, struct killfree *out);

#endif
