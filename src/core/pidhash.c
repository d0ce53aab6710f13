/* pidhash.c: linear probing from a multiplicative hash (see pidhash.h). */
#include "core/pidhash.h"

/* Walk key's probe until a slot is empty or matches. */
size_t
pidhash_probe(uint32_t key, size_t cap, pidhash_look_fn look, const void *ctx)
{
	size_t mask = cap - 1, i = (key * 2654435761u) & mask;

	while (look(ctx, i) == PIDHASH_OTHER)
		i = (i + 1) & mask;
	return i;
}
