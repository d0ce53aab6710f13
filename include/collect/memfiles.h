/*
 * memfiles: reads what the Memory screen and `--batch --json` show
 * (model/memmapparse.h) under the proc root and the sys root: meminfo,
 * mounts (then statvfs of every tmpfs and ramfs), slabinfo (root only),
 * swaps, sys/vm/swappiness, zram's mm_stat (zram0-7), zswap's "enabled"
 * and debugfs stored_pages (when readable), and the hugepage sizes under
 * kernel/mm/hugepages.
 *
 * Roots: --proc-root DIR (NULL: /proc) and --sys-root DIR (NULL: /sys, or
 * DIR/sysfs under a --proc-root fixture tree, like the cgroup collector's
 * DIR/cgroupfs). Under a fixture proc root statvfs would measure the
 * host, so tmpfs sizes come from the fixture file DIR/tmpfs-usage
 * ("PATH USED_KB SIZE_KB" lines) instead.
 *
 * One memfiles_new allocates all it needs (a 512 KiB read buffer); a read
 * allocates nothing more after the first (which lists the hugepage sizes
 * once). It is called only while the Memory screen is current and once a
 * sample for --batch --json, never in other screens' refresh.
 */
#ifndef OOMWATCH_COLLECT_MEMFILES_H
#define OOMWATCH_COLLECT_MEMFILES_H

#include "model/memmapparse.h"

struct memfiles;

/* A reader over the roots (NULL: the defaults above), or NULL when out of
 * memory. Nothing is read yet. */
struct memfiles *memfiles_new(const char *proc_root, const char *sys_root);

/* Free it (NULL is fine). */
void memfiles_free(struct memfiles *mf);

/* Read every file into *out (cleared first: what cannot be read stays
 * unknown with its errno). */
void memfiles_read(struct memfiles *mf, struct memmap_all *out);

#endif
