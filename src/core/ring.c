/* ring.c: index arithmetic of a fixed ring (see ring.h). */
#include "core/ring.h"

/* An empty ring of cap slots. */
void
ring_init(struct ring *r, size_t cap)
{
	r->first = r->len = 0;
	r->cap = cap > 0 ? cap : 1;
}

/* Forget every entry. */
void
ring_clear(struct ring *r)
{
	r->first = r->len = 0;
}

/* The slot of a new newest entry, replacing the oldest when full. */
size_t
ring_push(struct ring *r, bool *replaced)
{
	size_t slot;
	bool full = r->len == r->cap;

	if (full) {
		slot = r->first;
		r->first = r->first + 1 == r->cap ? 0 : r->first + 1;
	} else {
		slot = ring_oldest(r, r->len);
		r->len++;
	}
	if (replaced != NULL)
		*replaced = full;
	return slot;
}

/* Drop the newest entry. */
bool
ring_pop_newest(struct ring *r)
{
	if (r->len == 0)
		return false;
	r->len--;
	return true;
}

/* Slot of the i-th oldest entry. */
size_t
ring_oldest(const struct ring *r, size_t i)
{
	size_t k = r->first + i;

	return k >= r->cap ? k - r->cap : k;
}

/* Slot of the i-th newest entry. */
size_t
ring_newest(const struct ring *r, size_t i)
{
	return ring_oldest(r, r->len - 1 - i);
}
