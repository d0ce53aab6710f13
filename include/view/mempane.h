/*
 * mempane: the Memory screen's body (dash_body_memory in view/dash.h):
 * where MemTotal is, from plain structs the screen fills (model/memmap*.h).
 *
 * Lines, top to bottom: one bar of the breakdown (one glyph and theme role
 * per part, never longer than MemTotal), the table (KEY, ROW, SIZE, % of
 * MemTotal, meaning), the counters that overlap, hugepages by size, the
 * tmpfs and ramfs mounts (largest first), the slab caches (or why
 * slabinfo could not be read), swap (areas, zswap, zram, swappiness) and
 * the traps. When they do not fit, they scroll (top) and the last row
 * says how many lines are below. In a replay (unrecorded set) the
 * sections the record does not hold (hugepages, tmpfs, slab, swap) are
 * one line instead, unrecorded's longest form that fits. Every string from the
 * system (mount paths, swap file names, slab names) is drawn through
 * view/draw.h, so through the sanitizer.
 */
#ifndef OOMWATCH_VIEW_MEMPANE_H
#define OOMWATCH_VIEW_MEMPANE_H

#include <stddef.h>

#include "model/layout.h"
#include "model/memmap.h"
#include "model/memmapparse.h"
#include "model/memmaptrap.h"

/* The Memory screen's view: its dash_frame.screen_data (all borrowed). */
struct dash_memory {
	const struct memmap_all *all; /* NULL: nothing read yet */
	const struct memmap_breakdown *bd;
	const struct memmaptrap *traps;
	size_t ntraps;
	size_t top; /* the first line shown */
	/* NULL live; in a replay, the line saying what is not recorded
	 * (forms, longest first, NULL-ended) */
	const char *const *unrecorded;
};

/* The slab caches listed at most. */
#define MEMPANE_SLABS_SHOWN 10

/* How many lines the body has for m (the same at every width). */
size_t mempane_lines(const struct dash_memory *m);

/* How far the body in r can scroll (0: it fits). */
size_t mempane_max_top(const struct dash_memory *m,
                       const struct layout_rect *r);

/* A short name for an errno ("EACCES"; "errno N" for others). */
const char *mempane_errname(int err, char *buf, size_t size);

#endif
