/* memrec.c: the Memory screen's data from a recorded sample (see
 * memrec.h). */
#include "model/memrec.h"

/* v when it is a value memmap_parse accepts, else SNAP_NA. */
static int64_t
memrec_value(int64_t v)
{
	return v >= 0 && v <= MEMMAP_VALUE_MAX ? v : SNAP_NA;
}

/* Fill the Memory screen's structs from a recorded sample. */
void
memrec_fill(const struct mem_info *mem, struct memmap_all *a,
            struct memmap_breakdown *b)
{
	int64_t *v = a->mi.v;

	memmapparse_clear(a);
	a->meminfo_err = 0;
	v[MMF_TOTAL] = memrec_value(mem->total_kb);
	v[MMF_FREE] = memrec_value(mem->free_kb);
	v[MMF_AVAILABLE] = memrec_value(mem->available_kb);
	v[MMF_BUFFERS] = memrec_value(mem->buffers_kb);
	v[MMF_CACHED] = memrec_value(mem->cached_kb);
	v[MMF_SHMEM] = memrec_value(mem->shmem_kb);
	v[MMF_ANON] = memrec_value(mem->anon_kb);
	v[MMF_SWAPTOTAL] = memrec_value(mem->swap_total_kb);
	v[MMF_SWAPFREE] = memrec_value(mem->swap_free_kb);
	memmap_breakdown(&a->mi, b);
	/* the rest of MemTotal is the rows the record does not hold */
	b->kb[MMR_UNACCOUNTED] = SNAP_NA;
	b->bar_kb[MMR_UNACCOUNTED] = 0;
}
