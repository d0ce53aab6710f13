/*
 * procid: a process identity that survives refreshes and PID reuse: the
 * pid plus the start time (clock ticks after boot, /proc/PID/stat field
 * 22). Two processes with the same identity are the same process. One
 * lookup finds an identity among a caller's records, whatever their
 * layout, through a function that gives record i's identity.
 */
#ifndef OOMWATCH_CORE_PROCID_H
#define OOMWATCH_CORE_PROCID_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct procid {
	int32_t pid;
	uint64_t start_time; /* clock ticks after boot */
};

/* What procid_find returns when no record matches. */
#define PROCID_NONE SIZE_MAX

/* The identity of record i of items (i < the count given). */
typedef struct procid (*procid_at_fn)(const void *items, size_t i);

/* True when a and b name the same process. */
bool procid_eq(struct procid a, struct procid b);

/* The first i < n whose identity (at(items, i)) is id; PROCID_NONE. */
size_t procid_find(const void *items, size_t n, procid_at_fn at,
                   struct procid id);

/* procid_at_fn for an array of struct procid. */
struct procid procid_at(const void *ids, size_t i);

#endif
