/* fuzz_memmap.c: libFuzzer harness for the Memory screen's parsers
 * (model/memmap.c, memmapparse.c) and what is derived from them
 * (memmaptrap.c). Every parser runs on the whole input, copied into a
 * buffer of its exact size so a read past the end is caught; kept strings
 * must be NUL-terminated inside their arrays and counts within the caps. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "model/memmap.h"
#include "model/memmapparse.h"
#include "model/memmaptrap.h"

static struct memmap_all all;

/* Abort unless s is NUL-terminated within size bytes. */
static void
terminated(const char *s, size_t size)
{
	if (memchr(s, '\0', size) == NULL)
		abort();
}

/* The table parsers on buf. */
static void
parse_tables(const char *buf, size_t len)
{
	int n;

	n = memmapparse_mounts(buf, len, all.mounts, MEMMAP_MOUNTS_MAX,
	                       &all.mounts_found);
	if (n > MEMMAP_MOUNTS_MAX)
		abort();
	all.nmounts = n > 0 ? (size_t)n : 0;
	for (size_t i = 0; i < all.nmounts; i++) {
		terminated(all.mounts[i].path, sizeof all.mounts[i].path);
		all.mounts[i].used_kb = (int64_t)i * 1048576;
	}
	memmapparse_sort_mounts(all.mounts, all.nmounts);
	n = memmapparse_slabinfo(buf, len, all.slabs, MEMMAP_SLABS_MAX,
	                         &all.slab_caches, &all.slab_bytes);
	if (n > MEMMAP_SLABS_MAX || all.slab_bytes < 0)
		abort();
	all.nslabs = n > 0 ? (size_t)n : 0;
	all.slab_err = 0;
	for (size_t i = 0; i < all.nslabs; i++) {
		terminated(all.slabs[i].name, sizeof all.slabs[i].name);
		if (i > 0 && all.slabs[i].bytes > all.slabs[i - 1].bytes)
			abort(); /* largest first */
	}
	n = memmapparse_swaps(buf, len, all.swaps, MEMMAP_SWAPS_MAX,
	                      &all.swaps_found);
	if (n > MEMMAP_SWAPS_MAX)
		abort();
	for (int i = 0; i < n; i++)
		terminated(all.swaps[i].type, sizeof all.swaps[i].type);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *buf = malloc(size ? size : 1);
	struct memmap_breakdown b;
	struct memmaptrap traps[MMT_COUNT];
	struct memmap_zram z;
	int64_t used, total;
	int64_t sum = 0;

	if (buf == NULL)
		return 0;
	memcpy(buf, data, size);
	memmapparse_clear(&all);
	(void)memmap_parse(buf, size, &all.mi);
	memmap_breakdown(&all.mi, &b);
	for (int r = 0; r < MMR_COUNT; r++)
		sum += b.bar_kb[r];
	if (b.total_kb != SNAP_NA && sum > b.total_kb)
		abort(); /* the bar never adds up to more than MemTotal */
	parse_tables(buf, size);
	(void)memmapparse_mm_stat(buf, size, &z);
	(void)memmapparse_usage(buf, size, "/dev/shm", &used, &total);
	for (size_t i = memmaptrap_find(&all, traps, MMT_COUNT); i > 0; i--)
		terminated(traps[i - 1].text, sizeof traps[i - 1].text);
	free(buf);
	return 0;
}
