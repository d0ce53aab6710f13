/*
 * memmapparse: the files around /proc/meminfo the Memory screen reads, as
 * text -> fixed arrays. Pure, bounded and fuzz-safe: malformed text is -1
 * (or a line skipped where the format allows it), never a read past len;
 * strings are kept raw (the view and JSON sanitize them).
 *
 *   /proc/mounts         tmpfs and ramfs mounts (octal escapes \040 undone)
 *   /proc/slabinfo       version 2.x: the largest caches by num_objs x objsize
 *   /proc/swaps          every device and file: type, size, used, priority
 *   zram's mm_stat       orig_data_size compr_data_size mem_used_total ...
 *   a usage fixture      "PATH USED_KB SIZE_KB" lines: tmpfs sizes under a
 *                        --proc-root fixture tree, where statvfs would see
 *                        the host
 *
 * struct memmap_all holds everything the screen and --batch show, with
 * caps (MEMMAP_*_MAX): what is past a cap is counted, not kept.
 */
#ifndef OOMWATCH_MODEL_MEMMAPPARSE_H
#define OOMWATCH_MODEL_MEMMAPPARSE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "model/memmap.h"

#define MEMMAP_PATH_MAX 256
#define MEMMAP_MOUNTS_MAX 64
#define MEMMAP_SWAPS_MAX 16
#define MEMMAP_SLABS_MAX 32
#define MEMMAP_ZRAM_MAX 8
#define MEMMAP_HPSIZES_MAX 4

/* A tmpfs or ramfs mount (sizes from statvfs: SNAP_NA when unread). */
struct memmap_mount {
	char path[MEMMAP_PATH_MAX]; /* raw, unescaped */
	char fstype[8];             /* "tmpfs", "ramfs" */
	int64_t used_kb, size_kb;
	int err; /* statvfs's errno, or 0 */
};

/* A slab cache. */
struct memmap_slab {
	char name[64]; /* raw */
	int64_t bytes; /* num_objs x objsize */
	int64_t objs, objsize;
};

/* A swap area. */
struct memmap_swap {
	char name[MEMMAP_PATH_MAX]; /* raw, unescaped */
	char type[16];              /* "partition", "file" */
	int64_t size_kb, used_kb, prio;
};

/* A zram device's mm_stat and disksize (bytes; disksize 0: not set up,
 * SNAP_NA: unread). */
struct memmap_zram {
	int index; /* zramN */
	int64_t orig_bytes, compr_bytes, used_bytes;
	int64_t disksize_bytes;
};

/* One hugepage size from /sys/kernel/mm/hugepages (pages; SNAP_NA). */
struct memmap_hpsize {
	int64_t size_kb, total, free, rsvd, surp;
};

/* Everything the Memory screen shows. Errors are 0 or -errno (-EINVAL:
 * the text was not understood). */
struct memmap_all {
	struct memmap_info mi;
	int meminfo_err;
	struct memmap_mount mounts[MEMMAP_MOUNTS_MAX];
	size_t nmounts, mounts_found; /* kept, seen */
	int mounts_err;
	struct memmap_slab slabs[MEMMAP_SLABS_MAX]; /* largest first */
	size_t nslabs, slab_caches;
	int64_t slab_bytes; /* of every cache */
	int slab_err;
	struct memmap_swap swaps[MEMMAP_SWAPS_MAX];
	size_t nswaps, swaps_found;
	int swaps_err;
	struct memmap_zram zram[MEMMAP_ZRAM_MAX];
	size_t nzram;
	int zswap_enabled;          /* 1, 0, or -1: unknown */
	int64_t zswap_stored_pages; /* debugfs, SNAP_NA unless readable */
	struct memmap_hpsize hp[MEMMAP_HPSIZES_MAX];
	size_t nhp;
	int64_t swappiness; /* SNAP_NA when unread */
};

/* Everything unknown (errors -ENOENT, counts 0). */
void memmapparse_clear(struct memmap_all *a);

/* Undo /proc's octal escapes (\040 space, \011, \012, \134) in src[0..len)
 * into dst (size bytes, NUL-terminated, truncated). */
void memmapparse_unescape(const char *src, size_t len, char *dst, size_t size);

/*
 * /proc/mounts (or /proc/self/mounts): keep the tmpfs and ramfs mounts in
 * out[0..cap) with sizes SNAP_NA; *found counts them all. One row per
 * mount point: the top mount of a stacked path only (the last line for
 * that path, as statvfs of the path measures it); a tmpfs hidden by a
 * later mount of any type on its path is dropped. The number kept, or -1
 * for a line with fewer than three fields.
 */
int memmapparse_mounts(const char *buf, size_t len, struct memmap_mount *out,
                       size_t cap, size_t *found);

/* Sort mounts largest used first (unknown last, then by path). */
void memmapparse_sort_mounts(struct memmap_mount *m, size_t n);

/*
 * /proc/slabinfo version 2.x: the cap largest caches by num_objs x objsize,
 * largest first; *ncaches and *total_bytes over every cache. The number
 * kept, or -1 (another version, a malformed line).
 */
int memmapparse_slabinfo(const char *buf, size_t len, struct memmap_slab *out,
                         size_t cap, size_t *ncaches, int64_t *total_bytes);

/* /proc/swaps (its header line first): the areas kept, *found counts
 * them all; or -1 for a malformed line. */
int memmapparse_swaps(const char *buf, size_t len, struct memmap_swap *out,
                      size_t cap, size_t *found);

/* zram's mm_stat: its first three numbers; 0, or -1 (fewer). */
int memmapparse_mm_stat(const char *buf, size_t len, struct memmap_zram *z);

/* A usage fixture: the line for path gives used and size (kB); 0, or -1
 * (no such line). */
int memmapparse_usage(const char *buf, size_t len, const char *path,
                      int64_t *used_kb, int64_t *size_kb);

#endif
