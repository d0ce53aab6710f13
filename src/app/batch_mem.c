/* batch_mem.c: the memory breakdown, swaps and tmpfs in --batch --json
 * (see batch_mem.h). */
#include "app/batch_mem.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "collect/memfiles.h"
#include "core/json.h"
#include "model/memmap.h"
#include "model/memmaptrap.h"
#include "view/mempane.h"

/* `"key": int-or-null` with a leading ", " unless first. */
static void
bm_int(FILE *f, const char *key, int64_t v, bool first)
{
	fprintf(f, "%s\"%s\": ", first ? "" : ", ", key);
	json_int_or_null(f, v, SNAP_NA);
}

/* `"key": "string"` with a leading ", " unless first (s raw). */
static void
bm_str(FILE *f, const char *key, const char *s, bool first)
{
	fprintf(f, "%s\"%s\": ", first ? "" : ", ", key);
	json_string(f, s, strlen(s));
}

/* The rows and the overlaps. */
static void
bm_rows(FILE *f, const struct memmap_breakdown *b)
{
	const char *const *list;
	size_t n = memmap_overlaps(&list);

	fputs(", \"rows\": [", f);
	for (int r = 0; r < MMR_COUNT; r++) {
		fputs(r ? ", {" : "{", f);
		bm_str(f, "row", memmap_row_id((enum memmap_row)r), true);
		bm_int(f, "kb", b->kb[r], false);
		bm_int(f, "bar_kb", b->bar_kb[r], false);
		fprintf(f, ", \"summed\": %s",
		        memmap_row_summed((enum memmap_row)r) ? "true"
		                                              : "false");
		bm_str(f, "meaning", memmap_row_meaning((enum memmap_row)r),
		       false);
		fputc('}', f);
	}
	fputs("], \"overlaps\": [", f);
	for (size_t i = 0; i < n; i++) {
		fputs(i ? ", " : "", f);
		json_string(f, list[i], strlen(list[i]));
	}
	fputc(']', f);
}

/* The hugepage sizes and the slab caches. */
static void
bm_hugepages_slab(FILE *f, const struct memmap_all *a)
{
	char e[24];

	fputs(", \"hugepages\": [", f);
	for (size_t i = 0; i < a->nhp; i++) {
		fputs(i ? ", {" : "{", f);
		bm_int(f, "size_kb", a->hp[i].size_kb, true);
		bm_int(f, "total", a->hp[i].total, false);
		bm_int(f, "free", a->hp[i].free, false);
		bm_int(f, "reserved", a->hp[i].rsvd, false);
		bm_int(f, "surplus", a->hp[i].surp, false);
		fputc('}', f);
	}
	fputs("], \"slab\": {\"error\": ", f);
	json_cstr_or_null(
	    f, a->slab_err ? mempane_errname(a->slab_err, e, sizeof e) : NULL);
	bm_int(f, "caches", a->slab_err ? SNAP_NA : (int64_t)a->slab_caches,
	       false);
	bm_int(f, "bytes", a->slab_err ? SNAP_NA : a->slab_bytes, false);
	fputs(", \"top\": [", f);
	for (size_t i = 0; i < a->nslabs && i < MEMPANE_SLABS_SHOWN; i++) {
		fputs(i ? ", {" : "{", f);
		bm_str(f, "name", a->slabs[i].name, true);
		bm_int(f, "bytes", a->slabs[i].bytes, false);
		bm_int(f, "objs", a->slabs[i].objs, false);
		bm_int(f, "objsize", a->slabs[i].objsize, false);
		fputc('}', f);
	}
	fputs("]}", f);
}

/* zswap, zram, swappiness and the traps. */
static void
bm_swap_traps(FILE *f, const struct memmap_all *a)
{
	struct memmaptrap traps[MMT_COUNT];
	size_t n = memmaptrap_find(a, traps, MMT_COUNT);
	char dev[24];

	fprintf(f, ", \"zswap\": {\"enabled\": %s",
	        a->zswap_enabled < 0 ? "null"
	        : a->zswap_enabled   ? "true"
	                             : "false");
	bm_int(f, "pool_kb", a->mi.v[MMF_ZSWAP], false);
	bm_int(f, "stored_kb", a->mi.v[MMF_ZSWAPPED], false);
	bm_int(f, "stored_pages", a->zswap_stored_pages, false);
	fputs("}, \"zram\": [", f);
	for (size_t i = 0; i < a->nzram; i++) {
		snprintf(dev, sizeof dev, "zram%d", a->zram[i].index);
		fputs(i ? ", {" : "{", f);
		bm_str(f, "device", dev, true);
		bm_int(f, "orig_bytes", a->zram[i].orig_bytes, false);
		bm_int(f, "compr_bytes", a->zram[i].compr_bytes, false);
		bm_int(f, "used_bytes", a->zram[i].used_bytes, false);
		bm_int(f, "disksize_bytes", a->zram[i].disksize_bytes, false);
		fputc('}', f);
	}
	fputc(']', f);
	bm_int(f, "swappiness", a->swappiness, false);
	fputs(", \"traps\": [", f);
	for (size_t i = 0; i < n; i++) {
		fputs(i ? ", {" : "{", f);
		bm_str(f, "kind", memmaptrap_name(traps[i].kind), true);
		bm_str(f, "text", traps[i].text, false);
		fputc('}', f);
	}
	fputc(']', f);
}

/* "memory_breakdown". */
static void
bm_breakdown(FILE *f, const struct memmap_all *a)
{
	struct memmap_breakdown b;

	fputs("\"memory_breakdown\": ", f);
	if (a->meminfo_err != 0) {
		fputs("null", f);
		return;
	}
	memmap_breakdown(&a->mi, &b);
	fputc('{', f);
	bm_int(f, "total_kb", b.total_kb, true);
	bm_int(f, "sum_kb", b.sum_kb, false);
	fprintf(f, ", \"over\": %s", b.over ? "true" : "false");
	bm_rows(f, &b);
	bm_hugepages_slab(f, a);
	bm_swap_traps(f, a);
	fputc('}', f);
}

/* "swaps" and "tmpfs". */
static void
bm_swaps_tmpfs(FILE *f, const struct memmap_all *a)
{
	fputs(", \"swaps\": ", f);
	if (a->swaps_err != 0)
		fputs("null", f);
	for (size_t i = 0; a->swaps_err == 0 && i < a->nswaps; i++) {
		fputs(i ? ", {" : "[{", f);
		bm_str(f, "name", a->swaps[i].name, true);
		bm_str(f, "type", a->swaps[i].type, false);
		bm_int(f, "size_kb", a->swaps[i].size_kb, false);
		bm_int(f, "used_kb", a->swaps[i].used_kb, false);
		bm_int(f, "priority", a->swaps[i].prio, false);
		fputc('}', f);
	}
	if (a->swaps_err == 0)
		fputs(a->nswaps ? "]" : "[]", f);
	fputs(", \"tmpfs\": ", f);
	if (a->mounts_err != 0)
		fputs("null", f);
	for (size_t i = 0; a->mounts_err == 0 && i < a->nmounts; i++) {
		fputs(i ? ", {" : "[{", f);
		bm_str(f, "path", a->mounts[i].path, true);
		bm_str(f, "fstype", a->mounts[i].fstype, false);
		bm_int(f, "used_kb", a->mounts[i].used_kb, false);
		bm_int(f, "size_kb", a->mounts[i].size_kb, false);
		fputc('}', f);
	}
	if (a->mounts_err == 0)
		fputs(a->nmounts ? "]" : "[]", f);
}

/* Read and write the three keys. */
void
batch_mem_json(FILE *f, const struct options *opt)
{
	struct memfiles *mf = memfiles_new(opt->proc_root, opt->sys_root);
	struct memmap_all *a = malloc(sizeof *a);

	if (mf == NULL || a == NULL) {
		fputs("\"memory_breakdown\": null, \"swaps\": null, "
		      "\"tmpfs\": null",
		      f);
	} else {
		memfiles_read(mf, a);
		bm_breakdown(f, a);
		bm_swaps_tmpfs(f, a);
	}
	fputs(", ", f);
	free(a);
	memfiles_free(mf);
}
