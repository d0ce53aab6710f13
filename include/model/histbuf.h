/*
 * histbuf: one delta-coded byte buffer of points that share a tick
 * number, in up to HISTBUF_LANES values each (history keeps one per
 * process and tier). Pure; no I/O.
 *
 * The first point is kept outside the bytes (its values are the owner's
 * head array, its tick b->first); the bytes hold each later point as a
 * record:
 *   0x00..0x3f       a run of (byte + 1) points, one tick apart, that
 *                    repeat the previous values (an unchanged refresh
 *                    costs nothing until the run holds 64);
 *   0x40..0x7f       one point one tick later where only lane 0 (and the
 *                    lanes that follow it) moved, by (byte & 0x3f) - 32
 *                    pages of 4 kB: a small change costs one byte;
 *   0x80 | mask      one point one tick later; a zigzag varint delta
 *                    follows for each lane whose bit (1 << lane) is set
 *                    (mask is never 0);
 *   0xc0 | mask      the same with every delta in 4 kB pages (when all
 *                    are multiples of 4: kB values read from page counts);
 *   0xc0, varint k   k ticks were skipped: the next record's first point
 *                    starts after a gap.
 * A lane can follow lane 0 (anon follows RSS): its delta is coded as the
 * difference from lane 0's delta in the same point, so a lane that moves
 * with lane 0 costs nothing. The lane count and the following lanes are
 * the buffer's shape, HISTBUF_SHAPE(lanes, follow mask), which every call
 * on one buffer must pass the same.
 * The owner also keeps the last point's values (its tail array) to code
 * the next delta. Buffers grow by half (geometrically); once a window
 * slides (points trimmed from the front), the trimmed bytes are reclaimed
 * by moving the live ones down, and an oversized buffer shrinks once to
 * about 9/8 of its live bytes, so a full tier stops allocating.
 */
#ifndef OOMWATCH_MODEL_HISTBUF_H
#define OOMWATCH_MODEL_HISTBUF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Lanes a buffer can hold (six bits of a point record's mask). */
#define HISTBUF_LANES 6
/* A buffer's shape: lanes (<= HISTBUF_LANES) and the mask of lanes (> 0)
 * coded relative to lane 0. */
#define HISTBUF_SHAPE(lanes, follow)                                           \
	((unsigned)(lanes) | (unsigned)(follow) << 8)
/* run_at when no run record can be extended. */
#define HISTBUF_NONE UINT32_MAX

struct histbuf {
	uint8_t *buf; /* bytes [off, len) are live; cap allocated */
	uint32_t off, len, cap;
	uint32_t first;  /* the first point's tick (when n > 0) */
	uint32_t last;   /* the last point's tick (when n > 0) */
	uint32_t n;      /* points held */
	uint32_t run_at; /* offset of the run record the next unchanged
	                    point may extend, or HISTBUF_NONE */
};

/* A reader over a buffer's points, oldest first. */
struct histbuf_iter {
	const struct histbuf *b;
	uint32_t pos, left, tick;
	unsigned run_left, shape;
	bool started;
	int64_t vals[HISTBUF_LANES];
};

/*
 * Append a point at tick (> b->last when b holds points) with the values
 * vals of each lane of shape (head and tail are the owner's first and last
 * values). *bytes grows by what the buffer allocates. 0, or -1 when out of
 * memory (b unchanged).
 */
int histbuf_append(struct histbuf *b, unsigned shape, int64_t *head,
                   int64_t *tail, uint32_t tick, const int64_t *vals,
                   size_t *bytes);

/* Drop the points whose tick is before keep (head follows). */
void histbuf_trim(struct histbuf *b, unsigned shape, int64_t *head,
                  uint32_t keep);

/* Move the live bytes to the front and give back spare capacity beyond
 * slack bytes (*bytes shrinks by what was freed). */
void histbuf_shrink(struct histbuf *b, uint32_t slack, size_t *bytes);

/* Start reading b's points (head: its first values). */
void histbuf_iter_init(struct histbuf_iter *it, const struct histbuf *b,
                       unsigned shape, const int64_t *head);

/* The next point into it->tick and it->vals; *gap when a gap comes
 * before it. False when there is none. */
bool histbuf_next(struct histbuf_iter *it, bool *gap);

#endif
