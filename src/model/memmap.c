/* memmap.c: /proc/meminfo in full and the breakdown of MemTotal (see
 * memmap.h). */
#include "model/memmap.h"

#include <inttypes.h>
#include <stdio.h>

#include "model/columns.h"
#include "model/textscan.h"

/* In the order of enum memmap_field. */
static const struct textscan_key memmap_keys[MMF_COUNT] = {
    TEXTSCAN_KEY("MemTotal"),        TEXTSCAN_KEY("MemFree"),
    TEXTSCAN_KEY("MemAvailable"),    TEXTSCAN_KEY("Buffers"),
    TEXTSCAN_KEY("Cached"),          TEXTSCAN_KEY("SwapCached"),
    TEXTSCAN_KEY("Active"),          TEXTSCAN_KEY("Inactive"),
    TEXTSCAN_KEY("Unevictable"),     TEXTSCAN_KEY("Mlocked"),
    TEXTSCAN_KEY("SwapTotal"),       TEXTSCAN_KEY("SwapFree"),
    TEXTSCAN_KEY("Zswap"),           TEXTSCAN_KEY("Zswapped"),
    TEXTSCAN_KEY("AnonPages"),       TEXTSCAN_KEY("AnonHugePages"),
    TEXTSCAN_KEY("Shmem"),           TEXTSCAN_KEY("SReclaimable"),
    TEXTSCAN_KEY("SUnreclaim"),      TEXTSCAN_KEY("KernelStack"),
    TEXTSCAN_KEY("PageTables"),      TEXTSCAN_KEY("SecPageTables"),
    TEXTSCAN_KEY("Percpu"),          TEXTSCAN_KEY("VmallocUsed"),
    TEXTSCAN_KEY("HugePages_Total"), TEXTSCAN_KEY("HugePages_Free"),
    TEXTSCAN_KEY("HugePages_Rsvd"),  TEXTSCAN_KEY("HugePages_Surp"),
    TEXTSCAN_KEY("Hugepagesize"),    TEXTSCAN_KEY("Hugetlb"),
};

/* Each row's name and meaning, in the order of enum memmap_row. */
static const struct {
	const char *name, *meaning;
	bool summed;
} memmap_rows[MMR_COUNT] = {
    [MMR_ANON] = {"anon",
                  "process anonymous memory (heap, stacks; AnonHugePages "
                  "inside): swap or kill",
                  true},
    [MMR_CACHE] = {"page cache",
                   "file pages: Cached less Shmem, plus Buffers; "
                   "reclaimable, except ramfs",
                   true},
    [MMR_SHMEM] = {"shmem/tmpfs",
                   "tmpfs, /dev/shm, shared anon and SysV memory: inside "
                   "Cached; swap or delete",
                   true},
    [MMR_SLAB_RECL] = {"slab reclaimable",
                       "kernel caches (dentries, inodes) freed under "
                       "pressure",
                       true},
    [MMR_SLAB_UNRECL] = {"slab unreclaimable",
                         "kernel objects in use: cannot be freed by "
                         "reclaim",
                         true},
    [MMR_KSTACK] = {"kernel stacks", "one per thread (KernelStack)", true},
    [MMR_PAGETABLES] = {"page tables",
                        "address translation of every process "
                        "(+SecPageTables)",
                        true},
    [MMR_PERCPU] = {"percpu", "per-CPU kernel allocations", true},
    [MMR_VMALLOC] = {"vmalloc",
                     "kernel virtual mappings (VmallocUsed): overlaps "
                     "stacks and drivers, not summed",
                     false},
    [MMR_HUGEPAGES] = {"hugepages",
                       "the hugetlb pool, used or not: out of MemFree, "
                       "unusable by other allocations",
                       true},
    [MMR_ZSWAP] = {"zswap pool",
                   "compressed swapped-out pages kept in RAM (Zswap)", true},
    [MMR_FREE] = {"free", "MemFree: unused", true},
    [MMR_UNACCOUNTED] = {"not accounted",
                         "MemTotal less the rows above: drivers (GPU, "
                         "network), unmapped SwapCached",
                         false},
};

/* Every field unknown. */
void
memmap_clear(struct memmap_info *m)
{
	for (size_t i = 0; i < MMF_COUNT; i++)
		m->v[i] = SNAP_NA;
}

/* Parse /proc/meminfo. */
int
memmap_parse(const char *buf, size_t len, struct memmap_info *out)
{
	int64_t v[MMF_COUNT];

	memmap_clear(out);
	if (textscan_keyed(buf, len, ':', memmap_keys, MMF_COUNT, v, SNAP_NA) <
	        0 ||
	    v[MMF_TOTAL] == SNAP_NA || v[MMF_TOTAL] <= 0 ||
	    textscan_any_negative(v, MMF_COUNT, SNAP_NA))
		return -1;
	for (size_t i = 0; i < MMF_COUNT; i++)
		if (v[i] != SNAP_NA && v[i] > MEMMAP_VALUE_MAX)
			return -1;
	for (size_t i = 0; i < MMF_COUNT; i++)
		out->v[i] = v[i];
	return 0;
}

/* a x b without overflow. */
int64_t
memmap_mul(int64_t a, int64_t b)
{
	if (a == SNAP_NA || b == SNAP_NA || a < 0 || b < 0)
		return SNAP_NA;
	if (b > 0 && a > INT64_MAX / b)
		return SNAP_NA;
	return a * b;
}

/* All LRU pages. */
int64_t
memmap_lru_kb(const struct memmap_info *m)
{
	const int64_t *v = m->v;

	if (v[MMF_ACTIVE] == SNAP_NA || v[MMF_INACTIVE] == SNAP_NA)
		return SNAP_NA;
	return v[MMF_ACTIVE] + v[MMF_INACTIVE] +
	       (v[MMF_UNEVICTABLE] == SNAP_NA ? 0 : v[MMF_UNEVICTABLE]);
}

/* The hugetlb pool in kB. */
int64_t
memmap_hugepages_kb(const struct memmap_info *m)
{
	const int64_t *v = m->v;

	if (v[MMF_HUGETLB] != SNAP_NA)
		return v[MMF_HUGETLB];
	return memmap_mul(v[MMF_HP_TOTAL], v[MMF_HP_SIZE]);
}

/* a - b, SNAP_NA when either is; at least 0. */
static int64_t
memmap_sub(int64_t a, int64_t b)
{
	if (a == SNAP_NA || b == SNAP_NA)
		return SNAP_NA;
	return a > b ? a - b : 0;
}

/* a + b where b may be missing (SNAP_NA: a alone). */
static int64_t
memmap_add_opt(int64_t a, int64_t b)
{
	if (a == SNAP_NA || b == SNAP_NA)
		return a;
	return a + b;
}

/* Fill the rows read straight from meminfo. */
static void
memmap_rows_from(const struct memmap_info *m, int64_t *kb)
{
	const int64_t *v = m->v;

	kb[MMR_ANON] = v[MMF_ANON];
	kb[MMR_CACHE] = memmap_add_opt(memmap_sub(v[MMF_CACHED], v[MMF_SHMEM]),
	                               v[MMF_BUFFERS]);
	kb[MMR_SHMEM] = v[MMF_SHMEM];
	kb[MMR_SLAB_RECL] = v[MMF_SRECLAIMABLE];
	kb[MMR_SLAB_UNRECL] = v[MMF_SUNRECLAIM];
	kb[MMR_KSTACK] = v[MMF_KERNELSTACK];
	kb[MMR_PAGETABLES] =
	    memmap_add_opt(v[MMF_PAGETABLES], v[MMF_SECPAGETABLES]);
	kb[MMR_PERCPU] = v[MMF_PERCPU];
	kb[MMR_VMALLOC] = v[MMF_VMALLOCUSED];
	kb[MMR_HUGEPAGES] = memmap_hugepages_kb(m);
	kb[MMR_ZSWAP] = v[MMF_ZSWAP];
	kb[MMR_FREE] = v[MMF_FREE];
	kb[MMR_UNACCOUNTED] = SNAP_NA;
}

/* Split MemTotal into rows, the bar clamped to MemTotal. */
void
memmap_breakdown(const struct memmap_info *m, struct memmap_breakdown *b)
{
	int64_t sum = 0, total = m->v[MMF_TOTAL];

	b->total_kb = total;
	b->sum_kb = 0;
	b->over = false;
	for (size_t i = 0; i < MMR_COUNT; i++)
		b->kb[i] = b->bar_kb[i] = SNAP_NA;
	if (total == SNAP_NA || total <= 0) {
		for (size_t i = 0; i < MMR_COUNT; i++)
			b->bar_kb[i] = 0;
		return;
	}
	memmap_rows_from(m, b->kb);
	for (size_t i = 0; i < MMR_COUNT; i++) {
		b->bar_kb[i] = 0;
		if (memmap_rows[i].summed && b->kb[i] != SNAP_NA)
			sum += b->kb[i];
	}
	b->sum_kb = sum;
	b->over = sum > total;
	b->kb[MMR_UNACCOUNTED] = b->over ? 0 : total - sum;
	for (size_t i = 0; i < MMR_COUNT; i++) {
		if (!memmap_rows[i].summed || b->kb[i] == SNAP_NA)
			continue;
		/* scaled in double: kB totals stay far below 2^53 */
		b->bar_kb[i] = b->over ? (int64_t)((double)b->kb[i] *
		                                   (double)total / (double)sum)
		                       : b->kb[i];
	}
	b->bar_kb[MMR_UNACCOUNTED] = b->kb[MMR_UNACCOUNTED];
}

/* The row's name. */
const char *
memmap_row_name(enum memmap_row r)
{
	return r < MMR_COUNT ? memmap_rows[r].name : "?";
}

/* The row's one-line meaning. */
const char *
memmap_row_meaning(enum memmap_row r)
{
	return r < MMR_COUNT ? memmap_rows[r].meaning : "";
}

/* Whether the row is summed (unaccounted is the remainder, not summed). */
bool
memmap_row_summed(enum memmap_row r)
{
	return r < MMR_COUNT && memmap_rows[r].summed;
}

/* The counters that overlap, one sentence each. */
static const char *const memmap_overlap_list[] = {
    "Shmem is inside Cached: page cache leaves it out",
    "Buffers is file cache: counted in page cache",
    "AnonHugePages is inside AnonPages",
    "Mlocked and Unevictable hold anon, shmem and cache pages",
    "SwapCached overlaps AnonPages",
    "VmallocUsed holds vmap'd kernel stacks: not summed",
    "ramfs pages are in Cached (page cache) and Unevictable: never "
    "reclaimed",
};

/* Which counters overlap. */
size_t
memmap_overlaps(const char *const **list)
{
	*list = memmap_overlap_list;
	return sizeof memmap_overlap_list / sizeof memmap_overlap_list[0];
}

/* The row's JSON key. */
const char *
memmap_row_id(enum memmap_row r)
{
	static const char *const ids[MMR_COUNT] = {"anon",
	                                           "page_cache",
	                                           "shmem",
	                                           "slab_reclaimable",
	                                           "slab_unreclaimable",
	                                           "kernel_stack",
	                                           "page_tables",
	                                           "percpu",
	                                           "vmalloc",
	                                           "hugepages",
	                                           "zswap",
	                                           "free",
	                                           "not_accounted"};

	return r < MMR_COUNT ? ids[r] : "?";
}

/* A short size for sentences. */
const char *
memmap_fmt_kb(int64_t kb, char *buf, size_t size)
{
	if (kb == SNAP_NA)
		snprintf(buf, size, "N/A");
	else
		columns_format_kb(kb, buf, size);
	return buf;
}
