/*
 * ring: the index arithmetic of a fixed ring over an array the caller
 * owns (cap slots). The ring says which slot to use; the caller keeps
 * the entries. Entries are addressed from the oldest (ring_oldest(r, 0))
 * or from the newest (ring_newest(r, 0)); pushing into a full ring
 * reuses the oldest entry's slot and says so.
 *
 *   struct ring r; ring_init(&r, N);
 *   bool lost; items[ring_push(&r, &lost)] = x;   (lost: oldest replaced)
 *   for (size_t i = 0; i < r.len; i++) use(&items[ring_newest(&r, i)]);
 */
#ifndef OOMWATCH_CORE_RING_H
#define OOMWATCH_CORE_RING_H

#include <stdbool.h>
#include <stddef.h>

struct ring {
	size_t first; /* slot of the oldest entry */
	size_t len;   /* entries held, <= cap */
	size_t cap;   /* slots, >= 1 */
};

/* An empty ring of cap slots (0 is taken as 1). */
void ring_init(struct ring *r, size_t cap);

/* Forget every entry (the capacity stays). */
void ring_clear(struct ring *r);

/*
 * The slot for a new newest entry. When the ring was full that slot held
 * the oldest entry, which is gone now: *replaced (if not NULL) says so.
 */
size_t ring_push(struct ring *r, bool *replaced);

/* Drop the newest entry; false when the ring was empty. */
bool ring_pop_newest(struct ring *r);

/* Slot of the i-th oldest entry (0: the oldest); i must be < r->len. */
size_t ring_oldest(const struct ring *r, size_t i);

/* Slot of the i-th newest entry (0: the newest); i must be < r->len. */
size_t ring_newest(const struct ring *r, size_t i);

#endif
