/*
 * pidhash: the one probe of the open-addressing tables keyed by a pid or
 * uid (usercache, cmdcache, cgmap). A table has cap slots, cap a power of
 * two; a key's probe starts at its multiplicative (Fibonacci) hash and
 * moves one slot at a time, wrapping. The table is the caller's: the
 * probe asks the caller what each slot holds.
 */
#ifndef OOMWATCH_CORE_PIDHASH_H
#define OOMWATCH_CORE_PIDHASH_H

#include <stddef.h>
#include <stdint.h>

/* What a slot holds, as the caller's look function sees it. */
enum pidhash_slot {
	PIDHASH_EMPTY, /* nothing: the key is not in the table */
	PIDHASH_OTHER, /* another key: probe on */
	PIDHASH_MATCH, /* the key sought */
};

/* What slot holds, for the key the caller's ctx names. */
typedef enum pidhash_slot (*pidhash_look_fn)(const void *ctx, size_t slot);

/*
 * The first slot on key's probe that look finds EMPTY or MATCH: the
 * key's own, or the empty one where it would go. The table must have a
 * slot that is empty or matches (keep it at most 3/4 full), or the probe
 * never ends.
 */
size_t pidhash_probe(uint32_t key, size_t cap, pidhash_look_fn look,
                     const void *ctx);

#endif
